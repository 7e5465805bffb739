"""Lists in a sentence: enumerations, breakdowns and values joined into one total.

An item whose own words are only dimensions, head nouns and list words inherits the metric and
dimensions of its neighbour (``国际标准20余项、国家标准近350项``; ``国家级试点19个、自治区级80个``),
also when it names a place (``其中杭州市23项、宁波市12项``) or a part of the total after 其中
(``其中农业领域标准45项``). Two values of a dimension joined with no count between
(``国家标准和行业标准1000项``) make a total over both, so that dimension is left unstated.
The words are data (``context`` in patterns/lexicon/context.yaml); this is the engine.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import regex

from .assignment import Assignment
from .patternset import Metric, PatternSet
from .quantity import Quantity
from .stdlib_rules import compile_fast

_OWN_WORDS = 10  # how long a part's own name may be (其中农业领域标准: 农业领域)
_OPENING = "(（"  # a bracket after a total opens its parts
_CLAUSE_PUNCT = compile_fast("[,;:!?。，；：！？\\n]")


class ListReader:
    """Reads the lists of a sentence after the rules have assigned what they match: the rule
    engine hands it each sentence with two figures or more, and asks it about coordination."""

    def __init__(self, ps: PatternSet) -> None:
        self.ps = ps
        ctx = ps.data.get("context", {})
        seps = sorted(ctx.get("list_separators", []), key=len, reverse=True)
        self._sep_re = compile_fast("|".join(regex.escape(s) for s in seps) or "(?!)")
        self._lead_sep = compile_fast(f"^(?:{self._sep_re.pattern})+")
        self._respective_cue = str(ctx.get("respectively", ""))
        # an item's own words end at a list separator or at the end of its clause, or where the
        # noun the list modifies follows (…75393项的规模: said of every item alike)
        marks = [regex.escape(str(w)) for w in ctx.get("list_modifier_marks", [])]
        # 国家标准28项、国家标准外文版37项、地方标准80余项: marks after which the list goes on past
        # an item of another metric
        self._pass_marks = frozenset(str(w) for w in ctx.get("list_pass_marks", []))
        self._tail_end = compile_fast("|".join([regex.escape(s) for s in seps] + marks
                                               + [ctx.get("clause_end", "[。,;\\n]")]))
        fillers = ctx.get("list_fillers", [])
        # a scope word says whose item it is (…秘书处3个，全市总数达到21个), as a place name does
        scopes = list(ctx.get("scope_words", {}))
        self._ellipsis_words = ([regex.escape(s) for s in seps + list(fillers) + scopes]
                                + list(ctx.get("list_filler_patterns", [])) + [r"\s", "[“”\"'()（）]"])
        # 工业地方标准8项: a topic before the item's head noun (not in place of it: 农业领域73项 is
        # a part only after 其中)
        self._topics = "|".join(f"(?:{t})" for t in ctx.get("list_item_topics", []))
        self._ellipsis: dict[tuple[str, bool], regex.Pattern | None] = {}
        self._topic_re: dict[str, Any] = {}  # compiled on first use: start-up stays short
        # 国家标准和行业标准1000项, 国家级和省级试点20个: a total over two values of a dimension,
        # which then is not stated (the item's value would be wrong for half the count)
        coordinators = sorted(ctx.get("coordinators", []), key=len, reverse=True)
        heads = list(ctx.get("coordinated_heads", []))
        self._coord_heads = "|".join(regex.escape(h) for h in heads)
        self._coord_join = "|".join(regex.escape(w) for w in coordinators)
        # most captures are not coordinated: a character test and a prefix test say so cheaply
        self.coord_last = frozenset(w[-1] for w in coordinators if w)
        self.coord_next = tuple(h + w for h in [""] + heads for w in coordinators if w) or ("\x00",)
        self._coordinators = frozenset(coordinators)
        self._run_join: Any = None  # dimension words then a coordinator (7项国际、): compiled on first use
        self._coord_re: dict[str, tuple[Any, Any]] = {}  # vocabulary -> its regexes, compiled on first use
        self._breakdown_cues = list(ctx.get("breakdown_cues", []))
        self._part_words = [str(w) for w in ctx.get("breakdown_part_words", [])]
        self._sentence_joiners = tuple(ctx.get("list_sentence_joiners", []))
        self._part_sentence_ends = tuple(ctx.get("breakdown_sentence_ends", []))
        # 公开标准391230项，同比增长12.6%，其中…181778项: a change said of a figure, with a
        # figure of its own in one of these units, between the figure and the next item
        aside = ctx.get("list_change_aside")
        self._aside = compile_fast(aside) if aside else None
        self._aside_units = frozenset(ctx.get("list_change_units", []))
        # set by the extractor: the text without its place names (the gazetteer is read lazily)
        self.strip_places: Callable[[str], str] | None = None

    def warm(self) -> None:
        """Compile now what is otherwise compiled on first use (before forking workers)."""
        for metric_id in self.ps.metrics:
            self._ellipsis_re(metric_id)
            self._ellipsis_re(metric_id, topical=True)
        if self._coord_join:
            for vocab_name in self.ps.vocabs:
                self._coordination_re(vocab_name)
            self._joined_by_words("")

    def _ellipsis_re(self, metric_id: str, topical: bool = False) -> regex.Pattern | None:
        """What an enumerated item of this metric may say besides its figure; with ``topical``,
        also a topic before its head noun (the list's first item names one: 农业地方标准12项、…)."""
        key = (metric_id, topical)
        if key not in self._ellipsis:
            m = self.ps.metrics.get(metric_id)
            rx = None
            if m is not None:
                words = list(self._ellipsis_words)
                for vocab in m.dims.values():
                    words.append(self.ps.vocabs[vocab].alternation)
                heads = [regex.escape(h) for h in m.heads]
                words += heads
                words += [regex.escape(w) for w in sorted(m.item_words, key=len, reverse=True)]
                if topical and self._topics and heads:
                    words.append(self._topic_before(heads))
                rx = compile_fast("(?:" + "|".join(words) + ")*")
            self._ellipsis[key] = rx
        return self._ellipsis[key]

    def _topic_before(self, heads: list[str]) -> str:
        return f"(?:{self._topics})(?=[^,;:。、]{{0,8}}?(?:{'|'.join(heads)}))"

    def _topical(self, text: str, donor: Assignment) -> bool:
        """Does the donor's match name a topic before its head noun (制定发布农业地方标准12项)?
        Its items may then name theirs (、工业地方标准8项); after a plain total (发布地方标准120项，
        农业领域标准45项) a topic names a part, which needs its cue (其中)."""
        if not self._topics:
            return False
        rx = self._topic_re.get(donor.metric)
        if rx is None:
            heads = [regex.escape(h) for h in self.ps.metrics[donor.metric].heads]
            rx = self._topic_re[donor.metric] = compile_fast(self._topic_before(heads) if heads else "(?!)")
        return rx.search(text, *donor.match_span) is not None

    def _coordination_re(self, vocab_name: str) -> tuple[Any, Any]:
        """Two values of the vocabulary joined: ending where a surface starts, starting where one ends."""
        pair = self._coord_re.get(vocab_name)
        if pair is None:
            alt = self.ps.vocabs[vocab_name].alternation
            heads = f"(?:{self._coord_heads})?" if self._coord_heads else ""
            pair = self._coord_re[vocab_name] = (
                compile_fast(f"(?P<v>{alt}){heads}(?:{self._coord_join})$"),
                compile_fast(f"{heads}(?:{self._coord_join})(?P<v>{alt})"),
            )
        return pair

    def coordinated(self, vocab_name: str, text: str, start: int, end: int, stop: int | None = None) -> bool:
        """Is the surface at text[start:end] one of two different values joined with no count between
        (and no 分别 up to ``stop``, which pairs them with counts of their own)?"""
        joined_before = start > 0 and text[start - 1] in self.coord_last
        if not joined_before and not text.startswith(self.coord_next, end):
            return False
        if self._respective_cue and text.find(self._respective_cue, end, len(text) if stop is None else stop) >= 0:
            return False
        before, after = self._coordination_re(vocab_name)
        vocab = self.ps.vocabs[vocab_name]
        value = vocab.value_of(text[start:end])
        # two surfaces of one value (ISO、IEC: both international) state it once more
        for m in ((before.search(text, max(0, start - 16), start) if joined_before else None),
                  after.match(text, end)):
            if m is not None and vocab.value_of(m.group("v")) != value:
                return True
        return False

    def _joiner_re(self) -> Any:
        """Dimension words, then a coordinator (7项国际、46项国家和38项行业标准: 国际、 and 国家和)."""
        if self._run_join is None:
            alts = "|".join(v.alternation for v in self.ps.vocabs.values())
            self._run_join = compile_fast(f"(?:{alts})*(?:{self._coord_join})")
        return self._run_join

    def _joined_by_words(self, between: str) -> bool:
        return bool(self._coord_join) and len(between) <= _OWN_WORDS and self._joiner_re().fullmatch(between) is not None

    def shared_head_runs(self, text: str, qs: Sequence[Quantity], members: list[int],
                         out: dict[int, Assignment]) -> list[list[int]]:
        """Runs of unassigned figures of one unit joined by a coordinator alone (12项和8项), or by
        the dimension words of their items and a coordinator (7项国际、46项国家和38项行业标准),
        which the rule engine tries again as one figure before the head they share."""
        runs: list[list[int]] = []
        run: list[int] = []
        for i in members:
            if i in out:
                run = []
                continue
            between = text[qs[run[-1]].norm_span[1]:qs[i].norm_span[0]].strip() if run else ""
            if run and qs[i].unit == qs[run[-1]].unit and \
                    (between in self._coordinators or self._joined_by_words(between)):
                run.append(i)
                if len(run) == 2:
                    runs.append(run)
            else:
                run = [i]
        # 7个国际、46个国家、38个省级…: a run followed by another item (whose figure a rule took)
        # shares no head with it
        return [r for r in runs if not (self._coord_join and self._joiner_re().match(text, qs[r[-1]].norm_span[1]))]

    # ------------------------------------------------------------------ enumerations
    def _link(self, between: str, metric_id: str, breakdown: list[bool] | None = None,
              topical: bool = False) -> int | None:
        """Where the separator is, when ``between`` joins two items of one list; else None.
        ``breakdown``: [whether the list is a breakdown (其中…)], read and set as items link."""
        rx = self._ellipsis_re(metric_id, topical)
        if rx is None or not between or len(between) > 24:
            return None
        opens = None
        if rx.fullmatch(between) is None and not self._elliptic_but_places(rx, between):
            opens = self._breakdown(between, metric_id, bool(breakdown and breakdown[0]))
            if opens is None:
                return None
            if breakdown is not None:
                breakdown[0] = True
        sep = self._sep_re.search(between)
        if sep is not None:
            return sep.start()
        # a breakdown in brackets (35项(其中强制性标准2项), 25项(国家标准5项、…)) has no
        # separator: its cue or its bracket opens it
        if opens is None:
            opens = self._breakdown(between, metric_id)
        if opens is None:
            k = min((i for i in map(between.find, _OPENING) if i >= 0), default=-1)
            opens = k if k >= 0 else None
        return opens

    def _part_after_phrase(self, between: str, covered: int, metric_id: str, breakdown: list[bool]) -> int | None:
        """35个国家级标准化试点项目获批，其中杭州市12个 (…，我市占5个): the rest of the total's
        clause is its own, whose head its rule matched after the figure (``covered`` characters of
        ``between``), not an item's; the item after the comma links as it would right after a
        head noun (国家级标准化试点项目35个，其中杭州市12个)."""
        if not 0 < covered < len(between):
            return None
        comma = between.find(",", covered)
        if comma < 0:
            return None
        cut = self._link(between[comma:], metric_id, breakdown)
        return None if cut is None else comma + cut

    def _elliptic(self, part: str, metric_id: str, topical: bool = False) -> bool:
        """Only dimension words, head nouns and list words (or nothing)."""
        rx = self._ellipsis_re(metric_id, topical)
        return rx is not None and len(part) <= 24 and (rx.fullmatch(part) is not None or
                                                      self._elliptic_but_places(rx, part))

    def _breakdown(self, between: str, metric_id: str, continued: bool = False) -> int | None:
        """其中农业领域标准45项、工业领域标准30项: parts of the total before them, each named by a
        few words of its own and the metric's head noun or a word for a part (农业领域73项); the
        cue opens the first one only.
        Where the part opens, or None. String tests on the list regex already compiled."""
        m = self.ps.metrics.get(metric_id)
        rx = self._ellipsis_re(metric_id)
        if not self._breakdown_cues or m is None or not m.heads or rx is None:
            return None
        names = list(m.heads) + self._part_words
        for cue in self._breakdown_cues:
            k = between.find(cue)
            if k >= 0 and rx.fullmatch(between, 0, k) and self._own_part(between[k + len(cue):].lstrip(",:"), names, rx):
                return k
        if continued:
            sep = self._sep_re.match(between)
            if sep is not None and self._own_part(between[sep.end():], names, rx):
                return 0
        return None

    @staticmethod
    def _own_part(rest: str, heads: Sequence[str], rx: Any) -> bool:
        """A part's name: up to 10 characters of its own in the clause, a head noun (or a word
        for a part), list words."""
        for h in heads:
            i = rest.rfind(h)
            if 0 <= i <= _OWN_WORDS and _CLAUSE_PUNCT.search(rest, 0, i) is None and rx.fullmatch(rest, i + len(h)):
                return True
        return False

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
                a, b = m.span()
                if m.group() in vocab.several_set or (
                        ((a and part[a - 1] in self.coord_last) or part.startswith(self.coord_next, b))
                        and self.coordinated(vocab_name, part, a, b)):
                    dims[dim] = None  # 省市级 names two levels: the item does not inherit one either
                else:
                    dims[dim] = vocab.value_of(m.group()) or dims.get(dim, "")
        return {k: v for k, v in dims.items() if v or v is None}

    def enumerations(self, text: str, a: int, b: int, qs: Sequence[Quantity], members: list[int],
                      out: dict[int, Assignment]) -> None:
        """Items of a list in text[a:b] that no rule matched take their metric from a matched
        neighbour (``out`` is updated); ``members`` are the sentence's quantities, in order."""
        donors = [i for i in members if i in out and out[i].via == "rule"]
        pos = {i: k for k, i in enumerate(members)}
        for d in donors:
            donor = out[d]
            metric = self.ps.metrics[donor.metric]
            k = pos[d]
            topical: bool | None = None  # worked out when an item needs it: most lists never ask
            # forward: 国际标准20余项、国家标准近350项 / 6项国际标准、170项国家标准
            prev = d
            breakdown = [False]
            drop: set[str] = set()  # dims a part after 其中 does not take from the items before it
            start = qs[d].norm_span[1]  # where the text before the next item starts
            passed: str | None = None  # the metric of the last item of another the list went on past
            for j in members[k + 1:]:
                if j in out:
                    if not self._passable(text, start, out[j], donor, breakdown[0]):
                        break
                    passed = out[j].metric
                    start = qs[j].norm_span[1]
                    continue
                if qs[j].unit not in donor.rule.units:
                    if qs[j].unit in self._aside_units and self._aside is not None and \
                            self._aside.fullmatch(text, start, qs[j].norm_span[0]):
                        start = qs[j].norm_span[1]  # …项，同比增长12.6%: said of the figure before
                        continue
                    break
                between = text[start:qs[j].norm_span[0]]
                opened = breakdown[0]
                cut = self._link(between, metric.id, breakdown)
                if cut is None and prev == d and start == qs[d].norm_span[1] and donor.head_after:
                    cut = self._part_after_phrase(between, donor.match_span[1] - qs[d].norm_span[1], metric.id, breakdown)
                if cut is None:
                    topical = self._topical(text, donor) if topical is None else topical
                    if topical:
                        cut = self._link(between, metric.id, breakdown, topical=True)
                if cut is None:
                    break
                if passed is not None and self._link(between, passed) is not None:
                    break  # the item is the nearer item's kind: that item's walk takes it
                tail = self._tail(text, qs, j, members, b)
                if not self._elliptic(tail, metric.id):
                    topical = self._topical(text, donor) if topical is None else topical
                    if not (topical and self._elliptic(tail, metric.id, True)):
                        break  # 28家…，12家企业获评…: the item says something of its own
                own = between[cut:] if not donor.head_after else self._after_last_sep(between[cut:]) + tail
                if breakdown[0] and not opened:
                    # …国际标准6项、…团体标准150项，其中螺蛳粉相关标准42项: a part of all of them
                    drop = self._varying(metric, [out[i] for i in members[k:members.index(prev) + 1]])
                self._inherit(out, j, donor, metric, own, drop)
                prev = j
                start = qs[j].norm_span[1]
            if prev == d:  # 国际标准、国家标准分别主导制定5项、23项: the rule took each count itself
                for j in members[k + 1:]:
                    if j not in out or out[j].rule is not donor.rule:
                        break
                    prev = j
            if prev != d:
                items = members[k:members.index(prev) + 1]
                if passed is not None:
                    items = [i for i in items if i not in out or out[i].metric == donor.metric]
                self._respectively(text, a, qs, donor, metric, items, out, members)
            # backward, for heads written after the last item: 7个国际、46个国家、38个省级标准化组织
            if donor.head_after:
                nxt = d
                for j in reversed(members[:k]):
                    if j in out or qs[j].unit not in donor.rule.units:
                        break
                    between = text[qs[j].norm_span[1]:qs[nxt].norm_span[0]]
                    if any(cue in between for cue in self._breakdown_cues):
                        break  # 标准42项，其中12项达到国际先进: a part says nothing of its total
                    if "," in between or ";" in between:
                        break  # …增加到231个，3个计量检定机构: a head after its items binds them within a clause
                    cut = self._link(between, metric.id)
                    if cut is None:
                        topical = self._topical(text, donor) if topical is None else topical
                        if topical:
                            cut = self._link(between, metric.id, topical=True)
                    if cut is None or qs[j].norm_span[1] < donor.match_span[0] < qs[d].norm_span[0]:
                        break  # 认定100项标准，我市牵头制定的10项标准: the donor's verb is its own
                    self._inherit(out, j, donor, metric, between[:cut])
                    nxt = j

    def continued(self, text: str, prev_end: int, a: int, b: int, qs: Sequence[Quantity], before: list[int],
                  after: list[int], out: dict[int, Assignment]) -> None:
        """A list that goes on after a semicolon (主导制定国际标准12项；国家标准86项；宁波市12项):
        the previous sentence ends with its last item and the joiner, and each item after it
        names its own level or place, with nothing else of its own. Or a sentence that opens with
        a breakdown cue breaks down the one before (新增试点12个。其中，农业类5个、工业类4个): its
        last figure of the parts' unit, whatever the sentence said after it (…12项，同比增长50%。)."""
        last = before[-1]
        donor = out.get(last)
        if not (self._sentence_joiners or self._part_sentence_ends):
            return
        joint = text[qs[last].norm_span[1]:prev_end].strip()
        part = False
        if joint not in self._sentence_joiners:
            if not text.startswith(self._part_sentence_ends, prev_end - 1) or \
                    not text.startswith(tuple(self._breakdown_cues) or ("\x00",), a, qs[after[0]].norm_span[0]):
                return  # 12项，居全省第一；…: the sentence said more after its last item
            part = True
            unit = qs[after[0]].unit
            same = [i for i in before if i in out and qs[i].unit == unit]
            if not same:
                return
            last = same[-1]
            donor = out[last]
        if donor is None or donor.head_after:
            return
        metric = self.ps.metrics[donor.metric]
        drop: set[str] = set()
        if part:  # a part of all the figures before
            drop = self._varying(metric, [out[i] for i in before if i in out and out[i].metric == donor.metric])
        prev = None
        for j in after:
            if j in out or qs[j].unit not in donor.rule.units:
                break
            if prev is None:
                own = text[a:qs[j].norm_span[0]]
                if part and self._breakdown(own, metric.id) is not None:
                    pass  # 其中，农业类5个: a part named by its own words
                elif not self._elliptic(own, metric.id):
                    break
                else:
                    stripped = self.strip_places(own) if self.strip_places is not None else own
                    if stripped == own and not any(v for v in self._own_dims(own, metric).values()):
                        break  # 总量达4000项: an item after a semicolon names its level or its place
                if part and not self._elliptic(self._tail(text, qs, j, after, b), metric.id):
                    break  # 其中，3个项目已通过验收: the part says something of its own
            else:
                between = text[qs[prev].norm_span[1]:qs[j].norm_span[0]]
                cut = self._link(between, metric.id, [part])
                if cut is None:
                    break
                own = between[cut:]
            self._inherit(out, j, donor, metric, own, drop)
            prev = j

    @staticmethod
    def _varying(metric: Metric, items: Sequence[Assignment]) -> set[str]:
        """The dims the items differ in, which a part of all of them (其中…) does not take."""
        return {dim for dim in metric.dims if len({x.dims.get(dim) for x in items}) > 1}

    def _respectively(self, text: str, a: int, qs: Sequence[Quantity], donor: Assignment, metric: Metric,
                      items: list[int], out: dict[int, Assignment], members: Sequence[int] = ()) -> None:
        """国家级、省级试点分别为3个和5个: dimension words listed before 分别 go to the items in order."""
        if not self._respective_cue:
            return
        first = qs[items[0]].norm_span[0]
        start = donor.match_span[0]
        cue = text.find(self._respective_cue, start, first)
        if cue < 0:
            cue = text.find(self._respective_cue, qs[items[0]].norm_span[1], qs[items[-1]].norm_span[0])
            if cue >= 0:
                self._pair_with_earlier(qs, cue, metric, items, out, members)
            return
        # the words are read from the match on, or else from the clause on: a rule that takes the
        # counts after 分别 may match from the last of the words (…、行业标准分别主导制定5项)
        clause = a  # the sentence's start, or its last clause end before the cue
        for m in _CLAUSE_PUNCT.finditer(text, a, cue):
            clause = m.end()
        for lo in [start] + ([clause] if clause < start else []):
            if self._distribute(text[lo:cue], metric, items, out):
                return

    def _pair_with_earlier(self, qs: Sequence[Quantity], cue: int, metric: Metric, items: list[int],
                           out: dict[int, Assignment], members: Sequence[int]) -> None:
        """新建国家级示范区4个、省级示范区21个，累计分别达到86个和312个: the figures after 分别 pair,
        in order, with as many figures of the metric just before it, and take the dims those differ
        in (86个 is national, 312个 provincial); nothing happens unless the counts agree."""
        after = [i for i in items if qs[i].norm_span[0] > cue]
        if len(after) < 2 or any(out[i].via != "list" for i in after):
            return
        before = [i for i in members if qs[i].norm_span[1] <= cue]
        earlier = before[-len(after):]
        if len(earlier) != len(after) or any(i not in out or out[i].metric != metric.id for i in earlier):
            return
        if len(before) > len(after) and before[-len(after) - 1] in out and out[before[-len(after) - 1]].metric == metric.id:
            return  # three figures of the metric before 分别 and two after: which two is not said
        varying = self._varying(metric, [out[i] for i in earlier])
        for i, e in zip(after, earlier):
            dims = {k: v for k, v in out[i].dims.items() if k not in varying}
            dims.update({k: v for k, v in out[e].dims.items() if k in varying})
            out[i].dims = dims

    def _distribute(self, head: str, metric: Metric, items: list[int], out: dict[int, Assignment]) -> bool:
        distributed = False
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
                    distributed = True
        return distributed

    def _after_last_sep(self, part: str) -> str:
        """An item's own words before its figure when heads follow figures: what the previous
        item's head leaves (16个标准入选，其中“品字标”团体标准13项: the part names its level)."""
        end = 0
        for m in self._sep_re.finditer(part):
            end = m.end()
        return part[end:]

    def _tail(self, text: str, qs: Sequence[Quantity], j: int, members: list[int], b: int) -> str:
        """The words after item j up to the next separator (its own head when heads follow), and
        not the noun the list modifies (…75393项的规模): that is said of every item alike."""
        end = qs[j].norm_span[1]
        stop = b
        later = [qs[i].norm_span[0] for i in members if qs[i].norm_span[0] >= end]
        if later:
            stop = min(later)
        part = text[end:stop]
        m = self._tail_end.search(part)
        return part[: m.start()] if m else part[:25]

    def _passable(self, text: str, start: int, item: Assignment, donor: Assignment, breakdown: bool) -> bool:
        """制定发布国家标准28项、国家标准外文版37项、地方标准80余项: an item a rule of another metric
        took whole, right after a list mark, leaves the list going on past it; not after a comma,
        which may open a clause with a verb of its own, nor in a breakdown or a list whose heads
        follow its figures."""
        if item.via != "rule" or item.metric == donor.metric or breakdown or donor.head_after:
            return False
        return text[start:item.match_span[0]] in self._pass_marks

    def _inherit(self, out: dict[int, Assignment], j: int, donor: Assignment, metric: Metric, own: str,
                 drop: set[str] | frozenset[str] = frozenset()) -> None:
        dims = {k: v for k, v in donor.dims.items() if k not in drop}
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
