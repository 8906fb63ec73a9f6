"""Run the extraction pipeline on a snippet of text, for small unit tests of the genre."""

from __future__ import annotations

from kg.article import Article
from kg.extraction.doc import Doc
from kg.extraction.pipeline import extract


def doc_of(text: str, published: str | None = "2023-05-10", title: str | None = None) -> Doc:
    return extract(Article(id="t", source="test", text=text, title=title, published=published))


def posts(text: str, **kw) -> set[tuple[str, str, str]]:
    """(name, role, organisation label) for every post the text reports."""
    return {(m.person, m.role, m.org.name if m.org else "") for m in doc_of(text, **kw).memberships}
