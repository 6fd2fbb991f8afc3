"""The data passed from the text stages (ingest, typography, segment, align) to the TEI.

After the TEI is built, writers read the TEI itself (``tei.read``), never these objects:
the TEI is the document model, these are only the way to it. The aligner's
:class:`~enface.align.Bead` is the one bead type: units hold the beads as the aligner made
them, the TEI records them as links, and every view of them is read back from the TEI.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .blocks import BlockKind, Mark

if TYPE_CHECKING:
    from .align import Bead


@dataclass(frozen=True)
class Segment:
    """A sentence of prose, or a verse line: the smallest aligned piece of text."""

    text: str
    marks: tuple[Mark, ...] = ()  # offsets into ``text``


@dataclass(frozen=True)
class Block:
    """A block after typography and segmentation (see :class:`enface.blocks.Block`).

    ``type`` is a role decided in the text stages and recorded in the TEI (``rating``: the
    closing verdict of a review); ``level`` the heading level; ``src`` a figure's image.
    """

    kind: BlockKind
    segments: tuple[Segment, ...]
    level: int = 0
    src: str = ""
    type: str = ""
    line: int = 0

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


@dataclass(frozen=True)
class Note:
    """A footnote of one language, numbered in reading order (``label`` as the source had it)."""

    n: int
    label: str
    blocks: tuple[Block, ...]


def prose(sentences: tuple[str, ...]) -> Block:
    """A plain paragraph of these sentences (no markup)."""
    return Block("p", tuple(Segment(s) for s in sentences))


@dataclass(frozen=True)
class Text:
    """One source after typography and segmentation."""

    lang: str
    role: str  # "translation" | "appendix"
    file: str
    sha256: str
    paragraphs: tuple[tuple[str, ...], ...] = ()  # plain sentences per block; set from ``blocks``
    title: dict[str, str] = field(default_factory=dict)
    blocks: tuple[Block, ...] = ()
    notes: tuple[Note, ...] = ()

    def __post_init__(self) -> None:
        if not self.blocks:  # plain paragraphs given: each is a prose block
            object.__setattr__(self, "blocks", tuple(prose(tuple(p)) for p in self.paragraphs))
        object.__setattr__(self, "paragraphs", tuple(tuple(s.text for s in b.segments) for b in self.blocks))

    def paragraph_text(self, index: int) -> str:
        return " ".join(self.paragraphs[index])


@dataclass(frozen=True)
class Unit:
    """One aligned group of blocks (usually one per language), shown together.

    ``paragraphs``: per language, the 1-based numbers of its blocks in this unit (empty when
    the language has none). ``beads``: the aligner's beads, whose indexes count the
    segments of the unit's blocks of each language in reading order.
    """

    n: int
    paragraphs: dict[str, tuple[int, ...]]
    beads: tuple[Bead, ...] = ()
    paragraph_confidence: float = 1.0
    # the versions are paragraphed on their own here: the unit is the smallest run of whole
    # paragraphs that no sentence bead crosses, and joined paragraphs are expected
    own_paragraphing: bool = False
    # how much dearer (nats) the cheapest other place for the unit's end would be, one paragraph
    # (or sentence) away in a version or the unit joined with the next (:attr:`enface.align.Bead.margin`)
    end_margin: float = math.inf

    @property
    def confidence(self) -> tuple[float, ...]:
        return tuple(bead.confidence for bead in self.beads)

    @property
    def uncertain_end(self) -> bool:
        """Might its end as well be elsewhere (:data:`enface.align.UNCERTAIN_END`, or
        :data:`enface.align.UNCERTAIN_SENTENCE_END` where the versions are paragraphed on their own)?"""
        from .align import UNCERTAIN_END, UNCERTAIN_SENTENCE_END

        return self.end_margin < (UNCERTAIN_SENTENCE_END if self.own_paragraphing else UNCERTAIN_END)


@dataclass(frozen=True)
class DivisionLink:
    """Divisions (chapters) that translate each other: per language, the 1-based numbers of
    its top-level divisions in this group (empty where a language has none)."""

    n: int
    divisions: dict[str, tuple[int, ...]]
    confidence: float = 1.0


@dataclass(frozen=True)
class SourceFixes:
    """What typography changed in one source: per paragraph, the fixes made."""

    file: str
    lang: str
    fixes: tuple[tuple[object, ...], ...]  # enface.typography.Fix, per paragraph


@dataclass(frozen=True)
class Parallel:
    """The whole edition, ready to be written as TEI."""

    langs: tuple[str, ...]
    translations: dict[str, Text]
    appendices: tuple[Text, ...]
    units: tuple[Unit, ...]
    warnings: tuple[str, ...] = ()
    typography: tuple[SourceFixes, ...] = ()
    divisions: tuple[DivisionLink, ...] = ()
