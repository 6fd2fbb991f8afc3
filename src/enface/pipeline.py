"""The text stages, each a function from data to data: ingest → typography → segment → align.

Their product, :class:`~enface.model.Parallel`, is what the TEI is built from.
"""

from __future__ import annotations

from pathlib import Path

from .errors import EnfaceError
from .ingest import SourceText, read_edition
from .ingest import language
from .manifest import Edition
from .model import Parallel, Text, Unit


def ingest(edition_dir: Path, edition: Edition, *, check_language: bool = True) -> tuple[list[SourceText], list[str]]:
    texts = read_edition(edition_dir, edition)
    warnings = [w for t in texts for w in t.warnings]
    if check_language:
        for text in texts:
            note = language.verify(text)
            if note:
                warnings.append(note)
    return texts, warnings


def typeset(texts: list[SourceText]) -> tuple[list[list[str]], list]:
    """Per-language typography; returns the corrected paragraphs and the fixes made."""
    return [[p.text for p in t.paragraphs] for t in texts], []


def segment(paragraphs: list[str], lang: str) -> tuple[tuple[str, ...], ...]:
    return tuple((p,) for p in paragraphs)


def align(langs: list[str], texts: dict[str, Text]) -> tuple[tuple[Unit, ...], list[str]]:
    counts = {lang: len(texts[lang].paragraphs) for lang in langs}
    if len(set(counts.values())) != 1:
        raise EnfaceError(f"paragraph counts differ: {counts}")
    units = []
    for i in range(counts[langs[0]]):
        beads = ({lang: (0, len(texts[lang].paragraphs[i])) for lang in langs},)
        units.append(Unit(i + 1, {lang: (i + 1,) for lang in langs}, beads))
    return tuple(units), []


def prepare(edition_dir: Path, edition: Edition, *, check_language: bool = True) -> Parallel:
    sources, warnings = ingest(edition_dir, edition, check_language=check_language)
    fixed, _fixes = typeset(sources)
    texts: list[Text] = []
    for source, paragraphs in zip(sources, fixed):
        texts.append(Text(
            lang=source.lang, role=source.source.role, file=source.source.file, sha256=source.sha256,
            paragraphs=segment(paragraphs, source.lang), title=dict(source.source.title),
        ))
    translations = {t.lang: t for t in texts if t.role == "translation"}
    appendices = tuple(t for t in texts if t.role == "appendix")
    langs = edition.languages
    units, align_warnings = align(langs, translations)
    return Parallel(tuple(langs), translations, appendices, units, tuple(warnings + align_warnings))
