"""Sentences, clauses and paragraphs of the normalized text.

Rules match inside one sentence; subject and time look back within the clause, the sentence,
then the paragraph. Very long sentences (scraped text without punctuation) are cut at clause
ends so that no rule ever sees more than ``MAX_SENTENCE`` characters.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

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

    def clause_start(self, pos: int, floor: int) -> int:
        k = bisect.bisect_left(self.clause_ends, pos) - 1
        if k >= 0 and self.clause_ends[k] >= floor:
            return self.clause_ends[k] + 1
        return floor


def segment(text: str, sentence_end: str, clause_end: str) -> Segments:
    s_re = compile_fast(sentence_end)
    c_re = compile_fast(clause_end)
    # comprehensions over the ends: an article has hundreds of sentences and lines
    ends = [m.end() for m in s_re.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    pairs = list(zip([0] + ends, ends))
    sentences = [(a, b) for a, b in pairs if b > a]
    if any(b - a > MAX_SENTENCE for a, b in sentences):
        sentences = []  # a run-on sentence: cut it at clause ends, in order
        for a, b in pairs:
            _add(text, sentences, a, b, c_re)
    lengths = list(map(len, text.split("\n")))
    starts = list(accumulate((n + 1 for n in lengths[:-1]), initial=0))
    paragraphs = [(a, a + n) for a, n in zip(starts, lengths) if n]
    if not paragraphs:
        paragraphs.append((len(text), len(text)))
    clause_ends = [m.start() for m in c_re.finditer(text)]
    return Segments(sentences or [(0, len(text))], paragraphs, clause_ends)


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
