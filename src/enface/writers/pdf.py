"""The print edition (``enface.pdf``): WeasyPrint lays the book out and writes the PDF in
one pass, so the PDF comes from the build's layout stage (which the EPUB page-list needs
too); this writer declares what that stage depends on and checks the result."""

from __future__ import annotations

import json
from pathlib import Path

from .base import CheckContext, Context, Layout, Options, Writer, Written, style_digest, words_checks


def layout_inputs(options: Options) -> tuple[str | bytes, ...]:
    """What the print layout (and so the PDF and every EPUB page-list) depends on besides
    the TEI and the build date: print styles, fonts, print options, the edition's stylesheet."""
    extra = options.extra_css.read_bytes() if options.extra_css else b""
    return (style_digest("print.css"), repr(options.print_options), extra)


def lay_out(document, context: Context, *, write: bool) -> Layout:
    """The print layout; with ``write``, the PDF too. Laid out part by part (chapters) in
    ``options.jobs`` processes, each part kept in the build's cache by its own content."""
    from ..pdf import PrintOptions, render

    printed = render(
        document,
        context.when,
        edition_dir=context.edition_dir,
        options=context.options.print_options or PrintOptions(),
        extra_css=context.options.extra_css,
        write=write,
        jobs=context.options.jobs,
        cache=context.cache,
        salt=(*layout_inputs(context.options), json.dumps(context.files, sort_keys=True)),
    )
    return Layout([tuple(p) for p in printed.page_starts], printed.pdf, list(printed.messages))


class PdfWriter(Writer):
    def cache_inputs(self, options: Options) -> tuple[str | bytes, ...]:
        return layout_inputs(options)

    def write(self, document, context: Context) -> Written:
        assert context.layout is not None and context.layout.pdf, "the PDF writer needs the layout's PDF"
        return Written(context.layout.pdf)  # the layout's messages are findings of the layout stage

    def check(self, path: Path, context: CheckContext) -> list[tuple[str, bool, str]]:
        from ..checks.pdf import inspect_pdf
        from ..checks.text import pdf_text

        context.progress("inspecting the PDF")
        pdf = inspect_pdf(path)
        detail = "; ".join(pdf.problems) or (
            f"{pdf.pages} pages, {len(pdf.fonts)} fonts embedded and subset, lang {pdf.lang}"
        )
        context.progress("measuring the print layout")
        from ..checks.layout import inspect_layout

        layout = inspect_layout(path)  # drift between languages must be nil; the rest is reported
        problems = layout.problems()
        return [
            ("structure", not pdf.problems, detail),
            ("layout", not problems, "; ".join(problems) or layout.summary()),
            *words_checks(pdf_text(path), context),
        ]


WRITER = PdfWriter(
    name="pdf",
    format="pdf",
    suffix=".pdf",
    label="PDF",
    description="the print edition, PDF/UA-1 or PDF/A-3b (SLUG.pdf; print options choose)",
    needs=frozenset({"tei", "layout", "pdf"}),
    cached=False,  # the layout stage caches it
)
