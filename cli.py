"""The `citegraph` command: parse options, call the library, report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import CitegraphError


@click.group()
@click.version_option(__version__, prog_name="citegraph")
def main() -> None:
    """Turn court opinions into a citation graph."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    default="citegraph-out",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the outputs.",
)
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be read.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def build(inputs: tuple[Path, ...], out: Path, strict: bool, quiet: bool) -> None:
    """Read opinions at INPUTS (files or directories) and write the citation graph to --out.

    Writes opinions.jsonl, authorities.jsonl, citations.jsonl, graph.html and
    graph.graphml.
    """
    from .corpus import build as run_build

    def report(e: CitegraphError) -> None:
        click.echo(f"error: {e}", err=True)

    try:
        corpus = run_build(inputs, on_error=report, strict=strict)
        corpus.write(out)
    except CitegraphError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1 if strict else 2)
    if not quiet:
        s = corpus.summary()
        click.echo(
            f"{s['opinions']} opinions, {s['citations']} citations, "
            f"{s['authorities']} authorities, {s['edges']} edges "
            f"in {s['seconds']:.1f} s -> {out}"
            + (f" ({s['failed']} files failed)" if s["failed"] else "")
        )
    if corpus.errors:
        sys.exit(1)
