"""The court of a plain-text header, found cheaply and as courts-db finds it (issue 23).

Plain-text, HTML, PDF and CAP opinions name their court in a header, which
loaders/readers/header.py (`header_court`) and caphead.py read with courts-db's
`find_court`: 8,400 regexes and a comparison with every court's name, 25-40 ms a call,
several calls an opinion. The speed-up (loaders/extraction/speedups/courts.py) indexes
the regexes' required runs of letters and the names once; here it gives courts-db's
courts on real header strings (tests/fixtures/headers/court_strings.json: strings the
readers passed to find_court while reading real opinions), in a small part of the time.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

STRINGS = Path(__file__).resolve().parent / "fixtures" / "headers" / "court_strings.json"


def _strings() -> list[str]:
    strings: list[str] = json.loads(STRINGS.read_text(encoding="utf-8"))["strings"]
    # the characters re.IGNORECASE matches to an ASCII letter, in court names
    strings += ["\u212aansas Supreme Court", "SUPREME COURT OF \u0130LLINOIS"]
    strings += ["Supreme Court of M\u0131ssissippi", "United State\u017f District Court"]
    return strings


def test_court_of_real_header_strings_is_courts_dbs_in_a_tenth_of_its_time() -> None:
    import courts_db
    from citegraph.loaders.extraction import speedups

    strings = _strings()
    options = [{}, {"allow_partial_matches": True}]
    speedups.uninstall()
    started = time.perf_counter()
    plain = [[courts_db.find_court(s, **o) for o in options] for s in strings]
    plain_time = time.perf_counter() - started
    speedups.install()
    try:
        assert courts_db.find_court_ids_by_name is speedups.court_ids_by_name
        fast = [[courts_db.find_court(s, **o) for o in options] for s in strings]
        started = time.perf_counter()  # again, the index built and the regexes compiled
        again = [[courts_db.find_court(s, **o) for o in options] for s in strings]
        fast_time = time.perf_counter() - started
    finally:
        speedups.uninstall()
    assert fast == plain  # the same courts, in the same order
    assert again == plain
    found = dict(zip(strings, fast, strict=True))
    assert "nysd" in found["UNITED STATES DISTRICT COURT SOUTHERN DISTRICT OF NEW YORK"][0]
    assert sum(1 for f in fast if f[0]) >= 70
    assert sum(1 for s, f in found.items() if not s.isascii() and f[1]) >= 25
    assert fast_time < plain_time / 10, (fast_time, plain_time)


def test_ascii_letters_match_four_other_characters_ignoring_case() -> None:
    """The speed-up looks for a regex's runs of ASCII in the string in lower case, the
    characters outside ASCII that re.IGNORECASE matches to an ASCII character read as
    that letter: these four, of every code point, and no other."""
    from citegraph.loaders.extraction.speedups.courts import _ASCII_TWINS

    ascii_ = re.compile("[\x00-\x7f]", re.I)
    twins = {
        chr(cp): chr(cp).translate(_ASCII_TWINS)
        for cp in range(128, sys.maxunicode + 1)
        if ascii_.fullmatch(chr(cp))
    }
    assert twins == {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
    for twin, letter in twins.items():
        assert re.fullmatch(letter, twin, re.I)
