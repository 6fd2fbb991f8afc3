"""The text a PDF reader copies and searches for right-to-left fonts, each glyph mapped to its own letter.

WeasyPrint writes one ToUnicode entry per glyph, from the first cluster it draws the glyph in.
In a right-to-left cluster of several glyphs (a letter and its vowel mark, "ئً"), the glyphs
come in visual order, the mark first: the mark is given the whole cluster's text and the letter
nothing. Every later use of that letter then reads as nothing: 11 of the 9,431 words of the
Snow Queen in Arabic were missing from the PDF's text ("حينئذ" read "حينذ"), and a word whose
mark carries the cluster repeats its letter.

In the fonts of right-to-left scripts (Arabic, Hebrew), a glyph mapped to nothing is mapped to
its own letter, and a combining mark to itself alone. A glyph's own letter is what the vendored
font's character map gives it, else its name (``uniFE8C``: the presentation form, written as
the letter it stands for, NFKC). The subset fonts keep the original glyph ids (WeasyPrint
subsets with HarfBuzz's retain-gids), so the vendored file tells which glyph is which.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..fonts import ARABIC, HEBREW, Face, Family

RIGHT_TO_LEFT: tuple[Family, ...] = (ARABIC, HEBREW)  # the families whose glyphs are repaired
_BASE = re.compile(r"^/?[A-Z]{6}\+(enface-[a-z]+)(?:-(Bold|Italic|BoldItalic))?$")
_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_NAMED = re.compile(r"^uni([0-9A-F]{4,6})(?:\..*)?$")


def _face(base_font: str) -> Face | None:
    """The vendored face a PDF font's name (``ABCDEF+enface-arabic-Bold``) stands for, when its
    family is right to left."""
    match = _BASE.match(base_font)
    if not match:
        return None
    for family in RIGHT_TO_LEFT:
        if family.css == match.group(1):
            style = match.group(2) or "Regular"
            return next((face for face in family.faces if face.name.replace(" ", "") == style), family.regular)
    return None


@cache
def own_letters(file: str) -> dict[int, str]:
    """Glyph id → the letter it draws (NFKC), for the glyphs of a vendored font that draw one."""
    from fontTools.ttLib import TTFont

    from ..paths import fonts_dir

    font = TTFont(str(fonts_dir() / file), lazy=True)
    try:
        order = font.getGlyphOrder()
        ids = {name: index for index, name in enumerate(order)}
        letters: dict[int, str] = {}
        for name in order:
            match = _NAMED.match(name)
            if match:
                letters[ids[name]] = unicodedata.normalize("NFKC", chr(int(match.group(1), 16)))
        for code, name in sorted(font.getBestCmap().items()):  # the character map has the last word
            letters[ids[name]] = unicodedata.normalize("NFKC", chr(code))
        return letters
    finally:
        font.close()


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode()


def remap(cmap: bytes, letters: dict[int, str]) -> tuple[bytes, int]:
    """A ToUnicode CMap's ``bfchar`` entries with each glyph mapped to nothing, or each combining
    mark, given its own letter (``letters``: glyph id → letter); and the count changed."""
    changed = 0

    def entry(match: re.Match[bytes]) -> bytes:
        nonlocal changed
        glyph = int(match.group(1), 16)
        text = bytes.fromhex(match.group(2).decode()).decode("utf-16-be") if match.group(2) else ""
        own = letters.get(glyph)
        if own is None or text == own:
            return match.group(0)
        mark = all(unicodedata.category(char) in ("Mn", "Me") for char in own)
        if text and not mark:
            return match.group(0)
        changed += 1
        return b"<" + match.group(1) + b"> <" + _utf16(own) + b">"

    return _ENTRY.sub(entry, cmap), changed


def repair(document) -> int:
    """Remap, in place, the ToUnicode entries of the right-to-left fonts of a pikepdf document
    (see the module's docstring); the number of entries changed."""
    import pikepdf

    changed = 0
    seen: set[tuple[int, int]] = set()
    for page in document.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
            if font.objgen in seen or "/ToUnicode" not in font:
                continue
            seen.add(font.objgen)
            face = _face(str(font.get("/BaseFont", "")))
            if face is None:
                continue
            data = font.ToUnicode.read_bytes()
            repaired, count = remap(data, own_letters(face.file))
            if count:
                font.ToUnicode.write(repaired)
                changed += count
    return changed


def uses_right_to_left_fonts(html: str) -> bool:
    """Does this print HTML load a right-to-left font (its ``@font-face`` names the family)?"""
    return any(f'"{family.css}"' in html for family in RIGHT_TO_LEFT)


def repaired(pdf: bytes) -> bytes:
    """The PDF with its right-to-left fonts' text mapped glyph by glyph (:func:`repair`); the
    same bytes when nothing needed it."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        if not repair(document):
            return pdf
        out = io.BytesIO()
        document.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()
