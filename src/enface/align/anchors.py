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
import unicodedata
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
# Greek, Arabic and kana runs, transliterated (anyascii) so that names meet their Latin and
# Cyrillic spellings: "Γκέρντα", "ゲルダ", "جيردا" and "Герда" all give the skeleton of "Gerda".
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_GREEK_RUN = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+|[\u0600-\u06ff]+|[\u3041-\u30ff]+")
# Modern Greek writes a foreign g, d, b as γκ, ντ, μπ ("Γκέρντα" Gerda) and u as ου.
_GREEK_CLUSTERS = (("γκ", "g"), ("γγ", "ng"), ("ντ", "d"), ("μπ", "b"), ("ου", "u"))
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
    lower = text.lower()
    if _OTHER_SCRIPT.search(lower):
        lower = _OTHER_SCRIPT.sub(_transliterated, lower)
    return "".join(_CYRILLIC.get(ch, ch) for ch in lower)


def _cyrillic(text: str) -> str:
    """Cyrillic and Greek letters transliterated, other scripts as they are."""
    lower = text.lower()
    if _GREEK.search(lower):
        lower = _GREEK_RUN.sub(_transliterated, lower)
    return "".join(_CYRILLIC.get(ch, ch) for ch in lower)


def _transliterated(match: re.Match[str]) -> str:
    from anyascii import anyascii

    text = match.group(0)
    if _GREEK.match(text):
        text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
        for cluster, sound in _GREEK_CLUSTERS:
            text = text.replace(cluster, sound)
    elif _ARABIC.match(text):
        text = text.replace("ج", "g")
    return anyascii(text).lower()


def _skeleton(word: str) -> str:
    """First three consonants of the folded Latin form, doubled letters merged."""
    folded = _latin(word).translate(_FOLD)
    consonants: list[str] = []
    for ch in folded:
        if ch.isalpha() and ch not in "aeiou" and (not consonants or consonants[-1] != ch):
            consonants.append(ch)
    return "".join(consonants[:3])
