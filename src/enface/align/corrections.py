"""Corrections that last: an alignment file in the edition, fixed by hand, kept on every build.

The loop is export → edit → build: ``enface align --format tsv --out alignment.tsv`` writes
the alignment, the user moves sentences between rows (joins, splits, reorders nothing), and
``alignment = "alignment.tsv"`` in ``edition.toml`` makes every build use it. The file must
still hold the whole text of every version, in order, row by row: each row is one bead. Rows
that differ from what the aligner finds are *manual* beads, marked so in the TEI (as
InterText keeps ``man``/``auto``); the others are the aligner's own. Units are made again
from the beads: the smallest runs of whole paragraphs that no bead crosses.

When a source changes under the file, its rows no longer add up to the text: the build stops
and names the row, the language and what the source now says there, and what to do. A
correction is never dropped or applied to other text silently.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import EnfaceError
from ..model import Text, Unit
from . import Bead

_SPACE = re.compile(r"\s+")
PLACE_COLUMNS = ("paragraph", "division", "kind")


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


def read_rows(path: Path, langs: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """(line or item number, text per language) for each bead row of a TSV or JSON alignment."""
    try:
        data = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EnfaceError(f"cannot read the alignment file: {exc}", path=path) from None
    rows: list[tuple[int, dict[str, str]]] = []
    if path.suffix.lower() == ".json":
        try:
            items = json.loads(data)
            for item in items:
                for bead in item["beads"]:
                    rows.append((len(rows) + 1, {lang: str(bead.get(lang, "")) for lang in langs}))
        except (ValueError, KeyError, TypeError) as exc:
            raise EnfaceError(
                f"not an alignment as `enface align --format json` writes it ({exc})",
                path=path,
                hint="export it again with enface align --format json",
            ) from None
        return rows
    reader = csv.reader(io.StringIO(data), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    missing = [lang for lang in langs if header is None or lang not in header]
    if missing:
        raise EnfaceError(
            f"the alignment file has no column for {', '.join(missing)}",
            path=path,
            line=1,
            hint="export it with enface align --format tsv; keep its first line",
        )
    columns = {lang: header.index(lang) for lang in langs}
    for number, cells in enumerate(reader, start=2):
        if not cells:
            continue
        rows.append((number, {lang: cells[i] if i < len(cells) else "" for lang, i in columns.items()}))
    return rows


def apply(path: Path, texts: Mapping[str, Text], langs: Sequence[str], auto: Sequence[Unit]) -> tuple[Unit, ...]:
    """The units the alignment file gives, manual beads marked (see the module docstring)."""
    rows = read_rows(path, langs)
    segments = {lang: [s.text for b in texts[lang].blocks for s in b.segments] for lang in langs}
    position = dict.fromkeys(langs, 0)
    beads: list[dict[str, tuple[int, ...]]] = []
    for number, row in rows:
        bead: dict[str, tuple[int, ...]] = {}
        for lang in langs:
            want = _norm(row[lang])
            taken, got, start = [], "", position[lang]
            while len(got) < len(want) and position[lang] < len(segments[lang]):
                got += _norm(segments[lang][position[lang]])
                taken.append(position[lang])
                position[lang] += 1
            if got != want:
                source = segments[lang][start] if start < len(segments[lang]) else "(the end of the text)"
                raise EnfaceError(
                    f"the {lang} text of this row no longer matches the source, which has here: {source[:80]!r}",
                    path=path,
                    line=number,
                    hint="a source changed since the alignment was exported: make the row match the source "
                    "again, or export a new one with `enface align --format tsv` and redo the correction",
                )
            bead[lang] = tuple(taken)
        if any(bead.values()):
            beads.append(bead)
    for lang in langs:
        if position[lang] < len(segments[lang]):
            raise EnfaceError(
                f"the alignment file ends before the {lang} text does (next: {segments[lang][position[lang]][:80]!r})",
                path=path,
                hint="a source grew since the alignment was exported: add rows for the new text, or export again",
            )
    units = _units(beads, texts, langs, _auto_beads(auto, texts, langs))
    # where the aligner found the versions paragraphed on their own, the units stay marked so
    apart = {(lang, n) for unit in auto if unit.own_paragraphing for lang in langs for n in unit.paragraphs[lang]}
    units = [
        replace(unit, own_paragraphing=True)
        if any((lang, n) in apart for lang in langs for n in unit.paragraphs[lang])
        else unit
        for unit in units
    ]
    # a unit left as the aligner made it keeps what it said of its end; one with a bead set by
    # hand was looked at (the default: nothing to say)
    ends = {_place(unit, langs): unit.end_margin for unit in auto}
    return tuple(
        unit
        if any(bead.manual for bead in unit.beads)
        else replace(unit, end_margin=ends.get(_place(unit, langs), math.inf))
        for unit in units
    )


def _place(unit: Unit, langs: Sequence[str]) -> tuple[tuple[int, ...], ...]:
    return tuple(unit.paragraphs.get(lang, ()) for lang in langs)


def _offsets(text: Text) -> list[int]:
    """The position (in the version's segments) where each block starts."""
    out, total = [], 0
    for block in text.blocks:
        out.append(total)
        total += len(block.segments)
    return out


def _auto_beads(auto: Sequence[Unit], texts: Mapping[str, Text], langs: Sequence[str]) -> dict[tuple, Bead]:
    """The aligner's beads in whole-text positions, to tell the hand-made ones apart."""
    offsets = {lang: _offsets(texts[lang]) for lang in langs}
    out: dict[tuple, Bead] = {}
    for unit in auto:
        local = {
            lang: [
                offsets[lang][n - 1] + k
                for n in unit.paragraphs[lang]
                for k in range(len(texts[lang].blocks[n - 1].segments))
            ]
            for lang in langs
        }
        for bead in unit.beads:
            key = tuple(tuple(local[lang][i] for i in bead.sentences.get(lang, ())) for lang in langs)
            out[key] = bead
    return out


def _units(
    beads: list[dict[str, tuple[int, ...]]], texts: Mapping[str, Text], langs: Sequence[str], auto: dict[tuple, Bead]
) -> tuple[Unit, ...]:
    owner = {lang: [n for n, b in enumerate(texts[lang].blocks, 1) for _ in b.segments] for lang in langs}
    starts = {lang: {*_offsets(texts[lang]), len(owner[lang])} for lang in langs}
    # blocks without text (an image without a caption) go with the unit that starts where they stand
    empty: dict[str, dict[int, list[int]]] = {lang: {} for lang in langs}
    for lang in langs:
        for n, (block, offset) in enumerate(zip(texts[lang].blocks, _offsets(texts[lang])), 1):
            if not block.segments:
                empty[lang].setdefault(offset, []).append(n)
    units: list[Unit] = []
    group: list[tuple[tuple, Bead]] = []
    origin = dict.fromkeys(langs, 0)
    position = dict.fromkeys(langs, 0)
    for bead in beads:
        key = tuple(bead[lang] for lang in langs)
        found = auto.get(key)
        kind = "-".join(str(len(bead[lang])) for lang in langs)
        group.append((key, found or Bead(dict(bead), kind, 0.0, 1.0, manual=True)))
        for lang in langs:
            if bead[lang]:
                position[lang] = bead[lang][-1] + 1
        if all(position[lang] in starts[lang] for lang in langs):
            numbers = {
                lang: (
                    *empty[lang].get(origin[lang], []),
                    *dict.fromkeys(owner[lang][i] for i in range(origin[lang], position[lang])),
                )
                for lang in langs
            }
            local = tuple(
                replace(
                    b,
                    sentences={lang: tuple(i - origin[lang] for i in k[langs.index(lang)]) for lang in langs},
                )
                for k, b in group
            )
            confidence = min((b.confidence for b in local), default=1.0)
            units.append(Unit(len(units) + 1, numbers, local, confidence))
            origin = dict(position)
            group = []
    if units:  # blocks without text at the very end
        last = units[-1]
        tail = {lang: tuple(empty[lang].get(len(owner[lang]), [])) for lang in langs}
        units[-1] = replace(last, paragraphs={lang: last.paragraphs[lang] + tail[lang] for lang in langs})
    return tuple(units)
