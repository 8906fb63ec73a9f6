"""Scoring a built store against gold annotations (the format of ``tests/gold/seeds.json``).

The store is read through the public query contract (``people-roles``, ``figures``,
``events``, ``articles``), as any user would read it. Matching rules:

- names, roles and organisations are compared after NFC, case folding, one tone-mark
  placement ("Hoà" = "Hòa"), punctuation removed and abbreviations expanded alike
  (HTX = hợp tác xã, UBND = ủy ban nhân dân, KTTT = kinh tế tập thể, HĐND, VCA);
  organisations also match when one name contains the other or they are 80% similar;
- figures match on value within 0.5%, then on metric; fields (unit, period, status,
  province) are scored on the figures matched;
- events match on kind and on the date as precisely as the gold gives it;
- an article's province is correct, wrong, missing, or invented (given where the gold has none).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from pathlib import Path

from pyoxigraph import Store

from kg import query as q

ABBR = [
    ("hợp tác xã", "htx"),
    ("ủy ban nhân dân", "ubnd"),
    ("uỷ ban nhân dân", "ubnd"),
    ("kinh tế tập thể", "kttt"),
    ("hội đồng nhân dân", "hđnd"),
    ("liên hiệp htx", "lhhtx"),
    ("vca", "liên minh htx việt nam"),
]
TONE = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
    "đăk": "đắk",
    "lăk": "lắk",
}


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFC", s or "").casefold().strip()
    for a, b in TONE.items():
        s = s.replace(a, b)
    s = re.sub(r"[\u2013\u2014\-–,.;:()\"'’“”]", " ", s)
    for a, b in ABBR:
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip()


def similar(a: str | None, b: str | None) -> bool:
    a, b = norm(a), norm(b)
    if not a or not b:
        return a == b
    return a == b or a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def close(a: object, b: object) -> bool:
    try:
        x, y = float(a), float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 0.005 * max(abs(x), abs(y), 1e-9)


def prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "predicted": npred,
        "gold": ngold,
    }


def _rows(store: Store, name: str) -> list[dict[str, str]]:
    names, table = q.rows(q.run(store, q.resolve(name)))
    return [{k: v for k, v in zip(names, row, strict=True) if v is not None} for row in table]


def _local(value: str | None) -> str:
    return (value or "").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _numbers_in(text: str) -> list[float]:
    vals = []
    for m in re.finditer(r"\d[\d.,]*", text):
        t = m.group(0).rstrip(".,")
        vals.append(float(t.replace(".", "").replace(",", ".")))
        if "," in t and "." not in t:
            vals.append(float(t.replace(",", "")))
    mult = 1000 if "nghìn" in text else 1
    return [v * mult for v in vals] + vals


def evaluate(store: Store, gold_path: Path, only: set[str] | None = None) -> dict:
    """Scores per kind of fact, with the misses and false facts listed by article."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))["articles"]
    if only:
        gold = {k: v for k, v in gold.items() if k in only}
    people = [r for r in _rows(store, "people-roles") if r.get("articleId") in gold]
    figures = [r for r in _rows(store, "figures") if r.get("articleId") in gold]
    events = [r for r in _rows(store, "events") if r.get("articleId") in gold]
    articles = {r["articleId"]: r for r in _rows(store, "articles")}
    scores: dict[str, object] = {}
    misses: list[str] = []
    false: list[str] = []

    tp = npred = ngold = 0
    for aid, g in gold.items():
        gp = [(p["name"], r["role"], r["org"]) for p in g["people"] for r in p["roles"]]
        pp = sorted(
            {
                (r.get("name", ""), r.get("role", ""), r.get("orgName") or "")
                for r in people
                if r["articleId"] == aid
            }
        )
        ngold += len(gp)
        npred += len(pp)
        used: set[tuple[str, str, str]] = set()
        for name, role, org in gp:
            hit = next(
                (
                    x
                    for x in pp
                    if x not in used
                    and norm(x[0]) == norm(name)
                    and norm(x[1]) == norm(role)
                    and similar(x[2], org)
                ),
                None,
            )
            if hit:
                used.add(hit)
                tp += 1
            else:
                misses.append(f"{aid}: person {name} / {role} / {org}")
        false += [f"{aid}: person {x[0]} / {x[1]} / {x[2]}" for x in pp if x not in used]
    scores["person_role_org"] = prf(tp, npred, ngold)

    tp = npred = ngold = 0
    for aid, g in gold.items():
        gn = {norm(p["name"]) for p in g["people"]}
        pn = {norm(r.get("name")) for r in people if r["articleId"] == aid}
        tp, npred, ngold = tp + len(gn & pn), npred + len(pn), ngold + len(gn)
    scores["person_names"] = prf(tp, npred, ngold)

    tp = npred = ngold = 0
    for aid, g in gold.items():
        go = {norm(o) for o in g.get("organizations", [])}
        po = {norm(r.get("orgName")) for r in people if r["articleId"] == aid and r.get("orgName")}
        hits = {o for o in po if any(similar(o, x) for x in go)}
        tp, npred, ngold = tp + len(hits), npred + len(po), ngold + len({x for x in go if x})
    scores["organizations_with_posts"] = prf(tp, npred, ngold)

    tp = tpv = npred = ngold = 0
    fields = {"unit": 0, "period": 0, "status": 0, "province": 0}
    boilerplate: list[str] = []
    for aid, g in gold.items():
        gf = g["figures"]
        pf = [r for r in figures if r["articleId"] == aid]
        ngold += len(gf)
        npred += len(pf)
        used_i: set[int] = set()
        for f in gf:
            cands = [i for i, r in enumerate(pf) if i not in used_i and close(r.get("value"), f["value"])]
            full = [i for i in cands if _local(pf[i].get("metric")) == f["metric"]]
            pick = (full or cands or [None])[0]
            if pick is None:
                misses.append(f"{aid}: figure {f['metric']} {f['value']} ({f.get('text', '')})")
                continue
            used_i.add(pick)
            tpv += 1
            if not full:
                misses.append(
                    f"{aid}: figure {f['value']} is {f['metric']}, built as {_local(pf[pick].get('metric'))}"
                )
                continue
            tp += 1
            r = pf[pick]
            unit = norm(r.get("unit", "")).replace(" ", "").replace("per", "/")
            fields["unit"] += unit.endswith(norm(f["unit"]).replace(" ", "")[-4:])
            fields["status"] += norm(r.get("status", "")).endswith(f["status"])
            fields["period"] += (f["period"][:4] in (r.get("period") or "")) if f.get("period") else 1
            gp_, rp_ = f.get("province"), r.get("province")
            fields["province"] += similar(rp_, gp_) if gp_ else not rp_
        false += [
            f"{aid}: figure {r.get('metric')} {r.get('value')} ({r.get('text')})"
            for i, r in enumerate(pf)
            if i not in used_i
        ]
        for s in g.get("must_not", []):
            vals = _numbers_in(s)
            for r in pf:
                if any(close(r.get("value"), v) for v in vals) and not any(
                    close(r.get("value"), x["value"]) for x in gf
                ):
                    boilerplate.append(f"{aid}: {s} -> {r.get('value')}")
    scores["figures_metric_value"] = prf(tp, npred, ngold)
    scores["figures_value_only"] = prf(tpv, npred, ngold)
    scores["figure_fields_on_matched"] = {k: round(v / tp, 4) if tp else 0.0 for k, v in fields.items()}
    scores["boilerplate_figures"] = len(boilerplate)

    def kind(k: str | None) -> str:
        return re.sub(r"[^a-z]", "", _local(k).lower())

    tp = npred = ngold = 0
    for aid, g in gold.items():
        ge = g.get("events", [])
        pe = [r for r in events if r["articleId"] == aid]
        ngold += len(ge)
        npred += len(pe)
        used_i = set()
        for e in ge:
            gd = (e.get("date") or "").split("/")[0]
            hit = next(
                (
                    i
                    for i, r in enumerate(pe)
                    if i not in used_i
                    and kind(r.get("kind")) == kind(e["kind"])
                    and (not gd or (r.get("date") or "")[: len(gd)] == gd)
                ),
                None,
            )
            if hit is None:
                misses.append(f"{aid}: event {e['kind']} {e.get('date')} ({e.get('label', '')[:60]})")
            else:
                used_i.add(hit)
                tp += 1
        false += [
            f"{aid}: event {r.get('kind')} {r.get('date')} ({r.get('label', '')[:60]})"
            for i, r in enumerate(pe)
            if i not in used_i
        ]
    scores["events_kind_date"] = prf(tp, npred, ngold)

    tally = {"correct": 0, "wrong": 0, "missing": 0, "invented": 0}
    dates = {"correct": 0, "wrong": 0, "missing": 0, "invented": 0}
    for aid, g in gold.items():
        art = articles.get(aid) or {}
        gp_, rp_ = g.get("province"), art.get("province")
        key = (
            ("correct" if similar(rp_, gp_) else "wrong" if rp_ else "missing")
            if gp_
            else ("invented" if rp_ else "correct")
        )
        tally[key] += 1
        if key != "correct":
            misses.append(f"{aid}: province {gp_} -> {rp_} ({key})")
        gd, rd = g.get("published"), art.get("published")
        dkey = (
            (
                "correct"
                if rd and rd[: len(gd)] == gd[: len(rd)] and rd[:10] == gd[:10]
                else "wrong"
                if rd
                else "missing"
            )
            if gd
            else ("invented" if rd else "correct")
        )
        dates[dkey] += 1
        if dkey != "correct":
            misses.append(f"{aid}: published {gd} -> {rd} ({dkey})")
    n = len(gold) or 1
    scores["article_province"] = {**tally, "accuracy": round(tally["correct"] / n, 4)}
    scores["article_published"] = {**dates, "accuracy": round(dates["correct"] / n, 4)}
    return {
        "gold": str(gold_path),
        "articles": len(gold),
        "scores": scores,
        "misses": misses,
        "false": false,
        "boilerplate": boilerplate,
    }


def render(result: dict) -> str:
    out = [f"{result['articles']} articles of {result['gold']}"]
    for name, v in result["scores"].items():
        if isinstance(v, dict) and "f1" in v:
            out.append(
                f"{name:<26} P={v['precision']:.2f} R={v['recall']:.2f} F1={v['f1']:.2f}  "
                f"({v['tp']} of {v['predicted']} built, {v['gold']} in gold)"
            )
        else:
            out.append(f"{name:<26} {v}")
    for title, items in (
        ("missed", result["misses"]),
        ("false", result["false"]),
        ("boilerplate", result["boilerplate"]),
    ):
        if items:
            out.append(f"{title} ({len(items)}):")
            out += [f"  {m}" for m in items[:40]]
            if len(items) > 40:
                out.append(f"  ... {len(items) - 40} more (--json lists all)")
    return "\n".join(out)
