"""Real PDFs from other authorities and years than the bundled sample: kind,
authority, dates and grades right; the "Report not found" pages rejected by name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from inspectkg.cli import main

NATIONAL = Path(__file__).parent / "data" / "national"
RI = "requires improvement"

EXPECTED = {
    "calderdale-8e9bb04311.pdf": dict(
        kind="sif-inspection", gss="E08000033", la_code="381", dates=("2015-01-13", "2015-02-04"),
        published="2015-03-20", lead="Wendy Ghaffar",
        grades={"overall": RI, "help-and-protection": RI, "children-in-care": RI, "adoption": "inadequate",
                "care-leavers": RI, "leadership": RI, "lscb": RI}),
    "doncaster-a02e6383d6.pdf": dict(
        kind="sif-reinspection", gss="E08000017", la_code="371", dates=("2017-11-09", "2017-11-24"),
        published="2018-01-19", lead="Neil Penswick",
        grades={"overall": "good", "help-and-protection": "good", "children-in-care": "good",
                "adoption": "good", "care-leavers": "good", "leadership": "good"}),
    "bristol-fc81beb613.pdf": dict(
        kind="ilacs-inspection", gss="E06000023", la_code="801", dates=("2018-09-10", "2018-09-21"),
        published=None, lead="Joy Howick",
        grades={"overall": RI, "leadership": "good", "help-and-protection": RI,
                "children-in-care-and-care-leavers": RI}),
    "norfolk-6e774c4f0c.pdf": dict(
        kind="lac-inspection", gss="E10000020", la_code="926", dates=("2013-07-08", "2013-07-12"),
        published="2013-08-16", lead="Gary Lamb",
        grades={"overall": "inadequate", "capacity-to-improve": "inadequate", "outcomes": "inadequate",
                "quality-of-provision": "inadequate", "leadership": "inadequate"}),
    "sandwell-d0ee92739c.pdf": dict(
        kind="ilacs-inspection", gss="E08000028", la_code="333", dates=("2022-05-09", "2022-05-20"),
        published=None, lead="Alison Smale",
        grades={"overall": RI, "leadership": RI, "help-and-protection": RI,
                "children-in-care-and-care-leavers": RI}),
    "doncaster-2ebf92be63.pdf": dict(
        kind="ilacs-inspection", gss="E08000017", la_code="371", dates=("2022-02-14", "2022-02-25"),
        published=None, lead="Tom Anthony",
        grades={"overall": RI, "leadership": "inadequate", "help-and-protection": RI,
                "children-in-care-and-care-leavers": RI}),
    "coventry-22abfa566c.pdf": dict(
        kind="focused-visit", gss="E08000026", la_code="331", dates=("2019-02-26", "2019-02-27"),
        published="2019-03-21", lead="John Roughton", grades={}),
}
NOT_FOUND = ["birmingham-21198b3863.pdf", "blackpool-21198b3863.pdf"]


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> tuple[object, dict[str, dict], Path]:
    store = tmp_path_factory.mktemp("national") / "store"
    build = CliRunner().invoke(main, ["--store", str(store), "build", str(NATIONAL)])
    reports = CliRunner().invoke(main, ["--store", str(store), "reports", "--format", "json"])
    assert reports.exit_code == 0, reports.output
    return build, {d["source"]: d for d in json.loads(reports.output)}, store


def test_reports_of_chosen_authorities(national):
    """`reports --authority` (repeatable) lists those authorities' documents and no other's."""
    _, docs, store = national
    result = CliRunner().invoke(main, ["--store", str(store), "reports", "--format", "json",
                                       "--authority", "Norfolk", "--authority", "E08000017"])
    assert result.exit_code == 0, result.output
    chosen = json.loads(result.output)
    assert {d["authority"]["name"] for d in chosen} == {"Norfolk", "Doncaster"}
    assert sorted(d["source"] for d in chosen) == sorted(
        s for s, d in docs.items() if d["authority"]["name"] in ("Norfolk", "Doncaster"))


def test_trace_of_chosen_authorities_dates_statuses_and_themes(national):
    """`trace` takes the filters `export` takes: repeatable --authority and --status, --since,
    --until and --theme (a theme keeps the points tagged with it or a narrower one). Each keeps
    exactly the points of the unfiltered trace that it should."""
    from inspectkg.followup import themes

    _, _, store = national

    def trace(*options: str) -> list[dict]:
        result = CliRunner().invoke(main, ["--store", str(store), "trace", "--format", "json", *options])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    everything = trace()
    assert len({p["authority"]["name"] for p in everything}) >= 5
    two = trace("--authority", "Norfolk", "--authority", "E08000017")
    assert two == [p for p in everything if p["authority"]["name"] in ("Norfolk", "Doncaster")]
    assert {p["authority"]["name"] for p in two} == {"Norfolk", "Doncaster"}
    dated = trace("--since", "2015", "--until", "2019-06")
    assert dated == [p for p in everything if "2015-01-01" <= p["date"] <= "2019-06-30"]
    assert 0 < len(dated) < len(everything)
    followed = trace("--status", "addressed", "--status", "partially_addressed")
    assert followed == [p for p in everything if p["status"] in ("addressed", "partially_addressed")]
    assert {p["status"] for p in followed} == {"addressed", "partially_addressed"}
    # A broad theme keeps points tagged only with a narrower one.
    broad = "exploitation"
    narrower = {n for n, t in themes.thesaurus().items() if broad in t.broader}
    tagged = trace("--theme", broad)
    assert tagged == [p for p in everything if broad in themes.expand(set(p["themes"]))]
    assert any(broad not in p["themes"] and narrower & set(p["themes"]) for p in tagged)


def test_fixture_files_are_all_expected():
    assert sorted(p.name for p in NATIONAL.glob("*.pdf")) == sorted([*EXPECTED, *NOT_FOUND])


def test_not_found_pages_rejected_by_name_the_rest_go_through(national):
    build, docs, _ = national
    assert build.exit_code == 1  # something was rejected
    for name in NOT_FOUND:
        assert (f"{name}: an HTML page that is not an inspection report "
                '(page title: "Report not found') in build.output
    assert f"{len(EXPECTED) + 2} files: {len(EXPECTED)} ingested, 0 replaced, 0 skipped, 2 rejected" \
        in build.output
    assert set(docs) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_document_read_right(national, name):
    _, docs, _ = national
    d, want = docs[name], EXPECTED[name]
    assert d["kind"] == want["kind"]
    assert (d["authority"]["gss"], d["authority"]["la_code"]) == (want["gss"], want["la_code"])
    assert (d["start_date"], d["end_date"]) == want["dates"]
    if want["published"]:
        assert d["published"] == want["published"]
    assert d["inspectors"][0] == want["lead"]
    assert len(d["inspectors"]) == len(set(d["inspectors"]))
    assert {j["area"]: j["grade"] for j in d["judgements"]} == want["grades"]
    if want["kind"] != "focused-visit":
        assert d["findings"] >= 20
    assert d["improvement_points"], "every inspection here lists what needs to improve"


def test_national_documents_validate(national):
    _, _, store = national
    result = CliRunner().invoke(main, ["--store", str(store), "validate"])
    assert result.exit_code == 0, result.output


def test_areas_for_improvement_keep_their_timescale_groups(national):
    """2013 looked-after-children report: "Immediately:" / "Within three months:" groups."""
    from inspectkg.reports.parse import read_report

    report = read_report(NATIONAL / "norfolk-6e774c4f0c.pdf")
    groups = [p.priority for p in report.points]
    assert groups == ["immediately"] * 6 + ["within three months"] * 4 + ["within six months"] * 7
    assert report.points[0].text.startswith("ensure all elected members understand their corporate parenting")


def test_focused_visit_points_are_only_what_needs_to_improve(national):
    """A 2019 focused visit lists weaknesses under "Areas for improvement": findings, not points."""
    _, docs, _ = national
    points = docs["coventry-22abfa566c.pdf"]["improvement_points"]
    assert len(points) == 6
    assert points[0]["text"].startswith("Early identification of children who should be considered")


def test_followup_on_workers_stores_what_one_process_stores(national, tmp_path):
    """The build traces authorities in parallel; the stored follow-up graphs
    must be exactly those of tracing them one after another."""
    import shutil

    from inspectkg.followup.trace import follow_up_authorities
    from inspectkg.graph import iris
    from inspectkg.graph.store import Store

    _, docs, built = national
    with Store(built, read_only=True) as store:
        parallel = followup_quads(store)
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    authorities = {iris.authority(d["authority"]["gss"]) for d in docs.values()}
    assert len(authorities) >= 5
    with Store(copy) as store:
        followed = follow_up_authorities(store, authorities, workers=1)
        sequential = followup_quads(store)
    assert followed > 50
    assert parallel == sequential


def test_followup_flushed_as_it_goes_stores_what_one_flush_stores(national, tmp_path, monkeypatch):
    """The embedded store flushes what it writes every FLUSH_EVERY_CHARS (it keeps replaced
    graphs in memory until a flush); flushed after every follow-up graph, the stored follow-up
    is the same."""
    import shutil

    from inspectkg.followup import trace
    from inspectkg.graph import iris
    from inspectkg.graph.store import Store

    _, docs, built = national
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    authorities = {iris.authority(d["authority"]["gss"]) for d in docs.values()}
    flushes = []
    monkeypatch.setattr(Store, "FLUSH_EVERY_CHARS", 1)
    monkeypatch.setattr(Store, "flush", lambda self, real=Store.flush: (flushes.append(1), real(self))[1])
    with Store(built, read_only=True) as store:
        before = followup_quads(store)
    with Store(copy) as store:
        trace.follow_up_authorities(store, authorities, workers=1)
        after = followup_quads(store)
    assert len(flushes) == len(authorities) + 1
    assert after == before


def followup_quads(store) -> set[tuple]:
    """Every statement of a store's follow-up graphs."""
    return {q for g in store.graph_names() if "/graph/followup/" in str(g) for q in store.quads(g=g)}


def test_recommendations_do_not_take_the_area_of_the_statistics_front_matter():
    """'Children looked after in this area' is front matter (figures), not the
    judgement area: the report's recommendations after it name no area."""
    from inspectkg.reports.parse import read_report

    report = read_report(NATIONAL / "doncaster-a02e6383d6.pdf")
    recommendations = [p for p in report.points if p.heading == "Recommendations"]
    assert recommendations
    assert all(p.area != "children-in-care" for p in recommendations)


def test_a_heading_drawn_twice_is_not_glued_to_the_point_before_it():
    """Calderdale 2015 draws 'Areas for improvement' both in place and on the
    baseline of recommendation 3's last line."""
    from inspectkg.reports.parse import read_report

    report = read_report(NATIONAL / "calderdale-8e9bb04311.pdf")
    third = next(p for p in report.points if p.number == 3)
    assert third.text.endswith("missing from home and care.")
    assert not any(p.text.endswith("Areas for improvement") for p in report.points)


def test_topic_sub_headings_inside_a_list_of_recommendations_keep_it_going():
    """Bristol 2014 lists its "Priority and immediate action" under topic sub-headings that
    read like section titles ("Outcomes for care leavers", "Educational outcomes for looked
    after children"); the list goes on under them: recommendations 1-9 were lost."""
    from inspectkg.reports.parse import read_report

    report = read_report(Path(__file__).parent / "data" / "pdf" / "sif_2014_bristol.pdf")
    local = [p for p in report.points if p.addressed_to == "local-authority"]
    assert [p.number for p in local] == list(range(1, 20))
    assert [p.priority for p in local[:9]] == ["immediately"] * 9
    assert local[0].text.startswith("Ensure that each care leaver has a pathway plan")



def test_the_bullets_of_a_point_stay_apart(tmp_path):
    """A recommendation whose lead-in ends "by ensuring that:" lists its matters as bullets
    (Norfolk 2017); their marks are not kept, so each but the last ends with a semicolon
    rather than running into the next ("understood by all actions from ...")."""
    from inspectkg.reports.parse import read_report

    report = tmp_path / "r.txt"
    report.write_text(
        "Norfolk County Council\n"
        "Re-inspection of services for children in need of help and protection, children looked after "
        "and care leavers\n\nInspection dates: 13 November 2017 to 24 November 2017\n\n"
        "Lead inspector: Ann Example\n\nRecommendations\n\n"
        "1. Ensure that children have stable relationships with their social workers.\n\n"
        "2. Strengthen the response to children who go missing by ensuring that:\n"
        "- governance arrangements are clear and understood by all\n"
        "- actions from meetings are recorded on children's files;\n"
        "- return home interviews are consistently well recorded.\n\n"
        "3. Ensure sufficient capacity in the MASH.\n", encoding="utf-8")
    points = {p.number: p.text for p in read_report(report).points}
    assert points[2] == ("Strengthen the response to children who go missing by ensuring that: governance "
                         "arrangements are clear and understood by all; actions from meetings are recorded on "
                         "children's files; return home interviews are consistently well recorded.")
    assert points[3] == "Ensure sufficient capacity in the MASH."


@pytest.mark.parametrize("sentence", [
    # Coventry, Doncaster and Sandwell's focused visits of 2021, as printed.
    "The visit was carried out by Her Majesty’s Inspectors John Roughton, Rachel Griffiths, "
    "Tara Geere, Alex Dignan and Stephen Bentham.",
    "Her Majesty’s Inspectors were John Roughton, Rachel Griffiths, Tara Geere, Alex Dignan and "
    "Stephen Bentham.",
    "His Majesty's Inspectors for this visit were John Roughton, Rachel Griffiths, Tara Geere, "
    "Alex Dignan and Stephen Bentham.",
])
def test_a_letter_names_its_inspectors(sentence):
    from inspectkg.reports.metadata import find_inspectors

    letter = f"Dear Mr Gregg\n\n{sentence}\n\nInspectors were told that plans are reviewed.\n\n" \
             "Yours sincerely\n\nJohn Roughton\nHer Majesty’s Inspector\n"
    lead, team = find_inspectors(letter)
    assert [f.value for f in lead] == ["John Roughton"]
    assert [f.value for f in team] == ["Rachel Griffiths", "Tara Geere", "Alex Dignan", "Stephen Bentham"]
    for f in team:
        assert letter[f.start:f.end] == f.value


@pytest.mark.parametrize("signature, lead", [
    ("John Roughton\nHer Majesty’s Inspector", ["John Roughton"]),
    ("John Roughton\nSenior HMI", ["John Roughton"]),
    ("John Roughton\nHMI", ["John Roughton"]),
    # A JTAI letter is signed by the inspectorates' directors, who are not its inspectors.
    ("Eve Example\nNational Director, Social Care, Ofsted", []),
])
def test_a_signature_names_the_lead_inspector_only_where_it_signs_as_one(signature, lead):
    from inspectkg.reports.metadata import find_inspectors

    found, _ = find_inspectors(f"Dear Mr Gregg\n\nPlans are reviewed.\n\nYours sincerely\n\n{signature}\n")
    assert [f.value for f in found] == lead


@pytest.mark.parametrize("text, expected", [
    # As printed in the national sample's SIF reports (Bristol 2014, Sandwell 2015 and 2017,
    # Norfolk 2015, Coventry 2017, Doncaster 2015).
    ("The last Ofsted inspection of Bristol’s safeguarding arrangements and looked after children was in "
     "May 2010. The local authority was judged to be good for both services.", (2010, 5, "good")),
    ("The last Ofsted inspection of Sandwell’s arrangements for the protection of children was undertaken "
     "in March 2013. The local authority was judged inadequate.", (2013, 3, "inadequate")),
    ("The previous inspection of Sandwell’s services for looked after children took place between 24 and "
     "28 June 2013. The local authority was judged inadequate.", (2013, 6, "inadequate")),
    ("The previous inspection of Sandwell’s safeguarding arrangements took place between 25 February and "
     "6 March 2013. The local authority was judged inadequate.", (2013, 3, "inadequate")),
    ("The last inspection report for the local authority’s children’s services was published in June 2015. "
     "The judgements for the local authority were: Overall effectiveness: Inadequate.", (2015, 6, "inadequate")),
    ("The previous inspection of the local authority’s arrangements for the protection of children was in "
     "January 2013. The local authority was inadequate.", (2013, 1, "inadequate")),
    ("The previous inspection of the local authority’s services for children looked after and achieving "
     "permanence was in January 2014. The local authority was judged to require improvement.",
     (2014, 1, "requires improvement")),
])
def test_earlier_inspections_a_report_cites(text, expected):
    from inspectkg.reports.mentions import find_cited

    [cited] = find_cited(f"Information about this local authority area\n\n{text}\n\nLocal leadership", 2015)
    assert (cited.year, cited.month, cited.grade) == expected


@pytest.mark.parametrize("text, expected", [
    # Bristol's focused visit of 2025, as printed: the grade is not "good".
    ("Since the last inspection in 2023, where the experiences and progress of children who need help and "
     "protection were judged as requires improvement to be good, leaders have shown energy.",
     (2023, None, "requires improvement")),
    ("Since the last Ofsted inspection in May 2019, when services were judged to be inadequate, leaders "
     "have acted.", (2019, 5, "inadequate")),
    # As printed in the national sample's inspections and visits (Birmingham 2024, Calderdale 2015
    # and 2024, Norfolk 2019, Doncaster 2015, 2018 and 2024, Blackpool 2018, Norfolk 2017).
    ("Since the last inspection in March 2023, there have been significant changes in the senior "
     "leadership of Birmingham Children’s Trust.", (2023, 3, None)),
    ("Recommendations from the last Ofsted inspection in June 2013 included the need for improved "
     "management oversight of thresholds.", (2013, 6, None)),
    ("Since the last inspection of Calderdale local authority children’s services in 2018, leaders have "
     "continued to maintain and, in most areas, improve practice.", (2018, None, None)),
    ("Since the previous inspection of services for children in need of help and protection, children "
     "looked after and care leavers in November 2017, the front door has been transformed.", (2017, 11, None)),
    ("Since the last inspection (November 2012), eight serious incident notifications have been "
     "submitted to Ofsted.", (2012, 11, None)),
    ("The quality and timeliness of permanence was an area for improvement in the last judgement "
     "inspection in February 2022.", (2022, 2, None)),
    ("At the last full Ofsted inspection of children in need of help and protection, children looked "
     "after and care leavers published in January 2018, all services were judged to be good.", (2018, 1, "good")),
    # After "Since the last inspection ...", a grade in the main clause is today's, not the cited one's.
    ("Since the last inspection in 2014, services for care leavers have been judged to be good.", (2014, None, None)),
    ("When Ofsted last inspected Norfolk children’s services in 2015, it found that children were not "
     "always receiving the help and support that they needed.", (2015, None, None)),
    ("Some parts of the service have improved since the last time the county was inspected in 2013.",
     (2013, None, None)),
    ("Ofsted’s inspection of services for looked after children in February 2010 found services to be "
     "adequate, with safeguarding arrangements for children judged to be inadequate.", (2010, 2, "adequate")),
    # Monitoring visits open so (the form of Ofsted's letters; no monitoring visit is in the sample).
    ("The visit was the fourth monitoring visit since the local authority was judged inadequate in "
     "January 2018.", (2018, 1, "inadequate")),
    ("This was the first monitoring visit to Doncaster since the local authority was judged to be "
     "inadequate for overall effectiveness in June 2019.", (2019, 6, "inadequate")),
    ("The local authority was judged inadequate at its last inspection in 2015.", (2015, None, "inadequate")),
])
def test_earlier_inspections_a_report_or_letter_cites_in_passing(text, expected):
    from inspectkg.reports.mentions import find_cited

    [cited] = find_cited(text, 2025)
    assert (cited.year, cited.month, cited.grade) == expected
    assert cited.year == int(re.search(r"\b(?:19|20)\d\d\b", text[cited.start:cited.end]).group())


@pytest.mark.parametrize("text", [
    # Other providers' inspections, and mentions that give no date (national sample).
    "Both were judged good at the most recent Ofsted inspection, which was completed in August 2015.",
    "The last adoption service inspection took place on 8 June 2010 and judged overall quality as satisfactory.",
    "Since the last inspection of the children’s home in May 2015, staffing has been stable.",
    "Services for care leavers have improved significantly since the last inspection, when the service "
    "was judged to be inadequate.",
    "Schools were judged good in 2015.",
    "Since the last inspection of the fostering service in 2016, recruitment has improved.",
    "The adoption service was judged good in 2016.",
])
def test_what_is_not_a_dated_citation_of_the_authority(text):
    from inspectkg.reports.mentions import find_cited

    assert find_cited(text, 2018) == []


def test_one_cited_inspection_for_the_mentions_of_one_date():
    """Doncaster's 2017 re-inspection names its 2015 inspection three times; Coventry's 2017 one
    cites two inspections of January 2014, one for each service, by their grades."""
    from inspectkg.reports.mentions import find_cited

    doncaster = ("Since the last inspection in September 2015, robust action has been taken. At the last Ofsted "
                 "inspection in 2015, help and protection services were judged to be still inadequate. The "
                 "previous inspection of the local authority’s services for children in need of help and "
                 "protection was in September 2015. The local authority was judged to be inadequate.")
    assert [(c.year, c.month, c.grade) for c in find_cited(doncaster, 2017)] == [(2015, 9, "inadequate")]
    coventry = ("The previous inspection of the local authority’s services for children who need help and "
                "protection was in January 2014. The local authority was judged to be inadequate. The previous "
                "inspection of the local authority’s services for children looked after was in January 2014. "
                "The local authority was judged to require improvement. Since the last inspection in 2014, "
                "leaders have acted.")
    assert [(c.year, c.month, c.grade) for c in find_cited(coventry, 2017)] == [
        (2014, 1, "inadequate"), (2014, 1, "requires improvement")]


@pytest.mark.parametrize("sentence, grade", [
    ("Children's services have been rated 'Good' by Ofsted, up from 'Requires Improvement' in 2019.", "good"),
    ("The council's rating has moved from 'inadequate' to 'good' following the inspection.", "good"),
    ("Children's services were rated good, up from inadequate.", "good"),
    ("The service, previously rated inadequate, is now rated good.", "good"),
    ("The service had been rated inadequate in 2016 and is now good.", "good"),
    ("Inspectors rated services good overall, with leadership judged outstanding.", "good"),
    ("Ofsted has judged the council's children's services as requires improvement to be good.",
     "requires improvement"),
    ("The authority was previously judged inadequate.", "inadequate"),  # only the past: what it says
    # Hertfordshire's press release of 2018, as printed: leaders were outstanding, overall good.
    ("The county council’s children’s social care services received a rating of “outstanding” for the "
     "impact of leaders on its social working practices, with the overall effectiveness of the service "
     "rated as “good”.", "good"),
    ("The inspector’s report published today praises the improvements made since the last inspection in "
     "2015, which achieved an overall score of “good” – making great strides from its rating as "
     "“adequate” in 2013.", "good"),
    ("Good news for families: the council was rated inadequate overall.", "inadequate"),
])
def test_a_grade_claim_is_the_grade_claimed_now(sentence, grade):
    """A press release that names the old grade beside the new one claims the new one, and
    one that grades several things claims the overall grade."""
    from inspectkg.reports.mentions import find_claims

    [claim] = find_claims(sentence, 0)
    assert (claim.kind, claim.grade) == ("grade", grade)


def test_a_judgement_set_as_a_table_row_heads_its_section(tmp_path):
    """SIF reports head each judgement's section with a table row of its own ("The experiences
    and progress of ...<TAB>Inadequate", under "Key judgement<TAB>Judgement grade" or not), some
    ILACS reports with a title that ends in a full stop: the paragraphs under either speak about
    that judgement's area, and a paragraph right under the row is stored (Sandwell 2017 was
    rejected: "could not be read (KeyError: 109)")."""
    from inspectkg.graph.namespace import IKG
    from inspectkg.graph.store import Store
    from inspectkg.reports.parse import read_report

    report = tmp_path / "sif.txt"
    report.write_text(
        "Sandwell Metropolitan Borough Council\n\n"
        "Inspection of services for children in need of help and protection, children looked after "
        "and care leavers\n\nInspection dates: 6 November 2017 to 30 November 2017\n\n"
        "Lead inspector: Karen Wareing\n\n"
        "The experiences and progress of children who need help and protection\tInadequate\n\n"
        "1. Children wait too long for their assessments to be completed.\n\n"
        "2. Thresholds are not understood by partners.\n\n"
        "Key judgement\tJudgement grade\n"
        "Leadership, management and governance\tInadequate\n\n"
        "3. Leaders do not know their services well enough.\n\n"
        "4. Supervision is not regular.\n\n"
        "The experiences and progress of children in care and care leavers requires improvement to be good.\n\n"
        "5. Children in care see their social workers regularly.\n", encoding="utf-8")
    r = read_report(report)
    areas = {r.blocks[i].number: r.block_areas[i] for i in r.finding_blocks}
    assert areas == {1: "help-and-protection", 2: "help-and-protection", 3: "leadership", 4: "leadership",
                     5: "children-in-care-and-care-leavers"}
    build = CliRunner().invoke(main, ["--store", str(tmp_path / "store"), "build", str(report)])
    assert build.exit_code == 0 and "1 ingested" in build.output, build.output
    with Store(tmp_path / "store", read_only=True) as store:
        headings = {str(o) for _, _, o, _ in store.quads(p=IKG.heading)}
    assert "The experiences and progress of children who need help and protection\tInadequate" in headings


def test_a_visit_that_states_its_focus_is_scoped_by_it():
    """Norfolk's 2019 visit states its scope as "The focus of this visit was on ..."; the
    sentence after it says how inspectors worked, not what they covered."""
    from inspectkg.reports.mentions import find_scope

    statement, areas = find_scope(
        "This letter summarises the findings of a focused visit to Norfolk County Council children’s "
        "services on 8 and 9 October 2019.\n\nThe focus of this visit was on the local authority’s "
        "arrangements for dealing with contacts and referrals from families, members of the public and "
        "professionals at the ‘front door’, and on decisions made about what should happen next.\n\n"
        "Inspectors looked at a range of evidence, including children’s case records.")
    assert statement.startswith("The focus of this visit was on the local authority’s arrangements")
    assert areas == ["help-and-protection", "leadership"]


@pytest.mark.parametrize("heading", ["The local authority’s strengths",
                                     "The local authority has the following strengths"])
def test_a_sif_reports_list_of_strengths_is_not_findings(tmp_path, heading):
    """2014-15 SIF reports (Bristol, Calderdale; Birmingham, Coventry) number the paragraphs of
    their strengths as they number findings."""
    from inspectkg.reports.parse import read_report

    report = tmp_path / "sif.txt"
    report.write_text(
        "Bristol City Council\n\nInspection of services for children in need of help and protection, "
        "children looked after and care leavers\n\nInspection dates: 30 September 2014 to 22 October 2014\n\n"
        "Lead inspector: Robert Hackeson\n\n"
        f"{heading}\n\n"
        "1. The adoption service is strong and children are placed quickly.\n\n"
        "2. Leaders have a clear vision.\n\n"
        "The experiences and progress of children who need help and protection\tRequires improvement\n\n"
        "3. Assessments are not timely.\n\n4. Plans are not reviewed.\n\n5. Supervision is irregular.\n\n"
        "6. Thresholds are not understood.\n", encoding="utf-8")
    r = read_report(report)
    assert [r.blocks[i].number for i in r.strength_blocks] == [1, 2]
    assert [r.blocks[i].number for i in r.finding_blocks] == [3, 4, 5, 6]
