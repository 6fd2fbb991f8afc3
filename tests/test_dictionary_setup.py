"""Bilingual dictionaries for an edition's languages: what the set-up installs and what the
build says when some that would help are missing."""

from __future__ import annotations

import ast
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from enface import dictd
from enface.commands.build import build

SCRIPT = ROOT / "scripts" / "dictionary-packages.py"

# Debian 12's FreeDict packages for these languages, written out from
# `apt-cache search --names-only '^dict-freedict-'` (not read from enface's table).
FRENCH_GERMAN = ["dict-freedict-deu-fra", "dict-freedict-fra-deu"]
FRENCH_ENGLISH_GERMAN = [
    "dict-freedict-deu-eng",
    "dict-freedict-deu-fra",
    "dict-freedict-eng-deu",
    "dict-freedict-eng-fra",
    "dict-freedict-fra-deu",
    "dict-freedict-fra-eng",
]


def _install(folder: Path, pair: str) -> None:
    """A dictionary's two files, as the package installs them (contents do not matter here)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"freedict-{pair}.index").write_text("word\tA\tB\n", encoding="utf-8")
    (folder / f"freedict-{pair}.dict.dz").write_bytes(gzip.compress(b"word\nmot\n"))


def _script(*args: str, dictd_folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ENFACE_DICTD": str(dictd_folder)}
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=60)


def test_packages_between_the_languages_both_directions(tmp_path):
    assert dictd.packages(["fr", "de"], tmp_path) == FRENCH_GERMAN
    assert dictd.packages(["en", "fr", "de-CH"], tmp_path) == FRENCH_ENGLISH_GERMAN
    # Debian has no French-Indonesian pair: French to Indonesian through English (a bridge)
    assert dictd.packages(["fr", "id"], tmp_path) == ["dict-freedict-eng-ind", "dict-freedict-fra-eng"]
    assert dictd.packages(["ru", "id"], tmp_path) == []  # nor rus-eng nor ind-eng: no bridge
    assert dictd.packages(["fr", "xx"], tmp_path) == []  # a language FreeDict has no code for


def test_only_missing_ones_are_suggested(tmp_path):
    _install(tmp_path, "fra-deu")
    assert dictd.packages(["fr", "de"], tmp_path, missing=True) == ["dict-freedict-deu-fra"]
    hint = dictd.suggestion(["fr", "de"], tmp_path)
    assert hint is not None and "sudo apt install dict-freedict-deu-fra`" in hint and "fra-deu" not in hint
    _install(tmp_path, "deu-fra")
    assert dictd.suggestion(["fr", "de"], tmp_path) is None
    (tmp_path / "freedict-deu-fra.dict.dz").unlink()  # half installed is not installed
    assert dictd.packages(["fr", "de"], tmp_path, missing=True) == ["dict-freedict-deu-fra"]


def test_the_setup_script_agrees_with_the_build(tmp_path):
    for langs in (["fr", "de"], ["en", "fr", "de"], ["fr", "ru", "ja", "el", "ar", "id"]):
        done = _script(*langs, dictd_folder=tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == dictd.packages(langs, tmp_path)
    edition = tmp_path / "book"
    edition.mkdir()
    (edition / "edition.toml").write_text(
        'slug = "b"\n[[sources]]\nfile = "a.md"\nlang = "fr"\nrole = "translation"\n'
        '[[sources]]\nfile = "b.md"\nlang = "de"\nrole = "translation"\n',
        encoding="utf-8",
    )
    _install(tmp_path, "deu-fra")
    assert _script(str(edition), dictd_folder=tmp_path).stdout.split() == ["dict-freedict-fra-deu"]
    wrong = _script("not/a/folder", dictd_folder=tmp_path)
    assert wrong.returncode == 1 and "neither an edition folder nor a language code" in wrong.stderr


def test_the_bundled_editions_dictionaries_are_installed_by_the_setup(tmp_path):
    # the bundled edition is French, Indonesian and Russian: Debian has French-Russian only, and
    # French-English, English-Indonesian to bridge French to Indonesian
    assert _script(dictd_folder=tmp_path).stdout.split() == [
        "dict-freedict-eng-ind",
        "dict-freedict-fra-eng",
        "dict-freedict-fra-rus",
    ]
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "scripts/dictionary-packages.py" in setup and "ENFACE_DICTIONARIES_FOR" in setup
    assert "ENFACE_DICTIONARIES_FOR=" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_script_needs_nothing_but_the_standard_library(tmp_path):
    # -S: no site-packages (neither the virtualenv's nor the system's); -I: nor the user's
    env = {**os.environ, "ENFACE_DICTD": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-S", "-I", str(SCRIPT), "fr", "ar"], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    # Debian 12 has no French-Arabic pair: the four through English (`apt-cache search`)
    assert done.stdout.split() == [
        "dict-freedict-ara-eng",
        "dict-freedict-eng-ara",
        "dict-freedict-eng-fra",
        "dict-freedict-fra-eng",
    ]
    for module in ("dictd.py", "languages/__init__.py"):  # what the script imports from src/
        tree = ast.parse((ROOT / "src" / "enface" / module).read_text(encoding="utf-8"))
        imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
        assert imported <= set(sys.stdlib_module_names) | {"__future__"}, module


@pytest.mark.slow
def test_the_build_says_which_dictionaries_would_help_but_not_in_the_report(tiny_edition, tmp_path, monkeypatch):
    monkeypatch.setattr(dictd, "DICTD", tmp_path / "none")  # the tiny edition is French and Russian
    result = build(tiny_edition, tmp_path / "out", ["tei"], check_language=False)
    notes = [f for f in result.findings if f.code == "align.dictionaries"]
    assert len(notes) == 1 and notes[0].severity == "info" and "dict-freedict-fra-rus" in notes[0].message
    report = json.loads(next((tmp_path / "out").glob("*.report.json")).read_text(encoding="utf-8"))
    assert "align.dictionaries" not in json.dumps(report)
    _install(tmp_path / "none", "fra-rus")
    again = build(tiny_edition, tmp_path / "out", ["tei"], check_language=False)
    assert not [f for f in again.findings if f.code == "align.dictionaries"]
