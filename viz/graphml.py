"""GraphML for Gephi, igraph and networkx.

Gephi-safe rules (DESIGN.md): attribute types only boolean, int, long, float, double,
string, one type per name; no None (the value is omitted), no NaN or inf; lists are
joined into a string with a count beside them; characters illegal in XML 1.0 are
stripped; the node label is an attribute named `label` and the edge weight `weight`;
key ids are our own names (never networkx's d0, d1...); edgedefault="directed".
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from .tables import atomic_write

PROPOSITION_CAP = 2000  # characters of joined propositions kept on an edge
_CR = {"\r": "&#13;"}  # as a reference: XML readers turn a raw "\r" into "\n"
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """`text` without characters XML 1.0 forbids."""
    return _ILLEGAL_XML.sub("", text)


def node_attributes(data: dict[str, Any]) -> dict[str, Any]:
    """The flat, typed attributes a node carries in exports."""
    cites = data.get("citations") or []
    return {
        "label": data.get("label"),
        "kind": data.get("kind"),
        "name": data.get("name"),
        "court": data.get("court"),
        "year": data.get("year"),
        "citations": " | ".join(cites) if cites else None,
        "n_citations": len(cites),
        "in_corpus": bool(data.get("in_corpus")),
        "cited_by": int(data.get("cited_by") or 0),
        "pagerank": data.get("pagerank"),
        "hub": data.get("hub"),
        "authority_score": data.get("authority_score"),
    }


def _join(values: list[Any], cap: int | None = None) -> str | None:
    seen: list[str] = []
    for v in values:
        if v not in (None, "") and str(v) not in seen:
            seen.append(str(v))
    if not seen:
        return None
    joined = " || ".join(seen)
    if cap is not None and len(joined) > cap:
        joined = joined[: cap - 1] + "…"
    return joined


def edge_attributes(data: dict[str, Any]) -> dict[str, Any]:
    """The flat, typed attributes an edge carries in exports."""
    occ = data.get("occurrences") or []
    pages = [o.get("page") for o in occ if o.get("page")]
    return {
        "weight": float(data.get("weight") or 1),
        "source": data.get("source") or "text",
        "propositions": _join([o.get("proposition") for o in occ], PROPOSITION_CAP),
        "signals": _join([o.get("signal") for o in occ]),
        "pins": _join([o.get("pin") for o in occ]),
        "parentheticals": _join([o.get("parenthetical") for o in occ], PROPOSITION_CAP),
        "treatments": _join([o.get("treatment") for o in occ]),
        "first_page": str(pages[0]) if pages else None,
    }


def _type_of(value: Any) -> str | None:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double" if math.isfinite(value) else None
    if isinstance(value, str):
        return "string"
    return None


def write_graphml(g: nx.DiGraph, path: str | Path | IO[str]) -> None:
    """Write `g` as Gephi-safe GraphML to a path (atomically) or an open text file."""
    if isinstance(path, (str, Path)):
        with atomic_write(path) as f:
            _write(g, f)
    else:
        _write(g, path)


def _write(g: nx.DiGraph, f: IO[str]) -> None:
    nodes = [(str(n), node_attributes(d)) for n, d in g.nodes(data=True)]
    edges = [(str(u), str(v), edge_attributes(d)) for u, v, d in g.edges(data=True)]
    keys: dict[tuple[str, str], str] = {}
    for domain, rows in (("node", [a for _, a in nodes]), ("edge", [a for *_, a in edges])):
        for attrs in rows:
            for name, value in attrs.items():
                t = _type_of(value)
                if t is None:
                    continue
                prev = keys.get((domain, name))
                if prev and prev != t:
                    keys[(domain, name)] = "double" if {prev, t} <= {"long", "double"} else "string"
                elif not prev:
                    keys[(domain, name)] = t
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    f.write(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for (domain, name), t in keys.items():
        f.write(
            f'  <key id="{domain}_{name}" for="{domain}" attr.name="{name}" attr.type="{t}"/>\n'
        )
    f.write('  <graph id="citegraph" edgedefault="directed">\n')
    for nid, attrs in nodes:
        f.write(f"    <node id={quoteattr(xml_safe(nid))}>")
        _data(f, "node", attrs, keys)
        f.write("</node>\n")
    for i, (u, v, attrs) in enumerate(edges):
        f.write(
            f'    <edge id="e{i}" source={quoteattr(xml_safe(u))} target={quoteattr(xml_safe(v))}>'
        )
        _data(f, "edge", attrs, keys)
        f.write("</edge>\n")
    f.write("  </graph>\n</graphml>\n")


def _data(f: IO[str], domain: str, attrs: dict[str, Any], keys: dict[tuple[str, str], str]) -> None:
    for name, value in attrs.items():
        t = keys.get((domain, name))
        if t is None or _type_of(value) is None:
            continue
        if t == "boolean":
            text = "true" if value else "false"
        elif t in ("long", "double"):
            text = repr(float(value)) if t == "double" else str(int(value))
        else:
            text = xml_safe(str(value))
        f.write(f'<data key="{domain}_{name}">{escape(text, _CR)}</data>')
