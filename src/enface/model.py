"""The data passed from the text stages (ingest, typography, segment, align) to the TEI.

After the TEI is built, writers read the TEI itself (``tei.read``), never these objects:
the TEI is the document model, these are only the way to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """One source after typography and segmentation."""

    lang: str
    role: str  # "translation" | "appendix"
    file: str
    sha256: str
    paragraphs: tuple[tuple[str, ...], ...]  # sentences of each paragraph, in order
    title: dict[str, str] = field(default_factory=dict)

    def paragraph_text(self, index: int) -> str:
        return " ".join(self.paragraphs[index])


@dataclass(frozen=True)
class Unit:
    """One aligned group of paragraphs (usually one per language), shown together."""

    n: int  # 1-based number shown to readers
    paragraphs: dict[str, tuple[int, ...]]  # lang -> 1-based paragraph numbers (empty: missing)
    beads: tuple[dict[str, tuple[int, int]], ...] = ()
    # each bead: lang -> (first, last+1) range of sentence positions, counted across the
    # unit's paragraphs of that language; an empty range where a language has none.
    confidence: tuple[float, ...] = ()  # per bead: how well the lengths fit (near 0: check it)
    paragraph_confidence: float = 1.0


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
