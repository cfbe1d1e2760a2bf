"""The `citegraph` command: parse options, call the library, report."""

from __future__ import annotations

import collections
import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import CitegraphError
from .viz.export import EXPORTS, ON_EVERY_BUILD, build_formats, export_formats

# Everything else is imported inside the commands: `citegraph --help` (and `import
# citegraph.cli`) loads no networkx, no eyecite (tests/test_cli_show_stats.py).


class _FormatChoice(click.Choice):  # type: ignore[type-arg]
    """--format's choices, read from the registry (viz.export.EXPORTS) whenever the
    option is parsed or shown: a format registered after this module was imported is
    offered too."""

    def __init__(self, names: Callable[[], tuple[str, ...]]) -> None:
        self._names = names
        super().__init__(names(), case_sensitive=False)

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return self._names()

    @choices.setter
    def choices(self, value: Any) -> None:  # click.Choice.__init__ sets it: the registry decides
        pass


def _files(names: tuple[str, ...]) -> str:
    """ "gexf (graph.gexf), csv (nodes.csv, edges.csv)": formats and the files they write."""
    return ", ".join(f"{n} ({', '.join(EXPORTS[n].files)})" for n in names)


def _out_option(help: str) -> Callable[[Any], Any]:
    return click.option(
        "--out",
        "out",
        default="citegraph-out",
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=help,
    )


_build_dir = _out_option("The --out directory of a previous `citegraph build`.")


def _error_line(e: object) -> str:
    """The one line `error: FILE: what is wrong`. A newline or terminal escape in a file
    name or message is shown escaped: it can neither split the line nor drive the terminal."""
    import re

    return "error: " + re.sub("[\x00-\x1f\x7f-\x9f]", lambda m: repr(m.group())[1:-1], str(e))


def _error_lines(e: object) -> str:
    """`_error_line` for a message that lists choices, one per line after the first
    ("hartford" matches 2 authorities ...). Only for messages whose every line is
    already printable (graph.query builds them from `_printable` text): each line is
    still escaped on its own, so nothing else in it reaches the terminal raw."""
    first, *rest = str(e).split("\n")
    return "\n".join([_error_line(first), *(_error_line(r)[len("error: ") :] for r in rest)])


@click.group()
@click.version_option(__version__, prog_name="citegraph")
def main() -> None:
    """Turn court opinions into a citation graph."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@_out_option("Directory for the outputs.")
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be read.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--open", "open_view", is_flag=True, help="Open graph.html in the browser.")
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=_FormatChoice(build_formats),
    help="Also write this format (repeatable): "
    + _files(tuple(f for f in build_formats() if f not in ON_EVERY_BUILD))
    + ". "
    + " and ".join(name for f in ON_EVERY_BUILD for name in EXPORTS[f].files)
    + " is always written.",
)
@click.option(
    "--max-file-mb",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Refuse an input file (archive member, bulk record) larger than this.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    help="graph.html keeps only the N most important nodes (PageRank) and says what it left out.",
)
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(min=1),
    help="Processes that extract in parallel.  [default: all cores]",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Extract every input again instead of using the store in --out (citegraph.sqlite).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS|local",
    default=None,
    help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'.",
)
@click.option(
    "--debug", is_flag=True, help="Show the traceback of each failure and eyecite's warnings."
)
def build(
    inputs: tuple[Path, ...],
    out: Path,
    strict: bool,
    quiet: bool,
    open_view: bool,
    formats: tuple[str, ...],
    max_file_mb: float,
    max_nodes: int | None,
    workers: int | None,
    no_cache: bool,
    scheduler: str | None,
    debug: bool,
) -> None:
    """Read opinions at INPUTS and write the citation graph to --out.

    INPUTS are files, directories, globs, .zip / .tar.gz archives, JSON Lines or
    CourtListener CSV bulk files, or "-" for standard input; text, HTML, PDF,
    CourtListener and Caselaw Access Project JSON are told apart by content.

    Writes opinions.jsonl, authorities.jsonl, citations.jsonl, graph.html and
    graph.graphml, and the files of each --format.
    """
    from .corpus import build as run_build

    failed: list[CitegraphError] = []

    def report(e: CitegraphError) -> None:
        failed.append(e)
        if debug:
            import traceback

            trace = getattr(e, "trace", None) or "".join(traceback.format_exception(e))
            click.echo(trace.rstrip(), err=True)
        click.echo(_error_line(e), err=True)

    try:
        with _progress(quiet) as reporter:
            corpus = run_build(
                inputs,
                on_error=report,
                strict=strict,
                max_bytes=int(max_file_mb * 1048576),
                workers=workers,
                store=out,
                cache=not no_cache,
                scheduler=scheduler,
                on_progress=reporter.progress,
                on_stage=reporter.stage,
                debug=debug,
            )
        corpus.write(out, formats=formats, max_nodes=max_nodes)
    except CitegraphError as e:
        # files failed (every one, or --strict's first): 1; a path or option wrong: 2
        files_failed = strict or bool(failed)
        report(e)
        sys.exit(1 if files_failed else 2)
    if not quiet:
        s = corpus.summary()
        click.echo(
            f"{s['opinions']} opinions, {s['citations']} citations, "
            f"{s['authorities']} authorities, {s['edges']} edges "
            f"in {s['seconds']:.1f} s -> {out}"
            + (f" ({s['failed']} files failed)" if s["failed"] else "")
            + (f" ({s['duplicates']} duplicates read once)" if s.get("duplicates") else "")
            + (f" ({s['cached']} inputs from the store)" if s.get("cached") else "")
        )
    if open_view:
        _open_in_browser(out / "graph.html")
    if corpus.errors:
        sys.exit(1)


def _open_in_browser(page: Path) -> None:
    """Open `page` in the browser, or say on one line where it is when no browser can
    be opened (a server, a container): the build worked, so the exit code stays 0."""
    import webbrowser

    try:
        opened = webbrowser.open(page.resolve().as_uri())
    except webbrowser.Error:
        opened = False
    if not opened:
        click.echo(
            f"citegraph: no browser could be opened; open {page.resolve()} by hand", err=True
        )


class _Rate:
    """Files per second over the last WINDOW seconds of progress, and the time left.

    Measured over a recent window, not since the start: a pause before the first file
    (compiling the Hyperscan prefilter, starting workers) or a burst of inputs taken
    from the store would otherwise skew it for the whole build ("ETA 28569 s" after
    a 35 s compile). No estimate until MIN_SECONDS and MIN_FILES of work lie in it.
    """

    WINDOW = 30.0
    MIN_SECONDS = 10.0
    MIN_FILES = 5

    def __init__(self) -> None:
        self.samples: collections.deque[tuple[float, int]] = collections.deque()

    def add(self, now: float, done: int) -> None:
        """Record that `done` inputs were finished at time `now`."""
        self.samples.append((now, done))
        while len(self.samples) > 2 and now - self.samples[1][0] >= self.WINDOW:
            self.samples.popleft()

    def restart(self) -> None:
        """Forget the samples: what comes next runs at another pace."""
        self.samples.clear()

    def per_second(self) -> float | None:
        """Files per second in the window, None while too little work lies in it."""
        if len(self.samples) < 2:
            return None
        (t0, d0), (t1, d1) = self.samples[0], self.samples[-1]
        if t1 - t0 < self.MIN_SECONDS or d1 - d0 < self.MIN_FILES:
            return None
        return (d1 - d0) / (t1 - t0)


@dataclass
class _Reporter:
    """The two callbacks `corpus.build` reports through (None with --quiet)."""

    progress: Callable[[int, int], None] | None = None
    stage: Callable[[str], None] | None = None


@contextlib.contextmanager
def _progress(quiet: bool, clock: Callable[[], float] = time.monotonic) -> Iterator[_Reporter]:
    """A progress reporter for `corpus.build`: a rich bar (files, files/s, ETA) on a
    terminal, a plain line every few seconds otherwise, nothing with --quiet. A slow
    stage (compiling the Hyperscan prefilter) is said once, on its own line."""
    if quiet:
        yield _Reporter()
        return
    rate = _Rate()

    def stage(text: str) -> None:
        rate.restart()
        click.echo(f"citegraph: {text}", err=True)

    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
        )

        columns = (
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]} files/s"),
            TextColumn("{task.fields[eta]}"),
        )
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("extract", total=None, rate="-", eta="")

            def update(done: int, total: int) -> None:
                rate.add(clock(), done)
                per_second = rate.per_second()
                bar.update(
                    task,
                    completed=done,
                    total=total,
                    rate=f"{per_second:.1f}" if per_second else "-",
                    eta=f"ETA {(total - done) / per_second:.0f} s" if per_second else "",
                )

            def stage_above_bar(text: str) -> None:
                rate.restart()
                bar.console.print(f"citegraph: {text}", highlight=False)

            yield _Reporter(update, stage_above_bar)
        return
    state = {"last": 0.0}

    def log(done: int, total: int) -> None:
        now = clock()
        rate.add(now, done)
        if done < total and now - state["last"] < 5:
            return
        state["last"] = now
        per_second = rate.per_second()
        speed = f", {per_second:.1f} files/s" if per_second else ""
        eta = f", ETA {(total - done) / per_second:.0f} s" if per_second and done < total else ""
        click.echo(f"citegraph: {done}/{total} files{speed}{eta}", err=True)

    yield _Reporter(log, stage)


@main.command("export-parquet")
@_build_dir
@click.option(
    "--to",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory for edges.parquet and nodes.parquet.  [default: --out]",
)
def export_parquet(out: Path, to: Path | None) -> None:
    """Write the last build's edge and node tables to Parquet (edges.parquet, nodes.parquet)
    from the store, for Spark, DuckDB, Polars or graph engines beyond NetworkX."""
    from .graph.store import export_parquet as run_export

    try:
        for path in run_export(out, to):
            click.echo(str(path))
    except CitegraphError as e:
        click.echo(_error_line(e), err=True)
        sys.exit(1)


# --- asking a previous build: show, stats (graph.query, rendered by viz.terminal) ---

_as_json = click.option("--json", "as_json", is_flag=True, help="Print JSON, for scripts.")


def _report(result: Any, as_json: bool, render: Any) -> None:
    if as_json:
        import json

        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    console = Console(highlight=False)
    for renderable in render(result):
        console.print(renderable)


@main.command(short_help="Passages citing an authority; what an opinion cites.")
@click.argument("query", nargs=-1, required=True)
@_build_dir
@_as_json
def show(query: tuple[str, ...], out: Path, as_json: bool) -> None:
    """Show every passage that cites an authority, or what a corpus opinion cites.

    QUERY is a name ("monell"), a citation ("436 U.S. 658", "436 U.S. at 694") or an
    id from the tables; quotes are optional. For an authority: each citing passage (page, signal,
    proposition, parenthetical), grouped by citing opinion. For an opinion of the
    corpus: what it cites, in order. Reads the tables of a previous build.
    """
    from dataclasses import asdict

    from .graph.query import cites, citing, find, status_of
    from .graph.tables import read_tables
    from .viz.terminal import show as render

    try:
        tables = read_tables(out)
    except CitegraphError as e:
        click.echo(_error_line(e), err=True)
        sys.exit(1)
    try:
        match = find(tables, " ".join(query))
    except CitegraphError as e:
        # an ambiguous name lists the candidates, one per line
        click.echo(_error_lines(e), err=True)
        sys.exit(1)
    result = {
        "match": asdict(match),
        "status": status_of(tables, match.id),
        "cited_by": [asdict(g) for g in citing(tables, match.id)],
        "cites": cites(tables, match.id) if match.in_corpus else [],
    }
    _report(result, as_json, render)


@main.command(short_help="Counts, most cited, PageRank and HITS, unresolved.")
@_build_dir
@_as_json
@click.option(
    "--top", default=10, show_default=True, type=click.IntRange(min=1), help="Rows per ranking."
)
def stats(out: Path, as_json: bool, top: int) -> None:
    """Counts by kind, the most cited and most central authorities (PageRank, HITS), the
    opinions that cite the most, and unresolved short forms, from a previous build."""
    from .graph.query import stats as corpus_stats
    from .graph.tables import read_tables
    from .viz.terminal import stats as render

    try:
        result = corpus_stats(read_tables(out), top=top)
    except CitegraphError as e:
        click.echo(_error_line(e), err=True)
        sys.exit(1)
    _report(result, as_json, render)


@main.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_option",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="The --out directory of a previous `citegraph build` (or give it as DIRECTORY).  "
    "[default: citegraph-out]",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=_FormatChoice(export_formats),
    help="Write this format (repeatable): "
    + _files(export_formats())
    + ". Default: "
    + ", ".join(build_formats())
    + ".",
)
@click.option(
    "--to",
    "to",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the files here instead of the build directory.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def export(
    directory: Path | None,
    out_option: Path | None,
    formats: tuple[str, ...],
    to: Path | None,
    quiet: bool,
) -> None:
    """Write the graph of a previous build (--out, or DIRECTORY) again, in other formats.

    The graph is rebuilt from opinions.jsonl, authorities.jsonl and citations.jsonl;
    no opinion is read again. graphml: graph.graphml (Gephi, igraph); gexf: graph.gexf
    (Gephi, kinds coloured); csv: nodes.csv and edges.csv (Gephi's spreadsheet import,
    pandas); json: graph.json (networkx node-link); html: graph.html.
    """
    from .graph.outputs import output_set
    from .graph.tables import from_tables, read_tables
    from .viz.export import write_formats

    # `--out` as in every other command; the positional DIRECTORY of earlier
    # versions still works, and naming two different builds is a mistake
    if directory is not None and out_option is not None and directory != out_option:
        raise click.UsageError(f"give the build directory once: {directory} or {out_option}")
    directory = directory or out_option or Path("citegraph-out")
    out = to or directory
    try:
        g = from_tables(read_tables(directory))
        with output_set():
            written = write_formats(g, out, formats or build_formats())
    except CitegraphError as e:
        click.echo(_error_line(e), err=True)
        sys.exit(1)
    if not quiet:
        click.echo(
            f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges -> "
            + ", ".join(str(p) for p in written)
        )
