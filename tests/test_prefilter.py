"""The rule prefilter skips work, never facts: what it derives is checked, and the engine with it
assigns exactly what the engine without it assigns."""
from __future__ import annotations

import copy
import re
import dataclasses

import pytest

from zhstdextract import Extractor
from zhstdextract.engine import RuleEngine
from zhstdextract.prefilter import analyze, barrier_chars, literal_clauses, opening_class

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
    # what a lookaround requires stands next to the match, in its sentence; not what one forbids
    ("(?:标准|(?<=国标|行标))[0-9]+", [{"标准", "国标", "行标"}]),
    ("[0-9]+项(?=增加到)", [{"增加到"}, {"项"}]),
    ("[0-9]+项(?!增加到)", [{"项"}]),
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


def _same_assignments(extractor, a: RuleEngine, b: RuleEngine, texts) -> int:
    from zhstdextract.segment import segment

    ctx = extractor.patterns.data.get("context", {})
    compared = 0
    for text in texts:
        norm = extractor.normalize(text)
        qs = extractor.finder.find(norm)
        segs = segment(norm.text, ctx["sentence_end"], ctx["clause_end"])
        got, want = a.assign(norm.text, qs, segs), b.assign(norm.text, qs, segs)
        assert {i: (x.metric, x.rule.id, x.dims, x.match_span, x.via, x.captures) for i, x in got.items()} == \
               {i: (x.metric, x.rule.id, x.dims, x.match_span, x.via, x.captures) for i, x in want.items()}, text
        compared += len(got)
    return compared


def test_prefilter_assigns_what_the_unfiltered_engine_assigns(extractor, seed_texts):
    compared = _same_assignments(extractor, extractor.engine, _unfiltered(extractor), _texts(seed_texts, extractor))
    assert compared > 200  # the comparison covered real assignments


# ---------------------------------------------------------------------- rules on the stdlib engine
def test_every_builtin_rule_runs_on_the_stdlib_engine(extractor):
    """Not needed for correctness (a rule that cannot stays on regex), but the speed relies on it."""
    assert [r.id for r in extractor.patterns.rules if r.stdlib is None] == []


def test_stdlib_engine_assigns_what_the_regex_engine_assigns(extractor, seed_texts):
    texts = _texts(seed_texts, extractor)
    # and sentences of different rules run together, so that matches overlap across them
    texts += ["，".join(texts[i:i + 3]).replace("。", "，") for i in range(0, len(texts), 2)]
    compared = _same_assignments(extractor, extractor.engine, RuleEngine(extractor.patterns, stdlib=False), texts)
    assert compared > 300


def _pieces(extractor) -> list[str]:
    words = sorted({w for r in extractor.patterns.rules for a in (r.clauses,) + r.alternatives for c in a for w in c})
    return words + ["12项", "3个", "5家", "近20项", "35名", "，", "、", "和", "了", "共", "全市", "企业"]


def test_stdlib_engine_equals_the_regex_engine_on_generated_sentences(extractor):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    reference = RuleEngine(extractor.patterns, stdlib=False)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(_pieces(extractor)), min_size=2, max_size=16).map("".join))
    def check(text):
        _same_assignments(extractor, extractor.engine, reference, [text])

    check()


@pytest.mark.parametrize("pattern, stays_on_regex", [
    ("(?P<q>x)|(?P<q>y)", False),  # a repeated name is renamed
    ("(?:(?P<q>x),)+", True),  # regex keeps every capture of a repeated group; re the last
    ("(?:(?P<q>x),)?y", False),  # at most once is fine
    ("(?P<q>x)(?P=q)", True),  # back references
    ("(?P<q>x)[[:punct:]]", True),  # POSIX classes
    ("(?P<other>x)", True),  # no {q}
])
def test_what_stays_on_regex(pattern, stays_on_regex):
    from zhstdextract.stdlib_rules import translate

    assert (translate(pattern) is None) is stays_on_regex


def test_a_repeated_name_reads_like_regex():
    import regex

    from zhstdextract.stdlib_rules import translate

    pattern = "(?P<d>国家|行业)?标准(?P<q>Q)|(?P<q>Q)项(?P<d>地方)?标准"
    fast = translate(pattern)
    for text in ["国家标准Q", "标准Q", "Q项地方标准", "Q项标准", "行业标准Q项地方标准"]:
        want = [(m.span(), m.starts("q"), m.group("d")) for m in regex.finditer(pattern, text, overlapped=True)]
        got = [(m.span(), fast.q_starts(m), fast.group(m, "d")) for m in fast.overlapped(text, 0, len(text))]
        assert got == want, text


def test_the_stdlib_parse_serves_the_prefilter_and_the_compiler():
    """A built-in rule's prefilter reads the tree the stdlib engine compiles."""
    from zhstdextract.stdlib_rules import parse, translate

    pattern = "(?P<q>\ue000)标准(?:研制)?攻坚项目|(?P<q>\ue000)(?:国家|行业)标准立项"
    parsed = parse(pattern)
    # the repeated name made unique keeps the branches apart (as "(?:" groups they shared an
    # opening the parser factored out, and the two alternatives were read as one)
    _, alts, _ = analyze(pattern, parsed.tree)
    assert [[set(c) for c in a] for a in alts] == [[{"攻坚项目"}, {"标准"}], [{"标准立项"}, {"国家", "行业"}]]
    fast = translate(pattern)  # compiled from its parse tree
    text = "\ue000国家标准立项，\ue000标准研制攻坚项目"
    assert [(m.span(), fast.q_starts(m)) for m in fast.overlapped(text, 0, len(text))] == \
           [((0, 7), [0]), ((8, 17), [8])]


def test_rules_are_candidates_by_their_rarest_clause(extractor):
    """A sentence is sifted for candidates by one clause of each alternative, the one whose
    words the fewest rules share: 标准, which most rules need, names no candidates by itself."""
    from zhstdextract.engine import _index_clause, _rules_sharing

    shared = {"标准": 40, "发布": 5, "出台": 3, "立项": 2}
    assert _index_clause((frozenset({"标准"}), frozenset({"发布", "出台"})), shared) == {"发布", "出台"}
    assert _index_clause((frozenset({"标准"}),), shared) == {"标准"}  # the only clause it has
    assert _index_clause((), shared) == frozenset()
    rules = extractor.patterns.rules
    shared = _rules_sharing(rules)
    assert shared["标准"] > 20
    for r in rules:
        for alternative in r.alternatives:
            if len(alternative) > 1:
                assert "标准" not in _index_clause(alternative, shared), r.id


@pytest.mark.parametrize(
    "pattern, opens, not_opens",
    [
        (r"^(?:第[一二]章|[三四]+[、.]|\(\d\))", "第三四(", "章、.一二a1"),
        (r"\A\d{1,2}[.]", "0179", "a.第"),
        (r"(?:ab|c)+d", "ac", "bd"),
    ],
)
def test_opening_class(pattern, opens, not_opens):
    # every character a match can begin with is in the class; the others are not
    cls = re.compile(f"[{opening_class(pattern)}]")
    assert all(cls.fullmatch(c) for c in opens)
    assert not any(cls.fullmatch(c) for c in not_opens)


@pytest.mark.parametrize("pattern", [r"(?:a)?b", r"(?=x)x", r".b", r"[^a]b", r"\Wb", r"a*b"])
def test_opening_class_unknown(pattern):
    assert opening_class(pattern) is None


def test_plan_headings_are_found_as_by_a_search_at_every_character(extractor, seed_texts):
    # the gate tries the heading regex only after line breaks that can open one: same answers
    times = extractor.times
    texts = [extractor.normalize(t).text for t in seed_texts] + [
        "某省标准化工作情况通报\n一、基本情况\n全省…\n三、下一步工作\n一是…",
        "二、2025年工作计划\n新建省级标准化试点项目2个。",
        "某县工作总结\n（三）主要目标完成情况\n…\n(2)下一阶段重点",
        "全省下一步将新建省级标准化试点项目40个。\n今后三年，…",
        "标题\n10、工作安排\n", "标题\n第二章 发展目标\n",
    ]
    got = [times._has_plan_heading(t) for t in texts]
    assert got == [times._plan_heading_line.search(t) is not None for t in texts]
    assert True in got and False in got


def test_each_dimension_word_opens_with_itself(extractor):
    # a guard in front of a surface ((?<!主导)参与) runs at every position a rule tries the
    # vocabulary; after it (参与(?<!主导参与)) only where the surface is. This session's guards in
    # front made the formulated rules 2 to 4 times slower before anyone looked.
    from zhstdextract.patternset import DimVocab

    for vocab in extractor.patterns.vocabs.values():
        for branch in vocab.alternation.split("|"):
            assert not branch.startswith("(?"), (vocab.name, branch)
    v = DimVocab(name="t", dim="level", values={"provincial": ["自治区级"], "county": ["区级"]})
    assert re.fullmatch(v.alternation, "区级") and not re.search(v.alternation, "自治区级").group() == "区级"
