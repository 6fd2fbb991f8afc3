"""The web edition (``enface.web``): a folder ``SLUG.web/`` of static pages, read from
``file://`` or any web server; languages side by side or interleaved, chosen by the reader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..cache import digest_files
from ..diagnostics import classify
from ..paths import styles_dir
from .base import CheckContext, Context, Options, Writer, Written, pack_folder, style_digest, words_checks


@dataclass(frozen=True)
class WebWriter(Writer):
    def requires(self, options: Options) -> frozenset[str]:
        # the print edition's page numbers in the margin: the same page starts as the EPUB's page-list
        return self.needs | {"layout"} if options.page_list else self.needs

    def cache_inputs(self, options: Options) -> tuple[str | bytes, ...]:
        return (style_digest("web.css"), digest_files([styles_dir() / "web.js"]))

    def write(self, document, context: Context) -> Written:
        from ..web import build_web

        starts = context.layout.page_starts if context.layout is not None and context.options.page_list else None
        made = build_web(document, context.when, page_starts=starts, edition_dir=context.edition_dir)
        name = self.output_name(context.edition.slug)
        return Written(pack_folder(made.files), tuple(classify(w, "epub", file=name) for w in made.warnings))

    def check(self, path: Path, context: CheckContext) -> list[tuple[str, bool, str]]:
        from ..web.check import page_text, problems

        found = problems(path)
        results = [("self-contained", not found, "; ".join(found[:5]) or "every page, link and file local, no network")]
        return results + words_checks(page_text(path), context)


WRITER = WebWriter(
    name="web",
    format="web",
    suffix=".web",
    label="web edition",
    description="a static web edition, languages side by side or interleaved (folder SLUG.web/)",
    folder=True,
    by_default=False,
)
