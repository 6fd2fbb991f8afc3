"""Print options on the command line (`enface build --page-size … --bleed … --marks … --pdf-variant …
--notes-pages …`) and `enface preview`."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import write_edition
from enface.commands.preview import parse_pages
from enface.errors import EnfaceError
from enface.pdf.options import PrintOptions, options_from_strings, parse_bleed, parse_marks, parse_notes

FR = (
    "Le chercheur travaille au laboratoire avec une équipe nombreuse et patiente. "
    "Il écrit des notes chaque soir pour sa femme qui ne les lit jamais."
)
RU = (
    "Исследователь работает в лаборатории вместе с большой и терпеливой командой. "
    "Каждый вечер он пишет записки жене, которая их никогда не читает."
)


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "enface", *args], capture_output=True, text=True, env=env, timeout=300)


def test_option_parsing():
    assert parse_bleed("3mm") == 3 and parse_bleed("0.125in") == 3.175 and parse_bleed("3") == 3
    assert parse_marks("crop,cross") == ("crop", "cross") and parse_marks("none") == ()
    assert (
        parse_notes("4") == (4, "ruled") and parse_notes("blank:2") == (2, "blank") and parse_notes("0") == (0, "ruled")
    )
    options = options_from_strings("A5", "3mm", "crop", "pdf/a-3b", "ruled:2")
    assert options == PrintOptions(page_size="a5", bleed_mm=3, marks=("crop",), variant="pdf/a-3b", notes_pages=2)
    assert options_from_strings("US-Letter").size.label == "US Letter"
    assert options_from_strings("6x9").size.width_mm == pytest.approx(152.4)
    with pytest.raises(AttributeError):
        options.bleed_mm = 5  # frozen
    for bad in (
        lambda: options_from_strings("a3"),
        lambda: parse_bleed("3 furlongs"),
        lambda: options_from_strings(bleed="2cm"),
        lambda: parse_marks("crop,star"),
        lambda: options_from_strings(variant="pdf/x-4"),
        lambda: parse_notes("ruled:many"),
    ):
        with pytest.raises(EnfaceError):
            bad()


def test_page_ranges():
    assert parse_pages("1-4", 18) == [1, 2, 3, 4]
    assert parse_pages("3,5-6,5", 18) == [3, 5, 6]
    assert parse_pages("16-", 18) == [16, 17, 18]
    assert parse_pages("17-40", 18) == [17, 18]
    for bad in ("", "0", "5-2", "x", "19"):
        with pytest.raises(EnfaceError):
            parse_pages(bad, 18)


def test_build_help_lists_the_print_options():
    helped = run("build", "--help").stdout
    for option in ("--page-size", "--bleed", "--marks", "--pdf-variant", "--notes-pages"):
        assert option in helped
    assert "--pages" in run("preview", "--help").stdout


@pytest.mark.parametrize(
    "args, words",
    [
        (["--page-size", "a3"], "unknown page size"),
        (["--bleed", "2cm"], "bleed must be between"),
        (["--marks", "star"], "unknown printer's mark"),
        (["--pdf-variant", "pdf/x-4"], "unknown PDF variant"),
        (["--notes-pages", "lots"], "notes pages"),
    ],
)
def test_bad_print_options_are_one_line_errors(tmp_path, args, words):
    result = run("build", "--out", str(tmp_path / "out"), *args)
    assert result.returncode == 3  # bad input: an EnfaceError
    assert result.stderr.startswith("enface: error: ") and words in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_build_and_preview_a_two_language_press_pdf(tmp_path):
    edition = write_edition(
        tmp_path / "ed", {"fr.txt": ("fr", "translation", FR + "\n"), "ru.txt": ("ru", "translation", RU + "\n")}
    )
    out = tmp_path / "out"
    result = run(
        "build",
        str(edition),
        "--out",
        str(out),
        "--format",
        "pdf",
        "--page-size",
        "a5",
        "--bleed",
        "3mm",
        "--marks",
        "crop,cross",
        "--pdf-variant",
        "pdf/a-3b",
        "--notes-pages",
        "blank:1",
        "--no-lang-check",
        "-q",
    )
    assert result.returncode == 0, result.stderr
    pdf = out / "mini.pdf"
    info = subprocess.run(["pdfinfo", "-box", str(pdf)], capture_output=True, text=True, check=True).stdout
    trim = [float(v) for v in re.search(r"TrimBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", info).groups()]
    assert abs(trim[2] - trim[0] - 148 * 72 / 25.4) < 0.5 and abs(trim[3] - trim[1] - 210 * 72 / 25.4) < 0.5
    xmp = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "pdfaid" in xmp
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    last = subprocess.run(
        ["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Notes" in last  # the one blank notes page

    images = tmp_path / "png"
    shown = run("preview", "--pdf", str(pdf), "--pages", "1-2,4", "--out", str(images))
    assert shown.returncode == 0, shown.stderr
    written = sorted(p.name for p in images.iterdir())
    assert written == ["mini-p001.png", "mini-p002.png", "mini-p004.png"]
    png = (images / "mini-p001.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    # 60 dpi, A5 plus 3 mm bleed on each side
    assert abs(width - (148 + 6) / 25.4 * 60) <= 2 and abs(height - (210 + 6) / 25.4 * 60) <= 2

    # the build's own stages, through its cache: the same print options draw the PDF the build made
    laid_out = run(
        "preview",
        str(edition),
        "--pages",
        "1",
        "--out",
        str(tmp_path / "png2"),
        "--build-dir",
        str(out),
        "--no-lang-check",
        "--page-size",
        "a5",
        "--bleed",
        "3mm",
        "--marks",
        "crop,cross",
        "--pdf-variant",
        "pdf/a-3b",
        "--notes-pages",
        "blank:1",
    )
    assert laid_out.returncode == 0, laid_out.stderr
    assert [p.name for p in (tmp_path / "png2").iterdir()] == ["mini-p001.png"]
    assert (tmp_path / "png2" / "mini-p001.png").read_bytes() == png  # the PDF the build made
    assert "pdftoppm" in laid_out.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "SHA256SUMS",
        "mini.pdf",
        "mini.report.json",
    ]


def test_preview_of_a_missing_pdf_is_an_error(tmp_path):
    result = run("preview", "--pdf", str(tmp_path / "nothing.pdf"), "--out", str(tmp_path))
    assert result.returncode == 3 and "PDF not found" in result.stderr
