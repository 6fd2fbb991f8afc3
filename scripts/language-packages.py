"""The Hunspell dictionaries the language packs need, and the Debian packages that install them.

Prints one line per language pack that names a dictionary: the dictionary's file name
(without ``.dic``), then the packages (``fr_FR hunspell-fr``). Read by scripts/setup.sh,
which installs the packages of each dictionary not yet in /usr/share/hunspell.

Runs with the system python3 before the virtualenv exists: it imports nothing of enface
and nothing outside the standard library, and reads the constants ``HUNSPELL`` and
``APT_PACKAGES`` from the source of src/enface/languages/*.py (which must be literals).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKS = Path(__file__).resolve().parent.parent / "src" / "enface" / "languages"
WANTED = ("HUNSPELL", "APT_PACKAGES")


def constants(path: Path) -> dict[str, object]:
    """The module-level ``NAME = literal`` assignments of ``WANTED`` in one pack."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        if isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
        elif isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and target.id in WANTED and value is not None:
                found[target.id] = ast.literal_eval(value)
    return found


def dictionaries(folder: Path = PACKS) -> list[tuple[str, tuple[str, ...]]]:
    """(dictionary name, Debian packages) of every pack that declares packages, by language code."""
    rows = []
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        declared = constants(path)
        packages = tuple(declared.get("APT_PACKAGES", ()))
        if packages:
            name = declared.get("HUNSPELL")
            if not isinstance(name, str):
                raise SystemExit(f"{path}: APT_PACKAGES without HUNSPELL (the dictionary they install)")
            rows.append((name, packages))
    return rows


def main() -> int:
    for name, packages in dictionaries():
        print(name, *packages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
