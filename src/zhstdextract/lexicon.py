"""The text-layer lexicon: number tables, units, qualifiers and exclusions, as loaded from the
pattern folders, plus the lazily loaded word checker."""
from __future__ import annotations

from typing import Any, Mapping

from .numbers import NumberTables
from .wordcheck import WordChecker


class Lexicon:
    def __init__(self, data: Mapping[str, Any], domain_words: list[str] | None = None) -> None:
        self.numbers = NumberTables.from_data(data["numbers"])
        self.units: list[dict] = list(data.get("units", []))
        quals = data.get("qualifiers", {})
        self.prefix_qualifiers: list[dict] = list(quals.get("prefix", []))
        self.infix_qualifiers: list[dict] = list(quals.get("infix", []))
        self.suffix_qualifiers: list[dict] = list(quals.get("suffix", []))
        self.exclusions: list[dict] = list(data.get("exclusions", []))
        self.context: dict = dict(data.get("context", {}))
        self.words = WordChecker(domain_words or [])

    def word_check(self, text: str, numeral_start: int, end: int) -> bool:
        """True when the Chinese-numeral quantity at [numeral_start, end) crosses a word."""
        return self.words.crosses_word(text, numeral_start, end)
