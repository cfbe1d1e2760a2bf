"""Centrality of precedent: PageRank and HITS hub / authority scores on the citation graph.

Both run on the weighted DiGraph (an edge's `weight` is how often the citing opinion
cites the authority, DESIGN.md), so an opinion's vote goes to what it relies on most.
PageRank rewards an authority cited by authorities that are themselves cited. HITS
separates the two roles a legal text plays: a good *hub* cites many strong
authorities (a thorough opinion), a good *authority* is cited by many good hubs (a
leading precedent). HITS concentrates on the densest community of the graph (the
"tightly knit community" effect): in a corpus of mixed subjects its top authorities
are those of the largest line of cases, not of the corpus as a whole. The scores are
set as node attributes `pagerank`, `hub` and `authority_score`, each summing to 1.

`counts` is the one definition of the corpus's size that the build summary, `citegraph
stats` and the header of graph.html all report.
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["add_metrics", "pagerank", "hits", "counts"]

_MAX_ITER = 1000
_TOL = 1e-12  # per node, as networkx's own HITS
_ZERO = 1e-10


def counts(g: nx.DiGraph) -> dict[str, int]:
    """How many opinions, authorities, citations and edges the corpus has.

    - opinions: the corpus opinions (nodes with `in_corpus`);
    - authorities: what is cited at least once, a corpus opinion that is cited
      included (one row each of authorities.jsonl);
    - citations: citation occurrences in the opinions' text (one row each of
      citations.jsonl), the sum of the nodes' `cited_by` and `history_cites` (the
      subsequent history written after a citation, "cert. denied, 506 U.S. 1000");
      a second-hand edge ("Y (quoting X)") adds no occurrence, so edge weights are
      not summed;
    - edges: citing -> cited pairs, second-hand ones included.

    Args:
        g: the citation graph (graph.build or graph.from_tables).

    Returns:
        {"opinions", "authorities", "citations", "edges"} -> count.
    """
    cited = [
        int(d.get("cited_by") or 0) + int(d.get("history_cites") or 0)
        for _, d in g.nodes(data=True)
    ]
    return {
        "opinions": sum(1 for _, d in g.nodes(data=True) if d.get("in_corpus")),
        "authorities": sum(1 for n in cited if n > 0),
        "citations": sum(cited),
        "edges": g.number_of_edges(),
    }


def pagerank(g: nx.DiGraph) -> dict[str, float]:
    """Weighted PageRank of every node (uniform if the power iteration does not converge).

    Args:
        g: the citation graph.

    Returns:
        Node -> score; the scores sum to 1.
    """
    if not g.number_of_nodes():
        return {}
    try:
        scores = nx.pagerank(g, weight="weight", max_iter=_MAX_ITER)
    except nx.PowerIterationFailedConvergence:
        return _uniform(g)
    return _finite_or_uniform(g, scores)


def hits(g: nx.DiGraph) -> tuple[dict[str, float], dict[str, float]]:
    """HITS hub and authority scores of every node, weighted by edge `weight`.

    Power iteration from a uniform start (not networkx's eigensolver, whose random start
    makes the scores differ in the last digits from one run to the next): an export
    written twice from the same tables is the same file. A graph without edges has no
    link structure to rank: every node gets the same score.

    Args:
        g: the citation graph.

    Returns:
        (hubs, authorities), node -> score; each sums to 1.
    """
    import numpy as np

    if not g.number_of_nodes():
        return {}, {}
    if not g.number_of_edges():
        return _uniform(g), _uniform(g)
    nodes = list(g)
    a_matrix = nx.to_scipy_sparse_array(g, nodelist=nodes, weight="weight", dtype=float)
    n = len(nodes)
    hub = np.full(n, 1.0 / n)
    for _ in range(_MAX_ITER):
        auth = a_matrix.T @ hub
        auth /= auth.sum() or 1.0
        new_hub = a_matrix @ auth
        new_hub /= new_hub.sum() or 1.0
        done = float(np.abs(new_hub - hub).sum()) < n * _TOL
        hub = new_hub
        if done:
            break
    auth = a_matrix.T @ hub
    auth /= auth.sum() or 1.0
    # what is left below the tolerance is the iteration's residue of a zero score
    hub[hub < _ZERO] = 0.0
    auth[auth < _ZERO] = 0.0
    hubs = {node: float(v) for node, v in zip(nodes, hub, strict=True)}
    authorities = {node: float(v) for node, v in zip(nodes, auth, strict=True)}
    return _finite_or_uniform(g, hubs), _finite_or_uniform(g, authorities)


def add_metrics(g: nx.DiGraph) -> nx.DiGraph:
    """Set `pagerank`, `hub` and `authority_score` on every node of `g` (in place).

    Returns:
        `g` itself.
    """
    nx.set_node_attributes(g, pagerank(g), "pagerank")
    hubs, authorities = hits(g)
    nx.set_node_attributes(g, hubs, "hub")
    nx.set_node_attributes(g, authorities, "authority_score")
    return g


def _uniform(g: nx.DiGraph) -> dict[str, float]:
    n = g.number_of_nodes()
    return {node: 1.0 / n for node in g}


def _finite_or_uniform(g: nx.DiGraph, scores: dict[str, float]) -> dict[str, float]:
    # NaN or infinity would break every exporter's "no NaN/inf" rule; fall back rather than lie.
    if len(scores) != g.number_of_nodes() or not all(math.isfinite(v) for v in scores.values()):
        return _uniform(g)
    total = sum(scores.values())
    if total <= 0:
        return _uniform(g)
    return {n: v / total for n, v in scores.items()}
