"""XHTML building blocks made from the TEI views, built with lxml (text is always escaped).

Both the EPUB and the print writer compose their documents from these, so a
paragraph, a language label or the colophon look the same in both editions.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence

from lxml import etree
from lxml.builder import ElementMaker

from .. import languages
from ..i18n import word
from ..tei.read import AppendixView, Meta, Para, Run, Sentence

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{EPUB_NS}}}type"

H = ElementMaker(namespace=XHTML_NS, nsmap={None: XHTML_NS, "epub": EPUB_NS})


def plain(element: etree._Element) -> etree._Element:
    """A namespace-free copy (HTML, not XHTML), for the print and web writers: keeps
    ``lang``, drops ``xml:lang`` and ``epub:*``."""
    element = copy.deepcopy(element)
    for el in element.iter():
        if not isinstance(el.tag, str):
            continue
        el.tag = etree.QName(el).localname
        for name in list(el.attrib):
            if name.startswith("{"):
                del el.attrib[name]
    etree.cleanup_namespaces(element)
    return element


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


def sentence_spans(
    parent: etree._Element, sentences: Sequence[Sentence], *, note_href: Callable[[str], str] | None = None
) -> etree._Element:
    """Append one ``<span class="s" id=…>`` per sentence to ``parent``, a space between them.

    The one place a TEI sentence view becomes (X)HTML, for every writer: the spans take
    the parent's namespace, so the EPUB's XHTML and the print edition's namespace-free
    HTML get the same markup. XHTML ids are the TEI ids (TEI ids are valid XML ids).
    A sentence with markup (``Sentence.runs``) gets it inside its span (:func:`inline`):
    emphasis, foreign phrases, footnote references (``note_href(note id)`` their link,
    by default ``#`` + the note id; each reference's id is ``<sentence id>.r<k>``).
    """
    namespace = etree.QName(parent).namespace
    tag = f"{{{namespace}}}span" if namespace else "span"
    previous, previous_text = None, ""
    for sentence in sentences:
        if previous is not None:
            previous.tail = "" if _full_width_end(previous_text) else " "
        previous_text = sentence.text
        previous = etree.SubElement(parent, tag, {"class": "s", "id": sentence.id})
        if sentence.runs:
            inline(previous, sentence.runs, note_href=note_href, ref_prefix=sentence.id)
        else:
            previous.text = sentence.text
    return parent


def _full_width_end(text: str) -> bool:
    """A sentence ending in full-width punctuation (Chinese, Japanese: 。！？」) is followed by
    the next one without a space, as CJK text is written."""
    code = ord(text[-1]) if text else 0
    return 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFF65


# Inline markup of a run (``Run.rends``): element name and class, in the parent's namespace.
RENDS = {"italic": ("em", None), "bold": ("strong", None), "smallcaps": ("span", "smallcaps")}


def _add_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _child(parent: etree._Element, local: str, attrs: dict[str, str]) -> etree._Element:
    namespace = etree.QName(parent).namespace
    return etree.SubElement(parent, f"{{{namespace}}}{local}" if namespace else local, attrs)


def inline(
    parent: etree._Element,
    runs: Sequence[Run],
    *,
    note_href: Callable[[str], str] | None = None,
    ref_prefix: str | None = None,
) -> etree._Element:
    """Append ``runs`` to ``parent``: italic ``em``, bold ``strong``, small caps
    ``span class="smallcaps"``, a foreign phrase ``span lang``, a footnote reference
    ``a class="noteref" role="doc-noteref"`` (``epub:type="noteref"`` in XHTML) whose text is
    the note's number. Neighbouring runs share their common markup (``<em>a <strong>b</strong></em>``).
    """
    href = note_href or (lambda note: f"#{note}")
    xhtml = etree.QName(parent).namespace == XHTML_NS
    counter = [0]

    def wrappers(run: Run) -> tuple[tuple[str, str], ...]:
        outer = (("lang", run.lang),) if run.lang else ()
        return outer + tuple(("rend", rend) for rend in run.rends if rend)

    def emit(target: etree._Element, items: list[tuple[tuple[tuple[str, str], ...], Run]], depth: int) -> None:
        index = 0
        while index < len(items):
            marks, run = items[index]
            if len(marks) <= depth:
                if run.note is None:
                    _add_text(target, run.text)
                else:
                    counter[0] += 1
                    attrs = {"class": "noteref", "href": href(run.note), "role": "doc-noteref"}
                    if ref_prefix:
                        attrs["id"] = f"{ref_prefix}.r{counter[0]}"
                    ref = _child(target, "a", attrs)
                    ref.text = run.text
                    if xhtml:
                        epub_type(ref, "noteref")
                index += 1
                continue
            end = index + 1
            while end < len(items) and len(items[end][0]) > depth and items[end][0][depth] == marks[depth]:
                end += 1
            kind, value = marks[depth]
            if kind == "lang":
                element = set_lang(_child(target, "span", {}), value)
            else:
                local, cls = RENDS.get(value, ("span", value))
                element = _child(target, local, {"class": cls} if cls else {})
            emit(element, items[index:end], depth + 1)
            index = end

    emit(parent, [(wrappers(run), run) for run in runs], 0)
    return parent


def verse_lines(
    parent: etree._Element, lines: Sequence[Sentence], *, note_href: Callable[[str], str] | None = None
) -> etree._Element:
    """Append one ``<p class="l">`` per verse line (each with its sentence span) to ``parent``."""
    for line in lines:
        sentence_spans(_child(parent, "p", {"class": "l"}), (line,), note_href=note_href)
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


def typeset(text: str, lang: str | None) -> str:
    """``text`` with the typography of ``lang`` (curly apostrophes, spaced colons…): the text
    stages' rules (:func:`enface.typography.fix`), for what enface and the manifest add."""
    from ..typography import fix

    return fix(text, lang).text if text and lang else text


def tword(lang: str, key: str, **values: str) -> str:
    """One of enface's words in ``lang`` with that language's typography (applied to the words,
    never to the values filled in: an identifier keeps its colons)."""
    return typeset(languages.pack(lang).words[key], lang).format(**values)


def colophon(meta: Meta, fonts: list[tuple[str, str]], *, reflowable: bool = False) -> list[etree._Element]:
    """What the texts are, where they come from (with checksums), rights, fonts, build.

    ``reflowable`` (the EPUB, the web edition): the sources are a definition list, not a table
    (it reads on a phone), every word is in the book's language with its typography, and the
    description and rights are marked and set in their own language. The print edition keeps
    the table and the words as they are (``reflowable`` False: its bytes do not change)."""
    lang = meta.lang
    if not reflowable:
        return _print_colophon(meta, fonts)
    description = H.p(typeset(meta.description, meta.description_lang or lang), {"class": "description"})
    if meta.description_lang and meta.description_lang != lang:
        set_lang(description, meta.description_lang)
    out: list[etree._Element] = [description]
    if meta.work:
        out.append(_work(meta, typeset(word(lang, "summary_of") + ":", lang) + " "))
    if meta.credits:
        dl = H.dl({"class": "credits"})
        for role, name in meta.credits:
            dl.append(H.dt(role))
            dl.append(H.dd(name))
        out.append(H.h3(word(lang, "credits")))
        out.append(dl)
    out.append(H.h3(word(lang, "sources")))
    sources = H.dl({"class": "sources"})
    for source in meta.sources:
        role = languages.pack(lang).words.get(f"role_{source.role}", source.role)
        sources.append(H.dt(source.file, {"class": "file"}))
        label = set_lang(H.span(meta.labels.get(source.lang, source.lang)), source.lang)
        label.tail = f", {role}"
        sources.append(H.dd(label))
        sources.append(H.dd(typeset("SHA-256:", lang) + " ", H.code(source.sha256), {"class": "sha"}))
    out.append(sources)
    if meta.rights:
        out.append(H.h3(word(lang, "rights")))
        rights = H.p(typeset(meta.rights, meta.rights_lang or lang))
        if meta.rights_lang and meta.rights_lang != lang:
            set_lang(rights, meta.rights_lang)
        out.append(rights)
    if fonts:
        out.append(H.h3(word(lang, "fonts")))
        out.append(H.ul(*(H.li(f"{name} — {licence}") for name, licence in fonts)))
    out.append(H.p(tword(lang, "built", version=meta.version, date=meta.date), {"class": "built"}))
    out.append(H.p(meta.identifier, {"class": "identifier"}))
    return out


def _work(meta: Meta, lead: str) -> etree._Element:
    work = meta.work.get("title", "")
    details = ", ".join(
        v for v in (meta.work.get("original_title"), meta.work.get("author"), meta.work.get("year")) if v
    )
    return set_lang(H.p(lead, H.cite(work), f" ({details})" if details else "", {"class": "work"}), meta.lang)


def _print_colophon(meta: Meta, fonts: list[tuple[str, str]]) -> list[etree._Element]:
    lang = meta.lang
    out: list[etree._Element] = [H.p(meta.description, {"class": "description"})]
    if meta.work:
        out.append(_work(meta, f"{word(lang, 'summary_of')}: "))
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
    left_to_right_in_rtl(root)
    return etree.ElementTree(root)


def left_to_right_in_rtl(element: etree._Element, inherited: str = "ltr") -> None:
    """``dir="ltr"`` on every element of a left-to-right language inside right-to-left text
    (a French passage in a book whose language is Arabic): it must not take the direction of
    its container. Elements of right-to-left languages have ``dir="rtl"`` (:func:`set_lang`);
    in a book of left-to-right languages nothing changes."""
    own = element.get("dir")
    lang = element.get("lang") or element.get(XML_LANG)
    if own is None and inherited == "rtl" and lang and languages.direction(lang) == "ltr":
        element.set("dir", own := "ltr")
    for child in element:
        if isinstance(child.tag, str):
            left_to_right_in_rtl(child, own or inherited)


def serialise(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")
