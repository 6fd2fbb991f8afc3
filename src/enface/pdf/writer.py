"""Write the print edition (PDF) from the TEI.

TEI views → print HTML (``layout``; its measuring layouts, facing pages' beads and the
hyphenation limits, a division at a time in the same pool and cache as the parts: ``probes``)
→ split into parts (``sections``: front matter, each
chapter, appendix, notes pages) → each part laid out by WeasyPrint in a pool of processes or
taken from the cache (``parts``), measured (``measure``), written (PDF/UA-1 or PDF/A-3b,
tagged) and its languages marked (``structure``) → the front matter laid out last with the
contents' page numbers from the parts' lengths, and the folio layer → one PDF (``join``).

Why not lay the book out twice (once for the page numbers): every chapter opens on a recto,
so its layout does not depend on its first page's number; only folios and the contents do,
and neither changes a chapter's pages. The parts' lengths give each part's first page; the
front matter's length comes from a probe laid out beside the chapters (placeholder numbers).
A book that does not split that way (facing pages) is laid out as one document, as before.

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
from typing import TYPE_CHECKING

from lxml import html as lxml_html

from ..fonts import font_plan
from ..paths import styles_dir
from ..tei.read import Document
from .choice import resolve
from .fetcher import restricted_fetcher
from .hyphenation import Kept, kept_in, merged
from .layout import print_html
from .measure import LineReport
from .options import PrintOptions

if TYPE_CHECKING:
    from ..cache import Cache

EMPTY_FONTCONFIG = Path(__file__).with_name("no-system-fonts.conf")

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
    """The ids a page may start at, in document order, and the sentences' among them. An element
    with nothing to read is none: a facing page left empty opposite a passage its version lacks
    starts with its empty block, which no EPUB has (the page starts where its text runs on)."""
    root = lxml_html.document_fromstring(html)
    order = [
        el.get("id")
        for el in root.iter()
        if isinstance(el.tag, str) and el.get("id") and (el.text_content().strip() or el.find(".//img") is not None)
    ]
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
    jobs: int = 1,
    cache: Cache | None = None,
    salt: tuple = (),
) -> PrintResult:
    """Lay out and write the print edition.

    Returns the PDF, WeasyPrint's warnings and ours (refused fetches among them), the printed
    page starts of the main text and appendices (for the EPUB page-list) and the page count.
    ``write=False`` stops after the layout (``pdf`` is empty): enough for the page starts.
    The book is laid out part by part (``sections``) in ``jobs`` processes; with ``cache``,
    each part is kept by its own content (``salt``: what else it depends on, the styles').
    """
    from .parts import Env, Runner

    timings: dict[str, float] = {}
    started = time.perf_counter()
    fetcher = restricted_fetcher([styles_dir(), edition_dir])
    fonts = font_plan(doc)
    layout_messages: list[str] = []
    # a character no vendored font has (the build let it through: --allow-missing-glyphs) is
    # drawn by no font: such a PDF claims no conformance to PDF/UA or PDF/A
    variant = None if fonts.missing else options.variant
    identifier = hashlib.md5(doc.meta.identifier.encode(), usedforsecurity=False).hexdigest().encode()
    runner = Runner(Env(when, edition_dir, variant, identifier), jobs=jobs, cache=cache, salt=salt)
    kept: dict[str, Kept] = {}  # section id -> the words its hyphenation limits keep whole
    try:
        if jobs > 1 and _text_chars(doc) >= WARM_CHARS:
            runner.warm()
        # the measuring layouts (facing pages' beads, hyphenation limits) a division at a time,
        # in the workers and cached like the parts (``probes``)
        html = print_html(
            doc, when, options, extra_css, edition_dir, fonts, probe=runner.probe, messages=layout_messages, kept=kept
        )
        timings["html"] = time.perf_counter() - started
        _trim()
        stop = "notes" if options.notes_pages else None
        book = _sectioned(html, runner, write, timings, kept)
        if book is None:
            book = _whole(html, runner, stop, merged(*kept.values()))
    finally:
        runner.close()
    messages: list[str] = list(book.messages)
    messages += layout_messages
    messages += resolve(options, doc.meta.langs)[1].messages  # the layout for the reader (choice.py)
    for page, text, excess in book.lines.overfull:
        messages.append(f"page {page}: a line sticks out {excess:g} pt past its column: {text.strip()[:60]!r}")
    messages += [
        f"refused to load {url}: only files from the edition and styles/ are served"
        for url in dict.fromkeys([*fetcher.refused, *book.refused])
    ]
    timings["total"] = time.perf_counter() - started
    stats = {
        "timings": timings,
        "lines": book.lines.summary(),
        "overfull": len(book.lines.overfull),
        "lang_marked": book.marked,
        "parts": {"count": book.parts, "laid out": runner.laid_out, "cached": runner.from_cache},
        "probes": {"measured": runner.probed, "cached": runner.probes_cached},
    }
    pdf = book.pdf if write else b""
    return PrintResult(pdf=pdf, messages=messages, page_starts=book.starts, pages=book.pages, stats=stats)


WARM_CHARS = 60_000  # characters of text from which the layout workers start before the print HTML is made


def _text_chars(doc: Document) -> int:
    """The characters of the text in every language (is the book long enough for workers?)."""
    return sum(
        len(s.text) for unit in doc.units for paras in unit.paragraphs.values() for p in paras for s in p.sentences
    )


@dataclass
class _Book:
    """The print edition put together from its parts."""

    pdf: bytes
    pages: int
    starts: list[tuple[str, str]]
    lines: LineReport
    messages: list[str]
    refused: list[str]
    marked: int
    parts: int


def _whole(html: str, runner, stop: str | None, kept: Kept) -> _Book:
    """The book laid out as one document (a book the split does not fit)."""
    from .parts import Job, merged_lines

    (laid,) = runner.run([Job("whole", html, stop_id=stop, kept=kept_in(kept, html))])
    meta = laid.meta
    starts = [(str(int(index) + 1), str(ident)) for index, ident in meta.get("starts", [])]
    return _Book(
        laid.pdf,
        laid.pages,
        starts,
        merged_lines([(0, laid)]),
        list(meta["messages"]),
        list(meta["refused"]),
        int(meta["marked"]),
        1,
    )


CONTENTS_PASSES = 3  # the front matter laid out again when its length moved with its numbers


def _trim() -> None:
    """Give the memory freed so far back to the system before the layout workers add theirs
    (glibc keeps freed heap for reuse: a novel's text stage left about 60 MB behind)."""
    import contextlib
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _sectioned(html: str, runner, write: bool, timings: dict[str, float], kept: dict[str, Kept]) -> _Book | None:
    """The book laid out part by part and joined (``sections``), or ``None`` when it does not
    split (or the parts do not add up: then it is laid out whole).

    Every part is given the words any section keeps whole (``kept``: a dictionary exception
    holds for the whole book, as when it was laid out as one document), those of them in its
    HTML: its layout and its cache key depend on no more."""
    from .join import Source, join
    from .parts import Job, merged_lines
    from .sections import folio_html, front_html, split

    book = split(html)
    if book is None:
        return None
    mark = time.perf_counter()
    probe_html, _ = front_html(book, None)
    everything = merged(*kept.values())
    jobs = [
        Job("part", p.html, book.wanted, p.sections, p.name in book.main, kept=kept_in(everything, p.html))
        for p in book.parts
    ]
    front_job = Job("front", probe_html, sections=book.front, kept=kept_in(everything, probe_html))
    *parts, front = runner.run([*jobs, front_job])
    timings["parts"] = time.perf_counter() - mark
    layer = None
    for _attempt in range(CONTENTS_PASSES):
        offsets, blank_before, total = _offsets(
            front.pages, [(p.pages, part.verso) for p, part in zip(parts, book.parts)]
        )
        pages = {}
        for offset, part in zip(offsets, parts):
            for name, index in part.meta["anchors"].items():
                pages.setdefault(name, str(offset + int(index) + 1))
        if not write:
            break
        mark = time.perf_counter()
        final_html, placeholders = front_html(book, pages)
        sections = [*front.meta["sections"], *(s for p in parts for s in p.meta["sections"])]
        final, layer = runner.run(
            [
                Job("front", final_html, sections=book.front, kept=kept_in(everything, final_html)),
                Job("folios", folio_html(book, sections)),
            ]
        )
        timings["front"] = timings.get("front", 0) + time.perf_counter() - mark
        settled = final.pages == front.pages and final.meta["sections"] == front.meta["sections"]
        front = final
        if settled:
            break
    runner.close()  # the workers' memory freed before the join holds every part (started again if needed)
    unplaced = sorted(book.wanted - pages.keys())
    laid = [(0, front), *zip(offsets, parts)]
    blank = [flag for offset, part in laid for flag in part.meta["blank"]]
    for before in [o - 1 for o, b in zip(offsets, blank_before) if b]:  # in order: final positions
        blank.insert(before, True)
    if layer is not None and layer.meta["blank"] != blank:
        return None  # the folio layer does not match the book's pages: lay it out whole
    pdf = b""
    if write:
        mark = time.perf_counter()
        sources = [Source(front.pdf, placeholders)]
        sources += [Source(p.pdf, part.placeholders, b) for p, part, b in zip(parts, book.parts, blank_before)]
        pdf = join(sources, layer.pdf)
        timings["join"] = time.perf_counter() - mark
    starts = [
        (str(offset + int(index) + 1), str(ident))
        for offset, part in laid
        for index, ident in part.meta.get("starts", [])
    ]
    return _Book(
        pdf,
        total,
        starts,
        merged_lines(laid),
        [m for _o, part in laid for m in part.meta["messages"]] + _unplaced_message(unplaced),
        [u for _o, part in laid for u in part.meta["refused"]],
        sum(int(part.meta["marked"]) for _o, part in laid),
        len(book.parts) + 1,
    )


def _unplaced_message(anchors: list[str]) -> list[str]:
    """What the contents print where a link's target was laid out nowhere: the placeholder."""
    from . import sections

    if not anchors:
        return []
    names = ", ".join(f"#{a}" for a in anchors[:5]) + (", …" if len(anchors) > 5 else "")
    return [
        f"contents: {len(anchors)} entr{'y links' if len(anchors) == 1 else 'ies link'} to nothing laid out "
        f"({names}): printed with the page number {sections.PLACEHOLDER_PAGE}"
    ]


def _offsets(front: int, parts: list[tuple[int, bool]]) -> tuple[list[int], list[bool], int]:
    """Each part's first page index (on a recto, or a verso for ``(length, True)``: a blank page
    before it when needed), whether a blank goes before it, and the book's length."""
    offsets, blanks = [], []
    page = front
    for length, verso in parts:
        blank = page % 2 != (1 if verso else 0)  # index 0 is page 1, a recto
        blanks.append(blank)
        page += blank
        offsets.append(page)
        page += length
    return offsets, blanks, page
