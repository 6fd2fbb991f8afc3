"""A sentence (or paragraph) left alone opposite an empty cell pays for its words that have a
partner right next to it in the other version (:data:`enface.align.lexicon.OMISSION`, which
paragraph alignments pass to :class:`~enface.align.lexicon.PairEvidence`).

Before, a 1-0 or 0-1 bead cost nothing lexical, so the richer the lexicon, the more a bead whose
words all found partners could lose against leaving one of its items alone. The texts are the
synthetic languages of :mod:`test_align_lexical` ("xa", "xb": words that translate one to one).
"""

from __future__ import annotations

import numpy as np
import pytest

from enface.align import LengthModel
from enface.align.dp import Band
from enface.align.gale_church import PRIORS, align_pair
from enface.align.lexicon import OMISSION, WEIGHT, PairEvidence, PairLexicon
from test_align_lexical import XA, XB, parallel

UNKNOWN = "zovaq"  # letters no xa or xb word has: a word with no partner anywhere


def _lexicon(a: list[str], b: list[str]) -> PairLexicon:
    lexicon = PairLexicon("xa", "xb", {x: {y} for x, y in zip(XA, XB)})
    lexicon.weigh(a, b, p1=0.7)
    return lexicon


def _gain(lexicon: PairLexicon, sentence: str, other: str, side: str) -> float:
    """What the words of ``sentence`` with a partner in ``other`` gain in a 1-1 bead (each type once)."""
    chance = lexicon.a_chance if side == "a" else lexicon.b_chance
    queries = lexicon.a_queries if side == "a" else lexicon.b_queries
    own = lexicon.a_tokens(sentence) if side == "a" else lexicon.b_tokens(sentence)
    found = set(lexicon.b_tokens(other) if side == "a" else lexicon.a_tokens(other))
    return sum(
        lexicon.weights(chance.get(token, 0.0), 1)[0] for token in set(own) if any(q in found for q in queries(token))
    )


def test_an_omission_pays_part_of_what_its_words_gain_with_the_neighbour_that_translates_them() -> None:
    assert 0 < OMISSION < 1  # part of the gain: a real omission still stands on its own
    a, b = parallel(12)
    a = [*a[:6], f"{UNKNOWN.capitalize()} {UNKNOWN}a {UNKNOWN}e.", *a[6:]]  # a's sentence 6: in no version of b
    lexicon = _lexicon(a, b)
    prepared = PairEvidence(lexicon, a, b, omission=OMISSION).prepare(Band.full(len(a), len(b)))

    def cost(di: int, dj: int, i: int, j: int) -> float:
        return float(prepared.cost(di, dj, i, np.asarray([j]))[0])

    # a's sentence 3 left alone between b's 2 and 3 (b's 3 translates it): 1-0 bead ending at (4, 3)
    both = _gain(lexicon, a[3], b[3], "a") + _gain(lexicon, b[3], a[3], "b")
    assert both > 0
    assert cost(1, 0, 4, 3) == pytest.approx(WEIGHT * OMISSION * both, rel=1e-5)
    # the same between b's 3 and 4 (b's 3 now before it): the same neighbour, the same cost
    assert cost(1, 0, 4, 4) == pytest.approx(cost(1, 0, 4, 3), rel=1e-6)
    # far from its translation only words met by chance are next to it: it pays for those only
    chance = max(_gain(lexicon, a[3], b[j], "a") + _gain(lexicon, b[j], a[3], "b") for j in (9, 10))
    assert chance < both / 2
    assert cost(1, 0, 4, 10) == pytest.approx(WEIGHT * OMISSION * chance, rel=1e-5, abs=1e-9)
    # b's sentence 3 left alone between a's 3 and 4: the 0-1 bead ending at (4, 4) pays the same
    assert cost(0, 1, 4, 4) == pytest.approx(cost(1, 0, 4, 3), rel=1e-5)
    # the sentence no version translates pays nothing wherever it is left alone
    assert cost(1, 0, 7, 6) == 0.0
    assert cost(1, 0, 7, 7) == 0.0


def test_a_sentence_whose_words_are_all_translated_next_to_it_is_not_left_alone() -> None:
    """b's sentence 20 translates a's 20 and adds a long passage of words a has nowhere: the
    lengths misfit (b's is six times longer) but every word of a's is there. Without the
    omission's cost the DP leaves both alone side by side (1-0 and 0-1, prior only); the words
    say they are one bead."""
    a, b = parallel(40)
    added = " ".join(f"{UNKNOWN}{'aeiou'[x % 5]}{'aeiou'[x // 5 % 5]}" for x in range(27))
    b[20] = f"{b[20].rstrip('.')} {added}."
    lexicon = _lexicon(a, b)
    beads = align_pair(
        [len(s) for s in a],
        [len(s) for s in b],
        LengthModel(ratio=1.05, variance=6.8),
        evidence=PairEvidence(lexicon, a, b, omission=OMISSION),
        priors=PRIORS,
    )
    pairs = [(list(bead.a), list(bead.b)) for bead in beads]
    assert ([20], [20]) in pairs
    assert all(bead.a and bead.b for bead in beads)


def test_no_omission_cost_unless_asked() -> None:
    """Sentences (and the coarse pass) keep the free omission: a 1-0 bead costs nothing lexical."""
    a, b = parallel(12)
    lexicon = _lexicon(a, b)
    prepared = PairEvidence(lexicon, a, b).prepare(Band.full(len(a), len(b)))
    assert float(prepared.cost(1, 0, 4, np.asarray([3]))[0]) == 0.0
    assert float(prepared.cost(0, 1, 4, np.asarray([4]))[0]) == 0.0


def test_omission_costs_by_blocks_of_rows_are_those_of_each_row() -> None:
    """In a band whose rows start at different columns, :meth:`Prepared.rows` gives the very
    numbers of :meth:`Prepared.cost` for the 1-0 and 0-1 beads (the DP asks for either)."""
    a, b = parallel(30)
    b = b[:10] + b[14:]  # b leaves four out: the band bends
    lexicon = _lexicon(a, b)
    n, m = len(a), len(b)
    band = Band.around([max(0, i - 6) for i in range(n + 1)], [i + 3 for i in range(n + 1)], m)
    assert len(set(np.diff(band.lo).tolist())) > 1
    prepared = PairEvidence(lexicon, a, b, omission=OMISSION).prepare(band)
    nonzero = 0.0
    for di, dj in ((1, 0), (0, 1)):
        block = prepared.rows(di, dj, di, n + 1)
        for i in range(di, n + 1):
            row = prepared.cost(di, dj, i, band.columns(i))
            assert np.array_equal(block[i - di], row)
            assert np.array_equal(prepared.rows(di, dj, i, i + 1)[0], row)
            nonzero += float(row.sum())
    assert nonzero > 0


def test_sentences_inside_a_paragraph_pay_for_an_omission_too() -> None:
    """:func:`enface.align.align_sentences` passes :data:`enface.align.SENTENCE_OMISSION` (not
    where a division's sentences are aligned at once): the sentence translated in full, padded
    with words a has nowhere, is one bead with its translation, not two lone ones."""
    from enface.align import SENTENCE_OMISSION, align_sentences

    assert 0 < SENTENCE_OMISSION < 1
    a, b = parallel(40)
    added = " ".join(f"{UNKNOWN}{'aeiou'[x % 5]}{'aeiou'[x // 5 % 5]}" for x in range(27))
    b[20] = f"{b[20].rstrip('.')} {added}."
    beads = align_sentences({"xa": a, "xb": b}, "xa", lexicons={"xb": _lexicon(a, b)})
    assert {"xa": (20,), "xb": (20,)} in [bead.sentences for bead in beads]
    assert all(all(bead.sentences.values()) for bead in beads)
