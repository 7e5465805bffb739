"""explain and rules test: what a rule writer reads."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from zhstdextract.explain import explain, render

from conftest import rule_folder

EXE = Path(sys.executable).parent / "zhstdextract"


def test_explain_names_rule_fragments_and_closest(extractor):
    report = explain(extractor, "今年新增主导制定国际标准14项、参与35项，产值超1400亿元")
    items = {i["quantity"]["text"]: i for i in report["quantities"]}
    assert items["14项"]["rule"]["id"] == "standard.formulated.verb_head_num"
    assert items["14项"]["rule"]["via"] == "rule"
    assert items["14项"]["rule"]["matched"] == "主导制定国际标准14项"
    assert items["14项"]["rule"]["where"].endswith(".yaml:5") or ".yaml:" in items["14项"]["rule"]["where"]
    assert items["14项"]["rule"]["fragments"] == {"role": "主导", "process": "制定", "std_level": "国际"}
    assert items["35项"]["rule"]["via"] == "list"
    assert items["35项"]["rule"]["fragments"] == {"own words": "参与"}
    assert items["35项"]["fact"]["dims"]["role"] == "participated"
    assert items["超1400亿元"]["fact"]["metric"] is None
    assert items["超1400亿元"]["closest_rules"][0]["rule"] == "funding.amount.award"
    text = render(report)
    assert "normalized:" in text and "closest: funding.amount.award" in text


def test_explain_says_a_dim_was_inherited_from_the_figure_before(extractor):
    report = explain(extractor, "去年全年共发布国家标准3811项，立项2042项")
    items = {i["quantity"]["text"]: i for i in report["quantities"]}
    assert items["2042项"]["rule"]["id"] == "standard.project.elliptic"
    assert items["2042项"]["rule"]["matched"] == "立项2042项"
    assert items["2042项"]["rule"]["fragments"] == {"std_level": "国家 (inherited)"}
    assert items["2042项"]["fact"]["dims"] == {"level": "national"}


def test_explain_cli_on_a_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("全市主導制定國家標(biāo)準(zhǔn)35項", encoding="utf-8")
    r = subprocess.run([str(EXE), "explain", str(f), "--json"], capture_output=True, text=True, check=True)
    report = json.loads(r.stdout)
    assert report["normalized"] == "全市主导制定国家标准35项"
    assert report["quantities"][0]["fact"]["text"] == "35項"


def test_explain_cli_on_a_sentence_too_long_to_be_a_file_name():
    text = "全市主导制定国家标准35项、行业标准20项，" * 8  # > 255 bytes: the OS refuses it as a name
    r = subprocess.run([str(EXE), "explain", text, "--json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["quantities"]) == 16


def test_rules_test_shows_a_readable_diff(tmp_path):
    d = rule_folder(tmp_path, {"r.yaml": (
        "rules:\n"
        "  - id: standard.formulated.user_wrong\n"
        "    metric: standard.formulated\n"
        "    pattern: '牵头编写{std}{fill}{q}'\n"
        "    examples:\n"
        "      - text: 牵头编写标准3项\n"
        "        expect: [{text: 3项, level: national}]\n"
        "    negatives: [牵头编写标准4项]\n"
    )})
    r = subprocess.run([str(EXE), "rules", "test", str(d)], capture_output=True, text=True)
    assert r.returncode == 1
    assert "FAIL standard.formulated.user_wrong example" in r.stdout
    assert "level None != national" in r.stdout
    assert "FAIL standard.formulated.user_wrong negative" in r.stdout
    assert "0 passed, 2 failed" in r.stdout


def test_rules_test_builtin_all_pass():
    r = subprocess.run([str(EXE), "rules", "test"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout
    assert ", 0 failed" in r.stdout
