"""The 2009-12 inspection of safeguarding and looked after children services: read as its own
kind, its two services' judgements kept apart (each with its own capacity for improvement), both
lists of areas for improvement read whole, and followed up as an inspection of every service.

The fixture (tests/data/constructed/) is written in the layout of the reports of those years;
its findings are made up (see tests/data/README.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import DATA, build_constructed, cli_ok
from hypothesis import given
from hypothesis import strategies as st
from inspectkg.graph.engines import result_set, run_rdflib, store_to_dataset
from inspectkg.graph.queries import library
from inspectkg.graph.store import Store
from inspectkg.reports.genre import detect_kind
from inspectkg.reports.judgements import find_judgements

SLAC = "slac_inspection_2011_wiltshire.txt"
CONSTRUCTED = DATA / "constructed"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    return build_constructed(tmp_path_factory, SLAC)


def judged(text: str) -> dict[tuple[str | None, str], str]:
    """(service, area) -> grade, as read from ``text`` of a 2009-12 report."""
    return {(j.parent, j.area): j.grade for j in find_judgements(text, "slac-inspection")}


def sparql(store: str, tmp_path: Path, text: str) -> list[dict]:
    query = tmp_path / "q.rq"
    query.write_text("PREFIX ikg: <https://w3id.org/inspectkg/ontology#>\n"
                     "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" + text)
    return json.loads(cli_ok(store, "query", "--format", "json", str(query)))["results"]["bindings"]


def test_read_as_its_own_kind(store):
    [doc] = json.loads(cli_ok(store, "reports", "--format", "json"))
    assert doc["kind"] == "slac-inspection"
    assert doc["authority"]["gss"] == "E06000054"
    assert (doc["start_date"], doc["end_date"], doc["published"]) == ("2011-02-07", "2011-02-18", "2011-03-25")
    assert doc["inspectors"] == ["Alex Example"]


def test_each_service_keeps_its_own_judgements(store):
    """Both services are judged on the same sub-areas: each grade stays under its own service,
    the section's own "Grade 3 (Adequate)" first, the table of main findings where the section
    has none (its outcomes, the parts of its quality of provision and of its leadership)."""
    [doc] = json.loads(cli_ok(store, "reports", "--format", "json"))
    got = {(j.get("parent"), j["area"]): j["grade"] for j in doc["judgements"]}
    assert got == {
        (None, "safeguarding"): "adequate",
        ("safeguarding", "capacity-to-improve"): "good",
        ("safeguarding", "quality-of-provision"): "adequate",
        ("safeguarding", "leadership"): "adequate",
        ("safeguarding", "children-safe"): "adequate",
        ("safeguarding", "children-feel-safe"): "good",
        ("safeguarding", "service-responsiveness"): "good",
        ("safeguarding", "assessment-and-direct-work"): "inadequate",
        ("safeguarding", "case-planning"): "adequate",
        ("safeguarding", "ambition-and-prioritisation"): "good",
        ("safeguarding", "evaluation"): "adequate",
        ("safeguarding", "partnership-working"): "good",
        ("safeguarding", "equality-and-diversity"): "adequate",
        (None, "children-in-care"): "good",
        ("children-in-care", "capacity-to-improve"): "good",
        ("children-in-care", "quality-of-provision"): "good",
        ("children-in-care", "leadership"): "good",
        ("children-in-care", "equality-and-diversity"): "good",
        ("children-in-care", "ambition-and-prioritisation"): "good",
        ("children-in-care", "evaluation"): "good",
        ("children-in-care", "partnership-working"): "outstanding",
        ("children-in-care", "being-healthy"): "good",
        ("children-in-care", "staying-safe"): "good",
        ("children-in-care", "enjoying-and-achieving"): "adequate",
        ("children-in-care", "positive-contribution"): "good",
        ("children-in-care", "economic-wellbeing"): "adequate",
    }
    # The table a person reads names the service of an area judged twice.
    line = next(x for x in cli_ok(store, "reports").splitlines() if "judgements:" in x)
    assert "capacity-to-improve (safeguarding): good" in line
    assert "capacity-to-improve (children-in-care): good" in line


def test_judgements_of_one_area_are_two_nodes_under_their_services(store, tmp_path):
    rows = sparql(store, tmp_path, """
        SELECT ?j ?parent WHERE { ?j ikg:area/skos:notation "capacity-to-improve" ;
                                     ikg:subJudgementOf/ikg:area/skos:notation ?parent }""")
    assert sorted(r["parent"]["value"] for r in rows) == ["children-in-care", "safeguarding"]
    assert len({r["j"]["value"] for r in rows}) == 2
    assert "Conforms: 1 documents" in cli_ok(store, "validate")


def test_both_lists_of_areas_for_improvement_are_read_whole(store, tmp_path):
    """The second list's lead-in ("In order to improve ... should take the following action.") is
    not a point, and its bullets are: each with its timescale and its service's area."""
    rows = sparql(store, tmp_path, """
        SELECT ?ordinal ?text ?priority ?area WHERE {
          ?p a ikg:ImprovementPoint ; ikg:ordinal ?ordinal ; ikg:text ?text .
          OPTIONAL { ?p ikg:priority ?priority } OPTIONAL { ?p ikg:serviceArea/skos:notation ?area } }
        ORDER BY ?ordinal""")
    got = [(r["text"]["value"].split()[:3], r.get("priority", {}).get("value"), r.get("area", {}).get("value"))
           for r in rows]
    assert got == [
        (["ensure", "that", "all"], "immediately", "help-and-protection"),
        (["improve", "the", "quality"], "within three months", "help-and-protection"),
        (["ensure", "that", "supervision"], "within three months", "help-and-protection"),
        (["develop", "a", "multi-agency"], "within six months", "help-and-protection"),
        (["ensure", "that", "all"], "within three months", "children-in-care"),
        (["improve", "the", "quality"], "within six months", "children-in-care"),
    ]


def test_an_overall_judgement_that_names_its_service():
    """"Overall effectiveness of safeguarding services", with no heading of the service above it."""
    text = ("Overall effectiveness of safeguarding services\n\nGrade 2 (Good)\n\nCapacity for improvement\n\n"
            "Grade 2 (Good)\n\nOverall effectiveness of services for looked after children and young people\n\n"
            "Grade 3 (Adequate)\n\nCapacity for improvement\n\nGrade 4 (Inadequate)\n")
    got = judged(text)
    assert got == {(None, "safeguarding"): "good", ("safeguarding", "capacity-to-improve"): "good",
                   (None, "children-in-care"): "adequate", ("children-in-care", "capacity-to-improve"): "inadequate"}


def test_the_wording_of_2012_and_of_2009():
    """The judgements were renamed over the framework's life: "are safe and feel safe" as one
    (2012), "Performance management and quality assurance" (2012) for "Evaluation, including
    ... workforce development" (2009), "Partnerships" for "Partnership working"."""
    text = ("Safeguarding services\n\nOverall effectiveness\n\nGrade 4 (Inadequate)\n\n5. Text.\n\n"
            "Children and young people are safe and feel safe\n\nGrade 3 (Adequate)\n\n"
            "The contribution of health agencies to keeping children and young people safe\n\nGrade 4 (Inadequate)\n\n"
            "Performance management and quality assurance\n\nGrade 3 (Adequate)\n\n"
            "Case planning, reviews and recording\n\nGrade 2 (Good)\n\n"
            "Services for looked after children\n\nOverall effectiveness\n\nGrade 3 (Adequate)\n\n"
            "Evaluation, including performance management, quality assurance and workforce development\tGood\n\n"
            "User engagement\tGood\n\nPartnerships\tOutstanding\n\nValue for money\tAdequate\n\n"
            "Achieving economic well-being\tGood\n")
    got = judged(text)
    assert got == {
        (None, "safeguarding"): "inadequate",
        ("safeguarding", "children-safe"): "adequate",
        ("safeguarding", "health-contribution"): "inadequate",
        ("safeguarding", "evaluation"): "adequate",
        ("safeguarding", "case-planning"): "good",
        (None, "children-in-care"): "adequate",
        ("children-in-care", "evaluation"): "good",
        ("children-in-care", "user-engagement"): "good",
        ("children-in-care", "partnership-working"): "outstanding",
        ("children-in-care", "value-for-money"): "adequate",
        ("children-in-care", "economic-wellbeing"): "good",
    }


# The genre's layout, as a PDF may give it: sections opened by a service's heading and its overall
# effectiveness, then rows of parts, each with its grade in one of the forms reports print, or
# in a form no rule reads ("Grade 3 adequately").
_OPENINGS = [("Safeguarding services", "Overall effectiveness"), ("Services for looked after children", "Overall effectiveness"),
             ("Looked after children services", "Overall effectiveness"), ("Overall effectiveness of safeguarding services",),
             ("Overall effectiveness of services for looked after children and young people",)]
_PARTS = ["Capacity for improvement", "Quality of provision", "Leadership and management",
          "Children and young people are safe", "Being healthy", "Partnership working"]
_GRADES = ["Grade 3 (Adequate)", "Grade 1 (Outstanding)", "Good", "Inadequate", "Grade 3 adequately", "Grade 2"]
_SECTION = st.tuples(st.sampled_from(_OPENINGS), st.sampled_from(_GRADES),
                     st.lists(st.tuples(st.sampled_from(_PARTS), st.sampled_from(_GRADES)), max_size=4))


@given(st.lists(_SECTION, max_size=4), st.sampled_from(["\n\n", "\t", " "]))
def test_any_arrangement_gives_one_judgement_per_service_and_area(sections, joiner):
    """However the layout comes out, each (service, area) is judged once and every part stands
    under its service's own judgement: one node each, none left without its service."""
    text = joiner.join(joiner.join([*opening, grade, *(f"{p}{joiner}{g}" for p, g in parts)])
                       for opening, grade, parts in sections)
    found = find_judgements(text, "slac-inspection")
    keys = [(j.parent, j.area) for j in found]
    assert len(keys) == len(set(keys))
    services = {j.area for j in found if j.parent is None}
    assert services <= {"safeguarding", "children-in-care"}
    assert all(j.parent in services for j in found if j.parent is not None)


@pytest.mark.parametrize("title, kind", [
    ("Inspection of safeguarding and looked after children services", "slac-inspection"),
    ("Inspection of safeguarding services", "slac-inspection"),
    ("Inspection of looked after children services", "lac-inspection"),
    ("Inspection of looked after children’s services", "lac-inspection"),
])
def test_titles_of_the_two_genres(title, kind):
    assert detect_kind(f"{title}\n\nSomewhere Council\n\nInspection dates: 4 – 13 March 2011\n") == kind


def test_it_speaks_about_every_service():
    """Unlike the 2012-13 looked-after-children inspection, it judged child protection too: a
    front-door point of an earlier letter is in its scope."""
    from inspectkg.followup.corpus import Document
    from inspectkg.followup.scope import in_scope

    slac = Document("s", "a", "E1", "A", dt.date(2011, 2, 7), "slac-inspection", False)
    lac = Document("l", "a", "E1", "A", dt.date(2013, 6, 24), "lac-inspection", False)
    for areas in ({"help-and-protection"}, {"children-in-care"}, {"care-leavers"}):
        assert in_scope(areas, slac)
    assert not in_scope({"help-and-protection"}, lac)


@pytest.fixture(scope="module")
def two_inspections(tmp_path_factory) -> str:
    """The fixture and a later inspection of the same authority in its layout, whose
    safeguarding capacity to improve fell to inadequate while its looked-after-children one
    stayed good."""
    folder = tmp_path_factory.mktemp("two-slac")
    text = (CONSTRUCTED / SLAC).read_text(encoding="utf-8")
    later = (text.replace("7 – 18 February 2011", "6 – 17 February 2012")
             .replace("25 March 2011", "23 March 2012").replace("Crown copyright 2011", "Crown copyright 2012")
             .replace("Capacity for improvement\n\nGrade 2 (Good)", "Capacity for improvement\n\nGrade 4 (Inadequate)", 1))
    assert later.count("Grade 4 (Inadequate)") == 1
    (folder / "2011.txt").write_text(text, encoding="utf-8")
    (folder / "2012.txt").write_text(later, encoding="utf-8")
    path = str(folder / "store")
    cli_ok(path, "build", "--quiet", str(folder / "2011.txt"), str(folder / "2012.txt"))
    return path


def both_engines(store_path: str, name: str, values: dict[str, str]) -> list[dict[str, str]]:
    """A library query's rows (variable -> value) on the store, checked to be rdflib's too."""
    query = next(q for q in library() if q.name == name)
    store = Store(store_path, read_only=True)
    try:
        on_store = query.run(store, values)
        assert result_set(on_store) == result_set(run_rdflib(store_to_dataset(store), query.sparql, query.bind(values)))
    finally:
        store.close()
    return [{k: str(v) for k, v in row.items()} for row in on_store.rows]


def test_grade_changes_keep_each_service_apart(two_inspections):
    """Capacity to improve is judged under both services: each is paired with its own service's
    next grade, not with the other's (four pairs, two of them crossed, before)."""
    rows = both_engines(two_inspections, "grade-changes", {"authority": "Wiltshire", "area": "capacity-to-improve"})
    got = sorted((r["fromParentArea"], r["toParentArea"], r["fromGrade"], r["toGrade"], r["direction"]) for r in rows)
    assert got == [("children-in-care", "children-in-care", "good", "good", "same"),
                   ("safeguarding", "safeguarding", "good", "inadequate", "down")]


def test_judgement_paragraphs_give_each_block_its_own_services_grade(store):
    """Leadership is graded adequate under safeguarding and good under looked after children:
    each leadership block is listed once, with the grade of the section it stands in."""
    document = "https://w3id.org/inspectkg/id/document/E06000054/slac-inspection/2011-02-07"
    rows = both_engines(store, "judgement-paragraphs", {"document": document, "area": "leadership"})
    got = [(r["text"].split(".")[0], r["grade"], r["gradeSource"]) for r in rows]
    assert got == [("Grade 3 (Adequate)", "adequate", "true"),
                   ("Leadership and management are adequate", "adequate", "false"),
                   ("Grade 2 (Good)", "good", "true"),
                   ("Leadership and management are good", "good", "false")]


def test_document_coverage_lists_an_area_judged_twice_once(store):
    rows = both_engines(store, "document-coverage", {"authority": "Wiltshire"})
    covered = [r["coveredArea"] for r in rows]
    assert len(covered) == len(set(covered)) == 19
    assert {"leadership", "capacity-to-improve", "safeguarding", "children-in-care"} <= set(covered)


def test_graph_exports_name_the_service_of_an_area_judged_twice(store, tmp_path):
    """In the authority view for yEd, Gephi or Cytoscape, the two leadership judgements are
    told apart by their labels, not only by the edge to their service."""
    out = tmp_path / "authority.cyjs"
    cli_ok(store, "export", "--view", "authority", "--format", "cytoscape", "--output", str(out))
    labels = [n["data"]["label"] for n in json.loads(out.read_text(encoding="utf-8"))["elements"]["nodes"]
              if n["data"].get("type") == "judgement"]
    assert "Leadership and management (Safeguarding): Adequate" in labels
    assert "Leadership and management (Children in care): Good" in labels
    assert "Being healthy: Good" in labels
    assert len(labels) == len(set(labels)) == 26


def test_a_timescale_run_into_the_lead_in_still_sets_the_first_points_timescale(tmp_path):
    """A PDF's layout may run the line "Immediately:" into the lead-in before it (pdfium of
    pypdfium2 5.12 did so on a real 2013 report): the first points are still immediate."""
    text = (CONSTRUCTED / SLAC).read_text(encoding="utf-8")
    joined = text.replace("should take the following action.\n\nImmediately:\n", "should take the following action. Immediately:\n", 1)
    assert joined != text
    (tmp_path / "joined.txt").write_text(joined, encoding="utf-8")
    from inspectkg.reports.parse import read_report

    priorities = [p.priority for p in read_report(tmp_path / "joined.txt").points]
    assert priorities == [p.priority for p in read_report(CONSTRUCTED / SLAC).points] == [
        "immediately", "within three months", "within three months", "within six months",
        "within three months", "within six months"]
