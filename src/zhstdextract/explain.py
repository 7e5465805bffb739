"""Why a text gave the facts it gave: ``zhstdextract explain``.

For each fact, the rule (id and file:line), whether it was matched directly or inherited over an
enumeration, what the rule matched and which dimension words it read. For a quantity with no
metric, the rules that came closest: those whose unit fits, ranked by the share of their cue
words that occur in the quantity's sentence.
"""
from __future__ import annotations

from typing import Any

import regex

from .extractor import Analysis, Extractor
from .patternset import Rule

_CUE_RE = regex.compile(r"\p{Han}{2,}")


def _cues(rule: Rule) -> list[str]:
    raw = regex.sub(r"\{[^}]*\}", " ", rule.pattern)
    words = []
    for w in _CUE_RE.findall(raw):
        if w not in words:
            words.append(w)
    return words


def closest_rules(ex: Extractor, an: Analysis, qi: int, k: int = 3) -> list[dict[str, Any]]:
    q = an.quantities[qi]
    a, b = an.segments.sentence_of(q.norm_span[0])
    sentence = an.norm.text[a:b]
    ranked = []
    for rule in ex.patterns.rules:
        if q.unit not in rule.units:
            continue
        cues = _cues(rule)
        found = [c for c in cues if c in sentence]
        ranked.append((len(found) / max(len(cues), 1), len(found), rule, found, [c for c in cues if c not in sentence]))
    ranked.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [{"rule": r.id, "where": r.where, "cues_found": f, "cues_missing": m} for _, _, r, f, m in ranked[:k]]


def explain(ex: Extractor, text: str, *, date: Any = None) -> dict[str, Any]:
    an = ex.analyze(text, date=date, include_unmapped=True)
    out: dict[str, Any] = {
        "normalized": an.norm.text,
        "date": an.date.isoformat() if an.date else None,
        "main_region": an.main_region,
        "quantities": [],
    }
    by_span = {f.span: f for f in an.facts}
    for i, q in enumerate(an.quantities):
        f = by_span.get(q.span)
        item: dict[str, Any] = {"quantity": q.to_dict(), "fact": f.to_dict() if f else None}
        asg = an.assignments.get(i)
        if asg is not None:
            item["rule"] = {"id": asg.rule.id, "where": asg.rule.where, "via": asg.via,
                            "matched": an.norm.text[asg.match_span[0]:asg.match_span[1]],
                            "fragments": dict(asg.captures),
                            "pattern": asg.rule.pattern}
        else:
            item["closest_rules"] = closest_rules(ex, an, i)
        out["quantities"].append(item)
    return out


def render(report: dict[str, Any]) -> str:
    lines = ["normalized:", "  " + report["normalized"].replace("\n", "\n  "), ""]
    lines.append(f"document date: {report['date'] or '-'}    main region: {report['main_region'] or '-'}")
    lines.append("")
    for item in report["quantities"]:
        q = item["quantity"]
        f = item["fact"] or {}
        head = f"[{q['span'][0]}:{q['span'][1]}] {q['text']}  value={q['value']} unit={q['unit']} qualifier={q['qualifier']}"
        if q.get("value_max") is not None:
            head += f" value_max={q['value_max']}"
        lines.append(head)
        if f.get("metric"):
            r = item["rule"]
            lines.append(f"    -> {f['metric']} dims={f['dims']} subject={f['subject']} modality={f['modality']} time={f['time']}")
            lines.append(f"       rule {r['id']} ({r['where']}) via {r['via']}; matched: {r['matched']}")
            if r["fragments"]:
                lines.append("       fragments: " + ", ".join(f"{{{k}}}={v}" for k, v in r["fragments"].items()))
        else:
            lines.append("    -> no metric")
            for c in item.get("closest_rules", []):
                lines.append(f"       closest: {c['rule']} ({c['where']}) cues found {c['cues_found']}, missing {c['cues_missing']}")
    return "\n".join(lines)
