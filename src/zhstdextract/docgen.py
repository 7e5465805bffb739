"""docs/ontology.md, generated from the ontology data so that the two cannot drift.

Regenerate with ``python -m zhstdextract.docgen > docs/ontology.md``; a test fails when the
file and the data disagree.
"""
from __future__ import annotations

import sys

from .patternset import PatternSet, load_patterns


def ontology_markdown(ps: PatternSet) -> str:
    lines = [
        "# Metrics of the standards ontology",
        "",
        "Generated from `patterns/ontology.yaml` and `patterns/lexicon/dims.yaml` by",
        "`python -m zhstdextract.docgen`; do not edit by hand (a test keeps it in sync).",
        "",
    ]
    by_metric: dict[str, list[str]] = {}
    for r in ps.rules:
        by_metric.setdefault(r.metric, []).append(r.id)
    for tier in sorted({m.tier for m in ps.metrics.values()}):
        lines += [f"## Tier {tier}", "", "| id | 中文 | English | units | dims | implied | rules |", "|---|---|---|---|---|---|---|"]
        for m in sorted((m for m in ps.metrics.values() if m.tier == tier), key=lambda m: m.id):
            dims = ", ".join(f"{d} ({v})" for d, v in m.dims.items()) or "-"
            implied = ", ".join(f"{d}={v}" for d, v in m.implied.items()) or "-"
            rules = ", ".join(f"`{r}`" for r in by_metric.get(m.id, [])) or "-"
            lines.append(f"| `{m.id}` | {m.label_zh} | {m.label_en} | {', '.join(m.units)} | {dims} | {implied} | {rules} |")
        lines.append("")
        for m in sorted((m for m in ps.metrics.values() if m.tier == tier), key=lambda m: m.id):
            lines.append(f"- `{m.id}`: {m.definition}")
        lines.append("")
    lines += ["## Dimension vocabularies", ""]
    for v in ps.vocabs.values():
        lines.append(f"### `{v.name}` (dimension `{v.dim}`)")
        if v.doc:
            lines.append("")
            lines.append(v.doc)
        lines.append("")
        for value, surfaces in v.values.items():
            lines.append(f"- `{value}`: {'、'.join(surfaces)}")
        if v.several_set:
            lines.append(f"- several values, so none: {'、'.join(sorted(v.several_set))}")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    sys.stdout.write(ontology_markdown(load_patterns()))


if __name__ == "__main__":
    main()
