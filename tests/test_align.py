"""Paragraph and sentence alignment: the gold figures, bead invariants, the hard shapes."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enface.align import (
    Bead,
    LengthModel,
    align_document,
    align_paragraphs,
    align_sentences,
    estimate_models,
)
from enface.align.anchors import anchors
from enface.ingest.reader import decode, detect_convention, normalise, split_paragraphs

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "editions" / "face-of-another"
FILES = {"fr": "000_17a15a535a755a60.txt", "id": "001_bc9df355ac308037.txt", "ru": "002_8b5314bc04e1d0a1.txt"}
GOLD = ROOT / "tests" / "gold" / "face-of-another.json"
LANGS = ["fr", "id", "ru"]


def read_paragraphs() -> dict[str, list[str]]:
    result = {}
    for lang, name in FILES.items():
        path = EDITION / name
        text, _ = normalise(decode(path.read_bytes(), path))
        result[lang] = [p.text for p in split_paragraphs(text, detect_convention(text))]
    return result


PARAGRAPHS = read_paragraphs()


# --- the gold figure ------------------------------------------------------------------------


def _visible(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def gold_boundaries(gold: Mapping, paragraphs: Mapping[str, Sequence[str]], a: str, b: str) -> set[tuple[int, int]]:
    """Bead boundaries of the gold for the pair (a, b), as document character offsets."""
    starts = {lang: list(itertools.accumulate((_visible(p) for p in paragraphs[lang]), initial=0)) for lang in (a, b)}
    found = set()
    for paragraph in gold["paragraphs"]:
        n = paragraph["paragraph"] - 1
        offset_a, offset_b = starts[a][n], starts[b][n]
        for bead in paragraph["beads"][:-1]:
            offset_a += sum(_visible(s) for s in bead[a])
            offset_b += sum(_visible(s) for s in bead[b])
            found.add((offset_a, offset_b))
    return found


def predicted_boundaries(
    document, paragraphs: Mapping[str, Sequence[str]], a: str, b: str, gold_paragraphs: set[int]
) -> set[tuple[int, int]]:
    """Every bead boundary the aligner drew, inside a gold paragraph of a or b, as offsets."""
    starts = {lang: list(itertools.accumulate((_visible(p) for p in paragraphs[lang]), initial=0)) for lang in (a, b)}
    inside = {lang: [(starts[lang][n - 1], starts[lang][n]) for n in gold_paragraphs] for lang in (a, b)}
    found = set()
    for aligned in document:
        offset = {
            lang: starts[lang][aligned.paragraphs[lang][0]]
            if aligned.paragraphs[lang]
            else _start_after(aligned, document, starts[lang], lang)
            for lang in (a, b)
        }
        for bead in aligned.beads[:-1]:
            for lang in (a, b):
                offset[lang] += sum(_visible(aligned.sentences[lang][i]) for i in bead.sentences[lang])
            point = (offset[a], offset[b])
            if any(lo < point[k] < hi for k, lang in enumerate((a, b)) for lo, hi in inside[lang]):
                found.add(point)
    return found


def _start_after(aligned, document, starts: list[int], lang: str) -> int:
    """Offset of a paragraph bead in which ``lang`` has no paragraph: after the previous one."""
    previous = [i for item in document[: document.index(aligned)] for i in item.paragraphs[lang]]
    return starts[max(previous) + 1] if previous else 0


def boundary_scores(document, gold: Mapping, paragraphs: Mapping[str, Sequence[str]]) -> dict[str, tuple[float, float]]:
    """Boundary precision and recall per language pair.

    For a pair (a, b) each boundary between two beads is the point (characters of a before it,
    characters of b before it). Characters are counted without whitespace from the start of
    each language's whole text, so the figure compares *where* the cuts fall, not sentence
    indexes: a segmentation error (a sentence cut in two, two sentences run together) moves
    or adds or removes points and counts against the aligner like an alignment error. (A false
    split that the aligner puts back inside one bead changes no bead's text and costs nothing;
    one that becomes a bead boundary costs precision; a missed split costs recall.) Only
    boundaries inside the gold's paragraphs are scored (paragraph edges are trivially right
    when the paragraphs align; when they do not, the misplaced edge falls inside a paragraph
    and is counted). Precision = |predicted ∩ gold| / |predicted|; recall = |predicted ∩
    gold| / |gold|.
    """
    numbers = {p["paragraph"] for p in gold["paragraphs"]}
    scores = {}
    for a, b in itertools.combinations(gold["langs"], 2):
        expected = gold_boundaries(gold, paragraphs, a, b)
        predicted = predicted_boundaries(document, paragraphs, a, b, numbers)
        hits = len(expected & predicted)
        scores[f"{a}-{b}"] = (hits / len(predicted) if predicted else 1.0, hits / len(expected))
    return scores


def test_gold_is_the_source_text() -> None:
    """The gold's sentences are exactly the paragraphs (whitespace aside), in every language."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert gold["langs"] == LANGS
    assert len(gold["paragraphs"]) >= 6
    for paragraph in gold["paragraphs"]:
        for lang in LANGS:
            joined = "".join(s for bead in paragraph["beads"] for s in bead[lang])
            source = PARAGRAPHS[lang][paragraph["paragraph"] - 1]
            assert "".join(joined.split()) == "".join(source.split()), (lang, paragraph["paragraph"])
            assert all(s == s.strip() and s in source for bead in paragraph["beads"] for s in bead[lang])


def test_gold_precision_and_recall() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    scores = boundary_scores(align_document(PARAGRAPHS, "fr"), gold, PARAGRAPHS)
    for pair, (precision, recall) in scores.items():
        assert precision >= 0.99 and recall >= 0.99, (pair, precision, recall)


def test_the_metric_counts_segmentation_errors() -> None:
    """A missed split ("avec K. Si") costs recall; a false split ("Selon K. | , ce") costs precision."""
    from enface.segment import split_sentences

    gold = json.loads(GOLD.read_text(encoding="utf-8"))

    def missing_split(text: str, lang: str, context: str | None = None) -> list[str]:
        merged: list[str] = []
        for sentence in split_sentences(text, lang, context=context):
            if merged and lang == "fr" and merged[-1].endswith("avec K."):
                merged[-1] += " " + sentence
            else:
                merged.append(sentence)
        return merged

    def false_split(text: str, lang: str, context: str | None = None) -> list[str]:
        result: list[str] = []
        for sentence in split_sentences(text, lang, context=context):
            for marker in ("K.,", "К.,"):  # "Selon K. | , ce", "Menurut K. | , ini", "мнению К. | , это"
                if marker in sentence:
                    cut = sentence.index(marker) + 2
                    result += [sentence[:cut], sentence[cut:]]
                    break
            else:
                result.append(sentence)
        return result

    missed = boundary_scores(align_document(PARAGRAPHS, "fr", split=missing_split), gold, PARAGRAPHS)
    assert missed["fr-ru"][0] == 1.0 and missed["fr-ru"][1] < 1.0
    assert all(recall < 1.0 for _, recall in missed.values())  # the common bead is coarser for all
    extra = boundary_scores(align_document(PARAGRAPHS, "fr", split=false_split), gold, PARAGRAPHS)
    assert all(precision < 1.0 and recall == 1.0 for precision, recall in extra.values())


# --- paragraphs -----------------------------------------------------------------------------


def test_equal_counts_align_one_to_one() -> None:
    beads = align_paragraphs(PARAGRAPHS, "fr")
    assert len(beads) == 19
    assert all(
        bead.kind == "1-1-1" and bead.sentences == {lang: (i,) for lang in LANGS} for i, bead in enumerate(beads)
    )


@pytest.mark.parametrize("missing", [0, 6, 13, 18])
def test_missing_paragraph_gets_an_empty_tuple(missing: int) -> None:
    paragraphs = dict(PARAGRAPHS, ru=PARAGRAPHS["ru"][:missing] + PARAGRAPHS["ru"][missing + 1 :])
    beads = align_paragraphs(paragraphs, "fr")
    assert [bead.kind for bead in beads].count("1-1-0") == 1
    gap = next(bead for bead in beads if bead.kind == "1-1-0")
    assert gap.sentences == {"fr": (missing,), "id": (missing,), "ru": ()}
    assert gap.doubtful
    assert all(bead.kind == "1-1-1" for bead in beads if bead is not gap)


def test_split_and_merged_paragraphs() -> None:
    text = PARAGRAPHS["id"][10]
    cut = text.index(". ", len(text) // 2) + 1
    split = dict(PARAGRAPHS, id=PARAGRAPHS["id"][:10] + [text[:cut], text[cut + 1 :]] + PARAGRAPHS["id"][11:])
    kinds = [bead.kind for bead in align_paragraphs(split, "fr")]
    assert kinds == ["1-1-1"] * 10 + ["1-2-1"] + ["1-1-1"] * 8
    merged = dict(
        PARAGRAPHS,
        ru=PARAGRAPHS["ru"][:13] + [PARAGRAPHS["ru"][13] + " " + PARAGRAPHS["ru"][14]] + PARAGRAPHS["ru"][15:],
    )
    beads = align_paragraphs(merged, "fr")
    assert beads[13].sentences == {"fr": (13, 14), "id": (13, 14), "ru": (13,)}


def test_equal_counts_that_do_not_fit_fall_back_to_the_dp() -> None:
    """One paragraph missing and another split keeps the count at 19, but not the lengths."""
    text = PARAGRAPHS["ru"][10]
    cut = text.index(". ", len(text) // 2) + 1
    ru = PARAGRAPHS["ru"][:3] + PARAGRAPHS["ru"][4:10] + [text[:cut], text[cut + 1 :]] + PARAGRAPHS["ru"][11:]
    beads = align_paragraphs(dict(PARAGRAPHS, ru=ru), "fr")
    odd = [(bead.kind, bead.sentences["ru"]) for bead in beads if bead.kind != "1-1-1"]
    assert odd == [("1-1-0", ()), ("1-1-2", (9, 10))]


# --- sentences ------------------------------------------------------------------------------


def test_coarsest_common_partition() -> None:
    """fr↔id joins pivot sentences 1+2, fr↔ru keeps them apart: the common bead joins them."""
    sentences = {
        "fr": ["a" * 100, "b" * 50, "c" * 60, "d" * 100],
        "id": ["a" * 100, "b" * 111, "d" * 100],
        "ru": ["a" * 90, "b" * 45, "c" * 54, "d" * 90],
    }
    beads = align_sentences(sentences, "fr")
    assert [bead.kind for bead in beads] == ["1-1-1", "2-1-2", "1-1-1"]
    assert beads[1].sentences == {"fr": (1, 2), "id": (1,), "ru": (1, 2)}


def test_insertions_and_omissions() -> None:
    sentences = {
        "fr": ["a" * 100, "b" * 120, "c" * 80],
        "id": ["a" * 100, "x" * 150, "b" * 120, "c" * 80],
        "ru": ["a" * 90, "c" * 72],
    }
    models = {"id": LengthModel(1.0), "ru": LengthModel(0.9)}  # as align_document measures them
    beads = align_sentences(sentences, "fr", models=models)
    assert [bead.sentences for bead in beads] == [
        {"fr": (0,), "id": (0,), "ru": (0,)},
        {"fr": (), "id": (1,), "ru": ()},
        {"fr": (1,), "id": (2,), "ru": ()},
        {"fr": (2,), "id": (3,), "ru": (1,)},
    ]
    assert [bead.kind for bead in beads] == ["1-1-1", "0-1-0", "1-1-0", "1-1-1"]
    assert beads[1].doubtful and beads[2].doubtful and not beads[0].doubtful


def test_a_language_with_nothing() -> None:
    beads = align_sentences({"fr": ["Un.", "Deux."], "id": ["Satu.", "Dua."], "ru": []}, "fr")
    assert [bead.sentences["ru"] for bead in beads] == [(), ()]
    assert [bead.kind for bead in beads] == ["1-1-0", "1-1-0"]
    only_pivot = align_sentences({"fr": ["Un.", "Deux."]}, "fr")
    assert [bead.kind for bead in only_pivot] == ["1", "1"]


def test_real_merge_in_paragraph_one() -> None:
    """ "…musique?" Il se lamente.' is two sentences in fr and id, one in ru ("— сокрушается он")."""
    document = align_document(PARAGRAPHS, "fr")
    kinds = [bead.kind for bead in document[0].beads]
    assert kinds == ["1-1-1"] * 4 + ["2-2-1"] + ["1-1-1"] * 2


def test_anchors_decide_what_lengths_cannot() -> None:
    """The middle sentence is dropped, but its length fits better: only the numbers say so."""

    def sized(text: str, size: int) -> str:
        return text[:-1] + " " + "o" * (size - len(text) - 1) + "."

    fr = [
        sized("Le premier chiffre est 1964.", 100),
        sized("Le second chiffre est 1812.", 90),
        sized("Le dernier chiffre est 2001.", 100),
    ]
    ru = [sized("Первое число это 1964.", 95), sized("Последнее число это 2001.", 86)]
    models = {"ru": LengthModel(ratio=0.95)}
    with_anchors = align_sentences({"fr": fr, "ru": ru}, "fr", models=models)
    assert [bead.sentences["ru"] for bead in with_anchors] == [(0,), (), (1,)]
    lengths_only = align_sentences({"fr": fr, "ru": ru}, "fr", models=models, anchors=False)
    assert [bead.sentences["ru"] for bead in lengths_only] == [(0,), (1,), ()]


def test_anchor_keys_meet_across_scripts() -> None:
    assert {"K"} <= anchors("Selon K., ce n'est pas") & anchors("По мнению К., это")
    assert anchors("la musique de Bach") & anchors("музыка Баха")
    assert anchors("la déclaration de Carlyle") & anchors("высказывание Карлейля")
    assert "1964" in anchors("en 1964.") and "«»" in anchors("«Nous jouons»")


def test_unknown_pivot() -> None:
    with pytest.raises(ValueError, match="pivot"):
        align_sentences({"fr": ["Un."]}, "de")


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.fixed_dictionaries(
        {
            "fr": st.lists(st.integers(1, 300), max_size=9),
            "id": st.lists(st.integers(1, 300), max_size=9),
            "ru": st.lists(st.integers(1, 300), max_size=9),
        }
    ),
    pivot=st.sampled_from(LANGS),
)
def test_beads_cover_every_sentence_once_in_order(lengths: dict[str, list[int]], pivot: str) -> None:
    sentences = {lang: ["x" * n for n in values] for lang, values in lengths.items()}
    beads = align_sentences(sentences, pivot)
    _check_beads(beads, {lang: len(values) for lang, values in lengths.items()})


def _check_beads(beads: list[Bead], counts: dict[str, int]) -> None:
    for lang, count in counts.items():
        indexes = [i for bead in beads for i in bead.sentences[lang]]
        assert indexes == list(range(count)), lang
        for bead in beads:
            run = bead.sentences[lang]
            assert list(run) == list(range(run[0], run[0] + len(run))) if run else True
    for bead in beads:
        assert any(bead.sentences.values())
        assert bead.kind == "-".join(str(len(bead.sentences[lang])) for lang in counts)
        assert 0.0 <= bead.confidence <= 1.0 and math.isfinite(bead.cost)


# --- models and documents ---------------------------------------------------------------------


def test_length_model_estimate() -> None:
    models = estimate_models(PARAGRAPHS, "fr", paired=True)
    assert 0.85 < models["ru"].ratio < 0.9  # Russian is ~12 % shorter than French here
    assert 1.0 < models["id"].ratio < 1.05
    assert models["ru"].variance >= 1.0
    robust = LengthModel.estimate([1000] * 9 + [100], [1000] * 9 + [400], paired=True)
    assert robust.variance < 3.0  # one outlier does not inflate the spread (its mean would be ≈37)
    assert LengthModel.estimate([], [], paired=True) == LengthModel()
    assert LengthModel(1.0, 6.8).confidence(100, 100) == pytest.approx(1.0)
    assert LengthModel(1.0, 6.8).confidence(100, 0) < 1e-6


def test_document_and_units() -> None:
    document = align_document(PARAGRAPHS, "fr")
    assert len(document) == 19
    assert [aligned.paragraphs["fr"] for aligned in document] == [(i,) for i in range(19)]
    assert sum(len(aligned.beads) for aligned in document) == 136
    first = document[0].beads[4].texts(document[0].sentences)
    assert first["ru"].startswith("«Неужели") and first["fr"].endswith("Il se lamente.")
    for aligned in document:
        _check_beads(list(aligned.beads), {lang: len(aligned.sentences[lang]) for lang in LANGS})
