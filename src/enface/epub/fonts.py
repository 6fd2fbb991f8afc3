"""Fonts for the EPUB: the vendored Charis SIL, subset to the characters the book uses.

Licence. Charis SIL is under the SIL Open Font License 1.1 with the Reserved Font
Names "Charis" and "SIL". The OFL FAQ (styles/fonts/OFL-FAQ.txt) says a font
*bundled* unchanged in a document's file structure is aggregation (1.15), while
removing glyphs from a font delivered through ``@font-face`` — which is how EPUB
uses fonts — is a modification that "would not normally allow the use of RFNs"
(2.6, 2.7). So the subset fonts are renamed: family ``FAMILY`` (no "Charis", no
"SIL"), keeping the copyright, the licence and its URL, and a description that
says what they are a subset of. The licence text itself ships in the book.

Determinism: fontTools keeps the original ``head.modified`` (``recalcTimestamp``
off) and writes tables in a fixed order, so the same characters give the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from ..fonts import EPUB_FAMILY as FAMILY
from ..fonts import ORIGINAL
from ..paths import fonts_dir

POSTSCRIPT = "EnfaceText"

# file, CSS font-style, CSS font-weight, style name
SOURCES = (
    ("CharisSIL-Regular.ttf", "normal", "normal", "Regular"),
    ("CharisSIL-Italic.ttf", "italic", "normal", "Italic"),
    ("CharisSIL-Bold.ttf", "normal", "bold", "Bold"),
    ("CharisSIL-BoldItalic.ttf", "italic", "bold", "Bold Italic"),
)

# Always kept: digits and basic punctuation (page labels, note numbers, hyphenation by the reader).
ALWAYS = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "\u00a0\u00ad\u2010\u2011\u2013\u2014\u2019\u201c\u201d\u2026\u00ab\u00bb\u202f\u00b6\u2191\u2193\u2192\u2190\u00b7"
)

# Layout features kept besides fontTools' defaults (kerning, ligatures, marks, locl…).
EXTRA_FEATURES = ("smcp", "c2sc", "case", "lnum", "onum", "pnum", "tnum", "sups")


@dataclass(frozen=True)
class SubsetFont:
    file_name: str  # inside the EPUB's fonts/ folder
    style: str
    weight: str
    data: bytes


def _rename(font, style_name: str) -> None:
    name = font["name"]
    full = FAMILY if style_name == "Regular" else f"{FAMILY} {style_name}"
    ps = f"{POSTSCRIPT}-{style_name.replace(' ', '')}"
    version = name.getDebugName(5) or ""
    keep = {0, 2, 5, 8, 9, 11, 12, 13, 14}
    name.names = [record for record in name.names if record.nameID in keep]
    values = {
        1: FAMILY,
        3: f"enface: {ps}: {version}".strip(),
        4: full,
        6: ps,
        10: (
            f"A subset of {ORIGINAL} ({version}) by SIL International, renamed because it is a "
            "Modified Version under the SIL Open Font License 1.1 (Reserved Font Names: Charis, SIL)."
        ),
    }
    for name_id, value in values.items():
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:  # not in Charis (TrueType outlines), kept for other vendored fonts
        font["CFF "].cff.fontNames = [ps]


@lru_cache(maxsize=8)
def subset_fonts(characters: str) -> tuple[SubsetFont, ...]:
    """The four styles subset to ``characters`` (plus ``ALWAYS``), renamed; cached per character set."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    unicodes = sorted({ord(ch) for ch in characters + ALWAYS if not 0xD800 <= ord(ch) <= 0xDFFF})
    out = []
    for file_name, style, weight, style_name in SOURCES:
        options = subset.Options()
        options.layout_features = list(options.layout_features) + list(EXTRA_FEATURES)
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.recalc_timestamp = False
        options.drop_tables = list(options.drop_tables) + ["Silt", "Glat", "Gloc", "Sill", "Feat"]
        font = TTFont(str(fonts_dir() / file_name), recalcTimestamp=False)  # lazy: half the time
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        _rename(font, style_name)
        buffer = io.BytesIO()
        font.save(buffer)
        font.close()
        out.append(SubsetFont(f"{POSTSCRIPT}-{style_name.replace(' ', '')}.ttf", style, weight, buffer.getvalue()))
    return tuple(out)


def font_face_css(fonts: tuple[SubsetFont, ...], href_prefix: str = "../fonts/") -> str:
    rules = []
    for font in fonts:
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; font-style: {font.style}; '
            f"font-weight: {font.weight}; src: url({href_prefix}{font.file_name}); }}"
        )
    return "\n".join(rules) + "\n"


def licence_text() -> str:
    return (fonts_dir() / "OFL.txt").read_text(encoding="utf-8")
