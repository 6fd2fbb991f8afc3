"""``enface build``: sources → TEI → EPUB and PDF, all outputs replaced together or not at all."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from lxml import etree

from ..dates import build_datetime
from ..errors import EnfaceError
from ..manifest import Edition, load_edition
from ..output import Staging
from ..model import Parallel
from ..pipeline import prepare
from ..report import build_report
from ..tei import build_tei, validate
from ..tei.read import read_tei

FORMATS = ("tei", "epub", "pdf")
SUFFIX = {"tei": ".tei.xml", "epub": ".epub", "pdf": ".pdf"}

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    edition: Edition
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    parallel: Parallel | None = None


def parse_formats(value: str | Iterable[str]) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value)
    formats = [item.strip().lower() for item in items if item.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise EnfaceError(f"unknown output format {', '.join(unknown) or '(none)'}: choose from {', '.join(FORMATS)}")
    return [f for f in FORMATS if f in formats]


def tei_bytes(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def build(edition_dir: Path, out_dir: Path, formats: list[str], progress: Progress = lambda _m: None,
          *, check_language: bool = True) -> BuildResult:
    edition = load_edition(edition_dir)
    result = BuildResult(edition)
    when: dt.datetime = build_datetime(edition_dir)

    progress("reading, checking and aligning the sources")
    parallel = prepare(edition_dir, edition, check_language=check_language)
    result.warnings.extend(parallel.warnings)

    progress("assembling and validating the TEI")
    tree = build_tei(edition, parallel, when)
    validate(tree, label=f"{edition.slug}.tei.xml")
    doc = read_tei(tree)

    result.parallel = parallel
    with Staging(out_dir) as staging:
        staging.write(f"{edition.slug}.report.json", build_report(parallel))
        if "tei" in formats:
            staging.write(edition.slug + SUFFIX["tei"], tei_bytes(tree))
        if "epub" in formats:
            progress("writing the EPUB")
            from ..epub import write_epub

            staging.write(edition.slug + SUFFIX["epub"], write_epub(doc, when))
        if "pdf" in formats:
            progress("laying out the PDF (WeasyPrint)")
            from ..pdf import write_pdf

            extra_css = None
            if edition.style.print:
                extra_css = edition_dir / edition.style.print
                if not extra_css.is_file():
                    raise EnfaceError("stylesheet not found", path=extra_css,
                                      hint="check [style] print in edition.toml")
            pdf, messages = write_pdf(doc, when, edition_dir=edition_dir, extra_css=extra_css)
            result.warnings.extend(f"WeasyPrint: {m}" for m in messages)
            staging.write(edition.slug + SUFFIX["pdf"], pdf)
        sums = "".join(f"{hashlib.sha256(tmp.read_bytes()).hexdigest()}  {target.name}\n"
                       for tmp, target in staging.pending())
        staging.write("SHA256SUMS", sums.encode())
        result.outputs = staging.commit()
    return result
