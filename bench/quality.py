"""Quality on every gold set: builds each set's articles into a fresh store and prints the scores
of `kg eval` (and of the shared scorer, where it is beside the project, to show they agree).

    python bench/quality.py                      # every set in tests/gold
    python bench/quality.py tests/gold/dev-2026.json --misses
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "baomoi-5k.jsonl"
PAGES = [ROOT / "seeds", ROOT / "tests" / "pages" / "dev", ROOT / "tests" / "pages" / "heldout"]
SETS = [
    "seeds.json",
    "corpus-htx.json",
    "heldout-htx.json",
    "dev-2026.json",
    "heldout-2026.json",
    "corpus-people-2017.json",  # people, events and province only
    "heldout-people-2017.json",  # the same, never tuned on
]
sys.path.insert(0, str(ROOT))  # build with this checkout's kg too, not an installed one


def main() -> None:
    from kg.api import Graph
    from kg.evaluate import evaluate, gold_inputs
    from kg.store import open_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path)
    parser.add_argument("--misses", action="store_true", help="list what was missed and built wrongly")
    args = parser.parse_args()
    golds = args.gold or [ROOT / "tests" / "gold" / name for name in SETS]
    header = (
        f"{'set':<22} {'n':>3}  {'post P/R/F1':<16} {'figure P/R/F1':<16} {'event F1':>8} {'province':>8}"
    )
    print(header)
    for gold in golds:
        with tempfile.TemporaryDirectory() as tmp:
            inputs = gold_inputs(gold, Path(tmp), CORPUS, PAGES)
            store_path = Path(tmp) / "store"
            with Graph(store_path) as graph:
                graph.build(inputs)
            result = evaluate(open_store(store_path, read_only=True), gold)
            s = result["scores"]

            def prf(k: str, s: dict = s) -> str:
                return f"{s[k]['precision']:.2f}/{s[k]['recall']:.2f}/{s[k]['f1']:.2f}"

            print(
                f"{gold.stem:<22} {result['articles']:>3}  {prf('person_role_org'):<16} "
                f"{prf('figures_metric_value'):<16} {s['events_kind_date']['f1']:>8.2f} "
                f"{s['article_province']['accuracy']:>8.2f}   meta {s['article_metadata']}"
            )
            if (SHARED / "eval" / "score.py").exists():
                kg = Path(tmp) / "kg"  # this checkout's kg, whatever `kg` the PATH holds
                kg.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m kg "$@"\n')
                kg.chmod(0o755)
                shared = subprocess.run(
                    [
                        sys.executable,
                        str(SHARED / "eval" / "score.py"),
                        str(kg),
                        str(store_path),
                        str(gold),
                        "--json",
                    ],
                    capture_output=True,
                    text=True,
                )
                if shared.returncode == 0:
                    sc = json.loads(shared.stdout)["scores"]
                    print(
                        f"{'  shared scorer':<26}  {'/'.join(f'{x:.2f}' for x in sc['person_role_org']):<16} "
                        f"{'/'.join(f'{x:.2f}' for x in sc['figures_metric_value']):<16} "
                        f"{sc['events_kind_date'][2]:>8.2f} {sc['article_province']['accuracy']:>8.2f}"
                    )
            if args.misses:
                for line in result["misses"] + [f"FALSE {x}" for x in result["false"]]:
                    print("   ", line)


if __name__ == "__main__":
    main()
