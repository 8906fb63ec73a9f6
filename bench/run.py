"""Measured speed of coop-kg: extraction, build, re-build, store size, peak memory, query latency.

    python bench/run.py [--quick] [--scales 10000,100000] [--out results.json]

Every named query is timed without parameters and with each of its parameters (and the look-up
`figures province=Gia Lai metric=cooperatives from=2020-01-01`), in-process on the embedded
store, over HTTP against `kg serve`, and at 10,000 articles on rdflib's in-memory Dataset too.

Every measured step runs in a fresh Python process (this script with ``--step``), so the peak
memory printed is that step's own and no cache warmed by one step speeds up the next. The
package (and this suite) is copied to a scratch folder first and every step runs that copy, so
all figures of a long run belong to one version of the code even while its files are edited.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import itertools
import json
import math
import os
import platform
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-5k.jsonl"
# A value for each parameter; name= and org= are the most reported person and organisation of
# each store (see `step_workload`).
PARAMS = {
    "province": "Gia Lai",  # a new (2025) name: takes in old Gia Lai and Bình Định
    "metric": "cooperatives",
    "status": "target",
    "measure": "level",
    "from": "2020-01-01",
    "to": "2019-12-31",
    "minConfidence": "0.9",
    "role": "Chủ tịch",
    "kind": "conference",
}
LOOKUPS = [("figures", {"province": "Gia Lai", "metric": "cooperatives", "from": "2020-01-01"})]
BUDGET_S = 30  # a query slower than this is cut off and reported as such
RDFLIB_BUDGET_S = 15  # the same for each query on rdflib
RDFLIB_LOAD_S = 300  # loading the store into rdflib may take this long
REPEAT_S = 3  # a query is repeated up to 20 times, as many as fit in this
RDFLIB_SCALE = 10000  # the synthetic corpus rdflib is measured on
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


def _top(store: Any, pattern: str) -> str | None:
    from kg.vocab import PREFIXES

    rows = store.query(
        f"SELECT ?label (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }} GROUP BY ?label ORDER BY DESC(?n) LIMIT 1",
        prefixes=PREFIXES,
    )
    return next((r["label"].value for r in rows), None)


def step_workload(store: str) -> dict[str, Any]:
    """The cases to time on a store: every named query without parameters (with its required ones
    only), then with each optional parameter alone, then the look-ups of `LOOKUPS`."""
    from kg.query import named_queries
    from kg.store import open_store

    db = open_store(Path(store), read_only=True)
    values = dict(
        PARAMS,
        name=_top(db, "?m org:member ?p . ?p schema:name ?label") or "Huỳnh Bài",
        org=_top(db, "?m org:organization ?o . ?o skos:prefLabel ?label") or "Liên minh HTX Việt Nam",
    )
    cases = []
    for q in named_queries().values():
        required = {p: values[p] for p, needed, _ in q.params if needed}
        cases.append({"query": q.name, "params": required})
        for p, needed, _ in q.params:
            if not needed:
                cases.append({"query": q.name, "params": dict(required, **{p: values[p]})})
    cases += [{"query": name, "params": params} for name, params in LOOKUPS]
    return {"cases": cases}


def _case(store: Any, query: str, params: dict[str, str]) -> Any:
    """A function that runs one case through `kg.query.run`, as ``kg query`` does, and counts rows."""
    import warnings

    from kg.query import resolve, run

    q = resolve(query)

    def once() -> int:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a name matching several people is expected here
            return sum(1 for _ in run(store, q, params))

    return once


def step_oxigraph(store: str, query: str, params: dict[str, str], repeat: float) -> dict[str, Any]:
    """Latency of one case on the on-disk Oxigraph store, through `kg.query.run` (parameters
    resolved to the store's IRIs included).

    One case per process: Oxigraph evaluates in Rust, where no signal reaches it, so a query
    over budget is stopped by killing its process.
    """
    from kg.store import open_store

    return _timed(_case(open_store(Path(store), read_only=True), query, params), 0, repeat)


def step_http(url: str, query: str, params: dict[str, str], repeat: float) -> dict[str, Any]:
    """The same case against `kg serve` over HTTP (SPARQL 1.1 protocol, JSON results), as
    ``kg query --store http://...`` runs it: names resolved by queries to the server too."""
    from kg.store import open_store

    return _timed(_case(open_store(url), query, params), 0, repeat)


def step_rdflib(
    store: str, cases: list[dict[str, Any]], budget: float, load_budget: float, repeat: float
) -> dict[str, Any]:
    """The same cases on rdflib's in-memory Dataset loaded with the store's quads (N-Quads).

    Each case's text is prepared against the Oxigraph store (`kg.query.prepare`: parameters
    resolved and bound), and the same prefixes are passed, so both engines evaluate the same
    SPARQL text.
    """
    import io

    import rdflib
    from pyoxigraph import RdfFormat

    from kg.query import prepare, resolve
    from kg.store import open_store
    from kg.vocab import PREFIXES

    db = open_store(Path(store), read_only=True)
    texts = [prepare(db, resolve(c["query"]), c["params"]) for c in cases]
    data = db.dump(format=RdfFormat.N_QUADS)
    del db
    ds = rdflib.Dataset()
    load = _timed(lambda: len(ds.parse(io.BytesIO(data), format="nquads")), load_budget, 0)
    if "median_ms" not in load:
        return {"load": load}
    out = [_timed(lambda t=text: len(list(ds.query(t, initNs=PREFIXES))), budget, repeat) for text in texts]
    return {"load_s": load["median_ms"] / 1000, "quads": data.count(b"\n"), "cases": out}


def step_startup(store: str, runs: int = 21) -> dict[str, Any]:
    """A trivial ``kg query`` end to end in a fresh interpreter, as a user starts it."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kg", "query", "SELECT (1 AS ?x) WHERE {}", "--store", store],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    bare = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
    return {"median_ms": statistics.median(times) * 1000, "python_ms": statistics.median(bare) * 1000}


def step_shards(corpus: str, out: str, store: str, url: str) -> dict[str, Any]:
    """``kg extract`` into shards with 2 workers (their bytes per article), then ``kg load`` of
    the shards into an embedded store and into a writable Oxigraph server (articles per second)."""
    from kg.shards import extract, load

    start = time.perf_counter()
    report = extract([corpus], Path(out), workers=2)
    extract_s = time.perf_counter() - start
    shard_bytes = sum(f.stat().st_size for f in Path(out).glob("*.nq"))
    start = time.perf_counter()
    local = load(Path(out), store)
    local_s = time.perf_counter() - start
    start = time.perf_counter()
    loaded = load(Path(out), url)
    return {
        "articles": report.articles,
        "extract_s": extract_s,
        "shard_bytes": shard_bytes,
        "local_load_s": local_s,
        "local_loaded": local.loaded,
        "load_s": time.perf_counter() - start,
        "loaded": loaded.loaded,
        "quads": loaded.quads,
    }


STEPS = {
    "extract": step_extract,
    "build": step_build,
    "workload": step_workload,
    "oxigraph": step_oxigraph,
    "http": step_http,
    "rdflib": step_rdflib,
    "startup": step_startup,
    "shards": step_shards,
}


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
        self.rdflib_corpus = ""  # the synthetic corpus rdflib is measured on (see `synthetic`)
        self.results: dict[str, Any] = {"builds": [], "queries": [], "notes": [], "startup": {}}

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
            log(f"{name} {_label(kwargs) if 'query' in kwargs else ''} cut off after {timeout:.0f} s")
            return {"timeout_s": self.budget}
        if proc.returncode != 0:
            raise RuntimeError(f"step {name} failed:\n{proc.stderr[-3000:]}")
        what = _label(kwargs) if "query" in kwargs else ""
        log(f"{name} {what} done in {time.perf_counter() - start:.1f} s")
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
        """One build step, as a row of the builds table."""
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

    def store_steps(self, corpus: str, path: Path, store: Path, workers: int = 1) -> None:
        """Build, re-build and query one corpus: in-process, over HTTP, and (at `RDFLIB_SCALE`
        synthetic articles) on rdflib."""
        built = self.build(corpus, f"build w={workers}", path, store, workers)
        again = self.step("build", corpus=str(path), store=str(store), workers=1)
        self.add_row(corpus, "re-build (unchanged)", again, store)
        if again["built"]:
            self.results["notes"].append(f"{corpus}: the re-build re-extracted {again['built']} articles")
        cases = self.step("workload", store=str(store))["cases"]
        limit = self.budget + self.repeat + 30  # + starting Python and opening the store
        oxi = [self.step("oxigraph", limit, store=str(store), repeat=self.repeat, **c) for c in cases]
        with self.server(store) as url:  # a case cut off in-process is not tried again over HTTP
            http = [
                {"timeout_s": self.budget}
                if "timeout_s" in o
                else self.step("http", limit, url=url, repeat=self.repeat, **c)
                for c, o in zip(cases, oxi, strict=True)
            ]
        tops = {k: v for c in cases for k, v in c["params"].items() if k in ("name", "org")}
        self.results["notes"].append(
            f"{corpus}: the top person and organisation are {tops.get('name')!r}, {tops.get('org')!r}"
        )
        rdf = self.compare(corpus, store, cases) if corpus == self.rdflib_corpus else []
        for i, case in enumerate(cases):
            r = rdf[i] if rdf else None
            row = {"corpus": corpus, **case, "oxigraph": oxi[i], "http": http[i], "rdflib": r}
            self.results["queries"].append(row)
            label = _label(case)
            if r and "error" in r:
                self.results["notes"].append(f"{corpus}: {label}: rdflib: {r['error'][:200]}")
            for other, result in (("rdflib", r), ("HTTP", http[i])):
                if result and "rows" in result and "rows" in oxi[i] and result["rows"] != oxi[i]["rows"]:
                    self.results["notes"].append(
                        f"{corpus}: {label}: {other} {result['rows']} rows, in-process {oxi[i]['rows']}"
                    )
        self.results["startup"].setdefault(corpus, self.step("startup", store=str(store)))
        del built

    @contextlib.contextmanager
    def server(self, store: Path, writable: bool = False):
        """``kg serve`` on the store, on a free loopback port, for as long as the block runs."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port)]
        command += ["--timeout", str(int(self.budget))] + (["--writable"] if writable else [])
        proc = subprocess.Popen(
            command, env=self.env, cwd=self.work, stderr=subprocess.DEVNULL, start_new_session=True
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(url + "/", timeout=1)
                    break
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.1)
            yield url
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)

    def compare(self, corpus: str, store: Path, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """rdflib's latencies, case by case, in one process that loads the store once."""
        budget = RDFLIB_BUDGET_S if self.budget >= BUDGET_S else self.budget
        timeout = RDFLIB_LOAD_S + len(cases) * (budget + self.repeat) + 120
        rdf = self.step(
            "rdflib",
            timeout,
            store=str(store),
            cases=cases,
            budget=budget,
            load_budget=RDFLIB_LOAD_S,
            repeat=self.repeat,
        )
        if "load_s" not in rdf:
            self.results["notes"].append(f"{corpus}: rdflib not measured: loading took > {RDFLIB_LOAD_S} s")
            return []
        note = f"{rdf['quads']:,} quads loaded in {rdf['load_s']:.1f} s, peak {rdf['peak_mib']:,.0f} MiB"
        self.results["notes"].append(
            f"{corpus}: rdflib Dataset: {note}; a query over {budget:.0f} s is cut off"
        )
        return rdf["cases"]

    def real(self, corpus: Path, limit: int | None) -> None:
        """Extraction, build and re-build, queries, and shards on the real articles."""
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
        self.store_steps(label, corpus, self.work / "real-w1")
        shutil.rmtree(self.work / "real-w1")
        served = self.work / "real-served"
        subprocess.run(
            [sys.executable, "-c", f"import pyoxigraph; pyoxigraph.Store({str(served)!r})"], check=True
        )
        with self.server(served, writable=True) as url:
            shards = self.step(
                "shards",
                corpus=str(corpus),
                out=str(self.work / "shards"),
                store=str(self.work / "loaded"),
                url=url,
            )
        self.results["shards"] = dict(shards, corpus=label)
        shutil.rmtree(self.work / "shards")
        shutil.rmtree(self.work / "loaded")
        shutil.rmtree(served)

    def synthetic(self, scales: list[int]) -> None:
        within = [n for n in scales if n <= RDFLIB_SCALE]
        self.rdflib_corpus = f"synthetic {max(within) // 1000}k" if within else ""
        for n in sorted(scales):
            self.estimate(n)
            path = self.work / f"synth-{n}.jsonl"
            subprocess.run(
                [sys.executable, str(self.code / "bench" / "synth.py"), str(n), str(path)],
                env=self.env,
                check=True,
            )
            # two extraction processes beside the writer: the 100k build takes half the time
            self.store_steps(f"synthetic {n // 1000}k", path, self.work / f"synth-{n}", workers=2)
            path.unlink()
            shutil.rmtree(self.work / f"synth-{n}")

    def estimate(self, n: int) -> None:
        """Before a large scale: its build time, from the largest corpus built so far."""
        done = [b for b in self.results["builds"] if b["step"].startswith("build")]
        if not done:
            return
        last = max(done, key=lambda b: (b["corpus"].startswith("synthetic"), b["articles"]))
        again = next(
            b for b in self.results["builds"] if b["corpus"] == last["corpus"] and "re-" in b["step"]
        )
        minutes = (last["seconds"] + again["seconds"]) * n / last["articles"] / 60
        queries = sum(1 for q in self.results["queries"] if q["corpus"] == last["corpus"])
        log(
            f"synthetic {n:,}: build and re-build estimated at {minutes:.0f} min (from {last['corpus']});"
            f" {queries} query cases add at most {2 * queries * (self.budget + self.repeat) / 60:.0f} min"
        )


def _label(case: dict[str, Any]) -> str:
    """A case as a row of the table; the person and organisation differ by store, so they are
    named by what they are (the notes give them)."""
    shown = {"name": "‹top person›", "org": "‹top organisation›"}
    return " ".join([case["query"], *(f"{k}={shown.get(k, v)}" for k, v in case["params"].items())])


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


def _ms(x: dict[str, Any] | None, budget: float) -> str:
    """A median in ms, or why there is none."""
    if not x:
        return ""
    if "error" in x:
        return "error"
    if "timeout_s" in x:
        return f">{x['timeout_s']:.0f} s"
    return _num(x.get("median_ms"), "{:,.1f}" if x.get("median_ms", 0) < 100 else "{:,.0f}")


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
        per_article = b["store_mib"] * 1024 / b["articles"] if b.get("store_mib") and b["articles"] else None
        rows.append(
            [
                b["corpus"],
                b["step"],
                _num(b["articles"]),
                _num(b["seconds"], "{:,.1f}"),
                _num(rate),
                peak,
                _num(b.get("store_mib"), "{:,.1f}"),
                _num(per_article, "{:,.1f}"),
                _num(b.get("quads")),
                extra.strip(),
            ]
        )
    heads = [
        "corpus",
        "step",
        "articles",
        "seconds",
        "art/s",
        "peak MiB",
        "store MiB",
        "KiB/art",
        "quads",
        "",
    ]
    out += [
        _table(heads, rows),
        "store MiB: after a build it includes RocksDB's write-ahead log, which the store's next opening"
        " (the re-build) folds away.",
        "",
    ]
    corpora = list(dict.fromkeys(q["corpus"] for q in results["queries"]))
    cases = list(dict.fromkeys(_label(q) for q in results["queries"]))
    by = {(q["corpus"], _label(q)): q for q in results["queries"]}
    heads = ["query"]
    for c in corpora:
        heads += [f"{c} rows", "ms", "HTTP ms"]
        if any(by.get((c, k), {}).get("rdflib") for k in cases):
            heads += ["rdflib ms", "rdflib/oxi"]
    rows = []
    for k in cases:
        row = [k]
        for c in corpora:
            q = by.get((c, k))
            o, h, r = (q or {}).get("oxigraph") or {}, (q or {}).get("http"), (q or {}).get("rdflib")
            row += [_num(o.get("rows")), _ms(o, m["query_budget_s"]), _ms(h, m["query_budget_s"])]
            if any(by.get((c, x), {}).get("rdflib") for x in cases):
                ratio = None
                if r and "median_ms" in o:
                    rt = r.get("median_ms") or (r.get("timeout_s", 0) * 1000 or None)
                    ratio = rt / o["median_ms"] if rt else None
                mark = ">" if r and "timeout_s" in r else ""
                row += [_ms(r, m["query_budget_s"]), mark + _num(ratio, "{:,.0f}x") if ratio else ""]
        rows.append(row)
    out += [
        f"Query latency, median ms of up to 20 runs (as many as fit in {m['repeat_s']} s), parameters resolved"
        f" included; in-process (kg.query.run on the store), over HTTP (kg serve, JSON results), and on"
        f" rdflib's in-memory Dataset; a run over {m['query_budget_s']} s is cut off.",
        _table(heads, rows),
        "",
    ]
    for corpus, st in results.get("startup", {}).items():
        out.append(
            f"start-up: a trivial kg query end to end on the {corpus} store: median {st['median_ms']:.0f} ms"
            f" of 21 (the interpreter alone: {st['python_ms']:.0f} ms)"
        )
    sh = results.get("shards")
    if sh:
        out.append(
            f"shards ({sh['corpus']}): kg extract with 2 workers {sh['articles'] / sh['extract_s']:.0f} art/s,"
            f" {sh['shard_bytes'] / sh['articles'] / 1024:.1f} KiB of N-Quads per article; kg load into an"
            f" embedded store {sh['local_loaded'] / sh['local_load_s']:.0f} art/s, into the Oxigraph server"
            f" over HTTP {sh['loaded'] / sh['load_s']:.0f} art/s ({sh['quads']:,} quads)"
        )
    out += [f"note: {n}" for n in results["notes"]]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure coop-kg's speed, store size and memory.")
    parser.add_argument("--quick", action="store_true", help="1k synthetic and 500 real articles (~5 min)")
    parser.add_argument("--scales", help="synthetic corpus sizes, e.g. 10000,100000 (default 10000)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the real corpus (JSON Lines)")
    parser.add_argument("--out", type=Path, help="also write the results as JSON")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        spec = json.loads(args.step)
        print(json.dumps(dict(STEPS[spec["name"]](**spec["kwargs"]), **_peak())))
        return
    scales = [int(s) for s in args.scales.split(",")] if args.scales else [1000] if args.quick else [10000]
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
