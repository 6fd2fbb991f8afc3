"""Malay.

Close enough to Indonesian to share its segmentation tables and its spelling stems
and clitics (:mod:`.id`); typography and hyphenation are the generic ones.
"""

from __future__ import annotations

from . import id as indonesian

SCRIPT = "Latn"
SEGMENTATION = indonesian.SEGMENTATION
STEMS = indonesian.stems
CLITICS = indonesian.CLITICS
CAPITALISED_WORDS = frozenset({"Anda", "Tuhan"})
