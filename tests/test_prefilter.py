"""The rule prefilter skips work, never facts: what it derives is checked, and the engine with it
assigns exactly what the engine without it assigns."""
from __future__ import annotations

import copy
import dataclasses

import pytest

from zhstdextract import Extractor
from zhstdextract.engine import RuleEngine
from zhstdextract.prefilter import analyze, barrier_chars, literal_clauses

CANDS = ",;。、\n"


@pytest.mark.parametrize("pattern, clauses", [
    ("主导制定(?:国家|行业)标准", [{"主导制定"}, {"标准"}, {"国家", "行业"}]),
    ("(?:制定|修订)了?[^,]{0,8}标准", [{"标准"}, {"制定", "修订"}]),
    ("(?:试点|示范)?项目", [{"项目"}]),
    ("a(?:x|y)b|c", [{"a", "c"}]),  # a branch keeps what every alternative needs
    ("(?:x|)b", [{"b"}]),
    ("(?i)标准", []),  # case-folding: nothing known
    (r"\p{Han}标准", []),  # a construct the stdlib parser lacks: nothing known
    ("[0-9]+", []),
    ("标准[[:punct:]]", []),  # POSIX classes mean something else to the stdlib parser
    ("(?:主导制定){e<=1}标准", []),  # so do fuzzy constraints
])
def test_literal_clauses(pattern, clauses):
    assert [set(c) for c in literal_clauses(pattern)] == clauses


@pytest.mark.parametrize("pattern, barriers", [
    ("标准[^,;。\n]{0,8}?项", set(",;。\n")),
    ("标准[^;。\n]{0,8}?项", set(",;。\n") - {","}),
    ("标准.{0,8}项", set()),  # . matches a comma
    (r"标准\W项", {"\n"} - {"\n"}),  # \W matches every candidate
    ("标准(?=,)", set(";。、\n")),  # a lookahead that sees a comma makes it no barrier
    ("标准$", set()),  # anchors differ at a cut: nothing known
    ("(?<!计量)标准(?!化)", set(CANDS)),
    ("标准[[:punct:]]项", set()),  # a POSIX class matches punctuation; the stdlib parser would not see it
])
def test_barrier_chars(pattern, barriers):
    assert set(barrier_chars(pattern, CANDS)) == barriers


@pytest.mark.parametrize("pattern, alternatives", [
    ("(?:现有|拥有)标准{q}|标准总数{q}", [[{"标准"}, {"现有", "拥有"}], [{"标准总数"}]]),
    ("(?:a[0-9]|b)", [[{"a"}], [{"b"}]]),  # a group around the branch is looked through
    ("主导制定标准", [[{"主导制定标准"}]]),  # no top-level branch: one alternative
    ("xy|[0-9]+", [[{"xy"}], []]),  # an alternative that needs nothing lets everything through
])
def test_top_level_alternatives(pattern, alternatives):
    _, alts, _ = analyze(pattern.replace("{q}", "\ue000"))
    assert [[set(c) for c in a] for a in alts] == alternatives


def _unfiltered(ex: Extractor) -> RuleEngine:
    """The same rules with no clauses and no barriers: every rule on every whole sentence."""
    ps = copy.copy(ex.patterns)
    ps.rules = [dataclasses.replace(r, clauses=(), alternatives=((),), barriers=frozenset()) for r in ex.patterns.rules]
    return RuleEngine(ps)


def _texts(seed_texts, extractor):
    texts = list(seed_texts.values())
    for r in extractor.patterns.rules:
        texts += [e.text for e in r.examples] + list(r.negatives)
    return texts


def test_prefilter_assigns_what_the_unfiltered_engine_assigns(extractor, seed_texts):
    from zhstdextract.segment import segment

    plain = _unfiltered(extractor)
    ctx = extractor.patterns.data.get("context", {})
    compared = 0
    for text in _texts(seed_texts, extractor):
        norm = extractor.normalize(text)
        qs = extractor.finder.find(norm)
        segs = segment(norm.text, ctx["sentence_end"], ctx["clause_end"])
        fast = extractor.engine.assign(norm.text, qs, segs)
        slow = plain.assign(norm.text, qs, segs)
        assert {i: (a.metric, a.rule.id, a.dims, a.match_span) for i, a in fast.items()} == \
               {i: (a.metric, a.rule.id, a.dims, a.match_span) for i, a in slow.items()}, text
        compared += len(fast)
    assert compared > 200  # the comparison covered real assignments
