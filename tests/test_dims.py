"""Dimensions: what the text states, and what it leaves open."""
from __future__ import annotations

import pytest


def dims(extractor, text):
    return {f.text: f.dims for f in extractor.extract(text)}


@pytest.mark.parametrize(
    "text, qty, dim, value",
    [
        # two levels joined with no count between: a total over both, so no level
        ("主导或参与制修订国家标准、行业标准共计47项。", "47项", "level", None),
        ("全省主导制定国际标准50项以上、国家标准和行业标准1000项以上。", "1000项以上", "level", None),
        ("全省主导制定国际标准50项以上、国家标准和行业标准1000项以上。", "50项以上", "level", "international"),
        ("培育國家級和省級標準化試點示範項目20個。", "20個", "level", None),
        # …also when the second is a word whose end is another value's word (区级 in 自治区级)
        ("建设国家级和自治区级标准化试点示范项目572个。", "572个", "level", None),
        ("新增自治区级标准化试点8个。", "8个", "level", "provincial"),
        # one word that names two levels (省市级): no level, and not the 市级 inside it
        ("全市共有省市级标准化试点项目35个。", "35个", "level", None),
        ("22个国家级标准化试点项目、81个省市级标准化试点项目在厦已建成。", "81个", "level", None),
        ("全市共有国家级标准化试点项目5个、省市级标准化试点项目35个。", "35个", "level", None),
        ("全市共有国家级标准化试点项目5个、省级标准化试点项目35个、市级8个。", "8个", "level", "municipal"),
        # 国内标准 are of every level but international: a standard, of no one level
        ("全市累计研制国际标准2363项、国内标准5235项。", "5235项", "level", None),
        ("该公司主导制定国内标准12项。", "12项", "role", "led"),
        # both roles, in either order
        ("全省企业参与和主导制定国际标准12项。", "12项", "role", "led_or_participated"),
        # taking part in what another leads: the leader's 牵头 describes the standards
        ("湖北省参与我国牵头的国际标准25项。", "25项", "role", "participated"),
        # two surfaces of one value state it once more (ISO and IEC are both international)
        ("我国承担ISO、IEC技术机构秘书处89个。", "89个", "level", "international"),
        ("承担国际和全国专业标准化技术委员会秘书处12个。", "12个", "level", None),
        # the role and process still hold for the total
        ("主导或参与制修订国家标准、行业标准共计47项。", "47项", "role", "led_or_participated"),
        # 分别 gives each level its own count
        ("目前，国家级、省级标准化试点分别为3个和5个。", "5个", "level", "provincial"),
        # …and figures after 分别 pair with as many figures just before it (the totals of each)
        ("新建国家级农业标准化示范区4个、省级农业标准化示范区21个，累计分别达到86个和312个。", "86个", "level", "national"),
        ("新建国家级农业标准化示范区4个、省级农业标准化示范区21个，累计分别达到86个和312个。", "312个", "level", "provincial"),
        ("全市主导制定国际标准5项、国家标准20项，累计分别达到36项和180项。", "180项", "level", "national"),
        # an ordinary list keeps each item's level
        ("主导制定了6项国际标准、170项国家标准和390项行业标准。", "390项", "level", "industry"),
        ("国家级试点19个、自治区级标准化试点80个。", "80个", "level", "provincial"),
    ],
)
def test_dims(extractor, text, qty, dim, value):
    assert dims(extractor, text)[qty].get(dim) == value


def test_figures_after_fenbie_pair_only_with_as_many_figures_before(extractor):
    # three figures before 分别 and two after: which two they total is not said, so none is paired
    got = dims(extractor, "主导制定国际标准2项、国家标准5项、行业标准9项，累计分别达到36项和180项。")
    assert (got["36项"].get("level"), got["180项"].get("level")) != ("national", "industry")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a total broken down by place: each item keeps the metric and dims, with its own subject
        ("浙江省市场监管局消息。全省主导制定国际标准56项，其中杭州市23项、宁波市12项。",
         {"56项": ("standard.formulated", "浙江省"), "23项": ("standard.formulated", "杭州市"),
          "12项": ("standard.formulated", "宁波市")}),
        ("福建省消息。泉州市企业参与制修订国家标准65项，其中晋江市占41项。",
         {"65项": ("standard.formulated", "泉州市"), "41项": ("standard.formulated", "晋江市")}),
        ("浙江省消息。麗水市今年新增“品字標”企業43家，衢州市新增31家。",
         {"43家": ("enterprise.brand", "丽水市"), "31家": ("enterprise.brand", "衢州市")}),
        # a breakdown (其中…) names its parts with a few words of their own and the head noun
        ("湖南省消息。全省发布地方标准120项，其中农业领域标准45项、工业领域标准30项。",
         {"45项": ("standard.published", "湖南省"), "30项": ("standard.published", "湖南省")}),
        # …or a word for a part in place of the head noun
        ("广西壮族自治区消息。全区发布地方标准186项，其中农业领域73项、工业领域45项。",
         {"73项": ("standard.published", "广西壮族自治区"), "45项": ("standard.published", "广西壮族自治区")}),
        ("湖南省消息。全省新增国家级标准化试点项目12个，其中农业类5个、工业类4个。",
         {"5个": ("standardization.pilot", "湖南省"), "4个": ("standardization.pilot", "湖南省")}),
        ("湖南省消息。全省共有标准化良好行为企业23家，其中AAAA级5家、AAA级18家。",
         {"5家": ("enterprise.standards", "湖南省"), "18家": ("enterprise.standards", "湖南省")}),
        # the total's head after its figure, and more of its clause: the parts come after the cue
        ("浙江省消息。全省共有35个国家级标准化试点项目，其中杭州市12个、宁波市8个。",
         {"12个": ("standardization.pilot", "杭州市"), "8个": ("standardization.pilot", "宁波市")}),
        ("湖北省消息。襄阳市有17个市级地方标准项目获批立项，其中，襄州区有4个。",
         {"4个": ("standard.project", "襄州区")}),
        ("湖南省消息。全省35个国家级标准化试点项目通过验收，其中农业类12个。", {"12个": ("standardization.pilot", "湖南省")}),
        ("南通市消息。全省共评出30个优秀标准化试点项目，我市占5个。", {"5个": ("standardization.pilot", "南通市")}),
        ("湖南省消息。全省35个国家级标准化试点项目通过验收，其中3个项目获评优秀。", {"3个": (None, None)}),
        ("湖南省消息。全省发布地方标准120项，农业领域73项。", {"73项": (None, None)}),
        # a head after its items binds them within their clause
        ("湖南省消息。全省社会公用计量标准从211个增加到231个，3个计量检定机构取得核准证书。",
         {"231个": (None, None), "3个": ("institution.count", "湖南省")}),
        ("湖南省消息。全省发布地方标准120项，其中获奖企业5家。", {"5家": (None, None)}),
        # a sentence opening with 其中 breaks down the one before
        ("湖州市消息。全市新增省级标准化试点项目12个。其中，农业类5个、工业类4个。",
         {"5个": ("standardization.pilot", "湖州市"), "4个": ("standardization.pilot", "湖州市")}),
        ("湖州市消息。全市新增主导制定国家标准8项。其中，吴兴区3项、德清县5项。",
         {"3项": ("standard.formulated", "吴兴区"), "5项": ("standard.formulated", "德清县")}),
        ("湖州市消息。全市新增省级标准化试点项目12个。其中，3个项目已通过验收。", {"3个": (None, None)}),
        # …the last figure of the parts' unit, whatever the sentence said after it
        ("湖州市消息。全市新增省级标准化试点项目12个，居全省第一。其中，农业类5个。", {"5个": ("standardization.pilot", "湖州市")}),
        ("湖州市消息。全市新增主导制定国家标准8项、行业标准12项，同比分别增长33%和50%。其中，吴兴区3项、德清县5项。",
         {"3项": ("standard.formulated", "吴兴区"), "5项": ("standard.formulated", "德清县")}),
        ("湖州市消息。全市主导制定国家标准35项，参与制定行业标准48项。其中，有12项达到国际先进水平。", {"12项": (None, None)}),
        ("湖南省消息。全省主导制定国家标准35项（其中强制性标准2项）。", {"2项": ("standard.formulated", "湖南省")}),
        # the parts in brackets with no cue; a bracket of other words is no breakdown
        ("安徽省消息。全省共制修订标准25项（国家标准5项、行业标准20项）。",
         {"5项": ("standard.formulated", "安徽省"), "20项": ("standard.formulated", "安徽省")}),
        ("安徽省消息。全省主导制定国家标准35项（同比增加5项）。", {"5项": (None, None)}),
        # a scope word says whose item it is, as a place name does
        ("宁波市消息。新增省级专业标准化技术委员会秘书处3个，全市总数达到21个。",
         {"3个": ("standards_body.hosted", "宁波市"), "21个": ("standards_body.hosted", "宁波市")}),
        # a list goes on after a semicolon when each item names its level or its place
        ("浙江省消息。全省主导制定国际标准12项；国家标准86项；行业标准120项。",
         {"86项": ("standard.formulated", "浙江省"), "120项": ("standard.formulated", "浙江省")}),
        ("浙江省消息。其中，杭州市主导制定国际标准20项；宁波市12项。", {"12项": ("standard.formulated", "宁波市")}),
        ("浙江省消息。全省主导制定国家标准35项，居全国前列；国家标准86项。", {"86项": (None, None)}),
        ("浙江省消息。全省主导制定国家标准35项；全省标准总量达4000项。", {"4000项": ("standard.total", "浙江省")}),
        # a part after 其中 says nothing of the total before it
        ("温州市消息。新培育“浙江制造”标准42项，其中12项达到国际先进水平。",
         {"12项": ("standard.advanced", "温州市"), "42项": (None, None)}),
        # a metric's item words (ontology.yaml): the pilots accepted are pilots too; not standards
        ("浙江省消息。全省新增国家级标准化试点示范项目9个，完成验收16个。", {"16个": ("standardization.pilot", "浙江省")}),
        ("浙江省消息。全省发布地方标准12项，完成验收5项。", {"5项": (None, None)}),
        # …the verb of the metric again (去年发布28项), where the head is left out
        ("浙江省消息。今年全省发布地方标准35项，去年发布28项。", {"28项": ("standard.published", "浙江省")}),
        ("浙江省消息。杭州市发布团体标准120项，宁波市发布86项。", {"86项": ("standard.published", "宁波市")}),
        ("浙江省消息。全省共有86个项目入选省级标准化试点，德清县3个项目榜上有名。",
         {"3个": ("standardization.pilot", "德清县")}),
        ("浙江省消息。全省发布地方标准35项，发布解读文章28项。", {"28项": (None, None)}),
        # a change said of the total (同比增长12.6%) sits between it and its part or next item
        ("浙江省消息。全省企业自我声明公开标准39123项，同比增长12.6%，其中高新技术产业标准共18177项。",
         {"18177项": ("standard.disclosed", "浙江省")}),
        ("浙江省消息。全省主导制定国际标准12项，比上年增长50%，国家标准86项。",
         {"86项": ("standard.formulated", "浙江省")}),
        # …not a change that is something else, nor a figure in another unit
        ("浙江省消息。全省主导制定国际标准12项，占全国12%，国家标准86项。", {"86项": (None, None)}),
        ("浙江省消息。全省发布地方标准120项，同比增长12.6%，其中获奖企业5家。", {"5家": (None, None)}),
        # a year or a time word leaves an item in its list
        ("苏州市消息。全市现有国家级标准化试点示范项目38个，其中2024年新增6个。", {"6个": ("standardization.pilot", "苏州市")}),
        ("深圳市消息。2016年全市企业参与国际标准制修订249项，近年累计已接近1400项。",
         {"接近1400项": ("standard.formulated", "深圳市")}),
        ("深圳市消息。全市企业主导制定国家标准12项，至今累计56项。", {"56项": ("standard.formulated", "深圳市")}),
        # without the cue, words of its own make an item something else
        ("湖南省消息。全省发布地方标准120项，农业领域标准45项。", {"45项": (None, None)}),
        # a place with words of its own is not an item of the list
        ("浙江省消息。全省主导制定国际标准56项，杭州市产值增长23项。",
         {"56项": ("standard.formulated", "浙江省"), "23项": (None, None)}),
    ],
)
def test_items_broken_down_by_place(extractor, text, expected):
    got = {f.text: (f.metric, f.subject) for f in extractor.extract(text, include_unmapped=True)}
    for qty, want in expected.items():
        if want == (None, None):
            assert got.get(qty, (None,))[0] is None
        else:
            assert got[qty] == want



def test_a_part_of_a_list_of_levels_has_none_of_them(extractor):
    # 其中 after several items breaks down all of them: the level they differ in is not the part's
    text = "目前，全市企业已主导或参与制修订国际标准6项、国家标准120余项、团体标准150项，其中螺蛳粉相关标准42项。"
    got = {f.text: f for f in extractor.extract(text)}
    assert got["42项"].metric == "standard.formulated"
    assert "level" not in got["42项"].dims and got["42项"].dims["role"] == "led_or_participated"
    # after one item its level is the part's
    got = {f.text: f for f in extractor.extract("全省发布地方标准120项，其中农业领域标准45项。")}
    assert got["45项"].dims == {"level": "local"}

@pytest.mark.parametrize(
    "text, metric, times",
    [
        ("全省国家级标准化试点项目从2015年的30个增加到2024年的120个。", "standardization.pilot",
         {"30个": 2015, "120个": 2024}),
        ("主导制定国家标准的企业从2020年的15家增加到2024年的48家。", "enterprise.standards",
         {"15家": 2020, "48家": 2024}),
        ("我省企业标准自我声明公开数量从2020年的3.2万项增至2024年的8.6万项。", "standard.disclosed",
         {"3.2万项": 2020, "8.6万项": 2024}),
    ],
)
def test_a_change_from_one_count_to_another_counts_the_same_things(extractor, text, metric, times):
    # 从…的N增加到…的M: both figures take the head's metric, each its own year, both results
    got = {f.text: f for f in extractor.extract(text)}
    assert {q: (f.metric, (f.time or {}).get("year"), f.modality) for q, f in got.items()} == \
        {q: (metric, y, "actual") for q, y in times.items()}


@pytest.mark.parametrize(
    "text, expected",
    [
        # items that each name a topic before their kind, as the first one does
        ("制定发布农业地方标准12项、工业地方标准8项、服务业地方标准5项。",
         {"12项": "local", "8项": "local", "5项": "local"}),
        ("今年以来，共制定5项农业地方标准、3项农业团体标准。", {"5项": "local", "3项": "group"}),
        ("制定食品安全地方标准12项、食品安全团体标准5项。", {"12项": "local", "5项": "group"}),
        # a shared head after the last item, its levels before it
        ("主导制定7项国际、46项国家和38项行业标准。", {"7项": "international", "46项": "national", "38项": "industry"}),
    ],
)
def test_list_items_with_topics_or_a_shared_head(extractor, text, expected):
    got = {f.text: f for f in extractor.extract(text)}
    assert {q: (f.metric, f.dims.get("level")) for q, f in got.items()} == \
        {q: ("standard.formulated", level) for q, level in expected.items()}


@pytest.mark.parametrize(
    "text, metric, expected",
    [
        ("累计发布团体标准120项、企业标准300项的数量位居全省第一。", "standard.published",
         {"120项": "group", "300项": "enterprise"}),
        ("远超现行国家标准(47405项)、行业标准(85895项)和地方标准(75393项)的规模。", "standard.total",
         {"47405项": "national", "85895项": "industry", "75393项": "local"}),
        ("制定地方标准10项、团体标准26项的同时，全市新增试点3个。", "standard.formulated",
         {"10项": "local", "26项": "group"}),
    ],
)
def test_a_list_that_modifies_a_noun_keeps_its_last_item(extractor, text, metric, expected):
    # …和地方标准75393项的规模: the noun after 的 is said of the whole list, not of its last item
    got = {f.text: f for f in extractor.extract(text) if f.text in expected}
    assert {q: (f.metric, f.dims.get("level")) for q, f in got.items()} == \
        {q: (metric, level) for q, level in expected.items()}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a list goes on past an item another metric's rule took whole, right after 、
        ("积极制定发布国家标准28项、国家标准外文版37项、地方标准80余项。",
         {"28项": ("standard.formulated", "national"), "37项": ("standard.translated", "national"),
          "80余项": ("standard.formulated", "local")}),
        ("全年批准發布國家標準2902項、國家標準樣品225項、行業標準4141項。",
         {"2902項": ("standard.published", "national"), "225項": ("standard.sample", "national"),
          "4141項": ("standard.published", "industry")}),
        # the item is the nearer item's kind: that one's metric, not the first item's
        ("发布国家标准28项、国家标准样品12项、样品5项。",
         {"28项": ("standard.published", "national"), "12项": ("standard.sample", "national"),
          "5项": ("standard.sample", "national")}),
        # a comma may open a clause of its own: the list does not go on past it
        ("发布国家标准28项，国家标准样品12项，行业标准5项。",
         {"28项": ("standard.published", "national"), "12项": ("standard.sample", "national"),
          "5项": (None, None)}),
    ],
)
def test_a_list_goes_on_past_an_item_of_another_metric(extractor, text, expected):
    got = {f.text: (f.metric, f.dims.get("level")) for f in extractor.extract(text, include_unmapped=True)}
    assert {q: got.get(q) for q in expected} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("绍兴市16个标准入选且全部成功发布，其中“品字标”团体标准13项。", {"16个": None, "13项": "group"}),
        ("全市35个标准获批发布，其中地方标准12项。", {"35个": None, "12项": "local"}),
        # a level in the previous item's head is not the next item's
        ("全市主导制定6项国际标准、12项国家和行业标准、5项地方标准。", {"6项": "international", "5项": "local"}),
    ],
)
def test_a_part_names_its_level_before_its_figure_when_the_total_names_it_after(extractor, text, expected):
    got = {f.text: f.dims.get("level") for f in extractor.extract(text)}
    assert {q: got.get(q) for q in expected} == expected


@pytest.mark.xfail(strict=True, reason="an item's tail ends at the coordinator (12项国家|和行业标准), so the "
                                       "item reads one level; only a rule's own match sees the coordination")
def test_an_item_whose_head_coordinates_two_levels_states_none(extractor):
    got = {f.text: f.dims.get("level") for f in extractor.extract("全市主导制定6项国际标准、12项国家和行业标准、5项地方标准。")}
    assert got["12项"] is None


def test_an_item_with_words_of_its_own_before_de_still_ends_its_list(extractor):
    # 12家企业获评的…: the item's own verb comes before 的, so it is not an item of the list
    got = {f.text: f.metric for f in extractor.extract("全市发布地方标准28项，12家企业获评的称号。", include_unmapped=True)}
    assert got["12家"] != "standard.published"


def test_a_topic_after_a_plain_total_is_a_part_that_needs_its_cue(extractor):
    # the total names no topic: 农业… is a part of it, not a sibling, and a part needs 其中
    got = {f.text: f.metric for f in extractor.extract("全省发布地方标准120项，农业领域标准45项。", include_unmapped=True)}
    assert got == {"120项": "standard.published", "45项": None}
    got = {f.text: f.metric for f in extractor.extract("制定地方标准5项、农业团体标准3项。", include_unmapped=True)}
    assert got == {"5项": "standard.formulated", "3项": None}


def test_a_count_closed_by_a_list_mark_takes_no_head_after_it(extractor):
    # 5项、 ends its item: the pilots after the mark are the next item's, not the 5 standards'
    got = {f.text: f.metric for f in extractor.extract("制定地方标准5项、标准化试点3项。")}
    assert got == {"5项": "standard.formulated", "3项": "standardization.pilot"}


def test_an_item_before_a_verb_of_the_last_item_is_not_in_its_list(extractor):
    # the verb after the first figure is the second's own: 100 standards were recognised, not led
    text = "浙江省市场监管局认定100项标准为2023年“浙江标准”,我市牵头制定的10项标准入围。"
    got = {f.text: f.metric for f in extractor.extract(text, include_unmapped=True)}
    assert got == {"100项": None, "10项": "standard.formulated"}
    # a verb after all the items is theirs
    text = "2024年，浙江省共有152项国家标准、46项行业标准由浙江企业牵头制定并发布实施。"
    got = {f.text: (f.metric, f.dims.get("level")) for f in extractor.extract(text)}
    assert got == {"152项": ("standard.formulated", "national"), "46项": ("standard.formulated", "industry")}
