"""`enface init` on plain text: which files are translations, which appendices (by language,
length and headings, never by paragraph counts), and a manifest that loads."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from enface.draft import LENGTH_FACTOR, draft_edition, heading_drift, weighted_length
from enface.errors import EnfaceError
from enface.manifest import load_edition

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"  # beside the checkout
if not SEEDS.is_dir():  # the same files ship as the bundled edition
    SEEDS = Path(__file__).resolve().parent.parent / "editions" / "face-of-another"
FR, ID, RU, REVIEW = (
    "000_17a15a535a755a60.txt",
    "001_bc9df355ac308037.txt",
    "002_8b5314bc04e1d0a1.txt",
    "003_77f1739700b8fbe3.txt",
)


def copy_sources(target: Path, names: list[str]) -> Path:
    target.mkdir()
    for name in names:
        shutil.copyfile(SEEDS / name, target / name)
    return target


def lines(name: str) -> list[str]:
    return [p for p in (SEEDS / name).read_text(encoding="utf-8").split("\n") if p.strip()]


def test_drafting_the_seeds(tmp_path: Path) -> None:
    src = copy_sources(tmp_path / "src", [FR, ID, RU, REVIEW])
    out = tmp_path / "Face of Another"
    draft = draft_edition(src, out)
    roles = {d.file: (d.lang, d.role) for d in draft.decisions}
    assert roles == {
        FR: ("fr", "translation"),
        ID: ("id", "translation"),
        RU: ("ru", "translation"),
        REVIEW: ("ru", "appendix"),
    }
    edition = load_edition(out)
    assert edition.languages == ["fr", "id", "ru"]
    assert [s.file for s in edition.appendices] == [REVIEW]
    assert edition.slug == draft.slug == "face-of-another"
    assert "draft" in edition.description.lower()
    for name in (FR, ID, RU, REVIEW):
        assert (out / name).read_bytes() == (SEEDS / name).read_bytes()
    reasons = {d.file: d.reason for d in draft.decisions}
    assert reasons[RU] == "fits fr, id (lengths within ×1.19) → translation"
    assert reasons[REVIEW] == f"ru is taken by {RU}, and 3.9× shorter than {FR} (fr) → appendix"
    assert all(d.lang_source == "identified" and d.lang_probability > 0.9 for d in draft.decisions)
    assert [d.file for d in draft.translations] == [FR, ID, RU] and len(draft.appendices) == 1
    # plain text has no metadata and no headings: the titles are the files' names, to edit
    assert edition.titles["fr"] == FR.removesuffix(".txt")
    manifest_text = draft.manifest.read_text(encoding="utf-8")
    manifest = tomllib.loads(manifest_text)
    assert manifest["sources"][3]["title"]["ru"] == REVIEW.removesuffix(".txt")
    assert "format" not in manifest["sources"][0]  # the extension says it
    assert "form" not in manifest["sources"][0] and "headings" not in manifest["sources"][0]  # never guessed
    assert f"#  {REVIEW}: ru (p=1.00), 2,898 characters, 0 headings: ru is taken by" in manifest_text


def test_a_free_translation_with_other_paragraphs_is_still_a_translation(tmp_path: Path) -> None:
    src = copy_sources(tmp_path / "src", [FR])
    ru = lines(RU)
    merged = [" ".join(ru[:3]), *ru[3:10], " ".join(ru[10:14]), *ru[14:]]  # 19 paragraphs become 14
    (src / "ru.txt").write_text("\n\n".join(merged) + "\n", encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    assert [(d.lang, d.role) for d in draft.decisions] == [("fr", "translation"), ("ru", "translation")]


def test_one_translation_per_language(tmp_path: Path) -> None:
    src = copy_sources(tmp_path / "src", [FR, RU])
    (src / "004_ru_abridged.txt").write_text("\n".join(lines(RU)[:7] + lines(RU)[9:]) + "\n", encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    roles = {d.file: d.role for d in draft.decisions}
    assert roles == {FR: "translation", RU: "translation", "004_ru_abridged.txt": "appendix"}
    abridged = next(d for d in draft.decisions if d.file == "004_ru_abridged.txt")
    assert re.fullmatch(
        rf"ru is taken by {RU}, closer in length to the others \(10,079 characters, this file [\d,]+, "
        r"the others 11,208\) → appendix",
        abridged.reason,
    )
    load_edition(tmp_path / "out")


def test_a_much_shorter_text_in_another_language_is_an_appendix(tmp_path: Path) -> None:
    src = copy_sources(tmp_path / "src", [FR, ID])
    (src / "ru-excerpt.txt").write_text("\n".join(lines(RU)[:4]) + "\n", encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    excerpt = next(d for d in draft.decisions if d.file == "ru-excerpt.txt")
    assert excerpt.role == "appendix"
    assert excerpt.reason == f"4.4× shorter than {FR} (fr) → appendix"


def test_no_two_texts_fit_each_other(tmp_path: Path) -> None:
    src = copy_sources(tmp_path / "src", [FR])
    (src / "ru-excerpt.txt").write_text("\n".join(lines(RU)[:3]) + "\n", encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    assert [(d.file, d.role) for d in draft.decisions] == [(FR, "translation"), ("ru-excerpt.txt", "appendix")]
    assert draft.decisions[0].reason == "no two texts fit each other: the longest → translation"


def test_refusals(tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(EnfaceError, match="not empty"):
        draft_edition(SEEDS, busy)
    empty_src = tmp_path / "nothing"
    empty_src.mkdir()
    (empty_src / "notes.pdf").write_bytes(b"%PDF-1.7")
    with pytest.raises(EnfaceError, match=r"no source files in this folder .*formats known: text \(\.txt"):
        draft_edition(empty_src, tmp_path / "out")
    with pytest.raises(EnfaceError, match="no such folder"):
        draft_edition(tmp_path / "missing", tmp_path / "out")
    blank = tmp_path / "blank"
    blank.mkdir()
    (blank / "a.txt").write_text("fr\n", encoding="utf-8")
    (blank / "b.txt").write_bytes(b"caf\xe9\n")
    with pytest.raises(EnfaceError) as err:
        draft_edition(blank, tmp_path / "out")
    assert str(err.value).startswith(f"{blank / 'b.txt'}:1: not valid UTF-8")
    assert not (tmp_path / "out").exists()
    (tmp_path / "empty-out").mkdir()
    draft = draft_edition(copy_sources(tmp_path / "one", [FR]), tmp_path / "empty-out")  # an empty folder is fine
    assert load_edition(tmp_path / "empty-out").languages == ["fr"]
    assert draft.decisions[0].reason == "the only text → translation"


def test_lengths_and_headings() -> None:
    assert weighted_length("a b\nc") == 3
    assert weighted_length("雪の女王") == 6  # CJK characters count 1.5
    assert LENGTH_FACTOR == 2.0
    assert heading_drift((), (0.5,)) is None
    assert heading_drift((0.0, 0.5), (0.0, 0.52)) == pytest.approx(0.02)
    # one extra heading (a title) is left out of the pairing
    assert heading_drift((0.0, 0.3, 0.6), (0.0, 0.0, 0.31, 0.6)) == pytest.approx(0.01)
    assert heading_drift((0.0, 0.3, 0.6), (0.0, 0.6, 0.9)) == pytest.approx(0.3)


def test_a_translation_chaptered_otherwise_is_still_one_by_its_words(tmp_path: Path) -> None:
    """Headings at other places would make the Russian an appendix; its words stand where the
    French ones do, which the review (another work) does not show."""
    from enface.align.kinship import same_places

    fr, ru, review = lines(FR), lines(RU), lines(REVIEW)
    assert same_places(fr, ru, "fr", "ru") >= 3.0
    assert same_places(fr, review, "fr", "ru") < 3.0
    src = tmp_path / "src"
    src.mkdir()
    chaptered = {"fr": (fr, (0, 3, 6)), "ru": (ru, (0, 12, 16))}
    for lang, (paragraphs, cuts) in chaptered.items():
        parts = [f"# {k + 1}\n\n" + "\n\n".join(paragraphs[a:b]) for k, (a, b) in enumerate(zip(cuts, [*cuts[1:], 19]))]
        (src / f"{lang}.md").write_text(f"---\nlang: {lang}\n---\n\n" + "\n\n".join(parts) + "\n", encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    assert [(d.lang, d.role) for d in draft.decisions] == [("fr", "translation"), ("ru", "translation")]
    assert "words at the same places" in draft.decisions[1].reason
