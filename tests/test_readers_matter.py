"""Only the text is read: not Project Gutenberg's header and licence, nor a table of contents
written as links into the book (see also the EPUB's publisher's pages in
tests/test_readers_structured.py)."""

from __future__ import annotations

from pathlib import Path

import pypandoc
import pytest

from enface.diagnostics import classify
from enface.errors import EnfaceError
from enface.readers import read_document

HEADER = (
    "The Project Gutenberg eBook of The Canterville Ghost, by Oscar Wilde\n\n"
    "This eBook is for the use of anyone anywhere in the United States and most\n"
    "other parts of the world at no cost and with almost no restrictions whatsoever.\n\n"
    "Title: The Canterville Ghost\n\nAuthor: Oscar Wilde\n\n"
)
START = "*** START OF THE PROJECT GUTENBERG EBOOK THE CANTERVILLE GHOST ***\n"
END = "*** END OF THE PROJECT GUTENBERG EBOOK THE CANTERVILLE GHOST ***\n"
LICENCE = (
    "\nUpdated editions will replace the previous one--the old editions will\nbe renamed.\n\n"
    "START: FULL LICENSE\n\nTHE FULL PROJECT GUTENBERG LICENSE\n"
    "PLEASE READ THIS BEFORE YOU DISTRIBUTE OR USE THIS WORK\n"
)
TEXT = (
    "\n\n\nTHE CANTERVILLE GHOST\n\n"
    "When Mr. Hiram B. Otis, the American Minister, bought Canterville Chase,\n"
    "every one told him he was doing a very foolish thing.\n\n"
    "Indeed, Lord Canterville himself had felt it his duty to mention the fact.\n\n\n"
)


def test_a_gutenberg_plain_text_keeps_only_what_is_between_its_start_and_end_lines(tmp_path: Path) -> None:
    path = tmp_path / "ghost.txt"
    credits = "\n\nProduced by Suzanne Shell, Sjaani and\nPG Distributed Proofreaders\n"  # the transcribers'
    path.write_text(HEADER + START + credits + TEXT + END + LICENCE, encoding="utf-8")
    doc = read_document(path)
    assert [b.text for b in doc.blocks] == [
        "THE CANTERVILLE GHOST",
        "When Mr. Hiram B. Otis, the American Minister, bought Canterville Chase, every one told him he was "
        "doing a very foolish thing.",
        "Indeed, Lord Canterville himself had felt it his duty to mention the fact.",
    ]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [lines[b.line - 1] for b in doc.blocks][:2] == ["THE CANTERVILLE GHOST", lines[doc.blocks[1].line - 1]]
    assert lines[doc.blocks[1].line - 1].startswith("When Mr. Hiram")  # the file's own line numbers
    assert doc.meta["title"] == "The Canterville Ghost" and doc.meta["author"] == "Oscar Wilde"  # its header's
    (said,) = doc.warnings
    credits_end = lines.index("PG Distributed Proofreaders") + 1
    assert f"header (lines 1-{credits_end})" in said and "licence" in said
    assert classify(said, "ingest", file="ghost.txt").code == "ingest.publisher-matter"
    # older files say THIS; without both lines nothing is left out
    older = tmp_path / "older.txt"
    older.write_text(HEADER + START.replace("THE PROJECT", "THIS PROJECT") + TEXT + END.replace("THE", "THIS", 1))
    assert len(read_document(older).blocks) == 3
    alone = tmp_path / "alone.txt"
    alone.write_text(HEADER + START + TEXT, encoding="utf-8")
    assert (
        read_document(alone).blocks[0].text.startswith("The Project Gutenberg eBook")
        and not read_document(alone).warnings
    )


GUTENBERG_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>The Project Gutenberg eBook of The Canterville Ghost, by Oscar Wilde</title></head>
<body>
<section class="pg-boilerplate pgheader" id="pg-header" lang="en">
<h2 id="pg-header-heading">The Project Gutenberg eBook of The Canterville Ghost</h2>
<div>This ebook is for the use of anyone anywhere in the United States.</div>
<div id="pg-start-separator"><span>*** START OF THE PROJECT GUTENBERG EBOOK THE CANTERVILLE GHOST ***</span></div>
</section>
<h1>THE CANTERVILLE GHOST</h1>
<h2>CONTENTS</h2>
<table><tr><td><a href="#chap01">CHAPTER I.</a></td><td>1</td></tr>
<tr><td><a href="#chap02">CHAPTER II.</a></td><td>9</td></tr></table>
<p class="toc"><a href="#chap01">I. The House</a></p>
<ul><li><a href="#chap02">II. The Storm</a></li></ul>
<div class="chapter"><h2><a id="chap01"></a>I</h2>
<p>When Mr. Otis bought Canterville Chase, every one told him so (see <a href="#chap02">the storm</a>
below, and the <a href="https://example.org/map">map of the house</a> online).</p></div>
<div class="chapter"><h2><a id="chap02"></a>II</h2>
<p>The storm raged fiercely all that night.</p>
<p><a href="#chap01">Back to the house</a></p>
<ul><li><a href="https://example.org/a">A page on the web</a></li></ul>
<p><a id="Footnote_1" href="#FNanchor_1">[1]</a> Ibid.</p><p><a id="Footnote_2" href="#FNanchor_2">[2]</a> Idem.</p></div>
<section class="pg-boilerplate pgfooter" id="pg-footer">
<div id="pg-end-separator"><span>*** END OF THE PROJECT GUTENBERG EBOOK THE CANTERVILLE GHOST ***</span></div>
<h2>THE FULL PROJECT GUTENBERG LICENSE</h2><p>PLEASE READ THIS BEFORE YOU DISTRIBUTE OR USE THIS WORK</p>
</section>
</body></html>
"""


def test_a_gutenberg_html_book_keeps_its_text_without_header_licence_or_contents(tmp_path: Path) -> None:
    path = tmp_path / "ghost.html"
    path.write_text(GUTENBERG_HTML, encoding="utf-8")
    doc = read_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("head", "THE CANTERVILLE GHOST"),
        ("head", "I"),
        (
            "p",
            "When Mr. Otis bought Canterville Chase, every one told him so (see the storm below, and the map "
            "of the house online).",
        ),
        ("head", "II"),
        ("p", "The storm raged fiercely all that night."),
        ("p", "Back to the house"),  # one link alone: a cross-reference, not a contents
        ("p", "A page on the web"),  # a link out of the book is no contents entry
        ("p", "[1] Ibid."),  # Gutenberg's notes: their links have no letters
        ("p", "[2] Idem."),
    ]
    assert doc.meta["title"] == "The Canterville Ghost"  # not the page's "The Project Gutenberg eBook of …"
    (said,) = doc.warnings
    assert "Project Gutenberg header or licence" in said and "table of contents" in said
    # an older page: the header and the licence in <pre>, known by their START and END lines only
    older = GUTENBERG_HTML.replace('class="pg-boilerplate pgheader" id="pg-header"', "").replace(
        'class="pg-boilerplate pgfooter" id="pg-footer"', ""
    )
    path.write_text(older, encoding="utf-8")
    assert [b.text for b in read_document(path).blocks][:2] == ["THE CANTERVILLE GHOST", "I"]


def test_a_gutenberg_plain_texts_underscores_are_italics(tmp_path: Path) -> None:
    # Project Gutenberg's plain texts write italics as _words_; elsewhere an underscore is kept
    body = "\n\nHe read _The Times_ every morning,\nand _Punch_ on Sundays; my_file_name stays.\n\nThe end.\n\n"
    path = tmp_path / "times.txt"
    path.write_text(HEADER + START + body + END, encoding="utf-8")
    block, _end = read_document(path).blocks
    assert block.text == "He read The Times every morning, and Punch on Sundays; my_file_name stays."
    assert [(block.text[m.start : m.end], m.kind) for m in block.marks] == [
        ("The Times", "italic"),
        ("Punch", "italic"),
    ]
    plain = tmp_path / "plain.txt"
    plain.write_text(body, encoding="utf-8")
    assert read_document(plain).blocks[0].text.startswith("He read _The Times_")  # not a Gutenberg file


CONTENTS = """\
# Sommaire

[Chapitre I](#chapitre-i)

[Chapitre II](#chapitre-ii)

# Chapitre I

Le texte du premier chapitre, avec un renvoi [au second](#chapitre-ii) et des mots.

# Chapitre II

La suite.
"""


@pytest.mark.parametrize("fmt", ["docx", "odt", "html", "epub"])
def test_a_table_of_contents_written_as_links_is_not_the_text(tmp_path: Path, fmt: str) -> None:
    # Word's contents are links to its headings' bookmarks, a page's or an ebook's to anchors:
    # the entries and their heading go, a cross-reference inside a paragraph stays
    path = tmp_path / f"livre.{fmt}"
    pypandoc.convert_text(CONTENTS, fmt, format="markdown", outputfile=str(path), extra_args=["--metadata=title:Livre"])
    doc = read_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("head", "Chapitre I"),
        ("p", "Le texte du premier chapitre, avec un renvoi au second et des mots."),
        ("head", "Chapitre II"),
        ("p", "La suite."),
    ]
    assert any("table of contents" in said for said in doc.warnings)


def test_a_gutenberg_file_in_the_8_bit_encoding_it_declares_is_read_in_it(tmp_path: Path) -> None:
    # older Project Gutenberg files are Latin-1 and say so in their header; an 8-bit file that
    # declares nothing is still refused with the line and what to do
    header = HEADER + "Character set encoding: ISO-8859-1\n\n"
    body = "\n\nLe fantôme apparut à Noël.\n\nIl était « effrayant ».\n\n"
    path = tmp_path / "fantome.txt"
    path.write_bytes((header + START + body + END).encode("latin-1"))
    assert [b.text for b in read_document(path).blocks] == ["Le fantôme apparut à Noël.", "Il était « effrayant »."]
    silent = tmp_path / "silent.txt"
    silent.write_bytes(body.encode("latin-1"))
    with pytest.raises(EnfaceError, match="not valid UTF-8"):
        read_document(silent)


PROSE = "The storm raged fiercely all that night, but nothing of particular note occurred."


def test_a_plain_texts_table_of_contents_is_not_its_text(tmp_path: Path) -> None:
    # with a headings pattern, three headings or more with no text between (one paragraph each,
    # or lines of one paragraph) are a contents, with its title line; a part's heading just
    # before its first chapter's stays
    from enface.readers import text

    pattern = r"^\s*(BOOK|CHAPTER)\s+[IVX]+"
    chapters = "".join(f"CHAPTER {n}.\n\n{PROSE}\n\n" for n in ("I", "II", "III"))
    lines = "THE GHOST\n\nCONTENTS\n\n CHAPTER I. The House\n CHAPTER II. The Storm\n CHAPTER III. The End\n\n"
    one_a_paragraph = "CONTENTS\n\nCHAPTER I.\n\nCHAPTER II.\n\nCHAPTER III.\n\n"
    for name, front, title in (("lines", lines, ["THE GHOST"]), ("paragraphs", one_a_paragraph, [])):
        path = tmp_path / f"{name}.txt"
        path.write_text(front + chapters, encoding="utf-8")
        doc = text.read(path.read_bytes(), path, headings=pattern)
        assert [b.text for b in doc.blocks] == [
            *title,
            *(x for n in ("I", "II", "III") for x in (f"CHAPTER {n}.", PROSE)),
        ]
        (said,) = doc.warnings
        first = 3 if title else 1
        assert said == f"left out what is not the text: a table of contents (lines {first}-7)", said
        assert classify(said, "ingest", file=path.name).code == "ingest.publisher-matter"
    parts = tmp_path / "parts.txt"
    parts.write_text(f"BOOK I\n\nCHAPTER I\n\n{PROSE}\n\nCHAPTER II\n\n{PROSE}\n", encoding="utf-8")
    doc = text.read(parts.read_bytes(), parts, headings=pattern)
    assert [b.kind for b in doc.blocks] == ["head", "head", "p", "head", "p"] and doc.warnings == ()
