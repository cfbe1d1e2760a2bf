"""citegraph: turn court opinions into a citation graph.

    >>> import citegraph
    >>> corpus = citegraph.build(["data/"])              # doctest: +SKIP
    >>> corpus.graph.number_of_nodes()                   # doctest: +SKIP
    >>> citegraph.find(corpus, "monell").label           # doctest: +SKIP
    'Monell, 436 U.S. 658 (1978)'

`build` reads, extracts and links; `load` reads one file; `read_tables` reads a
previous build's output directory; `find`, `citing`, `cites` and `stats` answer
questions of either (README.md, "As a library", runs as a doctest).

The flow runs one way: loaders (read, extract) -> graph (identify, build) -> viz.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Absolute imports: pytest collects the checkout's folder as a package and imports this
# file under the folder's own name, which is no package name where the folder is called
# "citegraph-main" or "v1.2"; absolute imports reach the installed citegraph either way.
from citegraph.errors import CitegraphError
from citegraph.models import Authority, Citation, Opinion

if TYPE_CHECKING:
    from .corpus import Corpus, build
    from .graph.query import Group, Match, cites, citing, find, stats
    from .graph.tables import Tables, read_tables, tables_of

# Imported when first used: `import citegraph.cli` (and so `citegraph --help`) loads
# neither networkx nor eyecite.
_LAZY = {
    **dict.fromkeys(("Corpus", "build"), ".corpus"),
    **dict.fromkeys(("Group", "Match", "cites", "citing", "find", "stats"), ".graph.query"),
    **dict.fromkeys(("Tables", "read_tables", "tables_of"), ".graph.tables"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name], "citegraph"), name)


def load(path: str) -> list[Opinion]:
    """Read the opinions in one file (any supported format).

    Args:
        path: the file.

    Returns:
        The Opinions it holds.
    """
    from citegraph.loaders import read

    return read(path)


__all__ = [
    "__version__",
    "build",
    "load",
    "Corpus",
    "Opinion",
    "Citation",
    "Authority",
    "CitegraphError",
    "Tables",
    "read_tables",
    "tables_of",
    "find",
    "citing",
    "cites",
    "stats",
    "Match",
    "Group",
]
