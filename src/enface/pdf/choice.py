"""Which print layout suits the reader, and how its measure is set (issue #14).

A parallel text is read across: a column too narrow to hold a phrase breaks every other
word and, justified, opens rivers of white. So with no ``--layout`` (nor ``[print] layout``):

- two languages, or a page narrower than A4: **facing** pages (each language at the full
  text width, or two columns of a page for three or four languages);
- three or four languages on A4 or US Letter: **columns**, when each column still holds at
  least :data:`MIN_CHARS` characters a line; otherwise facing pages;
- more than four languages (or one): columns, the only layout that sets them.

Columns under :data:`MIN_CHARS` are set only when asked (``--layout columns``), and the
build then says so once. Every message ends with something the user can do.

A column under :data:`RAGGED_BELOW` characters is set ragged right (hyphenated) unless
justification is asked (``--text-align justify``): justified, such a measure has too few
word spaces to absorb a line's slack, and its lines go loose.

Pure functions of the number of languages, the page size and what was asked: the writer,
the print HTML and the tests call the same :func:`choose`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .options import PrintOptions, page_size

MIN_CHARS = 40  # fewer characters a line in a column: columns only when asked
RAGGED_BELOW = 45  # fewer characters a line: ragged right unless justification is asked
# fewer characters a line in a column of the columns layout (four languages or more on A4,
# three on A5): headings and verse lines hyphenated too, or their long words run across the
# rule into the next column (print.css, ``html.narrow``)
NARROW_BELOW = 25
# fewer still (five languages or more on A4): chapter titles set smaller too (``html.narrowest``),
# a 13 pt word of a heading being wider than such a column even hyphenated
NARROWEST_BELOW = 20
WIDE_MM = 210.0  # A4's width: a narrower page gets facing pages
_EM_PER_CHAR = 0.47  # as in layout.py: average advance of a Charis SIL character, in ems
NUM_MM = 5.0
GUTTER_MM = 4.0


@dataclass(frozen=True)
class Choice:
    """The layout to set, the measure it gives and what to tell the user."""

    layout: str  # "columns" | "facing"
    chars_per_line: float  # in the narrowest column of the chosen layout
    ragged: bool  # text-align: left (hyphenated) rather than justified
    asked: bool  # the layout was asked for (option or manifest), not chosen here
    messages: tuple[str, ...] = ()

    @property
    def narrowness(self) -> tuple[str, ...]:
        """The print document's classes for narrow columns (print.css): ``narrow`` under
        :data:`NARROW_BELOW` characters a line, ``narrowest`` too under :data:`NARROWEST_BELOW`."""
        if self.layout != "columns" or self.chars_per_line >= NARROW_BELOW:
            return ()
        return ("narrow", "narrowest") if self.chars_per_line < NARROWEST_BELOW else ("narrow",)


def facing_languages() -> tuple[int, ...]:
    """The language counts facing pages can set (read here without importing ``pdf/facing.py``,
    which a build that lays nothing out never needs)."""
    from .options import FACING_LANGUAGES

    return FACING_LANGUAGES


def chars_per_line(page: str, columns: int) -> float:
    """Characters a line in one of ``columns`` language columns across a page's text width
    (the same arithmetic as ``layout.Geometry.chars_per_line``)."""
    size = page_size(page)
    _top, _bottom, inner, outer = size.margins_mm
    text_width = size.width_mm - inner - outer
    column_mm = (text_width - NUM_MM) / max(columns, 1) - GUTTER_MM
    return column_mm / 25.4 * 72 / (size.body_pt * _EM_PER_CHAR)


def facing_columns(languages: int) -> int:
    """Columns on the fullest page of a facing spread: one language a page for two, one
    full page and two columns for three, two and two for four."""
    return 1 if languages <= 2 else 2


def _number(n: int) -> str:
    return {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}.get(n, str(n))


def choose(
    languages: int,
    page: str = "a4",
    layout: str | None = None,
    *,
    text_align: str | None = None,
    facing: tuple[int, ...] | None = None,
    rtl: bool = False,
) -> Choice:
    """The layout for ``languages`` on ``page``: ``layout`` when asked, else the reader's
    choice (module docstring); ``facing``: the language counts facing pages can set
    (default: :func:`facing_languages`); ``rtl``: the book's first language is written right
    to left, so its spreads would run right to left, which WeasyPrint 70 cannot do (its pages
    run left to right): such a book gets columns, and facing pages are refused."""
    from ..errors import EnfaceError

    facing = facing_languages() if facing is None else facing
    if rtl:
        if layout == "facing":
            raise EnfaceError(
                "--layout facing: this book's first language is written right to left, and its spreads "
                "would have to run right to left, which the PDF engine (WeasyPrint) cannot do yet",
                hint="use --layout columns, or list a left-to-right language first in edition.toml",
            )
        facing = ()
    size = page_size(page)
    columns_chars = chars_per_line(size.name, languages)
    can_face = languages in facing
    messages: list[str] = []
    asked = layout is not None
    if asked:
        chosen = layout
    elif languages == 2 or (languages in (3, 4) and size.width_mm < WIDE_MM):
        chosen = "facing"
    elif languages in (3, 4):
        chosen = "columns" if columns_chars >= MIN_CHARS else "facing"
    else:
        chosen = "columns"
    if chosen == "facing" and not asked and not can_face:
        chosen = "columns"  # facing pages cannot set this many languages yet: the next best
    chars = columns_chars if chosen == "columns" else chars_per_line(size.name, facing_columns(languages))
    ragged = text_align == "ragged" or (text_align is None and chars < RAGGED_BELOW)
    if chosen == "columns" and languages > 1 and chars < MIN_CHARS:
        messages.append(_narrow_message(languages, size.name, chars, facing, ragged))
    return Choice(chosen, chars, ragged, asked, tuple(messages))


def _narrow_message(languages: int, page: str, chars: float, facing: tuple[int, ...], ragged: bool) -> str:
    """Columns under MIN_CHARS: the fact, then what the user can do about it."""
    size = page_size(page)
    fact = (
        f"{_number(languages)} columns on {size.label} pages leave about {chars:.0f} characters a line "
        f"(under {MIN_CHARS}), {'set ragged right' if ragged else 'justified'}"
    )
    advice = []
    if languages in facing:
        wide = chars_per_line(size.name, facing_columns(languages))
        advice.append(f"--layout facing sets each language on facing pages, about {wide:.0f} characters a line")
    wider = [
        name
        for name in ("a4", "letter")
        if page_size(name).width_mm > size.width_mm and chars_per_line(name, languages) >= MIN_CHARS
    ]
    if wider:
        advice.append(f"--page-size {wider[0]} gives about {chars_per_line(wider[0], languages):.0f}")
    if languages not in facing:
        most = max(facing, default=2)
        advice.append(
            f"for a wider measure, --layout facing sets up to {_number(most)} languages: "
            f"an edition of {_number(most)} of the [[sources]]"
        )
    return f"{fact}: {'; or '.join(advice)}"


def resolve(options: PrintOptions, langs: Sequence[str]) -> tuple[PrintOptions, Choice]:
    """``options`` with the layout chosen (``layout`` set) for a book in ``langs`` (the
    first is the book's own), and the choice itself."""
    from dataclasses import replace

    from ..languages import direction

    rtl = bool(langs) and direction(langs[0]) == "rtl"
    choice = choose(len(langs), options.page_size, options.layout, text_align=options.text_align, rtl=rtl)
    return replace(options, layout=choice.layout), choice
