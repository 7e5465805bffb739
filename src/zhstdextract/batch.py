"""Batch extraction of a folder: discovery, parallel workers, ordered streaming output.

Work is cut into units (one file, or a slice of a JSONL corpus) that workers extract
independently; results come back in unit order, so the output is the same, byte for byte,
whatever the number of workers, and memory holds only the units in flight.
"""
from __future__ import annotations

import collections
import json
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from .writers import FactWriter
from .readers import JSONL_SUFFIXES, SUPPORTED, Document, ReadError, read_path, _read_jsonl

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future, ProcessPoolExecutor

JSONL_CHUNK = 4 * 1024 * 1024  # bytes of a JSONL corpus per work unit
# A task sent to a worker is units up to this many bytes (or units): each task costs the parent
# a few hundred microseconds of bookkeeping, taken from the workers on a 2-CPU machine, and 4
# small files a task cost a tenth of the batch's CPU; ~25 ms of work a task keeps the tail short.
CHUNK_BYTES = 128 * 1024
CHUNK_UNITS = 64
# Near the end tasks shrink (to a share of what is left, down to this): a worker that takes the
# last big task while the other has nothing left is the run's tail (half a task on average).
MIN_CHUNK_BYTES = 16 * 1024
IN_FLIGHT = 4  # tasks per worker given out and not yet written (running, queued or done out of order): memory stays flat


class InputError(Exception):
    """The input cannot be used at all (a usage problem, reported in one line)."""


@dataclass(frozen=True)
class Unit:
    path: str
    rel: str
    start: int = 0  # byte range, for slices of a JSONL corpus
    end: int = -1
    first_line: int = 1
    size: int = -1  # bytes of a whole file, found when it is planned (-1: not known)


@dataclass
class UnitResult:
    rows: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    docs: list[dict[str, Any]]
    texts: list[tuple[str, str]] = field(default_factory=list)
    jsonl: bytes | None = None  # the rows already serialized and encoded, when the output is JSONL
    metrics: dict[str, int] = field(default_factory=dict)


@dataclass
class Summary:
    documents: int = 0
    facts: int = 0
    failures: int = 0
    per_metric: collections.Counter = field(default_factory=collections.Counter)
    encodings: collections.Counter = field(default_factory=collections.Counter)
    seconds: float = 0.0
    bytes: int = 0

    def lines(self) -> list[str]:
        out = [
            f"documents: {self.documents}  facts: {self.facts}  failures: {self.failures}  "
            f"time: {self.seconds:.2f}s ({self.bytes / 1e6 / max(self.seconds, 1e-9):.2f} MB/s)"
        ]
        if self.encodings:
            out.append("encodings: " + ", ".join(f"{k} {v}" for k, v in sorted(self.encodings.items())))
        for m, n in sorted(self.per_metric.items(), key=lambda t: (-t[1], str(t[0]))):
            out.append(f"  {n:6d}  {m if m else '(no metric)'}")
        return out


def _matcher(pattern: str | None) -> Callable[[str], bool]:
    if not pattern:
        return lambda rel: os.path.splitext(rel)[1].lower() in SUPPORTED
    parts = [p for p in pattern.split("/") if p != "**"] or ["*"]
    tail = "/".join(parts)
    return lambda rel: PurePosixPath(rel).match(tail)


def iter_files(root: Path, pattern: str | None = None) -> Iterator[Path]:
    """Files under ``root`` (or ``root`` itself) in a stable order, without listing the corpus.

    The order is a walk of the tree with each folder's entries sorted by name; names starting
    with '.' are skipped. ``pattern`` is a glob matched against the path relative to ``root``
    from the right ('*.txt', 'news/*.html'; a leading '**/' matches any depth).
    """
    for path, _rel in _entries(root, pattern):
        yield Path(path)


def _entries(root: Path, pattern: str | None = None) -> Iterator[tuple[str, str]]:
    """What :func:`iter_files` walks, as (path, path relative to the input folder) strings: a
    folder of a hundred thousand files is walked twice (counted, then read), and paths made
    and taken apart as objects cost the parent more CPU than handing out the work does."""
    if not root.exists():
        raise InputError(f"input {root} does not exist")
    if root.is_file():
        yield str(root), root.name
        return
    match = _matcher(pattern)

    def walk(folder: str, rel: str) -> Iterator[tuple[str, str]]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            r = f"{rel}{e.name}"
            try:
                is_dir = e.is_dir()
            except OSError:
                continue
            if is_dir:
                yield from walk(e.path, r + "/")
            elif match(r):
                yield e.path, r

    yield from walk(str(root), "")


def count_files(root: Path, pattern: str | None = None) -> int:
    """How many documents a folder holds for extraction (a walk that keeps nothing)."""
    return sum(1 for _ in _entries(root, pattern))


def survey(root: Path, pattern: str | None = None) -> tuple[int, int]:
    """How many documents a folder holds and their bytes (a walk that keeps nothing): the
    count for progress, the bytes for cutting the last tasks small."""
    files = size = 0
    for path, _rel in _entries(root, pattern):
        files += 1
        size += _size_of(path)
    return files, size


def _size_of(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def plan_folder(root: Path, pattern: str | None = None) -> Iterator[Unit]:
    """The work units of a folder (or a file), as :func:`plan` makes them from :func:`iter_files`."""
    for path, rel in _entries(root, pattern):
        yield from _units_of(path, rel)


def discover(root: Path, pattern: str | None = None) -> list[Path]:
    return list(iter_files(root, pattern))


def plan(root: Path, files: Iterable[Path]) -> Iterator[Unit]:
    base = root if root.is_dir() else root.parent
    for p in files:
        yield from _units_of(str(p), p.relative_to(base).as_posix())


def _units_of(path: str, rel: str) -> Iterator[Unit]:
    """A file is one unit; a large JSONL corpus is cut into slices of whole lines."""
    if os.path.splitext(path)[1].lower() in JSONL_SUFFIXES:
        yield from _jsonl_units(Path(path), rel)
    else:
        yield Unit(path, rel, size=_size_of(path))


def _jsonl_units(p: Path, rel: str) -> Iterator[Unit]:
    try:
        size = p.stat().st_size
    except OSError:
        yield Unit(str(p), rel)
        return
    if size <= JSONL_CHUNK:
        yield Unit(str(p), rel)
        return
    with open(p, "rb") as fh:
        start, line = 0, 1
        while start < size:
            fh.seek(start + JSONL_CHUNK)
            fh.readline()
            end = min(fh.tell(), size)
            fh.seek(start)
            lines = fh.read(end - start).count(b"\n")
            yield Unit(str(p), rel, start, end, line)
            line += lines
            start = end


# ---------------------------------------------------------------------- workers
_worker_state: dict[str, Any] = {}


def _init_worker(patterns: Sequence[str], include_unmapped: bool, with_text: bool, serialize: bool,
                 extra: bool = False) -> None:
    """Build the worker's extractor, unless a forked worker inherited the parent's."""
    if _worker_state.get("ex") is None or _worker_state.get("patterns") != list(patterns):
        from .extractor import Extractor

        _worker_state["ex"] = Extractor(patterns)
        _worker_state["patterns"] = list(patterns)
    _worker_state["unmapped"] = include_unmapped
    _worker_state["with_text"] = with_text
    _worker_state["serialize"] = serialize
    _worker_state["extra"] = extra


def share_extractor(ex: Any, patterns: Sequence[str]) -> None:
    """Let this process (and workers forked from it) use an extractor already built."""
    _worker_state["ex"] = ex
    _worker_state["patterns"] = list(patterns)


def _documents(unit: Unit) -> Iterator[Document | ReadError]:
    if unit.end < 0:
        yield from read_path(Path(unit.path), unit.rel)
        return
    with open(unit.path, "rb") as fh:
        fh.seek(unit.start)
        data = fh.read(unit.end - unit.start)
    for item in _read_jsonl(data, unit.rel):
        if item.line is not None:  # lines of the slice -> lines of the file
            item.line += unit.first_line - 1
        yield item


def run_unit(unit: Unit) -> UnitResult:
    ex = _worker_state["ex"]
    res = UnitResult([], [], [])
    jsonl: list[str] = []
    for item in _documents(unit):
        if isinstance(item, ReadError):
            res.errors.append({"source": unit.rel, "line": item.line, "reason": item.reason})
            continue
        try:
            facts = ex.extract(item.text, doc=item.doc, date=item.date, include_unmapped=_worker_state["unmapped"])
            rows = [f.to_dict(_worker_state.get("extra", False)) for f in facts]
            if _worker_state.get("serialize"):
                # serialized where the work is done (the parent only writes strings), and per
                # document, so that a value JSON cannot write costs this document only
                jsonl.append("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
            else:
                for r in rows:  # the same guard for rows the parent writes as CSV or Parquet
                    FactWriter.check_row(r)
                res.rows.extend(rows)
        except Exception as e:  # a bug must cost one document, never the batch; it is reported
            res.errors.append({"source": unit.rel, "line": item.line, "doc": item.doc,
                               "reason": f"internal error: {type(e).__name__}: {e}"})
            continue
        for f in facts:
            res.metrics[f.metric] = res.metrics.get(f.metric, 0) + 1
        res.docs.append({"doc": item.doc, "source": item.source, "encoding": item.encoding,
                         "chars": len(item.text), "facts": len(facts)})
        if _worker_state["with_text"]:
            res.texts.append((item.doc, item.text))
    if _worker_state.get("serialize"):
        # encoded here too, in parallel, as the output file would (a lone surrogate of a JSONL
        # corpus' escapes is written as its escape)
        res.jsonl = "".join(jsonl).encode("utf-8", "backslashreplace")
    return res


def run_units(units: Iterable[Unit], patterns: Sequence[str], include_unmapped: bool, workers: int,
              with_text: bool = False, serialize: bool = False, extra: bool = False,
              total_bytes: int = 0) -> Iterator[UnitResult]:
    """Results in unit order, computed by ``workers`` processes (in-process for 1).
    ``total_bytes``: the units' size, when known, so that the last tasks are cut small."""
    if workers <= 1:
        _init_worker(patterns, include_unmapped, with_text, serialize, extra)
        for u in units:
            yield run_unit(u)
        return
    initargs = (list(patterns), include_unmapped, with_text, serialize, extra)
    yield from _parallel(units, workers, initargs, total_bytes)


def _quiet_worker(*initargs: Any) -> None:
    """A worker ignores Ctrl-C: the parent decides, and stops the pool after the chunks at hand."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _init_worker(*initargs)


def run_chunk(chunk: list[Unit]) -> list[UnitResult]:
    return [run_unit(u) for u in chunk]


def _died(chunk: list[Unit]) -> list[UnitResult]:
    reason = "internal error: the worker process extracting it died (crash or out of memory)"
    return [UnitResult([], [{"source": u.rel, "line": None, "reason": reason}], []) for u in chunk]


def _parallel(units: Iterable[Unit], workers: int, initargs: tuple, total_bytes: int = 0) -> Iterator[UnitResult]:
    """Chunks of units go to forked workers (forkpool.py), a few per worker in flight, and
    come back in order; where there is no ``fork``, to a ``concurrent.futures`` pool."""
    chunks = _chunked(units, CHUNK_BYTES, CHUNK_UNITS, total_bytes, workers)
    if not hasattr(os, "fork"):
        yield from _executor(chunks, workers, initargs)
        return
    from .forkpool import ForkPool

    pool = ForkPool(workers, run_chunk, _quiet_worker, initargs)
    finished = False
    try:
        for results in pool.map_ordered(chunks, IN_FLIGHT, _died):
            yield from results
        finished = True
    finally:
        # Ctrl-C or an error: what the workers would still compute is not written; they are stopped
        pool.close(kill=not finished)


def _executor(chunks: Iterator[list[Unit]], workers: int, initargs: tuple) -> Iterator[UnitResult]:
    """Chunks of units go to a process pool, a few per worker in flight, and come back in order.

    ``concurrent.futures``, not ``multiprocessing.Pool``: the latter's worker-handler thread
    waits on the result pipe without reading it, so it spins while results are pending
    (measured: a second of the parent's CPU per 50 MB, taken from the workers on a 2-CPU
    machine), and a dead worker makes it hang. Here a dead worker costs only its own unit.
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_quiet_worker, initargs=initargs)

    pending: collections.deque[tuple[list[Unit], Future]] = collections.deque()
    pool = new_pool()

    def alone(unit: Unit) -> UnitResult:
        """One unit in a pool of its own making: its result, or its failure if it kills a worker."""
        nonlocal pool
        try:
            return pool.submit(run_chunk, [unit]).result()[0]
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = new_pool()
            return _died([unit])[0]

    def top_up() -> None:
        while len(pending) < IN_FLIGHT * workers:
            c = next(chunks, None)
            if c is None:
                return
            pending.append((c, pool.submit(run_chunk, c)))

    try:
        top_up()
        while pending:
            chunk, fut = pending.popleft()
            try:
                results = fut.result()
            except BrokenProcessPool:
                # a unit in flight killed its worker (a crash, the OOM killer): they run again one
                # at a time in a fresh pool, so that only the one that kills a worker is lost
                pool.shutdown(wait=False, cancel_futures=True)
                redo = [u for c in [chunk] + [c for c, _ in pending] for u in c]
                pending.clear()
                pool = new_pool()
                results = [alone(u) for u in redo]
            yield from results
            top_up()
    finally:
        # Ctrl-C or an error: nothing queued starts, the chunks at hand finish, workers exit
        pool.shutdown(wait=True, cancel_futures=True)


def _chunked(units: Iterable[Unit], max_bytes: int, max_units: int, total_bytes: int = 0,
             workers: int = 1) -> Iterator[list[Unit]]:
    """Tasks of up to ``max_bytes`` (or ``max_units`` units). Given the total, a task is at
    most a share of what is left (1/2 per worker), so that the last ones are small and the
    workers finish together (guided scheduling)."""
    chunk: list[Unit] = []
    size = 0
    left = total_bytes
    limit = max_bytes
    for u in units:
        chunk.append(u)
        size += unit_size(u)
        if total_bytes:
            limit = max(MIN_CHUNK_BYTES, min(max_bytes, left // (2 * workers)))
        if size >= limit or len(chunk) >= max_units:
            yield chunk
            left -= size
            chunk, size = [], 0
    if chunk:
        yield chunk


def unit_size(u: Unit) -> int:
    if u.end >= 0:
        return u.end - u.start
    if u.size >= 0:
        return u.size
    try:
        return os.path.getsize(u.path)
    except OSError:
        return 0


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_units(units: Iterable[Unit], sink: Callable[[UnitResult], None], *, patterns: Sequence[str] = (),
                  include_unmapped: bool = False, workers: int = 1, with_text: bool = False,
                  serialize: bool = False, extra: bool = False, total: int = 0,
                  progress: Callable[[int, int], None] | None = None, total_bytes: int = 0) -> Summary:
    """Run every unit and hand each result to ``sink`` in unit order; memory stays flat."""
    summary = Summary()
    t0 = time.perf_counter()
    sizes: collections.deque[int] = collections.deque()

    def sized(it: Iterable[Unit]) -> Iterator[Unit]:
        for u in it:
            sizes.append(unit_size(u))
            yield u

    for k, res in enumerate(run_units(sized(units), patterns, include_unmapped, workers, with_text, serialize, extra,
                                      total_bytes), start=1):
        sink(res)
        summary.documents += len(res.docs)
        summary.facts += sum(res.metrics.values())
        summary.failures += len(res.errors)
        summary.bytes += sizes.popleft() if sizes else 0
        for m, n in res.metrics.items():
            summary.per_metric[m] += n
        for d in res.docs:
            summary.encodings[d["encoding"]] += 1
        if progress:
            progress(k, total)
    summary.seconds = time.perf_counter() - t0
    return summary
