"""The stage cache: an unchanged build does nothing, and a change rebuilds exactly the
stages that depend on it (text, print layout, PDF, each EPUB)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import enface.paths
from enface.commands.build import build
from enface.pdf.options import PrintOptions

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def styles_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of styles/ that enface uses instead of the real one."""
    root = tmp_path / "data"
    shutil.copytree(ROOT / "styles", root / "styles")
    monkeypatch.setattr(enface.paths, "_data_root", lambda: root)
    return root / "styles"


@pytest.fixture
def paged_edition(tiny_edition) -> Path:
    """The tiny edition with its text four times over (slug ``tiny``): a page of parallel text on
    A4 and more than one on A5 (in columns), so a change of page size changes the EPUB's page-list."""
    for path in tiny_edition.glob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8") * 4, encoding="utf-8")
    manifest = tiny_edition / "edition.toml"  # columns: facing pages would hold it on A5 too
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("[titles]", '[print]\nlayout = "columns"\n\n[titles]', 1), encoding="utf-8")
    return tiny_edition


def page_list(epub: Path) -> list[str]:
    """The page-list of the EPUB's navigation document: the printed pages it links."""
    import re
    import zipfile

    with zipfile.ZipFile(epub) as archive:
        nav = archive.read("EPUB/nav.xhtml").decode("utf-8")
    return re.findall(r'href="text/parallel\.xhtml#page-(\w+)"', nav)


def test_rebuilds_exactly_what_changed(paged_edition, styles_copy, tmp_path):
    out = tmp_path / "out"
    formats = ["tei", "epub", "pdf"]

    first = build(paged_edition, out, formats)
    assert sorted(first.rebuilt) == ["epub:interleaved", "layout", "pdf", "text"]
    pdf_bytes = (out / "tiny.pdf").read_bytes()
    a4_pages = page_list(out / "tiny.epub")

    same = build(paged_edition, out, formats)
    assert same.up_to_date and same.rebuilt == []

    (out / "tiny.pdf").unlink()  # an output gone: restored from the cache
    restored = build(paged_edition, out, formats)
    assert not restored.up_to_date and restored.rebuilt == []
    assert (out / "tiny.pdf").read_bytes() == pdf_bytes

    css = styles_copy / "epub.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.unit { margin-bottom: 2em; }\n", encoding="utf-8")
    assert build(paged_edition, out, formats).rebuilt == ["epub:interleaved"]

    css = styles_copy / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { color: #111; }\n", encoding="utf-8")
    print_only = build(paged_edition, out, formats)
    assert sorted(print_only.rebuilt) == ["layout", "pdf"]  # same pagination: the EPUB page-list holds
    assert (out / "tiny.pdf").read_bytes() != pdf_bytes

    a5 = build(paged_edition, out, formats, print_options=PrintOptions(page_size="a5"))
    assert page_list(out / "tiny.epub") != a4_pages  # what the next line is about: more pages on A5
    assert sorted(a5.rebuilt) == ["epub:interleaved", "layout", "pdf"]  # new pages: new page-list

    popup = build(paged_edition, out, ["epub"], epub_mode="popup", print_options=PrintOptions(page_size="a5"))
    assert popup.rebuilt == ["epub:popup"]

    french = paged_edition / "fr.txt"
    french.write_text(
        french.read_text(encoding="utf-8").replace("Sa femme ne les lit jamais", "Sa femme ne les relit jamais", 1),
        encoding="utf-8",
    )
    edited = build(paged_edition, out, formats)
    assert sorted(edited.rebuilt) == ["epub:interleaved", "layout", "pdf", "text"]
    assert "relit" in (out / "tiny.tei.xml").read_text(encoding="utf-8")


def test_no_cache_recomputes_and_gives_the_same_bytes(built, rebuilt_elsewhere):
    """The bundled edition built with ``use_cache=False`` (``rebuilt_elsewhere`` in conftest.py,
    made once: also from another folder and with the clock moved, test_safety.py)."""
    fresh = rebuilt_elsewhere.out
    assert rebuilt_elsewhere.rebuilt == ["epub:interleaved", "layout", "pdf", "text"]
    assert not (fresh / ".enface-cache").exists()
    for name in ("face-of-another.tei.xml", "face-of-another.epub", "face-of-another.pdf"):
        assert (fresh / name).read_bytes() == (built / name).read_bytes()


def test_language_verdicts_are_cached_so_a_text_rebuild_never_loads_the_model(tiny_edition, tmp_path):
    """Cold (a new process, the text stage recomputed because edition.toml changed) but with
    the output folder's cache: the sources' language verdicts are reused, py3langid is not
    even imported. A changed source is checked again."""
    import subprocess
    import sys

    out = tmp_path / "o"
    first = build(tiny_edition, out, ["epub"], page_list=False)
    assert "text" in first.rebuilt
    manifest = tiny_edition / "edition.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("[titles]", '[print]\nlayout = "facing"\n\n[titles]', 1),
        encoding="utf-8",
    )
    code = (
        "import sys; from pathlib import Path; from enface.commands.build import build; "
        f"r = build(Path({str(tiny_edition)!r}), Path({str(out)!r}), ['epub'], page_list=False); "
        "print('text' in r.rebuilt, 'py3langid' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True False"
    french = tiny_edition / "fr.txt"
    french.write_text(french.read_text(encoding="utf-8") + "\n\nEncore un paragraphe, tout neuf.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True"


def test_epub_only_without_page_list_never_imports_weasyprint(tiny_edition, tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from enface.commands.build import build; "
        f"build(Path({str(tiny_edition)!r}), Path({str(tmp_path / 'o')!r}), ['epub'], page_list=False); "
        "print(any(m.startswith('weasyprint') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
    assert (tmp_path / "o" / "tiny.epub").is_file()
