"""Normalization keeps one offset map; every span points at the original characters."""
from __future__ import annotations

import pytest
from conftest import SEEDS, read_seed
from hypothesis import given, settings, strategies as st

from zhstdextract.normalization import normalize


@pytest.mark.parametrize(
    "original, normalized",
    [
        ("標(biāo)準(zhǔn)", "标准"),
        ("質(zhì)量", "质量"),
        ("國家標準近350項", "国家标准近350项"),
        ("１７０项", "170项"),
        ("９４．３％", "94.3%"),
        ("全国(行業)标准", "全国(行业)标准"),  # Chinese in brackets is text, not pinyin
        ("委员会(TC563)", "委员会(TC563)"),
        ("平台(NQI2.0)", "平台(NQI2.0)"),
        ("a\u200bb", "ab"),
        # a space between two Han characters joins a headline's phrases: it reads as a comma
        ("标准\u3000化", "标准,化"),
        ("报告发布  国家标准已达44499项", "报告发布, 国家标准已达44499项"),
        # … but not in a title, where it sets a standard's name apart
        ("《智慧城市 术语》", "《智慧城市 术语》"),
        ("標（biāo）準", "标准"),
        # an annotation printed twice or more, as some sites do, goes as a whole
        ("標(biao)(biao)準化(hua)示范區", "标准化示范区"),
        ("的(de)(de)(de)工作", "的工作"),
        ("農(nong)(nong)業 12個", "农业12个"),
        # (a), a syllable, goes as it always did; (b) is none and ends the run
        ("包括(a)(b)两项", "包括(b)两项"),
        # spaces between a Han character and a digit go; others stay
        ("国家标准 12 项", "国家标准12项"),
        ("国家标准\u3000１２\u00a0项", "国家标准12项"),
        ("ISO 9001 认证", "ISO 9001认证"),
        ("字号 大 中 小", "字号,大,中,小"),
        ("ISO 认证 English", "ISO 认证 English"),
        # variants OpenCC leaves: 陜 is 陕, and 巿 stands in for 市
        ("陜西省巿場監管局", "陕西省市场监管局"),
        ("共 3 项 2024 年", "共3项2024年"),
        # …and after an annotation, as after the character it annotates
        ("機構(gòu) 36327家", "机构36327家"),
        ("機構(gòu)\u3000 36327家", "机构36327家"),
        ("(gòu) 12", "(gòu) 12"),
        # an HTML space entity left in scraped text; other entities stay text
        ("国家标准&nbsp;35项", "国家标准35项"),
        ("A&amp;B", "A&amp;B"),
        ("\ufffd标准", "标准"),
        # corner brackets, as traditional text quotes, are the quotes rules are written with
        ("企業標準「領跑者」", "企业标准“领跑者”"),
        ("『浙江制造』", "‘浙江制造’"),
    ],
)
def test_normalized_view(original, normalized):
    assert normalize(original).text == normalized


def test_span_maps_back_over_pinyin():
    text = "全市國家標(biāo)準(zhǔn)近350項,"
    n = normalize(text)
    i = n.text.index("国家标准近350项")
    a, b = n.to_original(i, i + len("国家标准近350项"))
    assert text[a:b] == "國家標(biāo)準(zhǔn)近350項"


def test_a_repeated_annotation_maps_back_as_one():
    text = "累计建设289個(ge)(ge)國家級農(nong)(nong)業標(biao)(biao)準化示范區"
    n = normalize(text)
    i = n.text.index("国家级农业标准化")
    assert n.slice_original(i, i + len("国家级农业标准化")) == "國家級農(nong)(nong)業標(biao)(biao)準化"
    i = n.text.index("289个")
    assert n.slice_original(i, i + 4) == "289個(ge)(ge)"


def test_annotation_after_last_character_belongs_to_it():
    text = "標(biāo)準(zhǔn)化"
    n = normalize(text)
    assert n.slice_original(0, 2) == "標(biāo)準(zhǔn)"


def test_a_deleted_space_maps_inside_the_span_and_never_past_its_end():
    text = "主导制定国家标准 12 项 和行业标准"
    n = normalize(text)
    i = n.text.index("12项")
    assert n.slice_original(i, i + 3) == "12 项"


def test_a_span_grown_over_an_annotation_leaves_the_spaces_it_took():
    n = normalize("標準(zhǔn) 12項")
    assert n.text == "标准12项"
    assert n.slice_original(0, 2) == "標準(zhǔn)"
    assert n.slice_original(2, 5) == "12項"


def test_mojibake_is_left_alone_and_does_not_shift_spans():
    text = "“我們想?yún)⑴c制定國家標準,有哪些途徑?”共5項"
    n = normalize(text)
    i = n.text.index("5项")
    assert n.slice_original(i, i + 2) == "5項"


def test_mojibake_is_not_turned_into_rarer_characters():
    # GBK read as UTF-8 (鍒, 皟) has "traditional" forms only OpenCC's tofu-risk dictionaries
    # map, to characters outside the BMP that no rule names; bindings since 1.4 leave them out
    import inspect
    import opencc

    text = "标准鍒皟"
    out = normalize(text).text
    assert len(out) == len(text)
    if "include_tofu_risk_dictionaries" in inspect.signature(opencc.OpenCC.__init__).parameters:
        assert out == text


def test_a_document_on_one_line_gets_its_line_breaks_back():
    # line breaks turned into runs of spaces by a scraper (the paragraph indent, \u3000\u3000):
    # the first space of each run reads as a line break again, one character for one
    head = "某市标准化三年行动方案\u3000\u3000发布时间：2025-01-02\u3000\u3000"
    body = "全市主导制定国家标准35项，参与制定行业标准48项。" * 8
    n = normalize(head + body)
    assert len(n.text) == len(head + body)
    assert n.text.split("\n")[0] == "某市标准化三年行动方案"
    assert n.text.count("\n") == 2
    # a text with line breaks, or a short one, keeps its spaces
    assert "\n\n" not in normalize("标题\n" + head + body).text.replace("\n ", "")
    assert normalize("标题\n" + head + body).text.count("\n") == 1
    assert "\n" not in normalize("全市主导制定国家标准35项，  参与制定行业标准48项。").text
    # on one line, a single space between a Han character and a digit still closes up, and a run
    # after a date is the line break it was
    n = normalize("发布时间：2025-01-02\u3000\u3000国家标准 12 项" + body)
    assert n.text.startswith("发布时间:2025-01-02\n 国家标准12项")


def test_lone_surrogates_survive():
    n = normalize("a\ud800標準")
    assert n.text.endswith("标准")
    assert n.slice_original(2, 4) == "標準"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("標準化(biāo)（zhǔn）１２項%\u200b\u3000 國家近余超") + ["\ud800", "a"]), max_size=60))
def test_every_normalized_char_maps_inside_the_original(text):
    n = normalize(text)
    assert len(n.segments) >= 1
    for i in range(len(n.text)):
        a, b = n.to_original(i, i + 1)
        assert 0 <= a < b <= len(text)
    for i in range(len(n.text) + 1):
        for j in range(i, len(n.text) + 1):
            a, b = n.to_original(i, j)
            assert 0 <= a <= b <= len(text)



def test_han_ranges_are_the_han_script():
    import re

    import regex

    from zhstdextract.normalization import HAN_RANGES

    ours = re.compile(f"[{HAN_RANGES}]")
    han = regex.compile(r"\p{Han}")
    diff = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF
            and (ours.match(chr(cp)) is None) != (han.match(chr(cp)) is None)]
    assert not diff, [hex(cp) for cp in diff[:10]]


@given(st.lists(st.sampled_from(list("標準化(biāo)（zhǔn）ngx1 a\u200b\u200d\ufeff\u00ad國\t\u3000\u00a0７") + ["(zh)", "（biao4）", "𠀀(ā)", "(de)(de)", "  ", "&nbsp;", "&emsp", "&", "\ufffd"]), max_size=30).map("".join))
def test_the_stdlib_deletion_regex_deletes_what_the_readable_one_does(text):
    import regex

    import re

    from zhstdextract.normalization import DELETE_PATTERN, FAST_DELETE_PATTERN

    _DELETE_RE = regex.compile(DELETE_PATTERN)
    _FAST_DELETE_RE = re.compile(FAST_DELETE_PATTERN)

    assert [m.span() for m in _FAST_DELETE_RE.finditer(text)] == [m.span() for m in _DELETE_RE.finditer(text)]


def _opencc_only(text: str) -> str:
    from zhstdextract.normalization import to_simplified_converter

    return to_simplified_converter().convert(text)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_a_text_the_search_lets_skip_opencc_is_one_opencc_leaves_alone(seed):
    """The search for a character OpenCC changes stands in for OpenCC on simplified text: every
    paragraph of the seeds in either script comes out of it as OpenCC gives it."""
    from zhstdextract.normalization import changing_re

    text = read_seed(seed)
    paragraphs = text.split("\n") + _opencc_only(text).split("\n")
    skipped = [p for p in paragraphs if changing_re().search(p) is None]
    assert skipped  # the simplified paragraphs, at least
    assert all(_opencc_only(p) == p for p in skipped)


def test_a_long_simplified_text_with_one_traditional_character_is_converted():
    body = "全市今年发布地方标准,推进标准化工作。" * 40
    for trad, simp in (("標", "标"), ("\U0002005e", "\U0002003e")):
        text = body + trad + "准12项"
        assert len(text) >= 512
        assert normalize(text).text == body + simp + "准12项"
