"""The build report (``SLUG.report.json``): the text stages' report (typography fixes,
counts) and every finding of the build, written by every build."""

from __future__ import annotations

import json

from .base import Context, Writer, Written


class ReportWriter(Writer):
    def write(self, document, context: Context) -> Written:
        report = {**context.report, "findings": [f.to_dict() for f in context.findings]}
        return Written((json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


WRITER = ReportWriter(
    name="report",
    format="report",
    suffix=".report.json",
    label="report",
    description="the build report (SLUG.report.json, always written)",
    needs=frozenset({"tei", "findings"}),
    cached=False,
    always=True,
)
