"""Several versions' paragraph lengths pooled: a third version is aligned against what the sure
versions say each pivot paragraph's length should be, not against the pivot's alone."""

from __future__ import annotations

from enface.align import POOLED_COVERAGE, align_paragraphs


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
