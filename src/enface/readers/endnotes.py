"""An ebook's endnotes as the footnotes they are.

Standard Ebooks and many publishers put a book's notes in an endnotes page: the text has a
link marked ``epub:type="noteref"`` ("night.¹") to an item of the notes' list, whose own link
(``epub:type="backlink"``, "↩") leads back. Pandoc keeps both as links, so the note number
became a word glued to the text ("night.1") and the notes a chapter of their own opposite
nothing in the other versions. Here each noteref whose target is a note of the book becomes a
footnote at its place (Pandoc's ``Note``: every writer then numbers and places it), without
its back-link; the notes' list leaves the text, and so does the notes' page when nothing else
is left on it.
"""

from __future__ import annotations

from typing import Any

from .pandoc_ast import plain_text

NOTES_PAGES = frozenset({"endnotes", "rearnotes", "footnotes"})  # epub:type of a notes' page


def as_footnotes(ast: dict[str, Any]) -> dict[str, Any]:
    """Pandoc's ``ast`` with its noterefs made footnotes and their endnotes taken out."""
    targets: set[str] = set()
    _find_refs(ast.get("blocks", []), targets)
    if not targets:
        return ast
    notes: dict[str, list[Any]] = {}
    _find_notes(ast.get("blocks", []), targets, notes)
    if not notes:
        return ast
    blocks = _rewritten(ast.get("blocks", []), notes)
    return {**ast, "blocks": [block for block in blocks if not _empty_notes_page(block)]}


def _classes(node: dict[str, Any]) -> list[str]:
    return node["c"][0][1]


def _find_refs(node: Any, targets: set[str]) -> None:
    if isinstance(node, dict):
        if node.get("t") == "Link" and "noteref" in _classes(node) and node["c"][2][0].startswith("#"):
            targets.add(node["c"][2][0][1:])
        _find_refs(node.get("c"), targets)
    elif isinstance(node, list):
        for item in node:
            _find_refs(item, targets)


def _find_notes(node: Any, targets: set[str], notes: dict[str, list[Any]]) -> None:
    if isinstance(node, dict):
        if node.get("t") == "Div" and node["c"][0][0] in targets:
            notes[node["c"][0][0]] = _without_backlinks(node["c"][1])
            return
        _find_notes(node.get("c"), targets, notes)
    elif isinstance(node, list):
        for item in node:
            _find_notes(item, targets, notes)


def _without_backlinks(node: Any) -> Any:
    if isinstance(node, list):
        kept = [_without_backlinks(item) for item in node if not _is_backlink(item)]
        while kept and isinstance(kept[-1], dict) and kept[-1].get("t") in ("Space", "SoftBreak"):
            kept.pop()  # the space before a back-link
        return kept
    if isinstance(node, dict) and "c" in node:
        return {**node, "c": _without_backlinks(node["c"])}
    return node


def _is_backlink(node: Any) -> bool:
    return isinstance(node, dict) and node.get("t") == "Link" and "backlink" in _classes(node)


def _rewritten(node: Any, notes: dict[str, list[Any]]) -> Any:
    """Noterefs made notes; the notes' Divs, list items left empty and empty lists removed."""
    if isinstance(node, dict):
        kind = node.get("t")
        if kind == "Link" and "noteref" in _classes(node) and node["c"][2][0][1:] in notes:
            return {"t": "Note", "c": _rewritten(notes[node["c"][2][0][1:]], notes)}
        if kind == "OrderedList":
            items = [item for item in _rewritten(node["c"][1], notes) if item]
            return {**node, "c": [node["c"][0], items]} if items else None
        if kind == "BulletList":
            items = [item for item in _rewritten(node["c"], notes) if item]
            return {**node, "c": items} if items else None
        return {**node, "c": _rewritten(node["c"], notes)} if "c" in node else node
    if isinstance(node, list):
        out = []
        for item in node:
            if isinstance(item, dict) and item.get("t") == "Div" and item["c"][0][0] in notes:
                continue
            new = _rewritten(item, notes)
            if new is not None:
                out.append(new)
        return out
    return node


def _empty_notes_page(block: dict[str, Any]) -> bool:
    """A notes' page with nothing left on it but its heading."""
    if block.get("t") != "Div" or not NOTES_PAGES & set(_classes(block)):
        return False
    return all(
        b.get("t") == "Header" or (b.get("t") in ("Para", "Plain") and not plain_text(b["c"])) for b in block["c"][1]
    )
