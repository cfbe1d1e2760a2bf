"""Sections of a code cited after its full citation: lists and bare short forms.

"21 U.S.C. §§ 841(a)(1), 846" cites two sections of one code: the list after a full
citation that names several ("§§", "Secs.", "sections") gives one citation per section,
and so does a range ("§§ 1692-1692o", "§§ 2000e-2 to 2000e-3": its two ends).
Once "18 U.S.C. § 922" has been cited in full, "§ 922(g)" or "section 922(g)" in the
opinion is a short form of it (a subsection is a pin), in a citation or in prose
("liable under § 1983"), as lawyers read it; "Id. § 3742(e)" after a statute is that
statute's section. A section sign with no code in reach is no citation.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...models import Citation
from .found import Found, Taken
from .laws import section_range

# the subsections after a section number: "(a)(1)(B)"
_SUBSECTIONS = r"((?:\s?\((?!\d{4}\))[a-zA-Z0-9]{1,4}\))*)"  # "(a)(1)", " (a)"; not "(1984)"
_SUBSECTIONS_AT = re.compile(_SUBSECTIONS)  # matches everywhere, empty if need be
# one more member of a list of sections: ", 846", ", and 846(a)", " and 846"
_NEXT = re.compile(
    r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through)\s+|\s*[-–]\s*)"  # a range's end too
    r"(?:§\s*)?(\d[\dA-Za-z]*(?:[.\-–][\dA-Za-z]+)*)" + _SUBSECTIONS + r"(?![\w/%$])"
    r"(?!\s+(?:(?:[A-Z][A-Za-z]?\.\s?){2,}|Stat\b|Fed\b|Pub\b))"  # not "42 U.S.C. § 1985"
)
# a full citation that announces several sections
_SEVERAL = re.compile(r"§§|\b[Ss]ecs\.|\b[Ss]ections\b")
# a list after a single sign: "18 U.S.C. § 371, 1341-42 (1984)"
_LIST_AFTER = re.compile(
    _SUBSECTIONS + r",\s*(?:and\s+)?\d+[\w.-]*(?:\([a-zA-Z0-9]{1,4}\))*\s*(?:[,;.]|and\b|\(\d{4}\))"
)
_KINDS = ("statute", "regulation", "other")  # "other": guidelines, treatises


def _pin(subsections: str | None) -> str | None:
    """The pin of a section's subsections: "(a)(1)", written " (a)(1)" or not at all."""
    return re.sub(r"\s", "", subsections or "") or None


def _federal(code: str) -> bool:
    """Whether `code` is a federal code, whose "§§ 34-36" are ranges."""
    return "U.S.C." in code or "C.F.R." in code


def _code_and_section(key: str) -> tuple[str, str] | None:
    """("18 U.S.C.", "922") of "18 U.S.C. § 922"."""
    m = re.fullmatch(r"(.+?) § (\S+)", key)
    return (m.group(1), m.group(2)) if m else None


def _derived(
    rec: Citation,
    text: str,
    start: int,
    end: int,
    key: str,
    form: str = "full",
    pin: str | None = None,
) -> Citation:
    """A citation of `key` at text[start:end] made from `rec`, the citation it goes with
    (its opinion and kind): a list's member, a range's end, a bare short form."""
    return replace(
        rec, form=form, text=text[start:end], start=start, end=end, cites=[key],
        name=key if form == "full" else None, pin=pin, antecedent=None,
    )  # fmt: skip


def _record(f: Found, key: str, m: re.Match[str], form: str) -> Citation:
    start = m.start(1) if form == "full" else m.start()
    return _derived(f.rec, m.string, start, m.end(), key, form, _pin(m.group(2)))


def section_lists(items: list[Found], text: str, taken: Taken) -> list[Found]:
    """The other sections of each full citation that announces several."""
    out: list[Found] = []
    for f in items:
        rec = f.rec
        if rec.form != "full" or rec.kind not in _KINDS or not rec.cites:
            continue
        one_range = "U.S.C." in rec.cites[0] and _RANGE_IN.search(rec.text)  # "§ 2201-02"
        if not (_SEVERAL.search(rec.text) or _LIST_AFTER.match(text, rec.end) or one_range):
            continue
        parts = _code_and_section(rec.cites[0])
        if parts is None or _NOT_A_CODE.search(parts[0]):
            continue
        code = parts[0]
        end = _range_end(f, text, code)
        if end is not None:
            out.append(end)
        pos = _SUBSECTIONS_AT.match(text, rec.end).end()  # type: ignore[union-attr]
        while (m := _NEXT.match(text, pos)) and not taken.overlaps(m.start(1), m.end()):
            ends = section_range(m.group(1)) if "U.S.C." in code else None
            key = f"{code} § {ends[0] if ends else m.group(1)}"
            new = Found(rec=_record(f, key, m, "full"), tail=m.end())
            out.append(new)
            if ends:  # "§ 371, 1341-42": 1341 and 1342
                tail = re.split(r"[-–]", m.group(1))[1]
                key = f"{code} § {ends[1]}"
                last = _derived(new.rec, text, m.end(1) - len(tail), m.end(1), key)
                new.rec.text, new.rec.end = m.group(1)[: -len(tail) - 1], last.start - 1
                out.append(Found(rec=last, tail=m.end()))
            taken.append((new.rec.start, new.rec.end))
            pos = m.end()
    return out


# one more chapter of a list of the Massachusetts General Laws: "; c. 9, § 2", ", c. 10, §§ 6, 7"
_NEXT_CHAPTER = re.compile(
    r"\s*[;,]\s*(?:and\s+)?(c(?:h)?\.\s*(\d+[A-Za-z]{0,2}),\s*§§?\s*(\d+[A-Za-z]{0,2}))"
    + _SUBSECTIONS
)


def chapter_lists(items: list[Found], text: str, taken: Taken) -> list[Found]:
    """The chapters listed after a citation of the Massachusetts General Laws ("G. L. c.
    31, § 1; c. 9, § 2; c. 17, §§ 6, 7"): one citation per chapter's section."""
    out: list[Found] = []
    for f in items:
        rec = f.rec
        if (
            rec.form != "full"
            or not rec.cites
            or not rec.cites[0].startswith("Mass. Gen. Laws ch.")
        ):
            continue
        pos = _SUBSECTIONS_AT.match(text, rec.end).end()  # type: ignore[union-attr]
        while (m := _NEXT_CHAPTER.match(text, pos)) and not taken.overlaps(m.start(1), m.end()):
            code = f"Mass. Gen. Laws ch. {m.group(2)},"
            key = f"{code} § {m.group(3)}"
            new = _derived(rec, text, m.start(1), m.end(), key, pin=_pin(m.group(4)))
            out.append(Found(rec=new, tail=m.end()))
            taken.append((new.start, new.end))
            pos = m.end()
            while (n := _NEXT.match(text, pos)) and not taken.overlaps(n.start(1), n.end()):
                member = f"{code} § {n.group(1)}"
                out.append(Found(rec=_record(out[-1], member, n, "full"), tail=n.end()))
                taken.append((n.start(1), n.end()))
                pos = n.end()
    return out


# a citation that ends in a range of sections: "15 U.S.C. §§ 34-36"
_RANGE_IN = re.compile(r"(?:§§?|U\.S\.C\.(?:A\.?)?)\s*(\d+[a-zA-Z]*\s*[-–]\s*\d+[a-zA-Z]*)$")


def _range_end(f: Found, text: str, code: str) -> Found | None:
    """The last section of a range written inside `f`'s citation ("§§ 34-36"), as a
    citation of its own; `f` keeps the first section ("§§ 34")."""
    m = _RANGE_IN.search(f.rec.text)
    ends = section_range(re.sub(r"\s", "", m.group(1)), _federal(code)) if m else None
    if m is None or ends is None:
        return None
    first, last = ends
    written = re.split(r"[-–]", m.group(1))[-1].strip()  # "02" of "2201-02"
    start = f.rec.start + m.end(1) - len(written)
    f.rec.text = f.rec.text[: m.start(1)] + first
    f.rec.end = f.rec.start + len(f.rec.text)
    rec = _derived(f.rec, text, start, start + len(written), f"{code} § {last}")
    return Found(rec=rec, tail=rec.end)


def _shape(section: str) -> str:
    """How a code numbers its sections: "2B1.1" (guidelines), "3.304" (dotted), "1983"."""
    if re.fullmatch(r"\d[A-Z]\d+\.\d+\w*", section):
        return "guideline"
    return "dotted" if re.match(r"\d+[A-Za-z]*\.\d", section) else "plain"


_NEAR = 1500  # how far a bare section may stand from the code cited before it


def _alike(cited: str, bare: str) -> bool:
    """Whether `bare` may be a section of the code that has section `cited`: numbered
    the same way, with as many digits ("1988" after "1983", not "3" or "212" after it:
    those are sections of an Act)."""
    if _shape(cited) != _shape(bare):
        return False
    digits = [len(re.match(r"\d*", s).group(0)) for s in (cited, bare)]  # type: ignore[union-attr]
    return digits[0] == digits[1]


class _Codes:
    """The full citations of codes in one opinion, by section, to resolve bare sections."""

    def __init__(self, items: list[Found]) -> None:
        self.full: list[tuple[str, str, Found]] = []  # (code, section, citation)
        for f in items:
            if f.rec.form == "full" and f.rec.kind in _KINDS and f.rec.cites:
                parts = _code_and_section(f.rec.cites[0])
                if parts and _NOT_A_CODE.search(parts[0]) is None:
                    self.full.append((parts[0], parts[1], f))

    def resolve(self, section: str, at: int, sign: bool) -> tuple[str, Found, Found | None] | None:
        """The code a bare `section` at offset `at` belongs to, a full citation of the
        code (its kind) and the first full citation of the section before `at` (None if
        it is cited in full only later)."""
        holders = [(code, f) for code, sec, f in self.full if sec == section]
        codes = {code for code, _ in holders}
        before = [(code, f) for code, f in holders if f.rec.end <= at]
        if len(codes) > 1 and before:
            codes = {before[-1][0]}  # the one cited last before it
        if len(codes) == 1:
            code = next(iter(codes))
            first = next((f for c, f in before if c == code), None)
            return code, next(f for c, f in holders if c == code), first
        if codes or not sign:
            return None
        # a section no full citation holds: of the code cited last before it, if that
        # code numbers its sections the same way ("§ 1988" after "42 U.S.C. § 1983")
        earlier = [(code, sec, f) for code, sec, f in self.full if f.rec.end <= at]
        if earlier and _alike(earlier[-1][1], section) and at - earlier[-1][2].rec.end < _NEAR:
            return earlier[-1][0], earlier[-1][2], None
        return None


def bare_sections(items: list[Found], text: str, taken: Taken) -> list[Found]:
    """Bare sections ("§ 922(g)", "section 922", "Id. § 3742(e)") that stand for a
    code the opinion cites in full; each first one points at the code's first full
    citation before it.

    A section the full citations hold belongs to their code (the code cited last
    before it, if several do); "§ N" that none holds belongs to the code cited last
    before it when that code numbers its sections alike ("§ 1988" after "42 U.S.C. §
    1983"); "Id. § 124.11" to the code of the citation the Id. follows. Left alone:
    "§ 504 of the Rehabilitation Act" (another act's section), "§ 2 above" (a part of
    the opinion), "section 3" that no full citation holds.
    """
    codes = _Codes(items)
    ids = {f.rec.end: f for f in items if f.rec.form == "id"}
    done: dict[int, tuple[str, Found]] = {}
    out: list[Found] = []
    for m in _BARE.finditer(text):
        if taken.overlaps(m.start(), m.end()) or _ELSEWHERE.match(text, m.end()):
            continue
        if _belongs_elsewhere(text, m.start()) or _CODE_AFTER.match(text, m.end()):
            continue  # "INA § 237", "tit. 22, § 1711"; "Sec. 241(a)(1), 8 U.S.C. § 1251"
        idf = _id_before(ids, text, m.start())
        if idf is not None:
            code = _code_of_id(idf, done)
            if code is not None:
                done[id(idf)] = code
                out += _section_of_id(idf, m, code, text, taken)
            continue
        sign = m.group(1) is not None or m.group(2).endswith(".")  # "§", "Sec."
        members = [m]
        if m.group(1) == "§§" or (m.group(2) or "").lower().startswith(("sections", "secs")):
            members += _more_members(text, m.end(), taken)
        for n in members:
            out += _bare_member(n, n is m and m.group(1) == "§§", codes, sign)
            taken.append((n.start(), n.end()))
    return out + _bare_guidelines(codes, text, taken)


# a guideline section written with no sign at all ("his 3B1.1(c) enhancement")
_BARE_GUIDELINE = re.compile(r"(?<![\w.§/-])()()(\d[A-Z]\d\.\d{1,2})" + _SUBSECTIONS + r"(?![\w.])")


def _bare_guidelines(codes: _Codes, text: str, taken: Taken) -> list[Found]:
    """Guideline sections with no sign ("3B1.1(c)"), in an opinion citing U.S.S.G."""
    model = next((f for code, _, f in codes.full if code == "U.S.S.G."), None)
    out: list[Found] = []
    if model is None:
        return out
    for m in _BARE_GUIDELINE.finditer(text):
        if not taken.overlaps(m.start(), m.end()):
            first = next((f for c, s, f in codes.full if c == "U.S.S.G." and s == m.group(3)), None)
            before = first if first is not None and first.rec.end <= m.start() else None
            out.append(_bare(m, f"U.S.S.G. § {m.group(3)}", model, before, False))
            taken.append((m.start(), m.end()))
    return out


def _bare_member(n: re.Match[str], several: bool, codes: _Codes, sign: bool) -> list[Found]:
    """The citations of one bare section, or of both ends of a bare range "§§ 34-36"."""
    section = n.group(3)
    ends = section_range(section) if several else None
    got = codes.resolve(ends[0] if ends else section, n.start(), sign)
    if ends and (got is None or section_range(section, _federal(got[0])) is None):
        ends, got = None, codes.resolve(section, n.start(), sign)  # "§§ 52-584": one
    if got is None:
        return []
    code, model, first = got
    out = [_bare(n, f"{code} § {ends[0] if ends else section}", model, first, False)]
    if ends:
        out[0].rec.text = out[0].rec.text[: len(out[0].rec.text) - len(section) + len(ends[0])]
        out[0].rec.end = out[0].rec.start + len(out[0].rec.text)
        last = codes.resolve(ends[1], n.start(), sign)
        out.append(_bare(n, f"{code} § {ends[1]}", model, last[2] if last else None, True))
    return out


_NOT_A_CODE = re.compile(r"^\d+ Stat\.$|Pub\. L\.")  # session laws: no sections
# a bare section: "§ 922(g)", "§§ 1983 and 1988", "section 3.304(f)", "sec. 162(a)"
_BARE = re.compile(
    r"(?<![\w.§])(?:(§§?)|(\b[Ss]ections?\b|\b[Ss]ecs?\.))\s*(\d[\dA-Za-z]*(?:[.\-–:][\dA-Za-z]+)*)"
    + _SUBSECTIONS
    + r"(?![\w/%$])"
)
# "§ 504 of the Rehabilitation Act", "§ 2 above", "section 3 of this opinion"
_ELSEWHERE = re.compile(
    r"\s+of\s+(?:the\s+)?(?![Tt]itle\s+\d|Code\b|U\.)[A-Z]|\s+of\s+[Tt]itle\s+[IVX]+\b|"
    r"\s+(?:above|below|supra|infra)\b"
)
# a code's citation right after a bare section: the bare one is an Act's section
_CODE_AFTER = re.compile(r",\s*\d+\s+(?:U\.\s?S\.\s?C|C\.\s?F\.\s?R)")
# words that may stand before a bare section without owning it
_FREE_WORDS = frozenset({
    "See", "Cf", "But", "Accord", "Compare", "Contra", "Under", "In", "And", "Also", "Unlike",
    "Like", "The", "This", "That", "Thus", "Then", "Although", "While", "Because", "Since", "If",
    "When", "Where", "Whether", "As", "By", "For", "From", "To", "With", "Without", "Of", "On",
    "At", "Id", "Ibid", "Here", "There", "Its", "Their", "Our", "We", "Section", "Sections",
    "Sec", "Secs", "Nor", "Or", "However", "Moreover", "Further", "Furthermore", "Pursuant",
    "Accordingly", "Finally", "First", "Second", "Third", "Indeed", "Neither", "Both", "Each",
    "Any", "Every", "No", "Former", "Amended", "Current", "Present", "Prior", "Such", "A", "An",
})  # fmt: skip


def _belongs_elsewhere(text: str, at: int) -> bool:
    """Whether the token before a bare section at `at` owns it: an acronym or
    abbreviation ("INA § 237", "M.R.S.A. § 710"), a title number ("tit. 22, § 1711"), a
    name inside a sentence ("the Act § 3"); a signal or a word opening a sentence does not."""
    window = text[max(0, at - 40) : at]
    m = re.search(r"(\S+)\s*\Z", window)
    if m is None:
        return False
    token = m.group(1)
    if re.fullmatch(r"\d[\w-]*,", token) or re.fullmatch(r"[A-Z](?:\.?[A-Z])+\.?,?", token):
        return True
    token = token.rstrip(",")  # "Federal Practice and Procedure, § 2676"
    if re.fullmatch(r"[A-Z][a-z'’-]+", token) and token not in _FREE_WORDS:
        before = window[: m.start()].rstrip()
        return bool(before) and not before.endswith((".", "!", "?", ":", '"', "”", "]", "\n"))
    return False


_ID_GAP = re.compile(r",?\s*(?:at\s+)?")  # between an Id. and its section: "id., §"


def _id_before(ids: dict[int, Found], text: str, at: int) -> Found | None:
    """The Id. that a bare section right after it completes ("Id. § 124.11", "id., §")."""
    for end in range(at, max(0, at - 8) - 1, -1):
        if end in ids and _ID_GAP.fullmatch(text, end, at):
            return ids[end]
    return None


def _code_of_id(idf: Found, done: dict[int, tuple[str, Found]]) -> tuple[str, Found] | None:
    """The code of the citation an Id. follows, with that citation; None if no code.
    `done`: the code of each Id. already given a section of its own."""
    target = idf.target
    while target is not None and target.rec.form != "full" and target.target is not None:
        if id(target) in done:
            return done[id(target)]
        target = target.target
    if target is None or target.rec.kind not in _KINDS or not target.rec.cites:
        return None
    parts = _code_and_section(target.rec.cites[0])
    return (parts[0], target) if parts else None


def _section_of_id(
    idf: Found, m: re.Match[str], code: tuple[str, Found], text: str, taken: Taken
) -> list[Found]:
    """Make "Id." + "§ 124.11" one citation of the section, in the code of the
    citation the Id. follows; the further members of "id., §§ 945, 23004" and the end
    of "id., §§ 25690-26224" are citations of their own (returned)."""
    name, target = code
    section = m.group(3)
    cited = _code_and_section(target.rec.cites[0])
    if cited is not None and _shape(cited[1]) != _shape(section):
        return []  # "id. Sec. 292.602" after a U.S.C. section: not that code's
    ends = section_range(section, _federal(name)) if m.group(1) == "§§" else None
    key = f"{name} § {ends[0] if ends else section}"
    rec = idf.rec
    rec.text = m.string[rec.start : m.end(3) - (len(section) - len(ends[0]) if ends else 0)]
    rec.end = rec.start + len(rec.text)
    rec.kind, rec.subkind = target.rec.kind, target.rec.subkind
    rec.pin = _pin(m.group(4))
    if key != target.rec.cites[0]:
        rec.cites = [key]
        idf.target = None
    taken.append((m.start(), m.end()))
    out = [_bare(m, f"{name} § {ends[1]}", target, None, True)] if ends else []
    if m.group(1) == "§§":
        for n in _more_members(text, m.end(), taken):
            ends = section_range(n.group(3), _federal(name))
            out.append(_bare(n, f"{name} § {ends[0] if ends else n.group(3)}", target, None, False))
            if ends:  # "id., §§ 23004 (d), 25520-25539": both ends
                out[-1].rec.text = out[-1].rec.text[: len(ends[0])]
                out[-1].rec.end = out[-1].rec.start + len(ends[0])
                out.append(_bare(n, f"{name} § {ends[1]}", target, None, True))
            taken.append((n.start(), n.end()))
    return out


def _more_members(text: str, pos: int, taken: Taken) -> list[re.Match[str]]:
    """The further members of a bare list: "§§ 1983 and 1988", "sections 61(a), 162"."""
    out = []
    while (m := _NEXT_BARE.match(text, pos)) and not taken.overlaps(m.start(3), m.end()):
        out.append(m)
        pos = m.end()
    return out


_NEXT_BARE = re.compile(
    r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through)\s+)()()(?:§\s*)?"
    r"(\d[\dA-Za-z]*(?:[.\-–][\dA-Za-z]+)*)" + _SUBSECTIONS + r"(?![\w/%$])"
)


def _bare(m: re.Match[str], key: str, model: Found, first: Found | None, end: bool) -> Found:
    """The citation of one bare section of the code `model` cites (`first`: the first
    full citation of the same section before it; `end`: the last section of a range)."""
    if end:
        start = m.end(3) - len(key.rsplit(" ", 1)[1])
    else:
        start = m.start() if m.group(1) or m.group(2) else m.start(3)
    rec = _derived(
        model.rec, m.string, start, m.end(), key, "short", None if end else _pin(m.group(4))
    )
    target = first if first is not None and first.rec.cites[0] == key else None
    return Found(rec=rec, target=target, tail=m.end())


# a rule cited bare: "Rule 56(c)", "Rules 26 and 37", "Rule\n37(e)(1)"; not "Rule 10b-5"
_BARE_RULE = re.compile(
    r"(?<![\w.])Rules?\s+(\d{1,4}(?:\.\d+)?)" + _SUBSECTIONS + r"(?![\w/%$-]|\.\d)(?!\s+of\s+the\b)"
)
_NEXT_RULE = re.compile(
    r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:Rule\s+)?(\d{1,4}(?:\.\d+)?)"
    + _SUBSECTIONS
    + r"(?![\w/%$-])"
)


# a bare rule a set's name stands before: "Local Rule", "Bankruptcy Rules", "Tax Court Rule"
_QUALIFIED_BEFORE = re.compile(
    r"\b(?!(?:See|Cf|But|Under|In|The|Also|And|Accord|Compare|A|An|Its|Their|His|Her)\b)"
    r"([A-Z][a-z]+)\s+(?:(?!(?:A|An|The)\s)[A-Z][a-z]*\s+)?\Z"
)


def bare_rules(items: list[Found], text: str, taken: Taken) -> list[Found]:
    """Rules cited bare ("Rule 56(c)") that stand for a set of rules the opinion cites
    in full: the set that holds the rule's number (the one cited last before it, if
    several do), else the one set the opinion cites, else the set cited last within a
    short reach before it. A bare rule in an opinion that cites no set names nothing."""
    full: list[tuple[str, str, Found]] = []
    for f in items:
        if f.rec.form == "full" and f.rec.kind == "rule" and f.rec.cites:
            m = re.fullmatch(r"(.+?) (\d+(?:\.\d+)?)", f.rec.cites[0])
            if m:
                full.append((m.group(1), m.group(2), f))
    if not full:
        return []
    out: list[Found] = []
    for m in _BARE_RULE.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        qualifier = _QUALIFIED_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if qualifier and qualifier.group(1) not in _FREE_WORDS:
            # "Local Rule 56.1", "Bankruptcy Rule 9014": only a rule of such a set the
            # opinion cites in full ("Local Civil Rule 561.1", a misprint, names nothing)
            word = qualifier.group(1)[:3].lower()
            local = [(s, n, f) for s, n, f in full if word in s.lower() and n == m.group(1)]
            if local:
                out.append(_bare_rule(m, m, local[0][0], local[0][2], text))
                taken.append((m.start(), m.end()))
            continue
        if _belongs_elsewhere(text, m.start()):
            continue  # "tit. 32, App. III, Rule 44.1": a rule of what it follows
        members = [m]
        pos = m.end()
        while (n := _NEXT_RULE.match(text, pos)) and not taken.overlaps(n.start(1), n.end()):
            members.append(n)
            pos = n.end()
        if _ELSEWHERE.match(text, pos):
            continue  # "Rule 44.3(b) and 44.1(d) of the Puerto Rico Rules"
        for n in members:
            got = _rule_set(full, n.group(1), n.start())
            if got is not None:
                out.append(_bare_rule(m, n, got[0], got[1], text))
            taken.append((n.start(), n.end()))
    return out


def _bare_rule(m: re.Match[str], n: re.Match[str], rules: str, first: Found, text: str) -> Found:
    """The citation of bare rule `n` (a member of the list `m` opens) of the set `rules`."""
    key = f"{rules} {n.group(1)}"
    start = n.start() if n is m else n.start(1)
    rec = _derived(first.rec, text, start, n.end(), key, "short", _pin(n.group(2)))
    target = first if first.rec.cites[0] == key and first.rec.end <= start else None
    return Found(rec=rec, target=target, tail=n.end())


# the numbers each set of federal rules has: a bare "Rule 60" is no appellate rule
_NUMBERED = {
    "Fed. R. Civ. P.": (1, 86), "Fed. R. App. P.": (1, 48), "Fed. R. Crim. P.": (1, 61),
    "Fed. R. Evid.": (101, 1103), "Fed. R. Bankr. P.": (1001, 9037),
}  # fmt: skip


def _rule_set(full: list[tuple[str, str, Found]], number: str, at: int) -> tuple[str, Found] | None:
    """The set of rules a bare rule `number` at `at` belongs to, with a full citation of
    it (of that very rule, if one is cited): the set holding the number (the one cited
    last before it, if several do), else the one set cited that has such a number, else
    the nearest such set cited within a short reach before it. Only the federal sets,
    whose numbering is known, are guessed this way."""
    holders = [(s, f) for s, n, f in full if n == number]
    before = [(s, f) for s, f in holders if f.rec.end <= at]
    if {s for s, _ in holders} and (len({s for s, _ in holders}) == 1 or before):
        return (before or holders)[-1] if before else holders[0]
    whole = int(number.split(".")[0])
    # other sets (local, state, professional conduct) only by a rule they are cited for
    fits = [
        (s, f)
        for s, _, f in full
        if _NUMBERED.get(s, (1, 0))[0] <= whole <= _NUMBERED.get(s, (1, 0))[1]
    ]
    if len({s for s, _ in fits}) == 1:
        earlier = [(s, f) for s, f in fits if f.rec.end <= at]
        return (earlier or fits)[-1 if earlier else 0]
    earlier = [(s, f) for s, f in fits if f.rec.end <= at]
    if earlier and at - earlier[-1][1].rec.end < _NEAR:
        return earlier[-1]
    return None
