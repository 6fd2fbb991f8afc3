"""Corrections that last: export the alignment, fix a bead by hand, rebuild; change the source
under it and get told which row no longer matches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from enface.commands import align as align_command
from enface.commands.build import build
from enface.errors import EnfaceError

ROOT = Path(__file__).resolve().parents[1]
T = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture()
def edition(tmp_path: Path) -> Path:
    folder = tmp_path / "edition"
    shutil.copytree(ROOT / "editions" / "face-of-another", folder)
    loaded, parallel = align_command.run(folder, check_language=False)
    (folder / "alignment.tsv").write_bytes(align_command.export(parallel, "tsv", loaded))
    return folder


def join_rows(tsv: Path, first: int) -> tuple[list[str], list[str]]:
    """Join the bead rows ``first`` and ``first + 1`` (1-based, after the header) into one."""
    lines = tsv.read_text(encoding="utf-8").split("\n")
    a, b = lines[first].split("\t"), lines[first + 1].split("\t")
    assert a[0] == b[0]  # same paragraph
    joined = [a[0], *(" ".join(x for x in (ca, cb) if x) for ca, cb in zip(a[1:], b[1:]))]
    lines[first : first + 2] = ["\t".join(joined)]
    tsv.write_text("\n".join(lines), encoding="utf-8")
    return a, b


def use_alignment(folder: Path) -> None:
    manifest = folder / "edition.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("[titles]", 'alignment = "alignment.tsv"\n\n[titles]', 1), encoding="utf-8")


def tei(folder: Path, out: Path) -> etree._ElementTree:
    build(folder, out, ["tei"], check_language=False)
    return etree.parse(str(next(out.glob("*.tei.xml"))))


def test_a_bead_fixed_by_hand_is_kept_and_marked_manual(edition: Path, tmp_path: Path):
    before = tei(edition, tmp_path / "before")
    auto = [link.get("target").split() for link in before.iterfind(f".//{T}linkGrp[@type='alignment']/{T}link")]
    join_rows(edition / "alignment.tsv", 2)  # the second and third beads of paragraph 1
    use_alignment(edition)
    after = tei(edition, tmp_path / "after")
    links = list(after.iterfind(f".//{T}linkGrp[@type='alignment']/{T}link"))
    manual = [link for link in links if link.get("type") == "manual"]
    assert len(manual) == 1
    assert sorted(manual[0].get("target").split()) == sorted(auto[1] + auto[2])
    assert len(links) == len(auto) - 1  # every other bead as the aligner made it
    assert not [link for link in links if link.get("type") is None and link.get("target").split() not in auto]
    # a second build with the same file gives the same TEI
    again = tei(edition, tmp_path / "again")
    assert etree.tostring(again) == etree.tostring(after)


def test_a_changed_source_under_a_correction_is_named(edition: Path, tmp_path: Path):
    first_row, _second = join_rows(edition / "alignment.tsv", 2)
    use_alignment(edition)
    french = next(edition.glob("000_*.txt"))
    sentence = first_row[1].split(" ")[0:3]  # the bead's first French words
    text = french.read_text(encoding="utf-8")
    words = " ".join(sentence)
    assert words in text
    french.write_text(text.replace(words, words.upper(), 1), encoding="utf-8")
    with pytest.raises(EnfaceError) as info:
        build(edition, tmp_path / "out", ["tei"], check_language=False)
    message = str(info.value)
    assert "alignment.tsv:" in message and "fr text of this row" in message
    assert "export" in message  # says what to do


def test_an_uncertain_end_stays_until_its_unit_is_fixed_by_hand(tmp_path: Path):
    """The German gives one paragraph of two (as in ``test_review``): the first unit's end is
    uncertain. With the exported file used as is, it stays so (nothing was looked at); with a
    bead of that unit set by hand (its two rows joined), the unit was looked at and is not."""
    from conftest import write_edition
    from test_review import FOUR

    texts = {f"{lang}.txt": (lang, "translation", FOUR[lang]) for lang in ("en", "fr", "de")}
    texts["de.txt"] = ("de", "translation", FOUR["de"].splitlines()[0] + "\n")
    folder = write_edition(tmp_path / "ed", texts)

    def subtypes(out: Path) -> list[str | None]:
        links = tei(folder, out).iterfind(f".//{T}linkGrp[@type='translation']/{T}link")
        return [link.get("subtype") for link in links]

    assert subtypes(tmp_path / "auto") == ["uncertain-end", None]
    loaded, parallel = align_command.run(folder, check_language=False)
    (folder / "alignment.tsv").write_bytes(align_command.export(parallel, "tsv", loaded))
    manifest = folder / "edition.toml"
    manifest.write_text('alignment = "alignment.tsv"\n' + manifest.read_text(encoding="utf-8"), encoding="utf-8")
    assert subtypes(tmp_path / "as-is") == ["uncertain-end", None]
    join_rows(folder / "alignment.tsv", 1)  # the two beads of unit 1 (its two sentences)
    assert subtypes(tmp_path / "fixed") == [None, None]
