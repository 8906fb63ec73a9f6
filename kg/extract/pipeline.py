"""Extraction: one `Doc` per article goes through an ordered list of small components.

Each component reads what earlier ones added and adds facts of its own; the list below
is the only place their order is decided. Extraction produces plain dataclasses with
character spans (`kg.extract.model`) and never imports RDF libraries: mapping facts to
RDF is `kg.mapping`'s job.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.article import Article
from kg.extract import gazetteer
from kg.extract.dates import Reference, find_dates
from kg.extract.events import extract_events
from kg.extract.figures import extract_figures
from kg.extract.model import Doc
from kg.extract.people import extract_people
from kg.extract.sentences import split_sentences


def add_sentences(doc: Doc) -> None:
    """Component: sentences with offsets."""
    doc.sentences = split_sentences(doc.text)


def add_province(doc: Doc) -> None:
    """Component: the article's province, from the places it names (never guessed).

    Where the article names no place at all, the page's related-article teasers may still
    point to one province: provincial papers link to their own province's news. That is
    weaker evidence, used only then, and the reason says so.
    """
    doc.province, doc.province_reason = gazetteer.infer_province(f"{doc.article.title or ''}\n{doc.text}")
    if doc.province is None and doc.article.page_tail and not gazetteer.find_places(doc.text):
        province, reason = gazetteer.infer_province(doc.article.page_tail)
        if province:
            doc.province, doc.province_reason = province, f"the page's related articles: {reason}"


def add_dates(doc: Doc) -> None:
    """Component: every date and period, partial ones resolved against the article's date."""
    doc.reference = Reference.from_published(doc.article.published, doc.text)
    doc.dates = find_dates(doc.text, doc.reference)


PIPELINE: list[tuple[str, Callable[[Doc], None]]] = [
    ("sentences", add_sentences),
    ("province", add_province),
    ("dates", add_dates),
    ("people", extract_people),
    ("figures", extract_figures),
    ("events", extract_events),
]


def extract(article: Article) -> Doc:
    """Run every component over one article."""
    doc = Doc(article=article)
    for _name, component in PIPELINE:
        component(doc)
    return doc
