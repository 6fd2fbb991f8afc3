"""``enface init``: draft a new edition from a folder of texts (see :mod:`enface.draft`).

The drafting itself (languages, titles, which files are versions of one text and which are
extra material, the manifest) is :func:`enface.draft.draft_edition`; this module runs it and
gives the rows of the decisions table the command prints.
"""

from __future__ import annotations

from pathlib import Path

from ..draft import Draft, draft_edition

COLUMNS = ("file", "language", "characters", "headings", "role", "why")


def run(source_dir: Path, out: Path) -> Draft:
    """Copy the texts of ``source_dir`` into the new edition folder ``out`` with a drafted
    ``edition.toml``; the draft's decisions and reasons."""
    return draft_edition(source_dir, out)


def rows(draft: Draft) -> list[tuple[str, ...]]:
    """One row per file: name, language (where from), length, headings, role, reason; then
    the files left out."""
    table = [
        (
            d.file,
            d.lang_note,
            f"{d.length:,}",
            str(d.headings),
            d.role,
            d.reason,
        )
        for d in draft.decisions
    ]
    return table + [(name, "", "", "", "ignored", why) for name, why in draft.ignored]
