"""Words of a language written without spaces (Japanese): ideographs, katakana and hiragana runs.

A Japanese run of letters between punctuation marks is a clause ("ゲルダはさけびました", "Gerda
cried"); taken whole as one token, it never recurs, so that IBM Model 1 learns nothing from it
and a name inside it meets nobody. Cut where the script changes, the clause gives its ideograph
words (雪 "snow", 女王 "queen") and its katakana names (ゲルダ "Gerda"), which recur and translate.
"""

from __future__ import annotations

import random

from enface.align.lexicon import learn_pairs, tokens


def test_a_japanese_clause_gives_its_ideograph_words_and_katakana_names() -> None:
    found = tokens("雪の女王のお城は、フィンランドにあります。", "ja")
    assert "s:雪" in found  # snow
    assert "s:女王" in found  # queen
    assert "s:城" in found  # castle
    assert "s:フィンランド" in found  # Finland


def test_a_katakana_name_meets_its_latin_cyrillic_and_greek_spellings() -> None:
    """ゲルダ is read ge-ru-da: the consonants g, r, d, as in Gerda, Герда and Γκέρντα."""
    japanese = {t for t in tokens("そこでゲルダはさけびました。", "ja") if t.startswith("k:")}
    assert japanese == {t for t in tokens("Alors Gerda cria.", "fr") if t.startswith("k:")}
    assert japanese == {t for t in tokens("Тогда Герда закричала.", "ru") if t.startswith("k:")}
    assert japanese == {t for t in tokens("Τότε η Γκέρντα φώναξε.", "el") if t.startswith("k:")}


def test_model1_learns_japanese_words_from_clauses() -> None:
    """Sentences that speak of snow (雪, neige) or of a queen (女王, reine) among other words:
    the pairs are learned although no Japanese clause recurs as a whole."""
    rng = random.Random(5)
    fillers = [
        ("la maison", "おうち"),
        ("le jardin", "おにわ"),
        ("la rivière", "かわ"),
        ("la fenêtre", "まど"),
        ("le soir", "ばん"),
    ]
    verbs = ["tombait", "brillait", "dormait", "chantait", "passait", "restait"]
    endings = ["でした", "ました", "ません", "ましょう", "ですね", "だった"]
    pairs = []
    for k in range(40):
        french, japanese = rng.choice(fillers)
        subject = ("la neige", "雪") if k % 2 else ("la reine", "女王")
        pairs.append(
            (
                f"{subject[0].capitalize()} {rng.choice(verbs)} sur {french} numéro {k}.",
                f"{japanese}{rng.choice('のへに')}{subject[1]}がふる{rng.choice(endings)}{k}。",
            )
        )
    learned = learn_pairs(pairs, "fr", "ja")
    assert ("neig", "雪") in learned  # French Snowball: neige -> neig
    assert ("rein", "女王") in learned  # reine -> rein
