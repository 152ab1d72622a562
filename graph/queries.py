"""The query library: named SPARQL files with a self-describing header.

Header format (comment lines at the top of each ``queries/*.rq``)::

    # Which improvement points did an authority receive?      <- the question
    # More explanation lines ...
    # @param authority authority Hertfordshire - name or GSS code of an authority
    # @column point - the improvement point's IRI

Parameters reach SPARQL as bound RDF terms (Oxigraph substitutions; a VALUES block for
rdflib and remote servers, written as N-Triples terms), typed and checked first: never
pasted into the query text as the user typed them.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.term import Node

from .. import resources
from ..reports import authorities
from ..reports.errors import InspectkgError
from . import iris
from .store import GraphStore, from_ox

PARAM_TYPES = ("string", "integer", "date", "iri", "authority", "status", "area", "kind")


class QueryError(InspectkgError):
    pass


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    example: str
    description: str
    optional: bool = False


@dataclass
class NamedQuery:
    name: str
    sparql: str
    title: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)
    # "@focus PATTERN": the triple pattern, as written in the query, that
    # finds the reported ?entity in its own graph (violation queries only).
    focus: str | None = None

    def bind(self, values: dict[str, str]) -> dict[str, Node]:
        """Check and convert user values to RDF terms; raise QueryError naming what is wrong."""
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)}; "
                             f"it takes: {self._param_list()}")
        missing = [p.name for p in self.params if p.name not in values and not p.optional]
        if missing:
            raise QueryError(f"query {self.name!r} needs --param {missing[0]}=VALUE "
                             f"(parameters: {self._param_list()})")
        return {p.name: to_term(p, values[p.name]) for p in self.params if p.name in values}

    def _param_list(self) -> str:
        if not self.params:
            return "no parameters"
        return ", ".join(f"{p.name} ({p.type}{', optional' if p.optional else ''}, e.g. {p.example})"
                         for p in self.params)

    def run(self, store: GraphStore, values: dict[str, str] | None = None) -> QueryResult:
        return run_sparql(store, self.sparql, self.bind(values or {}))


def to_term(param: Param, raw: str) -> Node:
    value = raw.strip()
    try:
        if param.type == "string":
            return Literal(value, datatype=XSD.string)
        if param.type == "integer":
            return Literal(int(value), datatype=XSD.integer)
        if param.type == "date":
            return Literal(dt.date.fromisoformat(value).isoformat(), datatype=XSD.date)
        if param.type == "iri":
            if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|^`\\]+", value):
                raise ValueError("not an absolute IRI")
            return URIRef(value)
        if param.type == "authority":
            return iris.authority(authorities.lookup(value).gss)
        if param.type in ("status", "area", "kind"):
            return _concept(param.type, value)
    except ValueError as exc:
        raise QueryError(f"--param {param.name}={raw!r}: expected {param.type} ({exc})") from None
    raise QueryError(f"parameter {param.name} has unknown type {param.type}")


_CONCEPT = {"status": iris.status_concept, "area": iris.area_concept, "kind": iris.kind_concept}


def _concept(kind: str, value: str) -> URIRef:
    """The vocabulary concept a notation names."""
    check_notation(kind, value)
    return _CONCEPT[kind](value)


def check_notation(vocabulary: str, value: str) -> None:
    """A notation the vocabulary (``status``, ``area``, ``kind``) does not have is an error, not
    a concept no triple uses: 'not_adressed' would otherwise answer "(no results)". The
    ValueError says the closest notation and all of them."""
    known = vocabulary_notations()[vocabulary]
    if value not in known:
        close = difflib.get_close_matches(value, known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise ValueError(f"{hint}one of {', '.join(known)}")


@cache
def vocabulary_notations() -> dict[str, tuple[str, ...]]:
    """The notations of each vocabulary (``status``, ``area``, ``kind``), from the vocabulary
    file the store is built with, parsed once however many parameters ask."""
    g = Graph().parse(source=str(resources.ontology_file("vocabularies.ttl")), format="turtle")
    skos_notation = URIRef("http://www.w3.org/2004/02/skos/core#notation")
    pairs = [(str(s), str(o)) for s, o in g.subject_objects(skos_notation)]
    out = {}
    for kind, concept in _CONCEPT.items():
        prefix = str(concept("x"))[:-1]
        out[kind] = tuple(sorted(o for s, o in pairs if s.startswith(prefix)))
    return out


class QueryResult:
    """SELECT rows, or the triples a CONSTRUCT / DESCRIBE query built.

    A store's triples are kept as the engine gave them and become an rdflib
    ``graph`` only when asked: building one costs about 100 µs a triple (7 s
    for the 64,000 triples of one authority on a national store), and
    ``serialize`` writes them through Oxigraph without it."""

    def __init__(self, variables: list[str], rows: list[dict[str, Node]], graph: Graph | None = None,
                 triples: list[ox.Triple] | None = None, prefixes: dict[str, str] | None = None) -> None:
        self.variables = variables
        self.rows = rows
        self._graph = graph
        self._triples = triples
        self.prefixes = prefixes or {}

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def is_graph(self) -> bool:
        return self._graph is not None or self._triples is not None

    @property
    def triple_count(self) -> int:
        return len(self._triples) if self._triples is not None else len(self._graph or ())

    @property
    def graph(self) -> Graph | None:
        if self._graph is None and self._triples is not None:
            self._graph = Graph()
            for t in self._triples:
                self._graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
        return self._graph

    def serialize(self, fmt: str) -> str:
        """The triples as ``turtle``, ``nt`` or ``json-ld`` text."""
        if self._triples is None:
            return self.graph.serialize(format=fmt) if self.graph is not None else ""
        rdf_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                      "json-ld": ox.RdfFormat.JSON_LD}[fmt]
        data = ox.serialize(self._triples, format=rdf_format,
                            prefixes=self.prefixes if rdf_format != ox.RdfFormat.N_TRIPLES else None)
        return data.decode("utf-8")


# The first keyword of a SPARQL Update, after its prologue and comments.
_UPDATE = re.compile(r"^(?:\s|#[^\n]*\n|(?:PREFIX\s+[^:\s]*:\s*<[^>]*>|BASE\s*<[^>]*>))*"
                     r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
READ_ONLY = ("queries read the store and do not change it (SELECT, ASK, CONSTRUCT, DESCRIBE); this is a "
             "SPARQL Update, which is not run: documents are written by `inspectkg build`")


def syntax_error(sparql: str, exc: SyntaxError) -> str:
    """What to tell the user about a query the engine cannot parse: an update sent as a query
    is named as such, not as "expected CONSTRUCT"."""
    return READ_ONLY if _UPDATE.match(sparql) else f"SPARQL syntax error: {exc}"


def run_sparql(store: GraphStore, sparql: str, bindings: dict[str, Node] | None = None) -> QueryResult:
    try:
        results = store.query(sparql, bindings)
    except SyntaxError as exc:
        raise QueryError(syntax_error(sparql, exc)) from None
    except OSError as exc:
        raise QueryError(f"the query failed: {exc}") from None
    if isinstance(results, bool):
        return QueryResult(["ask"], [{"ask": Literal(results)}])
    if not hasattr(results, "variables"):  # CONSTRUCT / DESCRIBE: triples
        # A graph is a set: a query may build the same triple more than once.
        return QueryResult([], [], triples=list(dict.fromkeys(results)), prefixes=declared_prefixes(sparql))
    variables = [v.value for v in results.variables]
    # A solution's terms by position: looking each up by name costs three times as long
    # (0.24 s against 0.08 s for the 9,000 rows of improvement-points on a national store).
    columns = list(enumerate(variables))
    rows = []
    for solution in results:
        row = {}
        for i, v in columns:
            term = solution[i]
            if term is not None:
                row[v] = from_ox(term)
        rows.append(row)
    return QueryResult(variables, rows)


def declared_prefixes(sparql: str) -> dict[str, str]:
    """The PREFIX declarations of a query, for writing its triples back with them."""
    return dict(re.findall(r"^\s*PREFIX\s+([\w-]*):\s*<([^>]*)>", sparql, re.I | re.M))


def parse_header(name: str, sparql: str) -> NamedQuery:
    q = NamedQuery(name=name, sparql=sparql)
    prose: list[str] = []
    for line in sparql.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        text = line.lstrip("#").strip()
        if text.startswith("@param"):
            m = re.match(r"@param\s+(\w+)\s+(\w+)(\?)?\s+(\S+)\s*-\s*(.*)", text)
            if not m or m.group(2) not in PARAM_TYPES:
                raise QueryError(f"{name}.rq: malformed @param line: {text}")
            q.params.append(Param(m.group(1), m.group(2), m.group(4), m.group(5), bool(m.group(3))))
        elif text.startswith("@focus"):
            q.focus = text[len("@focus"):].strip()
            if q.focus not in sparql.split("@focus", 1)[1].split("\n", 1)[1]:
                raise QueryError(f"{name}.rq: the @focus pattern is not in the query: {q.focus}")
        elif text.startswith("@column"):
            m = re.match(r"@column\s+(\w+)\s*-\s*(.*)", text)
            if m:
                q.columns.append((m.group(1), m.group(2)))
        elif text:
            prose.append(text)
    q.title = prose[0] if prose else name
    q.description = " ".join(prose[1:])
    return q


@lru_cache(maxsize=1)
def library() -> tuple[NamedQuery, ...]:
    return tuple(parse_header(f.name[:-3], f.read_text(encoding="utf-8")) for f in resources.query_files())


def find_query(name_or_file: str) -> NamedQuery:
    """A library query by name, or a user's .rq file."""
    if name_or_file.endswith(".rq") and Path(name_or_file).is_file():
        path = Path(name_or_file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise QueryError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise QueryError(f"{path}: not UTF-8 text, which a SPARQL query is (save it as UTF-8)") from None
        return parse_header(path.stem, text)
    for q in library():
        if q.name == name_or_file:
            return q
    if name_or_file.endswith(".rq"):
        raise QueryError(f"{name_or_file}: no such query file")
    names = ", ".join(q.name for q in library())
    raise QueryError(f"no query named {name_or_file!r}. Known queries: {names}. "
                     "Or give the path of a .rq file.")


def catalogue(queries: tuple[NamedQuery, ...], fmt: str = "table") -> str:
    """The library as `query --list` prints it: text to read, or one record per query (json, csv)
    for tools that build forms or documentation from it."""
    if fmt == "json":
        return json.dumps([{"name": q.name, "title": q.title,
                            "params": [{"name": p.name, "type": p.type, "optional": p.optional,
                                        "example": p.example, "description": p.description} for p in q.params],
                            "columns": [{"name": c, "description": d} for c, d in q.columns]}
                           for q in queries], indent=2, ensure_ascii=False)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(["name", "title", "params", "columns"])
        for q in queries:
            writer.writerow([q.name, q.title,
                             " ".join(f"{p.name}={p.type}{'?' if p.optional else ''}" for p in q.params),
                             " ".join(c for c, _ in q.columns)])
        return buf.getvalue()
    lines = []
    for q in queries:
        lines.append(f"{q.name}\n    {q.title}")
        for p in q.params:
            opt = ", optional" if p.optional else ""
            lines.append(f"    --param {p.name}=<{p.type}{opt}>  e.g. {p.example}: {p.description}")
        lines.extend(f"    column {col}: {desc}" for col, desc in q.columns)
    return "\n".join(lines)
