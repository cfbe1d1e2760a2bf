"""Caselaw Access Project (case.law): case JSON, case HTML and casebody XML.

A CAP case holds one or more opinions (majority, concurrence, dissent...) in its
casebody; each becomes its own Opinion with its author and type, its footnotes
(moved to the end of its text, spans kept) and its page map (from the page-number
markers of the printed report). The case's metadata comes from the JSON fields when
given (name_abbreviation, decision_date, court, docket_number, citations), else from
the head matter of the casebody (parties, court, decisiondate, docketnumber).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ...errors import CitegraphError
from ...models import Opinion
from .caphead import court_id, docket_number, head_matter
from .decoding import decode, load_json, peek
from .header import judge_name, opinion_from_text
from .html import Layout, finish, flush_notes, local, parse_html, walk
from .registry import Format

__all__ = ["court_id", "author_name", "is_cap_case", "opinions_from_casebody", "FORMAT_JSON"]

_CITE = re.compile(r"^\d+\s+[A-Za-z][\w.' &]*?\s+\d+$")


def is_cap_case(obj: Any) -> bool:
    """Whether a parsed JSON object is a CAP case: API case JSON, or a bulk casebody
    file that holds only {"casebody": {"data": "<casebody ...>", "status": "ok"}}."""
    if not isinstance(obj, dict) or "casebody" not in obj:
        return False
    if "name_abbreviation" in obj or "decision_date" in obj:
        return True
    body = obj["casebody"]
    data = body.get("data") if isinstance(body, dict) else body
    return isinstance(data, dict) or (isinstance(data, str) and data.lstrip()[:1] == "<")


def author_name(raw: str) -> str | None:
    """The judge named in a CAP author line ("WAUTERS, J.S.C." -> "Wauters")."""
    raw = re.sub(r"^\W+", "", re.sub(r"\s+", " ", raw)).strip(" .,:;\u2014-")
    raw = re.sub(r"^(?:Opinion|Memorandum)\s+(?:by|of)\s+", "", raw, flags=re.I)
    if not raw or re.fullmatch(r"per curiam", raw, re.I):
        return None
    m = re.match(
        r"(?i:Mr\.|Mrs\.|Ms\.|Madam|Madame)?\s*(?i:Chief\s+)?(?i:Justice)\s+"
        r"((?:[A-Z][\w.'\-]*\s+)*?[A-Z][\w'\-]+)(?:\s+[a-z]|[,.]|$)",
        raw,
    )
    if m:
        return judge_name(m.group(1))
    raw = re.split(
        r",?\s+(?:(?:United\s+States|Senior|Chief|Presiding|Associate|Acting|Circuit|District|"
        r"Appellate|Bankruptcy|Magistrate)\s+)*"
        r"(?:Judge|Justice)\b|,\s*(?:[A-Z]\.\s?)*J(?:J|A|S)?\.?(?:[A-Z]\.?)*$|,\s*(?:C\.\s?J|P\.\s?J)\.?",
        raw,
    )[0]
    raw = re.sub(
        r"\s*(?:delivered|dissenting|concurring|announced|wrote)\b.*$", "", raw, flags=re.I
    )
    raw = raw.strip(" ,.")
    if not raw or len(raw) > 60:
        return None
    return judge_name(raw)


def _xml_root(xml: str, source: str) -> Any:
    from lxml import etree

    try:
        return etree.fromstring(
            re.sub(r"^\s*<\?xml[^>]*\?>", "", xml).encode("utf-8"),
            parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True),
        )
    except etree.XMLSyntaxError as e:
        raise CitegraphError(f"malformed CAP casebody XML: {e}", source) from e


@dataclass(frozen=True)
class _Report:
    """The first and last page of the printed report a casebody spans."""

    first: str | None
    last: str | None

    def holds(self, label: str | None) -> bool:
        """Whether page `label` is of this report: pages of a parallel reporter are
        marked up too ("*267" in an A.3d case); a page that cannot be told is kept."""
        if not (label and self.first and self.last and label.isdigit()):
            return True
        if not (self.first.isdigit() and self.last.isdigit()):
            return True
        return int(self.first) <= int(label) <= int(self.last)


def opinions_from_casebody(root: Any, source: str, meta: dict[str, Any]) -> list[Opinion]:
    """One Opinion per opinion element of a CAP casebody (XML or HTML tree)."""
    report = _Report(
        root.get("firstpage") or root.get("data-firstpage"),
        root.get("lastpage") or root.get("data-lastpage"),
    )
    elements = _opinion_elements(root)
    start_pages = _start_pages(root, elements, report)
    if not elements:
        elements, start_pages = [root], {0: report.first}
    head = head_matter(root, meta)
    opinions = (
        _casebody_opinion(
            [elements[i] for i in group], start_pages.get(group[0]), head, source, report
        )
        for group in _opinion_groups(elements)
    )
    return _numbered(opinions, source, "CAP case without opinion text (casebody status not ok?)")


def _has_class(el: Any, name: str) -> bool:
    return name in (el.get("class") or "").split()


def _opinion_elements(root: Any) -> list[Any]:
    """The opinion elements of a casebody: <opinion> in XML, <article class="opinion"> in HTML."""
    return [
        el
        for el in root.iter()
        if local(el) == "opinion" or (local(el) == "article" and _has_class(el, "opinion"))
    ]


def _start_pages(root: Any, elements: list[Any], report: _Report) -> dict[int, str | None]:
    """The page on which each opinion element starts: the last page marker before it."""
    index = {id(el): i for i, el in enumerate(elements)}
    out: dict[int, str | None] = {}
    current = report.first
    for el in root.iter():
        marker = local(el) == "page-number" or _has_class(el, "page-label")
        if marker and (el.get("citation-index") or el.get("data-citation-index") or "1") == "1":
            label = (el.get("label") or el.get("data-label") or "").lstrip("*")
            current = label if label and report.holds(label) else current
        if id(el) in index:
            out[index[id(el)]] = current
    return out


def _opinion_groups(elements: list[Any]) -> list[list[int]]:
    """The opinion elements that make one opinion: an element of no type (a paragraph
    CAP split off, as in an order of several numbered paragraphs) joins the next
    opinion, the last one the opinion before it."""
    groups: list[list[int]] = []
    pending: list[int] = []
    for i, el in enumerate(elements):
        pending.append(i)
        if el.get("type") or el.get("data-type") not in (None, "opinion"):
            groups.append(pending)
            pending = []
    if pending and groups:
        groups[-1].extend(pending)
    elif pending:
        groups.append(pending)
    return groups


def _casebody_opinion(
    els: list[Any], start_page: str | None, head: dict[str, Any], source: str, report: _Report
) -> Opinion | None:
    """The Opinion of one or more opinion elements (None if they hold no text)."""
    layout = Layout()
    if start_page:
        layout.pages.append((0, start_page))
    for el in els:
        walk(el, layout)
        layout.paragraph()
    el = els[-1]
    flush_notes(layout)
    text, pages, notes = finish(layout)
    if not text:
        return None
    known = dict(head)
    known["type"] = el.get("type") or el.get("data-type") or "majority"
    author = next(
        (a for e in els for a in e.iter() if local(a) == "author" or _has_class(a, "author")),
        None,
    )
    if author is not None:
        words = Layout()
        walk(author, words)
        known["judge"] = author_name("".join(words.parts))
    return opinion_from_text(
        text,
        source,
        prepared=True,
        pages=_dedupe([(o, p) for o, p in pages if report.holds(p)]),
        footnotes=notes,
        header=text[:4000],
        **known,
    )


def _numbered(opinions: Iterable[Opinion | None], source: str, empty: str) -> list[Opinion]:
    """A case's opinions (None: an opinion without text, left out); each after the
    first that is not the majority's takes its type into its id ("X (dissent)").

    Raises:
        CitegraphError: no opinion has text (`empty` says why).
    """
    out: list[Opinion] = []
    for op in opinions:
        if op is None:
            continue
        if out and op.type != "majority":
            op.id = f"{op.id} ({op.type})"
        out.append(op)
    if not out:
        raise CitegraphError(empty, source)
    return out


def _dedupe(pages: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for off, p in pages:
        if out and out[-1][0] == off:
            out[-1] = (off, p)
        elif not out or out[-1][1] != p:
            out.append((off, p))
    return out


def opinions_from_cap_json(obj: dict[str, Any], source: str) -> list[Opinion]:
    """Opinions of a CAP case JSON object."""
    body = obj.get("casebody") or {}
    data = body.get("data") if isinstance(body, dict) else body
    if not data:
        raise CitegraphError(
            f"CAP case without casebody text (status {body.get('status')!r}); "
            "ask the API for full_case=true",
            source,
        )
    court = obj.get("court") or {}
    cites = [c.get("cite", "") for c in obj.get("citations") or [] if isinstance(c, dict)]
    docket = (obj.get("docket_number") or "").strip()
    meta: dict[str, Any] = {
        "name": obj.get("name_abbreviation") or None,
        "date": obj.get("decision_date") or None,
        "court": court_id(court.get("name"), court.get("name_abbreviation"))
        if isinstance(court, dict)
        else None,
        "citations": [c for c in cites if _CITE.match(c.strip())],
        "dockets": [docket_number(docket)] if docket else [],
    }
    if isinstance(data, dict):  # the JSON flavour of casebody
        return _from_casebody_json(data, source, meta)
    text = str(data)
    if text.lstrip().startswith("<section") or 'class="casebody"' in text[:500]:
        return opinions_from_casebody(_casebody_root(parse_html(text)), source, meta)
    if text.lstrip().startswith("<"):
        return opinions_from_casebody(_xml_root(text, source), source, meta)
    return [opinion_from_text(text, source, **{k: v for k, v in meta.items() if v})]


def _casebody_root(tree: Any) -> Any:
    """The section.casebody of a CAP HTML tree (the tree itself if none)."""
    return next((el for el in tree.iter() if _has_class(el, "casebody")), tree)


def _from_casebody_json(data: dict[str, Any], source: str, meta: dict[str, Any]) -> list[Opinion]:
    """CAP's JSON casebody: {"opinions": [{"type", "author", "text"}], ...}."""
    opinions = (_json_opinion(op, source, meta) for op in data.get("opinions") or [])
    return _numbered(opinions, source, "CAP case without opinion text")


def _json_opinion(op: dict[str, Any], source: str, meta: dict[str, Any]) -> Opinion | None:
    """The Opinion of one opinion of a JSON casebody (None if it holds no text)."""
    text = op.get("text") or ""
    if not text.strip():
        return None
    known = {k: v for k, v in meta.items() if v}
    known["type"] = op.get("type") or "majority"
    if op.get("author"):
        known["judge"] = author_name(op["author"])
    return opinion_from_text(text, source, **known)


def read_cap_json(data: bytes, source: str) -> list[Opinion]:
    """Read a CAP case JSON file."""
    return opinions_from_cap_json(load_json(data, source), source)


def read_cap_html(data: bytes, source: str) -> list[Opinion]:
    """Read a CAP case HTML file (section.casebody with its head matter and articles)."""
    root = _casebody_root(parse_html(decode(data, source)))
    meta: dict[str, Any] = {}
    case_id = root.get("data-case-id") or ""
    cite = _cite_from_case_id(case_id)
    if cite:
        meta["citations"] = [cite]
    return opinions_from_casebody(root, source, meta)


def read_cap_xml(data: bytes, source: str) -> list[Opinion]:
    """Read a CAP casebody XML file."""
    return opinions_from_casebody(_xml_root(decode(data, source), source), source, {})


def _cite_from_case_id(case_id: str) -> str | None:
    """The case's own citation from a CAP HTML case id ("FC:NE3d/1/1ne3d259.xml")."""
    m = re.match(r"[A-Z]+:([A-Za-z0-9.]+)/(\d+)/[^/]*?(\d+)(?:_[^/]*)?\.xml$", case_id)
    if not m:
        return None
    key, volume, page = m.groups()
    reporter = _reporter_by_key().get(key.lower().replace(".", ""))
    return f"{volume} {reporter} {page}" if reporter else None


@functools.cache  # built whole before any thread sees it
def _reporter_by_key() -> dict[str, str]:
    """Reporter abbreviations keyed without dots and spaces ("ne3d" -> "N.E.3d")."""
    from reporters_db import REPORTERS

    found: dict[str, str] = {}
    for key, editions in REPORTERS.items():
        for ed in editions:
            for abbr in ed.get("editions", {}):
                found.setdefault(re.sub(r"[.\s]", "", abbr).lower(), abbr)
        found.setdefault(re.sub(r"[.\s]", "", key).lower(), key)
    return found


FORMAT_JSON = Format(
    "cap-json", read_cap_json, json_shape=is_cap_case, from_json=opinions_from_cap_json
)


FORMAT_HTML = Format(
    "cap-html",
    read_cap_html,
    sniff=lambda head: bool(re.search(r"<section[^>]+class=\"casebody\"", peek(head)[:3000])),
)


FORMAT_XML = Format(
    "cap-xml",
    read_cap_xml,
    extensions=(".xml",),
    # a casebody, or one opinion of it without its head matter (CourtListener's xml_harvard)
    sniff=lambda head: bool(
        re.match(r"\s*(?:<\?xml[^>]*\?>\s*)?<(?:casebody|opinion)\b", peek(head))
    ),
)
