"""kg viz and kg plot: every output kind opens and holds the focus, names are found however
they are spelt, and what cannot be drawn is one clear line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import matplotlib.image
import networkx as nx
import pytest
from conftest import run
from pyoxigraph import Literal, NamedNode

from kg.plot import timeline
from kg.store import open_store
from kg.viz import DPI, FIGSIZE, to_networkx
from kg.vocab import COOPT as C
from kg.vocab import ORG, PROV, RDF, SCHEMA, SKOS

BAI = "Huỳnh Bài"
ALLIANCE = "Liên minh HTX tỉnh Đắk Lắk"
ARTICLES = {"000_18207d1d6100cecb", "002_e3927b8fa14f11b9"}


@pytest.fixture(scope="module")
def bai_graph(seed_store, tmp_path_factory) -> nx.MultiDiGraph:
    out = tmp_path_factory.mktemp("viz") / "hb.graphml"
    run("viz", "huynh bai", "--store", seed_store, "-o", out)
    return nx.read_graphml(out)


def _labels(graph: nx.Graph, kind: str | None = None) -> set[str]:
    return {a["label"] for _, a in graph.nodes(data=True) if kind is None or a["kind"] == kind}


def _not_blank(path) -> None:
    pixels = matplotlib.image.imread(path)
    assert pixels.shape[:2] == (int(FIGSIZE[1] * DPI), int(FIGSIZE[0] * DPI))
    colours = {tuple(p) for p in pixels[::7, ::7].reshape(-1, pixels.shape[2]).tolist()}
    assert len(colours) > 20


def test_huynh_bai_is_found_without_tone_marks_and_drawn_with_his_post_articles_and_events(bai_graph):
    bai = next(n for n, a in bai_graph.nodes(data=True) if a["label"] == BAI)
    assert bai_graph.nodes[bai]["focus"] is True
    assert bai_graph.nodes[bai]["kind"] == "person"
    posts = [
        (bai_graph.nodes[v]["label"], e)
        for _, v, e in bai_graph.out_edges(bai, data=True)
        if e["kind"] == "post"
    ]
    assert {(org, e["label"]) for org, e in posts} == {(ALLIANCE, "Chủ tịch")}
    assert {e["article"] for _, e in posts} == ARTICLES
    assert all(BAI in e["sentence"] for _, e in posts)
    attended = [v for _, v, e in bai_graph.out_edges(bai, data=True) if e["label"] == "attended"]
    assert len(attended) == 2
    assert {bai_graph.nodes[v]["kind"] for v in attended} == {"event"}
    assert ARTICLES <= _labels(bai_graph, "article")
    assert "Đắk Lắk" in _labels(bai_graph, "province")
    assert bai_graph.graph["title"].startswith(BAI)


def test_png_has_its_size_and_is_not_blank(seed_store, tmp_path):
    out = tmp_path / "hb.png"
    result = run("viz", BAI, "--store", seed_store, "-o", out)
    assert result.output.startswith(f"wrote {out}")
    _not_blank(out)


def test_svg_parses_and_keeps_labels_as_text(seed_store, tmp_path):
    out = tmp_path / "hb.svg"
    run("viz", BAI, "--store", seed_store, "-o", out)
    text = "".join(ET.parse(out).getroot().itertext())
    assert BAI in text
    assert "Chủ tịch" in text


def test_gexf_and_dot_hold_the_focus(seed_store, tmp_path):
    run("viz", BAI, "--store", seed_store, "-o", tmp_path / "hb.gexf")
    assert BAI in _labels(nx.read_gexf(tmp_path / "hb.gexf"))
    run("viz", BAI, "--store", seed_store, "-o", tmp_path / "hb.dot")
    dot = (tmp_path / "hb.dot").read_text(encoding="utf-8")
    assert dot.startswith("digraph") and dot.rstrip().endswith("}")
    assert f'label="{BAI}"' in dot and 'label="Chủ tịch"' in dot


def test_html_page_is_self_contained(seed_store, tmp_path):
    out = tmp_path / "dl.html"
    run("viz", "Đắk Lắk", "--depth", "1", "--store", seed_store, "-o", out)
    page = out.read_text(encoding="utf-8")
    assert "Đắk Lắk" in page and "<svg" in page and "<script>" in page
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.I)
    assert not re.search(r"@import", page, re.I)
    assert not re.search(r"""url\(\s*["']?(?!#)""", page, re.I)
    assert "<script src" not in page and "<link" not in page


def test_a_name_with_several_matches_lists_them(seed_store, tmp_path):
    result = run("viz", "nguyen", "--store", seed_store, "-o", tmp_path / "x.png", ok=False)
    assert result.exit_code == 1
    assert result.output.startswith("Error: 'nguyen' matches ")
    for name in ("Nguyễn Thiên Văn", "Nguyễn Hữu Phúc", "Nguyễn Quang Hưng"):
        assert name in result.output
    assert result.output.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("viz", "Nobody Here", "-o", "x.png"), "Error: no person, organisation"),
        (("viz", BAI, "-o", "x.jpg"), "Error: cannot write x.jpg: unsupported extension '.jpg'"),
        (("plot", "nonsense", "--province", "Đắk Lắk", "-o", "t.png"), "Error: unknown metric 'nonsense'"),
        (("plot", "cooperatives", "--province", "Nowhere", "-o", "t.png"), "Error: unknown province"),
        (
            ("plot", "cooperatives", "--province", "Hà Nội", "-o", "t.png"),
            "Error: no figures for cooperatives",
        ),
        (("plot", "cooperatives", "--province", "Đắk Lắk", "-o", "t.html"), "Error: cannot write t.html"),
    ],
)
def test_what_cannot_be_drawn_is_one_line(seed_store, tmp_path, args, message):
    *head, out = args
    result = run(*head, tmp_path / out, "--store", seed_store, ok=False)
    assert result.exit_code == 1
    assert result.output.startswith(message)
    assert result.output.count("\n") == 1


def test_kind_limit_and_query_shape_the_picture(seed_store, tmp_path):
    out = tmp_path / "lm.graphml"
    run("viz", ALLIANCE, "--kind", "person", "--store", seed_store, "-o", out)
    graph = nx.read_graphml(out)
    assert {a["kind"] for _, a in graph.nodes(data=True)} == {"person", "organization"}
    assert {BAI, "Trần Đình Tương"} <= _labels(graph, "person")

    run("viz", "dak lak", "--depth", "1", "--limit", "8", "--store", seed_store, "-o", out, "--force")
    graph = nx.read_graphml(out)
    assert len(graph) == 8 and "not shown" in graph.graph["note"]

    query = 'SELECT ?p WHERE { GRAPH ?g { ?p a schema:Person ; schema:name "Trần An Định" } }'
    run("viz", "--query", query, "--depth", "1", "--store", seed_store, "-o", out, "--force")
    assert "Liên minh HTX tỉnh Hòa Bình" in _labels(nx.read_graphml(out), "organization")

    query = "CONSTRUCT { ?e schema:attendee ?p } WHERE { GRAPH ?g { ?e schema:attendee ?p } }"
    run("viz", "--query", query, "--store", seed_store, "-o", out, "--force")
    assert {a["kind"] for _, a in nx.read_graphml(out).nodes(data=True)} == {"person", "event"}


def test_to_networkx_collapses_posts_into_labelled_edges():
    def iri(path: str) -> NamedNode:
        return NamedNode("https://example.org/" + path)

    person, org, post, event, art, place = map(iri, ("p", "o", "m", "e", "a", "dak-lak"))
    sentence = "Đồng chí Huỳnh Bài, Chủ tịch Liên minh HTX tỉnh phát biểu."
    triples = [
        (person, RDF.type, SCHEMA.Person),
        (person, SCHEMA.name, Literal(BAI)),
        (person, PROV.wasDerivedFrom, art),
        (org, RDF.type, ORG.Organization),
        (org, SKOS.prefLabel, Literal(ALLIANCE, language="vi")),
        (org, C.province, place),
        (post, RDF.type, ORG.Membership),
        (post, ORG.member, person),
        (post, ORG.organization, org),
        (post, C.roleTitle, Literal("Chủ tịch", language="vi")),
        (post, C.sentenceText, Literal(sentence, language="vi")),
        (post, PROV.wasDerivedFrom, art),
        (event, RDF.type, SCHEMA.Event),
        (event, SCHEMA.name, Literal("hội nghị lần thứ 7")),
        (event, SCHEMA.attendee, person),
        (event, SCHEMA.location, place),
        (art, RDF.type, SCHEMA.NewsArticle),
        (art, C.articleId, Literal("002_x")),
        (place, RDF.type, C.Province),
        (place, SCHEMA.name, Literal("Đắk Lắk")),
    ]
    graph = to_networkx(triples)
    kinds = {a["label"]: a["kind"] for _, a in graph.nodes(data=True)}
    assert kinds == {
        BAI: "person",
        ALLIANCE: "organization",
        "hội nghị lần thứ 7": "event",
        "002_x": "article",
        "Đắk Lắk": "province",
    }
    edges = {
        (graph.nodes[u]["label"], e["label"], graph.nodes[v]["label"]) for u, v, e in graph.edges(data=True)
    }
    assert edges == {
        (BAI, "Chủ tịch", ALLIANCE),
        (BAI, "attended", "hội nghị lần thứ 7"),
        (BAI, "source", "002_x"),
        (ALLIANCE, "in province", "Đắk Lắk"),
        ("hội nghị lần thứ 7", "in province", "Đắk Lắk"),
    }
    post_edge = next(e for _, _, e in graph.edges(data=True) if e["kind"] == "post")
    assert post_edge["sentence"] == sentence and post_edge["article"] == "002_x"


def test_plot_draws_the_cooperatives_of_dak_lak(seed_store, tmp_path):
    out = tmp_path / "t.png"
    result = run("plot", "cooperatives", "--province", "Đăk Lăk", "--store", seed_store, "-o", out)
    assert result.output.strip() == f"wrote {out}: 3 figures"
    pixels = matplotlib.image.imread(out)
    assert pixels.shape[:2] == (700, 1200)
    assert len({tuple(p) for p in pixels[::5, ::5].reshape(-1, pixels.shape[2]).tolist()}) > 20
    points, undated, name = timeline(open_store(seed_store, read_only=True), "cooperatives", "dak lak")
    assert name == "Đắk Lắk" and undated == 0
    assert [(p.value, p.status, p.article[:3]) for p in points] == [
        (579, "actual", "000"),
        (746, "actual", "001"),
        (783, "actual", "002"),
    ]


def test_a_new_province_name_takes_in_the_old_provinces(seed_store):
    # Hòa Bình became part of Phú Thọ in 2025; its figures are found under the new name.
    store = open_store(seed_store, read_only=True)
    new, old = timeline(store, "cooperatives", "Phú Thọ"), timeline(store, "cooperatives", "Hòa Bình")
    assert new[:2] == old[:2]
    assert [p.value for p in new[0]] == [465]  # 004: "465 HTX", in the year the article reports on
