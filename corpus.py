"""A build: read every input, extract, identify, build the graph, write the outputs.

`build(paths)` runs the whole flow and returns a Corpus holding the graph and the
three tables; `Corpus.write(out)` writes the output contract of DESIGN.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .errors import CitegraphError
from .models import Authority, Citation, Opinion


@dataclass
class Corpus:
    """The result of a build: opinions, authorities, citations and the graph."""

    opinions: list[Opinion]
    authorities: list[Authority]
    citations: list[Citation]
    graph: nx.DiGraph
    errors: list[CitegraphError] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, float | int]:
        """Counts for the build report."""
        return {
            "opinions": len(self.opinions),
            "citations": len(self.citations),
            "authorities": len(self.authorities),
            "edges": self.graph.number_of_edges(),
            "failed": len(self.errors),
            "duplicates": len(self.duplicates),
            "seconds": round(self.seconds, 2),
        }

    def write(
        self, out: str | Path, formats: Iterable[str] = (), max_nodes: int | None = None
    ) -> list[Path]:
        """Write opinions.jsonl, authorities.jsonl, citations.jsonl, graph.html, graph.graphml.

        Args:
            out: the output directory.
            formats: more export formats (viz.export: gexf, csv, json).
            max_nodes: graph.html keeps only this many nodes, the most important by
                PageRank (the other files keep everything).

        Returns:
            The paths written.
        """
        from .viz import write_formats, write_html, write_jsonl
        from .viz.tables import output_set

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        # Every file goes to a temporary name first and all are renamed together at the
        # end: an interrupted write leaves the previous build's outputs whole.
        with output_set():
            for name, rows in (
                ("opinions.jsonl", [o.row() for o in self.opinions]),
                ("authorities.jsonl", [a.row() for a in self.authorities]),
                ("citations.jsonl", [c.row() for c in self.citations]),
            ):
                write_jsonl(rows, out / name)
                written.append(out / name)
            exports = ["graphml", *(f for f in formats if f.lower() != "html")]
            written.extend(write_formats(self.graph, out, exports))
            write_html(self.graph, out / "graph.html", max_nodes=max_nodes)
            written.append(out / "graph.html")
        return written


def build(
    paths: Iterable[str | Path],
    on_error: Callable[[CitegraphError], None] | None = None,
    strict: bool = False,
    max_bytes: int | None = None,
) -> Corpus:
    """Read, extract, identify and build the citation graph of the opinions at `paths`.

    Args:
        paths: files or directories of opinions.
        on_error: called with each file that could not be read; the build goes on.
        strict: stop at the first file that cannot be read.
        max_bytes: refuse files (archive members, bulk records) larger than this;
            default loaders.MAX_BYTES.

    Returns:
        The Corpus.

    Raises:
        CitegraphError: no opinion could be read, or `strict` and a file failed.
    """
    from .graph import build as build_graph
    from .graph import identify
    from .loaders import MAX_BYTES, extract, input_files, read, speedups

    speedups.install()
    limit = max_bytes or MAX_BYTES

    t0 = time.perf_counter()
    opinions: list[Opinion] = []
    citations: list[Citation] = []
    errors: list[CitegraphError] = []
    duplicates: list[str] = []
    seen_sha: dict[str, str] = {}
    seen_ids: set[str] = set()
    for path in input_files(paths, limit):
        try:
            read_ops = read(path, limit)
        except CitegraphError as e:
            if strict:
                raise
            errors.append(e)
            if on_error:
                on_error(e)
            continue
        for op in read_ops:
            if op.sha1 in seen_sha:
                duplicates.append(op.source)
                continue
            seen_sha[op.sha1] = op.id
            op.id = _unique(op.id, seen_ids)
            citations.extend(extract(op))
            opinions.append(op)
    if not opinions:
        raise CitegraphError("no opinion could be read from the inputs")
    authorities, resolved = identify(opinions, citations)
    graph = build_graph(opinions, authorities, resolved)
    return Corpus(
        opinions=opinions,
        authorities=authorities,
        citations=resolved,
        graph=graph,
        errors=errors,
        duplicates=duplicates,
        seconds=time.perf_counter() - t0,
    )


def _unique(oid: str, seen: set[str]) -> str:
    base, n = oid, 2
    while oid in seen:
        oid = f"{base}-{n}"
        n += 1
    seen.add(oid)
    return oid
