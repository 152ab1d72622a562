"""Document structure: which blocks are improvement points, findings, strengths,
and which service area each block speaks about, read from the headings above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks_model import Block
from .judgements import GRADE

# Headings that open a list of improvement points, in every genre's wording.
POINT_HEADING = re.compile(
    r"^(?:recommendations?|what needs to improve(?: in this area of social work practice)?\??"
    r"|what (?:does|do) the (?:local authority|lscb|board|partnership)[\w ]* need to improve\??"
    r"|areas? for (?:development|improvement|priority action)|priority actions?"
    r"|priority and immediate actions?)[:.]?$",
    re.I,
)
# Sub-headings inside a list that set the point's timescale or priority.
PRIORITY_HEADING = re.compile(
    r"^(immediately|within (?:three|six|3|6) months|priority and immediate actions?|priority actions?"
    r"|areas? for (?:improvement|priority action))[:.]?$",
    re.I,
)
# A timescale sub-heading run into the end of the lead-in sentence before it.
TRAILING_PRIORITY = re.compile(r"[.:]\s+(immediately|within (?:three|six|3|6) months)\s*:\s*$", re.I)
# Headings that always end a list (the next part of the report begins).
SECTION_HEADING = re.compile(
    r"summary|findings|information about|about this inspection|experiences and progress|strengths"
    r"|contents|^the local authority$|inspection judgements|service information|main findings"
    r"|^section \d|overall effectiveness|capacity to improve"
    # The looked-after-children inspections' section, not a topic inside a list of
    # recommendations ("Priority and immediate action", "Outcomes for care leavers", "1. ...").
    r"|^outcomes for (?:looked after )?children and young"
    r"|quality of provision|leadership and management|^the lscb|local safeguarding children board"
    r"|^yours sincerely|\bjudgements?\b|\binspection\b",
    re.I,
)
INTRO = re.compile(
    r"(?:following action|should take the following|recommendations? (?:is|are)\b.*:|:\s*$)", re.I)
# The local authority's own strengths: a strengths section, and one that speaks across areas.
AUTHORITY_STRENGTHS = r"the local authority['’]s strengths|the local authority has the following strengths"
STRENGTH_HEADING = re.compile(
    r"^(?:(?:areas of |key |the lscb['’]s |the local authority['’]s )?strengths?|what is working well"
    rf"|{AUTHORITY_STRENGTHS})[:.]?$", re.I)
BOILERPLATE_HEADING = re.compile(
    r"^(?:contents|about this inspection|information about this (?:inspection|local authority area)"
    r"|service information|the inspection judgements and what they mean|the local authority"
    r"|previous ofsted inspections|local leadership|children living in this area"
    r"|child protection in this area|children looked after in this area|the inspection team"
    r"|summary for children and young people)\W*$",
    re.I,
)
# Sections of a report that speak across its service areas: the area of the heading before
# them (the summary's last topic, "Leadership, management and governance") is not theirs.
WHOLE_REPORT_HEADING = re.compile(
    r"^(?:summary of (?:key )?findings|progress since the last inspection"
    rf"|what does the local authority need to improve|{AUTHORITY_STRENGTHS})\W*$", re.I)
LETTER_BOILERPLATE = re.compile(
    r"This letter summarises|Ofsted will take the findings|I am copying this letter|"
    r"published on the Ofsted website|Yours sincerely|^Dear\b|will be specifically considered in any future|"
    # A JTAI letter's opening and its "Next steps": what the inspection was and what follows it.
    r"undertook a joint inspection of|This letter to all the service leaders|"
    r"should prepare a written statement of proposed action|"
    r"This report sets out the findings of the joint targeted|This inspection took place from|"
    # How a visit was made, and the national work a 2020-21 visit was part of: not what it found.
    r"^This visit was carried out in line with|^The methodology for this visit|"
    r"^Inspectors (?:looked at|considered|reviewed|examined) a range of evidence|"
    r"^Her Majesty['’]s Chief Inspector of Education, Children['’]s Services and Skills is leading|"
    # The letter's title, printed with a full stop as if a paragraph (Doncaster 2021).
    r"^(?:Focused|Monitoring) visit (?:to|of) [^.]{3,120} children['’]s services\.?$",
    re.I,
)
FOOTER = re.compile(
    r"Office for Standards in Education, Children['’]s Services and Skills \(Ofsted\) regulates|"
    r"copy of this document in a different format|You may reuse this information|"
    r"This report is available at|Interested in our work|Crown copyright|Piccadilly Gate|"
    r"Any complaints about the inspection",
    re.I,
)

AREA_HEADINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"local safeguarding children board|\blscb\b|safeguarding (?:children )?partnership", re.I), "lscb"),
    (re.compile(r"children in care and care leavers|looked after children and care leavers", re.I),
     "children-in-care-and-care-leavers"),
    (re.compile(r"care leavers|leaving care", re.I), "care-leavers"),
    (re.compile(r"adoption", re.I), "adoption"),
    (re.compile(r"help and protection|need protection|child protection|early help"
                r"|^safeguarding (?:services|outcomes)", re.I), "help-and-protection"),
    (re.compile(r"looked after|children in care|achieving permanence", re.I), "children-in-care"),
    (re.compile(r"impact of leaders|leadership|management and governance", re.I), "leadership"),
]


# A judgement set as one table row of its own at the head of its section ("The experiences and
# progress of children who need help and protection<TAB>Requires improvement", SIF reports, under
# a row "Key judgement<TAB>Judgement grade" or none): it heads the section as a heading would.
# The rows of the judgements up front have other judgements beside them.
_JUDGEMENT_ROW = re.compile(rf"^[^\t]+\t\s*{GRADE}\s*$", re.I)


def heads_a_section(blocks: list[Block], i: int) -> bool:
    b = blocks[i]
    if b.kind == "heading":
        return True
    if b.kind != "table" or not _JUDGEMENT_ROW.match(b.text):
        return False
    before = blocks[i - 1] if i > 0 else None
    after = blocks[i + 1] if i + 1 < len(blocks) else None
    return ((after is None or after.kind != "table")
            and (before is None or before.kind != "table" or not _JUDGEMENT_ROW.match(before.text)))


def area_of_heading(heading: str) -> str | None:
    for pattern, area in AREA_HEADINGS:
        if pattern.search(heading):
            return area
    return None


REFERENCE = re.compile(r"\((?:page\s*\d+\s*,\s*)?para(?:graph)?s?\.?\s*([\d ,–\-and&]+)\)", re.I)


def references_in(text: str) -> tuple[int, ...]:
    """Paragraph numbers a point cites: "(page 13, paragraph 27)", "(paragraphs 27 and 28)"."""
    refs: list[int] = []
    for m in REFERENCE.finditer(text):
        for low, high, single in re.findall(r"(\d+)\s*[–-]\s*(\d+)|(\d+)", m.group(1)):
            if single:
                refs.append(int(single))
            elif int(high) - int(low) < 50:
                refs.extend(range(int(low), int(high) + 1))
    return tuple(dict.fromkeys(refs))


@dataclass
class PointItem:
    block: int
    heading: str
    priority: str | None
    addressed_to: str
    area: str | None
    sub_items: list[int] = field(default_factory=list)  # bullets under a lead-in ending ":"


@dataclass
class Structure:
    sections: list[int | None]  # heading block index above each block
    areas: list[str | None]
    points: list[PointItem] = field(default_factory=list)
    findings: list[int] = field(default_factory=list)
    strengths: list[int] = field(default_factory=list)


def _is_item(block: Block) -> bool:
    return block.kind == "bullet" or (block.kind == "paragraph" and block.number is not None)


# Focused-visit letters of 2018-19 list weaknesses under "Areas for improvement"
# as findings; their improvement points are only the "What needs to improve" list.
VISIT_POINT_HEADING = re.compile(r"^what needs to improve|^areas? for priority action|^priority actions?", re.I)


def is_point_heading(text: str, kind: str) -> bool:
    text = text.strip()
    if not POINT_HEADING.match(text):
        return False
    if kind in ("focused-visit", "monitoring-visit"):
        return bool(VISIT_POINT_HEADING.match(text))
    return True


def read_structure(blocks: list[Block], letter: bool, kind: str = "") -> Structure:
    sections: list[int | None] = []
    areas: list[str | None] = []
    heading_idx: int | None = None
    area: str | None = None
    major_area: str | None = None  # LSCB sections contain their own sub-headings
    for i, b in enumerate(blocks):
        if heads_a_section(blocks, i):
            heading_idx = i
            # "Children looked after in this area" is the statistics front matter,
            # not the judgement area: it names no area for what follows it.
            found = None if BOILERPLATE_HEADING.match(b.text) else area_of_heading(b.text)
            if found == "lscb":
                major_area = "lscb"
            elif BOILERPLATE_HEADING.match(b.text) or re.match(r"information about this inspection", b.text, re.I):
                major_area = None
            if found:
                area = found
            elif BOILERPLATE_HEADING.match(b.text) or WHOLE_REPORT_HEADING.match(b.text):
                area = None
        sections.append(heading_idx)
        areas.append(area if area else major_area)

    structure = Structure(sections, areas)
    point_blocks = _find_points(blocks, structure, kind)
    in_points = {p.block for p in point_blocks}
    structure.points = point_blocks
    numbered = sum(1 for b in blocks if b.kind == "paragraph" and b.number is not None)
    # A letter's findings follow its greeting, not the addresses above it. A JTAI letter, addressed
    # to every agency's leader in a list, has no greeting: its findings follow its title. (A press
    # release has none either, and no findings: it is not the inspectorate's word.)
    after_dear = not letter or (kind == "jtai" and not any(re.match(r"Dear\b", b.text) for b in blocks))
    for i, b in enumerate(blocks):
        heading = blocks[sections[i]].text if sections[i] is not None else ""
        if letter and re.match(r"Dear\b", b.text):
            after_dear = True
            continue
        if i in in_points or b.kind in ("heading", "footnote", "table") or FOOTER.search(b.text):
            continue
        if STRENGTH_HEADING.match(heading):
            structure.strengths.append(i)
            continue
        if BOILERPLATE_HEADING.match(heading) or POINT_HEADING.match(heading) or PRIORITY_HEADING.match(heading):
            continue
        if letter:
            if after_dear and not LETTER_BOILERPLATE.search(b.text):
                structure.findings.append(i)
        elif numbered >= 5:
            if b.kind == "paragraph" and b.number is not None and not INTRO.search(b.text):
                structure.findings.append(i)
        elif b.kind in ("paragraph", "bullet"):
            structure.findings.append(i)
    return structure


def _find_points(blocks: list[Block], structure: Structure, kind: str) -> list[PointItem]:
    items: list[PointItem] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if not (b.kind == "heading" and is_point_heading(b.text, kind)):
            i += 1
            continue
        list_heading = b.text.strip().rstrip(":")
        priority = _priority(b.text)
        style: str | None = None
        # Where this list's items begin: a lead-in ("... should take the following action.")
        # is skipped before each list's first item. A report may have two lists under the same
        # heading (the 2009-12 inspections' "Areas for improvement" for safeguarding and for
        # looked after children): the second's lead-in is not a point either.
        first = len(items)
        i += 1
        while i < len(blocks):
            c = blocks[i]
            if c.kind == "heading":
                text = c.text.strip()
                if PRIORITY_HEADING.match(text) or is_point_heading(text, kind):
                    priority = _priority(text)  # "Areas for improvement" after "Priority and immediate action" has none
                    i += 1
                    continue
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                # A topic sub-heading ("Care leavers") inside a numbered list
                # continues it; any section heading ends it.
                if (SECTION_HEADING.search(text) or nxt is None or not _is_item(nxt)
                        or (style is not None and _style(nxt) != style)):
                    break
                i += 1
                continue
            if c.kind == "footnote":
                i += 1
                continue
            if c.kind == "paragraph" and c.number is None and PRIORITY_HEADING.match(c.text.strip()):
                priority = _priority(c.text)  # "Immediately:" set as a line of its own
                i += 1
                continue
            if INTRO.search(c.text) and len(items) == first:
                # The first timescale may end the lead-in, where the PDF's layout ran the line
                # "Immediately:" into it ("... should take the following action. Immediately:").
                tail = TRAILING_PRIORITY.search(c.text)
                if tail:
                    priority = _priority(tail.group(1))
                i += 1
                continue
            # "8. Implement the following areas for improvement:" and its bullets are one point.
            if (c.kind == "bullet" and style == "numbered" and len(items) > first
                    and blocks[items[-1].block].text.rstrip().endswith(":")):
                items[-1].sub_items.append(i)
                i += 1
                continue
            if not _is_item(c) or (style is not None and _style(c) != style):
                break
            style = style or _style(c)
            area = structure.areas[i]
            items.append(PointItem(i, list_heading, priority,
                                   "lscb" if area == "lscb" else "local-authority", area))
            i += 1
    return items


def _style(block: Block) -> str:
    return "bullet" if block.kind == "bullet" else "numbered"


def _priority(text: str) -> str | None:
    t = text.lower()
    if "immediate" in t:
        return "immediately"
    m = re.search(r"within (three|six|3|6) months", t)
    if m:
        return {"3": "within three months", "6": "within six months"}.get(m.group(1), f"within {m.group(1)} months")
    if "priority" in t:
        return "priority action"
    return None
