"""Checking the alignment: the confidence in the TEI (``cert``), the build's summary line and
``--strict``, and the review page (``enface align --review``), loaded in headless Chromium.

Two editions with real units to check: the bundled edition with one Indonesian paragraph
deleted (a unit empty in Indonesian, its beads below the threshold), and the lighthouse
fixture with two German paragraphs joined and an English sentence dropped (a unit joining
paragraphs, a bead below the threshold). What is to check is counted on the TEI with XPath,
not with enface's reader.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree, html
from typer.testing import CliRunner

from conftest import BUNDLED, FRENCH_JAPANESE, ROOT, TEI_NS, font_in_use, write_edition
from enface.cli import app

ENV = {"SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "200"}
LIGHTHOUSE = ROOT / "tests" / "fixtures" / "lighthouse"
LIGHTHOUSE_MANIFEST = """\
slug = "lighthouse"
description = "A short story written for enface's tests, in English, French and German."
rights = "Dedicated to the public domain (CC0 1.0)."

[titles]
en = "The Lighthouse Keeper"
fr = "Le Gardien du phare"
de = "Der Leuchtturmwärter"
""" + "".join(
    f'\n[[sources]]\nfile = "{lang}.md"\nlang = "{lang}"\nrole = "translation"\n' for lang in ("en", "fr", "de")
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=ENV)


def bundled_without_a_paragraph(folder: Path) -> Path:
    """The bundled edition with the Indonesian paragraph 9 deleted."""
    shutil.copytree(BUNDLED, folder)
    source = next(folder.glob("001_*.txt"))
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[8]
    source.write_text("".join(lines), encoding="utf-8")
    return folder


def lighthouse_changed(folder: Path) -> Path:
    """The lighthouse story with the two paragraphs of "Die Rettung" joined in German and the
    last sentence of the English story dropped."""
    shutil.copytree(LIGHTHOUSE, folder)
    (folder / "edition.toml").write_text(LIGHTHOUSE_MANIFEST, encoding="utf-8")
    de = (folder / "de.md").read_text(encoding="utf-8")
    joined = de.replace("es ergriff.\n\nEinen nach dem anderen", "es ergriff. Einen nach dem anderen")
    assert joined != de
    (folder / "de.md").write_text(joined, encoding="utf-8")
    en = (folder / "en.md").read_text(encoding="utf-8")
    dropped = en.replace(
        " Then he went up the stairs to put out the lamp, and for the first time in thirty years he was not alone.", ""
    )
    assert dropped != en
    (folder / "en.md").write_text(dropped, encoding="utf-8")
    return folder


def to_check_in_tei(tei: bytes) -> list[int]:
    """Units to check, from the TEI with XPath: a translation link with ``cert`` or typed
    ``uncertain-end``, or one whose targets miss a language or hold several paragraphs of one."""
    root = etree.fromstring(tei)
    langs = root.xpath("//tei:group/tei:text/@xml:lang", namespaces=TEI_NS)
    out = []
    for link in root.xpath("//tei:linkGrp[@type='translation']/tei:link", namespaces=TEI_NS):
        counts = Counter(target[1:].split(".")[0] for target in link.get("target").split())
        uncertain = link.get("subtype") == "uncertain-end"
        if link.get("cert") is not None or uncertain or any(counts[lang] != 1 for lang in langs):
            out.append(int(link.get("n")))
    return out


class Case:
    def __init__(self, edition: Path, out: Path) -> None:
        self.edition = edition
        self.out = out
        built = run("build", str(edition), "--out", str(out), "-f", "tei")
        assert built.exit_code == 0, built.output
        self.output = built.output
        self.tei = next(out.glob("*.tei.xml")).read_bytes()
        self.report = json.loads(next(out.glob("*.report.json")).read_text(encoding="utf-8"))
        self.page = out / "review.html"
        reviewed = run("align", str(edition), "--review", str(self.page))
        assert reviewed.exit_code == 0, reviewed.output
        self.review_output = reviewed.output


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict[str, Case]:
    base = tmp_path_factory.mktemp("review")
    return {
        "bundled-minus-id-9": Case(bundled_without_a_paragraph(base / "bundled"), base / "bundled-out"),
        "lighthouse-changed": Case(lighthouse_changed(base / "lighthouse"), base / "lighthouse-out"),
    }


# --- the TEI -----------------------------------------------------------------------------


@pytest.mark.slow
def test_tei_records_the_confidence_of_the_doubtful_links(cases):
    case = cases["bundled-minus-id-9"]
    root = etree.fromstring(case.tei)
    units = root.xpath("//tei:linkGrp[@type='translation']/tei:link[@cert]", namespaces=TEI_NS)
    assert [u.get("n") for u in units] == ["9"] and float(units[0].get("cert")) < 0.01
    beads = root.xpath("//tei:linkGrp[@type='alignment']/tei:link", namespaces=TEI_NS)
    certain = [b.get("n") for b in beads if b.get("cert") is not None]
    assert certain and all(n.startswith("9.") for n in certain)
    assert certain == [b.get("n") for b in beads if b.get("n").startswith("9.")]  # every bead of unit 9
    assert all(0 <= float(b.get("cert")) < 0.01 for b in beads if b.get("cert") is not None)

    from enface.tei import validate
    from enface.tei.read import read_tei

    validate(etree.ElementTree(root), label="review.tei.xml")  # the shipped schema allows @cert
    doc = read_tei(root)
    assert [u.n for u in doc.units if u.low] == [9]
    nine = doc.units[8]
    assert nine.doubtful == tuple(range(len(nine.beads))) and nine.confidence < 0.01
    assert all(not u.doubtful and u.confidence == 1.0 for u in doc.units if u.n != 9)


@pytest.mark.slow
def test_the_bundled_edition_has_nothing_to_check():
    from enface.commands import align
    from enface.review import summary

    edition, parallel = align.run(BUNDLED)
    doc = align.document(parallel, edition)
    assert not any(u.low or u.doubtful for u in doc.units)
    assert summary(doc).to_check == 0 and summary(doc).empty == 0


def test_cert_values_are_tei_probabilities_never_rounded_to_the_threshold():
    from lxml.builder import E

    from enface.tei.build import _cert

    assert _cert(E.link(), 0.5).get("cert") is None
    assert _cert(E.link(), 0.009999).get("cert") == "0.009999"
    assert _cert(E.link(), 0.0046329).get("cert") == "0.0046"
    assert float(_cert(E.link(), 5.1e-32).get("cert")) == pytest.approx(5.1e-32)
    assert _cert(E.link(), -0.0).get("cert") == "0"


# --- the build ---------------------------------------------------------------------------


@pytest.mark.slow
def test_the_build_ends_with_the_alignment_summary_and_strict_fails_on_doubtful_units(cases):
    case = cases["lighthouse-changed"]
    codes = [f["code"] for f in case.report["findings"]]
    assert codes.count("align.low-confidence") == 1 and codes.count("align.summary") == 1
    summary = next(f for f in case.report["findings"] if f["code"] == "align.summary")
    assert summary["severity"] == "info"
    assert summary["message"].startswith("11 units aligned (")
    assert "1 below the confidence threshold" in summary["message"]
    assert "0 empty cells" in summary["message"] and "1 unit joining paragraphs" in summary["message"]
    table = case.output[case.output.index("Findings") :]
    assert re.findall(r"^│ ([a-z]+\.[a-z-]+) ", table, re.M)[-1] == "align.summary"  # the table ends with it
    low = next(f for f in case.report["findings"] if f["code"] == "align.low-confidence")
    assert (low["severity"], low["where"], low["file"]) == ("warning", "unit 11", "en.md")

    strict = run("build", str(case.edition), "--out", str(case.out / "strict"), "-f", "tei", "--strict")
    assert strict.exit_code == 1 and "align.low-confidence" in strict.output
    empty = cases["bundled-minus-id-9"].report["findings"]
    assert "1 empty cell" in next(f["message"] for f in empty if f["code"] == "align.summary")


# --- the review page ---------------------------------------------------------------------


def _check_page(page: bytes, langs: list[str]) -> html.HtmlElement:
    assert page.startswith(b"<!DOCTYPE html>")
    root = html.fromstring(page)
    assert root.get("lang") == "en"
    assert not root.xpath("//script | //iframe | //object | //img | //link[@rel='stylesheet']")
    for element in root.xpath("//*[@src or @href]"):
        value = element.get("src") or element.get("href")
        assert value.startswith(("#", "data:")), value
    cells = root.xpath("//td | //th")
    assert cells and all(cell.get("lang") for cell in cells)
    for row in root.xpath("//tbody/tr[not(@class='why')]"):
        assert [cell.get("lang") for cell in row.xpath("td")] == langs
    for row in root.xpath("//thead/tr"):
        assert [cell.get("lang") for cell in row.xpath("th")] == ["en", *langs]
    return root


@pytest.mark.slow
@pytest.mark.parametrize("name", ["bundled-minus-id-9", "lighthouse-changed"])
def test_the_review_page_shows_the_units_to_check(cases, name):
    case = cases[name]
    expected = to_check_in_tei(case.tei)
    root = etree.fromstring(case.tei)
    langs = root.xpath("//tei:group/tei:text/@xml:lang", namespaces=TEI_NS)
    page = _check_page(case.page.read_bytes(), langs)
    assert [int(t.get("id")[1:]) for t in page.xpath("//tbody[contains(@class, 'check')]")] == expected
    assert page.xpath("string(//p[@id='count']/strong)") == str(len(expected))
    assert f"{len(expected)} unit(s) to check" in case.review_output
    if name == "lighthouse-changed":  # chapters: a heading per division, in every language
        heads = page.xpath("//section/h2")
        assert len(heads) == 3 and [s.get("lang") for s in heads[0].xpath("span[@lang]")] == langs
        assert [s.text for s in heads[0].xpath("span[@class='sep']")] == [" · "] * (len(langs) - 1)
        # the separators stand between the titles, not inside one (set at a right-to-left
        # title's far end, they let the title before run into it)
        titles = page.xpath("//p[@class='titles']")[0]
        assert [s.get("lang") for s in titles.xpath("span[@lang]")] == langs
        assert len(titles.xpath("span[@class='sep']")) == len(langs) - 1 and not titles.xpath("span[@lang]/span")
        # the list of units to check can wrap: a space after every link (none, and a long list
        # ran off the screen as one word)
        links = page.xpath("//nav/a")
        assert len(links) == len(expected) and all(link.tail == " " for link in links)
        why = " ".join(page.xpath("//tr[@class='why']//li/text()"))
        assert "paragraphs joined (en 7 + 8, fr 7 + 8, de 7)" in why and "low length fit (p" in why
    else:
        why = " ".join(page.xpath("//tr[@class='why']//li/text()"))
        assert "empty in Bahasa Indonesia (id)" in why


FOUR = {
    "en": "The keeper lit the lamp at dusk. The wind was howling.\nA boat fought the waves far out at sea.\n",
    "fr": "Le gardien alluma la lampe au crépuscule. Le vent hurlait.\nUn bateau luttait contre les vagues au large.\n",
    "de": "Der Wärter zündete die Lampe an. Der Wind heulte.\nWeit draußen kämpfte ein Boot gegen die Wellen.\n",
    "ru": "Смотритель зажёг лампу в сумерках. Ветер выл.\nДалеко в море лодка боролась с волнами.\n",
}


@pytest.mark.parametrize("langs", [["fr", "ru"], ["en", "fr", "de"], ["en", "fr", "de", "ru"]])
def test_the_review_page_works_for_two_to_four_languages(tmp_path, langs):
    texts = {f"{lang}.txt": (lang, "translation", FOUR[lang]) for lang in langs}
    # the last language lacks its second paragraph: one unit empty there, or joining two
    last = langs[-1]
    texts[f"{last}.txt"] = (last, "translation", FOUR[last].splitlines()[0] + "\n")
    edition = write_edition(tmp_path / "ed", texts)
    out = tmp_path / "review.html"
    result = run("align", str(edition), "--review", str(out), "--no-lang-check", "-q")
    assert result.exit_code == 0, result.output
    page = _check_page(out.read_bytes(), langs)
    checked = page.xpath("//tbody[contains(@class, 'check')]")
    gap = [t for t in checked if {"empty", "joined"} & set(t.get("class").split())]
    assert len(gap) == 1
    # besides, at most the unit before the gap, for its end: the missing paragraph's neighbours
    # are two short paragraphs whose lengths and few shared words hardly say which one it is
    others = [t for t in checked if t is not gap[0]]
    assert all(set(t.get("class").split()) & {"low", "empty", "joined", "uncertain"} == {"uncertain"} for t in others)
    assert [int(t.get("id")[1:]) + 1 for t in others] in ([], [int(gap[0].get("id")[1:])])
    assert page.xpath("//tbody[contains(@class, 'check')]//a[@class='top']")  # the last one links to the top
    assert page.xpath("//p[@id='count']/strong/text()") == [str(len(checked))]


def test_an_uncertain_end_is_in_the_tei_and_on_the_review_page(tmp_path):
    """The German gives only the first of two paragraphs: 49 letters against the English 54 and
    38, two words alike (Lampe, Wind). Opposite the first or the second, it fits about as well:
    the end of the first unit is uncertain, whatever the aligner chose. The TEI marks the unit's
    translation link, validates, and the review page lists the unit with the reason."""
    texts = {f"{lang}.txt": (lang, "translation", FOUR[lang]) for lang in ("en", "fr", "de")}
    texts["de.txt"] = ("de", "translation", FOUR["de"].splitlines()[0] + "\n")
    edition = write_edition(tmp_path / "ed", texts)
    out = tmp_path / "out"
    result = run("build", str(edition), "--out", str(out), "--format", "tei", "--no-lang-check", "-q")
    assert result.exit_code == 0, result.output
    findings = json.loads(next(out.glob("*.report.json")).read_text(encoding="utf-8"))["findings"]
    uncertain = [f for f in findings if f["code"] == "align.uncertain-end"]
    assert [(f["severity"], f["where"]) for f in uncertain] == [("info", "unit 1")]
    tei = etree.parse(str(next(out.glob("*.tei.xml"))))
    links = tei.xpath("//tei:linkGrp[@type='translation']/tei:link", namespaces=TEI_NS)
    assert [link.get("subtype") for link in links] == ["uncertain-end", None]  # the last unit's end is the text's
    result = run("align", str(edition), "--review", str(tmp_path / "review.html"), "--no-lang-check", "-q")
    assert result.exit_code == 0, result.output
    page = html.fromstring((tmp_path / "review.html").read_bytes())
    first = page.get_element_by_id("u1")
    assert "uncertain" in first.get("class").split()
    assert "uncertain end" in first.text_content() and "unit 2" in first.text_content()
    assert "1 with an uncertain end" in page.get_element_by_id("count").text_content()
    reported = run("align", str(edition), "--report", "--no-lang-check")
    assert reported.exit_code == 0, reported.output
    assert "end before unit 2" in " ".join(reported.output.split())  # the table may wrap it


# --- in Chromium -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev dependencies")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("no chromium on PATH (scripts/setup.sh installs it)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["bundled-minus-id-9", "lighthouse-changed"])
def test_the_review_page_in_chromium(cases, browser, tmp_path, name):
    from playwright.sync_api import expect

    case = cases[name]
    expected = to_check_in_tei(case.tei)
    assert expected
    url = case.page.resolve().as_uri()
    context = browser.new_context(viewport={"width": 1000, "height": 900}, device_scale_factor=1)
    requests: list[str] = []
    problems: list[str] = []

    def route(route):
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url, wait_until="load")

    assert requests == [url] and problems == []
    highlighted = page.locator("tbody.check")
    assert highlighted.count() == len(expected)
    assert page.locator("#count strong").inner_text() == str(len(expected))

    visited = []
    page.locator("a.first").click()
    while True:
        current = int(page.evaluate("location.hash")[2:])
        expect(page.locator(f"#u{current} tr.why")).to_be_in_viewport()
        visited.append(current)
        link = page.locator(f"#u{current} a.next")
        if link.count() == 0:
            assert page.locator(f"#u{current} a.top").count() == 1
            break
        link.click()
    assert visited == expected

    if name == "lighthouse-changed":  # the picture in the README: only the units to check
        page.goto(url + "#top")
        page.locator("#only").check()
        expect(page.locator("tbody.unit:not(.check)").first).to_be_hidden()
        shot = tmp_path / "align-review.png"
        page.screenshot(path=str(shot), full_page=True)
        from PIL import Image

        with Image.open(shot) as image:
            assert image.width == 1000
        if os.environ.get("ENFACE_UPDATE_IMAGES"):
            shutil.copyfile(shot, ROOT / "docs" / "images" / "align-review.png")
    assert set(requests) == {url} and problems == []
    context.close()


def test_an_uncertain_end_is_told_in_the_words_of_how_the_unit_was_made():
    """Paragraphs aligned first: the other place is a paragraph away. Versions paragraphed on
    their own: the unit is where no sentence bead crosses, so the other place is no end."""
    from types import SimpleNamespace

    from enface.review import check
    from enface.tei.read import UnitView

    doc = SimpleNamespace(meta=SimpleNamespace(langs=("fr", "ru"), labels={}))
    paragraphs = {"fr": (SimpleNamespace(n=4),), "ru": (SimpleNamespace(n=4),)}
    alike = check(UnitView(4, paragraphs, (), uncertain_end=True), doc)
    apart = check(UnitView(4, paragraphs, (), own_paragraphing=True, uncertain_end=True), doc)
    assert alike.kinds == apart.kinds == {"uncertain"}
    assert "a paragraph earlier or later" in alike.reasons[0] and "unit 5" in alike.reasons[0]
    assert "sentences pair about as well across it" in apart.reasons[0] and "unit 5" in apart.reasons[0]
    assert check(UnitView(4, paragraphs, ()), doc) is None


def test_an_end_a_sentence_away_is_uncertain_with_a_larger_margin():
    """Where the versions are paragraphed on their own the other place is a sentence away and
    the margin spans three sentence beads: 3.5 nats is uncertain there (under 4), not where
    paragraphs were aligned first (under 3); 4.5 nats is certain in both."""
    from enface.model import Unit

    paragraphs = {"fr": (4,), "ru": (4,)}
    assert Unit(4, paragraphs, own_paragraphing=True, end_margin=3.5).uncertain_end
    assert not Unit(4, paragraphs, end_margin=3.5).uncertain_end
    assert Unit(4, paragraphs, end_margin=2.9).uncertain_end
    assert not Unit(4, paragraphs, own_paragraphing=True, end_margin=4.5).uncertain_end
    assert not Unit(4, paragraphs, own_paragraphing=True).uncertain_end  # the text's last end: no margin


def test_a_version_in_another_script_reads_on_the_review_page_with_no_font_installed(browser, tmp_path):
    """The page embeds the vendored font of each other script (subset to the page's characters)
    and sets each such language in it: the machine's fonts are not asked (Debian's Chromium
    here has no Japanese font: the version came out as empty boxes)."""
    from enface.fonts import TEXT, font_plan
    from enface.tei.read import read_tei
    from enface.xmlsafe import parse_file

    edition = write_edition(tmp_path / "ed", FRENCH_JAPANESE)
    out = tmp_path / "review.html"
    result = run("align", str(edition), "--review", str(out), "--no-lang-check", "-q")
    assert result.exit_code == 0, result.output
    tei = tmp_path / "tei"
    assert run("build", str(edition), "--out", str(tei), "--no-lang-check", "-q", "--format", "tei").exit_code == 0
    family = font_plan(read_tei(parse_file(next(tei.glob("*.tei.xml"))))).by_lang["ja"]
    assert family is not TEXT
    url = out.resolve().as_uri()
    context = browser.new_context()
    problems: list[str] = []
    page = context.new_page()
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.goto(url, wait_until="load")
    used, statuses = font_in_use(page, 'td[lang="ja"]', family.epub)
    assert used.startswith(f'"{family.epub}"')
    assert statuses and set(statuses) == {"loaded"}, statuses  # used, and decoded (a bad font: "error")
    assert problems == []  # the page's own rules let the embedded font load
    context.close()
