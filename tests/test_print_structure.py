"""The print edition of structured books, measured on the PDF (pdfplumber, pypdf): chapters
opening on rectos with their headings level in every language, the contents listing the
chapters with their pages, verse line by line with line numbers, emphasis in italics, and
every word of every source (footnotes included) in the PDF's text.

Two books of ``tests/fixtures`` are built once each (TEI and PDF): *The Lighthouse Keeper*
(three chapters, emphasis, a footnote, a quotation, a stanza) and *Winter Orchard* (three
stanzas, no headings). What is expected is read from the Markdown files themselves (headings
``# …``, line-block lines ``| …``, emphasis ``*…*``), not from enface's reader.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from conftest import ROOT, write_edition

pytestmark = pytest.mark.slow

LANGS = ("en", "fr", "de")
LABELS = {"en": "English", "fr": "Français", "de": "Deutsch"}  # the column heads
FIXTURES = ROOT / "tests" / "fixtures"
HEADING_PT = 12  # chapter headings are set larger than this; body text, running heads smaller


@dataclass
class Book:
    name: str
    edition: Path
    pdf: Path
    pages: list  # pdfplumber pages

    def markdown(self, lang: str) -> str:
        return (FIXTURES / self.name / f"{lang}.md").read_text(encoding="utf-8")


def _build(name: str, tmp_path_factory) -> Book:
    from enface.commands.build import build
    from enface.pdf.options import PrintOptions

    folder = tmp_path_factory.mktemp(name)
    texts = {f"{lang}.md": (lang, "translation", (FIXTURES / name / f"{lang}.md").read_text("utf-8")) for lang in LANGS}
    edition = write_edition(folder / "edition", texts, slug=name)
    out = folder / "out"
    # the columns layout (three languages on A4 are otherwise set on facing pages: test_print_spread.py)
    build(edition, out, ["tei", "pdf"], use_cache=False, print_options=PrintOptions(layout="columns"))
    return Book(name, edition, out / f"{name}.pdf", [])


@pytest.fixture(scope="module")
def lighthouse(tmp_path_factory):
    book = _build("lighthouse", tmp_path_factory)
    with pdfplumber.open(book.pdf) as pdf:
        book.pages = list(pdf.pages)
        yield book


@pytest.fixture(scope="module")
def poem(tmp_path_factory):
    book = _build("poem", tmp_path_factory)
    with pdfplumber.open(book.pdf) as pdf:
        book.pages = list(pdf.pages)
        yield book


# --- reading the Markdown and the PDF ------------------------------------------------------


def norm(text: str) -> str:
    """Letters and digits only, NFKC, case-folded (quotes, spaces and dashes may change)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def headings(markdown: str) -> list[str]:
    return [line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")]


def stanzas(markdown: str) -> list[list[str]]:
    """Line blocks: consecutive ``| `` lines, one list per stanza."""
    out: list[list[str]] = []
    previous = False
    for line in markdown.splitlines():
        if line.startswith("| "):
            if not previous:
                out.append([])
            out[-1].append(line[2:].strip())
        previous = line.startswith("| ")
    return out


def find_heading(book: Book, text: str) -> list[tuple[int, float]]:
    """(page number, top) of every place ``text`` is set as a heading: its words in a row,
    on one line, in type larger than HEADING_PT."""
    wanted = text.split()
    found = []
    for number, page in enumerate(book.pages, 1):
        words = [w for w in page.extract_words(extra_attrs=["size"]) if w["size"] > HEADING_PT]
        for i in range(len(words) - len(wanted) + 1):
            run = words[i : i + len(wanted)]
            if [w["text"] for w in run] == wanted and all(abs(w["top"] - run[0]["top"]) < 1 for w in run):
                found.append((number, run[0]["top"]))
    return found


def columns(page) -> dict[str, tuple[float, float]]:
    """The x-range of each language's column, from the column heads (the three labels side
    by side on one line); none on a page without the parallel table."""
    heads = [w for w in page.extract_words() if w["text"] in LABELS.values()]
    for w in heads:
        row = {h["text"]: h["x0"] for h in heads if abs(h["top"] - w["top"]) < 1}
        starts = sorted((row[LABELS[lang]], lang) for lang in LANGS if LABELS[lang] in row)
        if len(starts) == len(LANGS) and [lang for _, lang in starts] == list(LANGS):
            ends = [x for x, _ in starts[1:]] + [page.width + 1]
            return {lang: (x - 1, end - 1) for (x, lang), end in zip(starts, ends)}
    return {}


def column_lines(book: Book, lang: str) -> list[tuple[int, float, str]]:
    """(page, top, text) of every line of one language's column, through the book."""
    out = []
    for number, page in enumerate(book.pages, 1):
        bounds = columns(page).get(lang)
        if bounds is None:
            continue
        crop = page.crop((bounds[0], 0, bounds[1], page.height))
        for line in crop.extract_text_lines():
            if line["text"] != LABELS[lang]:
                out.append((number, line["top"], line["text"]))
    return out


def verse_positions(book: Book, lang: str, lines: list[str]) -> list[tuple[int, float]]:
    """Where each verse line is set: (page, top) of the column lines that hold exactly it
    (it starts a line and ends one; a runover line may take two). Fails if one is not found."""
    column = column_lines(book, lang)
    texts = [norm(text) for _, _, text in column]
    positions = []
    start = 0
    for verse in lines:
        wanted = norm(verse)
        for i in range(start, len(texts)):
            joined = ""
            for j in range(i, min(i + 3, len(texts))):
                joined += texts[j]
                if joined == wanted:
                    break
            if joined == wanted:
                positions.append(column[i][:2])
                start = j + 1
                break
        else:
            pytest.fail(f"{lang}: the verse line {verse!r} does not stand on a line (or lines) of its own")
    return positions


def chapter_pages(book: Book) -> dict[str, list[int]]:
    """Per language, the page of each chapter heading."""
    out = {}
    for lang in LANGS:
        pages = []
        for heading in headings(book.markdown(lang)):
            places = [n for n, _ in find_heading(book, heading)]
            assert len(places) == 1, f"{heading!r} set as a heading on pages {places}"
            pages.append(places[0])
        out[lang] = pages
    return out


# --- chapters and contents -------------------------------------------------------------------


def test_every_chapter_opens_on_a_recto_with_its_heading_level_in_every_language(lighthouse):
    expected = {lang: headings(lighthouse.markdown(lang)) for lang in LANGS}
    assert all(len(v) == 3 for v in expected.values())
    for k in range(3):
        places = {lang: find_heading(lighthouse, expected[lang][k]) for lang in LANGS}
        assert all(len(p) == 1 for p in places.values()), places
        pages = {p[0][0] for p in places.values()}
        assert len(pages) == 1, f"chapter {k + 1}: headings on pages {places}"
        page = pages.pop()
        assert page % 2 == 1, f"chapter {k + 1} opens on page {page}, a verso"
        tops = [p[0][1] for p in places.values()]
        assert max(tops) - min(tops) <= 1, f"chapter {k + 1}: heading tops {places}"
        # the heading opens the page's text: nothing of the text above it but the column heads
        above = [w for w in lighthouse.pages[page - 1].extract_words() if w["bottom"] < min(tops)]
        assert {w["text"] for w in above} <= set(LABELS.values()), above


def test_contents_lists_the_chapters_with_their_pages(lighthouse):
    contents = [
        n for n, page in enumerate(lighthouse.pages, 1) if (page.extract_text() or "").lstrip().startswith("Contents")
    ]
    assert len(contents) == 1
    text = lighthouse.pages[contents[0] - 1].extract_text()
    listed = {}
    for line in text.splitlines():
        match = re.match(r"^(.+?)[ .]*?\.[ .]*(\d+)$", line)
        if match:
            listed[match.group(1).strip()] = int(match.group(2))
    pages = chapter_pages(lighthouse)["en"]
    chapters = headings(lighthouse.markdown("en"))
    assert {heading: listed.get(heading) for heading in chapters} == dict(zip(chapters, pages))
    assert len(listed) == 3, f"the contents lists chapters, not paragraphs: {listed}"
    for lang in ("fr", "de"):  # the other versions' headings stand under each entry
        assert all(norm(h) in norm(text) for h in headings(lighthouse.markdown(lang)))


def test_outline_follows_the_chapters(lighthouse):
    from pypdf import PdfReader

    reader = PdfReader(str(lighthouse.pdf))
    outline = reader.outline
    assert not any(isinstance(item, list) for item in outline), "no bookmarks per paragraph under chapters"
    entries = {item.title: reader.get_destination_page_number(item) + 1 for item in outline}
    chapters = headings(lighthouse.markdown("en"))
    assert {h: entries.get(h) for h in chapters} == dict(zip(chapters, chapter_pages(lighthouse)["en"]))


def test_running_heads_are_not_on_chapter_openings(lighthouse):
    for page in chapter_pages(lighthouse)["en"]:
        first = lighthouse.pages[page - 1].extract_text_lines()[0]["text"]
        assert first.split() == [LABELS[lang] for lang in LANGS], first


# --- verse ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["poem", "lighthouse"])
def test_each_verse_line_starts_its_own_line(name, request):
    book = request.getfixturevalue(name)
    for lang in LANGS:
        lines = [line for stanza in stanzas(book.markdown(lang)) for line in stanza]
        assert lines
        verse_positions(book, lang, lines)


def test_stanzas_start_level_across_languages(poem):
    first_lines = {}
    for lang in LANGS:
        stanza_list = stanzas(poem.markdown(lang))
        assert len(stanza_list) == 3
        positions = verse_positions(poem, lang, [line for stanza in stanza_list for line in stanza])
        starts = [sum(len(s) for s in stanza_list[:k]) for k in range(3)]
        first_lines[lang] = [positions[i] for i in starts]
    for k in range(3):
        places = [first_lines[lang][k] for lang in LANGS]
        assert len({page for page, _ in places}) == 1, places
        assert max(top for _, top in places) - min(top for _, top in places) <= 1, places


def test_line_numbers_every_five_lines_in_the_margin(poem):
    lines = [line for stanza in stanzas(poem.markdown("en")) for line in stanza]
    positions = verse_positions(poem, "en", lines)
    numbers = []
    for number, page in enumerate(poem.pages, 1):
        left = columns(page).get("en")
        if left is None:
            continue
        margin = page.crop((0, 0, left[0], page.height))
        numbers += [(number, w["top"], w["text"]) for w in margin.extract_words() if w["text"].isdigit()]
    assert {"5", "10"} <= {text for _, _, text in numbers}
    for n in (5, 10):
        page, top = positions[n - 1]
        assert any(p == page and abs(t - top) < 3 and text == str(n) for p, t, text in numbers), (n, numbers)
    assert not any(text in {"4", "6", "9", "11"} for _, _, text in numbers)


# --- inline markup and fidelity ------------------------------------------------------------


def test_emphasis_is_set_in_italics(lighthouse):
    for lang in LANGS:
        emphasised = re.findall(r"(?<!\*)\*([^*\s][^*]*)\*(?!\*)", lighthouse.markdown(lang))
        assert emphasised
        for phrase in emphasised:
            fonts = [
                w["fontname"]
                for page in lighthouse.pages
                for w in page.extract_words(extra_attrs=["fontname"])
                if norm(w["text"]) == norm(phrase)
            ]
            assert fonts and all("Italic" in f for f in fonts), (lang, phrase, fonts)


@pytest.mark.parametrize("name", ["poem", "lighthouse"])
def test_every_word_of_every_source_is_in_the_pdf(name, request):
    from enface.checks.text import compare, pdf_text
    from enface.readers import read_document

    book = request.getfixturevalue(name)
    text = pdf_text(book.pdf)
    for lang in LANGS:
        document = read_document(book.edition / f"{lang}.md", None, edition_dir=book.edition)
        blocks = [*document.blocks, *(block for note in document.notes for block in note.blocks)]
        fidelity = compare(f"{lang}.md", "\n".join(block.text for block in blocks), text)
        assert fidelity.ok, fidelity.describe()
    if name == "lighthouse":  # the footnote's text is there, as an endnote
        assert "northern harbour" in " ".join(text.split())


def test_headings_are_tagged_in_each_language(lighthouse):
    """PDF/UA structure: every chapter heading an ``H2`` in a table cell marked with its language."""
    import pikepdf

    found = []

    def walk(element, lang=None):
        lang = str(element.Lang) if "/Lang" in element else lang
        if element.get("/S") == "/H2":
            found.append(lang)
        kids = element.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, lang)

    with pikepdf.open(lighthouse.pdf) as pdf:
        walk(pdf.Root.StructTreeRoot)
    assert sorted(lang for lang in found if lang in LANGS) == sorted(LANGS * 3)


def test_a_note_call_after_a_word_stays_on_its_line_and_apart_in_the_text():
    """A call right after a word ("man[^1]") is kept on the word's line and parted from it by
    a hair space, so the PDF's text reads "man 1", not "man1"; after punctuation, nothing."""
    from lxml import etree

    from enface.pdf.layout import _spans
    from enface.tei.read import Run, Sentence

    sentence = Sentence("en.p3.s2", "like a tired man.", (Run("like a tired man"), Run("1", note="en.n1"), Run(".")))
    after_dot = Sentence("en.p3.s3", "The end.", (Run("The end."), Run("2", note="en.n2")))
    refs: dict[str, str] = {}
    p = _spans(etree.Element("p"), (sentence, after_dot), refs)
    kept = p.findall(".//span[@class='nobr']")
    assert ["".join(k.itertext()) for k in kept] == ["man\u200a1", "end.2"]
    assert set(refs) == {"en.n1", "en.n2"}
