"""Sentences and clauses cut only where figures are read the same as cut over the whole text."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from conftest import SEEDS, read_seed
from zhstdextract.segment import MAX_SENTENCE, segment

SENTENCE_END = "[。!?！？;；\\n]"
CLAUSE_END = "[。!?！？;；,，:：\\n]"
PIECES = ["主导制定国家标准35项", "。", "，", "；", "\n", "\n\n", "全市", "：", "国际标准", "、",
          "字" * (MAX_SENTENCE + 30), "，".join(["字" * 150] * 4), "——", "(1)", " "]
LIST_ITEM = "\\s*(?:[—–\\-·•●]+|\\(\\d{1,2}\\))"
INTRO_ENDS = "：:"


def _same_at(text: str, positions: list[int]) -> None:
    whole = segment(text, SENTENCE_END, CLAUSE_END, list_item=LIST_ITEM, intro_ends=INTRO_ENDS)
    near = segment(text, SENTENCE_END, CLAUSE_END, near=positions, list_item=LIST_ITEM, intro_ends=INTRO_ENDS)
    assert near.paragraphs == whole.paragraphs
    for p in positions:
        sa = whole.sentence_of(p)
        assert near.sentence_of(p) == sa
        assert near.clause_start(p, sa[0]) == whole.clause_start(p, sa[0])
        assert near.paragraph_of(p) == whole.paragraph_of(p)
        # a list's introducing line is cut too, where an item holds a figure
        start = whole.frame_start(p)
        assert near.frame_start(p) == start
        assert near.sentence_of(start) == whole.sentence_of(start)
    assert len(near.sentences) <= len(whole.sentences)


def test_a_list_runs_back_over_its_items_to_the_line_that_introduces_it():
    text = "全市下一步目标：\n——新增国家标准35项；\n——新增试点12个。\n全市。\n——新增5项。"
    segs = segment(text, SENTENCE_END, CLAUSE_END, near=[text.index("12个"), text.rindex("5项")], list_item=LIST_ITEM,
                   intro_ends=INTRO_ENDS)
    assert segs.frame_start(text.index("12个")) == 0
    assert segs.frame_start(text.rindex("5项")) == text.index("——新增5项")  # after prose: no list
    assert segs.sentence_of(0) == (0, text.index("\n") + 1)  # the introducing line is cut


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30), st.data())
def test_sentences_near_figures_are_those_of_the_whole(pieces, data):
    text = "".join(pieces)
    positions = data.draw(st.lists(st.integers(min_value=0, max_value=len(text) - 1), min_size=1, max_size=5))
    positions = [p for p in positions if text[p] != "\n"]  # a figure never starts on a line break
    if positions:
        _same_at(text, positions)


def test_seed_articles():
    for p in sorted(SEEDS.glob("*.txt")):
        text = read_seed(p)
        positions = [i for i in range(0, len(text), 97) if text[i] != "\n"]
        _same_at(text, positions)


def test_without_line_breaks_as_ends_the_whole_text_is_cut():
    text = "主导制定国家标准35项\n全市12项。"
    near = segment(text, "[。]", "[。,]", near=[0])
    assert near.sentences == segment(text, "[。]", "[。,]").sentences
