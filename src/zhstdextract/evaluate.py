"""Quality against gold annotations, as ONTOLOGY.md section 6 defines it.

The figures are those of the team's reference scorer (``shared/eval/score.py``; a copy lives in
``tests/reference/`` and a test holds the two equal), broken down per metric and per rule, with
the misses and false positives listed so a rule writer sees what to fix.
"""
from __future__ import annotations

import collections
import json
from dataclasses import dataclass, field
from typing import Any, Iterable

TIER1_PREFIXES = ("standard.", "standards_body.", "standardization.")


def tier_of(metric: str | None) -> str:
    return "t1" if metric and metric.startswith(TIER1_PREFIXES) else "t2"


def _same_value(a: Any, b: Any) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-6 * max(1.0, abs(y))


def _overlap(a: list[int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _docname(d: Any) -> str:
    return str(d).replace("\\", "/").split("/")[-1]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _strict(g: dict, s: dict) -> bool:
    if (s.get("qualifier") or "eq") != g["qualifier"]:
        return False
    sd = s.get("dims") or {}
    return all(sd.get(k) == v for k, v in g["dims"].items())


@dataclass
class Report:
    counts: collections.Counter
    per_metric: dict[str, collections.Counter]
    per_rule: dict[str, collections.Counter]
    errors: list[tuple[str, str, dict | None, dict | None]] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        c = self.counts
        out: dict[str, Any] = {}
        for t in ("t1", "t2", "all"):
            tp, fp, fn, stp = c[t + "_tp"], c[t + "_fp"], c[t + "_fn"], c[t + "_stp"]
            p, r, f = prf(tp, fp, fn)
            _, _, sf = prf(stp, fp + tp - stp, fn + tp - stp)
            out[t] = {"tp": tp, "fp": fp, "fn": fn, "p": p, "r": r, "f1": f, "strict_f1": sf}
        p, r, f = prf(c["det_tp"], c["det_fp"], c["det_fn"])
        out["detect"] = {"tp": c["det_tp"], "fp": c["det_fp"], "fn": c["det_fn"], "p": p, "r": r, "f1": f}
        out["subject_acc"] = c["subj_ok"] / c["subj_n"] if c["subj_n"] else 0.0
        out["modality_acc"] = c["mod_ok"] / c["mod_n"] if c["mod_n"] else 0.0
        return out

    def summary_lines(self) -> list[str]:
        fig = self.figures()
        lines = []
        for t in ("t1", "t2", "all"):
            r = fig[t]
            lines.append(f"{t:4} P={r['p']:.3f} R={r['r']:.3f} F1={r['f1']:.3f} strictF1={r['strict_f1']:.3f}  "
                         f"(tp={r['tp']} fp={r['fp']} fn={r['fn']})")
        r = fig["detect"]
        lines.append(f"detect P={r['p']:.3f} R={r['r']:.3f} F1={r['f1']:.3f}  (tp={r['tp']} fp={r['fp']} fn={r['fn']})")
        lines.append(f"subject_acc={fig['subject_acc']:.3f} modality_acc={fig['modality_acc']:.3f}")
        return lines

    def breakdown_lines(self) -> list[str]:
        lines = ["", "per metric:"]
        for name, c in sorted(self.per_metric.items()):
            p, r, f = prf(c["tp"], c["fp"], c["fn"])
            lines.append(f"  {name:34} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={c['tp']} fp={c['fp']} fn={c['fn']} strict={c['stp']})")
        lines += ["", "per rule:"]
        for name, c in sorted(self.per_rule.items()):
            lines.append(f"  {name:44} tp={c['tp']} fp={c['fp']} fn={c['fn']} strict_misses={c['tp'] - c['stp']}")
        return lines

    def error_lines(self) -> list[str]:
        out = ["", "misses and false positives:"]
        for kind, d, g, s in self.errors:
            gt = f"{g['text']}|{g['metric']}|{g['qualifier']}|{g['dims']}" if g else "-"
            st = f"{s.get('text')}|{s.get('metric')}|{s.get('qualifier')}|{s.get('dims')}|{s.get('rule')}" if s else "-"
            out.append(f"  {kind:8} {d[:24]} gold={gt}  sys={st}")
        return out


def evaluate(gold: Iterable[dict], system: Iterable[dict], docs: list[str] | None = None) -> Report:
    G: dict[str, list[dict]] = collections.defaultdict(list)
    S: dict[str, list[dict]] = collections.defaultdict(list)
    for g in gold:
        G[_docname(g["doc"])].append(g)
    for s in system:
        if "span" in s and s.get("value") is not None:
            S[_docname(s["doc"])].append(s)
    c: collections.Counter = collections.Counter()
    per_metric: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    per_rule: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    errors: list[tuple[str, str, dict | None, dict | None]] = []

    def fp(s: dict, kind: str, d: str, g: dict | None) -> None:
        t = tier_of(s["metric"])
        c[t + "_fp"] += 1
        c["all_fp"] += 1
        per_metric[s["metric"]]["fp"] += 1
        per_rule[str(s.get("rule"))]["fp"] += 1
        errors.append((kind, d, g, s))

    for d in (docs if docs is not None else sorted(G)):
        gs, ss = G.get(d, []), S.get(d, [])
        for g in gs:
            if not g["optional"]:
                hit = any(_overlap(g["span"], s["span"]) and _same_value(g["value"], s["value"]) for s in ss)
                c["det_tp" if hit else "det_fn"] += 1
        for s in ss:
            if not any(_overlap(g["span"], s["span"]) and _same_value(g["value"], s["value"]) for g in gs):
                c["det_fp"] += 1
        used: set[int] = set()
        order = sorted(range(len(gs)), key=lambda i: (gs[i]["optional"], gs[i]["metric"] is None))
        for i in order:
            g = gs[i]
            cands = [j for j, s in enumerate(ss) if j not in used and _overlap(g["span"], s["span"])
                     and _same_value(g["value"], s["value"])]
            best = [j for j in cands if ss[j].get("metric") == g["metric"]] or cands
            if g["metric"] and not g["optional"]:
                t = tier_of(g["metric"])
                if best and ss[best[0]].get("metric") == g["metric"]:
                    j = best[0]
                    used.add(j)
                    s = ss[j]
                    ok = _strict(g, s)
                    for tt in (t, "all"):
                        c[tt + "_tp"] += 1
                        c[tt + "_stp"] += ok
                    per_metric[g["metric"]]["tp"] += 1
                    per_metric[g["metric"]]["stp"] += ok
                    per_rule[str(s.get("rule"))]["tp"] += 1
                    per_rule[str(s.get("rule"))]["stp"] += ok
                    c["subj_n"] += 1
                    gsub, ssub = (g.get("subject") or ""), (s.get("subject") or "")
                    c["subj_ok"] += bool(gsub and ssub and (gsub in ssub or ssub in gsub))
                    c["mod_n"] += 1
                    c["mod_ok"] += (s.get("modality") or "actual") == g["modality"]
                    if not ok:
                        errors.append(("STRICT", d, g, s))
                else:
                    for tt in (t, "all"):
                        c[tt + "_fn"] += 1
                    per_metric[g["metric"]]["fn"] += 1
                    near = ss[best[0]] if best else None
                    per_rule[str(near.get("rule")) if near else "(none)"]["fn"] += 1
                    errors.append(("MISS", d, g, near))
            else:
                for j in cands:
                    used.add(j)
                    s = ss[j]
                    if not g["optional"] and s.get("metric"):
                        fp(s, "FP-NULL", d, g)
        for j, s in enumerate(ss):
            if j not in used and s.get("metric"):
                fp(s, "FP", d, None)
    return Report(c, dict(per_metric), dict(per_rule), errors)


def load_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
