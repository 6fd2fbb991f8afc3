"""The web edition: a static, self-contained folder of HTML pages read from the TEI.

``OUT/<slug>.web/`` holds ``index.html`` (the title, the contents, the colophon, and, in a book
without divisions, the whole parallel text and the appendices), one page per chapter in a
book with divisions (``chapter-N.html``, ``appendix-N.html``), ``style.css`` and ``script.js``
(``styles/web.css``, ``styles/web.js``), the fonts (Charis SIL subset and renamed as in the
EPUB, with their licence) and the figures' images. No page loads anything from the network,
so the folder reads from ``file://`` and from any web server alike.

The text is laid out as the print edition's table: one row per bead (an aligned group of
sentences), a cell per language, so the languages stand side by side in step on wide screens
and, below 50 em (CSS only), one after another in each bead, each labelled — the EPUB's
interleaved mode. The script (optional: without it every language shows in its order) lets a
reader hide languages and choose the lead one (remembered in ``localStorage``), highlights a
bead in every language when a sentence is pointed at, tapped or reached with the keyboard
(J/K or the arrow keys from bead to bead), and brings the whole bead into view. The print
edition's page starts, as the EPUB's page-list places them, stand as numbers in the margin.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml.builder import E

from .. import languages
from ..fonts import credits, font_plan
from ..languages import word
from ..paths import styles_dir
from ..tei.read import Document, Para, Sentence, UnitView
from ..xhtml import fragments as fx

FIGURE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


@dataclass
class WebOutput:
    files: dict[str, bytes]  # path inside the folder -> bytes
    warnings: list[str] = field(default_factory=list)


def _lang(element: etree._Element, lang: str) -> etree._Element:
    element.set("lang", lang)
    if languages.direction(lang) == "rtl":
        element.set("dir", "rtl")
    return element


def _label(doc: Document, lang: str) -> etree._Element:
    label = E.span({"class": "lang-label"}, E.abbr(lang.upper(), title=doc.meta.labels.get(lang, lang)))
    label.tail = " "
    return _lang(label, lang)


# --- blocks ------------------------------------------------------------------------------


class _Images:
    """Figures' images, copied from the edition folder into ``images/`` by content."""

    def __init__(self, edition_dir: Path | None, files: dict[str, bytes], warnings: list[str]) -> None:
        self.edition_dir, self.files, self.warnings = edition_dir, files, warnings

    def href(self, src: str) -> str | None:
        path = self.edition_dir / src if self.edition_dir is not None else None
        suffix = Path(src).suffix.lower()
        if path is None or suffix not in FIGURE_TYPES or not path.is_file():
            message = f"web edition: figure image {src} not found or not an image; the figure is shown by its caption"
            if message not in self.warnings:
                self.warnings.append(message)
            return None
        data = path.read_bytes()
        name = f"images/figure-{hashlib.sha256(data).hexdigest()[:16]}{'.jpg' if suffix == '.jpeg' else suffix}"
        self.files[name] = data
        return name


def _block(para: Para | None, sentences: Sequence[Sentence], heading: int, images: _Images | None) -> etree._Element:
    """One language's sentences as the block ``para`` is (a paragraph when ``para`` is None)."""
    kind = para.kind if para is not None else "p"
    if kind == "head":
        return fx.sentence_spans(E(f"h{max(2, min(6, heading))}", {"class": "heading"}), sentences)
    if kind == "verse":
        return fx.verse_lines(E.div({"class": "lg"}), sentences)
    if kind == "quote":
        return E.blockquote(fx.sentence_spans(E.p(), sentences))
    if kind == "figure":
        figure = E.figure()
        src = images.href(para.src) if images is not None and para.src else None
        if src:
            figure.append(E.img(src=src, alt=para.text))
        if sentences:
            figure.append(fx.sentence_spans(E.figcaption(), sentences))
        return figure
    return fx.sentence_spans(E.p(), sentences)


def _cell(doc: Document, lang: str, block: etree._Element | None) -> etree._Element:
    cell = _lang(E.div({"class": "cell", "data-lang": lang}), lang)
    if block is None:
        cell.set("class", "cell empty")
        return cell
    holder = block
    if block.tag in ("div", "figure", "blockquote"):  # the label opens the first line
        holder = next(block.iter("p", "figcaption"), block)
    label = _label(doc, lang)
    label.tail = " " + (holder.text or "")
    holder.text = None
    holder.insert(0, label)
    cell.append(block)
    return cell


def _row(doc: Document, ident: str, cells: list[etree._Element], name: str) -> etree._Element:
    row = E.div({"class": "bead", "id": ident, "role": "group", "aria-label": name, "tabindex": "-1"})
    row.extend(cells)
    return row


def _unit(doc: Document, unit: UnitView, images: _Images, heading_base: int) -> etree._Element:
    langs = doc.meta.langs
    lang = doc.meta.lang
    para_word = word(lang, "paragraph")
    if unit.kind == "head":
        section = E.section({"class": "unit head", "id": f"u{unit.n}"})
        levels = [p.level for ps in unit.paragraphs.values() for p in ps if p.kind == "head"]
        level = heading_base + max(1, min(levels, default=1))
        cells = []
        for code in langs:
            paras = unit.paragraphs.get(code, ())
            block = _block(paras[0], paras[0].sentences, level, images) if paras else None
            cells.append(_cell(doc, code, block))
        section.append(_row(doc, f"b{unit.n}.1", cells, f"{para_word} {unit.n}"))
        return section
    section = E.section({"class": "unit", "id": f"u{unit.n}", "aria-labelledby": f"u{unit.n}-h"})
    section.append(
        E(f"h{min(6, heading_base + 2)}", f"{para_word} {unit.n}", {"class": "unit-heading", "id": f"u{unit.n}-h"})
    )
    para_of = {s.id: p for ps in unit.paragraphs.values() for p in ps for s in p.sentences}
    if unit.beads and unit.kind not in ("verse", "figure"):
        for index, bead in enumerate(unit.beads, start=1):
            cells = []
            for code in langs:
                sentences = bead.get(code, ())
                if not sentences:
                    cells.append(_cell(doc, code, None))
                    continue
                para = para_of.get(sentences[0].id)
                cells.append(
                    _cell(doc, code, _block(para if para and para.kind != "p" else None, sentences, 6, images))
                )
            section.append(_row(doc, f"b{unit.n}.{index}", cells, f"{para_word} {unit.n}, {index}"))
        return section
    # no sentence alignment, a stanza, a figure: the whole blocks side by side
    count = max((len(unit.paragraphs.get(code, ())) for code in langs), default=0)
    for index in range(count):
        cells = []
        for code in langs:
            paras = unit.paragraphs.get(code, ())
            para = paras[index] if index < len(paras) else None
            cells.append(_cell(doc, code, _block(para, para.sentences, 6, images) if para else None))
        section.append(_row(doc, f"b{unit.n}.{index + 1}", cells, f"{para_word} {unit.n}, {index + 1}"))
    return section


def _footnotes(doc: Document, roots: Sequence[etree._Element]) -> etree._Element | None:
    """The source footnotes referred to on a page, in order of first reference, each linking
    back to its first reference; ``None`` when there is none."""
    first: dict[str, str] = {}
    for root in roots:
        for a in root.iter("a"):
            target = (a.get("href") or "")[1:]
            if "noteref" in (a.get("class") or "") and target in doc.notes:
                first.setdefault(target, a.get("id", ""))
    if not first:
        return None
    lang = doc.meta.lang
    section = E.section({"class": "footnotes", "aria-labelledby": "notes-h"}, E.h2(word(lang, "notes"), id="notes-h"))
    for ident, ref in first.items():
        note = doc.notes[ident]
        aside = _lang(E.aside({"class": "footnote", "id": ident, "role": "doc-footnote"}), note.lang)
        for index, runs in enumerate(note.paragraphs or ((),)):
            p = E.p()
            if index == 0:
                back = _lang(E.a(str(note.n), {"class": "note-back", "aria-label": word(lang, "back")}), lang)
                if ref:
                    back.set("href", f"#{ref}")
                p.append(back)
                p.append(_label(doc, note.lang))
                back.tail = " "
            fx.inline(p, runs)
            aside.append(p)
        section.append(aside)
    return section


def _appendix(doc: Document, index: int, heading: str = "h2") -> etree._Element:
    app = doc.appendices[index - 1]
    section = E.section({"class": "appendix", "id": app.id, "aria-labelledby": f"{app.id}-h"})
    for el in fx.appendix_heading(app, doc.meta, heading):
        section.append(fx.plain(el))
    section[0].set("id", f"{app.id}-h")
    section.append(fx.plain(fx.appendix_body(app)))
    return section


def _colophon(doc: Document) -> etree._Element:
    lang = doc.meta.lang
    footer = E.footer({"class": "colophon", "id": "colophon", "aria-labelledby": "colophon-h"})
    footer.append(E.h2(word(lang, "colophon"), id="colophon-h"))
    for el in fx.colophon(doc.meta, credits("epub", font_plan(doc).families), reflowable=True):
        footer.append(fx.plain(el))
    footer.append(
        E.p(
            {"class": "font-note"},
            fx.tword(lang, "font_note", name=_family(), original=_original()) + " ",
            E.a("OFL", href="fonts/OFL.txt"),
            ".",
        )
    )
    return footer


def _family() -> str:
    from ..epub import fonts as font_subset

    return font_subset.FAMILY


def _original() -> str:
    from ..epub import fonts as font_subset

    return font_subset.ORIGINAL


# --- pages -------------------------------------------------------------------------------


def _controls(doc: Document) -> etree._Element:
    lang = doc.meta.lang
    shown = E.fieldset({"class": "shown"}, E.legend(word(lang, "web_shown")))
    for code in doc.meta.langs:
        box = E.input({"type": "checkbox", "name": "lang", "value": code, "checked": "checked", "id": f"show-{code}"})
        name = _lang(E.span(doc.meta.labels.get(code, code)), code)
        shown.append(E.label({"for": f"show-{code}"}, box, " ", name))
    select = E.select({"name": "lead", "id": "lead"})
    for code in doc.meta.langs:
        select.append(_lang(E.option(doc.meta.labels.get(code, code), value=code), code))
    lead = E.p({"class": "lead"}, E.label(word(lang, "web_lead"), {"for": "lead"}), " ", select)
    form = E.form({"class": "controls", "id": "controls", "aria-label": word(lang, "web_shown"), "hidden": "hidden"})
    form.extend([shown, lead])
    return form


def _columns_head(doc: Document) -> etree._Element:
    head = E.div({"class": "langs-head", "aria-hidden": "true"})
    for code in doc.meta.langs:
        head.append(_lang(E.div({"class": "cell", "data-lang": code}, doc.meta.labels.get(code, code)), code))
    return head


def _page(
    doc: Document, title: str, children: list[etree._Element], *, nav: etree._Element | None, front: bool
) -> bytes:
    meta = doc.meta
    lang = meta.lang
    head = E.head(
        E.meta(charset="utf-8"),
        E.meta(name="viewport", content="width=device-width, initial-scale=1"),
        E.title(title),
        E.meta(name="generator", content=f"enface {meta.version}"),
        E.link(rel="stylesheet", href="style.css"),
        E.script("", src="script.js", defer="defer"),
    )
    header = E.header({"class": "masthead"})
    for group in fx.title_block(meta):
        group = fx.plain(group)
        if not front:  # a chapter's page: its h1 is the chapter's title
            for el in group.iter("h1"):
                el.tag = "p"
        header.append(group)
    header.append(E.p(fx.tword(lang, "web_help"), {"class": "help"}))
    header.append(_controls(doc))
    body = E.body(
        {
            "data-langs": json.dumps(list(meta.langs)),
            "data-key": f"enface:{meta.identifier}",
            "style": f"--cols: {len(meta.langs)}",
        },
        E.a(word(lang, "web_skip"), {"class": "skip", "href": "#text"}),
        header,
    )
    if nav is not None:
        body.append(nav)
    body.extend(children)
    root = _lang(E.html(head, body), lang)
    return etree.tostring(root, method="html", encoding="utf-8", doctype="<!DOCTYPE html>") + b"\n"


def _units_nav(doc: Document, items: list[tuple[str, str]], label: str) -> etree._Element:
    ol = E.ol()
    for text, href in items:
        ol.append(E.li(E.a(text, href=href)))
    return E.nav({"class": "contents", "aria-label": label}, ol)


def _chapters(doc: Document) -> list[tuple[int, list[UnitView]]]:
    from ..epub.modes import chapters

    return [(c.index, c.units) for c in chapters(doc)]


def _chapter_title(doc: Document, index: int, units: list[UnitView]) -> str:
    from ..epub.modes import Chapter, chapter_title

    division = next((d for d in doc.divisions if units and d.n == units[0].division), None)
    return chapter_title(doc, Chapter(index, division, units), doc.meta.lang)


# --- the print edition's pages in the margin ---------------------------------------------


def _place_pages(
    pages: dict[str, etree._Element], starts: Sequence[tuple[str, str]], aliases: dict[str, str], lang: str
) -> list[str]:
    index: dict[str, etree._Element] = {}
    for root in pages.values():
        for el in root.iter():
            if isinstance(el.tag, str) and el.get("id"):
                index.setdefault(el.get("id"), el)
    warnings = []
    used: set[str] = set()
    rows_marked: set = set()  # the beads (rows) that have a page number already
    for number, (label, target) in enumerate(starts, start=1):
        landed = target if target in index else aliases.get(target)
        element = index.get(landed) if landed else None
        if element is None:
            warnings.append(
                f"web edition: printed page {label} starts at #{target}, which the web edition does not have"
            )
            continue
        ident = f"page-{label}" if re.fullmatch(r"[A-Za-z0-9]+", str(label)) else f"page-n{number}"
        while ident in used:
            ident += "-2"
        used.add(ident)
        row = next((el for el in element.iterancestors() if "bead" in (el.get("class") or "").split()), None)
        # a spread's verso and recto start on one row: side by side, the second goes below
        stacked = row is not None and row in rows_marked
        if row is not None:
            rows_marked.add(row)
        marker = E.span(
            str(label),
            {
                "class": "page-number stacked" if stacked else "page-number",
                "id": ident,
                "role": "doc-pagebreak",
                "aria-label": word(lang, "web_page", label=str(label)),
            },
        )
        if element.tag in ("span", "a", "abbr", "em", "strong"):
            element.addprevious(marker)
            marker.tail = None
        else:
            holder = next((el for el in element.iter("p", "h2", "h3", "h4", "h5", "h6", "li", "dd")), element)
            marker.tail, holder.text = holder.text, None
            holder.insert(0, marker)
    return warnings


def _aliases(doc: Document) -> dict[str, str]:
    out: dict[str, str] = {}
    for unit in doc.units:
        for paras in unit.paragraphs.values():
            for para in paras:
                if para.sentences:
                    out[para.id] = para.sentences[0].id
    for app in doc.appendices:
        for para in app.paragraphs:
            if para.sentences:
                out.setdefault(para.id, para.sentences[0].id)
    if doc.units:
        out["parallel"] = f"u{doc.units[0].n}"
    return out


# --- the folder --------------------------------------------------------------------------


def _characters(doc: Document, pages: dict[str, bytes]) -> str:
    chars: set[str] = set()
    for data in pages.values():
        chars.update(data.decode("utf-8"))
    return "".join(sorted(chars))


def build_web(
    doc: Document,
    when: dt.datetime,
    *,
    page_starts: Sequence[tuple[str, str]] | None = None,
    edition_dir: Path | None = None,
) -> WebOutput:
    """Every file of the web edition, by its path in the folder."""
    from ..epub import fonts as font_subset

    meta = doc.meta
    lang = meta.lang
    files: dict[str, bytes] = {}
    output = WebOutput(files)
    images = _Images(edition_dir, files, output.warnings)
    trees: dict[str, tuple[str, list[etree._Element], etree._Element | None]] = {}

    groups = _chapters(doc)
    if groups[0][0] == 0:  # no divisions: one page
        main = E.main({"id": "text", "class": "parallel", "aria-labelledby": "parallel-h"})
        main.append(E.h2(word(lang, "parallel"), id="parallel-h"))
        main.append(_columns_head(doc))
        main.extend(_unit(doc, unit, images, 1) for unit in doc.units)
        for index in range(1, len(doc.appendices) + 1):
            main.append(_appendix(doc, index))
        items = [(f"{word(lang, 'paragraph')} {u.n}", f"#u{u.n}") for u in doc.units]
        items += [(a.titles.get(lang) or a.title or word(lang, "appendix"), f"#{a.id}") for a in doc.appendices]
        items.append((word(lang, "colophon"), "#colophon"))
        nav = _units_nav(doc, items, word(lang, "contents"))
        trees["index.html"] = (meta.title(), [main, _colophon(doc)], nav)
    else:
        chapter_items = []
        names = [f"chapter-{index}.html" for index, _units in groups]
        for position, (index, units) in enumerate(groups):
            title = _chapter_title(doc, index, units)
            main = E.main({"id": "text", "class": "parallel", "aria-labelledby": f"c{index}-h"})
            h1 = main.makeelement("h1", {"id": f"c{index}-h"})
            h1.text = title
            if units and units[0].kind == "head":  # the heading row shows it, in every language
                h1.set("class", "visually-hidden")
            main.append(h1)
            main.append(_columns_head(doc))
            main.extend(_unit(doc, unit, images, 1) for unit in units)
            links = [E.a(word(lang, "contents"), href="index.html")]
            if position:
                links.insert(0, E.a(word(lang, "web_previous"), href=names[position - 1], rel="prev"))
            if position + 1 < len(groups):
                links.append(E.a(word(lang, "web_next"), href=names[position + 1], rel="next"))
            nav = E.nav({"class": "pager", "aria-label": word(lang, "contents")}, *links)
            trees[names[position]] = (f"{title} — {meta.title()}", [main], nav)
            chapter_items.append((title, names[position]))
        for index, app in enumerate(doc.appendices, start=1):
            name = f"appendix-{index}.html"
            main = E.main({"id": "text", "class": "appendix-page"}, _appendix(doc, index, "h1"))
            title = app.titles.get(lang) or app.title or word(lang, "appendix")
            trees[name] = (
                title,
                [main],
                E.nav(
                    {"class": "pager", "aria-label": word(lang, "contents")},
                    E.a(word(lang, "contents"), href="index.html"),
                ),
            )
            chapter_items.append((title, name))
        main = E.main(
            {"id": "text", "class": "front", "aria-labelledby": "contents-h"},
            E.h2(word(lang, "contents"), id="contents-h"),
        )
        main.append(_units_nav(doc, chapter_items, word(lang, "contents")))
        trees["index.html"] = (meta.title(), [main, _colophon(doc)], None)

    for _title, children, _nav in trees.values():
        notes = _footnotes(doc, children)
        if notes is not None:
            main = next(c for c in children if c.tag == "main")
            main.append(notes)

    if page_starts:
        roots = {name: E.div(*children) for name, (_t, children, _n) in trees.items()}
        output.warnings.extend(_place_pages(roots, page_starts, _aliases(doc), lang))
        for name, root in roots.items():  # the children were moved into the holder: take them back
            trees[name] = (trees[name][0], list(root), trees[name][2])

    pages = {
        name: _page(doc, title, children, nav=nav, front=name == "index.html")
        for name, (title, children, nav) in trees.items()
    }
    files.update(pages)
    characters = _characters(doc, pages) + "".join(meta.labels.values())
    plan = font_plan(doc)  # other scripts in their vendored fonts, as in the EPUB (enface.fonts)
    subset = font_subset.subset_fonts(characters)
    for family in plan.families[1:]:
        subset += font_subset.subset_family(family, characters)
    for font in subset:
        files[f"fonts/{font.file_name}"] = font.data
    files["fonts/OFL.txt"] = font_subset.licence_text(plan.families).encode("utf-8")
    css = font_subset.font_face_css(subset, href_prefix="fonts/") + (styles_dir() / "web.css").read_text(
        encoding="utf-8"
    )
    css += font_subset.other_script_css(plan)
    files["style.css"] = css.encode("utf-8")
    files["script.js"] = (styles_dir() / "web.js").read_bytes()
    output.files = dict(sorted(files.items()))
    return output
