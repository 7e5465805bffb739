"""docs/rules.md, followed literally: its files are written, its commands run, no Python touched."""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
EXE = Path(sys.executable).parent / "zhstdextract"
BLOCK = re.compile(r"```(\w+)([^\n]*)\n(.*?)```", re.S)


def blocks():
    for lang, info, body in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        m = re.search(r"file=(\S+)", info)
        yield lang, (m.group(1) if m else None), body


def test_tutorial(tmp_path):
    files = [(name, body) for lang, name, body in blocks() if name]
    commands = [line for lang, name, body in blocks() if lang == "sh" and not name
                for line in body.splitlines() if line.startswith("zhstdextract ")]
    assert any(n.endswith(".yaml") for n, _ in files) and commands
    before = {p: p.stat().st_mtime for p in (Path(__file__).resolve().parent.parent / "src").rglob("*.py")}
    for name, body in files:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body, encoding="utf-8")
    outputs = {}
    for cmd in commands:
        args = shlex.split(cmd)
        r = subprocess.run([str(EXE), *args[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, f"{cmd}\n{r.stdout}\n{r.stderr}"
        outputs[args[1] + " " + args[2]] = r.stdout
    assert outputs["rules check"].startswith("ok:")
    assert re.search(r"^5 passed, 0 failed$", outputs["rules test"], re.M), outputs["rules test"]
    facts = [json.loads(line) for line in (tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    got = {(f["text"], f["metric"], f["rule"], f["dims"].get("level")) for f in facts}
    assert ("86项", "metrology.public_standard", "metrology.public_standard.count", "municipal") in got
    assert any(f["metric"] == "standard.formulated" and f["text"] == "3项" for f in facts)
    assert "metrology.public_standard" in outputs["explain 全市建成市级社会公用计量标准86项"]
    after = {p: p.stat().st_mtime for p in before}
    assert before == after
