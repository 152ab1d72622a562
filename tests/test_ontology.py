"""The ontology, its vocabularies and the closed namespace agree."""

from __future__ import annotations

from inspectkg import resources
from inspectkg.graph.namespace import IKG, VOCAB
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

ONTOLOGY_NS = "https://w3id.org/inspectkg/ontology#"


def _graph(*files) -> Graph:
    g = Graph()
    for f in files:
        g.parse(data=f.read_text(encoding="utf-8"), format="turtle")
    return g


def test_closed_namespace_matches_the_turtle():
    g = _graph(resources.ontology_file("inspectkg.ttl"))
    declared = {str(s)[len(ONTOLOGY_NS):] for s in g.subjects(RDF.type, None)
                if str(s).startswith(ONTOLOGY_NS)}
    in_python = set(IKG.__annotations__)
    assert declared == in_python
    assert len(declared) > 70


def test_every_term_has_a_label():
    g = _graph(resources.ontology_file("inspectkg.ttl"))
    from rdflib import RDFS
    for s in g.subjects(RDF.type, None):
        if str(s).startswith(ONTOLOGY_NS):
            assert g.value(s, RDFS.label) is not None, s


def test_judgement_area_notations():
    g = _graph(*resources.ontology_files())
    scheme = VOCAB["judgement-areas"]
    notations = {str(g.value(c, SKOS.notation)) for c in g.subjects(SKOS.inScheme, scheme)}
    assert {"overall", "leadership", "help-and-protection", "children-in-care",
            "children-in-care-and-care-leavers", "care-leavers", "adoption", "lscb"} <= notations


def test_every_graded_framework_has_a_four_point_scale():
    g = _graph(*resources.ontology_files())
    scales = set(g.objects(None, IKG.gradeScale))  # 2012-13's two frameworks share the scale with adequate
    assert len(scales) == 3
    for scale in scales:
        assert len(list(g.subjects(SKOS.inScheme, scale))) == 4


def test_statuses_and_kinds():
    g = _graph(*resources.ontology_files())
    def notations(scheme: str) -> set[str]:
        return {str(g.value(c, SKOS.notation)) for c in g.subjects(SKOS.inScheme, VOCAB[scheme])}
    assert notations("statuses") == {"addressed", "partially_addressed", "not_addressed", "no_evidence",
                                     "out_of_scope", "no_later_inspection"}
    kinds = notations("document-kinds")
    assert len(kinds) == 13
    assert {"slac-inspection", "lac-inspection", "cp-inspection"} <= kinds
    assert isinstance(IKG.Finding, URIRef)
