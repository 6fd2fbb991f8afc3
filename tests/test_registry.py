"""Writers and readers in registries, and typed findings: an output or a source format is
one module and one registry line; every remark of a build has a code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write_edition
from enface import readers, writers
from enface.blocks import Block, SourceDocument
from enface.cli import app
from enface.commands.build import build
from enface.diagnostics import CODES, classify, failing, summary_rows
from enface.errors import EnfaceError
from enface.readers.base import Reader
from enface.writers.base import Written

FR = "Le chercheur travaille au laboratoire.\nIl écrit des notes chaque soir.\n"
RU = "Исследователь работает в лаборатории.\nКаждый вечер он пишет записки.\n"


@pytest.fixture
def mini(tmp_path) -> Path:
    return write_edition(tmp_path / "ed", {"fr.txt": ("fr", "translation", FR), "ru.txt": ("ru", "translation", RU)})


@dataclass(frozen=True)
class UnitCount(writers.Writer):
    """A dummy output: the number of units of the TEI, and a finding."""

    def write(self, document, context) -> Written:
        found = classify("refused to load file:///x.png: only files from the edition", "print")
        return Written(f"{len(document.units)} units\n".encode(), (found,))


@pytest.fixture
def dummy_writer(monkeypatch):
    writer = UnitCount(name="dummy", format="dummy", suffix=".dummy.txt", label="dummy count")
    monkeypatch.setitem(writers.WRITERS, "dummy", writer)
    return writer


def test_registries_list_the_builtin_formats():
    assert writers.formats() == ["tei", "pdf", "epub", "kepub", "azw3", "web"]
    assert writers.default_formats() == ["tei", "pdf", "epub"]  # the device editions are asked for
    assert [w.name for w in writers.WRITERS.values()][:3] == ["report", "tei", "pdf"]
    assert {w.suffix for w in writers.WRITERS.values() if w.format == "epub"} == {
        ".epub",
        ".sequential.epub",
        ".popup.epub",
    }
    assert readers.reader_for(Path("a/b.TXT")).name == "text"
    assert readers.reader_for(Path("notes"), "text").name == "text"


def test_a_registered_writer_is_a_format_of_build(mini, tmp_path, dummy_writer):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(mini), "--out", str(out), "--format", "dummy", "--no-lang-check"])
    assert result.exit_code == 0, result.output
    assert (out / "mini.dummy.txt").read_text() == "2 units\n"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "SHA256SUMS",
        "mini.dummy.txt",
        "mini.report.json",
    ]
    assert "mini.dummy.txt" in (out / "SHA256SUMS").read_text()
    report = json.loads((out / "mini.report.json").read_text(encoding="utf-8"))
    assert any(f["code"] == "print.refused-fetch" for f in report["findings"])  # the writer's finding
    assert "dummy" in writers.formats()

    again = build(mini, out, ["dummy"], check_language=False)
    assert again.up_to_date
    strict = CliRunner().invoke(
        app, ["build", str(mini), "--out", str(out), "--format", "dummy", "--no-lang-check", "--strict"]
    )
    assert strict.exit_code == 1  # the writer's finding is a warning


def test_a_registered_reader_reads_its_extension(tmp_path, monkeypatch):
    def read_shouting(data: bytes, path: Path, *, edition_dir=None) -> SourceDocument:
        lines = data.decode("utf-8").splitlines()
        blocks = tuple(Block("p", line.capitalize(), n) for n, line in enumerate(lines, 1) if line)
        return SourceDocument(blocks, warnings=("line 1: shouted",))

    monkeypatch.setitem(readers.READERS, "shout", Reader("shout", (".shout",), read_shouting))
    edition = write_edition(
        tmp_path / "ed",
        {"fr.shout": ("fr", "translation", FR.upper()), "ru.txt": ("ru", "translation", RU)},
    )
    result = build(edition, tmp_path / "out", ["tei"], check_language=False)
    tei = (tmp_path / "out" / "mini.tei.xml").read_text(encoding="utf-8")
    assert "Le chercheur travaille au laboratoire." in tei
    assert [f.code for f in result.findings if f.file == "fr.shout"][:1] == ["ingest.reader"]


def test_an_unknown_source_format_is_one_clear_error(tmp_path):
    edition = write_edition(tmp_path / "ed", {"fr.dat": ("fr", "translation", FR), "ru.txt": ("ru", "translation", RU)})
    with pytest.raises(EnfaceError) as info:
        build(edition, tmp_path / "out", ["tei"], check_language=False)
    assert "fr.dat" in str(info.value) and "text (.txt, .text)" in str(info.value)

    manifest = edition / "edition.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('file = "fr.dat"\n', 'file = "fr.dat"\nformat = "text"\n'), encoding="utf-8")
    build(edition, tmp_path / "out", ["tei"], check_language=False)  # the manifest says what it is
    manifest.write_text(text.replace('file = "fr.dat"\n', 'file = "fr.dat"\nformat = "rtf"\n'), encoding="utf-8")
    with pytest.raises(EnfaceError, match="unknown source format 'rtf'"):
        build(edition, tmp_path / "out", ["tei"], check_language=False)


REGISTRY_FR = [
    "Le chercheur travaille au laboratoire avec une équipe patiente.",
    "Il écrit des notes chaque soir et les range dans un tiroir.",
    "Le laboratoire ferme à minuit. Les couloirs sont vides et froids, et personne ne répond au téléphone.",
    "Sa femme ne lit jamais ses notes. Elle part tôt le matin.",
    "Le masque est prêt. Personne ne le reconnaît dans la rue.",
]
REGISTRY_RU = [
    "Исследователь работает в лаборатории с терпеливой командой.",
    "Каждый вечер он пишет записки и кладёт их в ящик.",
    "Жена никогда не читает его записок. Она уходит рано утром.",
    "Маска готова. Никто не узнаёт его на улице.",
]


def test_findings_have_codes_and_a_summary():
    from enface.model import Text
    from enface.pipeline import align

    # the French has a paragraph more than the Russian (the third): one unit is empty in
    # Russian (which one the lengths alone choose, or the words with a dictionary installed,
    # does not matter here: the finding names it)
    fr = Text("fr", "translation", "fr.txt", "0" * 64, paragraphs=tuple((p,) for p in REGISTRY_FR))
    ru = Text("ru", "translation", "ru.txt", "0" * 64, paragraphs=tuple((p,) for p in REGISTRY_RU))
    _divisions, units, findings = align(["fr", "ru"], {"fr": fr, "ru": ru})
    empty = [f for f in findings if f.code == "align.empty-unit"]
    assert len(empty) == 1 and (empty[0].severity, empty[0].file) == ("warning", "ru.txt")
    assert empty[0].where == f"unit {next(u.n for u in units if not u.paragraphs['ru'])}"
    assert empty[0].render().startswith("ru.txt: no paragraph matches unit")
    assert classify("page 4: a line sticks out 2 pt past its column: 'x'", "print").where == "page 4"
    assert classify("something WeasyPrint said", "print").code == "weasyprint.message"
    assert classify("EPUB page-list: printed page 5 starts at #x, …", "epub").code == "epub.page-missing"
    overfull = [classify(f"page {n}: a line sticks out 1 pt past its column: 'x'", "print") for n in range(5)]
    rows = summary_rows([*overfull, empty[0]])
    assert [(code, count) for code, _severity, count, _example in rows] == [
        ("align.empty-unit", 1),
        ("print.overfull-line", 5),
    ]
    assert failing(overfull) == [] and len(failing(overfull, strict=True)) == 5
    assert set(CODES.values()) <= {"error", "warning", "info"}


def test_strict_build_fails_on_a_warning_and_replaces_nothing(tmp_path):
    edition = write_edition(
        tmp_path / "ed",
        {"fr.txt": ("fr", "translation", FR.replace("Il", "I\x07l")), "ru.txt": ("ru", "translation", RU)},
    )
    out = tmp_path / "out"
    runner = CliRunner()
    strict = runner.invoke(app, ["build", str(edition), "--out", str(out), "-f", "tei", "--no-lang-check", "--strict"])
    assert strict.exit_code == 1
    assert "ingest.control-chars" in strict.output
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]
    built = runner.invoke(app, ["build", str(edition), "--out", str(out), "-f", "tei", "--no-lang-check", "-v"])
    assert built.exit_code == 0
    report = json.loads((out / "mini.report.json").read_text(encoding="utf-8"))
    codes = [f["code"] for f in report["findings"]]
    assert "ingest.control-chars" in codes
    assert report["warnings"] and "U+0007" in report["warnings"][0]


@pytest.mark.slow
def test_files_the_edition_stylesheet_loads_are_in_the_cache_keys(mini, tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="{}"/></svg>'
    (mini / "mark.svg").write_text(svg.format("#eee"), encoding="utf-8")
    (mini / "extra.css").write_text(".title-main { background: url(mark.svg); }\n", encoding="utf-8")
    manifest = mini / "edition.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + '\n[style]\nprint = "extra.css"\n', encoding="utf-8")
    out = tmp_path / "out"
    first = build(mini, out, ["pdf"], check_language=False)
    assert sorted(first.rebuilt) == ["layout", "pdf", "text"]
    assert build(mini, out, ["pdf"], check_language=False).up_to_date
    (mini / "mark.svg").write_text(svg.format("#ddd"), encoding="utf-8")
    changed = build(mini, out, ["pdf"], check_language=False)
    assert not changed.up_to_date and sorted(changed.rebuilt) == ["layout", "pdf"]

    from enface.commands import preview

    said: list[str] = []
    shown = preview.run(mini, tmp_path / "png", "1", build_dir=out, check_language=False, progress=said.append)
    assert said == [] and [p.name for p in shown.images] == ["mini-p001.png"]  # the build's PDF, from its cache
