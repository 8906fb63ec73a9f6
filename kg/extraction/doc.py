"""The `Doc`: one article going through extraction, with the layers and facts components add.

As spaCy keeps ``doc.ents`` and ``doc.spans``, a Doc keeps *layers*: every sentence, place,
date, quantity, person name and organisation mention of the article, each found once by one
component and kept sorted so that later components look spans up by position (``within``,
``overlapping``) instead of scanning the text again. Facts (`kg.extraction.facts`) are added the
same way. Everything a component adds is set once: `Doc.add` refuses to replace what another
component made, so a decision that involves several facts is a component of its own that adds
new facts rather than rewriting old ones.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Generic, Protocol, TypeVar

from kg.article import Article
from kg.text import fold_case


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)


class Layer(Sequence[S], Generic[S]):
    """Spans of one kind, sorted by start, with look-ups by position in O(log n + k)."""

    __slots__ = ("_items", "_starts", "_longest")

    def __init__(self, items: Sequence[S] = ()) -> None:
        self._items: tuple[S, ...] = tuple(sorted(items, key=lambda s: (s.start, s.end)))
        self._starts = [s.start for s in self._items]
        self._longest = max((s.end - s.start for s in self._items), default=0)

    def __getitem__(self, index):  # type: ignore[override]
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[S]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"Layer({len(self._items)} spans)"

    def within(self, start: int, end: int) -> list[S]:
        """Spans that lie inside ``[start, end)``."""
        i, j = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [s for s in self._items[i:j] if s.end <= end]

    def starting(self, start: int, end: int) -> list[S]:
        """Spans that start inside ``[start, end)`` (they may run past ``end``)."""
        return list(self._items[bisect_left(self._starts, start) : bisect_left(self._starts, end)])

    def overlapping(self, start: int, end: int) -> list[S]:
        """Spans that share at least one character with ``[start, end)``."""
        i = bisect_left(self._starts, start - self._longest)
        j = bisect_left(self._starts, end)
        return [s for s in self._items[i:j] if s.end > start and s.start < end]

    def at(self, pos: int) -> S | None:
        """The span that starts exactly at ``pos``."""
        i = bisect_left(self._starts, pos)
        return self._items[i] if i < len(self._items) and self._starts[i] == pos else None

    def last_before(self, pos: int) -> S | None:
        """The last span that ends at or before ``pos``."""
        i = bisect_right(self._starts, pos)
        for s in reversed(self._items[max(0, i - 64) : i]):
            if s.end <= pos:
                return s
        return None


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int


class Doc:
    """One article and everything extraction found in it.

    Layers and facts are attributes, each added once by the component that declares it
    (see `kg.extraction.pipeline`); a component only reads what components before it added.
    """

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text: str = article.text
        self._added: set[str] = set()
        self._sentence_starts: list[int] = []

    # -- adding ------------------------------------------------------------------------------------

    def add(self, name: str, value: Any) -> None:
        """Set a layer or fact list; each is set once, by the component that declares it."""
        if name in self._added:
            raise AttributeError(f"Doc.{name} was already added; components add, they do not replace")
        self._added.add(name)
        setattr(self, name, value)
        if name == "sentences":
            self._sentence_starts = [s.start for s in value]

    def has(self, name: str) -> bool:
        return name in self._added

    def __getattr__(self, name: str) -> Any:
        # only reached for attributes not set yet
        raise AttributeError(
            f"Doc has no {name!r} yet: the component that adds it has not run (see kg.extraction.pipeline)"
        )

    # -- reading -----------------------------------------------------------------------------------

    @cached_property
    def folded(self) -> str:
        """The text in lower case, letter for letter: word lists match it without IGNORECASE,
        which Python's re makes slow (`kg.text.trie_regex`)."""
        return fold_case(self.text)

    def text_of(self, fact: _Span) -> str:
        """The words a fact was read from: always ``text[start:end]``."""
        return self.text[fact.start : fact.end]

    def sentence_at(self, pos: int) -> Sentence:
        """The sentence holding ``pos`` (or the nearest before it)."""
        i = bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[max(i, 0)]

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]
