"""The one exception type for mistakes a user can fix.

Anything raised as :class:`EnfaceError` reaches the user as a single line
(``enface: error: …``) and exit status 3 (bad input; 2 is Typer's, for usage errors);
anything else is a bug in enface and keeps its traceback.
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
