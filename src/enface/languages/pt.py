"""Portuguese: the generic typography with quotation marks « » and, inside them, “ ”; segmentation tables."""

from __future__ import annotations

from ..segment.rules import LanguageRules, abbreviations
from ..typography.common import QuoteStyle

SCRIPT = "Latn"
QUOTE_STYLE = QuoteStyle(("«", "»"), ("“", "”"))

SEGMENTATION = LanguageRules(
    abbreviations=abbreviations(
        title="Sr.|Sra.|Srta.|Dra.|V.Exa.|Exmo.|Exma.|Sto.|Sta.", final="etc.", number="pág.|págs.|nº.|cap."
    ),
    clause_openers=frozenset(
        """
        o a os as um uma uns umas ele ela eles elas eu tu nós vós você vocês este esta isto
        esse essa isso se mas e ou quando onde como em com por para sem depois antes então
        não sim seu sua seus suas meu minha que quem porque embora já também há no na nos nas
    """.split()
    ),
)
