"""Typography in the built books: no straight quotes in running text, French spacing,
a report that lists what changed, and `enface lint` finding the run-together words."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from lxml import etree

pytestmark = pytest.mark.slow

SLUG = "face-of-another"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _texts_by_lang(epub) -> dict[str, str]:
    """Running text of every element with a lang, grouped by that language."""
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(epub) as archive:
        for name in archive.namelist():
            if not name.endswith(".xhtml") or name.endswith("nav.xhtml"):
                continue
            root = etree.fromstring(archive.read(name))
            for el in root.iter(f"{XHTML}span"):
                if el.get("class") == "s":
                    lang = next((a.get("lang") for a in el.iterancestors() if a.get("lang")), None)
                    out.setdefault(lang, []).append("".join(el.itertext()))
    return {lang: " ".join(parts) for lang, parts in out.items()}


def test_no_straight_quotes_and_french_spacing(built):
    texts = _texts_by_lang(built / f"{SLUG}.epub")
    assert set(texts) >= {"fr", "id", "ru"}
    for lang, text in texts.items():
        assert '"' not in text, lang
        assert "'" not in text, lang
    fr = texts["fr"]
    assert "«" in fr and "»" in fr
    assert not re.search(r"«(?!\u202f)", fr) and not re.search(r"(?<!\u202f)»", fr)
    assert not re.search(r"[^\u202f][;!?]", fr)
    assert not re.search(r"[^\u00a0\u202f]:", fr)
    assert "l’oxygène" in fr
    ru = texts["ru"]
    assert "\u00a0—" in ru and " - " not in ru


def test_missing_spaces_restored_in_the_book(built):
    texts = _texts_by_lang(built / f"{SLUG}.epub")
    assert "facile.L" not in texts["fr"] and "S.La" not in texts["fr"]


def test_report_lists_fixes(built, bundled_dir):
    report = json.loads((built / f"{SLUG}.report.json").read_text(encoding="utf-8"))
    sources = {s["file"]: s for s in report["typography"]["sources"]}
    french = sources["000_17a15a535a755a60.txt"]
    # counted on the source: sentence punctuation touching a capital ("facile.L"), or a comma
    # or semicolon touching a letter (the French text has no initials such as "K.L")
    source = (bundled_dir / "000_17a15a535a755a60.txt").read_text(encoding="utf-8")
    touching = re.findall(r"(?<=\w)[.!?…](?=[A-ZÀ-Þ])|(?<=\w)[,;](?=[^\W\d_])", source)
    assert french["rules"]["space.after-punct"] == len(touching) > 0
    contexts = [f["context"] for f in french["spacing_fixes"] if f["rule"] == "space.after-punct"]
    assert any("facile.L" in c for c in contexts)
    assert all(f["paragraph"] >= 1 for f in french["spacing_fixes"])
    assert {r["code"] for r in report["typography"]["rules"]} >= {"punct.apostrophe", "fr.guillemets"}


def test_lint_finds_run_together_words():
    """`enface lint`, the command-line app run in-process: its spellers load once per session
    (test_lint.py loads them too). The app's process entry point is run by test_cli.py."""
    from typer.testing import CliRunner

    from enface.cli import app

    runner = CliRunner()
    env = {"COLUMNS": "200"}
    result = runner.invoke(app, ["lint", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    run_together = {
        (f["excerpt"] if "Когдаон" in f["excerpt"] or "чужимлицам" in f["excerpt"] else f["message"])
        for f in findings
        if f["code"] == "spell.run-together"
    }
    hits = [
        f
        for f in findings
        if f["code"] == "spell.run-together" and f["path"].endswith("003_77f1739700b8fbe3.txt") and f["paragraph"] == 2
    ]
    words = " ".join(f["message"] for f in hits)
    assert "Когдаон" in words and "чужимлицам" in words, run_together
    strict = runner.invoke(app, ["lint", "--strict"], env=env)
    assert strict.exit_code == 1
    assert "Когдаон" in strict.stdout
