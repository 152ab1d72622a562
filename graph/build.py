"""Build: files in, one named graph per document stored, an outcome per file out.

Reading a PDF is the slow part, so files are read and mapped to RDF in worker
processes (one per core) while the main process writes finished documents to
the store, one atomic replacement per document, in input order.

Conflicts are decided by one rule (README, "Bad input"): two files that are
the same inspection (same authority, kind and date, hence the same document
IRI) but different bytes are two versions of one document. The version
published later wins (on a tie, the one read last); the loser's file name and
content hash are recorded on the winner (ikg:supersedesSource,
ikg:supersedesHash), so both sources stay traceable and the loser is skipped
as superseded on later builds instead of flip-flopping.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from .. import resources
from ..reports.errors import OwnOutput, RejectedInput
from ..reports.load import expand_paths, readable, saved_page_assets
from . import iris
from .mapping import READER_VERSION, document_iri, reference_graph, report_ntriples
from .namespace import DATA, IKG
from .store import GraphStore
from .workers import cores, map_bounded


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str  # "ingested", "replaced", "skipped", "rejected"
    reason: str | None = None
    document: str | None = None
    kind: str | None = None
    authority: str | None = None
    date: str | None = None
    gss: str | None = None


@dataclass
class BuildResult:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "rejected"]


def vocabulary_graph() -> Graph:
    g = Graph()
    for f in resources.ontology_files():
        g.parse(data=f.read_text(encoding="utf-8"), format="turtle")
    return g


def load_reference_data(store: GraphStore) -> None:
    """Ontology, vocabularies and authorities: small, so compared on every build
    and written only when they changed (a rewrite would make the next
    validation check them, and every graph they are checked with, again)."""
    for name, graph in ((iris.VOCABULARY_GRAPH, vocabulary_graph()), (iris.REFERENCE_GRAPH, reference_graph())):
        if not (store.has_graph(name) and _same_triples(store.graph(name), graph)):
            store.replace_graph(name, graph)


def _same_triples(a: Graph, b: Graph) -> bool:
    """The same statements, a plain literal being the xsd:string it is in RDF 1.1
    (the store gives it back typed). These graphs have no blank nodes; with any,
    they count as different, which only costs a rewrite."""
    def norm(g: Graph) -> set | None:
        out = set()
        for t in g:
            if any(isinstance(x, BNode) for x in t):
                return None
            o = t[2]
            if isinstance(o, Literal) and o.datatype is None and not o.language:
                o = Literal(str(o), datatype=XSD.string)
            out.add((t[0], t[1], o))
        return out

    na, nb = norm(a), norm(b)
    return na is not None and na == nb


def file_hash(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


@dataclass(frozen=True)
class ReadDocument:
    """What a worker hands back: a document's graph as N-Triples and what the
    main process needs to decide where it goes."""

    path: str
    source: str  # the file name as the graph records it (ikg:sourceFile)
    content_hash: str
    iri: str
    ntriples: str
    kind: str
    authority: str
    gss: str
    date: str | None
    published: str | None


def read_document(path: Path) -> ReadDocument | Outcome:
    """Worker: read, parse and map one file; a bad file becomes a rejection."""
    try:
        from ..reports.parse import read_report

        report = read_report(path)
        return ReadDocument(
            str(path), report.source, report.content_hash, str(document_iri(report)),
            report_ntriples(report), report.kind, report.authority.name, report.authority.gss,
            report.date.isoformat() if report.date else None,
            report.published.isoformat() if report.published else None)
    except OwnOutput as exc:
        return Outcome(str(path), "skipped", exc.reason)
    except RejectedInput as exc:
        return Outcome(str(path), "rejected", exc.reason)
    except Exception as exc:  # noqa: BLE001 - one unreadable file must not stop the others
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return Outcome(str(path), "rejected", f"could not be read ({detail}); please report this file")


def _read_all(paths: list[Path], workers: int) -> Iterator[ReadDocument | Outcome]:
    """Read files on ``workers`` processes, yielding results in input order."""
    return map_bounded(read_document, paths, workers if len(paths) >= 3 else 1)


def build(
    paths: Iterable[str | Path],
    store: GraphStore,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> BuildResult:
    """Ingest every file under ``paths`` into ``store``; bad files are rejected, not fatal.

    ``on_start`` gets the number of files found; ``on_outcome`` is called for
    each file as soon as it is settled (after its graph is committed), in
    input order."""
    import time

    t0 = time.perf_counter()
    load_reference_data(store)
    files = expand_paths(list(paths))
    own = getattr(store, "path", None)
    if own is not None:  # a store kept inside the folder being read is not input
        own = Path(own).resolve()
        files = [f for f in files if own not in f.resolve().parents]
    if on_start:
        on_start(len(files))
    known, earlier = _stored_documents(store)
    superseded = store.superseded_hashes()
    result = BuildResult()

    def settle(outcome: Outcome) -> None:
        result.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    to_read: list[Path] = []
    early: dict[Path, Outcome] = {}
    assets = saved_page_assets(files)
    for path in files:
        if path in assets:
            early[path] = Outcome(str(path), "skipped", f"part of the saved web page {readable(assets[path].name)} "
                                  "(its images, scripts and styles)")
            continue
        digest = file_hash(path)
        if digest is not None and digest in known:
            early[path] = Outcome(str(path), "skipped", "already stored (same content)", str(known[digest]))
        elif digest is not None and digest in superseded:
            early[path] = Outcome(str(path), "skipped", "an earlier version of a stored document "
                                  "(superseded by a later one)", str(superseded[digest]))
        else:
            to_read.append(path)
    read = _read_all(to_read, cores() if workers is None else workers)
    for path in files:
        if path in early:
            settle(early[path])
            continue
        item = next(read)
        settle(item if isinstance(item, Outcome) else _store_document(item, store, known, earlier))
    store.flush()
    result.seconds = time.perf_counter() - t0
    return result


# A build that stored at least this share of the store's documents compacts it afterwards.
COMPACT_SHARE = 0.1


def compact_if_grown(store: GraphStore, result: BuildResult) -> bool:
    """Compact the store after a build that stored a good share of its documents
    (a first build, a new folder of reports): the work of compacting is then
    spread over many documents; after a few documents it is not worth a rewrite."""
    stored = result.count("ingested") + result.count("replaced")
    if not stored or stored < COMPACT_SHARE * len(store.stored_hashes()):
        return False
    store.compact()
    return True


def _stored_documents(store: GraphStore) -> tuple[dict[str, URIRef], dict[str, list[URIRef]]]:
    """The stored documents by content hash: those whose graphs this version of the reading
    wrote, and those an earlier version wrote. A file of the second kind is not "already
    stored": it is read again, so that an upgrade's better reading reaches the store."""
    known: dict[str, URIRef] = {}
    earlier: dict[str, list[URIRef]] = {}
    for doc, (digest, version) in store.reader_versions().items():
        if version >= READER_VERSION:
            known[digest] = doc
        else:
            earlier.setdefault(digest, []).append(doc)
    for digest in known.keys() & earlier.keys():
        # Left by a build stopped between writing a file's new graph and removing the old one.
        for doc in earlier.pop(digest):
            store.remove_graph(doc)
    return known, earlier


def _store_document(doc: ReadDocument, store: GraphStore, known: dict[str, URIRef],
                    earlier: dict[str, list[URIRef]]) -> Outcome:
    iri = URIRef(doc.iri)
    if doc.content_hash in known:  # the same bytes twice in one run
        return Outcome(doc.path, "skipped", "already stored (same content)", str(known[doc.content_hash]))
    extra = Graph()
    status, reason = "ingested", None
    outdated = earlier.pop(doc.content_hash, [])
    before = [_version_of(store, old) for old in outdated]
    if outdated:
        # The follow-ups read the earlier graphs under the same content hash, so nothing would
        # tell them that the document changed: their graphs go first (they are derived, and
        # rebuilt after the build), so that a crash leaves them missing, never out of date.
        # The new reading may place the document elsewhere (another date or kind read right):
        # the earlier graphs go after the new one is written, so that it is never missing.
        for gss in {doc.gss} | {b["gss"] for b in before}:
            store.remove_graph(iris.followup_graph(gss))
        status = "replaced"
        reason = (f"read again: its stored graph was written by an earlier version of inspectkg's reading "
                  f"(version {before[0]['reader']}, now {READER_VERSION})")
    if store.has_graph(iri):
        previous = _version_of(store, iri)
        before.append(previous)
        if previous["published"] and doc.published and doc.published < previous["published"]:
            # An older version than the stored one: keep the stored one, remember this one.
            note = Graph()
            note.add((iri, IKG.supersedesHash, Literal(doc.content_hash, datatype=XSD.string)))
            note.add((iri, IKG.supersedesSource, Literal(doc.source, datatype=XSD.string)))
            store.replace_graph(DATA[f"graph/superseded/{doc.content_hash}"], note)
            for old in outdated:  # this file's earlier reading, placed elsewhere, goes too
                if old != iri:
                    store.remove_graph(old)
            return Outcome(doc.path, "skipped", f"an earlier version (published {doc.published}) of "
                           f"{previous['source']} (published {previous['published']}), which is kept",
                           doc.iri, doc.kind, doc.authority, doc.date, doc.gss)
        if not outdated:
            status = "replaced"
            reason = "a new version of a stored document; the earlier version's source and hash are kept on it"
    # Every earlier version's source and hash stay on the document (its own read again are not earlier).
    for h in {h for b in before for h in b["hashes"]} - {doc.content_hash}:
        extra.add((iri, IKG.supersedesHash, Literal(h, datatype=XSD.string)))
    for name in {n for b in before for n in b["sources"]} - {doc.source}:
        extra.add((iri, IKG.supersedesSource, Literal(name, datatype=XSD.string)))
    nt = doc.ntriples + extra.serialize(format="nt")
    store.replace_graph_ntriples(iri, nt)
    for old in outdated:
        if old != iri:
            store.remove_graph(old)
    known[doc.content_hash] = iri
    return Outcome(doc.path, status, reason, doc.iri, doc.kind, doc.authority, doc.date, doc.gss)


def _version_of(store: GraphStore, iri: URIRef) -> dict:
    """The stored version of a document: its source, publication date, and
    the hashes of every version it has superseded (kept across replacements)."""
    info: dict = {"source": None, "published": None, "hashes": [], "sources": [], "reader": 1, "gss": ""}
    for _, p, o, _ in store.quads(iri, None, None, iri):
        if p == IKG.sourceFile:
            info["source"] = str(o)
            info["sources"].append(str(o))
        elif p == IKG.contentHash:
            info["hashes"].append(str(o))
        elif p == DCTERMS.issued:
            info["published"] = str(o)
        elif p == IKG.supersedesHash:
            info["hashes"].append(str(o))
        elif p == IKG.supersedesSource:
            info["sources"].append(str(o))
        elif p == IKG.readerVersion:
            info["reader"] = int(o)
        elif p == IKG.aboutAuthority:
            info["gss"] = str(o).rsplit("/", 1)[-1]  # iris.authority's last step
    return info
