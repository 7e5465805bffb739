"""Quantity phrases: number + magnitude + unit/classifier + qualifier, with spans.

One compiled regex (built from the unit, qualifier and number tables) finds candidates in the
normalized text; a few checks then drop what ONTOLOGY.md section 2 says is not a quantity.
This pass is the cheap one and runs over the whole text; nothing here tokenizes.
"""
from __future__ import annotations

import bisect
import warnings
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

import regex

from .normalization import Normalized
from .numbers import parse_arabic, parse_chinese, to_number

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "span": list(self.span),
            "text": self.text,
        }


def _overlaps(ranges: list[tuple[int, int]], a: int, b: int) -> bool:
    """Does any of the sorted ``ranges`` overlap [a, b)? Looks only at ranges starting near a."""
    k = bisect.bisect_left(ranges, (a - _LONGEST_EXCLUSION, 0))
    while k < len(ranges) and ranges[k][0] < b:
        if ranges[k][1] > a:
            return True
        k += 1
    return False


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
        pattern = rf"""
            (?P<pre>{_guarded_alt(lex.prefix_qualifiers)})?
            (?:
                {pct}(?P<pcn>[{cn}]+)(?P<pinf>{infix})?
              | (?:
                    (?<![A-Za-z0-9._\-/+#@&])(?P<an>\d+(?:,\d{{3}})*(?:\.\d+)?)(?![.,]\d)
                      (?P<ainf>{infix})?(?P<amag>{mags})?(?P<ainf2>{infix})?
                  | (?<![{cn}A-Za-z0-9])(?P<cn>[{cn}]+?)(?P<cinf>{infix})?
                  | (?<![{cn}A-Za-z0-9])(?P<bare>{bare})(?P<binf>{infix})?
                )
                \ ?
                (?P<unit>{_guarded_alt(lex.units)})
            )
            (?P<post>{_guarded_alt(lex.suffix_qualifiers)})?
        """
        self._re = regex.compile(pattern, regex.VERBOSE)
        self._unit_info = {u["surface"]: u for u in lex.units}
        self._qual = {q["surface"]: q for q in lex.prefix_qualifiers}
        self._infix = {q["surface"]: q["qualifier"] for q in lex.infix_qualifiers}
        self._suffix = {q["surface"]: q["qualifier"] for q in lex.suffix_qualifiers}
        self._excl = [(regex.compile(e["regex"]), e.get("scope") == "line") for e in lex.exclusions]

    def _line_exclusions(self, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """Ranges of text[lo:hi] (one line) that are never quantities; a ``scope: line`` entry
        (a copyright notice) excludes its whole line."""
        out: list[tuple[int, int]] = []
        for rx, whole_line in self._excl:
            if whole_line:
                if rx.search(text, lo, hi, timeout=REGEX_TIMEOUT):
                    return [(lo, hi)]
                continue
            out.extend(m.span() for m in rx.finditer(text, lo, hi, timeout=REGEX_TIMEOUT))
        out.sort()
        return out

    def find(self, norm: Normalized) -> list[Quantity]:
        text = norm.text
        out: list[Quantity] = []
        line = (-1, -1)
        excluded: list[tuple[int, int]] = []
        for m in self._iter(text):
            q = self._build(m, norm)
            if q is None:
                continue
            a, b = q.norm_span
            if not (line[0] <= a < line[1]):
                # exclusions are found once per line that holds a candidate
                lo = text.rfind("\n", 0, a) + 1
                hi = text.find("\n", a)
                line = (lo, len(text) if hi < 0 else hi)
                excluded = self._line_exclusions(text, *line)
            if excluded and _overlaps(excluded, a, b):
                continue
            if q.numeral == "chinese" and m.start("cn") >= 0 and self.lex.word_check(text, m.start("cn"), b):
                continue
            out.append(q)
        return out

    def _iter(self, text: str) -> Iterator[regex.Match]:
        try:
            yield from self._re.finditer(text, timeout=REGEX_TIMEOUT * max(1, len(text) // 100_000))
        except TimeoutError:  # pragma: no cover - the pattern is linear; the guard keeps time bounded
            warnings.warn("zhstdextract: quantity scan timed out; the rest of this text was skipped", stacklevel=2)

    def _build(self, m: regex.Match, norm: Normalized) -> Quantity | None:
        t = self.lex.numbers
        g = m.groupdict()
        qualifier = "eq"
        mag = Decimal(1)
        numeral = "arabic"
        pre = g["pre"]
        pre_info = self._qual.get(pre) if pre else None
        if g["an"] is not None:
            digits = g["an"].replace(",", "").replace(".", "")
            if len(digits.lstrip("0")) > t.max_digits:
                return None
            an = g["an"]
            base = Decimal(int(an)) if an.isdigit() else parse_arabic(an)
            if g["amag"]:
                mag = Decimal(t.magnitudes[g["amag"]])
            infix = g["ainf"] or g["ainf2"]
        elif g["pcn"] is not None:
            base = parse_chinese(g["pcn"], t)
            numeral = "chinese"
            infix = g["pinf"]
        elif g["cn"] is not None:
            numeral = "chinese"
            base = parse_chinese(g["cn"], t)
            infix = g["cinf"]
            if g["cn"] in t.article_numerals and not (pre or infix):
                return None
            if not any(c in t.digits for c in g["cn"]) and not g["cn"].startswith(tuple(k for k, v in t.places.items() if v == 10)):
                # 百项标准: a bare place value is a name unless a qualifier makes it a figure (超亿元)
                if not (pre or infix) or g["cn"] not in t.bare_magnitudes:
                    return None
                numeral = "bare"
                base = Decimal(t.magnitudes[g["cn"]])
        else:
            numeral = "bare"
            base = Decimal(t.magnitudes[g["bare"]])
            infix = g["binf"]
            if not (pre or infix):
                return None  # 百项标准, 万家灯火: a magnitude alone is a name, not a figure
        if base is None:
            return None
        if g["pcn"] is not None:
            uinfo = {"unit": "%", "kind": "percent"}
        else:
            uinfo = self._unit_info[g["unit"]]
        if uinfo.get("arabic_only") and numeral != "arabic":
            return None
        if pre_info:
            qualifier = pre_info["qualifier"]
        if infix:
            qualifier = self._infix[infix]
        if g["post"]:
            qualifier = self._suffix[g["post"]]
        kind = uinfo.get("kind", "count")
        value_d = base * mag
        unit = uinfo["unit"]
        a, b = m.span()
        oa, ob = norm.to_original(a, b)
        return Quantity(
            value=to_number(value_d),
            unit=unit,
            qualifier=qualifier,
            span=(oa, ob),
            text=norm.original[oa:ob],
            norm_span=(a, b),
            kind=kind,
            numeral=numeral,
        )
