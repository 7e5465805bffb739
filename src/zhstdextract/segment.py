"""Sentences, clauses and paragraphs of the normalized text.

Rules match inside one sentence; subject and time look back within the clause, the sentence,
then the paragraph. Very long sentences (scraped text without punctuation) are cut at clause
ends so that no rule ever sees more than ``MAX_SENTENCE`` characters.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Iterable

from .stdlib_rules import compile_fast

MAX_SENTENCE = 400
TITLE_HEAD = 400  # where a document's title and header lines are
TITLE_LINE = 60  # a line longer than this is prose, not a title or header


def title_lines(text: str) -> list[str]:
    """The short lines before the first paragraph: the title and header, which say what the
    document is (a bureau's report, a plan). A line of prose (long, or ending as a sentence
    does) ends them: a lead mentions other things on its way."""
    out = []
    for ln in text[:TITLE_HEAD].split("\n")[:6]:
        stripped = ln.strip()
        if len(stripped) > TITLE_LINE or stripped.endswith(("。", "!", "?", ";")):
            break
        if stripped:
            out.append(ln)
    return out


@dataclass
class Segments:
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    clause_ends: list[int]  # positions of clause-ending characters
    # paragraph index -> the index of the line that introduces its list (具体目标是：, then
    # —新增国际标准5项；… one item a line): the list's items go on in that line's frame
    intros: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._s_starts = [s for s, _ in self.sentences]
        self._p_starts = [s for s, _ in self.paragraphs]

    def sentence_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self._s_starts, pos) - 1, 0)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return self.sentences[self.sentence_index(pos)]

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._p_starts, pos) - 1
        return self.paragraphs[max(k, 0)]

    def frame_start(self, pos: int) -> int:
        """Where the paragraph of ``pos`` starts, or, for an item of a list one item a line,
        where the line that introduces the list starts: what frames a paragraph's figures
        (到2020年，…具体目标是：) frames the items that line opens."""
        k = max(bisect.bisect_right(self._p_starts, pos) - 1, 0)
        return self.paragraphs[self.intros.get(k, k) if self.intros else k][0]

    def run_start(self, k: int, text: str, joiners: str | tuple[str, ...]) -> int:
        """The first of the sentences that a joiner ending each (；) runs into sentence ``k``:
        到2025年，力争…；新增…100家；建成…30个 is one statement, whose opening clause frames
        them all and whose scope word (全国共有…7558家；从业人员…) holds for each."""
        s = self.sentences
        while k > 0 and s[k - 1][1] == s[k][0] and text[s[k][0] - 1] in joiners:
            k -= 1
        return k

    def clause_end_after(self, pos: int) -> int:
        """Where the clause holding ``pos`` ends (its ending character included)."""
        k = bisect.bisect_left(self.clause_ends, pos)
        return self.clause_ends[k] + 1 if k < len(self.clause_ends) else self.sentences[-1][1]

    def clause_start(self, pos: int, floor: int) -> int:
        k = bisect.bisect_left(self.clause_ends, pos) - 1
        if k >= 0 and self.clause_ends[k] >= floor:
            return self.clause_ends[k] + 1
        return floor


def segment(text: str, sentence_end: str, clause_end: str, near: Iterable[int] | None = None,
            list_item: str | None = None, intro_ends: str = "") -> Segments:
    """``near``: positions (the quantities' starts) whose sentences and clauses are all that is
    asked for. Only their paragraphs are then cut, when both patterns end at a line break (no
    sentence or clause then crosses one): most lines of an article hold no figure.
    ``list_item``: what opens a line that is an item of a list (—, (1), ①); ``intro_ends``: the
    characters that end a line introducing one (:). An item's list runs back over the items
    before it to that line, which is then cut too (see :attr:`Segments.intros`)."""
    s_re = compile_fast(sentence_end)
    c_re = compile_fast(clause_end)
    lengths = list(map(len, text.split("\n")))
    starts = list(accumulate((n + 1 for n in lengths[:-1]), initial=0))
    paragraphs = [(a, a + n) for a, n in zip(starts, lengths) if n]
    if not paragraphs:
        paragraphs.append((len(text), len(text)))
    spans = [(0, len(text))]
    cut = False
    held: Iterable[int] = range(len(paragraphs))
    if near is not None and s_re.match("\n") and c_re.match("\n"):
        cut = True
        p_starts = [a for a, _ in paragraphs]
        held = sorted({max(bisect.bisect_right(p_starts, pos) - 1, 0) for pos in near})
    intros = _intros(text, paragraphs, held, compile_fast(list_item), intro_ends) if list_item and intro_ends else {}
    if cut:
        if intros:  # the lines of a list before a held item, back to its introduction
            held = sorted(set(held).union(*(range(j, k) for k, j in intros.items())))
        # each paragraph with its line break, which ends its last sentence as it does in the whole
        spans = [(paragraphs[k][0], min(paragraphs[k][1] + 1, len(text))) for k in held]
    sentences: list[tuple[int, int]] = []
    clause_ends: list[int] = []
    for lo, hi in spans:
        # comprehensions over the ends: an article has hundreds of sentences and lines
        ends = [m.end() for m in s_re.finditer(text, lo, hi)]
        if not ends or ends[-1] < hi:
            ends.append(hi)
        pairs = list(zip([lo] + ends, ends))
        if any(b - a > MAX_SENTENCE for a, b in pairs):
            for a, b in pairs:  # a run-on sentence: cut it at clause ends, in order
                _add(text, sentences, a, b, c_re)
        else:
            sentences += [(a, b) for a, b in pairs if b > a]
        clause_ends += [m.start() for m in c_re.finditer(text, lo, hi)]
    return Segments(sentences or [(0, len(text))], paragraphs, clause_ends, intros)


def _intros(text: str, paragraphs: list[tuple[int, int]], held: Iterable[int], item_re: Any,
            intro_ends: str) -> dict[int, int]:
    """For each held paragraph that is an item of a list one item a line, the index of the
    line that introduces the list: the items before it run back to a line ending in one of
    ``intro_ends``. A run that starts otherwise (a heading, prose) is no such list."""
    out: dict[int, int] = {}
    starts: dict[int, int] = {}  # an item -> the line before its run of items (-1: none)
    for k in held:
        a, b = paragraphs[k]
        if item_re.match(text, a, b) is None:  # most lines with a figure are prose
            continue
        j = k - 1
        while j >= 0 and j not in starts and item_re.match(text, *paragraphs[j]) is not None:
            j -= 1
        j = starts.get(j, j)  # a run walked for an earlier item is not walked again
        starts[k] = j
        if j >= 0:
            line = text[paragraphs[j][0]:paragraphs[j][1]].rstrip()
            if line and line[-1] in intro_ends:
                out[k] = j
    return out


def _add(text: str, out: list[tuple[int, int]], a: int, b: int, c_re: Any) -> None:
    while b - a > MAX_SENTENCE:
        cut = None
        for m in c_re.finditer(text, a + MAX_SENTENCE // 2, a + MAX_SENTENCE):
            cut = m.end()
        if cut is None:
            cut = a + MAX_SENTENCE
        out.append((a, cut))
        a = cut
    if b > a:
        out.append((a, b))
