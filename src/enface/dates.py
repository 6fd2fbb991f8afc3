"""The build date: every date in every output comes from here, so builds are reproducible.

Order: ``SOURCE_DATE_EPOCH`` if set; else the last git commit that touched the
edition folder; else a fixed date. Never the clock.

The date must fit every output: ZIP timestamps (the EPUB) hold 1980-01-01 to 2107-12-31, and
PDF dates four-digit years; a date outside that is refused before any work.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from .errors import EnfaceError

FALLBACK_EPOCH = 1767225600  # 2026-01-01T00:00:00Z
EARLIEST = 315532800  # 1980-01-01T00:00:00Z: the first date a ZIP timestamp holds
LATEST = 4354819199  # 2107-12-31T23:59:59Z: the last one


def check_epoch(seconds: int, origin: str = "SOURCE_DATE_EPOCH") -> int:
    """``seconds`` when every output can hold the date, else an error saying why."""
    if EARLIEST <= seconds <= LATEST:
        return seconds
    try:
        shown = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        shown = "a date no calendar holds"
    raise EnfaceError(
        f"{origin}={seconds} is {shown}: the build date must lie between 1980-01-01 and 2107-12-31, "
        "what the EPUB's ZIP timestamps and PDF dates can hold",
        hint="give SOURCE_DATE_EPOCH a date in that range, or unset it",
    )


def source_date_epoch(edition_dir: Path) -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and value.strip():
        try:
            seconds = int(value)
        except ValueError:
            raise EnfaceError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}") from None
        return check_epoch(seconds)
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
            return check_epoch(int(out), "the edition's last git commit date")
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    return FALLBACK_EPOCH


def build_datetime(edition_dir: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(source_date_epoch(edition_dir), tz=dt.UTC)
