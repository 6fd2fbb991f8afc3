"""EPUB 3 writer: TEI → XHTML documents (three reading modes) → ebooklib package → deterministic zip.

Names are loaded on first use, so that checking EPUB options costs no ebooklib import.
"""

from __future__ import annotations

from importlib import import_module

_NAMES = {
    "DEFAULT_MODE": ".options",
    "MODES": ".options",
    "EpubOutput": ".writer",
    "build_epub": ".writer",
    "check_primary": ".options",
    "output_name": ".options",
    "parse_modes": ".options",
}
__all__ = list(_NAMES)


def __getattr__(name: str):
    if name in _NAMES:
        return getattr(import_module(_NAMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
