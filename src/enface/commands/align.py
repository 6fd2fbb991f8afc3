"""``enface align``: the sentence alignment as JSON, TMX or TSV, and a report for checking it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..align import LOW_CONFIDENCE
from ..align.export import Unit as ExportUnit
from ..align.export import to_json, to_tmx, to_tsv
from ..errors import EnfaceError
from ..manifest import Edition, load_edition
from ..model import Parallel
from ..pipeline import prepare

FORMATS = ("json", "tmx", "tsv")


def export_units(parallel: Parallel) -> list[ExportUnit]:
    units = []
    for unit in parallel.units:
        sentences = {
            lang: [s for n in unit.paragraphs.get(lang, ()) for s in parallel.translations[lang].paragraphs[n - 1]]
            for lang in parallel.langs
        }
        beads = [
            {lang: " ".join(sentences[lang][slice(*bead.get(lang, (0, 0)))]) for lang in parallel.langs}
            for bead in unit.beads
        ]
        units.append(ExportUnit(paragraph=unit.n, beads=beads))
    return units


def export(parallel: Parallel, fmt: str) -> bytes:
    units = export_units(parallel)
    langs = list(parallel.langs)
    if fmt == "json":
        return to_json(units, langs).encode("utf-8")
    if fmt == "tmx":
        return to_tmx(units, langs, srclang=langs[0])
    if fmt == "tsv":
        return to_tsv(units, langs).encode("utf-8")
    raise EnfaceError(f"unknown alignment format {fmt!r}: choose from {', '.join(FORMATS)}")


@dataclass(frozen=True)
class ReportRow:
    unit: int
    paragraphs: str
    beads: int
    kinds: str
    doubtful: list[str]


def _kind(bead: dict[str, tuple[int, int]], langs: tuple[str, ...]) -> str:
    return "-".join(str(bead.get(lang, (0, 0))[1] - bead.get(lang, (0, 0))[0]) for lang in langs)


def report(parallel: Parallel) -> list[ReportRow]:
    rows = []
    texts = export_units(parallel)
    for unit, exported in zip(parallel.units, texts):
        kinds: dict[str, int] = {}
        for bead in unit.beads:
            kind = _kind(bead, parallel.langs)
            kinds[kind] = kinds.get(kind, 0) + 1
        doubtful = []
        for b, (bead, confidence) in enumerate(zip(unit.beads, unit.confidence), start=1):
            if confidence < LOW_CONFIDENCE:
                pivot_text = exported.beads[b - 1][parallel.langs[0]] or next(
                    (t for t in exported.beads[b - 1].values() if t), ""
                )
                doubtful.append(f"{unit.n}.{b} ({_kind(bead, parallel.langs)}, p={confidence:.3f}): {pivot_text[:60]}…")
        paragraphs = " / ".join(",".join(map(str, unit.paragraphs.get(lang, ()))) or "—" for lang in parallel.langs)
        rows.append(
            ReportRow(
                unit.n,
                paragraphs,
                len(unit.beads),
                ", ".join(f"{k}×{v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])),
                doubtful,
            )
        )
    return rows


def run(edition_dir: Path, *, check_language: bool = True) -> tuple[Edition, Parallel]:
    edition = load_edition(edition_dir)
    return edition, prepare(edition_dir, edition, check_language=check_language)
