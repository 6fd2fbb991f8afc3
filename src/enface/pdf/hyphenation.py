"""Hyphenation for print: pyphen's patterns, repaired where a language pack says how.

WeasyPrint hyphenates with pyphen (``hyphens: auto`` and the element's ``lang``).
pyphen's French and Russian patterns are good; its Indonesian ones are not, and the
Indonesian pack (:mod:`enface.languages.id`) gives a ``hyphenation_repair`` that fixes
the break positions pyphen finds. This module puts such repairs in front of pyphen,
for the time of a render.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from .. import languages
from .measure import SOFT_HYPHEN_END

# Words kept whole (never hyphenated), by pyphen dictionary file: found by the hyphenation
# limits (``layout.limit_hyphenation``) of one chapter, and given to that chapter's layout
# (``parts.Job.kept``) and its cache key. A dictionary exception rather than markup: in
# WeasyPrint 70 an inline element around a word (a span with ``hyphens: manual``) can make the
# line breaker leave a line holding one short word. Explicit data, not process state: a layout
# in a worker process is given the words its chapter keeps whole, no more.
Kept = dict[str, set[str]]  # a dictionary's file name (str: as JSON keeps it) -> words kept whole
Frozen = tuple[tuple[str, tuple[str, ...]], ...]  # the same, hashable and picklable
_EDGES = re.compile(r"^\W+|\W+$")
_PIECES = re.compile(r"[’'\-]")


def _word_key(word: str) -> str:
    return _EDGES.sub("", word.lower())


def keep_whole(kept: Kept, lang: str, word: str) -> None:
    """Never hyphenate ``word`` in ``lang`` in the layouts given ``kept``."""
    import pyphen

    fallback = pyphen.language_fallback(lang)
    if fallback:
        key = _word_key(word)
        # and its pieces: WeasyPrint may hand pyphen "obscurité" of "l’obscurité"
        pieces = {_word_key(piece) for piece in _PIECES.split(key) if len(piece) > 1}
        kept.setdefault(str(pyphen.LANGUAGES[fallback]), set()).update({key} | pieces)


def freeze(kept: Kept) -> Frozen:
    """``kept`` in a fixed order (for a job and its cache key)."""
    return tuple((path, tuple(sorted(words))) for path, words in sorted(kept.items()) if words)


def kept_in(kept: Kept, html: str) -> Frozen:
    """The words of ``kept`` a document's layout can depend on (those in its HTML), frozen."""
    lowered = html.lower()
    return freeze({path: {word for word in words if word in lowered} for path, words in kept.items()})


def thaw(frozen: Frozen) -> Kept:
    return {path: set(words) for path, words in frozen}


def merged(*kepts: Kept) -> Kept:
    """The words kept whole by any of ``kepts`` (a part of several sections, the whole book)."""
    out: Kept = {}
    for kept in kepts:
        for path, words in kept.items():
            out.setdefault(path, set()).update(words)
    return out


class _RepairedDict:
    """Stands in for pyphen's ``HyphDict`` of one language: same ``positions`` interface; the
    language pack's repair applied, the words kept whole given no break at all."""

    def __init__(self, base, repair, path: str = "", kept: Kept | None = None) -> None:
        self.base = base
        self.repair = repair
        self.path = path
        self.kept = kept if kept is not None else {}  # read on every call: it grows between layouts
        self.cache: dict[str, list] = {}

    def positions(self, word: str):
        from pyphen import DataInt

        if _word_key(word) in self.kept.get(self.path, ()):
            return []
        key = word.lower()
        points = self.cache.get(key)
        if points is None:
            raw = [int(p) for p in self.base.positions(word) if not getattr(p, "data", None)]
            points = [DataInt(p) for p in (self.repair(word, raw) if self.repair else raw)]
            self.cache[key] = points
        return points


def repairs() -> dict[str, Callable[[str, list[int]], list[int]]]:
    """The hyphenation repairs the language packs declare, by language."""
    return {p.code: p.hyphenation_repair for p in languages.packs() if p.hyphenation_repair is not None}


@contextmanager
def repaired_dictionaries(kept: Kept | None = None) -> Iterator[None]:
    """While active, pyphen (hence WeasyPrint) uses the repaired dictionaries, which give the
    words of ``kept`` no break.

    pyphen keeps one parsed dictionary per file in ``pyphen.hdcache``; the repaired
    one is put there for the time of a render and the original put back after.
    """
    import pyphen

    saved: dict = {}
    wanted = {pyphen.LANGUAGES[pyphen.language_fallback(lang)]: repair for lang, repair in repairs().items()}
    kept = kept if kept is not None else {}
    known = {str(path): path for path in pyphen.LANGUAGES.values()}
    for path in kept:  # a file name (str, as JSON keeps it); pyphen's cache is keyed by its own
        wanted.setdefault(known.get(path, path), None)
    try:
        for path, repair in wanted.items():
            base = pyphen.hdcache.get(path)
            saved[path] = base
            if isinstance(base, _RepairedDict):
                continue
            if base is None:  # parse once; pyphen keeps the parsed dictionary afterwards
                base = saved[path] = pyphen.HyphDict(path)
            pyphen.hdcache[path] = _RepairedDict(base, repair, str(path), kept)
        yield
    finally:
        for path, base in saved.items():
            if base is None:
                pyphen.hdcache.pop(path, None)
            else:
                pyphen.hdcache[path] = base


# --- limits WeasyPrint cannot enforce itself ---------------------------------------
#
# WeasyPrint 70 has ``hyphenate-limit-chars`` (letters before and after a break) and
# ``hyphenate-limit-zone``, but no ``hyphenate-limit-lines``. So the limits on whole lines are
# enforced after a layout: the lines of the parallel cells are read off the box tree
# (``measure.cell_lines``), and the words breaking the rules are kept whole (a dictionary
# exception, ``keep_whole``; a word with a hyphen of its own in ``span.nobr``), then the rows
# concerned are laid out again, until no rule is broken.

MAX_HYPHEN_RUN = 2  # hyphenated line ends in a row, at most
NO_BREAK = "nobr"  # class: white-space: nowrap
# a word longer than this share of a full line (in characters, with the punctuation no break
# parts from it) is never kept whole: it could run across the column rule. The Snow Queen in
# seven columns on A4 (about 19 characters a line): 0.8 left 41 words across a rule (with the
# headings), 0.7 one kept whole ("vorbeigekommen", which the widths below now catch) and 19 runs
# of 3 hyphenated line ends, 0.6 none and 50 runs (a line's characters are narrower on average
# than a long word's)
WHOLE_SHARE = 0.7


@dataclass(frozen=True)
class Break:
    """A word broken at the end of a line, to be kept whole."""

    sentence: str  # id of the sentence (span.s) it is in
    word: str  # the whole word as it reads in the text
    row: int  # the parallel row (data-m) it is in
    hard: bool  # broken at a hyphen of its own (orang-orang), not by hyphenation
    lang: str = ""


def _broken_word(line, following) -> Break | None:
    """The word broken between ``line`` and ``following`` (CellLine), when it can be named."""
    text = line.text.rstrip()
    hard = not text.endswith(SOFT_HYPHEN_END)
    head = re.search(r"(\w[\w'’\-]*)[\u2010-]$", text)
    tail = re.match(r"\s*([\w'’\-]*\w)", following.text)
    if head is None or tail is None or line.last_sentence is None:
        return None
    word = head.group(1) + ("-" if hard else "") + tail.group(1)
    return Break(line.last_sentence, word, line.row, hard, line.lang)


def _head_length(line) -> int:
    """Characters of the piece of a word that ends ``line``, with what no break parts from it,
    its line-end hyphen left out."""
    return max(len(re.search(r"(\S*)$", line.text.rstrip()).group(1)) - 1, 0)


def _unbroken_length(line, following) -> int:
    """Characters of the word broken between ``line`` and ``following`` with what no break can
    part from it ("одинёшенька?", "»hereinkommen?«"): what a line must hold if it goes whole."""
    return _head_length(line) + len(re.match(r"\s*(\S*)", following.text).group(1))


FIT_SHARE = 0.95  # of the measure, at most, that a word kept whole may take (read off the boxes)


def _fits_whole(line, following, longest: int, before=None) -> bool:
    """Whether the word broken between ``line`` and ``following`` fits a line whole: within
    :data:`WHOLE_SHARE` of a full line's characters, and, where the layout gave widths, within
    :data:`FIT_SHARE` of the measure (characters are a poor measure of a long word in a narrow
    column: "vorbeigekommen", 14 letters of a 20-character line, ran across the rule).
    ``before``: the line before, when ``line`` is a piece of the same word (broken twice:
    "vor‐ / beigekom‐ / men"), whose head counts too."""
    length = _unbroken_length(line, following)
    width = line.last_width + following.first_width
    if before is not None:
        length += _head_length(before)
        width += before.last_width
    if length > WHOLE_SHARE * longest:
        return False
    if line.measure and (line.last_width or following.first_width):
        return width <= FIT_SHARE * line.measure
    return True


def breaks_to_forbid(lines, limit: int = MAX_HYPHEN_RUN, loose_em: float | None = None) -> list[Break]:
    """The broken words to keep whole so that no more than ``limit`` hyphenated line ends
    follow each other in a column, and no bead's last line carries the end of a broken word
    (``loose_em``: that second rule only where the word going whole leaves the line's word
    spaces within so many em, ``CellLine.loosen``: a justified line is not made loose for it).

    ``lines``: ``measure.cell_lines`` of a layout. Consecutive lines of one language are in a
    run when they are in one row, or in rows next to each other with no space above the second
    (a row opening a unit has a rule and space above it, which parts the lines).
    """
    by_lang: dict[str, list] = {}
    for line in lines:
        by_lang.setdefault(line.lang, []).append(line)
    found: dict[tuple[str, str], Break] = {}
    for column in by_lang.values():
        longest = max(len(line.text) for line in column)  # a full line, in characters
        run = 0
        for index, line in enumerate(column):
            following = column[index + 1] if index + 1 < len(column) else None
            previous = column[index - 1] if index else None
            together = previous is not None and (
                line.row == previous.row or (line.row == previous.row + 1 and not line.opens)
            )
            run = (run + 1 if together else 1) if line.hyphenated else 0
            if following is None or following.row != line.row:
                continue  # a row's last line ends no broken word
            last_of_bead = line.prose and (index + 2 >= len(column) or column[index + 2].row != line.row)
            twice = len(line.text.split()) == 1 and previous is not None and previous.hyphenated and together
            tidy = (last_of_bead or twice) and (loose_em is None or line.loosen <= loose_em)
            if line.hyphenated and (run > limit or tidy):
                broken = _broken_word(line, following)
                if broken is not None and _fits_whole(line, following, longest, previous if twice else None):
                    found.setdefault((broken.sentence, broken.word), broken)
                    run = 0  # the word goes whole to the next line: the run ends here
    return list(found.values())


def broken_keys(lines) -> set[str]:
    """The words broken at the ends of ``lines`` (``CellLine``s of one layout, in order), as
    words kept whole are keyed. Keeping a word whole changes a layout only where it is broken:
    WeasyPrint asks the dictionary only for the word that overflows a line, so a layout none of
    whose broken words is newly kept is the same laid out again."""
    found = set()
    for line, following in zip(lines, lines[1:], strict=False):
        if line.hyphenated and following.row == line.row and following.lang == line.lang:
            broken = _broken_word(line, following)
            if broken is not None:
                found.add(_word_key(broken.word))
    return found


def words_of(kept: Kept) -> set[str]:
    """Every word ``kept`` keeps whole, in any language."""
    return {word for words in kept.values() for word in words}


def forbid_breaks(roots, breaks: list[Break], kept: Kept) -> list[Break]:
    """Keep each word of ``breaks`` whole: a hyphenated one never hyphenated again in its
    language (``keep_whole``, into ``kept``), one with a hyphen of its own in ``span.nobr`` in its sentence in
    ``roots`` (lxml trees). Returns the ones done, ``word`` the whole word (a word broken twice
    is named by a piece of it)."""
    done = []
    ids = {el.get("id"): el for root in roots for el in root.iter("span") if el.get("id")}
    for item in breaks:
        sentence = ids.get(item.sentence)
        if sentence is None:
            continue
        if item.hard:
            if _wrap_word(sentence, item.word, NO_BREAK):
                done.append(item)
            continue
        whole = _whole_word(sentence, item.word)
        if whole and _word_key(whole) not in kept.get(_path(item.lang), ()):
            keep_whole(kept, item.lang, whole)
            done.append(replace(item, word=whole))
    return done


def _path(lang: str) -> str:
    import pyphen

    fallback = pyphen.language_fallback(lang)
    return str(pyphen.LANGUAGES[fallback]) if fallback else ""


def _whole_word(element, word: str) -> str | None:
    """``word`` as a whole word of the element's text, else the word holding it, else None."""
    text = "".join(element.itertext())
    for pattern in (rf"(?<![\w\-]){re.escape(word)}(?![\w\-])", rf"(?<![\w\-])\w*{re.escape(word)}\w*(?![\w\-])"):
        match = re.search(pattern, text)
        if match:
            return match.group(0)
    return None


def _wrap_word(element, word: str, css_class: str) -> bool:
    """Wrap every whole occurrence of ``word`` in the text of ``element`` (not already kept
    whole) in ``span.css_class``."""
    from lxml import etree

    pattern = re.compile(rf"(?<![\w\-]){re.escape(word)}(?![\w\-])")
    if not pattern.search("".join(element.itertext())):
        # a piece of a word broken twice (WeasyPrint may break its rest again): the word holding it
        pattern = re.compile(rf"(?<![\w\-])\w*{re.escape(word)}\w*(?![\w\-])")
    wrapped = False
    nodes = [(element, "text")] + [(child, "tail") for child in element.iter() if child is not element]
    nodes += [(child, "text") for child in element.iter() if child is not element]
    for node, where in nodes:
        if where == "text" and node is not element and css_class in (node.get("class") or "").split():
            continue
        text = getattr(node, where)
        if not text or not pattern.search(text):
            continue
        words = pattern.findall(text)
        pieces = pattern.split(text)
        setattr(node, where, pieces[0])
        anchor = node
        for whole, rest in zip(words, pieces[1:], strict=True):
            span = etree.Element("span", {"class": css_class})
            span.text = whole
            span.tail = rest
            if where == "text" and anchor is node:
                node.insert(0, span)
            else:
                anchor.addnext(span)
            anchor = span
            where = "tail"
        wrapped = True
    return wrapped
