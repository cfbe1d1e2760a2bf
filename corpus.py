"""A build: read every input, extract, identify, build the graph, write the outputs.

`build(paths)` runs the whole flow and returns a Corpus holding the graph and the
three tables; `Corpus.write(out)` writes the output contract of DESIGN.md.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import CitegraphError
from .models import Authority, Citation, Opinion

if TYPE_CHECKING:  # networkx is imported by what builds the graph, when it runs
    import networkx as nx

    from .graph.store import Store


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
        from .graph.outputs import output_set
        from .graph.query import tables_of
        from .graph.tables import TABLES, TEXTS
        from .viz.background import BackgroundOutputs
        from .viz.export import build_exports, files_of, write_formats
        from .viz.html import write_html
        from .viz.tables import write_tables, write_texts

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        exports = build_exports(formats)

        # Every file goes to a temporary name first and all are renamed together at the
        # end: an interrupted write leaves the previous build's outputs whole.
        def tables_and_exports() -> None:
            write_tables(tables_of(self), out)
            write_texts(self.opinions, out)
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
        written = [out / f"{name}.jsonl" for name in TABLES] + [out / TEXTS]
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
    from .loaders import MAX_BYTES, input_files

    t0 = time.perf_counter()
    limit = max_bytes or MAX_BYTES
    workers = max(1, workers or os.cpu_count() or 1)
    inputs = list(input_files(paths, limit))
    with _Gathered(len(inputs), strict, on_error, on_progress, store) as gathered:
        jobs = _jobs(inputs, limit, gathered, cache)
        settings = _Settings(limit, _choose_tokenizer(tokenizer, _bytes(jobs)), debug)
        if on_stage and jobs and _compiles_prefilter(settings.tokenizer):
            on_stage(PREFILTER_STAGE)
        _extract(jobs, gathered.take, settings, scheduler, workers)
        opinions, citations, duplicates = _merge(gathered.extractions)
        authorities, resolved, graph = _link(opinions, citations, gathered.store)
    return Corpus(
        opinions=opinions,
        authorities=authorities,
        citations=resolved,
        graph=graph,
        errors=gathered.errors,
        duplicates=duplicates,
        seconds=time.perf_counter() - t0,
        cached=gathered.cached,
        extracted=gathered.extracted,
        workers=workers,
    )


@dataclass(frozen=True)
class Job:
    """One input left to extract (the store had no extraction of it)."""

    index: int  # its place among the inputs: results are put back in input order
    source: str  # its name (a path, "archive.zip!member", "bulk.jsonl:17")
    data: bytes
    key: str  # its content key when there is a store to fill, else ""


class _Settings(NamedTuple):
    """What every extraction of a build is run with: extract_input's arguments after
    the input's source and data (and before its key)."""

    limit: int
    tokenizer: str
    debug: bool


@dataclass
class _Gathered:
    """What a build's inputs have given so far: each one's extraction (by input
    number) or its error, and how many came from the store. As a context manager it
    holds the store at `store_path` open (`store`), if there is one."""

    total: int
    strict: bool
    on_error: Callable[[CitegraphError], None] | None
    on_progress: Callable[[int, int], None] | None
    store_path: str | Path | None
    store: Store | None = None
    extractions: dict[int, Extraction] = field(default_factory=dict)
    errors: list[CitegraphError] = field(default_factory=list)
    cached: int = 0
    extracted: int = 0

    def __enter__(self) -> _Gathered:
        from .graph.store import Store

        self.store = Store(self.store_path) if self.store_path is not None else None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.store is not None:
            self.store.close()

    def fail(self, e: CitegraphError) -> None:
        """An input could not be read: stop (strict) or note it and go on."""
        if self.strict:
            raise e
        self.errors.append(e)
        if self.on_error:
            self.on_error(e)

    def progress(self) -> None:
        """Report the inputs done so far."""
        if self.on_progress:
            self.on_progress(len(self.extractions) + len(self.errors), self.total)

    def take_cached(self, i: int, extraction: Extraction) -> None:
        """Input `i`'s extraction, from the store."""
        self.extractions[i] = extraction
        self.cached += 1
        gc.freeze()  # results live to the end: no full collection need walk them
        self.progress()

    def take(self, i: int, r: InputResult) -> None:
        """What extracting input `i` gave; a new extraction goes to the store too."""
        if r.error is not None:
            self.fail(r.to_error())
        else:
            assert r.extraction is not None
            self.extractions[i] = r.extraction
            self.extracted += 1
            if self.store is not None and r.payload is not None and r.key:
                self.store.put(r.key, r.source, r.payload)
            gc.freeze()
        self.progress()


def _jobs(inputs: list[Any], limit: int, gathered: _Gathered, cache: bool) -> list[Job]:
    """Read each input's bytes: what the store holds (unless not `cache`) is taken from
    it, the rest become jobs; an input that cannot be read is an error."""
    from .graph.store import content_key

    db = gathered.store
    jobs: list[Job] = []
    for i, inp in enumerate(inputs):
        try:
            source, data = _input_bytes(inp, limit)
        except CitegraphError as e:
            gathered.fail(e)
            gathered.progress()
            continue
        key = content_key(source, data)
        cached = db.get(key) if db is not None and cache else None
        if cached is not None:
            gathered.take_cached(i, cached)
        else:
            # the key goes to the worker only when there is a store to fill
            jobs.append(Job(i, source, data, key if db is not None else ""))
    return jobs


def _bytes(jobs: list[Job]) -> int:
    return sum(len(job.data) for job in jobs)


def _extract(
    jobs: list[Job],
    take: Callable[[int, InputResult], None],
    settings: _Settings,
    scheduler: str | None,
    workers: int,
) -> None:
    """Extract every job: on a Dask cluster, in worker processes, or here."""
    if scheduler:
        _run_dask(jobs, take, scheduler, workers, settings)
    elif workers > 1 and len(jobs) > 1:
        _run_processes(jobs, take, workers, settings)
    else:
        for job in jobs:
            take(job.index, extract_input(job.source, job.data, *settings, job.key))


def _merge(
    extractions: dict[int, Extraction],
) -> tuple[list[Opinion], list[Citation], list[str]]:
    """The opinions and citations of every input, in input order: an opinion read
    twice (same text) is kept once, the later source listed as a duplicate, and ids
    made unique ("-2", "-3"...).

    Raises:
        CitegraphError: no opinion at all.
    """
    opinions: list[Opinion] = []
    citations: list[Citation] = []
    duplicates: list[str] = []
    seen_sha: dict[str, str] = {}
    seen_ids: set[str] = set()
    for i in sorted(extractions):
        for op, cites in extractions[i]:
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
    return opinions, citations, duplicates


def _link(
    opinions: list[Opinion], citations: list[Citation], db: Store | None
) -> tuple[list[Authority], list[Citation], nx.DiGraph]:
    """Identify the authorities and build the graph (saved to the open store, if any)."""
    from .graph import build as build_graph
    from .graph import identify

    gc.freeze()  # what identity and the graph read stays put
    authorities, resolved = identify(opinions, citations)
    graph = build_graph(opinions, authorities, resolved)
    if db is not None:
        db.write_graph(graph)
        db.prune()
    return authorities, resolved, graph


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
    jobs: list[Job], take: Callable[[int, InputResult], None], workers: int, settings: _Settings
) -> None:
    """Extract `jobs` in worker processes, at most a few per worker in flight.

    A worker that dies (killed, out of memory, a crash in a C extension) breaks the
    pool; which input did it is unknown, so each one in flight runs again alone, and
    the rest go on in a new pool.
    """
    # Compile or load the tokenizer once here, so forked workers inherit it. (courts-db's
    # regexes are compiled only as the speed-ups find them needed, in the workers.)
    _prepare_worker(settings.tokenizer, settings.debug)
    # largest first, so that no big opinion is left for one worker at the end
    queue = sorted(jobs, key=lambda job: len(job.data))
    while queue:
        suspects = _run_pool(queue, take, workers, settings)
        for job in suspects:
            _run_alone(job, take, settings)


def _new_pool(workers: int, settings: _Settings) -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork" if "fork" in methods else None),
        initializer=_init_worker_process,
        initargs=(settings.tokenizer, settings.debug),
    )


def _submit(pool: Any, job: Job, settings: _Settings) -> Any:
    return pool.submit(extract_input, job.source, job.data, *settings, job.key)


def _run_pool(
    queue: list[Job], take: Callable[[int, InputResult], None], workers: int, settings: _Settings
) -> list[Job]:
    """Extract the jobs of `queue` (taken from its end) in one pool of `workers`
    processes, until it is empty or the pool breaks; the jobs in flight when it broke."""
    from concurrent.futures import FIRST_COMPLETED, Future, wait
    from concurrent.futures.process import BrokenProcessPool

    pending: dict[Future[InputResult], Job] = {}
    pool = _new_pool(workers, settings)
    try:
        while queue or pending:
            while queue and len(pending) < workers * 4:
                job = queue.pop()
                pending[_submit(pool, job, settings)] = job
            _load_output_modules()
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                result = f.result()  # may raise BrokenProcessPool: f stays pending
                take(pending.pop(f).index, result)
    except BrokenProcessPool:
        _drain_broken_pool(pool)
        return list(pending.values())
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return []


def _drain_broken_pool(pool: Any) -> None:
    """Read a broken pool's call pipe empty so its threads end: on CPython 3.10 a feeder
    blocked writing a job to dead workers' pipe hung shutdown() (5 builds in 12)."""
    reader = getattr(getattr(pool, "_call_queue", None), "_reader", None)
    manager = getattr(pool, "_executor_manager_thread", None)
    while reader is not None and manager is not None and manager.is_alive():
        try:
            while reader.poll(0.05):
                reader.recv_bytes()
        except (OSError, EOFError):
            return
        manager.join(0.05)


def _run_alone(job: Job, take: Callable[[int, InputResult], None], settings: _Settings) -> None:
    """Extract one job in a pool of its own: if the worker dies again, this input did it."""
    from concurrent.futures.process import BrokenProcessPool

    alone = _new_pool(1, settings)
    try:
        take(job.index, _submit(alone, job, settings).result())
    except BrokenProcessPool:
        take(job.index, _died(job.source))
    finally:
        alone.shutdown(wait=True)


@functools.cache
def _load_output_modules() -> None:
    """Import what writing the outputs needs (pyvis alone takes a second, for IPython)
    while the workers extract, instead of after them (once: then it is imported)."""
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
    jobs: list[Job],
    take: Callable[[int, InputResult], None],
    scheduler: str,
    workers: int,
    settings: _Settings,
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

        for job in jobs:
            future = client.submit(
                extract_input, job.source, job.data, *settings, job.key, pure=False
            )
            pending[future] = job.index
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
