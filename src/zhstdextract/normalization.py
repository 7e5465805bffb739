"""Offset-keeping normalization.

Rules are written once, in simplified Chinese with ASCII digits and punctuation. Real articles
come traditional, full-width, with pinyin glued inside words (``標(biāo)準(zhǔn)``) and stray
zero-width characters. We normalize into one canonical view and keep ONE explicit map back to
the original text, so that every span we report points at the characters the user gave us.

Only two kinds of edit happen:
- one-to-one substitutions (full-width -> ASCII, odd spaces -> " ", corner brackets -> quotes,
  traditional -> simplified, the first space between two Han characters -> a comma, and in a
  document scraped onto one line the first space of a run of spaces -> a line break), which
  leave positions unchanged;
- deletions (pinyin annotations, zero-width characters and U+FFFD, spaces between a Han
  character and a digit, &nbsp; and its kin left in scraped text), recorded as kept segments.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any

import regex

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ"
_VOWEL = "aeiouv" + _TONED
# One pinyin syllable (initial + final), written in lower case, with or without tone marks.
_SYLLABLE = (
    rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_VOWEL}]{{1,3}}(?:ng|n|r)?[1-5]?"
)
# An annotation glued after a Han character: 標(biāo), 準（zhǔn）, also repeated, as some sites
# print it (標(biao)(biao)準). Upper case, digits-only and Chinese contents are left alone:
# (TC563), (行業) and (NQI2.0) are real text.
_ANNOTATION = rf"[(（]{_SYLLABLE}[)）]"
_PINYIN = rf"(?<=\p{{Han}})(?:{_ANNOTATION})+"
# Characters that carry nothing and break words: zero-width ones, the soft hyphen, and U+FFFD,
# which a decoder leaves where it lost bytes (“浙江制造”�认证).
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffd"
# Spaces between a Han character and a digit mean nothing in Chinese (国家标准 12 项, from HTML
# that set the figure apart): they go, so that rules see 国家标准12项.
_SPACE = " \t\u3000\u00a0"
_DIGIT = "0-9\uff10-\uff19"
# a space written as an HTML entity in scraped plain text (国家标准&nbsp;35项) is no text either
_ENTITY = "(?:nbsp|ensp|emsp|thinsp);"
# The readable definition of a deletion (for the regex module; tests hold the fast one equal).
# An annotation takes the spaces after it where a digit follows, as a Han character would
# (機構(gòu) 36327家 reads 机构36327家).
DELETE_PATTERN = (
    f"{_PINYIN}(?:[{_SPACE}]+(?=[{_DIGIT}]))?|[{_ZERO_WIDTH}]+|&{_ENTITY}"
    rf"|(?<=\p{{Han}})[{_SPACE}]+(?=[{_DIGIT}])|(?<=[{_DIGIT}])[{_SPACE}]+(?=\p{{Han}})"
)
# The same regex for the stdlib engine, which scans this one about a quarter faster. It has no
# \p{Han}, so the Han script is spelled out as ranges (Unicode's Scripts.txt as the regex
# module has it; tests/test_normalize.py checks them code point by code point).
HAN_RANGES = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3"
    "\U00016ff0-\U00016ff6\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead"
    "\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a"
    "\U00031350-\U00033479"
)
# Every deletion opens with one character class (a bracket, a zero-width character, a space) and the
# rest looks back from it, so the engine jumps from candidate to candidate instead of trying a
# lookbehind at every character.
def _fast_delete(space_runs: bool = True) -> str:
    more = f"[{_SPACE}]*" if space_runs else ""  # without: only a single space closes up
    return (
        rf"[(（{_ZERO_WIDTH}{_SPACE}&](?:(?<=[{HAN_RANGES}][(（]){_SYLLABLE}[)）](?:{_ANNOTATION})*(?:[{_SPACE}]{more}(?=[{_DIGIT}]))?|(?<=[{_ZERO_WIDTH}])[{_ZERO_WIDTH}]*|(?<=&){_ENTITY}"
        rf"|(?<=[{HAN_RANGES}][{_SPACE}]){more}(?=[{_DIGIT}])|(?<=[{_DIGIT}][{_SPACE}]){more}(?=[{HAN_RANGES}]))"
    )


FAST_DELETE_PATTERN = _fast_delete()
# compiled once, as the split (each Han class costs a few ms to compile: start-up counts)
_SPLIT_RE = re.compile(f"({FAST_DELETE_PATTERN})")


@lru_cache(maxsize=1)
def _one_line_split() -> re.Pattern:
    """The split for a document scraped onto one line, where a run of spaces after a date
    (发布时间：2025-01-02  正文…) is a line break to give back, not a gap to close."""
    return re.compile(f"({_fast_delete(space_runs=False)})")


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII variants
        table[cp] = chr(cp - 0xFEE0)
    for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x202F, 0x205F, 0x1680):
        table[cp] = " "
    for cp in range(0x2000, 0x200B):
        table[cp] = " "
    table[0xFFE5] = "¥"
    # corner brackets, the quotes of traditional text (企業標準「領跑者」): rules name “” only
    for bracket, quote in zip("「」『』﹁﹂﹃﹄", "“”‘’“”‘’"):
        table[ord(bracket)] = quote
    table[0x2236] = ":"  # ratio colon used as a colon
    # variants OpenCC's t2s leaves as they are, which rules and the gazetteer never name: 陜西省
    # is 陕西省, and 巿 (fú) is the 市 that input methods and OCR put in its place (巿场监管局)
    for variant, simplified in zip("陜巿衞靑淸値緖敍汚郞", "陕市卫青清值绪叙污郎"):
        table[ord(variant)] = simplified
    return table


_TABLE = _build_table()
# Each character of the table that occurs is replaced with str.replace, a C scan each:
# str.translate looks every character of the text up in a dict, several times slower.
_ANY_OF_TABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]")


def _to_ascii(text: str) -> str:
    for ch in set(_ANY_OF_TABLE.findall(text)):
        text = text.replace(ch, _TABLE[ord(ch)])
    return text


@lru_cache(maxsize=1)
def to_simplified_converter() -> Any:
    """The OpenCC converter is created once; it is cheap, but not free.

    Without the dictionaries OpenCC marks as a risk of tofu (1.4+): they map rare traditional
    characters to rarer simplified ones that rules never name (mojibake's 鍒 became 𫔄), and
    each is one more lookup for every character (~9% of the conversion's instructions)."""
    import opencc

    try:
        return opencc.OpenCC("t2s", include_tofu_risk_dictionaries=False)
    except TypeError:  # bindings before 1.4 have no such dictionaries
        pass
    try:
        return opencc.OpenCC("t2s")
    except Exception:  # older bindings want the config file name
        return opencc.OpenCC("t2s.json")


# A text this long is first searched for a character OpenCC would change. A shorter one is
# converted unsearched, so that a one-sentence start never builds the search's table (~20 ms).
_CHECK_MIN = 512
_BLOCK = 4096  # characters converted at a time while the table is built: the peak memory stays flat


@lru_cache(maxsize=1)
def changing_re() -> re.Pattern:
    """Any character that ``t2s`` converts, or any astral one (seldom seen; converted unsearched).

    Read off the converter itself, one character per line, a block of them per call (~20 ms in
    all), so that it holds for whichever OpenCC is installed. OpenCC's phrases are traditional
    text, each holding one of these (tests hold a text without them unchanged by OpenCC), so a
    simplified article, most of an archive, skips the conversion (~23 ns a character) for a
    search (~4 ns)."""
    conv = to_simplified_converter()
    changed = []
    for lo in range(0x80, 0x10000, _BLOCK):
        chars = [chr(c) for c in range(lo, min(lo + _BLOCK, 0x10000)) if not 0xD800 <= c < 0xE000 and c != 0x0A]
        out = conv.convert("\n".join(chars)).split("\n")
        if len(out) != len(chars):  # pragma: no cover - a converter that joins lines: always convert
            return re.compile("(?s:.)")
        changed += [re.escape(c) for c, o in zip(chars, out) if c != o]
    return re.compile(f"[{''.join(changed)}\U00010000-\U0010ffff]")


def _to_simplified(text: str, changing: re.Pattern | None = None) -> str:
    """Traditional -> simplified, guaranteed length-preserving.

    OpenCC converts phrases, which almost always keeps the length; where a line changes
    length we fall back to character-by-character conversion for that line, keeping the
    original character when a single character would not map to exactly one.
    """
    if not text:
        return text
    if len(text) >= _CHECK_MIN and (changing or changing_re()).search(text) is None:
        return text
    conv = to_simplified_converter()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    lines = text.split("\n")
    fixed = []
    for line in lines:
        c = conv.convert(line)
        if len(c) != len(line):
            chars = []
            for ch in line:
                cc = conv.convert(ch)
                chars.append(cc if len(cc) == 1 else ch)
            c = "".join(chars)
        fixed.append(c)
    return "\n".join(fixed)


@dataclass(frozen=True)
class Normalized:
    """A normalized view of ``original`` and the map back to it.

    The kept runs of the original (everything between deletions, possibly empty) start at
    ``_orig_starts[k]`` in the original and at ``_norm_starts[k]`` in ``text``; deletions span
    ``_del_starts[k]:_del_ends[k]`` of the original. ``text[i]`` always stands for exactly one
    original character.
    """

    original: str
    text: str
    _norm_starts: list[int] = field(repr=False)
    _orig_starts: list[int] = field(repr=False)
    _del_starts: list[int] = field(repr=False, default_factory=list)
    _del_ends: list[int] = field(repr=False, default_factory=list)

    @property
    def segments(self) -> list[tuple[int, int]]:
        """(normalized start, original start) of each non-empty kept run."""
        ends = self._del_starts + [len(self.original)]
        runs = list(zip(self._norm_starts, self._orig_starts, ends))
        out = [(n, o) for n, o, e in runs[:-1] if e > o]
        n, o, e = runs[-1]
        if e > o or not out:  # the tail, even empty when nothing else was kept
            out.append((n, o))
        return out

    def orig_index(self, i: int) -> int:
        """Original offset of normalized character ``i`` (``len(text)`` maps to the end)."""
        if i >= len(self.text):
            return len(self.original)
        k = bisect.bisect_right(self._norm_starts, i) - 1  # an empty run yields to the next
        return self._orig_starts[k] + (i - self._norm_starts[k])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normalized span to a half-open original span.

        A pinyin annotation right after the last character belongs to it, so the span
        grows over it: ``標(biāo)準(zhǔn)`` is returned whole (a deleted space does not).
        """
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        dels = self._del_starts
        if not dels:  # nothing was deleted: the offsets are the same
            return start, end
        if start == end:
            p = self.orig_index(start)
            return p, p
        # orig_index, inlined: this runs for every quantity of an annotated text
        ns, os_ = self._norm_starts, self._orig_starts
        k = bisect.bisect_right(ns, start) - 1
        o_start = os_[k] + (start - ns[k])
        k = bisect.bisect_right(ns, end - 1, k) - 1
        o_end = os_[k] + (end - 1 - ns[k]) + 1
        k = bisect.bisect_left(dels, o_end)
        if k < len(dels) and dels[k] == o_end and self.original[o_end] in "(（":
            o_end = self._del_ends[k]
            while self.original[o_end - 1] in _SPACE:  # the spaces it took before a digit are no part of it
                o_end -= 1
        return o_start, o_end

    def slice_original(self, start: int, end: int) -> str:
        a, b = self.to_original(start, end)
        return self.original[a:b]


def normalize(original: str, changing: re.Pattern | None = None) -> Normalized:
    """Build the canonical view of ``original``. Never raises on any ``str``.
    ``changing``: :func:`changing_re`, when the caller keeps it (an extractor's start-up cache does)."""
    if not isinstance(original, str):
        raise TypeError(f"normalize() takes str, not {type(original).__name__}")
    # split keeps what lies between deletions and, in the odd places, the deletions themselves;
    # every offset then comes from the lengths (C-level passes: an article may hold thousands)
    # (a line break ending the file, as a saved page has, leaves it one line)
    body = original.rstrip()
    one_line = len(body) >= _ONE_LINE_MIN and "\n" not in body and "\r" not in body
    parts = (_one_line_split() if one_line else _SPLIT_RE).split(original)
    offsets = list(accumulate(map(len, parts), initial=0))
    kept_runs = parts[0::2]
    norm_starts = list(accumulate(map(len, kept_runs[:-1]), initial=0))
    kept = _to_ascii("".join(kept_runs) if len(parts) > 1 else original)
    try:
        text = _to_simplified(kept, changing)
    except (UnicodeError, ValueError, RuntimeError):
        text = _safe_simplified(kept)
    if one_line and "  " in text:
        text = _SPACE_RUN.sub(_break, text)
    if " " in text:
        text = _HAN_SPACE.sub(",", text)
    return Normalized(
        original=original,
        text=text,
        _norm_starts=norm_starts,
        _orig_starts=offsets[0:len(parts):2],
        _del_starts=offsets[1:len(parts):2],
        _del_ends=offsets[2:len(parts) + 1:2],
    )


# A document scraped onto one line (its line breaks turned into spaces) keeps its paragraphs apart
# with runs of spaces, often the paragraph indent (\u3000\u3000): there the first space of each run
# is read as the line break it was, so that the title, the header and the paragraphs are found
# again. Only then: in a text with line breaks, spaces are spaces.
_ONE_LINE_MIN = 200
_SPACE_RUN = re.compile(" {2,}")


def _break(m: re.Match) -> str:
    return "\n" + m.group()[1:]


# Chinese prose sets no space between two characters: where one stands, a headline or a
# subheading is joining two phrases (报告发布 国家标准已达44499项, 强化质量意识 营造浓厚氛围),
# and the first space becomes the comma it stands for, so that no rule reads across it. Not in
# a title, where a standard's name sets its parts apart (《智慧城市 术语》).
_HAN_SPACE = re.compile(f" (?<=[{HAN_RANGES}] )(?= *[{HAN_RANGES}])(?![^《》\n]{{0,80}}》)")


def _safe_simplified(text: str) -> str:
    """Conversion for text OpenCC refuses (lone surrogates): convert the encodable runs only."""
    parts = regex.split(r"([\ud800-\udfff]+)", text)
    return "".join(p if (i % 2) else _to_simplified(p) for i, p in enumerate(parts))
