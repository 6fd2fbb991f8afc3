"""Pandoc's JSON AST → enface's block model, shared by the Markdown and Pandoc readers.

Pandoc reads the file (:func:`run_pandoc`), :func:`to_document` maps its AST:

- ``Header`` → ``head`` (level 1-3; deeper levels become 3);
- ``Para``/``Plain`` → ``p`` (``quote`` inside a ``BlockQuote``, one block per paragraph);
- ``LineBlock`` → ``verse``, its lines joined by ``\\n``; an empty line inside a line block
  separates stanzas, so it gives one ``verse`` block per stanza; for the formats that have
  no line blocks (DOCX, ODT, EPUB, FB2, HTML), a paragraph with line breaks is a stanza too;
- ``Figure``, or a paragraph holding only an ``Image`` → ``figure`` (``src`` the image path,
  ``text`` the caption, else the image's description);
- lists (bullet, ordered, definition): each item's paragraphs as ``p`` blocks, without
  bullets or numbers; ``Div`` is looked through;
- code blocks, raw HTML/TeX and tables: their plain text as ``p`` blocks (a table row per
  block, cells joined by `` | ``), each with a warning; horizontal rules are dropped.

Inlines become plain text with marks: ``Emph`` italic, ``Strong`` bold, ``SmallCaps`` (or a
``smallcaps`` span) smallcaps, a span with a ``lang`` attribute ``foreign``, ``Note`` a
zero-width ``note`` mark plus a :class:`~enface.blocks.Note`. Quotations get “ ” or ‘ ’,
links, citations, code and math keep their text. Text is NFC, spaces are collapsed.

Pandoc's JSON has no source positions for Pandoc's Markdown (``sourcepos`` exists only for
the CommonMark readers, which have no line blocks), so ``Block.line`` is found by searching
each block's first word forward in the source text (text formats only; 0 otherwise).
"""

from __future__ import annotations

import bisect
import html
import json
import os
import posixpath
import re
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..blocks import Block, BlockKind, Mark, MarkKind, Note, SourceDocument
from ..errors import EnfaceError

PANDOC_TIMEOUT = 120  # seconds
ZIP_MAGIC = b"PK\x03\x04"

_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_WORD = re.compile(r"\w+")
_YAML_ERROR = re.compile(
    r"YAML metadata at .*?\(line (\d+), column \d+\):\s*(?:YAML parse exception at line (\d+), column \d+[,:]?\s*)?(.*)",
    re.DOTALL,
)
_LITERAL_NOTE = re.compile(r"\[\^([^\]\s]+)\]")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?/?>")
_HTML_MARKS: dict[str, MarkKind] = {"i": "italic", "em": "italic", "b": "bold", "strong": "bold"}
_QUOTES = {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")}


def pandoc_path() -> str:
    """The pandoc binary pypandoc-binary ships."""
    import pypandoc  # here, so that listing the readers costs nothing

    return pypandoc.get_pandoc_path()


def run_pandoc(data: bytes, pandoc_format: str, path: Path) -> tuple[dict[str, Any], list[str]]:
    """Pandoc's JSON AST of ``data`` read as ``pandoc_format``, and its warnings.

    Pandoc is called directly (the binary pypandoc ships) rather than through
    ``pypandoc.convert_text``, to pass bytes on stdin and get its exit status and messages.

    Pandoc runs sandboxed (it reads nothing but ``data``, from stdin). Its failures become
    one :class:`EnfaceError` naming ``path``: a broken YAML metadata block with the file's
    line, anything else with the first line of Pandoc's message.
    """
    command = [pandoc_path(), "--sandbox", f"--from={pandoc_format}", "--to=json"]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=PANDOC_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise EnfaceError(
            f"pandoc took more than {PANDOC_TIMEOUT} s to read the file", path=path, hint="is it really a book?"
        ) from exc
    except OSError as exc:
        raise EnfaceError(f"cannot run pandoc: {exc}", path=path, hint="reinstall pypandoc-binary") from exc
    stderr = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0:
        yaml = _YAML_ERROR.search(stderr)
        if yaml:
            line = int(yaml.group(1)) + int(yaml.group(2) or 0)
            reason = " ".join(yaml.group(3).split()) or "unreadable"
            raise EnfaceError(
                f"broken YAML metadata block: {reason}",
                path=path,
                line=line,
                hint="check the quotes, colons and brackets between the --- lines",
            )
        first = stderr.splitlines()[0] if stderr else f"exit status {done.returncode}"
        raise EnfaceError(f"pandoc cannot read this file as {pandoc_format}: {first}", path=path)
    warnings = [
        f"pandoc: {line.removeprefix('[WARNING]').strip()}"
        for line in stderr.splitlines()
        if line.startswith("[WARNING]")
    ]
    return json.loads(done.stdout.decode("utf-8")), warnings


def check_zip(data: bytes, path: Path, what: str) -> None:
    """Refuse a file that should be a zip container (EPUB, DOCX, ODT) and is not."""
    if not data.startswith(ZIP_MAGIC):
        raise EnfaceError(
            f"not a {what} file: it is not a zip container",
            path=path,
            hint=f"save it again as {what} or give it the extension of what it really is",
        )


# -- line numbers ---------------------------------------------------------------------------


class LineFinder:
    """Finds where blocks start by searching their first words forward in the source text.

    A block's first (up to) three words are searched with anything but letters and digits
    between them (markup, escapes, line breaks), preferably at the start of a line (after
    markers only: ``#``, ``>``, ``|``, ``-``, ``1.``, ``[^1]:``; Markdown), then anywhere, then
    with fewer words, within ``REACH`` characters of the first word's next occurrence; each
    block is searched from the previous one on. Not found: 0 (unknown), and the next block is
    searched from the same place. For markup formats, :func:`visible_text` blanks the tags out.
    """

    WINDOW = 50_000
    REACH = 20_000

    def __init__(self, text: str, start: int = 0, *, line_start: bool = True) -> None:
        self.text = text
        self.pos = start
        self.line_start = line_start
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line_at(self, offset: int) -> int:
        return bisect.bisect_left(self._newlines, offset) + 1

    def find_words(self, words: list[str]) -> int:
        """Line where the block whose text begins with ``words`` starts (0 if not found)."""
        if not words:
            return 0
        first = re.compile(rf"(?<![^\W_]){re.escape(words[0])}(?![^\W_])").search(
            self.text, self.pos, self.pos + self.WINDOW
        )
        if first is None:
            return 0
        # the block starts at or after the first occurrence of its first word, and not much later
        end = min(self.pos + self.WINDOW, first.start() + self.REACH)
        for n in range(min(len(words), 3), 0, -1):
            body = r"[\W_]+".join(re.escape(w) for w in words[:n])
            for anchored in (True, False) if self.line_start else (False,):
                prefix = _LINE_PREFIX if anchored else r"(?<![^\W_])"
                match = re.compile(rf"{prefix}({body})(?![^\W_])", re.MULTILINE).search(self.text, self.pos, end)
                if match:
                    self.pos = match.end()
                    return self.line_at(match.start(1))
        return 0

    def find_literal(self, key: str, *, move: bool = True) -> int:
        """Line of the next occurrence of ``key`` as written (0 if none)."""
        start = self.text.find(key, self.pos, self.pos + self.WINDOW) if key else -1
        if start < 0:
            return 0
        if move:
            self.pos = start + len(key)
        return self.line_at(start)

    def fork(self, start: int) -> LineFinder:
        other = LineFinder.__new__(LineFinder)
        other.text, other.pos, other.line_start, other._newlines = self.text, start, self.line_start, self._newlines
        return other


# What may stand before a block's first word on its line, in Markdown: punctuation and
# markers (``#``, ``>``, ``|``, ``-``, ``*``, quotes, dashes), list numbers, footnote labels.
_LINE_PREFIX = r"^(?:[^\w\n]|_|\d+[.)]|[A-Za-z][.)](?=[ \t])|\[\^[^\]\n]*\]:)*?"
_STOP = ("Note", "Link", "Image", "RawInline", "Cite")


_INVISIBLE = re.compile(r"<!--.*?-->|<(script|style|head)\b.*?</\1\s*>|<[^>]*>|&#?\w+;", re.DOTALL | re.IGNORECASE)


def visible_text(markup: str) -> str:
    """HTML or XML with its tags, comments, scripts, styles and entities replaced by spaces
    (newlines kept), so that words are found where they stand and lines keep their numbers."""
    return _INVISIBLE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markup)


def _first_words(node: Any, limit: int = 3) -> list[str]:
    """The first words of a block or inline list as they stand in the source, for :class:`LineFinder`.

    Collection stops at what puts other words in between in the source (a link's target,
    a note, an image, raw markup).
    """
    words: list[str] = []

    def walk(node: Any) -> bool:  # False: stop
        if isinstance(node, list):
            return all(walk(item) for item in node)
        if not isinstance(node, dict):
            return True
        t, c = node.get("t"), node.get("c")
        if t in ("Str", "CodeBlock", "Code", "RawBlock", "Math"):
            words.extend(_WORD.findall(c if t == "Str" else c[1]))
            return len(words) < limit
        if t in _STOP:
            if t in ("Link", "Cite"):
                walk(c[1])
            return False
        if t == "LineBlock":
            return walk([inline for line in c for inline in line])
        if t == "Quoted":
            return walk(c[1])
        if t == "Span":
            return walk(c[1])
        return walk(c)

    walk(node)
    return words[:limit]


# -- inlines --------------------------------------------------------------------------------


class _Text:
    """One block's text and marks, built from Pandoc inlines."""

    def __init__(self, reader: _Reader, line: int, *, verse: bool = False) -> None:
        self.reader = reader
        self.line = line
        self.verse = verse
        self.chars: list[str] = []
        self.marks: list[tuple[int, int, int, MarkKind, str]] = []  # start, end, order, kind, value
        self.open_tags: list[tuple[str, int]] = []  # raw HTML <i>, <b>… not closed yet: (tag, mark index)

    # text
    def add(self, text: str) -> None:
        text = _SPACES.sub(" ", unicodedata.normalize("NFC", text))
        if text.startswith(" ") and (not self.chars or self.chars[-1] in " \n"):
            text = text[1:]
        self.chars.extend(text)

    def newline(self) -> None:
        if not self.verse:
            self.add(" ")
            return
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
        if self.chars and self.chars[-1] != "\n":
            self.chars.append("\n")

    def mark(self, kind: MarkKind, value: str, inlines: list[Any]) -> None:
        order = len(self.marks)
        self.marks.append((0, 0, order, kind, value))  # reserved, so outer marks sort first
        start = len(self.chars)
        self.inlines(inlines)
        self.marks[order] = (start, len(self.chars), order, kind, value)

    def inlines(self, inlines: Iterable[Any]) -> None:
        for inline in inlines:
            self.inline(inline)

    def inline(self, node: dict[str, Any]) -> None:
        t, c = node["t"], node.get("c")
        if t == "Str":
            self.add(c)
            if self.reader.literal_notes:
                match = _LITERAL_NOTE.search(c)
                if match:
                    self.reader.undefined_note(match.group(0), self.line)
        elif t in ("Space", "SoftBreak"):
            self.add(" ")
        elif t == "LineBreak":
            self.newline()
        elif t == "Emph":
            self.mark("italic", "", c)
        elif t == "Strong":
            self.mark("bold", "", c)
        elif t == "SmallCaps":
            self.mark("smallcaps", "", c)
        elif t in ("Underline", "Strikeout", "Superscript", "Subscript"):
            self.inlines(c)
        elif t == "Quoted":
            opening, closing = _QUOTES.get(c[0]["t"], ("“", "”"))
            self.add(opening)
            self.inlines(c[1])
            self.add(closing)
        elif t == "Cite":
            self.inlines(c[1])
        elif t in ("Code", "Math"):
            self.add(c[1])
        elif t == "Link":
            self.inlines(c[1])
        elif t == "Span":
            self.span(c[0], c[1])
        elif t == "Note":
            label = self.reader.note(c)
            self.marks.append((len(self.chars), len(self.chars), len(self.marks), "note", label))
        elif t == "Image":
            self.reader.warn(
                self.line, f"image {c[2][0]} inside a paragraph dropped (a figure is an image alone in its paragraph)"
            )
        elif t == "RawInline":
            self.raw(c[0], c[1])
        else:
            self.reader.warn(self.line, f"unknown inline {t} dropped")

    def span(self, attr: list[Any], inlines: list[Any]) -> None:
        _, classes, pairs = attr
        lang = next((value for key, value in pairs if key in ("lang", "xml:lang") and value), "")
        if lang and "smallcaps" in classes:
            self.mark("foreign", lang, [{"t": "SmallCaps", "c": inlines}])
        elif lang:
            self.mark("foreign", lang, inlines)
        elif "smallcaps" in classes:
            self.mark("smallcaps", "", inlines)
        else:
            self.inlines(inlines)

    def raw(self, fmt: str, text: str) -> None:
        if fmt == "html":
            tag = _HTML_TAG.fullmatch(text.strip())
            name = tag.group(2).lower() if tag else ""
            if name == "br":
                self.newline()
            elif name in _HTML_MARKS and not tag.group(1):
                self.open_tags.append((name, len(self.marks)))
                self.marks.append((len(self.chars), -1, len(self.marks), _HTML_MARKS[name], ""))
            elif name in _HTML_MARKS and any(open_name == name for open_name, _ in self.open_tags):
                while self.open_tags:
                    open_name, index = self.open_tags.pop()
                    start, _, order, kind, value = self.marks[index]
                    self.marks[index] = (start, len(self.chars), order, kind, value)
                    if open_name == name:
                        break
            elif not text.startswith("<!--"):
                self.reader.warn(self.line, f"raw HTML {text.strip()[:40]} ignored", once=name or text.strip()[:40])
        else:
            self.reader.warn(self.line, f"raw {fmt} {text.strip()[:40]} kept as plain text")
            self.add(text)

    def block(self, kind: BlockKind, *, level: int = 0, src: str = "") -> Block | None:
        text = "".join(self.chars).rstrip(" \n")
        if not text and kind != "figure":
            if any(m[3] == "note" for m in self.marks):
                self.reader.warn(self.line, "footnote reference in an empty paragraph dropped")
            return None
        size = len(text)
        marks: list[tuple[int, int, int, MarkKind, str]] = []
        for start, end, order, kind_, value in self.marks:
            if end < 0:  # raw HTML <i> never closed
                self.reader.warn(self.line, f"raw HTML tag for {kind_} not closed: ignored")
                continue
            start, end = min(start, size), min(end, size)
            if kind_ == "note":
                marks.append((start, start, order, kind_, value))
                continue
            while start < end and text[start] in " \n":
                start += 1
            while end > start and text[end - 1] in " \n":
                end -= 1
            if start < end:
                marks.append((start, end, order, kind_, value))
        marks.sort(key=lambda m: (m[0], -m[1], m[2]))
        return Block(
            kind=kind,
            text=text,
            line=self.line,
            level=level,
            marks=tuple(Mark(start, end, kind_, value) for start, end, _, kind_, value in marks),
            src=src,
        )


# -- blocks ---------------------------------------------------------------------------------


@dataclass
class _Reader:
    path: Path
    edition_dir: Path
    finder: LineFinder | None
    note_labels: list[str] | None = None  # labels of the notes in reading order, if known
    note_starts: dict[str, int] = field(default_factory=dict)  # label → offset of its definition
    literal_notes: bool = False  # Markdown: "[^x]" left in the text is an undefined note
    archive: str = ""  # "docx", "odt", "epub": images are inside the file
    breaks_are_verse: bool = False  # a paragraph with line breaks is a stanza (formats without line blocks)
    notes: dict[str, Note] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _note_count: int = 0
    _warned: set[str] = field(default_factory=set)

    def warn(self, line: int, message: str, *, once: str = "") -> None:
        """Add a warning (``line N: …``); with ``once``, only the first one of that key."""
        text = f"line {line}: {message}" if line else message
        key = f"once:{once}" if once else text
        if key not in self._warned:
            self._warned.add(key)
            self.warnings.append(text)

    def undefined_note(self, reference: str, line: int) -> None:
        if self.finder is not None:
            probe = self.finder.fork(self._line_offset(line))
            probe.WINDOW = len(probe.text)
            line = probe.find_literal(reference) or line
        raise EnfaceError(
            f"footnote reference {reference} has no footnote",
            path=self.path,
            line=line or None,
            hint=f"add a paragraph '{reference}: …' with the note, or remove the reference",
        )

    def _line_offset(self, line: int) -> int:
        if self.finder is None or line <= 1:
            return 0
        return self.finder._newlines[line - 2] + 1

    def note(self, blocks: list[Any]) -> str:
        index = self._note_count
        self._note_count += 1
        if self.note_labels is not None and index < len(self.note_labels):
            label = self.note_labels[index]
        else:
            label = str(index + 1)
        if label not in self.notes:
            finder = self.finder.fork(self.note_starts[label]) if self.finder and label in self.note_starts else None
            outer = self.finder
            self.finder = finder
            try:
                self.notes[label] = Note(label, tuple(self.blocks(blocks)))
            finally:
                self.finder = outer
        return label

    def line_of(self, node: Any) -> int:
        """Where the block ``node`` (or inline list) starts in the source (0: unknown)."""
        if self.finder is None:
            return 0
        return self.finder.find_words(_first_words(node))

    def text(self, inlines: list[Any], kind: BlockKind, line: int, *, level: int = 0) -> Block | None:
        builder = _Text(self, line)
        builder.inlines(inlines)
        return builder.block(kind, level=level)

    def blocks(self, blocks: list[Any], kind: BlockKind = "p") -> list[Block]:
        out: list[Block] = []
        for node in blocks:
            out.extend(self.block(node, kind))
        return out

    def block(self, node: dict[str, Any], kind: BlockKind) -> Iterator[Block]:
        t, c = node["t"], node.get("c")
        if t in ("Para", "Plain"):
            images = [i for i in c if i["t"] not in ("Space", "SoftBreak", "LineBreak")]
            if len(images) == 1 and images[0]["t"] == "Image":
                yield from self.figure(images[0], None)
                return
            if self.breaks_are_verse and _has_line_break(c):
                yield from self.verse(_split_lines(c))
                return
            block = self.text(c, kind, self.line_of(c))
            if block:
                yield block
        elif t == "Header":
            block = self.text(c[2], "head", self.line_of(c[2]), level=min(max(c[0], 1), 3))
            if block:
                yield block
        elif t == "BlockQuote":
            yield from self.blocks(c, "quote")
        elif t == "LineBlock":
            yield from self.verse(c)
        elif t == "Figure":
            yield from self.figure_block(c, kind)
        elif t == "BulletList":
            for item in c:
                yield from self.blocks(item, kind)
        elif t == "OrderedList":
            for item in c[1]:
                yield from self.blocks(item, kind)
        elif t == "DefinitionList":
            for term, definitions in c:
                block = self.text(term, kind, self.line_of(term))
                if block:
                    yield block
                for definition in definitions:
                    yield from self.blocks(definition, kind)
        elif t == "Div":
            lang = next((value for key, value in c[0][2] if key in ("lang", "xml:lang") and value), "")
            for block in self.blocks(c[1], kind):
                if lang and block.text:
                    foreign = Mark(0, len(block.text), "foreign", lang)
                    block = replace(
                        block, marks=tuple(sorted((foreign, *block.marks), key=lambda m: (m.start, -m.end)))
                    )
                yield block
        elif t == "CodeBlock":
            yield from self.plain(c[1], "code block", self.line_of(node))
        elif t == "RawBlock":
            fmt, text = c
            if fmt == "html":
                text = _COMMENT.sub("", text)
                if not text.strip():
                    return
                tags = _TAG.findall(text)
                text = html.unescape(_TAG.sub(" ", text))
                if not text.strip():
                    self.warn(self.line_of(node), f"raw HTML {tags[0][:40]} ignored", once=tags[0].lower())
                    return
            yield from self.plain(text, f"raw {'HTML' if fmt == 'html' else fmt} block", self.line_of(node))
        elif t == "Table":
            yield from self.table(c)
        elif t in ("HorizontalRule", "Null"):
            return
        else:
            self.warn(0, f"unknown block {t} dropped")

    def plain(self, text: str, construct: str, line: int) -> Iterator[Block]:
        emitted = False
        for offset, piece in enumerate(text.split("\n")):
            builder = _Text(self, line + offset if line else 0)
            builder.add(piece)
            block = builder.block("p")
            if block:
                emitted = True
                yield block
        if emitted:
            self.warn(line, f"{construct} kept as plain text")

    def verse(self, lines: list[list[Any]]) -> Iterator[Block]:
        stanza: list[list[Any]] = []
        for line in [*lines, []]:
            if any(i["t"] not in ("Space", "SoftBreak") for i in line):
                stanza.append(line)
                continue
            if stanza:
                builder = _Text(self, self.line_of(stanza), verse=True)
                for n, verse_line in enumerate(stanza):
                    if n:
                        builder.newline()
                    builder.inlines(verse_line)
                block = builder.block("verse")
                if block:
                    yield block
            stanza = []

    def figure_block(self, c: list[Any], kind: BlockKind) -> Iterator[Block]:
        caption = [i for b in c[1][1] if b["t"] in ("Para", "Plain") for i in (b["c"] + [{"t": "Space"}])]
        images = [node for node in _walk(c[2]) if node.get("t") == "Image"]
        if not images:
            yield from self.blocks(c[2], kind)
            block = self.text(caption, kind, self.line_of(caption))
            if block:
                yield block
            return
        for n, image in enumerate(images):
            yield from self.figure(image, caption if n == 0 else None)

    def figure(self, image: dict[str, Any], caption: list[Any] | None) -> Iterator[Block]:
        _, alt, (src, _title) = image["c"]
        line = (self.finder.find_literal(src) or self.line_of(alt)) if self.finder else 0
        if caption is None or all(i["t"] in ("Space", "SoftBreak") for i in caption):
            caption = alt
        builder = _Text(self, line)
        builder.inlines(caption)
        block = builder.block("figure", src=self.image_src(src, line))
        if block:
            yield block

    def image_src(self, src: str, line: int) -> str:
        """The image path relative to the edition folder; an error if it leaves the folder."""
        hint = "put the image in the edition folder and refer to it by a relative path"
        if _URL.match(src) or src.startswith("//"):
            raise EnfaceError(
                f"image {src} is not a file of the edition folder", path=self.path, line=line or None, hint=hint
            )
        written = unquote(src)
        if written.startswith(("/", "\\")) or os.path.isabs(written):
            raise EnfaceError(f"image {src} has an absolute path", path=self.path, line=line or None, hint=hint)
        folder = os.path.relpath(self.path.parent.resolve(), self.edition_dir.resolve()).replace(os.sep, "/")
        target = posixpath.normpath(posixpath.join(folder, written.replace("\\", "/")))
        if target == ".." or target.startswith("../"):
            raise EnfaceError(
                f"image {src} is outside the edition folder", path=self.path, line=line or None, hint=hint
            )
        if self.archive:
            self.warn(
                line,
                f"image {src} is inside the {self.archive} file: enface does not extract it; save it as {target} in the edition folder",
            )
        return src if folder == "." else target

    def table(self, c: list[Any]) -> Iterator[Block]:
        _, caption, _, head, bodies, foot = c
        rows = list(head[1])
        for body in bodies:
            rows.extend(body[2])
            rows.extend(body[3])
        rows.extend(foot[1])
        line = 0
        emitted = False
        for row in rows:
            cells = [cell[4] for cell in row[1]]
            row_line = self.line_of(cells)
            line = line or row_line
            builder = _Text(self, row_line)
            for n, cell in enumerate(cells):
                if n:
                    builder.add(" | ")
                for m, block in enumerate(b for b in cell if b["t"] in ("Para", "Plain")):
                    if m:
                        builder.add(" ")
                    builder.inlines(block["c"])
            block = builder.block("p")
            if block:
                emitted = True
                yield block
        caption_inlines = [i for b in caption[1] if b["t"] in ("Para", "Plain") for i in b["c"]]
        if caption_inlines:
            block = self.text(caption_inlines, "p", self.line_of(caption_inlines))
            if block:
                emitted = True
                yield block
        if emitted:
            self.warn(line, "table kept as plain text")


def _has_line_break(inlines: list[Any]) -> bool:
    """Whether a paragraph has a line break of its own (not in a footnote)."""
    for inline in inlines:
        t, c = inline["t"], inline.get("c")
        if t == "LineBreak":
            return True
        if t in ("Emph", "Strong", "SmallCaps", "Underline", "Strikeout", "Superscript", "Subscript"):
            found = _has_line_break(c)
        elif t in ("Span", "Quoted", "Link", "Cite"):
            found = _has_line_break(c[1])
        else:
            found = False
        if found:
            return True
    return False


def _split_lines(inlines: list[Any]) -> list[list[Any]]:
    """A paragraph's inlines as lines, split at its own line breaks (as a ``LineBlock`` has them)."""
    lines: list[list[Any]] = [[]]
    for inline in inlines:
        if inline["t"] == "LineBreak":
            lines.append([])
        else:
            lines[-1].append(inline)
    return lines


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        yield from _walk(node.get("c"))


# -- metadata -------------------------------------------------------------------------------


def meta_text(value: Any) -> str:
    """A metadata value of Pandoc's, whatever its kind, as plain text ("" when none)."""
    if not isinstance(value, dict):
        return ""
    t, c = value.get("t"), value.get("c")
    if t == "MetaString":
        return unicodedata.normalize("NFC", c).strip()
    if t == "MetaBool":
        return "true" if c else "false"
    if t == "MetaInlines":
        return plain_text(c)
    if t == "MetaBlocks":
        return " ".join(plain_text(b["c"]) for b in c if b.get("t") in ("Para", "Plain"))
    if t == "MetaList":
        return "; ".join(text for text in (meta_text(v) for v in c) if text)
    if t == "MetaMap":
        for key in ("name", "text", "literal"):
            if key in c:
                return meta_text(c[key])
    return ""


def empty_block(block: dict[str, Any]) -> bool:
    """A paragraph with no text (an EPUB's file anchor, an empty line of a document)."""
    return block.get("t") in ("Para", "Plain") and not plain_text(block["c"])


def plain_text(inlines: list[Any]) -> str:
    reader = _Reader(Path("metadata"), Path("."), None)
    builder = _Text(reader, 0)
    builder.inlines(inlines)
    return "".join(builder.chars).strip()


def metadata(meta: dict[str, Any]) -> dict[str, str]:
    """``title``, ``lang`` and ``author`` of a Pandoc document, as plain strings."""
    out: dict[str, str] = {}
    for name, keys in (("title", ("title",)), ("lang", ("lang", "language")), ("author", ("author", "creator"))):
        for key in keys:
            text = meta_text(meta.get(key))
            if text:
                out[name] = text
                break
    return out


# -- documents ------------------------------------------------------------------------------


def to_document(
    ast: dict[str, Any],
    *,
    path: Path,
    edition_dir: Path,
    finder: LineFinder | None = None,
    note_labels: list[str] | None = None,
    note_starts: dict[str, int] | None = None,
    literal_notes: bool = False,
    archive: str = "",
    breaks_are_verse: bool = False,
    warnings: Iterable[str] = (),
) -> SourceDocument:
    """Map Pandoc's AST of the source at ``path`` to a :class:`SourceDocument`."""
    reader = _Reader(
        path=path,
        edition_dir=edition_dir,
        finder=finder,
        note_labels=note_labels,
        note_starts=dict(note_starts or {}),
        literal_notes=literal_notes,
        archive=archive,
        breaks_are_verse=breaks_are_verse,
        warnings=list(warnings),
    )
    blocks = reader.blocks(ast.get("blocks", []))
    return SourceDocument(
        blocks=tuple(blocks),
        notes=tuple(reader.notes.values()),
        meta=metadata(ast.get("meta", {})),
        warnings=tuple(reader.warnings),
    )
