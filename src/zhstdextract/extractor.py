"""The extraction pipeline, from text to facts.

normalize -> quantities (one regex pass) -> sentences -> rules and enumerations (only sentences
that hold a quantity) -> subject, time, modality -> facts with spans in the original text.
"""
from __future__ import annotations

import datetime as _dt
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .engine import Assignment, RuleEngine
from .facts import Fact
from .lexicon import Lexicon
from .normalization import Normalized, changing_re, normalize, to_simplified_converter
from . import startup_cache
from .patternset import PatternSet, load_patterns, pattern_files, pattern_folders
from .quantity import Quantity, QuantityFinder
from .regions import Gazetteer
from .segment import Segments, segment
from .subject import SubjectResolver
from .temporal import TimeFinder, YearTrail, parse_date


@dataclass
class Analysis:
    """Everything the pipeline computed for one text (for explain and debugging)."""

    norm: Normalized
    quantities: list[Quantity]
    segments: Segments
    assignments: dict[int, Assignment]
    facts: list[Fact]
    date: _dt.date | None
    main_region: str | None


class Extractor:
    """A reusable extractor: patterns are loaded, validated and compiled once.

    ``patterns`` are user folders layered over the built-in ones (``builtin=False`` drops those).
    A bad folder raises :class:`~zhstdextract.patternset.PatternError` listing every problem.
    """

    def __init__(self, patterns: Iterable[str | Path] | None = None, *, builtin: bool = True,
                 cache: bool = True) -> None:
        folders = list(patterns or [])
        # The OpenCC converter is made here, not on the first text: every extraction needs it,
        # and a Ctrl-C that lands inside its import is turned by opencc into an ImportError
        # that would then fail every document of a batch instead of stopping it.
        to_simplified_converter()
        key = self._cache_key(folders, builtin) if cache else None
        if key is not None:
            stored = startup_cache.load(key)
            if isinstance(stored, Extractor):
                self.__setstate__(stored.__dict__)
                return
        self._build(folders, builtin)
        if key is not None:
            self.warm()  # stored whole: the next process compiles nothing
            startup_cache.save(key, self)

    @staticmethod
    def _cache_key(folders: list[str | Path], builtin: bool) -> str | None:
        """The start-up cache's name for these pattern folders (None: no cache)."""
        if startup_cache.cache_dir() is None:
            return None
        layers = pattern_folders(folders, builtin)
        files = [f for layer in layers for f in pattern_files(layer)]
        return startup_cache.key(layers, files, options=f"builtin={builtin}")

    def _build(self, folders: list[str | Path], builtin: bool) -> None:
        self.patterns: PatternSet = load_patterns(folders, builtin=builtin)
        data = self.patterns.data
        ctx = data.get("context", {})
        self.lexicon = Lexicon(data, domain_words=self._domain_words())
        self.finder = QuantityFinder(self.lexicon)
        self.times = TimeFinder(ctx, self.lexicon.numbers)
        # the literals of the rules and of the time phrases are found in one pass per sentence
        self.engine = RuleEngine(self.patterns, more_literals=self.times.literal_words)
        self.engine.lists.strip_places = self._strip_places
        self._ctx = ctx
        # how text is cut: sentences, clauses, and lists one item a line (segment.py)
        self._cuts = (ctx.get("sentence_end", "[。!?;\\n]"), ctx.get("clause_end", "[。,;\\n]"),
                      ctx.get("list_item"), "".join(ctx.get("list_intro_ends", [])))
        self._changing: Any = None  # normalization.changing_re(), once warmed
        self._gaz: Gazetteer | None = None
        self._subjects: SubjectResolver | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_lock", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()
        self.engine.lists.strip_places = self._strip_places  # bound to this object, not the stored one

    def _domain_words(self) -> list[str]:
        words: list[str] = []
        for vocab in self.patterns.vocabs.values():
            words += list(vocab.surface_to_value) + sorted(vocab.several_set)
        for m in self.patterns.metrics.values():
            words += m.heads
        return words

    @property
    def subjects(self) -> SubjectResolver:
        """The gazetteer is only read when the first fact needs a subject."""
        if self._subjects is None:
            with self._lock:
                if self._subjects is None:
                    self._gaz = Gazetteer(self.patterns.region_files, self._ctx.get("country"),
                                          self._ctx.get("word_like_short_names", ()))
                    self._subjects = SubjectResolver(self._gaz, self._ctx)
        return self._subjects

    def _strip_places(self, part: str) -> str:
        """``part`` without the region names in it (for list items broken down by place)."""
        gaz = self.subjects.gaz
        out, pos = [], 0
        for m in gaz.mentions(part):
            out.append(part[pos:m.start])
            pos = m.end
        return "".join(out) + part[pos:] if out else part

    def warm(self) -> "Extractor":
        """Do now what is otherwise done on first use (compile every rule, read the gazetteer),
        e.g. before forking workers, so that they share it instead of each doing it again."""
        self.engine.warm()
        # what OpenCC changes, found once and stored with the rest: a batch's parent does not
        # read it off the converter before forking (~20 ms), nor each worker after; an
        # extractor from the start-up cache has it already
        if self._changing is None:
            self._changing = changing_re()
        _ = self.subjects
        return self

    # ------------------------------------------------------------------ API
    def normalize(self, text: str) -> Normalized:
        return normalize(text, self._changing)

    def quantities(self, text: str) -> list[Quantity]:
        """Every quantity phrase in ``text`` (no metric mapping)."""
        return self.finder.find(normalize(_check_text(text), self._changing))

    def extract(self, text: str, *, doc: str | None = None, date: Any = None,
                include_unmapped: bool = False) -> list[Fact]:
        """Facts of ``text``, ordered by span. ``date`` anchors 今年/去年 when the text has no dateline."""
        return self.analyze(text, doc=doc, date=date, include_unmapped=include_unmapped).facts

    def analyze(self, text: str, *, doc: str | None = None, date: Any = None,
                include_unmapped: bool = False) -> Analysis:
        text = _check_text(text)
        norm = normalize(text, self._changing)
        ntext = norm.text
        quantities = self.finder.find(norm)
        the_date = parse_date(date) or self.times.document_date(ntext)
        if not quantities:  # most text of an archive: nothing more to do
            whole = Segments([(0, len(ntext))], [(0, len(ntext))], [])
            return Analysis(norm, [], whole, {}, [], the_date, None)
        sentence_end, clause_end, list_item, intro_ends = self._cuts
        segs = segment(ntext, sentence_end, clause_end, near=[q.norm_span[0] for q in quantities],
                       list_item=list_item, intro_ends=intro_ends)
        present: dict[int, set[str]] = {}
        assignments = self.engine.assign(ntext, quantities, segs, present)
        year = the_date.year if the_date else self.times.title_year(ntext)
        facts: list[Fact] = []
        main_name = None
        docregions = None
        if assignments or include_unmapped:
            docregions = self.subjects.document(ntext, segs)
            main_name = docregions.main.name if docregions.main else None
        times: dict[int, Any] = {}
        trail = YearTrail(self.times, ntext, year)  # read only if 全年, 当年 or 同年 occurs
        plan = self.times.is_plan(ntext)
        # a plan's review of the past (一、发展基础) reports results: there it speaks as a report;
        # a report's section on what is to come (三、下一步工作) states targets: there it speaks as a plan
        reviews = self.times.review_sections(ntext) if plan and (assignments or include_unmapped) else []
        ahead = self.times.plan_sections(ntext) if not plan and (assignments or include_unmapped) else []
        reported: dict[tuple[str, int], Any] = {}  # what the paragraphs' sentences say of times and cues
        # each quantity's sentence and clause, found once
        located = []
        figures = [q.norm_span[0] for q in quantities]  # in order, as found
        by_clause: dict[int, list[int]] = {}
        for q in quantities:
            s0 = q.norm_span[0]
            sa, sb = segs.sentence_of(s0)
            ca = segs.clause_start(s0, sa)
            located.append((sa, sb, ca))
            by_clause.setdefault(ca, []).append(s0)
        for i, q in enumerate(quantities):
            a = assignments.get(i)
            if a is None and not include_unmapped:
                continue
            s = q.norm_span[0]
            sent_a, sent_b, clause_a = located[i]
            st = times.get(sent_a)
            if st is None:
                k = segs.sentence_index(s)
                lead = self.times.lead(ntext, segs, k)  # 到2025年，…；…
                st = times[sent_a] = self.times.sentence(ntext, sent_a, sent_b, present.get(sent_a), lead, trail)
                reported[("times", k)] = st  # the paragraph tests read a sentence's own times from it
            time, said = self.times.phrase(st, s, year), None
            if time is None:
                time, said = self.times.paragraph_time(ntext, segs, s, year, reported, st, figures)
            if said == "target":  # the paragraph goes on in a goal's time (到2027年，…。新增…100家。)
                modality = "target"
            else:
                in_plan = plan or bool(ahead) and any(a <= s < b for a, b in ahead)
                modality = self.times.modality(ntext, st, s, year, in_plan and not self._reports(
                    ntext, segs, s, year, reviews, reported, st))
            region = None
            if docregions is not None:
                region = self.subjects.resolve(docregions, segs, s, by_clause[clause_a], (sent_a, clause_a))
            facts.append(Fact(
                doc=doc,
                metric=a.metric if a else None,
                value=q.value,
                unit=q.unit,
                qualifier=q.qualifier,
                dims=dict(sorted(a.dims.items())) if a else {},
                subject=region.name if region else None,
                modality=modality,
                time=time,
                span=q.span,
                text=q.text,
                rule=a.rule.id if a else None,
                subject_code=region.code if region and region.level != "group" else None,
                via=a.via if a else "none",
                rule_where=a.rule.where if a else None,
                matched=ntext[a.match_span[0]:a.match_span[1]] if a else None,
                value_max=q.value_max,
            ))
        return Analysis(norm, quantities, segs, assignments, facts, the_date, main_name)

    def _reports(self, ntext: str, segs: Segments, s: int, year: int | None,
                 reviews: list[tuple[int, int]], cache: dict[tuple[str, int], Any], st: Any) -> bool:
        """A plan's figure at ``s`` is in a passage that reports: a section reviewing the past
        (一、发展基础), or a paragraph that opened with a past time and named no other since.
        ``st``: the times of the figure's sentence, found already."""
        return any(a <= s < b for a, b in reviews) or \
            self.times.paragraph_reports(ntext, segs, s, year, cache, own=st)


def _check_text(text: Any) -> str:
    if isinstance(text, bytes):
        raise TypeError("extract() takes str; decode bytes first (zhstdextract.readers.decode_bytes)")
    if not isinstance(text, str):
        raise TypeError(f"extract() takes str, not {type(text).__name__}")
    return text
