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
from typing import Any

from ...models import Citation
from .found import Taken
from .scan import finditer_at_candidates, finditer_before_sign, finditer_near

Match = re.Match[str]


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


def _spaceless(n: int) -> Callable[[Match], str | None]:
    """The pin of a rule: group `n` of its match without spaces (" (a)" -> "(a)")."""

    def pin(m: Match) -> str | None:
        return re.sub(r"\s", "", m.group(n) or "") or None

    return pin


def _no_year(m: Match) -> int | None:
    return None


def group_pin(n: int) -> Callable[[Match], str | None]:
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
    subkind: str | None = None  # models.SUBKINDS

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
    r"idence|uptcy)?\.?\s*(?:P(?:\.|ro(?:c(?:edure|\.)?|\.)?)?\s*)?(?:Rule\s+)?(\d+(?:\.\d+)?)"
    + _SUBDIVISIONS
)


def _fed_rule_key(m: Match, matches: Sequence[Match]) -> str:
    return f"{_RULE_SETS[m.group(1).lower()]} {m.group(2)}"


# "Rule 12(b)(6) of the Federal Rules of Civil Procedure", "Federal Rules of Evidence 403"
_FED_RULE_WORDS = re.compile(
    r"\bRule\s+(\d+(?:\.\d+)?)" + _SUBDIVISIONS + r"(?:\s+and\s+Rule\s+\d+(?:\.\d+)?"
    r"(?:\([a-zA-Z0-9]{1,4}\))*)?\s+of\s+the\s+Federal\s+Rules\s+of\s+(Civil|Criminal|Appellate)"
    r"\s+Procedure|\bFederal\s+Rules?\s+of\s+(Civil|Criminal|Appellate)\s+Procedure\s+(?:Rule\s+)?"
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


# "Federal Evidence Rule 704(b)", "Federal Civil Procedure Rule 37", "Federal Criminal Rule 11"
_FED_RULE_SET_FIRST = re.compile(
    r"\bFederal\s+(Civil|Criminal|Appellate|Evidence|Bankruptcy)\s+(?:Procedure\s+)?Rules?\s+"
    r"(\d+(?:\.\d+)?)" + _SUBDIVISIONS
)
_SETS_IN_WORDS = {"civil": "civ", "criminal": "crim", "appellate": "app", "evidence": "evid",
                  "bankruptcy": "bankr"}  # fmt: skip


def _fed_rule_set_first_key(m: Match, matches: Sequence[Match]) -> str:
    return f"{_RULE_SETS[_SETS_IN_WORDS[m.group(1).lower()]]} {m.group(2)}"


# a state's court rules: "Mass. R. Civ. P. 56(c)", "N.H. R. Evid. 404(b)", "Tex. R. Civ. P.
# 166a", "Pa.R.Crim.P. 600", Maine's "M.R.Civ.P. 26(e)"; "Rule 56(c), SCRCP"; a circuit's
# rules: "1st Cir. R. 32.1(a)", "10th Cir. R. 36.3"
_STATE_RULE = re.compile(
    r"\b((?:(?!Fed\.)[A-Z][a-z]*\.\s?){1,3})\s*R\.\s*(Civ|Crim|App|Evid|Juv|Prob|Fam|Dom\.\s?Rel)"
    r"\.?\s*(?:P(?:roc)?\.)?\s*(\d+(?:\.\d+)?[a-z]?)"
    + _SUBDIVISIONS
    + r"|\bRule\s+(\d+(?:\.\d+)?)"
    + _SUBDIVISIONS
    + r",\s*([A-Z]{2,4}R(?:C|Cr|A|E)P|[A-Z]{2,4}RE)\b"
    + r"|\b(1st|2d|2nd|3d|3rd|[4-9]th|10th|11th|D\.C\.|Fed\.)\s+Cir\.\s+(?:Local\s+)?R(?:ule|\.)\s*"
    r"(\d+(?:\.\d+)*)" + _SUBDIVISIONS
)
_SETS_OF_STATES = {"civ": "Civ. P.", "crim": "Crim. P.", "app": "App. P.", "evid": "Evid.",
                   "juv": "Juv. P.", "prob": "Prob. P.", "fam": "Fam. P."}  # fmt: skip
_CIRCUITS = {"2nd": "2d", "3rd": "3d"}


def _state_rule_key(m: Match, matches: Sequence[Match]) -> str | None:
    if m.group(1):
        state = joined_initials(re.sub(r"\s+", " ", m.group(1)).strip())
        state = {"M.": "Me."}.get(state, state)  # Maine's own "M.R.Civ.P."
        rules = _SETS_OF_STATES.get(m.group(2)[:4].lower().rstrip("."), m.group(2))
        return f"{state} R. {rules} {m.group(3)}"
    if m.group(5):
        return f"{m.group(7)} {m.group(5)}"  # "SCRCP 56"
    circuit = _CIRCUITS.get(m.group(8), m.group(8))
    return f"{circuit} Cir. R. {m.group(9)}"


def _state_rule_pin(m: Match) -> str | None:
    return m.group(4) or m.group(6) or m.group(10) or None


# "California Rule of Professional Conduct 4.2", "Model Rules of Professional Conduct
# R. 1.7", "Rule 4.2 of the California Rules of Professional Conduct"
_CONDUCT = re.compile(
    r"\b(?:(?:(ABA\s+)?(Model|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+)?Rules?\s+of\s+Prof(?:essional|'l|\.)"
    r"\s+Conduct,?\s+(?:R(?:ule|\.)\s*)?(\d+(?:\.\d+)*)|Rule\s+(\d+(?:\.\d+)*)\s+of\s+the\s+"
    r"(?:(ABA\s+)?(Model|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+)?Rules\s+of\s+Professional\s+Conduct)"
    + _SUBDIVISIONS
    + r"|\b([A-Z]{2})\s+ST\s+RPC\s+Rule\s+(\d+(?:\.\d+)*)"
    r"|\b((?:[A-Z][a-z]*\.\s?)+)\s*R\.\s+Prof(?:'l|\.)\s+Conduct\s+(\d+(?:\.\d+)*)"
)


def _conduct_key(m: Match, matches: Sequence[Match]) -> str:
    if m.group(8):  # Westlaw's "CA ST RPC Rule 4.2"
        whose = POSTAL.get(m.group(8), m.group(8))
        return f"{whose} R. Prof. Conduct {m.group(9)}"
    if m.group(10):  # "Cal. R. Prof. Conduct 4.2"
        return f"{joined_initials(m.group(10).strip())} R. Prof. Conduct {m.group(11)}"
    whose = m.group(2) or m.group(6) or "Model"
    return f"{STATE_ABBREVIATIONS.get(whose, whose)} R. Prof. Conduct {m.group(3) or m.group(4)}"


# "Local Civ. Rule 56.1(c)"
_LOCAL_RULE = re.compile(
    r"(?:\bLocal\s+(?:(Civ(?:il|\.)?|Crim(?:inal|\.)?|Adm(?:iralty|\.)?)\s+)?R(?:ule|\.)|(?<![\w.])L\.\s?R\.)\s*"
    r"(\d+(?:\.\d+)?(?=\()|\d+(?:[-–]\d+)(?:\.\d+)?|(?<=[Cc]iv\.\sRule\s)\d+(?:\.\d+)?|"
    r"(?<=[Cc]iv\.\sR\.\s)\d+(?:\.\d+)?)((?:\([a-zA-Z0-9]{1,4}\))*)"
)


def _qualified_local_rule(m: Match) -> str | None:
    """ "Local Civ. R. 56.1" of a match that names its rule set, else None."""
    if not m.group(1):
        return None
    return f"Local {_LOCAL_LABELS[m.group(1).lower()[:3]]} R. {_dash(m.group(2))}"


def _local_rule_key(m: Match, matches: Sequence[Match]) -> str:
    """ "Local Rule 56.1(c)" is the "Local Civ. Rule 56.1" the same opinion cites."""
    own = _qualified_local_rule(m)
    if own:
        return own
    for other in matches:
        if other.group(2) == m.group(2) and other.group(1):
            return str(_qualified_local_rule(other))
    return f"Local R. {_dash(m.group(2))}"


def _dash(number: str) -> str:
    return number.replace("–", "-")


# "U.S. Const. amend. XIV, § 1", "Conn. Const. art. I, § 8"
_CONSTITUTION = re.compile(
    r"\b((?:U\.\s?S\.|[A-Z][a-z]{1,6}\.(?:\s[A-Z][a-z]{0,4}\.)?))\s?Const\.?,?\s+"
    r"(?:(amend|amdt|art|pmbl)\w*\.?\s*([IVXLC]+|\d+))?(?:,?\s*§+\s*(\d+))?(?:,?\s*cl\.\s*(\d+))?",
    re.I,
)


def _constitution_key(m: Match, matches: Sequence[Match]) -> str | None:
    """ "U.S. Const. amend. XIV, § 1"; a constitution named with no part cites nothing."""
    whose = re.sub(r"\s", "", m.group(1)) if m.group(1).upper().startswith("U") else m.group(1)
    key = f"{whose} Const."
    if m.group(2):
        part = "amend." if m.group(2).lower().startswith("am") else "art."
        key += f" {part} {roman(m.group(3))}"
    if m.group(4):
        key += f", § {m.group(4)}"
    return None if key.endswith("Const.") else key


def roman(number: str) -> str:
    """An article or amendment number in Roman numerals, as Bluebook writes them."""
    if not number.isdigit():
        return number.upper()
    n, out = int(number), ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                           (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


# "Art. I, § 10, of the Constitution", "article III, section 2 of the United States
# Constitution", "Art. 11, § 1 (a), of the California Constitution"
_CONSTITUTION_WORDS = re.compile(
    r"\b[Aa]rt(?:icle|\.)\s*([IVXLC]+|\d+),?\s*(?:§|[Ss]ec(?:tion|\.))\s*(\d+)((?:\s?\([a-z0-9]\))*)"
    r"(?:,?\s*cl(?:ause|\.)\s*(\d+))?,?\s+of\s+the\s+(?:(United\s+States|federal|Federal)\s+|"
    r"([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+)?Constitution\b(?:\s+of\s+(?:the\s+)?(?:State\s+of\s+)?"
    r"(United\s+States|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?))?"
)


def _constitution_words_key(m: Match, matches: Sequence[Match]) -> str | None:
    state = m.group(6) or (m.group(7) if m.group(7) and "United" not in m.group(7) else None)
    if state and state not in STATE_ABBREVIATIONS:
        return None
    whose = STATE_ABBREVIATIONS[state] if state else "U.S."
    return f"{whose} Const. art. {roman(m.group(1))}, § {m.group(2)}"


STATE_ABBREVIATIONS = {
    "Alabama": "Ala.", "Alaska": "Alaska", "Arizona": "Ariz.", "Arkansas": "Ark.",
    "California": "Cal.", "Colorado": "Colo.", "Connecticut": "Conn.", "Delaware": "Del.",
    "Florida": "Fla.", "Georgia": "Ga.", "Hawaii": "Haw.", "Idaho": "Idaho", "Illinois": "Ill.",
    "Indiana": "Ind.", "Iowa": "Iowa", "Kansas": "Kan.", "Kentucky": "Ky.", "Louisiana": "La.",
    "Maine": "Me.", "Maryland": "Md.", "Massachusetts": "Mass.", "Michigan": "Mich.",
    "Minnesota": "Minn.", "Mississippi": "Miss.", "Missouri": "Mo.", "Montana": "Mont.",
    "Nebraska": "Neb.", "Nevada": "Nev.", "New Hampshire": "N.H.", "New Jersey": "N.J.",
    "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.", "North Dakota": "N.D.",
    "Ohio": "Ohio", "Oklahoma": "Okla.", "Oregon": "Or.", "Pennsylvania": "Pa.",
    "Rhode Island": "R.I.", "South Carolina": "S.C.", "South Dakota": "S.D.",
    "Tennessee": "Tenn.", "Texas": "Tex.", "Utah": "Utah", "Vermont": "Vt.", "Virginia": "Va.",
    "Washington": "Wash.", "West Virginia": "W. Va.", "Wisconsin": "Wis.", "Wyoming": "Wyo.",
    "Puerto Rico": "P.R.",
}  # fmt: skip
# the postal codes of the states, as Westlaw's citations write them ("CA ST RPC Rule 4.2")
POSTAL = {
    "AL": "Ala.", "AK": "Alaska", "AZ": "Ariz.", "AR": "Ark.", "CA": "Cal.", "CO": "Colo.",
    "CT": "Conn.", "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "HI": "Haw.", "ID": "Idaho",
    "IL": "Ill.", "IN": "Ind.", "IA": "Iowa", "KS": "Kan.", "KY": "Ky.", "LA": "La.",
    "ME": "Me.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.",
    "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.",
    "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OH": "Ohio", "OK": "Okla.",
    "OR": "Or.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "TX": "Tex.", "UT": "Utah", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W. Va.",
    "WI": "Wis.", "WY": "Wyo.", "PR": "P.R.", "DC": "D.C.",
}  # fmt: skip


def _clause(m: Match) -> str | None:
    return f"cl. {m.group(5)}" if m.group(5) else None


# "Conn. Gen. Stat. § 52-584", "Mass. Gen. Laws ch. 93A, § 9(1)"
# (a word of the code's name: "Conn.", "R.I.", "N.C.", "Gen.", never a signal before it)
_CODE_WORD = (
    r"(?!(?:See|Cf|But|Accord|Compare|Contra|Under|And|Also|In|Of|The|E\.g)\b)"
    r"[A-Z][A-Za-z]*\.?(?:[A-Z][a-z]*\.)*\s+"
)
_STATE_CODE = re.compile(
    rf"(?<![\w.])((?:{_CODE_WORD}){{1,4}}(?:Stat|Code|Laws|Law|Rev\.\s+Stat|Gen\.\s+Stat)s?\.?"
    r"(?:\s+Ann\.)?(?:\s+(?:ch|c)\.\s*\w+,)?)\s*(§§?)\s*(\d[\w:]*(?:[.-][\w:]+)*)"
    r"((?:\([a-zA-Z0-9]{1,4}\))*)"
)


def _state_code_key(m: Match, matches: Sequence[Match]) -> str | None:
    code = re.sub(r"\s+", " ", m.group(1)).strip()
    if code.startswith(("U.S.C", "U. S. C")):
        return None  # eyecite's
    if any(code.startswith(f"{state} ") for state in STATE_ABBREVIATIONS):
        return None  # "Rhode Island General Laws § 9-1-14": in words (secondary.py)
    if re.match(r"C\.\s?J\.|Am\.\s?Jur|R\.\s?C\.\s?L", code):
        return None  # "16 C.J.S. Constitutional Law § 123": an encyclopedia (secondary.py)
    subject = re.fullmatch(r"(.+?) Code", code)
    if subject and code_subject(subject.group(1)):
        return None  # "Govt. Code § 945": the state code by subject (secondary.py)
    return joined_initials(f"{code} § {re.sub(r'[.:]$', '', m.group(3))}")


# "2 James Wm. Moore et al., Moore's Federal Practice § 12.30[4] (3d ed. 2001)"
_TREATISE = re.compile(
    r"\b(\d+[A-Z]?)\s+((?:(?:[A-Z][\w.']*|&|and)\s+){0,7}[A-Z][\w.']*)(?:\s+et\s+al\.)?,\s*([A-Z][\w'’]*"
    r"(?:\s+(?:(?:and|of|on|&)\s+)?[A-Z][\w'’]*){0,5})\s+(§+|¶+)\s*(\d[\d.:]*)((?:\[[\w.-]+\])*)\s*"
    r"\((\d+[a-z]{1,2})\s+ed\.(?:\s+rev\.)?\s+(\d{4})\)"
)


def _treatise_key(m: Match, matches: Sequence[Match]) -> str:
    """ "5A Federal Practice and Procedure § 1357"; a one-word title keeps its author's
    name ("9 Wigmore, Evidence § 2511")."""
    sign = "¶" if m.group(4).startswith("¶") else "§"
    title = m.group(3) if " " in m.group(3) else f"{m.group(2).split()[-1]}, {m.group(3)}"
    return f"{m.group(1)} {title} {sign} {m.group(5)}"


def _edition_year(m: Match) -> int | None:
    return int(m.group(8))


# "G. L. c. 231, § 85A", "M.G.L. ch. 90, § 23", "G. L. (Ter. Ed.) c. 231, § 85A": the
# General Laws of Massachusetts as its courts cite them, one authority with "Mass. Gen.
# Laws ch. 231, § 85A"
_MASS_GENERAL_LAWS = re.compile(
    r"\b(?:Mass\.\s+)?(?:M\.\s?)?G\.\s?L\.(?:\s*\(Ter\.\s*Ed\.\))?\s*ch?\.\s*(\d+[A-Za-z]{0,2})(?:,?"
    r"\s*§§?\s*(\d+[A-Za-z]{0,2})" + _SUBDIVISIONS + r"|(?![\w,]*\s*§))"
)


def _mass_general_laws_key(m: Match, matches: Sequence[Match]) -> str:
    """ "Mass. Gen. Laws ch. 231, § 85A"; a chapter cited whole is "Mass. Gen. Laws ch. 31"."""
    if m.group(2) is None:
        return f"Mass. Gen. Laws ch. {m.group(1)}"
    return f"Mass. Gen. Laws ch. {m.group(1)}, § {m.group(2)}"


# a code section written without its sign: "38 U.S.C.A. 1101, 1112", "42 U.S.C. 1983" (in
# CourtListener's plain text, which loses "§")
_USC_UNSIGNED = re.compile(
    r"\b(\d{1,2})\s+U\.\s?S\.\s?C\.(?:\s?A\.?)?\s+(\d{1,5}[a-z]{0,3}(?:-\d+[a-z]?)?)(?![\w.,]*\s*(?:Stat|U\.))"
    + _SUBDIVISIONS
)


def _usc_unsigned_key(m: Match, matches: Sequence[Match]) -> str:
    return f"{m.group(1)} U.S.C. § {range_start(m.group(2))}"  # "5313-17": its first


# "U.S.S.G. § 2B1.1(b)(1)", "USSG §4B1.2(a)", "Guidelines § 3E1.1", "U.S. Sentencing
# Guidelines Manual § 5K1.1": one authority per guideline section, subsections as pins
_GUIDELINE = re.compile(
    r"\b(?:(?:U\.\s?S\.\s?S\.\s?G\.|USSG)\s*(?:§§?|[Ss]ecs?\.)?|(?:(?:U\.\s?S\.\s+)?Sentencing\s+"
    r"Guidelines(?:\s+Manual)?|Guidelines(?:\s+Manual)?)\s*(?:§§?|[Ss]ecs?\.))\s*"
    r"(\d[A-Z]\d\.\d{1,2})" + _SUBDIVISIONS
)


# federal code forms eyecite's patterns miss: a section with a letter and a hyphen ("42
# U.S.C. §§ 2000e-2, 2000e-3") or a capital letter ("38 U.S.C.A. § 5103A"), a C.F.R.
# part ("20 C.F.R. Part 404", "40 C.F.R. pt. 271") and a C.F.R. section without its
# sign ("38 C.F.R. 3.103(c)")
_USC_LETTERED = re.compile(
    r"\b(\d{1,2})\s+U\.\s?S\.\s?C\.(?:\s?A\.?)?\s*(§§?|Secs?\.)\s*(\d+(?:[a-z]{1,3}(?:-\d+[a-z]?)?|[A-Z]{1,2}|"
    r"(?=[\s(,;.]|$)))\b" + _SUBDIVISIONS
)
# the appendix of a title of the Code, which eyecite does not read: "50 U.S.C. App. §
# 922(a)", "18 U.S.C. App. Sec. 1202(a)(1)", "50 U.S.C.A. Appendix, § 901"
_USC_APPENDIX = re.compile(
    r"\b(\d{1,2})\s+U\.\s?S\.\s?C\.(?:\s?A\.)?\s*App(?:\.|endix),?\s*(§§?|Secs?\.)\s*(\d+[a-z]{0,3}(?:-\d+)?)"
    + _SUBDIVISIONS
)


def _usc_appendix_key(m: Match, matches: Sequence[Match]) -> str:
    return f"{m.group(1)} U.S.C. App. § {m.group(3)}"


# codes cited by title that eyecite does not know or cuts short: "15 M.R.S.A. Sec. 710(3)",
# "29 L.P.R.A. § 155h", "P.R. Laws Ann. tit. 29, § 155h", "RSA 541:6" (New Hampshire)
_TITLED_CODE = re.compile(
    r"\b(?:(\d+[A-Z]?(?:-[A-Z])?)\s+(M\.\s?R\.\s?S\.\s?A\.|L\.\s?P\.\s?R\.\s?A\.|V\.\s?S\.\s?A\.)|"
    r"(P\.\s?R\.\s+Laws\s+Ann\.)\s+tit\.\s*(\d+[A-Z]?),|(RSA|R\.S\.A\.))\s*(?:§§?|[Ss]ecs?\.)?\s*"
    r"(\d+[A-Za-z]{0,2}(?:[-:.][0-9A-Za-z]+)*)" + _SUBDIVISIONS
)
_TITLED_NAMES = {"MRSA": "Me. Rev. Stat. Ann.", "LPRA": "P.R. Laws Ann.", "VSA": "Vt. Stat. Ann.",
                 "PRLawsAnn": "P.R. Laws Ann.", "RSA": "N.H. Rev. Stat. Ann."}  # fmt: skip


def _titled_code_key(m: Match, matches: Sequence[Match]) -> str | None:
    code = re.sub(r"[\s.]", "", m.group(2) or m.group(3) or m.group(5))
    section = m.group(6)
    if code == "RSA" and ":" not in section:
        return None  # New Hampshire sections are "chapter:section"
    title = m.group(1) or m.group(4)
    return f"{title + ' ' if title else ''}{_TITLED_NAMES[code]} § {section}"


_CFR_UNSIGNED = re.compile(
    r"\b(\d{1,2})\s+C\.\s?F\.\s?R\.\s*(?:(?:[Pp]arts?|pts?\.)\s+(\d+)\b(?!\.\d)|(\d+\.\d+)\b)"
    + _SUBDIVISIONS
)


def _usc_lettered_key(m: Match, matches: Sequence[Match]) -> str:
    return f"{m.group(1)} U.S.C. § {m.group(3)}"


def _cfr_unsigned_key(m: Match, matches: Sequence[Match]) -> str:
    if m.group(2):
        return f"{m.group(1)} C.F.R. pt. {m.group(2)}"
    return f"{m.group(1)} C.F.R. § {m.group(3)}"


def _guideline_key(m: Match, matches: Sequence[Match]) -> str:
    return f"U.S.S.G. § {m.group(1)}"


# where each pattern may start: a word it opens with, a word near its start ("Const"
# stands at most 16 characters into a match: "Mass. Gen." (15) and a space), or the
# run of characters before its "§"
_FED = AtCandidate(re.compile("Fed"))
_RULE_OR_FEDERAL = AtCandidate(re.compile("Rule|Federal"))
_LOCAL = AtCandidate(re.compile(r"Local|(?<![\w.])L\.\s?R\."))
_NEAR_CONST = NearWord(re.compile("const", re.I), 16)
_CODE_TO_SIGN = BeforeSign("§", run=re.compile(r"[\w.,\s]*"), first=re.compile("[A-Z]"))
_GL = AtCandidate(re.compile(r"(?:Mass\.\s+)?(?:M\.\s?)?G\.\s?L\."))
_USC_NUMBER = AtCandidate(re.compile(r"\b\d{1,2}\s+U\.\s?S\.\s?C\."))
_CFR_NUMBER = AtCandidate(re.compile(r"\b\d{1,2}\s+C\.\s?F\.\s?R\."))
_GUIDE = AtCandidate(re.compile(r"U\.\s?S\.|USSG|Sentencing|Guidelines"))
_TREATISE_BEFORE_SIGN = NearWord(re.compile(r"[§¶]"), 160)

# one row per citation form, run in this order (an earlier row's citation wins a span)
LAW_RULES: tuple[LawRule, ...] = (
    # name, kind, pattern, start, key, pin (, year)
    LawRule("federal rule", "rule", _FED_RULE, _FED, _fed_rule_key, group_pin(3)),
    LawRule("federal rule in words", "rule", _FED_RULE_WORDS, _RULE_OR_FEDERAL,
            _fed_rule_words_key, _fed_rule_words_pin),
    LawRule("local rule", "rule", _LOCAL_RULE, _LOCAL, _local_rule_key, group_pin(3)),
    LawRule("federal rule, set first", "rule", _FED_RULE_SET_FIRST, AtCandidate(re.compile(
            "Federal")), _fed_rule_set_first_key, group_pin(3)),
    LawRule("state or circuit rule", "rule", _STATE_RULE, NearWord(re.compile(
            r"R\.|Rule|Cir\."), 24), _state_rule_key, _state_rule_pin),
    LawRule("rule of professional conduct", "rule", _CONDUCT, NearWord(re.compile(
            r"Conduct|Rules? of|ST RPC|R\. Prof"), 40), _conduct_key, group_pin(7)),
    LawRule("constitution", "constitution", _CONSTITUTION, _NEAR_CONST, _constitution_key,
            _clause),
    LawRule("constitution in words", "constitution", _CONSTITUTION_WORDS, AtCandidate(
            re.compile("[Aa]rt")), _constitution_words_key, _spaceless(3)),
    LawRule("state code", "statute", _STATE_CODE, _CODE_TO_SIGN, _state_code_key, group_pin(4)),
    LawRule("Massachusetts General Laws", "statute", _MASS_GENERAL_LAWS, _GL,
            _mass_general_laws_key, group_pin(3)),
    LawRule("sentencing guideline", "other", _GUIDELINE, _GUIDE, _guideline_key, group_pin(2),
            subkind="guideline"),
    LawRule("code cited by title", "statute", _TITLED_CODE, AtCandidate(re.compile(
            r"\b\d+[A-Z]?(?:-[A-Z])?\s+[MLV]\.|P\.\s?R\.|RSA|R\.S\.A\.")), _titled_code_key,
            group_pin(7)),
    LawRule("U.S.C. appendix", "statute", _USC_APPENDIX, _USC_NUMBER, _usc_appendix_key,
            group_pin(4)),
    LawRule("U.S.C. section without its sign", "statute", _USC_UNSIGNED, _USC_NUMBER,
            _usc_unsigned_key, group_pin(3)),
    LawRule("U.S.C. section with a letter", "statute", _USC_LETTERED, _USC_NUMBER,
            _usc_lettered_key, group_pin(4)),
    LawRule("C.F.R. part or unsigned section", "regulation", _CFR_UNSIGNED, _CFR_NUMBER,
            _cfr_unsigned_key, group_pin(4)),
    LawRule("treatise", "other", _TREATISE, _TREATISE_BEFORE_SIGN, _treatise_key, group_pin(6),
            _edition_year, "treatise"),
)  # fmt: skip


def find_laws(
    opinion_id: str, text: str, taken: Taken, rules: Sequence[LawRule] = LAW_RULES
) -> list[Citation]:
    """Citations of `rules` in `text`, row by row, left out where `taken` holds one.

    Each citation found adds its span to `taken`.
    """
    out: list[Citation] = []
    for rule in rules:
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
        subkind=rule.subkind,
    )


# ---------------------------------------------------------------- eyecite's law citations


def law_kind(reporter: str, key: str) -> str:
    if re.search(r"C\.\s?J\.\s?S|Am\.\s?Jur", reporter):
        return "other"  # legal encyclopedias (law_subkind)
    if re.search(r"C\.F\.R\.|Fed\. Reg\.|Treas", reporter) or "Fed. Reg." in key:
        return "regulation"
    if "Const" in key:
        return "constitution"
    if re.search(r"\bR\.", reporter):
        return "rule"
    return "statute"


def law_subkind(reporter: str) -> str | None:
    """The finer kind of one of eyecite's law citations (models.SUBKINDS), if any."""
    if re.search(r"C\.\s?J\.\s?S|Am\.\s?Jur", reporter):
        return "treatise"
    if re.fullmatch(r"Stat\.|Pub\.\s?L\.", reporter.strip()):
        return "session_law"
    return None


def law_key(c: Any) -> str:
    """One node per section: subsections ("1983(a)(1)") become pins."""
    groups = c.groups
    section = str(groups.get("section") or "")
    base = re.split(r"[(\s]", section, maxsplit=1)[0]
    try:
        reporter = str(c.corrected_reporter())
    except Exception:  # a reporter eyecite cannot correct
        reporter = str(groups.get("reporter") or "")
    federal = "U.S.C" in reporter or "C.F.R" in reporter
    if "§§" in c.matched_text() or ("U.S.C" in reporter and re.fullmatch(r"\d+-\d+", base)):
        base = range_start(base, federal)  # "§ 2201-02": a range (no U.S.C. section is so)
    subject = str(groups.get("subject") or "")
    if subject:
        # eyecite's corrected "Cal. Code", "N.Y. Law" drop which code: the reporter as
        # written, its subject as Bluebook abbreviates it ("Cal. Govt. Code" -> "Cal. Gov't
        # Code", "N.Y. Penal Law")
        written = re.sub(r"\s+", " ", str(groups.get("reporter") or "")).strip()
        if subject not in written:  # reporter "N.Y.", subject "Penal Law"
            written = written + " " + subject.strip()
        reporter = written.replace(subject, code_subject(subject) or subject, 1)
    if reporter.startswith("Treas"):
        return f"26 C.F.R. § {base}"  # "Treas. Reg. § 1.61-1": a Treasury regulation
    if reporter.startswith("Pub"):
        # "Pub. L. No. 99-570, § 1002"; in "Pub. L. No. 111-203, 124 Stat. 1376" eyecite
        # reads the Stat. volume as a section
        signed = "§" in c.matched_text()
        return f"Pub. L. No. {groups.get('title')}" + (f", § {base}" if signed else "")
    if not base:
        return re.sub(r" FR ", " Fed. Reg. ", str(c.corrected_citation()))
    chapter = groups.get("chapter")
    title = groups.get("title")
    if chapter and not title and not c.matched_text().lstrip().startswith(str(chapter)):
        return f"{reporter} ch. {chapter}, § {base}"  # "Mass. Gen. Laws ch. 93A, § 9"
    lead = title or chapter or ""
    return joined_initials(" ".join(p for p in (str(lead), reporter, f"§ {base}") if p))


def joined_initials(key: str) -> str:
    """ "N.Y. Penal Law § 35.10" of "N. Y. Penal Law § 35.10": one key however spaced."""
    return re.sub(r"\b([A-Z])\. (?=[A-Z]\.)", r"\1.", key)


# the codes of a state named by subject ("Cal. Gov't Code", "Government Code section
# 23003", "Pen. Code, § 187"), in Bluebook's abbreviations (T1, California and Texas)
_SUBJECTS = {
    "government": "Gov't", "govt": "Gov't", "gov't": "Gov't", "gov": "Gov't",
    "penal": "Penal", "pen": "Penal", "civil": "Civ.", "civ": "Civ.",
    "civil procedure": "Civ. Proc.", "civ proc": "Civ. Proc.", "vehicle": "Veh.", "veh": "Veh.",
    "evidence": "Evid.", "evid": "Evid.", "probate": "Prob.", "prob": "Prob.",
    "family": "Fam.", "fam": "Fam.", "labor": "Lab.", "lab": "Lab.", "insurance": "Ins.",
    "ins": "Ins.", "education": "Educ.", "educ": "Educ.", "corporations": "Corp.",
    "corp": "Corp.", "elections": "Elec.", "elec": "Elec.", "political": "Pol.", "pol": "Pol.",
    "welfare and institutions": "Welf. & Inst.", "welf & inst": "Welf. & Inst.",
    "health and safety": "Health & Safety", "health & safety": "Health & Safety",
    "business and professions": "Bus. & Prof.", "bus & prof": "Bus. & Prof.",
    "revenue and taxation": "Rev. & Tax.", "rev & tax": "Rev. & Tax.",
    "public resources": "Pub. Res.", "pub res": "Pub. Res.", "commercial": "Com.",
    "com": "Com.", "financial": "Fin.", "fin": "Fin.", "water": "Water",
    "public utilities": "Pub. Util.", "pub util": "Pub. Util.", "unemployment insurance":
    "Unemp. Ins.", "unemp ins": "Unemp. Ins.", "fish and game": "Fish & Game",
    "fish & game": "Fish & Game", "streets and highways": "Sts. & High.",
    "transportation": "Transp.", "transp": "Transp.", "occupations": "Occ.", "occ": "Occ.",
    "property": "Prop.", "prop": "Prop.", "tax": "Tax", "utilities": "Util.",
}  # fmt: skip


def code_subject(words: str) -> str | None:
    """Bluebook's abbreviation of a code's subject ("Government", "Govt." -> "Gov't")."""
    plain = re.sub(r"\s+", " ", words.replace(".", "").replace(" and ", " & ")).strip().lower()
    return _SUBJECTS.get(plain) or _SUBJECTS.get(plain.replace(" & ", " and "))


def section_range(section: str, federal: bool = True) -> tuple[str, str] | None:
    """The first and last sections of a range written "§§ 34-36", "§§ 1692-1692o" or
    "§§ 1341-42"; None for one section ("2000e-2", "5-3"). In a state's code (not
    `federal`) the two ends have as many digits: "§§ 52-584" is one section."""
    m = re.fullmatch(r"(\d+)[-–]((\d+)[a-zA-Z]*)", section)
    if m is None:
        return None
    first, last = m.group(1), m.group(2)
    if len(m.group(3)) != len(first) and not federal:
        return None  # "52-584": a state code's section (title 52, section 584)
    if int(m.group(3)) <= int(first) and len(m.group(3)) < len(first):
        last = first[: len(first) - len(m.group(3))] + last  # "1341-42": 1341 to 1342
    number = int(re.match(r"\d+", last).group(0))  # type: ignore[union-attr]
    if number > int(first) or (number == int(first) and last != first):  # "1692-1692o"
        return first, last
    return None


def range_start(section: str, federal: bool = True) -> str:
    """The first section of a range written "§§ 34-36" (a section "2000e-2" stays)."""
    ends = section_range(section, federal)
    return ends[0] if ends else section


def law_pin(c: Any) -> str | None:
    """The subsections of one of eyecite's law citations: "(a)(7)(B)" of "42 U.S.C. §
    408(a)(7)(B)", from its section or from the pin eyecite reads after it."""
    section = str(c.groups.get("section") or "")
    m = re.search(r"(\(.*)$", section)
    if m:
        return m.group(1)
    pin = getattr(c.metadata, "pin_cite", None)
    return str(pin) if pin and str(pin).startswith("(") else None
