"""Hostile input: fuzzing, bounded time, hostile files. Figures go to docs/reliability.md.

Run with ``-s`` to see the figures (examples tried, worst time ratio) printed.
"""
from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from conftest import SEEDS, read_seed
from zhstdextract.segment import title_lines

EXE = Path(sys.executable).parent / "zhstdextract"
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
STATS: dict[str, int] = {"examples": 0, "chars": 0, "facts": 0}

_SEED_SENTENCES: list[str] = []
for _p in sorted(SEEDS.glob("*.txt")):
    for _line in read_seed(_p).split("\n"):
        for _s in _line.replace("。", "。\n").split("\n"):
            if 6 <= len(_s) <= 200:
                _SEED_SENTENCES.append(_s)

PINYIN = ["(biāo)", "(zhǔn)", "（zhì）", "(guó)", "(xiàng)"]
NOISE_PIECES = [
    "亿亿亿", "万万", "超超超", "近近350项", "余余余项", "以上以上", "百分之百分之", "第第",
    "０１２３４５６７８９", "％", "．", "\u200b", "\ufeff", "\u3000", "\u0301", "\u20dd",
    "鈥滈", "锘�", "�", "ï»¿", "\ud800", "\udfff", "123456789012345678901234567890",
    "9" * 300, "1.2.3.4.5", "3.13万亿亿项", "1,000,000,000,000,000家", "二二二二二项", "十十十项",
    "“", "”", "（", "）", "、、、", ",,,", "。。。", "\n\n", "\r\n", "<p>", "&amp;",
]


def noisy_text() -> st.SearchStrategy[str]:
    seed_sentence = st.sampled_from(_SEED_SENTENCES)
    noise = st.one_of(
        st.sampled_from(NOISE_PIECES),
        st.sampled_from(PINYIN),
        st.text(max_size=20),  # arbitrary Unicode, surrogates and combining marks included
        st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=15),
        st.integers(min_value=0, max_value=10**40).map(str),
    )
    return st.lists(st.one_of(seed_sentence, noise, seed_sentence.map(_inject_pinyin)), max_size=12).map("".join)


def _inject_pinyin(s: str) -> str:
    out = []
    for i, ch in enumerate(s):
        out.append(ch)
        if i % 3 == 1 and "\u4e00" <= ch <= "\u9fff":
            out.append(PINYIN[i % len(PINYIN)])
    return "".join(out)


def check_facts(text: str, facts) -> None:
    for f in facts:
        a, b = f.span
        assert 0 <= a < b <= len(text)
        assert text[a:b] == f.text
        assert isinstance(f.value, (int, float)) and not isinstance(f.value, bool)
        assert math.isfinite(float(f.value))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noisy_text())
def test_noisy_text_never_raises_and_spans_point_at_the_original(extractor, text):
    facts = extractor.extract(text, include_unmapped=True)
    check_facts(text, facts)
    STATS["examples"] += 1
    STATS["chars"] += len(text)
    STATS["facts"] += len(facts)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode(extractor, text):
    check_facts(text, extractor.extract(text, include_unmapped=True))
    for q in extractor.quantities(text):
        assert text[q.span[0]:q.span[1]] == q.text
    STATS["examples"] += 1
    STATS["chars"] += len(text)


LOCAL = ("span", "text", "value", "unit", "qualifier", "metric", "dims", "rule")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(noisy_text(), min_size=1, max_size=5))
def test_paragraphs_are_independent(extractor, paragraphs):
    """Extracting a text equals extracting its paragraphs one by one (spans shifted), for every
    field that depends only on the paragraph (subject, time and modality read the document).
    The text and each paragraph open and end with a line break: a text with none but at its end
    is read as a document scraped onto one line, whose runs of spaces were its line breaks. A text with a title
    or a source line (来源:…) is left out: a rule's topic may be read there (engine.py), so a
    paragraph's metric may come from them by design."""
    paragraphs = [p.replace("\n", " ").replace("\r", " ") for p in paragraphs]
    text = "\n" + "\n".join(paragraphs) + "\n"
    cues = extractor.patterns.data.get("context", {}).get("source_cues", [])
    assume(not title_lines(extractor.normalize(text).text))
    assume(not any(c in extractor.normalize(p).text for p in paragraphs for c in cues))
    whole = [{k: f.to_dict()[k] for k in LOCAL} for f in extractor.extract(text, include_unmapped=True)]
    parts = []
    offset = 0
    for p in paragraphs:
        for f in extractor.extract("\n" + p + "\n", include_unmapped=True):
            d = {k: f.to_dict()[k] for k in LOCAL}
            d["span"] = [d["span"][0] + offset, d["span"][1] + offset]
            parts.append(d)
        offset += len(p) + 1
    assert whole == parts
    STATS["examples"] += 1


def _per_char_seconds(extractor, text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        extractor.extract(text, include_unmapped=True)
        best = min(best, time.perf_counter() - t0)
    return best / max(1, len(text))


ADVERSARIAL = {
    "digits": "1" * 200_000,
    "digits_and_units": "1项" * 50_000,
    "magnitudes": "3亿亿亿" * 20_000,
    "qualifiers": "超近约余" * 30_000 + "350项",
    "han_no_punctuation": "主导制定国家标准行业标准团体标准" * 10_000,
    "standards_list": "国家标准20余项、" * 15_000,
    "pinyin": "標(biāo)" * 40_000,
    "chinese_numerals": "一二三四五六七八九十百千万亿" * 10_000 + "项",
    "masked_like": "\ue000\ue001" * 50_000,
    "one_long_line": ("全市主导制定国家标准35项" + "的" * 500) * 300,
    "enumeration_pairs": "60家企业的85项标准" * 10_000,
}


def test_adversarial_inputs_finish_in_bounded_time(extractor, seed_texts):
    """Worst per-character cost of adversarial inputs, as a multiple of normal text's, measured
    in this run: no input may backtrack catastrophically."""
    normal = "\n".join(seed_texts.values()) * 4
    base = _per_char_seconds(extractor, normal)
    ratios = {}
    for name, text in ADVERSARIAL.items():
        ratios[name] = _per_char_seconds(extractor, text, repeat=1) / base
    worst = max(ratios, key=ratios.get)
    STATS["worst_ratio"] = round(ratios[worst], 2)
    STATS["worst_input"] = worst
    print("\nadversarial per-char cost / normal text:", {k: round(v, 2) for k, v in ratios.items()})
    assert ratios[worst] < 25, ratios


def test_huge_single_line_through_the_cli(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    line = ("全市主导制定国家标准35项，" + "数据" * 200) * 12_000  # ~5 MB, one line
    (d / "huge.txt").write_text(line, encoding="utf-8")
    (d / "normal.txt").write_text("今年新增对标达标企业86家", encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    r = subprocess.run([str(EXE), "extract", str(d), "-o", str(out), "-q", "--workers", "1"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sum(1 for x in rows if x["doc"] == "huge.txt") == 12_000
    assert any(x["doc"] == "normal.txt" for x in rows)


def test_hostile_files_through_the_cli(tmp_path, extractor):
    d = tmp_path / "in"
    shutil.copytree(HOSTILE, d)
    shutil.copy(next(SEEDS.glob("001*.txt")), d / "good.txt")
    out, errs = tmp_path / "facts.jsonl", tmp_path / "errors.jsonl"
    r = subprocess.run([str(EXE), "extract", str(d), "-o", str(out), "--errors", str(errs), "--workers", "2"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    errors = {(e["source"], e.get("line")) for e in map(json.loads, errs.read_text(encoding="utf-8").splitlines())}
    assert {("empty.txt", None), ("nul_bytes.txt", None), ("random.bin.txt", None)} <= errors
    assert {("corpus.jsonl", 2), ("corpus.jsonl", 3), ("corpus.jsonl", 4), ("corpus.jsonl", 6)} <= errors
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    got = {(x["doc"], x["text"]) for x in rows}
    assert ("corpus.jsonl#ok1", "86家") in got
    assert ("corpus.jsonl#ok2", "2300万元") in got
    assert ("mixed_encodings.txt", "35项") in got and ("mixed_encodings.txt", "860名") in got
    assert ("nested.html", "35项") in got and ("nested.html", "99项") not in got
    assert ("utf16_nobom.txt", "3项") in got
    assert any(doc.startswith("corpus.jsonl#surrogate") for doc, _ in got)
    good = [x for x in rows if x["doc"] == "good.txt"]
    seed = read_seed(next(SEEDS.glob("001*.txt")))
    assert good == [f.to_dict() for f in extractor.extract(seed, doc="good.txt")]  # nothing lost


def test_zz_record_figures():
    """Prints the figures of this run for docs/reliability.md (runs last in this module)."""
    print(f"\nreliability figures: {json.dumps(STATS, ensure_ascii=False)}")
    assert STATS["examples"] >= 800
