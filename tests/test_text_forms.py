"""Plain text gains structure only when its manifest entry asks: ``form = "verse"`` (stanzas of
verse lines) and ``headings = "<regex>"`` (heading lines); a bad setting is one clear error."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from lxml import etree

from enface.blocks import Block
from enface.errors import EnfaceError
from enface.manifest import load_edition
from enface.readers import read_document
from enface.readers.text import detect_convention, read, split_paragraphs

TEI = {"t": "http://www.tei-c.org/ns/1.0"}

PROSE_BLOCKS = """\
CHAPTER I
The keeper climbed the stairs
at dusk.

He lit the lamp.

CHAPTER II

At midnight the boat struck the rocks.
"""

PROSE_LINES = "CHAPTER I\nThe keeper climbed the stairs.\nHe lit the lamp.\nCHAPTER II\nThe boat struck.\n"

POEM = """\
I
The sea is wide, the night is long,
  the wind is   wild and cold;

but every lamp that burns till dawn
is worth its weight in gold.


II

A second stanza
ends here.
"""


def test_without_form_or_headings_plain_text_is_read_as_always(tmp_path: Path) -> None:
    for text in (PROSE_BLOCKS, PROSE_LINES, POEM):
        document = read(text.encode(), tmp_path / "a.txt")
        assert list(document.blocks) == split_paragraphs(text, detect_convention(text))
        assert all(block.kind == "p" for block in document.blocks)
        assert document.meta == {"convention": detect_convention(text)}


def test_headings_in_blank_line_separated_prose(tmp_path: Path) -> None:
    document = read(PROSE_BLOCKS.encode(), tmp_path / "a.txt", headings="^CHAPTER ")
    assert document.blocks == (
        Block("head", "CHAPTER I", 1, level=1),
        Block("p", "The keeper climbed the stairs at dusk.", 2),  # the rest of the paragraph
        Block("p", "He lit the lamp.", 5),
        Block("head", "CHAPTER II", 7, level=1),
        Block("p", "At midnight the boat struck the rocks.", 9),
    )
    assert document.meta == {"convention": "block"} and document.warnings == ()


def test_headings_in_one_paragraph_a_line_prose(tmp_path: Path) -> None:
    document = read(PROSE_LINES.encode(), tmp_path / "a.txt", headings="^(CHAPTER|Chapitre|Глава) ")
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        ("head", "CHAPTER I", 1),
        ("p", "The keeper climbed the stairs.", 2),
        ("p", "He lit the lamp.", 3),
        ("head", "CHAPTER II", 4),
        ("p", "The boat struck.", 5),
    ]
    assert all(b.level == 1 for b in document.blocks if b.kind == "head")


def test_verse_stanzas_and_headings(tmp_path: Path) -> None:
    document = read(POEM.encode(), tmp_path / "a.txt", form="verse", headings=r"^[IVX]+$")
    assert document.blocks == (
        Block("head", "I", 1, level=1),
        Block("verse", "The sea is wide, the night is long,\nthe wind is wild and cold;", 2),
        Block("verse", "but every lamp that burns till dawn\nis worth its weight in gold.", 5),
        Block("head", "II", 9, level=1),
        Block("verse", "A second stanza\nends here.", 11),
    )
    assert document.blocks[1].lines == ("The sea is wide, the night is long,", "the wind is wild and cold;")
    assert document.meta == {"convention": "verse"}
    plain = read(POEM.encode(), tmp_path / "a.txt", form="verse")  # without headings, every line is verse
    assert [b.text.split("\n")[0] for b in plain.blocks] == [
        "I",
        "but every lamp that burns till dawn",
        "II",
        "A second stanza",
    ]
    assert {b.kind for b in plain.blocks} == {"verse"}
    assert plain.blocks[0].text.startswith("I\nThe sea is wide")


def test_a_pattern_that_matches_nothing_is_a_warning(tmp_path: Path) -> None:
    document = read(PROSE_LINES.encode(), tmp_path / "a.txt", headings="^Глава ")
    assert all(b.kind == "p" for b in document.blocks)
    assert document.warnings == ("headings = '^Глава ' matches no line: the text has no headings (check the pattern)",)


# --- the manifest ------------------------------------------------------------------------------


def edition(folder: Path, fr: str, en: str, fr_settings: str = "", en_settings: str = "", *, fr_name="fr.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / fr_name).write_text(fr, encoding="utf-8")
    (folder / "en.txt").write_text(en, encoding="utf-8")
    (folder / "edition.toml").write_text(
        textwrap.dedent(f"""\
            slug = "forms"
            description = "Plain text with structure."

            [titles]
            fr = "Le gardien"
            en = "The keeper"

            [[sources]]
            file = "{fr_name}"
            lang = "fr"
            role = "translation"
            {fr_settings}

            [[sources]]
            file = "en.txt"
            lang = "en"
            role = "translation"
            {en_settings}
            """),
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            'headings = "^(CHAPTER"',
            "edition.toml: sources.1: headings for 'en.txt': '^(CHAPTER' is not a valid Python regular "
            "expression (missing ), unterminated subpattern at position 1)",
        ),
        ('headings = "x*"', "edition.toml: sources.1: headings for 'en.txt': 'x*' matches an empty line"),
        ('form = "poem"', 'edition.toml: sources.1.form: form is "prose" or "verse", not \'poem\''),
        ("form = 3", 'edition.toml: sources.1.form: form is "prose" or "verse", not 3'),
    ],
)
def test_bad_settings_name_the_manifest_and_the_source(tmp_path: Path, settings: str, expected: str) -> None:
    folder = edition(tmp_path / "ed", "Texte.\n", "Text.\n", en_settings=settings)
    with pytest.raises(EnfaceError) as err:
        load_edition(folder)
    assert str(err.value).startswith(f"{folder / expected.split(': ', 1)[0]}: {expected.split(': ', 1)[1]}")


def test_form_and_headings_are_for_plain_text_only(tmp_path: Path) -> None:
    folder = edition(tmp_path / "ed", "# Titre\n\nTexte.\n", "Text.\n", 'form = "verse"', fr_name="fr.md")
    with pytest.raises(EnfaceError) as err:
        load_edition(folder)
    assert "sources.0: form = \"verse\" is for plain-text sources; 'fr.md' is read as markdown" in str(err.value)
    (folder / "edition.toml").write_text(
        (folder / "edition.toml")
        .read_text(encoding="utf-8")
        .replace('form = "verse"', 'format = "text"\nheadings = "^#"'),
        encoding="utf-8",
    )
    source = load_edition(folder).sources[0]  # a Markdown file read as plain text may have headings
    assert source.reader_options == {"headings": "^#"}
    assert read_document(folder / "fr.md", "text", options=source.reader_options).blocks[0] == Block(
        "head", "# Titre", 1, level=1
    )


def test_defaults_tell_the_reader_nothing(tmp_path: Path) -> None:
    source = load_edition(edition(tmp_path / "ed", "Texte.\n", "Text.\n")).sources[0]
    assert (source.form, source.headings, source.reader_options) == ("prose", None, {})


# --- through a build -----------------------------------------------------------------------------

FR_POEM = "I\nLa mer est vaste, la nuit est longue,\nle vent est froid et fou ;\n\nmais chaque lampe qui brûle jusqu'à l'aube\nvaut son pesant d'or.\n\nII\nUne seconde strophe\nfinit ici.\n"
EN_POEM = "I\nThe sea is wide, the night is long,\nthe wind is wild and cold;\n\nbut every lamp that burns till dawn\nis worth its weight in gold.\n\nII\nA second stanza\nends here.\n"
FR_PROSE = "Chapitre 1\nLe gardien monta l'escalier au crépuscule, comme chaque soir depuis trente ans.\nIl alluma la grande lampe.\nChapitre 2\nÀ minuit, le bateau heurta les rochers sous la tour.\n"
EN_PROSE = "CHAPTER 1\nThe keeper climbed the stairs at dusk, as he had done every evening for thirty years.\nHe lit the great lamp.\nCHAPTER 2\nAt midnight the boat struck the rocks below the tower.\n"


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "enface", *args], capture_output=True, text=True, env=env, timeout=300)


def test_verse_and_headings_reach_the_tei(tmp_path: Path) -> None:
    from enface.commands.build import build

    poem = edition(tmp_path / "poem", FR_POEM, EN_POEM, *(['form = "verse"\nheadings = "^[IVX]+$"'] * 2))
    build(poem, tmp_path / "out-poem", ["tei"], check_language=False)
    tree = etree.parse(str(tmp_path / "out-poem" / "forms.tei.xml"))
    assert len(tree.xpath("//t:head", namespaces=TEI)) >= 4  # two headings a language
    assert len(tree.xpath("//t:lg", namespaces=TEI)) == 6  # three stanzas a language
    assert len(tree.xpath("//t:l", namespaces=TEI)) == 12

    prose = edition(tmp_path / "prose", FR_PROSE, EN_PROSE, 'headings = "^Chapitre "', 'headings = "^CHAPTER "')
    build(prose, tmp_path / "out-prose", ["tei"], check_language=False)
    tree = etree.parse(str(tmp_path / "out-prose" / "forms.tei.xml"))
    heads = [" ".join(h.itertext()).split() for h in tree.xpath("//t:head", namespaces=TEI)]
    assert ["CHAPTER", "2"] in heads and ["Chapitre", "2"] in heads
    assert not tree.xpath("//t:lg", namespaces=TEI)


def test_a_bad_pattern_fails_the_build_with_one_line(tmp_path: Path) -> None:
    folder = edition(tmp_path / "ed", FR_PROSE, EN_PROSE, 'headings = "^(Chapitre"')
    result = run("build", str(folder), "--out", str(tmp_path / "out"), "--format", "tei")
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(
        f"enface: error: {folder / 'edition.toml'}: sources.0: headings for 'fr.txt': '^(Chapitre' is not a valid"
    )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.tei.xml"))
