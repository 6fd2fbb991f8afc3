"""Every reader's device: the Kobo edition (KEPUB), the web edition's folder, and the EPUB
fixes that go with them (colours from the text, contents without cut sentences, popup note
numbers as in the text, sequential links to the sentence, the colophon in the book's words).

The browser side of the web edition (highlighting, toggles, the responsive switch, axe-core)
is ``tests/test_web_browser.py`` (``make web-check``); the AZW3 is in ``make reader-check``.
Expected counts come from the TEI, read with XPath, not with enface's reader.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from conftest import BUNDLED, ROOT, SLUG, TEI_NS, source_paragraphs
from enface.xmlsafe import parse_bytes

pytestmark = [pytest.mark.slow, pytest.mark.books]
X = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
LIGHTHOUSE = ROOT / "tests" / "fixtures" / "lighthouse"
LIGHTHOUSE_MANIFEST = (
    'slug = "lighthouse"\n'
    'description = "A short story written for enface\'s tests, in English, French and German."\n'
    'rights = "Dedicated to the public domain (CC0 1.0)."\n\n[titles]\n'
    'en = "The Lighthouse Keeper"\nfr = "Le Gardien du phare"\nde = "Der Leuchtturmwärter"\n'
    + "".join(
        f'\n[[sources]]\nfile = "{lang}.md"\nlang = "{lang}"\nrole = "translation"\n' for lang in ("en", "fr", "de")
    )
)


@pytest.fixture(scope="session")
def devices(built_all, tmp_path_factory) -> Path:
    """The bundled edition's EPUB, KEPUB and web edition, built from ``built_all``'s stage
    cache (the same text and print layout)."""
    from enface.cache import CACHE_DIR
    from enface.commands.build import build

    out = tmp_path_factory.mktemp("devices")
    shutil.copytree(built_all.out / CACHE_DIR, out / CACHE_DIR)
    result = build(BUNDLED, out, ["epub", "kepub", "web"])
    assert not result.failed
    return out


@pytest.fixture(scope="session")
def lighthouse(tmp_path_factory) -> Path:
    """The lighthouse story (chapters, footnotes) as KEPUB and web edition."""
    from enface.commands.build import build

    edition = tmp_path_factory.mktemp("lighthouse-edition") / "lighthouse"
    shutil.copytree(LIGHTHOUSE, edition)
    (edition / "edition.toml").write_text(LIGHTHOUSE_MANIFEST, encoding="utf-8")
    out = tmp_path_factory.mktemp("lighthouse-out")
    result = build(edition, out, ["kepub", "web"])
    assert not result.failed
    return out


def docs(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return {n[len("EPUB/") :]: parse_bytes(archive.read(n)) for n in archive.namelist() if n.endswith(".xhtml")}


def tei_sentence_ids(tei: Path) -> list[str]:
    root = etree.parse(str(tei))
    return root.xpath("//tei:group/tei:text//tei:s/@xml:id | //tei:back//tei:s/@xml:id", namespaces=TEI_NS)


# --- KEPUB ----------------------------------------------------------------------------------


def test_kepub_passes_epubcheck_and_keeps_every_word(devices, lighthouse, epubcheck):
    from enface.checks.text import compare, epub_text
    from enface.ingest.reader import decode, normalise
    from enface.manifest import load_edition

    for book in (devices / f"{SLUG}.kepub.epub", lighthouse / "lighthouse.kepub.epub"):
        result = epubcheck(book)
        assert (len(result.errors), len(result.warnings)) == (0, 0), result.errors + result.warnings
    text = epub_text(devices / f"{SLUG}.kepub.epub")
    for source in load_edition(BUNDLED).sources:
        path = BUNDLED / source.file
        assert compare(source.file, normalise(decode(path.read_bytes(), path))[0], text).ok


def test_kepub_has_a_kobo_span_per_sentence(devices, built_all):
    books = docs(devices / f"{SLUG}.kepub.epub")
    sentences = {}
    for root in books.values():
        ids = []  # kobo.N.M: unique in its document
        for span in root.iter(f"{X}span"):
            if span.get("class") == "koboSpan":
                ids.append(span.get("id"))
                assert re.fullmatch(r"kobo\.\d+\.\d+", span.get("id"))
                parent = span.getparent()
                if parent.get("class") == "s":
                    assert len(parent) == 1 and not parent.text  # the whole sentence, once
                    sentences[parent.get("id")] = span
        body = root.find(f"{X}body")
        if body.find(f"{X}nav") is None:  # every document but the navigation one
            assert [d.get("id") for d in body.iter(f"{X}div")][:2] == ["book-columns", "book-inner"]
        assert len(ids) == len(set(ids))
    expected = tei_sentence_ids(built_all.out / f"{SLUG}.tei.xml")
    assert set(expected) <= set(sentences) and len(expected) > 100
    # the KEPUB is the interleaved EPUB plus Kobo's markup: same sentences, same order
    plain = docs(devices / f"{SLUG}.epub")["text/parallel.xhtml"]
    order = [s.get("id") for s in plain.iter(f"{X}span") if s.get("class") == "s"]
    kobo = [s.get("id") for s in books["text/parallel.xhtml"].iter(f"{X}span") if s.get("class") == "s"]
    assert order == kobo


def test_kepub_footnotes_are_noteref_and_footnote_asides(lighthouse):
    books = docs(lighthouse / "lighthouse.kepub.epub")
    refs = [(name, a) for name, root in books.items() for a in root.iter(f"{X}a") if a.get(EPUB_TYPE) == "noteref"]
    assert refs
    for name, ref in refs:
        target = books[name].xpath("//*[@id=$i]", i=ref.get("href")[1:])
        assert len(target) == 1 and target[0].tag == f"{X}aside" and target[0].get(EPUB_TYPE) == "footnote"
        assert any(a.get("class") == "koboSpan" for a in ref.iterancestors())  # inside its sentence's span


# --- the web edition's folder ------------------------------------------------------------


def test_web_folder_is_listed_checked_and_self_contained(devices):
    from enface.web.check import problems

    folder = devices / f"{SLUG}.web"
    assert folder.is_dir() and (folder / "index.html").is_file()
    assert {p.name for p in (folder / "fonts").iterdir()} >= {"OFL.txt", "EnfaceText-Regular.ttf"}
    sums = (devices / "SHA256SUMS").read_text(encoding="utf-8")
    inner = (folder / "SHA256SUMS").read_bytes()
    assert f"{hashlib.sha256(inner).hexdigest()}  {SLUG}.web/SHA256SUMS\n" in sums
    listed = {}
    for line in inner.decode().splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    files = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert problems(folder) == []
    text = "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.html")) + (folder / "style.css").read_text()
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//|url\((?:['\"])?(?:https?:)?//", text)


def test_web_rows_are_the_tei_beads_with_every_language(devices, built_all):
    root = html.parse(str(devices / f"{SLUG}.web" / "index.html")).getroot()
    tei = etree.parse(str(built_all.out / f"{SLUG}.tei.xml"))
    links = tei.xpath("//tei:linkGrp[@type='alignment']/tei:link/@target", namespaces=TEI_NS)
    beads = root.xpath("//div[contains(concat(' ', @class, ' '), ' bead ')]")
    assert len(beads) == len(links)
    for bead, targets in zip(beads, links):
        cells = bead.xpath("./div[contains(@class, 'cell')]")
        assert [c.get("data-lang") for c in cells] == ["fr", "id", "ru"]
        shown = [s.get("id") for c in cells for s in c.xpath(".//span[@class='s']")]
        assert shown == [t[1:] for t in targets.split()]
        assert bead.get("role") == "group" and bead.get("aria-label")


def test_web_page_numbers_are_the_epub_page_list(devices):
    root = html.parse(str(devices / f"{SLUG}.web" / "index.html")).getroot()
    web = [span.text for span in root.xpath("//span[contains(concat(' ', @class, ' '), ' page-number ')]")]
    nav = docs(devices / f"{SLUG}.epub")["nav.xhtml"]
    page_list = nav.xpath("//h:nav[@id='page-list']//h:a/text()", namespaces={"h": X[1:-1]})
    assert web == page_list and len(web) >= 10


def test_web_with_chapters_has_a_page_each_and_its_footnotes(lighthouse):
    from enface.web.check import page_text, problems

    folder = lighthouse / "lighthouse.web"
    chapters = sorted(folder.glob("chapter-*.html"))
    assert len(chapters) >= 2 and problems(folder) == []
    for page in chapters:
        root = html.parse(str(page)).getroot()
        assert len(root.xpath("//h1")) == 1
        for ref in root.xpath("//a[contains(@class, 'noteref')]"):
            assert root.xpath("//aside[@id=$i]", i=ref.get("href")[1:])
    words = page_text(folder)
    for lang in ("en", "fr", "de"):
        text = (LIGHTHOUSE / f"{lang}.md").read_text(encoding="utf-8")
        for word in re.findall(r"\w{4,}", text.split("---", 2)[-1])[:400]:
            assert word in words, word


def test_web_folder_is_up_to_date_rebuilt_when_touched_and_kept_by_other_builds(devices, tmp_path):
    from enface.cache import CACHE_DIR
    from enface.commands.build import build

    out = tmp_path / "out"
    shutil.copytree(devices / CACHE_DIR, out / CACHE_DIR)
    assert not build(BUNDLED, out, ["epub", "kepub", "web"]).failed
    assert build(BUNDLED, out, ["epub", "kepub", "web"]).up_to_date
    (out / f"{SLUG}.web" / "script.js").write_text("damaged", encoding="utf-8")
    again = build(BUNDLED, out, ["epub", "kepub", "web"])
    assert not again.up_to_date and (out / f"{SLUG}.web" / "script.js").read_text() != "damaged"
    build(BUNDLED, out, ["epub"])  # another format: the web folder is kept as it was
    assert (out / f"{SLUG}.web" / "index.html").is_file()
    assert f"{SLUG}.web/SHA256SUMS" in (out / "SHA256SUMS").read_text()


# --- the EPUB fixes ----------------------------------------------------------------------


def test_epub_css_takes_every_colour_from_the_text_and_uses_relative_units():
    for name in ("epub.css", "epub-structure.css"):
        css = re.sub(r"/\*.*?\*/", "", (ROOT / "styles" / name).read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b|\brgb|\b(black|white)\b", css), name
        assert not re.search(r"\d(px|pt|cm|mm|in)\b", css), name
    css = (ROOT / "styles" / "epub.css").read_text(encoding="utf-8")
    assert "max-width: 35em" in css and "break-after: avoid" in css


def test_contents_per_language_never_cut_a_sentence(devices, built_all):
    from enface.epub import build_epub
    from enface.tei.read import read_tei
    from enface.xmlsafe import parse_file

    doc = read_tei(parse_file(built_all.out / f"{SLUG}.tei.xml"))
    counts = source_paragraphs(BUNDLED)
    for mode in ("interleaved", "sequential", "popup"):
        data = build_epub(doc, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), mode=mode).data
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            nav = parse_bytes(archive.read("EPUB/nav.xhtml"))
        texts = [a.text for a in nav.iter(f"{X}a")]
        assert not any("…" in t for t in texts), mode
        langs = {li.get("lang") for li in nav.iter(f"{X}li") if li.get("lang")}
        langs |= {n.get("lang") for n in nav.iter(f"{X}nav") if n.get("lang")}
        langs.add(doc.meta.lang)
        assert langs >= {"fr", "id", "ru"}, mode
        for lang, label in (("id", "Paragraf"), ("ru", "Абзац")):
            entries = [a.text for a in nav.iter(f"{X}a") if (a.text or "").startswith(label + " ")]
            assert len(entries) == counts[lang], (mode, lang)


def test_popup_note_numbers_match_the_text_and_sequential_links_land_on_sentences(built_all):
    popup = docs(built_all.out / f"{SLUG}.popup.epub")["text/reading.xhtml"]
    for ref in popup.iter(f"{X}a"):
        if ref.get(EPUB_TYPE) == "noteref":
            note = popup.xpath("//*[@id=$i]", i=ref.get("href")[1:])[0]
            assert note.find(f".//{X}a[@role='doc-backlink']").text == ref.text
    sequential = docs(built_all.out / f"{SLUG}.sequential.epub")
    for root in sequential.values():
        for xref in root.iter(f"{X}p"):
            if xref.get("class") != "xref":
                continue
            for a in xref.iter(f"{X}a"):
                name, _, ident = a.get("href").partition("#")
                target = sequential[f"text/{name}"].xpath("//*[@id=$i]", i=ident)[0]
                assert target.get("class") == "s"


def test_colophon_is_a_definition_list_in_the_book_language_with_its_typography(built_all):
    colophon = docs(built_all.out / f"{SLUG}.epub")["text/colophon.xhtml"]
    assert colophon.find(f".//{X}table") is None
    sources = colophon.find(f".//{X}dl[@class='sources']")
    text = "".join(sources.itertext())
    assert "traduction" in text and "annexe" in text and "translation" not in text
    assert "SHA-256\u00a0:" in text
    work = colophon.find(f".//{X}p[@class='work']")
    assert work.text.startswith("Textes sur\u00a0:")
    description = colophon.find(f".//{X}p[@class='description']")
    assert description.get("lang") == "en" and "Abe’s" in description.text and "'" not in description.text


def test_print_colophon_is_unchanged(built_all):
    """The print edition's colophon keeps its table and words as they were (its bytes must not
    change): only the reflowable editions ask for the definition list and the typography."""
    from enface.fonts import FONT_CREDITS
    from enface.tei.read import read_tei
    from enface.xhtml import fragments as fx
    from enface.xmlsafe import parse_file

    meta = read_tei(parse_file(built_all.out / f"{SLUG}.tei.xml")).meta
    printed = b"".join(etree.tostring(e) for e in fx.colophon(meta, FONT_CREDITS["pdf"]))
    assert b"<table" in printed and b"Textes sur: " in printed and b"<td>translation</td>" in printed
