"""The start-up cache: a stored extractor is the extractor it stands for, or it is not used."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from conftest import read_seed, rule_folder
from zhstdextract import startup_cache
from zhstdextract.extractor import Extractor
from zhstdextract.patternset import PatternError
from zhstdextract.sre_build import code_of, from_code

ROOT = Path(__file__).resolve().parent.parent
RULE = """rules:
  - id: standard.formulated.user_cache_probe
    metric: standard.formulated
    pattern: '{verb}编写{std}{fill}{q}'
    examples:
      - text: 牵头编写标准3项
        expect: [{text: 3项}]
"""
VERB_A = "fragments:\n  verb: {regex: '牵头'}\n"
VERB_B = "fragments:\n  verb: {regex: '参与'}\n"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("ZHSTDEXTRACT_CACHE_DIR", str(d))
    monkeypatch.delenv("ZHSTDEXTRACT_CACHE", raising=False)
    return d


def _texts() -> list[str]:
    texts = [read_seed(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rows = (ROOT / "tests" / "data" / "wording.tsv").read_text(encoding="utf-8").splitlines()
    texts += [r.split("\t")[0] for r in rows if r and not r.startswith("#")]
    return texts


def _facts(ex: Extractor, texts: list[str]) -> list[list[dict]]:
    return [[f.to_dict(True) for f in ex.extract(t, date="2024-06-01")] for t in texts]


def _stored(folder: Path) -> list[Path]:
    return sorted(folder.glob("extractor-*.pickle"))


def test_a_stored_extractor_finds_the_same_facts_as_a_fresh_one(cache_dir):
    texts = _texts()
    fresh = Extractor(cache=False)
    assert not cache_dir.exists()  # cache=False neither reads nor writes
    first = Extractor()  # builds, then stores
    assert len(_stored(cache_dir)) == 1
    key = Extractor._cache_key([], True)
    assert isinstance(startup_cache.load(key), Extractor)
    second = Extractor()  # loads what the first stored
    expected = _facts(fresh, texts)
    assert sum(map(len, expected)) > 500
    assert _facts(first, texts) == expected
    assert _facts(second, texts) == expected
    assert _stored(cache_dir) == _stored(cache_dir)[:1]  # a hit writes nothing


def test_warming_a_stored_extractor_builds_nothing_it_stored(cache_dir, monkeypatch):
    """A batch warms its extractor before forking workers: one from the cache has the table of
    characters OpenCC changes already, and reading it off the converter again is serial time
    (~20 ms) before any worker starts."""
    Extractor()  # builds and stores
    stored = Extractor()
    assert stored._changing is not None

    def not_again():
        raise AssertionError("the table was built again")

    monkeypatch.setattr("zhstdextract.extractor.changing_re", not_again)
    assert stored.warm()._changing is not None


def test_every_stored_pattern_is_the_compiled_one():
    """The engine's constructor, given the stored code, makes a pattern equal to re.compile's
    (pattern equality compares the compiled code)."""
    ex = Extractor(cache=False)
    ex.warm()
    patterns = [r.stdlib.rx for r in ex.patterns.rules if r.stdlib is not None]
    patterns += [ex.finder._core, ex.finder._starts]
    assert len(patterns) > 40
    for rx in patterns:
        if not isinstance(rx, re.Pattern):
            continue
        again = from_code(code_of(rx))
        assert again == rx and again.groupindex == rx.groupindex and again.groups == rx.groups


def test_a_changed_pattern_file_is_never_served_from_the_cache(tmp_path, cache_dir):
    d = rule_folder(tmp_path, {"r.yaml": RULE, "f.yaml": VERB_A})
    assert [f.text for f in Extractor([d]).extract("牵头编写标准3项")] == ["3项"]
    assert [f.text for f in Extractor([d]).extract("牵头编写标准3项")] == ["3项"]  # from the cache
    (d / "f.yaml").write_text(VERB_B, encoding="utf-8")
    st = (d / "f.yaml").stat()
    os.utime(d / "f.yaml", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    ex = Extractor([d])
    assert [f.rule for f in ex.extract("参与编写标准3项")] == ["standard.formulated.user_cache_probe"]
    assert "user_cache_probe" not in str([f.rule for f in ex.extract("牵头编写标准3项")])


def test_a_bad_folder_raises_every_time_and_is_never_stored(tmp_path, cache_dir):
    d = rule_folder(tmp_path, {"r.yaml": "rules:\n  - id: a.b\n    metric: standard.formulated\n    pattern: [unclosed\n"})
    for _ in range(2):
        with pytest.raises(PatternError):
            Extractor([d])
    assert _stored(cache_dir) == []


def test_a_broken_cache_file_is_rebuilt(cache_dir):
    Extractor()
    [path] = _stored(cache_dir)
    path.write_bytes(path.read_bytes()[:1000])  # truncated
    ex = Extractor()
    assert [f.metric for f in ex.extract("全市主导制定国家标准35项")] == ["standard.formulated"]
    assert isinstance(startup_cache.load(Extractor._cache_key([], True)), Extractor)  # written anew


def test_a_file_stored_under_another_key_is_not_used(cache_dir):
    key = Extractor._cache_key([], True)
    startup_cache.save(key + "\nsomething else", "not an extractor")
    stored = _stored(cache_dir)[0]
    os.replace(stored, cache_dir / startup_cache._file_name(key))  # as if the names collided
    assert startup_cache.load(key) is None
    assert [f.metric for f in Extractor().extract("全市主导制定国家标准35项")] == ["standard.formulated"]


def test_a_folder_others_can_write_to_is_not_read(cache_dir):
    Extractor()
    key = Extractor._cache_key([], True)
    assert startup_cache.load(key) is not None
    cache_dir.chmod(0o777)
    try:
        assert startup_cache.load(key) is None
    finally:
        cache_dir.chmod(0o700)


def test_the_cache_can_be_turned_off(cache_dir, monkeypatch):
    monkeypatch.setenv("ZHSTDEXTRACT_CACHE", "off")
    assert Extractor._cache_key([], True) is None
    Extractor()
    assert not cache_dir.exists()


def test_an_unwritable_cache_folder_costs_nothing_but_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ZHSTDEXTRACT_CACHE_DIR", str(blocker / "cache"))
    assert [f.metric for f in Extractor().extract("全市主导制定国家标准35项")] == ["standard.formulated"]


def test_old_cache_files_are_pruned(cache_dir):
    cache_dir.mkdir(mode=0o700)
    for k in range(12):
        p = cache_dir / f"extractor-{k:016x}.pickle"
        p.write_bytes(b"old")
        os.utime(p, ns=(0, (k + 1) * 1_000_000_000))
    Extractor()
    files = _stored(cache_dir)
    assert len(files) == startup_cache._KEEP
    assert cache_dir / startup_cache._file_name(Extractor._cache_key([], True)) in files
    assert time.time() - max(p.stat().st_mtime for p in files) < 600
