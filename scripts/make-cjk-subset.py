"""Make styles/fonts/NotoSerifCJKjp-Subset-Regular.otf: the vendored CJK font.

Noto Serif CJK is about 25 MB a weight (65,535 glyphs). enface vendors one weight (regular)
of the Japanese face, cut to the characters of the common national standards:

- JIS X 0208 (Japanese: kanji levels 1 and 2, kana, symbols), through EUC-JP rows 0xA1-0xF4;
- GB 2312 (simplified Chinese), through EUC-CN;
- KS X 1001 (Korean: 2,350 hangul syllables, 4,888 hanja, symbols), through EUC-KR;
- Big5 level 1 (traditional Chinese: 5,401 frequent hanzi), lead bytes 0xA4-0xC6;

plus CJK symbols and punctuation, kana (with the phonetic extensions), Hangul compatibility
jamo, half- and full-width forms and the Jōyō kanji of 2010 outside JIS X 0208, and the space
and no-break space: Pango sets a space between two CJK characters ("おもいまして、 『それは")
in their font, never in the next font of the list, so without one it printed the .notdef box
(and WeasyPrint wrote a font encoding pypdf reads as garbage). No other ASCII:
Latin letters and digits in CJK text are Charis SIL's, as in Japanese typesetting, and
enface's own words (English for a language without its own) are set in Charis SIL with its
bold and italic. Layout features are kept except the vertical ones (enface sets text
horizontally) and ``locl``: the glyph forms are the Japanese ones for every language (a
Chinese or Korean text shows Japanese forms of the few characters whose forms differ by
region).

Run once, where Debian's fonts-noto-cjk is installed (never at build time):

    apt-get install fonts-noto-cjk
    .venv/bin/python scripts/make-cjk-subset.py

The output is renamed "Noto Serif CJK JP Subset" (a modified version; the licence's Reserved
Font Name is "Source", which it does not use), with its copyright and licence kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
FACE = 0  # Noto Serif CJK JP in Debian's collection
OUT = Path(__file__).resolve().parent.parent / "styles" / "fonts" / "NotoSerifCJKjp-Subset-Regular.otf"
FAMILY = "Noto Serif CJK JP Subset"
POSTSCRIPT = "NotoSerifCJKjpSubset-Regular"
VERTICAL = ("vert", "vrt2", "vkna", "vkrn", "vpal", "vhal", "valt")
JOYO_2010 = "𠮟塡剝頰"  # Jōyō kanji added in 2010 that JIS X 0208 lacks


def double_byte(codec: str, leads: range, trails) -> set[int]:
    out = set()
    for lead in leads:
        for trail in trails:
            try:
                text = bytes([lead, trail]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                out.add(ord(text))
    return out


def characters() -> set[int]:
    euc = range(0xA1, 0xFF)
    chars = double_byte("euc_jp", range(0xA1, 0xF5), euc)
    chars |= double_byte("gb2312", euc, euc)
    chars |= double_byte("euc_kr", euc, euc)
    chars |= double_byte("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    for start, end in (
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3040, 0x30FF),  # hiragana, katakana
        (0x3130, 0x318F),  # Hangul compatibility jamo
        (0x31F0, 0x31FF),  # katakana phonetic extensions
        (0xFF00, 0xFFEF),  # half- and full-width forms
    ):
        chars |= set(range(start, end + 1))
    chars |= {ord(c) for c in JOYO_2010}
    chars |= {0x20, 0xA0}  # the space and the no-break space (see above)
    return chars


def main() -> int:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(SOURCE), fontNumber=FACE, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = [f for f in options.layout_features if f not in (*VERTICAL, "locl")]
    options.layout_features += ["palt", "halt"]
    options.drop_tables += ["vhea", "vmtx", "VORG"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(characters()))
    subsetter.subset(font)
    name = font["name"]
    version = name.getDebugName(5) or ""
    name.names = [r for r in name.names if r.nameID not in (16, 17, 21, 22)]
    for name_id, value in {
        1: FAMILY,
        2: "Regular",
        3: f"enface: {POSTSCRIPT}: {version}",
        4: FAMILY,
        6: POSTSCRIPT,
        10: f"A subset of Noto Serif CJK JP ({version}) made for enface: JIS X 0208, GB 2312, "
        "KS X 1001 and Big5 level 1 characters, regular weight, horizontal forms.",
    }.items():
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    font["CFF "].cff.fontNames = [POSTSCRIPT]
    font.save(str(OUT))
    print(f"{OUT}: {OUT.stat().st_size:,} bytes, {font['maxp'].numGlyphs} glyphs, {len(font.getBestCmap())} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
