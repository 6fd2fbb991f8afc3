"""The few words enface itself puts into a book, in the edition's primary language.

Falls back to English for languages not listed here; add a language by adding a row.
"""

from __future__ import annotations

from . import languages

_WORDS: dict[str, dict[str, str]] = {
    "en": {
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
    },
    "fr": {
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
    },
    "ru": {
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
    },
    "id": {
        "contents": "Daftar isi",
        "parallel": "Teks paralel",
        "appendix": "Lampiran",
        "colophon": "Tentang edisi ini",
        "title_page": "Halaman judul",
        "paragraph": "Paragraf",
        "sources": "Sumber",
        "fonts": "Fon",
        "built": "Disusun dengan enface {version} pada {date}.",
        "cover": "Sampul",
        "summary_of": "Teks tentang",
        "rights": "Hak",
        "credits": "Kredit",
        "languages": "Bahasa",
    },
}


def word(lang: str, key: str, **values: str) -> str:
    table = _WORDS.get(languages.primary(lang), _WORDS["en"])
    return table.get(key, _WORDS["en"][key]).format(**values)
