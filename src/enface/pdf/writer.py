"""Write the print edition (PDF) from the TEI.

The print HTML is composed from the same XHTML fragments as the EPUB, then
stripped of XML namespaces (WeasyPrint reads HTML). WeasyPrint is imported only
here and only when a PDF is asked for: importing it costs most of a second.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from lxml import etree

from ..i18n import word
from ..paths import styles_dir
from ..tei.read import Document
from ..xhtml import fragments as fx
from .fetcher import restricted_fetcher

FONT_CREDITS = [("Charis SIL, SIL International", "SIL Open Font License 1.1")]


def _plain(element: etree._Element) -> etree._Element:
    """A namespace-free copy (HTML, not XHTML): keeps ``lang``, drops ``xml:lang`` and ``epub:*``."""
    element = copy.deepcopy(element)
    for el in element.iter():
        if not isinstance(el.tag, str):
            continue
        el.tag = etree.QName(el).localname
        for name in list(el.attrib):
            if name.startswith("{"):
                del el.attrib[name]
    etree.cleanup_namespaces(element)
    return element


def _e(tag: str, attrs: dict[str, str] | None = None, *children, text: str | None = None) -> etree._Element:
    el = etree.Element(tag, attrs or {})
    if text is not None:
        el.text = text
    for child in children:
        el.append(child)
    return el


def _toc(doc: Document) -> etree._Element:
    lang = doc.meta.lang
    ul = _e("ul")
    ul.append(_e("li", {}, _e("a", {"href": "#parallel"}, text=word(lang, "parallel"))))
    for app in doc.appendices:
        ul.append(_e("li", {}, _e("a", {"href": f"#{app.id}"}, text=app.title or word(lang, "appendix"))))
    ul.append(_e("li", {}, _e("a", {"href": "#colophon"}, text=word(lang, "colophon"))))
    return _e("nav", {"class": "toc"}, _e("h1", text=word(lang, "contents")), ul)


def _parallel_table(doc: Document) -> etree._Element:
    meta = doc.meta
    table = _e("table", {"class": "parallel"})
    colgroup = _e("colgroup", {}, _e("col", {"class": "num"}))
    for _ in meta.langs:
        colgroup.append(_e("col"))
    table.append(colgroup)
    head = _e("tr", {}, _e("th"))
    for lang in meta.langs:
        head.append(_e("th", {"lang": lang}, text=meta.labels.get(lang, lang)))
    table.append(_e("thead", {}, head))
    body = _e("tbody")
    for unit in doc.units:
        row = _e("tr", {"id": f"u{unit.n}"}, _e("td", {"class": "num"}, text=str(unit.n)))
        for lang in meta.langs:
            cell = _e("td", {"class": "v", "lang": lang})
            for para in unit.paragraphs.get(lang, ()):
                cell.append(_plain(fx.paragraph(para)))
            row.append(cell)
        body.append(row)
    table.append(body)
    return table


def print_html(doc: Document, when: dt.datetime) -> str:
    """The complete print document as an HTML string (what WeasyPrint renders)."""
    meta = doc.meta
    lang = meta.lang
    head = _e("head", {},
              _e("meta", {"charset": "utf-8"}),
              _e("title", text=meta.title()),
              _e("meta", {"name": "description", "content": meta.description}),
              _e("meta", {"name": "generator", "content": f"enface {meta.version}"}),
              _e("meta", {"name": "dcterms.created", "content": when.strftime("%Y-%m-%dT%H:%M:%SZ")}),
              _e("meta", {"name": "dcterms.modified", "content": when.strftime("%Y-%m-%dT%H:%M:%SZ")}),
              _e("link", {"rel": "stylesheet", "href": "print.css"}))
    for role, name in meta.credits:
        head.append(_e("meta", {"name": "author", "content": f"{name} ({role})"}))
    body = _e("body")
    title = _e("section", {"class": "titlepage"}, *(_plain(b) for b in fx.title_block(meta)))
    title.append(_e("p", {"class": "description", "lang": lang}, text=meta.description))
    body.append(title)
    body.append(_toc(doc))
    part = _e("section", {"class": "parallel-part", "id": "parallel"}, _e("h1", text=word(lang, "parallel")))
    part.append(_parallel_table(doc))
    body.append(part)
    for app in doc.appendices:
        section = _e("section", {"class": "appendix", "id": app.id, "lang": app.lang})
        for el in fx.appendix_heading(app, meta):
            section.append(_plain(el))
        section.append(_plain(fx.appendix_body(app)))
        body.append(section)
    colophon = _e("section", {"class": "colophon", "id": "colophon"}, _e("h1", text=word(lang, "colophon")))
    for el in fx.colophon(meta, FONT_CREDITS):
        colophon.append(_plain(el))
    body.append(colophon)
    root = _e("html", {"lang": lang}, head, body)
    return "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html")


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


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def write_pdf(doc: Document, when: dt.datetime, *, edition_dir: Path,
              extra_css: Path | None = None) -> tuple[bytes, list[str]]:
    """The PDF as bytes, and WeasyPrint's warnings (refused fetches among them)."""
    from weasyprint import CSS, HTML

    fetcher = restricted_fetcher([styles_dir(), edition_dir])
    html = print_html(doc, when)
    identifier = hashlib.md5(doc.meta.identifier.encode(), usedforsecurity=False).hexdigest().encode()
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        with _source_date(when):
            stylesheets = [CSS(filename=str(extra_css), url_fetcher=fetcher)] if extra_css else []
            document = HTML(string=html, base_url=str(styles_dir()) + "/", url_fetcher=fetcher).render(
                stylesheets=stylesheets)
            pdf = document.write_pdf(pdf_identifier=identifier, uncompressed_pdf=False)
    finally:
        logger.removeHandler(handler)
    ours = "enface loads only files"
    messages = [m for m in handler.messages if ours not in m]
    messages += [f"refused to load {url}: only files from the edition and styles/ are served"
                 for url in dict.fromkeys(fetcher.refused)]
    return pdf, messages
