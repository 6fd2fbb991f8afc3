"""Croatian: the generic typography; the segmenter knows that »this« and „this“ open quotations."""

from __future__ import annotations

from ..segment.rules import LanguageRules

SCRIPT = "Latn"
SEGMENTATION = LanguageRules(reversed_quotes=True)
