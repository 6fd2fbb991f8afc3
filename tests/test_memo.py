"""Text-stage pieces kept between builds (:mod:`enface.memo`): an edit in one source reads
and typesets only that source again, and the result is the same as with no cache at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from enface.cache import Cache
from enface.manifest import load_edition
from enface.memo import Memo, decode, encode
from enface.pipeline import prepare_all

FIXTURE = Path(__file__).parent / "fixtures" / "lighthouse"


@pytest.fixture
def lighthouse(tmp_path) -> Path:
    folder = tmp_path / "lighthouse"
    shutil.copytree(FIXTURE, folder)
    sources = "".join(
        f'[[sources]]\nfile = "{lang}.md"\nlang = "{lang}"\nrole = "translation"\n\n' for lang in ("en", "fr", "de")
    )
    (folder / "edition.toml").write_text(
        f'slug = "lighthouse"\ndescription = "A story."\n\n[titles]\nen = "The Lighthouse"\nfr = "Le Phare"\nde = "Der Leuchtturm"\n\n{sources}',
        encoding="utf-8",
    )
    return folder


def _prepare(folder: Path, memo: Memo | None):
    return prepare_all(folder, load_edition(folder), check_language=False, memo=memo)


CHAPTERS = 3  # the lighthouse's top-level headings in every version


def test_an_edit_in_one_chapter_reads_typesets_and_first_aligns_only_that_source_and_chapter(lighthouse, tmp_path):
    cache = Cache(tmp_path / "out")
    first = Memo(cache)
    _prepare(lighthouse, first)
    langs = len(load_edition(lighthouse).sources)
    # each source: read, typeset; each chapter: its first paragraph pass
    assert (first.hits, first.misses) == (0, 2 * langs + CHAPTERS)

    french = lighthouse / "fr.md"
    text = french.read_text(encoding="utf-8")
    last = text.index("# La Chanson")  # the third chapter
    french.write_text(text[:last] + text[last:].replace(". ", ". Encore. ", 1), encoding="utf-8")
    second = Memo(cache)
    kept = _prepare(lighthouse, second)
    assert (second.hits, second.misses) == (2 * (langs - 1) + CHAPTERS - 1, 2 + 1)

    fresh = _prepare(lighthouse, None)  # nothing cached: the same texts, units and findings
    assert kept.parallel == fresh.parallel
    assert kept.findings == fresh.findings


def test_a_damaged_entry_is_recomputed_not_trusted(lighthouse, tmp_path):
    cache = Cache(tmp_path / "out")
    _prepare(lighthouse, Memo(cache))
    for entry in (cache.root / "memo").rglob("*"):
        if entry.is_file():  # valid JSON under a valid header, but not one of ours
            cache.put_json("memo", entry.stem, {"$": "builtins.object"})
    again = Memo(cache)
    result = _prepare(lighthouse, again)
    assert again.hits == 0
    assert result.parallel == _prepare(lighthouse, None).parallel


def test_encode_keeps_only_data_and_decode_only_known_classes():
    from enface.model import Block, Segment

    block = Block("p", (Segment("Une phrase."), Segment("Une autre.")), line=3)
    assert decode(encode(block)) == block
    with pytest.raises(TypeError):
        encode(object())
    with pytest.raises(KeyError):
        decode({"$": "os.system", "command": "true"})


def test_the_installed_dictionaries_key_what_was_aligned_with_them(tmp_path, monkeypatch):
    from enface.align import dictionaries

    monkeypatch.setattr(dictionaries, "DICTD", tmp_path)
    none = dictionaries.identity(["fr", "en"])
    (tmp_path / "freedict-fra-eng.index").write_text("chat\tA\tB\n", encoding="utf-8")
    (tmp_path / "freedict-fra-eng.dict.dz").write_bytes(b"x")
    installed = dictionaries.identity(["fr", "en"])
    (tmp_path / "freedict-fra-eng.dict.dz").write_bytes(b"xy")  # another version
    assert len({none, installed, dictionaries.identity(["fr", "en"])}) == 3
    # French–English bridges French to German through English (where no fra-deu is installed)
    assert dictionaries.identity(["fr", "de"]) != none
    (tmp_path / "freedict-deu-rus.index").write_text("katze\tA\tB\n", encoding="utf-8")
    (tmp_path / "freedict-deu-rus.dict.dz").write_bytes(b"x")
    before = dictionaries.identity(["ru", "de"])
    assert "freedict-deu-rus.index" in before
    (tmp_path / "freedict-spa-por.index").write_text("gato\tA\tB\n", encoding="utf-8")
    (tmp_path / "freedict-spa-por.dict.dz").write_bytes(b"x")
    assert dictionaries.identity(["ru", "de"]) == before  # not a dictionary of these languages


def test_installing_a_dictionary_aligns_the_edition_again(tiny_edition, tmp_path, monkeypatch):
    """The build's text stage is kept by its inputs: a French–Russian dictionary installed
    since the last build is one of them (the alignment may look words up in it)."""
    from enface import dictd
    from enface.commands.build import build

    folder = tmp_path / "dictd"
    folder.mkdir()
    monkeypatch.setattr(dictd, "DICTD", folder)
    out = tmp_path / "out"
    assert "text" in build(tiny_edition, out, ["tei"]).rebuilt
    assert build(tiny_edition, out, ["tei"]).up_to_date
    (folder / "freedict-fra-rus.index").write_text("chat\tA\tB\n", encoding="utf-8")
    (folder / "freedict-fra-rus.dict.dz").write_bytes(b"x")
    again = build(tiny_edition, out, ["tei"])
    assert not again.up_to_date and "text" in again.rebuilt
