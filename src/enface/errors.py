"""The one exception type for mistakes a user can fix.

Anything raised as :class:`EnfaceError` reaches the user as a single line
(``enface: error: …``) and exit status 3 (bad input, or the machine's side: a read-only or
full disk, another build writing the same folder; 2 is Typer's, for usage errors);
:func:`machine_error` words an ``OSError`` so. Anything else is a bug in enface and keeps
its traceback.
"""

from __future__ import annotations

from pathlib import Path


class EnfaceError(Exception):
    """A problem with the user's input or environment, explained in one line."""

    def __init__(
        self, message: str, *, path: Path | str | None = None, line: int | None = None, hint: str | None = None
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}"
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


# What the machine says, in words a user can act on: (hint) per errno.
_OS_HINTS = {
    "ENOSPC": "the disk is full: free some space and build again",
    "EDQUOT": "the disk quota is used up: free some space and build again",
    "EROFS": "the file system is read-only: give --out a writable folder",
    "EACCES": "permission denied: give --out a folder you can write in",
    "EPERM": "not permitted: give --out a folder you can write in",
    "ELOOP": "symbolic links point at each other in a loop",
    "EIO": "input/output error: the disk may be failing",
}


def machine_error(exc: OSError, what: str, path: Path | str | None = None) -> EnfaceError:
    """An :class:`OSError` as one line: ``PATH: WHAT: strerror (what to do)``."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    reason = exc.strerror or str(exc)
    return EnfaceError(f"{what}: {reason}", path=path or exc.filename, hint=_OS_HINTS.get(name))
