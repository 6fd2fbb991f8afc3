"""The print edition, measured from the PDF itself (pdfplumber word and character positions,
poppler's pdfinfo/pdffonts, qpdf, pikepdf): beads in step across the columns, book structure,
page design, press options, languages in the structure tree, page starts for the EPUB.

The bundled edition's PDF (A4, PDF/UA-1 — the defaults) is the session build's
(``built_all`` in conftest.py, with the print writer's result recorded on the way); a
two-language A5 press variant (bleed, marks, PDF/A-3b, notes pages) is rendered once more: of
the book's first units in `make test`, of the whole book in `make test-books`.
Expected counts and page numbers are measured apart: paragraphs on the source files, beads
on the TEI file, pages with poppler's pdfinfo and pdftotext.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pdfplumber  # dev dependency (pdfplumber 0.11.10): word and character positions in the PDF
import pikepdf
import pytest

from conftest import bead_languages, hyphenate, source_paragraphs, tei_beads
from enface.dates import build_datetime
from enface.tei.read import read_tei
from enface.xmlsafe import parse_file

pytestmark = pytest.mark.slow

SLUG = "face-of-another"
MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
A5 = (148 * MM, 210 * MM)


# --- fixtures -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc(built):
    return read_tei(parse_file(built / f"{SLUG}.tei.xml"))


@pytest.fixture(scope="module")
def default_printed(built_all):
    """What the print writer returned in the session build (default options), and its PDF."""
    assert len(built_all.renders) == 1
    return built_all.renders[0], built_all.out / f"{SLUG}.pdf"


@pytest.fixture(scope="module")
def printed(doc, bundled_dir, tmp_path_factory):
    """The bundled edition in three A4 columns (``--layout columns``: the layout chosen for
    three languages is facing pages, tests/test_print_layouts.py), and its PDF."""
    from enface.pdf import PrintOptions, render

    result = render(doc, build_datetime(bundled_dir), edition_dir=bundled_dir, options=PrintOptions(layout="columns"))
    path = tmp_path_factory.mktemp("columns") / f"{SLUG}.pdf"
    path.write_bytes(result.pdf)
    return result, path


def _not_narrow(messages: list[str]) -> list[str]:
    """The messages but the one saying the columns asked for are narrow (said once)."""
    from enface.diagnostics import classify

    narrow = [m for m in messages if classify(m, "print").code == "print.narrow-columns"]
    assert len(narrow) <= 1
    return [m for m in messages if m not in narrow]


@pytest.fixture(scope="module")
def pdf_path(printed):
    return printed[1]


@pytest.fixture(scope="module")
def plumber(pdf_path):
    """The PDF opened once with pdfplumber: pages parse once and are shared by the tests."""
    with pdfplumber.open(pdf_path) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def layout(doc, plumber):
    return measure_columns(plumber, doc)


@pytest.fixture(scope="module")
def paragraphs(bundled_dir) -> int:
    """Units of the parallel text: paragraphs of the French source, counted on the file."""
    return source_paragraphs(bundled_dir)["fr"]


@pytest.fixture(scope="module")
def beads_in_step(built) -> int:
    """Beads with at least two languages (those the alignment measure looks at), counted on the TEI file."""
    return sum(1 for bead in tei_beads(built / f"{SLUG}.tei.xml") if len(bead_languages(bead)) >= 2)


@pytest.fixture(scope="module")
def pages(pdf_path) -> int:
    """Pages of the PDF as poppler counts them (not WeasyPrint)."""
    return int(re.search(r"Pages:\s+(\d+)", _pdfinfo(pdf_path)).group(1))


@pytest.fixture(scope="module")
def parallel_start(pdf_path) -> int:
    """The page (1-based) where the parallel text opens, found in the PDF's text."""
    return next(n for n, text in enumerate(page_texts(pdf_path), 1) if text.strip().startswith("Texte parallèle"))


def two_languages(doc, drop: str = "id"):
    """The bundled document without one language: a two-language edition."""
    meta = doc.meta
    langs = tuple(lang for lang in meta.langs if lang != drop)
    units = tuple(
        dataclasses.replace(
            unit,
            paragraphs={k: v for k, v in unit.paragraphs.items() if k != drop},
            beads=tuple({k: v for k, v in bead.items() if k != drop} for bead in unit.beads),
        )
        for unit in doc.units
    )
    meta = dataclasses.replace(meta, langs=langs, titles={k: v for k, v in meta.titles.items() if k != drop})
    return dataclasses.replace(doc, meta=meta, units=units)


# The press variant in `make test`: the first units of the book (and its appendix), which have
# every part the press tests look at (title pages, colophon, contents, parallel text, appendix,
# notes pages); the whole book, a render of its own, in `make test-books`.
PRESS_UNITS = 4
PRESS_BOOKS = ["first-units", pytest.param("whole", marks=pytest.mark.books)]


@pytest.fixture(scope="module", params=PRESS_BOOKS)
def press(request, doc, bundled_dir, tmp_path_factory):
    """Two languages on A5 with 3 mm bleed, crop and cross marks, PDF/A-3b, two ruled notes pages:
    the first ``PRESS_UNITS`` units (``first-units``) or the whole book (``whole``)."""
    from enface.pdf import PrintOptions, render

    options = PrintOptions(
        page_size="a5",
        bleed_mm=3,
        marks=("crop", "cross"),
        variant="pdf/a-3b",
        notes_pages=2,
        notes_style="ruled",
        layout="columns",
    )
    small = two_languages(doc)
    if request.param == "first-units":
        small = dataclasses.replace(small, units=small.units[:PRESS_UNITS])
    result = render(small, build_datetime(bundled_dir), edition_dir=bundled_dir, options=options)
    path = tmp_path_factory.mktemp("press") / f"{SLUG}-a5.pdf"
    path.write_bytes(result.pdf)
    return small, result, path


@pytest.fixture(scope="module")
def press_plumber(press):
    """The press variant's PDF opened once with pdfplumber: its pages parse once for the tests."""
    with pdfplumber.open(press[2]) as pdf:
        yield pdf


# --- measuring the PDF ----------------------------------------------------------------


def norm(text: str) -> str:
    """Letters and digits only, NFKC, case-folded: hyphens added at line ends and spaces vanish."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


@dataclasses.dataclass
class Columns:
    """Body text of the parallel columns, read from the PDF."""

    chars: dict[str, list[dict]]  # lang -> chars in reading order (page, then line, then x)
    lines: dict[str, list[tuple[int, float, str]]]  # lang -> (page, top, text) per line
    bounds: dict[int, dict[str, tuple[float, float]]]  # page -> lang -> (left rule, right rule)
    beads: list[dict[str, tuple[int, float] | None]]  # per bead: lang -> (page, top of first char)
    bead_lines: list[dict[str, Counter]]  # per bead: lang -> lines per page


def _column_bounds(page, labels: dict[str, str]):
    """Column limits on a page of the parallel text, from the PDF: the language labels (bold,
    above the columns) and the vertical rules between columns."""
    words = page.extract_words(extra_attrs=["fontname"])
    heads = {}
    for lang, label in labels.items():
        hits = [w for w in words if w["text"] == label.split()[0] and "Bold" in w["fontname"]]
        if hits:
            heads[lang] = min(hits, key=lambda w: w["top"])
    if len(heads) != len(labels):
        return None, None
    order = sorted(heads, key=lambda lang: heads[lang]["x0"])
    header_bottom = max(h["bottom"] for h in heads.values())
    # vertical rules between the columns (not the printer's marks in the bleed: those are short)
    rules = sorted(
        {
            round(ln["x0"], 1)
            for ln in page.lines
            if abs(ln["x0"] - ln["x1"]) < 0.1 and ln["bottom"] - ln["top"] > 10 and ln["top"] > header_bottom - 20
        }
    )
    table_right = max(
        ln["x1"] for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.1 and ln["x1"] - ln["x0"] > 100
    )
    bounds = {}
    for i, lang in enumerate(order):
        left = heads[lang]["x0"] - 8 if i == 0 else max(r for r in rules if r < heads[lang]["x0"])
        right = min((r for r in rules if r > heads[lang]["x0"]), default=table_right)
        bounds[lang] = (left, right)
    return bounds, header_bottom


def measure_columns(source, doc) -> Columns:
    """``source``: a PDF path, or a PDF already opened with pdfplumber."""
    if isinstance(source, Path):
        with pdfplumber.open(source) as pdf:
            return measure_columns(pdf, doc)
    labels = {lang: doc.meta.labels[lang] for lang in doc.meta.langs}
    chars: dict[str, list[dict]] = {lang: [] for lang in labels}
    all_bounds = {}
    for number, page in enumerate(source.pages, 1):
        bounds, header_bottom = _column_bounds(page, labels)
        if bounds is None:
            continue
        all_bounds[number] = bounds
        body = [
            c
            for c in page.chars
            if c["top"] > header_bottom + 1 and "Bold" not in c["fontname"] and c["bottom"] < page.height - 15 * MM
        ]  # the folio of an opening page is below
        for lang, (left, right) in bounds.items():
            column = sorted((c for c in body if left <= c["x0"] < right), key=lambda c: (round(c["top"], 1), c["x0"]))
            for c in column:
                chars[lang].append({**c, "page": number})
    lines: dict[str, list[tuple[int, float, str]]] = {}
    for lang, cs in chars.items():
        grouped: dict[tuple[int, float], list[str]] = defaultdict(list)
        for c in cs:
            grouped[(c["page"], round(c["top"], 1))].append(c["text"])
        lines[lang] = [(page, top, "".join(t)) for (page, top), t in grouped.items()]
    # every language's text, in order, is exactly its beads' sentences, in order
    beads: list[dict] = []
    bead_lines: list[dict] = []
    flat = {lang: [(ch, c) for c in chars[lang] for ch in norm(c["text"])] for lang in labels}
    offsets = {lang: 0 for lang in labels}
    for unit in doc.units:
        for bead in unit.beads:
            starts, counts = {}, {}
            for lang in labels:
                text = "".join(norm(s.text) for s in bead.get(lang, ()))
                span = flat[lang][offsets[lang] : offsets[lang] + len(text)]
                got = "".join(ch for ch, _ in span)
                assert got == text, (
                    f"{lang} text differs at bead {bead[lang][0].id if bead[lang] else '?'}: "
                    f"{got[:60]!r} != {text[:60]!r}"
                )
                starts[lang] = (span[0][1]["page"], span[0][1]["top"]) if span else None
                counts[lang] = Counter(p for p, _ in {(c["page"], round(c["top"], 1)) for _, c in span})
                offsets[lang] += len(text)
            beads.append(starts)
            bead_lines.append(counts)
    for lang in labels:
        assert offsets[lang] == len(flat[lang]), f"{lang}: text after the last bead"
    return Columns(chars, lines, all_bounds, beads, bead_lines)


def alignment(columns: Columns) -> tuple[float, float, int]:
    """(max Δy in pt among beads starting on one page in every language, share of beads that do, beads)."""
    same, worst = 0, 0.0
    beads = [b for b in columns.beads if sum(v is not None for v in b.values()) >= 2]
    for bead in beads:
        starts = [v for v in bead.values() if v is not None]
        if len({page for page, _ in starts}) == 1:
            same += 1
            worst = max(worst, max(t for _, t in starts) - min(t for _, t in starts))
    return worst, same / len(beads), len(beads)


@cache
def page_texts(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


# --- 1. beads in step ----------------------------------------------------------------


def test_every_bead_starts_level_in_every_column(layout, beads_in_step):
    worst, share, count = alignment(layout)
    assert count == beads_in_step
    assert share >= 0.90, f"only {share:.0%} of beads start on the same page in every language"
    assert worst <= 2.0, f"a bead's first lines differ by {worst:.2f} pt"


def test_the_alignment_measure_can_fail(doc, bundled_dir, tmp_path, monkeypatch):
    """Negative control: one row per paragraph (not per bead) is caught by the same measure."""
    from enface.pdf import PrintOptions, render
    from enface.pdf import layout as print_layout

    def whole_unit(unit, langs):
        return [{lang: tuple(s for p in unit.paragraphs.get(lang, ()) for s in p.sentences) for lang in langs}]

    monkeypatch.setattr(print_layout, "_beads", whole_unit)
    small = dataclasses.replace(doc, units=doc.units[:3], appendices=())
    result = render(small, build_datetime(bundled_dir), edition_dir=bundled_dir, options=PrintOptions(layout="columns"))
    path = tmp_path / "units.pdf"
    path.write_bytes(result.pdf)
    worst, _share, _count = alignment(measure_columns(path, small))
    assert worst > 20


def test_columns_hold_each_language_and_no_line_sticks_out(layout):
    for lang, chars in layout.chars.items():
        for c in chars:
            left, right = layout.bounds[c["page"]][lang]
            assert c["x1"] <= right - 4, f"page {c['page']} {lang}: {c['text']!r} runs into the next column"
            assert c["x0"] >= left + 4 or lang == "fr"


def test_widows_and_orphans_at_least_two_lines(layout):
    for counts in layout.bead_lines:
        for lang, per_page in counts.items():
            if len(per_page) > 1:
                assert min(per_page.values()) >= 2, f"{lang}: a bead split {dict(per_page)} lines by page"


def test_body_text_is_at_least_8_5_pt_and_ragged_right(layout):
    """Three A4 columns hold about 33 characters a line: set ragged right (pdf/choice.py)."""
    sizes = Counter(round(c["size"], 2) for chars in layout.chars.values() for c in chars)
    assert min(sizes) >= 8.5
    # ragged right: most lines of a column end short of its right edge (justified: over 60 % flush)
    for lang, chars in layout.chars.items():
        ends = defaultdict(float)
        for c in chars:
            key = (c["page"], round(c["top"], 1))
            ends[key] = max(ends[key], c["x1"])
        flush = sum(1 for (page, _), x in ends.items() if layout.bounds[page][lang][1] - x < 2 * MM + 1.5)
        assert flush / len(ends) < 0.4, (lang, flush / len(ends))


def test_hyphenation_breaks_only_where_the_dictionaries_allow(layout):
    """Every word broken at a line end (hyphen U+2010) is broken at a point of its language's
    dictionary — for Indonesian, the repaired one (no 'hun-ya', 'pul-ang', 'r-i')."""
    broken = 0
    for lang, lines in layout.lines.items():
        for (page, _top, text), (_p2, _t2, following) in zip(lines, lines[1:]):
            if not text.endswith("\u2010"):
                continue
            head = re.findall(r"\w+", text[:-1])[-1]
            tail = re.match(r"\w+", following).group(0)
            parts = hyphenate(head + tail, lang)
            cuts = {sum(len(p) for p in parts[:i]) for i in range(1, len(parts))}
            assert len(head) in cuts, f"{lang} p.{page}: {head}-{tail} is not a break of {'-'.join(parts)}"
            broken += 1
    assert broken > 50  # hyphenation is on in every column


# --- 2. book structure ---------------------------------------------------------------


def test_book_structure_pages(pdf_path, doc, bundled_dir):
    texts = page_texts(pdf_path)
    meta = doc.meta
    flat = [" ".join(t.split()) for t in texts]
    assert meta.title() in flat[0] and len(flat[0]) < len(meta.title()) + 5  # half-title, nothing else
    assert flat[1] == ""  # its verso is blank: no running head, no folio
    assert all(" ".join(title.split()) in flat[2] for title in meta.titles.values())  # title page, 3 languages
    colophon = flat[3]
    for source in meta.sources:
        assert source.sha256 in colophon and source.file in colophon
    when = build_datetime(bundled_dir)
    assert meta.version in colophon and when.date().isoformat() in colophon
    assert "Charis SIL" in colophon and "Open Font License" in colophon
    assert "Table des matières" in flat[4]
    blanks = [i + 1 for i, t in enumerate(flat) if not t]
    opening = {"Texte parallèle": None, doc.appendices[0].title: None}
    for i, t in enumerate(flat):
        for title in opening:
            if opening[title] is None and t.startswith(title):
                opening[title] = i + 1
    assert all(page % 2 == 1 for page in opening.values()), opening  # major sections on rectos
    for page in blanks:
        assert page % 2 == 0  # only versos are left blank


def test_contents_page_numbers_are_right(pdf_path, doc, plumber, paragraphs):
    texts = page_texts(pdf_path)
    toc = texts[4]
    entries = re.findall(r"^\s*(\d+)\s+.+?[ .]{3,}(\d+)\s*$", toc, flags=re.M)
    assert [int(n) for n, _ in entries] == list(range(1, paragraphs + 1))
    # the unit numbers in the margin column of the PDF: bold, left of the first column
    where = {}
    for number, page in enumerate(plumber.pages, 1):
        digits = [c for c in page.chars if "Bold" in c["fontname"] and c["size"] < 8 and c["text"].isdigit()]
        for w in pdfplumber.utils.extract_words(digits):
            where.setdefault(int(w["text"]), number)
    assert {int(n): int(p) for n, p in entries} == where
    part = re.search(r"Texte parallèle[ .]+(\d+)", toc)
    assert texts[int(part.group(1)) - 1].strip().startswith("Texte parallèle")
    appendix = re.search(r"Annexe[^\n]*?[ .]{3,}(\d+)", toc)
    assert doc.appendices[0].title in " ".join(texts[int(appendix.group(1)) - 1].split())


def test_running_heads_and_folios(plumber, doc, parallel_start, pages):
    def top_line(page):
        first = min(c["top"] for c in page.chars)
        words = pdfplumber.utils.extract_words([c for c in page.chars if abs(c["top"] - first) < 2])
        return " ".join(w["text"] for w in words)

    opening, verso, recto = parallel_start, parallel_start + 1, parallel_start + 2
    heads = {n: top_line(plumber.pages[n - 1]) for n in (opening, verso, recto, pages)}
    title = doc.meta.title()
    assert opening % 2 == 1  # the parallel text opens on a recto
    assert heads[verso].startswith(f"{verso} ") and title in heads[verso]  # verso: folio outside, book title
    assert heads[recto] == f"Texte parallèle {recto}"  # recto: section, folio outside
    assert heads[opening].startswith("Texte parallèle")  # an opening page: its heading, no running head
    if pages % 2 == 0:  # the last page, numbered as poppler counts it
        assert heads[pages].startswith(f"{pages} ") and title in heads[pages]
    else:
        assert heads[pages].endswith(f" {pages}")


def test_rating_set_apart(plumber):
    page = plumber.pages[-1]
    words = [w for w in page.extract_words(extra_attrs=["fontname", "size"])]
    rating = [w for w in words if w["text"] in ("10", "из")]
    assert rating and all("Bold" in w["fontname"] for w in rating)
    line = [w for w in words if abs(w["top"] - rating[0]["top"]) < 2]
    assert " ".join(w["text"] for w in line) == "10 из 10"
    body = [w for w in words if "Bold" not in w["fontname"] and 25 * MM < w["top"] < rating[0]["top"]]
    centre = (min(w["x0"] for w in body) + max(w["x1"] for w in body)) / 2
    assert abs((line[0]["x0"] + line[-1]["x1"]) / 2 - centre) < 3
    assert rating[0]["top"] - max(w["bottom"] for w in body) > 8 * MM  # space and a rule above


# --- 3/4. fonts, page size, outline, PDF/UA, languages, qpdf ----------------------


def test_fonts_embedded_subset_and_only_charis(pdf_path):
    out = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        name, emb, sub = row[0], row[-5], row[-4]
        assert re.match(r"^[A-Z]{6}\+Charis-SIL", name), name
        assert (emb, sub) == ("yes", "yes"), row


def _pdfinfo(path: Path, *extra: str) -> str:
    return subprocess.run(["pdfinfo", *extra, str(path)], capture_output=True, text=True, check=True).stdout


def test_page_size_is_a4(pdf_path):
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", _pdfinfo(pdf_path))
    assert abs(float(size.group(1)) - A4[0]) < 0.5 and abs(float(size.group(2)) - A4[1]) < 0.5


def test_outline_has_sections_and_paragraphs(pdf_path, doc, paragraphs, parallel_start):
    from pypdf import PdfReader

    reader = PdfReader(str(pdf_path))
    outline = reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert {"Table des matières", "Texte parallèle", doc.appendices[0].title} <= set(top)
    children = outline[top.index("Texte parallèle") + 1]
    assert isinstance(children, list)
    assert [c.title for c in children] == [f"Paragraphe {n}" for n in range(1, paragraphs + 1)]
    assert reader.get_destination_page_number(children[0]) == parallel_start - 1  # 0-based


def test_pdf_ua_identification_and_tags(pdf_path):
    info = _pdfinfo(pdf_path)
    assert re.search(r"Tagged:\s+yes", info)
    with pikepdf.open(pdf_path) as pdf:
        xmp = bytes(pdf.Root.Metadata.read_bytes()).decode()
        assert 'pdfuaid:part="1"' in xmp or "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert str(pdf.Root.Lang) == "fr"
        assert bool(pdf.Root.MarkInfo.Marked)
        assert "/StructTreeRoot" in pdf.Root


def _struct(element, lang, out, page_of, in_cell=False):
    """(struct type, effective /Lang, page, MCIDs) for every structure element."""
    lang = str(element.get("/Lang", lang))
    kids = element.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
    mcids = [int(k) for k in kids if isinstance(k, int)]
    page = page_of.get(element.Pg.objgen) if "/Pg" in element else None
    in_cell = in_cell or str(element.S) == "/TD"
    out.append((str(element.S), lang, page, mcids, in_cell))
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _struct(kid, lang, out, page_of, in_cell)


def test_each_language_marked_in_the_structure_tree(pdf_path, doc, layout, plumber, beads_in_step):
    """Every piece of text in a language column is, in the structure tree, under that language;
    checked on the text itself: each tagged run of text is found in its language's sentences."""
    with pikepdf.open(pdf_path) as pdf:
        page_of = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        elements = []
        _struct(pdf.Root.StructTreeRoot.K[0], str(pdf.Root.Lang), elements, page_of)
    cells = Counter(lang for s, lang, *_ in elements if s in ("/TD", "/TH"))
    assert min(cells[lang] for lang in ("fr", "id", "ru")) >= beads_in_step  # a cell per bead at least
    appendix = [lang for s, lang, *_ in elements if s == "/Sect" and lang == "ru"]
    assert appendix  # the Russian appendix of a French book
    corpus = {
        lang: norm(" ".join(s.text for u in doc.units for p in u.paragraphs[lang] for s in p.sentences))
        for lang in doc.meta.langs
    }
    appendix = doc.appendices[0]
    corpus[appendix.lang] += norm(appendix.title + " ".join(p.text for p in appendix.paragraphs))
    for lang, title in appendix.titles.items():  # its title in the other languages, tagged as such
        corpus[lang] += "|" + norm(title)
    texts: dict[tuple[int, int], str] = defaultdict(str)
    for index, page in enumerate(plumber.pages):
        for c in page.chars:
            if c.get("mcid") is not None:
                texts[(index, c["mcid"])] += c["text"]
    parallel = set(layout.bounds)  # pages (1-based) of the parallel columns, found in the PDF
    checked = Counter()
    for _s, lang, page, mcids, in_cell in elements:
        for mcid in mcids:
            text = norm(texts.get((page, mcid), ""))
            if len(text) < 12:
                continue
            if (in_cell and page + 1 in parallel) or page + 1 > max(parallel):
                assert text in corpus[lang], f"page {page + 1}: {text[:40]!r} is tagged {lang}"
                checked[lang] += 1
    assert min(checked[lang] for lang in ("fr", "id", "ru")) > 200


def test_all_content_tagged_or_artifact(pdf_path):
    """PDF/UA: every marked-content sequence belongs to a structure element reachable from the
    root, or is an artifact (the running heads and folios: WeasyPrint leaves them orphaned)."""
    with pikepdf.open(pdf_path) as pdf:
        tree = pdf.Root.StructTreeRoot
        reachable, stack = set(), [tree.K[0]]
        while stack:
            element = stack.pop()
            reachable.add(element.objgen)
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            stack.extend(k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k)
        nums = tree.ParentTree.Nums
        arrays = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
        artifacts = 0
        for number, page in enumerate(pdf.pages, 1):
            owners = arrays.get(int(page.obj.StructParents))
            for operands, _operator in pikepdf.parse_content_stream(page, "BDC"):
                if str(operands[0]) == "/Artifact":
                    artifacts += 1
                    continue
                mcid = int(operands[1].MCID)
                owner = owners[mcid]
                assert isinstance(owner, pikepdf.Dictionary) and owner.objgen in reachable, (
                    f"page {number}: MCID {mcid} is neither tagged nor an artifact"
                )
        assert artifacts >= 2 * 10  # a running head and a folio on each page of text


def test_qpdf_check_is_clean(pdf_path):
    if shutil.which("qpdf") is None:
        pytest.fail("qpdf missing: run scripts/setup.sh")
    result = subprocess.run(["qpdf", "--check", str(pdf_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_render_reports_no_problems(printed, pages):
    result, _ = printed
    assert _not_narrow(result.messages) == []
    assert result.stats["overfull"] == 0
    assert result.pages == pages  # WeasyPrint's count is poppler's (the last folio: test_running_heads_and_folios)


# --- 6. page starts for the EPUB page-list -----------------------------------------


def test_page_starts(printed, doc, pdf_path, parallel_start, pages):
    result, _ = printed
    starts = result.page_starts
    texts = page_texts(pdf_path)
    labels = [int(label) for label, _ in starts]
    assert labels == sorted(labels) and labels[0] == parallel_start and labels[-1] == pages
    assert all(texts[n - 1].strip() for n in labels)  # printed pages, never a blank one
    sentences = {s.id: s.text for u in doc.units for p in u.paragraphs.values() for para in p for s in para.sentences}
    sentences.update({s.id: s.text for a in doc.appendices for p in a.paragraphs for s in p.sentences})
    order = list(sentences)
    assert starts[0] == (str(parallel_start), "fr.p1.s1")
    ids = [ident for _, ident in starts]
    assert all(ident in sentences for ident in ids)
    for label, ident in starts:  # the sentence starts on that page: its first words are there
        first = " ".join(sentences[ident].split()[:3])
        page = " ".join(texts[int(label) - 1].split())
        previous = " ".join(texts[int(label) - 2].split())
        assert norm(first) in norm(page), (label, ident)
        assert norm(sentences[ident][:40]) not in norm(previous), (label, ident)
    positions = [order.index(i) for i in ids if not i.startswith("appendix")]
    assert positions == sorted(positions)


def test_layout_only_gives_the_same_pages(doc, bundled_dir):
    from enface.pdf import PrintOptions, render

    small = dataclasses.replace(doc, units=doc.units[:2], appendices=())
    when = build_datetime(bundled_dir)
    columns = PrintOptions(layout="columns")
    full = render(small, when, edition_dir=bundled_dir, options=columns)
    layout_only = render(small, when, edition_dir=bundled_dir, options=columns, write=False)
    assert full.pdf.startswith(b"%PDF-") and _not_narrow(full.messages) == [] and layout_only.pdf == b""
    assert layout_only.page_starts == full.page_starts and layout_only.pages == full.pages


def test_an_overfull_line_is_reported(doc, bundled_dir):
    """Negative control for the line measure: a word too long for its column is reported."""
    from enface.pdf import PrintOptions, render
    from enface.tei.read import Sentence

    unit = doc.units[0]
    long_word = Sentence("fr.p1.s1", "Voir https://example.org/" + "x" * 90 + " pour la suite.")
    paras = dict(unit.paragraphs)
    first = paras["fr"][0]
    paras["fr"] = (dataclasses.replace(first, sentences=(long_word, *first.sentences[1:])),)
    beads = tuple({**bead, "fr": (long_word,)} if i == 0 else bead for i, bead in enumerate(unit.beads))
    small = dataclasses.replace(doc, units=(dataclasses.replace(unit, paragraphs=paras, beads=beads),), appendices=())
    options = PrintOptions(layout="columns")
    result = render(small, build_datetime(bundled_dir), edition_dir=bundled_dir, options=options, write=False)
    assert result.stats["overfull"] >= 1
    assert any("sticks out" in m for m in result.messages)


def test_build_writes_the_same_pdf(built, default_printed):
    """The default build and the all-modes build write the same PDF: the print writer's."""
    result, path = default_printed
    assert (built / f"{SLUG}.pdf").read_bytes() == path.read_bytes() == result.pdf


# --- press variant: two languages on A5, bleed, marks, PDF/A-3b, notes pages ------------


def test_press_variant_page_boxes(press):
    _doc, result, path = press
    info = _pdfinfo(path, "-box")
    trim = [float(v) for v in re.search(r"TrimBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", info).groups()]
    media = [float(v) for v in re.search(r"MediaBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", info).groups()]
    assert abs(trim[2] - trim[0] - A5[0]) < 0.5 and abs(trim[3] - trim[1] - A5[1]) < 0.5
    bleed = 3 * MM
    assert abs((media[2] - media[0]) - (A5[0] + 2 * bleed)) < 0.5
    assert abs((media[3] - media[1]) - (A5[1] + 2 * bleed)) < 0.5
    assert _not_narrow(result.messages) == []


def test_press_variant_book_structure(press):
    small, _result, path = press
    texts = [" ".join(t.split()) for t in page_texts(path)]
    assert texts[1] == "" and small.meta.titles["ru"] in texts[2] and "Table des matières" in texts[4]
    # on A5 a checksum wraps (over three lines): the hex pieces ending the colophon's lines, joined
    pieces = "".join(re.findall(r"([0-9a-f]{6,})\s*$", page_texts(path)[3], flags=re.M))
    for source in small.meta.sources:
        assert source.sha256 in pieces
    assert texts.index(next(t for t in texts if t.startswith("Texte parallèle"))) % 2 == 0  # a recto


def test_press_variant_is_pdf_a_3b_and_checks_clean(press):
    _doc, _result, path = press
    with pikepdf.open(path) as pdf:
        xmp = bytes(pdf.Root.Metadata.read_bytes()).decode()
        assert re.search(r'pdfaid:part(="|>)3', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
        assert "/OutputIntents" in pdf.Root
        assert "/StructTreeRoot" in pdf.Root  # tagged as well
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and "WARNING" not in result.stdout + result.stderr


def test_press_variant_marks_drawn_in_the_bleed(press_plumber):
    page = press_plumber.pages[0]
    x0, top = float(page.mediabox[0]), float(page.mediabox[1])
    strokes = page.lines + page.curves + page.rects
    outside = [s for s in strokes if s["x0"] < x0 + 3 * MM + 0.01 or s["top"] < top + 3 * MM + 0.01]
    assert outside, "no crop or cross marks in the bleed"


def test_press_variant_two_columns_in_step(press, press_plumber, built, doc):
    small, _result, _path = press
    worst, share, count = alignment(measure_columns(press_plumber, small))
    # beads with French or Russian and another of the two, counted on the TEI file (those of
    # the first paragraphs only, for the first units: the bundled edition's unit n is paragraph n)
    beads = tei_beads(built / f"{SLUG}.tei.xml")
    if len(small.units) < len(doc.units):
        beads = [b for b in beads if all(int(re.search(r"\.p(\d+)", i).group(1)) <= len(small.units) for i in b)]
    expected = sum(1 for b in beads if len(bead_languages(b) & {"fr", "ru"}) >= 2)
    assert count == expected and share >= 0.9 and worst <= 2.0


def test_press_variant_notes_pages(press, press_plumber):
    _doc, result, path = press
    texts = [" ".join(t.split()) for t in page_texts(path)]
    notes = [i for i, t in enumerate(texts) if t.startswith("Notes")]
    assert notes and notes[0] % 2 == 0  # a recto (0-based even)
    assert len(texts) - notes[0] == 2
    page = press_plumber.pages[-1]
    wide = [r for r in page.rects + page.lines if r["x1"] - r["x0"] > 0.5 * float(page.width)]
    assert len({round(r["bottom"]) for r in wide}) >= 20  # the ruled lines
    assert all(int(label) <= notes[0] for label, _ in result.page_starts)  # notes pages are not listed
