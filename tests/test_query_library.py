"""Every named query: parses with a strict parser and gives the same answers on
Oxigraph (the store) and on rdflib's in-memory engine, on the traced sample."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from inspectkg.cli import main
from inspectkg.graph.engines import result_set, run_rdflib, store_to_dataset
from inspectkg.graph.queries import QueryResult, library
from inspectkg.graph.results import to_json
from inspectkg.graph.store import Store
from rdflib import BNode, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.sparql import prepareQuery

QUERIES = list(library())
GOLDEN = Path(__file__).parent / "expected"
EXPECTED_QUERIES = 26
# Rows (triples, for CONSTRUCT) each query gives on the traced bundled sample
# with its example parameters.
EXPECTED_ROWS = {
    "authority-subgraph": 8284, "cited-inspections-missing": 4, "contradicted-claims": 1,
    "document-coverage": 17, "documents": 5, "grade-claims": 2, "evidence-quote-mismatch-violation": 0,
    "fact-without-evidence-violation": 0, "followup-not-later-violation": 0, "grade-changes": 5,
    "grade-history": 12, "improvement-points": 21, "inspectors": 4, "judgement-paragraphs": 20,
    "low-confidence-verdicts": 24,
    "open-points": 9, "point-trail": 2, "points-by-theme-and-status": 35, "recurrences": 0,
    "recurring-themes": 4, "regressions": 6, "resolution-time-by-area": 2,
    "resolution-time-by-theme": 18, "review-queue-by-authority": 1, "statistical-neighbours": 11, "themes-across-authorities": 31,
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


def query_form(q) -> str:
    body = "\n".join(line for line in q.sparql.splitlines() if not line.lstrip().startswith("#"))
    return re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", body, re.I).group(1).upper()


def _example_values(q):
    return {p.name: p.example for p in q.params if not p.optional}


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_parses_strictly(query):
    prepareQuery(query.sparql)
    body = "\n".join(line for line in query.sparql.splitlines() if not line.lstrip().startswith("#"))
    is_select = re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", body, re.I).group(1).upper() == "SELECT"
    assert query.title and (query.columns or not is_select), f"{query.name}: header needs a question and its columns"


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_same_answers_on_both_engines(engines, query):
    store, dataset = engines
    values = _example_values(query)
    on_store = query.run(store, values)
    on_rdflib = run_rdflib(dataset, query.sparql, query.bind(values))
    if on_store.graph is not None:
        assert isomorphic(on_store.graph, on_rdflib.graph)
        assert len(on_store.graph) == EXPECTED_ROWS[query.name]
        return
    assert result_set(on_store) == result_set(on_rdflib)
    golden = GOLDEN / f"{query.name}.json"
    if os.environ.get("INSPECTKG_UPDATE_GOLDEN"):
        golden.write_text(to_json(on_store.variables, on_store.rows), encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert result_set(on_store) == result_set(from_json(expected)), f"{query.name} differs from {golden.name}"
    assert len(on_store.rows) == EXPECTED_ROWS[query.name]


def from_json(data: dict) -> QueryResult:
    """SPARQL 1.1 results JSON back to rows of rdflib terms."""
    rows = []
    for binding in data["results"]["bindings"]:
        row = {}
        for name, value in binding.items():
            if value["type"] == "uri":
                row[name] = URIRef(value["value"])
            elif value["type"] == "bnode":
                row[name] = BNode(value["value"])
            else:
                row[name] = Literal(value["value"], lang=value.get("xml:lang"),
                                    datatype=URIRef(value["datatype"]) if "datatype" in value else None)
        rows.append(row)
    return QueryResult(data["head"]["vars"], rows)


def test_every_select_query_has_a_golden_file():
    selects = {q.name for q in QUERIES if query_form(q) == "SELECT"}
    assert {p.stem for p in GOLDEN.glob("*.json")} >= selects


@pytest.mark.parametrize("query_name,param,evil", [
    ("documents", "authority", 'Hertfordshire" } ; DROP ALL ; #'),
    ("point-trail", "point", "<http://evil> . ?s ?p ?o"),
    ("point-trail", "point", 'http://x/"} DROP ALL {'),
])
def test_parameters_carrying_sparql_are_refused(engines, query_name, param, evil):
    from inspectkg.graph.queries import QueryError, find_query

    store, _ = engines
    before = len(store)
    with pytest.raises(QueryError, match=f"--param {param}="):
        find_query(query_name).run(store, {param: evil})
    assert len(store) == before


def test_string_parameter_with_sparql_is_only_an_odd_value(engines, tmp_path):
    from inspectkg.graph.queries import parse_header

    store, _ = engines
    q = parse_header("t", "# Points with this text\n# @param text string x - text\n"
                          "PREFIX ikg: <https://w3id.org/inspectkg/ontology#>\n"
                          "SELECT ?p ?text WHERE { ?p ikg:text ?text }")
    before = len(store)
    assert q.run(store, {"text": '" } ; DROP ALL ; SELECT * { "'}).rows == []
    assert len(store) == before


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_construct_output_parses_to_the_graph_the_query_built(engines, sample_store_path, fmt):
    """CONSTRUCT answers are written by the engine (Turtle, N-Triples, JSON-LD), not
    through an rdflib Graph: what a user reads back is the same graph. (Read back
    with Oxigraph: rdflib tells "x" from "x"^^xsd:string, which RDF 1.1 does not.)"""
    import pyoxigraph as ox

    store, _ = engines
    q = next(q for q in QUERIES if q.name == "authority-subgraph")
    values = _example_values(q)
    result = CliRunner().invoke(main, ["--store", str(sample_store_path), "query", q.name, "--format", fmt,
                                       *[f"--param={k}={v}" for k, v in values.items()]])
    assert result.exit_code == 0, result.output
    rdf_format = {"table": ox.RdfFormat.TURTLE, "csv": ox.RdfFormat.N_TRIPLES, "json": ox.RdfFormat.JSON_LD}[fmt]
    printed = {quad.triple for quad in ox.parse(result.output.encode("utf-8"), format=rdf_format)}
    built = set(store.query(q.sparql, q.bind(values)))
    assert len(printed) == EXPECTED_ROWS[q.name]
    assert printed == built


def test_the_confidence_threshold_is_read_by_both_engines(engines):
    """The review queue and its national summary test their threshold in a BIND beside the
    parameter, not in a FILTER: a threshold the query did not see would list the default's rows
    whatever it is."""
    from inspectkg.graph.queries import find_query

    store, dataset = engines
    queue, summary = find_query("low-confidence-verdicts"), find_query("review-queue-by-authority")
    counts, verdicts = {}, {}
    for percent in ("50", "75"):
        values = {"authority": "Hertfordshire", "percent": percent}
        on_store = queue.run(store, values)
        assert result_set(on_store) == result_set(run_rdflib(dataset, queue.sparql, queue.bind(values)))
        assert all(float(r["confidence"]) * 100 < int(percent) for r in on_store.rows)
        counts[percent] = len(on_store.rows)
        national = summary.run(store, {"percent": percent})
        assert result_set(national) == result_set(
            run_rdflib(dataset, summary.sparql, summary.bind({"percent": percent})))
        verdicts[percent] = int(national.rows[0]["verdicts"])
        # The summary counts the verdicts the queue lists (a verdict is a row per quote there).
        assert verdicts[percent] == len({r["assessment"] for r in on_store.rows})
        assert int(national.rows[0]["settling"]) == len(
            {r["assessment"] for r in on_store.rows if r["settlesStatus"] == Literal(True)})
    assert counts["75"] > counts["50"] == EXPECTED_ROWS["low-confidence-verdicts"]
    assert verdicts["75"] > verdicts["50"]


# The columns each query sorts by before a point, and the point's column.
POINT_ORDER = {
    "low-confidence-verdicts": (["settlesStatus", "confidence", "authorityName"], "point"),
    "regressions": (["authorityName", "raisedDate"], "point"),
    "recurrences": (["authorityName", "earlierDate"], "earlierPoint"),
    "contradicted-claims": (["authorityName", "claimDate", "claim"], "point"),
}


def _points_out_of_number_order(rows, keys, column, ordinal):
    """Adjacent rows with the same sort keys before `column` and points of one document whose
    numbers go down: what sorting point IRIs as text does (".../point/10" before ".../point/2")."""
    out = []
    for a, b in zip(rows, rows[1:]):
        if column in a and column in b and all(a.get(k) == b.get(k) for k in keys):
            (doc_a, n_a), (doc_b, n_b) = ordinal[a[column]], ordinal[b[column]]
            if doc_a == doc_b and n_a > n_b:
                out.append((a[column], b[column]))
    return out


def test_points_are_listed_by_their_number_not_their_iri(sample_store_path, tmp_path):
    """Lists of points sort them by their number in their document: point 2 before point 10.
    Regressions and recurrences of points 2 and 10 of one document are added to a copy of the
    traced sample; low-confidence-verdicts lists such points on the sample as it is."""
    import shutil

    from inspectkg.graph.mapping import add_evidence
    from inspectkg.graph.namespace import IKG
    from inspectkg.graph.queries import find_query
    from rdflib import Graph

    assert CliRunner().invoke(main, ["--store", str(sample_store_path), "trace"]).exit_code == 0
    path = tmp_path / "store"
    shutil.copytree(sample_store_path, path, ignore=shutil.ignore_patterns("*.lock"))
    with Store(path) as store:
        ordinal = {row["point"]: (row["document"], int(row["ordinal"])) for row in store_rows(store, """
            PREFIX ikg: <https://w3id.org/inspectkg/ontology#>
            SELECT ?point ?document ?ordinal WHERE { ?point ikg:raisedIn ?document ; ikg:ordinal ?ordinal }""")}
        by_place = {place: point for point, place in ordinal.items()}
        document = next(d for (d, n) in by_place if n == 10 and (d, 2) in by_place)
        two, ten = by_place[(document, 2)], by_place[(document, 10)]
        later = next(p for p, (d, _) in ordinal.items() if d != document)
        praise = store_rows(store, f"""
            PREFIX ikg: <https://w3id.org/inspectkg/ontology#>
            SELECT ?paragraph ?d ?t ?start WHERE {{ ?paragraph ikg:inDocument ?d ; ikg:text ?t ;
                ikg:startOffset ?start . FILTER (?d != <{document}>) }} LIMIT 1""")[0]
        links = Graph()
        for point in (ten, two):
            links.add((point, IKG.regressionOf, praise["paragraph"]))
            start = int(praise["start"])
            add_evidence(links, point, URIRef(f"{point}/regression/1"), praise["d"], praise["paragraph"],
                         start, start + len(praise["t"]), str(praise["t"]), link=IKG.regressionEvidence)
            links.add((later, IKG.recurrenceOf, point))
        store.replace_graph(URIRef("urn:inspectkg:test:links"), links)
        dataset = store_to_dataset(store)
        for name, (keys, column) in POINT_ORDER.items():
            q = find_query(name)
            for params in ({"authority": "Hertfordshire"}, {"authority": "Hertfordshire", "percent": "75"}) \
                    if name == "low-confidence-verdicts" else ({},):
                for rows in (q.run(store, params).rows, run_rdflib(dataset, q.sparql, q.bind(params)).rows):
                    assert _points_out_of_number_order(rows, keys, column, ordinal) == [], name
        regressions = [r["point"] for r in find_query("regressions").run(store, {}).rows]
        assert regressions.index(two) < regressions.index(ten)
        recurrences = [r["earlierPoint"] for r in find_query("recurrences").run(store, {}).rows]
        assert recurrences.index(two) < recurrences.index(ten)
        # The sample's own queue has points of one document either side of point 10.
        queue = find_query("low-confidence-verdicts").run(store, {"authority": "Hertfordshire", "percent": "75"}).rows
        assert any(ordinal[r["point"]][1] >= 10 for r in queue) and any(ordinal[r["point"]][1] < 10 for r in queue)


def store_rows(store, sparql):
    from inspectkg.graph.queries import run_sparql

    return run_sparql(store, sparql).rows


SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "hertfordshire"


def sample_inputs(tmp_path: Path) -> Path:
    """A folder holding the bundled sample, to add documents to."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for f in SAMPLE.iterdir():
        (inputs / f.name).write_bytes(f.read_bytes())
    return inputs


def built_and_asked(inputs: Path, store_dir: Path, name: str) -> QueryResult:
    """Build ``inputs`` into ``store_dir``, run the named query there, and check that rdflib
    gives the same answers."""
    built = CliRunner().invoke(main, ["--store", str(store_dir), "build", str(inputs)])
    assert built.exit_code == 0, built.output
    query = next(q for q in QUERIES if q.name == name)
    store = Store(store_dir, read_only=True)
    try:
        on_store = query.run(store, {})
        assert result_set(on_store) == result_set(run_rdflib(store_to_dataset(store), query.sparql, query.bind({})))
    finally:
        store.close()
    return on_store


def test_a_grade_claim_is_set_beside_the_inspection_it_reports(tmp_path):
    """A press release a few weeks after the 2023 inspection: "rated outstanding, up from good"
    matches its overall grade; "care leavers were rated good" does not. The sample's 2018 release
    has no graded inspection stored in the six months before it (the 2018 inspection is not in
    the sample): its inspection columns stay empty. Both engines agree."""
    release = (SAMPLE / "004_6eb892215e4cceed.txt").read_text(encoding="utf-8")
    later = release.replace("Published: 19 Nov 2018", "Published: 10 Mar 2023").replace(
        "The county council’s children’s social care services received a rating of “outstanding” for the "
        "impact of leaders on its social working practices, with the overall effectiveness of the service "
        "rated as “good”.",
        "Children’s services in the county have been rated “outstanding” by Ofsted, up from “good”. "
        "Services for care leavers were rated “good”.")
    assert later.count("2023") >= 1 and "up from “good”" in later
    inputs = sample_inputs(tmp_path)
    (inputs / "release-2023.txt").write_text(later, encoding="utf-8")
    on_store = built_and_asked(inputs, tmp_path / "store", "grade-claims")
    rows = [{k: str(v) for k, v in r.items()} for r in on_store.rows if str(r["claimDate"]).startswith("2023")]
    by_grade = {r["claimedGrade"]: r for r in rows}
    assert set(by_grade) == {"outstanding", "good"}
    for r in rows:
        assert r["inspectionDate"] == "2023-01-23" and r["inspectionKind"] == "ilacs-inspection"
        assert r["overallGrade"] == "outstanding"
    assert by_grade["outstanding"]["matchesOverall"] == "true" and by_grade["good"]["matchesOverall"] == "false"
    earlier = [r for r in on_store.rows if str(r["claimDate"]).startswith("2018")]
    assert earlier and all("inspectionDate" not in r and "matchesOverall" not in r for r in earlier)


def test_a_citation_dated_roughly_matches_a_stored_inspection_a_year_either_side(tmp_path):
    """The 2023 report cites "the previous inspection four years ago" (2019 by arithmetic; it was
    in October 2018). Listed as missing while the store lacks it; once an inspection of 2018 is
    stored, it is not. Both engines agree."""
    report_2023 = (SAMPLE / "000_84b2414e8e56ad30.txt").read_text(encoding="utf-8")
    assert "Since the previous inspection four years ago" in report_2023
    report_2018 = report_2023.replace("Inspection dates: 23 to 27 January 2023",
                                      "Inspection dates: 15 to 19 October 2018").replace("copyright 2023", "copyright 2018")
    inputs = sample_inputs(tmp_path)

    def missing_years() -> list[str]:
        on_store = built_and_asked(inputs, tmp_path / "store", "cited-inspections-missing")
        return sorted(str(r["citedDate"]) for r in on_store.rows if str(r["citingDate"]) == "2023-01-23")

    assert missing_years() == ["2019"]
    (inputs / "ilacs-2018.txt").write_text(report_2018, encoding="utf-8")
    assert missing_years() == []


def test_a_citation_matches_a_stored_inspection_by_its_publication_too(tmp_path):
    """A report that dates the inspection it cites by its report's publication ("published in
    November 2015"): the sample's 2015 inspection, fieldwork from September, report published 27
    November 2015, is that inspection, so the citation is not listed as missing. Both engines
    agree."""
    inputs = sample_inputs(tmp_path)
    report_2023 = inputs / "000_84b2414e8e56ad30.txt"
    text = report_2023.read_text(encoding="utf-8")
    opening = "Since the previous inspection four years ago"
    assert opening in text
    report_2023.write_text(text.replace(opening, "Recommendations from the previous inspection of the local "
                                        "authority’s children’s services published in November 2015 have "
                                        "been acted on. " + opening, 1), encoding="utf-8")
    on_store = built_and_asked(inputs, tmp_path / "store", "cited-inspections-missing")
    cited_2023 = {str(r["citedDate"]) for r in on_store.rows if str(r["citingDate"]) == "2023-01-23"}
    assert cited_2023 == {"2019"}  # the roughly dated one; not 2015-11
    store = Store(tmp_path / "store", read_only=True)
    try:
        dates = {r["date"].value for r in store.query(
            "PREFIX ikg: <https://w3id.org/inspectkg/ontology#> "
            "SELECT ?date WHERE { ?c ikg:citedIn ?d ; ikg:citedDate ?date . "
            "FILTER (STRENDS(STR(?d), '/2023-01-23')) }")}
    finally:
        store.close()
    assert dates == {"2015-11", "2019"}  # the citation is read, and then matched


def _order_dependent_chains(sparql: str) -> list[list[str]]:
    """The chains "a - b + c", "a / b * c" in ``sparql``: an operator after a "-" or "/" at the
    same level, whose value depends on reading the chain from the left."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    def walk(node):
        if isinstance(node, CompValue):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, (list, tuple, ParseResults)):
            for value in node:
                yield from walk(value)

    chains = []
    for node in walk(parseQuery(sparql)):
        if node.name in ("AdditiveExpression", "MultiplicativeExpression"):
            ops = node.get("op")
            ops = [ops] if isinstance(ops, str) else list(ops or [])
            if any(op in ("-", "/") for op in ops[:-1]):
                chains.append(ops)
    return chains


def test_no_query_depends_on_reading_arithmetic_from_the_left():
    """Oxigraph before 0.5.12 (an embedded store installed earlier, or a team's server) read
    "a - b + c" as "a - (b + c)" and "a / b * c" as "a / (b * c)": the quote check then found
    every quote two characters off. Such chains are bracketed, or ordered so that "-" comes last,
    in the library and in the compiled shapes, so any engine gives the same answers."""
    from inspectkg.graph.shacl_sparql import compile_shapes
    from inspectkg.graph.validate import _vocabularies, shapes_graph

    texts = {q.name: q.sparql for q in QUERIES}
    for check in compile_shapes(shapes_graph(), _vocabularies()):
        texts[f"shape {check.constraint}"] = check.sparql
        texts[f"shape {check.constraint} (whole store)"] = check.whole_store()
    assert _order_dependent_chains("SELECT (?a - ?b + 1 AS ?x) (?a / 2 * ?c AS ?y) (?a + ?b - 1 AS ?z) WHERE {}") == [
        ["-", "+"], ["/", "*"]]
    found = {name: chains for name, text in texts.items() if (chains := _order_dependent_chains(text))}
    assert found == {}
