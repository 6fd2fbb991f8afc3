"""Plain text: decode, normalise and split a file into paragraphs (blocks of kind ``p``).

Two paragraph conventions exist in the wild and both occur in the bundled
edition: one paragraph per line (the summaries) and paragraphs separated by
blank lines, possibly hard-wrapped (the review). A file that has blank lines
between its paragraphs uses them; a file without any has one paragraph per line.
The convention found is in the document's ``meta["convention"]`` (``line`` or ``block``).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Literal

from ..blocks import Block, SourceDocument
from ..errors import EnfaceError
from .base import Reader

Convention = Literal["line", "block"]

# C0/C1 controls other than tab and newline, and the Unicode non-characters
# that some exporters leave behind. They carry no text and break XML.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u3000]*\n")


def decode(data: bytes, path: Path) -> str:
    """Strict UTF-8 (a BOM is allowed), with an error that says where it breaks."""
    if not data.strip():
        raise EnfaceError("the file is empty", path=path, hint="add the text, or remove it from edition.toml")
    if b"\x00" in data[:8192]:
        raise EnfaceError(
            "this looks like a binary file, not plain text",
            path=path,
            hint="export the text as UTF-8 plain text (.txt)",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise EnfaceError(
            f"not valid UTF-8 at byte {exc.start}", path=path, line=line, hint="re-save the file with UTF-8 encoding"
        ) from None


def normalise(text: str) -> tuple[str, list[str]]:
    """NFC, Unix newlines, no control characters; returns the text and what was changed."""
    warnings: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\t", " ")
    controls = _CONTROL.findall(text)
    if controls:
        names = sorted({f"U+{ord(c):04X}" for c in controls})
        warnings.append(f"removed {len(controls)} control character(s): {', '.join(names)}")
        text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text), warnings


def detect_convention(text: str) -> Convention:
    return "block" if _BLANK_LINE.search(text.strip("\n")) else "line"


def split_paragraphs(text: str, convention: Convention) -> list[Block]:
    """Paragraphs as ``p`` blocks, each with the line of the file where it starts."""
    paragraphs: list[Block] = []
    line_no = 1
    if convention == "line":
        for raw in text.split("\n"):
            cleaned = " ".join(raw.split())
            if cleaned:
                paragraphs.append(Block("p", cleaned, line_no))
            line_no += 1
        return paragraphs
    position = 0
    for match in re.finditer(r"[ \t\u00a0\u3000]*[^\s][^\n]*(?:\n[ \t\u00a0\u3000]*[^\s][^\n]*)*", text):
        block = match.group(0)
        cleaned = " ".join(block.split())
        if cleaned:
            line_no += text.count("\n", position, match.start())
            position = match.start()
            paragraphs.append(Block("p", cleaned, line_no))
    return paragraphs


def read(data: bytes, path: Path, *, edition_dir: Path | None = None) -> SourceDocument:
    text, warnings = normalise(decode(data, path))
    convention = detect_convention(text)
    return SourceDocument(
        blocks=tuple(split_paragraphs(text, convention)), meta={"convention": convention}, warnings=tuple(warnings)
    )


READER = Reader("text", (".txt", ".text"), read, "UTF-8 plain text, one paragraph per line or blank-line separated")
