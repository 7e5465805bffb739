"""Dev-set regression: the figures of the text and fact layers on the seeds (ONTOLOGY.md section 6).

Thresholds are the issues' acceptance levels; the measured figures are printed (pytest -s) and
recorded in the closing notes.
"""
from __future__ import annotations

import pytest

from zhstdextract.evaluate import evaluate


@pytest.fixture(scope="module")
def figures(gold, seed_facts):
    fig = evaluate(gold, seed_facts).figures()
    print("\ndev set:", {k: (round(v["f1"], 3) if isinstance(v, dict) else round(v, 3)) for k, v in fig.items()})
    return fig


def test_detection_f1(figures):
    assert figures["detect"]["f1"] >= 0.95


def test_no_quantity_from_dates_years_ordinals_codes_or_names(gold, seed_facts):
    """Every emitted quantity overlaps a gold quantity: nothing comes from a date, year,
    ordinal, code or name (the gold lists every real quantity, optional ones included)."""
    by_doc: dict[str, list] = {}
    for g in gold:
        by_doc.setdefault(g["doc"], []).append(g["span"])
    stray = [f for f in seed_facts
             if not any(f["span"][0] < b and a < f["span"][1] for a, b in by_doc.get(f["doc"], []))]
    assert stray == []


def test_all_metric_f1(figures):
    assert figures["all"]["f1"] >= 0.95


def test_tier1_strict_f1(figures):
    assert figures["t1"]["strict_f1"] >= 0.95


def test_subject_accuracy(figures):
    assert figures["subject_acc"] >= 0.90


def test_modality_accuracy(figures):
    assert figures["modality_acc"] >= 0.95


def test_the_mission_sentence(extractor):
    facts = extractor.extract("拱墅区主导制定了6项国际标准、170项国家标准和390项行业标准")
    got = [(f.text, f.metric, f.dims) for f in facts]
    dims = {"role": "led", "process": "formulate"}
    assert got == [
        ("6项", "standard.formulated", {**dims, "level": "international"}),
        ("170项", "standard.formulated", {**dims, "level": "national"}),
        ("390项", "standard.formulated", {**dims, "level": "industry"}),
    ]
    assert {f.subject for f in facts} == {"拱墅区"}
