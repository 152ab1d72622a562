"""What a later report says of the earlier one in so many words.

"This was a recommendation at the last inspection", "Implement the following areas for
improvement from the previous looked after children inspection: ...": a later point that says
so re-raises a point of that inspection, whatever words it re-words the matter in. And "(This
was a recommendation at the last inspection.)" after a finding refers to the sentence before it:
the finding is the evidence, the back-reference what makes it strong.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..reports.model import full_inspection
from . import themes
from .parts import CROSS_REFERENCE
from .text import content_terms, cosine_normed, weighted_norm

if TYPE_CHECKING:
    from .corpus import Document, Point
    from .engine import AuthorityTrail

# What the earlier inspection asked for, as inspectors name it.
_ASKED = r"recommendation|area (?:for|of) (?:improvement|development)|areas for (?:improvement|development)"
# Explicit back-references to the earlier inspection.
BACK_REFERENCE = re.compile(
    r"(?:" + _ASKED + r"|identified|raised|weakness|shortfall)[^.]{0,80}\b(?:last|previous|earlier|prior)\s+"
    r"(?:\w+\s+){0,3}(?:inspection|visit)|(?:since|at|from|in) the (?:last|previous|prior) (?:\w+\s+){0,3}"
    r"(?:inspection|visit)", re.I)
# Every back-reference names the earlier inspection with one of these words: a sentence
# without them (nearly all) is not searched with the pattern above, whose backtracking
# made it a twentieth of the trace's time.
_BACK_REFERENCE_WORD = re.compile(r"\b(?:last|previous|earlier|prior)\b", re.I)
# A point that says it was made before, as a recommendation or area for improvement of the
# earlier inspection: not "since the last inspection, ..." (which dates a change).
_DECLARED = re.compile(
    r"(?:" + _ASKED + r")[^.]{0,80}\b(?:last|previous|earlier|prior)\s+(?:[\w’'-]+\s+){0,3}?(inspections?|(?:\w+\s+)?visits?)\b", re.I)
# "This was ...", "It was ...": a sentence about the one before it.
_ANAPHORIC = re.compile(r"^\W*(?:this|it|these|that)\b", re.I)
# The matters of a point: its sentences, its clauses after a semicolon, and the list a colon opens.
_SEGMENT = re.compile(r"(?<=[.;:])\s+")

# A clause of the later point re-raises the earlier point it is closest to among the referenced
# inspection's points, when they share a theme (or a broader one) and some words, or many words.
# The inspectors' word that the point was made before stands in for the closeness that a point
# re-raised without saying so needs (`reraised_similarity`, 0.30 with a shared theme).
DECLARED_SIMILARITY_WITH_THEME = 0.10
DECLARED_SIMILARITY_ALONE = 0.25


def back_reference(sentence: str) -> bool:
    return bool(_BACK_REFERENCE_WORD.search(sentence) and BACK_REFERENCE.search(sentence))


def refers_back(sentence: str) -> bool:
    """A back-reference with no matter of its own ("This was a recommendation at the last
    inspection."): it speaks of the sentence before it."""
    return back_reference(sentence) and bool(_ANAPHORIC.match(sentence)) and not themes.tag(sentence)


def referenced_documents(doc: Document, documents: list[Document], kind: str) -> list[Document]:
    """The earlier documents a back-reference of ``doc`` names: the last inspection (or visit)
    before it; every earlier one for "previous inspections"."""
    visit = "visit" in kind.lower()
    earlier = [d for d in documents if d.date < doc.date and (
        not d.secondary and d.kind.endswith("visit") if visit else full_inspection(d.kind, d.secondary))]
    if not earlier:
        return []
    return earlier if kind.lower().endswith("s") else [max(earlier, key=lambda d: d.date)]


def matter_segments(text: str) -> list[str]:
    """The parts of a point that name matters, without its back-references and cross-references."""
    segments = (s.strip(" ;:") for s in _SEGMENT.split(CROSS_REFERENCE.sub(" ", text)))
    return [s for s in segments if content_terms(s) and not back_reference(s)]


def declared_reraises(engine: AuthorityTrail) -> dict[tuple[str, str], tuple[Point, str]]:
    """(earlier point, later document) -> (the later point that says it re-raises it, the
    sentence that says so), for every later point of the authority with such a sentence."""
    out: dict[tuple[str, str], tuple[Point, str]] = {}
    for doc in engine.documents:
        if doc.secondary:
            continue
        for later in doc.points:
            said = next((m for m in map(_DECLARED.search, _SEGMENT.split(later.text)) if m), None)
            if said is None:
                continue
            earlier = [p for d in referenced_documents(doc, engine.documents, said.group(1)) for p in d.points]
            for segment in matter_segments(later.text):
                best = _closest(engine, segment, earlier)
                if best is not None and (best.iri, doc.iri) not in out:
                    out[(best.iri, doc.iri)] = (later, said.string.strip())
    return out


def _closest(engine: AuthorityTrail, segment: str, candidates: list[Point]) -> Point | None:
    terms = Counter(content_terms(segment))
    norm = weighted_norm(terms, engine.idf)
    tags = themes.tag(segment)
    best: tuple[float, Point | None] = (0.0, None)
    for p in candidates:
        p_terms, p_norm, _, _ = engine.point_profile(p)
        sim = cosine_normed(terms, norm, p_terms, p_norm, engine.idf)
        agree = themes.agreement(tags, themes.tag(p.text))
        if not ((agree >= 0.5 and sim >= DECLARED_SIMILARITY_WITH_THEME) or sim >= DECLARED_SIMILARITY_ALONE):
            continue
        score = sim + 0.3 * agree
        if score > best[0]:
            best = (score, p)
    return best[1]
