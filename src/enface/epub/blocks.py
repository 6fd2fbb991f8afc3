"""One language's passage of a block of the text as XHTML, and a document's footnotes.

A block is what the TEI says it is (``Para.kind``): a paragraph ``p``, a heading ``hN``, a
quotation ``blockquote``, a stanza ``div.lg`` with a ``p.l`` per line, a figure
``figure`` (its image, copied into the book, and its caption). Sentences always go through
:func:`enface.xhtml.fragments.sentence_spans`, so emphasis, foreign phrases and footnote
references are rendered the same in every mode (and in the print edition).

Footnotes of the sources (``Document.notes``) are EPUB 3 footnotes: the reference is an
``a epub:type="noteref"``, the note an ``aside epub:type="footnote"`` at the end of the
document that refers to it, with a link back to the reference.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from lxml import etree

from ..tei.read import Document, Sentence
from ..xhtml import fragments as fx
from .words import eword

H = fx.H
ImageHref = Callable[[str], "str | None"]  # a figure's src → its href from text/, None: no image


def heading_level(level: int, base: int) -> int:
    """The ``hN`` of a heading of TEI level ``level`` (1 chapter, 2-3 sections) in a document
    whose outline starts at ``base`` (0: chapter headings are ``h1``; 1: under a part's ``h1``)."""
    return max(1, min(6, max(level, 1) + base))


def block(
    kind: str,
    sentences: Sequence[Sentence],
    *,
    label: etree._Element | None = None,
    heading: int = 2,
    image: str | None = None,
    alt: str = "",
    cls: str = "text",
) -> etree._Element:
    """A block of ``kind`` holding ``sentences``; ``label`` (a language label) opens its text.

    ``kind`` p gives exactly the paragraph of :func:`enface.xhtml.fragments.paragraph`
    (without id): ``<p class="text">``.
    """
    holder: etree._Element
    if kind == "head":
        element = holder = H(f"h{heading}", {"class": "heading"})
    elif kind == "quote":
        holder = H.p({"class": cls})
        element = H.blockquote(holder)
    elif kind == "verse":
        element = H.div({"class": "lg"})
        fx.verse_lines(element, sentences)
        if label is not None and len(element):
            first = element[0]
            label.tail, first.text = " ", None
            first.insert(0, label)
        elif label is not None:
            element.append(H.p({"class": "l"}, label))
        return element
    elif kind == "figure":
        element = H.figure({"class": "figure"})
        if image:
            element.append(H.img({"src": image, "alt": alt}))
        if not sentences and label is None:
            return element
        holder = H.figcaption()
        element.append(holder)
    else:
        element = holder = H.p({"class": cls})
    if label is not None:
        holder.append(label)
        label.tail = " "
    fx.sentence_spans(holder, sentences)
    return element


def text_of(sentences: Iterable[Sentence]) -> str:
    return " ".join(s.text for s in sentences)


def footnotes(doc: Document, roots: Sequence[etree._Element], lang: str, *, labels: bool) -> etree._Element | None:
    """The notes referred to in ``roots`` (in order of first reference) as EPUB 3 footnotes,
    each linking back to its first reference; ``None`` when there is none. ``labels``: show
    each note's language (documents that hold several languages)."""
    from .modes import lang_label

    first: dict[str, str] = {}
    for root in roots:
        for a in root.iter(f"{{{fx.XHTML_NS}}}a"):
            target = (a.get("href") or "")[1:]
            if a.get("role") == "doc-noteref" and a.get("href", "").startswith("#") and target in doc.notes:
                first.setdefault(target, a.get("id", ""))
    if not first:
        return None
    container = H.div({"class": "footnotes"})
    for ident, ref in first.items():
        note = doc.notes[ident]
        aside = fx.epub_type(H.aside({"class": "footnote", "id": ident}), "footnote", "doc-footnote")
        fx.set_lang(aside, note.lang)
        back = H.a(str(note.n), {"class": "note-back", "role": "doc-backlink", "aria-label": eword(lang, "back")})
        if ref:
            back.set("href", f"#{ref}")
        fx.set_lang(back, lang)
        paragraphs = note.paragraphs or ((),)
        for index, runs in enumerate(paragraphs):
            p = H.p({"class": "note-text"})
            if index == 0:
                p.append(back)
                back.tail = " "
                if labels:
                    label = lang_label(doc, note.lang)
                    label.tail = " "
                    p.append(label)
            fx.inline(p, runs)
            aside.append(p)
        container.append(aside)
    return container
