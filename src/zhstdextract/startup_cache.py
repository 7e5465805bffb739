"""The start-up cache: a built extractor kept on disk, so that the next process loads it.

Building an extractor reads the YAML, parses and analyses every rule's regex, compiles them and
reads the gazetteer: ~0.25 s, the whole of a script's first ``extract()`` and most of the part
of a batch that no number of workers shortens. Loading the same extractor from a pickle takes
~0.02 s. jieba keeps its built dictionary the same way (``jieba.cache``).

The file is named by, and holds, a key of everything the build read or ran: each pattern file (path, size,
modification time, as Python's own bytecode cache checks its sources), this package's modules,
the interpreter and its regex engine's code version, the ``regex`` and PyYAML modules. A
change to any of them is a new name, hence a fresh build; an old file is never read again and
is pruned. Only an extractor that was built, so validated, is stored: a pattern folder with
errors raises as before, on every run.

Compiled stdlib patterns would be compiled again by pickle (it stores their text); they are
stored as the compiler's output and handed back to the engine's constructor (sre_build.py).

Where: ``$ZHSTDEXTRACT_CACHE_DIR``, else ``$XDG_CACHE_HOME/zhstdextract``, else
``~/.cache/zhstdextract``; ``ZHSTDEXTRACT_CACHE=off`` turns it off. A file is loaded only from
a folder of the user's own that no one else can write to; any file that fails to load is
ignored and rebuilt. Nothing here ever raises: without a cache, extraction is only slower to
start.
"""
from __future__ import annotations

import gc
import os
import pickle
import re
import sys
import zlib
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from .sre_build import code_of, from_code

FORMAT = 1  # bump when what is stored changes shape
_PREFIX = "extractor-"
_SUFFIX = ".pickle"
_KEEP = 8  # cache files kept per folder (a rule author's edits leave a trail of them)


def enabled() -> bool:
    return os.environ.get("ZHSTDEXTRACT_CACHE", "").strip().lower() not in ("0", "off", "no", "false")


def cache_dir() -> Path | None:
    """The cache folder, or None when there is no home for it."""
    if not enabled():
        return None
    explicit = os.environ.get("ZHSTDEXTRACT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "zhstdextract"
    try:
        return Path.home() / ".cache" / "zhstdextract"
    except (RuntimeError, KeyError):  # no home directory
        return None


def _stat_line(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path}\t-"
    return f"{path}\t{st.st_size}\t{st.st_mtime_ns}"


def key(folders: Iterable[Path], files: Iterable[Path], options: str = "") -> str:
    """What names the cache file of an extractor built from ``files`` of ``folders``: one line
    per thing the build depends on. The file is named by a checksum of it and holds it whole,
    so a checksum that collides costs a rebuild, never a wrong extractor."""
    import _sre  # the engine's code version: stored code is only ever given back to the same engine
    import importlib.machinery

    import regex

    lines = [f"format {FORMAT}", f"zhstdextract {__version__}", f"python {sys.version}",
             f"sre {_sre.MAGIC} {_sre.CODESIZE}", f"regex {regex.__version__}", f"options {options}"]
    lines += [f"folder {Path(f).resolve()}" for f in folders]
    lines += [_stat_line(p) for p in files]
    here = Path(__file__).parent
    lines += [_stat_line(p) for p in sorted(here.glob("*.py"))]
    # what reads the pattern files (yaml) and the converter whose changed characters are stored
    # (opencc: normalization.changing_re), found without importing them (a cache hit needs neither)
    for name in ("yaml", "opencc"):
        spec = importlib.machinery.PathFinder.find_spec(name)
        lines.append(_stat_line(Path(spec.origin)) if spec and spec.origin else f"{name} -")
    return "\n".join(lines)


def _file_name(key_text: str) -> str:
    data = key_text.encode("utf-8", "surrogatepass")
    return f"{_PREFIX}{zlib.crc32(data):08x}{zlib.adler32(data):08x}{_SUFFIX}"


# ---------------------------------------------------------------------- (un)pickling
def _restore(args: tuple) -> re.Pattern:
    return from_code(args)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern):
            args = code_of(obj)
            if args is not None:
                return _restore, (args,)
        return NotImplemented


def _mine(st: os.stat_result) -> bool:
    """Owned by this user (where the system has owners)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid == getuid()


def _safe_folder(folder: Path) -> bool:
    """The user's own folder, which no one else can write to (a pickle runs what it says)."""
    try:
        st = folder.stat()
    except OSError:
        return False
    return _mine(st) and not (st.st_mode & 0o022)


def load(key_text: str) -> Any:
    """The extractor stored under ``key_text``, or None (no cache, no file, one that fails to
    load, or one stored under another key)."""
    folder = cache_dir()
    if folder is None or not _safe_folder(folder):
        return None
    path = folder / _file_name(key_text)
    try:
        with open(path, "rb") as fh:
            if not _mine(os.fstat(fh.fileno())):
                return None
            data = fh.read()
    except OSError:
        return None
    # ~40,000 objects come back at once: the collector would walk them several times for nothing
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        stored_key, state = pickle.loads(data)
    except Exception:  # truncated, or written by other code under the same name: rebuilt
        return None
    finally:
        if was_enabled:
            gc.enable()
    return state if stored_key == key_text else None


def save(key_text: str, state: Any) -> Path | None:
    """Store an extractor (atomically: a reader sees the old file or the whole new one)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _safe_folder(folder):
            return None
        import io

        from .writers import create_beside

        buf = io.BytesIO()
        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump((key_text, state))
        path = folder / _file_name(key_text)
        fd, tmp = create_beside(path)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(buf.getvalue())
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        _prune(folder, keep=path)
        return path
    except Exception:  # a full disk or a read-only home costs speed, never the extraction
        return None


def _prune(folder: Path, keep: Path) -> None:
    """Only the most recently written cache files stay."""
    files = []
    for p in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
        try:
            files.append((p.stat().st_mtime_ns, p))
        except OSError:
            continue
    files.sort(reverse=True)
    for _, p in files[_KEEP:]:
        if p != keep:
            try:
                p.unlink()
            except OSError:
                pass
