"""A store on a shared SPARQL 1.1 server (Oxigraph server, Apache Jena Fuseki,
GraphDB, ...), spoken to over HTTP with the standard library only.

Reads use the SPARQL 1.1 Protocol query endpoint; the default graph must be
the union of the named graphs (checked once, with a remedy if it is not).
A document's graph is replaced by one request: by default one SPARQL Update
``DROP SILENT GRAPH ; INSERT DATA``, which Oxigraph, Fuseki (TDB2) and GraphDB
each apply as one transaction; or, with ``INSPECTKG_STORE_WRITE=graph-store``,
a Graph Store Protocol PUT, for servers that limit SPARQL Update (whether a
PUT is one transaction is up to the server).

Every setting but the base URL comes from the environment, credentials
included: never from the command line, never printed. See docs/servers.md.
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO, NamedTuple
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Node

from .store import GraphStore, Quad, StoreError, dump_oxigraph, from_ox, replace_graph_update

QUERY_URL_ENV = "INSPECTKG_QUERY_URL"
UPDATE_URL_ENV = "INSPECTKG_UPDATE_URL"
GRAPH_STORE_URL_ENV = "INSPECTKG_GRAPH_STORE_URL"
USER_ENV = "INSPECTKG_STORE_USER"
PASSWORD_ENV = "INSPECTKG_STORE_PASSWORD"
TOKEN_ENV = "INSPECTKG_STORE_TOKEN"
WRITE_ENV = "INSPECTKG_STORE_WRITE"
TIMEOUT_ENV = "INSPECTKG_STORE_TIMEOUT"

WRITE_METHODS = ("update", "graph-store")
DEFAULT_TIMEOUT = 300.0
# What to accept, by the form of the query: a server may serialise a CONSTRUCT's triples as
# SPARQL results if those come first in the Accept header (Virtuoso 7 does).
ACCEPT_RESULTS = "application/sparql-results+json"
ACCEPT_RDF = "application/n-triples, text/turtle;q=0.5"
UNION_HELP = ("start Oxigraph server with --union-default-graph, set tdb2:unionDefaultGraph true on "
              "the Fuseki dataset (GraphDB's default graph is the union already); see docs/servers.md")


# ---------------------------------------------------------------- endpoints
class Endpoints(NamedTuple):
    query: str
    update: str
    graph_store: str


def endpoints_for(url: str, env: Mapping[str, str] | None = None) -> Endpoints:
    """The query, update and Graph Store URLs of a server, from its base URL:

    - Oxigraph server ``http://host:7878``: /query, /update, /store;
    - GraphDB (or RDF4J) ``http://host:7200/repositories/REPO``: the URL itself,
      /statements, /rdf-graphs/service;
    - any other path, a Fuseki dataset ``http://host:3030/DATASET``: /query,
      /update, /data;
    - Virtuoso ``http://host:8890/sparql`` (its endpoint at the server's root, where
      Fuseki's stands under a dataset): the URL itself for queries and updates,
      /sparql-graph-crud.

    The URL of a query endpoint (ending in /query or /sparql) stands for its
    base. Each URL can be set instead in the environment."""
    env = os.environ if env is None else env
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path == "/sparql":
        base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        derived = Endpoints(base, base, f"{base}-graph-crud")
    else:
        derived = _derived(parts.scheme, parts.netloc, path)
    return Endpoints(env.get(QUERY_URL_ENV) or derived.query, env.get(UPDATE_URL_ENV) or derived.update,
                     env.get(GRAPH_STORE_URL_ENV) or derived.graph_store)


def _derived(scheme: str, netloc: str, path: str) -> Endpoints:
    """The endpoints of a server that is not Virtuoso, from its URL's parts (see endpoints_for)."""
    given_query = None
    if re.search(r"/(query|sparql)$", path):
        given_query = urlunsplit((scheme, netloc, path, "", ""))
        path = path.rsplit("/", 1)[0]
    base = urlunsplit((scheme, netloc, path, "", ""))
    if not path:
        derived = Endpoints(f"{base}/query", f"{base}/update", f"{base}/store")
    elif re.search(r"/repositories/[^/]+$", path):
        derived = Endpoints(base, f"{base}/statements", f"{base}/rdf-graphs/service")
    else:
        derived = Endpoints(f"{base}/query", f"{base}/update", f"{base}/data")
    return Endpoints(given_query, derived.update, derived.graph_store) if given_query else derived


# ---------------------------------------------------------------- bindings
# Just enough of SPARQL's lexer to find the braces that are syntax: strings,
# IRIs, comments, variables and prefixed names may hold braces or keywords.
_TOKENS = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<pname>[\w.-]*:[\w.:%-]*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<open>\{) | (?P<close>\}) | (?P<lparen>\() | (?P<rparen>\))
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _where_group(sparql: str) -> tuple[int, int, bool] | None:
    """Where the outermost WHERE group opens and closes, and whether its body
    is a sub-SELECT; None when the query has no such group (a DESCRIBE of
    IRIs, the short CONSTRUCT WHERE form)."""
    depth = parens = 0
    form = None
    saw_where = template_done = False
    start = None
    first_in_group = body_is_select = False
    for m in _TOKENS.finditer(sparql):
        kind = m.lastgroup
        if kind == "comment" or (kind == "other" and m.group().isspace()):
            continue
        if first_in_group:
            body_is_select = kind == "word" and m.group().upper() == "SELECT"
            first_in_group = False
        if kind == "word" and depth == 0 and parens == 0:
            word = m.group().upper()
            if form is None and word in _FORMS:
                form = word
            elif word == "WHERE":
                saw_where = True
        elif kind == "lparen":
            parens += 1
        elif kind == "rparen":
            parens -= 1
        elif kind == "open":
            if depth == 0 and parens == 0 and form is not None and start is None:
                if form != "CONSTRUCT" or template_done:
                    start = m.start()
                    first_in_group = True
                elif saw_where:
                    return None  # CONSTRUCT WHERE { ... }: the group is the template too
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0:
                if start is not None:
                    return start, m.start(), body_is_select
                template_done = form == "CONSTRUCT"
    return None


def query_form(sparql: str) -> str | None:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the query's first such keyword outside strings,
    IRIs and comments (None for an update or nonsense, which the server then names)."""
    for m in _TOKENS.finditer(sparql):
        if m.lastgroup == "word" and m.group().upper() in _FORMS:
            return m.group().upper()
    return None


def _truthy(term: object) -> bool:
    return isinstance(term, ox.Literal) and term.value not in ("0", "false", "")


def _term(term: Node) -> str:
    if isinstance(term, BNode):
        raise StoreError("a blank node cannot be sent to a SPARQL server as a value")
    try:
        return term.n3()  # escapes quotes, backslashes and line breaks; refuses bad IRIs
    except Exception as exc:  # noqa: BLE001 - rdflib raises a bare Exception for a bad IRI
        raise StoreError(f"cannot send {term!r} to a SPARQL server: {exc}") from None


def values_block(bindings: Mapping[str, Node]) -> str:
    names = list(bindings)
    for name in names:
        if not _VARNAME.fullmatch(name):
            raise StoreError(f"cannot bind {name!r}: not a SPARQL variable name")
    variables = " ".join(f"?{n}" for n in names)
    terms = " ".join(_term(bindings[n]) for n in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def with_values(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """The query with ``bindings`` as a VALUES block at the head of its WHERE
    group, so that the whole group (its FILTERs included) sees them bound, as
    with Oxigraph's substitutions or rdflib's initBindings. A trailing VALUES
    would join only after GROUP BY and FILTER, and give other answers. Terms
    are written in N-Triples syntax (escaped), never pasted as text."""
    if not bindings:
        return sparql
    block = values_block(bindings)
    group = _where_group(sparql)
    if group is None:
        return f"{sparql}\n{block}"
    start, end, body_is_select = group
    if body_is_select:  # `{ SELECT ... }` takes nothing beside it: wrap it in a group
        return f"{sparql[:start + 1]} {block} {{{sparql[start + 1:end]}}} {sparql[end:]}"
    return f"{sparql[:start + 1]} {block}\n{sparql[start + 1:]}"


# ---------------------------------------------------------------- HTTP
class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect would resend the Authorization header to wherever it points."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        raise StoreError(f"{req.full_url} redirects to {newurl}: give that URL as the store instead")


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "..."


class RemoteStore(GraphStore):
    """A SPARQL 1.1 server: Protocol queries and updates, Graph Store Protocol writes."""

    def __init__(self, url: str, env: Mapping[str, str] | None = None):
        env = os.environ if env is None else env
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError as exc:
            raise StoreError(f"the store URL is not a valid URL ({exc})") from None
        if not parts.hostname:
            raise StoreError("the store URL names no host: give http(s)://HOST[:PORT][/PATH]")
        if parts.username or parts.password:
            raise StoreError(f"put credentials in ${USER_ENV} and ${PASSWORD_ENV} (or ${TOKEN_ENV}), "
                             "not in the store URL")
        self.location = url
        self.endpoints = endpoints_for(url, env)
        self.write_method = env.get(WRITE_ENV) or "update"
        if self.write_method not in WRITE_METHODS:
            raise StoreError(f"${WRITE_ENV} must be one of {', '.join(WRITE_METHODS)}, "
                             f"not {self.write_method!r}")
        try:
            self.timeout = float(env.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT)
        except ValueError:
            raise StoreError(f"${TIMEOUT_ENV} must be a number of seconds") from None
        self._authorization, self._secrets = self._credentials(env)
        self._opener = urllib.request.build_opener(_NoRedirect)
        self._union_checked = False

    @staticmethod
    def _credentials(env: Mapping[str, str]) -> tuple[str | None, list[str]]:
        user, password, token = env.get(USER_ENV), env.get(PASSWORD_ENV), env.get(TOKEN_ENV)
        if token and (user or password):
            raise StoreError(f"set either ${TOKEN_ENV} or ${USER_ENV} and ${PASSWORD_ENV}, not both")
        if token:
            return f"Bearer {token}", [token]
        if user or password:
            if not (user and password):
                raise StoreError(f"${USER_ENV} and ${PASSWORD_ENV} go together: set both")
            basic = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            return f"Basic {basic}", [password, basic]
        return None, []

    # ------------------------------------------------------------ HTTP
    def _send(self, method: str, url: str, body: bytes | None = None,
              content_type: str | None = None, accept: str | None = None) -> tuple[str, bytes]:
        """One request; every failure becomes a one-line StoreError naming the URL."""
        request = urllib.request.Request(url, data=body, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if accept:
            request.add_header("Accept", accept)
        if self._authorization:
            request.add_header("Authorization", self._authorization)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                media = response.headers.get_content_type()
                return media, response.read()
        except urllib.error.HTTPError as exc:
            raise StoreError(self._redact(self._http_message(url, exc))) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ConnectionRefusedError):
                detail = "connection refused (is the server running, on this port?)"
            elif isinstance(reason, socket.gaierror):
                detail = "unknown host"
            elif isinstance(reason, TimeoutError):
                detail = f"no answer within {self.timeout:g} s (${TIMEOUT_ENV})"
            else:
                detail = str(getattr(reason, "strerror", None) or reason)
            raise StoreError(self._redact(f"cannot reach the SPARQL server at {url}: {detail}")) from None
        except TimeoutError:
            raise StoreError(f"no answer from {url} within {self.timeout:g} s (${TIMEOUT_ENV})") from None
        except (OSError, http.client.HTTPException) as exc:
            raise StoreError(self._redact(f"the connection to {url} failed: {exc!r}")) from None

    def _http_message(self, url: str, exc: urllib.error.HTTPError) -> str:
        try:
            text = exc.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            text = ""
        answer = f"{exc.code} {exc.reason}"
        if exc.code in (401, 403):
            if self._authorization:
                remedy = f"check ${TOKEN_ENV}" if self._authorization.startswith("Bearer") \
                    else f"check ${USER_ENV} and ${PASSWORD_ENV}"
            else:
                remedy = f"set ${USER_ENV} and ${PASSWORD_ENV}, or ${TOKEN_ENV}"
            return f"the SPARQL server at {url} refused access ({answer}): {remedy}"
        if exc.code == 404:
            return (f"{url} was not found ({answer}): check the store URL (Oxigraph http://host:7878, "
                    "Fuseki http://host:3030/DATASET, GraphDB http://host:7200/repositories/REPO, "
                    "Virtuoso http://host:8890/sparql) "
                    f"or set ${QUERY_URL_ENV}, ${UPDATE_URL_ENV}, ${GRAPH_STORE_URL_ENV}")
        detail = _one_line(text) if text.strip() else "no details given"
        return f"the SPARQL server at {url} answered {answer}: {detail}"

    def _redact(self, message: str) -> str:
        for secret in self._secrets:
            message = message.replace(secret, "***")
        return message

    def _query(self, sparql: str) -> Any:
        """A query over the Protocol; pyoxigraph results, as the embedded store gives."""
        # URL-encoded POST, which every server takes: Virtuoso 7 never answers a query POSTed
        # directly as application/sparql-query (the request waits until the timeout).
        form = query_form(sparql)
        accept = ACCEPT_RDF if form in ("CONSTRUCT", "DESCRIBE") else ACCEPT_RESULTS
        media, data = self._send("POST", self.endpoints.query, urlencode({"query": sparql}).encode("ascii"),
                                 "application/x-www-form-urlencoded", accept)
        results_format = ox.QueryResultsFormat.from_media_type(media)
        try:
            if results_format is not None:
                results = ox.parse_query_results(data, format=results_format)
                if isinstance(results, ox.QueryBoolean):
                    return bool(results)
                if form == "ASK":  # Virtuoso 7 answers ASK with a table: one row holding 1, or none
                    return any(_truthy(row[0]) for row in results)
                return results
            rdf_format = ox.RdfFormat.from_media_type(media)
            if rdf_format is not None:
                return [q.triple for q in ox.parse(data, format=rdf_format)]
        except SyntaxError as exc:
            raise StoreError(f"the SPARQL server at {self.endpoints.query} sent results that do not "
                             f"parse as {media}: {_one_line(str(exc))}") from None
        raise StoreError(f"the SPARQL server at {self.endpoints.query} answered with {media}, "
                         "not SPARQL results or RDF")

    def _update(self, sparql: str) -> None:
        self._send("POST", self.endpoints.update, sparql.encode("utf-8"),
                   "application/sparql-update; charset=utf-8")

    def _graph_url(self, name: URIRef) -> str:
        separator = "&" if "?" in self.endpoints.graph_store else "?"
        return f"{self.endpoints.graph_store}{separator}graph={quote(str(name), safe='')}"

    # ------------------------------------------------------------ union default graph
    def _check_union(self, triple: tuple[Node, Node, Node] | None = None) -> None:
        """inspectkg's queries read the union of the document graphs as the
        default graph: a server whose default graph is its own separate graph
        would answer every query with nothing. Two tiny queries, once."""
        if self._union_checked:
            return
        if triple is None:
            rows = list(self._query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER (isIRI(?s) && isIRI(?o)) } LIMIT 1"))
            if not rows:
                return  # nothing stored yet: checked after the first write
            triple = tuple(from_ox(rows[0][v]) for v in ("s", "p", "o"))  # type: ignore[assignment]
        s, p, o = triple  # type: ignore[misc]
        if any(isinstance(t, BNode) for t in (s, p, o)):
            return
        if not self._query(with_values("ASK { ?s ?p ?o }", {"s": s, "p": p, "o": o})):
            raise StoreError(f"the SPARQL server at {self.endpoints.query} does not query the union of "
                             f"its named graphs as its default graph, and inspectkg keeps one named graph "
                             f"per document: {UNION_HELP}")
        self._union_checked = True

    # ------------------------------------------------------------ primitives
    def replace_graph_ntriples(self, name: URIRef, ntriples: str) -> None:
        _term(name)
        if self.write_method == "graph-store":
            self._send("PUT", self._graph_url(name), ntriples.encode("utf-8"), "application/n-triples")
        else:
            self._update(replace_graph_update(name, ntriples))
        if not self._union_checked:
            # A triple of IRIs only: a server may store a literal otherwise than written (Virtuoso
            # writes "true" as 1, "0.60" as 0.6), and asking for it as written would find nothing.
            first = next((t for t in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
                          if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode)), None)
            if first is not None:
                self._check_union((from_ox(first.subject), from_ox(first.predicate),  # type: ignore[arg-type]
                                   from_ox(first.object)))

    def remove_graph(self, name: URIRef) -> None:
        if self.write_method == "graph-store":
            if self.has_graph(name):
                self._send("DELETE", self._graph_url(name))
        else:
            self._update(f"DROP SILENT GRAPH {_term(name)}")

    def quads(self, s: Node | None = None, p: Node | None = None, o: Node | None = None,
              g: URIRef | None = None) -> Iterator[Quad]:
        if s is None and p is None and o is None:
            # Whole graphs: one CONSTRUCT each keeps every answer small.
            for name in [g] if g is not None else self.graph_names():
                for t in self._graph_triples(name):
                    yield (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), name)  # type: ignore[misc]
            return
        bound = {k: v for k, v in (("s", s), ("p", p), ("o", o), ("g", g)) if v is not None}
        sparql = with_values("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", bound)
        for row in self._query(sparql):
            yield (from_ox(row["s"]), from_ox(row["p"]), from_ox(row["o"]), from_ox(row["g"]))  # type: ignore[misc]

    def _graph_triples(self, name: URIRef) -> list[ox.Triple]:
        return self._query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_term(name)} {{ ?s ?p ?o }} }}")

    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> Any:
        self._check_union()
        return self._query(with_values(sparql, bindings))

    def graph_names(self) -> list[URIRef]:
        rows = self._query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(row["g"].value) for row in rows if isinstance(row["g"], ox.NamedNode))

    def has_graph(self, name: URIRef) -> bool:
        return bool(self._query(f"ASK {{ GRAPH {_term(name)} {{ ?s ?p ?o }} }}"))

    def dump(self, out: BinaryIO, fmt: str) -> None:
        if fmt == "nquads":  # graph by graph, never the whole store in memory
            for name in self.graph_names():
                g = ox.NamedNode(str(name))
                ox.serialize((ox.Quad(t.subject, t.predicate, t.object, g) for t in self._graph_triples(name)),
                             out, ox.RdfFormat.N_QUADS)
            return
        if fmt != "turtle":
            raise ValueError(f"unknown dump format {fmt!r}")
        union = ox.Store()
        for name in self.graph_names():
            g = ox.NamedNode(str(name))
            union.extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in self._graph_triples(name))
        dump_oxigraph(union, out, fmt)

    def __len__(self) -> int:
        rows = list(self._query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value) if rows else 0
