"""Language codes enface accepts, and how it names each language to readers.

Codes are ISO 639-1 (two letters), optionally with a BCP 47 region or script
subtag (``pt-BR``, ``sr-Latn``). Readers see a language's own name for itself.
"""

from __future__ import annotations

import re

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
    "fr": "Français",
    "he": "עברית",
    "hr": "Hrvatski",
    "hu": "Magyar",
    "id": "Bahasa Indonesia",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "la": "Latina",
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
