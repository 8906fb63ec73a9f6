"""The places layer: one scan of the gazetteer over the article's text, and one over its headline."""

from __future__ import annotations

from functools import lru_cache

from kg.extraction.component import component
from kg.extraction.doc import Doc, Layer
from kg.gazetteer import find_places, new_province
from kg.text import fold


@component("places", adds=["places", "title_places", "new_names"])
def add_places(doc: Doc) -> None:
    """Provinces, districts and communes the text names (`kg.gazetteer.find_places`), and the
    provinces it writes by their names since July 2025 ("Huế" for Thừa Thiên Huế)."""
    places = Layer(find_places(doc.text, normalized=True))
    doc.add("places", places)
    title = doc.article.title
    doc.add("title_places", tuple(find_places(title, normalized=True)) if title else ())
    new_names: dict[str, str] = {}
    for p in places:
        if p.kind == "province" and p.name not in new_names and is_new_name(p.surface, p.name):
            new_names[p.name] = p.surface
    doc.add("new_names", new_names)


@lru_cache(maxsize=4096)
def is_new_name(surface: str, name: str) -> bool:
    """A province written by its name after July 2025 ("Huế" for Thừa Thiên Huế), not by a
    spelling ("Đăk Lăk") or an abbreviation ("TT-Huế", "TPHCM") of its old name."""
    new = new_province(surface)
    return bool(new and fold(new.name) == fold(surface) and fold(new.name) != fold(name))
