"""Alignment inside a real build: uneven editions still build, and say what they did."""

from __future__ import annotations

import pytest

from enface.commands.build import build

pytestmark = pytest.mark.slow


def test_a_missing_paragraph_gives_a_one_zero_unit_and_a_warning(edition_copy, tmp_path):
    indonesian = edition_copy / "001_bc9df355ac308037.txt"
    lines = indonesian.read_text(encoding="utf-8").split("\n")
    del lines[4]  # paragraph 5 ("Pahlawan bertemu dengan teman sekolah…") is gone
    indonesian.write_text("\n".join(lines), encoding="utf-8")
    result = build(edition_copy, tmp_path / "out", ["tei"])
    warnings = [w for w in result.warnings if "001_bc9df355ac308037.txt" in w]
    assert len(warnings) == 1 and "unit 5" in warnings[0]
    from enface.tei.read import read_tei
    from enface.xmlsafe import parse_file

    doc = read_tei(parse_file(tmp_path / "out" / "face-of-another.tei.xml"))
    assert len(doc.units) == 19
    unit5 = doc.units[4]
    assert unit5.paragraphs["id"] == ()
    assert [p.n for p in unit5.paragraphs["fr"]] == [5]
    assert all(not bead["id"] for bead in unit5.beads)
    assert [p.n for p in doc.units[5].paragraphs["id"]] == [5]  # the rest moved up, still aligned
