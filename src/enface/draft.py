"""``enface init``: draft an edition from a folder of source files.

Every file a reader knows (plain text, Markdown, DOCX, ODT, EPUB, HTML, FB2) is read as a build
would read it. Its language is the one its metadata gives (``lang`` in a Markdown YAML block, the
document language of a DOCX or EPUB), else the one the language identifier finds; its title is
the metadata's, else its first heading, else the file's name.

Which files are versions of one text? Not those with the same number of paragraphs: a free
translation merges and splits them. Versions of one text are in different languages, about as
long as each other, and built alike:

- **length**: the longest is at most :data:`LENGTH_FACTOR` times the shortest, counted in
  non-space characters (a Chinese, Japanese or Korean character counts :data:`CJK_WEIGHT`,
  since those scripts say in one character what others say in several);
- **headings**, when both files have some: as many (within :data:`HEADING_TOLERANCE`), and
  at the same places (each heading's position as a fraction of the text; paired in order, at
  most :data:`HEADING_DRIFT` apart): a translation keeps its chapters where they were — unless
  their **words** stand at the same places (names, numbers, cognates, dictionary pairs;
  :mod:`enface.align.kinship`, at least :data:`SAME_WORK` above chance), which no two different
  works showed: a translation chaptered otherwise is still one.

The translations are the largest group of files that all fit each other, one per language
(among equally large groups, the one whose lengths are closest, then the one with the most
text); every other file is extra material, an appendix: a second text in a language already
taken, or a text much shorter or longer, or built otherwise. Every decision carries its reason,
printed as a table and written as comments in the manifest.

The manifest is a draft that always passes :func:`enface.manifest.load_edition`; its
description says to edit it. Plain text never gets ``form`` or ``headings`` (structure is
declared, not guessed): a comment says where to add them.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import heading_lines, languages
from .blocks import SourceDocument
from .errors import EnfaceError
from .ingest.language import identify
from .manifest import MANIFEST_NAME, load_edition
from .readers import known_formats, read_document, reader_for

# Two texts whose headings do not fit are still versions of one work when their words stand at
# the same places this far above chance (a z-score; see :mod:`enface.align.kinship`).
SAME_WORK = 3.0

# The longest version of a text is at most this many times as long as the shortest.
LENGTH_FACTOR = 2.0
# Characters of these scripts count this many times (they carry more per character: on the
# Snow Queen, Japanese has 0.75 times the characters of English, Chinese has fewer still).
CJK_WEIGHT = 1.5
_CJK = re.compile("[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff]")
# Heading counts may differ by this fraction of the larger (at least one heading).
HEADING_TOLERANCE = 0.2
# Headings of two versions stand at most this fraction of the text apart (measured on real
# books: translations of one work ≤ 0.056, different works with as many headings ≥ 0.085).
HEADING_DRIFT = 0.07
# Below this probability the language guess is reported as unsure.
SURE_LANGUAGE = 0.9
# The build refuses a source the identifier reads as another language with more than this.
_BUILD_REFUSES = 0.5
TITLE_LENGTH = 80

Role = Literal["translation", "appendix"]


@dataclass(frozen=True)
class FileDecision:
    """What ``enface init`` made of one file, and why."""

    file: str
    lang: str
    lang_probability: float  # the language identifier's, even when the metadata's language is taken
    lang_source: str  # "metadata" or "identified"
    lang_note: str  # the language and how it was found: "fr (metadata)", "ru (p=0.97)", …
    length: int  # non-space characters (CJK weighted)
    headings: int
    role: Role
    reason: str
    title: str
    title_source: str  # "metadata", "heading" or "file name"
    format: str  # the reader


@dataclass(frozen=True)
class Draft:
    """The drafted edition: where it is, the per-file decisions, the files left out."""

    out_dir: Path
    manifest: Path
    slug: str
    decisions: tuple[FileDecision, ...]
    ignored: tuple[tuple[str, str], ...] = ()  # (file name, why)

    @property
    def translations(self) -> list[FileDecision]:
        return [d for d in self.decisions if d.role == "translation"]

    @property
    def appendices(self) -> list[FileDecision]:
        return [d for d in self.decisions if d.role == "appendix"]


@dataclass(frozen=True)
class _Text:
    path: Path
    format: str
    document: SourceDocument
    lang: str
    probability: float
    lang_note: str  # how the language was found, for the reason
    lang_source: str
    title: str
    title_source: str
    length: int
    heading_positions: tuple[float, ...]
    proposed: heading_lines.Suggestion | None = None  # a plain text's chapter lines (heading_lines)

    @property
    def primary(self) -> str:
        return languages.primary(self.lang)

    @property
    def headings(self) -> int:
        return len(self.heading_positions)


def draft_edition(src_dir: Path, out_dir: Path) -> Draft:
    """Copy the source files of ``src_dir`` into ``out_dir`` with a drafted ``edition.toml``."""
    files, ignored = _source_files(src_dir)
    _check_out_dir(out_dir)
    texts = [_read(path, src_dir) for path in files]
    decisions = decide(texts)
    out_dir.mkdir(parents=True, exist_ok=True)
    for text in texts:
        shutil.copyfile(text.path, out_dir / text.path.name)
        for image in _images(text, src_dir):
            target = out_dir / image.relative_to(src_dir.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(image, target)
    slug = _slug(out_dir.resolve().name) or _slug(src_dir.resolve().name) or "edition"
    manifest = out_dir / MANIFEST_NAME
    manifest.write_text(_manifest(slug, src_dir, texts, decisions), encoding="utf-8")
    load_edition(out_dir)  # the draft must be a valid edition: fail here, not at the first build
    return Draft(out_dir=out_dir, manifest=manifest, slug=slug, decisions=tuple(decisions), ignored=tuple(ignored))


# --- reading -----------------------------------------------------------------------------


def _source_files(src_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files a reader knows, by name; the others (but hidden files) with the reason."""
    if not src_dir.is_dir():
        raise EnfaceError("no such folder", path=src_dir, hint="give the folder that holds the texts")
    files: list[Path] = []
    ignored: list[tuple[str, str]] = []
    for path in sorted(p for p in src_dir.iterdir() if p.is_file() and not p.name.startswith(".")):
        try:
            reader_for(path)
        except EnfaceError:
            ignored.append((path.name, f"no reader for {path.suffix or 'a file without extension'}"))
        else:
            files.append(path)
    if not files:
        raise EnfaceError(
            "no source files in this folder",
            path=src_dir,
            hint=f"put one file per version of the text there; formats known: {known_formats()}",
        )
    return files, ignored


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise EnfaceError(
            "the edition folder already exists and is not empty",
            path=out_dir,
            hint="choose a new folder; enface init never overwrites files",
        )


def weighted_length(text: str) -> int:
    """Non-space characters, those of Chinese, Japanese and Korean counting :data:`CJK_WEIGHT`."""
    return round(sum(1 for ch in text if not ch.isspace()) + (CJK_WEIGHT - 1) * len(_CJK.findall(text)))


def _read(path: Path, src_dir: Path) -> _Text:
    document = read_document(path, edition_dir=src_dir)
    blocks = [b for b in document.blocks if b.text.strip()]
    if not blocks:
        raise EnfaceError("the file has no text", path=path, hint="add the text, or move the file away")
    lang, probability, note, lang_source = _language(path, document, "\n".join(b.text for b in blocks))
    positions: list[float] = []
    done = 0
    # a plain text's chapter lines count as the headings the draft will give it (heading_lines)
    proposed = heading_lines.suggest([b.text for b in blocks]) if reader_for(path).name == "text" else None
    chapter_lines = set(proposed.indices) if proposed is not None else set()
    for index, block in enumerate(blocks):
        if block.kind == "head" or index in chapter_lines:
            positions.append(done)
        done += weighted_length(block.text)
    title, title_source = _title(path, document)
    return _Text(
        path=path,
        format=reader_for(path).name,
        document=document,
        lang=lang,
        probability=probability,
        lang_note=note,
        lang_source=lang_source,
        title=title,
        title_source=title_source,
        length=done,
        heading_positions=tuple(p / done for p in positions),
        proposed=proposed,
    )


def _language(path: Path, document: SourceDocument, text: str) -> tuple[str, float, str, str]:
    """The language, the identifier's probability, how it was found (for the reason), its source."""
    found, probability = identify(text)
    declared = document.meta.get("lang", "").strip().replace("_", "-")
    if declared and languages.is_valid(declared):
        if languages.primary(declared) == found or probability <= _BUILD_REFUSES:
            return declared, probability, f"{declared} (metadata)", "metadata"
        note = f"{found} (p={probability:.2f}; the metadata's {declared} is not what the text reads as)"
    elif declared:
        note = f"{found} (p={probability:.2f}; the metadata's {declared!r} is not a language code)"
    else:
        note = f"{found} (p={probability:.2f}{'' if probability >= SURE_LANGUAGE else ', unsure'})"
    if not languages.is_valid(found):
        raise EnfaceError(
            f"the language identifier answered {found!r}, not an ISO 639-1 code",
            path=path,
            hint="give the language in the file's metadata, or move the file away and add it to edition.toml by hand",
        )
    return found, probability, note, "identified"


def _title(path: Path, document: SourceDocument) -> tuple[str, str]:
    title = " ".join(document.meta.get("title", "").split())
    if title:
        return _shorten(title), "metadata"
    heading = next((b.text for b in document.blocks if b.kind == "head" and b.text.strip()), "")
    if heading:
        return _shorten(" ".join(heading.split())), "heading"
    return path.stem, "file name"


def _shorten(title: str) -> str:
    if len(title) <= TITLE_LENGTH:
        return title
    return title[: TITLE_LENGTH + 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—") + "…"


def _images(text: _Text, src_dir: Path) -> Iterable[Path]:
    """The image files the text refers to that are in the folder (to copy along)."""
    root = src_dir.resolve()
    for block in text.document.blocks:
        if block.kind == "figure" and block.src:
            image = (root / block.src).resolve()
            if image.is_file() and image.is_relative_to(root):
                yield image


# --- deciding ----------------------------------------------------------------------------


def misfit(a: _Text, b: _Text) -> str | None:
    """Why ``b`` is not a version of the same text as ``a`` (``None``: it may be one)."""
    other = f"{a.path.name} ({a.lang})"
    if a.primary == b.primary:
        return f"in {a.primary} like {other}"
    ratio = max(a.length, b.length) / max(1, min(a.length, b.length))
    if ratio > LENGTH_FACTOR:
        return f"{ratio:.1f}× {'shorter' if b.length < a.length else 'longer'} than {other}"
    why = _heading_misfit(a, b)
    if why is not None and kinship(a, b) < SAME_WORK:
        return why
    return None


def _heading_misfit(a: _Text, b: _Text) -> str | None:
    """Why the headings of ``b`` do not fit those of ``a`` (``None``: they do, or one has none)."""
    other = f"{a.path.name} ({a.lang})"
    if not (a.headings and b.headings):
        return None
    if abs(a.headings - b.headings) > max(1, round(HEADING_TOLERANCE * max(a.headings, b.headings))):
        return f"{b.headings} heading{'s' if b.headings != 1 else ''} where {other} has {a.headings}"
    drift = heading_drift(a.heading_positions, b.heading_positions)
    if drift is not None and drift > HEADING_DRIFT:
        return f"headings elsewhere than in {other} (up to {drift:.0%} of the text apart)"
    return None


_KINSHIP: dict[tuple[Path, Path], float] = {}


def kinship(a: _Text, b: _Text) -> float:
    """How far above chance the words of ``a`` have their partners at the same places of ``b``
    (:func:`enface.align.kinship.same_places`, a z-score): a translation chaptered otherwise
    still renders its original's names, numbers and words where they were. Worked out once per
    pair of files, either way round."""
    key = (a.path, b.path) if str(a.path) <= str(b.path) else (b.path, a.path)
    if key not in _KINSHIP:
        from .align.kinship import same_places

        first, second = (a, b) if key[0] == a.path else (b, a)
        _KINSHIP[key] = same_places(_paragraphs(first), _paragraphs(second), first.primary, second.primary)
    return _KINSHIP[key]


def _paragraphs(text: _Text) -> list[str]:
    return [block.text for block in text.document.blocks if block.text.strip()]


def heading_drift(a: tuple[float, ...], b: tuple[float, ...]) -> float | None:
    """How far apart the headings of two texts stand (``None``: one has none): every heading
    of the text with fewer is paired, in order, with one of the other's (the pairing that puts
    them closest, by dynamic programming), and the largest distance of a pair is the answer, in
    fractions of the text."""
    if not a or not b:
        return None
    fewer, more = (a, b) if len(a) <= len(b) else (b, a)
    n, m = len(fewer), len(more)
    # cost[i][j]: the best pairing of fewer[:i] with more[:j] (sum of distances), and its largest distance
    inf = (float("inf"), 0.0)
    cost = [[(0.0, 0.0)] * (m + 1)] + [[inf] * (m + 1) for _ in range(n)]
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            distance = abs(fewer[i - 1] - more[j - 1])
            paired = (cost[i - 1][j - 1][0] + distance, max(cost[i - 1][j - 1][1], distance))
            cost[i][j] = min(cost[i][j - 1], paired)
    return cost[n][m][1]


def _spread(texts: list[_Text], group: Iterable[int]) -> float:
    """How far apart the lengths of a group are: the sum of ``|log(a/b)|`` over its pairs."""
    lengths = [max(1, texts[i].length) for i in group]
    return sum(abs(math.log(a / b)) for k, a in enumerate(lengths) for b in lengths[k + 1 :])


def _family(texts: list[_Text]) -> list[int]:
    """The translations: the largest group whose files all fit each other (maximal cliques of
    the fit graph, Bron–Kerbosch); among equals, the closest lengths, then the most text."""
    n = len(texts)
    fits = {i: {j for j in range(n) if j != i and misfit(texts[i], texts[j]) is None} for i in range(n)}
    cliques: list[list[int]] = []

    def grow(chosen: set[int], candidates: set[int], excluded: set[int]) -> None:
        if not candidates and not excluded:
            cliques.append(sorted(chosen))
            return
        for i in sorted(candidates):
            grow(chosen | {i}, candidates & fits[i], excluded & fits[i])
            candidates = candidates - {i}
            excluded = excluded | {i}

    grow(set(), set(range(n)), set())
    return min(cliques, key=lambda c: (-len(c), _spread(texts, c), -sum(texts[i].length for i in c), c))


def decide(texts: list[_Text]) -> list[FileDecision]:
    """Translation or appendix, for every file, with the reason."""
    _KINSHIP.clear()  # these files' contents, not a previous call's
    family = _family(texts)
    members = [texts[i] for i in family]
    decisions = []
    for index, text in enumerate(texts):
        if index in family:
            role: Role = "translation"
            others = [t for t in members if t is not text]
            if not others:
                why = "no two texts fit each other: the longest" if len(texts) > 1 else "the only text"
            else:
                why = f"fits {', '.join(t.lang for t in others)} ({_fit_summary(text, others)})"
        else:
            role = "appendix"
            rival = next((t for t in members if t.primary == text.primary), None)
            unlike = next(((t, m) for t in members if (m := misfit(t, text)) is not None and t is not rival), None)
            if unlike is not None:
                why = unlike[1]
                if rival is not None:
                    why = f"{text.primary} is taken by {rival.path.name}, and {why}"
            else:
                assert rival is not None  # the family is a maximal group: something keeps this file out
                median = statistics.median(t.length for t in members if t is not rival) if len(members) > 1 else 0
                why = f"{text.primary} is taken by {rival.path.name}, " + (
                    f"closer in length to the others ({rival.length:,} characters, this file {text.length:,}, "
                    f"the others {median:,.0f})"
                    if len(members) > 1
                    else "the longer"
                )
        decisions.append(
            FileDecision(
                file=text.path.name,
                lang=text.lang,
                lang_probability=text.probability,
                lang_source=text.lang_source,
                length=text.length,
                headings=text.headings,
                role=role,
                reason=f"{why} → {role}",
                lang_note=text.lang_note,
                title=text.title,
                title_source=text.title_source,
                format=text.format,
            )
        )
    return decisions


def _fit_summary(text: _Text, others: list[_Text]) -> str:
    ratios = [max(t.length, text.length) / max(1, min(t.length, text.length)) for t in others]
    summary = f"lengths within ×{max(ratios):.2f}"
    unlike = [t for t in others if _heading_misfit(t, text) is not None]
    drifts = [d for t in others if (d := heading_drift(text.heading_positions, t.heading_positions)) is not None]
    if unlike:
        summary += (
            f", headings otherwise but words at the same places (z ≥ {min(kinship(text, t) for t in unlike):.1f})"
        )
    elif drifts:
        summary += f", headings at the same places (±{max(drifts):.0%})"
    return summary


# --- writing -----------------------------------------------------------------------------


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:64].rstrip("-")


def _toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes (\\", \\\\, \\n, \\uXXXX) are all valid TOML."""
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> str:
    return "#" + re.sub(r"[\x00-\x1f\x7f]", " ", text)


def _manifest(slug: str, src_dir: Path, texts: list[_Text], decisions: list[FileDecision]) -> str:
    by_file = {text.path.name: text for text in texts}
    translations = [d for d in decisions if d.role == "translation"]
    description = (
        f"DRAFT made by enface init from {len(texts)} file(s) in {src_dir.name or src_dir}: "
        f"{', '.join(d.lang for d in translations)} as parallel translations"
        + (f", {len(decisions) - len(translations)} appendix file(s)" if len(translations) < len(decisions) else "")
        + ". Edit this description, the titles, the credits and the rights before publishing."
    )
    lines = [
        f"# Drafted by `enface init` from {src_dir}. Check every value, then build.",
        "# Each source's decision (translation or appendix) and its reason:",
        *(
            _comment(f"  {d.file}: {d.lang_note}, {d.length:,} characters, {d.headings} headings: {d.reason}")
            for d in decisions
        ),
        "",
        f"slug = {_toml_string(slug)}",
        f"description = {_toml_string(description)}",
        "",
        "[titles]  # from each file's metadata, else its first heading, else its name: edit them",
        *(f"{d.lang} = {_toml_string(d.title)}" for d in translations),
    ]
    for decision in decisions:
        text = by_file[decision.file]
        lines += [
            "",
            "[[sources]]",
            f"file = {_toml_string(decision.file)}",
            f"lang = {_toml_string(decision.lang)}",
            f"role = {_toml_string(decision.role)}",
        ]
        try:
            by_extension = reader_for(text.path).name
        except EnfaceError:
            by_extension = None
        if by_extension != text.format:
            lines.append(f"format = {_toml_string(text.format)}")
        if text.format == "text":
            found = text.proposed
            if found is None:
                lines.append('# plain text: add form = "verse" for a poem, headings = "^CHAPTER " for chapter headings')
            else:
                shown = ", ".join(repr(line) for line in found.lines[:3]) + (", …" if len(found.lines) > 3 else "")
                lines += [
                    _comment(f" plain text: {len(found.lines)} lines look like chapter headings ({shown}): check"),
                    "# the pattern below (a regular expression), or remove it to read them as paragraphs",
                    f"headings = {_toml_string(found.pattern)}",
                ]
        if decision.role == "appendix":
            lines += ["", "[sources.title]", f"{decision.lang} = {_toml_string(decision.title)}"]
    return "\n".join(lines) + "\n"
