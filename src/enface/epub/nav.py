"""The navigation document (toc, landmarks, page-list) and the NCX, built with lxml.

ebooklib's own nav has no headings of ours, no ``lang`` on entries and no page-list
from our markers, and its NCX has no pageList: we write both and hand ebooklib the bytes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from ..xhtml import fragments as fx
from .modes import TocEntry
from .pages import PageEntry

H = fx.H
NCX_NS = "http://www.daisy.org/z3986/2005/ncx/"
NAV_FILE = "nav.xhtml"


@dataclass(frozen=True)
class Landmark:
    epub_type: str
    title: str
    href: str


def _toc_list(entries: Sequence[TocEntry]) -> etree._Element:
    ol = H.ol()
    for entry in entries:
        a = H.a(entry.title, href=entry.href)
        li = H.li(a)
        if entry.lang:
            fx.set_lang(li, entry.lang)
        if entry.children:
            li.append(_toc_list(entry.children))
        ol.append(li)
    return ol


def nav_document(
    *,
    title: str,
    lang: str,
    css: str,
    toc: Sequence[TocEntry],
    landmarks: Sequence[Landmark],
    landmarks_title: str,
    pages: Sequence[PageEntry],
    pages_title: str,
    languages: Sequence[TocEntry] = (),
) -> bytes:
    """The nav document; ``languages``: contents in other languages, each a ``nav`` of its own
    (titled by the entry, listing its children) shown after the toc."""
    toc_nav = H.nav({"id": "toc", "role": "doc-toc"}, H.h1(title), _toc_list(toc))
    fx.epub_type(toc_nav, "toc")
    body = [toc_nav]
    for entry in languages:
        ident = f"toc-{entry.lang}"
        nav = H.nav({"id": ident, "aria-labelledby": f"{ident}-h"}, H.h2(entry.title, id=f"{ident}-h"))
        if entry.lang:
            fx.set_lang(nav, entry.lang)
        nav.append(_toc_list(entry.children))
        body.append(nav)
    marks = H.nav(
        {"id": "landmarks", "hidden": "hidden", "aria-labelledby": "landmarks-h"},
        H.h2(landmarks_title, id="landmarks-h"),
    )
    fx.epub_type(marks, "landmarks")
    ol = H.ol()
    for mark in landmarks:
        ol.append(H.li(fx.epub_type(H.a(mark.title, href=mark.href), mark.epub_type)))
    marks.append(ol)
    body.append(marks)
    if pages:
        page_nav = H.nav(
            {"id": "page-list", "hidden": "hidden", "role": "doc-pagelist", "aria-labelledby": "page-list-h"},
            H.h2(pages_title, id="page-list-h"),
        )
        fx.epub_type(page_nav, "page-list")
        ol = H.ol()
        for page in pages:
            ol.append(H.li(H.a(page.label, href=page.href)))
        page_nav.append(ol)
        body.append(page_nav)
    tree = fx.document(title, lang, body, css=[css], body_type="frontmatter")
    return fx.serialise(tree)


def _ncx_el(
    tag: str, attrs: dict[str, str] | None = None, *children: etree._Element, text: str | None = None
) -> etree._Element:
    el = etree.Element(f"{{{NCX_NS}}}{tag}", attrs or {}, nsmap={None: NCX_NS})
    if text is not None:
        el.text = text
    for child in children:
        el.append(child)
    return el


def _label(text: str) -> etree._Element:
    return _ncx_el("navLabel", {}, _ncx_el("text", text=text))


def ncx_document(
    *, uid: str, title: str, lang: str, toc: Sequence[TocEntry], pages: Sequence[PageEntry], pages_title: str
) -> bytes:
    depth = 1

    def points(parent: etree._Element, entries: Sequence[TocEntry], level: int, counter: list[int]) -> None:
        nonlocal depth
        depth = max(depth, level)
        for entry in entries:
            counter[0] += 1
            point = _ncx_el(
                "navPoint", {"id": f"np-{counter[0]}"}, _label(entry.title), _ncx_el("content", {"src": entry.href})
            )
            parent.append(point)
            points(point, entry.children, level + 1, counter)

    nav_map = _ncx_el("navMap")
    points(nav_map, toc, 1, [0])
    numbers = [int(p.label) for p in pages if p.label.isdigit()]
    head = _ncx_el(
        "head",
        {},
        _ncx_el("meta", {"name": "dtb:uid", "content": uid}),
        _ncx_el("meta", {"name": "dtb:depth", "content": str(depth)}),
        _ncx_el("meta", {"name": "dtb:totalPageCount", "content": str(len(pages))}),
        _ncx_el("meta", {"name": "dtb:maxPageNumber", "content": str(max(numbers, default=0))}),
    )
    root = _ncx_el(
        "ncx",
        {"version": "2005-1", "{http://www.w3.org/XML/1998/namespace}lang": lang},
        head,
        _ncx_el("docTitle", {}, _ncx_el("text", text=title)),
        nav_map,
    )
    if pages:
        page_list = _ncx_el("pageList", {}, _label(pages_title))
        for number, page in enumerate(pages, start=1):
            attrs = {"id": f"pt-{number}", "type": "normal" if page.label.isdigit() else "front"}
            if page.label.isdigit():
                attrs["value"] = page.label
            page_list.append(_ncx_el("pageTarget", attrs, _label(page.label), _ncx_el("content", {"src": page.href})))
        root.append(page_list)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def relative(from_file: str, href: str) -> str:
    """An href relative to the EPUB folder, made relative to the document ``from_file``."""
    path, _, fragment = href.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(from_file) or ".")
    return f"{rel}#{fragment}" if fragment else rel
