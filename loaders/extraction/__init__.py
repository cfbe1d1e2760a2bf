"""Extraction: Opinion -> Citation records.

`extract` finds every citation in an Opinion (eyecite, with citegraph's rules for what
eyecite does not know) and attaches the proposition each one supports, with its
signal, pin, parenthetical, quotation and treatment. This room reads Opinions only: it
never opens a file, and never imports networkx.
"""

from __future__ import annotations

from ...models import Citation, Opinion

__all__ = ["extract"]


def extract(opinion: Opinion) -> list[Citation]:
    """Every citation in `opinion`, with the proposition each supports.

    Args:
        opinion: an Opinion as a reader made it (its text, pages and footnotes).

    Returns:
        The opinion's citations in text order; short forms point at their antecedent.
    """
    from .citations import find_citations
    from .propositions import attach_propositions

    citations = find_citations(opinion)
    added = attach_propositions(opinion, citations)
    return merge(citations, added) if added else citations


def merge(citations: list[Citation], added: list[Citation]) -> list[Citation]:
    """`citations` and `added` in text order, `antecedent` and `parent` renumbered."""
    both = citations + added
    order = sorted(range(len(both)), key=lambda i: (both[i].start, i))
    new_index = {old: new for new, old in enumerate(order)}
    out = [both[i] for i in order]
    for c in out:
        if c.antecedent is not None:
            c.antecedent = new_index[c.antecedent]
        if c.parent is not None:
            c.parent = new_index[c.parent]
    return out
