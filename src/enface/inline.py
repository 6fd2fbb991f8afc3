"""Inline markup through the text stages: marks follow their characters.

Readers give each block plain text plus :class:`~enface.blocks.Mark` ranges. Typography
changes only punctuation and spaces, and segmentation cuts the text into sentences; both
work on plain strings, and the functions here carry the marks along: :func:`remap` moves
them through a text edit (a character diff, so any rule may run without knowing about
markup), :func:`cut` gives each sentence the part of every mark that falls inside it, and
:func:`runs` turns a sentence and its marks into runs of equally marked text, from which
the TEI builder makes nested ``hi``/``foreign``/``ptr`` elements.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from .blocks import Mark

# Outer to inner when marks cover the same characters: italic inside a foreign phrase, etc.
ORDER = {"foreign": 0, "italic": 1, "bold": 2, "smallcaps": 3}


def _offset_map(old: str, new: str) -> tuple[list[int], list[int]]:
    """For each offset 0..len(old): its offset in ``new`` when it opens a mark (before the
    character at that offset) and when it closes one (after the character before it).
    Inserted characters belong to no mark; a replaced stretch belongs to the marks of the
    characters it replaced.

    Typography changes spaces and punctuation, never letters or digits: when both texts have
    the same letters and digits in the same order, each is mapped to its counterpart and only
    the stretches between them are compared (a diff of the whole text can pair the wrong
    repeats: "a... a... a." against "a… a… a." put the last "a" on the second)."""
    old_letters = [i for i, ch in enumerate(old) if ch.isalnum()]
    new_letters = [j for j, ch in enumerate(new) if ch.isalnum()]
    if len(old_letters) != len(new_letters) or any(old[i] != new[j] for i, j in zip(old_letters, new_letters)):
        starts, ends = _diff_map(old, new)
    else:
        starts, ends = [0] * len(old), [0] * len(old)
        for i, j in zip(old_letters, new_letters):
            starts[i], ends[i] = j, j + 1
        old_bounds, new_bounds = [-1, *old_letters, len(old)], [-1, *new_letters, len(new)]
        for k in range(len(old_bounds) - 1):
            a1, a2 = old_bounds[k] + 1, old_bounds[k + 1]
            if a1 >= a2:
                continue
            b1 = new_bounds[k] + 1
            gap_starts, gap_ends = _diff_map(old[a1:a2], new[b1 : new_bounds[k + 1]])
            for c in range(a1, a2):
                starts[c], ends[c] = b1 + gap_starts[c - a1], b1 + gap_ends[c - a1]
    left = [*starts, len(new)]
    right = [0, *ends]
    return left, right


def _diff_map(old: str, new: str) -> tuple[list[int], list[int]]:
    """Where each character of ``old`` begins and ends in ``new``, by a diff of the two."""
    starts = [0] * len(old)  # where each old character begins in new
    ends = [0] * len(old)  # where it ends
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for c in range(i1, i2):
            if tag == "equal":
                starts[c] = j1 + (c - i1)
                ends[c] = starts[c] + 1
            else:  # replace or delete
                starts[c], ends[c] = j1, j2
    return starts, ends


def remap(marks: Sequence[Mark], old: str, new: str) -> tuple[Mark, ...]:
    """The marks of ``old`` placed on ``new`` (the same words; spaces and punctuation may differ)."""
    if not marks or old == new:
        return tuple(marks)
    left, right = _offset_map(old, new)
    moved = []
    for mark in marks:
        if mark.start == mark.end:  # a note reference stays after the character it followed
            at = right[mark.start]
            moved.append(Mark(at, at, mark.kind, mark.value))
            continue
        start, end = left[mark.start], right[mark.end]
        if end > start:
            moved.append(Mark(start, end, mark.kind, mark.value))
    return tuple(moved)


def cut(marks: Sequence[Mark], start: int, end: int, *, last: bool = False) -> tuple[Mark, ...]:
    """The marks inside ``[start, end)`` rebased to ``start`` (a note at ``end`` belongs to this
    span only when it is the ``last`` one: otherwise it opens the next)."""
    out = []
    for mark in marks:
        if mark.start == mark.end:
            if start <= mark.start < end or (last and mark.start == end):
                out.append(Mark(mark.start - start, mark.start - start, mark.kind, mark.value))
            continue
        s, e = max(mark.start, start), min(mark.end, end)
        if e > s:
            out.append(Mark(s - start, e - start, mark.kind, mark.value))
    return tuple(out)


def strip_edges(text: str, marks: Sequence[Mark]) -> tuple[Mark, ...]:
    """Marks clipped to the text without its leading and trailing spaces (spans are trimmed)."""
    lead = len(text) - len(text.lstrip())
    size = len(text.strip())
    return cut(marks, lead, lead + size, last=True)


Run = tuple[str, tuple[Mark, ...]]  # text and the marks over all of it (notes: a run of their own)


def runs(text: str, marks: Sequence[Mark]) -> list[Run]:
    """``text`` cut where any mark starts or ends; each piece with the marks covering it,
    outer first. A note reference is a run of its own with empty text."""
    spans = [m for m in marks if m.start < m.end]
    notes = sorted((m for m in marks if m.start == m.end), key=lambda m: m.start)
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans), *(m.start for m in notes)})
    out: list[Run] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        for note in notes:
            if note.start == a:
                out.append(("", (note,)))
        if b is None or b <= a:
            continue
        covering = tuple(sorted((m for m in spans if m.start <= a and m.end >= b), key=lambda m: ORDER[m.kind]))
        out.append((text[a:b], covering))
    return out
