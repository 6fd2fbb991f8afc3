"""Write the print edition (PDF) from the TEI.

TEI views → print HTML (``layout``) → WeasyPrint ``render()`` → measurements on the
laid-out pages (``measure``) → ``write_pdf`` (PDF/UA-1 or PDF/A-3b, tagged) → each
language marked in the structure tree (``structure``, with pikepdf).

WeasyPrint is imported only here and only when a PDF is asked for: importing it
costs most of a second.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

from ..fonts import font_plan
from ..paths import styles_dir
from ..tei.read import Document
from .fetcher import restricted_fetcher
from .hyphenation import repaired_dictionaries
from .layout import geometry, print_html
from .measure import line_report, page_starts
from .options import PrintOptions
from .structure import language_plan, mark_languages

EMPTY_FONTCONFIG = Path(__file__).with_name("no-system-fonts.conf")
NARROW_CHARS = 30  # fewer characters a line than this in a column: say so

__all__ = ["PrintOptions", "PrintResult", "print_html", "render"]


@dataclass
class PrintResult:
    pdf: bytes
    messages: list[str]
    page_starts: list[tuple[str, str]]  # (printed page label, first sentence/element id on it)
    pages: int
    stats: dict = field(default_factory=dict)  # layout measurements (line stretch, timings)


@contextmanager
def _source_date(when: dt.datetime) -> Iterator[None]:
    """WeasyPrint (fontTools) stamps subset fonts with SOURCE_DATE_EPOCH when set."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextmanager
def _vendored_fonts_only() -> Iterator[None]:
    """Fontconfig with no configuration while WeasyPrint lays out: it knows no system font,
    only the ``@font-face`` files of the stylesheets (the vendored fonts). The same PDF on
    every machine, whatever fonts it has; a character no vendored font covers (a build with
    ``--allow-missing-glyphs``) is a missing glyph, never a system font's."""
    previous = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(EMPTY_FONTCONFIG)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")
            yield
    finally:
        if previous is None:
            os.environ.pop("FONTCONFIG_FILE", None)
        else:
            os.environ["FONTCONFIG_FILE"] = previous


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _document_order(html: str) -> tuple[list[str], set[str]]:
    root = lxml_html.document_fromstring(html)
    order = [el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")]
    sentences = {el.get("id") for el in root.iter("span") if el.get("class") == "s" and el.get("id")}
    return order, sentences


def render(
    doc: Document,
    when: dt.datetime,
    *,
    edition_dir: Path,
    options: PrintOptions,
    extra_css: Path | None = None,
    write: bool = True,
) -> PrintResult:
    """Lay out and write the print edition.

    Returns the PDF, WeasyPrint's warnings and ours (refused fetches among them), the printed
    page starts of the main text and appendices (for the EPUB page-list) and the page count.
    ``write=False`` stops after the layout (``pdf`` is empty): enough for the page starts.
    """
    from weasyprint import HTML

    timings: dict[str, float] = {}
    started = time.perf_counter()
    fetcher = restricted_fetcher([styles_dir(), edition_dir])
    fonts = font_plan(doc)
    layout_messages: list[str] = []

    def measure(text: str):  # facing pages: the beads laid out once to measure them
        with _source_date(when), repaired_dictionaries(), _vendored_fonts_only():
            return HTML(string=text, base_url=str(styles_dir()) + "/", url_fetcher=fetcher).render()

    html = print_html(doc, when, options, extra_css, edition_dir, fonts, render=measure, messages=layout_messages)
    # a character no vendored font has (the build let it through: --allow-missing-glyphs) is
    # drawn by no font: such a PDF claims no conformance to PDF/UA or PDF/A
    variant = None if fonts.missing else options.variant
    identifier = hashlib.md5(doc.meta.identifier.encode(), usedforsecurity=False).hexdigest().encode()
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    messages: list[str] = []
    pdf = b""
    try:
        with _source_date(when), repaired_dictionaries(), _vendored_fonts_only():
            timings["html"] = time.perf_counter() - started
            document = HTML(string=html, base_url=str(styles_dir()) + "/", url_fetcher=fetcher).render()
            timings["layout"] = time.perf_counter() - started - timings["html"]
            mark = time.perf_counter()
            order, sentences = _document_order(html)
            stop = "notes" if options.notes_pages else None
            starts = page_starts(document, order, sentence_ids=sentences, start_id="parallel", stop_id=stop)
            lines = line_report(document)
            plan = language_plan(html, document) if write else None
            timings["measure"] = time.perf_counter() - mark
            if write:
                mark = time.perf_counter()
                pdf = document.write_pdf(
                    pdf_identifier=identifier, uncompressed_pdf=False, pdf_variant=variant, pdf_tags=True
                )
                timings["pdf"] = time.perf_counter() - mark
    finally:
        logger.removeHandler(handler)
    marked = 0
    if write:
        mark = time.perf_counter()
        pdf, structure_messages, marked = mark_languages(pdf, plan)
        timings["structure"] = time.perf_counter() - mark
        messages += structure_messages
    messages += layout_messages
    geo = geometry(options, 1 if options.facing else len(doc.meta.langs))
    if geo.chars_per_line < NARROW_CHARS:
        messages.append(
            f"{geo.columns} columns on {options.size.label} pages leave {geo.column_mm:.0f} mm each "
            f"(about {geo.chars_per_line:.0f} characters a line): choose a larger --page-size "
            f"(A4 or letter for three languages), or --layout facing for two"
        )
    for page, text, excess in lines.overfull:
        messages.append(f"page {page}: a line sticks out {excess:g} pt past its column: {text.strip()[:60]!r}")
    ours = "enface loads only files"
    messages = [m for m in handler.messages if ours not in m] + messages
    messages += [
        f"refused to load {url}: only files from the edition and styles/ are served"
        for url in dict.fromkeys(fetcher.refused)
    ]
    timings["total"] = time.perf_counter() - started
    stats = {"timings": timings, "lines": lines.summary(), "overfull": len(lines.overfull), "lang_marked": marked}
    return PrintResult(pdf=pdf, messages=messages, page_starts=starts, pages=len(document.pages), stats=stats)
