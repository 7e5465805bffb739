"""Loading, layering and validating pattern folders.

A pattern folder holds YAML files (and optionally ``regions*.tsv``). Every YAML file may carry
any of the sections below; the built-in folder simply spreads them over several files. User
folders are layered over the built-in one: they add metrics, lexicon entries and rules,
override a rule by reusing its id, and ``disable`` rules by id.

Everything is checked before any text is read, and every problem is reported at once as
``file:line: reason``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Sequence

import regex

from .prefilter import analyze as analyze_pattern
from .stdlib_rules import compile_fast
from .stdlib_rules import parse as parse_for_stdlib
from .stdlib_rules import translate as translate_for_stdlib
from .yamlio import LineDict, YamlError, line_of, load_yaml

SECTIONS = (
    "metrics", "rules", "disable", "numbers", "units", "qualifiers", "exclusions",
    "dims", "fragments", "context",
)
METRIC_KEYS = {"id", "tier", "label_zh", "label_en", "definition", "units", "dims", "implied", "heads", "item_words", "override"}
METRIC_REQUIRED = {"id", "tier", "label_zh", "label_en", "definition", "units"}
RULE_KEYS = {"id", "metric", "pattern", "doc", "units", "dims", "priority", "requires", "topic", "unless",
             "spans_clauses", "inherits", "examples", "negatives"}
RULE_REQUIRED = {"id", "metric", "pattern"}
EXAMPLE_KEYS = {"text", "expect", "note"}
ENTRY_KEYS = {
    "units": {"surface", "unit", "kind", "not_before", "arabic_only"},
    "exclusions": {"id", "regex", "why", "scope"},
    "qualifiers": {"surface", "qualifier", "not_after", "not_before"},
}
FACT_KEYS = {"text", "value", "qualifier", "unit", "metric"}  # an expected fact's keys besides its dims
DIM_NAMES = {"level", "role", "process"}  # ONTOLOGY.md's; a vocabulary may read a new one (kind)
_DIM_NAME_RE = re.compile(r"^[a-z][a-z_]*$")

Q_OPEN = "\ue000"  # first character of a masked quantity
Q_REST = "\ue001"  # the rest of it
Q_RE = f"{Q_OPEN}{Q_REST}*+"

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")
_REF_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::(\d+))?\}")
_N_RE = re.compile(r"\{(\d+),N\}")

# Inputs that make a badly written pattern backtrack for a long time.
_ADVERSARIAL = (
    "标准" * 400,
    "标" * 3000,
    Q_OPEN + Q_REST * 3000,
    ("国家标准" + Q_OPEN + Q_REST + "、") * 150,
    ("企业的" + Q_OPEN + Q_REST) * 200 + "x",
    "制定" * 300 + "、" * 300,
)
_BACKTRACK_TIMEOUT = 0.5
_MATCH_TIMEOUT = 0.5  # per rule and sentence, for rules of folders not probed by the test suite


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


class PatternError(ValueError):
    """A pattern folder that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class DimVocab:
    name: str
    dim: str
    values: dict[str, list[str]]
    doc: str = ""
    several: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        """``several``: surfaces that name two or more values at once (省市级); they are matched
        like any surface, so no shorter one inside them is read (市级), and give no value. A surface
        also listed under a value keeps that value."""
        self.surface_to_value: dict[str, str] = {}
        for value, surfaces in self.values.items():
            for s in surfaces:
                self.surface_to_value.setdefault(str(s), value)
        self.several_set = frozenset(str(s) for s in self.several) - set(self.surface_to_value)
        surfaces = sorted(set(self.surface_to_value) | self.several_set, key=lambda s: (-len(s), s))
        self.alternation = "|".join(self._guarded(s) for s in surfaces) or "(?!)"
        self.finder = compile_fast(self.alternation)

    def _guarded(self, surface: str) -> str:
        """The surface's regex, kept from matching as the end or the start of a word that names
        several values (市级 not in 省市级, which a match starting later would read), and from
        matching as the end of a word of another value (区级, county, not in 自治区级, provincial).
        The guards follow the surface (参与(?<!主导参与)), so that the engine tests them only where
        the surface is: in front of it, they ran at every position a rule tried the vocabulary."""
        guards = []
        if surface in self.surface_to_value:
            value = self.surface_to_value[surface]
            guards.append(regex.escape(surface))
            for word in sorted(self.several_set | {w for w, v in self.surface_to_value.items() if v != value}):
                if len(word) > len(surface) and word.endswith(surface):
                    guards.append(f"(?<!{regex.escape(word)})")
            for word in sorted(self.several_set):
                if len(word) > len(surface) and word.startswith(surface):
                    guards.append(f"(?!{regex.escape(word[len(surface):])})")
            return "".join(guards)
        return regex.escape(surface)

    def value_of(self, surface: str) -> str | None:
        return self.surface_to_value.get(surface)


@dataclass
class Metric:
    id: str
    tier: int
    label_zh: str
    label_en: str
    definition: str
    units: list[str]
    dims: dict[str, str]
    implied: dict[str, str]
    heads: list[str]
    source: str = ""
    # words an enumerated item may say of its count besides the head (试点: 完成验收16个)
    item_words: list[str] = field(default_factory=list)


@dataclass
class Example:
    text: str
    expect: list[dict[str, Any]]
    line: int = 0


@dataclass
class Rule:
    id: str
    metric: str
    pattern: str
    expanded: str
    compiled: Any  # None until first use, for rules of trusted folders
    units: frozenset[str]
    dims: dict[str, str]
    priority: int
    requires: Any
    examples: list[Example]
    negatives: list[str]
    doc: str
    path: str
    line: int
    vocab_groups: dict[str, str] = field(default_factory=dict)  # group name -> vocab name
    # prefilter (prefilter.py): every match holds one string of each clause, and crosses no barrier
    clauses: tuple[frozenset[str], ...] = ()
    alternatives: tuple[tuple[frozenset[str], ...], ...] = ((),)  # clauses of each top-level branch
    barriers: frozenset[str] = frozenset()
    # a regex the sentence or the document's head and foot (title, lead, source line) must hold:
    # the figure is about quality and standards, not another topic of a general report
    topic: Any = None
    # a regex that, found in the figure's clause before it, vetoes the rule for that figure
    # (注销许可证书32张 is no count of certificates issued)
    unless: Any = None
    # the rule means to match across a comma (a list, 其中…, the clause after): then it runs over
    # whole sentences, where the others run over the clauses around their quantities (ruletest.py
    # holds a rule to what it says, since a lookaround at a comma alone takes the comma away)
    spans_clauses: bool = False
    # vocabularies whose dim a figure of this rule takes from the figure before it in the
    # sentence when its own words leave it unsaid: an elliptic clause (发布国家标准3811项，
    # 立项2042项) counts what the clause before named ({std_level}: national standards)
    inherits: tuple[str, ...] = ()
    # rules of folders that were not probed at load run under a timeout (it costs ~2 µs a call);
    # the built-in rules are probed by the test suite instead (tests/test_validation.py)
    timeout: float | None = None

    @cached_property
    def where(self) -> str:
        """file:line of the rule (read for every fact it makes, so made once)."""
        return f"{self.path}:{self.line}"

    @cached_property
    def stdlib(self) -> Any:
        """The rule on the stdlib engine (stdlib_rules.py), for built-in rules that mean the same
        there; None for the others, and for rules that run under a timeout."""
        if self.timeout is not None:
            return None
        return translate_for_stdlib(self.expanded)

    @property
    def regex(self) -> Any:
        """The compiled pattern; built-in rules compile on first use (start-up stays short)."""
        if self.compiled is None:
            self.compiled = regex.compile(self.expanded)
        return self.compiled


@dataclass
class RawLayer:
    """What one folder contributed, with where each piece came from."""

    folder: str
    metrics: list[tuple[str, LineDict]] = field(default_factory=list)
    rules: list[tuple[str, LineDict]] = field(default_factory=list)
    disable: list[tuple[str, int, str]] = field(default_factory=list)
    sections: list[tuple[str, str, Any]] = field(default_factory=list)  # (path, section, data)
    regions: list[Path] = field(default_factory=list)


def pattern_files(folder: Path) -> list[Path]:
    """The files of a pattern folder that a load reads (YAML, and regions*.tsv gazetteers)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and (
        p.suffix in (".yaml", ".yml") or (p.suffix == ".tsv" and p.name.startswith("regions"))))


def _read_layer(folder: Path, problems: list[Problem]) -> RawLayer:
    layer = RawLayer(folder=str(folder))
    if not folder.is_dir():
        problems.append(Problem(str(folder), 0, "not a folder of pattern files"))
        return layer
    for path in pattern_files(folder):
        if path.suffix == ".tsv":
            layer.regions.append(path)
            continue
        try:
            data = load_yaml(path)
        except YamlError as e:
            problems.append(Problem(e.path, e.line, e.reason))
            continue
        except (OSError, UnicodeDecodeError) as e:
            problems.append(Problem(str(path), 0, f"cannot read: {e}"))
            continue
        if data is None:
            continue
        sp = str(path)
        if not isinstance(data, dict):
            problems.append(Problem(sp, line_of(data, 1), "a pattern file is a mapping of sections"))
            continue
        for key, value in data.items():
            kline = data.line_of(key) if isinstance(data, LineDict) else 0
            if key not in SECTIONS:
                problems.append(Problem(sp, kline, f"unknown section {key!r} (known: {', '.join(SECTIONS)})"))
                continue
            if key in ("metrics", "rules"):
                if not isinstance(value, list):
                    problems.append(Problem(sp, kline, f"{key} must be a list"))
                    continue
                for item in value:
                    if not isinstance(item, dict):
                        problems.append(Problem(sp, line_of(item, kline), f"each entry of {key} must be a mapping"))
                        continue
                    (layer.metrics if key == "metrics" else layer.rules).append((sp, item))
            elif key == "disable":
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    problems.append(Problem(sp, kline, "disable must be a list of rule ids"))
                    continue
                for v in value:
                    layer.disable.append((sp, kline, v))
            else:
                layer.sections.append((sp, key, value))
    return layer


def _merge_section(acc: dict[str, Any], section: str, data: Any, path: str, problems: list[Problem]) -> None:
    line = line_of(data, 1)
    if section in ("units", "exclusions"):
        if not isinstance(data, list):
            problems.append(Problem(path, line, f"{section} must be a list"))
            return
        key = "surface" if section == "units" else "id"
        cur = acc.setdefault(section, [])
        for item in data:
            if not isinstance(item, dict) or key not in item:
                problems.append(Problem(path, line_of(item, line), f"each {section} entry needs {key!r}"))
                continue
            for k in sorted(set(item) - ENTRY_KEYS[section]):
                problems.append(Problem(path, line_of(item, line), f"unknown key {k!r} in {section} entry {item[key]!r}"))
            cur[:] = [c for c in cur if c.get(key) != item[key]]
            where = f"{path}:{line_of(item, line)}"  # before the copy, which keeps no line
            item = dict(item)
            item["_where"] = where
            cur.append(item)
        return
    if not isinstance(data, dict):
        problems.append(Problem(path, line, f"{section} must be a mapping"))
        return
    if section == "qualifiers":
        cur = acc.setdefault("qualifiers", {"prefix": [], "infix": [], "suffix": []})
        for pos, items in data.items():
            if pos not in cur or not isinstance(items, list):
                problems.append(Problem(path, data.line_of(pos), f"qualifiers has prefix, infix and suffix lists, not {pos!r}"))
                continue
            for item in items:
                if not isinstance(item, dict) or "surface" not in item or "qualifier" not in item:
                    problems.append(Problem(path, line_of(item, line), "a qualifier needs surface and qualifier"))
                    continue
                for k in sorted(set(item) - ENTRY_KEYS["qualifiers"]):
                    problems.append(Problem(path, line_of(item, line), f"unknown key {k!r} in qualifier {item['surface']!r}"))
                if item["qualifier"] not in ("eq", "approx", "gt", "gte", "lt", "lte"):
                    problems.append(Problem(path, line_of(item, line), f"qualifier must be eq, approx, gt, gte, lt or lte, not {item['qualifier']!r}"))
                cur[pos] = [c for c in cur[pos] if c["surface"] != item["surface"]]
                cur[pos].append({**item, "_where": f"{path}:{line_of(item, line)}"})
        return
    if section == "dims":
        cur = acc.setdefault("dims", {})
        for name, spec in data.items():
            sl = data.line_of(name)
            if not isinstance(spec, dict):
                problems.append(Problem(path, sl, f"dims.{name} must be a mapping"))
                continue
            old = cur.get(name)
            values = spec.get("values", {})
            if not isinstance(values, dict):
                problems.append(Problem(path, sl, f"dims.{name}.values must map values to surface lists"))
                continue
            if old is None:
                dim = spec.get("dim")
                if not isinstance(dim, str) or not _DIM_NAME_RE.match(dim) or dim in FACT_KEYS:
                    problems.append(Problem(path, sl, f"dims.{name}.dim must name a dimension ({', '.join(sorted(DIM_NAMES))}, "
                                                      f"or a new one in lower case that is no fact key), not {dim!r}"))
                    continue
                cur[name] = {"dim": spec["dim"], "doc": spec.get("doc", ""), "values": {}}
                old = cur[name]
            for value, surfaces in values.items():
                if not isinstance(surfaces, list):
                    problems.append(Problem(path, values.line_of(value) if isinstance(values, LineDict) else sl,
                                            f"dims.{name}.values.{value} must be a list of surfaces"))
                    continue
                old["values"].setdefault(value, [])
                old["values"][value].extend(str(s) for s in surfaces)
            several = spec.get("several", [])
            if not isinstance(several, list):
                problems.append(Problem(path, spec.line_of("several") if isinstance(spec, LineDict) else sl,
                                        f"dims.{name}.several must be a list of surfaces"))
                continue
            old.setdefault("several", []).extend(str(s) for s in several)
        return
    if section == "fragments":
        cur = acc.setdefault("fragments", {})
        for name, spec in data.items():
            if isinstance(spec, str):
                spec = {"regex": spec}
            if not isinstance(spec, dict) or not isinstance(spec.get("regex"), str):
                problems.append(Problem(path, data.line_of(name), f"fragment {name!r} needs a regex"))
                continue
            spec = dict(spec)
            spec["_where"] = f"{path}:{data.line_of(name)}"
            cur[name] = spec
        return
    # numbers, context: nested update; lists extend
    cur = acc.setdefault(section, {})
    if section == "numbers":
        _check_ranges(data, path, problems)
    for k, v in data.items():
        if isinstance(v, list) and isinstance(cur.get(k), list):
            cur[k] = list(cur[k]) + list(v)
        elif isinstance(v, dict) and isinstance(cur.get(k), dict):
            merged = dict(cur[k])
            merged.update(v)
            cur[k] = merged
        else:
            cur[k] = v


def _check_ranges(data: Any, path: str, problems: list[Problem]) -> None:
    """A range's qualifier is one of the contract's; its separators (and a shared unit's) are
    words, not numerals (the numbers before them are read back from before them)."""
    if "range_qualifier" in data and data["range_qualifier"] not in ("eq", "approx", "gt", "gte", "lt", "lte"):
        problems.append(Problem(path, data.line_of("range_qualifier"),
                                f"range_qualifier must be eq, approx, gt, gte, lt or lte, not {data['range_qualifier']!r}"))
    for key in ("range_separators", "shared_unit_separators"):
        seps = data.get(key, [])
        if not isinstance(seps, list) or not all(isinstance(x, str) and x and not any(c.isdigit() for c in x) for x in seps):
            problems.append(Problem(path, data.line_of(key), f"{key} must be a list of words without digits"))
    seps = data.get("group_separators", [])
    if not isinstance(seps, list) or not all(isinstance(x, str) and len(x) == 1 and not x.isalnum() and x != "."
                                             for x in seps):
        problems.append(Problem(path, data.line_of("group_separators"),
                                "group_separators must be a list of single characters, no digit, letter or point"))


class PatternSet:
    """The compiled, validated union of one or more pattern folders."""

    def __init__(self, folders: Sequence[Path], *, trusted: Sequence[Path] = ()) -> None:
        """``trusted`` folders (the built-in one, whose rules the test suite checks) skip the
        adversarial backtracking probe at start-up; every other folder gets it."""
        self.folders = [Path(f) for f in folders]
        self._trusted = {str(Path(t)) for t in trusted}
        problems: list[Problem] = []
        layers = [_read_layer(f, problems) for f in self.folders]
        acc: dict[str, Any] = {}
        for layer in layers:
            for path, section, data in layer.sections:
                _merge_section(acc, section, data, path, problems)
        self.data = acc
        self.region_files = [p for layer in layers for p in layer.regions]
        self.vocabs: dict[str, DimVocab] = {}
        for name, spec in acc.get("dims", {}).items():
            self.vocabs[name] = DimVocab(name=name, dim=spec["dim"], values=spec["values"], doc=spec.get("doc", ""),
                                         several=spec.get("several", []))
        # the dimensions a fact may have: those the spec names and any a vocabulary reads
        self.dim_names: set[str] = DIM_NAMES | {v.dim for v in self.vocabs.values()}
        self.fragments: dict[str, dict] = acc.get("fragments", {})
        for name in self.fragments:
            if name in self.vocabs or name in ("q", "Q"):
                problems.append(Problem(self.fragments[name]["_where"], 0, f"fragment {name!r} shadows a built-in fragment"))
        self.metrics = self._metrics(layers, problems)
        self.known_units = {u["unit"] for u in acc.get("units", [])}
        self.rules = self._rules(layers, problems)
        self._check_sections(problems)
        if problems:
            raise PatternError(problems)
        self.rules_by_id = {r.id: r for r in self.rules}

    # ------------------------------------------------------------------ metrics
    def _metrics(self, layers: list[RawLayer], problems: list[Problem]) -> dict[str, Metric]:
        out: dict[str, Metric] = {}
        for layer in layers:
            seen: set[str] = set()
            for path, m in layer.metrics:
                where = (path, m.line)
                unknown = set(m) - METRIC_KEYS
                for k in sorted(unknown):
                    problems.append(Problem(path, m.line_of(k), f"unknown metric key {k!r}"))
                missing = METRIC_REQUIRED - set(m)
                if missing:
                    problems.append(Problem(*where, f"metric lacks {', '.join(sorted(missing))}"))
                    continue
                mid = m["id"]
                if not isinstance(mid, str) or not _ID_RE.match(mid):
                    problems.append(Problem(path, m.line_of("id"), f"metric id {mid!r} must look like family.name"))
                    continue
                if mid in seen:
                    problems.append(Problem(path, m.line_of("id"), f"duplicate metric id {mid!r}"))
                    continue
                seen.add(mid)
                if mid in out and not m.get("override"):
                    problems.append(Problem(path, m.line_of("id"), f"metric {mid!r} already exists; ids are never redefined (set override: true to replace its description)"))
                    continue
                dims = m.get("dims") or {}
                implied = m.get("implied") or {}
                ok = True
                if not isinstance(dims, dict):
                    problems.append(Problem(path, m.line_of("dims"), "dims must map a dimension to a vocabulary"))
                    ok = False
                else:
                    for d, vocab in dims.items():
                        if d not in self.dim_names:
                            problems.append(Problem(path, m.line_of("dims"), f"unknown dimension {d!r} (no vocabulary reads it)"))
                            ok = False
                        elif vocab not in self.vocabs:
                            problems.append(Problem(path, m.line_of("dims"), f"unknown vocabulary {vocab!r} for {d}"))
                            ok = False
                        elif self.vocabs[vocab].dim != d:
                            problems.append(Problem(path, m.line_of("dims"), f"vocabulary {vocab!r} reads {self.vocabs[vocab].dim}, not {d}"))
                            ok = False
                if not isinstance(implied, dict):
                    problems.append(Problem(path, m.line_of("implied"), "implied must map dimensions to values"))
                    ok = False
                units = m["units"]
                if not isinstance(units, list) or not units:
                    problems.append(Problem(path, m.line_of("units"), "units must be a non-empty list"))
                    ok = False
                item_words = m.get("item_words")
                if item_words is not None and (not isinstance(item_words, list) or not all(isinstance(w, str) and w for w in item_words)):
                    problems.append(Problem(path, m.line_of("item_words"), "item_words must be a list of words"))
                    ok = False
                if m["tier"] not in (1, 2, 3):
                    problems.append(Problem(path, m.line_of("tier"), "tier must be 1, 2 or 3"))
                    ok = False
                if not ok:
                    continue
                out[mid] = Metric(
                    id=mid, tier=int(m["tier"]), label_zh=str(m["label_zh"]), label_en=str(m["label_en"]),
                    definition=str(m["definition"]), units=[str(u) for u in units], dims=dict(dims),
                    implied={str(k): str(v) for k, v in implied.items()},
                    heads=[str(h) for h in (m.get("heads") or [])], source=f"{path}:{m.line}",
                    item_words=[str(w) for w in (m.get("item_words") or [])],
                )
        return out

    # ------------------------------------------------------------------ rules
    def expand(self, pattern: str, where: tuple[str, int], problems: list[Problem],
               groups: dict[str, str], stack: tuple[str, ...] = ()) -> str:
        """Replace {fragment} references; dimension vocabularies become named captures."""

        def sub(m: re.Match) -> str:
            name, arg = m.group(1), m.group(2)
            if name == "q":
                return f"(?P<q>{Q_RE})"
            if name == "Q":
                return f"(?:{Q_RE})"
            if name in self.vocabs:
                gname = f"d_{name}"
                groups[gname] = name
                return f"(?P<{gname}>{self.vocabs[name].alternation})"
            frag = self.fragments.get(name)
            if frag is None:
                problems.append(Problem(*where, f"unknown fragment {{{name}}}"))
                return "(?!)"
            if name in stack:
                problems.append(Problem(*where, f"fragment {{{name}}} refers to itself ({' -> '.join(stack + (name,))})"))
                return "(?!)"
            body = frag["regex"]
            if _N_RE.search(body):
                n = int(arg) if arg else int(frag.get("default", 10))
                body = _N_RE.sub(lambda mm: "{%s,%d}" % (mm.group(1), n), body)
            elif arg:
                problems.append(Problem(*where, f"fragment {{{name}}} takes no argument"))
            return "(?:" + self.expand(body, where, problems, groups, stack + (name,)) + ")"

        return _REF_RE.sub(sub, pattern)

    def _side_regex(self, path: str, r: LineDict, key: str, problems: list[Problem]) -> Any:
        """A rule's ``requires``, ``topic`` or ``unless``: a regex searched in the sentence (or the
        clause), fragments allowed ({std_topic})."""
        if r.get(key) is None:
            return None
        n0 = len(problems)
        expanded = self.expand(str(r[key]), (path, r.line_of(key)), problems, {})
        if len(problems) > n0:
            return None
        try:
            return compile_fast(expanded)
        except regex.error as e:
            problems.append(Problem(path, r.line_of(key), f"{key} does not compile: {e}"))
            return None

    def _rules(self, layers: list[RawLayer], problems: list[Problem]) -> list[Rule]:
        by_id: dict[str, Rule] = {}
        order: list[str] = []
        for layer in layers:
            seen: dict[str, str] = {}
            for path, r in layer.rules:
                rule = self._rule(path, r, problems)
                rid = r.get("id")
                if isinstance(rid, str):
                    if rid in seen:
                        problems.append(Problem(path, r.line_of("id"), f"duplicate rule id {rid!r} (first at {seen[rid]})"))
                        continue
                    seen[rid] = f"{path}:{r.line}"
                if rule is None:
                    continue
                if rule.id not in by_id:
                    order.append(rule.id)
                by_id[rule.id] = rule  # a later layer overrides by id
            for path, line, rid in layer.disable:
                if rid not in by_id:
                    problems.append(Problem(path, line, f"cannot disable unknown rule {rid!r}"))
                else:
                    del by_id[rid]
        return [by_id[i] for i in order if i in by_id]

    def _rule(self, path: str, r: LineDict, problems: list[Problem]) -> Rule | None:
        n0 = len(problems)
        for k in sorted(set(r) - RULE_KEYS):
            problems.append(Problem(path, r.line_of(k), f"unknown rule key {k!r} (known: {', '.join(sorted(RULE_KEYS))})"))
        missing = RULE_REQUIRED - set(r)
        if missing:
            problems.append(Problem(path, r.line, f"rule lacks {', '.join(sorted(missing))}"))
            return None
        rid, mid, pattern = r["id"], r["metric"], r["pattern"]
        if not isinstance(rid, str) or not _ID_RE.match(rid):
            problems.append(Problem(path, r.line_of("id"), f"rule id {rid!r} must look like metric.family.name"))
        metric = self.metrics.get(mid) if isinstance(mid, str) else None
        if metric is None:
            problems.append(Problem(path, r.line_of("metric"), f"unknown metric {mid!r}"))
        if not isinstance(pattern, str) or "{q}" not in pattern:
            problems.append(Problem(path, r.line_of("pattern"), "pattern must be a string containing {q}"))
            return None
        where = (path, r.line_of("pattern"))
        groups: dict[str, str] = {}
        expanded = self.expand(pattern, where, problems, groups)
        compiled = None
        trusted = self._is_trusted(path)
        if len(problems) == n0 and not trusted:
            try:
                compiled = regex.compile(expanded)
            except regex.error as e:
                problems.append(Problem(*where, f"pattern does not compile: {e}"))
        if compiled is not None:
            for adv in _ADVERSARIAL:
                try:
                    list(compiled.finditer(adv, overlapped=True, timeout=_BACKTRACK_TIMEOUT))
                except TimeoutError:
                    problems.append(Problem(*where, "pattern can backtrack catastrophically (timed out on an adversarial input); bound its repeats"))
                    break
        units = r.get("units")
        if units is None:
            units = metric.units if metric else []
        elif not isinstance(units, list):
            problems.append(Problem(path, r.line_of("units"), "units must be a list"))
            units = []
        else:
            for u in units:
                if u not in self.known_units:
                    problems.append(Problem(path, r.line_of("units"), f"unknown unit {u!r}"))
        dims = r.get("dims") or {}
        if not isinstance(dims, dict):
            problems.append(Problem(path, r.line_of("dims"), "dims must map dimensions to values"))
            dims = {}
        elif metric is not None:
            for d, v in dims.items():
                vocab = metric.dims.get(d)
                if vocab is None:
                    problems.append(Problem(path, r.line_of("dims"), f"metric {mid} has no dimension {d!r}"))
                elif v not in self.vocabs[vocab].values:
                    problems.append(Problem(path, r.line_of("dims"), f"{v!r} is not a value of {d} ({', '.join(self.vocabs[vocab].values)})"))
        for vocab in groups.values():
            if metric is not None and self.vocabs[vocab].dim not in metric.dims:
                problems.append(Problem(*where, f"{{{vocab}}} reads {self.vocabs[vocab].dim}, which metric {mid} does not have"))
        priority = r.get("priority", 0)
        if not isinstance(priority, int) or isinstance(priority, bool):
            problems.append(Problem(path, r.line_of("priority"), "priority must be an integer"))
            priority = 0
        requires, topic, unless = (self._side_regex(path, r, key, problems) for key in ("requires", "topic", "unless"))
        spans = r.get("spans_clauses", False)
        if not isinstance(spans, bool):
            problems.append(Problem(path, r.line_of("spans_clauses"), "spans_clauses must be true or false"))
        inherits = self._inherits(path, r, metric, problems)
        examples = self._examples(path, r, metric, problems)
        negatives = r.get("negatives") or []
        if not isinstance(negatives, list) or not all(isinstance(x, str) for x in negatives):
            problems.append(Problem(path, r.line_of("negatives"), "negatives must be a list of texts"))
            negatives = []
        if len(problems) > n0:
            return None
        # the prefilter reads the parse the stdlib engine makes (its unique group names keep
        # alternatives apart that a parse with the names removed would merge). The tree is not
        # kept for compiling: tens of thousands of objects for the collector to walk for as long
        # as the rules live cost more than parsing again at first use.
        parsed = parse_for_stdlib(expanded)
        clauses, alternatives, barriers = analyze_pattern(expanded, parsed.tree if parsed else None)
        return Rule(
            id=rid, metric=mid, pattern=pattern, expanded=expanded, compiled=compiled,
            units=frozenset(units), dims=dict(dims), priority=priority, requires=requires, topic=topic, unless=unless,
            examples=examples, negatives=list(negatives), doc=str(r.get("doc", "")),
            path=path, line=r.line, vocab_groups=groups, clauses=clauses, alternatives=alternatives, barriers=barriers,
            spans_clauses=spans, inherits=tuple(inherits), timeout=None if trusted else _MATCH_TIMEOUT,
        )

    def _inherits(self, path: str, r: LineDict, metric: Metric | None, problems: list[Problem]) -> list[str]:
        """The vocabularies a rule inherits (engine.py reads them): each one known, and reading a
        dim the rule's metric has."""
        names = r.get("inherits") or []
        line = r.line_of("inherits")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            problems.append(Problem(path, line, "inherits must be a list of vocabularies"))
            return []
        for name in names:
            vocab = self.vocabs.get(name)
            if vocab is None:
                problems.append(Problem(path, line, f"unknown vocabulary {name!r} ({', '.join(sorted(self.vocabs))})"))
            elif metric is not None and vocab.dim not in metric.dims:
                problems.append(Problem(path, line, f"{{{name}}} reads {vocab.dim}, which metric {metric.id} does not have"))
        return names

    def _examples(self, path: str, r: LineDict, metric: Metric | None, problems: list[Problem]) -> list[Example]:
        raw = r.get("examples") or []
        out: list[Example] = []
        if not isinstance(raw, list):
            problems.append(Problem(path, r.line_of("examples"), "examples must be a list"))
            return out
        for ex in raw:
            el = line_of(ex, r.line_of("examples"))
            if isinstance(ex, str):
                ex = {"text": ex, "expect": []}
            if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
                problems.append(Problem(path, el, "an example needs a text"))
                continue
            for k in sorted(set(ex) - EXAMPLE_KEYS):
                problems.append(Problem(path, el, f"unknown example key {k!r}"))
            expect = ex.get("expect") or []
            if not isinstance(expect, list):
                problems.append(Problem(path, el, "expect must be a list of facts"))
                continue
            for e in expect:
                if not isinstance(e, dict) or not isinstance(e.get("text"), str):
                    problems.append(Problem(path, line_of(e, el), "an expected fact needs the text of its quantity"))
                    continue
                for k in sorted(set(e) - FACT_KEYS - self.dim_names):
                    problems.append(Problem(path, line_of(e, el), f"unknown expected-fact key {k!r}"))
                if e["text"] not in ex["text"]:
                    problems.append(Problem(path, line_of(e, el), f"expected quantity {e['text']!r} does not occur in the example text"))
                em = e.get("metric")
                if em is not None and em not in self.metrics:
                    problems.append(Problem(path, line_of(e, el), f"unknown metric {em!r} in expected fact"))
            out.append(Example(text=ex["text"], expect=[dict(e) for e in expect if isinstance(e, dict)], line=el))
        return out

    def _is_trusted(self, path: str) -> bool:
        """The file lies in a trusted folder: its rules and exclusions are probed by the test
        suite and run without a timeout."""
        return any(path.startswith(t) for t in self._trusted)

    # ------------------------------------------------------------------ lexicon sections
    def _check_sections(self, problems: list[Problem]) -> None:
        acc = self.data
        for name in ("numbers", "units", "qualifiers", "context"):
            if name not in acc:
                problems.append(Problem(str(self.folders[0]) if self.folders else "<patterns>", 0, f"no {name} section in any pattern folder"))
        for u in acc.get("units", []):
            if not isinstance(u.get("unit"), str):
                problems.append(Problem(u["_where"].rsplit(":", 1)[0], int(u["_where"].rsplit(":", 1)[1]), f"unit {u.get('surface')!r} needs a canonical unit"))
        nums = acc.get("numbers", {})
        numerals = set("0123456789").union(*(map(str, nums.get(k, {}) or {}) for k in ("digits", "places", "sections")))
        for q in acc.get("qualifiers", {}).get("prefix", []):
            if numerals.intersection(str(q["surface"])):  # the quantity scan reads prefixes back from before a numeral
                path, line = q["_where"].rsplit(":", 1)
                problems.append(Problem(path, int(line), f"prefix qualifier {q['surface']!r} holds a numeral"))
        for e in acc.get("exclusions", []):
            path, line = e["_where"].rsplit(":", 1)
            # a built-in exclusion is probed by the test suite and runs without a timeout
            e["_trusted"] = self._is_trusted(path)
            try:
                regex.compile(str(e.get("regex")))
            except regex.error as err:
                problems.append(Problem(path, int(line), f"exclusion {e.get('id')!r} does not compile: {err}"))
        for name, spec in self.fragments.items():
            path, line = spec["_where"].rsplit(":", 1)
            groups: dict[str, str] = {}
            body = self.expand("{" + name + "}", (path, int(line)), problems, groups)
            try:
                regex.compile(body)
            except regex.error as err:
                problems.append(Problem(path, int(line), f"fragment {name!r} does not compile: {err}"))


def builtin_folder() -> Path:
    from .resources import builtin_patterns_dir

    return builtin_patterns_dir()


def pattern_folders(extra: Iterable[Path | str] = (), builtin: bool = True) -> list[Path]:
    """The folders a load layers, in order: the built-in one (unless ``builtin=False``), then ``extra``."""
    folders: list[Path] = [builtin_folder()] if builtin else []
    return folders + [Path(p) for p in extra]


def load_patterns(extra: Iterable[Path | str] = (), builtin: bool = True, *, probe_builtin: bool = False) -> PatternSet:
    folders = pattern_folders(extra, builtin)
    trusted = [] if probe_builtin or not builtin else [builtin_folder()]
    return PatternSet(folders, trusted=trusted)
