"""The EPUB edition: three reading modes, navigation with the print edition's pages,
accessibility metadata, a generated cover, subset and renamed fonts.

The bundled edition is built once per session with every mode and the PDF (whose page
starts make the page-list: ``built_all`` in conftest.py); each book is EPUBChecked once, in
`make test-books`.
Expected counts come from the sources and the TEI, read apart from the EPUB.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from conftest import bead_languages, source_paragraphs, tei_beads
from enface.checks.text import unhyphenate, words
from enface.xmlsafe import parse_bytes, parse_file

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SLUG = "face-of-another"
MODES = ("interleaved", "sequential", "popup")
FILES = {"interleaved": f"{SLUG}.epub", "sequential": f"{SLUG}.sequential.epub", "popup": f"{SLUG}.popup.epub"}
X = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "epub": "http://www.idpf.org/2007/ops",
}


@pytest.fixture(scope="session")
def editions(built_all) -> Path:
    return built_all.out


@pytest.fixture(scope="session")
def print_pages(built_all) -> list[tuple[str, str]]:
    """The print writer's page starts the build used (recorded on the way, not recomputed)."""
    return built_all.renders[0].page_starts


@pytest.fixture(scope="session")
def paragraphs(bundled_dir) -> dict[str, int]:
    """Paragraphs per language, counted on the source files."""
    return source_paragraphs(bundled_dir)


@pytest.fixture(scope="session")
def beads(editions) -> list[list[str]]:
    return tei_beads(editions / f"{SLUG}.tei.xml")


@pytest.fixture(scope="session")
def doc(editions):
    from enface.tei.read import read_tei

    return read_tei(parse_file(editions / f"{SLUG}.tei.xml"))


class Book:
    def __init__(self, path: Path) -> None:
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self.files = {name: archive.read(name) for name in archive.namelist()}
        self.opf = parse_bytes(self.files["EPUB/content.opf"])
        self.nav = parse_bytes(self.files["EPUB/nav.xhtml"])
        self.ncx = parse_bytes(self.files["EPUB/toc.ncx"])
        self.docs = {
            name[len("EPUB/") :]: parse_bytes(data)
            for name, data in self.files.items()
            if name.endswith(".xhtml") and name != "EPUB/nav.xhtml"
        }

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iterfind(".//opf:metadata/opf:meta", NS) if m.get("property") == prop]

    def element(self, href: str) -> tuple[str, etree._Element]:
        name, _, fragment = href.partition("#")
        root = self.docs[name]
        found = root.xpath("//*[@id=$i]", i=fragment)
        assert len(found) == 1, f"{href}: {len(found)} elements"
        return name, found[0]

    def ids(self) -> Counter:
        return Counter(
            el.get("id")
            for root in self.docs.values()
            for el in root.iter()
            if isinstance(el.tag, str) and el.get("id")
        )


@pytest.fixture(scope="session")
def books(editions) -> dict[str, Book]:
    return {mode: Book(editions / name) for mode, name in FILES.items()}


def lang_of(element: etree._Element) -> str | None:
    for el in [element, *element.iterancestors()]:
        if el.get("lang"):
            assert el.get(XML_LANG) == el.get("lang"), etree.tostring(el)[:120]
            return el.get("lang")
    return None


def tei_lang(sentence_id: str, doc) -> str:
    if sentence_id.startswith("appendix"):
        return next(a.lang for a in doc.appendices if sentence_id.startswith(a.id + "."))
    return sentence_id.split(".", 1)[0]


def next_sentence(element: etree._Element) -> etree._Element:
    for el in element.itersiblings() if element.tag == f"{X}span" else ():
        if el.get("class") == "s":
            return el
    for el in element.iterdescendants(f"{X}span"):
        if el.get("class") == "s":
            return el
    for el in element.iterfollowing():
        if el.tag == f"{X}span" and el.get("class") == "s":
            return el
    raise AssertionError("no sentence after the page break")


# --- validity --------------------------------------------------------------------------


def test_the_print_edition_is_laid_out_once_for_pdf_and_every_mode(built_all):
    assert len(built_all.renders) == 1, "the print edition is laid out once, for the PDF and every EPUB"
    assert not [w for w in built_all.warnings if "page-list" in w], built_all.warnings


# EPUBCheck is a JVM (about 6 s of CPU a book): every mode's book in `make test-books` (the
# interleaved one is the default build's, also checked in test_build.py: checked once).
@pytest.mark.books
@pytest.mark.parametrize("mode", MODES)
def test_epubcheck_zero_errors_zero_warnings(editions, epubcheck, mode):
    result = epubcheck(editions / FILES[mode])
    assert result.errors == [], mode
    assert result.warnings == [], mode


@pytest.mark.parametrize("mode", MODES)
def test_every_word_of_every_source_in_every_mode(editions, bundled_dir, mode):
    from enface.checks.text import compare, epub_text
    from enface.ingest.reader import decode, normalise
    from enface.manifest import load_edition

    text = epub_text(editions / FILES[mode])
    for source in load_edition(bundled_dir).sources:
        path = bundled_dir / source.file
        result = compare(source.file, normalise(decode(path.read_bytes(), path))[0], text)
        assert result.ok, result.describe()


# --- reading modes -----------------------------------------------------------------------


def test_interleaved_is_bead_by_bead_and_labelled(books, doc, beads):
    book = books["interleaved"]
    root = book.docs["text/parallel.xhtml"]
    divs = root.findall(f".//{X}div[@class='bead']")
    read = [bead for unit in doc.units for bead in unit.beads]
    # as many as the TEI's alignment links, counted with XPath on the TEI file
    assert len(divs) == len(read) == len(beads) > 0
    for div, bead in zip(divs, read):
        versions = div.findall(f"{X}div")
        expected = [lang for lang in doc.meta.langs if bead[lang]]
        assert [v.get("lang") for v in versions] == expected
        for version, lang in zip(versions, expected):
            assert version.get(XML_LANG) == lang
            label = version.find(f".//{X}span[@class='lang-label']")
            assert label is not None and "".join(label.itertext()) == lang.upper()
            spans = [s.get("id") for s in version.iter(f"{X}span") if s.get("class") == "s"]
            assert spans == [s.id for s in bead[lang]]
    # every sentence of the parallel text once, in one document
    ids = book.ids()
    for unit in doc.units:
        for paras in unit.paragraphs.values():
            for para in paras:
                assert all(ids[s.id] == 1 for s in para.sentences)


def test_sequential_parts_link_paragraphs_both_ways(books, doc, paragraphs):
    book = books["sequential"]
    for lang in doc.meta.langs:
        root = book.docs[f"text/{lang}.xhtml"]
        part = root.find(f".//{X}section")
        assert part.get("lang") == lang and part.get(XML_LANG) == lang
        paras = [p.id for u in doc.units for p in u.paragraphs[lang]]
        assert [d.get("id") for d in root.iter(f"{X}div") if d.get("class") == "para"] == paras
    links = 0
    for lang in doc.meta.langs:
        for div in book.docs[f"text/{lang}.xhtml"].iter(f"{X}div"):
            if div.get("class") != "para":
                continue
            xref = div.find(f"{X}p[@class='xref']")
            targets = [a.get("href") for a in xref.iter(f"{X}a")]
            assert len(targets) == len(doc.meta.langs) - 1
            for href in targets:
                # the link lands on the counterpart paragraph's first sentence
                name, target = book.element("text/" + href)
                assert target.get("class") == "s"
                para = next(a for a in target.iterancestors() if a.get("class") == "para")
                assert target is next(s for s in para.iter(f"{X}span") if s.get("class") == "s")
                assert para.get("lang") is None and lang_of(target) == name[len("text/") : -len(".xhtml")]
                back = [a.get("href") for a in para.find(f"{X}p[@class='xref']").iter(f"{X}a")]
                first = next(s for s in div.iter(f"{X}span") if s.get("class") == "s")
                assert f"{lang}.xhtml#{first.get('id')}" in back  # …and back
                links += 1
    others = len(doc.meta.langs) - 1
    assert links == sum(paragraphs.values()) * others  # every paragraph to every other language


def test_popup_translations_are_footnotes(books, doc, beads):
    book = books["popup"]
    root = book.docs["text/reading.xhtml"]
    refs = [a for a in root.iter(f"{X}a") if a.get(EPUB_TYPE) == "noteref"]
    # one note per TEI bead with a French sentence and a translation (counted on the TEI file)
    assert len(refs) == sum(1 for b in beads if "fr" in bead_languages(b) and len(bead_languages(b)) > 1) > 0
    for ref in refs:
        assert ref.get("role") == "doc-noteref"
        _name, note = book.element("text/reading.xhtml" + ref.get("href"))
        assert note.tag == f"{X}aside" and note.get(EPUB_TYPE) == "footnote" and note.get("role") == "doc-footnote"
        back = note.find(f".//{X}a[@role='doc-backlink']")
        assert back.get("href") == "#" + ref.get("id")
        assert {v.get("lang") for v in note.findall(f"{X}div")} == {"id", "ru"}
    reading = [
        s.get("id")
        for s in root.iter(f"{X}span")
        if s.get("class") == "s" and not any(a.tag == f"{X}aside" for a in s.iterancestors())
    ]
    assert reading == [s.id for u in doc.units for p in u.paragraphs["fr"] for s in p.sentences]
    noted = {s.get("id") for aside in root.iter(f"{X}aside") for s in aside.iter(f"{X}span") if s.get("class") == "s"}
    assert noted == {s.id for u in doc.units for lang in ("id", "ru") for p in u.paragraphs[lang] for s in p.sentences}


def test_popup_primary_language_is_an_option(doc):
    import datetime as dt

    from enface.epub import build_epub
    from enface.errors import EnfaceError

    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with zipfile.ZipFile(__import__("io").BytesIO(build_epub(doc, when, mode="popup", primary="ru").data)) as z:
        root = parse_bytes(z.read("EPUB/text/reading.xhtml"))
    first = next(p for p in root.iter(f"{X}p") if p.get("class") == "text")
    assert lang_of(first) == "ru" and first.get("id") == "ru.p1"
    assert {v.get("lang") for v in root.find(f".//{X}aside").findall(f"{X}div")} == {"fr", "id"}
    with pytest.raises(EnfaceError, match="primary"):
        build_epub(doc, when, mode="popup", primary="de")


# --- navigation and the print edition's pages ---------------------------------------------


def test_nav_toc_per_language_landmarks_and_ncx(books, doc, paragraphs):
    for mode, book in books.items():
        toc = book.nav.find(f".//{X}nav[@{{http://www.idpf.org/2007/ops}}type='toc']")
        assert toc.get("role") == "doc-toc" and toc.find(f"{X}h1") is not None
        hrefs = [a.get("href") for a in toc.iter(f"{X}a")]
        for href in hrefs:
            book.element(href) if "#" in href else book.docs[href]
        assert any(h.startswith("text/appendix-1.xhtml") for h in hrefs)
        landmarks = book.nav.find(f".//{X}nav[@{{http://www.idpf.org/2007/ops}}type='landmarks']")
        types = [a.get(EPUB_TYPE) for a in landmarks.iter(f"{X}a")]
        assert types == ["cover", "titlepage", "toc", "bodymatter", "appendix"], mode
        points = book.ncx.findall(".//ncx:navPoint", NS)
        assert len(points) == len(hrefs)
    parts = books["sequential"].nav.find(f".//{X}nav/{X}ol")
    langs = [li.get("lang") for li in parts.findall(f"{X}li") if li.get("lang")]
    assert langs == list(doc.meta.langs)  # contents per language
    for li in parts.findall(f"{X}li"):
        if li.get("lang"):
            assert len(li.findall(f"{X}ol/{X}li")) == paragraphs[li.get("lang")]  # an entry per source paragraph


def test_page_list_every_mode_points_at_page_breaks(books, print_pages, doc):
    assert len(print_pages) >= 10
    for mode, book in books.items():
        page_list = book.nav.find(f".//{X}nav[@{{http://www.idpf.org/2007/ops}}type='page-list']")
        entries = [(a.text, a.get("href")) for a in page_list.iter(f"{X}a")]
        assert [label for label, _ in entries] == [label for label, _ in print_pages], mode
        ncx_pages = book.ncx.findall(".//ncx:pageList/ncx:pageTarget", NS)
        assert [t.find("ncx:content", NS).get("src") for t in ncx_pages] == [h for _, h in entries]
        for (label, href), (_print_label, target) in zip(entries, print_pages):
            _name, marker = book.element(href)
            assert marker.get(EPUB_TYPE) == "pagebreak" and marker.get("role") == "doc-pagebreak"
            assert label in marker.get("aria-label")
            landed = next_sentence(marker).get("id")
            if mode != "popup" or target.split(".")[0] in ("fr", "appendix1"):
                assert landed == target, (mode, label)
            else:  # a translation is a note: the page lands on the French sentence of its bead
                bead = next(b for u in doc.units for b in u.beads if any(s.id == target for v in b.values() for s in v))
                assert landed == bead["fr"][0].id


def _pdf_pages(pdf: Path) -> tuple[list[str], list[list[str]]]:
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    texts = [page.extract_text() or "" for page in reader.pages]
    return list(reader.page_labels), texts


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def test_page_list_labels_are_the_printed_page_numbers(editions, books, doc):
    """Each page-list entry's sentence starts on the PDF page printed with that number."""
    labels, texts = _pdf_pages(editions / f"{SLUG}.pdf")
    vocabulary = {w for t in texts for w in words(t)}
    sentences = {s.id: s.text for u in doc.units for ps in u.paragraphs.values() for p in ps for s in p.sentences}
    sentences.update({s.id: s.text for a in doc.appendices for p in a.paragraphs for s in p.sentences})
    book = books["interleaved"]
    page_list = book.nav.find(f".//{X}nav[@{{http://www.idpf.org/2007/ops}}type='page-list']")
    checked = 0
    for a in page_list.iter(f"{X}a"):
        label = a.text
        _name, marker = book.element(a.get("href"))
        sentence = next_sentence(marker).get("id")
        assert label in labels, f"no PDF page labelled {label}"
        index = labels.index(label)
        page_words = words(unhyphenate(texts[index], vocabulary))
        first = words(sentences[sentence])[:4]
        assert _contains(page_words, first), f"page {label}: {first} not on it"
        lines = [line.strip() for line in texts[index].strip().splitlines() if line.strip()]
        folio = lines[:2] + lines[-2:]  # running head / foot with the printed number
        assert any(re.search(rf"(^|\s){re.escape(label)}(\s|$)", line) for line in folio), (label, folio)
        contents = texts[index - 1].lstrip().startswith("Table des matières") if index > 0 else False
        if index > 0 and not contents:  # it starts there: its first words are not on the page before
            # (the contents quotes each paragraph's first words: it is the only exception)
            assert not _contains(words(unhyphenate(texts[index - 1], vocabulary)), first), label
        checked += 1
    assert checked >= 10


def test_print_edition_is_the_declared_page_source(books, doc):
    from enface.epub.writer import print_source_id

    for book in books.values():
        source = book.opf.find(".//dc:source", NS)
        assert source is not None and source.get("id")
        refines = [m for m in book.opf.iterfind(".//opf:meta", NS) if m.get("property") == "source-of"]
        assert len(refines) == 1 and refines[0].text == "pagination"
        assert refines[0].get("refines") == "#" + source.get("id")
        assert source.text.startswith("urn:uuid:")
        colophon = "".join(book.docs["text/colophon.xhtml"].itertext())
        assert source.text in colophon
    # the same id in every mode: the print edition's, derived from the edition's identifier
    assert {b.opf.find(".//dc:source", NS).text for b in books.values()} == {print_source_id(doc)}
    other = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, identifier=doc.meta.identifier + "-2"))
    assert print_source_id(other) != print_source_id(doc)  # another edition, another print source


def test_page_breaks_without_the_print_layout_use_a_fake(doc):
    """The page-list code against the print writer's interface, with a fake page-start list."""
    from enface.epub.modes import build_body
    from enface.epub.pages import place_page_breaks

    fake = [
        ("7", "fr.p1.s1"),
        ("8", "id.p2.s3"),
        ("9", "u4"),
        ("10", "ru.p5"),
        ("11", "appendix1.p2.s1"),
        ("12", "nowhere"),
    ]
    body = build_body(doc, "popup", "fr")
    from enface.epub.writer import _appendix_parts

    appendices, _toc = _appendix_parts(doc)
    entries, warnings = place_page_breaks(
        [*body.parts, *appendices], fake, body.aliases, label_text=lambda label: f"page {label}"
    )
    assert [e.label for e in entries] == ["7", "8", "9", "10", "11"]
    assert len(warnings) == 1 and "12" in warnings[0] and "nowhere" in warnings[0]
    bead = next(b for u in doc.units for b in u.beads if any(s.id == "id.p2.s3" for s in b["id"]))
    assert entries[1].landed == bead["fr"][0].id  # a translation lands on its bead's French sentence
    assert entries[2].landed == "u4"
    assert entries[3].landed == "fr.p5.s1" or entries[3].landed == "fr.p5"
    assert entries[4].href.startswith("text/appendix-1.xhtml#page-11")


# --- accessibility -----------------------------------------------------------------------


def test_accessibility_metadata(books):
    for mode, book in books.items():
        assert book.opf.get(XML_LANG) == "fr"
        assert set(book.meta("schema:accessMode")) >= {"textual"}
        assert book.meta("schema:accessModeSufficient") == ["textual"]
        features = set(book.meta("schema:accessibilityFeature"))
        assert {
            "structuralNavigation",
            "tableOfContents",
            "readingOrder",
            "alternativeText",
            "printPageNumbers",
            "pageNavigation",
        } <= features, mode
        assert book.meta("schema:accessibilityHazard") == ["none"]
        summary = book.meta("schema:accessibilitySummary")
        assert len(summary) == 1 and len(summary[0]) > 80
        assert book.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
        assert book.meta("a11y:certifiedBy")


def test_no_print_page_numbers_claimed_without_a_page_list(doc):
    import datetime as dt
    import io

    from enface.epub import build_epub

    data = build_epub(doc, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        opf = parse_bytes(z.read("EPUB/content.opf"))
        nav = parse_bytes(z.read("EPUB/nav.xhtml"))
    features = [m.text for m in opf.iterfind(".//opf:meta", NS) if m.get("property") == "schema:accessibilityFeature"]
    assert "printPageNumbers" not in features and "tableOfContents" in features
    assert opf.find(".//dc:source", NS) is None
    assert nav.find(f".//{X}nav[@{{http://www.idpf.org/2007/ops}}type='page-list']") is None


def test_every_text_has_the_right_language(books, doc):
    for mode, book in books.items():
        for name, root in book.docs.items():
            part = re.fullmatch(r"text/([a-z]{2})\.xhtml", name)  # sequential: a document per language
            assert root.get("lang") == root.get(XML_LANG) == (part.group(1) if part else "fr"), name
            for span in root.iter(f"{X}span"):
                if span.get("class") == "s":
                    assert lang_of(span) == tei_lang(span.get("id"), doc), (mode, name, span.get("id"))
                if span.get("class") == "lang-label":
                    assert lang_of(span) == "".join(span.itertext()).lower()
            for el in root.iter(f"{X}div", f"{X}a"):
                if el.get("class", "").startswith("version") or el.get("hreflang"):
                    assert lang_of(el) == (el.get("hreflang") or lang_of(el.find(f".//{X}span[@class='lang-label']")))
        colophon = book.docs["text/colophon.xhtml"]
        description = next(p for p in colophon.iter(f"{X}p") if p.get("class") == "description")
        assert lang_of(description) == "en"  # the manifest's description is English, not French


def test_semantics_roles_and_headings(books):
    pairs = {
        "chapter": "doc-chapter",
        "appendix": "doc-appendix",
        "colophon": "doc-colophon",
        "footnote": "doc-footnote",
        "noteref": "doc-noteref",
        "pagebreak": "doc-pagebreak",
        "cover": "doc-cover",
        "toc": "doc-toc",
        "page-list": "doc-pagelist",
    }
    for book in books.values():
        for root in [book.nav, *book.docs.values()]:
            for el in root.iter():
                if not isinstance(el.tag, str) or el.tag == f"{X}body" or el.get(EPUB_TYPE) not in pairs:
                    continue
                if any(a.get(EPUB_TYPE) == "landmarks" for a in el.iterancestors()):
                    continue  # landmarks are links to those parts, not the parts
                assert el.get("role") == pairs[el.get(EPUB_TYPE)], (el.get(EPUB_TYPE), el.tag)
            levels = [
                int(el.tag[-1])
                for el in root.iter()
                if isinstance(el.tag, str) and re.fullmatch(rf"{re.escape(X)}h[1-6]", el.tag)
            ]
            if root is not book.nav and root is not book.docs["text/cover.xhtml"]:  # the cover is an image
                assert levels and levels[0] == 1, "every document starts with an h1"
            assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


def test_css_needs_no_grid_flex_float_or_positioning():
    css = (ROOT / "styles" / "epub.css").read_text(encoding="utf-8")
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.search(
        r"display\s*:\s*(inline-)?(grid|flex)|\bfloat\s*:|position\s*:\s*(absolute|fixed)|columns\s*:", body
    )


# --- cover and fonts ---------------------------------------------------------------------


def test_cover_is_generated_deterministic_and_linear(books, doc):
    import io

    from PIL import Image

    from enface.epub.cover import cover_png

    assert cover_png(doc.meta) == cover_png(doc.meta)
    for book in books.values():
        item = book.opf.find(".//opf:item[@properties='cover-image']", NS)
        assert item is not None and item.get("media-type") == "image/png"
        image = Image.open(io.BytesIO(book.files["EPUB/" + item.get("href")]))
        assert image.size == (1400, 2100)
        assert book.files["EPUB/" + item.get("href")] == cover_png(doc.meta)
        first = book.opf.find(".//opf:spine/opf:itemref", NS)
        assert first.get("linear") in (None, "yes")  # OPF-096: a non-linear cover page is unreachable
        img = book.docs["text/cover.xhtml"].find(f".//{X}img")
        assert all(t in img.get("alt") for t in doc.meta.titles.values())


def test_fonts_are_subset_renamed_and_complete(books):
    import io

    from fontTools.ttLib import TTFont

    book = books["interleaved"]
    fonts = {n: d for n, d in book.files.items() if n.endswith(".ttf")}
    vendored = len(list((ROOT / "styles" / "fonts").glob("CharisSIL-*.ttf")))  # the styles enface ships
    assert len(fonts) == vendored > 0
    text = "".join("".join(root.itertext()) for root in book.docs.values())
    needed = {ord(ch) for ch in text if not ch.isspace()}
    for name, data in fonts.items():
        assert len(data) < 160_000, f"{name} not subset ({len(data)} bytes)"
        font = TTFont(io.BytesIO(data))
        cmap = font.getBestCmap()
        assert not needed - set(cmap), f"{name} lacks {sorted(chr(c) for c in needed - set(cmap))[:10]}"
        names = {r.nameID: r.toUnicode() for r in font["name"].names if r.platformID == 3}
        for name_id in (1, 3, 4, 6, 16, 17):
            if name_id in names:
                assert "Charis" not in names[name_id] and "SIL" not in names[name_id].split(), names[name_id]
        assert "Open Font License" in names[13] and "SIL International" in names[0]
    # the licence travels with the book
    assert "SIL OPEN FONT LICENSE" in "".join(book.docs["text/font-licence.xhtml"].itertext())
    css = book.files["EPUB/styles/epub.css"].decode()
    assert len(re.findall(r"@font-face\s*{", css)) == vendored and "CharisSIL-" not in css


def test_same_input_same_bytes(doc, print_pages, editions, bundled_dir):
    """The writer run again, fonts subset anew, gives the bytes of the session build's book."""
    from enface.dates import build_datetime
    from enface.epub import build_epub, fonts

    fonts.subset_fonts.cache_clear()
    again = build_epub(doc, build_datetime(bundled_dir), mode="sequential", page_starts=print_pages).data
    assert again == (editions / FILES["sequential"]).read_bytes()


# --- options -----------------------------------------------------------------------------


def test_modes_option_and_manifest(tmp_path, edition_copy):
    from enface.epub import output_name, parse_modes
    from enface.errors import EnfaceError
    from enface.manifest import load_edition

    assert parse_modes("all") == list(MODES) and parse_modes(None) == ["interleaved"]
    assert output_name(SLUG, "interleaved") == f"{SLUG}.epub"
    assert output_name(SLUG, "popup") == f"{SLUG}.popup.epub"
    with pytest.raises(EnfaceError, match="unknown EPUB mode"):
        parse_modes("sidebyside")
    manifest = edition_copy / "edition.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + '\n[epub]\nmode = "popup"\nprimary = "ru"\n', encoding="utf-8"
    )
    edition = load_edition(edition_copy)
    assert edition.epub.mode == "popup" and edition.epub.primary == "ru"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('primary = "ru"', 'primary = "de"'), encoding="utf-8"
    )
    with pytest.raises(EnfaceError, match="epub.primary"):
        load_edition(edition_copy)


def test_cli_rejects_a_bad_mode_before_building(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "enface", "build", "--out", str(tmp_path / "o"), "--epub-mode", "columns", "-q"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3  # bad input (EnfaceError)
    assert "unknown EPUB mode" in result.stderr and "interleaved" in result.stderr
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "enface", "build", "--out", str(tmp_path / "o"), "--epub-primary", "de", "-q"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3 and "primary" in result.stderr


def test_page_list_can_be_turned_off(tmp_path):
    from conftest import write_edition
    from enface.commands.build import build

    text = (
        "Le chercheur travaille au laboratoire avec une équipe nombreuse et patiente. "
        "Il écrit des notes chaque soir pour sa femme qui ne les lit jamais.\n"
    )
    on = write_edition(tmp_path / "on", {"fr.txt": ("fr", "translation", text)})
    off = write_edition(tmp_path / "off", {"fr.txt": ("fr", "translation", text)}, extra="[epub]\npage_list = false\n")
    pages = {}
    for name, edition in (("on", on), ("off", off)):
        build(edition, tmp_path / f"{name}-out", ["epub"], check_language=False)
        assert sorted(
            p.name
            for p in (tmp_path / f"{name}-out").iterdir()
            if not p.name.endswith(".json") and not p.name.startswith(".")
        ) == ["SHA256SUMS", "mini.epub"]  # the print edition is laid out for the page-list, not written
        book = Book(tmp_path / f"{name}-out" / "mini.epub")
        pages[name] = book.nav.find(f".//{X}nav[@{{http://www.idpf.org/2007/ops}}type='page-list']")
    assert pages["on"] is not None and len(pages["on"].findall(f".//{X}a")) >= 1
    assert pages["off"] is None
