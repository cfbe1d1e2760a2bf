"""Bulk files: JSON Lines (one opinion object a line) and CourtListener's bulk CSV.

Both are streamed: `members` yields one Member per record without holding the file
in memory, so one bad record costs only itself ("opinions.jsonl:17: malformed
JSON"). The records are read by the JSON formats (CourtListener, CAP...). Bulk
files may be gzip or bzip2 compressed (CourtListener ships opinions-*.csv.bz2);
compressed.py-style wrapping is done by archive.FORMAT_COMPRESSED.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

from ...errors import CitegraphError
from .decoding import peek
from .registry import Member, container_format

# Columns of CourtListener's opinions bulk CSV that hold text; one is enough to know it.
_CSV_TEXT_COLUMNS = {"plain_text", "html", "html_with_citations", "html_lawbox", "html_columbia"}


def _open(inp: Any) -> IO[bytes]:
    if isinstance(inp, Member):
        return io.BytesIO(inp.read_bytes())
    try:
        return open(inp, "rb")
    except OSError as e:
        raise CitegraphError(f"cannot read: {e.strerror or e}", str(inp)) from e


def _records(inp: Any, records: Callable[[str, IO[bytes]], Iterator[Member]]) -> Iterator[Member]:
    """The Members `records(name, stream)` finds in a bulk file; a file that cannot be
    opened is one Member that holds the error."""
    name = str(inp)
    try:
        fh = _open(inp)
    except CitegraphError as e:
        yield Member(name, error=e)
        return
    with fh:
        yield from records(name, fh)


def jsonl_members(inp: Any, max_bytes: int) -> Iterator[Member]:
    """One Member per non-blank line of a JSON Lines file."""
    return _records(inp, lambda name, fh: _jsonl_records(name, fh, max_bytes))


def _jsonl_records(name: str, fh: IO[bytes], max_bytes: int) -> Iterator[Member]:
    for n, line in enumerate(_lines(fh, max_bytes), 1):
        if line is None:
            err = CitegraphError(f"record over the {max_bytes // 1048576} MB limit", f"{name}:{n}")
            yield Member(f"{name}:{n}", error=err)
        elif line.strip():
            yield Member(f"{name}:{n}", line)


def _lines(fh: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Lines of `fh`; None for a line longer than `max_bytes` (skipped, not held)."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


def csv_members(inp: Any, max_bytes: int) -> Iterator[Member]:
    """One Member per row of a CourtListener opinions CSV (a header row names the columns)."""
    return _records(inp, lambda name, fh: _csv_records(name, fh, max_bytes))


def _csv_records(name: str, fh: IO[bytes], max_bytes: int) -> Iterator[Member]:
    csv.field_size_limit(min(max_bytes, sys.maxsize))
    with io.TextIOWrapper(fh, encoding="utf-8-sig", errors="replace", newline="") as text:
        reader = csv.DictReader(text)
        if not reader.fieldnames or not _CSV_TEXT_COLUMNS & set(reader.fieldnames):
            err = CitegraphError(
                "CSV has no opinion text column (plain_text, html_with_citations, ...)", name
            )
            yield Member(name, error=err)
            return
        row_no = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield Member(
                    f"{name}:row {row_no}",
                    error=CitegraphError(f"bad CSV: {e}", f"{name}:row {row_no}"),
                )
                return
            row_no += 1
            row = {k: v for k, v in row.items() if k is not None}
            yield Member(f"{name}:row {row_no}", json.dumps(row).encode("utf-8"))


def looks_like_jsonl(head: bytes) -> bool:
    """Two or more lines that each hold one JSON object."""
    lines = [ln for ln in peek(head).splitlines() if ln.strip()]
    if len(lines) < 2 or not lines[0].lstrip().startswith("{"):
        return False
    try:
        json.loads(lines[0])
    except json.JSONDecodeError:
        return False
    return lines[1].lstrip().startswith("{")


def looks_like_cl_csv(head: bytes) -> bool:
    """A CSV whose header row names CourtListener opinion columns."""
    first = peek(head).split("\n", 1)[0]
    cols = {c.strip().strip('"') for c in first.split(",")}
    return (
        len(cols) > 3 and bool(_CSV_TEXT_COLUMNS & cols) and bool(re.match(r'"?[a-z_]+"?,', first))
    )


FORMAT_JSONL = container_format(
    "jsonl", jsonl_members, (".jsonl", ".ndjson", ".jsonl.gz"), looks_like_jsonl
)
FORMAT_CSV = container_format(
    "courtlistener-csv", csv_members, (".csv", ".csv.gz", ".csv.bz2"), looks_like_cl_csv
)
