"""The build date: every date in every output comes from here, so builds are reproducible.

Order: ``SOURCE_DATE_EPOCH`` if set; else the last git commit that touched the
edition folder; else a fixed date. Never the clock.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from .errors import EnfaceError

FALLBACK_EPOCH = 1767225600  # 2026-01-01T00:00:00Z


def source_date_epoch(edition_dir: Path) -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and value.strip():
        try:
            return int(value)
        except ValueError:
            raise EnfaceError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}") from None
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."],
            cwd=edition_dir,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
        if out:
            return int(out)
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    return FALLBACK_EPOCH


def build_datetime(edition_dir: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(source_date_epoch(edition_dir), tz=dt.UTC)
