"""Scoring a built store against gold annotations (the format of ``tests/gold/seeds.json``).

The store is read through the public query contract (``people-roles``, ``figures``,
``events``, ``articles``), as any user would read it, and matched exactly as the shared
scorer (``shared/eval/score.py``) matches, so that the two agree:

- names, roles and organisations are compared after NFC, case folding, one tone-mark placement
  ("Hoà" = "Hòa"), punctuation removed and abbreviations folded alike (HTX, UBND, KTTT, HĐND,
  VCA, ministries such as "Bộ NN&PTNT", cities such as "TPHCM");
- a role's trailing words that restate its organisation are ignored, and a post whose title and
  body are split at other words still matches; an organisation matches by a longer name (a unit of
  the gold body), by the gold's head, parent or alias, or by 0.9 similarity, and by a shorter name
  only where the words it leaves out are the row's province: an organisation cut short is wrong;
- figures match on value within 0.5%, then on metric (a metric outside the gold's vocabulary, or
  a row whose ``measure`` is a change, counts as ``other``); numbers the gold lists as
  ``not_scored`` count neither way; fields (unit, period, status, province) are scored on matches;
- events match on kind and on the date as precisely as the gold gives it;
- an article's province is correct, wrong, missing, or invented (given where the gold has none);
  headline and publication date are right or not where the gold gives them.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from pathlib import Path

from pyoxigraph import Store

from kg import query as q
from kg.errors import KgError

ABBR = [
    ("hợp tác xã", "htx"),
    ("ủy ban nhân dân", "ubnd"),
    ("uỷ ban nhân dân", "ubnd"),
    ("kinh tế tập thể", "kttt"),
    ("hội đồng nhân dân", "hđnd"),
    ("liên hiệp htx", "lhhtx"),
    ("vca", "liên minh htx việt nam"),
    # ministries and cities as the press abbreviates them (applied after punctuation is blanked)
    ("nông nghiệp và phát triển nông thôn", "nn&ptnt"),
    ("nn ptnt", "nn&ptnt"),
    ("lao động thương binh và xã hội", "lđtb&xh"),
    ("lđtbxh", "lđtb&xh"),
    ("giao thông vận tải", "gtvt"),
    ("kế hoạch và đầu tư", "kh&đt"),
    ("tài nguyên và môi trường", "tn&mt"),
    ("khoa học và công nghệ", "kh&cn"),
    ("thành phố hồ chí minh", "tphcm"),
    ("tp hồ chí minh", "tphcm"),
    ("tp hcm", "tphcm"),
    ("hồ chí minh", "tphcm"),
    ("mặt trận tổ quốc", "mttq"),
    ("t ư", "trung ương"),
    ("lmhtx", "liên minh htx"),
]
LEGAL_FORMS = ("công ty tnhh", "công ty cổ phần", "công ty cp", "công ty", "doanh nghiệp tư nhân")
# words that open the name of a parent body written after a comma ("Ban …, Liên minh HTX Việt Nam")
PARENT_HEADS = (
    "liên minh", "sở", "bộ", "ubnd", "tỉnh ủy", "thành ủy", "huyện ủy", "ban", "cục", "tổng cục", "viện",
    "hội", "trường", "công ty", "tập đoàn", "văn phòng", "hđnd", "quốc hội", "chính phủ",
)  # fmt: skip
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
BASE_METRICS = frozenset(
    {
        "cooperatives", "unions_of_cooperatives", "cooperative_groups", "people_credit_funds",
        "collective_economic_organizations", "members", "workers", "new_cooperatives",
        "avg_revenue_per_cooperative", "avg_income_per_worker", "avg_profit", "funding", "trainees",
        "training_classes", "supported_cooperatives", "other",
    }
)  # fmt: skip


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFC", s or "").casefold().strip()
    for a, b in TONE.items():
        s = s.replace(a, b)
    s = re.sub(r"\s+", " ", re.sub(r"[\u2013\u2014\-–,.;:()\"'’“”]", " ", s))
    for a, b in ABBR:
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip()


def similar(a: str | None, b: str | None) -> bool:
    a, b = norm(a), norm(b)
    if not a or not b:
        return a == b
    return a == b or a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def role_in(role: str, org: str) -> str:
    """The role less trailing words that restate the organisation ("Ủy viên Ban Thường vụ Tỉnh
    ủy" of "Tỉnh ủy Khánh Hòa" -> "ủy viên ban thường vụ")."""
    r, o = norm(role).split(), norm(org)
    for k in range(len(r) - 1, 0, -1):
        if o.startswith(" ".join(r[-k:])):
            return " ".join(r[:-k])
    return " ".join(r)


def same_org(found: str, gold: str, province: str | None = None) -> bool:
    """The built organisation names the gold one (see the module docstring)."""
    a, b = norm(found), norm(gold)
    if not a or not b:
        return a == b
    if a == b or b in a:
        return True
    parts = re.split(r"[,(]", gold, maxsplit=1)
    rest = norm(parts[1]) if len(parts) > 1 else ""
    head = norm(parts[0]) if "(" in gold or rest.startswith(PARENT_HEADS) else ""
    alias = norm(gold[gold.find("(") + 1 : gold.find(")")]) if "(" in gold and ")" in gold else ""
    bare = next((b[len(f) :].strip() for f in LEGAL_FORMS if b.startswith(f + " ")), "")
    if a in (head, alias, bare):
        return True
    if a in b:
        rest = b.replace(a, " ", 1).strip()
        return bool(province) and similar(rest, province)
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


def post_words(role: str, org: str) -> list[str]:
    """Title and body read as one phrase, without connectives or a word said twice at the seam."""
    words = [w for w in norm(f"{role} {org}").split() if w not in ("thuộc", "của")]
    return [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]


def same_post(role_a: str, org_a: str, role_b: str, org_b: str, province: str | None = None) -> bool:
    """One post, however title and body are split (a: the built row, b: the gold)."""
    if not norm(org_b):
        return role_in(role_a, org_a) == role_in(role_b, org_b) or norm(role_a) == norm(role_b)
    if role_in(role_a, org_a) == role_in(role_b, org_b) and same_org(org_a, org_b, province):
        return True
    return post_words(role_a, org_a) == post_words(role_b, org_b)


def metric_of(row: dict[str, str]) -> str:
    """The row's metric in the gold's vocabulary: a finer metric counts as ``other``, and so does
    a change ("tăng 120 HTX")."""
    m = _local(row.get("metric"))
    if "change" in (row.get("measure") or "").lower():
        return "other"
    return m if m in BASE_METRICS else "other"


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


def load_gold(gold_path: Path) -> dict:
    """The articles of a gold file; a file that is not one is a one-line error naming it."""
    try:
        data = json.loads(Path(gold_path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as e:
        raise KgError(
            f"{gold_path}: cannot read the gold file ({getattr(e, 'strerror', None) or e})"
        ) from None
    except (ValueError, RecursionError) as e:
        raise KgError(f"{gold_path}: not a gold file: malformed JSON ({e})") from None
    if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
        raise KgError(f'{gold_path}: not a gold file: no "articles" object (see tests/gold/seeds.json)')
    return data["articles"]


def evaluate(store: Store, gold_path: Path, only: set[str] | None = None) -> dict:
    """Scores per kind of fact, with the misses and false facts listed by article."""
    gold = load_gold(gold_path)
    try:
        return _score(store, gold, only, gold_path)
    except (KeyError, TypeError, AttributeError, ValueError) as e:
        raise KgError(
            f"{gold_path}: not a gold file of the expected shape ({type(e).__name__}: {e}); "
            "see tests/gold/seeds.json"
        ) from None


def _score(store: Store, gold: dict, only: set[str] | None, gold_path: Path) -> dict:
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
                (r.get("name", ""), r.get("role", ""), r.get("orgName") or "", r.get("province") or "")
                for r in people
                if r["articleId"] == aid
            }
        )
        ngold += len(gp)
        npred += len(pp)
        used: set[tuple[str, str, str, str]] = set()
        for name, role, org in gp:
            hit = next(
                (
                    x
                    for x in pp
                    if x not in used
                    and norm(x[0]) == norm(name)
                    and same_post(x[1], x[2], role, org or "", x[3])
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
    with_area = 0
    boilerplate: list[str] = []
    for aid, g in gold.items():
        gf = g["figures"]
        pf = [r for r in figures if r["articleId"] == aid]
        # numbers the gold lists as not_scored are neither rewarded nor counted against the tool
        skip = [v for t in g.get("not_scored", []) for v in _numbers_in(t)]
        pf = [
            r
            for r in pf
            if any(close(r.get("value"), f["value"]) for f in gf)
            or not any(close(r.get("value"), v) for v in skip)
        ]
        ngold += len(gf)
        npred += len(pf)
        used_i: set[int] = set()
        for f in gf:
            cands = [i for i, r in enumerate(pf) if i not in used_i and close(r.get("value"), f["value"])]
            full = [i for i in cands if metric_of(pf[i]) == f["metric"]]
            pick = (full or cands or [None])[0]
            if pick is None:
                misses.append(f"{aid}: figure {f['metric']} {f['value']} ({f.get('text', '')})")
                continue
            used_i.add(pick)
            tpv += 1
            if not full:
                misses.append(f"{aid}: figure {f['value']} is {f['metric']}, built as {metric_of(pf[pick])}")
                continue
            tp += 1
            r = pf[pick]
            unit = norm(r.get("unit", "")).replace(" ", "").replace("per", "/")
            fields["unit"] += unit.endswith(norm(f["unit"]).replace(" ", "")[-4:])
            fields["status"] += norm(r.get("status", "")).endswith(f["status"])
            fields["period"] += (f["period"][:4] in (r.get("period") or "")) if f.get("period") else 1
            gp_, rp_ = f.get("province"), r.get("province")
            if gp_:  # judged only where the gold names the figure's area
                fields["province"] += similar(rp_, gp_)
                with_area += 1
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
    scores["figure_fields_on_matched"] = {
        k: round(v / ((with_area if k == "province" else tp) or 1), 4) for k, v in fields.items()
    }
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
    meta = {"title": [0, 0], "published": [0, 0]}
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
        for field in ("title", "published"):
            want = g.get(field)
            if not want:
                continue
            got = art.get(field)
            ok = norm(got) == norm(want) if field == "title" else (got or "")[:10] == want[:10]
            meta[field][0] += ok
            meta[field][1] += 1
            if not ok:
                misses.append(f"{aid}: {field} {want!r} -> {got!r}")
    n = len(gold) or 1
    scores["article_province"] = {**tally, "accuracy": round(tally["correct"] / n, 4)}
    scores["article_metadata"] = {
        k: round(ok / total, 4) if total else 1.0 for k, (ok, total) in meta.items()
    }
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


def gold_inputs(gold_path: Path, out_dir: Path, corpus: Path | None, pages: list[Path]) -> list[Path]:
    """The article files a gold set was annotated on: its pages (a file in ``pages`` named by the
    article id) and, where a corpus is given, its corpus records copied to one JSON Lines file."""
    ids = set(json.loads(Path(gold_path).read_text(encoding="utf-8"))["articles"])
    found = [p for folder in pages for p in sorted(Path(folder).glob("*")) if p.stem in ids]
    if corpus is not None and corpus.exists():
        wanted = ids - {p.stem for p in found}
        sample = Path(out_dir) / f"{Path(gold_path).stem}.jsonl"
        with corpus.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as dst:
            for line in src:
                if json.loads(line).get("id") in wanted:
                    dst.write(line)
        found.append(sample)
    return found
