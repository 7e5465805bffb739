"""The rule engine: which metric each quantity counts, with which dimensions.

Per sentence, every quantity is masked to placeholder characters of the same length (so rule
matches are already in normalized coordinates), then each rule's regex runs over the masked
sentence. ``{q}`` in a rule is the quantity the rule is about; ``{Q}`` any other.
Enumerations are then read once for every metric (lists.py).
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence


from .patternset import Q_OPEN, Q_REST, Metric, PatternSet, Rule
from .assignment import Assignment
from .lists import ListReader
from .prefilter import LiteralIndex
from .quantity import Quantity
from .segment import Segments, title_lines
from .subject import source_cue_re, source_spans
from .stdlib_rules import StdlibRule

_EMPTY: frozenset[int] = frozenset()
TOPIC_LINE = 60  # how much of a source line names who wrote it


# how explain shows a dim taken from the figure before (fragments: {std_level}=国家 (inherited))
_INHERITED = " (inherited)"


@dataclass
class _DocTopics:
    """Per document: what its title and source lines say (found once), and which topics hold."""

    window: str | None = None
    hits: dict[Any, bool] = field(default_factory=dict)


def _holds(alternatives: tuple[tuple[frozenset[str], ...], ...], words: set[str]) -> bool:
    """One alternative has each of its literal clauses among ``words``."""
    for alternative in alternatives:
        for clause in alternative:
            if clause.isdisjoint(words):
                break
        else:
            return True
    return False


def _index_clause(alternative: tuple[frozenset[str], ...], shared: dict[str, int]) -> frozenset[str]:
    """The clause of an alternative that puts its rule on a sentence's candidates: the one
    whose words the fewest rules share (``shared``). A word many rules need (标准) is the
    domain's head word and in most sentences they see; the verbs (发布, 立项) tell the rules
    apart. Any clause would be correct, since the alternative needs all of them; this one
    makes few candidates (a third as many as the first clause did on the benchmark corpus)."""
    if not alternative:
        return frozenset()
    return min(alternative, key=lambda c: (max(shared.get(w, 0) for w in c), len(c), sorted(c)))


def _rules_sharing(rules: Sequence[Rule]) -> dict[str, int]:
    """How many rules name each literal in their clauses."""
    counts: dict[str, int] = {}
    for r in rules:
        for w in {w for a in r.alternatives for c in a for w in c}:
            counts[w] = counts.get(w, 0) + 1
    return counts


class RuleEngine:
    def __init__(self, ps: PatternSet, *, stdlib: bool = True, more_literals: Iterable[str] = ()) -> None:
        """``stdlib=False`` runs every rule on ``regex`` (the reference the tests compare to).
        ``more_literals``: other words worth knowing per sentence (the time finder's), found in
        the same pass and handed over through ``assign(..., present=)``."""
        self.ps = ps
        self.stdlib = stdlib
        ctx = ps.data.get("context", {})
        # A rule is tried on a sentence only when one of its units is there and each of its
        # literal clauses holds inside the extent between its barriers around the quantities.
        # The literals present are found once per sentence, looking up only those whose first
        # character the sentence holds; each clause is then a set test.
        self._literals = LiteralIndex([w for r in ps.rules for a in ((r.clauses,) + r.alternatives) for c in a for w in c]
                                      + list(more_literals))
        self._by_index_word: dict[str, set[int]] = {}
        self._always: set[int] = set()
        shared = _rules_sharing(ps.rules)
        for k, r in enumerate(ps.rules):
            for alternative in r.alternatives:
                if not alternative:
                    self._always.add(k)
                for w in _index_clause(alternative, shared):
                    self._by_index_word.setdefault(w, set()).add(k)
        self._barrier_re: dict[frozenset[str], tuple[re.Pattern, re.Pattern]] = {}
        for r in ps.rules:
            if r.barriers and r.barriers not in self._barrier_re:
                cls = "[" + "".join(re.escape(c) for c in sorted(r.barriers)) + "]"
                self._barrier_re[r.barriers] = (re.compile(".*" + cls, re.DOTALL), re.compile(cls))
        self._by_unit: dict[str, set[int]] = {}
        self._unit_rules: dict[frozenset[str], frozenset[int]] = {}
        for k, r in enumerate(ps.rules):
            for u in r.units:
                self._by_unit.setdefault(u, set()).add(k)
        self._source_re = source_cue_re(ctx.get("source_cues", []))
        # 5项、标准化试点3项: a count followed by one of these is an item of its own; a head after
        # it belongs to a later item (a head shared by all items is read back from the last one)
        self._item_closers = frozenset(str(c) for c in ctx.get("item_closers", []))
        # enumerations, breakdowns and coordinated values (lists.py)
        self.lists = ListReader(ps)
        self._inherit_pending = False

    def warm(self) -> None:
        """Compile now what is otherwise compiled on first use: each rule on the engine it runs on."""
        self.lists.warm()
        for rule in self.ps.rules:
            if not (self.stdlib and rule.stdlib is not None):
                _ = rule.regex

    # ------------------------------------------------------------------ matching
    def assign(self, text: str, quantities: Sequence[Quantity], segs: Segments,
               present: dict[int, set[str]] | None = None) -> dict[int, Assignment]:
        """``present``, when given, receives the literals found in each sentence, by its start."""
        out: dict[int, Assignment] = {}
        if not quantities:
            return out
        # group the quantities by sentence (most sentences hold none and are never visited)
        groups: dict[int, list[int]] = {}
        for i, q in enumerate(quantities):
            k = segs.sentence_index(q.norm_span[0])
            if q.norm_span[1] <= segs.sentences[k][1]:
                groups.setdefault(k, []).append(i)
        topics = _DocTopics()
        last: tuple[int, list[int]] | None = None
        self._inherit_pending = False
        for k, members in groups.items():
            a, b = segs.sentences[k]
            self._sentence(text, a, b, quantities, members, out, present, topics, segs)
            if len(members) > 1:  # a list needs two items
                self.lists.enumerations(text, a, b, quantities, members, out)
            if last is not None and last[0] == k - 1:  # 国际标准12项；国家标准86项
                self.lists.continued(text, segs.sentences[k - 1][1], a, b, quantities, last[1], members, out)
            if self._inherit_pending:  # a figure of a rule that inherits dims was assigned
                self._inherit_pending = False
                self._antecedents(members, out)
            last = (k, members)
        return out

    def _antecedents(self, members: list[int], out: dict[int, Assignment]) -> None:
        """A figure of an elliptic rule (立项2042项 after 发布国家标准3811项) takes what its rule
        inherits from the figure right before it in the sentence: the dim a vocabulary reads
        ({std_level}: the kind of standards named), when its own words leave it unsaid and the
        figure before read it through that vocabulary, or took it in a list. A pilot's 国家级
        is read by another vocabulary, and names no standards the clause after could count."""
        vocabs = self.ps.vocabs
        prev: Assignment | None = None
        for i in members:
            asg = out.get(i)
            if asg is None:
                continue
            if prev is not None and asg.rule.inherits:
                for name in asg.rule.inherits:
                    vocab = vocabs[name]
                    v = prev.dims.get(vocab.dim)
                    if (v is not None and vocab.dim not in asg.dims and v in vocab.values
                            and (name in prev.captures or prev.via == "list")):
                        asg.dims = {**asg.dims, vocab.dim: v}
                        said = prev.captures.get(name, "").removesuffix(_INHERITED)
                        asg.captures = {**asg.captures, name: said + _INHERITED}
            prev = asg

    def _sentence(self, text: str, a: int, b: int, qs: Sequence[Quantity], members: list[int],
                  out: dict[int, Assignment], seen: dict[int, set[str]] | None = None,
                  topics: _DocTopics | None = None, segs: Segments | None = None) -> None:
        plain = text[a:b]
        units = frozenset([qs[i].unit for i in members])
        by_unit = self._unit_rules.get(units)
        if by_unit is None:  # the rules for a set of units (a few dozen sets occur in news)
            if len(self._unit_rules) > 4096:
                self._unit_rules.clear()
            by_unit = self._unit_rules[units] = frozenset().union(*(self._by_unit.get(u, _EMPTY) for u in units))
        if not by_unit:
            return
        present = self._literals.present(plain)
        if seen is not None:
            seen[a] = present
        by_text = set(self._always)
        index = self._by_index_word
        for w in index.keys() & present:
            by_text |= index[w]
        # a rule stays when one of its alternatives has all its clauses in the sentence
        rules = self.ps.rules
        viable = [k for k in sorted(by_unit & by_text) if _holds(rules[k].alternatives, present)]
        if not viable:
            return
        masked, starts = self._mask(text, a, b, qs, members)
        self._match(text, a, plain, qs, viable, masked, starts, present, out, topics, segs)
        # 发布了6419项和5640项团体标准: figures joined before a shared head, which no rule took, are
        # tried again as one figure, the last; the list reader then gives the others its metric
        runs = self.lists.shared_head_runs(text, qs, members, out) if len(members) > 1 else None
        if runs:
            masked, starts = self._mask(text, a, b, qs, members, runs)
            self._match(text, a, plain, qs, viable, masked, starts, present, out, topics, segs,
                        only={run[-1] for run in runs})

    @staticmethod
    def _mask(text: str, a: int, b: int, qs: Sequence[Quantity], members: list[int],
              runs: list[list[int]] | None = None) -> tuple[str, dict[int, int]]:
        """The sentence with every quantity masked to a placeholder of its length ({q} and {Q}),
        and which quantity each placeholder stands for, by its offset. A run of ``runs`` is one
        placeholder, from its first figure's start to its last's end, standing for the last."""
        last_of = {run[0]: run[-1] for run in runs or ()}
        pieces: list[str] = []
        starts: dict[int, int] = {}
        pos = a
        skip_to = -1
        for i in members:
            s, e = qs[i].norm_span
            if s < skip_to:
                continue
            if i in last_of:
                e = skip_to = qs[last_of[i]].norm_span[1]
                starts[s - a] = last_of[i]
            else:
                starts[s - a] = i
            pieces.append(text[pos:s])
            pieces.append(Q_OPEN + Q_REST * (e - s - 1))
            pos = e
        pieces.append(text[pos:b])
        return "".join(pieces), starts

    def _match(self, text: str, a: int, plain: str, qs: Sequence[Quantity], viable: list[int], masked: str,
               starts: dict[int, int], present: set[str], out: dict[int, Assignment],
               topics: _DocTopics | None, segs: Segments | None, only: set[int] | None = None) -> None:
        """Each viable rule on the masked sentence; the best match of each quantity goes to ``out``
        (only those of ``only``, when given)."""
        rules = self.ps.rules
        # per barrier set: the extent a match can lie in, and the literals inside it
        extents: dict[frozenset[str], tuple[int, int, set[str]]] = {}
        for k in viable:
            rule = rules[k]
            ext = extents.get(rule.barriers)
            if ext is None:
                s0, s1 = self._extent(masked, rule.barriers)
                inside = masked[s0:s1]
                ext = extents[rule.barriers] = (s0, s1, {w for w in present if w in inside})
            s0, s1, here = ext
            if not _holds(rule.alternatives, here):
                continue
            if rule.requires is not None and not rule.requires.search(plain):
                continue
            if rule.topic is not None and not rule.topic.search(plain) and not self._on_topic(text, rule.topic, topics):
                continue
            fast = rule.stdlib if self.stdlib else None
            if fast is not None:  # a built-in rule that means the same to the stdlib engine
                found = fast.matches(masked, s0, s1)
            else:
                try:
                    if rule.timeout is None:  # even timeout=None costs a little per call
                        matches = list(rule.regex.finditer(masked, s0, s1, overlapped=True))
                    else:
                        matches = list(rule.regex.finditer(masked, s0, s1, overlapped=True, timeout=rule.timeout))
                except TimeoutError:  # bounded time wins over one rule on one sentence; say so
                    warnings.warn(f"zhstdextract: rule {rule.id} timed out on a sentence and was skipped", stacklevel=2)
                    continue
                found = [(m, m.starts("q")) for m in matches]
            metric = self.ps.metrics[rule.metric]
            for m, q_starts in found:
                for qs_pos in q_starts:
                    i = starts.get(qs_pos)
                    if i is None or qs[i].unit not in rule.units:
                        continue
                    if only is not None and (i not in only or m.end() <= qs[i].norm_span[1] - a):
                        continue  # a run is one figure only before the head it shares
                    q_end = qs[i].norm_span[1] - a
                    if masked[q_end:q_end + 1] in self._item_closers and m.end() > q_end:
                        continue  # 5项、标准化试点: the head is the next item's
                    if rule.unless is not None and self._vetoed(rule.unless, text, a, a + qs_pos, segs):
                        continue
                    dims, said, captures = self._dims(rule, metric, m, fast)
                    length = m.end() - m.start()
                    # more dims, then more specific ones (主导或参与 over 参与), then the closest cue
                    score = (rule.priority, len(dims), said, -length)
                    cur = out.get(i)
                    if cur is None or score > cur.score:
                        if rule.inherits:
                            self._inherit_pending = True
                        out[i] = Assignment(
                            metric=rule.metric, rule=rule, dims=dims,
                            match_span=(a + m.start(), a + m.end()), via="rule",
                            head_after=m.end() > q_end, score=score, captures=captures,
                        )

    @staticmethod
    def _vetoed(unless: Any, text: str, sent_a: int, q_start: int, segs: Segments | None) -> bool:
        """The figure's clause, up to the figure, says what undoes the rule (注销, 撤销). A clause
        opened by a colon goes on from the one the colon closes, which names what the figures
        after it are (国际标准择优分三档给予补助资金:100万元、50万元)."""
        if segs is None:
            return unless.search(text, sent_a, q_start) is not None
        clause_a = segs.clause_start(q_start, sent_a)
        if clause_a > sent_a and text[clause_a - 1] == ":":
            clause_a = segs.clause_start(clause_a - 1, sent_a)
        return unless.search(text, clause_a, q_start) is not None

    def _on_topic(self, text: str, topic: Any, doc: _DocTopics | None) -> bool:
        """The document's title or source line holds the topic: a sentence of an article from
        a market-regulation bureau need not repeat what it is about. Not its lead or body: a
        general report mentions 高标准农田 or 产品 on its way to other topics."""
        doc = _DocTopics() if doc is None else doc
        if doc.window is None:
            doc.window = self._topic_window(text)
        hit = doc.hits.get(topic)
        if hit is None:
            hit = doc.hits[topic] = topic.search(doc.window) is not None
        return hit

    def _topic_window(self, text: str) -> str:
        """The title and header lines, and the source lines (来源:…)."""
        window = title_lines(text)
        window += [text[a:min(b, a + TOPIC_LINE)] for a, b in source_spans(text, self._source_re)]
        return "\n".join(window)

    def _extent(self, masked: str, barriers: frozenset[str]) -> tuple[int, int]:
        """Where a match of a rule with these barriers can lie: from the barrier before the first
        quantity to the barrier after the last. A match holds its quantity and crosses no
        barrier, so it lies in there; clauses before and after are never scanned."""
        if not barriers:
            return 0, len(masked)
        first = masked.find(Q_OPEN)
        last = masked.rfind(Q_OPEN)
        before, after = self._barrier_re[barriers]
        m = before.match(masked, 0, first)  # greedy: the last barrier before the first quantity
        start = m.end() if m else 0
        m = after.search(masked, last)
        return start, m.start() if m else len(masked)

    def _dims(self, rule: Rule, metric: Metric, m: Any,
              fast: StdlibRule | None = None) -> tuple[dict[str, str], int, dict[str, str]]:
        dims: dict[str, str] = dict(metric.implied)
        dims.update(rule.dims)
        said = 0
        captures: dict[str, str] = {}
        text = m.string
        lists = self.lists
        for gname, vocab_name in rule.vocab_groups.items():
            if fast is not None:
                a, b = fast.span(m, gname)
            else:
                a, b = m.span(gname)
            if a >= b:
                continue
            surface = text[a:b]
            vocab = self.ps.vocabs[vocab_name]
            value = vocab.value_of(surface)
            if value is None:
                continue
            # 国家标准和行业标准1000项: a character test first, most surfaces are not joined
            if ((a and text[a - 1] in lists.coord_last) or text.startswith(lists.coord_next, b)) and \
                    lists.coordinated(vocab_name, text, a, b, m.end()):
                dims.pop(vocab.dim, None)
                continue
            dims[vocab.dim] = value
            said += len(surface)
            captures[vocab_name] = surface
        return dims, said, captures
