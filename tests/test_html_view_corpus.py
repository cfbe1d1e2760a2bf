"""graph.html of a large real build: the 1,070 First Circuit opinions of CourtListener.

tests/fixtures/courtlistener_ca1.tar.xz holds the opinions exactly as CourtListener's
REST API gave them (../shared/corpus/courtlistener_ca1), and `citegraph build` reads the
archive. Its 16,000 nodes open on an overview (the corpus opinions and the most important
authorities, labelled), everything else stays reachable by search, expansion and "Show
all"; the time line, focus, paths and grouped propositions work at this size. How long
the page takes to open is measured in bench/html_view.py, not here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from .conftest import FIXTURES, View, read_jsonl

ARCHIVE = FIXTURES / "courtlistener_ca1.tar.xz"


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from citegraph.cli import main

    out = tmp_path_factory.mktemp("ca1") / "out"
    result = CliRunner().invoke(main, ["build", str(ARCHIVE), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def corpus_graph(corpus_out: Path) -> nx.DiGraph:
    return nx.read_graphml(corpus_out / "graph.graphml")


@pytest.fixture(scope="module")
def corpus_page(browser: Any, corpus_out: Path) -> Iterator[View]:
    view = View(browser, corpus_out / "graph.html")
    yield view
    view.close()


@pytest.fixture
def corpus_view(corpus_page: View) -> Iterator[View]:
    corpus_page.page.locator("#reset").click()
    yield corpus_page
    assert corpus_page.errors == []


def _by_label(g: nx.DiGraph, pattern: str) -> str:
    (node,) = [n for n, d in g.nodes(data=True) if re.match(pattern, str(d.get("label")))]
    return str(node)


def _overview(view: View) -> set[str]:
    return set(view.js("window.citegraph.data.overview"))


def test_a_large_build_opens_on_its_opinions_and_most_important_authorities(
    corpus_view: View, corpus_graph: nx.DiGraph
) -> None:
    assert corpus_graph.number_of_nodes() > 15_000
    opinions = {n for n, d in corpus_graph.nodes(data=True) if d["in_corpus"]}
    assert len(opinions) > 1_000
    shown = corpus_view.visible_nodes()
    assert shown == _overview(corpus_view)
    authorities = shown - opinions
    assert len(shown & opinions) == 300 and len(authorities) == 300
    # the opinions and authorities shown are the most important: none left out outranks them
    rank = lambda n: corpus_graph.nodes[n]["pagerank"]  # noqa: E731
    assert min(map(rank, authorities)) >= max(map(rank, set(corpus_graph) - shown - opinions))
    assert min(map(rank, shown & opinions)) >= max(map(rank, opinions - shown))
    notice = corpus_view.page.locator("#overview-bar").text_content()
    assert notice.startswith("Opened on an overview of 16,")
    assert "the 300 most important of the 1,067 corpus opinions and the 300 most" in notice
    # "corpus opinions only" shows every one of them
    page = corpus_view.page
    corpus_view.filter(lambda: page.locator("#corpus-only").check())
    assert corpus_view.visible_nodes() == opinions
    corpus_view.filter(lambda: page.locator("#corpus-only").uncheck())
    # labelled, one label per node, none over another
    labels = corpus_view.js("window.citegraph.labels()")
    assert len(labels) >= 10 and len({x["id"] for x in labels}) == len(labels)
    boxes = [(x["x0"], x["y0"], x["x1"], x["y1"]) for x in labels]
    for k, (a0, b0, a1, b1) in enumerate(boxes):
        for c0, d0, c1, d1 in boxes[k + 1 :]:
            assert not (a0 < c1 and c0 < a1 and b0 < d1 and d0 < b1)
    # on the time line, x ordered by year
    assert corpus_view.js("window.citegraph.layout()") == "time"
    pos = corpus_view.js("window.citegraph.positions(window.citegraph.visibleNodeIds())")
    by_year: dict[int, list[float]] = {}
    for n in shown:
        year = corpus_graph.nodes[n].get("year")
        if isinstance(year, int):
            by_year.setdefault(year, []).append(pos[n]["x"])
    years = sorted(by_year)
    assert len(years) > 50
    assert all(max(by_year[a]) < min(by_year[b]) for a, b in zip(years, years[1:], strict=False))


def test_search_reaches_a_node_outside_the_overview_and_show_all_shows_everything(
    corpus_view: View, corpus_graph: nx.DiGraph
) -> None:
    overview = _overview(corpus_view)
    # a case the overview leaves out, found by its citation
    outside = next(
        n
        for n, d in sorted(corpus_graph.nodes(data=True), key=lambda nd: nd[1]["pagerank"])
        if n not in overview and d["kind"] == "case" and d.get("citations")
    )
    citation = corpus_graph.nodes[outside]["citations"].split(";")[0].strip()
    page = corpus_view.page
    corpus_view.filter(
        lambda: page.locator("#search").fill(citation),
        lambda: page.locator("#search").press("Enter"),
    )
    assert corpus_view.js("window.citegraph.network.getSelectedNodes()") == [outside]
    near = set(corpus_graph.successors(outside)) | set(corpus_graph.predecessors(outside))
    assert near and corpus_view.visible_nodes() == overview | {outside} | near
    # Escape: back to the overview, the node found staying in it
    page.locator("#search").blur()
    corpus_view.filter(lambda: page.keyboard.press("Escape"))
    assert corpus_view.visible_nodes() == overview | {outside}
    corpus_view.filter(lambda: page.locator("#show-all").click())
    assert corpus_view.visible_nodes() == set(corpus_graph)


def test_a_path_from_a_first_circuit_opinion_to_monell_with_its_propositions(
    corpus_view: View, corpus_graph: nx.DiGraph, corpus_out: Path
) -> None:
    lamboy = _by_label(corpus_graph, r"Lamboy-Ortiz v\. Ortiz-V")
    rodriguez = _by_label(corpus_graph, r"Rodr.guez-Garc.a v\. Miranda-Mar.n")
    monell = _by_label(corpus_graph, r"Monell, 436 U\.S\. 658")
    assert not corpus_graph.has_edge(lamboy, monell)
    assert corpus_graph.has_edge(lamboy, rodriguez) and corpus_graph.has_edge(rodriguez, monell)
    page = corpus_view.page
    corpus_view.js("id => window.citegraph.select(id)", lamboy)
    page.locator("#path-start").click()
    corpus_view.js("id => window.citegraph.select(id)", monell)
    page.wait_for_selector("#paths > li")  # once the passages are unpacked
    first = page.locator("#paths > li").first
    assert [b.split(" (")[0] for b in first.locator("button").all_text_contents()] == [
        "Lamboy-Ortiz v. Ortiz-Vélez",
        "Rodríguez-García v. Miranda-Marín",
        "Monell, 436 U.S. 658",
    ]
    steps = first.locator(".step .why").all_text_contents()
    rows = read_jsonl(corpus_out / "citations.jsonl")
    assert len(steps) == 2
    for (u, v), why in zip(((lamboy, rodriguez), (rodriguez, monell)), steps, strict=True):
        said = {r["proposition"] for r in rows if r["opinion"] == u and r["authority"] == v}
        assert any(p and p in why for p in said), why
    paths = corpus_view.js(f"window.citegraph.paths('{lamboy}', '{monell}', 5)")
    assert paths[0] == [lamboy, rodriguez, monell]
    assert all(nx.is_path(corpus_graph, p) for p in paths)


def test_rule_56_stands_for_the_summary_judgment_standard(
    corpus_view: View, corpus_graph: nx.DiGraph, corpus_out: Path
) -> None:
    rule = _by_label(corpus_graph, r"Fed\. R\. Civ\. P\. 56$")
    groups = corpus_view.js("id => window.citegraph.groups(id)", rule)
    biggest = groups[0]
    assert biggest["count"] >= 20 and biggest["count"] > 2 * groups[1]["count"]
    standard = [m for m in biggest["members"] if re.search(r"genuine|material fact", m, re.I)]
    assert len(standard) >= 0.8 * biggest["count"]
    # every passage with a proposition or a parenthetical is in one group
    rows = read_jsonl(corpus_out / "citations.jsonl")
    passages = {
        (r["opinion"], r["text"], r["pin"], r["page"], r["proposition"])
        for r in rows
        if r["authority"] == rule and (r["proposition"] or r["parenthetical"])
    }
    assert sum(g["count"] for g in groups) == len(passages)
    corpus_view.js("id => window.citegraph.select(id)", rule)
    assert corpus_view.page.locator("#stands-for .group .count").first.text_content() == (
        f"{biggest['count']}×"
    )


def test_focus_and_fuzzy_search_on_the_corpus(corpus_view: View, corpus_graph: nx.DiGraph) -> None:
    monell = _by_label(corpus_graph, r"Monell, 436 U\.S\. 658")
    assert corpus_view.js("window.citegraph.find('monnel')")[0] == monell
    page = corpus_view.page
    corpus_view.js("id => window.citegraph.select(id)", monell)
    corpus_view.filter(lambda: page.locator("#focus-hide").check())
    near = set(corpus_graph.successors(monell)) | set(corpus_graph.predecessors(monell))
    assert corpus_view.visible_nodes() == {monell} | near


def test_a_large_page_carries_its_data_as_gzip(corpus_out: Path, corpus_graph: nx.DiGraph) -> None:
    import json

    from citegraph.viz.html import read_page_data

    page = (corpus_out / "graph.html").read_text(encoding="utf-8")
    assert page.count('data-encoding="gzip-base64"') == 2  # the graph and the passages
    data = read_page_data(page)
    passages = data.pop("passages")
    assert {n["id"] for n in data["nodes"]} == set(corpus_graph)
    assert len(passages) == len(data["edges"]) == corpus_graph.number_of_edges()
    # a fifth of the bytes the JSON would take
    assert len(page) < 0.4 * (len(json.dumps(data)) + len(json.dumps(passages)))
