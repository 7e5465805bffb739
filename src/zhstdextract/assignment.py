"""What the rule engine decides for one quantity (shared by the engine and the list reader)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .patternset import Rule


@dataclass(slots=True)
class Assignment:
    """A quantity's metric and dims, and how they were decided."""

    metric: str
    rule: Rule
    dims: dict[str, str]
    match_span: tuple[int, int]  # normalized
    via: str = "rule"
    head_after: bool = False
    score: tuple = field(default=(), compare=False)
    captures: dict[str, str] = field(default_factory=dict, compare=False)  # vocabulary -> words read
