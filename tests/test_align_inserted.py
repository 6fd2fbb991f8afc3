"""A passage the pivot's translator left out, which the other versions give cut differently:
the versions are still aligned among themselves there (enface.align._inserted_groups)."""

from enface.align import LengthModel, _merge
from enface.align.gale_church import PairBead


def _beads(spans: list[tuple[tuple[int, int], tuple[int, int]]]) -> list[PairBead]:
    return [PairBead(range(*a), range(*b), 0.0) for a, b in spans]


def _units(beads, langs):
    return [tuple(tuple(bead.sentences[lang]) for lang in langs) for bead in beads]


def test_versions_cut_a_passage_the_pivot_lacks_where_they_translate_each_other():
    # French lacks a passage: Russian gives it in three paragraphs (80, 40 and 120
    # characters), English in two (120 and 120): Russian's first two are English's first.
    items = {
        "fr": ["A" * 100, "B" * 100],
        "ru": ["a" * 100, "x" * 80, "y" * 40, "z" * 120, "b" * 100],
        "en": ["a" * 100, "P" * 120, "Q" * 120, "b" * 100],
    }
    pairwise = {
        "ru": _beads([((0, 1), (0, 1)), ((1, 1), (1, 2)), ((1, 1), (2, 3)), ((1, 1), (3, 4)), ((1, 2), (4, 5))]),
        "en": _beads([((0, 1), (0, 1)), ((1, 1), (1, 2)), ((1, 1), (2, 3)), ((1, 2), (3, 4))]),
    }
    models = {"ru": LengthModel(), "en": LengthModel()}
    units = _units(_merge(items, "fr", pairwise, models), ["fr", "ru", "en"])
    assert units == [
        ((0,), (0,), (0,)),
        ((), (1, 2), (1,)),
        ((), (3,), (2,)),
        ((1,), (4,), (3,)),
    ]


def test_a_passage_only_one_version_gives_stays_one_bead_per_paragraph():
    items = {
        "fr": ["A" * 100, "B" * 100],
        "ru": ["a" * 100, "x" * 80, "y" * 40, "b" * 100],
        "en": ["a" * 100, "b" * 100],
    }
    pairwise = {
        "ru": _beads([((0, 1), (0, 1)), ((1, 1), (1, 2)), ((1, 1), (2, 3)), ((1, 2), (3, 4))]),
        "en": _beads([((0, 1), (0, 1)), ((1, 2), (1, 2))]),
    }
    models = {"ru": LengthModel(), "en": LengthModel()}
    units = _units(_merge(items, "fr", pairwise, models), ["fr", "ru", "en"])
    assert units == [((0,), (0,), (0,)), ((), (1,), ()), ((), (2,), ()), ((1,), (3,), (1,))]
