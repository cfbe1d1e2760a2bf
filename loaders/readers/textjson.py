"""Opinion text under a common key of a JSON object or JSON Lines row, with its metadata.

Many data sets carry an opinion as one object: the text under `text`, `plain_text`,
`body`, `opinion`, `content`, `html`... and a few metadata fields beside it (`name` /
`case_name` / `caption` / `title`, `court` / `court_id`, `date` / `decision_date` /
`date_filed`, `docket` / `docket_number`, `citation(s)`, `judge`), sometimes in a nested
metadata object (`metadata`, `meta`, `metadm`). HTML in the text field is laid out by
the HTML reader. The LLT VetClaims Board of Veterans' Appeals JSON is one of them:
`text` and `metadm` {citationNr, decisionDate, docketNumber, judge}; its own citation
is written as the Board prints it ("Citation Nr: 1315144").

CourtListener and Caselaw Access Project objects are read by their own formats, which
the registry tries first; an object with none of these text fields is not an opinion.
"""

from __future__ import annotations

import re
from typing import Any

from ...models import Opinion
from .caphead import court_id
from .caption import bluebook
from .header import header_date, judge_name, opinion_from_text
from .html import finish, layout, parse_html
from .registry import Format

# The keys that hold the opinion text, best first.
TEXT_KEYS = (
    "plain_text", "text", "opinion_text", "opinion", "body", "content", "full_text",
    "casebody_text", "html", "html_with_citations", "html_lawbox",
)  # fmt: skip
_META_KEYS = ("metadata", "meta", "metadm", "case", "cluster")
_FIELDS: dict[str, tuple[str, ...]] = {
    "name": (
        "name_abbreviation", "case_name", "caseName", "case_name_short", "name", "caption",
        "title", "case_name_full",
    ),
    "court": ("court_id", "court", "court_name", "courtName", "court_abbreviation"),
    "date": (
        "decision_date", "decisionDate", "date_filed", "dateFiled", "date_decided", "decided",
        "date",
    ),
    "docket": ("docket_number", "docketNumber", "docket", "docket_no", "docketNo"),
    "citations": ("citations", "citation", "cites", "cite", "citationNr"),
    "judge": ("judge", "author", "author_str", "judges"),
    "type": ("type", "opinion_type"),
}  # fmt: skip


def text_field(obj: Any) -> str | None:
    """The key of a JSON object that holds the opinion text, if any."""
    if not isinstance(obj, dict):
        return None
    return next((k for k in TEXT_KEYS if isinstance(obj.get(k), str) and obj[k].strip()), None)


def is_text_json(obj: Any) -> bool:
    """Whether a parsed JSON object carries opinion text under a common key."""
    return text_field(obj) is not None


def _fields(obj: dict[str, Any]) -> dict[str, Any]:
    """The object's fields, those of a nested metadata object added where it has them."""
    merged = dict(obj)
    for key in _META_KEYS:
        inner = obj.get(key)
        if isinstance(inner, dict):
            for k, v in inner.items():
                merged.setdefault(k, v)
    return merged


def _first(fields: dict[str, Any], what: str) -> Any:
    for key in _FIELDS[what]:
        value = fields.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def metadata(obj: dict[str, Any]) -> dict[str, Any]:
    """What the metadata fields of a text JSON object say, in Opinion terms."""
    fields = _fields(obj)
    known: dict[str, Any] = {}
    name = _first(fields, "name")
    if isinstance(name, str) and name.strip():
        known["name"] = bluebook(re.sub(r"\s+", " ", name).strip())
    court = _court(_first(fields, "court"))
    if court:
        known["court"] = court
    date = _date(_first(fields, "date"))
    if date:
        known["date"] = date
    docket = _first(fields, "docket")
    if isinstance(docket, (str, int)) and str(docket).strip():
        known["dockets"] = [str(docket).strip()]
    cites = _citations(fields)
    if cites:
        known["citations"] = cites
    judge = _first(fields, "judge")
    if isinstance(judge, str) and 2 < len(judge.strip()) < 80:
        known["judge"] = judge_name(judge)
    kind = _first(fields, "type")
    if isinstance(kind, str) and len(kind) < 40:
        known["type"] = kind
    return known


def _court(value: Any) -> str | None:
    """A courts-db id from a court field: an id as is, a name or abbreviation looked up."""
    if isinstance(value, dict):
        return court_id(value.get("name"), value.get("name_abbreviation")) or (
            _court(value.get("id")) if isinstance(value.get("id"), str) else None
        )
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    m = re.search(r"/courts/([a-z0-9]+)/?$", value)
    if m:
        return m.group(1)
    import courts_db

    if re.fullmatch(r"[a-z0-9]+", value) and any(c["id"] == value for c in courts_db.courts):
        return value
    return court_id(value, value)


def _date(value: Any) -> str | None:
    """An ISO date from a date field ("2013-05-08T00:00:00", "May 8, 2013", "05/08/2013")."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    m = re.match(r"(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4})(?:$|[T\s])", value)
    if m:
        return m.group(1)
    return header_date(f"Decided {value}")


def _citations(fields: dict[str, Any]) -> list[str]:
    """The opinion's own citations: strings, CAP {"cite"} or CourtListener {volume,
    reporter, page} objects; a BVA citation number as the Board prints it."""
    if fields.get("citationNr") not in (None, ""):
        return [f"Citation Nr: {fields['citationNr']}"]
    value = _first(fields, "citations")
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, dict):
            if {"volume", "reporter", "page"} <= item.keys():
                item = f"{item['volume']} {item['reporter']} {item['page']}"
            else:
                item = item.get("cite")
        if isinstance(item, str):
            out.extend(
                c.strip() for c in item.split(";") if re.match(r"\d+\s+\S.*\s+\d+$", c.strip())
            )
    return out


def opinions_from_text_json(obj: dict[str, Any], source: str) -> list[Opinion]:
    """The Opinion of a JSON object that carries its text under a common key."""
    key = text_field(obj)
    text = obj[key] if key else ""
    known = metadata(obj)
    if key and (key.startswith("html") or _is_html(text)):
        laid, pages, notes = finish(layout(parse_html(text)))
        return [
            opinion_from_text(laid, source, prepared=True, pages=pages, footnotes=notes, **known)
        ]
    return [opinion_from_text(text, source, **known)]


def _is_html(text: str) -> bool:
    start = text.lstrip()[:2000].lower()
    return start.startswith("<") and bool(
        re.search(r"<(?:p|div|body|html|pre|br|span|section|article)\b", start)
    )


def read_text_json(data: bytes, source: str) -> list[Opinion]:
    """Read a JSON file of one text-carrying object (through the generic JSON reader)."""
    from .registry import read_json

    return read_json(data, source)


FORMAT = Format(
    "text-json", read_text_json, json_shape=is_text_json, from_json=opinions_from_text_json
)
