"""A book's title where Pandoc leaves it in the text: ODT's Title paragraph, HTML's title block.

LibreOffice writes a document's title as a paragraph in the Title style (``text:p`` whose
style, or whose automatic style's parent, is ``Title``) and its properties in ``meta.xml``
(``dc:title``, ``dc:language``). Pandoc reads the first as an ordinary paragraph and the
second not at all; :func:`with_odt_title` puts both where a DOCX's would be. An HTML page
made by Pandoc (or written like one) opens with its title as ``<h1 class="title">``, inside
``<header id="title-block-header">`` with the subtitle, author and date: Pandoc reads it
back as the first heading of the text (a heading opposite nothing in the other versions);
:func:`with_html_title` takes that block out and keeps its title. A FictionBook's body opens
with the book's title (``<body><title>``, often its author too) before its first section:
Pandoc reads it as a heading of the text; :func:`with_fb2_title` takes it out (the title is
in the book's description, which Pandoc reads). A heading group in an EPUB (``<hgroup>``, as
Standard Ebooks writes "I" over "The House") is one heading, "I. The House": Pandoc reads its
second line as a paragraph of the text (:func:`with_heading_groups`; Pandoc's HTML reader
drops the ``<hgroup>`` tags, so a page's group stays a heading and paragraphs).
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from typing import Any

from lxml import etree

from ..xmlsafe import parse_bytes
from . import gutenberg
from .pandoc_ast import empty_block, meta_text, plain_text

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
DC = "http://purl.org/dc/elements/1.1/"
TITLE_STYLE = "Title"
HTML_TITLE_BLOCK = "title-block-header"
# what a document's body holds before its first paragraph without being text
_NOT_TEXT = frozenset(
    {"sequence-decls", "variable-decls", "user-field-decls", "tracked-changes", "forms", "soft-page-break"}
)


def _first_with_text(blocks: list[Any]) -> int | None:
    return next((k for k, block in enumerate(blocks) if not empty_block(block)), None)


def _as_title(ast: dict[str, Any], blocks: list[Any], k: int, title: str) -> dict[str, Any]:
    """``ast`` without ``blocks[k]``, ``title`` its title unless it has one."""
    meta = dict(ast.get("meta", {}))
    if title:
        meta.setdefault("title", {"t": "MetaString", "c": title})
    return {**ast, "meta": meta, "blocks": blocks[:k] + blocks[k + 1 :]}


def with_odt_title(ast: dict[str, Any], data: bytes) -> dict[str, Any]:
    """Pandoc's ``ast`` of the ODT ``data`` with its opening Title paragraph taken out of the
    text and made the title, and ``meta.xml``'s title and language where Pandoc has none."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = _member(archive, "content.xml")
            properties = _member(archive, "meta.xml")
    except zipfile.BadZipFile:
        return ast  # Pandoc read it; what it says stands
    blocks = list(ast.get("blocks", []))
    title = opening_title(content) if content is not None else None
    first = _first_with_text(blocks)
    if title and first is not None and _paragraph_of(blocks[first], title):
        ast = _as_title(ast, blocks, first, title)
    meta = dict(ast.get("meta", {}))
    for key, value in _properties(properties).items():
        meta.setdefault(key, {"t": "MetaString", "c": value})
    return {**ast, "meta": meta}


def with_html_title(ast: dict[str, Any]) -> dict[str, Any]:
    """Pandoc's ``ast`` of an HTML page without the title block that opens it, its title the
    document's where the page's ``<title>`` gives none."""
    blocks = list(ast.get("blocks", []))
    page_title = meta_text(ast.get("meta", {}).get("title"))
    if page_title and gutenberg.book_title(page_title) != page_title:  # "The Project Gutenberg eBook of …"
        ast = {**ast, "meta": {**ast["meta"], "title": {"t": "MetaString", "c": gutenberg.book_title(page_title)}}}
    first = _first_with_text(blocks)
    if first is None:
        return ast
    block = blocks[first]
    if block.get("t") == "Div" and block["c"][0][0] == HTML_TITLE_BLOCK:
        inside = block["c"][1]
    elif block.get("t") == "Header" and "title" in block["c"][1][1]:
        inside = [block]
    else:
        return ast
    title = next((b for b in inside if b.get("t") == "Header" and "title" in b["c"][1][1]), None)
    return _as_title(ast, blocks, first, plain_text(title["c"][2]) if title is not None else "")


def with_fb2_title(ast: dict[str, Any]) -> dict[str, Any]:
    """Pandoc's ``ast`` of a FictionBook without the title its body opens with (a heading
    before the first section), the title the document's where its description gives none."""
    blocks = list(ast.get("blocks", []))
    first = _first_with_text(blocks)
    if first is None or blocks[first].get("t") != "Header":
        return ast
    return _as_title(ast, blocks, first, " ".join(plain_text(blocks[first]["c"][2]).split()))


def opening_title(content: bytes) -> str | None:
    """The text of the paragraph in the Title style that opens the body of ``content.xml``."""
    try:
        root = parse_bytes(content)
    except etree.XMLSyntaxError:
        return None
    parents = {
        style.get(f"{{{STYLE}}}name"): style.get(f"{{{STYLE}}}parent-style-name")
        for style in root.iterfind(f"{{{OFFICE}}}automatic-styles/{{{STYLE}}}style")
    }
    body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    for element in body if body is not None else ():
        if not isinstance(element.tag, str) or etree.QName(element).localname in _NOT_TEXT:
            continue
        text = " ".join("".join(element.itertext()).split())
        if element.tag == f"{{{TEXT}}}p" and not text:
            continue  # an empty paragraph above the title
        name = element.get(f"{{{TEXT}}}style-name", "")
        if element.tag == f"{{{TEXT}}}p" and TITLE_STYLE in (name, parents.get(name)):
            return text
        return None
    return None


def _properties(data: bytes | None) -> dict[str, str]:
    if data is None:
        return {}
    try:
        root = parse_bytes(data)
    except etree.XMLSyntaxError:
        return {}
    out = {}
    for key, tag in (("title", "title"), ("lang", "language")):
        element = root.find(f"{{{OFFICE}}}meta/{{{DC}}}{tag}")
        text = " ".join("".join(element.itertext()).split()) if element is not None else ""
        if text:
            out[key] = text
    return out


def _member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        return archive.read(name)
    except KeyError:
        return None


def _paragraph_of(block: dict[str, Any], text: str) -> bool:
    def norm(value: str) -> str:
        return " ".join(unicodedata.normalize("NFC", value).split())

    return block.get("t") in ("Para", "Plain") and norm(plain_text(block["c"])) == norm(text)


def with_heading_groups(ast: dict[str, Any]) -> dict[str, Any]:
    """Pandoc's ``ast`` with each ``<hgroup>`` (a heading, then its subtitle lines) made one heading."""
    return {**ast, "blocks": _grouped(ast.get("blocks", []))}


def _grouped(blocks: list[Any]) -> list[Any]:
    out: list[Any] = []
    group: list[Any] | None = None
    for block in blocks:
        markup = block["c"][1].strip().lower() if block.get("t") == "RawBlock" and block["c"][0] == "html" else ""
        if markup.startswith("<hgroup"):
            group = []
        elif markup.startswith("</hgroup") and group is not None:
            out += _one_heading(group)
            group = None
        elif group is not None:
            group.append(block)
        elif block.get("t") == "Div":
            out.append({**block, "c": [block["c"][0], _grouped(block["c"][1])]})
        else:
            out.append(block)
    return out + (group or [])


def _one_heading(group: list[Any]) -> list[Any]:
    """The heading and the lines of one heading group as one heading ("I. The House")."""
    first = next((b for b in group if b.get("t") == "Header"), None)
    if first is None:
        return group
    inlines: list[Any] = []
    for block in group:
        if block.get("t") == "Header":
            part = block["c"][2]
        elif block.get("t") in ("Para", "Plain"):
            part = block["c"]
        else:
            continue
        if not plain_text(part):
            continue
        if inlines:
            said = plain_text(inlines)
            inlines += [{"t": "Space"}] if said[-1:] in ".:;!?…" else [{"t": "Str", "c": "."}, {"t": "Space"}]
        inlines += part
    return [{"t": "Header", "c": [first["c"][0], first["c"][1], inlines]}]
