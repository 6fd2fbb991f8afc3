"""Sentence alignment accuracy on the Text+Berg German–French dev set (Bleualign's, as Vecalign ships it).

    .venv/bin/python benchmarks/textberg.py [--corpus DIR] [--documents GLOB] [--show-errors N]

A set is a folder of ``NAME.de``, ``NAME.fr`` and the gold ``NAME.defr`` (Vecalign's
``bleualign_data`` layout: ``dev``, and the test documents ``test0`` … ``test6``); by default
every NAME there is scored, counts pooled over the documents, each document's scores too.

The sources are taken as segmented: one sentence per line, never re-segmented. A blank line
in both files would separate documents; the dev set has none (it is one article, Die Alpen's
"Himalaya-Chronik 1956", and its gold is one monotone sequence), so it is one document, as in
Vecalign's own evaluation. Each document is aligned with :func:`enface.align.align_sentences`
(German as the pivot), and in the same run with the same DP without lexical evidence: plain
Gale–Church (lengths and priors only), and Gale–Church with the number/name anchors enface
used before. The German–French FreeDict dictionaries are used when installed
(``scripts/setup.sh`` installs them); the last line says whether they were.

Scores are computed as Vecalign's ``score.py`` defines them (Apache-2.0; written again here):

* beads empty on both sides are dropped, the rest compared as sets;
* strict precision: predicted beads equal to a gold bead, over all predicted beads;
* lax precision: a predicted bead counts when it is a gold bead or when some gold bead shares a
  source sentence with it and a target sentence with it (so a predicted 1-0 or 0-1 bead that is
  not exactly in the gold never counts);
* recall: the same with gold and prediction swapped, both restricted to beads with two
  non-empty sides;
* counts (true and false positives) are pooled over documents before dividing; F1 is the
  harmonic mean of the pooled precision and recall.
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from enface.align import _refined, align_sentences, dictionaries, estimate_models, learn_lexicons  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "text-berg-dev"
Alignment = list[tuple[tuple[int, ...], tuple[int, ...]]]


# --- scoring (Vecalign's definition) --------------------------------------------------------


def _counts(gold: Alignment, test: Alignment) -> tuple[int, int, int, int]:
    """(strict tp, strict fp, lax tp, lax fp) of ``test`` against ``gold``."""
    gold_set = {(tuple(a), tuple(b)) for a, b in gold if a or b}
    test_set = {(tuple(a), tuple(b)) for a, b in test if a or b}
    targets_of: dict[int, set[int]] = defaultdict(set)
    for a, b in gold_set:
        for i in a:
            targets_of[i].update(b)
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    for a, b in test_set:
        if (a, b) in gold_set:
            tp_strict += 1
            tp_lax += 1
            continue
        fp_strict += 1
        reachable = set().union(*(targets_of[i] for i in a)) if a else set()
        if reachable.intersection(b):
            tp_lax += 1
        else:
            fp_lax += 1
    return tp_strict, fp_strict, tp_lax, fp_lax


def score(golds: Sequence[Alignment], tests: Sequence[Alignment]) -> dict[str, float]:
    """Strict and lax precision, recall and F1, counts pooled over the documents."""
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in zip(golds, tests, strict=True):
        p = [x + y for x, y in zip(p, _counts(gold, test))]
        both_test = [(a, b) for a, b in test if a and b]
        both_gold = [(a, b) for a, b in gold if a and b]
        r = [x + y for x, y in zip(r, _counts(both_test, both_gold))]

    def ratio(x: int, y: int) -> float:
        return x / (x + y) if x + y else 0.0

    def f1(x: float, y: float) -> float:
        return 2 * x * y / (x + y) if x + y else 0.0

    result = {
        "precision_strict": ratio(p[0], p[1]),
        "precision_lax": ratio(p[2], p[3]),
        "recall_strict": ratio(r[0], r[1]),
        "recall_lax": ratio(r[2], r[3]),
    }
    result["f1_strict"] = f1(result["precision_strict"], result["recall_strict"])
    result["f1_lax"] = f1(result["precision_lax"], result["recall_lax"])
    return result


# --- corpus -------------------------------------------------------------------------------


def read_gold(path: Path) -> Alignment:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a, b = line.split(":")
            beads.append((tuple(ast.literal_eval(a)), tuple(ast.literal_eval(b))))
    return beads


def documents(lines: Sequence[str]) -> list[tuple[int, list[str]]]:
    """(offset of the first sentence, sentences) per document; blank lines separate documents."""
    docs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    index = 0
    for line in lines:
        if not line.strip():
            if current:
                docs.append((start, current))
            current = []
            start = index
            continue
        current.append(line.strip())
        index += 1
    if current:
        docs.append((start, current))
    return docs


def split_gold(gold: Alignment, starts: Sequence[tuple[int, int]]) -> list[Alignment]:
    """The gold beads of each document, renumbered from 0 (documents by their first sentences)."""
    out: list[Alignment] = [[] for _ in starts]
    for a, b in gold:
        first = a[0] if a else None
        k = 0
        for d, (sa, sb) in enumerate(starts):
            if (first is not None and first >= sa) or (first is None and b and b[0] >= sb):
                k = d
        sa, sb = starts[k]
        out[k].append((tuple(i - sa for i in a), tuple(j - sb for j in b)))
    return out


def predict(de: Sequence[str], fr: Sequence[str], *, mode: str, lexicons=None) -> Alignment:
    """``mode``: "lengths" (plain Gale–Church), "anchors" (+ number/name anchors, enface's
    evidence before the lexicon) or "lexical" (the default); ``lexicons``: learned elsewhere
    (:func:`predict_set`), else from these sentences."""
    beads = align_sentences(
        {"de": de, "fr": fr}, "de", anchors=mode != "lengths", lexical=mode == "lexical", lexicons=lexicons
    )
    return [(bead.sentences["de"], bead.sentences["fr"]) for bead in beads]


def predict_set(docs: Sequence[tuple[Sequence[str], Sequence[str]]], *, mode: str) -> list[Alignment]:
    """Each document aligned on its own, the word evidence learned on all of them at once, as
    enface learns it on all the divisions of an edition (articles of one yearbook are like
    the chapters of one book; a short article alone gives Model 1 little to learn from: the
    dev set cut into eight documents of 34–69 sentences scores 0.840 strict learned document
    by document, 0.881 learned on all)."""
    lexicons = None
    if mode == "lexical" and len(docs) > 1:
        blocks = [{"de": list(de), "fr": list(fr)} for de, fr in docs]
        whole = {lang: [s for block in blocks for s in block[lang]] for lang in ("de", "fr")}
        models = _refined(whole, "de", estimate_models(whole, "de", paired=False))
        lexicons = learn_lexicons(blocks, "de", models)
    return [predict(de, fr, mode=mode, lexicons=lexicons) for de, fr in docs]


def shapes(alignment: Iterable[tuple[tuple[int, ...], tuple[int, ...]]]) -> dict[str, int]:
    count: dict[str, int] = defaultdict(int)
    for a, b in alignment:
        count[f"{len(a)}-{len(b)}"] += 1
    return dict(sorted(count.items(), key=lambda kv: -kv[1]))


def load(corpus: Path, names: Sequence[str]) -> list[tuple[str, list[str], list[str], Alignment]]:
    """(name, German sentences, French sentences, gold) per document: each NAME's files, and
    inside a file the documents its blank lines separate."""
    out = []
    for name in names:
        de_lines = (corpus / f"{name}.de").read_text(encoding="utf-8").splitlines()
        fr_lines = (corpus / f"{name}.fr").read_text(encoding="utf-8").splitlines()
        gold = read_gold(corpus / f"{name}.defr")
        de_docs, fr_docs = documents(de_lines), documents(fr_lines)
        if len(de_docs) != len(fr_docs):
            raise SystemExit(f"{name}: {len(de_docs)} German documents but {len(fr_docs)} French ones")
        golds = split_gold(gold, [(da, fa) for (da, _), (fa, _) in zip(de_docs, fr_docs)])
        for k, ((_, de), (_, fr), g) in enumerate(zip(de_docs, fr_docs, golds)):
            out.append((name if len(de_docs) == 1 else f"{name}#{k + 1}", de, fr, g))
    return out


def names_in(corpus: Path, pattern: str) -> list[str]:
    """The NAMEs matching ``pattern`` that have NAME.de, NAME.fr and NAME.defr, sorted."""
    found = sorted(
        path.name[: -len(".defr")]
        for path in corpus.glob(f"{pattern}.defr")
        if (corpus / f"{path.name[: -len('.defr')]}.de").is_file()
        and (corpus / f"{path.name[: -len('.defr')]}.fr").is_file()
    )
    if not found:
        raise SystemExit(f"{corpus}: no NAME.de, NAME.fr and NAME.defr with NAME matching {pattern!r}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="folder of NAME.de, NAME.fr, NAME.defr (default: the dev set)"
    )
    parser.add_argument(
        "--documents",
        default="*",
        help="glob of the NAMEs to score, pooled as Vecalign pools them (e.g. 'test*' for test0 … test6; default: all)",
    )
    parser.add_argument("--show-errors", type=int, default=0, help="print this many wrong beads of the lexical run")
    args = parser.parse_args()
    names = names_in(args.corpus, args.documents)
    if "dev" in names and len(names) > 1:
        print(f"scoring {', '.join(names)} together; --documents 'test*' scores the test documents alone")
    docs = load(args.corpus, names)
    golds = [gold for *_, gold in docs]
    sentences = sum(len(de) for _, de, _, _ in docs), sum(len(fr) for _, _, fr, _ in docs)
    all_gold = [bead for gold in golds for bead in gold]
    print(
        f"Text+Berg {', '.join(name for name, *_ in docs)}: {len(docs)} document(s), "
        f"{sentences[0]} de / {sentences[1]} fr sentences, {len(all_gold)} gold beads"
    )
    print(f"gold shapes: {shapes(all_gold)}")
    print()
    print(
        f"{'aligner':<40} {'P strict':>8} {'R strict':>8} {'F1 strict':>9} {'P lax':>6} {'R lax':>6} {'F1 lax':>6} {'cpu s':>6}"
    )
    runs = {}
    for name, mode in (
        ("plain Gale-Church (lengths only)", "lengths"),
        ("Gale-Church + number/name anchors", "anchors"),
        ("enface: lexical evidence", "lexical"),
    ):
        started = time.process_time()
        tests = predict_set([(de, fr) for _, de, fr, _ in docs], mode=mode)
        seconds = time.process_time() - started
        s = score(golds, tests)
        runs[name] = tests
        print(
            f"{name:<40} {s['precision_strict']:8.3f} {s['recall_strict']:8.3f} {s['f1_strict']:9.3f} "
            f"{s['precision_lax']:6.3f} {s['recall_lax']:6.3f} {s['f1_lax']:6.3f} {seconds:6.1f}"
        )
    if len(docs) > 1:
        print()
        print("enface, each document:")
        for (doc_name, *_, gold), test in zip(docs, runs["enface: lexical evidence"], strict=True):
            s = score([gold], [test])
            print(f"  {doc_name:<38} {s['precision_strict']:8.3f} {s['recall_strict']:8.3f} {s['f1_strict']:9.3f}")
    print()
    for name, tests in runs.items():
        predicted = [bead for test in tests for bead in test]
        print(f"{name}: shapes {shapes(predicted)}")
    dictionary = (
        "installed" if dictionaries.dictionary("de", "fr") or dictionaries.dictionary("fr", "de") else "not installed"
    )
    print(f"FreeDict German-French dictionary: {dictionary}")
    if args.show_errors:
        shown = 0
        for (_, de, fr, gold), test in zip(docs, runs["enface: lexical evidence"], strict=True):
            gold_set = set(gold)
            for a, b in (bead for bead in test if bead not in gold_set):
                if shown == args.show_errors:
                    return
                shown += 1
                near = [g for g in gold_set if set(g[0]) & set(a) or set(g[1]) & set(b)]
                print(f"\n{list(a)}:{list(b)}   gold: " + " ".join(f"{list(x)}:{list(y)}" for x, y in sorted(near)))
                for i in a:
                    print(f"  de {i}: {de[i][:110]}")
                for j in b:
                    print(f"  fr {j}: {fr[j][:110]}")


if __name__ == "__main__":
    main()
