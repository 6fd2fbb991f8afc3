"""XHTML building blocks made from the TEI views, built with lxml (text is always escaped).

Both the EPUB and the print writer compose their documents from these, so a
paragraph, a language label or the colophon look the same in both editions.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree
from lxml.builder import ElementMaker

from .. import languages
from ..i18n import word
from ..tei.read import AppendixView, Meta, Para, Sentence

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{EPUB_NS}}}type"

H = ElementMaker(namespace=XHTML_NS, nsmap={None: XHTML_NS, "epub": EPUB_NS})


def set_lang(element: etree._Element, lang: str) -> etree._Element:
    element.set("lang", lang)
    element.set(XML_LANG, lang)
    if languages.direction(lang) == "rtl":
        element.set("dir", "rtl")
    return element


def epub_type(element: etree._Element, value: str, role: str | None = None) -> etree._Element:
    element.set(EPUB_TYPE, value)
    if role:
        element.set("role", role)
    return element


def sentence_spans(parent: etree._Element, sentences: Sequence[Sentence]) -> etree._Element:
    """Append one ``<span class="s" id=…>`` per sentence to ``parent``, a space between them.

    The one place a TEI sentence view becomes (X)HTML, for every writer: the spans take
    the parent's namespace, so the EPUB's XHTML and the print edition's namespace-free
    HTML get the same markup. XHTML ids are the TEI ids (TEI ids are valid XML ids).
    """
    namespace = etree.QName(parent).namespace
    tag = f"{{{namespace}}}span" if namespace else "span"
    previous = None
    for sentence in sentences:
        if previous is not None:
            previous.tail = " "
        previous = etree.SubElement(parent, tag, {"class": "s", "id": sentence.id})
        previous.text = sentence.text
    return parent


def paragraph(para: Para, *, cls: str = "text") -> etree._Element:
    """A paragraph with one span per sentence, so sentences can be cited and linked."""
    return sentence_spans(H.p({"class": cls, "id": para.id}), para.sentences)


def title_block(meta: Meta) -> list[etree._Element]:
    """The title in every language of the parallel text, primary language first."""
    blocks = []
    for index, lang in enumerate(meta.langs):
        title = meta.titles.get(lang)
        if not title:
            continue
        heading = H.h1(title) if index == 0 else H.p(title, {"class": "title-other"})
        if index == 0:
            heading.set("class", "title-main")
        group = set_lang(H.div({"class": "title-group"}, heading), lang)
        if lang in meta.subtitles:
            group.append(H.p(meta.subtitles[lang], {"class": "subtitle"}))
        blocks.append(group)
    return blocks


def colophon(meta: Meta, fonts: list[tuple[str, str]]) -> list[etree._Element]:
    """What the texts are, where they come from (with checksums), rights, fonts, build."""
    lang = meta.lang
    out: list[etree._Element] = [H.p(meta.description, {"class": "description"})]
    if meta.work:
        work = meta.work.get("title", "")
        details = ", ".join(
            v for v in (meta.work.get("original_title"), meta.work.get("author"), meta.work.get("year")) if v
        )
        out.append(
            set_lang(
                H.p(
                    f"{word(lang, 'summary_of')}: ", H.cite(work), f" ({details})" if details else "", {"class": "work"}
                ),
                lang,
            )
        )
    if meta.credits:
        dl = H.dl({"class": "credits"})
        for role, name in meta.credits:
            dl.append(H.dt(role))
            dl.append(H.dd(name))
        out.append(H.h3(word(lang, "credits")))
        out.append(dl)
    out.append(H.h3(word(lang, "sources")))
    table = H.table({"class": "sources"})
    for source in meta.sources:
        table.append(
            H.tr(
                H.td(source.file, {"class": "file"}),
                set_lang(H.td(meta.labels.get(source.lang, source.lang)), source.lang),
                H.td(source.role),
                H.td(H.code(source.sha256), {"class": "sha"}),
            )
        )
    out.append(table)
    if meta.rights:
        out.append(H.h3(word(lang, "rights")))
        out.append(H.p(meta.rights))
    if fonts:
        out.append(H.h3(word(lang, "fonts")))
        out.append(H.ul(*(H.li(f"{name} — {licence}") for name, licence in fonts)))
    out.append(H.p(word(lang, "built", version=meta.version, date=meta.date), {"class": "built"}))
    out.append(H.p(meta.identifier, {"class": "identifier"}))
    return out


def appendix_heading(app: AppendixView, meta: Meta, tag: str = "h1") -> list[etree._Element]:
    heading = set_lang(H(tag, app.title or word(meta.lang, "appendix"), {"class": "appendix-title"}), app.lang)
    out = [heading]
    for lang, title in app.titles.items():
        out.append(set_lang(H.p(title, {"class": "appendix-title-other"}), lang))
    return out


def appendix_body(app: AppendixView) -> etree._Element:
    div = set_lang(H.div({"class": "appendix-text"}), app.lang)
    for para in app.paragraphs:
        # a closing verdict such as "10 из 10", typed in the TEI by the text stages, is set apart
        div.append(paragraph(para, cls="text rating" if para.type == "rating" else "text"))
    return div


def document(
    title: str, lang: str, body: list[etree._Element], css: list[str], body_type: str | None = None
) -> etree._ElementTree:
    """A complete XHTML document (EPUB flavour: namespaced, with ``epub:`` prefix)."""
    head = H.head(H.meta(charset="utf-8"), H.title(title))
    for href in css:
        head.append(H.link(rel="stylesheet", type="text/css", href=href))
    body_el = H.body(*body)
    if body_type:
        epub_type(body_el, body_type)
    root = set_lang(H.html(head, body_el), lang)
    return etree.ElementTree(root)


def serialise(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")
