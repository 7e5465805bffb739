"""The number grammar: values, units and qualifiers of quantity phrases, and what is not one."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

import zhstdextract
from zhstdextract.numbers import parse_chinese

POSITIVE = [
    # (text, value, unit, qualifier, quantity text)
    ("主导制定170项国家标准", 170, "项", "eq", "170项"),
    ("国家标准近350项", 350, "项", "lt", "近350项"),
    ("国际标准20余项", 20, "项", "gt", "20余项"),
    ("累计参训企业超过1000家", 1000, "家", "gt", "超过1000家"),
    ("归集标准3.13万项", 31300, "项", "eq", "3.13万项"),
    # Chinese decimals: the fraction, then the magnitude that scales the whole
    ("合格率达到百分之九十五点五", 95.5, "%", "eq", "百分之九十五点五"),
    ("新增市场主体三点五万家", 35000, "家", "eq", "三点五万家"),
    ("聚焦重点十二项任务", 12, "项", "eq", "十二项"),
    ("奖励121.65万元", 1216500, "元", "eq", "121.65万元"),
    ("兑现资金超亿元", 100000000, "元", "gt", "超亿元"),
    ("产品合格率94.3%", 94.3, "%", "eq", "94.3%"),
    ("同比增长40%以上", 40, "%", "gte", "40%以上"),
    ("制定一百七十项标准", 170, "项", "eq", "一百七十项"),
    ("发布三项标准", 3, "项", "eq", "三项"),
    ("新增１７０项", 170, "项", "eq", "１７０项"),
    ("被调用10余万次", 100000, "次", "gt", "10余万次"),
    # digits grouped by threes with a space, thin space or no-break space (GB/T 15835)
    ("制修订国家和行业标准1 000项", 1000, "项", "eq", "1 000项"),
    ("共有国家标准12\u2009345项", 12345, "项", "eq", "12\u2009345项"),
    ("美丽宜居村庄1\u00a0500个左右", 1500, "个", "approx", "1\u00a0500个左右"),
    ("供给数据2930万条", 29300000, "条", "eq", "2930万条"),
    ("产值超1400亿元", 140000000000, "元", "gt", "超1400亿元"),
    ("约200家企业", 200, "家", "approx", "约200家"),
    ("培育企业两千余家", 2000, "家", "gt", "两千余家"),
    ("主导制定国家标准卅五项", 35, "项", "eq", "卅五项"),
    ("安装1万台以上", 10000, "台", "gte", "1万台以上"),
    ("共有1,200家企业", 1200, "家", "eq", "1,200家"),
    ("接近500名专家", 500, "名", "lt", "接近500名"),
    ("不足30%", 30, "%", "lt", "不足30%"),
    ("不超过5项", 5, "项", "lte", "不超过5项"),
    ("至少10个试点", 10, "个", "gte", "至少10个"),
    ("300人左右", 300, "人", "approx", "300人左右"),
    ("派出专家100余人次", 100, "人次", "gt", "100余人次"),
    ("检查企业33870家次", 33870, "家次", "eq", "33870家次"),
    ("抽查28516批次产品", 28516, "批次", "eq", "28516批次"),
    ("逾千家企业", 1000, "家", "gt", "逾千家"),
    ("近万家企业", 10000, "家", "lt", "近万家"),
    ("百余项标准", 100, "项", "gt", "百余项"),
    ("下降了百分之十五", 15, "%", "eq", "百分之十五"),
    ("提高2.5个百分点", 2.5, "个百分点", "eq", "2.5个百分点"),
    ("1.4亿元资金", 140000000, "元", "eq", "1.4亿元"),
    ("八千五百万元", 85000000, "元", "eq", "八千五百万元"),
    ("一万两千家", 12000, "家", "eq", "一万两千家"),
    ("十余家单位", 10, "家", "gt", "十余家"),
    ("二十多个项目", 20, "个", "gt", "二十多个"),
    ("制定团体标准20来项", 20, "项", "approx", "20来项"),
    ("培育十来家示范企业", 10, "家", "approx", "十来家"),
    ("受理电话369690通", 369690, "通", "eq", "369690通"),
    ("整合8所高校", 8, "所", "eq", "8所"),
    ("推送建议2120份", 2120, "份", "eq", "2120份"),
    ("发放证书26张", 26, "张", "eq", "26张"),
    ("覆盖产品2689种", 2689, "种", "eq", "2689种"),
    ("立案3319件", 3319, "件", "eq", "3319件"),
    ("应急处置48329起", 48329, "起", "eq", "48329起"),
    # a range is one quantity: its lower bound, at least that many (value_max keeps the upper)
    ("共5%到30%", 5, "%", "gte", "5%到30%"),
    ("发布地方标准5-8项", 5, "项", "gte", "5-8项"),
    ("培育企业20~30家", 20, "家", "gte", "20~30家"),
    ("培育企业２０～３０家", 20, "家", "gte", "２０～３０家"),
    ("制定标准12至15项", 12, "项", "gte", "12至15项"),
    ("制定标准十至十五项", 10, "项", "gte", "十至十五项"),
    ("奖励1-2万元", 10000, "元", "gte", "1-2万元"),
    ("奖励五至十万元", 50000, "元", "gte", "五至十万元"),
    ("约20-30家企业", 20, "家", "approx", "约20-30家"),
    # several tens, hundreds, thousands: more than that many
    ("服务企业数十家", 10, "家", "gt", "数十家"),
    ("新增团体标准数百项", 100, "项", "gt", "数百项"),
    ("惠及企业几千家", 1000, "家", "gt", "几千家"),
    ("制定标准十几项", 10, "项", "gt", "十几项"),
    ("制定标准二十几项", 20, "项", "gt", "二十几项"),
    ("突破4项核心技术", 4, "项", "gt", "突破4项"),
    ("举办培训班12期", 12, "期", "eq", "12期"),
    ("发放宣传手册5000余册", 5000, "册", "gt", "5000余册"),
    ("赠送标准文本200本", 200, "本", "eq", "200本"),
    ("效率提高1.5倍", 1.5, "倍", "eq", "1.5倍"),
    ("检查经营户1200户次", 1200, "户次", "eq", "1200户次"),
    ("上百家企业", 100, "家", "gte", "上百家"),
    ("國家標準上千項", 1000, "项", "gte", "上千項"),
    ("线上3场活动", 3, "场", "eq", "3场"),  # 线上 is online: 上 is no qualifier there
    ("国际标准一项、国家标准六项", 1, "项", "eq", "一项"),  # 一 ends a list item: a count
    ("获批国家级试点一个。", 1, "个", "eq", "一个"),
]

NEGATIVE = [
    "2024年度百项标准研制攻坚清单",   # year, name
    "10月24日召开",                    # date
    "2025-10-24 14:09",                 # date and clock time
    "近5年来成效显著",                  # duration
    "连续3年位居前列",                  # duration
    "半年来",                           # duration
    "十来年的积累",                     # duration, even with the infix 来
    "一来降低成本，二来提升质量",       # 一来…二来: firstly, secondly
    "为期3个月的专项行动",              # duration with 个
    "第56届世界标准日",                 # ordinal
    "第二批改革项目",                   # ordinal
    "全省首批",                         # ordinal
    "十三五规划",                       # name
    "八八战略",                         # slogan
    "三位一体的标准体系",               # slogan
    "五位一体质量帮扶",                 # slogan (a tokenizer word)
    "三步走策略",                       # slogan
    "千企创牌行动",                     # name
    "世界500强企业",                    # name
    "一县一业一策",                     # slogan
    "一家医疗器械企业",                 # indefinite article
    "提升一个产业",                     # indefinite article
    "建成一个平台和一个中心",           # indefinite articles, also before 和
    "12365热线",                        # hotline
    "96333应急处置",                    # code
    "TC563委员会",                      # code
    "NQI2.0平台",                       # version
    "IPv6和6G",                         # codes
    "Copyright © 1999-2017 Zjol. 12家",  # copyright line
    "市委十二届四次全会",               # session ordinal
    "位居全国前3名",                    # rank
    "排在前两位",                       # rank
    "补助金额由10万元/项提高到50万元/项",  # a rate per item
    "访问www.hzzlfw.cn查询",            # URL
    "电话13800138000",                  # phone number, no unit
    "12345678901234567890家",           # a 20-digit identifier is not a count
    "1",                                # a section number on its own line
    "五钻数量",                         # name
    "两新标准",                         # slogan
    "二期工程",                         # a phase, not a count
    "2024本年度",                       # 本 as "this", not a classifier
    "市场上百货商店林立",                # 上百 inside 市场上 and 百货
    # a web page's counters around the article
    "来源：市市场监管局  浏览次数：1523次  字号：[大 中 小]",
    "阅读量 2.3万",
    "点击数：86次",
    # a number after a hyphen that opens no range is a code's or a date's
    "GB/T 1.1-2020和GB/T 20000.1-2014",
    "电话0571-85123456",
    "第1至3批",
    "2024-2025年",
    # 数 and 几 that end a word (人数, 这几) are no qualifiers
    "参与人数十万人",
    "这几十家企业",
    "几项标准",
    "共有 86 条评论  点赞 36 次  转发 12 次",
]


@pytest.mark.parametrize("text, value, unit, qualifier, qtext", POSITIVE)
def test_quantity(text, value, unit, qualifier, qtext):
    qs = zhstdextract.quantities(text)
    assert qs, f"no quantity in {text!r}"
    q = qs[0]
    assert (q.value, q.unit, q.qualifier, q.text) == (value, unit, qualifier, qtext)
    assert type(q.value) is (int if float(value).is_integer() else float)
    assert text[q.span[0]:q.span[1]] == q.text


@pytest.mark.parametrize("text, got", [
    ("见表2 100项标准的清单", "100项"),  # a table's number, then a figure
    ("2024年 100项国家标准发布", "100项"),  # a year is no group of three
    ("共12 34项", "34项"),  # groups after the first are of three digits
])
def test_a_space_between_digits_joins_only_groups_of_three(text, got):
    assert [q.text for q in zhstdextract.quantities(text)] == [got]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_a_quantity(text):
    assert zhstdextract.quantities(text) == []


def test_case_count():
    assert len(POSITIVE) + len(NEGATIVE) >= 60


@pytest.mark.parametrize(
    "numeral, value",
    [("一百七十", 170), ("两千", 2000), ("十", 10), ("十五", 15), ("一万两千", 12000), ("三千五百万", 35000000),
     ("一亿零五百万", 105000000), ("三点一三", Decimal("3.13")), ("三点五万", 35000), ("四点二亿", 420000000), ("三点五十万", 350000), ("三点", None), ("零", 0), ("万亿", None), ("三四", None), ("百十", None),
     ("廿五", 25), ("卅", 30), ("廿十", None)],
)
def test_parse_chinese(extractor, numeral, value):
    assert parse_chinese(numeral, extractor.lexicon.numbers) == (Decimal(value) if value is not None else None)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numerals_agree_with_cn2an(extractor, n):
    cn2an = pytest.importorskip("cn2an")
    numeral = cn2an.an2cn(n)
    assert parse_chinese(numeral, extractor.lexicon.numbers) == Decimal(n)


def _scan_both(extractor, text):
    import regex

    finder = extractor.finder
    reference = regex.compile(finder.reference_pattern, regex.VERBOSE)
    want = [(m.start(), m.end(), m.group("pre")) for m in reference.finditer(text)]
    got = [(start, m.end(), pre) for m, pre, start in finder.with_prefixes(text, finder.scan(text))]
    assert [(m.span(), m.groups()) for m in finder.scan(text)] == \
           [(m.span(), m.groups()) for m in finder._re.finditer(text)]
    return want, got


def test_core_scan_with_prefixes_equals_the_one_regex_on_the_seeds(extractor, seed_texts):
    prefixed = 0
    for text in seed_texts.values():
        want, got = _scan_both(extractor, extractor.normalize(text).text)
        assert got == want
        prefixed += sum(1 for _, _, pre in got if pre)
    assert prefixed >= 3


_PIECES = ["超过", "不超过", "过", "近", "将近", "约", "签约", "赶超", "不", "3", "12", "三", "十", "百", "个",
           "项", "家", "余", "多", "万", "亿", "人", ",", "年", "第", "亿元", "百分之", "五", "%", "以上", "至少", "通过",
           "A", ".", "/", " ", "1,000", "0.5", "分之", "千克", "部门", "余项", "两"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_core_scan_with_prefixes_equals_the_one_regex(extractor, text):
    want, got = _scan_both(extractor, text)
    assert got == want


@pytest.mark.parametrize(
    "text, values",
    [
        ("发布地方标准5-8项", [(5, 8)]),
        ("奖励1-2万元", [(10000, 20000)]),
        ("奖励五至十万元", [(50000, 100000)]),
        ("5%-8%", [(5, 8)]),
        # a change is no range; nor a falling pair, nor what a code's hyphen joins
        ("由5家到8家", [(5, None), (8, None)]),
        ("共8-5项", []),
        ("2024-5项", []),
    ],
)
def test_a_range_keeps_both_bounds(text, values):
    assert [(q.value, q.value_max) for q in zhstdextract.quantities(text)] == values


@pytest.mark.parametrize(
    "text, got",
    [
        # plain numbers listed before a figure share its unit
        ("江苏分别公布了2941、2808、1669项", [("2941", 2941, "项"), ("2808", 2808, "项"), ("1669项", 1669, "项")]),
        ("分别为3和5个", [("3", 3, "个"), ("5个", 5, "个")]),
        ("分别增长1.5、2.3%", [("1.5", 1.5, "%"), ("2.3%", 2.3, "%")]),
        # not after 第, a code or a line's start; not with a magnitude or a qualifier after them
        ("第3、4批", [("4批", 4, "批")]),
        ("GB 2941、2808项", [("2808项", 2808, "项")]),
        ("1、2项国家标准获批", [("2项", 2, "项")]),
        ("分别有3.5、2万家企业", [("2万家", 20000, "家")]),
        ("分别为3、超过5个", [("超过5个", 5, "个")]),
    ],
)
def test_numbers_listed_before_a_figure_share_its_unit(text, got):
    qs = zhstdextract.quantities(text)
    assert [(q.text, q.value, q.unit) for q in qs] == got
    assert all(text[q.span[0]:q.span[1]] == q.text for q in qs)
