"""`enface align` and `enface init` as a user runs them, on the bundled edition and on an
edition in languages enface has no special rules for.

The commands run in-process (typer's runner: the arguments, the exit code and both output
streams are the command line's); only the refusal to overwrite a drafted edition runs as a
separate process, as what a user sees there is the whole program's (one line, no traceback).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner, Result

from conftest import write_edition
from enface.cli import app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ENV = {"SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "160"}


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=ENV)


def failure(result: Result) -> str:
    """What a failed command said, for the assertion message."""
    return result.stderr + repr(result.exception)


def test_json_alignment_of_the_bundled_edition():
    result = run("align", "--format", "json")
    assert result.exit_code == 0, failure(result)
    units = json.loads(result.stdout_bytes)
    assert [u["paragraph"] for u in units] == list(range(1, 20))
    assert sum(len(u["beads"]) for u in units) == 136
    for unit in units:
        for bead in unit["beads"]:
            assert list(bead) == ["fr", "id", "ru"]
    fourth = units[3]["beads"]
    # "…sa conversation avec K. Si le visage…" is cut after "K." in all three languages
    assert any(b["fr"].endswith("sa conversation avec K.") for b in fourth)
    # every French word is in the export, in order
    french = (ROOT / "editions/face-of-another/000_17a15a535a755a60.txt").read_text(encoding="utf-8")
    exported = " ".join(b["fr"] for u in units for b in u["beads"])
    from enface.checks.text import words

    assert words(exported) == words(french)


def test_tmx_and_tsv(tmp_path):
    out = tmp_path / "a.tmx"
    written = run("align", "-f", "tmx", "--out", str(out), "-q")
    assert written.exit_code == 0, failure(written)
    root = etree.parse(str(out)).getroot()
    assert root.get("version") == "1.4"
    tus = root.findall("body/tu")
    assert len(tus) == 136
    langs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tus[0].findall("tuv")}
    assert langs == {"fr", "id", "ru"}
    tsv = run("align", "-f", "tsv").stdout_bytes.decode("utf-8").splitlines()
    assert tsv[0].split("\t") == ["paragraph", "fr", "id", "ru"]
    assert len(tsv) == 137 and all(len(line.split("\t")) == 4 for line in tsv)


def test_report_lists_every_unit():
    result = run("align", "--report")
    text = result.stderr
    assert result.exit_code == 0, failure(result)
    assert "19 units, 136 beads" in text
    assert "2-2-1" in text  # paragraph 1: two French sentences are one in Russian


EN = """Dr. Miller lived on St. Mary's Road for ten years. He walked to the station every morning. The trains were always late.
He liked small things, e.g. stamps and old coins, and he kept them in a wooden box under his bed. One day the box was gone and he searched for it everywhere in the house.
In the end his neighbour found it in the garden behind the shed. Nobody ever knew how it had got there.
"""
DE = """Dr. Müller wohnte zehn Jahre lang in der St. Marien-Straße. Er ging jeden Morgen zum Bahnhof. Die Züge kamen immer zu spät.
Er mochte kleine Dinge, z. B. Briefmarken und alte Münzen, und bewahrte sie in einer Holzkiste unter seinem Bett auf. Eines Tages war die Kiste verschwunden. Er suchte sie überall im Haus.
Am Ende fand sein Nachbar sie im Garten hinter dem Schuppen. Niemand wusste je, wie sie dorthin gekommen war.
"""


def test_unseen_languages_english_german(tmp_path):
    edition = write_edition(tmp_path / "ed", {"en.txt": ("en", "translation", EN), "de.txt": ("de", "translation", DE)})
    result = run("align", str(edition), "-f", "json")
    assert result.exit_code == 0, failure(result)
    units = json.loads(result.stdout_bytes)
    assert [len(u["beads"]) for u in units] == [3, 2, 2]
    assert units[0]["beads"][0] == {
        "en": "Dr. Miller lived on St. Mary’s Road for ten years.",
        "de": "Dr. Müller wohnte zehn Jahre lang in der St. Marien-Straße.",
    }
    assert units[1]["beads"][0]["de"].startswith("Er mochte kleine Dinge, z. B. Briefmarken")
    assert units[1]["beads"][1] == {
        "en": "One day the box was gone and he searched for it everywhere in the house.",
        "de": "Eines Tages war die Kiste verschwunden. Er suchte sie überall im Haus.",
    }
    built = run("build", str(edition), "--out", str(tmp_path / "out"), "--format", "tei,epub,pdf", "-q")
    assert built.exit_code == 0, failure(built)


def test_init_drafts_the_bundled_edition_from_the_seeds(tmp_path):
    seeds = ROOT / "editions" / "face-of-another"
    src = tmp_path / "seeds"
    src.mkdir()
    for path in seeds.glob("*.txt"):
        (src / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "drafted"
    result = run("init", str(src), "--out", str(out))
    assert result.exit_code == 0, failure(result)
    from enface.manifest import load_edition

    edition = load_edition(out)
    assert edition.languages == ["fr", "id", "ru"]
    assert [(s.lang, s.file) for s in edition.appendices] == [("ru", "003_77f1739700b8fbe3.txt")]
    for path in seeds.glob("*.txt"):
        assert (out / path.name).read_bytes() == path.read_bytes()
    built = run("build", str(out), "--out", str(tmp_path / "o"), "-q")
    assert built.exit_code == 0, failure(built)
    assert (tmp_path / "o" / f"{edition.slug}.pdf").is_file()
    env = {**os.environ, **ENV}
    again = subprocess.run(
        [sys.executable, "-m", "enface", "init", str(src), "--out", str(out)], capture_output=True, env=env, timeout=300
    )
    assert again.returncode != 0 and b"Traceback" not in again.stderr
