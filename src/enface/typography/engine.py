"""Apply typography rules to one paragraph and account for every change.

A rule is data (:class:`Rule`): a code, a description, and either a regular
expression with a replacement or, where a regex cannot see enough context (quote
pairing), a function that proposes edits. The engine applies the rules of a
language in order, repeating the whole list until nothing changes (so the order
of two rules never leaves a fix half done, and ``fix`` is idempotent), and
records each change as a :class:`Fix` with its offset in the *input* paragraph.

Rules may change punctuation and spaces only, never a word; spans that look like
URLs, e-mail addresses, domains or file names are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

Replacement = str | Callable[[re.Match[str]], str]

# How many times the whole rule list may run; real text settles in two passes.
MAX_PASSES = 6
CONTEXT = 15  # characters each side of a fix kept as its context

# Never edited: URLs, e-mail addresses, dotted names with a lower-case ASCII last
# part (example.com, index.html, e.g) and Unix paths.
PROTECTED = re.compile(
    r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z0-9]{1,6}\b(?![\w-])"
    r"|(?<!\S)~?/[\w.-]+(?:/[\w.-]*)+"
)


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Rule:
    """One typographic convention, as data.

    ``examples`` are (input, expected output) pairs; the tests run every one of
    them through ``fix`` in the rule's language, so they are checked documentation.
    """

    code: str
    description: str
    pattern: re.Pattern[str] | None = None
    replace: Replacement | None = None
    finder: Callable[[str], Iterable[Edit]] | None = None
    examples: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if (self.pattern is None) == (self.finder is None):
            raise ValueError(f"{self.code}: give either a pattern (with replace) or a finder")
        if self.pattern is not None and self.replace is None:
            raise ValueError(f"{self.code}: a pattern needs a replacement")

    def edits(self, text: str) -> Iterator[Edit]:
        """The changes this rule wants in ``text`` (no-ops left out)."""
        if self.finder is not None:
            for edit in self.finder(text):
                if text[edit.start : edit.end] != edit.replacement:
                    yield edit
            return
        assert self.pattern is not None and self.replace is not None
        for match in self.pattern.finditer(text):
            new = match.expand(self.replace) if isinstance(self.replace, str) else self.replace(match)
            if new != match.group(0):
                yield Edit(match.start(), match.end(), new)


@dataclass(frozen=True)
class Fix:
    """One change made to a paragraph: ``before`` at ``offset`` of the input became ``after``."""

    rule: str
    offset: int
    before: str
    after: str
    context: str

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "offset": self.offset,
            "before": self.before,
            "after": self.after,
            "context": self.context,
        }


@dataclass(frozen=True)
class TypoResult:
    text: str
    fixes: list[Fix] = field(default_factory=list)


@lru_cache(maxsize=1024)
def protected_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Cached: most rules leave the text unchanged, and the next rule asks again.
    return tuple(m.span() for m in PROTECTED.finditer(text))


def _overlaps(edit: Edit, spans: tuple[tuple[int, int], ...]) -> bool:
    for start, end in spans:
        if edit.start == edit.end:  # an insertion at a span's edge is outside it
            if start < edit.start < end:
                return True
        elif edit.start < end and start < edit.end:
            return True
    return False


def _trim(before: str, after: str) -> tuple[int, str, str]:
    """The smallest differing middle of two strings, and where it starts."""
    prefix = 0
    while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(before), len(after)) - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix, before[prefix : len(before) - suffix], after[prefix : len(after) - suffix]


def _select(edits: Iterable[Edit], spans: tuple[tuple[int, int], ...]) -> list[Edit]:
    """Edits in order, without overlaps (the first wins) and outside protected spans."""
    chosen: list[Edit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < last_end or (edit.start == last_end and chosen and chosen[-1].start == edit.start):
            continue
        if _overlaps(edit, spans):
            continue
        chosen.append(edit)
        last_end = edit.end
    return chosen


def apply_rule(rule: Rule, text: str, origin: list[int]) -> tuple[str, list[int], list[Fix]]:
    """Apply one rule; ``origin[i]`` maps a position of ``text`` to the input paragraph."""
    proposed = list(rule.edits(text))
    edits = _select(proposed, protected_spans(text)) if proposed else []
    if not edits:
        return text, origin, []
    pieces: list[str] = []
    new_origin: list[int] = []
    fixes: list[Fix] = []
    position = 0
    for edit in edits:
        pieces.append(text[position : edit.start])
        new_origin.extend(origin[position : edit.start])
        pieces.append(edit.replacement)
        new_origin.extend([origin[edit.start]] * len(edit.replacement))
        before = text[edit.start : edit.end]
        shift, old, new = _trim(before, edit.replacement)
        at = edit.start + shift
        context = text[max(0, at - CONTEXT) : at + len(old) + CONTEXT]
        fixes.append(Fix(rule.code, origin[at], old, new, context))
        position = edit.end
    pieces.append(text[position:])
    new_origin.extend(origin[position:])
    return "".join(pieces), new_origin, fixes


def apply_rules(rules: Iterable[Rule], text: str) -> TypoResult:
    """Run the rules until the text stops changing (at most :data:`MAX_PASSES` times)."""
    rules = tuple(rules)
    origin = list(range(len(text) + 1))
    fixes: list[Fix] = []
    for _ in range(MAX_PASSES):
        changed = False
        for rule in rules:
            text, origin, made = apply_rule(rule, text, origin)
            if made:
                changed = True
                fixes.extend(made)
        if not changed:
            break
    return TypoResult(text, fixes)
