"""Output files written so that nothing is lost: whole or not at all, never over a file unasked,
never inside a store.

Everything is first written to a private folder beside the target and renamed into place once it
is complete, so an error half-way (an unknown article, a full disk, an interrupted run) leaves
the old file as it was. An existing file is replaced only when the caller says so (``--force``);
a device, a folder or a read-only file is never replaced; and no output goes inside the folder
of an embedded store, whose files a stray export would destroy.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import KgError
from kg.store import inside_store


def check_target(path: Path, force: bool = False) -> Path:
    """The file to write for ``path`` (a link is followed to the file it names), or a clear
    error saying why it will not be written."""
    path = Path(path)
    if path.is_symlink() and path.exists():
        path = path.resolve()
    parent = path.parent
    if not parent.is_dir():
        raise KgError(f"cannot write {path}: there is no folder {parent}")
    store = inside_store(parent)
    if store is not None:
        raise KgError(f"will not write {path}: it is inside the store folder {store}")
    try:
        info = path.stat()
    except FileNotFoundError:
        return path
    except OSError as e:
        raise KgError(f"cannot write {path}: {e.strerror or e}") from None
    if stat.S_ISDIR(info.st_mode):
        raise KgError(f"cannot write {path}: it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise KgError(f"will not write {path}: it is not a regular file (use -o - for standard output)")
    if not force:
        raise KgError(f"{path} exists; --force replaces it")
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise KgError(f"will not replace {path}: it is read-only")
    return path


@contextlib.contextmanager
def atomic_path(path: Path | str, force: bool = False) -> Iterator[Path]:
    """A path to write in place of ``path``, with the same name (writers pick the format by it);
    moved over ``path`` when the block ends without an error, removed otherwise."""
    target = check_target(Path(path), force)
    try:
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    except OSError as e:
        raise KgError(f"cannot write {target}: {e.strerror or e}") from None
    try:
        temporary = scratch / target.name
        try:
            yield temporary
        except OSError as e:
            raise KgError(f"cannot write {target}: {e.strerror or e}") from None
        if not temporary.is_file():
            raise KgError(f"cannot write {target}: nothing was written")
        try:
            with temporary.open("rb+") as handle:
                os.fsync(handle.fileno())
            if target.exists():
                if not force:  # it appeared while this was being written
                    raise KgError(f"{target} exists; --force replaces it")
                os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
            os.replace(temporary, target)
        except OSError as e:
            raise KgError(f"cannot write {target}: {e.strerror or e}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@contextlib.contextmanager
def atomic_file(path: Path | str, force: bool = False) -> Iterator[BinaryIO]:
    """`atomic_path`, opened for writing bytes."""
    with atomic_path(path, force) as temporary:
        try:
            with temporary.open("wb") as handle:
                yield handle
        except OSError as e:
            raise KgError(f"cannot write {path}: {e.strerror or e}") from None
