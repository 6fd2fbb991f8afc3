"""Hyphenation for print: pyphen's patterns, with Indonesian repaired.

WeasyPrint hyphenates with pyphen (``hyphens: auto`` and the element's ``lang``).
pyphen's French and Russian patterns are good. Its Indonesian patterns
(``hyph_id_ID.dic``) break many words of our texts wrongly, checked on the 40
longest words of the bundled Indonesian text (see ``tests/test_print_hyphenation.py``):

- one-consonant "syllables": ``la-bo-ra-to-r-i-um``, ``ber-se-m-bu-nyi``,
  ``men-do-r-ong-nya``, ``ek-s-pe-ri-men``, ``ke-cem-bu-r-u-an``;
- a digraph torn apart: ``mem-be-ri-ta-hun-ya`` (``ny`` is one sound);
- a consonant kept with the vowel before it: ``ke-pul-ang-an-nya`` (``pu-lang``),
  ``mem-bi-a-sak-an`` (the suffix is ``-kan``).

Indonesian spelling rules (PUEBI) are regular enough to repair these rather than
give up hyphenation, which narrow justified columns need: a break never leaves a
syllable without a vowel, never splits ``ng``, ``ny``, ``kh``, ``sy``, and a single
consonant between vowels starts the next syllable (``V-CV``) unless a prefix
ends there (``ber-``, ``ter-``, ``per-``, ``meng-``, ``peng-``: ``peng-en-tas-an``,
``ber-i-kut``) or the suffix ``-an`` begins (``ca-tat-an``, ``ke-pu-lang-an``), as
PUEBI and KBBI divide affixed words. Every repaired break is a syllable boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

VOWELS = set("aeiouàáâäèéêëìíîïòóôöùúûü")
DIGRAPHS = ("ng", "ny", "kh", "sy")
_PREFIX = re.compile(r"^(?:di|ke|se)?(?:ber|ter|per|memper|diper)?(?:ber|ter|per|meng|peng)$")
_SUFFIX_AN = re.compile(r"^an(?:nya|lah|kah|mu|ku)?$")


def _has_vowel(part: str) -> bool:
    return any(ch in VOWELS for ch in part)


def _consonant_before(word: str, p: int) -> int:
    """Start of the consonant (or digraph) ending at ``p``: ``p - 2`` for a digraph, else ``p - 1``."""
    if p >= 2 and word[p - 2 : p] in DIGRAPHS:
        return p - 2
    return p - 1


def repair_indonesian(word: str, positions: list[int]) -> list[int]:
    """Fix pyphen's Indonesian break positions for ``word`` (see the module doc)."""
    w = word.lower()
    n = len(w)
    points = sorted({p for p in positions if 0 < p < n})
    # 1. a part without a vowel joins its neighbour: the next part when that starts
    #    with a vowel (to-r-i-um -> to-ri-um), else the previous one (se-m-bu -> sem-bu).
    changed = True
    while changed:
        changed = False
        bounds = [0, *points, n]
        for i in range(len(bounds) - 1):
            start, end = bounds[i], bounds[i + 1]
            if _has_vowel(w[start:end]):
                continue
            if end < n and w[end] in VOWELS and start > 0:
                points.remove(end)  # glue to the next part
            elif start > 0:
                points.remove(start)  # glue to the previous part
            elif end < n:
                points.remove(end)
            changed = True
            break
    fixed: set[int] = set()
    for p in points:
        # 2. never inside a digraph: hun-ya -> hu-nya
        if w[p - 1 : p + 1] in DIGRAPHS:
            p -= 1
        # 3. V C - V: the consonant starts the next syllable, unless a prefix ends or -an begins
        if p < n and w[p] in VOWELS and p >= 1 and w[p - 1] not in VOWELS:
            c = _consonant_before(w, p)
            if c >= 1 and w[c - 1] in VOWELS:
                prefix = bool(_PREFIX.match(w[:p]))
                suffix = bool(_SUFFIX_AN.match(w[p:])) and w[c:p] != "k"  # -kan, not -an
                if not (prefix or suffix):
                    p = c
        fixed.add(p)
    bounds = [0, *sorted(fixed), n]
    return [p for p in sorted(fixed) if 0 < p < n and all(_has_vowel(w[a:b]) for a, b in zip(bounds, bounds[1:]))]


class _RepairedDict:
    """Stands in for pyphen's ``HyphDict`` of one language: same ``positions`` interface."""

    def __init__(self, base, repair) -> None:
        self.base = base
        self.repair = repair
        self.cache: dict[str, list] = {}

    def positions(self, word: str):
        from pyphen import DataInt

        key = word.lower()
        points = self.cache.get(key)
        if points is None:
            raw = [int(p) for p in self.base.positions(word) if not getattr(p, "data", None)]
            points = [DataInt(p) for p in self.repair(word, raw)]
            self.cache[key] = points
        return points


REPAIRS = {"id": repair_indonesian}


def hyphenate(word: str, lang: str, left: int = 2, right: int = 2) -> list[str]:
    """The parts print would break ``word`` into (what WeasyPrint gets from pyphen, repaired)."""
    import pyphen

    with repaired_dictionaries():
        dic = pyphen.Pyphen(lang=lang, left=left, right=right)
        points = dic.positions(word)
    bounds = [0, *points, len(word)]
    return [word[a:b] for a, b in zip(bounds, bounds[1:])]


@contextmanager
def repaired_dictionaries() -> Iterator[None]:
    """While active, pyphen (hence WeasyPrint) uses the repaired dictionaries.

    pyphen keeps one parsed dictionary per file in ``pyphen.hdcache``; the repaired
    one is put there for the time of a render and the original put back after.
    """
    import pyphen

    saved: dict = {}
    try:
        for lang, repair in REPAIRS.items():
            path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
            base = pyphen.hdcache.get(path)
            saved[path] = base
            if isinstance(base, _RepairedDict):
                continue
            if base is None:  # parse once; pyphen keeps the parsed dictionary afterwards
                base = saved[path] = pyphen.HyphDict(path)
            pyphen.hdcache[path] = _RepairedDict(base, repair)
        yield
    finally:
        for path, base in saved.items():
            if base is None:
                pyphen.hdcache.pop(path, None)
            else:
                pyphen.hdcache[path] = base
