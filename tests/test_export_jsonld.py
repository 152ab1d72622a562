"""The JSON-LD writer reads back, through rdflib's JSON-LD parser, as exactly
the triples it was given: every kind of term, repeated properties, types,
and blank nodes."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
from inspectkg.export.formats import write_jsonld
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

IKG = "https://w3id.org/inspectkg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _rdflib(term: object) -> object:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD + "string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def test_every_kind_of_term_reads_back() -> None:
    evidence, point = "https://w3id.org/inspectkg/id/e/1", "https://w3id.org/inspectkg/id/p/1"
    selector = ox.BlankNode("sel1")

    def n(iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)

    statements = {
        point: {
            (n(RDF_TYPE), n(IKG + "ImprovementPoint")): None,
            (n(RDF_TYPE), n(IKG + "Finding")): None,  # two types: a list
            (n(IKG + "text"), ox.Literal('Chronologies & plans: "not always" <timely>\nsee 12')): None,
            (n(IKG + "ordinal"), ox.Literal("3", datatype=n(XSD + "integer"))): None,
            (n(IKG + "confidence"), ox.Literal("0.70", datatype=n(XSD + "decimal"))): None,
            (n(IKG + "score"), ox.Literal("1.5E0", datatype=n(XSD + "double"))): None,
            (n(IKG + "curated"), ox.Literal("true", datatype=n(XSD + "boolean"))): None,
            (n("http://purl.org/dc/terms/date"), ox.Literal("2015-09-14", datatype=n(XSD + "date"))): None,
            (n("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal("Hertfordshire", language="en")): None,
            (n(IKG + "evidence"), n(evidence)): None,
            (n("https://example.org/no-prefix#p"), ox.Literal("007", datatype=n(XSD + "integer"))): None,
        },
        evidence: {(n("http://www.w3.org/ns/oa#hasSelector"), selector): None},
        "_:sel1": {(n("http://www.w3.org/ns/oa#start"), ox.Literal("12", datatype=n(XSD + "integer"))): None},
    }
    out = io.BytesIO()
    write_jsonld(statements, out)
    doc = json.loads(out.getvalue())
    (node,) = [x for x in doc["@graph"] if x["@id"] == point]
    assert sorted(node["@type"]) == ["ikg:Finding", "ikg:ImprovementPoint"]
    assert node["ikg:ordinal"] == 3 and node["ikg:curated"] is True  # native where that reads back the same
    back = Graph().parse(data=out.getvalue().decode("utf-8"), format="json-ld")
    expected = Graph()
    for subject, pairs in statements.items():
        s = BNode(subject[2:]) if subject.startswith("_:") else URIRef(subject)
        for p, o in pairs:
            expected.add((s, URIRef(p.value), _rdflib(o)))  # type: ignore[arg-type]
    assert len(back) == len(expected) == 13
    assert isomorphic(back, expected)


def test_a_view_reads_the_same_statements_by_subject_and_by_graph(sample_store_path, tmp_path) -> None:
    """Views read their statements by subject; a blank node, which no query can
    name, sends the read back to whole graphs. Both give the view's statements."""
    import shutil

    from inspectkg.export.filters import make_filters
    from inspectkg.export.formats import view_statements
    from inspectkg.export.run import build_view
    from inspectkg.followup.rdf import EARL
    from inspectkg.graph.iris import followup_graph
    from inspectkg.graph.store import Store

    with Store(sample_store_path, read_only=True) as store:
        g = build_view(store, "trail", make_filters())
        by_subject = view_statements(store, g)
        by_graph = view_statements(store, g, whole_graphs=True)
    assert len(by_subject) > 250 and by_subject == by_graph

    copy = tmp_path / "store"
    shutil.copytree(sample_store_path, copy, ignore=shutil.ignore_patterns("inspectkg.lock"))
    with Store(copy) as store:  # one EARL result made a blank node
        name = followup_graph("E10000015")
        graph = store.graph(name)
        assessment, result = next(iter(graph.subject_objects(EARL.result)))
        blank = BNode()
        graph.remove((assessment, EARL.result, result))
        graph.add((assessment, EARL.result, blank))
        for p, o in list(graph.predicate_objects(result)):
            graph.remove((result, p, o))
            graph.add((blank, p, o))
        store.replace_graph(name, graph)
    with Store(copy, read_only=True) as store:
        g = build_view(store, "trail", make_filters())
        statements = view_statements(store, g)
    (owned,) = [o for p, o in statements[str(assessment)] if p.value == str(EARL.result)]
    assert isinstance(owned, ox.BlankNode)
    assert {p.value for p, _ in statements[f"_:{owned.value}"]} >= {str(EARL.outcome), str(EARL.info)}
    assert str(result) not in statements
