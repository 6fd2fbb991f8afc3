"""Lint: find what a human editor should look at in the sources; never rewrite them.

Every finding has a code, a severity, the file, the paragraph (1-based, counting the
prose paragraphs; 0 for the whole file) and the line where it starts (0 when the reader
does not know it), a message and an excerpt. ``enface lint --strict`` fails on warnings
as well as errors.

==========================  ========  ===================================================
code                        severity  what it means
==========================  ========  ===================================================
``align.paragraph-count``   info      a translation has a different number of paragraphs
                                      from the first one: the build aligns them by content;
                                      the two checks below skip it (they compare the n-th
                                      paragraphs of versions paragraphed alike)
``align.length-outlier``    warning   a paragraph is much longer or shorter than its
                                      counterparts, against every other translation,
                                      relative to the usual length ratio of each language
                                      pair (> 1.6× or < 0.6×): a missing or repeated passage
``align.sentence-count``    info      versions of a paragraph differ by 2 sentences or more
                                      (needs sentences from the segmenter)
``quotes.unbalanced``       warning   a quotation mark has no partner in its paragraph
                                      (typography leaves such quotes alone); one that
                                      a later paragraph closes is one finding, where it
                                      opens (a paragraph break inside a quotation, without
                                      the mark that opens each paragraph it goes on in)
``brackets.unbalanced``     warning   a ( [ { or ) ] } has no partner in its paragraph
``typo.straight-quote``     warning   straight quotes remain after typography: it could not
                                      tell an apostrophe, a prime or a quotation mark (info,
                                      once per file, for a language whose quotation marks
                                      enface does not know)
``typo.autofix``            info      what typography will change in the file when
                                      building, counted per rule (one finding per file)
``spell.run-together``      warning   an unknown word that is two known words run together
                                      ("Когдаон" → "Когда он"); Hunspell must agree
``spell.unknown``           warning   a lower-case word unknown to the dictionary, with
                                      suggestions (once per file; names are not reported)
``spell.capitalised``       info      a common word capitalised mid-sentence among
                                      lower-case words ("душевных Заболеваний")
``spell.repeated-word``     warning   the same word twice in a row ("le le")
``spell.no-dictionary``     info      no Hunspell dictionary for a language: not spell-checked
==========================  ========  ===================================================
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..ingest import SourceText
from ..typography import fix
from .checks import ALL_CHECKS, FAST_CHECKS, SEVERITIES, Context, Finding, LintInput, Severity

__all__ = [
    "CODES",
    "Finding",
    "LintInput",
    "Severity",
    "exit_status",
    "findings_rows",
    "findings_to_json",
    "inputs_from_sources",
    "lint",
    "summary",
]

CODES: dict[str, Severity] = {
    "align.paragraph-count": "info",
    "align.length-outlier": "warning",
    "align.sentence-count": "info",
    "quotes.unbalanced": "warning",
    "brackets.unbalanced": "warning",
    "typo.straight-quote": "warning",
    "typo.autofix": "info",
    "spell.run-together": "warning",
    "spell.unknown": "warning",
    "spell.capitalised": "info",
    "spell.repeated-word": "warning",
    "spell.no-dictionary": "info",
}


def lint(texts: Sequence[LintInput], *, spelling: bool = True) -> list[Finding]:
    """Run every check; findings in input-file order, then paragraph, then code."""
    context = Context(list(texts))
    checks: Iterable[Callable[[Context], Iterable[Finding]]] = ALL_CHECKS if spelling else FAST_CHECKS
    lines = {text.path: text.lines for text in texts if text.lines}
    findings = [_with_line(finding, lines) for check in checks for finding in check(context)]
    order = {text.path: i for i, text in enumerate(texts)}
    return sorted(
        findings,
        key=lambda f: (order.get(f.path, len(order)), f.paragraph, SEVERITIES.index(f.severity), f.code, f.message),
    )


def _with_line(finding: Finding, lines: dict[Path, list[int]]) -> Finding:
    known = lines.get(finding.path)
    if finding.line or not known or not 0 < finding.paragraph <= len(known):
        return finding
    return dataclasses.replace(finding, line=known[finding.paragraph - 1])


def _sentence_splitter() -> Callable[[str, str], list[str]] | None:
    try:
        from ..segment import split_sentences
    except ImportError:  # the segmenter is optional for lint
        return None
    return split_sentences


def inputs_from_sources(sources: Iterable[SourceText], *, sentences: bool = True) -> list[LintInput]:
    """LintInputs from the sources ``read_edition`` gives.

    Sentences come from :func:`enface.segment.split_sentences` on the typeset
    paragraphs (what the build segments) when ``sentences`` is true and it is importable.
    """
    splitter = _sentence_splitter() if sentences else None
    inputs = []
    for source in sources:
        paragraphs = [p.text for p in source.paragraphs]
        split = None
        if splitter is not None:
            split = [list(splitter(fix(p, source.lang).text, source.lang)) for p in paragraphs]
        lines = [p.line for p in source.paragraphs]
        inputs.append(LintInput(source.path, source.lang, source.source.role, paragraphs, split, lines))
    return inputs


def summary(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """Counts by severity and by code (codes most frequent first)."""
    findings = list(findings)
    by_severity: dict[str, int] = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    by_code = dict(Counter(f.code for f in findings).most_common())
    return {"severity": by_severity, "code": by_code}


def findings_to_json(findings: Iterable[Finding]) -> str:
    findings = list(findings)
    document = {"version": 1, "summary": summary(findings), "findings": [f.to_dict() for f in findings]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _where(finding: Finding, base: Path | None) -> str:
    path = finding.path
    if base is not None:
        with contextlib.suppress(ValueError):
            path = path.relative_to(base)
    if finding.line:  # file:line, as editors and terminals take it
        return f"{path}:{finding.line}"
    return f"{path} ¶{finding.paragraph}" if finding.paragraph else str(path)


def findings_rows(findings: Iterable[Finding], base: Path | None = None) -> list[list[str]]:
    """Rows ``[code, severity, file:line (or file ¶paragraph), message]`` for a table (paths
    relative to ``base``)."""
    return [[f.code, f.severity, _where(f, base), f.message] for f in findings]


def exit_status(findings: Iterable[Finding], *, strict: bool = False) -> int:
    """1 when there is an error (or, with ``strict``, a warning); else 0."""
    failing = {"error", "warning"} if strict else {"error"}
    return int(any(f.severity in failing for f in findings))
