"""Where the shipped ontology and named queries are.

In an installed wheel they sit inside the package (``kg/ontology``, ``kg/queries``); in a
source checkout or an editable install they are the repository's top-level ``ontology/``
and ``queries/`` folders, where people edit them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ folder is missing from this installation")


def queries_dir() -> Path:
    return _folder("queries")


def ontology_dir() -> Path:
    return _folder("ontology")
