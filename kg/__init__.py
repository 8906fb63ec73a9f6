"""coop-kg: a knowledge graph of Vietnam's cooperative economy, built from news articles.

The library API is `extract`, `to_quads` and `Graph` (see `kg.api`); they are imported on first
use, so that ``import kg`` and the ``kg`` command start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Article", "Doc", "Graph", "extract", "to_quads"]

if TYPE_CHECKING:
    from kg.api import Graph, extract, to_quads
    from kg.article import Article
    from kg.extraction.doc import Doc


def __getattr__(name: str) -> Any:
    if name in ("Graph", "extract", "to_quads"):
        from kg import api

        return getattr(api, name)
    if name == "Article":
        from kg.article import Article

        return Article
    if name == "Doc":
        from kg.extraction.doc import Doc

        return Doc
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
