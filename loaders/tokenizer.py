"""eyecite's tokenizer with its regexes run in the order of their list.

Both rooms of loaders/ run eyecite (the readers on header lines, the extraction on the
whole text) and both must give the same tokens in every process: this module, in
neither room, is where that order is defined.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["list_order_tokenizer", "list_order_tokenizer_class"]


@functools.lru_cache(maxsize=1)
def list_order_tokenizer() -> Any:
    """eyecite's default tokenizer in list order (`list_order_tokenizer_class`), one per process."""
    return list_order_tokenizer_class()()


@functools.lru_cache(maxsize=1)
def list_order_tokenizer_class() -> Any:
    """eyecite's default tokenizer class, its regexes run in the order of their list.

    eyecite's AhocorasickTokenizer hands its regexes out as a set, whose order follows
    string hashes, which Python seeds anew in every process. Where two regexes match the
    same span, the first run wins: "87 T.C. at 900" came out a short cite or a full cite
    whose reporter is "T.C. at", "N.Y. Ins. Law § 3212" a citation of "N.Y." or of "N.Y.
    Ins. Law", from one run to the next (PYTHONHASHSEED). In the list's order every
    process gives the same tokens. A class made on first use: eyecite's tokenizer module
    takes seconds to import.
    """
    from eyecite.tokenizers import AhocorasickTokenizer

    class ListOrderTokenizer(AhocorasickTokenizer):  # type: ignore[misc]
        """eyecite's default tokenizer, its regexes run in the order of its list."""

        def __post_init__(self) -> None:
            super().__post_init__()
            self._rank = {id(e): i for i, e in enumerate(self.extractors)}

        def get_extractors(self, text: str) -> Any:
            last = len(self._rank)
            return sorted(super().get_extractors(text), key=lambda e: self._rank.get(id(e), last))

    return ListOrderTokenizer
