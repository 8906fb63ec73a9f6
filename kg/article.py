"""Reading articles from disk: plain-text pages, HTML pages and JSON Lines, in any usual encoding.

Every reader yields `Article` records or `InputError`s, never raises for one bad file or
line, so a batch goes on past it. Text is NFC with the traditional tone placement (see
`kg.text`), and the body is cleaned of page furniture by `kg.clean`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kg.clean import clean_lines
from kg.errors import InputError
from kg.text import normalize_text, parse_published

MAX_BYTES = 20 * 1024 * 1024  # a news page is ~100 kB; anything this big is not one article
MAX_RECORD_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass
class Article:
    """One article, cleaned: the unit the extractor reads and the store keeps as one named graph."""

    id: str
    source: str
    text: str
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    page_tail: str = ""
    content_hash: str = ""

    def __post_init__(self) -> None:
        # every layer below matches normalised text: NFD or the newer tone placement would
        # silently find nothing ("Hoà Bình", "Chủ tịch" in decomposed form)
        self.text = normalize_text(self.text)
        if self.title:
            self.title = normalize_text(self.title)
        if not self.content_hash:
            basis = "\x1f".join(
                [self.title or "", self.published or "", self.url or "", self.text, self.page_tail]
            )
            self.content_hash = hashlib.sha256(basis.encode("utf-8")).hexdigest()


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused."""
    if not data.strip():
        raise InputError(source, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(source, f"not valid UTF-16 ({e.reason} at byte {e.start})") from None
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(source, f"not UTF-8 or UTF-16 text (bad byte at {e.start})") from None


def _prepare(text: str) -> str:
    text = normalize_text(text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\ufeff", "")


def _article(
    aid: str,
    source: str,
    text: str,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    authors: list[str] | None = None,
) -> Article:
    page = clean_lines(_prepare(text).split("\n"), title=_prepare(title).strip() if title else None)
    if not page.body:
        raise InputError(source, "no article text after removing page furniture")
    return Article(
        id=aid,
        source=source,
        text=page.text,
        title=page.title,
        published=(parse_published(published) if published else None) or page.published,
        authors=authors or page.authors,
        url=url,
        page_tail=page.tail,
    )


def read_text_page(path: Path | str, data: bytes) -> Article:
    """A plain-text page: the headline is the first meaningful line. ``path`` may be a URL."""
    return _article(PurePosixPath(str(path)).stem, str(path), decode(data, str(path)))


def page_article(
    page: str, *, article_id: str | None = None, published: str | None = None, url: str | None = None
) -> Article:
    """A page given as text, read as a ``.txt`` page is read (headline, stamp, byline and page
    furniture found, text normalised); its id defaults to a digest of the page."""
    aid = article_id or "page-" + hashlib.sha256(page.encode("utf-8")).hexdigest()[:12]
    return _article(aid, url or aid, page, published=published, url=url)


def read_html_page(path: Path | str, data: bytes) -> Article:
    """An HTML page: main text and metadata through trafilatura, then the same cleaning."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    html = decode(data, str(path))
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise InputError(str(path), "no main text found in the HTML page")
    authors = [a.strip() for a in re.split(r"[;,]", doc.author or "") if a.strip()]
    return _article(
        PurePosixPath(str(path)).stem,
        str(path),
        doc.text,
        title=doc.title,
        published=doc.date,
        url=doc.url,
        authors=authors,
    )


def open_binary(path: Path | str):
    """A local file, or any fsspec URL (s3://, gs://, https://, memory://...) where fsspec can reach it."""
    if isinstance(path, str) and "://" in path:
        import fsspec

        return fsspec.open(path, "rb").open()
    return Path(path).open("rb")


def read_jsonl(path: Path | str, start: int = 0, stop: int | None = None) -> Iterator[Article | InputError]:
    """JSON Lines, one article a line (``id, url, title, published, text``); a bad line is reported.
    ``start``/``stop`` read only lines start+1 .. stop (a partition of a large file)."""
    try:
        handle = open_binary(path)
    except (OSError, ValueError) as e:
        yield InputError(str(path), e.strerror or str(e))
        return
    with handle:
        for lineno, raw in enumerate(handle, 1):
            if lineno <= start:
                continue
            if stop is not None and lineno > stop:
                break
            source = f"{path}:{lineno}"
            if not raw.strip():
                continue
            if len(raw) > MAX_RECORD_BYTES:
                yield InputError(source, f"record of {len(raw):,} bytes is larger than {MAX_RECORD_BYTES:,}")
                continue
            try:
                record = json.loads(decode(raw, source))
                if not isinstance(record, dict):
                    raise InputError(source, "line is not a JSON object")
                text = record.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise InputError(source, "record has no text")
                aid = str(record.get("id") or f"{PurePosixPath(str(path)).stem}-{lineno}")
                yield _article(
                    aid,
                    source,
                    text,
                    title=record.get("title") or None,
                    published=record.get("published") or None,
                    url=record.get("url") or None,
                )
            except InputError as e:
                yield e
            except json.JSONDecodeError as e:
                yield InputError(source, f"malformed JSON ({e.msg} at column {e.colno})")


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Files named, and the readable files under folders named, in a stable order."""
    for p in paths:
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield p


def read_paths(paths: list[Path]) -> Iterator[Article | InputError]:
    """Every article under ``paths``; unreadable files come out as `InputError` values."""
    for path in iter_files(paths):
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path)
            continue
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise InputError(str(path), f"file of {size:,} bytes is larger than {MAX_BYTES:,}")
            data = path.read_bytes()
            yield read_html_page(path, data) if suffix in HTML_SUFFIXES else read_text_page(path, data)
        except InputError as e:
            yield e
        except OSError as e:
            yield InputError(str(path), e.strerror or str(e))
