"""A build: read every input, extract, identify, build the graph, write the outputs.

`build(paths)` runs the whole flow and returns a Corpus holding the graph and the
three tables; `Corpus.write(out)` writes the output contract of DESIGN.md.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    cached: int = 0  # inputs whose extraction came from the store
    extracted: int = 0  # inputs read and extracted in this build
    workers: int = 1  # processes the build extracted with; write() uses as many

    def summary(self) -> dict[str, float | int]:
        """Counts for the build report (graph.metrics.counts: the same as `citegraph
        stats` and graph.html)."""
        from .graph.metrics import counts

        return {
            **counts(self.graph),
            "failed": len(self.errors),
            "duplicates": len(self.duplicates),
            "cached": self.cached,
            "extracted": self.extracted,
            "seconds": round(self.seconds, 2),
        }

    def write(
        self,
        out: str | Path,
        formats: Iterable[str] = (),
        max_nodes: int | None = None,
        workers: int | None = None,
    ) -> list[Path]:
        """Write opinions.jsonl, authorities.jsonl, citations.jsonl, graph.html, graph.graphml.

        Args:
            out: the output directory.
            formats: more export formats (viz.export: gexf, csv, json).
            max_nodes: graph.html keeps only this many nodes, the most important by
                PageRank (the other files keep everything).
            workers: with two or more (default: as many as the build used), the tables,
                GraphML and the other exports are written by a second process while
                this one writes graph.html.

        Returns:
            The paths written.
        """
        from .viz import write_formats, write_html, write_jsonl
        from .viz.export import files_of
        from .viz.tables import BackgroundOutputs, output_set

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        exports = list(
            dict.fromkeys(f.lower() for f in ["graphml", *formats] if f.lower() != "html")
        )

        # Every file goes to a temporary name first and all are renamed together at the
        # end: an interrupted write leaves the previous build's outputs whole.
        def tables_and_exports() -> None:
            for name, rows in (
                ("opinions.jsonl", [o.row() for o in self.opinions]),
                ("authorities.jsonl", [a.row() for a in self.authorities]),
                ("citations.jsonl", [c.row() for c in self.citations]),
            ):
                write_jsonl(rows, out / name)
            write_formats(self.graph, out, exports)

        with settled_heap(), output_set():
            background = BackgroundOutputs()
            if (workers or self.workers) > 1:
                background.start(tables_and_exports)
            else:
                tables_and_exports()
            try:
                write_html(self.graph, out / "graph.html", max_nodes=max_nodes)
            except BaseException:
                background.cancel()
                raise
            background.finish()
        written = [out / "opinions.jsonl", out / "authorities.jsonl", out / "citations.jsonl"]
        written += [out / name for f in exports for name in files_of(f)]
        return [*written, out / "graph.html"]


@contextlib.contextmanager
def settled_heap() -> Iterator[None]:
    """Leave the objects alive now out of the cyclic garbage collector while the block runs.

    A build holds millions of long-lived objects (opinions, citations, the graph);
    every full collection walks all of them, a second or more of each build's serial
    part, and a forked writer that collects touches (and so copies) every page of
    them. Frozen, they are skipped (gc.freeze); they are handed back at the end,
    unless something had frozen objects before.
    """
    was_frozen = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not was_frozen:
            gc.unfreeze()


@settled_heap()
def build(
    paths: Iterable[str | Path],
    on_error: Callable[[CitegraphError], None] | None = None,
    strict: bool = False,
    max_bytes: int | None = None,
    workers: int | None = 1,
    store: str | Path | None = None,
    cache: bool = True,
    scheduler: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    tokenizer: str | None = None,
    debug: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> Corpus:
    """Read, extract, identify and build the citation graph of the opinions at `paths`.

    Each input is read and extracted on its own (`extract_input`), in this process,
    in `workers` processes, or on a Dask cluster; identity and the graph are built
    once, here, from the results in input order, so every way gives the same output.

    Args:
        paths: files or directories of opinions.
        on_error: called with each file that could not be read; the build goes on.
        strict: stop at the first file that cannot be read.
        max_bytes: refuse files (archive members, bulk records) larger than this;
            default loaders.MAX_BYTES.
        workers: processes for extraction (None: one per core; 1: this process).
        store: directory (or file) of the SQLite store that caches each input's
            extraction; None for no store.
        cache: use the store's cached extractions (False re-extracts every input
            and refreshes the store).
        scheduler: a Dask scheduler address, or "local" for a LocalCluster of
            `workers` processes; None for no Dask.
        on_progress: called with (inputs done, inputs in all) as inputs finish.
        tokenizer: eyecite tokenizer: "default", "hyperscan" (same citations,
            faster) or "auto" (hyperscan when installed and worth compiling);
            default $CITEGRAPH_TOKENIZER or "auto".
        debug: let eyecite's warnings through.
        on_stage: called with what the build is doing when it is slow and not
            extracting: compiling the Hyperscan prefilter before the first input.

    Returns:
        The Corpus.

    Raises:
        CitegraphError: no opinion could be read, or `strict` and a file failed.
    """
    from .graph import build as build_graph
    from .graph import identify
    from .graph.store import Store, content_key
    from .loaders import MAX_BYTES, input_files

    t0 = time.perf_counter()
    limit = max_bytes or MAX_BYTES
    workers = max(1, workers or os.cpu_count() or 1)
    inputs = list(input_files(paths, limit))
    errors: list[CitegraphError] = []
    results: dict[int, Extraction] = {}
    db = Store(store) if store is not None else None
    counts = {"cached": 0, "extracted": 0}

    def fail(e: CitegraphError) -> None:
        if strict:
            raise e
        errors.append(e)
        if on_error:
            on_error(e)

    def progress() -> None:
        if on_progress:
            on_progress(len(results) + len(errors), len(inputs))

    def take(i: int, r: InputResult) -> None:
        if r.error is not None:
            fail(r.to_error())
        else:
            assert r.extraction is not None
            results[i] = r.extraction
            counts["extracted"] += 1
            if db is not None and r.payload is not None and r.key:
                db.put(r.key, r.source, r.payload)
            gc.freeze()  # results live to the end: no full collection need walk them
        progress()

    jobs: list[tuple[int, str, bytes, str]] = []
    for i, inp in enumerate(inputs):
        try:
            source, data = _input_bytes(inp, limit)
        except CitegraphError as e:
            fail(e)
            progress()
            continue
        key = content_key(source, data)
        cached = db.get(key) if db is not None and cache else None
        if cached is not None:
            results[i] = cached
            counts["cached"] += 1
            gc.freeze()
            progress()
        else:
            # the key goes to the worker only when there is a store to fill
            jobs.append((i, source, data, key if db is not None else ""))

    tokenizer = _choose_tokenizer(tokenizer, sum(len(j[2]) for j in jobs))
    if on_stage and jobs and _compiles_prefilter(tokenizer):
        on_stage(PREFILTER_STAGE)
    try:
        if scheduler:
            _run_dask(jobs, take, scheduler, workers, limit, tokenizer, debug)
        elif workers > 1 and len(jobs) > 1:
            _run_processes(jobs, take, workers, limit, tokenizer, debug)
        else:
            for i, source, data, key in jobs:
                take(i, extract_input(source, data, limit, tokenizer, debug, key))
    finally:
        if db is not None:
            db.close()

    opinions: list[Opinion] = []
    citations: list[Citation] = []
    duplicates: list[str] = []
    seen_sha: dict[str, str] = {}
    seen_ids: set[str] = set()
    for i in sorted(results):
        for op, cites in results[i]:
            if op.sha1 in seen_sha:
                duplicates.append(op.source)
                continue
            seen_sha[op.sha1] = op.id
            oid = _unique(op.id, seen_ids)
            if oid != op.id:
                op.id = oid
                for c in cites:
                    c.opinion = oid
            citations.extend(cites)
            opinions.append(op)
    if not opinions:
        raise CitegraphError("no opinion could be read from the inputs")
    gc.freeze()  # what identity and the graph read stays put
    authorities, resolved = identify(opinions, citations)
    graph = build_graph(opinions, authorities, resolved)
    if store is not None:
        db = Store(store)
        try:
            db.write_graph(graph)
            db.prune()
        finally:
            db.close()
    return Corpus(
        opinions=opinions,
        authorities=authorities,
        citations=resolved,
        graph=graph,
        errors=errors,
        duplicates=duplicates,
        seconds=time.perf_counter() - t0,
        cached=counts["cached"],
        extracted=counts["extracted"],
        workers=workers,
    )


Extraction = list[tuple[Opinion, list[Citation]]]


@dataclass
class InputResult:
    """What reading and extracting one input gave: its Opinions and Citations, or an error."""

    source: str
    key: str = ""
    extraction: Extraction | None = None
    payload: bytes | None = None  # the store's encoding of `extraction`
    error: str | None = None
    path: str | None = None
    trace: str | None = None

    def to_error(self) -> CitegraphError:
        """The CitegraphError to report (with the traceback as `trace`, for --debug)."""
        e = CitegraphError(self.error or "unknown error", self.path)
        e.trace = self.trace  # type: ignore[attr-defined]
        return e


def extract_input(
    source: str,
    data: bytes,
    max_bytes: int | None = None,
    tokenizer: str | None = None,
    debug: bool = False,
    key: str = "",
) -> InputResult:
    """Read one input and extract every citation of each of its opinions.

    The unit of work of a build: a top-level function of plain arguments, so that
    multiprocessing and Dask can ship it. Never raises for a bad input: the error
    comes back in the result and the build goes on.

    Args:
        source: the input's name (a path, "archive.zip!member", "bulk.jsonl:17").
        data: its bytes.
        max_bytes: the size limit per input.
        tokenizer: eyecite tokenizer name (see `build`).
        debug: let eyecite's warnings through.
        key: the input's content key, passed back with the store's encoding of
            the result; "" when there is no store (nothing to encode).
    """
    import traceback

    from .graph.store import encode_extraction
    from .loaders import MAX_BYTES, Member, extract, read

    _prepare_worker(tokenizer, debug)
    try:
        opinions = read(Member(source, data), max_bytes or MAX_BYTES)
        extraction = [(op, extract(op)) for op in opinions]
        payload = encode_extraction(extraction) if key else None
    except CitegraphError as e:
        message = str(e)
        if e.path and message.startswith(f"{e.path}: "):
            message = message[len(e.path) + 2 :]
        return InputResult(
            source, key, error=message, path=e.path or source, trace=traceback.format_exc()
        )
    except Exception as e:  # one input's bug must not sink the build
        return InputResult(
            source,
            key,
            error=(
                f"citegraph failed on this file ({type(e).__name__}: {e}); the build "
                "went on without it; please report it with the file (--debug shows where)"
            ),
            path=source,
            trace=traceback.format_exc(),
        )
    return InputResult(source, key, extraction=extraction, payload=payload)


_WORKER_STATE: dict[str, Any] = {}


def _prepare_worker(tokenizer: str | None, debug: bool) -> None:
    """Install the eyecite speed-ups and set eyecite's logger, once per process."""
    if _WORKER_STATE.get("ready") == (tokenizer, debug):
        return
    import logging

    from .loaders.extraction import citations, speedups

    speedups.install(tokenizer=tokenizer)
    # Built here, before the pool forks, so that workers inherit it.
    citations.tokenizer()
    # eyecite logs "Unknown overlap case" for ordinary text: quiet unless --debug.
    logging.getLogger("eyecite").setLevel(logging.WARNING if debug else logging.ERROR)
    _WORKER_STATE["ready"] = (tokenizer, debug)


def _init_worker_process(tokenizer: str | None, debug: bool) -> None:
    """A worker process leaves Ctrl-C to the build, which stops the pool and reports once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _prepare_worker(tokenizer, debug)


def _input_bytes(inp: Any, limit: int) -> tuple[str, bytes]:
    """Name and bytes of one input; a file over `limit` raises the loaders' own error."""
    from .loaders import read

    if isinstance(inp, Path):
        try:
            if inp.stat().st_size > limit:
                read(inp, limit)  # raises the size error, naming the file
            return str(inp), inp.read_bytes()
        except OSError as e:
            raise CitegraphError(f"cannot read: {e.strerror or e}", str(inp)) from e
    return str(inp), inp.read_bytes()


# Inputs larger than this in all make compiling the Hyperscan database (a minute or
# two, once per machine) pay for itself.
_HYPERSCAN_WORTH_BYTES = 20 * 1024 * 1024


PREFILTER_STAGE = "compiling the Hyperscan prefilter (once per machine, ~1 min)..."


def _compiles_prefilter(tokenizer: str) -> bool:
    """Whether preparing `tokenizer` compiles the Hyperscan database: the first large
    build on a machine is silent for a minute or more unless the user is told why."""
    from .loaders.extraction import speedups

    return tokenizer == "hyperscan" and not speedups.prefilter_cached()


def _choose_tokenizer(tokenizer: str | None, pending_bytes: int) -> str:
    from .loaders.extraction import speedups

    tokenizer = tokenizer or os.environ.get("CITEGRAPH_TOKENIZER") or "auto"
    if tokenizer != "auto":
        return tokenizer
    if not speedups.hyperscan_available():
        return "default"
    if speedups.prefilter_cached() or pending_bytes >= _HYPERSCAN_WORTH_BYTES:
        return "hyperscan"
    return "default"


def _run_processes(
    jobs: list[tuple[int, str, bytes, str]],
    take: Callable[[int, InputResult], None],
    workers: int,
    limit: int,
    tokenizer: str,
    debug: bool,
) -> None:
    """Extract `jobs` in worker processes, at most a few per worker in flight."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    # Compile or load the tokenizer once here, so forked workers inherit it. (courts-db's
    # regexes are compiled only as the speed-ups find them needed, in the workers.)
    _prepare_worker(tokenizer, debug)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)

    def new_pool(n: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=n,
            mp_context=context,
            initializer=_init_worker_process,
            initargs=(tokenizer, debug),
        )

    # largest first, so that no big opinion is left for one worker at the end
    queue = sorted(jobs, key=lambda job: len(job[2]))
    warm = False
    while queue:
        pending: dict[Future[InputResult], tuple[int, str, bytes, str]] = {}
        pool = new_pool(workers)
        suspects: list[tuple[int, str, bytes, str]] = []
        try:
            while queue or pending:
                while queue and len(pending) < workers * 4:
                    job = queue.pop()
                    pending[
                        pool.submit(extract_input, *job[1:3], limit, tokenizer, debug, job[3])
                    ] = job
                if not warm:
                    warm = True
                    _load_output_modules()
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    result = f.result()  # may raise BrokenProcessPool: f stays pending
                    take(pending.pop(f)[0], result)
        except BrokenProcessPool:
            # A worker died (killed, out of memory, a crash in a C extension). Which
            # input did it is unknown: each one in flight runs again alone.
            suspects = list(pending.values())
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        for i, source, data, key in suspects:
            alone = new_pool(1)
            try:
                once = alone.submit(extract_input, source, data, limit, tokenizer, debug, key)
                take(i, once.result())
            except BrokenProcessPool:
                take(i, _died(source))
            finally:
                alone.shutdown(wait=True)


def _load_output_modules() -> None:
    """Import what writing the outputs needs (pyvis alone takes a second, for IPython)
    while the workers extract, instead of after them."""
    with contextlib.suppress(ImportError):
        import pyvis.network  # noqa: F401


def _died(source: str) -> InputResult:
    return InputResult(
        source,
        error=(
            "the worker process reading this file died (out of memory, or killed); the "
            "build went on without it; try it alone with --workers 1 --debug"
        ),
        path=source,
    )


def _run_dask(
    jobs: list[tuple[int, str, bytes, str]],
    take: Callable[[int, InputResult], None],
    scheduler: str,
    workers: int,
    limit: int,
    tokenizer: str,
    debug: bool,
) -> None:
    """Extract `jobs` on a Dask cluster (an address, or "local" for a LocalCluster)."""
    try:
        from distributed import Client, LocalCluster, wait
    except ImportError as e:
        raise CitegraphError("--scheduler needs Dask: pip install 'citegraph[cluster]'") from e

    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout=30)
        except OSError as e:
            raise CitegraphError(f"cannot reach the Dask scheduler: {e}", scheduler) from e
    try:
        window = max(8, 4 * sum(client.nthreads().values()))
        pending: dict[Any, int] = {}

        def collect(futures: Any) -> None:
            for f in futures:
                take(pending.pop(f), f.result())

        for i, source, data, key in jobs:
            future = client.submit(
                extract_input, source, data, limit, tokenizer, debug, key, pure=False
            )
            pending[future] = i
            if len(pending) >= window:
                collect(wait(list(pending), return_when="FIRST_COMPLETED").done)
        while pending:
            collect(wait(list(pending), return_when="FIRST_COMPLETED").done)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _unique(oid: str, seen: set[str]) -> str:
    base, n = oid, 2
    while oid in seen:
        oid = f"{base}-{n}"
        n += 1
    seen.add(oid)
    return oid
