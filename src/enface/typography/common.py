"""Rules and helpers shared by every language.

Spacing rules are conservative: they insert a space only where none was, after
sentence punctuation before a capital ("facile.L'incapacité" → "facile. L’incapacité",
"S.La" → "S. La"), so numbers ("3.5"), initials followed by a space ("K. Si"),
abbreviations ("e.g.", "т. е.") and dotted names (example.com) stay as they are.

Quotes are paired by :func:`parse_quotes`: a straight quote opens at the start
of the text or after a space or an opening bracket, closes before a space or
punctuation, and is otherwise decided by whether a quote of its kind is open.
A paragraph whose quotes do not pair up is left alone (lint reports it): a
wrong guess would print a closing quote where an opening one belongs. Paired
marks take the glyphs of their nesting depth in the language's convention,
whatever they were: straight single quotes around a quotation become « » in
Russian and “ ” in English, a « » inside « » becomes “ ” in French.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .engine import Edit, Rule

Finder = Callable[[str], Iterator[Edit]]

NBSP = "\u00a0"  # no-break space
NNBSP = "\u202f"  # narrow no-break space (French « », ; ! ?)
SPACES = " \u00a0\u202f\u2009"  # the horizontal spaces the rules manage
SPACE = f"[{SPACES}]"
LETTER = r"[^\W\d_]"
# After text, not just inside an opening quote or bracket: where a space before
# punctuation or a dash belongs (the space inside « » is another rule's business).
AFTER_TEXT = "(?<=[^\\s«‹„(\\[{])"
# What may follow a dash between words: a word, or an opening quote or bracket.
BEFORE_WORD = "(?=[\\w«„“‘‚\"'(\\[])"

OPENING_CONTEXT = "([{«„“‘‚‹—–-/"  # before an opening quote
CLOSING_CONTEXT = ".,;:!?…)]}»”’›"  # after a closing quote


# --- quotes -----------------------------------------------------------------

_FAMILY = {
    '"': "double",
    "“": "double",
    "”": "double",
    "„": "double",
    "'": "single",
    "‘": "single",
    "’": "single",
    "‚": "single",
    "«": "angle",
    "»": "angle",
    "‹": "single-angle",
    "›": "single-angle",
}


@dataclass(frozen=True)
class QuoteStyle:
    """The quotation marks of a language: outer pair, and the pair used inside it."""

    outer: tuple[str, str]
    inner: tuple[str, str]

    def at(self, depth: int) -> tuple[str, str]:
        return self.outer if depth % 2 == 0 else self.inner


@dataclass(frozen=True)
class QuotePair:
    open: int  # index of the opening mark
    close: int  # index of the closing mark
    depth: int  # 0 for a quotation, 1 for a quotation inside it, ...


@dataclass(frozen=True)
class QuoteParse:
    pairs: tuple[QuotePair, ...]
    problem: int | None = None  # index of the first mark that cannot be paired
    open_at_end: bool = False  # the problem: quotations still open where the text ends

    @property
    def balanced(self) -> bool:
        return self.problem is None


def _wordchar(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def straight_role(text: str, i: int) -> str:
    """ "open", "close", "either" or "apostrophe" for the straight quote at ``text[i]``."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if text[i] == "'" and ((prev and nxt and _wordchar(prev) and _wordchar(nxt)) or prev.isdigit() or nxt.isdigit()):
        return "apostrophe"  # l'a, and the elisions and primes of '90s, 5'; never a quotation
    left = bool(nxt) and not nxt.isspace() and (not prev or prev.isspace() or prev in OPENING_CONTEXT)
    right = bool(prev) and not prev.isspace() and (not nxt or nxt.isspace() or nxt in CLOSING_CONTEXT)
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def _walk(text: str, *, straight_single: bool) -> QuoteParse:
    stack: list[tuple[int, str, str]] = []  # (index, mark, family)
    pairs: list[QuotePair] = []
    for i, mark in enumerate(text):
        family = _FAMILY.get(mark)
        if family is None:
            continue
        top = stack[-1] if stack else None
        if mark in "«‹„‚":
            role = "open"
        elif mark in "»›”":
            role = "close"
        elif mark == "“":
            role = "close" if top and top[1] == "„" else "open"
        elif mark == "‘":
            role = "close" if top and top[1] == "‚" else "open"
        elif mark == "’":
            between = 0 < i < len(text) - 1 and _wordchar(text[i - 1]) and _wordchar(text[i + 1])
            if between or not (top and top[2] == "single"):
                continue  # an apostrophe (l’oxygène, the students’)
            role = "close"
        else:
            if mark == "'" and not straight_single:
                continue
            role = straight_role(text, i)
            if role == "apostrophe":
                continue
            if role == "either":
                role = "close" if top and top[2] == family else "open"
            if role == "close" and mark == "'" and not (top and top[2] == "single"):
                continue  # elision or possessive, not a quotation mark
        if role == "open":
            stack.append((i, mark, family))
            continue
        if not top or top[2] != family:
            return QuoteParse(tuple(pairs), i)
        stack.pop()
        pairs.append(QuotePair(top[0], i, len(stack)))
    if stack:
        return QuoteParse(tuple(pairs), stack[-1][0], open_at_end=True)
    return QuoteParse(tuple(sorted(pairs, key=lambda p: p.open)))


@lru_cache(maxsize=512)
def parse_quotes(text: str) -> QuoteParse:
    """Pair the quotation marks of a paragraph.

    Straight single quotes are often apostrophes or primes ('90s, 5'); when they
    spoil the pairing, the paragraph is parsed again without them, so the double
    quotes are still converted and the single ones are left for lint to report.
    """
    full = _walk(text, straight_single=True)
    if full.balanced:
        return full
    without_single = _walk(text, straight_single=False)
    return without_single if without_single.balanced else full


def quote_glyph_edits(style: QuoteStyle) -> Finder:
    """A finder that gives every paired mark the glyph of its nesting depth."""

    def finder(text: str) -> Iterator[Edit]:
        parse = parse_quotes(text)
        if not parse.balanced:
            return
        for pair in parse.pairs:
            opening, closing = style.at(pair.depth)
            yield Edit(pair.open, pair.open + 1, opening)
            yield Edit(pair.close, pair.close + 1, closing)

    return finder


def _quote_space_outside(text: str) -> Iterator[Edit]:
    parse = parse_quotes(text)
    if not parse.balanced:
        return
    for pair in parse.pairs:
        prev = text[pair.open - 1] if pair.open else ""
        if prev and (prev.isalnum() or prev in ".,;:!?…"):
            yield Edit(pair.open, pair.open, " ")
        nxt = text[pair.close + 1] if pair.close + 1 < len(text) else ""
        if nxt.isalnum():
            yield Edit(pair.close + 1, pair.close + 1, " ")


def quote_space_inside(skip: str = "") -> Finder:
    """A finder removing spaces just inside paired marks (except the marks in ``skip``)."""

    def finder(text: str) -> Iterator[Edit]:
        parse = parse_quotes(text)
        if not parse.balanced:
            return
        for pair in parse.pairs:
            if text[pair.open] in skip:
                continue
            start = pair.open + 1
            after = start
            while after < pair.close and text[after] in SPACES:
                after += 1
            if after > start:
                yield Edit(start, after, "")
            before = pair.close
            while before > after and text[before - 1] in SPACES:
                before -= 1
            if before < pair.close:
                yield Edit(before, pair.close, "")

    return finder


def quotes_rule(code: str, description: str, style: QuoteStyle, examples: tuple[tuple[str, str], ...] = ()) -> Rule:
    return Rule(code, description, finder=quote_glyph_edits(style), examples=examples)


QUOTE_SPACE_OUTSIDE = Rule(
    "quotes.space-outside",
    "A space before an opening quotation mark and after a closing one that touch a word.",
    finder=_quote_space_outside,
    examples=(("жизнь.'Месть.'Что", "жизнь. 'Месть.' Что"),),
)


def quote_space_inside_rule(skip: str = "") -> Rule:
    return Rule(
        "quotes.space-inside",
        "No space just inside quotation marks.",
        finder=quote_space_inside(skip),
        examples=(('" Apakah ini? "', '"Apakah ini?"'),),
    )


# --- spaces -----------------------------------------------------------------


def _keep_no_break(match: re.Match[str]) -> str:
    run = match.group(0)
    for ch in run:
        if ch != " ":
            return ch
    return " "


TRIM = Rule(
    "space.trim",
    "No space at the start or end of a paragraph.",
    re.compile(f"^{SPACE}+|{SPACE}+$"),
    "",
    examples=((" bords ", "bords"),),
)

DOUBLED = Rule(
    "space.doubled",
    "One space between words (a no-break space in the run is kept).",
    re.compile(f"{SPACE}{{2,}}"),
    _keep_no_break,
    examples=(("dîner,  puis", "dîner, puis"),),
)

_FOLLOWS_PUNCT = set(" \u00a0\u202f\u2009\n" + CLOSING_CONTEXT + "\"'“")


def space_before_punct(chars: str, examples: tuple[tuple[str, str], ...] = (), after_text: str = AFTER_TEXT) -> Rule:
    """No space before ``chars``; before , and . only when they end a word (not ".5", ".com")."""
    pattern = re.compile(f"{after_text}{SPACE}+(?=[{re.escape(chars)}])")

    def replace(match: re.Match[str]) -> str:
        text, end = match.string, match.end()
        mark = text[end]
        if mark in ",.;:!?" and end + 1 < len(text) and text[end + 1] not in _FOLLOWS_PUNCT:
            return match.group(0)
        return ""

    return Rule(
        "space.before-punct",
        "No space before , . ) ] } (nor before ; : ! ?, except in French).",
        pattern,
        replace,
        examples=examples or (("un mot , puis ( ici ) .", "un mot, puis (ici)."),),
    )


AFTER_OPEN_BRACKET = Rule(
    "space.after-open-bracket",
    "No space after an opening bracket.",
    re.compile(f"(?<=[(\\[{{]){SPACE}+"),
    "",
    examples=(("( voir", "(voir"),),
)


def _is_initialism(text: str, dot: int) -> bool:
    """``U.S.A`` at ``dot``: one capital before, one capital and a dot after."""
    before = text[dot - 1] if dot >= 1 else ""
    before2 = text[dot - 2] if dot >= 2 else ""
    after2 = text[dot + 2] if dot + 2 < len(text) else ""
    return before.isupper() and not before2.isalpha() and after2 == "."


def _is_acronym_pair(text: str, dot: int) -> bool:
    """``ASP.NET``: capitals on both sides of the dot."""
    left = re.search(r"\w+$", text[:dot])
    right = re.match(r"\w+", text[dot + 1 :])
    return bool(
        left
        and right
        and len(left.group()) > 1
        and len(right.group()) > 1
        and left.group().isupper()
        and right.group().isupper()
    )


def _space_after_punct(match: re.Match[str]) -> str:
    text, mark, end = match.string, match.group(1), match.end()
    following = text[end]
    if mark in ",;":
        return mark + " "
    if not following.isupper():
        return mark
    if mark == "." and (_is_initialism(text, match.start()) or _is_acronym_pair(text, match.start())):
        return mark
    return mark + " "


AFTER_PUNCT = Rule(
    "space.after-punct",
    "A space after sentence punctuation that touches the next word (before a capital; "
    "after , and ; before any letter).",
    re.compile(f"(?<=[\\w)\\]»”’\"'%])([.!?…,;:])(?={LETTER})"),
    _space_after_punct,
    examples=(
        ("si facile.L'incapacité", "si facile. L’incapacité"),
        ("Месть?Дело", "Месть? Дело"),
        ("la maison S.La femme", "la maison S. La femme"),
    ),
)

AFTER_BRACKET = Rule(
    "space.after-bracket",
    "A space after a free-standing parenthesis that touches the next word (not in “word(s)” or “(s)he”).",
    re.compile(r"(?<!\S)(\((?=[^()]*[^\W\d_][^()]*\))[^()\s][^()]{2,}\))(?=[^\W\d_])"),
    r"\1 ",
    examples=(("(ученых-экспериментальных)действий", "(ученых-экспериментальных) действий"),),
)

ELLIPSIS = Rule(
    "punct.ellipsis",
    "Three dots are an ellipsis character.",
    re.compile(r"(?<!\.)\.\.\.(?!\.)"),
    "…",
    examples=(("Attends...", "Attends…"),),
)

APOSTROPHE = Rule(
    "punct.apostrophe",
    "A straight quote inside a word is an apostrophe ’.",
    re.compile(r"(?<=[^\W_])'(?=[^\W\d_])"),
    "’",
    examples=(("l'oxygène", "l’oxygène"), ("aujourd'hui", "aujourd’hui")),
)


def between_digits(match: re.Match[str]) -> bool:
    """True when a matched dash stands between two numbers ("10 - 20", "5 - 3")."""
    text = match.string
    left = text[: match.start()].rstrip(SPACES)
    right = text[match.end() :].lstrip(SPACES)
    return bool(left and right and left[-1].isdigit() and right[0].isdigit())


def dash_replacement(dash: str) -> Callable[[re.Match[str]], str]:
    """Replace a matched dash with ``dash`` unless it stands between two numbers."""

    def replace(match: re.Match[str]) -> str:
        return match.group(0) if between_digits(match) else dash

    return replace


def leading_rules() -> list[Rule]:
    """Rules every language runs first: spaces, ellipsis, apostrophes."""
    return [TRIM, DOUBLED, ELLIPSIS, APOSTROPHE]


def spacing_rules(before_punct: Rule) -> list[Rule]:
    """Rules every language runs after its own: spaces around punctuation and brackets."""
    return [before_punct, AFTER_OPEN_BRACKET, AFTER_PUNCT, AFTER_BRACKET]
