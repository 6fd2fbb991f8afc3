"""Property tests: random editions (1-4 languages, combining marks, right-to-left text,
emoji, uneven paragraph counts) build; the TEI validates; the XHTML is well-formed;
every word survives into the EPUB text.

The random editions go through the text stages and the EPUB writer without the print
layout (``page_list=False``: no WeasyPrint), with the EPUB's fonts subset once for every
character the strategies can draw (subsetting takes a second a book and is the same code
whatever the text); one edition with every hard case at once is built in full: its own
font subsets, the print layout, the PDF and the page-list.
"""

from __future__ import annotations

import string
import unicodedata
import zipfile

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from conftest import write_edition
from enface.checks.text import compare, epub_text
from enface.commands.build import build
from enface.tei import validate
from enface.xmlsafe import parse_bytes, parse_file

pytestmark = pytest.mark.slow

LETTERS = (
    string.ascii_letters
    + "éèàçœÆøß"
    + "абвгдежзийклмнопрстуфхцчшщыэюяЁ"
    + "אבגדהוזחטיכלמנסעפצקרשת"
    + "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    + "漢字仮名"
)
COMBINING = "\u0301\u0308\u0327\u0323"
EMOJI = "😀🎭📚🌸"
PUNCT = [".", ",", "!", "?", ";", ":", "…", " -", "«", "»", '"', "'", "(", ")", "<", ">", "&"]

word = st.builds(
    lambda base, marks, emoji: base + marks + emoji,
    st.text(alphabet=LETTERS, min_size=1, max_size=10),
    st.text(alphabet=COMBINING, max_size=1),
    st.text(alphabet=EMOJI, max_size=1),
)
sentence = st.builds(
    lambda words, tail: " ".join(words) + tail,
    st.lists(word, min_size=1, max_size=12),
    st.sampled_from([".", "!", "?", "…", ".»", ""]),
)
paragraph = st.builds(
    lambda ss, p: " ".join(ss) + p, st.lists(sentence, min_size=1, max_size=4), st.sampled_from(PUNCT + [""])
)
text = st.lists(paragraph, min_size=1, max_size=5)
LANGS = ["fr", "ru", "ar", "he", "ja", "de"]
EDITIONS = {
    "langs": st.lists(st.sampled_from(LANGS), min_size=1, max_size=4, unique=True),
    "texts": st.lists(text, min_size=4, max_size=4),
    "appendix": st.booleans(),
}

# Every hard case at once: four languages (two right-to-left, one without spaces), combining
# marks, emoji, markup characters, uneven paragraph counts, an appendix.
HARD = {
    "langs": ["fr", "ar", "he", "ja"],
    "texts": [
        ["Le cafe\u0301 « ouvert » 😀 & <b>gras</b>.", "Deux phrases ici. Une autre!"],
        ["مرحبا بالعالم. كيف حالك؟", "سطر ثان", "ثالث 🎭"],
        ["שלום עולם. מה שלומך?"],
        ["漢字仮名。仮名漢字！", "名字 📚 仮"],
    ],
    "appendix": True,
}


@pytest.fixture(scope="module")
def fonts_subset_once():
    from enface.epub import fonts

    alphabet = "".join(sorted(set(LETTERS + COMBINING + EMOJI + "".join(PUNCT) + string.printable.strip())))
    whole = fonts.subset_fonts(alphabet)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fonts, "subset_fonts", lambda _characters: whole)
        yield


def _edition(folder, langs, texts, appendix):
    files = {f"{i:03d}.txt": (lang, "translation", "\n".join(texts[i]) + "\n") for i, lang in enumerate(langs)}
    if appendix:
        files["app.txt"] = (langs[0], "appendix", "\n\n".join(texts[3]) + "\n")
    return write_edition(folder / "ed", files), files


def _check_tei_and_epub(out, files):
    validate(parse_file(out / "mini.tei.xml"))
    with zipfile.ZipFile(out / "mini.epub") as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                parse_bytes(archive.read(name))  # well-formed, or this raises
    extracted = epub_text(out / "mini.epub")
    for name, (_lang, _role, body) in files.items():
        result = compare(name, unicodedata.normalize("NFC", body), extracted)
        assert result.ok, result.describe()


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(**EDITIONS)
def test_random_editions_build(tmp_path_factory, fonts_subset_once, langs, texts, appendix):
    folder = tmp_path_factory.mktemp("prop")
    edition, files = _edition(folder, langs, texts, appendix)
    out = folder / "out"
    # emoji are in no font enface ships: the build would refuse them without this
    build(edition, out, ["tei", "epub"], check_language=False, page_list=False, allow_missing_glyphs=True)
    _check_tei_and_epub(out, files)


@settings(phases=[Phase.explicit], deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(**HARD)
@given(**EDITIONS)
def test_the_hardest_edition_builds_in_full(tmp_path_factory, langs, texts, appendix):
    """The one full build: the print layout, the PDF and the EPUB's page-list as well."""
    folder = tmp_path_factory.mktemp("full")
    edition, files = _edition(folder, langs, texts, appendix)
    out = folder / "out"
    result = build(edition, out, ["tei", "epub", "pdf"], check_language=False, allow_missing_glyphs=True)
    assert any(f.code.startswith("fonts.") or "glyph" in f.code for f in result.findings), "emoji have no font"
    _check_tei_and_epub(out, files)
    with zipfile.ZipFile(out / "mini.epub") as archive:
        assert b'epub:type="page-list"' in archive.read("EPUB/nav.xhtml")
    assert (out / "mini.pdf").read_bytes().startswith(b"%PDF-")
