"""What a sentence says of its matter: positive, negative, mixed or neutral.

Read per sentence, with the hedges inspectors use: "not always", "too few",
"however, for a small number of children", "work has started" make an
otherwise positive sentence mixed or negative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NEGATIVE = [
    r"\bnot\b", r"\bno\b(?! longer)", r"\bnever\b", r"\bnor\b", r"\bn['’]t\b", r"\bfails?\b", r"\bfailed\b",
    r"\btoo (?:few|many|long|slow|late|often|variable|much)\b", r"\black(?:s|ing)?\b", r"\blimited\b",
    r"\binconsistent(?:ly)?\b", r"\bvariable\b", r"\bvaries\b", r"\bweak(?:ness|nesses)?\b", r"\bpoor(?:ly)?\b",
    r"\bdelay(?:s|ed)?\b", r"\binsufficient(?:ly)?\b", r"\binadequate(?:ly)?\b", r"\brequires? improvement\b",
    r"\bneeds? to (?:improve|be improved|develop|strengthen)\b", r"\bremains? (?:a )?(?:concern|weak|an area)\b",
    r"\bgaps?\b", r"\bdrift\b", r"\bbacklogs?\b", r"\bshortfalls?\b", r"\bunclear\b", r"\buntimely\b",
    r"\bnot yet\b", r"\bbelow\b", r"\bworse\b", r"\bdeteriorat\w*", r"\bvague\b",
    r"\bovercomplicated\b", r"\bover-optimistic\b", r"\black of\b", r"\bdifficult(?:y|ies)?\b", r"\bsuperficial\b",
    r"\bunderdeveloped\b", r"\bunder-developed\b", r"\bunmet\b", r"\bhigh caseloads\b", r"\blow\b",
    r"\bare not\b", r"\bis not\b", r"\bdo not\b", r"\bdoes not\b", r"\bdid not\b", r"\bhave not\b", r"\bhas not\b",
    r"\bcan do more\b", r"\bmore (?:to do|work is needed|needs to be done)\b", r"\bfurther (?:work|improvement|development) (?:is|are) (?:needed|required)\b",
    r"\bimprovement is needed\b", r"\brequires? further\b", r"\bhas yet to\b", r"\bhave yet to\b",
    r"\bis yet to\b", r"\bare yet to\b", r"\bnot sufficiently\b", r"\bless (?:effective|consistent)\b",
    r"\b(?:lower|fewer|less) than (?:they|leaders|expected|would|the national|it should)\b",
    r"\bcannot\b", r"\bshould be (?:further )?(?:developed|improved|strengthened)(?: further)?\b",
    r"\blimits? (?:the|their|its|workers['’]?) (?:ability|capacity|effectiveness|impact|scope)\b",
    # Blame words with a prefix or a degree, which the words above miss ("ineffective" is not
    # "effective" at a word boundary, nor "weaker" "weak").
    r"\bslow(?:er|ly|ness)?\b", r"\boverly\b", r"\bweaker\b", r"\bineffective(?:ly)?\b",
    r"\binappropriate(?:ly)?\b", r"\binaccura(?:te|tely|cy|cies)\b", r"\bincomplete\b",
    r"\binconsistenc(?:y|ies)\b", r"\bunable\b", r"\bunsafe\b", r"\bdeficits?\b", r"\bdeficienc(?:y|ies)\b",
    r"\bout of date\b", r"\boutdated\b", r"\bmissed (?:opportunit\w*|appointments|visits)\b",
    r"\babsence of\b", r"\bcompromis(?:e|es|ed|ing)\b",
]
POSITIVE = [
    r"\bgood\b", r"\bstrong(?:ly)?\b", r"\beffective(?:ly)?\b", r"\bhigh[- ]quality\b", r"\bhigh standard\b",
    r"\btimely\b", r"\bwell\b", r"\brobust(?:ly)?\b", r"\bimproved\b", r"\bthorough(?:ly)?\b",
    r"\bappropriate(?:ly)?\b", r"\boutstanding\b", r"\bexcellent\b", r"\bcomprehensive\b", r"\bembedded\b",
    r"\bconsistent(?:ly)?\b", r"\bclear(?:ly)?\b", r"\bprompt(?:ly)?\b", r"\bswift(?:ly)?\b", r"\bskilful(?:ly)?\b",
    r"\bsensitive(?:ly)?\b", r"\bbenefit(?:s|ing)? from\b", r"\bpositive\b", r"\bimpressive\b", r"\bstrength\b",
    r"\bsuccessful(?:ly)?\b", r"\bsecure[sd]?\b", r"\bregular(?:ly)?\b", r"\bthoughtful(?:ly)?\b",
    r"\bcarefully\b", r"\bdetailed\b", r"\bmeaningful\b", r"\bhelpful\b", r"\bnotable\b", r"\bproactive(?:ly)?\b",
    r"\bincreas(?:ed|ing)(?:ly)? (?:number|proportion|use)\b", r"\bnow\b",
]
# Hedges: the matter is better for most, not all; or action has only begun.
PARTIAL = [
    r"\bhowever\b", r"\balthough\b", r"\bbut\b", r"\bdespite\b", r"\bnot all\b",
    r"\bnot always\b", r"\bnot consistently\b",
    r"\b(?:work|progress) has (?:started|begun)\b", r"\bearly (?:stage|days)\b", r"\btoo early\b",
    r"\bbeginning to\b", r"\bstarting to\b", r"\brecently (?:introduced|implemented|established|developed)\b",
    r"\b(?:has|have|there are) plans? to\b", r"\bplans? to (?:improve|develop|introduce|extend|expand|strengthen|address|increase|review)\b", r"\bis developing\b", r"\bare developing\b", r"\bin development\b", r"\bimproving\b",
    r"\bnot yet (?:fully|embedded|consistent)\b", r"\byet to\b", r"\bstill\b",
]
# Each list as one alternation: a sentence is scanned three times, not once per pattern (120
# scans; reading polarity was a seventh of the follow-up's time). The label only asks whether
# a list matches anywhere, which the alternation answers the same way.
_NEG = re.compile("|".join(f"(?:{p})" for p in NEGATIVE), re.I)
_POS = re.compile("|".join(f"(?:{p})" for p in POSITIVE), re.I)
_PART = re.compile("|".join(f"(?:{p})" for p in PARTIAL), re.I)
# "not only", "no longer a concern", "no delay": negations that praise.
_PRAISING_NEGATION = re.compile(
    r"\bnot only\b|\bno longer (?:a concern|an issue|the case that)|\bno (?:delays?|drift|backlog|gaps?)\b"
    r"|\bwithout (?:delay|drift)\b|\bno children (?:are|were) (?:left|waiting)\b"
    r"|\b(?:prevent|reduc|minimis|minimiz|avoid|tackl|address|clos)\w* (?:\w+ ){0,2}?"
    r"(?:delays?|drift|gaps?|backlogs?)(?: and (?:delays?|drift))?\b", re.I)
# "those who are not (in education) can access support": a population named, not a weakness.
_NAMING_NEGATION = re.compile(r"\b(?:those|children|young people|care leavers) who (?:are|were|do|did) not\b"
                              r"|\bwho cannot\b|\bwhen (?:children|young people|they) cannot\b"
                              r"|\bwhether or not\b|\bif not\b", re.I)
# "When there is a delay in achieving permanence, this is purposeful and well explained": a
# sentence that opens on a condition names the situation, and judges in its main clause.
_CONDITION = re.compile(r"^\s*(?:when|whenever|where|if|in (?:the )?(?:few |rare |small number of )?(?:cases|instances) where)\b"
                        r"[^,;:]{1,120},", re.I)
# A weakness introduced as a contrast ("However, leaders know they can do more")
# qualifies praise given just before: the matter is partly addressed.
_CONTRAST = re.compile(r"^\s*(?:however|although|but|while|whilst|that said|nevertheless)\b", re.I)


@dataclass(frozen=True)
class Polarity:
    label: str  # positive, negative, mixed, neutral
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    partial: tuple[str, ...]


def _hits(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    return tuple(m.group(0).lower() for m in pattern.finditer(text))


@lru_cache(maxsize=100_000)  # a later report's sentence is read for every point it may speak to
def polarity(sentence: str) -> Polarity:
    cleaned = _NAMING_NEGATION.sub(" ", _PRAISING_NEGATION.sub(" well ", _CONDITION.sub(" ", sentence)))
    neg = _hits(_NEG, cleaned)
    pos = _hits(_POS, cleaned)
    part = _hits(_PART, cleaned)
    if neg and pos:
        label = "mixed"
    elif neg:
        # "Too few care leavers are in education" is plainly negative; a hedge
        # with a negative ("not always timely") stays negative for the matter,
        # unless the sentence opens as a contrast with praise just given.
        label = "mixed" if _CONTRAST.search(sentence) else "negative"
    elif pos:
        label = "mixed" if part else "positive"
    else:
        # "However, leaders know they can do more" carries no praise or blame
        # word but a hedge: it is not positive.
        label = "mixed" if part else "neutral"
    return Polarity(label, pos, neg, part)
