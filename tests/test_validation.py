"""A bad rule folder is rejected before any text is read, every problem as file:line: reason."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from zhstdextract import Extractor
from zhstdextract.patternset import PatternError

from conftest import rule_folder

EXE = Path(sys.executable).parent / "zhstdextract"

GOOD_RULE = """\
rules:
  - id: standard.formulated.user_example
    metric: standard.formulated
    pattern: '牵头编写{std}{fill}{q}'
    examples:
      - text: 牵头编写标准3项
        expect: [{text: 3项}]
    negatives: [编写教材3本]
"""


def problems_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    d = rule_folder(tmp_path, files)
    with pytest.raises(PatternError) as e:
        Extractor([d])
    return [str(p) for p in e.value.problems]


@pytest.mark.parametrize(
    "text, line, reason",
    [
        ("rules:\n  - id: a.b\n    metric: standard.formulated\n    pattern: [unclosed\n", 5, "YAML syntax"),
        ("rulez: []\n", 1, "unknown section 'rulez'"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: '{q}'\n    colour: red\n", 5, "unknown rule key 'colour'"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n", 2, "rule lacks pattern"),
        ("rules:\n  - id: a.b.c\n    metric: standard.nonsense\n    pattern: '{q}'\n", 3, "unknown metric 'standard.nonsense'"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: '{nosuch}{q}'\n", 4, "unknown fragment {nosuch}"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: '(?P<x{q}'\n", 4, "does not compile"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: '(?:(?:标|标准)+)+x{q}'\n", 4, "backtrack catastrophically"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: '{q}'\n    units: [斤两]\n", 5, "unknown unit '斤两'"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: '{q}'\n    dims: {level: galactic}\n", 5, "'galactic' is not a value of level"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: '标准{q}'\n    examples:\n      - text: 标准3项\n        expect: [{text: 5项}]\n", 7, "does not occur in the example text"),
        ("rules:\n  - id: a.b.c\n    metric: enterprise.served\n    pattern: '{std_level}{q}'\n", 4, "does not have"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: 'no quantity here'\n", 4, "containing {q}"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: '标准{q}'\n    topic: '(质量'\n", 5, "topic does not compile"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: '标准{q}'\n    unless: '注销('\n", 5, "unless does not compile"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: '标准{q}'\n    topic: '{nosuch}|质量'\n", 5, "unknown fragment {nosuch}"),
        ("disable: [no.such.rule]\n", 1, "cannot disable unknown rule 'no.such.rule'"),
        ("metrics:\n  - id: standard.formulated\n    tier: 1\n    label_zh: x\n    label_en: x\n    definition: x\n    units: [项]\n", 2, "already exists"),
        ("rules:\n  - id: a.b.c\n    id: a.b.d\n", 3, "duplicate key 'id'"),
        ("rules:\n  - !!python/object/apply:os.system ['echo hacked']\n", 2, "YAML"),
        ("units:\n  - {surface: 台套, unit: 台套, colour: red}\n", 2, "unknown key 'colour' in units entry '台套'"),
        ("exclusions:\n  - {id: x, regex: '(unclosed'}\n", 2, "exclusion 'x' does not compile"),
        ("exclusions:\n  - {id: ok, regex: 'fine'}\n  - {id: y, regex: '(unclosed'}\n", 3, "exclusion 'y' does not compile"),
        ("units:\n  - {surface: 台套, unit: 台套}\n  - {surface: 套次, unit: 5}\n", 3, "needs a canonical unit"),
        ("qualifiers:\n  prefix:\n    - {surface: 大约, qualifier: roughly}\n", 3, "qualifier must be"),
        ("qualifiers:\n  prefix:\n    - {surface: 超一, qualifier: gt}\n", 3, "prefix qualifier '超一' holds a numeral"),
        ("numbers:\n  range_qualifier: between\n", 2, "range_qualifier must be"),
        ("dims:\n  admin_level:\n    several: 省市级\n", 3, "dims.admin_level.several must be a list"),
        ("numbers:\n  max_digits: 15\n  range_separators: [至, 2]\n", 3, "range_separators must be"),
        ("numbers:\n  group_separators: [\"..\"]\n", 2, "group_separators must be"),
        # a vocabulary may read a dimension of its own, named in lower case and no fact key
        ("dims:\n  x_kind:\n    dim: Kind\n    values: {a: [甲]}\n", 2, "must name a dimension"),
        ("dims:\n  x_kind:\n    dim: value\n    values: {a: [甲]}\n", 2, "must name a dimension"),
        ("metrics:\n  - id: x.y\n    tier: 2\n    label_zh: x\n    label_en: x\n    definition: x\n    units: [项]\n"
         "    dims: {colour: std_level}\n", 8, "unknown dimension 'colour'"),
        ("metrics:\n  - id: x.y\n    tier: 2\n    label_zh: x\n    label_en: x\n    definition: x\n    units: [项]\n"
         "    item_words: 验收\n", 8, "item_words must be a list of words"),
        ("rules:\n  - id: a.b.c\n    metric: standard.formulated\n    pattern: '标准{q}'\n    examples:\n      - text: 标准3项\n"
         "        expect: [{text: 3项, colour: red}]\n", 7, "unknown expected-fact key 'colour'"),
    ],
)
def test_each_problem_is_reported_with_file_and_line(tmp_path, text, line, reason):
    probs = problems_of(tmp_path, {"r.yaml": text})
    path = str(tmp_path / "rules" / "r.yaml")
    assert any(p.startswith(f"{path}:{line}: ") and reason in p for p in probs), probs


def test_duplicate_rule_ids_in_one_folder(tmp_path):
    probs = problems_of(tmp_path, {"a.yaml": GOOD_RULE, "b.yaml": GOOD_RULE})
    assert any("b.yaml:2: duplicate rule id 'standard.formulated.user_example'" in p for p in probs), probs


def test_every_problem_at_once(tmp_path):
    probs = problems_of(tmp_path, {
        "a.yaml": "rules:\n  - id: a.b.c\n    metric: nope.nope\n    pattern: '{q}{zzz}'\n    colour: red\n",
        "b.yaml": "rulez: []\n",
    })
    reasons = " | ".join(probs)
    for needle in ("unknown metric 'nope.nope'", "unknown fragment {zzz}", "unknown rule key 'colour'", "unknown section 'rulez'"):
        assert needle in reasons


def test_rule_files_cannot_run_code(tmp_path):
    marker = tmp_path / "pwned"
    probs = problems_of(tmp_path, {"r.yaml": f"rules:\n  - !!python/object/apply:os.system ['touch {marker}']\n"})
    assert probs and not marker.exists()


def test_cli_rejects_before_reading_text(tmp_path):
    d = rule_folder(tmp_path, {"r.yaml": "rules:\n  - id: a.b.c\n    metric: nope.nope\n    pattern: '{q}'\n"})
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_bytes(b"\x00\x01binary")  # would be reported as a failure if it were read
    r = subprocess.run([str(EXE), "extract", str(docs), "-o", str(tmp_path / "f.jsonl"), "--patterns", str(d)],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert f"{d / 'r.yaml'}:3: unknown metric 'nope.nope'" in r.stderr
    assert "binary" not in r.stderr
    r = subprocess.run([str(EXE), "rules", "check", str(d)], capture_output=True, text=True)
    assert r.returncode == 2 and "unknown metric" in r.stderr


def test_good_user_rule_loads_and_overrides(tmp_path):
    d = rule_folder(tmp_path, {"r.yaml": GOOD_RULE + "disable: [standard.total.stock]\n"})
    ex = Extractor([d])
    assert "standard.total.stock" not in ex.patterns.rules_by_id
    facts = ex.extract("今年牵头编写标准3项")
    assert [(f.text, f.rule) for f in facts] == [("3项", "standard.formulated.user_example")]


def test_builtin_rules_pass_the_backtracking_probe():
    from zhstdextract.patternset import load_patterns

    load_patterns(probe_builtin=True)  # raises PatternError if any built-in rule times out


def test_builtin_rules_on_the_stdlib_engine_pass_the_backtracking_probe(extractor):
    """The stdlib engine has no timeout: the same adversarial inputs, the same bound per input,
    for the form of each built-in rule that actually runs (stdlib_rules.py)."""
    import time

    from zhstdextract.patternset import _ADVERSARIAL, _BACKTRACK_TIMEOUT

    slowest = 0.0
    for rule in extractor.patterns.rules:
        for text in _ADVERSARIAL:
            t0 = time.perf_counter()
            for _ in rule.stdlib.overlapped(text, 0, len(text)):
                pass
            slowest = max(slowest, time.perf_counter() - t0)
    assert slowest < _BACKTRACK_TIMEOUT


def test_only_rules_the_suite_has_not_probed_run_under_a_timeout(tmp_path):
    # the probe above is why the built-in rules may skip the per-call timeout (2 µs a call)
    ex = Extractor([rule_folder(tmp_path, {"r.yaml": GOOD_RULE})])
    timeouts = {r.id: r.timeout for r in ex.patterns.rules}
    assert timeouts.pop("standard.formulated.user_example") > 0
    assert set(timeouts.values()) == {None}


def test_builtin_exclusions_run_on_the_stdlib_engine_within_the_probe_bound(extractor):
    """Built-in exclusions run without a timeout, like the built-in rules: on adversarial text
    (the rules' probe inputs and the exclusions' own first characters repeated) each stays
    within the probe's bound, and finds what ``regex`` finds."""
    import re
    import time

    import regex

    from zhstdextract.patternset import _ADVERSARIAL, _BACKTRACK_TIMEOUT

    finder = extractor.finder
    assert finder._excl and all(isinstance(search.__self__, re.Pattern) for search, *_ in finder._excl)
    for _search, finditer, _whole, _clauses, pattern in finder._excl:
        texts = list(_ADVERSARIAL) + [pattern.lstrip("(?:")[:1] * 3000, "第" + "一" * 3000 + "x"]
        for text in texts:
            t0 = time.perf_counter()
            spans = [m.span() for m in finditer(text, 0, len(text))]
            assert time.perf_counter() - t0 < _BACKTRACK_TIMEOUT, pattern
            assert spans == [m.span() for m in regex.finditer(pattern, text)]


def test_a_user_exclusion_that_backtracks_is_skipped_with_a_warning(tmp_path):
    d = rule_folder(tmp_path, {"lexicon.yaml": (
        "exclusions:\n"
        "  - id: runaway\n"
        "    regex: '(?:a|aa)+(?:a|aa)+$'\n"
        "    why: a test of the timeout\n"
    )})
    ex = Extractor([d])
    text = "今年主导制定国家标准35项" + "a" * 60 + "b"
    with pytest.warns(UserWarning, match="exclusion .* timed out"):
        facts = ex.extract(text)
    assert [f.text for f in facts] == ["35项"]


def test_user_rule_overrides_a_builtin_by_id(tmp_path):
    d = rule_folder(tmp_path, {"r.yaml": (
        "rules:\n"
        "  - id: funding.amount.award\n"
        "    metric: funding.amount\n"
        "    pattern: '专项经费{fill}{q}'\n"
        "    examples:\n"
        "      - text: 标准化专项经费300万元\n"
        "        expect: [{text: 300万元}]\n"
        "    negatives: [兑现资金超亿元]\n"
    )})
    ex = Extractor([d])
    assert ex.patterns.rules_by_id["funding.amount.award"].path.endswith("r.yaml")
    assert [f.text for f in ex.extract("标准化专项经费300万元，兑现资金超亿元")] == ["300万元"]


@pytest.mark.parametrize("said, ok", [("food", True), ("drug", False)])
def test_a_new_dimension_is_data(tmp_path, said, ok):
    # a vocabulary reading a dimension the spec does not name (kind), a metric taking it and a
    # rule whose examples check it: no code changes
    d = rule_folder(tmp_path, {"r.yaml": (
        "dims:\n"
        "  lab_kind:\n"
        "    dim: lab\n"
        "    values: {food: [食品], drug: [药品]}\n"
        "metrics:\n"
        "  - id: lab.count\n"
        "    tier: 2\n"
        "    label_zh: 实验室\n"
        "    label_en: Laboratories\n"
        "    definition: Laboratories.\n"
        "    units: [个, 家]\n"
        "    dims: {lab: lab_kind}\n"
        "rules:\n"
        "  - id: lab.count.labs\n"
        "    metric: lab.count\n"
        "    pattern: '{lab_kind}实验室{fill}{q}'\n"
        "    examples:\n"
        "      - text: 全省共有食品实验室12个\n"
        f"        expect: [{{text: 12个, lab: {said}}}]\n"
    )})
    ex = Extractor([d])
    assert [(f.metric, f.dims) for f in ex.extract("全省共有药品实验室8家。")] == [("lab.count", {"lab": "drug"})]
    from zhstdextract.ruletest import run_rule_examples
    results = run_rule_examples(ex, [ex.patterns.rules_by_id["lab.count.labs"]])
    assert results and all(r.ok for r in results) is ok  # an example's wrong kind is caught


CROSSING_RULE = """\
rules:
  - id: standard.formulated.user_crossing
    metric: standard.formulated
    pattern: '@PATTERN@'@SPANS@
    examples:
      - text: 牵头编写标准，其中3项
      - text: 牵头编写标准3项，成效明显
    negatives: [编写教材，其中3本]
"""


def crossing_rule(pattern: str, spans: str) -> str:
    return CROSSING_RULE.replace("@PATTERN@", pattern).replace("@SPANS@", spans)


@pytest.mark.parametrize("pattern, spans, ok", [
    # a rule that may cross a comma runs over whole sentences: it says so, or rules test says it
    ("牵头编写{std}[,，]其中{fill}{q}", "", False),
    ("牵头编写{std}[,，]其中{fill}{q}", "\n    spans_clauses: true", True),
    # a lookahead at a comma is enough to make it so
    ("牵头编写{std}{fill}{q}(?=[,，])", "", False),
    # saying it of a rule that stays in its clause is as wrong
    ("牵头编写{std}{fill}{q}", "\n    spans_clauses: true", False),
    ("牵头编写{std}{fill}{q}", "", True),
])
def test_a_rule_crosses_clauses_only_when_it_says_so(tmp_path, pattern, spans, ok):
    ex = Extractor([rule_folder(tmp_path, {"r.yaml": crossing_rule(pattern, spans)})])
    from zhstdextract.ruletest import run_rule_examples
    reach = [r for r in run_rule_examples(ex, [ex.patterns.rules_by_id["standard.formulated.user_crossing"]])
             if r.kind == "reach"]
    assert len(reach) == (0 if ok else 1)  # reported when it fails, as file:line
    assert all(not r.ok and r.where.endswith("r.yaml:2") for r in reach)


def test_spans_clauses_is_true_or_false(tmp_path):
    probs = problems_of(tmp_path, {"r.yaml": crossing_rule("牵头编写{std}{fill}{q}", "\n    spans_clauses: sometimes")})
    assert any(p.endswith(":5: spans_clauses must be true or false") for p in probs), probs


@pytest.mark.parametrize("inherits, reason", [
    ("[institution_kind]", "{institution_kind} reads kind, which metric standard.formulated does not have"),
    ("[level]", "unknown vocabulary 'level' ("),
    ("std_level", "inherits must be a list of vocabularies"),
])
def test_inherits_names_vocabularies_of_the_metric(tmp_path, inherits, reason):
    probs = problems_of(tmp_path, {"r.yaml": crossing_rule("牵头编写{std}{fill}{q}", f"\n    inherits: {inherits}")})
    assert any(f":5: {reason}" in p for p in probs), probs


ELLIPTIC_RULE = """\
rules:
  - id: standard.formulated.user_elliptic
    metric: standard.formulated
    spans_clauses: true
    pattern: '(?<=[,;])编写(?:了)?{fill}{q}'@INHERITS@
"""


@pytest.mark.parametrize("text, inherits, level", [
    # the clause before names the standards the elliptic clause counts
    ("牵头起草国家标准12项，编写8项", "\n    inherits: [std_level]", "national"),
    ("牵头起草团体标准12项，编写了8项", "\n    inherits: [std_level]", "group"),
    # not without the key, nor from a figure whose level is no kind of standards (a pilot's
    # 国家级 is read by another vocabulary, though national is a level of standards too)
    ("牵头起草国家标准12项，编写8项", "", None),
    ("新增省级标准化试点5个，编写8项", "\n    inherits: [std_level]", None),
    ("新增国家级标准化试点5个，编写8项", "\n    inherits: [std_level]", None),
])
def test_an_elliptic_rule_inherits_what_it_says(tmp_path, text, inherits, level):
    ex = Extractor([rule_folder(tmp_path, {"r.yaml": ELLIPTIC_RULE.replace("@INHERITS@", inherits)})])
    facts = [f for f in ex.extract(text) if f.rule == "standard.formulated.user_elliptic"]
    assert [f.text for f in facts] == ["8项"]
    assert facts[0].dims.get("level") == level
