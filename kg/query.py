"""Running SPARQL against the store: named queries, parameters, read-only, output formats.

A query is a name from ``queries/`` (``people-roles`` runs ``queries/people-roles.rq``), a
path to a ``.rq`` file, or inline SPARQL. ``--param NAME=VALUE`` binds the variable
``?param_NAME`` before evaluation, with a ``VALUES`` clause:

- a parameter the query declares (``# param:`` header lines) of a kind `kg.params` knows
  (``province``, ``name``, ``org``, ``role``, ``metric``, ``status``, ``kind``, ``from``, ``to``)
  is bound to the IRIs or typed literals it means, resolved before the query runs, so the query
  matches bound terms instead of filtering strings;
- any other parameter is bound to a plain literal, normalised like the graph's text (a
  ``province`` to its name as the graph writes it).

A line of a query that begins ``#[NAME]`` is part of the query only when ``--param NAME`` is
given, opened by the ``VALUES`` clause (a parameter that gates no line is bound at the start of
the WHERE group): a named query stays valid SPARQL without its parameters, and with them it
starts from the bound terms. Such a line must begin a pattern (a triple, a FILTER, a group). ``limit`` and ``offset`` page through an answer; named queries order their rows
completely, so pages do not overlap.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, QueryResultsFormat, QuerySolutions, Store

from kg.errors import QueryError
from kg.remote import RemoteStore
from kg.resources import queries_dir
from kg.safe import spreadsheet_cell, terminal_line
from kg.sparql import check_query, words
from kg.vocab import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")
Term = NamedNode | Literal


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    params: tuple[tuple[str, bool, str], ...]
    text: str


def parse_named(name: str, text: str) -> NamedQuery:
    title = ""
    params = []
    for line in text.splitlines():
        m = re.match(r"#\s*title:\s*(.+)", line)
        if m:
            title = m.group(1).strip()
        m = re.match(r"#\s*param:\s*(\w+)\s*(?:\((required|optional)\))?\s*:?\s*(.*)", line)
        if m:
            params.append((m.group(1), m.group(2) == "required", m.group(3).strip()))
    return NamedQuery(name, title, tuple(params), text)


def named_queries() -> dict[str, NamedQuery]:
    """The queries shipped in ``queries/``, by name."""
    out = {}
    for entry in sorted(queries_dir().glob("*.rq")):
        out[entry.stem] = parse_named(entry.stem, entry.read_text(encoding="utf-8"))
    return out


def resolve(query: str) -> NamedQuery:
    """A query name, a path to a ``.rq`` file, or inline SPARQL."""
    queries = named_queries()
    if query in queries:
        return queries[query]
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 300 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise QueryError(f"no such query file: {query}")
        try:
            return parse_named(str(path), path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as e:
            raise QueryError(
                f"{query}: cannot read the query ({getattr(e, 'strerror', None) or e})"
            ) from None
    if re.fullmatch(r"[\w-]+", query):
        raise QueryError(f"no query named {query!r}; kg query --list shows the named queries")
    return NamedQuery("inline", "", (), query.lstrip("\ufeff"))


_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
_GATED = re.compile(r"^([ \t]*)#\[(\w+)\][ \t]?", re.M)


def bindings(store: Store, q: NamedQuery, params: Mapping[str, str]) -> dict[str, tuple[Term, ...]]:
    """Each parameter's value as the terms it binds (see the module docstring)."""
    if not params:
        return {}
    from kg import params as kinds

    declared = {p for p, _, _ in q.params}
    out: dict[str, tuple[Term, ...]] = {}
    for name, value in params.items():
        if name in declared and name in kinds.KINDS:
            out[name] = kinds.resolve(store, name, value).terms
        else:
            out[name] = (kinds.literal(name, value),)
    return out


def bind_params(text: str, values: Mapping[str, Sequence[Term] | str]) -> str:
    """The query with its ``#[NAME]`` lines for the given parameters switched on, each opened by a
    VALUES clause binding ``?param_NAME`` (so the pattern on the line starts from the bound terms,
    in whichever group the line is); a parameter that gates no line is bound at the start of the
    WHERE group, so that FILTERs anywhere in the query see it (a trailing VALUES would join after
    them). A plain string value is bound as a literal."""
    if not values:
        return text
    terms = {k: (Literal(v),) if isinstance(v, str) else tuple(v) for k, v in values.items()}

    def clause(name: str) -> str:
        return f"VALUES ?param_{name} {{ {' '.join(str(t) for t in terms[name])} }} "

    placed: set[str] = set()

    def switch(m: re.Match[str]) -> str:
        name = m.group(2)
        if name not in terms:
            return m.group(0)
        placed.add(name)
        return m.group(1) + clause(name)

    text = _GATED.sub(switch, text)
    rest = [k for k in terms if k not in placed]
    if not rest:
        return text
    m = _WHERE.search(_mask_comments(text))
    if not m:
        raise QueryError("--param needs a query with a WHERE { ... } clause")
    return f"{text[: m.end()]} {''.join(clause(k) for k in rest)}{text[m.end() :]}"


def paginate(text: str, limit: int | None = None, offset: int | None = None) -> str:
    """The query with LIMIT and OFFSET added, for one page of its answer."""
    if limit is None and not offset:
        return text
    if (limit is not None and limit < 0) or (offset is not None and offset < 0):
        raise QueryError("--limit and --offset take a number of rows, 0 or more")
    masked = _mask_comments(text)
    if re.search(r"\b(?:LIMIT|OFFSET)\s+\d+\s*$", masked[masked.rfind("}") + 1 :].strip(), re.I):
        raise QueryError("the query has its own LIMIT or OFFSET; --limit and --offset would change it")
    page = (f"LIMIT {limit} " if limit is not None else "") + (f"OFFSET {offset}" if offset else "")
    return f"{text.rstrip()}\n{page.strip()}\n"


def prepare(
    store: Store,
    q: NamedQuery,
    params: Mapping[str, str] | None = None,
    *,
    limit: int | None = None,
    offset: int | None = None,
) -> str:
    """The text that runs for ``q`` with ``params``: required parameters checked, values resolved
    to the terms they mean and bound, one page of rows if asked."""
    params = dict(params or {})
    for pname, required, _ in q.params:
        if required and pname not in params:
            raise QueryError(f"query {q.name!r} needs --param {pname}=VALUE")
    declared = {p for p, _, _ in q.params}
    unknown = set(params) - declared
    if declared and unknown:
        raise QueryError(
            f"query {q.name!r} takes no parameter {', '.join(sorted(unknown))} "
            f"(it takes: {', '.join(sorted(declared))})"
        )
    return paginate(bind_params(q.text, bindings(store, q, params)), limit, offset)


def _mask_comments(text: str) -> str:
    """The text with comment lines blanked out, same length, so offsets still apply."""
    return re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m.group(0)), text)


def run(
    store: Store,
    q: NamedQuery,
    params: dict[str, str] | None = None,
    *,
    limit: int | None = None,
    offset: int | None = None,
    allow_service: bool = False,
) -> QuerySolutions:
    """Evaluate a read-only query; updates are refused, and so is SERVICE (which would make this
    machine send requests to any server) unless ``allow_service``; syntax errors name the line
    and column. ``limit`` and ``offset`` give one page of the answer."""
    check_query(q.text, allow_service=allow_service)
    text = prepare(store, q, params or {}, limit=limit, offset=offset)
    check_query(text, allow_service=allow_service)  # with the lines its parameters switched on
    try:
        if isinstance(store, RemoteStore) and words(text)[:1] != ["ASK"]:
            # parsed here first (not run: results are lazy), so only a query is ever sent
            Store().query(text, prefixes=PREFIXES)
        result = store.query(text, prefixes=PREFIXES)
    except SyntaxError as e:
        where = f"{q.name}:{e.lineno}:{e.offset}: " if getattr(e, "lineno", None) else f"{q.name}: "
        raise QueryError(f"{where}{e.msg if hasattr(e, 'msg') else e}") from None
    except OSError as e:
        raise QueryError(f"{q.name}: {e}") from None
    if not isinstance(result, QuerySolutions):
        raise QueryError("only SELECT queries can be shown as rows (use kg export for graphs)")
    return result


def rows(result: QuerySolutions) -> tuple[list[str], list[list[str | None]]]:
    names = [v.value for v in result.variables]
    table = []
    with evaluating():
        for solution in result:
            table.append([solution[n].value if solution[n] is not None else None for n in names])
    return names, table


class evaluating:
    """Errors met while results are produced (a SERVICE that does not answer, a store read
    failing) become a query error: results are lazy, so they come out of the loop, not the call."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, _tb) -> None:
        if isinstance(error, (OSError, RuntimeError)):
            raise QueryError(f"the query failed while running: {error}") from None
        if isinstance(error, SyntaxError):  # results read from a server, parsed as they come
            raise QueryError(
                f"the server's answer broke off ({error}): a server stops a query that runs past its "
                "time limit so (kg serve --timeout)"
            ) from None


def _width(s: str) -> int:
    """Columns a string takes on a terminal: combining marks take none, wide characters two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s
    )


def _compact(value: str) -> str:
    """An IRI in prefixed form for people to read ("kgid:person/dak-lak/huynh-bai-1c3aee")."""
    for prefix, iri in PREFIXES.items():
        if value.startswith(iri) and len(value) > len(iri):
            return f"{prefix}:{value[len(iri) :]}"
    return value


def format_table(names: list[str], table: list[list[str | None]], max_width: int = 60) -> str:
    def cell(v: str | None) -> str:
        v = "" if v is None else _compact(" ".join(terminal_line(v).split()))
        return v if len(v) <= max_width else v[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in table]
    widths = [max([_width(n)] + [_width(r[i]) for r in cells]) for i, n in enumerate(names)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    names = [terminal_line(n) for n in names]
    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(table)} row{'s' if len(table) != 1 else ''})")
    return "\n".join(out)


def serialize(result: QuerySolutions, fmt: str) -> str:
    """W3C SPARQL results JSON, CSV or TSV, or an aligned table for people. Cells of CSV and TSV
    that a spreadsheet would run as a formula are neutralised (see `kg.safe.spreadsheet_cell`)."""
    if fmt == "table":
        return format_table(*rows(result))
    kind = {"json": QueryResultsFormat.JSON, "csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV}[
        fmt
    ]
    buf = io.BytesIO()
    with evaluating():
        result.serialize(buf, kind)
    text = buf.getvalue().decode("utf-8")
    if fmt == "json":
        return json.dumps(json.loads(text), ensure_ascii=False, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for row in csv.reader(io.StringIO(text, newline="")):
            writer.writerow([spreadsheet_cell(cell) for cell in row])
        return out.getvalue()
    return "\n".join("\t".join(_tsv_cell(c) for c in line.split("\t")) for line in text.split("\n"))


_TSV_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"(.*)', re.S)


def _tsv_cell(cell: str) -> str:
    """A TSV results cell (a term in Turtle syntax): a literal's text neutralised inside its quotes."""
    m = _TSV_LITERAL.fullmatch(cell)
    if m:
        return f'"{spreadsheet_cell(m.group(1))}"{m.group(2)}'
    return spreadsheet_cell(cell)
