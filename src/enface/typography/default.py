"""Typography for every language without rules of its own.

Only what holds across languages: spaces (see :mod:`.common`), "..." → "…",
apostrophes ’, and a spaced hyphen used as a dash → a **spaced en dash** with a
no-break space before it ("word\u00a0– word"), the most widespread convention.
Straight quotes are converted only for the languages whose pack declares a
``QUOTE_STYLE`` (:mod:`enface.languages`), whose conventions are settled; elsewhere
they stay straight and lint reports them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .common import (
    AFTER_TEXT,
    BEFORE_WORD,
    QUOTE_SPACE_OUTSIDE,
    SPACE,
    QuoteStyle,
    dash_replacement,
    leading_rules,
    quote_space_inside_rule,
    quotes_rule,
    space_before_punct,
    spacing_rules,
)
from .engine import Rule

DASH = Rule(
    "dash.spaced-hyphen",
    "A spaced hyphen used as a dash becomes a spaced en dash, no-break space before.",
    re.compile(AFTER_TEXT + f"{SPACE}-{{1,2}} " + BEFORE_WORD),
    dash_replacement("\u00a0– "),
    examples=(
        ("a friend - a specialist", "a friend\u00a0– a specialist"),
        ("5 - 3", "5 - 3"),
        ("well-known", "well-known"),
    ),
)


def quote_rule(style: QuoteStyle | None) -> Rule | None:
    if style is None:
        return None
    return quotes_rule(
        "quotes.convention",
        "Quotation marks of the language's convention (outer and inner pair).",
        style,
        examples=(('"Yes," she said.', "“Yes,” she said."),),
    )


@lru_cache(maxsize=64)
def rules(style: QuoteStyle | None = None) -> tuple[Rule, ...]:
    """The generic rules, converting straight quotes to ``style`` when there is one."""
    quotes = quote_rule(style)
    return (
        *leading_rules(),
        *([quotes] if quotes else []),
        QUOTE_SPACE_OUTSIDE,
        quote_space_inside_rule(),
        DASH,
        *spacing_rules(space_before_punct(",.;:!?)]}")),
    )
