"""JSON Lines, the format of a build's tables (opinions.jsonl, authorities.jsonl,
citations.jsonl): written by a build, read back by `citegraph show`, `stats` and `export`.

One object per line, UTF-8. Every line splitter agrees on the lines: the characters
some of them split on (U+0085, U+2028, U+2029) are written as escapes and read with
newline="\\n", so they never end a line; NaN and infinities are written as null,
and a lone surrogate as U+FFFD (graph.outputs), so the file is always valid UTF-8.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import CitegraphError
from .outputs import atomic_write

__all__ = ["json_line", "write_jsonl", "read_jsonl"]


# Characters that some line splitters treat as line ends but json.dumps leaves raw.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_LINE_BREAK_RE = re.compile("[\x85\u2028\u2029]")


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def json_line(row: dict[str, Any]) -> str:
    """One JSON Lines line (without the newline) for `row`."""
    try:
        text = json.dumps(row, ensure_ascii=False, allow_nan=False)
    except ValueError:  # NaN or infinity: not JSON
        text = json.dumps(_finite(row), ensure_ascii=False, allow_nan=False)
    return _LINE_BREAK_RE.sub(lambda m: _LINE_BREAKS[m.group(0)], text)


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write `rows` as JSON Lines to `path` atomically.

    Returns:
        The number of rows written.
    """
    n = 0
    with atomic_write(path) as f:
        for row in rows:
            f.write(json_line(row) + "\n")
            n += 1
    return n


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON Lines table: one JSON object per line (blank lines skipped).

    Raises:
        CitegraphError: a line is not a JSON object, or the file is not UTF-8.
    """
    rows = []
    try:
        # newline="\n": U+2028 and friends inside a string are not line ends
        with open(path, encoding="utf-8", newline="\n") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise CitegraphError(
                        f"line {number} is not JSON ({e.msg}): rebuild the tables", str(path)
                    ) from None
                if not isinstance(row, dict):
                    raise CitegraphError(
                        f"line {number} is not a JSON object: rebuild the tables", str(path)
                    )
                rows.append(row)
    except UnicodeDecodeError as e:
        raise CitegraphError(f"not UTF-8 ({e.reason}): rebuild the tables", str(path)) from None
    return rows
