"""How sentence alignment scales: time and peak memory at 1k, 3k and 10k sentences.

    .venv/bin/python benchmarks/align_scale.py [--sizes 1000,3000,10000] [--reference-size 1000]

The texts are made from the Text+Berg dev set (German–French, ../shared/corpora/text-berg-dev):
its gold beads are cut into passages of about 20 beads, and passages are drawn in a shuffled
order (with repeats) until the German side has the wanted number of sentences; the French
side then loses one passage of about 10 % of its sentences in the middle (a chapter one
version lacks), so the path leaves the diagonal. Sizes are German sentences; French has about
as many (× 1.18 − 10 %).

Each measurement runs in a fresh process: wall and CPU time of ``align_sentences`` (lexical
evidence on: lexicon built, first pass, learning, final pass; the machine's other load shows in
wall time, not CPU time), the process's peak RSS (interpreter, numpy and the texts included)
and how much of it the alignment added (peak RSS after it minus peak RSS before it).
The reference, measured in the same run, is the sentence DP enface had before this one (a
dict per cell, a band of 2·|n − m| around the diagonal, lengths only), copied below. Strict and
lax F1 are against the gold carried over from the dev set (scored as benchmarks/textberg.py
does): the band must not lose the path where the French passage is missing.
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from textberg import score  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "text-berg-dev"


Alignment = list[tuple[tuple[int, ...], tuple[int, ...]]]


def synthetic(size: int, seed: int = 1) -> tuple[list[str], list[str], Alignment]:
    """German and French sentences, and their gold alignment (the dev set's, carried over)."""
    de = [line.strip() for line in (CORPUS / "dev.de").read_text(encoding="utf-8").splitlines()]
    fr = [line.strip() for line in (CORPUS / "dev.fr").read_text(encoding="utf-8").splitlines()]
    gold = []
    for line in (CORPUS / "dev.defr").read_text(encoding="utf-8").splitlines():
        a, b = line.split(":")
        gold.append((tuple(ast.literal_eval(a)), tuple(ast.literal_eval(b))))
    passages = [gold[k : k + 20] for k in range(0, len(gold), 20)]
    rng = random.Random(seed)
    chosen: list[int] = []
    count = 0
    while count < size:
        order = list(range(len(passages)))
        rng.shuffle(order)
        for k in order:
            chosen.append(k)
            count += sum(len(a) for a, _ in passages[k])
            if count >= size:
                break
    # drop about 10 % of the French sentences, as whole passages, from the middle
    total = sum(len(b) for k in chosen for _, b in passages[k])
    dropped: set[int] = set()
    position, removed = len(chosen) // 2, 0
    while removed < total // 10 and position < len(chosen):
        dropped.add(position)
        removed += sum(len(b) for _, b in passages[chosen[position]])
        position += 1
    out_de: list[str] = []
    out_fr: list[str] = []
    out_gold: Alignment = []
    for place, k in enumerate(chosen):
        for a, b in passages[k]:
            if place in dropped:  # each German sentence of the passage stands alone
                for i in a:
                    out_gold.append(((len(out_de),), ()))
                    out_de.append(de[i])
                continue
            # gold beads with reordered or non-contiguous sides are kept as they are
            new_a = tuple(range(len(out_de), len(out_de) + len(a)))
            new_b = tuple(range(len(out_fr), len(out_fr) + len(b)))
            out_de.extend(de[i] for i in a)
            out_fr.extend(fr[j] for j in b)
            out_gold.append((new_a, new_b))
    return out_de, out_fr, out_gold


def reference_dp(a_lengths: list[int], b_lengths: list[int]) -> Alignment:
    """The previous sentence DP: Gale–Church costs in a dict per cell, band 2·|n − m| + 20."""
    priors = {
        (1, 1): 0.89,
        (1, 0): 0.00495,
        (0, 1): 0.00495,
        (2, 1): 0.0445,
        (1, 2): 0.0445,
        (2, 2): 0.011,
        (3, 1): 0.002,
        (1, 3): 0.002,
    }
    penalties = {shape: -math.log(p) for shape, p in priors.items()}
    n, m = len(a_lengths), len(b_lengths)
    ratio = sum(b_lengths) / max(1, sum(a_lengths))
    pa, pb = [0], [0]
    for x in a_lengths:
        pa.append(pa[-1] + x)
    for x in b_lengths:
        pb.append(pb[-1] + x)

    def match(a: int, b: int) -> float:
        mean = (a + b / ratio) / 2
        z = abs(b - ratio * a) / math.sqrt(6.8 * mean)
        return -math.log(max(math.erfc(z / math.sqrt(2)), 1e-300))

    width = max(50, 2 * abs(n - m) + 20)
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = round(i * m / n) if n else 0
        for j in range(max(0, centre - width), min(m, centre + width) + 1):
            if i == 0 and j == 0:
                continue
            best, best_shape = math.inf, (0, 0)
            for (di, dj), penalty in penalties.items():
                previous = cost.get((i - di, j - dj))
                if previous is None:
                    continue
                la, lb = pa[i] - pa[i - di], pb[j] - pb[j - dj]
                total = previous + penalty + (match(la, lb) if di and dj else 0.0)
                if total < best:
                    best, best_shape = total, (di, dj)
            if best < math.inf:
                cost[(i, j)] = best
                back[(i, j)] = best_shape
    beads = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = back[(i, j)]
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


def measure(kind: str, size: int) -> dict:
    de, fr, gold = synthetic(size)
    from enface.align import align_sentences

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu = time.perf_counter(), time.process_time()
    if kind == "reference":
        predicted = reference_dp([len(s) for s in de], [len(s) for s in fr])
    else:
        beads = align_sentences({"de": de, "fr": fr}, "de", lexical=kind == "lexical", anchors=kind != "lengths")
        predicted = [(bead.sentences["de"], bead.sentences["fr"]) for bead in beads]
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    scores = score([gold], [predicted])
    return {
        "kind": kind,
        "de": len(de),
        "fr": len(fr),
        "wall": wall,
        "cpu": cpu,
        "rss_mb": rss,
        "added_mb": rss - before,
        "f1_strict": scores["f1_strict"],
        "f1_lax": scores["f1_lax"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--reference-size", type=int, default=1000)
    parser.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return
    runs = [("reference", args.reference_size)] + [("lexical", int(s)) for s in args.sizes.split(",")]
    print(
        f"{'aligner':<40} {'de':>6} {'fr':>6} {'wall s':>7} {'cpu s':>7} {'peak RSS MB':>11} {'added MB':>8}"
        f" {'F1 strict':>9} {'F1 lax':>6}"
    )
    for kind, size in runs:
        out = subprocess.run(
            [sys.executable, __file__, "--one", kind, str(size)], capture_output=True, text=True, check=True
        ).stdout
        r = json.loads(out)
        name = {"reference": "previous DP (dicts, lengths only)", "lexical": "enface (arrays, band, lexical)"}[kind]
        print(
            f"{name:<40} {r['de']:>6} {r['fr']:>6} {r['wall']:>7.1f} {r['cpu']:>7.1f} {r['rss_mb']:>11.0f} {r['added_mb']:>8.0f}"
            f" {r['f1_strict']:9.3f} {r['f1_lax']:6.3f}"
        )


if __name__ == "__main__":
    main()
