"""Cut a facing-pages bead that is taller than a page into two pieces, where a line ends.

WeasyPrint's line boxes carry their text but no offset into the HTML, and their text differs
from the HTML's by collapsed spaces and inserted hyphens. Counting only *letters* (characters
that are neither white space nor a hyphen) on both sides maps the end of a laid-out line to
a place in the HTML: ``lines_of`` reads, for every line of a measured block, its foot and the
letters up to its end; ``cut`` splits the block's HTML at a letter count.

Where to cut (``choose``): at the last sentence end that fits, when that fills at least half
of the room (a sentence is the unit a reader keeps together); otherwise at the last line
that fits (one sentence taller than the room). A line ending inside a word (hyphenated) is
not a place to cut: the cut moves back to the word's start, so no word is split across pages.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from .measure import PX_TO_PT, walk

HYPHENS = frozenset("-\u2010\u2011\u00ad")


def letters(text: str | None) -> int:
    """The letters of ``text``: what both the HTML and the laid-out lines agree on."""
    return sum(1 for c in text or "" if not c.isspace() and c not in HYPHENS)


@dataclass(frozen=True)
class Line:
    bottom: float  # pt below the top of the block's border box
    letters: int  # letters of the block up to the end of this line


def lines_of(block_box) -> list[Line]:
    """Every line of a laid-out block (a WeasyPrint box), in order."""
    from weasyprint.formatting_structure import boxes

    top = block_box.border_box_y()
    out: list[Line] = []
    count = 0
    for box in walk(block_box):
        if isinstance(box, boxes.LineBox):
            count += sum(letters(b.text) for b in walk(box) if isinstance(b, boxes.TextBox))
            out.append(Line((box.position_y + box.height - top) * PX_TO_PT, count))
    return out


def _count(element: etree._Element) -> int:
    """Letters in an element and its descendants, not its tail."""
    total = letters(element.text)
    for child in element:
        total += _count(child) + letters(child.tail)
    return total


def _index(text: str, n: int) -> int:
    """The index in ``text`` just after its ``n``-th letter (0: the start)."""
    if n <= 0:
        return 0
    seen = 0
    for i, c in enumerate(text):
        if not c.isspace() and c not in HYPHENS:
            seen += 1
            if seen == n:
                return i + 1
    return len(text)


def _clip_text(text: str | None, pos: int, at: int, before: bool) -> tuple[str | None, int]:
    """A text at letter ``pos``, clipped to before ``at`` or from ``at`` on; and its end."""
    if text is None:
        return None, pos
    end = pos + letters(text)
    if before:
        if pos >= at:
            return None, end
        return (text if end <= at else text[: _index(text, at - pos)].rstrip()), end
    if pos >= at:
        return text, end
    if end <= at:
        return None, end
    return text[_index(text, at - pos) :].lstrip(), end


def _clip(element: etree._Element, at: int, before: bool, pos: int = 0) -> int:
    """Keep the letters before ``at`` (``before``) or from ``at`` on, in place: each element
    ends up whole in one piece, or (the one the cut falls in, and its ancestors) in both.
    Returns the position after the element's content."""
    element.text, pos = _clip_text(element.text, pos, at, before)
    for child in list(element):
        start, end = pos, pos + _count(child)
        drop = start >= at if before else (end < at or (end == at and end > start))
        if drop:
            tail, pos = _clip_text(child.tail, end, at, before)
            if tail:
                previous = child.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    element.text = (element.text or "") + tail
            element.remove(child)
            continue
        if start < at < end:
            _clip(child, at, before, start)
        child.tail, pos = _clip_text(child.tail, end, at, before)
    return pos


@dataclass(frozen=True)
class Cut:
    at: int  # letters before the cut
    kind: str  # "sentence" or "line"


def _ends(block: etree._Element) -> list[int]:
    """Letter positions where a sentence (``span.s``) or a paragraph ends."""
    ends: set[int] = set()

    def visit(element: etree._Element, pos: int) -> int:
        pos += letters(element.text)
        for child in element:
            pos = visit(child, pos)
            pos += letters(child.tail)
        classes = (element.get("class") or "").split()
        if element.tag == "p" or (element.tag == "span" and "s" in classes):
            ends.add(pos)
        return pos

    visit(block, 0)
    return sorted(ends)


def _word_start(block: etree._Element, at: int) -> int:
    """``at`` when it falls between words, else the letters before the word it falls in."""
    text = "".join(block.itertext())
    i = _index(text, at)
    k = i
    while k < len(text) and text[k] in HYPHENS:
        k += 1
    if k >= len(text) or text[k].isspace():
        return at
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return letters(text[:i])


def choose(block: etree._Element, lines: list[Line], room: float, pad: float) -> Cut | None:
    """Where to cut ``block`` so that its first piece fits in ``room`` points (``pad``: its
    padding below the last line). None when not even one line fits, or nothing is left after."""
    fitting = [line for line in lines if line.bottom + pad <= room]
    total = lines[-1].letters if lines else 0
    if not fitting or fitting[-1].letters >= total:
        return None
    last = fitting[-1]
    ends = [e for e in _ends(block) if 0 < e <= last.letters]
    if ends:
        end = ends[-1]
        line = next(line for line in lines if line.letters >= end)
        if line.bottom + pad >= room / 2:
            return Cut(end, "sentence")
    at = _word_start(block, last.letters)
    if at <= 0:
        return None
    return Cut(at, "line")


def cut(block: etree._Element, where: Cut) -> tuple[etree._Element, etree._Element]:
    """The block's two pieces: the letters before ``where.at`` and the rest. A paragraph cut in
    two keeps its id in the first piece; its second piece is a continuation (``p.cont``, no
    indent); a line cut justifies the first piece's last line (``p.fcut``)."""
    head, tail = copy.deepcopy(block), copy.deepcopy(block)
    _clip(head, where.at, True)
    _clip(tail, where.at, False)
    kept = {el.get("id") for el in head.iter() if isinstance(el.tag, str) and el.get("id")}
    split = False
    for el in tail.iter():
        if isinstance(el.tag, str) and el.get("id") in kept:
            del el.attrib["id"]  # the first piece has it
            if el.tag == "p":
                split = True
                classes = [c for c in (el.get("class") or "").split() if c != "cont"]
                el.set("class", " ".join([*classes, "cont"]))
    paragraphs = list(head.iter("p"))
    if split and where.kind == "line" and paragraphs:
        paragraphs[-1].set("class", f"{paragraphs[-1].get('class', '')} fcut".strip())
    return head, tail


def splittable(block: etree._Element) -> bool:
    """Text only: a figure (an image) is not cut."""
    return block.find(".//img") is None
