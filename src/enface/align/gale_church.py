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
* A 1-0 or 0-1 bead pays its prior only (:data:`INSERTION_COST` for the length term). The
  paper's δ for an empty side is always extreme, which makes a dropped sentence merge into a
  neighbour (2-1) rather than stand alone; on the gold with sentences dropped at random this
  raised boundary recall from 0.79 to 0.83 (local ratio) and 0.88 to 0.93 (document ratio).
* An optional *anchor* score (:mod:`.anchors`) lowers a bead's cost when both sides share a
  number, a name's initial or a transliterated proper name.
* The search is confined to a band around the diagonal when both sequences are long, so
  aligning two 5 000-paragraph books stays fast.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Bead types (a items, b items) and their prior probabilities, after Gale & Church's counts;
# 1-3 and 3-1 are rare but occur when a translator splits one long sentence into three.
PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
    (3, 1): 0.002,
    (1, 3): 0.002,
}
DEFAULT_VARIANCE = 6.8  # Gale & Church's s² for characters
MIN_VARIANCE = 1.0
CHI2_1_MEDIAN = 0.45494  # median of a χ² variable with one degree of freedom
MAX_VARIANCE = 20.0
INSERTION_COST = 0.0  # length term of a 1-0 or 0-1 bead (see align_pair)
FULL_SEARCH_CELLS = 250_000  # above this many DP cells, search a band around the diagonal

AnchorScore = Callable[[range, range], float]


@dataclass(frozen=True)
class LengthModel:
    """How many characters of language b one character of language a becomes, and how loosely."""

    ratio: float = 1.0  # c: mean characters of b per character of a
    variance: float = DEFAULT_VARIANCE  # s²: variance of b's length per character of a

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
            variance = min(MAX_VARIANCE, max(MIN_VARIANCE, median / CHI2_1_MEDIAN))
        return cls(ratio=ratio, variance=variance)

    def delta(self, a: int, b: int) -> float:
        """Standardised length difference of a bead (0 when b is exactly c·a)."""
        if a == 0 and b == 0:
            return 0.0
        mean = (a + b / self.ratio) / 2
        return (b - self.ratio * a) / math.sqrt(self.variance * mean)

    def match_cost(self, a: int, b: int) -> float:
        """−log P(|Z| ≥ |δ|): the surprise of these two lengths being translations."""
        return -_log_two_sided_tail(abs(self.delta(a, b)))

    def confidence(self, a: int, b: int) -> float:
        """P(|Z| ≥ |δ|) in [0, 1]: near 0 means the lengths hardly fit (or a side is empty)."""
        return math.exp(-self.match_cost(a, b))


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


def align_pair(
    a_lengths: Sequence[int],
    b_lengths: Sequence[int],
    model: LengthModel,
    *,
    anchors: AnchorScore | None = None,
    priors: dict[tuple[int, int], float] = PRIORS,
    band: bool = True,
) -> list[PairBead]:
    """The cheapest sequence of beads covering both sequences, in order.

    ``anchors(a_range, b_range)`` adds to a bead's cost (negative: a bonus). With ``band``,
    long inputs are searched near the diagonal only; the full search is the fallback.
    """
    n, m = len(a_lengths), len(b_lengths)
    prefix_a = _prefix(a_lengths)
    prefix_b = _prefix(b_lengths)
    penalties = {shape: -math.log(p) for shape, p in priors.items()}
    lower, upper = _band(n, m, band)
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        for j in range(max(0, lower(i)), min(m, upper(i)) + 1):
            if i == 0 and j == 0:
                continue
            best = math.inf
            best_shape = (0, 0)
            for (di, dj), penalty in penalties.items():
                previous = cost.get((i - di, j - dj))
                if previous is None:
                    continue
                la = prefix_a[i] - prefix_a[i - di]
                lb = prefix_b[j] - prefix_b[j - dj]
                total = previous + penalty + (model.match_cost(la, lb) if di and dj else INSERTION_COST)
                if anchors is not None:
                    total += anchors(range(i - di, i), range(j - dj, j))
                if total < best:
                    best, best_shape = total, (di, dj)
            if best < math.inf:
                cost[(i, j)] = best
                back[(i, j)] = best_shape
    if (n, m) not in cost:  # only possible with a too narrow band: search everything
        return align_pair(a_lengths, b_lengths, model, anchors=anchors, priors=priors, band=False)
    return _trace(back, cost, n, m)


def _trace(
    back: dict[tuple[int, int], tuple[int, int]], cost: dict[tuple[int, int], float], n: int, m: int
) -> list[PairBead]:
    beads: list[PairBead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = back[(i, j)]
        beads.append(PairBead(range(i - di, i), range(j - dj, j), cost[(i, j)] - cost[(i - di, j - dj)]))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _prefix(lengths: Sequence[int]) -> list[int]:
    sums = [0]
    for length in lengths:
        sums.append(sums[-1] + length)
    return sums


def _band(n: int, m: int, band: bool) -> tuple[Callable[[int], int], Callable[[int], int]]:
    """Which j to consider for each i: all of them, or a band around the diagonal."""
    if not band or (n + 1) * (m + 1) <= FULL_SEARCH_CELLS or n == 0:
        return (lambda i: 0), (lambda i: m)
    width = max(50, 2 * abs(n - m) + 20)
    return (lambda i: round(i * m / n) - width), (lambda i: round(i * m / n) + width)
