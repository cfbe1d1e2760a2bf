"""Treatment: what the citing court does with an authority it cites (`Citation.treatment`).

The vocabulary is the citators': overruled, abrogated, superseded, disapproved, limited,
questioned, criticized, distinguished, followed, declined to follow (None: cited, no
treatment words). `treatment_words` keeps the words that gave it.

The overruling family (overruled, abrogated, disapproved) is read with care, because it
is what the red flag of a citator stands on:

- only the court's own act counts: "we overrule X", "X is (hereby) overruled", "that
  case must be overruled", "to the extent X holds ..., it is disapproved", "X is no
  longer good law", "it may stand no longer". A reported overruling ("X was overruled
  in Y", "X, overruled by Y"), an argument ("petitioners urge us to overrule X"), a
  refusal ("we need not overrule X") and a hypothesis ("would have overruled X") are not;
- the overruled case is the subject of a passive ("X is overruled"), the object of an
  active ("we overrule X"), and where the sentence says "it", "that case", "those
  decisions", the case(s) the sentences before it named;
- a case named without a citation ("we overrule Parratt to the extent ...") is found by
  the names of the cases the opinion cites, and becomes a `reference` citation whose
  antecedent is that case's full citation.

`part` says in which opinion of the text a citation stands (majority, concurrence,
dissent ...): a combined text is cut at its separate opinions' headings ("MR. JUSTICE
BLACK, with whom ..., dissenting."). Only the majority speaks for the court.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from ...models import Citation, Opinion
from ...vocabulary import GENERIC_PARTY_WORDS, NAME_STOP_WORDS, VERSUS
from .sentences import quotation_spans

TREATMENTS = (
    "overruled", "abrogated", "superseded", "disapproved", "limited", "questioned",
    "criticized", "declined to follow", "distinguished", "followed",
)  # fmt: skip
_RANK = {t: i for i, t in enumerate(TREATMENTS)}
# the treatments that take a case off the books (a citator's red flag)
NEGATIVE = frozenset({"overruled", "abrogated", "superseded", "disapproved"})
# treatments that weaken it (a citator's yellow flag)
CAUTION = frozenset({"limited", "questioned", "criticized", "declined to follow"})

# --- the parts of a combined text -----------------------------------------------------------

_JUSTICE = (
    r"(?:(?:MR\.?|Mr\.?|MS\.?|Ms\.?)\s+)?(?:(?:CHIEF|Chief|ASSOCIATE|Associate)\s+)?"
    r"(?:JUSTICE|Justice|JUDGE|Judge)\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?"
    r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?,\s+(?:(?:Chief|Circuit|Senior|District)\s+)?"
    r"(?:J|C\.\s?J|JJ|Judge|Justice)\.?"
)
_SEPARATE = re.compile(
    rf"^\s*(?:{_JUSTICE})(?:[^.\n]{{0,300}}?)[,(]?\s*\(?"
    r"(concurring\s+in\s+part\s+and\s+dissenting\s+in\s+part|dissenting\s+in\s+part|"
    r"concurring\s+in\s+(?:the\s+)?(?:judgment|result)(?:\s+in\s+part)?|"
    r"concurring|dissenting)\b[^\n]{0,40}$",
)
_MAJORITY = re.compile(
    rf"^\s*(?:(?:{_JUSTICE})[^\n]{{0,120}}?delivered\s+the\s+opinion\s+of\s+the\s+[Cc]ourt|"
    r"PER\s+CURIAM|Per\s+Curiam|OPINION\s+OF\s+THE\s+COURT)\b"
)
_SEPARATE_TYPE = re.compile(r"dissent|concur", re.I)
# a separate opinion headed only by its author ("Mr. Justice Butler."), after the majority's
_BARE_AUTHOR = re.compile(
    r"^\s*[•*]?\s*(?:MR\.?|Mr\.?|MS\.?|Ms\.?)?\s*(?:CHIEF\s+|Chief\s+)?(?:JUSTICE|Justice)\s+"
    r"[A-Z][\w'’.-]+\.?\s*$"
)
_SAYS_DISSENT = re.compile(r"\bdissent|\bI\s+(?:am\s+unable|cannot|can\s+not)\s+agree\b", re.I)
_SAYS_CONCUR = re.compile(r"\bconcur", re.I)


def opinion_parts(opinion: Opinion) -> list[tuple[int, str]]:
    """Where each opinion of the text starts and its type: (offset, part), in order.

    A text the source already typed as a separate opinion (a dissent, a concurrence) is
    one part; otherwise the majority runs until a separate opinion's heading.
    """
    kind = (opinion.type or "").lower()
    if _SEPARATE_TYPE.search(kind):
        return [(0, _part_name(kind))]
    parts = [(0, "majority")]
    text = opinion.text
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if len(line) > 420:
            continue
        sep = _SEPARATE.match(line)
        if sep:
            part = _part_name(sep.group(1))
        elif _BARE_AUTHOR.match(line) and m.start() > 2000:
            after = text[m.end() : m.end() + 3000]
            part = (
                "dissent"
                if _SAYS_DISSENT.search(after)
                else "concurrence"
                if _SAYS_CONCUR.search(after)
                else "separate opinion"
            )
        elif _MAJORITY.match(line) and len(parts) > 1:
            part = "majority"
        else:
            continue
        if parts[-1][1] != part:
            parts.append((m.start(), part))
    return parts


def _part_name(words: str) -> str:
    words = re.sub(r"\s+", " ", words.lower())
    if "dissent" in words and "concur" in words:
        return "concurrence in part, dissent in part"
    if "dissent" in words:
        return "dissent"
    if "judgment" in words or "result" in words:
        return "concurrence in the judgment"
    return "concurrence"


def part_at(parts: list[tuple[int, str]], offset: int) -> str:
    """The part of the opinion in which `offset` stands."""
    i = bisect_right([p[0] for p in parts], offset) - 1
    return parts[max(i, 0)][1]


# --- the overruling family ------------------------------------------------------------------

_ADV = r"(?:(?:hereby|now|today|accordingly|therefore|thus|also|expressly|explicitly|formally|"
_ADV += r"necessarily|too|simply|must|should|to\s+that\s+extent|in\s+part|pro\s+tanto),?\s+)*"


@dataclass(frozen=True)
class _Trigger:
    pattern: re.Pattern[str]
    treatment: str
    voice: str  # "active": the case follows; "passive": it comes before; "first": right after


def _t(pattern: str, treatment: str, voice: str) -> _Trigger:
    return _Trigger(re.compile(pattern), treatment, voice)


_VERB_OBJECTS = {"overrule": "overruled", "disapprove": "disapproved", "abrogate": "abrogated"}
TRIGGERS: tuple[_Trigger, ...] = (
    # "we overrule X", "we now overrule", "we agree and overrule", "The Court today overrules"
    _t(
        r"\b(?:[Ww]e|[Tt]he\s+[Cc]ourt|[Tt]his\s+[Cc]ourt)\s+(?:[\w,]+\s+){0,4}?"
        r"(overrule|disapprove|abrogate)s?\b",
        "=verb",
        "active",
    ),
    # "In overruling Hust, we ...": the court's act told as a gerund
    _t(
        r"\b[Ii]n\s+(?:\w+\s+)?(overruling|disapproving)\b(?=[^.;]{0,200}\bwe\b)", "=verb", "active"
    ),
    # "X is overruled", "that decision must be overruled", "they should be, and they now
    # are, overruled", "to the extent ..., it is hereby disapproved"
    _t(
        rf"\b(?:is|are|be|stands?)\b[\s,]+(?:and\s+(?:it\s+|they\s+)?(?:now\s+)?(?:is|are)[\s,]+)?"
        rf"{_ADV}(?:(?:regarded|treated|considered|deemed)\s+as\s+)?"
        rf"(overruled|disapproved|abrogated)\b",
        "=verb",
        "passive",
    ),
    # "X is no longer good law", "can no longer be regarded as controlling"
    _t(
        r"\bno\s+longer\s+(?:(?:be\s+)?(?:regarded|considered|deemed|treated|viewed)\s+as\s+)?"
        r"(?:good|sound|controlling|binding)\s+(?:law|authority|precedent)\b"
        r"|\bno\s+longer\s+(?:has|have|retains?)\s+(?:any\s+)?(?:vitality|force|validity)\b"
        r"|\bmay\s+stand\s+no\s+longer\b",
        "abrogated",
        "passive",
    ),
    # "X and Y are not to be followed", "they are no longer to be followed", "the
    # Schwimmer, Macintosh and Bland cases do not state the correct rule of law"
    _t(
        r"\b(?:is|are)\s+(?:not|no\s+longer)\s+to\s+be\s+followed\b"
        r"|\b(?:should|will|can)\s+no\s+longer\s+be\s+followed\b"
        r"|\b(?:does|do|did)\s+not\s+state\s+the\s+(?:correct|true|proper)\s+(?:rule|law)\b"
        r"|\b(?:is|are)\s+no\s+longer\s+the\s+law\b",
        "overruled",
        "passive",
    ),
    # "we can no longer view that decision as establishing ...", "we no longer adhere to X"
    _t(
        r"\b[Ww]e\s+(?:can|could|will|do|shall)?\s*no\s+longer\s+(?:(?:view|regard|treat|accept|"
        r"read)(?=\s[^.;]{0,80}\bas\b)|adhere\s+to|follow)\b",
        "abrogated",
        "active",
    ),
    # "we must regard the cases of X and Y as overruled"
    _t(
        r"\b[Ww]e\b[^.;]{0,40}?\b(?:regard|consider|treat|deem)\s+"
        r"(?=[^.;]{0,200}?\bas\s+(?:overruled|no\s+longer\s+(?:good\s+)?law)\b)",
        "overruled",
        "active",
    ),
    # "we repudiate the rule of X", "we abandon the doctrine of X"
    _t(
        r"\b[Ww]e\s+(?:\w+\s+){0,3}?(?:repudiate|abandon|disavow|recede\s+from)\s+"
        r"(?=(?:the|its|that)\b)",
        "abrogated",
        "active",
    ),
    # --- the treatments that do not take a case off the books ---
    # "X, on which appellant relies, is distinguishable", "X is inapposite"
    _t(
        r"\b(?:is|are|was|were|be)\s+(?:\w+ly\s+|also\s+|thus\s+|therefore\s+|plainly\s+)?"
        r"(?:distinguishable|inapposite|not\s+(?:on\s+point|apposite|controlling|analogous))\b",
        "distinguished",
        "passive",
    ),
    _t(r"\b[Ww]e\s+(?:\w+\s+){0,2}?distinguish\b", "distinguished", "active"),
    # "Unlike X, 1 F.3d 1, this case ...": the case right after "unlike"
    _t(r"(?:^|(?<=[.;,(]\s))[Uu]nlike\s+(?:in\s+)?(?=\S)", "distinguished", "first"),
    _t(
        r"\b[Ww]e\s+(?:\w+\s+){0,2}?(?:decline|refuse)\s+to\s+(?:follow|adopt)\b",
        "declined to follow",
        "active",
    ),
    _t(
        r"\b[Ww]e\s+(?:\w+\s+){0,2}?(?:disagree\s+with|part\s+company\s+with)\s+",
        "declined to follow",
        "first",
    ),
    _t(
        r"\b(?:was|were)\s+wrongly\s+decided\b|\b(?:is|are|was|were)\s+(?:\w+ly\s+)?"
        r"(?:unpersuasive|poorly\s+reasoned)\b",
        "criticized",
        "passive",
    ),
    _t(r"\bcall(?:s|ed|ing)?\s+into\s+(?:question|doubt)\b", "questioned", "active"),
    _t(
        r"\b(?:is|are|was|were|been)\s+(?:\w+\s+)?(?:limited|confined)\s+to\s+(?:its|their)\s+"
        r"(?:own\s+|particular\s+|peculiar\s+)?facts\b",
        "limited",
        "passive",
    ),
    _t(
        r"\b[Ww]e\s+(?:\w+\s+){0,2}?(?:limit|confine)\b(?=[^.;]{0,120}\bfacts\b)",
        "limited",
        "active",
    ),
    _t(
        r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?superseded\s+(?:by\s+"
        r"(?:statute|(?:the\s+)?(?:\d{4}\s+)?amendments?|rule|regulation)|on\s+other\s+grounds)\b",
        "superseded",
        "passive",
    ),
    _t(
        r"\b[Ww]e\s+(?:\w+\s+){0,2}?(?:follow|adopt\s+the\s+(?:reasoning|rule|approach|test|"
        r"holding)\s+of)\b",
        "followed",
        "active",
    ),
)

# words that make an overruling someone's wish, a refusal, a question or a hypothesis
_NOT_THE_COURTS = re.compile(
    r"\b(?:not|never|no\s+need|need\s+not|declined?|declines|declining|refuse[sd]?|refusing|"
    r"refrain\w*|reluctan\w*|urge[sd]?|urging|ask(?:s|ed|ing)?|argue[sd]?|argues|arguing|"
    r"contend\w*|invite[sd]?|inviting|request\w*|whether|unless|if|"
    r"would|might|could|may|without|hesitat\w*|question\s+(?:is|was))\b|n['’]t\b"
)
_EXTENT = re.compile(r"\b(?:in\s*so\s+far|so\s+far|to\s+the\s+extent)\b", re.I)
# a question the sentence asks, not an answer it gives
_OPEN_QUESTION = re.compile(
    r"\b(?:whether|unless|if|argu\w*|contend\w*|urg(?:e|es|ed|ing)|assert\w*|claim(?:s|ed|ing)?)\b",
    re.I,
)
# a case named by the way, not as the subject or object of the overruling: "in view of
# Caldarola", "in Escobedo", "O'Malley's words"
_BY_THE_WAY = re.compile(
    r"\b(?:in\s+view\s+of|in\s+light\s+of|since|after|following|unlike|"
    r"(?<=and\s)in|(?<=or\s)in|(?<=as\s)in|(?<=,\s)in|with|by|under|"
    r"see|cf\.|compare|than|from)\s+(?:the\s+)?$",
    re.I,
)
# a reported overruling: "X was overruled in Y", "three years ago"
_REPORTED = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Oo]ur)\s+Court\s+(?:\w+\s+){0,2}?(?:found|held|said|stated|"
    r"concluded|noted|explained|observed|thought|reasoned)\b|"
    r"\b[Ww]e\s+(?:said|stated|noted|explained|observed)\s+(?:that|there|in)\b|"
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been|had)\s+(?:\w+\s+)?$|"
    r"\b(?:ago|last\s+Term|previously|earlier|subsequently|since\s+been)\b"
)
# a thing that is overruled in procedure, not a precedent
_PROCEDURAL = re.compile(
    r"^\s*(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+|petitioner['’]s\s+|"
    r"defendant['’]s\s+|plaintiff['’]s\s+)?(?:\w+\s+)?(?:demurrer|objection|motion|exception|"
    r"plea|petition|challenge|request|claim|point)s?\b",
    re.I,
)
_ANAPHOR = re.compile(
    r"\b(?:(?:that|this|those|these|the|such|both|either)\s+(?:earlier\s+|prior\s+|former\s+)?"
    r"(?:case|cases|decision|decisions|holding|holdings|doctrine|rule|precedent|precedents|"
    r"opinion|line\s+of\s+cases)|it|they|them|each|both|the\s+latter|the\s+former)\b",
    re.I,
)
_PLURAL = re.compile(r"\b(?:those|these|they|them|each|both|cases|decisions|holdings)\b", re.I)
# where the object of an active overruling ends
_OBJECT_END = re.compile(
    r"\b(?:to\s+the\s+extent|insofar|in\s+so\s+far|because|since|in\s+light\s+of|as\s+|"
    r"which|who|where|we|and\s+(?:hold|reaffirm|adopt|conclude)|so\s+far)\b|[;:]"
)


@dataclass
class _Mention:
    start: int
    end: int
    target: int  # the index of the citation (or of the full citation a name refers to)
    named: bool  # a name without a citation at this spot
    here: bool = True  # in the sentence of the treatment (not found by looking back)
    aside: bool = False  # named in passing ("in view of X"): an antecedent, never a subject


def attach_treatments(
    opinion: Opinion,
    citations: list[Citation],
    spans: list[tuple[int, int]],
    clauses: dict[int, tuple[int, int]],
) -> list[Citation]:
    """Set `part`, and `treatment` / `treatment_words` where the court overrules,
    abrogates or disapproves a case it names; return the name-only references to add.

    Args:
        opinion: the opinion.
        citations: its citations (offsets into opinion.text).
        spans: the opinion's sentences (extraction.sentences).
        clauses: each citation's clause, name and parentheticals included (head, tail).
    """
    parts = opinion_parts(opinion)
    for c in citations:
        c.part = part_at(parts, c.start)
    text = opinion.text
    handles = _handles(opinion, citations)
    added: list[Citation] = []
    history: list[list[_Mention]] = []
    quotes = quotation_spans(text)
    tails = sorted(clauses.values())
    for s, e in spans:
        mentions = _mentions(text, s, e, citations, clauses, handles)
        for trig in TRIGGERS:
            for m in trig.pattern.finditer(text, s, e):
                _apply(
                    text, s, e, m, trig, mentions, history, citations, added, parts, quotes, tails
                )
        if mentions:
            history.append(mentions)
            history = history[-3:]
        elif history:
            history.append([])
            history = history[-4:]
    return added


def _apply(
    text: str,
    s: int,
    e: int,
    m: re.Match[str],
    trig: _Trigger,
    mentions: list[_Mention],
    history: list[list[_Mention]],
    citations: list[Citation],
    added: list[Citation],
    parts: list[tuple[int, str]],
    quotes: list[tuple[int, int]],
    tails: list[tuple[int, int]],
) -> None:
    clause_start = _clause_start(text, s, m, tails)
    if not _the_courts_own(text, clause_start, m, quotes):
        return
    before = text[clause_start : m.start()]
    after = text[m.end() : e]
    treatment = trig.treatment
    if treatment == "=verb":
        verb = m.group(1).lower()
        treatment = next(v for k, v in _VERB_OBJECTS.items() if verb.startswith(k[:-1]))
    if treatment != "superseded":  # only a statute or rule is superseded as well as a case
        mentions = [k for k in mentions if k.named or citations[k.target].kind == "case"]
    antecedents = mentions  # what "it", "that decision" may stand for
    mentions = [k for k in mentions if not k.aside]
    if trig.voice == "passive":
        if re.match(r"\s*(?:by|in)\b", after) and not re.match(
            r"\s*(?:by|in)\s+(?:this|today|our)", after
        ):
            return  # "X was overruled by Y": a report, or an agent that is not this court
        targets = [k for k in mentions if clause_start <= k.start < m.start()]
        subject = before
        if targets and not (_ANAPHOR.search(subject) and not _PLURAL.search(subject)):
            chosen = targets
        elif targets:
            anaphor = list(_ANAPHOR.finditer(subject))[-1]
            first = [k for k in targets if k.start < clause_start + anaphor.start()]
            chosen = first[-1:] or targets[-1:]
        elif _ANAPHOR.search(subject):
            plural = bool(_PLURAL.search(subject))
            earlier = [k for k in antecedents if k.start < clause_start]
            if earlier:
                chosen = earlier if plural else earlier[-1:]
            else:
                chosen = _look_back(_kept(history, citations, treatment), plural=plural)
        else:
            chosen = []
    elif trig.voice == "first":
        chosen = [k for k in mentions if m.end() <= k.start <= m.end() + 3][:1]
    else:
        if _PROCEDURAL.match(after):
            return
        stop = _OBJECT_END.search(after)
        end = m.end() + (stop.start() if stop else len(after))
        targets = [k for k in mentions if m.end() <= k.start < end]
        obj = text[m.end() : end].strip()
        earlier = [k for k in antecedents if k.start < m.start()]
        plural = bool(_PLURAL.match(obj))
        if targets:
            chosen = targets
        elif _ANAPHOR.match(obj) and earlier:
            chosen = earlier if plural else earlier[-1:]
        elif _ANAPHOR.match(obj):
            chosen = _look_back(_kept(history, citations, treatment), plural=plural)
        else:
            chosen = []
    words = re.sub(r"\s+", " ", text[s:e]).strip()
    for k in chosen:
        _mark(text, k, treatment, words, m, citations, added, parts)


def _kept(
    history: list[list[_Mention]], citations: list[Citation], treatment: str
) -> list[list[_Mention]]:
    """The mentions a treatment can reach: cases (and, for "superseded", laws too)."""
    if treatment == "superseded":
        return history
    return [[k for k in ms if k.named or citations[k.target].kind == "case"] for ms in history]


def _clause_start(text: str, s: int, m: re.Match[str], tails: list[tuple[int, int]]) -> int:
    """Where the clause of a trigger starts: after the last ";" or ":" of its sentence that
    is not a string cite's semicolon."""
    bounds = [
        s + k.end()
        for k in re.finditer(r"[;:]\s", text[s : m.start()])
        if not any(0 <= s + k.start() - t <= 2 for _h, t in tails)
    ]
    return max([s, *bounds])


def _the_courts_own(
    text: str, clause_start: int, m: re.Match[str], quotes: list[tuple[int, int]]
) -> bool:
    """Whether a trigger is the court's own act: not negated, argued, asked, reported, nor
    inside someone else's quotation ("we said there was 'no doubt that X is no longer good
    law'")."""
    before = text[clause_start : m.start()]
    near = text[max(clause_start, m.start() - 70) : m.start()]
    segments = near.split(",")
    near = ",".join(segments[-2:]) if len(segments[-1].split()) < 2 else segments[-1]
    if _EXTENT.search(before):  # "so far as that case is not in accord ..., it is overruled"
        near = text[max(clause_start, m.start() - 25) : m.start()]
    if _NOT_THE_COURTS.search(near) or _REPORTED.search(before) or _OPEN_QUESTION.search(before):
        return False
    return not any(a + 25 < m.start() < b for a, b in quotes)


def _look_back(history: list[list[_Mention]], plural: bool) -> list[_Mention]:
    """The case(s) the last sentences named, for "it", "that case", "those decisions"."""
    for mentions in reversed(history):
        mentions = [k for k in mentions if not k.aside] or mentions
        if mentions:
            targets = {k.target: k for k in mentions}
            picked = [
                _Mention(k.start, k.end, k.target, k.named, here=False) for k in targets.values()
            ]
            return picked if plural else picked[-1:]
    return []


def _mark(
    text: str,
    k: _Mention,
    treatment: str,
    words: str,
    m: re.Match[str],
    citations: list[Citation],
    added: list[Citation],
    parts: list[tuple[int, str]],
) -> None:
    """Give the treatment to a citation of the sentence, or to a `reference` made for a
    name ("we overrule Parratt") or an anaphor ("that case is overruled")."""
    if k.here and not k.named:
        c = citations[k.target]
        if c.treatment is None or _RANK.get(treatment, 99) < _RANK.get(c.treatment, 99):
            c.treatment = treatment
            c.treatment_words = words
        return
    full = citations[k.target]
    start, end = (k.start, k.end) if k.here else (m.start(), m.end())
    if any(r.antecedent == k.target and r.treatment_words == words for r in added):
        return  # one reference to a case for each sentence that treats it
    added.append(
        Citation(
            opinion=full.opinion,
            form="reference",
            kind="case",
            text=text[start:end],
            start=start,
            end=end,
            cites=list(full.cites),
            name=full.name,
            short_name=text[start:end] if k.here else full.short_name,
            antecedent=k.target,
            treatment=treatment,
            treatment_words=words,
            proposition=words,
            role="mention",
            part=part_at(parts, start),
            source="treatment",
        )
    )


# --- names --------------------------------------------------------------------------------

_CAP_WORD = re.compile(r"[A-Z][A-Za-z'’-]{2,}")
_NOT_HANDLES = frozenset(
    {"the", "in", "re", "ex", "parte", "matter", "estate", "united", "states", "state",
     "people", "commonwealth", "city", "county", "board", "town", "village", "department",
     "commissioner", "director", "secretary", "national", "american", "federal", "first",
     "new", "north", "south", "east", "west", "court", "this", "that", "mr", "co", "inc",
     "justice", "judge", "chief", "see", "also", "but", "and", "compare", "accord"}
)  # fmt: skip


def _handles(opinion: Opinion, citations: list[Citation]) -> list[tuple[str, int]]:
    """(word, index of a full case citation) for the names a text calls cases by: the
    distinctive words of the first party ("Parratt", "Seagram" of Joseph E. Seagram &
    Sons), or of the second where the first is a government or a State ("Lynah" for
    United States v. Lynah, "Sanders" for Arkansas v. Sanders). A word two cited cases
    share names neither."""
    own = {w.lower() for w in _CAP_WORD.findall(opinion.name or "")}
    out: list[tuple[str, int]] = []
    for i, c in enumerate(citations):
        if c.form != "full" or c.kind != "case" or not c.name or not c.cites:
            continue
        name = _LEAD_WORDS.sub("", c.name)
        if (
            re.search(r"\d|\.\s+(?:See|Cf|But|Accord|Compare|And|The|In)\b", name)
            or len(VERSUS.findall(name)) > 1
            or len(name.split()) > 14
        ):
            continue  # a name that ran into the text before it
        for party in VERSUS.split(name)[:2]:
            if party.strip().lower() in _STATES:
                continue
            words = [
                w
                for w in _CAP_WORD.findall(party)
                if w.lower() not in _NOT_HANDLES
                and w.lower() not in GENERIC_PARTY_WORDS
                and w.lower() not in NAME_STOP_WORDS
                and w.lower() not in own
            ]
            if words and len(party.split()) <= 7 and not re.search(r"\sand\s", party):
                out.extend((w, i) for w in words[:4])
            if words:
                break
    return [(w, i) for w, i in out if _one_case(w, out, citations)]


# words a name extraction may carry in front of a case name ("Thus, in Metro ...")
_LEAD_WORDS = re.compile(
    r"^(?:(?:thus|since|in|see|also|and|under|but|cf\.?|compare|accord|after|while|when|as)"
    r"[\s,]+)+",
    re.I,
)


def _one_case(word: str, handles: list[tuple[str, int]], citations: list[Citation]) -> bool:
    """Whether every citation a word names is one case: each shares a cite or a name with
    another ("13 Wall. 29" and "80 U.S. 29" of Low v. Austin are one case by name)."""
    owners = [citations[i] for w, i in handles if w == word]
    groups: list[tuple[set[str], set[str]]] = []
    for c in owners:
        cites, names = set(c.cites), {_LEAD_WORDS.sub("", c.name or "").lower()}
        joined = [g for g in groups if g[0] & cites or g[1] & names]
        for g in joined:
            cites |= g[0]
            names |= g[1]
            groups.remove(g)
        groups.append((cites, names))
    return len(groups) == 1


def _mentions(
    text: str,
    s: int,
    e: int,
    citations: list[Citation],
    clauses: dict[int, tuple[int, int]],
    handles: list[tuple[str, int]],
) -> list[_Mention]:
    """The cases a sentence names: its citations (not those quoted second-hand), and the
    names of cases the opinion cites elsewhere."""
    found: list[_Mention] = []
    covered: list[tuple[int, int]] = []
    for i, c in enumerate(citations):
        head, tail = clauses.get(i, (c.start, c.end))
        if s <= c.start < e:
            covered.append((head, tail))
            if c.parent is None and c.source != "history":
                found.append(_Mention(head, tail, i, False))
    for k in found:
        k.aside = _by_the_way(text, k)
    if not handles:
        return found
    sentence = text[s:e]
    for word, i in _dedupe(handles):
        for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", sentence):
            a = s + m.start()
            if any(h <= a < t for h, t in covered):
                continue
            j = _nearest(handles, word, a, citations)
            j = j if j is not None else i
            if _own_words(text, a, a + len(word), citations[j].name or ""):
                found.append(_Mention(a, a + len(word), j, True))
    for k in found:
        k.aside = _by_the_way(text, k)
    found.sort(key=lambda k: k.start)
    return found


def _by_the_way(text: str, k: _Mention) -> bool:
    """Whether a case is named in passing: after "in view of", "in", or as a possessive."""
    if re.match(r"['’]s\b", text[k.end : k.end + 3]):
        return True
    return bool(_BY_THE_WAY.search(text[max(0, k.start - 20) : k.start]))


_STATES = frozenset(
    {
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
        "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
        "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
        "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "ohio",
        "oklahoma", "oregon", "pennsylvania", "tennessee", "texas", "utah", "vermont",
        "virginia", "washington", "wisconsin", "wyoming", "new hampshire", "new jersey",
        "new mexico", "new york", "north carolina", "north dakota", "rhode island",
        "south carolina", "south dakota", "west virginia", "puerto rico", "district of columbia",
    }
)  # fmt: skip
_CASE_NOUNS = frozenset({"case", "cases", "decision", "decisions", "doctrine", "rule", "opinion"})
_NAME_RUN_WORD = re.compile(r"[A-Z][\w'’.-]*|&|of|the|de|v\.?")


def _own_words(text: str, start: int, end: int, name: str) -> bool:
    """Whether the capitalized words next to a name all belong to the case's name: not
    "Bank" of "Bank Merger Act", nor "Edison" of "Southern California Edison"."""
    own = {w.lower().strip(".,") for w in re.findall(r"[\w'’.&-]+", name)}
    before = re.findall(r"[\w'’&-]+|[^\w\s]", text[max(0, start - 60) : start])
    after = re.findall(r"[\w'’&-]+|[^\w\s]", text[end : end + 60])
    for words in (reversed(before), after):
        for w in words:
            if not _NAME_RUN_WORD.fullmatch(w) or w in {"of", "the", "de"}:
                break
            if re.fullmatch(r"[IVX]+|Ill|[A-Z]", w):
                break  # a heading's number ("III", OCR's "Ill") or letter
            if w.lower().strip(".,") not in own and w.lower() not in _CASE_NOUNS:
                return False
    return True


def _dedupe(handles: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    for word, i in handles:
        seen.setdefault(word, i)
    return list(seen.items())


def _nearest(
    handles: list[tuple[str, int]], word: str, at: int, citations: list[Citation]
) -> int | None:
    """The full citation a name stands for: the last one before it, else the first after."""
    owners = [i for w, i in handles if w == word]
    before = [i for i in owners if citations[i].start < at]
    if before:
        return max(before, key=lambda i: citations[i].start)
    return min(owners, key=lambda i: citations[i].start) if owners else None
