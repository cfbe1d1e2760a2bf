"""Loaders: files -> Opinion (text + metadata) -> Citation records.

`read` turns a path (file or directory) into Opinions, choosing the format by
content and extension; `extract` finds every citation in an Opinion and the
proposition each supports. This room never imports networkx.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import CitegraphError
from ..models import Citation, Opinion
from .courtlistener import read_courtlistener
from .text import read_text

__all__ = ["read", "extract", "input_files", "FORMATS"]

Reader = Callable[[Path], list[Opinion]]

# extension -> reader; a new format is one module and one line here.
FORMATS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".json": read_courtlistener,
}


def input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every readable input file under `paths` (directories are walked recursively).

    Raises:
        CitegraphError: a path does not exist.
    """
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in FORMATS and not f.name.startswith("."):
                    yield f
        elif path.is_file():
            yield path
        else:
            raise CitegraphError("no such file or directory", str(path))


def read(path: str | Path) -> list[Opinion]:
    """Read one input file into Opinions.

    Raises:
        CitegraphError: the file cannot be read or is not an opinion.
    """
    path = Path(path)
    reader = FORMATS.get(path.suffix.lower(), read_text)
    try:
        return reader(path)
    except OSError as e:
        raise CitegraphError(f"cannot read: {e.strerror or e}", str(path)) from e


def extract(opinion: Opinion) -> list[Citation]:
    """Every citation in `opinion`, with the proposition each supports."""
    from .citations import find_citations
    from .propositions import attach_propositions

    citations = find_citations(opinion)
    attach_propositions(opinion, citations)
    return citations
