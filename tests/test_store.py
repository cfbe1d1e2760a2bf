"""The build store: a rebuild extracts only what changed, and the edge table exports.

Three short First Circuit opinions of data/ (11 F.3d 18, 23 F.3d 395, 25 F.3d 1037)
keep these builds to a few seconds.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from citegraph.cli import main
from citegraph.corpus import build
from citegraph.graph.store import STORE_NAME, Store, content_key
from click.testing import CliRunner

DATA = Path(__file__).resolve().parent.parent / "data"
FIRST = ["195083.json", "195338.json"]
ADDED = "195422.json"


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name in FIRST:
        shutil.copy(DATA / name, src / name)
    return src


def rows(corpus) -> list[dict]:
    return [c.row() for c in corpus.citations]


def test_rebuild_after_adding_one_opinion_extracts_only_that_opinion(inputs, tmp_path) -> None:
    store = tmp_path / "out"
    first = build([inputs], store=store)
    assert (first.extracted, first.cached) == (2, 0)
    assert (store / STORE_NAME).exists()

    shutil.copy(DATA / ADDED, inputs / ADDED)
    second = build([inputs], store=store)
    assert (second.extracted, second.cached) == (1, 2)
    assert [o.id for o in second.opinions] == ["11 F.3d 18", "23 F.3d 395", "25 F.3d 1037"]

    # what came from the store is what extraction gives
    fresh = build([inputs])
    assert rows(second) == rows(fresh)
    assert [o.row() for o in second.opinions] == [o.row() for o in fresh.opinions]
    assert sorted(second.graph.edges) == sorted(fresh.graph.edges)


def test_no_cache_extracts_every_input_again_and_refreshes_the_store(inputs, tmp_path) -> None:
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(inputs), "--out", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "from the store" not in result.output

    result = runner.invoke(main, ["build", str(inputs), "--out", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "(2 inputs from the store)" in result.output

    result = runner.invoke(main, ["build", str(inputs), "--out", str(out), "-j", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "from the store" not in result.output
    assert Store(out).count() == 2


def test_a_changed_file_is_extracted_again(inputs, tmp_path) -> None:
    store = tmp_path / "out"
    build([inputs], store=store)
    path = inputs / FIRST[0]
    obj = json.loads(path.read_text(encoding="utf-8"))
    obj["plain_text"] += "\nSee Heck v. Humphrey, 512 U.S. 477, 486-87 (1994).\n"
    for key in ("html", "html_with_citations"):  # whichever text the reader chooses
        obj[key] += "<p>See Heck v. Humphrey, 512 U.S. 477, 486-87 (1994).</p>"
    path.write_text(json.dumps(obj), encoding="utf-8")
    again = build([inputs], store=store)
    assert (again.extracted, again.cached) == (1, 1)
    heck = [c for c in again.citations if c.text.startswith("512 U.S. 477")]
    assert [c.opinion for c in heck] == ["11 F.3d 18"]


def test_extractions_of_another_extractor_version_are_not_used(inputs, tmp_path) -> None:
    store = tmp_path / "out"
    build([inputs], store=store)
    data = (inputs / FIRST[0]).read_bytes()
    key = content_key(str(inputs / FIRST[0]), data)
    assert Store(store).get(key) is not None
    assert Store(store, version="an older citegraph").get(key) is None


def test_a_killed_build_resumes_from_what_the_store_committed(inputs, tmp_path) -> None:
    """The store commits each input as it finishes: what a killed build finished is kept."""
    store = tmp_path / "out"
    only_first = build([inputs / FIRST[0]], store=store)  # as if killed after one input
    assert only_first.extracted == 1
    resumed = build([inputs], store=store)
    assert (resumed.extracted, resumed.cached) == (1, 1)


def test_edge_table_exports_to_parquet_with_every_edge(inputs, tmp_path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(inputs), "--out", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["export-parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output

    import networkx as nx

    g = nx.read_graphml(out / "graph.graphml")
    edges = pq.read_table(out / "edges.parquet").to_pylist()
    assert len(edges) == g.number_of_edges() > 15
    for e in edges:
        assert g.has_edge(e["citing"], e["cited"])
        assert g.edges[e["citing"], e["cited"]]["weight"] == e["weight"]
    nodes = pq.read_table(out / "nodes.parquet")
    assert nodes.num_rows == g.number_of_nodes()
    in_corpus = {r["id"] for r in nodes.to_pylist() if r["in_corpus"]}
    assert in_corpus == {"11 F.3d 18", "23 F.3d 395"}


def test_export_parquet_without_a_build_names_the_directory(tmp_path) -> None:
    result = CliRunner().invoke(main, ["export-parquet", "--out", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "none: no build store here" in result.output


def test_the_extractor_version_covers_the_extraction_and_reader_subpackages() -> None:
    """Editing a rule in loaders/extraction/ must invalidate cached extractions (it did
    not while the fingerprint read loaders/*.py only)."""
    from citegraph.graph.store import extraction_sources

    names = {name for name, _ in extraction_sources()}
    assert {
        "loaders/extraction/sections.py",
        "loaders/extraction/secondary.py",
        "loaders/readers/furniture.py",
        "models.py",
        "vocabulary.py",
    } <= names
