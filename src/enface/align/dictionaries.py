"""Bilingual dictionaries from Debian's FreeDict packages, when they are installed.

FreeDict (``dict-freedict-deu-fra``, ``-fra-deu``, ``-eng-fra``, ``-fra-rus``…, CC BY-SA) installs
dictd files: ``/usr/share/dictd/freedict-SRC-TGT.index`` (one line per headword: the word, the
entry's offset and length in base 64) and ``freedict-SRC-TGT.dict.dz`` (the entries, gzip). An
entry is a headword line (``Gipfel /ˈɡɪpfl̩/ <n, masc>``), then for each sense a line of
translations, numbered when there are several senses (``2. sommet, cime``), each followed by a
gloss in the source language, which is skipped.

Nothing here is required: an edition whose language pair has no installed dictionary simply
gets no dictionary evidence (:func:`translations` returns an empty mapping). The set-up
(``scripts/setup.sh --bench``) installs the German–French pair for the benchmark.
"""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

DICTD = Path(os.environ.get("ENFACE_DICTD", "/usr/share/dictd"))

# ISO 639-1 (enface's codes) to ISO 639-3 (FreeDict's file names).
ISO_639_3 = {
    "af": "afr", "ar": "ara", "bg": "bul", "ca": "cat", "cs": "ces", "cy": "cym", "da": "dan",
    "de": "deu", "el": "ell", "en": "eng", "eo": "epo", "es": "spa", "et": "est", "fi": "fin",
    "fr": "fra", "ga": "gle", "hr": "hrv", "hu": "hun", "id": "ind", "is": "isl", "it": "ita",
    "ja": "jpn", "la": "lat", "lt": "lit", "lv": "lav", "nl": "nld", "no": "nor", "nb": "nob",
    "pl": "pol", "pt": "por", "ro": "ron", "ru": "rus", "sk": "slk", "sl": "slv", "sr": "srp",
    "sv": "swe", "tr": "tur", "uk": "ukr", "zh": "zho",
}  # fmt: skip

_B64 = {ch: value for value, ch in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
_TRAILING_NUMBER = re.compile(r"\s+\d+\.\s*$")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>")


def available(a_lang: str, b_lang: str) -> list[Path]:
    """The installed dictionaries between two languages, either direction (index files)."""
    a, b = ISO_639_3.get(a_lang.split("-")[0]), ISO_639_3.get(b_lang.split("-")[0])
    if not a or not b:
        return []
    found = []
    for src, tgt in ((a, b), (b, a)):
        index = DICTD / f"freedict-{src}-{tgt}.index"
        if index.is_file() and index.with_suffix(".dict.dz").is_file():
            found.append(index)
    return found


def translations(a_lang: str, b_lang: str) -> dict[str, frozenset[str]]:
    """Word (lower case) of ``a_lang`` → its translations (lower case) in ``b_lang``.

    Both directions' dictionaries are merged (a fra-deu entry ``sommet → Gipfel`` also gives
    ``gipfel → sommet`` when ``a_lang`` is German). Empty when none is installed.
    """
    merged: dict[str, set[str]] = {}
    a3 = ISO_639_3.get(a_lang.split("-")[0])
    for index in available(a_lang, b_lang):
        forward = index.name.startswith(f"freedict-{a3}-")
        for head, targets in _entries(str(index)).items():
            for target in targets:
                word, translation = (head, target) if forward else (target, head)
                merged.setdefault(word, set()).add(translation)
    return {word: frozenset(values) for word, values in merged.items()}


@cache
def _entries(index_path: str) -> Mapping[str, tuple[str, ...]]:
    """Headword (lower case) → translations, for one dictd dictionary (read once per process)."""
    index = Path(index_path)
    try:
        data = gzip.open(index.with_suffix(".dict.dz")).read()
        lines = index.read_text(encoding="utf-8").splitlines()
    except (OSError, EOFError, UnicodeDecodeError):
        return {}
    entries: dict[str, list[str]] = {}
    for line in lines:
        fields = line.split("\t")
        if len(fields) < 3 or fields[0].startswith("00database") or not fields[0]:
            continue
        offset, length = _decode(fields[1]), _decode(fields[2])
        try:
            text = data[offset : offset + length].decode("utf-8")
        except UnicodeDecodeError:
            continue
        found = parse_entry(text)
        if found:
            entries.setdefault(fields[0].lower(), []).extend(found)
    return {head: tuple(dict.fromkeys(values)) for head, values in entries.items()}


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
        expect = False
        body = _PARENTHESES.sub(" ", _TRAILING_NUMBER.sub("", body))
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
