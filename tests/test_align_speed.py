"""The aligner's fast paths give the very numbers of the plain ones (issue #16: same output, faster).

Bead costs computed a block of rows at a time (:func:`.dp.search` with a bead cost's ``rows``)
against a row at a time; pairs numbered by first occurrence with one sort against
``np.unique``; stems of the C stemmers against snowballstemmer's own Python ones.
"""

from __future__ import annotations

import importlib
import random

import numpy as np
import pytest

from enface.align import LengthModel, dp
from enface.align.gale_church import PRIORS, align_pair
from enface.align.lexicon import PairEvidence, PairLexicon, _first_numbered, stem

WORDS = [c1 + v1 + c2 + v2 for c1 in "bdgkmp" for v1 in "aeiou" for c2 in "lmnrst" for v2 in "aeio"]


def _texts(count: int, seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    a, b = [], []
    for _ in range(count):
        words = rng.sample(WORDS, rng.randint(3, 12))
        a.append(" ".join(words).capitalize() + ".")
        if rng.random() < 0.9:  # now and then a sentence b leaves out
            b.append(" ".join("u" + w[::-1] for w in words[rng.randint(0, 2) :]).capitalize() + ".")
    return a, b


class _RowByRow:
    """A bead cost without ``rows``: :func:`.dp.search` asks for one row at a time."""

    def __init__(self, cost) -> None:
        self.cost = cost

    def __call__(self, *args):
        return self.cost(*args)


@pytest.mark.parametrize(("count", "banded"), [(7, False), (40, False), (120, True)])
def test_bead_costs_by_blocks_of_rows_are_those_of_each_row(
    monkeypatch: pytest.MonkeyPatch, count: int, banded: bool
) -> None:
    a, b = _texts(count, seed=count)
    lexicon = PairLexicon("xa", "xb", {w: {"u" + w[::-1]} for w in WORDS[::3]})
    lexicon.weigh(a, b, p1=0.6)
    model = LengthModel(ratio=1.1, variance=5.0)
    if banded:
        monkeypatch.setattr(dp, "FULL_SEARCH_CELLS", 1000)
    calls: list[tuple] = []
    search = dp.search

    def recording(n, m, shapes, bead_cost, band):
        calls.append((n, m, shapes, bead_cost, band))
        return search(n, m, shapes, bead_cost, band)

    monkeypatch.setattr(dp, "search", recording)
    align_pair([len(s) for s in a], [len(s) for s in b], model, evidence=PairEvidence(lexicon, a, b), priors=PRIORS)
    assert calls and all(hasattr(call[3], "rows") for call in calls)
    assert any(call[0] + 1 >= dp.BLOCK_MIN_ROWS for call in calls)
    for n, m, shapes, bead_cost, band in calls:
        assert search(n, m, shapes, bead_cost, band) == search(n, m, shapes, _RowByRow(bead_cost), band)
        for di, dj, _ in shapes:  # every node of every row, number for number
            for i in range(di, n + 1):
                assert np.array_equal(bead_cost.rows(di, dj, i, i + 1, band)[0], bead_cost(di, dj, i, band.columns(i)))


def _by_unique(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    unique, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[inverse], unique[order]


@pytest.mark.parametrize("seed", range(20))
def test_pairs_numbered_by_first_occurrence_as_np_unique_numbers_them(seed: int) -> None:
    rng = np.random.default_rng(seed)
    bound = int(rng.integers(1, 2000))
    codes = rng.integers(0, bound, int(rng.integers(1, 5000)))
    for given_bound in (bound, 2**62):  # the sort of (code, place), and np.unique past its range
        numbers, distinct = _first_numbered(codes, given_bound)
        expected_numbers, expected_distinct = _by_unique(codes)
        assert np.array_equal(numbers, expected_numbers) and np.array_equal(distinct, expected_distinct)


SAMPLES = {
    "english": "the ghost was walking through the corridors quietly, rattling his chains",
    "french": "les fantômes se promenaient silencieusement dans les couloirs du château",
    "german": "die Gespenster gingen leise durch die Gänge des Schlosses und rasselten",
    "russian": "привидения тихо бродили по коридорам замка, гремя своими цепями",
    "spanish": "los fantasmas caminaban silenciosamente por los pasillos del castillo",
    "italian": "i fantasmi camminavano silenziosamente nei corridoi del castello",
    "dutch": "de spoken liepen stilletjes door de gangen van het kasteel",
}
LANGS = {
    "english": "en",
    "french": "fr",
    "german": "de",
    "russian": "ru",
    "spanish": "es",
    "italian": "it",
    "dutch": "nl",
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_stems_are_snowballs_own(name: str) -> None:
    """Whichever stemmer snowballstemmer hands out (PyStemmer's in C when installed), the stems
    are those of its own Python stemmers."""
    module = importlib.import_module(f"snowballstemmer.{name}_stemmer")
    python_stemmer = getattr(module, name.capitalize() + "Stemmer")()
    for word in SAMPLES[name].replace(",", "").lower().split():
        assert stem(word, LANGS[name]) == python_stemmer.stemWord(word)
