"""Plain text: decode, normalise and split a file into paragraphs (blocks of kind ``p``).

Two paragraph conventions exist in the wild and both occur in the bundled
edition: one paragraph per line (the summaries) and paragraphs separated by
blank lines, possibly hard-wrapped (the review). A file that has blank lines
between its paragraphs uses them; a file without any has one paragraph per line.
The convention found is in the document's ``meta["convention"]`` (``line`` or ``block``).

A Project Gutenberg file keeps only its text: what is outside its "*** START OF THE PROJECT
GUTENBERG EBOOK" and "*** END OF …" lines (the header and the licence) is left out, its
header's "Title:" and "Author:" are the document's title and author, and its
``_underscored_`` words are italics (:mod:`.gutenberg`).

Plain text has structure only when its ``[[sources]]`` entry asks for it, never guessed:

- ``form = "verse"``: blank lines separate stanzas and every line is a verse line; each
  stanza is a ``verse`` block, its lines joined by ``\n`` (``meta["convention"]`` is ``verse``).
- ``headings = "^(CHAPTER|Chapitre) "``: a Python regular expression, searched in every line
  that starts a paragraph (prose) or in every line (verse); a line it matches is a ``head``
  block of level 1. In a blank-line separated paragraph whose first line is a heading, the
  lines after it are a paragraph of their own.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Literal

from ..blocks import Block, SourceDocument
from ..errors import EnfaceError
from . import gutenberg
from .base import Reader

Convention = Literal["line", "block"]

# C0/C1 controls other than tab and newline, and the Unicode non-characters
# that some exporters leave behind. They carry no text and break XML.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u3000]*\n")
CONTENTS_MIN = 3  # headings in a row, or in one paragraph: a table of contents (see _contents)
_SENTENCE_END = re.compile(r"[.!?…:;,»\"”]$")
# An 8-bit file that names its encoding, as Project Gutenberg's older ones do in their header
# ("Character set encoding: ISO-8859-1"): read as it says (Windows-1252 for Latin-1, its
# superset, as browsers do), not refused as broken UTF-8.
_EIGHT_BIT = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "windows-1252": "cp1252",
    "cp1252": "cp1252",
    "iso-8859-15": "iso-8859-15",
    "iso-8859-2": "iso-8859-2",
    "windows-1251": "cp1251",
    "koi8-r": "koi8-r",
}
_DECLARED_ENCODING = re.compile(
    rb"(?im)^\s*character set encoding:\s*(" + b"|".join(re.escape(k.encode()) for k in _EIGHT_BIT) + rb")\s*$"
)


def decode(data: bytes, path: Path) -> str:
    """Strict UTF-8 (a BOM is allowed), with an error that says where it breaks; or the 8-bit
    encoding the file declares (:data:`_DECLARED_ENCODING`)."""
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
        declared = _DECLARED_ENCODING.search(data[:8192])
        if declared is not None:  # Project Gutenberg's 8-bit files say which they are
            return data.decode(_EIGHT_BIT[declared.group(1).decode("ascii").lower()])
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


def _clean(line: str) -> str:
    return " ".join(line.split())


def _runs(text: str) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines (paragraphs or stanzas): the line where each starts, its lines."""
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = _clean(raw)
        if line:
            if not current:
                runs.append((number, current))
            current.append(line)
        else:
            current = []
    return runs


def compile_headings(headings: str | re.Pattern[str] | None, path: Path) -> re.Pattern[str] | None:
    """The ``headings`` pattern compiled; a bad one is an error naming the manifest's source."""
    if headings is None or isinstance(headings, re.Pattern):
        return headings
    try:
        return re.compile(headings)
    except re.error as exc:
        raise EnfaceError(
            f"headings = {headings!r} is not a valid regular expression: {exc}",
            path=path,
            hint="fix `headings` for this source in edition.toml",
        ) from None


def structured_blocks(text: str, form: str, headings: re.Pattern[str] | None) -> tuple[list[Block], list[int]]:
    """Blocks of a plain text whose manifest entry asks for structure (``form``, ``headings``),
    and the lines of a table of contents left out (:func:`_contents`)."""
    is_head = (lambda line: headings.search(line) is not None) if headings is not None else (lambda line: False)
    blocks: list[Block] = []
    if form == "verse":
        for start, lines in _runs(text):
            stanza: list[str] = []
            for offset, line in enumerate(lines):
                if is_head(line):
                    if stanza:
                        blocks.append(Block("verse", "\n".join(stanza), start + offset - len(stanza)))
                        stanza = []
                    blocks.append(Block("head", line, start + offset, level=1))
                else:
                    stanza.append(line)
            if stanza:
                blocks.append(Block("verse", "\n".join(stanza), start + len(lines) - len(stanza)))
        return blocks, []
    if detect_convention(text) == "line":
        blocks = [
            Block("head", b.text, b.line, level=1) if is_head(b.text) else b for b in split_paragraphs(text, "line")
        ]
        return _contents(blocks, [])
    contents: list[int] = []
    for start, lines in _runs(text):
        if sum(map(is_head, lines)) >= CONTENTS_MIN:  # headings in one paragraph: a table of contents
            contents += [*_contents_title(blocks), start, start + len(lines) - 1]
            continue
        if is_head(lines[0]):
            blocks.append(Block("head", lines[0], start, level=1))
            lines, start = lines[1:], start + 1
        if lines:
            blocks.append(Block("p", " ".join(lines), start))
    return _contents(blocks, contents)


def _contents_title(blocks: list[Block]) -> list[int]:
    """The line of the contents' own title ("CONTENTS", "Table des matières"): the short
    paragraph without a sentence's punctuation just before them, taken off ``blocks``."""
    if (
        blocks
        and blocks[-1].kind == "p"
        and len(blocks[-1].text.split()) <= 3
        and not _SENTENCE_END.search(blocks[-1].text)
    ):
        return [blocks.pop().line]
    return []


def _contents(blocks: list[Block], contents: list[int]) -> tuple[list[Block], list[int]]:
    """``blocks`` without a table of contents written one entry a paragraph: a run of
    :data:`CONTENTS_MIN` headings or more with no text between, but its last heading when text
    follows it (the first chapter's, right after the contents). Two in a row are a part's
    heading and its first chapter's."""
    out: list[Block] = []
    k = 0
    while k < len(blocks):
        end = k
        while end < len(blocks) and blocks[end].kind == "head":
            end += 1
        if end - k >= CONTENTS_MIN:
            last = end - 1 if end < len(blocks) else end  # the last heading stays when text follows
            contents += [*_contents_title(out), *(b.line for b in blocks[k:last])]
            out += blocks[last:end]
            k = end
        else:
            out.append(blocks[k])
            k += 1
    return out, contents


def read(
    data: bytes,
    path: Path,
    *,
    edition_dir: Path | None = None,
    form: str = "prose",
    headings: str | re.Pattern[str] | None = None,
    segments: str = "sentences",
) -> SourceDocument:
    """Read a plain-text source; ``form``, ``headings`` and ``segments`` are its manifest entry's
    (see above)."""
    text, warnings = normalise(decode(data, path))
    fields = gutenberg.header_fields(text)  # a Project Gutenberg file's title and author
    text, left_out = gutenberg.between_markers(text)
    warnings += [left_out] if left_out else []
    pattern = compile_headings(headings, path)
    if segments == "lines":  # one sentence per line, as given; blank lines between paragraphs
        blocks = [
            Block("p", "\n".join(line.strip() for line in lines), start, segmented=True) for start, lines in _runs(text)
        ]
        return SourceDocument(blocks=tuple(blocks), meta={"convention": "lines"}, warnings=tuple(warnings))
    if form == "prose" and pattern is None:  # what a plain text always was: paragraphs only
        convention = detect_convention(text)
        blocks = split_paragraphs(text, convention)
    elif form in ("prose", "verse"):
        convention = "verse" if form == "verse" else detect_convention(text)
        blocks, contents = structured_blocks(text, form, pattern)
        if contents:
            warnings.append(
                f"left out what is not the text: a table of contents (lines {min(contents)}-{max(contents)})"
            )
        if pattern is not None and not any(b.kind == "head" for b in blocks):
            warnings.append(
                f"headings = {pattern.pattern!r} matches no line: the text has no headings (check the pattern)"
            )
    else:
        raise EnfaceError(f"unknown form {form!r}", path=path, hint='form is "prose" or "verse"')
    if left_out:  # a Project Gutenberg text: its _underscores_ are italics
        blocks = [gutenberg.italics(block) for block in blocks]
    return SourceDocument(blocks=tuple(blocks), meta={"convention": convention, **fields}, warnings=tuple(warnings))


READER = Reader("text", (".txt", ".text"), read, "UTF-8 plain text, one paragraph per line or blank-line separated")
