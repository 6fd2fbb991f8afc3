"""Extract reading text from outputs, and compare it word for word with the sources.

"Nothing lost" is checked on words (``\\w+`` after NFKC and case folding), so
typography (quotes, dashes, spaces) may change while every word must survive.
Words the PDF hyphenated at a line end are rejoined when the joined form is a
word of the sources; a real hyphen ("tiba-tiba") is kept. In a parallel table
the second half of a hyphenated word is often not next to the first in the
extracted text (the next column, or the next page, comes between): such a word
counts as present when both halves are, the first one ending a line with a hyphen.

Chinese, Japanese and Korean text is compared character by character (a line may break
between any two of its characters, and the next column's line comes between the two halves
in the extracted text), and a word is cut where its script changes: in a table set right to
left, the extracted text runs from the last word of an Arabic line straight into the first
word of the French line beside it ("بقليلLe"); digits and letters are cut apart too ("6كان").
Two words of a right-to-left script may come out glued, the punctuation between them moved to
the line's end ("قائلة: «إنها" read as "قائلةإنها"): a missing word counts as present when an
extracted word is it and another word of the sources glued together.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..fonts import script_of
from ..xmlsafe import parse_bytes

CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
)
WORD = re.compile(rf"[{CJK}]|[^\W{CJK}]+")
# Hyphen, then the line break a layout engine made: "labo‐\nratoire".
_BREAK = re.compile(r"[\u2010\u00ad-][^\S\n]*\n\s*")
_CHAIN = re.compile(rf"\w+(?:{_BREAK.pattern}\w+)+")  # a word broken once or more
_COMPOUND = re.compile(r"\w+(?:-\w+)+")
_LINE_END_PREFIX = re.compile(r"(\w+)[\u2010\u00ad-][ \t]*\n")


def words(text: str) -> list[str]:
    return [part for word in WORD.findall(unicodedata.normalize("NFKC", text).casefold()) for part in _by_script(word)]


def _by_script(word: str) -> list[str]:
    """``word`` cut where the script of its letters changes, and between digits and letters
    (a paragraph number before its first word); marks go with their letters."""
    if word.isascii() and (word.isalpha() or word.isdigit()):
        return [word]
    parts, start, current = [], 0, None
    for index, char in enumerate(word):
        script = "digits" if char.isdigit() else script_of(char)
        if script is None:
            continue
        if current is not None and script != current:
            parts.append(word[start:index])
            start = index
        current = script
    parts.append(word[start:])
    return parts


def epub_text(path: Path) -> str:
    """The text of every XHTML document of an EPUB, in manifest-file order."""
    parts = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if name.endswith(".xhtml"):
                root = parse_bytes(archive.read(name))
                body = root.find("{http://www.w3.org/1999/xhtml}body")
                if body is not None:
                    parts.append(" ".join(body.itertext()))
    return "\n".join(parts)


def zip_damage(path: Path) -> str | None:
    """Why the file is not a sound ZIP (an EPUB is one), or ``None``: every entry is read and
    its CRC checked."""
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, ValueError) as exc:
        return f"not a readable ZIP (truncated or damaged): {exc}"
    if bad is not None:
        return f"damaged: entry {bad} fails its CRC check"
    return None


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def compounds(text: str) -> set[str]:
    """The hyphenated words of a source ("dit-elle", "orang-orang"), case-folded."""
    return {unicodedata.normalize("NFKC", m.group(0)).casefold() for m in _COMPOUND.finditer(text)}


def unhyphenate(text: str, vocabulary: set[str], hyphenated: set[str] = frozenset()) -> str:
    """Words broken at line ends joined again when the joined word is in ``vocabulary``,
    unless the source has the word with its hyphen (``hyphenated``): "demanda-t-\nelle" is
    "t-elle" broken at its own hyphen, not the word "telle". A long word in a narrow column
    may be broken twice ("her‐\numgesprun‐\ngen"): the longest run of pieces that makes a
    word is joined."""

    def fold(piece: str) -> str:
        return unicodedata.normalize("NFKC", piece).casefold()

    def join(match: re.Match[str]) -> str:
        chain = match.group(0)
        pieces, breaks = _BREAK.split(chain), _BREAK.findall(chain)
        out: list[str] = []
        start = 0
        while start < len(pieces):
            end = start  # the last piece joined to pieces[start]
            for last in range(len(pieces) - 1, start, -1):
                own = any(fold(f"{pieces[k]}-{pieces[k + 1]}") in hyphenated for k in range(start, last))
                if not own and fold("".join(pieces[start : last + 1])) in vocabulary:
                    end = last
                    break
            out.append("".join(pieces[start : end + 1]))
            if end < len(breaks):
                out.append(breaks[end])
            start = end + 1
        return "".join(out)

    return _CHAIN.sub(join, text)


def _pairs(compound: str) -> list[str]:
    """Each two neighbouring parts of a compound ("demanda-t-elle": "demanda-t", "t-elle"):
    where a line may break it."""
    parts = compound.split("-")
    return [f"{a}-{b}" for a, b in zip(parts, parts[1:])]


@dataclass(frozen=True)
class Fidelity:
    source: str
    total: int
    missing: Counter

    @property
    def ok(self) -> bool:
        return not self.missing

    def describe(self) -> str:
        if self.ok:
            return f"{self.source}: all {self.total} words present"
        sample = ", ".join(f"{w!r}×{n}" for w, n in self.missing.most_common(8))
        return f"{self.source}: {sum(self.missing.values())} of {self.total} words missing ({sample})"


def compare(source_name: str, source_text: str, output_text: str) -> Fidelity:
    """Every word occurrence of the source must occur at least as often in the output."""
    return compare_all([(source_name, source_text)], output_text)[0]


def compare_all(sources: list[tuple[str, str]], output_text: str) -> list[Fidelity]:
    """:func:`compare` for every (name, text) of ``sources`` against one output, its text
    rejoined and counted once (the hyphenated words rejoined with every source's words):
    multisets of words, never sequences, so a book costs a few passes over its text."""
    wanted = [(name, Counter(words(text))) for name, text in sources]
    vocabulary = {w for _name, counts in wanted for w in counts}
    hyphenated = {pair for _name, text in sources for compound in compounds(text) for pair in _pairs(compound)}
    joined = unhyphenate(output_text, vocabulary, hyphenated)
    have = Counter(words(joined))
    prefixes: Counter | None = None
    found = []
    for name, counts in wanted:
        missing = Counter({w: n - have[w] for w, n in counts.items() if have[w] < n})
        if missing:
            if prefixes is None:
                prefixes = Counter(words(" ".join(_LINE_END_PREFIX.findall(joined))))
            _match_split_words(missing, have.copy(), prefixes.copy())
            _match_glued_words(missing, have, vocabulary)
        found.append(Fidelity(name, sum(counts.values()), missing))
    return found


def right_to_left(word: str) -> bool:
    """Does the word hold a letter written right to left (Unicode bidi class R or AL)?"""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in word)


def _match_glued_words(missing: Counter, have: Counter, vocabulary: set[str]) -> None:
    """Credit missing right-to-left words found glued to another word of the sources in an
    extracted word that is no word of the sources itself (see the module's docstring)."""
    for token, count in have.items():
        if not missing:
            return
        if token in vocabulary or not right_to_left(token):
            continue
        for cut in range(1, len(token)):
            left, right = token[:cut], token[cut:]
            if left in vocabulary and right in vocabulary and (missing[left] > 0 or missing[right] > 0):
                for part in (left, right):
                    if missing[part] > 0:
                        missing[part] -= min(count, missing[part])
                break
    for word in [w for w, n in missing.items() if n <= 0]:
        del missing[word]


def _match_split_words(missing: Counter, have: Counter, prefixes: Counter) -> None:
    """Credit a missing word made of a line-final hyphenated prefix and a suffix found elsewhere,
    or of two such prefixes and a suffix: a long word broken twice in a narrow column, its first
    line at the foot of a page and the other two on the next, other columns' lines between them
    in the extracted text (the Snow Queen in seven columns: "her‐" | "umgesprun‐" … "gen!«")."""
    for word in sorted(missing):
        once = [((word[:cut],), word[cut:]) for cut in range(len(word) - 1, 0, -1)]
        twice = [
            ((word[:first], word[first:second]), word[second:])
            for first in range(1, len(word) - 1)
            for second in range(first + 1, len(word))
        ]
        for heads, tail in once + twice:
            need = Counter(heads)
            while missing[word] and have[tail] > 0 and all(prefixes[h] >= n for h, n in need.items()):
                prefixes.subtract(need)
                have[tail] -= 1
                missing[word] -= 1
    for word in [w for w, n in missing.items() if n <= 0]:
        del missing[word]
