"""The text stages, each a function from data to data: ingest → typography → segment → align.

Their product, :class:`~enface.model.Parallel`, is what the TEI is built from.
"""

from __future__ import annotations

from pathlib import Path

from .ingest import SourceText, language, read_edition
from .manifest import Edition
from .model import Parallel, SourceFixes, Text, Unit


def ingest(edition_dir: Path, edition: Edition, *, check_language: bool = True) -> tuple[list[SourceText], list[str]]:
    texts = read_edition(edition_dir, edition)
    warnings = [w for t in texts for w in t.warnings]
    if check_language:
        for text in texts:
            note = language.verify(text)
            if note:
                warnings.append(note)
    return texts, warnings


def typeset(texts: list[SourceText]) -> tuple[list[list[str]], list[SourceFixes]]:
    """Per-language typography (punctuation and spaces only, never words), with every fix made."""
    from .typography import fix_paragraphs

    fixed: list[list[str]] = []
    report: list[SourceFixes] = []
    for text in texts:
        paragraphs, fixes = fix_paragraphs([p.text for p in text.paragraphs], text.lang)
        fixed.append(paragraphs)
        report.append(SourceFixes(text.source.file, text.lang, tuple(tuple(f) for f in fixes)))
    return fixed, report


def segment(paragraphs: list[str], lang: str) -> tuple[tuple[str, ...], ...]:
    """Sentences of each paragraph; the whole text is the segmenter's context."""
    from .segment import split_sentences

    context = "\n".join(paragraphs)
    return tuple(tuple(split_sentences(p, lang, context=context)) or (p,) for p in paragraphs)


def align(langs: list[str], texts: dict[str, Text]) -> tuple[tuple[Unit, ...], list[str]]:
    """Paragraphs, then sentences inside each paragraph group (see :mod:`enface.align`)."""
    from .align import align_document

    known = {
        (lang, text.paragraph_text(i)): text.paragraphs[i]
        for lang, text in texts.items()
        for i in range(len(text.paragraphs))
    }

    def split(paragraph: str, lang: str, *, context: str | None = None) -> list[str]:
        return list(known[(lang, paragraph)])

    paragraphs = {lang: [texts[lang].paragraph_text(i) for i in range(len(texts[lang].paragraphs))] for lang in langs}
    document = align_document(paragraphs, langs[0], split=split)
    units: list[Unit] = []
    warnings: list[str] = []
    for n, group in enumerate(document, start=1):
        numbers = {lang: tuple(i + 1 for i in group.paragraphs.get(lang, ())) for lang in langs}
        beads = tuple(
            {
                lang: (min(idx), max(idx) + 1) if idx else (0, 0)
                for lang in langs
                for idx in [bead.sentences.get(lang, ())]
            }
            for bead in group.beads
        )
        units.append(Unit(n, numbers, beads, tuple(bead.confidence for bead in group.beads), group.confidence))
        for lang in langs:
            if not numbers[lang]:
                warnings.append(
                    f"{texts[lang].file}: no paragraph matches unit {n} "
                    f"({langs[0]} paragraph {', '.join(map(str, numbers[langs[0]])) or '-'}); "
                    "it is shown empty in that language"
                )
            elif len(numbers[lang]) > 1:
                warnings.append(
                    f"{texts[lang].file}: paragraphs {', '.join(map(str, numbers[lang]))} "
                    f"are aligned together as unit {n}"
                )
    return tuple(units), warnings


def prepare(edition_dir: Path, edition: Edition, *, check_language: bool = True) -> Parallel:
    sources, warnings = ingest(edition_dir, edition, check_language=check_language)
    fixed, fixes = typeset(sources)
    texts: list[Text] = []
    for source, paragraphs in zip(sources, fixed):
        texts.append(
            Text(
                lang=source.lang,
                role=source.source.role,
                file=source.source.file,
                sha256=source.sha256,
                paragraphs=segment(paragraphs, source.lang),
                title=dict(source.source.title),
            )
        )
    translations = {t.lang: t for t in texts if t.role == "translation"}
    appendices = tuple(t for t in texts if t.role == "appendix")
    langs = edition.languages
    units, align_warnings = align(langs, translations)
    return Parallel(tuple(langs), translations, appendices, units, tuple(warnings + align_warnings), tuple(fixes))
