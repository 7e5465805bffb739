"""Subject, time and modality: the context a figure is read in."""
from __future__ import annotations

import pytest


def facts(extractor, text, **kw):
    return {f.text: f for f in extractor.extract(text, **kw)}


@pytest.mark.parametrize(
    "text, qty, subject",
    [
        ("浙江省嘉兴市市场监管局消息。全市主导制定国家标准35项。", "35项", "嘉兴市"),
        ("桂林市市场监管局消息。目前全区主导制定国家标准35项。", "35项", "广西壮族自治区"),
        ("杭州市拱墅区消息。全市主导制定国家标准35项。", "35项", "杭州市"),
        ("杭州市质监局消息。余杭区主导制定国家标准12项。", "12项", "余杭区"),
        ("杭州市消息。全市已建成临安青山湖科技城、萧山浦阳等34个质量服务综合体。", "34个", "杭州市"),
        ("杭州市消息。全市已启动建设临安青山湖科技城、萧山浦阳、网易严选等34个质量服务综合体。", "34个", "杭州市"),
        # a list after the place that names no other place leaves it the subject
        ("全省新增试点12个。杭州市累计承担ISO、IEC技术委员会秘书处6个。", "6个", "杭州市"),
        # a short name jieba's dictionary tags as a word (萧山 a person, 合肥 a noun) is a place
        ("杭州市消息。萧山企业主导制定国家标准5项。", "5项", "萧山区"),
        ("安徽省消息。合肥企业主导制定国家标准5项。", "5项", "合肥市"),
        # a county named as its city is (长沙县 in 长沙市): the short name is the city
        ("湖南省消息。长沙企业主导制定国家标准5项。", "5项", "长沙市"),
        ("长沙企业主导制定国家标准5项。", "5项", "长沙市"),
        ("嘉兴市消息。新增“品字标”浙江制造企业102家。", "102家", "嘉兴市"),
        ("嘉兴市消息。新增全省首批“品字标”浙江服务企业1家。", "1家", "嘉兴市"),
        ("国家市场监督管理总局消息。我国已发布国家标准4.4万项。", "4.4万项", "中国"),
        ("宁波市北仑区累计主导制定国家标准23项。", "23项", "北仑区"),
        ("创建全国标准化示范县3个。", "3个", None),
        ("福建省市场监管局消息。承担全国及省级标准化技术委员会秘书处分别为3个和11个。", "11个", "福建省"),
        # the source line names the region when the title and lead do not
        ("来源：江苏省市场监督管理局 发布时间：2025-03-12\n去年以来，全省累计发布地方标准218项。", "218项", "江苏省"),
        ("去年以来，全省累计发布地方标准218项。\n（來源：湖州市市場監管局）", "218项", "浙江省"),
        ("來源：中國質量報\n去年以来，全省累计发布地方标准218项。", "218项", None),
        # a region's own newspaper as the source: that region
        ("本报讯 今年以来，我市深入推进标准化工作。全市主导制定国家标准67项。\n（来源：常州日报）", "67项", "常州市"),
        # 全市 in an article about a province: some city of it, not the province
        ("江苏省市场监管局消息。全市主导制定国家标准35项。", "35项", None),
        ("北京市市场监管局消息。全市主导制定国家标准35项。", "35项", "北京市"),
        ("北京市朝阳区消息。全市主导制定国家标准35项。", "35项", "北京市"),
        # a scope word earlier in the sentence still holds in a later clause
        ("嘉兴市消息。今年全省主导制定国家标准89项，地方标准47项。", "47项", "浙江省"),
        ("浙江省消息。杭州市主导制定国家标准89项，地方标准47项。", "47项", "杭州市"),
        ("宁波市消息。今年吸引全国（行业）标准化技术委员会秘书处3个落户。", "3个", "宁波市"),
        # a county-level city: its 全市 is itself, not the prefecture above it
        ("泉州市晋江市市场监督管理局\n全市拥有国家级标准化示范项目4个。", "4个", "晋江市"),
        # a place inside a quoted name or a title is part of the name, not whose figure it is
        ("莆田市市场监管局消息。全市拥有“福建优质品牌”企业18家。", "18家", "莆田市"),
        ("福建省市场监管局消息。按照《莆田市鞋业发展规划》要求，企业主导制定国家标准31项。", "31项", "福建省"),
        ("福建省市场监管局消息。“莆田”品牌鞋企主导制定国家标准31项。", "31项", "莆田市"),
        # a title naming a plan or a rule names the document's region (a full name goes on being
        # the place before 标准); a short name before 标准 is a brand (深圳标准)
        ("关于印发《合肥市标准化发展三年行动计划》的通知\n到2026年，全市主导制定国际标准30项。", "30项", "合肥市"),
        ("广东省市场监管局消息。深圳标准国际化水平提升，企业主导制定国际标准12项。", "12项", "广东省"),
        # so are 浙江制造, 浙江服务 and 杭州质量; a full name before them is the place (吴兴区质量强区)
        ("湖州市吴兴区质量强区建设综述\n区市场监管局开展计量技术帮扶80余次。", "80余次", "吴兴区"),
        ("杭州市制造业标准化工作会议召开\n全市企业主导制定国际标准12项。", "12项", "杭州市"),
        ("浙江省市场监管局消息。杭州质量品牌建设推进，企业主导制定国际标准12项。", "12项", "浙江省"),
        ("福建省市场监管局消息。浙江制造标准的经验，企业主导制定国际标准12项。", "12项", "福建省"),
        # a place naming a firm's branch (…化工股份有限公司宁国分公司) is part of the firm's name
        ("宣城市市场监管局消息。新增三家单位，分别为安徽江南化工股份有限公司宁国分公司等。截至目前，我市已有25家企业通过标准化良好行为企业确认。",
         "25家", "宣城市"),
        # and a short name before 著名商标 or 知名商标 names the title of a mark, as 名牌 does
        ("兰溪市市场监管局消息。兑现金华著名商标奖励资金162万元。", "162万元", "兰溪市"),
        ("浙江省市场监管局消息。兑现杭州知名商标奖励资金80万元。", "80万元", "浙江省"),
        # and a short name before 国际 names an event, a venue or a body held there (珠海国际标准化
        # 大会, 青岛国际博览中心), not whose figures a speaker gives; a full name is the place
        ("2023年珠海国际标准化大会召开。广东拥有全国专业标准化技术委员会秘书处54个，承担国际标准化技术委员会14个。",
         "14个", "广东省"),
        ("山东省标准化工作综述\n举办青岛国际标准化大会，企业主导制定国际标准12项。", "12项", "山东省"),
        ("杭州市国际标准化工作综述\n企业主导制定国际标准12项。", "12项", "杭州市"),
        # a county-level city named in an earlier sentence: 全市 is still the article's city
        ("嘉兴市市场监督管理局\n嘉兴：标准化工作成效显著\n今年以来，全市主导制定国家标准35项。桐乡市企业主导制定国际标准2项。全市新增省级标准化试点5个。",
         "5个", "嘉兴市"),
        # a place before a list of figures is the subject of each (the 、 between figures is no list of places)
        ("浙江省市场监管局消息\n宁波市新增试点5个。今年，杭州市企业主导制定国际标准20项、国家标准35项、行业标准48项。",
         "48项", "杭州市"),
        # places before 分别 take the figures in order; 嘉兴市南湖区 is one place, the district
        ("浙江省市场监督管理局\n浙江省标准化工作会议召开\n嘉兴市南湖区、秀洲区分别新增省级标准化试点3个、2个。", "3个", "南湖区"),
        ("浙江省市场监督管理局\n浙江省标准化工作会议召开\n嘉兴市南湖区、秀洲区分别新增省级标准化试点3个、2个。", "2个", "秀洲区"),
        # places listed before 各 or 均 each have the figure: the first takes it, not the region before
        ("福建省市场监管局消息\n漳州市新获批国家级标准化试点项目3个，龙岩市、三明市各2个。", "2个", "龙岩市"),
        ("福建省市场监管局消息\n漳州市新获批国家级标准化试点项目3个，龙岩市、三明市均新增2个。", "2个", "龙岩市"),
        ("福建省市场监管局消息\n漳州市新获批国家级标准化试点项目3个，各新增2个。", "2个", "漳州市"),
        # places joined by 与, 和, 、 share a figure: the document's region is whose it is
        ("宁波市市场监管局消息\n宁波市与舟山市联合发布地方标准5项。", "5项", "宁波市"),
        ("浙江省市场监管局消息\n舟山市和宁波市联合发布地方标准5项。", "5项", "浙江省"),
        # regions made after the division list's vintage (tools/region_changes.tsv), and a former
        # name, which older articles write, naming the region made from it
        ("杭州市临平区市场监管局消息\n今年全区主导制定国家标准5项。", "5项", "临平区"),
        ("宁波市奉化区市场监管局2024年工作总结\n全区新增“品字标浙江制造”企业6家。", "6家", "奉化区"),
        ("宁波市市场监管局消息\n奉化市新增“品字标浙江制造”企业6家。", "6家", "奉化区"),
        ("广西壮族自治区市场监管局消息\n横县企业主导制定国家标准3项。", "3项", "横州市"),
        # a province opening a firm's name says less than the article's city does; a place named
        # anywhere else still wins over it
        ("温州市市场监管局消息\n今年以来，浙江正泰电器股份有限公司主导制定国际标准3项。", "3项", "温州市"),
        ("国家市场监管总局消息\n浙江正泰电器股份有限公司主导制定国际标准3项。", "3项", "浙江省"),
        ("温州市市场监管局消息\n浙江省今年主导制定国际标准30项。", "30项", "浙江省"),
        # a county's short name that is an ordinary word (新建 "newly built", 市中 in 市中心) is
        # not the county; its full name is
        ("江西省市场监管局消息\n新建国家级标准化试点项目3个。", "3个", "江西省"),
        ("南昌市新建区市场监管局消息\n全区新建省级标准化试点项目3个。", "3个", "新建区"),
        ("济南市市场监管局消息\n在市中心新建标准化服务站3个。", "3个", "济南市"),
        ("济南市市场监管局消息\n市中区新建标准化服务站3个。", "3个", "市中区"),
        # a dateline's place is where the report was filed: national figures stay the country's,
        # and the place is the document's only when nothing else is named
        ("新华社北京3月12日电  过去一年，我国新发布国家标准2347项，其中强制性国家标准93项。", "93项", "中国"),
        ("新华社北京3月12日电 全国市场监管系统今年将推出国家标准2000项左右。", "2000项左右", "中国"),
        ("中新网杭州1月5日电  今年以来，全市共发布地方标准12项。", "12项", "杭州市"),
        ("新华社北京电（记者 王明）过去一年，我国新发布国家标准2347项，其中强制性国家标准93项。", "93项", "中国"),
        ("杭州电子科技大学消息。全市主导制定国家标准35项。", "35项", "杭州市"),
        # a place set apart by 除…外 is not whose figure it is
        ("浙江省市场监管局消息。除杭州外，其余10个设区市共主导制定国家标准230项。", "230项", "浙江省"),
        ("浙江省市场监管局消息。除了宁波、温州以外，其余设区市共主导制定国家标准230项。", "230项", "浙江省"),
        ("浙江省市场监管局消息。杭州市外贸企业主导制定国家标准23项。", "23项", "杭州市"),
        ("中新网杭州1月5日电  记者从浙江省市场监管局获悉，全省发布地方标准56项。", "56项", "浙江省"),
    ],
)
def test_subject(extractor, text, qty, subject):
    assert facts(extractor, text)[qty].subject == subject


@pytest.mark.parametrize(
    "text, qty, modality",
    [
        ("力争到2027年，主导制定国际标准10项以上。", "10项以上", "target"),
        ("计划新建标准化试点10个。", "10个", "target"),
        # 拟 before what is proposed, not yet done (a list put out for comment, a year's plan)
        ("2025年全市拟立项地方标准30项。", "30项", "target"),
        ("拟認定省級標準化試點項目15個。", "15個", "target"),
        ("今年将新增对标达标企业100家。", "100家", "target"),
        # 争取 before a count of things to be won; not money, nor a count already won
        ("积极协调争取1个国家技术标准创新基地、1-2个国家标准验证点。", "1-2个", "target"),
        ("去年成功争取3项国家标准立项。", "3项", "actual"),
        ("今年共争取中央资金500万元，建成国家技术标准创新基地1个。", "1个", "actual"),
        ("明年将新培育“品字标”企业20家。", "20家", "target"),
        ("2027年底前，新建标准化服务平台5个。", "5个", "target"),
        ("2027年前，新建标准化服务平台5个。", "5个", "target"),
        # …but 年前 opening a part of that year is no deadline (2024年前三季度: its first three quarters)
        ("2024年前三季度，全国共发布国家标准1863项。", "1863项", "actual"),
        ("2024年前10个月，全省发布地方标准120项。", "120项", "actual"),
        ("2024年前两个月，全省发布地方标准20项。", "20项", "actual"),
        # a figure tied to a year after the document's is a goal; one tied to this year is not
        ("2025-03-01\n2026年，全市新增“品字标”企业5家。", "5家", "target"),
        ("2025-03-01\n2024年，全市新增“品字标”企业5家。", "5家", "actual"),
        ("为明年打下基础，今年全市新增“品字标”企业5家。", "5家", "actual"),
        # a target in a later item of the same list keeps the list's metric
        ("去年全市主导制定国家标准18项，今年力争达到25项。", "18项", "actual"),
        ("去年全市主导制定国家标准18项，今年力争达到25项。", "25项", "target"),
        ("绍兴柯桥将标准化建设纳入财政奖补，近两年惠及企业510家。", "510家", "actual"),
        ("充分利用政策争取标准化项目奖励121.65万元。", "121.65万元", "actual"),
        # 争取 before what is to be done is a goal; before money, the money was secured
        ("今年，全省将争取主导制定国际标准20项以上。", "20项以上", "target"),
        ("全市争取新建省级标准化试点项目10个。", "10个", "target"),
        ("全市争取中央财政标准化资金500万元。", "500万元", "actual"),
        ("到2024年底，全省已主导制定国家标准200项。", "200项", "actual"),
        ("全市已完成年度目标任务，发布地方标准21项。", "21项", "actual"),
        ("2025年计划新增省级标准化试点10个，目前已新增6个。", "6个", "actual"),
        ("2025年计划新增省级标准化试点10个，目前已新增6个。", "10个", "target"),
        ("全市企业计划今年主导制定国际标准8项。", "8项", "target"),
        # carried out as planned: done
        ("2023年，按计划开展企业标准随机抽查工作，抽取20份企业标准进行检查。", "20份", "actual"),
        ("2025年，全省计划制修订地方标准150项，实际完成162项。", "150项", "target"),
        ("2025年，全省计划制修订地方标准150项，实际完成162项。", "162项", "actual"),
        ("该局还将投入标准化资助资金1500万元。", "1500万元", "target"),
        ("今年有望新增国家级标准化试点项目3个。", "3个", "target"),
        ("全年目标为新增“品字标”企业50家，1-10月已完成42家。", "42家", "actual"),
        # a result after the cue: what follows it is done
        ("全市力争主导制定国际标准8项，实际完成12项。", "12项", "actual"),
        ("全市力争主导制定国际标准8项，实际完成12项。", "8项", "target"),
        # a paragraph that goes on in a goal's time goes on stating goals
        ("到2027年，全市力争主导制定国际标准5项。新增品字标企业100家。", "100家", "target"),
        ("2024年，全市主导制定国际标准5项。新增品字标企业100家。", "100家", "actual"),
        # the opening clause of a sentence frames the sentences after its semicolons
        ("到2027年，全市力争主导制定国际标准5项；新增品字标企业100家；建成省级标准化试点30个。", "30个", "target"),
        ("全市主导制定国家标准38项，其中力争新增6项；新增省级标准化试点12个。", "12个", "actual"),
        # …unless the sentence names its own time
        ("到2027年，全市力争主导制定国际标准5项；2023年，全市主导制定国际标准2项。", "2项", "actual"),
        # a list one item a line goes on in the frame of the line that introduces it
        ("会议提出，到2027年，全市要实现以下目标：\n1.新增国家标准10项；\n2.培育标准化试点项目20个。", "20个", "target"),
        ("全市下一步工作目标是：\n（1）新增国家标准10项；\n（2）培育标准化试点项目20个。", "20个", "target"),
        ("2024年，全市标准化工作取得以下成效：\n1.新增国家标准10项；\n2.培育标准化试点项目20个。", "20个", "actual"),
        # …not a list after prose, nor a line that is no item
        ("全市下一步工作目标是提升标准化水平。\n1.新增国家标准10项；", "10项", "actual"),
    ],
)
def test_modality(extractor, text, qty, modality):
    assert facts(extractor, text, date="2025-06-01")[qty].modality == modality


PLAN_WITH_REVIEW = "\n".join([
    "2025-03-01",
    "某市2025年标准化工作要点",
    "2024年，全市主导制定国家标准35项。新增省级标准化试点项目12个。力争主导制定国际标准8项。",
    "全市新增省级标准化试点项目20个。",
])
PLAN_WITH_REVIEW_AND_GOAL = ("2025-03-01\n某市2025年标准化工作要点\n2024年，全市主导制定国家标准35项。"
                             "新增省级标准化试点项目12个，2025年新增省级标准化试点项目20个。")
REVIEWED_PLAN = "\n".join([
    "关于印发《某省标准化发展“十五五”规划》的通知",
    "一、发展基础",
    "(一)标准体系不断完善",
    "“十四五”期间，全省主导制定国际标准21项。建成国家级标准化试点示范项目86个。",
    "二、主要目标",
    "建成省级以上标准化试点示范项目300个。",
    "(一)夯实发展基础",
    "培育企业标准“领跑者”200家。",
])


@pytest.mark.parametrize(
    "text, qty, modality",
    [
        # a plan states targets throughout, cue or not
        ("河南省2024年度标准化工作要点\n一、新建省级标准化试点示范项目30个。", "30个", "target"),
        ("某市标准化三年行动方案\n推动企业标准自我声明公开，新增公开标准5000项以上。", "5000项以上", "target"),
        # what a plan reports as done, or as past, says so
        ("某市标准化三年行动方案\n截至目前，全市已主导制定国家标准35项。", "35项", "actual"),
        ("某市标准化三年行动方案\n去年，全市主导制定国家标准35项。", "35项", "actual"),
        ("2025-03-01\n某市标准化三年行动方案\n2024年，全市主导制定国家标准35项。", "35项", "actual"),
        ("2021-06-01\n某省标准化发展规划\n“十三五”期间，全省主导制定国际标准82项。", "82项", "actual"),
        ("2021-06-01\n某省标准化发展规划\n“十四五”期间，全省主导制定国际标准100项。", "100项", "target"),
        # 到 the end of a plan is a target, in any document; 截至 it, a result
        ("他说，到“十三五”末，在重点领域制修订标准9000项。", "9000项", "target"),
        ("到十四五时期末，全省主导制定国际标准40项。", "40项", "target"),
        ("截至“十三五”末，全省主导制定国际标准32项。", "32项", "actual"),
        # without a dateline, the title dates the plan: 《“十四五”规划》 speaks from 2021
        ("关于印发《某市标准化发展“十四五”规划》的通知\n“十三五”期间，全市主导制定国家标准45项。", "45项", "actual"),
        ("关于印发《某市标准化发展“十四五”规划》的通知\n全市新建省级标准化试点示范项目30个。", "30个", "target"),
        ("某市标准化2024-2026年行动方案\n到2026年，全市主导制定国家标准30项。", "30项", "target"),
        # a plan's review of the year before: 全年 there is that year
        ("2025-03-12\n2025年全国标准化工作要点\n2024年，全国标准化工作取得新进展。全年共批准发布国家标准2700余项。",
         "2700余项", "actual"),
        ("2025-03-12\n2025年全国标准化工作要点\n2025年，全国标准化工作要扎实推进。全年发布国家标准2000项以上。",
         "2000项以上", "target"),
        # a plan's section that reviews the past (一、发展基础) reports results, sentence after sentence
        (REVIEWED_PLAN, "86个", "actual"),
        (REVIEWED_PLAN, "21项", "actual"),
        (REVIEWED_PLAN, "300个", "target"),
        (REVIEWED_PLAN, "200家", "target"),
        ("某市标准化三年行动方案\n(一)工作基础。全市建成省级标准化试点项目45个。\n(二)主要目标。新建省级标准化试点项目30个。",
         "45个", "actual"),
        ("某市标准化三年行动方案\n(一)工作基础。全市建成省级标准化试点项目45个。\n(二)主要目标。新建省级标准化试点项目30个。",
         "30个", "target"),
        # …not a task that lays foundations, nor a line that only opens like a heading
        ("某市标准化三年行动方案\n三、重点任务\n(一)夯实标准化工作基础\n新建省级标准化试点项目30个。", "30个", "target"),
        ("某市标准化三年行动方案\n一、主要目标\n1.新建省级标准化试点项目30个,巩固发展基础。", "30个", "target"),
        # a plan's look back over recent years reports results
        ("2025-03-01\n某市2025年标准化工作要点\n过去一年，全市新增省级标准化试点项目12个。", "12个", "actual"),
        ("2025-03-01\n某市2025年标准化工作要点\n一年来，全市新增省级标准化试点项目12个。", "12个", "actual"),
        ("2025-03-01\n某市2025年标准化工作要点\n近年来，全市新增省级标准化试点项目12个。", "12个", "actual"),
        ("2025-03-01\n某市2025年标准化工作要点\n过去五年，全市新增省级标准化试点项目60个。", "60个", "actual"),
        ("2025-03-01\n某市2025年标准化工作要点\n今后三年，全市新增省级标准化试点项目30个。", "30个", "target"),
        # a plan's paragraph that opens with a past time goes on reporting, sentence after
        # sentence, until a sentence names its own time or cue
        (PLAN_WITH_REVIEW, "12个", "actual"),
        (PLAN_WITH_REVIEW, "20个", "target"),
        (PLAN_WITH_REVIEW, "8项", "target"),
        ("2025-03-01\n某市2025年标准化工作要点\n2024年，全市主导制定国家标准35项。2025年新增省级标准化试点项目20个。",
         "20个", "target"),
        (PLAN_WITH_REVIEW_AND_GOAL, "12个", "actual"),
        (PLAN_WITH_REVIEW_AND_GOAL, "20个", "target"),
        # a news lead before the paragraph's past time does not stop it reporting…
        ("2025-03-01\n某市2025年标准化工作要点\n日前，某市印发《2025年标准化工作要点》。2024年，全市主导制定国家标准35项。"
         "新增省级标准化试点项目12个。", "12个", "actual"),
        # …but a past time named on the way, not opening its sentence, frames nothing after it
        ("2025-03-01\n某市2025年标准化工作要点\n日前，某市印发工作要点。会议回顾了2024年的工作。新增省级标准化试点项目12个。",
         "12个", "target"),
        # a report is not a plan
        ("某市市场监管局2024年工作总结\n新建省级标准化试点示范项目30个。", "30个", "actual"),
        # …but its section on what is to come speaks as one, down to the next heading of its level
        ("某省标准化工作情况通报\n一、基本情况\n全省新建省级标准化试点项目38个。\n三、下一步工作\n"
         "一是推进标准化试点示范，新建省级标准化试点项目40个。", "40个", "target"),
        ("某省标准化工作情况通报\n一、基本情况\n全省新建省级标准化试点项目38个。\n三、下一步工作\n"
         "一是推进标准化试点示范，新建省级标准化试点项目40个。", "38个", "actual"),
        ("某县2024年工作总结\n一、下一步工作\n新建省级标准化试点项目2个。\n二、其他\n全县新建省级标准化试点项目3个。",
         "3个", "actual"),
        # …not a section on how the targets went
        ("某县2024年工作总结\n一、主要目标完成情况\n全县新建省级标准化试点项目3个。", "3个", "actual"),
    ],
)
def test_modality_in_a_plan(extractor, text, qty, modality):
    assert facts(extractor, text)[qty].modality == modality


def test_an_article_scraped_onto_one_line_reads_as_with_its_line_breaks(extractor):
    lines = ["嘉兴市标准化三年行动方案", "发布时间：2025-01-02",
             "一、主要目标", "新建省级标准化试点示范项目30个，海宁市主导制定国家标准5项。"]
    want = [(f.text, f.subject, f.modality) for f in extractor.extract("\n".join(lines))]
    got = [(f.text, f.subject, f.modality) for f in extractor.extract("\u3000\u3000".join(lines) + "。" * 200)]
    assert want == got == [("30个", "嘉兴市", "target"), ("5项", "海宁市", "target")]
    # a saved page ends with a line break: it is still one line
    saved = [(f.text, f.subject, f.modality) for f in extractor.extract("\u3000\u3000".join(lines) + "。" * 200 + "\n")]
    assert saved == want


def test_a_cut_off_date_is_not_a_target_even_without_a_document_date(extractor):
    # 至2025年 opens a plan (至2025年，力争…); 截至2025年底 says what had been reached by then
    text = "截至2025年底，全省累计发布地方标准1260项。"
    assert facts(extractor, text)["1260项"].modality == "actual"
    # 截止 (a common slip for 截至) and 截止到 as well
    assert facts(extractor, "截止到2025年底，全省累计发布地方标准1260项。")["1260项"].modality == "actual"
    assert facts(extractor, "至2027年，全省发布地方标准100项。")["100项"].modality == "target"


@pytest.mark.parametrize(
    "text, qty, time",
    [
        ("今年新增主导制定国际标准14项。", "14项", {"text": "今年", "year": 2025}),
        ("去年以来，主导制定国家标准16项。", "16项", {"text": "去年以来", "year": 2024}),
        ("截至10月底，全市主导制定国家标准48项。", "48项", {"text": "截至10月底", "year": 2025}),
        ("2023年度主导制定国家标准8项。", "8项", {"text": "2023年度", "year": 2023}),
        ("2024年前10个月，全省发布地方标准120项。", "120项", {"text": "2024年前10个月", "year": 2024}),
        ("今年前两个月，全省发布地方标准20项。", "20项", {"text": "今年前两个月", "year": 2025}),
        ("近两年标准化服务惠及企业510家。", "510家", {"text": "近两年", "from": 2024, "to": 2025}),
        ("过去三年，全省主导制定国际标准20项。", "20项", {"text": "过去三年", "from": 2023, "to": 2025}),
        ("主导制定国家标准8项。", "8项", None),
        # the start of a change is the time of its own figure only
        ("2023年，全市国家级标准化试点从2022年的21个增加到31个。", "31个", {"text": "2023年", "year": 2023}),
        ("2023年，全市国家级标准化试点从2022年的21个增加到31个。", "21个", {"text": "2022年", "year": 2022}),
        ("从2020年起，全市新增国家级标准化试点31个。", "31个", {"text": "2020年", "year": 2020}),
        # a founding date is no figure's time
        ("协会成立于2015年，累计发布团体标准120项。", "120项", None),
        ("2024年，全市国家级、省级标准化试点分别从2021年的17个、36个增加到30个、52个。", "36个", {"text": "2021年", "year": 2021}),
        ("2024年，全市国家级、省级标准化试点分别从2021年的17个、36个增加到30个、52个。", "52个", {"text": "2024年", "year": 2024}),
        ("2021年至2024年，全省共承担国家级标准化试点项目45个。", "45个", {"text": "2021年至2024年", "from": 2021, "to": 2024}),
        ("“十四五”以来，全省累计主导制定国际标准32项。", "32项", {"text": "“十四五”以来", "from": 2021, "to": 2025}),
        ("十三五期间主导制定国际标准20项。", "20项", {"text": "十三五期间", "from": 2016, "to": 2020}),
        # since a past plan began: up to the document's year
        ("“十三五”以来，全省累计发布地方标准1200项。", "1200项", {"text": "“十三五”以来", "from": 2016, "to": 2025}),
        # a plan's end as the start of a change is its own figure's time only
        ("全省主导制定国际标准数量从“十三五”末的6项增至28项。", "6项", {"text": "“十三五”末", "year": 2020}),
        ("全省主导制定国际标准数量从“十三五”末的6项增至28项。", "28项", None),
        ("全市国家级标准化试点项目由“十三五”时期末的15个增加到42个。", "15个", {"text": "“十三五”时期末", "year": 2020}),
        # a plan's end is its last year; compared with it, it is no time of the figure's
        ("截至“十三五”末，全省累计主导制定国际标准32项。", "32项", {"text": "“十三五”末", "year": 2020}),
        ("十四五期末全省主导制定国际标准40项。", "40项", {"text": "十四五期末", "year": 2025}),
        ("国际标准转化率达到85%，较“十三五”末提高了7.2个百分点。", "85%", None),
        ("今年1-9月，全省发布地方标准86项。", "86项", {"text": "今年1-9月", "year": 2025}),
        ("上半年，全市新增企业标准自我声明公开3200项。", "3200项", {"text": "上半年", "year": 2025}),
        ("2024年上半年主导制定国家标准8项。", "8项", {"text": "2024年上半年", "year": 2024}),
        ("2024年1-11月，全省主导制定国家标准56项。", "56项", {"text": "2024年1-11月", "year": 2024}),
        ("2025年第一季度，全市发布地方标准12项。", "12项", {"text": "2025年第一季度", "year": 2025}),
        ("第二季度全市发布地方标准8项。", "8项", {"text": "第二季度", "year": 2025}),
        ("2024年10月以来，全市发布地方标准5项。", "5项", {"text": "2024年10月以来", "from": 2024, "to": 2025}),
        ("2022年至今，全省发布地方标准320项。", "320项", {"text": "2022年至今", "from": 2022, "to": 2025}),
        ("上年全省发布地方标准110项。", "110项", {"text": "上年", "year": 2024}),
        # 比上年, 较上年: a comparison, not the figure's time
        ("全省发布地方标准110项，较上年多发布地方标准8项。", "110项", None),
        # the opening clause's time goes on over semicolons; a time inside a sentence does not
        ("2024年，全国发布国家标准2800项；新增团体标准1.2万余项。", "1.2万余项", {"text": "2024年", "year": 2024}),
        ("全市现有国家级标准化试点示范项目38个，其中2024年新增6个；省级标准化试点示范项目超过120个。", "超过120个", None),
        # 全年, 当年, 同年 take the year named last before them, sentences or paragraphs back
        ("2023年，全省标准化工作成效明显。\n全年发布地方标准185项。", "185项", {"text": "全年", "year": 2023}),
        ("该中心2019年成立，当年承担国家级标准化试点项目2个。", "2个", {"text": "当年", "year": 2019}),
        ("去年，全市标准化工作再上台阶。全年发布地方标准21项。", "21项", {"text": "全年", "year": 2024}),
        ("去年全年发布地方标准21项。", "21项", {"text": "去年全年", "year": 2024}),
        # …past a phrase that names no year of its own (截至目前, 2022年以来), else the document's
        ("2023年，全省标准化工作成效明显。截至目前，全省累计发布地方标准1200项。全年发布地方标准185项。",
         "185项", {"text": "全年", "year": 2023}),
        ("全年发布地方标准185项。", "185项", {"text": "全年", "year": 2025}),
        # 截至年底 names no year: the end of the one named last, else the document's
        ("2024年，全县标准化工作取得新成效。\n截至年底，全县累计承担省级标准化试点28个。", "28个", {"text": "截至年底", "year": 2024}),
        ("截至年底，全县累计承担省级标准化试点28个。", "28个", {"text": "截至年底", "year": 2025}),
        # a list one item a line, in the time of the line that introduces it, past a cue there
        ("到2027年，全省标准化改革任务基本完成。具体目标是：\n——新增国际标准5项；\n——新增国家标准400项；", "400项",
         {"text": "2027年", "year": 2027}),
        ("2023年，全市标准化工作取得以下成效：\n①新增国家标准10项；\n②培育标准化试点项目20个。", "20个",
         {"text": "2023年", "year": 2023}),
        ("2023年，全市标准化工作成效显著。\n①新增国家标准10项；\n②培育标准化试点项目20个。", "20个", None),
        # a paragraph goes on in the time it opened with, until a sentence names its own
        ("2024年，全市标准化工作成效显著。新增省级标准化试点项目12个。", "12个", {"text": "2024年", "year": 2024}),
        ("到2030年，标准化发展水平显著提升。主导制定国际标准30项以上。", "30项以上", {"text": "2030年", "year": 2030}),
        ("上半年，全区市场监管工作有序推进。一是标准化工作持续深化。新发布地方标准56项。", "56项",
         {"text": "上半年", "year": 2025}),
        ("2024年，全市标准化工作成效显著。目前，全市共有地方标准320项。", "320项", {"text": "目前", "year": 2025}),
        ("2024年，全市标准化工作成效显著。力争新增省级标准化试点项目12个。", "12个", None),
        ("2024年，全市标准化工作成效显著。\n新增省级标准化试点项目12个。", "12个", None),
        ("全市标准化工作成效显著。新增省级标准化试点项目12个。", "12个", None),
        # …the time it names first, wherever in its opening sentence, before its first figure
        ("记者从省局了解到，截至今年9月底，全省现行地方标准达2300项；团体标准4100项。", "4100项",
         {"text": "截至今年9月底", "year": 2025}),
        ("记者从省局了解到，2024年全省标准化工作取得新进展。全省共发布地方标准156项。", "156项",
         {"text": "2024年", "year": 2024}),
        ("全市新增秘书处1个，目前共承担秘书处17个。新建省级标准化试点项目8个。", "8个", None),
        # …or the time a later sentence opens with; a cut-off date is the whole date
        ("日前，省局召开新闻发布会。2024年，全省标准化工作成效显著。新增省级标准化试点项目12个。", "12个",
         {"text": "2024年", "year": 2024}),
        ("截至2024年底，全国共有专业标准化技术委员会1336个。开展企业标准“领跑者”活动，发布领跑者标准2146项。",
         "2146项", {"text": "2024年底", "year": 2024}),
        ("截止目前，全市共有地方标准320项。", "320项", {"text": "截止目前", "year": 2025}),
        # Taiwan's years count from the Republic's founding (111年 is 2022), when the text says so or
        # a month, 底 or 度 follows a year of 100 to 119; a span of 110 years is no year
        ("截至111年12月底，現行國家標準共計6,243種。", "6,243種", {"text": "111年12月底", "year": 2022}),
        ("民國112年度本局制定國家標準245種。", "245種", {"text": "民国112年度", "year": 2023}),
        ("截至103年，現行國家標準共計5,900種。", "5,900種", {"text": "103年", "year": 2014}),
        ("建校110年，学校参与制定国家标准12项。", "12项", None),
        # a time named on the way (a case list of 2018) is that clause's alone
        ("日前，市局公布了2018年“质量月”典型案例。新增省级标准化试点项目12个。", "12个", None),
        ("会上，省局介绍2025年标准化工作要点。新增省级标准化试点项目12个。", "12个", None),
        # in one item of a list (…；) an activity's time is that item's; after 。 the sentences
        # go on about the activity
        ("全省累计公布团体标准448项；开展2022年度企业标准“领跑者”活动，提升产品美誉度；成立省级专业标准化技术委员会29个。",
         "29个", None),
        ("全面开展2023年企业标准自我声明公开工作。全市企业自我声明公开标准1200项。", "1200项",
         {"text": "2023年", "year": 2023}),
        # a quarter in Arabic digits, as a table or a scraped page writes it (1 季度)
        ("1 季度共对7类产品开展监督抽查140批次。", "140批次", {"text": "1季度", "year": 2025}),
        ("2024年第3季度，全市监督抽查产品140批次。", "140批次", {"text": "2024年第3季度", "year": 2024}),
        # a vague span of recent years is the time of the figures after it (近年 as 近年来), not a
        # year named before it, nor inside 接近年底
        ("2016年全市参与国际标准制修订249项，近年累计已接近1400项。", "接近1400项", {"text": "近年"}),
        ("接近年底，全市主导制定国家标准12项。", "12项", None),
        # the year's plan or goal is not the figure's time
        ("今年一季度，全省完成全年计划的两成，发布地方标准28项。", "28项", {"text": "今年一季度", "year": 2025}),
    ],
)
def test_time(extractor, text, qty, time):
    assert facts(extractor, text, date="2025-06-01")[qty].time == time


@pytest.mark.parametrize(
    "text, year",
    [
        ("湖州市2025年上半年标准化工作综述\n上半年，全市主导制定国家标准3项。", 2025),
        ("某市标准化2024-2026年行动方案\n到2026年，全市主导制定国家标准30项。", 2024),
        ("关于印发《某市标准化发展“十四五”规划》的通知\n全市主导制定国家标准30项。", 2021),
        # a title looking back from a later year does not date the document
        ("2023年以来我市标准化工作综述\n今年，全市主导制定国家标准30项。", None),
    ],
)
def test_a_title_dates_a_document_without_a_dateline(extractor, text, year):
    assert extractor.times.title_year(extractor.normalize(text).text) == year


def test_document_date_from_the_header(extractor):
    text = "标题\n2018年09月27日 08:07:27 来源: 杭州日报\n今年全市主导制定国家标准35项。"
    f = extractor.extract(text)[0]
    assert f.time == {"text": "今年", "year": 2018}


def test_a_date_told_of_in_prose_does_not_date_the_document(extractor):
    # the lead tells of 1944: that is history, not when the article was written, so 2003 is no
    # year after the article's and the figure is no target
    text = ("中华民国国家标准\n"
            "中华民国国家标准是中华民国实施的国家标准，1935年由经济部工业标准委员会主管并办理，"
            "于1944年6月6日开始实施，该标准共分为26类，每类都有类号，国家标准之实施以自愿为主。"
            "2003年底，已制定公布逾15,000种国家标准。")
    f = next(f for f in extractor.extract(text) if f.text == "逾15,000种")
    assert f.modality == "actual"


@pytest.mark.parametrize("stamp", ["2018-09-27 08:07来源:杭州日报", "发布时间：2018-09-27，阅读"])
def test_a_date_stamp_run_into_a_long_line_dates_the_document(extractor, stamp):
    # a time or a header field after the date, or a stamp's label before it
    text = "标题\n" + "全市标准化工作取得新进展，" * 8 + stamp + "\n今年全市主导制定国家标准35项。"
    assert extractor.extract(text)[0].time == {"text": "今年", "year": 2018}


def test_caller_date_wins(extractor):
    text = "标题\n2018年09月27日 来源: 杭州日报\n今年全市主导制定国家标准35项。"
    assert extractor.extract(text, date="2020-01-01")[0].time["year"] == 2020


def test_bad_date_is_a_clear_error(extractor):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        extractor.extract("主导制定国家标准8项", date="yesterday")


@pytest.mark.parametrize(
    "title, lead, subject",
    [
        # a title's scope word sets the article's level: a narrower place the lead names first is
        # a part of it
        ("我省发布2024年度地方标准", "日前，省市场监管局发布2024年度地方标准156项。其中，杭州市企业主导起草38项。", "浙江省"),
        ("全市标准化工作再获佳绩", "近日，省局公布试点名单，余杭区3个项目入选，全市主导制定国家标准156项。", "杭州市"),
        # …not a county-level city's 我市, nor 全国 in a title, where a thing goes
        ("我市标准化工作再获佳绩", "近日，兰溪市市场监管局通报，今年主导制定国家标准156项，创历史新高。", "兰溪市"),
        ("“湖州标准”走向全国", "记者从湖州市市场监管局获悉，今年主导制定国家标准156项，其中南浔区5项。", "湖州市"),
    ],
)
def test_a_titles_scope_sets_the_articles_level(extractor, title, lead, subject):
    facts_ = {f.text: f for f in extractor.extract(f"{title}\n来源：浙江省市场监督管理局\n{lead}\n")}
    assert facts_["156项"].subject == subject


def test_a_meeting_place_does_not_narrow_the_main_region(extractor):
    text = ("近日，浙江省市场监管局在杭州召开全省标准化工作会议，总结全年工作成效并部署下一步重点任务。\n"
            "会议指出，全省主导制定国家标准120项。")
    assert extractor.extract(text)[0].subject == "浙江省"


def test_a_meeting_place_named_by_province_and_city_does_not_narrow_the_main_region(extractor):
    # 在广东广州召开: both names say where the meeting was; a title that starts with a year
    # (2024年上半年…) is a title, not a date line
    text = ("2024年上半年广东发明专利授权量达9万件\n"
            "9月6日，2024年上半年广东省市场监管工作会议在广东广州召开。笔者从会上获悉，各项工作取得新成绩。\n"
            "全力推进“两新”行动，发布地方标准66项、团体标准85项。")
    assert {f.text: f.subject for f in extractor.extract(text)} == {"66项": "广东省", "85项": "广东省"}


def test_a_part_the_lead_goes_on_to_does_not_narrow_the_main_region(extractor):
    # a wire report filed in the city: the lead names the province, then a city as a part of it
    text = ("中国消费者报西安讯(记者徐文智)自陕西省开展对标达标提升专项行动以来，多家企业积极参与。"
            "截至5月12日，陕西省共有6个城市参与专项行动，445家企业在平台上发布对标技术方案268个。"
            "其中，西安市发布对标技术方案数量为全国第一。")
    assert {f.text: f.subject for f in extractor.extract(text)} == {"445家": "陕西省"}


def test_a_target_cue_of_what_will_be_done_to_a_count(extractor):
    # 将对…开展: what will be done; 将对标结果… is 将 before its object (对标结果)
    facts = extractor.extract("湖北将对1100家企业开展对标达标质量提升行动")
    assert [(f.text, f.modality) for f in facts] == [("1100家", "target")]


def test_site_furniture_is_not_the_title(extractor):
    # 首页 | 新闻 |…, 字号：大 中 小: a site's menus, so the title below them names the region
    text = ("首页 | 新闻 | 政务公开 | 办事服务\n字号：大 中 小    打印本页    关闭窗口\n"
            "浙江以高标准引领高质量发展\n"
            "10月24日，世界标准日主题活动在绍兴柯桥召开。记者从会上获悉，近年来标准化工作成效明显。\n"
            "累计主导制定国家标准超200项。")
    assert {f.text: f.subject for f in extractor.extract(text)} == {"超200项": "浙江省"}


def test_places_given_as_examples_are_not_the_main_region(extractor):
    # 河北、黑龙江、上海等13个地方: the places stand for a larger set; the national body's
    # article is about the country, so the later national figure is 中国's too
    text = ("记者今天了解到，市场监管总局近日印发通知，在河北、黑龙江、上海等13个地方开展深化地方标准管理制度改革试点，"
            "为改革地方标准管理制度积累经验。\n"
            "截至目前，已制定并备案的地方标准7.8万余项。")
    got = {f.text: f.subject for f in extractor.extract(text)}
    assert got == {"13个": "中国", "7.8万余项": "中国"}


def test_where_a_national_event_was_held_is_not_whose_figures_they_are(extractor):
    # 在北京举行: the venue of an event the national regulator speaks at; its figures are the
    # country's, in the lead and in the paragraph after the venue alike
    text = ("市场监管总局：我国牵头制定国际标准超360项\n"
            "10月14日，世界标准日主题活动在北京举行。市场监管总局负责人表示，全年新制定强制性国家标准198项。")
    assert {f.text: f.subject for f in extractor.extract(text)} == {"超360项": "中国", "198项": "中国"}


def test_a_venue_with_no_national_wording_is_still_the_articles_place(extractor):
    text = "全市标准化工作会议在杭州召开。会上获悉，今年全市主导制定国家标准20项，参与制定行业标准35项。"
    assert {f.text: f.subject for f in extractor.extract(text)} == {"20项": "杭州市", "35项": "杭州市"}


def test_a_place_name_opening_an_organizations_name_is_no_place(extractor):
    # 上海合作组织 is the Shanghai Cooperation Organisation, not 上海市
    text = ("上海合作组织标准化合作会议召开\n国家标准委有关负责人介绍，我国与上海合作组织成员国开展标准化合作，"
            "今年发布国家标准外文版120项。")
    assert {f.text: f.subject for f in extractor.extract(text)} == {"120项": "中国"}


def test_the_leader_of_what_a_place_takes_part_in_is_not_the_subject(extractor):
    # 我国 leads the standards 湖北 takes part in: the figures are 湖北's
    text = "报告指出，2024年湖北省参与我国牵头的国际标准25项，国家标准812项。"
    assert {f.text: f.subject for f in extractor.extract(text)} == {"25项": "湖北省", "812项": "湖北省"}


def test_a_scope_word_opening_a_bodys_name_is_not_the_subject(extractor):
    # 全国…标准化技术委员会 names a national body: neither the sentence nor the article is about
    # the country; the figures stay the article's (here none), or the place a clause names
    text = "获批筹建全国电子商务质量管理标准化技术委员会1个，新成立省级专业标准化技术委员会3个。"
    assert {f.text: f.subject for f in extractor.extract(text)} == {"1个": None, "3个": None}
    text = "宁波市市场监管局消息\n全国塑料标准化技术委员会年会召开，全市新增国家标准12项。"
    assert {f.text: f.subject for f in extractor.extract(text)} == {"12项": "宁波市"}
    # the same word saying whose figure it is still does
    text = "全国共有检验检测机构7558家，全国标准化技术委员会1300余个。"
    assert {f.text: f.subject for f in extractor.extract(text)}["7558家"] == "中国"
    # …also before the bodies it counts: a name does not open with a word that states or counts
    for text in ("全国现有专业标准化技术委员会1300余个。", "全国已成立标准化技术委员会1200余个，分技术委员会700余个。"):
        assert {f.subject for f in extractor.extract(text)} == {"中国"}, text


@pytest.mark.parametrize("rank", ["居全国前列", "位居全国第一", "高于全国平均水平"])
def test_a_rank_against_the_country_does_not_make_the_article_national(extractor, rank):
    # 我省…居全国前列: the figures are the province's, which the text does not name
    text = f"我省现有国家标准化技术委员会秘书处3个、分技术委员会秘书处7个的规模{rank}。"
    assert {f.text: f.subject for f in extractor.extract(text)} == {"3个": None, "7个": None}
    # the country as whose figures they are still makes it national
    text = "全国共有检验检测机构7558家，居世界前列。"
    assert {f.text: f.subject for f in extractor.extract(text)} == {"7558家": "中国"}


def test_a_city_scope_in_a_provinces_news_is_the_source_lines_city(extractor):
    # the lead names the province; 我市 is the city whose paper wrote it (撰稿：台州发布)
    text = ("近日，浙江省市场监管局在全省范围内认定100项标准为“浙江标准”，我市牵头制定的10项标准入围。\n"
            "来源：潮新闻 | 撰稿：台州发布 | 责编：丁某")
    assert {f.text: f.subject for f in extractor.extract(text)}["10项"] == "台州市"
    # a source city outside the region named stays out of it, and no source leaves it unknown
    text = ("近日，浙江省市场监管局在全省范围内认定100项标准为“浙江标准”，我市牵头制定的10项标准入围。\n"
            "来源：常州日报")
    assert {f.text: f.subject for f in extractor.extract(text)}["10项"] is None
    text = "近日，浙江省市场监管局在全省范围内认定100项标准为“浙江标准”，我市牵头制定的10项标准入围。"
    assert {f.text: f.subject for f in extractor.extract(text)}["10项"] is None


def test_places_and_figures_pair_up_with_fenbie(extractor):
    text = "湖州市消息。安吉县、德清县分别入选国家级标准化试点2个和3个。"
    got = {f.text: f.subject for f in extractor.extract(text)}
    assert got == {"2个": "安吉县", "3个": "德清县"}


def test_a_figure_before_the_places_does_not_count_against_fenbie(extractor):
    # the figures after 分别 pair with the places; a figure before them (an ordinal, a share) is
    # not one of them
    text = "截至2022年底，团体标准超过5000项的广东、浙江分别公布了6419项和5640项团体标准。"
    got = {f.text: f.subject for f in extractor.extract(text)}
    assert {t: s for t, s in got.items() if t != "超过5000项"} == {"6419项": "广东省", "5640项": "浙江省"}


def _mentions_by_brute_force(gaz, text, start, end):
    """The gazetteer's rule, tried at every position with every name length."""
    from zhstdextract.regions import _ADMIN_SUFFIX, _is_han

    lengths = sorted({len(n) for n in list(gaz._full) + list(gaz._short)}, reverse=True)
    out, i = [], start
    while i < end:
        for n in lengths:
            s = text[i:i + n]
            if i + n > end or (s not in gaz._full and s not in gaz._short):
                continue
            cands = gaz._full.get(s) or gaz._short.get(s)
            if s in gaz._full and n == 2 and i > 0 and _is_han(text[i - 1]) and text[i - 1] not in _ADMIN_SUFFIX \
                    and not any(c.level == "province" for c in cands):
                continue
            out.append((i, i + n, s))
            i += n - 1
            break
        i += 1
    return out


def test_region_mentions_equal_a_brute_force_scan(extractor, seed_texts):
    import random

    extractor.warm()
    gaz = extractor._gaz
    rng = random.Random(4)
    for raw in seed_texts.values():
        text = extractor.normalize(raw).text
        spans = [(0, len(text))] + [sorted((rng.randint(0, len(text)), rng.randint(0, len(text)))) for _ in range(20)]
        for a, b in spans:
            got = [(m.start, m.end, m.surface) for m in gaz.mentions(text, a, b)]
            assert got == _mentions_by_brute_force(gaz, text, a, b)


def test_the_base_year_of_a_comparison_is_not_the_figures_time(extractor):
    # 较2013年增长176.44%: the growth is of 2023, measured against 2013; the base's own figure
    # (较2020年底的800项) is of the base year; 与2020年184个 joins, it does not compare
    text = "截至2023年底，全国共有规模以上检验检测机构7558家，较2013年增长176.44%；比2020年增加120家。"
    got = {f.text: f.time for f in extractor.extract(text, include_unmapped=True)}
    assert got["176.44%"] == {"text": "2023年底", "year": 2023}
    assert got["120家"] == {"text": "2023年底", "year": 2023}
    text = "截至2024年底，全省累计制定地方标准1200项，较2020年底的800项增长50%。"
    got = facts(extractor, text, include_unmapped=True)
    assert got["800项"].time == {"text": "2020年底", "year": 2020}
    # …and for that figure alone: the growth after it is of the figure compared, here 2024年底
    assert got["50%"].time == {"text": "2024年底", "year": 2024}
    text = "与2020年184个既有领域整理合并后，重点领域达到202个。"
    assert facts(extractor, text, include_unmapped=True)["184个"].time == {"text": "2020年", "year": 2020}


def test_a_scope_word_holds_over_the_parts_of_a_statement_joined_by_semicolons(extractor):
    # 全国共有…7558家；从业人员69.89万人: one statement in parts, all of the country's, in an
    # article whose main region is a province; a place named in a later part takes over
    text = ("浙江省市场监管局消息。截至2023年底，全国共有检验检测机构7558家；从业人员69.89万人；"
            "主导制定国家标准120项。")
    got = {f.text: f.subject for f in extractor.extract(text, include_unmapped=True)}
    assert got == {"7558家": "中国", "69.89万人": "中国", "120项": "中国"}
    text = "杭州市市场监管局消息。今年全省主导制定国家标准120项；行业标准80项；余杭区地方标准30项。"
    got = {f.text: f.subject for f in extractor.extract(text)}
    assert got == {"120项": "浙江省", "80项": "浙江省", "30项": "余杭区"}


def test_a_province_naming_whose_local_standards_they_are_is_not_the_subject(extractor):
    # 山东省地方标准: standards the province issues, which the county took part in drafting
    text = "金乡县标准化工作会议召开。据通报，金乡县参与制定国家标准10项，山东省地方标准22项。"
    assert {f.text: f.subject for f in extractor.extract(text)} == {"10项": "金乡县", "22项": "金乡县"}


def test_time_words_inside_other_words_are_no_time(extractor):
    # 主要体现在以下方面: 现在 is part of 体现在, not "now"; 提前年内, 说明年度 hold no 前年, 明年
    for text in ("全市提前年内完成发布地方标准20项的任务。", "据情况说明年度内发布地方标准20项。"):
        assert facts(extractor, text, date="2025-06-01")["20项"].time is None
    text = "2023年，标准国际化水平稳步提升，主要体现在以下方面：发布了18项国际标准。"
    assert facts(extractor, text)["18项"].time == {"text": "2023年", "year": 2023}
    assert facts(extractor, "现在，全市共有地方标准320项。", date="2025-06-01")["320项"].time == {"text": "现在", "year": 2025}


def test_a_line_the_page_broke_after_a_comma_goes_on_in_its_frame(extractor):
    # 到2025年, then a line break: the page wrapped the sentence, and its figures are targets of
    # 2025; a line that ended its sentence (。) frames nothing after it
    text = "三部门部署乡村振兴标准化工作\n日前，三部门联合印发通知。《方案》提出到2025年,\n制修订农业领域国家标准1 000项。"
    f = facts(extractor, text, date="2024-06-01")["1 000项"]
    assert (f.modality, f.time) == ("target", {"text": "2025年", "year": 2025})
    text = "《方案》提出到2025年的目标。\n制修订农业领域国家标准1 000项。"
    assert facts(extractor, text, date="2024-06-01")["1 000项"].modality == "actual"


@pytest.mark.parametrize(
    "text, subject",
    [
        ("北京市市场监管局消息。京津冀三地联合发布区域协同地方标准12项。", "京津冀"),
        ("截至目前，長三角區域已累計發布統一地方標準30項。", "长三角"),
        ("粤港澳三地共同公布110项“湾区标准”。", "粤港澳大湾区"),
    ],
)
def test_a_group_of_provinces_is_the_subject_of_what_it_does_as_one(extractor, text, subject):
    # the figure is the group's, not the header's province nor any one member's
    (fact,) = extractor.extract(text)
    assert (fact.subject, fact.subject_code) == (subject, None)


def test_a_scope_word_after_a_group_is_the_articles_region(extractor):
    text = ("浙江省标准化工作取得新成效\n"
            "2024年，浙江积极推进长三角一体化标准化合作，长三角区域统一地方标准加快制定，全省制定地方标准12项。")
    (fact,) = extractor.extract(text)
    assert (fact.subject, fact.subject_code) == ("浙江省", "330000")
