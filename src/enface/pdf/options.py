"""What the print edition is asked to be: page size, press marks, PDF variant, notes pages.

``PrintOptions`` is frozen and validated on creation, so a bad value fails before
WeasyPrint starts, with a message naming the option.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import EnfaceError


@dataclass(frozen=True)
class PageSize:
    name: str  # what the user types
    width_mm: float
    height_mm: float
    # margins: top, bottom, inner (binding side), outer
    margins_mm: tuple[float, float, float, float]
    body_pt: float  # body text size in the parallel columns
    label: str  # for messages and pdfinfo comparisons


# Study editions: an outer margin of at least 18 mm, room for a reader's notes (issue #14).
PAGE_SIZES: dict[str, PageSize] = {
    "a4": PageSize("a4", 210, 297, (17, 19, 21, 18), 9.25, "A4"),
    "a5": PageSize("a5", 148, 210, (14, 16, 17, 18), 8.75, "A5"),
    "b5": PageSize("b5", 176, 250, (15, 17, 19, 18), 9.0, "B5"),
    "letter": PageSize("letter", 215.9, 279.4, (16, 18, 21, 18), 9.25, "US Letter"),
    "6x9": PageSize("6x9", 152.4, 228.6, (14, 16, 17, 18), 8.75, "6 × 9 in"),
}
ALIASES = {"us-letter": "letter", "usletter": "letter", "6x9in": "6x9", "6×9": "6x9", "6×9in": "6x9"}

MARKS = ("crop", "cross")
VARIANTS = ("pdf/ua-1", "pdf/a-3b")
NOTES_STYLES = ("ruled", "blank")
LAYOUTS = ("columns", "facing")  # side by side on each page | verso one language, recto another
FACING_LANGUAGES = (2, 3, 4)  # the language counts a facing spread sets (pdf/facing.py)
TEXT_ALIGNS = ("justify", "ragged")  # justified | ragged right (hyphenated); None: by the measure
MAX_BLEED_MM = 10.0
MAX_NOTES_PAGES = 64


def page_size(name: str) -> PageSize:
    key = name.strip().lower().replace(" ", "")
    key = ALIASES.get(key, key)
    if key not in PAGE_SIZES:
        raise EnfaceError(f"unknown page size {name!r}: choose from {', '.join(PAGE_SIZES)}")
    return PAGE_SIZES[key]


@dataclass(frozen=True)
class PrintOptions:
    """How to print. Defaults: A4, no bleed, no marks, PDF/UA-1 (tagged), no notes pages."""

    page_size: str = "a4"
    bleed_mm: float = 0.0
    marks: tuple[str, ...] = ()
    variant: str = "pdf/ua-1"
    notes_pages: int = 0
    notes_style: str = "ruled"
    layout: str | None = None  # None: not chosen (the manifest's [print] layout, else pdf/choice.py)
    text_align: str | None = None  # None: ragged right under 45 characters a line, else justified
    full_page: str | None = None  # facing pages: the language alone on the verso (None: the first)

    def __post_init__(self) -> None:
        page_size(self.page_size)
        if self.layout is not None and self.layout not in LAYOUTS:
            raise EnfaceError(f"unknown layout {self.layout!r}: choose from {', '.join(LAYOUTS)}")
        if self.text_align is not None and self.text_align not in TEXT_ALIGNS:
            raise EnfaceError(f"unknown text alignment {self.text_align!r}: choose from {', '.join(TEXT_ALIGNS)}")
        if not 0 <= self.bleed_mm <= MAX_BLEED_MM:
            raise EnfaceError(f"bleed must be between 0 and {MAX_BLEED_MM:g} mm, not {self.bleed_mm:g} mm")
        unknown = [m for m in self.marks if m not in MARKS]
        if unknown:
            raise EnfaceError(f"unknown printer's mark {', '.join(unknown)}: choose from {', '.join(MARKS)}")
        if self.variant not in VARIANTS:
            raise EnfaceError(f"unknown PDF variant {self.variant!r}: choose from {', '.join(VARIANTS)}")
        if not 0 <= self.notes_pages <= MAX_NOTES_PAGES:
            raise EnfaceError(f"notes pages must be between 0 and {MAX_NOTES_PAGES}, not {self.notes_pages}")
        if self.notes_style not in NOTES_STYLES:
            raise EnfaceError(f"unknown notes page style {self.notes_style!r}: choose from {', '.join(NOTES_STYLES)}")

    @property
    def size(self) -> PageSize:
        return page_size(self.page_size)

    @property
    def facing(self) -> bool:
        return self.layout == "facing"


_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*$")
_TO_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}


def parse_bleed(value: str | float | None) -> float:
    """``"3mm"``, ``"0.125in"``, ``"3"`` (millimetres) → millimetres."""
    if value is None or value == "":
        return 0.0
    if isinstance(value, (int, float)):
        return float(value)
    match = _LENGTH.match(value)
    if not match:
        raise EnfaceError(f"bleed {value!r} is not a length: write it like 3mm or 0.125in")
    return round(float(match.group(1)) * _TO_MM[match.group(2) or "mm"], 3)


def parse_marks(value: str | None) -> tuple[str, ...]:
    """``"crop,cross"`` → ``("crop", "cross")``; ``"none"`` or empty → ``()``."""
    if not value or value.strip().lower() == "none":
        return ()
    marks = tuple(dict.fromkeys(m.strip().lower() for m in value.split(",") if m.strip()))
    unknown = [m for m in marks if m not in MARKS]
    if unknown:
        raise EnfaceError(f"unknown printer's mark {', '.join(unknown)}: choose from {', '.join(MARKS)}")
    return marks


def parse_notes(value: str | None) -> tuple[int, str]:
    """``"4"`` → 4 ruled pages; ``"ruled:4"``, ``"blank:2"``, ``"0"`` or ``"none"`` → none."""
    if not value or value.strip().lower() in ("none", "0"):
        return 0, "ruled"
    text = value.strip().lower()
    style, _, count = text.partition(":") if ":" in text else ("ruled", ":", text)
    if style not in NOTES_STYLES or not count.isdigit():
        raise EnfaceError(
            f"notes pages {value!r}: write a number of pages, optionally with a style, like 4, ruled:4 or blank:2"
        )
    return int(count), style


def options_from_strings(
    page: str = "a4",
    bleed: str | None = None,
    marks: str | None = None,
    variant: str = "pdf/ua-1",
    notes: str | None = None,
    layout: str | None = None,
    text_align: str | None = None,
    full_page: str | None = None,
) -> PrintOptions:
    """``PrintOptions`` from command-line strings (``--bleed 3mm --marks crop,cross --notes-pages ruled:4``)."""
    count, style = parse_notes(notes)
    return PrintOptions(
        page_size=page_size(page).name,
        bleed_mm=parse_bleed(bleed),
        marks=parse_marks(marks),
        variant=variant.strip().lower(),
        notes_pages=count,
        notes_style=style,
        layout=layout.strip().lower() if layout and layout.strip().lower() not in ("", "auto") else None,
        text_align=_text_align(text_align),
        full_page=full_page.strip() if full_page and full_page.strip() else None,
    )


def _text_align(value: str | None) -> str | None:
    """``"justify"``/``"justified"`` or ``"ragged"``/``"left"``; empty or ``"auto"``: by the measure."""
    text = (value or "").strip().lower()
    if text in ("", "auto"):
        return None
    return {"justified": "justify", "left": "ragged", "ragged-right": "ragged"}.get(text, text)
