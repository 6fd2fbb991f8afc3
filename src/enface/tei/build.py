"""Assemble the TEI P5 tree from the aligned texts.

Layout (see enface-tei.rng): a header describing the sources, one ``<text>`` per
translation inside ``<group>``, appendices in ``<back>``, then two link groups:
``translation`` links parallel paragraphs, ``alignment`` links the sentences of
each bead. Every paragraph and sentence has a stable ``xml:id`` (``fr.p7``,
``fr.p7.s3``) so exports, citations and later builds can point at them.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree
from lxml.builder import ElementMaker

from .. import __version__, languages
from ..manifest import Edition
from ..model import Parallel, Text, Unit

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_ID = f"{{{XML_NS}}}id"

E = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})


def paragraph_id(lang: str, n: int) -> str:
    return f"{lang}.p{n}"


def sentence_id(lang: str, n: int, k: int) -> str:
    return f"{lang}.p{n}.s{k}"


def appendix_id(index: int) -> str:
    return f"appendix{index}"


def _lang(element: etree._Element, code: str) -> etree._Element:
    element.set(XML_LANG, code)
    return element


def _ident(element: etree._Element, ident: str) -> etree._Element:
    element.set(XML_ID, ident)
    return element


def _header(edition: Edition, parallel: Parallel, when: dt.datetime) -> etree._Element:
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
        E.availability(E.p(edition.rights or "Rights not stated.")),
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
            E.notesStmt(E.note(edition.description, type="description")),
            source_desc,
        ),
        E.encodingDesc(E.appInfo(E.application(E.label("enface"), ident="enface", version=__version__))),
        E.profileDesc(usage),
    )


def _paragraph(text: Text, index: int, ident_prefix: str) -> etree._Element:
    n = index + 1
    p = _ident(E.p(n=str(n)), f"{ident_prefix}.p{n}")
    sentences = text.paragraphs[index]
    for k, sentence in enumerate(sentences, start=1):
        s = _ident(E.s(sentence), f"{ident_prefix}.p{n}.s{k}")
        s.tail = " " if k < len(sentences) else None
        p.append(s)
    return p


def _translation(text: Text) -> etree._Element:
    div = E.div(type="translation")
    for index in range(len(text.paragraphs)):
        div.append(_paragraph(text, index, text.lang))
    return _ident(_lang(E.text(E.body(div)), text.lang), text.lang)


def _appendix(text: Text, index: int, edition: Edition) -> etree._Element:
    ident = appendix_id(index)
    div = _ident(_lang(E.div(type="appendix"), text.lang), ident)
    title = text.title.get(text.lang) or next(iter(text.title.values()), None)
    if title:
        div.append(E.head(title))
    for code, other in text.title.items():
        if code != text.lang:
            div.append(_lang(E.head(other, type="translated"), code))
    for p_index in range(len(text.paragraphs)):
        div.append(_paragraph(text, p_index, ident))
    return div


def _sentence_refs(parallel: Parallel, unit: Unit, lang: str) -> list[str]:
    """Sentence ids of a language's paragraphs in this unit, in reading order."""
    text = parallel.translations[lang]
    refs: list[str] = []
    for n in unit.paragraphs.get(lang, ()):
        for k in range(1, len(text.paragraphs[n - 1]) + 1):
            refs.append(sentence_id(lang, n, k))
    return refs


def _links(parallel: Parallel) -> list[etree._Element]:
    translation = E.linkGrp(type="translation")
    alignment = E.linkGrp(type="alignment")
    for unit in parallel.units:
        targets = [f"#{paragraph_id(lang, n)}" for lang in parallel.langs for n in unit.paragraphs.get(lang, ())]
        translation.append(E.link(target=" ".join(targets), n=str(unit.n)))
        refs = {lang: _sentence_refs(parallel, unit, lang) for lang in parallel.langs}
        for b, bead in enumerate(unit.beads, start=1):
            ids = []
            for lang in parallel.langs:
                start, stop = bead.get(lang, (0, 0))
                ids.extend(f"#{ref}" for ref in refs[lang][start:stop])
            alignment.append(E.link(target=" ".join(ids), n=f"{unit.n}.{b}"))
    return [translation, alignment]


def build_tei(edition: Edition, parallel: Parallel, when: dt.datetime) -> etree._ElementTree:
    """The TEI document of the edition; ``when`` is the build date (reproducible)."""
    group = E.group(*(_translation(parallel.translations[lang]) for lang in parallel.langs))
    outer = E.text(group)
    if parallel.appendices:
        outer.append(E.back(*(_appendix(text, i, edition) for i, text in enumerate(parallel.appendices, 1))))
    outer.extend(_links(parallel))
    root = _lang(E.TEI(_header(edition, parallel, when), outer), edition.primary_lang)
    return etree.ElementTree(root)
