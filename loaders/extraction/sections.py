"""Sections of a code cited after its full citation: lists and bare short forms.

"21 U.S.C. §§ 841(a)(1), 846" cites two sections of one code: the list after a full
citation that names several ("§§", "Secs.", "sections") gives one citation per section,
and so does a range ("§§ 1692-1692o", "§§ 2000e-2 to 2000e-3": its two ends).
Once "18 U.S.C. § 922" has been cited in full, "§ 922(g)" later in the opinion is a
short form of it (a subsection is a pin) where it stands as a citation: after a
signal, in a string of citations or in a parenthesis. In prose ("liable under § 1983",
"section 1983") it names the statute, as the project's labels count it. A bare section whose number
more than one cited code holds, or that no code cited before holds, names nothing and
yields nothing: a section sign with no code in reach is no citation.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...models import Citation
from .found import Found, Taken
from .laws import section_range

# the subsections after a section number: "(a)(1)(B)"
_SUBSECTIONS = r"((?:\([a-zA-Z0-9]{1,4}\))*)"
_SUBSECTIONS_AT = re.compile(_SUBSECTIONS)  # matches everywhere, empty if need be
# one more member of a list of sections: ", 846", ", and 846(a)", " and 846"
_NEXT = re.compile(
    r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through)\s+|\s*[-–]\s*)"  # a range's end too
    r"(?:§\s*)?(\d[\dA-Za-z]*(?:[.\-–][\dA-Za-z]+)*)" + _SUBSECTIONS + r"(?![\w/%$])"
)
# a section cited bare: "§ 922(g)", "See § 3.304(f)(3)"
_BARE = re.compile(
    r"(?<![\w.§])§\s*(\d[\dA-Za-z]*(?:[.\-–][\dA-Za-z]+)*)" + _SUBSECTIONS + r"(?![\w/%$])"
)
# where a bare section is a citation, not a name in prose: after a signal ("See § 922(g)",
# "cf. §"), in a string of citations ("; § 924(e)") or a parenthesis ("(§ 846)"); "liable
# under § 1983" and "However, § 1983 alone" name the statute
_CITING = re.compile(
    r"(?:\b(?:[Ss]ee(?:\s+also|\s+generally)?|[Cc]f\.|[Aa]ccord|[Cc]ompare|e\.g\.,)|[;(])\s*$"
)
# a full citation that announces several sections
_SEVERAL = re.compile(r"§§|\b[Ss]ecs\.|\b[Ss]ections\b")
_KINDS = ("statute", "regulation")
_OF_ANOTHER = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")


def _code_and_section(key: str) -> tuple[str, str] | None:
    """("18 U.S.C.", "922") of "18 U.S.C. § 922"."""
    m = re.fullmatch(r"(.+?) § (\S+)", key)
    return (m.group(1), m.group(2)) if m else None


def _record(f: Found, key: str, m: re.Match[str], form: str) -> Citation:
    return replace(
        f.rec,
        form=form,
        text=m.string[m.start(1) if form == "full" else m.start() : m.end()],
        start=m.start(1) if form == "full" else m.start(),
        end=m.end(),
        cites=[key],
        name=key if form == "full" else None,
        pin=m.group(2) or None,
        antecedent=None,
    )


def section_lists(items: list[Found], text: str, taken: Taken) -> list[Found]:
    """The other sections of each full citation that announces several."""
    out: list[Found] = []
    for f in items:
        rec = f.rec
        if rec.form != "full" or rec.kind not in _KINDS or not rec.cites:
            continue
        if not _SEVERAL.search(rec.text):
            continue
        parts = _code_and_section(rec.cites[0])
        if parts is None:
            continue
        code = parts[0]
        end = _range_end(f, text, code)
        if end is not None:
            out.append(end)
        pos = _SUBSECTIONS_AT.match(text, rec.end).end()  # type: ignore[union-attr]
        while (m := _NEXT.match(text, pos)) and not taken.overlaps(m.start(1), m.end()):
            key = f"{code} § {m.group(1)}"
            new = Found(rec=_record(f, key, m, "full"), tail=m.end())
            out.append(new)
            taken.append((new.rec.start, new.rec.end))
            pos = m.end()
    return out


# a citation that ends in a range of sections: "15 U.S.C. §§ 34-36"
_RANGE_IN = re.compile(r"§§\s*(\d+[a-zA-Z]*\s*[-–]\s*\d+[a-zA-Z]*)$")


def _range_end(f: Found, text: str, code: str) -> Found | None:
    """The last section of a range written inside `f`'s citation ("§§ 34-36"), as a
    citation of its own; `f` keeps the first section ("§§ 34")."""
    m = _RANGE_IN.search(f.rec.text)
    ends = section_range(re.sub(r"\s", "", m.group(1))) if m else None
    if m is None or ends is None:
        return None
    first, last = ends
    start = f.rec.start + m.end(1) - len(last)
    f.rec.text = f.rec.text[: m.start(1)] + first
    f.rec.end = f.rec.start + len(f.rec.text)
    key = f"{code} § {last}"
    rec = replace(
        f.rec,
        text=text[start : start + len(last)],
        start=start,
        end=start + len(last),
        cites=[key],
        name=key,
        pin=None,
        antecedent=None,
    )
    return Found(rec=rec, tail=rec.end)


def bare_sections(items: list[Found], text: str, taken: Taken) -> list[Found]:
    """Bare sections ("§ 922(g)") that stand for the one code cited before with that
    section; each points at the first full citation of it."""
    full: dict[str, list[Found]] = {}
    for f in items:
        if f.rec.form == "full" and f.rec.kind in _KINDS and f.rec.cites:
            parts = _code_and_section(f.rec.cites[0])
            if parts:
                full.setdefault(parts[1], []).append(f)
    out: list[Found] = []
    for m in _BARE.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        if not _CITING.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        if _OF_ANOTHER.match(text, m.end()):
            continue  # "§ 504 of the Rehabilitation Act": a section of another act
        earlier = [f for f in full.get(m.group(1), []) if f.rec.end <= m.start()]
        codes = {f.rec.cites[0] for f in earlier}
        if len(codes) != 1:
            continue  # no code cited before holds it, or several do
        first = earlier[0]
        new = Found(rec=_record(first, first.rec.cites[0], m, "short"), target=first)
        new.tail = m.end()
        out.append(new)
        taken.append((m.start(), m.end()))
    return out
