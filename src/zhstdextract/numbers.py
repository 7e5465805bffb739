"""Number values: Arabic, full-width (already ASCII after normalization), Chinese numerals and
mixed forms (3.13万, 两千余). The character tables come from ``patterns/lexicon/numbers.yaml``.

Arithmetic is done in :class:`decimal.Decimal` so that ``3.13万`` is exactly 31300, not
31300.000000000004.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Mapping


@dataclass(frozen=True)
class NumberTables:
    digits: Mapping[str, int]
    places: Mapping[str, int]
    sections: Mapping[str, int]
    magnitudes: Mapping[str, int]
    bare_magnitudes: frozenset[str]
    article_numerals: frozenset[str]
    article_figure_before: tuple[str, ...]
    max_digits: int
    decimal_point: str
    percent_prefix: str
    range_separators: tuple[str, ...] = ()
    range_qualifier: str = "gte"
    shared_unit_separators: tuple[str, ...] = ()
    group_separators: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping) -> "NumberTables":
        return cls(
            digits=dict(data["digits"]),
            places=dict(data["places"]),
            sections=dict(data["sections"]),
            magnitudes={k: int(v) for k, v in data["magnitudes"].items()},
            bare_magnitudes=frozenset(data.get("bare_magnitudes", [])),
            article_numerals=frozenset(data.get("article_numerals", [])),
            article_figure_before=tuple(str(c) for c in data.get("article_figure_before", [])),
            max_digits=int(data.get("max_digits", 15)),
            decimal_point=str(data.get("decimal_point", "点")),
            percent_prefix=str(data.get("percent_prefix", "百分之")),
            range_separators=tuple(str(c) for c in data.get("range_separators", [])),
            range_qualifier=str(data.get("range_qualifier", "gte")),
            shared_unit_separators=tuple(str(c) for c in data.get("shared_unit_separators", [])),
            group_separators=tuple(str(c) for c in data.get("group_separators", [])),
        )

    @property
    def chinese_chars(self) -> str:
        return "".join(self.digits) + "".join(self.places) + "".join(self.sections)


def parse_arabic(s: str) -> Decimal | None:
    """``1,000`` -> 1000, ``94.3`` -> 94.3; None when it is not a plain number."""
    s = s.replace(",", "")
    if not s or s.count(".") > 1 or s.startswith(".") or s.endswith("."):
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def parse_chinese(s: str, t: NumberTables) -> Decimal | None:
    """Value of a Chinese numeral (一百七十, 两千, 三点五, 一九九九); None if malformed."""
    if not s:
        return None
    if t.decimal_point in s:
        whole, _, frac = s.partition(t.decimal_point)
        w = parse_chinese(whole, t) if whole else Decimal(0)
        # the fraction's digits, then the magnitude that scales the whole (三点五万)
        k = 0
        while k < len(frac) and frac[k] in t.digits:
            k += 1
        digits, mag = frac[:k], frac[k:]
        if w is None or not digits or (mag and mag not in t.magnitudes):
            return None
        value = w + Decimal("0." + "".join(str(t.digits[c]) for c in digits))
        return value * t.magnitudes[mag] if mag else value
    if all(c in t.digits for c in s):
        if len(s) == 1:
            return Decimal(t.digits[s])
        # 一九九九 is a year read digit by digit, 三四 means "three or four": neither is a count
        return None
    total = Decimal(0)  # completed sections (亿, 万)
    section = Decimal(0)  # current section below 万
    digit: int | None = None
    last_place = 10**9
    last_section = 10**13
    prev = ""
    for ch in s:
        if ch in t.places and prev and prev not in t.digits and prev not in t.sections:
            return None  # 百十: a place needs its digit unless it opens the numeral (十五, 百余)
        prev = ch
        if ch in t.digits:
            if digit is not None and t.digits[ch] != 0 and digit != 0:
                return None  # two digits in a row without a place: 三四 is not a number
            digit = t.digits[ch]
        elif ch in t.places:
            p = t.places[ch]
            if p >= last_place:
                return None  # 百十 / 十十: places must fall
            section += Decimal(1 if digit is None else digit) * p
            digit = None
            last_place = p
        elif ch in t.sections:
            sec = t.sections[ch]
            if digit is not None:
                section += digit
                digit = None
            if section == 0 and total == 0:
                return None
            if sec >= last_section:
                # 万亿: multiply the running total
                total = (total + section) * sec
            else:
                total += section * sec
                last_section = sec
            section = Decimal(0)
            last_place = 10**9
        else:
            return None
    if digit is not None:
        section += digit
    return total + section


def to_number(d: Decimal) -> int | float:
    """int when whole, else float (the fact contract)."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)
