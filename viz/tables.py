"""Flat tables (opinions.jsonl, authorities.jsonl, citations.jsonl) and atomic output files.

JSON Lines, one object per line, UTF-8. Every line splitter agrees on the lines: the
characters some of them split on (U+0085, U+2028, U+2029) are written as escapes,
NaN and infinities as null, and a lone surrogate (which JSON input can carry as
"\\ud800") as U+FFFD, so the file is always valid UTF-8.

Every writer of citegraph goes through `atomic_write`: the file is written under a
temporary name beside the target, flushed to disk, then renamed over it, so an
interrupted build (Ctrl-C, kill, a full disk) never leaves a half-written output.
Inside `output_set()` the renames wait until every file of the set is complete and
then happen together, so a build replaces its outputs as one set: the old graph.html
never sits beside new tables because a later writer failed.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import glob
import json
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

__all__ = [
    "atomic_write",
    "open_output",
    "output_set",
    "BackgroundOutputs",
    "write_jsonl",
    "read_jsonl",
    "TEMP_SUFFIX",
]

TEMP_SUFFIX = ".tmp"
_STALE_SECONDS = 24 * 3600  # where a temp file's owner cannot be asked, the age that makes it stale


def _replace_surrogates(e: UnicodeError) -> tuple[bytes, int]:
    # Lone surrogates come from JSON input ("\ud800"); UTF-8 cannot hold them. The
    # UTF-8 encoder takes only ASCII text or bytes back, hence U+FFFD as UTF-8 bytes.
    if isinstance(e, UnicodeEncodeError) and e.encoding in ("utf-8", "utf8"):
        return "\ufffd".encode() * (e.end - e.start), e.end
    raise e


codecs.register_error("citegraph.replace_surrogates", _replace_surrogates)

# Files staged by the innermost output_set(): (temporary path, target path).
_STAGED: contextvars.ContextVar[list[tuple[Path, Path]] | None] = contextvars.ContextVar(
    "citegraph_staged_outputs", default=None
)


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def _remove_stale_temps(path: Path) -> None:
    """Remove temporary files a killed build left beside `path` (never a live one's)."""
    prefix = _temp_prefix(path)
    for tmp in path.parent.glob(f"{glob.escape(prefix)}*{TEMP_SUFFIX}"):
        m = re.fullmatch(rf"{re.escape(prefix)}(\d+)\.[^.]+{re.escape(TEMP_SUFFIX)}", tmp.name)
        if not m:
            continue
        if _pid_alive(int(m.group(1))):
            continue
        with contextlib.suppress(OSError):
            if os.name == "posix" or time.time() - tmp.stat().st_mtime > _STALE_SECONDS:
                tmp.unlink()


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False  # age decides, see _remove_stale_temps
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    # A killed writer whose parent died too can linger as a zombie nobody reaps
    # (pid 1 of a container often does not): it writes nothing any more.
    with contextlib.suppress(OSError, IndexError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat[stat.rindex(")") + 2] not in "ZX"
    return True


def _fsync_dir(directory: Path) -> None:
    # Makes the renames themselves durable; not possible (nor needed) on every OS.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def open_output(target: str | Path | IO[str]) -> Iterator[IO[str]]:
    """A writer's destination: a path is written atomically, an open text file as it is."""
    if isinstance(target, (str, Path)):
        with atomic_write(target) as f:
            yield f
    else:
        yield target


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside `path`; when the block succeeds it replaces `path`.

    Inside `output_set()` the rename waits for the whole set. Text is UTF-8; a lone
    surrogate is written as U+FFFD.

    Args:
        path: the file to write.
        mode: "w" (text) or "wb" (bytes).

    Yields:
        The open temporary file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(path)
    fd, name = tempfile.mkstemp(
        prefix=f"{_temp_prefix(path)}{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    tmp = Path(name)
    try:
        text = "b" not in mode
        with os.fdopen(
            fd,
            mode,
            encoding="utf-8" if text else None,
            errors="citegraph.replace_surrogates" if text else None,
            newline="" if text else None,
        ) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        staged = _STAGED.get()
        if staged is None:
            os.replace(tmp, path)
            _fsync_dir(path.parent)
        else:
            staged.append((tmp, path))
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def output_set() -> Iterator[list[tuple[Path, Path]]]:
    """Replace every file written with `atomic_write` inside the block as one set.

    Each file is written in full under a temporary name; only when the block ends
    without error are they all renamed into place, in one quick final step. If the
    block fails or is interrupted, the temporary files are removed and every previous
    output is left as it was.

    Inside another output_set() the files join the outer set.

    Yields:
        The (temporary, target) pairs staged so far.
    """
    outer = _STAGED.get()
    if outer is not None:
        yield outer
        return
    staged: list[tuple[Path, Path]] = []
    token = _STAGED.set(staged)
    try:
        yield staged
    except BaseException:
        _STAGED.reset(token)
        _discard(staged)
        raise
    _STAGED.reset(token)
    try:
        for i, (tmp, path) in enumerate(staged):
            os.replace(tmp, path)
            staged[i] = (path, path)
    except BaseException:
        _discard([(t, p) for t, p in staged if t != p])
        raise
    for directory in {p.parent for _, p in staged}:
        _fsync_dir(directory)


class BackgroundOutputs:
    """Files of the current output_set() written by a forked process meanwhile.

    `start(fn)` forks; the child runs `fn` (which writes with `atomic_write`) and sends
    back the temporary files it staged; `finish()` waits and adds them to the set, to
    be renamed with the rest. If `fn` fails, the child removes its files and `finish()`
    raises CitegraphError with its message. Where there is no fork (Windows, macOS's
    default), or outside output_set(), `fn` runs in this process at `start`.
    """

    def __init__(self) -> None:
        self._process: Any = None
        self._conn: Any = None

    def start(self, fn: Any) -> BackgroundOutputs:
        """Run `fn` in a forked child (or here, where that is not possible)."""
        import multiprocessing

        staged = _STAGED.get()
        if staged is None or "fork" not in multiprocessing.get_all_start_methods():
            fn()
            return self
        for stream in (sys.stdout, sys.stderr):  # else the child repeats what is buffered
            with contextlib.suppress(Exception):
                stream.flush()
        ctx = multiprocessing.get_context("fork")
        reader, writer = ctx.Pipe(duplex=False)
        self._process = ctx.Process(target=_child_write, args=(writer, fn, len(staged)))
        self._process.start()
        writer.close()
        self._conn = reader
        return self

    def finish(self) -> None:
        """Wait for the child; its files join the output set (or its error is raised)."""
        from ..errors import CitegraphError

        if self._process is None:
            return
        try:
            try:
                kind, payload = self._conn.recv()
            except EOFError:
                kind, payload = "error", "the process writing outputs died"
            self._process.join()
        finally:
            self._conn.close()
            self._process = None
        if kind != "ok":
            raise CitegraphError(payload)
        staged = _STAGED.get()
        assert staged is not None
        staged.extend((Path(t), Path(p)) for t, p in payload)

    def cancel(self) -> None:
        """Stop the child (the build failed). Temporary files it had staged are
        left to the next write of the same paths, which removes a dead writer's."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._conn.close()
            self._process = None


def _child_write(conn: Any, fn: Any, before: int) -> None:
    staged = _STAGED.get()
    assert staged is not None  # start() forks only inside output_set()
    try:
        fn()
        conn.send(("ok", [(str(t), str(p)) for t, p in staged[before:]]))
    except BaseException as e:  # reported to the parent, which raises it
        _discard(staged[before:])
        conn.send(("error", str(e) or type(e).__name__))
    finally:
        conn.close()


def _discard(staged: list[tuple[Path, Path]]) -> None:
    for tmp, _ in staged:
        with contextlib.suppress(OSError):
            tmp.unlink()


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
    """Read a JSON Lines table."""
    with open(path, encoding="utf-8", newline="\n") as f:
        return [json.loads(line) for line in f if line.strip()]
