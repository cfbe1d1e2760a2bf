"""Is it still good law? Each authority's status in the corpus (`Authority.status`).

A citator's flag, from the treatments the corpus gives a case:

- **red** (`overruled`, `abrogated`, `superseded`, `disapproved`): a majority of the corpus
  says so of the case ("we overrule X", "X is no longer good law"), or a citation's
  subsequent history reports it ("X, overruled by Y": Y overrules X);
- **yellow** (`limited`, `questioned`, `criticized`, `declined to follow`, `distinguished`
  is not a flag): a majority weakens it.

Only the majority speaks for a court: a dissent or concurrence saying a case is
overruled sets no status (`Citation.part`). `status_by` is the opinion (or, from
history, the authority) that gave the status and `status_passage` the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..loaders.extraction.treatment import CAUTION, NEGATIVE, TREATMENTS
from ..models import Authority, Citation

# the most severe first: the status an authority shows is the first it has
SEVERITY = tuple(t for t in TREATMENTS if t in NEGATIVE | CAUTION)
RED = NEGATIVE
_HISTORY = re.compile(r"\b(overruled|abrogated|superseded|disapproved)\b", re.I)
_SEPARATE = re.compile(r"dissent|concur|separate", re.I)

__all__ = ["SEVERITY", "RED", "apply_status", "speaks_for_court", "separate_part"]


def separate_part(part: str | None) -> bool:
    """Whether a `Citation.part` is a separate opinion (a dissent, a concurrence)."""
    return bool(part and _SEPARATE.search(part))


def speaks_for_court(c: Citation) -> bool:
    """Whether a citation stands in the opinion of the court (not a dissent or
    concurrence)."""
    return not separate_part(c.part)


def apply_status(authorities: Iterable[Authority], citations: list[Citation]) -> None:
    """Set `status`, `status_by`, `status_passage` and `treated_by` on `authorities`.

    Args:
        authorities: the build's authorities.
        citations: the resolved citations (`authority` set).
    """
    by_id = {a.id: a for a in authorities}
    for c in citations:
        if c.authority not in by_id:
            continue
        if c.treatment in SEVERITY and speaks_for_court(c):
            _add(by_id[c.authority], c.treatment, c.opinion, c.treatment_words, c.start)
        # "X, overruled by Y": the later decision Y (this history citation) treats X (via)
        if c.source == "history" and c.via in by_id and c.history:
            m = _HISTORY.search(c.history)
            if m and speaks_for_court(c):
                _add(
                    by_id[c.via],
                    m.group(1).lower(),
                    c.authority,
                    c.history,
                    None,
                    reported=c.opinion,
                )
    for a in by_id.values():
        if a.treated_by:
            first = min(a.treated_by, key=lambda t: SEVERITY.index(t["treatment"]))
            a.status = first["treatment"]
            a.status_by = first["by"]
            a.status_passage = first["words"]


def _add(
    a: Authority,
    treatment: str,
    by: str | None,
    words: str | None,
    start: int | None,
    reported: str | None = None,
) -> None:
    entry = {"treatment": treatment, "by": by, "words": words, "start": start}
    if reported:
        entry["reported_in"] = reported
    if entry not in a.treated_by:
        a.treated_by.append(entry)
