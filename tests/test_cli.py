"""End to end: the installed command on a folder of real and broken inputs."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS, read_seed

EXE = Path(sys.executable).parent / "zhstdextract"
SENTENCE = "目前，全市企业已主导制定国家标准35项、行业标准12项，培育首席质量官860名。"


def run(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, cwd=cwd, timeout=timeout)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, d / p.name)
    (d / "gbk.txt").write_bytes(("浙江省嘉兴市\n" + SENTENCE).encode("gbk"))
    (d / "big5.txt").write_bytes(("臺北市\n目前，全市企業已主導制定國家標準35項、行業標準12項。").encode("big5"))
    (d / "utf16.txt").write_bytes(SENTENCE.encode("utf-16"))
    (d / "page.html").write_text(
        "<html><head><title>杭州市标准化工作</title><style>.x{}</style><script>var a='制定国家标准99项';</script></head>"
        f"<body><p>{SENTENCE}</p><div>联系电话12365</div></body></html>", encoding="utf-8")
    sub = d / "corpus"
    sub.mkdir()
    (sub / "news.jsonl").write_text(
        json.dumps({"id": "a1", "text": SENTENCE, "date": "2025-03-01"}, ensure_ascii=False) + "\n"
        + "{broken json\n"
        + json.dumps({"id": "a2", "text": "今年新增对标达标企业86家"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return d


@pytest.fixture(scope="module")
def extracted(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    r = run("extract", str(corpus), "-o", str(out / "facts.jsonl"), "--errors", str(out / "errors.jsonl"),
            "--manifest", str(out / "docs.jsonl"), "--workers", "1")
    facts = [json.loads(line) for line in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = [json.loads(line) for line in (out / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    return r, facts, errors, docs, out


def test_exit_status_one_when_some_failed(extracted):
    r, *_ = extracted
    assert r.returncode == 1, r.stderr


def test_bad_inputs_are_reported_and_skipped(extracted):
    r, _, errors, _, _ = extracted
    where = {(e["source"], e.get("line")) for e in errors}
    assert ("empty.txt", None) in where
    assert ("binary.txt", None) in where
    assert ("corpus/news.jsonl", 2) in where
    assert "skipped binary.txt" in r.stderr


def test_good_files_facts_are_all_there(extracted, extractor):
    _, facts, _, docs, _ = extracted
    by_doc: dict[str, list] = {}
    for f in facts:
        by_doc.setdefault(f["doc"], []).append((f["text"], f["metric"]))
    for name in ("gbk.txt", "utf16.txt", "page.html", "corpus/news.jsonl#a1"):
        assert ("35项", "standard.formulated") in by_doc[name], name
        assert ("860名", "talent.count") in by_doc[name], name
    assert ("35項", "standard.formulated") in by_doc["big5.txt"]
    assert by_doc["corpus/news.jsonl#a2"] == [("86家", "enterprise.benchmarking")]
    for p in SEEDS.glob("*.txt"):
        lib = [(f.text, f.metric) for f in extractor.extract(read_seed(p), doc=p.name)]
        assert by_doc[p.name] == lib  # the CLI and the library agree
    enc = {d["doc"]: d["encoding"] for d in docs}
    assert enc["gbk.txt"] == "gb18030" and enc["big5.txt"] == "big5" and enc["utf16.txt"].startswith("utf-16")


def test_script_text_is_not_visible(extracted):
    _, facts, _, _, _ = extracted
    assert not any(f["doc"] == "page.html" and f["text"] == "99项" for f in facts)


def test_spans_index_the_decoded_text(extracted, corpus):
    _, facts, _, _, _ = extracted
    for f in facts:
        if f["doc"].endswith(".txt") and not f["doc"].startswith(("gbk", "big5", "utf16")):
            with open(corpus / f["doc"], encoding="utf-8", newline="") as fh:
                text = fh.read()
            assert text[f["span"][0]:f["span"][1]] == f["text"]


def test_order_is_stable(extracted):
    """By source file, then record (in file order), then span."""
    _, facts, _, _, _ = extracted
    sources = [f["doc"].split("#")[0] for f in facts]
    assert sources == sorted(sources)
    groups: list[str] = []
    for f in facts:
        if not groups or groups[-1] != f["doc"]:
            assert f["doc"] not in groups, "a document's facts are not contiguous"
            groups.append(f["doc"])
    for doc in groups:
        starts = [f["span"][0] for f in facts if f["doc"] == doc]
        assert starts == sorted(starts)


def test_two_workers_same_bytes(corpus, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    r1 = run("extract", str(corpus), "-o", str(a), "--workers", "1", "-q", "--all-quantities")
    r2 = run("extract", str(corpus), "-o", str(b), "--workers", "2", "-q", "--all-quantities")
    assert r1.returncode == r2.returncode == 1
    assert a.read_bytes() == b.read_bytes() and a.stat().st_size > 0


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_other_formats(corpus, tmp_path, fmt):
    out = tmp_path / f"facts.{fmt}"
    r = run("extract", str(SEEDS), "-o", str(out), "-q")
    assert r.returncode == 0, r.stderr
    if fmt == "csv":
        import csv

        with out.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
    assert len(rows) > 50
    assert set(rows[0]) == {"doc", "metric", "value", "unit", "qualifier", "dims", "subject", "modality",
                            "time", "span", "text", "rule"}


def test_stdout(tmp_path):
    r = run("extract", str(SEEDS / "001_58957b1c9d3305c8.txt"), "-o", "-", "-q")
    assert r.returncode == 0
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows and all(row["doc"] == "001_58957b1c9d3305c8.txt" for row in rows)


@pytest.mark.parametrize(
    "args, message",
    [
        (["extract", "/nonexistent/folder", "-o", "x.jsonl"], "does not exist"),
        (["extract", "{empty}", "-o", "x.jsonl"], "no documents"),
        (["extract", "seeds", "-o", "/nonexistent/dir/facts.jsonl"], "cannot write"),
        (["extract"], "usage"),
    ],
)
def test_usage_errors_are_one_clear_line(args, message, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    args = [a.replace("{empty}", str(empty)) for a in args]
    r = run(*args, cwd=SEEDS.parent)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "x.jsonl").exists()


def test_no_half_file_after_failure(tmp_path):
    bad = tmp_path / "rules"
    bad.mkdir()
    (bad / "r.yaml").write_text("rules:\n  - id: x\n", encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    r = run("extract", str(SEEDS), "-o", str(out), "--patterns", str(bad))
    assert r.returncode == 2
    assert not out.exists()
    assert list(tmp_path.glob(".facts.jsonl.*")) == []


def _writing(folder: Path) -> bool:
    for x in folder.iterdir():
        try:
            if x.name.startswith(".facts") and x.stat().st_size:
                return True
        except FileNotFoundError:  # renamed into place meanwhile
            pass
    return False


@pytest.mark.parametrize("workers", ["1", "2"])
def test_interrupt_leaves_no_output(tmp_path, workers):
    """Ctrl-C in a terminal reaches the whole process group, workers included."""
    import os
    import signal
    import time

    big = tmp_path / "big"
    big.mkdir()
    text = read_seed(next(SEEDS.glob("003*.txt")))
    for i in range(3000):
        (big / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    # a terminal's command starts with Ctrl-C's default action; a test run in the background
    # of a shell script would hand down an ignored SIGINT, which the batch rightly keeps
    p = subprocess.Popen([str(EXE), "extract", str(big), "-o", str(out), "--workers", workers],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # interrupt once facts are being written (their temporary file grows), however fast the machine
    deadline = time.monotonic() + 60
    while not _writing(tmp_path) and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(p.pid, signal.SIGINT)
    _, err = p.communicate(timeout=60)
    if p.returncode == 0:
        pytest.fail("the batch finished before it could be interrupted; make the folder larger")
    assert p.returncode == 130, err
    assert "Traceback" not in err, err
    assert not out.exists()
    assert [x for x in tmp_path.iterdir() if x.name.startswith(".facts")] == []


def test_with_text_writes_what_spans_index(corpus, tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    out = tmp_path / "f.jsonl"
    run("extract", str(corpus), "-o", str(out), "--with-text", str(texts), "-q", "--workers", "1")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for r in rows:
        if r["doc"] in ("page.html", "corpus/news.jsonl#a1"):
            name = r["doc"].replace("/", "__").replace("#", "--") + ".txt"
            with open(texts / name, encoding="utf-8", newline="") as fh:
                text = fh.read()
            assert text[r["span"][0]:r["span"][1]] == r["text"]


def test_subject_codes_on_request(tmp_path):
    out = tmp_path / "f.jsonl"
    r = run("extract", str(SEEDS / "001_58957b1c9d3305c8.txt"), "-o", str(out), "-q", "--subject-codes")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(row["subject"] == "桂林市" and row["subject_code"] == "450300" for row in rows)
    plain = run("extract", str(SEEDS / "001_58957b1c9d3305c8.txt"), "-o", "-", "-q")
    assert "subject_code" not in plain.stdout


def test_table_row_reads_as_one_line(extractor):
    """A cell's label and its figure (主导制定国际标准 | 12项) make one phrase, as in prose."""
    from zhstdextract.readers import html_to_text

    html = ("<table><tr><th>指标</th><th>数量</th></tr><tr><td>主导制定国际标准</td><td>12项</td></tr>"
            "<tr><td>新增国家级标准化试点</td><td>5个</td></tr></table>")
    text = html_to_text(html)
    assert text.splitlines() == ["指标\t数量", "主导制定国际标准\t12项", "新增国家级标准化试点\t5个"]
    got = {f.text: f.metric for f in extractor.extract(text)}
    assert got == {"12项": "standard.formulated", "5个": "standardization.pilot"}
