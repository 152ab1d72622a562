"""Map a typed Report onto the ontology: one rdflib Graph per document.

Every fact carries evidence: the paragraph it was read from and its
character span in the document's cleaned text (Web Annotation selectors).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from ..reports.authorities import Authority, all_authorities
from ..reports.model import Report, Span
from . import iris
from .namespace import IKG
from .ntriples import NTriplesGraph, TripleSink

# The version of reading files into document graphs (reports/ and this module): raised whenever
# a change gives a document a different graph, so that a build reads again the files whose stored
# graphs an earlier version wrote instead of skipping them as already stored. 2: a point's bullets
# end with semicolons ("understood by all; actions from ..."), and documents record this version;
# 3: letters that say "Her Majesty's Inspectors were ..." or "carried out by Her Majesty's
# Inspectors ..." name their team inspectors, and reports cite earlier inspections "undertaken in",
# "published in", "between 24 and 28 June 2013", "in May 2010", judged "inadequate" without "to be";
# a judgement's table row or full-stopped title heads its section (the service area of the SIF
# reports' findings), "The local authority's strengths" ("... has the following strengths") are
# strengths, and a visit's scope can be
# stated as "The focus of this visit was on ...";
# 4: a press release's grade claim is the grade it claims now, not one it says was left behind
# ("rated good, up from requires improvement"; "moved from inadequate to good"), and the overall
# grade where it grades several things ("outstanding for the impact of leaders, with the overall
# effectiveness of the service rated as good"); a cited inspection dated "four years ago" is
# marked approximate (ikg:citedDateApproximate): that year or one either side;
# 5: earlier inspections cited in passing with a date and no grade ("Since the last inspection in
# March 2023, ...", "When Ofsted last inspected Norfolk children's services in 2015, ..."), one
# cited inspection for the mentions of one date, and a monitoring visit's "since the local authority was
# judged inadequate in January 2018"; a JTAI letter, which has no greeting, has findings after its
# title, and its fieldwork dates from "Between 15 May and 19 May 2017, Ofsted, ..." (2016-19) or "This
# inspection took place from 10 to 14 January 2022." (2022 on), and the directors who sign it are not its
# inspectors (a signature names the lead inspector only where it signs as an inspector).
# 6: a visit's scope is its statement, the sentences of its paragraph that say what else it looked at
# ("Inspectors also evaluated ... supervision"), and the list the paragraph opens ("..., with a
# particular focus on the:" and its bullets; a monitoring visit's "The focus of the monitoring visit was
# ... In particular, inspectors reviewed ... the following areas of concern ...:"); these, how a
# visit was carried out ("This visit was carried out in line with ...", "Inspectors looked at a range of
# evidence ...", "The methodology for this visit ..."), and a letter's title printed with a full stop,
# are not findings.
# 7: the inspections of safeguarding and looked after children of 2009-12 are a kind of their own
# (slac-inspection), judged in two sections: "safeguarding" and "children-in-care", each with its
# capacity for improvement, quality of provision and leadership under it; a second list of points
# under the same heading ("Areas for improvement" of looked after children) starts after its own
# lead-in, which is not a point (its bullets were lost); "Safeguarding services" heads help and
# protection.
# 8: a timescale run into the end of a list's lead-in ("... the following action. Immediately:",
# as an older pdfium laid out a 2013 report) sets the first points' timescale; a line at a page's
# edge is a running header or footer only where it looks like one (not a sentence) on two pages.
# 9: a word broken at a line end ("ch-" / "ildren") is mended where the document has it whole only
# in a possessive ("children’s").
READER_VERSION = 9

OA = URIRef("http://www.w3.org/ns/oa#")
OA_HAS_SOURCE = URIRef(f"{OA}hasSource")
OA_HAS_SELECTOR = URIRef(f"{OA}hasSelector")
OA_POSITION = URIRef(f"{OA}TextPositionSelector")
OA_QUOTE = URIRef(f"{OA}TextQuoteSelector")
OA_START = URIRef(f"{OA}start")
OA_END = URIRef(f"{OA}end")
OA_EXACT = URIRef(f"{OA}exact")

FRAMEWORK_OF_KIND = {
    "unannounced-inspection": "unannounced-2009",
    "slac-inspection": "safeguarding-lac-2009",
    "lac-inspection": "safeguarding-lac-2009",
    "cp-inspection": "child-protection-2012",
    "sif-inspection": "sif-2013",
    "sif-reinspection": "sif-2013",
    "lscb-review": "sif-2013",
    "ilacs-inspection": "ilacs-2018",
    "focused-visit": "ilacs-2018",
    "monitoring-visit": "ilacs-2018",
    "jtai": "jtai",
    "press-release": "secondary",
    "other-secondary": "secondary",
}


def document_iri(report: Report) -> URIRef:
    assert report.date is not None
    return iris.document(report.authority.gss, report.kind, report.date)


def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def _str(s: str) -> Literal:
    # Typed explicitly: Oxigraph returns plain literals as xsd:string anyway,
    # and rdflib only treats them as equal when both sides say so.
    return Literal(s, datatype=XSD.string)


def _date(d: dt.date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)


def add_evidence(g: TripleSink, subject: URIRef, ev: URIRef, doc: URIRef, paragraph: URIRef,
                 start: int, end: int, quote: str, link: URIRef = IKG.evidence) -> URIRef:
    """``subject`` ikg:evidence (or ``link``) ``ev``: a Web Annotation specific resource
    on the document, naming the paragraph, with position and quote selectors."""
    g.add((subject, link, ev))
    g.add((ev, RDF.type, IKG.Evidence))
    g.add((ev, OA_HAS_SOURCE, doc))
    g.add((ev, IKG.paragraph, paragraph))
    pos, exact = iris.under(ev, "position"), iris.under(ev, "quote")
    g.add((ev, OA_HAS_SELECTOR, pos))
    g.add((pos, RDF.type, OA_POSITION))
    g.add((pos, OA_START, _int(start)))
    g.add((pos, OA_END, _int(end)))
    g.add((ev, OA_HAS_SELECTOR, exact))
    g.add((exact, RDF.type, OA_QUOTE))
    g.add((exact, OA_EXACT, _str(quote)))
    return ev


class _DocumentMapper:
    def __init__(self, report: Report, sink: TripleSink):
        self.r = report
        self.g = sink
        self.doc = document_iri(report)
        self.paragraph_iris: list[URIRef] = []
        self.by_number: dict[int, URIRef] = {}

    def evidence(self, subject: URIRef, span: Span, name: str, prop: URIRef | None = None) -> None:
        ev = add_evidence(self.g, subject, iris.under(subject, "evidence", name), self.doc,
                          self.paragraph_iris[span.block], span.start, span.end,
                          self.r.text[span.start: span.end])
        if prop is not None:
            self.g.add((ev, IKG.supportsProperty, prop))

    def map(self) -> TripleSink:
        self.paragraphs()
        self.document()
        if not self.r.is_secondary:
            self.inspection()
        self.points()
        self.cited()
        self.claims()
        return self.g

    def paragraphs(self) -> None:
        g, r = self.g, self.r
        section_iris: dict[int, URIRef] = {}
        findings, strengths = set(r.finding_blocks), set(r.strength_blocks)
        for i, b in enumerate(r.blocks):
            if b.kind == "paragraph" and b.number is not None and b.number not in self.by_number:
                p = iris.under(self.doc, "para", b.number)
                self.by_number[b.number] = p
            else:
                p = iris.under(self.doc, "block", i)
            self.paragraph_iris.append(p)
            start, end = r.block_spans[i]
            g.add((p, RDF.type, IKG.Paragraph))
            g.add((p, IKG.inDocument, self.doc))
            g.add((p, IKG.sequence, _int(i)))
            g.add((p, IKG.blockKind, _str(b.kind)))
            g.add((p, IKG.text, _str(b.text)))
            g.add((p, IKG.startOffset, _int(start)))
            g.add((p, IKG.endOffset, _int(end)))
            if b.number is not None and b.kind == "paragraph":  # footnotes number their marks
                g.add((p, IKG.paragraphNumber, _int(b.number)))
            if i in findings:
                g.add((p, RDF.type, IKG.Finding))
            if i in strengths:
                g.add((p, RDF.type, IKG.Strength))
            if r.block_areas[i]:
                g.add((p, IKG.serviceArea, iris.area_concept(r.block_areas[i])))
            if r.block_sections[i] == i:  # a heading, or a judgement's row that heads its section
                s = iris.under(self.doc, "section", i)
                section_iris[i] = s
                g.add((s, RDF.type, IKG.Section))
                g.add((s, IKG.inDocument, self.doc))
                g.add((s, IKG.heading, _str(b.text)))
                g.add((s, IKG.sequence, _int(i)))
                if r.block_areas[i]:
                    g.add((s, IKG.serviceArea, iris.area_concept(r.block_areas[i])))
            section = r.block_sections[i]
            if section is not None and section != i:
                g.add((p, IKG.inSection, section_iris[section]))

    def document(self) -> None:
        g, r, doc = self.g, self.r, self.doc
        g.add((doc, RDF.type, IKG.Document))
        g.add((doc, IKG.documentKind, iris.kind_concept(r.kind)))
        g.add((doc, IKG.aboutAuthority, iris.authority(r.authority.gss)))
        g.add((doc, IKG.sourceFile, _str(r.source)))
        g.add((doc, IKG.contentHash, _str(r.content_hash)))
        g.add((doc, IKG.readerVersion, _int(READER_VERSION)))
        g.add((doc, IKG.textLength, _int(len(r.text))))
        g.add((doc, IKG.isSecondarySource, Literal(r.is_secondary)))
        g.add((doc, DCTERMS.date, _date(r.date)))  # type: ignore[arg-type]
        if r.blocks:
            g.add((doc, DCTERMS.title, _str(r.blocks[0].text[:300])))
        if r.published:
            g.add((doc, DCTERMS.issued, _date(r.published)))
            self.evidence(doc, r.facts["published"], "published", DCTERMS.issued)
        if r.letter_date:
            g.add((doc, IKG.letterDate, _date(r.letter_date)))
            self.evidence(doc, r.facts["letter_date"], "letter-date", IKG.letterDate)
        if not r.is_secondary:
            g.add((doc, PROV.wasAttributedTo, iris.OFSTED))

    def inspection(self) -> None:
        g, r = self.g, self.r
        ins = iris.under(self.doc, "inspection")
        framework = FRAMEWORK_OF_KIND[r.kind]
        g.add((self.doc, IKG.reportsOn, ins))
        g.add((ins, RDF.type, IKG.Inspection))
        g.add((ins, IKG.inspectedAuthority, iris.authority(r.authority.gss)))
        g.add((ins, IKG.inspectorate, iris.OFSTED))
        g.add((ins, IKG.framework, iris.framework_concept(framework)))
        if r.start_date:
            g.add((ins, IKG.fieldworkStart, _date(r.start_date)))
            self.evidence(ins, r.facts["start_date"], "fieldwork-start", IKG.fieldworkStart)
        if r.end_date:
            g.add((ins, IKG.fieldworkEnd, _date(r.end_date)))
            self.evidence(ins, r.facts["end_date"], "fieldwork-end", IKG.fieldworkEnd)
        for prop, names in ((IKG.leadInspector, r.lead_inspectors), (IKG.teamInspector, r.team_inspectors)):
            for name in names:
                person = iris.inspector(name)
                g.add((ins, prop, person))
                g.add((person, RDF.type, IKG.Inspector))
                g.add((person, FOAF.name, _str(name)))
                self.evidence(ins, r.facts[f"inspector:{name}"], iris.inspector_evidence_name(name), prop)
        for area in r.scope_areas:
            g.add((ins, IKG.scope, iris.area_concept(area)))
        if r.scope_statement:
            g.add((ins, IKG.scopeStatement, _str(r.scope_statement)))
            self.evidence(ins, r.facts["scope"], "scope", IKG.scopeStatement)
        # A judgement is named by its area; where a report judges one area under two services
        # (capacity for improvement of safeguarding and of looked after children, 2009-12), by
        # its service and area.
        repeated = {area for area, n in Counter(j.area for j in r.judgements).items() if n > 1}
        judgement_iris = {(j.parent, j.area): iris.under(self.doc, "judgement", j.parent, j.area)
                          if j.area in repeated and j.parent else iris.under(self.doc, "judgement", j.area)
                          for j in r.judgements}
        for j in r.judgements:
            node = judgement_iris[(j.parent, j.area)]
            g.add((node, RDF.type, IKG.Judgement))
            g.add((node, IKG.judgementOf, ins))
            g.add((node, IKG.area, iris.area_concept(j.area)))
            g.add((node, IKG.areaLabel, _str(j.area_label)))
            grade = iris.grade_concept(framework, j.grade)
            if grade is not None:
                g.add((node, IKG.grade, grade))
            if j.parent:
                g.add((node, IKG.subJudgementOf, judgement_iris[(None, j.parent)]))
            self.evidence(node, j.span, "grade", IKG.grade)

    def points(self) -> None:
        g = self.g
        for p in self.r.points:
            node = iris.under(self.doc, "point", p.ordinal)
            g.add((node, RDF.type, IKG.ImprovementPoint))
            g.add((node, IKG.raisedIn, self.doc))
            g.add((node, IKG.ordinal, _int(p.ordinal)))
            g.add((node, IKG.text, _str(p.text)))
            g.add((node, IKG.pointHeading, _str(p.heading)))
            g.add((node, IKG.addressedTo, _str(p.addressed_to)))
            if p.number is not None:
                g.add((node, IKG.pointNumber, _int(p.number)))
            if p.priority:
                g.add((node, IKG.priority, _str(p.priority)))
            if p.area:
                g.add((node, IKG.serviceArea, iris.area_concept(p.area)))
            for n in p.references:
                g.add((node, IKG.referencedParagraph, _int(n)))
                if n in self.by_number:
                    g.add((node, IKG.refersTo, self.by_number[n]))
            self.evidence(node, p.span, "text", IKG.text)

    def cited(self) -> None:
        g = self.g
        for i, c in enumerate(self.r.cited, 1):
            node = iris.under(self.doc, "cited", i)
            g.add((node, RDF.type, IKG.CitedInspection))
            g.add((node, IKG.citedIn, self.doc))
            g.add((node, IKG.citedSubject, _str(c.subject)))
            if c.month:
                g.add((node, IKG.citedDate, Literal(f"{c.year:04d}-{c.month:02d}", datatype=XSD.gYearMonth)))
            else:
                g.add((node, IKG.citedDate, Literal(f"{c.year:04d}", datatype=XSD.gYear)))
            if c.grade:
                g.add((node, IKG.citedGrade, _str(c.grade)))
            if c.approximate:
                g.add((node, IKG.citedDateApproximate, Literal(True)))
            self.evidence(node, c.span, "mention", IKG.citedDate)

    def claims(self) -> None:
        g = self.g
        for i, c in enumerate(self.r.claims, 1):
            node = iris.under(self.doc, "claim", i)
            g.add((node, RDF.type, IKG.Claim))
            g.add((node, IKG.claimedBy, self.doc))
            g.add((node, IKG.claimKind, _str(c.kind)))
            g.add((node, IKG.text, _str(c.text)))
            if c.grade:
                g.add((node, IKG.claimedGrade, _str(c.grade)))
            self.evidence(node, c.span, "text", IKG.text)


def report_graph(report: Report) -> Graph:
    """The named-graph content for one document, as an rdflib Graph (to validate or inspect it)."""
    graph = Graph()
    _DocumentMapper(report, graph).map()
    return graph


def report_ntriples(report: Report) -> str:
    """The same content as N-Triples, to store: written straight to text, a third of the
    time of building an rdflib Graph and serialising it (graph/ntriples.py)."""
    sink = NTriplesGraph()
    _DocumentMapper(report, sink).map()
    return sink.serialize(format="nt")


def authority_triples(g: Graph, a: Authority) -> None:
    node = iris.authority(a.gss)
    g.add((node, RDF.type, IKG.Authority))
    g.add((node, SKOS.prefLabel, Literal(a.name, lang="en")))
    g.add((node, RDFS.label, _str(a.name)))
    g.add((node, IKG.gssCode, _str(a.gss)))
    g.add((node, IKG.laCode, _str(a.la_code)))
    if a.urn:
        g.add((node, IKG.ofstedUrn, _str(a.urn)))
    if a.region:
        g.add((node, IKG.region, _str(a.region)))
    if a.la_type:
        g.add((node, IKG.authorityType, _str(a.la_type)))
    if a.population_0_25 is not None:
        g.add((node, IKG.population0to25, _int(a.population_0_25)))
    for n in a.stat_neighbours:
        g.add((node, IKG.statisticalNeighbour, iris.authority(n)))


def reference_graph() -> Graph:
    """Authorities and the inspectorate: the shared reference data."""
    g = Graph()
    for a in all_authorities():
        authority_triples(g, a)
    g.add((iris.OFSTED, RDF.type, IKG.Inspectorate))
    g.add((iris.OFSTED, SKOS.prefLabel, Literal("Ofsted", lang="en")))
    g.add((iris.OFSTED, RDFS.label, _str("Ofsted")))
    g.add((iris.OFSTED, FOAF.homepage, URIRef("https://www.gov.uk/government/organisations/ofsted")))
    return g

