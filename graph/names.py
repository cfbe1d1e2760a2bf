"""Case names: the short name lawyers use, and whether two names name one case."""

from __future__ import annotations

import functools
import re

from ..loaders.extraction.laws import STATE_ABBREVIATIONS
from ..vocabulary import GENERIC_PARTY_WORDS, GOVERNMENT, NAME_STOP_WORDS, T6_EXPANSIONS, fold

# Bluebook T6 words and T10 states, as a case name abbreviates them: "Mass. Dep't" is
# "Massachusetts Department" (one-word abbreviations only: "N.H." is two tokens)
_EXPANSIONS = {
    **T6_EXPANSIONS,
    **{
        abbr.lower().rstrip("."): state.lower()
        for state, abbr in STATE_ABBREVIATIONS.items()
        if " " not in state and abbr.count(".") <= 1 and abbr.lower().rstrip(".") != state.lower()
    },
}

__all__ = [
    "short_name",
    "names_match",
    "name_parts",
    "distinctive_words",
    "is_full_name",
    "name_words",
    "first_word",
]


def short_name(name: str | None) -> str | None:
    """The name a short form uses: "Monell v. Dep't of Soc. Servs." -> "Monell"."""
    if not name:
        return None
    parties = re.split(r"\s+v\.?\s+", name, maxsplit=1)
    first = parties[0].strip()
    if first.lower().rstrip(".") in GOVERNMENT and len(parties) > 1:
        first = parties[1].strip()
    first = re.sub(r"^(?:In re|Ex parte|In the Matter of)\s+", "", first, flags=re.I)
    first = first.split(",")[0].strip()
    return first or None


# Corpus linking compares every cited name with every corpus opinion of the same
# court and year: the same names come back thousands of times, so their words are
# computed once.
@functools.lru_cache(maxsize=1 << 16)
def _party_tokens(name: str) -> tuple[frozenset[str], ...]:
    parties = re.split(r"\s+v\.?\s+", _folded(name), maxsplit=1)
    return tuple(
        frozenset(
            {_EXPANSIONS.get(w, w) for w in re.findall(r"[a-z0-9][a-z0-9'’-]*", p)}
            - NAME_STOP_WORDS
        )
        for p in parties
    )


def _folded(name: str) -> str:
    """`name` in lower-case ASCII, accents folded, without honorifics ("Hon.", "Jr.")."""
    folded = fold(name.replace("’", "'")).encode("ascii", "ignore").decode()
    return re.sub(r"\b(?:hon|honorable|dr|mr|mrs|ms|jr|sr)\.?\s", " ", folded)


def distinctive_words(name: str | None) -> frozenset[str]:
    """The words of a two-party case name that names_match counts as shared evidence."""
    if not name:
        return frozenset()
    parties = _party_tokens(name)
    if len(parties) != 2:
        return frozenset()
    return frozenset(w for p in parties for w in p if len(w) > 2) - GENERIC_PARTY_WORDS


def names_match(a: str | None, b: str | None) -> bool:
    """Whether two case names name the same case: every party agrees on its words.

    The documented threshold: each party's words of the shorter name must all be in
    the other's party (so "United States v. McAndrews" matches "United States v.
    Willie McAndrews"), a one-word party against two or three words must be their last
    (the surname), and at least one distinctive word of three letters or more is
    shared. Words are compared after folding accents and Bluebook abbreviations
    ("Dep't" = "Department"); "Inc.", "Corp.", "the", "of" do not count.
    """
    if not a or not b:
        return False
    ta, tb = _party_tokens(a), _party_tokens(b)
    if len(ta) != 2 or len(tb) != 2:
        return False
    shared = 0
    for pa, pb, la, lb in zip(ta, tb, _last_words(a), _last_words(b), strict=False):
        if not pa or not pb:
            return False
        small, big = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
        if not small <= big:
            return False
        # one name against a person's two or three: it must be the surname, so
        # "United States v. Daniel" is not "United States v. Daniel Franco"
        if len(small) == 1 and 2 <= len(big) <= 3 and la != lb:
            return False
        shared += len({w for w in small if len(w) > 2} - GENERIC_PARTY_WORDS)
    return shared > 0


@functools.lru_cache(maxsize=1 << 16)
def _last_words(name: str | None) -> tuple[str, ...]:
    """The last significant word of each party: a surname ("Franco" of "Daniel Franco")."""
    out = []
    for party in name_parts(name):
        words = [w for w in party if w not in NAME_STOP_WORDS]
        out.append(words[-1] if words else "")
    return tuple(out)


def name_parts(name: str | None) -> list[list[str]]:
    """The significant words of each party, in order."""
    if not name:
        return []
    folded = re.sub(r",?\s+(?:et al|inc|corp|co|ltd|llc)\b\.?", " ", _folded(name))
    parties = re.split(r"\s+v\.?\s+", folded, maxsplit=1)
    return [
        [_EXPANSIONS.get(w, w) for w in re.findall(r"[a-z0-9][a-z0-9'’-]*", p)] for p in parties
    ]


def name_words(name: str) -> set[str]:
    """The lower-case words of `name`."""
    return set(re.findall(r"[a-z0-9][a-z0-9'-]*", name.lower()))


def first_word(name: str) -> str:
    """The first word of `name`, lower-case ("" if none)."""
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", name.lower())
    return words[0] if words else ""


_FULL_NAME = re.compile(r"\sv\.?\s|^(?:in re|ex parte|matter of)\b", re.I)


def is_full_name(name: str) -> bool:
    """Whether `name` names both parties ("X v. Y") or a matter ("In re X")."""
    return bool(_FULL_NAME.search(name))
