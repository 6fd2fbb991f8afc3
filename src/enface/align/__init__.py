"""Paragraph and sentence alignment of three or more versions of one text.

Every non-pivot language is aligned to the pivot with the Gale–Church length model
(:mod:`.gale_church`) helped, for sentences, by lexical evidence (:mod:`.lexicon`: numbers,
names, cognates, any installed FreeDict dictionary, and a lexicon learned from the text itself
on the confident beads of a first pass); the pairwise alignments are then merged into common
beads by taking the coarsest partition of the pivot that all of them respect. If fr↔id puts
pivot sentences 3 and 4 in one bead and fr↔ru keeps them apart, the merged bead holds 3+4 in
every language: a bead is a unit that reads as the same text in all languages, so it may only
be cut where every pair agrees. So that one free version does not coarsen all the others,
with three or more versions a paragraph bead of one version that spans a place where the
others cut is aligned again inside with a bonus for that cut (:func:`_consensus`), and a
paragraph that only one version has is joined to a neighbouring unit (:func:`_join_lone`).

All functions here are pure: lists of strings in, :class:`Bead` lists out.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..segment import split_sentences
from .gale_church import (
    DEFAULT_VARIANCE,
    MARGIN_WINDOW,
    PARAGRAPH_MARGIN_WINDOW,
    PRIORS,
    LengthModel,
    PairBead,
    align_pair,
)
from .lexicon import (
    LEARN_MIN_BEADS,
    OMISSION,
    AnchorLexicon,
    PairEvidence,
    PairLexicon,
    learn_pairs,
    tokens,
    vocabulary,
)

__all__ = [
    "LOW_CONFIDENCE",
    "AlignedParagraph",
    "Bead",
    "LengthModel",
    "Lexicons",
    "align_blocks",
    "align_document",
    "align_paragraphs",
    "align_sentences",
    "estimate_models",
    "learn_document",
    "learn_lexicons",
    "paragraph_lexicons",
]

# Beads whose lengths fit this badly (two-sided tail probability) are shown for checking;
# 1 % keeps chance flags rare while every missing translation (confidence ≈ 0) is shown.
LOW_CONFIDENCE = 0.01
# A unit's end is uncertain when the cheapest alignment of the beads around it that does not end
# there (:data:`.gale_church.PARAGRAPH_MARGIN_WINDOW`, :data:`.gale_church.MARGIN_WINDOW`) costs
# less than this more (in nats, the DP's unit), words and lengths priced as the aligner prices
# them. Lengths that fit say nothing of a boundary a paragraph off when the words are few; the
# margin does. Measured (with the end one paragraph off or none as the other places; one bead's
# window gives the same counts or 2-3 more misplaced ends, gale_church.PARAGRAPH_MARGIN_WINDOW)
# on the bilinguator works (every FreeDict dictionary, unit ends a gold alignment calls
# misplaced against right): the Snow Queen's five versions two by two, 44 of 98 misplaced ends
# below 3 against 92 of 3,501 right ones (below 2: 33 against 60); the Tin Soldier's 13 of 26
# against 28 of 445; all seven Snow Queen versions together 10 of 25 against 16 of 337.
UNCERTAIN_END = 3.0
# The same where the versions are paragraphed on their own: there a unit ends where a sentence
# bead does, and a margin over three sentence beads (gale_church.MARGIN_WINDOW) stays larger when
# the end is a sentence off. Measured on the units of twenty configurations of the bilinguator
# works (benchmarks/bilinguator.py, fourteen with a version joined every 2-4 paragraphs, every
# FreeDict dictionary; 3,151 units, 292 with a misplaced boundary), units the review page points
# to / units to check: 3 → 234 / 561; 4 → 245 / 600; 5 → 251 / 645; 6 → 254 / 682; 8 → 262 / 786.
# At 4, one in three of the units it adds is misplaced, as of the list before (193 of 561);
# past it, one in five or fewer. Versions paragraphed alike never take this threshold.
UNCERTAIN_SENTENCE_END = 4.0
# With equal paragraph counts, a paragraph pair this many standard deviations off its
# expected length is taken as a sign that the texts are not aligned 1:1 after all.
PLAUSIBLE_DELTA = 4.0
# Confident beads of the first pass, on which the lexicon is learned: 1-1, lengths this
# likely or better, between two 1-1 beads (Moore 2002 takes the likeliest 1-1 beads).
CONFIDENT_LENGTH = 0.05
# The first pass only has to find confident 1-1 beads: the common shapes are enough (and
# twice as fast as all of them).
FIRST_PASS_PRIORS = {shape: p for shape, p in PRIORS.items() if max(shape) <= 2}
LEARN_ROUNDS = 1  # first pass, learning, (more rounds: realign, learn again)
# The same for a version paragraphed on its own in a division (see :func:`learn_document`), whose
# first pass aligns the division's sentences all at once: a second round, realigned with what the
# first learned, pairs more of them right. Measured (benchmarks/bilinguator.py, unit boundary F1;
# 1, 2, 3 rounds): the Snow Queen fr-ru-en, Russian joined by 3, fr-ru 0.905, 0.923, 0.932; fr-en,
# French joined by 4, 0.880, 0.919, 0.886; English joined by 2, 0.928, 0.939, 0.939.
APART_ROUNDS = 2
# Paragraphs are rarely merged or dropped by translators: 1-1 is even more likely than
# for sentences.
PARAGRAPH_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.95,
    (1, 0): 0.01,
    (0, 1): 0.01,
    (2, 1): 0.01,
    (1, 2): 0.01,
    (2, 2): 0.005,
}
# 1-1 paragraph beads of a first pass needed to measure how many words a translation matches
# (``p1``) on paragraphs; with fewer, the default stands.
PARAGRAPH_MIN_BEADS = 5
# How far (|log| of the quotient) the length ratio measured on a paragraph alignment's 1-1 beads
# may lie from the one the DP used, from the two texts' totals, before the paragraphs are aligned
# again with it (:func:`align_paragraphs`). A version that leaves out a long passage makes the
# totals' ratio wrong by that passage: the Snow Queen's fourth story, whose flower tales the
# Arabic lacks (86 French paragraphs, 52 Arabic), has a totals' ratio of 0.48 Arabic characters
# per French one and 0.64 on its 1-1 beads (the book's: 0.65; |log| 0.27-0.32 either way round
# and against the Japanese); with 0.48 the DP paired Arabic paragraphs with shorter French ones
# and scattered the omissions. Measured (benchmarks/bilinguator.py, unit boundary F1; 98 figures
# of every configuration and --pairs, 34 pairs with the other version as pivot): the
# two-version Arabic editions, with Japanese 0.827 → 0.949 (either pivot), German 0.970 →
# 0.990, Greek 0.956 → 0.963, Russian 0.947 → 0.953 (Arabic pivot 0.940 → 0.954), French 0.977
# → 0.974; nothing else of the 132 changes. Seven versions, Japanese pivot: the Arabic pairs
# 0.817-0.860 → 0.942-0.981, the others within 0.002; Arabic pivot: the Japanese pairs
# 0.823-0.850 → 0.935-0.959, the others -0.009 to +0.009. At 0.1 the Japanese pivot's French
# pairs fell 0.02: where the Japanese cuts its paragraphs finer, its extra ones stand opposite
# nothing and the 1-1 beads' ratio lies 0.10-0.13 from the totals' with nothing left out.
RATIO_MOVED = 0.2
# A paragraph one version cuts in three (1-3, 3-1 beads), allowed where the versions have
# different paragraph counts, in the alignment made with the ratio measured again (above): in the
# first, with a ratio made wrong by a passage one version leaves out, three paragraphs beside one
# took the passage up and the 1-1 beads kept the wrong ratio (the Snow Queen in seven versions,
# Arabic pivot: 0.97 → 0.87). Without these shapes a paragraph cut in three was a 1-2 bead and
# one paragraph opposite nothing. Measured (as above, against the ratio alone): 56 of the 132
# figures rise, 9 fall by 0.003 at most; the Tin Soldier's English and Indonesian alone 0.598 →
# 0.851 (either pivot), the Snow Queen's pairs French–Japanese 0.919 → 0.931, English–Japanese
# 0.962 → 0.976, German–Japanese 0.968 → 0.978, Russian–English 0.973 → 0.982, Russian–German
# 0.976 → 0.983, Russian–Greek 0.967 → 0.975, the four-language edition 0.972-0.994 →
# 0.975-0.993; seven versions with a Japanese pivot, every pair the same or up to +0.012, with
# an Arabic pivot the Japanese pairs 0.006-0.013 lower, the others -0.002 to +0.005. Prior
# 0.001: English–Indonesian stays 0.598, Japanese–Arabic 0.956; 0.005: French–Indonesian 0.804
# → 0.783, English–Japanese 0.969, Japanese–Arabic 0.944, the Arabic pivot's seven-version
# pairs 0.921 at worst (0.926 at 0.002).
SPLIT_PRIORS = {**PARAGRAPH_PRIORS, (1, 3): 0.002, (3, 1): 0.002}
# Scale of the words' log-likelihood ratios in a paragraph bead: the sentences' (measured on the
# Snow Queen fr-ru-en-de: 0.1 → fr-ru unit F1 0.906, 0.2 → 0.958, 0.4 → 0.959).
PARAGRAPH_WEIGHT = 0.4
# Extra cost of a paragraph omission next to an insertion (see gale_church.align_pair): measured
# on the bilinguator works, 3 to 10 give the same units (Tin Soldier fr-id F1 0.774 → 0.783).
PARAGRAPH_SWAP = 5.0
# Word pairs (source × target words over all paragraph pairs) that IBM Model 1 may learn
# from on paragraphs (an estimate: about 25 MB of arrays), whatever the book's length.
PARAGRAPH_LEARN_BUDGET = 500_000
# A language whose lexicon with the pivot holds fewer word pairs than this share of the pivot's
# word types (stems) is aligned through another version instead, when that one's lexicon with
# it holds RELAY_GAIN times as many. Measured on the bilinguator works, French pivot: Japanese
# 0.9 %, Arabic 3.4 %, Greek 3.8 %, Indonesian 1.7 %; Russian 5.9-25 %, English 18-124 %, German
# (FreeDict) 150-250 %.
RELAY_DENSITY = 0.05
RELAY_GAIN = 1.5
# With three or more versions, what each other version whose paragraph alignment cuts the pivot
# somewhere is worth to one whose alignment does not (see :func:`_consensus`): its bead across
# that place is aligned again, inside, with that bonus for the cut. Measured on the bilinguator
# works (unit boundary F1): Tin Soldier fr-id 0.696 → 0.737 (1.5), 0.784 (3 and 6), its other
# pairs 0.933 → 1.0 (3); Snow Queen fr-ru-en-de about the same from 1.5 to 6. A bonus on the
# whole alignment instead of inside the beads derails the Indonesian retelling (fr-id 0.58).
# A cut that no more versions make than leave (the pivot and k others of n versions, 1 + k ≤ n/2)
# is not earned by a cut that an omission follows or ends at (gale_church.align_pair's
# ``lone_cut``): the Snow Queen's French and Russian set "the crow answered:" and the words said
# as two paragraphs, the English and German as one, which stood beside the first with an empty
# cell beside the second. Where most versions cut (two of three), the one that does not still
# leaves the rest out. Measured on 27 configurations of the bilinguator works (every FreeDict
# dictionary, 2026-12-02), with the omission that follows the cut: unit boundary F1 of 37 pairs
# up, 2 down (0.004 at most), units with a misplaced boundary 819 → 772 (Snow Queen el ar ja de
# 0.855–0.987 → 0.961–0.989, fr ru en de 0.975–0.991 → 0.976–0.993, all seven 0.959–0.993 →
# 0.961–0.994; no three-version edition moves); with the one that ends at it too, on the 18 of
# four versions or more, 18 more up, none down (the Snow Queen's seven with the Greek first
# 0.955–0.999 → 0.958–0.999, el ar ja de 0.961–0.989 → 0.962–0.989). Paying nothing for one
# other version's word whatever the number of versions: 26 up, 9 down (the Tin Soldier de en id
# 0.887–1.000 → 0.875–0.989).
PARAGRAPH_CONSENSUS = 3.0
# How much more a paragraph match alone inside a run of omissions may cost at the run's edge
# and still be moved there (see gale_church._islands_to_edges). Snow Queen with Arabic: its one
# line in 28 left-out units costs 6.5 more where they begin; 5 leaves it 7 units in (ja-ar 0.931),
# 8 moves it (0.951), and no other bilinguator figure changes.
PARAGRAPH_ISLAND = 8.0
# What each paragraph omission after the first of a run pays instead of its prior (4.6), on the
# side that leaves more out, where the words then agree better (see
# gale_church._left_out_in_runs). Measured on the bilinguator works, two versions at a time
# (unit boundary F1): the Snow Queen's Arabic, which leaves out 24 units, against the French
# 0.893 → 0.977, the Russian 0.808 → 0.947, the Greek 0.875 → 0.956, the Japanese 0.770 → 0.809;
# the Tin Soldier's Indonesian retelling against the Russian 0.463 → 0.598, the German 0.447 →
# 0.568; no other pair or configuration of the 98 measured changes (benchmarks/bilinguator.py,
# every work's usual configurations and --pairs); with the other version as pivot, 34 pairs,
# none falls more than 0.010. At 2: the French–Arabic unchanged, the German–Japanese 0.968 →
# 0.965. Both sides' runs cheaper, or runs kept whatever the words: the Indonesian's pairs
# 0.784 → 0.755 (0.112 in the five-language edition), the Japanese's down to 0.849.
PARAGRAPH_RUN = 1.0
# A version whose lexicon with the pivot covers this share of the pivot's word stems in the
# text aligned lends its paragraph lengths to the others (see :func:`pooled_lengths`; its
# sentence lengths too where versions are paragraphed on their own, structure.py): its first
# alignment with the pivot is then sure enough to say how long each pivot paragraph "should" be.
# The mean of several versions' lengths foretells a third's better than one version's: on the
# Snow Queen's corpus lines the spread (sd of the log-ratio) of the Japanese, Arabic and Greek
# lengths is 0.33, 0.31, 0.32 against the French and 0.21, 0.17, 0.20 against the mean of the
# French, Russian, English and German; the Tin Soldier's Indonesian 0.50 and 0.46. Measured
# (benchmarks/bilinguator.py, unit boundary F1, the 98 usual figures): 23 rise, 4 fall (0.006
# at most); the Tin Soldier's Indonesian in five versions 0.784 → 0.866, the Snow Queen in four
# 0.975-0.993 → 0.976-0.990 (fr-ru 0.982, ru-en 0.983, ru-de 0.987), in seven 0.956-0.990 →
# 0.963-0.990. Other pivots: the Snow Queen with an English, German, Russian pivot the same or up
# to +0.006; a Greek pivot, the Russian and Japanese pairs +0.010-0.015, the French ones -0.016 to
# +0.004; The Canterville Ghost with a Russian pivot up to +0.003. With a Japanese or Arabic
# pivot no lexicon covers that much and nothing changes; at 0.15 the Arabic pivot's figures fell
# up to 0.033 (lexicons with a weak first alignment lent wrong lengths).
POOLED_COVERAGE = 0.3
# What a sentence bead that ends where two versions both end a paragraph costs less, when the
# sentences of a whole division are aligned at once (versions paragraphed differently). Measured
# (benchmarks/bilinguator.py --join, unit boundary precision / recall), 0 → 1 → 2 → 4: the Snow
# Queen fr-en, English joined by 2: 0.979/0.762 → 0.974/0.818 → 0.951/0.856 → 0.918/0.917; French
# joined by 4: 0.957/0.653 → 0.951/0.752 → 0.932/0.802 → 0.918/0.871; Canterville fr-ru-en,
# French joined by 3, fr-en: 0.990/0.864 → 0.991/0.927 → 0.982/0.955 → 0.957/0.982. A wrong
# boundary prints text opposite the wrong text, a missed one only makes a longer unit: the
# bonus that keeps precision is chosen.
PARAGRAPH_END_BONUS = 1.0
# A version paragraphed on its own often only joins paragraphs: each of its paragraph ends is one
# of the other's (a translator who paragraphs in long stretches still ends them where the
# original does). When the sentence alignment (with the bonus above) meets, where both end a
# paragraph, this share of the paragraph ends of the version with fewer of them, the two are
# taken to be paragraphed so, and the sentences are aligned again with NESTED_END_BONUS: such a
# paragraph end all but certainly ends a bead. Measured per division on that first alignment:
# versions joined every 2-4 paragraphs (the Snow Queen, Russian by 3, English by 2, French by 4;
# The Canterville Ghost, English or French by 3; the Discours, German by 3) 0.56-1.0, three in
# four divisions 0.8 or more; cut into paragraphs of N sentences wherever the original's end
# 0.28 (tests/test_align_paragraphing.py, long paragraphs) but 0.42-1.0 where the original's are
# short (the Snow Queen's English by 4 and 6, Russian by 5; The Canterville Ghost's English by 4),
# which this second alignment misplaces. Unit boundary F1 (the Snow Queen fr-ru, Russian joined
# by 3 / fr-en, French joined by 4 / fr-en, English joined by 2 || cut by sentences: fr-ru,
# English by 4 / fr-en, English by 6 / The Canterville Ghost fr-ru, English by 4 / the Snow
# Queen fr-ru, Russian by 5), before any of this: 0.789 / 0.840 / 0.889 || 0.785 / 0.816 / 0.952
# / 0.636; without the second alignment 0.873 / 0.853 / 0.876 || 0.835 / 0.871 / 0.973 / 0.679;
# share 0.5: 0.944 / 0.930 / 0.945 || 0.760 / 0.806 / 0.923 / 0.675; 0.6: 0.944 / 0.930 / 0.945
# || 0.834 / 0.824 / 0.942 / 0.686; 0.7: 0.923 / 0.919 / 0.939 || 0.835 / 0.880 / 0.957 / 0.701;
# 0.8: 0.898 / 0.876 / 0.907 || 0.835 / 0.871 / 0.957 / 0.675. Bonus at 0.7: 3 → 0.926 / 0.862 /
# 0.910 || 0.835 / 0.880 / 0.968 / 0.767; 5 → 0.932 / 0.886 / 0.933 || 0.835 / 0.880 / 0.962 /
# 0.713; 10 as above; 20 → 0.920 / 0.915 / 0.931 || 0.835 / 0.864 / 0.942 / 0.701.
NESTED_ENDS = 0.7
NESTED_END_BONUS = 10.0
# How many times as many sentences one version of a division may have as the other and its
# sentence alignment still say which paragraph ends the two share. Past it most beads cannot be
# 1-1, the shapes the sentence priors expect; the cheapest alignment leaves runs of the longer
# version's sentences out (SENTENCE_RUN) and its ends fall anywhere. Such a version is taken to
# nest whatever that share (it still only gains where both end a paragraph). Measured on the 143
# divisions of the 47 joined figures (benchmarks/bilinguator.py --join, every FreeDict
# dictionary): sentence count ratios 1.0-3.1; every division at 2 or more already met
# NESTED_ENDS but the Tin Soldier's Indonesian, a retelling in short sentences (251 against the
# French 88, ratio 2.85, shares 0.44-0.50): fr-id unit boundary F1, the Indonesian joined by 3,
# 0.553 -> 0.873 (paragraphed alike: 0.804); by 2, 0.541 -> 0.769. Versions cut into paragraphs of
# 4-6 sentences wherever the original's end (sentence count ratios 1.1-1.7) are left as they
# were: there, taking the ends to nest lowered F1 (the Snow Queen's Russian cut every 5 sentences,
# 0.871 -> 0.717).
UNEVEN_SENTENCES = 2.0
# The share of its better neighbour's word gain a sentence left alone pays (see
# :data:`.lexicon.OMISSION`), inside a paragraph bead; not where a division's sentences are
# aligned at once (``ends``: the Snow Queen fr-ru-en with the Russian joined by 3, 0.946 ->
# 0.938 at 1). Measured on the Text+Berg dev set, strict F1 with the FreeDict deu-fra
# dictionaries / without a dictionary: 0 -> 0.906 / 0.877; 0.25 -> 0.910 / 0.882; 0.5 -> 0.911
# / 0.872; 1 -> 0.916 / 0.873. The share that helps both is kept: the learned lexicon alone
# is noisier, and a larger share keeps a true lone sentence (37 found at 0, 24 at 1) in a bead.
SENTENCE_OMISSION = 0.25
# What each sentence omission after the first of a run pays instead of its prior, where a
# division's sentences are aligned at once (versions paragraphed on their own), as
# :data:`PARAGRAPH_RUN` for paragraphs: a version that leaves a passage out (the Snow Queen's
# Arabic, the flower tales) otherwise scatters the left-out sentences over the chapter as 2-1
# and 3-1 beads and pairs what is around them a few sentences off. Measured on 47 unit boundary
# F1 figures of versions joined every 2-4 paragraphs (benchmarks/bilinguator.py --join, every
# FreeDict dictionary): without runs / 1.5 / 1.75 / 2.0, mean 0.895 / 0.905 / 0.904 / 0.900;
# at 1.75, 11 figures up (Greek-Arabic, Arabic joined by 3, 0.788 -> 0.921; French-English-Arabic
# 0.806-0.816 -> 0.883-0.899; Russian-Arabic 0.754 -> 0.808; the Tin Soldier's Indonesian
# retelling 0.504 -> 0.553), 2 down (French-Arabic, Arabic joined by 2 and by 4: 0.828 -> 0.810
# and 0.850 -> 0.809: the run placed three corpus lines early, where the names Kay and Gerda
# of the flower tales draw the Arabic), 34 the same. The edge is sharp where words say little
# (French-Arabic joined by 3: 0.767 at 1.0 and 1.25, 0.912 at 1.5, 0.828 at 1.75). Versions
# paragraphed alike never take this path (the 64 figures of benchmarks/bilinguator.py's usual
# configurations are the same), nor does the Text+Berg dev set (0.909).
SENTENCE_RUN = 1.75
# What a pivot paragraph costs more to leave out, in a version of four or more that leaves it
# out alone (its neighbours matched) where every other version matches it: such a lone
# omission is mostly a misalignment, one paragraph shifted against the words (the Snow Queen's
# "On pense rarement à tout.", 25 letters, left out by the English, whose "But it is difficult
# to keep the thoughts together…" then stood beside the French "« Quoi ! … »"). Counted on the
# units with exactly one version empty: the Snow Queen fr ru en de 6 of 6 misplaced, the Tin
# Soldier in five 4 of 4, the Snow Queen in seven 2 of 32 (its Arabic leaves out whole passages:
# runs, which keep their cost). The version is aligned again with the item dearer to leave out.
# Measured (benchmarks/bilinguator.py, every FreeDict dictionary, 2026-12-02) on 29
# configurations, the 19 of four versions or more changing: at 3, 44 pair figures up, 6 down
# (0.003 at most: three of the German's in the Snow Queen's seven, where the English and the two
# versions relayed through it leave the same paragraph out and the German, aligned again, follows
# them; three others where one paragraph moved), units with a misplaced boundary 401 → 377; the
# Tin Soldier with the Indonesian first 0.866–1.000 → 0.907–1.000, the Snow Queen fr ru en de
# 0.976–0.993 → 0.979–0.994, The Canterville Ghost in four 0.995–1.000 → 0.997–1.000. At 6
# (measured with the three-version editions in) the same but one figure more down. With three versions, where one other version's match is
# all the word there is, 4 more figures rose (the Snow Queen fr ru en and fr en el, +0.002 to
# +0.003) but a translation made from another that leaves out one paragraph
# (tests/test_align_pooled.py) had it shifted onto the next: three versions keep their
# omissions. Versions paragraphed on their own and two-version editions never take this path.
LONE_OMISSION = 3.0
# Rounds of that: a version aligned again may leave out another paragraph alone, or lead one
# that followed it there; each round aligns again the versions with a paragraph newly dearer
# (those already dearer stay so). A second round: the Snow Queen's seven 0.961–0.996 →
# 0.963–0.996 (6 figures up, the Greek's, none down); the 13 other configurations of four
# versions or more measured the same.
LONE_ROUNDS = 2
# Most items one version adds at one place of the pivot that :func:`_inserted_groups` aligns
# against the other versions' (more: one group, as before)
INSERTED_MAX = 60


def nested_share(cuts: Sequence[tuple[int, int]], a_ends: Sequence[int], b_ends: Sequence[int]) -> float:
    """The share of the paragraph ends inside a stretch of the side with fewer of them where an
    alignment ends a bead and the other side ends a paragraph too (see :data:`NESTED_ENDS`).
    ``cuts``: where the alignment's beads end (sentences of a, of b); ``a_ends``, ``b_ends``:
    where each side's paragraphs start, and the last ends. Each end counts once, however many
    beads end there: paragraphs the other side leaves out end beads at the same place of it."""
    inner_a = set(a_ends) - {0, max(a_ends, default=0)}
    inner_b = set(b_ends) - {0, max(b_ends, default=0)}
    fewer = min(len(inner_a), len(inner_b))
    if not fewer:
        return 0.0
    side = 0 if len(inner_a) <= len(inner_b) else 1
    return len({cut[side] for cut in cuts if cut[0] in inner_a and cut[1] in inner_b}) / fewer


def nests(
    cuts: Sequence[tuple[int, int]], a_ends: Sequence[int], b_ends: Sequence[int], a_count: int, b_count: int
) -> bool:
    """Are the paragraph ends of one side taken for some of the other's (aligned again with
    :data:`NESTED_END_BONUS`)? Yes when the alignment meets :data:`NESTED_ENDS` of them, or when
    one side has :data:`UNEVEN_SENTENCES` times as many sentences (``a_count``, ``b_count``),
    where the sentence alignment cannot tell. Only for the alignment a division's units are made
    from: in the pass that learns words (:func:`_across_paragraphs`) the counts changed what the
    Snow Queen's Arabic learned (Arabic-French, the French joined by 3, 0.873 -> 0.864)."""
    if min(a_count, b_count) and max(a_count, b_count) >= UNEVEN_SENTENCES * min(a_count, b_count):
        return True
    return nested_share(cuts, a_ends, b_ends) >= NESTED_ENDS


@dataclass(frozen=True)
class Bead:
    """A group of items (sentences or paragraphs) that translate each other.

    ``sentences`` maps each language to the 0-based, contiguous indexes of its items in this
    bead (empty when the language has none here). ``kind`` gives the counts in language order
    ("1-2-1"). ``cost`` is the Gale–Church cost summed over the pairwise beads merged into this
    one (lower is better); ``confidence`` is the worst, over the languages, probability of
    lengths this far from the expected ratio: near 0 for a missing translation or a bad fit.
    """

    sentences: dict[str, tuple[int, ...]]
    kind: str
    cost: float
    confidence: float
    manual: bool = False  # made by hand in the edition's alignment file (see .corrections)
    margin: float = math.inf  # how much dearer the cheapest other place for its end (see align_pair)

    @property
    def doubtful(self) -> bool:
        """Worth a human look (``enface align --report``)."""
        return self.confidence < LOW_CONFIDENCE

    def texts(self, items: Mapping[str, Sequence[str]]) -> dict[str, str]:
        """Each language's items in this bead, joined by one space ("" when none)."""
        return {lang: " ".join(items[lang][i] for i in indexes) for lang, indexes in self.sentences.items()}


@dataclass(frozen=True)
class AlignedParagraph:
    """One paragraph bead of a document, with its sentences and their alignment."""

    paragraphs: dict[str, tuple[int, ...]]  # 0-based paragraph indexes per language
    sentences: dict[str, tuple[str, ...]]
    beads: tuple[Bead, ...]
    confidence: float  # of the paragraph bead
    margin: float = math.inf  # of the paragraph bead's end (see Bead.margin)


def estimate_models(items: Mapping[str, Sequence[str]], pivot: str, *, paired: bool) -> dict[str, LengthModel]:
    """A length model per non-pivot language, from these items' lengths (see LengthModel)."""
    _check_pivot(items, pivot)
    pivot_lengths = _lengths(items[pivot])
    return {
        lang: LengthModel.estimate(pivot_lengths, _lengths(texts), paired=paired)
        for lang, texts in items.items()
        if lang != pivot
    }


def align_paragraphs(
    paragraphs: Mapping[str, Sequence[str]],
    pivot: str,
    *,
    models: Mapping[str, LengthModel] | None = None,
    lexical: bool = True,
    learned: Mapping[str, PairLexicon] | None = None,
    learn: bool = True,
    relay: Mapping[str, tuple[str, PairLexicon]] | None = None,
) -> list[Bead]:
    """Align paragraphs by the DP, on words as well as lengths.

    Equal paragraph counts prove nothing: a free translation that joins one paragraph and splits
    another keeps the count, and only its words say which paragraphs correspond. Only without
    words (``lexical`` false) are equal counts whose lengths fit taken 1:1. ``learned`` are lexicons (:func:`learn_lexicons`, :func:`learn_document`)
    whose word pairs join the dictionary, cognates, names and numbers; with ``learn``, pairs
    are also learned on the 1-1 beads of a first pass (see :func:`paragraph_lexicons`).
    ``relay`` maps a language to another version and their lexicon (:attr:`Lexicons.relays`):
    that language is aligned against that version, whose alignment to the pivot carries it on.
    Where the counts differ and no ``models`` are given, the length ratios are measured again on
    the result's 1-1 beads (:data:`RATIO_MOVED`) and the paragraphs aligned again, one of them cut
    in three allowed (:data:`SPLIT_PRIORS`); a relayed version keeps its own model with its
    parent. Without words (``lexical`` false) the paragraphs are aligned once, two joined at most.
    """
    _check_pivot(paragraphs, pivot)
    same_count = len({len(texts) for texts in paragraphs.values()}) == 1
    fitted = dict(models) if models is not None else estimate_models(paragraphs, pivot, paired=same_count)
    scoring = fitted if models is not None else _loosened(fitted)
    if not lexical:
        if same_count and _one_to_one_fits(paragraphs, pivot, fitted):
            return _one_to_one(paragraphs, pivot, scoring)
        return _align(paragraphs, pivot, scoring, priors=PARAGRAPH_PRIORS, margins=PARAGRAPH_MARGIN_WINDOW)
    lexicons = paragraph_lexicons(paragraphs, pivot, scoring, learned=learned, learn=learn)
    relays: dict[str, tuple[str, LengthModel, PairLexicon]] = {}
    for lang, (parent, known) in (relay or {}).items():
        if lang in paragraphs and parent in paragraphs and parent != pivot and lang != pivot:
            pair = {parent: paragraphs[parent], lang: paragraphs[lang]}
            model = _loosened(estimate_models(pair, parent, paired=same_count))
            lex = paragraph_lexicons(pair, parent, model, learned={lang: known}, learn=False)
            relays[lang] = (parent, model[lang], lex[lang])

    def aligned(models: Mapping[str, LengthModel], priors: dict[tuple[int, int], float]) -> list[Bead]:
        return _align(
            paragraphs,
            pivot,
            models,
            priors=priors,
            evidence="lexical",
            lexicons=lexicons,
            weight=PARAGRAPH_WEIGHT,
            swap_penalty=PARAGRAPH_SWAP,
            relays=relays,
            consensus=PARAGRAPH_CONSENSUS,
            island_penalty=PARAGRAPH_ISLAND,
            omission=OMISSION,
            gap_extension=PARAGRAPH_RUN,
            pooled=True,
            margins=PARAGRAPH_MARGIN_WINDOW,  # where a unit ends (see UNCERTAIN_END)
        )

    beads = aligned(scoring, PARAGRAPH_PRIORS)
    if models is None and not same_count:
        # the totals' ratio counts what one version leaves out: measured again on the 1-1 beads
        measured = _one_to_one_ratios(beads, paragraphs, pivot)
        moved = {lang: c for lang, c in measured.items() if abs(math.log(c / scoring[lang].ratio)) > RATIO_MOVED}
        scoring = {lang: replace(m, ratio=moved[lang]) if lang in moved else m for lang, m in scoring.items()}
        beads = aligned(scoring, SPLIT_PRIORS)
    return beads


def _one_to_one_ratios(beads: Sequence[Bead], items: Mapping[str, Sequence[str]], pivot: str) -> dict[str, float]:
    """Per language, the length ratio to the pivot over the 1-1 beads, when there are
    :data:`PARAGRAPH_MIN_BEADS` of them or more. A 2-1 or 1-2 bead may hold a paragraph the other
    version lacks, the totals hold all of them. Sentences have :func:`_refined`, which measures
    the ratio on a length-only first pass; for paragraphs that pass, made with the totals' wrong
    ratio, finds the wrong pairs (measured in its place: French–Arabic 0.976 → 0.901,
    Japanese–Arabic 0.950 → 0.820): the words' alignment finds them."""
    out: dict[str, float] = {}
    for lang in items:
        if lang == pivot:
            continue
        pairs = [
            (len(items[pivot][bead.sentences[pivot][0]]), len(items[lang][bead.sentences[lang][0]]))
            for bead in beads
            if len(bead.sentences.get(pivot, ())) == 1 and len(bead.sentences.get(lang, ())) == 1
        ]
        a, b = sum(x for x, _ in pairs), sum(y for _, y in pairs)
        if len(pairs) >= PARAGRAPH_MIN_BEADS and a and b:
            out[lang] = b / a
    return out


def paragraph_lexicons(
    paragraphs: Mapping[str, Sequence[str]],
    pivot: str,
    models: Mapping[str, LengthModel],
    *,
    learned: Mapping[str, PairLexicon] | None = None,
    learn: bool = True,
) -> dict[str, PairLexicon]:
    """Word evidence between the pivot's paragraphs and each language's.

    The word pairs are the dictionary's and the cognates (or ``learned``'s, which hold those
    and the pairs learned on sentences); how much a word weighs is measured on paragraphs: its
    chance ``p0`` of matching a paragraph of the other side, and ``p1``, the share of words
    matched in the 1-1 paragraph beads of a first pass with the default ``p1``. With ``learn``,
    IBM Model 1 pairs learned on those 1-1 beads are added.
    """
    lexicons: dict[str, PairLexicon] = {}
    for lang, texts in paragraphs.items():
        if lang == pivot:
            continue
        a, b = list(paragraphs[pivot]), list(texts)
        if learned is not None and lang in learned:
            pairs = {stem_a: set(partners) for stem_a, partners in learned[lang].pairs.items()}
            lexicon = PairLexicon(
                pivot,
                lang,
                pairs,
                learned=learned[lang].learned,
                unspaced_dictionary=learned[lang].unspaced_dictionary,
                bridged=learned[lang].bridged,
            )
            lexicon.weigh(a, b)
        else:
            lexicon = PairLexicon.build(a, b, pivot, lang)
        if a and b:
            first = align_pair(
                _lengths(a),
                _lengths(b),
                models[lang],
                evidence=PairEvidence(lexicon, a, b, PARAGRAPH_WEIGHT, omission=OMISSION),
                priors=PARAGRAPH_PRIORS,
            )
            ones = [(a[bead.a[0]], b[bead.b[0]]) for bead in first if len(bead.a) == 1 and len(bead.b) == 1]
            if learn and len(ones) >= LEARN_MIN_BEADS:
                pairs = learn_pairs(_within_budget(ones, pivot, lang), pivot, lang)
                lexicon = lexicon.with_pairs(pairs, a, b)
            if len(ones) >= PARAGRAPH_MIN_BEADS:
                lexicon.weigh(a, b, p1=lexicon.coverage(ones))
        lexicons[lang] = lexicon
    return lexicons


def align_sentences(
    sentences: Mapping[str, Sequence[str]],
    pivot: str,
    *,
    models: Mapping[str, LengthModel] | None = None,
    anchors: bool = True,
    lexical: bool = True,
    lexicons: Mapping[str, PairLexicon] | None = None,
    ends: Mapping[str, Sequence[int]] | None = None,
    end_bonus: float = PARAGRAPH_END_BONUS,
    pivot_lengths: Sequence[int] | None = None,
) -> list[Bead]:
    """Align the sentences of one stretch of text (usually one paragraph bead).

    Without ``models`` the length ratio comes from these sentences' totals and the spread is
    Gale–Church's default; :func:`align_document` passes models measured on the whole text.
    Words help the lengths (:mod:`.lexicon`) unless ``anchors`` is false (lengths only);
    ``lexical=False`` keeps only the number/name anchors. ``lexicons`` (pivot–language word
    pairs and weights from :func:`learn_lexicons`) are learned from these sentences when not
    given. ``ends``: per language, the positions (sentence counts) where its paragraphs end,
    when the stretch holds several: a bead that ends where the pivot and a version both end a
    paragraph costs :data:`PARAGRAPH_END_BONUS` less, and a run of sentences one version leaves
    out costs less than as many scattered (:data:`SENTENCE_RUN`). ``pivot_lengths``: the lengths the pivot's
    sentences are aligned by, in place of their own (see :func:`pooled_lengths`).
    """
    _check_pivot(sentences, pivot)
    fitted = dict(models) if models is not None else estimate_models(sentences, pivot, paired=False)
    if models is None and anchors and lexical:
        fitted = _refined(sentences, pivot, fitted)
    if anchors and lexical and lexicons is None:
        lexicons = learn_lexicons([sentences], pivot, fitted)
    mode = "lexical" if anchors and lexical else "anchors" if anchors else "none"
    return _align(
        sentences,
        pivot,
        fitted,
        priors=PRIORS,
        evidence=mode,
        lexicons=lexicons,
        ends=ends,
        end_bonus=end_bonus,
        omission=0.0 if ends else SENTENCE_OMISSION,
        gap_extension=SENTENCE_RUN if ends else None,
        pivot_lengths=pivot_lengths,
        margins=MARGIN_WINDOW if ends is not None else 0,  # several paragraphs: units end at some beads' ends
        joint_margins=end_bonus >= NESTED_END_BONUS,  # paragraph ends taken to nest (see nests)
    )


def _within_budget(pairs: Sequence[tuple[str, str]], a_lang: str, b_lang: str) -> list[tuple[str, str]]:
    """The shortest paragraph pairs whose word pairs (what IBM Model 1 holds in memory) fit
    :data:`PARAGRAPH_LEARN_BUDGET`, in text order."""
    sizes = [len(tokens(a, a_lang)) * len(tokens(b, b_lang)) for a, b in pairs]
    chosen, total = set(), 0
    for k in sorted(range(len(pairs)), key=sizes.__getitem__):
        if total + sizes[k] > PARAGRAPH_LEARN_BUDGET:
            break
        chosen.add(k)
        total += sizes[k]
    return [pair for k, pair in enumerate(pairs) if k in chosen]


def learn_lexicons(
    blocks: Sequence[Mapping[str, Sequence[str]]],
    pivot: str,
    models: Mapping[str, LengthModel],
    ends: Sequence[Mapping[str, Sequence[int]] | None] | None = None,
    rounds: int = LEARN_ROUNDS,
) -> dict[str, PairLexicon]:
    """Word evidence between the pivot and each language, from a text's blocks of sentences.

    The blocks (paragraph beads, or one block for a whole text) are aligned a first time
    with numbers, names, cognates and any installed dictionary; a lexicon is then learned from
    the confident 1-1 beads (:func:`.lexicon.learn_pairs`) and the share of words a
    translation matches (``p1``) measured on them. ``ends``: per block, None or where each
    language's paragraphs start in it (a whole division of versions paragraphed on their own:
    aligned as :func:`align_sentences` aligns it there; pairs are learned on its units too,
    :func:`_unit_texts`); ``rounds``: first passes and learnings.
    """
    languages = [lang for lang in (blocks[0] if blocks else {}) if lang != pivot]
    whole = {lang: [s for block in blocks for s in block.get(lang, ())] for lang in [pivot, *languages]}
    lexicons: dict[str, PairLexicon] = {}
    for lang in languages:
        # a version paragraphed on its own (whole divisions, ``ends``) has only words to go by
        apart = ends is not None and any(at and lang in at for at in ends)
        base = PairLexicon.build(whole[pivot], whole[lang], pivot, lang, bridges=apart)
        lexicon = base
        for _ in range(rounds):
            confident: list[tuple[str, str]] = []
            units: list[tuple[str, str]] = []
            for k, block in enumerate(blocks):
                a, b = list(block.get(pivot, ())), list(block.get(lang, ()))
                if not a or not b:
                    continue
                evidence = PairEvidence(lexicon, a, b)
                at = ends[k] if ends is not None else None
                if at and pivot in at and lang in at:  # a whole division: the sentence model's shapes
                    beads = _across_paragraphs(a, b, models[lang], evidence, PRIORS, at[pivot], at[lang])
                    units.extend(_unit_texts(beads, a, b, at[pivot], at[lang]))
                else:
                    beads = align_pair(
                        _lengths(a), _lengths(b), models[lang], evidence=evidence, priors=FIRST_PASS_PRIORS
                    )
                confident.extend(_confident(beads, a, b, models[lang]))
            if len(confident) < LEARN_MIN_BEADS:
                break
            learned = learn_pairs(confident, pivot, lang)
            if len(units) >= LEARN_MIN_BEADS:
                learned |= learn_pairs(_within_budget(units, pivot, lang), pivot, lang)
            lexicon = base.with_pairs(learned, whole[pivot], whole[lang])
            lexicon.weigh(whole[pivot], whole[lang], p1=lexicon.coverage(confident))
        lexicons[lang] = lexicon
    return lexicons


def _unit_texts(
    beads: Sequence[PairBead], a: Sequence[str], b: Sequence[str], a_ends: Sequence[int], b_ends: Sequence[int]
) -> list[tuple[str, str]]:
    """The texts of the units a division's sentence alignment makes (the smallest runs of whole
    paragraphs of both versions that no bead crosses), as pairs to learn words on.

    Where a version is paragraphed on its own, its sentences pair less surely than paragraphs
    do, and few of its beads are confident: the Snow Queen's Arabic joined by 3 learned 29 word
    pairs with the French on them, against 134 on the 1-1 paragraph pairs where it is paragraphed
    alike. A unit holds more words, and a translation's words are in it even where its
    sentences are paired a little off; IBM Model 1 learns on the units too (44 pairs). Measured
    on 47 unit boundary F1 figures of versions joined every 2-4 paragraphs (benchmarks/bilinguator.py
    --join, every FreeDict dictionary): mean 0.904 → 0.907, 9 up (French-Arabic, Arabic joined by
    3, 0.828 → 0.912, by 2 0.810 → 0.841, Russian-Arabic 0.808 → 0.831, German-Arabic 0.858 → 0.875),
    2 down (Japanese-Arabic 0.756 → 0.735, Arabic-Japanese 0.743 → 0.740); versions paragraphed
    alike and the Text+Berg dev set do not take this path."""
    a_set, b_set = set(a_ends), set(b_ends)
    out: list[tuple[str, str]] = []
    i0 = j0 = 0
    for bead in beads:
        if bead.a.stop in a_set and bead.b.stop in b_set:
            if bead.a.stop > i0 and bead.b.stop > j0:
                out.append((" ".join(a[i0 : bead.a.stop]), " ".join(b[j0 : bead.b.stop])))
            i0, j0 = bead.a.stop, bead.b.stop
    return out


def _across_paragraphs(
    a: Sequence[str],
    b: Sequence[str],
    model: LengthModel,
    evidence: PairEvidence,
    priors: dict[tuple[int, int], float],
    a_ends: Sequence[int],
    b_ends: Sequence[int],
) -> list[PairBead]:
    """The sentences of two versions of a division aligned at once, a bead that ends where both
    end a paragraph favoured (:data:`PARAGRAPH_END_BONUS`), all but certain when one version's
    paragraph ends are the other's (:data:`NESTED_ENDS`; the sentence counts are not asked here,
    see :func:`nests`)."""

    def aligned(bonus: float) -> list[PairBead]:
        return align_pair(
            _lengths(a), _lengths(b), model, evidence=evidence, priors=priors, joint_cuts=(a_ends, b_ends, bonus)
        )

    beads = aligned(PARAGRAPH_END_BONUS)
    if nested_share([(bead.a.stop, bead.b.stop) for bead in beads], a_ends, b_ends) >= NESTED_ENDS:
        beads = aligned(NESTED_END_BONUS)
    return beads


def _refined(
    sentences: Mapping[str, Sequence[str]], pivot: str, models: Mapping[str, LengthModel]
) -> dict[str, LengthModel]:
    """Length ratios measured on the confident 1-1 beads of a first, length-only pass.

    The ratio of the two texts' totals is off by whatever one version leaves out (a passage
    of 60 sentences missing in 260 makes it 0.77 instead of 1.0, and then every bead looks
    too short); the beads that fit well are mostly where the alignment is right.
    """
    out = dict(models)
    for lang, texts in sentences.items():
        a, b = list(sentences[pivot]), list(texts)
        if lang == pivot or min(len(a), len(b)) < 2 * LEARN_MIN_BEADS:
            continue
        beads = align_pair(_lengths(a), _lengths(b), models[lang], priors=FIRST_PASS_PRIORS)
        pairs = _confident(beads, a, b, models[lang])
        if len(pairs) >= LEARN_MIN_BEADS:
            measured = LengthModel.estimate([len(x) for x, _ in pairs], [len(y) for _, y in pairs], paired=True)
            out[lang] = LengthModel(ratio=measured.ratio, variance=models[lang].variance)
    return out


def _confident(
    beads: Sequence[PairBead], a: Sequence[str], b: Sequence[str], model: LengthModel
) -> list[tuple[str, str]]:
    out = []
    for k, bead in enumerate(beads):
        if len(bead.a) != 1 or len(bead.b) != 1:
            continue
        neighbours = [beads[x] for x in (k - 1, k + 1) if 0 <= x < len(beads)]
        if any(len(x.a) != 1 or len(x.b) != 1 for x in neighbours):
            continue
        i, j = bead.a[0], bead.b[0]
        if model.fit(len(a[i]), len(b[j])) >= CONFIDENT_LENGTH:
            out.append((a[i], b[j]))
    return out


def align_document(
    paragraphs: Mapping[str, Sequence[str]], pivot: str, *, split: Callable[..., list[str]] = split_sentences
) -> list[AlignedParagraph]:
    """Paragraphs, then the sentences inside each paragraph bead.

    Each language's whole text is the segmenter's context, so a word the text writes in lower
    case somewhere is known to be a common word when it follows an initial ("S. Жена").
    """
    _check_pivot(paragraphs, pivot)
    contexts = {lang: "\n".join(texts) for lang, texts in paragraphs.items()}
    segments = {
        lang: [tuple(split(p, lang, context=contexts[lang])) for p in texts] for lang, texts in paragraphs.items()
    }
    return align_blocks(paragraphs, segments, pivot)


@dataclass(frozen=True)
class Lexicons:
    """Word evidence learned once for a whole book (:func:`learn_document`): ``sentences`` for
    aligning sentences, ``paragraphs`` (those pairs and the ones learned on paragraph pairs)
    for aligning paragraphs; both keyed by the non-pivot language. ``relays``: the languages
    whose paragraphs are aligned through another version (that version, their lexicon)."""

    pivot: str
    sentences: dict[str, PairLexicon]
    paragraphs: dict[str, PairLexicon]
    relays: dict[str, tuple[str, PairLexicon]] = field(default_factory=dict)


def learn_document(
    parts: Sequence[tuple[Mapping[str, Sequence[str]], Mapping[str, Sequence[Sequence[str]]]]],
    pivot: str,
    first_pass: Callable[[Mapping[str, Sequence[str]]], list[Bead]] | None = None,
    apart: Sequence[Collection[str]] | None = None,
) -> Lexicons:
    """The word evidence of a whole book from its parts (each: paragraphs and their segments
    per language, e.g. the blocks of one chapter), so that every chapter's alignment draws on
    what all chapters teach.

    Each part's paragraphs are aligned a first time with dictionary, cognates, names and
    numbers; a sentence lexicon is learned on all their sentences (:func:`learn_lexicons`) and
    an IBM Model 1 lexicon on all their 1-1 paragraph beads, which a free translation, whose
    sentences rarely pair 1-1, still has. ``first_pass`` makes that first alignment of one
    part's paragraphs (it depends on that part alone, so a build may keep it per chapter).
    ``apart``: per part, the languages paragraphed on their own there: they are left out of its
    first pass, whose paragraph beads (three paragraphs joined at most) would put their sentences
    beside the wrong ones, and their sentences are aligned with the pivot's over the whole part
    as :func:`align_sentences` aligns them there (:data:`APART_ROUNDS`). Measured on the Snow
    Queen fr-ru-en with the Russian joined by 3, Russian: 165 confident sentence pairs learned
    on, 87 in one unit of the gold, 75 across units; so 371, 215, 150 in a first round and 281,
    234, 42 in the second (unit boundary F1, fr-ru 0.839 → 0.923; fr-en with the French joined by
    4 0.877 → 0.919, with the English joined by 2 0.942 → 0.939).
    """
    languages = list(dict.fromkeys(lang for paragraphs, _ in parts for lang in paragraphs if lang != pivot))
    blocks: dict[str, list[dict[str, tuple[str, ...]]]] = {lang: [] for lang in languages}
    block_ends: dict[str, list[dict[str, list[int]] | None]] = {lang: [] for lang in languages}
    ones: dict[str, list[tuple[str, str]]] = {lang: [] for lang in languages}
    whole_pivot: list[str] = []
    used = False
    for k, (paragraphs, segments) in enumerate(parts):
        if pivot not in paragraphs or len(paragraphs) < 2:
            continue
        used = True
        own = {lang for lang in (apart[k] if apart is not None else ()) if lang in paragraphs and lang != pivot}
        flat = {lang: tuple(s for paragraph in segments[lang] for s in paragraph) for lang in paragraphs}
        whole_pivot.extend(flat[pivot])
        for lang in own:  # the whole part one block
            blocks[lang].append({pivot: flat[pivot], lang: flat[lang]})
            block_ends[lang].append({side: _starts(segments[side]) for side in (pivot, lang)})
        alike = {lang: texts for lang, texts in paragraphs.items() if lang not in own}
        if len(alike) < 2:  # the pivot's sentences still count for the others' chances
            for lang in (lang for lang in languages if lang not in own):
                blocks[lang].append({pivot: flat[pivot], lang: ()})
                block_ends[lang].append(None)
            continue
        beads = first_pass(alike) if first_pass else first_paragraph_pass(alike, pivot)
        for bead in beads:
            block = {
                lang: tuple(s for i in indexes for s in segments[lang][i]) for lang, indexes in bead.sentences.items()
            }
            a = bead.sentences[pivot]
            for lang in (lang for lang in languages if lang not in own):
                blocks[lang].append({pivot: block[pivot], lang: block.get(lang, ())})
                block_ends[lang].append(None)
                b = bead.sentences.get(lang, ())
                if len(a) == 1 and len(b) == 1:
                    ones[lang].append((paragraphs[pivot][a[0]], paragraphs[lang][b[0]]))
    if not used:
        return Lexicons(pivot, {}, {})
    sentences: dict[str, PairLexicon] = {}
    whole = {pivot: whole_pivot}
    for lang in languages:
        both = [block for block in blocks[lang] if block[pivot] and block[lang]]
        model = LengthModel.estimate(
            [sum(len(s) for s in block[pivot]) for block in both],
            [sum(len(s) for s in block[lang]) for block in both],
            paired=True,
        )
        rounds = APART_ROUNDS if any(block_ends[lang]) else LEARN_ROUNDS
        sentences.update(learn_lexicons(blocks[lang], pivot, _loosened({lang: model}), block_ends[lang], rounds))
        whole[lang] = [s for block in blocks[lang] for s in block[lang]]
    paragraphs_lexicons = {}
    for lang, lexicon in sentences.items():
        pairs = (
            learn_pairs(_within_budget(ones[lang], pivot, lang), pivot, lang)
            if len(ones[lang]) >= LEARN_MIN_BEADS
            else set()
        )
        paragraphs_lexicons[lang] = lexicon.with_pairs(pairs, whole[pivot], whole[lang]) if pairs else lexicon
    return Lexicons(pivot, sentences, paragraphs_lexicons, _relays(parts, pivot, whole[pivot], sentences))


def _starts(paragraphs: Sequence[Sequence[str]]) -> list[int]:
    """Where each paragraph starts, and the last ends, counted in sentences."""
    out = [0]
    for paragraph in paragraphs:
        out.append(out[-1] + len(paragraph))
    return out


def first_paragraph_pass(paragraphs: Mapping[str, Sequence[str]], pivot: str) -> list[Bead]:
    """The paragraphs of one part aligned on their own words (dictionary, cognates, names,
    numbers; nothing learned): :func:`learn_document`'s first pass."""
    return align_paragraphs(paragraphs, pivot, learn=False)


def _relays(
    parts: Sequence[tuple[Mapping[str, Sequence[str]], Mapping[str, Sequence[Sequence[str]]]]],
    pivot: str,
    pivot_sentences: Sequence[str],
    lexicons: Mapping[str, PairLexicon],
) -> dict[str, tuple[str, PairLexicon]]:
    """For each language that shares few words with the pivot, the version it shares the most
    with, and their lexicon, when that is clearly more (see :data:`RELAY_DENSITY`).

    Japanese or Arabic share no cognates with a French pivot and no FreeDict dictionary is
    there; the English version shares names, loanwords and many learned pairs with them.
    """
    types = len(set(vocabulary(pivot_sentences, pivot).values())) or 1
    evidence = {lang: _evidence(lexicon) for lang, lexicon in lexicons.items()}
    weak = [lang for lang in evidence if evidence[lang] < RELAY_DENSITY * types]
    strong = [lang for lang in evidence if lang not in weak]
    relays: dict[str, tuple[str, PairLexicon]] = {}
    for lang in weak:
        best: tuple[int, str, PairLexicon] | None = None
        for parent in strong:
            sub = learn_document([_only(part, (parent, lang)) for part in parts], parent)
            if lang in sub.sentences and (best is None or _evidence(sub.sentences[lang]) > best[0]):
                best = (_evidence(sub.sentences[lang]), parent, sub.paragraphs[lang])
        if best is not None and best[0] >= RELAY_GAIN * evidence[lang]:
            relays[lang] = (best[1], best[2])
    return relays


def _evidence(lexicon: PairLexicon) -> int:
    """Word pairs a lexicon knows (dictionary, cognates, names, learned), but a dictionary's
    with a language written without spaces and a bridge's (see :func:`.lexicon._dictionary_pairs`,
    :func:`.lexicon._bridged_pairs`)."""
    known = sum(len(partners) for partners in lexicon.pairs.values())
    return known - lexicon.unspaced_dictionary - len(lexicon.bridged)


def _only(
    part: tuple[Mapping[str, Sequence[str]], Mapping[str, Sequence[Sequence[str]]]], langs: Sequence[str]
) -> tuple[dict[str, Sequence[str]], dict[str, Sequence[Sequence[str]]]]:
    paragraphs, segments = part
    present = [lang for lang in langs if lang in paragraphs]
    return {lang: paragraphs[lang] for lang in present}, {lang: segments[lang] for lang in present}


def align_blocks(
    paragraphs: Mapping[str, Sequence[str]],
    segments: Mapping[str, Sequence[Sequence[str]]],
    pivot: str,
    *,
    one_to_one: Callable[[Mapping[str, list[int]]], list[Bead] | None] = lambda _chosen: None,
    lexicons: Lexicons | None = None,
    prose: Mapping[str, Sequence[bool]] | None = None,
) -> list[AlignedParagraph]:
    """Blocks (paragraphs, stanzas…), then the segments inside each block bead.
    ``prose``: per language, whether each block is a prose paragraph (only those are joined to
    a neighbour when one version alone has them, :func:`_join_lone`; default: all).

    ``segments`` are each block's sentences (or verse lines); ``one_to_one`` may give the
    segment beads of a block bead directly (verse with as many lines everywhere) instead of
    the sentence model. ``lexicons`` are a whole book's (:func:`learn_document`); without
    them they are learned on these blocks alone: paragraphs are aligned, a lexicon is learned
    on their sentences, and the paragraphs aligned again with it.
    """
    _check_pivot(paragraphs, pivot)

    def grouped(beads: Sequence[Bead]) -> list[dict[str, tuple[str, ...]]]:
        return [
            {
                lang: tuple(sentence for index in indexes for sentence in segments[lang][index])
                for lang, indexes in bead.sentences.items()
            }
            for bead in beads
        ]

    if lexicons is not None and lexicons.pivot == pivot:
        paragraph_beads = align_paragraphs(
            paragraphs, pivot, learned=lexicons.paragraphs, learn=False, relay=lexicons.relays
        )
        sentence_models = _sentence_models(paragraphs, pivot, paragraph_beads)
        blocks = grouped(paragraph_beads)
        sentence_lexicons = lexicons.sentences
    else:
        paragraph_beads = align_paragraphs(paragraphs, pivot)
        sentence_models = _sentence_models(paragraphs, pivot, paragraph_beads)
        blocks = grouped(paragraph_beads)
        sentence_lexicons = learn_lexicons(blocks, pivot, sentence_models)
        if any(lexicon.learned for lexicon in sentence_lexicons.values()):
            # the words learned on the first paragraph beads' sentences, to align the paragraphs again
            again = align_paragraphs(paragraphs, pivot, learned=sentence_lexicons, learn=False)
            if again != paragraph_beads:
                paragraph_beads = again
                sentence_models = _sentence_models(paragraphs, pivot, paragraph_beads)
                blocks = grouped(paragraph_beads)
    joined = _join_lone(paragraph_beads, paragraphs, pivot, prose)
    if joined != paragraph_beads:
        paragraph_beads = joined
        blocks = grouped(paragraph_beads)
    document: list[AlignedParagraph] = []
    for paragraph_bead, sentences in zip(paragraph_beads, blocks):
        chosen = {lang: list(indexes) for lang, indexes in paragraph_bead.sentences.items()}
        beads = one_to_one(chosen) or align_sentences(
            sentences, pivot, models=sentence_models, lexicons=_present(sentence_lexicons, sentences)
        )
        document.append(
            AlignedParagraph(
                paragraphs=paragraph_bead.sentences,
                sentences=sentences,
                beads=tuple(beads),
                confidence=paragraph_bead.confidence,
                margin=paragraph_bead.margin,
            )
        )
    return document


def _join_lone(
    beads: Sequence[Bead],
    items: Mapping[str, Sequence[str]],
    pivot: str,
    prose: Mapping[str, Sequence[bool]] | None = None,
) -> list[Bead]:
    """The beads with each one that only one of three or more versions has items in joined to the
    neighbour whose lengths it fits best.

    Among three or more versions, a paragraph that only one of them has is that translator's
    addition or a paragraph split in two, not a passage the others all left out: it is read
    with the paragraph it continues or leads into, not beside empty cells (on the bilinguator
    works, whose units never hold one version alone). Only prose is joined (``prose``, per
    language and item; default all): a heading, a stanza or a figure stays a unit of its own,
    and is never joined into.
    """
    if len(items) < 3:
        return list(beads)
    models = estimate_models(items, pivot, paired=False)
    out = list(beads)

    def length(bead: Bead, lang: str) -> int:
        return sum(len(items[lang][i]) for i in bead.sentences[lang])

    def fit(bead: Bead, extra: Bead | None = None) -> float:
        a = length(bead, pivot) + (length(extra, pivot) if extra else 0)
        total = 0.0
        for lang in items:
            if lang != pivot:
                b = length(bead, lang) + (length(extra, lang) if extra else 0)
                if a and b:
                    total += models[lang].match_cost(a, b)
        return total

    def is_prose(bead: Bead) -> bool:
        return prose is None or all(prose[lang][i] for lang, indexes in bead.sentences.items() for i in indexes)

    k = 0
    while k < len(out):
        bead = out[k]
        if sum(1 for indexes in bead.sentences.values() if indexes) != 1 or not is_prose(bead):
            k += 1
            continue
        choices = [
            n
            for n in (k - 1, k + 1)
            if 0 <= n < len(out) and sum(map(bool, out[n].sentences.values())) > 1 and is_prose(out[n])
        ]
        if not choices:
            k += 1
            continue
        n = min(choices, key=lambda n: fit(out[n], bead) - fit(out[n]))
        first, second = (out[n], bead) if n < k else (bead, out[n])
        sentences = {lang: first.sentences[lang] + second.sentences[lang] for lang in first.sentences}
        out[min(n, k)] = Bead(
            sentences=sentences,
            kind="-".join(str(len(indexes)) for indexes in sentences.values()),
            cost=first.cost + second.cost,
            confidence=_confidence(items, pivot, sentences, models),
            margin=second.margin,
        )
        del out[max(n, k)]
        k = min(n, k) + 1
    return out


def _present(lexicons: Mapping[str, PairLexicon], items: Mapping[str, Sequence[str]]) -> dict[str, PairLexicon]:
    return {lang: lexicon for lang, lexicon in lexicons.items() if lang in items}


# --- internals ---------------------------------------------------------------------------


def _check_pivot(items: Mapping[str, Sequence[str]], pivot: str) -> None:
    if pivot not in items:
        raise ValueError(f"pivot language {pivot!r} is not among {sorted(items)}")


def _lengths(texts: Sequence[str]) -> list[int]:
    return [len(text) for text in texts]


def _sentence_models(
    paragraphs: Mapping[str, Sequence[str]], pivot: str, beads: Sequence[Bead]
) -> dict[str, LengthModel]:
    """Sentence length models from the aligned paragraphs of the whole text.

    The ratio c is the document's (paragraph beads present in both languages): a paragraph's
    own ratio is skewed by the very sentence a translator dropped, which is what we must
    find. The spread s² is the one measured on the paragraphs, but never below Gale–Church's
    6.8 (:func:`_loosened`): the measured spread is tighter (1.0–1.5 per character here), and
    on the gold with sentences dropped or merged at random, 6.8 recovered more boundaries.
    """
    both = [bead for bead in beads if all(bead.sentences[lang] for lang in paragraphs)]
    grouped = {
        lang: [sum(len(paragraphs[lang][i]) for i in bead.sentences[lang]) for bead in both] for lang in paragraphs
    }
    return _loosened(
        {lang: LengthModel.estimate(grouped[pivot], grouped[lang], paired=True) for lang in paragraphs if lang != pivot}
    )


def _loosened(models: Mapping[str, LengthModel]) -> dict[str, LengthModel]:
    """The models with s² at least Gale–Church's 6.8, for the DP.

    A tight measured s² serves to spot paragraphs that do not fit 1:1, but in the DP it lets
    two neighbours with opposite length errors merge (a 2-2 bead beats two 1-1 beads at
    |δ| ≈ 2 each): with s² = 1.0, fr↔ru paragraphs 3 and 4 here merged.
    """
    return {
        lang: LengthModel(
            ratio=model.ratio,
            variance=max(DEFAULT_VARIANCE, model.variance),
            pivot_variance=None if model.pivot_variance is None else max(DEFAULT_VARIANCE, model.pivot_variance),
        )
        for lang, model in models.items()
    }


def _one_to_one_fits(items: Mapping[str, Sequence[str]], pivot: str, models: Mapping[str, LengthModel]) -> bool:
    pivot_lengths = _lengths(items[pivot])
    return all(
        abs(models[lang].delta(a, b)) <= PLAUSIBLE_DELTA
        for lang, texts in items.items()
        if lang != pivot
        for a, b in zip(pivot_lengths, _lengths(texts))
    )


def _one_to_one(items: Mapping[str, Sequence[str]], pivot: str, models: Mapping[str, LengthModel]) -> list[Bead]:
    order = list(items)
    pivot_lengths = _lengths(items[pivot])
    beads = []
    for index, a in enumerate(pivot_lengths):
        cost = 0.0
        confidence = 1.0
        for lang in order:
            if lang == pivot:
                continue
            b = len(items[lang][index])
            cost += -math.log(PARAGRAPH_PRIORS[(1, 1)]) + models[lang].match_cost(a, b)
            confidence = min(confidence, models[lang].confidence(a, b))
        beads.append(
            Bead(
                sentences={lang: (index,) for lang in order},
                kind="-".join("1" for _ in order),
                cost=cost,
                confidence=confidence,
            )
        )
    return beads


def _align(
    items: Mapping[str, Sequence[str]],
    pivot: str,
    models: Mapping[str, LengthModel],
    *,
    priors: dict[tuple[int, int], float],
    evidence: str = "none",
    lexicons: Mapping[str, PairLexicon] | None = None,
    weight: float | None = None,
    swap_penalty: float = 0.0,
    relays: Mapping[str, tuple[str, LengthModel, PairLexicon]] | None = None,
    consensus: float = 0.0,
    island_penalty: float = 0.0,
    ends: Mapping[str, Sequence[int]] | None = None,
    end_bonus: float = PARAGRAPH_END_BONUS,
    omission: float = 0.0,
    gap_extension: float | None = None,
    pooled: bool = False,
    pivot_lengths: Sequence[int] | None = None,
    margins: int = 0,
    joint_margins: bool = False,
) -> list[Bead]:
    """Each language against the pivot (or, in ``relays``, against another version, composed
    with that one's alignment to the pivot), then merged; ``evidence``: "lexical", "anchors" or
    "none". With ``pooled``, each language not relayed, when another sure version is there, is
    aligned again against the pivot's items with the lengths the sure versions give them
    (:data:`POOLED_COVERAGE`), and the relayed ones composed again with their parent's new
    alignment; ``pivot_lengths`` are such lengths given (the pivot's own when None). A bead split
    again for the other versions' cuts keeps the lengths its language was aligned with.
    ``margins`` and ``joint_margins``: where the beads' ends are measured (see
    :func:`~enface.align.gale_church.align_pair`)."""
    relays = relays or {}

    def found(a_lang: str, b_lang: str, a: Sequence[str], b: Sequence[str]) -> PairEvidence | None:
        if b_lang in relays and a_lang == relays[b_lang][0]:
            return PairEvidence(relays[b_lang][2], a, b, weight, omission=omission)
        if evidence == "lexical" and lexicons is not None and b_lang in lexicons:
            return PairEvidence(lexicons[b_lang], a, b, weight, omission=omission)
        if evidence == "anchors":
            return PairEvidence(AnchorLexicon(a_lang, b_lang), a, b)
        return None

    def pair(
        a_lang: str,
        b_lang: str,
        model: LengthModel,
        a_span: range | None = None,
        b_span: range | None = None,
        cut_bonus: Sequence[float] | None = None,
        a_lengths: Sequence[int] | None = None,
        left_out: Sequence[float] | None = None,
    ) -> list[PairBead]:
        a = items[a_lang] if a_span is None else items[a_lang][a_span.start : a_span.stop]
        b = items[b_lang] if b_span is None else items[b_lang][b_span.start : b_span.stop]
        joint = None
        if ends and a_lang in ends and b_lang in ends and a_span is None and b_span is None:
            joint = (ends[a_lang], ends[b_lang], end_bonus)
        return align_pair(
            list(a_lengths) if a_lengths is not None else _lengths(a),
            _lengths(b),
            model,
            evidence=found(a_lang, b_lang, a, b),
            priors=priors,
            swap_penalty=swap_penalty,
            cut_bonus=cut_bonus,
            lone_cut=consensus * (len(items) // 2 - 1),  # no majority: see PARAGRAPH_CONSENSUS
            island_penalty=island_penalty,
            joint_cuts=joint,
            gap_extension=gap_extension,
            margins=margins,
            joint_margins=joint_margins,
            left_out=left_out,
        )

    def split(
        a_lang: str, b_lang: str, model: LengthModel, beads: list[PairBead], bonus: Sequence[float]
    ) -> list[PairBead]:
        """The beads that span a position with a bonus aligned again inside, with the bonus."""
        out: list[PairBead] = []
        for bead in beads:
            inner = [bonus[i] for i in range(bead.a.start + 1, bead.a.stop)]
            if not any(inner):
                out.append(bead)
                continue
            lengths = given[b_lang][bead.a.start : bead.a.stop] if a_lang == pivot and b_lang in given else None
            dear = dearer[b_lang][bead.a.start : bead.a.stop] if a_lang == pivot and b_lang in dearer else None
            inside = pair(a_lang, b_lang, model, bead.a, bead.b, [0.0, *inner, 0.0], lengths, dear)
            for k, x in enumerate(inside):
                shift_a, shift_b = bead.a.start, bead.b.start
                out.append(
                    PairBead(
                        range(x.a.start + shift_a, x.a.stop + shift_a),
                        range(x.b.start + shift_b, x.b.stop + shift_b),
                        x.cost,
                        x.margin if k + 1 < len(inside) else bead.margin,  # the last ends where the bead did
                    )
                )
        return out

    pairwise: dict[str, list[PairBead]] = {}
    second: dict[str, list[PairBead]] = {}
    # the pivot lengths each language is aligned against, where not the pivot's own
    given: dict[str, Sequence[int]] = {}
    # what leaving out each pivot item costs a language more (see LONE_OMISSION), where it does
    dearer: dict[str, list[float]] = {}
    for lang in items:
        if lang != pivot and lang not in relays:
            if pivot_lengths is not None:
                given[lang] = pivot_lengths
            pairwise[lang] = pair(pivot, lang, models[lang], a_lengths=pivot_lengths)
    for lang, (parent, model, _lexicon) in relays.items():
        second[lang] = pair(parent, lang, model)
        pairwise[lang] = _compose(pairwise[parent], second[lang], len(items[lang]))
    if pooled and lexicons:
        sure = {lang: pairwise[lang] for lang in sure_versions(items[pivot], pivot, lexicons) if lang not in relays}
        for lang in [lang for lang in pairwise if lang not in relays and set(sure) - {lang}]:
            given[lang] = pooled_lengths(items, pivot, lang, sure, {other: models[other].ratio for other in sure})
            pairwise[lang] = pair(pivot, lang, models[lang], a_lengths=given[lang])
        for lang, (parent, _model, _lexicon) in relays.items():  # on their parent's new alignment
            pairwise[lang] = _compose(pairwise[parent], second[lang], len(items[lang]))
    if consensus and len(pairwise) > 2:  # what one version alone leaves out, two others or more match
        for _round in range(LONE_ROUNDS):
            lone = _lone_left_out(pairwise, len(items[pivot]), LONE_OMISSION, set(relays))
            grown = {}
            for lang, row in lone.items():
                before = dearer.get(lang, [0.0] * len(row))
                now = [max(x, y) for x, y in zip(before, row)]
                if now != before:
                    grown[lang] = now
            if not grown:
                break
            dearer.update(grown)
            for lang, penalty in grown.items():
                pairwise[lang] = pair(pivot, lang, models[lang], a_lengths=given.get(lang), left_out=penalty)
            for lang, (parent, _model, _lexicon) in relays.items():
                if parent in grown:
                    pairwise[lang] = _compose(pairwise[parent], second[lang], len(items[lang]))
    if consensus and len(pairwise) > 1:
        bonuses = _consensus(pairwise, len(items[pivot]), consensus)
        for lang in pairwise:
            if lang not in relays and any(bonuses[lang]):
                pairwise[lang] = split(pivot, lang, models[lang], pairwise[lang], bonuses[lang])
        for lang, (parent, model, _lexicon) in relays.items():
            if any(bonuses[lang]):
                carried = _carried(bonuses[lang], pairwise[parent], len(items[parent]))
                second[lang] = split(parent, lang, model, second[lang], carried)
                pairwise[lang] = _compose(pairwise[parent], second[lang], len(items[lang]))
    return _merge(items, pivot, pairwise, models)


def sure_versions(texts: Sequence[str], pivot: str, lexicons: Mapping[str, PairLexicon]) -> list[str]:
    """The languages whose lexicon with the pivot covers :data:`POOLED_COVERAGE` of the pivot's
    word stems in ``texts``."""
    stems = {token[2:] for text in texts for token in tokens(text, pivot) if token.startswith("s:")}
    if not stems:
        return []
    return [
        lang
        for lang, lexicon in lexicons.items()
        if sum(1 for stem in stems if lexicon.pairs.get(stem)) >= POOLED_COVERAGE * len(stems)
    ]


def pooled_lengths(
    items: Mapping[str, Sequence[str]],
    pivot: str,
    lang: str,
    sure: Mapping[str, Sequence[PairBead]],
    ratios: Mapping[str, float],
) -> list[int]:
    """Each pivot item's length, averaged with the lengths (in pivot characters, by their ratio)
    of the items the sure versions other than ``lang`` pair with it one to one: what ``lang`` is
    aligned against. One translation's lengths stray from another's; the mean of several strays
    less (:data:`POOLED_COVERAGE`)."""
    sums = [float(len(text)) for text in items[pivot]]
    counts = [1] * len(sums)
    for other, beads in sure.items():
        if other == lang or not ratios[other]:
            continue
        for bead in beads:
            if len(bead.a) == 1 and len(bead.b) == 1:
                sums[bead.a[0]] += len(items[other][bead.b[0]]) / ratios[other]
                counts[bead.a[0]] += 1
    return [max(1, round(total / count)) for total, count in zip(sums, counts)]


def _lone_left_out(
    pairwise: Mapping[str, Sequence[PairBead]], n: int, penalty: float, relayed: set[str]
) -> dict[str, list[float]]:
    """Per version (relayed ones aside: their parent's alignment is theirs), ``penalty`` on
    each pivot item that it leaves out alone (a 1-0 bead with no 1-0 bead next to it) and every
    other version matches; only the versions with such an item. A run of omissions is a passage
    the version lacks and stays as it is (see :data:`LONE_OMISSION`)."""
    matched: dict[str, list[bool]] = {}
    for lang, beads in pairwise.items():
        row = [False] * n
        for bead in beads:
            if len(bead.a) and len(bead.b):
                for i in bead.a:
                    row[i] = True
        matched[lang] = row
    out: dict[str, list[float]] = {}
    for lang, beads in pairwise.items():
        if lang in relayed:
            continue
        row = [0.0] * n
        for k, bead in enumerate(beads):
            if not len(bead.a) or len(bead.b):
                continue
            before = beads[k - 1] if k else None
            after = beads[k + 1] if k + 1 < len(beads) else None
            if any(x is not None and len(x.a) and not len(x.b) for x in (before, after)):
                continue  # a run: a passage this version leaves out
            for i in bead.a:
                if all(matched[other][i] for other in pairwise if other != lang):
                    row[i] = penalty
        if any(row):
            out[lang] = row
    return out


def _consensus(pairwise: Mapping[str, Sequence[PairBead]], n: int, weight: float) -> dict[str, list[float]]:
    """Per language, what cutting the pivot at each position (0 … n) is worth on the other
    versions' word: ``weight`` for every other version whose alignment cuts there and this
    language's does not."""
    cuts = {lang: {bead.a.start for bead in beads if bead.a} for lang, beads in pairwise.items()}
    out: dict[str, list[float]] = {}
    for lang in pairwise:
        bonus = [0.0] * (n + 1)
        for other, positions in cuts.items():
            if other != lang:
                for position in positions - cuts[lang]:
                    bonus[position] += weight
        out[lang] = bonus
    return out


def _carried(bonus: Sequence[float], first: Sequence[PairBead], m: int) -> list[float]:
    """A bonus on the pivot's positions carried to another version's through their alignment
    (``first``: pivot–version beads)."""
    out = [0.0] * (m + 1)
    for bead in first:
        if bead.a and bead.b:
            out[bead.b.start] = max(out[bead.b.start], bonus[bead.a.start])
    return out


def _compose(first: Sequence[PairBead], second: Sequence[PairBead], m: int) -> list[PairBead]:
    """The a–c alignment through b from the a–b and b–c ones: a cut of a is kept where its b
    position is a cut of the b–c alignment."""
    n = first[-1].a.stop if first else 0
    nb = first[-1].b.stop if first else 0
    by_b: dict[int, list[int]] = {}
    for bead in second:
        by_b.setdefault(bead.a.start, []).append(bead.b.start)
    by_b.setdefault(nb, []).append(m)
    a_at: dict[int, list[int]] = {}
    for bead in first:
        a_at.setdefault(bead.b.start, []).append(bead.a.start)
    a_at.setdefault(nb, []).append(n)
    points: list[tuple[int, int]] = []
    for q in sorted(a_at):
        if q not in by_b:
            continue
        ps, rs = sorted(set(a_at[q])), sorted(set(by_b[q]))
        points.extend((p, rs[0]) for p in ps)
        points.extend((ps[-1], r) for r in rs[1:])
    points = sorted(set(points))
    if not points or points[0] != (0, 0):
        points.insert(0, (0, 0))
    return [PairBead(range(p0, p1), range(r0, r1), 0.0) for (p0, r0), (p1, r1) in zip(points, points[1:])]


def pair_beads(beads: Sequence[Bead], pivot: str, lang: str) -> list[PairBead]:
    """A two-language :class:`Bead` list (in order, covering both texts) as spans of each side."""
    at = {pivot: 0, lang: 0}
    out = []
    for bead in beads:
        spans = {}
        for side in (pivot, lang):
            count = len(bead.sentences.get(side, ()))
            spans[side] = range(at[side], at[side] + count)
            at[side] += count
        out.append(PairBead(spans[pivot], spans[lang], bead.cost, bead.margin))
    return out


def merge_pairs(items: Mapping[str, Sequence[str]], pivot: str, pairs: Mapping[str, Sequence[Bead]]) -> list[Bead]:
    """Common beads (see :func:`_merge`) of alignments each made on its own: ``pairs`` maps a
    language to its beads with the pivot (two-language :class:`Bead` lists, in order, covering
    both texts)."""
    pairwise = {lang: pair_beads(beads, pivot, lang) for lang, beads in pairs.items()}
    items = {lang: items[lang] for lang in [pivot, *pairs]}
    # the length models :func:`align_sentences` gives the confidences with
    models = _refined(items, pivot, estimate_models(items, pivot, paired=False))
    return _merge(items, pivot, pairwise, models)


def _merge(
    items: Mapping[str, Sequence[str]],
    pivot: str,
    pairwise: Mapping[str, list[PairBead]],
    models: Mapping[str, LengthModel],
) -> list[Bead]:
    """Common beads from pairwise alignments: the coarsest partition of the pivot they all allow.

    A pivot position is a common cut when every pairwise alignment has a bead boundary there.
    Sentences a language adds with no pivot counterpart (0-1 beads) sit at a pivot position:
    at a common cut each stands as a bead of its own, so that a run of untranslated sentences
    stays a run of beads (the k-th added sentence of every language that adds as many there
    share the k-th bead; languages adding different numbers share one bead); elsewhere they
    join the bead around them.
    """
    n = len(items[pivot])
    cut_sets = [{bead.a.start for bead in beads} | {n} for beads in pairwise.values()]
    common = sorted(set.intersection(*cut_sets)) if cut_sets else list(range(n + 1))
    common_set = set(common)
    # (position, 0 insertion | 1 group, k-th insertion there)
    slots: dict[tuple[int, int, int], dict[str, list[int]]] = {}
    costs: dict[tuple[int, int, int], float] = {}
    inserted: dict[int, dict[str, list[PairBead]]] = {}  # position -> language -> its 0-1 beads there

    for k in range(len(common) - 1):
        slots[(common[k], 1, 0)] = {pivot: list(range(common[k], common[k + 1]))}
    for lang, beads in pairwise.items():
        for bead in beads:
            if not bead.a and bead.a.start in common_set:
                inserted.setdefault(bead.a.start, {}).setdefault(lang, []).append(bead)
                continue
            position = bead.a.start if bead.a else bead.a.start - 1
            key = (common[bisect.bisect_right(common, position) - 1], 1, 0)
            slots.setdefault(key, {pivot: []}).setdefault(lang, []).extend(bead.b)
            costs[key] = costs.get(key, 0.0) + bead.cost
    for position, by_lang in inserted.items():
        for k, group in enumerate(_inserted_groups(items, by_lang, models)):
            key = (position, 0, k)
            for lang, (indexes, cost) in group.items():
                slots.setdefault(key, {pivot: []}).setdefault(lang, []).extend(indexes)
                costs[key] = costs.get(key, 0.0) + cost
    order = list(items)
    ends: dict[int, float] = {}
    for beads in pairwise.values():
        for bead in beads:
            ends[bead.a.stop] = min(ends.get(bead.a.stop, math.inf), bead.margin)
    keys = sorted(slots)
    result = []
    for x, key in enumerate(keys):
        members = slots[key]
        sentences = {lang: tuple(members.get(lang, ())) for lang in order}
        following = keys[x + 1][0] if x + 1 < len(keys) else None
        margin = ends.get(following, math.inf) if following is not None and key[1] == 1 else math.inf
        result.append(
            Bead(
                sentences=sentences,
                kind="-".join(str(len(sentences[lang])) for lang in order),
                cost=costs.get(key, 0.0),
                confidence=_confidence(items, pivot, sentences, models),
                margin=margin,
            )
        )
    return result


def _inserted_groups(
    items: Mapping[str, Sequence[str]],
    by_lang: Mapping[str, Sequence[PairBead]],
    models: Mapping[str, LengthModel],
) -> list[dict[str, tuple[list[int], float]]]:
    """What several versions add at one place of the pivot (a passage its translator left
    out), in groups that translate each other: per group, each language's items and cost.

    When they add as many items, the k-th of each make the k-th group. Otherwise the items
    are aligned against those of the version that adds the most, by their lengths (the length
    models to the pivot give each pair's ratio), so that a passage four versions share stays
    cut where they cut it rather than one group (the Snow Queen's French leaves out four
    paragraphs the Russian gives in six and the English and German in four each).
    """
    runs = {lang: [i for bead in beads for i in bead.b] for lang, beads in by_lang.items()}
    cost_of = {lang: {i: bead.cost for bead in beads for i in bead.b} for lang, beads in by_lang.items()}

    def group(members: Mapping[str, Sequence[int]]) -> dict[str, tuple[list[int], float]]:
        return {lang: (list(ix), sum(cost_of[lang].get(i, 0.0) for i in ix)) for lang, ix in members.items() if ix}

    counts = {len(run) for run in runs.values()}
    if len(counts) == 1:
        return [group({lang: [run[k]] for lang, run in runs.items()}) for k in range(counts.pop())]
    reference = max(runs, key=lambda lang: (len(runs[lang]), -list(runs).index(lang)))
    if len(runs) == 1 or len(runs[reference]) > INSERTED_MAX:
        return [group(runs)]
    local = {lang: [items[lang][i] for i in run] for lang, run in runs.items()}
    pairwise = {}
    for lang in runs:
        if lang == reference:
            continue
        model = LengthModel(
            ratio=models[lang].ratio / models[reference].ratio,
            variance=max(models[lang].variance, models[reference].variance),
        )
        pairwise[lang] = align_pair(_lengths(local[reference]), _lengths(local[lang]), model, priors=PRIORS)
    cut_sets = [{bead.a.start for bead in beads if bead.a} for beads in pairwise.values()]
    common = sorted(set.intersection(*cut_sets) | {len(runs[reference])})
    if common[0] != 0:
        common.insert(0, 0)
    groups: list[dict[str, list[int]]] = [
        {reference: runs[reference][common[k] : common[k + 1]]} for k in range(len(common) - 1)
    ]
    for lang, beads in pairwise.items():
        for bead in beads:
            at = bead.a.start if bead.a else max(bead.a.start - 1, 0)
            k = bisect.bisect_right(common, at) - 1
            groups[min(k, len(groups) - 1)].setdefault(lang, []).extend(runs[lang][j] for j in bead.b)
    return [group(members) for members in groups]


def _confidence(
    items: Mapping[str, Sequence[str]],
    pivot: str,
    sentences: Mapping[str, tuple[int, ...]],
    models: Mapping[str, LengthModel],
) -> float:
    a = sum(len(items[pivot][i]) for i in sentences[pivot])
    return min(
        (
            models[lang].confidence(a, sum(len(items[lang][i]) for i in indexes))
            for lang, indexes in sentences.items()
            if lang != pivot
        ),
        default=1.0,
    )
