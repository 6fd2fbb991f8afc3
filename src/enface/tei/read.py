"""Read a TEI tree back into the plain views the writers need.

Writers depend on this module, not on the text stages: whatever can be said
about the edition in EPUB or PDF must be in the TEI first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Run:
    """A stretch of a sentence with one set of inline markup: ``rends`` (italic, bold,
    smallcaps, outer first), a ``lang`` for a foreign phrase, or a footnote reference
    (``note`` is the note's id, ``text`` its number)."""

    text: str
    rends: tuple[str, ...] = ()
    lang: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence, or a verse line (``n``: its line number in the stanza, else 0)."""

    id: str
    text: str
    runs: tuple[Run, ...] = ()  # empty: plain text, no markup
    n: int = 0

    @property
    def all_bold(self) -> bool:
        """Every word set bold: in verse, a play's speaker name standing as a line of its own,
        which line numbers skip (editions of plays count only the lines spoken)."""
        worded = [run for run in self.runs if run.text.strip() and run.note is None]
        return bool(worded) and all("bold" in run.rends for run in worded)


@dataclass(frozen=True)
class Para:
    """A block of the text: ``kind`` p, head, verse (a stanza: sentences are its lines),
    quote, figure (``src`` its image, sentences its caption); ``type`` a role (rating)."""

    id: str
    lang: str
    n: int
    sentences: tuple[Sentence, ...]
    kind: str = "p"
    type: str = ""
    level: int = 0
    src: str = ""

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class UnitView:
    n: int
    paragraphs: dict[str, tuple[Para, ...]]
    beads: tuple[dict[str, tuple[Sentence, ...]], ...]
    division: int = 0  # the division group (DivisionView.n) it belongs to; 0: none
    manual: tuple[int, ...] = ()  # indexes of the beads set by hand (the edition's alignment file)
    # how well the lengths fit (the links' ``cert``; 1.0 where the TEI gives none, as for a good fit):
    confidence: float = 1.0  # the unit's worst, over its paragraphs and beads
    bead_confidence: tuple[float, ...] = ()  # each bead's, in bead order
    own_paragraphing: bool = False  # the versions are paragraphed on their own here
    uncertain_end: bool = False  # its end might as well be one paragraph away (see enface.align.UNCERTAIN_END)

    @property
    def doubtful(self) -> tuple[int, ...]:
        """Indexes of the beads whose lengths fit badly (below ``enface.align.LOW_CONFIDENCE``)."""
        from ..align import LOW_CONFIDENCE

        return tuple(i for i, c in enumerate(self.bead_confidence) if c < LOW_CONFIDENCE)

    @property
    def low(self) -> bool:
        """The unit's paragraphs or one of its beads fit badly: to check by hand."""
        from ..align import LOW_CONFIDENCE

        return self.confidence < LOW_CONFIDENCE

    @property
    def kind(self) -> str:
        """head, verse, figure, quote or p: the kind of its blocks (head wins)."""
        kinds = {para.kind for paras in self.paragraphs.values() for para in paras}
        for kind in ("head", "verse", "figure", "quote"):
            if kind in kinds:
                return kind
        return "p"


@dataclass(frozen=True)
class DivisionView:
    """Top-level divisions (chapters) that translate each other, with their headings."""

    n: int
    ids: dict[str, str]  # lang -> the division's xml:id (absent where a version lacks it)
    heads: dict[str, str]  # lang -> heading text
    units: tuple[int, ...]  # numbers of the units in it, in order


@dataclass(frozen=True)
class NoteView:
    id: str
    lang: str
    n: int
    paragraphs: tuple[tuple[Run, ...], ...]


@dataclass(frozen=True)
class AppendixView:
    id: str
    lang: str
    title: str
    titles: dict[str, str]  # title translated into other languages
    paragraphs: tuple[Para, ...]


@dataclass(frozen=True)
class SourceInfo:
    file: str
    sha256: str
    lang: str
    role: str


@dataclass(frozen=True)
class Meta:
    lang: str
    langs: tuple[str, ...]  # languages of the parallel text, in order
    labels: dict[str, str]  # language code -> name shown to readers
    titles: dict[str, str]
    subtitles: dict[str, str]
    description: str
    rights: str
    publisher: str
    identifier: str
    date: str
    version: str
    credits: tuple[tuple[str, str], ...]
    sources: tuple[SourceInfo, ...]
    work: dict[str, str] = field(default_factory=dict)
    description_lang: str | None = None  # the description's language, when the text stages knew it
    rights_lang: str | None = None

    def title(self, lang: str | None = None) -> str:
        return self.titles.get(lang or self.lang) or self.titles[self.lang]


@dataclass(frozen=True)
class Document:
    meta: Meta
    units: tuple[UnitView, ...]
    appendices: tuple[AppendixView, ...]
    divisions: tuple[DivisionView, ...] = ()
    notes: dict[str, NoteView] = field(default_factory=dict)  # by id


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


_KINDS = {f"{T}p": "p", f"{T}head": "head", f"{T}lg": "verse", f"{T}figure": "figure"}
BLOCKS = tuple(_KINDS)


def _runs(element: etree._Element, rends: tuple[str, ...] = (), lang: str | None = None) -> list[Run]:
    out: list[Run] = []
    if element.text:
        out.append(Run(element.text, rends, lang))
    for child in element:
        if child.tag == f"{T}hi":
            out.extend(_runs(child, (*rends, child.get("rend")), lang))
        elif child.tag == f"{T}foreign":
            out.extend(_runs(child, rends, child.get(XML_LANG)))
        elif child.tag == f"{T}ptr" and child.get("type") == "noteref":
            out.append(Run(child.get("n"), rends, lang, note=child.get("target")[1:]))
        if child.tail:
            out.append(Run(child.tail, rends, lang))
    return out


def _sentence(element: etree._Element) -> Sentence:
    runs = _runs(element)
    plain = all(not r.rends and r.lang is None and r.note is None for r in runs)
    text = "".join(r.text for r in runs if r.note is None)
    return Sentence(element.get(XML_ID), text, () if plain else tuple(runs), int(element.get("n", 0)))


def _level(element: etree._Element) -> int:
    return sum(1 for a in element.iterancestors(f"{T}div") if a.get("type") in ("chapter", "section"))


def _para(p: etree._Element, lang: str) -> Para:
    kind = _KINDS[p.tag]
    if kind == "p" and p.getparent().tag == f"{T}quote":
        kind = "quote"
    tag = f"{T}l" if kind == "verse" else f"{T}s"
    sentences = tuple(_sentence(s) for s in p.iter(tag))
    number = int(p.get("n") or p.get(XML_ID).rsplit(".p", 1)[1])
    graphic = p.find(f"{T}graphic")
    return Para(
        p.get(XML_ID),
        lang,
        number,
        sentences,
        kind=kind,
        type=p.get("type", ""),
        level=_level(p) if kind == "head" else 0,
        src=graphic.get("url") if graphic is not None else "",
    )


def _meta(root: etree._Element, langs: tuple[str, ...]) -> Meta:
    header = root.find(f"{T}teiHeader")
    fd = header.find(f"{T}fileDesc")
    titles = {t.get(XML_LANG): _text(t) for t in fd.iterfind(f"{T}titleStmt/{T}title[@type='main']")}
    subtitles = {t.get(XML_LANG): _text(t) for t in fd.iterfind(f"{T}titleStmt/{T}title[@type='sub']")}
    credits = tuple(
        (_text(r.find(f"{T}resp")), _text(r.find(f"{T}name"))) for r in fd.iterfind(f"{T}titleStmt/{T}respStmt")
    )
    pub = fd.find(f"{T}publicationStmt")
    sources = tuple(
        SourceInfo(
            file=_text(b.find(f"{T}idno[@type='filename']")),
            sha256=_text(b.find(f"{T}idno[@type='sha256']")),
            lang=b.find(f"{T}textLang").get("mainLang"),
            role=b.get("type"),
        )
        for b in fd.iterfind(f"{T}sourceDesc/{T}listBibl/{T}bibl")
    )
    work: dict[str, str] = {}
    wb = fd.find(f"{T}sourceDesc/{T}bibl[@type='work']")
    if wb is not None:
        work["title"] = _text(wb.find(f"{T}title"))
        for key, path in (
            ("original_title", f"{T}title[@type='original']"),
            ("author", f"{T}author"),
            ("year", f"{T}date"),
        ):
            if wb.find(path) is not None:
                work[key] = _text(wb.find(path))
    labels = {lang.get("ident"): _text(lang) for lang in header.iterfind(f"{T}profileDesc/{T}langUsage/{T}language")}
    app = header.find(f"{T}encodingDesc/{T}appInfo/{T}application")
    return Meta(
        lang=root.get(XML_LANG),
        langs=langs,
        labels=labels,
        titles=titles,
        subtitles=subtitles,
        description=_text(fd.find(f"{T}notesStmt/{T}note")),
        rights=_text(pub.find(f"{T}availability/{T}p")),
        description_lang=fd.find(f"{T}notesStmt/{T}note").get(XML_LANG),
        rights_lang=pub.find(f"{T}availability/{T}p").get(XML_LANG),
        publisher=_text(pub.find(f"{T}publisher")),
        identifier=_text(pub.find(f"{T}idno")),
        date=pub.find(f"{T}date").get("when"),
        version=app.get("version"),
        credits=credits,
        sources=sources,
        work=work,
    )


_CERTAINTY = {"high": 1.0, "medium": 0.5, "low": 0.0, "unknown": 0.0}


def _cert(link: etree._Element) -> float:
    """A link's ``cert`` as a probability (a coded value mapped); 1.0 when it has none."""
    value = link.get("cert")
    if value is None:
        return 1.0
    return _CERTAINTY[value] if value in _CERTAINTY else float(value)


def _is_block(element: etree._Element) -> bool:
    """A block of the parallel text (a ``head`` of an appendix has no id and is not one)."""
    return element.tag in BLOCKS and element.get(XML_ID) is not None and element.getparent().tag != f"{T}figure"


def read_tei(tree: etree._ElementTree | etree._Element) -> Document:
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    outer = root.find(f"{T}text")
    texts = outer.findall(f"{T}group/{T}text")
    langs = tuple(t.get(XML_LANG) for t in texts)
    paras: dict[str, Para] = {}
    sentences: dict[str, tuple[str, Sentence]] = {}
    chapter_of: dict[str, str] = {}  # block id -> id of its top-level division
    heads: dict[str, str] = {}  # top-level division id -> heading text
    notes: dict[str, NoteView] = {}
    for t in texts:
        lang = t.get(XML_LANG)
        for element in t.iter(*BLOCKS):
            if not _is_block(element):
                continue
            para = _para(element, lang)
            paras[para.id] = para
            for s in para.sentences:
                sentences[s.id] = (lang, s)
            chapter = next((a for a in element.iterancestors(f"{T}div") if a.get("type") == "chapter"), None)
            if chapter is not None:
                chapter_of[para.id] = chapter.get(XML_ID)
                if para.kind == "head" and element.getparent() is chapter:
                    heads.setdefault(chapter.get(XML_ID), para.text)
        for note in t.iterfind(f"{T}back/{T}div[@type='notes']/{T}note"):
            notes[note.get(XML_ID)] = NoteView(
                note.get(XML_ID), lang, int(note.get("n")), tuple(tuple(_runs(p)) for p in note.iterfind(f"{T}p"))
            )

    group_of: dict[str, int] = {}
    division_ids: list[tuple[int, dict[str, str]]] = []
    for link in outer.iterfind(f"{T}linkGrp[@type='divisions']/{T}link"):
        n = int(link.get("n"))
        ids: dict[str, str] = {}
        for target in link.get("target").split():
            ident = target[1:]
            group_of[ident] = n
            ids.setdefault(ident.split(".d", 1)[0], ident)
        division_ids.append((n, ids))

    units: list[UnitView] = []
    beads_by_unit: dict[int, list[dict[str, tuple[Sentence, ...]]]] = {}
    manual: dict[int, list[int]] = {}
    bead_certs: dict[int, list[float]] = {}
    for link in outer.iterfind(f"{T}linkGrp[@type='alignment']/{T}link"):
        unit_n = int(link.get("n").split(".")[0])
        bead_certs.setdefault(unit_n, []).append(_cert(link))
        if link.get("type") == "manual":
            manual.setdefault(unit_n, []).append(len(beads_by_unit.get(unit_n, ())))
        bead: dict[str, list[Sentence]] = {lang: [] for lang in langs}
        for target in link.get("target").split():
            lang, sentence = sentences[target[1:]]
            bead[lang].append(sentence)
        beads_by_unit.setdefault(unit_n, []).append({k: tuple(v) for k, v in bead.items()})
    members: dict[int, list[int]] = {}
    for link in outer.iterfind(f"{T}linkGrp[@type='translation']/{T}link"):
        n = int(link.get("n"))
        grouped: dict[str, list[Para]] = {lang: [] for lang in langs}
        division = 0
        for target in link.get("target").split():
            para = paras[target[1:]]
            grouped[para.lang].append(para)
            division = division or group_of.get(chapter_of.get(para.id, ""), 0)
        beads = tuple(beads_by_unit.get(n, ()))
        units.append(
            UnitView(
                n,
                {k: tuple(v) for k, v in grouped.items()},
                beads,
                division,
                tuple(manual.get(n, ())),
                _cert(link),
                tuple(bead_certs.get(n, ())),
                link.get("type") == "own-paragraphing",
                link.get("subtype") == "uncertain-end",
            )
        )
        if division:
            members.setdefault(division, []).append(n)
    divisions = tuple(
        DivisionView(n, ids, {lang: heads.get(ident, "") for lang, ident in ids.items()}, tuple(members.get(n, ())))
        for n, ids in division_ids
    )

    appendices = []
    for div in outer.iterfind(f"{T}back/{T}div[@type='appendix']"):
        lang = div.get(XML_LANG)
        head = div.find(f"{T}head")
        titles = {h.get(XML_LANG): _text(h) for h in div.iterfind(f"{T}head[@type='translated']")}
        appendices.append(
            AppendixView(
                id=div.get(XML_ID),
                lang=lang,
                title=_text(head) if head is not None and head.get("type") is None else "",
                titles=titles,
                paragraphs=tuple(_para(p, lang) for p in div.iter(*BLOCKS) if _is_block(p)),
            )
        )
    return Document(_meta(root, langs), tuple(units), tuple(appendices), divisions, notes)
