"""Incremental validation: only graphs changed since the last run are validated
again, and a changed graph is never judged by its old result."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from inspectkg.graph.build import build
from inspectkg.graph.namespace import IKG
from inspectkg.graph.store import Store
from inspectkg.graph.validate import validate_store

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "hertfordshire"
NATIONAL = Path(__file__).parent / "data" / "national"


@pytest.fixture
def sample_folder(tmp_path: Path) -> Path:
    """A copy of the bundled sample, so that builds read only these files."""
    folder = tmp_path / "in"
    folder.mkdir()
    for f in SAMPLE.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    return folder


def fresh_count(report) -> tuple[int, int]:
    line = next(c for c in report.checks if c.startswith("SHACL"))
    now, unchanged = re.search(r"\((\d+) validated now, (\d+) unchanged", line).groups()
    return int(now), int(unchanged)


def test_only_changed_graphs_are_validated_again(tmp_path, sample_folder):
    with Store(tmp_path / "store") as store:
        build([sample_folder], store)
        first = validate_store(store, engine="pyshacl")
        assert first.conforms
        total = sum(fresh_count(first))
        assert fresh_count(first) == (total, 0)

        again = validate_store(store, engine="pyshacl")
        assert fresh_count(again) == (0, total)
        assert again.violations == first.violations

        # One more document, of another authority: only its graph is new.
        build([NATIONAL / "coventry-22abfa566c.pdf"], store)
        third = validate_store(store, engine="pyshacl")
        assert fresh_count(third) == (1, total)
        assert third.conforms

        # Break one stored document: its graph changed, so it is validated again and fails.
        doc = next(d for d in store.graph_names() if "/document/" in str(d))
        graph = store.graph(doc)
        graph.remove((doc, IKG.textLength, None))  # required exactly once on a document
        store.replace_graph(doc, graph)
        broken = validate_store(store, engine="pyshacl")
        assert fresh_count(broken)[0] == 1
        assert not broken.conforms

        # --full validates everything regardless of the cache.
        full = validate_store(store, incremental=False, engine="pyshacl")
        assert fresh_count(full) == (total + 1, 0)
        assert {v.focus for v in full.violations} == {v.focus for v in broken.violations}


def sparql_note(report) -> str:
    return next(c for c in report.checks if c.startswith("SHACL shapes as SPARQL"))


def test_sparql_engine_checks_only_graphs_written_since_the_last_validation(tmp_path, sample_folder):
    with Store(tmp_path / "store") as store:
        build([sample_folder], store)
        first = validate_store(store)
        assert first.conforms and "(every graph)" in sparql_note(first)
        again = validate_store(store)
        assert "(0 graphs changed" in sparql_note(again) and again.conforms

        build([NATIONAL / "coventry-22abfa566c.pdf"], store)  # the vocabularies and reference data are unchanged: not rewritten
        third = validate_store(store)
        assert "(1 graphs changed" in sparql_note(third) and third.conforms

        doc = next(d for d in store.graph_names() if "/document/E10000015/" in str(d))
        graph = store.graph(doc)
        graph.remove((doc, IKG.textLength, None))
        store.replace_graph(doc, graph)
        broken = validate_store(store)
        assert "(1 graphs changed" in sparql_note(broken)
        assert {(v.focus, v.constraint) for v in broken.violations} == {
            (str(doc), "DocumentShape/MinCountConstraintComponent")}
        # Unchanged since: the violation is remembered, not lost.
        remembered = validate_store(store)
        assert "(0 graphs changed" in sparql_note(remembered)
        assert remembered.violations == broken.violations
        full = validate_store(store, incremental=False)
        assert "(every graph)" in sparql_note(full) and full.violations == broken.violations


def test_sparql_engine_runs_the_violation_queries_on_changed_graphs_and_remembers_the_rest(
        tmp_path, sample_folder):
    """A quote that no longer matches its paragraph (evidence-quote-mismatch-violation)
    is found when its graph is written, and still reported on later runs that
    only look at other graphs."""
    from rdflib import Literal
    from rdflib.namespace import Namespace

    oa = Namespace("http://www.w3.org/ns/oa#")
    with Store(tmp_path / "store") as store:
        build([sample_folder], store)
        assert validate_store(store).conforms
        doc = next(d for d in store.graph_names() if "/document/E10000015/" in str(d))
        graph = store.graph(doc)
        selector, quote = next(iter(graph.subject_objects(oa.exact)))
        graph.set((selector, oa.exact, Literal("words the paragraph never said")))
        store.replace_graph(doc, graph)
        broken = validate_store(store)
        assert "(1 graphs changed" in sparql_note(broken)
        mismatch = [v for v in broken.violations if v.constraint == "evidence-quote-mismatch-violation"]
        assert [v.value for v in mismatch] == ["words the paragraph never said"]
        # Asked of another graph's entities only, the query does not see it.
        from inspectkg.graph.queries import find_query
        from inspectkg.graph.validate import violation_rows_in

        q = find_query("evidence-quote-mismatch-violation")
        other = next(d for d in store.graph_names() if "/document/E10000015/" in str(d) and d != doc)
        assert len(violation_rows_in(store, q, [str(doc)]) or []) == 1
        assert violation_rows_in(store, q, [str(other)]) == []

        build([NATIONAL / "coventry-22abfa566c.pdf"], store)
        later = validate_store(store)
        assert "(1 graphs changed" in sparql_note(later)
        assert later.violations == broken.violations
        assert validate_store(store, incremental=False).violations == broken.violations


def test_many_changed_graphs_are_checked_as_a_whole_store(tmp_path, sample_folder, monkeypatch):
    """Past INCREMENTAL_MAX_GRAPHS changed graphs the whole store is checked
    (cheaper than checks restricted to that many graphs), with the same result."""
    from inspectkg.graph import validate

    with Store(tmp_path / "store") as store:
        build([sample_folder], store)
        assert validate_store(store).conforms
        build([NATIONAL / "coventry-22abfa566c.pdf"], store)
        monkeypatch.setattr(validate, "INCREMENTAL_MAX_GRAPHS", 0)
        report = validate_store(store)
        assert "(every graph)" in sparql_note(report) and report.conforms
        assert "(0 graphs changed" in sparql_note(validate_store(store))


def test_whole_store_checks_on_worker_processes_find_what_one_process_finds(tmp_path, sample_folder,
                                                                           monkeypatch):
    """A read-only store is validated on worker processes, each with its own
    handle; the violations must be those one process finds."""
    from rdflib import Literal, Namespace

    oa = Namespace("http://www.w3.org/ns/oa#")
    path = tmp_path / "store"
    with Store(path) as store:
        build([sample_folder], store)
        doc = next(d for d in store.graph_names() if "/document/" in str(d))
        graph = store.graph(doc)
        graph.remove((doc, IKG.textLength, None))  # a shape violation
        quote = next(graph.subjects(oa.exact, None))
        graph.set((quote, oa.exact, Literal("not what the paragraph says")))  # a violation query's
        store.replace_graph(doc, graph)
        one = validate_store(store, incremental=False)
    monkeypatch.setenv("INSPECTKG_WORKERS", "2")
    with Store(path, read_only=True) as store:
        several = validate_store(store, incremental=False)
    assert "on 2 worker processes" in several.checks[0]
    assert "worker" not in one.checks[0]
    constraints = {v.constraint for v in one.violations}
    assert "evidence-quote-mismatch-violation" in constraints
    assert any(c.startswith("DocumentShape") for c in constraints)
    assert several.violations == one.violations


def test_followup_from_an_earlier_document_is_reported_whole_and_by_graph(tmp_path, sample_folder):
    """followup-not-later-violation: an assessment whose document is not later than the point
    (here the point's own document) is reported by the whole-store query and when only its
    follow-up graph is asked about, and not when another graph is."""
    from inspectkg.followup.trace import run_followup
    from inspectkg.graph.queries import find_query, run_sparql
    from inspectkg.graph.validate import violation_rows_in
    from rdflib import RDF

    with Store(tmp_path / "store") as store:
        build([sample_folder], store)
        run_followup(store)
        q = find_query("followup-not-later-violation")
        assert len(run_sparql(store, q.sparql)) == 0
        followup = next(g for g in store.graph_names() if "/followup/" in str(g))
        graph = store.graph(followup)
        assessment = next(graph.subjects(RDF.type, IKG.FollowUpAssessment))
        point = graph.value(assessment, IKG.assessedPoint)
        origin = next(o for _, _, o, _ in store.quads(point, IKG.raisedIn, None))
        graph.set((assessment, IKG.assessedBy, origin))
        store.replace_graph(followup, graph)
        rows = run_sparql(store, q.sparql).rows
        assert [(r["entity"], r["value"]) for r in rows] == [(assessment, origin)]
        assert len(violation_rows_in(store, q, [str(followup)]) or []) == 1
        other = next(d for d in store.graph_names() if "/document/E10000015/" in str(d))
        assert violation_rows_in(store, q, [str(other)]) == []
        assert not validate_store(store).conforms


def test_followup_by_another_authoritys_document_is_reported(tmp_path, sample_folder):
    """followup-not-later-violation compares authorities as terms (sameTerm): a later document
    that is about another authority is reported, the same authority's is not."""
    from inspectkg.followup.trace import run_followup
    from inspectkg.graph.queries import find_query, run_sparql
    from rdflib import RDF, URIRef

    with Store(tmp_path / "store") as store:
        build([sample_folder], store)
        run_followup(store)
        q = find_query("followup-not-later-violation")
        followup = next(g for g in store.graph_names() if "/followup/" in str(g))
        assessment = next(store.graph(followup).subjects(RDF.type, IKG.FollowUpAssessment))
        later = next(o for _, _, o, _ in store.quads(assessment, IKG.assessedBy, None))
        document = store.graph(later)
        document.set((later, IKG.aboutAuthority, URIRef("https://w3id.org/inspectkg/id/authority/E10000016")))
        store.replace_graph(later, document)
        rows = run_sparql(store, q.sparql).rows
        assert (assessment, later) in [(r["entity"], r["value"]) for r in rows]
