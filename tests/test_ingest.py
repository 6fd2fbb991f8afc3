from __future__ import annotations

import unicodedata

import pytest

from enface.errors import EnfaceError
from enface.ingest import read_edition
from enface.ingest.language import verify
from enface.ingest.reader import decode, detect_convention, normalise, split_paragraphs
from enface.manifest import load_edition


def test_bundled_sources_paragraphs(bundled_dir):
    edition = load_edition(bundled_dir)
    texts = read_edition(bundled_dir, edition)
    assert [t.convention for t in texts] == ["line", "line", "line", "block"]
    # counted on the files themselves: a paragraph a line, or blocks between blank lines
    expected = []
    for source, text in zip(edition.sources, texts):
        raw = (bundled_dir / source.file).read_text(encoding="utf-8")
        blocks = raw.split("\n\n") if text.convention == "block" else raw.splitlines()
        expected.append(sum(1 for block in blocks if block.strip()))
    assert [len(t.paragraphs) for t in texts] == expected
    assert texts[3].paragraphs[-1].text == "10 из 10"
    last_line = (bundled_dir / edition.sources[3].file).read_text(encoding="utf-8").rstrip("\n").count("\n") + 1
    assert texts[3].paragraphs[-1].line == last_line  # the rating is the file's last line
    for text in texts:
        assert len(text.sha256) == 64


def test_languages_of_bundled_sources_verify(bundled_dir):
    edition = load_edition(bundled_dir)
    for text in read_edition(bundled_dir, edition):
        assert verify(text) is None


def test_conventions_are_detected_not_assumed():
    assert detect_convention("one\ntwo\nthree") == "line"
    assert detect_convention("one\nstill one\n\ntwo") == "block"
    block = split_paragraphs("first line\nwrapped here\n\n  \nsecond", "block")
    assert [p.text for p in block] == ["first line wrapped here", "second"]
    assert [p.line for p in block] == [1, 5]
    lines = split_paragraphs("a\n\n", "line")
    assert [p.text for p in lines] == ["a"]


def test_invalid_utf8_names_byte_and_line(tmp_path):
    path = tmp_path / "bad.txt"
    with pytest.raises(EnfaceError) as info:
        decode(b"ok\nstill ok\nbad \xff here", path)
    assert "byte 16" in str(info.value)
    assert info.value.line == 3


def test_empty_and_binary_files_are_refused(tmp_path):
    with pytest.raises(EnfaceError, match="empty"):
        decode(b"  \n\n", tmp_path / "e.txt")
    with pytest.raises(EnfaceError, match="binary"):
        decode(b"PK\x03\x04\x00\x00abc", tmp_path / "b.txt")


def test_normalise_nfc_newlines_controls():
    text, warnings = normalise("e\u0301te\r\nb\x07c\rd\u2028e")
    assert text == unicodedata.normalize("NFC", "éte\nbc\nd\ne")
    assert warnings and "U+0007" in warnings[0]


def test_wrong_language_is_refused(edition_copy):
    manifest = edition_copy / "edition.toml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace(
        'file = "001_bc9df355ac308037.txt"\nlang = "id"', 'file = "001_bc9df355ac308037.txt"\nlang = "de"'
    )
    manifest.write_text(text.replace("[titles]\n", '[titles]\nde = "Titel"\n'), encoding="utf-8")
    edition = load_edition(edition_copy)
    texts = read_edition(edition_copy, edition)
    with pytest.raises(EnfaceError) as info:
        verify(texts[1])
    assert "001_bc9df355ac308037.txt" in str(info.value)
    assert "'id'" in str(info.value) and "'de'" in str(info.value)


def test_the_language_model_is_let_go_once_the_sources_are_checked(bundled_dir):
    """The identifier's model (about 70 MB) is loaded for the check and not held through the
    rest of the build."""
    from enface.ingest import language
    from enface.pipeline import ingest

    texts, findings = ingest(bundled_dir, load_edition(bundled_dir))
    assert texts and not [f for f in findings if f.code.startswith("lang.")]
    assert language._identifier.cache_info().currsize == 0
    assert language.identify("Le chat dort sur le tapis de la cuisine, près du feu.")[0] == "fr"  # loaded again
    language.release()
