"""`enface init`: which files are translations, which appendices, and a manifest that loads."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from enface.draft import draft_edition, draft_title, profile_correlation
from enface.errors import EnfaceError
from enface.manifest import load_edition

SEEDS = Path("/work/shared/seeds")
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


def test_drafting_the_seeds(tmp_path: Path) -> None:
    out = tmp_path / "Face of Another"
    draft = draft_edition(SEEDS, out)
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
    assert reasons[RU].startswith("ru, 19 paragraphs, length profile r=0.9") and reasons[RU].endswith("→ translation")
    assert reasons[REVIEW] == "ru, 8 paragraphs, profile unlike the others (19 paragraphs in fr) → appendix"
    assert all(d.correlation > 0.95 for d in draft.decisions if d.file in (ID, RU))
    assert [d.file for d in draft.translations] == [FR, ID, RU] and len(draft.appendices) == 1
    assert edition.titles["fr"].startswith("Le chercheur") and len(edition.titles["fr"]) <= 61
    manifest = tomllib.loads(draft.manifest.read_text(encoding="utf-8"))
    assert manifest["sources"][3]["title"]["ru"].startswith("Пролог Доктора")


def test_a_text_of_the_same_length_but_another_shape_is_an_appendix(tmp_path: Path) -> None:
    src = copy_sources(tmp_path / "src", [FR, ID])
    paragraphs = (SEEDS / RU).read_text(encoding="utf-8").split("\n")
    lines = [p for p in paragraphs if p.strip()]
    shuffled = lines[::2] + lines[1::2]  # same 19 paragraphs, other order: not a translation
    (src / "ru-shuffled.txt").write_text("\n".join(shuffled) + "\n", encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    decision = next(d for d in draft.decisions if d.file == "ru-shuffled.txt")
    assert decision.role == "appendix"
    assert "unlike a translation" in decision.reason and decision.correlation < 0.8


def test_one_translation_per_language(tmp_path: Path) -> None:
    src = copy_sources(tmp_path / "src", [FR, RU])
    lines = [p for p in (SEEDS / RU).read_text(encoding="utf-8").split("\n") if p.strip()]
    (src / "004_ru_abridged.txt").write_text("\n".join(lines[:7] + lines[8:]) + "\n", encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    roles = {d.file: d.role for d in draft.decisions}
    assert roles == {FR: "translation", RU: "translation", "004_ru_abridged.txt": "appendix"}
    abridged = next(d for d in draft.decisions if d.file == "004_ru_abridged.txt")
    assert f"{RU} is the better ru version" in abridged.reason
    load_edition(tmp_path / "out")


def test_a_missing_paragraph_still_fits(tmp_path: Path) -> None:
    src = copy_sources(tmp_path / "src", [FR])
    lines = [p for p in (SEEDS / ID).read_text(encoding="utf-8").split("\n") if p.strip()]
    (src / "id.txt").write_text("\n".join(lines[:4] + lines[5:]) + "\n", encoding="utf-8")
    draft = draft_edition(src, tmp_path / "out")
    assert [d.role for d in draft.decisions] == ["translation", "translation"]


def test_refusals(tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(EnfaceError, match="not empty"):
        draft_edition(SEEDS, busy)
    empty_src = tmp_path / "nothing"
    empty_src.mkdir()
    (empty_src / "readme.md").write_text("no text here", encoding="utf-8")
    with pytest.raises(EnfaceError, match=r"no \.txt files"):
        draft_edition(empty_src, tmp_path / "out")
    with pytest.raises(EnfaceError, match="no such folder"):
        draft_edition(tmp_path / "missing", tmp_path / "out")
    assert not (tmp_path / "out").exists()
    (tmp_path / "empty-out").mkdir()
    draft_edition(copy_sources(tmp_path / "one", [FR]), tmp_path / "empty-out")  # an empty folder is fine
    assert load_edition(tmp_path / "empty-out").languages == ["fr"]


def test_profile_correlation_and_titles() -> None:
    fr = tuple(p for p in (SEEDS / FR).read_text(encoding="utf-8").split("\n") if p.strip())
    ru = tuple(p for p in (SEEDS / RU).read_text(encoding="utf-8").split("\n") if p.strip())
    assert profile_correlation(fr, ru) > 0.95
    assert profile_correlation(fr, tuple(reversed(ru))) < 0.5
    assert profile_correlation(fr[:2], ru[:2]) is None
    assert draft_title(("Chapitre premier", "Le texte commence."), "fr") == "Chapitre premier"
    assert draft_title(("Une phrase courte. Une autre.",), "fr") == "Une phrase courte"
