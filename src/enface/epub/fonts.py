"""Fonts for the EPUB: the vendored fonts, subset to the characters the book uses.

Licence. Charis SIL is under the SIL Open Font License 1.1 with the Reserved Font
Names "Charis" and "SIL". The OFL FAQ (styles/fonts/OFL-FAQ.txt) says a font
*bundled* unchanged in a document's file structure is aggregation (1.15), while
removing glyphs from a font delivered through ``@font-face`` — which is how EPUB
uses fonts — is a modification that "would not normally allow the use of RFNs"
(2.6, 2.7). So the subset fonts are renamed: family ``FAMILY`` (no "Charis", no
"SIL"), keeping the copyright, the licence and its URL, and a description that
says what they are a subset of. The licence text itself ships in the book.

A book with languages in other scripts (``enface.fonts.font_plan``) carries a subset of
each other vendored family it needs, renamed the same way (``Enface Greek`` from Gentium
Plus, ``Enface CJK`` from Noto Serif CJK…), each language set in its family first
(:func:`script_css`), and every licence those fonts are under.

Subsetting is HarfBuzz's (``uharfbuzz``: 1.1 s → 0.01 s for Charis SIL's four faces on the
bundled edition), renaming fontTools'. Determinism: both keep the original
``head.modified`` (``recalcTimestamp`` off) and write tables in a fixed order, so the same
characters give the same bytes.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import lru_cache

from ..fonts import EPUB_FAMILY as FAMILY
from ..fonts import LICENCE, ORIGINAL, TEXT, Family, FontPlan
from ..languages import direction
from ..paths import fonts_dir

POSTSCRIPT = TEXT.postscript

# file, CSS font-style, CSS font-weight, style name (Charis SIL's four styles)
SOURCES = tuple((face.file, face.style, face.weight, face.name) for face in TEXT.faces)

# Always kept: digits and basic punctuation (page labels, note numbers, hyphenation by the reader).
ALWAYS = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "\u00a0\u00ad\u2010\u2011\u2013\u2014\u2019\u201c\u201d\u2026\u00ab\u00bb\u202f\u00b6\u2191\u2193\u2192\u2190\u00b7"
)

# Layout features kept besides HarfBuzz's defaults (kerning, ligatures, marks, locl…).
EXTRA_FEATURES = ("smcp", "c2sc", "case", "lnum", "onum", "pnum", "tnum", "sups")

__all__ = ["FAMILY", "ORIGINAL", "SubsetFont", "font_face_css", "licence_text", "other_script_css", "subset_fonts"]


@dataclass(frozen=True)
class SubsetFont:
    file_name: str  # inside the EPUB's fonts/ folder
    style: str
    weight: str
    data: bytes
    family: str = FAMILY
    media_type: str = "font/ttf"


def _rename(font, style_name: str, family: Family = TEXT) -> None:
    name = font["name"]
    full = family.epub if style_name == "Regular" else f"{family.epub} {style_name}"
    ps = f"{family.postscript}-{style_name.replace(' ', '')}"
    version = name.getDebugName(5) or ""
    keep = {0, 2, 5, 8, 9, 11, 12, 13, 14}
    name.names = [record for record in name.names if record.nameID in keep]
    reserved = f" (Reserved Font Names: {', '.join(family.reserved)})" if family.reserved else ""
    values = {
        1: family.epub,
        3: f"enface: {ps}: {version}".strip(),
        4: full,
        6: ps,
        10: (
            f"A subset of {family.name} ({version}) by {family.foundry}, renamed because it is a "
            f"Modified Version under the {LICENCE}{reserved}."
        ),
    }
    for name_id, value in values.items():
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:  # the CJK font (CFF outlines)
        font["CFF "].cff.fontNames = [ps]


# Tables HarfBuzz drops besides its defaults (Graphite's, which the EPUB does not use).
DROP_TABLES = ("Silt", "Glat", "Gloc", "Sill", "Feat", "Silf")


def _tag(tag: str) -> int:
    return int.from_bytes(tag.encode("ascii"), "big")


def _subset_face(path: str, unicodes: list[int]) -> bytes:
    """One font file subset to ``unicodes`` by HarfBuzz's subsetter (about 3 ms a face, 90×
    fontTools' subsetter, with the same glyphs, tables and features): its default layout
    features plus :data:`EXTRA_FEATURES`, every name (renamed after), the .notdef outline,
    and ``head.modified`` unchanged, so the same characters give the same bytes."""
    import uharfbuzz as hb

    spec = hb.SubsetInput()
    spec.unicode_set.update(unicodes)
    features = spec.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG)
    for tag in EXTRA_FEATURES:
        features.add(_tag(tag))
    # every name in every language (_rename keeps the ones it wants); an inverted set keeps none
    spec.sets(hb.SubsetInputSets.NAME_ID).add_range(0, 0x7FFF)
    spec.sets(hb.SubsetInputSets.NAME_LANG_ID).add_range(0, 0xFFFF)
    drop = spec.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
    for tag in DROP_TABLES:
        drop.add(_tag(tag))
    spec.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    subset = hb.subset(hb.Face(hb.Blob.from_file_path(path)), spec)
    if subset is None:
        raise RuntimeError(f"HarfBuzz could not subset {path}")
    return bytes(subset.blob.data)


@lru_cache(maxsize=16)
def subset_family(family: Family, characters: str) -> tuple[SubsetFont, ...]:
    """Every face of ``family`` subset to ``characters`` (plus ``ALWAYS``), renamed; cached."""
    from fontTools.ttLib import TTFont

    unicodes = sorted({ord(ch) for ch in characters + ALWAYS if not 0xD800 <= ord(ch) <= 0xDFFF})
    out = []
    for face in family.faces:
        # lazy: only the renamed tables are parsed; the others are written back as HarfBuzz made them
        font = TTFont(
            io.BytesIO(_subset_face(str(fonts_dir() / face.file), unicodes)), recalcTimestamp=False, lazy=True
        )
        _rename(font, face.name, family)
        buffer = io.BytesIO()
        font.save(buffer)
        font.close()
        cff = face.file.endswith(".otf")
        out.append(
            SubsetFont(
                f"{family.postscript}-{face.name.replace(' ', '')}.{'otf' if cff else 'ttf'}",
                face.style,
                face.weight,
                buffer.getvalue(),
                family.epub,
                "font/otf" if cff else "font/ttf",
            )
        )
    return tuple(out)


def subset_fonts(characters: str) -> tuple[SubsetFont, ...]:
    """Charis SIL's four styles subset to ``characters`` (plus ``ALWAYS``), renamed ``FAMILY``."""
    return subset_family(TEXT, characters)


subset_fonts.cache_clear = subset_family.cache_clear  # type: ignore[attr-defined]  # every family's subsets


def font_face_css(fonts: tuple[SubsetFont, ...], href_prefix: str = "../fonts/", *, embed: bool = False) -> str:
    """The ``@font-face`` rules of ``fonts``: files under ``href_prefix``, or with ``embed`` the
    fonts themselves as ``data:`` URIs (a page that must stand alone, such as the review page)."""
    rules = []
    for font in fonts:
        if embed:
            source = f"data:{font.media_type};base64,{base64.b64encode(font.data).decode('ascii')}"
        else:
            source = f"{href_prefix}{font.file_name}"
        rules.append(
            f'@font-face {{ font-family: "{font.family}"; font-style: {font.style}; '
            f"font-weight: {font.weight}; src: url({source}); }}"
        )
    return "\n".join(rules) + "\n"


def other_script_css(plan: FontPlan) -> str:
    """Each language of another script than the text family's set in its vendored family, the
    text family after it (for the Latin digits and punctuation it may lack): without them a
    Japanese version read as empty boxes on a machine with no Japanese font (the web edition,
    the review page). "" when the text family sets the whole book."""
    return "".join(
        f'[lang="{code}"] {{ font-family: "{family.epub}", "{FAMILY}", serif; }}\n'
        for code, family in sorted(plan.by_lang.items())
        if family is not TEXT
    )


RTL_CSS = """
[dir="rtl"] p, p[dir="rtl"], [dir="rtl"] .xref, [dir="rtl"] .heading, [dir="rtl"] .l,
[dir="rtl"] .note-text { text-align: right; }
.version[dir="rtl"] { padding-left: 0; padding-right: 0.5em; border-left-width: 0;
  border-right-width: 0.2em; border-right-color: currentColor; }
.version.pos-1[dir="rtl"] { border-right-style: solid; }
.version.pos-2[dir="rtl"] { border-right-style: dashed; }
.version.pos-3[dir="rtl"] { border-right-style: dotted; }
.version.pos-4[dir="rtl"] { border-right-style: double; }
.version.pos-0[dir="rtl"] { border-right-style: solid; border-right-width: 0.07em; }
.version.head[dir="rtl"] { border-right-width: 0; padding-right: 0; }
[dir="rtl"] .lg .l, .lg[dir="rtl"] .l { padding-left: 0; padding-right: 2em; }
"""


def script_css(plan: FontPlan) -> str:
    """Rules after the stylesheet for a book with other scripts or right-to-left languages:
    each language in its family first, then the book's other families; right-to-left
    passages aligned right and their border on their right ("" for a book Charis sets alone
    in left-to-right languages)."""
    rtl = any(direction(code) == "rtl" for code in plan.by_lang)
    rules = []
    if not plan.plain:

        def stack(first: Family) -> str:
            return ", ".join(f'"{family.epub}"' for family in plan.stack(first)) + ", serif"

        rules.append(f"html {{ font-family: {stack(TEXT)}; }}")
        for code, family in sorted(plan.by_lang.items()):
            rules.append(f'[lang="{code}"] {{ font-family: {stack(family)}; }}')
    css = "\n".join(rules) + "\n" if rules else ""
    return css + RTL_CSS if rtl else css


def licence_text(families: tuple[Family, ...] = (TEXT,)) -> str:
    """The licence texts of the fonts (each file once, Charis SIL's first)."""
    files = dict.fromkeys(family.licence_file for family in (TEXT, *families))
    return "\n\n".join((fonts_dir() / name).read_text(encoding="utf-8") for name in files)
