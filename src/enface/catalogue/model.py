"""``catalogue.toml`` as a typed model, with errors that name the line of the setting.

A catalogue lists **works** (an edition folder, or a folder of texts in several languages
with one manifest template), which editions to make of each (``pairs = "all"``, ``"full"``
or given language lists) and the formats and options of those editions, at three levels:
``[defaults]``, each ``[[works]]``, each ``[[works.editions]]`` (the nearest wins).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import EnfaceError
from ..manifest import check_lang

CATALOGUE_NAME = "catalogue.toml"
_NAME = r"^[a-z0-9][a-z0-9-]{0,63}$"

Pairs = Literal["all", "full"] | list[list[str]]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PrintSettings(_Strict):
    """What ``enface build --page-size/--bleed/--marks/--pdf-variant/--notes-pages`` say."""

    page_size: str | None = None
    bleed: str | None = None
    marks: str | None = None
    pdf_variant: str | None = None
    notes_pages: str | None = None

    @field_validator("notes_pages", mode="before")
    @classmethod
    def _count(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _valid(self) -> PrintSettings:
        from ..pdf.options import options_from_strings

        try:
            options_from_strings(*_print_strings(self))
        except EnfaceError as exc:
            raise ValueError(exc.message) from None
        return self


def _print_strings(settings: PrintSettings) -> tuple[str, str, str, str, str]:
    return (
        settings.page_size or "a4",
        settings.bleed or "0",
        settings.marks or "none",
        settings.pdf_variant or "pdf/ua-1",
        settings.notes_pages or "0",
    )


class EpubSettings(_Strict):
    """What ``enface build --epub-mode/--epub-primary/--no-page-list`` say."""

    mode: Literal["interleaved", "sequential", "popup", "all"] | None = None
    primary: str | None = Field(default=None, description="Popup mode's language, where the edition has it.")
    page_list: bool | None = None

    @field_validator("primary")
    @classmethod
    def _primary(cls, value: str | None) -> str | None:
        return check_lang(value)


class Settings(_Strict):
    """What can be said at every level (defaults, work, edition)."""

    formats: list[str] | None = None
    print: PrintSettings = Field(default_factory=PrintSettings)
    epub: EpubSettings = Field(default_factory=EpubSettings)
    lang_check: bool | None = None

    @field_validator("formats")
    @classmethod
    def _formats(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        from ..writers import parse_formats

        try:
            return parse_formats(value)
        except EnfaceError as exc:
            raise ValueError(exc.message) from None


def _check_langs(value: list[str]) -> list[str]:
    for code in value:
        check_lang(code)
    if len(value) < 2:
        raise ValueError(f"an edition has two languages or more, not {value!r}")
    if len(set(value)) != len(value):
        raise ValueError(f"a language is given twice in {value!r}")
    return value


class EditionEntry(Settings):
    """One edition of a work with settings of its own (``[[works.editions]]``)."""

    langs: list[str]

    _langs = field_validator("langs")(classmethod(lambda cls, v: _check_langs(v)))


def _check_pairs(value: object) -> object:
    if value in ("all", "full"):
        return value
    if isinstance(value, str) or not isinstance(value, list):
        raise ValueError(f'pairs is "all", "full" or a list of language lists like [["fr", "ru"]], not {value!r}')
    for item in value:
        if not isinstance(item, list) or not all(isinstance(code, str) for code in item):
            raise ValueError(f'pairs is "all", "full" or a list of language lists like [["fr", "ru"]], not {value!r}')
        _check_langs(item)
    return value


class Defaults(Settings):
    pairs: Pairs | None = None

    _pairs = field_validator("pairs", mode="before")(classmethod(lambda cls, v: _check_pairs(v)))


class WorkEntry(Settings):
    """One work: ``edition`` (a folder with edition.toml), or ``sources`` + ``manifest``."""

    name: str | None = Field(default=None, pattern=_NAME, description="OUT/<name>/…; default: the slug.")
    edition: str | None = None
    sources: str | None = None
    manifest: str | None = None
    files: str | None = Field(
        default=None,
        description="With sources: how a language's file is named, {lang} standing for its code "
        '(default: any file whose name ends in the code, "de.md", "tale_de.txt").',
    )
    pairs: Pairs | None = None
    editions: list[EditionEntry] = Field(default_factory=list)

    _pairs = field_validator("pairs", mode="before")(classmethod(lambda cls, v: _check_pairs(v)))

    @model_validator(mode="after")
    def _one_kind(self) -> WorkEntry:
        if (self.edition is None) == (self.sources is None):
            raise ValueError('give either edition = "FOLDER" or sources = "FOLDER" (with manifest = "TEMPLATE.toml")')
        if self.sources is not None and self.manifest is None:
            raise ValueError('sources needs manifest = "TEMPLATE.toml" (an edition.toml for those texts)')
        if self.edition is not None and (self.manifest is not None or self.files is not None):
            raise ValueError("manifest and files go with sources, not with edition (its edition.toml is the manifest)")
        if self.files is not None and "{lang}" not in self.files:
            raise ValueError(f'files {self.files!r} has no {{lang}} (e.g. "{{lang}}.md")')
        return self


class Catalogue(_Strict):
    """A parsed, checked ``catalogue.toml``."""

    title: str | None = Field(default=None, description="The feed's title (default: the catalogue folder's name).")
    author: str = Field(default="enface", description="The feed's author (Atom wants one).")
    id: str | None = Field(default=None, description="The feed's id (default: derived from the title).")
    defaults: Defaults = Field(default_factory=Defaults)
    works: list[WorkEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _names(self) -> Catalogue:
        seen: set[str] = set()
        for index, work in enumerate(self.works):
            if work.name is not None:
                if work.name in seen:
                    raise ValueError(f"works[{index}]: name {work.name!r} is given twice")
                seen.add(work.name)
        return self


# --- where a setting is -----------------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _dotted(text: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def setting_lines(text: str) -> dict[tuple, int]:
    """Each setting's path (as pydantic's ``loc``: keys and array-of-table indexes) → its line."""
    lines: dict[tuple, int] = {}
    counts: dict[tuple, int] = {}  # array of tables (resolved path) → entries so far
    arrays: set[tuple[str, ...]] = set()  # array-of-table names, by key path
    current: tuple = ()

    def resolve(keys: list[str]) -> tuple:
        path: tuple = ()
        for depth, name in enumerate(keys, start=1):
            path += (name,)
            if tuple(keys[:depth]) in arrays and depth < len(keys):
                path += (counts.get(path, 1) - 1,)
        return path

    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            keys = _dotted(header.group(2))
            if header.group(1) == "[[":
                arrays.add(tuple(keys))
                base = resolve(keys)
                counts[base] = counts.get(base, 0) + 1
                current = base + (counts[base] - 1,)
            else:
                current = resolve(keys)
            lines.setdefault(current, number)
            continue
        found = _KEY.match(line)
        if found:
            lines.setdefault(current + tuple(_dotted(found.group(1))), number)
    return lines


def line_of(text: str, loc: tuple) -> int | None:
    """The line of the longest known prefix of ``loc`` (a setting, else its table)."""
    lines = setting_lines(text)
    parts = tuple(part for part in loc if isinstance(part, int | str))
    for end in range(len(parts), 0, -1):
        if parts[:end] in lines:
            return lines[parts[:end]]
    return None


def _where(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _format(error: ValidationError, text: str, path: Path) -> EnfaceError:
    first = error.errors()[0]
    loc = tuple(first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing":
        message = "is required"
    elif first["type"] == "extra_forbidden":
        message = "is not a known setting (check the spelling)"
    more = len(error.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    where = _where(loc)
    return EnfaceError(
        f"{where}: {message}{suffix}" if where else f"{message}{suffix}", path=path, line=line_of(text, loc)
    )


def load_catalogue(path: Path) -> Catalogue:
    """Read and check a ``catalogue.toml`` (a file, or a folder holding one)."""
    if path.is_dir():
        path = path / CATALOGUE_NAME
    if not path.is_file():
        raise EnfaceError("catalogue not found", path=path, hint="give a catalogue.toml (see README, Catalogues)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise EnfaceError(f"not valid UTF-8 at byte {exc.start}", path=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise EnfaceError(
            f"TOML syntax error: {message}", path=path, line=int(found.group(1)) if found else None
        ) from None
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        raise _format(exc, text, path) from None


def catalogue_text(path: Path) -> str:
    return (path / CATALOGUE_NAME if path.is_dir() else path).read_text(encoding="utf-8")
