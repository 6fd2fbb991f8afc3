"""Sources in the other formats Pandoc reads: DOCX, ODT, EPUB, HTML, FB2.

Pandoc converts the file to its JSON AST and :mod:`enface.readers.pandoc_ast` maps it
exactly as for Markdown (headings, emphasis, small caps, foreign spans, footnotes, block
quotes, line blocks, figures; lists one ``p`` block per item paragraph; code, raw markup and
tables as plain ``p`` blocks with a warning). These formats write verse as paragraphs with
line breaks: such a paragraph is a ``verse`` block. Metadata (title, language, author)
comes from the document's properties. Line numbers are
found for the text formats (HTML, FB2) and are 0 for the zipped ones (DOCX, ODT, EPUB).
Images inside a DOCX, ODT or EPUB are not extracted: each gets a warning saying where in
the edition folder to save it.

An ODT's title is read as a DOCX's is: Pandoc maps Word's Title style to the title, but keeps
a paragraph in LibreOffice's Title style as the first paragraph of the text (an extra
paragraph opposite nothing in the other versions, and "Kapitel I" taken for the book's title)
and ignores the document's properties (``meta.xml``). Here the opening Title paragraph is the
title and leaves the text, and the properties give the title and language when nothing else
does; an HTML page's opening title block (``<h1 class="title">``) and the title a FictionBook's
body opens with are the title, not the first heading (:mod:`.titles`). An EPUB's navigation
and publisher's pages (title page, imprint, colophon, copyright page), Project Gutenberg's
header and licence, and a table of contents written as links into the book (an EPUB's or a
page's, Word's) are not the text and are left out, with an ``ingest.publisher-matter``
finding (:mod:`.matter`). An EPUB's endnotes are footnotes at their noterefs (:mod:`.endnotes`).
"""

from __future__ import annotations

from pathlib import Path

from ..blocks import SourceDocument
from ..errors import EnfaceError
from . import endnotes, matter, titles
from .base import Reader
from .pandoc_ast import LineFinder, check_zip, run_pandoc, to_document, visible_text

FORMATS = {
    "docx": "docx",
    "odt": "odt",
    "epub": "epub",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "fb2": "fb2",
}
EXTENSIONS = tuple(f".{name}" for name in FORMATS)
_ARCHIVES = {"docx": "DOCX", "odt": "ODT", "epub": "EPUB"}
_WHOSE = {"docx": "document's", "odt": "document's", "epub": "EPUB's", "html": "page's", "fb2": "book's"}


def read(data: bytes, path: Path, *, edition_dir: Path | None = None, format: str | None = None) -> SourceDocument:
    """Read a source through Pandoc; ``format`` (``docx``, ``html``…) defaults to the extension."""
    name = (format or path.suffix).lower().lstrip(".")
    pandoc_format = FORMATS.get(name)
    if pandoc_format is None:
        raise EnfaceError(
            f"enface cannot read format {name!r} through Pandoc", path=path, hint=f"one of {', '.join(FORMATS)}"
        )
    finder = None
    if pandoc_format in _ARCHIVES:
        check_zip(data, path, _ARCHIVES[pandoc_format])
    else:
        finder = LineFinder(visible_text(data.decode("utf-8", "replace")), line_start=False)
    ast, warnings = run_pandoc(data, pandoc_format, path)
    if pandoc_format == "odt":
        ast = titles.with_odt_title(ast, data)
    elif pandoc_format == "html":
        ast = titles.with_html_title(ast)
    elif pandoc_format == "fb2":
        ast = titles.with_fb2_title(ast)
    elif pandoc_format == "epub":
        ast = endnotes.as_footnotes(ast)
    ast, left_out = matter.without_publisher_matter(titles.with_heading_groups(ast))
    if left_out:
        warnings = [*warnings, f"left out what is not the text: the {_WHOSE[pandoc_format]} {', '.join(left_out)}"]
    return to_document(
        ast,
        path=path,
        edition_dir=edition_dir if edition_dir is not None else path.parent,
        finder=finder,
        archive=_ARCHIVES.get(pandoc_format, ""),
        breaks_are_verse=True,
        warnings=warnings,
    )


def read_docx(data: bytes, path: Path, *, edition_dir: Path | None = None) -> SourceDocument:
    return read(data, path, edition_dir=edition_dir, format="docx")


def read_odt(data: bytes, path: Path, *, edition_dir: Path | None = None) -> SourceDocument:
    return read(data, path, edition_dir=edition_dir, format="odt")


def read_epub(data: bytes, path: Path, *, edition_dir: Path | None = None) -> SourceDocument:
    return read(data, path, edition_dir=edition_dir, format="epub")


def read_html(data: bytes, path: Path, *, edition_dir: Path | None = None) -> SourceDocument:
    return read(data, path, edition_dir=edition_dir, format="html")


def read_fb2(data: bytes, path: Path, *, edition_dir: Path | None = None) -> SourceDocument:
    return read(data, path, edition_dir=edition_dir, format="fb2")


DOCX = Reader("docx", (".docx",), read_docx, "Word documents, through Pandoc")
ODT = Reader("odt", (".odt",), read_odt, "OpenDocument text, through Pandoc")
EPUB = Reader("epub", (".epub",), read_epub, "EPUB ebooks, through Pandoc")
HTML = Reader("html", (".html", ".htm", ".xhtml"), read_html, "HTML and XHTML, through Pandoc")
FB2 = Reader("fb2", (".fb2",), read_fb2, "FictionBook 2, through Pandoc")
READERS = (DOCX, ODT, EPUB, HTML, FB2)
