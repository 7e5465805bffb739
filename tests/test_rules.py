"""Every built-in rule's examples, and the house rules for rules: general, tested, traceable."""
from __future__ import annotations

import regex
import pytest

from zhstdextract import default_extractor
from zhstdextract.ruletest import run_rule_examples

RULES = default_extractor().patterns.rules


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(extractor, rule):
    bad = [r.describe() for r in run_rule_examples(extractor, [rule]) if not r.ok]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_general(rule, seed_texts, extractor):
    """At least two positives, one of them traditional, one negative, none copied from the seeds."""
    assert len(rule.examples) >= 2
    assert rule.negatives
    seeds = [extractor.normalize(t).text for t in seed_texts.values()]
    trad = [e for e in rule.examples if extractor.normalize(e.text).text != e.text]
    assert trad, "no example in traditional characters"
    for e in rule.examples:
        norm = extractor.normalize(e.text).text
        assert not any(norm in s for s in seeds), f"example copied from a seed: {e.text}"


def test_every_fact_names_its_rule(seed_facts, extractor):
    ids = {r.id for r in extractor.patterns.rules}
    for f in seed_facts:
        assert (f["metric"] is None) == (f["rule"] is None)
        assert f["rule"] is None or f["rule"] in ids


def test_rule_ids_are_unique_and_metrics_exist(extractor):
    ids = [r.id for r in extractor.patterns.rules]
    assert len(ids) == len(set(ids))
    assert all(r.metric in extractor.patterns.metrics for r in extractor.patterns.rules)


def test_no_metric_specific_python():
    """The engine is generic: no metric id is spelled in the Python sources."""
    import ast
    import pathlib

    import zhstdextract

    src = pathlib.Path(zhstdextract.__file__).parent
    metric_ids = set(default_extractor().patterns.metrics)
    for py in src.glob("*.py"):
        tree = ast.parse(py.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        strings = [n.value for n in ast.walk(tree)
                   if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]
        found = sorted({m for m in metric_ids for s in strings if regex.search(rf"\b{regex.escape(m)}\b", s)})
        assert not found, f"{py.name} names metrics {found}"
