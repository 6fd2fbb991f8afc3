"""Suspected typos and run-together words, with Hunspell dictionaries.

Dictionaries are the system's Hunspell files (the Debian packages the language
packs name, e.g. ``hunspell-fr``), read through ``chunspell``, a maintained
binding that bundles libhunspell. It was chosen over the pure-Python ``spylls``
after measuring both: loading the Russian dictionary takes 0.3 s instead of 4 s,
and one suggestion 0.1-0.6 s instead of up to 16 s. Dictionaries load on first
use and stay loaded for the process.

What is reported, and why so little: a summary is full of names (Bach, Carlyle,
Teshigahara, Такемицу) that no dictionary knows, so capitalised words are only
checked for being two words run together ("Когдаон" → "Когда он"); lower-case
words are checked for that and, failing it, reported as unknown with suggestions,
once per file. Words with digits, all-capital words and one- or two-letter words
are never checked. Where a dictionary lacks most affixed forms (Hunspell's
Indonesian: "topengnya", "diperban"), the language pack gives the stems to try
before a word is called unknown. What each language needs (short words, words
capitalised by rule, stems, clitics) is in its pack (:mod:`enface.languages`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import languages

# Where Hunspell dictionaries are looked for, after $ENFACE_HUNSPELL_PATH and
# $DICPATH (Hunspell's own variable), both lists of folders.
SYSTEM_DIRS = (
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
    "~/Library/Spelling",
    "/Library/Spelling",
)

# Short words that may be one half of a run-together pair are the pack's ``short_words``;
# other halves must have four letters or more (see LanguagePack).
MIN_LENGTH = 3  # shorter words are not checked

# Capitals mid-sentence: languages that capitalise nouns are not checked, and some
# words are capitalised by rule (the pack's ``capitalised_words``: Indonesian "Anda").
SENTENCE_ENDS = ".!?…"
SENTENCE_OPENERS = SENTENCE_ENDS + ":;«“„‘‚\"'—–-(["
CLOSING_QUOTES = "»”“’\"'"


def dictionary_dirs() -> list[Path]:
    dirs: list[str] = []
    for variable in ("ENFACE_HUNSPELL_PATH", "DICPATH"):
        dirs += [d for d in os.environ.get(variable, "").split(os.pathsep) if d]
    dirs += SYSTEM_DIRS
    return [Path(d).expanduser() for d in dirs]


def _candidate_names(lang: str) -> list[str]:
    """File stems to try for a BCP 47 tag: pt-BR → pt_BR, pt, pt_PT; ru → ru, ru_RU.

    The pack's dictionary name (``HUNSPELL``) comes before the guessed ``pt_PT`` form."""
    primary = languages.primary(lang).lower()
    names = []
    if "-" in lang:
        names.append(lang.replace("-", "_"))
    names += [primary, languages.pack(lang).hunspell or "", f"{primary}_{primary.upper()}"]
    return [name for i, name in enumerate(names) if name and name not in names[:i]]


def find_dictionary(lang: str) -> Path | None:
    """The ``.aff`` file of the best dictionary for ``lang`` (its ``.dic`` beside it), if any."""
    primary = languages.primary(lang).lower()
    for folder in dictionary_dirs():
        if not folder.is_dir():
            continue
        for name in _candidate_names(lang):
            aff = folder / f"{name}.aff"
            if aff.is_file() and aff.with_suffix(".dic").is_file():
                return aff
        regional = sorted(p for p in folder.glob(f"{primary}_*.aff") if p.with_suffix(".dic").is_file())
        if regional:
            return regional[0]
    return None


class Speller:
    """One Hunspell dictionary, with its answers cached (texts repeat their words)."""

    def __init__(self, aff: Path) -> None:
        from hunspell import Hunspell  # chunspell; imported here: lint without spelling needs none

        self.path = aff
        self._hunspell = Hunspell(aff.stem, hunspell_data_dir=str(aff.parent))
        self._known: dict[str, bool | None] = {}
        self._suggestions: dict[str, list[str]] = {}

    def known(self, word: str) -> bool | None:
        """Is ``word`` correct? None when the dictionary cannot spell its letters at all."""
        if word not in self._known:
            try:
                self._known[word] = bool(self._hunspell.spell(word))
            except UnicodeError:  # e.g. Cyrillic against a Latin-1 dictionary
                self._known[word] = None
        return self._known[word]

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        if word not in self._suggestions:
            try:
                self._suggestions[word] = list(self._hunspell.suggest(word))
            except UnicodeError:
                self._suggestions[word] = []
        return self._suggestions[word][:limit]


@cache
def speller(lang: str) -> Speller | None:
    """The speller for ``lang``, loaded once; None when no dictionary (or binding) is installed."""
    aff = find_dictionary(lang)
    if aff is None:
        return None
    try:
        return Speller(aff)
    except ImportError:
        return None


def binding_available() -> bool:
    try:
        import hunspell  # noqa: F401
    except ImportError:
        return False
    return True


# --- words ------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’\-‐][^\W\d_]+)*")
_SKIP_SPANS = re.compile(
    r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)+\b"
)


@dataclass(frozen=True)
class Word:
    text: str
    start: int


def words(text: str) -> Iterator[Word]:
    """Words worth checking: not touching digits, not inside URLs, addresses or dotted names."""
    skip = [m.span() for m in _SKIP_SPANS.finditer(text) if "." in m.group() or "@" in m.group()]
    for match in _WORD.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in skip):
            continue
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if (before and (before.isdigit() or before in "_@")) or (after and (after.isdigit() or after in "_@")):
            continue
        yield Word(match.group(), start)


# --- checks ------------------------------------------------------------------


@dataclass(frozen=True)
class SpellIssue:
    kind: str  # "unknown" | "run-together" | "capitalised"
    word: str
    start: int
    suggestions: tuple[str, ...] = ()


class Checker:
    """Spelling checks of one language, on top of a :class:`Speller`."""

    def __init__(self, lang: str, speller: Speller) -> None:
        self.lang = languages.primary(lang).lower()
        self.pack = languages.pack(lang)
        self.speller = speller
        self.short_words = self.pack.short_words
        self.stems = self.pack.stems
        self.attachable = self.short_words | self.pack.clitics

    def is_known(self, word: str) -> bool:
        """Known as written, through its stem, or as hyphen/apostrophe parts that are all known."""
        answer = self.speller.known(word)
        if answer is None or answer:
            return True
        lower = word.lower()
        if self.stems and any(len(s) >= MIN_LENGTH and self.speller.known(s) for s in self.stems(lower)):
            return True
        if "-" in word or "‐" in word:
            return all(self.is_known(part) for part in re.split("[-‐]", word) if part)
        for apostrophe in "’'":
            if apostrophe in word:
                head, _, tail = word.partition(apostrophe)
                # French elision (l’, qu’), English possessive ('s): the longer part must be known.
                part = tail if len(tail) >= len(head) else head
                return len(part) < MIN_LENGTH or self.is_known(part)
        return False

    def _known_part(self, part: str) -> bool:
        return bool(self.speller.known(part)) or bool(
            self.stems and any(len(s) >= MIN_LENGTH and self.speller.known(s) for s in self.stems(part.lower()))
        )

    def _plausible_half(self, part: str) -> bool:
        return (len(part) >= 4 or part.lower() in self.short_words) and self._known_part(part)

    def split(self, word: str) -> tuple[str, str] | None:
        """Two known words that ``word`` runs together, when Hunspell agrees.

        A split must be plausible (see ``LanguagePack.short_words``) and among Hunspell's own
        suggestions, which rank such splits first when they are likely.
        """
        candidates = []
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            if right.islower() and self._plausible_half(left) and self._plausible_half(right):
                candidates.append((left, right))
        if not candidates:
            return None
        suggested = set(self.speller.suggest(word, limit=10))
        confirmed = [c for c in candidates if f"{c[0]} {c[1]}" in suggested]
        return max(confirmed, key=lambda c: min(len(c[0]), len(c[1])), default=None)

    def _capital_mid_sentence(self, text: str, listed: list[Word], k: int) -> bool:
        """A common word capitalised mid-sentence, among lower-case words ("душевных Заболеваний")."""
        token = listed[k].text
        if (
            self.pack.capitalises_nouns
            or token in self.pack.capitalised_words
            or not token[1:].islower()
            or token[0].islower()
        ):
            return False
        before = text[: listed[k].start].rstrip()
        if not before or before[-1] in SENTENCE_OPENERS:
            return False
        if before[-1] in CLOSING_QUOTES and before[:-1].rstrip()[-1:] in SENTENCE_ENDS:
            return False  # …помощь.» Что
        neighbours = [listed[j].text for j in (k - 1, k + 1) if 0 <= j < len(listed)]
        if any(n[:1].isupper() for n in neighbours):
            return False  # a run of capitals is a name: Institut Kimia Molekul Tinggi
        return bool(self.speller.known(token.lower()))

    def check(self, text: str) -> Iterator[SpellIssue]:
        listed = list(words(text))
        for k, word in enumerate(listed):
            token = word.text
            if len(token) < MIN_LENGTH or token.isupper() or any(ch.isupper() for ch in token[1:]):
                continue
            if self.is_known(token):
                if len(token) >= 4 and self._capital_mid_sentence(text, listed, k):
                    yield SpellIssue("capitalised", token, word.start, (token.lower(),))
                continue
            if word.start and text[word.start - 1] in "-‐" and token in self.attachable:
                continue  # “pengkhianatan”-nya: a clitic after a hyphen
            simple = re.fullmatch(r"[^\W\d_]+", token) is not None
            pair = self.split(token) if simple else None
            if pair:
                yield SpellIssue("run-together", token, word.start, (f"{pair[0]} {pair[1]}",))
            elif token[0].islower():
                suggestions = [s for s in self.speller.suggest(token, limit=10) if re.sub("[ -]", "", s) != token][
                    :3
                ]  # splits were judged above
                yield SpellIssue("unknown", token, word.start, tuple(suggestions))
