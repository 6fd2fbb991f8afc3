"""The shape of the splitter's per-language data: abbreviations, clause openers, quotation marks.

The splitter's rules are language-neutral; each language's tables only sharpen them, and
live in its pack (``SEGMENTATION`` in :mod:`enface.languages.<code>`). A language without
tables still gets a sound segmentation from the generic rules (single letters, initial
chains, numbers, URLs, quotation marks, the lower-case test) plus :data:`GENERIC`.

Abbreviations come in three kinds, because they fail in different ways:

* ``TITLE``: never ends a sentence, even before a capital ("Dr. Watson", "z. B. Berlin",
  "т. е. Москва"). Wrongly treating one as final gives a *false split*.
* ``FINAL``: often closes a sentence ("… usw. Dann", "… и т. д. Потом"): before a capital it
  is a boundary, before a lower-case word it is not.
* ``NUMBER``: only an abbreviation before a number ("No. 5", "p. 12", "Nr. 3"); elsewhere
  it is treated like any word.

Any abbreviation right after a number is ``FINAL`` whatever its kind: "в 1964 г. Фильм" ends
a sentence, "г. Москва" does not; so does "5 см." against "см. рис. 2".

Abbreviations are written as they usually appear; the splitter also accepts them with or
without the space between parts ("т.е." and "т. е.") and with a capital first letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .. import languages


class Abbr(Enum):
    TITLE = "title"
    FINAL = "final"
    NUMBER = "number"


@dataclass(frozen=True)
class LanguageRules:
    """What the splitter knows about one language."""

    abbreviations: dict[str, Abbr] = field(default_factory=dict)
    # Words (lower case) that open clauses: after an initial ("avec K. Si le visage…") a
    # capitalised one of these starts a new sentence, whereas an unknown capitalised word
    # is more likely a surname ("K. Marx").
    clause_openers: frozenset[str] = frozenset()
    # German, Danish, Czech… quote »like this« and „like this“: there » and “ open.
    reversed_quotes: bool = False
    # Month names: in German "am 3. Oktober" the period after a number is an ordinal.
    months: frozenset[str] = frozenset()
    # Characters the language asks questions with besides "?": Greek's question mark is ";"
    # (U+037E, which Unicode normalises to the semicolon).
    question_marks: str = ""


def abbreviations(title: str = "", final: str = "", number: str = "") -> dict[str, Abbr]:
    """An abbreviation table from ``|``-separated lists of each kind."""
    table: dict[str, Abbr] = {}
    for words, kind in ((title, Abbr.TITLE), (final, Abbr.FINAL), (number, Abbr.NUMBER)):
        for word in words.split("|"):
            if word.strip():
                table[word.strip()] = kind
    return table


# Apply to every language: postscript and nota bene markers open what follows; English
# honorifics, which translations of English books keep ("Mrs. Otis" in German and French).
GENERIC = abbreviations(
    title="P.S.|P.P.S.|PS.|N.B.|NB.|e.g.|i.e.|cf.|vs.|viz.|Dr.|Prof.|Mr.|Mrs.|Ms.",
    final="etc.",
    number="No.|no.|Nos.|nos.|Vol.|vol.|pp.|p.|ch.|Ch.|fig.|Fig.|art.|Art.",
)


def rules_for(lang: str) -> LanguageRules:
    """The tables for ``lang`` (a BCP 47 tag: only the primary subtag counts), from its pack."""
    return languages.pack(lang).segmentation
