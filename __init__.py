"""citegraph: turn court opinions into a citation graph.

    >>> import citegraph
    >>> corpus = citegraph.build(["data/"])          # doctest: +SKIP
    >>> corpus.graph.number_of_nodes()               # doctest: +SKIP

The flow runs one way: loaders (read, extract) -> graph (identify, build) -> viz.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .corpus import Corpus, build
from .errors import CitegraphError
from .models import Authority, Citation, Opinion


def load(path: str) -> list[Opinion]:
    """Read the opinions in one file (any supported format).

    Args:
        path: the file.

    Returns:
        The Opinions it holds.
    """
    from .loaders import read

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
]
