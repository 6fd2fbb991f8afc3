"""Where each printed page starts, for the EPUB page-list: only at something a reader can find
in the EPUB (:func:`enface.pdf.writer._document_order`)."""

from __future__ import annotations

from enface.pdf.writer import _document_order


def test_an_empty_block_or_page_is_no_page_start() -> None:
    """A facing page left empty opposite a passage its version lacks holds only its section and
    an empty block, ids the print edition makes and no EPUB has: neither may start a page (the
    page starts where the text before it runs on). An image with nothing to read still may."""
    html = (
        "<html><body>"
        '<section id="fpage-18"><div class="fbead"><div id="bead-198-ar"></div></div></section>'
        '<section id="part-2"><p id="ru.p1"><span class="s" id="ru.p1.s1">Герда плакала.</span></p>'
        '<figure id="fig-1"><img src="snow.png" alt=""/></figure></section>'
        "</body></html>"
    )
    order, sentences = _document_order(html)
    assert order == ["part-2", "ru.p1", "ru.p1.s1", "fig-1"]
    assert sentences == {"ru.p1.s1"}
