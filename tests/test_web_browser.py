"""The web edition and the EPUB's stylesheet in a real browser: Debian's Chromium driven by
Playwright, axe-core injected into every page (``make web-check``, which installs both).

With ``ENFACE_SCREENSHOTS=DIR`` (``make screenshots``) the same tests save the README's
screenshots: the web edition wide and on a phone, the EPUB on a phone, a tablet and in night mode.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import BUNDLED, SLUG

pytestmark = pytest.mark.web
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WIDE, PHONE, TABLET = (1200, 900), (400, 800), (900, 1100)
NIGHT = "html, body { background: #121212 !important; color: #e6e1d6 !important; }"  # a reader's night theme


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    from enface.commands.build import build

    folder = tmp_path_factory.mktemp("web")
    assert not build(BUNDLED, folder, ["epub", "web"]).failed
    return folder


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "no chromium on PATH: make web-check installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    path = Path(os.environ.get("AXE_CORE", Path(__file__).parent.parent / ".venv/axe/node_modules/axe-core/axe.min.js"))
    assert path.is_file(), f"axe-core not found at {path}: make web-check installs it"
    return path.read_text(encoding="utf-8")


class Page:
    """A page with its console errors and every request it made recorded."""

    def __init__(self, browser, url: str, size: tuple[int, int], *, dark: bool = False) -> None:
        self.context = browser.new_context(
            viewport={"width": size[0], "height": size[1]}, color_scheme="dark" if dark else "light"
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_load_state("load")

    def box(self, selector: str) -> dict:
        return self.page.locator(selector).first.bounding_box()

    def close(self) -> None:
        assert self.errors == [], self.errors
        assert all(url.startswith("file://") for url in self.requests), [u for u in self.requests if "file:" not in u]
        self.context.close()


def css_id(ident: str) -> str:
    return "#" + ident.replace(".", "\\.")


def shoot(page, name: str, **kwargs) -> None:
    folder = os.environ.get("ENFACE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), **kwargs)


def index(out: Path) -> str:
    return (out / f"{SLUG}.web" / "index.html").as_uri()


def test_side_by_side_when_wide_interleaved_on_a_phone(out, browser):
    wide = Page(browser, index(out), WIDE)
    cells = [wide.box(f"#b2\\.2 .cell[data-lang='{code}']") for code in ("fr", "id", "ru")]
    assert len({round(c["y"]) for c in cells}) == 1 and cells[0]["x"] < cells[1]["x"] < cells[2]["x"]
    wide.page.hover(css_id("fr.p1.s2"))  # the top of the page: title, help, controls, a bead pointed at
    shoot(wide.page, "web-wide.png")
    wide.close()
    phone = Page(browser, index(out), PHONE)
    cells = [phone.box(f"#b2\\.2 .cell[data-lang='{code}']") for code in ("fr", "id", "ru")]
    assert len({round(c["x"]) for c in cells}) == 1 and cells[0]["y"] < cells[1]["y"] < cells[2]["y"]
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]  # nothing runs off the side
    phone.page.evaluate("document.getElementById('u2-h').scrollIntoView()")
    phone.page.click(css_id("fr.p2.s2"))
    shoot(phone.page, "web-phone.png")
    phone.close()


def test_a_sentence_highlights_its_bead_in_every_language_and_brings_it_into_view(out, browser):
    view = Page(browser, index(out), WIDE)
    page = view.page

    def background(selector: str) -> str:
        return page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor")

    plain = background("#b5\\.1 .cell[data-lang='ru']")
    page.hover(css_id("fr.p5.s1"))
    assert background("#b5\\.1 .cell[data-lang='ru']") != plain  # hovering: the bead in every language
    assert background("#b6\\.1 .cell[data-lang='ru']") == plain
    # a tap on a sentence low on the screen: the bead is marked and every language of it in view
    page.evaluate("window.scrollTo(0, 0)")
    target = "#b9\\.3"
    page.evaluate("document.getElementById('b9.3').scrollIntoView({block: 'end'})")
    page.click(css_id("ru.p9.s3"), position={"x": 5, "y": 5})
    assert page.eval_on_selector(target, "e => e.classList.contains('active') && e.getAttribute('aria-current')")
    for code in ("fr", "id", "ru"):
        top = page.eval_on_selector(f"{target} .cell[data-lang='{code}']", "e => e.getBoundingClientRect().top")
        assert 0 <= top < WIDE[1] - 24, code
    view.close()


def test_keyboard_moves_from_bead_to_bead(out, browser):
    view = Page(browser, index(out), WIDE)
    page = view.page
    page.focus("#b1\\.1")
    assert page.evaluate("document.activeElement.id") == "b1.1"
    page.keyboard.press("j")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == "b1.3"
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == "b1.2"
    assert page.eval_on_selector("#b1\\.2", "e => e.tabIndex") == 0  # a roving tabindex: Tab comes back here
    assert page.eval_on_selector("#b1\\.3", "e => e.tabIndex") == -1
    view.close()


def test_languages_can_be_hidden_and_the_lead_chosen_and_it_is_remembered(out, browser):
    view = Page(browser, index(out), WIDE)
    page = view.page
    assert page.is_visible("#controls")
    page.uncheck("#show-id")
    assert not page.is_visible("#b2\\.2 .cell[data-lang='id']")
    assert page.eval_on_selector("body", "e => getComputedStyle(e).getPropertyValue('--cols').trim()") == "2"
    page.select_option("#lead", "ru")
    ru, fr = view.box("#b2\\.2 .cell[data-lang='ru']"), view.box("#b2\\.2 .cell[data-lang='fr']")
    assert ru["x"] < fr["x"]  # the lead language first
    saved = json.loads(page.evaluate("localStorage.getItem(document.body.dataset.key)"))
    assert saved == {"shown": ["fr", "ru"], "lead": "ru"}
    page.reload()
    assert not page.is_visible("#b2\\.2 .cell[data-lang='id']") and page.input_value("#lead") == "ru"
    page.uncheck("#show-fr")  # the last language shown cannot be hidden
    assert page.is_disabled("#show-ru")
    page.check("#show-fr")
    page.check("#show-id")
    page.select_option("#lead", "fr")
    view.close()
    phone = Page(browser, index(out), PHONE)  # the same choice on a phone: lead first in each bead
    phone.page.evaluate(
        "localStorage.setItem(document.body.dataset.key, JSON.stringify({shown: ['fr', 'ru'], lead: 'ru'}))"
    )
    phone.page.reload()
    ru, fr = phone.box("#b2\\.2 .cell[data-lang='ru']"), phone.box("#b2\\.2 .cell[data-lang='fr']")
    assert ru["y"] < fr["y"] and not phone.page.is_visible("#b2\\.2 .cell[data-lang='id']")
    phone.page.evaluate("localStorage.clear()")
    phone.close()


@pytest.mark.parametrize("size,dark", [(WIDE, False), (PHONE, False), (WIDE, True)])
def test_axe_finds_no_violation(out, browser, axe_source, size, dark):
    view = Page(browser, index(out), size, dark=dark)
    view.page.add_script_tag(content=axe_source)
    view.page.hover(css_id("fr.p3.s1"))  # with a bead highlighted: its contrast too
    # no preload: axe would fetch the stylesheets again with XMLHttpRequest, which file:// refuses
    script = "async () => { const r = await axe.run(document, {preload: false}); return JSON.stringify([r.violations, r.passes.length]); }"
    violations, passes = json.loads(view.page.evaluate(script))
    assert passes > 20  # axe ran its rules
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    view.close()


# --- the EPUB's stylesheet in a browser --------------------------------------------------


@pytest.fixture(scope="module")
def epub_folder(out, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("epub")
    with zipfile.ZipFile(out / f"{SLUG}.epub") as archive:
        archive.extractall(folder)
    return folder / "EPUB"


def test_epub_keeps_every_cue_in_night_mode_and_a_35_em_measure(epub_folder, browser):
    url = (epub_folder / "text" / "parallel.xhtml").as_uri()
    tablet = Page(browser, url, TABLET)
    width = tablet.page.eval_on_selector(
        "body",
        "e => e.clientWidth - parseFloat(getComputedStyle(e).paddingLeft) - parseFloat(getComputedStyle(e).paddingRight)",
    )
    size = tablet.page.eval_on_selector("body", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert width <= 35 * size + 1 and tablet.box("body")["x"] > 50  # centred, about 35 em
    tablet.page.evaluate("document.getElementById('u2-h').scrollIntoView()")
    shoot(tablet.page, "epub-tablet.png")
    tablet.close()
    phone = Page(browser, url, PHONE)
    phone.page.evaluate("document.getElementById('u2-h').scrollIntoView()")
    shoot(phone.page, "epub-phone.png")
    phone.page.add_style_tag(content=NIGHT)
    colour = phone.page.eval_on_selector(".version.pos-2", "e => getComputedStyle(e).color")
    for selector, prop in (
        (".version.pos-2", "borderLeftColor"),
        (".version.pos-1 .lang-label", "borderTopColor"),
        (".unit-heading", "borderBottomColor"),
    ):
        assert phone.page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}") == colour, selector
    assert phone.page.eval_on_selector(".version.pos-1 .lang-label", "e => getComputedStyle(e).color") == colour
    shoot(phone.page, "epub-night.png")
    phone.close()


def test_sequential_cross_links_are_touch_targets(out, browser, tmp_path):
    from enface.commands.build import build

    build(BUNDLED, tmp_path, ["epub"], epub_mode="sequential")
    with zipfile.ZipFile(tmp_path / f"{SLUG}.sequential.epub") as archive:
        archive.extractall(tmp_path / "x")
    view = Page(browser, (tmp_path / "x" / "EPUB" / "text" / "fr.xhtml").as_uri(), PHONE)
    for box in view.page.locator(".xref a").evaluate_all("l => l.map(a => a.getBoundingClientRect().toJSON())")[:20]:
        assert box["height"] >= 44 and box["width"] >= 44
    view.close()


def test_a_spreads_two_page_numbers_on_one_row_do_not_overlap(out, browser):
    """Facing pages start the verso and the recto on one row: side by side, the numbers of both
    pages stood at one place in the margin ("6" over "7"); now the recto's is below."""
    wide = Page(browser, index(out), WIDE)
    boxes = wide.page.eval_on_selector_all(
        ".page-number", "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.height]; })"
    )
    assert len(boxes) >= 10
    for (x1, y1, h1), (x2, y2, _h2) in zip(boxes, boxes[1:]):
        assert abs(x1 - x2) > 1 or y2 >= y1 + h1 - 1, (boxes,)  # none drawn over the one before
    wide.close()


def test_a_version_in_another_script_is_set_in_its_vendored_font(browser, tmp_path, monkeypatch):
    """A Japanese version reads in the vendored CJK font, subset and shipped with the edition
    (and its licence), not in whatever the reader's machine has: Debian's Chromium here has no
    Japanese font, and the version read as empty boxes."""
    from conftest import FRENCH_JAPANESE, font_in_use, write_edition
    from enface.commands.build import build
    from enface.fonts import FAMILIES

    edition = write_edition(tmp_path / "ed", FRENCH_JAPANESE, slug="snow")
    out = tmp_path / "out"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # outside git: a date given
    assert not build(edition, out, ["web"], check_language=False).failed
    site = out / "snow.web"
    cjk = next(f for f in FAMILIES if "Jpan" in f.scripts or "Hani" in f.scripts)
    assert any(path.name.startswith(cjk.postscript) for path in (site / "fonts").iterdir())
    assert cjk.name in (site / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert cjk.name in " ".join((site / "index.html").read_text(encoding="utf-8").split())  # the colophon
    page = browser.new_page()
    page.goto((site / "index.html").as_uri(), wait_until="load")
    used, statuses = font_in_use(page, '[lang="ja"] >> text=カイ', cjk.epub)
    assert used.startswith(f'"{cjk.epub}"')
    assert statuses and set(statuses) == {"loaded"}, statuses
    page.close()
