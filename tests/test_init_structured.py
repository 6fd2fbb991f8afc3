"""`enface init` on structured sources (Markdown, DOCX, EPUB, HTML, plain text side by side):
languages and titles from the files' metadata, translations told from extra material by
language, length and headings, not paragraph counts; and bad structured input, through
`enface build`, as one line naming the file (exit 3)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pypandoc
import pytest

from enface.commands.build import build
from enface.commands.init import COLUMNS, rows
from enface.draft import draft_edition
from enface.manifest import load_edition

LIGHTHOUSE = Path(__file__).resolve().parent / "fixtures" / "lighthouse"

# Extra material written for this test (CC0, like the lighthouse story): shorter, unrelated.
NOTE_EN = """\
---
title: A note on the text
lang: en
---

This little story was written to test a program that sets translations side by side. It has
no author to speak of, and no history: it was made up in an afternoon, in three languages at
once, and given away.
"""


def lighthouse(lang: str) -> str:
    return (LIGHTHOUSE / f"{lang}.md").read_text(encoding="utf-8")


def free_french() -> str:
    """The French version with its paragraphs merged: fewer paragraphs, the same text."""
    text = lighthouse("fr")
    text = text.replace("l'eau noire.\n\nAu large,", "l'eau noire. Au large,")
    text = text.replace("brûlante.\n\n# La Chanson", "brûlante.\n\n# La Chanson")
    text = text.replace("la saisisse.\n\nUn par un,", "la saisisse. Un par un,")
    return text


def paragraphs(markdown: str) -> int:
    body = markdown.split("---", 2)[2]
    return sum(1 for part in re.split(r"\n\s*\n", body) if part.strip() and not part.lstrip().startswith(("#", "[^")))


def env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "250"}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "enface", *args], capture_output=True, text=True, env=env(), timeout=300
    )


def test_markdown_and_docx_with_an_appendix(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "en.md").write_text(lighthouse("en"), encoding="utf-8")
    (src / "fr.md").write_text(free_french(), encoding="utf-8")
    assert paragraphs(free_french()) == paragraphs(lighthouse("en")) - 2  # a free translation
    pypandoc.convert_file(str(LIGHTHOUSE / "de.md"), "docx", outputfile=str(src / "de.docx"))
    (src / "note.md").write_text(NOTE_EN, encoding="utf-8")
    (src / "cover.jpg").write_bytes(b"\xff\xd8\xff")  # no reader: left out, and said so
    result = run("init", str(src), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    table = {
        line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
        for line in result.stderr.splitlines()  # the console is stderr
        if line.startswith("│")
    }
    assert table["de.docx"][:4] == ["de (p=1.00)", table["de.docx"][1], "3", "translation"]
    assert table["en.md"][0] == "en (metadata)" and table["en.md"][3] == "translation"
    assert table["fr.md"][0] == "fr (metadata)" and table["fr.md"][3] == "translation"
    assert table["fr.md"][4].startswith("fits de, en (lengths within ×1.")
    assert "headings at the same places" in table["fr.md"][4]
    assert table["note.md"][3] == "appendix"
    assert (
        table["note.md"][4].startswith("en is taken by en.md, and ")
        and "× shorter than de.docx (de)" in table["note.md"][4]
    )
    assert table["cover.jpg"][3:] == ["ignored", "no reader for .jpg"]

    out = tmp_path / "out"
    manifest = tomllib.loads((out / "edition.toml").read_text(encoding="utf-8"))
    assert manifest["titles"] == {
        "de": "Der Leuchtturmwärter",
        "en": "The Lighthouse Keeper",
        "fr": "Le Gardien du phare",
    }
    assert [(s["file"], s["lang"], s["role"]) for s in manifest["sources"]] == [
        ("de.docx", "de", "translation"),
        ("en.md", "en", "translation"),
        ("fr.md", "fr", "translation"),
        ("note.md", "en", "appendix"),
    ]
    assert manifest["sources"][3]["title"] == {"en": "A note on the text"}
    assert not any("format" in s for s in manifest["sources"])  # every extension says it
    assert not (out / "cover.jpg").exists()
    edition = load_edition(out)
    assert edition.languages == ["de", "en", "fr"]
    built = build(out, tmp_path / "build", ["tei"])  # the draft builds, languages checked
    assert (tmp_path / "build" / f"{edition.slug}.tei.xml").is_file() and not built.failed


def test_html_epub_and_plain_text(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    en = re.sub(r"(?s)\A---.*?---\n", "", lighthouse("en"))
    plain = re.sub(r"^# ", "", re.sub(r"\[\^1\]:.*\n|\[\^1\]|[*>|]", "", en), flags=re.MULTILINE)
    (src / "keeper.txt").write_text(plain, encoding="utf-8")
    pypandoc.convert_file(
        str(LIGHTHOUSE / "fr.md"), "html", outputfile=str(src / "gardien.html"), extra_args=["--standalone"]
    )
    pypandoc.convert_file(str(LIGHTHOUSE / "de.md"), "epub", outputfile=str(src / "waerter.epub"))
    draft = draft_edition(src, tmp_path / "out")
    decisions = {d.file: d for d in draft.decisions}
    assert {name: (d.lang, d.lang_source, d.role, d.format) for name, d in decisions.items()} == {
        "gardien.html": ("fr", "metadata", "translation", "html"),
        "keeper.txt": ("en", "identified", "translation", "text"),
        "waerter.epub": ("de", "metadata", "translation", "epub"),
    }
    assert {name: (d.title, d.title_source) for name, d in decisions.items()} == {
        "gardien.html": ("Le Gardien du phare", "metadata"),
        "keeper.txt": ("keeper", "file name"),  # plain text: no metadata, no heading read as one
        "waerter.epub": ("Der Leuchtturmwärter", "metadata"),
    }
    # the three headings of en.md, now plain lines ("The Storm", "The Rescue", "The Song"): the
    # draft proposes them as headings (tests/test_heading_lines.py) and weighs where they stand
    assert decisions["keeper.txt"].headings == 3
    assert "headings at the same places" in decisions["keeper.txt"].reason
    # the three headings of fr.md: a standalone HTML page's title block is its title, not a
    # heading of the text (tests/test_readers_structured.py)
    assert decisions["gardien.html"].headings == 3
    assert rows(draft)[1][: len(COLUMNS) - 1] == ("keeper.txt", "en (p=1.00)", rows(draft)[1][2], "3", "translation")
    text = draft.manifest.read_text(encoding="utf-8")
    assert "3 lines look like chapter headings ('The Storm', 'The Rescue', 'The Song')" in text
    edition = load_edition(tmp_path / "out")
    assert [s.headings for s in edition.sources if s.file == "keeper.txt"] == [r"^The\s+[^\W\d_]+(?:[\s\-][^\W\d_]+)?$"]


def test_headings_in_other_places_make_another_text_unless_the_words_agree(tmp_path: Path) -> None:
    """Same language set, about the same length, as many headings, but not where the others
    have them: another text, unless its words stand where theirs do (then it is a translation
    chaptered otherwise). The German with its last third of paragraphs put first has the same
    words, at other places."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "en.md").write_text(lighthouse("en"), encoding="utf-8")
    (src / "fr.md").write_text(lighthouse("fr"), encoding="utf-8")
    german = lighthouse("de")
    heads = re.findall(r"^# .*\n\n", german, flags=re.MULTILINE)
    assert len(heads) == 3
    body = german
    for head in heads[1:]:
        body = body.replace(head, "")
    parts = body.rsplit("\n\n", 3)  # the second and third heading near the end
    moved = f"{parts[0]}\n\n{heads[1]}{parts[1]}\n\n{heads[2]}{parts[2]}\n\n{parts[3]}"
    (src / "de.md").write_text(moved, encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    decisions = {d.file: d for d in draft.decisions}
    assert decisions["de.md"].role == "translation" and decisions["de.md"].headings == 3
    assert "headings otherwise but words at the same places" in decisions["de.md"].reason

    front, *paragraphs = moved.split("\n\n")
    third = len(paragraphs) - len(paragraphs) // 3
    (src / "de.md").write_text("\n\n".join([front, *paragraphs[third:], *paragraphs[:third]]), encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out2")
    decisions = {d.file: d for d in draft.decisions}
    assert decisions["de.md"].role == "appendix" and decisions["de.md"].headings == 3
    assert re.fullmatch(
        r"headings elsewhere than in en\.md \(en\) \(up to \d+% of the text apart\) → appendix",
        decisions["de.md"].reason,
    )
    assert decisions["en.md"].role == decisions["fr.md"].role == "translation"


def test_figures_are_copied_along_and_titles_come_from_headings(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "img").mkdir(parents=True)
    (src / "img" / "phare.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    without_metadata = re.sub(r"(?s)\A---.*?---\n", "", lighthouse("fr"))
    (src / "fr.md").write_text(without_metadata + "\n![Le phare](img/phare.png)\n", encoding="utf-8")
    (src / "en.md").write_text(lighthouse("en"), encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    assert (tmp_path / "out" / "img" / "phare.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    french = next(d for d in draft.decisions if d.file == "fr.md")
    assert (french.lang, french.lang_source, french.role) == ("fr", "identified", "translation")
    assert (french.title, french.title_source) == ("La Tempête", "heading")  # no metadata: the first heading


def test_init_names_a_broken_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "en.md").write_text(lighthouse("en"), encoding="utf-8")
    (src / "fr.md").write_text("---\ntitle: Le Gardien\nlang: fr: en\n---\n\nTexte.\n", encoding="utf-8")
    result = run("init", str(src), "--out", str(tmp_path / "out"))
    assert result.returncode == 3
    assert result.stderr.startswith(f"enface: error: {src / 'fr.md'}:3: broken YAML metadata block")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


# --- bad structured input through `enface build` ----------------------------------------------


def broken_edition(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True)
    (folder / name).write_bytes(data)
    (folder / "en.md").write_text(lighthouse("en"), encoding="utf-8")
    (folder / "edition.toml").write_text(
        textwrap.dedent(f"""\
            slug = "broken"
            description = "One broken source."

            [titles]
            fr = "Le Gardien du phare"
            en = "The Lighthouse Keeper"

            [[sources]]
            file = "{name}"
            lang = "fr"
            role = "translation"

            [[sources]]
            file = "en.md"
            lang = "en"
            role = "translation"
            """),
        encoding="utf-8",
    )
    return folder


BROKEN = {
    "yaml": (
        "fr.md",
        b"---\ntitle: Le Gardien\nlang: fr: en\n---\n\nLe gardien monta.\n",
        "fr.md:3: broken YAML metadata block",
    ),
    "not-a-zip": (
        "fr.epub",
        b"Le gardien monta l'escalier.\n",
        "fr.epub: not a EPUB file: it is not a zip container",
    ),
    "image": (
        "fr.md",
        b"Le gardien monta.\n\n![Le phare](../phare.png)\n",
        "fr.md:3: image ../phare.png is outside the edition folder",
    ),
    "footnote": (
        "fr.md",
        b"Le gardien monta.\n\nIl alluma la lampe[^2].\n\nFin[^1].\n\n[^1]: Une note.\n",
        "fr.md:3: footnote reference [^2] has no footnote",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_bad_structured_input_fails_the_build_with_one_line(tmp_path: Path, case: str) -> None:
    name, data, expected = BROKEN[case]
    folder = broken_edition(tmp_path / "edition", name, data)
    (tmp_path / "phare.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # exists, but outside the edition
    result = run("build", str(folder), "--out", str(tmp_path / "out"), "--format", "tei", "-q")
    assert result.returncode == 3, result.stderr
    assert result.stdout == "" or "Traceback" not in result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"enface: error: {folder}/{expected}"), result.stderr
    assert not list((tmp_path / "out").glob("*.tei.xml")) if (tmp_path / "out").exists() else True


def test_metadata_that_contradicts_the_text_is_not_taken(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "en.md").write_text(lighthouse("en"), encoding="utf-8")
    (src / "fr.md").write_text(lighthouse("fr").replace("lang: fr", "lang: de"), encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    french = next(d for d in draft.decisions if d.file == "fr.md")
    assert (french.lang, french.lang_source) == ("fr", "identified")
    assert french.lang_note == "fr (p=1.00; the metadata's de is not what the text reads as)"
    assert french.role == "translation"
