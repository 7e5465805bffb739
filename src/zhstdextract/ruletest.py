"""Run the examples that every rule carries (``zhstdextract rules test``; the pytest suite runs
the same harness over the built-in rules).

A positive example passes when, extracted with the whole pattern set, each expected quantity
becomes a fact of the expected metric made by this rule (or, for an expectation naming another
metric, by any rule), with the expected value, qualifier and dimensions. A negative passes when
this rule makes no fact from it. A rule whose pattern can reach past a comma without saying so
(``spans_clauses``), or says so and cannot, fails too: what it costs is not in any example.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .extractor import Extractor
from .facts import Fact
from .patternset import FACT_KEYS, Rule


@dataclass
class ExampleResult:
    rule: str
    where: str
    text: str
    ok: bool
    negative: bool
    problems: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    kind: str = ""  # what was checked, when not an example: "reach" (see _reach), reported when it fails

    def describe(self) -> str:
        kind = self.kind or ("negative" if self.negative else "example")
        head = f"{'ok  ' if self.ok else 'FAIL'} {self.rule} {kind} ({self.where}): {self.text}"
        if self.ok:
            return head
        lines = [head]
        lines += [f"     - {p}" for p in self.problems]
        if self.kind:  # a check of the rule itself: no text was extracted
            return "\n".join(lines)
        got = [f"{f.text}={f.metric}{_dims(f.dims)} by {f.rule}" for f in self.facts if f.metric]
        lines.append(f"     got: {', '.join(got) if got else '(no facts)'}")
        return "\n".join(lines)


def _dims(d: dict) -> str:
    return "{" + ",".join(f"{k}={v}" for k, v in sorted(d.items())) + "}" if d else ""


def _check_expect(rule: Rule, exp: dict, facts: list[Fact]) -> str | None:
    metric = exp.get("metric", rule.metric)
    same_text = [f for f in facts if f.text == exp["text"]]
    if not same_text:
        return f"no quantity {exp['text']!r} was found"
    cands = [f for f in same_text if f.metric == metric]
    if not cands:
        got = ", ".join(f"{f.metric} by {f.rule}" for f in same_text)
        return f"{exp['text']!r}: expected metric {metric}, got {got or 'no metric'}"
    if metric == rule.metric:
        mine = [f for f in cands if f.rule == rule.id]
        if not mine:
            return f"{exp['text']!r}: {metric} was made by {cands[0].rule}, not by this rule"
        cands = mine
    f = cands[0]
    bad = []
    if "value" in exp and float(exp["value"]) != float(f.value):
        bad.append(f"value {f.value} != {exp['value']}")
    if "qualifier" in exp and exp["qualifier"] != f.qualifier:
        bad.append(f"qualifier {f.qualifier} != {exp['qualifier']}")
    if "unit" in exp and exp["unit"] != f.unit:
        bad.append(f"unit {f.unit} != {exp['unit']}")
    for d in sorted(set(exp) - FACT_KEYS):  # the dimensions it names (level, role, kind, ...)
        if f.dims.get(d) != exp[d]:
            bad.append(f"{d} {f.dims.get(d)} != {exp[d]}")
    if bad:
        return f"{exp['text']!r}: " + "; ".join(bad)
    return None


# The clause mark whose barrier keeps a rule to the clauses around its quantities (prefilter.py).
CLAUSE_MARK = ","


def _reach(rule: Rule) -> ExampleResult | None:
    """Whether the rule crosses clauses exactly when it says so (``spans_clauses``). A rule that
    can cross a comma runs over whole sentences, and over more of them; one lookaround at a comma
    is enough to make it so (a formulated rule ran three times as long for it), so a rule author
    learns of it here rather than from a benchmark."""
    crosses = CLAUSE_MARK not in rule.barriers
    if crosses == rule.spans_clauses:
        return None  # reported only when it fails: the count stays a count of examples
    problem = ("its pattern can match or look at a comma, so it runs over whole sentences, not the clauses "
               "around its quantities; say spans_clauses: true if it is meant to cross clauses" if crosses else
               "it says spans_clauses: true, but no part of its pattern can match a comma")
    return ExampleResult(rule.id, rule.where, "(its pattern)", False, False, [problem], kind="reach")


def run_rule_examples(ex: Extractor, rules: Iterable[Rule] | None = None) -> list[ExampleResult]:
    results: list[ExampleResult] = []
    for rule in rules if rules is not None else ex.patterns.rules:
        reach = _reach(rule)
        if reach is not None:
            results.append(reach)
        for e in rule.examples:
            facts = ex.extract(e.text, include_unmapped=True)
            problems = [p for p in (_check_expect(rule, x, facts) for x in e.expect) if p]
            if not e.expect and not any(f.rule == rule.id for f in facts):
                problems.append("this rule made no fact")
            results.append(ExampleResult(rule.id, f"{rule.path}:{e.line}", e.text, not problems, False, problems, facts))
        for text in rule.negatives:
            facts = ex.extract(text)
            mine = [f for f in facts if f.rule == rule.id]
            problems = [f"made {f.text}={f.metric}" for f in mine]
            results.append(ExampleResult(rule.id, rule.where, text, not problems, True, problems, facts))
    return results
