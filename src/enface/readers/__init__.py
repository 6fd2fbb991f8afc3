"""Readers: one module per source format, turning a file's bytes into a
:class:`~enface.blocks.SourceDocument` (blocks with inline marks), like Pandoc's readers.

A source's reader is chosen by ``format = "…"`` in its ``[[sources]]`` entry of
``edition.toml``, else by its file's extension. To add a format, write a module here
with a ``READER = Reader(name, extensions, read, description)`` whose ``read(data, path, *,
edition_dir=None)`` returns a ``SourceDocument``, and add one ``register(…)`` line below. Readers import their
heavy dependencies inside ``read``, so that listing them costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..blocks import SourceDocument
from ..errors import EnfaceError
from . import markdown, pandoc, text
from .base import Reader

__all__ = ["READERS", "Reader", "known_formats", "read_document", "reader_for", "register"]

READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add (or replace) a reader under its name."""
    READERS[reader.name] = reader
    return reader


def known_formats() -> str:
    """``text (.txt, .text), …``: the formats known, for messages and help."""
    return ", ".join(f"{r.name} ({', '.join(r.extensions)})" if r.extensions else r.name for r in READERS.values())


def reader_for(path: Path, format: str | None = None) -> Reader:
    """The reader named ``format``, else the one whose extension ``path`` has."""
    if format:
        reader = READERS.get(format.strip().lower())
        if reader is None:
            raise EnfaceError(
                f"unknown source format {format!r}; formats known: {known_formats()}",
                path=path,
                hint="fix `format` for this source in edition.toml",
            )
        return reader
    name = path.name.lower()
    matches = [(len(ext), r) for r in READERS.values() for ext in r.extensions if name.endswith(ext.lower())]
    if not matches:
        raise EnfaceError(
            f"no reader for a file named like this ({path.suffix or 'no extension'}); formats known: {known_formats()}",
            path=path,
            hint='give its format in edition.toml (format = "text" for plain text), or convert the file',
        )
    return max(matches, key=lambda m: m[0])[1]  # the longest extension wins: .md.txt is text


def read_document(
    path: Path,
    format: str | None = None,
    data: bytes | None = None,
    *,
    edition_dir: Path | None = None,
    options: Mapping[str, Any] | None = None,
) -> SourceDocument:
    """Read one file (``data``: its bytes, when already read) with the reader it needs;
    ``edition_dir`` bounds the files a source may refer to (images); ``options`` are the
    reader's own settings from the source's manifest entry (plain text: ``form``, ``headings``)."""
    reader = reader_for(path, format)
    return reader.read(path.read_bytes() if data is None else data, path, edition_dir=edition_dir, **(options or {}))


# The readers enface knows: one line each.
register(text.READER)
register(markdown.READER)
register(pandoc.DOCX)
register(pandoc.ODT)
register(pandoc.EPUB)
register(pandoc.HTML)
register(pandoc.FB2)
