"""Measured speed of coop-kg: extraction, build, re-build, store size, peak memory, query latency.

    python bench/run.py [--quick] [--scales 1000,10000,100000] [--out results.json]

Every measured step runs in a fresh Python process (this script with ``--step``), so the peak
memory printed is that step's own and no cache warmed by one step speeds up the next. The
package (and this suite) is copied to a scratch folder first and every step runs that copy, so
all figures of a long run belong to one version of the code even while its files are edited.
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
BUDGET_S = 60  # a query (or rdflib load) slower than this is cut off and reported as such
REPEAT_S = 10  # a query is repeated up to 20 times, as many as fit in this
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
    from kg.extraction.pipeline import extract
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
    """One `Graph.build` call, as ``kg build`` makes it."""
    from kg.api import Graph

    start = time.perf_counter()
    report = Graph(store).build([Path(corpus)], workers=workers)
    seconds = time.perf_counter() - start
    return {
        "articles": report.read,
        "seconds": seconds,
        "built": report.built,
        "skipped": report.skipped,
        "failed": [str(f) for f in report.failed],
        "quads": report.triples,
    }


class Cut(BaseException):
    """Raised by SIGALRM when an rdflib run exceeds its budget (a BaseException, so that no
    library's ``except Exception`` swallows it)."""


def _alarm(signum: int, frame: Any) -> None:
    raise Cut


def _timed(run: Any, budget: float, repeat: float) -> dict[str, Any]:
    """Median and 95th percentile of up to 20 runs, fewer for slow queries (as many as fit in
    ``repeat`` seconds). ``run()`` returns the number of rows. A run longer than ``budget``
    seconds (0: no limit) is cut off by SIGALRM, which interrupts pure-Python evaluation only.
    """

    def once() -> tuple[float, int]:
        signal.setitimer(signal.ITIMER_REAL, budget)
        start = time.perf_counter()
        try:
            rows = run()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return time.perf_counter() - start, rows

    signal.signal(signal.SIGALRM, _alarm)
    try:
        first, rows = once()
        times = [first] + [once()[0] for _ in range(min(19, int(repeat / max(first, 1e-6))))]
    except Cut:
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


def step_oxigraph(store: str, query: str, repeat: float) -> dict[str, Any]:
    """Latency of one named query on the on-disk Oxigraph store, through `kg.query.run`.

    One query per process: Oxigraph evaluates in Rust, where no signal reaches it, so a
    query over budget is stopped by killing its process.
    """
    from kg.query import run
    from kg.store import open_store

    db = open_store(Path(store), read_only=True)
    q, params = next((q, p) for q, p in _workload(db) if q.name == query)
    return dict(_timed(lambda: sum(1 for _ in run(db, q, params)), 0, repeat), params=params)


def step_rdflib(store: str, budget: float, repeat: float) -> dict[str, Any]:
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

    db = open_store(Path(store), read_only=True)
    workload = _workload(db)
    data = db.dump(format=RdfFormat.N_QUADS)
    del db
    ds = rdflib.Dataset()
    load = _timed(lambda: len(ds.parse(io.BytesIO(data), format="nquads")), budget, 0)
    if "median_ms" not in load:
        return {"load": load}
    out = {}
    for q, params in workload:
        text = bind_params(q.text, params)
        out[q.name] = _timed(lambda t=text: len(list(ds.query(t, initNs=PREFIXES))), budget, repeat)
    return {"load_s": load["median_ms"] / 1000, "quads": data.count(b"\n"), "queries": out}


STEPS = {"extract": step_extract, "build": step_build, "oxigraph": step_oxigraph, "rdflib": step_rdflib}


# ---------------------------------------------------------------------------------------------------
# The run: steps in fresh processes, results in one table.


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Bench:
    """Runs steps in child processes that import a snapshot of the package, and keeps the results."""

    def __init__(self, work: Path, budget: float, repeat: float) -> None:
        self.work, self.budget, self.repeat = work, budget, repeat
        self.code = work / "code"
        for name in ("kg", "queries", "ontology", "bench"):
            shutil.copytree(ROOT / name, self.code / name, ignore=shutil.ignore_patterns("__pycache__"))
        self.env = dict(os.environ, PYTHONPATH=str(self.code), TQDM_DISABLE="1")
        self.rdflib_rate: float | None = None  # quads/s, to skip loads that would exceed the budget
        self.results: dict[str, Any] = {"builds": [], "queries": [], "notes": []}

    def step(self, name: str, timeout: float | None = None, **kwargs: Any) -> dict[str, Any]:
        """Run one step in a fresh process; ``{"timeout_s": ...}`` if it outlives ``timeout``."""
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                [
                    sys.executable,
                    str(self.code / "bench" / "run.py"),
                    "--step",
                    json.dumps({"name": name, "kwargs": kwargs}),
                ],
                env=self.env,
                capture_output=True,
                text=True,
                cwd=self.work,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            log(f"{name} {kwargs.get('query', '')} cut off after {timeout:.0f} s")
            return {"timeout_s": self.budget}
        if proc.returncode != 0:
            raise RuntimeError(f"step {name} failed:\n{proc.stderr[-3000:]}")
        log(f"{name} {kwargs.get('query', '')} done in {time.perf_counter() - start:.1f} s")
        return json.loads(proc.stdout.strip().splitlines()[-1])

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

    def build(self, corpus: str, label: str, path: Path, store: Path, workers: int = 1) -> dict[str, Any]:
        result = self.step("build", corpus=str(path), store=str(store), workers=workers)
        self.add_row(corpus, label, result, store)
        return result

    def add_row(self, corpus: str, label: str, result: dict[str, Any], store: Path | None = None) -> None:
        row = dict(result, corpus=corpus, step=label)
        if store is not None:
            row["store_mib"] = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / MiB
        self.results["builds"].append(row)
        for failure in result.get("failed", []):
            log(f"failed: {failure}")

    def store_steps(self, corpus: str, path: Path, store: Path, compare: bool = True) -> None:
        """Build, re-build and query one corpus, on Oxigraph and (if ``compare``) on rdflib."""
        built = self.build(corpus, "build w=1", path, store)
        again = self.step("build", corpus=str(path), store=str(store), workers=1)
        self.add_row(corpus, "re-build (unchanged)", again, store)
        if again["built"]:
            self.results["notes"].append(f"{corpus}: the re-build re-extracted {again['built']} articles")
        names = sorted(p.stem for p in (self.code / "queries").glob("*.rq"))
        limit = self.budget + self.repeat + 30  # + starting Python and opening the store
        oxi = {n: self.step("oxigraph", limit, store=str(store), query=n, repeat=self.repeat) for n in names}
        rdf = self.compare(corpus, store, built["quads"]) if compare else {}
        for name, o in oxi.items():
            r = rdf.get(name)
            self.results["queries"].append({"corpus": corpus, "query": name, "oxigraph": o, "rdflib": r})
            if r and "error" in r:
                self.results["notes"].append(f"{corpus}: {name}: rdflib: {r['error']}")
            if r and "rows" in r and "rows" in o and r["rows"] != o["rows"]:
                self.results["notes"].append(
                    f"{corpus}: {name}: rdflib {r['rows']} rows, Oxigraph {o['rows']}"
                )

    def compare(self, corpus: str, store: Path, quads: int) -> dict[str, Any]:
        """rdflib's latencies by query, unless loading the store would take longer than the budget."""
        estimate = quads / self.rdflib_rate if self.rdflib_rate else 0
        if estimate > self.budget:
            note = (
                f"not measured: loading {quads:,} quads would take ~{estimate:.0f} s (> {self.budget:.0f} s)"
            )
            self.results["notes"].append(f"{corpus}: rdflib {note}")
            return {}
        rdf = self.step("rdflib", store=str(store), budget=self.budget, repeat=self.repeat)
        if "load_s" not in rdf:
            self.results["notes"].append(f"{corpus}: rdflib not measured: loading took > {self.budget:.0f} s")
            return {}
        self.rdflib_rate = rdf["quads"] / rdf["load_s"]
        note = f"{rdf['quads']:,} quads loaded in {rdf['load_s']:.1f} s, peak {rdf['peak_mib']:,.0f} MiB"
        self.results["notes"].append(f"{corpus}: rdflib Dataset: {note}")
        return rdf["queries"]

    def real(self, corpus: Path, limit: int | None) -> None:
        """Extraction, builds with 1 and 2 workers, re-build and queries on the real articles."""
        if limit:
            sliced = self.work / f"real-{limit}.jsonl"
            with corpus.open("rb") as src, sliced.open("wb") as dst:
                dst.writelines(itertools.islice(src, limit))
            corpus = sliced
        label = f"real {limit}" if limit else "real 5k"
        ext = self.step("extract", corpus=str(corpus))
        self.add_row(
            label,
            "read (parse, clean, hash)",
            dict(ext, seconds=ext["read_s"], quads=None, failed=[], peak_mib=None),
        )
        self.add_row(label, "extract + map (no store)", ext)
        self.store_steps(label, corpus, self.work / "real-w1", compare=not limit)
        if limit:
            self.results["notes"].append(f"{label}: rdflib is compared on the synthetic corpus only")
        self.build(label, "build w=2", corpus, self.work / "real-w2", workers=2)

    def synthetic(self, scales: list[int]) -> None:
        for n in sorted(scales):
            self.estimate(n)
            path = self.work / f"synth-{n}.jsonl"
            subprocess.run(
                [sys.executable, str(self.code / "bench" / "synth.py"), str(n), str(path)],
                env=self.env,
                check=True,
            )
            self.store_steps(f"synthetic {n // 1000}k", path, self.work / f"synth-{n}")
            path.unlink()
            shutil.rmtree(self.work / f"synth-{n}")

    def estimate(self, n: int) -> None:
        """Before a large scale: its build time, from the largest corpus built so far."""
        done = [b for b in self.results["builds"] if b["step"] == "build w=1"]
        if not done:
            return
        last = max(done, key=lambda b: (b["corpus"].startswith("synthetic"), b["articles"]))
        again = next(
            b for b in self.results["builds"] if b["corpus"] == last["corpus"] and "re-" in b["step"]
        )
        queries = len(list((self.code / "queries").glob("*.rq")))
        minutes = (last["seconds"] + again["seconds"]) * n / last["articles"] / 60
        log(
            f"synthetic {n:,}: build and re-build estimated at {minutes:.0f} min (from {last['corpus']});"
            f" the queries add at most {queries * (self.budget + self.repeat) / 60:.0f} min"
        )


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
    out += [
        _table(heads, rows),
        "store MiB: after a build it includes RocksDB's write-ahead log, which the store's next opening"
        " (the re-build) folds away.",
        "",
    ]
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
    heads = ["corpus", "query", "rows", "oxigraph med", "p95", "rdflib med", "p95", "rdflib/oxi"]
    out += [
        f"Query latency in ms: median and 95th percentile of up to 20 runs (as many as fit in "
        f"{m['repeat_s']} s); a run over {m['query_budget_s']} s is cut off.",
        _table(heads, rows),
        "",
    ]
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
    budget, repeat = (10, 2) if args.quick else (BUDGET_S, REPEAT_S)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        bench = Bench(Path(tmp), budget, repeat)
        bench.results["machine"] = dict(bench.facts(), query_budget_s=budget, repeat_s=repeat)
        if args.corpus.is_file():
            bench.real(args.corpus, 500 if args.quick else None)
        else:
            bench.results["notes"].append(f"{args.corpus} is absent: the real-corpus rows are skipped")
        bench.synthetic(scales)
    text = report(bench.results)
    print(text)
    if args.out:
        args.out.write_text(json.dumps(bench.results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
