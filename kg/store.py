"""The embedded Oxigraph store: opening it, and replacing one article's graph atomically.

An article's graph is replaced in one SPARQL update (``DROP GRAPH`` then ``INSERT DATA``),
which Oxigraph applies as a single transaction: a build killed at any moment leaves
every article either as it was or as it is now, never half-written.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Store

from kg import vocab
from kg.errors import StoreError
from kg.remote import RemoteStore, is_url

DEFAULT_STORE = Path("kg-store")
# Writers flush the store's buffers this often: without it the embedded store's memory grows
# with the corpus (455 MiB after 2,000 articles); with it, it stays near 120 MiB at the same speed.
FLUSH_EVERY = 200


def is_store(path: Path | str) -> bool:
    """A folder that holds an embedded store (the files Oxigraph's storage writes first)."""
    path = Path(path)
    return (path / "CURRENT").is_file() and (path / "IDENTITY").is_file()


def inside_store(path: Path | str) -> Path | None:
    """The store folder that ``path`` is, or lies inside, if any."""
    for folder in [Path(path).resolve(), *Path(path).resolve().parents]:
        if folder.is_dir() and is_store(folder):
            return folder
    return None


def open_store(location: Path | str, read_only: bool = False, create: bool = True) -> Store | RemoteStore:
    """Open (or create) the store at ``location``, a folder or the URL of a SPARQL endpoint;
    a store locked by another process is a clear error, and so is a folder of other files."""
    if is_url(location):
        return RemoteStore(str(location))
    path = Path(location)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file, not a store folder")
    if (read_only or not create) and not is_store(path):
        raise StoreError(f"no store at {path} (build one with: kg build ARTICLES --store {path})")
    if path.is_dir() and not is_store(path) and any(path.iterdir()):
        raise StoreError(
            f"{path} holds other files and is not a store; give a new or empty folder to --store"
        )
    if read_only and being_written(path):
        raise StoreError(
            f"the store at {path} is being written by another kg process; read it when that finishes "
            "(a reader beside a writer sees an undefined state)"
        )
    try:
        return Store.read_only(str(path)) if read_only else Store(str(path))
    except OSError as e:
        message = str(e)
        if "lock" in message.lower() or "temporarily unavailable" in message.lower():
            raise StoreError(
                f"the store at {path} is in use by another kg process; wait for it to finish and run again"
            ) from None
        raise StoreError(f"cannot open the store at {path}: {message.splitlines()[0]}") from None


# A writer (kg build, kg load, kg serve --writable) holds a POSIX write lock on the store's LOCK
# file for as long as it has the store open; Oxigraph calls a reader beside it undefined. Readers
# look for that lock before opening, and a long-lived reader (kg serve) holds a read lock that
# makes a writer starting later stop with the "in use" message. The files opened to ask are kept
# open: closing any descriptor of a file drops every POSIX lock this process has on it.
_LOCK_FILES: dict[str, int] = {}


def _lock_fd(store: Path) -> int | None:
    key = os.path.realpath(store / "LOCK")
    if key not in _LOCK_FILES:
        try:
            _LOCK_FILES[key] = os.open(key, os.O_RDONLY)
        except OSError:
            return None
    return _LOCK_FILES[key]


def being_written(store: Path | str) -> bool:
    """True while another process has the store open for writing (Linux; elsewhere always False)."""
    import fcntl

    if not sys.platform.startswith("linux"):
        return False
    fd = _lock_fd(Path(store))
    if fd is None:
        return False
    layout = "hhqqi4x"  # struct flock on Linux: type, whence, start, len, pid
    answer = fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack(layout, fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0))
    return struct.unpack(layout, answer)[0] != fcntl.F_UNLCK


def hold_for_reading(store: Path | str) -> None:
    """Keep writers out of the store for the life of this process (see `being_written`)."""
    import fcntl

    fd = _lock_fd(Path(store))
    if fd is None:
        return
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        raise StoreError(
            f"the store at {store} is being written by another kg process; serve it when that finishes"
        ) from None


def article_state(store: Store, article_id: str) -> tuple[str, str] | None:
    """(content hash, extractor version) recorded for an article, or None if it is not stored."""
    g = vocab.graph(article_id)
    art = vocab.article(article_id)
    hashes = list(store.quads_for_pattern(art, vocab.COOPT.contentHash, None, g))
    versions = list(store.quads_for_pattern(art, vocab.COOPT.extractorVersion, None, g))
    if not hashes or not versions:
        return None
    return hashes[0].object.value, versions[0].object.value


def insert_data(quads: list[Quad]) -> str:
    """The body of an INSERT DATA for one graph's quads (N-Triples terms are valid SPARQL terms)."""
    if not quads:
        return ""
    graph = quads[0].graph_name
    lines = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    return f"GRAPH {graph} {{\n{lines}\n}}"


def replace_graph(store: Store, graph: NamedNode, body: str) -> None:
    """Swap one article's graph for new content in a single transaction."""
    update = f"DROP SILENT GRAPH {graph}"
    if body:
        update += f" ;\nINSERT DATA {{ {body} }}"
    store.update(update)


def write_article(store: Store | RemoteStore, graph: NamedNode, quads: list[Quad], replace: bool) -> None:
    """Store one article's graph in one transaction: a new graph is added as it is; a graph the
    store holds already is dropped and inserted in one update, so no reader sees it half-written."""
    if replace or isinstance(store, RemoteStore):
        replace_graph(store, graph, insert_data(quads))
    elif quads:
        store.extend(quads)


def count_triples(store: Store) -> int:
    """Quads in the store (each article graph counts its own copy of shared names)."""
    return len(store)


def graph_names(store: Store) -> list[NamedNode]:
    return [g for g in store.named_graphs() if isinstance(g, NamedNode)]
