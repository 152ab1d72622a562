"""The documents, paragraphs, points and claims of authorities, read from the store."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from ..graph.results import is_true
from ..graph.store import GraphStore

_PREFIXES = """
PREFIX ikg: <https://w3id.org/inspectkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
DOCS = _PREFIXES + """
SELECT DISTINCT ?doc ?authority ?date ?kind ?secondary ?gss ?name ?source ?hash WHERE {
  ?doc a ikg:Document ; ikg:aboutAuthority ?authority ; dcterms:date ?date ; ikg:sourceFile ?source ;
       ikg:contentHash ?hash ;
       ikg:documentKind/skos:notation ?kind ; ikg:isSecondarySource ?secondary .
  ?authority ikg:gssCode ?gss ; skos:prefLabel ?name .
}"""
SCOPES = _PREFIXES + """
SELECT DISTINCT ?doc ?area ?statement WHERE {
  VALUES ?doc { %s }
  ?doc ikg:reportsOn ?ins .
  OPTIONAL { ?ins ikg:scope/skos:notation ?area . }
  OPTIONAL { ?ins ikg:scopeStatement ?statement . }
}"""
# Where each visit's statement of its scope is printed. A query of its own: as an OPTIONAL of
# SCOPES it was looked up for every document, and loading a national store's documents took 46 s
# instead of 34 s.
SCOPE_SPANS = _PREFIXES + """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?doc ?para ?start ?end ?quote WHERE {
  VALUES ?doc { %s }
  ?doc ikg:reportsOn ?ins .
  ?ins ikg:scopeStatement ?statement ; ikg:evidence ?ev .
  ?ev ikg:supportsProperty ikg:scopeStatement ; ikg:paragraph ?para ; oa:hasSelector ?position, ?selected .
  ?position oa:start ?start ; oa:end ?end .
  ?selected oa:exact ?quote .
}"""
PARAS = _PREFIXES + """
SELECT ?p ?doc ?seq ?kind ?text ?start ?number ?area ?finding ?strength ?heading WHERE {
  VALUES ?doc { %s }
  ?p ikg:inDocument ?doc ; ikg:sequence ?seq ; ikg:blockKind ?kind ; ikg:text ?text ; ikg:startOffset ?start .
  OPTIONAL { ?p ikg:paragraphNumber ?number . }
  OPTIONAL { ?p ikg:serviceArea/skos:notation ?area . }
  OPTIONAL { ?p a ikg:Finding . BIND (true AS ?finding) }
  OPTIONAL { ?p a ikg:Strength . BIND (true AS ?strength) }
  OPTIONAL { ?p ikg:inSection/ikg:heading ?heading . }
}"""
POINTS = _PREFIXES + """
SELECT ?point ?doc ?ordinal ?number ?text ?area ?para ?heading WHERE {
  VALUES ?doc { %s }
  ?point ikg:raisedIn ?doc ; ikg:ordinal ?ordinal ; ikg:text ?text ; ikg:pointHeading ?heading ;
         ikg:evidence/ikg:paragraph ?para .
  OPTIONAL { ?point ikg:pointNumber ?number . }
  OPTIONAL { ?point ikg:serviceArea/skos:notation ?area . }
}"""
CLAIMS = _PREFIXES + """
SELECT ?claim ?doc ?text ?kind WHERE {
  VALUES ?doc { %s }
  ?claim ikg:claimedBy ?doc ; ikg:text ?text ; ikg:claimKind ?kind .
}"""


@dataclass
class Paragraph:
    iri: str
    doc: str
    seq: int
    kind: str
    text: str
    start: int
    number: int | None
    area: str | None
    finding: bool
    strength: bool
    heading: str | None


@dataclass
class Point:
    iri: str
    doc: str
    ordinal: int
    number: int | None
    text: str
    area: str | None
    paragraph: str
    heading: str


@dataclass
class Claim:
    iri: str
    doc: str
    text: str
    kind: str


@dataclass
class Document:
    iri: str
    authority: str
    gss: str
    authority_name: str
    date: dt.date
    kind: str
    secondary: bool
    source: str = ""
    content_hash: str = ""
    scope_areas: set[str] = field(default_factory=set)
    scope_statement: str | None = None
    # Where the statement is printed: its paragraph's IRI, its offsets and the text there.
    scope_span: tuple[str, int, int, str] | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def _v(row: object, name: str) -> str | None:
    term = row[name]  # type: ignore[index]
    return None if term is None else term.value


def load_documents(store: GraphStore, authority: URIRef | None = None) -> dict[str, Document]:
    """Every document (of one authority, if given) with its paragraphs, points and claims."""
    binding = {"authority": authority} if authority is not None else None
    docs: dict[str, Document] = {}
    for r in store.query(DOCS, binding):
        docs[_v(r, "doc")] = Document(  # type: ignore[index]
            iri=_v(r, "doc"), authority=_v(r, "authority"), gss=_v(r, "gss"),  # type: ignore[arg-type]
            authority_name=_v(r, "name"), date=dt.date.fromisoformat(_v(r, "date")),  # type: ignore[arg-type]
            kind=_v(r, "kind"), secondary=is_true(_v(r, "secondary")),  # type: ignore[arg-type]
            source=_v(r, "source") or "", content_hash=_v(r, "hash") or "")
    if not docs:
        return docs
    # The other queries start from the documents' IRIs: bound as VALUES the
    # store reads only those documents' statements, about 8x faster on a
    # national store than joining through ?authority.
    values = " ".join(f"<{iri}>" for iri in docs)
    for r in store.query(SCOPES % values):
        d = docs.get(_v(r, "doc"))  # type: ignore[arg-type]
        if d is None:
            continue
        if _v(r, "area"):
            d.scope_areas.add(_v(r, "area"))  # type: ignore[arg-type]
        if _v(r, "statement"):
            d.scope_statement = _v(r, "statement")
    for r in store.query(SCOPE_SPANS % values):
        d = docs.get(_v(r, "doc"))  # type: ignore[arg-type]
        if d is not None:
            d.scope_span = (_v(r, "para"), int(_v(r, "start")), int(_v(r, "end")), _v(r, "quote"))  # type: ignore[arg-type]
    seen: set[str] = set()
    for r in store.query(PARAS % values):
        iri = _v(r, "p")
        d = docs.get(_v(r, "doc"))  # type: ignore[arg-type]
        if d is None or iri in seen:  # a paragraph in two sections' OPTIONAL rows
            continue
        seen.add(iri)  # type: ignore[arg-type]
        number = _v(r, "number")
        d.paragraphs.append(Paragraph(
            iri=iri, doc=d.iri, seq=int(_v(r, "seq")), kind=_v(r, "kind"), text=_v(r, "text"),  # type: ignore[arg-type]
            start=int(_v(r, "start")), number=int(number) if number else None,  # type: ignore[arg-type]
            area=_v(r, "area"), finding=_v(r, "finding") is not None,
            strength=_v(r, "strength") is not None, heading=_v(r, "heading")))
    for d in docs.values():
        d.paragraphs.sort(key=lambda p: p.seq)
    for r in store.query(POINTS % values):
        d = docs.get(_v(r, "doc"))  # type: ignore[arg-type]
        if d is None:
            continue
        number = _v(r, "number")
        d.points.append(Point(
            iri=_v(r, "point"), doc=d.iri, ordinal=int(_v(r, "ordinal")),  # type: ignore[arg-type]
            number=int(number) if number else None, text=_v(r, "text"), area=_v(r, "area"),  # type: ignore[arg-type]
            paragraph=_v(r, "para"), heading=_v(r, "heading")))  # type: ignore[arg-type]
    for d in docs.values():
        d.points.sort(key=lambda p: p.ordinal)
    for r in store.query(CLAIMS % values):
        d = docs.get(_v(r, "doc"))  # type: ignore[arg-type]
        if d is not None:
            d.claims.append(Claim(_v(r, "claim"), d.iri, _v(r, "text"), _v(r, "kind")))  # type: ignore[arg-type]
    return docs


def by_authority(docs: dict[str, Document]) -> dict[str, list[Document]]:
    """Each authority's documents, oldest first."""
    out: dict[str, list[Document]] = defaultdict(list)
    for d in docs.values():
        out[d.authority].append(d)
    for trail in out.values():
        trail.sort(key=lambda d: (d.date, d.kind))
    return out
