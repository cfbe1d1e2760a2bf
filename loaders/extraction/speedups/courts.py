"""Courts without scanning courts-db on every call.

- `court_by_paren` stands in for `eyecite.helpers.get_court_by_paren`, which normalises
  every court of courts-db with a regex substitution for each court parenthetical it
  reads ("(1st Cir. 1993)"), about 3,000 substitutions per citation. Here an index of
  the normalised court strings is built once; a lookup gives the same court (first
  exact match, else the last court whose string starts with the parenthetical, as
  eyecite's loop does).
- `court_ids_by_name` stands in for `courts_db.find_court_ids_by_name`, which runs
  every court regex of courts-db (about 8,400, compiled on first use: a second or more
  per process) over the string and then compares it with every court's name, 25-40 ms
  a call. Each regex holds a run of plain letters that any match must contain ("court
  of appeals"); the runs are indexed once (an Aho-Corasick automaton), so one pass over
  the string in lower case names the regexes that can match, and only those run,
  compiled when first needed; a regex with several runs runs only where all stand.
  The names are indexed too. Under half a millisecond a call on real headers
  (tests/test_header_courts.py); the courts found, and their order, are courts-db's.

  In lower case: under re.IGNORECASE an ASCII character of a pattern matches only its
  own two cases and, of all other characters, "\u0130", "\u0131" (i), "\u017f" (s)
  and "\u212a" (k) (tests/test_header_courts.py tries every code point); those four are
  read as their ASCII letter before a string that is not ASCII is put in lower case.

Both are installed by `patches` (neither library has a hook for them).
"""

from __future__ import annotations

import functools
import re
import sys
from typing import Any

__all__ = ["court_by_paren", "court_ids_by_name"]


@functools.lru_cache(maxsize=1)
def _court_index() -> tuple[dict[str, str], dict[str, Any]]:
    """(exact, prefix) maps from a normalised court string to its courts-db id."""
    import regex
    from eyecite.helpers import courts

    exact: dict[str, str] = {}
    prefix: dict[str, Any] = {}
    for court in courts:
        s = regex.sub(r"[^\w]", "", court["citation_string"]).lower()
        # eyecite returns the first exact match...
        exact.setdefault(s, str(court["id"]))
        # ...else the last court whose string starts with the parenthetical.
        for k in range(1, len(s) + 1):
            prefix[s[:k]] = court["id"]
    return exact, prefix


def court_by_paren(paren_string: str) -> str | None:
    """The courts-db id for a court parenthetical ("2d Cir."), as eyecite finds it.

    Args:
        paren_string: the court part of a citation's parenthetical.

    Returns:
        The court id, or None.
    """
    import regex

    court_str = regex.sub(r"[^\w]", "", paren_string).lower()
    if not court_str:
        return None
    exact, prefix = _court_index()
    found = exact.get(court_str)
    if found is not None:
        return found
    return prefix.get(court_str)


# The characters outside ASCII that re.IGNORECASE matches to an ASCII letter.
_ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
# A regex without these is its own literal text: the run is all of it.
_METACHARACTERS = frozenset(".^$*+?{}[]\\|()")


@functools.lru_cache(maxsize=1)
def _court_table() -> list[tuple[str, str, tuple[Any, ...], frozenset[str]]]:
    """(regex source, its longest required run in lower case or "", (court id, name, type,
    location, parent), every required run of ASCII in lower case) for each regex of
    courts-db, in courts-db's order. A required run: plain characters in a row that any
    match holds, such as "court of appeal" in "Court of Appeals? for ..."."""
    from courts_db import courts

    # The regex parser is private: `re._parser` from 3.11 on, where `sre_parse` is a
    # deprecated alias; 3.10 has only `sre_parse`.
    if sys.version_info >= (3, 11):
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]
    else:
        import sre_constants as sre
        import sre_parse as _parser

    def runs(seq: Any, out: list[str], cur: list[str]) -> None:
        for op, av in seq:
            if op is sre.LITERAL:
                cur.append(chr(av))
            elif op is sre.SUBPATTERN and not av[1] and not av[2]:
                runs(av[3], out, cur)
            else:
                out.append("".join(cur))
                cur.clear()

    table = []
    for court in courts:
        info = (
            court["id"],
            court["name"],
            court["type"],
            court.get("location"),
            court.get("parent"),
        )
        for source in [*court["regex"], court["name"]]:
            source = source.replace("\\\\", "\\")  # as courts_db.utils.gather_regexes
            out: list[str] = []
            if _METACHARACTERS.isdisjoint(source):
                out.append(source)  # 6,500 of the 8,400 (most names): no need to parse
            else:
                cur: list[str] = []
                runs(_parser.parse(source, re.I | re.U).data, out, cur)
                out.append("".join(cur))
            run = max(out, key=len)
            needs = frozenset(r.lower() for r in out if r and r.isascii())
            table.append((source, run.lower() if run.isascii() else "", info, needs))
    return table


@functools.lru_cache(maxsize=1)
def _court_finder() -> tuple[Any, dict[str, list[int]], list[int], dict[str, list[Any]], Any]:
    """The indexes `court_ids_by_name` reads, built once.

    Returns:
        An Aho-Corasick automaton of every required run; the indices (in _court_table)
        of the regexes by their longest run; those of the regexes with none; each
        court's id and parent by its name as courts-db's last resort compares it; and
        the location of courts-db's last regex, which that last resort compares.
    """
    import ahocorasick
    import courts_db
    from courts_db.text_utils import strip_punc

    table = _court_table()
    by_run: dict[str, list[int]] = {}
    always: list[int] = []
    automaton = ahocorasick.Automaton()
    for i, (_, run, _, needs) in enumerate(table):
        if run:
            by_run.setdefault(run, []).append(i)
        else:
            always.append(i)
        for need in needs:
            automaton.add_word(need, need)
    automaton.make_automaton()
    names: dict[str, list[Any]] = {}
    for court in courts_db.courts:
        key = strip_punc(court["name"].lower())
        names.setdefault(key, []).append((court["id"], court.get("parent")))
    return automaton, by_run, always, names, table[-1][2][3]


def _candidate_regexes(court_str: str) -> list[int]:
    """Indices (in courts-db's order) of the court regexes that may match `court_str`:
    those whose every required run stands in it, in lower case."""
    automaton, by_run, always, _, _ = _court_finder()
    table = _court_table()
    lowered = (court_str if court_str.isascii() else court_str.translate(_ASCII_TWINS)).lower()
    present = {need for _, need in automaton.iter(lowered)}
    found = [i for run in present for i in by_run.get(run, ())]
    return sorted(i for i in (*found, *always) if table[i][3] <= present)


_COURT_REGEXES: dict[int, re.Pattern[str]] = {}


def court_ids_by_name(
    court_str: str, bankruptcy: bool | None, location: str | None, allow_partial_matches: bool
) -> list[str]:
    """courts_db.find_court_ids_by_name, running only the regexes that can match."""
    import courts_db
    from courts_db.text_utils import strip_punc

    table = _court_table()
    names, last_location = _court_finder()[3:]
    matches = []
    for i in _candidate_regexes(court_str):
        source, _, (court_id, _name, court_type, court_location, parent_court), _ = table[i]
        if location and court_location != location:
            continue
        if bankruptcy is True:
            if court_type != "bankruptcy":
                continue
        elif bankruptcy is False and court_type == "bankruptcy":
            continue
        regex = _COURT_REGEXES.get(i)
        if regex is None:
            regex = _COURT_REGEXES[i] = re.compile(source, re.I | re.U)
        match = regex.search(court_str)
        if match:
            if not allow_partial_matches and len(court_str) != match.end() - match.start():
                continue
            matches.append((match.group(0), court_id, parent_court))
    # courts-db compares the location of its last regex here; kept as it is
    if not matches and not (location and last_location != location):
        for court_id, parent_court in names.get(strip_punc(court_str.lower()), ()):
            matches.append((court_str, court_id, parent_court))
    matches = list(set(matches))
    if len(matches) > 1:
        matches = courts_db.reduce_court_list(matches)
    matched_strings = [m[0] for m in matches]
    court_matches = set()
    for item in matched_strings:
        if [x for x in matched_strings if item in x and item != x]:
            continue
        for mat in matches:
            if item == mat[0]:
                court_matches.add(mat[1])
    return list(court_matches)
