"""The N-Triples writer that follow-up graphs are built with says what rdflib's serialiser
says: the same triples once parsed, whatever the literals hold."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from inspectkg.graph.ntriples import NTriplesGraph
from rdflib import XSD, BNode, Graph, Literal, URIRef

S = URIRef("https://w3id.org/inspectkg/id/document/E10000015/x/point/1")
P = URIRef("https://w3id.org/inspectkg/ontology#reason")


def parsed(nt: str) -> set[ox.Triple]:
    return set(ox.parse(nt.encode("utf-8"), ox.RdfFormat.N_TRIPLES))


def same_as_rdflib(*objects) -> None:
    ours, theirs = NTriplesGraph(), Graph()
    for o in objects:
        ours.add((S, P, o))
        theirs.add((S, P, o))
    assert parsed(ours.serialize(format="nt")) == parsed(theirs.serialize(format="nt"))
    assert len(ours) == len(theirs)


@pytest.mark.parametrize("obj", [
    Literal('He said "no" \\ then left.\nNext line\r', datatype=XSD.string),
    Literal("“Curly” quotes, a dash – and an ellipsis…", datatype=XSD.string),
    Literal("0.40", datatype=XSD.decimal),
    Literal(17, datatype=XSD.integer),
    Literal("Chronologies", lang="en"),
    Literal("plain"),
    URIRef("https://w3id.org/inspectkg/vocab/status/addressed"),
    BNode("b1"),
])
def test_a_term_of_each_kind(obj):
    same_as_rdflib(obj)


@given(st.lists(st.text(), max_size=5))
def test_any_string_literals(texts):
    same_as_rdflib(*(Literal(t, datatype=XSD.string) for t in texts))


def test_a_triple_added_twice_is_kept_once():
    g = NTriplesGraph()
    g.add((S, P, Literal("x", datatype=XSD.string)))
    g.add((S, P, Literal("x", datatype=XSD.string)))
    assert len(g) == 1 and g.serialize(format="nt").count("\n") == 1


def test_only_ntriples():
    with pytest.raises(ValueError):
        NTriplesGraph().serialize(format="turtle")


@pytest.mark.parametrize("iri", ["https://example.org/a b", "https://example.org/<x>", 'https://example.org/"q"'])
def test_an_iri_that_cannot_be_written_is_refused_as_rdflib_refuses_it(iri):
    with pytest.raises(ValueError):
        NTriplesGraph().add((URIRef(iri), P, Literal("x")))
    with pytest.raises(Exception):  # noqa: B017 - rdflib's own error type varies by version
        theirs = Graph()
        theirs.add((URIRef(iri), P, Literal("x")))
        theirs.serialize(format="nt")
