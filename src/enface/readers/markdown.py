"""Pandoc's Markdown sources (``.md``, ``.markdown``).

A YAML metadata block gives ``title``, ``lang`` and ``author``; ``#``, ``##``, ``###``
headings open divisions; ``*emphasis*``, ``**strong**``, ``[x]{.smallcaps}`` and
``[x]{lang=la}`` become marks; footnotes ``[^1]`` become notes; ``>`` block quotes
``quote`` blocks; line blocks (``| …``) ``verse`` stanzas; an image alone in its paragraph a
``figure``. Lists become one ``p`` block per item paragraph (bullets and numbers dropped).
Code blocks, raw HTML/TeX and tables are kept as plain ``p`` blocks with a warning. The
mapping is :mod:`enface.readers.pandoc_ast`'s, shared with the other Pandoc formats.
Warnings say ``line N: …`` (the registry's caller puts the file's name in front).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..blocks import SourceDocument
from ..errors import EnfaceError
from .base import Reader
from .pandoc_ast import LineFinder, run_pandoc, to_document

EXTENSIONS = (".md", ".markdown")
PANDOC_FORMAT = "markdown"

_YAML_BLOCK = re.compile(r"\A---[ \t]*\r?\n.*?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
_NOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_CODE = re.compile(r"^(```+|~~~+).*?^\1|(`+).+?\2", re.DOTALL | re.MULTILINE)  # no note references in code


def read(data: bytes, path: Path, *, edition_dir: Path | None = None) -> SourceDocument:
    """Read a Markdown source; ``edition_dir`` (default: the file's folder) bounds image paths."""
    text = _decode(data, path)
    ast, warnings = run_pandoc(text.encode("utf-8"), PANDOC_FORMAT, path)
    source = unicodedata.normalize("NFC", text)
    yaml = _YAML_BLOCK.match(source)
    finder = LineFinder(source, yaml.end() if yaml else 0)
    starts = {m.group(1): m.start() for m in _NOTE_DEFINITION.finditer(source)}
    labels = [m.group(1) for m in _NOTE_REFERENCE.finditer(_CODE.sub(" ", source)) if m.group(1) in starts]
    if len(labels) != _count_notes(ast.get("blocks", [])):
        labels = []  # references the source scan miscounted (in code, say): number the notes
    return to_document(
        ast,
        path=path,
        edition_dir=edition_dir if edition_dir is not None else path.parent,
        finder=finder,
        note_labels=labels or None,
        note_starts=starts,
        literal_notes=True,
        warnings=warnings,
    )


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EnfaceError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x})", path=path, line=line, hint="save the file as UTF-8"
        ) from exc


def _count_notes(node: object) -> int:
    if isinstance(node, list):
        return sum(_count_notes(item) for item in node)
    if isinstance(node, dict):
        return (node.get("t") == "Note") + _count_notes(node.get("c"))
    return 0


READER = Reader(
    "markdown",
    EXTENSIONS,
    read,
    "Pandoc's Markdown: YAML metadata, # headings, emphasis, footnotes, block quotes, line-block verse, figures",
)
