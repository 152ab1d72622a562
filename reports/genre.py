"""Which kind of document a text is, read from its content alone.

Each genre has title phrases that its publisher always prints near the top.
A text matching none of them is not guessed into a kind: it is rejected.
"""

from __future__ import annotations

import re

# Checked in order: the more specific title first (a re-inspection title also
# contains the inspection title's words; a SIF report contains an LSCB review).
_TITLE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("jtai", re.compile(r"joint targeted area inspection", re.I)),
    ("unannounced-inspection", re.compile(
        r"unannounced inspection of (?:local authority )?contact,? referral and assessment", re.I)),
    ("sif-reinspection", re.compile(
        r"re-?inspection of services for children in need of help and protection", re.I)),
    ("sif-inspection", re.compile(
        r"inspection of services for children in need of help and protection", re.I)),
    # 2012-13, beside the looked-after-children inspection (and a few joint pilots in 2013).
    ("cp-inspection", re.compile(
        r"inspection of (?:local authority|multi-agency) arrangements for the protection of children", re.I)),
    # 2009-12: safeguarding and looked after children services, judged in one report.
    ("slac-inspection", re.compile(
        r"inspection of safeguarding (?:and looked after children(?:['’]s)? )?services", re.I)),
    # 2012-13: looked after children's services alone.
    ("lac-inspection", re.compile(r"inspection of looked after children(?:['’]s)? services", re.I)),
    ("lscb-review", re.compile(
        r"review of the effectiveness of the local safeguarding children board", re.I)),
    ("focused-visit", re.compile(r"\bfocused visit to\b", re.I)),
    ("monitoring-visit", re.compile(r"\bmonitoring visit (?:to|of)\b", re.I)),
    ("ilacs-inspection", re.compile(
        r"inspection of (?:[\w,.'’&-]+ ){0,8}?(?:local authority )?children['’]s (?:social care )?services",
        re.I)),
]

_PRESS = re.compile(
    r"\bCouncillor\b|\bCabinet Member\b|\bpress release\b|\bmedia enquiries\b|\bsaid:|"
    r"\bLeader of [\w ]+Council\b|\bsaid [\"“]", re.I)
_NEWS = re.compile(r"\b(?:reporter|journalist|BBC|news)\b", re.I)
_REPORT_SIGNS = re.compile(
    r"Inspection dates?:|Lead inspector|Judgement\s+Grade|This letter summarises|Dear ", re.I)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def detect_kind(text: str) -> str | None:
    """The document-kind notation of ``text``, or None when it is none of the genres."""
    head = _squash(text[:6000])
    # The genre's own title comes first; later mentions of other genres
    # ("since the inspection of services for children in need...") do not count.
    found: list[tuple[int, int, str]] = []
    for priority, (kind, rule) in enumerate(_TITLE_RULES):
        m = rule.search(head)
        if not m:
            continue
        # An ILACS title must be backed by report furniture, so that a news
        # article quoting the title is not taken for the report itself.
        if kind == "ilacs-inspection" and not _REPORT_SIGNS.search(head):
            continue
        found.append((m.start(), priority, kind))
    if found:
        return min(found)[2]
    return _secondary_kind(head)


def _secondary_kind(head: str) -> str | None:
    """Press releases and news items talk about Ofsted but are not its reports."""
    if not re.search(r"\bOfsted\b", head) or _REPORT_SIGNS.search(head[:1500]):
        return None
    if not re.search(r"inspect|judge|rated|rating|outstanding|inadequate|good", head, re.I):
        return None
    if _PRESS.search(head):
        return "press-release"
    if _NEWS.search(head):
        return "other-secondary"
    return None
