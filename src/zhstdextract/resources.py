"""Where the built-in pattern data lives.

Read through :mod:`importlib.resources`, so that an installed wheel finds its patterns as well as
an editable checkout does.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_patterns_dir() -> Path:
    root = resources.files("zhstdextract.patterns")
    return Path(str(root))
