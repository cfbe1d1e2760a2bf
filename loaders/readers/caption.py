"""Case names in citation form, from a caption or a publisher's name field.

A caption lists every party with its role ("ELIZABETH MANNING ET AL., Plaintiffs,
Appellants, v. BOSTON MEDICAL CENTER CORPORATION, Defendant, Appellee."); a citation
names the case the way the Bluebook does (rule 10.2): the first party on each side,
a person by surname, "et al." and roles dropped, "State of" / "Commonwealth of"
dropped, and the words of table T6 abbreviated ("Manning v. Boston Med. Ctr. Corp.").
Corpus linking (graph/identity.py) compares these names with the names other
opinions cite, so both must come out in the same style.
"""

from __future__ import annotations

import re

from ...vocabulary import (
    BUSINESS_WORD,
    INITIALISMS,
    NAME_SUFFIXES,
    ROLE,
    ROLE_WORDS,
    SMALL_WORDS,
    T6,
    fold,
)

_ROLE_TAIL = re.compile(rf"(?:,|\s)\s*(?:(?:{ROLE_WORDS})[-/,\s]*)+[.,;:]*\s*$", re.I)
_ET_AL = re.compile(r",?\s*\bet\s+al\b\.?,?", re.I)
# Where a party's name ends and a description of it begins.
_DESCRIPTION = re.compile(
    r",?\s+(?:individually|in\s+(?:his|her|their|its)\s+(?:official\s+)?capacit|"
    r"as\s+(?:next\s+friend|parent|guardian|administrat|executo|trustee|personal)|"
    r"on\s+behalf\s+of|for\s+(?:himself|herself|themselves)|a/k/a|aka\b|also\s+known\s+as|"
    r"d/b/a|doing\s+business\s+as|f/k/a|formerly\s+known|a\s+minor\b|by\s+and\s+through|"
    r"a\s+(?:corporation|municipal|Delaware|Massachusetts|foreign|person|child|juvenile)|"
    r"an\s+(?:infant|individual|incompetent)|"
    r"(?:Attorney|Solicitor)\s+General|Secretary\s+of|Superintendent|Commissioner\b|"
    r"Warden\b|Sheriff\b|Director\b|Chief\s+of|Acting\b|"
    # what a caption says after the parties: "... on Petition for Writ of Certiorari to"
    r"(?:on\s+)?(?:petitions?\s+for\s+(?:a\s+)?(?:writ|review)|writ\s+of\s+certiorari|"
    r"certiorari\s+to|appeals?\s+from)\b)",
    re.I,
)
_ENTITY = {
    "city", "county", "state", "states", "united", "america", "inc", "corp", "co", "company",
    "corporation", "bank", "department", "dep't", "board", "association", "union", "town",
    "village", "commonwealth", "people", "authority", "commission", "school", "district",
    "university", "llc", "l.l.c", "ltd", "llp", "lp", "government", "trust", "services",
    "insurance", "of", "the", "and", "&", "office", "agency", "bureau", "court", "group",
    "center", "hospital", "church", "committee", "council", "fund", "partners", "estate",
    "society", "institute", "club", "party", "republic", "navy", "army", "service",
    "administration", "system", "systems", "holdings", "industries", "international",
    "national", "federal", "american", "mutual", "foundation", "college", "airport",
    "public", "police", "township", "parish", "borough", "municipality", "housing", "medical",
    "financial", "capital", "electric", "energy", "railroad", "railway", "motor", "press",
    "communication", "pharmaceutical", "technology", "technologies", "laboratory",
    "laboratories", "product", "enterprise", "partnership", "limited", "plc", "gp", "l.p",
    "n.a", "lab", "life", "casualty", "health", "care", "industry", "manufacturing",
    "bv", "nv", "ag", "gmbh", "sa", "spa", "pc", "pllc", "lllp", "s.a", "n.v", "b.v",
}  # fmt: skip


def _entity_word(word: str) -> bool:
    """Whether a caption word names an organisation rather than a person ("Schools")."""
    w = word.strip(".,").lower()
    return w in _ENTITY or (w.endswith("s") and w[:-1] in _ENTITY)


# capitals without a vowel that are words, not initialisms
_NOT_INITIALISMS = {
    "mr", "mrs", "ms", "dr", "st", "mt", "ft", "jr", "sr", "bros", "mfg", "bldg", "mgmt",
    "svc", "svcs", "hwy", "blvd", "twp", "cnty", "ctr", "dept", "pltf", "dft",
}  # fmt: skip


def title_case(words: str) -> str:
    """Title-case words written in capitals ("CITY OF HARTFORD" -> "City of Hartford")."""
    out = []
    for i, w in enumerate(words.split()):
        upper = sum(ch.isupper() for ch in w)
        letters = sum(ch.isalpha() for ch in w)
        if letters == 0 or upper * 2 <= letters:
            out.append(w)
        elif i and w.lower() in SMALL_WORDS:
            out.append(w.lower())
        elif w.strip(".,()").lower() in INITIALISMS and w.strip(".,()").lower() not in (
            "at",
            "us",
        ):
            out.append(w)  # NLRB, FDIC: initialisms stay in capitals
        elif w.strip(".,").lower() in NAME_SUFFIXES - {"jr", "sr", "esq"}:
            out.append(w.upper())
        else:
            out.append("-".join(_cap(p) for p in w.split("-")))
    return " ".join(out)


def _cap(part: str) -> str:
    core = part.strip(".,()'")
    if (
        len(core) > 1
        and core.isupper()
        and core.isalpha()
        and not re.search("[AEIOUY]", core)
        and core.lower() not in _NOT_INITIALISMS
    ):
        return part  # "LCM", "FGH", "LLC": letters, not a word
    if re.fullmatch(r"(?:[A-Z]\.){1,4}[A-Z]?\.?,?", part):
        return part  # initials: "J.W.", "A.V.,"
    m = re.match(r"(Ma?c)([A-Z].*)$", part)  # McANDREWS -> McAndrews
    if m:
        return m.group(1) + m.group(2)[:1] + m.group(2)[1:].lower()
    m = re.match(r"([A-Za-z]')([A-Za-z].*)$", part)  # O'DONNELL -> O'Donnell
    if m:
        return m.group(1).upper() + m.group(2)[:1].upper() + m.group(2)[1:].lower()
    return part[:1].upper() + part[1:].lower()


def _is_person(words: list[str]) -> bool:
    bare = [w.strip(".,").lower() for w in words]
    if not 1 < len(bare) <= 5 or any(_entity_word(w) for w in bare):
        return False
    initial = any(re.fullmatch(r"[A-Z]\.,?", w) for w in words)
    if len(words) > 3 and not initial and all(w.isupper() for w in words):
        return False  # "CHINA FORTUNE LAND DEVELOPMENT", not "JANET T. MILLS"
    # a person's name has no lower-case words ("Fort Dodge Animal Health" might; "of" does)
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def party_name(party: str) -> str:
    """The name a citation uses for one side of a caption.

    The first party listed; a person by surname ("ERIC H. HOLDER, JR., ATTORNEY
    GENERAL" -> "Holder"); an entity by its name ("CITY OF HARTFORD, et al." ->
    "City of Hartford"); roles and descriptions dropped.
    """
    # a bracketed note in the caption ("[Hon. Edward F. Harrington, U.S. District Judge]")
    party = re.sub(r"\[[^\]]*(?:\]|$)", " ", party)
    # a given name or a note in parentheses: "Abreu (Ramon A.)", "(Two Cases)"
    party = re.sub(r"\s*\([^)]*\)", " ", party)
    party = re.sub(r"\s+", " ", party).strip()
    # a loose-leaf reporter's paragraph cite before the caption ("Fed. Sec. L. Rep. P 98,221")
    party = re.sub(r"^(?:[A-Z][A-Za-z.']*\s+){1,6}(?:P|¶)\s?\d{1,3}(?:,\d{3})+\s+", "", party)
    party = _first_party(party)
    party = _ET_AL.sub("", party)
    party = _DESCRIPTION.split(party)[0]
    party = _ROLE_CUT.split(party)[0]  # "MOBIL OIL CORPORATION, Appellee. Petition for ..."
    party = _ROLE_TAIL.sub("", party).strip(" ,.;:")
    if re.search(r"\b(?i:Inc|Co|Corp|Ltd|Bros|Jr|Sr)$|(?:^|\s)(?:[A-Z]\.)+[A-Z]$", party):
        party += "."
    if re.fullmatch(r"(?:THE\s+)?UNITED STATES(?: OF AMERICA)?|U\.S\.A?\.?|USA", party, re.I):
        return "United States"
    m = re.fullmatch(
        r"(?:The\s+)?(State|Commonwealth|People)\s+of\s+(?:the\s+)?"
        r"(?:(?:State|Commonwealth)\s+of\s+)?(.+)",
        party,
        re.I,
    )
    if m and len(m.group(2).split()) <= 3:
        # "State of Indiana": `sovereign` settles it once the deciding court is known
        return f"{m.group(1).title()} of {title_case(m.group(2))}"
    head = re.split(r",(?!\s*(?:JR|SR|II|III|IV|Inc|L\.?L\.?C|Ltd|Co|Corp|N\.A)\b)", party)[0]
    words = head.split()
    if _is_person(words) and not re.search(rf"\b{_FIRM_SUFFIX}\b", party):
        names = [w for w in words if w.strip(".,").lower() not in NAME_SUFFIXES]
        if names and re.fullmatch(r"[A-Z]\.?,?", names[-1]):
            # known by a given name and an initial ("JOSUE G.", a child): the whole name
            return title_case(" ".join(names).strip(",").rstrip(".") + ".")
        if names:
            return title_case(names[-1].strip(","))
    return title_case(party.rstrip(","))


# "X and Y" lists two parties, unless it is one firm ("Procter and Gamble Co.") or one
# body ("Department of Health and Human Services")
_AND = re.compile(r"\s+(?i:and)\s+(?=[A-Z])(?!.*\b(?i:Inc|Co|Corp|LLC|Ltd|Company|Corporation)\b)")


_FIRM_SUFFIX = r"(?i:Inc|Corp|Co|Ltd|LLC|L\.L\.C|LLP|LP|L\.P|LLLP|N\.A|S\.A|P\.C|PLLC)"
_FIRM_THEN_PARTY = re.compile(rf"(.*?\b{_FIRM_SUFFIX}\.?),\s+(?!{_FIRM_SUFFIX}\b)(?=[A-Z])")
_ROLE_CUT = re.compile(rf"(?:,\s*|\s+)(?:{ROLE_WORDS})\b", re.I)


def _first_party(party: str) -> str:
    """The first party of a caption side that lists several ("X, Inc. and Y", "JOHN
    SMITH AND MARY SMITH", "Somerset County, Gary Wright, Rene Guay, ..."), not a
    name with "and" inside ("Immigration and Naturalization Service")."""
    party = party.split(";")[0]
    firm = _FIRM_THEN_PARTY.match(party)
    if firm:  # "Malden Mills Indus., Inc., Forster Mfg. Co., Inc. and Fraser Paper, LTD."
        party = firm.group(1)
    for m in _AND.finditer(party):
        left, right = party[: m.start()], party[m.end() :]
        if re.search(r"\bof(?:\s+the)?\s+\S+$", left, re.I):
            continue  # "Department of Health and Human Services"
        if (
            left.rstrip().endswith(",")
            or re.search(r"\b(?i:Inc|Corp|Co|Ltd|LLC|Jr|Sr)\.?$", left)
            or not any(_entity_word(w) for w in right.split(",")[0].split())
        ):
            return left  # not "Safety and Health Review Commission"
    segments = [seg.strip() for seg in party.split(",")]
    if len(segments) >= 3 and all(_is_person(seg.split()) for seg in segments[1:3]):
        return segments[0]  # a list of parties, people after the first
    return party


def bluebook(name: str) -> str:
    """Abbreviate a case name the Bluebook way (T6 words, "Inc." after "Co.")."""
    parts = re.split(r"(\s+v\.\s+)", name, maxsplit=1)
    out = []
    for part in parts:
        if re.fullmatch(r"\s+v\.\s+", part) or part == "United States":
            out.append(part)
            continue
        # rule 10.2.1(f) ("Commonwealth of Massachusetts" -> "Massachusetts" or
        # "Commonwealth") depends on the court: `sovereign` applies it
        part = re.sub(
            r"^(?:The\s+)?(State|Commonwealth|People)\s+of\s+(?:the\s+)?"
            r"(?:(?:State|Commonwealth)\s+of\s+)?(?=[A-Z])",
            lambda m: f"{m.group(1).title()} of ",
            part,
            flags=re.I,
        )
        words = part.split(" ")
        for i, w in enumerate(words):
            core = w.rstrip(",.")
            if core in T6 and not (i == 0 and len(words) == 1):
                tail = w[len(core) :].lstrip(".")
                words[i] = T6[core] + tail
        part = " ".join(words)
        part = re.sub(r"\.\.", ".", part)
        if BUSINESS_WORD.search(re.sub(r",?\s+(?:Inc|Ltd|L\.?L\.?C)\.?$", "", part)):
            part = re.sub(r",?\s+(?:Inc|Ltd|L\.?L\.?C)\.?$", "", part)  # rule 10.2.1(h)
        out.append(part.strip(" ,"))
    return "".join(out)


# The right-hand column of a caption set in a box: "United States of America, * Appeal
# from the", "Ruben Diaz ) Docket No. 2019-06-0263", "RASOOL McCRIMMON,    :   Civ. No."
_COLUMN = re.compile(r"(?:^|\s+)[*)](?:\s|$)|\s+:(?:\s|$)|^\s*:\s*$")
_VERSUS_FIRST = re.compile(r"^(\s*(?:-against-|v\.|vs\.|versus)\s*)(?=[A-Z])")
# a line naming the court, which a caption's party never runs into
_COURT_LINE = re.compile(
    r"^(?:IN\s+THE\s+|FOR\s+THE\s+)?(?:UNITED\s+STATES\s+)?(?:DISTRICT\s+COURT\b|COURT\s+OF\b|"
    r"SUPREME\s+COURT\b|(?:NORTHERN|SOUTHERN|EASTERN|WESTERN|CENTRAL|MIDDLE)\s+DISTRICT\b|"
    r"DISTRICT\s+OF\b|(?:FOR\s+THE\s+)?[A-Z.]+\s+CIRCUIT\b)",
    re.I,
)


def caption_name(header: str) -> str | None:
    """Case name from a caption: "X, Plaintiff, v. Y, Defendant." -> "X v. Y"."""
    lines = [
        part.strip()
        for ln in header.splitlines()
        # "-against-Jason Goodman,": the word and the party after it, as two lines
        for part in _VERSUS_FIRST.sub("\\1\n", _COLUMN.split(ln)[0]).split("\n")
    ]
    for i, ln in enumerate(lines[:120]):
        m = re.fullmatch(
            r"(.*?)[\s,]*-?\b(?:v\.|vs\.|(?:v|vs|versus|against)\b)-?(?:\s*\d[\d:\-A-Za-z()\s]*)?",
            ln,
            re.I,
        )
        if not m:
            continue
        said = m.group(1) if re.search(r"[A-Za-z]", m.group(1)) else ""
        before = said + " " if said and not ROLE.match(said) else ""
        left = _last_sentence(before.strip() or _block(lines, i, -1))
        right = _block(lines, i, 1)
        if left and right:
            a, b = party_name(left), party_name(right)
            if a and b:
                return bluebook(f"{a} v. {b}")
    return None


def _block(lines: list[str], i: int, step: int) -> str:
    """The party written next to the "v." line at i: its lines up to a role line."""
    j = i + step
    got: list[str] = []
    while 0 <= j < len(lines) and len(got) < 6:
        line = re.sub(r"\s*\[[^\]]*(?:\]|$)", "", lines[j]).strip(" :")
        j += step
        if not line:
            if got:
                break
            continue
        if ROLE.match(line) or re.fullmatch(r"[-_*=\s]+", line):
            if got:
                break
            continue
        if (
            re.match(
                r"(?:No\.|Nos\.|Case|Civil|Docket|UNITED STATES (?:DISTRICT|COURT))", line, re.I
            )
            or _COURT_LINE.search(line)
            or re.search(r"\bDocket\b|\bNos?\.\s*\d", line)
        ):
            break
        if got and _in_capitals(line) != all(_in_capitals(g) for g in got):
            break  # "WORKERS' COMPENSATION APPEALS BOARD" above "Ruben Diaz"
        if step < 0 and got and _ends_sentence(line):
            break  # the sentence before the caption ("NOTICE: ... only in related cases.")
        got.append(line)
        if step > 0 and re.search(_ROLE_TAIL, line):
            break
    if step < 0:
        got.reverse()
    return " ".join(got)


def _in_capitals(line: str) -> bool:
    """Whether a caption line is set in capitals ("RASOOL McCRIMMON", "DEVELOPMENT, et al.")."""
    letters = [c for c in re.sub(r"\b(?:et\s+al|etc|d/b/a|a/k/a)\b", "", line) if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _last_sentence(text: str) -> str:
    """The party list of a caption that starts with other matter ("In the matter of
    S.J.S., a minor child. D.L.M. and D.E.M., Petitioners" -> "D.L.M. and D.E.M., ...")."""
    cut = 0
    for m in re.finditer(r"\b([a-z]{2,})\.\s+(?=[A-Z])", text):
        if m.group(1) not in ("al", "seq", "rel"):
            cut = m.end()
    return text[cut:]


def _ends_sentence(line: str) -> bool:
    return bool(re.search(r"[.:]$", line)) and not re.search(
        r"\b(?:Inc|Co|Corp|Jr|Sr|Ltd|al|[A-Z])\.$", line
    )


def name_from_slug(slug: str, header: str) -> str | None:
    """A case name from a URL slug ("rule-v-fort-dodge-animal-health-inc"), spelled as
    the header spells it (accents, capitals, punctuation), in citation form."""
    tokens = [t for t in re.split(r"[^a-z0-9]+", slug.lower()) if t]
    while tokens and tokens[-1] == "v":
        tokens.pop()
    if tokens[:2] == ["in", "re"] and len(tokens) > 2:
        sides = [tokens[2:]]
    elif "v" in tokens:
        k = tokens.index("v")
        sides = [tokens[:k], tokens[k + 1 :]]
    else:
        return None
    if not all(sides):
        return None
    folded = fold(header)
    names = []
    for side in sides:
        raw = _find_words(side, header, folded)
        if raw is None:
            names.append(" ".join(_slug_word(t, i) for i, t in enumerate(side)))
        else:
            names.append(title_case(raw))
    if len(names) == 1:
        return bluebook(f"In re {names[0]}")
    names = [
        "United States" if re.fullmatch(r"United States(?: of America)?|USA?", n, re.I) else n
        for n in names
    ]
    return bluebook(f"{names[0]} v. {names[1]}")


_SKIP = r"(?:[^a-z0-9]+(?:the|of|and|&)\b)*[^a-z0-9]{1,3}"


def _slug_word(token: str, i: int) -> str:
    if token in INITIALISMS and (i or token != "at"):
        return INITIALISMS[token]
    if len(token) == 1:
        return token.upper() + "."
    if token in ("ex", "rel"):
        return token + ("." if token == "rel" else "")
    if i and token in SMALL_WORDS:
        return token
    return token.capitalize()


_FIRM_WORD = r"(?:Company|Co|Corporation|Corp|Incorporated|Inc|Ltd|Limited|LLC|L\.L\.C)"
_SLUG_CUT_FIRM = re.compile(rf"[ ,]+{_FIRM_WORD}\b", re.I)


def _find_words(tokens: list[str], header: str, folded: str) -> str | None:
    """The words of `header` the slug `tokens` stand for, as the header writes them.

    A token matches a word exactly or as its abbreviation ("dept" for "Department",
    "mun" for "Municipal"); small words the slug left out ("of the") may stand between.
    """
    exact = r"\b" + r"[^a-z0-9]{1,3}".join(re.escape(t) for t in tokens) + r"\b"
    loose = (
        r"\b"
        + _SKIP.join(
            re.escape(t)
            if t.isdigit() or len(t) < 3
            else t[0] + "".join(f"[a-z']*?{c}" for c in t[1:]) + "[a-z]*"
            for t in tokens
        )
        + r"\b"
    )
    for pattern in (exact, loose):
        m = re.search(pattern, folded)
        if m:
            raw = header[m.start() : m.end()]
            # a slug cut short ("allstate-insurance") leaves out the firm's last word
            firm = _SLUG_CUT_FIRM.match(header, m.end())
            if firm and not re.search(rf"\b{_FIRM_WORD}\.?$", raw, re.I):
                raw += firm.group(0).rstrip(",")
            after = header[m.start() + len(raw) : m.start() + len(raw) + 1]
            if after == "." and re.search(r"\b(?:Inc|Co|Corp|Jr|Ltd|Bros)$", raw, re.I):
                raw += "."
            return re.sub(r"\s+", " ", raw)
    return None


_SOVEREIGN = re.compile(r"\b(State|Commonwealth|People) of ([A-Z][A-Za-z]+(?: [A-Z][a-z]+){0,2})\b")


def sovereign(name: str, state: str | None) -> str:
    """A state as a party, as citations name it (Bluebook rule 10.2.1(f)): "State",
    "Commonwealth" or "People" in the courts of that state, the state's name elsewhere
    ("Fox v. State of Indiana" -> "Fox v. State" in an Indiana court, "Texas v. United
    States" in the Supreme Court)."""

    def one(m: re.Match[str]) -> str:
        where = m.group(2).strip()
        return m.group(1) if state and where.lower() == state.lower() else where

    return _SOVEREIGN.sub(one, name)
