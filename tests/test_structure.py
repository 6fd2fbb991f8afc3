"""Structure from the sources to the TEI: divisions, verse, quotations, inline markup, notes."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from enface.blocks import Block, Mark, SourceDocument
from enface.blocktext import text_blocks
from enface.inline import cut, remap, runs
from enface.tei import validate
from enface.tei.read import read_tei
from structured import parallel, tei_tree

T = "{http://www.tei-c.org/ns/1.0}"


def test_remap_follows_characters_through_typography():
    old = 'Il dit "non" ici.'
    new = "Il dit «\u202fnon\u202f» ici."
    marks = remap((Mark(8, 11, "italic"), Mark(17, 17, "note", "1")), old, new)
    assert new[marks[0].start : marks[0].end] == "non"
    assert marks[1].start == len(new)


def test_cut_gives_each_span_its_part_of_a_mark():
    marks = (Mark(2, 8, "bold"),)
    assert cut(marks, 0, 5) == (Mark(2, 5, "bold"),)
    assert cut(marks, 5, 10) == (Mark(0, 3, "bold"),)
    assert cut(marks, 8, 12) == ()


def test_runs_nest_foreign_outside_italic_and_place_notes():
    pieces = runs("ab cd ef", (Mark(3, 5, "italic"), Mark(0, 8, "foreign", "la"), Mark(5, 5, "note", "n")))
    assert [p[0] for p in pieces] == ["ab ", "cd", "", " ef"]
    assert [m.kind for m in pieces[1][1]] == ["foreign", "italic"]
    assert pieces[2][1][0].kind == "note"


def test_sentences_keep_their_emphasis_and_note():
    blocks, notes, _ = text_blocks(
        SourceDocument(
            (Block("p", "Premier *mot*. Second mot.", marks=(Mark(8, 13, "italic"), Mark(14, 14, "note", "x"))),),
            (),
        ),
        "fr",
    )
    first, second = blocks[0].segments
    italic = next(m for m in first.marks if m.kind == "italic")
    assert first.text[italic.start : italic.end] == "*mot*"
    assert any(m.kind == "note" for m in first.marks)  # the note after the full stop stays with it
    assert second.marks == ()
    assert notes == ()  # no such note: nothing numbered


def test_structured_tei_is_valid_and_reads_back():
    tree = tei_tree()
    validate(tree)
    doc = read_tei(tree)
    # two chapters in both languages, headings opposite each other
    assert [d.heads for d in doc.divisions] == [
        {"fr": "Chapitre premier", "ru": "Глава первая"},
        {"fr": "Chapitre deux", "ru": "Глава вторая"},
    ]
    kinds = [u.kind for u in doc.units]
    assert kinds == ["head", "p", "verse", "head", "quote", "p"]
    verse = doc.units[2]
    assert [s.text for s in verse.paragraphs["fr"][0].sentences] == [
        "Le ciel est bleu,",
        "la mer est grise,",
        "et moi je rêve.",
    ]
    assert [s.n for s in verse.paragraphs["ru"][0].sentences] == [1, 2, 3]
    assert len(verse.beads) == 3  # one bead per line
    fr_p = doc.units[1].paragraphs["fr"][0]
    italic = [r.text for s in fr_p.sentences for r in s.runs if "italic" in r.rends]
    assert italic == ["vrai"]
    note = [r for s in fr_p.sentences for r in s.runs if r.note]
    assert note and doc.notes[note[0].note].paragraphs[0][0].text == "Une note."
    ru_p = doc.units[1].paragraphs["ru"][0]
    assert [r.text for s in ru_p.sentences for r in s.runs if "bold" in r.rends] == ["правда"]
    assert doc.units[0].division == 1 and doc.units[3].division == 2


def test_text_without_headings_is_one_unnumbered_division():
    tree = tei_tree()
    assert tree.find(f".//{T}linkGrp[@type='divisions']") is not None
    par = parallel()
    assert len(par.divisions) == 2
    assert [u.paragraphs["fr"] for u in par.units] == [(1,), (2,), (3,), (4,), (5,), (6,)]


WORD = st.text(alphabet="abcdéèxyzабв", min_size=1, max_size=6)
PUNCT = st.sampled_from([" ", " ", ", ", ". ", "! ", " - ", ' "', '" ', "... ", " : "])


@st.composite
def marked_text(draw):
    words = draw(st.lists(WORD, min_size=2, max_size=14))
    text = ""
    spans = []
    for word in words:
        text += draw(PUNCT) if text else ""
        start = len(text)
        text += word
        if draw(st.booleans()):
            spans.append((start, len(text)))
    text += "."
    marks = tuple(Mark(a, b, draw(st.sampled_from(["italic", "bold"]))) for a, b in spans)
    return text, marks


@settings(max_examples=80, deadline=None)
@given(marked_text(), st.sampled_from(["fr", "ru", "id", "de"]))
def test_inline_markup_survives_typography_and_segmentation(sample, lang):
    text, marks = sample
    marked_words = sorted(text[m.start : m.end] for m in marks)
    blocks, _notes, _ = text_blocks(SourceDocument((Block("p", text, marks=marks),)), lang)
    segments = [seg for block in blocks for seg in block.segments]
    # the same words, in order
    assert re.findall(r"\w+", " ".join(s.text for s in segments)) == re.findall(r"\w+", text)
    # the same emphasised words (each marked word whole, never cut or moved)
    got = sorted(s.text[m.start : m.end] for s in segments for m in s.marks)
    assert got == marked_words


def test_exports_say_where_each_row_stands():
    import json

    from enface.align.export import to_json, to_tsv

    doc = read_tei(tei_tree())
    data = json.loads(to_json(doc.units, ["fr", "ru"]))
    assert [(row.get("division"), row.get("kind", "p")) for row in data] == [
        (1, "head"),
        (1, "p"),
        (1, "verse"),
        (2, "head"),
        (2, "quote"),
        (2, "p"),
    ]
    verse = data[2]["beads"]
    # Russian one-letter words are bound to the next word (typography): compare the words
    assert [bead["ru"].replace("\u00a0", " ") for bead in verse] == ["Небо синее,", "море серое,", "а я мечтаю."]
    rows = to_tsv(doc.units, ["fr", "ru"]).splitlines()
    assert rows[0] == "paragraph\tdivision\tkind\tfr\tru"
    assert rows[1] == "1\t1\thead\tChapitre premier\tГлава первая"


def test_presegmented_lines_are_kept_as_sentences(tmp_path):
    """``segments = "lines"``: each line one sentence, never cut again (two sentences on one line
    stay one segment); blank lines separate paragraphs."""
    from enface.commands.build import build

    edition = tmp_path / "edition"
    edition.mkdir()
    de = "Er kam an. Dann ging er.\nDas Wetter war gut.\n\nEnde.\n"
    fr = "Il arriva. Puis il partit.\nLe temps était beau.\n\nFin.\n"
    (edition / "de.txt").write_text(de, encoding="utf-8")
    (edition / "fr.txt").write_text(fr, encoding="utf-8")
    (edition / "edition.toml").write_text(
        'slug = "lines"\ndescription = "Pre-segmented."\n[titles]\nde = "Zeilen"\nfr = "Lignes"\n'
        + "".join(
            f'[[sources]]\nfile = "{lang}.txt"\nlang = "{lang}"\nrole = "translation"\nsegments = "lines"\n'
            for lang in ("de", "fr")
        ),
        encoding="utf-8",
    )
    build(edition, tmp_path / "out", ["tei"], check_language=False)
    doc = read_tei(etree.parse(str(tmp_path / "out" / "lines.tei.xml")))
    fr_paras = [p for u in doc.units for p in u.paragraphs["fr"]]
    assert [[s.text for s in p.sentences] for p in fr_paras] == [
        ["Il arriva. Puis il partit.", "Le temps était beau."],
        ["Fin."],
    ]
    assert [len(b["de"]) for u in doc.units for b in u.beads] == [1, 1, 1]


def test_emphasis_after_repeated_punctuation_typography_changed_stays_on_its_word():
    """French typography turns every "..." into "…": the italic last "a" of "a... a... a."
    stays on the last "a" (a diff of the whole text paired it with the second one)."""
    text = "a... a... a."
    blocks, _notes, _ = text_blocks(SourceDocument((Block("p", text, marks=(Mark(10, 11, "italic"),)),)), "fr")
    (segment,) = [seg for block in blocks for seg in block.segments]
    assert segment.text == "a… a… a."
    assert [segment.text[m.start : m.end] for m in segment.marks] == ["a"]
    assert [(m.start, m.end) for m in segment.marks] == [(len("a… a… "), len("a… a… a"))]


def test_written_tei_keeps_lines_and_sentences_that_are_all_markup_as_they_are(tmp_path):
    """A play's speaker line (all bold) and a stage direction (all italic): the TEI file is
    indented for reading, but not inside them, where a newline and spaces would be the line's
    text (printed as an indent) and would part two marks side by side."""
    from conftest import write_edition
    from enface.commands.build import build

    play = {
        "en": "| **Sampson**\n| Gregory, o' my word, we'll not carry coals.\n\n"
        "*Enter Sampson and Gregory.*\n\nA **bold***italic* pair.\n\n**Exeunt***omnes*\n\n"
        "As the quarto has it.[^q]\n\n[^q]: *Ibid.*\n",
        "ru": "| **Самсон**\n| Уж поверь моему слову, Грегори.\n\n"
        "*Входят Самсон и Грегори.*\n\nОдна **пара***слов* рядом.\n\n**Уходят***все*\n",
    }
    edition = write_edition(
        tmp_path / "play",
        {
            f"{lang}.md": (lang, "translation", f"---\ntitle: T\nlang: {lang}\n---\n\n{text}")
            for lang, text in play.items()
        },
        slug="play",
    )
    build(edition, tmp_path / "out", ["tei"], check_language=False)
    tree = etree.parse(str(tmp_path / "out" / "play.tei.xml"))
    lines = ["".join(line.itertext()) for line in tree.iter(f"{T}l")]
    assert lines[0] == "Sampson" and lines[2] == "Самсон"
    sentences = ["".join(s.itertext()) for s in tree.iter(f"{T}s")]
    assert "Enter Sampson and Gregory." in sentences
    assert "Входят Самсон и\u00a0Грегори." in sentences  # the one-letter word held to the next
    assert "A bolditalic pair." in sentences and "Одна параслов рядом." in sentences
    assert "Exeuntomnes" in sentences  # two marks side by side and nothing else: no space between
    notes = ["".join(p.itertext()) for note in tree.iter(f"{T}note") for p in note.iter(f"{T}p")]
    assert notes == ["Ibid."]  # a footnote's paragraph holds its marks directly
    doc = read_tei(tree)
    verse = next(u for u in doc.units if u.kind == "verse")
    assert verse.paragraphs["en"][0].sentences[0].text == "Sampson"
