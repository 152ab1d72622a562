"""Build: files in, one named graph per document stored, an outcome per file out."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from .. import resources
from ..reports.errors import RejectedInput
from ..reports.load import expand_paths
from ..reports.parse import read_report
from . import iris
from .mapping import document_iri, reference_graph, report_graph
from .store import Store


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


def load_reference_data(store: Store) -> None:
    """Ontology, vocabularies and authorities: small, so reloaded on every build."""
    store.replace_graph(iris.VOCABULARY_GRAPH, vocabulary_graph())
    store.replace_graph(iris.REFERENCE_GRAPH, reference_graph())


def file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def build(
    paths: Iterable[str | Path],
    store: Store,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BuildResult:
    """Ingest every file under ``paths`` into ``store``; bad files are rejected, not fatal."""
    load_reference_data(store)
    files = expand_paths(list(paths))
    stored = store.stored_hashes()
    result = BuildResult()
    for path in files:
        outcome = _ingest(path, store, stored)
        result.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    store.flush()
    return result


def _ingest(path: Path, store: Store, stored: dict[str, URIRef]) -> Outcome:
    digest = file_hash(path)
    if digest is not None and digest in stored:
        return Outcome(str(path), "skipped", "already stored (same content)", str(stored[digest]))
    try:
        report = read_report(path)
    except RejectedInput as exc:
        return Outcome(str(path), "rejected", exc.reason)
    doc = document_iri(report)
    existed = store.has_graph(doc)
    store.replace_graph(doc, report_graph(report))
    stored[report.content_hash] = doc
    return Outcome(str(path), "replaced" if existed else "ingested", None, str(doc), report.kind,
                   report.authority.name, report.date.isoformat() if report.date else None,
                   report.authority.gss)

