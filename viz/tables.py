"""The flat tables: opinions.jsonl, authorities.jsonl, citations.jsonl, and texts.jsonl.

The JSON Lines format itself (how a row is written and read back) is graph.jsonl, so
that a reader of the tables (graph.tables) and this writer share one definition.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..graph.jsonl import write_jsonl
from ..graph.tables import TABLES, TEXTS, Tables
from ..models import Opinion


def write_tables(tables: Tables, out: str | Path) -> list[Path]:
    """Write each table of `tables` as DIR/<name>.jsonl (the output contract).

    Args:
        tables: the rows of the three tables (graph.query.tables_of a build).
        out: the output directory.

    Returns:
        The paths written, in the order of TABLES.
    """
    rows = tables._asdict()
    paths = [Path(out) / f"{name}.jsonl" for name in TABLES]
    for name, path in zip(TABLES, paths, strict=True):
        write_jsonl(rows[name], path)
    return paths


def write_texts(opinions: Iterable[Opinion], out: str | Path) -> Path:
    """Write DIR/texts.jsonl: one row per opinion, {"id", "text"}, the text as citegraph
    read and normalised it. Every `start`/`end` of citations.jsonl slices this text
    (offsets count Unicode code points, as Python's str does)."""
    path = Path(out) / TEXTS
    write_jsonl(({"id": op.id, "text": op.text} for op in opinions), path)
    return path
