"""Typed diagnostics: every remark a build makes is a :class:`Finding` with a code.

The build gathers the findings of every stage (ingest, language check, typography,
alignment, print layout, EPUB), prints one summary table (code, severity, count, one
example; ``--verbose`` lists them all), and writes them all to ``<slug>.report.json``
under ``findings``. ``enface build --strict`` fails on warnings. Severities are the ones
``enface lint`` uses: ``error``, ``warning``, ``info``.

==============================  ========  ================================================
code                            severity  what it means
==============================  ========  ================================================
``ingest.control-chars``        warning   control characters removed from a source
``ingest.reader``               warning   anything else a reader says about a source
``ingest.publisher-matter``     info      what is not the text left out: an ebook's
                                          navigation and publisher's pages (imprint,
                                          colophon…), Project Gutenberg's header and
                                          licence, a table of contents written as links
``lang.too-short``              info      a source too short to check its language
``lang.unsupported``            info      the language identifier does not know the
                                          declared language: not checked
``align.empty-unit``            warning   a paragraph has no counterpart in a language:
                                          the unit is shown empty there
``align.empty-division``        warning   a division (chapter) has no counterpart
``align.merged-paragraphs``     warning   several paragraphs of a language are aligned
                                          together as one unit
``align.own-paragraphing``      info      the versions are paragraphed on their own: how
                                          many units join a language's paragraphs there
``align.message``               warning   another remark of the aligner
``align.low-confidence``        warning   a unit's lengths fit badly (below
                                          ``enface.align.LOW_CONFIDENCE``): check it
                                          by hand (``enface align --review``)
``align.uncertain-end``         info      a unit's end might as well be a paragraph
                                          (or a sentence) away
                                          (``enface.align.UNCERTAIN_END``,
                                          ``UNCERTAIN_SENTENCE_END``): check it by
                                          hand (``enface align --review``)
``align.summary``               info      one line: units aligned, units below the
                                          threshold, empty cells, uncertain ends (last
                                          in the table)
``typography.fixed``            info      punctuation fixes made in a source, counted
                                          per rule (every fix is in the report)
``typography.spacing-fixed``    info      spacing fixes made in a source, counted (each
                                          with its paragraph and context in the report)
``appendix.rating``             info      the last paragraph of an appendix, under 40
                                          characters and holding a number, is a rating:
                                          it is set apart
``print.narrow-columns``        warning   the page leaves columns under ~30 characters
``print.overfull-line``         warning   a printed line sticks out of its column
``print.refused-fetch``         warning   a style asked for a file outside the edition
                                          and ``styles/``: not loaded
``print.languages-unmarked``    warning   languages could not be marked in the PDF's
                                          structure tree
``print.contents-unplaced``     warning   a contents entry links to nothing laid out: its
                                          page number is printed 000
``font.missing-glyph``          warning   a character no vendored font covers, let
                                          through by ``--allow-missing-glyphs`` (else
                                          the build fails): the PDF claims no PDF/UA
                                          or PDF/A conformance
``weasyprint.message``          warning   a message of WeasyPrint
``epub.page-missing``           warning   a printed page starts at something this EPUB
                                          lacks: left out of its page-list
``epub.message``                warning   another remark of the EPUB writer
``cache.discarded``             info      stage cache entries that did not verify were
                                          recomputed (shown, not in the report: it is
                                          about this machine, not the edition)
``align.dictionaries``          info      Debian packages dictionaries between the
                                          edition's languages that are not installed:
                                          which, and how to install them (shown, not in
                                          the report)
==============================  ========  ================================================
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

CODES: dict[str, Severity] = {
    "ingest.control-chars": "warning",
    "ingest.reader": "warning",
    "ingest.publisher-matter": "info",
    "lang.too-short": "info",
    "lang.unsupported": "info",
    "align.empty-unit": "warning",
    "align.corrected": "info",
    "align.empty-division": "warning",
    "align.merged-paragraphs": "warning",
    "align.own-paragraphing": "info",
    "align.message": "warning",
    "align.low-confidence": "warning",
    "align.uncertain-end": "info",
    "align.summary": "info",
    "typography.fixed": "info",
    "typography.spacing-fixed": "info",
    "appendix.rating": "info",
    "print.narrow-columns": "warning",
    "print.overfull-line": "warning",
    "print.refused-fetch": "warning",
    "print.languages-unmarked": "warning",
    "print.contents-unplaced": "warning",
    "font.missing-glyph": "warning",
    "weasyprint.message": "warning",
    "epub.page-missing": "warning",
    "epub.message": "warning",
    "cache.discarded": "info",
    "align.dictionaries": "info",
}


@dataclass(frozen=True)
class Finding:
    """One remark of a build. ``file`` names the source (or output) it is about, ``where``
    the place in it (``paragraph 8``, ``unit 3``, ``page 12``)."""

    code: str
    severity: Severity
    message: str
    file: str | None = None
    where: str | None = None

    def render(self) -> str:
        """One line: ``file: message`` (the place is in the message where it matters)."""
        return f"{self.file}: {self.message}" if self.file else self.message

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "where": self.where,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        return cls(data["code"], data["severity"], data["message"], data.get("file"), data.get("where"))


def finding(code: str, message: str, *, file: str | None = None, where: str | None = None) -> Finding:
    """A finding of a known code, with the code's severity."""
    return Finding(code, CODES[code], message, file, where)


# Messages that other parts of enface still return as strings, recognised by their shape:
# (pattern, code, group naming the place). The first match wins; ``fallback`` otherwise.
_SHAPES: dict[str, list[tuple[re.Pattern[str], str, str | None]]] = {
    "print": [
        (re.compile(r"columns on .* leave"), "print.narrow-columns", None),
        (re.compile(r"^page (?P<n>\d+): a line sticks out"), "print.overfull-line", "page"),
        (re.compile(r"^refused to load "), "print.refused-fetch", None),
        (re.compile(r"^languages not marked"), "print.languages-unmarked", None),
        (re.compile(r"^contents: \d+ entr"), "print.contents-unplaced", None),
    ],
    "epub": [
        (re.compile(r"^EPUB page-list: printed page (?P<n>\S+) starts at"), "epub.page-missing", "page"),
    ],
    "ingest": [
        (re.compile(r"control character"), "ingest.control-chars", None),
        (re.compile(r"^left out what is not the text"), "ingest.publisher-matter", None),
    ],
}
_FALLBACK = {"align": "align.message", "print": "weasyprint.message", "epub": "epub.message", "ingest": "ingest.reader"}
_FILE_PREFIX = re.compile(r"^(?P<file>[^\s:][^:]*?\.[A-Za-z0-9]+): (?P<rest>.+)$", re.S)


def classify(message: str, origin: str, *, file: str | None = None) -> Finding:
    """A finding from a message string of ``origin`` (align, print, epub, ingest).

    For the text stages (align, ingest), a leading ``file.ext: `` becomes the finding's file
    when ``file`` is not given.
    """
    if file is None and origin in ("align", "ingest"):
        match = _FILE_PREFIX.match(message)
        if match:
            file, message = match.group("file"), match.group("rest")
    for pattern, code, place in _SHAPES.get(origin, []):
        match = pattern.search(message)
        if match:
            where = f"{place} {match.group('n')}" if place else None
            return finding(code, message, file=file, where=where)
    return finding(_FALLBACK[origin], message, file=file)


def order(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then infos; stable inside each severity."""
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))


LAST = frozenset({"align.summary"})  # summary rows, shown after all the others


def summary_rows(findings: Iterable[Finding]) -> list[tuple[str, Severity, int, str]]:
    """One row per code: (code, severity, count, the first finding as an example),
    errors first, then warnings, then infos, codes alphabetically inside each; the summary
    rows (:data:`LAST`, such as the alignment's) at the end."""
    rows: dict[str, list] = {}
    for item in findings:
        row = rows.setdefault(item.code, [item.code, item.severity, 0, item.render()])
        row[2] += 1
    ordered = sorted(rows.values(), key=lambda r: (r[0] in LAST, SEVERITIES.index(r[1]), r[0]))
    return [(code, severity, count, example) for code, severity, count, example in ordered]


def failing(findings: Iterable[Finding], *, strict: bool = False) -> list[Finding]:
    """The findings that fail a build: errors, and warnings too with ``strict``."""
    bad = {"error", "warning"} if strict else {"error"}
    return [f for f in findings if f.severity in bad]
