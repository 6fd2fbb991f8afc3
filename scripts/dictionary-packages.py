"""The Debian FreeDict packages that would help align an edition's languages, not yet installed.

    python3 scripts/dictionary-packages.py                  # the editions under editions/
    python3 scripts/dictionary-packages.py ~/books/my-book  # an edition folder (its edition.toml)
    python3 scripts/dictionary-packages.py fr en de         # languages (ISO 639-1)

Prints the package names, one per line (nothing when every one is installed or none exists).
Read by scripts/setup.sh, which installs them: the bundled editions' on every set-up, another
edition's with ``make dictionaries EDITION=<folder>``.

Runs with the system python3 before the virtualenv exists: it imports ``enface.dictd`` (and
``enface.languages``, for the language codes) from src/, which need nothing but the standard
library (tests/test_dictionary_setup.py checks it), so that enface's build and this script
agree on which dictionaries serve which languages.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from enface import dictd  # noqa: E402  (src/ first on the path)


def edition_languages(folder: Path) -> list[str]:
    """The languages of an edition's sources, from its edition.toml."""
    manifest = folder / "edition.toml"
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SystemExit(f"{manifest}: cannot read the edition ({exc})") from None
    return [str(s["lang"]) for s in data.get("sources", []) if isinstance(s, dict) and "lang" in s]


def packages(langs: list[str]) -> list[str]:
    """The packages of :func:`enface.dictd.packages` not installed (in ``ENFACE_DICTD``)."""
    return dictd.packages(langs, missing=True)


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
