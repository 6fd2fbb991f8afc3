"""Write the EPUB 3 edition from the TEI, in one of three reading modes.

Reading order: cover, title page, contents (nav), the text (see ``modes.py``),
appendices, colophon, font licence. Navigation: a toc with the contents per language
and the appendix, landmarks, an NCX for EPUB 2 readers, and — when the print edition
was laid out in the same build — a page-list of its page starts with the print
edition declared as the page source. Accessibility metadata follows EPUB
Accessibility 1.1. Fonts are the vendored Charis SIL, subset and renamed (``fonts.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ebooklib import epub
from lxml import etree

from ..errors import EnfaceError
from ..fonts import TEXT, Family, credits, font_plan
from ..i18n import word
from ..paths import styles_dir
from ..tei.read import Document
from ..xhtml import fragments as fx
from . import fonts as font_subset
from .blocks import footnotes
from .cover import cover_png
from .modes import DEFAULT_MODE, MODES, Body, Part, TocEntry, build_body
from .nav import NAV_FILE, Landmark, nav_document, ncx_document, relative
from .options import check_primary
from .package import normalise_zip
from .pages import PageEntry, place_page_breaks
from .words import eword

CSS_NAME = "styles/epub.css"
STRUCTURE_CSS = "epub-structure.css"  # styles/: rules for chapters, verse, notes, figures, emphasis
COVER_IMAGE = "images/cover.png"
FIGURE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


@dataclass
class EpubOutput:
    data: bytes
    mode: str
    primary: str
    pages: list[PageEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def print_source_id(doc: Document) -> str:
    """The identifier the EPUB gives the print edition it takes its page numbers from."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, doc.meta.identifier + '#print')}"


def book_identifier(doc: Document, mode: str, primary: str) -> str:
    """The default mode keeps the edition's identifier; other modes are other books."""
    if mode == DEFAULT_MODE:
        return doc.meta.identifier
    key = f"{doc.meta.identifier}#epub-{mode}" + (f"-{primary}" if mode == "popup" else "")
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def mode_name(doc: Document, mode: str, primary: str) -> str:
    return eword(doc.meta.lang, f"mode_{mode}", label=doc.meta.labels.get(primary, primary))


class _Xhtml(epub.EpubHtml):
    """An EpubHtml whose bytes are ours: ebooklib would re-parse them as HTML and lose
    ``epub:type`` on ``<body>`` and the XML serialisation we chose."""

    def get_content(self, default=None):
        return self.content


class _Nav(epub.EpubNav):
    def get_content(self, default=None):
        return self.content


class _Writer(epub.EpubWriter):
    """ebooklib's writer with our nav and NCX bytes, and ``xml:lang`` on the package."""

    def __init__(self, name, book, options, *, nav: bytes, ncx: bytes, lang: str):
        super().__init__(name, book, options)
        self._nav, self._ncx, self._lang = nav, ncx, lang

    def _get_nav(self, item):
        return self._nav

    def _get_ncx(self):
        return self._ncx

    def _write_opf_file(self, root):
        root.set(XML_LANG, self._lang)
        super()._write_opf_file(root)


# --- documents ------------------------------------------------------------------------------


def _css_href(file_name: str) -> str:
    return relative(file_name, CSS_NAME)


def _item(part: Part) -> _Xhtml:
    item = _Xhtml(uid=part.uid, file_name=part.file_name, title=part.title, lang=part.lang)
    tree = fx.document(part.title, part.lang, part.body, css=[_css_href(part.file_name)], body_type=part.body_type)
    item.content = fx.serialise(tree)
    return item


def _cover_part(doc: Document) -> Part:
    meta = doc.meta
    titles = " / ".join(meta.titles[code] for code in meta.langs if meta.titles.get(code))
    img = fx.H.img(
        {
            "src": relative("text/cover.xhtml", COVER_IMAGE),
            "class": "cover-image",
            "alt": fx.tword(meta.lang, "cover_alt", titles=titles),
            "role": "doc-cover",
        }
    )
    fx.epub_type(img, "cover")
    return Part(
        "text/cover.xhtml", "cover", word(meta.lang, "cover"), meta.lang, [fx.H.div({"class": "cover"}, img)], "cover"
    )


def _title_part(doc: Document, mode: str, primary: str) -> Part:
    meta = doc.meta
    section = fx.H.section({"class": "titlepage", "id": "titlepage"}, *fx.title_block(meta))
    section.append(fx.H.p(fx.tword(meta.lang, "reading_mode", mode=mode_name(doc, mode, primary)), {"class": "mode"}))
    fx.epub_type(section, "titlepage")
    return Part("text/title.xhtml", "title", word(meta.lang, "title_page"), meta.lang, [section], "frontmatter")


def _appendix_parts(doc: Document) -> tuple[list[Part], list[TocEntry]]:
    meta = doc.meta
    parts, toc = [], []
    for index, app in enumerate(doc.appendices, start=1):
        section = fx.epub_type(
            fx.H.section(*fx.appendix_heading(app, meta), fx.appendix_body(app)), "appendix", "doc-appendix"
        )
        section.set("id", app.id)
        notes = footnotes(doc, [section], meta.lang, labels=app.lang != meta.lang)
        if notes is not None:
            section.append(notes)
        file_name = f"text/appendix-{index}.xhtml"
        title = app.title or word(meta.lang, "appendix")
        parts.append(Part(file_name, f"appendix-{index}", title, meta.lang, [section], "backmatter"))
        if meta.lang in app.titles:
            toc.append(TocEntry(app.titles[meta.lang], file_name))
        else:
            toc.append(TocEntry(title, file_name, app.lang if app.title else None))
    return parts, toc


def _colophon_part(doc: Document, mode: str, primary: str, pages: bool, families: tuple[Family, ...] = (TEXT,)) -> Part:
    meta = doc.meta
    lang = meta.lang
    children = fx.colophon(meta, credits("epub", families), reflowable=True)
    section = fx.epub_type(
        fx.H.section({"id": "colophon"}, fx.H.h1(word(lang, "colophon")), *children), "colophon", "doc-colophon"
    )
    for element in section.iter(f"{{{fx.XHTML_NS}}}h3"):  # one level under the h1: real heading order
        element.tag = f"{{{fx.XHTML_NS}}}h2"
    # the description and rights are marked with their languages (decided in the text stages)
    extra = [fx.H.p(fx.tword(lang, "reading_mode", mode=mode_name(doc, mode, primary)), {"class": "mode"})]
    if pages:
        extra.append(fx.H.p(fx.tword(lang, "pagination", source=print_source_id(doc)), {"class": "pagination"}))
    licence = fx.H.a(eword(lang, "font_licence"), href="font-licence.xhtml")
    notes = [fx.tword(lang, "font_note", name=font_subset.FAMILY, original=font_subset.ORIGINAL)]
    notes += [fx.tword(lang, "font_note", name=f.epub, original=f.name) for f in families if f is not TEXT]
    extra.append(
        fx.H.p(
            " ".join(notes) + " ",
            licence,
            ".",
            {"class": "font-note"},
        )
    )
    built = next((p for p in section.iter(f"{{{fx.XHTML_NS}}}p") if p.get("class") == "built"), None)
    for element in extra:
        if built is not None:
            built.addprevious(element)
        else:
            section.append(element)
    return Part("text/colophon.xhtml", "colophon", word(lang, "colophon"), lang, [section], "backmatter")


def _licence_part(doc: Document, families: tuple[Family, ...] = (TEXT,)) -> Part:
    lang = doc.meta.lang
    text = font_subset.licence_text(families)
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]
    body = fx.set_lang(fx.H.div({"class": "licence-text"}, *(fx.H.p(p) for p in paragraphs)), "en")
    section = fx.H.section({"id": "font-licence"}, fx.H.h1(eword(lang, "font_licence")), body)
    return Part("text/font-licence.xhtml", "font-licence", eword(lang, "font_licence"), lang, [section], "backmatter")


# --- metadata -------------------------------------------------------------------------------


def _meta(book: epub.EpubBook, prop: str, value: str, **attrs: str) -> None:
    book.add_metadata("OPF", prop, value, {"property": prop, **attrs})


def _metadata(
    book: epub.EpubBook, doc: Document, when: dt.datetime, *, identifier: str, title: str, pages: bool, has_notes: bool
) -> None:
    meta = doc.meta
    book.set_identifier(identifier)
    book.set_title(title)
    book.set_language(meta.lang)
    for lang in meta.langs[1:]:
        book.add_metadata("DC", "language", lang)
    for lang in sorted({s.lang for s in meta.sources} - set(meta.langs)):
        book.add_metadata("DC", "language", lang)
    for lang, other in meta.titles.items():
        if lang != meta.lang:
            book.add_metadata("DC", "title", other, {"id": f"title-{lang}", XML_LANG: lang})
    description_lang = meta.description_lang
    book.add_metadata("DC", "description", meta.description, {XML_LANG: description_lang} if description_lang else None)
    if meta.publisher:
        book.add_metadata("DC", "publisher", meta.publisher)
    if meta.rights:
        rights_lang = meta.rights_lang
        book.add_metadata("DC", "rights", meta.rights, {XML_LANG: rights_lang} if rights_lang else None)
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
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
    if pages:
        book.add_metadata("DC", "source", print_source_id(doc), {"id": "print-source"})
        _meta(book, "source-of", "pagination", refines="#print-source")

    # EPUB Accessibility 1.1 / schema.org accessibility properties
    for mode in ("textual", "visual"):  # visual: the cover image (it has a text alternative)
        _meta(book, "schema:accessMode", mode)
    _meta(book, "schema:accessModeSufficient", "textual")
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText", "displayTransformability"]
    if pages:
        features += ["printPageNumbers", "pageBreakMarkers", "pageNavigation"]
    for feature in features:
        _meta(book, "schema:accessibilityFeature", feature)
    _meta(book, "schema:accessibilityHazard", "none")
    summary = (
        "A reflowable text with every passage marked with its language (lang and xml:lang), "
        "real headings, a table of contents per language and landmarks; every language version is "
        "labelled in text, and versions are told apart by label and border style, never by colour alone. "
        "The cover image has a text alternative; there is no audio, video or animation."
    )
    if has_notes:
        summary += " Translations are footnotes linked from the reading text and back."
    if pages:
        summary += " Page-break markers and a page list give the page numbers of the print edition."
    _meta(book, "schema:accessibilitySummary", summary, **{XML_LANG: "en"})
    _meta(book, "dcterms:conformsTo", CONFORMS_TO)
    _meta(book, "a11y:certifiedBy", meta.publisher or "enface")


# --- the book -------------------------------------------------------------------------------


def _baseline_characters(doc: Document, families: tuple[Family, ...] = (TEXT,)) -> str:
    """Every character any reading mode of this edition can show: the TEI text and metadata,
    and all of enface's words in the book's language. The same for every mode, so the four
    subset fonts are made once per build (and are the same files in every mode)."""
    from .. import languages

    meta = doc.meta
    chars: set[str] = set(font_subset.ALWAYS)
    texts = [
        *meta.titles.values(),
        *meta.subtitles.values(),
        *meta.labels.values(),
        meta.description,
        meta.rights,
        meta.publisher,
        meta.identifier,
        meta.date,
        meta.version,
        *(v for pair in meta.credits for v in pair),
        *meta.work.values(),
        *(f"{s.file} {s.sha256} {s.role}" for s in meta.sources),
        font_subset.licence_text(families),
    ]
    for unit in doc.units:
        for paras in unit.paragraphs.values():
            texts.extend(s.text for para in paras for s in para.sentences)
    for app in doc.appendices:
        texts.extend([app.title, *app.titles.values(), *(p.text for p in app.paragraphs)])
    for note in doc.notes.values():  # footnotes of the sources
        texts.extend(run.text for runs in note.paragraphs for run in runs)
    for table in (languages.pack(meta.lang).words, languages.pack("en").words):
        texts.extend(table.values())
    for text in texts:
        chars.update(text or "")
    return "".join(sorted(chars))


def _characters(trees: Sequence[bytes], extra: str) -> str:
    chars: set[str] = set(extra)
    for data in trees:
        root = etree.fromstring(data)
        for text in root.itertext():
            chars.update(text)
        for element in root.iter():
            if isinstance(element.tag, str):
                for name in ("alt", "aria-label", "title"):
                    chars.update(element.get(name, ""))
    return "".join(sorted(chars))


def structured(doc: Document) -> bool:
    """Whether the book has more than plain paragraphs: divisions, headings, verse, quotations,
    figures, inline markup or notes (its EPUB then takes the structure stylesheet too)."""
    if doc.divisions or doc.notes:
        return True
    paras = [p for unit in doc.units for ps in unit.paragraphs.values() for p in ps]
    paras += [p for app in doc.appendices for p in app.paragraphs]
    return any(p.kind != "p" or any(s.runs for s in p.sentences) for p in paras)


@dataclass
class _Figures:
    """Figures' images, copied from the edition folder into ``images/`` under names made from
    their content (the same image once, whatever it is called)."""

    edition_dir: Path | None
    items: dict[str, epub.EpubItem] = field(default_factory=dict)  # src -> item
    warnings: list[str] = field(default_factory=list)

    def href(self, src: str) -> str | None:
        if src in self.items:
            return relative("text/x.xhtml", self.items[src].file_name)
        suffix = Path(src).suffix.lower()
        path = self.edition_dir / src if self.edition_dir is not None else None
        if path is None or suffix not in FIGURE_TYPES or not path.is_file():
            why = "not an image type EPUB readers show" if suffix not in FIGURE_TYPES else "not found"
            if path is None:
                why = "the edition folder was not given"
            message = f"EPUB figure: image {src} {why}; the figure is shown by its caption"
            if message not in self.warnings:
                self.warnings.append(message)
            return None
        data = path.read_bytes()
        name = f"images/figure-{hashlib.sha256(data).hexdigest()[:16]}{'.jpg' if suffix == '.jpeg' else suffix}"
        self.items[src] = epub.EpubItem(
            uid=Path(name).stem, file_name=name, media_type=FIGURE_TYPES[suffix], content=data
        )
        return relative("text/x.xhtml", name)


def build_epub(
    doc: Document,
    when: dt.datetime,
    *,
    mode: str = DEFAULT_MODE,
    primary: str | None = None,
    page_starts: Sequence[tuple[str, str]] | None = None,
    edition_dir: Path | None = None,
    kobo: bool = False,
) -> EpubOutput:
    """The EPUB of one reading mode, as bytes, with its page-list and warnings.

    ``edition_dir``: the edition folder, where figures' images are (``Para.src``).
    ``kobo``: a KEPUB for Kobo readers (``kobo.py``: a koboSpan per sentence, Kobo's wrappers)."""
    meta = doc.meta
    lang = meta.lang
    primary = primary or (meta.langs[0] if meta.langs else lang)
    if mode not in MODES:
        raise EnfaceError(f"unknown EPUB mode {mode!r}: choose from {', '.join(MODES)} or all")
    if meta.langs:
        check_primary(primary, meta.langs)
    output = EpubOutput(b"", mode, primary)

    figures = _Figures(edition_dir)
    body: Body = build_body(doc, mode, primary, figures.href)
    cover, title_page = _cover_part(doc), _title_part(doc, mode, primary)
    appendices, appendix_toc = _appendix_parts(doc)
    fonts = font_plan(doc)  # the vendored families the book needs, each language's
    colophon = _colophon_part(doc, mode, primary, bool(page_starts), fonts.families)
    if page_starts:
        aliases = dict(body.aliases)
        if "parallel" not in aliases:  # the print edition's start of the text
            first = body.parts[0].body[0] if body.parts and body.parts[0].body else None
            aliases["parallel"] = first[0].get("id", "") if first is not None and len(first) else ""
        pages, warnings = place_page_breaks(
            [*body.parts, *appendices, colophon],
            page_starts,
            aliases,
            label_text=lambda label: eword(lang, "page", label=label),
        )
        output.pages, output.warnings = pages, warnings
        if not pages:  # nothing of the print edition found here: claim no pagination
            colophon = _colophon_part(doc, mode, primary, False, fonts.families)
    licence = _licence_part(doc, fonts.families)
    parts = [cover, title_page, *body.parts, *appendices, colophon, licence]
    if kobo:
        from .kobo import book_columns, kobo_spans

        for part in parts:
            kobo_spans(part.body)
            part.body = book_columns(part.body)

    identifier = book_identifier(doc, mode, primary)
    title = meta.title() if mode == DEFAULT_MODE else f"{meta.title()} ({mode_name(doc, mode, primary)})"
    book = epub.EpubBook()
    book.FOLDER_NAME = "EPUB"
    _metadata(book, doc, when, identifier=identifier, title=title, pages=bool(output.pages), has_notes=mode == "popup")

    items = [_item(part) for part in parts]
    toc = [
        TocEntry(word(lang, "title_page"), title_page.file_name),
        *body.toc,
        *appendix_toc,
        TocEntry(word(lang, "colophon"), colophon.file_name),
        TocEntry(eword(lang, "font_licence"), licence.file_name),
    ]
    landmarks = [
        Landmark("cover", word(lang, "cover"), cover.file_name),
        Landmark("titlepage", word(lang, "title_page"), title_page.file_name),
        Landmark("toc", word(lang, "contents"), f"{NAV_FILE}#toc"),
        Landmark("bodymatter", body.toc[0].title, body.parts[0].file_name),
    ]
    if appendices:
        landmarks.append(Landmark("appendix", appendix_toc[0].title, appendices[0].file_name))
    nav_bytes = nav_document(
        title=word(lang, "contents"),
        lang=lang,
        css=CSS_NAME,
        toc=toc,
        landmarks=landmarks,
        landmarks_title=eword(lang, "landmarks"),
        pages=output.pages,
        pages_title=eword(lang, "pages"),
        languages=body.languages,
    )
    ncx_bytes = ncx_document(
        uid=identifier, title=title, lang=lang, toc=toc, pages=output.pages, pages_title=eword(lang, "pages")
    )

    baseline = _baseline_characters(doc, fonts.families)
    used = _characters([i.content for i in items] + [nav_bytes, ncx_bytes], title)
    if not set(used) <= set(baseline):  # never expected; but no character may lose its glyph
        baseline = "".join(sorted(set(baseline) | set(used)))
    subset = font_subset.subset_fonts(baseline)
    for family in fonts.families[1:]:  # other scripts' fonts (enface.fonts)
        subset += font_subset.subset_family(family, baseline)
    css = font_subset.font_face_css(subset) + (styles_dir() / "epub.css").read_text(encoding="utf-8")
    if structured(doc):
        css += (styles_dir() / STRUCTURE_CSS).read_text(encoding="utf-8")
    css += font_subset.script_css(fonts)  # each language in its font, right-to-left passages
    css_item = epub.EpubItem(uid="css", file_name=CSS_NAME, media_type="text/css", content=css.encode("utf-8"))
    book.add_item(css_item)
    for font in subset:
        book.add_item(
            epub.EpubItem(
                uid=f"font-{Path(font.file_name).stem}",
                file_name=f"fonts/{font.file_name}",
                media_type=font.media_type,
                content=font.data,
            )
        )
    image = epub.EpubItem(uid="cover-image", file_name=COVER_IMAGE, media_type="image/png", content=cover_png(meta))
    image.properties = ["cover-image"]
    book.add_item(image)
    for item in {item.file_name: item for item in figures.items.values()}.values():
        book.add_item(item)
    output.warnings.extend(figures.warnings)
    for item in items:
        book.add_item(item)
    nav = _Nav(title=word(lang, "contents"))
    book.add_item(epub.EpubNcx())
    book.add_item(nav)
    book.toc = []  # our own nav and NCX (see nav.py)
    book.guide = [
        {"href": cover.file_name, "title": word(lang, "cover"), "type": "cover"},
        {"href": title_page.file_name, "title": word(lang, "title_page"), "type": "title-page"},
        {"href": NAV_FILE, "title": word(lang, "contents"), "type": "toc"},
        {"href": body.parts[0].file_name, "title": body.toc[0].title, "type": "text"},
    ]
    by_name = {item.file_name: item for item in items}
    book.spine = [
        by_name[cover.file_name],
        by_name[title_page.file_name],
        nav,
        *(by_name[p.file_name] for p in parts[2:]),
    ]

    naive = when.astimezone(dt.UTC).replace(tzinfo=None)
    options = {"mtime": naive, "raise_exceptions": True, "epub3_landmark": False, "epub3_pages": False}
    with tempfile.TemporaryDirectory(prefix="enface-epub-") as tmp:
        path = Path(tmp) / "book.epub"
        writer = _Writer(str(path), book, options, nav=nav_bytes, ncx=ncx_bytes, lang=lang)
        writer.process()
        writer.write()
        data = path.read_bytes()
    output.data = normalise_zip(data, naive)
    return output
