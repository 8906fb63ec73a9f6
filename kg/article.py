"""Reading articles from disk: plain-text pages, HTML pages and JSON Lines, in any usual encoding.

Every reader yields `Article` records or `InputError`s, never raises for one bad file or
line, so a batch goes on past it. Text is NFC with the traditional tone placement (see
`kg.text`), and the body is cleaned of page furniture by `kg.clean`.

Only regular files are read (a named pipe would hang the batch, ``/dev/zero`` would fill memory),
each checked against the size limit before it is read; in a folder, a symbolic link is followed
only to a file or folder inside it (``follow_links`` follows any), and whatever is left out (a
link elsewhere, a broken link, a folder that cannot be read) is reported, never passed over.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kg.clean import clean_lines
from kg.errors import InputError
from kg.text import normalize_text, parse_published
from kg.webpage import read_webpage

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
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM; anything else is refused."""
    if not data.strip():
        raise InputError(source, "empty file")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: the same first bytes
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError as e:
            raise InputError(source, f"not valid UTF-32 ({e.reason} at byte {e.start})") from None
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
    """An HTML page: main text and metadata through trafilatura (`kg.webpage`), then the same cleaning."""
    page = read_webpage(decode(data, str(path)), str(path))
    return _article(
        PurePosixPath(str(path)).stem,
        str(path),
        page.text,
        title=page.title,
        published=page.published,
        url=page.url,
        authors=page.authors,
    )


_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def open_regular(path: Path | str, limit: int | None = None):
    """A regular file opened for reading bytes; anything else (a named pipe, a device, a socket,
    a folder) and a file over ``limit`` bytes is refused before a byte is read. The file is opened
    without blocking, so a pipe given by name is refused instead of waiting for a writer."""
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        raise InputError(source, e.strerror or str(e)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a file")
            raise InputError(source, f"not a regular file ({kind}); only files are read")
        if limit is not None and info.st_size > limit:
            raise InputError(source, f"file of {info.st_size:,} bytes is larger than {limit:,}")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path | str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see `open_regular`)."""
    with open_regular(path, limit) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew after it was measured
        raise InputError(str(path), f"file larger than {limit:,} bytes")
    return data


def open_binary(path: Path | str):
    """A local regular file, or any fsspec URL (s3://, gs://, https://, memory://...) where fsspec can reach it."""
    if isinstance(path, str) and "://" in path:
        import fsspec

        return fsspec.open(path, "rb").open()
    return open_regular(path)


def lines(
    handle, on_bytes: Callable[[int, bytes], None] | None = None
) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line, size) for each line of a binary file; the line is None when it is longer
    than MAX_RECORD_BYTES, and is then skipped without being held in memory. ``on_bytes`` sees
    every byte read, with the number of the line it belongs to (to hash a range of lines). Reads
    in blocks (fsspec's remote files have no bounded readline)."""
    lineno = size = 0
    kept: list[bytes] = []
    oversized = False
    while block := handle.read(1 << 16):
        start = 0
        while start < len(block):
            end = block.find(b"\n", start)
            piece = block[start:] if end < 0 else block[start : end + 1]
            if on_bytes:
                on_bytes(lineno + 1, piece)
            size += len(piece)
            if not oversized:
                kept.append(piece)
                if size > MAX_RECORD_BYTES:
                    oversized, kept = True, []
            if end < 0:
                break
            lineno += 1
            yield lineno, None if oversized else b"".join(kept), size
            size, kept, oversized = 0, [], False
            start = end + 1
    if size:
        yield lineno + 1, None if oversized else b"".join(kept), size


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _field(record: dict, name: str, source: str, types: tuple[type, ...] = (str,)) -> object:
    """A field of a JSON record, of one of ``types`` or absent; anything else is this record's error."""
    value = record.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, types):
        kind = {list: "a list", dict: "an object", bool: "true or false", int: "a number", float: "a number"}
        raise InputError(
            source, f"record's {name} is {kind.get(type(value), type(value).__name__)}, not text"
        )
    if isinstance(value, str) and _SURROGATE.search(value):
        raise InputError(source, f"record's {name} holds an unpaired surrogate (\\ud800-\\udfff), not text")
    return value


def _record(raw: bytes, source: str, default_id: str) -> Article:
    try:
        record = json.loads(decode(raw, source))
    except json.JSONDecodeError as e:
        raise InputError(source, f"malformed JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise InputError(source, "malformed JSON (nested too deeply)") from None
    except ValueError as e:  # an integer of thousands of digits, ...
        raise InputError(source, f"malformed JSON ({e})") from None
    if not isinstance(record, dict):
        raise InputError(source, "line is not a JSON object")
    text = _field(record, "text", source)
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "record has no text")
    aid = _field(record, "id", source, (str, int))
    return _article(
        str(aid) if aid is not None and str(aid).strip() else default_id,
        source,
        text,
        title=_field(record, "title", source),  # type: ignore[arg-type]
        published=_field(record, "published", source),  # type: ignore[arg-type]
        url=_field(record, "url", source),  # type: ignore[arg-type]
    )


def read_jsonl(
    path: Path | str,
    start: int = 0,
    stop: int | None = None,
    on_bytes: Callable[[int, bytes], None] | None = None,
) -> Iterator[Article | InputError]:
    """JSON Lines, one article a line (``id, url, title, published, text``); a bad line is reported
    with its file and line, and the lines after it are read. ``start``/``stop`` read only lines
    start+1 .. stop (a partition of a large file)."""
    try:
        handle = open_binary(path)
    except InputError as e:
        yield e
        return
    except (OSError, ValueError) as e:
        yield InputError(str(path), getattr(e, "strerror", None) or str(e))
        return
    stem = PurePosixPath(str(path)).stem
    with handle:
        for lineno, raw, size in lines(handle, on_bytes):
            if lineno <= start:
                continue
            source = f"{path}:{lineno}"
            if raw is None:
                yield InputError(source, f"record of {size:,} bytes is larger than {MAX_RECORD_BYTES:,}")
            elif raw.strip():
                try:
                    yield _record(raw, source, f"{stem}-{lineno}")
                except InputError as e:
                    yield e
                except Exception as e:  # a record no rule foresaw: it fails alone, the batch goes on
                    yield InputError(source, f"cannot read the record: {type(e).__name__}: {e}")
            if stop is not None and lineno >= stop:
                break


def _suffix(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def _walk(root: Path, follow_links: bool) -> Iterator[tuple[str, Path | InputError]]:
    """(sort key, file or report) for the article files under ``root``; see the module docstring."""
    top = Path(os.path.realpath(root))
    seen = {top}

    def inside(target: Path) -> bool:
        return target == top or top in target.parents

    def walk(folder: Path) -> Iterator[tuple[str, Path | InputError]]:
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as e:
            yield str(folder), InputError(str(folder), f"cannot read the folder: {e.strerror or e}")
            return
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    target = Path(os.path.realpath(path))
                    if not target.exists():
                        if _suffix(entry.name) in SUFFIXES:
                            yield str(path), InputError(str(path), "broken symbolic link")
                        continue
                    is_dir = target.is_dir()
                    if not is_dir and _suffix(entry.name) not in SUFFIXES:
                        continue
                    if not inside(target) and not follow_links:
                        yield (
                            str(path),
                            InputError(
                                str(path),
                                f"symbolic link to {target}, outside {root}; --follow-links follows it",
                            ),
                        )
                        continue
                    if not is_dir:
                        yield str(path), path
                    elif target in seen:
                        yield (
                            str(path),
                            InputError(str(path), f"symbolic link to {target}, a folder already read"),
                        )
                    else:
                        seen.add(target)
                        yield from walk(path)
                elif entry.is_dir(follow_symlinks=False):
                    seen.add(Path(os.path.realpath(path)))
                    yield from walk(path)
                elif _suffix(entry.name) in SUFFIXES:
                    yield str(path), path
            except OSError as e:
                yield str(path), InputError(str(path), e.strerror or str(e))

    yield from walk(root)


def iter_files(paths: list[Path], follow_links: bool = False) -> Iterator[Path | InputError]:
    """Files named, and the article files under folders named, in a stable order; what is left
    out of a folder comes as an `InputError` saying why."""
    for p in paths:
        if p.is_dir():
            for _, item in sorted(_walk(p, follow_links), key=lambda x: x[0]):
                yield item
        else:
            yield p


def read_file(path: Path) -> Iterator[Article | InputError]:
    """The articles of one file, by its suffix (JSON Lines, HTML, anything else as a text page)."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path)
        return
    try:
        data = read_regular(path)
        yield read_html_page(path, data) if suffix in HTML_SUFFIXES else read_text_page(path, data)
    except InputError as e:
        yield e
    except OSError as e:
        yield InputError(str(path), e.strerror or str(e))
    except Exception as e:  # a page no rule foresaw: it fails alone, the batch goes on
        yield InputError(str(path), f"cannot read the page: {type(e).__name__}: {e}")


def read_paths(paths: list[Path], follow_links: bool = False) -> Iterator[Article | InputError]:
    """Every article under ``paths``; unreadable files and what was left out come as `InputError` values."""
    for item in iter_files(paths, follow_links):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)
