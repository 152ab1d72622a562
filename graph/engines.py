"""A second SPARQL engine over the same data: rdflib's in-memory Dataset.

Every library query must give the same answers on Oxigraph (the store) and on
rdflib; tests compare the two as result sets, with terms normalised so that
"x" and "x"^^xsd:string, or 2.50 and 2.5, compare equal.
"""

from __future__ import annotations

import warnings
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .queries import QueryResult
from .remote_store import with_values
from .store import GraphStore

NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long,
           XSD.nonNegativeInteger, XSD.positiveInteger}


def store_to_dataset(store: GraphStore) -> Dataset:
    """Every named graph of the store in an rdflib Dataset whose default graph is their union."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds = Dataset(default_union=True)
        graphs: dict[URIRef, Graph] = {}
        for s, p, o, name in store.quads():
            if name not in graphs:
                graphs[name] = ds.graph(name)
            graphs[name].add((s, p, o))
    return ds


def run_rdflib(ds: Dataset, sparql: str, bindings: dict[str, Node] | None = None) -> QueryResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return _run_rdflib(ds, sparql, bindings)


def _run_rdflib(ds: Dataset, sparql: str, bindings: dict[str, Node] | None) -> QueryResult:
    result = ds.query(with_values(sparql, bindings))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult([], [], result.graph)
    if result.type == "ASK":
        return QueryResult(["ask"], [{"ask": Literal(bool(result.askAnswer))}])
    variables = [str(v) for v in (result.vars or [])]
    rows = []
    for row in result:
        values = row.asdict() if hasattr(row, "asdict") else {}
        rows.append({k: v for k, v in values.items() if v is not None})
    return QueryResult(variables, rows)


def canonical(term: Node) -> tuple[str, str]:
    """A comparable form of a term: numbers by value, strings without xsd:string."""
    if isinstance(term, URIRef):
        return ("uri", str(term))
    if isinstance(term, BNode):
        return ("bnode", "")
    assert isinstance(term, Literal)
    if term.datatype in NUMERIC:
        try:
            return ("number", str(Decimal(str(term)).normalize()))
        except InvalidOperation:
            return ("number", str(term))
    if term.datatype in (None, XSD.string) and not term.language:
        return ("string", str(term))
    return ("literal", f"{term}|{term.language or ''}|{term.datatype or ''}")


def result_set(result: QueryResult) -> list[tuple[tuple[str, tuple[str, str]], ...]]:
    """The rows as a sorted list of canonical (variable, term) tuples: order-free, duplicates kept."""
    rows = []
    for row in result.rows:
        rows.append(tuple(sorted((k, canonical(v)) for k, v in row.items())))
    return sorted(rows)
