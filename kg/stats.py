"""Counts of what the store holds, for a quick look at a build."""

from __future__ import annotations

from pyoxigraph import Store

from kg.vocab import PREFIXES

_COUNTS = {
    "articles": "?x a schema:NewsArticle",
    "people": "?x a schema:Person",
    "organizations": "?x a org:Organization",
    "memberships": "?x a org:Membership",
    "provinces": "?x a coop:Province ; coop:era 'old'",
    "events": "?x a schema:Event",
    "observations": "?x a qb:Observation",
}


def stats(store: Store) -> dict[str, int]:
    out = {}
    for name, pattern in _COUNTS.items():
        q = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }}"
        out[name] = int(next(iter(store.query(q, prefixes=PREFIXES)))["n"].value)
    out["quads"] = len(store)
    return out
