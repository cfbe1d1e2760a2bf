"""The fast paths of citegraph's own rules give what the plain regex scans give."""

from __future__ import annotations

from pathlib import Path

import pytest
from citegraph.loaders.extraction import citations, found, laws, names, notes, scan
from citegraph.loaders.extraction.secondary import SECONDARY_RULES
from citegraph.vocabulary import ABBREVIATION_IN_NAME

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
            assert scan.sub_at_candidates(
                notes._EMPHASIS_CANDIDATE, notes._EMPHASIS, _mark, sample
            ) == notes._EMPHASIS.sub(_mark, sample)


def test_note_callouts_found_at_candidates_as_by_a_full_scan() -> None:
    # "consolidated for discovery. n1 Pending": blanks before the call-out, not after a newline
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        sample = text + "for discovery. n1 Pending\n  n2 note; and  n33 more n4"
        fast = scan.sub_at_candidates(notes._NOTE_CALL_CANDIDATE, notes._NOTE_CALL, _mark, sample)
        assert fast == notes._NOTE_CALL.sub(_mark, sample)
        assert "for discovery.< n1> Pending" in fast
        assert "\n  n2 note" in fast


def test_abbreviation_before_a_break_matches_a_search_of_the_whole_prefix() -> None:
    # "Dep't of Soc. Servs." : the break after "Soc." is no sentence end
    seg = "Monell v. Dep't of Soc. Servs. of City of New York"
    assert names.ends_with_abbreviation(seg, seg.index("Soc.") + 4)
    assert not names.ends_with_abbreviation("the Amendment. Gerstein", 14)
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        for end in range(1, len(text)):
            if text[end - 1] == ".":
                seg = text[max(0, end - 300) : end + 5]
                cut = min(end, 300)
                expected = ABBREVIATION_IN_NAME.search(seg[:cut]) is not None
                assert names.ends_with_abbreviation(seg, cut) == expected


# one sample of every row of the non-case rules table, appended to each seed opinion
LAW_SAMPLES = (
    # "Fed. R. Civ. P. 56(a)", "Rule 12(b)(6) of the Federal Rules of Civil Procedure",
    # "Local Civ. Rule 56.1(c)"; "ReFederal" and "Fedora" start none
    " Fed. R. Civ. P. 56(a); Rule 12(b)(6) of the Federal Rules of Civil Procedure;"
    " Local Civ. Rule 56.1(c); ReFederal Rules of Evidence 403; Fedora R. 9.",
    # "Const" within 16 characters of the start
    "U.S. Const. amend. XIV, § 1; Conn. Const. art. I, § 8; U. S. Const., art. III;"
    " Mass. Gen. Const. pmbl. 2; CONST. art. 1; Conſt.",
    # a code or treatise cite runs up to its "§"
    "Conn. Gen. Stat. § 52-584; N.Y. Ins. Law §§ 3212(a), (b); Mass. Gen. Laws ch. 93A, § 9;"
    " Cal. Civ. Proc. Code Ann. § 335.1 and Fla. Stat. § 95.11(3)(a).",
    "5 Charles Alan Wright et al., Federal Practice and Procedure § 1357 (3d ed. 2004);"
    " 2 James Wm. Moore et al., Moore's Federal Practice § 12.34[1][b] (3d ed. 1997).",
    # the Massachusetts General Laws; "AG.L." and "G.L. 231" are none
    "G. L. (Ter. Ed.) c. 231, § 85A; Mass. G.L. c. 93A, § 9(3); M.G.L. ch. 90, § 23;"
    " Mass. M.G.L. c. 4, § 7; AG.L. c. 1, § 1; G.L. 231, § 2.",
    # the Sentencing Guidelines; "Guidelines § 12" is no guideline section
    "U.S.S.G. § 2B1.1(b)(1); USSG §4B1.2(a); Guidelines § 3E1.1; U.S. Sentencing Guidelines"
    " Manual § 5K1.1; Guidelines § 12; U. S. S. G. §§ 2D1.1(c); U.S.S.G. Sec. 3B1.1.",
    # federal code forms eyecite misses; "42 U.S.C. § 1983" and "5 C.F.R. 2" are none here
    "42 U.S.C. §§ 2000e-2(a), 2000e-3; 20 C.F.R. Part 404; 40 C.F.R. pt. 271;"
    " 38 C.F.R. 3.103(c); 42 U.S.C. § 1983; 5 C.F.R. 2; 38 U.S.C.A. § 5103A.",
    # secondary.SECONDARY_RULES: Restatements, dictionaries, legislative history, tax,
    # agency decisions, treatises "on" a subject, encyclopedias, codes named by subject
    "Restatement (Second) of Torts § 402A cmt. b (1965); Restatement of Contracts § 90;"
    " Black's Law Dictionary 1234 (10th ed. 2014); Webster's Third New International"
    " Dictionary 1021 (1966); H.R. Rep. No. 95-595, at 5 (1977); S. Rep. No. 94-1011;"
    " 122 Cong. Rec. 31,012 (1976); Cong. Globe, 42d Cong., 1st Sess., 704-705;"
    " I.R.C. § 162(a); sec. 1.162-17(b), Income Tax Regs.; Treas. Reg. § 1.61-1;"
    " Rev. Rul. 80-10, 1980-1 C.B. 12; VAOPGCPREC 12-99; M21-1, Part VI, para 7.46(f);"
    " 2 Remington on Bankruptcy § 864;"
    " Wigmore on Evidence § 2511; 16 C.J.S. Constitutional Law § 123; 10 R. C. L. p. 1034;"
    " 22 Corpus Juris, p. 1273, § 1693; Government Code section 23003; Pen. Code, § 187;"
    " Code Civ. Proc., § 437c.",
    # rule sets named first, local rules with dashes, rules of professional conduct,
    # sections of named Acts (an acronym the text defines)
    "Federal Evidence Rule 704(b); Federal Civil Procedure Rule 37; Local Rule 7–3;"
    " L.R. 7-3.1; California Rule of Professional Conduct 4.2; Rule 1.7 of the Model Rules"
    " of Professional Conduct; section 402 of the Clean Water Act; the Administrative"
    ' Procedure Act ("APA"); § 706(2)(A) of the APA; Sec. 60b of the Bankruptcy Act.',
    # constitutions in words; "of the Constitution" with no article is none
    "Art. I, § 10, of the Constitution; Art. 11, § 1 (a), of the California Constitution;"
    " art. 3, § 5 of the Constitution of Missouri; the start of the Constitution.",
    # sections of a code named after them; "section 3 of the Uniform Code" is none
    "§ 810 et seq. of the California Government Code; section 1203 of the Penal Code;"
    " section 3 of the Uniform Code; CA ST RPC Rule 4.2.",
    # New York practice laws; "CPL 12" (no section point) is none
    "CPLR 5501(a); N.Y. C.P.L.R. 3211(a)(7); CPL 440.10; CPL 12.",
    # state codes in words; "Connecticut General Statutes" alone is none
    "Connecticut General Statutes § 21a-265; Rhode Island General Laws § 9-1-14; Maine"
    " Revised Statutes Annotated, § 1711; Connecticut General Statutes.",
    # U.S.C. without its sign; "17 U.S.C. 101 Stat. 5" is a Stat. cite
    "38 U.S.C.A. 1101, 1112; 42 U.S.C. 1983; 17 U.S.C. 101 Stat. 5.",
    # state and circuit rules; "Fed. R. Civ. P. 1" is the federal row's, "R. Civ. 3" none
    "Mass. R. Civ. P. 56(c); M.R.Civ.P. 26(e)(1)(B); N.H. R. Evid. 404(b); Pa.R.Crim.P. 600;"
    " Rule 56(c), SCRCP; 1st Cir. R. 32.1(a); 10th Cir. R. 36.3; Fed. R. Civ. P. 1; R. Civ. 3.",
    # the Code's appendix
    "50 U.S.C. App. § 922(a); 18 U.S.C. App. Sec. 1202(a)(1); 50 U.S.C.A. Appendix, § 901.",
    # codes cited by title; "RSA 541" (no colon) and "5 M. Smith" are none
    "15 M.R.S.A. Sec. 710(3)(A); 24-A M.R.S.A. § 2436-A(1)(E); 29 L.P.R.A. § 155h; P.R."
    " Laws Ann. tit. 29, § 155h; RSA 541:6; RSA 541; 5 M. Smith.",
    # session laws by chapter; "1990 Laws" alone is none
    "2015 N.C. Sess. Laws ch. 241; 1925 Minn. Laws ch. 285; Session Law 2013-360;"
    " St. 1919, c. 134; L. 1990, ch. 100; Chapter 285 of the Session Laws of Minnesota for"
    " the year 1925; 1990 Laws.",
)


@pytest.mark.parametrize("rule", laws.LAW_RULES + SECONDARY_RULES, ids=lambda r: r.name)
def test_every_law_rule_finds_at_its_starts_what_a_full_scan_finds(rule: laws.LawRule) -> None:
    found = 0
    for path in SEEDS:
        sample = path.read_text(encoding="utf-8") + "\n" + "\n".join(LAW_SAMPLES)
        expected = _spans(rule.pattern.finditer(sample))
        assert _spans(rule.finditer(sample)) == expected
        found += len(expected)
    assert found >= len(SEEDS), found  # its sample, in every seed
    assert list(rule.finditer("")) == []


def test_id_citations_found_at_candidates_as_by_a_full_scan() -> None:
    # "Id. at 5", "id.", "Ibid."; "Said." and "ibid" without a period are none
    extra = " Id. at 5. See id. Ibid. He said. ibid, Id.; (Id. at *3)."
    for path in SEEDS:
        text = path.read_text(encoding="utf-8") + extra
        full = [(m.span(), m.groups()) for m in citations._ID.finditer(text)]
        fast = [
            (m.span(), m.groups())
            for m in scan.finditer_at_candidates(citations._ID_CANDIDATE, citations._ID, text)
        ]
        assert fast == full
        assert len(full) >= 5


def _spans(matches: object) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def test_a_code_cite_with_no_section_sign_has_no_start() -> None:
    (state_code,) = [r for r in laws.LAW_RULES if r.name == "state code"]
    assert not list(state_code.finditer("Conn. Gen. Stat. 52"))


def test_taken_spans_answer_overlaps_as_a_scan_of_every_span_does() -> None:
    import random

    rng = random.Random(3)
    for _ in range(200):
        spans = [(a, a + rng.randint(0, 40)) for a in rng.sample(range(500), 30)]
        taken = found.Taken(spans[:15])
        for span in spans[15:]:
            taken.append(span)
        for _ in range(50):
            start = rng.randint(0, 540)
            end = start + rng.randint(0, 30)
            assert taken.overlaps(start, end) == any(s < end and start < e for s, e in spans)


def test_citations_inside_parentheticals_find_their_holder_as_by_a_scan_of_all() -> None:
    # the innermost parenthetical holding a citation; on a tie, the first in order
    import random

    from citegraph.loaders.extraction import propositions as P

    def scan(cites: dict, starts: list[int]) -> dict:
        out = {}
        for i in cites:
            best = None
            for j, cj in cites.items():
                if j == i:
                    continue
                for a, b in cj.parens:
                    if a <= starts[i] < b and (best is None or a > best[1]):
                        best = (j, a)
            if best is not None:
                out[i] = best
        return out

    rng = random.Random(5)
    for _ in range(300):
        n = rng.randint(1, 12)
        starts = [rng.randint(0, 200) for _ in range(n)]
        cites = {}
        for i in rng.sample(range(n), n):
            parens = [(a, a + rng.randint(1, 60)) for a in sorted(rng.sample(range(200), 2))]
            cites[i] = P._Cite(i, starts[i], starts[i], starts[i] + 5, None, parens)
        assert P._holders(cites, starts) == scan(cites, starts)


def test_clean_collapses_spaces_and_stray_punctuation() -> None:
    from citegraph.loaders.extraction.propositions import _clean

    assert _clean("  the  court\n held ( that ) x , y ;  z") == "the court held (that) x, y; z"
    assert _clean("a claim -12- accrues ,; .") == "a claim accrues."
    assert _clean("n12 Plaintiffs argue ()\u2003:") == "Plaintiffs argue"
    assert _clean("see [ id. ] ,  and") == "see [id.], and"
