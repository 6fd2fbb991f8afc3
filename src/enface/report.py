"""The build report (``<slug>.report.json``): what enface changed and what it warns about.

Typography never changes words, but a publisher must be able to see every change:
counts per rule per source, and every spacing fix with its paragraph and context.
This is the text stages' part; the report writer (:mod:`enface.writers.report`) adds
every finding of the build under ``findings``.
"""

from __future__ import annotations

import json
from collections import Counter

from . import __version__
from .model import Parallel


def typography_report(parallel: Parallel) -> dict[str, object]:
    from .typography import describe_rules

    sources = []
    used: set[str] = set()
    for source in parallel.typography:
        counts: Counter[str] = Counter()
        spacing = []
        for number, fixes in enumerate(source.fixes, start=1):
            for fix in fixes:
                counts[fix.rule] += 1
                used.add(fix.rule)
                if "space" in fix.rule:
                    spacing.append({"paragraph": number, **fix.to_dict()})
        sources.append(
            {
                "file": source.file,
                "lang": source.lang,
                "total": sum(counts.values()),
                "rules": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
                "spacing_fixes": spacing,
            }
        )
    return {"sources": sources, "rules": describe_rules(sorted(used))}


def build_report(parallel: Parallel) -> bytes:
    report = {
        "enface": __version__,
        "languages": list(parallel.langs),
        "units": len(parallel.units),
        "beads": sum(len(u.beads) for u in parallel.units),
        "warnings": list(parallel.warnings),
        "typography": typography_report(parallel),
    }
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
