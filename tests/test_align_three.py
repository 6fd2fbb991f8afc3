"""A paragraph one version cuts in three is one bead (1-3), not a 1-2 bead and a paragraph
opposite nothing."""

from __future__ import annotations

from enface.align import SPLIT_PRIORS, align_paragraphs


def _text(word: str, length: int) -> str:
    return " ".join([word] * (length // (len(word) + 1)))


def test_a_paragraph_cut_in_three_is_one_bead() -> None:
    """Six paragraphs; the other version cuts the third (600 characters) in three, and its
    lengths stray a little from the first's (as a translation's do)."""
    assert {(1, 3), (3, 1)} <= set(SPLIT_PRIORS)
    xx = [_text("kala", n) for n in (120, 300, 600, 200, 150, 250)]
    yy = [_text("mire", n) for n in (125, 290, 190, 210, 205, 195, 145, 260)]
    expected = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3, 4)), ((3,), (5,)), ((4,), (6,)), ((5,), (7,))]
    for pivot in ("xx", "yy"):  # cut in three (1-3) or three joined (3-1)
        beads = align_paragraphs({"xx": xx, "yy": yy}, pivot)
        assert [(b.sentences["xx"], b.sentences["yy"]) for b in beads] == expected, pivot
