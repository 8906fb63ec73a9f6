"""Scores on gold annotations must not fall below the floors in tests/gold/floors.json.

The sample articles are scored against tests/gold/seeds.json (a copy of the acceptance
file); floors only ever go up. The real-article gold set is scored too, where the corpus
it refers to is present beside the project.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, run

from kg.evaluate import evaluate, gold_inputs
from kg.store import open_store

GOLD = Path(__file__).parent / "gold"
FLOORS = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))


def _check(result: dict, floors: dict) -> list[str]:
    s = result["scores"]
    failures = []
    for name, floor in floors.items():
        if name == "boilerplate_figures_max":
            value = s["boilerplate_figures"]
            if value > floor:
                failures.append(f"{name}: {value} > {floor}")
            continue
        if name.startswith("article_province"):
            value = s["article_province"]["accuracy"]
        else:
            value = s[name]["f1"]
        if value < floor:
            failures.append(f"{name}: {value:.3f} < floor {floor}")
    return failures


def test_seed_scores_meet_floors(seed_store):
    result = evaluate(open_store(seed_store, read_only=True), GOLD / "seeds.json")
    assert not _check(result, FLOORS["seeds.json"]), result["misses"]
    assert result["boilerplate"] == []


def test_kg_eval_cli_prints_scores_and_json(seed_store, tmp_path):
    out = run("eval", GOLD / "seeds.json", "--store", seed_store).output
    assert "person_role_org" in out and "article_province" in out
    data = json.loads(run("eval", GOLD / "seeds.json", "--store", seed_store, "--json").output)
    assert set(data["scores"]) >= {"person_role_org", "figures_metric_value", "events_kind_date"}


def test_seed_provinces_and_dates(seed_store):
    rows = json.loads(run("query", "articles", "--store", seed_store, "--format", "json").output)
    arts = {
        b["articleId"]["value"][:3]: {k: v["value"] for k, v in b.items()}
        for b in rows["results"]["bindings"]
    }
    assert arts["000"]["province"] == "Đắk Lắk" and arts["002"]["province"] == "Đắk Lắk"
    assert arts["001"].get("province") in (None, "Đắk Lắk")
    assert "province" not in arts["003"]
    assert arts["004"]["province"] == "Hòa Bình" and arts["004"]["provinceNow"] == "Phú Thọ"
    assert arts["003"]["published"].startswith("2021-01-22")
    found = json.loads(
        run(
            "query", "articles", "--store", seed_store, "--format", "json", "--param", "province=Phú Thọ"
        ).output
    )["results"]["bindings"]
    assert [b["articleId"]["value"][:3] for b in found] == ["004"]


REAL_SETS = [name for name in FLOORS if name not in ("about", "seeds.json")]


@pytest.mark.parametrize("name", REAL_SETS)
def test_gold_set_scores_meet_floors(tmp_path, name):
    """Each gold set is built from its pages (tests/pages/) and its records of the real-article
    corpus, where that corpus is beside the project."""
    gold = json.loads((GOLD / name).read_text(encoding="utf-8"))["articles"]
    pages = [ROOT / "tests" / "pages" / "dev", ROOT / "tests" / "pages" / "heldout"]
    inputs = gold_inputs(GOLD / name, tmp_path, CORPUS, pages)
    if not CORPUS.exists() and len({p.stem for p in inputs}) < len(gold):
        pytest.skip("the real-article corpus is not beside the project")
    store = tmp_path / "store"
    run("build", *inputs, "--store", store, "-q")
    result = evaluate(open_store(store, read_only=True), GOLD / name)
    assert not _check(result, FLOORS[name]), "\n".join(result["misses"][:30])
