"""Language-aware typography: quotes, dashes, spaces, apostrophes, ellipses.

Each language's conventions are rules as data in its language pack
(``TYPOGRAPHY`` in :mod:`enface.languages.fr`, ``.ru``, ``.id``; :mod:`.default`, with
the pack's quotation marks if it has any, for every other language), built from the
shared pieces in :mod:`.common` and applied by :mod:`.engine`.
Typography changes punctuation and spaces only: the words of a paragraph
(``re.findall(r"\\w+", text)``) are the same before and after, and ``fix`` is
idempotent. Every change is returned as a :class:`Fix`, so a build report can
count them per rule code and a reader of the report can check them.

Usage::

    result = fix('Il dit "non".', "fr")
    result.text    # 'Il dit «\u202fnon\u202f».'
    result.fixes   # [Fix(rule='fr.guillemets', ...), ...]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .. import languages
from . import default
from .engine import Edit, Fix, Rule, TypoResult, apply_rules

__all__ = [
    "RULES",
    "Edit",
    "Fix",
    "Rule",
    "RuleInfo",
    "TypoResult",
    "count_fixes",
    "describe_rules",
    "fix",
    "has_quote_convention",
    "rules_for",
]

OTHER = "*"  # the languages without rules of their own: the generic default


@cache
def rules_for(lang: str) -> tuple[Rule, ...]:
    """The rules applied to text in ``lang`` (a BCP 47 tag; only its language part counts)."""
    return languages.pack(lang).typography


def has_quote_convention(lang: str) -> bool:
    """Does typography know this language's quotation marks (and so convert straight ones)?"""
    return languages.pack(lang).quote_style is not None


def fix(text: str, lang: str) -> TypoResult:
    """Correct the typography of one paragraph (NFC, whitespace already collapsed)."""
    return apply_rules(rules_for(lang), text)


def count_fixes(fixes: Iterable[Fix]) -> dict[str, int]:
    """Fixes per rule code, most frequent first (ties by code)."""
    counts = Counter(f.rule for f in fixes)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True)
class RuleInfo:
    """A rule code as a report describes it: what it does and where it applies."""

    code: str
    description: str
    languages: tuple[str, ...]  # language codes, or "*" for every language without rules of its own
    rule: Rule

    @property
    def example_lang(self) -> str:
        """A language in which the rule's examples hold ("und" stands for the default)."""
        return "und" if OTHER in self.languages else self.languages[0]


@cache
def _registry() -> dict[str, RuleInfo]:
    """Every rule of every pack, in pack order (see ``languages.LISTED_FIRST``)."""
    packs = languages.packs()
    seen: dict[str, tuple[Rule, list[str]]] = {}
    sets = [(p.code, p.typography) for p in packs if p.own_typography]
    sets += [(OTHER, default.rules(None))]
    sets += [(p.code, p.typography) for p in packs if not p.own_typography and p.quote_style is not None]
    for lang, rules in sets:
        for rule in rules:
            entry = seen.setdefault(rule.code, (rule, []))
            if lang not in entry[1] and not (lang != OTHER and OTHER in entry[1]):
                entry[1].append(lang)
    return {code: RuleInfo(code, rule.description, tuple(langs), rule) for code, (rule, langs) in sorted(seen.items())}


def __getattr__(name: str) -> object:
    # RULES is built on first use: the packs it reads use this package's modules.
    if name == "RULES":
        return _registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def describe_rules(codes: Iterable[str] | None = None) -> list[dict[str, object]]:
    """JSON-ready descriptions of rule codes (all of them by default), for reports."""
    rules = _registry()
    wanted = rules if codes is None else {c: rules[c] for c in codes if c in rules}
    return [
        {"code": info.code, "description": info.description, "languages": list(info.languages)}
        for info in wanted.values()
    ]
