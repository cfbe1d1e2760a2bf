"""Extraction in several threads of one process gives what one thread gives.

A `dask worker` runs its tasks in threads (two by default here): the build's unit of
work, `corpus.extract_input`, must be safe to run in them at once. Issue 23: with the
Hyperscan tokenizer, threads shared one scratch space and a file failed with
"ScratchInUseError: error code -10". Here real opinions of every kind citegraph reads
(CourtListener JSON, plain text, CAP JSON, XML and HTML, PDF) are extracted by four
threads at once, each file several times, the first calls racing to install the
speed-ups and to load the Hyperscan database, and the results must equal a run in one
thread.

The Hyperscan database is compiled from the eyecite regexes these opinions select
(seconds) rather than all of them (minutes); the tokenizer is otherwise the one
`make_tokenizer("hyperscan")` builds.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INPUTS = [
    *sorted((ROOT / "data").iterdir()),  # CourtListener JSON and plain text
    *(
        FIXTURES / "formats" / name
        for name in (
            "cap_dlm_v_tjs.json",
            "capxml_f2d_sasso_v_goldman.json",
            "cap_commonwealth_v_brown.html",
            "cl_mount_v_smith.json",
            "ali_v_annucci_sdny_2020.pdf",
        )
    ),
    FIXTURES / "pdf" / "scotus-bound-volumes_scotus_glebe-v-frost_2014.pdf",
]
THREADS = 4
ROUNDS = 2  # each file extracted this many times by the threads


def _inputs() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in INPUTS]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any], list[str]]:
    """A disk cache holding the Hyperscan database of the eyecite regexes the inputs'
    opinions select, those regexes, and the opinions' texts."""
    pytest.importorskip("hyperscan")
    from citegraph.loaders import Member, read
    from citegraph.loaders.extraction.speedups.hyperscan import prefiltered_tokenizer_class
    from eyecite.tokenizers import EXTRACTORS, default_tokenizer

    texts = [op.text for name, data in _inputs() for op in read(Member(name, data))]
    picked = {id(e) for text in texts for e in default_tokenizer.get_extractors(text)}
    chosen = [e for e in EXTRACTORS if id(e) in picked]
    cache = tmp_path_factory.mktemp("hyperscan")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITEGRAPH_CACHE", str(cache))
        prefiltered_tokenizer_class()(extractors=chosen).prepare()
    return cache, chosen, texts


@pytest.fixture
def hyperscan_tokenizer(monkeypatch: pytest.MonkeyPatch, compiled: Any) -> Any:
    """A Hyperscan tokenizer whose database is on disk but not yet loaded, put where
    `make_tokenizer("hyperscan")` finds it; the speed-ups uninstalled before and after."""
    from citegraph import corpus
    from citegraph.loaders.extraction import speedups
    from citegraph.loaders.extraction.speedups.hyperscan import prefiltered_tokenizer_class

    cache, chosen, _ = compiled
    monkeypatch.setenv("CITEGRAPH_CACHE", str(cache))
    tokenizer = prefiltered_tokenizer_class()(extractors=chosen)
    monkeypatch.setitem(speedups._TOKENIZERS, "hyperscan", tokenizer)
    speedups.uninstall()
    corpus._WORKER_STATE.clear()
    yield tokenizer
    speedups.uninstall()
    corpus._WORKER_STATE.clear()


def _in_threads(work: list[Any], function: Any) -> list[Any]:
    """`function` over `work` in THREADS threads, all started together."""
    start = threading.Barrier(THREADS)

    def wait_for_all() -> None:
        start.wait(timeout=60)

    with ThreadPoolExecutor(THREADS, initializer=wait_for_all) as pool:
        return list(pool.map(function, work))


def test_extraction_in_four_threads_at_once_equals_one_thread(hyperscan_tokenizer) -> None:
    from citegraph import corpus
    from citegraph.loaders.extraction import speedups

    inputs = _inputs()
    work = [item for _ in range(ROUNDS) for item in inputs]
    threaded = _in_threads(work, lambda item: corpus.extract_input(*item, None, "hyperscan"))
    assert speedups.active_tokenizer() is hyperscan_tokenizer

    speedups.uninstall()
    corpus._WORKER_STATE.clear()
    alone = {name: corpus.extract_input(name, data, None, "hyperscan") for name, data in inputs}
    assert all(r.error is None for r in alone.values()), [r.error for r in alone.values()]
    assert sum(len(c) for r in alone.values() for _, c in r.extraction or []) > 500
    for (name, _), result in zip(work, threaded, strict=True):
        assert result.error is None, (name, result.error)
        assert result.extraction == alone[name].extraction, name


def test_hyperscan_prefilter_in_threads_at_once_equals_one_thread(
    hyperscan_tokenizer, compiled
) -> None:
    """The prefilter alone, where threads collide most: every scan at once."""
    texts = compiled[2]
    work = [text for _ in range(5) for text in texts]
    threaded = _in_threads(work, lambda t: [id(e) for e in hyperscan_tokenizer.get_extractors(t)])
    alone = [[id(e) for e in hyperscan_tokenizer.get_extractors(t)] for t in texts]
    assert threaded == alone * 5


def test_each_thread_scans_with_a_scratch_space_of_its_own(hyperscan_tokenizer) -> None:
    from citegraph.loaders.extraction.speedups.hyperscan import _thread_scratch

    hyperscan_tokenizer.prepare()
    db = hyperscan_tokenizer._db
    mine = _thread_scratch(db)
    assert _thread_scratch(db) is mine  # allocated once per thread
    theirs: list[Any] = []
    together = threading.Barrier(THREADS)

    def scratch() -> None:
        theirs.append(_thread_scratch(db))
        together.wait(timeout=60)  # every thread alive (and holding its own) at once

    threads = [threading.Thread(target=scratch) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(s) for s in [mine, *theirs]}) == THREADS + 1
