"""French.

Typography (French book usage, as in the Imprimerie nationale's *Lexique des règles
typographiques*):

- Quotations in guillemets « » with a narrow no-break space (U+202F) inside;
  a quotation inside a quotation in “ ”, without spaces.
- A narrow no-break space before ; ! ? and a no-break space (U+00A0) before :
  (none in "10:30"); a narrow no-break space before % after a number.
- Apostrophes are ’ (l’oxygène, aujourd’hui).
- The dash of an aside is a **spaced en dash** "–" with a no-break space before
  it and a normal space after it (« K. – un scientifique »): the line may break
  after the dash, never before it. A spaced hyphen " - " or " -- " becomes one;
  an existing spaced – or — keeps its glyph and gets the no-break space.
- A line of dialogue (paragraph start, or just inside «) opens with an em dash
  "—" and a no-break space.
- "..." is "…".
Hyphens inside words (là-bas, lui-même, peut-être) are never touched.

Spelling: Debian's ``hunspell-fr`` (``fr_FR``).
"""

from __future__ import annotations

import re

from ..segment.rules import LanguageRules, abbreviations
from ..typography.common import (
    BEFORE_WORD,
    NBSP,
    NNBSP,
    QUOTE_SPACE_OUTSIDE,
    SPACE,
    QuoteStyle,
    dash_replacement,
    leading_rules,
    quote_space_inside_rule,
    quotes_rule,
    space_before_punct,
    spacing_rules,
)
from ..typography.engine import Rule

SCRIPT = "Latn"
HUNSPELL = "fr_FR"
APT_PACKAGES = ("hunspell-fr",)

# --- typography -----------------------------------------------------------------

QUOTE_STYLE = QuoteStyle(("«", "»"), ("“", "”"))
# After text, not just inside an opening mark (“ ‘ open in French).
AFTER_TEXT = "(?<=[^\\s«‹„“‘(\\[{])"

GUILLEMETS = quotes_rule(
    "fr.guillemets",
    "Quotations in « », a quotation inside one in “ ”.",
    QUOTE_STYLE,
    examples=(
        ('Il dit "blessure grave".', "Il dit «\u202fblessure grave\u202f»."),
        ("«Il dit «non» à tous»", "«\u202fIl dit “non” à tous\u202f»"),
        ("'l'oxygène'", "«\u202fl’oxygène\u202f»"),
    ),
)

GUILLEMET_SPACE = Rule(
    "fr.guillemet-space",
    "A narrow no-break space just inside « ».",
    re.compile(f"(?<=«){SPACE}*(?=\\S)|{AFTER_TEXT}{SPACE}*(?=»)"),
    NNBSP,
    examples=(
        ("du théâtre «Non».", "du théâtre «\u202fNon\u202f»."),
        ("« Je ne pourrai plus. »", "«\u202fJe ne pourrai plus.\u202f»"),
    ),
)


def _colon_space(match: re.Match[str]) -> str:
    text, end = match.string, match.end()
    after = text[end + 1] if end + 1 < len(text) else ""
    before = text[match.start() - 1]
    if (before.isdigit() and after.isdigit()) or (after and after in "/\\"):
        return match.group(0)  # 10:30, C:\, http:
    return NBSP


NNBSP_BEFORE_PUNCT = Rule(
    "fr.nnbsp-before-punct",
    "A narrow no-break space before ; ! ? (one for “?!”).",
    re.compile(f"(?<![;!?]){AFTER_TEXT}{SPACE}*(?=[;!?])"),
    NNBSP,
    examples=(("la musique?", "la musique\u202f?"), ("Quoi ?!", "Quoi\u202f?!")),
)

NBSP_BEFORE_COLON = Rule(
    "fr.nbsp-before-colon",
    "A no-break space before a colon (not in 10:30).",
    re.compile(f"(?<!:){AFTER_TEXT}{SPACE}*(?=:)"),
    _colon_space,
    examples=(("il ne s'y attendait: même", "il ne s’y attendait\u00a0: même"), ("à 10:30", "à 10:30")),
)

NNBSP_PERCENT = Rule(
    "fr.nnbsp-percent",
    "A narrow no-break space between a number and %.",
    re.compile(f"(?<=\\d){SPACE}?(?=%)"),
    NNBSP,
    examples=(("50%", "50\u202f%"),),
)

DIALOGUE_DASH = Rule(
    "fr.dialogue-dash",
    "A line of dialogue opens with an em dash and a no-break space.",
    re.compile("(?:^|(?<=«)|(?<=«\u202f)|(?<=« )|(?<=«\u00a0))(?:[-–][ \u00a0]?|—(?: |(?=[^\\W\\d_])))(?=[^\\W\\d_])"),
    "—\u00a0",
    examples=(("- Bonjour.", "—\u00a0Bonjour."),),
)

DASH = Rule(
    "fr.dash",
    "A spaced hyphen used as a dash becomes a spaced en dash, no-break space before.",
    re.compile(AFTER_TEXT + f"{SPACE}-{{1,2}} " + BEFORE_WORD),
    dash_replacement("\u00a0– "),
    examples=(
        ("il rencontre K. - un scientifique", "il rencontre K.\u00a0– un scientifique"),
        ("de 10 - 20 ans", "de 10 - 20 ans"),
        ("là-bas, lui-même", "là-bas, lui-même"),
    ),
)

DASH_NBSP = Rule(
    "fr.dash-nbsp",
    "A no-break space before a spaced dash, so that no line starts with it.",
    re.compile(AFTER_TEXT + "[ \u2009\u202f](?=[–—] )"),
    NBSP,
    examples=(("un ami – un spécialiste", "un ami\u00a0– un spécialiste"),),
)

TYPOGRAPHY: tuple[Rule, ...] = (
    *leading_rules(),
    GUILLEMETS,
    QUOTE_SPACE_OUTSIDE,
    quote_space_inside_rule(skip="«»"),
    GUILLEMET_SPACE,
    DIALOGUE_DASH,
    DASH,
    DASH_NBSP,
    *spacing_rules(space_before_punct(",.)]}", after_text=AFTER_TEXT)),
    NNBSP_BEFORE_PUNCT,
    NBSP_BEFORE_COLON,
    NNBSP_PERCENT,
)

# --- sentence segmentation ----------------------------------------------------------

SEGMENTATION = LanguageRules(
    abbreviations=abbreviations(
        title="M.|MM.|Mme.|Mmes.|Mlle.|Mlles.|Dr.|Pr.|Me.|Mgr.|St.|Ste.|p. ex.|c.-à-d.|cf."
        "|env.|av.|apr.|boul.|bd.|éd.|coll.|chap.|trad.|cit.|op.",
        final="etc.|J.-C.|Cie.|suiv.",
        number="p.|pp.|vol.|no.|t.|fig.",
    ),
    clause_openers=frozenset(
        """
        il elle ils elles on je j' nous vous tu le la les l' un une des du de d' ce c' cet
        cette ces cela ça ceci si s' mais et ou donc or car puis alors ensuite quand lorsque
        comme dans en au aux à sur pour par avec sans après avant pendant sa son ses leur
        leurs mon ma mes notre nos votre vos qui que qu' quoi où pourquoi comment tout tous
        toute toutes aucun aucune personne rien ne n' oui non même enfin ainsi pourtant
        cependant toutefois voici voilà selon sous depuis chez entre vers malgré plus
        peut-être d'abord aujourd'hui demain hier lui eux y
    """.split()
    ),
)

# --- spelling and lint -----------------------------------------------------------------

SHORT_WORDS = frozenset(
    "à a y le la les de du des un une il ils elle on en ne je tu se ce et ou où sa son "
    "ses mon ma mes ton ta tes au aux qui que par pour sur pas nous vous est ont".split()
)
REPEATABLE = frozenset({"nous", "vous"})  # "nous nous sommes", "vous vous êtes"

# --- words -------------------------------------------------------------------------------

WORDS = {
    "contents": "Table des matières",
    "parallel": "Texte parallèle",
    "appendix": "Annexe",
    "colophon": "À propos de cette édition",
    "title_page": "Page de titre",
    "paragraph": "Paragraphe",
    "sources": "Sources",
    "fonts": "Polices",
    "built": "Composé avec enface {version} le {date}.",
    "cover": "Couverture",
    "summary_of": "Textes sur",
    "rights": "Droits",
    "credits": "Crédits",
    "languages": "Langues",
    # EPUB only
    "cover_alt": "Couverture : {titles}",
    "landmarks": "Repères",
    "pages": "Pages de l’édition imprimée",
    "page": "page {label}",
    "translations": "Traductions de la note {n}",
    "back": "Retour au texte",
    "other_versions": "Autres versions du paragraphe {n}",
    "mode_interleaved": "phrase à phrase",
    "mode_sequential": "une langue après l’autre",
    "mode_popup": "{label}, traductions en notes",
    "font_licence": "Licence des polices",
    "pagination": "Les numéros de page (liste des pages) suivent l’édition imprimée (PDF) composée à "
    "partir des mêmes sources avec la même version d’enface : {source}.",
    "font_note": "{name} est un sous-ensemble de {original}, fait pour ce livre et renommé comme "
    "l’exige la SIL Open Font License pour les versions modifiées.",
    "reading_mode": "Mode de lecture : {mode}.",
    # colophon of the reflowable editions: what each source is
    "role_translation": "traduction",
    "role_appendix": "annexe",
    # web edition only
    "web_shown": "Langues affichées",
    "web_lead": "Langue principale",
    "web_skip": "Aller au texte",
    "web_previous": "Précédent",
    "web_next": "Suivant",
    "web_help": "Touchez ou survolez une phrase pour la voir dans chaque langue ; J et K (ou les "
    "flèches) passent d’un groupe de phrases à l’autre.",
    "web_page": "Page imprimée {label}",
    # print only
    "notes": "Notes",
}
