"""Views: networkx projections of the graph, each useful on its own.

- trail: improvement points, the later documents and findings that speak to
  them; edges labelled with verdicts, points coloured by status.
- authority: each authority's documents over time with judgements and grades,
  the points they raised and the earlier inspections they cite.
- themes: practice themes linked to the points and findings tagged with them,
  across authorities.
- full (fullgraph.py): every resource as a node, every object property as an edge.

Nodes are keyed by IRI; every attribute is a scalar (str, int, float), so
that GraphML and GEXF readers take them as they are.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import networkx as nx

from ..reports.model import addressed_claims_after, full_inspection
from .filters import Filters, theme_iris
from .records import Claim, Document, Judgement, Paragraph, Point, Records
from .style import edge_colour, node_colour

VIEWS = ("trail", "authority", "themes", "full")


def short(text: str, width: int = 60) -> str:
    # Only the first words can fit: the text is cut before it is wrapped (shortening whole
    # paragraphs took 2-3 s of the whole country's trail export). The cut leaves room for what
    # decides the line's last word: a word longer than the line is broken, not dropped, and a
    # hyphen is a break only with letters after it.
    keep = 2 * width + 10
    head = text[:2 * keep]
    words = " ".join(head.split())
    if len(words) < keep and len(head) < len(text):
        words = " ".join(text.split())  # mostly white space: read it all
    if len(words) <= width:
        return words
    return textwrap.shorten(words[:keep], width, placeholder="…")


def point_label(p: Point, doc: Document) -> str:
    number = p.number if p.number is not None else p.ordinal
    return f"{doc.date[:4]} #{number}: {short(p.text, 48)}"


def document_label(doc: Document) -> str:
    return f"{doc.authority_name} {doc.kind_label} {doc.date}"


def judgement_name(j: Judgement, doc: Document) -> str:
    """The judgement's area, and its parent's where the document judges the area more than once
    (2009-12: leadership under safeguarding and under looked after children)."""
    parent = next((p for p in doc.judgements if p.iri == j.parent), None)
    if parent is None or sum(k.area == j.area for k in doc.judgements) < 2:
        return j.area_label
    return f"{j.area_label} ({parent.area_label})"


def paragraph_label(para: Paragraph, doc: Document | None) -> str:
    where = f"para {para.number}" if para.number is not None else "paragraph"
    return f"{doc.date[:4] if doc else ''} {where}: {short(para.text, 40)}".strip()


def _new_graph(view: str, filters: Filters) -> nx.MultiDiGraph:
    return nx.MultiDiGraph(name=f"inspectkg {view} view", view=view, filters=filters.describe())


def add_document(g: nx.MultiDiGraph, doc: Document) -> None:
    if doc.iri not in g:
        g.add_node(doc.iri, label=document_label(doc), type="document", date=doc.date, kind=doc.kind,
                   authority=doc.authority_name, gss=doc.gss, text=doc.title)


def add_point(g: nx.MultiDiGraph, p: Point, doc: Document, records: Records) -> None:
    themes = sorted(records.themes[t].notation for t in p.themes if t in records.themes)
    g.add_node(p.iri, label=point_label(p, doc), type="point", status=p.status, date=doc.date, kind=doc.kind,
               authority=doc.authority_name, gss=doc.gss, text=p.text, heading=p.heading,
               number=p.number if p.number is not None else p.ordinal, themes=" ".join(themes))
    if p.parts:
        # A split point's status is its least resolved part's: each part with its own.
        g.nodes[p.iri]["parts"] = "; ".join(f"{part.ordinal}. {part.text} [{part.status}]" for part in p.parts)


def add_paragraph(g: nx.MultiDiGraph, para: Paragraph, records: Records) -> None:
    if para.iri in g:
        return
    doc = records.documents.get(para.doc)
    attrs = {"label": paragraph_label(para, doc), "type": "finding" if para.finding else "paragraph",
             "text": para.text}
    if para.number is not None:
        attrs["number"] = para.number
    if doc is not None:
        attrs.update(date=doc.date, kind=doc.kind, authority=doc.authority_name, gss=doc.gss)
    g.add_node(para.iri, **attrs)


def _edge(g: nx.MultiDiGraph, u: str, v: str, relation: str, key: str | None = None, **attrs: object) -> None:
    key = key or f"{u} {relation} {v}"
    attrs.setdefault("label", relation)
    g.add_edge(u, v, key=key, id=key, relation=relation, **attrs)


def finish(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    for _, attrs in g.nodes(data=True):
        attrs["color"] = node_colour(attrs)
    for _, _, attrs in g.edges(data=True):
        attrs["color"] = edge_colour(attrs)
    return g


def kept_points(records: Records, filters: Filters) -> list[Point]:
    themes = theme_iris(filters, records.themes)
    return sorted((p for p in records.points.values() if filters.keeps_point(p, records.documents, themes)),
                  key=lambda p: (records.documents[p.doc].authority_name, records.documents[p.doc].date, p.ordinal))


@dataclass
class Claimants:
    """Each authority's secondary sources that make claims and that the filters keep, oldest
    first, and the dates of its full inspections (whatever the filters keep: a claim about the
    last inspection is about that one's points even when it is not shown)."""
    sources: dict[str, list[Document]] = field(default_factory=dict)
    inspected_on: dict[str, list[str]] = field(default_factory=dict)


def claiming_sources(records: Records, filters: Filters) -> Claimants:
    """Looked up once, not for every point."""
    out = Claimants()
    for d in sorted(records.documents.values(), key=lambda d: d.date):
        if d.secondary and d.claims and filters.keeps_document(d):
            out.sources.setdefault(d.authority, []).append(d)
        if full_inspection(d.kind, d.secondary):
            out.inspected_on.setdefault(d.authority, []).append(d.date)
    return out


def claims_on(raised: Document, claimants: Claimants) -> list[tuple[Document, Claim]]:
    """The claims that the recommendations were addressed, published after a point was raised
    in ``raised``: what `trace` shows beside its evidence."""
    return list(addressed_claims_after(raised.date, claimants.sources.get(raised.authority, []),
                                       claimants.inspected_on.get(raised.authority, [])))


def trail_view(records: Records, filters: Filters) -> nx.MultiDiGraph:
    g = _new_graph("trail", filters)
    docs = records.documents
    points = kept_points(records, filters)
    claimants = claiming_sources(records, filters)
    for p in points:
        add_point(g, p, docs[p.doc], records)
    for p in points:
        add_document(g, docs[p.doc])
        _edge(g, p.doc, p.iri, "raises", date=docs[p.doc].date)
        for a in p.assessments:
            later = docs.get(a.later)
            if later is None or not filters.keeps_document(later):
                continue
            add_document(g, later)
            attrs: dict[str, object] = {"verdict": a.verdict, "label": a.verdict, "date": later.date,
                                        "mode": a.mode, "decided_by": a.decided_by, "reason": a.reason}
            if a.confidence is not None:
                attrs["confidence"] = a.confidence
            if a.part is not None:
                attrs["part"] = a.part
            if a.automatic_verdict:
                attrs["automatic_verdict"] = a.automatic_verdict
            _edge(g, p.iri, a.later, "assessed by", key=a.iri, **attrs)
            for e in a.evidence:
                para = records.paragraphs.get(e.paragraph)
                if para is None:
                    continue
                add_paragraph(g, para, records)
                # An evidence node can be cited by several assessments of the graph it is in
                # (followup/rdf.py: add_verdict), so the edge is the assessment's citing of it.
                _edge(g, p.iri, para.iri, "evidence", key=f"{a.iri} cites {e.iri}", verdict=a.verdict,
                      label=a.verdict, date=later.date, quote=e.quote, polarity=e.polarity or "",
                      start=e.start, end=e.end)
                if not g.has_edge(para.iri, para.doc):
                    _edge(g, para.iri, para.doc, "in document")
        # A secondary source's claim that the recommendations were addressed, published after the
        # point was raised: an edge of its own, never an assessment (as `trace` shows it).
        for source, c in claims_on(docs[p.doc], claimants):
            add_document(g, source)
            _edge(g, source.iri, p.iri, "claims addressed", key=f"{c.iri} on {p.iri}", date=source.date,
                  claim=c.text)
        for r in p.related:
            if r.other in g and g.nodes[r.other].get("type") == "point":
                _edge(g, p.iri, r.other, r.relation)
            elif r.relation == "regression of" and r.other in records.paragraphs:
                para = records.paragraphs[r.other]
                if para.doc in docs and filters.keeps_document(docs[para.doc]):
                    add_paragraph(g, para, records)
                    # The sentence that praised the matter, as an evidence edge carries its quote.
                    _edge(g, p.iri, r.other, r.relation, quote=r.quote or "", start=r.start, end=r.end)
    return finish(g)


def authority_view(records: Records, filters: Filters) -> nx.MultiDiGraph:
    g = _new_graph("authority", filters)
    docs = sorted((d for d in records.documents.values() if filters.keeps_document(d)),
                  key=lambda d: (d.gss, d.date, d.kind))
    previous: dict[str, Document] = {}
    for d in docs:
        if d.authority not in g:
            g.add_node(d.authority, label=d.authority_name, type="authority", authority=d.authority_name,
                       gss=d.gss)
        add_document(g, d)
        _edge(g, d.authority, d.iri, "about", date=d.date)
        if d.gss in previous:
            _edge(g, previous[d.gss].iri, d.iri, "followed by", date=d.date)
        previous[d.gss] = d
        for j in d.judgements:
            attrs: dict[str, object] = {"label": f"{judgement_name(j, d)}: {j.grade_label or j.grade or 'not graded'}",
                                        "type": "judgement", "date": d.date, "kind": d.kind,
                                        "authority": d.authority_name, "gss": d.gss, "area": j.area,
                                        "grade": j.grade or ""}
            if j.rank is not None:
                attrs["grade_rank"] = j.rank
            g.add_node(j.iri, **attrs)
        for j in d.judgements:
            _edge(g, d.iri, j.iri, "judgement", label=j.area)
            if j.parent and j.parent in g:
                _edge(g, j.iri, j.parent, "sub-judgement of")
        for c in d.cited:
            grade = f": {c.grade}" if c.grade else ""
            g.add_node(c.iri, label=f"cited {c.date}{grade}", type="cited-inspection", date=d.date,
                       authority=d.authority_name, gss=d.gss, text=c.subject or "", grade=c.grade or "",
                       cited_date=c.date)
            _edge(g, d.iri, c.iri, "cites")
    for p in kept_points(records, filters):
        doc = records.documents[p.doc]
        add_point(g, p, doc, records)
        _edge(g, p.doc, p.iri, "raises", date=doc.date)
    return finish(g)


def themes_view(records: Records, filters: Filters) -> nx.MultiDiGraph:
    g = _new_graph("themes", filters)
    chosen = theme_iris(filters, records.themes)
    wanted = set(chosen) if chosen is not None else set(records.themes)

    def add_theme(iri: str) -> None:
        if iri not in g:
            t = records.themes[iri]
            g.add_node(iri, label=t.label, type="theme", notation=t.notation)

    for p in kept_points(records, filters):
        doc = records.documents[p.doc]
        tagged = sorted(t for t in p.themes if t in wanted and t in records.themes)
        if not tagged:
            continue
        add_point(g, p, doc, records)
        for t in tagged:
            add_theme(t)
            _edge(g, p.iri, t, "theme", date=doc.date)
    for para in sorted(records.paragraphs.values(), key=lambda x: x.iri):
        doc = records.documents.get(para.doc)
        tagged = sorted(t for t in para.themes if t in wanted and t in records.themes)
        if doc is None or not tagged or not filters.keeps_document(doc):
            continue
        add_paragraph(g, para, records)
        for t in tagged:
            add_theme(t)
            _edge(g, para.iri, t, "theme", date=doc.date)
    for iri in list(g.nodes):
        if g.nodes[iri].get("type") == "theme":
            for b in sorted(records.themes[iri].broader):
                if b in g:
                    _edge(g, iri, b, "broader")
    return finish(g)


RECORD_VIEWS = {"trail": trail_view, "authority": authority_view, "themes": themes_view}
