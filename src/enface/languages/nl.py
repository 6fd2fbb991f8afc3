"""Dutch: the generic typography with quotation marks “ ” and, inside them, ‘ ’."""

from __future__ import annotations

from ..typography.common import QuoteStyle

SCRIPT = "Latn"
QUOTE_STYLE = QuoteStyle(("“", "”"), ("‘", "’"))
