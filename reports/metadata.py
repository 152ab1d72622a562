"""Dates and people: fieldwork dates, publication and letter dates, inspectors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DATE_RE, parse_date, parse_range, reversed_range

_NAME = (r"[A-Z][\w'’.\-]+(?:[ \t]+(?!(?:Deputy|Team|Shadow|Senior|Her|His|HMI|Lead)\b)"
         r"(?:[A-Z][\w'’\-]+|(?:de|van|von|le|la|du)\b)){1,4}")
_TITLES = re.compile(
    r",?\s*(?:Her|His)\s+Majesty['’]s\s+Inspectors?|,?\s*\(?Senior\s+HMI\)?|,?\s*\bHMI\b|,?\s*Ofsted\s+Inspector|,?\s*Social\s+Care\s+Regulatory\s+Inspector",
    re.I,
)


@dataclass(frozen=True)
class Found:
    """A value and the character span of ``text`` it was read from."""

    value: object
    start: int
    end: int


@dataclass
class Metadata:
    start_date: Found | None = None
    end_date: Found | None = None
    published: Found | None = None
    letter_date: Found | None = None
    lead_inspectors: list[Found] = field(default_factory=list)
    team_inspectors: list[Found] = field(default_factory=list)


def _clean_name(raw: str) -> str:
    name = _TITLES.sub("", raw)
    return re.sub(r"\s+", " ", name).strip(" ,.;")


def _names_in_list(text: str, offset: int) -> list[Found]:
    """Names in "A, B and C" (titles like ", HMI," dropped), with their spans."""
    out: list[Found] = []
    stripped = _TITLES.sub(lambda m: " " * len(m.group()), text)
    for m in re.finditer(_NAME, stripped):
        name = _clean_name(m.group())
        # Role words ("Seconded Inspector") are not names.
        if name and not re.search(r"\b(?:Inspectors?|Majesty|Analysts?|Officer|Manager)\b", name):
            out.append(Found(name, offset + m.start(), offset + m.end()))
    return out


def find_dates(text: str, kind: str) -> Metadata:
    md = Metadata()
    head = text[:8000]
    m = re.search(r"(?:Report\s+)?published:?\s*(" + DATE_RE.pattern + ")", head, re.I)
    if m:
        md.published = Found(parse_date(m.group(1)), m.start(1), m.end(1))
    if kind in ("focused-visit", "monitoring-visit", "unannounced-inspection", "jtai"):
        # A letter is dated above "Dear ...": the first full date of the page.
        dear = re.search(r"\bDear\b", head)
        for dm in DATE_RE.finditer(head[: dear.start() if dear else 1500]):
            md.letter_date = Found(parse_date(dm.group()), dm.start(), dm.end())
            break
    default_year = None
    for anchor in (md.letter_date, md.published):
        if anchor is not None:
            default_year = anchor.value.year  # type: ignore[attr-defined]
            break
    label = re.search(r"Inspection\s+dates?:?|Dates?\s+of\s+(?:the\s+)?(?:inspection|visit):?", head, re.I)
    labelled = label is not None
    if label is None:
        # "on 5 and 6 February" in a visit's letter; "Between 15 and 19 May 2017, Ofsted, ..." opens a
        # JTAI letter of 2016-19, "This inspection took place from 10 to 14 January 2022." a later one.
        label = re.search(r"\b(?:[Oo]n|[Bb]etween|took\s+place\s+from)\s+\d{1,2}(?:st|nd|rd|th)?\b", head)
    if label is not None:
        window = head[label.start(): label.start() + 160]
        rng = parse_range(window, default_year)
        if rng is None and labelled:
            # "Inspection dates: 27 to 23 January 2023" is kept as written, for
            # the reader to reject, not read as the single date 23 January.
            rng = reversed_range(window, default_year)
        if rng:
            start, end, rm = rng
            md.start_date = Found(start, label.start() + rm.start(), label.start() + rm.end())
            md.end_date = Found(end, label.start() + rm.start(), label.start() + rm.end())
        else:
            single = DATE_RE.search(window)
            if single:
                d = parse_date(single.group())
                span = (label.start() + single.start(), label.start() + single.end())
                md.start_date = Found(d, *span)
                md.end_date = Found(d, *span)
    return md


def find_inspectors(text: str) -> tuple[list[Found], list[Found]]:
    """(lead, team) inspectors named in ``text``."""
    lead: list[Found] = []
    team: list[Found] = []
    for m in re.finditer(r"(?:Lead|Reporting)\s+inspector:?[ \t]*(" + _NAME + r")", text):
        lead = [Found(_clean_name(m.group(1)), m.start(1), m.end(1))]
        break
    for m in re.finditer(r"(?:Deputy\s+lead\s+inspector|Team\s+inspectors?):?[ \t]*"
                         r"((?:(?![A-Z][a-z]+(?:\s+[a-z]+)*:)[^\n])+)", text):
        team.extend(_names_in_list(m.group(1), m.start(1)))
    # Letters: "Her Majesty's Inspectors for this visit were A and B." / "The inspectors
    # were A, HMI, and B, HMI." / "Her Majesty's Inspectors were A, B and C." / "The visit was
    # carried out by Her Majesty's Inspectors A, B and C." and the signature. Not any
    # "inspectors were": "Inspectors were told that ..." names nobody.
    for m in re.finditer(r"(?:Inspectors\s+for\s+this\s+visit\s+were|The\s+inspectors\s+were"
                         r"|Majesty['’]s\s+Inspectors\s+were"
                         r"|carried\s+out\s+by\s+(?:Her|His)\s+Majesty['’]s\s+Inspectors?)\s+"
                         r"((?:[^.]|\.(?=\S))+)\.", text):
        team.extend(_names_in_list(m.group(1), m.start(1)))
        break
    if not lead:
        # The signature names the lead inspector where it signs as one ("Tom Anthony, Her
        # Majesty's Inspector"); a JTAI letter is signed by the inspectorates' directors instead.
        sig = re.search(r"Yours\s+sincerely,?\s+(" + _NAME + r")[\s,]+(?:(?:(?:Her|His)\s+Majesty['’]s|HM|Senior\s+HM|"
                        r"Ofsted|Social\s+Care\s+Regulatory)?\s*Inspector\b|(?:Senior\s+)?HMI\b)", text)
        if sig:
            lead = [Found(_clean_name(sig.group(1)), sig.start(1), sig.end(1))]
        elif team:
            lead = [team[0]]
    lead_names = {f.value for f in lead}
    seen: set[object] = set()
    team = [f for f in team if f.value not in lead_names and not (f.value in seen or seen.add(f.value))]
    return lead, team
