"""The citation graph: a networkx.DiGraph of opinions and the authorities they cite.

A node is an opinion of the corpus or an authority; an authority that is a corpus
opinion is the same node. An edge citing -> cited aggregates occurrences:
`weight` is their number and `occurrences` holds each one's proposition, pin,
signal and page for the writers. An edge learned second-hand ("Y (quoting X)")
carries source = "parenthetical"; one from subsequent history ("X, aff'd, Y") runs
from the later decision Y to X and carries source = "history", and the citing opinion
gets no edge to Y: history is not a citation of its own.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..models import Authority, Citation, Opinion
from .metrics import add_metrics


def _occurrence(c: Citation) -> dict[str, Any]:
    return {
        "opinion": c.opinion,
        "text": c.text,
        "form": c.form,
        "proposition": c.proposition,
        "pin": c.pin,
        "signal": c.signal,
        "parenthetical": c.parenthetical,
        "quote": c.quote,
        "treatment": c.treatment,
        "treatment_words": c.treatment_words,
        "relation": c.relation,
        "part": c.part,
        "notes": c.notes,
        "history": c.history,
        "page": c.page,
        "footnote": c.footnote,
    }


def build(
    opinions: list[Opinion], authorities: list[Authority], citations: list[Citation]
) -> nx.DiGraph:
    """Build the citation graph.

    Args:
        opinions: the corpus.
        authorities: what the citations point at (from graph.identify).
        citations: resolved citation occurrences (each with `authority` set).

    Returns:
        A DiGraph with node attributes kind, label, name, court, year, citations,
        in_corpus, cited_by, joined_by (what made its citations one node), unresolved
        (an unresolved short form), status, status_by, status_passage (is it still good
        law: graph.status), history_cites, pagerank, hub, authority_score
        (graph.metrics), and
        edge attributes weight, source, occurrences.
    """
    g = nx.DiGraph()
    for op in opinions:
        label = op.name or op.id
        if op.citations:
            label = f"{label}, {op.citations[0]}"
        if op.date:
            label = f"{label} ({op.date[:4]})"
        g.add_node(
            op.id,
            kind="case",
            label=label,
            name=op.name,
            court=op.court,
            year=int(op.date[:4]) if op.date else None,
            citations=list(op.citations),
            in_corpus=True,
            cited_by=0,
        )
    for a in authorities:
        if a.id in g:
            node = g.nodes[a.id]
            node["citations"] = sorted(set(node["citations"]) | set(a.citations))
            node["joined_by"] = list(a.joined_by)
            node.update(_status(a))
            continue
        g.add_node(
            a.id,
            kind=a.kind,
            label=a.label,
            name=a.name,
            court=a.court,
            year=a.year,
            citations=list(a.citations),
            in_corpus=False,
            cited_by=0,
            subkind=a.subkind,
            joined_by=list(a.joined_by),
            unresolved=a.unresolved,
            **_status(a),
        )
    for c in citations:
        # subsequent history ("cert. denied, 506 U.S. 1000") is what became of the case
        # it follows, not a decision the opinion relies on: a history edge, below
        if c.authority is None:
            continue
        if c.source == "history" and c.via:
            g.nodes[c.authority]["history_cites"] = g.nodes[c.authority].get("history_cites", 0) + 1
            continue
        _add(g, c.opinion, c.authority, c, "text")
        g.nodes[c.authority]["cited_by"] += 1
    # second-hand edges: "Campbell (quoting Portillo)" means Campbell cites Portillo;
    # subsequent history "X, aff'd, Y" means the later decision Y acted on X
    for c in citations:
        if c.via and c.authority and c.via != c.authority:
            if c.source == "history":
                _add(g, c.authority, c.via, c, "history")
            else:
                _add(g, c.via, c.authority, c, "parenthetical")
    add_metrics(g)
    return g


def _status(a: Authority) -> dict[str, Any]:
    """The node attributes of an authority's status (graph.status), where it has one."""
    if not a.status:
        return {}
    return {"status": a.status, "status_by": a.status_by, "status_passage": a.status_passage}


def _add(g: nx.DiGraph, u: str, v: str, c: Citation, source: str) -> None:
    if g.has_edge(u, v):
        data = g.edges[u, v]
        data["weight"] += 1
        data["occurrences"].append(_occurrence(c))
        if source == "text":
            data["source"] = "text"
    else:
        g.add_edge(u, v, weight=1, source=source, occurrences=[_occurrence(c)])
