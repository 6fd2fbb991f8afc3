"""Property tests: random editions (1-4 languages, combining marks, right-to-left text,
emoji, uneven paragraph counts) build; the TEI validates; the XHTML is well-formed;
every word survives into the EPUB text."""

from __future__ import annotations

import string
import unicodedata
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
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


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    langs=st.lists(st.sampled_from(LANGS), min_size=1, max_size=4, unique=True),
    texts=st.lists(text, min_size=4, max_size=4),
    appendix=st.booleans(),
)
def test_random_editions_build(tmp_path_factory, langs, texts, appendix):
    folder = tmp_path_factory.mktemp("prop")
    files = {f"{i:03d}.txt": (lang, "translation", "\n".join(texts[i]) + "\n") for i, lang in enumerate(langs)}
    if appendix:
        files["app.txt"] = (langs[0], "appendix", "\n\n".join(texts[3]) + "\n")
    edition = write_edition(folder / "ed", files)
    out = folder / "out"
    build(edition, out, ["tei", "epub"], check_language=False)

    validate(parse_file(out / "mini.tei.xml"))
    with zipfile.ZipFile(out / "mini.epub") as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                parse_bytes(archive.read(name))  # well-formed, or this raises
    extracted = epub_text(out / "mini.epub")
    for name, (_lang, _role, body) in files.items():
        result = compare(name, unicodedata.normalize("NFC", body), extracted)
        assert result.ok, result.describe()
