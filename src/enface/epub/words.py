"""The words only the EPUB edition puts into a book, in the book's primary language.

Kept here rather than in ``enface.i18n`` because only the EPUB writer uses them;
a language not listed falls back to English, as ``enface.i18n`` does.
"""

from __future__ import annotations

from .. import languages

_WORDS: dict[str, dict[str, str]] = {
    "en": {
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
    },
    "fr": {
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
    },
    "id": {
        "cover_alt": "Sampul: {titles}",
        "landmarks": "Panduan",
        "pages": "Halaman edisi cetak",
        "page": "halaman {label}",
        "translations": "Terjemahan catatan {n}",
        "back": "Kembali ke teks",
        "other_versions": "Versi lain paragraf {n}",
        "mode_interleaved": "kalimat demi kalimat",
        "mode_sequential": "satu bahasa demi satu bahasa",
        "mode_popup": "{label}, terjemahan dalam catatan",
        "font_licence": "Lisensi fon",
        "pagination": "Nomor halaman (daftar halaman) mengikuti edisi cetak (PDF) yang disusun dari "
        "sumber yang sama dengan versi enface yang sama: {source}.",
        "font_note": "{name} adalah subset dari {original}, dibuat untuk buku ini dan diberi nama baru "
        "sebagaimana disyaratkan SIL Open Font License untuk versi yang diubah.",
        "reading_mode": "Mode baca: {mode}.",
    },
    "ru": {
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
    },
}


def eword(lang: str, key: str, **values: str) -> str:
    table = _WORDS.get(languages.primary(lang), _WORDS["en"])
    return table.get(key, _WORDS["en"][key]).format(**values)
