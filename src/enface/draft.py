"""``enface init``: draft an edition from a folder of plain-text files.

Which files are versions of one text? Translations keep the paragraphs: their counts agree
(or nearly: a translator may merge or split one) and so does the *shape* of the text, the
sequence of paragraph lengths relative to the whole (a long paragraph stays long in every
language). We align each pair of files' paragraphs (:func:`enface.align.align_paragraphs`,
which also copes with a missing or split paragraph), and correlate the lengths of the aligned
paragraphs. Files that fit the largest such family are translations; the rest (a review, notes,
another text) become appendices. Every decision carries a reason a person can check.

The manifest written is a draft: titles are the texts' first lines or sentences, shortened,
and the description says to edit it. It always passes :func:`enface.manifest.load_edition`.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import languages
from .align import align_paragraphs
from .errors import EnfaceError
from .ingest.language import identify
from .ingest.reader import decode, detect_convention, normalise, split_paragraphs
from .manifest import MANIFEST_NAME, load_edition
from .segment import split_sentences

# Two texts are versions of each other when their aligned paragraph lengths correlate this well
# (the bundled translations: r ≥ 0.99; an unrelated text of the same length: r ≈ 0).
MIN_CORRELATION = 0.8
# Paragraph counts may differ by this fraction (at least one paragraph) between versions.
COUNT_TOLERANCE = 0.1
# Below this probability the language guess is reported as unsure.
SURE_LANGUAGE = 0.9
TITLE_LENGTH = 60

Role = Literal["translation", "appendix"]


@dataclass(frozen=True)
class FileDecision:
    """What ``enface init`` made of one file, and why."""

    file: str
    lang: str
    lang_probability: float
    paragraphs: int
    role: Role
    reason: str
    correlation: float | None = None  # paragraph-length profile r with the reference text
    reference: str | None = None  # the file the correlation is measured against


@dataclass(frozen=True)
class Draft:
    """The drafted edition: where it is and the per-file decisions."""

    out_dir: Path
    manifest: Path
    slug: str
    decisions: tuple[FileDecision, ...]

    @property
    def translations(self) -> list[FileDecision]:
        return [d for d in self.decisions if d.role == "translation"]

    @property
    def appendices(self) -> list[FileDecision]:
        return [d for d in self.decisions if d.role == "appendix"]


@dataclass(frozen=True)
class _Text:
    path: Path
    lang: str
    probability: float
    paragraphs: tuple[str, ...]


def draft_edition(src_dir: Path, out_dir: Path) -> Draft:
    """Copy the ``*.txt`` files of ``src_dir`` into ``out_dir`` with a drafted ``edition.toml``."""
    files = _source_files(src_dir)
    _check_out_dir(out_dir)
    texts = [_read(path) for path in files]
    decisions = _decide(texts)
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copyfile(path, out_dir / path.name)
    slug = _slug(out_dir.resolve().name) or _slug(src_dir.resolve().name) or "edition"
    manifest = out_dir / MANIFEST_NAME
    manifest.write_text(_manifest(slug, src_dir, texts, decisions), encoding="utf-8")
    load_edition(out_dir)  # the draft must be a valid edition: fail here, not at the first build
    return Draft(out_dir=out_dir, manifest=manifest, slug=slug, decisions=tuple(decisions))


# --- reading -----------------------------------------------------------------------------


def _source_files(src_dir: Path) -> list[Path]:
    if not src_dir.is_dir():
        raise EnfaceError("no such folder", path=src_dir, hint="give the folder that holds the .txt files")
    files = sorted(path for path in src_dir.glob("*.txt") if path.is_file())
    if not files:
        raise EnfaceError(
            "no .txt files in this folder",
            path=src_dir,
            hint="put one UTF-8 plain-text file per version of the text there",
        )
    return files


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise EnfaceError(
            "the edition folder already exists and is not empty",
            path=out_dir,
            hint="choose a new folder; enface init never overwrites files",
        )


def _read(path: Path) -> _Text:
    text, _ = normalise(decode(path.read_bytes(), path))
    paragraphs = tuple(p.text for p in split_paragraphs(text, detect_convention(text)))
    if not paragraphs:
        raise EnfaceError("the file has no text", path=path, hint="add the text, or move the file away")
    lang, probability = identify("\n".join(paragraphs))
    if not languages.is_valid(lang):
        raise EnfaceError(
            f"the language identifier answered {lang!r}, not an ISO 639-1 code",
            path=path,
            hint="move the file away, or draft without it and add it to edition.toml by hand",
        )
    return _Text(path=path, lang=lang, probability=probability, paragraphs=paragraphs)


# --- deciding ----------------------------------------------------------------------------


def profile_correlation(a: tuple[str, ...], b: tuple[str, ...]) -> float | None:
    """Pearson r of the paragraph lengths of ``a`` and ``b`` after aligning their paragraphs.

    With equal counts the paragraphs are compared as they stand. Otherwise lengths are summed
    per aligned bead, so a paragraph split in two in one version still compares with its whole
    counterpart (not with equal counts: the DP, free to merge neighbours until lengths fit,
    would flatter two unrelated texts). ``None`` when there are fewer than three paragraphs or
    beads (too few to tell a shape).
    """
    if len(a) == len(b):
        xs, ys = [len(p) for p in a], [len(p) for p in b]
    else:
        beads = align_paragraphs({"a": list(a), "b": list(b)}, "a")
        xs = [sum(len(a[i]) for i in bead.sentences["a"]) for bead in beads]
        ys = [sum(len(b[i]) for i in bead.sentences["b"]) for bead in beads]
    if len(xs) < 3:
        return None
    return _pearson(xs, ys)


def _pearson(xs: list[int], ys: list[int]) -> float:
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return 1.0 if var_x == var_y else 0.0
    return cov / math.sqrt(var_x * var_y)


def _counts_near(a: int, b: int) -> bool:
    return abs(a - b) <= max(1, round(COUNT_TOLERANCE * max(a, b)))


def _fit(a: _Text, b: _Text) -> tuple[bool, float | None]:
    """Are ``a`` and ``b`` versions of one text? And the profile correlation, when measurable."""
    if not _counts_near(len(a.paragraphs), len(b.paragraphs)):
        return False, None
    r = profile_correlation(a.paragraphs, b.paragraphs)
    if r is None:  # one or two paragraphs: the counts are all we can compare
        return len(a.paragraphs) == len(b.paragraphs), None
    return r >= MIN_CORRELATION, r


def _decide(texts: list[_Text]) -> list[FileDecision]:
    fits = {(i, j): _fit(texts[i], texts[j]) for i in range(len(texts)) for j in range(len(texts)) if i < j}
    fits.update({(j, i): value for (i, j), value in list(fits.items())})
    # The reference fits the most other files; among equals, the first file (the primary
    # language of the drafted edition, since translations keep the folder's order).
    reference = max(
        range(len(texts)), key=lambda i: (sum(1 for j in range(len(texts)) if j != i and fits[(i, j)][0]), -i)
    )
    family = _family(texts, reference, fits)
    return [_decision(texts, index, reference, family, fits) for index in range(len(texts))]


def _family(texts: list[_Text], reference: int, fits: dict[tuple[int, int], tuple[bool, float | None]]) -> set[int]:
    """The reference and the files that fit it, one per language (the best-fitting one)."""
    chosen: dict[str, int] = {texts[reference].lang: reference}
    partners = sorted(
        (j for j in range(len(texts)) if j != reference and fits[(reference, j)][0]),
        key=lambda j: (-(fits[(reference, j)][1] or 0.0), j),
    )
    for j in partners:
        chosen.setdefault(texts[j].lang, j)
    return set(chosen.values())


def _decision(
    texts: list[_Text],
    index: int,
    reference: int,
    family: set[int],
    fits: dict[tuple[int, int], tuple[bool, float | None]],
) -> FileDecision:
    text = texts[index]
    ref = texts[reference]
    head = f"{text.lang}, {len(text.paragraphs)} paragraph{'s' if len(text.paragraphs) != 1 else ''}"
    if text.probability < SURE_LANGUAGE:
        head += f" (language unsure, p={text.probability:.2f})"
    fitted, r = (None, None) if index == reference else fits[(reference, index)]
    if index == reference:
        partners = [
            f"{texts[j].lang} r={fits[(index, j)][1]:.2f}" if fits[(index, j)][1] is not None else texts[j].lang
            for j in sorted(family - {index})
        ]
        why = f"reference text, fits {', '.join(partners)}" if partners else "no other text has its shape"
        role: Role = "translation"
    elif index in family:
        why = f"length profile {_r(r)} with {ref.lang}"
        role = "translation"
    elif fitted:
        rival = next(j for j in family if texts[j].lang == text.lang)
        why = f"fits {ref.lang} ({_r(r)}), but {texts[rival].path.name} is the better {text.lang} version"
        role = "appendix"
    elif not _counts_near(len(text.paragraphs), len(ref.paragraphs)):
        why = f"profile unlike the others ({len(ref.paragraphs)} paragraphs in {ref.lang})"
        role = "appendix"
    else:
        why = f"length profile {_r(r)} with {ref.lang}, unlike a translation"
        role = "appendix"
    arrow = "translation" if role == "translation" else "appendix"
    return FileDecision(
        file=text.path.name,
        lang=text.lang,
        lang_probability=text.probability,
        paragraphs=len(text.paragraphs),
        role=role,
        reason=f"{head}, {why} → {arrow}",
        correlation=r,
        reference=None if index == reference else ref.path.name,
    )


def _r(r: float | None) -> str:
    return "r not measurable" if r is None else f"r={r:.2f}"


# --- writing -----------------------------------------------------------------------------


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:64].rstrip("-")


def draft_title(paragraphs: Sequence[str], lang: str) -> str:
    """A placeholder title: a short first line as it is, else the first sentence shortened."""
    first = paragraphs[0]
    if len(first) <= TITLE_LENGTH and len(paragraphs) > 1:
        return first.rstrip(" .:;")
    sentences = split_sentences(first, lang)
    sentence = (sentences[0] if sentences else first).rstrip(" .:;")
    if len(sentence) <= TITLE_LENGTH:
        return sentence
    cut = sentence[: TITLE_LENGTH + 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return f"{cut}…"


def _toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes (\\", \\\\, \\n, \\uXXXX) are all valid TOML."""
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> str:
    return "#" + re.sub(r"[\x00-\x1f\x7f]", " ", text)


def _manifest(slug: str, src_dir: Path, texts: list[_Text], decisions: list[FileDecision]) -> str:
    by_file = {text.path.name: text for text in texts}
    translations = [d for d in decisions if d.role == "translation"]
    description = (
        f"DRAFT made by enface init from {len(texts)} text file(s) in {src_dir.name or src_dir}: "
        f"{', '.join(d.lang for d in translations)} as parallel translations"
        + (f", {len(decisions) - len(translations)} appendix file(s)" if len(translations) < len(decisions) else "")
        + ". Edit this description, the titles, the credits and the rights before publishing."
    )
    lines = [
        f"# Drafted by `enface init` from {src_dir}. Check every value, then build.",
        "# Each source's decision (translation or appendix) and its reason:",
        *(_comment(f"  {d.file}: {d.reason}") for d in decisions),
        "",
        f"slug = {_toml_string(slug)}",
        f"description = {_toml_string(description)}",
        "",
        "[titles]",
        *(f"{d.lang} = {_toml_string(draft_title(by_file[d.file].paragraphs, d.lang))}" for d in translations),
    ]
    for decision in decisions:
        lines += [
            "",
            "[[sources]]",
            f"file = {_toml_string(decision.file)}",
            f"lang = {_toml_string(decision.lang)}",
            f"role = {_toml_string(decision.role)}",
        ]
        if decision.role == "appendix":
            title = draft_title(by_file[decision.file].paragraphs, decision.lang)
            lines += ["", "[sources.title]", f"{decision.lang} = {_toml_string(title)}"]
    return "\n".join(lines) + "\n"
