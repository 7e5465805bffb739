"""Where the built-in pattern data lives.

Read through :mod:`importlib.resources`, so that an installed wheel finds its patterns as well as
an editable checkout does.
"""
from __future__ import annotations

from pathlib import Path


def builtin_patterns_dir() -> Path:
    """The package's own folder when it is one on disk (a wheel or an editable install: every
    start asks, and importlib.resources costs ~5 ms of imports); importlib.resources otherwise."""
    from . import patterns

    here = getattr(patterns, "__file__", None)
    if here:
        folder = Path(here).parent
        if (folder / "ontology.yaml").is_file():
            return folder
    from importlib import resources  # pragma: no cover - a package not on disk (a zip)

    return Path(str(resources.files("zhstdextract.patterns")))  # pragma: no cover
