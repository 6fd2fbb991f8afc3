"""Hyphenation for print: pyphen's patterns, repaired where a language pack says how.

WeasyPrint hyphenates with pyphen (``hyphens: auto`` and the element's ``lang``).
pyphen's French and Russian patterns are good; its Indonesian ones are not, and the
Indonesian pack (:mod:`enface.languages.id`) gives a ``hyphenation_repair`` that fixes
the break positions pyphen finds. This module puts such repairs in front of pyphen,
for the time of a render.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .. import languages


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


def repairs() -> dict[str, Callable[[str, list[int]], list[int]]]:
    """The hyphenation repairs the language packs declare, by language."""
    return {p.code: p.hyphenation_repair for p in languages.packs() if p.hyphenation_repair is not None}


@contextmanager
def repaired_dictionaries() -> Iterator[None]:
    """While active, pyphen (hence WeasyPrint) uses the repaired dictionaries.

    pyphen keeps one parsed dictionary per file in ``pyphen.hdcache``; the repaired
    one is put there for the time of a render and the original put back after.
    """
    import pyphen

    saved: dict = {}
    try:
        for lang, repair in repairs().items():
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
