"""The explorer: one self-contained HTML file of the trail view that works
offline. The template, script and style sheet in assets/ are inlined; the data
is JSON in a <script type="application/json"> element, with every ``<``, ``>``
and ``&`` escaped so that no report text can close the element, and the script
writes report text with textContent only, so it is always shown as text."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from importlib import resources
from typing import Any

from .filters import Filters
from .records import Records
from .style import STATUS_COLOURS
from .views import claiming_sources, claims_on, kept_points


def _asset(name: str) -> str:
    return resources.files("inspectkg.export").joinpath("assets", name).read_text(encoding="utf-8")


def explorer_data(records: Records, filters: Filters) -> dict[str, Any]:
    docs = records.documents
    points = kept_points(records, filters)
    used_docs: dict[str, int] = {}

    def doc_index(iri: str) -> int:
        if iri not in used_docs:
            used_docs[iri] = len(used_docs)
        return used_docs[iri]

    point_index = {p.iri: i for i, p in enumerate(points)}
    claimants = claiming_sources(records, filters)
    out_points = []
    for p in points:
        raised = docs[p.doc]
        history, evidence = [], []
        for a in sorted(p.assessments, key=lambda a: (docs[a.later].date if a.later in docs else "", a.part or 0)):
            later = docs.get(a.later)
            if later is None or not filters.keeps_document(later):
                continue
            h: dict[str, Any] = {"doc": doc_index(a.later), "verdict": a.verdict, "confidence": a.confidence,
                                 "by": a.decided_by, "mode": a.mode, "part": a.part, "reason": a.reason}
            if a.automatic_verdict:
                h["automatic"] = a.automatic_verdict
            history.append(h)
            for e in a.evidence:
                evidence.append({"doc": doc_index(a.later), "paragraph": e.paragraph_number,
                                 "paragraphId": e.paragraph, "quote": e.quote, "verdict": a.verdict,
                                 "polarity": e.polarity, "part": a.part})
        # Regressions: the earlier sentences that praised the matter this point raises.
        praise = []
        for r in p.related:
            para = records.paragraphs.get(r.other) if r.relation == "regression of" else None
            if para is not None and para.doc in docs and filters.keeps_document(docs[para.doc]):
                praise.append({"doc": doc_index(para.doc), "paragraph": para.number, "quote": r.quote})
        # Secondary sources' claims that the recommendations were addressed, published after the
        # point was raised: beside the evidence, never a status (as `trace` shows them).
        claims = [{"doc": doc_index(d.iri), "text": c.text} for d, c in claims_on(raised, claimants)]
        out_points.append({
            "id": p.iri, "doc": doc_index(p.doc), "number": p.number, "ordinal": p.ordinal, "text": p.text,
            "heading": p.heading, "status": p.status, "date": raised.date,
            "themes": sorted(records.themes[t].notation for t in p.themes if t in records.themes),
            "history": history, "evidence": evidence, "praise": praise,
            "parts": [{"ordinal": part.ordinal, "text": part.text, "status": part.status} for part in p.parts],
            "claims": claims,
            "related": [{"relation": r.relation, "point": point_index[r.other]} for r in p.related
                        if r.other in point_index],
        })
    out_docs: list[dict[str, Any]] = [{}] * len(used_docs)
    for iri, i in used_docs.items():
        d = docs[iri]
        out_docs[i] = {"id": d.iri, "authority": d.authority_name, "gss": d.gss, "date": d.date, "kind": d.kind,
                       "kindLabel": d.kind_label, "kindShort": d.kind_short, "title": d.title,
                       "judgements": [{"area": j.area_label, "grade": j.grade_label or j.grade or "",
                                       "rank": j.rank, "sub": j.parent is not None} for j in d.judgements]}
    used_themes = sorted({t for p in out_points for t in p["themes"]})
    labels = {t.notation: t.label for t in records.themes.values()}
    return {
        "title": "inspectkg: follow-up trails",
        "generated": dt.date.today().isoformat(),
        "filters": filters.describe(),
        "statusColours": STATUS_COLOURS,
        "documents": out_docs,
        "points": out_points,
        "themes": [{"notation": t, "label": labels.get(t, t)} for t in used_themes],
    }


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no ``</script>``, no ``<!--``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def explorer_html(records: Records, filters: Filters) -> tuple[str, int, int]:
    """The page, and how many points and documents it shows."""
    data = explorer_data(records, filters)
    return render_page(data), len(data["points"]), len(data["documents"])


def render_page(data: dict[str, Any]) -> str:
    parts = {"title": html.escape(data["title"]), "style": _asset("explorer.css"), "data": script_json(data),
             "script": _asset("explorer.js")}
    # One pass over the template: text put in is never scanned for placeholders again.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], _asset("explorer.html"))
