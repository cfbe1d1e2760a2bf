"""The fast paths of citegraph's own rules give what the plain regex scans give."""

from __future__ import annotations

from pathlib import Path

from citegraph.loaders import citations, pages

DATA = Path(__file__).resolve().parent.parent / "data"
SEEDS = sorted(DATA.glob("*.txt"))


def _mark(m: object) -> str:
    return "<" + m.group(0) + ">"  # type: ignore[attr-defined]


def test_seed_opinions_are_present() -> None:
    assert len(SEEDS) >= 2


def test_emphasis_blanked_at_candidates_as_by_a_full_scan() -> None:
    # "*Usavage* v. Port Authority", "at *3" (a Westlaw pin is kept), "_Id._"
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        for extra in ("*Usavage* v. Port Auth., 2019 WL 1 at *3; _Id._ at 4.", "a__b **c"):
            sample = text + extra
            assert pages.sub_at_candidates(
                pages._EMPHASIS_CANDIDATE, pages._EMPHASIS, _mark, sample
            ) == pages._EMPHASIS.sub(_mark, sample)


def test_note_callouts_found_at_candidates_as_by_a_full_scan() -> None:
    # "consolidated for discovery. n1 Pending": blanks before the call-out, not after a newline
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        sample = text + "for discovery. n1 Pending\n  n2 note; and  n33 more n4"
        fast = pages.sub_at_candidates(pages._NOTE_CALL_CANDIDATE, pages._NOTE_CALL, _mark, sample)
        assert fast == pages._NOTE_CALL.sub(_mark, sample)
        assert "for discovery.< n1> Pending" in fast
        assert "\n  n2 note" in fast


def test_abbreviation_before_a_break_matches_a_search_of_the_whole_prefix() -> None:
    # "Dep't of Soc. Servs." : the break after "Soc." is no sentence end
    seg = "Monell v. Dep't of Soc. Servs. of City of New York"
    assert citations._ends_with_abbreviation(seg, seg.index("Soc.") + 4)
    assert not citations._ends_with_abbreviation("the Amendment. Gerstein", 14)
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        for end in range(1, len(text)):
            if text[end - 1] == ".":
                seg = text[max(0, end - 300) : end + 5]
                cut = min(end, 300)
                expected = citations._ABBREVIATIONS.search(seg[:cut]) is not None
                assert citations._ends_with_abbreviation(seg, cut) == expected


def test_rule_citations_found_at_candidates_as_by_a_full_scan() -> None:
    # "Fed. R. Civ. P. 56(a)", "Rule 12(b)(6) of the Federal Rules of Civil Procedure",
    # "Local Civ. Rule 56.1(c)"; "ReFederal" and "Fedora" start none
    extra = (
        " Fed. R. Civ. P. 56(a); Rule 12(b)(6) of the Federal Rules of Civil Procedure;"
        " Local Civ. Rule 56.1(c); ReFederal Rules of Evidence 403; Fedora R. 9."
    )
    patterns = [
        (citations._FED_RULE_CANDIDATE, citations._FED_RULE),
        (citations._FED_RULE_WORDS_CANDIDATE, citations._FED_RULE_WORDS),
        (citations._LOCAL_RULE_CANDIDATE, citations._LOCAL_RULE),
    ]
    found = 0
    for path in SEEDS:
        text = path.read_text(encoding="utf-8") + extra
        for candidate, pattern in patterns:
            full = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            fast = [
                (m.span(), m.groups())
                for m in pages.finditer_at_candidates(candidate, pattern, text)
            ]
            assert fast == full
            found += len(full)
    assert found >= 6


def test_id_citations_found_at_candidates_as_by_a_full_scan() -> None:
    # "Id. at 5", "id.", "Ibid."; "Said." and "ibid" without a period are none
    extra = " Id. at 5. See id. Ibid. He said. ibid, Id.; (Id. at *3)."
    for path in SEEDS:
        text = path.read_text(encoding="utf-8") + extra
        full = [(m.span(), m.groups()) for m in citations._ID.finditer(text)]
        fast = [
            (m.span(), m.groups())
            for m in pages.finditer_at_candidates(citations._ID_CANDIDATE, citations._ID, text)
        ]
        assert fast == full
        assert len(full) >= 5
