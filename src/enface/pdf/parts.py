"""Lay out the parts of the print edition (``sections``) in a pool of processes, each part
cached by its own HTML, and put the book together (``join``).

Why processes: WeasyPrint lays out on one core and holds the whole laid-out document;
a chapter per worker uses every core and bounds memory by the largest chapter. Why
``spawn``: a forked worker would inherit the parent's WeasyPrint and fontconfig state;
spawned workers start clean, and results are gathered in the order of the parts, so the
book's bytes do not depend on which worker finished first. ``--jobs 1`` runs the very
same function in the build's own process: the same parts, the same bytes.

A part's entry in the cache (stage ``print-part``) is keyed by its HTML, the kind of
job, the print options and styles (``salt``) and enface's code: an unchanged chapter is
never laid out again, whatever changed elsewhere; the front matter is laid out again
only when the contents' page numbers change. The print HTML's measuring layouts
(``probes``: facing pages' beads, the hyphenation limits, a division each) run in the same
pool and are kept the same way (stage ``print-probe``, by the probe's own HTML).
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import multiprocessing
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .hyphenation import Frozen, Kept
from .measure import LineReport, line_report, page_starts
from .probes import Probe

if TYPE_CHECKING:
    from ..cache import Cache

STAGE = "print-part"
PROBE_STAGE = "print-probe"  # the measuring layouts of the print HTML (``probes``), a division each
# Less HTML than this to lay out is laid out in the build's process: starting workers (each
# imports WeasyPrint, about a second) costs more than a short book's layout. Same bytes.
POOL_MIN_CHARS = 400_000


@dataclass(frozen=True)
class Env:
    """What every job shares (picklable, sent to the workers)."""

    when: dt.datetime
    edition_dir: Path
    variant: str | None
    identifier: bytes


@dataclass(frozen=True)
class Job:
    """One document to lay out: ``whole`` (the book as one part, folios in place), ``part``
    (a chapter, appendix or the notes), ``front`` (the front matter) or ``folios`` (the
    folio layer: untagged, not measured)."""

    kind: str
    html: str
    wanted: frozenset[str] = frozenset()  # ids whose first page is asked for (the contents' targets)
    sections: tuple[str, ...] = ()  # top-level section ids: pages of each
    page_list: bool = False  # measure the page starts (main text and appendices)
    stop_id: str | None = None  # whole: where the page starts stop (the notes pages)
    # the words the hyphenation limits keep whole (any section's: a dictionary exception holds
    # for the book) that occur in its HTML (``hyphenation.kept_in``): given to its layout, in its key
    kept: Frozen = ()

    def key_parts(self) -> tuple[str, ...]:
        return (
            self.kind,
            self.html,
            "\0".join(sorted(self.wanted)),
            "\0".join(self.sections),
            str(self.page_list),
            self.stop_id or "",
            "\0".join(f"{path}:{word}" for path, words in self.kept for word in words),
        )


@dataclass
class Laid:
    """A job's result: the PDF and what was measured (``meta``, JSON)."""

    pdf: bytes
    meta: dict = field(default_factory=dict)
    cached: bool = False

    @property
    def pages(self) -> int:
        return int(self.meta["pages"])


def lay_out_part(env: Env, job: Job) -> tuple[bytes, dict]:
    """Lay out and write one part (in a worker, or in the build's process)."""
    import logging

    from weasyprint import HTML

    from ..paths import styles_dir
    from .fetcher import restricted_fetcher
    from .hyphenation import repaired_dictionaries, thaw
    from .measure import first_pages, is_blank
    from .structure import language_plan, mark_languages
    from .tounicode import repaired, uses_remapped_fonts
    from .writer import _Collect, _document_order, _source_date, _vendored_fonts_only

    started = time.perf_counter()
    fetcher = restricted_fetcher([styles_dir(), env.edition_dir])
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    meta: dict = {}
    try:
        with _source_date(env.when), repaired_dictionaries(thaw(job.kept)), _vendored_fonts_only():
            document = HTML(string=job.html, base_url=str(styles_dir()) + "/", url_fetcher=fetcher).render()
            tagged = job.kind != "folios"
            first = first_pages(document) if tagged else {}
            # a part opening on a verso starts with an empty recto (``sections.LEAD_ID``): dropped
            skip = first.get(job.sections[0], 0) if job.kind == "part" and job.sections else 0
            meta["pages"] = len(document.pages) - skip
            meta["blank"] = [is_blank(page) for page in document.pages][skip:]
            plan = None
            if tagged:
                first = {name: index - skip for name, index in first.items()}
                meta["anchors"] = {name: first[name] for name in sorted(job.wanted) if name in first}
                meta["sections"] = _section_pages(job.sections, first, meta["blank"])
                order, sentences = _document_order(job.html)
                if job.kind == "whole":
                    starts = page_starts(
                        document, order, sentence_ids=sentences, start_id="parallel", stop_id=job.stop_id
                    )
                    meta["starts"] = [[int(label) - 1, ident] for label, ident in starts]
                elif job.page_list and job.sections:
                    starts = page_starts(
                        document, order, sentence_ids=sentences, start_id=job.sections[0], stop_id=None
                    )
                    meta["starts"] = [[int(label) - 1 - skip, ident] for label, ident in starts]
                lines = line_report(document)
                meta["lines"] = lines.lines
                meta["overfull"] = [[page - 1 - skip, text, excess] for page, text, excess in lines.overfull]
                meta["stretch"] = lines.stretch
                plan = language_plan(job.html, document)
            pdf = document.write_pdf(
                pdf_identifier=env.identifier,
                uncompressed_pdf=False,
                pdf_variant=env.variant if tagged else None,
                pdf_tags=tagged,
            )
            del document
            if uses_remapped_fonts(job.html):
                pdf = repaired(pdf)  # each glyph's own letter in the text layer
    finally:
        logger.removeHandler(handler)
    structure_messages: list[str] = []
    meta["marked"] = 0
    if tagged:
        pdf, structure_messages, meta["marked"] = mark_languages(pdf, plan)
    if skip:
        pdf = _drop_leading(pdf, skip)
    ours = "enface loads only files"
    meta["messages"] = [m for m in handler.messages if ours not in m] + structure_messages
    meta["refused"] = list(dict.fromkeys(fetcher.refused))
    meta["seconds"] = round(time.perf_counter() - started, 3)
    return pdf, meta


def _drop_leading(pdf: bytes, skip: int) -> bytes:
    """The PDF without its first ``skip`` pages (empty: the lead recto), their structure
    elements, parent-tree entries and named destinations."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        leading = [document.pages[i].obj for i in range(skip)]
        dropped = {page.objgen for page in leading}
        keys = {int(page.StructParents) for page in leading if "/StructParents" in page}

        def on_dropped(item) -> bool:
            page = item.get("/Pg") if isinstance(item, pikepdf.Dictionary) else None
            return page is not None and page.objgen in dropped

        tree = document.Root.get("/StructTreeRoot")
        if tree is not None:
            for top in tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]:
                if isinstance(top.get("/K"), pikepdf.Array):
                    top.K = pikepdf.Array([kid for kid in top.K if not on_dropped(kid)])
            parent_tree = tree.get("/ParentTree")
            if parent_tree is not None and "/Nums" in parent_tree:
                nums = parent_tree.Nums
                pairs = [(nums[i], nums[i + 1]) for i in range(0, len(nums) - 1, 2) if int(nums[i]) not in keys]
                parent_tree.Nums = pikepdf.Array([item for pair in pairs for item in pair])
        names = document.Root.get("/Names")
        dests = names.get("/Dests") if names is not None else None
        if dests is not None and "/Names" in dests:
            flat = dests.Names
            pairs = [(flat[i], flat[i + 1]) for i in range(0, len(flat) - 1, 2)]
            kept = [
                (n, d) for n, d in pairs if not (isinstance(d, pikepdf.Array) and len(d) and d[0].objgen in dropped)
            ]
            dests.Names = pikepdf.Array([item for pair in kept for item in pair])
        del document.pages[0:skip]
        out = io.BytesIO()
        document.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _section_pages(sections: tuple[str, ...], first: dict[str, int], blank: list[bool]) -> list[list]:
    """``[id, non-blank pages]`` for each top-level section, from its first page to the next one's."""
    out = []
    starts = [first.get(ident, 0) for ident in sections]
    for i, ident in enumerate(sections):
        end = starts[i + 1] if i + 1 < len(sections) else len(blank)
        out.append([ident, sum(1 for page in range(starts[i], end) if not blank[page])])
    return out


def _worker(env: Env, job: Job) -> tuple[bytes, dict]:
    return lay_out_part(env, job)


def run_probe(env: Env, probe: Probe) -> dict:
    """A measuring layout (``probes``: facing pages' beads, a section's hyphenation limits),
    in a worker or in the build's process, laid out as the parts are (fonts, fetcher,
    dictionaries)."""
    from weasyprint import HTML

    from ..paths import styles_dir
    from .fetcher import restricted_fetcher
    from .hyphenation import repaired_dictionaries
    from .probes import run_probe as measure
    from .writer import _source_date, _vendored_fonts_only

    fetcher = restricted_fetcher([styles_dir(), env.edition_dir])

    def render(text: str, kept: Kept):
        with _source_date(env.when), repaired_dictionaries(kept), _vendored_fonts_only():
            return HTML(string=text, base_url=str(styles_dir()) + "/", url_fetcher=fetcher).render()

    return measure(probe, render)


def _warm_up() -> None:
    """Import what a part's layout needs (WeasyPrint: about a second) before the first part."""
    import weasyprint  # noqa: F401

    from . import structure, writer  # noqa: F401


class Runner:
    """Runs jobs: from the cache, in the build's process (``jobs`` 1) or in a pool of spawned
    processes started once, on first need, and shut down by :meth:`close`."""

    def __init__(self, env: Env | None, *, jobs: int = 1, cache: Cache | None = None, salt: tuple = ()) -> None:
        self.env = env  # set before the first :meth:`run`
        self.jobs = max(1, jobs)
        self.cache = cache
        self.salt = tuple(s if isinstance(s, str | bytes) else repr(s) for s in salt)
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None
        self.laid_out = 0
        self.from_cache = 0
        self.probed = 0  # measuring layouts run (``probes``)
        self.probes_cached = 0  # and taken from the cache

    def _key(self, job: Job) -> str:
        from ..cache import key

        assert self.env is not None
        env = (str(int(self.env.when.timestamp())), self.env.variant or "", self.env.identifier)
        return key(STAGE, *job.key_parts(), *env, *self.salt)

    def run(self, jobs: list[Job]) -> list[Laid]:
        results: list[Laid | None] = [None] * len(jobs)
        keys = [self._key(job) for job in jobs] if self.cache is not None else []
        todo = []
        for i in range(len(jobs)):
            found = self._get(keys[i]) if self.cache is not None else None
            if found is not None:
                results[i] = found
                self.from_cache += 1
            else:
                todo.append(i)
        if len(todo) > 1 and self.jobs > 1 and sum(len(jobs[i].html) for i in todo) >= POOL_MIN_CHARS:
            self._start()
            order = sorted(todo, key=lambda i: -len(jobs[i].html))  # the longest first: shortest makespan
            futures = {i: self.pool.submit(_worker, self.env, jobs[i]) for i in order}
            done = {i: future.result() for i, future in futures.items()}
        else:
            done = {i: lay_out_part(self.env, jobs[i]) for i in todo}
        for i in todo:
            pdf, meta = done[i]
            results[i] = Laid(pdf, meta)
            self.laid_out += 1
            if self.cache is not None:
                self.cache.put(STAGE, keys[i], pdf)
                self.cache.put_json(STAGE + ".meta", keys[i], meta)
        return [r for r in results if r is not None]

    def probe(self, probes: list[Probe]) -> list[dict]:
        """Run measuring layouts (``probes``): from the cache (stage ``print-probe``, keyed by
        the probe's HTML, the edition folder (its figures), the styles and options (``salt``)
        and enface's code), else in the pool (the longest first) or in this process, as
        :meth:`run` does for parts. Results in order."""
        from ..cache import key

        assert self.env is not None
        results: list[dict | None] = [None] * len(probes)
        keys = []
        todo = []
        for i, probe in enumerate(probes):
            if self.cache is not None:
                keys.append(key(PROBE_STAGE, *probe.key_parts(), str(self.env.edition_dir), *self.salt))
                found = self.cache.get_json(PROBE_STAGE, keys[i])
                if isinstance(found, dict):
                    results[i] = found
                    self.probes_cached += 1
                    continue
            todo.append(i)
        # in the pool when it is worth starting, or already started (``warm``: a long book)
        big = sum(len(probes[i].html) for i in todo) >= POOL_MIN_CHARS
        if len(todo) > 1 and self.jobs > 1 and (big or self.pool is not None):
            self._start()
            order = sorted(todo, key=lambda i: -len(probes[i].html))
            futures = {i: self.pool.submit(run_probe, self.env, probes[i]) for i in order}
            done = {i: future.result() for i, future in futures.items()}
        else:
            done = {i: run_probe(self.env, probes[i]) for i in todo}
        for i in todo:
            results[i] = done[i]
            self.probed += 1
            if self.cache is not None:
                self.cache.put_json(PROBE_STAGE, keys[i], done[i])
        return [r for r in results if r is not None]

    def _get(self, k: str) -> Laid | None:
        assert self.cache is not None
        meta = self.cache.get_json(STAGE + ".meta", k)
        if not isinstance(meta, dict) or "pages" not in meta:
            return None
        pdf = self.cache.get(STAGE, k)
        if pdf is None:
            return None
        return Laid(pdf, meta, cached=True)

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        if self.pool is None:
            context = multiprocessing.get_context("spawn")
            self.pool = concurrent.futures.ProcessPoolExecutor(max_workers=self.jobs, mp_context=context)
        return self.pool

    def warm(self) -> None:
        """Start the workers now (each imports WeasyPrint), while the build's process makes
        the print HTML: they are ready when the parts are."""
        if self.jobs > 1:
            pool = self._start()
            for _ in range(self.jobs):
                pool.submit(_warm_up)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None


def merged_lines(laid: list[tuple[int, Laid]]) -> LineReport:
    """One line report for the book from the parts' (each with its first page's index)."""
    report = LineReport()
    for offset, part in laid:
        report.lines += int(part.meta.get("lines", 0))
        for page, text, excess in part.meta.get("overfull", []):
            report.overfull.append((offset + int(page) + 1, str(text), float(excess)))
        for lang, values in part.meta.get("stretch", {}).items():
            report.stretch.setdefault(lang, []).extend(float(v) for v in values)
    return report
