"""CourtListener opinion JSON (REST v3/v4 and bulk rows): plain_text, else the HTML fields.

An opinion object carries the text in `plain_text` or in one of the HTML fields
(`html_with_citations`, `html_lawbox`, `html_columbia`, `html`). Its metadata, best
first: a cluster object given inline (`cluster` expanded, or a cluster JSON whose
`sub_opinions` are expanded) with case name, date, docket and citations; the
lawbox-style head of the `html` field (`case_cite`, `parties`, `docket`, `date`);
the case-name slug of `absolute_url` (spelled the way the caption spells it); the
court in `download_url`; and last the opinion's own header.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...errors import CitegraphError
from ...models import Opinion
from .caption import bluebook, caption_name, name_from_slug
from .decoding import decode
from .header import header_court, header_date, opinion_from_text
from .html import html_to_text
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


def opinion_from_courtlistener(obj: dict[str, Any], source: str) -> Opinion:
    """Build an Opinion from a CourtListener opinion object (API object or bulk row)."""
    for key in ("plain_text", *HTML_FIELDS):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise CitegraphError(
                f"CourtListener field {key} should be text, not {type(obj[key]).__name__}: "
                "download the opinion again from CourtListener's opinions endpoint",
                source,
            )
    text = obj.get("plain_text") or ""
    longest = max((len(obj.get(k) or "") for k in HTML_FIELDS), default=0)
    if len(text) < 0.3 * longest:
        # plain_text is sometimes a converter's error message ("Usage: wpd2html ...")
        # while the HTML holds the opinion: take the HTML when it is far longer.
        text = ""
    if not text.strip():
        for key in HTML_FIELDS:
            if obj.get(key):
                text = html_to_text(obj[key])
                if text.strip():
                    break
    if not text.strip():
        raise CitegraphError(
            "CourtListener opinion without text or HTML (plain_text and html fields empty)",
            source,
        )
    known: dict[str, Any] = {}
    for key in ("html", "html_lawbox"):
        if obj.get(key):
            known.update(_from_lawbox_head(obj[key]))
    slug = re.search(r"/opinion/\d+/([^/]+)/?$", str(obj.get("absolute_url") or ""))
    if slug and not known.get("name"):
        name = name_from_slug(slug.group(1), text[:6000])
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
    return opinion_from_text(text, source, **known)


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
