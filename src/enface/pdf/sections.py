"""The print HTML split into parts laid out one by one (issue #16): front matter, each
chapter, each appendix, the notes pages.

Why parts: WeasyPrint holds a whole laid-out document in memory and lays it out on one
core. Every top-level section after the front matter opens on a recto (``break-before:
right``/``recto``), so its layout does not depend on what precedes it: each part is laid
out alone (in a pool of processes, cached by its own HTML), and the parts are joined
(``join``). Only three things depend on the position of a part in the book, and none of
them changes the layout of its pages:

- the folios: a part is laid out with no folio (the margin boxes that print
  ``counter(page)``, read from the stylesheets, are emptied); the folios come from one cheap
  *folio layer*: a document of empty pages made from the same stylesheet, the same sections
  (same classes, so the same page names, sides, first pages of groups and blank pages)
  each as many pages long as its part says, where running heads are empty (no
  ``string-set`` happens) and only the folios and the printer's marks are drawn; each of
  its pages is laid over the book's page of the same number as an artifact;
- the contents' page numbers: the front matter is laid out last with the numbers as
  literal text (the rules using ``target-counter()`` rewritten to ``attr(data-page)``); its
  length is known beforehand from a *probe* with placeholder numbers laid out beside the
  chapters (the length of the contents does not depend on its numbers; if it did, the
  loop in ``writer`` lays it out again);
- links into other parts (the contents): the link gets a placeholder anchor of the same
  name on itself, so WeasyPrint writes the link and its ``/Link`` structure element; the
  join points the name at the real anchor.

Facing pages (``facing``: a section per page, a division opening on a verso with an
``fpage opening`` section) make a part per division: the first page of a document is a recto,
so such a part starts with an empty section (``LEAD_ID``) whose page is dropped after the
layout (``parts._drop_leading``). A book whose top-level sections are none of these is one
part, laid out as before, folios included.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

FRONT = frozenset({"half-title", "titlepage", "colophon", "toc"})  # the front matter's sections
OPENINGS = frozenset({"division", "parallel-part", "appendix", "notes"})  # open on a recto
FACING = "fpage"  # facing pages (``facing``): a section per page; ``opening`` ones open a division on a verso
LEAD_ID = "enface-lead"  # an empty first page before a part opening on a verso, dropped after the layout
PAGE_CLASS = "enface-folio-page"
PLACEHOLDER_PAGE = "000"  # the probe's contents numbers


@dataclass
class Part:
    """A part of the book: its top-level sections' ids and, for the worker, its HTML."""

    name: str
    sections: tuple[str, ...]
    html: str
    placeholders: frozenset[str] = frozenset()  # anchor names that only stand for another part's
    verso: bool = False  # opens on a verso (facing pages), else on a recto


@dataclass
class Book:
    """The print HTML cut into the front matter and the body parts."""

    root: etree._Element  # the whole document (the front matter is made from it at the end)
    front: tuple[str, ...]  # ids of the front matter's sections
    parts: list[Part]
    wanted: frozenset[str]  # ids the front matter links to (their pages fill the contents)
    main: frozenset[str] = field(default_factory=frozenset)  # parts whose pages go to the page-list


def _tostring(root: etree._Element) -> str:
    return "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html")


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def split(html: str) -> Book | None:
    """The parts, or ``None`` when the book is to be laid out whole."""
    root = lxml_html.document_fromstring(html)
    body = root.find("body")
    sections = [el for el in body if isinstance(el.tag, str)]
    if any(el.tag != "section" or not el.get("id") for el in sections):
        return None
    front: list[etree._Element] = []
    while sections and _classes(sections[0]) & FRONT:
        front.append(sections.pop(0))
    groups: list[list[etree._Element]] = []
    for section in sections:
        classes = _classes(section)
        if classes & OPENINGS or _opens_verso(section):
            groups.append([section])
        elif FACING in classes and groups and FACING in _classes(groups[-1][0]):
            groups[-1].append(section)  # the next page of the division
        else:
            return None
    if not front or not groups:
        return None
    parts = []
    for group in groups:
        part_root = _shell(root)
        body = part_root.find("body")
        verso = _opens_verso(group[0])
        if verso:  # the first page of a document is a recto: an empty one, dropped after the layout
            body.append(etree.Element("section", {"id": LEAD_ID}))
        for section in group:
            body.append(copy.deepcopy(section))
        _no_folios(part_root)
        placeholders = _placeholders(part_root)
        ids = tuple(el.get("id") for el in group)
        parts.append(Part(ids[0], ids, _tostring(part_root), placeholders, verso))
    wanted = frozenset(a.get("href")[1:] for el in front for a in el.iter("a") if (a.get("href") or "").startswith("#"))
    main = frozenset(p.name for p in parts if "notes" not in _classes(root.get_element_by_id(p.name)))
    return Book(root, tuple(el.get("id") for el in front), parts, wanted, main)


def _opens_verso(section: etree._Element) -> bool:
    return {FACING, "opening"} <= _classes(section)


def _shell(root: etree._Element) -> etree._Element:
    """The document with its head and an empty body (same attributes)."""
    shell = etree.Element(root.tag, dict(root.attrib))
    shell.append(copy.deepcopy(root.find("head")))
    body = root.find("body")
    shell.append(etree.Element("body", dict(body.attrib)))
    return shell


def _add_style(root: etree._Element, css: str) -> None:
    """A stylesheet after the options' page style (so before the edition's own, which wins)."""
    head = root.find("head")
    styles = head.findall("style")
    style = etree.Element("style")
    style.text = css
    if styles:
        styles[0].addnext(style)
    else:
        head.append(style)


def _placeholders(root: etree._Element) -> frozenset[str]:
    """Links to anchors of other parts carry the anchor's name as their own id."""
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    made = set()
    for a in root.iter("a"):
        target = (a.get("href") or "")[1:] if (a.get("href") or "").startswith("#") else None
        if target and target not in ids and not a.get("id"):
            a.set("id", target)
            ids.add(target)
            made.add(target)
    return frozenset(made)


# --- stylesheets ---------------------------------------------------------------------


def _stylesheets(root: etree._Element, styles: Path) -> str:
    """The text of the document's stylesheets, in order (links to local files, ``style``)."""
    texts = []
    for el in root.find("head"):
        if el.tag == "style":
            texts.append(el.text or "")
        elif el.tag == "link" and el.get("rel") == "stylesheet":
            href = el.get("href") or ""
            path = Path(href[len("file://") :]) if href.startswith("file://") else styles / href
            try:
                texts.append(path.read_text(encoding="utf-8"))
            except OSError:
                continue
    return re.sub(r"/\*.*?\*/", "", "\n".join(texts), flags=re.S)


def _blocks(css: str):
    """``(prelude, body)`` of every top-level rule (at-rules included), braces matched."""
    i = 0
    while True:
        start = css.find("{", i)
        if start < 0:
            return
        depth, j = 1, start + 1
        while j < len(css) and depth:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        prelude = css[i:start].rsplit(";", 1)[-1].rsplit("}", 1)[-1].strip()
        yield prelude, css[start + 1 : j - 1]
        i = j


_MARGIN_BOX = re.compile(r"@([a-z-]+)\s*\{([^{}]*)\}")


def no_folio_css(css: str) -> str:
    """Rules that empty every margin box printing the page counter, with the same page
    selectors (later, so they win)."""
    rules = []
    for prelude, body in _blocks(css):
        if not prelude.startswith("@page"):
            continue
        boxes = [m.group(1) for m in _MARGIN_BOX.finditer(body) if "counter(page)" in m.group(2).replace(" ", "")]
        if boxes:
            inner = " ".join(f"@{box} {{ content: none; }}" for box in boxes)
            rules.append(f"{prelude} {{ {inner} }}")
    return "\n".join(rules)


_TARGET_PAGE = re.compile(r"target-counter\(\s*attr\(\s*href(\s+url)?\s*\)\s*,\s*page\s*\)")


def literal_pages_css(css: str) -> str:
    """The rules that print a link target's page number, printing ``data-page`` instead."""
    rules = []
    for prelude, body in _blocks(css):
        if not prelude.startswith("@") and _TARGET_PAGE.search(body):
            rules.append(f"{prelude} {{ {_TARGET_PAGE.sub('attr(data-page)', body)} }}")
    return "\n".join(rules)


def _no_folios(root: etree._Element) -> None:
    from ..paths import styles_dir

    css = _stylesheets(root, styles_dir())
    root.find("body").set("data-booktitle", _book_title(root))
    _add_style(
        root, "@page { marks: none; }\nbody { string-set: booktitle attr(data-booktitle); }\n" + no_folio_css(css)
    )


def _book_title(root: etree._Element) -> str:
    """What the half-title gives the running heads (``string-set: booktitle``)."""
    for el in root.iter("section"):
        if "half-title" in _classes(el):
            return el.get("data-running") or ""
    title = root.find("head/title")
    return title.text or "" if title is not None else ""


# --- the front matter ---------------------------------------------------------------


def front_html(book: Book, pages: dict[str, str] | None) -> tuple[str, frozenset[str]]:
    """The front matter as a document: the contents' numbers are ``pages`` (anchor → printed
    page), or placeholders (the probe). Returns the HTML and its placeholder anchors."""
    root = _shell(book.root)
    body = root.find("body")
    for ident in book.front:
        body.append(copy.deepcopy(book.root.get_element_by_id(ident)))
    for a in body.iter("a"):
        href = a.get("href") or ""
        if href.startswith("#") and href[1:] in book.wanted:
            a.set("data-page", (pages or {}).get(href[1:], PLACEHOLDER_PAGE))
    from ..paths import styles_dir

    css = _stylesheets(root, styles_dir())
    _add_style(root, "@page { marks: none; }\n" + no_folio_css(css) + "\n" + literal_pages_css(css))
    placeholders = _placeholders(root)
    return _tostring(root), placeholders


# --- the folio layer ----------------------------------------------------------------


def folio_html(book: Book, section_pages: list[tuple[str, int]]) -> str:
    """Empty pages carrying only folios (and printer's marks): each top-level section of the
    book, in order, with its class and as many pages as it has non-blank pages."""
    root = _shell(book.root)
    _add_style(root, f".{PAGE_CLASS} + .{PAGE_CLASS} {{ break-before: page; }}")
    body = root.find("body")
    for ident, count in section_pages:
        original = book.root.get_element_by_id(ident)
        attrs = {k: v for k, v in original.attrib.items() if k in ("class", "style", "dir")}
        section = etree.SubElement(body, "section", attrs)
        for _ in range(max(count, 1)):
            etree.SubElement(section, "div", {"class": PAGE_CLASS})
    return _tostring(root)
