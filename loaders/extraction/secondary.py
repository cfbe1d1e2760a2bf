"""Rows of the rule table for authorities other than codes and court rules.

Restatements, treatises and legal encyclopedias, dictionaries, legislative history,
session laws, the Internal Revenue Code and Treasury regulations, revenue rulings and
agency decisions: each form is one `LawRule` row of `SECONDARY_RULES` (run after
`laws.LAW_RULES`), with its finer kind (`subkind`, models.SUBKINDS). `join_parts`
then joins the parts of a citation that eyecite finds apart ("Act of May 31, 1870, ch.
114, § 16, 16 Stat. 144"; "section 402 of the Clean Water Act, 33 U.S.C. § 1342").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ...models import Citation
from .found import Found, Taken
from .laws import (
    STATE_ABBREVIATIONS,
    AtCandidate,
    LawRule,
    Match,
    NearWord,
    code_subject,
    group_pin,
)
from .names import name_before

_ED = r"(?:,?\s*\((?:[^()]{0,40}\s)?(\d{4})\))?"  # "(10th ed. 2014)", "(1965)"


def _year(n: int):  # type: ignore[no-untyped-def]
    def year(m: Match) -> int | None:
        return int(m.group(n)) if m.group(n) else None

    return year


def _none(m: Match) -> str | None:
    return None


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" ,")


# "Restatement (Second) of Torts § 402A cmt. b (1965)", "Restatement of Contracts § 90"
_RESTATEMENT = re.compile(
    r"\bRestatement\s+(?:\((First|Second|Third|Fourth)\)\s+)?(?:of\s+(?:the\s+)?(?:Law\s+of\s+)?)?"
    r"((?:[A-Z][\w.]*,?\s+(?:(?:and|&|of|the)\s+)?){0,4}?[A-Z][\w.]*),?\s*(§§?|¶)\s*(\d+[A-Za-z]?)"
    r"((?:\s*(?:cmt\.|comment|illus\.)\s*[a-z0-9]+)?)" + _ED
)


def _restatement_key(m: Match, matches: Sequence[Match]) -> str:
    series = f" ({m.group(1)})" if m.group(1) else ""
    return f"Restatement{series} of {_squeeze(m.group(2))} § {m.group(4)}"


# "Black's Law Dictionary 1234 (10th ed. 2014)", "Webster's Third New International
# Dictionary 1021 (1966)": one authority per dictionary
_DICTIONARY = re.compile(
    r"\b((?:Black's|Ballentine's|Bouvier's)\s+Law\s+Dictionary|Webster's\s+(?:(?:Third|Second|"
    r"Ninth|Tenth|Eleventh|Seventh|New|Collegiate|International|Unabridged|World)\s+){0,4}"
    r"Dictionary(?:\s+of\s+the\s+English\s+Language)?|Oxford\s+English\s+Dictionary|"
    r"(?:The\s+)?American\s+Heritage\s+Dictionary(?:\s+of\s+the\s+English\s+Language)?|"
    r"Random\s+House\s+(?:Webster's\s+)?(?:Unabridged\s+|College\s+)?Dictionary(?:\s+of\s+the\s+"
    r"English\s+Language)?|(?:Dorland's|Stedman's)\s+(?:Illustrated\s+)?Medical\s+Dictionary)"
    r"(?:,?\s*(?:at\s+)?(\d+))?" + _ED
)


def _dictionary_key(m: Match, matches: Sequence[Match]) -> str:
    return _squeeze(m.group(1)).replace("’", "'")


# "H.R. Rep. No. 95-595, at 5 (1977)", "S. Rep. No. 94-1011", "H.R. Conf. Rep. No. 104-518"
_REPORT = re.compile(
    r"\b(H\.\s?R\.|S\.)\s*(Conf\.\s*)?(Rep|Doc)\.\s*No\.\s*(\d+[-–]\d+|\d+)"
    # "98th Cong., 2d Sess."
    r"(?:,\s*(\d+)(?:st|nd|d|rd|th)\s+Cong\.(?:,?\s*\d+(?:st|nd|d|rd|th)\s+Sess\.)?)?"
    r"(?:,?\s*(?:pt\.\s*\d+,?\s*)?(?:at\s+)?(\d+(?:[-–]\d+)?)(?!\w))?"
    + _ED
    + r"(?:,?\s*(?:as\s+)?reprinted\s+in\s+\d{4}\s+U\.S\.C\.C\.A\.N\.\s+\d+"
    r"(?:,\s*\d+(?:[-–]\d+)?)?)?"
)


def _report_key(m: Match, matches: Sequence[Match]) -> str:
    """ "S. Rep. No. 98-225": the Congress's number joins a report's ("S. Rep. No. 225,
    98th Cong."), so that reports of two Congresses with one number stay apart."""
    house = "H.R." if m.group(1).startswith("H") else "S."
    conf = " Conf." if m.group(2) else ""
    number = m.group(4).replace("–", "-")
    if m.group(5) and "-" not in number:
        number = f"{m.group(5)}-{number}"
    return f"{house}{conf} {m.group(3)}. No. {number}"


# "122 Cong. Rec. 31,012 (1976)", "Cong. Globe, 42d Cong., 1st Sess., 704-705"
_RECORD = re.compile(
    r"\b(?:(\d+)\s+Cong\.\s*Rec\.\s*([SHE]?\d[\d,]*(?:-\d+)?)|Cong\.\s*Globe,\s*(\d+(?:st|nd|d|rd|th)\s+Cong\.,"
    r"\s*\d+(?:st|nd|d|rd|th)\s+Sess\.),?\s*(?:App\.\s*)?(\d+))((?:[-–]\d+)?)" + _ED
)


def _record_key(m: Match, matches: Sequence[Match]) -> str:
    """One authority per volume of the Record, per session of the Globe; the page a pin."""
    if m.group(1):
        return f"{m.group(1)} Cong. Rec."
    return f"Cong. Globe, {_squeeze(m.group(3))}"


def _record_pin(m: Match) -> str | None:
    return (m.group(2) or m.group(4)) + (m.group(5) or "")


# "I.R.C. § 162(a)", "Internal Revenue Code § 162", "26 U.S.C. § 162" are one section
_IRC = re.compile(
    r"\b(?:I\.\s?R\.\s?C\.|Internal\s+Revenue\s+Code(?:\s+of\s+19[58]4)?,?)\s*(?:§§?|sec\.|section)"
    r"\s*(\d+[A-Z]?)((?:\([a-zA-Z0-9]{1,4}\))*)"
)


def _irc_key(m: Match, matches: Sequence[Match]) -> str:
    return f"26 U.S.C. § {m.group(1)}"


# "Treas. Reg. § 1.162-17(b)", "sec. 1.162-17(b), Income Tax Regs.": 26 C.F.R.
_TREAS_REG = re.compile(
    r"\b(?:Treas\.\s*Reg\.\s*§\s*(\d+\.\d+[-–]\d+[A-Z]?)|[Ss]ecs?\.\s*(\d+\.\d+[-–]\d+[A-Z]?)"
    r"((?:\([a-zA-Z0-9]{1,4}\))*),\s*(?:Income\s+Tax|Proced\.\s*&\s*Admin\.|Estate\s+Tax|"
    r"Gift\s+Tax)\s+Regs\.)((?:\([a-zA-Z0-9]{1,4}\))*)"
)


def _treas_reg_key(m: Match, matches: Sequence[Match]) -> str:
    return f"26 C.F.R. § {(m.group(1) or m.group(2)).replace('–', '-')}"


def _treas_reg_pin(m: Match) -> str | None:
    return m.group(3) or m.group(4) or None


# "Rev. Rul. 80-10, 1980-1 C.B. 12", "Rev. Proc. 2003-62", "Notice 2004-8"
_RULING = re.compile(
    r"\b(Rev\.\s*Rul\.|Rev\.\s*Proc\.|I\.R\.S\.\s*Notice|T\.D\.)\s*(\d{2,4}[-–]\d+)"
    r"(?:,\s*(\d{4}[-–]\d+\s+C\.\s?B\.\s+\d+|\d{4}[-–]\d+\s+I\.R\.B\.\s+\d+))?"
)


def _ruling_key(m: Match, matches: Sequence[Match]) -> str:
    return f"{_squeeze(m.group(1))} {m.group(2).replace('–', '-')}"


# VA General Counsel precedent opinions and the VA Adjudication Procedures Manual:
# "VAOPGCPREC 12-99", "VA Gen. Coun. Prec. 3-2003", "M21-1, Part VI, para 7.46(f)",
# "M21-1MR, pt. III, subpt. iv, ch. 4, sec. H"
_VA = re.compile(
    r"\b(?:(VAOPGCPREC|VA\s+O\.?\s?G\.?\s?C\.?\s+Prec\.|VA\s+Gen\.\s*Coun(?:sel)?\.?\s*Prec\.)\s*"
    r"(\d+[-–]\d+)|(M21[-–]1(?:MR)?)(?:,?\s*((?:(?:Part|pt\.|Pt\.)\s*[IVX\d]+|(?:Subch|subpt|"
    r"Subpt)\.\s*[ivxIVX\d]+|(?:ch|Ch|chap)\.\s*\d+|(?:sec|Sec)\.\s*[A-Z\d]|[IVX]+\.[ivx]+\.\d+"
    r"\.[A-Z](?:\.\d+)?)(?:,?\s*(?:(?:Part|pt\.)\s*[IVX\d]+|(?:Subch|subpt)\.\s*[ivxIVX\d]+|"
    r"(?:ch|chap)\.\s*\d+|(?:sec|Sec)\.\s*[A-Z\d]|topic\s*\d+))*)(?:,?\s*(para\.?|¶|block)\s*"
    r"([\w.()]+))?)?)"
)


def _va_key(m: Match, matches: Sequence[Match]) -> str:
    if m.group(2):
        return f"VAOPGCPREC {m.group(2).replace('–', '-')}"
    where = _squeeze(m.group(4) or "")
    return f"M21-1, {where}" if where else "M21-1"


def _va_pin(m: Match) -> str | None:
    return f"{m.group(5)} {m.group(6)}" if m.group(6) else None


# treatises cited "Author on Subject": "2 Remington on Bankruptcy § 864 (3d ed.)",
# "Wigmore on Evidence § 2511", "Story on the Constitution, §§ 1884, 1889"
_ON = re.compile(
    r"\b(?:(\d{1,2}[A-Z]?)\s+)?((?:[A-Z]\.\s*)*[A-Z][a-z]+(?:\s+(?:&|and)\s+[A-Z][a-z]+)?)\s+on\s+"
    r"((?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+|of\s+)?[A-Z][a-z]+){0,3}),?\s*(?:\(\d\w*\s+ed\.\)\s*)?"
    r"(§§?|¶|[Ss]ecs?\.|pp?\.)\s*(\d+(?:\.\d+)*)(?:[-–]\d+)?" + _ED
)


def _on_key(m: Match, matches: Sequence[Match]) -> str:
    vol = f"{m.group(1)} " if m.group(1) else ""
    sign = "¶" if m.group(4) == "¶" else "§" if m.group(4)[0] in "§sS" else "at"
    return f"{vol}{_squeeze(m.group(2))} on {_squeeze(m.group(3))} {sign} {m.group(5)}"


# legal encyclopedias: "16 C.J.S. Constitutional Law § 123", "42 Am. Jur. 2d Injunctions §
# 4", "22 Corpus Juris, p. 1273, § 1693", "10 R. C. L. p. 1034", "12 C.J. 123"
_ENCYCLOPEDIA = re.compile(
    r"\b(\d{1,3}[A-Z]?)\s+(C\.\s?J\.\s?S\.|Am\.\s?Jur\.(?:\s?2d)?|C\.\s?J\.|R\.\s?C\.\s?L\.|Corpus\s+"
    r"Juris(?:\s+Secundum)?|Ruling\s+Case\s+Law)(?:,?\s*((?:[A-Z][a-z]+\.?,?\s+(?:(?:and|&|of)\s+)?)"
    r"{1,4}))?,?\s*(?:(?:p\.|page)\s*(\d+)|(?:§§?|sec\.)\s*(\d+)|(\d+))(?:,?\s*(?:§§?|sec\.)\s*(\d+))?"
)
_ENCYCLOPEDIAS = {
    "corpusjuris": "C.J.", "corpusjurissecundum": "C.J.S.", "rulingcaselaw": "R.C.L.",
    "am.jur.": "Am. Jur.", "am.jur.2d": "Am. Jur. 2d",
}  # fmt: skip


def _encyclopedia_key(m: Match, matches: Sequence[Match]) -> str:
    name = re.sub(r"\s", "", m.group(2))
    name = _ENCYCLOPEDIAS.get(name.lower(), name)
    title = f" {_squeeze(m.group(3))}" if m.group(3) else ""
    section = m.group(5) or m.group(7)
    where = f"§ {section}" if section else (m.group(4) or m.group(6))
    return f"{m.group(1)} {name}{title} {where}"


# the code of a state named by subject: "Government Code section 23003", "Pen. Code, §
# 187", "Code Civ. Proc., § 437c", "Welf. & Inst. Code, sec. 300"
_SUBJECT_CODE = re.compile(
    r"\b((?:[A-Z][a-z]+\.?|&|and)(?:\s+(?:[A-Z][a-z]+\.?|&|and)){0,3})\s+Code|"
    r"\bCode\s+(?:of\s+)?(Civ(?:il|\.)\s+Proc(?:edure|\.))"
)
_SUBJECT_CODE_CITE = re.compile(
    "(?:" + _SUBJECT_CODE.pattern + r"),?\s+(?:§§?|[Ss]ecs?\.|[Ss]ections?)\s*(\d+(?:\.\d+)?[a-z]?)"
    r"((?:\s?\([a-zA-Z0-9]{1,4}\))*)"
)


def _subject_code_key(m: Match, matches: Sequence[Match]) -> str | None:
    if m.group(2):
        return f"Civ. Proc. Code § {m.group(3)}"
    words = re.sub(r"^(?:California|Cal\.|Texas|Tex\.)\s+", "", _squeeze(m.group(1)))
    subject = code_subject(words)
    return f"{subject} Code § {m.group(3)}" if subject else None


# a state's code in words: "Connecticut General Statutes § 21a-265", "Rhode Island General
# Laws § 9-1-14", "Maine Revised Statutes Annotated"; keyed as Bluebook writes it
_STATE_CODE_WORDS = re.compile(
    r"\b(" + "|".join(sorted(STATE_ABBREVIATIONS, key=len, reverse=True)) + r")\s+(General\s+"
    r"Statutes|General\s+Laws|Revised\s+Statutes|Compiled\s+Statutes|Consolidated\s+Statutes|"
    r"Statutes|Code)(\s+Annotated)?,?\s*(?:§§?|[Ss]ecs?\.|[Ss]ections?)\s*(\d+[\w.:-]*?)"
    r"((?:\s?\([a-zA-Z0-9]{1,4}\))*)(?=[\s,;.)(]|$)"
)
_CODE_WORDS = {
    "generalstatutes": "Gen. Stat.", "generallaws": "Gen. Laws", "revisedstatutes": "Rev. Stat.",
    "compiledstatutes": "Comp. Stat.", "consolidatedstatutes": "Cons. Stat.", "statutes": "Stat.",
    "code": "Code",
}  # fmt: skip


def _state_code_words_key(m: Match, matches: Sequence[Match]) -> str:
    code = _CODE_WORDS[re.sub(r"\s", "", m.group(2)).lower()] + (" Ann." if m.group(3) else "")
    return f"{STATE_ABBREVIATIONS[m.group(1)]} {code} § {m.group(4)}"


# New York's practice laws: "CPLR 5501(a)", "N.Y. C.P.L.R. 5501", "CPL 440.10"
_NY_PRACTICE = re.compile(
    r"(?<![\w.])(?:N\.Y\.\s+)?(?:(CPLR|C\.P\.L\.R\.)|(CPL|C\.P\.L\.))\s*(?:§§?\s*|[Rr]ule\s+)?(\d+(?:\.\d+)?)"
    r"((?:\([a-zA-Z0-9]{1,4}\))*)"
)


def _ny_practice_key(m: Match, matches: Sequence[Match]) -> str | None:
    if m.group(1):
        return f"N.Y. C.P.L.R. {m.group(3)}"
    return f"N.Y. Crim. Proc. Law § {m.group(3)}" if "." in m.group(3) else None


# a section of a code named by subject after it: "§ 810 et seq. of the California
# Government Code", "section 1203 of the Penal Code"
_SECTION_OF_CODE = re.compile(
    r"(?<![\w.])(?:§§?|[Ss]ections?|[Ss]ecs?\.)\s*(\d+(?:\.\d+)?[a-z]?)((?:\([a-zA-Z0-9]{1,4}\))*)"
    r"(?:\s+et\s+seq\.)?,?\s+of\s+the\s+(?:(California|Texas)\s+)?((?:[A-Z][a-z]+\.?\s+(?:(?:and|&)\s+)?)"
    r"{1,3})Code\b"
)


def _section_of_code_key(m: Match, matches: Sequence[Match]) -> str | None:
    subject = code_subject(m.group(4))
    if subject is None:
        return None
    state = {"California": "Cal. ", "Texas": "Tex. "}.get(m.group(3) or "", "")
    return f"{state}{subject} Code § {m.group(1)}"


# a section of an Act by name: "section 402 of the Clean Water Act", "§ 7 of the Clayton
# Act", "Sec. 60b of the Bankruptcy Act", "§ 706(2)(A) of the APA" (an acronym the
# opinion defines: 'Administrative Procedure Act ("APA")')
_ACT_SECTION = re.compile(
    r"(?<![\w.])(?:[Ss]ections?|[Ss]ecs?\.|§§?)\s*(\d+[a-z]?)((?:\([a-zA-Z0-9]{1,4}\))*)\s+of\s+the\s+"
    r"(?:(\d{4}\s+)?([A-Z][\w'’-]*\s+(?:(?:(?:and|of|for|to|on|in|the)\s+)*[A-Z][\w'’-]*\s+){0,7}Act)"
    r"(\s+of\s+\d{4})?|([A-Z]{2,6})\b)"
)
_ACRONYM = re.compile(
    r"([A-Z][\w'’-]*\s+(?:(?:(?:and|of|for|to|on|in|the)\s+)*[A-Z][\w'’-]*\s+){0,7}Act)(?:\s+of\s+\d{4})?,?\s*\(\s*(?:the\s+)?[\"“]?([A-Z]{2,6})[\"”]?\s*\)"
)


@functools.lru_cache(maxsize=8)
def _acronyms(text: str) -> dict[str, str]:
    """The Acts an opinion names by acronym: 'Clean Water Act ("CWA")' -> CWA."""
    return {m.group(2): _act_name(m.group(1)) for m in _ACRONYM.finditer(text)}


def _act_name(words: str) -> str:
    """ "Clean Water Act" of "The Clean Water Act"."""
    return re.sub(r"^(?:The|A|An|Under|Of|See)\s+", "", _squeeze(words))


def _act_section_key(m: Match, matches: Sequence[Match]) -> str | None:
    name = _act_name(m.group(4)) if m.group(4) else _acronyms(m.string).get(m.group(6))
    if name is None or name.lower().startswith(("this ", "that ", "said ")):
        return None  # an undefined acronym; "section 3 of this Act"
    return f"{name} § {m.group(1)}"


# session laws by year and chapter: "2015 N.C. Sess. Laws ch. 241", "1925 Minn. Laws ch.
# 285", "Session Law 2013-360", "St. 1919, c. 134" (Massachusetts), "L. 1990, ch. 100" and
# "Laws of 1925, ch. 285" (New York), "Chapter 285 of the Session Laws of Minnesota for the
# year 1925"
_SESSION_LAW = re.compile(
    r"\b(?:(\d{4})\s+((?:[A-Z][a-z]*\.\s?)+)\s*(?:Sess\.\s+|Pub\.\s+|Spec\.\s+)?(?:Laws|Acts)"
    r"\s+(?:ch|c)\.\s*(\d+)|Session\s+Law\s+(\d{4}-\d+)|(St|L|Laws\s+of)\.?\s+(\d{4}),\s*(?:ch|c)\.?"
    r"\s*(\d+)|Chapter\s+(\d+)\s+of\s+the\s+(?:Session\s+)?Laws\s+of\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
    r",?\s+(?:for\s+the\s+year\s+)?(\d{4}))"
)


def _session_law_key(m: Match, matches: Sequence[Match]) -> str:
    if m.group(1):
        state = re.sub(r"\b(?:Sess|Pub|Spec)\.", "", m.group(2))
        return f"{m.group(1)} {_squeeze(state)} Laws ch. {m.group(3)}"
    if m.group(4):
        return f"Sess. Law {m.group(4)}"
    if m.group(5):
        where = "Mass. Acts" if m.group(5) == "St" else "N.Y. Laws"
        return f"{m.group(6)} {where} ch. {m.group(7)}"
    state = STATE_ABBREVIATIONS.get(m.group(9), m.group(9))
    return f"{m.group(10)} {state} Laws ch. {m.group(8)}"


_ANCHOR_SECTION = AtCandidate(re.compile(r"[Ss]ecs?\.|Treas"))

SECONDARY_RULES: tuple[LawRule, ...] = (
    # name, kind, pattern, start, key, pin, year, subkind
    LawRule("Restatement", "other", _RESTATEMENT, AtCandidate(re.compile("Restatement")),
            _restatement_key, group_pin(5), _year(6), "restatement"),
    LawRule("dictionary", "other", _DICTIONARY, NearWord(re.compile("Dictionary"), 40),
            _dictionary_key, group_pin(2), _year(3), "dictionary"),
    LawRule("congressional report", "other", _REPORT, AtCandidate(re.compile(r"H\.|S\.")),
            _report_key, group_pin(6), _year(7), "legislative"),
    LawRule("Congressional Record", "other", _RECORD, NearWord(re.compile("Cong"), 5),
            _record_key, _record_pin, _year(6), "legislative"),
    LawRule("Internal Revenue Code", "statute", _IRC, AtCandidate(re.compile(r"I\.|Internal")),
            _irc_key, group_pin(2)),
    LawRule("Treasury regulation", "regulation", _TREAS_REG, _ANCHOR_SECTION, _treas_reg_key,
            _treas_reg_pin),
    LawRule("revenue ruling", "other", _RULING, AtCandidate(re.compile(r"Rev|I\.R\.S|T\.D")),
            _ruling_key, group_pin(3), subkind="agency_decision"),
    LawRule("VA precedent or manual", "other", _VA, AtCandidate(re.compile(r"VA|M21")), _va_key,
            _va_pin, subkind="agency_decision"),
    LawRule("treatise on a subject", "other", _ON, NearWord(re.compile(r" on "), 40), _on_key,
            _none, _year(6), "treatise"),
    LawRule("legal encyclopedia", "other", _ENCYCLOPEDIA, NearWord(re.compile(
            r"C\.\s?J|Am\.\s?Jur|R\.\s?C\.\s?L|Corpus|Ruling"), 4), _encyclopedia_key, _none,
            subkind="treatise"),
    LawRule("session law by chapter", "statute", _SESSION_LAW, AtCandidate(re.compile(
            r"\b(?:\d{4}\s|Session|St\.|L\.|Laws|Chapter)")), _session_law_key, _none,
            subkind="session_law"),
    LawRule("New York practice law", "statute", _NY_PRACTICE, AtCandidate(re.compile(
            r"(?<![\w.])(?:N\.Y\.|CPL|C\.P\.L)")), _ny_practice_key, group_pin(4)),
    LawRule("state code in words", "statute", _STATE_CODE_WORDS, NearWord(re.compile(
            r"General|Revised|Compiled|Consolidated|Statutes|Code"), 16), _state_code_words_key,
            group_pin(5)),
    LawRule("section of a code by subject", "statute", _SECTION_OF_CODE, AtCandidate(re.compile(
            r"(?<![\w.])(?:§|[Ss]ec)")), _section_of_code_key, group_pin(2)),
    LawRule("section of a named Act", "statute", _ACT_SECTION, AtCandidate(re.compile(
            r"(?<![\w.])(?:[Ss]ec|§)")), _act_section_key, group_pin(2)),
    LawRule("state code by subject", "statute", _SUBJECT_CODE_CITE, NearWord(re.compile(
            r"Code"), 40), _subject_code_key, group_pin(4)),
)  # fmt: skip


# --------------------------------------------------------------- session laws in parts

# "Act of May 31, 1870, ch. 114, § 16, " / "Civil Rights Act of 1866, ch. 31, § 1, " just
# before eyecite's "16 Stat. 144"
_ACT_BEFORE = re.compile(
    r"(Act\s+of\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|(?:[A-Z][\w'’-]*\s+){1,6}Act"
    r"(?:\s+of\s+\d{4})?)(?:,\s*(?:ch|c)\.\s*(\d+))?,\s*(?:§|[Ss]ec\.)\s*(\d+[a-z]?),\s*\Z"
)
_LETTER_AFTER = re.compile(r"(?:-[A-Z]{1,2}\b|:\d+[a-z]?\b)+")  # "§ 1711-E", "§ 100-A:1"
_ACT_KEY = re.compile(r"\bAct § \w+$")
# "Rev. Rul. 80-10, 1980-" just before eyecite's "1 C.B. 12"
_RULING_BEFORE = re.compile(r"(Rev\.\s*Rul\.|Rev\.\s*Proc\.)\s*(\d{2,4}[-–]\d+),\s*\d{4}-\Z")
# the volume before an encyclopedia eyecite's neighbours leave: "16 " of "16 C.J.S."
_VOLUME_BEFORE = re.compile(r"(\d{1,3})\s+\Z")
_STAT_AFTER = re.compile(r"\s*Stat\.\s*(\d[\d,]*(?:-\d+)?)")


def join_parts(items: list[Found], text: str, taken: Taken) -> list[Found]:
    """`items` with the parts of one citation that eyecite finds apart joined: session
    laws, an Act's section and its U.S.C. parallel, a revenue ruling and its C.B. page, a
    section's letter eyecite cuts off ("§ 1711-E").

    "Act of May 31, 1870, ch. 114, § 16, 16 Stat. 144" is one citation of section 16
    of that Act (its key names the section, so two sections printed on one Stat. page
    stay two authorities); "Pub. L. No. 111-203, 124 Stat. 1376" one of the public law
    with its Stat. page as a parallel, eyecite having read "124" as a section; the Stat.
    page after "Pub. L. No. 110-389, § 212," belongs to that citation; "section 402 of
    the Clean Water Act, 33 U.S.C. § 1342" is one citation with two parallel keys.
    """
    out: list[Found] = []
    for f in items:
        rec = f.rec
        full_case = rec.form == "full" and rec.kind == "case" and rec.cites
        if full_case and re.fullmatch(r"\d+ C\.B\. \d+", rec.cites[0]):
            _revenue_ruling(f, text, taken)
        if rec.form != "full" or not rec.cites or rec.kind != "statute":
            out.append(f)
            continue
        key = rec.cites[0]
        prev = out[-1].rec if out else None
        letter = _LETTER_AFTER.match(text, rec.end)
        if letter and re.search(r"§ \d+$", key):  # eyecite's "tit. 22, § 1711" of "1711-E"
            rec.cites = [key + letter.group(0)] + rec.cites[1:]
            rec.name = rec.cites[0] if rec.name == key else rec.name
            rec.text, rec.end = text[rec.start : letter.end()], letter.end()
            key = rec.cites[0]
        if (
            prev is not None
            and _ACT_KEY.search(prev.cites[0] if prev.cites else "")
            and "U.S.C." in key
            and re.fullmatch(r"\s*(?:\([^()]{1,12}\))?,\s*", text[prev.end : rec.start])
        ):
            # "section 402 of the Clean Water Act, 33 U.S.C. § 1342": one citation, the
            # Act's section a parallel of the code's
            rec.text, rec.start = text[prev.start : rec.end], prev.start
            rec.cites = [key, prev.cites[0]]
            out[-1] = f
            continue
        if re.fullmatch(r"\d+ Stat\. \S+", key):
            if (
                prev is not None
                and prev.cites
                and prev.cites[0].startswith("Pub. L.")
                and (re.fullmatch(r",\s*", text[prev.end : rec.start]))
            ):
                prev.text, prev.end = text[prev.start : rec.end], rec.end
                continue  # the Stat. page of the public law's section just before
            m = _ACT_BEFORE.search(text, max(0, rec.start - 120), rec.start)
            if m:
                chapter = f", ch. {m.group(2)}" if m.group(2) else ""
                new = f"{_squeeze(m.group(1))}{chapter}, § {m.group(3)}"
                rec.text, rec.start = text[m.start() : rec.end], m.start()
                rec.cites, rec.name, rec.subkind = [new], new, "session_law"
                taken.append((rec.start, rec.end))
        elif key.startswith("Pub. L.") and "§" not in key:
            m = _STAT_AFTER.match(text, rec.end)
            volume = re.search(r"(\d+)$", rec.text)
            if m and volume:
                rec.text, rec.end = text[rec.start : m.end()], m.end()
                rec.cites = [key, f"{volume.group(1)} Stat. {m.group(1)}"]
                taken.append((rec.start, rec.end))
        out.append(f)
    return out


# public-domain citations eyecite does not know: North Carolina's since 2021
_DASHED_NEUTRAL = re.compile(
    r"(?<![\w-])((?:19|20)\d\d-(?:NCSC|NCCOA)-\d+)(?:,\s*(¶¶?\s*\d+(?:\s*[-–]\s*\d+)?))?"
)


def dashed_neutral_cites(
    opinion_id: str, items: list[Found], text: str, taken: Taken
) -> list[Found]:
    """`items` with the public-domain citations eyecite misses ("2021-NCSC-57, ¶ 10"):
    one citation with the parallel cites written right after it ("378 N.C. 1, 859
    S.E.2d 1"), else a case citation of its own, named by the words before it."""
    out = list(items)
    for m in _DASHED_NEUTRAL.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        after = next((f for f in out if f.rec.start >= m.end()), None)
        joined = (
            after is not None and after.rec.form == "full" and after.rec.kind == "case"
            and re.fullmatch(r",\s*", text[m.end() : after.rec.start]) is not None
        )  # fmt: skip
        if after is not None and joined:
            rec = after.rec
            rec.cites = [m.group(1), *rec.cites]
            rec.pins = [m.group(2), *(rec.pins or [None] * (len(rec.cites) - 1))]
            rec.text, rec.start = text[m.start() : rec.end], m.start()
            rec.pin = m.group(2) or rec.pin
            rec.name = name_before(text, m.start()) or rec.name
        else:
            rec = Citation(
                opinion_id, "full", "case", m.group(0), m.start(), m.end(), cites=[m.group(1)],
                name=name_before(text, m.start()), pin=m.group(2),
            )  # fmt: skip
            out.append(Found(rec=rec))
        taken.append((m.start(), m.end()))
    return sorted(out, key=lambda f: (f.rec.start, f.rec.end))


# reporters of agency adjudications, which eyecite reads as case reporters
AGENCY_REPORTERS = frozenset(
    {"E.A.D.", "I. & N. Dec.", "N.L.R.B.", "F.C.C. Rcd.", "F.C.C.2d", "F.E.R.C.", "S.E.C.",
     "Op. Att'y Gen.", "Op. O.L.C.", "M.S.P.R.", "Comp. Gen."}
)  # fmt: skip


def agency_decisions(items: list[Found]) -> None:
    """Decisions of agencies that eyecite reads as cases ("11 E.A.D. 692") are agency
    decisions (kind "other"); run after short forms are resolved, as for cases."""
    for f in items:
        if f.rec.form == "full" and f.rec.kind == "case" and f.rec.reporter in AGENCY_REPORTERS:
            f.rec.kind, f.rec.subkind = "other", "agency_decision"


def _revenue_ruling(f: Found, text: str, taken: Taken) -> None:
    """eyecite's "1 C.B. 12" case of "Rev. Rul. 80-10, 1980-1 C.B. 12": the ruling."""
    rec = f.rec
    m = _RULING_BEFORE.search(text, max(0, rec.start - 40), rec.start)
    if m is None:
        return
    key = f"{_squeeze(m.group(1))} {m.group(2).replace('–', '-')}"
    rec.text, rec.start = text[m.start() : rec.end], m.start()
    rec.cites, rec.name, rec.kind, rec.subkind = [key], key, "other", "agency_decision"
    rec.pin = rec.volume = rec.reporter = rec.court = rec.short_name = None
    taken.append((rec.start, rec.end))


def state_of_subject_codes(items: list[Found]) -> None:
    """Give a code named by its subject alone ("Gov't Code § 23003", from "Government
    Code section 23003") the state of the opinion's codes of that subject ("Cal. Gov't
    Code § 23000"), or of its other subject-named codes if they all have one state."""
    states: dict[str, set[str]] = {}
    for f in items:
        m = re.match(r"([A-Z][a-z]+\.) (.+? Code) § ", f.rec.cites[0] if f.rec.cites else "")
        if m and f.rec.kind == "statute":
            states.setdefault(m.group(2), set()).add(m.group(1))
            states.setdefault("", set()).add(m.group(1))
    for f in items:
        key = f.rec.cites[0] if f.rec.cites else ""
        m = re.match(r"(.+? Code) § ", key)
        if f.rec.kind != "statute" or not m or code_subject(m.group(1)[:-5]) is None:
            continue
        known = states.get(m.group(1)) or states.get("", set())
        if len(known) == 1:
            f.rec.cites = [f"{next(iter(known))} {key}"] + f.rec.cites[1:]
            if f.rec.name == key:
                f.rec.name = f.rec.cites[0]
