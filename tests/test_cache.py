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


def test_rebuilds_exactly_what_changed(edition_copy, styles_copy, tmp_path):
    out = tmp_path / "out"
    formats = ["tei", "epub", "pdf"]

    first = build(edition_copy, out, formats)
    assert sorted(first.rebuilt) == ["epub:interleaved", "layout", "pdf", "text"]
    pdf_bytes = (out / "face-of-another.pdf").read_bytes()

    same = build(edition_copy, out, formats)
    assert same.up_to_date and same.rebuilt == []

    (out / "face-of-another.pdf").unlink()  # an output gone: restored from the cache
    restored = build(edition_copy, out, formats)
    assert not restored.up_to_date and restored.rebuilt == []
    assert (out / "face-of-another.pdf").read_bytes() == pdf_bytes

    css = styles_copy / "epub.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.unit { margin-bottom: 2em; }\n", encoding="utf-8")
    assert build(edition_copy, out, formats).rebuilt == ["epub:interleaved"]

    css = styles_copy / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { color: #111; }\n", encoding="utf-8")
    print_only = build(edition_copy, out, formats)
    assert sorted(print_only.rebuilt) == ["layout", "pdf"]  # same pagination: the EPUB page-list holds
    assert (out / "face-of-another.pdf").read_bytes() != pdf_bytes

    a5 = build(edition_copy, out, formats, print_options=PrintOptions(page_size="a5"))
    assert sorted(a5.rebuilt) == ["epub:interleaved", "layout", "pdf"]  # new pages: new page-list

    popup = build(edition_copy, out, ["epub"], epub_mode="popup", print_options=PrintOptions(page_size="a5"))
    assert popup.rebuilt == ["epub:popup"]

    french = edition_copy / "000_17a15a535a755a60.txt"
    french.write_text(
        french.read_text(encoding="utf-8").replace(
            "Le héros rencontre un ami d'école", "Le héros retrouve un ami d'école"
        ),
        encoding="utf-8",
    )
    edited = build(edition_copy, out, formats)
    assert sorted(edited.rebuilt) == ["epub:interleaved", "layout", "pdf", "text"]
    assert "retrouve" in (out / "face-of-another.tei.xml").read_text(encoding="utf-8")


def test_no_cache_recomputes_and_gives_the_same_bytes(built, tmp_path, bundled_dir):
    result = build(bundled_dir, tmp_path / "fresh", ["tei", "epub", "pdf"], use_cache=False)
    assert sorted(result.rebuilt) == ["epub:interleaved", "layout", "pdf", "text"]
    assert not (tmp_path / "fresh" / ".enface-cache").exists()
    for name in ("face-of-another.tei.xml", "face-of-another.epub", "face-of-another.pdf"):
        assert (tmp_path / "fresh" / name).read_bytes() == (built / name).read_bytes()


def test_epub_only_without_page_list_never_imports_weasyprint(tmp_path, bundled_dir):
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from enface.commands.build import build; "
        f"build(Path({str(bundled_dir)!r}), Path({str(tmp_path / 'o')!r}), ['epub'], page_list=False); "
        "print(any(m.startswith('weasyprint') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
    assert (tmp_path / "o" / "face-of-another.epub").is_file()
