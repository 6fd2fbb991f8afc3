"""The layout chosen for the reader and the typography of the measure (issue #14, items 3-4).

- the choice (``enface.pdf.choice``): a table of 2/3/4 languages × A4, A5, US Letter, 6×9,
  tested apart from what facing pages can set today (``facing=`` given);
- ragged right under 45 characters a line, justified when asked, read off WeasyPrint's boxes;
- the hyphenation limits WeasyPrint cannot enforce, enforced after a layout: measured on a
  built PDF of the bundled edition by the print check (``enface.checks.layout``);
- no 1-2 letter tail on a bead's last line; Russian one-letter words still bound.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from enface.diagnostics import classify
from enface.pdf import choice
from enface.pdf.choice import MIN_CHARS, choose
from enface.pdf.hyphenation import breaks_to_forbid
from enface.pdf.measure import CellLine
from enface.pdf.options import PAGE_SIZES, PrintOptions, options_from_strings

ALL = (2, 3, 4)  # facing pages for two to four languages
TWO = (2,)  # facing pages for two languages only (before pdf/facing.py set more)

# languages, page → the layout chosen when facing pages set 2-4 languages
CHOICES = {
    (2, "a4"): "facing",
    (2, "a5"): "facing",
    (2, "letter"): "facing",
    (2, "6x9"): "facing",
    # three A4 or Letter columns hold 33-35 characters a line, four 24-25: under 40
    (3, "a4"): "facing",
    (3, "a5"): "facing",
    (3, "letter"): "facing",
    (3, "6x9"): "facing",
    (4, "a4"): "facing",
    (4, "a5"): "facing",
    (4, "letter"): "facing",
    (4, "6x9"): "facing",
}


@pytest.mark.parametrize(("languages", "page"), sorted(CHOICES))
def test_the_choice_table(languages: int, page: str) -> None:
    chosen = choose(languages, page, facing=ALL)
    assert chosen.layout == CHOICES[languages, page] and not chosen.asked
    assert chosen.messages == ()  # nothing to say about a layout chosen for the reader
    # facing pages for two languages only: three or four in columns, and the build says so
    fallback = choose(languages, page, facing=TWO)
    assert fallback.layout == ("facing" if languages == 2 else "columns")
    assert len(fallback.messages) == (0 if languages == 2 else 1)


@pytest.mark.parametrize("page", ["a4", "letter"])
def test_columns_on_a4_or_letter_when_each_holds_40_characters(page: str, monkeypatch) -> None:
    """The columns branch, with a page whose three columns hold 40 characters (a smaller body)."""
    size = PAGE_SIZES[page]
    monkeypatch.setitem(PAGE_SIZES, page, dataclasses.replace(size, body_pt=7.5))
    assert choice.chars_per_line(page, 3) >= MIN_CHARS
    assert choose(3, page, facing=ALL).layout == "columns"
    assert choose(4, page, facing=ALL).layout == "facing"  # four still under 40
    assert choose(3, "a5", facing=ALL).layout == "facing"  # narrower than A4: always facing


@pytest.mark.parametrize(("languages", "page"), [(2, "a5"), (2, "6x9"), (3, "a4"), (3, "letter"), (4, "a4")])
@pytest.mark.parametrize("facing", [ALL, TWO])
def test_narrow_columns_only_when_asked_and_said_once_with_advice(languages, page, facing) -> None:
    chosen = choose(languages, page, "columns", facing=facing)
    assert chosen.layout == "columns" and chosen.asked and chosen.chars_per_line < MIN_CHARS
    (message,) = chosen.messages
    assert classify(message, "print").code == "print.narrow-columns"
    assert f"about {chosen.chars_per_line:.0f} characters a line" in message
    advice = message.split(": ", 1)[1]
    # something the user can do: an option of enface build, or the edition's own sources
    assert "--layout facing" in advice or "--page-size" in advice
    assert "larger --page-size" not in message  # the old advice (A4 for A4 pages)
    if languages in facing:
        assert "--layout facing" in advice
    else:
        assert "[[sources]]" in advice


def test_wide_columns_asked_say_nothing() -> None:
    assert choose(2, "a4", "columns").messages == ()
    assert choose(2, "a4", "facing").layout == "facing"


@pytest.mark.parametrize(
    ("languages", "page", "layout", "align", "ragged"),
    [
        (3, "a4", "columns", None, True),  # 33 characters
        (3, "a4", "columns", "justify", False),
        (2, "a4", "columns", None, False),  # 52 characters
        (2, "a4", "columns", "ragged", True),
        (2, "a4", "facing", None, False),
        (3, "a5", "facing", None, True),  # two columns of an A5 page: 34 characters
    ],
)
def test_ragged_right_under_45_characters_unless_justified(languages, page, layout, align, ragged) -> None:
    assert choose(languages, page, layout, text_align=align, facing=ALL).ragged is ragged


def test_text_align_option() -> None:
    assert options_from_strings(text_align="justify").text_align == "justify"
    assert options_from_strings(text_align="auto").text_align is None
    assert options_from_strings(layout="auto").layout is None
    with pytest.raises(Exception, match="text alignment"):
        PrintOptions(text_align="centre")


def test_outer_margin_of_a_study_edition_at_least_18_mm() -> None:
    assert all(size.margins_mm[3] >= 18 for size in PAGE_SIZES.values())


# --- the hyphenation limits, on lines ------------------------------------------------


def _line(row: int, text: str, sentence: str = "s1", opens: bool = False) -> CellLine:
    return CellLine(row, "fr", text, sentence, sentence, True, opens)


def test_a_run_of_three_hyphenated_line_ends_loses_its_third() -> None:
    lines = [
        _line(0, "les travaux scienti\u2010"),
        _line(0, "fiques de la rhéolo\u2010"),
        _line(0, "gie ont été lus par des gen\u2010"),
        _line(0, "darmes du quartier"),
        _line(0, "et des autres."),
    ]
    (broken,) = breaks_to_forbid(lines)
    assert broken.word == "gendarmes" and not broken.hard


def test_a_broken_word_before_a_beads_last_line_is_kept_whole() -> None:
    lines = [_line(0, "Le héros commence à aimer l’obs\u2010"), _line(0, "curité."), _line(1, "Il va au cinéma")]
    (broken,) = breaks_to_forbid(lines)
    assert broken.word == "l’obscurité"


def test_two_in_a_row_and_rows_apart_are_allowed() -> None:
    lines = [
        _line(0, "les travaux scienti\u2010"),
        _line(0, "fiques de la rhéolo\u2010"),
        _line(0, "gie ont été lus"),
        _line(0, "par des gens qui"),
        _line(1, "un autre paragra\u2010", opens=True),
        _line(1, "phe commence"),
        _line(1, "ici."),
    ]
    assert breaks_to_forbid(lines) == []


# --- on the bundled edition -------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_doc(built):
    """The bundled edition's TEI, read."""
    from enface.tei.read import read_tei
    from enface.xmlsafe import parse_file

    return read_tei(parse_file(built / "face-of-another.tei.xml"))


@pytest.fixture(scope="module")
def columns_pdf(bundled_doc, bundled_dir, tmp_path_factory):
    """The bundled edition in three A4 columns (asked: the reader's choice is facing pages)."""
    from enface.dates import build_datetime
    from enface.pdf import render

    doc = bundled_doc
    printed = render(
        doc, build_datetime(bundled_dir), edition_dir=bundled_dir, options=options_from_strings(layout="columns")
    )
    path = tmp_path_factory.mktemp("columns") / "columns.pdf"
    path.write_bytes(printed.pdf)
    return path, printed, doc


@pytest.mark.books  # a build of its own (about 20 s): in `make test-books`
def test_bundled_columns_meet_the_measure_limits(columns_pdf) -> None:
    from enface.checks.layout import inspect_layout

    path, printed, _doc = columns_pdf
    report = inspect_layout(path)
    assert report.lines > 1000
    assert report.longest_hyphen_run <= 2 and report.hyphen_runs_over == 0, report.summary()
    assert report.most_loose_in_a_column <= 1, report.summary()
    assert report.one_letter_ends == [], report.one_letter_ends
    # asked for, under 40 characters: said once
    narrow = [m for m in printed.messages if classify(m, "print").code == "print.narrow-columns"]
    assert len(narrow) == 1 and "--layout facing" in narrow[0]


@pytest.mark.slow
def test_bundled_columns_are_ragged_and_justified_when_asked(bundled_doc, bundled_dir) -> None:
    from weasyprint import HTML

    from enface.dates import build_datetime
    from enface.paths import styles_dir
    from enface.pdf.layout import print_html
    from enface.pdf.measure import walk

    small = dataclasses.replace(bundled_doc, units=bundled_doc.units[:2], appendices=())
    when = build_datetime(bundled_dir)
    for align, expected in ((None, "left"), ("justify", "justify")):
        html = print_html(small, when, options_from_strings(layout="columns", text_align=align))
        assert re.search(r'<html lang="\w+" class="(ragged|justified)"', html)
        document = HTML(string=html, base_url=str(styles_dir()) + "/").render()
        cells = [
            box
            for page in document.pages
            for box in walk(page._page_box)
            if getattr(box, "element_tag", None) == "td" and "v" in (box.element.get("class") or "").split()
        ]
        assert cells and {box.style["text_align_all"] for box in cells} == {expected}
        assert {tuple(box.style["hyphenate_limit_chars"]) for box in cells} == {(6, 3, 3)}


def test_no_one_or_two_letter_tail_on_a_beads_last_line() -> None:
    from lxml import etree

    from enface.pdf.layout import NBSP, _bind_last_word

    cases = {
        "Герой идёт в лес и": "лес" + NBSP + "и",
        "Il dit qu’il est là.": "est" + NBSP + "là.",
        "Dia pergi ke rumahnya.": "ke rumahnya.",  # a long last word: nothing to bind
        "Ce n’est pas vrai\u202f?": "pas vrai\u202f?",
    }
    for text, end in cases.items():
        p = etree.fromstring(f'<p><span class="s" id="a">{text}</span></p>')
        _bind_last_word(p)
        assert "".join(p.itertext()).endswith(end), (text, "".join(p.itertext()))
        assert len(p[0]) == 0  # no markup added


@pytest.mark.slow
def test_russian_one_letter_words_are_still_bound(bundled_doc) -> None:
    """The text keeps ``ru.one-letter``'s no-break spaces, and the check would see a break."""
    from enface.checks.layout import ONE_LETTER

    russian = " ".join(s.text for unit in bundled_doc.units for p in unit.paragraphs.get("ru", ()) for s in p.sentences)
    bound = re.findall(r"(?<!\w)[вксуоияа]\u00a0\w", russian, flags=re.IGNORECASE)
    loose = re.findall(r"(?<!\w)[вксуоия] \w", russian)
    assert len(bound) > 20 and loose == []
    assert ONE_LETTER.match("в") and not ONE_LETTER.match("в,") and not ONE_LETTER.match("K")


def test_manifest_text_align_and_the_layout_chosen_in_the_build_options(edition_copy) -> None:
    """``[print] text_align`` reaches the print options; with no layout asked, the build's
    options carry the one chosen (part of the layout's cache key)."""
    from enface.commands.build import build_options
    from enface.manifest import load_edition

    toml = edition_copy / "edition.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("[titles]", '[print]\ntext_align = "justify"\n\n[titles]', 1),
        encoding="utf-8",
    )
    edition = load_edition(edition_copy)
    assert edition.print.text_align == "justify"
    options = build_options(edition_copy, edition).print_options
    assert options.text_align == "justify"
    assert options.layout == choose(len(edition.languages), "a4").layout
    asked = build_options(edition_copy, edition, print_options=options_from_strings(layout="columns"))
    assert asked.print_options.layout == "columns"


@pytest.mark.parametrize("page", sorted(PAGE_SIZES))
def test_the_choice_measures_as_the_layout_does(page: str) -> None:
    from enface.pdf.layout import geometry

    for columns in (1, 2, 3, 4):
        expected = geometry(PrintOptions(page_size=page), columns).chars_per_line
        assert choice.chars_per_line(page, columns) == pytest.approx(expected)


def test_a_right_to_left_book_gets_columns_and_facing_pages_are_refused():
    """Its spreads would run right to left, which WeasyPrint 70 cannot lay out: two languages
    get the facing pages a left-to-right book gets, an Arabic-first book columns; asking for
    facing pages is one clear error saying what to do."""
    from enface.errors import EnfaceError
    from enface.pdf.choice import resolve
    from enface.pdf.options import PrintOptions

    assert resolve(PrintOptions(), ["fr", "ar"])[0].layout == "facing"
    assert resolve(PrintOptions(), ["ar", "fr"])[0].layout == "columns"
    assert resolve(PrintOptions(), ["he", "ru"])[0].layout == "columns"
    with pytest.raises(EnfaceError, match="right to left") as refused:
        resolve(PrintOptions(layout="facing"), ["ar", "fr"])
    assert "--layout columns" in str(refused.value)


def test_beads_are_measured_with_the_words_the_appendices_keep_whole(bundled_doc) -> None:
    """A word the appendix's hyphenation limits keep whole is kept whole in the whole book, so
    facing pages measure their beads with it: each bead's height is fixed on the page, and a
    word hyphenated when measured but whole when laid out could overflow it."""
    import datetime as dt
    from dataclasses import asdict

    from enface.pdf.hyphenation import Break
    from enface.pdf.layout import print_html
    from enface.pdf.probes import BEADS, HYPHENS, KEPT_META, kept_of

    words = re.compile(r"[а-яё]{9,}")
    seen: dict[str, list[str]] = {BEADS: [], HYPHENS: []}

    def recording(forbid: Break | None):
        def prober(probes):
            out = []
            for probe in probes:
                seen[probe.kind].append(probe.html)
                if probe.kind == HYPHENS:
                    out.append({"passes": [[asdict(forbid)]] if forbid else []})
                else:
                    out.append({"boxes": {}, "passes": []})
            return out

        return prober

    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    facing = options_from_strings(layout="facing")
    print_html(bundled_doc, when, facing, probe=recording(None))
    assert seen[HYPHENS] and seen[BEADS]
    assert not any(KEPT_META in html for html in seen[BEADS])  # nothing kept whole: nothing said
    in_beads = set(words.findall(" ".join(seen[BEADS]).lower()))
    appendix = seen[HYPHENS][0]
    sentence, word = next(
        (ident, w)
        for ident, text in re.findall(r'<span class="s" id="([^"]+)"[^>]*>(.*?)</span>', appendix)
        for w in words.findall(text)
        if w in in_beads
    )
    seen[BEADS].clear()
    print_html(bundled_doc, when, facing, probe=recording(Break(sentence, word, 0, False, "ru")))
    said = [kept_of(html) for html in seen[BEADS]]  # as the probe's layout reads them
    assert said and all(any(word in words for words in kept.values()) for kept in said), said


def test_on_justified_lines_a_broken_word_is_kept_whole_only_where_the_line_stays_tight() -> None:
    """Facing pages (``loose_em``): the broken word before a bead's last line is kept whole when
    its line, without the word's head, keeps word spaces within the limit; a ragged line
    (``loosen`` 0) always; a run of three is cut however loose its line becomes."""
    tight = dataclasses.replace(_line(0, "Le héros commence à aimer l’obs\u2010"), loosen=0.8)
    loose = dataclasses.replace(tight, loosen=1.4)
    ragged = dataclasses.replace(tight, loosen=0.0)
    last = [_line(0, "curité."), _line(1, "Il va au cinéma")]
    assert [b.word for b in breaks_to_forbid([tight, *last], loose_em=1.0)] == ["l’obscurité"]
    assert breaks_to_forbid([loose, *last], loose_em=1.0) == []
    assert [b.word for b in breaks_to_forbid([ragged, *last], loose_em=1.0)] == ["l’obscurité"]
    assert [b.word for b in breaks_to_forbid([loose, *last])] == ["l’obscurité"]  # no limit given: always
    run = [
        dataclasses.replace(_line(0, "les travaux scienti\u2010"), loosen=1.5),
        dataclasses.replace(_line(0, "fiques de la rhéolo\u2010"), loosen=1.5),
        dataclasses.replace(_line(0, "gie ont été lus par des gen\u2010"), loosen=1.5),
        _line(0, "tils et des savants"),
        _line(0, "de partout."),
    ]
    assert [b.word for b in breaks_to_forbid(run, loose_em=1.0)] == ["gentils"]


@pytest.mark.parametrize("width_mm", [62, 80, 90, 100, 110])
def test_the_kept_gap_estimate_follows_the_real_layout(width_mm: int) -> None:
    """``kept_gap`` (the word space a justified line would have if its broken word went whole to
    the next line) against WeasyPrint laying the paragraph out again with that word kept whole
    (``hyphens: manual`` on it): within 0.05 em and 15 %, and never more than 0.05 em too tight.
    Charis SIL's space is 0.293 em (its ``hmtx``, read with fontTools)."""
    from fontTools.ttLib import TTFont
    from weasyprint import HTML

    from enface.paths import styles_dir
    from enface.pdf.measure import SOFT_HYPHEN_END, kept_gap, walk

    font = TTFont(styles_dir() / "fonts" / "CharisSIL-Regular.ttf")
    space = font["hmtx"][font.getBestCmap()[32]][0] / font["head"].unitsPerEm
    text = (
        "Le chirurgien esthétique, spécialiste des prothèses, accepte finalement de fabriquer un masque "
        "extraordinairement réaliste pour l’homme défiguré, qui commence aussitôt une existence clandestine, "
        "observant minutieusement les habitants de l’immeuble, les passants indifférents et surtout sa propre "
        "femme, devenue presque une inconnue. Les expériences s’accumulent, les interrogations philosophiques "
        "se multiplient, et l’identité personnelle paraît désormais incompréhensible, insaisissable."
    )

    def lines(body: str) -> list[list]:
        html = (
            '<html lang="fr"><head><style>@font-face { font-family: C; src: url(fonts/CharisSIL-Regular.ttf) }'
            f"p {{ font-family: C; font-size: 10pt; width: {width_mm}mm; text-align: justify; hyphens: auto;"
            f" margin: 0 }} .k {{ hyphens: manual }}</style></head><body><p>{body}</p></body></html>"
        )
        document = HTML(string=html, base_url=str(styles_dir()) + "/").render()
        found = [box for box in walk(document.pages[0]._page_box) if type(box).__name__ == "LineBox"]
        return [[b for b in walk(line) if type(b).__name__ == "TextBox"] for line in found]

    laid = lines(text)
    compared = 0
    for index, boxes in enumerate(laid[:-1]):
        ending = "".join(box.text for box in boxes).rstrip()
        if not ending.endswith(SOFT_HYPHEN_END):
            continue
        head = re.search(r"(\w+)\u2010$", ending).group(1)
        tail = re.match(r"\s*(\w+)", "".join(box.text for box in laid[index + 1])).group(1)
        again = lines(text.replace(head + tail, f'<span class="k">{head + tail}</span>', 1))[index][-1]
        actual = space + again.justification_spacing / again.style["font_size"]
        estimate = kept_gap(boxes)
        assert estimate >= actual - 0.05, (head + tail, estimate, actual)
        assert abs(estimate - actual) <= 0.05 + 0.15 * actual, (head + tail, estimate, actual)
        compared += 1
    assert compared >= 2


def test_a_word_nearly_as_long_as_a_line_is_never_kept_whole() -> None:
    """Kept whole, a word as long as the line could not fit it: it stays broken."""
    lines = [
        _line(0, "Die Donaudampfschiff\u2010"),
        _line(0, "fahrtsgesellschaft fährt."),
        _line(1, "Das Schiff legt an."),
    ]
    assert breaks_to_forbid(lines) == []
    lines[0] = _line(0, "Die ganze Gesellschaft fährt nach Wi\u2010")
    lines[1] = _line(0, "en.")
    assert [b.word for b in breaks_to_forbid(lines)] == ["Wien"]


@pytest.mark.parametrize(
    "page, align, ragged",
    [("a5", None, True), ("a5", "justify", False), ("a4", None, False), ("letter", None, False)],
)
def test_narrow_columns_of_a_spread_are_ragged_unless_justified(bundled_doc, page, align, ragged) -> None:
    """Three languages on facing pages: the recto's two columns hold about 40 characters on A5
    (under 45: ragged right, as any narrow column), about 51 on A4 and Letter (justified, as the
    full page); ``--text-align justify`` justifies them all. The class is on each bead's block,
    so the measuring layout sets it as the page does."""
    import datetime as dt

    from lxml import html as lxml_html

    from enface.pdf.facing import RAGGED
    from enface.pdf.layout import print_html
    from enface.pdf.probes import BEADS

    def prober(probes):
        return [{"boxes": {}, "passes": []} if p.kind == BEADS else {"passes": []} for p in probes]

    options = options_from_strings(page, layout="facing", text_align=align)
    html = print_html(bundled_doc, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), options, probe=prober)
    root = lxml_html.document_fromstring(html)
    verso, recto = bundled_doc.meta.langs[0], bundled_doc.meta.langs[1:]
    blocks = [el for el in root.iter("div") if "fbead" in (el.get("class") or "").split()]
    marked = {el.get("id").rsplit("-", 1)[1] for el in blocks if RAGGED in el.get("class").split()}
    assert marked == (set(recto) if ragged else set())
    assert verso not in marked


def test_line_numbers_count_the_lines_spoken_not_the_speakers(tmp_path) -> None:
    """A play's speaker names are lines of its line blocks, set bold: both layouts number every
    fifth line spoken, as editions of plays do, not the names."""
    import datetime as dt

    from lxml import html as lxml_html

    from enface.commands.build import build
    from enface.pdf.layout import print_html
    from enface.pdf.probes import BEADS
    from enface.tei.read import read_tei
    from enface.xmlsafe import parse_file

    folder = tmp_path / "play"
    folder.mkdir()
    speeches = {
        "en": ("Nurse", ["Where is she?", "Call her forth.", "Now, lamb!", "What, lady-bird!"], "Juliet"),
        "fr": ("La nourrice", ["Où est-elle ?", "Appelle-la.", "Allons, agneau !", "Ma coccinelle !"], "Juliette"),
    }
    manifest = [
        'slug = "play"',
        'description = "A scene."',
        'rights = "CC0 1.0"',
        "",
        "[titles]",
        'en = "P"',
        'fr = "P"',
    ]
    for lang, (first, lines, second) in speeches.items():
        block = [
            f"| **{first}**",
            *(f"| {line}" for line in lines[:3]),
            f"| **{second}**",
            *(f"| {lines[3]} {n}" for n in range(1, 4)),
        ]
        (folder / f"{lang}.md").write_text("# Scene\n\n" + "\n".join(block) + "\n", encoding="utf-8")
        manifest += ["", "[[sources]]", f'file = "{lang}.md"', f'lang = "{lang}"', 'role = "translation"']
    (folder / "edition.toml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    build(folder, tmp_path / "out", ["tei"], use_cache=False)
    doc = read_tei(parse_file(tmp_path / "out" / "play.tei.xml"))

    def prober(probes):
        return [{"boxes": {}, "passes": []} if p.kind == BEADS else {"passes": []} for p in probes]

    html = print_html(doc, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), options_from_strings(layout="facing"), probe=prober)
    root = lxml_html.document_fromstring(html)
    for lang in ("en", "fr"):
        numbered = [
            re.sub(r"\s+", " ", "".join(p.itertext())).strip()  # French spacing: narrow no-break spaces
            for p in root.iter("p")
            if p.get("data-ln") and p.getparent().get("lang") == lang
        ]
        assert numbered == [f"{speeches[lang][1][3]} 2"], (lang, numbered)  # the fifth line spoken
    # the columns layout numbers the same lines (the first language's, in the margin column)
    columns = print_html(doc, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), options_from_strings(layout="columns"))
    slots = [p.text for p in lxml_html.document_fromstring(columns).iter("p") if p.get("class") == "ln"]
    assert slots == [None] * 6 + ["5", None]  # Nurse, 3 lines, Juliet, then the fifth line spoken


def test_in_a_narrow_column_a_word_with_its_punctuation_is_measured_whole() -> None:
    """Seven columns on A4 hold under 20 characters a line: "одинёшенька?" kept whole ran
    across the column rule. Its 11 letters are within the share of a full line a word may
    have to go whole, its 12 characters with the question mark (which no break parts from
    it) are not; the same word followed by a space goes whole."""
    import math

    from enface.pdf.hyphenation import WHOLE_SHARE

    full = math.ceil(11 / WHOLE_SHARE)  # a full line: 11 letters fit the share, 12 do not
    assert 11 <= WHOLE_SHARE * full < 12

    def lines(tail: str) -> list[CellLine]:
        return [
            CellLine(0, "ru", ("шла по белу свету одна " * 2)[:full], "s1", "s1", True, False),
            CellLine(0, "ru", "одинё\u2010", "s1", "s1", True, False),
            CellLine(0, "ru", tail, "s1", "s1", True, False),
            CellLine(1, "ru", "Кай", "s2", "s2", True, False),
        ]

    assert breaks_to_forbid(lines("шенька?")) == []
    assert [b.word for b in breaks_to_forbid(lines("шенька и"))] == ["одинёшенька"]


def test_a_word_wider_than_its_measure_is_not_kept_whole_whatever_its_letters() -> None:
    """Widths read off the layout decide where they are known: "vorbeigekommen" is 14 letters
    of a 20-character line (within the share of characters) but wider than the 48 pt column
    once whole (its head 26 pt on one line, its tail 24 pt on the next)."""

    def lines(head_width: float, tail_width: float) -> list[CellLine]:
        return [
            CellLine(0, "de", "war ein Schiff schon", "s1", "s1", True, False, 0.0, 48.0, 14.0, 10.0),
            CellLine(0, "de", "vorbeige\u2010", "s1", "s1", True, False, 0.0, 48.0, head_width, 26.0),
            CellLine(0, "de", "kommen", "s1", "s1", True, False, 0.0, 48.0, 24.0, tail_width),
            CellLine(1, "de", "Kai", "s2", "s2", True, False, 0.0, 48.0, 9.0, 9.0),
        ]

    assert breaks_to_forbid(lines(26.0, 24.0)) == []
    assert [b.word for b in breaks_to_forbid(lines(20.0, 20.0))] == ["vorbeigekommen"]


def test_a_word_broken_twice_counts_all_three_pieces() -> None:
    """ "vor‐ / beigekom‐ / men": the second break alone (beigekom + men, 67 pt) fits a 74 pt
    column, the word (with its head "vor", 16 pt more) does not: it is not kept whole."""
    lines = [
        CellLine(0, "de", "sagte die Frau, daß es", "s1", "s1", True, False, 0.0, 74.0, 10.0, 25.0),
        CellLine(0, "de", "er nicht vor\u2010", "s1", "s1", True, False, 0.0, 74.0, 16.0, 10.0),
        CellLine(0, "de", "beigekom\u2010", "s1", "s1", True, False, 0.0, 74.0, 51.0, 57.0),
        CellLine(0, "de", "men sei; aber", "s1", "s1", True, False, 0.0, 74.0, 22.0, 17.0),
        CellLine(0, "de", "er komme wohl", "s1", "s1", True, False, 0.0, 74.0, 22.0, 10.0),
    ]
    assert breaks_to_forbid(lines) == []
