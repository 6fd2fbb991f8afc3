"""enface init proposes a headings pattern for a plain text whose chapters are headed by lines
such as "CHAPTER I." (the reader itself never guesses)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from enface.draft import draft_edition
from enface.heading_lines import suggest
from enface.manifest import load_edition
from enface.readers import read_document, text

PROSE = "It was a dark and stormy night, and the wind blew over the hills for a long time."


def test_the_shape_most_short_paragraphs_share_is_proposed() -> None:
    chapters = ["CHAPTER I.", PROSE, "CHAPTER II. The Storm", PROSE, "CHAPTER III", PROSE, "CHAPTER IV.", PROSE]
    found = suggest(chapters)
    assert found is not None and found.lines == ("CHAPTER I.", "CHAPTER II. The Storm", "CHAPTER III", "CHAPTER IV.")
    assert [line for line in chapters if re.search(found.pattern, line)] == list(found.lines)
    assert suggest(["Глава 1", PROSE, "Глава 2", PROSE, "Глава 3"]).lines == ("Глава 1", "Глава 2", "Глава 3")
    assert suggest(["I.", PROSE, "II.", PROSE, "III.", PROSE, "IV", PROSE]).pattern == r"^[IVXLCDM]+\.?$"
    assert suggest(["1", PROSE, "2.", PROSE, "3", PROSE]).pattern == r"^\d{1,3}\.?$"
    worded = suggest(["Глава первая", PROSE, "Глава вторая", PROSE, "Глава двадцать третья", PROSE])
    assert worded is not None and len(worded.lines) == 3 and re.search(worded.pattern, "Глава десятая")
    assert suggest(["Yes sir", "No sir", "Well then"]) is None  # short lines, but not one word thrice
    assert suggest(["Mr Otis", "Mr Otis", "Mr Otis"]) is None  # nor one line thrice
    # a contents before the chapters (the same lines one after another) is not counted
    contents = ["CONTENTS", "CHAPTER I.", "CHAPTER II.", "CHAPTER III.", "THE GHOST"]
    chapters = ["CHAPTER I.", PROSE, "CHAPTER II.", PROSE, "CHAPTER III.", PROSE]
    assert suggest(contents + chapters).lines == ("CHAPTER I.", "CHAPTER II.", "CHAPTER III.")


def test_nothing_is_proposed_without_enough_differently_numbered_headings() -> None:
    assert suggest(["CHAPTER I.", PROSE, "CHAPTER II.", PROSE]) is None  # two are not enough
    assert suggest(["Act 1", PROSE, "Act 1", PROSE, "Act 1", PROSE]) is None  # the same number thrice
    assert suggest(["I walked home.", "I saw him.", "I left.", PROSE]) is None  # "I" before words
    long_lines = [f"Chapter {n} began when the storm came over the hills and the rain fell" for n in (1, 2, 3)]
    assert suggest(long_lines) is None  # sentences, not headings
    assert suggest([PROSE, PROSE]) is None


def test_init_writes_the_pattern_and_the_chapters_become_headings(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    body = "".join(f"CHAPTER {n}.\n\n{PROSE}\n\n{PROSE}\n\n" for n in ("I", "II", "III"))
    (src / "ghost.txt").write_text("THE GHOST\n\n" + body, encoding="utf-8")
    french = "Il faisait nuit et le vent soufflait sur les collines depuis longtemps."
    chapitres = "".join(f"CHAPITRE {n}\n\n{french}\n\n" for n in (1, 2, 3))
    (src / "fantome.txt").write_text("LE FANTÔME\n\n" + chapitres, encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    manifest = tomllib.loads(draft.manifest.read_text(encoding="utf-8"))
    patterns = {s["file"]: s.get("headings") for s in manifest["sources"]}
    assert patterns == {
        "ghost.txt": r"^CHAPTER\s+(?:[IVXLCDM]+|\d+)\b",
        "fantome.txt": r"^CHAPITRE\s+(?:[IVXLCDM]+|\d+)\b",
    }
    assert (
        "3 lines look like chapter headings ('CHAPTER I.', 'CHAPTER II.', 'CHAPTER III.')"
        in draft.manifest.read_text(encoding="utf-8")
    )
    edition = load_edition(tmp_path / "out")
    source = next(s for s in edition.sources if s.file == "ghost.txt")
    doc = text.read(
        (tmp_path / "out" / "ghost.txt").read_bytes(), tmp_path / "out" / "ghost.txt", headings=source.headings
    )
    assert [b.text for b in doc.blocks if b.kind == "head"] == ["CHAPTER I.", "CHAPTER II.", "CHAPTER III."]
    assert read_document(tmp_path / "out" / "ghost.txt").blocks[1].kind == "p"  # without the pattern: paragraphs
