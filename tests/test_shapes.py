"""Each shape paired: a conforming real document graph, and the same graph broken
by one change, with the focus node and the constraint that must be reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from inspectkg import resources
from inspectkg.graph import iris
from inspectkg.graph.mapping import OA_END, document_iri, reference_graph, report_graph
from inspectkg.graph.namespace import IKG, VOCAB
from inspectkg.graph.validate import shapes_graph, validate_graph
from inspectkg.reports.parse import read_report
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF

SAMPLE = resources.sample_dir()


def _context(g: Graph) -> Graph:
    ref = reference_graph()
    ctx = Graph()
    for node in set(g.objects(None, IKG.aboutAuthority)) | {iris.OFSTED}:
        for p, o in ref.predicate_objects(node):
            if p != IKG.statisticalNeighbour:
                ctx.add((node, p, o))
    return ctx


@pytest.fixture(scope="module")
def ilacs() -> tuple[Graph, Graph, URIRef]:
    report = read_report(SAMPLE / "000_84b2414e8e56ad30.txt")
    g = report_graph(report)
    return g, _context(g), document_iri(report)


@pytest.fixture(scope="module")
def press() -> tuple[Graph, Graph, URIRef]:
    report = read_report(SAMPLE / "004_6eb892215e4cceed.txt")
    g = report_graph(report)
    return g, _context(g), document_iri(report)


def test_real_documents_conform(ilacs, press):
    for g, ctx, _ in (ilacs, press):
        assert validate_graph(g, ctx) == []


def _copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


def _one(g: Graph, cls: URIRef) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]  # type: ignore[return-value]


def _set(g: Graph, s: URIRef, p: URIRef, o) -> None:
    g.remove((s, p, None))
    if o is not None:
        g.add((s, p, o))


# Each case: a name, a mutation returning the expected focus node, the expected constraint.
Mutation = Callable[[Graph, URIRef], URIRef]


def m_authority_gss(g, doc):
    a = iris.authority("E10000015")
    _set(g, a, IKG.gssCode, Literal("X123", datatype=XSD.string))
    return a


def m_inspector_name(g, doc):
    p = _one(g, IKG.Inspector)
    _set(g, p, FOAF.name, None)
    return p


def m_document_date(g, doc):
    _set(g, doc, DCTERMS.date, None)
    return doc


def m_document_kind(g, doc):
    _set(g, doc, IKG.documentKind, VOCAB["kind/blog-post"])
    return doc


def m_fieldwork_order(g, doc):
    ins = _one(g, IKG.Inspection)
    _set(g, ins, IKG.fieldworkStart, Literal("2023-02-28", datatype=XSD.date))
    return ins


def m_block_kind(g, doc):
    p = _one(g, IKG.Paragraph)
    _set(g, p, IKG.blockKind, Literal("sidebar", datatype=XSD.string))
    return p


def m_section_heading(g, doc):
    s = _one(g, IKG.Section)
    _set(g, s, IKG.heading, None)
    return s


def m_judgement_evidence(g, doc):
    j = _one(g, IKG.Judgement)
    _set(g, j, IKG.evidence, None)
    return j


def m_point_addressed_to(g, doc):
    p = _one(g, IKG.ImprovementPoint)
    _set(g, p, IKG.addressedTo, Literal("council", datatype=XSD.string))
    return p


def m_evidence_paragraph(g, doc):
    e = _one(g, IKG.Evidence)
    _set(g, e, IKG.paragraph, None)
    return e


def m_cited_grade(g, doc):
    c = _one(g, IKG.CitedInspection)
    _set(g, c, IKG.citedGrade, Literal("excellent", datatype=XSD.string))
    return c


def m_followup_confidence(g, doc):
    a = URIRef(str(doc) + "/followup/test")
    point = _one(g, IKG.ImprovementPoint)
    g.add((a, RDF.type, IKG.FollowUpAssessment))
    g.add((a, IKG.assessedPoint, point))
    g.add((a, IKG.assessedBy, doc))
    g.add((a, IKG.verdict, iris.status_concept("addressed")))
    g.add((a, IKG.confidence, Literal("1.5", datatype=XSD.decimal)))
    return a


def m_grade_off_scale(g, doc):
    j = _one(g, IKG.Judgement)
    _set(g, j, IKG.grade, VOCAB["grade/pre-2013/adequate"])
    return j


def m_duplicate_paragraph_number(g, doc):
    a, b = sorted(s for s in g.subjects(IKG.paragraphNumber, None))[:2]
    _set(g, b, IKG.paragraphNumber, g.value(a, IKG.paragraphNumber))
    return doc


def m_unresolved_reference(g, doc):
    p = _one(g, IKG.ImprovementPoint)
    g.add((p, IKG.referencedParagraph, Literal(999, datatype=XSD.integer)))
    return p


def m_evidence_outside_text(g, doc):
    pos = sorted(g.subjects(OA_END, None))[0]
    _set(g, pos, OA_END, Literal(10**7, datatype=XSD.integer))
    return doc


def m_followup_not_later(g, doc):
    """The document assesses its own point: not a later document."""
    a = URIRef(str(doc) + "/followup/self")
    g.add((a, RDF.type, IKG.FollowUpAssessment))
    g.add((a, IKG.assessedPoint, _one(g, IKG.ImprovementPoint)))
    g.add((a, IKG.assessedBy, doc))
    g.add((a, IKG.verdict, iris.status_concept("addressed")))
    return a


CASES = [
    ("AuthorityShape/PatternConstraintComponent", m_authority_gss),
    ("InspectorShape/MinCountConstraintComponent", m_inspector_name),
    ("DocumentShape/MinCountConstraintComponent", m_document_date),
    ("DocumentShape/InConstraintComponent", m_document_kind),
    ("InspectionShape/LessThanOrEqualsConstraintComponent", m_fieldwork_order),
    ("ParagraphShape/InConstraintComponent", m_block_kind),
    ("SectionShape/MinCountConstraintComponent", m_section_heading),
    ("JudgementShape/MinCountConstraintComponent", m_judgement_evidence),
    ("ImprovementPointShape/InConstraintComponent", m_point_addressed_to),
    ("EvidenceShape/MinCountConstraintComponent", m_evidence_paragraph),
    ("CitedInspectionShape/InConstraintComponent", m_cited_grade),
    ("FollowUpAssessmentShape/MaxInclusiveConstraintComponent", m_followup_confidence),
    ("GradeOnFrameworkScaleShape", m_grade_off_scale),
    ("UniqueParagraphNumberShape", m_duplicate_paragraph_number),
    ("CrossReferenceResolvesShape", m_unresolved_reference),
    ("EvidenceWithinTextShape", m_evidence_outside_text),
    ("FollowUpFromLaterDocumentShape", m_followup_not_later),
]


def test_every_shape_has_a_case():
    """Counted, so that a shape added without its test fails here."""
    shapes = {str(s).rsplit("#", 1)[-1] for s in shapes_graph().subjects(RDF.type, URIRef(
        "http://www.w3.org/ns/shacl#NodeShape"))}
    covered = {name.split("/")[0] for name, _ in CASES} | {"ClaimShape"}
    assert len(shapes) == 17
    assert shapes == covered


def test_claim_shape(press):
    g, ctx, doc = press
    broken = _copy(g)
    claim = _one(broken, IKG.Claim)
    _set(broken, claim, IKG.claimKind, Literal("rumour", datatype=XSD.string))
    found = {(v.focus, v.constraint) for v in validate_graph(broken, ctx)}
    assert (str(claim), "ClaimShape/InConstraintComponent") in found


def test_sample_files_exist():
    assert len(list(Path(SAMPLE).glob("*.txt"))) == 5


# The SPARQL-compiled shapes (the default engine of `inspectkg validate`) must
# find what pySHACL, the reference implementation, finds.

def _sparql_violations(g: Graph, ctx: Graph) -> set[tuple[str, str]]:
    from inspectkg.graph.store import Store
    from inspectkg.graph.validate import _vocabularies, validate_store_sparql

    store = Store(None)
    store.replace_graph(iris.VOCABULARY_GRAPH, _vocabularies())
    store.replace_graph(iris.REFERENCE_GRAPH, ctx)
    store.replace_graph(URIRef("https://example.org/graph/test"), g)
    return {(v.focus, v.constraint) for v in validate_store_sparql(store, with_queries=False)[0]}


def test_sparql_engine_finds_nothing_in_real_documents(ilacs, press):
    for g, ctx, _ in (ilacs, press):
        assert _sparql_violations(g, ctx) == set()


@pytest.mark.parametrize("constraint,mutate", CASES, ids=[c for c, _ in CASES])
def test_shape_reports_broken_graph_and_sparql_engine_agrees(ilacs, constraint, mutate):
    """pySHACL reports each breakage, and the compiled shapes report exactly
    what pySHACL reports (one pySHACL run per case serves both)."""
    g, ctx, doc = ilacs
    broken = _copy(g)
    focus = mutate(broken, doc)
    reference = {(v.focus, v.constraint) for v in validate_graph(broken, ctx)}
    assert (str(focus), constraint) in reference, reference
    compiled = _sparql_violations(broken, ctx)
    assert (str(focus), constraint) in compiled, compiled
    assert compiled == reference


def test_every_shape_compiles_to_sparql():
    from inspectkg.graph.shacl_sparql import compile_shapes
    from inspectkg.graph.validate import _vocabularies

    checks = compile_shapes(shapes_graph(), _vocabularies())
    assert {c.shape for c in checks} == {str(s).rsplit("#", 1)[-1] for s in shapes_graph().subjects(
        RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape"))}


def test_an_unsupported_constraint_is_refused_not_skipped():
    from inspectkg.graph.shacl_sparql import UnsupportedShape, compile_shapes
    from inspectkg.graph.validate import _vocabularies

    shapes = _copy(shapes_graph())
    sh = "http://www.w3.org/ns/shacl#"
    prop = next(shapes.objects(URIRef("https://w3id.org/inspectkg/shapes#DocumentShape"), URIRef(sh + "property")))
    shapes.add((prop, URIRef(sh + "uniqueLang"), Literal(True)))
    with pytest.raises(UnsupportedShape, match="uniqueLang"):
        compile_shapes(shapes, _vocabularies())
