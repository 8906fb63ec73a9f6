"""One article on one screen: its metadata, then every fact taken from it with its sentence,
so a reader can check the article against the graph. Every value is shown through
`kg.safe.terminal_line`: a title holding escape sequences is shown, not obeyed."""

from __future__ import annotations

from pyoxigraph import Store

from kg import vocab
from kg.errors import KgError
from kg.safe import terminal_line
from kg.vocab import PREFIXES

_FACTS = """
SELECT ?kind ?summary ?sentence ?start ?rule ?confidence WHERE {{
  GRAPH {g} {{
    {{ ?f a org:Membership ; org:member/schema:name ?who ; coop:roleTitle ?role .
       OPTIONAL {{ ?f org:organization/skos:prefLabel ?orgName }}
       BIND("people" AS ?kind)
       BIND(CONCAT(?who, " — ", STR(?role), IF(BOUND(?orgName), CONCAT(", ", STR(?orgName)), "")) AS ?summary) }}
    UNION
    {{ ?f a qb:Observation ; coop:metric ?m ; coop:value ?v ; coop:unit ?u ; coop:status ?s ; coop:phrase ?p .
       OPTIONAL {{ ?f coop:refPeriod ?period }} OPTIONAL {{ ?f coop:refArea/schema:name ?area }}
       BIND("figures" AS ?kind)
       BIND(CONCAT(STRAFTER(STR(?m), "/metric/"), " = ", STR(?v), " ", REPLACE(STRAFTER(STR(?u), "/unit/"), "-per-", "/"),
                   " (", STRAFTER(STR(?s), "/status/"), IF(BOUND(?period), CONCAT(", ", ?period), ""),
                   IF(BOUND(?area), CONCAT(", ", STR(?area)), ""), ") «", STR(?p), "»") AS ?summary) }}
    UNION
    {{ ?f a schema:Event ; coop:eventKind ?k ; schema:name ?label .
       OPTIONAL {{ ?f schema:startDate ?d }}
       BIND("events" AS ?kind)
       BIND(CONCAT(STRAFTER(STR(?k), "/event-kind/"), IF(BOUND(?d), CONCAT(" ", STR(?d)), ""), ": ", STR(?label))
            AS ?summary) }}
    ?f coop:sentenceText ?sentence ; coop:charStart ?start ; coop:rule ?rule .
    OPTIONAL {{ ?f coop:confidence ?confidence }}
  }}
}} ORDER BY ?kind ?start
"""


def show(store: Store, article_id: str) -> str:
    g = vocab.graph(article_id)
    if not store.contains_named_graph(g):
        raise KgError(
            f"no article {terminal_line(repr(article_id))} in the store (kg query articles lists them)"
        )
    art = vocab.article(article_id)
    meta = next(
        iter(
            store.query(
                f"""
        SELECT ?title ?published ?source ?province ?reason (GROUP_CONCAT(?a; separator="; ") AS ?authors) WHERE {{
          GRAPH {g} {{ {art} coop:sourceFile ?source ; coop:provinceReason ?reason .
            OPTIONAL {{ {art} schema:headline ?title }} OPTIONAL {{ {art} schema:datePublished ?published }}
            OPTIONAL {{ {art} coop:byline ?a }} OPTIONAL {{ {art} schema:contentLocation/schema:name ?province }} }}
        }} GROUP BY ?title ?published ?source ?province ?reason""",
                prefixes=PREFIXES,
            )
        )
    )

    def val(name: str) -> str:
        term = meta[name]
        return terminal_line(term.value) if term is not None else "—"

    lines = [
        f"{terminal_line(article_id)}: {val('title')}",
        f"  published {val('published')}   source {val('source')}",
        f"  province  {val('province')} ({val('reason')})   authors {val('authors') or '—'}",
    ]
    current = None
    last_sentence = None
    for row in store.query(_FACTS.format(g=g), prefixes=PREFIXES):
        kind = row["kind"].value
        if kind != current:
            lines.append(f"\n{kind}:")
            current, last_sentence = kind, None
        confidence = f", confidence {row['confidence'].value}" if row["confidence"] is not None else ""
        lines.append(
            f"  • {terminal_line(row['summary'].value)}   [{terminal_line(row['rule'].value)}{confidence}]"
        )
        sentence = terminal_line(row["sentence"].value)
        if sentence != last_sentence:
            lines.append(f"      “{sentence}”")
            last_sentence = sentence
    return "\n".join(lines)
