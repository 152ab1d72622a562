"""Trace: follow every improvement point of the chosen authorities, link
recurrences and regressions, attach secondary claims, and give the trail as
data (JSON-ready dicts) and as RDF (one follow-up graph per authority).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from ..graph import iris
from ..graph.store import GraphStore
from ..reports.model import addressed_claims_after, full_inspection
from . import themes
from .corpus import Document, by_authority, load_documents
from .engine import METHOD, PARAMETERS, VERSION, AuthorityTrail, PointTrail, Regression, matter_terms
from .polarity import polarity
from .rdf import ACTIVITY_PREFIX, METHOD_AGENT
from .text import cosine_normed, weighted_norm


@dataclass
class TraceResult:
    trails: list[PointTrail]
    documents: dict[str, Document]


def trace_store(store: GraphStore, authority: URIRef | None = None) -> TraceResult:
    docs = load_documents(store, authority)
    trails: list[PointTrail] = []
    for _, documents in sorted(by_authority(docs).items()):
        trails.extend(trace_authority(documents))
    return TraceResult(trails, docs)


def trace_authority(documents: list[Document]) -> list[PointTrail]:
    """Follow every point of one authority's documents through the later ones."""
    engine = AuthorityTrail(documents)
    trails: list[PointTrail] = []
    for doc in engine.documents:
        if doc.secondary:
            continue
        for point in doc.points:
            trails.append(engine.follow(point, doc))
    link_recurrences(engine, trails)
    attach_claims(engine, trails)
    return trails


def link_recurrences(engine: AuthorityTrail, trails: list[PointTrail]) -> None:
    """Recurrence: an earlier point on the same matter. Regression: an earlier
    finding that praised the matter, now raised as a weakness."""
    served_by = {t.point.iri: children_served(engine, t) for t in trails}
    declared = engine.declared
    for t in trails:
        terms = matter_terms(t.point.text)
        terms_norm = weighted_norm(terms, engine.idf)
        main = engine.primary(t.point.text)
        served = served_by[t.point.iri]
        for earlier in trails:
            if earlier.document.date >= t.document.date:
                continue
            said = declared.get((earlier.point.iri, t.document.iri))
            if said is not None and said[0] is t.point:
                # The later point says it was made at that inspection: the same matter.
                t.recurrences.append((earlier.point, earlier.document))
                continue
            # Oversight in the care leavers service does not repeat oversight
            # for children in need: other children, another matter.
            words, norm, _, _ = engine.point_profile(earlier.point)
            other = served_by[earlier.point.iri]
            if served and other and not served & other:
                continue
            agree = themes.agreement(t.themes, earlier.themes)
            sim = cosine_normed(terms, terms_norm, words, norm, engine.idf)
            # The same main theme (the rarest theme each headline names) is stronger evidence of
            # one matter than any shared theme: fewer shared words are needed.
            same_main = main is not None and main == engine.primary(earlier.point.text)
            if (agree >= PARAMETERS["theme_agreement_min"] and sim >= PARAMETERS["recurrence_similarity"]) \
                    or (same_main and sim >= PARAMETERS["recurrence_similarity_same_main"]):
                t.recurrences.append((earlier.point, earlier.document))
        for doc in engine.documents:
            if doc.date >= t.document.date or doc.secondary:
                continue
            best = None
            for s in engine.sentences_of(doc):
                if not (s.paragraph.strength or s.paragraph.finding):
                    continue
                # Praise of the point's own matter, in nearly the same words.
                if main is None or main not in s.themes:
                    continue
                sim = cosine_normed(terms, terms_norm, s.terms, s.norm, engine.idf)
                if sim >= PARAMETERS["regression_similarity"] \
                        and polarity(s.text).label == "positive" and (best is None or sim > best[0]):
                    best = (sim, s)
            if best is not None:
                t.regressions.append(Regression(best[1].paragraph, doc, best[1].text, best[1].start, best[1].end))


def children_served(engine: AuthorityTrail, trail: PointTrail) -> set[str]:
    """The service areas a point is about: those its own words name, else, for a point a focused
    visit raised, the areas the visit looked at ("The quality and frequency of supervision" from a
    visit on children at home is about help and protection). Leadership is everyone's."""
    named = engine.point_profile(trail.point)[3]
    if named or not trail.document.scope_statement:
        return named
    return set(trail.document.scope_areas) - {"leadership"}


def attach_claims(engine: AuthorityTrail, trails: list[PointTrail]) -> None:
    """A secondary source's claims, shown beside the evidence; never a status."""
    inspected_on = [d.date for d in engine.documents if full_inspection(d.kind, d.secondary)]
    for t in trails:
        t.claims.extend((c.iri, c.text, doc) for doc, c in addressed_claims_after(
            t.document.date, engine.documents, inspected_on))


# --------------------------------------------------------------------- output

def _evidence_dict(e: Any, verdict: Any) -> dict[str, Any]:
    return {
        "document": e.document,
        "date": verdict.document.date.isoformat(),
        # The printed number for reading; the IRI for a curation row and for SPARQL; the
        # offsets locate the quote in the document's text, numbered paragraph or not.
        "paragraph": e.paragraph.number,
        "paragraph_id": e.paragraph.iri,
        "start": e.start,
        "end": e.end,
        "quote": e.quote,
        "verdict": verdict.verdict,
        "confidence": verdict.confidence,
        "method": f"{METHOD} {VERSION}",
    }


def _history_dict(v: Any) -> dict[str, Any]:
    h = {"document": v.document.iri, "date": v.document.date.isoformat(), "kind": v.document.kind,
         "verdict": v.verdict, "confidence": v.confidence, "method": f"{METHOD} {VERSION}",
         "reason": v.reason}
    if v.curated is not None:
        h["automatic_verdict"] = v.verdict
        h["verdict"] = v.curated.verdict
        h["curated_by"] = v.curated.analyst
        h["curation_reason"] = v.curated.reason
    return h


def trail_dict(t: PointTrail) -> dict[str, Any]:
    d = t.document
    out: dict[str, Any] = {
        "id": t.point.iri,
        "authority": {"name": d.authority_name, "gss": d.gss},
        "document": d.iri,
        "document_kind": d.kind,
        "date": d.date.isoformat(),
        "number": t.point.number,
        "ordinal": t.point.ordinal,  # its place among the document's points, numbered or not
        "text": t.point.text,
        "themes": sorted(t.themes),
        "status": t.status,
        # The verdict the status comes from: the most recent one that speaks, or for a point
        # shown in parts its least resolved part's, which may be older.
        "status_from": ({"document": t.status_source.document.iri,
                         "date": t.status_source.document.date.isoformat(),
                         "kind": t.status_source.document.kind} if t.status_source else None),
        "history": [_history_dict(v) for v in t.verdicts],
        "evidence": [_evidence_dict(e, v) for v in t.verdicts for e in v.evidence]
                    + [dict(_evidence_dict(e, v.curated), method=f"curated by {v.curated.analyst}")
                       for v in t.verdicts if v.curated is not None for e in v.curated.evidence],
        # What a reader needs to see the link without looking the IRI up: the earlier point's
        # words, or the sentence that praised the matter.
        "related": [{"id": p.iri, "relation": "recurrence", "document": doc.iri, "paragraph": None,
                     "date": doc.date.isoformat(), "kind": doc.kind, "text": p.text}
                    for p, doc in t.recurrences]
                   + [{"id": r.paragraph.iri, "relation": "regression", "document": r.document.iri,
                       "paragraph": r.paragraph.number, "date": r.document.date.isoformat(),
                       "kind": r.document.kind, "quote": r.sentence, "start": r.start, "end": r.end}
                      for r in t.regressions],
        "claims": [{"id": iri, "text": text, "source": doc.iri, "date": doc.date.isoformat(),
                    "kind": doc.kind} for iri, text, doc in t.claims],
    }
    if t.parts:
        # Which document each part's status comes from: the point's status is its least
        # resolved part's, which may be older than the point's latest verdict.
        out["parts"] = [{"text": p.text, "status": p.status,
                         "document": p.source.document.iri if p.source else None,
                         "date": p.source.document.date.isoformat() if p.source else None,
                         "kind": p.source.document.kind if p.source else None,
                         "evidence": [_evidence_dict(e, v) for v in p.verdicts for e in v.evidence]}
                        for p in t.parts]
    return out



def _paragraph_themes(documents: list[Document]) -> dict[str, frozenset[str]]:
    """The themes of every finding and strength, stored so SPARQL can ask by theme."""
    tags: dict[str, frozenset[str]] = {}
    for d in documents:
        for p in d.paragraphs:
            if p.finding or p.strength:
                found = themes.tag(p.text)
                if found:
                    tags[p.iri] = found
    return tags


def _followup_ntriples(gss: str, trails: list[PointTrail], documents: list[Document]) -> str:
    from .rdf import trails_graph

    return trails_graph(trails, gss, _paragraph_themes(documents),
                        sorted(d.content_hash for d in documents if d.content_hash)).serialize(format="nt")


def run_followup(store: GraphStore, authorities: Collection[URIRef] | None = None,
                 workers: int | None = None, stale: set[URIRef] | None = None,
                 on_authority: Callable[[int, int], None] | None = None) -> TraceResult:
    """Trace every authority (or those given) on worker processes, and store the
    follow-up graphs that are out of date (``stale``, asked of the store
    unless the caller already has it).

    A follow-up graph is a function of its authority's documents and of the
    method's version, both recorded in it, so a graph that is not stale is
    already what this run would write. Rewriting it anyway cost ``inspectkg
    trace`` 21 s of CPU to serialise, of its 89 s on the 10x corpus, and the
    replaced graphs grew the store from 341 to 805 MiB until the next
    compaction. ``on_authority(done, total)`` is called as each authority is
    traced."""
    from ..graph.workers import cores, map_bounded

    stale = stale_authorities(store) if stale is None else stale
    authorities = set(authorities) if authorities is not None else stored_authorities(store)
    documents: dict[str, Document] = {}
    trails: list[PointTrail] = []
    jobs = ((trail, URIRef(trail[0].authority) in stale)
            for trail in authority_documents(store, authorities, documents))
    rewritten = 0
    for done, (gss, traced, ntriples) in enumerate(
            map_bounded(trace_job, jobs, cores() if workers is None else workers), 1):
        trails.extend(traced)
        if ntriples is not None:
            store_followup(store, gss, ntriples)
            rewritten += 1
        if on_authority is not None:
            on_authority(done, len(authorities))
    store.flush()
    compact_if_rewritten(store, rewritten)
    return TraceResult(trails, documents)


def compact_if_rewritten(store: GraphStore, rewritten: int) -> bool:
    """Compact the store after rewriting a good share of its authorities' follow-up
    graphs (a new method version rewrites them all): until then the replaced graphs stay
    in the store's files and queries read through them (the regressions query took 1.35 s
    on the real-text store after a full re-trace, 0.91 s compacted; compacting took 17 s
    of the re-trace's 374 s)."""
    from ..graph.build import COMPACT_SHARE

    if not rewritten or rewritten < COMPACT_SHARE * len(stored_authorities(store)):
        return False
    store.compact()
    return True


def trace_job(job: tuple[list[Document], bool]) -> tuple[str, list[PointTrail], str | None]:
    """Worker: one authority's trails, and its follow-up graph as N-Triples when
    the stored one is out of date."""
    documents, write = job
    trails = trace_authority(documents)
    gss = documents[0].gss
    return gss, trails, _followup_ntriples(gss, trails, documents) if write else None


def followup_job(documents: list[Document]) -> tuple[str, int, str]:
    """Worker: one authority's follow-up graph as N-Triples, and its number of
    points (not the trails: a build has no use for them in its main process)."""
    gss, trails, ntriples = trace_job((documents, True))
    return gss, len(trails), ntriples  # type: ignore[return-value]


def authority_documents(store: GraphStore, authorities: set[URIRef],
                        loaded: dict[str, Document] | None = None) -> Iterator[list[Document]]:
    """Each authority's documents, oldest first, read from the store one authority
    at a time (in order of IRI), so that workers trace one while the next is read."""
    for a in sorted(authorities):
        docs = load_documents(store, a)
        if loaded is not None:
            loaded.update(docs)
        yield from by_authority(docs).values()


def point_authority(store: GraphStore, point: URIRef) -> URIRef | None:
    """The authority of the document that raised an improvement point, if the store has it."""
    rows = list(store.query(POINT_AUTHORITY, {"point": point}))
    return URIRef(rows[0]["authority"].value) if rows else None


def stored_authorities(store: GraphStore) -> set[URIRef]:
    return {URIRef(r["authority"].value) for r in store.query(AUTHORITIES)}


def follow_up_authorities(store: GraphStore, authorities: set[URIRef], workers: int | None = None,
                          on_authority: Callable[[int, int], None] | None = None) -> int:
    """Re-trace the authorities whose documents changed; the number of points followed.

    Authorities are independent, so each is traced on a worker process while
    the main process reads the next authority's documents from the store and
    writes finished follow-up graphs (one atomic replacement each).
    ``on_authority(done, total)`` is called as each one is stored: following up a
    national store takes minutes, and a progress line shows it is under way."""
    from ..graph.workers import cores, map_bounded

    followed = 0
    for done, (gss, points, ntriples) in enumerate(
            map_bounded(followup_job, authority_documents(store, authorities),
                        cores() if workers is None else workers), 1):
        store_followup(store, gss, ntriples)
        followed += points
        if on_authority is not None:
            on_authority(done, len(authorities))
    store.flush()
    return followed


def store_followup(store: GraphStore, gss: str, ntriples: str) -> None:
    """Replace one authority's follow-up graph (one atomic replacement; the embedded store
    flushes what it holds in memory as it goes: graph/store.py)."""
    store.replace_graph_ntriples(iris.followup_graph(gss), ntriples)


POINT_AUTHORITY = ("PREFIX ikg: <https://w3id.org/inspectkg/ontology#>\n"
                   "SELECT ?point ?authority WHERE { ?point a ikg:ImprovementPoint ; ikg:raisedIn ?document . "
                   "?document ikg:aboutAuthority ?authority }")
AUTHORITIES = ("PREFIX ikg: <https://w3id.org/inspectkg/ontology#>\n"
               "SELECT DISTINCT ?authority WHERE { ?doc a ikg:Document ; ikg:aboutAuthority ?authority }")


# The follow-up activity's IRI is built as rdf.followup_activity builds it.
STALE = (
    "PREFIX ikg: <https://w3id.org/inspectkg/ontology#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
    "SELECT DISTINCT ?authority WHERE {\n"
    "  ?doc a ikg:Document ; ikg:aboutAuthority ?authority ; ikg:contentHash ?hash .\n"
    "  ?authority ikg:gssCode ?gss .\n"
    f'  BIND (IRI(CONCAT("{ACTIVITY_PREFIX}", STR(?gss))) AS ?activity)\n'
    "  FILTER (NOT EXISTS { ?activity ikg:readContent ?hash }\n"
    f"          || NOT EXISTS {{ ?activity prov:wasAssociatedWith <{METHOD_AGENT}> }}\n"
    "          || NOT EXISTS { ?activity ikg:followsUp ?authority })\n"
    "}"
)


def stale_authorities(store: GraphStore) -> set[URIRef]:
    """Authorities with a stored document version that no follow-up of theirs
    has read: new or replaced documents, or a build stopped (Ctrl-C, a kill, a
    full disk) after storing documents and before following them up; and
    authorities followed up by another version of the method (an upgrade) or
    before follow-up graphs named their authority (``ikg:followsUp``), so
    that statuses are always the current method's. Asking
    the store, not remembering what this run stored, is what lets the next
    build finish that work even when it skips every file."""
    return {URIRef(r["authority"].value) for r in store.query(STALE)}


def follow_up_stale(store: GraphStore, workers: int | None = None,
                    on_authority: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Follow up every stale authority: (points followed, authorities)."""
    stale = stale_authorities(store)
    return (follow_up_authorities(store, stale, workers, on_authority) if stale else 0), len(stale)
