"""Shared fixtures: the bundled edition built once per session, and small editions made on the fly."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "editions" / "face-of-another"


@pytest.fixture(scope="session")
def bundled_dir() -> Path:
    return BUNDLED


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The bundled edition built into a fresh folder (TEI, EPUB, PDF)."""
    from enface.commands.build import build

    out = tmp_path_factory.mktemp("built")
    build(BUNDLED, out, ["tei", "epub", "pdf"])
    return out


@pytest.fixture
def edition_copy(tmp_path) -> Path:
    """A writable copy of the bundled edition, to break in tests."""
    target = tmp_path / "edition"
    shutil.copytree(BUNDLED, target)
    return target


def write_edition(folder: Path, texts: dict[str, tuple[str, str, str]], *, slug: str = "mini", extra: str = "") -> Path:
    """An edition from {file: (lang, role, text)}; titles are made up per language."""
    folder.mkdir(parents=True, exist_ok=True)
    langs = []
    sources = []
    for name, (lang, role, text) in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        if role == "translation":
            langs.append(lang)
        sources.append(f'[[sources]]\nfile = "{name}"\nlang = "{lang}"\nrole = "{role}"\n')
    titles = "\n".join(f'{lang} = "Title {lang}"' for lang in langs)
    manifest = (
        textwrap.dedent(f"""\
        slug = "{slug}"
        description = "A small test edition."
        {extra}
        [titles]
        """)
        + titles
        + "\n\n"
        + "\n".join(sources)
    )
    (folder / "edition.toml").write_text(manifest, encoding="utf-8")
    return folder
