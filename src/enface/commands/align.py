"""``enface align``: the sentence alignment as JSON, TMX or TSV, a report and a review page
(:mod:`enface.review`) for checking it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..align.export import to_json, to_tmx, to_tsv
from ..errors import EnfaceError
from ..manifest import Edition, load_edition
from ..model import Parallel
from ..pipeline import prepare

FORMATS = ("json", "tmx", "tsv")


def document(parallel: Parallel, edition: Edition):
    """The TEI view of the alignment: exports and reports read the TEI, like every writer."""
    import datetime as dt

    from ..tei import build_tei
    from ..tei.read import read_tei

    # the date only reaches the TEI header, which exports do not use
    return read_tei(build_tei(edition, parallel, dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))


def export(parallel: Parallel, fmt: str, edition: Edition) -> bytes:
    doc = document(parallel, edition)
    langs = list(doc.meta.langs)
    if fmt == "json":
        return to_json(doc.units, langs).encode("utf-8")
    if fmt == "tmx":
        return to_tmx(doc.units, langs, srclang=langs[0])
    if fmt == "tsv":
        return to_tsv(doc.units, langs).encode("utf-8")
    raise EnfaceError(f"unknown alignment format {fmt!r}: choose from {', '.join(FORMATS)}")


def review(parallel: Parallel, edition: Edition) -> tuple[bytes, int]:
    """The review page (HTML bytes) and the number of units it shows to check."""
    from .. import review as page

    doc = document(parallel, edition)
    return page.page(doc), len(page.checks(doc))


@dataclass(frozen=True)
class ReportRow:
    unit: int
    paragraphs: str
    beads: int
    kinds: str
    doubtful: list[str]


def report(parallel: Parallel) -> list[ReportRow]:
    rows = []
    langs = parallel.langs
    for unit in parallel.units:
        kinds: dict[str, int] = {}
        for bead in unit.beads:
            kinds[bead.kind] = kinds.get(bead.kind, 0) + 1
        sentences = {
            lang: [s for n in unit.paragraphs.get(lang, ()) for s in parallel.translations[lang].paragraphs[n - 1]]
            for lang in langs
        }
        doubtful = []
        for b, bead in enumerate(unit.beads, start=1):
            if bead.doubtful:
                texts = bead.texts(sentences)
                pivot_text = texts.get(langs[0]) or next((t for t in texts.values() if t), "")
                doubtful.append(f"{unit.n}.{b} ({bead.kind}, p={bead.confidence:.3f}): {pivot_text[:60]}…")
        if unit.uncertain_end:  # the boundary with the next unit
            doubtful.append(f"end before unit {unit.n + 1} uncertain (another place {unit.end_margin:.1f} nats dearer)")
        paragraphs = " / ".join(",".join(map(str, unit.paragraphs.get(lang, ()))) or "—" for lang in langs)
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
