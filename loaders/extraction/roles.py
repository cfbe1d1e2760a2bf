"""The role a citation plays in its sentence (`Citation.role`).

- **support**: offered for a proposition ("Officials are immune. See Harlow, 457 U.S. 800.").
- **mention**: only named, not offered as support: a statute or rule the sentence talks
  about ("alleging that § 401(e) violates the Fifth Amendment", "a motion under 18 U.S.C.
  § 3582(c)(2)"), a case the sentence says someone relied on, argued or cited ("The
  district court also relied on On Command Video Corp. v. Columbia Pictures, 777 F. Supp.
  787").
- **history**: what became of a cited case ("aff'd, 510 U.S. 3"), or a decision of the
  case at hand itself: cited by the case's own name, or without a name after the story of
  a disposition ("The Washington Supreme Court affirmed the conviction. 58 Wash. 2d 716."
  in Haynes v. Washington; "we granted certiorari, 385 U. S. 917").
- **quoting**: a source cited second-hand, inside "(quoting X)" or "(citing X)".
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ...models import Citation, Opinion
from ...vocabulary import GENERIC_PARTY_WORDS, GOVERNMENT

ROLES = ("support", "mention", "history", "quoting")

# words that say a citation is someone's argument or reliance, not the court's support
_MENTION_VERBS = re.compile(
    r"\b(?:relie[sd]|rely(?:ing)?|cite[sd]?|citing|argue[sd]?|arguing|contend(?:s|ed|ing)?|"
    r"urge[sd]?|urging|invoke[sd]?|invoking|disputes?|disputed|alleg(?:e[sd]?|ing)|"
    r"challeng(?:e[sd]?|ing)|asserts?|asserted|asserting)\b",
    re.I,
)
# a decision of the case at hand, cited without a name: "we granted certiorari, 385 U.S. 917"
_PROCEDURE = re.compile(r"\b(?:certiorari|probable jurisdiction)\b", re.I)
# a court's disposition told as a story, then its cite without a name: the decisions below
# ("The Washington Supreme Court affirmed the conviction ... 58 Wash. 2d 716.")
_DISPOSITION = re.compile(
    r"\b(?:[Cc]ourt|[Jj]udge|[Jj]ury|[Bb]oard|[Pp]anel)\b[^.;]{0,120}?\b(?:affirmed|reversed|"
    r"denied|granted|dismissed|upheld|sustained|vacated|awarded|remanded|entered judgment)\b"
)
_WORD = re.compile(r"[a-z][a-z'’-]{3,}")
_GENERIC = frozenset(GOVERNMENT) | GENERIC_PARTY_WORDS


def assign_roles(
    opinion: Opinion, citations: list[Citation], heads: dict[int, int], starts: list[int]
) -> None:
    """Set `role` on each of `opinion`'s citations.

    Args:
        opinion: the opinion.
        citations: its citations.
        heads: where each citation's clause, its signal and case name included, starts.
        starts: where each sentence of the opinion starts (extraction.sentences).
    """
    for i, c in enumerate(citations):
        head = heads.get(i, c.start)
        k = bisect_right(starts, head) - 1
        c.role = _role(opinion, c, head, starts[k] if k >= 0 else 0)


def _role(opinion: Opinion, c: Citation, head: int, sentence_start: int) -> str:
    if c.source == "history":
        return "history"
    if c.source == "parenthetical":
        return "quoting"
    text = opinion.text
    sentence = text[sentence_start:head]
    if c.kind == "case" and c.form == "full":
        if c.name and opinion.name and same_case(c.name, opinion.name):
            return "history"
        if not _two_parties(c.name) and (
            _PROCEDURE.search(sentence) or _DISPOSITION.search(c.proposition or "")
        ):
            return "history"
    before = text[max(0, head - 40) : head].rstrip(" *_")
    in_words = bool(re.search(r"[A-Za-z0-9]$", before)) and not c.signal
    if in_words and c.form in ("full", "short"):
        if c.kind != "case":
            return "mention"
        if _MENTION_VERBS.search(sentence):
            return "mention"
    return "support"


def _two_parties(name: str | None) -> bool:
    """Whether a case name names both parties (eyecite may take "Certiorari was granted"
    for the name of a cite that has none)."""
    return bool(name and re.search(r"\sv\.?\s", name))


def same_case(cited: str, own: str) -> bool:
    """Whether a cited case name is the case at hand's own: every party of the cited
    name other than a government shares a word with the opinion's name ("State v.
    Haynes" in Haynes v. Washington)."""
    own_words = set(_WORD.findall(own.lower()))
    parties = re.split(r"\s+v\.?\s+", cited.lower(), maxsplit=1)
    if len(parties) != 2:
        return False
    named = [set(_WORD.findall(p)) - _GENERIC for p in parties]
    named = [p for p in named if p]
    return bool(named) and all(p & own_words for p in named)
