"""The print stylesheet's part that depends on the book's scripts (see ``enface.fonts``).

``styles/print.css`` sets everything in Charis SIL. A book with languages in other
scripts gets, in a ``<style>`` after it:

- an ``@font-face`` per face of every other vendored family it needs, under a family name
  no system font has (``enface-greek``…), so WeasyPrint can only find the vendored file;
- for every language of the book, its family first, then Charis SIL, then the book's
  other families (``font-family`` by ``[lang]``): a Greek column is all Gentium Plus, a
  Japanese one all Noto Serif CJK, and a character of another script (a French name in a
  Greek text) is found further down the list — never in a system font, since the build
  checked every character is covered (``font_plan``);
- the blocks of a language whose family has other vertical metrics than Charis SIL moved
  down (or up) by the difference, so that the first lines of a group stand on one baseline
  across the columns and the pages of a spread (:func:`baseline_shift`);
- right-to-left text aligned to the right (last lines, headings, verse, notes, the
  colophon) and, in a table set right to left, the rules between the columns on their
  other side.

Several ``@font-face`` files under one family name split by ``unicode-range`` garble
Cyrillic in WeasyPrint 70: every family here is one font, and the fallback is the list.

A book Charis SIL sets alone, in left-to-right languages, gets nothing: its print HTML is
what it always was.
"""

from __future__ import annotations

from ..fonts import TEXT, Family, FontPlan, coverage, line_rise
from ..languages import direction

MARGIN_BOXES = ("top-left", "top-center", "top-right", "bottom-center")

RTL_CSS = """
table.parallel td.v[dir="rtl"] { text-align-last: right; }
table.parallel th.v[dir="rtl"] { text-align: right; }
table.parallel[dir="rtl"] td.v + td.v, table.parallel[dir="rtl"] th.v + th.v {
  border-left: none; border-right: 0.3pt solid #999; }
table.parallel [dir="rtl"] p.l, table.parallel [dir="rtl"] p.note {
  text-align: right; text-align-last: right; padding-left: 0; padding-right: 1.2em; }
table.parallel [dir="rtl"] figcaption, table.parallel tr.heading [dir="rtl"] h2,
table.parallel tr.heading [dir="rtl"] h3, table.parallel tr.heading [dir="rtl"] h4 { text-align: right; }
[dir="rtl"] .appendix-text .text, .appendix-text[dir="rtl"] .text { text-align-last: right; }
html[dir="rtl"] .colophon p { text-align: right; }
html[dir="rtl"] .colophon .credits dt { float: right; margin-right: 0; margin-left: 1.5mm; }
html[dir="rtl"] .colophon .sources td { padding: 0.8mm 0 0.8mm 1.5mm; }
div.fbead[dir="rtl"] { text-align-last: right; }
html.ragged div.fbead[dir="rtl"], div.fbead.rag[dir="rtl"], div.fbead.heading[dir="rtl"] { text-align: right; }
html.ragged div.fbead[dir="rtl"] p.fcut, div.fbead.rag[dir="rtl"] p.fcut { text-align-last: right; }
div.fbead[dir="rtl"] p.l, div.fbead[dir="rtl"] p.note {
  text-align: right; padding-left: 0; padding-right: 1.2em; }
"""


def baseline_shift(family: Family) -> float:
    """How far down (in em, to 4 places) text in ``family`` is moved so that its baselines are
    level with Charis SIL's at the same size and line height (see :func:`enface.fonts.line_rise`):
    a block is moved, not laid out again, so every measured height stays what it was."""
    if family is TEXT:
        return 0.0
    return round((line_rise(TEXT) - line_rise(family)) / 2, 4)


def _stack(plan: FontPlan, first: Family) -> str:
    return ", ".join(f'"{family.css}"' for family in plan.stack(first)) + ", serif"


def print_css(plan: FontPlan, lang: str, langs: tuple[str, ...] = ()) -> str:
    """The rules a book's fonts and directions add to ``print.css`` ("" when none)."""
    rtl = any(direction(code) == "rtl" for code in (lang, *langs, *plan.by_lang))
    if plan.plain and not rtl:
        return ""
    rules = []
    for family in plan.families:
        if family is TEXT:  # declared in print.css
            continue
        for face in family.faces:
            rules.append(
                f'@font-face {{ font-family: "{family.css}"; font-style: {face.style}; '
                f"font-weight: {face.weight}; src: url(fonts/{face.file}); }}"
            )
    if not plan.plain:
        root = plan.by_lang.get(lang, TEXT)
        rules.append(f"html {{ font-family: {_stack(plan, TEXT)}; }}")
        rules.append("code, kbd, pre, samp { font-family: inherit; }")
        for code, family in sorted(plan.by_lang.items()):
            rules.append(f'[lang="{code}"] {{ font-family: {_stack(plan, family)}; }}')
            shift = baseline_shift(family)
            if shift:  # its blocks moved to set their baselines level with Charis SIL's
                rules.append(
                    f'div.fbead[lang="{code}"] > *, td.v[lang="{code}"] > * {{ position: relative; top: {shift:g}em; }}'
                )
        # Pango sets a space between two runs (" · " in a running head or between the titles of
        # a contents line) in the font of the character next to it; a family without an ASCII
        # space comes after Charis SIL there (else .notdef boxes)
        spaced = root if 0x20 in coverage(root) else TEXT
        boxes = " ".join(f"@{box} {{ font-family: {_stack(plan, spaced)}; }}" for box in MARGIN_BOXES)
        rules.append(f"@page {{ {boxes} }}")
        if spaced is not root:
            rules.append(f".toc p.others {{ font-family: {_stack(plan, spaced)}; }}")
    css = "\n".join(rules) + "\n"
    return css + RTL_CSS if rtl else css
