"""Exports read back by the tools' own readers: GraphML and GEXF by networkx,
DOT by Graphviz, JSON-LD by rdflib, the dumps by rdflib; on the bundled sample."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from browser import ensure_dot
from click.testing import CliRunner
from inspectkg.cli import main
from inspectkg.export.filters import make_filters
from inspectkg.export.run import build_view
from inspectkg.export.views import authority_view, trail_view
from inspectkg.graph.queries import find_query
from inspectkg.graph.store import from_ox, open_store
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

VIEWS = ["trail", "authority", "themes", "full"]
KEY_ATTRIBUTES = ["label", "type", "status", "date", "authority", "text", "number", "color"]
EDGE_ATTRIBUTES = ["relation", "label", "verdict", "confidence", "date"]


def plain(term):  # type: ignore[no-untyped-def]
    """xsd:string literals as simple literals: the same literal in RDF 1.1, and
    what a JSON string reads back as (rdflib tells the two apart)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def export(store: Path, tmp_path: Path, *args: str, name: str = "out") -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(main, ["--store", str(store), "export", *args, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 0
    return out


def view_graph(store: Path, view: str, **filters: tuple[str, ...]) -> nx.MultiDiGraph:
    with open_store(store, read_only=True) as s:
        return build_view(s, view, make_filters(**filters))  # type: ignore[arg-type]


@pytest.fixture(scope="module", params=VIEWS)
def view(request: pytest.FixtureRequest, sample_store_path: Path) -> tuple[str, nx.MultiDiGraph]:
    return request.param, view_graph(sample_store_path, request.param)


def edge_set(g: nx.Graph) -> set[tuple[str, str, str]]:
    """(source, target, edge id): readers keep the id as the multigraph key or as an attribute."""
    if g.is_multigraph():
        return {(u, v, str(a.get("id", k))) for u, v, k, a in g.edges(keys=True, data=True)}
    return {(u, v, str(a.get("id"))) for u, v, a in g.edges(data=True)}


def test_views_are_not_empty_and_attributes_are_scalars(view: tuple[str, nx.MultiDiGraph]) -> None:
    name, g = view
    assert g.number_of_nodes() > 20 and g.number_of_edges() > 20, name
    for _, attrs in list(g.nodes(data=True)) + [(None, a) for _, _, a in g.edges(data=True)]:
        for k, v in attrs.items():
            assert isinstance(v, str | int | float), (name, k, v)
    assert all(str(n).startswith("https://w3id.org/inspectkg/") or name == "full" for n in g.nodes)


def test_trail_view_agrees_with_the_point_trail_query(sample_store_path: Path) -> None:
    """Each point's verdict edges and quotes are what the named point-trail query says
    (the sample has no curations, which the view puts in place of the verdicts they correct)."""
    g = view_graph(sample_store_path, "trail")
    points = sorted(n for n, a in g.nodes(data=True) if a["type"] == "point")
    assert len(points) == 21
    with open_store(sample_store_path, read_only=True) as s:
        for point in points:
            rows = find_query("point-trail").run(s, {"point": point}).rows
            expected = {(str(r["laterDate"]), str(r["verdict"])) for r in rows}
            quotes = {str(r["quote"]) for r in rows if r.get("quote") is not None}
            got = {(g.nodes[v]["date"], a["verdict"]) for _, v, a in g.out_edges(point, data=True)
                   if a["relation"] == "assessed by"}
            assert got == expected, point
            assert {a["quote"] for _, _, a in g.out_edges(point, data=True) if a["relation"] == "evidence"} == quotes


def test_trail_view_regressions_carry_the_praising_sentence(sample_store_path: Path) -> None:
    """A "regression of" edge goes to the praising paragraph and carries the sentence that
    praised the matter, with its offsets: what the named regressions query gives."""
    g = view_graph(sample_store_path, "trail")
    got = {(u, v, a["quote"]) for u, v, a in g.edges(data=True) if a["relation"] == "regression of"}
    with open_store(sample_store_path, read_only=True) as s:
        rows = find_query("regressions").run(s, {}).rows
    assert got and got == {(str(r["point"]), str(r["paragraph"]), str(r["praise"])) for r in rows}
    for _, v, a in g.edges(data=True):
        if a["relation"] == "regression of":
            assert a["quote"] in g.nodes[v]["text"] and a["end"] - a["start"] == len(a["quote"])


def test_trail_view_shows_claims_and_parts_as_trace_does(sample_store_path: Path) -> None:
    """The press release's claim that the recommendations were addressed is an edge of its own
    from the release to each point raised before it (never an assessment), and a split point
    carries its parts with their statuses: the same points and parts `trace` gives."""
    g = view_graph(sample_store_path, "trail")
    trail = json.loads(CliRunner().invoke(main, ["--store", str(sample_store_path), "trace", "--format", "json"]).output)
    claimed = {u_v[1] for u_v in g.edges() if any(a["relation"] == "claims addressed"
                                                  for a in g.get_edge_data(*u_v).values())}
    assert claimed and claimed == {p["id"] for p in trail if p["claims"]}
    for u, v, a in g.edges(data=True):
        if a["relation"] == "claims addressed":
            assert g.nodes[u]["kind"] == "press-release" and "successfully addressed" in a["claim"]
        if a["relation"] == "assessed by":
            assert g.nodes[v]["kind"] != "press-release"
    split = [p for p in trail if p.get("parts")]
    assert split
    for p in split:
        for i, part in enumerate(p["parts"], 1):
            assert f"{i}. {part['text']} [{part['status']}]" in g.nodes[p["id"]]["parts"]


def test_graphml_round_trip(view: tuple[str, nx.MultiDiGraph], sample_store_path: Path, tmp_path: Path) -> None:
    name, g = view
    back = nx.read_graphml(export(sample_store_path, tmp_path, "--view", name, "--format", "graphml"))
    assert set(back.nodes) == set(g.nodes)
    assert edge_set(back) == edge_set(g)
    for n, attrs in g.nodes(data=True):
        for k in KEY_ATTRIBUTES:
            if k in attrs:
                assert back.nodes[n][k] == attrs[k], (n, k)
    for u, v, attrs in g.edges(data=True):
        got = back.get_edge_data(u, v)
        got = got.get(attrs["id"], got) if back.is_multigraph() else got
        for k in EDGE_ATTRIBUTES:
            if k in attrs:
                assert got[k] == attrs[k], (u, v, k)


def test_graphml_carries_yed_labels_and_geometry(sample_store_path: Path, tmp_path: Path) -> None:
    g = view_graph(sample_store_path, "trail")
    root = ET.parse(export(sample_store_path, tmp_path, "--format", "graphml")).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
    assert root.find("g:key[@yfiles.type='nodegraphics']", ns) is not None
    labels = {}
    for node in root.iterfind("g:graph/g:node", ns):
        shape = node.find("g:data/y:ShapeNode", ns)
        assert shape is not None and shape.find("y:Geometry", ns) is not None
        labels[node.get("id")] = shape.find("y:NodeLabel", ns).text
    assert labels == {n: a["label"] for n, a in g.nodes(data=True)}
    edge_labels = [e.find("g:data/y:PolyLineEdge/y:EdgeLabel", ns).text for e in root.iterfind("g:graph/g:edge", ns)]
    assert "addressed" in edge_labels and len(edge_labels) == g.number_of_edges()


def test_gexf_is_dynamic_1_3_and_reads_back(view: tuple[str, nx.MultiDiGraph], sample_store_path: Path,
                                            tmp_path: Path) -> None:
    name, g = view
    path = export(sample_store_path, tmp_path, "--view", name, "--format", "gexf")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    graph = root.find("{http://gexf.net/1.3}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    back = nx.read_gexf(path, version="1.3")
    assert set(back.nodes) == set(g.nodes)
    assert edge_set(back) == edge_set(g)
    for n, attrs in g.nodes(data=True):
        got = back.nodes[n]
        assert got["label"] == attrs["label"]
        if "date" in attrs:
            assert got["start"] == attrs["date"][:10] and got["date"] == attrs["date"]
        for k in ("type", "status", "authority", "number"):
            if k in attrs:
                assert got[k] == attrs[k], (n, k)
    years = {a["start"][:4] for _, a in back.nodes(data=True) if "start" in a}
    assert len(years) >= 3  # the timeline has years to play


def test_cytoscape_json_elements(view: tuple[str, nx.MultiDiGraph], sample_store_path: Path, tmp_path: Path) -> None:
    name, g = view
    data = json.loads(export(sample_store_path, tmp_path, "--view", name, "--format", "cytoscape").read_text())
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    ids = [n["data"]["id"] for n in nodes]
    assert set(ids) == set(g.nodes) and len(ids) == len(set(ids))
    assert all(n["classes"].split()[0] == g.nodes[n["data"]["id"]]["type"].replace(" ", "-") for n in nodes)
    assert all(isinstance(n["position"]["x"], float | int) for n in nodes)
    edge_ids = [e["data"]["id"] for e in edges]
    assert len(edge_ids) == len(set(edge_ids)) == g.number_of_edges()
    assert all(e["data"]["source"] in g and e["data"]["target"] in g for e in edges)


def test_dot_is_accepted_by_graphviz(view: tuple[str, nx.MultiDiGraph], sample_store_path: Path,
                                     tmp_path: Path) -> None:
    name, g = view
    dot = ensure_dot()
    path = export(sample_store_path, tmp_path, "--view", name, "--format", "dot")
    # Graphviz's parser reads every view; the layered layout is kept for small ones (minutes on the full view).
    layout = "-Kdot" if g.number_of_nodes() <= 300 else "-Ksfdp"
    done = subprocess.run([dot, layout, "-Tsvg", str(path)], capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.count('class="node"') == g.number_of_nodes()
    assert done.stdout.count('class="edge"') == g.number_of_edges()


def test_svg_and_png_through_graphviz(sample_store_path: Path, tmp_path: Path) -> None:
    ensure_dot()
    svg = export(sample_store_path, tmp_path, "--view", "authority", "--format", "svg")
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    png = export(sample_store_path, tmp_path, "--view", "authority", "--format", "png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def store_triples_about(store: Path, subjects: set[str]) -> Graph:
    """Independently of the exporter: the store's triples whose subject is given."""
    out = Graph()
    with open_store(store, read_only=True) as s:
        for row in s.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"):
            if row["s"].value in subjects:
                out.add((from_ox(row["s"]), from_ox(row["p"]), plain(from_ox(row["o"]))))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("name", VIEWS)
def test_jsonld_parses_back_to_the_views_triples(name: str, sample_store_path: Path, tmp_path: Path) -> None:
    text = export(sample_store_path, tmp_path, "--view", name, "--format", "jsonld").read_text()
    doc = json.loads(text)
    assert doc["@context"]["ikg"] == "https://w3id.org/inspectkg/ontology#"
    back = Graph().parse(data=text, format="json-ld")
    subjects = {str(s) for s in back.subjects()}
    g = view_graph(sample_store_path, name)
    described = {str(s) for s in store_triples_about(sample_store_path, {str(n) for n in g.nodes}).subjects()}
    assert described and described <= subjects  # every node the store says something about is described
    expected = store_triples_about(sample_store_path, subjects)
    if not isomorphic(back, expected):
        _, only_back, only_store = graph_diff(to_isomorphic(back), to_isomorphic(expected))
        pytest.fail(f"JSON-LD differs from the store: only in JSON-LD {sorted(only_back)[:5]}, "
                    f"only in the store {sorted(only_store)[:5]}")


def test_store_dumps(sample_store_path: Path, tmp_path: Path) -> None:
    nq = export(sample_store_path, tmp_path, "--format", "nquads")
    ds = Dataset()
    ds.parse(nq, format="nquads")
    with open_store(sample_store_path, read_only=True) as s:
        names = set(s.graph_names())
        total = len(s)
    assert {URIRef(c.identifier) for c in ds.graphs() if isinstance(c.identifier, URIRef)} >= names
    assert sum(len(ds.graph(n)) for n in names) == total
    ttl = export(sample_store_path, tmp_path, "--format", "turtle", name="out.ttl")
    assert len(Graph().parse(ttl, format="turtle")) > 1000


def test_filters_narrow_the_views(sample_store_path: Path) -> None:
    every = [a["status"] for _, a in view_graph(sample_store_path, "trail").nodes(data=True) if a["type"] == "point"]
    rare = min(set(every), key=every.count)
    g = view_graph(sample_store_path, "trail", statuses=(rare,))
    points = [a for _, a in g.nodes(data=True) if a["type"] == "point"]
    assert len(points) == every.count(rare) and all(p["status"] == rare for p in points)
    later = view_graph(sample_store_path, "trail", since="2015")
    assert all(a["date"] >= "2015" for _, a in later.nodes(data=True) if "date" in a)
    early = view_graph(sample_store_path, "authority", until="2015-12-31")
    assert {a["date"][:4] for _, a in early.nodes(data=True) if a.get("type") == "document"} == {"2011", "2015"}
    themed = view_graph(sample_store_path, "themes", themes=("assessment",))
    theme_labels = {a["notation"] for _, a in themed.nodes(data=True) if a["type"] == "theme"}
    assert "assessment" in theme_labels and "chronologies" in theme_labels  # narrower themes come along
    full = view_graph(sample_store_path, "full")
    narrowed = view_graph(sample_store_path, "full", statuses=(rare,))
    kept = {n for n, a in narrowed.nodes(data=True) if a["type"] == "point"}
    assert kept == {n for n, a in g.nodes(data=True) if a["type"] == "point"}
    assert narrowed.number_of_nodes() < full.number_of_nodes()
    assert not any(a.get("type") == "follow-up-assessment" and not any(v in kept for v in narrowed.successors(n))
                   for n, a in narrowed.nodes(data=True))


def test_records_read_for_one_authority_and_for_the_whole_store_agree(sample_store_path: Path) -> None:
    """Exports read a whole store by scans and one authority by lookups: on a store
    of one authority the two forms of each query must give the same records."""
    from inspectkg.export.records import read_records
    from inspectkg.graph import iris

    with open_store(sample_store_path, read_only=True) as store:
        whole = read_records(store)
        one = read_records(store, [iris.authority("E10000015")])
    assert whole.points and any(a.evidence for p in whole.points.values() for a in p.assessments)
    assert whole.paragraphs and any(p.themes for p in whole.paragraphs.values())
    assert whole == one


def test_views_other_than_themes_read_only_the_paragraphs_they_show(sample_store_path: Path) -> None:
    """The paragraphs tagged with a theme are read for the themes view only: the trail view
    and the explorer show the quoted and praised ones, and draw the same with or without the
    others."""
    from inspectkg.export.records import read_records

    with open_store(sample_store_path, read_only=True) as store:
        every = read_records(store)
        shown = read_records(store, tagged_paragraphs=False)
    cited = {e.paragraph for p in every.points.values() for a in p.assessments for e in a.evidence}
    cited |= {r.other for p in every.points.values() for r in p.related if r.relation == "regression of"}
    assert set(shown.paragraphs) == cited < set(every.paragraphs)
    assert all(not p.themes for p in shown.paragraphs.values())
    for view in (trail_view, authority_view):
        drawn = [view(records, make_filters()) for records in (every, shown)]
        assert nx.utils.graphs_equal(*drawn) and list(drawn[0].edges(keys=True, data=True)) == \
            list(drawn[1].edges(keys=True, data=True))


def test_each_judgement_stands_after_the_one_it_is_part_of(sample_store_path: Path, tmp_path: Path) -> None:
    """The explorer lists a document's judgements in this order: a service's own judgement, then
    its parts (the SIF report's adoption and care leavers under children in care; each 2009-12
    service's capacity for improvement under that service), not the parts first by name."""
    from conftest import cli_ok
    from inspectkg.export.records import read_records

    store_path = tmp_path / "store"
    cli_ok(store_path, "build", "--quiet", str(Path(__file__).parent / "data" / "constructed"
                                              / "slac_inspection_2011_wiltshire.txt"))
    orders = []
    for path in (sample_store_path, store_path):
        with open_store(path, read_only=True) as store:
            for doc in read_records(store).documents.values():
                orders.append([(j.iri, j.parent) for j in doc.judgements])
    subs = [o for o in orders if any(parent for _, parent in o)]
    assert len(subs) >= 2  # the SIF report and the 2009-12 inspection
    for order in subs:
        place = {iri: i for i, (iri, _) in enumerate(order)}
        for i, (_, parent) in enumerate(order):
            if parent:
                # After its parent, and nothing but the parent's other parts in between.
                assert place[parent] < i
                assert all(p == parent for _, p in order[place[parent] + 1: i])
