"""Gale–Church length-based alignment of two sequences (sentences or paragraphs).

Gale & Church (1993) observed that a text and its translation have proportional lengths in
characters: for a source segment of length ``a`` the translation's length ``b`` is roughly
normal with mean ``c·a`` and variance ``s²·a``. A dynamic programme then picks the sequence of
*beads* (1-1, 1-2, 2-1, 1-0, 0-1, 2-2, 1-3, 3-1) minimising the sum of

    −log P(bead type) − log P(|Z| ≥ |δ|),   δ = (b − c·a) / √(s² · (a + b/c) / 2)

Differences from the paper, and why:

* ``c`` and ``s²`` are estimated from the texts being aligned (:meth:`LengthModel.estimate`)
  instead of the paper's c = 1, s² = 6.8 for English/French/German: Russian is 12 % shorter
  than French here, and an edition may pair any two languages.
* δ is measured from the version written longer, whichever is the pivot. The paper's δ is
  not symmetric when ``c`` is not 1: measured from b it is δ measured from a divided by c^1.5,
  so with the default ``s²`` one of two versions would weigh lengths c^1.5 times as much as the
  other as pivot (the Snow Queen's Arabic, written 30 % shorter than the English: English pivot
  unit boundary F1 0.992, Arabic pivot 0.853). Measured from the longer side, either pivot
  gives the same alignment; on the bilinguator works, every two versions both ways round (132
  runs), 21 scored better (an Arabic pivot against the French 0.702 → 0.977, the Greek 0.761 →
  0.956; the Tin Soldier's Russian against its Indonesian 0.598 → 0.866), 3 worse (Japanese–
  Arabic 0.809 → 0.780, Arabic–Japanese 0.786 → 0.781, Russian–English 0.976 → 0.973), none of
  the works' usual configurations; Text+Berg dev strict F1 0.910 → 0.909, lax 0.992 → 0.994.
* A 1-0 or 0-1 bead pays its prior only (:data:`INSERTION_COST` for the length term). The
  paper's δ for an empty side is always extreme, which makes a dropped sentence merge into a
  neighbour (2-1) rather than stand alone; on the gold with sentences dropped at random this
  raised boundary recall from 0.79 to 0.83 (local ratio) and 0.88 to 0.93 (document ratio).
* Optional lexical *evidence* (:mod:`.lexicon`: numbers, names, cognates, dictionary and
  learned word pairs) adds to a bead's cost: a bonus for words matched across the bead, a
  charge for informative words left unmatched.
* Optionally (paragraphs), a match that lies alone inside a run of omissions is moved to the
  run's beginning (else its end) when that costs little more (:func:`_islands_to_edges`):
  inside a gap every place costs the same omissions, so short paragraphs' lengths alone would
  pick one anywhere.
* Long inputs are searched in a band around a coarse alignment of chunks (:mod:`.dp`), so
  memory and time grow linearly with the text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from . import dp
from .dp import Band

# Bead types (a items, b items) and their prior probabilities, after Gale & Church's counts;
# 1-3 and 3-1 are rare but occur when a translator splits one long sentence into three, and
# 2-3, 3-2, 3-3, 1-4, 4-1 when sentences are recut across a passage (Text+Berg's gold has
# 21 such beads in 422; with these shapes, strict F1 on its dev set 0.899 → 0.906).
PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
    (3, 1): 0.002,
    (1, 3): 0.002,
    (2, 3): 0.004,
    (3, 2): 0.004,
    (3, 3): 0.002,
    (1, 4): 0.001,
    (4, 1): 0.001,
}
DEFAULT_VARIANCE = 6.8  # Gale & Church's s² for characters
MIN_VARIANCE = 1.0
CHI2_1_MEDIAN = 0.45494  # median of a χ² variable with one degree of freedom
MAX_VARIANCE = 20.0
INSERTION_COST = 0.0  # length term of a 1-0 or 0-1 bead (see align_pair)
# Chunks of the coarse pass (:mod:`.dp`): about as many on each side, so mostly 1-1; a
# chapter one version lacks is a run of 1-0 chunks.
COARSE_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.9,
    (1, 0): 0.02,
    (0, 1): 0.02,
    (2, 1): 0.03,
    (1, 2): 0.03,
}


@dataclass(frozen=True)
class LengthModel:
    """How many characters of language b one character of language a becomes, and how loosely."""

    ratio: float = 1.0  # c: mean characters of b per character of a
    variance: float = DEFAULT_VARIANCE  # s²: variance of b's length per character of the longer side
    pivot_variance: float | None = None  # s² per character of a, as measured from it (None: ``variance``)

    @classmethod
    def estimate(cls, a_lengths: Sequence[int], b_lengths: Sequence[int], *, paired: bool) -> LengthModel:
        """Estimate ``c`` from the totals and, when the items are known pairs, ``s²`` too.

        ``paired`` says that a_lengths[i] and b_lengths[i] are translations of each other
        (paragraphs aligned 1:1): only then can the spread be measured. It is measured
        robustly, as median(δ²·s²)/median(χ²₁), so that a few misaligned pairs (a dropped
        paragraph offsetting the rest) do not inflate it, and clamped.
        """
        total_a, total_b = sum(a_lengths), sum(b_lengths)
        if total_a <= 0 or total_b <= 0:
            return cls()
        ratio = total_b / total_a
        variance = DEFAULT_VARIANCE
        pairs = [(a, b) for a, b in zip(a_lengths, b_lengths) if a > 0 and b > 0]
        if paired and len(pairs) >= 3:
            spread = sorted((b - ratio * a) ** 2 / ((a + b / ratio) / 2) for a, b in pairs)
            median = (spread[(len(spread) - 1) // 2] + spread[len(spread) // 2]) / 2
            variance = min(MAX_VARIANCE, max(MIN_VARIANCE, median / _longer(ratio) / CHI2_1_MEDIAN))
            pivot = min(MAX_VARIANCE, max(MIN_VARIANCE, median / CHI2_1_MEDIAN))
            return cls(ratio=ratio, variance=variance, pivot_variance=pivot)
        return cls(ratio=ratio, variance=variance)

    def delta(self, a: int, b: int) -> float:
        """Standardised length difference of a bead (0 when b is exactly c·a), measured from the
        side written longer (see the module docstring)."""
        return self._delta(a, b, self.variance * _longer(self.ratio))

    def _delta(self, a: int, b: int, variance: float) -> float:
        if a == 0 and b == 0:
            return 0.0
        mean = (a + b / self.ratio) / 2
        return (b - self.ratio * a) / math.sqrt(variance * mean)

    def match_cost(self, a: int, b: int) -> float:
        """−log P(|Z| ≥ |δ|): the surprise of these two lengths being translations."""
        return -_log_two_sided_tail(abs(self.delta(a, b)))

    def match_costs(self, a: float | np.ndarray, b: np.ndarray) -> np.ndarray:
        """:meth:`match_cost` for one length of a against many of b (or a column of lengths
        of a, each against its row of b: the same numbers, element by element)."""
        mean = (a + b / self.ratio) / 2
        spread = np.sqrt(self.variance * _longer(self.ratio) * np.maximum(mean, 1e-300))
        delta = np.abs(b - self.ratio * a) / spread
        out = -dp.log_erfc(delta / math.sqrt(2))
        if np.ndim(a):
            out[(a == 0) & (b == 0)] = 0.0
        elif a == 0:
            out[b == 0] = 0.0
        return out

    def fit(self, a: int, b: int) -> float:
        """P(|Z| ≥ |δ|) in [0, 1]: near 0 means the lengths hardly fit (or a side is empty)."""
        return math.exp(-self.match_cost(a, b))

    def confidence(self, a: int, b: int) -> float:
        """:meth:`fit` with δ measured from a, the pivot, as Gale and Church measure it: how far b's
        length is from what the pivot's predicts, the doubt a bead is flagged by. Measured from
        the version written longer (as the alignment measures it), a sentence an English pivot
        leaves out beside its French and German went unflagged (p 0.10 instead of under 0.01)."""
        variance = self.variance if self.pivot_variance is None else self.pivot_variance
        return math.exp(_log_two_sided_tail(abs(self._delta(a, b, variance))))


def _longer(ratio: float) -> float:
    """The factor on s² that turns δ measured from a into δ measured from the side written
    longer (δ is divided by its square root): c³ when b is (c > 1), else 1 (see the module
    docstring)."""
    return max(ratio, 1.0) ** 3


def _log_two_sided_tail(z: float) -> float:
    """log(2·(1 − Φ(z))) = log erfc(z/√2), without underflow for large z."""
    x = z / math.sqrt(2)
    if x < 20:
        return math.log(max(math.erfc(x), 1e-300))
    return -x * x - math.log(x * math.sqrt(math.pi))  # asymptotic expansion of erfc


@dataclass(frozen=True)
class PairBead:
    """A bead of a two-way alignment: half-open index ranges into each sequence."""

    a: range
    b: range
    cost: float
    # how much dearer (nats) the cheapest alignment without this bead's end is (see _margins)
    margin: float = math.inf


class Evidence(Protocol):
    """Evidence beyond lengths for :func:`align_pair` (:class:`.lexicon.PairEvidence`)."""

    def prepare(self, band: Band) -> Prepared: ...

    def coarse(self, a_cuts: Sequence[int], b_cuts: Sequence[int]) -> Prepared: ...


class Prepared(Protocol):
    def cost(self, di: int, dj: int, i: int, columns: np.ndarray) -> np.ndarray: ...


def align_pair(
    a_lengths: Sequence[int],
    b_lengths: Sequence[int],
    model: LengthModel,
    *,
    evidence: Evidence | None = None,
    priors: dict[tuple[int, int], float] = PRIORS,
    band: bool = True,
    swap_penalty: float = 0.0,
    cut_bonus: Sequence[float] | None = None,
    lone_cut: float = 0.0,
    island_penalty: float = 0.0,
    joint_cuts: tuple[Sequence[int], Sequence[int], float] | None = None,
    gap_extension: float | None = None,
    margins: int = 0,
    joint_margins: bool = False,
    left_out: Sequence[float] | None = None,
) -> list[PairBead]:
    """The cheapest sequence of beads covering both sequences, in order.

    ``evidence`` adds each bead's lexical cost (:mod:`.lexicon`; negative: a bonus). With
    ``band``, long inputs are searched around a coarse alignment (:mod:`.dp`); the full search
    is the fallback. ``swap_penalty`` is what a 1-0 bead costs on top of its prior when a 0-1
    bead lies next to it, or one or two 1-1 beads away (see :func:`_unswapped`). ``cut_bonus[i]``
    (one per position of a, 0 … n) is taken off the cost of an alignment that cuts a at ``i``:
    the other versions' word for a cut there (see :func:`enface.align._consensus`); the beads'
    costs are reported without it. A bonus of at most ``lone_cut`` (the word of too few
    versions) is not earned by a cut that a 1-0 bead follows or ends at: their paragraph end alone
    does not make this version leave out what comes after it or before it (see
    :data:`enface.align.PARAGRAPH_CONSENSUS`). ``joint_cuts`` (positions of a, positions of b, a bonus):
    the bonus is taken off a bead with items of both that ends where both a and b have one of
    those positions (two versions' paragraph ends: where both end a paragraph, their sentences
    are likelier to end a bead); reported without it too. A 1-0 or 0-1 bead takes none: a run of
    them would take it again at every paragraph end it passes (with a bonus of 10, the Snow
    Queen's Russian joined by 3, 138 paragraphs, came out in 239 units, fr-ru unit boundary F1
    0.57). ``island_penalty``: how much more a bead alone inside a gap
    may cost at the gap's edge and still be moved there (see :func:`_islands_to_edges`).
    ``gap_extension``: what each omission after the first of a run pays instead of its prior,
    on the side that leaves more out, when the words then agree better, and at each end at one
    of that side's ``joint_cuts`` positions gains :data:`RUN_EDGE` (see
    :func:`_left_out_in_runs`). With ``margins`` (a number of beads), each bead carries what
    the cheapest alignment of that many beads on each side of its end that does not end there
    costs more (see :func:`_margins`; only where the whole grid is searched). With
    ``joint_margins``, a bead that ends at ``joint_cuts`` positions of both sides has its margin
    taken over the stretch back to the previous such bead and on to the next (see
    :func:`_joint_window`). ``left_out[i]`` (one per item of a) is added to the cost of a bead
    that leaves a's item ``i`` out (the other versions match it: see
    :data:`enface.align.LONE_OMISSION`); reported without it.
    """
    n, m = len(a_lengths), len(b_lengths)
    prefix_a = np.asarray(_prefix(a_lengths), dtype=np.float64)
    prefix_b = np.asarray(_prefix(b_lengths), dtype=np.float64)
    shapes = [(di, dj, -math.log(p)) for (di, dj), p in priors.items()]
    whole = not band or (n + 1) * (m + 1) <= dp.FULL_SEARCH_CELLS or n == 0 or m == 0
    if whole:
        search_band = dp.Band.full(n, m)
    else:

        def coarse(a_cuts: Sequence[int], b_cuts: Sequence[int]) -> list[tuple[int, int, int, int, float]] | None:
            a_chunks = [int(prefix_a[b] - prefix_a[a]) for a, b in zip(a_cuts, a_cuts[1:])]
            b_chunks = [int(prefix_b[b] - prefix_b[a]) for a, b in zip(b_cuts, b_cuts[1:])]
            prepared = evidence.coarse(a_cuts, b_cuts) if evidence is not None else None
            chunk_shapes = [(di, dj, -math.log(p)) for (di, dj), p in COARSE_PRIORS.items()]
            cost = _bead_cost(
                np.asarray(_prefix(a_chunks), dtype=np.float64),
                np.asarray(_prefix(b_chunks), dtype=np.float64),
                model,
                prepared,
            )
            return dp.search(
                len(a_chunks), len(b_chunks), chunk_shapes, cost, dp.Band.full(len(a_chunks), len(b_chunks))
            )

        search_band = dp.coarse_band(n, m, coarse)
    prepared = evidence.prepare(search_band) if evidence is not None else None
    bonus = np.asarray(cut_bonus, dtype=np.float64) if cut_bonus is not None else None
    lone = np.where(bonus <= lone_cut, bonus, 0.0) if bonus is not None and lone_cut > 0 else None
    joint = _joint_masks(joint_cuts, n, m, search_band.width)
    dearer = np.asarray(_prefix(left_out), dtype=np.float64) if left_out is not None else None
    bead_cost = _bead_cost(prefix_a, prefix_b, model, prepared, bonus, joint, lone, dearer)
    found = dp.search(n, m, shapes, bead_cost, search_band)
    if gap_extension is not None and found is not None:
        found = _left_out_in_runs(found, n, m, shapes, bead_cost, search_band, prepared, gap_extension, joint_cuts)
    if found is None:  # only possible with a too narrow band: search everything
        return align_pair(
            a_lengths,
            b_lengths,
            model,
            evidence=evidence,
            priors=priors,
            band=False,
            swap_penalty=swap_penalty,
            cut_bonus=cut_bonus,
            lone_cut=lone_cut,
            island_penalty=island_penalty,
            joint_cuts=joint_cuts,
            gap_extension=gap_extension,
            margins=margins,
            joint_margins=joint_margins,
            left_out=left_out,
        )
    if swap_penalty > 0 and (1, 1) in priors and whole:
        found = _unswapped(found, bead_cost, -math.log(priors[(1, 1)]), swap_penalty)
    if island_penalty > 0 and whole:
        found = _islands_to_edges(found, bead_cost, priors, island_penalty)
    shared = joint_cuts if joint_margins else None
    ends = _margins(found, bead_cost, priors, margins, shared) if margins and whole else [math.inf] * len(found)
    return [
        PairBead(
            range(i0, i1),
            range(j0, j1),
            cost
            + _unbiased(i0, i1, bonus)
            - _unearned(i0, i1, j0, j1, lone)
            + _joint_bonus(joint, i0, i1, j0, j1)
            - (float(dearer[i1] - dearer[i0]) if dearer is not None and j1 == j0 else 0.0),
            margin,
        )
        for (i0, i1, j0, j1, cost), margin in zip(found, ends)
    ]


# Beads on each side of an end that its margin may rearrange (see :func:`_margins`): one for
# paragraph beads, three where the sentences of a division are aligned at once (versions
# paragraphed on their own). Where a unit ends at a sentence bead, an end misplaced by a sentence
# or two kept a large margin with one: the right place needs several beads changed. Measured on
# unit ends where versions are paragraphed on their own (benchmarks/bilinguator.py --join, every
# FreeDict dictionary; the Snow Queen French with the Japanese, Russian, Arabic, English, Greek
# joined by 3, The Canterville Ghost's English with the French joined by 3), ends below
# UNCERTAIN_END, misplaced / right: the end one item off or none 11 of 48 / 16 of 662; three
# beads 29 of 48 / 38 of 662 (the French-Japanese alone 4 → 11 of 21 / 4 → 10 of 103). For
# paragraphs three changed little (the Snow Queen French-Greek 6 → 7 of 19 misplaced below 3, 13
# → 15 of 340 right; seven versions 11 → 11 of 25, 18 → 20 of 337) and made the seven versions'
# alignment 37 s → 63 s; one (against one item off or none: the Snow Queen's French, Russian,
# English, German and Greek two by two 39 → 42 of 88 / 65 → 67 of 3,511; seven versions and the
# Tin Soldier the same) 32.5 s → 35.1 s.
PARAGRAPH_MARGIN_WINDOW = 1
MARGIN_WINDOW = 3


def _margins(
    found: Sequence[tuple[int, int, int, int, float]],
    bead_cost: dp.BeadCost,
    priors: dict[tuple[int, int], float],
    width: int,
    joint_cuts: tuple[Sequence[int], Sequence[int], float] | None = None,
) -> list[float]:
    """For each bead, what the cheapest alignment of the beads around its end (``width`` beads
    up to it and ``width`` after) costs more when no bead may end where it ends: near 0, the
    words and lengths hardly say where the boundary lies. With ``joint_cuts``, a bead ending
    where both sides end a paragraph takes the stretch from the previous such bead to the next
    as well (:func:`_joint_window`)."""
    shapes = [(di, dj, -math.log(p)) for (di, dj), p in priors.items()]
    shared: list[int] = []
    if joint_cuts is not None:
        a_cuts, b_cuts = set(joint_cuts[0]), set(joint_cuts[1])
        shared = [k for k, bead in enumerate(found) if bead[1] in a_cuts and bead[3] in b_cuts]
    at = {k: x for x, k in enumerate(shared)}
    out = []
    for k in range(len(found) - 1):
        lo, hi = max(0, k - width + 1), min(len(found) - 1, k + width)
        if k in at:
            lo, hi = _joint_window(shared, at[k], lo, hi, len(found))
        x0, y0, x1, y1 = found[lo][0], found[lo][2], found[hi][1], found[hi][3]
        chosen = sum(_price(bead_cost, priors, i0, i1, j0, j1) for i0, i1, j0, j1, _ in found[lo : hi + 1])
        out.append(_cheapest_avoiding(x0, y0, x1, y1, (found[k][1], found[k][3]), shapes, bead_cost) - chosen)
    out.append(math.inf)
    return out


# Most beads on each side of an end that :func:`_joint_window` gives (its stretch between
# two shared paragraph ends is seldom longer). Measured on the 47 joined figures
# (benchmarks/bilinguator.py --join, every FreeDict dictionary): units to check / misplaced units
# the review page points to, of 365: 3 beads (as elsewhere) 694 / 266; the stretch alone, at
# most 10 beads, 715 / 283; at most 30 or with no limit, 718 / 284; the stretch and 3 beads at
# least, at most 30 (kept), 717 / 284. Unit boundaries are the same (margins do not move them).
JOINT_MARGIN_WINDOW = 30


def _joint_window(shared: list[int], x: int, lo: int, hi: int, count: int) -> tuple[int, int]:
    """The window (first and last bead) of the ``x``-th bead ending where both sides end a
    paragraph: ``lo``-``hi`` widened back to the bead after the previous such one and on to the
    next, :data:`JOINT_MARGIN_WINDOW` beads each side at most. Where one version's paragraph ends
    are taken for some of the other's (a bonus that makes each all but certain to end a bead),
    such an end can only move to another paragraph end of the other side, often more than the
    usual window away: over it alone every other place lost the bonus, and an end one paragraph
    off was never uncertain (the Snow Queen, French against the Japanese joined by 3: 15 of 35
    misplaced units not pointed to; 10 with this)."""
    k = shared[x]
    start = shared[x - 1] + 1 if x else 0
    stop = shared[x + 1] if x + 1 < len(shared) else count - 1
    return max(min(start, lo), k - JOINT_MARGIN_WINDOW + 1, 0), min(max(stop, hi), k + JOINT_MARGIN_WINDOW, count - 1)


def _price(bead_cost: dp.BeadCost, priors: dict[tuple[int, int], float], i0: int, i1: int, j0: int, j1: int) -> float:
    """A bead's cost as the DP prices it: its prior and its lengths' and words' cost."""
    shape = (i1 - i0, j1 - j0)
    if shape not in priors or min(shape) < 0:
        return math.inf
    return -math.log(priors[shape]) + float(bead_cost(shape[0], shape[1], i1, np.asarray([j1]))[0])


def _cheapest_avoiding(
    x0: int,
    y0: int,
    x1: int,
    y1: int,
    avoid: tuple[int, int],
    shapes: Sequence[tuple[int, int, float]],
    bead_cost: dp.BeadCost,
) -> float:
    """The cheapest path of beads from (x0, y0) to (x1, y1) that no bead ends at ``avoid``
    (a small DP over the rectangle, a row of b's positions at a time; :func:`.dp.search` runs
    from the origin and has no node to avoid)."""
    best = np.full((x1 - x0 + 1, y1 - y0 + 1), np.inf)
    best[0, 0] = 0.0
    columns = np.arange(y0, y1 + 1)
    for x in range(x0, x1 + 1):
        row = best[x - x0]
        for di, dj, penalty in shapes:
            if di == 0 or x - di < x0:
                continue
            ends = columns[dj:]
            if not len(ends):
                continue
            before = best[x - di - x0, ends - dj - y0]
            if np.isfinite(before).any():  # bead costs are given for a run of columns
                cost = before + penalty + bead_cost(di, dj, x, ends)
                row[ends - y0] = np.minimum(row[ends - y0], cost)
        if x == avoid[0]:
            row[avoid[1] - y0] = np.inf
        for di, dj, penalty in shapes:  # beads of b alone: along the row, in order
            if di or not dj:
                continue
            for y in range(y0 + dj, y1 + 1):
                if np.isfinite(row[y - dj - y0]) and (x, y) != avoid:
                    cost = row[y - dj - y0] + penalty + float(bead_cost(0, dj, x, np.asarray([y]))[0])
                    row[y - y0] = min(row[y - y0], cost)
    return float(best[-1, -1])


# How much better the words of the matched beads must agree (a lower lexical cost, in nats) for
# an alignment with runs of omissions to replace the one without (see :func:`_left_out_in_runs`):
# at least RUNS_WORDS_MIN, and RUNS_WORDS_SHARE of the lexical cost without runs.
RUNS_WORDS_MIN = 2.0
RUNS_WORDS_SHARE = 0.1
# Most items the other side may leave out more with runs, per item more of the side whose runs are
# cheaper. Items of one side alone grow where the alignment without runs had joined them to a
# neighbour (2-1 beads); both sides' grow alike where a free rendering reads as a passage
# replaced (the Snow Queen's Greek against an Arabic pivot, lengths alone: 9 more Arabic
# paragraphs left out for 20 more Greek ones). Without this limit, with an Arabic or Japanese
# pivot against the French, English, German or Russian alone, unit boundary F1 fell 0.011-0.033;
# with it, no pair measured falls more than 0.010 (the Arabic pivot against the Greek).
RUNS_OTHER_SHARE = 0.25
# What a run of omissions gains at each of its ends that stands where a paragraph of its side
# starts or ends, where a division's sentences are aligned at once (versions paragraphed on their
# own; ``joint_cuts`` gives the places): a passage one version leaves out is mostly whole
# paragraphs of the other, and where the words say little the run otherwise stood anywhere its
# length fits, a few sentences into a paragraph, the sentences around it paired off by as many.
# Measured on the 47 unit boundary F1 figures of versions joined every 2-4 paragraphs
# (benchmarks/bilinguator.py --join, every FreeDict dictionary), mean 0.9083 without, 0.9101 at
# 0.25, 0.9103 at 0.5, 0.9100 at 1.0, 0.9076 at 1.5. At 0.5: French-Arabic with the Arabic joined
# by 2 0.841 -> 0.902, by 4 0.812 -> 0.842, Russian-Arabic by 3 0.831 -> 0.840; Arabic-French with
# the French joined by 3 0.880 -> 0.873 (a run of French flower tales cut at its paragraphs, two
# of them placed after the Arabic's next lines); the 43 others the same. At 1.5 the Greek-Arabic
# and Japanese-Arabic (joined by 3) fell 0.024 and 0.019. Versions paragraphed alike and the
# Text+Berg dev set do not take this path. A side's gain is at most half what extending a run
# saves on it, so that no run closes and opens again in one place to gain twice.
RUN_EDGE = 0.5


def _left_out_in_runs(
    found: list[tuple[int, int, int, int, float]],
    n: int,
    m: int,
    shapes: Sequence[tuple[int, int, float]],
    bead_cost: dp.BeadCost,
    band: Band,
    prepared: Prepared | None,
    extension: float,
    joint_cuts: tuple[Sequence[int], Sequence[int], float] | None = None,
) -> list[tuple[int, int, int, int, float]]:
    """The alignment again with runs of omissions cheaper (affine gaps, :func:`.dp.search`) on
    the side that leaves more out, kept if the other side leaves out little more
    (:data:`RUNS_OTHER_SHARE`) and the words of its matched beads agree clearly better (or there
    are no words to say either way).

    Each omission pays its prior wherever it stands, so where a version leaves out a long
    passage and the words say little (a two-version edition of unrelated languages), the
    omissions scatter over the chapter where lengths fit a little better and the paragraphs
    between them are paired a few places off (the Snow Queen's Arabic, 24 units left out, against
    the Russian alone: 35 units printed beside the wrong ones). A run opened once costs less;
    but a version that only cuts its paragraphs finer (the Japanese) or retells (the Indonesian)
    then reads as leaving passages out, and with both sides' runs cheaper, a free rendering reads
    as a passage replaced: only one side's runs, and only where the words agree better. With
    ``joint_cuts`` (where each side's paragraphs start), a run gains :data:`RUN_EDGE` at each
    end that stands at one of its side's.
    """
    out = _left_out(found)
    side = 0 if out[0] >= out[1] else 1  # a's runs (1-0 beads) cheaper, or b's
    runs = (extension, math.inf) if side == 0 else (math.inf, extension)
    edges = None
    if joint_cuts is not None and RUN_EDGE:  # where that side's paragraphs start and end
        omission = next(penalty for di, dj, penalty in shapes if (di, dj) == ((1, 0), (0, 1))[side])
        gain = min(RUN_EDGE, 0.45 * max(0.0, omission - extension))  # see RUN_EDGE
        gains = np.zeros((n, m)[side] + 1)
        gains[[k for k in joint_cuts[side] if 0 <= k <= (n, m)[side]]] = gain
        edges = (gains, None) if side == 0 else (None, gains)
    gapped = dp.search(n, m, shapes, bead_cost, band, extension=runs, edges=edges)
    if gapped is None:
        return found
    grown = [after - before for before, after in zip(out, _left_out(gapped))]
    if grown[1 - side] > RUNS_OTHER_SHARE * max(grown[side], 0):  # both sides leave out more: replaced
        return found
    before, after = _words_cost(found, prepared), _words_cost(gapped, prepared)
    if before == after == 0.0 or after < before - max(RUNS_WORDS_MIN, RUNS_WORDS_SHARE * abs(before)):
        return gapped
    return found


def _left_out(found: Sequence[tuple[int, int, int, int, float]]) -> tuple[int, int]:
    """How many items of a, and of b, an alignment leaves opposite nothing."""
    return (
        sum(i1 - i0 for i0, i1, j0, j1, _ in found if j1 == j0),
        sum(j1 - j0 for i0, i1, j0, j1, _ in found if i1 == i0),
    )


def _words_cost(found: Sequence[tuple[int, int, int, int, float]], prepared: Prepared | None) -> float:
    """The lexical cost of an alignment's beads with items of both sides (0 without words)."""
    if prepared is None:
        return 0.0
    return sum(
        float(prepared.cost(i1 - i0, j1 - j0, i1, np.array([j1]))[0])
        for i0, i1, j0, j1, _ in found
        if i1 > i0 and j1 > j0
    )


def _joint_masks(
    joint_cuts: tuple[Sequence[int], Sequence[int], float] | None, n: int, m: int, width: int
) -> tuple[np.ndarray, np.ndarray, float] | None:
    """``joint_cuts`` as masks over a's positions 0 … n and b's 0 … m, padded past m by a
    band's ``width`` (a row's unused columns), or None."""
    if joint_cuts is None or not joint_cuts[2]:
        return None
    a_cuts, b_cuts, bonus = joint_cuts
    a_mask = np.zeros(n + 1, dtype=bool)
    a_mask[[i for i in a_cuts if 0 < i <= n]] = True  # a bead ends past the start
    b_mask = np.zeros(m + 1 + width, dtype=bool)
    b_mask[[j for j in b_cuts if 0 < j <= m]] = True
    return a_mask, b_mask, float(bonus)


def _joint_bonus(joint: tuple[np.ndarray, np.ndarray, float] | None, i0: int, i1: int, j0: int, j1: int) -> float:
    """What ``joint_cuts`` took off the cost of a bead from (i0, j0) to (i1, j1)."""
    if joint is None or i1 == i0 or j1 == j0:
        return 0.0
    a_mask, b_mask, bonus = joint
    return bonus if a_mask[i1] and b_mask[j1] else 0.0


def _unbiased(i0: int, i1: int, bonus: np.ndarray | None) -> float:
    """What ``cut_bonus`` took off the cost of a bead from i0 to i1 of a."""
    return float(bonus[i1]) if bonus is not None and i1 > i0 else 0.0


def _unearned(i0: int, i1: int, j0: int, j1: int, lone: np.ndarray | None) -> float:
    """What a 1-0 bead from (i0, j0) to (i1, j1) gave back of the lone cut bonus at its ends."""
    return float(lone[i0] + lone[i1]) if lone is not None and i1 > i0 and j1 == j0 else 0.0


ISLAND_MIN_GAP = 2  # omissions on each side of a match that :func:`_islands_to_edges` moves
SWAP_SPAN = 2  # most 1-1 beads between a 1-0 and a 0-1 bead that :func:`_unswapped` looks at


def _unswapped(
    found: list[tuple[int, int, int, int, float]], bead_cost: dp.BeadCost, one_to_one: float, penalty: float
) -> list[tuple[int, int, int, int, float]]:
    """The beads with every omission next to an insertion (a 1-0 and a 0-1 bead at most
    :data:`SWAP_SPAN` 1-1 beads apart) replaced by 1-1 beads when those cost at most ``penalty``
    more.

    The DP takes an omission and an insertion as independent, each as likely as its prior; but a
    translator who drops a paragraph right where they add one has most often just rendered it
    freely, and with little evidence (a free translation, no dictionary) the DP shifts the
    pairs by one instead of matching them.
    """
    out = list(found)
    k = 0
    while k < len(out):
        i0, i1, j0, j1, _ = out[k]
        if (i1 - i0) + (j1 - j0) != 1:
            k += 1
            continue
        for end in range(k + 1, min(len(out), k + SWAP_SPAN + 2)):
            e0, e1, f0, f1, _ = out[end]
            if (e1 - e0) + (f1 - f0) == 1 and (e1 - e0) != (i1 - i0):
                count = end - k  # the 1-1 beads that replace these
                old = sum(bead[4] for bead in out[k : end + 1])
                new = [
                    (
                        i0 + x,
                        i0 + x + 1,
                        j0 + x,
                        j0 + x + 1,
                        one_to_one + float(bead_cost(1, 1, i0 + x + 1, np.asarray([j0 + x + 1]))[0]),
                    )
                    for x in range(count)
                ]
                if sum(bead[4] for bead in new) <= old + penalty:
                    out[k : end + 1] = new
                break
            if (e1 - e0, f1 - f0) != (1, 1):
                break
        k += 1
    return out


def _islands_to_edges(
    found: list[tuple[int, int, int, int, float]],
    bead_cost: dp.BeadCost,
    priors: dict[tuple[int, int], float],
    penalty: float,
) -> list[tuple[int, int, int, int, float]]:
    """The beads with each match that lies alone inside a gap (a run of 1-0 beads, or of 0-1
    beads, on both sides of it) moved to the gap's nearer-fitting edge when that costs at most
    ``penalty`` more.

    A version that leaves out a long passage but keeps a line of it (a summary sentence) has
    that line where the passage begins or ends, next to what it does translate; inside the gap,
    every place costs the same omissions, and the lengths of short paragraphs alone pick one
    anywhere (the Snow Queen's Arabic: its one line in 28 left-out units placed 7 units in).
    """

    def side(bead: tuple[int, int, int, int, float]) -> int:
        """1 for a 1-0 bead, 2 for a 0-1 bead, 0 otherwise."""
        i0, i1, j0, j1, _ = bead
        return 1 if (i1 - i0, j1 - j0) == (1, 0) else 2 if (i1 - i0, j1 - j0) == (0, 1) else 0

    def priced(i0: int, i1: int, j0: int, j1: int) -> tuple[int, int, int, int, float]:
        shape = (i1 - i0, j1 - j0)
        return (i0, i1, j0, j1, -math.log(priors[shape]) + float(bead_cost(*shape, i1, np.asarray([j1]))[0]))

    out = list(found)
    k = 1
    while k < len(out) - 1:
        i0, i1, j0, j1, _ = out[k]
        kind = side(out[k - 1])
        if not (i1 > i0 and j1 > j0 and kind and side(out[k + 1]) == kind):
            k += 1
            continue
        start = k
        while start > 0 and side(out[start - 1]) == kind:
            start -= 1
        end = k + 1
        while end < len(out) and side(out[end]) == kind:
            end += 1
        if min(k - start, end - k - 1) < ISLAND_MIN_GAP:
            k = end
            continue
        old = sum(priced(*bead[:4])[4] for bead in out[start:end])  # as the moves are priced: runs too
        g0, h0 = out[start][0], out[start][2]  # where the gap begins, in a and b
        g1, h1 = out[end - 1][1], out[end - 1][3]  # where it ends
        first: list[list[tuple[int, int, int, int, float]]] = []
        last: list[list[tuple[int, int, int, int, float]]] = []
        for di, dj in priors:  # the match may take another shape at the edge (2-1 → 1-1 …)
            if kind == 1 and di and dj == j1 - j0 and di <= g1 - g0:
                rest = g1 - g0 - di
                first.append(
                    [priced(g0, g0 + di, j0, j1)] + [priced(g0 + di + x, g0 + di + x + 1, j1, j1) for x in range(rest)]
                )
                last.append([priced(g0 + x, g0 + x + 1, j0, j0) for x in range(rest)] + [priced(g1 - di, g1, j0, j1)])
            elif kind == 2 and dj and di == i1 - i0 and dj <= h1 - h0:
                rest = h1 - h0 - dj
                first.append(
                    [priced(i0, i1, h0, h0 + dj)] + [priced(i1, i1, h0 + dj + x, h0 + dj + x + 1) for x in range(rest)]
                )
                last.append([priced(i0, i0, h0 + x, h0 + x + 1) for x in range(rest)] + [priced(i0, i1, h1 - dj, h1)])
        for options in (first, last):  # the beginning first: what a translator who cuts short keeps
            best = min(options, key=lambda beads: sum(bead[4] for bead in beads), default=None)
            if best is not None and sum(bead[4] for bead in best) <= old + penalty:
                out[start:end] = best
                break
        k = end
    return out


def _bead_cost(
    prefix_a: np.ndarray,
    prefix_b: np.ndarray,
    model: LengthModel,
    prepared: Prepared | None,
    bonus: np.ndarray | None = None,
    joint: tuple[np.ndarray, np.ndarray, float] | None = None,
    lone: np.ndarray | None = None,
    dearer: np.ndarray | None = None,
) -> dp.BeadCost:
    # prefix sums padded so that any column of a band row indexes them (past m: no more text)
    pad = len(prefix_b) + 8
    padded = np.concatenate([np.zeros(pad), prefix_b, np.full(pad, prefix_b[-1])])

    def cost(di: int, dj: int, i: int, columns: np.ndarray) -> np.ndarray:
        if di and dj:
            la = prefix_a[i] - prefix_a[i - di]
            first = int(columns[0]) + pad
            lb = padded[first : first + len(columns)] - padded[first - dj : first - dj + len(columns)]
            total = model.match_costs(la, lb)
        else:
            total = np.full(columns.shape, INSERTION_COST)
        if prepared is not None:
            total = total + prepared.cost(di, dj, i, columns)
        if bonus is not None and di:
            total = total - bonus[i]
            if lone is not None and not dj:  # the cuts around an omission give their lone bonus back
                total = total + lone[i - di] + lone[i]
        if dearer is not None and di and not dj:
            total = total + (dearer[i] - dearer[i - di])
        if joint is not None and di and dj and joint[0][i]:
            total = total - joint[2] * joint[1][columns]
        return total

    def rows(di: int, dj: int, i0: int, i1: int, band: Band) -> np.ndarray:
        """The costs of rows i0 … i1 − 1 of ``band`` (see :mod:`.dp`), as :func:`cost` gives
        them a row at a time."""
        at = np.arange(i0, i1)
        places = (band.lo[at] + pad)[:, None] + np.arange(band.width)
        if di and dj:
            la = (prefix_a[at] - prefix_a[at - di])[:, None]
            total = model.match_costs(la, padded[places] - padded[places - dj])
        else:
            total = np.full(places.shape, INSERTION_COST)
        if prepared is not None:
            total = total + prepared.rows(di, dj, i0, i1)
        if bonus is not None and di:
            total = total - bonus[at][:, None]
            if lone is not None and not dj:
                total = total + (lone[at - di] + lone[at])[:, None]
        if dearer is not None and di and not dj:
            total = total + (dearer[at] - dearer[at - di])[:, None]
        if joint is not None and di and dj:
            a_mask, b_mask, value = joint
            total = total - value * (a_mask[at][:, None] & b_mask[band.lo[at][:, None] + np.arange(band.width)])
        return total

    if prepared is None or hasattr(prepared, "rows"):
        cost.rows = rows  # type: ignore[attr-defined]
    return cost


def _prefix(lengths: Sequence[int]) -> list[int]:
    sums = [0]
    for length in lengths:
        sums.append(sums[-1] + length)
    return sums
