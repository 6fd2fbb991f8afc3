"""The fonts enface ships (``styles/fonts``), and how each edition's colophon credits them.

The print edition embeds Charis SIL under its own name; the EPUB carries subsets renamed
``EPUB_FAMILY``, as the SIL Open Font License asks of modified fonts (see ``epub/fonts.py``).
"""

from __future__ import annotations

ORIGINAL = "Charis SIL"
FOUNDRY = "SIL International"
LICENCE = "SIL Open Font License 1.1"
EPUB_FAMILY = "Enface Text"

# (font, licence) lines of the colophon, by edition
FONT_CREDITS: dict[str, list[tuple[str, str]]] = {
    "pdf": [(f"{ORIGINAL}, {FOUNDRY}", LICENCE)],
    "epub": [(f"{EPUB_FAMILY} ({ORIGINAL}, {FOUNDRY})", LICENCE)],
}
