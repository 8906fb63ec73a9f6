"""Components: functions over a `Doc` that declare what they read and what they add.

The declaration is what lets the pipeline check its order when it is built (a component that
reads what no earlier one adds is an error at start-up, not a wrong fact later) and lets each
component be run and tested on its own, as spaCy's ``requires``/``assigns`` do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.extraction.doc import Doc

# What a Doc holds before any component runs.
GIVEN = frozenset({"article", "text"})


class PipelineError(RuntimeError):
    """The components cannot run in the order given."""


@dataclass(frozen=True)
class Component:
    name: str
    reads: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[[Doc], None]

    def __call__(self, doc: Doc) -> None:
        self.run(doc)
        missing = [a for a in self.adds if not doc.has(a)]
        if missing:
            raise PipelineError(f"component {self.name!r} did not add {', '.join(missing)}")


def component(name: str, *, reads: Iterable[str] = (), adds: Iterable[str]) -> Callable:
    """Declare a function ``(doc) -> None`` as a component."""

    def wrap(fn: Callable[[Doc], None]) -> Component:
        return Component(name, tuple(reads), tuple(adds), fn)

    return wrap


def check_order(components: list[Component]) -> None:
    """Every component reads only what the Doc has or an earlier component adds, and nothing is
    added twice."""
    available = set(GIVEN)
    for c in components:
        missing = [r for r in c.reads if r not in available]
        if missing:
            raise PipelineError(
                f"component {c.name!r} reads {', '.join(missing)}, which no earlier component adds"
            )
        twice = [a for a in c.adds if a in available]
        if twice:
            raise PipelineError(f"component {c.name!r} adds {', '.join(twice)}, added before it")
        available.update(c.adds)
