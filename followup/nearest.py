"""For review: the sentences of each later document closest to a point that the method did not
cite (`inspectkg trace --nearest N`).

The method's most common error is linking, not reading: the sentence on the matter is in the
later report, but it chose another, or found none above its thresholds (docs/followup.md, "What
caps the accuracy"). An analyst checking a verdict then has to search the report for the matter.
These sentences, the best by the method's own score without its thresholds and the best by
word overlap alone, taken in turn, are where to look first; they are shown, never used as
evidence.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from .corpus import Document, Point, by_authority
from .engine import AuthorityTrail, PointTrail, SentenceInfo, closeness
from .parts import point_themes
from .polarity import polarity

Key = tuple[str, str]  # (point IRI, later document IRI)


def nearest_sentences(trails: Iterable[PointTrail], documents: dict[str, Document], n: int
                      ) -> dict[Key, list[dict[str, Any]]]:
    """For each trail's point and each later document it was judged against, up to ``n``
    uncited sentences (``nearest``): paragraph, quote, offsets, polarity, the
    method's score and the word overlap alone."""
    out: dict[Key, list[dict[str, Any]]] = {}
    if n <= 0:
        return out
    wanted: dict[str, list[PointTrail]] = {}
    for t in trails:
        wanted.setdefault(t.document.authority, []).append(t)
    for authority, docs in by_authority(documents).items():
        if authority not in wanted:
            continue
        # One authority's engine at a time: its word weights are that authority's reports',
        # as they were when the verdicts were made.
        engine = AuthorityTrail(docs)
        for t in wanted[authority]:
            raised_in = documents[t.document.iri]
            for v in t.verdicts:
                passed = {(e.start, e.end) for e in v.evidence}
                out[(t.point.iri, v.document.iri)] = [
                    {"paragraph": s.paragraph.number, "paragraph_id": s.paragraph.iri, "start": s.start,
                     "end": s.end, "quote": s.text, "polarity": polarity(s.text).label, "score": round(score, 3),
                     "overlap": round(overlap, 3)}
                    for score, overlap, s in nearest(engine, t.point, raised_in, documents[v.document.iri], n, passed)]
    return out


def nearest(engine: AuthorityTrail, point: Point, raised_in: Document, doc: Document, n: int,
            passed: Collection[tuple[int, int]] = ()) -> list[tuple[float, float, SentenceInfo]]:
    """The ``n`` sentences of the later ``doc`` closest to ``point`` (raised in ``raised_in``),
    whether or not they cleared the method's thresholds, but those at the offsets in ``passed``
    (the ones it cited). Each with the method's score and its word overlap alone.

    Taken in turn from two rankings, by the method's score and by word overlap alone, over every
    evidential sentence (one sharing a theme and no word is a paraphrase the method missed): the
    sentence the annotators cite is among the first five more often than by either ranking
    alone (docs/followup.md, "Reviewing the verdicts")."""
    engine.read_description(point, raised_in)
    probe = engine.probe(point.text, point_themes(point.text))
    measured = []
    for i, s in enumerate(engine.sentences_of(doc)):
        if s.evidential and (s.start, s.end) not in passed:
            sim, on_main, agree, _ = engine.measure(probe, s)
            measured.append((closeness(sim, on_main, agree, s.back_reference), sim, i, s))
    by_score = sorted(measured, key=lambda m: (-m[0], m[2]))
    by_overlap = sorted(measured, key=lambda m: (-m[1], m[2]))
    out: list[tuple[float, float, SentenceInfo]] = []
    taken: set[int] = set()
    for pair in zip(by_score, by_overlap):
        for score, sim, i, s in pair:
            if i not in taken and len(out) < n:
                taken.add(i)
                out.append((score, sim, s))
    return out


def with_nearest(items: list[dict[str, Any]], nearest: dict[Key, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The trail dicts (``trace.trail_dict``) with each history entry's ``nearest`` sentences."""
    for it in items:
        for h in it["history"]:
            h["nearest"] = nearest.get((it["id"], h["document"]), [])
    return items
