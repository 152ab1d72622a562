"""A store in memory on rdflib's Dataset: for small jobs and tests, nothing persists.

The default graph is the union of the named graphs, as in every store.
Answers come back as pyoxigraph results (through SPARQL results JSON and
N-Triples) and terms as the embedded store gives them, so that callers never
see which store they have. rdflib's SPARQL engine is slow on large graphs
(see ENGINES.md): use the embedded store for a real corpus.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from typing import Any, BinaryIO

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from .remote_store import with_values
from .store import MEMORY, GraphStore, Quad, StoreError, dump_oxigraph, from_ox, to_ox


class MemoryStore(GraphStore):
    location = MEMORY

    def __init__(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own ConjunctiveGraph notices
            self.ds = Dataset(default_union=True)
        # Writers and readers may be threads: a replacement is seen whole or not at all.
        self._lock = threading.RLock()

    def _named(self) -> list[Graph]:
        return [g for g in self.ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID]

    # ------------------------------------------------------------ writing
    def replace_graph_ntriples(self, name: URIRef, ntriples: str) -> None:
        # Read through pyoxigraph so that terms are kept as the other stores keep
        # them (0.60 as 0.6, plain strings typed), and before the old graph is touched.
        staging = ox.Store()
        try:
            staging.load(ntriples.encode("utf-8"), ox.RdfFormat.N_TRIPLES)
        except SyntaxError as exc:
            raise StoreError(f"cannot store graph {name}: {exc}") from None
        triples = [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in staging]
        with self._lock, warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            self.ds.remove_graph(name)
            target = self.ds.graph(name)
            for triple in triples:
                target.add(triple)  # type: ignore[arg-type]

    def remove_graph(self, name: URIRef) -> None:
        with self._lock, warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            self.ds.remove_graph(name)

    # ------------------------------------------------------------ reading
    def quads(self, s: Node | None = None, p: Node | None = None, o: Node | None = None,
              g: URIRef | None = None) -> Iterator[Quad]:
        with self._lock:  # a snapshot: the caller may write while it iterates
            found = [(*t, graph.identifier) for graph in self._named()
                     if g is None or graph.identifier == g for t in graph.triples((s, p, o))]
        yield from found  # type: ignore[misc]

    def graph_names(self) -> list[URIRef]:
        with self._lock:
            return sorted(URIRef(g.identifier) for g in self._named() if len(g))

    def has_graph(self, name: URIRef) -> bool:
        with self._lock:
            return any(g.identifier == name and len(g) for g in self._named())

    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> Any:
        with self._lock, warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            try:
                result = self.ds.query(with_values(sparql, bindings))
            except ParseException as exc:
                raise SyntaxError(str(exc)) from None  # as pyoxigraph says it
            if result.type == "ASK":
                return bool(result.askAnswer)
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                data = result.graph.serialize(format="nt", encoding="utf-8")
                return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
            data = result.serialize(format="json")
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)

    def dump(self, out: BinaryIO, fmt: str) -> None:
        copy = ox.Store()
        copy.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g)))  # type: ignore[arg-type]
                    for s, p, o, g in self.quads())
        dump_oxigraph(copy, out, fmt)

    def __len__(self) -> int:
        with self._lock:
            return sum(len(g) for g in self._named())
