"""The same facts, clean or noisy.

Every rule example and negative, and every sentence of the wording check, is a clean sentence. Published articles carry the same sentence in
traditional characters, with pinyin glued inside words (標(biāo)準(zhǔn)), full-width digits,
a replacement character where a decoder lost bytes, and zero-width characters. Normalization
must take all of that away: each one, made noisy, gives the facts it gives clean, and every
span points at the noisy text.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from zhstdextract.patternset import load_patterns

# annotations as the seed articles write them (the characters they annotate most)
PINYIN = {
    "業": "yè", "標": "biāo", "準": "zhǔn", "產": "chǎn", "質": "zhì", "務": "wù", "發": "fā",
    "區": "qū", "設": "shè", "現": "xiàn", "創": "chuàng", "監": "jiān", "術": "shù", "構": "gòu",
    "領": "lǐng", "數": "shù", "導": "dǎo", "進": "jìn", "項": "xiàng", "個": "gè", "國": "guó",
    "際": "jì", "試": "shì", "點": "diǎn", "認": "rèn", "證": "zhèng", "團": "tuán", "萬": "wàn",
}
FULL_WIDTH = str.maketrans("0123456789%:", "０１２３４５６７８９％：")


def noisy(text: str, converter) -> str:
    """Traditional, annotated after every other known character, full-width figures, U+FFFD
    after each closing quote and a zero-width space after each comma."""
    out = []
    seen = 0
    for ch in converter.convert(text):
        out.append(ch)
        if ch in PINYIN:
            seen += 1
            if seen % 2:
                out.append(f"({PINYIN[ch]})" if seen % 4 == 1 else f"（{PINYIN[ch]}）")
    return "".join(out).translate(FULL_WIDTH).replace("”", "”\ufffd").replace("，", "，\u200b")


def _examples() -> list[tuple[str, str]]:
    ps = load_patterns()
    wording = Path(__file__).resolve().parent / "data" / "wording.tsv"
    sentences = sorted({line.split("\t")[0] for line in wording.read_text(encoding="utf-8").splitlines()
                        if line.strip() and not line.startswith("#")})
    return ([(r.id, e.text) for r in ps.rules for e in r.examples] + [(r.id, t) for r in ps.rules for t in r.negatives]
            + [("wording", t) for t in sentences])


EXAMPLES = _examples()


def _key(f) -> tuple:
    return (f.metric, f.value, f.unit, f.qualifier, tuple(sorted(f.dims.items())), f.subject, f.modality)


@pytest.fixture(scope="module")
def s2t():
    import opencc

    try:
        return opencc.OpenCC("s2t")
    except Exception:  # older bindings want the config file name
        return opencc.OpenCC("s2t.json")


def test_there_are_examples_to_try():
    assert len(EXAMPLES) >= 250


@pytest.mark.parametrize("rule_id, text", EXAMPLES, ids=[f"{r}:{i}" for i, (r, _) in enumerate(EXAMPLES)])
def test_noisy_example_gives_the_same_facts(extractor, s2t, rule_id, text):
    made = noisy(text, s2t)
    assert made != text
    clean = [_key(f) for f in extractor.extract(text)]
    facts = extractor.extract(made)
    for f in facts:
        assert made[f.span[0]:f.span[1]] == f.text
    assert [_key(f) for f in facts] == clean, made
