"""The edition manifest (``edition.toml``) as a typed model with errors a user can act on."""

from __future__ import annotations

import re
import tomllib
import uuid
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import languages
from .errors import EnfaceError

MANIFEST_NAME = "edition.toml"

_SLUG = r"^[a-z0-9][a-z0-9-]{0,63}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def check_lang(value: str | None) -> str | None:
    """A language code enface accepts (ISO 639-1, optionally with a region or script), or None."""
    if value is not None and not languages.is_valid(value):
        raise ValueError(f"unknown language code {value!r} (use ISO 639-1, e.g. 'fr', 'ru', 'pt-BR')")
    return value


def _check_lang_keys(value: dict[str, str]) -> dict[str, str]:
    for code in value:
        check_lang(code)
    return value


class Source(_Strict):
    """One source file of the edition."""

    file: str = Field(description="Path of the text, relative to the edition folder.")
    lang: str = Field(description="ISO 639-1 code of the text's language.")
    role: Literal["translation", "appendix"]
    title: dict[str, str] = Field(default_factory=dict, description="Appendix title per language (appendices only).")
    verify_lang: bool = Field(default=True, description="Check the text's language with a language identifier.")
    format: str | None = Field(
        default=None, description="Source format (a reader: text, …); default: chosen by the file's extension."
    )
    form: Literal["prose", "verse"] = Field(
        default="prose",
        description='Plain text only: "prose" (paragraphs) or "verse" (blank lines separate stanzas, '
        "every line is a verse line).",
    )
    headings: str | None = Field(
        default=None,
        description="Plain text only: a Python regular expression; a paragraph (or verse line) it "
        "matches is a heading.",
    )
    segments: Literal["sentences", "lines"] = Field(
        default="sentences",
        description='Plain text only: "sentences" (enface finds them) or "lines" (one sentence per line, '
        "kept as given; blank lines separate paragraphs).",
    )

    @field_validator("form", mode="before")
    @classmethod
    def _form(cls, value: object) -> object:
        if value not in ("prose", "verse"):
            raise ValueError(f'form is "prose" or "verse", not {value!r}')
        return value

    @model_validator(mode="after")
    def _plain_text_options(self) -> Source:
        if self.form == "prose" and self.headings is None and self.segments == "sentences":
            return self
        asked = 'form = "verse"' if self.form != "prose" else "headings" if self.headings else 'segments = "lines"'
        reader = _reader_name(self.file, self.format)
        if reader is not None and reader != "text":
            raise ValueError(
                f"{asked} is for plain-text sources; {self.file!r} is read as {reader}: "
                "mark its verse and headings in the file itself"
            )
        if self.headings is not None:
            try:
                pattern = re.compile(self.headings)
            except re.error as exc:
                raise ValueError(
                    f"headings for {self.file!r}: {self.headings!r} is not a valid Python regular expression "
                    f'({exc}); e.g. "^(CHAPTER|Chapitre) "'
                ) from None
            if pattern.search("") is not None:
                raise ValueError(
                    f"headings for {self.file!r}: {self.headings!r} matches an empty line, so every paragraph "
                    'would be a heading; make it match only headings, e.g. "^CHAPTER "'
                )
        return self

    @property
    def reader_options(self) -> dict[str, str]:
        """What this source's reader is told besides its bytes (only what is set)."""
        options: dict[str, str] = {}
        if self.form != "prose":
            options["form"] = self.form
        if self.headings is not None:
            options["headings"] = self.headings
        if self.segments != "sentences":
            options["segments"] = self.segments
        return options

    @field_validator("lang")
    @classmethod
    def _lang(cls, value: str) -> str:
        return check_lang(value)

    @field_validator("file")
    @classmethod
    def _file(cls, value: str) -> str:
        path = Path(value)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(f"{value!r} is outside the edition folder (give a path inside it)")
        return value

    _title_langs = field_validator("title")(classmethod(lambda cls, v: _check_lang_keys(v)))


def _reader_name(file: str, format: str | None) -> str | None:
    """The reader a source is read with, when its format or extension says (else ``None``:
    an unknown format is reported when the source is read)."""
    from .readers import reader_for

    try:
        return reader_for(Path(file), format).name
    except EnfaceError:
        return None


class Work(_Strict):
    """The work the texts are about (not necessarily their author)."""

    title: str
    original_title: str | None = None
    author: str | None = None
    year: int | None = None


class Style(_Strict):
    """Extra stylesheets from the edition folder, applied after enface's own."""

    print: str | None = Field(default=None, description="CSS file for the PDF, relative to the edition.")

    @field_validator("print")
    @classmethod
    def _inside(cls, value: str | None) -> str | None:
        if value is not None:
            path = Path(value)
            if path.is_absolute() or ".." in path.parts:
                raise ValueError(f"{value!r} is outside the edition folder (give a path inside it)")
        return value


class EpubSettings(_Strict):
    """How the EPUB edition is made (``enface build --epub-mode/--epub-primary`` override these)."""

    mode: Literal["interleaved", "sequential", "popup", "all"] = Field(
        default="interleaved",
        description="Reading mode: interleaved (sentence group by sentence group), sequential (one "
        "language after another, paragraphs cross-linked), popup (one language, translations "
        "as pop-up notes), or all (one EPUB per mode).",
    )
    primary: str | None = Field(default=None, description="Popup mode's reading language (default: the first).")
    page_list: bool = Field(
        default=True,
        description="Give the EPUB a page-list of the print edition's pages (the print "
        "edition is then laid out even when no PDF is asked for).",
    )

    @field_validator("primary")
    @classmethod
    def _primary(cls, value: str | None) -> str | None:
        return check_lang(value)


class PrintSettings(_Strict):
    """How the print edition is laid out (``enface build --layout`` overrides it)."""

    layout: Literal["columns", "facing"] | None = Field(
        default=None,
        description="columns (the languages side by side on each page) or facing (verso one language, "
        "recto the other, every sentence group level on both pages). Default: chosen for the reader "
        "(facing for two languages or a page narrower than A4; columns when each holds 40 characters a line).",
    )
    text_align: Literal["justify", "ragged"] | None = Field(
        default=None,
        description="justify, or ragged (ragged right, hyphenated). Default: ragged right in columns "
        "under 45 characters a line, justified otherwise (enface build --text-align overrides it).",
    )
    full_page: str | None = Field(
        default=None,
        description="Facing pages with two or three languages: the language set alone across the verso (the "
        "others on the recto, two in two columns). Default: the first (enface build --full-page overrides it).",
    )

    @field_validator("full_page")
    @classmethod
    def _full_page(cls, value: str | None) -> str | None:
        return check_lang(value)


class Limits(_Strict):
    """What a build accepts, checked before any work (``[limits]`` in ``edition.toml``)."""

    source_mb: float = Field(default=50, gt=0, description="Largest source file, in megabytes.")
    edition_mb: float = Field(default=200, gt=0, description="All sources together, in megabytes.")
    paragraphs: int = Field(
        default=50_000,
        gt=0,
        description="Most paragraphs (and headings, stanzas) in one source; a long novel has about 10,000.",
    )


class Credit(_Strict):
    role: str
    name: str


class Edition(_Strict):
    """A parsed, checked ``edition.toml``."""

    slug: str = Field(pattern=_SLUG)
    titles: dict[str, str] = Field(min_length=1)
    subtitles: dict[str, str] = Field(default_factory=dict)
    description: str
    work: Work | None = None
    sources: list[Source] = Field(min_length=1)
    credits: list[Credit] = Field(default_factory=list)
    rights: str = ""
    publisher: str = ""
    identifier: str | None = None
    style: Style = Field(default_factory=Style)
    epub: EpubSettings = Field(default_factory=EpubSettings)
    print: PrintSettings = Field(default_factory=PrintSettings)
    limits: Limits = Field(default_factory=Limits)
    labels: dict[str, str] = Field(default_factory=dict, description="Override the name shown for a language.")
    alignment: str | None = Field(
        default=None,
        description="An alignment file in the edition (as `enface align --format tsv|json` writes it), "
        "corrected by hand: every build aligns as it says.",
    )

    @field_validator("alignment")
    @classmethod
    def _alignment(cls, value: str | None) -> str | None:
        if value is not None:
            path = Path(value)
            if path.is_absolute() or ".." in path.parts:
                raise ValueError(f"alignment {value!r} is outside the edition folder (give a path inside it)")
            if path.suffix.lower() not in (".tsv", ".json"):
                raise ValueError(f"alignment {value!r}: give a .tsv or .json file as `enface align` writes it")
        return value

    _lang_keys = field_validator("titles", "subtitles", "labels")(classmethod(lambda cls, v: _check_lang_keys(v)))

    @model_validator(mode="after")
    def _consistent(self) -> Edition:
        seen_files: set[str] = set()
        seen_langs: set[str] = set()
        for index, source in enumerate(self.sources):
            key = Path(source.file).as_posix()
            if key in seen_files:
                raise ValueError(f"sources[{index}]: {source.file!r} is listed twice")
            seen_files.add(key)
            if source.role == "translation":
                if source.lang in seen_langs:
                    raise ValueError(
                        f"sources[{index}]: a second translation in {source.lang!r} (one translation per language)"
                    )
                seen_langs.add(source.lang)
        if not seen_langs:
            raise ValueError('no source has role = "translation"')
        if self.epub.primary is not None and self.epub.primary not in seen_langs:
            raise ValueError(f"epub.primary: {self.epub.primary!r} is not the language of a translation")
        missing = [code for code in seen_langs if code not in self.titles]
        if missing:
            raise ValueError(f"titles: no title for {', '.join(sorted(missing))}")
        return self

    @property
    def translations(self) -> list[Source]:
        return [s for s in self.sources if s.role == "translation"]

    @property
    def appendices(self) -> list[Source]:
        return [s for s in self.sources if s.role == "appendix"]

    @property
    def languages(self) -> list[str]:
        """Languages of the parallel text, in manifest order (the first is the primary one)."""
        return [s.lang for s in self.translations]

    @property
    def primary_lang(self) -> str:
        return self.languages[0]

    @property
    def all_languages(self) -> list[str]:
        seen: dict[str, None] = {}
        for source in self.sources:
            seen.setdefault(source.lang, None)
        return list(seen)

    def label(self, code: str) -> str:
        return self.labels.get(code) or languages.native_name(code)

    def title(self, code: str | None = None) -> str:
        code = code or self.primary_lang
        return self.titles.get(code) or self.titles[self.primary_lang]

    def uid(self) -> str:
        """A publication identifier stable across builds (derived from the slug unless given)."""
        if self.identifier:
            return self.identifier
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'enface:edition:' + self.slug)}"


def _format_validation(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing":
        message = "is required"
    elif first["type"] == "extra_forbidden":
        message = "is not a known setting (check the spelling)"
    more = len(error.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{where}: {message}{suffix}" if where else f"{message}{suffix}"


def load_edition(edition_dir: Path) -> Edition:
    """Read and check ``edition_dir/edition.toml``."""
    path = edition_dir / MANIFEST_NAME
    if not edition_dir.is_dir():
        raise EnfaceError("no such edition folder", path=edition_dir, hint="give a folder that holds edition.toml")
    if not path.is_file():
        raise EnfaceError("edition manifest not found", path=path, hint="create it, or draft one with `enface init`")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise EnfaceError(f"not valid UTF-8 at byte {exc.start}", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise EnfaceError(
            f"TOML syntax error: {message}", path=path, line=int(found.group(1)) if found else None
        ) from None
    try:
        return Edition.model_validate(data)
    except ValidationError as exc:
        raise EnfaceError(_format_validation(exc), path=path) from None
