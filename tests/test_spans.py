"""The span rule, for every fact of every gold article: a fact's words are ``text[start:end]``,
inside its sentence, without stray spaces, and the graph's phrase and offsets say the same."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, SEEDS

from kg import vocab
from kg.article import read_jsonl, read_paths
from kg.build import article_quads
from kg.extraction.pipeline import extract

GOLD = ROOT / "tests" / "gold"


def _gold_articles():
    pages = [SEEDS, ROOT / "tests" / "pages" / "dev", ROOT / "tests" / "pages" / "heldout"]
    yield from (a for a in read_paths(pages) if not isinstance(a, Exception))
    if CORPUS.exists():
        ids = set()
        for path in GOLD.glob("*.json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            if "articles" in data:
                ids |= {k for k in data["articles"] if k.startswith("baomoi-")}
        with CORPUS.open(encoding="utf-8") as src, tempfile.TemporaryDirectory() as tmp:
            sample = Path(tmp) / "gold.jsonl"
            sample.write_text("".join(line for line in src if json.loads(line)["id"] in ids), "utf-8")
            yield from (a for a in read_jsonl(sample) if not isinstance(a, Exception))


ARTICLES = list(_gold_articles())


def test_there_are_gold_articles_to_check():
    assert len(ARTICLES) >= 5 + 64


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_every_fact_is_its_span(article):
    doc = extract(article)
    facts = [*doc.people, *doc.memberships, *doc.figures, *doc.events, *doc.participants, *doc.organizations]
    for fact in facts:
        words = doc.text_of(fact)
        sentence = doc.sentences[fact.sentence]
        assert sentence.start <= fact.start < fact.end <= sentence.end, (fact, words)
        assert words == words.strip() and words, (fact.rule, words)
    for person in doc.people:
        assert doc.text_of(person) == person.name
    for m in doc.memberships:
        assert m.person in doc.text_of(m), (m.person, doc.text_of(m))
    phrases = {}
    for q in article_quads(article):
        if q.predicate in (vocab.COOPT.phrase, vocab.COOPT.charStart, vocab.COOPT.charEnd):
            phrases.setdefault(q.subject, {})[q.predicate.value.rsplit("#", 1)[-1]] = q.object.value
    for node, p in phrases.items():
        if "phrase" in p:
            assert doc.text[int(p["charStart"]) : int(p["charEnd"])] == p["phrase"], node
