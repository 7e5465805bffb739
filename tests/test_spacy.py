"""The spaCy component: entry point, both segmenters, multiprocessing, serialization."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import Doc, DocBin  # noqa: E402

SEGMENTERS = ["char", "jieba"]


def make_nlp(segmenter: str, **config):
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    nlp.add_pipe("zhstdextract", config=config)
    return nlp


@pytest.fixture(scope="module", params=SEGMENTERS)
def nlp(request):
    return make_nlp(request.param, include_unmapped=True)


def test_same_facts_as_the_library(nlp, seed_texts, extractor):
    for text in seed_texts.values():
        doc = nlp(text)
        lib = [f.to_dict() for f in extractor.extract(text, include_unmapped=True)]
        assert doc._.facts == lib
        spans = doc.spans["zhstdextract"]
        assert len(spans) == len(lib)  # none dropped
        for span, fact in zip(spans, lib):
            assert span._.fact == fact
            assert span.label_ == (fact["metric"] or "quantity")
            assert span.start_char <= fact["span"][0] and fact["span"][1] <= span.end_char


def test_pipe_with_two_processes(seed_texts, extractor):
    nlp = make_nlp("char")
    texts = list(seed_texts.values())
    docs = list(nlp.pipe(texts, n_process=2, batch_size=1))
    for doc, text in zip(docs, texts):
        assert doc._.facts == [f.to_dict() for f in extractor.extract(text)]


def test_serialization_keeps_spans_and_facts(seed_texts):
    nlp = make_nlp("char")
    text = seed_texts["001_58957b1c9d3305c8.txt"]
    doc = nlp(text)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(s.start_char, s.end_char, s.label_, s._.fact) for s in again.spans["zhstdextract"]] == \
        [(s.start_char, s.end_char, s.label_, s._.fact) for s in doc.spans["zhstdextract"]]
    db = DocBin(store_user_data=True)
    db.add(doc)
    back = list(DocBin(store_user_data=True).from_bytes(db.to_bytes()).get_docs(nlp.vocab))[0]
    # msgpack gives tuples for lists; the content is the same
    assert json.loads(json.dumps(back._.facts)) == json.loads(json.dumps(doc._.facts))
    assert len(back.spans["zhstdextract"]) == len(doc.spans["zhstdextract"])


def test_config_span_key_and_patterns(tmp_path):
    rules = tmp_path / "r"
    rules.mkdir()
    (rules / "r.yaml").write_text("disable: [funding.amount.award]\n", encoding="utf-8")
    nlp = make_nlp("char", span_key="facts", patterns=[str(rules)])
    doc = nlp("兑现资金超亿元，主导制定国家标准3项")
    assert [s.label_ for s in doc.spans["facts"]] == ["standard.formulated"]


def test_import_does_not_load_spacy():
    code = "import sys, zhstdextract; zhstdextract.extract('主导制定国家标准3项'); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_docs_example_runs():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "spacy.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", doc, re.S)
    assert blocks
    for code in blocks:
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
