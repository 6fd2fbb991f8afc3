"""Write the EPUB 3 edition from the TEI.

Reading order: title page, contents (nav), the parallel text (one document per
unit range), appendices, colophon. Fonts and CSS come from ``styles/``.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from ebooklib import epub
from lxml import etree

from .. import __version__
from ..i18n import word
from ..paths import styles_dir
from ..tei.read import Document
from ..xhtml import fragments as fx
from .package import normalise_zip

CSS_NAME = "styles/epub.css"
FONTS = (
    ("CharisSIL-Regular.ttf", "normal", "400"),
    ("CharisSIL-Italic.ttf", "italic", "400"),
    ("CharisSIL-Bold.ttf", "normal", "700"),
    ("CharisSIL-BoldItalic.ttf", "italic", "700"),
)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FONT_CREDITS = [("Charis SIL, SIL International", "SIL Open Font License 1.1")]


class _Xhtml(epub.EpubHtml):
    """An EpubHtml whose bytes are ours: ebooklib would re-parse them as HTML and lose
    ``epub:type`` on ``<body>`` and the XML serialisation we chose."""

    def get_content(self, default=None):  # noqa: ARG002 - ebooklib's signature
        return self.content


def _doc(file_name: str, title: str, lang: str, body: list[etree._Element], body_type: str | None,
         uid: str) -> _Xhtml:
    item = _Xhtml(uid=uid, file_name=file_name, title=title, lang=lang)
    tree = fx.document(title, lang, body, css=["../" + CSS_NAME if "/" in file_name else CSS_NAME],
                       body_type=body_type)
    item.content = fx.serialise(tree)
    return item


def _metadata(book: epub.EpubBook, doc: Document, when: dt.datetime) -> None:
    meta = doc.meta
    book.set_identifier(meta.identifier)
    book.set_title(meta.title())
    book.set_language(meta.lang)
    for lang in meta.langs[1:]:
        book.add_metadata("DC", "language", lang)
    for lang in {s.lang for s in meta.sources} - set(meta.langs):
        book.add_metadata("DC", "language", lang)
    for lang, title in meta.titles.items():
        if lang != meta.lang:
            book.add_metadata("DC", "title", title, {"id": f"title-{lang}", XML_LANG: lang})
    book.add_metadata("DC", "description", meta.description)
    if meta.publisher:
        book.add_metadata("DC", "publisher", meta.publisher)
    if meta.rights:
        book.add_metadata("DC", "rights", meta.rights)
    book.add_metadata("DC", "date", when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    for role, name in meta.credits:
        book.add_metadata("DC", "contributor", f"{name} ({role})")
    if meta.work:
        subject = meta.work.get("title", "")
        if meta.work.get("author"):
            subject = f"{meta.work['author']}, {subject}"
        if meta.work.get("year"):
            subject += f" ({meta.work['year']})"
        book.add_metadata("DC", "subject", subject)


def build_book(doc: Document, when: dt.datetime) -> epub.EpubBook:
    meta = doc.meta
    lang = meta.lang
    book = epub.EpubBook()
    book.FOLDER_NAME = "EPUB"
    _metadata(book, doc, when)

    css = epub.EpubItem(uid="css", file_name=CSS_NAME, media_type="text/css",
                        content=(styles_dir() / "epub.css").read_bytes())
    book.add_item(css)
    for name, _style, _weight in FONTS:
        book.add_item(epub.EpubItem(uid=f"font-{Path(name).stem}", file_name=f"fonts/{name}",
                                    media_type="font/ttf", content=(styles_dir() / "fonts" / name).read_bytes()))

    title_page = _doc("text/title.xhtml", word(lang, "title_page"), lang,
                      [fx.epub_type(fx.H.section({"class": "titlepage"}, *fx.title_block(meta)), "titlepage")],
                      "frontmatter", "title")
    parallel_body = [fx.H.h1(word(lang, "parallel"), {"class": "part-title"})] + fx.unit_sections(doc)
    parallel = _doc("text/parallel.xhtml", word(lang, "parallel"), lang,
                    [fx.epub_type(fx.H.section(*parallel_body), "bodymatter chapter")], None, "parallel")
    appendices = []
    for index, app in enumerate(doc.appendices, start=1):
        section = fx.epub_type(fx.H.section(*fx.appendix_heading(app, meta), fx.appendix_body(app)),
                               "backmatter appendix", "doc-appendix")
        section.set("id", app.id)
        appendices.append(_doc(f"text/appendix-{index}.xhtml", app.title or word(lang, "appendix"), lang,
                               [section], None, f"appendix-{index}"))
    colophon = _doc("text/colophon.xhtml", word(lang, "colophon"), lang,
                    [fx.epub_type(fx.H.section(fx.H.h1(word(lang, "colophon")), *fx.colophon(meta, FONT_CREDITS)),
                                  "backmatter colophon")], None, "colophon")

    documents = [title_page, parallel, *appendices, colophon]
    for item in documents:
        book.add_item(item)

    unit_links = [epub.Link(f"text/parallel.xhtml#u{u.n}", f"{word(lang, 'paragraph')} {u.n}", f"toc-u{u.n}")
                  for u in doc.units]
    book.toc = [
        epub.Link("text/title.xhtml", word(lang, "title_page"), "toc-title"),
        (epub.Section(word(lang, "parallel"), "text/parallel.xhtml"), unit_links),
        *[epub.Link(item.file_name, item.title, f"toc-{item.id}") for item in appendices],
        epub.Link("text/colophon.xhtml", word(lang, "colophon"), "toc-colophon"),
    ]
    book.guide = [
        {"href": "text/title.xhtml", "title": word(lang, "title_page"), "type": "title-page"},
        {"href": "nav.xhtml", "title": word(lang, "contents"), "type": "toc"},
        {"href": "text/parallel.xhtml", "title": word(lang, "parallel"), "type": "text"},
    ]
    nav = epub.EpubNav(title=word(lang, "contents"))
    nav.add_item(css)
    book.add_item(epub.EpubNcx())
    book.add_item(nav)
    book.spine = [title_page, nav, parallel, *appendices, colophon]
    return book


def write_epub(doc: Document, when: dt.datetime) -> bytes:
    """The EPUB as bytes (the caller writes it atomically)."""
    book = build_book(doc, when)
    naive = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    with tempfile.TemporaryDirectory(prefix="enface-epub-") as tmp:
        path = Path(tmp) / "book.epub"
        epub.write_epub(str(path), book, {"mtime": naive, "raise_exceptions": True, "landmark_title": word(doc.meta.lang, "contents")})
        data = path.read_bytes()
    return normalise_zip(data, naive)
