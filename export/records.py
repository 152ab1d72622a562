"""What the views are made of, read from the store with SPARQL.

One query per kind of record over the union of graphs; when the export is for
some authorities only, ``?authority`` is bound (never pasted into the text) and
the query runs once per authority. Dates, statuses and themes are filtered in
Python afterwards (filters.py), on typed records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from rdflib import URIRef
from rdflib.term import Node

from ..graph.iris import number_under
from ..graph.results import is_true
from ..graph.summary import judgement_order

PREFIXES = """PREFIX ikg: <https://w3id.org/inspectkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX earl: <http://www.w3.org/ns/earl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""

DOCUMENTS = PREFIXES + """
SELECT ?doc ?authority ?authorityName ?gss ?date ?kind ?kindLabel ?kindShort ?secondary ?title WHERE {
  ?doc a ikg:Document ; ikg:aboutAuthority ?authority ; dcterms:date ?date ;
       ikg:documentKind ?kindConcept ; ikg:isSecondarySource ?secondary .
  ?kindConcept skos:notation ?kind .
  ?authority ikg:gssCode ?gss ; skos:prefLabel ?authorityName .
  OPTIONAL { ?kindConcept skos:prefLabel ?kindLabel . }
  # A short name where the vocabulary gives one ("JTAI"), for labels drawn beside others.
  OPTIONAL { ?kindConcept skos:altLabel ?kindShort . }
  OPTIONAL { ?doc dcterms:title ?title . }
}"""

JUDGEMENTS = PREFIXES + """
SELECT ?judgement ?doc ?area ?areaLabel ?grade ?gradeLabel ?rank ?parent ?authority WHERE {
  ?doc ikg:aboutAuthority ?authority ; ikg:reportsOn ?inspection .
  ?judgement ikg:judgementOf ?inspection ; ikg:area ?areaConcept .
  ?areaConcept skos:notation ?area .
  OPTIONAL { ?areaConcept skos:prefLabel ?areaLabel . }
  OPTIONAL { ?judgement ikg:grade ?gradeConcept . ?gradeConcept skos:notation ?grade .
             OPTIONAL { ?gradeConcept skos:prefLabel ?gradeLabel . }
             OPTIONAL { ?gradeConcept ikg:gradeRank ?rank . } }
  OPTIONAL { ?judgement ikg:subJudgementOf ?parent . }
}"""

CITED = PREFIXES + """
SELECT ?cited ?doc ?citedDate ?subject ?grade ?authority WHERE {
  ?doc ikg:aboutAuthority ?authority .
  ?cited ikg:citedIn ?doc ; ikg:citedDate ?citedDate .
  OPTIONAL { ?cited ikg:citedSubject ?subject . }
  OPTIONAL { ?cited ikg:citedGrade ?grade . }
}"""

# What secondary sources (press releases, news) claim: shown beside a point's evidence, never
# evidence themselves.
CLAIMS = PREFIXES + """
SELECT ?claim ?doc ?kind ?text ?authority WHERE {
  ?claim a ikg:Claim ; ikg:claimedBy ?doc ; ikg:claimKind ?kind ; ikg:text ?text .
  ?doc ikg:aboutAuthority ?authority .
}"""

POINTS = PREFIXES + """
SELECT ?point ?doc ?ordinal ?number ?text ?heading ?status ?area ?authority WHERE {
  ?doc ikg:aboutAuthority ?authority .
  ?point ikg:raisedIn ?doc ; ikg:ordinal ?ordinal ; ikg:text ?text .
  OPTIONAL { ?point ikg:pointHeading ?heading . }
  OPTIONAL { ?point ikg:pointNumber ?number . }
  OPTIONAL { ?point ikg:currentStatus/skos:notation ?status . }
  OPTIONAL { ?point ikg:serviceArea/skos:notation ?area . }
}"""

# The parts of a bundled point (`trace` splits one when later evidence differs between its
# matters): few, so they come first and their point's document is looked up from them.
POINT_PARTS = PREFIXES + """
SELECT ?point ?ordinal ?text ?status ?authority WHERE {
  ?part ikg:partOf ?point ; ikg:ordinal ?ordinal ; ikg:text ?text .
  ?point ikg:raisedIn ?doc .
  ?doc ikg:aboutAuthority ?authority .
  OPTIONAL { ?part ikg:currentStatus/skos:notation ?status . }
}"""

POINT_THEMES = PREFIXES + """
SELECT ?point ?theme ?authority WHERE {
  ?doc ikg:aboutAuthority ?authority .
  ?point ikg:raisedIn ?doc ; ikg:theme ?theme .
}"""

ASSESSMENTS = PREFIXES + """
SELECT ?assessment ?point ?later ?verdict ?confidence ?mode ?decidedBy ?partOrdinal ?reason ?curates
       ?authority WHERE {
  ?doc ikg:aboutAuthority ?authority .
  ?point ikg:raisedIn ?doc .
  ?assessment ikg:assessedPoint ?point ; ikg:assessedBy ?later ; ikg:verdict/skos:notation ?verdict .
  OPTIONAL { ?assessment ikg:confidence ?confidence . }
  OPTIONAL { ?assessment earl:mode ?mode . }
  OPTIONAL { ?assessment prov:wasAttributedTo ?decidedBy . }
  OPTIONAL { ?assessment ikg:assessedPart/ikg:ordinal ?partOrdinal . }
  OPTIONAL { ?assessment ikg:reason ?reason . }
  OPTIONAL { ?assessment ikg:curates ?curates . }
}"""

EVIDENCE = PREFIXES + """
SELECT ?assessment ?evidence ?paragraph ?paragraphNumber ?quote ?start ?end ?polarity ?authority WHERE {
  ?doc ikg:aboutAuthority ?authority .
  ?point ikg:raisedIn ?doc .
  ?assessment ikg:assessedPoint ?point ; ikg:evidence ?evidence .
  ?evidence ikg:paragraph ?paragraph ; oa:hasSelector ?quoteSelector , ?positionSelector .
  ?quoteSelector oa:exact ?quote .
  ?positionSelector oa:start ?start ; oa:end ?end .
  OPTIONAL { ?evidence ikg:polarity ?polarity . }
  OPTIONAL { ?paragraph ikg:paragraphNumber ?paragraphNumber . }
}"""

# The same answers for the whole store, each property scanned once in its own sub-select
# and the scans hash-joined: without an authority to start from, that is 2.5-3x faster than
# looking each value up (10x corpus: assessments 1.30 against 3.09 s, evidence 0.75
# against 2.14 s; docs/benchmarks.md). For one authority the lookups are faster.
ASSESSMENTS_ALL = PREFIXES + """
SELECT ?assessment ?point ?later ?verdict ?confidence ?mode ?decidedBy ?partOrdinal ?reason ?curates
       ?authority WHERE {
  { SELECT ?assessment ?point WHERE { ?assessment ikg:assessedPoint ?point } }
  { SELECT ?point ?doc WHERE { ?point ikg:raisedIn ?doc } }
  { SELECT ?doc ?authority WHERE { ?doc ikg:aboutAuthority ?authority } }
  { SELECT ?assessment ?later WHERE { ?assessment ikg:assessedBy ?later } }
  { SELECT ?assessment ?verdictConcept WHERE { ?assessment ikg:verdict ?verdictConcept } }
  { SELECT ?verdictConcept ?verdict WHERE { ?verdictConcept skos:notation ?verdict } }
  OPTIONAL { { SELECT ?assessment ?confidence WHERE { ?assessment ikg:confidence ?confidence } } }
  OPTIONAL { { SELECT ?assessment ?mode WHERE { ?assessment earl:mode ?mode } } }
  OPTIONAL { { SELECT ?assessment ?decidedBy WHERE { ?assessment prov:wasAttributedTo ?decidedBy } } }
  OPTIONAL { { SELECT ?assessment ?partOrdinal WHERE {
      { SELECT ?assessment ?part WHERE { ?assessment ikg:assessedPart ?part } }
      { SELECT ?part ?partOrdinal WHERE { ?part ikg:ordinal ?partOrdinal } } } } }
  OPTIONAL { { SELECT ?assessment ?reason WHERE { ?assessment ikg:reason ?reason } } }
  OPTIONAL { { SELECT ?assessment ?curates WHERE { ?assessment ikg:curates ?curates } } }
}"""

EVIDENCE_ALL = PREFIXES + """
SELECT ?assessment ?evidence ?paragraph ?paragraphNumber ?quote ?start ?end ?polarity ?authority WHERE {
  { SELECT ?assessment ?evidence WHERE { ?assessment ikg:evidence ?evidence } }
  { SELECT ?assessment ?point WHERE { ?assessment ikg:assessedPoint ?point } }
  { SELECT ?point ?doc WHERE { ?point ikg:raisedIn ?doc } }
  { SELECT ?doc ?authority WHERE { ?doc ikg:aboutAuthority ?authority } }
  { SELECT ?evidence ?paragraph WHERE { ?evidence ikg:paragraph ?paragraph } }
  { SELECT ?evidence ?quote WHERE {
      { SELECT ?evidence ?quoteSelector WHERE { ?evidence oa:hasSelector ?quoteSelector } }
      { SELECT ?quoteSelector ?quote WHERE { ?quoteSelector oa:exact ?quote } } } }
  { SELECT ?evidence ?start ?end WHERE {
      { SELECT ?evidence ?positionSelector WHERE { ?evidence oa:hasSelector ?positionSelector } }
      { SELECT ?positionSelector ?start WHERE { ?positionSelector oa:start ?start } }
      { SELECT ?positionSelector ?end WHERE { ?positionSelector oa:end ?end } } } }
  OPTIONAL { { SELECT ?evidence ?polarity WHERE { ?evidence ikg:polarity ?polarity } } }
  OPTIONAL { { SELECT ?paragraph ?paragraphNumber WHERE { ?paragraph ikg:paragraphNumber ?paragraphNumber } } }
}"""

# A regression with the sentence that praised the matter and its span.
RELATED = PREFIXES + """
SELECT ?point ?relation ?other ?quote ?start ?end ?authority WHERE {
  ?doc ikg:aboutAuthority ?authority .
  ?point ikg:raisedIn ?doc .
  { ?point ikg:recurrenceOf ?other . BIND ("recurrence of" AS ?relation) }
  UNION {
    ?point ikg:regressionEvidence ?praising .
    ?praising ikg:paragraph ?other ;
              oa:hasSelector ?quoteSelector , ?positionSelector .
    ?quoteSelector oa:exact ?quote .
    ?positionSelector oa:start ?start ; oa:end ?end .
    BIND ("regression of" AS ?relation)
  }
}"""

# The paragraphs the views show, named: a sixth or so of a store's paragraphs, whose values
# are looked up, where reading every paragraph's text to keep a few took 5.1 of an export's
# 14 s on the 10x corpus (docs/benchmarks.md).
PARAGRAPHS = PREFIXES + """
SELECT ?paragraph ?doc ?number ?text ?finding WHERE {
  VALUES ?paragraph { %s }
  ?paragraph ikg:inDocument ?doc ; ikg:text ?text .
  OPTIONAL { ?paragraph ikg:paragraphNumber ?number . }
  OPTIONAL { ?paragraph a ikg:Finding . BIND (true AS ?finding) }
}"""
IRIS_PER_QUERY = 1000


def iri_values(iris: list[str]) -> Iterator[str]:
    """The IRIs for a query's ``VALUES`` block, a thousand at a time: a query that names
    what it wants reads only that, where a scan would read everything."""
    for i in range(0, len(iris), IRIS_PER_QUERY):
        yield " ".join(f"<{iri}>" for iri in iris[i:i + IRIS_PER_QUERY])

# Who decided a verdict: the method's software agent or an analyst. The few agents are
# found first and then named: naming each verdict's agent took 9.4 s on the 30x corpus.
AGENTS = PREFIXES + """
SELECT DISTINCT ?agent ?name WHERE {
  { SELECT DISTINCT ?agent WHERE { ?assessment prov:wasAttributedTo ?agent . } }
  { ?agent rdfs:label ?name . } UNION { ?agent foaf:name ?name . }
}"""

PARAGRAPH_THEMES = PREFIXES + """
SELECT ?paragraph ?theme ?authority WHERE {
  ?doc ikg:aboutAuthority ?authority .
  ?paragraph ikg:inDocument ?doc ; ikg:theme ?theme .
}"""

PARAGRAPH_THEMES_ALL = PREFIXES + """
SELECT ?paragraph ?theme ?authority WHERE {
  { SELECT ?paragraph ?theme WHERE { ?paragraph ikg:theme ?theme } }
  { SELECT ?paragraph ?doc WHERE { ?paragraph ikg:inDocument ?doc } }
  { SELECT ?doc ?authority WHERE { ?doc ikg:aboutAuthority ?authority } }
}"""

THEMES = PREFIXES + """
SELECT ?theme ?notation ?label ?broader WHERE {
  ?theme skos:inScheme <https://w3id.org/inspectkg/vocab/themes> ; skos:notation ?notation .
  OPTIONAL { ?theme skos:prefLabel ?label . }
  OPTIONAL { ?theme skos:broader ?broader . }
}"""


class SparqlSource(Protocol):
    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> Any: ...


@dataclass
class Judgement:
    iri: str
    area: str
    area_label: str
    grade: str | None
    grade_label: str | None
    rank: int | None
    parent: str | None


@dataclass
class Cited:
    iri: str
    date: str
    subject: str | None
    grade: str | None


class Claim(NamedTuple):
    iri: str
    kind: str  # recommendations-addressed, grade
    text: str


@dataclass
class Document:
    iri: str
    authority: str
    authority_name: str
    gss: str
    date: str
    kind: str
    kind_label: str
    secondary: bool
    title: str
    judgements: list[Judgement] = field(default_factory=list)
    kind_short: str | None = None  # the vocabulary's short name for the kind, where it has one
    cited: list[Cited] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)  # a secondary source's, in its order


@dataclass
class Evidence:
    iri: str
    paragraph: str
    paragraph_number: int | None
    quote: str
    start: int
    end: int
    polarity: str | None


@dataclass
class Assessment:
    iri: str
    later: str
    verdict: str
    confidence: float | None
    mode: str
    decided_by: str
    part: int | None
    reason: str
    curates: str | None
    evidence: list[Evidence] = field(default_factory=list)
    automatic_verdict: str | None = None  # set when an analyst's verdict replaced it


class Related(NamedTuple):
    """A link from a point: to an earlier point (recurrence of) or to the paragraph that
    praised its matter (regression of), with the praising sentence and its span."""
    relation: str
    other: str  # the earlier point's or the paragraph's IRI
    quote: str | None = None
    start: int | None = None
    end: int | None = None


class PointPart(NamedTuple):
    ordinal: int
    text: str
    status: str


@dataclass
class Point:
    iri: str
    doc: str
    ordinal: int
    number: int | None
    text: str
    heading: str
    status: str
    area: str | None
    themes: set[str] = field(default_factory=set)
    assessments: list[Assessment] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    parts: list[PointPart] = field(default_factory=list)  # in order, when the point was split


@dataclass
class Paragraph:
    iri: str
    doc: str
    number: int | None
    text: str
    finding: bool
    themes: set[str] = field(default_factory=set)


@dataclass
class Theme:
    iri: str
    notation: str
    label: str
    broader: set[str] = field(default_factory=set)


@dataclass
class Records:
    documents: dict[str, Document]
    points: dict[str, Point]
    paragraphs: dict[str, Paragraph]
    themes: dict[str, Theme]


def _v(row: Any, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


def _int(row: Any, name: str) -> int | None:
    value = _v(row, name)
    return None if value is None else int(value)


def _rows(store: SparqlSource, sparql: str, authorities: list[URIRef] | None,
          whole: str | None = None) -> list[Any]:
    """The rows of ``sparql`` for each authority, or for every authority at once
    (by the ``whole``-store form of the query, where it has one)."""
    if authorities is None:
        return list(store.query(whole or sparql))
    return [row for a in authorities for row in store.query(sparql, {"authority": a})]


def read_themes(store: SparqlSource) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for row in store.query(THEMES):
        iri = _v(row, "theme")
        t = themes.setdefault(iri, Theme(iri, _v(row, "notation"), _v(row, "label") or _v(row, "notation")))  # type: ignore[arg-type]
        if _v(row, "broader"):
            t.broader.add(_v(row, "broader"))  # type: ignore[arg-type]
    return themes


def read_documents(store: SparqlSource, authorities: list[URIRef] | None = None) -> dict[str, Document]:
    docs: dict[str, Document] = {}
    for row in _rows(store, DOCUMENTS, authorities):
        iri = _v(row, "doc")
        docs[iri] = Document(iri, _v(row, "authority"), _v(row, "authorityName"), _v(row, "gss"),  # type: ignore[arg-type, index]
                             _v(row, "date"), _v(row, "kind"), _v(row, "kindLabel") or _v(row, "kind"),  # type: ignore[arg-type]
                             is_true(_v(row, "secondary")), _v(row, "title") or "", kind_short=_v(row, "kindShort"))
    for row in _rows(store, JUDGEMENTS, authorities):
        doc = docs.get(_v(row, "doc"))  # type: ignore[arg-type]
        if doc is not None:
            doc.judgements.append(Judgement(_v(row, "judgement"), _v(row, "area"),  # type: ignore[arg-type]
                                            _v(row, "areaLabel") or _v(row, "area"), _v(row, "grade"),  # type: ignore[arg-type]
                                            _v(row, "gradeLabel"), _int(row, "rank"), _v(row, "parent")))
    for row in _rows(store, CITED, authorities):
        doc = docs.get(_v(row, "doc"))  # type: ignore[arg-type]
        if doc is not None:
            doc.cited.append(Cited(_v(row, "cited"), _v(row, "citedDate"), _v(row, "subject"),  # type: ignore[arg-type]
                                   _v(row, "grade")))
    for row in _rows(store, CLAIMS, authorities):
        doc = docs.get(_v(row, "doc"))  # type: ignore[arg-type]
        if doc is not None:
            doc.claims.append(Claim(_v(row, "claim"), _v(row, "kind"), _v(row, "text")))  # type: ignore[arg-type]
    for doc in docs.values():
        areas = {j.iri: j.area for j in doc.judgements}
        doc.judgements.sort(key=lambda j: judgement_order(j.area, areas.get(j.parent) if j.parent else None))
        doc.cited.sort(key=lambda c: number_under(c.iri))  # as the document cites them
        doc.claims.sort(key=lambda c: number_under(c.iri))  # as the document says them
    return docs


def read_points(store: SparqlSource, authorities: list[URIRef] | None = None) -> dict[str, Point]:
    points: dict[str, Point] = {}
    for row in _rows(store, POINTS, authorities):
        iri = _v(row, "point")
        points[iri] = Point(iri, _v(row, "doc"), _int(row, "ordinal"), _int(row, "number"),  # type: ignore[arg-type, index]
                            _v(row, "text"), _v(row, "heading") or "",  # type: ignore[arg-type]
                            _v(row, "status") or "not_traced", _v(row, "area"))
    for row in _rows(store, POINT_THEMES, authorities):
        if _v(row, "point") in points:
            points[_v(row, "point")].themes.add(_v(row, "theme"))  # type: ignore[index, arg-type]
    for row in _rows(store, POINT_PARTS, authorities):
        if _v(row, "point") in points:
            points[_v(row, "point")].parts.append(PointPart(  # type: ignore[index]
                _int(row, "ordinal"), _v(row, "text"), _v(row, "status") or "not_traced"))  # type: ignore[arg-type]
    for p in points.values():
        p.parts.sort()
    agents = {_v(row, "agent"): _v(row, "name") for row in store.query(AGENTS)}
    assessments: dict[str, Assessment] = {}
    owner: dict[str, str] = {}
    for row in _rows(store, ASSESSMENTS, authorities, ASSESSMENTS_ALL):
        iri = _v(row, "assessment")
        confidence = _v(row, "confidence")
        mode = (_v(row, "mode") or "").rpartition("#")[2] or "automatic"
        assessments[iri] = Assessment(iri, _v(row, "later"), _v(row, "verdict"),  # type: ignore[arg-type, index]
                                      float(confidence) if confidence is not None else None, mode,
                                      agents.get(_v(row, "decidedBy")) or "", _int(row, "partOrdinal"),
                                      _v(row, "reason") or "", _v(row, "curates"))
        owner[iri] = _v(row, "point")  # type: ignore[arg-type, index]
    for row in _rows(store, EVIDENCE, authorities, EVIDENCE_ALL):
        a = assessments.get(_v(row, "assessment"))  # type: ignore[arg-type]
        if a is not None and all(e.iri != _v(row, "evidence") for e in a.evidence):
            a.evidence.append(Evidence(_v(row, "evidence"), _v(row, "paragraph"),  # type: ignore[arg-type]
                                       _int(row, "paragraphNumber"), _v(row, "quote"), _int(row, "start"),  # type: ignore[arg-type]
                                       _int(row, "end"), _v(row, "polarity")))  # type: ignore[arg-type]
    # An analyst's verdict replaces the automatic one it curates; both stay in the store.
    curated = {a.curates: a for a in assessments.values() if a.curates}
    for iri, a in sorted(assessments.items(), key=lambda kv: kv[0]):
        if iri in curated or owner[iri] not in points:
            continue
        if a.curates and a.curates in assessments:
            a.automatic_verdict = assessments[a.curates].verdict
        a.evidence.sort(key=lambda e: e.start)
        points[owner[iri]].assessments.append(a)
    for row in _rows(store, RELATED, authorities):
        if _v(row, "point") in points:
            points[_v(row, "point")].related.append(Related(  # type: ignore[index]
                _v(row, "relation"), _v(row, "other"), _v(row, "quote"), _int(row, "start"), _int(row, "end")))  # type: ignore[arg-type]
    for p in points.values():
        p.related.sort(key=lambda r: (r.relation, r.other))
    return points


def read_paragraphs(store: SparqlSource, points: dict[str, Point],
                    authorities: list[URIRef] | None = None, tagged: bool = True) -> dict[str, Paragraph]:
    """The paragraphs the views show: quoted as evidence, praised before a
    regression, or (``tagged``, for the themes view) tagged with a theme."""
    themes: dict[str, set[str]] = defaultdict(set)
    if tagged:
        for row in _rows(store, PARAGRAPH_THEMES, authorities, PARAGRAPH_THEMES_ALL):
            themes[_v(row, "paragraph")].add(_v(row, "theme"))  # type: ignore[index, arg-type]
    wanted = set(themes)
    for p in points.values():
        wanted.update(e.paragraph for a in p.assessments for e in a.evidence)
        wanted.update(r.other for r in p.related if r.relation == "regression of")
    paragraphs: dict[str, Paragraph] = {}
    for names in iri_values(sorted(wanted)):
        for row in store.query(PARAGRAPHS % names):
            iri = _v(row, "paragraph")
            paragraphs[iri] = Paragraph(iri, _v(row, "doc"), _int(row, "number"), _v(row, "text"),  # type: ignore[arg-type, index]
                                        is_true(_v(row, "finding")), themes.get(iri, set()))  # type: ignore[arg-type]
    return paragraphs


def read_records(store: SparqlSource, authorities: list[URIRef] | None = None,
                 tagged_paragraphs: bool = True) -> Records:
    """Everything the views are drawn from. Only the themes view shows the paragraphs tagged
    with a theme and not quoted: the others leave them unread (``tagged_paragraphs``), which
    on a national store are most of its paragraphs (the whole country's trail view read
    310,067 tags and the texts of their paragraphs for nothing)."""
    points = read_points(store, authorities)
    return Records(read_documents(store, authorities), points,
                   read_paragraphs(store, points, authorities, tagged_paragraphs), read_themes(store))
