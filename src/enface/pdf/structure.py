"""Mark each language in the PDF structure tree (``/Lang`` on structure elements).

WeasyPrint 70 writes the document language (``/Lang`` in the catalog, from
``<html lang>``) but not the ``lang`` of inner elements, so a screen reader would
read the Indonesian and Russian columns with French rules. After ``write_pdf`` the
PDF is post-processed with pikepdf:

1. the plan (``language_plan``) lists, for every top-level ``<section>`` of the print
   HTML, its ``lang``, the page where it starts (``Page.anchors``), the language of
   each of its block children that has one, and for tables the language of each column;
2. WeasyPrint tags every ``<section>`` as a ``/Sect`` directly under ``/Document``, one
   per page the section is on, in page order; so the ``/Sect`` elements of a page are the
   sections starting on it, after at most one section running on from the page before;
3. ``/Lang`` is set on the ``/Sect`` of a section with a ``lang`` (the appendix), on the
   elements of its first page that match its children tag for tag (the title in each
   language), and on every ``/TD`` and ``/TH`` of a table by column (each language's cells);
   every ``/TH`` (the language headers, repeated on each page) gets ``/Scope /Column`` in its
   table attributes, as PDF/UA asks of header cells.

If the tree is not shaped as expected (another WeasyPrint version), nothing is changed
and a message says so. Without pikepdf installed the step is skipped with a message.

The same pass marks the running heads and folios as artifacts: WeasyPrint 70 gives the
text of margin boxes marked-content ids but links them to no structure element ("could be
included in tree as Artifact, but that's only allowed in PDF 2.0"), which PDF/UA forbids
(content must be tagged or an artifact). Their ``/Span <</MCID n>> BDC`` becomes
``/Artifact <</Type /Pagination>> BDC`` and their parent-tree entries ``null``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from lxml import html as lxml_html

from .measure import first_pages

PDF_TAGS = {
    "div": "Div",
    "p": "P",
    "section": "Sect",
    "table": "Table",
    "ul": "L",
    "ol": "L",
    "dl": "L",
    "h1": "H1",
    "h2": "H2",
    "h3": "H3",
    "h4": "H4",
    "h5": "H5",
    "h6": "H6",
    "nav": "NonStruct",
}


@dataclass(frozen=True)
class Node:
    """A block element of the print HTML: its PDF structure type, ``lang`` and block children."""

    tag: str
    lang: str | None
    children: tuple[Node, ...]
    columns: tuple[str | None, ...] = ()  # tables: language per column


@dataclass(frozen=True)
class SectionPlan:
    id: str
    first_page: int
    node: Node


@dataclass(frozen=True)
class LanguagePlan:
    lang: str
    sections: tuple[SectionPlan, ...]
    pages: int


def _columns(table) -> tuple[str | None, ...]:
    for row in table.iter("tr"):
        cells = [c for c in row if c.tag in ("td", "th")]
        langs = tuple(c.get("lang") for c in cells)
        if any(langs):
            return langs
    return ()


def _node(element) -> Node:
    tag = PDF_TAGS.get(element.tag, "")
    children = [c for c in element if isinstance(c.tag, str)]
    blocks = all(c.tag in PDF_TAGS for c in children) and not (element.text or "").strip()
    return Node(
        tag=tag,
        lang=element.get("lang"),
        children=tuple(_node(c) for c in children) if blocks and element.tag != "table" else (),
        columns=_columns(element) if element.tag == "table" else (),
    )


def language_plan(html: str, document) -> LanguagePlan | None:
    root = lxml_html.document_fromstring(html)
    body = root.find("body")
    first = first_pages(document)
    sections = []
    for section in body:
        if not isinstance(section.tag, str):
            continue
        ident = section.get("id")
        if section.tag != "section" or ident not in first:
            return None  # every top-level element is a section with an id that was laid out
        sections.append(SectionPlan(ident, first[ident], _node(section)))
    return LanguagePlan(root.get("lang") or "", tuple(sections), len(document.pages))


def _struct_kids(element) -> list:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


class _Marker:
    def __init__(self) -> None:
        self.count = 0

    def set(self, element, lang: str | None) -> None:
        import pikepdf

        if lang:
            element.Lang = pikepdf.String(lang)
            self.count += 1

    def tables(self, element, node: Node | None) -> None:
        """Set /Lang on table cells by column, for every table under ``element``."""
        for kid in _struct_kids(element):
            if kid.get("/S") == "/Table":
                columns = node.columns if node is not None and node.columns else None
                if columns:
                    self._cells(kid, columns)
            else:
                self.tables(kid, _find_table(node))

    def _cells(self, element, columns) -> None:
        for kid in _struct_kids(element):
            if kid.get("/S") == "/TR":
                cells = [c for c in _struct_kids(kid) if c.get("/S") in ("/TD", "/TH")]
                if len(cells) != len(columns):
                    raise _Mismatch(f"a table row has {len(cells)} cells, the HTML {len(columns)}")
                for cell, lang in zip(cells, columns):
                    self.set(cell, lang)
                    if cell.get("/S") == "/TH":  # the language headers: each heads its column
                        _scope(cell, "/Column")
            else:
                self._cells(kid, columns)

    def tree(self, element, node: Node) -> None:
        """Elements matching ``node``'s children tag for tag get their languages."""
        kids = [k for k in _struct_kids(element)]
        if not node.children or len(kids) != len(node.children):
            return
        if any(k.get("/S") != f"/{child.tag}" for k, child in zip(kids, node.children)):
            return
        for kid, child in zip(kids, node.children):
            self.set(kid, child.lang)
            self.tree(kid, child)


class _Mismatch(Exception):
    pass


def _scope(cell, scope: str) -> None:
    """``/Scope`` in the cell's table attributes (``/A``, a dictionary or an array of them,
    owner ``/Table``), which WeasyPrint 70 writes without it."""
    import pikepdf

    attributes = cell.get("/A")
    candidates = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
    for owner in candidates:
        if isinstance(owner, pikepdf.Dictionary) and owner.get("/O") == pikepdf.Name.Table:
            owner.Scope = pikepdf.Name(scope)
            return
    table = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name(scope))
    if isinstance(attributes, pikepdf.Array):
        attributes.append(table)
    elif isinstance(attributes, pikepdf.Dictionary):
        cell.A = pikepdf.Array([attributes, table])
    else:
        cell.A = table


def _find_table(node: Node | None) -> Node | None:
    if node is None:
        return None
    if node.columns:
        return node
    for child in node.children:
        found = _find_table(child)
        if found is not None:
            return found
    return None


def _reachable(tree) -> set:
    seen: set = set()
    stack = _struct_kids(tree)
    while stack:
        element = stack.pop()
        if element.objgen in seen:
            continue
        seen.add(element.objgen)
        stack.extend(_struct_kids(element))
    return seen


def _artifact_margins(document) -> int:
    """Turn marked content that no reachable structure element owns into pagination artifacts."""
    import pikepdf

    tree = document.Root.StructTreeRoot
    parent_tree = tree.get("/ParentTree")
    if parent_tree is None or "/Nums" not in parent_tree:
        return 0
    nums = parent_tree.Nums
    arrays = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
    reachable = _reachable(tree)
    changed = 0
    for page in document.pages:
        key = page.obj.get("/StructParents")
        array = arrays.get(int(key)) if key is not None else None
        if not isinstance(array, pikepdf.Array):
            continue
        orphans = {
            i for i, ref in enumerate(array) if isinstance(ref, pikepdf.Dictionary) and ref.objgen not in reachable
        }
        if not orphans:
            continue
        instructions = []
        for instruction in pikepdf.parse_content_stream(page):
            operands, operator = instruction.operands, instruction.operator
            if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
                mcid = operands[1].get("/MCID")
                if mcid is not None and int(mcid) in orphans:
                    instruction = pikepdf.ContentStreamInstruction(
                        [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)], operator
                    )
                    changed += 1
            instructions.append(instruction)
        page.obj.Contents = document.make_stream(pikepdf.unparse_content_stream(instructions))
        for index in orphans:
            array[index] = None
    return changed


def mark_languages(pdf: bytes, plan: LanguagePlan | None) -> tuple[bytes, list[str], int]:
    """The PDF with /Lang on the structure elements of each language and the running heads
    and folios as artifacts; messages; elements marked with a language."""
    if plan is None:
        return pdf, ["languages not marked in the PDF structure tree: the print HTML is not made of sections"], 0
    try:
        import pikepdf
    except ImportError:
        return pdf, ["languages not marked in the PDF structure tree: pikepdf is not installed"], 0
    with pikepdf.open(io.BytesIO(pdf)) as document:
        tree = document.Root.get("/StructTreeRoot")
        if tree is None:
            return pdf, [], 0
        _artifact_margins(document)
        page_index = {page.obj.objgen: i for i, page in enumerate(document.pages)}
        top = _struct_kids(tree)
        if len(top) != 1 or top[0].get("/S") != "/Document":
            return pdf, ["languages not marked: unexpected PDF structure tree (no single /Document)"], 0
        sects_by_page: dict[int, list] = {}
        for sect in _struct_kids(top[0]):
            if sect.get("/S") != "/Sect" or "/Pg" not in sect:
                return pdf, ["languages not marked: unexpected PDF structure tree (not sections)"], 0
            sects_by_page.setdefault(page_index[sect.Pg.objgen], []).append(sect)
        starting: dict[int, list[SectionPlan]] = {}
        for section in plan.sections:
            starting.setdefault(section.first_page, []).append(section)
        marker = _Marker()
        current: SectionPlan | None = None
        try:
            for page in range(plan.pages):
                sects = sects_by_page.get(page, [])
                new = starting.get(page, [])
                if len(sects) == len(new) + 1 and current is not None:
                    pairs = [(sects[0], current, False)] + [(s, p, True) for s, p in zip(sects[1:], new)]
                elif len(sects) == len(new):
                    pairs = [(s, p, True) for s, p in zip(sects, new)]
                else:
                    raise _Mismatch(
                        f"page {page + 1} has {len(sects)} sections in the tree, {len(new)} starting in the layout"
                    )
                for sect, section, is_first in pairs:
                    marker.set(sect, section.node.lang)
                    if is_first:
                        marker.tree(sect, section.node)
                    marker.tables(sect, _find_table(section.node))
                if new:
                    current = new[-1]
        except _Mismatch as exc:
            return pdf, [f"languages not marked in the PDF structure tree: {exc}"], 0
        out = io.BytesIO()
        document.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue(), [], marker.count
