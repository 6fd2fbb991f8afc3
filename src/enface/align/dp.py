"""The alignment dynamic programme on arrays, searched in a band that grows linearly with the text.

Nodes ``(i, j)`` (``i`` items of a and ``j`` of b consumed) are stored row by row: row ``i``
keeps the columns ``lo[i] … lo[i] + width − 1`` (:class:`Band`), so memory is
``(n + 1) · width`` numbers, not ``(n + 1) · (m + 1)``. Each row is computed with numpy, one
bead shape at a time: a cell's cost is the cheapest of ``cost[i − di, j − dj] + penalty(shape)
+ bead_cost(shape, i, j)``, ties going to the shape listed first.

Small problems are searched whole. Long ones are searched as Vecalign does: first a coarse
alignment of *chunks* (runs of :data:`COARSE_CHUNK` consecutive items or more, at most
:data:`COARSE_ROWS` per side), searched whole, then the full alignment inside a band around the coarse path, widened by a margin of
a few chunks' worth of items. A translator who drops a whole chapter moves the path far
from the diagonal; the coarse pass follows it, where a band around the diagonal would need
the width of the whole offset (the reason an earlier band of 2·|n − m| took 1.2 GB).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

FULL_SEARCH_CELLS = 1_000_000  # up to this many nodes, no band
COARSE_CHUNK = 8  # items per chunk in the coarse pass, at least...
COARSE_ROWS = 1000  # ...and at most this many chunks per side (the coarse grid stays ≤ 1M nodes)
MIN_MARGIN = 24  # items either side of the coarse path, at least

# Shapes: (di, dj, penalty). bead_cost(di, dj, i, columns) -> costs for the nodes (i, columns).
# A bead cost may also have ``rows(di, dj, i0, i1, band)``: the costs of rows i0 … i1 − 1 at
# once, [row − i0, x] for the node (row, band.lo[row] + x), each the same number as the call
# for that row would give; :func:`search` then asks for a block of rows at a time.
Shape = tuple[int, int, float]
BeadCost = Callable[[int, int, int, np.ndarray], np.ndarray]
BLOCK_CELLS = 1 << 16  # nodes per block of rows whose bead costs are computed together
BLOCK_MIN_ROWS = 6  # with fewer rows, a row at a time is faster (only the reachable shapes' costs)


@dataclass(frozen=True)
class Band:
    """For each row i, the columns ``lo[i] … lo[i] + width − 1`` (those past m are unused)."""

    lo: np.ndarray  # int64, n + 1 entries, non-decreasing
    width: int
    m: int

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), m + 1, m)

    @classmethod
    def around(cls, lo: Sequence[int], hi: Sequence[int], m: int) -> Band:
        """The band holding columns lo[i] … hi[i] of each row, made connected and monotone."""
        low = np.maximum.accumulate(np.clip(np.asarray(lo, dtype=np.int64), 0, m))
        high = np.minimum.accumulate(np.clip(np.asarray(hi, dtype=np.int64), 0, m)[::-1])[::-1]
        high = np.maximum(high, low)
        low[0] = 0
        high[-1] = m
        high = np.maximum.accumulate(high)
        # connected: each row starts no later than one past where the previous one ends
        for i in range(1, len(low)):
            if low[i] > high[i - 1] + 1:
                low[i] = high[i - 1] + 1
        low = np.minimum(low, high)
        width = int((high - low).max()) + 1
        return cls(low, width, m)

    def columns(self, i: int) -> np.ndarray:
        return self.lo[i] + np.arange(self.width)

    def take(self, array: np.ndarray, row: int, columns: np.ndarray, fill: float) -> np.ndarray:
        """array[row, columns] in band layout, for columns = some row's columns shifted by a
        constant (a contiguous run); ``fill`` where a column is outside ``row``'s part."""
        width = self.width
        offset = int(columns[0] - self.lo[row])  # index in row of the first column
        count = len(columns)
        start, stop = max(0, -offset), min(count, width - offset)
        if start == 0 and stop == count:
            return array[row, offset : offset + count].copy()
        out = np.full(count, fill, dtype=array.dtype)
        if start < stop:
            out[start:stop] = array[row, start + offset : stop + offset]
        return out


def search(
    n: int,
    m: int,
    shapes: Sequence[Shape],
    bead_cost: BeadCost,
    band: Band,
    extension: tuple[float, float] | None = None,
    edges: tuple[np.ndarray | None, np.ndarray | None] | None = None,
) -> list[tuple[int, int, int, int, float]] | None:
    """The cheapest path from (0, 0) to (n, m): beads as (i0, i1, j0, j1, cost), in order.

    ``extension``: what a (1, 0) bead right after a (1, 0) bead pays instead of its shape's
    penalty, and a (0, 1) after a (0, 1), when less (``math.inf``: no less). Gotoh's affine
    gaps: a run of omissions pays its opening once, so that one long passage left out costs
    less than as many omissions scattered (see :func:`.gale_church.align_pair`).
    Returns None when the band does not connect (0, 0) to (n, m).
    """
    width = band.width
    cost = np.full((n + 1, width), np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    gaps = extension is not None
    down_extension, across_extension = extension if extension is not None else (math.inf, math.inf)
    down = across = down_runs = across_runs = None
    if gaps:  # the cheapest path to a node whose last bead is (1, 0) / (0, 1), and whether it extends a run
        down = np.full((n + 1, width), np.inf)
        across = np.full((n + 1, width), np.inf)
        down_runs = np.zeros((n + 1, width), dtype=bool)
        across_runs = np.zeros((n + 1, width), dtype=bool)
    a_edge, b_edge = edges if gaps and edges is not None else (None, None)
    if b_edge is not None:  # past m: no gain (a row's unused columns)
        b_edge = np.concatenate([np.asarray(b_edge, dtype=np.float64), np.zeros(width + 1)])
    along = [s for s, (di, dj, _) in enumerate(shapes) if di == 0]  # (0, 1): within the row
    if any(shapes[s][1] != 1 for s in along):
        raise ValueError("only (0, 1) beads may have an empty first side")
    rows = getattr(bead_cost, "rows", None) if n + 1 >= BLOCK_MIN_ROWS else None
    block = max(1, BLOCK_CELLS // width)
    costs: list[np.ndarray | None] = [None] * len(shapes)  # per shape: rows first … of the block
    firsts = [0] * len(shapes)
    for i in range(n + 1):
        if rows is not None and i % block == 0:  # the bead costs of the next block of rows
            for s, (di, dj, _) in enumerate(shapes):
                firsts[s] = max(i, di)
                end = min(i + block, n + 1)
                costs[s] = rows(di, dj, firsts[s], end, band) if firsts[s] < end else None
        columns = band.columns(i)
        valid = columns <= m
        best = np.full(width, np.inf)
        choice = np.full(width, -1, dtype=np.int8)
        if i == 0:
            best[columns == 0] = 0.0
        for s, (di, dj, penalty) in enumerate(shapes):
            if di == 0 or di > i:
                continue
            previous = band.take(cost, i - di, columns - dj, np.inf)
            reachable = np.isfinite(previous) & valid
            if not reachable.any():
                continue
            here = bead_cost(di, dj, i, columns) if rows is None else costs[s][i - firsts[s]]
            total = np.where(reachable, (previous + penalty) + here, np.inf)
            if gaps and (di, dj) == (1, 0):  # opened here, or a run of them extended
                if a_edge is not None:
                    total = total - a_edge[i - 1]
                extended = band.take(down, i - 1, columns, np.inf) + min(down_extension, penalty) + here
                runs = extended < total
                total = np.where(runs & valid, extended, total)
                down[i] = total
                down_runs[i] = runs
                if a_edge is not None:  # the run may end here
                    total = total - a_edge[i]
            better = total < best
            best[better] = total[better]
            choice[better] = s
        for s in along:  # best[j] = min(best[j], best[j - 1] + step[j]), as a running minimum
            here = bead_cost(0, 1, i, columns) if rows is None else costs[s][i - firsts[s]]
            penalty = shapes[s][2]
            run = min(across_extension, penalty)  # what each bead of a run but its first pays
            step = np.where(valid, run + here, 0.0)
            step[0] = 0.0
            offset = np.cumsum(step)
            gain = b_edge[columns] if b_edge is not None else 0.0  # where a run starts, where it ends
            reduced = np.minimum.accumulate(np.where(np.isfinite(best), best - gain - offset, np.inf))
            chained = np.full(width, np.inf)  # from an earlier column only
            chained[1:] = offset[1:] + reduced[:-1] + (penalty - run)
            if gaps:
                across[i] = np.where(valid, chained, np.inf)
                across_runs[i, 1:] = across[i, :-1] <= (best - gain)[:-1] + (penalty - run)
                chained = chained - gain
            better = (chained < best) & valid
            if i == 0:
                better &= columns > 0
            best[better] = chained[better]
            choice[better] = s
        cost[i] = best
        back[i] = choice
    last = m - band.lo[n]
    if not (0 <= last < width) or not math.isfinite(cost[n, last]):
        return None
    beads = []
    i, j = n, m
    state = cost  # which path's cost the node (i, j) is on: the best, or a run of omissions'
    while (i, j) != (0, 0):
        x = j - band.lo[i]
        if state is cost:
            di, dj, _ = shapes[int(back[i, x])]
            if gaps and (di, dj) == (1, 0):
                state = down
            elif gaps and (di, dj) == (0, 1):
                state = across
        else:
            di, dj = (1, 0) if state is down else (0, 1)
        here = float(state[i, x])
        if state is down and down_runs[i, x]:
            previous = down
        elif state is across and across_runs[i, x]:
            previous = across
        else:
            previous = cost
        there = float(previous[i - di, j - dj - band.lo[i - di]])
        if previous is cost and state is down and a_edge is not None:  # reported without the gains
            here += a_edge[i - 1]
        elif previous is cost and state is across and b_edge is not None:
            here += b_edge[j - 1]
        beads.append((i - di, i, j - dj, j, here - there))
        i, j, state = i - di, j - dj, previous
    beads.reverse()
    return beads


def coarse_band(
    n: int,
    m: int,
    coarse: Callable[[Sequence[int], Sequence[int]], list[tuple[int, int, int, int, float]]],
) -> Band:
    """A band around a coarse alignment of chunks.

    ``coarse(a_cuts, b_cuts)`` aligns the chunks between consecutive cuts (item indexes,
    from 0 to n and 0 to m) and returns chunk beads as :func:`search` does.
    """
    chunks = max(2, min(COARSE_ROWS, math.ceil(max(n, m) / COARSE_CHUNK)))
    a_cuts = sorted({round(k * n / chunks) for k in range(chunks + 1)})
    b_cuts = sorted({round(k * m / chunks) for k in range(chunks + 1)})
    beads = coarse(a_cuts, b_cuts) or []
    step_b = max(1, math.ceil(m / chunks))
    step_a = max(1, math.ceil(n / chunks))
    margin = max(MIN_MARGIN, 2 * max(step_a, step_b))
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i0, i1, j0, j1, _ in beads:
        a_start, a_end = a_cuts[i0], a_cuts[i1]
        b_start, b_end = b_cuts[j0], b_cuts[j1]
        lo[a_start : a_end + 1] = np.minimum(lo[a_start : a_end + 1], b_start - margin)
        hi[a_start : a_end + 1] = np.maximum(hi[a_start : a_end + 1], b_end + margin)
    return Band.around(lo, hi, m)


# --- log tail of the normal distribution, vectorised ------------------------------------------

_STEP = 1 / 128
_LIMIT = 20.0  # beyond x = 20 the asymptotic expansion is exact to double precision


def _table() -> np.ndarray:
    """Cubic Hermite coefficients of log erfc on [k·step, (k + 1)·step], in powers of t ∈ [0, 1)."""
    xs = np.arange(0.0, _LIMIT + 2 * _STEP, _STEP)
    f = np.array([math.log(math.erfc(x)) for x in xs])
    d = np.array([-2 / math.sqrt(math.pi) * math.exp(-x * x) / math.erfc(x) for x in xs]) * _STEP
    f0, f1, d0, d1 = f[:-1], f[1:], d[:-1], d[1:]
    return np.stack([f0, d0, -3 * f0 + 3 * f1 - 2 * d0 - d1, 2 * f0 - 2 * f1 + d0 + d1], axis=1)


_COEFFICIENTS = _table()


def log_erfc(x: np.ndarray) -> np.ndarray:
    """log erfc(x) for x ≥ 0, to about 1e-11 (cubic Hermite on a table; asymptotic past 20)."""
    x = np.asarray(x, dtype=np.float64)
    scaled = x / _STEP
    k = np.minimum(scaled.astype(np.int64), len(_COEFFICIENTS) - 1)
    t = scaled - k
    c = _COEFFICIENTS[k]
    out = ((c[..., 3] * t + c[..., 2]) * t + c[..., 1]) * t + c[..., 0]
    big = x >= _LIMIT
    if big.any():
        out[big] = -x[big] * x[big] - np.log(x[big] * math.sqrt(math.pi))
    return out
