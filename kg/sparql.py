"""SPARQL text read just far enough to know what it would do, before anything runs it.

A pattern over the raw text is fooled by a comment after ``PREFIX``, a byte-order mark or a
``/* */`` block; so the text is cut into SPARQL's tokens (comments, strings and IRIs set aside,
``\\u`` escapes decoded first as the grammar says), and the decisions are made on the bare
keywords: whether it is a query or an update, and whether it reaches out to the network
(``SERVICE`` in a query or update, ``LOAD`` in an update). When in doubt it answers "update"
or "network", so an odd text is refused rather than run.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\s(){}\[\],;.<>=!|&*/+\-"'#^]*)
    | (?P<word>[^\s(){}\[\],;<>=!|&*/+"'#^?$]+)
    | (?P<other>.)
    """,
    re.X | re.S,
)
QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)

READ_ONLY = "kg query is read-only: SPARQL updates (INSERT, DELETE, DROP, ...) are refused"
SERVICE_REFUSED = (
    "SERVICE (a federated query) is refused: it would make this machine send requests to other "
    "servers; --allow-service allows it"
)
LOAD_REFUSED = "LOAD is refused: it would make the server fetch a URL; --allow-service allows it"


def words(text: str) -> list[str]:
    """The bare words of a SPARQL text, upper-cased, in order: keywords, function names, numbers
    and prefixed names, never what sits in comments, strings, IRIs or variables."""
    text = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text.lstrip("\ufeff"))
    out = []
    for m in _TOKEN.finditer(text):
        if m.lastgroup == "word":
            word = m.group().upper()
            out += [word] if ":" in word else [w for w in word.split(".") if w]
    return out


def is_update(text: str) -> bool:
    """True unless the text is plainly a query: its first word after the prologue is SELECT,
    CONSTRUCT, DESCRIBE or ASK, and no update keyword stands anywhere."""
    found = [w for w in words(text) if w not in ("BASE", "PREFIX") and not w.endswith(":")]
    return not found or found[0] not in QUERY_FORMS or any(w in UPDATE_WORDS for w in found)


def _reaches_out(found: list[str], keyword: str) -> bool:
    # Oxigraph's parser takes a keyword glued to what follows ("SERVICE:x {...}" is SERVICE
    # with the IRI :x), so a word merely beginning with the keyword counts.
    return any(w.startswith(keyword) for w in found)


def uses_service(text: str) -> bool:
    return _reaches_out(words(text), "SERVICE")


def check_query(text: str, *, allow_service: bool = False) -> None:
    """Refuse an update, and a federated query unless ``allow_service``."""
    if is_update(text):
        raise QueryError(READ_ONLY)
    if not allow_service and uses_service(text):
        raise QueryError(SERVICE_REFUSED)


def check_update(text: str, *, allow_service: bool = False) -> None:
    """Refuse an update that fetches URLs (LOAD) or queries other servers (SERVICE), unless allowed."""
    if allow_service:
        return
    found = words(text)
    if _reaches_out(found, "LOAD"):
        raise QueryError(LOAD_REFUSED)
    if _reaches_out(found, "SERVICE"):
        raise QueryError(SERVICE_REFUSED)
