"""Stores: where the graph lives, one named graph per document, behind one interface.

- ``Store``: the embedded on-disk Oxigraph database (the default). Separate
  commands share state through it, guarded by a lock file (see lock.py).
- ``MemoryStore`` (memory_store.py): rdflib's in-memory Dataset, for small
  jobs and tests; nothing persists.
- ``RemoteStore`` (remote_store.py): any SPARQL 1.1 server over HTTP.

Every store replaces a document's named graph atomically: readers see the old
graph or the new one, never a mix, and a crash leaves one of the two.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..reports.errors import InspectkgError
from .lock import LOCK_NAME, StoreLock
from .namespace import IKG

STORE_ENV = "INSPECTKG_STORE"
CHANGES_NAME = "inspectkg-changes.log"
MEMORY = "memory:"

Quad = tuple[Node, Node, Node, URIRef]


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
        return _literal(term)
    raise TypeError(f"unexpected term {term!r}")


@lru_cache(maxsize=1 << 16)
def _literal(term: ox.Literal) -> Literal:
    """Cached: an rdflib Literal costs 7-12 µs to build (it parses its value),
    and query results repeat the same dates, kinds, grades and names row
    after row (a lookup in the cache is well under 1 µs). Literals are immutable."""
    if term.language:
        return Literal(term.value, lang=term.language)
    # xsd:string is kept explicit so that terms round-trip to what mapping wrote.
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def replace_graph_update(name: URIRef, ntriples: str) -> str:
    """One SPARQL Update that drops graph ``name`` and inserts the triples in
    its place: a single request, so a store applies it as one transaction."""
    return f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{ntriples}\n}} }}"


def open_store(spec: str | Path | None, read_only: bool = False) -> GraphStore:
    """The store named by ``spec``: an http(s):// URL of a SPARQL server,
    ``memory:`` for an in-memory graph, else a directory of the embedded store
    (None: the default directory)."""
    text = str(spec) if spec is not None else ""
    if text.startswith(("http://", "https://")):
        from .remote_store import RemoteStore

        return RemoteStore(text)
    if text == MEMORY:
        from .memory_store import MemoryStore

        return MemoryStore()
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]+)://", text)
    if scheme:  # "ftp://...", "sparql://...": a URL, but not one of a server inspectkg can talk to
        raise StoreError(f"--store {text}: a {scheme.group(1)} URL is not a store; give a directory, "
                         "the http(s) URL of a SPARQL 1.1 server, or memory:")
    return Store(spec if spec is not None else default_store_path(), read_only=read_only)


# What a store folder holds besides the database's own files: inspectkg's lock and change log.
_OWN_FILES = {LOCK_NAME, CHANGES_NAME}


def _check_store_folder(path: Path) -> None:
    """A store is a folder of its own: refuse a file, and a folder that holds other things and no
    database (``--store reports/`` by mistake would write a database among the reports)."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"cannot open the store at {path}: it is a file; a store is a folder (a new or "
                         "empty one is made into a store)")
    if path.is_dir() and not (path / "CURRENT").exists():  # RocksDB's file naming its current state
        others = sorted(p.name for p in path.iterdir() if p.name not in _OWN_FILES)
        if others:
            raise StoreError(f"cannot open the store at {path}: the folder holds other files "
                             f"({', '.join(others[:3])}{', ...' if len(others) > 3 else ''}) and no store; "
                             "give a new or empty folder")


class GraphStore:
    """What inspectkg needs of a store. Subclasses implement the primitives
    (replace_graph, remove_graph, quads, query, graph_names, dump, __len__);
    the rest is written once here on top of them."""

    location: str = ""

    # ------------------------------------------------------------ primitives
    def replace_graph_ntriples(self, name: URIRef, ntriples: str) -> None:
        """Replace the named graph ``name`` with these triples (N-Triples text), atomically."""
        raise NotImplementedError

    def remove_graph(self, name: URIRef) -> None:
        raise NotImplementedError

    def quads(self, s: Node | None = None, p: Node | None = None, o: Node | None = None,
              g: URIRef | None = None) -> Iterator[Quad]:
        """Quads matching a pattern (None = any), as rdflib terms."""
        raise NotImplementedError

    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> Any:
        """Run SPARQL over the union of all graphs; ``bindings`` pre-bind
        variables to terms (never spliced into the text as strings). Returns
        pyoxigraph results: QuerySolutions, an iterator of Triples, or a bool."""
        raise NotImplementedError

    def graph_names(self) -> list[URIRef]:
        raise NotImplementedError

    def dump(self, out: BinaryIO, fmt: str) -> None:
        """Write the whole store to ``out``: ``nquads`` keeps every named graph;
        ``turtle`` writes the union of all graphs (a triple held by several
        graphs is written once)."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    # ------------------------------------------------------------ derived
    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Replace the named graph ``name`` with ``graph``'s triples, atomically."""
        self.replace_graph_ntriples(name, graph.serialize(format="nt"))

    def flush(self) -> None:
        pass

    def compact(self) -> None:
        """Reorganise the store's files after a large load (a no-op where the store
        manages that itself)."""

    def close(self) -> None:
        pass

    def graph(self, name: URIRef) -> Graph:
        g = Graph()
        for s, p, o, _ in self.quads(g=URIRef(str(name))):
            g.add((s, p, o))
        return g

    def has_graph(self, name: URIRef) -> bool:
        return name in set(self.graph_names())

    def stored_hashes(self) -> dict[str, URIRef]:
        """content hash -> document graph, to skip documents already stored."""
        return {str(o): s for s, _, o, _ in self.quads(p=IKG.contentHash)}  # type: ignore[misc]

    def reader_versions(self) -> dict[URIRef, tuple[str, int]]:
        """document -> its content hash and the version of the reading that wrote its graph
        (1 where none is recorded)."""
        versions = {s: int(o) for s, _, o, _ in self.quads(p=IKG.readerVersion)}  # type: ignore[misc]
        return {s: (str(o), versions.get(s, 1)) for s, _, o, _ in self.quads(p=IKG.contentHash)}  # type: ignore[misc]

    def superseded_hashes(self) -> dict[str, URIRef]:
        """content hash of an earlier version -> the document that replaced it."""
        return {str(o): s for s, _, o, _ in self.quads(p=IKG.supersedesHash)}  # type: ignore[misc]

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def dump_oxigraph(store: ox.Store, out: BinaryIO, fmt: str) -> None:
    if fmt == "nquads":
        store.dump(out, ox.RdfFormat.N_QUADS)
    elif fmt == "turtle":
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
        ox.serialize(sorted(triples, key=str), out, ox.RdfFormat.TURTLE,
                     prefixes={"ikg": str(IKG), "xsd": "http://www.w3.org/2001/XMLSchema#"})
    else:
        raise ValueError(f"unknown dump format {fmt!r}")


class Store(GraphStore):
    """The embedded on-disk Oxigraph database (or an in-memory one with path None)."""

    # Writes are flushed from memory to the database's files every so many characters of
    # N-Triples. RocksDB keeps them in memory tables until then, and a flush that finds a
    # backlog of full memory tables can wait forever: Oxigraph merges them two at a time
    # (min_write_buffer_number_to_merge = 2), a case RocksDB's manual flush does not handle
    # (facebook/rocksdb#13280, #12166). A build of 1,646 generated documents flushed once at
    # its end, after 1.5 GB of writes, and hung there, every thread idle, twice in a row. Flushed
    # every 10 million characters, no memory table fills in between. The flushes cost about what
    # the one at the end did, and memory is bounded: building 544 generated documents with their
    # follow-up took 78.4-79.8 s at a peak of 333 MB, against 76.9-77.9 s and 853 MB flushed once
    # (docs/benchmarks.md).
    FLUSH_EVERY_CHARS = 10_000_000
    _unflushed = 0

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.location = str(self.path) if self.path else "(in memory)"
        self.read_only = read_only
        self.lock: StoreLock | None = None
        # Graph names written since the last validation (validate.py reads and clears it).
        self.journal = self.path / CHANGES_NAME if self.path is not None else None
        try:
            if self.path is None:
                self.ox = ox.Store()
                return
            _check_store_folder(self.path)
            # (A build that has just begun holds the lock before its database exists: wait for it.)
            if read_only and not (self.path / "CURRENT").exists() and not (self.path / LOCK_NAME).exists():
                raise StoreError(f"no store at {self.path}: run `inspectkg build` first")
            self.path.mkdir(parents=True, exist_ok=True)
            self.lock = StoreLock(self.path, exclusive=not read_only)
            self.lock.acquire()
            self.ox = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            self._release()
            held = " (another program, an Oxigraph server perhaps, has the database open for writing)" \
                if "LOCK" in str(exc) else ""
            raise StoreError(f"cannot open the store at {self.path}: {exc}{held}") from None
        except RuntimeError as exc:  # the database's own errors: damaged, or held by another program
            self._release()
            raise StoreError(f"cannot open the store at {self.path}: the database there is damaged or in use "
                             f"by another program ({exc})") from None
        except BaseException:
            self._release()
            raise

    def _release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # ------------------------------------------------------------ writing
    def replace_graph_ntriples(self, name: URIRef, ntriples: str) -> None:
        # One load or one update = one transaction: a kill between "remove"
        # and "add" cannot leave the document missing or half written.
        g = ox.NamedNode(str(name))
        self._note_change(name)
        try:
            if self.ox.contains_named_graph(g):
                self.ox.update(replace_graph_update(name, ntriples))
            else:
                self.ox.load(ntriples.encode("utf-8"), ox.RdfFormat.N_TRIPLES, to_graph=g)
        except OSError as exc:  # a full disk, a file size limit, a vanished directory
            raise StoreError(f"cannot write <{name}> to the store at {self.path}: {exc}. It was not "
                             "written; everything reported before it is stored whole.") from None
        self._unflushed += len(ntriples)
        if self._unflushed < self.FLUSH_EVERY_CHARS:
            return
        try:
            self.flush()
        except OSError as exc:
            # The graph is committed (in the database's log) already: only the flush failed.
            raise StoreError(f"cannot flush the store at {self.path} to its files: {exc}. <{name}> "
                             "and everything reported before it are stored, in its log.") from None

    def remove_graph(self, name: URIRef) -> None:
        g = ox.NamedNode(str(name))
        if self.ox.contains_named_graph(g):
            self._note_change(name)
            self.ox.remove_graph(g)

    def _note_change(self, name: URIRef) -> None:
        """Noted before the write, so that a crash can only make validation
        look at a graph again, never miss one."""
        if self.journal is not None:
            with open(self.journal, "a", encoding="utf-8") as f:
                f.write(f"{name}\n")

    def flush(self) -> None:
        if not self.read_only:
            self.ox.flush()
            self._unflushed = 0

    def compact(self) -> None:
        """Merge the database's files (RocksDB compaction), giving back the space of
        replaced graphs: a national store (1,642 documents) whose follow-up graphs had
        been rewritten twice went from 3.1 GB to 1.2 GB on disk. It rewrites the whole
        store (17 s there), so builds call it only after a load that grew the store by
        a good share (``compact_if_grown``)."""
        if not self.read_only:
            self.ox.optimize()
            self._purge_write_ahead_log()

    def _purge_write_ahead_log(self) -> None:
        """RocksDB deletes the write-ahead log files that flushing made obsolete
        only when a database is opened for writing, not when it is flushed,
        compacted or closed: after a 50x build they were 2.2 of the store's 4.7 GB
        on disk, and read-only opens (queries, exports) never delete them. So the
        database is closed and opened again here (0.1-0.3 s); our own lock on the
        directory stays held throughout."""
        if self.path is None:
            return
        self.ox.flush()
        self.ox = None  # type: ignore[assignment]  # drops the only reference: RocksDB closes
        try:
            self.ox = ox.Store(str(self.path))
        except OSError as exc:
            self._release()
            raise StoreError(f"cannot open the store at {self.path} again after compacting it: "
                             f"{exc}. Everything was written before compacting.") from None

    # ------------------------------------------------------------ reading
    def quads(self, s: Node | None = None, p: Node | None = None, o: Node | None = None,
              g: URIRef | None = None) -> Iterator[Quad]:
        pattern = [None if t is None else to_ox(t) for t in (s, p, o, g)]
        for q in self.ox.quads_for_pattern(*pattern):
            yield (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),  # type: ignore[misc]
                   from_ox(q.graph_name))

    def has_graph(self, name: URIRef) -> bool:
        return self.ox.contains_named_graph(ox.NamedNode(str(name)))

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(n.value) for n in self.ox.named_graphs() if isinstance(n, ox.NamedNode))

    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> Any:
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        results = self.ox.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)
        return bool(results) if isinstance(results, ox.QueryBoolean) else results

    def dump(self, out: BinaryIO, fmt: str) -> None:
        dump_oxigraph(self.ox, out, fmt)

    def __len__(self) -> int:
        return len(self.ox)

    def close(self) -> None:
        """Release the database and its lock now, not when the garbage
        collector gets to it: a traceback that keeps this object alive would
        otherwise keep the store locked."""
        if getattr(self, "ox", None) is not None:
            if not self.read_only:
                # If the disk failed, committed transactions are in the log already.
                with contextlib.suppress(OSError):
                    self.ox.flush()
            self.ox = None  # type: ignore[assignment]
        self._release()
