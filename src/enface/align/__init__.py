"""Paragraph and sentence alignment of three or more versions of one text.

Every non-pivot language is aligned to the pivot with the Gale–Church length model
(:mod:`.gale_church`) helped, for sentences, by lexical evidence (:mod:`.lexicon`: numbers,
names, cognates, any installed FreeDict dictionary, and a lexicon learned from the text itself
on the confident beads of a first pass); the pairwise alignments are then merged into common
beads by taking the coarsest partition of the pivot that all of them respect. If fr↔id puts
pivot sentences 3 and 4 in one bead and fr↔ru keeps them apart, the merged bead holds 3+4 in
every language: a bead is a unit that reads as the same text in all languages, so it may only
be cut where every pair agrees.

All functions here are pure: lists of strings in, :class:`Bead` lists out.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..segment import split_sentences
from .gale_church import DEFAULT_VARIANCE, PRIORS, LengthModel, PairBead, align_pair
from .lexicon import LEARN_MIN_BEADS, AnchorLexicon, PairEvidence, PairLexicon, learn_pairs

__all__ = [
    "LOW_CONFIDENCE",
    "AlignedParagraph",
    "Bead",
    "LengthModel",
    "align_blocks",
    "align_document",
    "align_paragraphs",
    "align_sentences",
    "estimate_models",
    "learn_lexicons",
]

# Beads whose lengths fit this badly (two-sided tail probability) are shown for checking;
# 1 % keeps chance flags rare while every missing translation (confidence ≈ 0) is shown.
LOW_CONFIDENCE = 0.01
# With equal paragraph counts, a paragraph pair this many standard deviations off its
# expected length is taken as a sign that the texts are not aligned 1:1 after all.
PLAUSIBLE_DELTA = 4.0
# Confident beads of the first pass, on which the lexicon is learned: 1-1, lengths this
# likely or better, between two 1-1 beads (Moore 2002 takes the likeliest 1-1 beads).
CONFIDENT_LENGTH = 0.05
# The first pass only has to find confident 1-1 beads: the common shapes are enough (and
# twice as fast as all of them).
FIRST_PASS_PRIORS = {shape: p for shape, p in PRIORS.items() if max(shape) <= 2}
LEARN_ROUNDS = 1  # first pass, learning, (more rounds: realign, learn again)
# Paragraphs are rarely merged or dropped by translators: 1-1 is even more likely than
# for sentences.
PARAGRAPH_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.95,
    (1, 0): 0.01,
    (0, 1): 0.01,
    (2, 1): 0.01,
    (1, 2): 0.01,
    (2, 2): 0.005,
}


@dataclass(frozen=True)
class Bead:
    """A group of items (sentences or paragraphs) that translate each other.

    ``sentences`` maps each language to the 0-based, contiguous indexes of its items in this
    bead (empty when the language has none here). ``kind`` gives the counts in language order
    ("1-2-1"). ``cost`` is the Gale–Church cost summed over the pairwise beads merged into this
    one (lower is better); ``confidence`` is the worst, over the languages, probability of
    lengths this far from the expected ratio: near 0 for a missing translation or a bad fit.
    """

    sentences: dict[str, tuple[int, ...]]
    kind: str
    cost: float
    confidence: float
    manual: bool = False  # made by hand in the edition's alignment file (see .corrections)

    @property
    def doubtful(self) -> bool:
        """Worth a human look (``enface align --report``)."""
        return self.confidence < LOW_CONFIDENCE

    def texts(self, items: Mapping[str, Sequence[str]]) -> dict[str, str]:
        """Each language's items in this bead, joined by one space ("" when none)."""
        return {lang: " ".join(items[lang][i] for i in indexes) for lang, indexes in self.sentences.items()}


@dataclass(frozen=True)
class AlignedParagraph:
    """One paragraph bead of a document, with its sentences and their alignment."""

    paragraphs: dict[str, tuple[int, ...]]  # 0-based paragraph indexes per language
    sentences: dict[str, tuple[str, ...]]
    beads: tuple[Bead, ...]
    confidence: float  # of the paragraph bead


def estimate_models(items: Mapping[str, Sequence[str]], pivot: str, *, paired: bool) -> dict[str, LengthModel]:
    """A length model per non-pivot language, from these items' lengths (see LengthModel)."""
    _check_pivot(items, pivot)
    pivot_lengths = _lengths(items[pivot])
    return {
        lang: LengthModel.estimate(pivot_lengths, _lengths(texts), paired=paired)
        for lang, texts in items.items()
        if lang != pivot
    }


def align_paragraphs(
    paragraphs: Mapping[str, Sequence[str]], pivot: str, *, models: Mapping[str, LengthModel] | None = None
) -> list[Bead]:
    """Align paragraphs: 1:1 when the counts agree and the lengths fit, else by the DP."""
    _check_pivot(paragraphs, pivot)
    same_count = len({len(texts) for texts in paragraphs.values()}) == 1
    fitted = dict(models) if models is not None else estimate_models(paragraphs, pivot, paired=same_count)
    scoring = fitted if models is not None else _loosened(fitted)
    if same_count and _one_to_one_fits(paragraphs, pivot, fitted):
        return _one_to_one(paragraphs, pivot, scoring)
    return _align(paragraphs, pivot, scoring, priors=PARAGRAPH_PRIORS)


def align_sentences(
    sentences: Mapping[str, Sequence[str]],
    pivot: str,
    *,
    models: Mapping[str, LengthModel] | None = None,
    anchors: bool = True,
    lexical: bool = True,
    lexicons: Mapping[str, PairLexicon] | None = None,
) -> list[Bead]:
    """Align the sentences of one stretch of text (usually one paragraph bead).

    Without ``models`` the length ratio comes from these sentences' totals and the spread is
    Gale–Church's default; :func:`align_document` passes models measured on the whole text.
    Words help the lengths (:mod:`.lexicon`) unless ``anchors`` is false (lengths only);
    ``lexical=False`` keeps only the number/name anchors. ``lexicons`` (pivot–language word
    pairs and weights from :func:`learn_lexicons`) are learned from these sentences when not
    given.
    """
    _check_pivot(sentences, pivot)
    fitted = dict(models) if models is not None else estimate_models(sentences, pivot, paired=False)
    if models is None and anchors and lexical:
        fitted = _refined(sentences, pivot, fitted)
    if anchors and lexical and lexicons is None:
        lexicons = learn_lexicons([sentences], pivot, fitted)
    mode = "lexical" if anchors and lexical else "anchors" if anchors else "none"
    return _align(sentences, pivot, fitted, priors=PRIORS, evidence=mode, lexicons=lexicons)


def learn_lexicons(
    blocks: Sequence[Mapping[str, Sequence[str]]], pivot: str, models: Mapping[str, LengthModel]
) -> dict[str, PairLexicon]:
    """Word evidence between the pivot and each language, from a text's blocks of sentences.

    The blocks (paragraph beads, or one block for a whole text) are aligned a first time
    with numbers, names, cognates and any installed dictionary; a lexicon is then learned from
    the confident 1-1 beads (:func:`.lexicon.learn_pairs`) and the share of words a
    translation matches (``p1``) measured on them.
    """
    languages = [lang for lang in (blocks[0] if blocks else {}) if lang != pivot]
    whole = {lang: [s for block in blocks for s in block.get(lang, ())] for lang in [pivot, *languages]}
    lexicons: dict[str, PairLexicon] = {}
    for lang in languages:
        base = PairLexicon.build(whole[pivot], whole[lang], pivot, lang)
        lexicon = base
        for _ in range(LEARN_ROUNDS):
            confident: list[tuple[str, str]] = []
            for block in blocks:
                a, b = list(block.get(pivot, ())), list(block.get(lang, ()))
                if not a or not b:
                    continue
                evidence = PairEvidence(lexicon, a, b)
                beads = align_pair(_lengths(a), _lengths(b), models[lang], evidence=evidence, priors=FIRST_PASS_PRIORS)
                confident.extend(_confident(beads, a, b, models[lang]))
            if len(confident) < LEARN_MIN_BEADS:
                break
            learned = learn_pairs(confident, pivot, lang)
            lexicon = base.with_pairs(learned, whole[pivot], whole[lang])
            lexicon.weigh(whole[pivot], whole[lang], p1=lexicon.coverage(confident))
        lexicons[lang] = lexicon
    return lexicons


def _refined(
    sentences: Mapping[str, Sequence[str]], pivot: str, models: Mapping[str, LengthModel]
) -> dict[str, LengthModel]:
    """Length ratios measured on the confident 1-1 beads of a first, length-only pass.

    The ratio of the two texts' totals is off by whatever one version leaves out (a passage
    of 60 sentences missing in 260 makes it 0.77 instead of 1.0, and then every bead looks
    too short); the beads that fit well are mostly where the alignment is right.
    """
    out = dict(models)
    for lang, texts in sentences.items():
        a, b = list(sentences[pivot]), list(texts)
        if lang == pivot or min(len(a), len(b)) < 2 * LEARN_MIN_BEADS:
            continue
        beads = align_pair(_lengths(a), _lengths(b), models[lang], priors=FIRST_PASS_PRIORS)
        pairs = _confident(beads, a, b, models[lang])
        if len(pairs) >= LEARN_MIN_BEADS:
            measured = LengthModel.estimate([len(x) for x, _ in pairs], [len(y) for _, y in pairs], paired=True)
            out[lang] = LengthModel(ratio=measured.ratio, variance=models[lang].variance)
    return out


def _confident(
    beads: Sequence[PairBead], a: Sequence[str], b: Sequence[str], model: LengthModel
) -> list[tuple[str, str]]:
    out = []
    for k, bead in enumerate(beads):
        if len(bead.a) != 1 or len(bead.b) != 1:
            continue
        neighbours = [beads[x] for x in (k - 1, k + 1) if 0 <= x < len(beads)]
        if any(len(x.a) != 1 or len(x.b) != 1 for x in neighbours):
            continue
        i, j = bead.a[0], bead.b[0]
        if model.confidence(len(a[i]), len(b[j])) >= CONFIDENT_LENGTH:
            out.append((a[i], b[j]))
    return out


def align_document(
    paragraphs: Mapping[str, Sequence[str]], pivot: str, *, split: Callable[..., list[str]] = split_sentences
) -> list[AlignedParagraph]:
    """Paragraphs, then the sentences inside each paragraph bead.

    Each language's whole text is the segmenter's context, so a word the text writes in lower
    case somewhere is known to be a common word when it follows an initial ("S. Жена").
    """
    _check_pivot(paragraphs, pivot)
    contexts = {lang: "\n".join(texts) for lang, texts in paragraphs.items()}
    segments = {
        lang: [tuple(split(p, lang, context=contexts[lang])) for p in texts] for lang, texts in paragraphs.items()
    }
    return align_blocks(paragraphs, segments, pivot)


def align_blocks(
    paragraphs: Mapping[str, Sequence[str]],
    segments: Mapping[str, Sequence[Sequence[str]]],
    pivot: str,
    *,
    one_to_one: Callable[[Mapping[str, list[int]]], list[Bead] | None] = lambda _chosen: None,
) -> list[AlignedParagraph]:
    """Blocks (paragraphs, stanzas…), then the segments inside each block bead.

    ``segments`` are each block's sentences (or verse lines); ``one_to_one`` may give the
    segment beads of a block bead directly (verse with as many lines everywhere) instead of
    the sentence model.
    """
    _check_pivot(paragraphs, pivot)
    paragraph_beads = align_paragraphs(paragraphs, pivot)
    sentence_models = _sentence_models(paragraphs, pivot, paragraph_beads)
    blocks = [
        {
            lang: tuple(sentence for index in indexes for sentence in segments[lang][index])
            for lang, indexes in paragraph_bead.sentences.items()
        }
        for paragraph_bead in paragraph_beads
    ]
    lexicons = learn_lexicons(blocks, pivot, sentence_models)
    document: list[AlignedParagraph] = []
    for paragraph_bead, sentences in zip(paragraph_beads, blocks):
        chosen = {lang: list(indexes) for lang, indexes in paragraph_bead.sentences.items()}
        beads = one_to_one(chosen) or align_sentences(sentences, pivot, models=sentence_models, lexicons=lexicons)
        document.append(
            AlignedParagraph(
                paragraphs=paragraph_bead.sentences,
                sentences=sentences,
                beads=tuple(beads),
                confidence=paragraph_bead.confidence,
            )
        )
    return document


# --- internals ---------------------------------------------------------------------------


def _check_pivot(items: Mapping[str, Sequence[str]], pivot: str) -> None:
    if pivot not in items:
        raise ValueError(f"pivot language {pivot!r} is not among {sorted(items)}")


def _lengths(texts: Sequence[str]) -> list[int]:
    return [len(text) for text in texts]


def _sentence_models(
    paragraphs: Mapping[str, Sequence[str]], pivot: str, beads: Sequence[Bead]
) -> dict[str, LengthModel]:
    """Sentence length models from the aligned paragraphs of the whole text.

    The ratio c is the document's (paragraph beads present in both languages): a paragraph's
    own ratio is skewed by the very sentence a translator dropped, which is what we must
    find. The spread s² is the one measured on the paragraphs, but never below Gale–Church's
    6.8 (:func:`_loosened`): the measured spread is tighter (1.0–1.5 per character here), and
    on the gold with sentences dropped or merged at random, 6.8 recovered more boundaries.
    """
    both = [bead for bead in beads if all(bead.sentences[lang] for lang in paragraphs)]
    grouped = {
        lang: [sum(len(paragraphs[lang][i]) for i in bead.sentences[lang]) for bead in both] for lang in paragraphs
    }
    return _loosened(
        {lang: LengthModel.estimate(grouped[pivot], grouped[lang], paired=True) for lang in paragraphs if lang != pivot}
    )


def _loosened(models: Mapping[str, LengthModel]) -> dict[str, LengthModel]:
    """The models with s² at least Gale–Church's 6.8, for the DP.

    A tight measured s² serves to spot paragraphs that do not fit 1:1, but in the DP it lets
    two neighbours with opposite length errors merge (a 2-2 bead beats two 1-1 beads at
    |δ| ≈ 2 each): with s² = 1.0, fr↔ru paragraphs 3 and 4 here merged.
    """
    return {
        lang: LengthModel(ratio=model.ratio, variance=max(DEFAULT_VARIANCE, model.variance))
        for lang, model in models.items()
    }


def _one_to_one_fits(items: Mapping[str, Sequence[str]], pivot: str, models: Mapping[str, LengthModel]) -> bool:
    pivot_lengths = _lengths(items[pivot])
    return all(
        abs(models[lang].delta(a, b)) <= PLAUSIBLE_DELTA
        for lang, texts in items.items()
        if lang != pivot
        for a, b in zip(pivot_lengths, _lengths(texts))
    )


def _one_to_one(items: Mapping[str, Sequence[str]], pivot: str, models: Mapping[str, LengthModel]) -> list[Bead]:
    order = list(items)
    pivot_lengths = _lengths(items[pivot])
    beads = []
    for index, a in enumerate(pivot_lengths):
        cost = 0.0
        confidence = 1.0
        for lang in order:
            if lang == pivot:
                continue
            b = len(items[lang][index])
            cost += -math.log(PARAGRAPH_PRIORS[(1, 1)]) + models[lang].match_cost(a, b)
            confidence = min(confidence, models[lang].confidence(a, b))
        beads.append(
            Bead(
                sentences={lang: (index,) for lang in order},
                kind="-".join("1" for _ in order),
                cost=cost,
                confidence=confidence,
            )
        )
    return beads


def _align(
    items: Mapping[str, Sequence[str]],
    pivot: str,
    models: Mapping[str, LengthModel],
    *,
    priors: dict[tuple[int, int], float],
    evidence: str = "none",
    lexicons: Mapping[str, PairLexicon] | None = None,
) -> list[Bead]:
    """Each language against the pivot, then merged; ``evidence``: "lexical", "anchors" or "none"."""
    pivot_lengths = _lengths(items[pivot])
    pairwise: dict[str, list[PairBead]] = {}
    for lang, texts in items.items():
        if lang == pivot:
            continue
        found = None
        if evidence == "lexical" and lexicons is not None and lang in lexicons:
            found = PairEvidence(lexicons[lang], items[pivot], texts)
        elif evidence == "anchors":
            found = PairEvidence(AnchorLexicon(pivot, lang), items[pivot], texts)
        pairwise[lang] = align_pair(pivot_lengths, _lengths(texts), models[lang], evidence=found, priors=priors)
    return _merge(items, pivot, pairwise, models)


def _merge(
    items: Mapping[str, Sequence[str]],
    pivot: str,
    pairwise: Mapping[str, list[PairBead]],
    models: Mapping[str, LengthModel],
) -> list[Bead]:
    """Common beads from pairwise alignments: the coarsest partition of the pivot they all allow.

    A pivot position is a common cut when every pairwise alignment has a bead boundary there.
    Sentences a language adds with no pivot counterpart (0-1 beads) sit at a pivot position:
    at a common cut each stands as a bead of its own, so that a run of untranslated sentences
    stays a run of beads (the k-th added sentence of every language that adds as many there
    share the k-th bead; languages adding different numbers share one bead); elsewhere they
    join the bead around them.
    """
    n = len(items[pivot])
    cut_sets = [{bead.a.start for bead in beads} | {n} for beads in pairwise.values()]
    common = sorted(set.intersection(*cut_sets)) if cut_sets else list(range(n + 1))
    common_set = set(common)
    # (position, 0 insertion | 1 group, k-th insertion there)
    slots: dict[tuple[int, int, int], dict[str, list[int]]] = {}
    costs: dict[tuple[int, int, int], float] = {}
    inserted: dict[int, dict[str, list[PairBead]]] = {}  # position -> language -> its 0-1 beads there

    for k in range(len(common) - 1):
        slots[(common[k], 1, 0)] = {pivot: list(range(common[k], common[k + 1]))}
    for lang, beads in pairwise.items():
        for bead in beads:
            if not bead.a and bead.a.start in common_set:
                inserted.setdefault(bead.a.start, {}).setdefault(lang, []).append(bead)
                continue
            position = bead.a.start if bead.a else bead.a.start - 1
            key = (common[bisect.bisect_right(common, position) - 1], 1, 0)
            slots.setdefault(key, {pivot: []}).setdefault(lang, []).extend(bead.b)
            costs[key] = costs.get(key, 0.0) + bead.cost
    for position, by_lang in inserted.items():
        counts = {len(beads) for beads in by_lang.values()}
        for lang, beads in by_lang.items():
            for k, bead in enumerate(beads):
                key = (position, 0, k if len(counts) == 1 else 0)
                slots.setdefault(key, {pivot: []}).setdefault(lang, []).extend(bead.b)
                costs[key] = costs.get(key, 0.0) + bead.cost
    order = list(items)
    result = []
    for key in sorted(slots):
        members = slots[key]
        sentences = {lang: tuple(members.get(lang, ())) for lang in order}
        result.append(
            Bead(
                sentences=sentences,
                kind="-".join(str(len(sentences[lang])) for lang in order),
                cost=costs.get(key, 0.0),
                confidence=_confidence(items, pivot, sentences, models),
            )
        )
    return result


def _confidence(
    items: Mapping[str, Sequence[str]],
    pivot: str,
    sentences: Mapping[str, tuple[int, ...]],
    models: Mapping[str, LengthModel],
) -> float:
    a = sum(len(items[pivot][i]) for i in sentences[pivot])
    return min(
        (
            models[lang].confidence(a, sum(len(items[lang][i]) for i in indexes))
            for lang, indexes in sentences.items()
            if lang != pivot
        ),
        default=1.0,
    )
