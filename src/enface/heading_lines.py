"""Lines of a plain text that look like chapter headings, for ``enface init`` to propose.

Plain text has headings only when its ``[[sources]]`` entry gives a pattern (``headings =``):
the reader never guesses. A book from Project Gutenberg or a scan is plain text with "CHAPTER
I.", "Chapitre 2" or a lone "IV." above each chapter; without the pattern its chapters are
paragraphs, and the edition has no divisions. ``enface init`` drafts the manifest a user then
checks, so it proposes the pattern when enough short paragraphs share one of these shapes:

* a word and a number, the word the same in all ("CHAPTER I.", "Chapitre 12", "Глава 3");
* a Roman numeral alone ("IV", "XII.");
* a number alone ("7", "12.");
* a word and a number written out, the word the same in all ("Глава первая", "Chapitre
  premier"): lines of at most :data:`WORDED_MAX` words, capitalised, without a sentence's
  closing punctuation.

Each shape needs :data:`MIN_HEADINGS` lines at least, all numbered differently; the shape with
the most lines wins. Lines of one shape that follow each other with no text between are a
table of contents, not headings (the plain-text reader leaves such a run out too).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

MIN_HEADINGS = 3
MAX_WORDS = 8  # a heading line: its number, its word, and a short title at most
WORDED_MAX = 3  # "Глава двадцать первая"
_NUMERAL = r"(?:[IVXLCDM]+|\d+)"
_WORD_NUMBER = re.compile(rf"^(?P<word>[^\W\d_]+)\s+(?P<number>{_NUMERAL})\b(?!['’\-])")
_ROMAN = re.compile(r"^(?P<number>[IVXLCDM]+)\.?$")
_ARABIC = re.compile(r"^(?P<number>\d{1,3})\.?$")
_WORDED = re.compile(r"^(?P<word>[^\W\d_]+)\s+(?P<number>[^\W\d_]+(?:[\s\-][^\W\d_]+)?)$")


@dataclass(frozen=True)
class Suggestion:
    """A ``headings`` pattern for a plain-text source, the lines it makes headings, and their
    places among the paragraphs it was given."""

    pattern: str
    lines: tuple[str, ...]
    indices: tuple[int, ...]


def suggest(paragraphs: Sequence[str]) -> Suggestion | None:
    """The pattern whose shape the most short paragraphs have (see the module), or None."""
    shapes: dict[str, list[tuple[str, str, int]]] = defaultdict(list)  # pattern -> (line, number, index)
    for index, text in enumerate(paragraphs):
        line = text.strip()
        if "\n" in line or len(line.split()) > MAX_WORDS:
            continue
        if match := _ROMAN.match(line):
            shapes[r"^[IVXLCDM]+\.?$"].append((line, match.group("number"), index))
        elif match := _ARABIC.match(line):
            shapes[r"^\d{1,3}\.?$"].append((line, match.group("number"), index))
        elif match := _WORD_NUMBER.match(line):
            shapes[rf"^{re.escape(match.group('word'))}\s+{_NUMERAL}\b"].append((line, match.group("number"), index))
        elif (match := _WORDED.match(line)) and len(line.split()) <= WORDED_MAX and line[0].isupper():
            shapes[rf"^{re.escape(match.group('word'))}\s+[^\W\d_]+(?:[\s\-][^\W\d_]+)?$"].append(
                (line, match.group("number").lower(), index)
            )
    found = []
    for pattern, lines in shapes.items():
        indices = {index for _, _, index in lines}
        headings = [(line, number, index) for line, number, index in lines if not ({index - 1, index + 1} & indices)]
        if len(headings) >= MIN_HEADINGS and len({number for _, number, _ in headings}) == len(headings):
            found.append(Suggestion(pattern, tuple(h[0] for h in headings), tuple(h[2] for h in headings)))
    return max(found, key=lambda s: (len(s.lines), s.pattern), default=None)
