"""Three or more versions: where most versions agree on a paragraph boundary, one version's
alignment does not erase it, and a paragraph only one version has is read with a neighbour.

The texts are built so that the right units are known from how they were made: every version
tells the same six paragraphs, one by one.
"""

from __future__ import annotations

import pytest

from enface.align import PARAGRAPH_PRIORS, align_blocks, align_paragraphs
from enface.align.gale_church import LengthModel, align_pair

WORDS = [[f"Name{k}x{j}" for j in range(12)] for k in range(6)]
PARAGRAPHS = [" ".join(words) + "." for words in WORDS]


def test_a_boundary_the_other_versions_keep_is_kept():
    # the Russian version moves most of paragraph 3 into its paragraph 4 (a free translation):
    # aligned with the French alone, paragraphs 3 and 4 make one 2-2 bead
    free = list(PARAGRAPHS)
    free[2] = " ".join(WORDS[2][:5]) + "."
    free[3] = " ".join(WORDS[2][5:] + WORDS[3]) + "."
    alone = align_paragraphs({"fr": PARAGRAPHS, "ru": free}, "fr", learn=False)
    assert [bead.sentences["ru"] for bead in alone][2] == (2, 3)  # what the pair alone does
    beads = align_paragraphs({"fr": PARAGRAPHS, "de": PARAGRAPHS, "en": PARAGRAPHS, "ru": free}, "fr", learn=False)
    assert [bead.sentences for bead in beads] == [{lang: (k,) for lang in ("fr", "de", "en", "ru")} for k in range(6)]


def test_a_paragraph_only_one_of_three_versions_has_joins_a_neighbour():
    french = [*PARAGRAPHS[:3], "Zed1 Zed2 Zed3 Zed4, words only the French version has.", *PARAGRAPHS[3:]]
    paragraphs = {"fr": french, "de": PARAGRAPHS, "en": PARAGRAPHS}
    segments = {lang: [(p,) for p in texts] for lang, texts in paragraphs.items()}
    document = align_blocks(paragraphs, segments, "fr")
    units = [aligned.paragraphs for aligned in document]
    assert len(units) == 6
    assert all(unit["de"] == unit["en"] and len(unit["de"]) == 1 for unit in units)
    joined = next(unit for unit in units if 3 in unit["fr"])
    assert joined["fr"] in ((2, 3), (3, 4))


def test_a_paragraph_only_one_of_two_versions_has_stays_alone():
    french = [*PARAGRAPHS[:3], "Zed1 Zed2 Zed3 Zed4, words only the French version has.", *PARAGRAPHS[3:]]
    paragraphs = {"fr": french, "de": PARAGRAPHS}
    segments = {lang: [(p,) for p in texts] for lang, texts in paragraphs.items()}
    units = [aligned.paragraphs for aligned in align_blocks(paragraphs, segments, "fr")]
    assert {"fr": (3,), "de": ()} in units


def test_a_paragraph_two_versions_cut_in_two_is_not_left_out_by_the_others():
    """The French and Russian set a verb of saying and the words said as two paragraphs, the
    German and English as one: the one paragraph stands beside both, with no empty cell beside
    the words said (the Russian's cut alone does not make the German leave them out)."""
    said = " ".join(WORDS[3][:9]) + " said:"
    words = "«" + " ".join(WORDS[3][9:]) + ".»"
    split = [*PARAGRAPHS[:3], said, words, *PARAGRAPHS[4:]]
    paragraphs = {"fr": split, "ru": split, "de": PARAGRAPHS, "en": PARAGRAPHS}
    segments = {lang: [(p,) for p in texts] for lang, texts in paragraphs.items()}
    units = [aligned.paragraphs for aligned in align_blocks(paragraphs, segments, "fr")]
    assert units == [
        {"fr": fr, "ru": fr, "de": (k,), "en": (k,)} for k, fr in enumerate([(0,), (1,), (2,), (3, 4), (5,), (6,)])
    ]


def test_a_cut_bonus_moves_the_cut_and_is_not_in_the_costs():
    model = LengthModel()
    merged = align_pair([100, 100], [200], model)
    assert [(list(b.a), list(b.b)) for b in merged] == [([0, 1], [0])]
    cut = align_pair([100, 100], [200], model, cut_bonus=[0.0, 20.0, 0.0])
    assert [b.a.start for b in cut] == [0, 1]
    # reported without the bonus: costlier than the alignment that is best without it
    assert sum(b.cost for b in cut) > sum(b.cost for b in merged)


def test_a_lone_cut_bonus_is_not_earned_by_leaving_out_what_follows():
    model = LengthModel()
    a, b = [300, 20], [320]  # a long sentence and a short one against their sum: one 2-1 bead
    assert [(list(x.a), list(x.b)) for x in align_pair(a, b, model)] == [([0, 1], [0])]
    # a bonus of 3 for the cut pays for leaving out the short one (1-1 and 1-0) ...
    taken = align_pair(a, b, model, cut_bonus=[0.0, 3.0, 0.0])
    assert [(list(x.a), list(x.b)) for x in taken] == [([0], [0]), ([1], [])]
    # ... unless 3 is one version's word alone
    kept = align_pair(a, b, model, cut_bonus=[0.0, 3.0, 0.0], lone_cut=3.0)
    assert [(list(x.a), list(x.b)) for x in kept] == [([0, 1], [0])]
    # two versions' word is still earned
    both = align_pair(a, b, model, cut_bonus=[0.0, 6.0, 0.0], lone_cut=3.0)
    assert [(list(x.a), list(x.b)) for x in both] == [([0], [0]), ([1], [])]
    # the costs are reported without any bonus: the same beads cost the same either way
    assert [x.cost for x in both] == pytest.approx([x.cost for x in taken])
    # nor by leaving out what comes before it: the short sentence first
    before = align_pair(a[::-1], b, model, cut_bonus=[0.0, 3.0, 0.0])
    assert [(list(x.a), list(x.b)) for x in before] == [([0], []), ([1], [0])]
    kept = align_pair(a[::-1], b, model, cut_bonus=[0.0, 3.0, 0.0], lone_cut=3.0)
    assert [(list(x.a), list(x.b)) for x in kept] == [([0, 1], [0])]


def test_leaving_an_item_out_can_be_made_dearer_and_is_reported_without_it():
    model = LengthModel()
    a, b = [300, 80], [300]  # lengths alone: 1-1 and the short one left out
    alone = align_pair(a, b, model)
    assert [(list(x.a), list(x.b)) for x in alone] == [([0], [0]), ([1], [])]
    dearer = align_pair(a, b, model, left_out=[0.0, 3.0])
    assert [(list(x.a), list(x.b)) for x in dearer] == [([0, 1], [0])]
    # reported without it: the 2-1 bead costs more than the pair that was best without it
    assert sum(x.cost for x in dearer) > sum(x.cost for x in alone)
    # what leaving out the long one would cost changes nothing
    assert align_pair(a, b, model, left_out=[3.0, 0.0]) == alone


def _lengths(counts: list[int], scale: float = 1.0) -> list[str]:
    return ["x" * round(n * scale) for n in counts]


def test_a_paragraph_one_version_alone_leaves_out_stands_beside_its_translation(monkeypatch):
    """Four versions; the English renders the French short paragraph 1 (25 letters) in 60 and
    paragraphs 2 and 3 in one (400 letters against 75 + 300). Lengths alone pair its paragraph 1
    with the French 2 and leave the French 1 without English, though every other version has
    it: the English is aligned again with that paragraph dearer to leave out."""
    import enface.align as align

    french = [300, 25, 75, 300, 200]
    items = {
        "fr": _lengths(french),
        "en": _lengths([330, 60, 400, 220]),
        "ru": _lengths(french, 1.05),
        "de": _lengths(french, 1.1),
    }
    models = align.estimate_models(items, "fr", paired=False)

    def english_beside(paragraph: int) -> tuple[int, ...]:
        beads = align._align(items, "fr", models, priors=PARAGRAPH_PRIORS, consensus=align.PARAGRAPH_CONSENSUS)
        return next(bead.sentences["en"] for bead in beads if bead.sentences["fr"] == (paragraph,))

    assert english_beside(1) == (1,)
    monkeypatch.setattr(align, "LONE_OMISSION", 0.0)
    assert english_beside(1) == ()  # what the lengths alone do


def test_only_a_lone_omission_every_other_version_matches_is_made_dearer():
    from enface.align import _lone_left_out
    from enface.align.gale_church import PairBead

    def beads(*spans: tuple[int, int, int, int]) -> list[PairBead]:
        return [PairBead(range(a0, a1), range(b0, b1), 0.0) for a0, a1, b0, b1 in spans]

    matched = beads((0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3), (3, 4, 3, 4), (4, 5, 4, 5))
    pairwise = {
        "en": beads((0, 1, 0, 1), (1, 2, 1, 1), (2, 3, 1, 2), (3, 5, 2, 3)),  # leaves 1 out alone
        "de": beads((0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 2), (3, 4, 2, 2), (4, 5, 2, 3)),  # 2 and 3: a run
        "ru": matched,
    }
    assert _lone_left_out(pairwise, 5, 3.0, set()) == {"en": [0.0, 3.0, 0.0, 0.0, 0.0]}
    # a version relayed through another is not aligned with the pivot: left as it is
    assert _lone_left_out(pairwise, 5, 3.0, {"en"}) == {}
    # one other version leaves it out too: not all of them match it
    pairwise["ru"] = beads((0, 1, 0, 1), (1, 2, 1, 1), (2, 5, 1, 4))
    assert _lone_left_out(pairwise, 5, 3.0, set()) == {}


def test_a_heading_only_one_of_three_versions_has_stays_a_unit_of_its_own():
    """Only prose is joined: a heading one translator added (``prose`` false for it) keeps its
    own unit, and the paragraphs next to it keep theirs."""
    french = [*PARAGRAPHS[:3], "Zed1 Zed2 Zed3 Zed4, words only the French version has.", *PARAGRAPHS[3:]]
    paragraphs = {"fr": french, "de": PARAGRAPHS, "en": PARAGRAPHS}
    segments = {lang: [(p,) for p in texts] for lang, texts in paragraphs.items()}
    prose = {"fr": [k != 3 for k in range(len(french))], "de": [True] * 6, "en": [True] * 6}
    units = [aligned.paragraphs for aligned in align_blocks(paragraphs, segments, "fr", prose=prose)]
    assert {"fr": (3,), "de": (), "en": ()} in units
    assert len(units) == 7 and all(len(unit["fr"]) == 1 for unit in units)


# A version that keeps one short paragraph (50 characters) of a passage of seven it leaves out:
# by length alone the kept one fits the passage's own short paragraph best, in the middle.
PASSAGE = [200, 210, 120, 300, 240, 50, 260, 330, 280, 190, 205]
KEPT = [200, 210, 50, 190, 205]


def _spans(beads: list) -> list[tuple[list[int], list[int]]]:
    return [(list(bead.a), list(bead.b)) for bead in beads]


def test_a_match_alone_inside_a_left_out_passage_moves_to_where_the_passage_begins():
    alone = align_pair(PASSAGE, KEPT, LengthModel(), priors=PARAGRAPH_PRIORS)
    assert ([5], [2]) in _spans(alone)  # what the lengths alone pick: mid-gap
    moved = align_pair(PASSAGE, KEPT, LengthModel(), priors=PARAGRAPH_PRIORS, island_penalty=8.0)
    assert _spans(moved) == [([0], [0]), ([1], [1]), ([2], [2])] + [([k], []) for k in range(3, 9)] + [
        ([9], [3]),
        ([10], [4]),
    ]
    # the same when the passage is the other side's (insertions instead of omissions)
    swapped = align_pair(KEPT, PASSAGE, LengthModel(), priors=PARAGRAPH_PRIORS, island_penalty=8.0)
    assert ([2], [2]) in _spans(swapped) and all(bead.a for bead in swapped[:3])


def test_a_match_alone_inside_a_gap_stays_when_the_edges_do_not_fit():
    passage = [200, 210, 1200, 300, 240, 50, 260, 330, 1280, 190, 205]
    beads = align_pair(passage, KEPT, LengthModel(), priors=PARAGRAPH_PRIORS, island_penalty=8.0)
    assert ([5], [2]) in _spans(beads)
