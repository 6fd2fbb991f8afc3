"""The print edition's pagination in the EPUB: page-break markers and the page-list.

The print writer reports, for every printed page, its label and the id of the first
element that starts on it (``PrintResult.page_starts``: ``[("5", "fr.p3.s2"), …]``;
the ids are the TEI ids the XHTML fragments keep). Each page start becomes an empty
``<span epub:type="pagebreak" role="doc-pagebreak">`` placed just before that element
in the EPUB, and an entry of the nav's page-list (and of the NCX pageList).

A reading mode may not have the element in its reading text (a translation that is
a footnote in ``popup`` mode): the mode's aliases then give the passage read instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

from ..xhtml import fragments as fx
from .modes import Part

INLINE = {"span", "a", "abbr", "em", "strong", "cite", "code", "i", "b", "sup", "sub"}
WITH_TEXT = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "figcaption"}
_SAFE = re.compile(r"^[A-Za-z0-9]+$")


@dataclass(frozen=True)
class PageEntry:
    label: str
    href: str  # relative to the EPUB folder: "text/parallel.xhtml#page-5"
    target: str  # the id the print edition gave
    landed: str  # the id of the element the marker stands before


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _in_note(element: etree._Element) -> bool:
    return any(_local(a) == "aside" for a in element.iterancestors() if isinstance(a.tag, str))


def reading_index(parts: Iterable[Part]) -> dict[str, tuple[Part, etree._Element]]:
    """id → (document, element) for elements of the reading text (not inside notes)."""
    index: dict[str, tuple[Part, etree._Element]] = {}
    for part in parts:
        for root in part.body:
            for element in root.iter():
                if isinstance(element.tag, str) and element.get("id") and not _in_note(element):
                    index.setdefault(element.get("id"), (part, element))
    return index


def _marker_id(label: str, index: int, used: set[str]) -> str:
    base = f"page-{label}" if _SAFE.match(label) else f"page-n{index}"
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    used.add(ident)
    return ident


def _insert(marker: etree._Element, target: etree._Element) -> None:
    name = _local(target)
    if name in INLINE:
        target.addprevious(marker)
    elif name in WITH_TEXT:
        marker.tail, target.text = target.text, None
        target.insert(0, marker)
    else:  # a block container: the marker opens it
        marker.tail, target.text = target.text, None
        target.insert(0, marker)


def place_page_breaks(
    parts: Sequence[Part], page_starts: Sequence[tuple[str, str]], aliases: dict[str, str], *, label_text
) -> tuple[list[PageEntry], list[str]]:
    """Insert a page-break marker for every page start; return the page-list and warnings.

    ``label_text(label)`` gives the marker's accessible name ("page 5" in the book's language).
    """
    index = reading_index(parts)
    entries: list[PageEntry] = []
    warnings: list[str] = []
    used: set[str] = set()
    for number, (label, target) in enumerate(page_starts, start=1):
        landed = target if target in index else aliases.get(target)
        if landed is None or landed not in index:
            warnings.append(
                f"EPUB page-list: printed page {label} starts at #{target}, "
                "which this EPUB does not have; page left out of the page-list"
            )
            continue
        part, element = index[landed]
        ident = _marker_id(str(label), number, used)
        marker = fx.H.span(
            "",
            {
                "id": ident,
                "class": "pagebreak",
                "role": "doc-pagebreak",
                "aria-label": label_text(str(label)),
                "title": str(label),
            },
        )
        fx.epub_type(marker, "pagebreak")
        _insert(marker, element)
        entries.append(PageEntry(str(label), f"{part.file_name}#{ident}", target, landed))
    return entries, warnings
