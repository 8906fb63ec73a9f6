"""The ``kg`` command: each subcommand parses its options, makes one library call, prints.

Library errors (`kg.errors.KgError`) become one ``Error: ...`` line and exit code 1;
``kg --debug ...`` shows the traceback instead.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from pathlib import Path

import click

from kg.errors import KgError
from kg.store import DEFAULT_STORE

store_option = click.option(
    "--store",
    "store_path",
    default=str(DEFAULT_STORE),
    show_default=True,
    help="Folder of the embedded Oxigraph store, or the URL of a SPARQL 1.1 endpoint (http://host:7878).",
)


def _errors(fn):
    """Turn library errors into one clear line, unless --debug asked for the traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KgError as e:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            raise click.ClickException(str(e)) from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="coop-kg")
def cli(debug: bool) -> None:
    """coop-kg: a knowledge graph of Vietnam's cooperative economy, built from news articles.

    Every fact (who holds which post where, which figures were reported, which events took
    place) keeps the article, sentence and character span it came from.

    \b
    Example:
        kg build seeds/ && kg query people-roles
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@store_option
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes that extract in parallel (one writer).",
)
@click.option("--force", is_flag=True, help="Re-extract articles even when unchanged.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@_errors
def build(paths: tuple[Path, ...], store_path: Path, workers: int, force: bool, quiet: bool) -> None:
    """Read articles, extract facts and write them to the store.

    PATHS are files (.txt pages, .html pages, .jsonl with one article a line) or folders
    of them. Each article becomes one named graph, replaced as a whole when the article
    changes and skipped when it has not. Unreadable files are reported and skipped.

    \b
    Example:
        kg build seeds/ --store kg-store
        kg build corpus.jsonl --workers 2
    """
    from kg.api import Graph

    with _progress_bar("building", quiet) as progress:
        report = Graph(store_path).build(paths, workers=workers, progress=progress, force=force)
    for failure in report.failed:
        click.echo(f"failed: {failure}", err=True)
    click.echo(
        f"read {report.read}, built {report.built}, skipped {report.skipped} (unchanged), "
        f"failed {len(report.failed)}; the store at {store_path} holds {report.articles} articles, "
        f"{report.triples} quads"
    )


@contextlib.contextmanager
def _progress_bar(label: str, quiet: bool):
    """A progress callback drawing a bar on the terminal (none when quiet or not a terminal)."""
    from tqdm import tqdm

    bar = tqdm(desc=label, unit=" articles", disable=True if quiet else None, leave=False)

    def update(report) -> None:
        bar.update(report.read - bar.n)

    try:
        yield update
    finally:
        bar.close()


@cli.command()
@click.argument("query_text", metavar="QUERY", required=False)
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="json is the W3C SPARQL 1.1 results format.",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?param_NAME in the query (repeatable).",
)
@click.option("--list", "list_", is_flag=True, help="List the named queries and exit.")
@_errors
def query(query_text: str | None, store_path: Path, fmt: str, params: tuple[str, ...], list_: bool) -> None:
    """Run a SPARQL query: a name from queries/, a .rq file, or inline SPARQL (read-only).

    \b
    Example:
        kg query people-roles
        kg query province-timeline --param province="Đắk Lắk"
        kg query 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' --format json
    """
    from kg import query as q
    from kg.store import open_store

    if list_:
        for name, nq in q.named_queries().items():
            extra = "".join(f" [--param {p}=...{'' if r else ', optional'}]" for p, r, _ in nq.params)
            click.echo(f"{name:<20} {nq.title}{extra}")
        return
    if not query_text:
        raise click.UsageError("give a QUERY (or --list to see the named ones)")
    bound = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{p!r} is not NAME=VALUE", param_hint="--param")
        bound[name.strip()] = value
    result = q.run(open_store(store_path, read_only=True), q.resolve(query_text), bound)
    click.echo(q.serialize(result, fmt))


@cli.command()
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "ntriples", "nquads", "trig"]),
    default="turtle",
    show_default=True,
)
@click.option("--article", "article_id", metavar="ID", help="Only this article's graph.")
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
@_errors
def export(store_path: Path, fmt: str, article_id: str | None, output: Path | None) -> None:
    """Write the graph as Turtle (default), N-Triples, N-Quads or TriG.

    \b
    Example:
        kg export -o graph.ttl
        kg export --article 000_18207d1d6100cecb --format trig
    """
    from kg.export import export as run_export
    from kg.store import open_store

    store = open_store(store_path, read_only=True)
    if output:
        with output.open("wb") as handle:
            run_export(store, handle, fmt, article_id)
    else:
        run_export(store, sys.stdout.buffer, fmt, article_id)
        sys.stdout.flush()


@cli.command()
@store_option
@_errors
def stats(store_path: Path) -> None:
    """Count articles, people, organisations, provinces, events, observations and quads.

    \b
    Example:
        kg stats --store kg-store
    """
    from kg.stats import stats as run_stats
    from kg.store import open_store

    for name, value in run_stats(open_store(store_path, read_only=True)).items():
        click.echo(f"{name:<15} {value:>10,}")


@cli.command()
@store_option
@click.option("--limit", default=20, show_default=True, help="Violations to print at most.")
@_errors
def validate(store_path: Path, limit: int) -> None:
    """Check the store against the SHACL shapes of ontology/shapes.ttl.

    \b
    Example:
        kg validate --store kg-store
    """
    from kg.store import open_store
    from kg.validate import validate as run_validate

    violations = run_validate(open_store(store_path, read_only=True))
    for v in violations[:limit]:
        click.echo(v)
    if violations:
        raise click.ClickException(f"{len(violations)} SHACL violation(s)")
    click.echo("valid: the store conforms to the shapes")


@cli.command()
@click.argument("article_id")
@store_option
@_errors
def show(article_id: str, store_path: Path) -> None:
    """Show one article's metadata and every fact taken from it, each with its sentence.

    \b
    Example:
        kg show 000_18207d1d6100cecb
    """
    from kg.show import show as run_show
    from kg.store import open_store

    click.echo(run_show(open_store(store_path, read_only=True), article_id))


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@click.option("--json", "as_json", is_flag=True, help="Write the scores, misses and false facts as JSON.")
@click.option("--articles", help="Comma-separated article ids to score (default: all in GOLD).")
@_errors
def eval_(gold: Path, store_path: Path, as_json: bool, articles: str | None) -> None:
    """Score the store against gold annotations: precision, recall and F1 per kind of fact.

    \b
    Example:
        kg eval tests/gold/seeds.json --store kg-store
    """
    from kg.evaluate import evaluate, render
    from kg.store import open_store

    only = set(articles.split(",")) if articles else None
    result = evaluate(open_store(store_path, read_only=True), gold, only)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else render(result))


@cli.command()
@click.argument("focus", required=False)
@store_option
@click.option(
    "--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@click.option(
    "--query", "query_text", metavar="FILE_OR_TEXT", help="Draw a CONSTRUCT, or around a SELECT's IRIs."
)
@click.option("--depth", type=click.IntRange(0, 5), default=2, show_default=True, help="Hops from the focus.")
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=40,
    show_default=True,
    help="Nodes at most (the most connected).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(
        ["person", "organization", "province", "country", "event", "article", "figure", "observation", "role"]
    ),
    help="Only nodes of this kind (repeatable; the focus always stays).",
)
@_errors
def viz(
    focus: str | None,
    store_path: Path,
    output: Path,
    query_text: str | None,
    depth: int,
    limit: int,
    kinds: tuple[str, ...],
) -> None:
    """Draw the graph around a person, organisation, province, event or article.

    FOCUS is a name in any case, with or without tone marks ("huynh bai"); several matches
    are listed to choose from. The file extension picks the output: .png, .svg, .html (an
    interactive page that works offline), .graphml or .gexf (Gephi), .dot (Graphviz).

    \b
    Example:
        kg viz "Huỳnh Bài" -o hb.png
        kg viz "Đắk Lắk" --depth 1 -o dl.html
        kg viz "Liên minh HTX tỉnh Đắk Lắk" --kind person --kind organization -o lm.svg
        kg viz --query my-construct.rq -o graph.gexf
    """
    from kg.store import open_store
    from kg.viz import viz as run_viz

    if not focus and not query_text:
        raise click.UsageError("give a FOCUS (a name) or --query")
    picture = run_viz(open_store(store_path, read_only=True), output, focus, query_text, depth, limit, kinds)
    more = f" ({picture.omitted} more not shown, see --limit)" if picture.omitted else ""
    click.echo(f"wrote {output}: {picture.nodes} nodes, {picture.edges} edges{more}")


@cli.command()
@click.argument("metric")
@click.option("--province", required=True, help="Old or new (2025) name, in any spelling.")
@store_option
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A .png or .svg file.",
)
@_errors
def plot(metric: str, province: str, store_path: Path, output: Path) -> None:
    """Draw the timeline of one figure in one province: each reported value at the end of its
    period, actual and target apart, each labelled with its article.

    METRIC is a metric of the vocabulary (cooperatives, members, workers, new_cooperatives, ...).

    \b
    Example:
        kg plot cooperatives --province "Đắk Lắk" -o timeline.png
        kg plot members --province "Phú Thọ" -o members.svg
    """
    from kg.plot import plot as run_plot
    from kg.store import open_store

    timeline = run_plot(open_store(store_path, read_only=True), metric, province, output)
    click.echo(f"wrote {output}: {timeline.points} figures")


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@click.option("--writable", is_flag=True, help="Accept SPARQL updates (read-only by default).")
@_errors
def serve(store_path: Path, host: str, port: int, writable: bool) -> None:
    """Serve the store as a SPARQL 1.1 endpoint with a query page (the Oxigraph server).

    Needs the server extra: pip install 'coop-kg[server]'. Stop it with Ctrl-C.

    \b
    Example:
        kg serve --store kg-store --port 7878
        curl -H 'Accept: application/sparql-results+json' \\
             --data-urlencode 'query=SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3' http://127.0.0.1:7878/query
    """
    from kg.serve import command
    from kg.serve import serve as run_server

    command(store_path, host, port, writable)  # fail early, with one line, on a missing store or server
    mode = "read-write" if writable else "read-only"
    click.echo(
        f"serving {store_path} ({mode}) at http://{host}:{port}/ — SPARQL endpoint /query; Ctrl-C stops",
        err=True,
    )
    sys.exit(run_server(store_path, host, port, writable))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the N-Quads shards and their manifest.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Processes (or Dask workers).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask runs partitions as Dask tasks (pip install 'coop-kg[cluster]').",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="Join a running Dask cluster instead of starting a local one."
)
@click.option("--retry-failed", is_flag=True, help="Extract again the partitions that failed before.")
@_errors
def extract(
    paths: tuple[str, ...], out: Path, workers: int, engine: str, scheduler: str | None, retry_failed: bool
) -> None:
    """Extract articles into N-Quads shards without a store, for loading anywhere later.

    One shard per partition (a file, or a block of 1,000 JSON Lines records) and a manifest
    (manifest.jsonl: article, content hash, shard, triples, error). Partitions already done
    with the same extractor are skipped, so the command can be re-run or resumed.

    \b
    Example:
        kg extract corpus.jsonl --out shards --workers 2
        kg extract corpus.jsonl --out shards --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from kg.shards import extract as run_extract

    report = run_extract(
        list(paths), out, workers=workers, engine=engine, scheduler=scheduler, retry_failed=retry_failed
    )
    for failure in report.failed[:50]:
        click.echo(f"failed: {failure.get('source', failure['partition'])}: {failure['error']}", err=True)
    click.echo(
        f"{report.partitions} partitions: extracted {report.extracted}, skipped {report.skipped} (unchanged); "
        f"{report.articles} articles in {out}, {len(report.failed)} failed"
    )


@cli.command()
@click.argument("shards", type=click.Path(exists=True, file_okay=False, path_type=Path))
@store_option
@_errors
def load(shards: Path, store_path: str) -> None:
    """Load the shards made by kg extract into the store (a folder or a SPARQL endpoint URL).

    Each article's graph is replaced in one transaction; articles already stored with the
    same content and extractor are skipped, so loading twice changes nothing.

    \b
    Example:
        kg load shards --store kg-store
        kg load shards --store http://127.0.0.1:7878
    """
    from kg.shards import load as run_load

    report = run_load(shards, store_path)
    click.echo(
        f"{report.shards} shards: loaded {report.loaded} articles, skipped {report.skipped} (unchanged); "
        f"the store holds {report.quads} quads"
    )


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
