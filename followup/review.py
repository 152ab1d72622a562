"""The review sheet: `inspectkg trace --format csv`, one row per verdict, for an analyst.

Its first columns are a curation file's (followup/curation.py), with the decision left
blank; the columns after them say what the method decided and on which sentences. An
analyst fills in ``action`` (and ``verdict`` for a correction), ``analyst``, ``date`` and
``reason`` on the rows they review, in a spreadsheet, and gives the file to
``inspectkg curate``: rows left blank are passed over. Given ``--curations``, the sheet
starts from that file's decisions, so a review can be carried on where it stopped; the
decisions on verdicts it does not show (filtered out, or stale) come last, unchanged.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .curation import COLUMNS, Curation
from .present import place

CONTEXT = ["authority", "raised", "document_date", "document_kind", "automatic_verdict", "confidence",
           "current_status", "paragraphs", "quotes", "nearest", "nearest_paragraph_ids"]
BLANK = dict.fromkeys(COLUMNS + CONTEXT, "")


def _decision(c: Curation) -> dict[str, str]:
    decided = {"action": c.action, "verdict": c.verdict, "evidence_paragraph": c.evidence_paragraph,
               "analyst": c.analyst, "date": c.date.isoformat(), "reason": c.reason}
    if c.point_text:
        # The words the analyst decided on, not today's: a point reworded since stays stale.
        decided["point_text"] = c.point_text
    return decided


def review_rows(items: list[dict[str, Any]], curations: list[Curation] | None = None) -> list[dict[str, str]]:
    """A row per point and later document. Its first decision (a curation of the whole verdict
    before one of an evidence link) fills the row in; any others get rows of their own after
    it, so that the sheet given back to `curate` keeps every decision."""
    decisions: dict[tuple[str, str], list[Curation]] = {}
    for c in sorted(curations or [], key=lambda c: bool(c.evidence_paragraph)):
        decisions.setdefault((c.point, c.document), []).append(c)
    rows: list[dict[str, str]] = []
    for it in items:
        for h in it["history"]:
            automatic = [e for e in it["evidence"] if e["document"] == h["document"]
                         and not str(e.get("method", "")).startswith("curated")]
            base = dict(BLANK, point=it["id"], document=h["document"], point_text=it["text"],
                        authority=it["authority"]["name"], raised=it["date"], document_date=h["date"],
                        document_kind=h["kind"], automatic_verdict=h.get("automatic_verdict", h["verdict"]),
                        confidence="" if h["confidence"] is None else f"{h['confidence']:.2f}",
                        current_status=it["status"],
                        paragraphs=" | ".join(str(e["paragraph"]) if e["paragraph"] is not None else ""
                                              for e in automatic),
                        quotes=" | ".join(e["quote"] for e in automatic),
                        # `trace --nearest N`: where to look for a sentence the method missed, each
                        # with its place; the IRIs, in the same order, are what `evidence_paragraph` takes.
                        nearest=" | ".join(f"[{place(n['paragraph'], h['kind'])}] {n['quote']}"
                                           for n in h.get("nearest", [])),
                        nearest_paragraph_ids=" | ".join(n["paragraph_id"] for n in h.get("nearest", [])))
            decided = decisions.pop((it["id"], h["document"]), [])
            rows.extend({**base, **_decision(c)} for c in decided)
            if not decided:
                rows.append(base)
    # Decisions on verdicts the sheet does not show (another authority's, or stale ones, which
    # `trace` reports) come last as they were: a sheet written over its curation file loses none.
    for c in sorted((c for cs in decisions.values() for c in cs), key=lambda c: c.line):
        rows.append({**BLANK, "point": c.point, "document": c.document, **_decision(c)})
    return rows


def as_review_csv(items: list[dict[str, Any]], curations: list[Curation] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(BLANK), lineterminator="\n")
    writer.writeheader()
    writer.writerows(review_rows(items, curations))
    return out.getvalue()
