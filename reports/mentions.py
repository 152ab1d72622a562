"""What a document says about other things: earlier inspections it cites,
claims a secondary source makes, and the scope a visit states for itself."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import MONTHS
from .judgements import GRADE, normalise_grade

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
CITED_SINCE = re.compile(
    rf"(?:Since|At|In|When) the (?:previous|last) (?:(?P<subject>[\w ]{{0,40}}?)\s)?inspection"
    rf"(?:\s+{_WHEN}"
    rf"|\s+(?P<ago>one|two|three|four|five|six|seven|\d)\s+years?\s+ago)"
    rf"[^.]{{0,160}}?\b(?:judged|found|rated|graded)\b[^.]{{0,120}}?\b(?:to\s+(?:be\s+)?|as\s+)(?P<grade>{GRADE})",
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


def find_cited(text: str, document_year: int | None) -> list[CitedMention]:
    found: list[CitedMention] = []
    for m in CITED_EXPLICIT.finditer(text):
        found.append(_mention(m, m.group("subject"), document_year))
    for m in CITED_SINCE.finditer(text):
        subject = (m.group("subject") or "") + " inspection"
        found.append(_mention(m, subject.strip(), document_year))
    seen: set[tuple[int, int | None, str | None]] = set()
    out = []
    for c in sorted((c for c in found if c is not None), key=lambda c: c.start):
        key = (c.year, c.month, c.grade)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


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
            out.append(ClaimMention(sentence, "recommendations-addressed", None, start, start + len(sentence)))
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


SCOPE_SENTENCE = re.compile(
    r"(?:(?:Inspectors|This visit|The visit|The inspection)\s+(?:looked at|evaluated|focused on|"
    r"reviewed|considered|examined|explored)|The focus of (?:this|the) visit was)[^.]{10,400}\.", re.I)
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
    excluded = " ".join(EXCLUSION.findall(statement))
    included = EXCLUSION.sub("", statement)
    areas = [area for area, rx in SCOPE_AREAS if rx.search(included) and not rx.search(excluded)]
    if "leadership" not in areas:
        areas.append("leadership")  # every visit speaks about leaders' grip on practice
    return re.sub(r"\s+", " ", statement).strip(), areas
