"""Language packs: one module per language in enface.languages, and nothing language-specific elsewhere."""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from enface import i18n, languages
from enface.epub.words import eword
from enface.lint import spelling
from enface.segment.rules import GENERIC, LanguageRules, rules_for
from enface.typography import default, has_quote_convention
from enface.typography import rules_for as typography_rules
from enface.typography.common import QuoteStyle
from enface.typography.engine import Rule

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "enface"
PACKS = SRC / "languages"
MODULES = sorted(p.stem for p in PACKS.glob("*.py") if not p.name.startswith("_"))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# --- the registry -----------------------------------------------------------------------


def test_every_module_is_found_by_the_registry() -> None:
    assert MODULES, "no language modules"
    assert sorted(languages.codes()) == MODULES
    assert [p.code for p in languages.packs()] == list(languages.codes())
    assert languages.codes()[:3] == ("fr", "ru", "id")  # the order reports list them in


@pytest.mark.parametrize("code", MODULES)
def test_every_module_gives_a_complete_pack(code: str) -> None:
    module = languages.module(code)
    assert module is not None and module.__doc__, f"{code}.py needs a docstring saying what it holds and why"
    names = {name for name in vars(module) if name.isupper()}
    assert names & languages.DECLARABLE, f"{code}.py declares no pack field"
    pack = languages.pack(code)
    assert pack.code == code and languages.is_valid(code)
    assert pack.native_name != code, f"add {code!r} to languages.NATIVE_NAMES"
    assert pack.direction in {"ltr", "rtl"}
    assert pack.script and re.fullmatch("[A-Z][a-z]{3}", pack.script)
    assert pack.typography and all(isinstance(rule, Rule) for rule in pack.typography)
    assert pack.quote_style is None or isinstance(pack.quote_style, QuoteStyle)
    assert has_quote_convention(code) == (pack.quote_style is not None)
    assert typography_rules(code) is pack.typography
    assert isinstance(pack.segmentation, LanguageRules) and rules_for(code) is pack.segmentation
    english = languages.pack("en").words
    assert set(pack.words) == set(english)
    for key, template in pack.words.items():
        assert placeholders(template) == placeholders(english[key]), (code, key)
    if pack.apt_packages:
        assert pack.hunspell, "the set-up checks for the dictionary file to install only what is missing"
    assert all(isinstance(w, str) for w in (*pack.short_words, *pack.capitalised_words, *pack.clitics))
    assert pack.hyphenation_repair is None or callable(pack.hyphenation_repair)
    assert pack.stems is None or callable(pack.stems)


def test_region_and_script_subtags_get_the_language_pack() -> None:
    assert languages.pack("fr-CA") is languages.pack("fr")
    assert languages.pack("sr-Latn").code == "sr"
    assert typography_rules("ru-RU") is languages.pack("ru").typography


def test_an_unknown_language_gets_the_defaults() -> None:
    pack = languages.pack("eo")
    assert (pack.code, pack.native_name, pack.direction, pack.script) == ("eo", "Esperanto", "ltr", None)
    assert not pack.own_typography and pack.quote_style is None and not has_quote_convention("eo")
    assert pack.typography == default.rules(None)
    assert pack.segmentation == LanguageRules()
    assert dict(pack.words) == dict(languages.pack("en").words)
    assert pack.hunspell is None and pack.apt_packages == () and pack.hyphenation_repair is None
    assert pack.short_words == frozenset() and pack.stems is None and not pack.capitalises_nouns
    assert languages.pack("ar").direction == "rtl"
    assert languages.pack("xx").native_name == "xx"


def test_the_generic_abbreviations_apply_to_every_language() -> None:
    assert "etc." in GENERIC and rules_for("eo").abbreviations == {}


def test_a_language_with_quotation_marks_only_gets_the_generic_rules_with_them() -> None:
    pack = languages.pack("de")
    assert not pack.own_typography and pack.typography == default.rules(pack.quote_style)
    assert "quotes.convention" in {rule.code for rule in pack.typography}


# --- words ------------------------------------------------------------------------------------


def test_word_falls_back_to_english() -> None:
    assert languages.word("fr", "contents") == "Table des matières"
    assert languages.word("fr-CA", "notes") == "Notes"
    assert languages.word("ru", "notes") == "Заметки"
    assert languages.word("eo", "contents") == "Contents"  # no pack
    assert languages.word("de", "page", label="iv") == "page iv"  # a pack without words
    assert languages.word("id", "page", label="3") == "halaman 3"
    with pytest.raises(KeyError):
        languages.word("fr", "no-such-word")


def test_the_old_word_functions_are_aliases() -> None:
    assert i18n.word("ru", "built", version="1.0", date="2026-01-01") == "Свёрстано enface 1.0, 2026-01-01."
    assert eword("fr", "back") == languages.word("fr", "back") == "Retour au texte"


# --- spelling and the set-up ---------------------------------------------------------------------

# The Debian packages of the Hunspell dictionaries, written out here rather than read from the packs.
DEBIAN_DICTIONARIES = {"fr_FR": ("hunspell-fr",), "ru_RU": ("hunspell-ru",), "id_ID": ("hunspell-id",)}


def test_the_setup_installs_what_the_packs_declare() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "language-packages.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    rows = {line.split()[0]: tuple(line.split()[1:]) for line in out.splitlines()}
    assert rows == DEBIAN_DICTIONARIES
    declared = {p.hunspell: p.apt_packages for p in languages.packs() if p.apt_packages}
    assert declared == DEBIAN_DICTIONARIES
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "scripts/language-packages.py" in setup and "hunspell-fr" not in setup
    assert "/usr/share/hunspell/$dict.dic" in setup  # installs only what is missing


def test_the_package_list_script_needs_nothing_but_the_standard_library() -> None:
    tree = ast.parse((ROOT / "scripts" / "language-packages.py").read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imported |= {
        node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}


def test_the_dictionary_name_of_the_pack_is_looked_up() -> None:
    names = spelling._candidate_names("id")
    assert names == ["id", "id_ID"]
    assert spelling._candidate_names("fr-CA") == ["fr_CA", "fr", "fr_FR"]


# --- nothing language-specific outside enface.languages -------------------------------------------------

# Literal collections (dict keys, set/list/tuple items) made only of language codes are
# language tables: they belong in a pack. None is allowed outside enface.languages.
ALLOWED: dict[str, str] = {}


def _code_tables(path: Path, root: Path = SRC) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            items = node.keys
        elif isinstance(node, ast.Set | ast.List | ast.Tuple):
            items = node.elts
        else:
            continue
        values = [item.value if isinstance(item, ast.Constant) else None for item in items]
        if len(values) >= 2 and all(isinstance(v, str) and v in languages.ISO_639_1 for v in values):
            found.append(f"{path.relative_to(root).as_posix()}:{node.lineno}: {values}")
    return found


def test_no_language_tables_outside_the_packs() -> None:
    tables = []
    for path in sorted(SRC.rglob("*.py")):
        if PACKS not in path.parents:
            tables += [t for t in _code_tables(path) if t.split(":")[0] not in ALLOWED]
    assert tables == []


def test_no_language_modules_outside_the_packs() -> None:
    for folder in ("typography", "segment", "pdf", "lint", "epub"):
        stray = [p.name for p in (SRC / folder).glob("*.py") if p.stem in languages.ISO_639_1]
        assert stray == [], f"{folder}/{stray}: move the language's data to enface/languages/"


def test_the_table_finder_finds_tables(tmp_path: Path) -> None:
    source = 'A = {"fr": 1, "ru": 2}\nB = frozenset({"de", "lb"})\nC = {"class": 1, "id": 2}\nD = ("mm", "pt")\n'
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    assert [line.split(":")[1] for line in _code_tables(path, tmp_path)] == ["1", "2"]
