"""A rule-based sentence splitter that never alters the text.

Why not pysbd or sentencex: measured on the bundled sources, pysbd never splits after "K."
(missing "…avec K. Si le visage…") and sentencex splits after every "K." (breaking "Selon K.,
ce…"). A character's one-letter name, a house called "S" and run-together sentences
("facile.L'incapacité") need rules that look at both sides of the period.

How it works: every run of sentence punctuation (``. ? ! …`` and their CJK/Indic/Arabic
forms) is a candidate. The closing quotation marks and brackets that follow it are taken into
the sentence (``musique?"``, ``passe. »``): a quotation's closing mark always stays with the
sentence it closes. The candidate then becomes a boundary or not by what comes next:

* a comma, semicolon, colon or a lower-case word: never a boundary (``K., ce``,
  ``?» — сокрушается он``, ``etc. et``);
* ``?``, ``!`` and ellipses before anything else: a boundary, even with the space missing
  (``Месть?Дело``);
* a CJK ``。！？``: always a boundary, but at the end of a Japanese quotation followed by
  its verb of saying (``「…。」と、ゲルダはいいました。``, one sentence as "— …, dit Gerda." is;
  as its own sentence that tail was left to pair with nothing: the Snow Queen's French and
  Japanese alone, unit boundary F1 0.931 -> 0.963, ``benchmarks/bilinguator.py``), nor
  inside such a quotation when it is short (:data:`REPORTED_SPEECH_LIMIT`; the Snow Queen's
  Japanese and Arabic, the Arabic joined every 3 paragraphs, 0.735 -> 0.800);
* a period with the space missing: a boundary only before a capitalised word (``dîner.Elle``,
  ``S.La femme``), never inside numbers, URLs, acronyms (``3.5``, ``ASP.NET``, ``P.S.``);
* a period before a capital, a digit or a quotation: a boundary unless the word before it is
  an abbreviation that never ends a sentence (:mod:`.rules`), a list number ("1. Intro"), a
  German ordinal before a month, or an initial (a single letter: "K.", "S.", "J. R. R.").

An initial before a capitalised word is the hard case: "K. Marx" is one sentence, "avec K. Si
le visage" is two. We read the capitalised word: if it is a clause opener of the language
("Si", "Il", "Jika", "Если", "Sang"), or a word the text also uses in lower case ("Жена" where
"жена"/"жены" occur), it starts a sentence; if the initial is in another script than the text
(a Latin "S" in Russian text is a label, not somebody's initial), the period ends the
sentence; otherwise the word is taken for a surname and there is no boundary.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .rules import GENERIC, Abbr, LanguageRules, rules_for

_STRONG = frozenset("?!‽⁇⁈⁉")
# sentence punctuation; {} takes a language's own question marks (LanguageRules.question_marks)
_TERMINATOR = "[.!?…‽⁇⁈⁉{}]+|[。！？｡]+|[।॥؟۔։።፧]+"
_CJK_TERMINATORS = frozenset("。！？｡")
# What follows a Japanese quotation that it belongs to: the quotative particle と (or って) and
# the verb of saying, 「カイちゃんは死んでしまったのよ。」と、ゲルダはいいました。 ("…," said Gerda).
_QUOTATIVE = ("と、", "と，", "とい", "と言", "と云", "って")
_CJK_CLOSING_QUOTES = frozenset("」』")
# The longest quotation (characters, 「 to 」) kept as one sentence with its verb of saying.
REPORTED_SPEECH_LIMIT = 120
_OTHER_TERMINATORS = frozenset("।॥؟۔։።፧")
_CLOSING_BRACKETS = frozenset(")]}）】〕")
_OPENING_BRACKETS = frozenset("([{（【〔¿¡")
_DASHES = frozenset("-‐‑‒–—―")
_QUOTES = frozenset("\"'«»„“”‚‘’‹›「」『』")
_HARD_BREAK = re.compile(r"\n[ \t\u00a0\u3000]*\n")
# Spans that contain periods but no sentence end: URLs, e-mail addresses, "[…]" elisions.
_OPAQUE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>«»\"“”]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[\[(](?:…|\.\.\.)[\])]"
)
_TRAILING_PUNCT = re.compile(r"[.,;:!?)\]»\"'”’]+$")
_WORD_AT = re.compile(r"[^\W\d_][\w'’\-]*")
_WORD_BEFORE = re.compile(r"[\w.\-'’]+$")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.-?)*[^\W\d_]$")
_ENUMERATOR = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6}|[^\W\d_])$")
_LOWER_WORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’\-]*")
_NUMBER_BEFORE = re.compile(r"\d[\s\u00a0\u202f]*$")
_SPACE = " \t\n\u00a0\u202f\u2009\u3000"


@dataclass
class _Text:
    """One text being split, with what the rules need to know about it."""

    text: str
    rules: LanguageRules
    context: str | None
    quote_roles: dict[int, str]
    abbreviation_ends: dict[int, Abbr]
    abbreviation_inner: set[int]
    opaque: set[int]
    _script: str | None = field(default=None)

    def written_in_lower_case(self, word: str) -> bool:
        """Does the text (or its context) write ``word`` in lower case: a common word, not a name?"""
        return word in _lower_case_words(self.text) or (
            self.context is not None and word in _lower_case_words(self.context)
        )

    @property
    def script(self) -> str:
        if self._script is None:
            counts: dict[str, int] = {}
            for ch in self.text[:4000]:
                if ch.isalpha():
                    name = _script_of(ch)
                    counts[name] = counts.get(name, 0) + 1
            self._script = max(counts, key=counts.__getitem__) if counts else ""
        return self._script


def split_sentences(text: str, lang: str, *, context: str | None = None) -> list[str]:
    """Split ``text`` into sentences: exact, stripped substrings of it, in order.

    ``context`` is optional larger text (the whole document) from which the splitter learns
    which words are common words rather than names; by default the text itself is used.
    """
    return [text[start:end] for start, end in split_sentences_spans(text, lang, context=context)]


def split_sentences_spans(text: str, lang: str, *, context: str | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of each sentence of ``text`` (see :func:`split_sentences`).

    A blank line always ends a sentence: each block between blank lines is split on its own
    (a heading without a period stays apart from the paragraph after it).
    """
    spans: list[tuple[int, int]] = []
    block_start = 0
    for block_end in [*(m.start() for m in _HARD_BREAK.finditer(text)), len(text)]:
        block = text[block_start:block_end]
        previous = 0
        for cut in [*_cuts(_prepare(block, lang, text if context is None else context)), len(block)]:
            start, end = _strip(block, previous, cut)
            if start < end:
                spans.append((block_start + start, block_start + end))
            previous = cut
        block_start = block_end
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _prepare(text: str, lang: str, context: str | None) -> _Text:
    rules = rules_for(lang)
    opaque: set[int] = set()
    for match in _OPAQUE.finditer(text):
        end = match.end()
        if not match.group(0).startswith(("[", "(")):
            trailing = _TRAILING_PUNCT.search(match.group(0))
            end -= len(trailing.group(0)) if trailing else 0
        opaque.update(range(match.start(), end))
    ends, inner = _find_abbreviations(text, lang)
    return _Text(
        text=text,
        rules=rules,
        context=context,
        quote_roles=_quote_roles(text, rules),
        abbreviation_ends=ends,
        abbreviation_inner=inner,
        opaque=opaque,
    )


def _cuts(doc: _Text) -> list[int]:
    """Positions where one sentence ends and the next may begin."""
    text = doc.text
    cuts: list[int] = []
    last = 0
    for match in _terminators(doc.rules.question_marks).finditer(text):
        start, end = match.span()
        if start in doc.opaque or start in doc.abbreviation_inner:
            continue
        if not any(ch.isalnum() for ch in text[last:start]):
            continue  # nothing to end yet ("…et puis", a stray "?")
        close = _after_closers(doc, end)
        if _is_boundary(doc, match.group(0), start, close, last):
            cuts.append(close)
            last = close
    return cuts


@cache
def _terminators(question_marks: str) -> re.Pattern[str]:
    """The sentence punctuation, with a language's own question marks (Greek ";")."""
    return re.compile(_TERMINATOR.format(re.escape(question_marks)))


def _after_closers(doc: _Text, position: int) -> int:
    """Take closing quotes and brackets after sentence punctuation into the sentence.

    A closing quotation mark may follow a space (French ``passe. »``); a bracket may not.
    """
    text = doc.text
    while True:
        probe = position
        while probe < len(text) and text[probe] in " \u00a0\u202f\u2009":
            probe += 1
        if probe < len(text) and doc.quote_roles.get(probe) == "close":
            position = probe + 1
        elif position < len(text) and text[position] in _CLOSING_BRACKETS:
            position += 1
        else:
            return position


def _is_boundary(doc: _Text, terminator: str, start: int, close: int, last_cut: int) -> bool:
    text = doc.text
    following = close
    while following < len(text) and text[following] in _SPACE:
        following += 1
    if terminator[0] in _CJK_TERMINATORS:
        # a Japanese quotation goes on with its verb of saying: 「…。」と、ゲルダはいいました
        if text[close - 1] in _CJK_CLOSING_QUOTES:
            return not text.startswith(_QUOTATIVE, following)
        return not _inside_reported_speech(text, close)
    if following >= len(text):
        return True
    if terminator[0] in _OTHER_TERMINATORS:
        return following > close
    glued = following == close
    first = text[following]
    if (
        _is_punctuation(first)
        and doc.quote_roles.get(following) != "open"
        and first not in _OPENING_BRACKETS
        and first not in _DASHES
    ):
        return False  # "K., ce", "etc.;", "?)"
    word_start = _skip_openers(doc, following)
    if word_start >= len(text):
        return True
    letter = text[word_start]
    if letter.islower():
        return False
    if any(ch in _STRONG or ch in doc.rules.question_marks for ch in terminator):
        return not glued or letter.isupper()
    if "…" in terminator or len(terminator) > 1:
        return not glued or _capitalised_word_at(text, word_start)
    return _period_is_boundary(doc, start, word_start, glued, last_cut)


def _inside_reported_speech(text: str, position: int) -> bool:
    """Is ``position`` inside a short Japanese quotation that its verb of saying follows?

    「くるといいな。そうすれば…。すると女王はとろけてしまうだろう。」と、男の子がいいました。 is one
    line of dialogue, as "— Qu'elle vienne donc ! dit Kay, je la mettrai…" is one sentence: cut
    at its inner 。, its last part pairs with the whole French line and the first parts with
    nothing. A long quotation (a story told inside 「…」) is still cut.
    """
    end = position
    limit = min(len(text), position + REPORTED_SPEECH_LIMIT)
    while end < limit and text[end] not in "「」":
        end += 1
    if end >= limit or text[end] != "」":
        return False
    start = text.rfind("「", max(0, position - REPORTED_SPEECH_LIMIT), position)
    if start < 0 or "」" in text[start:position] or end - start > REPORTED_SPEECH_LIMIT:
        return False
    following = end + 1
    while following < len(text) and text[following] in _SPACE:
        following += 1
    return text.startswith(_QUOTATIVE, following)


def _period_is_boundary(doc: _Text, period: int, word_start: int, glued: bool, last_cut: int) -> bool:
    """Decide a period followed by a capital, a digit or an opening mark."""
    text = doc.text
    letter = text[word_start]
    kind = doc.abbreviation_ends.get(period)
    if kind is not None and _NUMBER_BEFORE.search(text, max(0, period - 24), _abbreviation_start(text, period)):
        kind = Abbr.FINAL  # "в 1964 г. Фильм", "5 см. Потом"
    if kind is Abbr.TITLE:
        return False
    if kind is Abbr.FINAL:
        return not glued or _capitalised_word_at(text, word_start)
    if kind is Abbr.NUMBER and letter.isdigit():
        return False
    if glued:
        return _capitalised_word_at(text, word_start)
    if period - 1 in doc.opaque:
        return True  # the period after a URL or an e-mail address
    found = _WORD_BEFORE.search(text, max(0, period - 64), period)
    word = found.group(0).lstrip(".-'’") if found else ""
    if _ENUMERATOR.match(word) and not text[last_cut : period - len(word)].strip():
        return False  # a list number or letter opening the sentence: "1. Introduction"
    if word.isdigit():
        return not (doc.rules.months and _next_word(text, word_start).lower() in doc.rules.months)
    if _INITIALS.match(word):
        return _initial_ends_sentence(doc, word, word_start)
    return True


def _initial_ends_sentence(doc: _Text, initial: str, word_start: int) -> bool:
    """After an initial ("K.", "S.", "P.S."): a new sentence or a name going on?"""
    text = doc.text
    letter = text[word_start]
    if letter.isdigit():
        return False  # "S. 12", "p. 5"
    if word_start + 1 < len(text) and text[word_start + 1] == "." and letter.isalpha():
        return False  # another initial: "J. R. R. Tolkien"
    if doc.script and _script_of(initial[-1]) != doc.script:
        return True  # a Latin "S" in Russian text is a label ("в доме S. Жена…"), not an initial
    word = _next_word(text, word_start)
    if not word:
        return True  # an opening quotation mark or a symbol follows
    lowered = word.lower().replace("’", "'")
    if lowered in doc.rules.clause_openers or _elided(lowered) in doc.rules.clause_openers:
        return True
    return doc.written_in_lower_case(lowered)


@lru_cache(maxsize=4)
def _lower_case_words(text: str) -> frozenset[str]:
    """Cached: a caller passes the same document as context for each of its paragraphs."""
    return frozenset(m.group(0).replace("’", "'") for m in _LOWER_WORD.finditer(text) if m.group(0)[0].islower())


def _elided(word: str) -> str:
    """French-style elision: "l'incapacité" → "l'", so the article is what is looked up."""
    apostrophe = word.find("'")
    return word[: apostrophe + 1] if apostrophe > 0 else word


def _next_word(text: str, position: int) -> str:
    found = _WORD_AT.match(text, position)
    return found.group(0) if found else ""


def _skip_openers(doc: _Text, position: int) -> int:
    text = doc.text
    while position < len(text) and (
        text[position] in _OPENING_BRACKETS
        or text[position] in _DASHES
        or text[position] in _SPACE
        or doc.quote_roles.get(position) == "open"
    ):
        position += 1
    return position


def _capitalised_word_at(text: str, position: int) -> bool:
    """A capital followed by a lower-case letter, an elision or a space: "Elle", "L'inc", "Я "."""
    if position >= len(text) or not text[position].isupper():
        return False
    if position + 1 >= len(text):
        return True
    after = text[position + 1]
    if after.islower() or after.isspace():
        return True
    return after in "'’" and position + 2 < len(text) and text[position + 2].isalpha()


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


@cache
def _script_of(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return ""


def _abbreviation_start(text: str, period: int) -> int:
    found = _WORD_BEFORE.search(text, max(0, period - 24), period)
    return found.start() if found else period


# --- quotation marks ---------------------------------------------------------------------

_FIXED_ROLES = {"„": "open", "‚": "open", "「": "open", "『": "open", "」": "close", "』": "close"}
_DEFAULT_ROLES = {
    "«": "open",
    "»": "close",
    "‹": "open",
    "›": "close",
    "“": "open",
    "”": "close",
    "‘": "open",
    "’": "close",
}
_REVERSED_ROLES = {
    "«": "close",
    "»": "open",
    "‹": "close",
    "›": "open",
    "“": "close",
    "”": "close",
    "‘": "close",
    "’": "close",
}


def _quote_roles(text: str, rules: LanguageRules) -> dict[int, str]:
    """Whether each quotation mark opens or closes a quotation (apostrophes are left out).

    The side a mark leans on decides first ( ``"word`` opens, ``word"`` closes); a mark with
    space on both sides or on neither is decided by its shape (``«`` opens, except in German
    and its neighbours), and a straight ``"`` or ``'`` by whether one is open already. A mark
    at the very end of the text closes.
    """
    roles: dict[int, str] = {}
    depth = {'"': 0, "'": 0}
    defaults = _REVERSED_ROLES if rules.reversed_quotes else _DEFAULT_ROLES
    content_end = len(text.rstrip())
    for index, ch in enumerate(text):
        if ch not in _QUOTES:
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if ch in "'’" and before.isalpha() and after.isalpha():
            continue  # an apostrophe: l'expérience, don’t
        if ch in _FIXED_ROLES:
            roles[index] = _FIXED_ROLES[ch]
            continue
        left_open = before.isspace() or before in _OPENING_BRACKETS or before in _DASHES
        right_open = after.isspace() or after in ",;:.!?" or after in _CLOSING_BRACKETS
        if index + 1 >= content_end:
            role = "close"
        elif left_open and not right_open:
            role = "open"
        elif right_open and not left_open:
            role = "close"
        elif ch in depth:
            role = "close" if depth[ch] > 0 else "open"
        else:
            role = defaults[ch]
        if ch in depth:
            depth[ch] = depth[ch] + 1 if role == "open" else max(0, depth[ch] - 1)
        roles[index] = role
    return roles


# --- abbreviations -----------------------------------------------------------------------


@cache
def _abbreviation_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, Abbr]]:
    """One regex for every abbreviation of ``lang``, longest first, spaces optional."""
    table: dict[str, Abbr] = {**GENERIC, **rules_for(lang).abbreviations}
    keys: dict[str, Abbr] = {}
    alternatives: list[tuple[int, str]] = []
    for abbreviation, kind in table.items():
        compact = abbreviation.replace(" ", "")
        keys[compact] = kind
        variants = {compact}
        letters = compact.replace(".", "")
        if len(letters) > 1 and compact[0].islower():
            variants.add(compact[0].upper() + compact[1:])
        for variant in variants:
            keys[variant] = kind
            pieces = variant.split(".")[:-1]
            regex = r"\.\s?".join(re.escape(piece) for piece in pieces) + r"\."
            alternatives.append((len(variant), regex))
    alternatives.sort(key=lambda item: -item[0])
    pattern = re.compile(r"(?<![\w.\-])(?:" + "|".join(regex for _, regex in alternatives) + ")")
    return pattern, keys


def _find_abbreviations(text: str, lang: str) -> tuple[dict[int, Abbr], set[int]]:
    """Positions of abbreviations' final periods (with their kind) and of their inner periods."""
    pattern, keys = _abbreviation_pattern(lang)
    ends: dict[int, Abbr] = {}
    inner: set[int] = set()
    for match in pattern.finditer(text):
        compact = re.sub(r"\s", "", match.group(0))
        kind = keys.get(compact)
        if kind is None:
            continue
        last = match.end() - 1
        ends[last] = kind
        inner.update(i for i in range(match.start(), last) if text[i] == ".")
    return ends, inner
