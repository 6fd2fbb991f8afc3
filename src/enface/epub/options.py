"""EPUB options (reading modes, popup language, file names), checked before any work.

Kept apart from the writer so that checking them costs no ebooklib or lxml import.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import EnfaceError

MODES = ("interleaved", "sequential", "popup")
DEFAULT_MODE = "interleaved"


def output_name(slug: str, mode: str) -> str:
    """``slug.epub`` for the default (interleaved) mode, ``slug.MODE.epub`` for the others."""
    return f"{slug}.epub" if mode == DEFAULT_MODE else f"{slug}.{mode}.epub"


def parse_modes(value: str | None) -> list[str]:
    """``interleaved``, ``sequential``, ``popup``, ``all``, or a comma-separated list."""
    if not value:
        return [DEFAULT_MODE]
    items = [v.strip().lower() for v in value.split(",") if v.strip()]
    if "all" in items:
        return list(MODES)
    unknown = [v for v in items if v not in MODES]
    if unknown or not items:
        raise EnfaceError(f"unknown EPUB mode {', '.join(unknown) or '(none)'}: choose from {', '.join(MODES)} or all")
    return [m for m in MODES if m in items]


def check_primary(primary: str | None, langs: Sequence[str]) -> str | None:
    """The popup mode's reading language, checked against the edition's languages."""
    if primary is not None and primary not in langs:
        raise EnfaceError(
            f"EPUB primary language {primary!r} is not a language of the parallel text ({', '.join(langs)})",
            hint="use --epub-primary with one of them, or fix [epub] primary",
        )
    return primary
