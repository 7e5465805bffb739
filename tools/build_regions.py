"""Regenerate patterns/regions.tsv from an adcode CSV (e.g. the MIT-licensed `cpca` package's
resources/adcodes.csv, itself from the Ministry of Civil Affairs' public division codes).

Run by hand when the division list changes; the library only reads the generated TSV.
Changes approved after the CSV's vintage are listed in tools/region_changes.tsv and applied on
top: a new region replaces the one it was made from, whose full name it keeps as ``former``.
usage: python tools/build_regions.py ADCODES.csv > patterns/regions.tsv
       python tools/build_regions.py --short patterns/regions.tsv > new.tsv
The second form derives the short-name column again for a list already built (after a change
to the rule below or to tools/region_short_names.txt), everything else kept.
"""
from __future__ import annotations

import csv
import os
import sys

ETHNIC = ("壮族", "回族", "维吾尔", "藏族", "蒙古族", "朝鲜族", "土家族", "苗族", "彝族", "布依族",
          "侗族", "瑶族", "白族", "哈尼族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族",
          "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族",
          "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克", "怒族", "鄂温克族",
          "德昂族", "保安族", "裕固族", "京族", "独龙族", "鄂伦春", "哈萨克", "各族", "蒙古", "傣族景颇族")
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "林区", "矿区",
            "省", "市", "区", "县", "盟", "旗")


def short_name(name: str) -> str:
    for suf in SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf) + 1:
            stem = name[: -len(suf)]
            changed = True
            while changed:
                changed = False
                for eth in sorted(ETHNIC, key=len, reverse=True):
                    if stem.endswith(eth) and len(stem) > len(eth) + 1:
                        stem = stem[: -len(eth)]
                        changed = True
            return stem if len(stem) >= 2 else name
    return name


def common_words() -> dict[str, str]:
    """Words of jieba's dictionary with their part of speech: a county short name that is an
    ordinary word there (资源 n, 新兴 v, 和平 n) would be found all over news prose."""
    import jieba

    tags: dict[str, str] = {}
    dict_path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(dict_path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


def kept_short_names() -> set[str]:
    """tools/region_short_names.txt: places whatever jieba's tag says."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "region_short_names.txt")
    with open(path, encoding="utf-8") as fh:
        return {w for line in fh if not line.startswith("#") for w in line.split()}


def derived_short(name: str, level: str, tags: dict[str, str], keep: set[str]) -> str:
    short = short_name(name)
    tag = tags.get(short)
    if short != name and short not in keep and tag is not None and tag != "ns" and \
            (level == "county" or tag not in ("nr", "nz")):
        return ""  # an ordinary word: only the full name counts as a mention
    return short


def drop_city_twins(rows: dict[str, list[str]]) -> None:
    """A county whose short name is its city's (长沙县 in 长沙市, 铁岭县 in 铁岭市) keeps only
    its full name: 长沙 alone is the city, and the city's being named must not vouch for it."""
    for parts in rows.values():
        parent = rows.get(parts[3])
        if parts[2] == "county" and parts[4] and parent is not None and parent[4] == parts[4]:
            parts[4] = ""


def refresh_short(path: str) -> None:
    """Print the list at ``path`` with its short names derived again (rows of
    tools/region_changes.tsv keep theirs)."""
    tags, keep, changed = common_words(), kept_short_names(), changes()
    header, rows = [], {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(parts) < 4:
                header.append(line)
                continue
            while len(parts) < 5:
                parts.append("")
            if parts[0] not in changed:
                parts[4] = derived_short(parts[1], parts[2], tags, keep)
            rows[parts[0]] = parts
    drop_city_twins(rows)
    sys.stdout.write("".join(header))
    for code in rows:
        sys.stdout.write("\t".join(rows[code]) + "\n")


def main(path: str) -> None:
    tags, keep = common_words(), kept_short_names()
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            code = rec["adcode"][:6]
            name = rec["name"].strip()
            if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") or not name:
                continue
            if code.endswith("0000"):
                level, parent = "province", ""
            elif code.endswith("00"):
                level, parent = "city", code[:2] + "0000"
            else:
                level, parent = "county", code[:4] + "00"
            rows.append((code, name, level, parent))
    codes = {r[0] for r in rows}
    lines: dict[str, str] = {}
    for code, name, level, parent in sorted(set(rows)):
        if parent and parent not in codes:  # county directly under a province
            parent = parent[:2] + "0000"
        lines[code] = f"{code}\t{name}\t{level}\t{parent}\t{derived_short(name, level, tags, keep)}"
    for code, line in changes().items():
        lines[code] = line
    rows = {code: line.split("\t") for code, line in sorted(lines.items()) if line}
    drop_city_twins(rows)
    out = sys.stdout
    out.write("# code\tname\tlevel\tparent\tshort\tformer\n")
    for code in rows:
        out.write("\t".join(rows[code]) + "\n")


def changes() -> dict[str, str]:
    """tools/region_changes.tsv: code -> its line; a replaced code -> "" (dropped above)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "region_changes.tsv")
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            code, name, level, parent, short, replaces, former = line.rstrip("\n").split("\t")
            if replaces:
                out[replaces] = ""
            out[code] = "\t".join([code, name, level, parent, short] + ([former] if former else []))
    return out


if __name__ == "__main__":
    if sys.argv[1] == "--short":
        refresh_short(sys.argv[2])
    else:
        main(sys.argv[1])
