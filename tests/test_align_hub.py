"""A first version whose words say nothing of the others' (no dictionary, no cognate) is not
what they are aligned against: the version whose words say the most is, and the units come in
the edition's order."""

from __future__ import annotations

from enface.align.structure import HUB_WEAK, align_structure
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
