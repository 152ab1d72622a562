"""The trail as RDF: EARL assertions with PROV provenance and Web Annotation evidence,
one named graph of follow-ups per authority (replaced whole on every trace)."""

from __future__ import annotations

import json
from functools import lru_cache

from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from ..graph import iris
from ..graph.mapping import add_evidence
from ..graph.namespace import DATA, IKG
from ..graph.ntriples import NTriplesGraph, TripleSink
from .engine import METHOD, PARAMETERS, VERSION, PointTrail, Verdict

EARL = Namespace("http://www.w3.org/ns/earl#")
OUTCOME = {"addressed": EARL.passed, "not_addressed": EARL.failed, "partially_addressed": EARL.cantTell,
           "no_evidence": EARL.cantTell, "out_of_scope": EARL.inapplicable}
METHOD_AGENT = DATA[f"agent/{METHOD}/{VERSION}"]


ACTIVITY_PREFIX = str(DATA["activity/followup/"])


def followup_activity(gss: str) -> URIRef:
    return URIRef(ACTIVITY_PREFIX + gss)


# Cached: an rdflib Literal costs several µs to build, and a follow-up graph repeats the
# same reasons, polarities, ordinals and confidences thousands of times.
@lru_cache(maxsize=4096)
def _s(text: str) -> Literal:
    return Literal(text, datatype=XSD.string)


@lru_cache(maxsize=4096)
def _i(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


@lru_cache(maxsize=128)
def _confidence(value: float) -> Literal:
    return Literal(f"{value:.2f}", datatype=XSD.decimal)


def method_triples(g: TripleSink) -> None:
    g.add((METHOD_AGENT, RDF.type, PROV.SoftwareAgent))
    g.add((METHOD_AGENT, RDF.type, EARL.Software))
    g.add((METHOD_AGENT, RDFS.label, _s(f"{METHOD} {VERSION}")))
    g.add((METHOD_AGENT, IKG.methodVersion, _s(VERSION)))
    g.add((METHOD_AGENT, IKG.parameters, _s(json.dumps(PARAMETERS, sort_keys=True))))


def assessment_iri(point: str, v: Verdict, suffix: str | None = None) -> URIRef:
    name = f"{v.document.date.isoformat()}-{v.document.kind}"
    if v.part is not None:
        name += f"/part-{v.part + 1}"
    if suffix:
        name += f"/{suffix}"
    return URIRef(f"{point}/followup/{name}")


# A cited sentence as the evidence node that already stands for it in the graph being written,
# keyed by what the node says: its paragraph and offsets (which give its document and quote),
# its polarity and its reason.
CitedSentences = dict[tuple[str, int, int, str, str], URIRef]


def add_verdict(g: TripleSink, point: URIRef, v: Verdict, activity: URIRef, part: URIRef | None,
                suffix: str | None = None, cited: CitedSentences | None = None) -> URIRef:
    """The assessment of ``point`` by one later document. With ``cited``, a sentence an
    earlier assessment of the same graph already cites with the same polarity and reason is
    linked to that assessment's evidence node instead of being written again: half the
    follow-up evidence of a national store repeats (a bundled point's verdict cites its parts'
    sentences; one sentence speaks to several points), 52,000 of 111,500 nodes of 12 triples."""
    a = assessment_iri(str(point), v, suffix)
    doc = URIRef(v.document.iri)
    g.add((a, RDF.type, IKG.FollowUpAssessment))
    g.add((a, RDF.type, EARL.Assertion))
    g.add((a, IKG.assessedPoint, point))
    g.add((a, EARL.test, point))
    g.add((a, IKG.assessedBy, doc))
    g.add((a, EARL.subject, doc))
    g.add((a, IKG.verdict, iris.status_concept(v.verdict)))
    g.add((a, IKG.confidence, _confidence(v.confidence)))
    g.add((a, IKG.reason, _s(v.reason)))
    g.add((a, EARL.mode, EARL.automatic))
    g.add((a, EARL.assertedBy, METHOD_AGENT))
    g.add((a, PROV.wasAttributedTo, METHOD_AGENT))
    g.add((a, PROV.wasGeneratedBy, activity))
    result = URIRef(f"{a}/result")
    g.add((a, EARL.result, result))
    g.add((result, RDF.type, EARL.TestResult))
    g.add((result, EARL.outcome, OUTCOME[v.verdict]))
    g.add((result, EARL.info, _s(v.reason)))
    if part is not None:
        g.add((a, IKG.assessedPart, part))
    for k, e in enumerate(v.evidence, 1):
        key = (e.paragraph.iri, e.start, e.end, e.polarity, e.reason)
        if cited is not None and key in cited:
            g.add((a, IKG.evidence, cited[key]))
            continue
        ev = add_evidence(g, a, URIRef(f"{a}/evidence/{k}"), doc, URIRef(e.paragraph.iri), e.start, e.end,
                          e.quote)
        g.add((ev, IKG.polarity, _s(e.polarity)))
        g.add((ev, IKG.reason, _s(e.reason)))
        if cited is not None:
            cited[key] = ev
    return a


def resolution(t: PointTrail) -> Verdict | None:
    """For a point whose status is addressed, the verdict that resolved it: the
    earliest addressed verdict on the whole point dated on or after the last
    verdict of not or partially addressed on it or on any of its parts. A point
    whose status comes from one of its parts (the others silent) was resolved
    when that part was, by the same rule on the part's verdicts: the whole
    point's may never say addressed. Stored with the days it took, so that
    queries of resolution times read one value instead of working it out from
    every verdict (a second per query on a national store)."""
    if t.status != "addressed":
        return None
    deciding = next((p for p in t.parts if any(v is t.status_source for v in p.verdicts)), None)
    if deciding is not None:
        candidates, weighed = deciding.verdicts, deciding.verdicts
    else:
        candidates, weighed = t.verdicts, t.verdicts + [v for p in t.parts for v in p.verdicts]
    last_bad = max((v.document.date for v in weighed if v.verdict in ("not_addressed", "partially_addressed")),
                   default=None)
    good = [v for v in candidates if v.verdict == "addressed" and (last_bad is None or v.document.date >= last_bad)]
    return min(good, key=lambda v: v.document.date, default=None)


def theme_iri(notation: str) -> URIRef:
    return URIRef(f"https://w3id.org/inspectkg/vocab/theme/{notation}")


def trails_graph(trails: list[PointTrail], gss: str, paragraph_themes: dict[str, frozenset[str]] | None = None,
                 read_hashes: list[str] | None = None) -> NTriplesGraph:
    """The follow-up graph of one authority; ``paragraph_themes`` tags findings with themes;
    ``read_hashes`` are the content hashes of the documents it was traced from. Built as
    N-Triples directly: it is only ever serialised and stored."""
    g = NTriplesGraph()
    for para, notations in (paragraph_themes or {}).items():
        for n in notations:
            g.add((URIRef(para), IKG.theme, theme_iri(n)))
    method_triples(g)
    activity = followup_activity(gss)
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, PROV.wasAssociatedWith, METHOD_AGENT))
    g.add((activity, IKG.followsUp, iris.authority(gss)))
    for h in read_hashes or ():
        g.add((activity, IKG.readContent, _s(h)))
    cited: CitedSentences = {}
    for t in trails:
        point = URIRef(t.point.iri)
        decided: dict[int, URIRef] = {}
        for v in t.verdicts:
            decided[id(v)] = add_verdict(g, point, v, activity, None, cited=cited)
        for i, p in enumerate(t.parts):
            part = URIRef(f"{point}/part/{i + 1}")
            g.add((part, RDF.type, IKG.PointPart))
            g.add((part, IKG.partOf, point))
            g.add((part, IKG.text, _s(p.text)))
            g.add((part, IKG.ordinal, _i(i + 1)))
            g.add((part, IKG.currentStatus, iris.status_concept(p.status)))
            for v in p.verdicts:
                # A part's verdict may be where the point's status comes from.
                decided[id(v)] = add_verdict(g, point, v, activity, part, cited=cited)
        g.add((point, IKG.currentStatus, iris.status_concept(t.status)))
        for n in t.themes:
            g.add((point, IKG.theme, theme_iri(n)))
        if t.status_source is not None and id(t.status_source) in decided:
            g.add((point, IKG.currentStatusSource, decided[id(t.status_source)]))
        resolved = resolution(t)
        if resolved is not None:
            g.add((point, IKG.resolvedBy, decided[id(resolved)]))
            g.add((point, IKG.daysToResolution, _i((resolved.document.date - t.document.date).days)))
        for earlier, _ in t.recurrences:
            g.add((point, IKG.recurrenceOf, URIRef(earlier.iri)))
        for k, r in enumerate(t.regressions, 1):
            g.add((point, IKG.regressionOf, URIRef(r.paragraph.iri)))
            # The praising sentence itself, with its span, so that the link can be checked
            # and shown without the rest of its paragraph (which may blame other matters).
            add_evidence(g, point, URIRef(f"{point}/regression/{k}"), URIRef(r.document.iri),
                         URIRef(r.paragraph.iri), r.start, r.end, r.sentence, link=IKG.regressionEvidence)
        for doc in {t.document.iri}:
            g.add((activity, PROV.used, URIRef(doc)))
    return g
