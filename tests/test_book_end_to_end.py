"""A structured book as a user makes one: Markdown, DOCX and EPUB sources → `enface init` →
`enface build` (every EPUB mode and the PDF) → `enface check`.

The book is ``tests/fixtures/lighthouse/`` (our own CC0 story in English, French and German:
three chapters, emphasis, a footnote, a block quotation, a stanza). Expected values are read
from the Markdown sources themselves, not from enface's output.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from enface.commands.build import build
from enface.commands.check import run_checks
from enface.commands.init import run as run_init

pytestmark = pytest.mark.books  # make test-books (CI runs it)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "lighthouse"
T = "{http://www.tei-c.org/ns/1.0}"
LANGS = ("en", "fr", "de")


def headings(lang: str) -> list[str]:
    return re.findall(r"^# (.+)$", (FIXTURE / f"{lang}.md").read_text(encoding="utf-8"), re.M)


def emphasised(lang: str) -> list[str]:
    text = (FIXTURE / f"{lang}.md").read_text(encoding="utf-8")
    return re.findall(r"(?<!\*)\*([^*]+)\*(?!\*)", text)


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> tuple[Path, Path]:
    """The book made from one Markdown, one DOCX and one EPUB source, initialised and built."""
    import pypandoc

    sources = tmp_path_factory.mktemp("sources")
    shutil.copy(FIXTURE / "en.md", sources / "en.md")
    pypandoc.convert_file(str(FIXTURE / "fr.md"), "docx", outputfile=str(sources / "fr.docx"))
    pypandoc.convert_file(str(FIXTURE / "de.md"), "epub3", outputfile=str(sources / "de.epub"))
    edition = tmp_path_factory.mktemp("edition") / "lighthouse"
    run_init(sources, edition)
    out = tmp_path_factory.mktemp("out")
    build(edition, out, ["tei", "epub", "pdf"], epub_mode="all")
    return edition, out


def test_init_takes_every_version_as_a_translation(book):
    edition, _out = book
    manifest = (edition / "edition.toml").read_text(encoding="utf-8")
    assert manifest.count('role = "translation"') == 3 and 'role = "appendix"' not in manifest


def test_tei_keeps_chapters_and_italics_from_every_format(book):
    _edition, out = book
    tree = etree.parse(str(next(out.glob("*.tei.xml"))))
    for lang in LANGS:
        text = tree.find(f".//{T}group/{T}text[@{{http://www.w3.org/XML/1998/namespace}}lang='{lang}']")
        heads = [
            " ".join("".join(s.itertext()) for s in h.iter(f"{T}s"))
            for h in text.iterfind(f".//{T}div[@type='chapter']/{T}head")
        ]
        assert heads == headings(lang), lang
        italics = ["".join(h.itertext()) for h in text.iter(f"{T}hi") if h.get("rend") == "italic"]
        assert italics == emphasised(lang), lang
    assert len(tree.findall(f".//{T}linkGrp[@type='divisions']/{T}link")) == 3


def test_every_check_passes_in_every_mode(book):
    edition, out = book
    report = run_checks(edition, out)
    failed = [o for o in report.outcomes if not o.ok]
    assert not failed, failed
    checked = {o.output for o in report.outcomes}
    assert {p.name for p in out.glob("*.epub")} <= checked and any(n.endswith(".pdf") for n in checked)
