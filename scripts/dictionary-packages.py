"""The Debian FreeDict packages that would help align an edition's languages, not yet installed.

    python3 scripts/dictionary-packages.py                  # the editions under editions/
    python3 scripts/dictionary-packages.py ~/books/my-book  # an edition folder (its edition.toml)
    python3 scripts/dictionary-packages.py fr en de         # languages (ISO 639-1)

Prints the package names, one per line (nothing when every one is installed or none exists).
Read by scripts/setup.sh, which installs them: the bundled editions' on every set-up, another
edition's with ``make dictionaries EDITION=<folder>``.

Runs with the system python3 before the virtualenv exists: standard library only; the table
of packaged pairs and the language codes are read as literals from src/enface/dictd.py and
src/enface/languages/__init__.py, so enface's build and this script agree on them.
"""

from __future__ import annotations

import ast
import os
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DICTD = Path(os.environ.get("ENFACE_DICTD", "/usr/share/dictd"))


def literal(path: Path, name: str) -> object:
    """The value of the module-level ``name = literal`` (or ``frozenset(literal.split())``)."""
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            value = node.value
            if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "frozenset":
                argument = value.args[0]
                if isinstance(argument, ast.Call):  # "...".split()
                    return frozenset(ast.literal_eval(argument.func.value).split())  # type: ignore[attr-defined]
                return frozenset(ast.literal_eval(argument))
            return ast.literal_eval(value)
    raise SystemExit(f"{path}: no literal {name}")


def edition_languages(folder: Path) -> list[str]:
    """The languages of an edition's sources, from its edition.toml."""
    manifest = folder / "edition.toml"
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SystemExit(f"{manifest}: cannot read the edition ({exc})") from None
    return [str(s["lang"]) for s in data.get("sources", []) if isinstance(s, dict) and "lang" in s]


def packages(langs: list[str]) -> list[str]:
    packaged = literal(ROOT / "src" / "enface" / "dictd.py", "PACKAGED")
    codes = literal(ROOT / "src" / "enface" / "languages" / "__init__.py", "ISO_639_3")
    assert isinstance(packaged, frozenset) and isinstance(codes, dict)
    via = codes[literal(ROOT / "src" / "enface" / "dictd.py", "VIA")]  # type: ignore[index]
    three = sorted({codes[lang.split("-")[0]] for lang in langs if lang.split("-")[0] in codes})
    pairs: set[str] = set()  # as enface.dictd.pairs: direct, else the bridge through English
    for src in three:
        for tgt in three:
            if src == tgt:
                continue
            if f"{src}-{tgt}" in packaged:
                pairs.add(f"{src}-{tgt}")
                continue
            legs, back = {f"{src}-{via}", f"{via}-{tgt}"}, {f"{tgt}-{via}", f"{via}-{src}"}
            if via not in (src, tgt) and legs <= packaged:
                pairs |= legs | (back if back <= packaged else set())
    wanted = []
    for pair in sorted(pairs):
        installed = (DICTD / f"freedict-{pair}.index").is_file() and (DICTD / f"freedict-{pair}.dict.dz").is_file()
        if not installed:
            wanted.append(f"dict-freedict-{pair}")
    return wanted


def main(args: list[str]) -> None:
    found: list[str] = []
    if not args:
        for manifest in sorted((ROOT / "editions").glob("*/edition.toml")):
            found += packages(edition_languages(manifest.parent))
    else:
        folders = [a for a in args if Path(a).is_dir()]
        langs = [a for a in args if not Path(a).is_dir()]
        for lang in langs:
            if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", lang):
                raise SystemExit(f"{lang}: neither an edition folder nor a language code (such as fr or en-GB)")
        for folder in folders:
            found += packages(edition_languages(Path(folder)))
        if langs:
            found += packages(langs)
    print("\n".join(sorted(set(found))))


if __name__ == "__main__":
    main(sys.argv[1:])
