"""Triples written straight to N-Triples text, for graphs that are only ever stored.

A document's graph and a follow-up graph are built once, serialised and loaded
into the store; nobody queries them as rdflib Graphs. Adding a triple to an
rdflib Graph indexes it three ways (about 15 µs a triple); here a triple is one
formatted line, kept once, as a graph keeps it. Twelve authorities of real
report text: their follow-up graphs (350,691 triples) took 7.4 s to build and
serialise with rdflib and take 2.2 s here; 65 documents' graphs, 1.94 s and
0.71 s (docs/benchmarks.md, "Fourth run").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Protocol

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class TripleSink(Protocol):
    """Where mapping code adds triples: an rdflib Graph or an NTriplesGraph."""

    def add(self, triple: Triple) -> Any: ...


def _escape(lexical: str) -> str:
    # N-Triples' string escapes (what rdflib's serialiser writes): a quote, a backslash and
    # the line breaks; any other character is written as itself (the format is UTF-8).
    return (lexical.replace("\\", "\\\\").replace('"', '\\"')
            .replace("\n", "\\n").replace("\r", "\\r"))


# What rdflib's serialiser refuses in an IRI (and N-Triples cannot carry): refused here too, so
# that a document that would make one is rejected by name, as before, not stored half-read.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


@lru_cache(maxsize=1 << 17)
def _iri(node: URIRef) -> str:
    # Cached: a graph names the same predicates, classes, documents and points over and over.
    if _NOT_IN_IRI.search(node):
        raise ValueError(f"{node!r} is not a valid IRI, cannot write it as N-Triples")
    return f"<{node}>"


def term(node: Node) -> str:
    """``node`` as an N-Triples term."""
    if isinstance(node, URIRef):
        return _iri(node)
    if isinstance(node, Literal):
        text = f'"{_escape(str(node))}"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None:
            return f"{text}^^<{node.datatype}>"
        return text
    if isinstance(node, BNode):
        return f"_:{node}"
    raise TypeError(f"not an RDF term: {node!r}")


class NTriplesGraph:
    """The part of rdflib's Graph that building a graph to store needs: ``add``,
    ``len`` and ``serialize(format="nt")``. A triple added twice is kept once."""

    def __init__(self) -> None:
        self._lines: dict[str, None] = {}  # insertion-ordered set

    def add(self, triple: Triple) -> NTriplesGraph:
        s, p, o = triple
        self._lines[f"{term(s)} {term(p)} {term(o)} ."] = None
        return self

    def __len__(self) -> int:
        return len(self._lines)

    def serialize(self, format: str = "nt") -> str:  # noqa: A002 - rdflib's name for it
        if format not in ("nt", "ntriples"):
            raise ValueError(f"NTriplesGraph writes N-Triples only, not {format!r}")
        return "".join(line + "\n" for line in self._lines)
