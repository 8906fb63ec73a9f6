"""Random and mutated input, as no one would write it on purpose: whatever the pages and JSON Lines
records hold, ``kg build`` and ``kg extract`` + ``kg load`` do not crash, mint only valid IRIs of
the project's namespaces, count every input, and make the same graph.

Deterministic (``derandomize``) so the suite does not flicker; ``KG_PROPERTY_EXAMPLES=500`` in the
environment explores further.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from conftest import SEEDS, run
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg.store import open_store
from kg.vocab import BASE, PREFIXES

SEED_LINES = [
    line.strip()
    for page in sorted(SEEDS.glob("*.txt"))
    for line in page.read_text(encoding="utf-8").splitlines()
    if line.strip()
]
NASTY = [
    "\x00",
    "\x1b[2J",
    "\u202e",
    "\ufeff",
    "\ud800",
    "$\\frac{",
    "=cmd|' /C calc'!A0",
    "<script>",
    '"',
    "\\",
    "\r",
    "\u0300",
    "HTX",
    "1.234.567",
    "3,5%",
    "Chủ tịch",
    "tỉnh Đắk Lắk",
    " ",
    "\n\n",
]
# the namespaces an IRI of the graph may belong to: the project's, and the vocabularies it uses
NAMESPACES = (BASE, *PREFIXES.values())
IRI = re.compile(r"https?://[^\x00-\x20<>\"{}|^`\\]+")

fragment = st.one_of(st.sampled_from(NASTY), st.text(max_size=6))


@st.composite
def page_text(draw) -> str:
    """A few lines of the samples, then cut, repeated and salted with awkward characters."""
    text = "\n".join(draw(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=8)))
    for kind, at, piece in draw(
        st.lists(
            st.tuples(st.sampled_from(["insert", "cut", "repeat"]), st.integers(0, 10**6), fragment),
            max_size=5,
        )
    ):
        at %= len(text) + 1
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "cut":
            text = text[:at] + text[at + len(piece) * 7 :]
        else:
            text = text[:at] + text[at : at + 40] * 3 + text[at:]
    return text


odd_value = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
    st.text(max_size=10),
    st.sampled_from(NASTY),
)


@st.composite
def record_line(draw) -> bytes:
    """One line of a JSON Lines file: a record with fields right, wrong or missing, or a broken line."""
    record: dict[str, object] = {}
    if draw(st.booleans()):
        record["id"] = draw(
            st.one_of(st.text(min_size=1, max_size=10), st.sampled_from(["a", "a", "p0"]), odd_value)
        )
    record["text"] = draw(st.one_of(page_text(), page_text(), odd_value))
    for name, good in (
        ("title", st.sampled_from(SEED_LINES[:5])),
        ("published", st.sampled_from(["2023-09-20", "20/9/2023", "x"])),
        ("url", st.just("https://example.org/a?b=<c>")),
    ):
        if draw(st.booleans()):
            record[name] = draw(st.one_of(good, odd_value))
    line = json.dumps(record, ensure_ascii=draw(st.booleans()))
    data = line.encode("utf-8", errors="surrogatepass")  # a lone surrogate as the broken UTF-8 it makes
    damage = draw(st.sampled_from(["none", "none", "none", "cut", "bytes"]))
    if damage == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "bytes":
        data = draw(st.binary(max_size=30))
    return data.replace(b"\n", b" ")


@st.composite
def page_file(draw) -> bytes:
    text = draw(page_text())
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-32", "raw"]))
    if encoding == "raw":
        return draw(st.binary(max_size=60))
    return (
        text.encode(encoding, errors="surrogatepass")
        if encoding.startswith("utf-8")
        else text.encode(encoding, errors="replace")
    )


def _quads(store: Path) -> list[str]:
    return sorted(str(q) for q in open_store(store, read_only=True))


def _iris(store: Path) -> set[str]:
    found = set()
    for q in open_store(store, read_only=True):
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if type(term).__name__ == "NamedNode":
                found.add(term.value)
    return found


@settings(
    max_examples=int(os.environ.get("KG_PROPERTY_EXAMPLES", 25)),
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(records=st.lists(record_line(), max_size=5), pages=st.lists(page_file(), max_size=2))
def test_any_input_builds_the_same_valid_graph_directly_and_through_shards(records, pages):
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "in"
        folder.mkdir()
        (folder / "batch.jsonl").write_bytes(b"\n".join(records) + (b"\n" if records else b""))
        for i, data in enumerate(pages):
            (folder / f"p{i}.txt").write_bytes(data)
        built = run("build", folder, "--store", Path(scratch) / "built", "-q").output
        counts = re.search(r"read (\d+), built (\d+), skipped (\d+) \(unchanged\), failed (\d+)", built)
        read, made, skipped, failed = map(int, counts.groups())
        assert read == made + skipped + failed and skipped == 0
        assert read >= len(pages) + sum(1 for r in records if r.strip())
        run("extract", folder, "--out", Path(scratch) / "shards")
        run("load", Path(scratch) / "shards", "--store", Path(scratch) / "loaded")
        event(f"articles built: {min(made, 3)}{'+' if made > 3 else ''}")
        if made == 0:
            return
        assert _quads(Path(scratch) / "loaded") == _quads(Path(scratch) / "built")
        for iri in _iris(Path(scratch) / "built"):
            assert IRI.fullmatch(iri) and iri.startswith(NAMESPACES), iri
