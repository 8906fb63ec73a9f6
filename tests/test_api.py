"""The library API: kg.extract, kg.to_quads and kg.Graph, as README shows them."""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal

import pyoxigraph
from conftest import SEEDS, run

import kg

SEED = SEEDS / "000_18207d1d6100cecb.txt"


def test_extract_a_page_given_as_text():
    doc = kg.extract(SEED.read_text(encoding="utf-8"))
    posts = {(m.person, m.role, m.org.name) for m in doc.memberships}
    assert ("Huỳnh Bài", "Chủ tịch", "Liên minh HTX tỉnh Đắk Lắk") in posts
    assert doc.province == "Đắk Lắk"
    assert doc.article.title.startswith("VCA làm việc với Liên minh HTX tỉnh Đắk Lắk")
    for fact in (*doc.memberships, *doc.figures, *doc.events, *doc.people):
        assert doc.sentences[fact.sentence].start <= fact.start < fact.end <= doc.sentences[fact.sentence].end
        assert fact.rule


def test_decomposed_and_newer_tone_placement_give_the_same_facts():
    text = SEED.read_text(encoding="utf-8")
    decomposed = unicodedata.normalize("NFD", text).replace("Hòa", "Hoà")
    a, b = kg.extract(text), kg.extract(decomposed)
    assert [(m.person, m.role, m.org.name) for m in a.memberships] == [
        (m.person, m.role, m.org.name) for m in b.memberships
    ]
    assert [(f.metric, f.value) for f in a.figures] == [(f.metric, f.value) for f in b.figures]


def test_extract_an_article_object_and_map_it_to_quads():
    article = kg.Article(
        id="a1", source="test", text="Hiện nay, toàn tỉnh Nghệ An có 500 HTX.", published="2024-05-01"
    )
    doc = kg.extract(article)
    assert [(f.metric, f.value, doc.text_of(f)) for f in doc.figures] == [
        ("cooperatives", Decimal(500), "500 HTX")
    ]
    quads = kg.to_quads(doc)
    assert quads and all(isinstance(q, pyoxigraph.Quad) for q in quads)
    assert {q.graph_name.value for q in quads} == {"https://w3id.org/coop-kg/id/graph/a1"}


def test_graph_in_memory_gives_the_rows_of_the_cli(tmp_path):
    graph = kg.Graph(None)
    report = graph.build([SEEDS])
    assert (report.read, report.built, report.failed) == (5, 5, [])
    rows = graph.query("people-roles")
    store = tmp_path / "store"
    run("build", SEEDS, "--store", store, "-q")
    cli = json.loads(run("query", "people-roles", "--store", store, "--format", "json").output)
    as_cli = [{k: v["value"] for k, v in b.items()} for b in cli["results"]["bindings"]]
    assert [{k: str(v) for k, v in r.items()} for r in rows] == as_cli  # the API gives numbers as numbers
    timeline = graph.query("province-timeline", province="Đăk Lăk")
    assert [r["value"] for r in timeline if r["metric"] == "cooperatives"][:3] == [579, 746, 783]


def test_graph_on_disk_builds_from_articles_and_exports(tmp_path):
    with kg.Graph(tmp_path / "store") as graph:
        seen = []
        graph.build(
            [kg.Article(id="x", source="t", text="Toàn tỉnh Gia Lai có 120 HTX.")], progress=seen.append
        )
        assert seen and seen[-1].read == 1
        out = graph.export(tmp_path / "g.ttl")
    parsed = list(pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.TURTLE))
    assert any(
        t.object
        == pyoxigraph.Literal(
            "120", datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
        )
        for t in parsed
    )
