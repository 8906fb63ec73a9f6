"""Extraction: one `Doc` per article goes through an ordered list of small components.

Each component reads what earlier ones added and adds facts of its own; the list below
is the only place their order is decided. Extraction produces plain dataclasses with
character spans (`kg.extract.model`) and never imports RDF libraries: mapping facts to
RDF is `kg.mapping`'s job.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from kg import gazetteer
from kg.article import Article
from kg.extract.dates import Reference, find_dates
from kg.extract.events import extract_events
from kg.extract.figures import extract_figures
from kg.extract.model import Doc
from kg.extract.people import extract_people
from kg.extract.province import infer_province
from kg.extract.sentences import split_sentences


def add_sentences(doc: Doc) -> None:
    """Component: sentences with offsets."""
    doc.sentences = split_sentences(doc.text)


# An article that speaks for a region or several provinces is about none of them alone.
_REGIONAL = re.compile(
    r"toàn vùng|các tỉnh trong vùng|các tỉnh, thành phố trong vùng|\b\d+\s+tỉnh,\s*thành(?: phố)?\b"
    r"|vùng (?:Đồng bằng|đồng bằng|Trung du|trung du|Tây Nguyên|Đông Nam Bộ|Tây Bắc|Đông Bắc|Bắc Trung Bộ|duyên hải)",
)


def _supported(doc: Doc, province: str, reason: str) -> bool:
    """Whether the text's evidence for ``province`` makes it the article's province: not a
    regional or national story, a province that dominates the others named, and more than a
    single passing mention (or one backed by its districts and communes)."""
    if _REGIONAL.search(doc.text):
        return False
    if "district" in reason or "commune" in reason:
        return True  # its own districts and communes name it, whatever else is mentioned
    counts = Counter(p.name for p in gazetteer.find_places(doc.text) if p.kind == "province")
    ranked = counts.most_common(2)
    if len(ranked) == 2 and ranked[1][1] >= counts[province]:
        return False
    return counts[province] >= 2


def add_province(doc: Doc) -> None:
    """Component: the article's province, from the places it names (never guessed).

    Where the article names no place at all, the page's related-article teasers may still
    point to one province: provincial papers link to their own province's news. That is
    weaker evidence, used only then, and the reason says so.
    """
    doc.province, doc.province_reason = infer_province(f"{doc.article.title or ''}\n{doc.text}")
    if doc.province and not _supported(doc, doc.province, doc.province_reason):
        doc.province, doc.province_reason = None, f"not the article's own province ({doc.province_reason})"
    if doc.province is None and doc.article.page_tail and not gazetteer.find_places(doc.text):
        province, reason = infer_province(doc.article.page_tail)
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
