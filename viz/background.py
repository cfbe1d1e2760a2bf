"""Part of an output set written by a forked process while this one writes the rest.

A build writes graph.html here and the tables and exports in a forked child at the
same time; the child's files join the parent's graph.outputs.output_set() and are
renamed with the rest, or discarded with it.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

from ..errors import CitegraphError
from ..graph.outputs import current_set, discard

__all__ = ["BackgroundOutputs"]


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

        staged = current_set()
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
        staged = current_set()
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
    staged = current_set()
    assert staged is not None  # start() forks only inside output_set()
    try:
        fn()
        conn.send(("ok", [(str(t), str(p)) for t, p in staged[before:]]))
    except BaseException as e:  # reported to the parent, which raises it
        discard(staged[before:])
        conn.send(("error", str(e) or type(e).__name__))
    finally:
        conn.close()
