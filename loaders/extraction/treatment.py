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
from dataclasses import dataclass

from ...models import Citation, Opinion
from .casenames import dedupe, nearest, own_words
from .casenames import handles as name_handles
from .parts import opinion_parts, part_at
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
        r"(?:distinguishable|inapposite|not\s+(?:on\s+point|apposite))\b",
        "distinguished",
        "passive",
    ),
    _t(r"\b[Ww]e\s+(?:\w+\s+){0,2}?distinguish\b", "distinguished", "active"),
    # "Unlike X, 1 F.3d 1, this case ...": the case right after "unlike"
    _t(r"(?:^|(?<=[.;,]\s))[Uu]nlike\s+(?:in\s+)?", "distinguished", "first"),
    _t(
        r"\b[Ww]e\s+(?:\w+\s+){0,2}?(?:decline|refuse)\s+to\s+follow\b",
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
    r"\b(?:not|cannot|never|no\s+need|need\s+not|declined?|declines|declining|refuse[sd]?|refusing|"
    r"refrain\w*|reluctan\w*|urge[sd]?|urging|ask(?:s|ed|ing)?|argue[sd]?|argues|arguing|"
    r"contend\w*|invite[sd]?|inviting|request\w*|whether|unless|if|"
    r"would|might|could|may|without|hesitat\w*|question\s+(?:is|was))\b|n['’]t\b"
)
_EXTENT = re.compile(r"\b(?:in\s*so\s+far|so\s+far|to\s+the\s+extent)\b", re.I)
# a question the sentence asks, not an answer it gives
_OPEN_QUESTION = re.compile(
    r"\b(?:whether|unless|if|argu\w*|contend\w*|contention|urg(?:e|es|ed|ing)|assert\w*|"
    r"claim(?:s|ed|ing)?|assum\w*|suggestion|counter(?:s|ed)?|maintain\w*|insist\w*)\b",
    re.I,
)
# a separate opinion speaking of the court's: "my colleagues' reference to Nickens"
_SEPARATE_VOICE = re.compile(
    r"\b(?:my\s+(?:colleagues|brethren)|the\s+majority|[Tt]he\s+Court\s+today|"
    r"I\s+(?:would|dissent|concur|respectfully))\b"
)
# a party's position told anywhere before in the sentence: "Petitioners maintain that X
# cannot be squared ... and ask that we recognize ...: X is no longer good law"
_THEIR_POSITION = re.compile(
    r"\b(?:[Pp]etitioners?|[Rr]espondents?|[Aa]ppellants?|[Aa]ppellees?|[Pp]laintiffs?|"
    r"[Dd]efendants?|[Tt]he\s+(?:[Gg]overnment|State|[Dd]issent)|[Cc]ounsel)\b[^.;]{0,60}?"
    r"\b(?:maintain|argue|contend|urge|ask|insist|assert|suggest|submit|request)s?\b"
)
# a case named by the way, not as the subject or object of the overruling: "in view of
# Caldarola", "in Escobedo", "O'Malley's words"
_BY_THE_WAY = re.compile(
    r"\b(?:in\s+view\s+of|in\s+light\s+of|since|after|following|unlike|"
    r"(?<=and\s)in|(?<=or\s)in|(?<=as\s)in|(?<=,\s)in|(?<=cited\s)in|(?<=quoted\s)in|"
    r"(?<=relied\son\s)in|with|by|under|"
    r"see|cf\.|compare|than|from)\s+(?:the\s+)?$",
    re.I,
)
# a reported overruling: "X was overruled in Y", "three years ago"
_REPORTED = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Oo]ur)\s+(?:\w+\s+){0,2}?(?:[Cc]ourt|[Jj]udge|[Pp]anel|[Bb]oard)\s+"
    r"(?:\w+\s+){0,2}?(?:found|held|said|stated|concluded|noted|explained|observed|thought|"
    r"reasoned|ruled|determined)\b|\b(?:was|were)\s+(?:found|held|deemed|thought|said)\b|"
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
# "the case before us", "this case": the case at hand, never a cited one
_AT_HAND = re.compile(
    r"\b(?:the|this)\s+(?:case|matter|appeal)\s+(?:before\s+us|at\s+(?:bar|hand)|here)\b|"
    r"\bthis\s+(?:case|appeal)\b|\bthe\s+(?:instant|present)\s+case\b",
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
    hits = [
        (k, trig, m)
        for k, (s, e) in enumerate(spans)
        for trig in TRIGGERS
        for m in trig.pattern.finditer(text, s, e)
    ]
    added: list[Citation] = []
    if not hits:
        return added
    # the cases each sentence names, worked out only for a sentence with a treatment and
    # the four before it (what "it" / "that case" may look back to)
    handles = name_handles(opinion, citations)
    named: dict[int, list[_Mention]] = {}

    def mentions_at(k: int) -> list[_Mention]:
        if k not in named:
            named[k] = _mentions(text, *spans[k], citations, clauses, handles)
        return named[k]

    quotes = quotation_spans(text)
    tails = sorted(clauses.values())
    for k, trig, m in hits:
        s, e = spans[k]
        history = [mentions_at(j) for j in range(max(0, k - 4), k)]
        _apply(text, s, e, m, trig, mentions_at(k), history, citations, added, parts, quotes, tails)
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
    if not _the_courts_own(text, (s, e), clause_start, m, quotes, trig.treatment == "=verb"):
        return
    treatment = trig.treatment
    if treatment == "=verb":
        verb = m.group(1).lower()
        treatment = next(v for k, v in _VERB_OBJECTS.items() if verb.startswith(k[:-1]))
    if treatment != "superseded":  # only a statute or rule is superseded as well as a case
        mentions = [k for k in mentions if k.named or citations[k.target].kind == "case"]
    antecedents = mentions  # what "it", "that decision" may stand for
    mentions = [k for k in mentions if not k.aside]
    kept = _kept(history, citations, treatment)
    if trig.voice == "passive":
        chosen = _subject(text, m, clause_start, mentions, antecedents, kept, treatment)
    elif trig.voice == "first":
        # "Here, unlike in Mitchell, ...": a contrast with the case at hand, not between
        # two cited cases ("in Janusaitis, unlike in Hyland")
        at_hand = (
            text[m.start()] == "U"  # a sentence that opens "Unlike X, ..."
            or _AT_HAND.search(text[s:e])
            or re.search(r"\b[Hh]ere\b", text[s:e])
        )
        chosen = [k for k in mentions if m.end() <= k.start <= m.end() + 3][:1] if at_hand else []
    else:
        chosen = _object(text, m, e, mentions, antecedents, kept, treatment)
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


def _subject(
    text: str,
    m: re.Match[str],
    clause_start: int,
    mentions: list[_Mention],
    antecedents: list[_Mention],
    history: list[list[_Mention]],
    treatment: str,
) -> list[_Mention]:
    """What a passive treats: the cases named just before it ("Kahriger and Lewis are
    overruled"), the one "it" / "that decision" stands for, or for "this case is
    distinguishable from X", the case after "from"."""
    before, after = text[clause_start : m.start()], text[m.end() : m.end() + 200]
    if re.match(r"\s*(?:by|in)\b", after) and not re.match(
        r"\s*(?:by|in)\s+(?:this|today|our)", after
    ):
        return []  # "X was overruled by Y": a report, or an agent that is not this court
    targets = [k for k in mentions if clause_start <= k.start < m.start()]
    subject = _AT_HAND.sub(" ", before)
    if subject != before and treatment == "distinguished":
        hit = re.match(r"[^.;]{0,40}?\bfrom\s+", after)
        k0 = m.end() + hit.end() if hit else -1
        return [k for k in antecedents if k0 <= k.start <= k0 + 4][:1]
    if targets and not _ANAPHOR.search(subject):
        return _nearest_group(text, targets)
    if targets and _PLURAL.search(subject):
        return targets
    if targets:
        anaphor = list(_ANAPHOR.finditer(subject))[-1]
        first = [k for k in targets if k.start < clause_start + anaphor.start()]
        return first[-1:] or targets[-1:]
    if not _ANAPHOR.search(subject):
        return []
    plural = bool(_PLURAL.search(subject))
    earlier = [k for k in antecedents if k.start < clause_start]
    if earlier:
        return earlier if plural else earlier[-1:]
    return _look_back(history, plural, treatment, _bare(subject))


def _object(
    text: str,
    m: re.Match[str],
    e: int,
    mentions: list[_Mention],
    antecedents: list[_Mention],
    history: list[list[_Mention]],
    treatment: str,
) -> list[_Mention]:
    """What an active treats: the cases named after the verb ("we overrule Parratt"), or
    the ones "it" / "those decisions" stands for."""
    after = text[m.end() : e]
    if _PROCEDURAL.match(after):
        return []
    stop = _OBJECT_END.search(after)
    end = m.end() + (stop.start() if stop else len(after))
    targets = [k for k in mentions if m.end() <= k.start < end]
    obj = text[m.end() : end].strip()
    earlier = [k for k in antecedents if k.start < m.start()]
    plural = bool(_PLURAL.match(obj))
    if targets:
        return targets
    if _ANAPHOR.match(obj) and earlier:
        return earlier if plural else earlier[-1:]
    if _ANAPHOR.match(obj):
        return _look_back(history, plural, treatment, _bare(obj))
    return []


def _bare(words: str) -> bool:
    """Whether the anaphor of a clause is a bare pronoun ("they", "them"), not a noun
    ("these cases")."""
    found = list(_ANAPHOR.finditer(words))
    return bool(found) and found[-1].group(0).lower() in {"it", "they", "them", "each", "both"}


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
    text: str,
    span: tuple[int, int],
    clause_start: int,
    m: re.Match[str],
    quotes: list[tuple[int, int]],
    verb: bool,
) -> bool:
    """Whether a trigger is the court's own act: not negated, argued, asked, reported,
    said by a separate opinion, nor inside someone else's quotation ("we said there was
    'no doubt that X is no longer good law'")."""
    s, e = span
    before = text[clause_start : m.start()]
    near = text[max(clause_start, m.start() - 70) : m.start()]
    segments = near.split(",")
    near = ",".join(segments[-2:]) if len(segments[-1].split()) < 2 else segments[-1]
    if _EXTENT.search(before):  # "so far as that case is not in accord ..., it is overruled"
        near = text[max(clause_start, m.start() - 25) : m.start()]
    if _NOT_THE_COURTS.search(near) or _REPORTED.search(before) or _OPEN_QUESTION.search(before):
        return False
    if verb and _NOT_THE_COURTS.search(m.group(0)):
        return False  # "the Court declined to overrule Kungys"
    if any(a + 25 < m.start() < b for a, b in quotes):
        return False
    if _THEIR_POSITION.search(text[s : m.start()]):
        return False
    return not _SEPARATE_VOICE.search(text[s:e])


def _look_back(
    history: list[list[_Mention]], plural: bool, treatment: str, bare_pronoun: bool = False
) -> list[_Mention]:
    """The case(s) the last sentences named, for "it", "that case", "those decisions".
    "They are distinguishable" is left alone: "they" is as often a kind of case the text
    described ("the circuit court cases favoring abstention") as the cases it cited."""
    if plural and bare_pronoun and treatment not in NEGATIVE:
        return []
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
            if c.parent is None and c.source != "history" and c.role != "history":
                # a citation offered as support ("see Saporita") is not what is treated
                found.append(_Mention(head, tail, i, False, aside=bool(c.signal)))
    for k in found:
        k.aside = k.aside or _by_the_way(text, k)
    if not handles:
        return found
    sentence = text[s:e]
    for word, i in dedupe(handles):
        for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", sentence):
            a = s + m.start()
            if any(h <= a < t for h, t in covered):
                continue
            j = nearest(handles, word, a, citations)
            j = j if j is not None else i
            if own_words(text, a, a + len(word), citations[j].name or ""):
                found.append(
                    _Mention(a, _name_end(text, a + len(word), citations[j].name), j, True)
                )
    for k in found:
        k.aside = k.aside or _by_the_way(text, k)
    found.sort(key=lambda k: k.start)
    return found


def _by_the_way(text: str, k: _Mention) -> bool:
    """Whether a case is named in passing: after "in view of", "in", or as a possessive."""
    if re.match(r"['’]s\b", text[k.end : k.end + 3]):
        return True
    return bool(_BY_THE_WAY.search(text[max(0, k.start - 20) : k.start]))


def _name_end(text: str, end: int, name: str | None) -> int:
    """Where a case's name that starts a mention ends: "Rogers" -> "Rogers v. Burlington"."""
    own = {w.lower().strip(".,") for w in re.findall(r"[\w'’.&-]+", name or "")}
    for m in re.finditer(r"\s*([\w'’&-]+\.?)", text[end : end + 80]):
        if m.group(1).lower().strip(".,") not in own:
            break
        end += m.end() - m.start()
    return end


def _nearest_group(text: str, targets: list[_Mention]) -> list[_Mention]:
    """The cases named together just before a verb: "Kahriger and Lewis", "the Schwimmer,
    Macintosh and Bland cases"; not a case the sentence named earlier for another reason."""
    group = [targets[-1]]
    for k in reversed(targets[:-1]):
        gap = text[k.end : group[0].start]
        if not re.fullmatch(r"[\s,]*(?:(?:and|or|&)\s+)?(?:the\s+)?", gap):
            break
        group.insert(0, k)
    return group
