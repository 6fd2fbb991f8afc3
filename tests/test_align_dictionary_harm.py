"""Dictionary pairs help the aligner where they name what the texts share, and are left out where
they cannot: a run of hiragana in a language written without spaces (an interjection, a
particle: the ideographs and katakana words are matched); and a short translation that the
stemmer turns into another word (Russian она "she" into он "he").

The dictionaries are tiny dictd folders written here, as ``test_align_lexical.py`` does: no
FreeDict package is needed.
"""

from __future__ import annotations

import gzip
import random

import pytest

from enface.align import learn_document
from enface.align.lexicon import PairLexicon, known_share, vocabulary
from test_align_lexical import _b64


def _install(folder, name: str, entries: dict[str, list[str]]) -> None:
    """A dictd dictionary ``freedict-NAME`` whose headwords translate as ``entries`` say."""
    data, index = b"", []
    for head, translations in sorted(entries.items()):
        entry = f"{head} /x/\n{', '.join(translations)}\n".encode()
        index.append(f"{head}\t{_b64(len(data))}\t{_b64(len(entry))}")
        data += entry
    (folder / f"freedict-{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    with gzip.open(folder / f"freedict-{name}.dict.dz", "wb") as out:
        out.write(data)


# Japanese as the aligner sees it: no spaces, so a "word" is a run between punctuation marks,
# and the only runs a dictionary word can equal are interjections and conjunctions. The
# eng-jpn WikDict gives さあ for "about", "come", "here", "know", "quite", "well" (counted on
# the Snow Queen: 221 English-Japanese pairs, mostly such).
INTERJECTIONS = ["さあ", "まあ", "ああ", "でも", "そして"]


def test_a_japanese_interjection_is_no_translation_of_the_words_a_dictionary_gives_it(dictd) -> None:
    _install(dictd, "eng-jpn", {"about": ["さあ"], "quite": ["さあ"], "know": ["さあ", "まあ"]})
    english = ["I know quite a lot about it.", "Do you know about the snow?"]
    japanese = ["さあ、雪の女王のことならよく知っているよ。", "まあ、雪のことを知っているの？"]
    lexicon = PairLexicon.build(english, japanese, "en", "ja", cognates=False)
    assert not any({"さあ", "まあ"} & partners for partners in lexicon.pairs.values())


def test_japanese_words_a_dictionary_gives_are_found_inside_the_runs(dictd) -> None:
    # as the fra-jpn WikDict gives them (neige: 雪, reine: 女王, 王妃; fenêtre: 窓, ウィンドウ);
    # the Japanese is written without spaces: 雪, 女王, 窓 and 見 stand between kana
    fra_jpn = {"neige": ["雪"], "reine": ["女王", "王妃"], "fenêtre": ["窓", "ウィンドウ"], "regarder": ["見"]}
    _install(dictd, "fra-jpn", {**fra_jpn, "bien": ["さあ"]})
    _install(dictd, "jpn-fra", {"雪": ["neige"], "窓": ["fenêtre"], "氷山": ["iceberg"], "ながめ": ["vue"]})
    french = ["La reine des neiges regarde bien par la fenêtre.", "La vue de l'iceberg."]
    japanese = ["雪の女王は窓からよく見ました。", "さあ、氷山のながめです。"]
    lexicon = PairLexicon.build(french, japanese, "fr", "ja", cognates=False)
    assert lexicon.pairs.get("neig") == {"雪"}  # "neiges" through the headword of its stem
    assert lexicon.pairs.get("rein") == {"女王"}
    assert lexicon.pairs.get("fenêtr") == {"窓"}
    assert lexicon.pairs.get("iceberg") == {"氷山"}  # the other direction
    assert "regard" not in lexicon.pairs  # one ideograph, one dictionary only: no pair
    assert not any({"さあ", "ながめ"} & partners for partners in lexicon.pairs.values())  # hiragana
    # they weigh in the alignment, not in judging how well the versions know each other
    assert lexicon.unspaced_dictionary == 4
    assert known_share(vocabulary(french, "fr"), vocabulary(japanese, "ja"), "fr", "ja") == 0.0


def test_no_dictionary_pairs_with_a_language_whose_runs_are_clauses(dictd) -> None:
    # Chinese keeps a run of ideographs whole (a clause between punctuation marks): a dictionary
    # word equals one only when the run is an exclamation (好 "good", 是 "yes")
    _install(dictd, "eng-zho", {"good": ["好"], "yes": ["是"], "snow": ["雪"]})
    english = ["Good, good!", "Yes, snow is falling on the town."]
    chinese = ["好，好！", "是，雪落在城里。"]
    assert PairLexicon.build(english, chinese, "en", "zh", cognates=False).pairs == {}


def _word(rng: random.Random, consonants: str = "bdfgklmnprstvz", vowels: str = "aeiou") -> str:
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))


def _book(seed: int = 3) -> tuple[list[tuple[dict, dict]], set[str]]:
    """Four versions of 60 sentences: the pivot "xa"; "xb", which shares the pivot's words and
    has names; "ja", translated from "xb" (the same names, its other words interjections between
    commas); "en", which shares the pivot's words too but none with "ja". Also "en"'s words."""
    rng = random.Random(seed)
    own = {w: _word(rng) for w in {_word(rng) for _ in range(400)}}
    names = [_word(rng) + "on" for _ in range(300)]
    words = list(own)
    versions: dict[str, list[str]] = {"xa": [], "xb": [], "en": [], "ja": []}
    for _ in range(60):
        sentence = [(rng.choice(words), rng.choice(names)) for _ in range(rng.randint(4, 12))]
        versions["xa"].append(" ".join(f"{w} {own[w][::-1]}" for w, _ in sentence) + ".")
        versions["xb"].append(" ".join(f"{w} {n}" for w, n in sentence) + ".")
        versions["en"].append(" ".join(w for w, _ in sentence) + ".")
        versions["ja"].append("、".join(f"{rng.choice(INTERJECTIONS)} {n}" for _, n in sentence) + "。")
    paragraphs = {lang: [" ".join(texts[k : k + 3]) for k in range(0, 60, 3)] for lang, texts in versions.items()}
    segments = {lang: [tuple(texts[k : k + 3]) for k in range(0, 60, 3)] for lang, texts in versions.items()}
    return [(paragraphs, segments)], set(words)


def test_a_big_dictionary_does_not_relay_japanese_through_a_version_it_does_not_follow(
    dictd, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as in test_align_relay: Model 1 learns chance pairs on 60 random sentences
    monkeypatch.setattr("enface.align.RELAY_DENSITY", 0.2)
    parts, english = _book()
    # every English word "translated" by an interjection the Japanese text is full of
    rng = random.Random(5)
    _install(dictd, "eng-jpn", {w: rng.sample(INTERJECTIONS, 2) for w in english})
    lexicons = learn_document(parts, "xa")
    # Japanese shares nothing with the pivot, and follows "xb" (its names), not "en"
    assert lexicons.relays["ja"][0] == "xb"


def test_a_short_translation_the_stemmer_turns_into_another_word_pairs_with_nothing(dictd) -> None:
    # as fra-rus (WikDict) gives them; Snowball's Russian stems она "she" to он "he" and неё
    # "her" to не "not", both words of this text
    _install(dictd, "fra-rus", {"elle": ["она"], "il": ["он"], "la": ["её", "неё"], "pas": ["не"]})
    french = ["Elle chante.", "Il ne la regarde pas, et elle ne le voit pas."]
    russian = ["Она поёт.", "Он не смотрит на неё, а она не видит его."]
    lexicon = PairLexicon.build(french, russian, "fr", "ru", cognates=False)
    assert "он" in lexicon.pairs["il"] and "не" in lexicon.pairs["pas"]  # il: он, ne… pas: не
    assert "не" not in lexicon.pairs.get("la", set())  # la is no "not"
    assert "он" not in lexicon.pairs.get("elle", set())  # elle is no "he"
