"""Non-case authorities eyecite does not find, as one table of rules.

Each rule is one row (`LawRule`): the kind of authority, the pattern of its citation,
where a match may start (so that a scan tries the pattern only there), and how the
authority's key, pin and year are read from a match. `find_laws` runs the rows in
order; a match that overlaps a citation already found is left out. A new citation
form is one row of `LAW_RULES` (and its test); tests/test_extraction_speedups.py
checks every row's start against a full scan of its pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from ...models import Citation
from .scan import finditer_at_candidates, finditer_before_sign, finditer_near

Match = re.Match[str]


class SpanSet(Protocol):
    """The spans of text that citations already hold (citations.Taken)."""

    def overlaps(self, start: int, end: int) -> bool: ...

    def append(self, span: tuple[int, int]) -> None: ...


# ---------------------------------------------------------------- where a match may start


@dataclass(frozen=True)
class AtCandidate:
    """A match starts where `candidate` matches (`scan.finditer_at_candidates`)."""

    candidate: re.Pattern[str]

    def finditer(self, pattern: re.Pattern[str], text: str) -> Iterator[Match]:
        return finditer_at_candidates(self.candidate, pattern, text)


@dataclass(frozen=True)
class NearWord:
    """A match starts at most `reach` characters before `word` (`scan.finditer_near`)."""

    word: re.Pattern[str]
    reach: int

    def finditer(self, pattern: re.Pattern[str], text: str) -> Iterator[Match]:
        return finditer_near(self.word, pattern, text, self.reach)


@dataclass(frozen=True)
class BeforeSign:
    """A match runs up to `sign` over characters of `run` (`scan.finditer_before_sign`).

    `run` matches the reversed characters between the start of a match and its
    `sign`; `first` the character a match starts with.
    """

    sign: str
    run: re.Pattern[str]
    first: re.Pattern[str]

    def finditer(self, pattern: re.Pattern[str], text: str) -> Iterator[Match]:
        return finditer_before_sign(self.sign, self.run, self.first, pattern, text)


# ---------------------------------------------------------------- one row per citation form


def _no_year(m: Match) -> int | None:
    return None


def _group(n: int) -> Callable[[Match], str | None]:
    """The pin of a rule: group `n` of its match, if it holds anything."""

    def pin(m: Match) -> str | None:
        return m.group(n) or None

    return pin


@dataclass(frozen=True)
class LawRule:
    """One citation form of a non-case authority.

    `key(match, matches)` gives the authority's key (None: the match cites nothing),
    where `matches` are all this rule's matches in the text; `pin(match)` the pin
    and `year(match)` the year of the edition, if the form has them.
    """

    name: str
    kind: str
    pattern: re.Pattern[str]
    start: AtCandidate | NearWord | BeforeSign
    key: Callable[[Match, Sequence[Match]], str | None]
    pin: Callable[[Match], str | None]
    year: Callable[[Match], int | None] = _no_year

    def finditer(self, text: str) -> Iterator[Match]:
        """`self.pattern.finditer(text)`, trying the pattern only where it may start."""
        return self.start.finditer(self.pattern, text)


_RULE_SETS = {
    "civ": "Fed. R. Civ. P.",
    "crim": "Fed. R. Crim. P.",
    "app": "Fed. R. App. P.",
    "evid": "Fed. R. Evid.",
    "bankr": "Fed. R. Bankr. P.",
}
_RULES_IN_WORDS = {"civil": "civ", "criminal": "crim", "appellate": "app"}
_LOCAL_LABELS = {"civ": "Civ.", "cri": "Crim.", "adm": "Adm."}
_SUBDIVISIONS = r"((?:\([a-zA-Z0-9]{1,4}\))*)"

# "Fed. R. Civ. P. 56(a)", "Federal Rule of Evidence 403"
_FED_RULE = re.compile(
    r"\bFed(?:eral|\.)\s*R(?:ules?|\.)\s*(?:of\s+)?(Civ|Crim|App|Evid|Bankr)(?:il|inal|ellate|"
    r"idence|uptcy)?\.?\s*(?:P(?:\.|roc(?:edure|\.)?)?\s*)?(\d+(?:\.\d+)?)" + _SUBDIVISIONS
)


def _fed_rule_key(m: Match, matches: Sequence[Match]) -> str:
    return f"{_RULE_SETS[m.group(1).lower()]} {m.group(2)}"


# "Rule 12(b)(6) of the Federal Rules of Civil Procedure", "Federal Rules of Evidence 403"
_FED_RULE_WORDS = re.compile(
    r"\bRule\s+(\d+(?:\.\d+)?)" + _SUBDIVISIONS + r"(?:\s+and\s+Rule\s+\d+(?:\.\d+)?"
    r"(?:\([a-zA-Z0-9]{1,4}\))*)?\s+of\s+the\s+Federal\s+Rules\s+of\s+(Civil|Criminal|Appellate)"
    r"\s+Procedure|\bFederal\s+Rules?\s+of\s+(Civil|Criminal|Appellate)\s+Procedure\s+"
    r"(\d+(?:\.\d+)?)" + _SUBDIVISIONS + r"|\bFederal\s+Rules?\s+of\s+Evidence\s+(\d+)"
)


def _fed_rule_words_key(m: Match, matches: Sequence[Match]) -> str:
    if m.group(1):
        return f"{_RULE_SETS[_RULES_IN_WORDS[m.group(3).lower()]]} {m.group(1)}"
    if m.group(4):
        return f"{_RULE_SETS[_RULES_IN_WORDS[m.group(4).lower()]]} {m.group(5)}"
    return f"Fed. R. Evid. {m.group(7)}"


def _fed_rule_words_pin(m: Match) -> str | None:
    return (m.group(2) if m.group(1) else m.group(6) if m.group(4) else None) or None


# "Local Civ. Rule 56.1(c)"
_LOCAL_RULE = re.compile(
    r"\bLocal\s+(?:(Civ(?:il|\.)?|Crim(?:inal|\.)?|Adm(?:iralty|\.)?)\s+)?R(?:ule|\.)\s+"
    r"(\d+(?:\.\d+)?)(\([a-zA-Z0-9]{1,4}\)(?:\([a-zA-Z0-9]{1,4}\))*)"
)


def _qualified_local_rule(m: Match) -> str | None:
    """ "Local Civ. R. 56.1" of a match that names its rule set, else None."""
    if not m.group(1):
        return None
    return f"Local {_LOCAL_LABELS[m.group(1).lower()[:3]]} R. {m.group(2)}"


def _local_rule_key(m: Match, matches: Sequence[Match]) -> str:
    """ "Local Rule 56.1(c)" is the "Local Civ. Rule 56.1" the same opinion cites."""
    own = _qualified_local_rule(m)
    if own:
        return own
    for other in matches:
        if other.group(2) == m.group(2) and other.group(1):
            return str(_qualified_local_rule(other))
    return f"Local R. {m.group(2)}"


# "U.S. Const. amend. XIV, § 1", "Conn. Const. art. I, § 8"
_CONSTITUTION = re.compile(
    r"\b((?:U\.\s?S\.|[A-Z][a-z]{1,6}\.(?:\s[A-Z][a-z]{0,4}\.)?))\s?Const\.?,?\s+"
    r"(?:(amend|art|pmbl)\w*\.?\s*([IVXLC]+|\d+))?(?:,?\s*§+\s*(\d+))?(?:,?\s*cl\.\s*(\d+))?",
    re.I,
)


def _constitution_key(m: Match, matches: Sequence[Match]) -> str | None:
    """ "U.S. Const. amend. XIV, § 1"; a constitution named with no part cites nothing."""
    whose = re.sub(r"\s", "", m.group(1)) if m.group(1).upper().startswith("U") else m.group(1)
    key = f"{whose} Const."
    if m.group(2):
        part = "amend." if m.group(2).lower().startswith("amend") else "art."
        key += f" {part} {m.group(3).upper()}"
    if m.group(4):
        key += f", § {m.group(4)}"
    return None if key.endswith("Const.") else key


def _clause(m: Match) -> str | None:
    return f"cl. {m.group(5)}" if m.group(5) else None


# "Conn. Gen. Stat. § 52-584", "Mass. Gen. Laws ch. 93A, § 9(1)"
_STATE_CODE = re.compile(
    r"\b((?:[A-Z][A-Za-z]*\.?\s+){1,4}(?:Stat|Code|Laws|Law|Rev\.\s+Stat|Gen\.\s+Stat)s?\.?"
    r"(?:\s+Ann\.)?(?:\s+(?:ch|c)\.\s*\w+,)?)\s*(§§?)\s*(\d[\w:]*(?:[.-][\w:]+)*)"
    r"((?:\([a-zA-Z0-9]{1,4}\))*)"
)


def _state_code_key(m: Match, matches: Sequence[Match]) -> str | None:
    code = re.sub(r"\s+", " ", m.group(1)).strip()
    if code.startswith(("U.S.C", "U. S. C")):
        return None  # eyecite's
    return f"{code} § {re.sub(r'[.:]$', '', m.group(3))}"


# "2 James Wm. Moore et al., Moore's Federal Practice § 12.30[4] (3d ed. 2001)"
_TREATISE = re.compile(
    r"\b(\d+)\s+(?:[A-Z][\w.']*\s+){1,4}(?:et\s+al\.,?\s+)?,?\s*([A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)"
    r"{1,5})\s+§+\s*(\d[\d.:]*)((?:\[\w+\])*)\s*\((\d+[a-z]{1,2})\s+ed\.\s+(\d{4})\)"
)


def _treatise_key(m: Match, matches: Sequence[Match]) -> str:
    return f"{m.group(1)} {m.group(2)} § {m.group(3)}"


def _edition_year(m: Match) -> int | None:
    return int(m.group(6))


# "G. L. c. 231, § 85A", "M.G.L. ch. 90, § 23", "G. L. (Ter. Ed.) c. 231, § 85A": the
# General Laws of Massachusetts as its courts cite them, one authority with "Mass. Gen.
# Laws ch. 231, § 85A"
_MASS_GENERAL_LAWS = re.compile(
    r"\b(?:Mass\.\s+)?(?:M\.\s?)?G\.\s?L\.(?:\s*\(Ter\.\s*Ed\.\))?\s*ch?\.\s*(\d+[A-Za-z]{0,2}),?"
    r"\s*§§?\s*(\d+[A-Za-z]{0,2})" + _SUBDIVISIONS
)


def _mass_general_laws_key(m: Match, matches: Sequence[Match]) -> str:
    return f"Mass. Gen. Laws ch. {m.group(1)}, § {m.group(2)}"


# "Const" stands at most 16 characters into a match: "Mass. Gen." (15) and a space
_CONST_REACH = 16

LAW_RULES: tuple[LawRule, ...] = (
    LawRule(
        name="federal rule",
        kind="rule",
        pattern=_FED_RULE,
        start=AtCandidate(re.compile("Fed")),
        key=_fed_rule_key,
        pin=_group(3),
    ),
    LawRule(
        name="federal rule in words",
        kind="rule",
        pattern=_FED_RULE_WORDS,
        start=AtCandidate(re.compile("Rule|Federal")),
        key=_fed_rule_words_key,
        pin=_fed_rule_words_pin,
    ),
    LawRule(
        name="local rule",
        kind="rule",
        pattern=_LOCAL_RULE,
        start=AtCandidate(re.compile("Local")),
        key=_local_rule_key,
        pin=_group(3),
    ),
    LawRule(
        name="constitution",
        kind="constitution",
        pattern=_CONSTITUTION,
        start=NearWord(re.compile("const", re.I), _CONST_REACH),
        key=_constitution_key,
        pin=_clause,
    ),
    LawRule(
        name="state code",
        kind="statute",
        pattern=_STATE_CODE,
        start=BeforeSign("§", run=re.compile(r"[\w.,\s]*"), first=re.compile("[A-Z]")),
        key=_state_code_key,
        pin=_group(4),
    ),
    LawRule(
        name="Massachusetts General Laws",
        kind="statute",
        pattern=_MASS_GENERAL_LAWS,
        start=AtCandidate(re.compile(r"(?:Mass\.\s+)?(?:M\.\s?)?G\.\s?L\.")),
        key=_mass_general_laws_key,
        pin=_group(3),
    ),
    LawRule(
        name="treatise",
        kind="other",
        pattern=_TREATISE,
        start=BeforeSign("§", run=re.compile(r"[\w.'’,\s]*"), first=re.compile(r"\d")),
        key=_treatise_key,
        pin=_group(4),
        year=_edition_year,
    ),
)


def find_laws(opinion_id: str, text: str, taken: SpanSet) -> list[Citation]:
    """Citations of `LAW_RULES` in `text`, row by row, left out where `taken` holds one.

    Each citation found adds its span to `taken`.
    """
    out: list[Citation] = []
    for rule in LAW_RULES:
        matches = list(rule.finditer(text))
        for m in matches:
            key = rule.key(m, matches)
            if key is None or taken.overlaps(m.start(), m.end()):
                continue
            taken.append((m.start(), m.end()))
            out.append(_citation(opinion_id, rule, m, key))
    return out


def _citation(opinion_id: str, rule: LawRule, m: Match, key: str) -> Citation:
    return Citation(
        opinion=opinion_id,
        form="full",
        kind=rule.kind,
        text=m.group(0),
        start=m.start(),
        end=m.end(),
        cites=[key],
        name=key,
        pin=rule.pin(m),
        year=rule.year(m),
    )
