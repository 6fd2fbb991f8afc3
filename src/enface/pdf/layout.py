"""The print document: book structure and the bead-synchronised parallel table, as HTML.

Order of the book (every major section starts on a recto):

1. half-title (recto), its verso blank;
2. title page in every language (recto);
3. colophon on the title verso: what the texts are, sources with checksums, rights,
   fonts and licences, enface version and build date;
4. contents with page numbers (recto);
5. the parallel text (recto): one table row per *bead* (aligned sentence group),
   one cell per language, so every bead starts at the same height in every column
   and a bead broken by a page break breaks in all columns at once;
6. the appendices (recto each);
7. optional notes pages (recto), ruled or blank.

The text fragments are the shared XHTML fragments where they fit (title block,
appendix, colophon); the parallel cells need partial paragraphs (a bead is a run
of sentences), so they are built here with the same ``p.text``/``span.s`` markup
and the TEI ids.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..fonts import FONT_CREDITS
from ..languages import word
from ..tei.read import Document, Sentence, UnitView
from ..xhtml import fragments as fx
from .options import PrintOptions

# A bead row is kept whole on one page (moved to the next if it does not fit)
# when its longest cell is at most this many lines; longer rows may break, all
# columns together.
KEEP_LINES = 7
RULE_PITCH_MM = 8.0  # ruled notes pages
NOTES_HEADING_MM = 22.0
# Average advance of a Charis SIL character in text, in ems (measured on the sources).
_EM_PER_CHAR = 0.47


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
    el = etree.Element(tag, {k: v for k, v in (attrs or {}).items() if v is not None})
    if text is not None:
        el.text = text
    for child in children:
        el.append(child)
    return el


@dataclass(frozen=True)
class Geometry:
    """Page geometry in millimetres, from the options."""

    width: float
    height: float
    top: float
    bottom: float
    inner: float
    outer: float
    body_pt: float
    columns: int  # languages side by side

    @property
    def text_width(self) -> float:
        return self.width - self.inner - self.outer

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom

    NUM_MM = 5.0  # the unit-number column
    GUTTER_MM = 4.0  # between language columns (2 mm padding each side of the rule)

    @property
    def column_mm(self) -> float:
        """Width of the text in one language column."""
        return (self.text_width - self.NUM_MM) / self.columns - self.GUTTER_MM

    @property
    def chars_per_line(self) -> float:
        return self.column_mm / 25.4 * 72 / (self.body_pt * _EM_PER_CHAR)


def geometry(options: PrintOptions, columns: int) -> Geometry:
    size = options.size
    top, bottom, inner, outer = size.margins_mm
    return Geometry(size.width_mm, size.height_mm, top, bottom, inner, outer, size.body_pt, max(columns, 1))


def page_css(options: PrintOptions, geo: Geometry) -> str:
    """The part of the stylesheet that depends on the options (the rest is styles/print.css)."""
    marks = " ".join(options.marks) if options.marks else "none"
    notes_first = geo.text_height - NOTES_HEADING_MM
    return f"""
@page {{ size: {geo.width:g}mm {geo.height:g}mm; margin: {geo.top:g}mm {geo.outer:g}mm {geo.bottom:g}mm {geo.inner:g}mm;
        bleed: {options.bleed_mm:g}mm; marks: {marks}; }}
@page :left {{ margin-left: {geo.outer:g}mm; margin-right: {geo.inner:g}mm; }}
@page :right {{ margin-left: {geo.inner:g}mm; margin-right: {geo.outer:g}mm; }}
html {{ font-size: {geo.body_pt:g}pt; }}
table.parallel col.num {{ width: {geo.NUM_MM:g}mm; }}
table.parallel td.v, table.parallel th.v {{ padding-left: {geo.GUTTER_MM / 2:g}mm; padding-right: {geo.GUTTER_MM / 2:g}mm; }}
.titlepage .imprint {{ margin-top: {0.22 * geo.text_height:.1f}mm; }}
.notes-page {{ height: {geo.text_height - 1:g}mm; }}
.notes-page .rule {{ height: {RULE_PITCH_MM:g}mm; }}
.notes-page.first {{ height: {notes_first:g}mm; }}
"""


# --- the parallel table ------------------------------------------------------------


def _beads(unit: UnitView, langs: tuple[str, ...]) -> list[dict[str, tuple[Sentence, ...]]]:
    """The unit's beads when they cover every sentence of every language in order, else one
    bead holding the whole unit (never lose text because an alignment is incomplete)."""
    beads = list(unit.beads)
    for lang in langs:
        expected = [s.id for para in unit.paragraphs.get(lang, ()) for s in para.sentences]
        got = [s.id for bead in beads for s in bead.get(lang, ())]
        if got != expected:
            whole = {lg: tuple(s for para in unit.paragraphs.get(lg, ()) for s in para.sentences) for lg in langs}
            return [whole]
    return beads or [{lg: () for lg in langs}]


def _cell(lang: str, sentences: tuple[Sentence, ...], para_of: dict[str, str], opened: set[str]) -> etree._Element:
    """One language's part of one bead: its sentences, in paragraphs (a bead may end one
    paragraph and start the next). The first piece of a paragraph carries the paragraph id."""
    cell = _e("td", {"class": "v", "lang": lang})
    for para_id, run in itertools.groupby(sentences, key=lambda sentence: para_of[sentence.id]):
        first = para_id not in opened
        opened.add(para_id)
        p = _e("p", {"class": "text" if first else "text cont", "id": para_id if first else None})
        cell.append(fx.sentence_spans(p, tuple(run)))
    return cell


def parallel_table(doc: Document, geo: Geometry) -> etree._Element:
    meta = doc.meta
    langs = meta.langs
    table = _e("table", {"class": "parallel"})
    colgroup = _e("colgroup", {}, _e("col", {"class": "num"}))
    for _lang in langs:
        colgroup.append(_e("col", {"class": "v"}))
    table.append(colgroup)
    head = _e("tr", {}, _e("th", {"class": "num"}))
    for lang in langs:
        head.append(_e("th", {"class": "v", "lang": lang, "scope": "col"}, text=meta.labels.get(lang, lang)))
    table.append(_e("thead", {}, head))
    body = _e("tbody")
    keep_chars = KEEP_LINES * geo.chars_per_line
    label = word(meta.lang, "paragraph")
    for unit in doc.units:
        para_of = {s.id: para.id for lang in langs for para in unit.paragraphs.get(lang, ()) for s in para.sentences}
        opened: set[str] = set()
        for index, bead in enumerate(_beads(unit, langs)):
            longest = max((sum(len(s.text) + 1 for s in bead.get(lang, ())) for lang in langs), default=0)
            classes = ["bead"]
            if index == 0:
                classes.append("unit-start")
            if longest <= keep_chars:
                classes.append("keep")
            row = _e("tr", {"class": " ".join(classes), "id": f"u{unit.n}" if index == 0 else None})
            if index == 0:
                row.append(_e("td", {"class": "num", "data-label": f"{label} {unit.n}"}, text=str(unit.n)))
            else:
                row.append(_e("td", {"class": "num"}))
            for lang in langs:
                row.append(_cell(lang, bead.get(lang, ()), para_of, opened))
            body.append(row)
    table.append(body)
    return table


# --- the book ----------------------------------------------------------------------


def _first_words(text: str, limit: int = 48) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:—–-  ")  # noqa: B005 - a set of characters
    return cut + "…"


def _toc(doc: Document, options: PrintOptions) -> etree._Element:
    meta = doc.meta
    lang = meta.lang
    ul = _e("ul")
    ul.append(_e("li", {"class": "part"}, _e("a", {"href": "#parallel"}, text=word(lang, "parallel"))))
    primary = meta.langs[0] if meta.langs else lang
    for unit in doc.units:
        paras = unit.paragraphs.get(primary) or next((p for p in unit.paragraphs.values() if p), ())
        first = paras[0].sentences[0].text if paras and paras[0].sentences else ""
        entry = _e("a", {"href": f"#u{unit.n}"}, _e("span", {"class": "n"}, text=str(unit.n)))
        entry.append(_e("span", {"class": "first", "lang": paras[0].lang if paras else None}, text=_first_words(first)))
        ul.append(_e("li", {"class": "sub"}, entry))
    for app in doc.appendices:
        title = app.titles.get(lang) or app.title or word(lang, "appendix")
        item_lang = lang if app.titles.get(lang) else app.lang
        ul.append(
            _e(
                "li",
                {"class": "part", "lang": item_lang if item_lang != lang else None},
                _e("a", {"href": f"#{app.id}"}, text=title),
            )
        )
    if options.notes_pages:
        ul.append(_e("li", {"class": "part"}, _e("a", {"href": "#notes"}, text=word(lang, "notes"))))
    return _e("section", {"class": "toc", "id": "contents"}, _e("h1", text=word(lang, "contents")), ul)


def _notes(doc: Document, options: PrintOptions, geo: Geometry) -> etree._Element:
    lang = doc.meta.lang
    section = _e(
        "section",
        {"class": "notes", "id": "notes", "data-running": word(lang, "notes")},
        _e("h1", text=word(lang, "notes")),
    )
    for index in range(options.notes_pages):
        classes = ["notes-page", options.notes_style]
        if index == 0:
            classes.append("first")
        page = _e("div", {"class": " ".join(classes)})
        if options.notes_style == "ruled":
            usable = geo.text_height - (NOTES_HEADING_MM if index == 0 else 0)
            for _ in range(int(usable // RULE_PITCH_MM) - 1):
                page.append(_e("div", {"class": "rule"}))
        section.append(page)
    return section


def print_html(
    doc: Document, when: dt.datetime, options: PrintOptions | None = None, extra_css: Path | None = None
) -> str:
    """The complete print document as an HTML string (what WeasyPrint renders)."""
    options = options or PrintOptions()
    meta = doc.meta
    lang = meta.lang
    geo = geometry(options, len(meta.langs))
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    head = _e(
        "head",
        {},
        _e("meta", {"charset": "utf-8"}),
        _e("title", text=meta.title()),
        _e("meta", {"name": "description", "content": meta.description}),
        _e("meta", {"name": "generator", "content": f"enface {meta.version}"}),
        _e("meta", {"name": "dcterms.created", "content": stamp}),
        _e("meta", {"name": "dcterms.modified", "content": stamp}),
        _e("link", {"rel": "stylesheet", "href": "print.css"}),
        _e("style", text=page_css(options, geo)),
    )
    if extra_css is not None:  # the edition's own print stylesheet comes last and wins
        head.append(_e("link", {"rel": "stylesheet", "href": extra_css.resolve().as_uri()}))
    for role, name in meta.credits:
        head.append(_e("meta", {"name": "author", "content": f"{name} ({role})"}))

    body = _e("body")
    title = meta.title()
    body.append(
        _e(
            "section",
            {"class": "half-title", "id": "half-title", "data-running": title},
            _e("p", {"class": "half-title-text"}, text=title),
        )
    )

    titlepage = _e("section", {"class": "titlepage", "id": "title-page"}, *(_plain(b) for b in fx.title_block(meta)))
    foot = _e("div", {"class": "imprint"})
    if meta.publisher:
        foot.append(_e("p", {"class": "publisher"}, text=meta.publisher))
    foot.append(_e("p", {"class": "year"}, text=meta.date[:4]))
    titlepage.append(foot)
    body.append(titlepage)

    colophon = _e("section", {"class": "colophon", "id": "colophon"}, _e("h2", text=word(lang, "colophon")))
    for el in fx.colophon(meta, FONT_CREDITS["pdf"]):
        colophon.append(_plain(el))
    body.append(colophon)

    body.append(_toc(doc, options))

    part = _e(
        "section",
        {"class": "parallel-part", "id": "parallel", "data-running": word(lang, "parallel")},
        _e("h1", text=word(lang, "parallel")),
    )
    part.append(parallel_table(doc, geo))
    body.append(part)

    for app in doc.appendices:
        running = app.titles.get(lang) or app.title or word(lang, "appendix")
        section = _e("section", {"class": "appendix", "id": app.id, "lang": app.lang, "data-running": running})
        for el in fx.appendix_heading(app, meta):
            section.append(_plain(el))
        section.append(_plain(fx.appendix_body(app)))
        body.append(section)

    if options.notes_pages:
        body.append(_notes(doc, options, geo))

    root = _e("html", {"lang": lang}, head, body)
    return "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html")
