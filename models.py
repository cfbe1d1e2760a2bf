"""Plain records that flow through citegraph: Opinion -> Citation -> Authority."""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from typing import Any

# The columns of the tables, in their order: opinions.jsonl (and "chars", the length of
# the text), citations.jsonl, authorities.jsonl.
OPINION_COLUMNS = (
    "id", "source", "name", "court", "date", "docket", "dockets", "judge", "type", "citations",
    "sha1",
)  # fmt: skip
CITATION_COLUMNS = (
    "opinion", "authority", "form", "kind", "text", "start", "end", "cites", "name", "pin",
    "signal", "parenthetical", "quote", "proposition", "page", "footnote", "treatment",
    "notes", "history", "source", "via", "subkind", "role", "relation", "treatment_words",
    "part",
)  # fmt: skip
# where a build writes each opinion's text (graph.tables.TEXTS)
TEXT_FILE = "texts.jsonl"
AUTHORITY_COLUMNS = (
    "id", "kind", "label", "name", "citations", "court", "year", "opinion", "subkind",
    "joined_by", "unresolved", "status", "status_by", "status_passage", "treated_by",
)  # fmt: skip
# the finer kinds of authority (`subkind`): a non-case authority's family where known
SUBKINDS = (
    "guideline", "restatement", "treatise", "dictionary", "legislative", "session_law",
    "agency_decision",
)  # fmt: skip


def _row(record: Any, columns: tuple[str, ...]) -> dict[str, Any]:
    """A table row: the named fields of a record (lists copied)."""
    row = {name: getattr(record, name) for name in columns}
    for name, value in row.items():
        if isinstance(value, list):
            row[name] = list(value)
    return row


@dataclass
class Opinion:
    """One opinion as read from a file: its text (offsets refer to it) and metadata.

    `pages` holds (offset, page) pairs where a page of the official report starts
    (from star paging such as "[*219]"); `footnotes` holds (start, end, label) spans
    of footnote text inside `text`.
    """

    id: str
    source: str
    text: str
    name: str | None = None
    court: str | None = None
    date: str | None = None
    docket: str | None = None
    judge: str | None = None
    type: str | None = None
    citations: list[str] = field(default_factory=list)
    pages: list[tuple[int, str]] = field(default_factory=list)
    footnotes: list[tuple[int, int, str]] = field(default_factory=list)
    sha1: str = ""
    # every docket number of the header (consolidated cases); `docket` is the lead one
    dockets: list[str] = field(default_factory=list)
    # which of the source's texts was read, and why ("html: 9 section signs, 3 notes;
    # plain_text: 0 of 9 section signs"), where a source carries more than one
    text_from: str | None = None

    def page_at(self, offset: int) -> str | None:
        """The page of the official report on which `offset` stands, if known."""
        if not self.pages:
            return None
        i = bisect.bisect_right([p[0] for p in self.pages], offset) - 1
        return self.pages[i][1] if i >= 0 else None

    def footnote_at(self, offset: int) -> str | None:
        """The label of the footnote that contains `offset`, if any."""
        for start, end, label in self.footnotes:
            if start <= offset < end:
                return label
        return None

    def row(self) -> dict[str, Any]:
        """The opinions.jsonl row. The text itself is in texts.jsonl (`text_file`), under
        the same id; the row holds its length."""
        return {**_row(self, OPINION_COLUMNS), "chars": len(self.text), "text_file": TEXT_FILE}


@dataclass
class Citation:
    """One occurrence of a citation in an opinion.

    A string of parallel citations to one case ("436 U.S. 658, 56 L. Ed. 2d 611") is
    one Citation whose `cites` lists every reporter citation in eyecite's corrected
    form. Short forms point at the full citation they stand for through
    `antecedent` (an index into the same opinion's list of citations).
    """

    opinion: str
    form: str  # full | short | id | supra | reference
    kind: str  # case | statute | regulation | rule | constitution | journal | other
    text: str
    start: int
    end: int
    cites: list[str] = field(default_factory=list)
    name: str | None = None
    short_name: str | None = None
    year: int | None = None
    court: str | None = None
    volume: str | None = None
    reporter: str | None = None
    pin: str | None = None
    signal: str | None = None
    parenthetical: str | None = None
    quote: str | None = None
    proposition: str | None = None
    page: str | None = None
    footnote: str | None = None
    treatment: str | None = None
    notes: str | None = None
    history: str | None = None
    antecedent: int | None = None
    parent: int | None = None
    via: str | None = None
    source: str = "text"
    authority: str | None = None
    # the pin of each of `cites` ("436 U.S. 658, 691, 98 S. Ct. 2018, 2036")
    pins: list[str | None] = field(default_factory=list)
    subkind: str | None = None  # the finer kind of a non-case authority (SUBKINDS)
    # what it does in its sentence: support, mention, history, quoting (extraction.roles)
    role: str | None = None
    # how a second-hand citation is used by the one whose parenthetical holds it:
    # "quoting", "citing", "cited in" ... (apart from `treatment`)
    relation: str | None = None
    # the words that gave `treatment` (the sentence of "we overrule X")
    treatment_words: str | None = None
    # the opinion of the text the citation stands in: majority, concurrence, dissent...
    # (extraction.treatment.opinion_parts); only the majority speaks for the court
    part: str | None = None

    def row(self) -> dict[str, Any]:
        """The citations.jsonl row."""
        return _row(self, CITATION_COLUMNS)

    def to_dict(self) -> dict[str, Any]:
        """Every field, for caching and process boundaries."""
        return asdict(self)


@dataclass
class Authority:
    """What citations point at: a case, statute, rule, regulation, constitution..."""

    id: str
    kind: str
    label: str
    name: str | None = None
    citations: list[str] = field(default_factory=list)
    court: str | None = None
    year: int | None = None
    opinion: str | None = None
    subkind: str | None = None  # guideline, treatise, session_law... (SUBKINDS)
    # what made its citation strings one authority ("parallel citations", "same name,
    # court and year", "docket number"...), graph.identity
    joined_by: list[str] = field(default_factory=list)
    # a short form ("Sosa, 542 U.S. at 724") whose full citation is nowhere in the corpus
    unresolved: bool = False
    # is it still good law: overruled, abrogated, superseded, disapproved, limited,
    # questioned, criticized, declined to follow (graph.status), by which opinion (or,
    # from history, which authority), with the words that say so
    status: str | None = None
    status_by: str | None = None
    status_passage: str | None = None
    # every such treatment: {"treatment", "by", "words", "start"}
    treated_by: list[dict[str, Any]] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        """The authorities.jsonl row."""
        return _row(self, AUTHORITY_COLUMNS)
