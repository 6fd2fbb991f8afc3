"""A paragraph alignment's length ratio measured again on its 1-1 beads: a version that leaves out
a long passage makes the two texts' totals say it is written shorter than it is."""

from __future__ import annotations

import pytest

from enface import align
from enface.align import Bead, _one_to_one_ratios, align_paragraphs


def _bead(a: tuple[int, ...], b: tuple[int, ...]) -> Bead:
    return Bead({"xx": a, "yy": b}, f"{len(a)}-{len(b)}", 0.0, 1.0)


def test_the_ratio_is_measured_on_one_to_one_beads_only() -> None:
    """Five 1-1 beads at 2 characters of yy per character of xx; a 3-1 bead and paragraphs left
    out (the passage yy lacks, which the totals count) do not move it."""
    xx = ["a" * n for n in (10, 30, 20, 40, 50, 7, 7, 7, 60, 60)]
    yy = ["b" * n for n in (20, 60, 40, 80, 100, 15)]
    beads = [_bead((k,), (k,)) for k in range(5)] + [_bead((5, 6, 7), (5,)), _bead((8,), ()), _bead((9,), ())]
    assert _one_to_one_ratios(beads, {"xx": xx, "yy": yy}, "xx") == {"yy": pytest.approx(2.0)}
    assert sum(map(len, yy)) / sum(map(len, xx)) < 1.5  # what the totals say
    # fewer 1-1 beads than PARAGRAPH_MIN_BEADS: nothing measured
    assert _one_to_one_ratios(beads[1:], {"xx": xx, "yy": yy}, "xx") == {}


def test_paragraphs_are_aligned_again_when_the_ratio_moved(monkeypatch) -> None:
    """Where the counts differ the DP runs a second time (a paragraph cut in three allowed),
    with the ratio of the first run's 1-1 beads when that lies further than RATIO_MOVED from the
    totals' ratio, else with the totals'; once when the counts are equal (nothing left out to
    skew the totals)."""
    xx = ["a" * n for n in (10, 30, 20, 40, 50, 60, 60, 60)]
    yy = ["b" * n for n in (20, 60, 40, 80, 100)]
    found = [_bead((k,), (k,)) for k in range(5)] + [_bead((k,), ()) for k in (5, 6, 7)]
    used: list[float] = []

    shapes: list[set[tuple[int, int]]] = []

    def fake_align(items, pivot, models, **kwargs):
        used.append(models["yy"].ratio)
        shapes.append(set(kwargs["priors"]))
        return found

    monkeypatch.setattr(align, "_align", fake_align)
    monkeypatch.setattr(align, "paragraph_lexicons", lambda paragraphs, pivot, models, **kwargs: {})
    assert align_paragraphs({"xx": xx, "yy": yy}, "xx") == found
    total = sum(map(len, yy)) / sum(map(len, xx))
    assert used == [pytest.approx(total), pytest.approx(2.0)]
    assert (1, 3) not in shapes[0] and {(1, 3), (3, 1)} <= shapes[1]

    used.clear()
    monkeypatch.setattr(align, "RATIO_MOVED", 1.0)  # |log(2 / 0.89)| = 0.81: not moved enough
    align_paragraphs({"xx": xx, "yy": yy}, "xx")
    assert used == [pytest.approx(total), pytest.approx(total)]

    used.clear()
    monkeypatch.setattr(align, "RATIO_MOVED", 0.1)
    align_paragraphs({"xx": xx[:5], "yy": yy}, "xx")  # as many paragraphs: one run
    assert len(used) == 1
