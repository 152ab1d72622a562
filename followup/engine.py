"""The automatic follow-up: for each improvement point and each later inspectorate
document of its authority, find the sentences on the same matter, read their
polarity, and give a verdict with evidence and a confidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..reports.structure import FOOTER, LETTER_BOILERPLATE
from . import themes
from .backrefs import back_reference, declared_reraises, refers_back
from .corpus import Document, Paragraph, Point
from .parts import CROSS_REFERENCE, headline, point_themes, split_point
from .polarity import polarity
from .scope import covered_areas, in_scope, narrow_visit, visit_covers
from .text import content_terms, cosine_normed, idf_table, sentences, weighted_norm

METHOD = "inspectkg-auto-followup"
VERSION = "1.4.23"  # 1.3.1: stores each addressed point's resolution; 1.4: method sentences are not evidence;
# 1.4.1: confidences re-measured for 1.4 on the three tuned authorities; 1.4.2: a matter named twice
# in a row in a bundled point ("race and ethnicity") is one part, not two; 1.4.3: a part's text
# starts after ", and" and ends at its last word (the same verdicts); 1.4.4: qualifying phrases
# ("including ...", "those ...") are not parts, coordinated modifiers take their noun ("adoptive
# placements"), and a part starts after an instruction that follows who is to act; 1.4.5: the
# confidence table measured on six authorities, not three; 1.4.6: a hyphenated noun in -ing or a
# noun in -ive is not a coordinated modifier ("care-planning and child protection plans"); 1.4.7:
# "cannot" (not "children who cannot return home"), "should be developed further" and "limits the
# ability" read as weakness (polarity.py); 1.4.8: a regression stores its praising sentence and span
# (the same verdicts; a new version so that stored follow-ups are written again); 1.4.9: a later point
# with a word overlap of 0.25 (not 0.30) on a shared theme is a recurrence (the same verdicts); 1.4.10: a
# point shown in parts takes its status source, and its resolution, from the part that sets its status
# (the same statuses); 1.4.11: a partly addressed verdict without praise cites the sentence that says
# both beside the weakness, and a document that speaks to a bundled point only through its parts cites
# their sentences by that rule, so it shows the shortfall too (the same verdicts); 1.4.12: a clause
# whose purpose is a matter the point named before ("and that findings inform planning and commissioning
# to increase the uptake of return interviews") serves that matter and is not a part of its own;
# 1.4.13: an earlier point on the same main theme is a recurrence at a word overlap of 0.20 (the same
# verdicts); 1.4.14: a later point on the same main theme raises the matter again at a word overlap of
# 0.25 (0.30 otherwise); 1.4.15: the confidence table re-measured on 1.4.14 (the same verdicts); 1.4.16:
# a point a focused visit raised, naming no children, is about those the visit looked at, for recurrences
# (the same verdicts); 1.4.17: a visit to other services than the point's is its own kind of out-of-scope
# verdict in the confidence table, 0.89 against 0.58 for a statement that only does not name the matter
# (the same verdicts); 1.4.18: the paragraphs of a visit's statement of its scope (the list it opens:
# a monitoring visit's concerns from the last inspection) are not evidence (the same verdicts on the
# national sample, where no such list was cited); 1.4.19: an out-of-scope verdict quotes the visit's
# statement of what it looked at, with its paragraph and offsets (the same verdicts); 1.4.20: a later
# point that says it was a recommendation (or area for improvement) of the last inspection re-raises the
# point of that inspection it is closest to, and "(This was a recommendation at the last inspection.)"
# after a finding is one sentence with it (followup/backrefs.py); 1.4.21: "the last inspection" is the
# last full inspection (reports.model.full_inspection), not a joint targeted inspection letter (the same
# verdicts on the national sample, which has none); 1.4.22: a sentence opening on a condition ("When there
# is a delay ..., this is purposeful") is read for praise and blame in its main clause (polarity.py);
# 1.4.23: blame words with a prefix or a degree ("slow", "overly", "weaker", "ineffective", "inaccurate",
# "out of date", "absence of", ...) read as blame
PARAMETERS = {
    "theme_agreement_min": 0.75,  # a shared theme (or a broader one shared) ...
    "similarity_with_theme": 0.10,  # ... plus this much word overlap
    "similarity_alone": 0.30,  # or this much word overlap without a shared theme
    "max_evidence": 2,  # sentences cited per later document
    "relative_score_min": 0.85,  # cited sentences score at least this share of the best
    "deciding_score_share": 0.9,  # sentences this close to the best decide the verdict
    "similarity_on_main": 0.05,  # word overlap needed beside the point's main theme
    "broad_theme_share": 0.05,  # a main theme on more than this share of sentences is broad ...
    "similarity_on_broad": 0.2,  # ... and needs this much word overlap
    "counter_share": 0.8,
    "description_weight": 0.5,  # word overlap with the findings a point cites counts this much
    "counter_both_ways": 0,  # a weakness this close to the best sentence makes praise partial (0: off)
    "reraised_similarity": 0.30,  # a later point this close re-raises the matter
    "reraised_similarity_same_main": 0.25,  # ... or this much when both name the same main theme (60)
    "recurrence_similarity": 0.25,  # chosen against a blind list of recurrences (docs/followup.md, 49)
    "recurrence_similarity_same_main": 0.20,  # ... or this much on the same main theme (59)
    "regression_similarity": 0.20,
}
# Confidence means the share of such verdicts that an analyst agreed with,
# measured on six authorities (bench/evaluate_trace.py, which prints these counts
# as "agreement by kind of verdict"): the three the method was tuned on
# (Hertfordshire, Calderdale, Coventry) and the three held-out ones used as a gate
# (Doncaster, Norfolk, Sandwell), 1,141 annotated verdicts of method 1.4.14 (first
# measured on 1.4.4; the two out-of-scope kinds split on 1.4.16's, the same verdicts). The other three held-out authorities (Birmingham, Blackpool,
# Bristol) are left to test the table. Each share is shrunk towards the overall
# agreement (0.562) as (agreed + 10 * 0.562) / (verdicts + 10), so that a kind of verdict seen a few
# times is not given a certainty it has not earned (8/9 on the tuned set fell to
# 40% on held-out documents). Keys: (verdict, how it was reached, kind of
# document). Re-measure whenever the rules change.
CALIBRATION = {
    # A visit out of the point's scope: to other services than the point's (1.4.17), or whose
    # statement does not name the matter though it looks at the point's services.
    ("out_of_scope", "other services", "visit"): 0.89,  # 125/136
    ("out_of_scope", "statement", "visit"): 0.58,  # 113/193
    ("no_evidence", "areas", "inspection"): 0.75,  # 14/16: an inspection that does not judge the point's area
    ("not_addressed", "raised again", "inspection"): 0.72,  # 27/35
    ("not_addressed", "raised again", "visit"): 0.57,  # 7/12
    ("addressed", "sentences", "inspection"): 0.65,  # 77/117
    ("addressed", "sentences", "visit"): 0.43,  # 37/89
    ("addressed", "described", "inspection"): 0.50,  # 25/51
    ("addressed", "described", "visit"): 0.46,  # 17/39
    ("no_evidence", "silence", "inspection"): 0.43,  # 28/68
    ("no_evidence", "silence", "visit"): 0.56,  # 50/90
    ("partially_addressed", "sentences", "inspection"): 0.48,  # 69/145
    ("partially_addressed", "sentences", "visit"): 0.43,  # 26/63
    ("not_addressed", "sentences", "inspection"): 0.35,  # 8/29
    ("not_addressed", "sentences", "visit"): 0.43,  # 3/10
    # A bundled point spoken to through some of its parts:
    ("addressed", "parts", "inspection"): 0.42,  # 2/8
    ("addressed", "parts", "visit"): 0.48,  # 6/14
    ("partially_addressed", "parts", "inspection"): 0.48,  # 3/8
    ("partially_addressed", "parts", "visit"): 0.39,  # 3/12
    ("not_addressed", "parts", "inspection"): 0.47,  # 0/2
    ("not_addressed", "parts", "visit"): 0.47,  # 1/4
}


def calibrated(verdict: str, how: str, doc: Document) -> float:
    """The calibrated confidence of a verdict reached this way on this kind of document."""
    kind = "visit" if doc.kind.endswith("visit") else "inspection"
    return CALIBRATION.get((verdict, how, kind)) or CALIBRATION.get((verdict, how, "any"), 0.5)


RESOLUTION_ORDER = ["not_addressed", "partially_addressed", "no_evidence", "out_of_scope",
                    "no_later_inspection", "addressed"]  # least resolved first
SPEAKING = {"addressed", "partially_addressed", "not_addressed"}

# "Inspectors also looked at performance management ...", "They spoke to care leavers":
# what the inspectors did, not what they found, so never evidence of how a matter stands.
METHOD_SENTENCE = re.compile(
    r"^\s*(?:the\s+)?(?:inspectors?|they)\s+(?:also\s+)?(?:looked|considered|evaluated|reviewed|spoke|met|"
    r"examined|scrutinised|sampled|tracked|observed|visited|talked|held|read|audited)\b", re.I)


@dataclass
class SentenceInfo:
    paragraph: Paragraph
    text: str
    start: int  # offset in the document's cleaned text
    end: int
    themes: set[str]
    terms: Counter[str]
    back_reference: bool
    evidential: bool  # a finding or strength, not boilerplate or a heading
    norm: float = 0.0  # of its idf-weighted terms, for cosine
    expanded: frozenset[str] = frozenset()  # its themes with their broader ones


class Probe(NamedTuple):
    """A point's matter, as sentences are measured against it (``AuthorityTrail.probe``)."""
    terms: Counter[str]
    terms_norm: float
    main: str | None  # the point's main theme
    broad: bool  # ... so common in the authority's reports that the words must meet too
    home: set[str]  # the judgement area of a one-area main theme
    described: Counter[str] | None  # the words of the findings the point cites
    described_norm: float
    main_set: frozenset[str]
    main_expanded: frozenset[str]
    themes: frozenset[str]
    themes_expanded: frozenset[str]


class Measures(NamedTuple):
    """How close a sentence is to a point (``AuthorityTrail.measure``)."""
    similarity: float  # word overlap with the point (or its description, at its weight)
    on_main: float  # agreement with the point's main theme
    agreement: float  # agreement with all the point's themes
    at_home: bool  # in the section of the judgement area the point's matter belongs to


def closeness(sim: float, on_main: float, agree: float, back_reference: bool) -> float:
    """A sentence's score against a point: agreement with its main theme, a little for its other
    themes, word overlap, and a bonus for saying it refers back to the last inspection."""
    return on_main + 0.3 * agree + sim + (0.15 if back_reference else 0.0)


@dataclass
class Evidence:
    document: str
    paragraph: Paragraph
    quote: str
    start: int
    end: int
    polarity: str
    score: float
    reason: str


@dataclass
class Verdict:
    point: str
    document: Document
    verdict: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    reason: str = ""
    part: int | None = None  # index of the point part, for bundled points
    curated: Verdict | None = None  # an analyst's verdict, which wins
    analyst: str | None = None


@dataclass
class PartResult:
    text: str
    themes: set[str]
    verdicts: list[Verdict]
    status: str
    source: Verdict | None = None  # the verdict its status comes from


class Regression(NamedTuple):
    """An earlier finding that praised the matter a point raises: its sentence and span."""
    paragraph: Paragraph
    document: Document
    sentence: str
    start: int  # offset in the document's cleaned text
    end: int


@dataclass
class PointTrail:
    point: Point
    document: Document
    themes: set[str]
    verdicts: list[Verdict]
    status: str
    status_source: Verdict | None
    parts: list[PartResult] = field(default_factory=list)
    recurrences: list[tuple[Point, Document]] = field(default_factory=list)
    regressions: list[Regression] = field(default_factory=list)
    claims: list[tuple[str, str, Document]] = field(default_factory=list)  # (claim iri, text, source)


class AuthorityTrail:
    """Everything needed to follow one authority's points through its later documents."""

    def __init__(self, documents: list[Document]):
        self.documents = sorted(documents, key=lambda d: (d.date, d.kind))
        texts = [p.text for d in self.documents for p in d.paragraphs]
        self.idf = idf_table(texts)
        self._sentences: dict[str, list[SentenceInfo]] = {}
        self._theme_frequency: Counter[str] | None = None
        self._primary: dict[str, str | None] = {}
        self._sentence_count: int | None = None
        self._candidates: dict[tuple[str, frozenset[str], str], list[tuple[float, SentenceInfo]]] = {}
        self._descriptions: dict[str, Counter[str]] = {}  # point text -> words of the findings it cites
        self._point_profiles: dict[str, tuple[Counter[str], float, frozenset[str], set[str]]] = {}
        self._word_index: dict[str, dict[str, list[int]]] = {}  # document -> word -> sentence positions
        self._declared: dict[tuple[str, str], tuple[Point, str]] | None = None

    def sentences_of(self, doc: Document) -> list[SentenceInfo]:
        if doc.iri not in self._sentences:
            out = []
            point_paragraphs = {pt.paragraph for pt in doc.points}
            scope = " ".join(doc.scope_statement.split()) if doc.scope_statement else ""
            for p in doc.paragraphs:
                if p.kind not in ("paragraph", "bullet"):
                    continue
                # The paragraph's, read once. A paragraph of a visit's statement of its scope (the
                # bullets of "..., with a particular focus on the:", a monitoring visit's "areas of
                # concern identified at the last inspection") names what the visit looked at, in
                # the words of the points it follows up, and says nothing of what it found.
                can_be_evidence = evidential(p, point_paragraphs) and not stating(p.text, scope)
                spans = [(s.start, s.end) for s in sentences(p.text)]
                for i in range(len(spans) - 1, 0, -1):
                    # "... (This was a recommendation at the last inspection.)" is about the
                    # sentence before it: one sentence with it, the back-reference its strength.
                    if refers_back(p.text[spans[i][0]:spans[i][1]]):
                        spans[i - 1:i + 1] = [(spans[i - 1][0], spans[i][1])]
                for start, end in spans:
                    text = p.text[start:end]
                    out.append(SentenceInfo(p, text, p.start + start, p.start + end, themes.tag(text),
                                            Counter(content_terms(text)), back_reference(text),
                                            can_be_evidence and not METHOD_SENTENCE.search(text)))
            for info in out:
                info.norm = weighted_norm(info.terms, self.idf)
                info.expanded = themes.expand(info.themes)
            self._sentences[doc.iri] = out
        return self._sentences[doc.iri]

    def word_index(self, doc: Document) -> dict[str, list[int]]:
        """Each word of ``doc``'s evidential sentences, with the positions of the sentences that
        use it: a point is scored against the sentences sharing a word with it, found here,
        rather than by testing every sentence of the document for one."""
        if doc.iri not in self._word_index:
            index: dict[str, list[int]] = {}
            for i, s in enumerate(self.sentences_of(doc)):
                if s.evidential:
                    for w in s.terms:
                        index.setdefault(w, []).append(i)
            self._word_index[doc.iri] = index
        return self._word_index[doc.iri]

    @property
    def declared(self) -> dict[tuple[str, str], tuple[Point, str]]:
        """(earlier point, later document) -> the later point that says it was made before."""
        if self._declared is None:
            self._declared = declared_reraises(self)
        return self._declared

    def later_inspectorate_documents(self, doc: Document) -> list[Document]:
        return [d for d in self.documents if d.date > doc.date and not d.secondary]

    # ------------------------------------------------------------------ matching
    def primary(self, text: str) -> str | None:
        if text not in self._primary:
            self._primary[text] = self._rarest_named_theme(text)
        return self._primary[text]

    def _rarest_named_theme(self, text: str) -> str | None:
        """The point's matter: the rarest theme its headline names (in this
        authority's reports), so that "assessments of young people who present as
        homeless" is about homelessness, not about assessment in general."""
        named = themes.tag(headline(text)) or themes.tag(text)
        if not named:
            return None
        first = themes.primary(headline(text))
        return min(named, key=lambda n: (self.theme_frequency.get(n, 0), n != first, n))

    @property
    def theme_frequency(self) -> Counter[str]:
        if self._theme_frequency is None:
            counts: Counter[str] = Counter()
            for d in self.documents:
                for s in self.sentences_of(d):
                    counts.update(themes.expand(s.themes))
            self._theme_frequency = counts
        return self._theme_frequency

    @property
    def sentence_count(self) -> int:
        if self._sentence_count is None:
            self._sentence_count = max(sum(len(self.sentences_of(d)) for d in self.documents), 1)
        return self._sentence_count

    def broad(self, theme: str | None) -> bool:
        """A theme so common in this authority's reports ("planning", "adoption")
        that sharing it says little: the words must then meet too."""
        return theme is not None and \
            self.theme_frequency.get(theme, 0) / self.sentence_count > PARAMETERS["broad_theme_share"]

    def match(self, text: str, point_themes: set[str], doc: Document) -> list[tuple[float, SentenceInfo]]:
        cands = self.candidates(text, point_themes, doc)
        if not cands:
            return []
        cut = PARAMETERS["relative_score_min"] * cands[0][0]
        return [(score, s) for score, s in cands if score >= cut][: PARAMETERS["max_evidence"]]

    def candidates(self, text: str, point_themes: set[str], doc: Document) -> list[tuple[float, SentenceInfo]]:
        """Every sentence of ``doc`` on the point's matter, best first (cached: the
        verdict and its counter-evidence both read them)."""
        key = (text, frozenset(point_themes), doc.iri)
        if key not in self._candidates:
            self._candidates[key] = self._score_sentences(text, point_themes, doc)
        return self._candidates[key]

    def probe(self, text: str, point_themes: set[str]) -> Probe:
        """What every sentence is measured against for one point (or part): worked out once."""
        terms = matter_terms(text)
        main = self.primary(text)
        described = self._descriptions.get(text)
        main_set = frozenset({main}) if main else frozenset()
        return Probe(terms, weighted_norm(terms, self.idf), main, self.broad(main),
                     service_areas({main}) if main else set(),  # the judgement area of a one-area matter
                     described, weighted_norm(described, self.idf) if described else 0.0,
                     main_set, themes.expand(main_set), frozenset(point_themes), themes.expand(point_themes))

    def measure(self, probe: Probe, s: SentenceInfo) -> Measures:
        """How close one sentence is to the point: its word overlap, its agreement with the
        point's main theme and with all its themes, and whether it stands in the section of the
        judgement area the point's matter belongs to."""
        sim = cosine_normed(probe.terms, probe.terms_norm, s.terms, s.norm, self.idf)
        if probe.described:
            # The inspectors' own description of the weakness, in the findings the
            # point cites, names the matter in more words than the point does.
            sim = max(sim, PARAMETERS["description_weight"]
                      * cosine_normed(probe.described, probe.described_norm, s.terms, s.norm, self.idf))
        on_main = themes.expanded_agreement(probe.main_set, probe.main_expanded, s.themes, s.expanded) \
            if probe.main else 0.0
        agree = themes.expanded_agreement(probe.themes, probe.themes_expanded, s.themes, s.expanded)
        return Measures(sim, on_main, agree, bool(probe.home and s.paragraph.area in probe.home))

    def _score_sentences(self, text: str, point_themes: set[str], doc: Document
                         ) -> list[tuple[float, SentenceInfo]]:
        probe = self.probe(text, point_themes)
        words = probe.terms.keys() | (probe.described.keys() if probe.described else set())
        scored = []
        # Only the evidential sentences sharing a word with the point or its description, in
        # document order: any other has a similarity of 0, under every threshold below.
        sentences, index = self.sentences_of(doc), self.word_index(doc)
        for i in sorted({i for w in words for i in index.get(w, ())}):
            s = sentences[i]
            sim, on_main, agree, at_home = self.measure(probe, s)
            if probe.main is not None:
                # Only a broader or narrower theme shared ("adoption" for "post-adoption
                # support"), or a common one: the words must meet as well.
                # Unless the sentence stands in the section of the one judgement area
                # the point's matter belongs to ("children's plans" under help and
                # protection, for "child in need plans"): the section names the children.
                on_main_sim = PARAMETERS["similarity_on_broad"] if (probe.broad or on_main < 1.0) \
                    and not at_home else PARAMETERS["similarity_on_main"]
                keep = (on_main >= PARAMETERS["theme_agreement_min"] and sim >= on_main_sim) \
                    or sim >= PARAMETERS["similarity_alone"]
            else:
                keep = (agree >= PARAMETERS["theme_agreement_min"] and sim >= PARAMETERS["similarity_with_theme"]) \
                    or sim >= PARAMETERS["similarity_alone"]
            if keep:
                s_on_main = probe.main is not None and on_main >= PARAMETERS["theme_agreement_min"]
                scored.append((closeness(sim, on_main, agree, s.back_reference), s, s_on_main))
        scored.sort(key=lambda t: -t[0])
        if not scored:
            return []
        # Sentences on the point's main theme speak to the matter itself; the
        # rest only share words or a side theme ("recording" beside "chronologies").
        if any(on for _, _, on in scored):
            scored = [t for t in scored if t[2]]
        return [(score, s) for score, s, _ in scored]

    def reraised(self, text: str, point_themes: set[str], doc: Document, whole: str | None = None
                 ) -> Point | None:
        """A later point raising the same matter; ``whole`` is the full point when
        ``text`` is one of its parts (a part is about the children the whole names)."""
        terms = matter_terms(text)
        terms_norm = weighted_norm(terms, self.idf)
        best: tuple[float, Point | None] = (0.0, None)
        served = service_areas(themes.tag(whole or text))
        main = self.primary(text)
        for q in doc.points:
            q_terms, q_norm, q_headline_themes, other = self.point_profile(q)
            agree = themes.agreement(point_themes, q_headline_themes)
            sim = cosine_normed(terms, terms_norm, q_terms, q_norm, self.idf)
            # "Management oversight for children in need" is not raised again by
            # "management oversight in the care leavers service": other children.
            if served and other and not served & other:
                continue
            # The same main theme (the rarest theme each names) is stronger evidence of one matter
            # than shared themes alone: fewer shared words are needed (experiment 60).
            same_main = main is not None and main == self.primary(q.text)
            if agree >= 1.0 and (sim >= PARAMETERS["reraised_similarity"]
                                 or (same_main and sim >= PARAMETERS["reraised_similarity_same_main"])) \
                    and sim > best[0]:
                best = (sim, q)
        return best[1]

    # ------------------------------------------------------------------ verdicts
    def judge(self, point: Point, text: str, point_themes: set[str], areas: set[str],
              doc: Document) -> Verdict:
        main = self.primary(text)
        matches = self.match(text, point_themes, doc)
        again = self.reraised(text, point_themes, doc, point.text)
        declared = self.declared.get((point.iri, doc.iri))
        if again is None and declared is not None:
            # The later document says it makes this recommendation again: the inspectors'
            # word, whatever words the point is put in now.
            return self._raised_again(point, text, doc, declared[0], matches, declared[1])
        if again is not None:
            # Raising the matter again is speaking to it, whatever the visit's declared scope.
            return self._raised_again(point, text, doc, again, matches)
        if narrow_visit(doc):
            # A visit looks at what its statement names; it may still speak to
            # the matter elsewhere, and then it is evidence.
            speaks = main is not None and any(
                themes.agreement({main}, s.themes) >= PARAMETERS["theme_agreement_min"] for _, s in matches)
            if not (visit_covers(doc, main) or speaks):
                # A visit to other services than the point's ("arrangements for care leavers", for
                # a point on adoption) is out of its scope far more surely than one whose statement
                # only does not name the matter (the calibration table's two kinds).
                mine, theirs = areas - {"leadership"}, covered_areas(doc) - {"leadership"}
                if mine and not mine & theirs:
                    return Verdict(point.iri, doc, "out_of_scope", calibrated("out_of_scope", "other services", doc),
                                   scope_evidence(doc), f"the visit looked at other services than the point's "
                                                        f"({', '.join(sorted(mine))}): {doc.scope_statement}")
                return Verdict(point.iri, doc, "out_of_scope", calibrated("out_of_scope", "statement", doc),
                               scope_evidence(doc), f"the visit looked at: {doc.scope_statement}")
        # A visit without a statement of what it looked at is not narrowed by
        # service area: a monitoring visit follows up the previous inspection's
        # findings wherever they were. An inspection is, but it is a full look at
        # the authority: the matter outside the areas it judges is not spoken to
        # (no evidence), rather than put out of its scope as a visit's would be.
        elif not doc.kind.endswith("visit") and not in_scope(areas, doc):
            return Verdict(point.iri, doc, "no_evidence", calibrated("no_evidence", "areas", doc),
                           reason=f"no sentence of the later document speaks to the matter: {doc.kind} judged "
                                  f"{', '.join(sorted(covered_areas(doc)))}; the point is about {', '.join(sorted(areas))}")
        evidence = [_evidence(doc, score, s) for score, s in matches]
        if not evidence:
            return Verdict(point.iri, doc, "no_evidence", calibrated("no_evidence", "silence", doc),
                           reason="no sentence of the later document speaks to the matter")
        top = evidence[0]
        # The verdict rests on the sentences closest to the matter; the others are context.
        deciding = [e for e in evidence if e.score >= PARAMETERS["deciding_score_share"] * top.score]
        labels = [e.polarity for e in deciding if e.polarity != "neutral"]
        if not labels:
            # Practice on the matter described without a word of blame
            # ("Pathway plans are jointly developed over several visits"):
            # the weakness is no longer reported, weakly addressed.
            return Verdict(point.iri, doc, "addressed", calibrated("addressed", "described", doc),
                           cited(deciding, "addressed"), "the sentences on the matter describe it without a weakness")
        if PARAMETERS["counter_share"] and all(lab == "positive" for lab in labels):
            # Praise at the top but a weakness on the same matter further down
            # ("for a small number of children ..."): the evidence is mixed.
            wanted = ("negative", "mixed")
            # Scored first, so that only the sentences close enough are read for polarity (the
            # score rounded as an Evidence's is, so that the same sentences count as before).
            close = [(sc, s) for sc, s in self.candidates(text, point_themes, doc)[len(evidence):]
                     if round(sc, 3) >= PARAMETERS["counter_share"] * top.score]
            counter = [e for e in (_evidence(doc, sc, s) for sc, s in close) if e.polarity in wanted]
            if counter:
                deciding = deciding + counter[:1]
                labels.append(counter[0].polarity)
        if all(lab == "positive" for lab in labels):
            verdict = "addressed"
        elif all(lab == "negative" for lab in labels):
            verdict = "not_addressed"
        else:
            verdict = "partially_addressed"
        confidence = calibrated(verdict, "sentences", doc)
        reason = f"{len(deciding)} sentence(s) on the matter: " + ", ".join(labels)
        return Verdict(point.iri, doc, verdict, confidence, cited(deciding, verdict), reason)

    def _raised_again(self, point: Point, text: str, doc: Document, again: Point,
                      matches: list[tuple[float, SentenceInfo]], said: str | None = None) -> Verdict:
        evidence = []
        para = self._raising_paragraph(text, doc, again)
        if para is not None:
            evidence.append(Evidence(doc.iri, para, para.text, para.start, para.start + len(para.text),
                                     "negative", 1.0, "raised again as an improvement point"))
        # The finding that restates the weakness, when one does.
        restating = [e for e in (_evidence(doc, score, s) for score, s in matches) if e.polarity != "positive"]
        evidence.extend(restating[:1])
        reason = "the later document raises the same matter as its own improvement point"
        if said:
            reason += f", and says so: “{said}”"
        return Verdict(point.iri, doc, "not_addressed", calibrated("not_addressed", "raised again", doc),
                       evidence, reason)

    def _raising_paragraph(self, text: str, doc: Document, again: Point) -> Paragraph | None:
        """The paragraph of the later point that raises the matter of ``text``: its own, or, for a
        point printed as a list ("Implement the following areas for improvement ...:" and a bullet
        per matter), the bullet closest to the matter. The lead-in names no matter."""
        at = next((i for i, p in enumerate(doc.paragraphs) if p.iri == again.paragraph), None)
        if at is None:
            return None
        own = [doc.paragraphs[at]]
        whole = " ".join(again.text.split())
        for p in doc.paragraphs[at + 1:]:
            if p.kind not in ("paragraph", "bullet") or " ".join(p.text.split()) not in whole:
                break
            own.append(p)
        if len(own) == 1:
            return own[0]
        terms = matter_terms(text)
        norm = weighted_norm(terms, self.idf)

        def closeness(p: Paragraph) -> float:
            words = Counter(content_terms(p.text))
            return cosine_normed(terms, norm, words, weighted_norm(words, self.idf), self.idf)
        return max(own, key=closeness)

    def point_profile(self, q: Point) -> tuple[Counter[str], float, frozenset[str], set[str]]:
        """A point as other points are compared with it (``reraised``, recurrences): its words
        and their norm, its headline's themes and its service areas. Worked out once per point:
        every earlier point (and each of its parts) is compared with it."""
        if q.iri not in self._point_profiles:
            q_terms = point_terms(q.text)
            self._point_profiles[q.iri] = (q_terms, weighted_norm(q_terms, self.idf), themes.tag(headline(q.text)),
                                           service_areas(themes.tag(q.text)))
        return self._point_profiles[q.iri]

    def description(self, point: Point, doc: Document) -> Counter[str]:
        """The words of the findings a point cites ("(page 13, paragraphs 27, 29)") that
        carry its main theme: the inspectors' description of the weakness."""
        numbers = {int(n) for ref in CROSS_REFERENCE.findall(point.text)
                   for n in re.findall(r"\d+", ref.split("paragraph", 1)[1]) if "paragraph" in ref}
        main = self.primary(point.text)
        terms: Counter[str] = Counter()
        for s in self.sentences_of(doc):
            if s.paragraph.number in numbers and s.evidential and main in themes.expand(s.themes):
                terms.update(s.terms)
        return terms

    def read_description(self, point: Point, doc: Document) -> None:
        """Keep the words of the findings ``point`` cites, for measuring sentences against it."""
        if PARAMETERS["description_weight"]:
            self._descriptions[point.text] = self.description(point, doc)

    def follow(self, point: Point, doc: Document) -> PointTrail:
        self.read_description(point, doc)
        matter = point_themes(point.text)
        main = self.primary(point.text)
        areas = point_areas(point, {main} if main else matter)
        later = self.later_inspectorate_documents(doc)
        verdicts = [self.judge(point, point.text, matter, areas, d) for d in later]
        trail = PointTrail(point, doc, matter, verdicts, *current_status(verdicts, bool(later)))
        parts = split_point(point.text)
        if len(parts) > 1:
            results = []
            for i, part in enumerate(parts):
                part_matter = themes.tag(part) or matter
                part_main = self.primary(part)
                pv = [self.judge(point, part, part_matter, point_areas(point, {part_main} if part_main else part_matter), d)
                      for d in later]
                for v in pv:
                    v.part = i
                results.append(PartResult(part, part_matter, pv, *current_status(pv, bool(later))))
            # A document silent on the whole (a focused visit on one part of it, a
            # report whose sentences name the other parts) speaks to the point
            # through the parts it speaks to.
            for j, v in enumerate(verdicts):
                if v.verdict not in SPEAKING:
                    speaking = [r.verdicts[j] for r in results if r.verdicts[j].verdict in SPEAKING]
                    if speaking:
                        verdicts[j] = combined(point, speaking)
            if len({r.status for r in results}) > 1:
                trail.parts = results
            trail.status, trail.status_source = settled_status(verdicts, trail.parts, bool(later))
        return trail


def combined(point: Point, parts: list[Verdict]) -> Verdict:
    """One document's verdict on a bundled point from its verdicts on the parts it
    speaks to: the same verdict when they agree, else partly addressed."""
    labels = {v.verdict for v in parts}
    verdict = labels.pop() if len(labels) == 1 else "partially_addressed"
    doc = parts[0].document
    # The parts' cited sentences, cited again by the rule every verdict follows: a partly
    # addressed point shows what is done and what still falls short, even when a single
    # part says both (its best sentence alone was its praise, and read as the whole answer).
    pooled: dict[str, Evidence] = {}
    for e in sorted((e for v in parts for e in v.evidence), key=lambda e: -e.score):
        pooled.setdefault(e.quote, e)
    evidence = cited(list(pooled.values()), verdict)
    if verdict == "partially_addressed" and all(e.polarity == "positive" for e in evidence):
        evidence += [e for e in pooled.values() if e.polarity != "positive"][:1]
    return Verdict(point.iri, doc, verdict, calibrated(verdict, "parts", doc), evidence,
                   "speaks to part of the point: " + "; ".join(v.verdict for v in parts))


# The reason an out-of-scope verdict's evidence gives: it is the visit's word on what it looked at,
# not a sentence on the point's matter.
SCOPE_REASON = "the visit's statement of what it looked at"


def scope_evidence(doc: Document) -> list[Evidence]:
    """Why a visit is out of a point's scope, as quoted from it: its statement of what it looked at,
    where the document prints it. Without it an out-of-scope verdict rested on no sentence of the
    visit at all."""
    if doc.scope_span is None:
        return []
    iri, start, end, quote = doc.scope_span
    paragraph = next((p for p in doc.paragraphs if p.iri == iri), None)
    if paragraph is None:
        return []
    return [Evidence(doc.iri, paragraph, quote, start, end, "neutral", 0.0, SCOPE_REASON)]


def _evidence(doc: Document, score: float, s: SentenceInfo) -> Evidence:
    return Evidence(doc.iri, s.paragraph, s.text, s.start, s.end, polarity(s.text).label, round(score, 3),
                    "back-reference" if s.back_reference else "same matter")


def cited(deciding: list[Evidence], verdict: str) -> list[Evidence]:
    """The sentences a verdict cites: few and on point, since every one is read as
    support. Addressed: the best sentence in its favour; not addressed: the best
    restating the weakness; partially: the best of each side."""
    def best(*labels: str) -> list[Evidence]:
        return [e for e in deciding if e.polarity in labels][:1]

    if verdict == "addressed":
        return best("positive") or deciding[:1]
    if verdict == "not_addressed":
        return best("negative") or deciding[:1]
    # Partly: what is done and what is not. Without praise, a sentence that says both
    # ("Most plans are timely, but ...") is the side in favour: the one that made the verdict
    # partial and not "not addressed", which a weakness cited alone would seem to say.
    favour = best("positive")
    chosen = favour + best("negative", "mixed") if favour else best("mixed") + best("negative")
    return sorted(chosen, key=lambda e: -e.score) or deciding[:1]


def stating(paragraph: str, scope: str) -> bool:
    """Whether a paragraph is part of a visit's statement of its scope (a phrase of a few words
    found in it by chance is not)."""
    text = " ".join(paragraph.split())
    return len(text) > 20 and text in scope


def evidential(p: Paragraph, point_paragraphs: set[str]) -> bool:
    """Whether a paragraph can be evidence: findings and strengths, and any body
    paragraph that is not boilerplate, a heading, a table or an improvement point
    (a point is evidence only as a point raised again)."""
    if p.iri in point_paragraphs or p.kind not in ("paragraph", "bullet"):
        return False
    if p.finding or p.strength:
        return True
    return not (FOOTER.search(p.text) or LETTER_BOILERPLATE.search(p.text))


@lru_cache(maxsize=10_000)
def matter_terms(text: str) -> Counter[str]:
    """The words that name a point's matter: its headline's, when it has enough of them
    (cached: read for every later document; callers must not change it)."""
    text = CROSS_REFERENCE.sub(" ", text)
    head = content_terms(headline(text))
    return Counter(head if len(head) >= 4 else content_terms(text))


@lru_cache(maxsize=10_000)
def point_terms(text: str) -> Counter[str]:
    """All the content words of a point (cached; callers must not change it)."""
    return Counter(content_terms(text))


def service_areas(notations: frozenset[str] | set[str]) -> set[str]:
    """The service areas named by themes that belong to one area only (care
    leavers, child protection): the children a text is about, when it says."""
    out: set[str] = set()
    for n in notations:
        areas = themes.areas_of({n})
        if len(areas) == 1:
            out |= areas
    return out


def point_areas(point: Point, point_themes: set[str]) -> set[str]:
    """The service areas a point is about: its themes' areas, else its section's."""
    areas = themes.areas_of(point_themes)
    if point.area and not areas:
        areas = {point.area}
    return areas


def current_status(verdicts: list[Verdict], any_later: bool) -> tuple[str, Verdict | None]:
    """The verdict of the most recent later document that speaks to the point."""
    for v in sorted(verdicts, key=lambda v: v.document.date, reverse=True):
        if v.verdict in SPEAKING:
            return v.verdict, v
    if not any_later:
        return "no_later_inspection", None
    return "no_evidence", None


def settled_status(verdicts: list[Verdict], parts: list[PartResult], any_later: bool
                   ) -> tuple[str, Verdict | None]:
    """A point's current status and the verdict it comes from. A point shown in parts is
    as resolved as its least resolved part that any document speaks to, and its status
    comes from that part's own verdict (the most recent of them on a tie), not from the
    whole point's, which may say otherwise; else the most recent document speaks."""
    spoken = [p for p in parts if p.status in SPEAKING and p.source is not None]
    if spoken:
        least = min(spoken, key=lambda p: (RESOLUTION_ORDER.index(p.status), -p.source.document.date.toordinal()))
        return least.status, least.source
    return current_status(verdicts, any_later)
