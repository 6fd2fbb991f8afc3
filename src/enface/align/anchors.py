"""Anchors: tokens that survive translation and so show which sentences belong together.

Lengths alone cannot tell two similar-sized neighbours apart; a shared number, a character's
initial ("K." / "К."), a proper name ("Bach" / "Баха", "Carlyle" / "Карлейль") or a quotation
can. Each sentence gets a set of anchor keys, written so that versions in Latin and Cyrillic
script meet:

* numbers: the digits ("1964");
* initials and one-letter names: the letter, transliterated ("К." → "K", "S" → "S");
* capitalised words inside a sentence (not its first word): a consonant skeleton of the
  Latin transliteration, keeping the first three consonants ("Carlyle" → "krl", "Карлейль" →
  "krl", "Bach"/"Баха" → "bk");
* a quotation: the key "«»" (any quotation marks).

In German (:data:`NOUN_CAPITALISING`) every noun is capitalised, so there capitalised words
give no name keys.

Without lexical evidence (``align_sentences(..., lexical=False)``), a bead whose two sides
share anchors gets a bonus of :data:`WEIGHT` per shared key (an additive term in the DP's
cost, in nats; :class:`.lexicon.AnchorLexicon`). With it (the default), numbers, initials
and names are tokens of :mod:`.lexicon`, weighed like every other word.
"""

from __future__ import annotations

import re
from functools import cache

from ..languages import NOUN_CAPITALISING

WEIGHT = 1.0


_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
    )
)
# Sounds that different scripts and spellings write differently, folded together.
_FOLD = str.maketrans({"c": "k", "q": "k", "x": "k", "h": "k", "g": "k", "w": "v", "j": "i", "y": "i", "z": "s"})
_NUMBER = re.compile(r"\d+")
_INITIAL = re.compile(r"(?<![\w])([^\W\d_])(?:\.|(?![\w'’\-]))")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_QUOTE = re.compile(r"[«»„“”\"]")


@cache
def anchors(sentence: str, lang: str | None = None) -> frozenset[str]:
    """The anchor keys of one sentence (see the module docstring).

    In a language that capitalises its nouns (German), capitalised words give no name keys.
    """
    keys: set[str] = {number.lstrip("0") or "0" for number in _NUMBER.findall(sentence)}
    keys.update(_latin(letter).upper() for letter in _INITIAL.findall(sentence) if letter.isupper())
    names = lang is None or lang.split("-")[0] not in NOUN_CAPITALISING
    for index, match in enumerate(_WORD.finditer(sentence)):
        if not names:
            break
        word = match.group(0)
        if index > 0 and word[0].isupper() and len(word) >= 3 and not word.isupper():
            skeleton = _skeleton(word)
            if len(skeleton) >= 2:
                keys.add(skeleton)
    if _QUOTE.search(sentence):
        keys.add("«»")
    return frozenset(keys)


def _latin(text: str) -> str:
    return "".join(_CYRILLIC.get(ch, ch) for ch in text.lower())


def _skeleton(word: str) -> str:
    """First three consonants of the folded Latin form, doubled letters merged."""
    folded = _latin(word).translate(_FOLD)
    consonants: list[str] = []
    for ch in folded:
        if ch.isalpha() and ch not in "aeiou" and (not consonants or consonants[-1] != ch):
            consonants.append(ch)
    return "".join(consonants[:3])
