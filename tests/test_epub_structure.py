"""The EPUB of a structured book: a document per chapter, contents of chapters, real headings
in every language, verse line by line, emphasis, quotations, figures and footnotes, in every
reading mode.

Three editions are built once for the module (every mode): the lighthouse story (three
chapters, emphasis, bold, a footnote, a quotation, a stanza), the poem (three stanzas, no
headings: the documents and contents of a book without divisions) and "rich", the lighthouse
with a sub-heading, a figure, small capitals and a foreign phrase added. Expected values are
read from the Markdown sources with regular expressions, apart from enface's readers.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import unicodedata
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from enface.xmlsafe import parse_bytes

pytestmark = [pytest.mark.slow, pytest.mark.books]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
LANGS = ("en", "fr", "de")
MODES = ("interleaved", "sequential", "popup")
SUFFIX = {"interleaved": ".epub", "sequential": ".sequential.epub", "popup": ".popup.epub"}
X = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"opf": "http://www.idpf.org/2007/opf", "ncx": "http://www.daisy.org/z3986/2005/ncx/"}

TITLES = {
    "lighthouse": ("The Lighthouse Keeper", "Le Gardien du phare", "Der Leuchtturmwärter"),
    "poem": ("Winter Orchard", "Verger d’hiver", "Wintergarten"),
    "rich": ("The Lighthouse Keeper", "Le Gardien du phare", "Der Leuchtturmwärter"),
}
# what "rich" adds to the lighthouse, per language: a sub-heading after the quotation, and in
# chapter 2 a figure and a paragraph with small capitals and a foreign (Latin) phrase
RICH = {
    "en": (
        "## The Lamp",
        "![The lighthouse at night.](lighthouse.png)",
        "He called out [Mayday]{.smallcaps} and shouted [Deo gratias]{lang=la} into the storm.",
    ),
    "fr": (
        "## La Lampe",
        "![Le phare la nuit.](lighthouse.png)",
        "Il cria [Mayday]{.smallcaps} et lança [Deo gratias]{lang=la} dans la tempête.",
    ),
    "de": (
        "## Die Lampe",
        "![Der Leuchtturm bei Nacht.](lighthouse.png)",
        "Er rief [Mayday]{.smallcaps} und schrie [Deo gratias]{lang=la} in den Sturm.",
    ),
}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


# --- the sources, read with regular expressions ------------------------------------------


@dataclass(frozen=True)
class Source:
    text: str  # without the YAML block

    def headings(self, level: int) -> list[str]:
        return re.findall(rf"^{'#' * level} (.+)$", self.text, re.M)

    def stanzas(self) -> list[list[str]]:
        out, current = [], []
        for line in self.text.splitlines():
            if line.startswith("| "):
                current.append(line[2:])
            elif current:
                out.append(current)
                current = []
        return out + ([current] if current else [])

    def italics(self) -> list[str]:
        return re.findall(r"(?<![*\w])\*([^*\n]+)\*(?![*\w])", self.text)

    def bold(self) -> list[str]:
        return re.findall(r"\*\*([^*\n]+)\*\*", self.text)

    def note_refs(self) -> list[str]:
        return re.findall(r"\[\^([^\]]+)\](?!:)", self.text)

    def note_texts(self) -> list[str]:
        return re.findall(r"^\[\^[^\]]+\]:\s*(.+)$", self.text, re.M)

    def quotes(self) -> list[str]:
        return [" ".join(line[2:] for line in block.splitlines()) for block in self.blocks() if block.startswith("> ")]

    def figures(self) -> list[tuple[str, str]]:
        return re.findall(r"^!\[([^\]]*)\]\(([^)]+)\)$", self.text, re.M)

    def spans(self, attribute: str) -> list[str]:
        return re.findall(r"\[([^\]]+)\]\{" + re.escape(attribute) + r"\}", self.text)

    def blocks(self) -> list[str]:
        return [b.strip() for b in re.split(r"\n\s*\n", self.text) if b.strip()]


def source(folder: Path, lang: str) -> Source:
    text = (folder / f"{lang}.md").read_text(encoding="utf-8")
    return Source(re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S))


# --- the books ---------------------------------------------------------------------------


class Book:
    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            self.files = {name: archive.read(name) for name in archive.namelist()}
        self.opf = parse_bytes(self.files["EPUB/content.opf"])
        self.nav = parse_bytes(self.files["EPUB/nav.xhtml"])
        self.ncx = parse_bytes(self.files["EPUB/toc.ncx"])
        manifest = {i.get("id"): i.get("href") for i in self.opf.iterfind(".//opf:manifest/opf:item", NS)}
        self.spine = [manifest[r.get("idref")] for r in self.opf.iterfind(".//opf:spine/opf:itemref", NS)]
        self.docs = {name: parse_bytes(self.files["EPUB/" + name]) for name in self.spine if name != "nav.xhtml"}

    @property
    def text_docs(self) -> dict[str, etree._Element]:
        """The documents of the text (body ``bodymatter``), in reading order."""
        return {n: r for n, r in self.docs.items() if r.find(f"{X}body").get(EPUB_TYPE) == "bodymatter"}

    def resolve(self, href: str, base: str = "") -> etree._Element:
        name, _, fragment = href.partition("#")
        name = str(Path(base).parent / name) if base and name else (name or base)
        root = self.nav if name == "nav.xhtml" else self.docs[name]
        if not fragment:
            return root
        found = root.xpath("//*[@id=$i]", i=fragment)
        assert len(found) == 1, f"{href}: {len(found)} elements"
        return found[0]

    def css(self) -> str:
        return self.files["EPUB/styles/epub.css"].decode("utf-8")


def lang_of(element: etree._Element) -> str | None:
    for el in [element, *element.iterancestors()]:
        if el.get("lang"):
            assert el.get(XML_LANG) == el.get("lang")
            return el.get("lang")
    return None


def text_without_labels(element: etree._Element) -> str:
    """An element's text without language labels, note references and page markers."""
    copy = etree.fromstring(etree.tostring(element))
    for el in list(copy.iter()):
        if isinstance(el.tag, str) and el.get("class") in ("lang-label", "noteref", "pagebreak"):
            parent, previous, tail = el.getparent(), el.getprevious(), el.tail or ""
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(el)
    return "".join(copy.itertext())


def in_aside(element: etree._Element) -> bool:
    return any(a.tag == f"{X}aside" for a in element.iterancestors())


def make_edition(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True)
    fixture = "poem" if name == "poem" else "lighthouse"
    for lang in LANGS:
        shutil.copy(FIXTURES / fixture / f"{lang}.md", folder / f"{lang}.md")
    if name == "rich":
        from PIL import Image, ImageDraw

        image = Image.new("RGB", (240, 160), (20, 30, 60))
        ImageDraw.Draw(image).polygon([(110, 150), (130, 150), (125, 40), (115, 40)], fill=(230, 230, 230))
        image.save(folder / "lighthouse.png")
        for lang, (sub, figure, para) in RICH.items():
            path = folder / f"{lang}.md"
            blocks = path.read_text(encoding="utf-8").split("\n\n")
            quote = next(i for i, b in enumerate(blocks) if b.startswith(">"))
            blocks.insert(quote + 1, sub)
            second = [i for i, b in enumerate(blocks) if b.startswith("# ")][1]
            blocks[second + 2 : second + 2] = [figure, para]
            path.write_text("\n\n".join(blocks), encoding="utf-8")
    titles = "\n".join(f'{lang} = "{title}"' for lang, title in zip(LANGS, TITLES[name]))
    sources = "\n".join(f'[[sources]]\nfile = "{lang}.md"\nlang = "{lang}"\nrole = "translation"\n' for lang in LANGS)
    (folder / "edition.toml").write_text(
        f'slug = "{name}"\ndescription = "A test edition in three languages."\n'
        f'rights = "Dedicated to the public domain (CC0 1.0)."\n\n[titles]\n{titles}\n\n{sources}',
        encoding="utf-8",
    )
    return folder


@dataclass
class Built:
    edition: Path
    out: Path
    books: dict[str, Book]
    findings: list


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Built]:
    from enface.commands.build import build

    base = tmp_path_factory.mktemp("structured")
    out = {}
    for name in TITLES:
        edition = make_edition(base / name, name)
        result = build(edition, base / f"{name}-out", ["tei", "epub"], epub_mode="all")
        assert not result.failed, result.findings
        books = {mode: Book(base / f"{name}-out" / f"{name}{SUFFIX[mode]}") for mode in MODES}
        out[name] = Built(edition, base / f"{name}-out", books, list(result.findings))
    return out


@pytest.fixture(scope="module")
def epubcheck_results(built, epubcheck):
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            (name, mode): pool.submit(epubcheck, b.out / f"{name}{SUFFIX[mode]}")
            for name, b in built.items()
            for mode in MODES
        }
        return {key: future.result() for key, future in futures.items()}


CASES = [(name, mode) for name in TITLES for mode in MODES]


# --- validity and fidelity ---------------------------------------------------------------


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_epubcheck_zero_errors_zero_warnings(epubcheck_results, name, mode):
    result = epubcheck_results[(name, mode)]
    assert result.errors == [] and result.warnings == [], (result.errors, result.warnings)


@pytest.mark.parametrize("name", list(TITLES))
def test_every_word_of_every_source_in_every_mode(built, name):
    from enface.commands.check import run_checks

    report = run_checks(built[name].edition, built[name].out, epubcheck=False)
    epubs = [o for o in report.outcomes if o.output.endswith(".epub")]
    assert len(epubs) == len(MODES) * len(LANGS) and all(o.check == "words" for o in epubs)
    assert report.ok, [o for o in report.outcomes if not o.ok]


def test_no_epub_findings(built):
    for b in built.values():
        assert not [f for f in b.findings if f.code.startswith("epub.")], b.findings


# --- documents and contents --------------------------------------------------------------


@pytest.mark.parametrize("name", ["lighthouse", "rich"])
def test_one_document_per_chapter_in_every_mode(built, name):
    b = built[name]
    heads = {lang: source(b.edition, lang).headings(1) for lang in LANGS}
    assert len(heads["en"]) == 3
    for mode, book in b.books.items():
        docs = book.text_docs
        if mode == "sequential":  # a document per language and chapter, each language in turn
            assert len(docs) == sum(len(h) for h in heads.values())
            expected = [(lang, head) for lang in LANGS for head in heads[lang]]
        else:
            assert len(docs) == len(heads["en"]), mode
            expected = [(None, i) for i in range(len(heads["en"]))]
        for (name_, root), (lang, which) in zip(docs.items(), expected):
            h1 = [h for h in root.iter(f"{X}h1") if "part-title" not in (h.get("class") or "")]
            texts = {lang_of(h): words(text_without_labels(h)) for h in h1}
            if mode == "sequential":
                assert texts == {lang: words(which)}, name_
                assert root.get("lang") == lang
            else:  # the chapter's heading in every language, each a real h1 with its language
                assert texts == {code: words(heads[code][which]) for code in LANGS}, name_


@pytest.mark.parametrize("name", ["lighthouse", "rich"])
def test_nav_lists_the_chapters_nested_by_sub_headings(built, name):
    b = built[name]
    heads = {lang: source(b.edition, lang).headings(1) for lang in LANGS}
    subs = {lang: source(b.edition, lang).headings(2) for lang in LANGS}
    for mode, book in b.books.items():
        toc = book.nav.find(f".//{X}nav[@id='toc']")
        assert toc.get(EPUB_TYPE) == "toc"
        top = toc.findall(f"{X}ol/{X}li")
        text_docs = set(book.text_docs)

        def tree(li):
            children = li.findall(f"{X}ol/{X}li")
            return (words(li.find(f"{X}a").text), [tree(c) for c in children])

        def expected(lang):
            out = []
            for index, head in enumerate(heads[lang]):
                nested = [(words(s), []) for s in subs[lang]] if index == 0 else []
                out.append((words(head), nested))
            return out

        if mode == "sequential":  # a contents per language: its chapters
            groups = [li for li in top if li.get("lang")]
            assert [li.get("lang") for li in groups] == list(LANGS)
            for li in groups:
                assert [tree(c) for c in li.findall(f"{X}ol/{X}li")] == expected(li.get("lang")), li.get("lang")
        else:  # the chapters by their primary-language headings, then a nav per other language
            chapters = [li for li in top if li.find(f"{X}a").get("href").split("#")[0] in text_docs]
            assert [tree(li) for li in chapters] == expected("en"), mode
            for lang in ("fr", "de"):
                nav = book.nav.find(f".//{X}nav[@id='toc-{lang}']")
                assert lang_of(nav) == lang
                assert [tree(li) for li in nav.findall(f"{X}ol/{X}li")] == expected(lang), (mode, lang)
                for a in nav.iter(f"{X}a"):
                    target = book.resolve(a.get("href"))
                    assert lang_of(target) == lang
        for a in book.nav.iter(f"{X}a"):  # every link lands
            book.resolve(a.get("href"))
        hrefs = [a.get("href") for a in toc.iter(f"{X}a")]
        points = book.ncx.findall(".//ncx:navMap//ncx:navPoint", NS)
        assert [p.find("ncx:content", NS).get("src") for p in points] == hrefs


def test_a_book_without_divisions_keeps_its_documents_and_contents(built):
    b = built["poem"]
    stanzas = len(source(b.edition, "en").stanzas())
    assert stanzas == 3 and not source(b.edition, "en").headings(1)
    names = {mode: list(book.text_docs) for mode, book in b.books.items()}
    assert names == {
        "interleaved": ["text/parallel.xhtml"],
        "sequential": [f"text/{lang}.xhtml" for lang in LANGS],
        "popup": ["text/reading.xhtml"],
    }
    for mode, book in b.books.items():  # a contents entry per unit (stanza), as before
        groups = book.nav.findall(f".//{X}nav[@id='toc']/{X}ol/{X}li")
        bodies = [li for li in groups if li.find(f"{X}a").get("href").split("#")[0] in names[mode]]
        assert len(bodies) == (3 if mode == "sequential" else 1)
        assert all(len(li.findall(f"{X}ol/{X}li")) == stanzas for li in bodies)


# --- headings, verse, inline markup, quotations, figures, notes --------------------------


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_headings_are_an_outline_with_languages(built, name, mode):
    book = built[name].books[mode]
    for doc_name, root in book.text_docs.items():
        headings = [
            el for el in root.iter() if isinstance(el.tag, str) and re.fullmatch(rf"{re.escape(X)}h[1-6]", el.tag)
        ]
        levels = [int(h.tag[-1]) for h in headings]
        assert levels and levels[0] == 1, doc_name
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (doc_name, levels)
        for h in headings:
            assert lang_of(h) in LANGS
    if name == "rich":  # the sub-heading is an h2 in every language
        subs = {lang: words(source(built[name].edition, lang).headings(2)[0]) for lang in LANGS}
        found = {
            lang_of(h): words(text_without_labels(h))
            for root in book.text_docs.values()
            for h in root.iter(f"{X}h2")
            if "heading" in (h.get("class") or "").split()
        }
        assert found == subs


@pytest.mark.parametrize(("name", "mode"), CASES)
def test_verse_keeps_its_lines_and_stanzas(built, name, mode):
    b = built[name]
    book = b.books[mode]
    stanzas = {lang: source(b.edition, lang).stanzas() for lang in LANGS}
    assert all(stanzas.values())
    found: dict[str, list[list[list[str]]]] = {lang: [] for lang in LANGS}
    for root in book.text_docs.values():
        for lg in root.iter(f"{X}div"):
            if lg.get("class") != "lg":
                continue
            lines = lg.findall(f"{X}p")
            assert all(p.get("class") == "l" for p in lines)
            found[lang_of(lg)].append([words(text_without_labels(p)) for p in lines])
    for lang in LANGS:  # every stanza of every language, a line an element
        assert found[lang] == [[words(line) for line in stanza] for stanza in stanzas[lang]], (mode, lang)
    css = re.sub(r"\s+", " ", book.css())
    rule = re.search(r"\.lg \.l \{([^}]*)\}", css).group(1)
    assert "text-align: left" in rule and re.search(r"text-indent: -\d", rule) and "padding-left" in rule


@pytest.mark.parametrize(("name", "mode"), [c for c in CASES if c[0] != "poem"])
def test_emphasis_foreign_phrases_and_quotations(built, name, mode):
    b = built[name]
    book = b.books[mode]
    roots = list(book.text_docs.values())
    for lang in LANGS:
        src = source(b.edition, lang)

        def marked(tag, cls=None, lang=lang):
            return [
                words("".join(el.itertext()))
                for root in roots
                for el in root.iter(f"{X}{tag}")
                if lang_of(el.getparent()) == lang and (cls is None or el.get("class") == cls)
            ]

        assert marked("em") == [words(t) for t in src.italics()] != [], (mode, lang)
        assert marked("strong") == [words(t) for t in src.bold()], (mode, lang)
        assert marked("span", "smallcaps") == [words(t) for t in src.spans(".smallcaps")]
        foreign = [
            (el.get("lang"), words("".join(el.itertext())))
            for root in roots
            for el in root.iter(f"{X}span")
            if el.get("lang") and el.get("class") is None and lang_of(el.getparent()) == lang
        ]
        assert foreign == [("la", words(t)) for t in src.spans("lang=la")]
        quoted = [
            w
            for root in roots
            for q in root.iter(f"{X}blockquote")
            if lang_of(q) == lang
            for s in q.iter(f"{X}span")
            if s.get("class") == "s"
            for w in words(text_without_labels(s))
        ]
        assert quoted == [w for q in src.quotes() for w in words(q)] != []


@pytest.mark.parametrize(("name", "mode"), [c for c in CASES if c[0] != "poem"])
def test_footnotes_are_noteref_footnote_pairs_at_the_end_of_the_chapter(built, name, mode):
    b = built[name]
    book = b.books[mode]
    for lang in LANGS:
        src = source(b.edition, lang)
        notes = [words(t) for t in src.note_texts()]
        pairs = []
        for doc_name, root in book.text_docs.items():
            for ref in root.iter(f"{X}a"):
                if ref.get(EPUB_TYPE) != "noteref" or lang_of(ref) != lang:
                    continue
                note = book.resolve(ref.get("href"), doc_name)
                if "footnote" not in (note.get("class") or "").split():
                    continue  # popup: a translation note, not a note of the source
                assert ref.get("role") == "doc-noteref" and ref.text.strip() in src.note_refs()
                assert note.tag == f"{X}aside" and note.get(EPUB_TYPE) == "footnote"
                assert note.get("role") == "doc-footnote" and lang_of(note) == lang
                back = note.find(f".//{X}a[@role='doc-backlink']")
                assert back.get("href") == "#" + ref.get("id")
                # at the end of the chapter's document: its last block, after all of its text
                chapter = next(a for a in note.iterancestors(f"{X}section") if a.get(EPUB_TYPE) == "chapter")
                assert note.getparent() is chapter[-1] and chapter.getparent().tag == f"{X}body"
                assert chapter.getnext() is None
                assert words(text_without_labels(note))[1:] in notes  # its number, then its text
                pairs.append(note.get("id"))
        assert len(pairs) == len(src.note_refs()) == len(notes) == 1, (mode, lang)


@pytest.mark.parametrize("mode", MODES)
def test_figures_carry_their_image_and_caption(built, mode):
    b = built["rich"]
    book = b.books[mode]
    image = (b.edition / "lighthouse.png").read_bytes()
    imgs, captions = [], Counter()
    for doc_name, root in book.text_docs.items():
        for figure in root.iter(f"{X}figure"):
            img = figure.find(f"{X}img")
            if img is not None:
                href = posixpath.normpath(posixpath.join(posixpath.dirname(doc_name), img.get("src")))
                imgs.append((href, img.get("alt")))
                assert book.files["EPUB/" + href] == image
            caption = figure.find(f"{X}figcaption")
            captions[(lang_of(figure), tuple(words(text_without_labels(caption))))] += 1
    expected = {(lang, tuple(words(source(b.edition, lang).figures()[0][0]))): 1 for lang in LANGS}
    assert captions == expected
    assert len(imgs) == (3 if mode == "sequential" else 1) and all(alt for _, alt in imgs)
    item = book.opf.find(f".//opf:item[@href='{imgs[0][0]}']", NS)
    assert item is not None and item.get("media-type") == "image/png"


def test_fonts_have_every_character_in_every_style(built):
    import io

    from fontTools.ttLib import TTFont

    book = built["rich"].books["interleaved"]
    text = "".join("".join(root.itertext()) for root in book.docs.values())
    needed = {ord(ch) for ch in text if not ch.isspace()}
    fonts = {n: d for n, d in book.files.items() if n.endswith(".ttf")}
    assert {Path(n).stem.split("-")[-1] for n in fonts} == {"Regular", "Italic", "Bold", "BoldItalic"}
    for name, data in fonts.items():
        cmap = TTFont(io.BytesIO(data)).getBestCmap()
        assert not needed - set(cmap), (name, sorted(chr(c) for c in needed - set(cmap))[:10])


@pytest.mark.parametrize("mode", MODES)
def test_page_list_lands_on_page_breaks(built, mode):
    book = built["lighthouse"].books[mode]
    page_list = book.nav.find(f".//{X}nav[@{{http://www.idpf.org/2007/ops}}type='page-list']")
    links = list(page_list.iter(f"{X}a"))
    assert links
    for a in links:
        marker = book.resolve(a.get("href"))
        assert marker.get(EPUB_TYPE) == "pagebreak" and marker.get("role") == "doc-pagebreak"


def test_structure_css_needs_no_grid_flex_float_or_positioning():
    css = (ROOT / "styles" / "epub-structure.css").read_text(encoding="utf-8")
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.search(
        r"display\s*:\s*(inline-)?(grid|flex)|\bfloat\s*:|position\s*:\s*(absolute|fixed)|columns\s*:", body
    )


def test_same_input_same_bytes(built):
    import datetime as dt

    from enface.epub import build_epub, fonts
    from enface.tei.read import read_tei
    from enface.xmlsafe import parse_file

    b = built["rich"]
    doc = read_tei(parse_file(b.out / "rich.tei.xml"))
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    first = build_epub(doc, when, mode="popup", edition_dir=b.edition).data
    fonts.subset_fonts.cache_clear()
    assert build_epub(doc, when, mode="popup", edition_dir=b.edition).data == first


# --- the shared sentence builder ---------------------------------------------------------


def test_sentence_spans_render_runs_and_keep_plain_sentences():
    from enface.tei.read import Run, Sentence
    from enface.xhtml import fragments as fx

    plain = fx.sentence_spans(etree.Element("p"), [Sentence("fr.p1.s1", "Un."), Sentence("fr.p1.s2", "Deux.")])
    assert etree.tostring(plain) == (
        b'<p><span class="s" id="fr.p1.s1">Un.</span> <span class="s" id="fr.p1.s2">Deux.</span></p>'
    )
    runs = (
        Run("Il dit "),
        Run("très ", ("italic",)),
        Run("fort", ("italic", "bold")),
        Run(" "),
        Run("Deo", ("smallcaps",), "la"),
        Run("."),
        Run("1", note="fr.n1"),
    )
    sentence = Sentence("fr.p2.s1", "Il dit très fort Deo.", runs)
    html = etree.tostring(fx.sentence_spans(etree.Element("p"), [sentence]), encoding="unicode")
    assert html == (
        '<p><span class="s" id="fr.p2.s1">Il dit <em>très <strong>fort</strong></em> '
        '<span lang="la" xml:lang="la"><span class="smallcaps">Deo</span></span>.'
        '<a class="noteref" href="#fr.n1" role="doc-noteref" id="fr.p2.s1.r1">1</a></span></p>'
    )
    linked = fx.sentence_spans(fx.H.p(), [sentence], note_href=lambda note: f"notes.xhtml#{note}")
    ref = linked.find(f".//{X}a")
    assert ref.get("href") == "notes.xhtml#fr.n1" and ref.get(EPUB_TYPE) == "noteref"
