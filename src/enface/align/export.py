"""Aligned text out: JSON (our own shape), TMX 1.4b (for CAT tools) and TSV (for spreadsheets).

The input is a list of :class:`Unit`: one per paragraph, each a list of beads mapping every
language to its sentences' text joined by one space ("" where a language has nothing).
Output is deterministic: the same units give the same bytes (no clock unless a date is passed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from .. import __version__

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TMX_DTD = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
# Tabs and everything str.splitlines() breaks on: any of them would shift a TSV row or column.
_BREAKS = re.compile("[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


@dataclass(frozen=True)
class Unit:
    """One aligned paragraph: its number and its beads' text per language."""

    paragraph: int
    beads: list[dict[str, str]] = field(default_factory=list)


def to_json(units: Sequence[Unit], langs: Sequence[str]) -> str:
    """``[{"paragraph": n, "beads": [{"fr": …, "id": …}]}]`` with keys in ``langs`` order."""
    data = [
        {"paragraph": unit.paragraph, "beads": [{lang: bead.get(lang, "") for lang in langs} for bead in unit.beads]}
        for unit in units
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def from_json(text: str) -> list[Unit]:
    """Read :func:`to_json` output back (for round trips and for editing alignments by hand)."""
    return [
        Unit(paragraph=int(item["paragraph"]), beads=[dict(bead) for bead in item["beads"]])
        for item in json.loads(text)
    ]


def to_tmx(
    units: Sequence[Unit], langs: Sequence[str], srclang: str, *, adminlang: str = "en", creationdate: str | None = None
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
        for bead in unit.beads:
            present = [lang for lang in langs if bead.get(lang, "").strip()]
            if not present:
                continue
            tu = etree.SubElement(body, "tu")
            prop = etree.SubElement(tu, "prop", type="x-paragraph")
            prop.text = str(unit.paragraph)
            for lang in present:
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = bead[lang]
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=TMX_DTD))


def to_tsv(units: Sequence[Unit], langs: Sequence[str]) -> str:
    """``paragraph<TAB>fr<TAB>id…`` header, then one bead per line; tabs and newlines become spaces."""
    lines = ["\t".join(["paragraph", *langs])]
    for unit in units:
        for bead in unit.beads:
            lines.append("\t".join([str(unit.paragraph), *(_cell(bead.get(lang, "")) for lang in langs)]))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return _BREAKS.sub(" ", text)
