"""Exports of an alignment: JSON round trip, TMX read back with lxml, TSV shape."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from enface.align.export import from_json, to_json, to_tmx, to_tsv
from enface.tei.read import Sentence, UnitView

LANGS = ["fr", "id", "ru"]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def Unit(paragraph: int, beads: list[dict[str, str]]) -> UnitView:
    """A unit as read from the TEI, with one sentence per language and bead."""
    views = tuple(
        {lang: (Sentence(f"{lang}.p{paragraph}.s{b}", text),) if text else () for lang, text in bead.items()}
        for b, bead in enumerate(beads, 1)
    )
    return UnitView(paragraph, {}, views)


def texts(unit: UnitView) -> list[dict[str, str]]:
    return [{lang: " ".join(s.text for s in bead.get(lang, ())) for lang in LANGS} for bead in unit.beads]


UNITS = [
    Unit(
        paragraph=1,
        beads=[
            {"fr": "Le héros refuse.", "id": "Tapi sang pahlawan menolak.", "ru": "Но герой отказывается."},
            {
                "fr": '"Une personne défigurée?" Il se lamente.',
                "id": '"Apakah orang cacat?" Dia menyesali.',
                "ru": "«Неужели изуродованное лицо?» — сокрушается он.",
            },
        ],
    ),
    Unit(
        paragraph=2,
        beads=[
            {"fr": "Selon K., ce n'est pas <seulement> esthétique & rare.", "id": "", "ru": "По мнению К., это…"},
            {"fr": "", "id": "Kalimat tambahan\tdengan tab\net baris baru.", "ru": ""},
        ],
    ),
]


def test_json_round_trip_and_shape() -> None:
    text = to_json(UNITS, LANGS)
    assert "Неужели" in text and "\\u" not in text  # ensure_ascii off
    data = json.loads(text)
    assert data[0] == {
        "paragraph": 1,
        "beads": [
            {"fr": "Le héros refuse.", "id": "Tapi sang pahlawan menolak.", "ru": "Но герой отказывается."},
            texts(UNITS[0])[1],
        ],
    }
    assert all(list(bead) == LANGS for unit in data for bead in unit["beads"])
    assert from_json(text) == data
    assert text.startswith('[\n  {\n    "paragraph": 1,')


def test_json_fills_missing_languages() -> None:
    data = json.loads(to_json([Unit(3, [{"fr": "Seul."}])], LANGS))
    assert data == [{"paragraph": 3, "beads": [{"fr": "Seul.", "id": "", "ru": ""}]}]


def test_tmx_is_well_formed_and_reads_back() -> None:
    data = to_tmx(UNITS, LANGS, "fr")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    assert {
        key: header.get(key) for key in ("creationtool", "segtype", "adminlang", "srclang", "datatype", "o-tmf")
    } == {
        "creationtool": "enface",
        "segtype": "sentence",
        "adminlang": "en",
        "srclang": "fr",
        "datatype": "plaintext",
        "o-tmf": "enface",
    }
    assert header.get("creationdate") is None
    units = root.findall("body/tu")
    expected = [(unit.n, bead) for unit in UNITS for bead in texts(unit)]
    assert len(units) == len(expected)
    for tu, (paragraph, bead) in zip(units, expected):
        assert tu[0].tag == "prop" and tu[0].get("type") == "x-paragraph" and tu[0].text == str(paragraph)
        read = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.findall("tuv")}
        assert read == {lang: text for lang, text in bead.items() if text}


def test_tmx_is_deterministic_and_dates_only_when_asked() -> None:
    assert to_tmx(UNITS, LANGS, "fr") == to_tmx(UNITS, LANGS, "fr")
    dated = etree.fromstring(to_tmx(UNITS, LANGS, "*all*", creationdate="20240101T000000Z"))
    assert dated.find("header").get("creationdate") == "20240101T000000Z"
    assert dated.find("header").get("srclang") == "*all*"
    with pytest.raises(ValueError, match="srclang"):
        to_tmx(UNITS, LANGS, "de")


def test_tsv_columns() -> None:
    text = to_tsv(UNITS, LANGS)
    lines = text.split("\n")
    assert lines[0] == "paragraph\tfr\tid\tru"
    assert lines[-1] == ""  # ends with a newline
    rows = [line.split("\t") for line in lines[1:-1]]
    assert len(rows) == 4 and all(len(row) == 4 for row in rows)
    assert rows[3] == ["2", "", "Kalimat tambahan dengan tab et baris baru.", ""]
    assert rows[1][3] == "«Неужели изуродованное лицо?» — сокрушается он."
    assert len(text.splitlines()) == 5  # no stray line breaks inside cells
