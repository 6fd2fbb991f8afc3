"""The EPUB 3 editions, one writer per reading mode (``enface.epub``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import classify
from .base import CheckContext, Context, Options, Writer, Written, style_digest, words_checks


@dataclass(frozen=True)
class EpubWriter(Writer):
    mode: str = "interleaved"

    def wanted(self, options: Options) -> bool:
        return self.mode in options.epub_modes

    def requires(self, options: Options) -> frozenset[str]:
        # the page-list is the print edition's pagination: the EPUB waits for the layout
        return self.needs | {"layout"} if options.page_list else self.needs

    def cache_inputs(self, options: Options) -> tuple[str | bytes, ...]:
        return (style_digest("epub.css"), style_digest("epub-structure.css"), self.mode, str(options.epub_primary))

    def write(self, document, context: Context) -> Written:
        from ..epub import build_epub

        starts = context.layout.page_starts if context.layout is not None and context.options.page_list else None
        made = build_epub(
            document,
            context.when,
            mode=self.mode,
            primary=context.options.epub_primary,
            page_starts=starts,
            edition_dir=context.edition_dir,
        )
        name = self.output_name(context.edition.slug)
        return Written(made.data, tuple(classify(w, "epub", file=name) for w in made.warnings))

    def check(self, path: Path, context: CheckContext) -> list[tuple[str, bool, str]]:
        from ..checks.text import epub_text

        results = []
        if context.epubcheck:
            from ..checks.epubcheck import run_epubcheck

            context.progress(f"running EPUBCheck on {path.name}")
            result = run_epubcheck(path)
            detail = f"{len(result.errors)} errors, {len(result.warnings)} warnings"
            if not result.ok:
                detail += ": " + "; ".join((result.errors + result.warnings)[:5])
            results.append(("EPUBCheck", result.ok, detail))
        return results + words_checks(epub_text(path), context)


def _writer(mode: str, suffix: str, what: str) -> EpubWriter:
    return EpubWriter(
        name=f"epub:{mode}",
        format="epub",
        suffix=suffix,
        label=f"EPUB ({mode})",
        description=f"EPUB 3, {what} (SLUG{suffix}; --epub-mode chooses)",
        mode=mode,
    )


INTERLEAVED = _writer("interleaved", ".epub", "every language in turn, sentence group by sentence group")
SEQUENTIAL = _writer("sequential", ".sequential.epub", "each language complete, linked paragraph by paragraph")
POPUP = _writer("popup", ".popup.epub", "one language, the others as pop-up footnotes")
