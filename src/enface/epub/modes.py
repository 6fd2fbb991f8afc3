"""The three reading modes of the EPUB edition, as XHTML bodies built from the TEI views.

- ``interleaved``: unit by unit, and inside a unit bead by bead (a bead is an aligned
  group of sentences): every language of the bead in turn, each labelled. Headings, stanzas
  and figures are whole blocks, every language in turn.
- ``sequential``: each language complete; every paragraph links to its counterparts in
  the other languages (which link back).
- ``popup``: the primary language; each bead's translations are an EPUB 3 footnote
  (``noteref`` → ``aside`` ``footnote``) that Apple Books, Kobo and others pop up (a
  stanza's translations are one note); headings stand in every language.

A book with top-level divisions (``Document.divisions``, chapters) gets one document per
chapter (in ``sequential``, per language and chapter), named like the one document of a
book without them (``text/parallel.xhtml``) plus the chapter's number
(``text/parallel-2.xhtml``); its contents list the chapters, nested by their sub-headings.
A chapter's headings are ``h1`` (sections ``h2``, ``h3``); the footnotes of the sources
are at the end of the document that refers to them.

Every mode keeps the TEI ids on sentences (``fr.p3.s2``), so a sentence can be cited, and
so the print edition's page starts can be placed in the text (``pages.py``).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from lxml import etree

from ..i18n import word
from ..tei.read import DivisionView, Document, Para, Sentence, UnitView
from ..xhtml import fragments as fx
from . import blocks
from .blocks import ImageHref
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
    languages: list[TocEntry] = field(default_factory=list)  # contents in other languages (own navs)


def short_label(lang: str) -> str:
    return lang.upper()


def lang_label(doc: Document, lang: str) -> etree._Element:
    """The language of a passage, shown as its code (FR, ID, RU) with the full name for tools."""
    label = H.span({"class": "lang-label"}, H.abbr(short_label(lang), title=doc.meta.labels.get(lang, lang)))
    return fx.set_lang(label, lang)


def unit_title(doc: Document, unit: UnitView, lang: str) -> str:
    """A contents entry for a unit, in ``lang``: its heading, else its number ("Paragraphe 5"),
    never a sentence cut off."""
    head = _head_para(unit, lang)
    if head is not None and head.text:
        return head.text
    return f"{word(lang, 'paragraph')} {unit.n}"


def version(
    doc: Document,
    lang: str,
    sentences: tuple[Sentence, ...],
    para: Para | None = None,
    *,
    heading: int = 2,
    image: str | None = None,
) -> etree._Element:
    """One language's sentences of a bead (or a whole block): a labelled, language-tagged block,
    shaped as ``para``'s kind (a paragraph when ``para`` is not given)."""
    position = doc.meta.langs.index(lang) + 1 if lang in doc.meta.langs else 0
    kind = para.kind if para is not None else "p"
    cls = f"version pos-{position}" + (f" {kind}" if kind != "p" else "")
    div = fx.set_lang(H.div({"class": cls}), lang)
    alt = para.text if para is not None else ""
    div.append(blocks.block(kind, sentences, label=lang_label(doc, lang), heading=heading, image=image, alt=alt))
    return div


def _para_first_sentence(doc: Document) -> dict[str, str]:
    out = {}
    for unit in doc.units:
        for paras in unit.paragraphs.values():
            for para in paras:
                if para.sentences:
                    out[para.id] = para.sentences[0].id
    return out


def _unit_heading(doc: Document, unit: UnitView, ident: str, level: int = 2) -> etree._Element:
    return H(f"h{level}", f"{word(doc.meta.lang, 'paragraph')} {unit.n}", {"class": "unit-heading", "id": ident})


def _part_section(title: str, ident: str, *children: etree._Element, heading_lang: str | None = None) -> etree._Element:
    heading = H.h1(title, {"class": "part-title", "id": ident})
    if heading_lang:
        fx.set_lang(heading, heading_lang)
    return fx.epub_type(H.section(heading, *children), "chapter", "doc-chapter")


# --- chapters ------------------------------------------------------------------------------


@dataclass
class Chapter:
    """The units of one document of the text: a top-level division (``index`` from 1), or
    the whole text of a book without divisions (``index`` 0, ``division`` None)."""

    index: int
    division: DivisionView | None
    units: list[UnitView]


def chapters(doc: Document) -> list[Chapter]:
    """The text cut at its top-level divisions (units outside any division keep their place,
    a document of their own); one chapter of index 0 when the book has no divisions."""
    if not doc.divisions:
        return [Chapter(0, None, list(doc.units))]
    by_n = {division.n: division for division in doc.divisions}
    out: list[Chapter] = []
    for unit in doc.units:
        division = by_n.get(unit.division)
        if out and out[-1].division is division:
            out[-1].units.append(unit)
        else:
            out.append(Chapter(len(out) + 1, division, [unit]))
    return out


def chapter_file(stem: str, chapter: Chapter) -> str:
    return f"text/{stem}.xhtml" if chapter.index == 0 else f"text/{stem}-{chapter.index}.xhtml"


def _head_para(unit: UnitView, lang: str) -> Para | None:
    return next((p for p in unit.paragraphs.get(lang, ()) if p.kind == "head"), None)


def chapter_title(doc: Document, chapter: Chapter, lang: str) -> str:
    """The chapter's heading in ``lang`` (else the primary language's), else "Parallel text"."""
    for code in (lang, doc.meta.lang, *doc.meta.langs):
        if chapter.division is not None and chapter.division.heads.get(code):
            return chapter.division.heads[code]
        first = _head_para(chapter.units[0], code) if chapter.units else None
        if first is not None and first.level <= 1 and first.text:
            return first.text
    return word(doc.meta.lang, "parallel")


def _opens_with_h1(chapter: Chapter, lang: str | None = None) -> bool:
    """Whether the chapter's first unit is its top heading (in ``lang``, else in any language)."""
    first = chapter.units[0] if chapter.units else None
    if first is None or first.kind != "head":
        return False
    paras = [p for code, ps in first.paragraphs.items() if lang in (None, code) for p in ps if p.kind == "head"]
    return bool(paras) and paras[0].level <= 1


def _chapter_section(
    doc: Document, chapter: Chapter, ident: str, children: list[etree._Element], *, lang: str, title_lang: str
) -> etree._Element:
    """A chapter's ``section``; an ``h1`` of its title first when it does not open with its heading."""
    section = fx.epub_type(H.section({"class": "chapter", "id": ident}), "chapter", "doc-chapter")
    if not _opens_with_h1(chapter, None if lang == "*" else lang):
        title = H.h1(chapter_title(doc, chapter, title_lang), {"class": "part-title chapter-title"})
        section.append(fx.set_lang(title, title_lang))
    section.extend(children)
    return section


class Outline:
    """Heading levels in one document: a heading of TEI level n is ``h(n + base)``; a unit's
    label ("Paragraph 5") one level under the last heading."""

    def __init__(self, base: int) -> None:
        self.base, self.current = base, 1

    def heading(self, unit: UnitView) -> int:
        levels = [p.level for ps in unit.paragraphs.values() for p in ps if p.kind == "head"]
        self.current = blocks.heading_level(min(levels, default=1), self.base)
        return self.current

    def label(self) -> int:
        return min(6, self.current + 1)


def _chapter_entries(
    doc: Document, groups: list[Chapter], lang: str, href, *, title_lang: str | None = None
) -> list[TocEntry]:
    """A contents entry per chapter, titled in ``lang``, with its sub-headings (levels 2-3)
    nested; ``href(chapter, para)`` links a chapter (``para`` None) or a heading."""
    entries = []
    for chapter in groups:
        entry = TocEntry(chapter_title(doc, chapter, lang), href(chapter, None), title_lang)
        stack: list[tuple[int, TocEntry]] = [(1, entry)]
        for unit in chapter.units:
            para = _head_para(unit, lang)
            if para is None or para.level <= 1 or not para.text:
                continue
            child = TocEntry(para.text, href(chapter, para))
            while stack[-1][0] >= para.level:
                stack.pop()
            stack[-1][1].children.append(child)
            stack.append((para.level, child))
        entries.append(entry)
    return entries


def _language_entries(doc: Document, groups: list[Chapter], file_of, skip: str) -> list[TocEntry]:
    """Contents per language (but ``skip``) for documents holding every language: each chapter
    by its heading in that language, linking to that heading. They are navs of their own
    beside the toc (which must follow the reading order, and lists the chapters once)."""

    def href_in(code: str):
        def href(chapter: Chapter, para: Para | None) -> str:
            target = para or (_head_para(chapter.units[0], code) if _opens_with_h1(chapter, code) else None)
            return f"{file_of(chapter)}#{target.id}" if target is not None else file_of(chapter)

        return href

    out = []
    for code in doc.meta.langs:
        if code == skip:
            continue
        children = _chapter_entries(doc, groups, code, href_in(code))
        out.append(TocEntry(doc.meta.labels.get(code, code), children[0].href, code, children))
    return out


def _unit_language_entries(doc: Document, file_name: str, *, skip: str, paragraphs: bool) -> list[TocEntry]:
    """Contents per language (but ``skip``) of a book without divisions: an entry per unit,
    titled in that language, linking to that language's paragraph (``paragraphs``) or to the
    unit (where the language is read in notes)."""
    out = []
    for code in doc.meta.langs:
        if code == skip:
            continue
        children = []
        for unit in doc.units:
            paras = unit.paragraphs.get(code, ())
            if paragraphs and not paras:
                continue
            target = paras[0].id if paragraphs and paras[0].sentences else f"u{unit.n}"
            children.append(TocEntry(unit_title(doc, unit, code), f"{file_name}#{target}"))
        if children:
            out.append(TocEntry(doc.meta.labels.get(code, code), children[0].href, code, children))
    return out


def _whole_blocks(
    doc: Document, unit: UnitView, langs, heading: int, images: ImageHref | None
) -> list[tuple[etree._Element, Para]]:
    """Every language's paragraphs of a unit as whole labelled blocks (headings, stanzas, figures);
    a figure's image once, with the first language that has it."""
    out, shown = [], set()
    for code in langs:
        for para in unit.paragraphs.get(code, ()):
            image = None
            if para.kind == "figure" and para.src and para.src not in shown and images is not None:
                image = images(para.src)
                shown.add(para.src)
            out.append((version(doc, code, para.sentences, para, heading=heading, image=image), para))
    return out


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


def _interleaved_unit(
    doc: Document, unit: UnitView, starts: dict[str, str], outline: Outline, images: ImageHref | None
) -> etree._Element:
    if unit.kind == "head":  # a heading in every language, no "Paragraph n" label
        section = H.section({"class": "unit", "id": f"u{unit.n}"})
        for block, para in _whole_blocks(doc, unit, doc.meta.langs, outline.heading(unit), images):
            _mark_paragraph_starts(block, para.sentences, starts)
            section.append(block)
        return section
    section = H.section({"class": "unit", "id": f"u{unit.n}", "aria-labelledby": f"u{unit.n}-h"})
    section.append(_unit_heading(doc, unit, f"u{unit.n}-h", outline.label()))
    if unit.kind in ("verse", "figure"):  # a stanza, a figure: whole, every language in turn
        for block, para in _whole_blocks(doc, unit, doc.meta.langs, outline.label(), images):
            _mark_paragraph_starts(block, para.sentences, starts)
            section.append(block)
        return _keep_label_with_first(section)
    para_of = {s.id: p for ps in unit.paragraphs.values() for p in ps for s in p.sentences}
    for index, bead in enumerate(unit.beads, start=1):
        group = H.div({"class": "bead", "id": f"b{unit.n}.{index}"})
        for code in doc.meta.langs:
            if bead.get(code):
                para = para_of.get(bead[code][0].id)
                block = version(doc, code, bead[code], para if para is not None and para.kind != "p" else None)
                _mark_paragraph_starts(block, bead[code], starts)
                group.append(block)
        section.append(group)
    if not unit.beads:  # no sentence alignment: whole paragraphs, still labelled
        for code in doc.meta.langs:
            for para in unit.paragraphs.get(code, ()):
                block = version(doc, code, para.sentences, para if para.kind != "p" else None)
                _mark_paragraph_starts(block, para.sentences, starts)
                section.append(block)
    return _keep_label_with_first(section)


def _keep_label_with_first(section: etree._Element) -> etree._Element:
    """The unit's label ("Paragraph 5") and its first block in one ``div.unit-start`` that
    is not broken across pages, so that the label never stands alone at the foot of a page."""
    if len(section) >= 2:
        keep = H.div({"class": "unit-start"})
        section[0].addprevious(keep)
        keep.append(section[1])  # the heading, now second
        keep.append(section[1])  # the first block
    return section


def interleaved(doc: Document, images: ImageHref | None = None) -> Body:
    lang = doc.meta.lang
    starts = {sentence: para for para, sentence in _para_first_sentence(doc).items()}
    aliases = _para_first_sentence(doc)
    groups = chapters(doc)
    if groups[0].index == 0:  # no divisions: one document, a contents entry per unit
        file_name = "text/parallel.xhtml"
        outline = Outline(base=1)
        sections = [_interleaved_unit(doc, unit, starts, outline, images) for unit in doc.units]
        toc_units = [TocEntry(unit_title(doc, unit, lang), f"{file_name}#u{unit.n}") for unit in doc.units]
        section = _part_section(word(lang, "parallel"), "parallel", *sections)
        notes = blocks.footnotes(doc, [section], lang, labels=True)
        if notes is not None:
            section.append(notes)
        part = Part(file_name, "parallel", word(lang, "parallel"), lang, [section], "bodymatter")
        toc = [TocEntry(word(lang, "parallel"), file_name, None, toc_units)]
        return Body([part], toc, aliases, _unit_language_entries(doc, file_name, skip=lang, paragraphs=True))

    parts = []
    for chapter in groups:
        file_name = chapter_file("parallel", chapter)
        outline = Outline(base=0)
        sections = [_interleaved_unit(doc, unit, starts, outline, images) for unit in chapter.units]
        section = _chapter_section(doc, chapter, f"d{chapter.index}", sections, lang="*", title_lang=lang)
        notes = blocks.footnotes(doc, [section], lang, labels=True)
        if notes is not None:
            section.append(notes)
        title = chapter_title(doc, chapter, lang)
        parts.append(Part(file_name, f"parallel-{chapter.index}", title, lang, [section], "bodymatter"))

    def file_of(chapter: Chapter) -> str:
        return chapter_file("parallel", chapter)

    def href(chapter: Chapter, para: Para | None) -> str:
        return f"{file_of(chapter)}#{para.id}" if para is not None else file_of(chapter)

    toc = _chapter_entries(doc, groups, lang, href, title_lang=lang)
    aliases.setdefault("parallel", "d1")
    return Body(parts, toc, aliases, _language_entries(doc, groups, file_of, skip=lang))


# --- sequential ---------------------------------------------------------------------------


def sequential_file(lang: str, chapter: Chapter | None = None) -> str:
    return chapter_file(lang, chapter) if chapter is not None else f"text/{lang}.xhtml"


def _counterparts(doc: Document, unit: UnitView, lang: str, file_of=None) -> etree._Element:
    """Links from one language's paragraph to the same unit in every other language."""
    xref = H.p({"class": "xref"})
    number = H.span(str(unit.n), {"class": "unit-number"})
    xref.append(number)
    targets = [
        (code, unit.paragraphs[code][0]) for code in doc.meta.langs if code != lang and unit.paragraphs.get(code)
    ]
    for index, (code, para) in enumerate(targets):
        name = file_of(code, unit) if file_of is not None else f"{code}.xhtml"
        target = para.sentences[0].id if para.sentences else para.id  # land on the sentence
        link = H.a(doc.meta.labels.get(code, code), href=f"{name}#{target}", hreflang=code)
        fx.set_lang(link, code)
        if index:
            xref[-1].tail = " · "
        else:
            number.tail = " "
        xref.append(link)
    xref.set("aria-label", eword(lang, "other_versions", n=str(unit.n)))
    return xref


def _sequential_blocks(
    doc: Document, units: list[UnitView], code: str, file_of, outline: Outline, images: ImageHref | None
) -> list[etree._Element]:
    children = []
    for unit in units:
        paras = unit.paragraphs.get(code, ())
        heading = outline.heading(unit) if unit.kind == "head" else outline.label()
        for index, para in enumerate(paras):
            block = H.div({"class": "para", "id": para.id})
            if index == 0:
                block.append(_counterparts(doc, unit, code, file_of))
            if para.kind == "p":
                p = fx.paragraph(para)
                del p.attrib["id"]
            else:
                image = images(para.src) if para.kind == "figure" and para.src and images is not None else None
                p = blocks.block(para.kind, para.sentences, heading=heading, image=image, alt=para.text)
            block.append(p)
            children.append(block)
    return children


def sequential(doc: Document, images: ImageHref | None = None) -> Body:
    meta = doc.meta
    parts, toc = [], []
    aliases: dict[str, str] = {}
    groups = chapters(doc)
    structured = groups[0].index != 0
    chapter_of = {unit.n: chapter for chapter in groups for unit in chapter.units}

    def file_of(code: str, unit: UnitView) -> str:
        return posixpath.basename(sequential_file(code, chapter_of[unit.n] if structured else None))

    for code in meta.langs:
        label = meta.labels.get(code, code)
        if not structured:
            file_name = sequential_file(code)
            children = _sequential_blocks(doc, list(doc.units), code, None, Outline(base=1), images)
            toc_units = [
                TocEntry(unit_title(doc, unit, code), f"{file_name}#{unit.paragraphs[code][0].id}", code)
                for unit in doc.units
                if unit.paragraphs.get(code)
            ]
            section = _part_section(label, f"part-{code}", *children)
            notes = blocks.footnotes(doc, [section], code, labels=False)
            if notes is not None:
                section.append(notes)
            fx.set_lang(section, code)
            parts.append(Part(file_name, f"part-{code}", label, code, [section], "bodymatter"))
            toc.append(TocEntry(label, file_name, code, toc_units))
            continue
        for chapter in groups:
            file_name = sequential_file(code, chapter)
            children = _sequential_blocks(doc, chapter.units, code, file_of, Outline(base=0), images)
            ident = (chapter.division.ids.get(code) if chapter.division else None) or f"{code}.c{chapter.index}"
            section = _chapter_section(doc, chapter, ident, children, lang=code, title_lang=code)
            notes = blocks.footnotes(doc, [section], code, labels=False)
            if notes is not None:
                section.append(notes)
            fx.set_lang(section, code)
            body = [section]
            if chapter is groups[0]:  # the language's part opens with its name
                body.insert(0, H.h1(label, {"class": "part-title", "id": f"part-{code}"}))
            title = chapter_title(doc, chapter, code)
            parts.append(Part(file_name, f"part-{code}-{chapter.index}", title, code, body, "bodymatter"))

        def href(chapter: Chapter, para: Para | None, code: str = code) -> str:
            name = sequential_file(code, chapter)
            return f"{name}#{para.id}" if para is not None else name

        children = _chapter_entries(doc, groups, code, href)
        toc.append(TocEntry(label, sequential_file(code, groups[0]), code, children))
    # a unit of the print edition (a table row) starts with its first language: land there
    for unit in doc.units:
        first = next((unit.paragraphs[c][0].id for c in meta.langs if unit.paragraphs.get(c)), None)
        if first:
            aliases[f"u{unit.n}"] = first
    if structured and parts:
        aliases.setdefault("parallel", f"part-{meta.langs[0]}")
    return Body(parts, toc, aliases)


# --- popup --------------------------------------------------------------------------------


def _note_groups(unit: UnitView, primary: str) -> list[tuple[str, list[dict[str, tuple[Sentence, ...]]]]]:
    """Beads grouped under the primary-language sentence their note hangs on.

    A bead without a primary sentence joins the previous group (or the next, at the start).
    A stanza's beads are one group, on its last line.
    """
    if unit.kind == "verse":
        lines = [s for bead in unit.beads for s in bead.get(primary, ())]
        return [(lines[-1].id, list(unit.beads))] if lines else []
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


def _popup_unit(
    doc: Document, unit: UnitView, primary: str, outline: Outline, images: ImageHref | None, aliases: dict[str, str]
) -> etree._Element:
    meta = doc.meta
    lang = meta.lang
    others = [code for code in meta.langs if code != primary]
    if unit.kind == "head":  # headings stand in every language, the primary one first
        section = fx.set_lang(H.section({"class": "unit", "id": f"u{unit.n}"}), primary)
        for block, para in _whole_blocks(doc, unit, [primary, *others], outline.heading(unit), images):
            block[0].set("id", para.id)
            section.append(block)
        return section
    section = H.section({"class": "unit", "id": f"u{unit.n}", "aria-labelledby": f"u{unit.n}-h"})
    fx.set_lang(section, primary)
    heading = _unit_heading(doc, unit, f"u{unit.n}-h", outline.label())
    fx.set_lang(heading, lang)
    section.append(heading)
    paragraphs = []
    for para in unit.paragraphs.get(primary, ()):
        if para.kind == "p":
            paragraphs.append(fx.paragraph(para))
            continue
        image = images(para.src) if para.kind == "figure" and para.src and images is not None else None
        element = blocks.block(para.kind, para.sentences, heading=outline.label(), image=image, alt=para.text)
        element.set("id", para.id)
        paragraphs.append(element)
    spans = {span.get("id"): span for p in paragraphs for span in p.iter(f"{{{fx.XHTML_NS}}}span")}
    kinds = {code: next((p for p in unit.paragraphs.get(code, ()) if p.kind != "p"), None) for code in others}
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
        back = H.a(str(index), {"href": f"#{ref_id}", "role": "doc-backlink", "aria-label": eword(lang, "back")})
        aside = H.aside(
            {"class": "translations", "id": note_id}, fx.set_lang(H.p({"class": "note-number"}, back), lang)
        )
        fx.epub_type(aside, "footnote", "doc-footnote")
        for code in others:
            if translated[code]:
                aside.append(version(doc, code, translated[code], kinds[code]))
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
    return section


def popup(doc: Document, primary: str, images: ImageHref | None = None) -> Body:
    meta = doc.meta
    lang = meta.lang
    aliases: dict[str, str] = {}
    title = f"{meta.labels.get(primary, primary)}"
    groups = chapters(doc)
    if groups[0].index == 0:
        file_name = popup_file()
        outline = Outline(base=1)
        sections = [_popup_unit(doc, unit, primary, outline, images, aliases) for unit in doc.units]
        toc_units = [TocEntry(unit_title(doc, unit, primary), f"{file_name}#u{unit.n}", primary) for unit in doc.units]
        section = _part_section(title, "parallel", *sections, heading_lang=primary)
        notes = blocks.footnotes(doc, [section], lang, labels=True)
        if notes is not None:
            section.append(notes)
        part = Part(file_name, "reading", title, lang, [section], "bodymatter")
        languages = _unit_language_entries(doc, file_name, skip=primary, paragraphs=False)
        return Body([part], [TocEntry(title, file_name, primary, toc_units)], aliases, languages)

    parts = []
    for chapter in groups:
        file_name = chapter_file("reading", chapter)
        outline = Outline(base=0)
        sections = [_popup_unit(doc, unit, primary, outline, images, aliases) for unit in chapter.units]
        section = _chapter_section(doc, chapter, f"d{chapter.index}", sections, lang="*", title_lang=primary)
        fx.set_lang(section, primary)
        notes = blocks.footnotes(doc, [section], lang, labels=True)
        if notes is not None:
            section.append(notes)
        chapter_name = chapter_title(doc, chapter, primary)
        parts.append(Part(file_name, f"reading-{chapter.index}", chapter_name, lang, [section], "bodymatter"))

    def file_of(chapter: Chapter) -> str:
        return chapter_file("reading", chapter)

    def href(chapter: Chapter, para: Para | None) -> str:
        return f"{file_of(chapter)}#{para.id}" if para is not None else file_of(chapter)

    toc = _chapter_entries(doc, groups, primary, href, title_lang=primary)
    aliases.setdefault("parallel", "d1")
    return Body(parts, toc, aliases, _language_entries(doc, groups, file_of, skip=primary))


def build_body(doc: Document, mode: str, primary: str, images: ImageHref | None = None) -> Body:
    """The reading text of ``mode``; ``images(src)`` gives a figure's image href from ``text/``
    (None: the figure is shown by its caption alone)."""
    if mode == "interleaved":
        return interleaved(doc, images)
    if mode == "sequential":
        return sequential(doc, images)
    if mode == "popup":
        return popup(doc, primary, images)
    raise ValueError(f"unknown EPUB mode {mode!r}")
