"""``enface catalogue build``: plan the editions, build them (local processes or a Dask
cluster), verify and record what came back, write ``catalogue.json`` and ``opds.xml``.

Every edition has its folder ``OUT/<work>/<langs>/`` with the outputs of ``enface build``,
its ``SHA256SUMS`` and its stage cache (``.enface-cache``). In the cache a record of the
last build of the edition (everything its outputs depend on: the task's files, date and
options, enface's version and styles) lets an unchanged edition be skipped before any
worker starts, locally or on a cluster. Outputs are checked against their SHA-256 on the
client whichever way they were built.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..cache import CACHE_DIR, digest_bytes
from ..dates import FALLBACK_EPOCH
from ..errors import EnfaceError
from ..output import Staging
from .feeds import EditionEntry, FileEntry, catalogue_json, epub_cover, feed_id, opds_feed
from .model import CATALOGUE_NAME, load_catalogue
from .plan import EditionTask, Failure, describe, plan
from .task import SUMS, Outcome, parse_sums

RECORD = "catalogue-edition.json"  # in each edition's .enface-cache
COVER_SUFFIX = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/svg+xml": "svg",
    "image/webp": "webp",
}

Progress = Callable[[int, int, Outcome], None]


@dataclass
class CatalogueResult:
    out: Path
    outcomes: list[Outcome] = field(default_factory=list)  # one per edition, failures of the plan too
    written: list[Path] = field(default_factory=list)  # catalogue.json, opds.xml

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def _identity() -> str:
    """enface itself, as far as outputs depend on it: its version, code (as the stage cache
    sees it), styles and fonts."""
    from .. import cache
    from ..paths import styles_dir

    code = getattr(cache, "code_digest", lambda: "")()
    h = hashlib.sha256(f"enface {__version__}\0{code}".encode())
    root = styles_dir()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _sha(path: Path) -> str | None:
    try:
        return digest_bytes(path.read_bytes())
    except OSError:
        return None


def _recorded(folder: Path, record_key: str) -> dict[str, str] | None:
    """The outputs of the edition's last build, if it was of these very inputs and its files
    are still there as it wrote them."""
    try:
        record = json.loads((folder / CACHE_DIR / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("key") != record_key or not isinstance(record.get("files"), dict):
        return None
    files: dict[str, str] = record["files"]
    if any(_sha(folder / name) != digest for name, digest in files.items()):
        return None
    return files


def _verify(folder: Path, files: dict[str, str]) -> None:
    """Check the outputs in the edition's folder against their SHA-256, and SHA256SUMS
    against them."""
    sums = parse_sums((folder / SUMS).read_text(encoding="utf-8"))
    for name, digest in files.items():
        if sums.get(name) != digest:
            raise EnfaceError(f"SHA256SUMS does not list {name} as the build made it", path=folder / SUMS)
        if _sha(folder / name) != digest:
            raise EnfaceError("the output does not match its SHA-256", path=folder / name)


def _receive(folder: Path, outcome: Outcome, slug: str) -> None:
    """Outputs that came back as bytes: checked, then put in place together as a local
    build does (the folder's lock held, the outputs of other formats kept, SHA256SUMS
    made anew)."""
    from ..output import BuildLock, Release
    from ..writers import WRITERS

    assert outcome.data is not None
    for name, digest in outcome.files.items():
        if digest_bytes(outcome.data.get(name, b"")) != digest:
            raise EnfaceError("the output came back damaged (its SHA-256 differs)", path=folder / name)
    order = [writer.output_name(slug) for writer in WRITERS.values()]
    folder.mkdir(exist_ok=True)
    with BuildLock(folder, wait=True), Release(folder, order) as release:
        for name in outcome.files:
            release.write(name, outcome.data[name])
        release.commit()
    outcome.data = None


def build_catalogue(
    catalogue_path: Path,
    out: Path,
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: Progress = lambda _done, _total, _outcome: None,
) -> CatalogueResult:
    """Build every edition of the catalogue into ``out`` (``jobs`` local processes, default
    one per core, or the Dask cluster whose scheduler is at ``scheduler``), then write
    ``out/catalogue.json`` and ``out/opds.xml``. A failed edition is an outcome with its
    reason; the others are built all the same."""
    path = catalogue_path / CATALOGUE_NAME if catalogue_path.is_dir() else catalogue_path
    catalogue = load_catalogue(path)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise EnfaceError(f"--jobs must be 1 or more, not {jobs}")
    the_plan = plan(catalogue, path, out)
    result = CatalogueResult(out)
    total = len(the_plan.tasks) + len(the_plan.failures)
    by_folder: dict[str, Outcome] = {}

    def finish(outcome: Outcome) -> None:
        by_folder[outcome.folder] = outcome
        progress(len(by_folder), total, outcome)

    for failure in the_plan.failures:
        finish(Outcome(failure.work, failure.langs, "failed", reason=failure.reason))

    identity = _identity()
    keys = {task.folder: digest_bytes(f"{identity}\0{task.digest()}".encode()) for task in the_plan.tasks}
    to_build: list[EditionTask] = []
    for task in the_plan.tasks:
        files = _recorded(out / task.folder, keys[task.folder])
        if files is None:
            to_build.append(task)
        else:
            finish(Outcome(task.work, task.langs, "up to date", files=files))

    def done(task: EditionTask, outcome: Outcome) -> None:
        folder = out / task.folder
        if outcome.status != "failed":
            try:
                if outcome.data is not None:
                    _receive(folder, outcome, the_plan.slugs[task.folder])
                _verify(folder, outcome.files)
                record = {"key": keys[task.folder], "files": outcome.files}
                (folder / CACHE_DIR).mkdir(parents=True, exist_ok=True)
                (folder / CACHE_DIR / RECORD).write_text(json.dumps(record, indent=1), encoding="utf-8")
            except (OSError, UnicodeDecodeError, EnfaceError) as exc:
                outcome.status = "failed"
                outcome.reason = exc.render() if isinstance(exc, EnfaceError) else f"{folder}: {exc}"
        finish(outcome)

    try:  # the editions' folders (the build makes the last level only)
        for task in to_build:
            (out / task.folder).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnfaceError(f"cannot create the output folder: {exc.strerror}", path=out) from None
    if scheduler:
        from .cluster import run_cluster

        run_cluster(to_build, scheduler, done)
    else:
        from .local import run_local

        run_local(to_build, out, jobs, done)

    # in the catalogue's order: the plan's failures where their work stands, then the editions
    order = [t.folder for t in the_plan.tasks]
    result.outcomes = [by_folder[f.folder] for f in the_plan.failures] + [by_folder[f] for f in order]
    title = catalogue.title or path.resolve().parent.name
    entries = [_entry(task, by_folder[task.folder], out) for task in the_plan.tasks]
    editions = [entry for entry in entries if entry is not None]
    failures = [(o.work, list(o.langs), o.reason) for o in result.outcomes if o.status == "failed"]
    fallback = dt.datetime.fromtimestamp(FALLBACK_EPOCH, tz=dt.UTC)
    feed = opds_feed(title, catalogue.author, feed_id(title, catalogue.id), editions, fallback)
    with Staging(out) as staging:
        staging.write("catalogue.json", catalogue_json(title, editions, failures))
        staging.write("opds.xml", feed)
        result.written = staging.commit()
    return result


def _entry(task: EditionTask, outcome: Outcome, out: Path) -> EditionEntry | None:
    """The edition as the catalogue lists it (its files from disk, its cover from the EPUB)."""
    if outcome.status == "failed":
        return None
    folder = out / task.folder
    edition = describe(task)
    entry = EditionEntry(
        work=task.work,
        langs=task.langs,
        slug=edition.slug,
        uid=edition.uid(),
        titles={code: edition.title(code) for code in task.langs},
        description=edition.description,
        rights=edition.rights,
        publisher=edition.publisher,
        updated=dt.datetime.fromtimestamp(task.epoch, tz=dt.UTC),
        files=[
            FileEntry(f"{task.folder}/{name}", (folder / name).stat().st_size, digest)
            for name, digest in outcome.files.items()
        ],
    )
    epub = f"{edition.slug}.epub"
    books = [epub] if epub in outcome.files else [n for n in outcome.files if n.endswith(".epub") and "kepub" not in n]
    cover = epub_cover((folder / books[0]).read_bytes()) if books else None
    if cover is not None:  # beside the editions' folders, which hold what `enface build` makes
        data, media = cover
        name = f"{'-'.join(task.langs)}.{COVER_SUFFIX.get(media, 'png')}"
        target = out / "covers" / task.work
        if _sha(target / name) != digest_bytes(data):
            with Staging(target) as staging:
                staging.write(name, data)
                staging.commit()
        entry.cover = FileEntry(f"covers/{task.work}/{name}", len(data), digest_bytes(data), media)
    return entry


__all__ = ["CatalogueResult", "Failure", "build_catalogue"]
