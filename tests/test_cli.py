"""The main job end to end: build, re-build, query, export, stats, validate, through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pyoxigraph
import rdflib
from conftest import SEEDS, run

from kg.store import open_store


def test_build_summary_and_rebuild_skips_everything(store_path):
    first = run("build", SEEDS, "--store", store_path, "-q")
    assert "read 5, built 5, skipped 0" in first.output
    before = sorted(str(q) for q in open_store(store_path, read_only=True))
    second = run("build", SEEDS, "--store", store_path, "-q")
    assert "built 0, skipped 5" in second.output
    assert sorted(str(q) for q in open_store(store_path, read_only=True)) == before


def test_changed_article_replaces_only_its_own_graph(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    store = tmp_path / "store"
    run("build", folder, "--store", store, "-q")
    s = open_store(store, read_only=True)
    other = sorted(str(q) for q in s if "002_" not in q.graph_name.value)
    del s
    page = folder / "002_e3927b8fa14f11b9.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("783", "790"), encoding="utf-8")
    out = run("build", folder, "--store", store, "-q").output
    assert "built 1, skipped 4" in out
    s = open_store(store, read_only=True)
    assert sorted(str(q) for q in s if "002_" not in q.graph_name.value) == other
    values = {
        r["value"]
        for r in json.loads(run("query", "figures", "--store", store, "--format", "json").output)["results"][
            "bindings"
        ]
        for r in [{k: v["value"] for k, v in r.items()}]
    }
    assert "790" in values and "783" not in values


def _json(*args):
    data = json.loads(run("query", *args, "--format", "json").output)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_people_roles_contract_and_one_node_for_huynh_bai(seed_store):
    data = json.loads(run("query", "people-roles", "--store", seed_store, "--format", "json").output)
    assert data["head"]["vars"] == [
        "person", "name", "role", "org", "orgName", "province", "articleId", "confidence"
    ]  # fmt: skip
    rows = [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
    bai = [r for r in rows if r["name"] == "Huỳnh Bài"]
    assert {r["articleId"][:3] for r in bai} == {"000", "002"}
    assert len({r["person"] for r in bai}) == 1
    assert all(r["role"] == "Chủ tịch" and r["orgName"] == "Liên minh HTX tỉnh Đắk Lắk" for r in bai)


def test_contract_columns_of_every_named_query(seed_store):
    expected = {
        "figures": ["metric", "value", "unit", "province", "period", "status", "text", "articleId"],
        "events": ["event", "kind", "label", "date", "place", "organizer", "articleId"],
        "articles": [
            "articleId",
            "title",
            "published",
            "url",
            "source",
            "province",
            "provinceNow",
            "authors",
            "people",
            "figures",
            "events",
        ],
    }
    for name, columns in expected.items():
        head = json.loads(run("query", name, "--store", seed_store, "--format", "json").output)["head"][
            "vars"
        ]
        assert head[: len(columns)] == columns, name


def test_province_timeline_for_dak_lak(seed_store):
    rows = _json("province-timeline", "--store", seed_store, "--param", "province=Đăk Lăk")
    coops = [(r["period"], r["value"], r["articleId"][:3]) for r in rows if r["metric"] == "cooperatives"]
    assert [v for _, v, _ in coops] == ["579", "746", "783"]
    assert [a for _, _, a in coops] == ["000", "001", "002"]


def test_query_formats_and_parameters(seed_store):
    table = run("query", "people-roles", "--store", seed_store).output
    assert "Huỳnh Bài" in table and table.rstrip().endswith("rows)")
    lines = run("query", "figures", "--store", seed_store, "--format", "csv").output
    header = next(csv.reader(io.StringIO(lines)))
    assert header[:3] == ["metric", "value", "unit"]
    tsv = run("query", "figures", "--store", seed_store, "--format", "tsv").output
    assert tsv.splitlines()[0].startswith("?metric\t?value")
    rows = _json("person", "--store", seed_store, "--param", "name=huỳnh bài")
    assert {r["articleId"][:3] for r in rows} == {"000", "002"}


def test_queries_are_read_only_and_errors_are_one_line(seed_store):
    res = run("query", "DELETE WHERE { ?s ?p ?o }", "--store", seed_store, ok=False)
    assert res.exit_code == 1
    assert (
        res.output == "Error: kg query is read-only: SPARQL updates (INSERT, DELETE, DROP, ...) are refused\n"
    )
    res = run("query", "no-such-query", "--store", seed_store, ok=False)
    assert res.output.startswith("Error: no query named 'no-such-query'")
    res = run("query", "province-timeline", "--store", seed_store, ok=False)
    assert res.output == "Error: query 'province-timeline' needs --param province=VALUE\n"
    res = run("query", "SELECT ?x WHERE { ?x ?y }", "--store", seed_store, ok=False)
    assert res.exit_code == 1 and res.output.startswith("Error: inline:")
    res = run("query", "people-roles", "--store", seed_store.parent / "missing", ok=False)
    assert res.output.startswith("Error: no store at")


def test_query_list_shows_titles():
    out = run("query", "--list").output
    for name in (
        "people-roles",
        "figures",
        "events",
        "province-timeline",
        "person",
        "articles",
        "figure-conflicts",
    ):
        assert name in out
    assert "--param province=..." in out


def test_export_turtle_reparses_to_the_same_triples(seed_store, tmp_path):
    target = tmp_path / "graph.ttl"
    run("export", "--store", seed_store, "-o", target)
    text = target.read_text(encoding="utf-8")
    assert "@prefix coop:" in text and "@prefix schema:" in text
    store = open_store(seed_store, read_only=True)
    expected = {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in store}
    back = {
        pyoxigraph.Triple(q.subject, q.predicate, q.object)
        for q in pyoxigraph.parse(target.read_bytes(), format=pyoxigraph.RdfFormat.TURTLE)
    }
    assert back == expected
    assert len(rdflib.Graph().parse(target, format="turtle")) == len(expected)


def test_export_one_article_as_nquads_and_trig(seed_store, tmp_path):
    target = tmp_path / "a.nq"
    run(
        "export",
        "--store",
        seed_store,
        "--article",
        "004_f61154e481df3f8c",
        "--format",
        "nquads",
        "-o",
        target,
    )
    quads = list(pyoxigraph.parse(target.read_bytes(), format=pyoxigraph.RdfFormat.N_QUADS))
    assert quads and all(q.graph_name.value.endswith("004_f61154e481df3f8c") for q in quads)
    trig = run("export", "--store", seed_store, "--format", "trig").output
    ds = rdflib.Dataset()
    ds.parse(data=trig, format="trig")
    assert len(list(ds.graphs())) >= 5
    res = run("export", "--store", seed_store, "--article", "nope", ok=False)
    assert res.output == "Error: no article 'nope' in the store (kg query articles lists them)\n"


def test_stats(seed_store):
    out = run("stats", "--store", seed_store).output
    counts = {line.split()[0]: int(line.split()[1].replace(",", "")) for line in out.splitlines()}
    assert counts["articles"] == 5
    assert counts["people"] >= 10 and counts["observations"] >= 60 and counts["events"] >= 8


def test_validate_passes_on_seeds_and_catches_a_broken_fact(seed_store, tmp_path):
    assert "valid" in run("validate", "--store", seed_store).output
    broken = tmp_path / "broken"
    shutil.copytree(seed_store, broken)
    s = pyoxigraph.Store(str(broken))
    s.update(
        "DELETE { GRAPH ?g { ?o <https://w3id.org/coop-kg/ontology#charStart> ?x } } "
        "WHERE { GRAPH ?g { ?o a <http://purl.org/linked-data/cube#Observation> ; "
        "<https://w3id.org/coop-kg/ontology#charStart> ?x } }"
    )
    del s
    res = run("validate", "--store", broken, ok=False)
    assert res.exit_code == 1
    assert "charStart" in res.output and "SHACL violation" in res.output


def test_figure_conflicts_lists_each_conflicting_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, value in (("a", "783"), ("b", "790"), ("c", "783")):
        (folder / f"{name}.txt").write_text(
            f"Tổng kết kinh tế tập thể tỉnh Đắk Lắk\n\nNăm 2023, toàn tỉnh Đắk Lắk có {value} HTX, tỉnh Đắk Lắk cho biết.\n",
            encoding="utf-8",
        )
    store = tmp_path / "store"
    run("build", folder, "--store", store, "-q")
    rows = _json("figure-conflicts", "--store", store)
    assert sorted((r["metric"], r["area"], r["period"], r["value"], r["articleId"]) for r in rows) == [
        ("cooperatives", "Đắk Lắk", "2023", "783", "a"),
        ("cooperatives", "Đắk Lắk", "2023", "783", "c"),
        ("cooperatives", "Đắk Lắk", "2023", "790", "b"),
    ]
