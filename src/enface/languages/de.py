"""German.

Typography: the generic rules with quotation marks „ “ and, inside them, ‚ ‘. The
segmenter also knows »umgekehrte« guillemets, month names (in "am 3. Oktober" the
period is an ordinal's) and German abbreviations. Spelling: nouns are capitalised,
so capitals mid-sentence are never reported.
"""

from __future__ import annotations

from ..segment.rules import LanguageRules, abbreviations
from ..typography.common import QuoteStyle

SCRIPT = "Latn"
QUOTE_STYLE = QuoteStyle(("„", "“"), ("‚", "‘"))

SEGMENTATION = LanguageRules(
    abbreviations=abbreviations(
        title="z. B.|Dr.|Prof.|Hr.|Hrn.|Fr.|bzw.|ca.|vgl.|d. h.|evtl.|ggf.|sog.|u. U.|z. T."
        "|i. d. R.|St.|Str.|Jh.|Jhd.|v. a.|o. g.|s. o.|s. u.",
        final="usw.|u. a.|u. Ä.|o. Ä.|etc.|ff.|Mio.|Mrd.|Tsd.",
        number="Nr.|S.|Bd.|Abs.|Kap.|Abb.|Tab.",
    ),
    clause_openers=frozenset(
        """
        der die das den dem des ein eine einen einem einer er sie es ich wir ihr du man dies
        diese dieser dieses wenn als aber und oder doch denn dann danach so da dort hier in im
        an am auf aus bei mit nach von vom zu zum zur für über unter vor ohne nicht kein keine
        was wer wie wo warum weil dass obwohl jetzt nun auch noch schon sein seine ihre alle
    """.split()
    ),
    reversed_quotes=True,
    months=frozenset(
        """
        januar jänner februar märz april mai juni juli august september oktober november
        dezember
    """.split()
    ),
)

CAPITALISES_NOUNS = True
REPEATABLE = frozenset({"die", "der", "das"})  # "Frauen, die die Kinder …"
