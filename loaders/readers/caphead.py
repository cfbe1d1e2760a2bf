"""The head matter of a Caselaw Access Project casebody: case name, court, date, docket.

CAP's casebody XML (and the head of its case HTML) prints the case's metadata as the
reporter set it: the parties ("John A. SAVAGE, Appellant, v. Ernest F. GRAJEK"), the
docket ("[No. 15384."), the court line and the date line ("October 24, 1893.]").
A bulk casebody file holds nothing else, so the case name is made from the parties
the way a lawyer cites it, and the court is found in courts-db from the court line -
or, where the line names only a department or a county ("Department One.",
"Suffolk."), from where the case came from and the state whose reports it cites.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ...vocabulary import ROLE_WORDS, T6, T6_EXPANSIONS
from .caption import bluebook, party_name, title_case
from .header import header_court, header_date
from .html import Layout, local, walk


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


def _head_field(root: Any, *names: str) -> str | None:
    found = head_fields(root, *names)
    return found[0] if found else None


def head_fields(root: Any, *names: str) -> list[str]:
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


def head_matter(root: Any, meta: dict[str, Any]) -> dict[str, Any]:
    """The case's metadata: `meta` as given, completed from the casebody's head matter."""
    head = meta.copy()
    if not head.get("date"):
        head["date"] = _decision_date(root)
    raws = head_fields(root, "docketnumber")
    dockets = [docket_number(d) for d in raws]
    # "No. 1933." is a number, not a year, once labelled
    labelled = {docket_number(d) for d in raws if re.match(r"\W*Nos?\.\s*\d+\W*$", d)}
    if not head.get("date") and dockets:
        # CAP sometimes files the decision date under docketnumber ("Feb. 15" "2011.")
        head["date"] = header_date(" ".join(dockets))
    if not head.get("dockets"):
        head["dockets"] = [
            n for d in dockets if _is_docket(d) or d in labelled for n in _split_dockets(d)
        ]
    parties = _head_field(root, "parties")
    if not head.get("court"):
        head["court"] = head_court(root, parties or "", head.get("date"))
    if not head.get("name") and parties:
        head["name"] = parties_name(parties, federal=_is_federal(head.get("court")))
    return head


def _decision_date(root: Any) -> str | None:
    """The date of decision printed in the head matter ("October 24, 1893.]", "decided
    March 31st, 1924.", "Opinion filed September 30,1981."); an argued or submitted
    date (otherdate) only if nothing else is printed."""
    for names in (("decisiondate",), ("otherdate",)):
        for raw in head_fields(root, *names):
            raw = re.sub(r",(?=\d{4}\b)", ", ", raw.strip("[]() "))
            found = header_date("\n".join(re.split(r"(?<=\.)\s+(?=[A-Z])", raw)))
            if found and not (
                names == ("otherdate",) and re.search(r"argued|submitted", raw, re.I)
            ):
                return found
    return None


_VERSUS = re.compile(r"[\s,](?:[vV]s?\.|v|vs)\s+(?=\S)")


_MATTER = re.compile(r"(?:In\s+re|In\s+the\s+Matter\s+of|Matter\s+of|Ex\s+parte)\s*:?\s+(.+)", re.I)


# descriptions after a party's name that a citation drops ("Union Trust Co., Trustee")
_CAPACITY = re.compile(
    r",\s*(?:Trustees?|Administrat(?:or|rix)|Execut(?:or|rix)|Receivers?|Guardian|Treasurer|"
    r"Assignees?|Debtors?(?:-in-Possession)?|Deceased|Bankrupts?|Minors?)\b.*$",
    re.I,
)


_ROLE_CUT = re.compile(
    rf",\s*(?:{ROLE_WORDS}|Applicants?|Libell(?:ant|ee)s?|Complainants?|Proponents?|"
    r"Contestants?|Objectors?|Prosecutors?)\b"
)


def parties_name(parties: str, federal: bool = False) -> str | None:
    """The case name, as a lawyer cites it, of a head-matter parties line.

    The first case of a consolidated caption ("A v. B, Appellee. C v. D."); "In re X"
    for a matter, also when an adversary proceeding within it follows ("In re Paul A.
    BILZERIAN, Debtor. HSSM ... v. Paul A. BILZERIAN" -> "In re Bilzerian"); "People",
    "State", "Commonwealth" as a state court names its own cases ("The People of the
    State of New York, Respondent, v Akehaton Bradford" -> "People v. Bradford"), the
    state's name when `federal`.
    """
    text = re.sub(r"\s+", " ", parties).strip()
    text = re.sub(r"\s*\((?:and|with)\b[^)]*\)\.?$", "", text, flags=re.I).strip()
    text = text if re.search(r"\b[A-Z]\.$", text) else text.rstrip(" .")
    if not text:
        return None
    matter = _MATTER.match(text)
    if matter:
        subject = matter.group(1)
        versus = _VERSUS.search(subject)
        if not versus:
            prefix = "Ex parte" if text.lower().startswith("ex") else "In re"
            return bluebook(f"{prefix} {_side(_first_sentence(subject), federal)}")
        # an adversary case within the matter: rule 10.2.1(b) names its parties
        text = subject[_last_sentence(subject[: versus.start()]) :]
    versus = _VERSUS.search(text)
    if not versus:
        re_ = re.split(r"\s+re:?\s+", text, maxsplit=1, flags=re.I)
        if len(re_) == 2:  # "FLORIDA BOARD OF BAR EXAMINERS RE: B.A.L."
            subject = re_[1].strip()
            subject = subject if re.search(r"\b[A-Z]\.$", subject) else subject.rstrip(".")
            return bluebook(f"{_side(re_[0], federal)} re {subject}")
        return bluebook(_side(_first_sentence(text), federal))
    left, right = text[: versus.start()], _first_sentence(text[versus.end() :])
    return bluebook(f"{_side(left, federal)} v. {_side(right, federal)}")


def _last_sentence(text: str) -> int:
    """Where the last sentence of a caption starts ("In re S.J.S., a minor child.
    D.L.M. and D.E.M., Petitioners" -> at "D.L.M."); 0 if it has one sentence."""
    strong = weak = 0
    for m in re.finditer(r"([A-Za-z']+)\.\s+(?=[A-Z])", text):
        weak = m.end()
        if len(m.group(1)) >= 3 and re.sub(r"\W", "", m.group(1)).lower() not in _abbreviations():
            strong = m.end()
    return strong or weak


def _first_sentence(text: str) -> str:
    """A caption up to the end of its first case: the first period that ends a word
    that is no abbreviation ("City of Newton. Samuel Cohen vs. Same." -> "City of Newton")."""
    for m in re.finditer(r"([A-Za-z']+)\.\s+(?=[A-Z(\[])", text):
        word = m.group(1)
        if len(word) >= 3 and re.sub(r"\W", "", word).lower() not in _abbreviations():
            return text[: m.start(1) + len(word)]
    return text


@functools.cache  # built whole before any thread sees it
def _abbreviations() -> frozenset[str]:
    """Words that a period follows as an abbreviation in a caption ("Corp.", "Tex.")."""
    found = {re.sub(r"\W", "", k).lower() for k in T6_EXPANSIONS}
    found.update(re.sub(r"\W", "", v).lower() for v in T6.values())
    found.update(k.lower() for k in _state_courts())
    found.update({"inc", "ltd", "bros", "limited", "etc", "rev", "hon", "esq"})
    return frozenset(found)


def _side(raw: str, federal: bool) -> str:
    """One side of a caption as a citation names it."""
    raw = raw.strip(" ,.;:")
    gov = re.match(
        r"(?:The\s+)?(People|State|Commonwealth)\b(?:\s+of\s+(?:the\s+)?(?:State\s+of\s+)?"
        r"([A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?))?\s*(?:,|$)",
        raw,
        re.I,
    )
    if gov and gov.group(1).lower() == "people":
        return "People"
    if gov and gov.group(2):
        return gov.group(1).title() if not federal else title_case(gov.group(2))
    raw = re.sub(r"^The\s+(?=\S)", "", raw, flags=re.I)
    raw = _ROLE_CUT.split(raw)[0]  # the parties before the first role ("..., Defendants, and")
    raw = _CAPACITY.sub("", raw)
    raw = re.sub(r",?\s+(?:&|and)\s+(?:another|others)\b.*$|,?\s+and\s+The\s.*$", "", raw)
    # "John R. LYNCH and Fidelity & Deposit Co.": a person, then another party
    raw = re.sub(r"^((?:[A-Z][\w.'-]*\s+){0,3}[A-Z]{2,}[A-Z'-]*),?\s+and\s+[A-Z].*$", r"\1", raw)
    kind = re.match(r"(Estate|Will|Guardianship|Adoption|Marriage|Interest)\s+of\s+(.+)", raw, re.I)
    if kind:
        return f"{kind.group(1).title()} of {_person(kind.group(2))}"
    return _person(raw)


def _person(raw: str) -> str:
    """party_name, with the period of a closing abbreviation kept ("HARDWARE CO." ->
    "Hardware Co.") and a person known only by initials named in full ("JOSUE G.")."""
    name = party_name(raw)
    if name in T6 or name.lower() in T6_EXPANSIONS:  # "HSSM # 7 LIMITED PARTNERSHIP" is no person
        name = title_case(re.split(r",\s", raw.strip())[0])
    if re.fullmatch(r"[A-Z]\.", name):
        name = title_case(re.split(r",\s", raw.strip())[0])
    name = re.sub(r"\b(?:Llc|Llp|Lp|Pllc|Pc)\b", lambda m: m.group(0).upper(), name)
    return re.sub(r"\b(Inc|Co|Corp|Ltd|Bros|Ry|Mfg|Jr|Sr)$", r"\1.", name)


def head_court(root: Any, parties: str = "", date: str | None = None) -> str | None:
    """The courts-db id of the court that decided a CAP case, from its head matter.

    The court line first ("Circuit Court of Appeals, Second Circuit."). A court line
    that names only a part of a court or a place ("Department One.", "Suffolk.",
    "Third District") or no court line: the Supreme Court when the case came from a
    state's or territory's highest court or a federal court of appeals ("Error to the
    Supreme Court of the Territory of Colorado."); else the state whose reports the
    case cites most (and whose people or state are a party) - its intermediate court
    if the court line names a district, department or division of one that sat at
    the date, its court of last resort otherwise.
    """
    lines = head_fields(root, "court") + [
        " ".join(el.itertext()).strip()
        for el in root.iter()
        if el.get("data-type") == "court" and local(el) != "court"
    ]
    for line in lines:
        found = _court_line(line)
        if found:
            return found
    if not parties:
        return None  # no head matter (an <opinion> alone): nothing says which court
    texts = head_fields(root, "summary", "history", "syllabus")
    review = _reviewing_court(texts)
    if review:
        return review
    return _state_court("".join(root.itertext()), parties, " ".join(lines), date)


def _court_line(line: str) -> str | None:
    """The court a head-matter court line names, if it names one."""
    line = re.sub(r"\s+", " ", line).strip(" .,;:*")
    if not line:
        return None
    found = court_id(line)
    if found and found != "usdistct":
        return found
    # "United States District Court S. D. New York." / ", District of Columbia."
    spelled = re.sub(
        r"\b([NSEWM])\.\s?D\.\s*",
        lambda m: (
            {"N": "Northern", "S": "Southern", "E": "Eastern", "W": "Western", "M": "Middle"}[
                m.group(1)
            ]
            + " District of "
        ),
        line,
    )
    spelled = re.sub(r"(District Court),?\s+(?=(?:\w+ )?District of)", r"\1 for the ", spelled)
    return header_court(spelled) or found


def _reviewing_court(texts: list[str]) -> str | None:
    """The Supreme Court, when the head matter says the case came to it on error,
    appeal or certiorari from a state's (or territory's) highest court or a federal
    court of appeals."""
    import courts_db

    for text in texts:
        m = re.search(
            r"\b(?:Error|Appeals?|Certiorari)\s+(?:to|from)\s+(?:the\s+)?((?:Supreme|Circuit)"
            r"\s+Court\b[^.;]{0,80}|United States Court of Appeals[^.;]{0,60})",
            re.sub(r"\btlie\b", "the", text),
        )
        if not m:
            continue
        lower = re.sub(r"\s+of\s+the\s+(?:Territory|State)\s+of\s+", " of ", m.group(1))
        found = courts_db.find_court(lower)
        colr = {c["id"] for c in _state_courts().values()}
        if len(found) == 1 and (found[0] in colr or re.fullmatch(r"ca\d+|cadc|cafc", found[0])):
            return "scotus"
    return None


@functools.cache  # built whole before any thread sees it
def _state_courts() -> dict[str, dict[str, Any]]:
    """Each state's court of last resort, keyed by the abbreviation its reports share
    with it ("Mass" -> the Supreme Judicial Court), from courts-db."""
    import courts_db

    best: dict[str, tuple[str, dict[str, Any]]] = {}
    for c in courts_db.courts:
        cite = c.get("citation_string") or ""
        key = re.sub(r"[.\s]", "", cite)
        if c.get("system") != "state" or c.get("type") != "appellate":
            continue
        if not (key.isalpha() and len(key) <= 6 and c.get("location")):
            continue
        if re.search(r"Ct|App|Super|Dist|Commw", cite):
            continue
        if c["location"] not in best or len(key) < len(best[c["location"]][0]):
            best[c["location"]] = (key, c)
    return dict(best.values())


_REPORTER_CITE = re.compile(
    r"\b\d{1,4}\s+([A-Z][A-Za-z.' ]{0,24}?(?:\s?\d[a-z]{1,2})?)\s+\d{1,5}\b"
)


def _state_votes(text: str, parties: str) -> dict[str, int]:
    """How often a case points to each state: a citation of its reports ("41 Cal. 219",
    "89 NY2d 952"), of its statutes ("Ill. Rev. Stat."), its people or state as party."""
    states = _state_courts()
    votes: dict[str, int] = {}
    for m in _REPORTER_CITE.finditer(text):
        squashed = re.sub(r"[.\s']", "", m.group(1))
        for key in sorted(states, key=len, reverse=True):
            rest = squashed[len(key) :]
            if squashed.startswith(key) and (not rest or rest[0].isupper() or rest[0].isdigit()):
                votes[key] = votes.get(key, 0) + 1
                break
    for key, court in states.items():
        abbr = re.escape(court["citation_string"]).replace(r"\ ", r"\s?")
        statutes = rf"(?<![\w.]){abbr}\s?(?:Rev\.|Gen\.|Comp\.|Code\b|Stat|Laws\b|Civ\.|Pen\.)"
        votes[key] = votes.get(key, 0) + len(re.findall(statutes, text))
        if re.search(
            rf"\b(?:People|State|Commonwealth)\s+of\s+(?:the\s+State\s+of\s+)?"
            rf"{re.escape(court['location'])}\b",
            parties,
            re.I,
        ):
            votes[key] += 2
    return {k: v for k, v in votes.items() if v}


def _state_court(text: str, parties: str, court_line: str, date: str | None) -> str | None:
    """The court of the state a case's citations and parties point to (see head_court)."""
    states = _state_courts()
    votes = _state_votes(text, parties)
    if not votes:
        return None
    key = max(votes, key=lambda k: votes[k])
    if votes[key] < 3 or votes[key] * 2 <= sum(votes.values()):
        return None
    top = states[key]
    part = re.search(r"\b(District|Department|Division)\b", court_line, re.I)
    if part:
        inner = _intermediate_court(top["location"], part.group(1).lower(), date)
        if inner:
            return inner
    return str(top["id"]) if _sat_on(top, date) else None


def _intermediate_court(location: str, part: str, date: str | None) -> str | None:
    """The one appellate court of a state, other than its highest, that has `part`s
    (districts, departments) and sat at `date`."""
    import courts_db

    found = []
    for c in courts_db.courts:
        if c.get("location") != location or c.get("system") != "state":
            continue
        if c.get("type") != "appellate" or not c.get("citation_string"):
            continue
        if c is _state_courts().get(re.sub(r"[.\s]", "", c["citation_string"])):
            continue
        words = " ".join([c.get("name") or "", *(c.get("regex") or []), *(c.get("examples") or [])])
        if part in words.lower() and _sat_on(c, date):
            found.append((part not in (c.get("name") or "").lower(), str(c["id"])))
    found.sort()
    if len(found) == 1 or (len(found) > 1 and found[0][0] != found[1][0]):
        return found[0][1]
    return None


def _sat_on(court: dict[str, Any], date: str | None) -> bool:
    """Whether a court existed at a date (unknown dates count as yes)."""
    if not date:
        return True
    spans = court.get("dates") or []
    return not spans or any(
        (s.get("start") or "0000") <= date and (not s.get("end") or date <= s["end"]) for s in spans
    )


def _is_federal(court: str | None) -> bool:
    import courts_db

    return bool(court) and any(
        c["id"] == court and c.get("system") == "federal" for c in courts_db.courts
    )


def _split_dockets(docket: str) -> list[str]:
    """The numbers of a docket line that lists several ("6542, 6543" -> both)."""
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+|\s*&\s*", docket) if p.strip()]
    if len(parts) > 1 and all(re.fullmatch(r"[\w-]*\d[\w-]*", p) for p in parts):
        return parts
    return [docket]


def docket_number(raw: str) -> str:
    """A docket number without its label ("Nos. 1-2." -> "1-2", "[No. 21022." -> "21022",
    "CASE NO.: SC18-361" -> "SC18-361", "Record No. 160889" -> "160889")."""
    raw = re.sub(r"\s+", " ", raw).strip(" ").lstrip("[(").rstrip("]")
    raw = raw if "(" in raw else raw.rstrip(")")
    raw = re.sub(
        r"^(?:(?:Civil|Criminal|Case|Record|Docket|Appeal|Misc\.?)\s+)*(?:Action\s+)?"
        r"(?:Nos?|Numbers?)\b\.?:?\s*|^Docket\s*:?\s*",
        "",
        raw,
        flags=re.I,
    )
    return raw.rstrip(".;,: ")


def _is_docket(text: str) -> bool:
    """A docket number has digits, is short, and is not a date or a caption."""
    return bool(
        re.search(r"\d", text)
        and len(text) < 40
        and not re.search(r"\sv\.\s|^\d{4}$", text)
        and not re.match(r"[A-Z][a-z]{2,8}\.?\s+\d", text)
    )
