"""Measurements on WeasyPrint's laid-out document (after ``render()``, before the PDF).

- ``page_starts``: for each printed page of the main text and appendices, the id of
  the first sentence (else element) whose box starts on that page — for the EPUB
  page-list. ``Page.anchors`` lists, per page, the ids of the boxes on it (a box
  split across pages is listed on each); an id "starts" on the first page listing it.
- ``line_report``: overfull lines (text wider than its column) and the word-space
  stretch of justified lines, per language, to judge the justification.

Only WeasyPrint's public ``Document.pages`` / ``Page.anchors`` and the box tree
(``Page._page_box``, stable since WeasyPrint 53) are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median


def walk(box):
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from walk(child)


def _page_box(page):
    return getattr(page, "_page_box", None)


def is_blank(page) -> bool:
    box = _page_box(page)
    page_type = getattr(box, "page_type", None)
    return bool(getattr(page_type, "blank", False))


def first_pages(document) -> dict[str, int]:
    """Element id → index of the first page its box appears on."""
    seen: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            seen.setdefault(name, index)
    return seen


def page_starts(
    document, order: list[str], *, sentence_ids: set[str], start_id: str, stop_id: str | None
) -> list[tuple[str, str]]:
    """``(page label, element id)`` for every non-blank page from the page where ``start_id``
    starts to the page before ``stop_id`` starts (or the end).

    The id is the first sentence, in document order, whose box starts on that page; a page
    where no sentence starts (one sentence fills it) gets the first other element starting
    there, else the sentence running on from the page before. Labels are the printed folios
    (the page counter counts every page from 1).
    """
    rank = {name: i for i, name in enumerate(order)}
    first = first_pages(document)
    if start_id not in first:
        return []
    begin = first[start_id]
    end = first.get(stop_id, len(document.pages)) if stop_id else len(document.pages)
    by_page: dict[int, list[str]] = {}
    for name, index in first.items():
        if name in rank:
            by_page.setdefault(index, []).append(name)
    starts: list[tuple[str, str]] = []
    running: str | None = None
    for index in range(begin, end):
        names = sorted(by_page.get(index, ()), key=rank.__getitem__)
        sentences = [n for n in names if n in sentence_ids]
        if sentences:
            chosen = sentences[0]
            running = sentences[-1]
        elif names:
            chosen = names[0]
        elif running is not None:
            chosen = running
        else:
            continue
        if is_blank(document.pages[index]):
            continue
        starts.append((str(index + 1), chosen))
    return starts


@dataclass
class LineReport:
    lines: int = 0
    overfull: list[tuple[int, str, float]] = field(default_factory=list)  # page, text, excess pt
    stretch: dict[str, list[float]] = field(default_factory=dict)  # lang -> extra space per gap, in em

    def summary(self) -> dict[str, dict[str, float]]:
        out = {}
        for lang, values in sorted(self.stretch.items()):
            values = sorted(values)
            loose = sum(v > 0.5 for v in values)
            out[lang] = {
                "justified lines": len(values),
                "median extra em": round(median(values), 3) if values else 0,
                "p95 extra em": round(values[int(0.95 * (len(values) - 1))], 3) if values else 0,
                "lines > 0.5 em": loose,
            }
        return out


PX_TO_PT = 0.75


def _line_text(line) -> str:
    return "".join(getattr(b, "text", "") for b in walk(line) if type(b).__name__ == "TextBox")


def line_report(document) -> LineReport:
    """Measure every line of the parallel cells (``td.v``) and of the appendix text."""
    report = LineReport()
    for page_index, page in enumerate(document.pages):
        root = _page_box(page)
        if root is not None:
            _scan(root, page_index, report, None, None)
    return report


def _measured_lang(box) -> str | None:
    """The language of a box whose lines are measured: a parallel cell or the appendix text."""
    element = getattr(box, "element", None)
    if element is None or box.element_tag not in ("td", "div"):
        return None
    classes = (element.get("class") or "").split()
    if (box.element_tag == "td" and "v" in classes) or "appendix-text" in classes:
        return box.style["lang"]
    return None


def _scan(box, page_index: int, report: LineReport, lang: str | None, right: float | None) -> None:
    lang = _measured_lang(box) or lang
    if type(box).__name__ == "LineBox":
        if lang is not None:
            _measure_line(box, page_index, report, lang, right)
        return
    if hasattr(box, "content_box_x") and getattr(box, "width", None) is not None:
        right = box.content_box_x() + box.width  # the right edge lines of this block must keep to
    for child in getattr(box, "children", ()) or ():
        _scan(child, page_index, report, lang, right)


def _measure_line(line, page_index: int, report: LineReport, lang: str, right: float | None) -> None:
    report.lines += 1
    texts = [b for b in walk(line) if type(b).__name__ == "TextBox"]
    if not texts:
        return
    end = max(b.position_x + b.margin_width() for b in texts)
    limit = right if right is not None else line.position_x + line.width
    excess = (end - limit) * PX_TO_PT
    if excess > 0.5:
        report.overfull.append((page_index + 1, _line_text(line), round(excess, 2)))
    spacing = max((b.justification_spacing for b in texts), default=0)
    if line.style["text_align_all"] == "justify" and spacing:
        report.stretch.setdefault(lang, []).append(spacing / texts[0].style["font_size"])


# --- lines of the parallel cells, row by row (for the hyphenation limits) -------------

SOFT_HYPHEN_END = "\u2010"  # what WeasyPrint draws at a hyphenated line end (hyphenate-character)


def ends_hyphenated(text: str) -> bool:
    """A line ending in a word broken by hyphenation (soft) or at a hyphen of the word itself."""
    return text.rstrip().endswith((SOFT_HYPHEN_END, "-"))


ROW_KEY = "data-m"  # the attribute numbering the parallel rows of a measuring render


@dataclass(frozen=True)
class CellLine:
    """One line of one language's cell of a parallel row, in reading order."""

    row: int  # the row's ``data-m`` number (document order)
    lang: str
    text: str
    first_sentence: str | None  # id of the sentence (``span.s``) the line starts in
    last_sentence: str | None  # and the one it ends in
    prose: bool  # a bead row of prose (not a heading, verse line, note or figure)
    opens: bool  # the row opens a unit (space and a rule above it)
    # A justified line ending in a broken word: its word space (em) if the word went whole to
    # the next line (``kept_gap``); 0 for a line set ragged, which no kept word loosens.
    loosen: float = 0.0
    # Widths (pt) read off the boxes, 0 when unknown: the cell's or block's measure, the last
    # token of the line (what no break parts, a hyphen dropped) and the first one: a word broken
    # between two lines, kept whole, needs the head of the one and the tail of the other.
    measure: float = 0.0
    last_width: float = 0.0
    first_width: float = 0.0

    @property
    def hyphenated(self) -> bool:
        """Ends in a word broken by hyphenation (soft) or at a hyphen of the word itself."""
        return ends_hyphenated(self.text)


def cell_lines(document) -> list[CellLine]:
    """Every line of the parallel cells (``td.v``) of rows numbered ``data-m``, and of the
    paragraphs so numbered (the appendix text), in order."""
    out: list[CellLine] = []
    for page in document.pages:
        root = _page_box(page)
        if root is not None:
            _rows(root, out)
    return out


def block_lines(document, prefix: str = "m-") -> list[CellLine]:
    """Every line of the blocks whose id is ``PREFIX``I``-``LANG (facing pages' measuring
    layout, ``facing.measure_html``), block I taken as row I, in order."""
    out: list[CellLine] = []
    for page in document.pages:
        root = _page_box(page)
        if root is not None:
            _blocks(root, out, prefix)
    return out


def _blocks(box, out: list[CellLine], prefix: str) -> None:
    element = getattr(box, "element", None)
    ident = (element.get("id") or "") if element is not None else ""
    if ident.startswith(prefix) and getattr(box, "element_tag", None) == "div":
        number, _, lang = ident[len(prefix) :].partition("-")
        classes = set((element.get("class") or "").split())
        prose = not classes & {"heading", "verse", "note"}
        opens = bool(classes & {"unit-start", "heading"})
        _lines(box, out, int(number), lang, prose, opens)
        return
    for child in getattr(box, "children", ()) or ():
        _blocks(child, out, prefix)


def _rows(box, out: list[CellLine]) -> None:
    element = getattr(box, "element", None)
    if element is not None and element.get(ROW_KEY):
        number = int(element.get(ROW_KEY))
        if getattr(box, "element_tag", None) != "tr":  # a paragraph of an appendix: one column
            _lines(box, out, number, box.style["lang"], True, False)
            return
        classes = (element.get("class") or "").split()
        prose = "bead" in classes and "verse" not in classes
        opens = "unit-start" in classes or "heading" in classes
        for cell in getattr(box, "children", ()) or ():
            lang = _measured_lang(cell)
            if lang is not None:
                _lines(cell, out, number, lang, prose, opens)
        return
    for child in getattr(box, "children", ()) or ():
        _rows(child, out)


def _lines(box, out: list[CellLine], number: int, lang: str, prose: bool, opens: bool) -> None:
    measure = float(getattr(box, "width", 0.0) or 0.0)
    for line in walk(box):
        if type(line).__name__ == "LineBox":
            texts = list(_sentence_texts(line, None))
            if texts:
                text = "".join(t.text for t, _s in texts)
                loosen = kept_gap([t for t, _s in texts]) if ends_hyphenated(text) else 0.0
                boxes = [t for t, _s in texts]
                out.append(
                    CellLine(
                        number,
                        lang,
                        text,
                        texts[0][1],
                        texts[-1][1],
                        prose,
                        opens,
                        loosen,
                        measure,
                        _token_width(boxes[-1], last=True),
                        _token_width(boxes[0], last=False),
                    )
                )


def _token_width(box, *, last: bool) -> float:
    """The width of a text box's last (or first) token, up to a space, a line-end hyphen
    left out: its share of the box's width by characters (one font, one size)."""
    text = box.text or ""
    if not text.strip():
        return 0.0
    token = text.rstrip().rsplit(None, 1)[-1] if last else text.lstrip().split(None, 1)[0]
    if last and token.endswith(("\u00ad", "\u2010", "-")):
        token = token[:-1]
    return float(box.width or 0.0) * len(token) / max(len(text), 1)


SPACE_EM = 0.3  # a word space's own width (Charis SIL 0.29 em, Gentium Plus 0.22): the estimate errs loose
EXPANDABLE = (" ", "\u00a0")  # the spaces WeasyPrint 70 stretches to justify a line


def kept_gap(boxes) -> float:
    """The word space, in em, of a justified line (its text ``boxes``) if the word broken at its
    end went whole to the next line: the line loses the word's head and one space, and the
    spaces left share the room (WeasyPrint's ``justification_spacing``: added to every space).
    The head's width is estimated from the letters of its box. 0 for a line not justified."""
    last = boxes[-1]
    extra = getattr(last, "justification_spacing", 0) or 0
    if last.style["text_align_all"] != "justify" or not extra:
        return 0.0
    size = last.style["font_size"]
    spaces = sum(sum(box.text.count(c) for c in EXPANDABLE) for box in boxes)
    if spaces < 2:
        return float("inf")  # one word would be left alone, stretched across the line
    mine = sum(last.text.count(c) for c in EXPANDABLE)
    letters = len(last.text) - mine
    natural = last.width - extra * mine - SPACE_EM * size * mine
    head = len(last.text.rstrip().rsplit(" ", 1)[-1])
    head_width = natural * head / letters if letters else 0.0
    stretch = (extra * spaces + head_width + SPACE_EM * size) / (spaces - 1)
    return SPACE_EM + stretch / size


def _sentence_texts(box, sentence: str | None):
    """The line's text boxes with the id of the sentence (``span.s``) each belongs to."""
    element = getattr(box, "element", None)
    is_span = element is not None and getattr(box, "element_tag", None) == "span"
    if is_span and "s" in (element.get("class") or "").split() and element.get("id"):
        sentence = element.get("id")
    if type(box).__name__ == "TextBox":
        yield box, sentence
        return
    for child in getattr(box, "children", ()) or ():
        yield from _sentence_texts(child, sentence)
