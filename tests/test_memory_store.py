"""MemoryStore (rdflib's in-memory Dataset): the bundled sample built into it
holds and answers what the embedded store does; a changed document replaces
its graph whole; nothing persists. (SHACL validation of a store through the
GraphStore interface is tested on the remote store.)"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from inspectkg import resources
from inspectkg.cli import main
from inspectkg.followup.trace import run_followup
from inspectkg.graph.build import build
from inspectkg.graph.engines import result_set
from inspectkg.graph.memory_store import MemoryStore
from inspectkg.graph.namespace import IKG
from inspectkg.graph.queries import QueryError, run_sparql
from inspectkg.graph.store import Store, StoreError, open_store
from inspectkg.graph.summary import DocumentFilter, document_summaries, store_stats
from query_cases import EXPECTED_CASES, library_cases
from rdflib import URIRef
from rdflib.compare import isomorphic

SAMPLE = resources.sample_dir()
FOCUSED_VISIT = SAMPLE / "002_261c65e9d61313d6.txt"
ADDED = "This sentence was added to test a replacement."

CASES = library_cases()


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> Iterator[tuple[MemoryStore, Store]]:
    """The sample built and traced into memory and into the embedded store."""
    memory, embedded = MemoryStore(), Store(tmp_path_factory.mktemp("memory") / "embedded")
    for store in (memory, embedded):
        build([SAMPLE], store)
        run_followup(store)
    yield memory, embedded
    embedded.close()


def test_the_cases_are_counted():
    assert len(CASES) == EXPECTED_CASES


def test_memory_holds_what_the_embedded_store_holds(stores):
    memory, embedded = stores
    assert memory.graph_names() == embedded.graph_names()
    assert len(memory) == len(embedded) > 10_000
    assert set(memory.quads()) == set(embedded.quads())  # same terms: 0.60 kept as 0.6, strings typed
    doc = next(n for n in embedded.graph_names() if "/document/" in n)
    assert set(memory.quads(s=doc, g=doc)) == set(embedded.quads(s=doc, g=doc))
    assert memory.has_graph(doc) and not memory.has_graph(URIRef(f"{doc}/none"))
    assert memory.stored_hashes() == embedded.stored_hashes()


@pytest.mark.parametrize("fmt", ["nquads", "turtle"])
def test_dumps_hold_the_same_statements(stores, fmt):
    rdf_format = ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TURTLE
    dumped = []
    for store in stores:
        out = io.BytesIO()
        store.dump(out, fmt)
        dumped.append(set(ox.parse(out.getvalue(), format=rdf_format)))
    assert dumped[0] == dumped[1] and len(dumped[0]) > 10_000


@pytest.mark.parametrize("query,values", CASES,
                         ids=[f"{q.name}-{'+'.join(v) or 'none'}" for q, v in CASES])
def test_every_library_query_answers_as_on_the_embedded_store(stores, query, values):
    memory, embedded = stores
    bindings = query.bind(values)
    got, expected = run_sparql(memory, query.sparql, bindings), run_sparql(embedded, query.sparql, bindings)
    if expected.graph is not None:
        assert isomorphic(got.graph, expected.graph)
    else:
        assert result_set(got) == result_set(expected)


def test_summaries_and_stats_as_on_the_embedded_store(stores):
    """What `reports` and `stats` print is read by the summary's own queries, not the
    library's: rdflib must answer those as Oxigraph does too (a press release has no findings)."""
    memory, embedded = stores
    assert document_summaries(memory) == document_summaries(embedded)
    assert [d["findings"] for d in document_summaries(memory, DocumentFilter(kinds=frozenset({"press-release"})))] == [0]
    assert store_stats(memory) == store_stats(embedded)


def test_answers_are_pyoxigraph_results(stores):
    memory, _ = stores
    solutions = memory.query("SELECT ?d WHERE { ?d a <https://w3id.org/inspectkg/ontology#Document> }")
    assert [v.value for v in solutions.variables] == ["d"]
    assert all(isinstance(row["d"], ox.NamedNode) for row in solutions)
    triples = memory.query("CONSTRUCT { ?d a ?t } WHERE { ?d a ?t } LIMIT 3")
    assert len(triples) == 3 and all(isinstance(t, ox.Triple) for t in triples)
    assert memory.query("ASK { ?s ?p ?o }") is True
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        run_sparql(memory, "SELEC nothing")


def test_a_changed_document_replaces_its_graph_whole(tmp_path: Path):
    memory, embedded = MemoryStore(), Store(tmp_path / "embedded")
    src = tmp_path / "visit.txt"
    text = FOCUSED_VISIT.read_text(encoding="utf-8")
    src.write_text(text, encoding="utf-8")
    doc = URIRef(build([src], memory).outcomes[0].document)
    build([src], embedded)
    old_texts = {str(o) for _, _, o, _ in memory.quads(None, IKG.text, None, doc)}
    longest = max(text.splitlines(), key=len)
    src.write_text(text.replace(longest, f"{longest.rstrip()} {ADDED}", 1), encoding="utf-8")
    again = build([src], memory)
    build([src], embedded)
    assert [o.status for o in again.outcomes] == ["replaced"]
    new_texts = {str(o) for _, _, o, _ in memory.quads(None, IKG.text, None, doc)}
    assert any(ADDED in t for t in new_texts) and old_texts - new_texts
    assert set(memory.quads(g=doc)) == set(embedded.quads(g=doc))
    assert len(memory) == len(embedded)
    embedded.close()


def test_a_rejected_replacement_leaves_the_old_graph():
    memory = MemoryStore()
    name = URIRef("https://example.org/graph/doc")
    memory.replace_graph_ntriples(name, '<https://example.org/s> <https://example.org/p> "old" .\n')
    with pytest.raises(StoreError, match="cannot store graph https://example.org/graph/doc"):
        memory.replace_graph_ntriples(name, '<https://example.org/s> <https://example.org/p> "new .\n')
    assert [str(o) for o in memory.graph(name).objects()] == ["old"]
    memory.remove_graph(name)
    assert memory.graph_names() == [] and len(memory) == 0


def test_readers_see_a_replacement_whole():
    """Threads reading while another replaces a graph see the old or the new one."""
    memory = MemoryStore()
    name = URIRef("https://example.org/graph/doc")
    versions = ["".join(f'<https://example.org/s{i}> <https://example.org/p> "v{n}" .\n' for i in range(n))
                for n in (100, 150)]
    memory.replace_graph_ntriples(name, versions[0])
    seen: set[int] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.add(len(list(memory.quads(g=name))))

    reader = threading.Thread(target=read)
    reader.start()
    for i in range(20):
        memory.replace_graph_ntriples(name, versions[i % 2])
    done.set()
    reader.join()
    assert seen <= {100, 150}


def test_memory_on_the_command_line_keeps_nothing():
    assert isinstance(open_store("memory:"), MemoryStore)
    runner = CliRunner()
    built = runner.invoke(main, ["--store", "memory:", "build", str(FOCUSED_VISIT)])
    assert built.exit_code == 0 and "1 ingested" in built.output, built.output
    answered = runner.invoke(main, ["--store", "memory:", "query", "documents", "--format", "csv"])
    assert answered.exit_code == 0 and len(answered.output.strip().splitlines()) == 1  # the header only
