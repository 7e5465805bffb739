"""Time phrases tied to a figure, and the document date they are resolved against."""
from __future__ import annotations

import bisect
import datetime as _dt
from typing import Any, Callable, Mapping, Sequence

import regex

from .numbers import NumberTables, parse_chinese
from .prefilter import LiteralIndex, opening_class, required_literals
from .segment import Segments, title_lines
from .stdlib_rules import compile_fast

_SHORT_LINE = 80  # a header line up to this long is a dateline or a title: any date on it dates the text
_DATE_OPENS = 12  # on a longer line (prose), only a date within its first characters does,
_STAMP_LABEL = 8  # or one with a stamp's label (发布时间:) in the characters before it


def parse_date(value: Any) -> _dt.date | None:
    """Accept a date, a datetime, 'YYYY-MM-DD', 'YYYY' or an int year from the caller."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, int):
        return _dt.date(value, 1, 1) if 1 <= value <= 9999 else None
    s = str(value).strip()
    m = regex.match(r"(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?)?", s)
    if not m:
        raise ValueError(f"cannot read a date from {value!r}; use YYYY-MM-DD")
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"cannot read a date from {value!r}; use YYYY-MM-DD") from None


def _year(m: Any, spec: Mapping, group: str = "y") -> int:
    """The year a phrase names: its digits, plus the era's start for a calendar that counts from
    one (Taiwan's 民國: 111年 is 2022; ``era: 1911`` in the phrase's data)."""
    return int(m.group(group)) + int(spec.get("era", 0))


class TimeFinder:
    def __init__(self, context: Mapping, numbers: NumberTables) -> None:
        self.numbers = numbers
        # each regex is tried only in sentences holding one of its literals (今年, 截至, 年 …)
        # a phrase with the group ``base`` may be a comparison's base named with its own figure
        # (较2020年底的800项): its spec says so, so that only those phrases are asked (SentenceTimes.last)
        self.phrases = []
        for p in context.get("time_phrases", []):
            rx = compile_fast(p["regex"])
            self.phrases.append((rx, {**p, BASE: True} if BASE in rx.groupindex else p, required_literals(p["regex"])))
        self.header_lines = int(context.get("header_lines", 8))
        self.header_date = compile_fast(context.get("header_date", r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"))
        self._stamp_after = compile_fast(context.get("date_stamp_after", "(?!)"))
        self._stamp_before = compile_fast(context.get("date_stamp_before", "(?!)"))
        self.target_cues = [(compile_fast(c), required_literals(c)) for c in context.get("target_cues", [])]
        # a plan (工作要点, 行动方案) states targets throughout; what it reports as done says so
        plans = context.get("plan_titles", [])
        self._plan_title = compile_fast("|".join(regex.escape(w) for w in plans) or "(?!)")
        results = context.get("result_cues", [])
        self._result_cue = compile_fast("|".join(regex.escape(w) for w in results) or "(?!)")
        # the literals of all of them are found once per sentence; each regex then asks a set
        self.literal_words = sorted({w for needs in [p[2] for p in self.phrases] + [c[1] for c in self.target_cues]
                                     for w in needs or ()})
        self._literals = LiteralIndex(self.literal_words)
        # which phrases (0..) and cues (after them) each literal lets run, and those needing none
        needs_of = [p[2] for p in self.phrases] + [c[1] for c in self.target_cues]
        self._needing: dict[str, list[int]] = {}
        for k, needs in enumerate(needs_of):
            for w in needs or ():
                self._needing.setdefault(w, []).append(k)
        self._unconditional = frozenset(k for k, needs in enumerate(needs_of) if needs is None)
        self._frame_joiners = tuple(str(j) for j in context.get("frame_joiners", []))
        self._wrap_marks = tuple(str(j) for j in context.get("wrap_marks", []))
        self._sentence_end = compile_fast(context.get("sentence_end", "[。!?;\\n]"))
        self._heading = compile_fast(context.get("section_heading", "(?!)"))
        self._title_max = int(context.get("section_title_max", 20))
        self._title_end = compile_fast("[。:;,!?]")
        self._review = compile_fast("|".join(regex.escape(w) for w in context.get("review_headings", [])) or "(?!)")
        self._task = compile_fast("|".join(regex.escape(w) for w in context.get("task_heading_verbs", [])) or "(?!)")
        self._plan_heading = compile_fast("|".join(regex.escape(w) for w in context.get("plan_headings", [])) or "(?!)")
        self._plan_heading_not = compile_fast("|".join(regex.escape(w) for w in context.get("plan_heading_not", [])) or "(?!)")
        # a line that opens with a heading's number and holds one of those words in its title's
        # reach: one search over the document tells whether any section need be looked at
        self._plan_heading_line = compile_fast(
            f"(?m)(?:{context.get('section_heading', '(?!)')})[^\\n]{{0,{self._title_max}}}?(?:{self._plan_heading.pattern})")
        opening = opening_class(context.get("section_heading", "(?!)"))
        self._heading_line_start = compile_fast(f"\\n[{opening}]") if opening else None
        self._title_years = [compile_fast(p) for p in context.get("title_years", [])]
        self._clause_end = compile_fast(context.get("clause_end", "[。,;\\n]"))
        self._time_object = compile_fast("|".join(regex.escape(w) for w in context.get("time_object_after", [])) or "(?!)")
        self._item_time_object = compile_fast(
            "|".join(regex.escape(w) for w in context.get("time_object_in_list_after", [])) or "(?!)")

    def title_year(self, text: str) -> int | None:
        """The year a document without a dateline speaks from, as its title says."""
        title = "\n".join(title_lines(text))
        for rx in self._title_years:
            m = rx.search(title)
            if m is None:
                continue
            found = m.groupdict()
            if found.get("y"):
                return int(found["y"])
            if found.get("plan"):
                return self._plan_years(m)[0]
        return None

    def lead(self, text: str, segs: Segments, k: int) -> tuple[int, int] | None:
        """The opening clause of the frame sentence ``k`` is in, when that is an earlier sentence:
        a sentence after a semicolon goes on in the frame the first one's opening clause set
        (到2025年，力争…5项；新增…100家；建成…30个). None when the sentence opens its own."""
        a = segs.sentences[k][0]
        frame = a
        if a and text[a - 1] in self._frame_joiners:  # most sentences end in 。 or a line break
            frame = segs.sentences[segs.run_start(k, text, self._frame_joiners)][0]
        if frame == a and a >= 2 and text[a - 1] == "\n" and text[a - 2] in self._wrap_marks:
            return self._wrapped(text, a)
        return (frame, min(segs.clause_end_after(frame), a)) if frame < a else None

    def _wrapped(self, text: str, a: int) -> tuple[int, int] | None:
        """The opening clause of the sentence a wrapped line (ending in a comma or colon) began:
        its paragraph was not cut into sentences, so its ends are looked for here."""
        line_a = text.rfind("\n", 0, a - 1) + 1
        frame = line_a
        for m in self._sentence_end.finditer(text, line_a, a - 1):  # within the line: no \n to find
            frame = m.end()
        end = self._clause_end.search(text, frame, a)
        return (frame, end.end() if end else a) if frame < a - 1 else None

    def document_date(self, text: str) -> _dt.date | None:
        """The first date of the header: on a short line (a dateline, 2018年09月27日 来源:…),
        opening a paragraph (2024年3月5日，全市…) or stamped (a time or 来源 after it); a date
        inside prose (…于1944年6月6日开始实施) is what the text tells of, not when it was written."""
        for line in text.split("\n", self.header_lines)[: self.header_lines]:
            for m in self.header_date.finditer(line):
                if len(line) > _SHORT_LINE and m.start() > _DATE_OPENS and \
                        not self._stamp_after.match(line, m.end()) and \
                        not self._stamp_before.search(line, max(0, m.start() - _STAMP_LABEL), m.start()):
                    continue
                try:
                    return _dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                except ValueError:
                    continue
        return None

    def is_plan(self, text: str) -> bool:
        """The document is a plan: its title or header names one (河南省2024年度标准化工作要点)."""
        return any(self._plan_title.search(ln) for ln in title_lines(text))

    def review_sections(self, text: str) -> list[tuple[int, int]]:
        """Spans of a plan whose section reviews the past (一、发展基础 … up to the next heading
        of its level or above): there a figure with no cue of its own is a result, as in a report.
        A plan's review is written in the past without saying so sentence by sentence."""
        return self._sections(text, lambda t: self._review.search(t) is not None and self._task.search(t) is None)

    def plan_sections(self, text: str) -> list[tuple[int, int]]:
        """Spans of a report whose section states what is to come (三、下一步工作; 二、2025年工作
        计划): there a figure is a target unless its sentence says it is done, as in a plan.
        Not a section on how targets went (主要目标完成情况)."""
        if not self._has_plan_heading(text):  # most articles: one scan, no line split
            return []
        return self._sections(text, lambda t: self._plan_heading.search(t) is not None
                              and self._plan_heading_not.search(t) is None)

    def _has_plan_heading(self, text: str) -> bool:
        """A line opens with a heading's number and holds a plan word in its title's reach. The
        heading regex is tried at the text's start and after each line break followed by a
        character a heading can open with (a few per article), not at every character."""
        line = self._plan_heading_line
        if line.match(text):
            return True
        if self._heading_line_start is None:
            return line.search(text) is not None
        return any(line.match(text, m.start() + 1) for m in self._heading_line_start.finditer(text))

    def _sections(self, text: str, chosen: Callable[[str], bool]) -> list[tuple[int, int]]:
        """Spans of the sections whose heading's title is ``chosen``, each from its heading
        down to the next heading of its level or above."""
        spans: list[tuple[int, int]] = []
        stack: list[tuple[int, int, bool]] = []  # (level, start, chosen) of the open headings
        pos = 0
        for line in text.split("\n"):
            m = self._heading.match(line)
            if m is not None:
                name = m.lastgroup or ""  # l0..l4; a heading regex of the user's without them is one level
                level = int(name[1:]) if name[1:].isdigit() else 0
                rest = line[m.end():]
                stop = self._title_end.search(rest)
                title = rest[: stop.start()] if stop else rest
                if 0 < len(title.strip()) <= self._title_max:
                    while stack and stack[-1][0] >= level:
                        _level, start, picked = stack.pop()
                        if picked:
                            spans.append((start, pos))
                    stack.append((level, pos, chosen(title)))
            pos += len(line) + 1
        spans += [(start, len(text)) for _lv, start, picked in stack if picked]
        return sorted(spans)

    def paragraph_reports(self, text: str, segs: Segments, pos: int, year: int | None,
                          cache: dict[tuple[str, int], Any] | None = None,
                          own: "SentenceTimes | None" = None) -> bool:
        """In a plan, the time that frames the figure's paragraph (see :meth:`_frame_upto`)
        says it reports (2024年，…; 过去一年，…), and no sentence since, up to ``pos``, named a
        time or a target cue of its own: the figure goes on reporting (2024年，全市…35项。新增…
        试点项目12个。), as a review does. A news lead before it (日前，…印发《2025年…要点》。
        2024年，…) does not speak for it. ``cache``: what was found of the document's sentences,
        for its other figures; ``own``: the times of the figure's sentence when the caller has
        them (its frame's lead is not its own)."""
        cache = {} if cache is None else cache
        frame = self._frame_sentence(text, segs, pos, cache, own)
        if frame is None or frame[2] is None:
            return False
        j, st, framing = frame
        if ("reports", j) not in cache:  # said in the clause it frames with (2024年，…)
            m = self._clause_end.search(text, framing[1], segs.sentences[j][1])
            cache[("reports", j)] = self._reported(text, st, m.start() if m else segs.sentences[j][1], year)
        return cache[("reports", j)]

    def paragraph_time(self, text: str, segs: Segments, pos: int, year: int | None,
                       cache: dict[tuple[str, int], Any] | None = None,
                       own: "SentenceTimes | None" = None,
                       figures: Sequence[int] = ()) -> tuple[dict[str, Any] | None, str | None]:
        """The time that frames the figure's paragraph (2024年，…; 到2030年，…; …介绍，截至今年
        9月底，…), for a figure of a later sentence when none since, up to it, named a time or a
        target cue of its own: the paragraph goes on in that time; and what that time states,
        read as if the figure stood right after it (到2027年，…力争…5项。新增…100家。: a goal of
        2027, as the first figure is). (None, None) when no time frames it; (None, "target")
        for an item of a list whose introducing line states a goal with no time. ``figures``: the
        starts of the document's figures, in order (a time after the first figure of its
        sentence, 新增…1个，目前共承担…17个, is that figure's, not the paragraph's). Other
        arguments as :meth:`paragraph_reports`."""
        cache = {} if cache is None else cache
        frame = self._frame_sentence(text, segs, pos, cache, own)
        if frame is None:
            return None, None
        j, st, framing = frame
        a = segs.sentences[j][0]
        if framing is None:
            # a target cue with no time: in a paragraph, no frame; on the line that introduces a
            # list (下一步工作目标是：, then one goal a line), a goal for every item, of the time of
            # a goal stated before the cue on that line (到2020年，…。具体目标是：)
            if a >= segs.paragraph_of(pos)[0]:
                return None, None
            first = segs.sentence_index(segs.paragraph_of(a)[0])
            goal = self._frame_upto(text, segs, j - 1, first, cache) if j > first else None
            if goal is not None and goal[2] is not None:
                gj, gst, gframing = goal
                said = cache.get(("frame_modality", gj))  # once for all the items, as below
                if said is None:
                    said = cache[("frame_modality", gj)] = self.modality(text, gst, gframing[1], year)
                if said == "target":
                    return self.phrase(gst, gframing[1], year), said
            return None, "target"
        k = bisect.bisect_left(figures, a)
        if k < len(figures) and figures[k] <= framing[0]:
            return None, None
        said = cache.get(("frame_modality", j))
        if said is None:
            said = cache[("frame_modality", j)] = self.modality(text, st, framing[1], year)
        return self.phrase(st, framing[1], year), said

    def _frame_sentence(self, text: str, segs: Segments, pos: int, cache: dict[tuple[str, int], Any],
                        own: "SentenceTimes | None") -> tuple[int, "SentenceTimes", tuple | None] | None:
        """(index, times, the phrase it frames with or None) of the last sentence before that of
        ``pos``, in its paragraph, to name a time or a target cue; None when there is none, when
        that sentence names a time only on the way, or when the figure's own sentence names one
        before it, as then that sentence speaks for itself."""
        first, k = segs.sentence_index(segs.frame_start(pos)), segs.sentence_index(pos)
        if k == first:
            return None
        st = own if own is not None else self._times_of(text, segs, k, cache)
        if _names_time(st, pos):
            return None
        hit = cache.get(("frame", k - 1), _UNSEEN)  # the figures of a sentence share its frame
        return self._frame_upto(text, segs, k - 1, first, cache) if hit is _UNSEEN else hit

    def _frame_upto(self, text: str, segs: Segments, k: int, first: int,
                    cache: dict[tuple[str, int], Any]) -> tuple[int, "SentenceTimes", tuple | None] | None:
        """The frame of the sentences after ``k`` (see :meth:`_frame_sentence`), found walking
        back from ``k`` to the paragraph's ``first``; kept for every sentence walked, so that a
        long paragraph of figures is walked once, not once a figure."""
        walked = []
        found: tuple[int, "SentenceTimes", tuple | None] | None = None
        for j in range(k, first - 1, -1):
            if ("frame", j) in cache:
                found = cache[("frame", j)]
                break
            walked.append(j)
            st = self._times_of(text, segs, j, cache)
            a, b = segs.sentences[j]
            if not _names_time(st, b):
                continue
            # the time that frames the sentences after it is one that the sentence speaks in
            # (2024年，…; 记者了解到，截至9月底，…; 全市今年…); one named as what a verb acts on
            # (市局公布了2018年“质量月”典型案例; 关于全区上半年…的通报) or said in a quote
            # tells of that time alone. A cue alone (力争…) frames too: no report, no time.
            own = [p for p in st.phrases if a <= p[0] < b]
            item = text[b - 1] in self._frame_joiners  # one item of a list, …；…
            framing = next((p for p in own if self._speaks_in(text, a, p[0], item)), None)
            if framing is not None or not own:
                found = (j, st, framing)
            break
        for j in walked:
            cache[("frame", j)] = found
        return found

    def _speaks_in(self, text: str, a: int, p: int, item: bool = False) -> bool:
        """The time phrase at ``p`` of the sentence starting at ``a`` is the time the clause
        speaks in, not the object of a verb before it nor words of a quote. ``item``: the
        sentence is one item of a list (it ends in ；), whose activity's time (开展2022年度…活动)
        is that item's alone, though after 。 the sentences go on about the activity."""
        before = text[a:p]
        if before.count("“") > before.count("”"):
            return False
        clause = self._clause_end.split(before)[-1]
        if item and self._item_time_object.search(clause) is not None:
            return False
        return self._time_object.search(clause) is None

    def _times_of(self, text: str, segs: Segments, j: int, cache: dict[tuple[str, int], Any]) -> "SentenceTimes":
        st = cache.get(("times", j))
        if st is None:
            st = cache[("times", j)] = self.sentence(text, *segs.sentences[j])
        return st

    def sentence(self, text: str, a: int, b: int, present: set[str] | None = None,
                 lead: tuple[int, int] | None = None, trail: "YearTrail | None" = None) -> "SentenceTimes":
        """Time phrases and target cues of one sentence, found once for all its figures.
        ``present``: the literals of the sentence when already found (a superset will do).
        ``lead``: the opening clause of its frame (see :meth:`lead`), whose phrases and cues hold
        in it too; a phrase inside an earlier sentence (其中2024年新增6个；) does not.
        ``trail``: the document's years, which a phrase of kind same_year (全年, 当年) takes."""
        if present is None:
            present = self._literals.present(text[a:b])
        spans = [(a, b, present)]
        if lead is not None:
            spans.insert(0, (lead[0], lead[1], self._literals.present(text[lead[0]:lead[1]])))
        phrases = []
        cues = []
        n = len(self.phrases)
        needing = self._needing
        for lo, hi, words in spans:
            runs = set(self._unconditional)
            for w in needing.keys() & words:
                runs.update(needing[w])
            for k in sorted(runs):  # in the order of the data, as ties in position are kept
                if k < n:
                    rx, spec, _ = self.phrases[k]
                    for m in rx.finditer(text, lo, hi):
                        phrases.append((m.start(), m.end(), m, spec))
                else:
                    rx = self.target_cues[k - n][0]
                    for m in rx.finditer(text, lo, hi):
                        cues.append((m.start(), m.end(), m.group()))
        phrases.sort(key=lambda t: (t[0], t[1]))
        if trail is not None and any(p[3].get("kind") == SAME_YEAR for p in phrases):
            phrases = [(s, e, m, {**spec, "_year": trail.before(s)}) if spec.get("kind") == SAME_YEAR else (s, e, m, spec)
                       for s, e, m, spec in phrases]
        return SentenceTimes(phrases, cues, a)

    def phrase(self, st: "SentenceTimes", q_start: int, year: int | None) -> dict[str, Any] | None:
        """The last time phrase before the figure in its sentence, normalized against the year."""
        best = st.last(q_start)
        if best is None:
            return None
        _, _, m, spec = best
        out: dict[str, Any] = {"text": m.group()}
        kind = spec.get("kind")
        if kind == "year":
            y = _year(m, spec)
            if m.group().endswith(_SINCE):
                out["from"] = y
                if year:
                    out["to"] = year
            else:
                out["year"] = y
        elif kind == "year_range":
            out["from"], out["to"] = _year(m, spec, "y0"), _year(m, spec)
        elif kind == "five_year_plan":
            start, end = self._plan_years(m)
            if m.groupdict().get("end"):  # “十三五”末: the plan's last year, not its span
                out["year"] = end
            else:
                out["from"] = start
                # “十三五”以来 runs on to the document's year, past the plan's end
                out["to"] = year if (year and m.group().endswith(_SINCE)) else end
        elif kind in ("now", "relative") and year:
            out["year"] = year + int(spec.get("offset", 0))
        elif kind == SAME_YEAR and (spec.get("_year") or year):
            out["year"] = spec.get("_year") or year
        elif kind == "span_years" and year:
            n_s = m.groupdict().get("n") or m.groupdict().get("n2")
            n = None
            if n_s:
                n = int(n_s) if n_s.isdigit() else parse_chinese(n_s, self.numbers)
            if n:
                out["from"] = year - int(n) + 1
                out["to"] = year
        return out

    def _plan_years(self, m: Any) -> tuple[int, int]:
        """The years of the five-year plan named (十四五 -> 2021, 2025)."""
        n = int(parse_chinese(m.group("plan"), self.numbers)) + 10
        start = 1966 + 5 * (n - 3)  # the third plan began in 1966 (1963-65 were a pause)
        return start, start + 4

    def modality(self, text: str, st: "SentenceTimes", q_start: int, year: int | None, plan: bool = False) -> str:
        """target when a plan or goal cue precedes the figure in its sentence; in a plan
        (``plan``), also when nothing before it in its sentence says it is done or past."""
        own_time = None  # the sentence names its own time before the figure: a frame's cue yields
        for _s, e, cue in st.cues:
            if e > q_start:
                continue
            if e <= st.start:  # a cue of the frame's opening clause (到2025年，…；2023年，…2项)
                if own_time is None:
                    own_time = any(s0 >= st.start and e0 <= q_start for s0, e0, _m, _spec in st.phrases)
                if own_time:
                    continue
            if self._result_cue.search(text, e, q_start):
                continue  # 到2024年底已…, 力争8项，实际完成12项: what follows the cue is a result
            ym = _YEAR.search(cue)
            if ym and year and int(ym.group()) <= year and cue.startswith(("到", "至")):
                continue
            return "target"
        if plan and not self._reported(text, st, q_start, year):
            return "target"
        if self._ahead(st, q_start, year):
            return "target"
        return "actual"

    def _ahead(self, st: "SentenceTimes", q_start: int, year: int | None) -> bool:
        """The figure's own time (the last phrase before it) lies after the document's year:
        明年…20家, or 2026年…5个 in an article of 2025, can only be a goal."""
        best = st.last(q_start)
        if best is None:
            return False
        _, _, m, spec = best
        kind = spec.get("kind")
        if kind == "relative":
            return int(spec.get("offset", 0)) > 0
        if kind == "year" and year and not m.group().endswith(_SINCE):
            return _year(m, spec) > year
        if kind == SAME_YEAR and year and spec.get("_year"):
            return spec["_year"] > year
        return False

    def _reported(self, text: str, st: "SentenceTimes", q_start: int, year: int | None) -> bool:
        """The sentence says, before the figure, that it is a result: 已, 截至, 以来, a time
        before the document's year (2023年, 去年), or a look back (近三年, 过去一年, 近年来)."""
        if self._result_cue.search(text, st.start, q_start):
            return True
        for _s, e, m, spec in st.phrases:
            if e > q_start:
                continue
            kind = spec.get("kind")
            if kind in ("year", "year_range") and year and _year(m, spec) < year:
                return True
            if kind == "five_year_plan" and year and self._plan_years(m)[1] < year:
                return True  # “十三五”期间 in a plan of 2021: its baseline
            if kind == "relative" and int(spec.get("offset", 0)) < 0:
                return True
            if kind == SAME_YEAR and year and spec.get("_year") and spec["_year"] < year:
                return True  # 2023年，…。全年新发布… in a plan of 2024
            if kind in ("now", "span_years", "vague"):  # 截至目前; 近三年, 过去一年, 近年来 look back
                return True
        return False


_YEAR = compile_fast(r"\d{4}")
# the kind of 全年, 当年, 同年: the year the document last named before them, else its own
SAME_YEAR = "same_year"
BASE = "base"  # the group that marks a comparison's base named with its own figure
# …or with a list of them (从2021年的17家、2216亿元上升到…): the figures after its 的, joined by 、
_BASE_ITEMS = compile_fast(r"(?:[^,;。、\n]{1,6}、)+")  # a figure, no change after it


_SINCE = ("以来", "至今")  # 2023年以来, 2022年至今: from that year to the document's


_UNSEEN = object()


def _names_time(st: "SentenceTimes", end: int) -> bool:
    """The sentence itself (not its frame's lead) names a time or a target cue before ``end``."""
    a = st.start
    for p in st.phrases:  # loops, not any(): the lists are short, and this runs for each sentence walked
        if a <= p[0] < end:
            return True
    for c in st.cues:
        if a <= c[0] and c[1] <= end:
            return True
    return False


class SentenceTimes:
    __slots__ = ("phrases", "cues", "start", "_last")

    def __init__(self, phrases: list, cues: list, start: int = 0) -> None:
        self.phrases, self.cues, self.start = phrases, cues, start
        self._last: tuple[int, tuple | None] | None = None

    def last(self, q_start: int) -> tuple | None:
        """The time phrase a figure is tied to: the closest before it in its sentence; of those
        ending together, the longest (2021年至2024年 over 2024年). Kept for the last figure asked
        about: its time and its modality both ask, one after the other."""
        if self._last is not None and self._last[0] == q_start:
            return self._last[1]
        best = None
        for s, e, m, spec in self.phrases:
            if e <= q_start and (best is None or e > best[1] or (e == best[1] and s < best[0])):
                # 较2020年底的800项增长50%: the base's time is its own figure's only, the one
                # right after its 的 (or those listed with it)
                if BASE in spec and q_start > e + 1 and m.group(BASE) is not None and \
                        _BASE_ITEMS.fullmatch(m.string, e + 1, q_start) is None:
                    continue
                best = (s, e, m, spec)
        self._last = (q_start, best)
        return best


class YearTrail:
    """The year each point of a document speaks of, as the last time phrase before it says.

    全年, 当年 and 同年 refer back: in 2023年我省标准化工作再上新台阶。全年新发布地方标准185项
    the figure is of 2023, which matters in an article dated 2024 (a result, not this year's
    goal). The document's time phrases are found only when a sentence holds such a phrase, and
    the one before a point is chosen as a figure's is in its sentence (:meth:`SentenceTimes.last`)."""

    __slots__ = ("_finder", "_text", "_year", "_times")

    def __init__(self, finder: TimeFinder, text: str, year: int | None) -> None:
        self._finder, self._text, self._year = finder, text, year
        self._times: SentenceTimes | None = None

    def before(self, pos: int) -> int | None:
        """The year named by the last time phrase ending at or before ``pos`` (None: unknown)."""
        if self._times is None:
            found = [(m.start(), m.end(), m, spec) for rx, spec, _ in self._finder.phrases
                     for m in rx.finditer(self._text)]
            found.sort(key=lambda t: (t[0], t[1]))  # as in a sentence: ties keep the data's order
            self._times = SentenceTimes(found, [])
        while (best := self._times.last(pos)) is not None:
            start, _end, m, spec = best
            kind = spec.get("kind")
            if kind == "year" and not m.group().endswith(_SINCE):
                return _year(m, spec)
            if kind == "relative":
                return self._year + int(spec.get("offset", 0)) if self._year else None
            if kind not in ("year", "now", SAME_YEAR):
                return None  # a range, a five-year plan, 近三年: no one year
            if start >= pos:
                return None  # an empty match (a user's regex may allow one) would hold the search here
            # 全年 again, or a phrase that names no year of its own (截至目前, 2023年以来): look further back
            pos = start
        return None
