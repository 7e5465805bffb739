"""`zhstdextract eval` prints the figures of the team's reference scorer."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import GOLD, SEEDS

EXE = Path(sys.executable).parent / "zhstdextract"
REF = Path(__file__).resolve().parent / "reference" / "score.py"


def test_eval_equals_reference_scorer(tmp_path):
    out = tmp_path / "facts.jsonl"
    subprocess.run([str(EXE), "extract", str(SEEDS), "-o", str(out), "--all-quantities", "-q"], check=True)
    ref = subprocess.run([sys.executable, str(REF), str(GOLD), str(out)], capture_output=True, text=True, check=True)
    ours = subprocess.run([str(EXE), "eval", str(GOLD), str(SEEDS), "--brief"], capture_output=True, text=True, check=True)
    assert ours.stdout.strip().splitlines() == ref.stdout.strip().splitlines()
    ref_json = subprocess.run([sys.executable, str(REF), str(GOLD), str(out), "--json"], capture_output=True, text=True, check=True)
    ours_json = subprocess.run([str(EXE), "eval", str(GOLD), str(SEEDS), "--json"], capture_output=True, text=True, check=True)
    assert json.loads(ours_json.stdout) == json.loads(ref_json.stdout)


def test_eval_mapped_only_equals_plain_extract(tmp_path):
    out = tmp_path / "facts.jsonl"
    subprocess.run([str(EXE), "extract", str(SEEDS), "-o", str(out), "-q"], check=True)
    ref = subprocess.run([sys.executable, str(REF), str(GOLD), str(out)], capture_output=True, text=True, check=True)
    ours = subprocess.run([str(EXE), "eval", str(GOLD), str(SEEDS), "--brief", "--mapped-only"],
                          capture_output=True, text=True, check=True)
    assert ours.stdout.strip().splitlines() == ref.stdout.strip().splitlines()


def test_eval_breakdown_lists_rules_and_metrics():
    r = subprocess.run([str(EXE), "eval", str(GOLD), str(SEEDS)], capture_output=True, text=True, check=True)
    assert "per metric:" in r.stdout and "per rule:" in r.stdout
    assert "standard.formulated.verb_head_num" in r.stdout
