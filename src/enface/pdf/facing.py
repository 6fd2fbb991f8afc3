"""Facing pages: two to four languages across a spread, every bead level on both pages.

The columns layout (a table row per bead) keeps the languages in step by construction;
two pages cannot share a table row, so here the book is paginated in Python:

1. every bead's content in each language is made by the columns layout's own row builders
   (``layout._Parallel``: same markup, ids, note calls), one block per language;
2. WeasyPrint lays each language's blocks out once, one after another in one column as wide
   as that language's column on its page (``measure_html``); each block's height and lines
   are read off the box tree. A layout per division (``measure_parts``): a division starts a
   spread, so its beads' heights and pagination do not depend on the others'; the layouts are
   ``probes``, run in the layout workers and cached by the division's own HTML;
3. spread by spread (``paginate``), a spread takes the beads that fit on both pages: the
   height of a bead is the tallest of its versions;
4. the HTML has one ``section`` per page, a fixed-height block with a forced page break, and
   in it each bead a block of that common height in every language (on a page of two
   columns, a row of two such blocks side by side), so every bead starts at the same height
   in every language of the spread. A division (chapter) starts on a new spread (a verso).

What goes where (``arrangement``): two languages, one on each page; three, one language
across the verso (``full_page``, default the first) and the other two in two columns on the
recto; four, two columns on each page, in the edition's order.

A bead taller than a page is cut (``beadsplit``): each language's block where a sentence
ends, else where a line ends, so that every piece fits the room left on the spread; the rest
continues at the top of the next spread, level again in every language. Folios are
consecutive (verso and recto each have their number); the running head of each page is the
book's title in its language (in both of a two-column page's). Each bead's first block has
the id ``bead-N-LANG`` (a PDF named destination), which the print check
(``enface.checks.layout``) reads to measure the drift between the languages; a continuation
has ``cont-N-K-LANG`` (K = 1, 2… for its pieces).
"""

from __future__ import annotations

import copy
import itertools
import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from ..errors import EnfaceError
from ..languages import word
from ..tei.read import Document
from . import beadsplit, probes
from .beadsplit import Line
from .choice import RAGGED_BELOW
from .hyphenation import Break, Kept, breaks_to_forbid, forbid_breaks, kept_in, merged
from .layout import _EM_PER_CHAR, MAX_PASSES, Geometry, _add_class, _e, _Parallel, replay_hyphenation
from .measure import PX_TO_PT, walk
from .options import FACING_LANGUAGES
from .probes import BEADS, KEPT_META, Probe, Prober

LANGUAGES = FACING_LANGUAGES  # the language counts a spread sets
MM_TO_PT = 72 / 25.4
HEAD_MM = 20.0  # the block above the first bead of the text: its title and the language
DIVISION_HEAD_MM = 7.0  # the language label above a division's first bead
BEAD_GAP_MM = 1.6  # space under every bead (inside its block)
SLACK_MM = 1.0  # the page block is this much shorter than the text area
LINE_NUMBER_MM = 7.0  # a verse line's number stands this far out, in the page's margin
GAP_MM = 4.0  # between the two columns of a page (a rule in the middle)
RULE_PT = 0.4
MIN_SPLIT_LINES = 5  # a bead too tall for a page starts on the current spread if this many lines fit
MIN_CHARS = 40  # a column is set smaller (down to MIN_PT) rather than hold fewer characters a line
MIN_PT = 7.5
COLUMN_EM_PER_CHAR = 0.5  # measured: German 0.497 em a character on full lines, French 0.46
NARROW_CHARS = 38  # fewer characters a line than this in a column even so: say so
# A broken word before a bead's last line is kept whole when its line's word spaces then stay
# no wider than this (em): the check's loose line (a space over 1 em); the estimate errs loose.
# On the bundled edition's facing pages 34 of 66 such words are kept whole, no line made loose.
LOOSE_EM = 1.0
RAGGED = "rag"  # class of a bead's block set ragged right (a narrow column on a justified book's spread)
RUNNING_SHARE = 0.55  # a two-title running head longer than this share of the line is shortened


@dataclass
class Bead:
    n: int
    blocks: dict[str, etree._Element]  # lang -> div.fbead content
    anchor: str | None = None  # the row id (u3) the contents links to
    piece: int = 0  # 0: the bead's start; 1, 2…: its continuations on the next spreads
    heights: dict[str, float] = field(default_factory=dict)  # lang -> pt
    lines: dict[str, list[Line]] = field(default_factory=dict)  # lang -> its laid-out lines

    @property
    def height(self) -> float:
        return max(self.heights.values(), default=0.0)

    def ident(self, lang: str) -> str:
        """The block's id: a PDF named destination the print check reads."""
        return f"bead-{self.n}-{lang}" if self.piece == 0 else f"cont-{self.n}-{self.piece}-{lang}"


@dataclass
class Part:
    """The beads of one section (the whole text, or a division)."""

    ident: str
    running: str
    beads: list[Bead]
    first: bool  # the first part: its head has the text's title


def arrangement(langs: tuple[str, ...], full_page: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The languages of the verso and of the recto, each page one language or two columns."""
    if not 2 <= len(langs) <= 4:
        raise EnfaceError(
            f"--layout facing sets two to four languages across a spread; this edition has {len(langs)} "
            f"({', '.join(langs)}): keep two to four translations, or use --layout columns"
        )
    if full_page is not None and full_page not in langs:
        raise EnfaceError(
            f"--full-page {full_page}: not a language of this edition ({', '.join(langs)})",
        )
    if len(langs) == 4:
        if full_page is not None:
            raise EnfaceError(
                f"--full-page {full_page}: four languages take two columns on each page; "
                "a full page is for two or three languages"
            )
        return langs[:2], langs[2:]
    full = full_page or langs[0]
    return (full,), tuple(lang for lang in langs if lang != full)


def column_mm(geo: Geometry) -> float:
    """Text width of one of a page's two columns."""
    return (geo.text_width - GAP_MM) / 2


def column_chars(geo: Geometry) -> float:
    """About how many characters a line of a column holds."""
    return column_mm(geo) * MM_TO_PT / (column_pt(geo) * COLUMN_EM_PER_CHAR)


def column_pt(geo: Geometry) -> float:
    """The text size of a page of two columns: the body size, or smaller (by 0.05 pt steps, not
    under ``MIN_PT``) so that a column holds ``MIN_CHARS`` characters a line, in German too
    (long words: measured on the lighthouse fixture's full lines, A5 columns of 54 mm at 8 pt,
    German 38.5 characters, French 41.5, English 42)."""
    fits = column_mm(geo) * MM_TO_PT / (MIN_CHARS * COLUMN_EM_PER_CHAR)
    return max(MIN_PT, min(geo.body_pt, int(fits * 20) / 20))


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
        verse_lines = dict.fromkeys(langs, 0)  # each side numbers its own lines, chapter by chapter
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
            if "notes-title" in classes:  # each page's notes headed in its own language
                for lang, block in blocks.items():
                    block[:] = [_e("p", {"class": "notes-title"}, text=word(lang, "notes"))]
            for block in blocks.values():
                for name in sorted(classes & {"unit-start", "heading", "verse", "quote", "note"}):
                    _add_class(block, name)
            if "verse" in classes:
                for lang, block in blocks.items():
                    for line in block.iter("p"):
                        classes = (line.get("class") or "").split()
                        if "l" in classes and "speaker" not in classes:  # a line spoken, not a name
                            verse_lines[lang] += 1
                            if verse_lines[lang] % 5 == 0:
                                line.set("data-ln", str(verse_lines[lang]))
            beads.append(Bead(count, blocks, row.get("id")))
        if division is not None:
            title = division.heads.get(langs[0]) or ""
            ident = "parallel" if index == 0 else f"division-{division.n}"
        else:
            title, ident = "", "parallel" if index == 0 else f"part-{index}"
        parts.append(Part(ident, title, beads, index == 0))
    return parts


Frame = dict[str, tuple[float, float]]  # lang -> its text width (mm) and size (pt)


def frame_of(geo: Geometry, pages: tuple[tuple[str, ...], ...]) -> Frame:
    """Each language's text width and size: the page's, or a column's."""
    return {
        lang: (geo.text_width, geo.body_pt) if len(page) == 1 else (column_mm(geo), column_pt(geo))
        for page in pages
        for lang in page
    }


def measure_html(
    head: etree._Element, beads: list[Bead], frame: Frame, root_class: str | None = None, kept: Kept | None = None
) -> str:
    """Each language's beads one after another, in one column at that language's width and size;
    ``root_class``: the print document's (``ragged`` or ``justified``), which its styles select on;
    ``kept``: the words to lay out kept whole, those of them in the beads named in the head
    (``probes.KEPT_META``: the probe reads them, its cache key has them)."""
    head = copy.deepcopy(head)
    widest = max(mm for mm, _pt in frame.values())
    head.append(
        _e(
            "style",
            # one rule a selector (WeasyPrint 70 drops a rule with a list of page selectors)
            text="".join(
                f"@page{s} {{ size: {widest + 2:g}mm 2000mm; margin: 0; }}\n" for s in ("", " :left", " :right")
            )
            + "div.fbead { break-inside: avoid; } div.fmeasure { break-before: page; }\n",
        )
    )
    body = _e("body")
    for lang, (mm, pt) in frame.items():
        column = _e("div", {"class": "fmeasure", "lang": lang, "style": f"width: {mm:.3f}mm; font-size: {pt:g}pt"})
        for index, bead in enumerate(beads):
            block = copy.deepcopy(bead.blocks[lang])
            block.set("id", f"m-{index}-{lang}")
            column.append(block)
        body.append(column)
    root = _e("html", {"lang": next(iter(frame)), "class": root_class}, head, body)
    text = "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html")
    frozen = kept_in(kept, text) if kept else ()
    if frozen:
        head.append(_e("meta", {"name": KEPT_META, "content": json.dumps(frozen, ensure_ascii=False)}))
        text = "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html")
    return text


def limit_beads(html: str, render) -> tuple[dict[str, tuple[float, list[Line]]], list[list[Break]], set[str]]:
    """The hyphenation limits of the columns layout (``hyphenation.breaks_to_forbid``) enforced
    on a ``measure_html`` document: no more than two hyphenated line ends in a row, and no broken
    word before a bead's last line where its line, justified, keeps word spaces under
    :data:`LOOSE_EM` without the word's head. Laid out with ``render`` (HTML, words kept whole →
    WeasyPrint document), the words at fault kept whole, and the blocks they change laid out
    again (``hyphenation.broken_keys``: only a block where a newly kept word was broken), until
    nothing is at fault (at most :data:`MAX_PASSES` times). Each block stands alone on a tall
    measuring page, so its height does not depend on the blocks laid out with it. Returns the
    heights and lines of every block as last laid out (``read_boxes``), the breaks forbidden,
    pass by pass (to be replayed on the beads: ``replay``), and the words broken at line ends."""
    from lxml import html as lxml_html

    from .hyphenation import broken_keys, words_of
    from .measure import block_lines

    kept = probes.kept_of(html)
    root = lxml_html.document_fromstring(html)
    document = render(html, kept)
    found = read_boxes(document)
    lines = _by_block(block_lines(document))
    passes: list[list[Break]] = []
    while len(passes) < MAX_PASSES:
        before = words_of(kept)
        breaks = breaks_to_forbid(_in_order(lines), loose_em=LOOSE_EM)
        done = forbid_breaks([root.find("body")], breaks, kept)
        if not done:
            break
        passes.append(breaks)
        newly = words_of(kept) - before
        again = {(item.lang, item.row) for item in done}
        again |= {key for key, block in lines.items() if broken_keys(block) & newly}
        document = render(_only(root, again), kept)
        found.update(read_boxes(document))
        lines.update(_by_block(block_lines(document)))
    return found, passes, broken_keys(_in_order(lines))


def _by_block(lines) -> dict[tuple[str, int], list]:
    """A measuring layout's lines by block: (language, bead index)."""
    out: dict[tuple[str, int], list] = {}
    for line in lines:
        out.setdefault((line.lang, line.row), []).append(line)
    return out


def _in_order(lines: dict[tuple[str, int], list]) -> list:
    return [line for key in sorted(lines) for line in lines[key]]


def _only(root: etree._Element, blocks: set[tuple[str, int]]) -> str:
    """The measuring document with only ``blocks`` (language, bead index) in its columns."""
    root = copy.deepcopy(root)
    wanted = {f"m-{index}-{lang}" for lang, index in blocks}
    for column in root.find("body").findall("div"):
        for block in list(column):
            if block.get("id") not in wanted:
                column.remove(block)
        if len(column) == 0:
            column.getparent().remove(column)
    return "<!DOCTYPE html>\n" + etree.tostring(root, encoding="unicode", method="html")


def read_boxes(document) -> dict[str, tuple[float, list[Line]]]:
    """Element id (``m-I-LANG``) → height of its border box in points and its lines. A block
    taller than the measuring page is in pieces on several pages: their heights are summed and
    the lines of each piece follow the pieces before it."""
    found: dict[str, tuple[float, list[Line]]] = {}
    for page in document.pages:
        for box in walk(page._page_box):
            element = getattr(box, "element", None)
            if element is None or getattr(box, "element_tag", None) != "div":
                continue
            ident = element.get("id") or ""
            if ident.startswith("m-") and hasattr(box, "border_height"):
                height, lines = found.get(ident, (0.0, []))
                before = lines[-1].letters if lines else 0
                more = [Line(height + x.bottom, before + x.letters) for x in beadsplit.lines_of(box)]
                found[ident] = (height + box.border_height() * PX_TO_PT, lines + more)
    return found


@dataclass(frozen=True)
class Measurer:
    """Lays beads out as the print document will: its head (styles), each language's width and
    size, the root's class; the layouts run by ``probe`` (``probes``: in workers, cached)."""

    head: etree._Element
    frame: Frame
    probe: Prober
    root_class: str | None = None
    kept: Kept = field(default_factory=dict)  # the words kept whole by the beads' hyphenation limits

    def __call__(self, beads: list[Bead]) -> None:
        measure(beads, self)

    def html(self, beads: list[Bead], kept: bool = True) -> str:
        return measure_html(self.head, beads, self.frame, self.root_class, self.kept if kept else None)


def _apply(beads: list[Bead], found: dict[str, tuple[float, list[Line]]], frame: Frame) -> None:
    for index, bead in enumerate(beads):
        for lang in frame:
            height, lines = found.get(f"m-{index}-{lang}", (0.0, []))
            bead.heights[lang] = height
            bead.lines[lang] = lines


def measure(beads: list[Bead], how: Measurer) -> None:
    """Lay the beads out (``limit_beads``: a WeasyPrint layout, more when a hyphenation limit is
    enforced, the breaks forbidden replayed on them) and set their heights and lines."""
    if beads:
        text = how.html(beads)
        (result,) = how.probe([Probe(BEADS, text)])
        _apply(beads, probes.boxes(result), how.frame)
        mine = probes.kept_of(text)
        if replay_hyphenation(_blocks(beads), probes.passes(result), mine):
            how.kept.update(merged(how.kept, mine))


ROUNDS = 3  # batches of division layouts, at most, until each was measured with the words the book keeps whole


def measure_parts(parts: list[Part], how: Measurer) -> None:
    """Each part's beads measured by a layout of their own (a division starts a spread: its
    beads' heights do not depend on the others'), all parts in one batch of probes; the
    hyphenation limits enforced in each (``limit_beads``), the breaks forbidden replayed on its
    beads and the words kept whole added to ``how.kept``. A word kept whole holds for the whole
    book (as in its layout), so a part where another part's kept word was broken at a line end
    is measured again (elsewhere its layout cannot change: ``hyphenation.broken_keys``)."""
    laid = [part for part in parts if part.beads]
    todo = laid
    measured: dict[int, tuple] = {}  # id(part) -> the words kept whole it was measured with
    broken: dict[int, set[str]] = {}  # id(part) -> the words broken at its line ends
    for _round in range(ROUNDS):
        if not todo:
            break
        sent = [how.html(part.beads) for part in todo]
        results = how.probe([Probe(BEADS, text) for text in sent])
        for part, text, result in zip(todo, sent, results, strict=True):
            _apply(part.beads, probes.boxes(result), how.frame)
            mine = probes.kept_of(text)
            replay_hyphenation(_blocks(part.beads), probes.passes(result), mine)
            measured[id(part)] = kept_in(mine, how.html(part.beads, kept=False))
            broken[id(part)] = probes.broken(result)
            how.kept.update(merged(how.kept, mine))
        if not how.kept:
            break
        todo = [
            p for p in laid if _newly_broken(how.kept, measured[id(p)], broken[id(p)], how.html(p.beads, kept=False))
        ]


def _newly_broken(kept: Kept, measured_with: tuple, broken: set[str], html: str) -> bool:
    """Whether a part measured with the words ``measured_with`` kept whole breaks a word the
    book now keeps whole and it did not."""
    before = {word for _path, words in measured_with for word in words}
    now = {word for _path, words in kept_in(kept, html) for word in words}
    return bool((now - before) & broken)


def _blocks(beads: list[Bead]) -> list[etree._Element]:
    """The beads' blocks, every language: what a replay of the forbidden breaks edits."""
    return [block for bead in beads for block in bead.blocks.values()]


Splitter = Callable[[Bead, float], tuple[Bead, Bead] | None]


def splitter(measurer: Measurer) -> Splitter:
    """Cut a bead so that its first piece fits in ``room`` points (``beadsplit``); each piece
    measured. None when a version cannot be cut (a figure, a single line taller than the room)."""
    pad = BEAD_GAP_MM * MM_TO_PT + 0.5

    def split(bead: Bead, room: float) -> tuple[Bead, Bead] | None:
        target = room
        for _attempt in range(4):
            heads, tails = {}, {}
            for lang, block in bead.blocks.items():
                if bead.heights.get(lang, 0.0) <= target:
                    heads[lang], tails[lang] = block, _e("div", dict(block.attrib))
                    continue
                where = beadsplit.choose(block, bead.lines.get(lang, []), target, pad)
                if where is None or not beadsplit.splittable(block):
                    return None
                heads[lang], tails[lang] = beadsplit.cut(block, where)
            for block in tails.values():
                classes = [c for c in (block.get("class") or "").split() if c != "unit-start"]
                block.set("class", " ".join(classes))
            first = Bead(bead.n, heads, bead.anchor, bead.piece)
            rest = Bead(bead.n, tails, None, bead.piece + 1)
            measurer([first, rest])
            if first.height <= room + 0.01:
                return first, rest
            target -= first.height - room + 1.0  # a justified line came out differently: one line less
        return None

    return split


def paginate(
    parts: list[Part], geo: Geometry, split: Splitter | None = None
) -> tuple[list[tuple[Part, list[list[Bead]]]], list[str]]:
    """Spreads, part by part: each spread the beads that fit on both pages; a bead taller than
    a page cut (``split``) and continued at the top of the next spread."""
    page = (geo.text_height - SLACK_MM) * MM_TO_PT
    min_room = MIN_SPLIT_LINES * geo.body_pt * 1.3
    messages = []
    out = []
    for part in parts:
        spreads: list[list[Bead]] = [[]]
        room = page - (HEAD_MM if part.first else DIVISION_HEAD_MM) * MM_TO_PT
        queue = deque(part.beads)
        while queue:
            bead = queue.popleft()
            if bead.height > room and spreads[-1] and (bead.height <= page or room < min_room):
                spreads.append([])
                room = page
            if bead.height > room:
                pieces = split(bead, room) if split is not None else None
                if pieces is not None:
                    spreads[-1].append(pieces[0])
                    spreads.append([])
                    room = page
                    queue.appendleft(pieces[1])
                    continue
                messages.append(
                    f"facing pages: sentence group {bead.n} is {bead.height / MM_TO_PT:.0f} mm tall, more than a "
                    f"page ({room / MM_TO_PT:.0f} mm), and cannot be cut: it runs past the foot of its spread"
                )
            spreads[-1].append(bead)
            room -= bead.height
        out.append((part, spreads))
    return out, messages


def facing_css(doc: Document, geo: Geometry) -> str:
    column = column_mm(geo)
    rule_mm = RULE_PT / MM_TO_PT
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
section.fpage p.flang.c1 {{ float: left; width: {column:.3f}mm; }}
section.fpage p.flang.c2 {{ float: right; width: {column:.3f}mm; }}
section.fpage div.frow {{ clear: both; }}
section.fpage div.fbead.c1 {{ float: left; width: {column:.3f}mm; }}
section.fpage div.fbead.c2 {{ float: right; width: {column + GAP_MM / 2:.3f}mm; padding-left: {GAP_MM / 2 - rule_mm:.3f}mm;
  border-left: {RULE_PT:g}pt solid #999; }}
div.fbead {{ box-sizing: border-box; padding: 0.1pt 0 {BEAD_GAP_MM:g}mm; text-align: justify; text-align-last: left;
  hyphens: auto; hyphenate-limit-chars: 6 3 3; }}
div.fbead.unit-start {{ padding-top: 1.2mm; }}
div.fbead p.fcut {{ text-align-last: justify; }}
html.ragged div.fbead p.fcut {{ text-align-last: left; }}
div.fbead.{RAGGED} {{ text-align: left; hyphenate-limit-zone: 18%; }}
div.fbead.{RAGGED} p.fcut {{ text-align-last: left; }}
section.fpage.cols div.frow {{ font-size: {column_pt(geo):g}pt; }}
div.fbead.heading {{ hyphens: manual; text-align: left; }}
div.fbead.heading h2, div.fbead.heading h3, div.fbead.heading h4 {{ margin: 0; bookmark-level: none; }}
div.fbead.heading h2.division-title.primary {{ bookmark-level: 1; bookmark-label: content(text); }}
div.fbead p.l {{ text-align: left; hyphens: manual; padding-left: 1.2em; text-indent: -1.2em; }}
div.fbead p.l[data-ln] {{ position: relative; }}
div.fbead p.l[data-ln]::before {{ content: attr(data-ln); position: absolute; top: 0; left: -{LINE_NUMBER_MM:g}mm;
  width: {LINE_NUMBER_MM - 2:g}mm; text-indent: 0; text-align: right; font-size: 0.8em; font-style: italic; }}
div.fbead.c2 p.l[data-ln]::before {{ left: auto; right: -{LINE_NUMBER_MM:g}mm; text-align: left; }}
div.fbead p.note {{ font-size: 0.86em; text-align: left; padding-left: 1.2em; text-indent: -1.2em; }}
div.fbead blockquote {{ margin: 0 0 0 4mm; font-size: 0.94em; }}
div.fbead figure {{ margin: 0; }}
div.fbead figure img {{ display: block; max-width: 100%; height: auto; }}
"""


def _anchor(block: etree._Element, ident: str) -> None:
    """The contents' link target (``u3``) as an empty span at the start of the bead's first block,
    or an empty box of its own where that block is empty (a unit whose first bead holds only
    what another version adds): without a box the contents had no page for it ("000")."""
    first = next((c for c in block if isinstance(c.tag, str)), None)
    if first is None:
        block.insert(0, _e("div", {"id": ident}))
        return
    span = _e("span", {"id": ident})
    span.tail, first.text = first.text, None
    first.insert(0, span)


def running(doc: Document, langs: tuple[str, ...], geo: Geometry) -> str:
    """The running head of a page: the title in its language, or in both of its columns'
    (each shortened to before its colon when the two together would crowd the folio)."""
    titles = [doc.meta.title(lang) for lang in langs]
    room = geo.text_width * MM_TO_PT / (8.5 * _EM_PER_CHAR) * RUNNING_SHARE
    if len(titles) > 1 and len(" · ".join(titles)) > room:
        titles = [t.split(":")[0].strip() or t for t in titles]
    return " · ".join(titles)


def sections(
    doc: Document,
    geo: Geometry,
    head: etree._Element,
    probe: Prober,
    edition_dir=None,
    full_page: str | None = None,
    root_class: str | None = None,
    kept: Kept | None = None,
    justify: bool = False,
) -> tuple[list[etree._Element], list[str]]:
    """The facing pages: a ``section`` per page; and the messages of the pagination. The beads
    are measured by ``probe`` (``probes``), a layout per division.
    ``full_page``: the language alone on the verso (``arrangement``); ``root_class``: the print
    document's root class (its styles select on it: measured as laid out); ``kept``: the words
    the beads' hyphenation limits keep whole go there (the book's layout is to be given them);
    ``justify``: justification asked (``--text-align justify``), else two columns on a page
    under :data:`choice.RAGGED_BELOW` characters a line are set ragged right (:data:`RAGGED`)."""
    langs = doc.meta.langs
    pages = arrangement(langs, full_page)
    frame = frame_of(geo, pages)
    messages = []
    if any(len(page) > 1 for page in pages):
        chars = column_chars(geo)
        if chars < NARROW_CHARS:
            messages.append(
                f"facing pages: two columns on a page leave {column_mm(geo):.0f} mm each (about {chars:.0f} "
                "characters a line): choose a larger --page-size"
            )
    parts = beads_of(doc, geo, edition_dir)
    columns = [lang for page in pages if len(page) > 1 for lang in page]
    if columns and not justify and column_chars(geo) < RAGGED_BELOW:
        for part in parts:
            for bead in part.beads:
                for column_lang in columns:
                    _add_class(bead.blocks[column_lang], RAGGED)  # measured as laid out: the class is on the block
    measurer = Measurer(head, frame, probe, root_class, {} if kept is None else kept)
    measure_parts(parts, measurer)
    plan, notes = paginate(parts, geo, splitter(measurer))
    messages += notes
    lang = doc.meta.lang
    out = []
    page_no = 0
    for part, spreads in plan:
        for s_index, spread in enumerate(spreads):
            for side, page_langs in enumerate(pages):
                page_no += 1
                single = len(page_langs) == 1
                classes = "fpage opening" if s_index == 0 and side == 0 else "fpage"
                ident = part.ident if s_index == 0 and side == 0 else f"fpage-{page_no}"
                section = _e(
                    "section",
                    {
                        "class": classes if single else f"{classes} cols",
                        "id": ident,
                        "lang": page_langs[0] if single else None,
                        "data-running": running(doc, page_langs, geo),
                    },
                )
                if s_index == 0:
                    fhead = _e("div", {"class": "fhead" if part.first else "fhead division"})
                    if part.first and side == 0:
                        h1_lang = lang if not single or lang != page_langs[0] else None
                        fhead.append(_e("h1", {"lang": h1_lang}, text=word(lang, "parallel")))
                    elif part.first:
                        _add_class(fhead, "recto")  # its label level with the verso's
                    for index, page_lang in enumerate(page_langs):
                        label = doc.meta.labels.get(page_lang, page_lang)
                        classes = "flang" if single else f"flang c{index + 1}"
                        fhead.append(_e("p", {"class": classes, "lang": None if single else page_lang}, text=label))
                    section.append(fhead)
                for bead in spread:
                    height = f"height: {bead.height:.2f}pt"
                    row = section if single else _e("div", {"class": "frow", "style": height})
                    for index, page_lang in enumerate(page_langs):
                        block = bead.blocks[page_lang]
                        block.set("id", bead.ident(page_lang))
                        block.set("style", height)
                        if not single:
                            _add_class(block, f"c{index + 1}")
                        if bead.anchor and side == 0 and index == 0:
                            _anchor(block, bead.anchor)
                        row.append(block)
                    if not single:
                        section.append(row)
                out.append(section)
    return out, messages
