"""The full view: the whole knowledge graph, resources as nodes and object
properties as edges; rdf:type and literal values become node attributes.

It holds every document graph the filters keep and the follow-up (and
curation) graphs, of which only what belongs to a kept document or point is
kept: assessments of kept points, their results and evidence. Authorities,
concepts and agents that kept resources point to are nodes labelled from the
reference and vocabulary graphs; the rest of those graphs (153 authorities,
the ontology) is left out: it is in the Turtle and N-Quads dumps.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Any

import networkx as nx
from rdflib import URIRef

from ..graph import iris
from .filters import Filters, theme_iris
from .records import PREFIXES, Records, SparqlSource
from .style import edge_colour, node_colour
from .views import short

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
IKG_NS = "https://w3id.org/inspectkg/ontology#"
PREFIX_NAMES = {IKG_NS: "ikg", "http://purl.org/dc/terms/": "dcterms", "http://www.w3.org/2004/02/skos/core#": "skos",
                "http://www.w3.org/ns/prov#": "prov", "http://www.w3.org/ns/earl#": "earl",
                "http://www.w3.org/ns/oa#": "oa", "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
                "http://xmlns.com/foaf/0.1/": "foaf", "http://www.w3.org/ns/org#": "org"}
# Resources that exist only as part of another: kept or dropped with it.
OWNS_OBJECT = {IKG_NS + "evidence", "http://www.w3.org/ns/oa#hasSelector", "http://www.w3.org/ns/earl#result"}
OWNED_BY_OBJECT = {IKG_NS + "assessedPoint", IKG_NS + "partOf"}
LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
          "http://xmlns.com/foaf/0.1/name", "http://www.w3.org/2004/02/skos/core#notation",
          "http://purl.org/dc/terms/date")
TYPE_NAMES = {"ImprovementPoint": "point", "Document": "document", "Finding": "finding", "Paragraph": "paragraph",
              "Authority": "authority", "Judgement": "judgement", "CitedInspection": "cited-inspection"}

GRAPH_TRIPLES = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
DESCRIBE = PREFIXES + "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"

Triple = tuple[Any, Any, Any]


@lru_cache(maxsize=4096)
def compact(iri: str) -> str:
    """``ikg_text`` for an IRI: called for every triple of a whole-graph view,
    with a few dozen predicates and types (cached)."""
    for ns, prefix in PREFIX_NAMES.items():
        if iri.startswith(ns):
            return f"{prefix}_{iri[len(ns):]}"
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _triples(store: SparqlSource, graph: str) -> list[Triple]:
    # Terms by position: by name takes three times as long.
    return [(row[0], row[1], row[2]) for row in store.query(GRAPH_TRIPLES, {"g": URIRef(graph)})]


def _is_resource(term: Any) -> bool:
    return not hasattr(term, "datatype") and not hasattr(term, "language")


def _literal_value(term: Any) -> object:
    dtype = term.datatype.value if getattr(term, "datatype", None) is not None else ""
    if dtype in (XSD + "integer", XSD + "int", XSD + "long"):
        try:
            return int(term.value)
        except ValueError:
            return term.value
    if dtype in (XSD + "decimal", XSD + "double", XSD + "float"):
        try:
            return float(term.value)
        except ValueError:
            return term.value
    return term.value


def full_view(store: SparqlSource, records: Records, filters: Filters, graph_names: list[URIRef]) -> nx.MultiDiGraph:
    docs = records.documents
    kept_docs = {d for d, doc in docs.items() if filters.keeps_document(doc)}
    themes = theme_iris(filters, records.themes)
    dropped_points = {p.iri for p in records.points.values()
                      if p.doc in kept_docs and not filters.keeps_point(p, docs, themes)}
    kept_gss = {docs[d].gss for d in kept_docs}
    fixed = {str(iris.REFERENCE_GRAPH), str(iris.VOCABULARY_GRAPH)}
    triples: list[Triple] = []
    document_subjects: set[str] = set()
    for name in graph_names:
        if str(name) in kept_docs:
            found = _triples(store, str(name))
            document_subjects.update(s.value for s, _, _ in found)
            triples.extend(found)
        # Follow-up graphs are per authority (graph/followup/GSS); others (curation) are pruned below.
        elif str(name) not in fixed and str(name) not in docs and (
                "/graph/followup/" not in str(name) or str(name).rsplit("/", 1)[-1] in kept_gss):
            triples.extend(_triples(store, str(name)))

    by_subject: dict[str, list[Triple]] = defaultdict(list)
    owns: dict[str, set[str]] = defaultdict(set)
    owned: set[str] = set()
    for t in triples:
        s, p, o = t
        by_subject[s.value].append(t)
        if p.value in OWNS_OBJECT and _is_resource(o):
            owns[s.value].add(o.value)
            owned.add(o.value)
        elif p.value in OWNED_BY_OBJECT:
            owns[o.value].add(s.value)
            owned.add(s.value)
    # Kept: the subjects of kept document graphs that stand on their own, and what they own.
    kept: set[str] = set()
    frontier = sorted(document_subjects - owned - dropped_points)
    while frontier:
        n = frontier.pop()
        if n not in kept:
            kept.add(n)
            frontier.extend(c for c in owns.get(n, ()) if c not in kept and c not in dropped_points)

    g = nx.MultiDiGraph(name="inspectkg full view", view="full", filters=filters.describe())
    literal_values: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    types: dict[str, list[str]] = defaultdict(list)
    for s_iri in sorted(kept):
        for _, p, o in by_subject.get(s_iri, ()):
            if p.value == RDF_TYPE:
                types[s_iri].append(o.value)
            elif _is_resource(o):
                if o.value in dropped_points:
                    continue
                key = f"{s_iri} {compact(p.value)} {o.value}"
                if not g.has_edge(s_iri, o.value, key):
                    g.add_edge(s_iri, o.value, key=key, id=key, relation=compact(p.value),
                               label=compact(p.value).split("_", 1)[-1], predicate=p.value)
            else:
                values = literal_values[s_iri][p.value]
                value = _literal_value(o)
                if value not in values:
                    values.append(value)
    outside = [n for n in g.nodes if n not in kept]
    for n in outside:  # authorities, concepts, agents: labelled from the reference and vocabulary graphs
        for row in store.query(DESCRIBE, {"s": URIRef(n)}):
            p, o = row["p"].value, row["o"]
            if p == RDF_TYPE:
                if o.value not in types[n]:
                    types[n].append(o.value)
            elif p in LABELS and not _is_resource(o):
                values = literal_values[n][p]
                if o.value not in values:
                    values.append(o.value)
    for n in list(g.nodes) + [k for k in kept if k not in g]:
        g.add_node(n, **_node_attrs(n, types.get(n, []), literal_values.get(n, {})))
    for _, attrs in g.nodes(data=True):
        attrs["color"] = node_colour(attrs)
    for _, _, attrs in g.edges(data=True):
        attrs["color"] = edge_colour(attrs)
    return g


def _node_attrs(iri: str, types: list[str], literals: dict[str, list[object]]) -> dict[str, object]:
    ikg_types = sorted(t[len(IKG_NS):] for t in types if t.startswith(IKG_NS))
    # The most specific inspectkg class: Finding over Paragraph.
    local = next((t for t in ("Finding", "Strength") if t in ikg_types), ikg_types[0] if ikg_types else "")
    kind = TYPE_NAMES.get(local) or (re.sub(r"(?<!^)(?=[A-Z])", "-", local).lower() if local
                                     else compact(types[0]) if types else "resource")
    attrs: dict[str, object] = {"type": kind, "rdf_type": " ".join(compact(t) for t in sorted(types))}
    label = next((str(literals[p][0]) for p in LABELS if literals.get(p)), None)
    text = literals.get(IKG_NS + "text") or literals.get("http://www.w3.org/ns/oa#exact")
    attrs["label"] = label or (short(str(text[0]), 50) if text else compact(iri))
    date = literals.get("http://purl.org/dc/terms/date")
    if date:
        attrs["date"] = str(date[0])
    for p, values in sorted(literals.items()):
        name = compact(p)
        if name in attrs:
            continue
        attrs[name] = values[0] if len(values) == 1 else " | ".join(str(v) for v in values)
    return attrs
