"""Several versions' paragraph lengths pooled: a third version is aligned against what the sure
versions say each pivot paragraph's length should be, not against the pivot's alone."""

from __future__ import annotations

from enface.align import POOLED_COVERAGE, align_paragraphs
from enface.align.structure import align_structure
from enface.model import Block, Segment, Text


def _text(word: str, length: int) -> str:
    return " ".join([word] * max(1, length // (len(word) + 1)))


def test_a_version_made_from_another_is_aligned_by_both_lengths() -> None:
    """Eight paragraphs. The English shares its words with the French pivot (a sure version);
    the Russian shares none and follows the English paragraph lengths (a translation made from
    the English), its fourth paragraph left out. Against the French lengths alone the omission
    is put elsewhere (checked with the pooling turned off); against the French and English
    lengths pooled it is where it was made."""
    assert 0 < POOLED_COVERAGE <= 1
    fr = [_text("kalamo", n) for n in (200, 250, 150, 250, 150, 300, 150, 250)]
    en = [_text("kalamo", n) for n in (160, 312, 150, 150, 150, 240, 150, 400)]
    ru = [_text("мирра", n) for n in (152, 312, 142, 157, 252, 157, 420)]  # en without its 4th, ±5 %
    expected = [(k, k, k if k < 3 else k - 1) for k in range(8)]
    beads = align_paragraphs({"fr": fr, "en": en, "ru": ru}, "fr")
    got = [(b.sentences["fr"], b.sentences["en"], b.sentences["ru"]) for b in beads]
    assert got == [((f,), (e,), () if k == 3 else (r,)) for k, (f, e, r) in enumerate(expected)]


def _sentence(word: str, length: int) -> str:
    return _text(word, length).capitalize() + "."


def _version(lang: str, word: str, paragraphs: list[list[int]]) -> Text:
    blocks = tuple(Block("p", tuple(Segment(_sentence(word, n)) for n in p)) for p in paragraphs)
    return Text(lang, "translation", f"{lang}.txt", "0" * 64, blocks=blocks)


def test_a_version_paragraphed_on_its_own_is_aligned_by_the_sure_versions_sentences() -> None:
    """Nine paragraphs. The English, paragraphed like the French pivot, shares its words (a sure
    version) but not its sentence lengths; the Russian shares no word, follows the English
    sentence lengths (±5 %) and joins every three paragraphs into one. Its sentences, aligned
    against the French lengths alone, crossed every paragraph end (one unit of everything:
    checked with the pooling turned off); against the French and English lengths pooled, each
    Russian paragraph is a unit with its three French and English ones."""
    fr = [[120, 60, 160], [60, 120], [160, 120, 90, 60], [90, 60], [90, 120, 60], [90, 90]]
    fr += [[120, 120, 90, 120], [160, 90], [120, 120]]
    en = [[72, 60, 96], [36, 72], [256, 192, 72, 96], [112, 48], [112, 72, 75], [112, 144]]
    en += [[150, 192, 90, 96], [128, 90], [96, 96]]
    ru = [[72, 60, 91], [34, 68], [243, 201, 75, 96], [112, 45], [106, 68, 78], [112, 151]]
    ru += [[157, 192, 94, 91], [134, 90], [91, 96]]
    ru_joined = [[n for p in ru[i : i + 3] for n in p] for i in range(0, 9, 3)]
    texts = {"fr": _version("fr", "kalamo", fr), "en": _version("en", "kalamo", en)}
    texts["ru"] = _version("ru", "мирра", ru_joined)
    units = align_structure(texts, ["fr", "en", "ru"])[1]
    three = [(3 * g + 1, 3 * g + 2, 3 * g + 3) for g in range(3)]
    assert [(u.paragraphs["fr"], u.paragraphs["en"], u.paragraphs["ru"]) for u in units] == [
        (three[g], three[g], (g + 1,)) for g in range(3)
    ]
