"""Stable, deterministic IRIs: the same report always yields the same names.

authority by GSS code; document by authority + kind + date; everything read
from a document under the document's IRI (finding by paragraph number).
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import URIRef

from .namespace import DATA, VOCAB

REFERENCE_GRAPH = DATA["graph/reference"]
VOCABULARY_GRAPH = DATA["graph/vocabularies"]
OFSTED = DATA["inspectorate/ofsted"]


def followup_graph(gss: str) -> URIRef:
    """The graph holding an authority's follow-up (derived from its documents' graphs)."""
    return DATA[f"graph/followup/{gss}"]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def authority(gss: str) -> URIRef:
    return DATA[f"authority/{gss}"]


def document(gss: str, kind: str, date: dt.date) -> URIRef:
    return DATA[f"document/{gss}/{kind}/{date.isoformat()}"]


def under(parent: URIRef, *parts: object) -> URIRef:
    return URIRef(str(parent) + "/" + "/".join(str(p) for p in parts))


def number_under(iri: str) -> int:
    """The number ``under`` gave a node (".../claim/2" is 2; 0 when it has none): the mapping
    numbers claims and cited inspections in document order, and as text ".../10" sorts
    before ".../2"."""
    tail = str(iri).rpartition("/")[2]
    return int(tail) if tail.isdigit() else 0


def inspector(name: str) -> URIRef:
    return DATA[f"inspector/{slug(name)}"]


def inspector_evidence_name(name: str) -> str:
    """The last step of the IRI of the evidence that an inspection names ``name``
    (under the inspection's ``evidence/``): the mapping writes it, `reports` reads the
    name's position from it."""
    return f"inspector-{slug(name)}"


def kind_concept(kind: str) -> URIRef:
    return VOCAB[f"kind/{kind}"]


def area_concept(area: str) -> URIRef:
    return VOCAB[f"area/{area}"]


def framework_concept(framework: str) -> URIRef:
    return VOCAB[f"framework/{framework}"]


def status_concept(status: str) -> URIRef:
    return VOCAB[f"status/{status}"]


# The current statuses a point can have (a later document's verdict can also be out_of_scope), in
# the order `stats` lists them and `trace --status` and `export --status` offer them.
CURRENT_STATUSES = ["addressed", "partially_addressed", "not_addressed", "no_evidence", "no_later_inspection"]


SCALE_OF_FRAMEWORK = {"safeguarding-lac-2009": "pre-2013", "child-protection-2012": "pre-2013", "sif-2013": "sif", "ilacs-2018": "ilacs"}


def grade_concept(framework: str, grade: str) -> URIRef | None:
    scale = SCALE_OF_FRAMEWORK.get(framework)
    if scale is None:
        return None
    return VOCAB[f"grade/{scale}/{slug(grade)}"]
