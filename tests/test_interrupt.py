"""An interrupted build never costs the previous outputs, and the rerun completes.

A real `citegraph build` runs in its own process group over the sample opinions and is
stopped the way users and machines stop it: Ctrl-C (SIGINT to the whole group) while it
extracts, and kill -9 (SIGKILL) while it writes. The previous build's outputs must be
byte for byte what they were, only temporary files (hidden, ".tmp") and SQLite's own
journal may be left behind, the store must keep every input committed before the
interruption, and the next run takes those from the store, removes the temporary files
and completes.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CONTRACT

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
EXTRA = ROOT / "tests" / "fixtures" / "bad" / "latin1_metro_mayaguez.txt"
TEMP = re.compile(r"\..+\.tmp")
# What else an interrupted build may leave: the store's own journal, which SQLite replays.
SQLITE_SIDE = re.compile(r".+-(?:journal|wal|shm)")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process groups and signals: POSIX")


def start(inputs: list[Path], out: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "citegraph",
            "build",
            *map(str, inputs),
            "--out",
            str(out),
            *options,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group: a signal reaches the workers as Ctrl-C does
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def stop(proc: subprocess.Popen[str], sig: int) -> tuple[str, str]:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return out, err


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in CONTRACT}


def leftovers(out: Path, before: set[str]) -> set[str]:
    return {p.name for p in out.iterdir()} - before


# The previous build: a slip opinion and two First Circuit opinions.
SAMPLE = ["ali_v_annucci_sdny_2020.txt", "195083.json", "195338.json"]
# Added afterwards: two longer opinions, seconds of extraction to interrupt.
MORE = ["195168.json", "195270.json"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two input directories: the previous build's, and the opinions added since."""
    base = tmp_path_factory.mktemp("interrupt")
    first, more = base / "in", base / "more"
    first.mkdir()
    more.mkdir()
    for name in SAMPLE:
        shutil.copy(DATA / name, first / name)
    for name in MORE:
        shutil.copy(DATA / name, more / name)
    shutil.copy(EXTRA, more / EXTRA.name)
    return first, more


@pytest.fixture(scope="module")
def previous(inputs: tuple[Path, Path]) -> tuple[Path, dict[str, bytes], set[str]]:
    """A complete build: its out dir, its outputs' bytes and its file names."""
    out = inputs[0].parent / "out"
    proc = start([inputs[0]], out)
    stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    return out, snapshot(out), {p.name for p in out.iterdir()}


def stored(out: Path) -> int:
    """How many inputs the build store in `out` has committed (read-only, as a bystander)."""
    import sqlite3

    from citegraph.graph.store import STORE_NAME

    path = out / STORE_NAME
    if not path.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            return int(db.execute("SELECT COUNT(*) FROM extractions").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def wait_until(proc: subprocess.Popen[str], ready, timeout: float = 600) -> bool:
    """Poll until `ready()` while the build runs; False if it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if ready():
            return proc.poll() is None
        time.sleep(0.002)
    return False


def test_ctrl_c_while_extracting_leaves_previous_outputs_and_the_store_keeps_what_was_done(
    inputs, previous
) -> None:
    out, before, names = previous
    done_before = stored(out)
    assert done_before == len(SAMPLE)
    proc = start([*inputs], out, "--workers", "1")
    # Interrupt once the first added opinion is committed, while the next is extracted.
    midway = wait_until(proc, lambda: stored(out) > done_before)
    _, stderr = stop(proc, signal.SIGINT)
    assert midway, "the build ended before it could be interrupted"
    assert proc.returncode != 0
    assert "Traceback" not in stderr, stderr
    assert snapshot(out) == before
    assert all(TEMP.fullmatch(n) or SQLITE_SIDE.fullmatch(n) for n in leftovers(out, names))
    assert done_before < stored(out) < done_before + len(MORE) + 1


def test_kill_9_while_writing_leaves_previous_outputs_byte_identical(inputs, previous) -> None:
    out, before, names = previous
    proc = start([*inputs], out)
    writing = wait_until(proc, lambda: any(TEMP.fullmatch(p.name) for p in out.iterdir()))
    stop(proc, signal.SIGKILL)
    assert writing, "the build never began writing"
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(out) == before
    left = leftovers(out, names)
    assert any(TEMP.fullmatch(n) for n in left), left
    assert all(TEMP.fullmatch(n) or SQLITE_SIDE.fullmatch(n) for n in left), left


def test_rerun_after_interruptions_reuses_the_store_completes_and_cleans_up(
    inputs, previous
) -> None:
    out, before, names = previous
    proc = start([*inputs], out)
    stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    everything = len(SAMPLE) + len(MORE) + 1
    # Every input was committed by the interrupted runs: nothing is extracted again.
    assert f"({everything} inputs from the store)" in stdout, stdout
    assert not [p.name for p in out.iterdir() if TEMP.fullmatch(p.name)]
    after = snapshot(out)
    assert b"Mayag\xc3\xbcez" in after["opinions.jsonl"]
    assert after["opinions.jsonl"].count(b"\n") == everything


# ------------------------------------------------- the same guarantees, deterministically


def test_writer_failing_midway_leaves_every_previous_output(tmp_path, monkeypatch) -> None:
    """The HTML writer dies after the tables are written: no table is replaced either."""
    import citegraph.viz.html
    from citegraph import build

    out = tmp_path / "out"
    build([EXTRA]).write(out)
    before = snapshot(out)
    names = {p.name for p in out.iterdir()}
    corpus = build([EXTRA, ROOT / "tests" / "fixtures" / "bad" / "utf16_morales_de_jesus.txt"])

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(citegraph.viz.html, "write_html", interrupted)
    with pytest.raises(KeyboardInterrupt):
        corpus.write(out)
    assert snapshot(out) == before
    assert {p.name for p in out.iterdir()} == names  # temporary files removed too
    monkeypatch.undo()
    corpus.write(out)
    assert b"Jes\xc3\xbas" in (out / "opinions.jsonl").read_bytes()


def test_atomic_write_keeps_the_old_file_when_the_block_fails(tmp_path) -> None:
    from citegraph.graph.outputs import atomic_write

    path = tmp_path / "graph.graphml"
    path.write_text("previous build\n", encoding="utf-8")
    with pytest.raises(ValueError), atomic_write(path) as f:
        f.write("half of a new gra")
        raise ValueError("disk full")
    assert path.read_text(encoding="utf-8") == "previous build\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_temp_files_of_a_killed_build_are_removed_but_a_running_ones_kept(tmp_path) -> None:
    from citegraph.graph.outputs import atomic_write

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f".graph.html.{dead.stdout.strip()}.abc123.tmp"
    live = tmp_path / f".graph.html.{os.getppid()}.def456.tmp"
    stale.write_text("<html>half", encoding="utf-8")
    live.write_text("<html>being written", encoding="utf-8")
    with atomic_write(tmp_path / "graph.html") as f:
        f.write("<html></html>")
    assert not stale.exists()
    assert live.exists()
    assert (tmp_path / "graph.html").read_text(encoding="utf-8") == "<html></html>"


def test_every_writer_goes_through_atomic_write(tmp_path) -> None:
    """Interrupt a set holding every format: a writer that bypassed it would leave a file."""
    import networkx as nx
    from citegraph.graph.jsonl import write_jsonl
    from citegraph.graph.outputs import output_set
    from citegraph.viz.export import export_formats, write_formats

    g = nx.DiGraph()
    g.add_node("Russo", kind="case", label="Russo v. City of Hartford", in_corpus=True)
    g.add_node("42 U.S.C. § 1983", kind="statute", label="42 U.S.C. § 1983", cited_by=1)
    g.add_edge("Russo", "42 U.S.C. § 1983", weight=1, source="text", occurrences=[])
    with pytest.raises(KeyboardInterrupt), output_set() as staged:
        write_jsonl([{"id": "Russo"}], tmp_path / "opinions.jsonl")
        written = write_formats(g, tmp_path, export_formats())
        assert {p for _, p in staged} == set(written) | {tmp_path / "opinions.jsonl"}
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
    with output_set():
        write_formats(g, tmp_path, export_formats())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


def test_second_writer_process_gives_the_same_files_and_its_failure_replaces_nothing(
    tmp_path, monkeypatch
) -> None:
    """With two workers the tables and GraphML are written by a forked process while
    graph.html is written here: the files are those of one process; if that process
    fails, its error is raised and no output of the previous build is replaced."""
    from citegraph import build
    from citegraph.errors import CitegraphError

    corpus = build([EXTRA, ROOT / "tests" / "fixtures" / "bad" / "utf16_morales_de_jesus.txt"])
    one, two = tmp_path / "one", tmp_path / "two"
    corpus.write(one, formats=["gexf"], workers=1)
    written = corpus.write(two, formats=["gexf"], workers=2)
    assert sorted(p.name for p in written) == sorted(CONTRACT + ["graph.gexf"])
    for name in [*CONTRACT, "graph.gexf"]:
        assert (two / name).read_bytes() == (one / name).read_bytes(), name
    assert b"Jes\xc3\xbas" in (two / "opinions.jsonl").read_bytes()

    before = snapshot(two)
    names = {p.name for p in two.iterdir()}

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("citegraph.viz.gexf.write_gexf", broken)
    with pytest.raises(CitegraphError, match="disk full"):
        build([EXTRA]).write(two, formats=["gexf"], workers=2)
    assert snapshot(two) == before
    assert {p.name for p in two.iterdir()} == names  # the child's files removed too
