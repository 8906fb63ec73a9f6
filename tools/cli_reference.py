"""The body of docs/cli.md: each command's ``--help`` as the command prints it, and the named
queries with the parameters their ``# param:`` lines declare.

docs/cli.md calls `reference` from a cog block; ``python -m cogapp -r docs/cli.md`` remakes it
and the tests fail when it is stale. Help is rendered at a fixed width, so the page does not
depend on the terminal it was made in.
"""

from __future__ import annotations

import re

from click.testing import CliRunner

from kg.cli import cli
from kg.query import named_queries

WIDTH = 100


def command_help(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="kg", terminal_width=WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"kg {' '.join(args)} --help failed: {result.output}")
    return result.output.rstrip()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").strip()


def named_query_table() -> str:
    """One row per named query: what it answers, its parameters, its columns."""
    rows = [
        "| query | what it answers | parameters (`--param NAME=VALUE`) | columns |",
        "| --- | --- | --- | --- |",
    ]
    for name, query in named_queries().items():
        params = "<br>".join(
            f"`{p}` ({'required' if required else 'optional'}): {_cell(text)}"
            for p, required, text in query.params
        )
        columns = re.search(r"^#\s*columns:\s*(.+)$", query.text, re.M)
        rows.append(
            f"| `{name}` | {_cell(query.title)} | {params or 'none'} | "
            f"{_cell(columns.group(1)) if columns else ''} |"
        )
    return "\n".join(rows)


def reference() -> str:
    parts = ["## `kg`", "", "```text", command_help(), "```", ""]
    for name in cli.commands:
        parts += [f"## `kg {name}`", "", "```text", command_help(name), "```", ""]
        if name == "query":
            parts += ["### Named queries", "", named_query_table(), ""]
    return "\n".join(parts)
