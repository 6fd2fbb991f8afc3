"""Print writer: TEI → print HTML → WeasyPrint → PDF.

Names are loaded on first use: importing the package (for ``PrintOptions``) must not
cost the writer's imports on a build that has nothing to print.
"""

from __future__ import annotations

from importlib import import_module

_NAMES = {
    "PrintOptions": ".options",
    "PrintResult": ".writer",
    "print_html": ".writer",
    "render": ".writer",
}
__all__ = list(_NAMES)


def __getattr__(name: str):
    if name in _NAMES:
        return getattr(import_module(_NAMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
