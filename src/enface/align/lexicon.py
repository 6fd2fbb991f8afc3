"""Lexical evidence for sentence alignment: which words of a sentence have their translation in the other.

Lengths cannot tell two similar-sized neighbours apart, nor a dropped sentence from a merged
one; words can. Each sentence becomes a list of *tokens*:

* numbers (``n:1964``), initials (``i:K``: "K." / "К.") and, outside languages that capitalise
  every noun (German, Luxembourgish), names: capitalised words inside a sentence, as the
  consonant skeleton of :mod:`.anchors` (``k:krl`` for "Carlyle" and "Карлейль") — these match
  the same token on the other side;
* every other word of two letters or more as its Snowball stem (``s:gipfel``), which matches
  through a :class:`PairLexicon`: the pairs of stems that translate each other, from three
  offline sources: a bilingual dictionary when Debian's FreeDict has one installed for the pair
  (:mod:`.dictionaries`; in a language written without spaces, the dictionary's word must
  be one of the runs cut below; not a short translation that the stemmer turns into another
  word: :func:`_dictionary_pairs`), cognates (words of four
  letters or more, accents removed and Cyrillic transliterated, that share their first four
  letters and are close in spelling: "Expedition" / "expédition"), and a lexicon learned from
  the text itself (:func:`learn_pairs`: IBM Model 1 on the confident 1-1 beads of a first
  alignment, as Moore 2002 and hunalign bootstrap theirs). In a language written without
  spaces, a run of letters is cut where its script changes (:func:`_unspaced_tokens`: 雪 "snow",
  and ゲルダ as ``s:ゲルダ`` and as the name ``k:krd``, out of "雪の中でゲルダは").

How much a token weighs is a log-likelihood ratio, so that a bigger bead never wins by
collecting more tokens. For a token ``t`` of one side, ``p0(t)`` is the share of the other
side's sentences that contain one of its partners (how often it matches by chance) and ``p1``
the share of tokens matched in the confident beads (how often it matches in a real
translation). A bead of two non-empty sides costs, for each of its tokens,
``−log(p1/p0)`` when the token is matched on the other side and ``−log((1−p1)/(1−p0))``
(a positive cost) when it is not; tokens that match nothing anywhere, or match by chance as
often as in a translation (function words), weigh nothing. A bead with an empty side costs
nothing here (its words are not expected to match), unless asked (:data:`OMISSION`):
then it pays part of what its words would gain in a 1-1 bead with its better neighbour in the
other version, since an item left out rarely has its translation right next to it. Merging an untranslated sentence into its
neighbour's bead therefore pays for each of its unmatched words, which is what lets a lone
insertion stand as its own 1-0 bead. The sum is scaled by :data:`WEIGHT` (tokens of one
sentence are not independent evidence).
"""

from __future__ import annotations

import math
import re
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np

from ..languages import NOUN_CAPITALISING, STEMMERS, UNSPACED, WORD_RUNS
from . import dictionaries
from .anchors import WEIGHT as ANCHOR_WEIGHT
from .anchors import _cyrillic, _latin, _skeleton
from .anchors import anchors as anchor_keys

WEIGHT = 0.4  # scale of the summed token log-likelihood ratios (tuned on Text+Berg dev)
DEFAULT_P1 = 0.3  # share of informative tokens matched in a translation, before measuring it
MIN_P1, MAX_P1 = 0.15, 0.9
LEARN_MIN_BEADS = 20  # fewer confident beads than this: no lexicon is learned
LEARN_THRESHOLD = 0.2  # Model 1 t(b|a) and t(a|b) both at least this...
LEARN_MIN_COUNT = 2  # ...over at least this many confident beads
MODEL1_ITERATIONS = 5
COGNATE_PREFIX = 4
COGNATE_DISTANCE = 0.5  # normalised edit distance of two cognates, at most
COGNATE_MAX_LETTERS = 40  # longer "words" (a run of letters no language has) are no cognates
COARSE_MAX_P0 = 0.01  # in the coarse pass, only tokens whose partners are in at most 1 % of sentences
COMPOUND_MIN = 8  # letters: a longer word the dictionary lacks is tried as a compound
CHANCE_PRIOR = (0.5, 8)  # pseudo-counts added to a token's hits and to the sentences (p0)
# A translation this short that the stemmer cuts is a pronoun or an article, and what is left is
# often another word: Snowball's Russian stems она "she" to он "he" and неё "her" to не "not",
# its French ses "his" to se "oneself". Such a pair matches that other word (fra-rus elle: она
# met every "он" of the bundled edition, and la: неё every "не", which re-paired its paragraph 1,
# sentences 5-7). Longer words stem to a stem of their own family (regarder: regard, alpiniste:
# alpin): dropping those too costs Text+Berg strict F1 0.906 -> 0.905 and Discours fr-de 1.000 ->
# 0.997; with three letters neither changes.
SHORT_TRANSLATION = 3
# What a 1-0 or 0-1 bead pays, as a share of the word gain of the 1-1 bead it would make with
# its better neighbour in the other version (:meth:`Prepared.cost`): a paragraph left alone
# whose words have their partners right next to it was most likely not left out. Paragraph
# alignments pass it (``PairEvidence(..., omission=OMISSION)``); sentences inside a paragraph
# bead pass a share of their own (``enface.align.SENTENCE_OMISSION``). Measured
# (benchmarks/bilinguator.py, unit boundary F1), the Snow Queen fr-ru-en-de with all 27 FreeDict
# dictionaries, 0 -> 0.1 to 0.3 (the same) -> 0.5 -> 1: fr-en 0.977 -> 0.982 -> 0.984 -> 0.980,
# fr-de 0.976 -> 0.980 -> 0.980 -> 0.980, ru-de 0.966 -> 0.970 -> 0.964 -> 0.960, en-de 0.990 ->
# 0.990 -> 0.979 -> 0.980; with the machine's three, unchanged up to 0.3, en-de 0.979 at 0.5.
# Its seven versions (machine dictionaries), 0 -> 0.1 -> 0.25 -> 0.4: en-de 0.989 -> 0.987 ->
# 0.986 -> 0.980 (English paired 1-1 as the gold has it around "— Kay ! que fais-tu ?", German
# still left alone there), fr-el 0.955 -> 0.958 -> 0.958 -> 0.961, ja-el 0.950 -> 0.954 -> 0.954
# -> 0.956; the other works do not change. On sentences too it would help Text+Berg (strict F1
# 0.906 -> 0.910 at 0.25, 0.916 at 1) but costs the Snow Queen fr-ru-en with the Russian joined
# by 3 (a division's sentences aligned at once) 0.946 -> 0.938.
OMISSION = 0.1


_WORD = re.compile(r"[^\W_]+")


# --- tokens -----------------------------------------------------------------------------------


@cache
def _stemmer(lang: str):
    """The Snowball stemmer of a language, or None. snowballstemmer hands out PyStemmer's C
    stemmers when ``Stemmer`` is installed (a dependency): the same algorithms, so the same stems
    (checked on every word of the corpora and dictionaries), ten times faster than its own."""
    name = STEMMERS.get(lang.split("-")[0])
    if name is None:
        return None
    import snowballstemmer

    try:
        return snowballstemmer.stemmer(name)
    except KeyError:  # an older snowballstemmer without this language
        return None


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """The Snowball stem of a lower-case word (its first six letters without a stemmer)."""
    stemmer = _stemmer(lang)
    return stemmer.stemWord(word) if stemmer is not None else word[:6]


@lru_cache(maxsize=100_000)
def tokens(sentence: str, lang: str) -> tuple[str, ...]:
    """The tokens of one sentence (see the module docstring), in order."""
    out: list[str] = []
    names = lang.split("-")[0] not in NOUN_CAPITALISING
    unspaced = lang.split("-")[0] in UNSPACED
    for index, match in enumerate(_WORD.finditer(sentence)):
        word = match.group(0)
        if unspaced and not word.isascii():
            out.extend(_unspaced_tokens(word, lang))
            continue
        if word.isdigit():
            out.append("n:" + (word.lstrip("0") or "0"))
            continue
        if len(word) == 1:
            follows = sentence[match.end() : match.end() + 1]
            if word.isupper() and (follows in ("", ".", " ", ",")):
                out.append("i:" + _latin(word).upper())
            continue
        out.append("s:" + stem(word.lower(), lang))
        if names and index > 0 and word[0].isupper() and len(word) >= 3 and not word.isupper():
            out.extend(_name_token(word))
    return tuple(out)


def _name_token(word: str) -> list[str]:
    """A name's token, its consonant skeleton (``k:krd``), when it has two consonants or more."""
    skeleton = _skeleton(word)
    return ["k:" + skeleton] if len(skeleton) >= 2 else []


# The scripts a run of Japanese letters changes between: ideographs (and the repetition mark 々),
# hiragana, katakana (and the prolonged sound mark ー, half-width katakana); the rest (Latin, digits).
_HAN_LETTERS = "\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HIRAGANA_LETTERS = "\u3041-\u309f"
_KATAKANA_LETTERS = "\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HAN = re.compile(f"[{_HAN_LETTERS}]+")
_KATAKANA = re.compile(f"[{_KATAKANA_LETTERS}]+")
_HIRAGANA = re.compile(f"[{_HIRAGANA_LETTERS}]+")

_SCRIPT_RUN = re.compile(
    f"[{_HAN_LETTERS}]+|[{_HIRAGANA_LETTERS}]+|[{_KATAKANA_LETTERS}]+"
    f"|[^{_HAN_LETTERS}{_HIRAGANA_LETTERS}{_KATAKANA_LETTERS}]+"
)


def _unspaced_tokens(word: str, lang: str) -> list[str]:
    """The tokens of a run of letters of a language written without spaces (:data:`UNSPACED`).

    Such a run is a clause ("ゲルダはさけびました", Gerda cried), which no other sentence repeats:
    as one token it matched nothing, and Model 1 learned 14 pairs from the Snow Queen's 327
    confident French-Japanese beads. Japanese changes script at most word boundaries, so the
    run is cut there: an ideograph run is a word or a compound (雪 snow, 女王 queen, 馬車
    carriage), one letter long or more; a katakana run a name or a loanword (ゲルダ, フィンランド,
    ナイフ), also a name token (:func:`.anchors._skeleton` of its reading: ゲルダ ``k:krd`` as
    Gerda); a hiragana run stays whole (particles, endings and words written in kana: cut in
    character pairs, it gave Model 1 more pairs but made them outweigh the ideographs' and names':
    fr-ja unit F1 0.919 -> 0.938 with two versions, 0.965 -> 0.956 with the seven). French-
    Japanese: 32 pairs learned (雪 neige, 窓 fenêtre, 氷 glace, ゲルダ Gerda); the Snow Queen's
    French and Japanese alone: unit F1 0.901 -> 0.919, English and Japanese 0.946 -> 0.962,
    Russian and Japanese 0.984 -> 0.987. Chinese (all ideographs) keeps its runs whole.
    """
    out: list[str] = []
    for match in _SCRIPT_RUN.finditer(word):
        run = match.group(0)
        if run.isdigit():
            out.append("n:" + (run.lstrip("0") or "0"))
        elif _HAN.fullmatch(run):
            out.append("s:" + stem(run, lang))
        elif _KATAKANA.fullmatch(run):
            if len(run) >= 2:
                out.append("s:" + stem(run, lang))
                out.extend(_name_token(run))
        elif len(run) >= 2:
            out.append("s:" + stem(run.lower(), lang))
    return out


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case, accents removed, Cyrillic and Greek transliterated: the form cognates are
    compared in. Not kana or Arabic: an unspaced Japanese run or an unvowelled Arabic word
    transliterated meets unrelated words (Snow Queen fr-ja unit F1 0.966 → 0.909)."""
    decomposed = unicodedata.normalize("NFKD", _cyrillic(word.lower()))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def _distance(a: str, b: str) -> float:
    """Levenshtein distance over the longer length."""
    if a == b:
        return 0.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / max(len(a), len(b))


# --- the lexicon of a pair of versions --------------------------------------------------------


@dataclass
class PairLexicon:
    """What is known about the words of two versions of one text (a and b), and how much each weighs.

    Built from all the sentences of both versions (:meth:`build`), so that a paragraph's
    alignment uses the whole text's statistics. ``pairs`` maps a stem of a to its partner stems
    in b; ``p1`` is the share of informative tokens matched in a translation.
    """

    a_lang: str
    b_lang: str
    pairs: dict[str, set[str]]
    p1: float = DEFAULT_P1
    a_chance: dict[str, float] = field(default_factory=dict)  # token -> p0 (0: never matches)
    b_chance: dict[str, float] = field(default_factory=dict)
    learned: int = 0  # pairs added by learning
    # pairs a dictionary gives with a language written without spaces, and the pairs only a
    # bridge gives: they weigh in the alignment, not in how well two versions are known to each
    # other (:func:`known_share`, ``enface.align._evidence``); see :func:`_dictionary_pairs` and
    # :func:`_bridged_pairs`
    unspaced_dictionary: int = 0
    bridged: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def build(
        cls,
        a_sentences: Sequence[str],
        b_sentences: Sequence[str],
        a_lang: str,
        b_lang: str,
        *,
        dictionary: bool = True,
        cognates: bool = True,
        bridges: bool = False,
    ) -> PairLexicon:
        a_vocab = vocabulary(a_sentences, a_lang)
        b_vocab = vocabulary(b_sentences, b_lang)
        pairs: dict[str, set[str]] = {}
        from_dictionary = _dictionary_pairs(a_vocab, b_vocab, a_lang, b_lang) if dictionary else set()
        cognate = _cognate_pairs(a_vocab, b_vocab, a_lang, b_lang) if cognates else set()
        bridged = _bridged_pairs(a_vocab, b_vocab, a_lang, b_lang) if dictionary and bridges else set()
        bridged -= from_dictionary | cognate  # what only a bridge gives
        for sa, sb in from_dictionary | bridged:
            pairs.setdefault(sa, set()).add(sb)
        for sa, sb in cognate:
            pairs.setdefault(sa, set()).add(sb)
        unspaced = len(from_dictionary) if _unspaced(a_lang) or _unspaced(b_lang) else 0
        lexicon = cls(a_lang, b_lang, pairs, DEFAULT_P1, unspaced_dictionary=unspaced, bridged=frozenset(bridged))
        lexicon.weigh(a_sentences, b_sentences)
        return lexicon

    def with_pairs(self, extra: Iterable[tuple[str, str]], a_sentences, b_sentences) -> PairLexicon:
        pairs = {stem_a: set(partners) for stem_a, partners in self.pairs.items()}
        added = 0
        for sa, sb in extra:
            if sb not in pairs.setdefault(sa, set()):
                pairs[sa].add(sb)
                added += 1
        lexicon = PairLexicon(
            self.a_lang,
            self.b_lang,
            pairs,
            self.p1,
            learned=self.learned + added,
            unspaced_dictionary=self.unspaced_dictionary,
            bridged=self.bridged - set(extra),  # learned on the text: it counts
        )
        lexicon.weigh(a_sentences, b_sentences)
        return lexicon

    def a_tokens(self, sentence: str) -> tuple[str, ...]:
        return tokens(sentence, self.a_lang)

    def b_tokens(self, sentence: str) -> tuple[str, ...]:
        return tokens(sentence, self.b_lang)

    # which tokens of the other side a token matches (kept per token: the pairs do not change)
    def a_queries(self, token: str) -> tuple[str, ...]:
        known = self.__dict__.setdefault("_a_queries", {})
        found = known.get(token)
        if found is None:
            if token.startswith("s:"):
                found = tuple("s:" + sb for sb in self.pairs.get(token[2:], ()))
            else:
                found = (token,)
            known[token] = found
        return found

    def b_queries(self, token: str) -> tuple[str, ...]:
        known = self.__dict__.setdefault("_b_queries", {})
        found = known.get(token)
        if found is None:
            if token.startswith("s:"):
                found = tuple("s:" + sa for sa in self._reverse().get(token[2:], ()))
            else:
                found = (token,)
            known[token] = found
        return found

    def _reverse(self) -> dict[str, set[str]]:
        reverse = self.__dict__.get("_reverse_pairs")
        if reverse is None:
            reverse = {}
            for sa, partners in self.pairs.items():
                for sb in partners:
                    reverse.setdefault(sb, set()).add(sa)
            self.__dict__["_reverse_pairs"] = reverse
        return reverse

    def weigh(self, a_sentences: Sequence[str], b_sentences: Sequence[str], p1: float | None = None) -> None:
        """Each token type's chance of matching a sentence of the other side (p0), and ``p1``."""
        if p1 is not None:
            self.p1 = min(MAX_P1, max(MIN_P1, p1))
        weighed = (tuple(a_sentences), tuple(b_sentences))
        if self.__dict__.get("_weighed") == weighed:  # the same sentences (and pairs): the same chances
            return
        a_tokens, a_postings = _side(weighed[0], self.a_lang)
        b_tokens, b_postings = _side(weighed[1], self.b_lang)
        self.a_chance = _chances(a_tokens, b_postings, len(b_tokens), self.a_queries)
        self.b_chance = _chances(b_tokens, a_postings, len(a_tokens), self.b_queries)
        self.__dict__["_weighed"] = weighed

    def weights(self, p0: float, d: int) -> tuple[float, float]:
        """(gain when matched, cost when not) of a token with chance ``p0`` against ``d`` sentences.

        Against d sentences a token matches by chance with probability 1 − (1 − p0)^d: a bead
        with more sentences on the other side pays for its extra chances.
        """
        chance = 1 - (1 - p0) ** d
        if p0 <= 0 or chance >= self.p1:
            return 0.0, 0.0
        unmatched = -math.log((1 - self.p1) / (1 - chance))
        return math.log(self.p1 / chance) + unmatched, unmatched

    def coverage(self, pairs: Iterable[tuple[str, str]]) -> float:
        """Share of informative tokens matched across these sentence pairs (an estimate of p1)."""
        matched = total = 0
        for a_sentence, b_sentence in pairs:
            a_tokens, b_tokens = tokens(a_sentence, self.a_lang), tokens(b_sentence, self.b_lang)
            b_set, a_set = set(b_tokens), set(a_tokens)
            for token in a_tokens:
                if self.weights(self.a_chance.get(token, 0.0), 1)[0] > 0:
                    total += 1
                    matched += any(q in b_set for q in self.a_queries(token))
            for token in b_tokens:
                if self.weights(self.b_chance.get(token, 0.0), 1)[0] > 0:
                    total += 1
                    matched += any(q in a_set for q in self.b_queries(token))
        return matched / total if total else DEFAULT_P1


def known_share(a_vocab: dict[str, str], b_vocab: dict[str, str], a_lang: str, b_lang: str) -> float:
    """The share of a's stems (of :func:`vocabulary`) that a dictionary or a cognate pairs with
    one of b's, before anything is learned: how much two versions' words say of each other.
    Not a dictionary's pairs with a language written without spaces (see
    :func:`_dictionary_pairs`), nor a bridge's (:func:`_bridged_pairs`)."""
    stems = set(a_vocab.values())
    if not stems:
        return 0.0
    pairs = _cognate_pairs(a_vocab, b_vocab, a_lang, b_lang)
    if not _unspaced(a_lang) and not _unspaced(b_lang):
        pairs |= _dictionary_pairs(a_vocab, b_vocab, a_lang, b_lang)
    return len({stem for stem, _ in pairs} & stems) / len(stems)


def vocabulary(sentences: Sequence[str], lang: str) -> dict[str, str]:
    """Lower-case word → stem, for the words of these sentences that become stem tokens (in a
    language written without spaces, the runs :func:`_unspaced_tokens` cuts)."""
    vocab: dict[str, str] = {}
    unspaced = _unspaced(lang)
    for sentence in sentences:
        for match in _WORD.finditer(sentence):
            word = match.group(0).lower()
            if unspaced and not word.isascii():
                vocab.update((t[2:], t[2:]) for t in _unspaced_tokens(word, lang) if t.startswith("s:"))
                continue
            if len(word) >= 2 and not word.isdigit() and word not in vocab:
                vocab[word] = stem(word, lang)
    return vocab


@lru_cache(maxsize=64)
def _side(sentences: tuple[str, ...], lang: str) -> tuple[list[tuple[str, ...]], dict[str, list[int]]]:
    """The tokens of each sentence and their postings (not to be changed: shared by every
    lexicon weighed on these sentences, the whole text's mostly)."""
    sentence_tokens = [tokens(s, lang) for s in sentences]
    return sentence_tokens, _postings(sentence_tokens)


def _postings(sentence_tokens: Sequence[Sequence[str]]) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = {}
    for index, toks in enumerate(sentence_tokens):
        for token in set(toks):
            postings.setdefault(token, []).append(index)
    return postings


def _chances(sentence_tokens, other_postings, other_count, queries) -> dict[str, float]:
    chances: dict[str, float] = {}
    if not other_count:
        return chances
    for toks in sentence_tokens:
        for token in toks:
            if token in chances:
                continue
            hits: set[int] = set()
            for key in queries(token):
                hits.update(other_postings.get(key, ()))
            # smoothed: in a short stretch of text one hit in two sentences is no 50 % chance
            chances[token] = (len(hits) + CHANCE_PRIOR[0]) / (other_count + CHANCE_PRIOR[1]) if hits else 0.0
    return chances


def _dictionary_pairs(a_vocab, b_vocab, a_lang, b_lang, source=dictionaries.dictionary) -> set[tuple[str, str]]:
    """Stem pairs from the installed dictionaries, both directions (a → b and b → a).

    With a language written without spaces (:data:`enface.languages.UNSPACED`; only those of
    :data:`enface.languages.WORD_RUNS`), a translation is taken when it is one of the runs
    :func:`_unspaced_tokens` cuts (雪 for neige, 女王 for reine), and a headword of that
    language only as it stands (see :func:`_script_translations`).
    The Snow Queen's versions two by two, every FreeDict dictionary installed (unit boundary F1,
    ``benchmarks/bilinguator.py``): French-Japanese 0.931 -> 0.953, Japanese-Greek 0.952 ->
    0.965, English-Japanese 0.976 -> 0.971, Russian and German the same; French, English and
    Japanese with the Japanese joined by 3, 0.641-0.715 -> 0.830-0.842 (since a Japanese
    quotation and its verb of saying are one sentence: 0.964, 0.970, 0.969, 0.856-0.863).
    Such pairs are not counted where enface judges how well two versions know each other
    (:func:`known_share`, the relays): counted, they took the Japanese for known to the French
    and aligned it against the French instead of through the Russian (the seven versions'
    Russian-Japanese 0.992 -> 0.975). ``source``: where a dictionary from one language to
    another is found (:func:`.dictionaries.bridge` for :func:`_bridged_pairs`).
    """
    if any(_unspaced(lang) and lang.split("-")[0] not in WORD_RUNS for lang in (a_lang, b_lang)):
        return set()
    forward = source(a_lang, b_lang)
    there: set[tuple[str, str]] = set()
    back: set[tuple[str, str]] = set()
    if forward is not None:
        there = _lookups(forward, a_vocab, b_vocab, a_lang, b_lang)
    backward = source(b_lang, a_lang)
    if backward is not None:
        back = {(sa, sb) for sb, sa in _lookups(backward, b_vocab, a_vocab, b_lang, a_lang)}
    found = there | back
    if there and back and (_unspaced(a_lang) or _unspaced(b_lang)):
        # one ideograph has many senses (上: up, on, top, upper, above…): its pairs only
        # where both dictionaries give them (the Snow Queen's French and Japanese 0.947 ->
        # 0.953, English and Japanese 0.968 -> 0.971)
        side = 0 if _unspaced(a_lang) else 1
        found = {pair for pair in found if len(pair[side]) > 1 or (pair in there and pair in back)}
    return found


def _bridged_pairs(a_vocab, b_vocab, a_lang, b_lang) -> set[tuple[str, str]]:
    """Stem pairs from bridges through English (:func:`.dictionaries.bridge`), both directions,
    where no dictionary joins the two languages that way.

    Only for a version paragraphed on its own (``PairLexicon.build(bridges=True)``, from
    ``enface.align.learn_lexicons``), whose sentences have no paragraph beads to keep them near
    their partners: there the words are all there is. The Snow Queen with the Arabic joined by
    3, every FreeDict dictionary installed (unit boundary F1, ``benchmarks/bilinguator.py``):
    French 0.730 -> 0.828, German 0.766 -> 0.843, Greek 0.751 -> 0.788, Japanese 0.697 ->
    0.750 (one ideograph only where both bridges give it, as with dictionaries); the Tin
    Soldier's Indonesian joined by 3 against the French 0.273 -> 0.504. For
    versions paragraphed alike they did not help: French-Arabic 0.976 -> 0.969, Greek-Arabic
    0.968 -> 0.962, the Tin Soldier's free Indonesian against the French 0.804 -> 0.768,
    Russian-Arabic 0.958 -> 0.962. Not counted where enface judges how well two versions know
    each other (relays, hub): counted, the Tin Soldier's five versions lost 0.041 on every
    Indonesian pair."""
    return _dictionary_pairs(a_vocab, b_vocab, a_lang, b_lang, source=dictionaries.bridge)


def _compound_parts(word: str, entries) -> list[str]:
    """Headwords a compound is made of, when it splits into two ("Seillängen": seil, länge).

    The longest known last part wins (German and Dutch put the compound's head last); between
    the parts a linking "s", "es", "n", "en" or "e" may stand. Stems of the last part are
    tried as its headword too ("längen" -> "länge").
    """
    for cut in range(3, len(word) - 3):
        first, last = word[:cut], word[cut:]
        tails = [
            h
            for h in entries.starting_with(last[:-2] if len(last) > 5 else last, 12)
            if last.startswith(h) and len(h) >= len(last) - 2
        ]
        if not tails:
            continue
        for link in ("", "s", "es", "n", "en", "e"):
            if link and not first.endswith(link):
                continue
            head = first[: len(first) - len(link)] if link else first
            if len(head) >= 3 and entries.get(head):
                return [head, max(tails, key=len)]
    return []


# Tried and not kept (2026-11-30): a translation also meeting the text's stems one or two
# letters longer or shorter that it begins or that begin it (Greek τριανταφυλλ-/τριανταφυλλι-).
# Every FreeDict dictionary: the Snow Queen's fr-ru alone +0.002, en-de +0.003, nothing lower;
# the set-up's five: its seven versions' Greek -0.005 on six pairs; benchmarks/align_scale.py's
# German-French (Text+Berg passages reshuffled) strict F1 -0.003 at 1k and 3k sentences.
def _lookups(entries, vocab, other_vocab, lang, other_lang) -> set[tuple[str, str]]:
    other_stems = set(other_vocab.values())
    prefixes = {s[:4] for s in other_stems}
    found: set[tuple[str, str]] = set()
    script = _unspaced(lang) or _unspaced(other_lang)
    for word, word_stem in vocab.items():
        if script:
            parts = _script_translations(entries, word, word_stem, lang, other_lang)
        else:
            parts = _translations(entries, word, word_stem)
        for part in parts:
            if _stems_to_another_word(part, parts, other_vocab, other_lang):
                continue
            if part in other_vocab:
                found.add((word_stem, other_vocab[part]))
            elif part[:4] in prefixes:
                other = stem(part, other_lang)
                if other in other_stems:
                    found.add((word_stem, other))
    return found


def _stems_to_another_word(part: str, parts: Sequence[str], other_vocab: dict[str, str], other_lang: str) -> bool:
    """Whether a short translation (:data:`SHORT_TRANSLATION`) loses letters to the stemmer and
    becomes another word of the other version (она: он, неё: не, ses: se), one the dictionary
    does not give for the same headword as well."""
    if len(part) > SHORT_TRANSLATION:
        return False
    cut = stem(part, other_lang)
    return len(cut) < len(part) and other_vocab.get(cut) == cut and cut not in parts


# per dictionary (or bridge) object, word -> its parts; kept as long as the dictionary is
_TRANSLATIONS: weakref.WeakKeyDictionary[object, dict[str, tuple[str, ...]]] = weakref.WeakKeyDictionary()


def _translations(entries, word: str, word_stem: str) -> tuple[str, ...]:
    """The words a dictionary translates ``word`` by, as :func:`_lookups` matches them: the
    same whatever the other version's words, so found once per word and process (every
    chapter's lexicon looks up mostly the same words)."""
    known = _TRANSLATIONS.setdefault(entries, {})
    found = known.get(word)
    if found is not None:
        return found
    # the word itself, and headwords a few letters longer than its stem (Berge: Berg,
    # montagnes: montagne): Snowball's stems are not headwords, and stemming every
    # headword to check would cost more than the few wrong senses this lets in
    candidates = {word}
    candidates.update(head for head in entries.starting_with(word_stem, 12) if len(head) <= len(word_stem) + 3)
    if len(word) >= COMPOUND_MIN and not any(entries.get(head) for head in candidates):
        candidates.update(_compound_parts(word, entries))
    out: list[str] = []
    for head in candidates:
        for translation in entries.get(head):
            parts = [p.lower() for p in _WORD.findall(translation) if len(p) >= 2]
            if not parts or len(parts) > 2:
                continue
            out.extend(part for part in parts if len(parts) == 1 or len(part) >= 4)
    found = known[word] = tuple(out)
    return found


def _script_translations(entries, word: str, word_stem: str, lang: str, other_lang: str) -> tuple[str, ...]:
    """:func:`_translations` between a language written with spaces and one without: a
    translation into the latter is kept when it is a single run (:func:`_unspaced_tokens`: 雪,
    ウィンドウ, not 人工雪 for "neige artificielle"); a headword of the latter only as it stands
    (雪, not 雪崩 "avalanche"); one of the former as the word or a headword of the same stem
    (temps, not temple: a one-letter translation leaves no second chance). Never a run of
    hiragana alone: such a run is a particle, an ending or an interjection between commas,
    and the eng-jpn WikDict gives さあ for "about", "come", "know", "quite", "well"."""
    known = _TRANSLATIONS.setdefault(entries, {})
    found = known.get(word)
    if found is not None:
        return found
    if _unspaced(lang):
        heads = [] if _HIRAGANA.fullmatch(word) else [word]
    else:
        heads = [word]
        heads += [
            head
            for head in entries.starting_with(word_stem, 12)
            if head != word and len(head) <= len(word_stem) + 3 and stem(head, lang) == word_stem
        ]
    out: list[str] = []
    for head in heads:
        for translation in entries.get(head):
            if _unspaced(other_lang):
                runs = (t for w in _WORD.findall(translation) for t in _unspaced_tokens(w, other_lang))
                parts = [t[2:] for t in runs if t.startswith("s:")]
                parts = [p for p in parts if not _HIRAGANA.fullmatch(p)]
            else:
                parts = [p.lower() for p in _WORD.findall(translation) if len(p) >= 2]
            if len(parts) == 1:
                out.extend(parts)
    found = known[word] = tuple(out)
    return found


def _unspaced(lang: str) -> bool:
    return lang.split("-")[0] in UNSPACED


def _cognate_pairs(a_vocab, b_vocab, a_lang, b_lang) -> set[tuple[str, str]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for word, word_stem in b_vocab.items():
        folded = fold(word)
        if COGNATE_PREFIX <= len(folded) <= COGNATE_MAX_LETTERS and folded.isalpha():
            groups.setdefault(folded[:COGNATE_PREFIX], []).append((folded, word_stem))
    found: set[tuple[str, str]] = set()
    for word, word_stem in a_vocab.items():
        folded = fold(word)
        if not COGNATE_PREFIX <= len(folded) <= COGNATE_MAX_LETTERS or not folded.isalpha():
            continue
        for other, other_stem in groups.get(folded[:COGNATE_PREFIX], ()):
            if _distance(folded, other) <= COGNATE_DISTANCE:
                found.add((word_stem, other_stem))
    return found


# --- learning (IBM Model 1 on confident beads) ------------------------------------------------


def learn_pairs(
    pairs: Sequence[tuple[str, str]],
    a_lang: str,
    b_lang: str,
    *,
    iterations: int | None = None,
    threshold: float | None = None,
    min_count: int | None = None,
) -> set[tuple[str, str]]:
    """Stem pairs that translate each other, learned from sentence pairs (a, b) that do.

    IBM Model 1 in both directions (EM, with an empty word on the source side); a pair is kept
    when each direction gives it at least ``threshold`` and it co-occurs in ``min_count`` pairs.
    """
    iterations = MODEL1_ITERATIONS if iterations is None else iterations
    threshold = LEARN_THRESHOLD if threshold is None else threshold
    min_count = LEARN_MIN_COUNT if min_count is None else min_count
    a_side = [[t[2:] for t in tokens(a, a_lang) if t.startswith("s:")] for a, _ in pairs]
    b_side = [[t[2:] for t in tokens(b, b_lang) if t.startswith("s:")] for _, b in pairs]
    if len(pairs) < LEARN_MIN_BEADS:
        return set()
    forward = _model1(a_side, b_side, iterations, keep=threshold)  # t(b | a)
    backward = _model1(b_side, a_side, iterations, keep=threshold)  # t(a | b)
    candidates: dict[str, set[str]] = {}
    for x, y in forward:
        if (y, x) in backward:
            candidates.setdefault(x, set()).add(y)
    counts: dict[tuple[str, str], int] = {}  # confident beads holding both words, candidates only
    for a_stems, b_stems in zip(a_side, b_side):
        b_set = set(b_stems)
        for x in set(a_stems):
            for y in candidates.get(x, ()):
                if y in b_set:
                    counts[x, y] = counts.get((x, y), 0) + 1
    return {pair for pair, count in counts.items() if count >= min_count}


def _model1(
    sources: Sequence[Sequence[str]], targets: Sequence[Sequence[str]], iterations: int, *, keep: float = 0.0
) -> dict[tuple[str, str], float]:
    """t(target word | source word) by EM, vectorised over every (source, target) word instance;
    only the pairs with t at least ``keep``. The instances are laid out with numpy (a paragraph
    pair holds thousands), and pairs numbered by first occurrence, so that the sums run in the
    same order whatever the layout."""
    source_ids: dict[str, int] = {"": 0}  # 0: the empty word
    target_ids: dict[str, int] = {}
    chunks_source: list[np.ndarray] = []
    chunks_target: list[np.ndarray] = []
    for src, tgt in zip(sources, targets):
        if not tgt:
            continue
        s_ids = np.asarray([0] + [source_ids.setdefault(w, len(source_ids)) for w in src], dtype=np.int64)
        t_ids = np.asarray([target_ids.setdefault(w, len(target_ids)) for w in tgt], dtype=np.int64)
        chunks_source.append(np.tile(s_ids, len(t_ids)))  # per target word, every source word
        chunks_target.append(np.repeat(t_ids, len(s_ids)))
    if not chunks_source:
        return {}
    inst_source = np.concatenate(chunks_source)
    inst_target = np.concatenate(chunks_target)
    per_word = np.repeat(
        np.asarray([len(s) + 1 for s, t in zip(sources, targets) if t], dtype=np.int64),
        np.asarray([len(t) for t in targets if t], dtype=np.int64),
    )
    inst_group = np.repeat(np.arange(len(per_word), dtype=np.int64), per_word)
    group = len(per_word)
    codes = inst_source * len(target_ids) + inst_target
    inst_pair, pair_codes = _first_numbered(codes, len(source_ids) * len(target_ids))
    pair_source = pair_codes // len(target_ids)
    pair_target = pair_codes % len(target_ids)
    t = np.full(len(pair_codes), 1.0 / max(1, len(target_ids)))
    for _ in range(iterations):
        p = t[inst_pair]
        totals = np.bincount(inst_group, weights=p, minlength=group)
        share = p / totals[inst_group]
        expected = np.bincount(inst_pair, weights=share, minlength=len(pair_codes))
        per_source = np.bincount(pair_source, weights=expected, minlength=len(source_ids))
        t = expected / np.maximum(per_source[pair_source], 1e-300)
    source_words = list(source_ids)
    target_words = list(target_ids)
    kept = np.flatnonzero((pair_source != 0) & (t >= keep))
    return {(source_words[int(pair_source[p])], target_words[int(pair_target[p])]): float(t[p]) for p in kept}


def _first_numbered(codes: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """Each code's number, the distinct codes numbered in order of first occurrence, and the
    distinct codes in that order. Codes are in 0 … bound − 1."""
    count = len(codes)
    if bound * count < 2**62:  # one unstable sort of (code, place): codes and places are recovered
        keys = np.sort(codes * count + np.arange(count))
        sorted_codes, places = np.divmod(keys, count)
        starts = np.empty(count, dtype=bool)
        starts[:1] = True
        np.not_equal(sorted_codes[1:], sorted_codes[:-1], out=starts[1:])
        inverse = np.empty(count, dtype=np.int64)  # index of each code among the distinct, sorted
        inverse[places] = np.cumsum(starts) - 1
        first = places[starts]  # where each distinct code first occurs
    else:
        _unique, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    is_first = np.zeros(count, dtype=bool)
    is_first[first] = True
    rank = (np.cumsum(is_first) - 1)[first]  # each distinct code's number, by first occurrence
    return rank[inverse.ravel()], codes[is_first]


class AnchorLexicon:
    """Anchor keys only (:func:`.anchors.anchors`: numbers, initials, name skeletons, quotations),
    each shared key worth :data:`.anchors.WEIGHT` to a bead and nothing when missing: the
    evidence enface used before the lexicon, kept as the ``lexical=False`` baseline."""

    def __init__(self, a_lang: str, b_lang: str) -> None:
        self.a_lang, self.b_lang = a_lang, b_lang
        self.a_chance = self.b_chance = _Always()

    def a_tokens(self, sentence: str) -> tuple[str, ...]:
        return tuple(sorted(anchor_keys(sentence, self.a_lang)))

    def b_tokens(self, sentence: str) -> tuple[str, ...]:
        return tuple(sorted(anchor_keys(sentence, self.b_lang)))

    @staticmethod
    def a_queries(token: str) -> tuple[str, ...]:
        return (token,)

    b_queries = a_queries

    @staticmethod
    def weights(p0: float, d: int) -> tuple[float, float]:
        return ANCHOR_WEIGHT / 2, 0.0  # half on each side of the bead


class _Always(dict):
    def get(self, key, default=None):
        return 1.0


# --- evidence for one alignment call ---------------------------------------------------------

MAX_SPAN = 4  # most sentences on one side of a bead that the evidence is exact for
COARSE_SPAN = 2  # most chunks on one side of a coarse bead (gale_church.COARSE_PRIORS)


class _Type:
    """One informative token type of one side, shared by its occurrences."""

    __slots__ = ("chunks", "gains", "partners", "unmatched")

    def __init__(self, partners: np.ndarray, gains: np.ndarray, unmatched: np.ndarray) -> None:
        self.partners = partners  # sorted positions of the other side's sentences holding a partner
        self.gains = gains  # per span d = 1 … MAX_SPAN (shared by every _Type of the token)
        self.unmatched = unmatched
        self.chunks: np.ndarray | None = None  # the coarse pass's chunks holding a partner


# (queries, gains, unmatched) of an informative token type, None for one that weighs nothing
_Profile = tuple[tuple[str, ...], np.ndarray, np.ndarray] | None
_UNSEEN = object()


class _Profiles:
    """What each token type of one side of a lexicon weighs and matches (:func:`_profiles`)."""

    __slots__ = ("by_chance", "chance", "lexicon", "p1", "queries", "tokens")

    def __init__(self, lexicon, side: str) -> None:
        self.lexicon = lexicon
        self.chance = getattr(lexicon, side + "_chance")
        self.p1 = getattr(lexicon, "p1", None)
        self.queries = lexicon.a_queries if side == "a" else lexicon.b_queries
        self.tokens: dict[str, _Profile] = {}
        self.by_chance: dict[float, tuple[np.ndarray, np.ndarray] | None] = {}  # p0 -> (gains, unmatched)

    def get(self, token: str) -> _Profile:
        found = self.tokens.get(token, _UNSEEN)
        if found is not _UNSEEN:
            return found
        chance = self.chance.get(token, 0.0)
        weighed = self.by_chance.get(chance, _UNSEEN)
        if weighed is _UNSEEN:
            per_span = [self.lexicon.weights(chance, d) for d in range(1, MAX_SPAN + 1)]
            weighed = None
            if per_span[0][0] > 0:
                weighed = (np.array([w[0] for w in per_span]), np.array([w[1] for w in per_span]))
            self.by_chance[chance] = weighed
        found = None if weighed is None else (self.queries(token), *weighed)
        self.tokens[token] = found
        return found


def _profiles(lexicon, side: str) -> _Profiles:
    """What a token of one side (``"a"`` or ``"b"``) weighs and matches: the same in every
    :class:`PairEvidence` on this lexicon, so worked out once per lexicon (and again whenever
    :meth:`PairLexicon.weigh` gives it new chances or ``p1``)."""
    cached = lexicon.__dict__.get("_profiles_" + side)
    if (
        cached is None
        or cached.chance is not getattr(lexicon, side + "_chance")
        or cached.p1 != getattr(lexicon, "p1", None)
    ):
        cached = lexicon.__dict__["_profiles_" + side] = _Profiles(lexicon, side)
    return cached


class PairEvidence:
    """The lexical cost of beads between these sentences of a and b (a paragraph, or the whole text).

    :meth:`prepare` computes, for the nodes of a :class:`~.dp.Band`, how much of each sentence
    of a is matched by the 1 … :data:`MAX_SPAN` sentences of b that end at each column, and
    back; :meth:`Prepared.cost` then gives a bead's cost from those arrays, a row of nodes at
    a time. ``omission``: the share of its better neighbour's 1-1 word gain that a 1-0 or 0-1
    bead pays (:data:`OMISSION`; 0, nothing, by default).
    """

    def __init__(
        self,
        lexicon: PairLexicon | AnchorLexicon,
        a_sentences: Sequence[str],
        b_sentences: Sequence[str],
        weight: float | None = None,
        omission: float = 0.0,
    ) -> None:
        self.lexicon = lexicon
        self.weight = WEIGHT if weight is None else weight
        self.omission = omission  # see :data:`OMISSION`
        self.n, self.m = len(a_sentences), len(b_sentences)
        if isinstance(lexicon, PairLexicon):  # the pivot's side is the same against every language
            a_tokens, a_postings = _side(tuple(a_sentences), lexicon.a_lang)
            b_tokens, b_postings = _side(tuple(b_sentences), lexicon.b_lang)
        else:
            a_tokens = [lexicon.a_tokens(s) for s in a_sentences]
            b_tokens = [lexicon.b_tokens(s) for s in b_sentences]
            a_postings, b_postings = _postings(a_tokens), _postings(b_tokens)
        self.a_items = _items(a_tokens, b_postings, lexicon, "a")
        self.b_items = _items(b_tokens, a_postings, lexicon, "b")
        # [d - 1, sentence]: its tokens' summed cost when unmatched against d sentences
        self.a_unmatched = _unmatched(self.a_items)
        self.b_unmatched = _unmatched(self.b_items)

    @property
    def informative(self) -> bool:
        return any(self.a_items) or any(self.b_items)

    def prepare(self, band) -> Prepared:
        """Match arrays in ``band``'s layout.

        ``a_match[d − 1]`` at node (i + 1, j + 1): the gain of the tokens of a's sentence i
        matched in b's sentences j − d + 1 … j; ``b_match[d − 1]`` at node (i + 1, j + 1): the
        gain of the tokens of b's sentence j matched in a's sentences i − d + 1 … i.
        """
        width = band.width
        lo = band.lo
        a_match = np.zeros((MAX_SPAN, self.n + 1, width), dtype=np.float32)
        b_match = np.zeros((MAX_SPAN, self.n + 1, width), dtype=np.float32)
        span = width + MAX_SPAN  # sentence positions a row can see, the spans' starts included
        for i, items in enumerate(self.a_items):
            if not items:
                continue
            row = i + 1
            first = int(lo[row]) - MAX_SPAN  # b's sentences first … first + span - 1
            gains = _window_gains(_packed(items, first, first + span), first, first + span)
            if gains is not None:  # node column lo[row] + x: b's sentences ending at first + MAX_SPAN - 1 + x
                a_match[:, row] += gains[:, MAX_SPAN - 1 : MAX_SPAN - 1 + width]
        ends = lo + width  # row r holds node columns lo[r] … ends[r] - 1
        columns = np.arange(1, self.m + 1)
        firsts = np.searchsorted(ends, columns, side="right").tolist()  # first row with ends > column
        lasts = np.searchsorted(lo, columns, side="right").tolist()  # rows with lo <= column
        for j, items in enumerate(self.b_items):
            column = j + 1
            row_first, row_last = max(1, firsts[j]), lasts[j]
            if row_first >= row_last or not items:
                continue
            first = max(0, row_first - MAX_SPAN)  # a's sentences first … row_last - 1
            gains = _window_gains(_packed(items, first, row_last), first, row_last)
            if gains is None:
                continue
            rows = np.arange(row_first, row_last)
            b_match[:, rows, column - lo[rows]] += gains[:, rows - 1 - first]  # row r: a's sentences ending at r - 1
        return Prepared(band, self.a_unmatched, self.b_unmatched, a_match, b_match, self.weight, self.omission)

    def coarse(self, a_cuts: Sequence[int], b_cuts: Sequence[int]) -> Prepared:
        """The same evidence between chunks (runs of sentences between cuts), on a full band.

        Only rare tokens count (partners in at most :data:`COARSE_MAX_P0` of the sentences),
        each once per chunk pair, weighed as against one sentence; a bead of several chunks
        adds its chunk pairs up.
        """
        from .dp import Band

        na, nb = len(a_cuts) - 1, len(b_cuts) - 1
        a_chunk = np.searchsorted(np.asarray(a_cuts[1:]), np.arange(self.n), side="right")
        b_chunk = np.searchsorted(np.asarray(b_cuts[1:]), np.arange(self.m), side="right")
        a_one, a_chunk_unmatched = _chunk_matches(
            self.a_items, a_chunk, b_chunk, max(3, COARSE_MAX_P0 * self.m), (na + 1, nb + 1)
        )
        b_one, b_chunk_unmatched = _chunk_matches(
            self.b_items, b_chunk, a_chunk, max(3, COARSE_MAX_P0 * self.n), (nb + 1, na + 1)
        )
        b_one = b_one.T
        a_match = np.zeros((COARSE_SPAN, na + 1, nb + 1), dtype=np.float32)
        b_match = np.zeros((COARSE_SPAN, na + 1, nb + 1), dtype=np.float32)
        a_match[0], b_match[0] = a_one, b_one
        for d in range(1, COARSE_SPAN):  # against chunks J - d … J (a) and I - d … I (b)
            a_match[d] = a_match[d - 1]
            a_match[d][:, d:] += a_one[:, : nb + 1 - d]
            b_match[d] = b_match[d - 1]
            b_match[d][d:, :] += b_one[: na + 1 - d, :]

        # chunk beads: every span weighed as one chunk (the chunks are long: chance differs little)
        a_unmatched = np.tile(a_chunk_unmatched, (COARSE_SPAN, 1))
        b_unmatched = np.tile(b_chunk_unmatched, (COARSE_SPAN, 1))
        return Prepared(Band.full(na, nb), a_unmatched, b_unmatched, a_match, b_match, self.weight)


def _items(sentence_tokens, other_postings, lexicon, side: str) -> list[list[_Type]]:
    """Each sentence's informative tokens (of ``side`` of the lexicon), as shared :class:`_Type` objects."""
    profiles = _profiles(lexicon, side)
    types: dict[str, _Type | None] = {}
    out = []
    for toks in sentence_tokens:
        items = []
        for token in toks:
            if token in types:
                known = types[token]
            else:
                profile = profiles.get(token)
                known = None
                if profile is not None:
                    queries, gains, unmatched = profile
                    partners = [other_postings[key] for key in queries if key in other_postings]
                    if partners:
                        merged = partners[0] if len(partners) == 1 else sorted(set().union(*partners))
                        known = _Type(np.asarray(merged, dtype=np.int64), gains, unmatched)
                types[token] = known
            if known is not None:
                items.append(known)
        out.append(items)
    return out


def _unmatched(items: Sequence[Sequence[_Type]]) -> np.ndarray:
    out = np.zeros((MAX_SPAN, len(items)))
    for x, sentence in enumerate(items):
        for t in sentence:
            out[:, x] += t.unmatched
    return out


# A sentence's tokens laid out for :func:`_window_gains`: every partner position of every
# token, in order, the token's index in the sentence for each, and the tokens' gains [d - 1, token].
_Packed = tuple[np.ndarray, np.ndarray, np.ndarray, int]


def _packed(items: Sequence[_Type], first: int, last: int) -> _Packed:
    """The partner positions first … last − 1 of a sentence's tokens, packed (none kept: a
    frequent token's partners are most of the other side's sentences, and packing them all for
    every sentence held memory quadratic in the text: 6.7 GB at 10k sentences)."""
    places = np.concatenate([t.partners for t in items])
    ids = np.repeat(np.arange(len(items)), [len(t.partners) for t in items])
    inside = (places >= first) & (places < last)
    places, ids = places[inside], ids[inside]
    order = np.argsort(places, kind="stable")
    return places[order], ids[order], np.array([t.gains for t in items]).T, len(items)


def _window_gains(packed: _Packed, first: int, last: int) -> np.ndarray | None:
    """gains[d − 1, p]: the summed gain of the tokens (of one sentence, :func:`_packed`) that
    have a partner in one of the other side's sentences first + p − d + 1 … first + p (each
    token counted once), for p in 0 … last − first − 1; None when no token matches anything
    there."""
    places, ids, gains, count = packed
    size = last - first
    start, stop = np.searchsorted(places, (first, last)).tolist()
    if start >= stop:
        return None
    covered = np.zeros((count, size), dtype=bool)
    covered[ids[start:stop], places[start:stop] - first] = True
    out = np.empty((MAX_SPAN, size))
    window = covered.copy()
    for d in range(MAX_SPAN):
        if d:
            window[:, d:] |= covered[:, : size - d]
        out[d] = gains[d] @ window
    return out


def _chunk_matches(items, own_chunk, other_chunk, limit: float, shape) -> tuple[np.ndarray, np.ndarray]:
    """([own chunk + 1, other chunk + 1]: gain of own tokens with a partner in the other chunk,
    [own chunk]: their cost when unmatched), counting only tokens with at most ``limit`` partners."""
    out = np.zeros(shape)
    unmatched = np.zeros(shape[0] - 1)
    for x, sentence in enumerate(items):
        cols, gains = [], []
        for t in sentence:
            if len(t.partners) > limit:
                continue
            if t.chunks is None:
                t.chunks = np.unique(other_chunk[t.partners]) + 1
            cols.append(t.chunks)
            gains.append(np.full(len(t.chunks), t.gains[0]))
            unmatched[own_chunk[x]] += t.unmatched[0]
        if cols:
            np.add.at(out[own_chunk[x] + 1], np.concatenate(cols), np.concatenate(gains))
    return out, unmatched


@dataclass
class Prepared:
    """Evidence arrays ready for the DP (see :meth:`PairEvidence.prepare`)."""

    band: object
    a_unmatched: np.ndarray  # [d - 1, sentence]
    b_unmatched: np.ndarray
    a_match: np.ndarray  # [d - 1] in band layout
    b_match: np.ndarray
    weight: float
    omission: float = 0.0  # share of its neighbours' gain a 1-0 or 0-1 bead pays (:data:`OMISSION`)

    def __post_init__(self) -> None:
        spans = self.a_match.shape[0]
        # [node]: what the words of a 1-1 bead ending there gain (its cost without the unmatched)
        self.paired = self.a_match[0] + self.b_match[0] if self.omission else None
        zeros = np.zeros((spans, 1))
        self.a_prefix = np.concatenate([zeros, np.cumsum(self.a_unmatched, axis=1)], axis=1)
        b_prefix = np.concatenate([zeros, np.cumsum(self.b_unmatched, axis=1)], axis=1)
        # padded so that any column of a band row indexes it (before 0: nothing; past m: all)
        self.pad = b_prefix.shape[1] + 8
        self.b_prefix = np.concatenate(
            [np.zeros((spans, self.pad)), b_prefix, np.repeat(b_prefix[:, -1:], self.pad, axis=1)], axis=1
        )

    def cost(self, di: int, dj: int, i: int, columns: np.ndarray) -> np.ndarray:
        """Lexical cost of the beads of shape (di, dj) ending at nodes (i, columns)."""
        band = self.band
        if not di or not dj:
            if not self.omission:
                return np.zeros(columns.shape)
            paired = self.paired
            if di:  # a's sentence i - 1 between b's j - 1 and j: 1-1 beads at nodes (i, j), (i, j + 1)
                near = np.maximum(band.take(paired, i, columns, 0.0), band.take(paired, i, columns + 1, 0.0))
            else:  # b's sentence j - 1 between a's i - 1 and i: nodes (i, j), (i + 1, j)
                near = band.take(paired, i, columns, 0.0)
                if i + 1 < paired.shape[0]:
                    near = np.maximum(near, band.take(paired, i + 1, columns, 0.0))
            return (self.weight * self.omission) * near.astype(np.float64)
        spans = self.a_match.shape[0]
        span_a, span_b = min(dj, spans) - 1, min(di, spans) - 1  # a's tokens face dj sentences
        first, count = int(columns[0]) + self.pad, len(columns)
        unmatched = (self.a_prefix[span_a, i] - self.a_prefix[span_a, i - di]) + (
            self.b_prefix[span_b, first : first + count] - self.b_prefix[span_b, first - dj : first - dj + count]
        )
        gained = np.zeros(count)
        for k in range(di):
            gained += band.take(self.a_match[span_a], i - k, columns, 0.0)
        for back in range(dj):
            gained += band.take(self.b_match[span_b], i, columns - back, 0.0)
        return self.weight * (unmatched - gained)

    def rows(self, di: int, dj: int, i0: int, i1: int) -> np.ndarray:
        """:meth:`cost` for the rows i0 … i1 − 1 of the band at once, [row − i0, x] at the node
        (row, lo[row] + x): the same numbers, added up in the same order."""
        band = self.band
        width = band.width
        if not di or not dj:
            if not self.omission:
                return np.zeros((i1 - i0, width))
            paired = self.paired
            near = paired[i0:i1].copy()
            if di:  # the 1-1 bead one column right, in the same row (none past the row's part: 0)
                near[:, : width - 1] = np.maximum(near[:, : width - 1], paired[i0:i1, 1:])
            else:  # the 1-1 bead one row down, same column, in row + 1's layout
                x = np.arange(width)
                at = np.arange(i0, min(i1, paired.shape[0] - 1))
                shifted = (band.lo[at] - band.lo[at + 1])[:, None] + x
                inside = (shifted >= 0) & (shifted < width)
                below = np.where(inside, paired[(at + 1)[:, None], np.clip(shifted, 0, width - 1)], 0.0)
                near[: len(at)] = np.maximum(near[: len(at)], below)
            return (self.weight * self.omission) * near.astype(np.float64)
        spans = self.a_match.shape[0]
        span_a, span_b = min(dj, spans) - 1, min(di, spans) - 1
        at = np.arange(i0, i1)
        x = np.arange(width)
        places = (band.lo[at] + self.pad)[:, None] + x
        b_prefix = self.b_prefix[span_b]
        unmatched = (self.a_prefix[span_a, at] - self.a_prefix[span_a, at - di])[:, None] + (
            b_prefix[places] - b_prefix[places - dj]
        )
        gained = np.zeros((i1 - i0, width))
        a_match = self.a_match[span_a]
        for k in range(di):  # row - k's nodes at the same columns (none past its part: 0)
            shifted = (band.lo[at] - band.lo[at - k])[:, None] + x
            inside = (shifted >= 0) & (shifted < width)
            gained += np.where(inside, a_match[(at - k)[:, None], np.clip(shifted, 0, width - 1)], 0.0)
        b_match = self.b_match[span_b][at]
        for back in range(dj):  # the nodes ``back`` columns to the left (none before lo: 0)
            taken = np.zeros((i1 - i0, width), dtype=b_match.dtype)
            if back < width:
                taken[:, back:] = b_match[:, : width - back]
            gained += taken
        return self.weight * (unmatched - gained)
