"""Every export as other tools read it: pyoxigraph, rdflib and Raptor's rapper (three parsers
written apart, in Rust, Python and C) must find the same triples or quads in each format."""

from __future__ import annotations

import re
import shutil
import subprocess

import pyoxigraph
import pytest
import rdflib
from conftest import run, unavailable

from kg.store import open_store

# kg export's format, file extension, pyoxigraph's format, rdflib's and rapper's names, and
# whether the format keeps the article graphs (N-Quads, TriG) or holds their union (Turtle, N-Triples).
FORMATS = [
    ("turtle", "ttl", pyoxigraph.RdfFormat.TURTLE, "turtle", "turtle", False),
    ("ntriples", "nt", pyoxigraph.RdfFormat.N_TRIPLES, "nt", "ntriples", False),
    ("nquads", "nq", pyoxigraph.RdfFormat.N_QUADS, "nquads", "nquads", True),
    ("trig", "trig", pyoxigraph.RdfFormat.TRIG, "trig", "trig", True),
]


@pytest.fixture(scope="module")
def rapper() -> str:
    found = shutil.which("rapper")
    if not found:
        unavailable("Raptor's rapper is not installed (Debian: apt-get install raptor2-utils)")
    return found


def _rdflib_count(path, name: str, dataset: bool) -> int:
    if dataset:
        data = rdflib.Dataset()
        data.parse(path, format=name)
        return len(list(data.quads((None, None, None, None))))
    return len(rdflib.Graph().parse(path, format=name))


@pytest.mark.parametrize(
    ("fmt", "ext", "oxi", "rdflib_name", "raptor_name", "dataset"), FORMATS, ids=[f[1] for f in FORMATS]
)
def test_every_export_reads_the_same_in_three_parsers(
    seed_store, tmp_path, rapper, fmt, ext, oxi, rdflib_name, raptor_name, dataset
):
    out = tmp_path / f"seeds.{ext}"
    run("export", "--store", seed_store, "--format", fmt, "-o", out)
    store = open_store(seed_store, read_only=True)
    if dataset:
        expected = set(store)
    else:
        expected = {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in store}

    by_oxigraph = list(pyoxigraph.parse(path=str(out), format=oxi))
    assert len(by_oxigraph) == len(expected)

    assert _rdflib_count(out, rdflib_name, dataset) == len(expected)

    counted = subprocess.run([rapper, "-i", raptor_name, "-c", str(out)], capture_output=True, text=True)
    assert counted.returncode == 0, counted.stderr
    assert re.search(r"Parsing returned (\d+) triples", counted.stderr).group(1) == str(len(expected))
    # What rapper reads is what the store holds, term for term (through its N-Quads output).
    converted = subprocess.run(
        [rapper, "-q", "-i", raptor_name, "-o", "nquads", str(out)], capture_output=True, check=True
    ).stdout
    back = pyoxigraph.parse(converted, format=pyoxigraph.RdfFormat.N_QUADS)
    if dataset:
        assert set(back) == expected
    else:
        assert {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in back} == expected
