"""Speed-ups for eyecite 2.7.8 (and courts-db), installed in one place: `install()`.

eyecite finds the right citations but spends its time where these take over. Where
eyecite has an extension point the speed-up goes through it; where it has none, the
speed-up is a patch, listed with its reason in `patches.PATCHES` (whose docstring gives
the verdict for each attribute) and applied only on the tested versions.

Through eyecite's extension point, the tokenizer passed to get_citations
(`active_tokenizer()`, which loaders/extraction/citations.py passes):

- `tokenizer`: eyecite's default tokenizer with its regexes in list order (so every
  process gives the same tokens), its prefilter gathering regexes without hashing
  them, each regex tried only at the offsets where a match of it can start.
- `hyperscan`: the same with a Hyperscan prefilter, cached on disk, that also skips the
  regexes that cannot match (`install(tokenizer="hyperscan")`, the `speed` extra).

Patches (`patches`), each proved equivalent by a named test of tests/test_speedups.py:

- `courts`: court parentheticals looked up in an index; courts-db's court names read
  with only the regexes whose words stand in the string.
- `references`: reference citations ("Smith at 123") found in one pass per document.
- `words`: eyecite's scans over the words around a citation, asking only of tokens.
- `cached`: eyecite.helpers' pattern strings compiled once.

Without the speed-ups (or on another version of eyecite or courts-db) citations come
out the same, slower; the order of eyecite's regexes, and so determinism, does not
depend on them.
"""

from __future__ import annotations

import threading
from typing import Any

from . import patches
from .courts import court_by_paren, court_ids_by_name
from .hyperscan import (
    hyperscan_available,
    prefilter_cached,
    prefiltered_tokenizer_class,
    widen_for_hyperscan,
)
from .patches import TESTED_VERSIONS, untested_versions
from .references import forget_document, pincited_references
from .tokenizer import fast_tokenizer_class

__all__ = [
    "install",
    "uninstall",
    "installed",
    "untested_versions",
    "active_tokenizer",
    "make_tokenizer",
    "TESTED_VERSIONS",
    "court_by_paren",
    "court_ids_by_name",
    "pincited_references",
    "hyperscan_available",
    "prefilter_cached",
    "widen_for_hyperscan",
]

# The tokenizer install() put in place, and the tokenizers built (one per name).
_STATE: dict[str, Any] = {"tokenizer": None}
_TOKENIZERS: dict[str, Any] = {}
# install(), uninstall() and make_tokenizer() run one at a time: the threads of a Dask
# worker each prepare themselves on their first task, at once.
_LOCK = threading.RLock()


def make_tokenizer(name: str) -> Any:
    """A fast eyecite tokenizer by name, in eyecite's list order: "default" or "hyperscan".

    "default" is eyecite's default (pyahocorasick) tokenizer; "hyperscan" adds a
    Hyperscan prefilter: the same tokens, faster. Its compiled database is cached
    under ~/.cache/citegraph (or $CITEGRAPH_CACHE). Built once per name and process.

    Raises:
        ImportError: "hyperscan" without the hyperscan package (the `speed` extra).
        ValueError: any other name.
    """
    tokenizer = _TOKENIZERS.get(name)
    if tokenizer is not None:
        return tokenizer
    with _LOCK:
        tokenizer = _TOKENIZERS.get(name)
        if tokenizer is None:
            tokenizer = _TOKENIZERS[name] = _new_tokenizer(name)
    return tokenizer


def _new_tokenizer(name: str) -> Any:
    if name == "default":
        tokenizer = fast_tokenizer_class()()
    elif name == "hyperscan":
        import hyperscan  # noqa: F401  (fail here, not on the first opinion)

        tokenizer = prefiltered_tokenizer_class()()
        tokenizer.prepare()
    else:
        raise ValueError(f"unknown tokenizer {name!r}")
    return tokenizer


def install(tokenizer: str | None = None) -> None:
    """Install the speed-ups (idempotent; safe in every worker process and thread).

    Only on the versions in TESTED_VERSIONS: on any other, nothing is patched, no
    tokenizer is put in place and a warning says so once per process.

    Args:
        tokenizer: None or "default": the fast list-order tokenizer; "hyperscan" adds
            the Hyperscan prefilter (same tokens), its database compiled once and
            cached on disk.
    """
    with _LOCK:
        if not patches.apply():
            return
        _STATE["tokenizer"] = make_tokenizer(tokenizer or "default")


def uninstall() -> None:
    """Give eyecite back its own functions; citations then use their own tokenizer."""
    with _LOCK:
        patches.restore()
        _STATE["tokenizer"] = None
        forget_document()


def installed() -> bool:
    """Whether the speed-ups are in place."""
    return patches.applied()


def active_tokenizer() -> Any:
    """The tokenizer `install()` put in place, or None when the speed-ups are not in place."""
    return _STATE["tokenizer"]
