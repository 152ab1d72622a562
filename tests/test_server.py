"""The SPARQL 1.1 Protocol endpoint, exercised with a real HTTP client."""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from inspectkg.graph.server import make_server, serve_in_thread
from inspectkg.graph.store import Store

QUERY = """PREFIX ikg: <https://w3id.org/inspectkg/ontology#>
SELECT ?doc WHERE { ?doc a ikg:Document } ORDER BY ?doc"""


@pytest.fixture(scope="module")
def endpoint(sample_store_path):
    store = Store(sample_store_path, read_only=True)
    server = make_server(store, "127.0.0.1", 0)
    serve_in_thread(server)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}/sparql"
    server.shutdown()
    server.server_close()
    store.close()


def fetch(request: urllib.request.Request | str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def test_get_returns_sparql_json(endpoint):
    status, ctype, body = fetch(f"{endpoint}?query={urllib.parse.quote(QUERY)}")
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["doc"]
    assert len(data["results"]["bindings"]) == 5


def test_post_form_with_csv(endpoint):
    req = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": QUERY}).encode(),
                                 headers={"Accept": "text/csv",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    status, ctype, body = fetch(req)
    assert status == 200 and ctype.startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert len(rows) == 5


def test_post_sparql_query_construct(endpoint):
    q = "CONSTRUCT { ?d a <https://w3id.org/inspectkg/ontology#Document> } WHERE { ?d a <https://w3id.org/inspectkg/ontology#Document> }"
    req = urllib.request.Request(endpoint, data=q.encode(), headers={"Content-Type": "application/sparql-query"})
    status, ctype, body = fetch(req)
    assert status == 200 and ctype.startswith("application/n-triples")
    assert len(body.decode().strip().splitlines()) == 5


def test_updates_are_refused(endpoint, sample_store_path):
    req = urllib.request.Request(endpoint, data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert fetch(req)[0] == 403
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    req = urllib.request.Request(endpoint, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert fetch(req)[0] == 403
    status, _, body = fetch(f"{endpoint}?query={urllib.parse.quote(QUERY)}")
    assert len(json.loads(body)["results"]["bindings"]) == 5  # nothing was dropped


def test_syntax_error_is_a_400_with_a_message(endpoint):
    status, _, body = fetch(f"{endpoint}?query={urllib.parse.quote('SELEKT * WHERE {}')}")
    assert status == 400 and b"syntax" in body.lower()
    # an update sent as a query is named as one, not as a syntax error
    status, _, body = fetch(f"{endpoint}?query={urllib.parse.quote('PREFIX ex: <http://ex/> DELETE WHERE { ?s ex:p ?o }')}")
    assert status == 400 and b"this is a SPARQL Update, which is not run" in body


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(shutil.which("inspectkg", path=str(Path(sys.executable).parent)) is None,
                    reason="console script not installed next to this Python")
def test_serve_command_answers_over_http(sample_store_path):
    exe = shutil.which("inspectkg", path=str(Path(sys.executable).parent))
    port = _free_port()
    proc = subprocess.Popen([exe, "--store", str(sample_store_path), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/sparql?query={urllib.parse.quote(QUERY)}"
        for _ in range(100):
            try:
                status, _, body = fetch(url)
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        assert status == 200
        assert len(json.loads(body)["results"]["bindings"]) == 5
    finally:
        proc.terminate()
        proc.wait(timeout=10)
