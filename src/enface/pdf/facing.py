"""Facing pages: the verso in one language, the recto in the other, bead by bead level.

The columns layout (a table row per bead) keeps the languages in step by construction;
two pages cannot share a table row, so here the book is paginated in Python:

1. every bead's content in each language is made by the columns layout's own row builders
   (``layout._Parallel``: same markup, ids, note calls), one block per language;
2. WeasyPrint lays each language's blocks out once as a one-column document at the page's
   text width (``measure``); each block's height is read off the box tree;
3. spread by spread (``paginate``), a spread takes the beads that fit on both pages: the
   height of a bead is the taller of its two versions;
4. the HTML has one ``section`` per page, a fixed-height block with a forced page break, and
   in it each bead a block of that common height on both pages, so every bead starts at the
   same height on the verso and on the recto. A division (chapter) starts on a new spread.

A bead taller than a page is not split (first version): it is set alone on its spread and
runs past the foot of both pages; the build says so. Folios are consecutive (verso and recto
each have their number). The running head of each page is the book's title in its language.
Each bead's block has the id ``bead-N-LANG`` (a PDF named destination), which the print
check (``enface.checks.layout``) reads to measure the drift between the two pages.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from ..errors import EnfaceError
from ..languages import word
from ..tei.read import Document
from .layout import Geometry, _add_class, _e, _Parallel

PX_TO_PT = 0.75
MM_TO_PT = 72 / 25.4
HEAD_MM = 20.0  # the block above the first bead of the text: its title and the language
DIVISION_HEAD_MM = 7.0  # the language label above a division's first bead
BEAD_GAP_MM = 1.6  # space under every bead (inside its block)
SLACK_MM = 1.0  # the page block is this much shorter than the text area


@dataclass
class Bead:
    n: int
    blocks: dict[str, etree._Element]  # lang -> div.fbead content
    anchor: str | None = None  # the row id (u3) the contents links to
    heights: dict[str, float] = field(default_factory=dict)  # lang -> pt

    @property
    def height(self) -> float:
        return max(self.heights.values(), default=0.0)


@dataclass
class Part:
    """The beads of one section (the whole text, or a division)."""

    ident: str
    running: str
    beads: list[Bead]
    first: bool  # the first part: its head has the text's title


def _cells(row: etree._Element) -> list[etree._Element]:
    return [c for c in row if c.tag == "td" and "v" in (c.get("class") or "").split()]


def _rows(builder: _Parallel, units) -> list[etree._Element]:
    rows = []
    for unit in units:
        if unit.kind == "head":
            rows.append(builder.heading_row(unit, False))
        elif unit.kind == "figure":
            rows.append(builder.figure_row(unit))
        elif unit.kind == "verse":
            rows += builder.verse_rows(unit)
        else:
            rows += builder.bead_rows(unit, quote=unit.kind == "quote")
    return rows


def beads_of(doc: Document, geo: Geometry, edition_dir=None) -> list[Part]:
    """The book's beads, part by part, each a block per language."""
    langs = doc.meta.langs
    builder = _Parallel(doc, geo, edition_dir)
    builder.refs = {lang: [] for lang in langs}
    divisions = {d.n: d for d in doc.divisions}
    groups = [(n, list(units)) for n, units in itertools.groupby(doc.units, key=lambda u: u.division)]
    parts: list[Part] = []
    count = 0
    for index, (n, units) in enumerate(groups):
        builder.line = 0
        builder.refs = {lang: [] for lang in langs}
        division = divisions.get(n)
        rows = []
        if division is not None and units and units[0].kind == "head":
            rows.append(builder.heading_row(units[0], True))
            units = units[1:]
        rows += _rows(builder, units)
        rows += builder.notes_rows(index == len(groups) - 1)
        beads = []
        for row in rows:
            count += 1
            blocks = {}
            for lang, cell in zip(langs, _cells(row), strict=False):
                block = _e("div", {"class": "fbead", "lang": lang})
                for child in cell:
                    block.append(child)
                blocks[lang] = block
            classes = set((row.get("class") or "").split())
            for block in blocks.values():
                for name in sorted(classes & {"unit-start", "heading", "verse", "quote", "note"}):
                    _add_class(block, name)
            beads.append(Bead(count, blocks, row.get("id")))
        if division is not None:
            title = division.heads.get(langs[0]) or ""
            ident = "parallel" if index == 0 else f"division-{division.n}"
        else:
            title, ident = "", "parallel" if index == 0 else f"part-{index}"
        parts.append(Part(ident, title, beads, index == 0))
    return parts


def measure_html(head: etree._Element, parts: list[Part], langs: tuple[str, ...], geo: Geometry) -> str:
    """Each language's beads in one column at the text width, one after another."""
    head = copy.deepcopy(head)
    head.append(
        _e(
            "style",
            text=f"@page, @page :left, @page :right {{ size: {geo.text_width:g}mm 2000mm; margin: 0; }}\n"
            "div.fbead { break-inside: avoid; }\n",
        )
    )
    body = _e("body")
    for lang in langs:
        column = _e("div", {"class": "fmeasure", "lang": lang})
        for part in parts:
            for bead in part.beads:
                block = copy.deepcopy(bead.blocks[lang])
                block.set("id", f"m-{bead.n}-{lang}")
                column.append(block)
        body.append(column)
    root = _e("html", {"lang": langs[0]}, head, body)
    return "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html")


def _walk(box):
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _walk(child)


def read_heights(document) -> dict[str, float]:
    """Element id (``m-N-LANG``) → height of its border box in points (summed over pages)."""
    heights: dict[str, float] = {}
    for page in document.pages:
        for box in _walk(page._page_box):
            element = getattr(box, "element", None)
            if element is None or getattr(box, "element_tag", None) != "div":
                continue
            ident = element.get("id") or ""
            if ident.startswith("m-") and hasattr(box, "border_height"):
                heights[ident] = heights.get(ident, 0.0) + box.border_height() * PX_TO_PT
    return heights


def paginate(parts: list[Part], geo: Geometry) -> tuple[list[tuple[Part, list[list[Bead]]]], list[str]]:
    """Spreads, part by part: each spread the beads that fit on both pages."""
    page = (geo.text_height - SLACK_MM) * MM_TO_PT
    messages = []
    out = []
    for part in parts:
        spreads: list[list[Bead]] = [[]]
        room = page - (HEAD_MM if part.first else DIVISION_HEAD_MM) * MM_TO_PT
        for bead in part.beads:
            if bead.height > room and spreads[-1]:
                spreads.append([])
                room = page
            if bead.height > room:
                messages.append(
                    f"facing pages: sentence group {bead.n} is {bead.height / MM_TO_PT:.0f} mm tall, more than a "
                    f"page ({room / MM_TO_PT:.0f} mm): it runs past the foot of its spread"
                )
            spreads[-1].append(bead)
            room -= bead.height
        out.append((part, spreads))
    return out, messages


def facing_css(doc: Document, geo: Geometry) -> str:
    return f"""
section.fpage {{ page: facing; break-before: page; height: {geo.text_height - SLACK_MM:g}mm;
  string-set: fhead attr(data-running); }}
section.fpage.opening {{ break-before: left; }}
@page facing:left {{ @top-center {{ content: string(fhead); }} }}
@page facing:right {{ @top-center {{ content: string(fhead); }} }}
section.fpage div.fhead {{ height: {HEAD_MM:g}mm; box-sizing: border-box; }}
section.fpage div.fhead.division {{ height: {DIVISION_HEAD_MM:g}mm; }}
section.fpage div.fhead h1 {{ margin: 0 0 3mm; line-height: 1.2; }}
section.fpage div.fhead.recto {{ padding-top: {15 * 1.2 / MM_TO_PT + 3:.2f}mm; }}
section.fpage p.flang {{ font-weight: bold; font-variant: small-caps; letter-spacing: 0.04em; font-size: 8.5pt;
  border-bottom: 0.5pt solid #000; padding-bottom: 1.2mm; margin: 0; }}
div.fbead {{ box-sizing: border-box; padding: 0.1pt 0 {BEAD_GAP_MM:g}mm; text-align: justify; text-align-last: left;
  hyphens: auto; hyphenate-limit-chars: 6 3 3; }}
div.fbead.unit-start {{ padding-top: 1.2mm; }}
div.fbead.heading {{ hyphens: manual; text-align: left; }}
div.fbead.heading h2, div.fbead.heading h3, div.fbead.heading h4 {{ margin: 0; bookmark-level: none; }}
div.fbead.heading h2.division-title.primary {{ bookmark-level: 1; bookmark-label: content(text); }}
div.fbead p.l {{ text-align: left; hyphens: manual; padding-left: 1.2em; text-indent: -1.2em; }}
div.fbead p.note {{ font-size: 0.86em; text-align: left; padding-left: 1.2em; text-indent: -1.2em; }}
div.fbead blockquote {{ margin: 0 0 0 4mm; font-size: 0.94em; }}
div.fbead figure {{ margin: 0; }}
div.fbead figure img {{ display: block; max-width: 100%; height: auto; }}
"""


def _anchor(block: etree._Element, ident: str) -> None:
    """The contents' link target (``u3``) as an empty span at the start of the bead's first block."""
    first = next((c for c in block if isinstance(c.tag, str)), None)
    if first is None:
        block.set("data-anchor", ident)
        return
    span = _e("span", {"id": ident})
    span.tail, first.text = first.text, None
    first.insert(0, span)


def sections(
    doc: Document,
    geo: Geometry,
    head: etree._Element,
    render: Callable[[str], object],
    edition_dir=None,
) -> tuple[list[etree._Element], list[str]]:
    """The facing pages: a ``section`` per page; and the messages of the pagination."""
    if len(doc.meta.langs) != 2:
        raise EnfaceError(
            f"--layout facing sets two languages on facing pages; this edition has {len(doc.meta.langs)} "
            f"({', '.join(doc.meta.langs)}): keep two translations, or use --layout columns"
        )
    langs = doc.meta.langs
    parts = beads_of(doc, geo, edition_dir)
    heights = read_heights(render(measure_html(head, parts, langs, geo)))
    for part in parts:
        for bead in part.beads:
            bead.heights = {lang: heights.get(f"m-{bead.n}-{lang}", 0.0) for lang in langs}
    plan, messages = paginate(parts, geo)
    lang = doc.meta.lang
    out = []
    page_no = 0
    for part, spreads in plan:
        for s_index, spread in enumerate(spreads):
            for side, page_lang in enumerate(langs):
                page_no += 1
                classes = "fpage opening" if s_index == 0 and side == 0 else "fpage"
                ident = part.ident if s_index == 0 and side == 0 else f"fpage-{page_no}"
                section = _e(
                    "section",
                    {"class": classes, "id": ident, "lang": page_lang, "data-running": doc.meta.title(page_lang)},
                )
                if s_index == 0:
                    fhead = _e("div", {"class": "fhead" if part.first else "fhead division"})
                    if part.first and side == 0:
                        fhead.append(
                            _e("h1", {"lang": lang if lang != page_lang else None}, text=word(lang, "parallel"))
                        )
                    elif part.first:
                        _add_class(fhead, "recto")  # its label level with the verso's
                    fhead.append(_e("p", {"class": "flang"}, text=doc.meta.labels.get(page_lang, page_lang)))
                    section.append(fhead)
                for bead in spread:
                    block = bead.blocks[page_lang]
                    block.set("id", f"bead-{bead.n}-{page_lang}")
                    block.set("style", f"height: {bead.height:.2f}pt")
                    if bead.anchor and side == 0:
                        _anchor(block, bead.anchor)
                    section.append(block)
                out.append(section)
    return out, messages
