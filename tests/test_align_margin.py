"""An uncertain unit end: what putting a boundary one item away (or nowhere) costs more.

Lengths that fit say nothing of a boundary a paragraph off: each bead of both alignments may
fit. :func:`enface.align.gale_church.align_pair` gives every bead the margin of its end (what
the cheapest alternative place costs more, in nats); a unit whose end has a small margin is
marked ``uncertain-end`` in the TEI and listed on the review page. The expected margins here
are computed again from the model's own terms (the priors and the length cost), by brute force.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enface.align import UNCERTAIN_END
from enface.align.gale_church import PRIORS, LengthModel, align_pair

MOVES = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1))


def _price(model: LengthModel, a: list[int], b: list[int], i0: int, i1: int, j0: int, j1: int) -> float:
    """A bead's cost as the paper defines it: −log prior + length cost (0 for a 1-0 or 0-1)."""
    shape = (i1 - i0, j1 - j0)
    if shape not in PRIORS:
        return math.inf
    length = model.match_cost(sum(a[i0:i1]), sum(b[j0:j1])) if shape[0] and shape[1] else 0.0
    return -math.log(PRIORS[shape]) + length


def _expected(model: LengthModel, a: list[int], b: list[int], beads) -> list[float]:
    out = []
    for first, second in zip(beads, beads[1:]):
        a0, a1, b0, b1 = first.a.start, first.a.stop, first.b.start, first.b.stop
        c1, d1 = second.a.stop, second.b.stop
        chosen = _price(model, a, b, a0, a1, b0, b1) + _price(model, a, b, a1, c1, b1, d1)
        options = [_price(model, a, b, a0, c1, b0, d1)]  # no boundary there
        for di, dj in MOVES:
            i, j = a1 + di, b1 + dj
            if a0 <= i <= c1 and b0 <= j <= d1 and (i, j) not in ((a0, b0), (c1, d1)):
                options.append(_price(model, a, b, a0, i, b0, j) + _price(model, a, b, i, c1, j, d1))
        out.append(min(options) - chosen)
    return [*out, math.inf]


@settings(max_examples=80, deadline=None)
@given(
    a=st.lists(st.integers(5, 400), min_size=1, max_size=9),
    b=st.lists(st.integers(5, 400), min_size=1, max_size=9),
    ratio=st.floats(0.5, 2.0),
)
def test_each_beads_margin_is_what_its_best_other_end_costs_more(a: list[int], b: list[int], ratio: float) -> None:
    model = LengthModel(ratio=ratio)
    beads = align_pair(a, b, model, margins=True)
    expected = _expected(model, a, b, beads)
    for bead, margin in zip(beads, expected):
        assert bead.margin == pytest.approx(margin, rel=1e-9, abs=1e-9)
        # the DP's path is the cheapest: no alternative is cheaper
        assert bead.margin >= -1e-9


def test_a_boundary_either_side_of_a_middle_paragraph_is_uncertain() -> None:
    """a's middle paragraph is exactly half of b's two: with b's first or second, the lengths
    fit the same (the margin is 0 by symmetry); moved by a clear paragraph, they do not."""
    model = LengthModel(ratio=1.0)
    two = {shape: p for shape, p in PRIORS.items() if max(shape) <= 2}  # as paragraphs are aligned
    beads = align_pair([200, 100, 200], [250, 250], model, priors=two, margins=True)
    assert [(len(x.a), len(x.b)) for x in beads] in ([(2, 1), (1, 1)], [(1, 1), (2, 1)])
    assert beads[0].margin == pytest.approx(0.0, abs=1e-9)
    clear = align_pair([200, 500, 200], [200, 500, 200], model, priors=two, margins=True)
    assert [(len(x.a), len(x.b)) for x in clear] == [(1, 1)] * 3
    assert min(x.margin for x in clear[:-1]) > UNCERTAIN_END
    assert clear[-1].margin == math.inf  # the end of the text is no boundary to place
    # not asked for (sentences inside a paragraph bead, where no unit ends): none computed
    assert {x.margin for x in align_pair([200, 100, 200], [250, 250], model, priors=two)} == {math.inf}
