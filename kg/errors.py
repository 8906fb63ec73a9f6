"""The one family of errors the library raises; the CLI turns each into a one-line message."""


class KgError(Exception):
    """Base class: anything the user can act on, shown as ``Error: <message>``."""


class InputError(KgError):
    """An input file (or one record of it) cannot be read; the batch goes on without it."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(KgError):
    """The store cannot be opened or written (locked by another process, not a store, ...)."""


class QueryError(KgError):
    """A named query is unknown, malformed, or not read-only."""


class Note(UserWarning):
    """Not an error, but something to know about an answer: a name that matched nothing, or
    several nodes. Issued with `warnings.warn`; the CLI prints it as one ``note:`` line."""
