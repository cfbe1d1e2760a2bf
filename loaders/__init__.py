"""Loaders: files -> Opinion -> Citation records, in two rooms with one arrow between.

`readers` turns inputs into Opinions (text, page map, footnotes, metadata);
`extraction` turns an Opinion into Citation records (citations, propositions,
treatment). A reader never imports a citation rule; neither room imports networkx.
This package re-exports the entry points of both.
"""

from __future__ import annotations

from .extraction import extract
from .readers import registry
from .readers.registry import *  # noqa: F403

# the readers' public names (their registry's) and extraction's entry point
__all__ = [*registry.__all__, "extract"]
