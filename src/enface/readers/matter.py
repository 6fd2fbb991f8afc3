"""What an ebook holds besides its text: its navigation and its publisher's pages.

An EPUB from a publisher or a digital library has, around the text, a table of contents (the
``nav`` document, often in the reading order too), a title page, an imprint, a colophon, a
copyright page (Standard Ebooks' "Uncopyright") or Project Gutenberg's header and licence.
Pandoc reads them all as text: the contents' entries as paragraphs, the publisher's pages as
chapters, each opposite nothing in the other versions. They are left out here, by their EPUB 3
structural semantics (``epub:type``, which Pandoc keeps as a class of the section) or
Gutenberg's ``pg-boilerplate`` class, and the build says what was left out. A preface,
dedication, epigraph or notes are the book's and stay.
"""

from __future__ import annotations

from typing import Any

# epub:type values (EPUB 3 Structural Semantics Vocabulary) of pages that are not the text
PUBLISHER_MATTER = {
    "toc": "table of contents",
    "landmarks": "landmarks",
    "page-list": "page list",
    "loi": "list of illustrations",
    "lot": "list of tables",
    "index": "index",
    "titlepage": "title page",
    "halftitlepage": "half-title page",
    "seriespage": "series page",
    "imprint": "imprint",
    "colophon": "colophon",
    "copyright-page": "copyright page",
    "pg-boilerplate": "Project Gutenberg header or licence",
}
_GUTENBERG_IDS = ("pg-header", "pg-footer")


def without_publisher_matter(ast: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Pandoc's ``ast`` of an EPUB without its navigation and publisher's pages, and what was
    left out ("table of contents", "colophon"…), in reading order, each once."""
    left_out: list[str] = []
    blocks = _filter(ast.get("blocks", []), left_out)
    return {**ast, "blocks": blocks}, list(dict.fromkeys(left_out))


def _filter(blocks: list[Any], left_out: list[str]) -> list[Any]:
    out: list[Any] = []
    in_nav = 0
    for block in blocks:
        kind = block.get("t")
        if kind == "RawBlock" and block["c"][0] == "html":
            markup = block["c"][1].strip().lower()
            if markup.startswith("<nav"):
                in_nav += 1
                left_out.append(PUBLISHER_MATTER["toc"] if "page-list" not in markup else PUBLISHER_MATTER["page-list"])
                continue
            if markup.startswith("</nav") and in_nav:
                in_nav -= 1
                continue
        if in_nav:
            continue
        if kind == "Div":
            (identifier, classes, _attrs), inner = block["c"]
            matter = next((PUBLISHER_MATTER[c] for c in classes if c in PUBLISHER_MATTER), None)
            if matter is None and identifier.endswith(_GUTENBERG_IDS):
                matter = PUBLISHER_MATTER["pg-boilerplate"]
            if matter is not None:
                left_out.append(matter)
                continue
            block = {**block, "c": [block["c"][0], _filter(inner, left_out)]}
        out.append(block)
    return out
