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
class Sentence:
    id: str
    text: str


@dataclass(frozen=True)
class Para:
    id: str
    lang: str
    n: int
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class UnitView:
    n: int
    paragraphs: dict[str, tuple[Para, ...]]
    beads: tuple[dict[str, tuple[Sentence, ...]], ...]


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

    def title(self, lang: str | None = None) -> str:
        return self.titles.get(lang or self.lang) or self.titles[self.lang]


@dataclass(frozen=True)
class Document:
    meta: Meta
    units: tuple[UnitView, ...]
    appendices: tuple[AppendixView, ...]


def _text(element: etree._Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _para(p: etree._Element, lang: str) -> Para:
    sentences = tuple(Sentence(s.get(XML_ID), _text(s)) for s in p.iter(f"{T}s"))
    return Para(p.get(XML_ID), lang, int(p.get("n")), sentences)


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
        publisher=_text(pub.find(f"{T}publisher")),
        identifier=_text(pub.find(f"{T}idno")),
        date=pub.find(f"{T}date").get("when"),
        version=app.get("version"),
        credits=credits,
        sources=sources,
        work=work,
    )


def read_tei(tree: etree._ElementTree | etree._Element) -> Document:
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    outer = root.find(f"{T}text")
    texts = outer.findall(f"{T}group/{T}text")
    langs = tuple(t.get(XML_LANG) for t in texts)
    paras: dict[str, Para] = {}
    sentences: dict[str, tuple[str, Sentence]] = {}
    for t in texts:
        lang = t.get(XML_LANG)
        for p in t.iter(f"{T}p"):
            para = _para(p, lang)
            paras[para.id] = para
            for s in para.sentences:
                sentences[s.id] = (lang, s)

    units: list[UnitView] = []
    beads_by_unit: dict[int, list[dict[str, tuple[Sentence, ...]]]] = {}
    for link in outer.iterfind(f"{T}linkGrp[@type='alignment']/{T}link"):
        unit_n = int(link.get("n").split(".")[0])
        bead: dict[str, list[Sentence]] = {lang: [] for lang in langs}
        for target in link.get("target").split():
            lang, sentence = sentences[target[1:]]
            bead[lang].append(sentence)
        beads_by_unit.setdefault(unit_n, []).append({k: tuple(v) for k, v in bead.items()})
    for link in outer.iterfind(f"{T}linkGrp[@type='translation']/{T}link"):
        n = int(link.get("n"))
        grouped: dict[str, list[Para]] = {lang: [] for lang in langs}
        for target in link.get("target").split():
            para = paras[target[1:]]
            grouped[para.lang].append(para)
        units.append(UnitView(n, {k: tuple(v) for k, v in grouped.items()}, tuple(beads_by_unit.get(n, ()))))

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
                paragraphs=tuple(_para(p, lang) for p in div.iterfind(f"{T}p")),
            )
        )
    return Document(_meta(root, langs), tuple(units), tuple(appendices))
