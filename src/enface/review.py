"""What of the alignment to check by hand: the build's findings and the review page.

Everything here reads the TEI (:mod:`enface.tei.read`), like every writer. A unit is **to
check** when

- its lengths fit badly: the TEI gives its translation link a ``cert`` (the probability of
  lengths this far apart) below :data:`enface.align.LOW_CONFIDENCE`, and the same on each
  such bead's alignment link;
- it is empty in a language (a paragraph without counterpart);
- it joins several paragraphs of one language;
- its end is uncertain: the TEI types its translation link ``uncertain-end`` where one
  paragraph earlier or later in a version, or no end there at all, fits about as well
  (:data:`enface.align.UNCERTAIN_END`; a sentence away where the versions are paragraphed on
  their own, :data:`enface.align.UNCERTAIN_SENTENCE_END`) — what lengths that fit cannot say.

:func:`findings` gives the build one ``align.low-confidence`` warning per unit below the
threshold (so ``enface build --strict`` fails on them), one ``align.uncertain-end`` information
per other unit whose end is uncertain, and the ``align.summary`` line.
:func:`page` is ``enface align --review FILE.html``: one self-contained HTML page (inline CSS,
no script, nothing fetched), the versions side by side bead by bead, every unit to check
highlighted with its reasons and a link to the next one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lxml import etree, html
from lxml.builder import ElementMaker

from .diagnostics import Finding, finding
from .languages import direction
from .tei.read import Document, UnitView

H = ElementMaker(makeelement=html.html_parser.makeelement)
UI_LANG = "en"  # the page's own words


def threshold() -> float:
    from .align import LOW_CONFIDENCE

    return LOW_CONFIDENCE


def p_value(value: float) -> str:
    """``p = 0.0046``: floored to four decimals, so it never reads as the threshold itself."""
    return "p < 0.0001" if value < 0.0001 else f"p = {math.floor(value * 10_000) / 10_000:.4f}"


@dataclass(frozen=True)
class Check:
    """A unit to check and why: ``kinds`` among low, empty, joined, uncertain; ``reasons`` in words."""

    unit: UnitView
    kinds: frozenset[str]
    reasons: tuple[str, ...]


def _bead_numbers(unit: UnitView, indexes: tuple[int, ...]) -> str:
    names = [f"{unit.n}.{i + 1}" for i in indexes]
    if len(names) == 1:
        return f"bead {names[0]}"
    if len(names) <= 4:
        return f"beads {', '.join(names)}"
    return f"{len(names)} beads, {names[0]} to {names[-1]}"


def check(unit: UnitView, doc: Document) -> Check | None:
    """Why ``unit`` is to check, or None when it is not."""
    kinds: set[str] = set()
    reasons: list[str] = []
    if unit.low:
        kinds.add("low")
        where = _bead_numbers(unit, unit.doubtful) if unit.doubtful else "the paragraphs"
        reasons.append(f"low length fit ({p_value(unit.confidence)}) in {where}")
    for lang in doc.meta.langs:
        if not unit.paragraphs.get(lang):
            kinds.add("empty")
            reasons.append(f"empty in {doc.meta.labels.get(lang, lang)} ({lang})")
    if _joins(unit, doc) and not unit.own_paragraphing:  # joins by design where paragraphed apart
        kinds.add("joined")
        numbers = (
            f"{lang} {' + '.join(str(p.n) for p in unit.paragraphs[lang])}"
            for lang in doc.meta.langs
            if unit.paragraphs.get(lang)
        )
        reasons.append(f"paragraphs joined ({', '.join(numbers)})")
    if unit.uncertain_end:
        kinds.add("uncertain")
        if unit.own_paragraphing:  # the margin is the sentence alignment's at the unit's end
            reasons.append(
                f"uncertain end: its sentences pair about as well across it, with no end before unit {unit.n + 1}"
            )
        else:
            reasons.append(
                f"uncertain end: a paragraph earlier or later, or no end before unit {unit.n + 1}, fits about as well"
            )
    return Check(unit, frozenset(kinds), tuple(reasons)) if kinds else None


def _joins(unit: UnitView, doc: Document) -> bool:
    return any(len(unit.paragraphs.get(lang, ())) > 1 for lang in doc.meta.langs)


def checks(doc: Document) -> list[Check]:
    """The units to check, in reading order."""
    return [c for c in (check(unit, doc) for unit in doc.units) if c is not None]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


@dataclass(frozen=True)
class Summary:
    units: int
    beads: int
    low: int  # units below the threshold
    low_beads: int
    empty: int  # cells (unit × language) with nothing
    joined: int  # units joining paragraphs of a language (not counting ``apart``)
    to_check: int  # units to check, for any reason
    apart: int = 0  # units joining paragraphs where the versions are paragraphed on their own
    uncertain: int = 0  # units whose end might as well be elsewhere

    def line(self) -> str:
        return (
            f"{_plural(self.units, 'unit')} aligned ({_plural(self.beads, 'bead')}): "
            f"{self.low} below the confidence threshold (p < {threshold()}, {_plural(self.low_beads, 'bead')}), "
            f"{_plural(self.empty, 'empty cell')}, {_plural(self.joined, 'unit')} joining paragraphs"
            + (f" ({self.apart} more where the versions are paragraphed on their own)" if self.apart else "")
            + f", {self.uncertain} with an uncertain end"
        )


def summary(doc: Document) -> Summary:
    units = doc.units
    return Summary(
        units=len(units),
        beads=sum(len(u.beads) for u in units),
        low=sum(u.low for u in units),
        low_beads=sum(len(u.doubtful) for u in units),
        empty=sum(not u.paragraphs.get(lang) for u in units for lang in doc.meta.langs),
        joined=sum(_joins(u, doc) and not u.own_paragraphing for u in units),
        to_check=len(checks(doc)),
        apart=sum(_joins(u, doc) and u.own_paragraphing for u in units),
        uncertain=sum(u.uncertain_end for u in units),
    )


def findings(doc: Document) -> list[Finding]:
    """``align.low-confidence`` for every unit below the threshold (a warning: ``--strict``
    fails), ``align.uncertain-end`` for every unit whose end is uncertain (information: most
    of them are right), then ``align.summary``."""
    pivot = doc.meta.langs[0]
    file = next((s.file for s in doc.meta.sources if s.lang == pivot and s.role == "translation"), None)
    out = []
    for item in checks(doc):
        if "low" in item.kinds:  # a warning
            code = "align.low-confidence"
        elif "uncertain" in item.kinds:  # information only
            code = "align.uncertain-end"
        else:
            continue
        unit = item.unit
        paragraphs = ", ".join(str(p.n) for p in unit.paragraphs.get(pivot, ())) or "-"
        out.append(
            finding(
                code,
                f"unit {unit.n} ({pivot} paragraph {paragraphs}): {'; '.join(item.reasons)}; "
                "check it by hand (enface align --review FILE.html)",
                file=file,
                where=f"unit {unit.n}",
            )
        )
    out.append(finding("align.summary", summary(doc).line()))
    return out


# --- the review page -----------------------------------------------------------------------

CSS = """
:root { --ink: #1d1d1f; --rule: #c9c9cf; --check: #fff4dc; --low: #ffdca3; --why: #f3b54a; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.25rem 1.5rem 4rem; color: var(--ink); background: #fff;
       font: 15px/1.45 Georgia, "Charis SIL", "DejaVu Serif", serif; }
header, nav, .filter, .why td, thead th, tbody th, .count, .legend { font-family: system-ui, sans-serif; }
h1 { font-size: 1.35rem; margin: 0 0 .2rem; }
.titles { margin: 0 0 .6rem; color: #444; }
.sep { color: #999; font-weight: normal; }
.count { font-size: 1.05rem; margin: .4rem 0; }
.count strong { font-size: 1.5rem; color: #9a4b00; }
.legend { font-size: .85rem; color: #555; max-width: 60rem; margin: .2rem 0 .6rem; }
nav { font-size: .9rem; margin: .4rem 0; }
nav a { margin-right: .5rem; }
.filter { font-size: .9rem; margin: .2rem 0 1rem; }
#only:checked ~ main tbody.unit:not(.check) { display: none; }
#only:checked ~ main section:not(:has(tbody.check)) { display: none; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
col.num { width: 6.4rem; }
thead th { position: sticky; top: 0; background: #f2f2f5; text-align: start; font-size: .85rem;
           padding: .3rem .5rem; border-bottom: 1px solid var(--rule); z-index: 1; }
tbody.unit { border-top: 2px solid var(--rule); }
td, tbody th { vertical-align: top; padding: .3rem .5rem; border-top: 1px solid #ececf0; }
td { hyphens: auto; overflow-wrap: anywhere; }
tbody th { font-size: .78rem; font-weight: normal; color: #666; text-align: start; }
tbody th .p { display: block; color: #8a3b00; font-weight: bold; white-space: nowrap; }
tbody.head td { font-weight: bold; }
tbody.verse td { font-style: italic; }
td.gap { color: #999; text-align: center; }
tbody.check { border-left: 6px solid var(--why); }
tbody.uncertain { border-bottom: 3px dashed var(--why); }
tbody.check td, tbody.check th { background: var(--check); }
tbody.check tr.low td, tbody.check tr.low th { background: var(--low); }
tbody.check tr td.empty { background: repeating-linear-gradient(135deg, var(--check), var(--check) 6px,
                                                              #f6d9a8 6px, #f6d9a8 8px); }
tr.why td { background: var(--why); font-size: .88rem; padding: .35rem .6rem; }
tr.why ul { display: inline; margin: 0; padding: 0; list-style: none; }
tr.why li { display: inline; }
tr.why li + li::before { content: " · "; }
tr.why a { float: inline-end; font-weight: bold; color: #3d1d00; }
tbody.unit:target tr.why td { outline: 3px solid #3d1d00; outline-offset: -3px; }
.ok { color: #23612b; font-weight: bold; }
"""


def _separated(spans: list) -> list:
    """The languages' spans with a separator between them, outside them: inside a right-to-left
    span (a ``::before``), it was set at that span's far end, and the title before ran into it."""
    out: list = []
    for span in spans:
        if out:
            out.append(H.span({"class": "sep"}, " · "))
        out.append(span)
    return out


def _attrs(lang: str, **more: str) -> dict[str, str]:
    out = {"lang": lang}
    if direction(lang) == "rtl":
        out["dir"] = "rtl"
    out.update({k.rstrip("_"): v for k, v in more.items()})
    return out


def _cells(unit: UnitView, doc: Document) -> list[tuple[str, dict[str, str], bool]]:
    """The unit's rows: (label, language -> text, low) per bead, or one row of its paragraphs."""
    if not unit.beads:
        texts = {
            lang: " ".join(p.text or (f"[figure {p.src}]" if p.src else "") for p in unit.paragraphs.get(lang, ()))
            for lang in doc.meta.langs
        }
        return [(str(unit.n), texts, unit.low)]
    rows = []
    for i, bead in enumerate(unit.beads):
        texts = {lang: " ".join(s.text for s in bead.get(lang, ())) for lang in doc.meta.langs}
        rows.append((f"{unit.n}.{i + 1}", texts, i in unit.doubtful))
    return rows


def _unit(unit: UnitView, doc: Document, item: Check | None, following: Check | None) -> etree._Element:
    langs = doc.meta.langs
    classes = ["unit", unit.kind] + (["check", *sorted(item.kinds)] if item else [])
    body = H.tbody({"id": f"u{unit.n}", "class": " ".join(classes)})
    if item is not None:
        reasons = H.ul(*(H.li(reason) for reason in item.reasons))
        if following is not None:
            link = H.a({"class": "next", "href": f"#u{following.unit.n}"}, f"next to check: unit {following.unit.n} ↓")
        else:
            link = H.a({"class": "top", "href": "#top"}, "last one: back to the top ↑")
        why = H.td(_attrs(UI_LANG, colspan=str(len(langs) + 1)), link, H.strong(f"Unit {unit.n}: "), reasons)
        body.append(H.tr({"class": "why"}, why))
    bead_p = {i: unit.bead_confidence[i] for i in unit.doubtful}
    for r, (label, texts, low) in enumerate(_cells(unit, doc)):
        head = H.th(_attrs(UI_LANG, scope="row"), label)
        if low and r in bead_p:
            head.append(H.span({"class": "p"}, p_value(bead_p[r])))
        row = H.tr({"class": "low"} if low else {}, head)
        for lang in langs:
            text = texts.get(lang, "")
            if not unit.paragraphs.get(lang):
                row.append(H.td(_attrs(lang, class_="empty gap"), "∅"))
            elif not text:
                row.append(H.td(_attrs(lang, class_="gap"), "—"))
            else:
                row.append(H.td(_attrs(lang), text))
        body.append(row)
    return body


def _table(units: list[UnitView], doc: Document, by_unit: dict[int, Check], after: dict[int, Check | None]):
    langs = doc.meta.langs
    head = H.tr(H.th(_attrs(UI_LANG, scope="col"), "bead"))
    for lang in langs:
        head.append(H.th(_attrs(lang, scope="col"), f"{doc.meta.labels.get(lang, lang)} ({lang})"))
    table = H.table(H.colgroup(H.col({"class": "num"}), H.col({"span": str(len(langs))})), H.thead(head))
    for unit in units:
        table.append(_unit(unit, doc, by_unit.get(unit.n), after.get(unit.n)))
    return table


def _sections(doc: Document) -> list[tuple[int, list[UnitView]]]:
    """Runs of units by division (0: outside any), in reading order."""
    out: list[tuple[int, list[UnitView]]] = []
    for unit in doc.units:
        if not out or out[-1][0] != unit.division:
            out.append((unit.division, []))
        out[-1][1].append(unit)
    return out


def page(doc: Document) -> bytes:
    """The review page of the alignment, as UTF-8 HTML bytes (the same bytes for the same TEI)."""
    meta = doc.meta
    found = checks(doc)
    by_unit = {c.unit.n: c for c in found}
    after = {c.unit.n: (found[i + 1] if i + 1 < len(found) else None) for i, c in enumerate(found)}
    total = summary(doc)
    title = meta.title()

    titles = H.p({"class": "titles"}, *_separated([H.span(_attrs(lang), meta.titles[lang]) for lang in meta.titles]))
    count = H.p(
        {"class": "count", "id": "count"},
        H.strong(str(len(found))),
        f" of {_plural(total.units, 'unit')} to check",
        f" — {_plural(total.beads, 'bead')}; {total.low} below the confidence threshold (p < {threshold()}, "
        f"{_plural(total.low_beads, 'bead')}); {_plural(total.empty, 'empty cell')}; "
        f"{_plural(total.joined, 'unit')} joining paragraphs",
        *([f" ({total.apart} more where the versions are paragraphed on their own)"] if total.apart else []),
        f"; {total.uncertain} with an uncertain end",
    )
    legend = H.p(
        {"class": "legend"},
        "Highlighted: units whose lengths fit badly (p: the probability of lengths this far apart "
        "for a true translation; beads below the threshold are marked), units empty in a language, "
        "units joining paragraphs, units whose end is uncertain (a dashed line under them: put a paragraph "
        "earlier or later in a version, or joined with the next unit, the words and lengths fit about as "
        "well). Each links to the next one.",
    )
    header = H.header({"id": "top"}, H.h1(f"Alignment review: {title}"), titles, count, legend)
    if found:
        header.append(
            H.p(H.a({"class": "first", "href": f"#u{found[0].unit.n}"}, f"first to check: unit {found[0].unit.n} ↓"))
        )
        nav = H.nav({"aria-label": "units to check"}, "Units to check: ")
        for c in found:
            link = H.a({"href": f"#u{c.unit.n}"}, str(c.unit.n))
            link.tail = " "  # where the list may wrap: a page of 121 units to check ran off the screen
            nav.append(link)
        header.append(nav)
    else:
        header.append(H.p({"class": "ok"}, "Nothing to check."))

    main = H.main()
    divisions = {d.n: d for d in doc.divisions}
    for number, units in _sections(doc):
        section = H.section()
        division = divisions.get(number)
        if division is not None:
            section.set("id", f"d{number}")
            heads = [H.span(_attrs(lang), text) for lang, text in division.heads.items() if text]
            section.append(H.h2(*_separated(heads)) if heads else H.h2(_attrs(UI_LANG), f"Division {number}"))
        section.append(_table(units, doc, by_unit, after))
        main.append(section)

    root = H.html(
        {"lang": UI_LANG},
        H.head(
            H.meta(charset="utf-8"),
            H.meta(
                {"http-equiv": "Content-Security-Policy"},
                content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
            ),
            H.meta(name="viewport", content="width=device-width, initial-scale=1"),
            H.meta(name="generator", content="enface align --review"),
            H.link(rel="icon", href="data:,"),
            H.title(f"Alignment review: {title}"),
            H.style(CSS),
        ),
        H.body(
            header,
            H.input(type="checkbox", id="only"),
            H.label({"for": "only", "class": "filter"}, " show only the units to check"),
            main,
        ),
    )
    fonts = _script_fonts(doc, "".join(root.itertext()))
    if fonts:
        root.find("head").append(H.style(fonts))
    return html.tostring(root, doctype="<!DOCTYPE html>", encoding="utf-8", method="html") + b"\n"


def _script_fonts(doc: Document, characters: str) -> str:
    """The vendored fonts of the edition's other scripts (Arabic, Japanese…), subset to the
    page's characters and embedded, each language set in its own: the page stays
    self-contained and reads the same on a machine with no font for those scripts (a Japanese
    version came out as empty boxes in Debian's Chromium with no CJK font installed). Latin,
    Greek and Cyrillic keep the page's own fonts. "" when no other script is needed."""
    from .epub.fonts import font_face_css, other_script_css, subset_family
    from .fonts import font_plan

    plan = font_plan(doc)
    fonts = tuple(font for family in plan.families[1:] for font in subset_family(family, characters))
    return font_face_css(fonts, embed=True) + other_script_css(plan) if fonts else ""
