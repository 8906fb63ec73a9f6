"""Measured speed of coop-kg: extraction, build, re-build, store size, peak memory, query latency.

    python bench/run.py [--quick] [--scales 1000,10000,100000] [--out results.json]

Every measured step runs in a fresh Python process (this script with ``--step``), so the peak
memory printed is that step's own and no cache warmed by one step speeds up the next. The
package is copied to a scratch folder first and every step imports that copy, so all figures
of a long run belong to one version of the code even while its files are being edited.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import math
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-5k.jsonl"
PARAMS = {"province": "Đắk Lắk"}  # name= is the most reported person of each store
QUERY_BUDGET_S = 60  # a query (or rdflib load) slower than this is cut off and reported as such
MiB = 1024 * 1024


# ---------------------------------------------------------------------------------------------------
# Steps: each runs in its own process and returns a JSON-able dict.


def _peak() -> dict[str, float]:
    """Peak resident memory of this process and of its largest child (Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_mib": round(own, 1), "peak_children_mib": round(children, 1)}


def step_extract(corpus: str) -> dict[str, Any]:
    """Reading, then extraction + RDF mapping alone: the CPU cost of one article without a store."""
    from kg.article import read_paths
    from kg.build import extractor_version
    from kg.extract.pipeline import extract
    from kg.mapping import doc_to_quads

    version = extractor_version()
    start = time.perf_counter()
    articles = [a for a in read_paths([Path(corpus)]) if not isinstance(a, Exception)]
    read_s = time.perf_counter() - start
    quads, failed = 0, []
    start = time.perf_counter()
    for article in articles:
        try:
            quads += len(doc_to_quads(extract(article), version))
        except Exception as e:  # counted and named, as the build would
            failed.append(f"{article.source}: {type(e).__name__}: {e}")
    return {
        "articles": len(articles),
        "read_s": read_s,
        "seconds": time.perf_counter() - start,
        "quads": quads,
        "failed": failed,
        "extractor_version": version,
    }


def step_build(corpus: str, store: str, workers: int) -> dict[str, Any]:
    """One `kg.build.build` call, as ``kg build`` makes it."""
    from kg.build import build

    start = time.perf_counter()
    report = build([Path(corpus)], Path(store), workers=workers, progress=False)
    seconds = time.perf_counter() - start
    return {
        "articles": report.read,
        "seconds": seconds,
        "built": report.built,
        "skipped": report.skipped,
        "failed": [str(f) for f in report.failed],
        "quads": report.triples,
    }


def _timed(run: Any, budget: float) -> dict[str, Any]:
    """Median and 95th percentile of repeated runs: 20 if one takes < 1 s, 3 if < 10 s, else 1.

    ``run()`` returns the number of rows; a run longer than ``budget`` seconds is cut off
    (SIGALRM interrupts pure-Python evaluation, which is where rdflib spends its time).
    """

    def once() -> tuple[float, int]:
        signal.setitimer(signal.ITIMER_REAL, budget)
        start = time.perf_counter()
        try:
            rows = run()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return time.perf_counter() - start, rows

    try:
        first, rows = once()
        runs = 20 if first < 1 else 3 if first < 10 else 1
        times = [first] + [once()[0] for _ in range(runs - 1)]
    except TimeoutError:
        return {"timeout_s": budget}
    except Exception as e:  # an engine that cannot evaluate a query is a result, not a crash
        return {"error": f"{type(e).__name__}: {e}"}
    times.sort()
    return {
        "rows": rows,
        "runs": len(times),
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[math.ceil(0.95 * len(times)) - 1] * 1000,
    }


def _alarm(signum: int, frame: Any) -> None:
    raise TimeoutError


def _workload(store: Any) -> list[tuple[Any, dict[str, str]]]:
    """Every named query with its required parameters bound; ``name`` is the most reported person."""
    from kg.query import named_queries
    from kg.vocab import PREFIXES

    top = store.query(
        "SELECT ?name (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?m org:member ?p . ?p schema:name ?name } }"
        " GROUP BY ?name ORDER BY DESC(?n) LIMIT 1",
        prefixes=PREFIXES,
    )
    values = dict(PARAMS, name=next((s["name"].value for s in top), "Huỳnh Bài"))
    return [(q, {p: values[p] for p, required, _ in q.params if required}) for q in named_queries().values()]


def step_oxigraph(store: str) -> dict[str, Any]:
    """Latency of each named query on the on-disk Oxigraph store, through `kg.query.run`."""
    from kg import query
    from kg.store import open_store

    signal.signal(signal.SIGALRM, _alarm)
    db = open_store(Path(store), read_only=True)
    out = {}
    for q, params in _workload(db):
        out[q.name] = dict(
            _timed(lambda q=q, p=params: sum(1 for _ in query.run(db, q, p)), QUERY_BUDGET_S), params=params
        )
    return {"queries": out}


def step_rdflib(store: str, load_budget: float) -> dict[str, Any]:
    """The same queries on rdflib's in-memory Dataset loaded with the store's quads (N-Quads).

    Parameters are bound by the same textual VALUES injection (`kg.query.bind_params`) and the
    same prefixes are passed, so both engines evaluate the same SPARQL text.
    """
    import io

    import rdflib
    from pyoxigraph import RdfFormat

    from kg.query import bind_params
    from kg.store import open_store
    from kg.vocab import PREFIXES

    signal.signal(signal.SIGALRM, _alarm)
    db = open_store(Path(store), read_only=True)
    workload = _workload(db)
    data = db.dump(format=RdfFormat.N_QUADS)
    del db
    ds = rdflib.Dataset()
    signal.setitimer(signal.ITIMER_REAL, load_budget)
    start = time.perf_counter()
    try:
        ds.parse(io.BytesIO(data), format="nquads")
    except TimeoutError:
        return {"load_timeout_s": load_budget}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    load_s = time.perf_counter() - start
    out = {}
    for q, params in workload:
        text = bind_params(q.text, params)
        out[q.name] = _timed(lambda t=text: len(list(ds.query(t, initNs=PREFIXES))), QUERY_BUDGET_S)
    return {"load_s": load_s, "quads": len(ds), "queries": out}


STEPS = {"extract": step_extract, "build": step_build, "oxigraph": step_oxigraph, "rdflib": step_rdflib}


# ---------------------------------------------------------------------------------------------------
# The run: steps in fresh processes, results in one table.


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Bench:
    """Runs steps in child processes that import a snapshot of the package, and keeps the results."""

    def __init__(self, work: Path) -> None:
        self.work = work
        code = work / "code"
        for name in ("kg", "queries", "ontology"):
            shutil.copytree(ROOT / name, code / name, ignore=shutil.ignore_patterns("__pycache__"))
        self.env = dict(os.environ, PYTHONPATH=str(code), TQDM_DISABLE="1")
        self.results: dict[str, Any] = {"builds": [], "queries": [], "notes": []}

    def step(self, name: str, **kwargs: Any) -> dict[str, Any]:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, __file__, "--step", json.dumps({"name": name, "kwargs": kwargs})],
            env=self.env,
            capture_output=True,
            text=True,
            cwd=self.work,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"step {name} failed:\n{proc.stderr[-3000:]}")
        out = json.loads(proc.stdout.strip().splitlines()[-1])
        log(f"{name} {kwargs.get('workers', '')} done in {time.perf_counter() - start:.1f} s")
        return out

    def facts(self) -> dict[str, Any]:
        probe = "import json, kg.build as b; print(json.dumps(b.extractor_version()))"
        version = subprocess.run([sys.executable, "-c", probe], env=self.env, capture_output=True, text=True)
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "kg", "queries"], capture_output=True, text=True
        ).stdout.strip()
        return {
            "date": datetime.datetime.now().isoformat(timespec="minutes"),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "pyoxigraph": metadata.version("pyoxigraph"),
            "rdflib": metadata.version("rdflib"),
            "code": commit + (" with local changes" if dirty else ""),
            "extractor_version": json.loads(version.stdout or "null"),
        }

    def add_build(self, corpus: str, label: str, result: dict[str, Any], store: Path | None = None) -> None:
        row = dict(result, corpus=corpus, step=label)
        if store is not None:
            row["store_mib"] = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / MiB
        self.results["builds"].append(row)
        for failure in result.get("failed", []):
            log(f"failed: {failure}")

    def store_steps(self, corpus: str, path: Path, store: Path, rdflib_rate: float | None) -> float | None:
        """Build, re-build and query one corpus; returns rdflib's load rate (quads/s) if measured."""
        self.add_build(
            corpus, "build w=1", self.step("build", corpus=str(path), store=str(store), workers=1), store
        )
        built = self.results["builds"][-1]
        again = self.step("build", corpus=str(path), store=str(store), workers=1)
        self.add_build(corpus, "re-build (unchanged)", again)
        if again["built"]:
            self.results["notes"].append(f"{corpus}: the re-build re-extracted {again['built']} articles")
        oxi = self.step("oxigraph", store=str(store))["queries"]
        estimate = built["quads"] / rdflib_rate if rdflib_rate else None
        if estimate and estimate > QUERY_BUDGET_S:
            rdf: dict[str, Any] = {"skipped": f"load estimated at {estimate:.0f} s (> {QUERY_BUDGET_S} s)"}
        else:
            rdf = self.step("rdflib", store=str(store), load_budget=QUERY_BUDGET_S)
            if "load_timeout_s" in rdf:
                rdf = {"skipped": f"load took > {QUERY_BUDGET_S} s"}
        note = rdf.get("skipped") or f"{rdf['quads']:,} quads loaded in {rdf['load_s']:.1f} s"
        self.results["notes"].append(f"{corpus}: rdflib Dataset: {note}")
        for name, o in oxi.items():
            r = rdf.get("queries", {}).get(name)
            self.results["queries"].append({"corpus": corpus, "query": name, "oxigraph": o, "rdflib": r})
            if r and "error" in r:
                self.results["notes"].append(f"{corpus}: {name}: rdflib: {r['error']}")
            if r and "rows" in r and "rows" in o and r["rows"] != o["rows"]:
                self.results["notes"].append(
                    f"{corpus}: {name}: rdflib gave {r['rows']} rows, Oxigraph {o['rows']}"
                )
        return rdf["quads"] / rdf["load_s"] if "load_s" in rdf else rdflib_rate

    def real(self, corpus: Path, limit: int | None) -> float | None:
        """Extraction, builds with 1 and 2 workers, re-build and queries on the real articles."""
        if limit:
            sliced = self.work / f"real-{limit}.jsonl"
            with corpus.open("rb") as src, sliced.open("wb") as dst:
                dst.writelines(itertools.islice(src, limit))
            corpus = sliced
        label = f"real {limit}" if limit else "real 5k"
        ext = self.step("extract", corpus=str(corpus))
        self.add_build(
            label,
            "read (parse, clean, hash)",
            dict(ext, seconds=ext["read_s"], quads=None, failed=[], peak_mib=None),
        )
        self.add_build(label, "extract + map (no store)", ext)
        rate = self.store_steps(label, corpus, self.work / "real-w1", None)
        store = self.work / "real-w2"
        self.add_build(
            label, "build w=2", self.step("build", corpus=str(corpus), store=str(store), workers=2), store
        )
        return rate

    def synthetic(self, scales: list[int], rdflib_rate: float | None) -> None:
        last: tuple[int, float] | None = None
        for n in sorted(scales):
            if last:
                minutes = last[1] * n / last[0] / 60
                log(f"synthetic {n:,}: estimated {minutes:.0f} min (from the {last[0]:,}-article run)")
            start = time.perf_counter()
            path = self.work / f"synth-{n}.jsonl"
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "synth.py"), str(n), str(path)],
                env=self.env,
                check=True,
            )
            rdflib_rate = self.store_steps(
                f"synthetic {n // 1000}k", path, self.work / f"synth-{n}", rdflib_rate
            )
            path.unlink()
            shutil.rmtree(self.work / f"synth-{n}")
            last = (n, time.perf_counter() - start)


def _num(value: Any, fmt: str = "{:,.0f}") -> str:
    return "" if value is None else fmt.format(value)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """Plain aligned text: first column left, the rest right."""
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = []
    for r in [headers, ["-" * w for w in widths], *rows]:
        lines.append(
            "  ".join(
                c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
    return "\n".join(line.rstrip() for line in lines)


def report(results: dict[str, Any]) -> str:
    """The results as plain text: machine facts, builds, query latency, notes."""
    m = results["machine"]
    out = [
        f"coop-kg benchmarks, {m['date']}: {m['cpus']} CPUs, {m['platform']}",
        f"Python {m['python']}, pyoxigraph {m['pyoxigraph']}, rdflib {m['rdflib']}; "
        f"code {m['code']}, extractor {m['extractor_version']}",
        "",
    ]
    rows = []
    for b in results["builds"]:
        rate = b["articles"] / b["seconds"] if b["seconds"] else None
        peak = _num(b.get("peak_mib"))
        if b.get("peak_children_mib") and "w=2" in b["step"]:
            peak += f" +{b['peak_children_mib']:,.0f}/worker"
        extra = f"skipped {b['skipped']:,}" if b.get("skipped") else ""
        extra += f" failed {len(b['failed'])}" if b.get("failed") else ""
        rows.append(
            [
                b["corpus"],
                b["step"],
                _num(b["articles"]),
                _num(b["seconds"], "{:,.1f}"),
                _num(rate),
                peak,
                _num(b.get("store_mib"), "{:,.1f}"),
                _num(b.get("quads")),
                extra.strip(),
            ]
        )
    heads = ["corpus", "step", "articles", "seconds", "art/s", "peak MiB", "store MiB", "quads", ""]
    out += [_table(heads, rows), ""]
    rows = []
    for q in results["queries"]:
        o, r = q["oxigraph"], q["rdflib"] or {}

        def cell(x: dict[str, Any], key: str) -> str:
            if "error" in x:
                return "error"
            return f">{x['timeout_s']:.0f} s" if "timeout_s" in x else _num(x.get(key), "{:,.1f}")

        ratio = r["median_ms"] / o["median_ms"] if "median_ms" in r and "median_ms" in o else None
        rows.append(
            [
                q["corpus"],
                q["query"],
                _num(o.get("rows")),
                cell(o, "median_ms"),
                cell(o, "p95_ms"),
                cell(r, "median_ms"),
                cell(r, "p95_ms"),
                _num(ratio, "{:,.0f}x"),
            ]
        )
    heads = ["corpus", "query (ms)", "rows", "oxigraph med", "p95", "rdflib med", "p95", "rdflib/oxi"]
    out += [_table(heads, rows), ""]
    out += [f"note: {n}" for n in results["notes"]]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure coop-kg's speed, store size and memory.")
    parser.add_argument("--quick", action="store_true", help="1k synthetic and 500 real articles (~3 min)")
    parser.add_argument(
        "--scales", help="synthetic corpus sizes, e.g. 1000,10000,100000 (default 1000,10000)"
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the real corpus (JSON Lines)")
    parser.add_argument("--out", type=Path, help="also write the results as JSON")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        spec = json.loads(args.step)
        print(json.dumps(dict(STEPS[spec["name"]](**spec["kwargs"]), **_peak())))
        return
    scales = (
        [int(s) for s in args.scales.split(",")] if args.scales else [1000] if args.quick else [1000, 10000]
    )
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        bench = Bench(Path(tmp))
        bench.results["machine"] = bench.facts()
        rate = None
        if args.corpus.is_file():
            rate = bench.real(args.corpus, 500 if args.quick else None)
        else:
            bench.results["notes"].append(f"{args.corpus} is absent: the real-corpus rows are skipped")
        bench.synthetic(scales, rate)
    text = report(bench.results)
    print(text)
    if args.out:
        args.out.write_text(json.dumps(bench.results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
