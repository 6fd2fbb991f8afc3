"""Facing pages with three and four languages (a spread: one language or two columns a page)
and a sentence group taller than a page, cut and continued in step (issue #14).

The book is the lighthouse fixture (``tests/fixtures/lighthouse/``: en, fr, de), with a
Spanish version written here for the fourth language, and a long paragraph made here (one
sentence of 120 numbered clauses in every language: one sentence group, several pages
tall). Each edition is built once per module (A4 and A5), with ``enface build``'s own code.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from enface.checks.layout import _destinations, inspect_layout
from enface.commands.build import build
from enface.commands.check import run_checks
from enface.errors import EnfaceError
from enface.manifest import load_edition
from enface.pdf.facing import arrangement
from enface.pdf.options import PrintOptions, options_from_strings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "lighthouse"
TITLES = {"en": "The Lighthouse Keeper", "fr": "Le Gardien du phare", "de": "Der Leuchtturmwärter", "es": "El farero"}
LONG_AFTER = {  # the long paragraph goes after this paragraph, in each language
    "en": "These were the words of his father",
    "fr": "C'étaient les mots de son père",
    "de": "Das waren die Worte seines Vaters",
    "es": "Esas eran las palabras de su padre",
}
CLAUSE = {
    "en": "the keeper counted wave number {i} and the wind answered him",
    "fr": "le gardien compta la vague numéro {i} et le vent lui répondit",
    "de": "der Wärter zählte die Welle Nummer {i} und der Wind antwortete ihm",
    "es": "el farero contó la ola número {i} y el viento le respondió",
}
CLAUSES = 120
SPANISH = """\
---
title: El farero
lang: es
author: colaboradores de enface
---

# La tormenta

El farero subió la escalera al anochecer, como lo había hecho cada tarde durante treinta años. El viento ya *aullaba* contra el cristal. Encendió la gran lámpara y miró el haz barrer el agua negra.

A lo lejos, en el mar, un pequeño barco luchaba contra las olas. Su vela estaba rota, y su mástil se inclinaba como un hombre cansado.[^1] El farero tomó su viejo catalejo y contó tres figuras en la cubierta.

[^1]: El barco era una balandra de pesca del puerto del norte.

> Mantén la luz encendida, pase lo que pase. Un barco que ve la luz nunca está perdido.

Esas eran las palabras de su padre, y del padre de su padre antes que él.

# El rescate

A medianoche el barco chocó contra las rocas bajo la torre. El farero bajó corriendo con una cuerda y una linterna. El mar estaba **frío y furioso**, pero lanzó la cuerda tres veces hasta que una mano la agarró.

Uno por uno los sacó a tierra: un viejo pescador, su hija y un niño que no podía dejar de temblar. Los llevó a la cálida cocina y les dio pan y sopa caliente.

# La canción

Por la mañana la tormenta había pasado, y la muchacha cantó una canción que le había enseñado su madre.

| El mar es ancho, la noche es larga,
| el viento es frío y cruel;
| pero una pequeña luz nos guía a casa
| como en los tiempos de ayer.

El farero escuchó en silencio. Luego subió la escalera para apagar la lámpara, y por primera vez en treinta años no estaba solo.
"""


def _source(lang: str) -> str:
    text = SPANISH if lang == "es" else (FIXTURE / f"{lang}.md").read_text(encoding="utf-8")
    long = ", ".join(CLAUSE[lang].format(i=i) for i in range(1, CLAUSES + 1))
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(LONG_AFTER[lang]))
    lines[at + 1 : at + 1] = ["", long[0].upper() + long[1:] + "."]
    return "\n".join(lines)


def make_edition(folder: Path, langs: tuple[str, ...], full_page: str | None = None) -> Path:
    """The lighthouse story in ``langs``, with the long paragraph, as an edition folder."""
    folder.mkdir(parents=True)
    manifest = [
        'slug = "lighthouse"',
        'description = "A short story written for enface\'s tests."',
        'rights = "Dedicated to the public domain (CC0 1.0)."',
        "",
        "[print]",
        'layout = "facing"',
    ]
    if full_page:
        manifest.append(f'full_page = "{full_page}"')
    manifest += ["", "[titles]", *(f'{lang} = "{TITLES[lang]}"' for lang in langs), ""]
    for lang in langs:
        (folder / f"{lang}.md").write_text(_source(lang), encoding="utf-8")
        manifest += ["[[sources]]", f'file = "{lang}.md"', f'lang = "{lang}"', 'role = "translation"', ""]
    (folder / "edition.toml").write_text("\n".join(manifest), encoding="utf-8")
    return folder


CASES = {  # name: languages, page size, full page
    "three-a4": (("en", "fr", "de"), "a4", None),
    "three-a5": (("en", "fr", "de"), "a5", "fr"),
    "four-a4": (("en", "fr", "de", "es"), "a4", None),
    "four-a5": (("en", "fr", "de", "es"), "a5", None),
}


# one case in `make test`; the other three, a build each, in `make test-books`
PARAMS = [name if name == "three-a4" else pytest.param(name, marks=pytest.mark.books) for name in sorted(CASES)]


@pytest.fixture(scope="module", params=PARAMS)
def book(request, tmp_path_factory) -> tuple[str, Path, Path]:
    """(case, edition folder, PDF)."""
    langs, size, full = CASES[request.param]
    root = tmp_path_factory.mktemp(request.param)
    edition = make_edition(root / "edition", langs, full)
    out = root / "out"
    build(edition, out, ["pdf"], print_options=PrintOptions(page_size=size), use_cache=False)
    return request.param, edition, out / "lighthouse.pdf"


@pytest.fixture(scope="module")
def plumber(book):
    """The book's PDF opened once with pdfplumber: its pages parse once for the module's tests."""
    with pdfplumber.open(str(book[2])) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def report(book):
    """The print check's report on the book (``inspect_layout``), made once for the module."""
    return inspect_layout(book[2])


def _pages(case: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    langs, _size, full = CASES[case]
    return arrangement(langs, full)


def test_arrangement_and_option():
    assert arrangement(("en", "fr")) == (("en",), ("fr",))
    assert arrangement(("en", "fr", "de")) == (("en",), ("fr", "de"))
    assert arrangement(("en", "fr", "de"), "de") == (("de",), ("en", "fr"))
    assert arrangement(("en", "fr", "de", "es")) == (("en", "fr"), ("de", "es"))
    with pytest.raises(EnfaceError, match="not a language"):
        arrangement(("en", "fr", "de"), "ru")
    with pytest.raises(EnfaceError, match="four languages"):
        arrangement(("en", "fr", "de", "es"), "en")
    with pytest.raises(EnfaceError, match="two to four"):
        arrangement(("en", "fr", "de", "es", "ru"))
    assert options_from_strings("a5", layout="facing", full_page=" de ").full_page == "de"
    assert PrintOptions().full_page is None


def test_manifest_full_page(tmp_path):
    edition = load_edition(make_edition(tmp_path / "e", ("en", "fr", "de"), "fr"))
    assert edition.print.layout == "facing" and edition.print.full_page == "fr"


def test_every_bead_starts_in_step(book, report):
    """The print check (``enface check``'s): every sentence group on one spread, its blocks
    and first lines level in every language (within 1 pt)."""
    case, _edition, pdf_path = book
    beads = defaultdict(set)
    for name in _destinations(pdf_path):
        match = re.fullmatch(r"bead-(\d+)-([a-z]+)", name)
        if match:
            beads[int(match.group(1))].add(match.group(2))
    assert report.beads == len(beads) >= 25, case  # the story's sentence groups, headings, notes
    assert all(found == set(CASES[case][0]) for found in beads.values())
    assert not report.off_spread
    assert report.problems() == [], (case, report.problems())
    assert len(report.text_drift) == report.beads
    assert report.max_drift <= 1.0


def test_the_layout_check_reads_each_page_once_and_keeps_one(book, report, monkeypatch):
    """``inspect_layout`` parses each page's characters once (for the first lines of the groups
    on it and for its lines) and releases them before the next: a book's pages held at once
    were 450 MB on a novella. The report is the same."""
    case, _edition, pdf_path = book
    before = report  # made without the counting below
    parsed: list[int] = []
    held: list[int] = []
    parse = pdfplumber.page.Page.parse_objects

    def counted(page):
        parsed.append(page.page_number)
        held.append(sum(hasattr(other, "_objects") for other in page.pdf.pages))
        return parse(page)

    monkeypatch.setattr(pdfplumber.page.Page, "parse_objects", counted)
    assert inspect_layout(pdf_path) == before, case
    assert len(parsed) == len(set(parsed)) > 2, parsed
    assert set(held) == {0}, held  # none still held when the next is parsed


def test_tall_bead_is_cut_and_continues_in_step(book):
    """The long paragraph (one sentence group) is cut across spreads: each continuation starts
    at the top of the next spread in every language, level, and the text runs on in order."""
    case, _edition, pdf_path = book
    langs = CASES[case][0]
    dests = _destinations(pdf_path)
    conts = defaultdict(dict)
    for name, (page, top) in dests.items():
        match = re.fullmatch(r"cont-(\d+)-(\d+)-([a-z]+)", name)
        if match:
            conts[(int(match.group(1)), int(match.group(2)))][match.group(3)] = (page, top)
    assert len(conts) >= 2, case  # several spreads tall
    first_spread = None
    for (_n, piece), places in sorted(conts.items()):
        assert set(places) == set(langs)
        pages = sorted({p for p, _t in places.values()})
        assert pages[0] % 2 == 1 and pages[-1] - pages[0] <= 1, (case, piece, pages)  # verso + its recto
        tops = [t for _p, t in places.values()]
        assert max(tops) - min(tops) <= 1.0
        first_spread = first_spread if first_spread is not None else pages[0]
    # the clauses run on in order, none lost, in every language
    text = _text(pdf_path)
    for lang in langs:
        before = CLAUSE[lang].split(" {i}")[0].split()[-1]  # "number", "numéro", "Nummer", "número"
        numbers = [int(n) for n in re.findall(rf"\b{before}\s+(\d+)", text)]
        assert numbers == list(range(1, CLAUSES + 1)), (case, lang, numbers[:5], len(numbers))


def _text(pdf_path: Path) -> str:
    """pdftotext's text, hyphenated line ends joined."""
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"[\u2010-]\n(?=\w)", "", text)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_every_word_of_every_source(book):
    """Every word of every Markdown source, as often as in the source, in the PDF's text
    (pdftotext); and ``enface check`` passes (its own words check, pypdf)."""
    case, edition, pdf_path = book
    found = defaultdict(int)
    for word in _words(_text(pdf_path)):
        found[word] += 1
    for source in sorted(edition.glob("*.md")):
        body = source.read_text(encoding="utf-8").split("---", 2)[2]
        body = re.sub(r"\[\^1\]:?", "", body)
        wanted = defaultdict(int)
        for word in _words(body):
            wanted[word] += 1
        missing = {w: n for w, n in wanted.items() if found[w] < n}
        assert not missing, (case, source.name, missing)
    report = run_checks(edition, pdf_path.parent, epubcheck=False)
    assert report.ok, [o for o in report.outcomes if not o.ok]


def _page_text(page) -> str:
    body = page.crop((0, 45, page.width, page.height - 45))  # no running head, no folio
    return "".join(c["text"] for c in body.chars)


MARKERS = {  # a word of the long paragraph only this language has
    "en": "answered",
    "fr": "répondit",
    "de": "antwortete",
    "es": "respondió",
}


def _middle(case: str, index: int) -> float:
    """The middle of the text area of page ``index`` (0-based), in points: the gutter of its columns."""
    size = PrintOptions(page_size=CASES[case][1]).size
    _top, _bottom, inner, outer = size.margins_mm
    left = outer if index % 2 == 1 else inner  # a verso's binding margin is on its right
    return (left + (size.width_mm - inner - outer) / 2) * 72 / 25.4


def test_verso_and_recto_hold_their_languages(book, plumber):
    """On every spread of the text, each page holds its languages and no other: a page of
    one language across it, or two columns, the first language on the left."""
    case, _edition, pdf_path = book
    verso, recto = _pages(case)
    dests = _destinations(pdf_path)
    first = dests["parallel"][0]
    pdf = plumber
    checked = 0
    for index in range(first, len(pdf.pages)):
        page = pdf.pages[index]
        langs = verso if index % 2 == 1 else recto
        words = [w for w in page.extract_words(extra_attrs=["size"]) if 45 < w["top"] < page.height - 45]
        if not words:
            continue
        body = statistics.mode(round(w["size"], 1) for w in words)
        words = [w for w in words if abs(w["size"] - body) < 0.3]  # the text, not its title
        middle = _middle(case, index)
        for lang in MARKERS:
            hits = [w for w in words if w["text"].strip(".,") == MARKERS[lang]]
            if lang not in langs:
                assert not hits, (case, index + 1, lang)
            elif len(langs) == 2 and hits:  # the column of its language
                left = all(w["x1"] < middle for w in hits)
                right = all(w["x0"] > middle for w in hits)
                assert (left, right) == ((True, False) if lang == langs[0] else (False, True)), (case, index + 1)
        if len(langs) == 2:  # two columns: no line crosses the middle
            assert not [w for w in words if w["x0"] < middle - 2 < middle + 2 < w["x1"]], (case, index + 1)
        checked += 1
    assert checked >= 6


def test_no_column_under_40_characters(book, plumber):
    """Two columns on a page hold at least 40 characters a line (the mean of the lines that
    fill their column), in every language."""
    case, _edition, pdf_path = book
    verso, recto = _pages(case)
    lengths = defaultdict(list)
    pdf = plumber
    first = _destinations(pdf_path)["parallel"][0]
    for index in range(first, len(pdf.pages)):
        langs = verso if index % 2 == 1 else recto
        if len(langs) != 2:
            continue
        page = pdf.pages[index]
        words = [w for w in page.extract_words(extra_attrs=["size"]) if 45 < w["top"] < page.height - 45]
        if not words:
            continue
        body = statistics.mode(round(w["size"], 1) for w in words)
        middle = _middle(case, index)
        for side, lang in enumerate(langs):
            column = [w for w in words if abs(w["size"] - body) < 0.3 and (w["x1"] < middle) == (side == 0)]
            if not column:
                continue
            left, right = min(w["x0"] for w in column), max(w["x1"] for w in column)
            lines = defaultdict(list)
            for w in column:
                lines[round(w["top"])].append(w)
            for line in lines.values():
                if max(w["x1"] for w in line) - min(w["x0"] for w in line) > 0.97 * (right - left):
                    lengths[lang].append(sum(len(w["text"]) for w in line) + len(line) - 1)
    assert lengths, case
    for lang, counts in lengths.items():
        assert len(counts) >= 20 and statistics.mean(counts) >= 40, (case, lang, statistics.mean(counts))


def test_running_heads_and_chapters(book, plumber):
    """Running heads: each page's title in its language (both of a two-column page's); a
    chapter opens on a verso; folios consecutive, even on versos."""
    case, _edition, pdf_path = book
    verso, recto = _pages(case)
    dests = _destinations(pdf_path)
    for name in ("parallel", "division-2", "division-3"):
        assert dests[name][0] % 2 == 1, (case, name)  # index odd: an even folio, a verso
    pdf = plumber
    for index in range(dests["parallel"][0] + 1, len(pdf.pages)):
        page = pdf.pages[index]
        head = page.crop((0, 0, page.width, 40)).extract_text() or ""
        langs = verso if index % 2 == 1 else recto
        for lang in langs:
            assert TITLES[lang] in head, (case, index + 1, head)
        assert str(index + 1) in head.split(), (case, index + 1, head)


def test_languages_in_the_structure_tree(book):
    """PDF/UA: tagged, and every language of the text has its /Lang in the structure tree
    (single-language pages on their section, columns on each block)."""
    case, _edition, pdf_path = book
    langs = CASES[case][0]
    with pikepdf.open(pdf_path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        found = defaultdict(int)
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/Lang" in node:
                    found[str(node.Lang)] += 1
                kids = node.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack += list(kids)
                elif isinstance(kids, pikepdf.Dictionary):
                    stack.append(kids)
    for lang in langs:
        assert found[lang] >= 3, (case, lang, dict(found))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_a_spread_draws(book, tmp_path):
    """pdftoppm draws the first spread of the text (what ``enface preview`` shows)."""
    _case, _edition, pdf_path = book
    first = _destinations(pdf_path)["parallel"][0] + 1
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", str(first), "-l", str(first + 1), str(pdf_path), str(tmp_path / "s")],
        check=True,
    )
    assert len(list(tmp_path.glob("s-*.png"))) == 2


def test_verse_on_facing_pages_numbers_every_fifth_line_on_each_side(tmp_path):
    """The poem fixture (three stanzas of four lines in en, fr, de) on facing pages: each
    language numbers its own lines, 5 and 10, level with its fifth and tenth lines."""
    from conftest import write_edition
    from enface.commands.build import build

    fixture = FIXTURE.parent / "poem"
    langs = ("en", "fr", "de")
    texts = {f"{lang}.md": (lang, "translation", (fixture / f"{lang}.md").read_text("utf-8")) for lang in langs}
    edition = write_edition(tmp_path / "poem", texts, slug="poem")
    build(edition, tmp_path / "out", ["pdf"], use_cache=False)  # three languages on A4: facing pages
    stanzas = {lang: _stanza_lines(fixture / f"{lang}.md") for lang in langs}
    with pdfplumber.open(tmp_path / "out" / "poem.pdf") as pdf:
        found = {}
        for page in pdf.pages:
            lines = page.extract_text_lines()
            for lang, verse in stanzas.items():
                for number in (5, 10):
                    target = next((ln for ln in lines if verse[number - 1][:20] in ln["text"]), None)
                    if target is None:
                        continue
                    marks = [
                        w
                        for w in page.extract_words()
                        if w["text"] == str(number) and abs(w["bottom"] - target["bottom"]) < 3
                    ]
                    found[lang, number] = len(marks)
    assert set(found) == {(lang, n) for lang in langs for n in (5, 10)}, found
    # one number per language line; two languages sharing a page put theirs on each outer side
    assert all(count >= 1 for count in found.values()), found


def _stanza_lines(path: Path) -> list[str]:
    """The verse lines of a Markdown line block (``| line``), in order."""
    return [line[2:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
