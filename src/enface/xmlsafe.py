"""XML parsing with entity expansion and network access off, for every XML enface reads."""

from __future__ import annotations

from pathlib import Path

from lxml import etree


def parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False
    )


def parse_file(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), parser())


def parse_bytes(data: bytes) -> etree._Element:
    return etree.fromstring(data, parser())
