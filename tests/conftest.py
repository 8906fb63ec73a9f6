"""Shared fixtures: a real Oxigraph store on disk, built from seeds/ through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "baomoi-5k.jsonl"


def run(*args: str, ok: bool = True):
    """Run the kg CLI in-process; by default fail the test if it exits non-zero."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store built once from seeds/ for the whole session; tests must not write to it."""
    path = tmp_path_factory.mktemp("seed") / "store"
    run("build", SEEDS, "--store", path, "--quiet")
    return path


@pytest.fixture
def store_path(tmp_path) -> Path:
    return tmp_path / "store"
