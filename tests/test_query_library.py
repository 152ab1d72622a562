"""Every named query: parses with a strict parser and gives the same answers on
Oxigraph (the store) and on rdflib's in-memory engine, on the traced sample."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from inspectkg.cli import main
from inspectkg.graph.engines import result_set, run_rdflib, store_to_dataset
from inspectkg.graph.queries import library
from inspectkg.graph.store import Store
from rdflib.plugins.sparql import prepareQuery

QUERIES = list(library())
EXPECTED_QUERIES = 12
# Rows each query gives on the traced bundled sample with its example parameters.
EXPECTED_ROWS = {
    "documents": 5, "grade-history": 12, "improvement-points": 21, "grade-changes": 5,
    "open-points": 11, "point-trail": 10, "recurrences": 0, "regressions": 7,
    "resolution-time-by-theme": 15, "evidence-quote-mismatch-violation": 0,
    "fact-without-evidence-violation": 0, "followup-not-later-violation": 0,
}


def test_the_library_is_counted():
    """Found by glob: a query that silently fails to load would change this count."""
    assert len(QUERIES) == EXPECTED_QUERIES


@pytest.fixture(scope="module")
def engines(sample_store_path):
    assert CliRunner().invoke(main, ["--store", str(sample_store_path), "trace"]).exit_code == 0
    store = Store(sample_store_path, read_only=True)
    yield store, store_to_dataset(store)
    store.close()


def _example_values(q):
    return {p.name: p.example for p in q.params if not p.optional}


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_parses_strictly(query):
    prepareQuery(query.sparql)
    assert query.title and query.columns, f"{query.name}: header needs a question and its columns"


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_same_answers_on_both_engines(engines, query):
    store, dataset = engines
    values = _example_values(query)
    on_store = query.run(store, values)
    on_rdflib = run_rdflib(dataset, query.sparql, query.bind(values))
    assert result_set(on_store) == result_set(on_rdflib)
    assert len(on_store.rows) == EXPECTED_ROWS[query.name]
