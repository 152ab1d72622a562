"""The inspectkg ontology terms as a closed namespace: a misspelt term fails at once.

A test checks that this class and ``ontology/inspectkg.ttl`` declare the same terms.
"""
from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

ONTOLOGY_IRI = "https://w3id.org/inspectkg/ontology"
VOCAB = Namespace("https://w3id.org/inspectkg/vocab/")
DATA = Namespace("https://w3id.org/inspectkg/id/")


class IKG(DefinedNamespace):
    _fail = True
    _NS = Namespace("https://w3id.org/inspectkg/ontology#")

    # classes
    Authority: URIRef
    CitedInspection: URIRef
    Claim: URIRef
    Document: URIRef
    Evidence: URIRef
    Finding: URIRef
    FollowUpAssessment: URIRef
    ImprovementPoint: URIRef
    Inspection: URIRef
    Inspector: URIRef
    Inspectorate: URIRef
    Judgement: URIRef
    Paragraph: URIRef
    PointPart: URIRef
    Section: URIRef
    Strength: URIRef

    # properties
    aboutAuthority: URIRef
    addressedTo: URIRef
    area: URIRef
    areaLabel: URIRef
    assessedBy: URIRef
    assessedPoint: URIRef
    authorityType: URIRef
    blockKind: URIRef
    citedDate: URIRef
    citedGrade: URIRef
    citedDateApproximate: URIRef
    citedIn: URIRef
    citedSubject: URIRef
    claimKind: URIRef
    claimedBy: URIRef
    claimedGrade: URIRef
    confidence: URIRef
    contentHash: URIRef
    readerVersion: URIRef
    currentStatus: URIRef
    documentKind: URIRef
    endOffset: URIRef
    evidence: URIRef
    fieldworkEnd: URIRef
    fieldworkStart: URIRef
    framework: URIRef
    grade: URIRef
    gradeRank: URIRef
    gradeScale: URIRef
    gssCode: URIRef
    heading: URIRef
    inDocument: URIRef
    inSection: URIRef
    inspectedAuthority: URIRef
    inspectorate: URIRef
    isSecondarySource: URIRef
    judgementOf: URIRef
    laCode: URIRef
    leadInspector: URIRef
    letterDate: URIRef
    ofstedUrn: URIRef
    ordinal: URIRef
    paragraph: URIRef
    paragraphNumber: URIRef
    partOf: URIRef
    pointHeading: URIRef
    pointNumber: URIRef
    population0to25: URIRef
    priority: URIRef
    raisedIn: URIRef
    referencedParagraph: URIRef
    refersTo: URIRef
    region: URIRef
    reportsOn: URIRef
    scope: URIRef
    scopeStatement: URIRef
    sequence: URIRef
    serviceArea: URIRef
    sourceFile: URIRef
    startOffset: URIRef
    supportsProperty: URIRef
    statisticalNeighbour: URIRef
    subJudgementOf: URIRef
    teamInspector: URIRef
    text: URIRef
    supersedesHash: URIRef
    supersedesSource: URIRef
    textLength: URIRef
    theme: URIRef
    verdict: URIRef
    assessedPart: URIRef
    curates: URIRef
    curationAction: URIRef
    currentStatusSource: URIRef
    resolvedBy: URIRef
    daysToResolution: URIRef
    methodVersion: URIRef
    parameters: URIRef
    readContent: URIRef
    followsUp: URIRef
    polarity: URIRef
    reason: URIRef
    recurrenceOf: URIRef
    regressionOf: URIRef
    regressionEvidence: URIRef
