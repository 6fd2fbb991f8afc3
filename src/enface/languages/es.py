"""Spanish: the generic typography with quotation marks « » and, inside them, “ ”; segmentation tables."""

from __future__ import annotations

from ..segment.rules import LanguageRules, abbreviations
from ..typography.common import QuoteStyle

SCRIPT = "Latn"
QUOTE_STYLE = QuoteStyle(("«", "»"), ("“", "”"))

SEGMENTATION = LanguageRules(
    abbreviations=abbreviations(
        title="Sr.|Sra.|Srta.|Dra.|Ud.|Uds.|Vd.|Vds.|Dña.|Sto.|Sta.", final="etc.|ss.", number="pág.|págs.|núm.|cap."
    ),
    clause_openers=frozenset(
        """
        el la los las un una unos unas lo él ella ellos ellas yo tú nosotros vosotros usted
        ustedes este esta estos estas ese esa eso esto si pero y o cuando donde como en con
        por para sin después antes entonces luego no sí su sus mi mis que quien porque aunque
        allí aquí ya también hay
    """.split()
    ),
)
