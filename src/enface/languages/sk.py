"""Slovak: the generic typography with quotation marks „ “ and, inside them, ‚ ‘.

The segmenter knows that »this« and „this“ open quotations.
"""

from __future__ import annotations

from ..segment.rules import LanguageRules
from ..typography.common import QuoteStyle

SCRIPT = "Latn"
QUOTE_STYLE = QuoteStyle(("„", "“"), ("‚", "‘"))
SEGMENTATION = LanguageRules(reversed_quotes=True)
