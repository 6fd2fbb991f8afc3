"""Italian: the generic typography with quotation marks « » and, inside them, “ ”; segmentation tables."""

from __future__ import annotations

from ..segment.rules import LanguageRules, abbreviations
from ..typography.common import QuoteStyle

SCRIPT = "Latn"
QUOTE_STYLE = QuoteStyle(("«", "»"), ("“", "”"))

SEGMENTATION = LanguageRules(
    abbreviations=abbreviations(
        title="Sig.|Sigg.|Dott.|Avv.|Ing.|Geom.|Egr.|Spett.", final="ecc.", number="pag.|pagg.|n.|cap."
    ),
    clause_openers=frozenset(
        """
        il lo la i gli le un uno una l' un' egli ella lui lei loro io tu noi voi questo questa
        quello quella se ma e o quando dove come in con per su da di dopo prima poi allora non
        sì suo sua suoi sue mio mia che chi perché anche già c'è
    """.split()
    ),
)
