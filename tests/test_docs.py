"""docs/cli.md cannot drift from the commands: it is generated from their --help and checked."""

from __future__ import annotations

import contextlib
import io
import shutil

from cogapp import Cog
from conftest import ROOT

from kg.cli import cli
from kg.query import named_queries

CLI_MD = ROOT / "docs" / "cli.md"


def _cog_check(path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = Cog().main(["cog", "--check", "-I", str(ROOT), str(path)])
    return status, out.getvalue()


def test_cli_reference_is_what_the_commands_print():
    status, output = _cog_check(CLI_MD)
    assert status == 0, f"docs/cli.md is stale; remake it with: python -m cogapp -r docs/cli.md\n{output}"


def test_a_stale_reference_is_caught(tmp_path):
    stale = tmp_path / "cli.md"
    shutil.copy(CLI_MD, stale)
    text = stale.read_text(encoding="utf-8")
    stale.write_text(
        text.replace("Hops from the focus.", "Hops from the focus (old text)."), encoding="utf-8"
    )
    assert _cog_check(stale)[0] != 0


def test_every_command_and_named_query_parameter_is_in_the_reference():
    text = CLI_MD.read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"## `kg {name}`" in text and f"Usage: kg {name} " in text, name
    for name, query in named_queries().items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{name}` |"))
        for param, required, description in query.params:
            kind = "required" if required else "optional"
            assert f"`{param}` ({kind}): {description.replace('|', chr(92) + '|')}" in row, (name, param)


def test_readme_links_the_cli_reference():
    assert "(docs/cli.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_python_example_runs(tmp_path, monkeypatch):
    """The library example in README.md, run as written in a copy of the sample folder."""
    import re

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    space: dict = {}
    exec(compile(code, "README.md", "exec"), space)
    assert space["doc"].province == "Đắk Lắk"
    assert space["rows"] and all(r["province"] == "Đắk Lắk" for r in space["rows"])
    assert (tmp_path / "graph.ttl").stat().st_size > 0
