"""Russian typography.

Conventions (Мильчин, «Справочник издателя и автора»):

- Quotations in «ёлочки»; a quotation inside one in „лапки“.
- The dash is an **em dash** "—" with a no-break space (U+00A0) before it and a
  normal space after it ("К.\u00a0— учёным"), so it never starts a line. A spaced
  hyphen " - ", " -- " or a spaced en dash " – " used as a dash becomes one; an
  em dash glued to words gets its spaces. Dashes between numbers are left alone.
- A line of dialogue (paragraph start, or just inside «) opens with "— ".
- Apostrophes are ’; "..." is "…".
Hyphens inside words (научно-технический, по-прежнему, доктор-своего) are never
touched: an unspaced hyphen is a hyphen unless a human says otherwise.
"""

from __future__ import annotations

import re

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

STYLE = QuoteStyle(("«", "»"), ("„", "“"))

QUOTES = quotes_rule(
    "ru.quotes",
    "Quotations in «ёлочки», a quotation inside one in „лапки“.",
    STYLE,
    examples=(
        ('театра "Но".', "театра «Но»."),
        ('"Он сказал "да" вчера"', "«Он сказал „да“ вчера»"),
        ("жизнь.'-Месть?Дело в том.'Что", "жизнь. «— Месть? Дело в том.» Что"),
    ),
)

DIALOGUE_DASH = Rule(
    "ru.dialogue-dash",
    "A line of dialogue opens with an em dash and a space.",
    re.compile("(?:^|(?<=«)|(?<=„))(?:[-–][ \u00a0]?|—(?:\u00a0|(?=[^\\W\\d_])))(?=[^\\W\\d_])"),
    "— ",
    examples=(("- Месть?", "— Месть?"),),
)

DASH = Rule(
    "ru.dash",
    "A spaced hyphen or en dash used as a dash becomes an em dash: no-break space before, space after.",
    re.compile(AFTER_TEXT + f"{SPACE}(?:-{{1,2}}|–) " + BEFORE_WORD),
    dash_replacement("\u00a0— "),
    examples=(
        ("Его цель - привыкнуть", "Его цель\u00a0— привыкнуть"),
        ("с 10 - 20 числа", "с 10 - 20 числа"),
        ("тиба-тиба и научно-технический", "тиба-тиба и научно-технический"),
    ),
)

DASH_SPACE = Rule(
    "ru.dash-space",
    "An em dash between words has a no-break space before it and a space after.",
    re.compile("(?<=[^\\s\\d«„(\\[])[ \u00a0\u202f\u2009]?—[ \u00a0]?(?=[^\\W\\d_]|[«„(\\[])"),
    "\u00a0— ",
    examples=(
        ("встречается с К. — учёным", "встречается с К.\u00a0— учёным"),
        ("доктор—злой гений", "доктор\u00a0— злой гений"),
    ),
)

RULES: tuple[Rule, ...] = (
    *leading_rules(),
    QUOTES,
    QUOTE_SPACE_OUTSIDE,
    quote_space_inside_rule(),
    DIALOGUE_DASH,
    DASH,
    DASH_SPACE,
    *spacing_rules(space_before_punct(",.;:!?)]}")),
)
