"""CourtListener REST opinion JSON: plain_text, else the HTML fields.

An opinion object from the v3/v4 `opinions` endpoint carries the text in
`plain_text` or in one of the HTML fields (`html_with_citations`, `html_lawbox`,
`html_columbia`, `html`); the case name is in the `absolute_url` slug and the
caption. A cluster object, when given beside it, adds the name, date and citations.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import CitegraphError
from ..models import Opinion
from .text import decode, opinion_from_text

HTML_FIELDS = ("html_with_citations", "html_lawbox", "html_columbia", "html")


def html_to_text(html: str) -> str:
    """Visible text of an opinion's HTML, paragraphs kept as blank-line breaks."""
    import lxml.html

    doc = lxml.html.fromstring(html)
    for bad in doc.xpath("//script|//style"):
        bad.drop_tree()
    for block in doc.xpath("//p|//div|//br|//h1|//h2|//h3|//h4|//li|//tr|//pre|//blockquote"):
        block.tail = "\n\n" + (block.tail or "") if block.tag != "br" else "\n" + (block.tail or "")
    text = doc.text_content()
    return re.sub(r"\n{3,}", "\n\n", text)


def is_courtlistener(obj: Any) -> bool:
    """Whether a parsed JSON object is a CourtListener opinion."""
    return (
        isinstance(obj, dict)
        and ("plain_text" in obj or any(k in obj for k in HTML_FIELDS))
        and ("resource_uri" in obj or "absolute_url" in obj or "cluster" in obj)
    )


def opinion_from_courtlistener(obj: dict[str, Any], source: str) -> Opinion:
    """Build an Opinion from a CourtListener opinion object."""
    text = obj.get("plain_text") or ""
    if not text.strip():
        for key in HTML_FIELDS:
            if obj.get(key):
                text = html_to_text(obj[key])
                break
    if not text.strip():
        raise CitegraphError("CourtListener opinion without text or HTML", source)
    known: dict[str, Any] = {}
    if obj.get("author_str"):
        known["judge"] = obj["author_str"]
    if obj.get("type"):
        known["type"] = obj["type"]
    cluster = obj.get("cluster")
    if isinstance(cluster, dict):
        known["name"] = cluster.get("case_name") or cluster.get("case_name_full")
        known["date"] = cluster.get("date_filed")
        cites = cluster.get("citations") or []
        known["citations"] = [
            f"{c['volume']} {c['reporter']} {c['page']}"
            for c in cites
            if isinstance(c, dict) and {"volume", "reporter", "page"} <= c.keys()
        ]
    url = str(obj.get("download_url") or "")
    m = re.search(r"\b(ca\d+|cadc|cafc)\.uscourts\.gov", url)
    if m:
        known["court"] = m.group(1)
    return opinion_from_text(text, source, **known)


def read_courtlistener(path: Path) -> list[Opinion]:
    """Read a CourtListener opinion JSON file."""
    try:
        obj = json.loads(decode(path.read_bytes(), str(path)))
    except json.JSONDecodeError as e:
        raise CitegraphError(f"malformed JSON ({e.msg} at line {e.lineno})", str(path)) from e
    if not is_courtlistener(obj):
        raise CitegraphError(
            "JSON is not a CourtListener opinion (no plain_text or html)", str(path)
        )
    return [opinion_from_courtlistener(obj, str(path))]
