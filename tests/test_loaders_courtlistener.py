"""CourtListener opinions: the best of their texts, and clean text from HTML.

Fixtures (tests/fixtures/courtlistener/) are CourtListener opinion objects of the First
Circuit: 195084 (United States v. McAndrews, 1993: `plain_text` typed with page heads and
no "§", `html` clean with twelve marked footnotes), 147681 (Rule v. Fort Dodge Animal
Health, 2010: `html_lawbox` with star paging and a NOTES section), 175274 (Bergeron v.
Cabral, 2010: `plain_text` with page heads and a note at a page's foot, the HTML only
the same text in a <pre>).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from citegraph.loaders.extraction import extract
from citegraph.loaders.readers.courtlistener import (
    PAGE_HEAD,
    choose_text,
    plain_layout,
    read_courtlistener,
)
from citegraph.loaders.readers.html import html_to_text, read_html
from citegraph.models import Opinion

FIXTURES = Path(__file__).parent / "fixtures" / "courtlistener"


def _read(name: str) -> Opinion:
    path = FIXTURES / f"{name}.json"
    [op] = read_courtlistener(path.read_bytes(), str(path))
    return op


def _note_text(op: Opinion, label: str) -> str:
    [(start, end)] = [(s, e) for s, e, lb in op.footnotes if lb == label]
    return op.text[start:end]


def test_typed_plain_text_that_lost_section_signs_gives_way_to_the_html() -> None:
    op = _read("195084")
    assert op.text_from is not None
    assert op.text_from.startswith("html_with_citations, 12 notes: no faults")
    assert "plain_text, 12 notes: 8 section signs restored" in op.text_from
    assert "21 U.S.C. Secs. 841(a)(1), 841(b)(1)(A), and 846" in op.text
    assert not PAGE_HEAD.search(op.text)
    # the paragraph numbers of the HTML and the footnote call-outs are not text
    assert "invoking Fed.R.Crim.P. 35(b). Second, it invites us" in op.text
    assert _note_text(op, "2").startswith("2. An exception applies when the sentencing")


def test_citations_of_the_chosen_html_and_their_footnotes() -> None:
    cites = extract(_read("195084"))
    statutes = [c.cites for c in cites if c.kind == "statute" and c.cites]
    assert ["21 U.S.C. § 841"] in statutes and ["28 U.S.C. § 1291"] in statutes
    mariano = [c for c in cites if c.cites == ["983 F.2d 1150"]]
    assert [c.footnote for c in mariano] == [None, "2", "3"]
    assert mariano[0].name == "United States v. Mariano"
    body = [c for c in cites if c.kind == "statute" and c.cites == ["28 U.S.C. § 1291"]]
    assert body and all(c.footnote is None for c in body)


def test_lawbox_html_with_star_paging_and_notes() -> None:
    op = _read("147681")
    assert op.text_from is not None and op.text_from.startswith("html_with_citations, 7 notes")
    assert op.pages[:3] == [(316, "251"), (3120, "252"), (6165, "253")]
    assert [lb for _, _, lb in op.footnotes] == ["1", "2", "3", "4", "5", "6", "7"]
    # "<sup>[1]</sup>" is a call-out, not text
    assert "under Massachusetts law, but on appeal she pursues only two" in op.text
    by_cite = {tuple(c.cites): c.footnote for c in extract(op) if c.cites}
    assert by_cite[("883 F.2d 287",)] == "3"
    assert by_cite[("397 Md. 108", "916 A.2d 257")] == "7"
    assert by_cite[("Mass. Gen. Laws ch. 106, § 2-314",)] is None


def test_plain_text_cleaned_page_heads_out_page_foot_note_to_the_end() -> None:
    op = _read("175274")
    assert op.text_from is not None
    assert op.text_from.startswith("plain_text, 1 notes: no faults")
    # the HTML is the same text in a <pre>, read the same way
    assert "html_with_citations, 1 notes: no faults" in op.text_from
    assert not PAGE_HEAD.search(op.text)
    assert _note_text(op, "1").startswith("1. Judgment entered on 8/24/09 and the 30-day")
    assert op.text.endswith("on 11/9/09.")
    statutes = [c.cites for c in extract(op) if c.kind == "statute"]
    assert ["28 U.S.C. § 1920"] in statutes


def test_plain_layout_of_a_typed_page() -> None:
    raw = (
        "          McAndrews wholly  failed  to carry  this heavy  burden.\n\n"
        "material omissions.12   Beneath the rhetoric,  appellant's filing\n\n"
        "an evidentiary hearing on a motion must, at the very least, carry\n\n"
        "                    \n\n"
        "     12At one point, appellant asserted that, in  addition to the\n"
        "efforts that  the government  catalogued, he also helped Smith &amp;amp; Co.\n\n"
        "                                14\n\n"
        "an entry-level burden  by making a sufficient  threshold showing\n\n"
        "                            -15-\n"
        "                             15\n\n"
        "See 18 U.S.C. &#167; 3742.\n"
    )
    c = plain_layout(raw.replace("12", "1", 2).replace("     1At", "     1At"))
    assert "carry an entry-level burden by making" in c.text
    assert "omissions. Beneath" in c.text
    assert not re.search(r"\b1[45]\b", c.text)
    assert "See 18 U.S.C. § 3742." in c.text
    [(start, end, label)] = c.notes
    assert label == "1"
    assert c.text[start:end] == (
        "1. At one point, appellant asserted that, in addition to the efforts that the "
        "government catalogued, he also helped Smith & Co."
    )


def test_converter_error_in_plain_text_loses_to_the_html() -> None:
    obj = json.loads((FIXTURES / "175274.json").read_text(encoding="utf-8"))
    obj["plain_text"] = "Usage: wpd2html [options] file"
    chosen = choose_text(obj)
    assert chosen is not None
    best, reason = chosen
    assert best.field == "html_with_citations"
    assert reason.startswith("html_with_citations, 1 notes: no faults")
    assert reason.endswith(
        "plain_text: 0 of 6 section signs, footnotes unmarked (1 elsewhere), 0% of the longest text"
    )


# --- HTML -----------------------------------------------------------------------------


def test_link_inside_a_number_keeps_the_number_whole() -> None:
    html = (
        '<p>See <em>People v Bradley</em>, <a href="/citations/?q=11" class="citation">'
        "11 NY3d 1\n</a>05, 108 [2008].</p>"
    )
    assert html_to_text(html) == "See People v Bradley, 11 NY3d 105, 108 [2008]."


def test_malformed_markup_keeps_text_and_drops_styles() -> None:
    html = (
        "<html><head><title>Rule v. Fort Dodge</title></head><body>"
        "<p>Rule's complaint set forth five different claims.</p></p></p>"
        "</body></html><html><head><style>p.c1 { font-weight: bold }</style></head>"
        "<body><o:p>For damages on these two counts,</o:p> <x-note>Rule asserted</x-note>"
        " a claim.<script>var x = 1;</script>"
        "<div>.MsoNormal { margin: 0 } p.x { font-size: 12pt }</div>"
        "<body bgcolor=white><p>Affirmed.</p></body></html>"
    )
    assert html_to_text(html) == (
        "Rule's complaint set forth five different claims.\n\n"
        "For damages on these two counts, Rule asserted a claim.\n\nAffirmed."
    )


def test_entities_decoded_fully_once() -> None:
    html = (
        "<p>Feinstein v. Firestone Tire &amp;amp; Rubber Co., 535 F. Supp. 595; "
        "Mass. Gen. Laws ch. 93A, &amp;#167; 9(3); AT&amp;T; &amp;amp;amp;</p>"
    )
    assert html_to_text(html) == (
        "Feinstein v. Firestone Tire & Rubber Co., 535 F. Supp. 595; "
        "Mass. Gen. Laws ch. 93A, § 9(3); AT&T; &"
    )


def test_headnote_numbers_dropped_but_notes_and_years_kept() -> None:
    html = (
        "<p>[6] The district court did not abuse its discretion.</p>"
        "<p>[1999] Lloyd's Rep. I.R. at 562.</p><h2>NOTES</h2>"
        "<p>[1] The claims were product defect and a failure to warn.</p>"
    )
    assert html_to_text(html) == (
        "The district court did not abuse its discretion.\n\n"
        "[1999] Lloyd's Rep. I.R. at 562.\n\nNOTES\n\n"
        "[1] The claims were product defect and a failure to warn."
    )


def test_html_footnotes_by_link_keep_their_number() -> None:
    html = (
        "<html><body><p>It invites us to exercise appellate jurisdiction under "
        'Fed.R.Crim.P. 35(b).<a class="footnote" href="#fn1" id="fn1_ref">1</a>  Second, '
        "it invites us to require hearings.</p>"
        '<div class="footnotes"><div class="footnote" id="fn1">'
        '<a class="footnote" href="#fn1_ref">1</a><p> See United States v. Mariano, '
        "983 F.2d 1150, 1153 (1st Cir.1993).</p></div></div></body></html>"
    )
    [op] = read_html(html.encode(), "mcandrews.html")
    assert op.text.startswith(
        "It invites us to exercise appellate jurisdiction under "
        "Fed.R.Crim.P. 35(b). Second, it invites"
    )
    [(start, end, label)] = op.footnotes
    assert (label, op.text[start:end]) == (
        "1",
        "1. See United States v. Mariano, 983 F.2d 1150, 1153 (1st Cir.1993).",
    )
    [cite] = [c for c in extract(op) if c.cites == ["983 F.2d 1150"]]
    assert cite.footnote == "1"


def test_section_sign_lost_by_a_typed_text_is_restored_after_a_code() -> None:
    # Caribe BMW v. Bayerische Motoren Werke (1st Cir. 1994), plain_text as served
    raw = (
        "          BREYER, Chief  Judge.    This  appeal  raises  two\r"
        "                                           \n\nissues  of antitrust law.   First, "
        "do a  firm's wholly owned\n\nsubsidiary and the  firm itself amount to  a "
        '"single seller"\n\nunder the Robinson-Patman Act?  15 U.S.C.   13.  Second, can\n'
    )
    text = plain_layout(raw).text
    assert "the Robinson-Patman Act? 15 U.S.C. § 13. Second, can" in text
    op = Opinion(id="caribe", source="caribe", text=text)
    assert [c.cites for c in extract(op) if c.kind == "statute"] == [["15 U.S.C. § 13"]]
