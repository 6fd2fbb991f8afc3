"""English.

Typography: the generic rules (:mod:`enface.typography.default`) with quotation marks
“ ” and, inside them, ‘ ’. Words: every word enface puts into a book; a language that
lacks one of them gets the English one.
"""

from __future__ import annotations

from ..segment.rules import LanguageRules, abbreviations
from ..typography.common import QuoteStyle

SCRIPT = "Latn"
QUOTE_STYLE = QuoteStyle(("“", "”"), ("‘", "’"))

SEGMENTATION = LanguageRules(
    abbreviations=abbreviations(
        title="Mr.|Mrs.|Ms.|Mx.|Dr.|Prof.|St.|Mt.|Ft.|Sr.|Gen.|Col.|Capt.|Lt.|Sgt.|Rev.|Hon."
        "|Gov.|Sen.|Rep.|Messrs.|approx.|ca.",
        final="Jr.|Inc.|Ltd.|Co.|Corp.|a.m.|p.m.|esp.",
        number="Nr.|pt.|sec.|para.|Jan.|Feb.|Mar.|Apr.|Jun.|Jul.|Aug.|Sep.|Sept.|Oct.|Nov.|Dec.",
    ),
    clause_openers=frozenset(
        """
        the a an he she it they we i you this that these those there then if when but and or
        so as in on at to for with without after before his her its their our my your what
        who why how where which no not yes however thus although though while because since
        all some one each every many most meanwhile later now here even also yet still once
    """.split()
    ),
)

SHORT_WORDS = frozenset(
    "a an the of to in on at is it he she we they you and or but not for as by be was his her".split()
)
CAPITALISED_WORDS = frozenset({"I"})
REPEATABLE = frozenset({"had", "that"})  # "she had had", "that that"

WORDS = {
    "contents": "Contents",
    "parallel": "Parallel text",
    "appendix": "Appendix",
    "colophon": "About this edition",
    "title_page": "Title page",
    "paragraph": "Paragraph",
    "sources": "Sources",
    "fonts": "Fonts",
    "built": "Built with enface {version} on {date}.",
    "cover": "Cover",
    "summary_of": "Texts about",
    "rights": "Rights",
    "credits": "Credits",
    "languages": "Languages",
    # EPUB only
    "cover_alt": "Cover: {titles}",
    "landmarks": "Guide",
    "pages": "Pages of the print edition",
    "page": "page {label}",
    "translations": "Translations of note {n}",
    "back": "Back to the text",
    "other_versions": "Other versions of paragraph {n}",
    "mode_interleaved": "sentence by sentence",
    "mode_sequential": "one language after another",
    "mode_popup": "{label}, translations in notes",
    "font_licence": "Font licence",
    "pagination": "Page numbers (page list) follow the print edition (PDF) built from the same "
    "sources with the same version of enface: {source}.",
    "font_note": "{name} is a subset of {original}, made for this book and renamed as the SIL Open "
    "Font License requires for modified versions.",
    "reading_mode": "Reading mode: {mode}.",
    # colophon of the reflowable editions: what each source is
    "role_translation": "translation",
    "role_appendix": "appendix",
    # web edition only
    "web_shown": "Languages shown",
    "web_lead": "Lead language",
    "web_skip": "Skip to the text",
    "web_previous": "Previous",
    "web_next": "Next",
    "web_help": "Tap or point at a sentence to see it in every language; J and K (or the arrow keys) "
    "move from one sentence group to the next.",
    "web_page": "Print page {label}",
    # print only
    "notes": "Notes",
}
