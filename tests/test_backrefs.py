"""Back-references in so many words: a later point that says it was a recommendation at the
last inspection re-raises that inspection's point on the matter, and a finding followed by
"(This was a recommendation at the last inspection.)" is one piece of evidence with it."""

from __future__ import annotations

import pytest
from inspectkg.followup.backrefs import matter_segments, refers_back
from inspectkg.followup.engine import AuthorityTrail
from inspectkg.followup.trace import trace_authority
from test_followup import _made_up

EARLIER_POINTS = [
    "Improve the quality of plans, including child in need plans, to improve outcomes for children.",
    "Ensure that life story work is completed so that children understand why they are in care.",
]
# The 2017 point re-words the 2015 one on plans: too little overlap to be read as raised again
# on its words alone, so only the inspectors' word links them.
REWORDED = ("Improve the quality, delivery and review of plans across all service areas to meet the needs of "
            "children and ensure that they are not subject to drift or delay.")
SAID = "This was a recommendation at the last inspection."
OTHER = ["Social workers visit children regularly.", "Thresholds are well understood by partners.",
         "Leaders know the service well.", "Adopters are well prepared.", "Supervision is regular and reflective.",
         "Return home interviews are timely.", "Caseloads are manageable.", "Private fostering is well promoted."]


def _documents(later_points: list[str], later_findings: list[str] | None = None):
    earlier = _made_up("sif-inspection", "2015-01-27", ["Social workers visit children regularly."], EARLIER_POINTS)
    later = _made_up("sif-reinspection", "2017-11-06",
                     later_findings or ["Leaders have a clear understanding of the service."], later_points)
    return earlier, later


def _trails(earlier, later):
    return {t.point.iri: t for t in trace_authority([earlier, later])}


def test_a_point_that_says_it_was_made_before_raises_the_earlier_one_again():
    earlier, later = _documents([f"{REWORDED} {SAID}"])
    trails = _trails(earlier, later)
    plans, life_story = (trails[p.iri] for p in earlier.points)
    [verdict] = plans.verdicts
    assert verdict.verdict == "not_addressed"
    assert verdict.reason.endswith(f"and says so: “{SAID}”")
    assert verdict.evidence[0].quote == f"{REWORDED} {SAID}"  # the later point, with what it says
    # The other point of that inspection is not re-raised by it.
    assert life_story.verdicts[0].verdict != "not_addressed"
    # And the later point is a recurrence of the earlier one.
    [new] = (trails[p.iri] for p in later.points)
    assert [p.iri for p, _ in new.recurrences] == [earlier.points[0].iri]


def test_without_the_inspectors_word_the_reworded_point_is_not_raised_again():
    earlier, later = _documents([REWORDED])
    [verdict] = _trails(earlier, later)[earlier.points[0].iri].verdicts
    assert not verdict.reason.startswith("the later document raises")


def test_a_list_of_earlier_areas_for_improvement_re_raises_each_of_them():
    earlier, later = _documents([
        "Implement the following areas for improvement from the previous inspection: strengthen the review "
        "of plans so that actions are timely for every child; help children in care to understand their "
        "histories through life story books."])
    trails = _trails(earlier, later)
    assert [trails[p.iri].verdicts[0].verdict for p in earlier.points] == ["not_addressed", "not_addressed"]


def test_a_back_reference_names_the_last_inspection_not_an_older_one():
    """The plans point was made in 2012, not at the last inspection (2015): a 2017 point saying
    it was a recommendation at the last inspection does not re-raise it by that word."""
    older = _made_up("lac-inspection", "2012-06-01", ["Plans are weak.", *OTHER], EARLIER_POINTS[:1])
    last = _made_up("sif-inspection", "2015-01-27", OTHER, EARLIER_POINTS[1:])
    later = _made_up("sif-reinspection", "2017-11-06", OTHER, [f"{REWORDED} {SAID}"])
    trails = {t.point.iri: t for t in trace_authority([older, last, later])}
    at_2017 = next(v for v in trails[older.points[0].iri].verdicts if v.document is later)
    assert not at_2017.reason.endswith(f"“{SAID}”")
    # Were it any earlier inspection, the 2012 point would be the one re-raised.
    assert AuthorityTrail([older, later]).declared


def test_a_finding_and_its_back_reference_are_one_piece_of_evidence():
    finding = "Personal advisers have made good progress in ensuring that care leavers have their health histories."
    earlier = _made_up("sif-inspection", "2015-01-27", ["Care leavers lack their health histories.", *OTHER],
                       ["Ensure that all care leavers receive their health histories."])
    later = _made_up("sif-reinspection", "2017-11-06", [f"{finding} {SAID}", *OTHER])
    engine = AuthorityTrail([earlier, later])
    [sentence] = [s for s in engine.sentences_of(later) if "health histories" in s.text]
    assert sentence.text == f"{finding} {SAID}" and sentence.back_reference
    assert later.paragraphs[0].text[sentence.start - later.paragraphs[0].start:
                                     sentence.end - later.paragraphs[0].start] == sentence.text
    [verdict] = engine.follow(earlier.points[0], earlier).verdicts
    assert verdict.verdict == "addressed" and verdict.evidence[0].reason == "back-reference"


@pytest.mark.parametrize("sentence, refers", [
    ("This was a recommendation at the last inspection.", True),
    ("(This was a recommendation at the last inspection.)", True),
    ("This was an area for improvement at the last inspection and is now a notable strength.", True),
    ("Since the last inspection, leaders have improved the quality of plans.", False),  # its own matter
    ("Plans were a recommendation at the last inspection.", False),  # not about the sentence before
])
def test_which_back_references_speak_of_the_sentence_before(sentence, refers):
    assert refers_back(sentence) is refers


def test_the_matters_of_a_point_leave_out_what_it_says_of_the_last_inspection():
    assert matter_segments(f"{REWORDED} {SAID}") == [REWORDED]
    assert matter_segments("Implement the following areas for improvement from the previous inspection: "
                           "improve plans (paragraph 12); complete life story work.") == \
        ["improve plans", "complete life story work."]


def test_a_listed_point_raised_again_is_quoted_by_the_bullet_that_names_the_matter():
    """A point printed as a lead-in and a bullet per matter: the verdict quotes the bullet on the
    earlier point's matter, not the lead-in, which names none."""
    from inspectkg.followup.corpus import Paragraph, Point

    earlier, later = _documents([])
    lead_in = "Implement the following areas for improvement from the previous inspection:"
    bullets = ["strengthen the review of plans so that actions are timely for every child",
               "help children in care to understand their histories through life story books"]
    offset = later.paragraphs[-1].start + len(later.paragraphs[-1].text) + 2
    for i, (kind, text) in enumerate([("paragraph", lead_in), *(("bullet", b) for b in bullets)]):
        later.paragraphs.append(Paragraph(f"{later.iri}/list{i}", later.iri, 100 + i, kind, text, offset,
                                          None, None, False, False, None))
        offset += len(text) + 1
    later.points.append(Point(f"{later.iri}/point/1", later.iri, 1, 1, " ".join([lead_in, *bullets]), None,
                              f"{later.iri}/list0", "Recommendations"))
    trails = _trails(earlier, later)
    quoted = [trails[p.iri].verdicts[0].evidence[0].quote for p in earlier.points]
    assert quoted == bullets


def test_a_joint_targeted_inspection_is_not_the_last_inspection():
    """A JTAI letter between the two inspections looks at one theme with other inspectorates: "the
    last inspection" is still the 2015 one of the children's services."""
    earlier, later = _documents([f"{REWORDED} {SAID}"])
    jtai = _made_up("jtai", "2016-05-01", OTHER, ["Improve the response to children at risk of neglect."])
    trails = {t.point.iri: t for t in trace_authority([earlier, jtai, later])}
    at_2017 = next(v for v in trails[earlier.points[0].iri].verdicts if v.document is later)
    assert at_2017.reason.endswith(f"“{SAID}”")
