"""Every script with a vendored font, or a clear error; right-to-left text; PDF/UA details.

Four small editions written here (three paragraphs each, our own texts): Greek + English,
Arabic + French, Hebrew + Russian, Japanese + English. Each is built once (TEI, EPUB, PDF);
the PDF must use vendored fonts only (also with fontconfig knowing no font at all), set each
language in its script's font, right-to-left languages right to left with the columns in
reading order, and keep every word of the sources.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from conftest import TINY, write_edition

pytestmark = pytest.mark.books  # make test-books (CI runs it)

EN = (
    "The lighthouse keeper climbed the stairs every evening, just before the sun went down. "
    "He lit the lamp and watched the sea for hours.\n"
    "On the wall of his room he had written an old phrase: “Know thyself”. "
    "The fishermen of the village did not understand what it meant.\n"
    "When the storm came, the light of the lighthouse stayed lit all night. "
    "In the morning all the boats had come back safe to the harbour.\n"
)
TEXTS = {
    "el": (
        "Ο φύλακας του φάρου ανέβαινε τη σκάλα κάθε βράδυ, λίγο πριν δύσει ο ήλιος. "
        "Άναβε τη λάμπα και κοίταζε τη θάλασσα για ώρες.\n"
        "Στον τοίχο του δωματίου του είχε γράψει μια παλιά φράση: «Γνῶθι σεαυτόν». "
        "Οι ψαράδες του χωριού δεν καταλάβαιναν τι σήμαινε.\n"
        "Όταν ήρθε η καταιγίδα, το φως του φάρου έμεινε αναμμένο όλη τη νύχτα. "
        "Το πρωί όλα τα καΐκια είχαν γυρίσει σώα στο λιμάνι.\n"
    ),
    "ar": (
        "كان حارس المنارة يصعد الدرج كل مساء قبل غروب الشمس بقليل. كان يشعل المصباح ويراقب البحر لساعات طويلة.\n"
        "كتب على جدار غرفته عبارة قديمة: «اعرف نفسك». لم يفهم صيادو القرية ما تعنيه هذه الكلمات.\n"
        "عندما جاءت العاصفة، بقي ضوء المنارة مشتعلا طوال الليل. وفي الصباح عادت جميع القوارب سالمة إلى الميناء.\n"
    ),
    "fr": (
        "Le gardien du phare montait l’escalier chaque soir, peu avant le coucher du soleil. "
        "Il allumait la lampe et regardait la mer pendant des heures.\n"
        "Sur le mur de sa chambre, il avait écrit une vieille phrase : « Connais-toi toi-même ». "
        "Les pêcheurs du village ne comprenaient pas ce qu’elle voulait dire.\n"
        "Quand la tempête arriva, la lumière du phare resta allumée toute la nuit. "
        "Au matin, tous les bateaux étaient rentrés sains et saufs au port.\n"
    ),
    "he": (
        "שומר המגדלור עלה במדרגות בכל ערב, זמן קצר לפני שקיעת השמש. הוא הדליק את המנורה והביט בים במשך שעות.\n"
        "על קיר חדרו הוא כתב משפט עתיק: „דע את עצמך”. הדייגים של הכפר לא הבינו מה פירוש המילים.\n"
        "כאשר הגיעה הסערה, האור של המגדלור דלק כל הלילה. בבוקר חזרו כל הסירות בשלום אל הנמל.\n"
    ),
    "ru": (
        "Смотритель маяка поднимался по лестнице каждый вечер, незадолго до заката. "
        "Он зажигал лампу и часами смотрел на море.\n"
        "На стене своей комнаты он написал старую фразу: «Познай самого себя». "
        "Рыбаки из деревни не понимали, что она значит.\n"
        "Когда пришла буря, свет маяка горел всю ночь. Утром все лодки благополучно вернулись в гавань.\n"
    ),
    "ja": (
        "灯台守は毎晩、日が沈む少し前に階段を上った。彼はランプに火をともし、何時間も海を見つめていた。\n"
        "彼は部屋の壁に古い言葉を書いていた。「汝自身を知れ」。村の漁師たちには、その意味がわからなかった。\n"
        "嵐が来た夜、灯台の光は一晩中消えなかった。朝になると、すべての船が無事に港へ戻っていた。\n"
    ),
    "en": EN,
}
TITLES = {
    "el": "Ο φύλακας του φάρου",
    "ar": "حارس المنارة",
    "he": "שומר המגדלור",
    "ja": "灯台守",
    "en": "The Lighthouse Keeper",
    "fr": "Le Gardien du phare",
    "ru": "Смотритель маяка",
}
BODY_WORD = {"fr": "bateaux", "ru": "лодки"}  # on the parallel text's page only
EDITIONS = {"greek": ("el", "en"), "arabic": ("ar", "fr"), "hebrew": ("he", "ru"), "japanese": ("ja", "en")}
FAMILY_OF = {"greek": "enface-greek", "arabic": "enface-arabic", "hebrew": "enface-hebrew", "japanese": "enface-cjk"}
CREDITS = '[[credits]]\nrole = "Text"\nname = "A. Keeper"\n\n[[credits]]\nrole = "Translation"\nname = "B. Fisher"\n'
# the Greek book in columns (its header cells are tested), the others as chosen for them:
# facing pages for Japanese, columns for the right-to-left books (pdf/choice.py)
COLUMNS = '\n[print]\nlayout = "columns"\n'
VENDORED = re.compile(
    r"^[A-Z]{6}\+(Charis-SIL|enface-(greek|arabic|hebrew|devanagari|cjk))(-Bold|-Italic|-BoldItalic)?$"
)


def _edition(folder: Path, name: str) -> Path:
    first, second = EDITIONS[name]
    texts = {f"{lang}.txt": (lang, "translation", TEXTS[lang]) for lang in (first, second)}
    edition = write_edition(folder / name, texts, slug=name, extra=CREDITS + COLUMNS if name == "greek" else "")
    manifest = edition / "edition.toml"
    text = manifest.read_text(encoding="utf-8")
    for lang in (first, second):
        text = text.replace(f'{lang} = "Title {lang}"', f'{lang} = "{TITLES[lang]}"')
    manifest.write_text(text, encoding="utf-8")
    return edition


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("scripts")
    return {name: _edition(folder, name) for name in EDITIONS}


@pytest.fixture(scope="module")
def books(editions, tmp_path_factory) -> dict[str, Path]:
    from enface.commands.build import build

    out = {}
    for name, edition in editions.items():
        out[name] = tmp_path_factory.mktemp(f"built-{name}")
        build(edition, out[name], ["tei", "epub", "pdf"], use_cache=False)
    return out


def _pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def _enface(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "enface", *args], capture_output=True, text=True, env=env, timeout=600, check=False
    )


# --- fonts ---------------------------------------------------------------------------------


def test_every_script_is_set_in_its_vendored_font_only(books):
    for name, out in books.items():
        rows = _pdffonts(out / f"{name}.pdf")
        names = [row[0] for row in rows]
        assert all(VENDORED.match(n) for n in names), (name, names)
        assert all((row[-5], row[-4]) == ("yes", "yes") for row in rows), (name, rows)  # embedded, subset
        assert any(FAMILY_OF[name] in n for n in names), (name, names)


def test_no_system_font_can_reach_the_pdf(editions, books, tmp_path):
    """With fontconfig knowing no font at all, the build makes the same bytes."""
    config = tmp_path / "fonts.conf"
    config.write_text("<fontconfig></fontconfig>\n", encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    for name in ("japanese", "arabic"):
        out = tmp_path / name
        done = _enface("build", str(editions[name]), "--out", str(out), "--format", "pdf", "--no-cache", "-q", env=env)
        assert done.returncode == 0, done.stderr
        assert (out / f"{name}.pdf").read_bytes() == (books[name] / f"{name}.pdf").read_bytes(), name


def test_greek_is_all_in_one_font(books):
    greek = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
    with pdfplumber.open(books["greek"] / "greek.pdf") as pdf:
        fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars if greek.match(c["text"])}
    assert fonts and all(f.startswith("enface-greek") for f in fonts), fonts


def test_japanese_is_in_the_cjk_font(books):
    cjk = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
    with pdfplumber.open(books["japanese"] / "japanese.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars if cjk.match(c["text"])]
    assert len(chars) > 100
    assert {c["fontname"].split("+")[-1] for c in chars} == {"enface-cjk"}


def test_every_word_is_in_every_output(editions, books, epubcheck):
    for name, edition in editions.items():
        done = _enface("check", str(books[name]), "--edition", str(edition), "--no-epubcheck", "-q")
        assert done.returncode == 0, (name, done.stdout, done.stderr)
    for name in ("arabic", "japanese"):  # right to left; a CFF (.otf) font subset in the EPUB
        result = epubcheck(books[name] / f"{name}.epub")
        assert result.ok, (name, result.errors, result.warnings)


def test_fonts_by_language_pack_script_and_text():
    from enface import fonts, languages

    assert languages.pack("el").script == "Grek" and languages.pack("ja").script == "Jpan"
    assert languages.pack("eo").script is None  # no module, not in the catalogue
    assert fonts.family_for("el") is fonts.GREEK and fonts.family_for("he") is fonts.HEBREW
    assert fonts.family_for("ja") is fonts.CJK and fonts.family_for("ko") is fonts.CJK
    assert fonts.family_for("hi") is fonts.DEVANAGARI and fonts.family_for("fa") is fonts.ARABIC
    assert fonts.family_for("fr") is fonts.TEXT and fonts.family_for("ru") is fonts.TEXT
    # a language enface knows nothing about is set in the font of its text's script
    assert fonts.family_for("tl", "Ελληνικά γράμματα, λίγα λατινικά") is fonts.GREEK
    assert fonts.family_for("tl", "Ang bantay ng parola") is fonts.TEXT


def test_vendored_fonts_are_there_with_their_licences_and_not_too_large():
    from enface import fonts
    from enface.paths import fonts_dir

    total = 0
    for family in fonts.FAMILIES:
        assert (fonts_dir() / family.licence_file).is_file(), family.licence_file
        assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts_dir() / family.licence_file).read_text(encoding="utf-8")
        for face in family.faces:
            total += (fonts_dir() / face.file).stat().st_size
        assert fonts.coverage(family), family.name
    assert total < 15_000_000
    # the CJK subset holds the common characters of the national standards
    cjk = fonts.coverage(fonts.CJK)
    assert all(ord(c) in cjk for c in "日本語の漢字、ひらがな。カタカナ中文简体繁體한국어")


# --- right to left -------------------------------------------------------------------------


def _read(out: Path, name: str):
    from enface.tei.read import read_tei
    from enface.xmlsafe import parse_bytes

    return read_tei(parse_bytes((out / f"{name}.tei.xml").read_bytes()))


@pytest.mark.parametrize("name", ["arabic", "hebrew"])
def test_right_to_left_in_the_print_html_and_the_epub(books, name):
    import datetime as dt
    import zipfile

    from lxml import etree
    from lxml import html as lxml_html

    from enface.pdf.layout import print_html

    rtl, ltr = EDITIONS[name]
    root = lxml_html.document_fromstring(print_html(_read(books[name], name), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    assert root.get("dir") == "rtl"
    table = root.find(".//table[@class='parallel']")
    assert table.get("dir") == "rtl"  # the first column on the right
    cells = table.findall(".//td[@lang]")
    assert cells and all(c.get("dir") == ("rtl" if c.get("lang") == rtl else "ltr") for c in cells)
    with zipfile.ZipFile(books[name] / f"{name}.epub") as book:
        page = etree.fromstring(book.read("EPUB/text/parallel.xhtml"))
    versions = page.xpath("//*[contains(@class, 'version')][@lang]")
    assert {v.get("lang") for v in versions} == {rtl, ltr}
    assert all(v.get("dir") == ("rtl" if v.get("lang") == rtl else "ltr") for v in versions)


@pytest.mark.parametrize("name", ["arabic", "hebrew"])
def test_right_to_left_in_the_pdf(books, name):
    """The primary (right-to-left) column stands right of the other, and its lines run right to
    left: the full stop ending a sentence is the leftmost glyph of its line."""
    ltr = EDITIONS[name][1]
    with pdfplumber.open(books[name] / f"{name}.pdf") as pdf:
        page = next(p for p in pdf.pages if BODY_WORD[ltr] in (p.extract_text() or ""))
        middle = page.width / 2
        letters = re.compile("[\u0590-\u05ff\u0600-\u06ff]")
        right = [c for c in page.chars if letters.match(c["text"])]
        assert right and min(c["x0"] for c in right) > middle - 20
        lines: dict[float, list] = {}
        for c in page.chars:
            if c["x0"] > middle:
                lines.setdefault(round(c["matrix"][5]), []).append(c)  # by baseline: fonts differ
        ends = [line for line in lines.values() if any(c["text"] == "." for c in line) and len(line) > 10]
        assert ends
        for line in ends:
            assert min(line, key=lambda c: c["x0"])["text"] == ".", "".join(c["text"] for c in line)


# --- a character no font covers --------------------------------------------------------------


def test_a_character_no_vendored_font_covers_fails_the_build(tmp_path):
    from enface.commands.build import build
    from enface.errors import EnfaceError

    texts = dict(TINY)
    lang, role, text = texts["fr.txt"]
    texts["fr.txt"] = (lang, role, text.replace("ne les lit jamais.", "ne les lit jamais ☃."))
    edition = write_edition(tmp_path / "snow", texts, slug="snow")
    with pytest.raises(EnfaceError) as error:
        build(edition, tmp_path / "out", ["pdf"], use_cache=False)
    message = str(error.value)
    assert "fr.txt" in message and "paragraph 2" in message and "U+2603 SNOWMAN" in message
    done = _enface("build", str(edition), "--out", str(tmp_path / "cli"), "--format", "pdf", "-q")
    assert done.returncode == 3 and "U+2603" in done.stderr
    assert not (tmp_path / "cli" / "snow.pdf").exists()

    result = build(edition, tmp_path / "allowed", ["pdf"], use_cache=False, allow_missing_glyphs=True)
    missing = [f for f in result.findings if f.code == "font.missing-glyph"]
    assert len(missing) == 1 and missing[0].severity == "warning" and missing[0].file == "fr.txt"
    with pikepdf.open(tmp_path / "allowed" / "snow.pdf") as pdf:  # no PDF/UA or PDF/A claim
        xmp = bytes(pdf.Root.Metadata.read_bytes()).decode() if "/Metadata" in pdf.Root else ""
        assert "pdfuaid" not in xmp and "pdfaid" not in xmp


# --- PDF/UA details --------------------------------------------------------------------------


def _elements(node, out):
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            out.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            _elements(kid, out)
    return out


def test_header_cells_have_a_scope_and_the_author_matches_the_xmp_creator(books):
    with pikepdf.open(books["greek"] / "greek.pdf") as pdf:
        headers = [e for e in _elements(pdf.Root.StructTreeRoot, []) if e.S == "/TH"]
        assert headers
        for cell in headers:
            attributes = cell.A if isinstance(cell.A, pikepdf.Array) else [cell.A]
            assert any(a.get("/O") == "/Table" and a.get("/Scope") == "/Column" for a in attributes)
        author = str(pdf.docinfo["/Author"])
        with pdf.open_metadata() as xmp:
            creators = xmp["dc:creator"]
        assert creators == [author] == ["A. Keeper (Text), B. Fisher (Translation)"]


@pytest.fixture(scope="module")
def facing_fr_ar(tmp_path_factory) -> Path:
    """French and Arabic on facing pages (the French verso, the Arabic recto)."""
    from enface.commands.build import build

    tmp = tmp_path_factory.mktemp("facing")
    texts = {f"{lang}.txt": (lang, "translation", TEXTS[lang]) for lang in ("fr", "ar")}
    edition = write_edition(tmp / "facing", texts, slug="facing", extra='\n[print]\nlayout = "facing"\n')
    build(edition, tmp / "out", ["pdf"], use_cache=False)
    return tmp / "out" / "facing.pdf"


def test_facing_pages_set_arabic_and_french_first_lines_on_one_baseline(facing_fr_ar):
    """Noto Naskh Arabic reaches lower below its baseline than Charis SIL: at one line height
    its baselines stood 1.5 pt higher than the French ones beside them on a spread. Each
    language's blocks are now moved by the difference of the fonts' metrics."""
    from enface.checks.layout import inspect_layout

    report = inspect_layout(facing_fr_ar)
    assert report.beads >= 3 and len(report.text_drift) == report.beads
    assert max(d for _b, d in report.text_drift) <= 0.3


def test_arabic_vowel_marks_make_no_loose_lines():
    """The PDF's text gives an Arabic vowel mark as a word of its own, set inside the word around
    it: between words taken one after another the layout check measured gaps of −21 and +23 pt
    where the spaces are 2 pt, and counted the line loose (the Snow Queen's Arabic on facing pages:
    226 loose lines, 14 when measured as blank stretches). A page of four lines of three words
    2 pt apart, the middle one holding a mark; the last line with a real 12 pt gap."""
    from enface.checks.layout import LayoutReport, _lines_of

    def word(x0: float, x1: float, top: float, text: str = "كلمة") -> dict:
        return {"x0": x0, "x1": x1, "top": top, "size": 10.0, "text": text}

    class Page:
        height = 800.0

        def extract_words(self, **_options) -> list[dict]:
            words = []
            for k, top in enumerate((200.0, 214.0, 228.0)):  # words of several widths: one column
                end = 340 + 4 * k
                words += [word(300, end, top), word(end + 2, end + 42, top), word(end + 20, end + 20.6, top, "ً")]
                words.append(word(end + 44, end + 84, top))
            return [*words, word(300, 340, 242.0), word(342, 382, 242.0), word(394, 434, 242.0)]

    report = LayoutReport()
    _lines_of(Page(), report, 1)
    assert report.lines == 4
    assert [text for _page, text in report.loose] == ["كلمة كلمة كلمة"]  # the last line alone


def test_an_arabic_column_beside_an_english_one_is_a_column_of_its_own():
    """Columns are found by their common left edge; right-to-left lines end ragged on the left,
    so an Arabic column (the first, on the right) was not found beside the English one, each
    English line and the Arabic line level with it were read as one line, and the gap between
    the columns made every line loose (the Snow Queen ar–en: 775 of 1,822 lines; 20 of 2,504 now).
    A page of six rows: English words from 80 pt, Arabic ones ending at 524 pt, 2 pt apart."""
    from enface.checks.layout import LayoutReport, _lines_of

    def word(x0: float, x1: float, top: float, text: str) -> dict:
        return {"x0": x0, "x1": x1, "top": top, "size": 10.0, "text": text}

    class Page:
        height = 800.0

        def extract_words(self, **_options) -> list[dict]:
            words = []
            for k in range(6):
                top = 200.0 + 14 * k
                words += [word(80, 120, top, "little"), word(122, 160 + 4 * k, top, "Gerda")]
                start = 430 - 6 * k  # ragged on the left
                words += [word(start, start + 40, top, "جيردا"), word(start + 42, 524, top, "الصغيرة")]
            return words

    report = LayoutReport()
    _lines_of(Page(), report, 1)
    assert report.lines == 12 and report.loose == []


def test_a_loose_line_in_a_short_right_to_left_column_is_found():
    """A column of one line has no other lines to cover its loose gap, which is as wide as a
    gutter: the two pieces of that line are one column still, and the line is loose."""
    from enface.checks.layout import LayoutReport, _lines_of

    def word(x0: float, x1: float, top: float, text: str) -> dict:
        return {"x0": x0, "x1": x1, "top": top, "size": 10.0, "text": text}

    class Page:
        height = 800.0

        def extract_words(self, **_options) -> list[dict]:
            english = [word(80, 120, 200.0 + 14 * k, "little") for k in range(20)]
            english += [word(122, 160 + 3 * k, 200.0 + 14 * k, "Gerda") for k in range(20)]
            return [*english, word(400, 440, 200.0, "جيردا"), word(455, 524, 200.0, "الصغيرة")]  # a 15 pt gap

    report = LayoutReport()
    _lines_of(Page(), report, 1)
    assert report.lines == 21
    assert [text for _page, text in report.loose] == ["جيردا الصغيرة"]


def test_facing_pages_set_arabic_lines_flush_right(facing_fr_ar):
    """Right to left, a line starts at the right: every Arabic line of the recto ends at the
    same right edge, short last lines too (they stood flush left, as French ones do)."""
    letters = re.compile("[\u0600-\u06ff]")
    with pdfplumber.open(facing_fr_ar) as pdf:
        page = max(pdf.pages, key=lambda p: sum(1 for c in p.chars if letters.match(c["text"])))  # the recto
        lines: dict[int, list] = {}
        for c in page.chars:
            if letters.match(c["text"]) or c["text"] in ".،؛؟!«»":
                lines.setdefault(round(c["matrix"][5]), []).append(c)
        body = [line for line in lines.values() if len(line) > 3]
        rights = [max(c["x1"] for c in line) for line in body]
        lefts = [min(c["x0"] for c in line) for line in body]
    assert len(body) >= 4
    assert max(rights) - min(rights) < 1.5, rights  # one right edge
    assert max(lefts) - min(lefts) > 20, lefts  # short lines leave room on the left


def test_each_arabic_glyph_reads_as_its_own_letter_in_the_pdf_text():
    """WeasyPrint maps a glyph to the text of the first cluster it is drawn in: in "سيئًا" the
    letter ئ (medial) and its mark are one cluster drawn mark first, so the mark took both and
    the letter nothing, and "حينئذ" further on read "حينذ"."""
    from enface.fonts import ARABIC
    from enface.pdf.tounicode import own_letters, remap

    letters = own_letters(ARABIC.regular.file)
    medial = next(glyph for glyph, letter in letters.items() if letter == "ئ" and glyph != min(letters))
    mark = next(glyph for glyph, letter in letters.items() if letter == "\u064b")  # fathatan
    lam_alef = next((glyph for glyph, letter in letters.items() if letter == "لا"), None)

    def entry(glyph: int, text: str) -> bytes:
        return f"<{glyph:04X}> <{text.encode('utf-16-be').hex().upper()}>".encode()

    cmap = b"\n".join([entry(medial, ""), entry(mark, "ئ\u064b")] + ([entry(lam_alef, "لا")] if lam_alef else []))
    fixed, changed = remap(cmap, letters)
    assert changed == 2
    assert entry(medial, "ئ") in fixed and entry(mark, "\u064b") in fixed
    if lam_alef:
        assert entry(lam_alef, "لا") in fixed  # a ligature keeps its two letters


def test_an_arabic_word_after_a_marked_cluster_of_its_letter_keeps_every_letter(tmp_path):
    from enface.checks.text import compare, pdf_text
    from enface.commands.build import build

    arabic = "كان سيئًا جدا. وحينئذٍ ضحك الجميع.\nثم قال حينئذ كلمة أخرى.\n"
    french = "C'était très mauvais. Alors tout le monde rit.\nPuis il dit un autre mot.\n"
    texts = {"fr.txt": ("fr", "translation", french), "ar.txt": ("ar", "translation", arabic)}
    edition = write_edition(tmp_path / "marks", texts, slug="marks")
    build(edition, tmp_path / "out", ["pdf"], use_cache=False, check_language=False)
    text = pdf_text(tmp_path / "out" / "marks.pdf")
    assert compare("ar.txt", arabic, text).ok, compare("ar.txt", arabic, text).describe()


def test_a_japanese_first_book_sets_no_notdef_and_its_text_is_read_back(tmp_path):
    """Japanese first, English and French beside it: the recto's running head holds both
    titles joined by " · ", which Pango set in the CJK font, whose subset has no ASCII space:
    .notdef boxes, and a PDF font encoding pypdf could not read (every Japanese word missing
    from the text check). Its spaces are Charis SIL's now."""
    from enface.commands.build import build

    texts = {f"{lang}.txt": (lang, "translation", TEXTS[lang]) for lang in ("ja", "en", "fr")}
    edition = write_edition(tmp_path / "ja3", texts, slug="ja3")
    out = tmp_path / "out"
    build(edition, out, ["tei", "pdf"], use_cache=False)
    report = (out / "ja3.report.json").read_text(encoding="utf-8")
    assert "notdef" not in report
    encodings = {row[-6] for row in _pdffonts(out / "ja3.pdf") if "enface-cjk" in row[0]}
    assert encodings == {"Identity-H"}
    extracted = _enface("check", str(out), "--edition", str(edition), "--no-epubcheck", "-q")
    assert extracted.returncode == 0, extracted.stdout + extracted.stderr


def test_a_space_inside_japanese_text_is_a_space_not_a_notdef_box(tmp_path):
    """A space between two Japanese characters ("おもいまして、 『それは", as digital texts and
    paragraphs joined by hand have them) is set by Pango in the CJK font, never in the next font
    of the list: the subset has the space now. Before, the page printed the .notdef box there and
    WeasyPrint wrote a font encoding pypdf read as garbage (half the Japanese words missing from
    the text check)."""
    from enface.checks.text import pdf_text
    from enface.commands.build import build

    spaced = "女官たちは、たいそうおもしろくおもいまして、 『それはよいおもいつきでございます。』 と、申しました。\n"
    texts = {
        "ja.txt": ("ja", "translation", TEXTS["ja"] + spaced),
        "en.txt": ("en", "translation", EN + "They said so.\n"),
    }
    edition = write_edition(tmp_path / "spaced", texts, slug="spaced")
    out = tmp_path / "out"
    build(edition, out, ["tei", "pdf"], use_cache=False)
    encodings = {row[-6] for row in _pdffonts(out / "spaced.pdf") if "enface-cjk" in row[0]}
    assert encodings == {"Identity-H"}  # WeasyPrint's own encoding is written for missing glyphs only
    assert "おもいまして、 『それは" in pdf_text(out / "spaced.pdf").replace("\n", "")
