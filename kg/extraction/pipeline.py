"""Extraction: one `Doc` per article goes through an ordered list of components.

Layers first (sentences, places, dates, quantities, names, organisation mentions), each found
once; then the facts read from them (the article's province, posts, figures, events); then the
decisions that link facts of several kinds (the main event, awards, participants, the dates and
scopes of posts). Each component declares what it reads and adds; `check_order` verifies the list
below when this module is imported, so a component placed before what it needs fails at start-up.
Extraction produces plain dataclasses with character spans and never imports RDF libraries:
mapping facts to RDF is `kg.mapping`'s job.
"""

from __future__ import annotations

from kg.article import Article
from kg.extraction import (
    dates,
    events,
    figures,
    links,
    names,
    numbers,
    orgs,
    people,
    places,
    province,
    sentences,
)
from kg.extraction.component import Component, check_order
from kg.extraction.doc import Doc

PIPELINE: list[Component] = [
    # layers
    sentences.add_sentences,
    places.add_places,
    dates.add_dates,
    numbers.add_quantities,
    names.add_names,
    orgs.add_org_mentions,
    # facts
    province.add_province,
    people.extract_people,
    figures.extract_figures,
    events.extract_events,
    # decisions over several facts
    events.choose_main_event,
    events.extract_awards,
    links.link_participants,
    links.date_posts,
    links.scope_people,
    links.list_organizations,
]
check_order(PIPELINE)


def extract(article: Article) -> Doc:
    """Run every component over one article."""
    doc = Doc(article)
    for step in PIPELINE:
        step(doc)
    return doc
