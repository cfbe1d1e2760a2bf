"""CourtListener opinion JSON (REST v3/v4 and bulk rows): the best of its texts.

An opinion object carries the text up to five times: `plain_text` and the HTML fields
(`html_with_citations`, `html_lawbox`, `html_columbia`, `html`, `xml_harvard`). They
differ in quality: the typewritten slip opinions' `plain_text` of the 1990s lost every
"§", carries page heads ("-7-") and sets footnotes in the flow of the body, while the
HTML of the same opinion is clean; elsewhere the HTML is the plain text in a <pre>.
Each text is read (plain text cleaned: page heads out, page-foot notes moved to the
end) and scored by what it lost or kept (section signs another text has, page heads,
raw entities, mojibake, marked footnotes, page map, length); the best is read and the
choice with its reason is kept in `Opinion.text_from`.

Metadata, best first: a cluster object given inline (`cluster` expanded, or a cluster
JSON whose `sub_opinions` are expanded) with case name, date, docket and citations; the
lawbox-style head of the `html` field (`case_cite`, `parties`, `docket`, `date`);
the case-name slug of `absolute_url` (spelled the way the caption spells it); the
court in `download_url`; and last the opinion's own header.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from typing import Any

from ...errors import CitegraphError
from ...models import Opinion
from .caption import bluebook, caption_name, name_from_slug
from .decoding import decode, reflow
from .header import (
    HEADER_CHARS,
    header_citations,
    header_court,
    header_date,
    header_dockets,
    header_judge,
    header_name,
    header_notes,
    opinion_from_text,
)
from .html import ENTITY, finish, html_to_text, layout, parse_html, unescape
from .pages import strip_star_pages
from .registry import Format

HTML_FIELDS = ("html_with_citations", "html_lawbox", "html_columbia", "html", "xml_harvard")
_TEXT_FIELDS = ("plain_text", *HTML_FIELDS)
_OPINION_TYPES = {
    "010combined": "combined",
    "015unamimous": "unanimous",
    "020lead": "majority",
    "025plurality": "plurality",
    "030concurrence": "concurrence",
    "035concurrenceinpart": "concurrence in part",
    "040dissent": "dissent",
    "050addendum": "addendum",
    "060remittitur": "remittitur",
    "070rehearing": "rehearing",
    "080onthemerits": "on the merits",
    "090onmotiontostrike": "on motion to strike",
}

__all__ = ["html_to_text", "is_courtlistener", "opinion_from_courtlistener", "FORMAT"]


def is_courtlistener(obj: Any) -> bool:
    """Whether a parsed JSON object is a CourtListener opinion (API object or bulk row),
    or a cluster with its opinions expanded."""
    if not isinstance(obj, dict):
        return False
    if any(k in obj for k in _TEXT_FIELDS) and any(
        k in obj for k in ("resource_uri", "absolute_url", "cluster", "cluster_id", "id")
    ):
        return True
    subs = obj.get("sub_opinions")
    return isinstance(subs, list) and any(isinstance(s, dict) for s in subs)


def _citations(cluster: dict[str, Any]) -> list[str]:
    out = []
    for c in cluster.get("citations") or []:
        if isinstance(c, dict) and {"volume", "reporter", "page"} <= c.keys():
            out.append(f"{c['volume']} {c['reporter']} {c['page']}")
        elif isinstance(c, str) and re.match(r"\d+\s+\S.*\s+\d+$", c):
            out.append(c)
    return out


def _from_cluster(cluster: dict[str, Any]) -> dict[str, Any]:
    known: dict[str, Any] = {}
    name = (
        cluster.get("case_name") or cluster.get("case_name_short") or cluster.get("case_name_full")
    )
    if name:
        known["name"] = bluebook(str(name))
    if cluster.get("date_filed"):
        known["date"] = str(cluster["date_filed"])[:10]
    cites = _citations(cluster)
    if cites:
        known["citations"] = cites
    docket = cluster.get("docket")
    if isinstance(docket, dict):
        if docket.get("docket_number"):
            known["dockets"] = [str(docket["docket_number"])]
        court = docket.get("court_id") or docket.get("court")
        if isinstance(court, str):
            m = re.search(r"courts/([a-z0-9]+)/?$", court)
            known["court"] = m.group(1) if m else court
    if cluster.get("judges"):
        known["judges"] = cluster["judges"]
    return known


def _from_lawbox_head(html: str) -> dict[str, Any]:
    """Metadata from the head of an `html` field: <p class="case_cite">11 F.3d 18</p> ..."""
    known: dict[str, Any] = {}
    if 'class="case_cite"' not in html and 'class="parties"' not in html:
        return known

    def field(cls: str) -> list[str]:
        return [
            re.sub(r"\s+", " ", html_to_text(m.group(1))).strip()
            for m in re.finditer(rf'<p class="{cls}">(.*?)</p>', html[:20000], re.S)
        ]

    def field_html(cls: str) -> list[str]:
        return [m.group(1) for m in re.finditer(rf'<p class="{cls}">(.*?)</p>', html[:20000], re.S)]

    cites = [c for c in field("case_cite") if re.match(r"\d+\s+\S.*\s+\d+$", c)]
    if cites:
        known["citations"] = cites
    dates = field("date")
    if dates:
        date = header_date("\n".join(re.split(r"(?<=\.)\s+(?=[A-Z])", "\n".join(dates))))
        if date:
            known["date"] = date
    parties = field_html("parties")
    if parties:
        lines = re.sub(r"<br\s*/?>", "\n", parties[0])
        name = caption_name(html_to_text(lines.replace("\n", "<br>")).replace("\n\n", "\n"))
        if name:
            known["name"] = name
    courts = field("court")
    if courts:
        court = header_court(courts[0])
        if court:
            known["court"] = court
    dockets = field("docket")
    if dockets:
        joined = " ".join(dockets)
        nums = re.findall(r"\b\d{2}-\d{3,5}\b|\b\d:\d{2}-[a-z]{2}-\d+\b", joined)
        # older numbering: "No. 167." "Docket 23789." -> the docket number proper
        nums = nums or re.findall(r"\bDocket\s+(?:No\.\s*)?(\d[\w-]*)", joined)
        nums = nums or re.findall(r"\bNos?\.\s*(\d[\w-]*)", joined)
        if nums:
            known["dockets"] = nums
    return known


# A page head of a typewritten slip opinion, alone on its line: "-7-", or the page
# number set far right of the margin ("                    13").
_PAGE_LINE = re.compile(r"^\s*-\s?\d{1,4}\s?-(?:\s+\d{1,4})?\s*$|^\s{12,}\d{1,4}\s*$")
# A line number in the margin of a numbered page ("18   to defraud the IRS").
_LINE_NUMBER = re.compile(r"^[ \t]{0,3}\d{1,2}(?=[ \t]{2,}\S|[ \t]*$)")
# A footnote's label opening the foot of a page: "     1" alone, "     12At one point",
# "   3 See, e.g." (indented less than a paragraph).
_NOTE_LINE = re.compile(r"^( {0,8})(\d{1,3})(?:\s*$|(?=[A-Z\"“(])| {1,3}(?=[A-Z\"“(]))")
# Left in a text: a page head ("-7-") in the flow, a character reference, mojibake.
PAGE_HEAD = re.compile(r"(?<![\w\-–—])-\s?\d{1,4}\s?-(?![\w\-–—])")
MOJIBAKE = re.compile(r"Ã[\x80-\xbf]|â€|Â[\xa0-\xbf]|\ufffd")
_SECTION = re.compile(r"§|\bSecs?\.(?=\s*\d)")
# Where a typed text lost its "§": a code cited by section, then the gap the sign left
# ("18 U.S.C.    2", "U.S.S.G.  3B1.1(c)"); such a code is never cited without one.
_LOST_SECTION = re.compile(r"\b(U\.S\.C\.(?:A\.)?|U\.S\.S\.G\.|C\.F\.R\.)[ \t]{2,}(?=\d)")
# The head of a NOTES section and a note's label there ("[2]", "[*]").
_NOTES_HEAD = re.compile(r"^(?:NOTES|FOOTNOTES|Notes|Footnotes):?$", re.M)
_BRACKET_LABEL = re.compile(r"\[(\d{1,3}|\*{1,3})\][ \t]+")


@dataclass
class Candidate:
    """One of a source's texts, read: its text, page map and footnote spans."""

    field: str
    text: str
    pages: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    notes: list[tuple[int, int, str]] = dataclasses.field(default_factory=list)
    restored: int = 0  # section signs put back where a typed text lost them


def _is_note_start(lines: list[str], i: int, label: int) -> bool:
    m = _NOTE_LINE.match(lines[i])
    if not m or int(m.group(2)) != label:
        return False
    # the notes stand apart from the body: a blank (or rule) line before the label
    return i > 0 and (not lines[i - 1].strip() or set(lines[i - 1].strip()) <= set("_-"))


def _page_notes(page: list[str], label: int) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Split one page's lines into the body and the notes set at its foot."""
    start = next((i for i in range(len(page)) if _is_note_start(page, i, label)), None)
    if start is None:
        return page, []
    notes: list[tuple[str, list[str]]] = []
    for i in range(start, len(page)):
        if _is_note_start(page, i, label):
            m = _NOTE_LINE.match(page[i])
            assert m is not None
            notes.append((str(label), [page[i][m.end() :]]))
            label += 1
        else:
            notes[-1][1].append(page[i])
    return page[:start], notes


def _drop_callouts(body: str, labels: list[str]) -> str:
    """Footnote call-outs stuck to the word before them ("breaks.1 Next") taken out."""
    pos = 0
    for label in labels:
        call = re.compile(rf"(?:(?<=[A-Za-z\"”’')\]])|(?<=[a-z][.,;:])){label}(?=[\s\"”’)]|$)")
        m = call.search(body, pos)
        if m is None:
            continue
        body = body[: m.start()] + body[m.end() :]
        pos = m.start()
    return body


def _drop_line_numbers(lines: list[str]) -> list[str]:
    """Lines of pleading paper without the numbers in their margin, where most have one."""
    filled = [line for line in lines if line.strip()]
    numbered = sum(1 for line in filled if _LINE_NUMBER.match(line))
    if not filled or numbered < 0.5 * len(filled):
        return lines
    return [_LINE_NUMBER.sub("", line) for line in lines]


def plain_layout(raw: str) -> Candidate:
    """A typewritten plain text made clean: references decoded, page heads dropped,
    the notes at each page's foot moved to the end (their spans recorded), reflowed."""
    raw, restored = unescape(raw), 0
    if "§" not in raw:
        raw, restored = _LOST_SECTION.subn(r"\1 § ", raw)
    lines = _drop_line_numbers(raw.replace("\f", "\n").splitlines())
    pages: list[list[str]] = [[]]
    for line in lines:
        if _PAGE_LINE.match(line):
            pages.append([])
        else:
            pages[-1].append(line)
    body: list[str] = []
    notes: list[tuple[str, list[str]]] = []
    for page in pages if len(pages) > 1 else []:
        kept, found = _page_notes(page, len(notes) + 1)
        body.extend(kept)
        notes.extend(found)
    if len(pages) == 1:
        body = pages[0]
    joined = "\n".join(body)
    if notes:
        joined = _drop_callouts(joined, [label for label, _ in notes])
    text, star = strip_star_pages(reflow(joined))
    spans: list[tuple[int, int, str]] = []
    for label, note in notes:
        text += "\n\n"
        start = len(text)
        text += f"{label}. " + re.sub(r"\s*\n\s*", " ", reflow("\n".join(note))).strip()
        spans.append((start, len(text), label))
    text = text.strip()
    return Candidate("plain_text", text, star, spans or header_notes(text), restored)


def html_layout(key: str, html: str) -> Candidate:
    """An HTML text read, with its page map and footnotes (marked up, or under "NOTES").

    HTML that is only a typed text in a <pre> (with citation links) is read as plain text.
    """
    tree = parse_html(html)
    if re.match(r"\s*<pre\b", html, re.I) and re.search(r"</pre>\s*$", html, re.I):
        typed = plain_layout("".join(tree.itertext()))
        return Candidate(key, typed.text, typed.pages, typed.notes, typed.restored)
    text, pages, notes = finish(layout(tree))
    return Candidate(key, text, pages, notes or bracket_notes(text) or header_notes(text))


def bracket_notes(text: str) -> list[tuple[int, int, str]]:
    """Spans of the notes under a NOTES head in the last half, each "[N] ..." or "[*] ..."
    opening a paragraph (lawbox HTML; numbering may skip a note the source lacks)."""
    heads = [m for m in _NOTES_HEAD.finditer(text) if m.start() > len(text) // 2]
    if not heads:
        return []
    spans: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[^\n]+", text[heads[-1].end() :]):
        start, end = heads[-1].end() + m.start(), heads[-1].end() + m.end()
        label = _BRACKET_LABEL.match(m.group(0))
        if label:
            spans.append((start, end, label.group(1)))
        elif spans:
            spans[-1] = (spans[-1][0], end, spans[-1][2])
    return spans


def candidates(obj: dict[str, Any]) -> list[Candidate]:
    """Every non-empty text of an opinion object, read."""
    out = []
    if (obj.get("plain_text") or "").strip():
        out.append(plain_layout(obj["plain_text"]))
    for key in HTML_FIELDS:
        if (obj.get(key) or "").strip():
            c = html_layout(key, obj[key])
            if c.text.strip():
                out.append(c)
    return out


def faults(c: Candidate, others: list[Candidate]) -> tuple[float, list[str]]:
    """What a text lost or kept against the source's other texts: a penalty and words.

    Lost section signs (another text has them), page heads, raw character references
    and mojibake left, footnotes unmarked where another text marks them, no page map
    where another has one, and a text much shorter than the longest.
    """
    said: list[str] = []
    penalty = 0.0
    sections = len(_SECTION.findall(c.text))
    most = max(len(_SECTION.findall(o.text)) for o in others)
    if most >= 2 and sections < most / 2:
        penalty += 10
        said.append(f"{sections} of {most} section signs")
    if c.restored:
        penalty += 2  # a guess: a text that kept its signs is better
        said.append(f"{c.restored} section signs restored")
    for what, pattern in (("page heads", PAGE_HEAD), ("raw entities", ENTITY)):
        n = len(pattern.findall(c.text))
        if n:
            penalty += min(n, 10)
            said.append(f"{n} {what}")
    n = len(MOJIBAKE.findall(c.text))
    if n:
        penalty += min(n, 10)
        said.append(f"{n} mojibake")
    marked = max(len(o.notes) for o in others)
    if marked and not c.notes:
        penalty += 5
        said.append(f"footnotes unmarked ({marked} elsewhere)")
    elif len(c.notes) < marked:
        penalty += 3
        said.append(f"{len(c.notes)} of {marked} footnotes marked")
    if any(o.pages for o in others) and not c.pages:
        penalty += 1
        said.append("no page map")
    longest = max(len(o.text) for o in others)
    if len(c.text) < 0.7 * longest:
        # plain_text is sometimes a converter's error message ("Usage: wpd2html ...")
        penalty += 100 if len(c.text) < 0.3 * longest else 20
        said.append(f"{100 * len(c.text) // longest}% of the longest text")
    return penalty, said


def choose_text(obj: dict[str, Any]) -> tuple[Candidate, str] | None:
    """The best text of an opinion object and why it was chosen (None: no text)."""
    found = candidates(obj)
    if not found:
        return None
    scored = [(faults(c, found), i, c) for i, c in enumerate(found)]
    best = min(scored, key=lambda s: (s[0][0], s[1]))

    def words(c: Candidate, said: list[str]) -> str:
        notes = f", {len(c.notes)} notes" if c.notes else ""
        return f"{c.field}{notes}: " + (", ".join(said) or "no faults")

    reason = "; ".join(
        [words(best[2], best[0][1])] + [words(c, f[1]) for f, _, c in scored if c is not best[2]]
    )
    return best[2], reason


def _caption_text(obj: dict[str, Any], text: str) -> str:
    """The opening of the opinion where its caption is read: the typed text if any."""
    plain = obj.get("plain_text") or ""
    longest = max((len(obj.get(k) or "") for k in HTML_FIELDS), default=0)
    if plain.strip() and len(plain) >= 0.3 * longest:
        return unescape(plain[:6000])
    return text[:6000]


def _header_known(obj: dict[str, Any], best: Candidate, known: dict[str, Any]) -> str:
    """Fill what the structured fields did not give from the opinion's own header
    (returned).

    The header is read where it always was: the typed `plain_text` as served (its
    caption, author line and date), unless that is missing or a converter's message;
    the text chosen for citations may be another.
    """
    plain = obj.get("plain_text") or ""
    longest = max((len(obj.get(k) or "") for k in HTML_FIELDS), default=0)
    typed = bool(plain.strip()) and len(plain) >= 0.3 * longest
    source = plain if typed else best.text
    head, _ = strip_star_pages(source[:HEADER_CHARS])
    wide, _ = strip_star_pages(source[: HEADER_CHARS * 3])
    body_end = best.notes[0][0] if best.notes else len(best.text)
    found = {
        "name": lambda: header_name(head),
        "court": lambda: header_court(head),
        "date": lambda: header_date(head) or header_date(wide),
        "dockets": lambda: [] if known.get("docket") else header_dockets(head),
        "judge": lambda: header_judge(wide if typed else head, best.text[:body_end][-3000:]),
        "citations": lambda: header_citations(head),
    }
    for key, read in found.items():
        if not known.get(key):
            value = read()
            if value:
                known[key] = value
    return head


def opinion_from_courtlistener(obj: dict[str, Any], source: str) -> Opinion:
    """Build an Opinion from a CourtListener opinion object (API object or bulk row)."""
    for key in ("plain_text", *HTML_FIELDS):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise CitegraphError(
                f"CourtListener field {key} should be text, not {type(obj[key]).__name__}: "
                "download the opinion again from CourtListener's opinions endpoint",
                source,
            )
    chosen = choose_text(obj)
    if chosen is None or not chosen[0].text.strip():
        raise CitegraphError(
            "CourtListener opinion without text or HTML (plain_text and html fields empty)",
            source,
        )
    best, reason = chosen
    text = best.text
    known: dict[str, Any] = {}
    for key in ("html", "html_lawbox"):
        if obj.get(key):
            known.update(_from_lawbox_head(obj[key]))
    slug = re.search(r"/opinion/\d+/([^/]+)/?$", str(obj.get("absolute_url") or ""))
    if slug and not known.get("name"):
        name = name_from_slug(slug.group(1), _caption_text(obj, text))
        if name:
            known["name"] = name
    cluster = obj.get("cluster")
    if isinstance(cluster, dict):
        known.update(_from_cluster(cluster))
    if obj.get("author_str"):
        known["judge"] = obj["author_str"]
    elif isinstance(obj.get("author"), dict) and obj["author"].get("name_last"):
        known["judge"] = obj["author"]["name_last"]
    if obj.get("type"):
        known["type"] = _OPINION_TYPES.get(str(obj["type"]), obj["type"])
    url = str(obj.get("download_url") or "")
    m = re.search(r"\b(ca\d+|cadc|cafc)\.uscourts\.gov", url)
    if m and not known.get("court"):
        known["court"] = m.group(1)
    known.pop("judges", None)
    head = _header_known(obj, best, known)
    op = opinion_from_text(
        text, source, prepared=True, pages=best.pages, footnotes=best.notes, header=head, **known
    )
    op.text_from = reason
    return op


def opinions_from_courtlistener(obj: dict[str, Any], source: str) -> list[Opinion]:
    """The opinions of an opinion object, or of a cluster with `sub_opinions` expanded."""
    subs = obj.get("sub_opinions")
    if isinstance(subs, list) and not any(k in obj for k in _TEXT_FIELDS):
        ops = []
        for sub in subs:
            if isinstance(sub, dict):
                sub = dict(sub)
                sub["cluster"] = {k: v for k, v in obj.items() if k != "sub_opinions"}
                ops.append(opinion_from_courtlistener(sub, source))
        return ops
    return [opinion_from_courtlistener(obj, source)]


def read_courtlistener(data: bytes, source: str) -> list[Opinion]:
    """Read a CourtListener opinion JSON file."""
    try:
        obj = json.loads(decode(data, source))
    except json.JSONDecodeError as e:
        raise CitegraphError(f"malformed JSON ({e})", source) from e
    if not is_courtlistener(obj):
        raise CitegraphError("JSON is not a CourtListener opinion (no plain_text or html)", source)
    return opinions_from_courtlistener(obj, source)


FORMAT = Format(
    "courtlistener",
    read_courtlistener,
    json_shape=is_courtlistener,
    from_json=opinions_from_courtlistener,
)
