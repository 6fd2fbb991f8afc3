"""The print document: book structure and the bead-synchronised parallel table, as HTML.

Order of the book (every major section starts on a recto):

1. half-title (recto), its verso blank;
2. title page in every language (recto);
3. colophon on the title verso: what the texts are, sources with checksums, rights,
   fonts and licences, enface version and build date;
4. contents with page numbers (recto): the top-level divisions (chapters) when the book
   has them, else every paragraph;
5. the parallel text: one table row per *bead* (aligned sentence group), one cell per
   language, so every bead starts at the same height in every column and a bead broken
   by a page break breaks in all columns at once. A book with divisions gets one section
   and one table per division, each opening on a recto with its heading row (an ``h2``
   per language, level with each other); a book without them one section, as before;
6. the appendices (recto each);
7. optional notes pages (recto), ruled or blank.

Blocks of a structured text, each a unit (rows in step across languages):

- headings: one row; the division's own heading is ``h2.division-title`` (bookmarks, the
  PDF/UA ``H2``, the running head come from the primary language's one), others ``h3``/``h4``;
- verse: a stanza is a unit in its own ``tbody`` (kept on one page when short), a line
  per bead row and a block per line, ragged right, unhyphenated, runover lines hanging;
  line numbers every five lines in the margin column, counted on the primary language's
  lines per division (in a book without divisions, through the whole text);
- quotations: indented ``blockquote`` in each cell; figures: the image (from the edition
  folder, through the restricted fetcher) and its caption, per language;
- footnotes: endnotes per division (see :func:`_Parallel.notes_rows` for why not
  ``float: footnote``).

The text fragments are the shared XHTML fragments where they fit (title block,
appendix, colophon); the parallel cells need partial paragraphs (a bead is a run
of sentences), so they are built here with the same ``p.text``/``span.s`` markup
and the TEI ids, the spans by ``fragments.sentence_spans``.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..fonts import FontPlan, credits, font_plan
from ..languages import direction, word
from ..tei.read import DivisionView, Document, Sentence, UnitView
from ..xhtml import fragments as fx
from . import probes
from .choice import resolve
from .fonts import print_css
from .hyphenation import Break, Kept, breaks_to_forbid, forbid_breaks, merged
from .measure import ROW_KEY, cell_lines
from .options import PrintOptions
from .probes import HYPHENS, Probe, Prober, in_process

# A bead row is kept whole on one page (moved to the next if it does not fit)
# when its longest cell is at most this many lines; longer rows may break, all
# columns together.
KEEP_LINES = 7
KEEP_STANZA = 12  # a stanza of at most this many rows is kept on one page
RULE_PITCH_MM = 8.0  # ruled notes pages
NOTES_HEADING_MM = 22.0
# Average advance of a Charis SIL character in text, in ems (measured on the sources).
_EM_PER_CHAR = 0.47


def _e(tag: str, attrs: dict[str, str] | None = None, *children, text: str | None = None) -> etree._Element:
    """An element; one with the ``lang`` of a right-to-left language is ``dir="rtl"`` too."""
    attrs = {k: v for k, v in (attrs or {}).items() if v is not None}
    if attrs.get("lang") and "dir" not in attrs and direction(attrs["lang"]) == "rtl":
        attrs["dir"] = "rtl"
    el = etree.Element(tag, attrs)
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


# A figure's image at most this share of the text's height: a page holds it, a heading and its caption.
FIGURE_SHARE = 0.7


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
figure img {{ max-height: {FIGURE_SHARE * geo.text_height:.1f}mm; }}
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


def _spans(parent: etree._Element, sentences: tuple[Sentence, ...], refs: dict[str, str] | None = None):
    """``fragments.sentence_spans`` (the one place a sentence becomes spans, inline markup
    and note references included) on print HTML: namespaced attributes (``xml:lang`` of a
    foreign phrase) dropped, and the id of each note reference recorded in ``refs`` (note id
    → reference id) for the endnote's link back."""
    fx.sentence_spans(parent, sentences)
    if not any(s.runs for s in sentences):
        return parent
    for el in parent.iter():
        if not isinstance(el.tag, str):
            continue
        for name in [n for n in el.attrib if n.startswith("{")]:
            del el.attrib[name]
    for ref in [el for el in parent.iter("a") if "noteref" in (el.get("class") or "").split()]:
        if refs is not None and ref.get("id"):
            refs.setdefault(ref.get("href", "").rsplit("#", 1)[-1], ref.get("id"))
        _keep_with_word(ref)
    return parent


_LAST_WORD = re.compile(r"\S+$")
HAIR_SPACE = "\u200a"


def _keep_with_word(ref: etree._Element) -> None:
    """Keep a note reference on the line of the word it follows (WeasyPrint may break
    between a text and the inline element after it): both in a ``span.nobr``. A hair space
    (U+200A) parts a call from a word it touches: without it the PDF's text reads "man1"
    (pypdf, pdftotext), and the word is lost to search and to ``enface check``."""
    parent = ref.getparent()
    previous = ref.getprevious()
    text = previous.tail if previous is not None else parent.text
    match = _LAST_WORD.search(text or "")
    if match is None:
        return
    rest = text[: match.start()]
    if previous is not None:
        previous.tail = rest
    else:
        parent.text = rest
    tail, ref.tail = ref.tail, None
    word = match.group(0)
    wrapper = _e("span", {"class": "nobr"}, text=word + HAIR_SPACE if word[-1].isalnum() else word)
    ref.addprevious(wrapper)
    wrapper.append(ref)
    wrapper.tail = tail


_LAST_WORDS = re.compile(r"(?:(\S+)( ))?(\S*\w\S*)(\W*)$")  # [word ]word[ punctuation]
NBSP = "\u00a0"
SHORT_TAIL = 2  # a bead's last word of at most this many letters is bound to the word before


def _bind_last_word(p: etree._Element) -> None:
    """No 1-2 letter tail on a bead's last line: a last word of one or two letters is bound to
    the word before with a no-break space. (That the last line carries no end of a broken word
    is enforced after a layout: ``limit_hyphenation``.) No markup is added: in WeasyPrint 70 an
    inline element at the end of a paragraph can upset its line breaks."""
    sentences = [el for el in p.iter("span") if "s" in (el.get("class") or "").split()]
    target = sentences[-1] if sentences else p
    last = target[-1] if len(target) else None
    text = last.tail if last is not None else target.text
    match = _LAST_WORDS.search(text or "")
    if match is None or not match.group(1) or sum(c.isalpha() for c in match.group(3)) > SHORT_TAIL:
        return
    text = text[: match.start(2)] + NBSP + text[match.end(2) :]
    if last is not None:
        last.tail = text
    else:
        target.text = text


def _spans_runs(parent: etree._Element, runs) -> etree._Element:
    """A note's paragraph: its runs through the shared ``fragments.inline``."""
    fx.inline(parent, runs)
    for el in parent.iter():
        for name in [n for n in el.attrib if isinstance(el.tag, str) and n.startswith("{")]:
            del el.attrib[name]
    return parent


def _add_class(element: etree._Element, name: str) -> None:
    element.set("class", f"{element.get('class', '')} {name}".strip())


def _note_refs(sentences) -> list[str]:
    return [run.note for s in sentences for run in s.runs if run.note]


class _Parallel:
    """The rows of the parallel tables, unit by unit (one table per division, or one)."""

    def __init__(self, doc: Document, geo: Geometry, edition_dir: Path | None = None) -> None:
        self.doc = doc
        self.langs = doc.meta.langs
        self.primary = self.langs[0] if self.langs else doc.meta.lang
        self.keep_chars = KEEP_LINES * geo.chars_per_line
        self.label = word(doc.meta.lang, "paragraph")
        self.edition_dir = edition_dir
        self.line = 0  # verse lines of the primary language counted in the current division
        self.ref_ids: dict[str, str] = {}  # note id -> id of its reference in the text
        referenced = {note for unit in doc.units for b in unit.beads for ss in b.values() for note in _note_refs(ss)}
        self.unreferenced = [note for note in doc.notes if note not in referenced]

    # -- tables

    def table(self, units: list[UnitView], division: DivisionView | None = None, last: bool = False):
        meta = self.doc.meta
        # the columns follow the reading direction of the primary language: right to left,
        # the first column (the primary language's) on the right
        rtl = "rtl" if direction(self.primary) == "rtl" else None
        table = _e("table", {"class": "parallel divided" if division is not None else "parallel", "dir": rtl})
        colgroup = _e("colgroup", {}, _e("col", {"class": "num"}))
        for _lang in self.langs:
            colgroup.append(_e("col", {"class": "v"}))
        table.append(colgroup)
        head = _e("tr", {}, _e("th", {"class": "num"}))
        for lang in self.langs:
            head.append(_e("th", {"class": "v", "lang": lang, "scope": "col"}, text=meta.labels.get(lang, lang)))
        table.append(_e("thead", {}, head))
        self.line = 0
        self.refs: dict[str, list[str]] = {lang: [] for lang in self.langs}
        body = None  # the row group prose rows go to
        previous = None  # the kind of the unit before
        for index, unit in enumerate(units):
            kind = unit.kind
            if kind == "head":
                rows = [self.heading_row(unit, division is not None and index == 0)]
            elif kind == "figure":
                rows = [self.figure_row(unit)]
            elif kind == "verse":
                rows = self.verse_rows(unit)
            else:
                rows = self.bead_rows(unit, quote=kind == "quote")
            # a rule between units, not after a heading, before a subheading or between stanzas
            if previous == "head" or kind == "head" or (previous == "verse" and kind == "verse"):
                _add_class(rows[0], "norule")
            elif previous is not None and (kind == "verse" or previous == "verse"):
                _add_class(rows[0], "rule")  # opens a new row group
            if kind == "verse":  # a stanza is a row group, kept on one page when short
                short = len(rows) <= KEEP_STANZA
                body = None
                table.append(_e("tbody", {"class": "stanza keep" if short else "stanza"}, *rows))
            else:
                if body is None:
                    body = _e("tbody")
                    table.append(body)
                for row in rows:
                    body.append(row)
            previous = kind
        notes = self.notes_rows(last)
        if notes:
            table.append(_e("tbody", {"class": "endnotes"}, *notes))
        return table

    # -- rows

    def _num(self, unit: UnitView) -> etree._Element:
        return _e("td", {"class": "num", "data-label": f"{self.label} {unit.n}"}, text=str(unit.n))

    def _cell(self, lang: str, sentences: tuple[Sentence, ...], para_of: dict[str, str], opened: set[str], quote=False):
        """One language's part of one bead: its sentences, in paragraphs (a bead may end one
        paragraph and start the next). The first piece of a paragraph carries the paragraph id."""
        cell = _e("td", {"class": "v", "lang": lang})
        for para_id, run in itertools.groupby(sentences, key=lambda sentence: para_of[sentence.id]):
            first = para_id not in opened
            opened.add(para_id)
            p = _e("p", {"class": "text" if first else "text cont", "id": para_id if first else None})
            run = tuple(run)
            cell.append(_e("blockquote", {}, _spans(p, run, self.ref_ids)) if quote else _spans(p, run, self.ref_ids))
            self.refs[lang] += _note_refs(run)
        paragraphs = list(cell.iter("p"))
        if paragraphs:
            _bind_last_word(paragraphs[-1])
        return cell

    def bead_rows(self, unit: UnitView, quote: bool = False) -> list[etree._Element]:
        langs = self.langs
        para_of = {s.id: para.id for lang in langs for para in unit.paragraphs.get(lang, ()) for s in para.sentences}
        opened: set[str] = set()
        rows = []
        for index, bead in enumerate(_beads(unit, langs)):
            longest = max((sum(len(s.text) + 1 for s in bead.get(lang, ())) for lang in langs), default=0)
            classes = ["bead"]
            if index == 0:
                classes.append("unit-start")
            if longest <= self.keep_chars:
                classes.append("keep")
            if quote:
                classes.append("quote")
            row = _e("tr", {"class": " ".join(classes), "id": f"u{unit.n}" if index == 0 else None})
            row.append(self._num(unit) if index == 0 else _e("td", {"class": "num"}))
            for lang in langs:
                row.append(self._cell(lang, bead.get(lang, ()), para_of, opened, quote))
            rows.append(row)
        return rows

    def heading_row(self, unit: UnitView, division_title: bool) -> etree._Element:
        """A heading in every language, level: the division's own (``h2``) or a subheading."""
        row = _e("tr", {"class": "heading unit-start", "id": f"u{unit.n}"}, _e("td", {"class": "num"}))
        for lang in self.langs:
            cell = _e("td", {"class": "v", "lang": lang})
            for para in unit.paragraphs.get(lang, ()):
                if division_title:
                    tag, cls = "h2", "division-title"
                else:
                    tag, cls = f"h{min(max(para.level, 1) + 2, 4)}", "subhead"
                if lang == self.primary:
                    cls += " primary"
                cell.append(_spans(_e(tag, {"class": cls, "id": para.id}), para.sentences, self.ref_ids))
                self.refs[lang] += _note_refs(para.sentences)
            row.append(cell)
        return row

    def figure_row(self, unit: UnitView) -> etree._Element:
        """Each language's figure: the image and its caption."""
        row = _e("tr", {"class": "figure unit-start keep", "id": f"u{unit.n}"}, self._num(unit))
        for lang in self.langs:
            cell = _e("td", {"class": "v", "lang": lang})
            for para in unit.paragraphs.get(lang, ()):
                figure = _e("figure", {"id": para.id})
                if para.src:
                    src = (self.edition_dir / para.src).resolve().as_uri() if self.edition_dir else para.src
                    figure.append(_e("img", {"src": src, "alt": para.text or Path(para.src).name}))
                if para.sentences:
                    figure.append(_spans(_e("figcaption"), para.sentences, self.ref_ids))
                    self.refs[lang] += _note_refs(para.sentences)
                cell.append(figure)
            row.append(cell)
        return row

    def verse_rows(self, unit: UnitView) -> list[etree._Element]:
        """A stanza: a row per bead (a line, in the usual 1-1 bead), a block per line; the
        margin numbers every fifth line of the primary language, one slot per line so the
        number stands level with its line."""
        langs = self.langs
        para_of = {s.id: para.id for lang in langs for para in unit.paragraphs.get(lang, ()) for s in para.sentences}
        opened: set[str] = set()
        beads = _beads(unit, langs)
        rows = []
        for index, bead in enumerate(beads):
            classes = ["bead", "verse"] + (["unit-start"] if index == 0 else [])
            row = _e("tr", {"class": " ".join(classes), "id": f"u{unit.n}" if index == 0 else None})
            num = _e("td", {"class": "num ln", "data-label": f"{self.label} {unit.n}" if index == 0 else None})
            for line in bead.get(self.primary, ()):  # a slot per line, level with it; speakers not counted
                self.line += 0 if line.all_bold else 1
                numbered = not line.all_bold and self.line % 5 == 0
                num.append(_e("p", {"class": "ln"}, text=str(self.line) if numbered else None))
            row.append(num)
            for lang in langs:
                cell = _e("td", {"class": "v", "lang": lang})
                for line in bead.get(lang, ()):
                    para_id = para_of[line.id]
                    first = para_id not in opened
                    opened.add(para_id)
                    classes = "l speaker" if line.all_bold else "l"  # a speaker's name: no line number
                    cell.append(
                        _spans(_e("p", {"class": classes, "id": para_id if first else None}), (line,), self.ref_ids)
                    )
                    self.refs[lang] += _note_refs((line,))
                row.append(cell)
            rows.append(row)
        return rows

    def notes_rows(self, last: bool) -> list[etree._Element]:
        """The division's notes, as endnotes closing its table: a row per note number, each
        language's note under its column (the versions' notes translate each other).

        Why not WeasyPrint's ``float: footnote`` at the foot of the page: measured with
        WeasyPrint 70 on this table and stylesheet (the Lighthouse text repeated, a footnote
        in every cell of every bead row, 243 notes on 16 pages), footnotes inside table cells
        do work: all 243 printed once, 242 on their call's page, one carried to the next page
        when the footnote area was full. But the footnote area is one block as wide as the
        page, and a footnote can only be ``display: block`` or ``inline`` there (no
        inline-block), so the three versions' notes stack in one list in call order (en 1,
        fr 1, de 1, en 2…), never side by side under their columns; offsetting each language
        by its column gives a staircase that costs a line per note per language. Endnotes in
        the table stand under their columns, level with their translations, keep the
        sources' numbers, and link to and from their calls.
        """
        notes = {lang: list(dict.fromkeys(self.refs[lang])) for lang in self.langs}
        if last:  # notes no sentence calls still belong in the book
            for ident in self.unreferenced:
                note = self.doc.notes[ident]
                if note.lang in notes:
                    notes[note.lang].append(ident)
        depth = max((len(v) for v in notes.values()), default=0)
        if not depth:
            return []
        lang = self.doc.meta.lang
        title = _e("tr", {"class": "notes-title"}, _e("td", {"class": "num"}))
        for index, column in enumerate(self.langs):
            cell = _e("td", {"class": "v", "lang": column})
            if index == 0:
                cell.append(
                    _e(
                        "p",
                        {"class": "notes-title", "lang": lang if lang != column else None},
                        text=word(lang, "notes"),
                    )
                )
            title.append(cell)
        rows = [title]
        for k in range(depth):
            row = _e("tr", {"class": "note keep"}, _e("td", {"class": "num"}))
            for column in self.langs:
                cell = _e("td", {"class": "v", "lang": column})
                if k < len(notes[column]):
                    note = self.doc.notes[notes[column][k]]
                    for i, runs in enumerate(note.paragraphs or ((),)):
                        p = _e("p", {"class": "note", "id": note.id if i == 0 else None})
                        if i == 0:
                            back = self.ref_ids.get(note.id)
                            p.append(
                                _e("a", {"class": "note-n", "href": f"#{back}" if back else None}, text=str(note.n))
                            )
                            p[-1].tail = " "
                        cell.append(_spans_runs(p, runs))
                row.append(cell)
            rows.append(row)
        return rows


def parallel_table(doc: Document, geo: Geometry, edition_dir: Path | None = None) -> etree._Element:
    """The whole parallel text as one table (a book without divisions)."""
    return _Parallel(doc, geo, edition_dir).table(list(doc.units), last=True)


def _division_title(division: DivisionView, primary: str) -> str:
    return division.heads.get(primary) or next((h for h in division.heads.values() if h), "")


def _division_id(division: DivisionView) -> str:
    return f"division-{division.n}"


def parallel_sections(doc: Document, geo: Geometry, edition_dir: Path | None = None) -> list[etree._Element]:
    """The parallel text: one section (a table) per top-level division, each opening on a
    recto with its heading; units outside any division stay together in a section of their own."""
    lang = doc.meta.lang
    builder = _Parallel(doc, geo, edition_dir)
    primary = builder.primary
    divisions = {d.n: d for d in doc.divisions}
    groups = [(n, list(units)) for n, units in itertools.groupby(doc.units, key=lambda u: u.division)]
    sections = []
    for index, (n, units) in enumerate(groups):
        last = index == len(groups) - 1
        division = divisions.get(n)
        if division is None:
            section = _e("section", {"class": "parallel-part", "data-running": word(lang, "parallel")})
            section.append(builder.table(units, last=last))
        else:
            running = _division_title(division, primary) or word(lang, "parallel")
            section = _e("section", {"class": "division", "data-running": running})
            section.append(builder.table(units, division, last=last))
        section.set("id", "parallel" if index == 0 else (_division_id(division) if division else f"part-{index}"))
        sections.append(section)
    return sections


def division_anchor(doc: Document, division: DivisionView) -> str:
    """The id the contents links a division to: its section (the first is the parallel text's)."""
    first = doc.units[0].division if doc.units else 0
    return "parallel" if division.n == first else _division_id(division)


# --- the book ----------------------------------------------------------------------


def _first_words(text: str, limit: int = 48) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:—–-  ")  # noqa: B005 - a set of characters
    return cut + "…"


def _toc_divisions(doc: Document, ul: etree._Element, primary: str) -> None:
    """One entry per division: its heading in the primary language with the page, the other
    languages' headings under it."""
    for division in doc.divisions:
        if not division.units:
            continue
        title = division.heads.get(primary) or ""
        title_lang = primary
        if not title:
            title_lang, title = next(((lg, h) for lg, h in division.heads.items() if h), (primary, ""))
        entry = _e("li", {"class": "chapter"})
        entry.append(_e("a", {"href": f"#{division_anchor(doc, division)}", "lang": title_lang}, text=title))
        others = [(lg, division.heads.get(lg, "")) for lg in doc.meta.langs if lg != title_lang]
        others = [(lg, h) for lg, h in others if h]
        if others:
            line = _e("p", {"class": "others"})
            for i, (lg, heading) in enumerate(others):
                line.append(_e("span", {"lang": lg}, text=heading))
                if i < len(others) - 1:
                    line[-1].tail = " · "
            entry.append(line)
        ul.append(entry)


def _toc(doc: Document, options: PrintOptions) -> etree._Element:
    meta = doc.meta
    lang = meta.lang
    ul = _e("ul")
    primary = meta.langs[0] if meta.langs else lang
    if doc.divisions:
        _toc_divisions(doc, ul, primary)
    else:
        ul.append(_e("li", {"class": "part"}, _e("a", {"href": "#parallel"}, text=word(lang, "parallel"))))
    for unit in () if doc.divisions else doc.units:
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


MAX_PASSES = 4  # layouts of the rows a hyphenation limit was enforced in, at most


def limit_hyphenation(
    sections: list[etree._Element], head: etree._Element, render, root_attrs: dict[str, str], kept: Kept
) -> list[list[Break]]:
    """Enforce on the parallel tables of ``sections`` what WeasyPrint cannot: no more than two
    hyphenated line ends in a row, no broken word before a bead's last line
    (``hyphenation.breaks_to_forbid``). The tables are laid out once with ``render`` (HTML,
    words kept whole → WeasyPrint document), the words at fault kept whole (into ``kept``),
    then only the rows changed and their neighbours laid out again, until nothing is at fault
    (at most :data:`MAX_PASSES` times). Returns the breaks forbidden, pass by pass: what
    :func:`replay_hyphenation` needs to do the same to another copy of ``sections``."""
    rows = [
        element
        for section in sections
        for element in section.iter("tr", "p")
        if (element.tag == "tr" and element.getparent().tag != "thead")
        or (element.tag == "p" and element.getparent().get("class") == "appendix-text")
    ]
    for number, row in enumerate(rows):
        row.set(ROW_KEY, str(number))
    passes: list[list[Break]] = []
    try:
        chosen = set(range(len(rows)))
        for _pass in range(MAX_PASSES):
            lines = cell_lines(render(_rows_html(head, sections, rows, chosen, root_attrs), kept))
            breaks = breaks_to_forbid(lines)
            done = forbid_breaks(sections, breaks, kept)
            if not done:
                break
            passes.append(breaks)
            # the rows changed: those of a word kept whole (in every row of its language), their neighbours
            words = [(item.word.lower(), item.row) for item in done]
            changed = {item.row for item in done} | {
                n for n, row in enumerate(rows) for word, _row in words if word in "".join(row.itertext()).lower()
            }
            chosen = {n for row in changed for n in (row - 1, row, row + 1) if 0 <= n < len(rows)}
        return passes
    finally:
        for row in rows:
            row.attrib.pop(ROW_KEY, None)


def _limit_by_section(
    sections: list[etree._Element], head: etree._Element, root_attrs: dict[str, str], probe: Prober
) -> dict[str, Kept]:
    """The hyphenation limits enforced on each section alone (a probe each: a chapter opens a
    recto, so its lines do not depend on the others'), the breaks replayed here in order. Returns
    the words each section keeps whole, by section id."""
    documents = []
    for section in sections:
        root = _e("html", root_attrs, copy.deepcopy(head), _e("body", {}, copy.deepcopy(section)))
        documents.append(Probe(HYPHENS, "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html")))
    out: dict[str, Kept] = {}
    for section, result in zip(sections, probe(documents), strict=True):
        kept: Kept = {}
        replay_hyphenation([section], probes.passes(result), kept)
        out[section.get("id") or ""] = kept
    return out


def replay_hyphenation(sections: list[etree._Element], passes: list[list[Break]], kept: Kept) -> int:
    """Do to ``sections`` what :func:`limit_hyphenation` did to a copy of them (in a worker, or
    taken from the cache): the same breaks forbidden in the same order. Returns the words kept
    whole."""
    return sum(len(forbid_breaks(sections, breaks, kept)) for breaks in passes)


def _rows_html(head: etree._Element, sections, rows, chosen: set[int], root_attrs: dict[str, str]) -> str:
    """A measuring document: the chosen rows of the parallel tables, in order, each table with
    its columns and header (a cell's lines depend only on its width and its text)."""
    body = _e("body")
    for section in sections:
        for text in section.iter("div"):
            if text.get("class") != "appendix-text":
                continue
            mine = [p for p in text if p.get(ROW_KEY) and int(p.get(ROW_KEY)) in chosen]
            if mine:
                block = _e("div", dict(text.attrib), *(copy.deepcopy(p) for p in mine))
                body.append(_e("section", dict(section.attrib), block))
        for table in section.iter("table"):
            mine = [row for row in table.iter("tr") if row.get(ROW_KEY) and int(row.get(ROW_KEY)) in chosen]
            if not mine:
                continue
            measured = _e("table", dict(table.attrib))
            for child in table:
                if child.tag in ("colgroup", "thead"):
                    measured.append(copy.deepcopy(child))
            group = _e("tbody")
            for row in mine:
                group.append(copy.deepcopy(row))
            measured.append(group)
            body.append(measured)
    root = _e("html", root_attrs, copy.deepcopy(head), body)
    return "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html")


def print_html(
    doc: Document,
    when: dt.datetime,
    options: PrintOptions | None = None,
    extra_css: Path | None = None,
    edition_dir: Path | None = None,
    fonts: FontPlan | None = None,
    probe: Prober | None = None,
    messages: list[str] | None = None,
    kept: dict[str, Kept] | None = None,
) -> str:
    """The complete print document as an HTML string (what WeasyPrint renders); figures'
    images are files of ``edition_dir``; ``fonts``: the book's font plan (made here when not given).

    Facing pages (``options.facing``) measure the beads first, and the hyphenation limits are
    enforced on the parallel tables and appendices, by measuring layouts (``probes``), a
    division at a time, run by ``probe`` (the writer's: in workers, cached; when not given, in
    this process, and the columns layout's hyphenation limits are not enforced). The
    pagination's messages go to ``messages``; the words kept whole by each section's limits
    (by section id) to ``kept``: the layouts of the book are to be given them
    (``hyphenation.repaired_dictionaries``; any section's, as one document would have them)."""
    options, choice = resolve(options or PrintOptions(), doc.meta.langs)
    meta = doc.meta
    fonts = fonts or font_plan(doc)
    lang = meta.lang
    classes = ("ragged" if choice.ragged else "justified", *choice.narrowness)
    root_attrs = {"lang": lang, "class": " ".join(classes)}
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
    script_css = print_css(fonts, meta.lang, meta.langs)
    if script_css:  # fonts of other scripts, right-to-left text (pdf/fonts.py)
        head.append(_e("style", text=script_css))
    if extra_css is not None:  # the edition's own print stylesheet comes last and wins
        head.append(_e("link", {"rel": "stylesheet", "href": extra_css.resolve().as_uri()}))
    if meta.credits:  # one author entry: the Info /Author and the XMP dc:creator say the same
        content = ", ".join(f"{name} ({role})" for role, name in meta.credits)
        head.append(_e("meta", {"name": "author", "content": content}))

    body = _e("body")
    title = meta.title()
    body.append(
        _e(
            "section",
            {"class": "half-title", "id": "half-title", "data-running": title},
            _e("p", {"class": "half-title-text"}, text=title),
        )
    )

    titlepage = _e("section", {"class": "titlepage", "id": "title-page"}, *(fx.plain(b) for b in fx.title_block(meta)))
    foot = _e("div", {"class": "imprint"})
    if meta.publisher:
        foot.append(_e("p", {"class": "publisher"}, text=meta.publisher))
    foot.append(_e("p", {"class": "year"}, text=meta.date[:4]))
    titlepage.append(foot)
    body.append(titlepage)

    colophon = _e("section", {"class": "colophon", "id": "colophon"}, _e("h2", text=word(lang, "colophon")))
    for el in fx.colophon(meta, credits("pdf", fonts.families)):
        colophon.append(fx.plain(el))
    body.append(colophon)

    body.append(_toc(doc, options))

    enforce = probe is not None or options.facing  # as before: the columns layout alone is not probed
    probe = probe or in_process()
    appendices = []
    for app in doc.appendices:
        running = app.titles.get(lang) or app.title or word(lang, "appendix")
        section = _e("section", {"class": "appendix", "id": app.id, "lang": app.lang, "data-running": running})
        for el in fx.appendix_heading(app, meta):
            section.append(fx.plain(el))
        section.append(fx.plain(fx.appendix_body(app)))
        appendices.append(section)
    appendices_kept: dict[str, Kept] = {}
    if options.facing:
        from . import facing

        head.append(_e("style", text=facing.facing_css(doc, geo)))
        # The appendices' limits first: a word they keep whole is kept in the whole book, so the
        # beads are measured with it (each bead's height is fixed on the page).
        appendices_kept = _limit_by_section(appendices, head, root_attrs, probe) if appendices else {}
        beads_kept: Kept = merged(*appendices_kept.values())
        pages, notes = facing.sections(
            doc,
            geometry(options, 1),
            head,
            probe,
            edition_dir,
            options.full_page,
            root_attrs["class"],
            beads_kept,
            justify=options.text_align == "justify",
        )
        if kept is not None and beads_kept:
            kept["parallel"] = beads_kept
        for section in pages:
            body.append(section)
        if messages is not None:
            messages += notes
    else:
        if doc.divisions:
            parts = parallel_sections(doc, geo, edition_dir)
        else:
            part = _e(
                "section",
                {"class": "parallel-part", "id": "parallel", "data-running": word(lang, "parallel")},
                _e("h1", text=word(lang, "parallel")),
            )
            part.append(parallel_table(doc, geo, edition_dir))
            parts = [part]
        for section in parts:
            body.append(section)

    for section in appendices:
        body.append(section)
    if enforce:  # the parallel tables (the columns layout's) and the appendices (facing: done)
        tables = [s for s in body if {"parallel-part", "division"} & set((s.get("class") or "").split())]
        found = appendices_kept if options.facing else _limit_by_section(tables + appendices, head, root_attrs, probe)
        if kept is not None:
            kept.update(found)

    if options.notes_pages:
        body.append(_notes(doc, options, geo))

    root = _e("html", root_attrs, head, body)
    fx.left_to_right_in_rtl(root)
    return "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html")
