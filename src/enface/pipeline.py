"""The text stages, each a function from data to data: ingest → typography → segment → align.

Their product, :class:`~enface.model.Parallel`, is what the TEI is built from. What the
writers would otherwise have to guess is decided here, once, and recorded in the TEI:
the language of the description and the rights (:func:`free_text_langs`) and which
paragraph is a review's closing rating (:data:`RATING_RULE`).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .cache import key
from .diagnostics import Finding, finding
from .errors import EnfaceError
from .ingest import SourceText, language, read_edition
from .manifest import Edition
from .memo import Memo
from .model import DivisionLink, Parallel, SourceFixes, Text, Unit


def ingest(
    edition_dir: Path,
    edition: Edition,
    *,
    check_language: bool = True,
    verdicts: language.Verdicts | None = None,
    memo: Memo | None = None,
) -> tuple[list[SourceText], list[Finding]]:
    """The sources, read and (unless ``check_language`` is false) checked to be in their
    declared language; ``verdicts`` keeps the checks already made (see
    :class:`~enface.ingest.language.Verdicts`), ``memo`` the sources already read."""
    texts = read_edition(edition_dir, edition, memo)
    findings = [f for t in texts for f in t.findings]
    if check_language:
        for text in texts:
            note = language.verify(text, verdicts)
            if note:
                findings.append(note)
        language.release()
    return texts, findings


def typeset(sources: list[SourceText], memo: Memo | None = None) -> tuple[list[Text], list[SourceFixes]]:
    """Per-language typography (punctuation and spaces only, never words), then segmentation,
    block by block with inline marks kept (see :mod:`enface.blocktext`), with every fix made;
    ``memo`` keeps each source's result by its bytes, reader and language."""
    from .blocktext import text_blocks

    texts: list[Text] = []
    report: list[SourceFixes] = []
    for source in sources:
        options = repr(sorted(source.source.reader_options.items()))
        k = key("typeset", source.sha256, str(source.source.format), source.path.suffix.lower(), options, source.lang)
        kept = memo.get(k) if memo is not None else None
        if isinstance(kept, tuple) and len(kept) == 3:
            blocks, notes, fixes = kept
        else:
            blocks, notes, fixes = text_blocks(source.document, source.lang)
            if memo is not None:
                memo.put(k, (blocks, notes, fixes))
        texts.append(
            Text(
                lang=source.lang,
                role=source.source.role,
                file=source.source.file,
                sha256=source.sha256,
                title=dict(source.source.title),
                blocks=blocks,
                notes=notes,
            )
        )
        report.append(SourceFixes(source.source.file, source.lang, tuple(tuple(f) for f in fixes)))
    return texts, report


def align(
    langs: list[str], texts: dict[str, Text], memo: Memo | None = None
) -> tuple[tuple[DivisionLink, ...], tuple[Unit, ...], list[Finding]]:
    """Divisions, then blocks, then sentences inside each block group (see
    :mod:`enface.align.structure`), with a finding for every gap and merge; ``memo`` keeps
    what one chapter's alignment needs of that chapter alone."""
    from .align.structure import align_structure

    divisions, units = align_structure(texts, langs, memo)
    findings: list[Finding] = []
    for link in divisions:
        for lang in langs:
            if not link.divisions[lang]:
                pivot = ", ".join(map(str, link.divisions[langs[0]])) or "-"
                findings.append(
                    finding(
                        "align.empty-division",
                        f"no division matches division group {link.n} ({langs[0]} division {pivot}); "
                        "it is shown empty in that language",
                        file=texts[lang].file,
                        where=f"division {link.n}",
                    )
                )
    findings += unit_findings(units, texts, langs)
    return tuple(divisions), tuple(units), findings


def unit_findings(units: Iterable[Unit], texts: dict[str, Text], langs: list[str]) -> list[Finding]:
    """A finding for every unit empty in a language or joining several of its paragraphs; where
    the versions are paragraphed on their own, joined paragraphs are expected: one finding per
    language says how many units join its paragraphs there."""
    findings: list[Finding] = []
    apart: Counter[str] = Counter()
    for unit in units:
        n, numbers = unit.n, unit.paragraphs
        for lang in langs:
            if not numbers[lang]:
                pivot = ", ".join(map(str, numbers[langs[0]])) or "-"
                findings.append(
                    finding(
                        "align.empty-unit",
                        f"no paragraph matches unit {n} ({langs[0]} paragraph {pivot}); "
                        "it is shown empty in that language",
                        file=texts[lang].file,
                        where=f"unit {n}",
                    )
                )
            elif len(numbers[lang]) > 1 and unit.own_paragraphing:
                apart[lang] += 1
            elif len(numbers[lang]) > 1:
                findings.append(
                    finding(
                        "align.merged-paragraphs",
                        f"paragraphs {', '.join(map(str, numbers[lang]))} are aligned together as unit {n}",
                        file=texts[lang].file,
                        where=f"unit {n}",
                    )
                )
    for lang in langs:
        if apart[lang]:
            findings.append(
                finding(
                    "align.own-paragraphing",
                    f"{apart[lang]} units join several of its paragraphs: where the versions are paragraphed "
                    "on their own, each unit is the smallest run of whole paragraphs that no sentence crosses",
                    file=texts[lang].file,
                )
            )
    return findings


RATING_RULE = "the last paragraph of an appendix, under 40 characters and holding a number, is a rating"


def is_rating(text: str) -> bool:
    """:data:`RATING_RULE` for the text of an appendix's last paragraph."""
    return len(text) < 40 and any(ch.isdigit() for ch in text)


def mark_rating(text: Text) -> tuple[Text, list[Finding]]:
    """The appendix with its last paragraph typed ``rating`` when :data:`RATING_RULE` says so."""
    blocks = list(text.blocks)
    if not blocks or blocks[-1].kind != "p" or not is_rating(blocks[-1].text):
        return text, []
    blocks[-1] = dataclasses.replace(blocks[-1], type="rating")
    note = finding(
        "appendix.rating",
        f"paragraph {len(blocks)} ({blocks[-1].text!r}) is set apart: {RATING_RULE}",
        file=text.file,
        where=f"paragraph {len(blocks)}",
    )
    return dataclasses.replace(text, blocks=tuple(blocks)), [note]


def free_text_langs(edition: Edition, verdicts: language.Verdicts | None = None) -> dict[str, str]:
    """The languages of the description and the rights (keys ``description``, ``rights``),
    where the identifier is sure of them (see :func:`enface.ingest.language.free_text_lang`)."""
    found = {"description": language.free_text_lang(edition.description, verdicts)}
    if edition.rights:
        found["rights"] = language.free_text_lang(edition.rights, verdicts)
    return {k: v for k, v in found.items() if v}


def typography_findings(report: Iterable[SourceFixes]) -> list[Finding]:
    """Per source, the typography fixes counted by rule: spacing apart, punctuation apart
    (every fix is in the build report)."""
    findings: list[Finding] = []
    for source in report:
        counts: Counter[str] = Counter(fix.rule for fixes in source.fixes for fix in fixes)
        for code, rules in (
            ("typography.fixed", {r: n for r, n in counts.items() if "space" not in r}),
            ("typography.spacing-fixed", {r: n for r, n in counts.items() if "space" in r}),
        ):
            if rules:
                what = "spacing fixes" if code == "typography.spacing-fixed" else "fixes"
                listed = ", ".join(f"{r} {n}" for r, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0])))
                findings.append(finding(code, f"{sum(rules.values())} {what}: {listed}", file=source.file))
    return findings


@dataclasses.dataclass(frozen=True)
class Prepared:
    """The text stages' product: the aligned texts, every finding, and the languages of the
    description and rights (see :func:`free_text_langs`)."""

    parallel: Parallel
    findings: tuple[Finding, ...]
    langs: dict[str, str]


def prepare(edition_dir: Path, edition: Edition, *, check_language: bool = True) -> Parallel:
    return prepare_all(edition_dir, edition, check_language=check_language).parallel


def prepare_all(
    edition_dir: Path,
    edition: Edition,
    *,
    check_language: bool = True,
    verdicts: language.Verdicts | None = None,
    memo: Memo | None = None,
) -> Prepared:
    """Every text stage; ``memo`` keeps the pieces (a source read and typeset) that an edit
    elsewhere leaves unchanged."""
    sources, findings = ingest(edition_dir, edition, check_language=check_language, verdicts=verdicts, memo=memo)
    texts, fixes = typeset(sources, memo)
    translations = {t.lang: t for t in texts if t.role == "translation"}
    appendices: list[Text] = []
    ratings: list[Finding] = []
    for text in (t for t in texts if t.role == "appendix"):
        text, found = mark_rating(text)
        appendices.append(text)
        ratings.extend(found)
    langs = edition.languages
    divisions, units, align_findings = align(langs, translations, memo)
    if edition.alignment:  # the user's corrections replace the aligner's beads
        from .align.corrections import apply

        path = edition_dir / edition.alignment
        if not path.is_file():
            raise EnfaceError(
                "alignment file not found",
                path=path,
                hint="export one with `enface align --format tsv --out` it, or remove `alignment` from edition.toml",
            )
        units = apply(path, translations, langs, units)
        manual = sum(1 for unit in units for bead in unit.beads if bead.manual)
        findings.append(
            finding("align.corrected", f"{manual} beads set by hand in {edition.alignment}", file=edition.alignment)
        )
        align_findings = [f for f in align_findings if f.code == "align.empty-division"]
        align_findings += unit_findings(units, translations, langs)
    findings += align_findings
    warnings = tuple(f.render() for f in findings if f.severity != "info")
    findings += typography_findings(fixes) + ratings
    parallel = Parallel(tuple(langs), translations, tuple(appendices), units, warnings, tuple(fixes), divisions)
    return Prepared(parallel, tuple(findings), free_text_langs(edition, verdicts))
