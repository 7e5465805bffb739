from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

# The start-up cache (startup_cache.py) goes to a folder of this test run, never the user's own:
# tests build extractors from many temporary rule folders, and their subprocesses inherit this.
os.environ["ZHSTDEXTRACT_CACHE_DIR"] = tempfile.mkdtemp(prefix="zhstdextract-test-cache-")
os.environ.pop("ZHSTDEXTRACT_CACHE", None)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold" / "seeds.jsonl"


def read_seed(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def rule_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    """A user rule folder ``tmp_path/rules`` holding ``files`` (name -> YAML text)."""
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


@pytest.fixture(scope="session")
def extractor():
    from zhstdextract import default_extractor

    return default_extractor()


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: read_seed(p) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_facts(extractor, seed_texts) -> list[dict]:
    rows = []
    for name, text in seed_texts.items():
        rows += [f.to_dict() for f in extractor.extract(text, doc=name, include_unmapped=True)]
    return rows
