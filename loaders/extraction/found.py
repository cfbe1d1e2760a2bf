"""The working records of citation finding, shared by its phases.

`Found` is a citation record in the making (what eyecite gave, the end of its
parentheticals, what a short form stands for); `Taken` the spans of text that
citations already hold, so that a later rule never finds a citation inside another.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ...models import Citation


@dataclass
class Found:
    """A citation record in the making, with what is needed to resolve it."""

    rec: Citation
    objs: list[Any] = field(default_factory=list)  # eyecite citations it came from
    tail: int = 0  # end of its parentheticals
    target: Found | None = None  # what a short form stands for
    record: bool = False  # a record cite (ECF No. ...), anchors Id. only


class Taken:
    """The spans of text citations already hold; overlap tests in log time."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._spans: list[tuple[int, int]] = []
        self._widest = 0
        for start, end in spans:
            self.append((start, end))

    def append(self, span: tuple[int, int]) -> None:
        k = bisect.bisect_right(self._starts, span[0])
        self._starts.insert(k, span[0])
        self._spans.insert(k, span)
        self._widest = max(self._widest, span[1] - span[0])

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a span taken."""
        # a span that does begins before `end`, and no further before `start` than
        # the widest span is long
        lo = bisect.bisect_right(self._starts, start - self._widest)
        hi = bisect.bisect_left(self._starts, end)
        return any(start < e for _, e in self._spans[lo:hi])
