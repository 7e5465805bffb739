"""Fact output in JSONL, CSV or Parquet, written atomically.

A file output is written to a temporary file beside the target and renamed into place only when
the batch finishes, so a crash or Ctrl-C never leaves half a file. ``-`` streams to stdout.
"""
from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import Any, Iterable

from .facts import FACT_FIELDS

FORMATS = ("jsonl", "csv", "parquet")


class OutputError(Exception):
    """The output cannot be written (a usage problem, reported in one line)."""


def check_writable(path: str) -> None:
    if path == "-":
        return
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise OutputError(f"output {path} is a folder; give a file name")
    if not parent.is_dir():
        raise OutputError(f"cannot write {path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"cannot write {path}: folder {parent} is not writable")


def create_beside(target: Path) -> tuple[int, str]:
    """A new private file next to ``target`` (what ``tempfile.mkstemp`` makes there; that module
    costs every start ~6 ms of imports)."""
    folder = str(target.parent or ".")
    for _ in range(100):
        tmp = os.path.join(folder, f".{target.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits taken
            continue
    raise FileExistsError(f"no free temporary name next to {target}")  # pragma: no cover


class AtomicFile:
    """A text or binary file that appears under its name only on :meth:`commit`."""

    def __init__(self, path: str, binary: bool = False) -> None:
        self.path = path
        self.stdout = path == "-"
        if self.stdout:
            self.fh: Any = sys.stdout.buffer if binary else sys.stdout
            self.tmp = None
            return
        fd, tmp = create_beside(Path(path))
        self.tmp = tmp
        # backslashreplace: a lone surrogate from a JSONL corpus' escapes is written as its JSON
        # escape rather than failing the whole batch
        self.fh = os.fdopen(fd, "wb" if binary else "w",
                            **({} if binary else {"encoding": "utf-8", "newline": "", "errors": "backslashreplace"}))

    def commit(self) -> None:
        if self.stdout:
            self.fh.flush()
            return
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)
        self.tmp = None

    def abort(self) -> None:
        if self.stdout or self.tmp is None:
            return
        try:
            self.fh.close()
        finally:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass
            self.tmp = None


class FactWriter:
    def __init__(self, path: str, fmt: str = "jsonl") -> None:
        if fmt not in FORMATS:
            raise OutputError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
        self.fmt = fmt
        self.count = 0
        self._text_written = False
        if fmt == "parquet":
            import pyarrow as pa  # only needed for Parquet output

            self._pa = pa
            self.schema = pa.schema([
                ("doc", pa.string()), ("metric", pa.string()), ("value", pa.float64()),
                ("unit", pa.string()), ("qualifier", pa.string()),
                ("dims", pa.map_(pa.string(), pa.string())), ("subject", pa.string()),
                ("modality", pa.string()), ("time", pa.string()), ("span", pa.list_(pa.int64())),
                ("text", pa.string()), ("rule", pa.string()),
            ])
            self.file = AtomicFile(path, binary=True)
            import pyarrow.parquet as pq

            self._pq_writer = pq.ParquetWriter(self.file.fh, self.schema)
        else:
            self.file = AtomicFile(path)
            if fmt == "csv":
                self._csv = csv.writer(self.file.fh)
                self._csv.writerow(FACT_FIELDS)

    @staticmethod
    def check_row(row: dict[str, Any]) -> None:
        """Raise now what writing ``row`` as CSV or Parquet would raise later, in the parent and
        for the whole batch: a value JSON cannot write, a value that is no number."""
        json.dumps(row, ensure_ascii=False)
        float(row["value"])

    def write_serialized(self, data: bytes, count: int) -> None:
        """JSONL rows serialized and encoded elsewhere (by a worker): the parent only copies them."""
        self.count += count
        fh = self.file.fh
        raw = getattr(fh, "buffer", None)
        if raw is None:  # a text stream with no bytes under it (a caller's own sys.stdout)
            fh.write(data.decode("utf-8"))
            return
        if self._text_written:  # what went through the text layer goes out first
            fh.flush()
            self._text_written = False
        raw.write(data)

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        self.count += len(rows)
        if self.fmt == "jsonl":
            self.file.fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
            self._text_written = True
        elif self.fmt == "csv":
            for r in rows:
                self._csv.writerow([
                    json.dumps(r[k], ensure_ascii=False) if isinstance(r[k], (dict, list)) else ("" if r[k] is None else r[k])
                    for k in FACT_FIELDS
                ])
        else:
            cols: dict[str, list] = {k: [] for k in FACT_FIELDS}
            for r in rows:
                for k in FACT_FIELDS:
                    v = r[k]
                    if k == "dims":
                        v = list(v.items())
                    elif k == "time":
                        v = json.dumps(v, ensure_ascii=False) if v else None
                    elif k == "value":
                        v = float(v)
                    cols[k].append(v)
            self._pq_writer.write_table(self._pa.table(cols, schema=self.schema))

    def commit(self) -> None:
        if self.fmt == "parquet":
            self._pq_writer.close()
        self.file.commit()

    def abort(self) -> None:
        if self.fmt == "parquet":
            try:
                self._pq_writer.close()
            except Exception:  # closing a half-written Parquet file on the way out
                pass
        self.file.abort()


class JsonlLog:
    """errors.jsonl / manifest.jsonl: one JSON object a line, atomic like the facts."""

    def __init__(self, path: str | None) -> None:
        self.file = AtomicFile(path) if path else None

    def write(self, row: dict[str, Any]) -> None:
        if self.file is not None:
            self.file.fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def commit(self) -> None:
        if self.file is not None:
            self.file.commit()

    def abort(self) -> None:
        if self.file is not None:
            self.file.abort()

