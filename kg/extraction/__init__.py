"""Extraction: from a cleaned article to plain facts with spans. The components and their
order are in `kg.extraction.pipeline`; this package never imports RDF libraries."""
