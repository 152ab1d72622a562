"""What a document says about other things: earlier inspections it cites,
claims a secondary source makes, and the scope a visit states for itself."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .dates import MONTHS
from .judgements import GRADE, normalise_grade
from .model import RECOMMENDATIONS_ADDRESSED

_MONTH_NAMES = "|".join(m for m in MONTHS if len(m) > 3)
# A month before a year; "May" only there, since elsewhere it is the verb.
_MONTH_BEFORE_YEAR = rf"(?:{_MONTH_NAMES}|May)"
_WHEN = rf"(?:in\s+)?(?:(?P<month>{_MONTH_BEFORE_YEAR})\s+)?(?P<year>(?:19|20)\d\d)"
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

# "The previous inspection of the local authority's arrangements for the
# protection of children was in March 2013. The local authority was judged to be adequate."
# Also "The last Ofsted inspection of ... was undertaken in March 2013. The local authority was
# judged inadequate." (or "was inadequate."), "... took place between 24 and 28 June 2013." and "The last inspection
# report for the local authority's children's services was published in June 2015. The
# judgements for the local authority were: Overall effectiveness: Inadequate."
CITED_EXPLICIT = re.compile(
    rf"The (?:previous|last|most recent) (?:Ofsted )?(?P<subject>inspection (?:report for|of) [^.]{{5,200}}?) "
    rf"(?:was|took place) (?:carried out |undertaken |published )?"
    rf"(?:(?:between|from) [^.]{{0,40}}? (?:and|to) (?:\d{{1,2}}\s+)?)?{_WHEN}\."
    rf"(?:\s+The local authority was (?:judged (?:to (?:be )?)?)?(?P<grade>{GRADE})"
    rf"|\s+The judgements for the local authority were:?\s+Overall effectiveness:?\s+(?P<overall>{GRADE}))?",
    re.I,
)
# "Since the previous inspection four years ago, when Ofsted judged ... to be good"
# "At the last inspection in 2018, ... were judged to be requires improvement"
# "Since the last inspection in 2023, where ... were judged as requires improvement to be good"
# After "Since ...", only a "when" or "where" clause grades the cited inspection: "Since the last
# inspection in 2014, services have been judged to be good" gives today's grade.
CITED_SINCE = re.compile(
    rf"(?:(?P<since>Since)|At|In|When) the (?:previous|last) (?:(?P<subject>[\w ]{{0,40}}?)\s)?inspection"
    rf"(?:\s+{_WHEN}"
    rf"|\s+(?P<ago>one|two|three|four|five|six|seven|\d)\s+years?\s+ago)"
    rf"(?(since)[^.]{{0,40}}?\b(?:when|where)\b)"
    rf"[^.]{{0,160}}?\b(?:judged|found|rated|graded)\b[^.]{{0,120}}?\b(?:to\s+(?:be\s+)?|as\s+)(?P<grade>{GRADE})",
    re.I,
)

# A dated mention in passing, with or without a grade:
# "Since the last inspection in March 2023, there have been significant changes ..."
# "Recommendations from the last Ofsted inspection in June 2013 included ..."
# "Since the previous inspection of services for children in need ... in November 2017, ..."
# "Since the last inspection (November 2012), eight serious incident notifications ..."
# "At the last full Ofsted inspection of ... published in January 2018, all services were judged
# to be good." A grade counts only where the sentence ties it to that inspection (a clause opened
# by "when" or "where", or the main clause after "At the last ..."): after "Since the last
# inspection ...", a grade is today's.
_PAST_QUALIFIERS = r"(?:(?:full|judgement|Ofsted|ILACS|SIF|standard|short|graded)\s+){0,3}"
# Inspections of other providers that children's services reports mention: not the authority's.
# (The authority's fostering and adoption services are inspected on their own, as providers.)
_OTHER_PROVIDER = re.compile(r"\b(?:schools?|homes?|academ(?:y|ies)|nurser(?:y|ies)|colleges?|agency|youth "
                             r"offending|probation|police|hospitals?|trusts? (?:hospital|health)|"
                             r"(?:fostering|adoption) services?|residential|secure (?:unit|children))\b", re.I)


def _tied_grade(name: str) -> str:
    return (rf"\b(?:judged|found|rated|graded)\b[^.]{{0,120}}?\b(?:to\s+(?:be\s+)?|as\s+)?"
            rf"(?P<{name}>{GRADE})")


CITED_IN_PASSING = re.compile(
    rf"(?P<at>\bAt\s+)?\bthe (?:previous|last|most recent) (?P<subject>{_PAST_QUALIFIERS}inspection"
    rf"(?:\s+(?:report\s+)?of\s+[^.()]{{3,160}}?)?)"
    rf"\s+(?:(?:was\s+)?(?:published|undertaken|carried out|completed)\s+)?(?:\(|on\s+(?:\d{{1,2}}\s+)?)?{_WHEN}\)?"
    rf"(?:,?\s+(?:when|where)\b[^.]{{0,120}}?{_tied_grade('grade')}"
    rf"|(?(at),[^.]{{0,80}}?{_tied_grade('overall')}))?",
    re.I,
)
# "When Ofsted last inspected Norfolk children's services in 2015, it found that ..."
# "... since the last time the county was inspected in 2013, ..."
# "Ofsted inspected Birmingham city council children's services two years ago and found ..."
# "Ofsted's inspection of services for looked after children in February 2010 found services to
# be adequate, with ..."
CITED_AS_INSPECTED = re.compile(
    rf"(?:\bOfsted (?:last\s+)?inspected (?P<subject>[^.]{{3,120}}?)"
    rf"|\bOfsted['’]s (?:last |previous )?inspection of (?P<of>[^.]{{3,120}}?)"
    rf"|\bthe last time (?P<what>[^.]{{3,60}}?) was inspected)"
    rf"\s+(?:{_WHEN}\b|(?P<ago>one|two|three|four|five|six|seven|\d)\s+years?\s+ago)"
    rf"(?:\s+found\s+[^.,]{{0,80}}?\bto\s+be\s+(?P<grade>{GRADE}))?",
    re.I,
)

# A monitoring visit's opening: "The visit was the fourth monitoring visit since the local
# authority was judged inadequate in January 2018." (and "... judged to be inadequate for overall
# effectiveness in June 2019", "... judged inadequate at its last inspection in 2015").
CITED_JUDGED_IN = re.compile(
    rf"\b(?P<subject>the local authority|the council|(?:the )?[\w’' ]{{0,40}}?services)\s+(?:was|were)\s+"
    rf"judged\s+(?:to\s+(?:be\s+)?|as\s+)?(?P<grade>{GRADE})(?:\s+(?:for|in)\s+[^.,]{{0,60}}?)?"
    rf"(?:\s+at\s+(?:its|the|their)\s+(?:last\s+|previous\s+)?inspection)?\s+(?=in\s){_WHEN}\b",
    re.I,
)


@dataclass(frozen=True)
class CitedMention:
    subject: str
    year: int
    month: int | None
    grade: str | None
    start: int
    end: int
    approximate: bool = False  # "four years ago": that year or one either side


# Each form of citation with the subject it names: (pattern, subject from the match, whether
# the subject may be another provider's inspection, a fostering service's or a children's home's,
# which is not one of the authority's children's services).
_CITATION_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str], bool], ...] = (
    (CITED_EXPLICIT, lambda m: m.group("subject"), False),
    (CITED_SINCE, lambda m: ((m.group("subject") or "") + " inspection").strip(), False),
    (CITED_IN_PASSING, lambda m: m.group("subject"), True),
    (CITED_AS_INSPECTED, lambda m: f"inspection of {m.group('subject') or m.group('of') or m.group('what')}", True),
    (CITED_JUDGED_IN, lambda m: f"inspection of {m.group('subject')}", True),
)


def find_cited(text: str, document_year: int | None) -> list[CitedMention]:
    found: list[CitedMention] = []
    for pattern, subject_of, may_be_other in _CITATION_FORMS:
        for m in pattern.finditer(text):
            subject = subject_of(m)
            if may_be_other and _OTHER_PROVIDER.search(subject):
                continue
            mention = _mention(m, subject, document_year)
            if mention is not None:
                found.append(mention)
    return _distinct(found)


def _distinct(found: list[CitedMention]) -> list[CitedMention]:
    """One mention per cited inspection, in text order. A report names its last inspection
    several times, once with its date and grade in full: a mention of the same year and month (or
    year, where either gives no month) adds nothing unless it gives another grade (a report cites
    two inspections of one month, one for each service, by their grades)."""
    kept: list[CitedMention] = []
    # The most telling mentions first: graded, then dated to the month, then in text order.
    for c in sorted(found, key=lambda c: (c.grade is None, c.month is None, c.start)):
        if not any(k.year == c.year and (k.month is None or c.month is None or k.month == c.month)
                   and (c.grade is None or k.grade == c.grade) for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _mention(m: re.Match[str], subject: str, document_year: int | None) -> CitedMention | None:
    groups = m.groupdict()
    if groups.get("year"):
        year = int(groups["year"])
    elif groups.get("ago") and document_year:
        ago = groups["ago"].lower()
        year = document_year - (_NUMBER_WORDS.get(ago) or int(ago))
    else:
        return None
    month = MONTHS[groups["month"].lower()] if groups.get("month") else None
    said = groups.get("grade") or groups.get("overall")
    grade = normalise_grade(said, "") if said else None
    return CitedMention(re.sub(r"\s+", " ", subject).strip(), year, month, grade, m.start(), m.end(),
                        approximate=bool(groups.get("ago")))


SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[”\"’']?|$)")
CLAIM_ADDRESSED = re.compile(
    r"recommendations?[^.]{0,120}\b(?:addressed|implemented|acted on|met|completed|delivered)", re.I)
CLAIM_GRADE = re.compile(rf"\b(?:rated|rating|judged|graded|grade)\b[^.]{{0,120}}?[“\"‘']?{GRADE}", re.I)
ANY_GRADE = re.compile(rf"[“\"‘']?{GRADE}", re.I)
# A grade the sentence names as the one left behind: "up from 'requires improvement'",
# "moved from inadequate to good", "from its rating as adequate", "previously judged
# inadequate", "had been rated". ("Was" and "were" are not: press releases give the new grade
# so too, "services were rated good".)
EARLIER_GRADE = re.compile(
    r"(?:\bfrom(?:\s+(?:its|their|the|a))?(?:\s+(?:rating|grade|judgement|score)\s+(?:of|as))?"
    r"|\b(?:previous(?:ly)?|had been)(?:\s+(?:rated|judged|graded))?(?:\s+(?:as|to\s+be))?)"
    r"\s*[“\"‘']?$", re.I)
# A grade given for overall effectiveness ("with the overall effectiveness of the service rated
# as 'good'", "an overall score of 'good'"), where the sentence grades other things too.
OVERALL_GRADE = re.compile(r"\boverall\b[^.]{0,60}$", re.I)


@dataclass(frozen=True)
class ClaimMention:
    text: str
    kind: str
    grade: str | None
    start: int
    end: int


def find_claims(paragraph: str, offset: int) -> list[ClaimMention]:
    """Claims in one paragraph of a secondary source, sentence by sentence."""
    out = []
    for s in SENTENCE.finditer(paragraph):
        sentence = s.group().strip()
        if not sentence:
            continue
        start = offset + s.start() + (len(s.group()) - len(s.group().lstrip()))
        if CLAIM_ADDRESSED.search(sentence):
            out.append(ClaimMention(sentence, RECOMMENDATIONS_ADDRESSED, None, start, start + len(sentence)))
        elif (g := CLAIM_GRADE.search(sentence)) is not None:
            out.append(ClaimMention(sentence, "grade", claimed_grade(sentence, g.start(1)), start,
                                    start + len(sentence)))
    return out


def claimed_grade(sentence: str, first: int) -> str:
    """The grade a sentence claims now. Of the grades from the first one the claim's wording
    introduces (and any given for overall effectiveness before it), those not named as the one
    left behind ("rated good, up from requires improvement"; "its rating moved from inadequate
    to good"); of these the overall one, else the first. When every one was left behind (the
    sentence names only the past), the last."""
    grades = [m for m in ANY_GRADE.finditer(sentence)
              if m.start(1) >= first or _overall(sentence, m)]
    current = [m for m in grades if not EARLIER_GRADE.search(sentence[:m.start()])]
    if not current:
        return normalise_grade(grades[-1].group(1), "")
    overall = [m for m in current if _overall(sentence, m)]
    return normalise_grade((overall or current)[0].group(1), "")


def _overall(sentence: str, grade: re.Match[str]) -> bool:
    """Whether the grade is given overall: "good overall", or "overall" shortly before it
    with no other grade between."""
    if re.match(r"[”\"’']?\s+overall\b", sentence[grade.end():], re.I):
        return True
    before = OVERALL_GRADE.search(sentence[:grade.start()])
    return before is not None and ANY_GRADE.search(before.group()[len("overall"):]) is None


# What inspectors say they did when they say what a visit covered.
_SCOPE_VERBS = r"looked at|evaluated|focused on|reviewed|considered|examined|explored"
SCOPE_SENTENCE = re.compile(
    r"(?:(?:Inspectors|This visit|The visit|The inspection)\s+(?:" + _SCOPE_VERBS + r")"
    r"|The focus of (?:this|the) (?:monitoring |focused )?visit was)[^.]{10,400}\.", re.I)
# A further sentence of a visit's scope paragraph that says what else it looked at ("Inspectors also
# evaluated the effectiveness of ... supervision", "They considered the quality of planning ...", "This
# includes the work of ...", "In particular, inspectors reviewed ..."), and one that says how it worked,
# from what ("Inspectors looked at a range of evidence, including ...", "Inspectors also looked at local
# authority performance management and quality assurance information").
FURTHER_SCOPE = re.compile(r"(?:in particular,?\s+|specifically,?\s+)?(?:(?:the\s+)?(?:inspectors|they)\s+"
                           r"(?:also\s+|carefully\s+)?(?:" + _SCOPE_VERBS + r"|scrutinised)\b"
                           r"|this (?:includes|included|covers|covered)\b)", re.I)
HOW_THEY_WORKED = re.compile(r"range of evidence|case discussions|evidence,? including|\binformation\b|"
                             r"case (?:records|files)", re.I)
SCOPE_AREAS = [
    ("help-and-protection", re.compile(r"front door|help and protection|child protection|children in need|"
                                       r"early help|referral|assessment|extra-familial|exploitation|"
                                       r"at home|vulnerable children|contact,? referral", re.I)),
    ("children-in-care", re.compile(r"children in care|looked after|permanence|placement|fostering", re.I)),
    ("care-leavers", re.compile(r"care leavers|leaving care", re.I)),
    ("adoption", re.compile(r"adoption|adopt", re.I)),
    ("leadership", re.compile(r"leaders|leadership|management|workforce|quality assurance", re.I)),
]
EXCLUSION = re.compile(r"did not (?:include|consider|look at|evaluate)[^.]*", re.I)


def find_scope(text: str) -> tuple[str | None, list[str]]:
    """A visit's own statement of what it covered, and the service areas it names."""
    found = list(SCOPE_SENTENCE.finditer(text[:6000]))
    # "Inspectors looked at the arrangements for ..." names the scope; "looked at
    # a range of evidence" only says how.
    found.sort(key=lambda m: (not re.search(r"arrangements|focus|practice|experiences|services for", m.group(), re.I),
                              m.start()))
    m = found[0] if found else None
    if not m:
        return None, []
    end = m.end()
    # The following sentence often narrows the scope ("... and did not include ...").
    nxt = re.match(r"\s*[^.]{0,300}\.", text[end:])
    statement = text[m.start(): end + (nxt.end() if nxt and EXCLUSION.search(nxt.group()) else 0)]
    statement = re.sub(r"\s+", " ", statement).strip()
    return statement, scope_areas(statement)


def scope_areas(statement: str) -> list[str]:
    """The service areas a visit's statement of its scope names, but those it says it left out."""
    excluded = " ".join(EXCLUSION.findall(statement))
    included = EXCLUSION.sub("", statement)
    areas = [area for area, rx in SCOPE_AREAS if rx.search(included) and not rx.search(excluded)]
    if "leadership" not in areas:
        areas.append("leadership")  # every visit speaks about leaders' grip on practice
    return areas
