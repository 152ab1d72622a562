"""RemoteStore against a real Oxigraph server (the `oxigraph` binary of the test
extra, started here on a free port): the bundled sample built into it answers
every library query as the embedded store does, a changed document replaces
its graph whole, errors are one line naming the URL, and credentials travel
in the Authorization header only."""

from __future__ import annotations

import base64
import io
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from inspectkg import resources
from inspectkg.cli import main
from inspectkg.followup.trace import run_followup
from inspectkg.graph.build import build
from inspectkg.graph.engines import result_set
from inspectkg.graph.namespace import IKG
from inspectkg.graph.queries import find_query, run_sparql
from inspectkg.graph.remote_store import RemoteStore, endpoints_for, with_values
from inspectkg.graph.store import Store, StoreError, open_store
from inspectkg.graph.summary import document_summaries, store_stats
from inspectkg.graph.validate import validate_store
from query_cases import EXPECTED_CASES, library_cases
from rdflib import URIRef
from rdflib.compare import isomorphic

SAMPLE = resources.sample_dir()
FOCUSED_VISIT = SAMPLE / "002_261c65e9d61313d6.txt"
ADDED = "This sentence was added to test a replacement."

CASES = library_cases()


# ---------------------------------------------------------------- a real server
def oxigraph_binary() -> str:
    beside_python = Path(sys.executable).parent / "oxigraph"
    found = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the `oxigraph` server binary is missing: it comes with the test extra "
                    "(pip install '.[test]', package oxigraph)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """`oxigraph serve` on a free port of this machine, stopped by close()."""

    def __init__(self, location: Path, union: bool = True):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = location.parent / f"{location.name}.log"
        command = [oxigraph_binary(), "serve", "--location", str(location),
                   "--bind", f"127.0.0.1:{self.port}"] + (["--union-default-graph"] if union else [])
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self) -> None:
        wait_until_answers(self.process, f"{self.url}/query?query=ASK%7B%7D", "oxigraph serve", self.log, 30)

    def close(self) -> None:
        stop(self.process)


def wait_until_answers(process: subprocess.Popen, url: str, name: str, log: Path, seconds: float) -> None:
    """Until a server started as ``process`` answers ``url``; the test fails, naming it, when it
    exits or stays silent."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{name} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.05)
    stop(process)
    pytest.fail(f"{name} did not answer within {seconds:g} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def server(tmp_path) -> Iterator[OxigraphServer]:
    srv = OxigraphServer(tmp_path / "oxigraph")
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> Iterator[tuple[RemoteStore, Store]]:
    """The sample built and traced into a server and into the embedded store."""
    tmp = tmp_path_factory.mktemp("remote")
    srv = OxigraphServer(tmp / "oxigraph")
    remote, embedded = RemoteStore(srv.url), Store(tmp / "embedded")
    try:
        for store in (remote, embedded):
            build([SAMPLE], store)
            run_followup(store)
        yield remote, embedded
    finally:
        embedded.close()
        srv.close()


def same_answers(store, reference, query, values) -> bool:
    bindings = query.bind(values)
    got, expected = run_sparql(store, query.sparql, bindings), run_sparql(reference, query.sparql, bindings)
    if expected.graph is not None:
        return isomorphic(got.graph, expected.graph)
    return result_set(got) == result_set(expected)


# ---------------------------------------------------------------- same store, same answers
def test_the_cases_are_counted():
    assert len(CASES) == EXPECTED_CASES


def test_the_server_holds_what_the_embedded_store_holds(stores):
    remote, embedded = stores
    assert remote.graph_names() == embedded.graph_names()
    assert len(remote) == len(embedded) > 10_000
    assert set(remote.quads()) == set(embedded.quads())
    doc = next(n for n in embedded.graph_names() if "/document/" in n)
    assert set(remote.quads(p=IKG.contentHash)) == set(embedded.quads(p=IKG.contentHash))
    assert set(remote.quads(s=doc, g=doc)) == set(embedded.quads(s=doc, g=doc))
    assert remote.has_graph(doc) and not remote.has_graph(URIRef(f"{doc}/none"))
    assert remote.stored_hashes() == embedded.stored_hashes()
    assert len(find_query("documents").run(remote).rows) == 5  # the comparisons below are not of nothing


@pytest.mark.parametrize("fmt", ["nquads", "turtle"])
def test_dumps_hold_the_same_statements(stores, fmt):
    remote, embedded = stores
    rdf_format = ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TURTLE
    dumped = []
    for store in (remote, embedded):
        out = io.BytesIO()
        store.dump(out, fmt)
        dumped.append(set(ox.parse(out.getvalue(), format=rdf_format)))
    assert dumped[0] == dumped[1] and len(dumped[0]) > 10_000



def test_reports_and_stats_from_the_server_are_those_of_the_embedded_store(stores):
    """What `reports` and `stats` print, read over the SPARQL Protocol: the same documents, cited
    inspections (with whether the store holds each) and counts."""
    remote, embedded = stores
    assert document_summaries(remote) == document_summaries(embedded)
    cited = [c for d in document_summaries(remote) for c in d["cited_inspections"]]
    assert cited and {c["in_store"] for c in cited} == {True, False}
    assert store_stats(remote) == store_stats(embedded)

@pytest.mark.parametrize("query,values", CASES,
                         ids=[f"{q.name}-{'+'.join(v) or 'none'}" for q, v in CASES])
def test_every_library_query_answers_as_on_the_embedded_store(stores, query, values):
    remote, embedded = stores
    assert same_answers(remote, embedded, query, values), f"{query.name} {values}"


@pytest.mark.parametrize("view", ["trail", "authority"])
def test_exports_from_the_server_are_those_of_the_embedded_store(stores, view, tmp_path):
    """Exports read by subject, by named paragraphs and by scans: the same
    queries over the protocol give the same files (JSON-LD parsed, GraphML as is)."""
    import json

    from inspectkg.export.filters import make_filters
    from inspectkg.export.run import export

    remote, embedded = stores
    for fmt in ("jsonld", "graphml"):
        files = []
        for name, store in (("remote", remote), ("embedded", embedded)):
            out = tmp_path / f"{name}-{view}.{fmt}"
            export(store, view, fmt, make_filters(), str(out))
            files.append(out.read_text(encoding="utf-8"))
        if fmt == "jsonld":
            assert json.loads(files[0]) == json.loads(files[1]) and len(json.loads(files[0])["@graph"]) > 100
        else:
            assert files[0] == files[1]


def test_parameters_are_bound_not_pasted(stores):
    remote, _ = stores
    from inspectkg.graph.queries import parse_header

    q = parse_header("t", "# Paragraphs with this text\n# @param text string x - text\n"
                          "PREFIX ikg: <https://w3id.org/inspectkg/ontology#>\n"
                          "SELECT ?p WHERE { ?p ikg:text ?text }")
    before = len(remote)
    assert q.run(remote, {"text": '" } } ; DROP ALL ; SELECT * { { "'}).rows == []
    assert q.run(remote, {"text": "x\"\n}\\"}).rows == []
    assert len(remote) == before


def test_bindings_head_the_where_group():
    """A trailing VALUES joins after FILTER and GROUP BY: the inspectors query,
    which filters on its optional ?name, would then ignore it."""
    bound = with_values("PREFIX x: <http://x/#{>\nSELECT ?a (COUNT(*) AS ?n) WHERE {\n"
                        "  ?a x:p \"}\" # }\n  FILTER (?a != ?b)\n} GROUP BY ?a", {"b": URIRef("http://x/b")})
    assert "WHERE { VALUES (?b) { (<http://x/b>) }" in bound
    sub = with_values("SELECT * WHERE { SELECT ?a WHERE { ?a ?p ?o } }", {"a": URIRef("http://x/a")})
    assert sub == "SELECT * WHERE { VALUES (?a) { (<http://x/a>) } { SELECT ?a WHERE { ?a ?p ?o } } }"
    construct = with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("http://x/s")})
    assert construct.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s)")


# ---------------------------------------------------------------- writing
def changed_copy(tmp_path: Path) -> tuple[Path, str]:
    """A copy of a sample document, and the same with a sentence added to its longest paragraph."""
    src = tmp_path / "visit.txt"
    text = FOCUSED_VISIT.read_text(encoding="utf-8")
    src.write_text(text, encoding="utf-8")
    longest = max(text.splitlines(), key=len)
    return src, text.replace(longest, f"{longest.rstrip()} {ADDED}", 1)


def texts(store, doc) -> set[str]:
    return {str(o) for _, _, o, _ in store.quads(None, IKG.text, None, doc)}


def test_a_changed_document_replaces_its_graph_whole(server, tmp_path):
    remote, embedded = RemoteStore(server.url), Store(tmp_path / "embedded")
    src, changed = changed_copy(tmp_path)
    first = build([src], remote)
    build([src], embedded)
    doc = URIRef(first.outcomes[0].document)
    old_texts, old_hash = texts(remote, doc), remote.graph(doc).value(doc, IKG.contentHash)
    src.write_text(changed, encoding="utf-8")
    again = build([src], remote)
    build([src], embedded)
    assert [o.status for o in again.outcomes] == ["replaced"] and again.outcomes[0].document == str(doc)
    new_texts = texts(remote, doc)
    assert any(ADDED in t for t in new_texts)
    assert old_texts - new_texts and all(ADDED not in t for t in old_texts)
    assert remote.graph(doc).value(doc, IKG.contentHash) != old_hash
    assert len(remote.graph(doc)) == len(embedded.graph(doc))
    assert set(remote.quads(g=doc)) == set(embedded.quads(g=doc))
    assert len(remote) == len(embedded)
    report = validate_store(remote)
    assert report.conforms, report.violations[:3]
    embedded.close()


@pytest.mark.parametrize("method", ["update", "graph-store"])
def test_a_rejected_replacement_leaves_the_old_graph(server, method):
    store = RemoteStore(server.url, env={"INSPECTKG_STORE_WRITE": method})
    name = URIRef("https://example.org/graph/doc")
    lines = [f'<https://example.org/s{i}> <https://example.org/p> "old {i}" .' for i in range(50)]
    store.replace_graph_ntriples(name, "\n".join(lines) + "\n")
    broken = "\n".join(line.replace("old", "new") for line in lines) + '\n<https://example.org/s> <https://example.org/p> "unterminated .\n'
    with pytest.raises(StoreError, match=f"{server.url}/.* answered 400"):
        store.replace_graph_ntriples(name, broken)
    assert sorted(str(o) for o in store.graph(name).objects()) == sorted(f"old {i}" for i in range(50))
    store.remove_graph(name)
    assert store.graph_names() == [] and len(store) == 0


def test_cli_builds_into_and_queries_a_server(server):
    runner = CliRunner()
    built = runner.invoke(main, ["--store", server.url, "build"])
    assert built.exit_code == 0, built.output
    assert built.output.count("ingested ") == 5 and f"Store: {server.url}" in built.output
    again = runner.invoke(main, ["--store", server.url, "build", "--quiet"])
    assert again.exit_code == 0 and "5 skipped" in again.output
    answered = runner.invoke(main, ["--store", server.url, "query", "documents", "--format", "csv"])
    assert answered.exit_code == 0 and len(answered.output.strip().splitlines()) == 6


def test_a_server_without_a_union_default_graph_is_refused(tmp_path):
    srv = OxigraphServer(tmp_path / "plain", union=False)
    try:
        with pytest.raises(StoreError, match="union.*--union-default-graph.*unionDefaultGraph"):
            build([FOCUSED_VISIT], RemoteStore(srv.url))
        with pytest.raises(StoreError, match=f"{srv.url}/query does not query the union"):
            RemoteStore(srv.url).query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    finally:
        srv.close()


# ---------------------------------------------------------------- errors
def test_errors_are_one_line_naming_the_url(server):
    nobody = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match=f"cannot reach the SPARQL server at {nobody}/query: connection refused"):
        len(RemoteStore(nobody))
    with pytest.raises(StoreError, match=rf"{server.url}/no/dataset/query was not found \(404"):
        RemoteStore(f"{server.url}/no/dataset").graph_names()
    with pytest.raises(StoreError, match=f"{server.url}/query answered 400 Bad Request: .+") as syntax:
        RemoteStore(server.url).query("SELEC nothing")
    assert "\n" not in str(syntax.value)
    result = CliRunner().invoke(main, ["--store", nobody, "query", "documents"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: cannot reach the SPARQL server at {nobody}/query: connection refused "
        "(is the server running, on this port?)"]


def test_open_store_dispatches_urls():
    assert isinstance(open_store("http://127.0.0.1:7878"), RemoteStore)


def test_endpoints_of_the_common_servers():
    assert endpoints_for("http://h:7878", {}) == ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store")
    assert endpoints_for("http://h:3030/ds/", {}) == ("http://h:3030/ds/query", "http://h:3030/ds/update",
                                                     "http://h:3030/ds/data")
    assert endpoints_for("http://h:3030/ds/sparql", {}).query == "http://h:3030/ds/sparql"
    assert endpoints_for("http://h:7200/repositories/kg", {}) == (
        "http://h:7200/repositories/kg", "http://h:7200/repositories/kg/statements",
        "http://h:7200/repositories/kg/rdf-graphs/service")
    # Virtuoso's endpoint stands at the server's root and takes updates too.
    assert endpoints_for("http://h:8890/sparql", {}) == ("http://h:8890/sparql", "http://h:8890/sparql",
                                                        "http://h:8890/sparql-graph-crud")
    env = {"INSPECTKG_QUERY_URL": "http://q/sparql", "INSPECTKG_UPDATE_URL": "http://u/update",
           "INSPECTKG_GRAPH_STORE_URL": "http://g/gsp"}
    assert endpoints_for("http://h:7878", env) == ("http://q/sparql", "http://u/update", "http://g/gsp")


# ---------------------------------------------------------------- credentials
class Recorder(BaseHTTPRequestHandler):
    """Refuses every request, echoing the Authorization header it was sent in
    its error body (as a careless server might), and records the headers."""

    seen: list[dict[str, str]] = []

    def _refuse(self) -> None:
        self.seen.append({"path": self.path, **dict(self.headers)})
        if self.path.startswith("/moved"):
            self.send_response(302)
            self.send_header("Location", "/elsewhere/query")
            self.end_headers()
            return
        body = f"bad credentials: {self.headers.get('Authorization')}".encode()
        self.send_response(401)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _refuse

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    Recorder.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_basic_credentials_travel_in_the_header_only(recorder):
    env = {"INSPECTKG_STORE_USER": "analyst", "INSPECTKG_STORE_PASSWORD": "s3cret-Pa55"}
    with pytest.raises(StoreError) as refused:
        RemoteStore(recorder, env=env).query("ASK {}")
    expected = "Basic " + base64.b64encode(b"analyst:s3cret-Pa55").decode()
    assert Recorder.seen[0]["Authorization"] == expected
    message = str(refused.value)
    assert f"{recorder}/query refused access (401" in message and "INSPECTKG_STORE_PASSWORD" in message
    assert "s3cret-Pa55" not in message and expected.split()[1] not in message


def test_a_bearer_token_travels_in_the_header_only(recorder):
    with pytest.raises(StoreError) as refused:
        RemoteStore(recorder, env={"INSPECTKG_STORE_TOKEN": "tok-12345"}).replace_graph_ntriples(
            URIRef("https://example.org/g"), "")
    assert Recorder.seen[0]["Authorization"] == "Bearer tok-12345"
    assert "tok-12345" not in str(refused.value) and "INSPECTKG_STORE_TOKEN" in str(refused.value)


def test_credentials_follow_no_redirect(recorder):
    with pytest.raises(StoreError, match="redirects to .*/elsewhere/query"):
        RemoteStore(f"{recorder}/moved", env={"INSPECTKG_STORE_TOKEN": "tok-12345"}).query("ASK {}")
    assert [s["path"] for s in Recorder.seen] == ["/moved/query"]


def test_credentials_are_refused_in_the_url(recorder):
    host = recorder.removeprefix("http://")
    with pytest.raises(StoreError, match="INSPECTKG_STORE_USER") as refused:
        RemoteStore(f"http://analyst:s3cret-Pa55@{host}")
    assert "s3cret-Pa55" not in str(refused.value)
    result = CliRunner().invoke(main, ["--store", f"http://analyst:s3cret-Pa55@{host}", "stats"])
    assert result.exit_code == 2 and "s3cret-Pa55" not in result.output and "Traceback" not in result.output
    assert Recorder.seen == []
