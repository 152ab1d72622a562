"""The store: an embedded on-disk Oxigraph database, one named graph per document.

Separate commands share state through it. Writing a document replaces its
named graph; a document whose content hash is already stored is skipped.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..reports.errors import InspectkgError
from .namespace import IKG

STORE_ENV = "INSPECTKG_STORE"


class StoreError(InspectkgError):
    pass


def default_store_path() -> Path:
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "inspectkg" / "store"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}")


def from_ox(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        # xsd:string is kept explicit so that terms round-trip to what mapping wrote.
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")


def open_store(spec: str | Path | None, read_only: bool = False) -> Store:
    """The store named by ``spec`` (a directory of the embedded store; None = the default)."""
    return Store(spec if spec is not None else default_store_path(), read_only=read_only)


class Store:
    """A thin layer over pyoxigraph with the operations inspectkg needs."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self.ox = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path}: run `inspectkg build` first")
                self.ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.ox = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}. If another inspectkg "
                             "command is writing to it, wait for it to finish.") from None

    # ------------------------------------------------------------ writing
    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Replace the named graph ``name`` with ``graph``'s triples."""
        g = ox.NamedNode(str(name))
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in graph]  # type: ignore[arg-type]
        if self.ox.contains_named_graph(g):
            self.ox.remove_graph(g)
        self.ox.extend(quads)

    def remove_graph(self, name: URIRef) -> None:
        g = ox.NamedNode(str(name))
        if self.ox.contains_named_graph(g):
            self.ox.remove_graph(g)

    def flush(self) -> None:
        self.ox.flush()

    # ------------------------------------------------------------ reading
    def graph(self, name: URIRef) -> Graph:
        g = Graph()
        for q in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
        return g

    def has_graph(self, name: URIRef) -> bool:
        return self.ox.contains_named_graph(ox.NamedNode(str(name)))

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(n.value) for n in self.ox.named_graphs() if isinstance(n, ox.NamedNode))

    def stored_hashes(self) -> dict[str, URIRef]:
        """content hash -> document graph, to skip documents already stored."""
        out: dict[str, URIRef] = {}
        for q in self.ox.quads_for_pattern(None, ox.NamedNode(str(IKG.contentHash)), None, None):
            out[q.object.value] = URIRef(q.subject.value)
        return out

    def documents_from_source(self, source_file: str) -> list[URIRef]:
        return [URIRef(q.subject.value) for q in self.ox.quads_for_pattern(
            None, ox.NamedNode(str(IKG.sourceFile)), ox.Literal(source_file), None)]

    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> ox.QueryResults:
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        return self.ox.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)

    def dump(self, out: BinaryIO, fmt: str) -> None:
        """Write the whole store to ``out``: ``nquads`` keeps every named graph;
        ``turtle`` writes the union of all graphs (a triple held by several
        graphs is written once)."""
        if fmt == "nquads":
            self.ox.dump(out, ox.RdfFormat.N_QUADS)
        elif fmt == "turtle":
            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in self.ox}
            ox.serialize(sorted(triples, key=str), out, ox.RdfFormat.TURTLE,
                         prefixes={"ikg": str(IKG), "xsd": "http://www.w3.org/2001/XMLSchema#"})
        else:
            raise ValueError(f"unknown dump format {fmt!r}")

    def __len__(self) -> int:
        return len(self.ox)

    def close(self) -> None:
        """Release the database now, not when the garbage collector gets to it:
        a traceback that keeps this object alive would otherwise keep a writer
        compacting files under a reader's feet."""
        if getattr(self, "ox", None) is not None:
            if not self.read_only:
                self.ox.flush()
            self.ox = None  # type: ignore[assignment]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
