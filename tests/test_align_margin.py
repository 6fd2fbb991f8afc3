"""An uncertain unit end: what the cheapest alignment without a boundary there costs more.

Lengths that fit say nothing of a boundary a paragraph off: each bead of both alignments may
fit. :func:`enface.align.gale_church.align_pair` gives every bead the margin of its end (what
the cheapest alignment of the beads around it that does not end there costs more, in nats: one
bead each side for paragraphs, three where a division's sentences are aligned at once); a unit
whose end has a small margin is marked ``uncertain-end`` in the TEI and listed on the review
page. The expected margins here are computed again from the model's own terms (the priors and
the length cost), by brute force.
"""

from __future__ import annotations

import functools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enface.align import UNCERTAIN_END
from enface.align.gale_church import MARGIN_WINDOW, PARAGRAPH_MARGIN_WINDOW, PRIORS, LengthModel, align_pair

MOVES = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1))


def _price(model: LengthModel, a: list[int], b: list[int], i0: int, i1: int, j0: int, j1: int) -> float:
    """A bead's cost as the paper defines it: −log prior + length cost (0 for a 1-0 or 0-1)."""
    shape = (i1 - i0, j1 - j0)
    if shape not in PRIORS:
        return math.inf
    length = model.match_cost(sum(a[i0:i1]), sum(b[j0:j1])) if shape[0] and shape[1] else 0.0
    return -math.log(PRIORS[shape]) + length


def _expected(model: LengthModel, a: list[int], b: list[int], beads) -> list[float]:
    """The end moved one item (in one text or both) or dropped: alternatives every window holds."""
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


LENGTHS = st.lists(st.integers(5, 400), min_size=1, max_size=9)  # items of one version
RATIOS = st.floats(0.5, 2.0)


@settings(max_examples=80, deadline=None)
@given(a=LENGTHS, b=LENGTHS, ratio=RATIOS)
def test_each_beads_margin_is_at_most_what_its_end_one_item_off_costs_more(
    a: list[int], b: list[int], ratio: float
) -> None:
    """A paragraph bead's window (one bead each side) holds the end moved one item, or none."""
    model = LengthModel(ratio=ratio)
    beads = align_pair(a, b, model, margins=PARAGRAPH_MARGIN_WINDOW)
    expected = _expected(model, a, b, beads)
    for bead, margin in zip(beads, expected):
        assert bead.margin <= margin + 1e-9
        # the DP's path is the cheapest: no alternative is cheaper
        assert bead.margin >= -1e-9


def _window_margins(beads, price, window) -> list[float]:
    """Every path of beads over each end's window (``window(k)``: its first and last bead) that
    no bead ends where the k-th bead ends, enumerated from each point to the window's end and
    priced by ``price(i0, i1, j0, j1)``; what the cheapest costs more than the beads chosen."""
    out = []
    for k in range(len(beads) - 1):
        lo, hi = window(k)
        end = (beads[hi].a.stop, beads[hi].b.stop)
        avoid = (beads[k].a.stop, beads[k].b.stop)

        @functools.cache
        def cheapest(i: int, j: int, end=end, avoid=avoid) -> float:
            if (i, j) == end:
                return 0.0
            options = [math.inf]
            for di, dj in PRIORS:
                step = (i + di, j + dj)
                if step != avoid and step[0] <= end[0] and step[1] <= end[1]:
                    options.append(price(i, step[0], j, step[1]) + cheapest(*step))
            return min(options)

        chosen = sum(price(x.a.start, x.a.stop, x.b.start, x.b.stop) for x in beads[lo : hi + 1])
        out.append(cheapest(beads[lo].a.start, beads[lo].b.start) - chosen)
    return [*out, math.inf]


def _expected_window(model: LengthModel, a: list[int], b: list[int], beads, width: int) -> list[float]:
    """The margins over ``width`` beads up to each end and as many after."""
    return _window_margins(
        beads,
        lambda i0, i1, j0, j1: _price(model, a, b, i0, i1, j0, j1),
        lambda k: (max(0, k - width + 1), min(len(beads) - 1, k + width)),
    )


@settings(max_examples=80, deadline=None)
@given(a=LENGTHS, b=LENGTHS, ratio=RATIOS, width=st.integers(1, 4))
def test_each_margin_is_what_the_best_alignment_of_its_window_without_that_end_costs_more(
    a: list[int], b: list[int], ratio: float, width: int
) -> None:
    """Any other alignment of the beads around the end (one each side for paragraphs,
    MARGIN_WINDOW where a division's sentences are aligned at once); a wider window holds a
    narrower one's alternatives, so its margins are no larger."""
    model = LengthModel(ratio=ratio)
    beads = align_pair(a, b, model, margins=width)
    for bead, margin in zip(beads, _expected_window(model, a, b, beads, width)):
        assert bead.margin == pytest.approx(margin, rel=1e-9, abs=1e-9)
        assert bead.margin >= -1e-9
    if width > 1:
        narrower = align_pair(a, b, model, margins=width - 1)
        assert all(x.margin <= y.margin + 1e-9 for x, y in zip(beads, narrower))


def test_a_boundary_either_side_of_a_middle_paragraph_is_uncertain() -> None:
    """a's middle paragraph is exactly half of b's two: with b's first or second, the lengths
    fit the same (the margin is 0 by symmetry); moved by a clear paragraph, they do not."""
    model = LengthModel(ratio=1.0)
    two = {shape: p for shape, p in PRIORS.items() if max(shape) <= 2}  # as paragraphs are aligned
    beads = align_pair([200, 100, 200], [250, 250], model, priors=two, margins=PARAGRAPH_MARGIN_WINDOW)
    assert [(len(x.a), len(x.b)) for x in beads] in ([(2, 1), (1, 1)], [(1, 1), (2, 1)])
    assert beads[0].margin == pytest.approx(0.0, abs=1e-9)
    clear = align_pair([200, 500, 200], [200, 500, 200], model, priors=two, margins=PARAGRAPH_MARGIN_WINDOW)
    assert [(len(x.a), len(x.b)) for x in clear] == [(1, 1)] * 3
    assert min(x.margin for x in clear[:-1]) > UNCERTAIN_END
    assert clear[-1].margin == math.inf  # the end of the text is no boundary to place
    # not asked for (sentences inside a paragraph bead, where no unit ends): none computed
    assert {x.margin for x in align_pair([200, 100, 200], [250, 250], model, priors=two)} == {math.inf}


def test_the_wider_window_is_used_where_a_divisions_sentences_are_aligned_at_once(monkeypatch) -> None:
    """Sentences aligned over a division with its paragraph ends (versions paragraphed on their
    own, where units end at sentence beads) take MARGIN_WINDOW beads each side; paragraphs one,
    and sentences inside a paragraph bead no margins."""
    from enface.align import align_paragraphs, align_sentences, gale_church

    widths: list[int] = []
    original = gale_church._margins

    def spy(found, bead_cost, priors, width, joint_cuts=None):
        widths.append(width)
        return original(found, bead_cost, priors, width, joint_cuts)

    monkeypatch.setattr(gale_church, "_margins", spy)
    fr = ["Un jour il partit.", "Il marcha longtemps dans la forêt.", "Le soir vint.", "Il dormit."]
    de = ["Eines Tages ging er fort.", "Er lief lange durch den Wald.", "Der Abend kam.", "Er schlief."]
    beads = align_sentences({"fr": fr, "de": de}, "fr", ends={"fr": [0, 2, 4], "de": [0, 1, 4]})
    assert widths and set(widths) == {MARGIN_WINDOW}
    assert any(math.isfinite(bead.margin) for bead in beads)
    widths.clear()
    align_paragraphs({"fr": fr, "de": de}, "fr")
    assert widths and set(widths) == {PARAGRAPH_MARGIN_WINDOW}
    widths.clear()
    align_sentences({"fr": fr, "de": de}, "fr")
    assert widths == []


def _expected_joint(model, a, b, beads, joint, width: int) -> list[float]:
    """Brute force again, the paragraph ends both sides share priced with their bonus (a bead
    with items of both ending at one of ``joint``'s positions of each side), over the window
    that :func:`~enface.align.gale_church._joint_window` gives for a bead ending at such a
    place: back to the bead after the previous one and on to the next, ``width`` beads at least."""
    from enface.align.gale_church import JOINT_MARGIN_WINDOW

    a_cuts, b_cuts, bonus = set(joint[0]), set(joint[1]), joint[2]

    def price(i0: int, i1: int, j0: int, j1: int) -> float:
        shared = i1 > i0 and j1 > j0 and i1 in a_cuts and j1 in b_cuts
        return _price(model, a, b, i0, i1, j0, j1) - (bonus if shared else 0.0)

    shared = [k for k, x in enumerate(beads) if x.a.stop in a_cuts and x.b.stop in b_cuts]

    def window(k: int) -> tuple[int, int]:
        lo, hi = max(0, k - width + 1), min(len(beads) - 1, k + width)
        if k in shared:
            at = shared.index(k)
            start = shared[at - 1] + 1 if at else 0
            stop = shared[at + 1] if at + 1 < len(shared) else len(beads) - 1
            lo = max(min(start, lo), k - JOINT_MARGIN_WINDOW + 1, 0)
            hi = min(max(stop, hi), k + JOINT_MARGIN_WINDOW, len(beads) - 1)
        return lo, hi

    return _window_margins(beads, price, window)


def _ends(draw_cuts: list[bool]) -> list[int]:
    """Paragraph ends (0, the inner ones drawn, the last) of a side with len(draw_cuts) + 1 items."""
    return [0, *(i + 1 for i, cut in enumerate(draw_cuts) if cut), len(draw_cuts) + 1]


@settings(max_examples=60, deadline=None)
@given(
    a=st.lists(st.integers(5, 400), min_size=2, max_size=9),
    b=st.lists(st.integers(5, 400), min_size=2, max_size=9),
    ratio=RATIOS,
    a_cuts=st.lists(st.booleans(), min_size=8, max_size=8),
    b_cuts=st.lists(st.booleans(), min_size=8, max_size=8),
    bonus=st.sampled_from([1.0, 10.0]),
)
def test_a_shared_paragraph_ends_margin_is_taken_from_the_previous_shared_end_to_the_next(
    a: list[int], b: list[int], ratio: float, a_cuts: list[bool], b_cuts: list[bool], bonus: float
) -> None:
    """With ``joint_margins``, the margin of a bead ending where both sides end a paragraph is
    what the best alignment of the stretch between the shared ends around it, without that end,
    costs more; the stretch holds the three beads' window, so no margin is larger."""
    model = LengthModel(ratio=ratio)
    joint = (_ends(a_cuts[: len(a) - 1]), _ends(b_cuts[: len(b) - 1]), bonus)
    beads = align_pair(a, b, model, joint_cuts=joint, margins=MARGIN_WINDOW, joint_margins=True)
    plain = align_pair(a, b, model, joint_cuts=joint, margins=MARGIN_WINDOW)
    assert [(x.a, x.b) for x in beads] == [(x.a, x.b) for x in plain]  # margins only
    for bead, margin, narrower in zip(beads, _expected_joint(model, a, b, beads, joint, MARGIN_WINDOW), plain):
        assert bead.margin == pytest.approx(margin, rel=1e-9, abs=1e-9)
        assert -1e-9 <= bead.margin <= narrower.margin + 1e-9


def test_a_joined_paragraph_that_may_end_one_paragraph_earlier_or_later_has_an_uncertain_end() -> None:
    """a: paragraphs of 2, 6 and 2 sentences; b: two of 6, its paragraph ends taken to be some
    of a's (the bonus that makes them all but certain to end a bead). Both texts read the same
    backwards, so b's first paragraph ending with a's first or with a's second costs the same
    (each alignment is the other reversed): the margin of that end is 0. Three beads each side
    of it do not reach a's other paragraph end: there every other place lost the bonus, and the
    end looked certain."""
    from enface.align import NESTED_END_BONUS

    model = LengthModel(ratio=1.0)
    a = [140, 140] + [140, 140, 60, 60, 140, 140] + [140, 140]
    b = [100, 200, 200, 200, 100, 140] + [140, 100, 200, 200, 200, 100]
    assert a == a[::-1] and b == b[::-1]
    joint = ([0, 2, 8, 10], [0, 6, 12], NESTED_END_BONUS)
    beads = align_pair(a, b, model, joint_cuts=joint, margins=MARGIN_WINDOW, joint_margins=True)
    end = next(x for x in beads if x.b and x.b.stop == 6)
    assert end.a.stop in (2, 8)
    assert end.margin == pytest.approx(0.0, abs=1e-9)
    plain = align_pair(a, b, model, joint_cuts=joint, margins=MARGIN_WINDOW)
    assert next(x for x in plain if x.b and x.b.stop == 6).margin > UNCERTAIN_END
