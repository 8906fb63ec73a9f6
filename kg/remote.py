"""A SPARQL 1.1 endpoint used as the store, so every command works against a shared server.

`RemoteStore` offers the part of pyoxigraph's `Store` interface that coop-kg uses
(query, update, quads_for_pattern, named_graphs, dump, iteration, len) over the SPARQL 1.1
protocol, with results parsed back into pyoxigraph objects. It works with any standard
endpoint: the Oxigraph server (``kg serve --writable``), Apache Jena Fuseki, QLever,
Virtuoso or GraphDB. An update request is one transaction on these servers, so an
article's graph is still replaced atomically.

``--store`` takes the server's base URL (``http://host:7878``, which has ``/query`` and
``/update``), or the query endpoint itself (``http://host:3030/ds/sparql`` or ``.../query``),
whose update endpoint is the sibling ``.../update``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from kg.errors import StoreError

_TIMEOUT = 300


def is_url(location: object) -> bool:
    return isinstance(location, str) and re.match(r"https?://", location) is not None


class RemoteStore:
    """The store interface over HTTP (see the module docstring)."""

    def __init__(self, url: str):
        url = url.rstrip("/")
        if re.search(r"/(query|sparql)$", url):
            self.query_url = url
            self.update_url = re.sub(r"/(query|sparql)$", "/update", url)
        else:
            self.query_url, self.update_url = url + "/query", url + "/update"
        self.url = url

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # -- protocol ------------------------------------------------------------------------------
    def _post(self, url: str, field: str, text: str, accept: str) -> bytes:
        return self._request(url, field, text, accept)[0]

    def _request(self, url: str, field: str, text: str, accept: str) -> tuple[bytes, str]:
        """POST one operation; (body, content type) of the answer."""
        import urllib.error  # here, not at the top: a local store never pays for the HTTP stack
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode({field: text}).encode("utf-8")
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": accept},
        )
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{url} answered {e.code}: {detail[0][:200] if detail else e.reason}") from None
        except (urllib.error.URLError, OSError) as e:
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {getattr(e, 'reason', e)}") from None

    @staticmethod
    def _with_prefixes(text: str, prefixes: dict[str, str] | None) -> str:
        declared = {m.group(1) for m in re.finditer(r"(?im)^\s*PREFIX\s+([\w-]*):", text)}
        lines = [f"PREFIX {p}: <{iri}>" for p, iri in (prefixes or {}).items() if p not in declared]
        return "\n".join([*lines, text])

    def query(self, text: str, prefixes: dict[str, str] | None = None, **_: object):
        """SELECT and ASK give pyoxigraph results; CONSTRUCT and DESCRIBE an iterator of triples."""
        text = self._with_prefixes(text, prefixes)
        stripped = re.sub(r"(?im)^\s*(#.*|PREFIX\s+\S*\s*<[^>]*>|BASE\s+<[^>]*>)\s*$", "", text).lstrip()
        if re.match(r"(CONSTRUCT|DESCRIBE)\b", stripped, re.I):
            data, kind = self._request(self.query_url, "query", text, "application/n-triples")
            try:
                return iter(list(parse(data, format=RdfFormat.N_TRIPLES)))
            except (SyntaxError, ValueError):
                raise self._not_sparql(kind) from None
        data, kind = self._request(self.query_url, "query", text, "application/sparql-results+json")
        try:
            return parse_query_results(data, format=QueryResultsFormat.JSON)
        except (SyntaxError, ValueError):
            raise self._not_sparql(kind) from None

    def _not_sparql(self, kind: str) -> StoreError:
        kind = kind.split(";")[0].strip() or "no content type"
        return StoreError(
            f"{self.query_url} answered with {kind}, not SPARQL results: is it a SPARQL endpoint?"
        )

    def update(self, text: str, prefixes: dict[str, str] | None = None, **_: object) -> None:
        self._post(self.update_url, "update", self._with_prefixes(text, prefixes), "*/*")

    # -- the store interface coop-kg uses -------------------------------------------------------
    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name=None) -> Iterator[Quad]:
        terms = {"s": subject, "p": predicate, "o": object, "g": graph_name}
        pattern = {k: str(t) if t is not None else f"?{k}" for k, t in terms.items()}
        free = [f"?{k}" for k, t in terms.items() if t is None]
        select = " ".join(free) if free else "(1 AS ?one)"
        result = self.query(
            f"SELECT {select} WHERE {{ GRAPH {pattern['g']} {{ {pattern['s']} {pattern['p']} {pattern['o']} }} }}"
        )
        for row in result:
            got = {k: t if t is not None else row[k] for k, t in terms.items()}
            yield Quad(got["s"], got["p"], got["o"], got["g"])

    def __iter__(self) -> Iterator[Quad]:
        return self.quads_for_pattern()

    def __len__(self) -> int:
        row = next(iter(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))
        return int(row["n"].value)

    def named_graphs(self) -> Iterator[NamedNode | BlankNode]:
        for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield row["g"]

    def contains_named_graph(self, graph: NamedNode) -> bool:
        return bool(self.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))

    def dump(self, output: BinaryIO, format: RdfFormat, *, from_graph=None, prefixes=None) -> None:
        if from_graph is not None and not isinstance(from_graph, DefaultGraph):
            triples = [q.triple for q in self.quads_for_pattern(graph_name=from_graph)]
            serialize(triples, output, format, prefixes=prefixes or {})
        else:
            serialize(list(self), output, format, prefixes=prefixes or {})

    def flush(self) -> None:
        """Nothing to flush: every update request is applied by the server as it arrives."""
