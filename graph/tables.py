"""The graph again from a previous build's tables, without reading the opinions.

opinions.jsonl, authorities.jsonl and citations.jsonl (DESIGN.md's output contract)
carry everything `build` needs: the corpus metadata, every authority, and every
citation occurrence with its authority and, for a second-hand edge ("Y (quoting X)"),
the `via` authority. The rows become Opinion, Authority and Citation records again
and go through the same `build`, so a re-export is the graph the build wrote.
Unknown fields (from a newer citegraph) are ignored; missing ones take the records'
defaults.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeVar

import networkx as nx

from ..errors import CitegraphError
from ..models import TEXT_FILE, Authority, Citation, Opinion
from .jsonl import read_jsonl
from .network import build

__all__ = ["Tables", "Records", "tables_of", "read_tables", "records_from_tables", "from_tables"]

R = TypeVar("R", Opinion, Authority, Citation)


class Tables(NamedTuple):
    """The three tables of a build, as lists of rows."""

    opinions: list[dict[str, Any]]
    authorities: list[dict[str, Any]]
    citations: list[dict[str, Any]]


TABLES = Tables._fields  # each is written as NAME.jsonl
# the opinions' texts, one {"id", "text"} row each: what `start`/`end` offsets slice
TEXTS = TEXT_FILE


class Records(Protocol):
    """A build in memory (corpus.Corpus is one): its records and its graph."""

    opinions: list[Opinion]
    authorities: list[Authority]
    citations: list[Citation]
    graph: nx.DiGraph


def tables_of(built: Records | Tables) -> Tables:
    """The rows of a build in memory: the same rows `Corpus.write` writes."""
    if isinstance(built, Tables):
        return built
    return Tables(
        [o.row() for o in built.opinions],
        [a.row() for a in built.authorities],
        [c.row() for c in built.citations],
    )


def read_tables(directory: str | Path) -> Tables:
    """Read opinions.jsonl, authorities.jsonl and citations.jsonl from a build's directory.

    Args:
        directory: the `--out` directory of a previous `citegraph build`.

    Returns:
        The three tables.

    Raises:
        CitegraphError: a table is missing or a line is not a JSON object.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise CitegraphError("not a directory: give the --out directory of a build", str(directory))
    found = []
    for name in TABLES:
        path = directory / f"{name}.jsonl"
        if not path.is_file():
            raise CitegraphError(
                f"no {name}.jsonl here: run `citegraph build ... --out {directory}` first",
                str(directory),
            )
        found.append(read_jsonl(path))
    return Tables(*found)


def records_from_tables(
    tables: Tables,
) -> tuple[list[Opinion], list[Authority], list[Citation]]:
    """Turn table rows back into records (opinion texts are not in the tables: empty).

    A citation whose authority is missing from authorities.jsonl keeps its edge: the
    authority is recreated from the citation row (its kind, name and text).

    Raises:
        CitegraphError: a row lacks the id it needs.
    """
    opinions = []
    for i, row in enumerate(tables.opinions, 1):
        _require(row, "id", "opinions.jsonl", i)
        opinions.append(_record(Opinion, row, source=row.get("source") or "", text=""))
    authorities = []
    for i, row in enumerate(tables.authorities, 1):
        _require(row, "id", "authorities.jsonl", i)
        authorities.append(
            _record(Authority, row, kind=row.get("kind") or "other", label=_label(row))
        )
    known = {a.id for a in authorities} | {o.id for o in opinions}
    citations = []
    for i, row in enumerate(tables.citations, 1):
        _require(row, "opinion", "citations.jsonl", i)
        c = _record(
            Citation,
            row,
            form=row.get("form") or "full",
            kind=row.get("kind") or "other",
            text=_str(row.get("text")) or "",
            start=_int(row.get("start")) or 0,
            end=_int(row.get("end")) or 0,
        )
        if c.authority is not None and c.authority not in known:
            authorities.append(
                Authority(
                    id=c.authority,
                    kind=c.kind,
                    label=c.name or c.text or c.authority,
                    name=c.name,
                    citations=list(c.cites),
                )
            )
            known.add(c.authority)
        citations.append(c)
    return opinions, authorities, citations


def from_tables(tables: Tables) -> nx.DiGraph:
    """The citation graph of a previous build, from its tables.

    Args:
        tables: from `read_tables`.

    Returns:
        The DiGraph `graph.build` makes (same nodes, edges, attributes, metrics).
    """
    return build(*records_from_tables(tables))


def _require(row: dict[str, Any], key: str, table: str, number: int) -> None:
    if row.get(key) in (None, ""):
        raise CitegraphError(f"row {number} has no {key!r}: rebuild the tables", table)


def _label(row: dict[str, Any]) -> str:
    return _str(row.get("label")) or _str(row.get("name")) or str(row["id"])


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _record(cls: type[R], row: dict[str, Any], **overrides: Any) -> R:
    """A record from a row: known fields only, lists kept lists, ids as strings."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in row:
            continue
        value = row[f.name]
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else None
        if isinstance(default, list):
            value = _list(value)
        elif f.name == "year":
            value = _int(value)
        elif f.name in ("id", "opinion", "authority", "via") and value is not None:
            value = str(value)
        values[f.name] = value
    values.update(overrides)
    return cls(**values)


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        # pages / footnotes are tuples in the records; JSON made them lists
        return [tuple(v) if isinstance(v, list) else v for v in value]
    return [value]
