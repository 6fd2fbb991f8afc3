"""Print layouts: facing pages (`--layout facing`, `[print] layout`) and the print-layout check.

One French–Russian facing edition of the bundled texts is built once for the module.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from enface.checks.layout import inspect_layout
from enface.commands.check import run_checks
from enface.errors import EnfaceError
from enface.manifest import load_edition
from enface.pdf.options import PrintOptions, options_from_strings

BUNDLED = Path(__file__).resolve().parent.parent / "editions" / "face-of-another"
CYRILLIC = re.compile("[\u0400-\u04ff]")
LATIN = re.compile("[A-Za-zÀ-ÿ]")


def french_russian(folder: Path, layout: str | None = "facing") -> Path:
    """The bundled edition with its French and Russian translations only."""
    shutil.copytree(BUNDLED, folder)
    (folder / "001_bc9df355ac308037.txt").unlink()
    text = (folder / "edition.toml").read_text(encoding="utf-8")
    text = re.sub(
        r'\[\[sources\]\]\nfile = "001_bc9df355ac308037.txt"\nlang = "id"\nrole = "translation"\n\n', "", text
    )
    text = re.sub(r'^id = ".*"\n', "", text, flags=re.M)
    if layout:
        text = text.replace("[titles]", f'[print]\nlayout = "{layout}"\n\n[titles]', 1)
    (folder / "edition.toml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def facing(tmp_path_factory) -> tuple[Path, Path]:
    """The edition and its PDF, built in this process by ``enface build``'s own code (a process
    of its own would import WeasyPrint and read the language model once more)."""
    from enface.commands.build import build

    root = tmp_path_factory.mktemp("facing")
    edition = french_russian(root / "edition")
    out = root / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the copy is outside git: a date given
        build(edition, out, ["pdf"])
    return edition, out / "face-of-another.pdf"


@pytest.fixture(scope="module")
def layout(facing):
    return inspect_layout(facing[1])


def test_layout_option_and_manifest(tmp_path):
    assert options_from_strings("a4", layout="facing").facing
    assert PrintOptions().layout is None and not PrintOptions().facing
    with pytest.raises(EnfaceError, match="unknown layout"):
        PrintOptions(layout="grid")
    edition = load_edition(french_russian(tmp_path / "e"))
    assert edition.print.layout == "facing"


def test_verso_french_recto_russian(facing, layout):
    """Every spread of the parallel text: the verso holds only French, the recto only Russian."""
    _edition, pdf_path = facing
    spreads = 0
    with pdfplumber.open(str(pdf_path)) as pdf:
        pages = sorted({p for n in range(1, layout.beads + 1) for p in _bead_pages(pdf_path, n)})
        for index in pages:
            page = pdf.pages[index]
            body = page.crop((0, 40, page.width, page.height - 45))  # without the running head and folio
            text = "".join(c["text"] for c in body.chars)
            cyrillic, latin = len(CYRILLIC.findall(text)), len(LATIN.findall(text))
            full = 200 if index < pages[-1] - 1 else 50  # the last spread may hold one short group
            if index % 2 == 1:  # a verso (even folio)
                spreads += 1
                assert cyrillic == 0 and latin > full, (index + 1, cyrillic, latin)
            else:
                assert latin <= 10 and cyrillic > full, (index + 1, cyrillic, latin)  # a Latin name or two
    assert spreads >= 3


_DESTS: dict[Path, dict] = {}


def _bead_pages(pdf_path: Path, n: int) -> list[int]:
    from enface.checks.layout import _destinations

    if pdf_path not in _DESTS:
        _DESTS[pdf_path] = _destinations(pdf_path)
    dests = _DESTS[pdf_path]
    return [dests[f"bead-{n}-{lang}"][0] for lang in ("fr", "ru") if f"bead-{n}-{lang}" in dests]


def test_every_bead_starts_level_on_its_spread(layout):
    assert layout.beads == 136  # every sentence group of the 19 paragraphs
    assert not layout.off_spread
    assert max(d for _b, d in layout.drift) <= 1.0
    assert len(layout.text_drift) == 136 and max(d for _b, d in layout.text_drift) <= 1.0
    assert layout.problems() == []


def test_check_finds_every_word_and_the_layout(facing):
    edition, pdf_path = facing
    report = run_checks(edition, pdf_path.parent, epubcheck=False)
    assert report.ok, [o for o in report.outcomes if not o.ok]
    checks = {o.check for o in report.outcomes}
    assert {"structure", "layout", "words"} <= checks
    words = [o for o in report.outcomes if o.check == "words"]
    assert len(words) == 3 and all("all" in o.detail for o in words)


def test_still_tagged_pdf_ua(facing):
    _edition, pdf_path = facing
    with pikepdf.open(pdf_path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        langs = set()
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/Lang" in node:
                    langs.add(str(node.Lang))
                kids = node.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack += list(kids)
                elif isinstance(kids, pikepdf.Dictionary):
                    stack.append(kids)
        assert "ru" in langs  # the rectos' sections carry their language


def test_facing_sets_two_to_four_languages():
    """Three and four languages are set across a spread (tests/test_print_spread.py); five are refused."""
    from enface.pdf.facing import arrangement

    assert arrangement(("fr", "ru")) == (("fr",), ("ru",))
    with pytest.raises(EnfaceError, match="two to four languages"):
        arrangement(("fr", "id", "ru", "en", "de"))


def tall_figure_edition(folder: Path) -> Path:
    """Two versions around an image eight times taller than wide: at its size it would run
    off any page."""
    from PIL import Image

    folder.mkdir(parents=True)
    Image.new("RGB", (200, 1600), (120, 120, 200)).save(folder / "tall.png")
    manifest = ['slug = "tall"', 'description = "A tall figure."', 'rights = "CC0 1.0"', "", "[titles]"]
    manifest += ['en = "Tall"', 'fr = "Grand"', ""]
    texts = {
        "en": ("The keeper climbed the stairs.", "A drawing of the tower", "He looked at the sea."),
        "fr": ("Le gardien monta l’escalier.", "Un dessin de la tour", "Il regarda la mer."),
    }
    for lang, (before, caption, after) in texts.items():
        (folder / f"{lang}.md").write_text(f"# {lang}\n\n{before}\n\n![{caption}](tall.png)\n\n{after}\n", "utf-8")
        manifest += ["[[sources]]", f'file = "{lang}.md"', f'lang = "{lang}"', 'role = "translation"', ""]
    (folder / "edition.toml").write_text("\n".join(manifest), encoding="utf-8")
    return folder


@pytest.mark.parametrize("layout", ["facing", "columns"])
def test_a_figure_taller_than_the_page_is_scaled_to_fit(tmp_path, layout) -> None:
    """The image keeps its proportions (1:8) and stays inside the page's text block (A5: 15 mm
    and more of margin at the foot), in step on facing pages."""
    from enface.commands.build import build

    edition = tall_figure_edition(tmp_path / "edition")
    out = tmp_path / "out"
    build(edition, out, ["pdf"], print_options=options_from_strings("a5", layout=layout), use_cache=False)
    with pdfplumber.open(out / "tall.pdf") as pdf:
        images = [(page, image) for page in pdf.pages for image in page.images]
        assert len(images) == 2  # one a language
        for page, image in images:
            assert image["top"] > 0 and image["bottom"] < float(page.height) - 15 * 72 / 25.4, image
            width, height = image["x1"] - image["x0"], image["bottom"] - image["top"]
            assert height == pytest.approx(8 * width, rel=0.02)
    if layout == "facing":
        assert inspect_layout(out / "tall.pdf").max_drift <= 1.0


def test_a_unit_whose_first_bead_is_empty_on_the_verso_still_has_a_page_in_the_contents() -> None:
    """The contents link every unit (``u3``) to the first block of its first bead on the verso.
    Where that block is empty (the unit opens with what only the recto's version has), the link
    target is an empty box of its own: WeasyPrint gives it a page, and the contents a number
    (not the placeholder "000" left where no box bore the id)."""
    from lxml import etree
    from weasyprint import HTML

    from enface.pdf.facing import _anchor
    from enface.pdf.measure import first_pages

    empty = etree.Element("div", {"class": "fbead", "id": "bead-2-fr", "style": "height: 40pt"})
    full = etree.fromstring('<div class="fbead" id="bead-1-fr"><p class="text">Il y avait une fois.</p></div>')
    _anchor(empty, "u2")
    _anchor(full, "u1")
    assert [el.get("id") for el in empty] == ["u2"]
    assert full[0][0].tag == "span" and full[0][0].get("id") == "u1" and full[0][0].tail == "Il y avait une fois."
    page_break = '<div style="break-before: page"></div>'
    body = etree.tostring(full, encoding="unicode") + page_break + etree.tostring(empty, encoding="unicode")
    document = HTML(string=f"<html><body>{body}</body></html>").render()
    assert first_pages(document).get("u1") == 0
    assert first_pages(document).get("u2") == 1


def test_a_contents_entry_with_no_page_is_a_warning(tmp_path, monkeypatch) -> None:
    """Were a unit's link target ever laid out nowhere, its contents entry would print the
    placeholder 000: the build says so, coded, instead of shipping it silently."""
    import json

    from conftest import TINY, write_edition
    from enface.commands.build import build
    from enface.pdf import facing

    edition = write_edition(tmp_path / "tiny", TINY, slug="tiny", extra='[print]\nlayout = "facing"\n')
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setattr(facing, "_anchor", lambda block, ident: None)  # no unit gets its target
    build(edition, tmp_path / "out", ["pdf"])
    report = json.loads((tmp_path / "out" / "tiny.report.json").read_text(encoding="utf-8"))
    found = [f for f in report["findings"] if f["code"] == "print.contents-unplaced"]
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert "#u1" in found[0]["message"] and "000" in found[0]["message"]
    with pdfplumber.open(tmp_path / "out" / "tiny.pdf") as pdf:
        contents = next(p.extract_text() for p in pdf.pages if "Table des matières" in (p.extract_text() or ""))
    assert re.search(r"[ .]000\s*$", contents, flags=re.M)
