"""End-to-end: the bundled edition builds into a valid TEI, an EPUB that passes EPUBCheck
and a PDF, and no word of any source is lost on the way."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from enface.checks.pdf import inspect_pdf
from enface.checks.text import compare, epub_text, pdf_text
from enface.ingest.reader import decode, normalise
from enface.manifest import load_edition
from enface.tei import validate
from enface.xmlsafe import parse_file

pytestmark = pytest.mark.slow

SLUG = "face-of-another"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _sources(bundled_dir):
    edition = load_edition(bundled_dir)
    for source in edition.sources:
        path = bundled_dir / source.file
        yield source.file, normalise(decode(path.read_bytes(), path))[0]


def test_outputs_exist(built):
    for suffix in (".tei.xml", ".epub", ".pdf"):
        assert (built / f"{SLUG}{suffix}").stat().st_size > 1000


def test_tei_is_valid_and_structured(built):
    tree = parse_file(built / f"{SLUG}.tei.xml")
    validate(tree)
    root = tree.getroot()
    texts = root.findall(f"{TEI}text/{TEI}group/{TEI}text")
    assert [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in texts] == ["fr", "id", "ru"]
    fr7 = [p for p in texts[0].iter(f"{TEI}p") if p.get(XML_ID) == "fr.p7"]
    assert len(fr7) == 1 and fr7[0].get("n") == "7"
    appendix = root.find(f"{TEI}text/{TEI}back/{TEI}div")
    assert appendix.get("type") == "appendix"
    assert appendix.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    links = root.findall(f"{TEI}text/{TEI}linkGrp[@type='translation']/{TEI}link")
    assert len(links) == 19
    assert links[6].get("target") == "#fr.p7 #id.p7 #ru.p7"
    hashes = [i.text for i in root.iter(f"{TEI}idno") if i.get("type") == "sha256"]
    assert len(hashes) == 4
    langs = [lang.get("ident") for lang in root.iter(f"{TEI}language")]
    assert langs == ["fr", "id", "ru"]


def test_tei_schema_rejects_a_broken_document(built):
    tree = parse_file(built / f"{SLUG}.tei.xml")
    p = next(tree.getroot().iter(f"{TEI}body")).find(f".//{TEI}p")
    del p.attrib[XML_ID]
    from enface.errors import EnfaceError

    with pytest.raises(EnfaceError, match="schema"):
        validate(tree)


def test_tei_dangling_link_is_caught(built):
    tree = parse_file(built / f"{SLUG}.tei.xml")
    link = next(tree.getroot().iter(f"{TEI}link"))
    link.set("target", link.get("target") + " #fr.p999")
    from enface.errors import EnfaceError

    with pytest.raises(EnfaceError, match="fr.p999"):
        validate(tree)


# EPUBCheck (a JVM, some 6 s of CPU) checks this book in `make test-books`, as it does every
# mode's (test_epub.py).
@pytest.mark.books
def test_epubcheck_zero_errors_zero_warnings(built):
    from enface.checks.epubcheck import run_epubcheck

    result = run_epubcheck(built / f"{SLUG}.epub")
    assert result.errors == []
    assert result.warnings == []


def test_epub_structure_and_metadata(built):
    with zipfile.ZipFile(built / f"{SLUG}.epub") as archive:
        names = archive.namelist()
        assert names[0] == "mimetype"
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        parallel = etree.fromstring(archive.read("EPUB/text/parallel.xhtml"))
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "opf": "http://www.idpf.org/2007/opf",
        "h": "http://www.w3.org/1999/xhtml",
    }
    assert sorted(e.text for e in opf.iterfind(".//dc:language", ns)) == ["fr", "id", "ru"]
    assert len(opf.findall(".//dc:title", ns)) == 3
    assert "summary" in opf.find(".//dc:description", ns).text
    assert opf.find(".//dc:identifier", ns).text == load_edition_uid()
    assert any(n.endswith(".ttf") for n in names)
    assert "EPUB/nav.xhtml" in names and "EPUB/toc.ncx" in names
    assert any("appendix" in n for n in names)
    # interleaved reading mode: bead by bead (136 aligned sentence groups in 19 units), every
    # language of every bead a version; every version is labelled and carries both lang attributes
    assert len(parallel.findall(".//h:section[@class='unit']", ns)) == 19
    assert len(parallel.findall(".//h:div[@class='bead']", ns)) == 136
    versions = parallel.findall(".//h:div[@class]", ns)
    versions = [v for v in versions if v.get("class").startswith("version")]
    assert len(versions) == 136 * 3
    for v in versions:
        lang = v.get("lang")
        assert v.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert v.find(".//h:span[@class='lang-label']", ns) is not None


def load_edition_uid():
    from pathlib import Path

    return load_edition(Path(__file__).parent.parent / "editions" / SLUG).uid()


def test_pdf_structure(built):
    report = inspect_pdf(built / f"{SLUG}.pdf")
    assert report.problems == []
    assert report.lang == "fr"
    assert report.title.startswith("La Face d’un autre")
    assert all(embedded for embedded in report.fonts.values())
    assert all("Charis" in name for name in report.fonts)  # no system font slipped in


@pytest.fixture(scope="module")
def extracted(built) -> tuple[str, str]:
    """The EPUB's and the PDF's text, extracted once for the module (the PDF's takes seconds)."""
    return epub_text(built / f"{SLUG}.epub"), pdf_text(built / f"{SLUG}.pdf")


@pytest.mark.parametrize("index", range(4))
def test_every_word_in_epub_and_pdf(extracted, bundled_dir, index):
    name, text = list(_sources(bundled_dir))[index]
    epub_words, pdf_words = extracted
    epub = compare(name, text, epub_words)
    assert epub.ok, epub.describe()
    pdf = compare(name, text, pdf_words)
    assert pdf.ok, pdf.describe()


def test_pdf_text_also_readable_by_poppler(built, bundled_dir):
    """A second, independent extractor: every paragraph's first words are in pdftotext's text."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext missing: run scripts/setup.sh (it installs poppler-utils)")
    text = subprocess.run(
        ["pdftotext", str(built / f"{SLUG}.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    from collections import Counter

    from enface.checks.text import words

    found = Counter(words(text))
    for name, source in _sources(bundled_dir):
        result = compare(name, source, text)
        missing = sum(result.missing.values())
        # pdftotext joins some line-end hyphenations itself ("orang-\norang" -> "orangorang"):
        # allow that, nothing more.
        assert missing <= 0.02 * result.total, f"{name}: {missing} words not found by pdftotext"
        for paragraph in source.split("\n"):
            first = words(paragraph)[:1]
            if first:
                assert found[first[0]] > 0, f"{name}: paragraph starting {first[0]!r} not found by pdftotext"


def test_tei_has_sentences_and_alignment(built):
    root = parse_file(built / f"{SLUG}.tei.xml").getroot()
    ids = {s.get(XML_ID) for s in root.iter(f"{TEI}s")}
    assert {"fr.p4.s1", "id.p4.s1", "ru.p4.s1", "appendix1.p8.s1"} <= ids
    beads = root.findall(f"{TEI}text/{TEI}linkGrp[@type='alignment']/{TEI}link")
    assert len(beads) == 136  # the hand-checked gold has 136 beads
    first = beads[0].get("target").split()
    assert first == ["#fr.p1.s1", "#id.p1.s1", "#ru.p1.s1"]


def test_tei_records_what_the_writers_used_to_guess(built):
    """The description's and rights' language and the review's rating are decided by the text
    stages and recorded in the TEI; the writers read them from there."""
    from enface.pipeline import is_rating
    from enface.tei.read import read_tei

    root = parse_file(built / f"{SLUG}.tei.xml").getroot()
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert root.find(f".//{TEI}notesStmt/{TEI}note").get(xml_lang) == "en"
    assert root.find(f".//{TEI}availability/{TEI}p").get(xml_lang) == "en"
    ratings = [p for p in root.iter(f"{TEI}p") if p.get("type") == "rating"]
    assert [p.get(XML_ID) for p in ratings] == ["appendix1.p8"]
    doc = read_tei(root)
    assert (doc.meta.description_lang, doc.meta.rights_lang) == ("en", "en")
    assert [p.type for p in doc.appendices[0].paragraphs][-2:] == ["", "rating"]
    assert is_rating("10 из 10") and not is_rating("Десять из десяти") and not is_rating("1" + "x" * 40)
    with zipfile.ZipFile(built / f"{SLUG}.epub") as archive:
        appendix = archive.read("EPUB/text/appendix-1.xhtml").decode("utf-8")
    assert 'class="text rating"' in appendix
