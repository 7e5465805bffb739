"""The rule engine: which metric each quantity counts, with which dimensions.

Per sentence, every quantity is masked to placeholder characters of the same length (so rule
matches are already in normalized coordinates), then each rule's regex runs over the masked
sentence. ``{q}`` in a rule is the quantity the rule is about; ``{Q}`` any other.
Enumerations are handled once, here, for every metric: an item whose own words are only
dimensions, head nouns and list words inherits the metric and dimensions of its neighbour
(``国际标准20余项、国家标准近350项``; ``国家级试点19个、自治区级80个``).
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

import regex

from .patternset import Q_OPEN, Q_REST, Metric, PatternSet, Rule
from .prefilter import LiteralIndex
from .quantity import Quantity
from .segment import Segments
from .stdlib_rules import StdlibRule, compile_fast

_EMPTY: frozenset[int] = frozenset()
_UNSET = object()
TOPIC_HEAD = 400  # where a document's title, header and source line are
TOPIC_FOOT = 200  # where a source line at its end is
TOPIC_LINE = 60  # a title or source line longer than this is prose


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


def _holds(alternatives: tuple[tuple[frozenset[str], ...], ...], words: set[str]) -> bool:
    """One alternative has each of its literal clauses among ``words``."""
    for alternative in alternatives:
        for clause in alternative:
            if clause.isdisjoint(words):
                break
        else:
            return True
    return False


class RuleEngine:
    def __init__(self, ps: PatternSet, *, stdlib: bool = True, more_literals: Iterable[str] = ()) -> None:
        """``stdlib=False`` runs every rule on ``regex`` (the reference the tests compare to).
        ``more_literals``: other words worth knowing per sentence (the time finder's), found in
        the same pass and handed over through ``assign(..., present=)``."""
        self.ps = ps
        self.stdlib = stdlib
        ctx = ps.data.get("context", {})
        seps = sorted(ctx.get("list_separators", []), key=len, reverse=True)
        self._sep_re = compile_fast("|".join(regex.escape(s) for s in seps) or "(?!)")
        self._lead_sep = compile_fast(f"^(?:{self._sep_re.pattern})+")
        self._respective_cue = str(ctx.get("respectively", ""))
        # an item's own words end at a list separator or at the end of its clause
        self._tail_end = compile_fast("|".join([regex.escape(s) for s in seps] + [ctx.get("clause_end", "[。,;\\n]")]))
        # A rule is tried on a sentence only when one of its units is there and each of its
        # literal clauses holds inside the extent between its barriers around the quantities.
        # The literals present are found once per sentence, looking up only those whose first
        # character the sentence holds; each clause is then a set test.
        self._literals = LiteralIndex([w for r in ps.rules for a in ((r.clauses,) + r.alternatives) for c in a for w in c]
                                      + list(more_literals))
        self._by_first: dict[str, set[int]] = {}
        self._always: set[int] = set()
        for k, r in enumerate(ps.rules):
            if not r.clauses:
                self._always.add(k)
            for w in r.clauses[0] if r.clauses else ():
                self._by_first.setdefault(w, set()).add(k)
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
        fillers = ctx.get("list_fillers", [])
        self._ellipsis_words = [regex.escape(s) for s in seps + list(fillers)] + [r"\s", "[“”\"'()（）]"]
        self._ellipsis: dict[str, regex.Pattern | None] = {}  # compiled on first use: start-up stays short
        # 国家标准和行业标准1000项, 国家级和省级试点20个: a total over two values of a dimension,
        # which then is not stated (the item's value would be wrong for half the count)
        coordinators = sorted(ctx.get("coordinators", []), key=len, reverse=True)
        heads = list(ctx.get("coordinated_heads", []))
        self._coord_heads = "|".join(regex.escape(h) for h in heads)
        self._coord_join = "|".join(regex.escape(w) for w in coordinators)
        # most captures are not coordinated: a character test and a prefix test say so cheaply
        self._coord_last = frozenset(w[-1] for w in coordinators if w)
        self._coord_next = tuple(h + w for h in [""] + heads for w in coordinators if w)
        self._coord_re: dict[str, tuple[Any, Any]] = {}  # vocabulary -> its regexes, compiled on first use
        self._source_cues = tuple(ctx.get("source_cues", []))
        self._breakdown_cues = list(ctx.get("breakdown_cues", []))
        self._breakdown_re: dict[str, Any] = {}
        # set by the extractor: the text without its place names (the gazetteer is read lazily)
        self.strip_places: Callable[[str], str] | None = None

    def warm(self) -> None:
        """Compile now what is otherwise compiled on first use: each rule on the engine it runs on."""
        for metric_id in self.ps.metrics:
            self._ellipsis_re(metric_id)
        if self._coord_join:
            for vocab_name in self.ps.vocabs:
                self._coordination_re(vocab_name)
        for metric_id in self.ps.metrics:
            self._breakdown("", metric_id)
        for rule in self.ps.rules:
            if not (self.stdlib and rule.stdlib is not None):
                _ = rule.regex

    def _ellipsis_re(self, metric_id: str) -> regex.Pattern | None:
        """What an enumerated item of this metric may say besides its figure."""
        if metric_id not in self._ellipsis:
            m = self.ps.metrics.get(metric_id)
            rx = None
            if m is not None:
                words = list(self._ellipsis_words)
                for vocab in m.dims.values():
                    words.append(self.ps.vocabs[vocab].alternation)
                words += [regex.escape(h) for h in m.heads]
                rx = compile_fast("(?:" + "|".join(words) + ")*")
            self._ellipsis[metric_id] = rx
        return self._ellipsis[metric_id]

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
        topics: dict[Any, bool] = {}  # per document: does its head or foot hold a rule's topic
        for k, members in groups.items():
            a, b = segs.sentences[k]
            self._sentence(text, a, b, quantities, members, out, present, topics)
            if len(members) > 1:  # a list needs two items
                self._enumerations(text, a, b, quantities, members, out)
        return out

    def _sentence(self, text: str, a: int, b: int, qs: Sequence[Quantity], members: list[int],
                  out: dict[int, Assignment], seen: dict[int, set[str]] | None = None,
                  topics: dict[Any, bool] | None = None) -> None:
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
        for w in present:
            if w in self._by_first:
                by_text |= self._by_first[w]
        # a rule stays when one of its alternatives has all its clauses in the sentence
        rules = self.ps.rules
        viable = [k for k in sorted(by_unit & by_text) if _holds(rules[k].alternatives, present)]
        if not viable:
            return
        # every quantity of the sentence masked to placeholders of its length ({q} and {Q})
        pieces: list[str] = []
        starts: dict[int, int] = {}
        pos = a
        for i in members:
            s, e = qs[i].norm_span
            pieces.append(text[pos:s])
            pieces.append(Q_OPEN + Q_REST * (e - s - 1))
            starts[s - a] = i
            pos = e
        pieces.append(text[pos:b])
        masked = "".join(pieces)
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
                found = [(m, fast.q_starts(m)) for m in fast.overlapped(masked, s0, s1)]
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
                    dims, said, captures = self._dims(rule, metric, m, fast)
                    length = m.end() - m.start()
                    # more dims, then more specific ones (主导或参与 over 参与), then the closest cue
                    score = (rule.priority, len(dims), said, -length)
                    cur = out.get(i)
                    if cur is None or score > cur.score:
                        q_end = qs[i].norm_span[1] - a
                        out[i] = Assignment(
                            metric=rule.metric, rule=rule, dims=dims,
                            match_span=(a + m.start(), a + m.end()), via="rule",
                            head_after=m.end() > q_end, score=score, captures=captures,
                        )

    def _on_topic(self, text: str, topic: Any, cache: dict[Any, bool] | None) -> bool:
        """The document's title or source line holds the topic: a sentence of an article from
        a market-regulation bureau need not repeat what it is about. Not its lead or body: a
        general report mentions 高标准农田 or 产品 on its way to other topics."""
        cache = {} if cache is None else cache
        window = cache.get("")
        if window is None:
            window = cache[""] = self._topic_window(text)
        hit = cache.get(topic)
        if hit is None:
            hit = cache[topic] = topic.search(window) is not None
        return hit

    def _topic_window(self, text: str) -> str:
        """The short lines before the first paragraph (title, header) and the source lines (来源:…)."""
        window = []
        for ln in text[:TOPIC_HEAD].split("\n")[:6]:
            if len(ln.strip()) > TOPIC_LINE or ln.rstrip().endswith(("。", "!", "?", ";")):
                break  # the lead: prose, not what the document is
            if ln.strip():
                window.append(ln)
        if self._source_cues:
            for part in (text[:TOPIC_HEAD], text[-TOPIC_FOOT:]):
                for ln in part.split("\n"):
                    if ln.startswith(self._source_cues) or any(c + ":" in ln or c + "：" in ln for c in self._source_cues):
                        window.append(ln[:TOPIC_LINE])
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
        for gname, vocab_name in rule.vocab_groups.items():
            surface = fast.group(m, gname) if fast is not None else m.group(gname)
            if surface:
                vocab = self.ps.vocabs[vocab_name]
                value = vocab.value_of(surface)
                if value is not None and self._coord_join:
                    at = fast.start(m, gname) if fast is not None else m.start(gname)
                    if self._coordinated(vocab_name, m.string, at, at + len(surface), m.end()):
                        dims.pop(vocab.dim, None)
                        continue
                if value is not None:
                    dims[vocab.dim] = value
                    said += len(surface)
                    captures[vocab_name] = surface
        return dims, said, captures

    def _coordination_re(self, vocab_name: str) -> tuple[Any, Any]:
        """Two values of the vocabulary joined: ending where a surface starts, starting where one ends."""
        pair = self._coord_re.get(vocab_name)
        if pair is None:
            alt = self.ps.vocabs[vocab_name].alternation
            heads = f"(?:{self._coord_heads})?" if self._coord_heads else ""
            pair = self._coord_re[vocab_name] = (
                compile_fast(f"(?:{alt}){heads}(?:{self._coord_join})$"),
                compile_fast(f"{heads}(?:{self._coord_join})(?:{alt})"),
            )
        return pair

    def _coordinated(self, vocab_name: str, text: str, start: int, end: int, stop: int | None = None) -> bool:
        """Is the surface at text[start:end] one of two values joined with no count between
        (and no 分别 up to ``stop``, which pairs them with counts of their own)?"""
        joined_before = start > 0 and text[start - 1] in self._coord_last
        if not joined_before and not text.startswith(self._coord_next, end):
            return False
        if self._respective_cue and text.find(self._respective_cue, end, len(text) if stop is None else stop) >= 0:
            return False
        before, after = self._coordination_re(vocab_name)
        return (joined_before and before.search(text, max(0, start - 16), start) is not None) or \
            after.match(text, end) is not None

    # ------------------------------------------------------------------ enumerations
    def _link(self, between: str, metric_id: str, breakdown: list[bool] | None = None) -> int | None:
        """Where the separator is, when ``between`` joins two items of one list; else None.
        ``breakdown``: [whether the list is a breakdown (其中…)], read and set as items link."""
        rx = self._ellipsis_re(metric_id)
        if rx is None or not between or len(between) > 24:
            return None
        if rx.fullmatch(between) is None and not self._elliptic_but_places(rx, between):
            if not self._breakdown(between, metric_id, bool(breakdown and breakdown[0])):
                return None
            if breakdown is not None:
                breakdown[0] = True
        sep = self._sep_re.search(between)
        return sep.start() if sep else None

    def _elliptic(self, part: str, metric_id: str) -> bool:
        """Only dimension words, head nouns and list words (or nothing)."""
        rx = self._ellipsis_re(metric_id)
        return rx is not None and len(part) <= 24 and (rx.fullmatch(part) is not None or
                                                      self._elliptic_but_places(rx, part))

    def _breakdown(self, between: str, metric_id: str, continued: bool = False) -> bool:
        """其中农业领域标准45项、工业领域标准30项: parts of the total before them, each named by a
        few words of its own and the metric's head noun (the cue opens the first one only)."""
        if not self._breakdown_cues:
            return False
        pair = self._breakdown_re.get(metric_id, _UNSET)
        if pair is _UNSET:
            m = self.ps.metrics.get(metric_id)
            pair = None
            if m is not None and m.heads:
                words = "|".join(self._ellipsis_words)
                heads = "|".join(regex.escape(h) for h in m.heads)
                cues = "|".join(regex.escape(c) for c in self._breakdown_cues)
                own = f"[^,;:!?。，；：！？\\n]{{0,10}}?(?:{heads})(?:{words})*"
                pair = (compile_fast(f"(?:{words})*(?:{cues}){own}"),
                        compile_fast(f"(?:{self._sep_re.pattern})(?:{words})*?{own}"))
            self._breakdown_re[metric_id] = pair
        if pair is None:
            return False
        return pair[0].fullmatch(between) is not None or (continued and pair[1].fullmatch(between) is not None)

    def _elliptic_but_places(self, rx: Any, part: str) -> bool:
        """Elliptic once place names are taken out: 其中杭州市23项、宁波市12项 breaks a total
        down by place, each item keeping the metric (its subject is found as for any figure)."""
        if self.strip_places is None:
            return False
        stripped = self.strip_places(part)
        return stripped != part and rx.fullmatch(stripped) is not None

    def _own_dims(self, part: str, metric: Metric) -> dict[str, str | None]:
        """The dims an item states; None for one it states as a total over two values
        (国家标准和行业标准1000项), which the item then does not inherit either."""
        dims: dict[str, Any] = {}
        for dim, vocab_name in metric.dims.items():
            vocab = self.ps.vocabs[vocab_name]
            m = vocab.finder.search(part)
            if m:
                if self._coord_join and self._coordinated(vocab_name, part, m.start(), m.end()):
                    dims[dim] = None
                else:
                    dims[dim] = vocab.value_of(m.group()) or dims.get(dim, "")
        return {k: v for k, v in dims.items() if v or v is None}

    def _enumerations(self, text: str, a: int, b: int, qs: Sequence[Quantity], members: list[int],
                      out: dict[int, Assignment]) -> None:
        donors = [i for i in members if i in out and out[i].via == "rule"]
        pos = {i: k for k, i in enumerate(members)}
        for d in donors:
            donor = out[d]
            metric = self.ps.metrics[donor.metric]
            k = pos[d]
            # forward: 国际标准20余项、国家标准近350项 / 6项国际标准、170项国家标准
            prev = d
            breakdown = [False]
            for j in members[k + 1:]:
                if j in out or qs[j].unit not in donor.rule.units:
                    break
                between = text[qs[prev].norm_span[1]:qs[j].norm_span[0]]
                cut = self._link(between, metric.id, breakdown)
                if cut is None:
                    break
                tail = self._tail(text, qs, j, members, b)
                if not self._elliptic(tail, metric.id):
                    break  # 28家…，12家企业获评…: the item says something of its own
                own = tail if donor.head_after else between[cut:]
                self._inherit(out, j, donor, metric, own)
                prev = j
            if prev != d:
                self._respectively(text, qs, donor, metric, members[k:members.index(prev) + 1], out)
            # backward, for heads written after the last item: 7个国际、46个国家、38个省级标准化组织
            if donor.head_after:
                nxt = d
                for j in reversed(members[:k]):
                    if j in out or qs[j].unit not in donor.rule.units:
                        break
                    between = text[qs[j].norm_span[1]:qs[nxt].norm_span[0]]
                    cut = self._link(between, metric.id)
                    if cut is None:
                        break
                    self._inherit(out, j, donor, metric, between[:cut])
                    nxt = j

    def _respectively(self, text: str, qs: Sequence[Quantity], donor: Assignment, metric: Metric,
                      items: list[int], out: dict[int, Assignment]) -> None:
        """国家级、省级试点分别为3个和5个: dimension words listed before 分别 go to the items in order."""
        if not self._respective_cue:
            return
        start = donor.match_span[0]
        cue = text.find(self._respective_cue, start, qs[items[0]].norm_span[0])
        if cue < 0:
            return
        head = text[start:cue]
        for dim, vocab_name in metric.dims.items():
            vocab = self.ps.vocabs[vocab_name]
            found = list(vocab.finder.finditer(head))
            if len(found) != len(items):
                continue
            gaps = [head[x.end():y.start()] for x, y in zip(found, found[1:])]
            if not all(self._sep_re.search(g) and self._elliptic(g, metric.id) for g in gaps):
                continue  # not one list (国际标准和国家标准 is; 国际…制定了…国家 is not)
            for i, m in zip(items, found):
                value = vocab.value_of(m.group())
                if value is not None:
                    out[i].dims = {**out[i].dims, dim: value}

    def _tail(self, text: str, qs: Sequence[Quantity], j: int, members: list[int], b: int) -> str:
        """The words after item j up to the next separator (its own head when heads follow)."""
        end = qs[j].norm_span[1]
        stop = b
        later = [qs[i].norm_span[0] for i in members if qs[i].norm_span[0] >= end]
        if later:
            stop = min(later)
        part = text[end:stop]
        m = self._tail_end.search(part)
        return part[: m.start()] if m else part[:25]

    def _inherit(self, out: dict[int, Assignment], j: int, donor: Assignment, metric: Metric, own: str) -> None:
        dims = dict(donor.dims)
        for dim, value in self._own_dims(own, metric).items():
            if value is None:
                dims.pop(dim, None)
            else:
                dims[dim] = value
        words = self._lead_sep.sub("", own).strip()
        out[j] = Assignment(
            metric=donor.metric, rule=donor.rule, dims=dims, match_span=donor.match_span,
            via="list", head_after=donor.head_after, score=donor.score,
            captures={"own words": words} if words else {},
        )
