"""Writers: one per output, in a registry, like Pandoc's writers.

Each writer (a :class:`~enface.writers.base.Writer`) says what it is called, the file it
writes, what it needs (the TEI always; the print layout; the findings of the build), what
its cache key depends on (styles, fonts, options), and writes its bytes from the TEI.
``enface build`` (formats, stages, cache), ``enface check``, ``enface preview`` and the
``--format`` help read this registry.

To add an output: one module here defining the writer, and one ``register(…)`` line below.
Writer modules import their heavy dependencies inside ``write`` and ``check``, so that the
registry costs nothing to load (``enface --help`` reads it).

The order of the registry is the order outputs are listed in ``SHA256SUMS``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import EnfaceError
from . import azw3, epub, kepub, pdf, report, tei, web
from .base import CheckContext, Context, Layout, Options, Writer, Written

__all__ = [
    "WRITERS",
    "CheckContext",
    "Context",
    "Layout",
    "Options",
    "Writer",
    "Written",
    "default_formats",
    "formats",
    "parse_formats",
    "register",
    "selected",
]

WRITERS: dict[str, Writer] = {}


def register(writer: Writer) -> Writer:
    """Add (or replace) a writer under its name."""
    WRITERS[writer.name] = writer
    return writer


def formats() -> list[str]:
    """The ``--format`` words, in registry order (the report, always written, is not one)."""
    return list(dict.fromkeys(w.format for w in WRITERS.values() if not w.always))


def default_formats() -> list[str]:
    """What ``enface build`` writes without ``--format``: TEI, EPUB and PDF (KEPUB, AZW3 and the
    web edition are asked for: AZW3 needs calibre)."""
    return list(dict.fromkeys(w.format for w in WRITERS.values() if not w.always and w.by_default))


def formats_help() -> str:
    """``tei (SLUG.tei.xml), …``: the ``--format`` words and the files they write, for help."""
    files: dict[str, list[str]] = {}
    for writer in WRITERS.values():
        if not writer.always:
            files.setdefault(writer.format, []).append(writer.output_name("SLUG"))
    return ", ".join(f"{fmt} ({' or '.join(names)})" for fmt, names in files.items())


def parse_formats(value: str | Iterable[str]) -> list[str]:
    """``"tei,epub"`` → the formats asked for, in registry order; unknown ones are an error."""
    items = value.split(",") if isinstance(value, str) else list(value)
    asked = [item.strip().lower() for item in items if item.strip()]
    known = formats()
    unknown = [f for f in asked if f not in known]
    if unknown or not asked:
        raise EnfaceError(f"unknown output format {', '.join(unknown) or '(none)'}: choose from {', '.join(known)}")
    return [f for f in known if f in asked]


def selected(asked: Iterable[str], options: Options) -> list[Writer]:
    """The writers a build with these formats and options runs, in registry order."""
    asked = set(asked)
    writers = [w for w in WRITERS.values() if w.always or (w.format in asked and w.wanted(options))]
    for writer in writers:
        writer.preflight()
    return writers


# The writers enface knows, one line each (the order of SHA256SUMS).
register(report.WRITER)
register(tei.WRITER)
register(pdf.WRITER)
register(epub.INTERLEAVED)
register(epub.SEQUENTIAL)
register(epub.POPUP)
register(kepub.WRITER)
register(azw3.WRITER)
register(web.WRITER)
