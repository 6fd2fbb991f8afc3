"""Ukrainian: the generic typography with quotation marks « » and, inside them, „ “.

It would need clause openers of its own for the segmenter's tables; the generic rules
segment it meanwhile.
"""

from __future__ import annotations

from ..typography.common import QuoteStyle

SCRIPT = "Cyrl"
QUOTE_STYLE = QuoteStyle(("«", "»"), ("„", "“"))
