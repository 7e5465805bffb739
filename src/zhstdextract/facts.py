"""The fact: one quantity phrase mapped to one metric (ONTOLOGY.md section 1)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FACT_FIELDS = (
    "doc", "metric", "value", "unit", "qualifier", "dims", "subject", "modality", "time",
    "span", "text", "rule",
)


@dataclass(slots=True)  # thousands per second are made: slots make each cheaper
class Fact:
    doc: str | None
    metric: str | None
    value: int | float
    unit: str
    qualifier: str
    dims: dict[str, str]
    subject: str | None
    modality: str
    time: dict[str, Any] | None
    span: tuple[int, int]
    text: str
    rule: str | None
    # Not part of the contract shape; kept for explain and the spaCy component.
    subject_code: str | None = field(default=None, compare=False)
    via: str = field(default="rule", compare=False)  # rule | list (inherited over an enumeration)
    rule_where: str | None = field(default=None, compare=False)
    matched: str | None = field(default=None, compare=False)  # the normalized text the rule matched
    # a range's upper bound (培育20~30家: value 20, qualifier gte, value_max 30); the contract
    # shape has no field for it, so batch rows carry the lower bound and the text
    value_max: int | float | None = None

    def to_dict(self, extra: bool = False) -> dict[str, Any]:
        """Exactly the ONTOLOGY.md shape, in its field order; ``extra`` appends the subject's
        administrative code (``subject_code``), which the contract shape has no field for."""
        d = {
            "doc": self.doc,
            "metric": self.metric,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "dims": dict(self.dims),
            "subject": self.subject,
            "modality": self.modality,
            "time": dict(self.time) if self.time else None,
            "span": [self.span[0], self.span[1]],
            "text": self.text,
            "rule": self.rule,
        }
        if extra:
            d["subject_code"] = self.subject_code
        return d
