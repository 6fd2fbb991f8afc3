"""Everything enface knows about a language, in one place: its language pack.

A language with data of its own has one module here, named by its ISO 639-1 code
(``fr.py``, ``ru.py``, ``id.py``…). The module declares, as upper-case module constants,
only what differs from the defaults: ``QUOTE_STYLE`` sets the pack field ``quote_style``,
and so on (see :class:`LanguagePack` for what each field means). Adding a language is adding one
file: :func:`pack` finds every module of this package, and ``scripts/language-packages.py``
reads ``HUNSPELL`` and ``APT_PACKAGES`` from the files themselves for the set-up.

Every other language gets the default pack: the generic typography (straight quotes
left alone), the generic segmentation tables, no spelling data, English words.

What holds for every language, with or without a module, stays here as a catalogue:
the ISO 639-1 codes enface accepts, how a language names itself, and which languages
are written right to left. Codes are ISO 639-1 (two letters), optionally with a BCP 47
region or script subtag (``pt-BR``, ``sr-Latn``); a pack is chosen by the language part.

Packs are built on first use, not on import: the pack modules use the shared machinery
(``enface.typography.common``, ``enface.segment.rules``), which itself uses this module.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..segment.rules import LanguageRules
    from ..typography.common import QuoteStyle
    from ..typography.engine import Rule

ISO_639_1 = frozenset(
    """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split()
)

NATIVE_NAMES = {
    "ar": "العربية",
    "bg": "Български",
    "ca": "Català",
    "cs": "Čeština",
    "da": "Dansk",
    "de": "Deutsch",
    "el": "Ελληνικά",
    "en": "English",
    "eo": "Esperanto",
    "es": "Español",
    "et": "Eesti",
    "fi": "Suomi",
    "fa": "فارسی",
    "fr": "Français",
    "he": "עברית",
    "hi": "हिन्दी",
    "hr": "Hrvatski",
    "hu": "Magyar",
    "id": "Bahasa Indonesia",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "la": "Latina",
    "lb": "Lëtzebuergesch",
    "lt": "Lietuvių",
    "lv": "Latviešu",
    "ms": "Bahasa Melayu",
    "nl": "Nederlands",
    "no": "Norsk",
    "pl": "Polski",
    "pt": "Português",
    "ro": "Română",
    "ru": "Русский",
    "sk": "Slovenčina",
    "sl": "Slovenščina",
    "sr": "Српски",
    "sv": "Svenska",
    "tr": "Türkçe",
    "uk": "Українська",
    "vi": "Tiếng Việt",
    "zh": "中文",
}

RTL = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "dv", "ug", "ku", "sd"})


# --- the aligner's view of every language (a catalogue, like the names above) --------------

# Languages that capitalise every noun: there a capitalised word is no sign of a name
# ("Gipfel", "Lager" would meet French names by their skeletons).
NOUN_CAPITALISING = frozenset({"de", "lb"})

# Languages written without spaces between words. Their "words" are the runs between
# punctuation marks, clauses mostly; enface.align.lexicon cuts a Japanese run where its script
# changes (ideographs, hiragana, katakana), which gives words (雪, 女王, ゲルダ), and a dictionary's
# word is looked for among those, never among the hiragana runs: a run that a dictionary word
# equals whole is an interjection or a conjunction (the eng-jpn WikDict gives さあ for "about",
# "come", "know", "quite" and "well"; taken as pairs they made English, not Russian, the version
# the Snow Queen's Japanese is aligned through: fr-ja unit F1 0.968 -> 0.941). A language of
# UNSPACED not in WORD_RUNS (Chinese, Thai…) keeps its runs whole and has no dictionary pairs.
UNSPACED = frozenset({"ja", "zh", "th", "lo", "km", "my", "bo"})
WORD_RUNS = frozenset({"ja"})

# ISO 639-1 (enface's codes) to ISO 639-3 (FreeDict's file names).
ISO_639_3 = {
    "af": "afr", "ar": "ara", "bg": "bul", "ca": "cat", "cs": "ces", "cy": "cym", "da": "dan",
    "de": "deu", "el": "ell", "en": "eng", "eo": "epo", "es": "spa", "et": "est", "fi": "fin",
    "fr": "fra", "ga": "gle", "hr": "hrv", "hu": "hun", "id": "ind", "is": "isl", "it": "ita",
    "ja": "jpn", "la": "lat", "lt": "lit", "lv": "lav", "nl": "nld", "no": "nor", "nb": "nob",
    "pl": "pol", "pt": "por", "ro": "ron", "ru": "rus", "sk": "slk", "sl": "slv", "sr": "srp",
    "sv": "swe", "tr": "tur", "uk": "ukr", "zh": "zho",
}  # fmt: skip

# Snowball stemmers (PyPI snowballstemmer) by language; Ukrainian borrows the Russian one.
STEMMERS = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "eo": "esperanto", "es": "spanish", "et": "estonian", "eu": "basque",
    "fa": "persian", "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi", "hu": "hungarian",
    "hy": "armenian", "id": "indonesian", "it": "italian", "lt": "lithuanian", "ms": "indonesian",
    "nb": "norwegian", "ne": "nepali", "nl": "dutch", "nn": "norwegian", "no": "norwegian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "sv": "swedish", "ta": "tamil", "tr": "turkish", "uk": "russian", "yi": "yiddish",
}  # fmt: skip

# The script (ISO 15924) of languages without a module of their own that say it, so that
# each is set in the right vendored font (``enface.fonts``); a language in neither is set
# in the font of the script most of its text is in.
SCRIPTS = {
    **dict.fromkeys(("el",), "Grek"),
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ug", "sd"), "Arab"),
    **dict.fromkeys(("he", "yi"), "Hebr"),
    **dict.fromkeys(("hi", "mr", "ne", "sa"), "Deva"),
    **dict.fromkeys(("ja",), "Jpan"),
    **dict.fromkeys(("zh",), "Hani"),
    **dict.fromkeys(("ko",), "Kore"),
    **dict.fromkeys(("bg", "be", "mk", "sr", "kk", "ky", "tg", "mn", "tt", "ba", "cv", "ce", "os"), "Cyrl"),
}

# Packs are listed in this order, then the others alphabetically. Reports list the
# languages of a typography rule in pack order, and have always listed French, Russian
# and Indonesian first; English leads the languages that share the generic quotation
# rule, because that rule's examples are English.
LISTED_FIRST = ("fr", "ru", "id", "en")

_TAG = re.compile(r"^(?P<primary>[a-z]{2})(?:-(?:[A-Z][a-z]{3}|[A-Z]{2}|[0-9]{3}))*$")


def primary(code: str) -> str:
    return code.split("-", 1)[0]


def is_valid(code: str) -> bool:
    match = _TAG.match(code)
    return bool(match) and match.group("primary") in ISO_639_1


def native_name(code: str) -> str:
    return NATIVE_NAMES.get(primary(code), code)


def direction(code: str) -> str:
    return "rtl" if primary(code) in RTL else "ltr"


@dataclass(frozen=True, eq=False)
class LanguagePack:
    """What enface knows about one language. A module sets a field by the upper-case constant
    of the same name (``QUOTE_STYLE`` → ``quote_style``); the first four come from the
    module's name and the catalogue, ``own_typography`` from whether it sets ``TYPOGRAPHY``."""

    code: str  # ISO 639-1, lower case
    native_name: str
    direction: str  # "ltr" | "rtl"
    own_typography: bool  # rules of its own (``TYPOGRAPHY``), not only the generic ones
    script: str | None = None  # ISO 15924 ("Latn", "Cyrl"); else from SCRIPTS; None when neither says
    # The vendored fonts (keys of ``enface.fonts.BY_KEY``: "text", "greek", "cjk"…) to set the
    # language in, the first it names; empty: the font of its script.
    fonts: tuple[str, ...] = ()
    # Quotation marks (outer and inner pair); without them straight quotes stay straight
    # and lint reports them.
    quote_style: QuoteStyle | None = None
    # The typography rules applied to the language's text: its own, or the generic ones
    # (enface.typography.default) with its quotation marks.
    typography: tuple[Rule, ...] = field(default=(), repr=False)
    segmentation: LanguageRules | None = field(default=None, repr=False)  # the sentence splitter's tables
    # Repairs the break positions pyphen gives a word in print: (word, positions) -> positions.
    hyphenation_repair: Callable[[str, list[int]], list[int]] | None = None
    hunspell: str | None = None  # the Hunspell dictionary's file name, without .dic/.aff
    apt_packages: tuple[str, ...] = ()  # Debian packages the set-up installs for the language
    # Every word enface itself puts into a book (shared, EPUB-only and print-only words),
    # English where the language has no word of its own. Values are str.format templates.
    words: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), repr=False)
    # Spelling (enface lint). Short words that may be one half of a run-together pair
    # ("Когдаон" → "Когда он", "вдоме" → "в доме"); other halves must have four letters or
    # more, since dictionaries know many rare short words (ого, pi, fi), and "кератинового"
    # is not "кератинов ого".
    short_words: frozenset[str] = frozenset()
    capitalised_words: frozenset[str] = frozenset()  # capitalised by rule mid-sentence ("Anda")
    capitalises_nouns: bool = False  # then mid-sentence capitals are never reported
    # Stems to try for a word the dictionary lacks (affixed forms), and the clitics that
    # may follow a hyphen ("pengkhianatan"-nya).
    stems: Callable[[str], Iterator[str]] | None = None
    clitics: frozenset[str] = frozenset()
    repeatable: frozenset[str] = frozenset()  # words legitimately repeated ("nous nous")


# The fields a module may set, by constant name.
DECLARABLE = frozenset(f.name.upper() for f in fields(LanguagePack)) - {
    "CODE",
    "NATIVE_NAME",
    "DIRECTION",
    "OWN_TYPOGRAPHY",
}
FALLBACK = "en"  # the language of words a language lacks


@cache
def codes() -> tuple[str, ...]:
    """Every language with a module of its own, in listing order (see :data:`LISTED_FIRST`)."""
    found = {m.name for m in pkgutil.iter_modules(__path__) if re.fullmatch("[a-z]{2}", m.name)}
    return tuple(c for c in LISTED_FIRST if c in found) + tuple(sorted(found - set(LISTED_FIRST)))


def module(code: str) -> ModuleType | None:
    """The module of a language (only its primary subtag counts), or None."""
    code = primary(code).lower()
    return importlib.import_module(f"{__name__}.{code}") if code in codes() else None


def declared(mod: ModuleType) -> dict[str, object]:
    """The pack fields a language module sets."""
    return {name.lower(): value for name, value in vars(mod).items() if name in DECLARABLE}


def pack(code: str) -> LanguagePack:
    """The pack of ``code`` (a BCP 47 tag; only its language part counts), or the default pack."""
    return _pack(primary(code).lower())


@cache
def _pack(code: str) -> LanguagePack:
    from ..segment.rules import LanguageRules
    from ..typography import default

    mod = module(code)
    values = declared(mod) if mod is not None else {}
    words = dict(values.pop("words", {}))
    if code != FALLBACK:
        words = {**pack(FALLBACK).words, **words}
    values["words"] = MappingProxyType(words)
    own = "typography" in values
    if not own:
        values["typography"] = default.rules(values.get("quote_style"))
    values.setdefault("segmentation", LanguageRules())
    if values.get("script") is None and code in SCRIPTS:
        values["script"] = SCRIPTS[code]
    return LanguagePack(
        code=code, native_name=native_name(code), direction=direction(code), own_typography=own, **values
    )


def packs() -> tuple[LanguagePack, ...]:
    """The packs of every language with a module, in listing order."""
    return tuple(pack(code) for code in codes())


def word(lang: str, key: str, **values: str) -> str:
    """One of enface's words in ``lang`` (English when the language lacks it), filled in."""
    return pack(lang).words[key].format(**values)
