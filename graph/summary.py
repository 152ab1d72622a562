"""Per-document summaries (the `reports` command) and store statistics, read from the store."""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from . import iris
from .queries import find_query
from .results import is_true
from .store import GraphStore


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 authority', '2 authorities': a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


_PREFIXES = """
PREFIX ikg: <https://w3id.org/inspectkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""

DOCUMENTS = _PREFIXES + """
SELECT ?doc ?source ?kind ?a ?name ?gss ?la ?date ?start ?end ?published ?letter WHERE {
  ?doc a ikg:Document ; ikg:sourceFile ?source ; ikg:documentKind/skos:notation ?kind ;
       ikg:aboutAuthority ?a ; dcterms:date ?date .
  ?a skos:prefLabel ?name ; ikg:gssCode ?gss ; ikg:laCode ?la .
  OPTIONAL { ?doc ikg:reportsOn/ikg:fieldworkStart ?start . }
  OPTIONAL { ?doc ikg:reportsOn/ikg:fieldworkEnd ?end . }
  OPTIONAL { ?doc dcterms:issued ?published . }
  OPTIONAL { ?doc ikg:letterDate ?letter . }
}"""

# How many findings each document holds (one without any has no row). The findings and what
# they are in are each scanned once and hash-joined: looking up each document's findings took
# ten times as long on a national store (2.4 s against 0.24 s).
FINDINGS = _PREFIXES + """
SELECT ?doc (COUNT(?f) AS ?findings) WHERE {
  { SELECT ?f WHERE { ?f a ikg:Finding } }
  { SELECT ?f ?doc WHERE { ?f ikg:inDocument ?doc } }
} GROUP BY ?doc"""

# Each document's own spelling: one person is one IRI across documents (names are matched
# case-blind), so "McLaughlin" in one document and "Mclaughlin" in another would otherwise
# both be listed under each. The name is stated in the graph of the document that prints it.
INSPECTORS = _PREFIXES + """
SELECT DISTINCT ?doc ?ins ?name ?role WHERE {
  GRAPH ?g {
    ?doc ikg:reportsOn ?ins .
    { ?ins ikg:leadInspector ?p . BIND ("lead" AS ?role) }
    UNION { ?ins ikg:teamInspector ?p . BIND ("team" AS ?role) }
    ?p foaf:name ?name .
  }
}"""

# Where each inspector's name stands in the document (the evidence of the inspection's
# lead/team inspector facts), so that they are listed as printed.
INSPECTOR_POSITIONS = _PREFIXES + """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?evidence ?start WHERE {
  VALUES ?property { ikg:leadInspector ikg:teamInspector }
  ?evidence ikg:supportsProperty ?property ; oa:hasSelector ?selector .
  ?selector oa:start ?start .
}"""

JUDGEMENTS = _PREFIXES + """
SELECT ?doc ?area ?grade ?parent WHERE {
  ?doc ikg:reportsOn ?ins . ?j ikg:judgementOf ?ins ; ikg:area/skos:notation ?area ;
  ikg:grade/skos:notation ?grade .
  OPTIONAL { ?j ikg:subJudgementOf/ikg:area/skos:notation ?parent . }
}"""

POINTS = _PREFIXES + """
SELECT ?doc ?point ?ordinal ?number ?text WHERE {
  ?point ikg:raisedIn ?doc ; ikg:ordinal ?ordinal ; ikg:text ?text .
  OPTIONAL { ?point ikg:pointNumber ?number . }
}"""

# What a secondary source claims (a press release: "recommendations ... addressed", a grade),
# and the earlier inspections a document cites, in the order the document says them.
CLAIMS = _PREFIXES + """
SELECT ?doc ?claim ?kind ?text ?grade WHERE {
  ?claim a ikg:Claim ; ikg:claimedBy ?doc ; ikg:claimKind ?kind ; ikg:text ?text .
  OPTIONAL { ?claim ikg:claimedGrade ?grade . }
}"""

CITED = _PREFIXES + """
SELECT ?doc ?cited ?subject ?date ?grade ?approximate WHERE {
  ?cited a ikg:CitedInspection ; ikg:citedIn ?doc ; ikg:citedSubject ?subject ; ikg:citedDate ?date .
  OPTIONAL { ?cited ikg:citedGrade ?grade . }
  OPTIONAL { ?cited ikg:citedDateApproximate ?approximate . }
}"""

AREA_ORDER = ["overall", "safeguarding", "leadership", "help-and-protection", "children-in-care",
              "children-in-care-and-care-leavers", "adoption", "care-leavers", "lscb"]
_AREA_RANK = {a: i for i, a in enumerate(AREA_ORDER)}


def judgement_order(area: str, parent_area: str | None) -> tuple[int, str, bool, int, str]:
    """Where a judgement stands among its document's: by the area it belongs to (the order above,
    then by name), that area's own judgement first and its parts after it ("adoption" after
    "children-in-care", each 2009-12 service's capacity for improvement after the service)."""
    top = parent_area or area
    return (_AREA_RANK.get(top, len(_AREA_RANK)), top, parent_area is not None,
            _AREA_RANK.get(area, len(_AREA_RANK)), area)


def _v(row: Any, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


def _inspectors_as_printed(store: GraphStore) -> dict[str, list[str]]:
    """Each document's inspectors: the lead first, then the team in the order printed."""
    position = {_v(row, "evidence"): int(_v(row, "start"))  # type: ignore[arg-type]
                for row in store.query(INSPECTOR_POSITIONS)}
    named: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for row in store.query(INSPECTORS):
        name = _v(row, "name")
        evidence = str(iris.under(URIRef(_v(row, "ins")), "evidence", iris.inspector_evidence_name(name)))  # type: ignore[arg-type]
        named[_v(row, "doc")].append((_v(row, "role"), position.get(evidence, sys.maxsize), name))  # type: ignore[arg-type, index]
    return {doc: [name for _, _, name in sorted(rows)] for doc, rows in named.items()}


def _listed(store: GraphStore, sparql: str, node: str, shape: Any) -> dict[str, list[dict[str, Any]]]:
    """Each document's rows of a query, shaped, in the order of their node's number
    (".../claim/2" before ".../claim/10": the mapping numbers them as the document says them)."""
    found: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for row in store.query(sparql):
        found[_v(row, "doc")].append((iris.number_under(_v(row, node) or ""), shape(row)))  # type: ignore[index]
    return {doc: [item for _, item in sorted(rows, key=lambda t: t[0])] for doc, rows in found.items()}


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents `reports` lists: about one of ``authorities`` (IRIs), of one of ``kinds``
    (notations), dated (the document's date, ISO) from ``since`` to ``until``; empty keeps all."""
    authorities: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    since: str | None = None
    until: str | None = None

    def keeps(self, authority: str, kind: str, date: str) -> bool:
        return ((not self.authorities or authority in self.authorities)
                and (not self.kinds or kind in self.kinds)
                and (self.since is None or date >= self.since)
                and (self.until is None or date <= self.until))


def document_summaries(store: GraphStore, only: DocumentFilter = DocumentFilter()) -> list[dict[str, Any]]:
    """One dict per document ``only`` keeps, in the shape of `inspectkg reports --format json`."""
    kept = [row for row in store.query(DOCUMENTS)
            if only.keeps(_v(row, "a"), _v(row, "kind"), _v(row, "date"))]  # type: ignore[arg-type]
    if not kept:
        return []
    inspectors = _inspectors_as_printed(store)
    findings = {_v(row, "doc"): int(_v(row, "findings") or 0) for row in store.query(FINDINGS)}
    judgements: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.query(JUDGEMENTS):
        j: dict[str, Any] = {"area": _v(row, "area"), "grade": _v(row, "grade")}
        if _v(row, "parent"):
            j["parent"] = _v(row, "parent")
        judgements[_v(row, "doc")].append(j)  # type: ignore[index]
    points: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for row in store.query(POINTS):
        number = _v(row, "number")
        points[_v(row, "doc")].append((int(_v(row, "ordinal")), {  # type: ignore[arg-type, index]
            "id": _v(row, "point"), "number": int(number) if number else None, "text": _v(row, "text")}))
    claims = _listed(store, CLAIMS, "claim", lambda row: {
        "kind": _v(row, "kind"), "text": _v(row, "text"), "grade": _v(row, "grade")})
    # Whether the store holds each cited inspection, as the library's query decides it (by month or
    # year of fieldwork or publication; a rough date, a year either side).
    missing = {str(row["cited"]) for row in find_query("cited-inspections-missing").run(store, {}).rows}
    cited = _listed(store, CITED, "cited", lambda row: {
        "subject": _v(row, "subject"), "date": _v(row, "date"), "grade": _v(row, "grade"),
        "approximate": is_true(_v(row, "approximate")), "in_store": _v(row, "cited") not in missing})
    out = []
    for row in kept:
        doc = _v(row, "doc")
        out.append({
            "id": doc,
            "source": _v(row, "source"),
            "kind": _v(row, "kind"),
            "authority": {"name": _v(row, "name"), "gss": _v(row, "gss"), "la_code": _v(row, "la")},
            "date": _v(row, "date"),
            "start_date": _v(row, "start"),
            "end_date": _v(row, "end"),
            "published": _v(row, "published") or _v(row, "letter"),
            "inspectors": inspectors.get(doc, []),  # type: ignore[arg-type]
            "judgements": sorted(judgements.get(doc, []),  # type: ignore[arg-type]
                                 key=lambda j: judgement_order(j["area"], j.get("parent"))),
            "improvement_points": [p for _, p in sorted(points.get(doc, []), key=lambda t: t[0])],  # type: ignore[arg-type]
            "findings": findings.get(doc, 0),
            "cited_inspections": cited.get(doc, []),  # type: ignore[arg-type]
            "claims": claims.get(doc, []),  # type: ignore[arg-type]
        })
    return sorted(out, key=lambda d: (d["authority"]["name"], d["start_date"] or d["published"] or "", d["kind"]))


STATS = _PREFIXES + """
SELECT (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?a) AS ?authorities) WHERE {
  ?doc a ikg:Document ; ikg:aboutAuthority ?a . }"""

COUNT_CLASS = _PREFIXES + "SELECT ?class (COUNT(?x) AS ?n) WHERE { ?x a ?class . } GROUP BY ?class"

# Points by the current status `trace` gave them (parts have one too: not counted).
COUNT_STATUSES = _PREFIXES + """
SELECT ?status (COUNT(?point) AS ?n) WHERE {
  ?point ikg:currentStatus ?concept ; a ikg:ImprovementPoint .
  ?concept skos:notation ?status .
} GROUP BY ?status"""

# Points linked to an earlier point on the same matter (recurrence) or to an earlier finding
# that praised it (regression), as `trace` links them.
LINKED_POINTS = {label: _PREFIXES + f"SELECT (COUNT(DISTINCT ?point) AS ?n) WHERE {{ ?point ikg:{link} ?earlier . }}"
                 for label, link in (("points recurring", "recurrenceOf"), ("points regressing", "regressionOf"))}


def store_stats(store: GraphStore) -> dict[str, int]:
    from rdflib import URIRef

    from .namespace import IKG

    row = next(iter(store.query(STATS)))
    stats = {"triples": len(store), "named graphs": len(store.graph_names()),
             "documents": int(_v(row, "documents") or 0), "authorities": int(_v(row, "authorities") or 0)}
    for label, cls in (("judgements", IKG.Judgement), ("improvement points", IKG.ImprovementPoint),
                       ("findings", IKG.Finding), ("paragraphs", IKG.Paragraph),
                       ("cited inspections", IKG.CitedInspection), ("claims", IKG.Claim)):
        rows = list(store.query(COUNT_CLASS, {"class": URIRef(str(cls))}))
        stats[label] = int(_v(rows[0], "n") or 0) if rows else 0
    # (rdflib answers a grouped count over nothing with one row and no group.)
    by_status = {str(_v(row, "status")): int(_v(row, "n") or 0) for row in store.query(COUNT_STATUSES)
                 if _v(row, "status") is not None}
    stats["points not followed up"] = stats["improvement points"] - sum(by_status.values())
    for status in iris.CURRENT_STATUSES:
        stats[f"status {status}"] = by_status.pop(status, 0)
    stats.update((f"status {status}", n) for status, n in sorted(by_status.items()))
    for label, sparql in LINKED_POINTS.items():
        rows = list(store.query(sparql))
        stats[label] = int(_v(rows[0], "n") or 0) if rows else 0
    return stats
