"""Shared fixtures: each configuration of the bundled edition built once per session, a tiny
edition for tests that need no real book, EPUBCheck once per book, and small editions made
on the fly.

Session builds (every module that only reads outputs shares them):

- ``built``: the bundled edition with the defaults (TEI, the interleaved EPUB, the A4 PDF);
- ``built_all``: the same with every EPUB reading mode (``--epub-mode all``), recording the
  print writer's results on the way (the PDF, its page starts, its messages).

``built`` takes every stage from ``built_all``'s cache (it would compute the same ones). Both
take their date the way a user's build does (``SOURCE_DATE_EPOCH`` if set, else the
edition's last commit), never the clock.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "editions" / "face-of-another"
SLUG = "face-of-another"
TEI_NS = {"tei": "http://www.tei-c.org/ns/1.0"}

# EPUBCheck is a short-lived JVM: the client compiler alone and the serial collector start it
# and check a book in about half the CPU time (results are the JVM's business, not changed).
os.environ.setdefault("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")


@pytest.fixture(scope="session")
def bundled_dir() -> Path:
    return BUNDLED


@pytest.fixture(scope="session")
def built(built_all, tmp_path_factory) -> Path:
    """The bundled edition built into a fresh folder with the defaults (TEI, EPUB, PDF).

    Every stage of it is one of ``built_all``'s (the same text, layout, PDF and interleaved
    EPUB), so the build starts from a copy of that build's stage cache and computes nothing:
    the bytes are a build's own (the cache restores what the stages computed, and the report
    and checksums are written anew)."""
    from enface.cache import CACHE_DIR
    from enface.commands.build import build

    out = tmp_path_factory.mktemp("built")
    shutil.copytree(built_all.out / CACHE_DIR, out / CACHE_DIR)
    result = build(BUNDLED, out, ["tei", "epub", "pdf"])
    assert result.rebuilt == [], f"stages not shared with built_all: {result.rebuilt}"
    return out


@dataclass(frozen=True)
class BuiltAll:
    out: Path  # every EPUB mode, the TEI, the PDF
    renders: list  # what the print writer returned, in order (enface.pdf.PrintResult)
    warnings: list[str]


@pytest.fixture(scope="session")
def built_all(tmp_path_factory) -> BuiltAll:
    """The bundled edition with every EPUB mode and the PDF, built once; the print writer's
    results are recorded on the way (not recomputed)."""
    import enface.pdf as print_writer
    from enface.commands.build import build

    out = tmp_path_factory.mktemp("built-all")
    original, renders = print_writer.render, []

    def recording(*args, **kwargs):
        result = original(*args, **kwargs)
        renders.append(result)
        return result

    print_writer.render = recording
    try:
        result = build(BUNDLED, out, ["tei", "epub", "pdf"], epub_mode="all")
    finally:
        print_writer.render = original
    return BuiltAll(out, renders, list(result.warnings))


@pytest.fixture(scope="session", autouse=True)
def epubcheck_once_per_book():
    """EPUBCheck runs once per book per session: a second check of the same bytes (the
    default build's EPUB is the all-modes build's interleaved one) gets the first result."""
    from enface.checks import epubcheck

    real = epubcheck.run_epubcheck
    results: dict[str, object] = {}
    locks: dict[str, threading.Lock] = {}
    guard = threading.Lock()

    def once(path: Path):
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        with guard:
            lock = locks.setdefault(digest, threading.Lock())
        with lock:
            if digest not in results:
                results[digest] = real(path)
            return results[digest]

    patch = pytest.MonkeyPatch()
    patch.setattr(epubcheck, "run_epubcheck", once)
    yield once
    patch.undo()


@pytest.fixture(scope="session")
def epubcheck(epubcheck_once_per_book):
    """``epubcheck(path)``: EPUBCheck's result for that book, run once per book per session."""
    return epubcheck_once_per_book


# --- independent counts of the bundled edition --------------------------------------------


def source_paragraphs(edition: Path = BUNDLED) -> dict[str, int]:
    """Paragraphs of each translation, counted on the source files themselves (the bundled
    ones have a paragraph a line), with the manifest read by tomllib, not by enface."""
    import tomllib

    manifest = tomllib.loads((edition / "edition.toml").read_text(encoding="utf-8"))
    return {
        source["lang"]: sum(
            1 for line in (edition / source["file"]).read_text(encoding="utf-8").splitlines() if line.strip()
        )
        for source in manifest["sources"]
        if source["role"] == "translation"
    }


def tei_beads(tei: Path) -> list[list[str]]:
    """The TEI's aligned sentence groups, read from the XML with XPath (not enface's reader):
    per group, the sentence ids it links."""
    from lxml import etree

    links = etree.parse(str(tei)).xpath("//tei:linkGrp[@type='alignment']/tei:link/@target", namespaces=TEI_NS)
    return [[target.lstrip("#") for target in value.split()] for value in links]


def bead_languages(bead: list[str]) -> set[str]:
    return {re.match(r"[^.]+", ident).group(0) for ident in bead}


# --- editions made in the tests -------------------------------------------------------


@pytest.fixture
def edition_copy(tmp_path) -> Path:
    """A writable copy of the bundled edition, to break in tests."""
    target = tmp_path / "edition"
    shutil.copytree(BUNDLED, target)
    return target


TINY = {
    "fr.txt": (
        "fr",
        "translation",
        "Le chercheur travaille au laboratoire avec une équipe patiente. Il écrit des notes chaque soir.\n"
        "Sa femme ne les lit jamais. Elle part tôt le matin.\n"
        "Le masque est prêt. Personne ne le reconnaît dans la rue.\n",
    ),
    "ru.txt": (
        "ru",
        "translation",
        "Исследователь работает в лаборатории с терпеливой командой. Каждый вечер он пишет записки.\n"
        "Жена их никогда не читает. Она уходит рано утром.\n"
        "Маска готова. Никто не узнаёт его на улице.\n",
    ),
}


@pytest.fixture
def tiny_edition(tmp_path) -> Path:
    """A tiny edition written here, for cache and command-line tests that need no real book:
    French and Russian, three short paragraphs each (slug ``tiny``; a full build takes a
    fraction of the bundled edition's time, and passes the language check)."""
    return write_edition(tmp_path / "tiny", TINY, slug="tiny")


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


def hyphenate(word: str, lang: str, left: int = 2, right: int = 2) -> list[str]:
    """The parts print would break ``word`` into: what WeasyPrint gets from pyphen, with the
    build's repairs in front of it (``enface.pdf.hyphenation.repaired_dictionaries``)."""
    import pyphen

    from enface.pdf.hyphenation import repaired_dictionaries

    with repaired_dictionaries():
        dic = pyphen.Pyphen(lang=lang, left=left, right=right)
        points = dic.positions(word)
    bounds = [0, *points, len(word)]
    return [word[a:b] for a, b in zip(bounds, bounds[1:])]
