"""The print edition laid out chapter by chapter (``enface.pdf.sections``, ``parts``, ``join``).

*The Lighthouse Keeper* (``tests/fixtures/lighthouse``: three chapters in English, French and
German) on A5 in three columns, with bleed, crop marks and two notes pages, so that
chapters run over several pages, some need a blank verso before them, and every kind of
part is there. Built with ``--jobs 1`` and ``--jobs 2`` (same bytes), and once laid out as
one document (the split turned off) to compare page by page. What is checked is read off
the PDF: folios with pdfplumber, the contents and the outline against the pages where the
chapter headings are, the structure tree with pikepdf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from conftest import ROOT, write_edition

pytestmark = pytest.mark.slow

LANGS = ("en", "fr", "de")
FIXTURE = ROOT / "tests" / "fixtures" / "lighthouse"
HEADING_PT = 12  # chapter headings are set larger than this


def _options(layout: str = "columns"):
    from enface.pdf import PrintOptions

    return PrintOptions(page_size="a5", layout=layout, bleed_mm=3, marks=("crop",), notes_pages=2)


def _edition(folder: Path) -> Path:
    texts = {f"{lang}.md": (lang, "translation", (FIXTURE / f"{lang}.md").read_text("utf-8")) for lang in LANGS}
    return write_edition(folder, texts, slug="lighthouse")


def _build(edition: Path, out: Path, jobs: int, *, use_cache: bool = True, layout: str = "columns"):
    from enface.commands.build import build

    options = _options(layout)
    return build(edition, out, ["pdf"], print_options=options, jobs=jobs, use_cache=use_cache, check_language=False)


@dataclass
class Built:
    edition: Path
    one: Path  # --jobs 1
    two: Path  # --jobs 2
    whole: Path  # laid out as one document
    probed: list  # the measuring layouts the --jobs 1 build made (enface.pdf.parts.run_probe), in order


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    import enface.pdf.parts as parts
    import enface.pdf.sections as sections

    folder = tmp_path_factory.mktemp("sections")
    edition = _edition(folder / "edition")
    probed: list = []
    original = parts.run_probe

    def recording(env, probe):
        probed.append(probe)
        return original(env, probe)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts, "run_probe", recording)
        _build(edition, folder / "one", 1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts, "POOL_MIN_CHARS", 0)  # a pool of two processes even for a short book
        _build(edition, folder / "two", 2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sections, "split", lambda _html: None)
        _build(edition, folder / "whole", 1, use_cache=False)
    return Built(
        edition,
        folder / "one" / "lighthouse.pdf",
        folder / "two" / "lighthouse.pdf",
        folder / "whole" / "lighthouse.pdf",
        probed,
    )


@pytest.fixture(scope="module")
def one(built):
    """The ``--jobs 1`` PDF opened once with pdfplumber: its pages parse once for the module."""
    with pdfplumber.open(built.one) as pdf:
        yield pdf


def _folio(page) -> int | None:
    """The number printed in the page's top or bottom margin (its folio), if any."""
    height = page.height
    words = page.extract_words()
    found = [
        w["text"]
        for w in words
        if re.fullmatch(r"\d+", w["text"]) and (w["top"] < 0.09 * height or w["bottom"] > 0.91 * height)
    ]
    return int(found[0]) if found else None


def test_parallel_layout_gives_the_same_bytes_as_one_process(built):
    assert built.one.read_bytes() == built.two.read_bytes()


def test_the_book_reads_as_when_laid_out_whole(built, one):
    """Same pages, same text on each (folios, running heads, contents numbers included)."""
    with pdfplumber.open(built.whole) as whole:
        assert len(one.pages) == len(whole.pages)
        for a, b in zip(one.pages, whole.pages):
            assert a.extract_text() == b.extract_text(), a.page_number
            assert (a.mediabox, a.trimbox, a.bbox) == (b.mediabox, b.trimbox, b.bbox)


def test_folios_are_continuous(built, one):
    folios = [_folio(page) for page in one.pages]
    numbered = [(i + 1, f) for i, f in enumerate(folios) if f is not None]
    assert len(numbered) >= 6, folios  # every page of the text and the notes pages carry one
    assert all(index == folio for index, folio in numbered), numbered
    first = numbered[0][0]
    with pikepdf.open(built.one) as pdf:
        empty = {i + 1 for i, page in enumerate(pdf.pages) if not _mcids(page)}
    unnumbered = {i for i in range(first, len(folios) + 1) if folios[i - 1] is None}
    assert unnumbered and unnumbered <= empty  # blank versos only: every page with text has its folio


def _heading_pages(pdf) -> dict[str, int]:
    """Chapter heading (English) → page number where it is set large (``pdf``: opened with pdfplumber)."""
    titles = re.findall(r"^# (.+)$", (FIXTURE / "en.md").read_text("utf-8"), re.M)
    found: dict[str, int] = {}
    for page in pdf.pages:
        large = "".join(c["text"] for c in page.chars if c["size"] > HEADING_PT)
        for title in titles:
            if title.replace(" ", "") in large.replace(" ", ""):
                found.setdefault(title, page.page_number)
    assert set(found) == set(titles), found
    return found


def test_contents_and_outline_point_at_the_chapters(built, one):
    headings = _heading_pages(one)
    contents = next(p for p in one.pages if "Contents" in (p.extract_text() or ""))
    text, contents_page = contents.extract_text(), contents.page_number
    for title, page in headings.items():
        assert re.search(rf"{re.escape(title)}[ .]*\s{page}\b", text), (title, page, text)
    with pikepdf.open(built.one) as pdf:
        index = {page.objgen: i + 1 for i, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            marks = {str(item.title): index[item.destination[0].objgen] for item in outline.root}
        names = pdf.Root.Names.Dests.Names
        dests = {str(names[i]): index[names[i + 1][0].objgen] for i in range(0, len(names), 2)}
        links = [
            (str(annot.Dest), i + 1)
            for i, page in enumerate(pdf.pages)
            for annot in page.get("/Annots", [])
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot
        ]
    for title, page in headings.items():
        assert marks[title] == page, marks
    toc = [target for target, page in links if page == contents_page]
    assert {dests[target] for target in toc} >= set(headings.values())
    assert all(dests[target] > contents_page for target in toc)  # not to the placeholders in the front matter


def _mcids(page) -> set[int]:
    found = set()
    for operands, operator in pikepdf.parse_content_stream(page):
        dictionary = operands[1] if str(operator) == "BDC" and len(operands) == 2 else None
        if isinstance(dictionary, pikepdf.Dictionary) and "/MCID" in dictionary:
            found.add(int(dictionary.MCID))
    return found


def test_structure_tree_reaches_every_page_and_marks_each_language(built):
    with pikepdf.open(built.one) as pdf:
        root = pdf.Root.StructTreeRoot
        (document,) = list(root.K)
        assert document.S == "/Document"
        reachable, langs, links = set(), set(), 0
        stack = list(document.K)
        while stack:
            element = stack.pop()
            if not isinstance(element, pikepdf.Dictionary) or element.objgen in reachable:
                continue
            reachable.add(element.objgen)
            if "/Lang" in element:
                langs.add(str(element.Lang))
            links += element.get("/S") == "/Link"
            kids = element.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
        nums = root.ParentTree.Nums
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        keys = []
        for page in pdf.pages:
            mcids = _mcids(page)
            if not mcids:
                continue
            keys.append(int(page.StructParents))
            parents = tree[int(page.StructParents)]
            for mcid in mcids:
                assert parents[mcid].objgen in reachable, (page.index, mcid)
            for annot in page.get("/Annots", []):
                assert tree[int(annot.StructParent)].objgen in reachable
        assert len(keys) == len(set(keys))  # one parent-tree entry per page
        assert set(LANGS) <= langs
        assert links >= 3  # the contents' links are tagged
        assert str(pdf.Root.Lang) == "en" and pdf.Root.MarkInfo.Marked


def test_an_edit_in_chapter_two_lays_out_only_chapter_two(built, tmp_path, monkeypatch):
    """The cache keeps each chapter by its own content: an edit in chapter 2 lays out chapter
    2 again, and the front matter (its colophon lists the sources' checksums); nothing else."""
    import shutil

    import enface.pdf.parts as parts

    edition = tmp_path / "edition"
    shutil.copytree(built.edition, edition)
    out = tmp_path / "out"
    shutil.copytree(built.one.parent, out, symlinks=True)
    laid: list[tuple[str, tuple[str, ...]]] = []
    original = parts.lay_out_part

    def recording(env, job):
        laid.append((job.kind, job.sections))
        return original(env, job)

    monkeypatch.setattr(parts, "lay_out_part", recording)
    source = edition / "en.md"
    text = source.read_text("utf-8")
    assert "threw the rope three times" in text
    source.write_text(text.replace("threw the rope three times", "threw the rope four times"), "utf-8")
    result = _build(edition, out, 1)
    assert "pdf" in result.rebuilt
    kinds = sorted(laid)
    assert ("part", ("division-2",)) in kinds
    assert [k for k in kinds if k[0] in ("part", "folios")] == [("part", ("division-2",))], kinds
    assert all(kind == "front" for kind, _s in kinds if kind != "part")
    with pdfplumber.open(out / "lighthouse.pdf") as pdf:
        assert any("four times" in (p.extract_text() or "") for p in pdf.pages)


def test_facing_pages_split_by_division_read_as_when_laid_out_whole(built, tmp_path):
    """Facing pages: a division opens on a verso; each is a part of its own (after an empty
    recto, dropped), and the book reads as when laid out whole, structure checked."""
    import enface.pdf.parts as parts
    import enface.pdf.sections as sections
    from enface.checks.pdf import inspect_pdf

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts, "POOL_MIN_CHARS", 0)
        _build(built.edition, tmp_path / "split", 2, layout="facing")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sections, "split", lambda _html: None)
        _build(built.edition, tmp_path / "whole", 1, use_cache=False, layout="facing")
    split, whole = tmp_path / "split" / "lighthouse.pdf", tmp_path / "whole" / "lighthouse.pdf"
    with pdfplumber.open(split) as a, pdfplumber.open(whole) as b:
        assert len(a.pages) == len(b.pages)
        for x, y in zip(a.pages, b.pages):
            assert x.extract_text() == y.extract_text(), x.page_number
    with pikepdf.open(split) as pdf:
        assert sum("/EnfaceFolio" in page.Resources.get("/XObject", {}) for page in pdf.pages) == len(pdf.pages)
    assert inspect_pdf(split).problems == []


@pytest.mark.parametrize("layout", ["columns", "facing"])
def test_an_edit_in_chapter_two_measures_only_chapter_two(built, tmp_path, monkeypatch, layout):
    """The measuring layouts of the print HTML (facing pages' beads, the hyphenation limits)
    are made a division at a time and cached by the division's own HTML (``pdf/probes.py``):
    after an edit in chapter 2 only chapter 2's are made again, counted. The cold build in
    columns is the module's ``--jobs 1`` build (the same options), its probes recorded there:
    the edit is made in its edition folder (a probe's key has the folder), and undone after."""
    import shutil

    import enface.pdf.parts as parts

    out = tmp_path / "out"
    probed: list = []
    original = parts.run_probe

    def recording(env, probe):
        probed.append(probe)
        return original(env, probe)

    monkeypatch.setattr(parts, "run_probe", recording)
    if layout == "columns":
        edition = built.edition
        shutil.copytree(built.one.parent, out, symlinks=True)
        probed.extend(built.probed)
    else:
        edition = tmp_path / "edition"
        shutil.copytree(built.edition, edition)
        _build(edition, out, 1, layout=layout)
    cold = list(probed)
    kind = "beads" if layout == "facing" else "hyphens"
    assert len([p for p in cold if p.kind == kind]) >= 3  # a probe per chapter at least
    probed.clear()
    source = edition / "en.md"
    text = source.read_text("utf-8")
    source.write_text(text.replace("threw the rope three times", "threw the rope four times"), "utf-8")
    try:
        _build(edition, out, 1, layout=layout)
    finally:
        source.write_text(text, "utf-8")
    assert [p.kind for p in probed] == [kind], [p.kind for p in probed]
    assert "four times" in probed[0].html
    if layout == "columns":
        assert 'id="division-2"' in probed[0].html
