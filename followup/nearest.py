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

from collections.abc import Iterable
from typing import Any

from .corpus import Document, by_authority
from .engine import AuthorityTrail, PointTrail
from .polarity import polarity

Key = tuple[str, str]  # (point IRI, later document IRI)


def nearest_sentences(trails: Iterable[PointTrail], documents: dict[str, Document], n: int
                      ) -> dict[Key, list[dict[str, Any]]]:
    """For each trail's point and each later document it was judged against, up to ``n``
    uncited sentences (``AuthorityTrail.nearest``): paragraph, quote, offsets, polarity, the
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
                    for score, overlap, s in engine.nearest(t.point, raised_in, documents[v.document.iri], n, passed)]
    return out


def with_nearest(items: list[dict[str, Any]], nearest: dict[Key, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The trail dicts (``trace.trail_dict``) with each history entry's ``nearest`` sentences."""
    for it in items:
        for h in it["history"]:
            h["nearest"] = nearest.get((it["id"], h["document"]), [])
    return items
