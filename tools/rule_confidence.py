"""Measure each extraction rule's precision on the development gold sets and write it to
kg/data/rule_confidence.tsv, the confidence every fact of that rule carries (coop:confidence).

    python tools/rule_confidence.py            # after changing rules; commit the table it writes

Development sets only (seeds, corpus-htx, dev-2026): the held-out sets stay unseen. A fact is
correct as the shared scorer would count it: a post by name and post, a figure by value and
metric (numbers the gold leaves out of scoring are left out here too), an event by kind and date.
A rule seen fewer than five times takes its kind's precision; every precision is smoothed
((correct + 1) / (facts + 2)) so that no rule claims certainty from a few facts.
"""

from __future__ import annotations

import collections
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.article import read_paths  # noqa: E402
from kg.evaluate import close, gold_inputs, metric_of, norm, same_post  # noqa: E402
from kg.extraction.pipeline import extract  # noqa: E402

SETS = ["seeds.json", "corpus-htx.json", "dev-2026.json"]
CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-5k.jsonl"
PAGES = [ROOT / "seeds", ROOT / "tests" / "pages" / "dev"]
OUT = ROOT / "kg" / "data" / "rule_confidence.tsv"


def _numbers(text: str) -> list[float]:
    from kg.evaluate import _numbers_in

    return _numbers_in(text)


def main() -> None:
    tally: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for name in SETS:
        gold = json.loads((ROOT / "tests" / "gold" / name).read_text(encoding="utf-8"))["articles"]
        with tempfile.TemporaryDirectory() as tmp:
            for article in read_paths(gold_inputs(ROOT / "tests" / "gold" / name, Path(tmp), CORPUS, PAGES)):
                if isinstance(article, Exception) or article.id not in gold:
                    continue
                g, doc = gold[article.id], extract(article)
                posts = [(p["name"], r["role"], r["org"]) for p in g["people"] for r in p["roles"]]
                for m in doc.memberships:
                    org = m.org.name if m.org else ""
                    ok = any(
                        norm(m.person) == norm(n)
                        and same_post(m.role, org, r, o or "", m.org.province if m.org else None)
                        for n, r, o in posts
                    )
                    _count(tally, m.rule, ok)
                skip = [v for t in g.get("not_scored", []) for v in _numbers(t)]
                for f in doc.figures:
                    in_gold = [x for x in g["figures"] if close(str(f.value), x["value"])]
                    if not in_gold and any(close(str(f.value), v) for v in skip):
                        continue
                    ok = any(
                        metric_of({"metric": f.metric, "measure": f.measure}) == x["metric"] for x in in_gold
                    )
                    _count(tally, f.rule, ok)
                for e in doc.events:
                    day = e.date.value if e.date else ""
                    ok = any(
                        x["kind"] == e.kind
                        and day[: len((x.get("date") or "").split("/")[0])]
                        == (x.get("date") or "").split("/")[0]
                        for x in g.get("events", [])
                    )
                    _count(tally, e.rule, ok)
    kinds: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for rule, (good, total) in tally.items():
        kinds[rule.split(".")[0]][0] += good
        kinds[rule.split(".")[0]][1] += total
    lines = [
        "# Measured precision of each extraction rule on the development gold sets (seeds, corpus-htx,",
        "# dev-2026), smoothed as (correct + 1) / (facts + 2); a rule seen fewer than 5 times takes its",
        "# kind's. Written by tools/rule_confidence.py: run it again after changing rules.",
        "rule\tfacts\tcorrect\tconfidence",
    ]
    for kind, (good, total) in sorted(kinds.items()):
        lines.append(f"{kind}.*\t{total}\t{good}\t{(good + 1) / (total + 2):.2f}")
    for rule, (good, total) in sorted(tally.items()):
        base = kinds[rule.split(".")[0]]
        conf = (good + 1) / (total + 2) if total >= 5 else (base[0] + 1) / (base[1] + 2)
        lines.append(f"{rule}\t{total}\t{good}\t{conf:.2f}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[3:]))


def _count(tally: dict[str, list[int]], rule: str, ok: bool) -> None:
    tally[rule][0] += ok
    tally[rule][1] += 1


if __name__ == "__main__":
    main()
