"""Reading speed: milliseconds an article to read, normalise and clean the real corpus (no extraction).

    python bench/read.py                 # ../shared/corpus/baomoi-5k.jsonl, best and median of 3 runs
    python bench/read.py FILE --runs 5

Reading runs before every build, on every article, so it must stay a small part of a build's
time. The best run is the least disturbed by other work on the machine; both are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's kg, whatever kg the environment holds


def main() -> None:
    from kg.article import read_jsonl

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared/corpus/baomoi-5k.jsonl")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        articles = sum(1 for a in read_jsonl(args.corpus) if hasattr(a, "text"))
        times.append((time.perf_counter() - start) / max(articles, 1) * 1000)
    print(
        f"{articles} articles: {min(times):.3f} ms an article at best, "
        f"{statistics.median(times):.3f} median of {args.runs} runs"
    )


if __name__ == "__main__":
    main()
