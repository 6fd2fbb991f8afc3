"""The text a PDF reader copies and searches for right-to-left fonts, each glyph mapped to its own letter.

WeasyPrint writes one ToUnicode entry per glyph, from the first cluster it draws the glyph in.
In a right-to-left cluster of several glyphs (a letter and its vowel mark, "ئً"), the glyphs
come in visual order, the mark first: the mark is given the whole cluster's text and the letter
nothing. Every later use of that letter then reads as nothing: 11 of the 9,431 words of the
Snow Queen in Arabic were missing from the PDF's text ("حينئذ" read "حينذ"), and a word whose
mark carries the cluster repeats its letter.

In the fonts of right-to-left scripts (Arabic, Hebrew), every glyph whose letters are known is
mapped to them: the letter given nothing gets itself, the mark that took its cluster gets itself
alone, and the two read in order again. A glyph's letters are what the vendored font's character
map gives it, else its name (``uniFE8C``: the presentation form, written as the letter it stands
for, NFKC; ``uni0644FEFC``-like names as the letters they list). The subset fonts keep the original glyph ids (WeasyPrint
subsets with HarfBuzz's retain-gids), so the vendored file tells which glyph is which.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..fonts import ARABIC, HEBREW, Face, Family

# The families whose glyphs are mapped to their own letters: right-to-left scripts, whose marks
# come first in a cluster's glyphs. Not Devanagari: its clusters garble the same way ("कमल" reads
# "किमल" once क was first drawn in "कि"), but a vowel sign drawn before its consonant would
# then read before it ("िकताब"): no mapping glyph by glyph gives its text in order.
REMAPPED: tuple[Family, ...] = (ARABIC, HEBREW)
_BASE = re.compile(r"^/?[A-Z]{6}\+(enface-[a-z]+)(?:-(Bold|Italic|BoldItalic))?$")
_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_NAMED = re.compile(r"^(?:uni((?:[0-9A-F]{4})+)|u([0-9A-F]{5,6}))(?:[._].*)?$")


def _face(base_font: str) -> Face | None:
    """The vendored face a PDF font's name (``ABCDEF+enface-arabic-Bold``) stands for, when its
    family is one of :data:`REMAPPED`."""
    match = _BASE.match(base_font)
    if not match:
        return None
    for family in REMAPPED:
        if family.css == match.group(1):
            style = match.group(2) or "Regular"
            return next((face for face in family.faces if face.name.replace(" ", "") == style), family.regular)
    return None


@cache
def own_letters(file: str) -> dict[int, str]:
    """Glyph id → the letters it draws (NFKC), for the glyphs of a vendored font whose
    character map or name says (``uni0915094D``: क and virama, the half form of ka)."""
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
                codes = match.group(1) or match.group(2)
                step = 4 if match.group(1) else len(codes)
                text = "".join(chr(int(codes[k : k + step], 16)) for k in range(0, len(codes), step))
                letters[ids[name]] = unicodedata.normalize("NFKC", text)
        for code, name in sorted(font.getBestCmap().items()):  # the character map has the last word
            letters[ids[name]] = unicodedata.normalize("NFKC", chr(code))
        return letters
    finally:
        font.close()


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode()


def remap(cmap: bytes, letters: dict[int, str]) -> tuple[bytes, int]:
    """A ToUnicode CMap's ``bfchar`` entries with each glyph whose letters are known
    (``letters``: glyph id → letters) mapped to them; and the count changed."""
    changed = 0

    def entry(match: re.Match[bytes]) -> bytes:
        nonlocal changed
        glyph = int(match.group(1), 16)
        text = bytes.fromhex(match.group(2).decode()).decode("utf-16-be") if match.group(2) else ""
        own = letters.get(glyph)
        if own is None or text == own:
            return match.group(0)
        changed += 1
        return b"<" + match.group(1) + b"> <" + _utf16(own) + b">"

    return _ENTRY.sub(entry, cmap), changed


def repair(document) -> int:
    """Remap, in place, the ToUnicode entries of the :data:`REMAPPED` fonts of a pikepdf
    document (see the module's docstring); the number of entries changed."""
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


def uses_remapped_fonts(html: str) -> bool:
    """Does this print HTML load a font of :data:`REMAPPED` (its ``@font-face`` names it)?"""
    return any(f'"{family.css}"' in html for family in REMAPPED)


def repaired(pdf: bytes) -> bytes:
    """The PDF with the text of its :data:`REMAPPED` fonts mapped glyph by glyph
    (:func:`repair`); the same bytes when nothing needed it."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        if not repair(document):
            return pdf
        out = io.BytesIO()
        document.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()
