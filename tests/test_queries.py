"""Named queries with parameters, through the real CLI on a real store: every parameter narrows the
answer to exactly the rows of the whole answer it should keep; pages of --limit/--offset add up
to the whole answer; a name that matches nothing or several nodes says so."""

from __future__ import annotations

import json
import shutil
import warnings
from collections import defaultdict

import pytest
from conftest import SEEDS, run

import kg
from kg.errors import Note
from kg.query import named_queries
from kg.text import period_end

# Two cooperative alliances whose chairmen share a name, in Gia Lai and in Bình Định (which became
# part of Gia Lai in 2025): the same name is two people, and "Gia Lai" today takes in both.
GIA_LAI = """Liên minh HTX tỉnh Gia Lai tổng kết năm 2023

Thứ sáu - 12/01/2024 08:30
Sáng 12/1, Liên minh HTX tỉnh Gia Lai tổ chức hội nghị tổng kết năm 2023 và triển khai nhiệm vụ năm 2024.
Dự hội nghị có đồng chí Nguyễn Văn Hùng, Chủ tịch Liên minh HTX tỉnh Gia Lai cùng đại diện các sở, ngành.
Theo báo cáo, đến cuối năm 2023, toàn tỉnh có 450 HTX, thu hút 25.000 thành viên.
Năm 2024, Liên minh HTX tỉnh phấn đấu thành lập mới ít nhất 40 HTX.
"""
BINH_DINH = """Liên minh HTX tỉnh Bình Định tổ chức Đại hội đại biểu lần thứ VI

Thứ ba - 15/08/2023 09:15
Sáng 15/8, Liên minh HTX tỉnh Bình Định tổ chức Đại hội đại biểu lần thứ VI, nhiệm kỳ 2023-2028.
Đồng chí Nguyễn Văn Hùng, Chủ tịch Liên minh HTX tỉnh Bình Định phát biểu khai mạc đại hội.
Đến năm 2022, toàn tỉnh có 320 HTX với 18.000 thành viên.
"""
HUNG_GIA_LAI = "https://w3id.org/coop-kg/id/person/gia-lai/nguyen-van-hung-e860ac"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The seeds and the two alliance pages, built once; tests only read it."""
    folder = tmp_path_factory.mktemp("pages")
    for page in SEEDS.glob("*.txt"):
        shutil.copy(page, folder)
    (folder / "gia-lai.txt").write_text(GIA_LAI, encoding="utf-8")
    (folder / "binh-dinh.txt").write_text(BINH_DINH, encoding="utf-8")
    path = folder / "store"
    run("build", folder, "--store", path, "-q")
    return path


def rows(store, name, *params, **options):
    """The rows of ``kg query NAME --param ...`` as dicts of strings, in their order."""
    args = ["query", name, "--store", store, "--format", "json"]
    for p in params:
        args += ["--param", p]
    for option, value in options.items():
        args += [f"--{option}", value]
    data = json.loads(run(*args).stdout)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def _key(row):
    return tuple(sorted(row.items()))


def _ends(row):
    return period_end(row["period"]) if row.get("period") else None


def test_a_new_province_takes_in_the_old_ones_merged_into_it(store):
    everything = rows(store, "figures")
    gia_lai = rows(store, "figures", "province=Gia Lai")
    assert {r["province"] for r in gia_lai} == {"Gia Lai", "Bình Định"}
    assert sorted(map(_key, gia_lai)) == sorted(
        _key(r) for r in everything if r.get("province") in {"Gia Lai", "Bình Định"}
    )
    assert {r["province"] for r in rows(store, "figures", "province=binh dinh")} == {"Bình Định"}
    assert rows(store, "figures", "province=tỉnh Gia Lai") == gia_lai
    # a province no figure is about answers nothing, at once
    assert rows(store, "figures", "province=Cà Mau") == []


def test_figures_by_metric_status_measure_and_period(store):
    everything = rows(store, "figures")
    cases = {
        "metric=cooperatives": lambda r: r["metric"] == "cooperatives",
        "metric=số hợp tác xã": lambda r: r["metric"] == "cooperatives",  # a label does as well as an id
        "status=target": lambda r: r["status"] == "target",
        "measure=level": lambda r: r["measure"] == "level",
        "from=2023": lambda r: _ends(r) is not None and _ends(r) >= "2023-01-01",
        "to=2021-06": lambda r: _ends(r) is not None and _ends(r) <= "2021-06-30",
        "minConfidence=0.9": lambda r: float(r["confidence"]) >= 0.9,
    }
    for param, keep in cases.items():
        got = rows(store, "figures", param)
        want = [r for r in everything if keep(r)]
        assert got and sorted(map(_key, got)) == sorted(map(_key, want)), param
        assert len(got) < len(everything), param
    combined = rows(store, "figures", "province=Gia Lai", "metric=cooperatives", "from=2020-01-01")
    assert [(r["value"], r["articleId"]) for r in combined] == [("320", "binh-dinh"), ("450", "gia-lai")]


def test_figure_counts_agree_with_the_figures_they_count(store):
    reported = defaultdict(list)
    for r in rows(store, "figures"):
        if "province" in r:
            reported[r["province"], r["metric"]].append(r)
    counts = {(r["area"], r["metric"]): r for r in rows(store, "figure-counts") if r["area"] != "Việt Nam"}
    assert set(counts) == set(reported)
    for key, figures in reported.items():
        assert int(counts[key]["figures"]) == len(figures), key
        assert int(counts[key]["articles"]) == len({f["articleId"] for f in figures}), key
        ends = sorted(e for e in map(_ends, figures) if e)
        assert (counts[key].get("firstPeriodEnd"), counts[key].get("lastPeriodEnd")) == (
            (ends[0], ends[-1]) if ends else (None, None)
        ), key
    narrowed = rows(store, "figure-counts", "province=Gia Lai", "metric=cooperatives")
    assert [(r["area"], r["figures"]) for r in narrowed] == [("Bình Định", "1"), ("Gia Lai", "1")]


def test_people_roles_by_name_org_role_and_province(store):
    everything = rows(store, "people-roles")
    assert {r["person"] for r in rows(store, "people-roles", "name=huỳnh bài")} == {
        r["person"] for r in everything if r["name"] == "Huỳnh Bài"
    }
    by_org = rows(store, "people-roles", "org=Liên minh Hợp tác xã tỉnh Gia Lai")  # HTX written out
    assert [(r["name"], r["orgName"]) for r in by_org] == [("Nguyễn Văn Hùng", "Liên minh HTX tỉnh Gia Lai")]
    chairs = rows(store, "people-roles", "role=chu tich")
    assert sorted(map(_key, chairs)) == sorted(_key(r) for r in everything if r["role"] == "Chủ tịch")
    dak_lak = rows(store, "people-roles", "province=Đăk Lăk")
    assert dak_lak and sorted(map(_key, dak_lak)) == sorted(
        _key(r) for r in everything if r.get("province") == "Đắk Lắk"
    )
    both = rows(store, "people-roles", "province=Gia Lai", "role=Chủ tịch")
    assert {r["province"] for r in both} == {"Gia Lai", "Bình Định"}


def test_events_by_province_kind_and_date(store):
    everything = rows(store, "events")
    cases = {
        "province=Đắk Lắk": lambda r: r.get("place") == "Đắk Lắk",
        "kind=congress": lambda r: r["kind"] == "congress",
        "kind=Hội nghị": lambda r: r["kind"] == "conference",
        "from=2024": lambda r: r.get("date", "")[:4] >= "2024",
        "to=2021-04-08": lambda r: "date" in r and r["date"][:10] <= "2021-04-08",
    }
    for param, keep in cases.items():
        got = rows(store, "events", param)
        assert got and sorted(map(_key, got)) == sorted(_key(r) for r in everything if keep(r)), param
        assert len(got) < len(everything), param


def test_articles_by_province_and_publication_date(store):
    assert [r["articleId"] for r in rows(store, "articles", "province=Phú Thọ")] == ["004_f61154e481df3f8c"]
    got = rows(store, "articles", "from=2021", "to=2023-09-20")
    assert [r["articleId"][:3] for r in got] == ["000", "001", "003", "bin"]


def test_pages_add_up_to_the_whole_answer_in_a_stable_order(store):
    for name in ("people-roles", "figures", "events", "articles"):
        everything = rows(store, name)
        pages = [
            rows(store, name, limit="4", offset=str(start)) for start in range(0, len(everything) + 4, 4)
        ]
        assert all(len(p) <= 4 for p in pages)
        assert [r for p in pages for r in p] == everything, name
    assert (
        rows(store, "figures", "province=Gia Lai", limit="2", offset="1")
        == rows(store, "figures", "province=Gia Lai")[1:3]
    )
    assert rows(store, "figures", limit="0") == []


def test_the_library_pages_and_binds_parameters_as_the_cli_does(store):
    with kg.Graph(store, read_only=True) as graph:
        page = graph.query("figures", province="Gia Lai", metric="cooperatives", limit=1, offset=1)
        assert [(r["value"], r["articleId"]) for r in page] == [(450, "gia-lai")]


def test_a_name_that_matches_nothing_answers_nothing_and_says_so(store):
    result = run("query", "people-roles", "--store", store, "--param", "name=Không Có Ai", "--format", "csv")
    assert result.stdout.split() == ["person,name,role,org,orgName,province,articleId,confidence"]
    assert result.stderr == "note: no person named 'Không Có Ai' in the store: the answer is empty\n"
    with kg.Graph(store, read_only=True) as graph, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert graph.query("person", name="Không Có Ai") == []
    assert [w.category for w in caught] == [Note]


def test_a_name_that_matches_several_nodes_answers_for_all_and_says_so(store):
    result = run(
        "query", "people-roles", "--store", store, "--param", "name=nguyen van hung", "--format", "json"
    )
    people = {b["person"]["value"] for b in json.loads(result.stdout)["results"]["bindings"]}
    assert people == {HUNG_GIA_LAI, HUNG_GIA_LAI.replace("gia-lai", "binh-dinh")}
    assert result.stderr.startswith("note: 'nguyen van hung' names 2 people: kgid:person/binh-dinh/")
    assert "--param name=IRI picks one" in result.stderr
    # written as the graph writes it, the name still names both; an IRI names one
    assert len(rows(store, "person", "name=Nguyễn Văn Hùng")) > len(
        rows(store, "person", f"name={HUNG_GIA_LAI}")
    )
    one = rows(store, "people-roles", "name=kgid:person/gia-lai/nguyen-van-hung-e860ac")
    assert [(r["person"], r["province"]) for r in one] == [(HUNG_GIA_LAI, "Gia Lai")]


def test_parameters_that_cannot_mean_anything_are_one_line_errors(store):
    cases = {
        ("figures", "province=Atlantis"): "Error: unknown province 'Atlantis'",
        ("figures", "metric=bananas"): "Error: unknown metric 'bananas'; it is one of: ",
        ("figures", "from=2023-13"): "Error: '2023-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        ("events", "kind=party"): "Error: unknown kind 'party'; it is one of: anniversary, award, conference",
        ("figures", "name=Huỳnh Bài"): "Error: query 'figures' takes no parameter name",
        ("figures", "minConfidence=1.5"): "Error: minConfidence takes a number from 0 to 1, not '1.5'",
    }
    for (name, param), message in cases.items():
        result = run("query", name, "--store", store, "--param", param, ok=False)
        assert result.exit_code == 1 and result.output.startswith(message), result.output
        assert len(result.output.splitlines()) == 1
    result = run("query", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", "--store", store, "--limit", "2", ok=False)
    assert result.output.startswith("Error: the query has its own LIMIT or OFFSET")


def test_query_list_shows_every_parameter_with_what_it_takes():
    out = run("query", "--list").output
    for name, query in named_queries().items():
        assert f"\n{name} " in f"\n{out}"
        for param, required, text in query.params:
            assert f"--param {param}=...  ({'required' if required else 'optional'}) {text}" in out


def test_a_national_figure_reads_viet_nam_as_its_area(tmp_path):
    page = tmp_path / "ca-nuoc.txt"
    page.write_text(
        "Kinh tế tập thể cả nước\n\nNăm 2016, cả nước có khoảng 12.000 hợp tác xã nông nghiệp.\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    run("build", page, "--store", store, "-q")
    out = json.loads(run("query", "figures", "--store", store, "--format", "json").output)
    rows = [{k: v["value"] for k, v in b.items()} for b in out["results"]["bindings"]]
    assert [(r["value"], r.get("province")) for r in rows] == [("12000", "Việt Nam")]
