"""The ontology contract: required ids exist, docs/ontology.md is generated from the data."""
from __future__ import annotations

from pathlib import Path

from zhstdextract.docgen import ontology_markdown

REQUIRED = """standard.formulated standard.proposed standard.published standard.disclosed standard.inspected
standard.advanced standard.leader standard.listed standard.collected standard.adopted standard.project
standard.total standards_body.hosted standardization.pilot standardization.meeting enterprise.standards
enterprise.benchmarking enterprise.brand enterprise.certified enterprise.quality_award
enterprise.quality_management enterprise.ip enterprise.served enterprise.inspected product.count
certificate.count inspection.batches inspection.pass_rate enforcement.cases talent.count service.visits
service.problems service.platform funding.amount""".split()


def test_required_metric_ids(extractor):
    assert set(REQUIRED) <= set(extractor.patterns.metrics)


def test_every_metric_has_a_rule(extractor):
    covered = {r.metric for r in extractor.patterns.rules}
    assert set(REQUIRED) <= covered


def test_dims_vocabularies(extractor):
    ps = extractor.patterns
    assert set(ps.vocabs["std_level"].values) == {"international", "national", "industry", "local", "group", "enterprise"}
    assert set(ps.vocabs["admin_level"].values) == {"international", "national", "provincial", "municipal", "county"}
    assert set(ps.vocabs["role"].values) == {"led", "participated", "led_or_participated"}
    assert set(ps.vocabs["process"].values) == {"formulate", "revise", "formulate_or_revise"}
    assert ps.metrics["standard.disclosed"].implied == {"level": "enterprise"}


def test_docs_ontology_in_sync(extractor):
    doc = Path(__file__).resolve().parent.parent / "docs" / "ontology.md"
    assert doc.read_text(encoding="utf-8") == ontology_markdown(extractor.patterns), (
        "docs/ontology.md is stale: python -m zhstdextract.docgen > docs/ontology.md"
    )


def test_fact_shape(extractor):
    f = extractor.extract("全市主导制定国家标准35项")[0].to_dict()
    assert list(f) == ["doc", "metric", "value", "unit", "qualifier", "dims", "subject", "modality",
                       "time", "span", "text", "rule"]
