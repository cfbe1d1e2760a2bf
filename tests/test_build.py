"""End to end: `citegraph build data/` writes the output contract, and the graph is right
on the two seed opinions and the First Circuit opinions that cite each other."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
from citegraph.cli import main
from click.testing import CliRunner

from .conftest import CONTRACT


def _opinion_id(tables, source_name: str) -> str:
    (op,) = [o for o in tables["opinions"] if Path(o["source"]).name == source_name]
    return op["id"]


def test_build_writes_every_file_of_the_contract(sample_out: Path) -> None:
    for name in CONTRACT:
        assert (sample_out / name).stat().st_size > 0, name


def test_every_citation_row_names_an_existing_opinion_and_authority(tables) -> None:
    opinions = {o["id"] for o in tables["opinions"]}
    authorities = {a["id"] for a in tables["authorities"]}
    assert len(opinions) == 8
    assert tables["citations"]
    for row in tables["citations"]:
        assert row["opinion"] in opinions
        assert row["authority"] in authorities or row["authority"] in opinions


def test_kingsley_short_cites_resolve_to_the_full_citation(tables) -> None:
    ali = _opinion_id(tables, "ali_v_annucci_sdny_2020.txt")
    rows = [r for r in tables["citations"] if r["opinion"] == ali]
    (full,) = [r for r in rows if r["text"] == "135 S. Ct. 2466"]
    shorts = [r for r in rows if r["text"] == "135 S. Ct. at 2473"]
    assert len(shorts) == 2
    assert {r["authority"] for r in shorts} == {full["authority"]}
    assert all(r["form"] == "short" and r["pin"] == "2473" for r in shorts)
    (kingsley,) = [a for a in tables["authorities"] if a["id"] == full["authority"]]
    assert kingsley["name"] == "Kingsley v. Hendrickson"
    assert kingsley["label"] == "Kingsley, 135 S. Ct. 2466 (2015)"


def test_monell_parallel_citations_are_one_authority(tables) -> None:
    russo = _opinion_id(tables, "russo_v_city_of_hartford_dconn_2001.txt")
    monell = [a for a in tables["authorities"] if "436 U.S. 658" in a["citations"]]
    assert len(monell) == 1
    assert set(monell[0]["citations"]) == {"436 U.S. 658", "56 L. Ed. 2d 611", "98 S. Ct. 2018"}
    assert monell[0]["year"] == 1978 and monell[0]["court"] == "scotus"
    for cite in ("56 L. Ed. 2d 611", "98 S. Ct. 2018"):
        assert not [a for a in tables["authorities"] if a["id"] == cite]
    rows = [
        r
        for r in tables["citations"]
        if r["opinion"] == russo and r["authority"] == monell[0]["id"] and r["form"] == "full"
    ]
    assert rows[0]["text"] == "436 U.S. 658, 691, 56 L. Ed. 2d 611, 98 S. Ct. 2018"
    assert rows[0]["pin"] == "691"


def test_section_1983_is_one_statute_cited_by_both_seeds(tables) -> None:
    statutes = [a for a in tables["authorities"] if "1983" in a["id"] and a["kind"] == "statute"]
    assert [a["id"] for a in statutes] == ["42 U.S.C. § 1983"]
    citing = {r["opinion"] for r in tables["citations"] if r["authority"] == "42 U.S.C. § 1983"}
    assert {
        _opinion_id(tables, "ali_v_annucci_sdny_2020.txt"),
        _opinion_id(tables, "russo_v_city_of_hartford_dconn_2001.txt"),
    } <= citing


def test_corpus_opinions_cite_each_other(sample_out: Path, tables) -> None:
    g = nx.read_graphml(sample_out / "graph.graphml")
    whitney = _opinion_id(tables, "195270.json")
    mcandrews = _opinion_id(tables, "195084.json")
    soltero = _opinion_id(tables, "195083.json")
    smith = _opinion_id(tables, "195168.json")
    rivera = _opinion_id(tables, "195338.json")
    assert g.has_edge(whitney, mcandrews) and g.has_edge(whitney, soltero)
    assert g.has_edge(rivera, mcandrews) and g.has_edge(rivera, smith)
    assert g.nodes[mcandrews]["in_corpus"] is True
    # its own citation comes from the lawbox head of CourtListener's `html` field
    assert g.nodes[mcandrews]["label"] == "United States v. McAndrews, 12 F.3d 273 (1993)"


def test_opinion_citations_of_its_own_header_are_not_edges(tables) -> None:
    russo = _opinion_id(tables, "russo_v_city_of_hartford_dconn_2001.txt")
    assert russo == "158 F. Supp. 2d 214"
    assert not [r for r in tables["citations"] if r["opinion"] == russo and r["authority"] == russo]


def test_graphml_reads_back_in_networkx_and_igraph(sample_out: Path) -> None:
    import igraph

    path = sample_out / "graph.graphml"
    g = nx.read_graphml(path)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert g.number_of_nodes() == ig.vcount() > 100
    assert g.number_of_edges() == ig.ecount() > 100
    text = path.read_text(encoding="utf-8")
    assert 'edgedefault="directed"' in text
    assert not re.search(r'<key id="d\d+"', text)
    assert all(d["weight"] > 0 for *_, d in g.edges(data=True))


def test_html_is_offline_and_holds_every_node(sample_out: Path) -> None:

    html = (sample_out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?://""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?https?://", html, re.I)
    from citegraph.viz.html import read_page_data

    data = read_page_data(html)
    g = nx.read_graphml(sample_out / "graph.graphml")
    assert {n["id"] for n in data["nodes"]} == set(g.nodes)


def test_every_command_has_help_text() -> None:
    for name, command in main.commands.items():
        assert command.help, name
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0


def test_build_reports_counts_of_opinions_citations_authorities_edges(tmp_path: Path) -> None:
    ali = Path(__file__).resolve().parent.parent / "data" / "ali_v_annucci_sdny_2020.txt"
    result = CliRunner().invoke(main, ["build", str(ali), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    m = re.search(
        r"1 opinions, (\d+) citations, (\d+) authorities, (\d+) edges in [\d.]+ s", result.output
    )
    assert m, result.output
    citations = (tmp_path / "o" / "citations.jsonl").read_text().count("\n")
    assert int(m.group(1)) == citations


def test_build_and_write_hand_back_the_garbage_collectors_heap(tmp_path: Path) -> None:
    # the build freezes its long-lived objects while it runs, and unfreezes them after,
    # so a program that calls it again and again frees each corpus it drops
    import gc

    from citegraph.corpus import build

    seeds = sorted((Path(__file__).resolve().parent.parent / "data").glob("*.txt"))
    assert gc.get_freeze_count() == 0
    corpus = build(seeds)
    corpus.write(tmp_path / "out", workers=2)
    assert gc.get_freeze_count() == 0
    assert len(corpus.opinions) == 2 and corpus.graph.number_of_nodes() > 50
    # a caller that froze its own objects keeps them frozen
    gc.freeze()
    try:
        assert gc.get_freeze_count() > 0
        build(seeds[:1])
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
