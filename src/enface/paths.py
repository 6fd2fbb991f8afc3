"""Where enface finds the files it ships: styles, fonts, the bundled edition.

In a wheel they live under ``enface/_data``; in a source checkout (editable
install, tests, Docker) they are the top-level ``styles/`` and ``editions/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_SLUG = "face-of-another"


@cache
def _data_root() -> Path:
    packaged = PACKAGE_DIR / "_data"
    if (packaged / "styles").is_dir():
        return packaged
    return PACKAGE_DIR.parent.parent  # src/enface -> repository root


def styles_dir() -> Path:
    return _data_root() / "styles"


def fonts_dir() -> Path:
    return styles_dir() / "fonts"


def bundled_edition_dir() -> Path:
    return _data_root() / "editions" / BUNDLED_SLUG


def schema_path() -> Path:
    return PACKAGE_DIR / "tei" / "enface-tei.rng"
