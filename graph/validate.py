"""Validation: SHACL shapes per document graph, plus violation queries on the store.

pySHACL runs one query per focus node and copies the data graph, so it is
given one document at a time (with the vocabularies and the authority it
needs); rules that span documents run as ``*-violation.rq`` queries on the store.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.term import Node

from .. import resources
from . import iris
from .build import vocabulary_graph
from .namespace import IKG
from .queries import NamedQuery, library
from .store import GraphStore
from .summary import counted
from .workers import cores, pool

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


def document_context(store: GraphStore, doc_graph: Graph, ref: Graph | None = None) -> Graph:
    """The reference triples a document graph points to: its authority and Ofsted.
    ``ref``: the reference graph, when the caller has it already."""
    ref = ref if ref is not None else store.graph(iris.REFERENCE_GRAPH)
    ctx = Graph()
    for node in set(doc_graph.objects(None, IKG.aboutAuthority)) | set(
            doc_graph.objects(None, IKG.inspectedAuthority)) | {iris.OFSTED}:
        for p, o in ref.predicate_objects(node):
            if p != IKG.statisticalNeighbour:
                ctx.add((node, p, o))
    return ctx


def linking_context(store: GraphStore, data: Graph) -> Graph:
    """For a graph of links between documents (follow-ups, curations): what the
    linked nodes are (their types, dates, authorities) read from their own graphs,
    so that class and date rules can be checked without loading whole documents."""
    from rdflib.namespace import DCTERMS

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
            for _, _, o, _ in store.quads(node, p):
                ctx.add((node, p, o))
                if p == IKG.raisedIn and isinstance(o, URIRef):
                    todo.append(o)
    return ctx


def violation_queries() -> list[NamedQuery]:
    return [q for q in library() if q.name.endswith("-violation")]


Job = tuple[str, str, str, bool]  # data and context as N-Triples, graph name, check only own nodes


def _validate_serialised(job: Job) -> list[Violation]:
    """Worker: one graph and its context, validated in another process."""
    data_nt, context_nt, name, own_only = job
    data, context = Graph(), Graph()
    data.parse(data=data_nt, format="nt")
    context.parse(data=context_nt, format="nt")
    found = validate_graph(data, context, name)
    if own_only:  # a linking graph: the linked documents are checked in their own graphs
        own = set(data.subjects(RDF.type, None))
        found = [v for v in found if URIRef(v.focus) in own]
    return found


def _job(store: GraphStore, name: URIRef, ref: Graph | None = None) -> Job:
    data = store.graph(name)
    linking = "/graph/" in str(name)  # follow-ups and curations link documents
    context = linking_context(store, data) if linking else document_context(store, data, ref)
    return data.serialize(format="nt"), context.serialize(format="nt"), str(name), linking


def validate_graphs(store: GraphStore, names: list[URIRef], cache: ValidationCache | None = None,
                    ) -> tuple[list[Violation], int]:
    """SHACL on each graph, on every core when there are several (pySHACL is
    single-threaded Python; each graph is independent). A graph whose data and
    context are unchanged since the last run reuses that run's result from
    ``cache``. Returns the violations and how many graphs were validated anew."""
    ref = store.graph(iris.REFERENCE_GRAPH)  # read once, not once per document
    jobs = [_job(store, name, ref) for name in names]
    found: list[list[Violation] | None] = [cache.get(job) if cache else None for job in jobs]
    todo = [i for i, f in enumerate(found) if f is None]
    workers = cores()
    if workers < 2 or len(todo) < 4:
        fresh = [_validate_serialised(jobs[i]) for i in todo]
    else:
        with pool(workers) as executor:
            fresh = list(executor.map(_validate_serialised, (jobs[i] for i in todo)))
    for i, violations in zip(todo, fresh):
        found[i] = violations
        if cache:
            cache.put(jobs[i], violations)
    return [v for f in found for v in (f or [])], len(todo)


ENGINES = ("sparql", "pyshacl")


def validate_store(store: GraphStore, incremental: bool = True, engine: str = "sparql") -> ValidationReport:
    """Validate every graph in the store, then run the cross-document
    ``*-violation`` queries.

    ``engine="sparql"`` (default): the shapes compiled to SPARQL and answered
    by the store for all graphs at once (shacl_sparql.py), seconds for a
    national corpus. ``engine="pyshacl"``: pySHACL, the reference
    implementation, per graph on every core; with ``incremental``, graphs whose
    content and context have not changed since the last validation keep their
    earlier result (kept beside the store, see ValidationCache)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r}")
    report = ValidationReport()
    special = {iris.REFERENCE_GRAPH, iris.VOCABULARY_GRAPH}
    names = [n for n in store.graph_names() if n not in special]
    linking = [n for n in names if "/graph/" in str(n)]
    report.documents = len(names) - len(linking)
    if engine == "sparql":
        violations, note = validate_store_sparql(store, incremental)
        report.violations.extend(violations)
        report.checks.append(f"SHACL shapes as SPARQL and the {len(violation_queries())} *-violation "
                             f"queries on {counted(report.documents, 'document graph')} and "
                             f"{counted(len(linking), 'follow-up graph')}, with the reference data "
                             f"({note})")
    else:
        report.violations.extend(
            validate_graph(store.graph(iris.REFERENCE_GRAPH), None, str(iris.REFERENCE_GRAPH)))
        cache = ValidationCache.for_store(store) if incremental else None
        violations, fresh = validate_graphs(store, names, cache)
        report.violations.extend(violations)
        if cache:
            cache.save(keep=names)
        report.checks.append(f"SHACL shapes (pySHACL) on {counted(report.documents, 'document graph')} and "
                             f"{counted(len(linking), 'follow-up graph')} ({fresh} validated now, "
                             f"{len(names) - fresh} unchanged since the last run)")
        for q in violation_queries():
            rows = q.run(store).rows
            report.checks.append(f"{q.name}: {len(rows)} rows")
            report.violations.extend(_query_violation(q, row) for row in rows)
    return report


def _query_violation(q: NamedQuery, row: dict) -> Violation:
    return Violation(graph="store", focus=str(row.get("entity", "")), constraint=q.name,
                     path=_text(row.get("property")), value=_text(row.get("value")), message=q.title)


# Past this many changed graphs, checking every graph is cheaper, because the
# checks restricted to a VALUES block of graphs are not planned from it (each
# changed graph costs seconds on a large store). On a national store (1,642
# documents): the whole store took 36 s on two workers, 4 changed graphs 12 s,
# and a folder of about 20 documents with their authorities' follow-ups
# 166 s: the break-even is near 6-8 graphs. A one-document build changes 4.
INCREMENTAL_MAX_GRAPHS = 8


def violation_rows_in(store: GraphStore, q: NamedQuery, graphs: list[str]) -> list[dict] | None:
    """A violation query's rows for the entities found in these graphs only, or
    None when it cannot be asked that way (no ``@focus`` pattern).

    Each ``*-violation`` query reports an ``?entity`` whose own statements sit
    in the graph that made it (an evidence node in its document or follow-up
    graph), so after a build only the entities of the graphs written since
    the last validation can have become violations. The queries are written
    as property scans joined in memory, which take 0.1-2 s over a national
    store whatever is bound (docs/benchmarks.md); so the entities
    are listed first and the query is asked once, its rows kept for them."""
    from .queries import run_sparql

    if not q.focus:
        return None
    prefixes = q.sparql[: q.sparql.index("SELECT")]
    values = " ".join(f"<{g}>" for g in graphs)
    listing = (f"{prefixes}SELECT DISTINCT ?entity WHERE {{ VALUES ?focusGraph {{ {values} }} "
               f"GRAPH ?focusGraph {{ {q.focus} }} }}")
    entities = {row["entity"] for row in run_sparql(store, listing).rows}
    if not entities:
        return []
    return [row for row in run_sparql(store, q.sparql).rows if row.get("entity") in entities]


def _query_violations(store: GraphStore, changed: list[str] | None) -> list[tuple[Violation, list[str]]]:
    """The ``*-violation`` queries, on the whole store or on ``changed`` graphs'
    entities; each violation with the graphs its entity's statements are in."""
    out = []
    for q in violation_queries():
        rows = violation_rows_in(store, q, changed) if changed is not None else None
        if rows is None:
            rows = q.run(store).rows
        out += _located(store, q, rows)
    return out


def _located(store: GraphStore, q: NamedQuery, rows: list[dict]) -> list[tuple[Violation, list[str]]]:
    """A violation query's rows as violations, each with the graphs its entity's statements are in."""
    out = []
    for row in rows:
        v = _query_violation(q, row)
        graphs = sorted({str(g) for *_, g in store.quads(URIRef(v.focus))}) if v.focus else []
        out.append((v, graphs))
    return out


def validate_store_sparql(store: GraphStore, incremental: bool = False, with_queries: bool = True
                          ) -> tuple[list[Violation], str]:
    """The shapes as SPARQL over the store (and, ``with_queries``, the
    ``*-violation`` queries): the violations and a note of what was checked. With ``incremental`` on an embedded store, only focus nodes
    typed in graphs written since the last validation are checked again (the
    store notes each graph it writes); the others keep their earlier result.
    Sound for these shapes because each one reads its focus node's own
    document, the vocabularies, or a follow-up graph that is rewritten
    whenever its authority's documents change."""
    from .shacl_sparql import compile_shapes, run_checks

    checks = compile_shapes(shapes_graph(), _vocabularies())
    names = {str(n) for n in store.graph_names()}
    state = SparqlValidationState.for_store(store) if incremental and with_queries else None
    if state is not None and state.usable() and len(state.changed & names) <= INCREMENTAL_MAX_GRAPHS:
        changed = sorted(state.changed & names)
        kept = [(v, gs) for v, gs in state.previous
                if gs and not set(gs) & state.changed and set(gs) <= names]
        found = _violations(store, run_checks(store, checks, changed)) if changed else []
        if changed and with_queries:
            found += _query_violations(store, changed)
        note = f"{len(changed)} graphs changed since the last validation, the others unchanged"
    else:
        found, workers = _whole_store(store, checks, with_queries)
        kept, note = [], "every graph" + (f", on {workers} worker processes" if workers > 1 else "")
    merged: dict[tuple, tuple[Violation, list[str]]] = {}
    for v, gs in [*kept, *found]:
        merged[(v.focus, v.constraint, v.path, v.value)] = (v, gs)
    result = sorted(merged.values(), key=lambda x: (x[0].graph, x[0].focus, x[0].constraint))
    if state is not None:
        state.save(result)
    return [v for v, _ in result], note


def _whole_store(store: GraphStore, checks: list, with_queries: bool,
                 ) -> tuple[list[tuple[Violation, list[str]]], int]:
    """Every check (and violation query) over the whole store. On an embedded
    on-disk store with more than one core, the checks are shared out among
    worker processes, each with its own read-only handle on the store: the
    store answers one query per thread of Python at a time (two threads gave
    no speed-up), and each check is independent. Returns the violations and how
    many processes ran them."""
    from .shacl_sparql import run_checks

    queries = violation_queries() if with_queries else []
    path = getattr(store, "path", None)
    workers = min(cores(), len(checks) + len(queries))
    # Workers take a shared lock on the store: only possible when this process holds a
    # shared (read-only) one, not the exclusive lock of a writer, which they would wait on.
    if path is None or not getattr(store, "read_only", False) or workers < 2:
        found = _violations(store, run_checks(store, checks))
        return found + (_query_violations(store, None) if with_queries else []), 1
    jobs = [(str(path), c.whole_store()) for c in checks] + [(str(path), q.sparql) for q in queries]
    with pool(workers, fresh=True) as executor:
        answers = list(executor.map(_rows_in_worker, jobs))
    check_rows = [(c, row["this"], row.get("value")) for c, rows in zip(checks, answers) for row in rows]
    out = _violations(store, check_rows)
    for q, rows in zip(queries, answers[len(checks):]):
        out += _located(store, q, rows)
    return out, workers


_worker_store: GraphStore | None = None


def _rows_in_worker(job: tuple[str, str]) -> list[dict[str, str]]:
    """Worker: a query's rows, terms as strings, on the worker's own read-only
    handle on the store (opened once per worker)."""
    from .queries import run_sparql
    from .store import Store

    global _worker_store
    path, sparql = job
    if _worker_store is None:
        _worker_store = Store(path, read_only=True)
    return [{k: str(v) for k, v in row.items()} for row in run_sparql(_worker_store, sparql).rows]


def _violations(store: GraphStore, found: list) -> list[tuple[Violation, list[str]]]:
    out = []
    for check, focus, value in found:
        graphs = sorted({str(g) for _, _, _, g in store.quads(URIRef(focus), RDF.type)})
        out.append((Violation(graph=graphs[0] if graphs else "store", focus=focus,
                              constraint=check.constraint, path=check.path, value=value,
                              message=check.message), graphs))
    return out


class SparqlValidationState:
    """What the last SPARQL validation of an embedded store found, by the
    graphs its focus nodes are typed in, and the graphs written since (the
    store's change journal). Usable only when both exist and the shapes are
    unchanged; otherwise the whole store is validated again."""

    def __init__(self, journal: Path, cache: Path):
        self.journal, self.cache = journal, cache
        self.changed: set[str] = set()
        self.previous: list[tuple[Violation, list[str]]] = []
        self._usable = False
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if data.get("rules") == _rules_digest() and journal.exists():
                self.previous = [(Violation(**v), gs) for v, gs in data["violations"]]
                self.changed = set(journal.read_text(encoding="utf-8").split())
                self._usable = True
        except (OSError, ValueError, KeyError, TypeError):
            pass

    @classmethod
    def for_store(cls, store: GraphStore) -> SparqlValidationState | None:
        journal = getattr(store, "journal", None)
        if journal is None:
            return None
        return cls(journal, journal.parent / "inspectkg-validation-sparql.json")

    def usable(self) -> bool:
        return self._usable

    def save(self, result: list[tuple[Violation, list[str]]]) -> None:
        """The result first, then the journal cleared: a crash in between only
        means checking those graphs again."""
        try:
            tmp = self.cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"rules": _rules_digest(),
                                       "violations": [[asdict(v), gs] for v, gs in result]}),
                           encoding="utf-8")
            os.replace(tmp, self.cache)
            with open(self.journal, "w", encoding="utf-8"):
                pass
        except OSError:
            pass  # not writable: the next validation checks everything


class ValidationCache:
    """The SHACL result of each graph, keyed by a digest of what was validated
    (the graph, its context, the shapes and vocabularies), kept in a JSON file:
    beside an embedded store, else under the user's cache directory. A changed
    graph, context or shape set gives a new digest, so a stale result is never
    reused. Written atomically (temporary file + rename)."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, dict] = {}
        self.used: dict[str, dict] = {}
        self._digests: dict[str, str] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("rules") == _rules_digest():
                self.entries = data.get("graphs", {})
        except (OSError, ValueError, AttributeError):
            pass  # no usable cache: validate everything

    @classmethod
    def for_store(cls, store: GraphStore) -> ValidationCache:
        directory = getattr(store, "path", None)
        if directory is None:
            base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "inspectkg"
            key = hashlib.sha256(store.location.encode()).hexdigest()[:16]
            return cls(base / f"validation-{key}.json")
        return cls(Path(directory) / "inspectkg-validation.json")

    def _digest(self, job: Job) -> str:
        """Computed once per graph and run: get() then put() for a changed graph."""
        name = job[2]
        if name not in self._digests:
            self._digests[name] = self._compute_digest(job)
        return self._digests[name]

    @staticmethod
    def _compute_digest(job: Job) -> str:
        data_nt, context_nt, name, own_only = job
        h = hashlib.sha256()
        for part in (name, str(own_only), *sorted(data_nt.splitlines()), "--", *sorted(context_nt.splitlines())):
            h.update(part.encode())
            h.update(b"\n")
        return h.hexdigest()

    def get(self, job: Job) -> list[Violation] | None:
        entry = self.entries.get(job[2])
        if entry is None or entry.get("digest") != self._digest(job):
            return None
        self.used[job[2]] = entry
        return [Violation(**v) for v in entry["violations"]]

    def put(self, job: Job, violations: list[Violation]) -> None:
        self.used[job[2]] = {"digest": self._digest(job), "violations": [asdict(v) for v in violations]}

    def save(self, keep: list[URIRef]) -> None:
        graphs = {str(n): self.used[str(n)] for n in keep if str(n) in self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"rules": _rules_digest(), "graphs": graphs}), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time next run


@lru_cache(maxsize=1)
def _rules_digest() -> str:
    """Shapes, vocabularies and the validator's version: a change to any voids the cache."""
    import pyshacl

    h = hashlib.sha256(resources.shapes_file().read_bytes())
    for f in resources.ontology_files():
        h.update(f.read_bytes())
    for q in violation_queries():
        h.update(q.sparql.encode())
    h.update(pyshacl.__version__.encode())
    return h.hexdigest()
