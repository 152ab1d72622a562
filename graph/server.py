"""A read-only SPARQL 1.1 Protocol endpoint over the store, for other tools.

GET /sparql?query=..., POST with an application/x-www-form-urlencoded
``query`` or an application/sparql-query body. Results are negotiated from
the Accept header: SPARQL results JSON (default), XML, CSV or TSV for
SELECT/ASK; N-Triples (default), Turtle or JSON-LD for CONSTRUCT/DESCRIBE.
Updates are refused (403): the endpoint is read-only. The default graph is
the union of all named graphs, as for `inspectkg query`, unless the request
names ``default-graph-uri``s.
"""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .queries import syntax_error
from .store import Store

RESULT_FORMATS = [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
]
GRAPH_FORMATS = [
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
]
MAX_BODY = 1_000_000  # a query, not a data upload
ENDPOINT_PATHS = {"/sparql", "/query", "/"}


def _negotiate(accept: str, offers: list[tuple[str, object]]) -> tuple[str, object]:
    """The first offer the client accepts, by q-value; the first offer when it accepts anything."""
    wanted: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        wanted.append((-q, i, fields[0].lower()))
    for _, _, media in sorted(wanted):
        for offer in offers:
            if media in (offer[0], "*/*") or (media.endswith("/*") and offer[0].startswith(media[:-1])):
                return offer
    return offers[0]


class SparqlHandler(BaseHTTPRequestHandler):
    server_version = "inspectkg-sparql/1"
    store: Store  # set on the subclass made by make_server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass  # quiet: the command line prints its own banner

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")  # YASGUI and notebooks in a browser
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def do_OPTIONS(self) -> None:  # noqa: N802 - stdlib's name
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path not in ENDPOINT_PATHS:
            return self._error(HTTPStatus.NOT_FOUND, "the SPARQL endpoint is /sparql")
        params = parse_qs(url.query)
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if "query" not in params:
            return self._send(HTTPStatus.OK, b"inspectkg SPARQL endpoint: send ?query=...\n",
                              "text/plain; charset=utf-8")
        self._answer(params["query"][0], params.get("default-graph-uri", []))

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path not in ENDPOINT_PATHS:
            return self._error(HTTPStatus.NOT_FOUND, "the SPARQL endpoint is /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too large")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if ctype == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if ctype == "application/sparql-query":
            query = body
        elif ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body)
            if "update" in form:
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            if "query" not in form:
                return self._error(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")
            query = form["query"][0]
            params.update(form)
        else:
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               "send application/sparql-query or a form with 'query'")
        self._answer(query, params.get("default-graph-uri", []))

    def _answer(self, query: str, default_graphs: list[str]) -> None:
        try:
            if default_graphs:
                results = self.store.ox.query(query, default_graph=[ox.NamedNode(g) for g in default_graphs])
            else:
                results = self.store.ox.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, syntax_error(query, exc))
        except (OSError, ValueError) as exc:
            return self._error(HTTPStatus.BAD_REQUEST, f"query failed: {exc}")
        accept = self.headers.get("Accept") or "*/*"
        if isinstance(results, ox.QueryTriples):
            media, fmt = _negotiate(accept, GRAPH_FORMATS)
        else:
            media, fmt = _negotiate(accept, RESULT_FORMATS)
        body = results.serialize(format=fmt)
        self._send(HTTPStatus.OK, body or b"", f"{media}; charset=utf-8")


def make_server(store: Store, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    handler = type("BoundSparqlHandler", (SparqlHandler,), {"store": store})
    return ThreadingHTTPServer((host, port), handler)


def serve_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread
