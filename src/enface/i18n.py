"""The few words enface itself puts into a book, in the edition's primary language.

The words live in the language packs (``WORDS`` in :mod:`enface.languages.<code>`);
a language or word not there falls back to English. Kept as an alias of
:func:`enface.languages.word` for the modules that import it from here.
"""

from __future__ import annotations

from .languages import word

__all__ = ["word"]
