"""The structured source readers: Pandoc's Markdown, and DOCX/EPUB/… through Pandoc."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pypandoc
import pytest

from enface.blocks import Block, Mark, Note
from enface.errors import EnfaceError
from enface.readers import markdown, pandoc, read_document

BOOK = """\
---
title: La *Petite* Sirène
lang: fr
author: Hans Christian Andersen
---

# Première partie

Au large, *la mer* est **bleue comme les *bleuets***, dit [Andersen]{.smallcaps}
avec un [Et cetera]{lang=la} final[^1]. Il dit "oui" à l'eau.

## La tempête

> Première citation.
>
> Seconde citation.

| Un vers,
| un autre vers.

| Deuxième strophe,
| encore.

| Troisième strophe.

![Le *château* sous la mer](images/chateau.png)

[^1]: Une note *courte*.
"""


def at(text: str, part: str, kind: str, value: str = "") -> Mark:
    start = text.index(part)
    return Mark(start, start + len(part), kind, value)


def read_md(tmp_path: Path, source: str, name: str = "book.md") -> object:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return markdown.read(path.read_bytes(), path)


def test_markdown_book(tmp_path: Path) -> None:
    doc = read_md(tmp_path, BOOK)
    para = "Au large, la mer est bleue comme les bleuets, dit Andersen avec un Et cetera final. Il dit “oui” à l’eau."
    note_at = para.index("final") + len("final")
    assert doc.meta == {"title": "La Petite Sirène", "lang": "fr", "author": "Hans Christian Andersen"}
    assert doc.blocks == (
        Block("head", "Première partie", line=7, level=1),
        Block(
            "p",
            para,
            line=9,
            marks=(
                at(para, "la mer", "italic"),
                at(para, "bleue comme les bleuets", "bold"),
                at(para, "bleuets", "italic"),
                at(para, "Andersen", "smallcaps"),
                at(para, "Et cetera", "foreign", "la"),
                Mark(note_at, note_at, "note", "1"),
            ),
        ),
        Block("head", "La tempête", line=12, level=2),
        Block("quote", "Première citation.", line=14),
        Block("quote", "Seconde citation.", line=16),
        Block("verse", "Un vers,\nun autre vers.", line=18),
        Block("verse", "Deuxième strophe,\nencore.", line=21),
        Block("verse", "Troisième strophe.", line=24),
        Block("figure", "Le château sous la mer", line=26, marks=(Mark(3, 10, "italic"),), src="images/chateau.png"),
    )
    assert doc.blocks[5].lines == ("Un vers,", "un autre vers.")
    assert doc.notes == (Note("1", (Block("p", "Une note courte.", line=28, marks=(Mark(9, 15, "italic"),)),)),)
    assert doc.warnings == ()


def test_markdown_deep_headings_lists_code_and_tables(tmp_path: Path) -> None:
    source = (
        "#### Deep\n\n- one *item*\n- two\n\n1. first\n\n***\n\n```\nx = 1\n```\n\n"
        "| a | b |\n|---|---|\n| c | d |\n\nA note[^n] and another[^m].\n\n[^m]: Note m.\n\n[^n]: Note n.\n"
    )
    doc = read_md(tmp_path, source)
    assert [(b.kind, b.text, b.line, b.level) for b in doc.blocks] == [
        ("head", "Deep", 1, 3),
        ("p", "one item", 3, 0),
        ("p", "two", 4, 0),
        ("p", "first", 6, 0),
        ("p", "x = 1", 11, 0),
        ("p", "a | b", 14, 0),
        ("p", "c | d", 16, 0),
        ("p", "A note and another.", 18, 0),
    ]
    assert doc.blocks[1].marks == (Mark(4, 8, "italic"),)
    assert doc.blocks[-1].marks == (Mark(6, 6, "note", "n"), Mark(18, 18, "note", "m"))
    assert [n.label for n in doc.notes] == ["n", "m"]
    assert [n.blocks[0].line for n in doc.notes] == [22, 20]
    assert doc.warnings == ("line 11: code block kept as plain text", "line 14: table kept as plain text")


def test_registry_picks_markdown_and_image_paths_are_relative_to_the_edition(tmp_path: Path) -> None:
    path = tmp_path / "fr.md"
    path.write_text("Intro.\n\n![Carte](./img/map.png)\n", encoding="utf-8")
    assert read_document(path).blocks[1] == Block("figure", "Carte", line=3, src="./img/map.png")
    (tmp_path / "texts").mkdir()
    path = tmp_path / "texts" / "fr.md"
    path.write_text("Intro.\n\n![Carte](../img/map.png)\n", encoding="utf-8")
    doc = markdown.read(path.read_bytes(), path, edition_dir=tmp_path)
    assert doc.blocks[1].src == "img/map.png"
    with pytest.raises(EnfaceError, match="outside the edition folder"):
        markdown.read(path.read_bytes(), path)  # the edition folder is the file's own by default


@pytest.mark.parametrize("fmt", ["docx", "odt", "epub", "html"])
def test_docx_odt_epub_and_html_made_by_pandoc_read_back(tmp_path: Path, fmt: str) -> None:
    source = (
        "# Chapitre un\n\nDu texte *en italique* ici.\n\n## Section\n\n| Un vers,\n| un autre.\n\n"
        "Fin **forte**[^1].\n\n[^1]: La note.\n"
    )
    path = tmp_path / f"book.{fmt}"
    pypandoc.convert_text(
        source,
        fmt,
        format="markdown",
        outputfile=str(path),
        extra_args=["--metadata=title:Titre", "--metadata=lang:fr"],
    )
    doc = read_document(path)
    assert all(b.line > 0 for b in doc.blocks) == (fmt == "html")  # lines are known in text formats only
    assert tuple(replace(b, line=0) for b in doc.blocks) == (
        Block("head", "Chapitre un", level=1),
        Block("p", "Du texte en italique ici.", marks=(Mark(9, 20, "italic"),)),
        Block("head", "Section", level=2),
        Block("verse", "Un vers,\nun autre."),
        Block("p", "Fin forte.", marks=(Mark(4, 9, "bold"), Mark(9, 9, "note", "1"))),
    )
    assert doc.notes == (Note("1", (Block("p", "La note."),)),)
    if fmt != "html":  # a fragment, without <title>
        assert doc.meta["title"] == "Titre"
    if fmt in ("epub", "odt"):
        assert doc.meta["lang"] == "fr"


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
 <office:automatic-styles>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>
 </office:automatic-styles>
 <office:body><office:text>
  <text:sequence-decls/>
  <text:p text:style-name="Standard"/>
  <text:p text:style-name="P1">Das Gespenst von <text:span>Canterville</text:span></text:p>
  <text:h text:style-name="Heading_20_1" text:outline-level="1">Kapitel I</text:h>
  <text:p text:style-name="Text_20_body">Als Mr. Otis Canterville Chase kaufte.</text:p>
  <text:p text:style-name="P1">Kein Titel hier.</text:p>
 </office:text></office:body>
</office:document-content>
"""
ODT_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
 <office:meta><dc:title>Eigenschaften-Titel</dc:title><dc:language>de-DE</dc:language></office:meta>
</office:document-meta>
"""


def _odt(path: Path, content: str, meta: str | None) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr(
            "styles.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"/>',
        )
        if meta is not None:
            archive.writestr("meta.xml", meta)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
    return path


def test_an_odt_title_paragraph_is_the_title_not_the_first_paragraph(tmp_path: Path) -> None:
    # LibreOffice's Title style (here through an automatic style, as LibreOffice writes it):
    # the book's title, not a paragraph of the text opposite nothing in the other versions; a
    # Title paragraph further down stays text. The document's properties give the language,
    # and the title only where no Title paragraph does.
    doc = read_document(_odt(tmp_path / "gespenst.odt", ODT_CONTENT, ODT_META))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("head", "Kapitel I"),
        ("p", "Als Mr. Otis Canterville Chase kaufte."),
        ("p", "Kein Titel hier."),
    ]
    assert doc.meta["title"] == "Das Gespenst von Canterville" and doc.meta["lang"] == "de-DE"
    untitled = ODT_CONTENT.replace('text:style-name="P1">Das', 'text:style-name="Standard">Das')
    doc = read_document(_odt(tmp_path / "ohne.odt", untitled, ODT_META))
    assert doc.blocks[0].text == "Das Gespenst von Canterville"
    assert doc.meta["title"] == "Eigenschaften-Titel"
    assert "title" not in read_document(_odt(tmp_path / "leer.odt", untitled, None)).meta


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(EnfaceError) as err:
        read_md(tmp_path, "---\ntitle: Titre\nlang: fr: en\n---\n\nTexte.\n")
    assert err.value.path == tmp_path / "book.md"
    assert err.value.line == 3
    assert "YAML" in err.value.message
    assert str(err.value).startswith(f"{tmp_path / 'book.md'}:3: ")


def test_a_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "livre.docx"
    path.write_bytes(b"Ceci n'est pas un document Word.\n")
    with pytest.raises(EnfaceError) as err:
        pandoc.read(path.read_bytes(), path)
    assert err.value.path == path
    assert "not a DOCX file" in str(err.value)
    assert "livre.docx" in str(err.value)


def test_a_file_pandoc_fails_on(tmp_path: Path) -> None:
    path = tmp_path / "livre.epub"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    with pytest.raises(EnfaceError) as err:
        pandoc.read(path.read_bytes(), path)
    assert err.value.path == path
    assert "pandoc cannot read this file as epub" in err.value.message
    assert "\n" not in str(err.value)


def test_footnote_reference_without_footnote(tmp_path: Path) -> None:
    with pytest.raises(EnfaceError) as err:
        read_md(tmp_path, "Un.\n\nDeux, avec\nune note[^9] perdue.\n\nTrois[^1].\n\n[^1]: La note.\n")
    assert err.value.path == tmp_path / "book.md"
    assert err.value.line == 4
    assert "[^9]" in err.value.message


@pytest.mark.parametrize("src", ["../outside.png", "/etc/image.png", "https://example.org/a.png", "img/../../x.png"])
def test_image_outside_the_edition_folder(tmp_path: Path, src: str) -> None:
    with pytest.raises(EnfaceError) as err:
        read_md(tmp_path, f"Texte.\n\n![Légende]({src})\n")
    assert err.value.path == tmp_path / "book.md"
    assert err.value.line == 3
    assert src in err.value.message


def test_lang_divs_and_raw_html_emphasis(tmp_path: Path) -> None:
    doc = read_md(tmp_path, "::: {lang=la}\nLorem <i>ipsum</i> <b>dolor</b>.\n:::\n")
    assert doc.blocks == (
        Block(
            "p",
            "Lorem ipsum dolor.",
            line=2,
            marks=(Mark(0, 18, "foreign", "la"), Mark(6, 11, "italic"), Mark(12, 17, "bold")),
        ),
    )
    assert doc.warnings == ()


def test_an_html_title_block_is_the_title_not_the_first_heading(tmp_path: Path) -> None:
    # Pandoc's standalone HTML opens with <header id="title-block-header"><h1 class="title">:
    # read back, the title (and the author under it) would be a heading and a paragraph of
    # the text, opposite nothing in the other versions. A page with its own <title> keeps it.
    path = tmp_path / "livre.html"
    pypandoc.convert_text(
        "# Chapitre un\n\nDu texte.\n",
        "html",
        format="markdown",
        outputfile=str(path),
        extra_args=["--standalone", "--metadata=title:Le Titre", "--metadata=author:A. Auteur"],
    )
    assert 'class="title"' in path.read_text(encoding="utf-8")
    doc = read_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [("head", "Chapitre un"), ("p", "Du texte.")]
    assert doc.meta["title"] == "Le Titre"
    bare = tmp_path / "bare.html"
    bare.write_text(
        '<html><head><title>Titre de la page</title></head><body><h1 class="title">Le Livre</h1>'
        "<h2>Chapitre un</h2><p>Du texte.</p></body></html>",
        encoding="utf-8",
    )
    doc = read_document(bare)
    assert [(b.kind, b.text) for b in doc.blocks] == [("head", "Chapitre un"), ("p", "Du texte.")]
    assert doc.meta["title"] == "Titre de la page"
    plain = bare.read_text(encoding="utf-8").replace(' class="title"', "")
    bare.write_text(plain, encoding="utf-8")
    assert read_document(bare).blocks[0].text == "Le Livre"  # an ordinary first heading stays


def test_the_title_a_fictionbook_body_opens_with_is_the_title(tmp_path: Path) -> None:
    # <body><title> (the book's title, often with its author) before the first <section>:
    # Pandoc reads it as the first heading; the chapters are the sections' titles.
    fb2 = tmp_path / "kniga.fb2"
    fb2.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0">'
        "<description><title-info><book-title>Привидение</book-title><lang>ru</lang></title-info></description>"
        "<body><title><p>Оскар Уайльд</p><p>Привидение</p></title>"
        "<section><title><p>Глава первая</p></title><p>Текст главы.</p></section>"
        "<section><title><p>Глава вторая</p></title><p>Ещё текст.</p></section></body></FictionBook>",
        encoding="utf-8",
    )
    doc = read_document(fb2)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("head", "Глава первая"),
        ("p", "Текст главы."),
        ("head", "Глава вторая"),
        ("p", "Ещё текст."),
    ]
    assert doc.meta["title"] == "Привидение"
    untitled = fb2.read_text(encoding="utf-8").replace("<title><p>Оскар Уайльд</p><p>Привидение</p></title>", "")
    fb2.write_text(untitled, encoding="utf-8")
    assert read_document(fb2).blocks[0].text == "Глава первая"  # no body title: the first chapter stays


def _ebook(path: Path, pages: list[tuple[str, str, str]], *, nav_in_spine: bool = True) -> Path:
    """An EPUB 3 as publishers and digital libraries make them: (file, body epub:type, body)."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("urn:test:tale")
    book.set_title("The Tale")
    book.set_language("en")
    items = []
    for name, kind, body in pages:
        item = epub.EpubHtml(title=name, file_name=f"text/{name}.xhtml", lang="en")
        item.content = (
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
            f'<head><title>{name}</title></head><body epub:type="{kind}">{body}</body></html>'
        )
        book.add_item(item)
        items.append(item)
    book.toc = tuple(items)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items] if nav_in_spine else items  # the contents read in order, as many have it
    epub.write_epub(str(path), book)
    return path


def test_an_ebooks_navigation_and_publishers_pages_are_not_the_text(tmp_path: Path) -> None:
    # Standard Ebooks' layout (epub:type on each page's section) and Project Gutenberg's
    # boilerplate: before, the contents' entries, the imprint, the colophon, the copyright
    # page and Gutenberg's licence were read as paragraphs and chapters of the text
    from enface.diagnostics import classify

    sec = '<section id="{0}" epub:type="{1}"><h2 epub:type="title">{2}</h2><p>{3}</p></section>'
    path = _ebook(
        tmp_path / "tale.epub",
        [
            ("titlepage", "frontmatter", sec.format("titlepage", "titlepage", "The Tale", "By A. Writer.")),
            ("imprint", "frontmatter", sec.format("imprint", "imprint", "Imprint", "Made by volunteers.")),
            ("preface", "frontmatter", sec.format("preface", "preface", "Preface", "I wrote this tale in 1900.")),
            ("chapter-1", "bodymatter", sec.format("chapter-1", "chapter", "I", "It was a dark night.")),
            ("chapter-2", "bodymatter", sec.format("chapter-2", "chapter", "II", "The sun rose.")),
            ("colophon", "backmatter", sec.format("colophon", "colophon", "Colophon", "Set in Charis.")),
            ("uncopyright", "backmatter", sec.format("uncopyright", "copyright-page", "Uncopyright", "Do good.")),
            (
                "licence",
                "backmatter",
                '<section class="pg-boilerplate pgfooter" id="pg-footer"><h2>The Full Project Gutenberg'
                " License</h2><p>Please read this before you distribute or use this work.</p></section>",
            ),
        ],
    )
    doc = read_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("head", "Preface"),
        ("p", "I wrote this tale in 1900."),
        ("head", "I"),
        ("p", "It was a dark night."),
        ("head", "II"),
        ("p", "The sun rose."),
    ]
    (said,) = doc.warnings
    for page in ("imprint", "colophon", "copyright page", "Gutenberg"):  # Pandoc drops the title page
        assert page in said, page
    assert "page list" in said  # ebooklib's navigation document, in the spine
    assert classify(said, "ingest", file="tale.epub").code == "ingest.publisher-matter"
    chapter = [("chapter-1", "bodymatter", sec.format("c1", "chapter", "I", "Text."))]
    plain = _ebook(tmp_path / "plain.epub", chapter, nav_in_spine=False)
    assert read_document(plain).warnings == ()  # nothing left out: nothing said


def test_a_heading_group_is_one_heading(tmp_path: Path) -> None:
    # Standard Ebooks write a chapter's number over its title in an <hgroup>: Pandoc reads the
    # title as a paragraph of the text, which then stood opposite the other versions' first
    # sentence; a group without a heading is left as it is
    chapters = [
        '<section id="c1" epub:type="chapter"><hgroup><h2 epub:type="ordinal z3998:roman">I</h2>'
        '<p epub:type="title">The House</p></hgroup><p>It was a dark night.</p></section>',
        '<section id="c2" epub:type="chapter"><hgroup><h2>Chapter II:</h2><p>The Storm</p><p>A tale of wind</p>'
        "</hgroup><p>Rain.</p><hgroup><p>Not a heading</p></hgroup></section>",
    ]
    pages = [(f"chapter-{n}", "bodymatter", body) for n, body in enumerate(chapters, 1)]
    path = _ebook(tmp_path / "tale.epub", pages, nav_in_spine=False)
    assert [(b.kind, b.text) for b in read_document(path).blocks] == [
        ("head", "I. The House"),
        ("p", "It was a dark night."),
        ("head", "Chapter II: The Storm. A tale of wind"),
        ("p", "Rain."),
        ("p", "Not a heading"),
    ]


def test_an_ebooks_endnotes_are_footnotes_at_their_noterefs(tmp_path: Path) -> None:
    # Standard Ebooks' endnotes page: before, "night.1" (the note number glued to the text) and
    # an "Endnotes" chapter opposite nothing in the other versions
    ref = '<a href="endnotes.xhtml#note-{0}" id="noteref-{0}" epub:type="noteref">{0}</a>'
    chapter = (
        f'<section id="chapter-1" epub:type="chapter"><h2>I</h2><p>It was a dark night.{ref.format(1)} '
        f"The wind blew.{ref.format(2)}</p></section>"
    )
    item = (
        '<li id="note-{0}" epub:type="endnote"><p>{1} '
        '<a href="chapter-1.xhtml#noteref-{0}" epub:type="backlink">↩</a></p></li>'
    )
    notes = (
        '<section id="endnotes" epub:type="endnotes"><h2 epub:type="title">Endnotes</h2><ol>'
        + item.format(1, "A real night, says the author.")
        + item.format(2, "From the <i>north</i>.")
        + "</ol></section>"
    )
    path = _ebook(
        tmp_path / "tale.epub",
        [("chapter-1", "bodymatter", chapter), ("endnotes", "backmatter", notes)],
        nav_in_spine=False,
    )
    doc = read_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [("head", "I"), ("p", "It was a dark night. The wind blew.")]
    paragraph = doc.blocks[1]
    assert [(m.kind, m.start) for m in paragraph.marks] == [("note", 20), ("note", 35)]
    assert [(n.blocks[0].text, n.blocks[0].marks) for n in doc.notes] == [
        ("A real night, says the author.", ()),
        ("From the north.", (Mark(9, 14, "italic"),)),
    ]
