"""The TEI P5 document, as the text stages built and validated it."""

from __future__ import annotations

from pathlib import Path

from .base import CheckContext, Context, Writer, Written


class TeiWriter(Writer):
    def write(self, document, context: Context) -> Written:
        return Written(context.tei)

    def check(self, path: Path, context: CheckContext) -> list[tuple[str, bool, str]]:
        from ..errors import EnfaceError
        from ..tei import validate
        from ..xmlsafe import parse_file

        context.progress("validating the TEI against the enface schema")
        try:
            validate(parse_file(path), label=path.name)
        except EnfaceError as exc:
            return [("schema", False, exc.message)]
        return [("schema", True, "valid against enface-tei.rng; every link resolves")]


WRITER = TeiWriter(
    name="tei",
    format="tei",
    suffix=".tei.xml",
    label="TEI",
    description="the TEI P5 document (SLUG.tei.xml)",
    cached=False,
)
