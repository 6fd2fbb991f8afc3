"""Project Gutenberg's header and licence around a book's text.

Every Project Gutenberg book, in every format, has its text between two lines, "*** START OF
THE PROJECT GUTENBERG EBOOK …" and "*** END OF THE PROJECT GUTENBERG EBOOK …" ("THIS" in
older files): before them a header (title, author, release date, the terms of use), after them
the licence, thousands of words that are not the book and that no other version has; right
after the START line, often, the transcribers' credit ("Produced by …"), which goes too. The
plain-text reader keeps what is between (the lines outside are blanked, so line numbers stay
the file's); :mod:`.matter` does the same for HTML and EPUB. Its plain texts write italics
between underscores (``_Lucretia_``): in such a file they become italics (:func:`italics`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..blocks import Block, Mark

# the transcribers' credit that follows the START line: its paragraph (up to a blank line)
_CREDITS = re.compile(
    r"\s*(?:Produced by|E-?text prepared by|This e-?book was produced by|Transcribed (?:from|by))\b.*?(?=\n[ \t]*\n|\Z)",
    re.I | re.S,
)
START = re.compile(r"^\W*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b[^\n]*$", re.I | re.M)
END = re.compile(r"^\W*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b[^\n]*$", re.I | re.M)


# the <title> of Gutenberg's HTML books: "The Project Gutenberg eBook of Title, by Author"
_PAGE_TITLE = re.compile(r"^The Project Gutenberg e-?Book of (?P<title>.+?)(?:, by [^,]+)?$", re.I)


def book_title(title: str) -> str:
    """The book's title in a Project Gutenberg page title, else ``title`` as it is."""
    match = _PAGE_TITLE.match(title.strip())
    return match.group("title").strip() if match else title


def markers(text: str) -> tuple[re.Match[str], re.Match[str]] | None:
    """Gutenberg's START line and the END line after it, or None when ``text`` has not both."""
    start = START.search(text)
    end = END.search(text, start.end()) if start is not None else None
    return (start, end) if start is not None and end is not None else None


def between_markers(text: str) -> tuple[str, str | None]:
    """``text`` with what is outside Gutenberg's START and END lines blanked (newlines kept),
    and what was left out, or ``text`` and None when it has not both."""
    found = markers(text)
    if found is None:
        return text, None
    start, end = found
    credits = _CREDITS.match(text, start.end())  # "Produced by …", the transcribers' credit
    head = text[: credits.end() if credits else start.end()]
    tail = text[end.start() :]
    first, last, lines = head.count("\n") + 1, text.count("\n", 0, end.start()) + 1, text.count("\n") + 1
    kept = "\n" * head.count("\n") + text[len(head) : end.start()] + "\n" * tail.count("\n")
    said = (
        f"left out what is not the text: Project Gutenberg's header (lines 1-{first}) and licence "
        f"(lines {last}-{lines})"
    )
    return kept, said


# _italic words_: underscores at word edges, around text that starts and ends with a non-space
_ITALIC = re.compile(r"(?<!\w)_(?=[^\s_])(?P<text>[^_]*?[^\s_])_(?!\w)")


def italics(block: Block) -> Block:
    """``block`` with its ``_underscored_`` spans as italic marks, the underscores gone."""
    if "_" not in block.text:
        return block
    parts: list[str] = []
    marks: list[Mark] = []
    length = previous = 0
    for match in _ITALIC.finditer(block.text):
        before = block.text[previous : match.start()]
        parts.append(before)
        length += len(before)
        marks.append(Mark(length, length + len(match.group("text")), "italic"))
        parts.append(match.group("text"))
        length += len(match.group("text"))
        previous = match.end()
    if not marks:
        return block
    parts.append(block.text[previous:])
    return replace(block, text="".join(parts), marks=tuple(marks))


# the header's "Title: …" and "Author: …" lines (a long title goes on, indented, on the next line)
_FIELD = re.compile(r"^(?P<key>Title|Author):[ \t]*(?P<value>.+(?:\n[ \t]+\S.*)*)", re.M)


def header_fields(text: str) -> dict[str, str]:
    """The book's title and author as a Project Gutenberg header gives them (``title``,
    ``author``), from what comes before its START line; {} in a file without both lines."""
    found = markers(text)
    if found is None:
        return {}
    fields: dict[str, str] = {}
    for match in _FIELD.finditer(text, 0, found[0].start()):
        fields.setdefault(match.group("key").lower(), " ".join(match.group("value").split()))
    return fields
