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
          *, check_language: bool = True, epub_mode: str | None = None,
          epub_primary: str | None = None, print_options=None) -> BuildResult:
    """Build the outputs. ``epub_mode`` (interleaved, sequential, popup, all; default: the
    manifest's ``[epub] mode``, else interleaved) and ``epub_primary`` (popup mode's reading
    language) choose the EPUB edition(s). The print edition is laid out first and the EPUBs
    get a page-list of its pages (unless ``[epub] page_list = false``). ``print_options`` (``enface.pdf.PrintOptions``:
    page size, bleed, marks, PDF variant, notes pages) default to A4, PDF/UA-1."""
    edition = load_edition(edition_dir)
    result = BuildResult(edition)
    when: dt.datetime = build_datetime(edition_dir)
    if "epub" in formats:  # bad EPUB options fail before any work
        from ..epub import check_primary, parse_modes

        epub_modes = parse_modes(epub_mode or edition.epub.mode)
        epub_primary = check_primary(epub_primary or edition.epub.primary, edition.languages)

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
        page_starts = None
        # The EPUB's page-list is the print edition's pagination: lay the print edition out
        # (first) whenever there is an EPUB, so an EPUB is the same whether or not the PDF is
        # written too. `[epub] page_list = false` skips that for EPUB-only builds.
        if "pdf" in formats or ("epub" in formats and edition.epub.page_list):
            progress("laying out the PDF (WeasyPrint)")
            extra_css = None
            if edition.style.print:
                extra_css = edition_dir / edition.style.print
                if not extra_css.is_file():
                    raise EnfaceError("stylesheet not found", path=extra_css,
                                      hint="check [style] print in edition.toml")
            pdf, messages, page_starts = _print(doc, when, edition_dir=edition_dir, extra_css=extra_css,
                                                options=print_options)
            result.warnings.extend(f"WeasyPrint: {m}" for m in messages)
            if "pdf" in formats:
                staging.write(edition.slug + SUFFIX["pdf"], pdf)
            if not edition.epub.page_list:
                page_starts = None
        if "epub" in formats:  # after the PDF: its page starts make the EPUB page-list
            from ..epub import build_epub, output_name

            for mode in epub_modes:
                progress(f"writing the EPUB ({mode})")
                made = build_epub(doc, when, mode=mode, primary=epub_primary, page_starts=page_starts)
                result.warnings.extend(made.warnings)
                staging.write(output_name(edition.slug, mode), made.data)
        sums = "".join(f"{hashlib.sha256(tmp.read_bytes()).hexdigest()}  {target.name}\n"
                       for tmp, target in staging.pending())
        staging.write("SHA256SUMS", sums.encode())
        result.outputs = staging.commit()
    return result


def _print(doc, when: dt.datetime, *, edition_dir: Path, extra_css: Path | None, options=None):
    """Lay out and write the PDF: its bytes, WeasyPrint's messages, and its page starts."""
    from ..pdf import PrintOptions, render

    printed = render(doc, when, edition_dir=edition_dir, options=options or PrintOptions(), extra_css=extra_css)
    return printed.pdf, printed.messages, printed.page_starts
