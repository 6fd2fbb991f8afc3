"""From a catalogue to its editions: each one a self-contained task.

A work is an edition folder (``edition.toml`` and its texts), or a folder of texts in
several languages with one manifest template. An edition of languages L is *derived* from
the work: its manifest keeps the work's translations in L (the first of L first: it is
the primary language), the appendices in a language of L, the titles, subtitles and
labels in L, and everything else (description, rights, work, credits, styles); its slug is
the work's slug followed by the languages (``lighthouse-en-fr``), from which its
identifier is derived. A hand-corrected alignment file is kept only by an edition of all
the work's languages in the work's order (its rows hold every language).

The task carries the derived folder as bytes (manifest, texts, and the images, styles and
fonts beside them), the build date of the work (``enface.dates``, taken where the work
is) and the options: a worker needs nothing else, not even a shared disk.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..dates import source_date_epoch
from ..errors import EnfaceError
from ..manifest import MANIFEST_NAME, Edition, load_edition
from .model import Catalogue, EditionEntry, EpubSettings, PrintSettings, Settings, WorkEntry, _print_strings, line_of
from .tomlwrite import dumps

# files beside the texts that an output may embed: figures, the edition's styles and their fonts
EMBEDDED = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".css", ".otf", ".ttf", ".woff", ".woff2"}
DEFAULT_FORMATS = ("tei", "epub", "pdf")


@dataclass(frozen=True)
class EditionTask:
    """Everything one edition's build needs, as plain data (sent to a worker as it is)."""

    work: str
    langs: tuple[str, ...]
    files: dict[str, bytes]  # the derived edition folder: edition.toml, texts, embedded files
    origin: str  # the work's folder, to name it in messages instead of the temporary folder
    epoch: int  # the build date (seconds), SOURCE_DATE_EPOCH for the build
    formats: tuple[str, ...]
    print: tuple[str, str, str, str, str]  # page size, bleed, marks, PDF variant, notes pages
    epub_mode: str | None = None
    epub_primary: str | None = None
    page_list: bool | None = None
    check_language: bool = True
    version: str = __version__

    @property
    def folder(self) -> str:
        """``<work>/<langs>``, the edition's folder under OUT."""
        return f"{self.work}/{'-'.join(self.langs)}"

    def digest(self) -> str:
        """One hash of everything the outputs depend on besides enface itself."""
        h = hashlib.sha256()
        settings = {k: v for k, v in self.__dict__.items() if k not in ("files", "origin")}
        h.update(json.dumps(settings, sort_keys=True, default=list).encode())
        for name in sorted(self.files):
            h.update(name.encode() + b"\0" + hashlib.sha256(self.files[name]).digest())
        return h.hexdigest()


@dataclass
class Failure:
    """An edition (or a whole work, ``langs == ("*",)``) that could not be made."""

    work: str
    langs: tuple[str, ...]
    reason: str

    @property
    def folder(self) -> str:
        return f"{self.work}/{'-'.join(self.langs)}"


@dataclass
class Plan:
    tasks: list[EditionTask] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)  # found while planning
    slugs: dict[str, str] = field(default_factory=dict)  # folder → the derived edition's slug


@dataclass
class Work:
    """A work as the catalogue gives it: its folder, its manifest (as data) and where that is."""

    name: str
    root: Path  # where the texts are
    data: dict  # the manifest, as TOML data, with its [[sources]]
    manifest: Path  # for messages
    edition: Edition  # the manifest, checked


def _settings(*levels: Settings | None) -> tuple[list[str], PrintSettings, EpubSettings, bool]:
    """The nearest level's value of each setting (edition, work, defaults)."""
    present = [level for level in levels if level is not None]
    formats = next((lv.formats for lv in present if lv.formats is not None), list(DEFAULT_FORMATS))

    def pick(table: str, name: str):
        return next(
            (getattr(getattr(lv, table), name) for lv in present if getattr(getattr(lv, table), name) is not None), None
        )

    print_settings = PrintSettings.model_construct(**{n: pick("print", n) for n in PrintSettings.model_fields})
    epub_settings = EpubSettings.model_construct(**{n: pick("epub", n) for n in EpubSettings.model_fields})
    lang_check = next((lv.lang_check for lv in present if lv.lang_check is not None), True)
    return formats, print_settings, epub_settings, lang_check


def load_work(entry: WorkEntry, base: Path) -> Work:
    """The work's manifest and folder (an edition folder, or texts + a manifest template)."""
    if entry.edition is not None:
        root = base / entry.edition
        edition = load_edition(root)
        data = tomllib.loads((root / MANIFEST_NAME).read_text(encoding="utf-8"))
        return Work(entry.name or edition.slug, root, data, root / MANIFEST_NAME, edition)
    assert entry.sources is not None and entry.manifest is not None
    root, template = base / entry.sources, base / entry.manifest
    if not root.is_dir():
        raise EnfaceError("no such folder of texts", path=root, hint="check sources in the catalogue")
    if not template.is_file():
        raise EnfaceError("manifest template not found", path=template, hint="check manifest in the catalogue")
    try:
        data = tomllib.loads(template.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EnfaceError(f"not a valid TOML file: {exc}", path=template) from None
    if "sources" not in data:
        data["sources"] = _found_sources(root, data, entry.files)
    with tempfile.TemporaryDirectory(prefix="enface-template-") as tmp:  # checked as an edition.toml
        (Path(tmp) / MANIFEST_NAME).write_text(dumps(data), encoding="utf-8")
        try:
            edition = load_edition(Path(tmp))
        except EnfaceError as exc:
            raise EnfaceError(exc.message, path=template, hint=exc.hint) from None
    return Work(entry.name or edition.slug, root, data, template, edition)


def _found_sources(root: Path, data: dict, pattern: str | None) -> list[dict]:
    """A template without [[sources]]: one translation per language of its titles, the file
    named by ``pattern`` (``{lang}.md``), else any file whose name ends in the code."""
    langs = list(data.get("titles", {}))
    if not langs:
        raise EnfaceError("the manifest template has no [titles] (one per language) and no [[sources]]")
    names = sorted(p.name for p in root.iterdir() if p.is_file() and not p.name.startswith("."))
    sources = []
    for lang in langs:
        if pattern is not None:
            matches = [n for n in names if n == pattern.replace("{lang}", lang)]
        else:
            ending = re.compile(rf"(^|[_\-.]){re.escape(lang)}\.[A-Za-z0-9]+$")
            matches = [n for n in names if ending.search(n)]
        if len(matches) != 1:
            found = "none" if not matches else ", ".join(matches)
            raise EnfaceError(
                f"the text in {lang!r}: {found} found in {root}",
                hint='name it "<lang>.<ext>" or say how with files = "…{lang}…" in the catalogue',
            )
        sources.append({"file": matches[0], "lang": lang, "role": "translation"})
    return sources


def edition_langs(work: Work, entry: WorkEntry, defaults_pairs) -> list[tuple[tuple[str, ...], EditionEntry | None]]:
    """The editions of a work: its pairs (``all``, ``full`` or given) and its [[works.editions]]."""
    langs = work.edition.languages
    pairs = entry.pairs if entry.pairs is not None else ([] if entry.editions else defaults_pairs or "all")
    if pairs == "all":
        chosen = [tuple(pair) for pair in combinations(langs, 2)]
    elif pairs == "full":
        chosen = [tuple(langs)]
    else:
        chosen = [tuple(item) for item in pairs]
    result: dict[tuple[str, ...], EditionEntry | None] = dict.fromkeys(chosen)
    for item in entry.editions:
        result[tuple(item.langs)] = item
    return list(result.items())


def derive(work: Work, langs: tuple[str, ...]) -> tuple[dict, list[str]]:
    """The manifest of the edition of ``langs`` (as TOML data) and the files it names."""
    data = json.loads(json.dumps(work.data))  # a deep copy of plain TOML data
    slug = f"{work.edition.slug}-{'-'.join(langs)}"
    if len(slug) > 64:
        slug = f"{work.edition.slug[:47]}-{hashlib.sha256('-'.join(langs).encode()).hexdigest()[:16]}"
    data["slug"] = slug
    data.pop("identifier", None)  # derived from the slug: each edition has its own
    for table in ("titles", "subtitles", "labels"):
        if table in data:
            data[table] = {code: data[table][code] for code in langs if code in data[table]}
            if not data[table] and table != "titles":
                del data[table]
    sources = data["sources"]
    translations = {s["lang"]: s for s in sources if s.get("role") == "translation"}
    kept = [translations[code] for code in langs]
    for source in sources:
        if source.get("role") == "appendix" and source.get("lang") in langs:
            if "title" in source:
                source["title"] = {code: source["title"][code] for code in langs if code in source["title"]}
                if not source["title"]:
                    del source["title"]
            kept.append(source)
    data["sources"] = kept
    epub = data.get("epub")
    if isinstance(epub, dict) and epub.get("primary") not in (None, *langs):
        del epub["primary"]
    if data.get("alignment") and tuple(langs) != tuple(work.edition.languages):
        del data["alignment"]
    named = [s["file"] for s in kept]
    for extra in (data.get("alignment"), (data.get("style") or {}).get("print")):
        if extra:
            named.append(extra)
    return data, named


def task_files(work: Work, manifest: dict, named: list[str], skip: tuple[Path, ...] = ()) -> dict[str, bytes]:
    """The derived folder's files: the manifest, the texts it names (a missing one is left
    for the build to report), and the images, styles and fonts in the work's folder that
    they mention by name (all of them beside a DOCX, ODT or EPUB text, which cannot be
    searched). Hidden files, the other languages' texts and the folders in ``skip`` (the
    catalogue's output) are left out."""
    files = {MANIFEST_NAME: dumps(manifest).encode("utf-8")}
    for name in named:
        path = work.root / name
        if path.is_file():
            files[Path(name).as_posix()] = path.read_bytes()
    others = {Path(s["file"]).as_posix() for s in work.data.get("sources", [])} - set(named)
    root = work.root.resolve()
    skipped = tuple(s.resolve() for s in skip)
    texts = [data for name, data in files.items() if name != MANIFEST_NAME]
    opaque = any(data[:2] == b"PK" for data in texts)  # a zip: DOCX, ODT, EPUB
    candidates = sorted(work.root.rglob("*"), key=lambda p: (p.suffix.lower() != ".css", p))  # styles name fonts
    for path in candidates:
        relative = path.relative_to(work.root)
        name = relative.as_posix()
        if path.suffix.lower() not in EMBEDDED or name in others:
            continue
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        resolved = path.resolve()
        if not resolved.is_relative_to(root) or any(resolved.is_relative_to(s) for s in skipped):
            continue
        if name in files:  # the edition's own stylesheet: named by the manifest
            continue
        spellings = {name.encode(), quote(name).encode(), path.name.encode(), quote(path.name).encode()}
        if opaque or any(spelling in data for data in texts for spelling in spellings):
            files[name] = path.read_bytes()
            if path.suffix.lower() == ".css":
                texts.append(files[name])
    return files


def plan(catalogue: Catalogue, path: Path, out: Path | None = None) -> Plan:
    """Every edition of every work as a task; a work or an edition that cannot be made is a
    failure of the plan, and the others go on. Nothing under ``out`` goes into a task."""
    base = path.parent
    text = path.read_text(encoding="utf-8")
    result = Plan()
    for index, entry in enumerate(catalogue.works):
        name = entry.name or Path(entry.edition or entry.sources or f"work-{index}").name
        try:
            work = load_work(entry, base)
        except EnfaceError as exc:
            result.failures.append(Failure(name, ("*",), exc.render()))
            continue
        epoch = source_date_epoch(work.root)
        for langs, edition_entry in edition_langs(work, entry, catalogue.defaults.pairs):
            missing = [code for code in langs if code not in work.edition.languages]
            if missing:
                if edition_entry is not None:
                    loc: tuple = ("works", index, "editions", entry.editions.index(edition_entry), "langs")
                else:
                    loc = ("works", index, "pairs")
                line = line_of(text, loc)
                where = f"{path}:{line}" if line else str(path)
                result.failures.append(
                    Failure(
                        work.name,
                        langs,
                        f"{where}: {', '.join(missing)} is not a language of the work's translations "
                        f"({', '.join(work.edition.languages)})",
                    )
                )
                continue
            try:
                manifest, named = derive(work, langs)
                files = task_files(work, manifest, named, (out,) if out is not None else ())
            except (OSError, KeyError, EnfaceError) as exc:
                reason = exc.render() if isinstance(exc, EnfaceError) else f"{work.manifest}: {exc}"
                result.failures.append(Failure(work.name, langs, reason))
                continue
            formats, print_settings, epub_settings, lang_check = _settings(edition_entry, entry, catalogue.defaults)
            primary = epub_settings.primary if epub_settings.primary in langs else None
            task = EditionTask(
                work=work.name,
                langs=langs,
                files=files,
                origin=str(work.root),
                epoch=epoch,
                formats=tuple(formats),
                print=_print_strings(print_settings),
                epub_mode=epub_settings.mode,
                epub_primary=primary,
                page_list=epub_settings.page_list,
                check_language=lang_check,
            )
            result.tasks.append(task)
            result.slugs[task.folder] = manifest["slug"]
    folders = [t.folder for t in result.tasks]
    dupes = sorted({f for f in folders if folders.count(f) > 1})
    if dupes:
        raise EnfaceError(f"two works make the editions {', '.join(dupes)}: give them different names", path=path)
    return result


def describe(task: EditionTask) -> Edition:
    """The derived edition's manifest, checked (as the build will read it)."""
    with tempfile.TemporaryDirectory(prefix="enface-edition-") as tmp:
        (Path(tmp) / MANIFEST_NAME).write_bytes(task.files[MANIFEST_NAME])
        return load_edition(Path(tmp))


def write_edition(task: EditionTask, folder: Path) -> Path:
    """Write the task's derived edition folder (what its build reads) into ``folder``."""
    for name, data in task.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder
