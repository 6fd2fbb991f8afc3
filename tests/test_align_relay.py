"""A version that shares no words with the pivot is aligned through the one it shares most with."""

from __future__ import annotations

import random

from enface.align import _compose, _relays, learn_document
from enface.align.gale_church import PairBead


def _beads(*spans: tuple[int, int, int, int]) -> list[PairBead]:
    """Pair beads from (a start, a stop, b start, b stop)."""
    return [PairBead(range(a0, a1), range(b0, b1), 0.0) for a0, a1, b0, b1 in spans]


def test_compose_keeps_the_cuts_both_alignments_share() -> None:
    # a–b cuts (0,0) (1,1) (3,2) (4,3); b–c cuts (0,0) (1,2) (2,3) (3,4): through b, a's cuts
    # 1, 3, 4 meet c's 2, 3, 4 (worked out by hand)
    first = _beads((0, 1, 0, 1), (1, 3, 1, 2), (3, 4, 2, 3))
    second = _beads((0, 1, 0, 2), (1, 2, 2, 3), (2, 3, 3, 4))
    composed = _compose(first, second, 4)
    assert [(b.a, b.b) for b in composed] == [
        (range(0, 1), range(0, 2)),
        (range(1, 3), range(2, 3)),
        (range(3, 4), range(3, 4)),
    ]


def test_compose_keeps_omissions_and_insertions() -> None:
    first = _beads((0, 1, 0, 1), (1, 2, 1, 1), (2, 3, 1, 2))
    second = _beads((0, 1, 0, 1), (1, 1, 1, 2), (1, 2, 2, 3))
    composed = _compose(first, second, 3)
    assert [(b.a, b.b) for b in composed] == [
        (range(0, 1), range(0, 1)),
        (range(1, 2), range(1, 1)),
        (range(2, 2), range(1, 2)),
        (range(2, 3), range(2, 3)),
    ]


def _word(rng: random.Random, consonants: str = "bdfgklmnprstvz", vowels: str = "aeiou") -> str:
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))


def _book(seed: int = 3) -> tuple[list[tuple[dict, dict]], dict[str, list[str]]]:
    """Three versions: "xa" and "xb" share half their words, "xc" shares the other half of
    "xb"'s (the names; the rest is words never repeated) and nothing with "xa"."""
    rng = random.Random(seed)
    own = {w: _word(rng) for w in {_word(rng) for _ in range(400)}}
    names = [_word(rng) + "on" for _ in range(300)]
    versions: dict[str, list[str]] = {"xa": [], "xb": [], "xc": []}
    words = list(own)
    for _ in range(60):
        sentence = [(rng.choice(words), rng.choice(names)) for _ in range(rng.randint(4, 12))]
        versions["xa"].append(" ".join(f"{w} {own[w][::-1]}" for w, _ in sentence) + ".")
        versions["xb"].append(" ".join(f"{w} {n}" for w, n in sentence) + ".")
        versions["xc"].append(" ".join(f"{_word(rng, 'ψφχξθ', 'ωη')} {n}" for _, n in sentence) + ".")
    paragraphs = {lang: [" ".join(texts[k : k + 3]) for k in range(0, 60, 3)] for lang, texts in versions.items()}
    segments = {lang: [tuple(texts[k : k + 3]) for k in range(0, 60, 3)] for lang, texts in versions.items()}
    return [(paragraphs, segments)], paragraphs


def test_a_version_without_shared_words_is_aligned_through_another(monkeypatch) -> None:
    # IBM Model 1 learns some chance pairs on 60 random sentences (about 12 % of the types,
    # where a real Japanese or Arabic version against French stays under 3 %)
    monkeypatch.setattr("enface.align.RELAY_DENSITY", 0.2)
    parts, paragraphs = _book()
    lexicons = learn_document(parts, "xa")
    assert set(lexicons.relays) == {"xc"}
    assert lexicons.relays["xc"][0] == "xb"
    # with no weak version there is nothing to relay
    assert _relays(parts, "xa", paragraphs["xa"], {"xb": lexicons.sentences["xb"]}) == {}
