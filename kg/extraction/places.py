"""The places layer: one scan of the gazetteer over the article's text, and one over its headline."""

from __future__ import annotations

from kg.extraction.component import component
from kg.extraction.doc import Doc, Layer
from kg.gazetteer import find_places


@component("places", adds=["places", "title_places"])
def add_places(doc: Doc) -> None:
    """Provinces, districts and communes the text names (`kg.gazetteer.find_places`)."""
    doc.add("places", Layer(find_places(doc.text, normalized=True)))
    title = doc.article.title
    doc.add("title_places", tuple(find_places(title, normalized=True)) if title else ())
