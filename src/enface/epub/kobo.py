"""Kobo's markup for a KEPUB: ``koboSpan`` segments and the ``book-columns`` wrappers.

Kobo's reader highlights, bookmarks, counts reading progress and shows the time left by
``<span class="koboSpan" id="kobo.N.M">`` segments: N numbers the text blocks of a document,
M the segments of a block. kepubify and calibre's KoboTouch driver cut a block at sentence
ends; enface knows its sentences (``span.s``, the TEI's), so each sentence's content becomes
one segment, and every other text block (headings, labels, the colophon) one segment each.
The body's content is wrapped in ``div#book-columns > div#book-inner``, as Kobo's own books
are. Footnotes need nothing more: they are already ``a epub:type="noteref"`` to an
``aside epub:type="footnote"``, which Kobo shows as a pop-up.
"""

from __future__ import annotations

from lxml import etree

from ..xhtml import fragments as fx

X = f"{{{fx.XHTML_NS}}}"
TEXT_BLOCKS = {f"{X}{name}" for name in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "figcaption")}
BLOCKS = TEXT_BLOCKS | {f"{X}{name}" for name in ("div", "section", "aside", "ol", "ul", "dl", "blockquote", "nav")}


def _wrap(element: etree._Element, ident: str) -> None:
    """Move ``element``'s content (text and children) into one koboSpan."""
    span = fx.H.span({"class": "koboSpan", "id": ident})
    span.text, element.text = element.text, None
    for child in list(element):
        span.append(child)  # the child's tail moves with it
    element.append(span)


def _is_sentence(element: etree._Element) -> bool:
    return element.tag == f"{X}span" and element.get("class") == "s"


def _has_text(element: etree._Element) -> bool:
    return any(t.strip() for t in element.itertext())


def kobo_spans(roots: list[etree._Element]) -> int:
    """Add koboSpans to the reading text under ``roots`` (one document); the number added."""
    block_n = 0
    added = 0
    for root in roots:
        for block in list(root.iter(*TEXT_BLOCKS)):
            if any(d.tag in BLOCKS for d in block.iterdescendants()):
                continue  # a container: its own blocks get the segments
            if any(a.get("class") == "koboSpan" for a in block.iterancestors()):
                continue
            if not _has_text(block):
                continue
            block_n += 1
            sentences = [s for s in block.iter(f"{X}span") if _is_sentence(s)]
            if not sentences:
                _wrap(block, f"kobo.{block_n}.1")
                added += 1
                continue
            for m, sentence in enumerate(sentences, start=1):
                _wrap(sentence, f"kobo.{block_n}.{m}")
                added += 1
    return added


def book_columns(body: list[etree._Element]) -> list[etree._Element]:
    """The body's content inside ``div#book-columns > div#book-inner``."""
    return [fx.H.div({"id": "book-columns"}, fx.H.div({"id": "book-inner"}, *body))]
