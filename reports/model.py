"""Typed reports: what the parsers read from one document, before any RDF."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .authorities import Authority
from .blocks_model import Block


@dataclass(frozen=True)
class Span:
    """Where a fact was read: a block of the document and a character span.

    Offsets index the document's cleaned text (``ParsedText.text``).
    """

    block: int
    start: int
    end: int


@dataclass(frozen=True)
class Judgement:
    area: str  # notation of a judgement-area concept
    area_label: str  # as worded in the document
    grade: str  # lower case: outstanding, good, requires improvement, adequate, inadequate
    span: Span
    parent: str | None = None  # area notation of the parent judgement


@dataclass(frozen=True)
class ImprovementPoint:
    ordinal: int  # 1-based position among the document's points
    text: str
    heading: str
    span: Span
    number: int | None = None
    priority: str | None = None  # "immediately", "within three months", ...
    addressed_to: str = "local-authority"  # or "lscb"
    area: str | None = None  # service-area notation
    references: tuple[int, ...] = ()  # paragraph numbers cited "(page 13, paragraph 27)"


@dataclass(frozen=True)
class CitedInspection:
    subject: str  # what the cited inspection covered, as worded
    year: int
    month: int | None
    grade: str | None
    span: Span
    approximate: bool = False  # a date given roughly ("four years ago"): that year or one either side


RECOMMENDATIONS_ADDRESSED = "recommendations-addressed"


@dataclass(frozen=True)
class Claim:
    text: str
    kind: str  # "grade", RECOMMENDATIONS_ADDRESSED, "other"
    span: Span
    grade: str | None = None


# A claim about the recommendations of one inspection, the latest: "recommendations made from
# the last inspection have been successfully addressed", "since our previous inspection". (The
# same pattern as queries/contradicted-claims.rq's, in SPARQL's regular expressions.)
_LAST_INSPECTION = re.compile(r"(?:last|previous|latest|recent) +(?:[^ ]+ +){0,3}(?:inspection|visit)(?:[^s]|$)",
                              re.I)


def full_inspection(kind: str, secondary: bool) -> bool:
    """An inspectorate's inspection of the authority's children's services: not a visit, a joint
    targeted inspection of one theme, or a secondary source."""
    return not secondary and not kind.endswith("visit") and kind != "jtai"


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def addressed_claims_after(raised_on: dt.date | str, sources: Iterable[Any],
                           inspected_on: Iterable[dt.date | str] = ()) -> Iterator[tuple[Any, Any]]:
    """(source, claim) for each claim that the recommendations were addressed, made by a
    secondary source (press release, news) published after ``raised_on``: what is shown beside a
    point raised then, never a status of it. A claim about the last inspection's recommendations
    is about the points of no earlier one: it is left out where a full inspection of the
    authority (``inspected_on``, their dates) came between the point and the claim, in a later
    month (inspections done together, a looked-after children's and a safeguarding inspection,
    are one "last inspection"). Works on any documents with ``secondary``, ``date`` and
    ``claims`` (each with ``kind`` and ``text``), as the follow-up and the export each read them
    (dates as dates or ISO strings)."""
    raised = _as_date(raised_on)
    inspected = [_as_date(d) for d in inspected_on]
    for source in sources:
        published = _as_date(source.date)
        if not (source.secondary and published > raised):
            continue
        superseded = any((raised.year, raised.month) < (d.year, d.month) and d < published for d in inspected)
        for claim in source.claims:
            if claim.kind == RECOMMENDATIONS_ADDRESSED and not (superseded and _LAST_INSPECTION.search(claim.text)):
                yield source, claim


@dataclass
class Report:
    """Everything read from one document."""

    source: str  # file name as given
    content_hash: str
    kind: str  # document-kind notation
    authority: Authority
    text: str  # cleaned text; all offsets index it
    blocks: list[Block]
    block_spans: list[tuple[int, int]]  # (start, end) of each block in ``text``
    block_sections: list[int | None]  # index of the heading block each block sits under
    block_areas: list[str | None]  # service-area notation of each block
    finding_blocks: list[int]  # indices of blocks that are findings
    strength_blocks: list[int] = field(default_factory=list)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    published: dt.date | None = None
    letter_date: dt.date | None = None
    lead_inspectors: list[str] = field(default_factory=list)
    team_inspectors: list[str] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    points: list[ImprovementPoint] = field(default_factory=list)
    cited: list[CitedInspection] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    scope_areas: list[str] = field(default_factory=list)
    scope_statement: str | None = None
    facts: dict[str, Span] = field(default_factory=dict)  # evidence of dates, inspectors, ...

    @property
    def is_secondary(self) -> bool:
        return self.kind in ("press-release", "other-secondary")

    @property
    def date(self) -> dt.date | None:
        """The date the document is filed under: fieldwork start, else publication."""
        return self.start_date or self.letter_date or self.published
