"""The codebase's shape: extraction stays free of RDF, vocabulary and ontology agree, tables
load, every query parses and runs, every command is documented."""

from __future__ import annotations

import ast
from pathlib import Path

import rdflib
from conftest import ROOT, run

from kg import vocab
from kg.cli import cli
from kg.query import named_queries
from kg.store import open_store

KG = ROOT / "kg"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _kg_imports(path: Path) -> set[str]:
    return {m for m in _imports(path) if m == "kg" or m.startswith("kg.")} | {
        m for m in _imports(path) if m.split(".")[0] in ("pyoxigraph", "rdflib")
    }


def _modules(*names: str) -> list[Path]:
    out = []
    for name in names:
        path = KG / name
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
    assert out and all(p.exists() for p in out), names
    return out


# The layers of README's "How it works", as imports: each module may import only the kg modules
# named here (and the libraries of its own layer).
LAYERS = {
    "text": set(),
    "data": {"kg.text"},
    "gazetteer": {"kg.text", "kg.data"},
    "errors": set(),
    "clean": {"kg.text", "kg.data"},
    "webpage": {"kg.text", "kg.clean", "kg.errors"},
    "article": {"kg.text", "kg.data", "kg.clean", "kg.webpage", "kg.errors"},
}


def test_lower_layers_import_only_the_layers_below_them():
    for name, allowed in LAYERS.items():
        for path in _modules(name):
            own = f"kg.{name}"
            found = {m for m in _kg_imports(path) if not m.startswith(own)}
            assert found <= allowed, f"{path.relative_to(ROOT)} imports {found - allowed}"


def test_extraction_never_imports_rdf_or_the_store():
    for path in _modules("extraction"):
        bad = {
            m
            for m in _kg_imports(path)
            if m.split(".")[0] in ("pyoxigraph", "rdflib")
            or m in ("kg.vocab", "kg.mapping", "kg.store", "kg.build", "kg.query", "kg.api")
        }
        assert not bad, f"{path.name} imports {bad}"


def test_reading_and_output_modules_import_nothing_from_extraction():
    for path in _modules(
        "article", "clean", "webpage", "query", "export", "show", "viz", "plot", "vocab", "stats"
    ):
        bad = {m for m in _kg_imports(path) if m.startswith("kg.extraction")}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_the_pipeline_checks_its_order():
    from kg.extraction.component import PipelineError, check_order
    from kg.extraction.pipeline import PIPELINE

    check_order(PIPELINE)
    people = next(c for c in PIPELINE if c.name == "people")
    try:
        check_order([people, *[c for c in PIPELINE if c is not people]])
    except PipelineError as e:
        assert "people" in str(e) and "reads" in str(e)
    else:
        raise AssertionError("a component placed before what it reads was accepted")


def test_every_vocabulary_term_is_declared_in_the_ontology_and_back():
    onto = rdflib.Graph().parse(ROOT / "ontology" / "coop.ttl")
    declared = {str(s)[len(vocab.COOP) :] for s in onto.subjects() if str(s).startswith(vocab.COOP)}
    assert vocab.COOPT.terms == declared


def test_metric_table_and_ontology_scheme_agree():
    from kg.data import load_table

    onto = rdflib.Graph().parse(ROOT / "ontology" / "coop.ttl")
    scheme = rdflib.URIRef(vocab.METRIC_NS)
    in_onto = {str(c)[len(vocab.METRIC_NS) :] for c in onto.subjects(rdflib.SKOS.inScheme, scheme)}
    in_table = {r["metric"] for r in load_table("metrics", ("metric",))}
    assert in_onto == in_table
    signals = {r["metric"] for r in load_table("metric_signals", ("metric",))}
    assert signals <= in_table


def test_every_data_table_loads():
    from kg.data import load_table

    for path in (KG / "data").glob("*.tsv"):
        assert load_table(path.stem, ()), path.name


def test_every_named_query_parses_and_runs(seed_store):
    store = open_store(seed_store, read_only=True)
    params = {"province-timeline": {"province": "Đắk Lắk"}, "person": {"name": "Huỳnh Bài"}}
    from kg.query import run as run_query

    for name, q in named_queries().items():
        assert q.title, f"{name}.rq has no '# title:' line"
        rows = list(run_query(store, q, params.get(name, {})))
        assert rows or name == "figure-conflicts", name


def test_every_command_has_help_with_an_example():
    for name, command in cli.commands.items():
        assert command.help and "Example:" in command.help, name
        assert run(name, "--help").exit_code == 0


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"kg {name}" in readme, name


def test_ci_runs_the_readme_test_command_exactly():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if line.startswith("TEST_COMMAND="))
    command = command.split("=", 1)[1].strip("'")
    assert f"```sh\n{command}\n```" in readme


def test_code_is_ruff_clean():
    import subprocess
    import sys

    folders = [name for name in ("kg", "tests", "bench", "tools") if (ROOT / name).is_dir()]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *folders], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
