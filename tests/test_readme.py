"""The README's library example runs as written."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_blocks_run():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks
    for code in blocks:
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert "standard.formulated" in r.stdout


def test_readme_starts_with_the_two_commands():
    text = README.read_text(encoding="utf-8")
    first = re.search(r"```sh\n(.*?)```", text, re.S).group(1).strip().splitlines()
    assert len(first) == 2
    assert "zhstdextract extract seeds" in first[0]
    assert "pytest" in first[1]
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert first[1] in ci  # CI runs the README's test command verbatim
