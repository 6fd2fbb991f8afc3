"""The Kobo edition (KEPUB): the interleaved EPUB with Kobo's markup (``enface.epub.kobo``),
named ``SLUG.kepub.epub`` as Kobo readers expect of a sideloaded KEPUB. It is an EPUB 3 like
the others, checked the same way (EPUBCheck, every word of every source)."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import classify
from .base import Context, Options, Written, style_digest
from .epub import EpubWriter


@dataclass(frozen=True)
class KepubWriter(EpubWriter):
    def wanted(self, options: Options) -> bool:
        return True  # asked for by its own format, whatever --epub-mode says

    def cache_inputs(self, options: Options) -> tuple[str | bytes, ...]:
        return (style_digest("epub.css"), style_digest("epub-structure.css"), "kobo", self.mode)

    def write(self, document, context: Context) -> Written:
        from ..epub import build_epub

        starts = context.layout.page_starts if context.layout is not None and context.options.page_list else None
        made = build_epub(
            document, context.when, mode=self.mode, page_starts=starts, edition_dir=context.edition_dir, kobo=True
        )
        name = self.output_name(context.edition.slug)
        return Written(made.data, tuple(classify(w, "epub", file=name) for w in made.warnings))


WRITER = KepubWriter(
    name="kepub",
    format="kepub",
    suffix=".kepub.epub",
    label="KEPUB (Kobo)",
    description="EPUB 3 for Kobo readers, the interleaved text with Kobo's reading spans (SLUG.kepub.epub)",
    mode="interleaved",
    by_default=False,
)
