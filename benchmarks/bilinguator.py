"""Real multi-language works as a user would give them to enface, and how well enface aligns them.

The bilinguator corpus (``../shared/corpora/bilinguator/``, not part of the project) has works in
several languages, aligned by hand: line k of every language's file is one unit. This script
converts a work to Markdown editions as a user would write them (``#`` headings, a blank line
between paragraphs, ``*…*`` emphasis, verse units as line blocks), builds the TEI with enface,
and scores the units: a gold unit boundary is the point between two corpus lines (characters
of each language before it); enface's unit boundaries are the points between its units.
Precision and recall of those points, per language pair, are printed with the time taken, how
many units have a misplaced boundary and how many of those the review page would not point to
(silent: none of its reasons, a low length fit, an empty cell, paragraphs joined), and
how many of the FreeDict dictionaries Debian has between these languages are installed (they
count: ``make dictionaries LANGS="fr ru en de"`` installs them; ``ENFACE_DICTD`` names another
folder).

    .venv/bin/python benchmarks/bilinguator.py the_canterville_ghost fr ru en
    .venv/bin/python benchmarks/bilinguator.py the_canterville_ghost fr ru en --join en:3
    .venv/bin/python benchmarks/bilinguator.py snedronningen fr ru ar --pairs

``--pairs`` aligns every two of the languages given as an edition of those two alone (a
language learner's bilingual edition), where no third version helps place what one leaves out.

``--join LANG:N`` makes that version paragraphed on its own: every N paragraphs of a chapter
joined into one (headings and verse kept), as a translator who paragraphs in long stretches
would; only the gold boundaries where that version still has a paragraph end are scored, in
every pair (units are shared by all versions: none can be finer than that version's).
``--cut LANG:N`` instead cuts that version's text anew into paragraphs of N sentences, wherever
its paragraphs end (a translator who paragraphs on their own), scored the same way.
"""

from __future__ import annotations

import datetime
import re
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bilinguator"
TAG = re.compile(r"<(/?)(i|b)>")


def _inline(text: str) -> str:
    return TAG.sub(lambda m: "*" if m.group(2) == "i" else "**", text).replace("<delimiter>", " ")


def to_markdown(lines: list[str], lang: str, verse: bool) -> tuple[str, list[str]]:
    """The Markdown a user would write, and the plain text of each unit (for scoring)."""
    title = re.sub(r"<[^>]+>", "", lines[1].split("<delimiter>")[0])
    out = [f"---\ntitle: {title!r}\nlang: {lang}\n---\n"]
    units: list[str] = []
    for line in lines[2:]:
        line = line.rstrip("\n")
        if not line.strip() or re.fullmatch(r"<img\d*>", line.strip()):
            units.append("")
            continue
        heading = re.fullmatch(r"<h1>(.*)</h1>", line.strip())
        if heading:
            out.append(f"# {_inline(heading.group(1))}\n")
            units.append(heading.group(1))
            continue
        parts = line.split("<delimiter>")
        if verse and len(parts) > 1:
            out.append("\n".join(f"| {_inline(p)}" for p in parts) + "\n")
        else:
            out.extend(_inline(p) + "\n" for p in parts if p.strip())
        units.append(" ".join(parts))
    return "\n".join(out), units


def edition(work: str, langs: list[str], folder: Path, verse: bool = False) -> dict[str, list[str]]:
    units = {}
    for lang in langs:
        lines = (CORPUS / work / f"{work}_{lang}.txt").read_text(encoding="utf-8").splitlines()
        markdown, units[lang] = to_markdown(lines, lang, verse)
        (folder / f"{lang}.md").write_text(markdown, encoding="utf-8")
    sources = "\n".join(f'[[sources]]\nfile = "{lang}.md"\nlang = "{lang}"\nrole = "translation"\n' for lang in langs)
    titles = "\n".join(f'{lang} = "{work} ({lang})"' for lang in langs)
    (folder / "edition.toml").write_text(
        f'slug = "{work.replace("_", "-")}"\ndescription = "A trial."\n\n[titles]\n{titles}\n\n{sources}',
        encoding="utf-8",
    )
    return units


def _letters(text: str) -> int:
    return len(re.sub(r"\W", "", re.sub(r"<[^>]+>", "", text)))


def _reparagraphed(path: Path, regroup: Callable[[list[str]], list[str]]) -> None:
    """The Markdown at ``path`` with each run of paragraphs between headings and verse made
    into the paragraphs ``regroup`` returns."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    out: list[str] = []
    run: list[str] = []
    for paragraph in (p.strip() for p in body.split("\n\n")):
        if not paragraph:
            continue
        if paragraph.startswith(("#", "|")):
            out += regroup(run) if run else []
            out.append(paragraph)
            run = []
        else:
            run.append(paragraph)
    out += regroup(run) if run else []
    path.write_text("---\n" + front + "---\n\n" + "\n\n".join(out) + "\n", encoding="utf-8")


def join_paragraphs(path: Path, size: int) -> None:
    """Every ``size`` paragraphs of the Markdown at ``path`` joined into one (not across a
    heading or verse)."""
    _reparagraphed(path, lambda run: [" ".join(run[k : k + size]) for k in range(0, len(run), size)])


def cut_paragraphs(path: Path, size: int) -> None:
    """The paragraphs of the Markdown at ``path`` cut anew into paragraphs of ``size`` sentences
    (enface's segmenter), from each heading or verse to the next, wherever the original's end."""
    from enface.segment import split_sentences

    def regroup(run: list[str]) -> list[str]:
        sentences = [s for paragraph in run for s in split_sentences(paragraph, path.stem)]
        return [" ".join(sentences[k : k + size]) for k in range(0, len(sentences), size)]

    _reparagraphed(path, regroup)


def score(
    work: str, langs: list[str], verse: bool = False, join: tuple[str, int] | None = None, cut: bool = False
) -> None:
    from enface import dictd
    from enface.manifest import load_edition
    from enface.pipeline import prepare
    from enface.tei import build_tei
    from enface.tei.read import read_tei

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        gold_units = edition(work, langs, folder, verse)
        if join:
            (cut_paragraphs if cut else join_paragraphs)(folder / f"{join[0]}.md", join[1])
        started = time.perf_counter()
        parallel = prepare(folder, load_edition(folder))
        took = time.perf_counter() - started
        doc = read_tei(build_tei(load_edition(folder), parallel, datetime.datetime(2026, 1, 1)))
    ends: set[int] = set()  # where the joined version's paragraphs end
    if join:
        total = 0
        for block in parallel.translations[join[0]].blocks:
            total += _letters(block.text)
            ends.add(total)
    gold = {lang: [] for lang in langs}
    for lang in langs:
        total = 0
        for unit in gold_units[lang]:
            total += _letters(unit)
            gold[lang].append(total)
    found = {lang: [] for lang in langs}
    for lang in langs:
        blocks = parallel.translations[lang].blocks
        total = 0
        for unit in parallel.units:
            total += sum(_letters(blocks[n - 1].text) for n in unit.paragraphs[lang])
            found[lang].append(total)
    print(f"{work}: {len(parallel.units)} units, {len(parallel.divisions)} division groups, {took:.1f} s")
    packaged, missing = dictd.packages(langs), dictd.packages(langs, missing=True)
    print(f"  FreeDict dictionaries: {len(packaged) - len(missing)} of the {len(packaged)} Debian has installed")
    for a, b in combinations(langs, 2):
        kept = [k for k, end in enumerate(gold[join[0]]) if end in ends] if join else range(len(gold[a]))
        g = {(gold[a][k], gold[b][k]) for k in kept}
        f = {(x, y) for x, y in zip(found[a], found[b])}
        recall = len(g & f) / max(len(g), 1)
        # a boundary enface adds inside one gold unit in both languages (a unit of several
        # paragraphs cut between them) is not wrong, nor one inside a unit that one language
        # leaves empty (a passage it lacks, cut between its paragraphs in the other, nothing
        # opposite either part): only one that crosses units is
        right = sum(
            1 for x, y in f if (x, y) in g or _within(gold[a], gold[b], x, y) or _within(gold[b], gold[a], y, x)
        )
        precision = right / max(len(f), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        # a missed boundary next to a line the corpus leaves empty in some language: the corpus keeps a
        # passage one version lacks as a unit of its own, where enface may join it to a neighbour
        missed = [k for k in kept if (gold[a][k], gold[b][k]) not in f]
        empty = sum(
            1
            for k in missed
            if any(not gold_units[x][j].strip() for x in langs for j in (k, k + 1) if j < len(gold[x]))
        )
        print(
            f"  {a}-{b}: unit boundary precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}"
            + (f"  ({len(missed)} missed, {empty} next to an empty corpus line)" if missed else "")
        )
    print("  " + _silent(doc, langs, gold, found))


def _silent(doc, langs: list[str], gold: dict[str, list[int]], found: dict[str, list[int]]) -> str:
    """How many units with a misplaced boundary the review page would not point to.

    A unit is misplaced when its start or end, in some pair of languages, is a boundary the
    scores above count as wrong; the page points to it when it lists it (:func:`enface.review.check`,
    on the TEI of the alignment scored) or lists the unit before for an uncertain end (the
    boundary between the two)."""
    from enface.review import check

    pairs = {(a, b): set(zip(gold[a], gold[b])) for a, b in combinations(langs, 2)}

    def right(a: str, b: str, x: int, y: int) -> bool:
        return (
            (x, y) == (0, 0)
            or (x, y) in pairs[a, b]
            or _within(gold[a], gold[b], x, y)
            or _within(gold[b], gold[a], y, x)
        )

    wrong = checked = wrong_checked = 0
    before = None  # the previous unit's check: an uncertain end there points to this unit's start
    for k, unit in enumerate(doc.units):
        ends = [(found[lang][k - 1] if k else 0, found[lang][k]) for lang in langs]
        misplaced = any(
            not right(a, b, ends[i][side], ends[j][side])
            for i, a in enumerate(langs)
            for j, b in enumerate(langs)
            if i < j
            for side in (0, 1)
        )
        item = check(unit, doc)
        pointed = item is not None or (before is not None and "uncertain" in before.kinds)
        before = item
        wrong += misplaced
        checked += item is not None
        wrong_checked += misplaced and pointed
    return (
        f"units to check (review page): {checked} of {len(doc.units)}; with a misplaced boundary: {wrong}, "
        f"{wrong_checked} of them to check, {wrong - wrong_checked} not (silent)"
    )


def _within(bounds: list[int], other: list[int], x: int, y: int) -> bool:
    """Is ``x`` inside a gold unit whose other side is inside the same unit at ``y``, or
    empty there and standing at ``y``?"""
    k = _inside(bounds, x)
    if k is None:
        return False
    start = other[k - 1] if k else 0
    return _inside(other, y) == k or start == other[k] == y


def _inside(bounds: list[int], x: int) -> int | None:
    """The gold unit whose inside (not its ends) holds the point ``x``, else None."""
    start = 0
    for k, end in enumerate(bounds):
        if start < x < end:
            return k
        start = end
    return None


if __name__ == "__main__":
    args = sys.argv[1:] or ["the_canterville_ghost", "fr", "ru", "en"]
    verse = "--verse" in args
    join = None
    cut = "--cut" in args
    if "--join" in args or cut:
        at = args.index("--cut" if cut else "--join")
        lang, size = args[at + 1].split(":")
        join = (lang, int(size))
        del args[at : at + 2]
    pairs = "--pairs" in args
    args = [a for a in args if a not in ("--verse", "--pairs")]
    if pairs:
        for a, b in combinations(args[1:], 2):
            score(args[0], [a, b], verse, join, cut)
    else:
        score(args[0], args[1:], verse, join, cut)
