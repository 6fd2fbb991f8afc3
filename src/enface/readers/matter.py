"""What an ebook holds besides its text: its navigation and its publisher's pages.

An EPUB from a publisher or a digital library has, around the text, a table of contents (the
``nav`` document, often in the reading order too), a title page, an imprint, a colophon, a
copyright page (Standard Ebooks' "Uncopyright") or Project Gutenberg's header and licence.
Pandoc reads them all as text: the contents' entries as paragraphs, the publisher's pages as
chapters, each opposite nothing in the other versions. They are left out here, by their EPUB 3
structural semantics (``epub:type``, which Pandoc keeps as a class of the section) or
Gutenberg's ``pg-boilerplate`` class, and the build says what was left out. A preface,
dedication, epigraph or notes are the book's and stay.

The same goes for every format Pandoc reads (Project Gutenberg's HTML books have the same
header and licence), and for two things that are not marked: a table of contents written as
text (paragraphs, list items or table rows in a run, each a link into the book with a few
words beside it at most, such as a page number: its heading goes too; Word's contents are
links to its headings' bookmarks), and Project Gutenberg's older header and licence, known by
their "*** START OF THE PROJECT GUTENBERG EBOOK" and "*** END OF …" lines (:mod:`.gutenberg`;
the plain-text reader uses them too).
"""

from __future__ import annotations

from typing import Any

from . import gutenberg
from .pandoc_ast import empty_block, plain_text

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


_BLOCKS = frozenset({"Para", "Plain", "Header", "Div", "LineBlock", "BlockQuote", "RawBlock"})
# words beside the links of a contents entry ("CHAPTER I. The House ..... 5"): at most
CONTENTS_WORDS = 6


def without_publisher_matter(ast: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Pandoc's ``ast`` of a document without its navigation and publisher's pages, and what
    was left out ("table of contents", "colophon"…), in reading order, each once."""
    left_out: list[str] = []
    blocks = _between_markers(ast.get("blocks", []), left_out)
    blocks = _without_contents(_filter(blocks, left_out), left_out)
    return {**ast, "blocks": blocks}, list(dict.fromkeys(left_out))


def _between_markers(blocks: list[Any], left_out: list[str]) -> list[Any]:
    """The blocks between Project Gutenberg's START and END lines, when both are there."""
    texts = [_text(block) for block in blocks]
    start = next((k for k, text in enumerate(texts) if gutenberg.START.search(text)), None)
    if start is None:
        return blocks
    end = next((k for k in range(start + 1, len(texts)) if gutenberg.END.search(texts[k])), None)
    if end is None:
        return blocks
    left_out.append(PUBLISHER_MATTER["pg-boilerplate"])
    return blocks[start + 1 : end]


def _without_contents(blocks: list[Any], left_out: list[str]) -> list[Any]:
    """``blocks`` without the entries of a table of contents, nor a heading left with nothing
    under it but them; inside divisions too."""
    entries = [_is_entry(block) for block in blocks]
    alone = [
        is_entry and not (k and entries[k - 1]) and not (k + 1 < len(entries) and entries[k + 1])
        for k, is_entry in enumerate(entries)
    ]
    # a contents has entries: one alone is a cross-reference, unless it is a whole list or table
    entries = [is_entry and (not alone[k] or _several(blocks[k])) for k, is_entry in enumerate(entries)]
    out: list[Any] = []
    for k, block in enumerate(blocks):
        if entries[k]:
            left_out.append(PUBLISHER_MATTER["toc"])
            continue
        if block.get("t") == "Header":
            following = []
            for later, is_entry in zip(blocks[k + 1 :], entries[k + 1 :]):
                if later.get("t") == "Header" or (not is_entry and not empty_block(later)):
                    break
                following.append(is_entry)
            if following and any(following):
                continue  # "CONTENTS": its entries are gone
        if block.get("t") == "Div":
            block = {**block, "c": [block["c"][0], _without_contents(block["c"][1], left_out)]}
        out.append(block)
    return out


def _is_entry(block: dict[str, Any]) -> bool:
    """A paragraph, list or table whose every line is a link into the book (a contents entry)."""
    kind = block.get("t")
    if kind in ("Para", "Plain"):
        return _entry_inlines(block["c"])
    if kind in ("BulletList", "OrderedList"):
        items = block["c"] if kind == "BulletList" else block["c"][1]
        return bool(items) and all(any(_is_entry(b) for b in item) for item in items)
    if kind == "Table":
        rows = [row for body in block["c"][4] for row in body[3]]
        return bool(rows) and all(_row_is_entry(row) for row in rows)
    return False


def _several(block: dict[str, Any]) -> bool:
    """A list or table of entries (a whole contents in one block)."""
    kind = block.get("t")
    if kind == "BulletList":
        return len(block["c"]) > 1
    if kind == "OrderedList":
        return len(block["c"][1]) > 1
    if kind == "Table":
        return sum(len(body[3]) for body in block["c"][4]) > 1
    return False


def _row_is_entry(row: list[Any]) -> bool:
    cells = [block for cell in row[1] for block in cell[4]]
    words = sum(len(_text(block).split()) for block in cells if not _has_link(block))
    return any(_is_entry(block) for block in cells) and words <= CONTENTS_WORDS


def _entry_inlines(inlines: list[Any]) -> bool:
    # a link into the book whose text has letters (a note's "[1]" or "↩" back-link is none)
    links = [
        i
        for i in inlines
        if i.get("t") == "Link" and _internal(i["c"][2][0]) and any(ch.isalpha() for ch in plain_text(i["c"][1]))
    ]
    if not links:
        return False
    beside = [i for i in inlines if i not in links]
    return len(plain_text(beside).split()) <= CONTENTS_WORDS


def _has_link(block: dict[str, Any]) -> bool:
    return block.get("t") in ("Para", "Plain") and any(i.get("t") == "Link" for i in block["c"])


def _internal(url: str) -> bool:
    """A link to a place in the book: "#chap01", "chapter-1.xhtml#c1" (not to the web)."""
    return url.startswith("#") or ("://" not in url and not url.startswith("mailto:") and "#" in url)


def _text(node: Any) -> str:
    """The words of a block, however deep (for Gutenberg's marker lines)."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if value.get("t") == "Str":
                out.append(value["c"])
            elif value.get("t") in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif value.get("t") == "CodeBlock":
                out.append("\n" + value["c"][1] + "\n")
            elif value.get("t") in _BLOCKS:  # each on its lines, as the marker lines are
                out.append("\n")
                walk(value.get("c"))
                out.append("\n")
            else:
                walk(value.get("c"))
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(node)
    return "".join(out)


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
