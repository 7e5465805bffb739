"""Throughput, start-up and memory of zhstdextract against baselines, in ONE run, as ratios.

    python benchmarks/bench.py [--mb 5] [--out docs/performance.md]

The corpus (written to a temporary folder) is built from the bundled seeds and other realistic
text, deterministically (fixed seed):
- seed articles as published (traditional, pinyin glued inside words, mojibake), converted to
  simplified, with full-width digits, and wrapped in page furniture (breadcrumbs, share lines,
  copyright, English navigation);
- "other" articles: government-news prose without or with few figures, made by recombining the
  seeds' sentences and paragraphs into new documents, plus noise lines (mixed scripts, URLs,
  mojibake, codes), as a regulator's archive mostly holds.
Both parts are reported separately too, so the dense worst case is visible.

Not part of the test suite: timings belong here, as ratios measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXE = Path(sys.executable).parent / "zhstdextract"
SENTENCE = "目前，全市企业已主导制定国际标准20余项、国家标准近350项，兑现资金超亿元。"

FURNITURE_HEAD = [
    "您当前的位置 :首页 > 新闻中心 > 工作动态 > 正文",
    "首页 | 新闻 | 政务公开 | 办事服务 | 互动交流 | English",
    "字号：大 中 小    打印本页    关闭窗口",
]
FURNITURE_TAIL = [
    "分享到：微信 微博 QQ空间",
    "【责任编辑：张三】【打印】【关闭】",
    "Copyright © 2003-2025 版权所有 主办单位：市场监督管理局 ICP备12345678号-1 网站标识码3300000001",
    "Home | About us | Contact | Sitemap",
    "扫一扫在手机打开当前页",
]
NOISE = [
    "http://www.samr.gov.cn/xw/zj/202410/t20241024_356789.html",
    "锘挎爣鍑嗗寲宸ヤ綔 鈥滈鍒裤€ (mojibake)",
    "NQI2.0 · TC563 · 12365 · ISO/IEC JTC 1 · GB/T 19001-2016",
    "相关链接：国家市场监督管理总局 | 国家标准化管理委员会 | 浙江省市场监督管理局",
    "来源：中国质量新闻网    发布时间：2025-10-24 14:09    浏览次数：1024",
]


def _read(p: Path) -> str:
    with open(p, encoding="utf-8", newline="") as fh:
        return fh.read()


def build_corpus(target_mb: float, seed: int = 7) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Returns (seed-derived documents, other documents) as (name, text) lists."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    s2t = opencc.OpenCC("s2t")
    rng = random.Random(seed)
    seeds = [_read(p) for p in sorted(SEEDS.glob("*.txt"))]
    fullwidth = str.maketrans("0123456789%", "０１２３４５６７８９％")
    variants = []
    for text in seeds:
        simp = t2s.convert(text)
        variants += [text, simp, simp.translate(fullwidth), s2t.convert(simp),
                     "\n".join(FURNITURE_HEAD) + "\n" + text + "\n" + "\n".join(FURNITURE_TAIL)]
    sentences = []
    for text in seeds:
        for para in t2s.convert(text).split("\n"):
            for s in para.replace("。", "。\n").split("\n"):
                if len(s) > 12:
                    sentences.append(s)
    plain = [s for s in sentences if not any(c.isdigit() for c in s)]
    dense: list[tuple[str, str]] = []
    other: list[tuple[str, str]] = []
    half = target_mb * 1e6 / 2
    size = 0
    k = 0
    while size < half:
        text = variants[k % len(variants)]
        dense.append((f"seed_{k:05d}.txt", text))
        size += len(text.encode())
        k += 1
    size = 0
    k = 0
    while size < half:
        paras = []
        for _ in range(rng.randint(4, 9)):
            # mostly figure-free prose, now and then a sentence with figures
            pool = sentences if rng.random() < 0.25 else plain
            paras.append("".join(rng.choice(pool) for _ in range(rng.randint(2, 5))))
        lines = rng.sample(FURNITURE_HEAD, 2) + paras + rng.sample(NOISE, 2) + rng.sample(FURNITURE_TAIL, 2)
        text = "\n".join(lines)
        if rng.random() < 0.3:
            text = s2t.convert(text)
        other.append((f"other_{k:05d}.txt", text))
        size += len(text.encode())
        k += 1
    return dense, other


def write_corpus(folder: Path, docs: list[tuple[str, str]], copies: int = 1) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for c in range(copies):
        sub = folder / f"part{c:02d}"
        sub.mkdir(exist_ok=True)
        for name, text in docs:
            data = text.encode("utf-8")
            (sub / name).write_bytes(data)
            total += len(data)
    return total


def one_pass(fn, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for t in texts:
        fn(t)
    return time.perf_counter() - t0


def throughput(fn, texts: list[str], repeat: int = 2) -> float:
    """Best of ``repeat`` passes: the machine's noise only ever adds time."""
    return min(one_pass(fn, texts) for _ in range(repeat))


def paired(fns: dict[str, Any], texts: list[str], rounds: int) -> dict[str, float]:
    """Best pass of each function, the passes taken in turn (a, b, a, b, ...), so that a slow
    spell of a shared machine falls on both sides of a ratio rather than on one."""
    best = {k: float("inf") for k in fns}
    for _ in range(rounds):
        for k, fn in fns.items():
            best[k] = min(best[k], one_pass(fn, texts))
    return best


def byte_compile() -> None:
    """Compile our modules to bytecode, as a wheel install or any first import does.

    An editable install ships no bytecode, and with PYTHONDONTWRITEBYTECODE=1 (set on the
    development machine) every fresh interpreter would compile our sources again (~35 ms of
    each start), while jieba's installed modules come compiled. The CLI and cold-start timings
    are meant to compare installed packages, so both sides start from bytecode.
    """
    import compileall

    import zhstdextract

    compileall.compile_dir(str(Path(zhstdextract.__file__).parent), quiet=1)


def cold_start(code: str, runs: int = 7, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run_cli(folder: Path, workers: int, out: Path, repeat: int = 2) -> tuple[float, int]:
    """Best wall time of ``repeat`` runs and peak RSS (KiB, largest single process) of the CLI."""
    runs = [_run_cli_once(folder, workers, out) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def run_cli_paired(folder: Path, out1: Path, out2: Path, rounds: int,
                   env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """1 and 2 workers run in turn; best wall time of each and the peak RSS of the 2-worker runs."""
    t1 = t2 = float("inf")
    rss = 0
    for _ in range(rounds):
        t1 = min(t1, _run_cli_once(folder, 1, out1, env)[0])
        secs, peak = _run_cli_once(folder, 2, out2, env)
        t2, rss = min(t2, secs), max(rss, peak)
    return t1, t2, rss


def _run_cli_once(folder: Path, workers: int, out: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    probe = (
        "import resource, subprocess, sys, time; t=time.perf_counter();"
        f"subprocess.run([{str(EXE)!r}, 'extract', {str(folder)!r}, '-o', {str(out)!r}, '--workers', '{workers}', '-q'], check=True);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    r = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True, env=env)
    secs, rss = r.stdout.split()
    return float(secs), int(rss)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (at least 5 for the record)")
    ap.add_argument("--out", help="write the figures as markdown here (e.g. docs/performance.md)")
    args = ap.parse_args()

    # our start-up cache (startup_cache.py) in a folder of this run: the first extractor below
    # builds and stores it, as a first run after an install does; every later start loads it
    cache = tempfile.mkdtemp(prefix="zhstdextract-bench-cache-")
    os.environ["ZHSTDEXTRACT_CACHE_DIR"] = cache
    no_cache = {**os.environ, "ZHSTDEXTRACT_CACHE": "off"}
    import jieba
    import logging

    jieba.setLogLevel(logging.ERROR)
    import spacy

    import zhstdextract

    dense, other = build_corpus(args.mb)
    docs = dense + other
    texts = [t for _, t in docs]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    ex = zhstdextract.default_extractor()
    ex.extract(SENTENCE)
    jieba.lcut(SENTENCE)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp(SENTENCE)

    res: dict[str, float] = {}
    whole = paired({"ours": ex.extract, "jieba": jieba.lcut}, texts, rounds=3)
    res["ours_s"], res["jieba_s"] = whole["ours"], whole["jieba"]
    half = paired({"ours": ex.extract, "jieba": jieba.lcut}, [t for _, t in dense], rounds=2)
    res["ours_dense_s"], res["jieba_dense_s"] = half["ours"], half["jieba"]
    res["ours_other_s"] = throughput(ex.extract, [t for _, t in other], repeat=3)
    spacy_texts = texts[: max(1, len(texts) // 5)]  # spaCy is slow; a fifth of the corpus, scaled
    res["spacy_s"] = throughput(nlp, spacy_texts, repeat=1) * len(texts) / len(spacy_texts)
    facts = sum(len(ex.extract(t)) for t in texts[:200])

    byte_compile()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_p = Path(tmp)
        c1 = tmp_p / "c1"
        c10 = tmp_p / "c10"
        bytes1 = write_corpus(c1, docs, 1)
        bytes10 = write_corpus(c10, docs, 10)
        run_cli(c1, 1, tmp_p / "warm.jsonl", repeat=1)
        res["cli1_s"], res["cli2_s"], rss1 = run_cli_paired(c1, tmp_p / "o1.jsonl", tmp_p / "o2.jsonl", rounds=3)
        same = (tmp_p / "o1.jsonl").read_bytes() == (tmp_p / "o2.jsonl").read_bytes()
        res["cli1_10_s"], res["cli2_10_s"], rss10 = run_cli_paired(c10, tmp_p / "o10a.jsonl", tmp_p / "o10.jsonl", rounds=3)
        res["cli1_nc_s"], res["cli2_nc_s"], _ = run_cli_paired(c1, tmp_p / "n1.jsonl", tmp_p / "n2.jsonl", 3, no_cache)

    code_ours = f"import zhstdextract; zhstdextract.extract({SENTENCE!r})"
    code_jieba = f"import jieba; jieba.lcut({SENTENCE!r})"
    res["cold_ours"] = cold_start(code_ours)
    res["cold_jieba"] = cold_start(code_jieba)
    res["cold_ours_nc"] = cold_start(code_ours, env=no_cache)
    shutil.rmtree(cache, ignore_errors=True)

    ratios = {
        "extract vs jieba.lcut (whole corpus)": res["jieba_s"] / res["ours_s"],
        "extract vs jieba.lcut (seed-derived half, dense)": res["jieba_dense_s"] / res["ours_dense_s"],
        "extract vs spaCy blank('zh') + jieba": res["spacy_s"] / res["ours_s"],
        "CLI 2 workers vs 1 worker (1x corpus)": res["cli1_s"] / res["cli2_s"],
        "CLI 2 workers vs 1 worker (10x corpus)": res["cli1_10_s"] / res["cli2_10_s"],
        "CLI 2 workers vs 1 worker (1x corpus), start-up cache off": res["cli1_nc_s"] / res["cli2_nc_s"],
        "cold start vs jieba cold start": res["cold_ours"] / res["cold_jieba"],
        "cold start vs jieba cold start, start-up cache off": res["cold_ours_nc"] / res["cold_jieba"],
        "peak memory 10x corpus vs 1x corpus": rss10 / rss1,
    }
    targets = {
        "extract vs jieba.lcut (whole corpus)": (">=", 8.0),
        "CLI 2 workers vs 1 worker (1x corpus)": (">=", 1.7),
        "CLI 2 workers vs 1 worker (10x corpus)": (">=", 1.7),
        "cold start vs jieba cold start": ("<=", 0.5),
        "peak memory 10x corpus vs 1x corpus": ("<=", 1.2),
    }
    lines = [
        "# Performance",
        "",
        f"One run of `python benchmarks/bench.py --mb {args.mb:g}`"
        f" on {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()},"
        f" {time.strftime('%Y-%m-%d')}.",
        "",
        f"Corpus: {len(docs)} documents, {mb:.2f} MB (UTF-8): {len(dense)} seed-derived"
        f" ({sum(len(t.encode()) for _, t in dense) / 1e6:.2f} MB, dense with figures) and {len(other)} other"
        f" ({sum(len(t.encode()) for _, t in other) / 1e6:.2f} MB, mostly figure-free prose with page furniture and noise);"
        f" about {facts / 200:.1f} facts per document.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| zhstdextract.extract, single process | {mb / res['ours_s']:.2f} MB/s, {len(docs) / res['ours_s']:.0f} docs/s |",
        f"| &nbsp;&nbsp;seed-derived half only | {sum(len(t.encode()) for _, t in dense) / 1e6 / res['ours_dense_s']:.2f} MB/s |",
        f"| &nbsp;&nbsp;other half only | {sum(len(t.encode()) for _, t in other) / 1e6 / res['ours_other_s']:.2f} MB/s |",
        f"| jieba.lcut (default mode) | {mb / res['jieba_s']:.2f} MB/s |",
        f"| spaCy blank('zh'), jieba segmenter | {mb / res['spacy_s']:.2f} MB/s |",
        f"| batch CLI, 1 worker | {bytes1 / 1e6 / res['cli1_s']:.2f} MB/s ({res['cli1_s']:.2f} s) |",
        f"| batch CLI, 2 workers | {bytes1 / 1e6 / res['cli2_s']:.2f} MB/s ({res['cli2_s']:.2f} s); output identical to 1 worker: {same} |",
        f"| batch CLI on the 10x corpus, 1 / 2 workers | {res['cli1_10_s']:.2f} s / {res['cli2_10_s']:.2f} s |",
        f"| batch CLI, 1 / 2 workers, start-up cache off | {res['cli1_nc_s']:.2f} s / {res['cli2_nc_s']:.2f} s |",
        f"| cold start: import + one sentence | {res['cold_ours'] * 1000:.0f} ms (jieba: {res['cold_jieba'] * 1000:.0f} ms) |",
        f"| cold start, start-up cache off (a first run) | {res['cold_ours_nc'] * 1000:.0f} ms |",
        f"| peak RSS of the batch CLI (largest process), 1x / 10x corpus | {rss1 / 1024:.0f} MiB / {rss10 / 1024:.0f} MiB ({bytes10 / 1e6:.0f} MB) |",
        "",
        "| ratio | measured | target | met |",
        "|---|---|---|---|",
    ]
    for name, value in ratios.items():
        t = targets.get(name)
        if t:
            ok = value >= t[1] if t[0] == ">=" else value <= t[1]
            lines.append(f"| {name} | {value:.2f} | {t[0]} {t[1]} | {'yes' if ok else 'NO'} |")
        else:
            lines.append(f"| {name} | {value:.2f} | - | - |")
    report = "\n".join(lines) + "\n"
    print(report)
    print(json.dumps({k: round(v, 4) for k, v in {**res, **ratios}.items()}))
    if args.out:
        Path(args.out).write_text(report + REPRODUCE, encoding="utf-8")


REPRODUCE = """
## Reproduce

```sh
python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python benchmarks/bench.py --mb 5 --out docs/performance.md
```

The corpus is rebuilt from `seeds/` with a fixed random seed, so runs are comparable. Each
timing is the best of several passes (the development machine is a shared 2-vCPU VM whose
noise only adds time), and the two sides of each ratio are timed in turn (ours, jieba, ours,
jieba, ...; 1 worker, 2 workers, ...) so that a slow spell falls on both; timings move with
the machine's load, ratios less. Memory is the largest resident set of any
single process of the batch run (`ru_maxrss` of the waited-for children). Before the CLI and
cold-start timings our modules are compiled to bytecode, as an install or a first import does
(an editable install has none, and this machine sets `PYTHONDONTWRITEBYTECODE=1`); jieba's
installed modules are already compiled.

## What falls short, and why

**Throughput, 8x `jieba.lcut`: not met.** The committed run is in the table above. Across the
benchmark runs of 2026-11-24 the ratio was 7.4 to 8.4 (third session), 7.55 to 8.00 (fourth),
6.91 to 7.65 (fifth, 11 runs), 6.82 to 7.56 (sixth, 10 runs), 6.74 to 7.31 (seventh, 7 runs)
6.46 to 7.29 (eighth, 5 runs: our pass took 0.82 to 0.91 s and `jieba.lcut`'s 5.65 to
5.97 s; this shared host's load moves both, and not by the same factor) and 6.63 to 6.90
(ninth, 4 runs: ours 0.83 to 0.87 s, jieba 5.60 to 5.87 s; that session worked on start-up
only, and the extraction itself is unchanged, fact for fact), 6.64 to 7.20 (tenth, 5 runs:
ours 0.81 to 0.91 s, jieba 5.55 to 6.29 s) and 6.35 to 7.21 (eleventh, 3 runs: ours 0.84 to
0.89 s, jieba 5.49 to 6.04 s; dense half 4.65 to 5.27) and 6.31 to 6.86 (twelfth, 3 runs:
ours 0.85 to 0.95 s, jieba 5.68 to 6.02 s; dense half 4.90 to 5.21) and 6.14 to 6.66
(thirteenth, 4 runs: ours 0.83 to 0.91 s, jieba 5.37 to 5.98 s; dense half 4.69 to 4.97) and
5.70 to 6.82 (fourteenth, 6 runs: ours 0.85 to 1.13 s, jieba 5.30 to 6.44 s; dense half 4.11 to
5.04; the committed run, the last, had our slowest pass of the day) and 6.25 to 6.48 (fifteenth,
4 runs: ours 0.86 to 0.92 s, jieba 5.52 to 5.94 s; dense half 4.78 to 4.95) and 5.84 to 6.62
(sixteenth, 5 runs: ours 0.89 to 1.02 s, jieba 5.46 to 6.27 s; dense half 4.51 to 5.14) and
5.94 to 6.72 (seventeenth, 3 runs: ours 0.96 to 1.06 s, jieba 5.76 to 7.16 s, the host slower
for both; dense half 4.45 to 5.05) and 5.81 to 6.04 (eighteenth, 3 runs: ours 0.94 to 1.00 s,
jieba 5.50 to 5.83 s; dense half 4.28 to 4.50) and 5.67 to 5.94 (nineteenth, 3 runs: ours 0.94 to
1.07 s, jieba 5.51 to 6.04 s; dense half 4.20 to 4.48) and 5.53 to 5.70 (twentieth, 3 runs: ours
0.94 to 1.02 s, jieba 5.29 to 5.83 s; dense half 4.28 to 4.35) and 5.72 to 5.89 (twenty-first,
3 runs: ours 0.92 to 1.08 s, jieba 5.34 to 6.34 s; dense half 4.18 to 4.46) and 5.63 to 5.78
(twenty-second, 3 runs: ours 0.96 to 1.02 s, jieba 5.44 to 5.88 s; dense half 4.14 to 4.55) and
5.63 to 6.21 (twenty-third, 3 runs: ours 0.97 to 1.07 s, jieba 5.68 to 6.68 s, the last run on a
slower host for both; dense half 3.96 to 4.44) and 5.63 to 5.83 (twenty-fourth, 4 runs: ours 0.96
to 1.08 s, jieba 5.41 to 6.28 s; dense half 4.15 to 4.32) and 5.59 to 6.01 (twenty-fifth, 4 runs:
ours 0.99 to 1.08 s, jieba 5.76 to 6.06 s; dense half 3.99 to 4.59) and 5.70 to 6.04
(twenty-sixth, 3 runs: ours 0.96 to 1.04 s, jieba 5.68 to 5.97 s; dense half 3.88 to 4.42) and 5.24
to 5.45 (twenty-seventh, 5 runs: ours 0.985 to 1.054 s, about as before, and jieba 5.18 to 5.75 s,
quicker than on any earlier day; dense half 3.91 to 4.10) and 5.34 to 5.45 (twenty-eighth, 3 runs:
ours 1.010 to 1.069 s, jieba 5.50 to 5.76 s; dense half 3.83 to 4.14) and 5.15 to 5.32
(twenty-ninth, 3 runs: ours 1.000 to 1.065 s, jieba 5.17 to 5.67 s; dense half 3.90 to 3.99). The
twenty-ninth session worked on unseen reports again (people who become chief quality officers, a
short place name before 著名商标, enterprises whose standards were approved as projects, a rate held
for years, a plan of standards projects and its parts to formulate or revise, the level an
elliptic clause inherits from the figure before, a firm's branch named after a place, a span of
recent years in a list, the building of pilots, a pinyin annotation printed twice); cProfile over
400 documents counts 1,142,283 calls against 1,139,379 for its first commit (+0.25%: the new
rules' literal and clause tests; the inheriting of dims runs only in a sentence where an elliptic
rule assigned a figure), and best-of-5 passes timed in turn differed by -6 to +57 ms over 3
alternations. The twenty-eighth session
worked on unseen reports again (a rate after 已达, international standards counted right after
转化, 外文版标准, a list of fields before 等 and the count, 国家标准累计, a fund after 给予 and a
policy's rate after a conditional clause, where a national event was held, a pinyin annotation
before a space and a digit, new standards with no level, proposals accepted of those counted);
cProfile over 400 documents counts 1,139,530 calls against 1,134,742 for its first commit
(+0.42%: the new rules' literal and clause tests, and a venue test for each place weighed), and
best-of-5 passes timed in turn differed by -72 to +8 ms over 3 alternations. The twenty-seventh
session worked on
unseen reports again (a space between two Han characters read as a headline's comma, a stock said
to grow from one count to another, a policy's award rate that changes, standards counted before a
clause that says they were approved as projects, foreign-language editions of standards as a
metric of their own, a list going on past an item of another metric, the abbreviations 国标, 行标,
团标, 企标, variant characters OpenCC leaves, a part the lead goes on to, enterprises that publish
benchmarking plans); cProfile over 400 documents counts 1,134,914 calls against 1,123,137 for its
first commit (+1.05%: 5,095 more literal tests and 4,049 more clause tests for its new rules, 928
list items tested for going on past), and best-of-5 passes timed in turn differed by -13 to +76 ms
over 6 alternations (a median of ~+33 ms, ~3%). The prefilter now also reads what a positive
lookaround requires as a literal the sentence must hold (the abbreviations are written as a
lookbehind; without this, rules that need 标准 lost it as a clause, and a pass took 23 to 108 ms
more in 3 alternations). The
twenty-sixth session worked on unseen reports again (a list that modifies a noun after its last
item, a rank against the country, 全国 before a word that counts, standards filed in a year, 争取
before a count, a part that names its level before its figure, certificates counted as
certifications, the verb after places and 分别, a batch of pilots framing a place's count);
cProfile over 400 documents counts 1,123,646 calls against 1,121,699 for its first commit
(+0.17%), and best-of-5 passes timed in turn (before its last rule and review mend) differed by
-10 to +24 ms. The twenty-fifth session
worked on unseen reports and variants of the metrics' phrasings (standards chosen as 领跑者 and the
enterprises listed by name before their count, bodies counted after the clause that says their
secretariat is hosted, a list one item a line in the time and modality of the line that introduces
it, a change said of a figure inside a list, a list of standards issued as such, a title's scope
word setting an article's level, and words an enumerated item may say of its count, item_words,
as data of a metric); cProfile over 400 documents counts 1,121,699 calls against 1,119,103 for
its first commit (+0.23%), and best-of-5 passes timed in turn differed by -85 to +30 ms, within
the host's noise. The twenty-fourth session worked on
variants of the metrics' phrasings and unseen reports (enterprises counted across the standards'
own count, a check of standards' disclosed text, a scope word opening a body's name, a plan's end
as the start of a change, 截至年底, 拟 as a target, a pilot's kind in brackets, a city scope under
a province's name taken from the source line); cProfile over 400 documents (every second one of
the corpus, another selection than the earlier sessions' counts, and counted per code object:
pstats' total, which the earlier sessions gave, keeps one of the two namedtuple constructors that
share the label `<string>:1(<lambda>)`, Quantity's or Mention's, whichever it meets last) counts
1,118,938 calls against 1,116,100 for its first commit (+0.25%), and best-of-5 passes timed in
turn differed by -36 to +8 ms, within the host's noise. The twenty-third session worked on wording from
unseen reports and from variants of the metrics' phrasings (a level's standardization projects,
standards in force after those made, issued said by the verb alone, projects funded, an event
named after its host city, an activity's time in one item of a list); cProfile over 400
documents counts 1,081,426 calls against 1,076,305 for its first commit (+0.5%), and best-of-5
passes timed in turn differed by -76 to +38 ms, within the host's noise. The
twenty-second session worked on wording from unseen reports (a breakdown after a total whose head
follows its figure, the start of a change as a base of time, a founding date, funding tiers, a
count in brackets after its kind); cProfile over 400 documents counts 1,077,746 calls against
1,072,133 for its first commit (+0.5%, the new rule branches' literal tests), and best-of-5
passes timed in turn differed by -27 to +31 ms, within the host's noise. The twenty-first
session worked on lists (items naming a topic, counts sharing a head after their level words,
a count closed by 、), groups of provinces as subjects, funding rates in policy texts and
wording from unseen articles, at no more Python calls a pass than its first commit (cProfile,
400 documents: 1,073,810 against 1,074,310); timed in turn, best of 5 passes, the two differed
by -36 to +7 ms. Its first benchmark runs had the dense half at 3.90 (3 runs): guards added in
front of dimension words ((?<!主导)参与) ran at every position a rule tried the vocabulary and
made the formulated rules 2 to 4 times slower (all rules 97 -> 169 ms a pass); written after the
word (参与(?<!主导参与)) they cost nothing measurable, and a test now keeps every dimension word's
branch opening with the word. The twentieth session worked on
metrics and wording real reports use (standard samples, innovation bases and verification points,
standards filed in a year, a stock said with 达, what standards are about between count and kind,
a list of titles before 等, the end of a five-year plan as a time and a target) at ~0.5% more
Python calls a pass than its first commit (cProfile, 400 documents: 1,076,654 against 1,071,707);
timed in turn, best of 5 passes, the final code and the first commit differed by -30 to +34 ms,
within this host's noise. Timed rule by rule, two of its first versions were costly: a
lookahead that looked at punctuation took the comma from the barriers of the formulated and
published rules (the prefilter keeps a rule to the clauses around its quantities only when no
part of it can look at a comma), so that verb_num_head ran on whole sentences, 10 ms a pass
became 29 ms; said as "no Chinese character follows" the cost went back to 10 ms. The nineteenth session worked on wording
found in real articles and on metrics they report that none took (spot-check failures, testing
and certification institutions, standards abolished; a scope word over a statement's semicolons;
the base year of a comparison; digits grouped by a space, 1 000项; a line the page broke after a
comma) at ~0.6% more Python calls a pass than its first commit (cProfile, 400 documents: 1,071,656
against 1,065,064); timed in turn, best of 5 passes, 5 alternations, the final code took 999 to
1149 ms against 968 to 1165 ms for the first commit, a median ~20 ms (~2%) more, within this
host's noise. The quantity scan's grouped digits first cost ~5 ms a pass, as a loop of
lookaheads in the start scan and an alternative tried first; as a character class and an
alternative tried last they cost no time we could measure. The eighteenth session worked on wording found
in real articles (places listed as examples, X、Y等13个地方, are not an article's region; words
naming several levels, 省市级 and 国内标准, give none; taking part in standards another leads;
a date told of in the header's prose no longer dates the document) at ~1.9% more Python calls
a pass than its first commit (cProfile, 400 documents; three new rules, words naming several
levels in two vocabularies, and the subject's scope test made one function); timed in turn,
best of 5 passes, 7 alternations, the final code took 941 to 1103 ms against 936 to 1024 ms
for the first commit, up to ~5% slower, most of it in the rule pass, on a host this noisy. The
seventeenth session worked on wording found in real
articles (figures joined before a shared head, 发布了6419项和5640项团体标准, tried again as one
figure when no rule took them; numbers sharing the last one's unit, 2941、2808、1669项; Taiwan's
民國 years; rates and caps that are no money awarded) at ~1.6% more Python calls a pass than
its first commit (cProfile, 400 documents; most of it the rule pass split into masking and
matching, so that the second try reuses both); timed in turn, best of 5 passes, 906 to 924 ms
against 901 to 954 ms for the first commit, within the host's noise. The
sixteenth session worked on time and modality across a paragraph's sentences, a report's
forward-looking sections and place names; its final code makes ~2.4% more Python calls a pass
than its first commit (cProfile, 400 documents): a figure with no time of its own now walks back
to the last sentence of its paragraph that speaks in one, computing the times of sentences
that hold no figure (0.3% is the 169 short place names added). Timed in turn, 6 passes each, the
first commit's best was 865 ms and the last's 886 ms (medians ~926 and ~930), about that much. A
search for forward-looking headings at every character (8.5 ms a pass) was cut to 2.7 ms by
trying the heading regex only after line breaks that can open one. The fifteenth
session worked on wording, datelines and places set apart (除杭州外), at ~1% more Python calls a
pass than its first commit (cProfile, 400 documents, 0.9 to 1.2% over repeated counts; a first
version of the 除…外 test cost 1.3% alone, looking at every place's window, before it looked only
in documents that hold 除); timed in turn, 3 passes each, the first commit's best was 882 ms and
the last's 861 ms, within the host's noise. It found
nothing that moves throughput by the fifth that 8x needs: the profile is as flat as before
(rules ~34%, normalization ~17%, quantities ~14%, subjects ~17%), and the literal sift alone,
46 ms a pass, is one set intersection and ~50 `in` tests a sentence. The fourteenth session
worked on the batch (below) and on wording, and measured how much of this corpus is pinyin
annotation: a third of its characters (2.28 M, 1.52 M without them; 802 of the 891 documents
carry more than 50, as the other half recombines the seeds' sentences). With the annotations
deleted beforehand our pass took 0.815 s and `jieba.lcut`'s 4.89 s, 6.0 against 6.3 with them
in the same run: they are not what keeps the ratio under 8. The
thirteenth session skipped OpenCC for a long text holding no character it changes (see below),
read ranges (5-8项, 20~30家) as one quantity, gave a figure without a time of its own the one its
paragraph opened with, and added wording; the profile's shares did not move. The twelfth session also
worked on wording, and added exclusions for a web page's counters (浏览次数：1523次): they cost
~4 ms a pass here, as this corpus's noise lines carry 浏览次数, after the test of an exclusion's
many literals became one search instead of a find per literal (a dozen finds over every
document were 16 ms a pass). The eleventh session worked on wording
(全年/当年/同年 read as the year named before them, a metric for the international standard
adoption rate, figures after 分别 paired with those before it, 来 as a qualifier, standard plans
as projects): 1,567 M to 1,572 M instructions per pass (+0.3%). The tenth session took 1.6% of the instructions
of a pass off (callgrind, a quarter of the corpus: 1,593 M to 1,567 M) and the regex timeout's
clock reads off the exclusions (a fifth of their time, which instruction counts do not see):
built-in exclusions run on the stdlib engine like the built-in rules (a test probes them), a
rule's overlapped search is inlined in the sentence loop, one-character literals are taken
from the character test, and the rules, time phrases and target cues a sentence's literals let
run are found by a set intersection. The facts are the same (one hash over the corpus, the
seeds and the probe articles). callgrind counts
614 M instructions for a tenth of the corpus at the eighth session's last commit, against
617 M at its start: a rule now becomes a sentence's candidate by the clause of each alternative
whose words the fewest rules share, not by its first clause (标准, which most rules need and
most sentences hold), so candidates that then fail the clause test fell from 29,600 to 5,400
(-11 M); the session's ~20 new wordings cost ~8 M, after one alternative that crossed a comma
was made a rule of its own (as an alternative it took the comma from its rule's barriers and
cost 12 M alone; docs/rules.md now says so). The benchmark corpus is built from the seeds, so
it sees the cost of work on unseen wording and none of its recall or precision. Where the time
goes (a sampling profile, py-spy, which unlike cProfile does not charge each Python call):
OpenCC ~8%, the pinyin-annotation split ~7%, the literal sift of a sentence ~8%, rule regexes
~6%, the rest of the rule engine ~15%, quantity phrases ~14%, subject ~17% (finding place
names, most of it), segments ~5%, time phrases ~4%, facts and the rest. What is left is Python
per sentence and per figure, spread thin (the literal sift of a sentence is ~9 us: 54 `in`
tests); the next step would be per-figure work in a compiled extension, which the design card
(Python; jieba, spaCy, regex, cn2an, OpenCC) does not have. On the seed-derived half (a figure
every ~60 characters) the ratio is 4.8 to 5.4.
Tried and dropped, because they did not measure better: OpenCC only on lines (or documents)
that hold a character its tables change (most do here; and 覆, which simplified text uses in
覆盖, is such a character through the phrase 回覆), offsets from `split` for sentence and
clause ends (the scan, not the match objects, is the cost), a cheaper pinyin syllable regex
(4% of the split: the split's cost is its 14,700 matches and their strings, not the syllable),
skipping a rule's extent literals when the extent is the whole sentence, a two-character index
for rule literals, a regex findall for the literal sift, literal clauses as bit masks (an `&`
of two ints is no faster than `frozenset.isdisjoint`), place names scanned per document, per
clause or in larger blocks, `gc.freeze()` after loading (no collection at all happens during
a pass). Not tried, by arithmetic: normalizing only the paragraphs that could hold a figure
(the title, header lines and lead must be normalized anyway for the subject and the date, and
in the other half 78% of the text is in a document's first eight lines: at most ~4%).
A cache of rule candidates per set of literals was 3% fewer instructions but owes it to this
corpus repeating the seeds' sentences, so it was left out.
Tried and dropped in the eighth session: the literal sift with `filter` in C or through a
prefix tree (slower; 6% fewer tests), and OpenCC only for documents it changes (45% of the
characters, but only 13 of its 50 ms: simplified text converts ~3x faster than traditional).
That session also dropped time phrases looked up by literal and built-in exclusions on the
stdlib engine as no measurable change; the tenth measured them again and kept them (above).
Tried and dropped in the tenth: an exact test for "OpenCC changes nothing" (the text encodes
as GB2312 and holds no character of a conversion-table key made of GB2312 characters): those
keys hold 227 characters, among them 一, 上, 不 and 大, and only 8 of the 891 documents encode
as GB2312 at all; a `regex` named list (`\L<names>`) for place names (200x slower than the
first-two-characters index); larger or smaller blocks for place names (no change).
Measured and not done in the eleventh: OpenCC skipped for a document without a character whose
one-character conversion differs (a class of 3,616 BMP characters, plus the astral ones looked
at apart: with them inside one class `re` tests every character against 600 ranges, 0.67 s a
pass). 317 of the 891 documents hold none; their conversion costs 12 ms, the test 5 ms a pass
and 5 ms to compile at every start: under 1% net. Done in the thirteenth all the same, for the
archives this corpus is not: a simplified article, most of a real one, costs ~4 ns a character
to search instead of ~23 to convert. The astral characters are one range in the class (always
converted), the table is read off the installed converter a block at a time (~1.6 MiB of peak,
where one call had cost 11 MiB and the benchmark's peak RSS went from 34 to 43 MiB), and it is
stored with the warmed extractor in the start-up cache (its key names OpenCC), as building it in
a batch's parent before the fork, ~25 ms of serial time, had taken the 1x CLI ratio from 1.71
to 1.66 (8 rounds each, in turn with the session's first commit). The pinyin split with a looser syllable or
the annotation alternative alone (34 to 39 ms against 48 ms a pass) deletes other text than
the rule says. `gc` off, frozen or with higher thresholds: no change (no collection runs).
Measured and not done in the twelfth: the literal sift as one search of a prefix-tree regex of
all 432 literals, with each found literal's prefixes added (exact, but 141 ms a pass against
43 ms for the first-character index and `in` tests); the deletion split with a cheaper start
(its first-character class alone scans at ~9 ns a character, 20 ms a pass, where a single
literal scans at ~1.5 ns, but every document here holds a bracket or a space, and the 145,000
pinyin annotations of one seed's copies are most of the rest).

**2 workers vs 1 on the 1x corpus: met in the ninth session, narrowly; not met in most runs
of the tenth (1.60 to 1.77 over 5 runs, 4 of them under 1.7); 1.69 to 1.73 in the eleventh's 3
runs, the last (committed) under 1.7; met in 2 of the twelfth's 3 runs, the committed one
among them; not met in the thirteenth's 4 runs (1.67, 1.61, 1.698, 1.694); met in 3 of the
fourteenth's 6 (1.78, 1.79, 1.31, 1.63, 1.66, 1.79), the committed one among them; met in 3 of
the fifteenth's 4 (1.85, 1.78, 1.69, 1.73); met in 3 of the sixteenth's 5 (1.76, 1.55, 1.61,
1.75, 1.81); met in the seventeenth's 3 (1.89, 1.86, 1.72); met in 2 of the eighteenth's 3
(1.69, 1.71, 1.73); met in the nineteenth's 3 (1.80, 1.90, 1.98); met in the twentieth's 3
(1.79, 1.77, 1.79); met in the twenty-first's 3 (1.76, 1.76, 1.82); met in the twenty-second's 3 (1.76, 1.74,
1.82); met in the twenty-third's 3 (1.84, 1.73, 1.74); met in 2 of the twenty-fourth's 4 (1.84, 1.65, 1.84,
1.65; 1-worker rounds of 1.24 s in the runs under 1.7 against 1.39 and 1.76 s in the runs that met
it: on a quicker host the fixed start weighs more); met in the twenty-fifth's 4 (1.74, 1.72, 1.79,
1.82); met in the twenty-sixth's 3 (1.80, 1.89, 1.76); met in 4 of the twenty-seventh's 5 (1.86,
1.65, 1.77, 1.78, 1.78; the run under 1.7 had its 2-worker round at 0.78 s against 0.70 to 0.73 s
in the others, its 1-worker round as quick as theirs); met in the twenty-eighth's 3 (1.76, 1.74,
1.72); met in the twenty-ninth's 3 (1.81, 1.80, 1.76; the committed run is the last).** What bounds it: a
CLI run's fixed start is ~0.11 s with one worker or two, and the extraction of this corpus
~1.07 s, so with nothing else lost two workers could give (0.11 + 1.07) / (0.11 + 0.535) = 1.83;
1.7 leaves ~35 ms for the forks, the parent's reading and writing, and the uneven end, which is
about what the host's noise moves a run by. The
fourteenth session found that the batch warmed its extractor before forking by reading the
OpenCC table off the converter again, even when the extractor came from the start-up cache with
the table in it (~20 ms of serial time: the thirteenth's move of the table into the cache had
not reached the batch), and replaced `concurrent.futures` with the package's own fork pool
(forkpool.py: tasks written to each worker's pipe, results read with `select`), whose imports
(multiprocessing, logging, tempfile, socket) were ~25 ms of the parent's serial start and whose
feeder and manager threads ran in the parent. A 1-file run with two workers went from ~155 ms
to ~116 ms (one worker: ~108 ms); in turn, 8 rounds each, the 1x ratio went from 1.71 and 1.72
(the warm fix alone) to 1.78 and 1.79. Of the benchmark runs, the first two had four tasks per
worker in flight; in the third every 2-worker round took 0.88 s or more while the 1-worker
rounds took their usual 1.16 s (as when the host takes the second CPU away; that run's
cache-off rounds gave 1.57); the last three hand a worker two tasks (the one it runs and the
next), so that no worker holds queued tasks at the end while the other is idle. Four against
two, 16 rounds each in turn, twice: best 2-worker times 640 and 676 ms against 674 and 706 ms,
medians 738 and 879 against 732 and 866, a difference this host does not resolve; two is kept
for the even end it guarantees. One worker takes a fixed start S1 and the extraction E (~1.0 s with serialization);
two take S2 + E/2 + o, where o is the pool's own cost (its imports, the forks, the parent's CPU
taken from the workers on this 2-CPU machine, the uneven last task). At S ~0.29 s (eighth
session) the ratio could not pass 1.64 even with o = 0. The ninth session cut S instead of E:
a start-up cache (startup_cache.py, docs/batch.md) stores the built and warmed extractor on the
first run and every later process loads it in ~0.02 s instead of building it in ~0.25 s (the
YAML, the parse, analysis and compilation of every rule, the gazetteer); compiled stdlib
patterns are stored as the compiler's output and given back to the engine's constructor
(sre_build.py), keyed, like everything in the file, to the interpreter that wrote it. With
html.parser, logging, PyYAML, importlib.resources and tempfile imported only where used, the
console command leaving through `os._exit` once its outputs are committed (the interpreter's
teardown freed the extractor object by object, ~25 ms), `gc.freeze()` before forking, and the
last tasks cut small (guided scheduling), a 2-file run takes ~0.10 s with one worker and
~0.12 s with two (0.27 s and 0.36 s before). Measured in the ninth session's 4
benchmark runs: 1.71 and 1.66 before the last two of these changes (the guided task sizes and
`gc.freeze()`), then 1.82 and 1.80 (the committed run is the last); two workers took 0.64 to
0.67 s, one 1.11 to 1.20 s. The margin is small and this host is noisy: a 1.6x run would not
surprise, and the tenth session's runs gave 1.67, 1.66, 1.60, 1.77 and 1.63 (two workers 0.64
to 0.71 s, one 1.07 to 1.22 s), the eleventh's 1.73, 1.72 and 1.69 (two workers 0.64 to
0.69 s, one 1.10 to 1.17 s; the committed run is the last), the twelfth's 1.75, 1.70 (1.697)
and 1.74 (two workers 0.65 to 0.67 s, one 1.11 to 1.16 s; the committed run is the last), the
thirteenth's 1.67, 1.61, 1.698 and 1.694 (two workers 0.65 to 0.74 s, one 1.10 to 1.24 s; the
first two before the OpenCC table moved into the start-up cache; the committed run is the third).
Run in turn, 8 rounds each, the thirteenth's last commit gave 1.707 and its first 1.710. Run in turn with the ninth
session's last commit on the same day, that commit gave 1.65 and this one 1.71: the host, not
the change, moved most. What the rest is: two independent extraction processes run side by
side at full speed each (measured), so the loss is serial: the start (~0.1 s, in both), the
forks (a few ms since the fourteenth session; the pool's imports were ~25 ms before), and the
parent's work during the run (the second walk of the folder and per-file planning, reading the
results, ~5 ms of unpickling, and the writes), taken from the workers.
The
rows marked "start-up cache off" are the same runs with `ZHSTDEXTRACT_CACHE=off`, what a first
run after an install or a rule edit sees. On the 10x corpus (50 MB) the start is spread thin
and the target is met with room (1.88 to 2.02 in the ninth session's 4 runs, 1.75 to 2.03 in
the tenth's 5, 1.87 to 1.99 in the eleventh's 3, 1.87 to 1.93 in the twelfth's 3, 1.82 to 1.99
in the thirteenth's 4, 1.88 to 2.00 in the fourteenth's 6, 1.90 to 2.05 in the fifteenth's 4, 1.91 to 2.01 in the sixteenth's 5, 1.86 to 1.92 in the seventeenth's 3, 1.90 to 2.03 in the eighteenth's 3, 1.88 to 2.01 in the nineteenth's 3, 1.90 to 1.96 in the twentieth's 3, 1.79 to 2.08 in the twenty-first's 3, 1.90 to 1.99 in the twenty-second's 3, 1.89 to 2.01 in the twenty-third's 3, 1.89 to 2.15 in the twenty-fourth's 4, 1.92 to 2.12 in the twenty-fifth's 4, 1.97 to 2.05 in the twenty-sixth's 3, 1.92 to 2.00 in the twenty-seventh's 5, 1.97 to 2.07 in the twenty-eighth's 3, 1.93 to 1.97 in the twenty-ninth's 3), after the eighth session's fixes in
the batch engine: `multiprocessing.Pool`'s worker-handler thread spun while results waited in
the pipe; tasks of 4 small files cost the parent a tenth of the batch's CPU in bookkeeping, so
tasks are now ~128 KiB (run by `concurrent.futures` until the fourteenth session, by the fork
pool since); the parent walks the folder with strings and copies the bytes the workers encoded.

**Cold start.** With the start-up cache, a fresh interpreter imports zhstdextract and extracts a
sentence in 97 to 113 ms, against jieba's 611 to 660 ms (0.16 to 0.17; the ninth session's 4
runs; 112 to 130 ms, 0.12 to 0.20, in the tenth's 5; 104 to 115 ms, 0.16 to 0.18, in the
eleventh's 3; 112 to 144 ms, 0.17 to 0.21, in the twelfth's 3; 104 to 110 ms, 0.16 to 0.17, in
the thirteenth's 4; 107 to 127 ms, 0.16 to 0.18, in the fourteenth's 6; 111 to 121 ms, 0.17, in
the fifteenth's 4; 109 to 143 ms, 0.16 to 0.21, in the sixteenth's 5; 119 to 164 ms, 0.15 to
0.18, in the seventeenth's 3, jieba's own 699 to 1033 ms; 110 to 117 ms, 0.17, in the
eighteenth's 3; 117 to 127 ms, 0.17 to 0.18, in the nineteenth's 3; 108 to 119 ms, 0.17 to 0.18,
in the twentieth's 3; 124 to 165 ms, 0.19 to 0.22, in the twenty-first's 3, on a noisier host:
jieba's own 656 to 749 ms; 115 to 116 ms, 0.18 to 0.19, in the twenty-second's 3; 120 to 121 ms, 0.16 to 0.19, in the twenty-third's 3; 111 to 150 ms, 0.15 to 0.19, in the twenty-fourth's 4; 116 to 132 ms, 0.14 to 0.18, in the twenty-fifth's 4; 122 to 168 ms, 0.13 to 0.23, in the twenty-sixth's 3; 111 to 144 ms, 0.15 to 0.19, in the twenty-seventh's 5; 113 to 130 ms, 0.17 to 0.18, in the twenty-eighth's 3; 114 to 137 ms, 0.14 to 0.18, in the twenty-ninth's 3). With the cache off, as
on a first run, it takes 222 to 230 ms (0.34 to 0.37; 0.35 to 0.38 in the tenth session, 0.36 to
0.42 in the eleventh, 0.36 to 0.37 in the twelfth, 0.37 to 0.39 in the thirteenth, 0.36 to 0.42
in the fourteenth, 0.38 to 0.42 in the fifteenth, 0.40 to 0.46 in the sixteenth, 0.30 to 0.46
in the seventeenth, 0.44 to 0.45 in the eighteenth, 0.42 to 0.49 in the nineteenth, 0.43 to
0.51 in the twentieth, 296 to 323 ms, 0.45 to 0.48 in the twenty-first, 312 to 339 ms, 0.51 to 0.54 in the twenty-second, 325 to 355 ms, 0.48 to 0.60 in the twenty-third, 348 to 385 ms, 0.47 to 0.51 in the twenty-fourth, 344 to 417 ms, 0.46 to 0.54 in the twenty-fifth, 341 to 435 ms, 0.47 to 0.51 in the twenty-sixth, 370 to 433 ms, 0.46 to 0.56 in the twenty-seventh, 354 to 392 ms, 0.49 to 0.53 in the twenty-eighth, 356 to 372 ms, 0.49 to 0.53 in the twenty-ninth, 383 to 404 ms; in-process, building the extractor with the cache off
takes ~215 ms of it, reading and compiling the rules, which grow each session: this figure has
no target and has drifted up from 0.34 over the sessions).

## Where the time goes, and what was done (profile-driven)

- Segments: sentences and clauses are cut only in the paragraphs that hold a figure (no
  sentence crosses a line break); a test holds them equal to the whole text's at every figure.
- Rules: each rule's regex is analysed once (prefilter.py). Literal clauses: strings one of
  which every match needs, per clause and per top-level alternative (`A…|B…`). Barrier
  characters: punctuation no part of the pattern, lookarounds included, can match. A rule runs
  on a sentence only when one of its units is there and one alternative has all its clauses
  inside the extent between barriers around the quantities, and then over that extent only:
  regex calls fell from 40,000 to 9,900 on this corpus. A test holds the filtered engine equal
  to an unfiltered one on the seeds and every rule example.
- Built-in rules run without a regex timeout (the test suite probes them for catastrophic
  backtracking; a timeout costs ~2 us a call); rules from other folders keep it.
- Two engines (stdlib_rules.py): the built-in rules, the quantity core and the built-in
  context patterns run on the stdlib `re` engine, about twice as fast as `regex` on them,
  wherever it reads them the same way (repeated group names are renamed, overlapped matches
  are searches from one past the last start); user rules stay on `regex` under a timeout.
  Tests hold the two engines equal on the seeds, every rule example and generated sentences.
- Quantities: the stdlib engine first finds where a figure can start (a run-opening digit or
  numeral before a unit's first character, ~1 in 100 characters) and the core regex is tried
  there alone; it reads a prefix qualifier (超过, 近) back from the characters before each
  match. Tests hold this equal to the one readable regex. Exclusions (第…, http…) are narrowed
  to those whose literals the document holds; the built-in ones run on the stdlib engine.
- The literals of the rules and of the time phrases are found in one pass per sentence.
- Normalization: the stdlib `re` engine, with every deletion opening with one character class,
  splits out pinyin annotations; the offset map comes from the lengths of the split's parts;
  full-width folding is one `str.replace` per character that occurs.
- Subject: the paragraph before a figure is searched for its place backwards, 128 characters at
  a time, stopping at the first; candidate name openings are sifted as a set in C; a name is
  resolved once per document.
- Batch: workers forked and fed through pipes by the package's own pool (forkpool.py), not
  `concurrent.futures` (whose imports were ~25 ms of serial start) nor `multiprocessing.Pool`;
  tasks cut by size; a worker that dies costs only its unit.
- jieba's dictionary loads only when a Chinese-numeral quantity needs a word-boundary decision;
  spaCy never loads for plain extraction.
- Start-up cache: a built, warmed extractor is stored once and loaded by every later process
  (~0.02 s instead of ~0.25 s); tests hold a stored extractor to the facts of a fresh one on
  the seeds and every wording check, and every stored pattern to `re.compile`'s.
- Start-up: rules compile on first use (or once in the parent, before forking workers), the
  gazetteer is read when the first fact needs a subject, and the `regex`-module form of the
  quantity core, which the scan does not use, is compiled only when asked for.
"""


if __name__ == "__main__":
    main()
