"""A first version whose words say nothing of the others' (no dictionary, no cognate) is not
what they are aligned against: the version whose words say the most is, and the units come in
the edition's order."""

from __future__ import annotations

import pytest

from enface.align.structure import HUB_OUTSAID, HUB_WEAK, _hub, align_structure, what_each_says
from enface.model import Block, Segment, Text

WORDS = ["kalamo", "berino", "tovami", "selupa", "gorine", "maduki", "palero", "ninuta"]


def _version(lang: str, paragraphs: list[tuple[str, int]]) -> Text:
    def sentence(word: str, length: int) -> str:
        return " ".join([word] * max(1, length // (len(word) + 1))).capitalize() + "."

    blocks = tuple(Block("p", (Segment(sentence(word, n)),)) for word, n in paragraphs)
    return Text(lang, "translation", f"{lang}.txt", "0" * 64, blocks=blocks)


def test_versions_are_aligned_against_the_one_whose_words_say_most() -> None:
    """Eight paragraphs. The French and English share a word in each paragraph (cognates); the
    Arabic, first in the edition, shares none, strays in its lengths (0.6-1.6 of the French)
    and leaves out the second paragraph. Aligned against the Arabic, the French and English
    sixth and seventh paragraphs were joined and the omission came out elsewhere (checked with
    the hub turned off); aligned against the French, each paragraph is a unit and the second is
    empty in the Arabic alone."""
    assert 0 < HUB_WEAK < 1
    fr = [200, 250, 200, 250, 300, 200, 250, 150]
    en = [200, 275, 200, 275, 330, 200, 275, 135]
    ar = [120, 120, 200, 240, 160, 400, 120]  # without the French second
    texts = {
        "ar": _version("ar", [("كتابة", n) for n in ar]),
        "fr": _version("fr", list(zip(WORDS, fr))),
        "en": _version("en", list(zip(WORDS, en))),
    }
    units = align_structure(texts, ["ar", "fr", "en"])[1]
    arabic = [(1,), (), (2,), (3,), (4,), (5,), (6,), (7,)]
    assert [(u.paragraphs["ar"], u.paragraphs["fr"], u.paragraphs["en"]) for u in units] == [
        (arabic[k], (k + 1,), (k + 1,)) for k in range(8)
    ]
    assert [list(u.paragraphs) for u in units] == [["ar", "fr", "en"]] * 8  # the edition's order
    assert [bead.kind for u in units for bead in u.beads] == ["1-1-1", "0-1-1"] + ["1-1-1"] * 6


LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _arabic(k: int, j: int) -> str:
    return "".join(LETTERS[(k * 7 + j * q) % len(LETTERS)] for q in (1, 3, 5))


def _mixed(lang: str, paragraphs: list[list[str]]) -> Text:
    blocks = tuple(Block("p", (Segment(" ".join(words * 4).capitalize() + "."),)) for words in paragraphs)
    return Text(lang, "translation", f"{lang}.txt", "0" * 64, blocks=blocks)


@pytest.mark.parametrize("own, kinds, shared", [(3, 8, 1), (1, 1, 8)])
def test_a_first_version_is_the_hub_unless_another_says_many_times_more(own: int, kinds: int, shared: int) -> None:
    """An Arabic first version of eight paragraphs, each with ``own`` words of its own (``kinds``
    sets of them) and the first ``shared`` with a name the French and English have (they share a
    word in every paragraph). With 24 words of its own and one name, the Arabic's words say
    something (over HUB_WEAK), the French's over twice as much: the French is the hub. With one
    word of its own and eight names, the Arabic says over half what the French says, and stays
    the hub."""
    ar = [[_arabic(k % kinds, j) for j in range(own)] + ([WORDS[k]] if k < shared else []) for k in range(8)]
    texts = {
        "ar": _mixed("ar", ar),
        "fr": _mixed("fr", [[word] for word in WORDS]),
        "en": _mixed("en", [[word] for word in WORDS]),
    }
    said = what_each_says(texts, list(texts))
    assert said["ar"] >= HUB_WEAK
    if said["fr"] >= HUB_OUTSAID * said["ar"]:
        assert shared == 1  # the case meant
        assert _hub(texts, ["ar", "fr", "en"]) == "fr"
    else:
        assert shared == 8
        assert _hub(texts, ["ar", "fr", "en"]) == "ar"
