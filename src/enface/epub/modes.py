"""The three reading modes of the EPUB edition, as XHTML bodies built from the TEI views.

- ``interleaved``: one document; unit by unit, and inside a unit bead by bead (a bead is
  an aligned group of sentences): every language of the bead in turn, each labelled.
- ``sequential``: one document per language, each complete; every paragraph links to its
  counterparts in the other languages (which link back).
- ``popup``: one document in the primary language; each bead's translations are an EPUB 3
  footnote (``noteref`` → ``aside`` ``footnote``) that Apple Books, Kobo and others pop up.

Every mode keeps the TEI ids on sentences (``fr.p3.s2``), so a sentence can be cited, and
so the print edition's page starts can be placed in the text (``pages.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..i18n import word
from ..tei.read import Document, Sentence, UnitView
from ..xhtml import fragments as fx
from .options import DEFAULT_MODE, MODES  # noqa: F401 - re-exported
from .words import eword

H = fx.H


@dataclass
class TocEntry:
    title: str
    href: str
    lang: str | None = None
    children: list[TocEntry] = field(default_factory=list)


@dataclass
class Part:
    """One XHTML document of the book."""

    file_name: str  # relative to the EPUB folder, e.g. "text/parallel.xhtml"
    uid: str
    title: str
    lang: str
    body: list[etree._Element]
    body_type: str | None = None


@dataclass
class Body:
    """What a reading mode contributes: its documents, its contents, and id aliases.

    ``aliases`` maps ids of the TEI that are not in the reading text of this mode (or
    are not meant to be landed on, like sentences inside footnotes) to the id in the
    reading text where the same passage is read.
    """

    parts: list[Part]
    toc: list[TocEntry]
    aliases: dict[str, str]


def short_label(lang: str) -> str:
    return lang.upper()


def lang_label(doc: Document, lang: str) -> etree._Element:
    """The language of a passage, shown as its code (FR, ID, RU) with the full name for tools."""
    label = H.span({"class": "lang-label"}, H.abbr(short_label(lang), title=doc.meta.labels.get(lang, lang)))
    return fx.set_lang(label, lang)


def first_words(text: str, count: int = 6) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def unit_title(doc: Document, unit: UnitView, lang: str) -> str:
    paras = unit.paragraphs.get(lang) or ()
    return f"{unit.n}. {first_words(paras[0].text)}" if paras else str(unit.n)


def version(doc: Document, lang: str, sentences: tuple[Sentence, ...]) -> etree._Element:
    """One language's sentences of a bead: a labelled, language-tagged block."""
    position = doc.meta.langs.index(lang) + 1 if lang in doc.meta.langs else 0
    div = fx.set_lang(H.div({"class": f"version pos-{position}"}), lang)
    label = lang_label(doc, lang)
    label.tail = " "
    div.append(fx.sentence_spans(H.p({"class": "text"}, label), sentences))
    return div


def _para_first_sentence(doc: Document) -> dict[str, str]:
    out = {}
    for unit in doc.units:
        for paras in unit.paragraphs.values():
            for para in paras:
                if para.sentences:
                    out[para.id] = para.sentences[0].id
    return out


def _unit_heading(doc: Document, unit: UnitView, ident: str) -> etree._Element:
    return H.h2(f"{word(doc.meta.lang, 'paragraph')} {unit.n}", {"class": "unit-heading", "id": ident})


def _part_section(title: str, ident: str, *children: etree._Element, heading_lang: str | None = None) -> etree._Element:
    heading = H.h1(title, {"class": "part-title", "id": ident})
    if heading_lang:
        fx.set_lang(heading, heading_lang)
    return fx.epub_type(H.section(heading, *children), "chapter", "doc-chapter")


# --- interleaved -------------------------------------------------------------------------


def _mark_paragraph_starts(block: etree._Element, sentences: tuple[Sentence, ...], starts: dict[str, str]) -> None:
    """Paragraph ids (``fr.p5``) where a TEI paragraph begins: on the block's ``p`` when the
    paragraph begins with the bead, else on an empty anchor before its first sentence."""
    p = block[0]
    for index, sentence in enumerate(sentences):
        para = starts.get(sentence.id)
        if para is None:
            continue
        if index == 0 and p.get("id") is None:
            p.set("id", para)
        else:
            span = next(s for s in p.iter(f"{{{fx.XHTML_NS}}}span") if s.get("id") == sentence.id)
            span.addprevious(H.span("", {"id": para, "class": "para-start"}))


def interleaved(doc: Document) -> Body:
    lang = doc.meta.lang
    file_name = "text/parallel.xhtml"
    sections = []
    toc_units = []
    starts = {sentence: para for para, sentence in _para_first_sentence(doc).items()}
    for unit in doc.units:
        section = H.section({"class": "unit", "id": f"u{unit.n}", "aria-labelledby": f"u{unit.n}-h"})
        section.append(_unit_heading(doc, unit, f"u{unit.n}-h"))
        for index, bead in enumerate(unit.beads, start=1):
            group = H.div({"class": "bead", "id": f"b{unit.n}.{index}"})
            for code in doc.meta.langs:
                if bead.get(code):
                    block = version(doc, code, bead[code])
                    _mark_paragraph_starts(block, bead[code], starts)
                    group.append(block)
            section.append(group)
        if not unit.beads:  # no sentence alignment: whole paragraphs, still labelled
            for code in doc.meta.langs:
                for para in unit.paragraphs.get(code, ()):
                    block = version(doc, code, para.sentences)
                    _mark_paragraph_starts(block, para.sentences, starts)
                    section.append(block)
        sections.append(section)
        toc_units.append(TocEntry(unit_title(doc, unit, lang), f"{file_name}#u{unit.n}"))
    body = [_part_section(word(lang, "parallel"), "parallel", *sections)]
    aliases = _para_first_sentence(doc)
    part = Part(file_name, "parallel", word(lang, "parallel"), lang, body, "bodymatter")
    return Body([part], [TocEntry(word(lang, "parallel"), file_name, None, toc_units)], aliases)


# --- sequential ---------------------------------------------------------------------------


def sequential_file(lang: str) -> str:
    return f"text/{lang}.xhtml"


def _counterparts(doc: Document, unit: UnitView, lang: str) -> etree._Element:
    """Links from one language's paragraph to the same unit in every other language."""
    xref = H.p({"class": "xref"})
    number = H.span(str(unit.n), {"class": "unit-number"})
    xref.append(number)
    targets = [
        (code, unit.paragraphs[code][0]) for code in doc.meta.langs if code != lang and unit.paragraphs.get(code)
    ]
    for index, (code, para) in enumerate(targets):
        link = H.a(doc.meta.labels.get(code, code), href=f"{code}.xhtml#{para.id}", hreflang=code)
        fx.set_lang(link, code)
        if index:
            xref[-1].tail = " · "
        else:
            number.tail = " "
        xref.append(link)
    xref.set("aria-label", eword(lang, "other_versions", n=str(unit.n)))
    return xref


def sequential(doc: Document) -> Body:
    meta = doc.meta
    parts, toc = [], []
    aliases: dict[str, str] = {}
    for code in meta.langs:
        file_name = sequential_file(code)
        label = meta.labels.get(code, code)
        children = []
        toc_units = []
        for unit in doc.units:
            paras = unit.paragraphs.get(code, ())
            for index, para in enumerate(paras):
                block = H.div({"class": "para", "id": para.id})
                if index == 0:
                    block.append(_counterparts(doc, unit, code))
                p = fx.paragraph(para)
                del p.attrib["id"]
                block.append(p)
                children.append(block)
            if paras:
                toc_units.append(TocEntry(unit_title(doc, unit, code), f"{file_name}#{paras[0].id}", code))
        section = _part_section(label, f"part-{code}", *children)
        fx.set_lang(section, code)
        parts.append(Part(file_name, f"part-{code}", label, code, [section], "bodymatter"))
        toc.append(TocEntry(label, file_name, code, toc_units))
    # a unit of the print edition (a table row) starts with its first language: land there
    for unit in doc.units:
        first = next((unit.paragraphs[c][0].id for c in meta.langs if unit.paragraphs.get(c)), None)
        if first:
            aliases[f"u{unit.n}"] = first
    return Body(parts, toc, aliases)


# --- popup --------------------------------------------------------------------------------


def _note_groups(unit: UnitView, primary: str) -> list[tuple[str, list[dict[str, tuple[Sentence, ...]]]]]:
    """Beads grouped under the primary-language sentence their note hangs on.

    A bead without a primary sentence joins the previous group (or the next, at the start).
    """
    groups: list[tuple[str, list]] = []
    pending: list = []
    for bead in unit.beads:
        own = bead.get(primary, ())
        if own:
            groups.append((own[-1].id, pending + [bead]))
            pending = []
        elif groups:
            groups[-1][1].append(bead)
        else:
            pending.append(bead)
    if pending and groups:
        groups[-1][1].extend(pending)
    return groups


def popup_file() -> str:
    return "text/reading.xhtml"


def popup(doc: Document, primary: str) -> Body:
    meta = doc.meta
    lang = meta.lang
    others = [code for code in meta.langs if code != primary]
    file_name = popup_file()
    sections, toc_units = [], []
    aliases: dict[str, str] = {}
    for unit in doc.units:
        section = H.section({"class": "unit", "id": f"u{unit.n}", "aria-labelledby": f"u{unit.n}-h"})
        fx.set_lang(section, primary)
        heading = _unit_heading(doc, unit, f"u{unit.n}-h")
        fx.set_lang(heading, lang)
        section.append(heading)
        paragraphs = [fx.paragraph(para) for para in unit.paragraphs.get(primary, ())]
        spans = {span.get("id"): span for p in paragraphs for span in p.iter(f"{{{fx.XHTML_NS}}}span")}
        notes = []
        for index, (anchor, beads) in enumerate(_note_groups(unit, primary), start=1):
            translated = {code: tuple(s for bead in beads for s in bead.get(code, ())) for code in others}
            primary_first = next((bead[primary][0].id for bead in beads if bead.get(primary)), anchor)
            for bead in beads:
                for code in meta.langs:
                    for sentence in bead.get(code, ()):
                        if code != primary:
                            aliases[sentence.id] = primary_first
            if not any(translated.values()):
                continue
            note_id, ref_id = f"n{unit.n}.{index}", f"r{unit.n}.{index}"
            ref = H.a(str(index), {"class": "noteref", "id": ref_id, "href": f"#{note_id}", "role": "doc-noteref"})
            fx.epub_type(ref, "noteref")
            fx.set_lang(ref, lang)
            span = spans[anchor]
            ref.tail, span.tail = span.tail, None
            span.addnext(ref)
            back = H.a(
                f"{unit.n}.{index}", {"href": f"#{ref_id}", "role": "doc-backlink", "aria-label": eword(lang, "back")}
            )
            aside = H.aside(
                {"class": "translations", "id": note_id}, fx.set_lang(H.p({"class": "note-number"}, back), lang)
            )
            fx.epub_type(aside, "footnote", "doc-footnote")
            for code in others:
                if translated[code]:
                    aside.append(version(doc, code, translated[code]))
            notes.append(aside)
        for p in paragraphs:
            section.append(p)
        if notes:
            section.append(H.div({"class": "notes"}, *notes))
        for code in others:  # paragraphs of other languages land on the primary one
            first = unit.paragraphs.get(primary, ())
            for para in unit.paragraphs.get(code, ()):
                if first:
                    aliases[para.id] = first[0].id
        sections.append(section)
        toc_units.append(TocEntry(unit_title(doc, unit, primary), f"{file_name}#u{unit.n}", primary))
    title = f"{meta.labels.get(primary, primary)}"
    body = [_part_section(title, "parallel", *sections, heading_lang=primary)]
    part = Part(file_name, "reading", title, lang, body, "bodymatter")
    return Body([part], [TocEntry(title, file_name, primary, toc_units)], aliases)


def build_body(doc: Document, mode: str, primary: str) -> Body:
    if mode == "interleaved":
        return interleaved(doc)
    if mode == "sequential":
        return sequential(doc)
    if mode == "popup":
        return popup(doc, primary)
    raise ValueError(f"unknown EPUB mode {mode!r}")
