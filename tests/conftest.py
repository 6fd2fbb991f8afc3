"""Shared fixtures: each configuration of the bundled edition built once per session, a tiny
edition for tests that need no real book, EPUBCheck once per book, and small editions made
on the fly.

Session builds (every module that only reads outputs shares them):

- ``built``: the bundled edition with the defaults (TEI, the interleaved EPUB, the A4 PDF);
- ``built_all``: the same with every EPUB reading mode (``--epub-mode all``), recording the
  print writer's results on the way (the PDF, its page starts, its messages).

``built`` takes every stage from ``built_all``'s cache (it would compute the same ones). Both
take their date the way a user's build does (``SOURCE_DATE_EPOCH`` if set, else the
edition's last commit), never the clock. Under pytest-xdist both are made once per run, not
once per worker: the first worker to need one builds it into a folder every worker shares,
the others wait for it (``once_per_run``); EPUBCheck's results are shared the same way.
"""

from __future__ import annotations

import datetime
import fcntl
import hashlib
import os
import pickle
import re
import shutil
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "editions" / "face-of-another"
SLUG = "face-of-another"
TEI_NS = {"tei": "http://www.tei-c.org/ns/1.0"}

# EPUBCheck is a short-lived JVM: the client compiler alone and the serial collector start it
# and check a book in about half the CPU time (results are the JVM's business, not changed).
os.environ.setdefault("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")


def pytest_configure(config: pytest.Config) -> None:
    """Bytecode for the Python processes the run starts, kept in pytest's cache folder.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (some machines and containers set it), every
    process compiles all it imports from source: each xdist worker, each ``python -m enface``
    a test runs (some two hundred), each print worker, each compiling enface, WeasyPrint and
    much of the standard library again, a quarter to a third of a second of CPU each. The
    controller, before it starts the workers, lets the processes it starts write and read
    bytecode under ``.pytest_cache/d/pycache`` (``PYTHONPYCACHEPREFIX``: never beside the
    sources, which is what the variable keeps clean); Python checks each file's time and
    size against its source as always. Nothing changes where bytecode is written already,
    or where a prefix is set."""
    cache = getattr(config, "cache", None)  # None with -p no:cacheprovider
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not os.environ.get("PYTHONPYCACHEPREFIX") and cache:
        os.environ["PYTHONPYCACHEPREFIX"] = str(cache.mkdir("pycache"))
        del os.environ["PYTHONDONTWRITEBYTECODE"]


# The modules that take longest, in the order the two xdist workers are given them (`make
# test` runs ``--dist loadfile --no-loadscope-reorder``: whole modules, in collection order).
# Longest first, so that no long module is left for the end while the other worker idles; the
# first two build the session's two bundled builds side by side (test_print.py ``built_all``,
# test_safety.py ``rebuilt_elsewhere``), so that no worker waits for the other's. The other
# modules follow in their usual order. Only the order changes: every test runs, each on its own.
LONGEST_FIRST = (
    "test_print.py",
    "test_safety.py",
    "test_align_cli.py",
    "test_print_sections.py",
    "test_print_spread.py",
    "test_hardening.py",
    "test_print_layouts.py",
    "test_cache.py",
    "test_epub.py",
    "test_review.py",
    "test_align_build.py",
    "test_print_measure.py",
    "test_print_structure.py",
    "test_print_hyphenation.py",
    "test_properties.py",
    "test_cli.py",
    "test_print_cli.py",
    "test_init_structured.py",
)


def pytest_collection_modifyitems(config, items) -> None:
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a module's own order kept


# pytest keeps the temporary folders of the last three runs and deletes older ones when a run
# ends: a whole run's folder (its builds: thousands of files) takes seconds to delete, more on a
# disk mounted with ``discard``, seconds the run's result waited for. The controller deletes them
# from the start instead, beside the tests, with pytest's own clean-up (the same folders, the
# same locks respected); the run's end waits for it, then pytest's own clean-up finds nothing.
_sweeping: list[threading.Thread] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    factory = getattr(session.config, "_tmp_path_factory", None)
    if os.environ.get("PYTEST_XDIST_WORKER") or factory is None or factory._given_basetemp is not None:
        return  # a worker's folder, or one given with --basetemp: not numbered, nothing to sweep
    try:  # pytest's own (internal) clean-up: without it, pytest cleans up at the end as before
        from _pytest.pathlib import LOCK_TIMEOUT, cleanup_numbered_dir

        keep = 0 if factory._retention_policy == "none" else factory._retention_count
    except (ImportError, AttributeError):
        return
    base = factory.getbasetemp()
    old = (base.parent, "pytest-", keep, base.stat().st_mtime - LOCK_TIMEOUT)
    _sweeping.append(threading.Thread(target=cleanup_numbered_dir, args=old, daemon=True))
    _sweeping[-1].start()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    for thread in _sweeping:
        thread.join()


@pytest.fixture(scope="session")
def bundled_dir() -> Path:
    return BUNDLED


def once_per_run(tmp_path_factory, name: str, make: Callable[[Path], Any]) -> Any:
    """``make(folder)``'s value (pickled), made once per test run into a fresh ``folder``.

    Under pytest-xdist the folder is in the run's temporary folder, which every worker shares:
    the first worker to ask makes it, holding a lock; the others wait for the lock and read
    the value. A worker whose ``make`` failed leaves nothing behind, so the next one tries
    again (and fails on its own)."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "once-per-run"
    root.mkdir(exist_ok=True)
    folder, value = root / name, root / f"{name}.pickle"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not value.exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                staged = root / f"{name}.pickle.part"
                staged.write_bytes(pickle.dumps(make(folder)))
                staged.replace(value)
            return pickle.loads(value.read_bytes())
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def built(built_all, tmp_path_factory) -> Path:
    """The bundled edition built into a fresh folder with the defaults (TEI, EPUB, PDF).

    Every stage of it is one of ``built_all``'s (the same text, layout, PDF and interleaved
    EPUB), so the build starts from a copy of that build's stage cache and computes nothing:
    the bytes are a build's own (the cache restores what the stages computed, and the report
    and checksums are written anew). Once per run (``once_per_run``)."""
    from enface.cache import CACHE_DIR
    from enface.commands.build import build

    def make(out: Path) -> Path:
        shutil.copytree(built_all.out / CACHE_DIR, out / CACHE_DIR)
        result = build(BUNDLED, out, ["tei", "epub", "pdf"])
        assert result.rebuilt == [], f"stages not shared with built_all: {result.rebuilt}"
        return out

    return once_per_run(tmp_path_factory, "built", make)


@dataclass(frozen=True)
class BuiltAll:
    out: Path  # every EPUB mode, the TEI, the PDF
    renders: list  # what the print writer returned, in order (enface.pdf.PrintResult)
    warnings: list[str]


@pytest.fixture(scope="session")
def built_all(tmp_path_factory) -> BuiltAll:
    """The bundled edition with every EPUB mode and the PDF, built once per run
    (``once_per_run``); the print writer's results are recorded on the way (not recomputed)."""
    import enface.pdf as print_writer
    from enface.commands.build import build

    def make(out: Path) -> BuiltAll:
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

    return once_per_run(tmp_path_factory, "built-all", make)


MOVED = 400 * 86400  # the clock of ``rebuilt_elsewhere``: more than a year ahead


@contextmanager
def clock_moved(seconds: int) -> Iterator[None]:
    """Every clock Python code can read — ``time.time``/``time_ns``/``localtime``/``gmtime``/
    ``strftime`` and ``datetime.now``/``utcnow``/``today``, also where a module imported the name
    itself — moved ``seconds`` ahead, for the time of the block."""
    real = {name: getattr(time, name) for name in ("time", "time_ns", "localtime", "gmtime", "strftime", "ctime")}
    real_datetime, real_date = datetime.datetime, datetime.date

    def now() -> float:
        return real["time"]() + seconds

    class MovedDatetime(real_datetime):
        @classmethod
        def now(cls, tz=None):
            return real_datetime.fromtimestamp(now(), tz)

        @classmethod
        def utcnow(cls):
            return real_datetime.fromtimestamp(now(), datetime.UTC).replace(tzinfo=None)

        @classmethod
        def today(cls):
            return real_datetime.fromtimestamp(now())

    class MovedDate(real_date):
        @classmethod
        def today(cls):
            return real_date.fromtimestamp(now())

    moved = {
        real["time"]: now,
        real["time_ns"]: lambda: real["time_ns"]() + seconds * 10**9,
        real["localtime"]: lambda secs=None: real["localtime"](now() if secs is None else secs),
        real["gmtime"]: lambda secs=None: real["gmtime"](now() if secs is None else secs),
        real["strftime"]: lambda fmt, t=None: real["strftime"](fmt, real["localtime"](now()) if t is None else t),
        real["ctime"]: lambda secs=None: real["ctime"](now() if secs is None else secs),
        real_datetime: MovedDatetime,
        real_date: MovedDate,
    }
    patch = pytest.MonkeyPatch()
    try:
        for module in list(sys.modules.values()):
            for name, value in list(getattr(module, "__dict__", {}).items()):
                try:
                    replacement = moved.get(value)
                except TypeError:  # unhashable
                    continue
                if replacement is not None:
                    patch.setattr(module, name, replacement)
        yield
    finally:
        patch.undo()


@dataclass(frozen=True)
class Rebuilt:
    out: Path
    rebuilt: list[str]  # the stages computed, sorted


@pytest.fixture(scope="session")
def rebuilt_elsewhere(tmp_path_factory) -> Rebuilt:
    """The bundled edition built once more (TEI, EPUB, PDF), once per run, as far from
    ``built`` as a user's build can be: from a copy in another folder (its files with other
    times), into another output folder, from another working directory, with a clock more than
    a year ahead, and without the stage cache (``use_cache=False``: every stage computed).
    test_safety.py compares its bytes with ``built``'s, test_cache.py checks the cache was
    neither read nor written."""
    from enface.commands.build import build
    from enface.dates import source_date_epoch

    def make(folder: Path) -> Rebuilt:
        edition = folder / "copy" / BUNDLED.name
        shutil.copytree(BUNDLED, edition)
        for path in edition.iterdir():  # file times are no date source either
            os.utime(path, (time.time() + MOVED, time.time() + MOVED))
        out = folder / "again"
        with pytest.MonkeyPatch.context() as patch:
            # the copy is outside git: the same date as the bundled edition's, given as a user would
            patch.setenv("SOURCE_DATE_EPOCH", str(source_date_epoch(BUNDLED)))
            patch.chdir(folder)
            with clock_moved(MOVED):
                result = build(edition, out, ["tei", "epub", "pdf"], use_cache=False)
        return Rebuilt(out, sorted(result.rebuilt))

    return once_per_run(tmp_path_factory, "rebuilt-elsewhere", make)


@pytest.fixture(scope="session", autouse=True)
def epubcheck_once_per_book(tmp_path_factory):
    """EPUBCheck runs once per book per run (every xdist worker shares it, ``once_per_run``):
    a second check of the same bytes (the default build's EPUB is the all-modes build's
    interleaved one) gets the first result."""
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
                results[digest] = once_per_run(tmp_path_factory, f"epubcheck-{digest}", lambda _folder: real(path))
            return results[digest]

    patch = pytest.MonkeyPatch()
    patch.setattr(epubcheck, "run_epubcheck", once)
    yield once
    patch.undo()


@pytest.fixture(scope="session")
def epubcheck(epubcheck_once_per_book):
    """``epubcheck(path)``: EPUBCheck's result for that book, run once per book per session."""
    return epubcheck_once_per_book


@pytest.fixture(scope="session", autouse=True)
def language_model_read_once():
    """py3langid's model file read once per worker, not once per build: a build lets go of its
    identifier once the sources are checked (``enface.ingest.language.release``, test_ingest.py)
    and the next build read the file again, about half a second each time. Each load still
    makes its own identifier, from the same arrays, which classifying only reads (the answers
    are the model's). Processes the tests start read it themselves."""
    from py3langid import langid

    read = langid._load_model_file
    models: dict[Path, tuple] = {}

    def once(path: Path) -> tuple:
        if path not in models:
            models[path] = read(path)
        return models[path]

    patch = pytest.MonkeyPatch()
    patch.setattr(langid, "_load_model_file", once)
    yield
    patch.undo()


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


@pytest.fixture
def dictd(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """A dictd folder of the test's own (tiny dictionaries written into it), the aligner's
    dictionaries and bridges read from it, none kept from another test."""
    from enface.align import dictionaries

    monkeypatch.setattr(dictionaries, "DICTD", tmp_path)
    dictionaries.clear_caches()
    yield tmp_path
    dictionaries.clear_caches()


# Two short versions, one in Japanese: a book whose other script needs its vendored font
FRENCH_JAPANESE = {
    "fr.txt": ("fr", "translation", "Le traîneau partit. Kay le suivit.\nLa neige tombait fort.\n"),
    "ja.txt": ("ja", "translation", "そりは出発しました。カイはついていきました。\n雪がひどくふっていました。\n"),
}


def font_in_use(page, selector: str, family: str) -> tuple[str, list[str]]:
    """In a Playwright page, once its fonts are ready: the first ``selector`` element's
    computed font-family, and the status of each face of ``family`` ("loaded": used and
    decoded; "error": refused or broken)."""
    page.evaluate("document.fonts.ready")
    used = page.locator(selector).first.evaluate("el => getComputedStyle(el).fontFamily")
    statuses = page.evaluate(
        "family => [...document.fonts].filter(f => f.family.replace(/\"/g, '') === family).map(f => f.status)",
        family,
    )
    return used, statuses
