"""The fonts enface ships (``styles/fonts``), which characters they cover, and how each
edition's colophon credits them.

Every font is vendored: a build never reads a system font. Charis SIL sets Latin and
Cyrillic; a family per other script sets the languages written in it (the language pack's
``fonts``, else its ``script``, else the script most of the language's text is in):

========== ===================================== ==========================================
key        font                                  scripts
========== ===================================== ==========================================
text       Charis SIL (4 styles)                 Latin, Cyrillic (and the default)
greek      Gentium Plus (4 styles)               Greek, monotonic and polytonic
arabic     Noto Naskh Arabic (regular, bold)     Arabic
hebrew     Noto Serif Hebrew (regular, bold)     Hebrew
devanagari Noto Serif Devanagari (regular, bold) Devanagari
cjk        Noto Serif CJK JP, subset (regular)   Han, kana, hangul (see styles/fonts/README)
========== ===================================== ==========================================

:func:`font_plan` decides, for one document, which families it needs, the family of each of
its languages, and the characters no vendored font covers (``MissingGlyph``: the build fails
on them, or with ``--allow-missing-glyphs`` warns and the PDF claims no PDF/UA or PDF/A
conformance). The print edition embeds the fonts under their own names (WeasyPrint subsets
them); the EPUB carries subsets renamed ``Enface …`` (``epub/fonts.py``), as the SIL Open
Font License asks of modified fonts.

A book whose every language is set in Charis SIL and whose every character Charis covers
needs nothing else: its print HTML and EPUB are what they were before the other scripts
were vendored.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tei.read import Document

ORIGINAL = "Charis SIL"
FOUNDRY = "SIL International"
LICENCE = "SIL Open Font License 1.1"
EPUB_FAMILY = "Enface Text"


@dataclass(frozen=True)
class Face:
    file: str  # in styles/fonts
    style: str  # CSS font-style: normal | italic
    weight: str  # CSS font-weight: normal | bold
    name: str  # style name: Regular, Italic, Bold, Bold Italic


@dataclass(frozen=True)
class Family:
    """One vendored font family."""

    key: str
    name: str  # the font's own name, as credited
    foundry: str
    css: str  # the print stylesheet's family name: no system font has it
    epub: str  # the family of its renamed subsets in the EPUB
    postscript: str  # PostScript name prefix of the EPUB subsets
    scripts: tuple[str, ...]  # ISO 15924 codes it is chosen for
    faces: tuple[Face, ...]
    licence_file: str  # in styles/fonts
    reserved: tuple[str, ...] = ()  # Reserved Font Names under the OFL
    note: str = ""  # what else to know (the CJK subset)

    @property
    def regular(self) -> Face:
        return self.faces[0]


def _four(prefix: str) -> tuple[Face, ...]:
    return (
        Face(f"{prefix}-Regular.ttf", "normal", "normal", "Regular"),
        Face(f"{prefix}-Italic.ttf", "italic", "normal", "Italic"),
        Face(f"{prefix}-Bold.ttf", "normal", "bold", "Bold"),
        Face(f"{prefix}-BoldItalic.ttf", "italic", "bold", "Bold Italic"),
    )


def _two(prefix: str) -> tuple[Face, ...]:
    return (
        Face(f"{prefix}-Regular.ttf", "normal", "normal", "Regular"),
        Face(f"{prefix}-Bold.ttf", "normal", "bold", "Bold"),
    )


TEXT = Family(
    "text",
    ORIGINAL,
    FOUNDRY,
    "Charis SIL",
    EPUB_FAMILY,
    "EnfaceText",
    ("Latn", "Cyrl"),
    _four("CharisSIL"),
    "OFL.txt",
    ("Charis", "SIL"),
)
GREEK = Family(
    "greek",
    "Gentium Plus",
    FOUNDRY,
    "enface-greek",
    "Enface Greek",
    "EnfaceGreek",
    ("Grek",),
    _four("GentiumPlus"),
    "OFL-GentiumPlus.txt",
    ("Gentium", "SIL"),
)
ARABIC = Family(
    "arabic",
    "Noto Naskh Arabic",
    "Google",
    "enface-arabic",
    "Enface Arabic",
    "EnfaceArabic",
    ("Arab",),
    _two("NotoNaskhArabic"),
    "OFL-Noto.txt",
)
HEBREW = Family(
    "hebrew",
    "Noto Serif Hebrew",
    "Google",
    "enface-hebrew",
    "Enface Hebrew",
    "EnfaceHebrew",
    ("Hebr",),
    _two("NotoSerifHebrew"),
    "OFL-Noto.txt",
)
DEVANAGARI = Family(
    "devanagari",
    "Noto Serif Devanagari",
    "Google",
    "enface-devanagari",
    "Enface Devanagari",
    "EnfaceDevanagari",
    ("Deva",),
    _two("NotoSerifDevanagari"),
    "OFL-Noto.txt",
)
CJK = Family(
    "cjk",
    "Noto Serif CJK JP",
    "Adobe, Google",
    "enface-cjk",
    "Enface CJK",
    "EnfaceCJK",
    ("Hani", "Hira", "Kana", "Jpan", "Hang", "Kore", "Hans", "Hant", "Bopo"),
    (Face("NotoSerifCJKjp-Subset-Regular.otf", "normal", "normal", "Regular"),),
    "OFL-NotoCJK.txt",
    ("Source",),
    "the characters of JIS X 0208, GB 2312, KS X 1001 and Big5 level 1, Japanese glyph forms",
)

FAMILIES: tuple[Family, ...] = (TEXT, GREEK, ARABIC, HEBREW, DEVANAGARI, CJK)
BY_KEY = {family.key: family for family in FAMILIES}
BY_SCRIPT = {script: family for family in FAMILIES for script in family.scripts}

# (font, licence) lines of the colophon, by edition, for a book set in Charis SIL alone
FONT_CREDITS: dict[str, list[tuple[str, str]]] = {
    "pdf": [(f"{ORIGINAL}, {FOUNDRY}", LICENCE)],
    "epub": [(f"{EPUB_FAMILY} ({ORIGINAL}, {FOUNDRY})", LICENCE)],
}


def credits(kind: str, families: tuple[Family, ...]) -> list[tuple[str, str]]:
    """The colophon's font lines for a book set in ``families`` (``kind``: pdf or epub)."""
    lines = list(FONT_CREDITS[kind])
    for family in families:
        if family is TEXT:
            continue
        name = f"{family.name}, {family.foundry}"
        lines.append((f"{family.epub} ({name})" if kind == "epub" else name, LICENCE))
    return lines


# --- coverage ----------------------------------------------------------------------------


@cache
def coverage(family: Family) -> frozenset[int]:
    """The code points the family's regular face maps (its other faces map the same)."""
    from fontTools.ttLib import TTFont

    from .paths import fonts_dir

    font = TTFont(str(fonts_dir() / family.regular.file), lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


@cache
def line_rise(family: Family) -> float:
    """Ascent less depth below the baseline of the family's regular face, in em, as HarfBuzz (and so Pango and
    WeasyPrint) reads them: the OS/2 typographic metrics when the font says to use them, else
    hhea's. A line's baseline sits half of it below the middle of its line box, so two fonts
    with different rises set at one line height have their baselines apart (Gentium Plus and
    Noto Naskh Arabic at 9.25 pt: 1.38 pt)."""
    from fontTools.ttLib import TTFont

    from .paths import fonts_dir

    font = TTFont(str(fonts_dir() / family.regular.file), lazy=True)
    try:
        os2, hhea = font["OS/2"], font["hhea"]
        if os2.fsSelection & (1 << 7):  # USE_TYPO_METRICS
            ascent, descent = os2.sTypoAscender, os2.sTypoDescender
        else:
            ascent, descent = hhea.ascent, hhea.descent
        return (ascent + descent) / font["head"].unitsPerEm  # the descender is negative
    finally:
        font.close()


def invisible(char: str) -> bool:
    """Characters no glyph is drawn for: controls, format characters (soft hyphen, joiners,
    directional marks), line and paragraph separators, variation selectors."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs")
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
    )


# Scripts of characters, by block: enough to choose a font (letters only count).
_RANGES = (
    (0x0041, 0x024F, "Latn"),
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"),
    (0x0750, 0x077F, "Arab"),
    (0x08A0, 0x08FF, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0x1100, 0x11FF, "Hang"),
    (0x1C80, 0x1C8F, "Cyrl"),
    (0x1E00, 0x1EFF, "Latn"),
    (0x1F00, 0x1FFF, "Grek"),
    (0x2DE0, 0x2DFF, "Cyrl"),
    (0x2E80, 0x2FDF, "Hani"),
    (0x3040, 0x309F, "Hira"),
    (0x30A0, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hang"),
    (0x31F0, 0x31FF, "Kana"),
    (0x3400, 0x4DBF, "Hani"),
    (0x4E00, 0x9FFF, "Hani"),
    (0xA640, 0xA69F, "Cyrl"),
    (0xA8E0, 0xA8FF, "Deva"),
    (0xAC00, 0xD7AF, "Hang"),
    (0xF900, 0xFAFF, "Hani"),
    (0xFB1D, 0xFB4F, "Hebr"),
    (0xFB50, 0xFDFF, "Arab"),
    (0xFE70, 0xFEFF, "Arab"),
    (0x20000, 0x3FFFF, "Hani"),
)


def script_of(char: str) -> str | None:
    """The ISO 15924 script of a letter (``None`` for punctuation, digits, other scripts)."""
    if not char.isalpha():
        return None
    code = ord(char)
    for start, end, script in _RANGES:
        if start <= code <= end:
            return script
    return None


def dominant_script(text: str) -> str | None:
    """The script most letters of ``text`` are in; kana or hangul with Han make the text CJK."""
    counts = Counter(s for s in map(script_of, text) if s)
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def family_for(lang: str, text: str = "") -> Family:
    """The family a language is set in: its pack's ``fonts``, else its pack's ``script``,
    else the script of its ``text``; Charis SIL when none of them names a vendored font."""
    from . import languages

    pack = languages.pack(lang)
    for key in pack.fonts:
        if key in BY_KEY:
            return BY_KEY[key]
    script = pack.script or dominant_script(text)
    return BY_SCRIPT.get(script or "", TEXT)


# --- one document ------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingGlyph:
    """A character no vendored font covers, and the first place it occurs."""

    char: str
    file: str | None
    where: str
    count: int = 1

    def describe(self) -> str:
        name = unicodedata.name(self.char, "unnamed character")
        more = f" (and {self.count - 1} more time{'s' if self.count > 2 else ''})" if self.count > 1 else ""
        return f"{self.where}: {self.char!r} (U+{ord(self.char):04X} {name}) is in no font enface ships{more}"


@dataclass(frozen=True)
class FontPlan:
    families: tuple[Family, ...]  # Charis SIL first, then the others the book needs, in FAMILIES order
    by_lang: dict[str, Family]  # every language of the book (text, notes, phrases) → its family
    missing: tuple[MissingGlyph, ...]

    @property
    def plain(self) -> bool:
        """Charis SIL alone sets the whole book (the bundled edition): nothing to add."""
        return self.families == (TEXT,)

    def stack(self, first: Family) -> list[Family]:
        """Families in the order a text in ``first`` falls back through."""
        return [first] + [f for f in self.families if f is not first]


def _sentences_text(sentences) -> str:
    return " ".join(s.text for s in sentences)


def texts(doc: Document) -> Iterator[tuple[str, str | None, str, str]]:
    """Every text of the book as (language, file, place, text): what the editions show."""
    from . import languages

    meta = doc.meta
    manifest = "edition.toml"
    for lang, title in meta.titles.items():
        yield lang, manifest, f"[titles] {lang}", title
    for lang, title in meta.subtitles.items():
        yield lang, manifest, f"subtitle {lang}", title
    for lang, label in meta.labels.items():
        yield lang, manifest, f"label of {lang}", label
    yield meta.description_lang or meta.lang, manifest, "description", meta.description
    yield meta.rights_lang or meta.lang, manifest, "rights", meta.rights
    yield meta.lang, manifest, "publisher", meta.publisher
    for role, name in meta.credits:
        yield meta.lang, manifest, "credits", f"{role} {name}"
    for name, value in meta.work.items():
        yield meta.lang, manifest, f"[work] {name}", value
    for source in meta.sources:
        yield meta.lang, manifest, "sources", f"{source.file} {source.role}"
    files = {s.lang: s.file for s in meta.sources if s.role == "translation"}
    for unit in doc.units:
        for lang, paras in unit.paragraphs.items():
            for para in paras:
                where = f"paragraph {para.n}"
                yield lang, files.get(lang), where, _sentences_text(para.sentences)
                for sentence in para.sentences:
                    for run in sentence.runs:
                        if run.lang:
                            yield run.lang, files.get(lang), where, run.text
    appendix_files = [s.file for s in meta.sources if s.role == "appendix"]
    for index, app in enumerate(doc.appendices):
        file = appendix_files[index] if index < len(appendix_files) else None
        yield app.lang, file, "title", app.title
        for lang, title in app.titles.items():
            yield lang, manifest, f"appendix title {lang}", title
        for para in app.paragraphs:
            yield app.lang, file, f"paragraph {para.n}", _sentences_text(para.sentences)
    for note in doc.notes.values():
        for runs in note.paragraphs:
            for run in runs:
                yield run.lang or note.lang, files.get(note.lang), f"note {note.n}", run.text
    for table in dict.fromkeys((meta.lang, "en")):
        for key, value in languages.pack(table).words.items():
            yield meta.lang, None, f"enface's word {key!r} in {table}", value


def font_plan(doc: Document) -> FontPlan:
    """Which vendored families the book needs, the family of each language, and the
    characters none of them covers."""
    by_lang_text: dict[str, list[str]] = {}
    occurrences: list[tuple[str, str | None, str, str]] = []
    for lang, file, where, text in texts(doc):
        if not text:
            continue
        by_lang_text.setdefault(lang, []).append(text)
        occurrences.append((lang, file, where, text))
    by_lang = {lang: family_for(lang, " ".join(parts)) for lang, parts in by_lang_text.items()}
    needed = {TEXT.key} | {f.key for f in by_lang.values()}
    covered = set().union(*(coverage(BY_KEY[k]) for k in needed))
    # characters of other scripts (a Greek word in French text, no lang marked): the first
    # family, in FAMILIES order, that has them
    stray = {ord(ch) for _l, _f, _w, text in occurrences for ch in text if not invisible(ch)} - covered
    for family in FAMILIES:
        if stray and family.key not in needed and stray & coverage(family):
            needed.add(family.key)
            stray -= coverage(family)
    covered = set().union(*(coverage(BY_KEY[k]) for k in needed))
    missing: dict[str, MissingGlyph] = {}
    for _lang, file, where, text in occurrences:
        for ch in text:
            if ord(ch) in covered or invisible(ch):
                continue
            found = missing.get(ch)
            missing[ch] = (
                MissingGlyph(ch, found.file, found.where, found.count + 1) if found else MissingGlyph(ch, file, where)
            )
    families = tuple(f for f in FAMILIES if f.key in needed)
    return FontPlan(families, by_lang, tuple(missing.values()))


def glyph_findings(doc: Document, *, allow: bool) -> list:
    """Every character of the book no vendored font covers: an ``EnfaceError`` naming the
    file, the paragraph and the first such character (exit 3), or with ``allow`` a warning
    finding (``font.missing-glyph``) per character: the book is made, those characters are
    missing glyphs, and the PDF claims no PDF/UA or PDF/A conformance."""
    from .diagnostics import finding
    from .errors import EnfaceError

    missing = font_plan(doc).missing
    if not missing:
        return []
    if not allow:
        first, others = missing[0], missing[1:]
        more = ""
        if others:
            listed = " ".join(f"{m.char!r} (U+{ord(m.char):04X})" for m in others[:5])
            more = f"; {len(others)} other character{'s' if len(others) > 1 else ''} too: {listed}"
            more += "…" if len(others) > 5 else ""
        raise EnfaceError(
            first.describe() + more,
            path=first.file,
            hint="replace it, or build with --allow-missing-glyphs: the PDF then claims no PDF/UA or PDF/A conformance",
        )
    return [
        finding(
            "font.missing-glyph",
            f"{m.describe()}: printed as a missing glyph; the PDF claims no PDF/UA or PDF/A conformance",
            file=m.file,
            where=m.where,
        )
        for m in missing
    ]
