"""The words only the EPUB edition puts into a book, in the book's primary language.

They live with all of enface's words in the language packs (:mod:`enface.languages`);
``eword`` is :func:`enface.languages.word` under the name the EPUB writer uses.
"""

from __future__ import annotations

from ..languages import word as eword

__all__ = ["eword"]
