"""The lint checks: each takes the texts and yields findings; none changes a text."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .. import languages
from ..typography import count_fixes, fix, has_quote_convention
from ..typography.common import parse_quotes
from . import spelling

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

EXCERPT = 30  # characters each side of the spot an excerpt shows

# Length outliers: a paragraph is flagged when its length ratio to a counterpart is
# beyond these multiples of the median ratio of that language pair, against every
# counterpart. Measured on the bundled edition: real paragraphs stay within
# 0.86×-1.17× (fr ¶6 against id is the widest), so these leave room for freer
# translations while a paragraph that lost half of its text is caught.
LENGTH_HIGH = 1.6
LENGTH_LOW = 0.6
# Added to both lengths before taking a ratio, so short paragraphs ("Mais la fille lui
# dit :") do not swing it: about one short sentence of letters.
LENGTH_SMOOTHING = 40
MIN_PARAGRAPHS_FOR_MEDIAN = 3
# Sentence counts: a difference of one is ordinary in translation (a clause joined or
# split); this many is worth a look.
SENTENCE_DIFFERENCE = 2


@dataclass(frozen=True)
class LintInput:
    """One source as lint sees it: its paragraphs (and, optionally, their sentences)."""

    path: Path
    lang: str
    role: str  # "translation" | "appendix"
    paragraphs: list[str]
    sentences: list[list[str]] | None = None
    lines: list[int] | None = None  # the source line where each paragraph starts, when known


@dataclass(frozen=True)
class Finding:
    """One thing a human should look at. ``paragraph`` is 1-based; 0 means the whole file;
    ``line`` is where that paragraph starts in the file (0: not known), which an editor opens."""

    code: str
    severity: Severity
    path: Path
    paragraph: int
    message: str
    excerpt: str = ""
    line: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path.as_posix(),
            "paragraph": self.paragraph,
            "line": self.line,
            "message": self.message,
            "excerpt": self.excerpt,
        }


@dataclass
class Context:
    """What several checks need, computed once: the typeset paragraphs of each text."""

    texts: list[LintInput]
    typeset: dict[int, list[str]] = field(default_factory=dict)
    fixes: dict[int, dict[str, int]] = field(default_factory=dict)

    def typeset_paragraphs(self, index: int) -> list[str]:
        if index not in self.typeset:
            text = self.texts[index]
            results = [fix(p, text.lang) for p in text.paragraphs]
            self.typeset[index] = [r.text for r in results]
            self.fixes[index] = count_fixes(f for r in results for f in r.fixes)
        return self.typeset[index]


def excerpt(text: str, start: int, end: int | None = None) -> str:
    end = start + 1 if end is None else end
    left = max(0, start - EXCERPT)
    right = min(len(text), end + EXCERPT)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


# --- spelling ----------------------------------------------------------------


def check_spelling(context: Context) -> Iterator[Finding]:
    """spell.* findings, each word once per file (at its first occurrence)."""
    missing_reported: set[str] = set()
    for index, text in enumerate(context.texts):
        primary = languages.primary(text.lang).lower()
        speller = spelling.speller(text.lang)
        if speller is None:
            if primary not in missing_reported:
                missing_reported.add(primary)
                why = (
                    "no Hunspell dictionary found"
                    if spelling.binding_available()
                    else "the chunspell package is not installed"
                )
                yield Finding(
                    "spell.no-dictionary",
                    "info",
                    text.path,
                    0,
                    f"spelling not checked for {text.lang!r}: {why} (e.g. apt-get install hunspell-{primary})",
                )
            continue
        checker = spelling.Checker(text.lang, speller)
        seen: dict[tuple[str, str], list[int]] = {}
        first: dict[tuple[str, str], Finding] = {}
        for number, paragraph in enumerate(context.typeset_paragraphs(index), start=1):
            for issue in checker.check(paragraph):
                key = (issue.kind, issue.word.lower())
                seen.setdefault(key, []).append(number)
                if key in first:
                    continue
                severity: Severity = "warning"
                if issue.kind == "run-together":
                    message = f"“{issue.word}” looks like two words run together: “{issue.suggestions[0]}”"
                elif issue.kind == "capitalised":
                    severity = "info"
                    message = f"“{issue.word}” is capitalised mid-sentence; “{issue.suggestions[0]}” is a common word"
                else:
                    hint = f" (suggestions: {', '.join(issue.suggestions)})" if issue.suggestions else ""
                    message = f"unknown word “{issue.word}”{hint}"
                first[key] = Finding(
                    f"spell.{issue.kind}",
                    severity,
                    text.path,
                    number,
                    message,
                    excerpt(paragraph, issue.start, issue.start + len(issue.word)),
                )
        for key, finding in first.items():
            others = sorted(set(seen[key]) - {finding.paragraph})
            if others:
                also = ", ".join(str(n) for n in others[:5]) + (", …" if len(others) > 5 else "")
                finding = Finding(
                    finding.code,
                    finding.severity,
                    finding.path,
                    finding.paragraph,
                    f"{finding.message}; also in paragraph {also}",
                    finding.excerpt,
                )
            yield finding


_REPEATED = re.compile(r"\b([^\W\d_]+)\s+(\1)\b", re.IGNORECASE)


def check_repeated_words(context: Context) -> Iterator[Finding]:
    """spell.repeated-word: "the the", "и и" (not "nous nous")."""
    for text in context.texts:
        allowed = languages.pack(text.lang).repeatable  # "nous nous sommes", "vous vous êtes"
        for number, paragraph in enumerate(text.paragraphs, start=1):
            for match in _REPEATED.finditer(paragraph):
                word = match.group(1)
                if word.lower() in allowed:
                    continue
                yield Finding(
                    "spell.repeated-word",
                    "warning",
                    text.path,
                    number,
                    f"“{word}” twice in a row",
                    excerpt(paragraph, match.start(), match.end()),
                )


# --- quotes, brackets ----------------------------------------------------------

_BRACKETS = {")": "(", "]": "[", "}": "{"}
# ")" that closes nothing on purpose: list markers "a)", "1)", "iv)" and smileys ":)".
_LONE_CLOSER = re.compile(r"(?:(?<!\S)(?:\d{1,3}|[^\W\d_]{1,3})|[:;]-?)\)")


# Most paragraphs one quotation may go on over and still be paired from where it opens to
# where it closes (a long speech, a letter): past it, the marks are reported paragraph by paragraph.
QUOTE_SPAN = 12
_REOPENING = re.compile(r"^\s*([«‹„‚“‘\"'])")


def quotation_end(paragraphs: list[str], start: int) -> tuple[int, bool] | None:
    """Where a quotation left open at the end of ``paragraphs[start]`` closes: the index of
    that paragraph, and whether every paragraph it goes on in opens with the mark again (the
    usual way to print a quotation over several paragraphs); None when no later paragraph
    closes it. A paragraph break inside one (a source or a converter that cut a paragraph
    in two) is then one finding, not one per paragraph."""
    joined = paragraphs[start]
    reopened = True
    for end in range(start + 1, min(start + QUOTE_SPAN, len(paragraphs))):
        paragraph = paragraphs[end]
        mark = _REOPENING.match(paragraph)
        again = joined + "\n" + paragraph[mark.end() :] if mark else None
        if again is not None and parse_quotes(again).balanced:
            return end, reopened
        if parse_quotes(joined + "\n" + paragraph).balanced:
            return end, False
        if again is not None and parse_quotes(again).open_at_end:
            joined = again
        elif parse_quotes(joined + "\n" + paragraph).open_at_end:
            joined, reopened = joined + "\n" + paragraph, False
        else:
            return None
    return None


def check_quotes(context: Context) -> Iterator[Finding]:
    """quotes.unbalanced, and typo.straight-quote for straight quotes typography had to leave."""
    for index, text in enumerate(context.texts):
        typeset = context.typeset_paragraphs(index)
        known_convention = has_quote_convention(text.lang)
        kept: list[tuple[int, str, int]] = []  # (paragraph, typeset text, position)
        spanned = 0  # paragraphs up to this one are inside a quotation paired across paragraphs
        for number, (raw, done) in enumerate(zip(text.paragraphs, typeset, strict=True), start=1):
            parse = parse_quotes(raw)
            if not parse.balanced and number <= spanned:
                continue
            if not parse.balanced:
                assert parse.problem is not None
                end = quotation_end(text.paragraphs, number - 1) if parse.open_at_end else None
                if end is not None and end[1]:
                    spanned = end[0] + 1  # printed the usual way: nothing to say
                    continue
                if end is not None:
                    spanned = end[0] + 1
                    where = text.lines[end[0]] if text.lines else 0
                    yield Finding(
                        "quotes.unbalanced",
                        "warning",
                        text.path,
                        number,
                        f"quotation mark {raw[parse.problem]} is closed only "
                        + (f"at line {where}" if where else f"in paragraph {end[0] + 1}")
                        + ": a paragraph break inside the quotation? (one that goes on over "
                        "paragraphs opens each of them with the mark again)",
                        excerpt(raw, parse.problem),
                    )
                    continue
                yield Finding(
                    "quotes.unbalanced",
                    "warning",
                    text.path,
                    number,
                    f"quotation mark {raw[parse.problem]} has no partner in this paragraph",
                    excerpt(raw, parse.problem),
                )
                continue
            kept += [(number, done, m.start()) for m in re.finditer("[\"']", done)]
        if not kept:
            continue
        if not known_convention:
            number, done, position = kept[0]
            yield Finding(
                "typo.straight-quote",
                "info",
                text.path,
                0,
                f"{len(kept)} straight quote(s) kept: enface knows no quotation-mark convention for {text.lang!r}",
                excerpt(done, position),
            )
            continue
        for number in sorted({n for n, _, _ in kept}):
            positions = [(done, p) for n, done, p in kept if n == number]
            yield Finding(
                "typo.straight-quote",
                "warning",
                text.path,
                number,
                f"{len(positions)} straight quote(s) typography could not interpret (apostrophe, prime or quotation?)",
                excerpt(*positions[0]),
            )


def check_brackets(context: Context) -> Iterator[Finding]:
    """brackets.unbalanced: ( ) [ ] { } must pair up within a paragraph."""
    for text in context.texts:
        for number, paragraph in enumerate(text.paragraphs, start=1):
            lone = {m.end() - 1 for m in _LONE_CLOSER.finditer(paragraph)}
            stack: list[int] = []
            problem: int | None = None
            for i, ch in enumerate(paragraph):
                if ch in "([{":
                    stack.append(i)
                elif ch in _BRACKETS and i not in lone:
                    if not stack or paragraph[stack[-1]] != _BRACKETS[ch]:
                        problem = i
                        break
                    stack.pop()
            if problem is None and stack:
                problem = stack[-1]
            if problem is not None:
                yield Finding(
                    "brackets.unbalanced",
                    "warning",
                    text.path,
                    number,
                    f"bracket {paragraph[problem]} has no partner in this paragraph",
                    excerpt(paragraph, problem),
                )


def check_autofix(context: Context) -> Iterator[Finding]:
    """typo.autofix: what typography will change in each file, counted per rule."""
    for index, text in enumerate(context.texts):
        context.typeset_paragraphs(index)
        counts = context.fixes[index]
        if counts:
            total = sum(counts.values())
            top = ", ".join(f"{code} ×{n}" for code, n in list(counts.items())[:6])
            more = ", …" if len(counts) > 6 else ""
            yield Finding(
                "typo.autofix",
                "info",
                text.path,
                0,
                f"typography will make {total} change(s) when building: {top}{more}",
            )


# --- alignment -----------------------------------------------------------------


def _size(paragraph: str) -> int:
    return sum(ch.isalnum() for ch in paragraph)


def _translations(context: Context) -> list[LintInput]:
    return [t for t in context.texts if t.role == "translation"]


def _paired_by_position(context: Context) -> list[LintInput]:
    """The translations with as many paragraphs as the first: the ones whose n-th paragraphs
    can be compared with each other (the length and sentence checks). A version paragraphed
    otherwise is aligned by its content, which lint does not do: the build's findings and
    ``enface align --review`` show its units."""
    translations = _translations(context)
    return [t for t in translations if len(t.paragraphs) == len(translations[0].paragraphs)]


def check_paragraph_counts(context: Context) -> Iterator[Finding]:
    """align.paragraph-count: a translation paragraphed otherwise than the first."""
    translations = _translations(context)
    if len(translations) < 2:
        return
    reference = translations[0]
    for text in translations[1:]:
        if len(text.paragraphs) != len(reference.paragraphs):
            yield Finding(
                "align.paragraph-count",
                "info",
                text.path,
                0,
                f"{len(text.paragraphs)} paragraphs, but {reference.lang} "
                f"({reference.path.name}) has {len(reference.paragraphs)}: the build aligns them by "
                "their content; check the units that join paragraphs or stand empty in its findings "
                "and with `enface align --review` (lint compares its paragraphs with no other's)",
            )


def check_length_outliers(context: Context) -> Iterator[Finding]:
    """align.length-outlier: a paragraph much longer or shorter than its counterparts."""
    translations = _paired_by_position(context)
    if len(translations) < 2:
        return
    count = min(len(t.paragraphs) for t in translations)
    if count < MIN_PARAGRAPHS_FOR_MEDIAN:
        return
    sizes = [[_size(p) + LENGTH_SMOOTHING for p in t.paragraphs[:count]] for t in translations]
    medians = {
        (a, b): statistics.median(sizes[a][i] / sizes[b][i] for i in range(count))
        for a in range(len(translations))
        for b in range(len(translations))
        if a != b
    }
    for a, text in enumerate(translations):
        for i in range(count):
            deviations = {
                translations[b].lang: sizes[a][i] / sizes[b][i] / medians[(a, b)]
                for b in range(len(translations))
                if b != a
            }
            values = list(deviations.values())
            if all(v > LENGTH_HIGH for v in values) or all(v < LENGTH_LOW for v in values):
                longer = values[0] > 1
                detail = ", ".join(f"{v:.2f}× against {lang}" for lang, v in deviations.items())
                yield Finding(
                    "align.length-outlier",
                    "warning",
                    text.path,
                    i + 1,
                    f"{'longer' if longer else 'shorter'} than usual compared with the other "
                    f"versions of this paragraph ({detail}, relative to the usual ratio): "
                    f"{'an addition or a repeat' if longer else 'a missing passage'}?",
                    excerpt(text.paragraphs[i], 0, 0),
                )


def check_sentence_counts(context: Context) -> Iterator[Finding]:
    """align.sentence-count: versions of a paragraph with clearly different sentence counts."""
    translations = [t for t in _paired_by_position(context) if t.sentences is not None]
    if len(translations) < 2:
        return
    count = min(len(t.sentences or []) for t in translations)
    for i in range(count):
        counts = {t.lang: len((t.sentences or [])[i]) for t in translations}
        for index, text in enumerate(translations):
            mine = counts[text.lang]
            others = {lang: n for lang, n in counts.items() if lang != text.lang}
            far = all(abs(mine - n) >= SENTENCE_DIFFERENCE for n in others.values())
            # With two versions both differ from each other: report the second only.
            if far and (len(translations) > 2 or index > 0):
                detail = ", ".join(f"{n} in {lang}" for lang, n in others.items())
                yield Finding(
                    "align.sentence-count",
                    "info",
                    text.path,
                    i + 1,
                    f"{mine} sentences here, {detail}: a sentence lost, added or mis-split?",
                    excerpt(text.paragraphs[i], 0, 0),
                )


ALL_CHECKS = (
    check_paragraph_counts,
    check_length_outliers,
    check_sentence_counts,
    check_quotes,
    check_brackets,
    check_repeated_words,
    check_spelling,
    check_autofix,
)
FAST_CHECKS = tuple(c for c in ALL_CHECKS if c is not check_spelling)
