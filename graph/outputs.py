"""Atomic output files, replaced together as one set.

Every writer of citegraph goes through `atomic_write`: the file is written under a
temporary name beside the target, flushed to disk, then renamed over it, so an
interrupted build (Ctrl-C, kill, a full disk) never leaves a half-written output.
Inside `output_set()` the renames wait until every file of the set is complete and
then happen together, so a build replaces its outputs as one set: the old graph.html
never sits beside new tables because a later writer failed. Text is UTF-8; a lone
surrogate (which JSON input can carry as "\\ud800") is written as U+FFFD, so every
file is valid UTF-8.

It sits in `graph` (below `viz`) so that the tables (graph.jsonl) and every writer
of viz share it; viz.background writes part of a set from a forked process.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import glob
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_write", "open_output", "output_set", "current_set", "discard", "TEMP_SUFFIX"]

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
        discard(staged)
        raise
    _STAGED.reset(token)
    try:
        for i, (tmp, path) in enumerate(staged):
            os.replace(tmp, path)
            staged[i] = (path, path)
    except BaseException:
        discard([(t, p) for t, p in staged if t != p])
        raise
    for directory in {p.parent for _, p in staged}:
        _fsync_dir(directory)


def current_set() -> list[tuple[Path, Path]] | None:
    """The (temporary, target) pairs of the innermost output_set() so far; None outside one."""
    return _STAGED.get()


def discard(files: list[tuple[Path, Path]]) -> None:
    """Remove the temporary files of (temporary, target) pairs: a set that will not be renamed."""
    for tmp, _ in files:
        with contextlib.suppress(OSError):
            tmp.unlink()
