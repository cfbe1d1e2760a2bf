"""The terminal: what `citegraph show` and `citegraph stats` print, as rich renderables.

Text from opinions is untrusted: it always travels in rich `Text` objects, never as
console markup, so a bracket in a proposition ("the [municipality]") prints as
written and cannot restyle the terminal.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Group as Stack
from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..graph.status import RED

Row = dict[str, Any]


# C0 and C1 control characters: ESC and CSI would let opinion text drive the terminal
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _line(value: Any) -> str:
    """Text from an opinion, safe and on one line: control characters go, and line
    breaks inside a citation ("Fed.\nR. Crim. P. 35") are the layout of the source."""
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def passage(row: Row, heading: str | None = None) -> RenderableType:
    """One citation occurrence: where it stands, the citation as written with its
    signal, parenthetical and treatment, then the proposition it supports."""
    line = Text()
    if heading:
        line.append(_line(heading), style="bold")
        line.append("  ")
    where = []
    if row.get("page"):
        where.append(f"p. {row['page']}")
    if row.get("footnote"):
        where.append(f"n. {row['footnote']}")
    if where:
        line.append(", ".join(where) + "  ", style="dim")
    if row.get("signal"):
        line.append(_line(row["signal"]) + " ", style="italic")
    text = _line(row.get("text") or "")
    line.append(text, style="cyan")
    if row.get("pin") and str(row["pin"]) not in text:
        line.append(f", {row['pin']}", style="cyan")
    if row.get("parenthetical"):
        line.append(f" ({_line(row['parenthetical'])})")
    if row.get("treatment"):
        line.append(f"  [{row['treatment']}]", style="yellow")
    if row.get("part") and row["part"] != "majority":
        line.append(f"  (in a {_line(row['part'])})", style="dim")
    if row.get("via_label"):
        line.append(f"  in the parenthetical of {row['via_label']}", style="dim")
    parts: list[RenderableType] = [line]
    if row.get("proposition"):
        parts.append(Padding(Text(_line(row["proposition"])), (0, 0, 0, 4), expand=False))
    return Stack(*parts)


def show(result: dict[str, Any]) -> list[RenderableType]:
    """What `citegraph show` prints: the match, who cites it and for what, and (for a
    corpus opinion) what it cites, in order.

    Args:
        result: {"match": ..., "cited_by": [groups], "cites": [rows]}, as cli.show
            assembles it from graph.query.
    """
    m = result["match"]
    out: list[RenderableType] = []
    title = Text(_line(m["label"]), style="bold")
    facts = [m["kind"]] + [str(x) for x in (m.get("court"), m.get("year")) if x]
    if m.get("in_corpus"):
        facts.append("in the corpus")
    title.append("  " + " · ".join(facts), style="dim")
    out.append(title)
    if m.get("citations"):
        out.append(Text(" = ".join(m["citations"]), style="dim"))
    for t in result.get("status") or []:
        flag = Text(
            f"{t['treatment'].upper()}",
            style="bold red" if t["treatment"] in RED else "bold yellow",
        )
        by = t.get("by_label") or t.get("by")
        flag.append(f" by {_line(by)}" if by else "")
        if t.get("words"):
            flag.append(f": {_line(t['words'])}", style="default")
        out.append(flag)

    groups = result["cited_by"]
    n = sum(len(g["passages"]) for g in groups)
    if groups or not m.get("in_corpus"):
        out.append(Text())
        out.append(
            Text(
                f"Cited {_plural(n, 'time')} by {_plural(len(groups), 'opinion')}"
                + (":" if groups else "."),
                style="bold",
            )
        )
    for g in groups:
        out.append(Text())
        head = Text(_line(g["label"]), style="bold green")
        head.append(f"  {_plural(len(g['passages']), 'passage')}", style="dim")
        out.append(head)
        for row in g["passages"]:
            out.append(Padding(passage(row), (0, 0, 0, 2), expand=False))

    if m.get("in_corpus"):
        rows = result["cites"]
        out.append(Text())
        authorities = len({r["authority"] for r in rows})
        out.append(
            Text(
                f"Cites {_plural(authorities, 'authority', 'authorities')}"
                f" in {_plural(len(rows), 'passage')}, in order:",
                style="bold",
            )
        )
        for i, row in enumerate(rows, 1):
            out.append(
                Padding(passage(row, heading=f"{i}. {row['label']}"), (0, 0, 0, 2), expand=False)
            )
    return out


_TEXT_COLUMNS = {"authority", "node", "opinion", "kind", "as written"}


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold")
    for name in columns:
        table.add_column(name, justify="left" if name in _TEXT_COLUMNS else "right")
    return table


def _cells(*values: Any) -> list[Text]:
    return [Text(f"{v:.4g}" if isinstance(v, float) else _line(v)) for v in values]


def stats(s: dict[str, Any]) -> list[RenderableType]:
    """What `citegraph stats` prints: one table per question (graph.query.stats)."""
    c = s["counts"]
    out: list[RenderableType] = [
        Text(
            f"{c['opinions']} opinions, {c['citations']} citations, "
            f"{c['authorities']} authorities, {c['edges']} edges",
            style="bold",
        )
    ]
    kinds = _table("By kind", "kind", "authorities", "citations")
    for kind, n in s["kinds"].items():
        kinds.add_row(*_cells(kind, n["authorities"], n["citations"]))
    out.append(kinds)
    forms = ", ".join(f"{n} {form}" for form, n in s["forms"].items())
    out.append(Text(f"Citations by form: {forms}"))

    cited = _table("Most cited", "authority", "kind", "opinions", "citations")
    for r in s["most_cited"]:
        cited.add_row(*_cells(r["label"], r["kind"], r["opinions"], r["citations"]))
    out.append(cited)

    for key, title in (("pagerank", "PageRank"), ("hits", "HITS authority score")):
        central = _table(title, "node", "PageRank", "HITS authority", "HITS hub")
        for r in s[key]:
            central.add_row(*_cells(r["label"], r["pagerank"], r["authority"], r["hub"]))
        out.append(central)

    citing = _table("Citing the most", "opinion", "citations", "authorities")
    for r in s["citing_most"]:
        citing.add_row(*_cells(r["label"], r["citations"], r["authorities"]))
    out.append(citing)

    j = s["joined"]
    joined = _table(
        f"One node, several citations ({j['authorities']} authorities): "
        + (", ".join(f"{n} by {why}" for why, n in j["by"].items()) or "none joined"),
        "authority",
        "citations",
        "joined by",
        "opinions",
    )
    for r in j["examples"]:
        joined.add_row(
            *_cells(
                r["label"], " = ".join(r["citations"]), "; ".join(r["joined_by"]), r["opinions"]
            )
        )
    out.append(joined)

    out.append(_status_table(s))

    unresolved = _table(
        f"Unresolved short forms ({c['unresolved']}): full citation nowhere in the corpus",
        "authority",
        "as written",
        "citations",
        "opinions",
    )
    for r in s["unresolved"]:
        unresolved.add_row(
            *_cells(r["label"], "; ".join(r["written"][:3]), r["citations"], r["opinions"])
        )
    out.append(unresolved)
    return out


def _status_table(s: dict[str, Any]) -> Table:
    """The authorities the corpus overrules or weakens (graph.status)."""
    st = s.get("status") or {"counts": {}, "flagged": []}
    flagged = _table(
        "Status: "
        + (
            ", ".join(f"{n} {what}" for what, n in st["counts"].items())
            or "nothing overruled or weakened"
        ),
        "authority",
        "status",
        "by",
        "passage",
    )
    for r in st["flagged"]:
        flagged.add_row(
            *_cells(r["label"], r["status"], r.get("by_label") or "", r.get("passage") or "")
        )
    return flagged
