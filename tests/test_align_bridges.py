"""Bridges: where FreeDict has no dictionary between two languages (Arabic and French), two
through English (ara-eng, eng-fra) give their words, checked back through English where those
two dictionaries are installed too; used for a version paragraphed on its own only.

The dictionaries are tiny dictd folders written here (as in ``test_align_dictionary_harm.py``).
"""

from __future__ import annotations

from enface import dictd as packaged
from enface.align import _evidence, learn_lexicons
from enface.align import dictionaries as dicts
from enface.align.gale_church import LengthModel
from enface.align.lexicon import PairLexicon, known_share, vocabulary
from test_align_dictionary_harm import _install

# Arabic words and their English, as ara-eng gives them; English to French as eng-fra does
ARA_ENG = {
    "قمر": ["moon"],
    "بيت": ["house", "home"],
    "ثلج": ["snow"],
    "عين": ["eye", "spring", "source", "spy", "notable"],
}
ENG_FRA = {"moon": ["lune"], "house": ["maison"], "home": ["foyer", "maison"], "snow": ["neige"], "eye": ["œil"]}
FRA_ENG = {"lune": ["moon"], "maison": ["house"], "neige": ["snow"], "œil": ["eye"]}
ENG_ARA = {"moon": ["قمر"], "house": ["بيت"], "snow": ["ثلج"], "eye": ["عين"]}


def test_a_bridge_gives_the_words_through_english(dictd) -> None:
    _install(dictd, "ara-eng", ARA_ENG)
    _install(dictd, "eng-fra", ENG_FRA)
    bridge = dicts.bridge("ar", "fr")
    assert bridge is not None
    assert bridge.get("قمر") == ("lune",)
    assert set(bridge.get("بيت")) == {"maison", "foyer"}  # nothing to check them against yet
    assert bridge.get("عين") == ()  # five senses in English: too many ways to go wrong
    assert bridge.get("شمس") == ()  # not in the dictionary
    assert dicts.bridge("fr", "ar") is None  # fra-eng and eng-ara are not installed


def test_the_words_found_must_lead_back_when_the_dictionaries_back_are_there(dictd) -> None:
    for name, entries in (("ara-eng", ARA_ENG), ("eng-fra", ENG_FRA), ("fra-eng", FRA_ENG), ("eng-ara", ENG_ARA)):
        _install(dictd, name, entries)
    there = dicts.bridge("ar", "fr")
    assert there is not None and there.get("بيت") == ("maison",)  # foyer leads back to no Arabic word
    back = dicts.bridge("fr", "ar")
    assert back is not None and back.get("neige") == ("ثلج",)


def test_no_bridge_where_a_dictionary_joins_the_languages_or_one_is_english(dictd) -> None:
    _install(dictd, "ara-eng", ARA_ENG)
    _install(dictd, "eng-fra", ENG_FRA)
    _install(dictd, "fra-eng", FRA_ENG)
    assert dicts.bridge("fr", "fr-CA") is None  # French to French: synonyms, no translation
    _install(dictd, "ara-fra", {"قمر": ["lune"]})
    assert dicts.bridge("ar", "fr") is None
    assert dicts.bridge("ar", "en") is None and dicts.bridge("en", "fr") is None


def test_only_one_english_word_leads_on(dictd) -> None:
    ara_eng = {"قمر": ["the moon"], "ركض": ["to run"], "بيت": ["a house"], "غرفة": ["big room"], "إلى": ["to"]}
    _install(dictd, "ara-eng", ara_eng)
    eng_fra = {"moon": ["lune"], "run": ["courir"], "house": ["maison"], "room": ["pièce"], "to": ["à"]}
    _install(dictd, "eng-fra", eng_fra)
    bridge = dicts.bridge("ar", "fr")
    assert bridge is not None
    assert bridge.get("ركض") == ("courir",) and bridge.get("بيت") == ("maison",)  # "to", "a" passed over
    assert bridge.get("قمر") == () and bridge.get("غرفة") == ()  # two words: not taken
    assert bridge.get("إلى") == ("à",)  # "to" alone is the preposition


ARABIC = ["رأت القمر فوق البيت.", "سقط الثلج على البيت.", "القمر والثلج."]
FRENCH = ["Elle vit la lune sur la maison.", "La neige tomba sur la maison.", "La lune et la neige."]


def test_bridged_pairs_only_when_asked_and_not_counted_as_knowing_each_other(dictd) -> None:
    for name, entries in (("ara-eng", ARA_ENG), ("eng-fra", ENG_FRA), ("fra-eng", FRA_ENG), ("eng-ara", ENG_ARA)):
        _install(dictd, name, entries)
    plain = PairLexicon.build(FRENCH, ARABIC, "fr", "ar", cognates=False)
    assert plain.pairs == {}
    bridged = PairLexicon.build(FRENCH, ARABIC, "fr", "ar", cognates=False, bridges=True)
    # stems: lune → lun, neige → neig (French Snowball); القمر → قمر, البيت → بيت (the article
    # off, Arabic Snowball); the bridge goes from the French headword and from the Arabic one
    assert bridged.pairs == {"lun": {"قمر"}, "maison": {"بيت"}, "neig": {"ثلج"}}
    assert bridged.bridged == {("lun", "قمر"), ("maison", "بيت"), ("neig", "ثلج")}  # weighed in the alignment only
    assert _evidence(bridged) == _evidence(plain) == 0
    assert known_share(vocabulary(FRENCH, "fr"), vocabulary(ARABIC, "ar"), "fr", "ar") == 0.0
    # a pair learned on the text as well counts, as do the cognates
    learned = bridged.with_pairs([("lun", "قمر")], FRENCH, ARABIC)
    assert _evidence(learned) == 1 and learned.bridged == {("maison", "بيت"), ("neig", "ثلج")}


def test_learning_takes_bridges_for_a_version_paragraphed_on_its_own_only(dictd) -> None:
    for name, entries in (("ara-eng", ARA_ENG), ("eng-fra", ENG_FRA), ("fra-eng", FRA_ENG), ("eng-ara", ENG_ARA)):
        _install(dictd, name, entries)
    block = {"fr": tuple(FRENCH), "ar": tuple(ARABIC)}
    model = {"ar": LengthModel.estimate([len(s) for s in FRENCH], [len(s) for s in ARABIC], paired=True)}
    alike = learn_lexicons([block], "fr", model)["ar"]
    apart = learn_lexicons([block], "fr", model, [{"fr": [0], "ar": [0]}])["ar"]
    assert apart.bridged and not alike.bridged


def test_the_set_up_installs_a_bridge_where_debian_has_no_dictionary_between_the_languages(tmp_path) -> None:
    # Debian 12 has no French-Arabic FreeDict pair, but ara-eng, eng-ara, eng-fra and fra-eng
    # (`apt-cache search --names-only '^dict-freedict-'`)
    assert packaged.packages(["fr", "ar"], tmp_path) == [
        "dict-freedict-ara-eng",
        "dict-freedict-eng-ara",
        "dict-freedict-eng-fra",
        "dict-freedict-fra-eng",
    ]
    # nor French-Indonesian: fra-eng and eng-ind bridge French to Indonesian (no ind-eng to check)
    assert packaged.packages(["fr", "id"], tmp_path) == ["dict-freedict-eng-ind", "dict-freedict-fra-eng"]
    # English itself is never bridged, and a direct pair needs no bridge
    assert packaged.packages(["en", "ar"], tmp_path) == ["dict-freedict-ara-eng", "dict-freedict-eng-ara"]
