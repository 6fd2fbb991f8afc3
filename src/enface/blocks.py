"""What a reader makes of one source file: a flat run of typed blocks with inline marks.

Every reader (plain text, Markdown, the formats Pandoc reads) turns bytes into a
:class:`SourceDocument`; the text stages (typography, segmentation, alignment) and the
TEI take it from there. The model is flat, like Pandoc's: a heading is a block with a
level, and the divisions it opens are made when the TEI is built. Inline markup is kept
as marks over the block's plain text (character offsets), so the text stages work on
plain strings and the marks follow the characters they cover.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["p", "head", "verse", "quote", "figure"]
MarkKind = Literal["italic", "bold", "smallcaps", "foreign", "note"]


@dataclass(frozen=True)
class Mark:
    """Inline markup over ``text[start:end]`` of its block.

    ``foreign`` carries the language in ``value``; ``note`` is a footnote reference at
    ``start`` (``start == end``) whose ``value`` is the label of a :class:`Note`.
    """

    start: int
    end: int
    kind: MarkKind
    value: str = ""


@dataclass(frozen=True)
class Block:
    """One block of a source, in reading order.

    ``p`` prose paragraph; ``head`` a heading of ``level`` 1-3 (opens a division);
    ``verse`` a stanza whose lines are joined by ``\\n``; ``quote`` a paragraph of a block
    quotation; ``figure`` an image (``src``, relative to the edition folder) whose caption is
    ``text``. ``line`` is where the block starts in the source file (1-based; 0 if unknown),
    for error messages.
    """

    kind: BlockKind
    text: str
    line: int = 0
    level: int = 0
    marks: tuple[Mark, ...] = ()
    src: str = ""
    segmented: bool = False

    @property
    def lines(self) -> tuple[str, ...]:
        """A stanza's verse lines (``verse`` blocks)."""
        return tuple(self.text.split("\n"))


@dataclass(frozen=True)
class Note:
    """A footnote's text, referred to by ``Mark(kind="note", value=label)``."""

    label: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SourceDocument:
    """A whole source as a reader returns it."""

    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)  # "title", "lang", "author" from the file's metadata
    warnings: tuple[str, ...] = ()
