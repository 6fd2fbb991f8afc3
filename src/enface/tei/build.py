"""Assemble the TEI P5 tree from the aligned texts.

Layout (see enface-tei.rng): a header describing the sources, one ``<text>`` per
translation inside ``<group>``, appendices in ``<back>``, then two link groups:
``translation`` links parallel paragraphs, ``alignment`` links the sentences of
each bead (a link that fits badly carries its probability in ``cert``). Every paragraph
and sentence has a stable ``xml:id`` (``fr.p7``, ``fr.p7.s3``) so exports, citations and
later builds can point at them.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree
from lxml.builder import ElementMaker

from .. import __version__, languages
from ..manifest import Edition
from ..model import Block, Parallel, Text, Unit

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_ID = f"{{{XML_NS}}}id"

E = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})


def paragraph_id(lang: str, n: int) -> str:
    return f"{lang}.p{n}"


def appendix_id(index: int) -> str:
    return f"appendix{index}"


def _lang(element: etree._Element, code: str) -> etree._Element:
    element.set(XML_LANG, code)
    return element


def _lang_if(element: etree._Element, code: str | None) -> etree._Element:
    return _lang(element, code) if code else element


def _ident(element: etree._Element, ident: str) -> etree._Element:
    element.set(XML_ID, ident)
    return element


def _header(
    edition: Edition, parallel: Parallel, when: dt.datetime, langs: dict[str, str] | None = None
) -> etree._Element:
    langs = langs or {}  # languages of the description and rights, decided in the text stages
    title_stmt = E.titleStmt()
    for code, title in edition.titles.items():
        title_stmt.append(_lang(E.title(title, type="main"), code))
    for code, subtitle in edition.subtitles.items():
        title_stmt.append(_lang(E.title(subtitle, type="sub"), code))
    for credit in edition.credits:
        title_stmt.append(E.respStmt(E.resp(credit.role), E.name(credit.name)))

    publication = E.publicationStmt(
        E.publisher(edition.publisher or "enface"),
        E.idno(edition.uid(), type="URI"),
        E.availability(_lang_if(E.p(edition.rights or "Rights not stated."), langs.get("rights"))),
        E.date(when.date().isoformat(), when=when.date().isoformat()),
    )
    sources = E.listBibl()
    for text in [*parallel.translations.values(), *parallel.appendices]:
        bibl = E.bibl(
            E.idno(text.file, type="filename"),
            E.idno(text.sha256, type="sha256"),
            E.textLang(languages.native_name(text.lang), mainLang=text.lang),
            type=text.role,
        )
        sources.append(bibl)
    source_desc = E.sourceDesc(sources)
    if edition.work is not None:
        work = E.bibl(E.title(edition.work.title), type="work")
        if edition.work.original_title:
            work.append(E.title(edition.work.original_title, type="original"))
        if edition.work.author:
            work.append(E.author(edition.work.author))
        if edition.work.year:
            work.append(E.date(str(edition.work.year), when=f"{edition.work.year:04d}"))
        source_desc.append(work)

    usage = E.langUsage()
    for code in edition.all_languages:
        usage.append(E.language(edition.label(code), ident=code))

    return E.teiHeader(
        E.fileDesc(
            title_stmt,
            E.editionStmt(E.edition(f"Built by enface {__version__}")),
            publication,
            E.notesStmt(_lang_if(E.note(edition.description, type="description"), langs.get("description"))),
            source_desc,
        ),
        E.encodingDesc(E.appInfo(E.application(E.label("enface"), ident="enface", version=__version__))),
        E.profileDesc(usage),
    )


# TEI elements of the inline marks (see enface.inline): rend values of <hi>, or their own element.
_REND = {"italic": "italic", "bold": "bold", "smallcaps": "smallcaps"}


def _inline(parent: etree._Element, text: str, marks, notes: dict[str, str]) -> None:
    """Append ``text`` with its marks to ``parent`` as text, ``hi``, ``foreign`` and note ``ptr``s."""
    from ..inline import runs

    def add_text(element: etree._Element, value: str) -> None:
        if len(element):
            element[-1].tail = (element[-1].tail or "") + value
        else:
            element.text = (element.text or "") + value

    def build(element: etree._Element, pieces: list[tuple[str, tuple]]) -> None:
        i = 0
        while i < len(pieces):
            value, marks_here = pieces[i]
            if marks_here and marks_here[0].start == marks_here[0].end:  # a note reference
                mark = marks_here[0]
                ident = notes.get(mark.value)
                if ident is not None:
                    element.append(E.ptr(type="noteref", target=f"#{ident}", n=ident.rsplit(".n", 1)[1]))
                i += 1
                continue
            if not marks_here:
                add_text(element, value)
                i += 1
                continue
            outer = marks_here[0]
            group = []
            while i < len(pieces) and pieces[i][1] and pieces[i][1][0] == outer:
                group.append((pieces[i][0], pieces[i][1][1:]))
                i += 1
            if outer.kind == "foreign":
                child = _lang(E.foreign(), outer.value)
            else:
                child = E.hi(rend=_REND[outer.kind])
            element.append(child)
            build(child, group)

    pieces = runs(text, marks)
    # runs that share an outer mark object group together; equal marks from one source are one span
    build(parent, [(value, tuple(m for m in marks_here)) for value, marks_here in pieces])


def _segments(element: etree._Element, block: Block, ident: str, notes: dict[str, str], tag: str) -> None:
    for k, segment in enumerate(block.segments, start=1):
        child = _ident(E(tag), f"{ident}.{tag}{k}")
        if tag == "l":
            child.set("n", str(k))
        _inline(child, segment.text, segment.marks, notes)
        if tag == "s":
            child.tail = " " if k < len(block.segments) else None
        element.append(child)


def _block(block: Block, n: int, ident_prefix: str, notes: dict[str, str]) -> etree._Element:
    """One block as TEI: ``p`` (``s`` inside), ``head``, ``lg`` (``l`` inside), ``quote``, ``figure``."""
    ident = f"{ident_prefix}.p{n}"
    if block.kind == "head":
        element = _ident(E.head(), ident)
        _segments(element, block, ident, notes, "s")
        return element
    if block.kind == "verse":
        element = _ident(E.lg(n=str(n)), ident)
        _segments(element, block, ident, notes, "l")
        return element
    if block.kind == "figure":
        element = _ident(E.figure(n=str(n)), ident)
        element.append(E.graphic(url=block.src))
        if block.segments:
            head = E.head()
            _segments(head, block, ident, notes, "s")
            element.append(head)
        return element
    p = _ident(E.p(n=str(n)), ident)
    if block.type:
        p.set("type", block.type)
    _segments(p, block, ident, notes, "s")
    return E.quote(p) if block.kind == "quote" else p


def _note_ids(text: Text, ident_prefix: str) -> dict[str, str]:
    return {note.label: f"{ident_prefix}.n{note.n}" for note in text.notes}


def _notes(text: Text, ident_prefix: str) -> etree._Element | None:
    """The footnotes of one version, in reading order (referred to by ``ptr type="noteref"``)."""
    if not text.notes:
        return None
    div = E.div(type="notes")
    for note in text.notes:
        element = _ident(E.note(n=str(note.n), place="foot"), f"{ident_prefix}.n{note.n}")
        for block in note.blocks:
            p = E.p()
            _inline(p, block.text, block.segments[0].marks if len(block.segments) == 1 else (), {})
            element.append(p)
        div.append(element)
    return div


def _body(text: Text, ident_prefix: str) -> tuple[etree._Element, dict[int, str]]:
    """The version's blocks, nested in divisions at its headings; returns the body's ``div`` and
    the ids of its top-level divisions by number (for the division links)."""
    from ..align.structure import top_level

    notes = _note_ids(text, ident_prefix)
    root = E.div(type="translation")
    top = top_level(text.blocks)
    stack: list[tuple[int, etree._Element]] = [(0, root)]
    counter = 0
    tops: dict[int, str] = {}
    for index, block in enumerate(text.blocks):
        if block.kind == "head":
            while stack[-1][0] >= block.level and len(stack) > 1:
                stack.pop()
            counter += 1
            div = _ident(
                E.div(type="chapter" if block.level == top else "section", n=str(counter)), f"{ident_prefix}.d{counter}"
            )
            stack[-1][1].append(div)
            stack.append((block.level, div))
            if block.level == top:
                tops[len(tops) + 1] = f"{ident_prefix}.d{counter}"
        stack[-1][1].append(_block(block, index + 1, ident_prefix, notes))
    return root, tops


def _translation(text: Text) -> tuple[etree._Element, dict[int, str]]:
    div, tops = _body(text, text.lang)
    element = _ident(_lang(E.text(E.body(div)), text.lang), text.lang)
    notes = _notes(text, text.lang)
    if notes is not None:
        element.append(E.back(notes))
    return element, tops


def _appendix(text: Text, index: int, edition: Edition) -> etree._Element:
    ident = appendix_id(index)
    div = _ident(_lang(E.div(type="appendix"), text.lang), ident)
    title = text.title.get(text.lang) or next(iter(text.title.values()), None)
    if title:
        div.append(E.head(title))
    for code, other in text.title.items():
        if code != text.lang:
            div.append(_lang(E.head(other, type="translated"), code))
    notes = _note_ids(text, ident)
    for p_index, block in enumerate(text.blocks):
        div.append(_block(block, p_index + 1, ident, notes))
    note_div = _notes(text, ident)
    if note_div is not None:
        div.append(note_div)
    return div


def _segment_refs(parallel: Parallel, unit: Unit, lang: str) -> list[str]:
    """Segment ids of a language's blocks in this unit, in reading order."""
    text = parallel.translations[lang]
    refs: list[str] = []
    for n in unit.paragraphs.get(lang, ()):
        block = text.blocks[n - 1]
        tag = "l" if block.kind == "verse" else "s"
        refs.extend(f"{paragraph_id(lang, n)}.{tag}{k}" for k in range(1, len(block.segments) + 1))
    return refs


def _cert(link: etree._Element, confidence: float) -> etree._Element:
    """``cert`` on a link whose lengths fit worse than :data:`enface.align.LOW_CONFIDENCE`: the
    probability (TEI's teidata.probCert), written short but never rounded up to the threshold.
    Links that fit well carry none."""
    from ..align import LOW_CONFIDENCE

    if confidence < LOW_CONFIDENCE:
        p = confidence if confidence > 0 else 0.0
        link.set("cert", next(v for d in (2, 4, 17) if float(v := f"{p:.{d}g}") < LOW_CONFIDENCE))
    return link


OWN_PARAGRAPHING = "own-paragraphing"  # a unit's link type where the versions are paragraphed apart
UNCERTAIN = "uncertain-end"  # a unit's link subtype where its end might as well be elsewhere


def _links(parallel: Parallel, tops: dict[str, dict[int, str]]) -> list[etree._Element]:
    translation = E.linkGrp(type="translation")
    alignment = E.linkGrp(type="alignment")
    for unit in parallel.units:
        targets = [f"#{paragraph_id(lang, n)}" for lang in parallel.langs for n in unit.paragraphs.get(lang, ())]
        worst = min((unit.paragraph_confidence, *unit.confidence))  # of the paragraphs and every bead
        link = E.link(target=" ".join(targets), n=str(unit.n))
        if unit.own_paragraphing:  # the versions are paragraphed on their own here
            link.set("type", OWN_PARAGRAPHING)
        if unit.uncertain_end:  # its end could as well be elsewhere
            link.set("subtype", UNCERTAIN)
        translation.append(_cert(link, worst))
        refs = {lang: _segment_refs(parallel, unit, lang) for lang in parallel.langs}
        for b, bead in enumerate(unit.beads, start=1):
            ids = [f"#{refs[lang][i]}" for lang in parallel.langs for i in bead.sentences.get(lang, ())]
            if ids:
                link = E.link(target=" ".join(ids), n=f"{unit.n}.{b}")
                if bead.manual:  # set by hand in the edition's alignment file
                    link.set("type", "manual")
                alignment.append(_cert(link, bead.confidence))
    groups = [translation, alignment]
    if parallel.divisions:
        divisions = E.linkGrp(type="divisions")
        for link in parallel.divisions:
            ids = [f"#{tops[lang][d]}" for lang in parallel.langs for d in link.divisions.get(lang, ())]
            if ids:
                divisions.append(E.link(target=" ".join(ids), n=str(link.n)))
        if len(divisions):
            groups.append(divisions)
    return groups


# Elements whose text is the book's. Pretty printing indents inside an element that has
# children and no text of its own: an <l> holding only <hi rend="bold">Sampson</hi> (a speaker's
# name in a play) would hold a newline and spaces before it, which every writer reads as the
# line's text, printed as an indent; and two <hi> side by side would get a space between them.
INLINE = ("s", "l", "hi", "foreign")


def serialize(tree: etree._Element | etree._ElementTree) -> bytes:
    """The TEI as a file: indented for reading, the text of its sentences and lines untouched
    (the tree is given an empty text where it needs one: the same document)."""
    inline = [f"{{{TEI_NS}}}{name}" for name in INLINE]
    notes = (p for note in tree.iter(f"{{{TEI_NS}}}note") for p in note.iter(f"{{{TEI_NS}}}p"))
    for element in [*tree.iter(*inline), *notes]:  # a footnote's paragraph holds its marks directly
        if element.text is None and len(element):
            element.text = ""  # an (empty) text of its own: lxml does not indent inside it
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def build_tei(
    edition: Edition, parallel: Parallel, when: dt.datetime, *, langs: dict[str, str] | None = None
) -> etree._ElementTree:
    """The TEI document of the edition; ``when`` is the build date (reproducible); ``langs``
    the languages of the description and rights, where known (``pipeline.free_text_langs``)."""
    built = {lang: _translation(parallel.translations[lang]) for lang in parallel.langs}
    group = E.group(*(built[lang][0] for lang in parallel.langs))
    outer = E.text(group)
    if parallel.appendices:
        outer.append(E.back(*(_appendix(text, i, edition) for i, text in enumerate(parallel.appendices, 1))))
    outer.extend(_links(parallel, {lang: built[lang][1] for lang in parallel.langs}))
    root = _lang(E.TEI(_header(edition, parallel, when, langs), outer), edition.primary_lang)
    return etree.ElementTree(root)
