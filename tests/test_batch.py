"""The batch engine under the CLI: order, and what a dying worker costs."""
from __future__ import annotations

import os
import sys

import pytest

from zhstdextract import batch

SENTENCE = "目前，全市企业已主导制定国家标准35项、行业标准12项。"

fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker is patched in this process and inherited by fork")


def _units(tmp_path, n: int) -> list[batch.Unit]:
    for i in range(n):
        (tmp_path / f"{i:02d}.txt").write_text(f"{SENTENCE}\n编号{i}", encoding="utf-8")
    return list(batch.plan(tmp_path, batch.iter_files(tmp_path)))


def _extract(units, workers):
    return list(batch.run_units(units, [], False, workers))


def test_parallel_results_equal_serial_and_in_order(tmp_path):
    units = _units(tmp_path, 23)  # not a multiple of the chunk size
    one, two = _extract(units, 1), _extract(units, 2)
    assert [r.docs for r in one] == [r.docs for r in two]
    assert [r.rows for r in one] == [r.rows for r in two]
    assert [d["source"] for r in two for d in r.docs] == [u.rel for u in units]
    assert all(r.rows for r in two)


def test_without_fork_a_spawned_pool_gives_the_same_results(tmp_path):
    """Where there is no fork (Windows) the workers are spawned and build their own extractor."""
    units = _units(tmp_path, 9)
    initargs = ([], False, False, False, False)
    spawned = list(batch._executor(batch._chunked(units, 4096, 2), 2, initargs))
    one = _extract(units, 1)
    assert [r.rows for r in spawned] == [r.rows for r in one]
    assert [d["source"] for r in spawned for d in r.docs] == [u.rel for u in units]


@fork_only
def test_a_dying_worker_costs_only_its_unit(tmp_path, monkeypatch):
    units = _units(tmp_path, 12)
    poison = units[5].rel
    real = batch.run_unit

    def run_unit(unit):
        if unit.rel == poison:
            sys.stdout.flush()
            os._exit(9)  # what a crash in a C extension or the OOM killer looks like
        return real(unit)

    monkeypatch.setattr(batch, "run_unit", run_unit)
    results = _extract(units, 2)
    assert len(results) == len(units)
    for u, r in zip(units, results):
        if u.rel == poison:
            assert r.docs == [] and len(r.errors) == 1
            assert r.errors[0]["source"] == poison and "died" in r.errors[0]["reason"]
        else:
            assert r.errors == [] and [d["source"] for d in r.docs] == [u.rel] and r.rows


def test_tasks_are_cut_by_size(tmp_path):
    """Small files go to a worker many at a time (the parent's cost is per task); a big unit
    goes alone, so that the work is still shared out."""
    for i in range(10):
        (tmp_path / f"s{i}.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "t_big.txt").write_text(SENTENCE * 2000, encoding="utf-8")
    (tmp_path / "u.txt").write_text(SENTENCE, encoding="utf-8")
    units = list(batch.plan(tmp_path, batch.iter_files(tmp_path)))
    chunks = list(batch._chunked(units, max_bytes=4096, max_units=4))
    assert [len(c) for c in chunks] == [4, 4, 3, 1]  # the big file closes the third chunk
    assert [u for c in chunks for u in c] == units


def test_the_last_tasks_are_cut_small_when_the_total_is_known(tmp_path):
    """Guided scheduling: a task is at most half of what is left per worker, so the workers
    finish together instead of one waiting on the other's last big task."""
    for i in range(200):
        (tmp_path / f"d{i:03d}.txt").write_text(SENTENCE * 40, encoding="utf-8")
    units = list(batch.plan(tmp_path, batch.iter_files(tmp_path)))
    files, total = batch.survey(tmp_path)
    assert files == 200 and total == sum(batch.unit_size(u) for u in units) > 0
    size = units[0].size
    plain = list(batch._chunked(units, max_bytes=16 * size, max_units=1000))
    guided = list(batch._chunked(units, max_bytes=16 * size, max_units=1000, total_bytes=total, workers=2))
    assert [u for c in guided for u in c] == units
    assert len(plain[0]) == len(guided[0]) == 16  # the start is cut as before
    assert len(guided[-2]) < len(plain[-2]) and len(guided) > len(plain)
    left = total
    for c in guided[:-1]:  # no task but the last takes more than its share of what was left
        got = sum(u.size for u in c)
        assert got <= max(batch.MIN_CHUNK_BYTES, left // 4) + size
        left -= got


@pytest.mark.parametrize("serialize", [True, False])  # JSONL, or rows for CSV and Parquet
def test_a_fact_json_cannot_write_costs_only_its_document(tmp_path, monkeypatch, serialize):
    """A bug that puts an unwritable value in one document's facts is reported for that
    document; the other documents of the same unit and batch are all written."""
    from decimal import Decimal

    from zhstdextract.facts import Fact

    units = _units(tmp_path, 3)
    real = Fact.to_dict

    def to_dict(self, *a, **k):
        d = real(self, *a, **k)
        if self.doc == units[1].rel:
            d["time"] = {"from": Decimal(14)}
        return d

    monkeypatch.setattr(Fact, "to_dict", to_dict)
    batch._init_worker([], False, False, serialize)
    results = [batch.run_unit(u) for u in units]
    assert [len(r.errors) for r in results] == [0, 1, 0]
    assert "internal error" in results[1].errors[0]["reason"] and results[1].docs == []
    if serialize:
        assert results[0].jsonl and results[2].jsonl and not results[1].jsonl
    else:
        assert results[0].rows and results[2].rows and not results[1].rows


@pytest.mark.parametrize("pattern", [None, "*.txt", "b/*.html", "**/*.jsonl"])
def test_the_cli_s_walk_plans_what_the_public_one_does(tmp_path, pattern):
    """The CLI walks a folder with strings (plan_folder, count_files); what it plans is what
    plan(iter_files(...)) plans, file for file and unit for unit."""
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ["a.txt", "Z.TXT", "b/x.html", "b/c/y.txt", "b/c/n.jsonl", ".hidden/h.txt", "b/skip.pdf", "b/.dot.txt"]:
        (tmp_path / name).write_text(SENTENCE if not name.endswith("jsonl") else '{"text": "x"}\n', encoding="utf-8")
    want = list(batch.plan(tmp_path, batch.iter_files(tmp_path, pattern)))
    assert list(batch.plan_folder(tmp_path, pattern)) == want
    assert batch.count_files(tmp_path, pattern) == len(list(batch.iter_files(tmp_path, pattern)))
    assert want  # the case holds something
    one = tmp_path / "a.txt"
    assert list(batch.plan_folder(one, pattern)) == list(batch.plan(one, batch.iter_files(one, pattern)))
