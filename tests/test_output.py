"""What comes out: files written whole or not at all and never over a file unasked or into a store;
untrusted text made safe for the terminal and spreadsheets; errors as one line."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS, run

from kg.store import open_store

ARTICLE = "000_18207d1d6100cecb"


def _quads(store) -> list[str]:
    return sorted(str(q) for q in open_store(store, read_only=True))


def test_export_loses_no_file_and_replaces_one_only_with_force(seed_store, tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("precious", encoding="utf-8")
    res = run("export", "--store", seed_store, "--article", "NO-SUCH-ID", "-o", target, "--force", ok=False)
    assert res.output == "Error: no article 'NO-SUCH-ID' in the store (kg query articles lists them)\n"
    assert target.read_text(encoding="utf-8") == "precious"
    res = run("export", "--store", seed_store, "-o", target, ok=False)
    assert res.output == f"Error: {target} exists; --force replaces it\n"
    assert target.read_text(encoding="utf-8") == "precious"
    run("export", "--store", seed_store, "-o", target, "--force")
    assert "@prefix coop:" in target.read_text(encoding="utf-8")
    assert "@prefix coop:" in run("export", "--store", seed_store, "-o", "-").output
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temporary file left behind


def test_nothing_is_written_inside_a_store(tmp_path):
    store = tmp_path / "store"
    run("build", SEEDS / f"{ARTICLE}.txt", "--store", store, "-q")
    before, files = _quads(store), sorted(p.name for p in store.iterdir())
    for target in (store / "graph.ttl", store / "CURRENT"):
        res = run("export", "--store", store, "-o", target, "--force", ok=False)
        assert res.output == f"Error: will not write {target}: it is inside the store folder {store}\n"
    res = run("viz", "Huỳnh Bài", "--store", store, "-o", store / "hb.svg", ok=False)
    assert res.output.startswith("Error: will not write")
    res = run("extract", SEEDS, "--out", store / "shards", ok=False)
    assert res.output.startswith(
        f"Error: will not write shards to {store / 'shards'}: it is inside the store"
    )
    assert sorted(p.name for p in store.iterdir()) == files and _quads(store) == before


def test_viz_and_plot_do_not_overwrite_without_force(seed_store, tmp_path):
    for command in (
        ("viz", "Huỳnh Bài", "--store", seed_store, "-o"),
        ("plot", "cooperatives", "--province", "Đắk Lắk", "--store", seed_store, "-o"),
    ):
        target = tmp_path / f"{command[0]}.svg"
        target.write_text("mine", encoding="utf-8")
        res = run(*command, target, ok=False)
        assert res.output == f"Error: {target} exists; --force replaces it\n"
        assert target.read_text(encoding="utf-8") == "mine"
        assert run(*command, target, "--force").output.startswith(f"wrote {target}:")
        assert "<svg" in target.read_text(encoding="utf-8")


def test_output_file_errors_are_one_line(seed_store, tmp_path):
    missing = tmp_path / "no" / "such" / "folder" / "g.ttl"
    res = run("export", "--store", seed_store, "-o", missing, ok=False)
    assert res.output == f"Error: cannot write {missing}: there is no folder {missing.parent}\n"
    if os.path.exists("/dev/full"):
        res = run("export", "--store", seed_store, "-o", "/dev/full", "--force", ok=False)
        assert (
            res.output
            == "Error: will not write /dev/full: it is not a regular file (use -o - for standard output)\n"
        )
    locked = tmp_path / "locked.ttl"
    locked.write_text("keep", encoding="utf-8")
    locked.chmod(0o444)
    res = run("export", "--store", seed_store, "-o", locked, "--force", ok=False)
    assert res.output == f"Error: will not replace {locked}: it is read-only\n"
    assert locked.read_text(encoding="utf-8") == "keep"


ATTACK = '=HYPERLINK("http://evil.example","x") \x1b]0;pwned\x07\x1b[2J giá $5'


@pytest.fixture(scope="module")
def attacking_store(tmp_path_factory):
    """The first sample with a title and a person's name written to attack whoever reads them."""
    folder = tmp_path_factory.mktemp("hostile")
    text = (SEEDS / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    title, rest = text.split("\n", 1)
    (folder / f"{ARTICLE}.txt").write_text(f"{ATTACK} {title}\n{rest}", encoding="utf-8")
    store = folder / "store"
    run("build", folder, "--store", store, "-q")
    return store


def test_untrusted_titles_are_shown_not_obeyed_and_not_run_as_formulas(attacking_store):
    shown = run("show", ARTICLE, "--store", attacking_store).output
    assert "HYPERLINK" in shown and "giá $5" in shown
    assert "\x1b" not in shown and "\x07" not in shown and "pwned" not in shown  # the whole sequence goes
    table = run("query", "articles", "--store", attacking_store).output
    assert "HYPERLINK" in table and "\x1b" not in table
    rows = list(
        csv.reader(
            io.StringIO(run("query", "articles", "--store", attacking_store, "--format", "csv").output)
        )
    )
    title = rows[1][rows[0].index("title")]
    assert title.startswith("'=HYPERLINK") and "pwned" in title  # kept, but never a formula
    tsv = run("query", "articles", "--store", attacking_store, "--format", "tsv").output
    assert "\t\"'" in tsv.splitlines()[1]
    data = json.loads(run("query", "articles", "--store", attacking_store, "--format", "json").output)
    assert data["results"]["bindings"][0]["title"]["value"].startswith(ATTACK)  # the data as it is


def test_eval_on_a_file_that_is_not_gold_is_one_line(seed_store, tmp_path):
    for name, content, message in [
        ("broken.json", '{"articles": {', "not a gold file: malformed JSON"),
        ("list.json", "[1, 2]", 'not a gold file: no "articles" object'),
        (
            "shape.json",
            '{"articles": {"000_18207d1d6100cecb": {"people": 5}}}',
            "not a gold file of the expected shape",
        ),
    ]:
        gold = tmp_path / name
        gold.write_text(content, encoding="utf-8")
        res = run("eval", gold, "--store", seed_store, ok=False)
        assert res.exit_code == 1 and res.output.startswith(f"Error: {gold}: {message}"), res.output
        assert res.output.count("\n") == 1


def test_a_traceback_is_never_what_a_bad_shard_folder_prints(tmp_path):
    """The same checks through the command as a user runs it: one line on standard error."""
    shards = tmp_path / "shards"
    shutil.copytree(SEEDS, tmp_path / "in")
    run("extract", tmp_path / "in", "--out", shards)
    (shards / "manifest.jsonl").write_text("not json\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "load", str(shards), "--store", str(tmp_path / "store")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 1
    assert (
        proc.stderr
        == f"Error: {shards / 'manifest.jsonl'}:1: malformed JSON; run kg extract again to remake it\n"
    )
    assert not (tmp_path / "store").exists()
