"""graph.html in a real browser: Debian's Chromium driven by Playwright.

The page must open from file:// with no request to any host and no console error,
show every node of the graph, find and select an authority by name or citation, show
the passages behind a node and an edge, hide what a filter excludes, and never run
text that came from an opinion.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from .conftest import View

MONELL_NAME = "Monell v. Dept. of Soc. Services of the City of New York"
HOSTILE_NAME = "<img src=x onerror=alert(1)> v. <script>alert(2)</script>"
HOSTILE_TEXT = (
    "OPINION\n\nThe plaintiff argues that <script>alert(3)</script> and "
    "<img src=x onerror=alert(4)> state the rule of municipal liability. Monell v. "
    "Department of Social Services, 436 U.S. 658, 690 (1978).\n"
)


def _monell(tables: dict[str, list[dict]]) -> dict:
    (monell,) = [a for a in tables["authorities"] if "436 U.S. 658" in a["citations"]]
    return monell


def test_page_names_no_network_host(sample_out: Path) -> None:
    page = (sample_out / "graph.html").read_text(encoding="utf-8")
    refs = re.findall(r"""(?:\bsrc|\bhref)\s*=\s*["']?\s*([^\s"'>]*)""", page, re.I)
    refs += re.findall(r"""url\(\s*["']?\s*([^\s"')]*)""", page, re.I)
    assert refs, "the stylesheet's data: images at least"
    remote = [r for r in refs if re.match(r"(?:https?:)?//", r, re.I)]
    assert remote == []
    assert not re.search(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", page, re.I)


def test_view_loads_offline_with_no_console_error(sample_view: View, sample_out: Path) -> None:
    assert sample_view.errors == []
    assert sample_view.blocked == []
    assert sample_view.requests == [(sample_out / "graph.html").resolve().as_uri()]


def test_every_node_of_the_graph_is_drawn_and_counted(
    sample_view: View, sample_graph: nx.DiGraph, tables: dict[str, list[dict]]
) -> None:
    assert sample_view.visible_nodes() == set(sample_graph.nodes)
    assert sample_view.js("window.citegraph.nodesView.length") == sample_graph.number_of_nodes()
    assert sample_view.js("window.citegraph.edgesView.length") == sample_graph.number_of_edges()
    header = sample_view.page.locator("#counts").text_content()
    in_corpus = sum(1 for _, d in sample_graph.nodes(data=True) if d["in_corpus"])
    assert in_corpus == len(tables["opinions"]) == 8
    assert f"{in_corpus} opinions" in header
    # One count everywhere (graph.metrics.counts): an authority is a row of
    # authorities.jsonl, a cited corpus opinion included.
    assert f"{len(tables['authorities']):,} authorities" in header
    assert f"{len(tables['citations']):,} citations" in header


def test_search_by_name_selects_monell_and_opens_its_panel(
    sample_view: View, tables: dict[str, list[dict]]
) -> None:
    monell = _monell(tables)
    page = sample_view.page
    page.keyboard.press("/")  # the shortcut focuses the search box
    page.keyboard.type("Monell")
    first = page.locator("#results li").first
    assert first.text_content().startswith("Monell, 436 U.S. 658 (1978)")
    page.keyboard.press("Enter")
    assert sample_view.js("window.citegraph.network.getSelectedNodes()") == [monell["id"]]
    assert page.locator("#panel h2").text_content() == monell["name"] == MONELL_NAME
    facts = dict(
        zip(
            page.locator("#panel dt").all_text_contents(),
            page.locator("#panel dd").all_text_contents(),
            strict=True,
        )
    )
    assert facts["Citations"] == "436 U.S. 658; 98 S. Ct. 2018; 56 L. Ed. 2d 611"
    assert facts["One node by"] == "; ".join(monell["joined_by"]) == "parallel citations"
    assert facts["Court"] == "Supreme Court of the United States (scotus)"
    assert facts["Year"] == "1978"
    rows = [r for r in tables["citations"] if r["authority"] == monell["id"]]
    assert len({r["opinion"] for r in rows}) == 1  # Russo
    assert facts["Cited by"] == f"{len(rows)} citations in 1 opinion"
    # influence in words, the scores (graph metrics, issue 7) in its tooltip
    assert re.fullmatch(r"ranks \d+(?:st|nd|rd|th) of 233 by influence", facts["Influence"])
    tip = page.locator("#panel .influence").get_attribute("title")
    assert tip.startswith("PageRank 0.") and "HITS authority 0." in tip


@pytest.mark.parametrize("query", ["98 S. Ct. 2018", "436 us 658"])
def test_search_by_parallel_or_loosely_typed_citation_finds_monell(
    sample_view: View, tables: dict[str, list[dict]], query: str
) -> None:
    page = sample_view.page
    page.locator("#search").fill(query)
    page.locator("#search").press("ArrowDown")
    page.locator("#search").press("Enter")
    assert sample_view.js("window.citegraph.network.getSelectedNodes()") == [_monell(tables)["id"]]


def test_click_on_a_node_lists_the_passages_that_cite_it(
    sample_view: View, tables: dict[str, list[dict]]
) -> None:
    monell = _monell(tables)
    rows = [r for r in tables["citations"] if r["authority"] == monell["id"]]
    assert rows
    sample_view.click_node(monell["id"])
    assert sample_view.js("window.citegraph.network.getSelectedNodes()") == [monell["id"]]
    shown = sample_view.passages()
    assert sorted(set(shown)) == sorted(
        {r["proposition"] or "(no proposition found)" for r in rows}
    )
    meta = " ".join(sample_view.page.locator("#passages .passage .meta").all_text_contents())
    russo = next(
        o
        for o in tables["opinions"]
        if o["source"].endswith("russo_v_city_of_hartford_dconn_2001.txt")
    )
    assert "Russo v. City of Hartford" in meta
    for r in rows:
        assert r["opinion"] == russo["id"]
        if r["page"]:
            assert f"p. {r['page']}" in meta
    # Russo, which cites Monell, lights up as a citing neighbour; Monell cites nothing
    assert sample_view.js("window.citegraph.highlighted()") == {
        "id": monell["id"],
        "cited": [],
        "citing": [russo["id"]],
        "on_path": [],
    }


def test_click_on_an_edge_lists_its_propositions(
    sample_view: View, tables: dict[str, list[dict]]
) -> None:
    monell = _monell(tables)
    rows = [r for r in tables["citations"] if r["authority"] == monell["id"]]
    edge = sample_view.js(
        """id => window.citegraph.data.edges.findIndex(e => e.to === id)""", monell["id"]
    )
    # a point of the edge that no node covers, in the middle of the view; the mouse lands
    # on whole pixels, so the point is rounded and its neighbours must hit the same edge
    # (else a second edge passing close by could take the click)
    x, y = sample_view.js(
        """i => { const c = window.citegraph, n = c.network, e = c.data.edges[i];
                  const a = n.getPosition(e.from), b = n.getPosition(e.to);
                  n.moveTo({position: {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}, scale: 1.2,
                            animation: false});
                  const only = (p) => n.getNodeAt(p) === undefined && n.getEdgeAt(p) === i;
                  const near = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]];
                  const points = [];
                  for (let t = 0.3; t < 0.7; t += 0.02) {
                    const p = n.canvasToDOM({x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t});
                    points.push({x: Math.round(p.x), y: Math.round(p.y)});
                  }
                  const clear = points.find(
                    (q) => near.every(([dx, dy]) => only({x: q.x + dx, y: q.y + dy})));
                  const q = clear || points.find(only);
                  return q ? [q.x, q.y] : [null, null]; }""",
        edge,
    )
    assert x is not None
    box = sample_view.page.locator("#graph").bounding_box()
    sample_view.page.mouse.click(box["x"] + x, box["y"] + y)
    assert "→" in sample_view.page.locator("#panel h2").text_content()
    assert sorted(sample_view.passages()) == sorted(
        r["proposition"] or "(no proposition found)" for r in rows
    )


def test_kind_filter_hides_statutes_and_corpus_filter_keeps_only_opinions(
    sample_view: View, sample_graph: nx.DiGraph
) -> None:
    page = sample_view.page
    statutes = {n for n, d in sample_graph.nodes(data=True) if d["kind"] == "statute"}
    assert statutes  # 42 U.S.C. § 1983 and others in the seed opinions
    statute = page.locator("#kinds input[value=statute]")
    sample_view.filter(statute.uncheck)
    assert sample_view.visible_nodes() == set(sample_graph.nodes) - statutes
    sample_view.filter(statute.check, page.locator("#corpus-only").check)
    opinions = {n for n, d in sample_graph.nodes(data=True) if d["in_corpus"]}
    assert sample_view.visible_nodes() == opinions
    shown_edges = sample_view.js(
        "window.citegraph.visibleEdgeIds().map(i => [window.citegraph.data.edges[i].from, "
        "window.citegraph.data.edges[i].to])"
    )
    assert {tuple(e) for e in shown_edges} == set(sample_graph.subgraph(opinions).edges)
    page.locator("#reset").click()
    assert sample_view.visible_nodes() == set(sample_graph.nodes)


def test_year_and_signal_filters(
    sample_view: View, sample_graph: nx.DiGraph, tables: dict[str, list[dict]]
) -> None:
    page = sample_view.page
    sample_view.filter(
        lambda: page.locator("#year-min").fill("2000"), page.locator("#undated").uncheck
    )
    recent = {n for n, d in sample_graph.nodes(data=True) if d.get("year", 0) >= 2000}
    assert recent and sample_view.visible_nodes() == recent
    page.locator("#reset").click()
    sample_view.filter(
        page.locator("#signals-box button[data-none]").click,
        page.locator("#signals input[value='See also']").check,
    )
    see_also = {
        (r["opinion"], r["authority"]) for r in tables["citations"] if r["signal"] == "See also"
    }
    assert see_also
    shown_edges = sample_view.js(
        "window.citegraph.visibleEdgeIds().filter(i => window.citegraph.data.edges[i]"
        ".source_kind === 'text').map(i => [window.citegraph.data.edges[i].from, "
        "window.citegraph.data.edges[i].to])"
    )
    assert {tuple(e) for e in shown_edges} == see_also
    ends = sample_view.js(
        "window.citegraph.visibleEdgeIds().flatMap(i => [window.citegraph.data.edges[i].from, "
        "window.citegraph.data.edges[i].to])"
    )
    assert sample_view.visible_nodes() == set(ends)


def test_size_toggle_sizes_nodes_by_pagerank_or_times_cited(
    sample_view: View, sample_graph: nx.DiGraph
) -> None:
    page = sample_view.page
    sizes = "Object.fromEntries(window.citegraph.nodes.get().map(n => [n.id, n.size]))"
    nodes = sample_graph.nodes
    # by force at full size; on the time line, whose lanes are narrow, at 0.6 of it
    for layout, scale in (("force", 1.0), ("time", 0.6)):
        page.locator(f"input[name=layout][value={layout}]").check()
        for mode, key in (("pagerank", "pagerank"), ("cited", "cited_by")):
            page.locator(f"input[name=size][value={mode}]").check()
            size = sample_view.js(sizes)
            assert size[max(nodes, key=lambda n: nodes[n][key])] == pytest.approx(32 * scale)
            outside = sorted((d[key], size[n]) for n, d in nodes(data=True) if not d["in_corpus"])
            assert [s for _, s in outside] == sorted(s for _, s in outside)
            assert all(size[n] >= 16 * scale for n, d in nodes(data=True) if d["in_corpus"])


def test_max_nodes_keeps_the_most_important_and_says_what_it_left_out(
    browser: Any, sample_out: Path, sample_graph: nx.DiGraph, tmp_path: Path
) -> None:
    from citegraph.viz.html import write_html

    g = nx.DiGraph(sample_graph)
    for _, d in g.nodes(data=True):
        d["citations"] = [c for c in (d.get("citations") or "").split(" | ") if c]
    ranked = sorted(g, key=lambda n: (-g.nodes[n]["pagerank"], -g.nodes[n]["cited_by"], n))
    path = tmp_path / "graph.html"
    write_html(g, path, max_nodes=50)
    view = View(browser, path)
    try:
        assert view.errors == [] and view.blocked == []
        assert view.visible_nodes() == set(ranked[:50])
        notice = view.page.locator("#notice").text_content()
        left = g.number_of_nodes() - 50
        assert f"keeps the 50 most important of {g.number_of_nodes()} nodes" in notice
        assert f"Left out: {left} nodes" in notice
        # a left-out authority is still found, and the page says why it is not drawn
        label = g.nodes[ranked[-1]]["label"]
        view.page.locator("#search").fill(label)
        left_out = view.page.locator("#results li.left-out").all_text_contents()
        assert f"{label}left out of this view (--max-nodes)" in left_out
    finally:
        view.close()


def test_text_from_an_opinion_never_runs_in_the_page(browser: Any, tmp_path: Path) -> None:
    from citegraph.graph import build, identify
    from citegraph.loaders import extract
    from citegraph.models import Opinion
    from citegraph.viz.html import write_html

    op = Opinion(
        id="hostile",
        source="hostile.txt",
        text=HOSTILE_TEXT,
        name=HOSTILE_NAME,
        court="ca1",
        date="2012-01-01",
    )
    citations = extract(op)
    authorities, resolved = identify([op], citations)
    g = build([op], authorities, resolved)
    (edge,) = g.out_edges("hostile", data=True)
    (proposition,) = [o["proposition"] for o in edge[2]["occurrences"]]
    assert "<script>alert(3)</script>" in proposition and "onerror=alert(4)" in proposition
    path = tmp_path / "graph.html"
    write_html(g, path)

    view = View(browser, path)
    try:
        page = view.page
        page.locator("#search").fill("onerror")
        page.locator("#search").press("Enter")
        assert page.locator("#panel h2").text_content() == HOSTILE_NAME
        page.locator("#search").fill("Monell")
        page.locator("#search").press("Enter")
        assert view.passages() == [proposition]
        # the tooltip of the hostile node, shown by hovering it
        x, y = view.js(
            """() => { const n = window.citegraph.network;
                       n.focus("hostile", {scale: 1.5, animation: false});
                       const p = n.canvasToDOM(n.getPosition("hostile")); return [p.x, p.y]; }"""
        )
        box = page.locator("#graph").bounding_box()
        page.mouse.move(box["x"] + x, box["y"] + y)
        page.wait_for_selector(".vis-tooltip", state="visible", timeout=5000)
        assert HOSTILE_NAME in page.locator(".vis-tooltip").text_content()
        assert view.dialogs == []
        assert page.locator("img").count() == 0
        # the data block, the passages' block, vis-network, the view
        assert page.locator("script").count() == 4
        assert view.errors == [] and view.blocked == []
    finally:
        view.close()


def test_build_max_nodes_option_limits_the_view_not_the_tables(tmp_path: Path) -> None:

    from citegraph.cli import main
    from click.testing import CliRunner

    russo = (
        Path(__file__).resolve().parent.parent / "data" / "russo_v_city_of_hartford_dconn_2001.txt"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(russo), "--out", str(out), "--max-nodes", "10"])
    assert result.exit_code == 0, result.output
    page = (out / "graph.html").read_text(encoding="utf-8")
    from citegraph.viz.html import read_page_data

    data = read_page_data(page)
    graph = nx.read_graphml(out / "graph.graphml")  # the export keeps every node
    assert len(data["nodes"]) == 10
    assert data["left_out"]["nodes"] == graph.number_of_nodes() - 10 > 0
    ranked = sorted(
        graph, key=lambda n: (-graph.nodes[n]["pagerank"], -graph.nodes[n]["cited_by"], n)
    )
    assert {n["id"] for n in data["nodes"]} == set(ranked[:10])


def test_passage_quoting_through_a_parenthetical_is_listed_once_with_its_via(
    sample_view: View, sample_graph: nx.DiGraph, tables: dict[str, list[dict]]
) -> None:
    # Russo cites a Connecticut case "(quoting Vaca v. Sipes, 386 U.S. 171, 184)": the passage
    # stands on the edge Russo -> Vaca and on the second-hand edge Conn. case -> Vaca, and
    # the panel of Vaca lists it once, tagged with the case it came through
    (vaca,) = [a for a in tables["authorities"] if "386 U.S. 171" in a["citations"]]
    rows = [r for r in tables["citations"] if r["authority"] == vaca["id"]]
    vias = [
        u
        for u, _, d in sample_graph.in_edges(vaca["id"], data=True)
        if d["source"] == "parenthetical"
    ]
    assert vias and len(rows) > len(vias)
    sample_view.js("id => window.citegraph.select(id)", vaca["id"])
    page = sample_view.page
    assert page.locator("#passages .passage").count() == len(rows)
    assert page.locator("#panel h3", has_text="Passages that cite it").text_content() == (
        f"Passages that cite it ({len(rows)})"
    )
    tags = page.locator("#passages .passage .tag").all_text_contents()
    for via in vias:
        assert f"via {sample_graph.nodes[via]['label']}" in tags


@pytest.mark.parametrize(
    ("query", "cite"), [("monnel", "436 U.S. 658"), ("kingsly", "135 S. Ct. 2466")]
)
def test_search_finds_a_misspelt_case_name(
    sample_view: View, tables: dict[str, list[dict]], query: str, cite: str
) -> None:
    (case,) = [a for a in tables["authorities"] if cite in a["citations"]]
    page = sample_view.page
    page.locator("#search").fill(query)
    assert page.locator("#search-status").text_content() == ""
    page.locator("#search").press("Enter")
    assert sample_view.js("window.citegraph.network.getSelectedNodes()") == [case["id"]]


def test_a_passage_gives_its_pin_once(sample_view: View, tables: dict[str, list[dict]]) -> None:
    monell = _monell(tables)
    pinned = [
        r
        for r in tables["citations"]
        if r["authority"] == monell["id"] and r["pin"] and r["pin"] in r["text"]
    ]
    assert pinned  # "436 U.S. at 694" carries its pin in its text
    sample_view.click_node(monell["id"])
    metas = sample_view.page.locator("#passages .passage .meta").all_text_contents()
    assert metas and not any(re.search(r"at (\d+(?:-\d+)?), at \1\b", m) for m in metas)
    assert any(f"{pinned[0]['text']} — in" in m for m in metas)
