"""Lexical evidence in sentence alignment: learned lexicon, insertions, names, dictionaries, the band.

The texts here are synthetic: two made-up languages ("xa", "xb": no stemmer, no dictionary)
whose words translate one to one, so that every test runs without FreeDict installed.
"""

from __future__ import annotations

import gzip
import itertools
import random

import pytest

from enface.align import LengthModel, align_paragraphs, align_sentences, dp, learn_lexicons
from enface.align import dictionaries as dicts
from enface.align.anchors import anchors
from enface.align.gale_church import PRIORS, align_pair
from enface.align.lexicon import PairEvidence, PairLexicon, fold, learn_pairs, tokens

# 200 word pairs: xa words and their xb translations, spelled apart (no cognates between them)
XA = [c1 + v1 + c2 + v2 + c3 for c1, v1, c2, v2, c3 in itertools.product("bdgkmp", "aeio", "lmnr", "au", "st")][:200]
XB = ["u" + word[::-1] for word in XA]


def parallel(count: int, seed: int = 3) -> tuple[list[str], list[str]]:
    """``count`` sentence pairs of 5–9 words; the xb side has its words in another order."""
    rng = random.Random(seed)
    a, b = [], []
    for _ in range(count):
        picks = rng.sample(range(len(XA)), rng.randint(5, 9))
        a.append(" ".join(XA[k] for k in picks).capitalize() + ".")
        shuffled = picks[1:] + picks[:1]
        b.append(" ".join(XB[k] for k in shuffled).capitalize() + ".")
    return a, b


def test_synthetic_languages_are_sound() -> None:
    assert len(set(XA)) == len(XA) == len(set(XB)) == len(XB) == 200
    assert all(t.startswith("s:") for t in tokens("Bamiko dena.", "xa"))


def test_model1_learns_the_obvious_pairs() -> None:
    a, b = parallel(80)
    learned = learn_pairs(list(zip(a, b)), "xa", "xb")
    truth = {(x, y) for x, y in zip(XA, XB)}
    assert len(learned & truth) >= 60  # the words that occur in two pairs or more
    assert len(learned - truth) <= 2


def test_bootstrap_learns_a_lexicon_from_the_text_itself() -> None:
    a, b = parallel(60)
    models = {"xb": LengthModel.estimate([len(s) for s in a], [len(s) for s in b], paired=False)}
    lexicon = learn_lexicons([{"xa": a, "xb": b}], "xa", models)["xb"]
    assert lexicon.learned >= 40
    assert XB[0] in lexicon.pairs.get(XA[0], set()) or XB[1] in lexicon.pairs.get(XA[1], set())
    assert 0.5 <= lexicon.p1 <= 0.9  # most informative words match in a translation


def _kinds(beads, a: str = "xa", b: str = "xb") -> list[tuple[int, int]]:
    return [(len(bead.sentences[a]), len(bead.sentences[b])) for bead in beads]


def test_an_untranslated_sentence_is_a_bead_of_its_own() -> None:
    a, b = parallel(40)
    extra = a[5]  # said again, later, in xa only: its words have partners, but not here
    a_with = a[:30] + [extra] + a[30:]
    beads = align_sentences({"xa": a_with, "xb": b}, "xa")
    alone = [bead for bead in beads if not bead.sentences["xb"]]
    assert [bead.sentences["xa"] for bead in alone] == [(30,)]
    assert all(kind == (1, 1) for kind in _kinds(beads) if kind != (1, 0))
    # the other way round: a sentence only xb has
    b_with = b[:12] + [b[20]] + b[12:]
    beads = align_sentences({"xa": a, "xb": b_with}, "xa")
    assert [bead.sentences["xb"] for bead in beads if not bead.sentences["xa"]] == [(12,)]


def test_a_run_of_insertions_stays_a_run_of_beads() -> None:
    a, b = parallel(40)
    b_with = b[:20] + [b[2], b[8], b[33]] + b[20:]
    beads = align_sentences({"xa": a, "xb": b_with}, "xa")
    inserted = [bead for bead in beads if not bead.sentences["xa"]]
    assert [bead.sentences["xb"] for bead in inserted] == [(20,), (21,), (22,)]
    assert [bead.kind for bead in inserted] == ["0-1"] * 3


def test_insertions_of_two_languages_at_one_place_pair_up() -> None:
    a, b = parallel(30)
    c = list(b)  # a third version, word for word the second
    beads = align_sentences(
        {"xa": a, "xb": b[:10] + [b[2], b[25]] + b[10:], "xc": c[:10] + [c[2], c[25]] + c[10:]}, "xa"
    )
    inserted = [bead.sentences for bead in beads if not bead.sentences["xa"]]
    assert inserted == [{"xa": (), "xb": (10,), "xc": (10,)}, {"xa": (), "xb": (11,), "xc": (11,)}]


def test_german_nouns_are_not_names() -> None:
    german = "Die Expedition erreichte den Gipfel und das Lager am Montag."
    assert not [t for t in tokens(german, "de") if t.startswith("k:")]
    assert not {key for key in anchors(german, "de") if key.isalpha() and key.islower()}
    french = "L'expédition de Dyhrenfurth atteignit le sommet."
    assert [t for t in tokens(french, "fr") if t.startswith("k:")] == ["k:dkr"]
    assert "dkr" in anchors(french, "fr")


def test_numbers_and_cognates_are_evidence_without_dictionary() -> None:
    lexicon = PairLexicon.build(
        ["Die Expedition kam 1956 zum Himalaya."], ["L'expédition vint en 1956."], "de", "fr", dictionary=False
    )
    assert "expédit" in lexicon.pairs.get("expedition", set())
    assert "n:1956" in tokens("L'expédition vint en 1956.", "fr")


def test_greek_names_and_cognates_meet_their_latin_and_cyrillic_spellings() -> None:
    """Greek is transliterated as ELOT 743 does (Λαπωνία → Laponia), with the clusters by which
    Greek writes a foreign g and d (Γκέρντα: Gerda): its names and cognates meet French and
    Russian ones."""
    assert fold("Λαπωνία") == "laponia"
    assert fold("Αθήνα") == "athina"
    gerda = {t for t in tokens("Τότε η Γκέρντα έκλαψε.", "el") if t.startswith("k:")}
    assert gerda and gerda == {t for t in tokens("Alors Gerda pleura.", "fr") if t.startswith("k:")}
    assert gerda == {t for t in tokens("Тогда Герда заплакала.", "ru") if t.startswith("k:")}
    lexicon = PairLexicon.build(["Η Λαπωνία."], ["La Laponie."], "el", "fr", dictionary=False)
    assert lexicon.pairs, "Λαπωνία / Laponie are cognates"


def test_bigger_beads_do_not_win_by_collecting_more_words() -> None:
    """Two 1-1 pairs that match word for word stay two beads, not one 2-2 bead."""
    a, b = parallel(40)
    beads = align_sentences({"xa": a, "xb": b}, "xa")
    assert _kinds(beads) == [(1, 1)] * 40


def test_the_band_around_a_coarse_path_finds_what_the_full_search_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = parallel(260, seed=5)
    b = b[:90] + b[150:]  # a passage of 60 sentences missing: far off the diagonal
    model = LengthModel(ratio=1.0)
    lexicon = PairLexicon("xa", "xb", {x: {y} for x, y in zip(XA, XB)})  # the true word pairs
    lexicon.weigh(a, b, p1=0.7)
    full = align_pair([len(s) for s in a], [len(s) for s in b], model, evidence=PairEvidence(lexicon, a, b), band=False)
    monkeypatch.setattr(dp, "FULL_SEARCH_CELLS", 1000)
    monkeypatch.setattr(dp, "COARSE_CHUNK", 4)
    banded = align_pair([len(s) for s in a], [len(s) for s in b], model, evidence=PairEvidence(lexicon, a, b))
    assert [(x.a, x.b) for x in banded] == [(x.a, x.b) for x in full]
    after_gap = next(x for x in banded if 90 in x.b)  # b's sentence 90 translates a's 150
    assert 150 in after_gap.a


def test_priors_hold_every_shape_the_evidence_knows() -> None:
    assert all(max(shape) <= 4 for shape in PRIORS) and (0, 1) in PRIORS and (1, 0) in PRIORS


# --- FreeDict -------------------------------------------------------------------------------

ENTRY = "Gipfel /ˈɡɪpfl̩/ <n, masc>\n1. sommet, cime\nhöchster Punkt eines Berges\n2. apogée\nHöhepunkt\n"


def test_dictd_entries_keep_translations_and_drop_glosses() -> None:
    assert dicts.parse_entry(ENTRY) == ["sommet", "cime", "apogée"]
    assert dicts.parse_entry("Schnee /ʃneː/ <n, masc>\nneige\nNiederschlag\n") == ["neige"]
    # the jpn-* dictionaries give a part of speech, in parentheses, before the translations
    # (as freedict-jpn-fra has 窓 and 締め切り; they gave ")" before)
    window = " [ichi1]  窓 /x/, 窗 /x/,  [ichi1] まど /mˈädo̞/\n(noun (common) (futsuumeishi))\nfenêtre\n"
    assert dicts.parse_entry(window) == ["fenêtre"]
    deadline = "締め切り /x/, しめきり /x/\n1. (noun (common) (futsuumeishi))\n (not 閉め切り, etc.)\ncloture, fin\n"
    assert dicts.parse_entry(deadline) == ["cloture", "fin"]


def _b64(number: int) -> str:
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    out = ""
    while True:
        out = digits[number % 64] + out
        number //= 64
        if not number:
            return out


def test_an_installed_dictionary_is_read_and_a_missing_one_is_none(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = ENTRY.encode()
    (tmp_path / "freedict-deu-fra.index").write_text(f"gipfel\t{_b64(0)}\t{_b64(len(data))}\n", encoding="utf-8")
    with gzip.open(tmp_path / "freedict-deu-fra.dict.dz", "wb") as out:
        out.write(data)
    monkeypatch.setattr(dicts, "DICTD", tmp_path)
    dicts.clear_caches()
    try:
        found = dicts.dictionary("de", "fr")
        assert found is not None and found.get("gipfel") == ("sommet", "cime", "apogée")
        assert dicts.dictionary("fr", "de") is None and dicts.dictionary("fr", "id") is None
        lexicon = PairLexicon.build(["Der Gipfel."], ["Le sommet."], "de", "fr", cognates=False)
        assert "sommet" in lexicon.pairs.get("gipfel", set())
    finally:
        dicts.clear_caches()


def free_paragraphs(seed: int = 5) -> tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """Twelve xa paragraphs and a free xb translation in eleven: paragraphs 2 and 3 joined, and
    every paragraph abridged or not at random (its sentences keep 40 % or all of their words),
    so that lengths mislead. Also the true paragraph beads."""
    rng = random.Random(seed)
    a_sentences, b_sentences = parallel(48, seed)
    a = [" ".join(a_sentences[4 * k : 4 * k + 4]) for k in range(12)]
    kept = []
    for k in range(12):
        share = rng.choice((0.4, 1.0))
        for sentence in b_sentences[4 * k : 4 * k + 4]:
            words = sentence.rstrip(".").split()
            kept.append(" ".join(words[: max(2, round(share * len(words)))]) + ".")
    paragraphs = [kept[4 * k : 4 * k + 4] for k in range(12)]
    b: list[str] = []
    truth: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for k, sentences in enumerate(paragraphs):
        if k == 3:
            b[-1] += " " + " ".join(sentences)
            truth[-1] = ((2, 3), truth[-1][1])
        else:
            b.append(" ".join(sentences))
            truth.append(((k,), (len(b) - 1,)))
    return a, b, truth


def test_free_translations_paragraphs_align_on_words_not_lengths() -> None:
    """A free translation, paragraphed and abridged its own way: the words find the paragraph
    beads that the lengths alone miss."""
    a, b, truth = free_paragraphs()
    # the word pairs, learned on the rest of the book (other sentences of the same languages)
    rest_a, rest_b = parallel(300, seed=11)
    learned = learn_lexicons([{"xa": rest_a, "xb": rest_b}], "xa", {"xb": LengthModel(1.1)})
    assert learned["xb"].learned > 100
    lengths = align_paragraphs({"xa": a, "xb": b}, "xa", lexical=False)
    words = align_paragraphs({"xa": a, "xb": b}, "xa", learned=learned)
    assert [(x.sentences["xa"], x.sentences["xb"]) for x in lengths] != truth  # lengths alone go wrong
    assert [(x.sentences["xa"], x.sentences["xb"]) for x in words] == truth


def test_the_units_of_a_division_are_what_its_text_cuts_where_both_versions_end_a_paragraph() -> None:
    """Runs of beads that end where both versions end a paragraph; a run with one side empty
    gives no pair (nothing to learn on)."""
    from enface.align import _unit_texts
    from enface.align.gale_church import PairBead

    a = [f"a{k}" for k in range(6)]
    b = [f"b{k}" for k in range(5)]
    spans = [((0, 1), (0, 1)), ((1, 3), (1, 2)), ((3, 4), (2, 2)), ((4, 5), (2, 4)), ((5, 6), (4, 4))]
    beads = [PairBead(range(*x), range(*y), 0.0) for x, y in spans]
    # a ends a paragraph after 1, 3, 5 and 6 sentences, b after 2, 4 and 5
    assert _unit_texts(beads, a, b, [0, 1, 3, 5, 6], [0, 2, 4, 5]) == [("a0 a1 a2", "b0 b1"), ("a3 a4", "b2 b3")]


def _joined_division(seed: int = 5) -> tuple[list[str], list[str], list[int], list[int]]:
    """Forty sentence pairs on words 0-99, then sixty xa sentences on words 100-199 that xb gives
    two by two in one sentence; both paragraphed every two of their sentences."""
    rng = random.Random(seed)
    a: list[str] = []
    b: list[str] = []
    a_ends, b_ends = [0], [0]
    for k in range(40):
        picks = rng.sample(range(100), rng.randint(5, 9))
        a.append(" ".join(XA[p] for p in picks).capitalize() + ".")
        b.append(" ".join(XB[p] for p in picks[1:] + picks[:1]).capitalize() + ".")
        if k % 2:
            a_ends.append(len(a))
            b_ends.append(len(b))
    for k in range(30):
        first, second = (rng.sample(range(100, 200), rng.randint(5, 9)) for _ in range(2))
        a += [" ".join(XA[p] for p in first).capitalize() + ".", " ".join(XA[p] for p in second).capitalize() + "."]
        b.append(" ".join(XB[p] for p in second + first).capitalize() + ".")
        if k % 2:
            a_ends.append(len(a))
            b_ends.append(len(b))
    return a, b, a_ends, b_ends


def test_words_are_learned_on_the_units_where_sentences_do_not_pair_one_to_one(monkeypatch) -> None:
    """A division of versions paragraphed on their own, aligned at once: where xb gives two xa
    sentences in one, no 1-1 bead holds their words, but the units (paragraphs both versions
    end together) do, and Model 1 learns the pairs there too; without the units, none of them."""
    import enface.align as align

    a, b, a_ends, b_ends = _joined_division()
    model = {"xb": LengthModel.estimate([len(s) for s in a], [len(s) for s in b], paired=False)}
    truth = set(zip(XA, XB))
    second = set(zip(XA[100:], XB[100:]))

    def learned() -> set[tuple[str, str]]:
        lexicon = learn_lexicons([{"xa": a, "xb": b}], "xa", model, [{"xa": a_ends, "xb": b_ends}], rounds=2)["xb"]
        return {(x, y) for x, partners in lexicon.pairs.items() for y in partners}

    pairs = learned()
    assert len(pairs & second) >= 80
    assert len(pairs - truth) <= 10
    monkeypatch.setattr(align, "_unit_texts", lambda *args: [])
    assert not learned() & second
