"""A rule's topic: the figure is about quality and standards, said in its sentence or by what
the document is (its title, header or source line), not by a word met on the way."""
from __future__ import annotations

import pytest


def metrics(extractor, text):
    return {f.text: f.metric for f in extractor.extract(text)}


@pytest.mark.parametrize(
    "text, qty, metric",
    [
        # the sentence says nothing of the topic; the document's title or source does
        ("某市市场监督管理局2024年工作总结\n全市共检查企业1200家。", "1200家", "enterprise.inspected"),
        ("全市共检查企业1200家。\n（来源：某市市场监管局）", "1200家", "enterprise.inspected"),
        ("关于质量强市建设的情况通报\n今年累计惠及企业156家。", "156家", "enterprise.served"),
        # nothing says so: a general report's figure is not a standards figure
        ("某县2024年政府工作报告\n全县共检查企业1200家。", "1200家", None),
        ("某县2024年政府工作报告\n发放稳岗补贴资金3600万元，惠及企业1500家。", "1500家", None),
        # 高标准农田 and 高质量发展 in the title are not the topic
        ("高标准农田建设推动高质量发展\n惠及企业156家。", "156家", None),
        # the lead is prose: a topic word there does not make the document about it
        ("某县2024年政府工作报告\n全年新建高标准农田12.5万亩，建成标准化厂房30万平方米。\n惠及企业1500家。", "1500家", None),
    ],
)
def test_topic(extractor, text, qty, metric):
    assert metrics(extractor, text).get(qty) == metric
