"""Courts without scanning courts-db on every call.

- `court_by_paren` stands in for `eyecite.helpers.get_court_by_paren`, which normalises
  every court of courts-db with a regex substitution for each court parenthetical it
  reads ("(1st Cir. 1993)"), about 3,000 substitutions per citation. Here an index of
  the normalised court strings is built once; a lookup gives the same court (first
  exact match, else the last court whose string starts with the parenthetical, as
  eyecite's loop does).
- `court_ids_by_name` stands in for `courts_db.find_court_ids_by_name`, which runs
  every court regex of courts-db (about 8,400, compiled on first use: a second or more
  per process) over the string, 25 ms a call. Each regex holds a run of plain letters
  that any match must contain ("court of appeals"); a regex runs only when its run
  stands in the string (compared in lower case, exact for ASCII text; any other string
  runs every regex), compiled when first needed. The courts found, and their order,
  are courts-db's.

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


@functools.lru_cache(maxsize=1)
def _court_table() -> list[tuple[str, str, tuple[Any, ...]]]:
    """(regex source, its required lower-case run or "", (court id, name, type, location,
    parent)) for each regex of courts-db, in courts-db's order."""
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
            cur: list[str] = []
            runs(_parser.parse(source, re.I | re.U).data, out, cur)
            out.append("".join(cur))
            run = max(out, key=len)
            table.append((source, run.lower() if run.isascii() else "", info))
    return table


_COURT_REGEXES: dict[int, re.Pattern[str]] = {}


def court_ids_by_name(
    court_str: str, bankruptcy: bool | None, location: str | None, allow_partial_matches: bool
) -> list[str]:
    """courts_db.find_court_ids_by_name, running only the regexes that can match."""
    import courts_db
    from courts_db.text_utils import strip_punc

    lowered = court_str.lower() if court_str.isascii() else None
    matches = []
    for i, (source, run, info) in enumerate(_court_table()):
        court_id, _name, court_type, court_location, parent_court = info
        if lowered is not None and run not in lowered:
            continue
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
    if not matches:
        for court in courts_db.courts:
            # courts-db compares the location of the last regex here; kept as it is
            if location and court_location != location:
                continue
            if strip_punc(court_str.lower()) == strip_punc(court["name"].lower()):
                matches.append((court_str, court["id"], court.get("parent")))
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
