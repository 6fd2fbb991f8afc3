"""Bilingual dictionaries from Debian's FreeDict packages, when they are installed.

FreeDict (``dict-freedict-deu-fra``, ``-fra-deu``, ``-eng-fra``, ``-fra-rus``…, CC BY-SA) installs
dictd files: ``/usr/share/dictd/freedict-SRC-TGT.index`` (one line per headword: the word, the
entry's offset and length in base 64) and ``freedict-SRC-TGT.dict.dz`` (the entries, gzip). An
entry is a headword line (``Gipfel /ˈɡɪpfl̩/ <n, masc>``), then for each sense a line of
translations, numbered when there are several senses (``2. sommet, cime``), each followed by a
gloss in the source language, which is skipped.

Nothing here is required: an edition whose language pair has no installed dictionary simply
gets no dictionary evidence (:func:`dictionary` returns None). Between two languages FreeDict
does not join (Arabic and French), two dictionaries through English may (:func:`bridge`). The development set-up
(``scripts/setup.sh``, not ``--runtime``) installs the German–French pair for the benchmark
(benchmarks/textberg.py). ``ENFACE_DICTD`` names another folder (a test's, or none).
"""

from __future__ import annotations

import bisect
import gzip
import re
from array import array
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .. import dictd

DICTD = dictd.DICTD  # tests point it elsewhere


_B64 = {ch: value for value, ch in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
_TRAILING_NUMBER = re.compile(r"\s+\d+\.\s*$")
_PARENTHESES = re.compile(r"\([^()]*\)|\[[^\]]*\]|<[^>]*>")
_LETTER = re.compile(r"[^\W\d_]")


class Dictionary:
    """One installed dictd dictionary (src → tgt), read lazily: an entry is parsed when looked up."""

    def __init__(self, index: Path) -> None:
        rows = []
        for line in index.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) < 3 or not fields[0] or fields[0].startswith("00database"):
                continue
            rows.append((fields[0].lower(), _decode(fields[1]), _decode(fields[2])))
        rows.sort()
        self.sorted_heads = [head for head, _, _ in rows]  # with repeats: one per entry
        self._places = array("q", (offset << 24 | length for _, offset, length in rows))
        with gzip.open(index.with_suffix(".dict.dz")) as compressed:
            self._data = compressed.read()
        self._parsed: dict[str, tuple[str, ...]] = {}

    def get(self, head: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The translations (lower case) of a headword (lower case)."""
        if head in self._parsed:
            return self._parsed[head]
        start = bisect.bisect_left(self.sorted_heads, head)
        stop = bisect.bisect_right(self.sorted_heads, head, lo=start)
        if start == stop:
            return default
        found: list[str] = []
        for place in self._places[start:stop]:
            offset, length = place >> 24, place & 0xFFFFFF
            try:
                found.extend(parse_entry(self._data[offset : offset + length].decode("utf-8")))
            except UnicodeDecodeError:
                continue
        self._parsed[head] = tuple(dict.fromkeys(found))
        return self._parsed[head]

    def starting_with(self, prefix: str, limit: int = 40) -> list[str]:
        """Distinct headwords that start with ``prefix`` (at most ``limit``), in order."""
        start = bisect.bisect_left(self.sorted_heads, prefix)
        out: list[str] = []
        for head in self.sorted_heads[start : start + limit]:
            if not head.startswith(prefix):
                break
            if not out or out[-1] != head:
                out.append(head)
        return out


def identity(langs: Sequence[str]) -> str:
    """The installed dictionaries between these languages (see :func:`enface.dictd.identity`)."""
    return dictd.identity(langs, DICTD)


@cache
def dictionary(src_lang: str, tgt_lang: str) -> Dictionary | None:
    """The installed dictionary from one language to another (this direction only), or None."""
    index = dictd.index_path(src_lang, tgt_lang, DICTD)
    if index is None or not (index.is_file() and index.with_suffix(".dict.dz").is_file()):
        return None
    try:
        return Dictionary(index)
    except (OSError, EOFError, UnicodeDecodeError, KeyError):
        return None  # a damaged dictionary is no dictionary


# Bridges: a dictionary from one language to another made of two through English, where
# FreeDict has none between them but has both with English (ara-eng and eng-fra for Arabic to
# French). A translation is taken through an English word only when the headword has at most
# BRIDGE_FANOUT English translations and that word at most BRIDGE_FANOUT in the other language
# (fewer senses, fewer wrong turns), and, where both dictionaries back exist, when the word
# found leads back to the headword through English as well.
VIA = dictd.VIA  # English
BRIDGE_FANOUT = 4
_WORDS = re.compile(r"[^\W\d_]+")


class Bridge:
    """Two dictionaries (src → English → tgt) read as one, with :class:`Dictionary`'s lookups."""

    def __init__(self, first: Dictionary, second: Dictionary, back: Bridge | None = None) -> None:
        self.first, self.second, self.back = first, second, back
        self._found: dict[str, tuple[str, ...]] = {}

    def get(self, head: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        if head in self._found:
            return self._found[head] or default
        out: list[str] = []
        english = self.first.get(head)
        if len(english) <= BRIDGE_FANOUT:
            for translation in english:
                # one English word: "to run" and "a house" are, "the moon" is not taken (taken,
                # the Snow Queen's Japanese against the Arabic joined by 3 lost 0.039)
                words = [w for w in _WORDS.findall(translation.removeprefix("to ")) if len(w) >= 2]
                if len(words) != 1:
                    continue
                found = self.second.get(words[0])
                if len(found) <= BRIDGE_FANOUT:
                    out.extend(found)
        out = list(dict.fromkeys(out))
        if self.back is not None:
            out = [word for word in out if head in self.back.get(word)]
        self._found[head] = tuple(out)
        return self._found[head] or default

    def starting_with(self, prefix: str, limit: int = 40) -> list[str]:
        return self.first.starting_with(prefix, limit)


@cache
def bridge(src_lang: str, tgt_lang: str) -> Bridge | None:
    """The bridge from one language to another through English (see :data:`VIA`), when no
    dictionary joins them and both with English are installed; else None."""
    src, tgt = src_lang.split("-")[0], tgt_lang.split("-")[0]
    if src == tgt or VIA in (src, tgt) or dictionary(src_lang, tgt_lang) is not None:
        return None  # French to Canadian French is no translation
    first, second = dictionary(src_lang, VIA), dictionary(VIA, tgt_lang)
    if first is None or second is None:
        return None
    there, back = dictionary(tgt_lang, VIA), dictionary(VIA, src_lang)
    return Bridge(first, second, Bridge(there, back) if there is not None and back is not None else None)


def clear_caches() -> None:
    """Forget the dictionaries and bridges read (a test that points :data:`DICTD` elsewhere)."""
    dictionary.cache_clear()
    bridge.cache_clear()


def parse_entry(text: str) -> list[str]:
    """The translations of one dictd entry: senses' translation lines, glosses skipped."""
    lines = text.split("\n")[1:]
    out: list[str] = []
    expect = True  # the first line after the headword translates when senses are not numbered
    for line in lines:
        if not line.strip():
            continue
        numbered = _NUMBERED.match(line)
        if numbered:
            body = numbered.group(2)
        elif expect and not line.startswith(" "):
            body = line
        else:
            continue  # a gloss
        remark = body.startswith("(")
        body = _TRAILING_NUMBER.sub("", body)
        while _PARENTHESES.search(body):  # innermost first: "(noun (common) (futsuumeishi))"
            body = _PARENTHESES.sub(" ", body)
        if remark and not _LETTER.search(body):
            continue  # a remark only: the jpn-* dictionaries' part of speech, before the translations
        expect = False
        for item in body.split(","):
            item = item.strip().lower()
            if item:
                out.append(item)
    return out


def _decode(value: str) -> int:
    number = 0
    for ch in value:
        number = number * 64 + _B64[ch]
    return number
