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
from kg.safe import terminal, terminal_line
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
            raise click.ClickException(terminal_line(str(e))) from None

    return wrapper


def _echo(text: str, err: bool = False) -> None:
    """Print data: on a terminal, without the control characters that would drive it."""
    stream = sys.stderr if err else sys.stdout
    click.echo(terminal(text) if stream.isatty() else text, err=err)


force_option = click.option("--force", is_flag=True, help="Replace the output file if it exists.")
follow_links_option = click.option(
    "--follow-links", is_flag=True, help="Follow symbolic links in folders to files outside them."
)
allow_service_option = click.option(
    "--allow-service",
    is_flag=True,
    help="Run SERVICE (federated) clauses, which send requests to other servers.",
)


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
@follow_links_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@_errors
def build(
    paths: tuple[Path, ...], store_path: Path, workers: int, force: bool, follow_links: bool, quiet: bool
) -> None:
    """Read articles, extract facts and write them to the store.

    PATHS are files (.txt pages, .html pages, .jsonl with one article a line) or folders
    of them. Each article becomes one named graph, replaced as a whole when the article
    changes and skipped when it has not. Unreadable files and bad records are reported with
    their file and line and skipped; so is what a folder holds but is not read (a link to a
    file outside it, a broken link, a folder that cannot be read).

    \b
    Example:
        kg build seeds/ --store kg-store
        kg build corpus.jsonl --workers 2
    """
    from kg.api import Graph

    with _progress_bar("building", quiet) as progress:
        report = Graph(store_path).build(
            paths, workers=workers, progress=progress, force=force, follow_links=follow_links
        )
    for failure in report.failed:
        click.echo(f"failed: {terminal_line(str(failure))}", err=True)
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
@click.option(
    "--limit", type=click.IntRange(0), metavar="N", help="At most N rows (one page, in the query's order)."
)
@click.option("--offset", type=click.IntRange(0), metavar="N", help="Skip the first N rows.")
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters, and exit.")
@allow_service_option
@_errors
def query(
    query_text: str | None,
    store_path: Path,
    fmt: str,
    params: tuple[str, ...],
    limit: int | None,
    offset: int | None,
    list_: bool,
    allow_service: bool,
) -> None:
    """Run a SPARQL query: a name from queries/, a .rq file, or inline SPARQL (read-only).

    A named query's parameters are resolved before it runs: a province by any spelling of its
    old or new name, a person, organisation or post by its name (case and tone marks do not
    matter), a metric, status or event kind by its id or label, dates as YYYY[-MM[-DD]].
    A name that matches nothing or several nodes is said so on standard error.

    SERVICE (a federated query) is refused unless --allow-service is given. In csv and tsv,
    a value a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.

    \b
    Example:
        kg query people-roles
        kg query figures --param province="Gia Lai" --param metric=cooperatives --param from=2020
        kg query people-roles --param name="huynh bai" --limit 20 --offset 20
        kg query 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' --format json
    """
    import warnings

    from kg import query as q
    from kg.store import open_store

    if list_:
        for name, nq in q.named_queries().items():
            click.echo(f"{name:<20} {nq.title}")
            for p, required, text in nq.params:
                click.echo(f"    --param {p}=...  ({'required' if required else 'optional'}) {text}")
        return
    if not query_text:
        raise click.UsageError("give a QUERY (or --list to see the named ones)")
    bound = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{p!r} is not NAME=VALUE", param_hint="--param")
        bound[name.strip()] = value
    with warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always")
        result = q.run(
            open_store(store_path, read_only=True),
            q.resolve(query_text),
            bound,
            limit=limit,
            offset=offset,
            allow_service=allow_service,
        )
    for note in notes:
        click.echo(f"note: {terminal_line(str(note.message))}", err=True)
    _echo(q.serialize(result, fmt))


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
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="File to write (default, or -: standard output).",
)
@force_option
@_errors
def export(store_path: Path, fmt: str, article_id: str | None, output: Path | None, force: bool) -> None:
    """Write the graph as Turtle (default), N-Triples, N-Quads or TriG.

    The file is written whole or not at all; an existing file is replaced only with --force,
    and nothing is written inside a store's folder.

    \b
    Example:
        kg export -o graph.ttl
        kg export --article 000_18207d1d6100cecb --format trig
    """
    from kg.api import Graph

    Graph(store_path, read_only=True).export(output or "-", fmt, article=article_id, force=force)


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
        click.echo(terminal_line(v))
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

    click.echo(run_show(open_store(store_path, read_only=True), article_id))  # made safe by kg.show


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
    if as_json:
        _echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        click.echo(terminal(render(result)))


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
@force_option
@allow_service_option
@_errors
def viz(
    focus: str | None,
    store_path: Path,
    output: Path,
    query_text: str | None,
    depth: int,
    limit: int,
    kinds: tuple[str, ...],
    force: bool,
    allow_service: bool,
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
    from kg.api import Graph

    if not focus and not query_text:
        raise click.UsageError("give a FOCUS (a name) or --query")
    picture = Graph(store_path, read_only=True).viz(
        output,
        focus,
        query=query_text,
        depth=depth,
        limit=limit,
        kinds=kinds,
        force=force,
        allow_service=allow_service,
    )
    more = f" ({picture.omitted} more not shown, see --limit)" if picture.omitted else ""
    click.echo(f"wrote {terminal_line(str(output))}: {picture.nodes} nodes, {picture.edges} edges{more}")


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
@force_option
@_errors
def plot(metric: str, province: str, store_path: Path, output: Path, force: bool) -> None:
    """Draw the timeline of one figure in one province: each reported value at the end of its
    period, actual and target apart, each labelled with its article.

    METRIC is a metric of the vocabulary (cooperatives, members, workers, new_cooperatives, ...).

    \b
    Example:
        kg plot cooperatives --province "Đắk Lắk" -o timeline.png
        kg plot members --province "Phú Thọ" -o members.svg
    """
    from kg.api import Graph

    timeline = Graph(store_path, read_only=True).plot(metric, province, output, force=force)
    click.echo(f"wrote {terminal_line(str(output))}: {timeline.points} figures")


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@click.option("--writable", is_flag=True, help="Accept SPARQL updates (read-only by default).")
@click.option(
    "--timeout",
    type=click.FloatRange(1, 86400),
    default=30,
    show_default=True,
    help="Seconds after which a query is stopped.",
)
@allow_service_option
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Another name this server is reached by (the Host header is checked; repeatable).",
)
@_errors
def serve(
    store_path: Path,
    host: str,
    port: int,
    writable: bool,
    timeout: float,
    allow_service: bool,
    allow_hosts: tuple[str, ...],
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint with a query page (the Oxigraph server).

    Read-only unless --writable; SERVICE and LOAD are refused unless --allow-service; a query
    stops after --timeout seconds; requests must name this server in their Host header, and
    updates from another origin (a form on a web page) are refused. Needs the server extra:
    pip install 'coop-kg[server]'. Stop it with Ctrl-C.

    \b
    Example:
        kg serve --store kg-store --port 7878
        curl -H 'Accept: application/sparql-results+json' \\
             --data-urlencode 'query=SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3' http://127.0.0.1:7878/query
    """
    from kg.serve import Settings, warnings
    from kg.serve import serve as run_server

    for warning in warnings(host, writable):
        click.echo(warning, err=True)
    mode = "read-write" if writable else "read-only"
    settings = Settings(Path(store_path), host, port, writable, timeout, allow_service, allow_hosts)
    sys.exit(
        run_server(
            settings,
            ready=lambda url: click.echo(
                f"serving {store_path} ({mode}) at {url} — SPARQL endpoint /query; Ctrl-C stops", err=True
            ),
        )
    )


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
@follow_links_option
@_errors
def extract(
    paths: tuple[str, ...],
    out: Path,
    workers: int,
    engine: str,
    scheduler: str | None,
    retry_failed: bool,
    follow_links: bool,
) -> None:
    """Extract articles into N-Quads shards without a store, for loading anywhere later.

    One shard per partition (a file, or a block of 1,000 JSON Lines records) and a manifest
    (manifest.jsonl: article, content hash, shard, quads, error; each shard's size and digest).
    Partitions already done with the same extractor from the same input (compared by content)
    are skipped, so the command can be re-run or resumed.

    \b
    Example:
        kg extract corpus.jsonl --out shards --workers 2
        kg extract corpus.jsonl --out shards --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from kg.shards import extract as run_extract

    report = run_extract(
        list(paths),
        out,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        retry_failed=retry_failed,
        follow_links=follow_links,
    )
    for failure in report.failed[:50]:
        where = failure.get("source", failure["partition"])
        click.echo("failed: " + terminal_line(f"{where}: {failure['error']}"), err=True)
    if len(report.failed) > 50:
        click.echo(f"failed: ... {len(report.failed) - 50} more (see {out / 'manifest.jsonl'})", err=True)
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

    Every shard is first checked against the manifest (size, digest, the article graphs it
    holds and their quads): if one does not match, nothing is loaded. Each article's graph is
    then replaced in one transaction; articles already stored with the same content and
    extractor are skipped, so loading twice changes nothing.

    \b
    Example:
        kg load shards --store kg-store
        kg load shards --store http://127.0.0.1:7878
    """
    from kg.shards import load as run_load

    report = run_load(shards, store_path)
    for duplicate in report.duplicates:
        click.echo(f"skipped: {terminal_line(duplicate)}", err=True)
    failed = f"; {report.failed} failed at extraction (see kg extract)" if report.failed else ""
    click.echo(
        f"{report.shards} shards: loaded {report.loaded} articles, skipped {report.skipped} (unchanged){failed}; "
        f"the store holds {report.quads} quads"
    )


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
