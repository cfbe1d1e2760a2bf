"""graph.query on a build of the bundled sample (data/): finding an authority or opinion
by name or citation, the passages that cite it, what an opinion cites, and the
corpus statistics."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from citegraph import CitegraphError, Tables, cites, citing, find, read_tables, stats

MONELL = "436 U.S. 658"
SECTION_1983 = "42 U.S.C. § 1983"


@pytest.fixture(scope="module")
def built(sample_out: Path) -> Tables:
    return read_tables(sample_out)


def _opinion_id(built: Tables, source_name: str) -> str:
    (op,) = [o for o in built.opinions if Path(o["source"]).name == source_name]
    return str(op["id"])


@pytest.fixture(scope="module")
def ali(built: Tables) -> str:
    return _opinion_id(built, "ali_v_annucci_sdny_2020.txt")


@pytest.fixture(scope="module")
def russo(built: Tables) -> str:
    return _opinion_id(built, "russo_v_city_of_hartford_dconn_2001.txt")


# --- find -------------------------------------------------------------------------------


def test_case_name_alone_finds_the_case(built: Tables) -> None:
    m = find(built, "monell")
    assert m.id == MONELL
    assert m.label == "Monell, 436 U.S. 658 (1978)"
    assert m.court == "scotus" and m.year == 1978 and not m.in_corpus


@pytest.mark.parametrize(
    "query",
    [
        "436 U.S. 658",
        "436 US 658",  # periods and spaces do not matter
        "436 U.S. 658, 691",  # a pin cite is the same case
        "Monell, 436 U.S. 658 (1978)",  # the label as shown
        "98 S. Ct. 2018",  # a parallel citation
        "56 L. Ed. 2d 611",
        "436 U.S. at 694",  # a short form: the case starting on the nearest page before
        "Monel",  # the start of the name
        "Monnel",  # a misspelt name
        "Monell v. Dep't of Soc. Servs., 436 U.S. 658, 690 (1978)",  # pasted from a brief
    ],
)
def test_every_way_a_lawyer_writes_monell_finds_it(built: Tables, query: str) -> None:
    assert find(built, query).id == MONELL


def test_short_form_pin_finds_the_case_that_starts_before_it(built: Tables) -> None:
    # Ali cites "Kingsley v. Hendrickson, 135 S. Ct. 2466" and later "135 S. Ct. at 2473"
    assert find(built, "135 S. Ct. at 2473").id == "135 S. Ct. 2466"


def test_pasted_citation_finds_the_case_by_the_reporter_the_corpus_knows(built: Tables) -> None:
    # the corpus knows Kingsley only as 135 S. Ct. 2466, not by its later U.S. cite
    query = "Kingsley v. Hendrickson, 576 U.S. 389, 135 S. Ct. 2466, 2473 (2015)"
    assert find(built, query).id == "135 S. Ct. 2466"


@pytest.mark.parametrize("query", ["§ 1983", "42 U.S.C. § 1983", "42 USC 1983"])
def test_statute_is_found_by_its_section(built: Tables, query: str) -> None:
    assert find(built, query).id == SECTION_1983


def test_corpus_opinion_is_found_by_its_own_citation_and_marked_in_corpus(
    built: Tables, russo: str
) -> None:
    m = find(built, "158 F. Supp. 2d 214")
    assert m.id == russo
    assert m.in_corpus
    assert m.label == "Russo v. City of Hartford, 158 F. Supp. 2d 214 (2001)"
    assert find(built, "Rivera-Perez").id == _opinion_id(built, "195338.json")


def test_ambiguous_name_lists_the_close_matches(built: Tables) -> None:
    # Russo v. City of Hartford (the corpus opinion) and the Connecticut case it cites
    with pytest.raises(CitegraphError) as e:
        find(built, "hartford")
    message = str(e.value)
    assert '"hartford" matches' in message
    assert "by its citation or id" in message
    listed = message.splitlines()[1:]
    assert len(listed) >= 2
    assert any("Russo v. City of Hartford, 158 F. Supp. 2d 214 (2001)" in x for x in listed)
    assert any("corpus opinion" in x for x in listed)


def test_a_name_shared_by_many_cases_lists_at_most_ten(built: Tables) -> None:
    with pytest.raises(CitegraphError) as e:
        find(built, "united states")
    lines = str(e.value).splitlines()
    assert 2 <= len(lines) <= 12
    if len(lines) == 12:
        assert lines[-1].strip().startswith("... and")


def test_misspelling_close_to_several_names_lists_the_closest_first(built: Tables) -> None:
    with pytest.raises(CitegraphError) as e:
        find(built, "Monnell")  # Monell? Connell?
    lines = str(e.value).splitlines()
    assert lines[1].strip().startswith("Monell, 436 U.S. 658 (1978)")
    assert len(lines) >= 3


def test_a_name_nobody_cites_is_an_error(built: Tables) -> None:
    with pytest.raises(CitegraphError, match='no authority or opinion matches "Marbury"'):
        find(built, "Marbury")


# --- citing and cites -----------------------------------------------------------------


def test_passages_citing_section_1983_are_grouped_by_opinion_in_date_order(
    built: Tables, ali: str, russo: str
) -> None:
    groups = citing(built, SECTION_1983)
    order = [g.opinion for g in groups]
    assert order.index(russo) < order.index(ali)  # 2001 before 2020
    (ali_group,) = [g for g in groups if g.opinion == ali]
    assert ali_group.label == "Ali v. Annucci (2020)"
    starts = [p["start"] for p in ali_group.passages]
    assert starts == sorted(starts)
    # "Ali brought suit alleging constitutional violations pursuant to 42 U.S.C. § 1983."
    assert "Ali brought suit alleging constitutional violations" in (
        ali_group.passages[0]["proposition"] or ""
    )
    every = [r for r in built.citations if r["authority"] == SECTION_1983]
    assert sum(len(g.passages) for g in groups) == len(every)


def test_monell_is_cited_by_russo_for_no_respondeat_superior(built: Tables, russo: str) -> None:
    (group,) = citing(built, MONELL)
    assert group.opinion == russo
    full = group.passages[0]
    assert full["text"] == "436 U.S. 658, 691, 56 L. Ed. 2d 611, 98 S. Ct. 2018"
    assert full["page"] == "222"
    assert (
        "municipality cannot be held liable in a § 1983 action under a theory of "
        "respondeat superior" in full["proposition"]
    )
    # then "Id. at 694", quoting Monell's holding on municipal policy or custom
    (id_cite,) = [p for p in group.passages if p["text"] == "Id. at 694"]
    assert id_cite["form"] == "id" and id_cite["pin"] == "694"
    assert "policy or custom, whether made by its lawmakers" in id_cite["proposition"]


def test_short_forms_are_passages_of_the_case_they_stand_for(built: Tables, ali: str) -> None:
    # Ali: "Kingsley v. Hendrickson, 135 S. Ct. 2466 ..." then twice "135 S. Ct. at 2473"
    (group,) = citing(built, "135 S. Ct. 2466")
    assert group.opinion == ali
    forms = [(p["form"], p["text"]) for p in group.passages]
    assert forms[0] == ("full", "135 S. Ct. 2466")
    assert forms.count(("short", "135 S. Ct. at 2473")) == 2


def test_passage_inside_a_quoting_parenthetical_names_the_quoting_case(
    built: Tables, ali: str
) -> None:
    # Ali: "... (quoting Kingsley v. Hendrickson, 135 S. Ct. 2466, 2473 (2015))"
    (group,) = citing(built, "135 S. Ct. 2466")
    assert group.opinion == ali
    inside = [p for p in group.passages if p.get("via")]
    assert inside
    for p in inside:
        assert p["via_label"] == next(a["label"] for a in built.authorities if a["id"] == p["via"])


def test_what_an_opinion_cites_comes_in_text_order_with_labels(built: Tables, russo: str) -> None:
    rows = cites(built, russo)
    assert len(rows) == len([r for r in built.citations if r["opinion"] == russo])
    starts = [r["start"] for r in rows]
    assert starts == sorted(starts)
    assert rows[0]["authority"] == SECTION_1983  # the first citation of Russo (p. 219)
    assert rows[0]["page"] == "219"
    monell = [r for r in rows if r["authority"] == MONELL]
    assert {r["label"] for r in monell} == {"Monell, 436 U.S. 658 (1978)"}


def test_the_same_queries_work_on_a_corpus_in_memory(built: Tables) -> None:
    from citegraph import tables_of

    again = tables_of(built)
    assert again is built
    assert find(again, "monell").id == MONELL


# --- stats -----------------------------------------------------------------------------


def test_stats_counts_match_the_tables_and_the_graph(built: Tables, sample_out: Path) -> None:
    s = stats(built)
    g = nx.read_graphml(sample_out / "graph.graphml")
    assert s["counts"]["opinions"] == len(built.opinions) == 8
    assert s["counts"]["authorities"] == len(built.authorities)
    assert s["counts"]["citations"] == len(built.citations)
    assert s["counts"]["edges"] == g.number_of_edges()
    assert sum(k["authorities"] for k in s["kinds"].values()) == len(built.authorities)
    assert sum(k["citations"] for k in s["kinds"].values()) == len(built.citations)
    assert s["kinds"]["statute"]["authorities"] >= 1
    assert sum(s["forms"].values()) == len(built.citations)


def test_section_1983_is_among_the_most_cited_by_both_seeds(
    built: Tables, ali: str, russo: str
) -> None:
    s = stats(built, top=10)
    (row,) = [r for r in s["most_cited"] if r["id"] == SECTION_1983]
    assert row["kind"] == "statute"
    assert {ali, russo} <= set(row["citing"])
    assert row["opinions"] == len(row["citing"])
    assert row["citations"] == len([r for r in built.citations if r["authority"] == SECTION_1983])
    ranks = [(r["opinions"], r["citations"]) for r in s["most_cited"]]
    assert ranks == sorted(ranks, reverse=True)


def test_pagerank_in_stats_is_the_pagerank_the_build_wrote(built: Tables, sample_out: Path) -> None:
    s = stats(built, top=5)
    g = nx.read_graphml(sample_out / "graph.graphml")
    assert len(s["pagerank"]) == 5
    for row in s["pagerank"]:
        assert row["pagerank"] == pytest.approx(g.nodes[row["id"]]["pagerank"])
    best = max(g.nodes, key=lambda n: g.nodes[n]["pagerank"])
    assert s["pagerank"][0]["pagerank"] == pytest.approx(g.nodes[best]["pagerank"])


def test_hits_ranks_section_1983_first_as_the_seeds_common_authority(built: Tables) -> None:
    # the two seeds are the corpus's biggest hubs and § 1983 is what both cite most
    s = stats(built, top=5)
    scores = [r["authority"] for r in s["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert all(x >= 0 for x in scores)
    assert s["hits"][0]["id"] == SECTION_1983


def test_russo_cites_the_most(built: Tables, russo: str) -> None:
    s = stats(built)
    top = s["citing_most"][0]
    rows = [r for r in built.citations if r["opinion"] == russo]
    assert top["id"] == russo
    assert top["citations"] == len(rows)
    assert top["authorities"] == len({r["authority"] for r in rows})


def test_short_form_without_a_full_citation_in_the_corpus_is_unresolved(
    built: Tables, ali: str
) -> None:
    # Ali cites "Lynch, 567 F.Supp.2d at 468" twice but never gives Lynch's full citation
    s = stats(built)
    (lynch,) = [r for r in s["unresolved"] if "567 F" in r["id"]]
    assert lynch["written"] == ["567 F.Supp.2d at 468"]
    assert lynch["citations"] == 2 and lynch["opinions"] == 1
    assert s["counts"]["unresolved"] == len(s["unresolved"])
    fully_cited = {r["authority"] for r in built.citations if r["form"] == "full"}
    assert not {r["id"] for r in s["unresolved"]} & fully_cited


def test_tables_written_by_viz_read_back_by_graph_unchanged(built: Tables, tmp_path: Path) -> None:
    # the data flow of DESIGN.md ends in viz.write_tables; graph.read_tables reads the
    # same JSON Lines back (graph.jsonl is the one definition of the format)
    from citegraph.viz import write_tables

    paths = write_tables(built, tmp_path)
    assert [p.name for p in paths] == ["opinions.jsonl", "authorities.jsonl", "citations.jsonl"]
    again = read_tables(tmp_path)
    assert again == built
    (monell,) = [a for a in again.authorities if MONELL in a["citations"]]
    assert monell["name"].startswith("Monell")
