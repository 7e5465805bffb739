"""Quantity phrases: number + magnitude + unit/classifier + qualifier, with spans.

One compiled regex (built from the unit, qualifier and number tables) finds candidates in the
normalized text; a few checks then drop what ONTOLOGY.md section 2 says is not a quantity.
This pass is the cheap one and runs over the whole text; nothing here tokenizes.
"""
from __future__ import annotations

import bisect
import re
import warnings
from decimal import Decimal
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple

import regex

from .normalization import Normalized
from .numbers import parse_arabic, parse_chinese, to_number
from .prefilter import literal_clauses
from .stdlib_rules import compile_fast

if TYPE_CHECKING:
    from .lexicon import Lexicon

REGEX_TIMEOUT = 1.0
_LONGEST_EXCLUSION = 400  # exclusion matches longer than this (URLs…) may be missed by the bisect


class Quantity(NamedTuple):
    """One quantity phrase. ``span``/``text`` index the ORIGINAL text.

    A named tuple: immutable, and cheap to build for the thousands a batch makes.
    """

    value: int | float
    unit: str
    qualifier: str
    span: tuple[int, int]
    text: str
    norm_span: tuple[int, int]
    kind: str = "count"
    numeral: str = "arabic"  # arabic | chinese | bare
    value_max: int | float | None = None  # a range's upper bound (5-8项: value 5, value_max 8)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "span": list(self.span),
            "text": self.text,
        }
        if self.value_max is not None:
            d["value_max"] = self.value_max
        return d


_PERCENT = {"unit": "%", "kind": "percent"}
_GROUPS = ("pcn", "pinf", "an", "ainf", "amag", "ainf2", "cn", "cinf", "bare", "binf", "unit", "post")


def _overlaps(ranges: list[tuple[int, int]], a: int, b: int) -> bool:
    """Does any of the sorted ``ranges`` overlap [a, b)? Looks only at ranges starting near a."""
    k = bisect.bisect_left(ranges, (a - _LONGEST_EXCLUSION, 0))
    while k < len(ranges) and ranges[k][0] < b:
        if ranges[k][1] > a:
            return True
        k += 1
    return False


def _holds_in(clauses: tuple[frozenset[str] | re.Pattern, ...], text: str, lo: int, hi: int) -> bool:
    """text[lo:hi] holds a literal of every clause (no clauses: nothing is known, so yes)."""
    for clause in clauses:
        if clause.__class__ is frozenset:
            for w in clause:
                if text.find(w, lo, hi) >= 0:
                    break
            else:
                return False
        elif clause.search(text, lo, hi) is None:
            return False
    return True


_FINDS = 4  # up to this many literals, a find each is quicker than one search for them all


def _clause_tests(clauses: tuple[frozenset[str], ...]) -> tuple[frozenset[str] | re.Pattern, ...]:
    """Each clause as one test: its few literals, each found with ``str.find``, or one search for
    any of its many, which asks a text once instead of once per literal (page counters name a
    dozen words, and every document is asked whether it holds one)."""
    return tuple(c if len(c) <= _FINDS else
                 re.compile("|".join(re.escape(w) for w in sorted(c, key=lambda w: (-len(w), w))))
                 for c in clauses)


def _alt(items: list[str]) -> str:
    return "|".join(regex.escape(s) for s in sorted(set(items), key=lambda s: (-len(s), s)))


def _guarded_alt(entries: list[dict]) -> str:
    """Longest-first alternation of lexicon surfaces, each with its word guards: ``not_after``
    (通过 is not 过) as a lookbehind, ``not_before`` (个月 is not 个) as a lookahead."""
    parts = []
    for e in sorted(entries, key=lambda e: -len(e["surface"])):
        s = regex.escape(e["surface"])
        if e.get("not_after"):
            s = f"(?<!{_alt(e['not_after'])}){s}"
        if e.get("not_before"):
            s = f"{s}(?!{_alt(e['not_before'])})"
        parts.append(s)
    return "|".join(parts)


def _exclusion(e: dict) -> tuple[Any, Any, bool, tuple[frozenset[str] | re.Pattern, ...], str]:
    """An exclusion's search and finditer, whether it drops its whole line, its literals and
    its pattern.

    A built-in exclusion (probed by the test suite, like the built-in rules) runs on the stdlib
    engine where it means the same there, twice as fast, with no timeout; a user's runs on
    ``regex`` under one."""
    pattern = str(e["regex"])
    rx = compile_fast(pattern) if e.get("_trusted") else regex.compile(pattern)
    if isinstance(rx, re.Pattern):
        search, finditer = rx.search, rx.finditer
    else:
        search = partial(rx.search, timeout=REGEX_TIMEOUT)
        finditer = partial(rx.finditer, timeout=REGEX_TIMEOUT)
    return search, finditer, e.get("scope") == "line", _clause_tests(literal_clauses(pattern)), pattern


def _start_scan(lex: "Lexicon") -> re.Pattern | None:
    """Where a quantity can start, as a stdlib regex one character long: a digit or numeral that
    opens its run (the core's lookbehinds), before a unit's first character; or 百 of 百分之.
    A superset of the core's starts by construction: qualifiers and magnitudes are allowed in
    any order and number, and unit guards are left out."""
    t = lex.numbers
    cn = re.escape(t.chinese_chars)
    infix = "|".join(re.escape(q["surface"]) for q in lex.infix_qualifiers) or "(?!)"
    mags = re.escape("".join(sorted({c for m in t.magnitudes for c in m})))
    unit_first = re.escape("".join(sorted({u["surface"][0] for u in lex.units if u["surface"]})))
    pct = t.percent_prefix
    if not (cn and unit_first and pct):
        return None
    digits = "[0-9,." + "".join(re.escape(g) for g in t.group_separators) + "]*"  # a class: a loop of lookaheads is slower
    arabic = rf"{digits}(?:{infix})?[{mags}]*(?:{infix})? ?[{unit_first}]"
    dp = re.escape(t.decimal_point)
    chinese = rf"[{cn}]*(?:{dp}[{cn}]+)?(?:{infix})? ?[{unit_first}]"
    try:
        return re.compile(
            rf"[0-9{cn}](?:(?<=[0-9])(?<![A-Za-z0-9._/+#@&][0-9])(?={arabic})"
            rf"|(?<=[{cn}])(?<![{cn}A-Za-z0-9][{cn}])(?={chinese})"
            rf"|(?<={re.escape(pct[0])})(?={re.escape(pct[1:])}[{cn}]))"
        )
    except re.error:  # a lexicon the stdlib cannot spell: the core scans alone
        return None


class QuantityFinder:
    """Compiled once per :class:`Lexicon`; ``find`` is then pure regex + a little Python."""

    def __init__(self, lex: "Lexicon") -> None:
        self.lex = lex
        t = lex.numbers
        cn = regex.escape(t.chinese_chars)

        infix = _alt([q["surface"] for q in lex.infix_qualifiers])
        mags = _alt(list(t.magnitudes))
        bare = _alt(list(t.bare_magnitudes))
        pct = regex.escape(t.percent_prefix)
        dp = regex.escape(t.decimal_point)  # 三点五万, 九十五点五
        # digits grouped by threes with a space (1 000项, 12 345项), as GB/T 15835 sets long numbers;
        # not a table's or figure's number before a figure (表2 100项)
        groups = "|".join(regex.escape(g) for g in t.group_separators)
        self._group_drop = {ord(g): None for g in t.group_separators}
        spaced = rf"|(?<![表图第])[0-9]{{1,3}}(?:(?:{groups})[0-9]{{3}})+(?![0-9])(?:\.[0-9]+)?" if groups else ""
        core = rf"""
            (?:
                {pct}(?P<pcn>[{cn}]+(?:{dp}[{cn}]+)?)(?P<pinf>{infix})?
              | (?:
                    (?<![A-Za-z0-9._/+#@&])(?P<an>[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?{spaced})(?![.,][0-9])
                      (?P<ainf>{infix})?(?P<amag>{mags})?(?P<ainf2>{infix})?
                  | (?<![{cn}A-Za-z0-9])(?<![{cn}]{dp})(?P<cn>[{cn}]+?(?:{dp}[{cn}]+?)?)(?P<cinf>{infix})?
                  | (?<![{cn}A-Za-z0-9])(?<![{cn}]{dp})(?P<bare>{bare})(?P<binf>{infix})?
                )
                \ ?
                (?P<unit>{_guarded_alt(lex.units)})
            )
            (?P<post>{_guarded_alt(lex.suffix_qualifiers)})?
        """
        # The readable definition is one regex, an optional prefix qualifier (超过, 近, 约) then the
        # core. The scan runs the core alone, a third faster, and reads the prefix back from the
        # few characters before each match: no prefix holds a digit or a numeral, so the result
        # is the same (tests/test_numbers.py holds the two equal).
        self.reference_pattern = rf"(?P<pre>{_guarded_alt(lex.prefix_qualifiers)})?" + core
        self._core_source = core
        self._starts = _start_scan(lex)
        # the scan tries the core at each start with the stdlib engine, twice as fast at it; a
        # lexicon only regex can spell (a unit guard of several lengths) keeps regex
        try:
            self._core: Any = re.compile(core, re.VERBOSE)
        except re.error:
            self._core = self._re
        names = sorted(self._core.groupindex, key=self._core.groupindex.__getitem__)
        if names != list(_GROUPS) or self._core.groups != len(_GROUPS):  # _build unpacks in this order
            raise AssertionError(f"quantity regex groups changed: {names}")
        self._prefix_guards: dict[str, list[Any]] = {}
        for q in lex.prefix_qualifiers:
            surface = q["surface"]
            guard = regex.compile(_guarded_alt([q])) if (q.get("not_after") or q.get("not_before")) else None
            self._prefix_guards.setdefault(surface, []).append(guard)
        self._prefix_lens = sorted({len(x) for x in self._prefix_guards}, reverse=True)
        self._prefix_last_chars = frozenset(x[-1] for x in self._prefix_guards)
        self._tens = tuple(k for k, v in t.places.items() if v == 10)
        self._unit_info = {u["surface"]: u for u in lex.units}
        self._qual = {q["surface"]: q for q in lex.prefix_qualifiers}
        self._infix = {q["surface"]: q["qualifier"] for q in lex.infix_qualifiers}
        self._suffix = {q["surface"]: q["qualifier"] for q in lex.suffix_qualifiers}
        # each exclusion runs on a line only when the line holds the literals it needs (第, 届, http…)
        self._excl = [_exclusion(e) for e in lex.exclusions]
        # ranges (5-8项, 20~30家): the bare lower bound that ends right before a separator
        self._range_seps = tuple(sorted(t.range_separators, key=len, reverse=True))
        self._range_last = frozenset(x[-1] for x in self._range_seps)
        self._range_low = re.compile(
            rf"(?:(?<![A-Za-z0-9._/+#@&\-])(?P<an>[0-9]+(?:\.[0-9]+)?)(?P<amag>{_alt(list(t.magnitudes))})?"
            rf"|(?<![{re.escape(t.chinese_chars)}A-Za-z0-9])(?P<cn>[{re.escape(t.chinese_chars)}]+))\Z"
        ) if self._range_seps else None
        # numbers listed before a figure, sharing its unit (2941、2808、1669项)
        shared = t.shared_unit_separators
        self._shared_last = frozenset(x[-1] for x in shared)
        self._shared_run = re.compile(
            rf"(?<![A-Za-z0-9._/+#@&\-—第\s])(?<=.)(?:[0-9]{{1,9}}(?:\.[0-9]+)?(?:{_alt(list(shared))}))+\Z"
        ) if shared else None
        self._shared_number = re.compile(r"[0-9]+(?:\.[0-9]+)?")

    def _line_exclusions(self, text: str, lo: int, hi: int, excl: list) -> list[tuple[int, int]]:
        """Ranges of text[lo:hi] (one line) that are never quantities; a ``scope: line`` entry
        (a copyright notice) excludes its whole line."""
        out: list[tuple[int, int]] = []
        for search, finditer, whole_line, clauses, pattern in excl:
            if not _holds_in(clauses, text, lo, hi):
                continue
            try:
                if whole_line:
                    if search(text, lo, hi):
                        return [(lo, hi)]
                    continue
                out.extend(m.span() for m in finditer(text, lo, hi))
            except TimeoutError:  # a user's exclusion that backtracks: skipped on this line, said
                warnings.warn(f"zhstdextract: exclusion {pattern!r} timed out on a line and was skipped", stacklevel=2)
        out.sort()
        return out

    @cached_property
    def _re(self) -> Any:
        """The core on ``regex``: the scan's reference, and the scan itself where the stdlib
        cannot spell the lexicon. Compiled on first use: most processes never need it."""
        return regex.compile(self._core_source, regex.VERBOSE)

    def find(self, norm: Normalized) -> list[Quantity]:
        out: list[Quantity] = []
        self._collect(self.scan(norm.text), norm, out)
        return out

    def scan(self, text: str) -> Iterator[Any]:
        """What ``self._re.finditer(text)`` finds, found faster.

        The ``regex`` engine tries the core at every character, ~65 ns each. The stdlib engine
        jumps between the characters a figure can open with and keeps only those followed by a
        unit's first character (1 in 100 characters of news); the core is then tried there
        alone, by the stdlib engine too. Every place the core matches is such a place, so the
        matches are the same (tests/test_numbers.py holds the two equal). No timeout (it costs
        a fifth of the scan): the core is escaped lexicon words around a fixed linear skeleton,
        and tests/test_reliability.py bounds its cost per character on adversarial text.
        """
        if self._starts is None:
            yield from self._re.finditer(text)
            return
        match = self._core.match
        floor = 0
        for c in self._starts.finditer(text):
            p = c.start()
            if p < floor:
                continue
            m = match(text, p)
            if m is not None:
                floor = m.end()
                yield m

    def _collect(self, matches: Iterator[Any], norm: Normalized, out: list[Quantity]) -> None:
        text = norm.text
        line = (-1, -1)
        excluded: list[tuple[int, int]] = []
        excl = None
        for m, pre, start in self.with_prefixes(text, matches):
            q = self._build(m, norm, pre, start)
            if q is None:
                continue
            if pre is None and start and text[start - 1] in self._range_last:
                ranged = self._range(text, norm, q, m, out)
                if ranged is not None:
                    q = ranged
                elif text[start - 1] == "-" and q.numeral == "arabic":
                    continue  # a number after a hyphen that opens no range is a code's (GB/T 1.1-2020)
            a, b = q.norm_span
            if excl is None:  # the exclusions whose literals the document holds (第, 届, http…)
                excl = [e for e in self._excl if _holds_in(e[3], text, 0, len(text))]
            if excl and not (line[0] <= a < line[1]):
                # exclusions are found once per line that holds a candidate
                lo = text.rfind("\n", 0, a) + 1
                hi = text.find("\n", a)
                line = (lo, len(text) if hi < 0 else hi)
                excluded = self._line_exclusions(text, *line, excl)
            if excluded and _overlaps(excluded, a, b):
                continue
            # 数十家: with a prefix, the word to keep whole is the prefix and the numeral (数十)
            if q.numeral == "chinese" and m.start("cn") >= 0 and self.lex.word_check(text, a if pre else m.start("cn"), b):
                continue
            if start and text[start - 1] in self._shared_last and q.qualifier == "eq" and q.value_max is None \
                    and q.numeral == "arabic" and pre is None and m.group("amag") is None:
                for p in self._shared(text, norm, q, out[-1].norm_span[1] if out else 0):
                    if not (excluded and _overlaps(excluded, *p.norm_span)):
                        out.append(p)
            out.append(q)

    def _shared(self, text: str, norm: Normalized, q: Quantity, floor: int) -> list[Quantity]:
        """The plain numbers listed right before ``q`` that are written without its unit
        (分别公布了2941、2808、1669项): each a figure of that unit."""
        if self._shared_run is None:
            return []
        a = q.norm_span[0]
        run = self._shared_run.search(text, max(floor, a - 80), a)
        if run is None:
            return []
        out = []
        for n in self._shared_number.finditer(text, run.start(), a):
            value = parse_arabic(n.group())
            if value is None:
                continue
            oa, ob = norm.to_original(*n.span())
            out.append(q._replace(value=to_number(value), span=(oa, ob), text=norm.original[oa:ob], norm_span=n.span()))
        return out

    def with_prefixes(self, text: str, matches: Iterable[Any]) -> Iterator[tuple[Any, str | None, int]]:
        """Each core match with the prefix qualifier written before it, and where the whole starts."""
        floor = 0  # where the previous match ended: a prefix may not reach back over it
        last_chars = self._prefix_last_chars
        for m in matches:
            start = m.start()
            pre = None
            if start > floor and text[start - 1] in last_chars:
                pre = self._prefix_before(text, start, floor)
                if pre is not None:
                    start -= len(pre)
            floor = m.end()
            yield m, pre, start

    def _prefix_before(self, text: str, start: int, floor: int) -> str | None:
        """The prefix qualifier (超过, 近, 约) written right before ``start``, not reaching below ``floor``."""
        guards = self._prefix_guards
        for n in self._prefix_lens:
            p = start - n
            if p >= floor and text[p:start] in guards:
                if any(g is None or g.match(text, p) for g in guards[text[p:start]]):
                    return text[p:start]
        return None

    def _range(self, text: str, norm: Normalized, q: Quantity, m: Any, out: list[Quantity]) -> Quantity | None:
        """``q`` as the upper bound of a range whose lower bound ends at the separator before it
        (5-8项, 20家至30家, 十至十五项, 1-2万元), or None. The lower bound takes the upper's
        magnitude when it has none of its own (1-2万元 is 10000 to 20000); a change (由5家到8家)
        and a falling pair (2024-5项) are no range."""
        a = q.norm_span[0]
        sep = next((x for x in self._range_seps if text.startswith(x, a - len(x))), None)
        if sep is None or self._range_low is None:
            return None
        s0 = a - len(sep)
        t = self.lex.numbers
        prev = out[-1] if out else None
        if prev is not None and prev.norm_span[1] == s0 and prev.unit == q.unit and prev.value_max is None:
            lo, low_start = prev.value, prev.norm_span[0]
            if text[max(0, low_start - 1):low_start] in ("从", "由"):
                return None
            floor = out[-2].norm_span[1] if len(out) > 1 else 0
        else:
            if s0 <= 0 or (text[s0 - 1] not in "0123456789" and text[s0 - 1] not in t.chinese_chars):
                return None
            low = self._range_low.search(text, max(0, s0 - 24), s0)
            if low is None:
                return None
            low_start = low.start()
            if low.group("an") is not None:
                base = parse_arabic(low.group("an"))
                mag = low.group("amag") or (m.group("amag") if q.numeral == "arabic" else None)
                if base is not None and mag:
                    base *= Decimal(t.magnitudes[mag])
            else:
                base = parse_chinese(low.group("cn"), t)
                upper_cn = m.group("cn") or ""
                if base is not None and upper_cn and upper_cn[-1] in t.sections and \
                        not any(c in t.sections for c in low.group("cn")):
                    base *= Decimal(t.sections[upper_cn[-1]])
            if base is None:
                return None
            lo = to_number(base)
            floor = prev.norm_span[1] if prev is not None else 0
            if prev is not None and prev.norm_span[1] > low_start:
                return None
        if not lo < q.value:
            return None
        if prev is not None and prev.norm_span[0] == low_start:
            out.pop()
        pre = self._prefix_before(text, low_start, floor) if low_start > floor else None
        start = low_start - len(pre) if pre else low_start
        qualifier = self._qual[pre]["qualifier"] if pre else self.lex.numbers.range_qualifier
        b = q.norm_span[1]
        oa, ob = norm.to_original(start, b)
        return q._replace(value=lo, qualifier=qualifier, span=(oa, ob), text=norm.original[oa:ob],
                          norm_span=(start, b), value_max=q.value)

    def _phrase_ends(self, text: str, b: int) -> bool:
        """Nothing follows the unit for an article to introduce (一项、 一个。 or the text's end)."""
        return b >= len(text) or text.startswith(self.lex.numbers.article_figure_before, b)

    def _build(self, m: Any, norm: Normalized, pre: str | None, a: int) -> Quantity | None:
        t = self.lex.numbers
        pcn, pinf, an, ainf, amag, ainf2, cn, cinf, bare, binf, unit, post = m.groups()
        qualifier = "eq"
        numeral = "arabic"
        value: int | float | None = None
        base: Decimal | None = None
        if an is not None:
            if len(an) > t.max_digits and len(an.replace(",", "").replace(" ", "").replace(".", "").lstrip("0")) > t.max_digits:
                return None
            if amag is None and an.isdigit():  # most figures: a plain whole number
                value = int(an)
            else:
                base = Decimal(int(an)) if an.isdigit() else parse_arabic(an.translate(self._group_drop))  # 1 000
                if base is not None and amag:
                    base *= Decimal(t.magnitudes[amag])
            infix = ainf or ainf2
        elif pcn is not None:
            base = parse_chinese(pcn, t)
            numeral = "chinese"
            infix = pinf
        elif cn is not None:
            numeral = "chinese"
            infix = cinf
            if cn in t.article_numerals and not (pre or infix or post) and not self._phrase_ends(norm.text, m.end()):
                return None
            base = parse_chinese(cn, t)
            if not any(c in t.digits for c in cn) and not cn.startswith(self._tens):
                # 百项标准: a bare place value is a name unless a qualifier makes it a figure (超亿元)
                if not (pre or infix) or cn not in t.bare_magnitudes:
                    return None
                numeral = "bare"
                base = Decimal(t.magnitudes[cn])
        else:
            numeral = "bare"
            base = Decimal(t.magnitudes[bare])
            infix = binf
            if not (pre or infix):
                return None  # 百项标准, 万家灯火: a magnitude alone is a name, not a figure
        if value is None:
            if base is None:
                return None
            value = to_number(base)
        uinfo = _PERCENT if pcn is not None else self._unit_info[unit]
        if numeral != "arabic" and uinfo.get("arabic_only"):
            return None
        if pre:
            pre_info = self._qual.get(pre)
            if pre_info:
                qualifier = pre_info["qualifier"]
        if infix:
            qualifier = self._infix[infix]
        if post:
            qualifier = self._suffix[post]
        b = m.end()
        oa, ob = norm.to_original(a, b)
        return Quantity(value, uinfo["unit"], qualifier, (oa, ob), norm.original[oa:ob], (a, b),
                        uinfo.get("kind", "count"), numeral)
