"""Graded judgements: area + grade, normalised to the framework's scale.

Judgement tables come out of PDFs as runs of wrapped lines ("The impact of
leaders on social work \\npractice with children and families\\nGood"), so the
area wording is matched word by word across any whitespace, and the grade
must follow it with nothing but separators in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GRADE = r"(outstanding|good|requires?\s+improvement(?:\s+to\s+be\s+good)?|adequate|inadequate)"


def words(phrase: str) -> str:
    """A regex matching ``phrase`` with any whitespace between its words."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


@dataclass(frozen=True)
class AreaRule:
    area: str
    pattern: re.Pattern[str]
    parent: str | None = None
    section: str | None = None  # looked for only in this section of the report (SECTIONS)


def _rule(area: str, label: str, sep: str, parent: str | None = None, section: str | None = None) -> AreaRule:
    return AreaRule(area, re.compile(label + sep + GRADE + r"\b", re.I), parent, section)


# Between label and grade: tabs, colons, "is", "are", "Grade 3 (".
_TABLE = r"[\s:]*(?:\d\.\d\s+)?"
_PROSE = r"\s+(?:(?:is|are|remains?)\s+(?:judged\s+to\s+be\s+|now\s+)?)?"
_GRADED = r"\s+Grade\s+[1-4]\s*\(\s*"

ILACS_RULES = [
    _rule("leadership", words("impact of leaders on social work practice with children and families"), _TABLE),
    _rule("help-and-protection", words("experiences and progress of children who need help and protection"), _TABLE),
    _rule("children-in-care-and-care-leavers", words("experiences and progress of children in care and care leavers"), _TABLE),
    _rule("children-in-care", words("experiences and progress of children in care"), _TABLE),
    _rule("care-leavers", words("experiences and progress of care leavers"), _TABLE),
    _rule("overall", words("Overall effectiveness"), _TABLE),
]

SIF_RULES = [
    _rule("help-and-protection", r"1\.\s*" + words("Children who need help and protection"), _TABLE),
    _rule("children-in-care", r"2\.\s*" + words("Children looked after and achieving permanence"), _TABLE),
    _rule("adoption", r"2\.1\s*" + words("Adoption performance"), _TABLE, parent="children-in-care"),
    _rule("care-leavers", r"2\.2\s*" + words("Experiences and progress of care leavers"), _TABLE,
          parent="children-in-care"),
    _rule("leadership", r"3\.\s*" + words("Leadership, management and governance"), _TABLE),
    _rule("overall", words("Children's services in") + r"\s+[\w ,.'’-]{2,60}?" + _PROSE, ""),
    _rule("overall", words("Children’s services in") + r"\s+[\w ,.'’-]{2,60}?" + _PROSE, ""),
    _rule("overall", words("The overall judgement is") + r"\s+(?:that\s+children['’]s\s+services\s+"
          r"(?:are\s+|is\s+)?)?", ""),
    _rule("lscb", r"(?:The\s+effectiveness\s+of\s+the\s+|The\s+)(?:LSCB|Local\s+Safeguarding\s+"
          r"Children\s+Board)(?:\s+\(LSCB\))?" + _PROSE, ""),
]

LAC_RULES = [
    _rule("overall", words("Overall effectiveness of services for looked after children and young people"), _GRADED),
    _rule("overall", words("Overall effectiveness of safeguarding services"), _GRADED),
    _rule("capacity-to-improve", words("Capacity to improve"), _GRADED),
    _rule("capacity-to-improve", words("Capacity for improvement"), _GRADED),
    _rule("outcomes", words("Outcomes for looked after children and young people"), _GRADED),
    _rule("quality-of-provision", words("Quality of provision"), _GRADED),
    _rule("leadership", words("Leadership and management"), _GRADED),
    _rule("equality-and-diversity", words("Equality and diversity"), _GRADED),
    _rule("being-healthy", words("Being healthy"), _GRADED, parent="outcomes"),
    _rule("staying-safe", words("Staying safe"), _GRADED, parent="outcomes"),
    _rule("enjoying-and-achieving", words("Enjoying and achieving"), _GRADED, parent="outcomes"),
    _rule("positive-contribution", words("Making a positive contribution"), _GRADED, parent="outcomes"),
    _rule("economic-wellbeing", words("Economic well-being"), _GRADED, parent="outcomes"),
]

# The inspections of safeguarding and looked after children of 2009-12 judge two services, each
# in a section of its own opened by its overall effectiveness ("Safeguarding services /
# Overall effectiveness / Grade 3 (Adequate)", then "Services for looked after children / ..."),
# with the same sub-judgements in both (capacity for improvement, quality of provision,
# leadership and management); "Record of main findings" repeats them in a table. So each rule
# is looked for within its section only: the section's first "Overall effectiveness" is the
# service's own judgement (area "safeguarding" or "children-in-care"), the rest are under it.
# The judgement may also name its service ("Overall effectiveness of safeguarding services").
_SERVICE_NAMES = {
    "safeguarding": words("safeguarding services"),
    "children-in-care": words("services for looked after children") + r"(?:\s+" + words("and young people") + r")?",
}
_OVERALL = words("Overall effectiveness") + r"(?:\s+of\s+(?:" + "|".join(_SERVICE_NAMES.values()) + r"))?"
# A section opens where its overall effectiveness is graded as the rules below read it, so that
# every judgement found in a section has its service's own judgement to stand under.
_GRADED_HERE = r"(?=(?:" + _GRADED + r"|" + _TABLE + r")" + GRADE + r"\b)"
SECTIONS = {
    "safeguarding": re.compile(
        r"(?:" + words("Safeguarding services") + r"\s+" + words("Overall effectiveness")
        + r"|" + words("Overall effectiveness of") + r"\s+" + _SERVICE_NAMES["safeguarding"] + r")" + _GRADED_HERE, re.I),
    "children-in-care": re.compile(
        r"(?:(?:" + words("Services for looked after children") + r"|" + words("Looked after children services")
        + r")\s+" + words("Overall effectiveness")
        + r"|" + words("Overall effectiveness of") + r"\s+" + _SERVICE_NAMES["children-in-care"] + r")" + _GRADED_HERE, re.I),
}
_SLAC_SUB_AREAS = [
    ("capacity-to-improve", r"(?:" + words("Capacity for improvement") + r"|" + words("Capacity to improve") + r")"),
    ("quality-of-provision", r"(?:The\s+)?" + words("quality of provision")),
    ("leadership", words("Leadership and management")),
    ("ambition-and-prioritisation", words("Ambition and prioritisation")),
    # "... workforce planning" (or "development") until 2011, "Performance management and
    # quality assurance" in 2012.
    ("evaluation", r"(?:" + words("Evaluation, including performance management, quality assurance and workforce")
     + r"\s+(?:planning|development)|" + words("Performance management and quality assurance") + r")"),
    # Not the end of "Making a positive contribution, including user engagement".
    ("user-engagement", r"(?<!including\s)" + words("User engagement")),
    ("partnership-working", r"Partnership(?:s|\s+working)"),
    ("equality-and-diversity", words("Equality and diversity")),
    ("value-for-money", words("Value for money")),
]
# Safeguarding's own: its outcomes (as the table words them, and as the section's grades end;
# "are safe and feel safe" as one judgement in 2012), health agencies' part in them, and the
# parts of its quality of provision.
_SAFEGUARDING_AREAS = [
    ("children-safe", words("children and young people are safe") + r"(?:\s+and\s+feel\s+safe)?"),
    ("children-feel-safe", words("children and young people feel safe")),
    ("health-contribution", words("contribution of health agencies to keeping children and young people safe")),
    ("service-responsiveness", words("Service responsiveness") + r",?\s+" + words("including complaints")),
    ("assessment-and-direct-work", words("Assessment and direct work with children and families")),
    ("case-planning", words("Case planning,") + r"\s+reviews?\s+" + words("and recording")),
]
_SLAC_OUTCOMES = [
    ("being-healthy", words("Being healthy")),
    ("staying-safe", words("Staying safe")),
    ("enjoying-and-achieving", words("Enjoying and achieving")),
    ("positive-contribution", words("Making a positive contribution") + r"(?:,?\s+" + words("including user engagement") + r")?"),
    ("economic-wellbeing", r"(?:Achieving\s+)?" + words("economic well-being")),
]
SLAC_RULES = [
    rule
    for service in SECTIONS
    for sep in (_GRADED, _TABLE)  # the section's own grades first, then the table's
    for rule in [
        _rule(service, _OVERALL, sep, section=service),
        *(_rule(area, label, sep, parent=service, section=service) for area, label in _SLAC_SUB_AREAS),
        *(_rule(area, label, sep, parent=service, section=service)
          for area, label in (_SLAC_OUTCOMES if service == "children-in-care" else _SAFEGUARDING_AREAS)),
    ]
]

# The child protection inspections of 2012-13: a table at the end ("Record of main
# findings"), and each judgement also in prose at the head of its section ("The quality
# of practice is inadequate."). The table is read first: a finding may use the same words
# of one service ("the quality of practice is good in the out-of-hours team").
_CP_AREAS = [
    ("help-and-protection", words("effectiveness of the help and protection provided to children, young people")
     + r"(?:\s+and\s+their)?,?\s+" + words("families and carers")),
    ("quality-of-practice", words("quality of practice")),
    ("leadership", words("Leadership and governance")),
    ("leadership", words("Leadership, governance and partnership")),
]
_PROSE_JUDGED = r"\s+(?:is|are)\s+(?:judged\s+to\s+be\s+)?"
CP_RULES = [
    _rule("overall", words("Overall effectiveness"), _TABLE),
    *(_rule(area, label, _TABLE) for area, label in _CP_AREAS),
    _rule("overall", words("The overall effectiveness of the") + r"\s+(?:multi-agency\s+)?"
          + words("arrangements to protect children") + r"[\w ,.'’-]{0,80}?" + _PROSE, ""),
    *(_rule(area, label, _PROSE_JUDGED) for area, label in _CP_AREAS),
]

RULES_BY_KIND = {
    "ilacs-inspection": ILACS_RULES,
    "sif-inspection": SIF_RULES,
    "sif-reinspection": SIF_RULES,
    "lscb-review": SIF_RULES,
    "slac-inspection": SLAC_RULES,
    "lac-inspection": LAC_RULES,
    "cp-inspection": CP_RULES,
}


def normalise_grade(raw: str, kind: str) -> str:
    """Lower-case grade on the framework's scale ("Requires improvement to be good" -> "requires improvement")."""
    g = re.sub(r"\s+", " ", raw.strip().lower())
    if g.startswith("require"):
        return "requires improvement"
    return g


@dataclass(frozen=True)
class FoundJudgement:
    area: str
    area_label: str
    grade: str
    start: int
    end: int
    parent: str | None


def section_spans(text: str, section: str) -> list[tuple[int, int]]:
    """Where ``section`` of a report is: from each opening of it to the next opening of any
    section (its text, then its part of the table of main findings)."""
    openings = sorted((m.start(), name) for name, pattern in SECTIONS.items() for m in pattern.finditer(text))
    ends = [start for start, _ in openings[1:]] + [len(text)]
    return [(start, end) for (start, name), end in zip(openings, ends) if name == section]


def find_judgements(text: str, kind: str) -> list[FoundJudgement]:
    """The first grade given to each area of ``kind``'s framework (within its section, for a
    framework that judges the same areas in two sections), in ``text``."""
    found: dict[tuple[str | None, str], FoundJudgement] = {}
    sections: dict[str, list[tuple[int, int]]] = {}  # each section's spans, found once
    for rule in RULES_BY_KIND.get(kind, []):
        if (rule.parent, rule.area) in found:
            continue
        if rule.section and rule.section not in sections:
            sections[rule.section] = section_spans(text, rule.section)
        spans = sections[rule.section] if rule.section else [(0, len(text))]
        for m in (m for start, end in spans for m in rule.pattern.finditer(text, start, end)):
            label = re.sub(r"\s+", " ", text[m.start(): m.start(1)]).strip(" \t:")
            # "children in care" must not swallow the ILACS 2018-22 combined area.
            if rule.area == "children-in-care" and re.search(r"care\s+leavers", text[m.start(): m.end()], re.I):
                continue
            found[(rule.parent, rule.area)] = FoundJudgement(rule.area, label, normalise_grade(m.group(1), kind),
                                                             m.start(), m.end(), rule.parent)
            break
    # A judgement's parent must itself have been found, or the link is dropped.
    return [j if (j.parent is None or (None, j.parent) in found) else
            FoundJudgement(j.area, j.area_label, j.grade, j.start, j.end, None)
            for j in sorted(found.values(), key=lambda j: j.start)]
