"""Luxembourgish: the generic typography and segmentation. Nouns are capitalised, so
spelling never reports capitals mid-sentence."""

from __future__ import annotations

SCRIPT = "Latn"
CAPITALISES_NOUNS = True
