"""Validation: SHACL shapes per document graph, plus violation queries on the store.

pySHACL runs one query per focus node and copies the data graph, so it is
given one document at a time (with the vocabularies and the authority it
needs); rules that span documents run as ``*-violation.rq`` queries on the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.term import Node

from .. import resources
from . import iris
from .build import vocabulary_graph
from .namespace import IKG
from .queries import NamedQuery, library
from .store import Store

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    graph: str  # the document graph, or "store" for cross-document checks
    focus: str
    constraint: str  # shape or query name
    path: str | None
    value: str | None
    message: str


@dataclass
class ValidationReport:
    documents: int = 0
    violations: list[Violation] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    g = Graph()
    g.parse(data=resources.shapes_file().read_text(encoding="utf-8"), format="turtle")
    return g


@lru_cache(maxsize=1)
def _vocabularies() -> Graph:
    return vocabulary_graph()


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def validate_graph(data: Graph, context: Graph | None = None, graph_name: str = "") -> list[Violation]:
    """SHACL violations of ``data``; ``context`` adds vocabularies and reference data."""
    # Merged by hand: pySHACL only mixes an ont_graph in when it runs inference.
    merged = Graph()
    for source in (data, _vocabularies(), context or ()):
        for t in source:
            merged.add(t)
    conforms, results, _ = shacl_validate(
        merged, shacl_graph=shapes_graph(), inference="none", abort_on_first=False,
        allow_warnings=True,
    )
    if conforms:
        return []
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        source = results.value(r, SH.sourceShape)
        shape = source if isinstance(source, URIRef) else results.value(r, SH.sourceConstraintComponent)
        out.append(Violation(
            graph=graph_name, focus=str(results.value(r, SH.focusNode)),
            constraint=_shape_name(shapes_graph(), source, shape),
            path=_text(results.value(r, SH.resultPath)), value=_text(results.value(r, SH.value)),
            message=str(results.value(r, SH.resultMessage) or ""),
        ))
    return sorted(out, key=lambda v: (v.graph, v.focus, v.constraint))


def _shape_name(shapes: Graph, source: Node | None, fallback: Node | None) -> str:
    """The named node shape a result came from (property shapes are blank nodes)."""
    if isinstance(source, URIRef):
        return str(source).rsplit("#", 1)[-1]
    for parent in shapes.subjects(SH.property, source):
        if isinstance(parent, URIRef):
            component = str(fallback).rsplit("#", 1)[-1] if fallback is not None else ""
            return f"{str(parent).rsplit('#', 1)[-1]}/{component}"
    return str(fallback).rsplit("#", 1)[-1] if fallback is not None else "unknown"


def document_context(store: Store, doc_graph: Graph) -> Graph:
    """The reference triples a document graph points to: its authority and Ofsted."""
    ref = store.graph(iris.REFERENCE_GRAPH)
    ctx = Graph()
    for node in set(doc_graph.objects(None, IKG.aboutAuthority)) | set(
            doc_graph.objects(None, IKG.inspectedAuthority)) | {iris.OFSTED}:
        for p, o in ref.predicate_objects(node):
            if p != IKG.statisticalNeighbour:
                ctx.add((node, p, o))
    return ctx


def linking_context(store: Store, data: Graph) -> Graph:
    """For a graph of links between documents (follow-ups, curations): what the
    linked nodes are (their types, dates, authorities) read from their own graphs,
    so that class and date rules can be checked without loading whole documents."""
    import pyoxigraph as ox
    from rdflib.namespace import DCTERMS

    from .store import from_ox

    ctx = Graph()
    wanted = (RDF.type, DCTERMS.date, IKG.aboutAuthority, IKG.raisedIn)
    seen: set[Node] = set()
    todo = [o for o in data.objects() if isinstance(o, URIRef)]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p in wanted:
            for q in store.ox.quads_for_pattern(ox.NamedNode(str(node)), ox.NamedNode(str(p)), None, None):
                o = from_ox(q.object)
                ctx.add((node, p, o))  # type: ignore[arg-type]
                if p == IKG.raisedIn and isinstance(o, URIRef):
                    todo.append(o)
    return ctx


def validate_linking_graph(store: Store, name: URIRef) -> list[Violation]:
    """Only the nodes the linking graph itself describes are checked; the linked
    documents are checked in their own graphs."""
    data = store.graph(name)
    own = set(data.subjects(RDF.type, None))
    return [v for v in validate_graph(data, linking_context(store, data), str(name))
            if URIRef(v.focus) in own]


def violation_queries() -> list[NamedQuery]:
    return [q for q in library() if q.name.endswith("-violation")]


def validate_store(store: Store) -> ValidationReport:
    report = ValidationReport()
    special = {iris.REFERENCE_GRAPH, iris.VOCABULARY_GRAPH}
    report.violations.extend(
        validate_graph(store.graph(iris.REFERENCE_GRAPH), None, str(iris.REFERENCE_GRAPH)))
    for name in store.graph_names():
        if name in special:
            continue
        if "/graph/" in str(name):  # follow-ups and curations link documents
            report.violations.extend(validate_linking_graph(store, name))
            continue
        data = store.graph(name)
        report.documents += 1
        report.violations.extend(validate_graph(data, document_context(store, data), str(name)))
    linking = sum(1 for n in store.graph_names() if "/graph/" in str(n) and n not in special)
    report.checks.append(f"SHACL shapes on {report.documents} document graphs and {linking} follow-up graphs")
    for q in violation_queries():
        rows = q.run(store).rows
        report.checks.append(f"{q.name}: {len(rows)} rows")
        for row in rows:
            report.violations.append(Violation(
                graph="store", focus=str(row.get("entity", "")), constraint=q.name,
                path=_text(row.get("property")), value=_text(row.get("value")),
                message=q.title))
    return report
