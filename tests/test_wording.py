"""Sentences of ordinary news wording, one figure each, and the metric it counts.

Written apart from the rules (tests/data/wording.tsv) as a check on wording the rules were
not written from; rule examples test each rule, this tests the rules together.
"""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "wording.tsv"

# known gaps: wording left unmapped on purpose, or read as something else, and why
GAPS = {
    "共纳入省级标准化项目计划86项。": "a plan's items are both listed and projects (标准计划项目 counts as a project); left unmapped",
    "列入国家标准制修订计划的项目有22项。": "as above: listed or project, the wording does not say",
    "指导企业导入精益管理等先进质量管理方法，覆盖企业680家。":
        "the adopting enterprises are named in the next clause (覆盖企业), which reads as enterprises served",
    "抽查电线电缆生产企业45家。": "alone, the sentence says nothing of market regulation (the rule's topic); in an article its title does",
}


def _rows() -> list:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, qty, metric = line.split("\t")
        marks = [pytest.mark.xfail(strict=True, reason=GAPS[text])] if text in GAPS else []
        rows.append(pytest.param(text, qty, None if metric == "None" else metric, marks=marks))
    return rows


ROWS = _rows()


def test_enough_sentences():
    assert len(ROWS) >= 60


@pytest.mark.parametrize("text, qty, metric", ROWS)
def test_wording(extractor, text, qty, metric):
    got = {f.text: f.metric for f in extractor.extract(text)}
    assert got.get(qty) == metric


def test_each_row_names_a_whole_figure_or_none(extractor):
    """A row naming part of a figure (85% of 超过85%) could never fail: no fact has that text."""
    partial = []
    for p in ROWS:
        text, qty, _metric = p.values
        texts = {f.text for f in extractor.extract(text, include_unmapped=True)}
        if qty not in texts and any(qty in t for t in texts):
            partial.append((text, qty, sorted(texts)))
    assert partial == []
