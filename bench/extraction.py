"""Where extraction's time goes, and whether it grows with the text only.

    python bench/extraction.py                 # the 5k corpus, then pages of 1 KB to 2 MB
    python bench/extraction.py --articles 1000 --no-sizes

Prints three tables:
1. one process building the corpus into an in-memory store, by stage (read, extract, map, store),
   with articles a second;
2. the share of each extraction component (process time), the profile that says where to look;
3. one page of one paragraph, from 1 KB to 2 MB, of prose and of figures alone: seconds and
   milliseconds a KB, which stay flat when every step is linear in the text.
Process time is measured, so other work on the machine slows the wall clock, not these figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's kg, whatever kg the environment holds
CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-5k.jsonl"
SIZES = (1_000, 10_000, 100_000, 500_000, 1_000_000, 2_000_000)


def stages(corpus: Path, limit: int | None) -> None:
    from pyoxigraph import Store

    from kg import store as kgstore
    from kg import vocab
    from kg.article import read_jsonl
    from kg.build import extractor_version
    from kg.extraction.doc import Doc
    from kg.extraction.pipeline import PIPELINE
    from kg.mapping import doc_to_quads

    version = extractor_version()
    spent = dict.fromkeys(("read", "extract", "map", "store"), 0.0)
    components = {c.name: 0.0 for c in PIPELINE}
    store, count, quads = Store(), 0, 0
    clock = time.process_time
    articles = read_jsonl(corpus)
    while True:
        t = clock()
        article = next(articles, None)
        spent["read"] += clock() - t
        if article is None or (limit and count >= limit):
            break
        if isinstance(article, Exception):
            continue
        doc = Doc(article)
        for component in PIPELINE:
            t = clock()
            component(doc)
            components[component.name] += clock() - t
        t = clock()
        out = doc_to_quads(doc, version)
        spent["map"] += clock() - t
        t = clock()
        kgstore.write_article(store, vocab.graph(article.id), out, replace=False)
        spent["store"] += clock() - t
        count += 1
        quads += len(out)
    spent["extract"] = sum(components.values())
    total = sum(spent.values())
    print(f"\n{count:,} articles of {corpus.name}, one process, in-memory store ({quads:,} quads)\n")
    print(f"{'stage':<12} {'seconds':>8} {'ms/article':>11} {'share':>6}")
    for name, seconds in spent.items():
        print(f"{name:<12} {seconds:>8.2f} {1000 * seconds / count:>11.2f} {seconds / total:>6.0%}")
    print(f"{'all':<12} {total:>8.2f} {1000 * total / count:>11.2f}   -> {count / total:,.0f} articles/s")
    print(f"\n{'component':<24} {'ms/article':>11} {'share of extract':>17}")
    for name, seconds in sorted(components.items(), key=lambda kv: -kv[1]):
        print(f"{name:<24} {1000 * seconds / count:>11.3f} {seconds / spent['extract']:>17.0%}")


def sizes() -> None:
    import kg
    from kg.article import Article

    seed = ROOT / "seeds" / "000_18207d1d6100cecb.txt"
    paragraph = " ".join(seed.read_text(encoding="utf-8").split("\n")[5:25])
    # one sentence of figures with no full stop: every number is a figure, every lookup per
    # figure that reads its whole sentence would show here as time growing with the square
    dense = "".join(
        f"tỉnh Đắk Lắk có {100 + i} HTX, {1000 + i} thành viên và {i % 90},5% hộ nghèo; "
        for i in range(60_000)
    )
    print(f"\n{'page size':>10} {'seconds':>8} {'ms/KB':>7} {'dense s':>8} {'ms/KB':>7}")
    print("           (one paragraph: a seed article repeated; and one sentence of figures)")
    kg.extract(Article(id="warm", source="warm", text=paragraph))  # tables and indexes load once
    for size in SIZES:
        row = f"{size / 1000:>8,.0f}KB"
        for source in (paragraph, dense):
            text = (source * (size // len(source) + 1))[:size]
            article = Article(id="big", source="big", text=text, published="2024-01-01")
            t = time.process_time()
            kg.to_quads(kg.extract(article))
            seconds = time.process_time() - t
            row += f" {seconds:>8.2f} {1000 * seconds / (size / 1000):>7.2f}"
        print(row, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, help="only the first N articles")
    parser.add_argument("--no-sizes", action="store_true", help="skip the table of page sizes")
    args = parser.parse_args()
    if args.corpus.exists():
        stages(args.corpus, args.articles)
    if not args.no_sizes:
        sizes()


if __name__ == "__main__":
    main()
