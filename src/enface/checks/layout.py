"""The print edition's layout, measured on the PDF itself (pdfplumber, pypdf).

- **bead drift**: facing pages give every bead's block on each page an id ``bead-N-LANG``,
  which WeasyPrint writes as a PDF named destination (page and top). For each bead: are its
  blocks on one spread (verso, then the recto after it), and how far apart are their tops and
  their first lines of text (points)? A first line is placed by its baseline raised by
  :data:`CAP_HEIGHT` of its size: lines of one size are level when their baselines are, lines
  of two sizes (a recto set smaller in two columns) when their capitals reach as high, and
  fonts of two scripts, whose glyphs reach to different heights above one baseline, are
  compared where they stand. The columns layout sets a bead in one table row, level by
  construction, and has no such ids: drift is then not measured.
- **loose lines**: a line of body text with a word space wider than 1 em (the gap between
  two words, in the size of the text).
- **hyphen runs**: consecutive lines of one column ending in a hyphen; a run of 2 or more is
  counted, and the longest is reported.
- **short tails**: a line of body text that is one word of fewer than 6 letters (a paragraph's
  last line that is a word piece), in a column wider than 30 mm.
- **one-letter line ends**: a line ending in a one-letter Cyrillic word (в, к, с, у, о, и, а, я):
  Russian typography binds it to the next word (``ru.one-letter``).
- **overruns**: a character standing across one of the rules between the columns (a word
  wider than its column, run into the next language's): a problem, the check fails.

Issue #14's limits, reported: at most one loose line per column per page
(``most_loose_in_a_column``), no more than two hyphenated line ends in a row
(``hyphen_runs_over``), no one-letter Russian word at a line end (``one_letter_ends``).

Measured from the page where the parallel text starts (destination ``parallel``) to the end.
Body text is the most common character size of the page; running heads and folios (within
12.5 mm of the top, 15 mm of the foot) are left out. A column starts where at least three
lines of the page start (starts closer than 20 mm are one column, an indent is not a column).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .text import right_to_left

MM = 72 / 25.4
HEAD_MM = 12.5
FOOT_MM = 15.0
COLUMN_MIN_MM = 20.0
HYPHENS = ("-", "\u2010", "\u00ad")
TAIL_LETTERS = 6
MAX_HYPHEN_RUN = 2  # hyphenated line ends in a row, at most (issue #14)
ONE_LETTER = re.compile(r"^[\u0400-\u04FF]$")  # a one-letter Cyrillic word, no punctuation after it
BEAD = re.compile(r"^bead-(\d+)-([A-Za-z-]+)$")


@dataclass
class LayoutReport:
    pages: int = 0
    beads: int = 0  # beads whose blocks were compared
    drift: list[tuple[int, float]] = field(default_factory=list)  # bead, pt (block tops)
    text_drift: list[tuple[int, float]] = field(default_factory=list)  # bead, pt (first lines)
    off_spread: list[int] = field(default_factory=list)  # beads not on one spread
    lines: int = 0
    loose: list[tuple[int, str]] = field(default_factory=list)  # page, line text
    hyphen_runs: int = 0  # runs of 2+ consecutive hyphenated line ends
    longest_hyphen_run: int = 0
    tails: list[tuple[int, str]] = field(default_factory=list)
    loose_columns: Counter = field(default_factory=Counter)  # (page, column) -> loose lines
    hyphen_runs_over: int = 0  # runs of more than MAX_HYPHEN_RUN hyphenated line ends
    one_letter_ends: list[tuple[int, str]] = field(default_factory=list)  # page, line text
    overruns: list[tuple[int, str]] = field(default_factory=list)  # page, the word across a column rule

    @property
    def most_loose_in_a_column(self) -> int:
        """The most loose lines in one column of one page."""
        return max(self.loose_columns.values(), default=0)

    @property
    def max_drift(self) -> float:
        return max((d for _b, d in self.drift + self.text_drift), default=0.0)

    def problems(self, tolerance: float = 1.0) -> list[str]:
        found = []
        if self.overruns:
            page, word = self.overruns[0]
            found.append(
                f"{len(self.overruns)} words run across a column rule into the next column (first: {word!r} on page {page})"
            )
        if self.off_spread:
            found.append(f"{len(self.off_spread)} sentence groups not on one spread (first: {self.off_spread[0]})")
        late = [(b, d) for b, d in self.drift + self.text_drift if d > tolerance]
        if late:
            bead, worst = max(late, key=lambda x: x[1])
            found.append(
                f"{len(late)} sentence groups start more than {tolerance:g} pt apart (group {bead}: {worst:g} pt)"
            )
        return found

    def summary(self) -> str:
        drift = f"drift ≤ {self.max_drift:.2f} pt over {self.beads} groups" if self.beads else "drift n/a (columns)"
        return (
            f"{drift}; {self.lines} lines: {len(self.loose)} loose (space > 1 em), "
            f"{self.hyphen_runs} runs of 2+ hyphenated line ends (longest {self.longest_hyphen_run}), "
            f"{len(self.tails)} short tails; at most {self.most_loose_in_a_column} loose in a column of a page, "
            f"{self.hyphen_runs_over} runs over {MAX_HYPHEN_RUN}, {len(self.one_letter_ends)} one-letter line ends, "
            f"{len(self.overruns)} words across a column rule"
        )


def _destinations(path: Path) -> dict[str, tuple[int, float]]:
    import pypdf

    reader = pypdf.PdfReader(str(path))
    out = {}
    for name, dest in reader.named_destinations.items():
        try:
            out[str(name)] = (reader.get_destination_page_number(dest), float(dest.top))
        except Exception:
            continue
    return out


CAP_HEIGHT = 0.7  # of the size: about where the capitals of a Latin or Cyrillic face reach


def _first_line_level(page, top: float, until: float | None = None) -> float | None:
    """Where the first line of text below ``top`` (and above ``until``, where the next group
    starts: none between them, an empty block, is None) stands, from the page's top: its
    baseline less :data:`CAP_HEIGHT` of its size, read on its largest glyphs and the baseline
    most of them stand on (a raised note call, a smaller glyph standing higher, or a mark set
    above or below its letter is no drift)."""
    below = [
        c
        for c in page.chars
        if c["top"] >= top - 0.5 and (until is None or c["top"] < until - 0.5) and c["text"].strip()
    ]
    if not below:
        return None
    first = min(c["top"] for c in below)
    line = [c for c in below if c["top"] < first + 0.6 * c["size"]]
    size = max(c["size"] for c in line)
    height = float(page.height)
    baselines = Counter(round(height - float(c["matrix"][5]), 2) for c in line if c["size"] > size - 0.1)
    baseline = max(baselines.items(), key=lambda item: (item[1], -item[0]))[0]
    return baseline - CAP_HEIGHT * float(size)


def _columns(words) -> list[float]:
    if any(right_to_left(w["text"]) for w in words):
        return _columns_between_gutters(words)
    starts = Counter(round(w["x0"]) for w in words)
    most = max(starts.values(), default=0)
    lefts = sorted(x for x, n in starts.items() if n >= max(3, 0.4 * most))
    merged: list[float] = []
    for x in lefts:
        if not merged or x - merged[-1] > COLUMN_MIN_MM * MM:
            merged.append(x)
    return merged


GUTTER_MM = 2.0  # blank across every line of a page at least this wide: between two columns
GUTTER_LINES = 3  # stretches holding words of fewer lines, side by side, are one column


def _columns_between_gutters(words) -> list[float]:
    """Where each column starts, on a page with right-to-left text: the stretches its words cover,
    split where no word of any line stands. Right-to-left lines end ragged on the left, so their
    column has no common left edge: counted by left edges, an Arabic column beside an English
    one was not found, and the gap between the two columns counted every line loose."""
    stretches: list[tuple[float, float, set[float]]] = []  # start, end, the lines (tops) in it
    for w in sorted(words, key=lambda w: w["x0"]):
        if not stretches or w["x0"] - stretches[-1][1] > GUTTER_MM * MM:
            stretches.append((w["x0"], w["x1"], {round(w["top"])}))
        else:
            start, end, tops = stretches[-1]
            stretches[-1] = (start, max(end, w["x1"]), tops | {round(w["top"])})
    starts: list[float] = []
    few = False  # the stretch before held words of fewer than GUTTER_LINES lines
    for start, _end, tops in stretches:
        small = len(tops) < GUTTER_LINES
        if not (small and few):  # a loose gap in a column of a line or two is no gutter
            starts.append(start)
        few = small
    return starts


def _gaps(line: list) -> list[float]:
    """The blank stretches between a line's words, left to right. A word's span may hold another:
    the text of Arabic gives a vowel mark (ً, َ) as a word of its own, set over its letter inside
    the word around it, and the gaps between words taken one after another ran from −21 to
    +23 pt where the line's spaces are 2 pt (a line counted loose that is not)."""
    gaps: list[float] = []
    end = None
    for x0, x1 in sorted((w["x0"], w["x1"]) for w in line):
        if end is not None and x0 > end:
            gaps.append(x0 - end)
        end = x1 if end is None else max(end, x1)
    return gaps


def _lines_of(page, report: LayoutReport, page_no: int) -> None:
    height = float(page.height)
    words = [
        w
        for w in page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
        if HEAD_MM * MM < w["top"] < height - FOOT_MM * MM
    ]
    if not words:
        return
    body = Counter(round(w["size"], 1) for w in words).most_common(1)[0][0]
    words = [w for w in words if abs(w["size"] - body) < 0.3]
    lefts = _columns(words)
    if not lefts:
        return
    columns: dict[int, list] = defaultdict(list)
    for w in words:
        index = max((i for i, x in enumerate(lefts) if x <= w["x0"] + 0.5), default=None)
        if index is not None:
            columns[index].append(w)
    for number, column in columns.items():
        lines: dict[float, list] = {}
        for w in sorted(column, key=lambda w: w["top"]):
            top = next((t for t in lines if abs(t - w["top"]) < 0.3 * body), w["top"])
            lines.setdefault(top, []).append(w)
        tops = sorted(lines)
        measure = max(max(w["x1"] for w in lines[t]) - min(w["x0"] for w in lines[t]) for t in tops)
        run = 0
        previous = None
        for top in tops:
            line = sorted(lines[top], key=lambda w: w["x0"])
            report.lines += 1
            text = " ".join(w["text"] for w in line)
            gaps = _gaps(line)
            if gaps and max(gaps) > body:
                report.loose.append((page_no, text))
                report.loose_columns[(page_no, number)] += 1
            if ONE_LETTER.match(line[-1]["text"]) and len(line) > 1:
                report.one_letter_ends.append((page_no, text))
            if measure > 30 * MM and len(line) == 1 and sum(c.isalpha() for c in text) < TAIL_LETTERS:
                report.tails.append((page_no, text))
            adjacent = previous is not None and top - previous < 2 * body
            if line[-1]["text"].endswith(HYPHENS):
                run = run + 1 if adjacent or run == 0 else 1
            else:
                run = 0
            if run == 2:
                report.hyphen_runs += 1
            if run == MAX_HYPHEN_RUN + 1:
                report.hyphen_runs_over += 1
            report.longest_hyphen_run = max(report.longest_hyphen_run, run)
            previous = top


RULE_TOLERANCE = 0.2  # points a glyph may touch a column rule


def _overruns(page, report: LayoutReport, page_no: int) -> None:
    """The words standing across a vertical rule between columns (each line of a column once)."""
    rules = [
        (float(line["x0"]), float(line["top"]), float(line["bottom"]))
        for line in page.lines
        if abs(line["x0"] - line["x1"]) < 0.5 and line["bottom"] - line["top"] > 5
    ]
    if not rules:
        return
    seen: set[tuple[float, int]] = set()
    words: list | None = None  # read only on a page with an overrun
    for char in page.chars:
        if not char["text"].strip():
            continue
        for x, top, bottom in rules:
            across = char["x0"] < x - RULE_TOLERANCE and char["x1"] > x + RULE_TOLERANCE
            if across and char["bottom"] > top and char["top"] < bottom and (x, round(char["top"])) not in seen:
                seen.add((x, round(char["top"])))
                words = page.extract_words() if words is None else words
                word = next(
                    (w["text"] for w in words if abs(w["top"] - char["top"]) < 1 and w["x0"] <= char["x0"] < w["x1"]),
                    char["text"],
                )
                report.overruns.append((page_no, word))


def inspect_layout(path: Path) -> LayoutReport:
    """One pass over the pages: each page's characters are read once, for the first lines of
    the groups that start on it and for its lines, then released (a book's pages would
    otherwise all stay in memory: about 6 MB a page)."""
    import pdfplumber

    report = LayoutReport()
    dests = _destinations(path)
    beads: dict[int, dict[str, tuple[int, float]]] = defaultdict(dict)
    for name, where in dests.items():
        match = BEAD.match(name)
        if match:
            beads[int(match.group(1))][match.group(2)] = where
    start = dests.get("parallel", (0, 0.0))[0]
    compared = [(n, places) for n, places in sorted(beads.items()) if len(places) >= 2]
    with pdfplumber.open(str(path)) as pdf:
        pages = pdf.pages
        report.pages = len(pages)
        # the blocks whose first line is wanted, by page: (bead, language, top of the block)
        wanted: dict[int, list[tuple[int, str, float]]] = defaultdict(list)
        for n, places in compared:
            for lang, (page_index, top) in places.items():
                wanted[range(len(pages))[page_index]].append((n, lang, top))
        firsts: dict[tuple[int, str], float | None] = {}
        for index in sorted(set(wanted) | set(range(start, len(pages)))):
            page = pages[index]
            height = float(page.height)
            for n, lang, top in wanted.get(index, ()):
                following = beads.get(n + 1, {}).get(lang)  # a language with no text here is left out
                until = height - following[1] if following and following[0] == index else None
                firsts[(n, lang)] = _first_line_level(page, height - top, until)
            if index >= start:
                _lines_of(page, report, index + 1)
                _overruns(page, report, index + 1)
            page.close()  # its parsed characters
    for n, places in compared:
        report.beads += 1
        numbers = sorted(p for p, _top in places.values())
        # a spread: a verso (even folio, odd index) and the recto after it
        if numbers[-1] - numbers[0] > 1 or (numbers[0] != numbers[-1] and numbers[0] % 2 == 0):
            report.off_spread.append(n)
        tops = [top for _p, top in places.values()]
        report.drift.append((n, round(max(tops) - min(tops), 2)))
        found = [f for f in (firsts[(n, lang)] for lang in places) if f is not None]
        if len(found) >= 2:
            report.text_drift.append((n, round(max(found) - min(found), 2)))
    return report
