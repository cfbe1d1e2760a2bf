"""Caselaw Access Project (case.law): case JSON, case HTML and casebody XML.

A CAP case holds one or more opinions (majority, concurrence, dissent...) in its
casebody; each becomes its own Opinion with its author and type, its footnotes
(moved to the end of its text, spans kept) and its page map (from the page-number
markers of the printed report). The case's metadata comes from the JSON fields when
given (name_abbreviation, decision_date, court, docket_number, citations), else from
the head matter of the casebody (parties, court, decisiondate, docketnumber).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...errors import CitegraphError
from ...models import Opinion
from .caption import bluebook, caption_name, party_name
from .decoding import decode, peek
from .header import header_court, header_date, judge_name, opinion_from_text
from .html import Layout, finish, flush_notes, local, parse_html, walk
from .registry import Format

_CITE = re.compile(r"^\d+\s+[A-Za-z][\w.' &]*?\s+\d+$")


def is_cap_case(obj: Any) -> bool:
    """Whether a parsed JSON object is a CAP case."""
    return (
        isinstance(obj, dict)
        and "casebody" in obj
        and ("name_abbreviation" in obj or "decision_date" in obj)
    )


def author_name(raw: str) -> str | None:
    """The judge named in a CAP author line ("WAUTERS, J.S.C." -> "Wauters")."""
    raw = re.sub(r"\s+", " ", raw).strip(" .,:")
    if not raw or re.fullmatch(r"per curiam", raw, re.I):
        return None
    m = re.match(r"(?:Mr\.|Mrs\.|Ms\.|Madam|Madame)?\s*(?:Chief\s+)?Justice\s+([A-Z][\w'\-]+)", raw)
    if m:
        return m.group(1)
    raw = re.split(
        r",?\s+(?:(?:Senior|Chief|Presiding|Associate|Acting|Circuit|District|Appellate)\s+)*"
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


def court_id(name: str | None, abbreviation: str | None = None) -> str | None:
    """The courts-db id of a court given by name or by its citation abbreviation."""
    import courts_db

    if name:
        name = name.strip(" .,;")
        for text in (name, name.split(",")[0]):
            found = courts_db.find_court(text)
            if len(found) == 1:
                return str(found[0])
    if abbreviation:
        hits = [c["id"] for c in courts_db.courts if c.get("citation_string") == abbreviation]
        if len(hits) == 1:
            return str(hits[0])
    if name:
        found = header_court(name.replace(", ", "\n"))
        if found:
            return found
        # "New Jersey Superior Court, Chancery Division" -> "Superior Court of New Jersey ..."
        m = re.match(r"(\w+(?: \w+)?) (Superior|Supreme|Circuit|District) Court\b(.*)", name)
        if m:
            flipped = f"{m.group(2)} Court of {m.group(1)}{m.group(3)}".replace(",", "")
            hits = courts_db.find_court(flipped)
            if len(hits) == 1:
                return str(hits[0])
    return None


def _xml_root(xml: str, source: str) -> Any:
    from lxml import etree

    try:
        return etree.fromstring(
            re.sub(r"^\s*<\?xml[^>]*\?>", "", xml).encode("utf-8"),
            parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True),
        )
    except etree.XMLSyntaxError as e:
        raise CitegraphError(f"malformed CAP casebody XML: {e}", source) from e


def _head_field(root: Any, *names: str) -> str | None:
    found = _head_fields(root, *names)
    return found[0] if found else None


def _head_fields(root: Any, *names: str) -> list[str]:
    """The text of every head-matter element of these names (XML tags or HTML classes)."""
    out = []
    for el in root.iter():
        if local(el) in names or (set((el.get("class") or "").split()) & set(names)):
            words = Layout()
            walk(el, words, notes_to_end=False)  # footnote marks ("Flowers *") left out
            text = re.sub(r"\s+", " ", "".join(words.parts)).strip()
            if text:
                out.append(text)
    return out


def opinions_from_casebody(root: Any, source: str, meta: dict[str, Any]) -> list[Opinion]:
    """One Opinion per opinion element of a CAP casebody (XML or HTML tree)."""
    first_page = root.get("firstpage") or root.get("data-firstpage")
    last_page = root.get("lastpage") or root.get("data-lastpage")

    def in_report(label: str | None) -> bool:
        # pages of a parallel reporter are marked up too ("*267" in an A.3d case)
        if not (label and first_page and last_page and label.isdigit()):
            return True
        if not (first_page.isdigit() and last_page.isdigit()):
            return True
        return int(first_page) <= int(label) <= int(last_page)

    ops_el = [
        el
        for el in root.iter()
        if local(el) == "opinion"
        or (local(el) == "article" and "opinion" in (el.get("class") or "").split())
    ]
    # The page on which each opinion starts: the last page marker before it.
    page_before: dict[int, str | None] = {}
    current = first_page
    for el in root.iter():
        marker = local(el) == "page-number" or "page-label" in (el.get("class") or "").split()
        if marker and (el.get("citation-index") or el.get("data-citation-index") or "1") == "1":
            label = (el.get("label") or el.get("data-label") or "").lstrip("*")
            current = label if label and in_report(label) else current
        for i, op_el in enumerate(ops_el):
            if el is op_el:
                page_before[i] = current
    if not ops_el:
        ops_el = [root]
        page_before[0] = first_page
    head = meta.copy()
    if not head.get("name"):
        parties = _head_field(root, "parties")
        if parties:
            m = re.match(r"(?:In\s+re|In\s+the\s+Matter\s+of)\s*:?\s+(.+)", parties, re.I)
            if m and not re.search(r"\sv\.\s", parties):
                head["name"] = bluebook(f"In re {party_name(m.group(1))}")
            else:
                head["name"] = caption_name(re.sub(r"\s+v\.\s+", "\nv.\n", parties))
    if not head.get("court"):
        head["court"] = court_id(_head_field(root, "court"))
    if not head.get("date"):
        decided = _head_field(root, "decisiondate") or ""
        head["date"] = header_date("\n".join(re.split(r"(?<=\.)\s+(?=[A-Z])", decided)))
    dockets = [
        re.sub(r"^(?:Nos?\.|Docket\s+No\.)\s*", "", d).rstrip(".")
        for d in _head_fields(root, "docketnumber")
    ]
    if not head.get("date") and dockets:
        # CAP sometimes files the decision date under docketnumber ("Feb. 15" "2011.")
        head["date"] = header_date(" ".join(dockets))
    if not head.get("dockets"):
        # a docket number has digits, is short, and is not a date or a caption
        head["dockets"] = [
            d
            for d in dockets
            if re.search(r"\d", d)
            and len(d) < 40
            and not re.search(r"\sv\.\s|^\d{4}$", d)
            and not re.match(r"[A-Z][a-z]{2,8}\.?\s+\d", d)
        ]
    out: list[Opinion] = []
    for i, el in enumerate(ops_el):
        layout = Layout()
        start_page = page_before.get(i)
        if start_page:
            layout.pages.append((0, start_page))
        walk(el, layout)
        flush_notes(layout)
        text, pages, notes = finish(layout)
        if not text:
            continue
        author = next(
            (
                a
                for a in el.iter()
                if local(a) == "author" or "author" in (a.get("class") or "").split()
            ),
            None,
        )
        known = dict(head)
        known["type"] = el.get("type") or el.get("data-type") or "majority"
        if author is not None:
            words = Layout()
            walk(author, words)
            known["judge"] = author_name("".join(words.parts))
        op = opinion_from_text(
            text,
            source,
            prepared=True,
            pages=_dedupe([(o, p) for o, p in pages if in_report(p)]),
            footnotes=notes,
            header=text[:4000],
            **known,
        )
        if out and op.type != "majority":
            op.id = f"{op.id} ({op.type})"
        out.append(op)
    if not out:
        raise CitegraphError("CAP case without opinion text (casebody status not ok?)", source)
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
        "dockets": [re.sub(r"^(?:Nos?\.|Docket\s+No\.)\s*", "", docket).rstrip(".")]
        if docket
        else [],
    }
    if isinstance(data, dict):  # the JSON flavour of casebody
        return _from_casebody_json(data, source, meta)
    text = str(data)
    if text.lstrip().startswith("<section") or 'class="casebody"' in text[:500]:
        tree = parse_html(text)
        root = next(
            (el for el in tree.iter() if "casebody" in (el.get("class") or "").split()), tree
        )
        return opinions_from_casebody(root, source, meta)
    if text.lstrip().startswith("<"):
        return opinions_from_casebody(_xml_root(text, source), source, meta)
    return [opinion_from_text(text, source, **{k: v for k, v in meta.items() if v})]


def _from_casebody_json(data: dict[str, Any], source: str, meta: dict[str, Any]) -> list[Opinion]:
    """CAP's JSON casebody: {"opinions": [{"type", "author", "text"}], ...}."""
    out: list[Opinion] = []
    for op in data.get("opinions") or []:
        text = op.get("text") or ""
        if not text.strip():
            continue
        known = {k: v for k, v in meta.items() if v}
        known["type"] = op.get("type") or "majority"
        if op.get("author"):
            known["judge"] = author_name(op["author"])
        o = opinion_from_text(text, source, **known)
        if out and o.type != "majority":
            o.id = f"{o.id} ({o.type})"
        out.append(o)
    if not out:
        raise CitegraphError("CAP case without opinion text", source)
    return out


def read_cap_json(data: bytes, source: str) -> list[Opinion]:
    """Read a CAP case JSON file."""
    try:
        obj = json.loads(decode(data, source))
    except json.JSONDecodeError as e:
        raise CitegraphError(f"malformed JSON ({e})", source) from e
    return opinions_from_cap_json(obj, source)


def read_cap_html(data: bytes, source: str) -> list[Opinion]:
    """Read a CAP case HTML file (section.casebody with its head matter and articles)."""
    tree = parse_html(decode(data, source))
    root = next((el for el in tree.iter() if "casebody" in (el.get("class") or "").split()), tree)
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


_REPORTERS: dict[str, str] = {}


def _reporter_by_key() -> dict[str, str]:
    """Reporter abbreviations keyed without dots and spaces ("ne3d" -> "N.E.3d")."""
    if not _REPORTERS:
        from reporters_db import REPORTERS

        for key, editions in REPORTERS.items():
            for ed in editions:
                for abbr in ed.get("editions", {}):
                    _REPORTERS.setdefault(re.sub(r"[.\s]", "", abbr).lower(), abbr)
            _REPORTERS.setdefault(re.sub(r"[.\s]", "", key).lower(), key)
    return _REPORTERS


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
    sniff=lambda head: bool(re.match(r"\s*(?:<\?xml[^>]*\?>\s*)?<casebody\b", peek(head))),
)
