"""Greek: the generic typography; the segmenter knows that ";" is the question mark."""

from __future__ import annotations

from ..segment.rules import LanguageRules

SCRIPT = "Grek"
SEGMENTATION = LanguageRules(question_marks=";\u037e")
