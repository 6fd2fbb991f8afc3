"""Russian.

Typography (Мильчин, «Справочник издателя и автора»):

- Quotations in «ёлочки»; a quotation inside one in „лапки“.
- The dash is an **em dash** "—" with a no-break space (U+00A0) before it and a
  normal space after it ("К.\u00a0— учёным"), so it never starts a line. A spaced
  hyphen " - ", " -- " or a spaced en dash " – " used as a dash becomes one; an
  em dash glued to words gets its spaces. Dashes between numbers are left alone.
- A line of dialogue (paragraph start, or just inside «) opens with "— ".
- Apostrophes are ’; "..." is "…".
- A one-letter word (в, к, с, у, о, и, а, я, ж) is bound to the next word with a no-break
  space, so it never ends a line (``ru.one-letter``).
Hyphens inside words (научно-технический, по-прежнему, доктор-своего) are never
touched: an unspaced hyphen is a hyphen unless a human says otherwise.

Spelling: Debian's ``hunspell-ru`` (``ru_RU``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..segment.rules import LanguageRules, abbreviations
from ..typography.common import (
    AFTER_TEXT,
    BEFORE_WORD,
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

SCRIPT = "Cyrl"
HUNSPELL = "ru_RU"
APT_PACKAGES = ("hunspell-ru",)

# --- typography -----------------------------------------------------------------

QUOTE_STYLE = QuoteStyle(("«", "»"), ("„", "“"))

QUOTES = quotes_rule(
    "ru.quotes",
    "Quotations in «ёлочки», a quotation inside one in „лапки“.",
    QUOTE_STYLE,
    examples=(
        ('театра "Но".', "театра «Но»."),
        ('"Он сказал "да" вчера"', "«Он сказал „да“ вчера»"),
        ("жизнь.'-Месть?Дело в том.'Что", "жизнь. «— Месть? Дело в\u00a0том.» Что"),
    ),
)

DIALOGUE_DASH = Rule(
    "ru.dialogue-dash",
    "A line of dialogue opens with an em dash and a space.",
    re.compile("(?:^|(?<=«)|(?<=„))(?:[-–][ \u00a0]?|—(?:\u00a0|(?=[^\\W\\d_])))(?=[^\\W\\d_])"),
    "— ",
    examples=(("- Месть?", "— Месть?"),),
)

DASH = Rule(
    "ru.dash",
    "A spaced hyphen or en dash used as a dash becomes an em dash: no-break space before, space after.",
    re.compile(AFTER_TEXT + f"{SPACE}(?:-{{1,2}}|–) " + BEFORE_WORD),
    dash_replacement("\u00a0— "),
    examples=(
        ("Его цель - привыкнуть", "Его цель\u00a0— привыкнуть"),
        ("числа 10 - 20 мая", "числа 10 - 20 мая"),
        ("тиба-тиба или научно-технический", "тиба-тиба или научно-технический"),
    ),
)

DASH_SPACE = Rule(
    "ru.dash-space",
    "An em dash between words has a no-break space before it and a space after.",
    re.compile("(?<=[^\\s\\d«„(\\[])[ \u00a0\u202f\u2009]?—[ \u00a0]?(?=[^\\W\\d_]|[«„(\\[])"),
    "\u00a0— ",
    examples=(
        ("встречается с К. — учёным", "встречается с\u00a0К.\u00a0— учёным"),
        ("доктор—злой гений", "доктор\u00a0— злой гений"),
    ),
)


def one_letter_words(code: str, letters: str, examples: tuple[tuple[str, str], ...]) -> Rule:
    """A one-letter word (preposition, conjunction, pronoun) is bound to the next word with a
    no-break space, so it never ends a line (Мильчин; the same in the other Slavic languages)."""
    both = letters + letters.upper()
    return Rule(
        code,
        "A one-letter word is bound to the next word with a no-break space.",
        re.compile(f"(?<![\\w\\-].)(?<=[{both}]) (?=[\\w«„(\\[])"),
        "\u00a0",
        examples=examples,
    )


ONE_LETTER = one_letter_words(
    "ru.one-letter",
    "вксуоиаяж",
    (
        ("он пошёл в лабораторию и к врачу", "он пошёл в\u00a0лабораторию и\u00a0к\u00a0врачу"),
        ("В 1964 году с «другом» я", "В\u00a01964 году с\u00a0«другом» я"),
        ("встречается с К. и доктор-а ещё", "встречается с\u00a0К. и\u00a0доктор-а ещё"),
    ),
)

TYPOGRAPHY: tuple[Rule, ...] = (
    *leading_rules(),
    QUOTES,
    QUOTE_SPACE_OUTSIDE,
    quote_space_inside_rule(),
    DIALOGUE_DASH,
    DASH,
    DASH_SPACE,
    *spacing_rules(space_before_punct(",.;:!?)]}")),
    ONE_LETTER,
)

# --- sentence segmentation ----------------------------------------------------------

SEGMENTATION = LanguageRules(
    abbreviations=abbreviations(
        title="т. е.|т. к.|т. н.|т. о.|напр.|см.|ср.|ул.|г.|им.|проф.|акад.|доц.|просп.|пер."
        "|обл.|р-н.|св.|тов.|гр.|ген.|кн.|англ.|франц.|нем.|лат.|букв.|прим.|род.",
        final="т. д.|т. п.|др.|пр.|гг.|вв.|руб.|коп.|млн.|млрд.|тыс.|км.|кг.|мм.|мин.|сек.|н. э.|до н. э.",
        number="т.|с.|стр.|№.|гл.|рис.|табл.|ч.",
    ),
    clause_openers=frozenset(
        """
        он она оно они я мы вы ты это этот эта эти тот та те то если когда но и а или же да
        нет не ни в во на с со к ко по за из от до о об при для без под над через после перед
        что чтобы как где куда почему зачем кто так там тут здесь тогда потом затем теперь
        уже ещё еще все всё его её ее их ему ей им него неё сам сама сами себя свой своя один
        одна однако хотя ведь даже может тоже также вот вдруг наконец итак поэтому потому
        возможно вероятно конечно только лишь был была было были есть прежде сначала
    """.split()
    ),
)

# --- spelling ----------------------------------------------------------------------------

SHORT_WORDS = frozenset(
    "в к с о у и я а он она оно они мы вы ты не ни но да же бы ли по на за из от до "
    "об обо во со ко то их её ее ей им ею ну уж вот это как так что чем где все всё "
    "уже еще ещё его для при без над под про нет кто мне вам нам тут там сам был мой "
    "моя наш ваш тем том той тех".split()
)

# --- words -------------------------------------------------------------------------------

WORDS = {
    "contents": "Содержание",
    "parallel": "Параллельный текст",
    "appendix": "Приложение",
    "colophon": "Об этом издании",
    "title_page": "Титульный лист",
    "paragraph": "Абзац",
    "sources": "Источники",
    "fonts": "Шрифты",
    "built": "Свёрстано enface {version}, {date}.",
    "cover": "Обложка",
    "summary_of": "Тексты о произведении",
    "rights": "Права",
    "credits": "Авторы",
    "languages": "Языки",
    # EPUB only
    "cover_alt": "Обложка: {titles}",
    "landmarks": "Ориентиры",
    "pages": "Страницы печатного издания",
    "page": "страница {label}",
    "translations": "Переводы к сноске {n}",
    "back": "Назад к тексту",
    "other_versions": "Другие версии абзаца {n}",
    "mode_interleaved": "по предложениям",
    "mode_sequential": "язык за языком",
    "mode_popup": "{label}, переводы в сносках",
    "font_licence": "Лицензия шрифтов",
    "pagination": "Номера страниц (список страниц) соответствуют печатному изданию (PDF), свёрстанному "
    "из тех же источников той же версией enface: {source}.",
    "font_note": "{name} — подмножество шрифта {original}, сделанное для этой книги и переименованное, "
    "как того требует SIL Open Font License для изменённых версий.",
    "reading_mode": "Режим чтения: {mode}.",
    # colophon of the reflowable editions: what each source is
    "role_translation": "перевод",
    "role_appendix": "приложение",
    # web edition only
    "web_shown": "Показываемые языки",
    "web_lead": "Основной язык",
    "web_skip": "Перейти к тексту",
    "web_previous": "Назад",
    "web_next": "Дальше",
    "web_help": "Нажмите на предложение или наведите на него указатель, чтобы увидеть его на всех "
    "языках; J и K (или стрелки) переходят от одной группы предложений к другой.",
    "web_page": "Печатная страница {label}",
    # print only
    "notes": "Заметки",
}


def repair_hyphenation(word: str, positions: list[int]) -> list[int]:
    """pyphen's Russian patterns know е but not ё: "одинёшенька" gets one break (одинёшень-ка,
    too near the end to use), "одинешенька" three. A word with ё is hyphenated as spelled with
    е: the same letters at the same places (in seven columns a page, "одинёшенька?" was too
    wide for its column and could not be broken)."""
    if "ё" not in word and "Ё" not in word:
        return positions
    plain = word.replace("ё", "е").replace("Ё", "Е")
    return [int(p) for p in _patterns().positions(plain) if not getattr(p, "data", None)]


@lru_cache(maxsize=1)
def _patterns():
    """pyphen's Russian dictionary, parsed apart from the one a layout has repaired."""
    import pyphen

    return pyphen.HyphDict(pyphen.LANGUAGES[pyphen.language_fallback("ru")])


HYPHENATION_REPAIR = repair_hyphenation
