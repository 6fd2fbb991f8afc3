"""Runs of omissions (affine gaps): :func:`.dp.search` with an ``extension`` finds the cheapest
path as a brute-force enumeration of every path scores it, and a passage one version leaves out
is left out in one place."""

from __future__ import annotations

import functools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from enface.align import dp
from enface.align.gale_church import LengthModel, align_pair

SHAPES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
RUNS = st.tuples(*[st.sampled_from([0.0, 0.5, 2.0, math.inf])] * 2)  # what a run's (1, 0), (0, 1) pay on


def _table_cost(table: dict[tuple[int, int, int, int], float]):
    def cost(di: int, dj: int, i: int, columns: np.ndarray) -> np.ndarray:
        return np.array([table.get((di, dj, i, int(j)), 0.0) for j in columns])

    return cost


def _brute(
    n: int,
    m: int,
    penalties: dict[tuple[int, int], float],
    table,
    extension,
    inside: set | None = None,
    edges: tuple[dict[int, float], dict[int, float]] = ({}, {}),
) -> float:
    """The cheapest path by enumerating them all (beads paid as :func:`_pay` says), through the
    nodes ``inside`` only when given (a band); ``edges``: what a run of (1, 0), of (0, 1) beads
    gains where it starts and where it ends, per position of a, of b."""

    def closing(i: int, j: int, last, shape) -> float:  # the gain of a run that ends before ``shape``
        if last == (1, 0) and shape != last:
            return edges[0].get(i, 0.0)
        if last == (0, 1) and shape != last:
            return edges[1].get(j, 0.0)
        return 0.0

    @functools.cache
    def best(i: int, j: int, last: tuple[int, int] | None) -> float:
        if (i, j) == (n, m):
            return -closing(i, j, last, None)
        out = math.inf
        for di, dj in SHAPES:
            if i + di > n or j + dj > m or (inside is not None and (i + di, j + dj) not in inside):
                continue
            pay = _pay((di, dj), last, penalties, extension) - closing(i, j, last, (di, dj))
            if (di, dj) != last:  # a run starts here
                pay -= edges[0].get(i, 0.0) if (di, dj) == (1, 0) else edges[1].get(j, 0.0) if (di, dj) == (0, 1) else 0
            here = pay + table.get((di, dj, i + di, j + dj), 0.0)
            out = min(out, here + best(i + di, j + dj, (di, dj)))
        return out

    return best(0, 0, None)


def _scored(beads, penalties, table, extension) -> float:
    """A path's cost by the brute force's rule."""
    total, last = 0.0, None
    for i0, i1, j0, j1, _ in beads:
        shape = (i1 - i0, j1 - j0)
        total += _pay(shape, last, penalties, extension) + table.get((*shape, i1, j1), 0.0)
        last = shape
    return total


def _pay(shape, last, penalties, extension) -> float:
    """A bead's penalty: a (1, 0) after a (1, 0) pays extension[0], a (0, 1) after a (0, 1)
    extension[1], when less."""
    if extension is not None and shape == last and shape in ((1, 0), (0, 1)):
        return min(extension[shape == (0, 1)], penalties[shape])
    return penalties[shape]


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 6),
    m=st.integers(0, 6),
    seed=st.integers(0, 10_000),
    extension=st.one_of(st.none(), st.tuples(*[st.sampled_from([0.0, 0.5, 2.0, 5.0, math.inf])] * 2)),
)
def test_search_finds_the_cheapest_path_with_runs_of_omissions(n: int, m: int, seed: int, extension) -> None:
    rng = np.random.default_rng(seed)
    penalties = {shape: float(rng.uniform(0.1, 6.0)) for shape in SHAPES}
    table = {
        (di, dj, i, j): float(rng.uniform(-1.0, 4.0)) for di, dj in SHAPES for i in range(n + 1) for j in range(m + 1)
    }
    shapes = [(di, dj, penalties[(di, dj)]) for di, dj in SHAPES]
    found = dp.search(n, m, shapes, _table_cost(table), dp.Band.full(n, m), extension=extension)
    expected = _brute(n, m, penalties, table, extension)
    assert found is not None
    assert sum(cost for *_, cost in found) == _approx(expected)
    assert _scored(found, penalties, table, extension) == _approx(expected)
    position = (0, 0)
    for i0, i1, j0, j1, _ in found:  # a connected path of the allowed shapes
        assert (i0, j0) == position and (i1 - i0, j1 - j0) in SHAPES
        position = (i1, j1)
    assert position == (n, m)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 7),
    m=st.integers(1, 7),
    seed=st.integers(0, 10_000),
    extension=RUNS,
)
def test_search_in_a_band_finds_the_cheapest_path_through_it(n: int, m: int, seed: int, extension) -> None:
    """The same in a band whose rows start at different columns (a run's cost read from the
    row before, in that row's own layout), brute force walking only the band's nodes."""
    rng = np.random.default_rng(seed)
    penalties = {shape: float(rng.uniform(0.1, 6.0)) for shape in SHAPES}
    table = {
        (di, dj, i, j): float(rng.uniform(-1.0, 4.0)) for di, dj in SHAPES for i in range(n + 1) for j in range(m + 1)
    }
    band, inside = _random_band(rng, n, m)
    shapes = [(di, dj, penalties[(di, dj)]) for di, dj in SHAPES]
    found = dp.search(n, m, shapes, _table_cost(table), band, extension=extension)
    expected = _brute(n, m, penalties, table, extension, inside)
    if math.isinf(expected):
        assert found is None
    else:
        assert found is not None and sum(cost for *_, cost in found) == _approx(expected)
        assert all((i1, j1) in inside for _i0, i1, _j0, j1, _ in found)


@settings(max_examples=100, deadline=None)
@given(
    n=st.integers(0, 6),
    m=st.integers(0, 6),
    seed=st.integers(0, 10_000),
    extension=RUNS,
    banded=st.booleans(),
)
def test_search_finds_the_cheapest_path_with_gains_where_runs_start_and_end(
    n: int, m: int, seed: int, extension, banded: bool
) -> None:
    """With ``edges``, a run of omissions gains at the positions of its side where it starts and
    where it ends, once per run whatever its length; the costs reported leave the gains out. A
    side's gain is at most half what extending a run saves (as enface asks of it), so that no
    run closes and opens again in one place to take it twice. In a band too (``banded``), the
    brute force walking only its nodes."""
    rng = np.random.default_rng(seed)
    penalties = {shape: float(rng.uniform(0.1, 6.0)) for shape in SHAPES}
    table = {  # omissions cheap enough to make runs
        (di, dj, i, j): float(rng.uniform(-1.0, 1.0) if 0 in (di, dj) else rng.uniform(-1.0, 4.0))
        for di, dj in SHAPES
        for i in range(n + 1)
        for j in range(m + 1)
    }
    edges: tuple[dict[int, float], dict[int, float]] = ({}, {})
    arrays: list[np.ndarray | None] = [None, None]
    for side, (shape, count) in enumerate((((1, 0), n), ((0, 1), m))):
        saved = penalties[shape] - min(extension[side], penalties[shape])
        if saved > 0:
            gains = {k: float(rng.uniform(0, saved / 2)) for k in range(count + 1) if rng.random() < 0.7}
            edges[side].update(gains)
            arrays[side] = np.array([gains.get(k, 0.0) for k in range(count + 1)])
    band, inside = _random_band(rng, n, m) if banded and n and m else (dp.Band.full(n, m), None)
    shapes = [(di, dj, penalties[(di, dj)]) for di, dj in SHAPES]
    found = dp.search(n, m, shapes, _table_cost(table), band, extension=extension, edges=(arrays[0], arrays[1]))
    expected = _brute(n, m, penalties, table, extension, inside, edges=edges)
    if math.isinf(expected):
        assert found is None
        return
    assert found is not None
    assert _scored(found, penalties, table, extension) - _gains(found, edges) == _approx(expected)
    assert sum(cost for *_, cost in found) == _approx(_scored(found, penalties, table, extension))


def _random_band(rng: np.random.Generator, n: int, m: int) -> tuple[dp.Band, set[tuple[int, int]]]:
    """A band whose rows start at random columns, and the nodes it holds."""
    lo = sorted(int(x) for x in rng.integers(0, m + 1, n + 1))
    hi = [min(m, x + int(rng.integers(1, 4))) for x in lo]
    band = dp.Band.around(lo, hi, m)
    inside = {(i, j) for i in range(n + 1) for j in range(band.lo[i], min(m, band.lo[i] + band.width - 1) + 1)}
    return band, inside


def _gains(beads, edges) -> float:
    """What a path's runs of omissions gain at their ends."""
    total, previous = 0.0, None
    for k, (i0, i1, j0, j1, _) in enumerate(beads):
        shape = (i1 - i0, j1 - j0)
        following = (
            (beads[k + 1][1] - beads[k + 1][0], beads[k + 1][3] - beads[k + 1][2]) if k + 1 < len(beads) else None
        )
        for side, run in enumerate(((1, 0), (0, 1))):
            if shape == run and previous != run:
                total += edges[side].get((i0, j0)[side], 0.0)
            if shape == run and following != run:
                total += edges[side].get((i1, j1)[side], 0.0)
        previous = shape
    return total


def test_a_passage_left_out_starts_and_ends_where_paragraphs_do(monkeypatch) -> None:
    """Six sentences of equal length in paragraphs of three, two and one, four opposite: the two
    left out could stand anywhere, lengths cannot tell; left out as a passage, they are the
    paragraph of two (the gain at both its ends), not a sentence of one paragraph and one of
    the next."""
    a, b = [100] * 6, [100] * 4
    model = LengthModel(ratio=1.0, variance=6.8)
    cuts = ([0, 3, 5, 6], [0, 3, 4], 0.0)  # paragraph starts (and the end); no bonus for beads ending there

    def left_out(**extra) -> list[int]:
        found = align_pair(a, b, model, gap_extension=1.75, joint_cuts=cuts, **extra)
        return [bead.a[0] for bead in found if not bead.b]

    assert left_out() == [3, 4]
    assert sum(bead.cost for bead in align_pair(a, b, model, gap_extension=1.75, joint_cuts=cuts)) == _approx(
        sum(bead.cost for bead in align_pair(a, b, model, gap_extension=1.75))
    )  # the same cost as without paragraphs: the gains are not reported
    from enface.align import gale_church

    monkeypatch.setattr(gale_church, "RUN_EDGE", 0.0)
    assert left_out() != [3, 4]  # without the gains, lengths alone: anywhere


def _approx(value: float):
    import pytest

    return pytest.approx(value, abs=1e-9)


def test_a_passage_left_out_is_left_out_in_one_place() -> None:
    """Twelve paragraphs, the other version without the six in the middle, lengths that leave
    room for doubt: each omission costs its prior wherever it stands, so without runs the
    omissions scatter where lengths fit a little better; with them, one gap."""
    a = [100, 180, 90, 150, 120, 200, 110, 95, 160, 130, 105, 140]
    kept = [0, 1, 2, 9, 10, 11]
    b = [round(a[k] * f) for k, f in zip(kept, (1.25, 0.8, 1.3, 0.75, 1.2, 0.85))]
    model = LengthModel(ratio=1.0, variance=6.8)
    priors = {(1, 1): 0.95, (1, 0): 0.01, (0, 1): 0.01, (2, 1): 0.01, (1, 2): 0.01}
    assert [bead.a[0] for bead in align_pair(a, b, model, priors=priors) if not bead.b] != [3, 4, 5, 6, 7, 8]
    gapped = align_pair(a, b, model, priors=priors, gap_extension=1.0)
    left_out = [bead.a[0] for bead in gapped if len(bead.a) == 1 and not bead.b]
    assert left_out == [3, 4, 5, 6, 7, 8]
    matched = [(bead.a[0], bead.b[0]) for bead in gapped if len(bead.a) == 1 and len(bead.b) == 1]
    assert matched == [(k, x) for x, k in enumerate(kept)]


class _Words:
    """Lexical costs by hand: ``gain`` off each 1-1 bead pairing a's item i with b's item j in
    ``pairs``, nothing elsewhere."""

    def __init__(self, pairs: set[tuple[int, int]], gain: float) -> None:
        self.pairs, self.gain = pairs, gain

    def cost(self, di: int, dj: int, i: int, columns: np.ndarray) -> np.ndarray:
        return np.array([-self.gain if (di, dj) == (1, 1) and (i - 1, j - 1) in self.pairs else 0.0 for j in columns])


def test_runs_of_omissions_are_kept_only_where_the_words_agree_better() -> None:
    """The twelve paragraphs above: the alignment with one run replaces the scattered one when the
    words of its pairs agree better by the margin (RUNS_WORDS_MIN, RUNS_WORDS_SHARE of the words
    without runs), not when they agree worse, nor better by less."""
    from enface.align.gale_church import RUNS_WORDS_MIN, _bead_cost, _left_out_in_runs, _prefix

    a = [100, 180, 90, 150, 120, 200, 110, 95, 160, 130, 105, 140]
    kept = [0, 1, 2, 9, 10, 11]
    b = [round(a[k] * f) for k, f in zip(kept, (1.25, 0.8, 1.3, 0.75, 1.2, 0.85))]
    model = LengthModel(ratio=1.0, variance=6.8)
    priors = {(1, 1): 0.95, (1, 0): 0.01, (0, 1): 0.01, (2, 1): 0.01, (1, 2): 0.01}
    shapes = [(di, dj, -math.log(p)) for (di, dj), p in priors.items()]
    cost = _bead_cost(np.asarray(_prefix(a), dtype=float), np.asarray(_prefix(b), dtype=float), model, None)
    band = dp.Band.full(len(a), len(b))
    scattered = dp.search(len(a), len(b), shapes, cost, band)
    truth = {(k, x) for x, k in enumerate(kept)}
    matched = {(i0, j0) for i0, i1, j0, j1, _ in scattered if (i1 - i0, j1 - j0) == (1, 1)}
    assert matched != truth  # the scattered alignment pairs some paragraphs wrongly

    def left_out(words) -> list[int]:
        found = _left_out_in_runs(scattered, len(a), len(b), shapes, cost, band, words, 1.0)
        return [i0 for i0, i1, j0, j1, _ in found if j1 == j0]

    assert left_out(None) == [3, 4, 5, 6, 7, 8]  # no words: lengths decide, one run
    assert left_out(_Words(truth, 1.0)) == [3, 4, 5, 6, 7, 8]  # the run's pairs translate each other
    assert left_out(_Words(matched, 1.0)) != [3, 4, 5, 6, 7, 8]  # the scattered pairs do
    only = len(truth - matched)  # the pairs the run's alignment alone makes: their gain is its margin
    assert left_out(_Words(truth, RUNS_WORDS_MIN / only * 0.9)) != [3, 4, 5, 6, 7, 8]  # better, by too little


def test_runs_that_leave_both_sides_out_are_not_kept(monkeypatch) -> None:
    """With one side's runs cheaper, an alignment whose omissions grow on the other side too (a
    free rendering read as a passage replaced) is not kept; one that only leaves out alone what
    the alignment without runs joined to a neighbour (2-1 beads) is. The other side may leave
    out at most RUNS_OTHER_SHARE more per item more of the side with runs."""
    from enface.align import gale_church

    def path(shapes: list[tuple[int, int]]) -> list[tuple[int, int, int, int, float]]:
        out, i, j = [], 0, 0
        for di, dj in shapes:
            out.append((i, i + di, j, j + dj, 0.0))
            i, j = i + di, j + dj
        assert (i, j) == (7, 5)
        return out

    plain = path([(1, 1), (2, 1), (1, 1), (2, 1), (1, 1)])  # nothing left out
    one_sided = path([(1, 1), (1, 0), (1, 0), (1, 1), (1, 1), (1, 1), (1, 1)])  # 2 of a alone
    paired = path([(1, 1), (1, 0), (1, 0), (1, 0), (0, 1), (1, 1), (1, 1), (1, 1)])  # 3 of a, 1 of b
    assert gale_church.RUNS_OTHER_SHARE * 3 < 1
    for gapped, kept in ((one_sided, True), (paired, False)):
        monkeypatch.setattr(gale_church.dp, "search", lambda *args, found=gapped, **kwargs: found)
        result = gale_church._left_out_in_runs(plain, 7, 5, [], None, None, None, 1.0)  # no words: lengths decide
        assert (result == gapped) is kept


def _division(seed: int) -> tuple[list[str], list[str], list[int]]:
    """Thirty invented sentences and a version without the ten in the middle, each pair sharing
    two coined words (as names are shared), lengths within a quarter: the other words say nothing."""
    import random

    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "pa", "de", "ro", "li", "ba", "go", "fe"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))

    a: list[str] = []
    b: list[str] = []
    truth: list[int] = []  # the other version's counterpart of each of a's sentences, -1 for none
    for k in range(30):
        n = rng.randint(8, 20)
        shared = [word() + word() for _ in range(2)]
        own = [word() for _ in range(n)]
        a.append(" ".join(own[:3] + shared + own[3:]) + ".")
        if 10 <= k < 20:
            truth.append(-1)
            continue
        other = [word() for _ in range(max(3, round(n * rng.uniform(0.8, 1.25))))]
        truth.append(len(b))
        b.append(" ".join(other[:2] + shared + other[2:]) + ".")
    return a, b, truth


def test_a_passage_left_out_where_versions_are_paragraphed_on_their_own_is_one_run(monkeypatch) -> None:
    """A division aligned sentence by sentence (paragraph ends given, cut every three sentences
    in one version and every five in the other): the ten sentences the other version leaves out
    are left out in one run (SENTENCE_RUN), at most one of them joined to a neighbour at its
    edge, and the sentences around it paired with their own; without runs the omissions scatter
    and sentences stand beside the wrong ones."""
    import enface.align as align

    a, b, truth = _division(4)
    ends = {"fr": [0, *range(3, 30, 3), 30], "de": sorted({0, *range(5, len(b), 5), len(b)})}

    def left_out_and_wrong() -> tuple[list[int], int]:
        beads = align.align_sentences({"fr": a, "de": b}, "fr", ends=ends)
        out = [i for bead in beads if not bead.sentences["de"] for i in bead.sentences["fr"]]
        wrong = sum(
            1
            for bead in beads
            if len(bead.sentences["fr"]) == len(bead.sentences["de"]) == 1
            and truth[bead.sentences["fr"][0]] != bead.sentences["de"][0]
        )
        return out, wrong

    out, wrong = left_out_and_wrong()
    assert out == list(range(out[0], out[0] + len(out))) and set(out) <= set(range(10, 20)) and len(out) >= 9
    assert wrong == 0
    monkeypatch.setattr(align, "SENTENCE_RUN", None)
    out, wrong = left_out_and_wrong()
    assert out != list(range(out[0], out[0] + len(out))) or len(out) < 9
