"""Typography and segmentation of a structured source, block by block, marks kept.

A reader's :class:`~enface.blocks.SourceDocument` becomes the blocks of a
:class:`~enface.model.Text`: every block's text gets its language's typography (marks
moved with their characters, :func:`enface.inline.remap`); prose is cut into sentences
(the whole text is the segmenter's context, as for plain sources), a heading or a caption
is one segment, a stanza's segments are its lines; footnotes get numbers in reading order.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import blocks as src
from .inline import cut, remap, strip_edges
from .model import Block, Note, Segment


def _typeset(text: str, marks: Sequence[src.Mark], lang: str) -> tuple[str, tuple[src.Mark, ...], list]:
    from .typography import fix

    result = fix(text, lang)
    return result.text, remap(marks, text, result.text), list(result.fixes)


def _verse(block: src.Block, lang: str) -> tuple[tuple[Segment, ...], list]:
    """Lines of a stanza. The stanza is set as one text (quotes may open and close on different
    lines); if a rule joined two lines, each line is set on its own instead."""
    text, marks, fixes = _typeset(block.text, block.marks, lang)
    if text.count("\n") != block.text.count("\n"):
        pieces, fixes, offset = [], [], 0
        for line in block.text.split("\n"):
            line_marks = cut(block.marks, offset, offset + len(line), last=True)
            fixed, moved, line_fixes = _typeset(line, line_marks, lang)
            pieces.append((fixed, moved))
            fixes.extend(line_fixes)
            offset += len(line) + 1
        return tuple(Segment(t.strip(), strip_edges(t, m)) for t, m in pieces), fixes
    segments, offset = [], 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        line_marks = cut(marks, offset, offset + len(line), last=index == len(lines) - 1)
        segments.append(Segment(line.strip(), strip_edges(line, line_marks)))
        offset += len(line) + 1
    return tuple(s for s in segments if s.text), fixes


def _sentences(text: str, marks: Sequence[src.Mark], lang: str, context: str) -> tuple[Segment, ...]:
    from .segment import split_sentences_spans

    spans = split_sentences_spans(text, lang, context=context) or [(0, len(text))]
    out = []
    for index, (start, end) in enumerate(spans):
        # a mark between two sentences (a note after the full stop) stays with the first
        stop = spans[index + 1][0] if index + 1 < len(spans) else len(text)
        segment_marks = tuple(m for m in cut(marks, start, stop, last=index + 1 == len(spans)))
        segment_marks = tuple(
            src.Mark(min(m.start, end - start), min(m.end, end - start), m.kind, m.value)
            for m in segment_marks
            if m.start == m.end or min(m.end, end - start) > m.start
        )
        out.append(Segment(text[start:end], segment_marks))
    return tuple(out)


def text_blocks(document: src.SourceDocument, lang: str) -> tuple[tuple[Block, ...], tuple[Note, ...], list[list]]:
    """The blocks and numbered notes of one source, and the typography fixes of each block."""
    fixed: list[tuple[src.Block, str, tuple[src.Mark, ...], list]] = []
    for block in document.blocks:
        if block.kind == "verse" or block.segmented:
            fixed.append((block, "", (), []))
            continue
        text, marks, fixes = _typeset(block.text, block.marks, lang)
        fixed.append((block, text, marks, fixes))
    context = "\n".join(text for block, text, _m, _f in fixed if block.kind in ("p", "quote"))
    out: list[Block] = []
    all_fixes: list[list] = []
    for block, text, marks, fixes in fixed:
        if block.kind == "verse" or block.segmented:  # its lines are its segments
            segments, fixes = _verse(block, lang)
        elif block.kind in ("p", "quote"):
            segments = _sentences(text, marks, lang, context)
        else:  # a heading or a caption is one segment
            segments = (Segment(text.strip(), strip_edges(text, marks)),) if text.strip() else ()
        if not segments and block.kind != "figure":
            continue
        out.append(Block(block.kind, segments, block.level, block.src, "", block.line))
        all_fixes.append(fixes)
    notes = _notes(document, lang, out)
    return tuple(out), notes, all_fixes


def _notes(document: src.SourceDocument, lang: str, blocks: Sequence[Block]) -> tuple[Note, ...]:
    """The notes referred to, numbered in the order of their first reference."""
    by_label = {note.label: note for note in document.notes}
    order: list[str] = []
    for block in blocks:
        for segment in block.segments:
            for mark in segment.marks:
                if mark.kind == "note" and mark.value in by_label and mark.value not in order:
                    order.append(mark.value)
    notes = []
    for number, label in enumerate(order, start=1):
        parts = []
        for block in by_label[label].blocks:
            text, marks, _fixes = _typeset(block.text, block.marks, lang)
            parts.append(Block("p", (Segment(text.strip(), strip_edges(text, marks)),)))
        notes.append(Note(number, label, tuple(parts)))
    return tuple(notes)
