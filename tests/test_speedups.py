"""The speed-ups around eyecite change nothing that eyecite finds.

Gate for loaders/extraction/speedups/: eyecite's own citations (before citegraph's corrections)
and their resolution come out identical with and without the speed-ups on real
opinions: the two seed opinions of data/ and 26 First Circuit opinions (1993-94,
2010-13) copied from CourtListener's `plain_text` into tests/fixtures/opinions_ca1/.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "opinions_ca1"
DATA = Path(__file__).resolve().parent.parent / "data"


def _texts() -> list[tuple[str, str]]:
    files = sorted(FIXTURES.glob("*.txt")) + sorted(DATA.glob("*.txt"))
    return [(f.name, f.read_text(encoding="utf-8")) for f in files]


def _eyecite_view(text: str, tokenizer) -> tuple[list[tuple], list[list[int]]]:
    """Every citation eyecite finds (type, spans, groups, metadata) and its resolution."""
    import eyecite

    cites = eyecite.get_citations(text, tokenizer=tokenizer)
    rows = [
        (
            type(c).__name__,
            c.span(),
            c.full_span(),
            dict(c.groups),
            dataclasses.asdict(c.metadata),
            getattr(c, "year", None),
            repr(getattr(c, "edition_guess", None)),
        )
        for c in cites
    ]
    index = {id(c): i for i, c in enumerate(cites)}
    groups = sorted(
        sorted(index[id(m)] for m in members)
        for members in eyecite.resolve_citations(cites).values()
    )
    return rows, groups


def _list_order_tokenizer():
    """eyecite as it is, but its regexes run in the order of its list of them (citations'
    tokenizer without the speed-ups) rather than a set's order, which changes from
    process to process."""
    from citegraph.loaders.tokenizer import list_order_tokenizer_class

    return list_order_tokenizer_class()()


@pytest.fixture(scope="module")
def plain_eyecite() -> dict[str, tuple]:
    from citegraph.loaders.extraction import speedups

    logging.getLogger("eyecite").setLevel(logging.ERROR)
    speedups.uninstall()
    tokenizer = _list_order_tokenizer()
    return {name: _eyecite_view(text, tokenizer) for name, text in _texts()}


def test_fixture_corpus_is_real_and_dense_with_citations(plain_eyecite) -> None:
    assert len(plain_eyecite) == 28
    kinds = [row[0] for rows, _ in plain_eyecite.values() for row in rows]
    assert len(kinds) > 800
    assert kinds.count("FullCaseCitation") > 400
    assert kinds.count("IdCitation") > 50
    assert kinds.count("ShortCaseCitation") > 20
    assert kinds.count("ReferenceCitation") >= 3


def test_eyecite_citations_identical_with_court_index_and_one_pass_references(
    plain_eyecite,
) -> None:
    from citegraph.loaders.extraction import citations, speedups

    speedups.install()
    try:
        assert speedups.installed()
        assert citations.tokenizer() is speedups.active_tokenizer()
        for name, text in _texts():
            assert _eyecite_view(text, citations.tokenizer()) == plain_eyecite[name], name
    finally:
        speedups.uninstall()
    assert not speedups.installed()


def test_court_parenthetical_resolves_like_eyecite_across_courts_db() -> None:
    from citegraph.loaders.extraction import speedups
    from courts_db import courts
    from eyecite.helpers import get_court_by_paren

    assert get_court_by_paren is not speedups.court_by_paren
    # eyecite's own lookup scans every court per call: a spread of courts-db keeps it quick
    strings = sorted({c["citation_string"] for c in courts})
    samples = set(strings[::20]) | {
        "1st Cir.",
        "2d Cir.",
        "D. Conn.",
        "S.D.N.Y.",
        "D.Mass.",
        "Mass. App. Ct.",
        "Pa.Super.",
        "SC",
        "N.D. Ill",  # a prefix of several courts: eyecite takes the last
        "Cir.",
        "",
        "...",
        "Wholly Unknown Tribunal",
    }
    for s in sorted(samples):
        assert speedups.court_by_paren(s) == get_court_by_paren(s), s
    assert speedups.court_by_paren("1st Cir.") == "ca1"
    assert speedups.court_by_paren("D. Conn.") == "ctd"


def test_reference_by_either_party_name_and_pin_cite_matches_eyecite() -> None:
    """ "Kingsley at 397" and "Hendrickson at 398" after the full cite are references,
    also right after a period ("cf.Kingsley"); a name without a pin cite is none."""
    import eyecite
    from citegraph.loaders.extraction import citations, speedups

    text = (
        "See Kingsley v. Hendrickson, 576 U.S. 389, 396 (2015). In Kingsley, the Court "
        "held so. Kingsley at 397. Hendrickson at 398; cf.Kingsley at 399."
    )

    def found() -> list[tuple]:
        cites = eyecite.get_citations(text, tokenizer=citations.tokenizer())
        return [(type(c).__name__, c.span(), str(c.metadata)) for c in cites]

    speedups.uninstall()
    plain = found()
    speedups.install()
    try:
        assert eyecite.find.extract_pincited_reference_citations is speedups.pincited_references
        fast = found()
    finally:
        speedups.uninstall()
    assert fast == plain
    assert [span for kind, span, _ in fast if kind == "ReferenceCitation"] == [
        (text.index("Kingsley at 397"), text.index("Kingsley at 397") + len("Kingsley at 397")),
        (text.index("Hendrickson at"), text.index("Hendrickson at") + len("Hendrickson at 398")),
        (text.index("Kingsley at 399"), text.index("Kingsley at 399") + len("Kingsley at 399")),
    ]


def test_reporter_regexes_tried_only_before_volumes_give_finditers_tokens() -> None:
    """Each reporter regex runs only where "volume reporter" can begin; the tokens are
    eyecite's, on the opinions and on the edges of that rule: a volume at the very start,
    after a letter or a digit, a space before a lone digit ("12 3 F.3d"), a
    non-ASCII digit (where the rule is not used) and overlapping regexes."""
    from citegraph.loaders.extraction import speedups
    from citegraph.loaders.extraction.speedups import tokenizer

    texts = [t for _, t in _texts()] + [
        "5 F.3d 1 (1st Cir. 1993).",
        "a5 F.3d 1; (5 F.3d 1); 05 F.3d 1; 1a23 F.3d 4; 12 3 F.3d 4; 12 3 U.S. 4.",
        "\u0665 F.3d 1 and 1\u06655 F.3d 2, 9 F. Supp. 2d 3, 9 F.Supp.2d 3, 9 S. Ct. 4.",
        "See 477 U.S. 242, 255, 106 S.Ct. 2505, 91 L.Ed.2d 202 (1986); 42 U.S.C. \u00a7 1983.",
        "Under 42  U.S.C. \u00a7 1983, 42, U.S.C. \u00a7 1985, 042 USC \u00a7 3"
        " and a42 U.S.C. \u00a7 4; 28 Pa. Code \u00a7 1.1, 1 2 Pa. Code \u00a7 5"
        " and 10 Mass. Code Regs. 4.01.",
        "Id. at 5; id., ibid.  ID.\tat 6, \u0130d. 7; supra note 3 (supra) Smith v. Jones,"
        " In re Doe, (quoting X), Cf. Y, see also Z, aff'd, \u2003see",
        "\u00a7 1 a \u00a7\u00a7 b c\u00a7d  x\u00a7 \u00a0\u00a7\u2003 ok \u00a7",
    ]

    def tokens(of: Any) -> list[list[tuple]]:
        return [
            [(t.start, t.end, t.data, type(t).__name__, t.groups) for t in of.extract_tokens(text)]
            for text in texts
        ]

    # no patch: the fast tokenizer is an eyecite Tokenizer, passed to get_citations
    speedups.uninstall()
    plain = tokens(_list_order_tokenizer())
    fast = tokens(speedups.make_tokenizer("default"))
    assert fast == plain
    assert {(t[0], t[2]) for t in plain[-7] if t[3] == "CitationToken"} == {(0, "5 F.3d 1")}
    # after a letter or a digit no citation starts; after a space or "(" one does
    found = {(t[0], t[2]) for t in plain[-6] if t[3] == "CitationToken"}
    assert found == {(12, "5 F.3d 1"), (50, "3 F.3d 4"), (63, "3 U.S. 4")}
    # nearly all of eyecite's regexes are of the reporter form the rule knows
    from eyecite.tokenizers import EXTRACTORS

    known = [form[0] for e in EXTRACTORS if (form := tokenizer._first_chars(e))]
    assert len(known) > 0.8 * len(EXTRACTORS)
    assert set(known) == {0, 1, 2}  # volume and reporter; title, comma, reporter; title and code
    codes = {t[2] for t in plain[-3] if t[3] == "CitationToken"}
    assert {"42  U.S.C. \u00a7 1983", "28 Pa. Code \u00a7 1.1"} <= codes
    # a bare section sign's token is the whole run of non-space characters around it
    runs = [t[2] for t in plain[-1] if t[3] == "SectionToken"]
    assert runs == ["\u00a7", "\u00a7\u00a7", "c\u00a7d", "x\u00a7", "\u00a7", "\u00a7"]
    # "Id.", "supra" and stop words start at the text's start or after whitespace only
    kinds = [(t[3], t[2].strip()) for t in plain[-2] if t[3] != "CitationToken"]
    assert ("IdToken", "Id.") in kinds and ("IdToken", "ID.") in kinds
    assert ("SupraToken", "supra") in kinds and ("StopWordToken", "v.") in kinds


def test_whitespace_stripped_for_the_prefilter_as_eyecite_strips_it() -> None:
    """str.split() splits on exactly the characters eyecite's `\\s+` removes, over all
    of Unicode, so the faster strip gives eyecite's prefilter the same text."""
    import sys

    from citegraph.loaders.extraction.speedups.tokenizer import strip_ws
    from eyecite.tokenizers import _WHITESPACE_RE

    every = "".join(map(chr, range(sys.maxunicode + 1))).replace("\ud800", "")
    assert strip_ws(every) == _WHITESPACE_RE.sub("", every)
    assert strip_ws(" 1\u00a0U. S.\u2003\n2 ") == "1U.S.2"


def test_same_tokens_in_every_process_tax_court_short_cite_and_ny_statute() -> None:
    """eyecite's regexes for "87 T.C. at 900" (a short cite, and a full-cite variant
    whose reporter is "T.C. at") and for "N.Y. Ins. Law § 3212" ("N.Y." and "N.Y. Ins.
    Law") match the same spans; bare eyecite picks by a set's order, which follows
    Python's per-process hash seed. With citations' tokenizer every process agrees,
    with the speed-ups installed and without them."""
    import os
    import subprocess
    import sys

    script = (
        "import logging, eyecite\n"
        "from citegraph.loaders.extraction import citations, speedups\n"
        "logging.disable(logging.WARNING)\n"
        "t = 'Smith v. Commissioner, 87 T.C. 892 (1986). See 87 T.C. at 900. '"
        " 'Under N.Y. Ins. Law \u00a7 3212 (McKinney 2000), it holds.'\n"
        "for install in (False, True):\n"
        "    if install:\n"
        "        speedups.install()\n"
        "    print(speedups.installed())\n"
        "    for c in eyecite.get_citations(t, tokenizer=citations.tokenizer()):\n"
        "        print(type(c).__name__, c.matched_text(), c.groups.get('reporter'))\n"
    )
    runs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout
        runs.add(out)
    assert len(runs) == 1
    lines = runs.pop().splitlines()
    half = len(lines) // 2
    assert lines[0] == "False" and lines[half] == "True"
    assert lines[1:half] == lines[half + 1 :]
    assert lines[2] == "ShortCaseCitation 87 T.C. at 900 T.C."
    assert lines[3].startswith("FullLawCitation N.Y. Ins. Law \u00a7 3212")


def test_court_names_resolve_like_courts_db_without_compiling_every_regex() -> None:
    """courts_db.find_court gives the same courts with the speed-up: on court names and
    citation strings of courts-db, on header lines of real opinions (data/ and the
    fixtures) and on strings that are not ASCII (every regex runs there)."""
    import courts_db
    from citegraph.loaders.extraction import speedups

    speedups.uninstall()
    strings = {c["name"] for c in courts_db.courts[::7]}
    strings |= {f"In the {c['name']}" for c in courts_db.courts[3::29]}
    strings |= {c.get("citation_string") or "" for c in courts_db.courts[::11]}
    for _, text in _texts():
        strings |= {ln.strip() for ln in text[:1200].splitlines() if ln.strip()}
    strings |= {
        "United States Court of Appeals for the First Circuit",
        "UNITED STATES DISTRICT COURT SOUTHERN DISTRICT OF NEW YORK",
        "United States Bankruptcy Court for the District of Massachusetts",
        "Supreme Court of Puerto Rico",
        "Tribunal Supremo de Puerto Rico \u2014 Cour d\u2019appel",
        "\u212aansas Supreme Court",
    }
    cases = sorted(strings)
    options = [{}, {"bankruptcy": False, "allow_partial_matches": True}]
    plain = [[sorted(courts_db.find_court(s, **o)) for o in options] for s in cases]
    speedups.install()
    try:
        assert courts_db.find_court_ids_by_name is speedups.court_ids_by_name
        fast = [[sorted(courts_db.find_court(s, **o)) for o in options] for s in cases]
    finally:
        speedups.uninstall()
    assert fast == plain
    found = dict(zip(cases, fast, strict=True))
    assert found["United States Court of Appeals for the First Circuit"][0] == ["ca1"]
    assert sum(1 for f in fast if f[0]) > 50


def test_hyperscan_pattern_accepts_python_unicode_spaces_digits_and_dashes() -> None:
    from citegraph.loaders.extraction.speedups import widen_for_hyperscan

    assert widen_for_hyperscan(r"(?P<volume>[1-9]\d*) U\.\s*S\.(?:[^a-zA-Z0-9\s]|$)") == (
        r"(?P<volume>[1-9][0-9\x80]*) U\.[\s\x1c-\x1f\x80]*S\.(?:[^a-zA-Z0-9\s]|(?:$|\n))"
    )
    assert widen_for_hyperscan(r"(\S*§\S*)\d{,3}") == r"(\S*\x80\S*)[0-9\x80]{0,3}"
    assert widen_for_hyperscan(r"\bId\.") is None


def test_hyperscan_prefilter_never_drops_a_regex_python_matches(tmp_path, monkeypatch) -> None:
    """Soundness of the prefilter: every reporter regex that matches in the text survives.

    An extractor with no match adds no token, so the prefiltered tokenizer returns
    exactly the default tokenizer's tokens. Checked on the regexes the default
    tokenizer would run on the fixtures (the full database takes minutes to compile).
    """
    pytest.importorskip("hyperscan")
    from citegraph.loaders.extraction.speedups import hyperscan
    from eyecite.tokenizers import default_tokenizer

    monkeypatch.setenv("CITEGRAPH_CACHE", str(tmp_path))
    texts = [t for _, t in _texts()] + [
        "450 U.S. at 35\u201336.",  # en dash after the pin: eyecite's own Hyperscan loses it
        "See 436\u00a0U.S. 658 and 436 U.\u00a0S. 658, 98 S.\u2009Ct. 2018.",
        "Under 42 U.S.C. \u00a7\u00a01983, see 5 U.S.C. \u00a7 552(b)(7)(C).",
        "N.Y. Jud. Law \u00a7 4; 12 Mass. L. Rptr. 5 (Mass. Super. 2000).",
    ]
    chosen: list = []
    seen: set[int] = set()
    for text in texts:
        for e in default_tokenizer.get_extractors(text):
            if id(e) not in seen:
                seen.add(id(e))
                chosen.append(e)
    db, always = hyperscan._prefilter_database(chosen)
    kept_total = 0
    for text in texts:
        kept = hyperscan._prefilter_hits(db, always, chosen, text)
        matching = {i for i, e in enumerate(chosen) if e.compiled_regex.search(text)}
        assert matching <= kept, [chosen[i].regex[:80] for i in matching - kept]
        kept_total += len(kept)
    # and it is a filter: most regexes the default tokenizer runs are skipped
    assert kept_total < 0.5 * sum(len(default_tokenizer.get_extractors(t)) for t in texts)


def test_install_is_idempotent_and_uninstall_restores_eyecite() -> None:
    import eyecite.find
    import eyecite.helpers
    from citegraph.loaders.extraction import speedups

    original = eyecite.find.extract_pincited_reference_citations
    speedups.install()
    speedups.install()
    assert eyecite.helpers.get_court_by_paren is speedups.court_by_paren
    speedups.uninstall()
    assert eyecite.find.extract_pincited_reference_citations is original
    assert re.match(r"get_court_by_paren", eyecite.helpers.get_court_by_paren.__name__)


def test_word_scans_match_eyecites_at_every_word_of_real_opinions() -> None:
    # match_on_tokens joins the words in C; eyecite's loop joins them one by one
    import eyecite.helpers
    from citegraph.loaders.extraction import speedups
    from citegraph.loaders.extraction.speedups import words as fast
    from eyecite.regexes import POST_FULL_CITATION_REGEX, SUPRA_ANTECEDENT_REGEX
    from eyecite.tokenizers import default_tokenizer

    speedups.uninstall()
    original = eyecite.helpers.match_on_tokens
    texts = [t for _, t in _texts()[:6]] + ["Smith v. Jones, supra, at 5.\n\nId. at 7."]
    compared = 0
    for text in texts:
        words, _ = default_tokenizer.tokenize(text)
        for k in range(-2, len(words) + 1, 7):
            for forward, regex, strings_only in (
                (True, POST_FULL_CITATION_REGEX, False),
                (False, SUPRA_ANTECEDENT_REGEX, True),
                (False, r"\S+\s*", False),
            ):
                if not forward and k >= len(words):
                    continue  # eyecite's own loop raises there
                for prefix in ("", ", ", "x" * 310):
                    args = (words, k, regex, prefix, strings_only, forward)
                    want, got = original(*args), fast.match_on_tokens(*args)
                    assert (want and (want.span(), want.groupdict())) == (
                        got and (got.span(), got.groupdict())
                    ), (k, forward, prefix[:3])
                    compared += 1
    assert compared > 5000
    # empty words (never made by eyecite's tokenizer) take eyecite's loop
    words = ["", "a"] * 400
    assert fast.match_on_tokens(words, 0, r"a{300}").span() == (0, 300)
    assert fast.match_on_tokens(words, 799, r"a{300}", forward=False).span() == (0, 300)


def _case_citations(texts: list[str]) -> list[tuple[Any, Any]]:
    """(document, citation) for every case citation eyecite finds in `texts`."""
    import eyecite
    from eyecite.models import FullCaseCitation, ShortCaseCitation

    tokenizer = _list_order_tokenizer()
    found = []
    for text in texts:
        for c in eyecite.get_citations(text, tokenizer=tokenizer):
            if isinstance(c, FullCaseCitation | ShortCaseCitation):
                found.append((c.document, c))
    return found


def test_case_name_scan_matches_eyecites_before_every_citation_of_real_opinions() -> None:
    """The backward scan for a case name leaves eyecite's search state exactly as
    eyecite's does, before every case citation of the opinions and of sentences that
    take each of its turns: a year in parentheses, "ex rel.", "supra", a quotation's
    end, an opening parenthesis, a stop word, a sentence after "v." and the text's
    first word."""
    import eyecite.helpers as h
    from citegraph.loaders.extraction import speedups
    from citegraph.loaders.extraction.speedups import words

    speedups.uninstall()
    texts = [t for _, t in _texts()] + [
        "Smith v. Jones, 1 U.S. 1 (1990).",
        "United States ex rel. Doe v. Roe, 5 F.3d 1 (1st Cir. 1993); Roe, 5 F.3d at 3.",
        'He said "no." Alpha Co. v. Beta Inc. (1990) 12 F.3d 4. (citing Gamma v. Delta, 7 F.3d 9).',
        "the court in Doe, supra, 5 F.3d at 2, and see Lower v. Case, 3 F.3d 5.",
        "Of the People v. Jones 3 U.S. 4",
        "The Court held so. Mr. Plaintiff Corp. v. State Dept., 9 F.3d 10.",
    ]
    cases = _case_citations(texts)
    compared = 0
    for document, citation in cases:
        want = h._scan_for_case_boundaries(document, citation, h._initialize_search_state(citation))
        got = words.scan_for_case_boundaries(
            document, citation, h._initialize_search_state(citation)
        )
        assert got == want, (citation.matched_text(), citation.index)
        compared += 1
    assert compared > 400
    names = {
        c.matched_text(): words.scan_for_case_boundaries(d, c, h._initialize_search_state(c))
        for d, c in cases[-9:]
    }
    assert names["1 U.S. 1"]["candidate_case_name"] == "Smith v. Jones,"  # the first word
    assert names["3 U.S. 4"]["candidate_case_name"] == " the People v. Jones"  # "Of" dropped
    assert names["12 F.3d 4"]["pre_cite_year"] == "1990"
    assert names["12 F.3d 4"]["candidate_case_name"] == "Alpha Co. v. Beta Inc."
    assert names["7 F.3d 9"]["candidate_case_name"] == "Gamma v. Delta,"
    assert names["9 F.3d 10"]["candidate_case_name"] == "Mr. Plaintiff Corp. v. State Dept.,"


def test_cached_regex_gives_the_regex_modules_results_on_eyecites_patterns() -> None:
    """eyecite.helpers' calls of `regex` (match, search, fullmatch, sub, split, with and
    without flags and with options beyond them) give the same results through the
    cache, on the words of a real opinion; the cache empties at its limit."""
    import regex
    from citegraph.loaders.extraction.speedups.cached import CachedRegex

    cached = CachedRegex(regex)
    text = _texts()[-1][1][:4000]
    samples = [w for w in text.split() if w][:300] + ["(1990)", "of the Court", "v."]
    patterns = [
        (r"\(\d{4}\)", 0),
        (r"^(of|the|an|and)\s+", 0),
        (r"^(of|the|an|and)\b", regex.IGNORECASE),
        (r"\b\d+\b$", 0),
        (r"\b([A-Z][a-zA-Z0-9]*)\b.*", 0),
        (r"[^\w]", 0),
    ]
    for s in samples:
        for pattern, flags in patterns:
            for call in ("match", "search", "fullmatch"):
                want = getattr(regex, call)(pattern, s, flags=flags)
                got = getattr(cached, call)(pattern, s, flags=flags)
                assert (want and (want.span(), want.groups())) == (
                    got and (got.span(), got.groups())
                ), (call, pattern, s)
            assert cached.sub(pattern, "", s, flags=flags) == regex.sub(pattern, "", s, flags=flags)
            assert cached.split(pattern, s, flags=flags) == regex.split(pattern, s, flags=flags)
    # an option beyond flags goes to `regex` itself
    assert cached.search(r"\d+", "a 12 b", pos=3).group() == "2"
    assert cached.IGNORECASE == regex.IGNORECASE
    for n in range(CachedRegex._LIMIT + 5):
        cached.match(f"x{n}", "x1")
    assert len(cached._compiled) <= CachedRegex._LIMIT


def test_prefilter_picks_eyecites_extractors_in_list_order_without_hashing_them(
    monkeypatch,
) -> None:
    """The fast tokenizer's prefilter gives the list-order tokenizer's extractors, in
    the same order, on every opinion, without calling TokenExtractor.__hash__ (the hash
    of its repr). Gathering by identity is the set's dedupe because no two of eyecite's
    extractors are equal."""
    from citegraph.loaders.extraction import speedups
    from eyecite.models import TokenExtractor
    from eyecite.tokenizers import EXTRACTORS

    assert len(set(EXTRACTORS)) == len(EXTRACTORS)
    plain = _list_order_tokenizer()
    fast = speedups.make_tokenizer("default")
    texts = [t for _, t in _texts()] + ["N. Y. S. 2d 5 and 3 n.y.s.2d 4", ""]
    want = [[id(e) for e in plain.get_extractors(t)] for t in texts]

    def no_hash(self: Any) -> int:
        raise AssertionError("hashed")

    monkeypatch.setattr(TokenExtractor, "__hash__", no_hash)
    got = [[id(e) for e in fast.get_extractors(t)] for t in texts]
    assert got == want
    assert min(map(len, want[:-2])) > 50 and max(map(len, want)) > 200
    # "N. Y. S. 2d" spaced out still selects the N.Y.S.2d regexes (eyecite #305)
    assert any("N\\.\\s*Y\\.\\s*S\\.\\s*2d" in e.regex for e in fast.get_extractors(texts[-2]))


def test_every_patch_is_in_the_table_with_a_test_and_is_undone() -> None:
    """install() replaces exactly the attributes of patches.PATCHES, each naming a test
    of this file; the attributes eyecite has an extension point for stay eyecite's own;
    uninstall() gives every one back."""
    import eyecite
    import eyecite.find
    import eyecite.tokenizers
    from citegraph.loaders.extraction import speedups
    from citegraph.loaders.extraction.speedups import patches
    from eyecite.models import Resource, TokenExtractor

    source = Path(__file__).read_text(encoding="utf-8")
    for patch in patches.PATCHES:
        assert f"def {patch.test}(" in source, patch.name
        assert patch.name in patches.__doc__, patch.name
    assert len(patches.PATCHES) == 7
    names = [p.name for p in patches.PATCHES]
    assert len(set(names)) == len(names)

    speedups.uninstall()
    before = {p.name: getattr(p.target(), p.attribute) for p in patches.PATCHES}

    def by_extension_point() -> list:
        return [
            eyecite.get_citations,
            eyecite.find.get_citations,
            eyecite.tokenizers.AhocorasickTokenizer.extract_tokens,
            eyecite.tokenizers._strip_ws,
            TokenExtractor.__hash__,
            Resource.__hash__,
        ]

    eyecites = by_extension_point()
    speedups.install()
    try:
        for p in patches.PATCHES:
            assert getattr(p.target(), p.attribute) is not before[p.name], p.name
        assert all(a is b for a, b in zip(by_extension_point(), eyecites, strict=True))
    finally:
        speedups.uninstall()
    for p in patches.PATCHES:
        assert getattr(p.target(), p.attribute) is before[p.name], p.name


def test_court_regexes_read_with_python_3_10s_regex_parser(monkeypatch) -> None:
    """Python 3.10 has `sre_parse` and no `re._parser`: the court table (courts-db's
    regexes and the run of letters each needs) comes out the same from either parser."""
    import sys
    import warnings

    from citegraph.loaders.extraction.speedups import courts

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.11+: deprecated aliases
        import sre_constants  # noqa: F401
        import sre_parse  # noqa: F401
    courts._court_table.cache_clear()
    try:
        table = courts._court_table()
        courts._court_table.cache_clear()
        # re as Python 3.10 has it
        monkeypatch.setattr(sys, "version_info", (3, 10, 13, "final", 0))
        for name in ("_parser", "_constants"):
            monkeypatch.delattr(re, name, raising=False)
            monkeypatch.setitem(sys.modules, f"re.{name}", None)
        as_on_3_10 = courts._court_table()
    finally:
        courts._court_table.cache_clear()
    assert as_on_3_10 == table
    assert len(table) > 8000
    first_circuit = [(source, run) for source, run, info, _ in table if info[0] == "ca1"]
    assert first_circuit[1] == (
        "First Circuit Courts? (ofr?t?)? ?App?eals? ?(of?r?t?)? ?",
        "first circuit court",
    )


def test_speedups_pinned_to_the_versions_they_were_tested_on() -> None:
    """The equivalence tests above ran on these versions; pyproject.toml pins them."""
    from citegraph.loaders.extraction import speedups

    assert speedups.TESTED_VERSIONS == {"eyecite": "2.7.8", "courts-db": "0.10.27"}
    assert speedups.untested_versions() == []
    pyproject = (DATA.parent / "pyproject.toml").read_text(encoding="utf-8")
    for dist, version in speedups.TESTED_VERSIONS.items():
        assert f'"{dist}=={version}"' in pyproject


@pytest.mark.parametrize(("dist", "seen"), [("eyecite", "2.8.0"), ("courts-db", "0.10.28")])
def test_untested_version_runs_plain_eyecite_and_warns_once(monkeypatch, dist, seen) -> None:
    import importlib.metadata
    import warnings

    import courts_db
    import eyecite
    import eyecite.find
    import eyecite.helpers
    import eyecite.tokenizers
    from citegraph.loaders.extraction import speedups
    from citegraph.loaders.extraction.speedups import patches
    from eyecite.models import Resource, TokenExtractor

    def eyecites_own() -> list:
        return [
            eyecite.get_citations,
            eyecite.find.get_citations,
            eyecite.find.extract_pincited_reference_citations,
            eyecite.find.match_on_tokens,
            eyecite.helpers.get_court_by_paren,
            eyecite.helpers.match_on_tokens,
            eyecite.helpers._scan_for_case_boundaries,
            eyecite.helpers.re,
            eyecite.tokenizers._strip_ws,
            eyecite.tokenizers.AhocorasickTokenizer.extract_tokens,
            TokenExtractor.__hash__,
            Resource.__hash__,
            courts_db.find_court_ids_by_name,
        ]

    speedups.uninstall()
    before = eyecites_own()
    version = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda d: seen if d == dist else version(d))
    monkeypatch.setitem(patches._WARNED, "untested", False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # a second warning would not be swallowed
        speedups.install()
        speedups.install()
    try:
        assert all(a is b for a, b in zip(eyecites_own(), before, strict=True))
        assert not speedups.installed()
        assert speedups.active_tokenizer() is None
    finally:
        speedups.uninstall()
    assert [str(w.message) for w in caught] == [
        "citegraph's eyecite speed-ups are tested on eyecite 2.7.8, courts-db 0.10.27; "
        f"found {dist} {seen}: running plain eyecite (same citations, slower)"
    ]
    assert caught[0].category is UserWarning


def test_resource_hashed_once_groups_citations_as_eyecites_own() -> None:
    """citations passes resolve_citations a Resource that hashes once (eyecite's
    resolve_full_citation hook, no patch): every opinion of the fixtures groups its
    citations exactly as with eyecite's own Resource, and a hash is computed once."""
    from citegraph.loaders.extraction import citations
    from citegraph.loaders.tokenizer import list_order_tokenizer
    from eyecite import get_citations, resolve_citations
    from eyecite.models import Resource

    once = citations._resource_class()
    assert once.__name__ == Resource.__name__  # the name is part of eyecite's hash
    tokenizer = list_order_tokenizer()
    grouped = 0
    for _name, text in _texts():
        found = get_citations(text, tokenizer=tokenizer)
        theirs = resolve_citations(found)
        ours = resolve_citations(found, resolve_full_citation=once)
        assert {hash(r): sorted(map(id, m)) for r, m in ours.items()} == {
            hash(r): sorted(map(id, m)) for r, m in theirs.items()
        }
        grouped += sum(len(m) for m in ours.values())
        for r in ours:
            assert type(r) is once and r.__dict__["_hash"] == Resource.__hash__(r)
    assert grouped > 500
