"""Aligned text out: JSON (our own shape), TMX 1.4b (for CAT tools) and TSV (for spreadsheets).

The input is the units as read back from the TEI (:class:`enface.tei.read.UnitView`): every
bead becomes one row mapping each language to its segments' text joined by one space (""
where a language has nothing), in reading order: headings, sentences, verse lines. Units
inside divisions (chapters) carry the division's number and their kind, so an export of a
structured book says where each row stands. Output is deterministic: the same units give the
same bytes (no clock unless a date is passed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lxml import etree

from .. import __version__

if TYPE_CHECKING:
    from ..tei.read import UnitView

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TMX_DTD = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
# Tabs and everything str.splitlines() breaks on: any of them would shift a TSV row or column.
_BREAKS = re.compile("[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def bead_texts(unit: UnitView, langs: Sequence[str]) -> list[dict[str, str]]:
    """Each bead of the unit as text per language (segments joined by one space)."""
    return [{lang: " ".join(s.text for s in bead.get(lang, ())) for lang in langs} for bead in unit.beads]


def _place(unit: UnitView) -> dict[str, object]:
    """Where a unit stands in a structured book (nothing for a book without divisions)."""
    place: dict[str, object] = {}
    if unit.division:
        place["division"] = unit.division
    if unit.kind != "p":
        place["kind"] = unit.kind
    return place


def to_json(units: Sequence[UnitView], langs: Sequence[str]) -> str:
    """``[{"paragraph": n, "beads": [{"fr": …, "id": …}]}]`` with keys in ``langs`` order;
    ``division`` and ``kind`` (head, verse, quote, figure) where the book has them."""
    data = [{"paragraph": unit.n, **_place(unit), "beads": bead_texts(unit, langs)} for unit in units]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def from_json(text: str) -> list[dict]:
    """Read :func:`to_json` output back as plain data (for checks and hand-made corrections)."""
    return json.loads(text)


def to_tmx(
    units: Sequence[UnitView],
    langs: Sequence[str],
    srclang: str,
    *,
    adminlang: str = "en",
    creationdate: str | None = None,
) -> bytes:
    """A TMX 1.4b translation memory: one ``<tu>`` per bead, one ``<tuv>`` per language with text.

    ``srclang`` is one of ``langs`` or ``"*all*"`` (TMX's "any language may be the source").
    ``creationdate`` (TMX form ``YYYYMMDDThhmmssZ``) is written only when given.
    """
    if srclang != "*all*" and srclang not in langs:
        raise ValueError(f"srclang {srclang!r} is not one of {list(langs)} (or '*all*')")
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(
        root,
        "header",
        {
            "creationtool": "enface",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "enface",
            "adminlang": adminlang,
            "srclang": srclang,
            "datatype": "plaintext",
        },
    )
    if creationdate is not None:
        header.set("creationdate", creationdate)
    body = etree.SubElement(root, "body")
    for unit in units:
        for bead in bead_texts(unit, langs):
            present = [lang for lang in langs if bead.get(lang, "").strip()]
            if not present:
                continue
            tu = etree.SubElement(body, "tu")
            prop = etree.SubElement(tu, "prop", type="x-paragraph")
            prop.text = str(unit.n)
            for name, value in _place(unit).items():
                etree.SubElement(tu, "prop", type=f"x-{name}").text = str(value)
            for lang in present:
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = bead[lang]
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=TMX_DTD))


def to_tsv(units: Sequence[UnitView], langs: Sequence[str]) -> str:
    """``paragraph<TAB>fr<TAB>id…`` header (``division`` and ``kind`` columns after
    ``paragraph`` in a book with divisions), then one bead per line; tabs and newlines become
    spaces."""
    structured = any(unit.division for unit in units)
    extra = ["division", "kind"] if structured else []
    lines = ["\t".join(["paragraph", *extra, *langs])]
    for unit in units:
        place = [str(unit.division or ""), unit.kind] if structured else []
        for bead in bead_texts(unit, langs):
            lines.append("\t".join([str(unit.n), *place, *(_cell(bead.get(lang, "")) for lang in langs)]))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return _BREAKS.sub(" ", text)
