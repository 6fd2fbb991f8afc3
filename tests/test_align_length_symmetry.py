"""Lengths say the same whichever version is the pivot: δ is measured from the version written
longer (:mod:`enface.align.gale_church`), so two versions align alike either way round.

Gale and Church's δ, measured from a, is δ measured from b times c^1.5: with the default
variance, the version written shorter weighed lengths more as pivot (the Snow Queen's Arabic
against the English: unit boundary F1 0.853 with the Arabic as pivot, 0.992 with the English).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enface.align.gale_church import DEFAULT_VARIANCE, LengthModel, align_pair

lengths = st.lists(st.integers(20, 600), min_size=1, max_size=14)
ratios = st.floats(0.4, 2.5)


@given(a=st.integers(0, 2000), b=st.integers(0, 2000), ratio=ratios, variance=st.floats(1.0, 20.0))
def test_delta_is_the_same_measured_from_either_side(a: int, b: int, ratio: float, variance: float) -> None:
    forward = LengthModel(ratio=ratio, variance=variance)
    backward = LengthModel(ratio=1 / ratio, variance=variance)
    assert forward.delta(a, b) == pytest.approx(-backward.delta(b, a), rel=1e-9, abs=1e-12)
    assert forward.match_cost(a, b) == pytest.approx(backward.match_cost(b, a), rel=1e-9, abs=1e-12)


def test_delta_is_the_longer_sides_gale_church_delta() -> None:
    """From the side written longer, δ is the paper's: (b − c·a) / √(s² · (a + b/c) / 2)."""
    longer = LengthModel(ratio=0.7, variance=DEFAULT_VARIANCE)  # b written shorter: a is the longer
    assert longer.delta(300, 180) == pytest.approx((180 - 0.7 * 300) / math.sqrt(6.8 * (300 + 180 / 0.7) / 2))
    shorter = LengthModel(ratio=1 / 0.7, variance=DEFAULT_VARIANCE)  # the same two, the other way round
    assert shorter.delta(180, 300) == pytest.approx(-longer.delta(300, 180))


@given(pairs=st.lists(st.tuples(st.integers(30, 900), st.floats(0.5, 2.0)), min_size=3, max_size=20))
def test_measured_spread_is_the_same_either_way_round(pairs: list[tuple[int, float]]) -> None:
    a = [length for length, _ in pairs]
    b = [max(1, round(length * factor)) for length, factor in pairs]
    forward = LengthModel.estimate(a, b, paired=True)
    backward = LengthModel.estimate(b, a, paired=True)
    assert forward.ratio == pytest.approx(1 / backward.ratio)
    assert forward.variance == pytest.approx(backward.variance)


@settings(max_examples=60, deadline=None)
@given(a=lengths, b=lengths, ratio=ratios)
def test_two_versions_align_alike_whichever_is_the_pivot(a: list[int], b: list[int], ratio: float) -> None:
    """The cheapest alignment costs the same either way round (which of several equally cheap
    ones is found may differ: equal lengths tie)."""
    forward = align_pair(a, b, LengthModel(ratio=ratio))
    backward = align_pair(b, a, LengthModel(ratio=1 / ratio))
    assert sum(bead.cost for bead in forward) == pytest.approx(sum(bead.cost for bead in backward))


def test_a_beads_confidence_is_measured_from_the_pivot() -> None:
    """The doubt a bead is flagged by stays Gale and Church's, from the pivot: P(|Z| ≥ |δ|) for
    δ = (b − c·a) / √(s²·(a + b/c)/2), s² the median of the pairs' δ²·s² over the median of χ²₁
    (clamped to 1–20). Here the pivot is written shorter (c = 1.34): s² is 5.3 measured from it,
    2.2 from the longer side (the alignment's)."""
    a = [100, 220, 150, 90, 300, 180, 260]
    b = [150, 262, 215, 110, 440, 214, 352]
    model = LengthModel.estimate(a, b, paired=True)
    c = sum(b) / sum(a)
    spread = sorted((y - c * x) ** 2 / ((x + y / c) / 2) for x, y in zip(a, b))
    s2 = min(20.0, max(1.0, spread[len(spread) // 2] / 0.45494))
    x, y = 200, 330
    expected = math.erfc(abs(y - c * x) / math.sqrt(s2 * (x + y / c) / 2) / math.sqrt(2))
    assert c > 1.2 and model.confidence(x, y) == pytest.approx(expected, rel=1e-6)
    default = LengthModel(ratio=c)  # s² not measured: the alignment's δ, from the longer side, is looser
    assert default.fit(x, y) > default.confidence(x, y)
