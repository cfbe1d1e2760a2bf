"""The export formats, one row each, and the one entry point that writes them.

| format  | file(s)               | for                                            |
|---------|-----------------------|------------------------------------------------|
| graphml | graph.graphml         | Gephi, igraph, networkx, graphology (always)   |
| gexf    | graph.gexf            | Gephi and Gephi Lite, kinds coloured, sized    |
| csv     | nodes.csv, edges.csv  | Gephi's spreadsheet import, pandas, R          |
| json    | graph.json            | networkx node-link, every occurrence in full   |
| html    | graph.html            | the interactive view                           |

A new format is one row of EXPORTS: its name, the files it writes and its writer,
named "module:function" and imported only when the format is written. So this module
imports neither networkx nor any writer, and `citegraph --help` lists the formats
without loading them. `citegraph build --format`, `citegraph export --format`,
`Corpus.write` and `write_formats` all read EXPORTS.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CitegraphError

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Format",
    "EXPORTS",
    "ON_EVERY_BUILD",
    "export_formats",
    "build_formats",
    "build_exports",
    "write_formats",
    "files_of",
]


@dataclass(frozen=True)
class Format:
    """One export format: a row of EXPORTS.

    Attributes:
        name: what --format takes.
        files: the file names it writes into the output directory.
        writer: "module:function" (a module relative to citegraph.viz starts with a
            dot), called as function(graph, path of its one file), or
            function(graph, directory) when `into_directory`.
        into_directory: the writer takes the directory (it writes several files).
        on_build: `citegraph build --format` offers it and `citegraph export` writes it
            when no --format is given (html: every build writes graph.html itself,
            with --max-nodes).
    """

    name: str
    files: tuple[str, ...]
    writer: str
    into_directory: bool = False
    on_build: bool = True

    def write(self, g: nx.DiGraph, out: Path) -> list[Path]:
        """Write `g` into directory `out`; the paths written."""
        module, _, function = self.writer.partition(":")
        write = getattr(importlib.import_module(module, __package__), function)
        write(g, out if self.into_directory else out / self.files[0])
        return [out / name for name in self.files]


EXPORTS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("graphml", ("graph.graphml",), ".graphml:write_graphml"),
        Format("gexf", ("graph.gexf",), ".gexf:write_gexf"),
        Format("csv", ("nodes.csv", "edges.csv"), ".spreadsheet:write_csv", into_directory=True),
        Format("json", ("graph.json",), ".nodelink:write_json"),
        Format("html", ("graph.html",), ".html:write_html", on_build=False),
    )
}

# what every build writes besides the three tables and graph.html
ON_EVERY_BUILD = ("graphml",)


def export_formats() -> tuple[str, ...]:
    """What `citegraph export --format` can write again from a build's tables."""
    return tuple(EXPORTS)


def build_formats() -> tuple[str, ...]:
    """What `citegraph build --format` adds (and `citegraph export` writes by default)."""
    return tuple(name for name, f in EXPORTS.items() if f.on_build)


def build_exports(requested: Iterable[str]) -> list[str]:
    """The formats a build writes besides the tables and graph.html: ON_EVERY_BUILD and
    the requested ones, each once, in that order (a format a build writes apart, html,
    is left out; an unknown one is kept for `write_formats` to refuse)."""
    names = (f.lower() for f in [*ON_EVERY_BUILD, *requested])
    return list(dict.fromkeys(f for f in names if f not in EXPORTS or EXPORTS[f].on_build))


def files_of(fmt: str) -> tuple[str, ...]:
    """The file names a format writes."""
    return EXPORTS[fmt].files


def write_formats(g: nx.DiGraph, out: str | Path, formats: Iterable[str]) -> list[Path]:
    """Write `g` into directory `out` in each of `formats`, each file atomically.

    Args:
        g: the citation graph.
        out: the directory (created if missing).
        formats: names from EXPORTS; repeats are written once, in the given order.

    Returns:
        The paths written.

    Raises:
        CitegraphError: a format is unknown.
    """
    wanted = list(dict.fromkeys(f.lower() for f in formats))
    unknown = [f for f in wanted if f not in EXPORTS]
    if unknown:
        raise CitegraphError(
            f"unknown export format {unknown[0]!r}: choose from {', '.join(EXPORTS)}"
        )
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt in wanted:
        written.extend(EXPORTS[fmt].write(g, out))
    return written
