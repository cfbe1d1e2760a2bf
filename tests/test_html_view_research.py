"""graph.html as a research instrument, on the bundled sample in Debian's Chromium.

The time line (x = decision year, courts in bands, undated authorities apart), one label
per node, focus on a node's neighbourhood, citation paths between two nodes with their
propositions, what an authority stands for (near-duplicate propositions grouped), and a
search box whose list is neither clipped nor shifts the sidebar. The large-corpus view
is tested in test_html_view_corpus.py.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
import pytest

from .conftest import View

WHITNEY = "21 F.3d 420"  # United States v. Whitney (1st Cir. 1994), a corpus opinion
SOLTERO = "11 F.3d 18"  # United States v. Soltero-Lopez (1st Cir. 1993), another
TUCKER = "892 F.2d 8"  # United States v. Tucker (1st Cir. 1989), cited by Soltero-Lopez
SECTION_3742 = "18 U.S.C. § 3742"


def _node(graph: nx.DiGraph, citation: str) -> str:
    (node,) = [
        n
        for n, d in graph.nodes(data=True)
        if citation in str(d.get("citations") or "") or d.get("label") == citation
    ]
    return str(node)


def _positions(view: View) -> dict[str, dict[str, float]]:
    return view.js("window.citegraph.positions(window.citegraph.visibleNodeIds())")


def test_the_time_line_orders_the_nodes_by_year_and_keeps_undated_ones_apart(
    sample_view: View, sample_graph: nx.DiGraph
) -> None:
    # most nodes of the sample are cases, so the view opens on the time line
    kinds = [d["kind"] for _, d in sample_graph.nodes(data=True)]
    assert kinds.count("case") * 2 > len(kinds)
    assert sample_view.js("window.citegraph.layout()") == "time"
    pos = _positions(sample_view)
    xs: dict[int, list[float]] = defaultdict(list)
    undated_y = []
    for n, d in sample_graph.nodes(data=True):
        if isinstance(d.get("year"), int):
            xs[d["year"]].append(pos[n]["x"])
        else:
            undated_y.append(pos[n]["y"])
    years = sorted(xs)
    assert len(years) > 30 and undated_y
    for earlier, later in zip(years, years[1:], strict=False):
        assert max(xs[earlier]) < min(xs[later]), (earlier, later)
    dated_y = [pos[n]["y"] for n, d in sample_graph.nodes(data=True) if d.get("year")]
    assert min(undated_y) > max(dated_y)  # the undated band lies under every year
    # the bands of courts, top to bottom: Monell (Supreme Court) above Whitney (1st Cir.)
    monell = _node(sample_graph, "436 U.S. 658")
    assert pos[monell]["y"] < pos[WHITNEY]["y"]
    bands = [b[0] for b in sample_view.js("window.citegraph.data.bands")]
    assert bands[0] == "Supreme Court of the United States" and bands[-1].startswith("Undated")

    # the force layout stays a choice, and the time line comes back
    sample_view.page.locator("input[name=layout][value=force]").check()
    assert sample_view.js("window.citegraph.layout()") == "force"
    forced = _positions(sample_view)
    assert forced[monell] != pos[monell]
    sample_view.page.locator("input[name=layout][value=time]").check()
    assert _positions(sample_view)[monell] == pos[monell]


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]


def test_one_label_per_node_and_none_over_the_selected_one(
    sample_view: View, sample_graph: nx.DiGraph
) -> None:
    # vis draws no label of its own (the doubled, faded copy): the page draws them
    assert sample_view.js("window.citegraph.nodes.get().filter(n => n.label).length") == 0
    labels = sample_view.js("window.citegraph.labels()")
    ids = [label["id"] for label in labels]
    assert len(ids) >= 10 and len(ids) == len(set(ids))
    assert not any(_overlap(a, b) for k, a in enumerate(labels) for b in labels[k + 1 :])
    # the most important nodes are labelled first
    ranks = sample_view.js("window.citegraph.data.nodes.map(n => [n.id, n.rank])")
    rank = dict(ranks)
    assert min(rank[i] for i in ids) == 1 or min(rank[i] for i in ids) <= 3

    sample_view.js("id => window.citegraph.select(id)", WHITNEY)
    sample_view.page.wait_for_timeout(100)
    labels = sample_view.js("window.citegraph.labels()")
    assert labels[0]["id"] == WHITNEY
    lit = sample_view.js("window.citegraph.highlighted()")
    assert {label["id"] for label in labels} <= {WHITNEY, *lit["cited"], *lit["citing"]}
    assert len(labels) > 5
    assert not any(_overlap(labels[0], other) for other in labels[1:])


def _hide_the_rest(view: View, steps: str = "1", direction: str = "both") -> set[str]:
    page = view.page
    view.filter(
        lambda: page.locator("#focus-steps").select_option(steps),
        lambda: page.locator("#focus-dir").select_option(direction),
        lambda: page.locator("#focus-hide").check(),
    )
    return view.visible_nodes()


def test_focus_hides_everything_but_the_neighbourhood_and_escape_returns(
    sample_view: View, sample_graph: nx.DiGraph
) -> None:
    sample_view.js("id => window.citegraph.select(id)", WHITNEY)
    near = set(sample_graph.successors(WHITNEY)) | set(sample_graph.predecessors(WHITNEY))
    assert len(near) > 20
    assert _hide_the_rest(sample_view) == {WHITNEY} | near
    two = set(nx.ego_graph(sample_graph.to_undirected(), WHITNEY, radius=2))
    assert _hide_the_rest(sample_view, "2") == two
    assert len(two) > len(near) + 1
    assert _hide_the_rest(sample_view, "1", "out") == {WHITNEY} | set(
        sample_graph.successors(WHITNEY)
    )
    assert _hide_the_rest(sample_view, "1", "in") == {WHITNEY} | set(
        sample_graph.predecessors(WHITNEY)
    )
    # Escape, with the focus still on the control just used, shows the whole graph again
    sample_view.filter(lambda: sample_view.page.keyboard.press("Escape"))
    assert sample_view.visible_nodes() == set(sample_graph.nodes)
    assert sample_view.js("window.citegraph.highlighted()") is None


def test_paths_between_two_nodes_show_each_link_with_its_proposition(
    sample_view: View, sample_graph: nx.DiGraph, tables: dict[str, list[dict]]
) -> None:
    tucker = _node(sample_graph, TUCKER)
    assert not sample_graph.has_edge(WHITNEY, tucker)  # Whitney reaches Tucker only through
    assert nx.shortest_path(sample_graph, WHITNEY, tucker) == [WHITNEY, SOLTERO, tucker]
    page = sample_view.page
    sample_view.js("id => window.citegraph.select(id)", WHITNEY)
    page.locator("#path-start").click()
    page.locator("#search").fill(TUCKER)
    page.locator("#search").press("Enter")
    assert sample_view.js("window.citegraph.network.getSelectedNodes()") == [tucker]
    head = page.locator("#paths-head").text_content()
    assert head.startswith("Citation paths from United States v. Whitney, 21 F.3d 420")
    first = page.locator("#paths > li").first
    names = first.locator("button").all_text_contents()
    assert [n.split(",")[0] for n in names] == [
        "United States v. Whitney",
        "United States v. Soltero-Lopez",
        "Tucker",
    ]
    steps = first.locator(".step .why").all_text_contents()
    by_opinion = {o["id"]: o for o in tables["opinions"]}
    for (u, v), why in zip([(WHITNEY, SOLTERO), (SOLTERO, tucker)], steps, strict=True):
        rows = [
            r
            for r in tables["citations"]
            if r["authority"] == v and by_opinion[r["opinion"]]["id"] == u and r["proposition"]
        ]
        assert any(r["proposition"] in why for r in rows), (u, v, why)
    # the path lights up on the graph
    assert sample_view.js("window.citegraph.highlighted()")["on_path"] == sorted(
        [WHITNEY, SOLTERO, tucker]
    )
    # every path the page gives is a real chain of citations, the shortest first
    paths = sample_view.js(f"window.citegraph.paths('{WHITNEY}', '{tucker}', 5)")
    assert paths[0] == [WHITNEY, SOLTERO, tucker]
    assert all(nx.is_path(sample_graph, p) for p in paths)
    assert [len(p) for p in paths] == sorted(len(p) for p in paths)


def test_what_an_authority_stands_for_groups_near_duplicate_propositions(
    sample_view: View, tables: dict[str, list[dict]]
) -> None:
    rows = [r for r in tables["citations"] if r["authority"] == SECTION_3742]
    with_text = [r for r in rows if r["proposition"] or r["parenthetical"]]
    groups = sample_view.js(f"window.citegraph.groups('{SECTION_3742}')")
    assert sum(g["count"] for g in groups) == len(with_text)
    assert [g["count"] for g in groups] == sorted((g["count"] for g in groups), reverse=True)
    # one passage quotes the first half of another's sentence: one proposition, twice
    (pair,) = [
        g for g in groups if any(m.startswith("And because neither refusals") for m in g["members"])
    ]
    assert pair["count"] == 2
    short, full = sorted(pair["members"], key=len)
    assert full.startswith(short.rstrip(",")) and len(full) > len(short) + 40
    # distinct propositions stay apart
    assert len(groups) >= 3
    sample_view.js(f"window.citegraph.select('{SECTION_3742}')")
    page = sample_view.page
    assert page.locator("#panel h3", has_text="What it stands for").count() == 1
    counts = page.locator("#stands-for .group .count").all_text_contents()
    assert counts[: len(groups)] == [f"{g['count']}×" for g in groups][: len(counts)]


@pytest.mark.parametrize("query", ["42 usc 1983", "42 U.S.C. section 1983", "§ 1983"])
def test_search_finds_a_statute_typed_in_any_form(
    sample_view: View, sample_graph: nx.DiGraph, query: str
) -> None:
    statute = _node(sample_graph, "42 U.S.C. § 1983")
    assert sample_view.js("q => window.citegraph.find(q)[0]", query) == statute


def test_the_search_list_is_fully_visible_and_the_sidebar_does_not_shift(
    sample_view: View,
) -> None:
    page = sample_view.page
    before = page.locator("#controls").bounding_box()
    page.locator("#search").fill("United States v.")  # Playwright scrolls the box into view
    results = page.locator("#results")
    assert results.is_visible() and page.locator("#results li").count() > 5
    box = results.bounding_box()
    viewport: Any = page.viewport_size
    assert box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= viewport["width"]
    assert box["y"] + box["height"] <= viewport["height"]
    assert box["width"] > before["width"]  # wider than the sidebar: names are not cut
    # nothing covers it: the point at its right edge is the list
    hit = page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y).closest('#results')",
        [box["x"] + box["width"] - 6, box["y"] + 10],
    )
    assert hit
    assert page.locator("#controls").bounding_box() == before
    # walking down the list scrolls the list, never the sidebar under it
    scrolled = page.evaluate("document.getElementById('controls').scrollTop")
    for _ in range(20):
        page.locator("#search").press("ArrowDown")
    assert page.evaluate("document.getElementById('controls').scrollTop") == scrolled
    assert page.evaluate("document.getElementById('results').scrollTop") > 0
    assert page.evaluate(
        "(() => { const c = document.getElementById('controls');"
        " return c.scrollWidth <= c.clientWidth; })()"
    )
    page.locator("#search").press("Escape")
