"""Which region a figure is about.

ONTOLOGY.md: an explicit region in the clause wins; otherwise 全市/全省/全区/我市 stand for the
document's main region at that level; otherwise the region the sentence or paragraph is about,
as long as it lies within the main region (an article about 嘉兴 that mentions a 浙江省 award
is still about 嘉兴); otherwise the main region, found in the title or the lead.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping, Sequence

import regex

from .regions import ADMIN_SUFFIXES, LEVEL_RANK, Gazetteer, Mention, Region
from .segment import Segments
from .stdlib_rules import compile_fast

# a blank line, a greeting, or a date line (2024年09月27日, not the title 2024年上半年…)
_TITLE_SKIP_SHAPES = r"^您|^\s*$|^\d{4}[-年./]\s*\d"
_TITLE_END = compile_fast(r"[。!?！？]\s*$")
_PARA_LOOKBACK = 2000  # how far back in its paragraph a figure looks for the region it is about
_BLOCK = 128  # region mentions are found per block of text, each scanned once
_OVERLAP = 16  # longer than any region name
_UNSEEN = object()
SOURCE_HEAD = 400  # a source line in the header lies in its first characters (a page may be one line)
SOURCE_TAIL = 200  # a source line at the end of an article lies in its last characters
_SOURCE_SPAN = 30  # an agency's name
_JOIN_SPAN = 12  # a place name and a joiner: where a place joined to another is looked for
_NAME_SPAN = 20  # how far a quoted name or a title around a region name is looked for
_TITLE_LEVELS = ("province", "city", "county")  # the scopes of a title that set an article's level
_EXCEPT_SPAN = 14  # how far 除 before a place, and 外 after it, are looked for
_PART_MARKS = ",: "  # between a breakdown cue and the place it opens with (其中，西安市, normalized)
_VENUE_BEFORE = "在于"  # a venue's place follows one of these (在北京举行, 于杭州召开)
_CLAUSE_END = compile_fast(r"[。!?！？;；,，:：\n]")


def source_cue_re(cues: Sequence[str]) -> Any:
    """A source line's cue and colon (来源:, 发布机构：); what follows names who wrote it."""
    if not cues:
        return compile_fast("(?!)")
    return compile_fast("(?:" + "|".join(regex.escape(w) for w in sorted(cues, key=len, reverse=True)) + ")[:：]\\s*")


def source_spans(text: str, cue_re: Any, head: int = SOURCE_HEAD) -> Iterator[tuple[int, int]]:
    """What each source line of the header (text[:head]) or of the last lines says after its
    cue, as (start, end of its line): who wrote the document."""
    head = min(head, len(text))
    tail = max(head, len(text) - SOURCE_TAIL)
    for lo, hi in ((0, head), (tail, len(text))):
        for m in cue_re.finditer(text, lo, hi):
            end = text.find("\n", m.end(), hi)
            yield m.end(), hi if end < 0 else end


@dataclass
class DocRegions:
    text: str
    main: Region | None
    _mentions: dict[int, tuple[list[int], list[tuple[Mention, Region]]]] = field(default_factory=dict)
    _named: dict[str, bool] = field(default_factory=dict)
    _context: dict[tuple[int, int, int], Region | None] = field(default_factory=dict)
    _resolved: dict[str, Any] = field(default_factory=dict)
    _scopes: dict[tuple[int, int], Any] = field(default_factory=dict)
    _in_name: dict[int, bool] = field(default_factory=dict)  # mention start -> inside a quoted name or a title
    _excepting: bool | None = None  # the text holds 除 (of 除…外), found on the first scan
    _header: list[tuple[int, int, str]] = field(default_factory=list)  # the first lines
    _source: Any = None  # the source line's region, looked up when first asked (_UNSEEN: not yet)


class SubjectResolver:
    def __init__(self, gaz: Gazetteer, context: Mapping) -> None:
        self.gaz = gaz
        self.scope = dict(context.get("scope_words", {}))
        self._scope_re = compile_fast(
            "|".join(regex.escape(s) for s in sorted(self.scope, key=len, reverse=True)) or "(?!)"
        )
        cont = context.get("region_name_continuations", [])
        self._cont = tuple(sorted(cont, key=len, reverse=True)) or ("\x00",)
        self._media = tuple(context.get("source_media", [])) or ("\x00",)
        self._dateline = compile_fast(str(context.get("dateline_after") or "(?!)"))
        # 除杭州外: the opening word within a short clause before a place, the closing one after it
        opens = sorted(context.get("except_open", []), key=len, reverse=True)
        closes = sorted(context.get("except_close", []), key=len, reverse=True)
        self._except_first = compile_fast("[" + "".join(sorted({regex.escape(w[0]) for w in opens})) + "]") \
            if opens and closes else None
        self._except_before = compile_fast(
            "(?:" + "|".join(regex.escape(w) for w in opens) + ")[^,;:!?。，；：！？\\n]{0,%d}\\Z" % _EXCEPT_SPAN) \
            if opens and closes else None
        self._except_after = compile_fast(
            "[^,;:!?。，；：！？\\n]{0,%d}?(?:" % _EXCEPT_SPAN + "|".join(regex.escape(w) for w in closes) + ")") \
            if opens and closes else None
        self._issued = tuple(context.get("standard_issuer_before", [])) or ("\x00",)
        self._joiners = "".join(str(j) for j in context.get("frame_joiners", []))  # 全国共有…7558家；从业人员…
        short_cont = context.get("short_name_continuations", [])
        self._short_cont = tuple(sorted(short_cont, key=len, reverse=True)) or ("\x00",)
        orgs = sorted(context.get("organization_suffixes", []), key=len, reverse=True)
        self._org_name = compile_fast(
            "[^\\s,;:!?。，；：！？、“”\"'()（）《》]{0,14}?(?:" + "|".join(regex.escape(o) for o in orgs) + ")"
            if orgs else "(?!)")
        self._part_cues = tuple(context.get("breakdown_cues", [])) or ("\x00",)
        self.header_lines = int(context.get("header_lines", 8))
        self._locative = tuple(context.get("locative_before", [])) or ("\x00",)
        self._venue_after = tuple(context.get("venue_after", [])) or ("\x00",)
        self._respective_cue = str(context.get("respectively", ""))
        self._each = tuple(context.get("each", [])) or ("\x00",)
        seps = context.get("list_separators", [])
        self._list_gap = compile_fast("(?:" + "|".join(regex.escape(x) for x in seps) + ")+" if seps else "(?!)")
        national = context.get("national_cues", ["全国", "我国"])
        self._national = compile_fast("|".join(regex.escape(w) for w in national) or "(?!)")
        # 全省首批, 全国率先: the scope word modifies a rank, it does not say whose figure it is
        self._ranks = tuple(context.get("rank_words", [])) or ("\x00",)
        self._scope_not_before = self._ranks + tuple(context.get("scope_not_before", []))
        self._scope_not_after = tuple(context.get("scope_not_after", [])) or ("\x00",)
        # 全国电子商务质量管理标准化技术委员会: a scope word opening a body's name is the name's
        names = sorted((str(w) for w in context.get("scope_name_suffixes", [])), key=len, reverse=True)
        opening = sorted((str(w) for w in context.get("scope_name_not_opening", [])), key=len, reverse=True)
        self._body_name = compile_fast(
            ("(?!" + "|".join(regex.escape(w) for w in opening) + ")" if opening else "") +
            "[^\\s,;:!?。，；：！？、“”\"'()（）《》\ue000\ue001]{0,16}?(?:"
            + "|".join(regex.escape(w) for w in names) + ")" if names else "(?!)")
        self._title_skip = compile_fast("|".join([regex.escape(w) for w in context.get("title_skip", [])]
                                                 + [_TITLE_SKIP_SHAPES]))
        self._source_re = source_cue_re(context.get("source_cues", []))
        joiners = context.get("place_joiners", [])
        self._joiner = compile_fast("(?:" + "|".join(regex.escape(w) for w in joiners) + ")" if joiners else "(?!)")
        self._example_re = compile_fast("|".join(regex.escape(w) for w in context.get("example_closers", [])) or "(?!)")
        self._brackets = [(str(p)[0], str(p)[1]) for p in context.get("name_brackets", []) if len(str(p)) == 2]
        # most names have no opening mark shortly before them: one C-level test says so
        self._opening_re = compile_fast("[" + "".join(regex.escape(o) for o, _ in self._brackets) + "]") \
            if self._brackets else None

    def _quoted(self, doc: DocRegions, m: Mention) -> bool:
        """The mention is part of a quoted name or a title (“福建优质品牌”, 《浙江省标准化条例》):
        not a figure's subject, though a title's 《合肥市…计划》 names the document. Found when
        a mention is weighed, once each."""
        hit = doc._in_name.get(m.start)
        if hit is None:
            hit = doc._in_name[m.start] = self._opening_re is not None and \
                self._opening_re.search(doc.text, max(0, m.start - _NAME_SPAN), m.start) is not None and \
                self._between_marks(doc.text, m.start, m.end)
        return hit

    def _between_marks(self, text: str, start: int, end: int) -> bool:
        """An opening mark before text[start:end] and the closing one after it, nearby, with
        more of the name inside (“杭州” alone is the place)."""
        for opening, closing in self._brackets:
            i = text.rfind(opening, max(0, start - _NAME_SPAN), start)
            if i < 0 or text.find(closing, i, start) >= 0:
                continue
            j = text.find(closing, end, end + _NAME_SPAN)
            if j < 0 or text.find(opening, end, j) >= 0:
                continue
            if i < start - 1 or j > end:
                return True
        return False

    # ------------------------------------------------------------------ mentions
    def _resolve(self, m: Mention, doc: DocRegions) -> Region | None:
        cands = list(m.candidates)
        if not cands:
            return None
        text = doc.text

        def mentioned(r: Region) -> bool:
            hit = doc._named.get(r.code)
            if hit is None:
                hit = r.name in text or any(s and s in text for s in self._short_names(r))
                doc._named[r.code] = hit
            return hit

        scored = []
        for c in cands:
            ancestors = [a for a in self.gaz.ancestors(c) if a.level != "country"]
            anc_mentioned = any(mentioned(a) for a in ancestors)
            if not m.full and c.level == "county" and not anc_mentioned:
                continue  # a county's short name counts only where its city or province is named
            scored.append((anc_mentioned, m.surface == c.name, -c.rank, c))
        if not scored:
            return None
        scored.sort(key=lambda t: (t[0], t[1], t[2]), reverse=True)
        return scored[0][3]

    def _short_names(self, r: Region) -> list[str]:
        return self.gaz.short_of.get(r.code, []) if r.level != "county" else []

    def valid_mentions(self, doc: DocRegions, a: int, b: int) -> list[tuple[Mention, Region]]:
        """Subject-capable region mentions inside text[a:b].

        The text is scanned in fixed blocks, each once and cached: every fact of a paragraph
        looks at windows of it, and a megabyte-long line costs no more than many short ones.
        """
        out: list[tuple[Mention, Region]] = []
        for k in range(a // _BLOCK, (b - 1) // _BLOCK + 1 if b > a else a // _BLOCK):
            starts, found = self._block(doc, k)
            for j in range(bisect.bisect_left(starts, a), len(starts)):
                m, r = found[j]
                if m.start >= b:
                    break
                if m.end <= b:
                    out.append((m, r))
        return out

    def _block(self, doc: DocRegions, k: int) -> tuple[list[int], list[tuple[Mention, Region]]]:
        block = doc._mentions.get(k)
        if block is None:
            found = self._scan_block(doc, k)
            block = doc._mentions[k] = ([m.start for m, _ in found], found)
        return block

    def _mentions_backwards(self, doc: DocRegions, a: int, b: int) -> Iterator[tuple[Mention, Region]]:
        """valid_mentions(doc, a, b) from the last, scanning a block only when it is reached:
        the subject of a figure is usually named close before it."""
        if b <= a:
            return
        blocks = doc._mentions
        for k in range(((b - 1) // _BLOCK), a // _BLOCK - 1, -1):
            block = blocks.get(k)
            starts, found = block if block is not None else self._block(doc, k)
            for j in range(bisect.bisect_left(starts, b) - 1, -1, -1):
                m, r = found[j]
                if m.start < a:
                    break
                if m.end <= b:
                    yield m, r

    def _scan_block(self, doc: DocRegions, k: int) -> list[tuple[Mention, Region]]:
        text = doc.text
        lo, hi = k * _BLOCK, (k + 1) * _BLOCK
        got = []
        # 除 anywhere in the document (most have none): only then is a place looked at for it
        excepting = doc._excepting
        if excepting is None:
            excepting = doc._excepting = self._except_first is not None and self._except_first.search(text) is not None
        # names are short: scanning a little past the block catches one that straddles it
        for m in self.gaz.mentions(text, lo, min(len(text), hi + _OVERLAP)):
            if m.start >= hi:
                break
            # 浙江制造, 杭州质量: a short name (杭州 ends like a full one) opening a brand's name
            if text.startswith(self._cont, m.end) or (text.startswith(self._short_cont, m.end) and
                                                      not (m.full and m.surface.endswith(ADMIN_SUFFIXES))):
                continue
            if self._dateline.match(text, m.end):  # 新华社北京3月12日电: where it was filed
                continue
            if excepting and self._excepted(text, m):  # 除杭州外，其余…: not whose figure it is
                continue
            # a name resolves the same way wherever it is in the document
            r = doc._resolved.get(m.surface, _UNSEEN)
            if r is _UNSEEN:
                r = doc._resolved[m.surface] = self._resolve(m, doc)
            if r is not None and not (r.level == "province" and text.startswith(self._issued, m.end)):
                got.append((m, r))
        return got

    def _excepted(self, text: str, m: Mention) -> bool:
        """The place is set apart by 除…外 (除杭州外, 除了宁波、温州以外)."""
        if self._except_before is None:
            return False
        lo = max(0, m.start - _EXCEPT_SPAN - 2)
        return self._except_before.search(text, lo, m.start) is not None and \
            self._except_after.match(text, m.end) is not None

    # ------------------------------------------------------------------ main region
    def document(self, text: str, segs: Segments) -> DocRegions:
        doc = DocRegions(text=text, main=None)
        lines = []
        pos = 0
        for line in text.split("\n", self.header_lines)[: self.header_lines]:
            lines.append((pos, pos + len(line), line))
            pos += len(line) + 1
        windows: list[tuple[int, int]] = []
        for s, e, line in lines:
            stripped = line.strip()
            if not stripped or self._title_skip.search(stripped):
                continue
            if 6 <= len(stripped) <= 60 and not _TITLE_END.search(stripped):
                windows.append((s, e))  # the title
            break
        titled = bool(windows)
        # the lead: the first paragraph of prose
        for s, e in segs.paragraphs:
            if e - s >= 40 and not self._title_skip.search(text[s:e].strip()[:10]):
                windows.append((s, min(e, s + 300)))
                break
        for n, (s, e) in enumerate(windows):
            found = self.valid_mentions(doc, s, e)
            if n or not titled:  # the lead's 《莆田市…规划》 is cited; a title's names the document
                found = [(m, r) for m, r in found if not self._quoted(doc, m)]
            found = self._without_examples(doc.text, found)
            if found and self._venues_only(text, found) and self._national_wording(text[:max(e for _, e in windows)]):
                continue  # a national report of an event held somewhere: the venue is no one's region
            main = self._narrowest(doc.text, found)
            if main is not None:
                doc.main = self._at_title_scope(text, windows[0], main) if n else main
                break
        doc._header = lines
        doc._source = _UNSEEN
        if doc.main is None:
            # no place in the title or lead: the agency the article comes from (来源:江苏省市场
            # 监督管理局) says whose 全省 it reports
            doc.main = doc._source = self._source_region(doc, lines)
        if doc.main is None and windows:
            # no place in the title or lead: a national source or national wording means 中国
            head = text[: max(e for _, e in windows)]
            if self._national_wording(head):
                doc.main = self.gaz.country
        if doc.main is None:
            doc.main = self._dateline_region(doc)
        return doc

    def _at_title_scope(self, text: str, title: tuple[int, int], main: Region) -> Region:
        """A title that names no place but a scope (我省发布2024年度地方标准) says at what level
        the article speaks: a narrower place its lead names first (…其中，杭州市企业…) is part
        of it, and the region is the one at the title's level around that place. A county-level
        city's 我市 is itself."""
        scope_m = self._last_scope(text, *title)
        if scope_m is None:
            return main
        level = self.scope[scope_m.group()]
        if level not in _TITLE_LEVELS or main.rank <= LEVEL_RANK[level]:
            # 全区 names no one level, 全国 in a title is where a thing goes (“湖州标准”走向全国);
            # a place at the title's level or above stays
            return main
        if level == "city" and main.level == "county" and main.name.endswith("市"):
            return main
        return self.gaz.at_level(main, level) or main

    def _national_wording(self, head: str) -> bool:
        """The head speaks of the country (全国共有…, 市场监管总局), not of a national body
        by its name (全国电子商务质量管理标准化技术委员会), nor of a rank (居全国前列)."""
        for m in self._national.finditer(head):  # a loop, not any(): this runs for most documents
            if self._body_name.match(head, m.end()) is None and not head.startswith(self._ranks, m.end()):
                return True
        return False

    def _dateline_region(self, doc: DocRegions) -> Region | None:
        """The place of a dateline in the header (中新网杭州1月5日电 今年以来，全市…): a wire
        report that names no other place is about where it was filed."""
        text = doc.text
        for m in self.gaz.mentions(text, 0, min(len(text), SOURCE_HEAD)):
            if self._dateline.match(text, m.end):
                return self._resolve(m, doc)
        return None

    def _source_region(self, doc: DocRegions, header: list[tuple[int, int, str]]) -> Region | None:
        """The region of a source line (来源:, 发布机构:) in the header or the last lines: a
        national body or newspaper says nothing about the region, so the country is left out."""
        text = doc.text
        for a, b in source_spans(text, self._source_re, min(header[-1][1] if header else 0, SOURCE_HEAD)):
            found = [(mm, r) for mm, r in self.valid_mentions(doc, a, min(b, a + _SOURCE_SPAN)) if r.level != "country"]
            if found and found[0][0].start - a <= 2:  # the source itself, not a later field
                return self._narrowest(text, found)
            media = self._media_region(doc, a, min(b, a + _SOURCE_SPAN))
            if media is not None:
                return media
        return None

    def _media_region(self, doc: DocRegions, a: int, b: int) -> Region | None:
        """A source that is a region's own newspaper or station (来源：常州日报): its region. The
        name is part of the paper's elsewhere (continuations), not here."""
        text = doc.text
        for m in self.gaz.mentions(text, a, b):
            if m.start - a <= 2 and text.startswith(self._media, m.end):
                r = self._resolve(m, doc)
                if r is not None and r.level != "country":
                    return r
            break
        return None

    def _without_examples(self, text: str, mentions: list[tuple[Mention, Region]]) -> list[tuple[Mention, Region]]:
        """Drop places that are examples of a larger set (在河北、黑龙江、上海等13个地方开展…):
        a run of joined places closed by 等 says what the article covers, not where it is."""
        kept: list[tuple[Mention, Region]] = []
        run: list[tuple[Mention, Region]] = []
        for i, (m, r) in enumerate(mentions):
            run.append((m, r))
            nxt = mentions[i + 1][0] if i + 1 < len(mentions) else None
            if nxt is not None and self._joiner.fullmatch(text, m.end, nxt.start):
                continue  # the run goes on
            if not self._example_re.match(text, m.end):
                kept.extend(run)
            run = []
        return kept

    def _narrowest(self, text: str, mentions: list[tuple[Mention, Region]]) -> Region | None:
        """The main region of a title or lead: the first place named, narrowed by places inside
        it (浙江省嘉兴市 -> 嘉兴市), except where a place is only where something happened
        (浙江省市场监管局在杭州召开… stays 浙江省), or a part the lead goes on to (陕西省共有6个
        城市参与…。其中，西安市…: the article is the province's)."""
        best: Region | None = None
        where_end = -1  # the end of the last place named as where (在广东广州: both are)
        for m, r in mentions:
            locative = text.endswith(self._locative, 0, m.start) or m.start == where_end
            if locative:
                where_end = m.end
            if best is None:
                best = r
            elif self.gaz.is_within(r, best) and not locative and not self._a_part(text, m.start):
                best = r
        return best

    def _venues_only(self, text: str, found: list[tuple[Mention, Region]]) -> bool:
        """Every place named is where an event was held (活动在北京举行)."""
        for m, _ in found:
            if not self._venue(text, m):
                return False
        return True

    def _venue(self, text: str, m: Mention) -> bool:
        """The place is where an event was held (在北京举行), whoever held it. Most places have
        neither word before them: one character test says so."""
        return m.start > 0 and text[m.start - 1] in _VENUE_BEFORE and text.startswith(self._venue_after, m.end)

    def _a_part(self, text: str, start: int) -> bool:
        """A breakdown cue right before the place, a mark or two between (其中，西安市)."""
        head = text[max(0, start - 6):start].rstrip(_PART_MARKS)
        return head.endswith(self._part_cues)

    # ------------------------------------------------------------------ per fact
    def resolve(self, doc: DocRegions, segs: Segments, q_start: int,
                clause_quantities: Sequence[int] = (), where: tuple[int, int] | None = None) -> Region | None:
        """``clause_quantities``: starts of the quantities of the figure's clause, for
        安吉县、德清县分别入选…2个和3个 (each place takes its figure, in order).
        ``where``: (sentence start, clause start) when the caller has them already."""
        text = doc.text
        if where is None:
            sent_a = segs.sentence_of(q_start)[0]
            where = (sent_a, segs.clause_start(q_start, sent_a))
        sent_a, clause_a = where
        para_a, _ = segs.paragraph_of(q_start)
        if len(clause_quantities) > 1:
            respective = self._respectively(doc, clause_a, q_start, clause_quantities)
            if respective is not None:
                return respective
        each = self._each_of(doc, clause_a, q_start)
        if each is not None:
            return each
        # 1. an explicit region in the clause (not an item of a list of places)
        found = self._last_subject(doc, clause_a, q_start, q_start, any_region=True, figures=clause_quantities)
        scope_m = self._last_scope(text, clause_a, q_start)
        if found is not None and (scope_m is None or scope_m.start() < found[0].start):
            return found[1]
        if scope_m is None and found is None:
            # the sentences joined by semicolons before it (the frame joiners, over which a time
            # reaches too): 全国共有检验检测机构7558家；从业人员69.89万人 is one statement
            chain_a = sent_a
            if sent_a > para_a and text[sent_a - 1] in self._joiners:
                chain_a = segs.sentences[segs.run_start(segs.sentence_index(sent_a), text, self._joiners)][0]
            if clause_a > chain_a:
                scope_m = self._sentence_scope(doc, chain_a, clause_a, q_start)
        context = self._context_region(doc, segs, para_a, sent_a, clause_a, q_start)
        if scope_m is not None:
            level, around = self.scope[scope_m.group()], context or doc.main
            scoped = self._scoped(level, around, doc.main)
            return scoped if scoped is not None or around is None else self._source_at(doc, level, around)
        return context or doc.main

    def _source_at(self, doc: DocRegions, level: str, around: Region) -> Region | None:
        """我市 in a city paper's report of a provincial decision (浙江省市场监管局认定…，我市
        牵头制定的10项标准入围): the lead names the province, the source line (撰稿：台州发布)
        the city; the city is whose figure it is when it lies in the region named around."""
        if doc._source is _UNSEEN:
            doc._source = self._source_region(doc, doc._header)
        source = doc._source
        if source is None or source.level != level or not self.gaz.is_within(source, around):
            return None
        return source

    def _last_scope(self, text: str, a: int, b: int) -> Any:
        """The last scope word in text[a:b] that says whose figure it is (not 全省首批, a rank,
        nor 参与我国牵头的, who leads what the subject takes part in, nor the opening of a
        body's name, 全国电子商务质量管理标准化技术委员会)."""
        scope_m = None
        for m in self._scope_re.finditer(text, a, b):
            if not text.startswith(self._scope_not_before, m.end()) and \
                    not text.endswith(self._scope_not_after, 0, m.start()) and \
                    self._body_name.match(text, m.end()) is None:
                scope_m = m
        return scope_m

    def _sentence_scope(self, doc: DocRegions, sent_a: int, clause_a: int, q_start: int) -> Any:
        """我市主导制定国际标准12项、国家标准89项，地方标准47项: a scope word earlier in the
        sentence still holds, unless the sentence names a place (then it is about that one).
        Every figure of a clause shares the answer, so it is found once."""
        key = (sent_a, clause_a)
        if key in doc._scopes:
            return doc._scopes[key]
        text = doc.text
        scope_m = self._last_scope(text, sent_a, clause_a)
        if scope_m is not None and self._last_subject(doc, sent_a, clause_a, q_start, True) is not None:
            scope_m = None
        doc._scopes[key] = scope_m
        return scope_m

    def _respectively(self, doc: DocRegions, clause_a: int, q_start: int,
                      clause_quantities: Sequence[int]) -> Region | None:
        """Places listed before 分别 and as many figures after it pair up in order (a figure
        before the places, 排在前2位的…, is not one of them)."""
        text = doc.text
        cue = text.rfind(self._respective_cue, clause_a, q_start) if self._respective_cue else -1
        if cue < 0:
            return None
        clause_quantities = [q for q in clause_quantities if q > cue]
        places: list[tuple[Mention, Region]] = []
        for m, r in self.valid_mentions(doc, clause_a, cue):
            if r.level == "country" or self._quoted(doc, m):
                continue
            if places and places[-1][0].end == m.start and self.gaz.is_within(r, places[-1][1]):
                places[-1] = (m, r)  # 嘉兴市南湖区: the narrower name is the place
            else:
                places.append((m, r))
        if len(places) != len(clause_quantities):
            return None
        for (m1, _), (m2, _) in zip(places, places[1:]):
            if self._list_gap.fullmatch(text[m1.end:m2.start]) is None:
                return None  # not one list of places
        order = sorted(clause_quantities)
        return places[order.index(q_start)][1] if q_start in order else None

    def _each_of(self, doc: DocRegions, clause_a: int, q_start: int) -> Region | None:
        """The first of the places listed right before 各 or 均 in the figure's clause
        (龙岩市、三明市各2个): the figure is each one's, so no region around them is its subject."""
        text = doc.text
        cue = -1
        for w in self._each:
            i = text.rfind(w, clause_a, q_start)
            cue = max(cue, i)
        if cue < 0:
            return None
        places: list[tuple[Mention, Region]] = []
        for m, r in self.valid_mentions(doc, clause_a, cue):
            if r.level != "country" and not self._quoted(doc, m):
                places.append((m, r))
        if len(places) < 2 or places[-1][0].end != cue:
            return None
        first = len(places) - 1
        while first > 0 and self._list_gap.fullmatch(text, places[first - 1][0].end, places[first][0].start):
            first -= 1
        return places[first][1] if first < len(places) - 1 else None

    def _context_region(self, doc: DocRegions, segs: Segments, para_a: int, sent_a: int,
                        clause_a: int, q_start: int) -> Region | None:
        # the windows end where the figure's clause starts: every figure of a clause shares them
        key = (para_a, sent_a, clause_a)
        if key in doc._context:
            return doc._context[key]
        found = self._context_region_uncached(doc, para_a, sent_a, clause_a, q_start)
        doc._context[key] = found
        return found

    def _context_region_uncached(self, doc: DocRegions, para_a: int, sent_a: int, clause_a: int,
                                 q_start: int) -> Region | None:
        for a, b in ((sent_a, clause_a), (max(para_a, sent_a - _PARA_LOOKBACK), sent_a)):
            if b <= a:
                continue
            found = self._last_subject(doc, a, b, q_start, any_region=doc.main is None)
            if found is not None:
                return found[1]
        return None

    def _last_subject(self, doc: DocRegions, a: int, b: int, q_start: int,
                      any_region: bool, figures: Sequence[int] = ()) -> tuple[Mention, Region] | None:
        """The last place in text[a:b] that a figure at ``q_start`` can be about. ``figures``: the
        starts of the clause's figures, in order; a list of figures after the place
        (杭州市…国际标准20项、国家标准35项) is no list of places."""
        text = doc.text
        for m, r in self._mentions_backwards(doc, a, b):
            if self._quoted(doc, m) or self._venue(text, m):
                continue  # a name's part, or where an event was held: not whose figure it is
            stop = _CLAUSE_END.search(text, m.end, q_start)
            end = stop.start() if stop else q_start
            if figures:
                k = bisect.bisect_right(figures, m.end)
                if k < len(figures) and figures[k] < end:
                    end = figures[k]
            gap = text[m.end : end]
            if self._example_re.search(gap, 0, 12):
                continue  # 临安青山湖科技城、萧山浦阳等34个…: places in a list are not the subject
            if "、" in gap and self.valid_mentions(doc, m.end + gap.index("、"), end):
                continue  # …nor is one with more places listed after it (not ISO、IEC秘书处6个)
            if r.level == "country":
                continue
            if any_region or doc.main is None or self.gaz.is_within(r, doc.main):
                if self._joined(doc, m):
                    continue  # 宁波市与舟山市联合发布…: a figure of both
                if doc.main is not None and doc.main != r and self.gaz.is_within(doc.main, r) and \
                        self._org_name.match(text, m.end):
                    return m, doc.main  # 浙江正泰电器股份有限公司 in an article of 温州市: a firm there
                return m, r
        return None

    def _joined(self, doc: DocRegions, m: Mention) -> bool:
        """The place is joined to another by 与, 和, 、 (宁波市与舟山市)."""
        text = doc.text
        for pm, _ in self.valid_mentions(doc, max(0, m.start - _JOIN_SPAN), min(len(text), m.end + _JOIN_SPAN)):
            if pm.end <= m.start and self._joiner.fullmatch(text, pm.end, m.start):
                return True
            if pm.start >= m.end and self._joiner.fullmatch(text, m.end, pm.start):
                return True
        return False

    def _scoped(self, level: str, current: Region | None, main: Region | None = None) -> Region | None:
        """The region at the scope word's level (全市, 全省) around ``current``; ``main`` is the
        document's region."""
        if level == "country":
            return self.gaz.country
        if current is not None and current.level == "group":
            # 浙江积极推进长三角一体化，全省…: the province is the article's, not one of the group's
            current = main if main is not None and main.level != "group" else None
        if current is None:
            return None
        if level == "county_or_autonomous":
            if current.level == "county":
                return current
            prov = self.gaz.at_level(current, "province")
            if prov is not None and "自治区" in prov.name:
                return prov
            return current
        if level == "city" and current.level == "county" and current.name.endswith("市") and current == main:
            return current  # 晋江市, a county-level city the article is about: its 全市 is itself
        found = self.gaz.at_level(current, level)
        if found is None and level == "city":
            prov = self.gaz.at_level(current, "province")
            if prov is not None and prov.name.endswith("市"):  # 北京市: a province that is a city
                found = prov
        if found is None and LEVEL_RANK[level] > current.rank:
            return None  # 全市 in an article about a province: which city is not known
        return found or current
