"""Indonesian typography.

Conventions (PUEBI, *Pedoman Umum Ejaan Bahasa Indonesia*, 2016):

- Quotations in “ ”; a quotation inside one in ‘ ’.
- The dash (tanda pisah) is an **em dash without spaces**: "teman sekolah—seorang
  spesialis". A spaced hyphen " - ", " -- " or a spaced – or — becomes one;
  dashes between numbers are left alone.
- A reduplicated word is joined by a plain hyphen (masing-masing): "masing - masing"
  is a spacing slip, not a dash. Only exact repetitions are recognised; a spaced
  hyphen in a partial reduplication ("sayur - mayur") would become a dash.
- A clitic joined to a quotation keeps its hyphen without a space: “pengkhianatan”-nya.
- Apostrophes are ’; "..." is "…".
Hyphens inside words (bertanya-tanya, tiba-tiba) are never touched.
"""

from __future__ import annotations

import re

from .common import (
    AFTER_TEXT,
    BEFORE_WORD,
    LETTER,
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

STYLE = QuoteStyle(("“", "”"), ("‘", "’"))

QUOTES = quotes_rule(
    "id.quotes",
    "Quotations in “ ”, a quotation inside one in ‘ ’.",
    STYLE,
    examples=(
        ('teater "Tidak".', "teater “Tidak”."),
        ('“Saya tidak pernah bisa menulis lagi. "', "“Saya tidak pernah bisa menulis lagi.”"),
    ),
)

REDUPLICATION = Rule(
    "id.reduplication",
    "A reduplicated word takes a hyphen without spaces (masing-masing).",
    re.compile(f"\\b({LETTER}+){SPACE}+-{SPACE}+(\\1)\\b", re.IGNORECASE),
    r"\1-\2",
    examples=(("pada mereka, masing - masing.", "pada mereka, masing-masing."),),
)

DASH = Rule(
    "id.dash",
    "A spaced hyphen or dash used as a dash becomes an em dash without spaces.",
    re.compile(AFTER_TEXT + f"{SPACE}(?:-{{1,2}}|–|—){SPACE}" + BEFORE_WORD),
    dash_replacement("—"),
    examples=(
        ("teman sekolah - seorang spesialis", "teman sekolah—seorang spesialis"),
        ("bertanya-tanya", "bertanya-tanya"),
        ("10 - 20", "10 - 20"),
    ),
)

CLITIC = Rule(
    "id.clitic",
    "No space before a clitic hyphenated to a quotation (“…”-nya).",
    re.compile(f"(?<=[”’»)\\]]){SPACE}+(?=-(?:nya|ku|mu|lah|kah|tah|pun)\\b)"),
    "",
    examples=(('dengan "pengkhianatan" -nya', "dengan “pengkhianatan”-nya"),),
)

RULES: tuple[Rule, ...] = (
    *leading_rules(),
    QUOTES,
    QUOTE_SPACE_OUTSIDE,
    quote_space_inside_rule(),
    REDUPLICATION,
    DASH,
    CLITIC,
    *spacing_rules(space_before_punct(",.;:!?)]}")),
)
