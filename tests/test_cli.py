"""The command line as a user meets it: one clear line on a mistake, no traceback,
and the outputs of the last good build left exactly as they were."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

SLUG = "face-of-another"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "enface", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_version_and_help():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("enface ")
    helped = run("build", "--help")
    assert helped.returncode == 0
    assert "--format" in helped.stdout and "--out" in helped.stdout


@pytest.fixture
def previous_build(built, tmp_path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    return out


def _break(edition: Path, how: str) -> str:
    """Damage an edition copy; returns the file name the error must mention."""
    french = edition / "000_17a15a535a755a60.txt"
    manifest = edition / "edition.toml"
    if how == "missing":
        french.unlink()
        return french.name
    if how == "utf8":
        french.write_bytes(french.read_bytes()[:500] + b"\xc3\x28" + french.read_bytes()[502:])
        return french.name
    if how == "empty":
        french.write_bytes(b"")
        return french.name
    if how == "lang":
        text = manifest.read_text(encoding="utf-8")
        text = text.replace(
            'file = "002_8b5314bc04e1d0a1.txt"\nlang = "ru"', 'file = "002_8b5314bc04e1d0a1.txt"\nlang = "uk"'
        )
        manifest.write_text(text.replace("[titles]\n", '[titles]\nuk = "Чуже обличчя"\n'), encoding="utf-8")
        return "002_8b5314bc04e1d0a1.txt"
    if how == "manifest":
        manifest.write_text(
            manifest.read_text(encoding="utf-8").replace('lang = "id"', 'lang = "klingon"'), encoding="utf-8"
        )
        return "edition.toml"
    raise AssertionError(how)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["missing", "utf8", "empty", "lang", "manifest"])
def test_bad_input_fails_clearly_and_keeps_outputs(edition_copy, previous_build, how):
    name = _break(edition_copy, how)
    before = digest(previous_build)
    result = run("build", str(edition_copy), "--out", str(previous_build))
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("enface: error:")]
    assert len(errors) == 1, result.stderr
    assert name in errors[0]
    assert "Traceback" not in result.stderr
    assert digest(previous_build) == before
    assert not [p for p in previous_build.iterdir() if p.name.endswith(".part")]


def test_unknown_format_is_refused(tmp_path):
    result = run("build", "--format", "docx", "--out", str(tmp_path))
    assert result.returncode != 0
    assert "unknown output format docx" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_build_tei_only_then_check(tmp_path):
    result = run("build", "--format", "tei", "--out", str(tmp_path / "b"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "b").iterdir() if not p.name.startswith(".")) == [
        "SHA256SUMS",
        f"{SLUG}.report.json",
        f"{SLUG}.tei.xml",
    ]
    assert result.stderr.strip() == ""
    checked = run("check", str(tmp_path / "b"))
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.slow
def test_check_fails_on_a_damaged_epub(built, tmp_path):
    import zipfile

    out = tmp_path / "damaged"
    out.mkdir()
    source = built / f"{SLUG}.epub"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out / source.name, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith("parallel.xhtml"):
                root = etree.fromstring(data)
                dropped = root.find(".//{http://www.w3.org/1999/xhtml}p[@id='fr.p5']")
                dropped.getparent().remove(dropped)
                data = etree.tostring(root, xml_declaration=True, encoding="utf-8")
            zout.writestr(info, data)
    result = run("check", str(out), "--no-epubcheck")
    assert result.returncode == 1
    assert "FAIL" in result.stdout + result.stderr
