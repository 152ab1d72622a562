"""The 2012-13 inspection of local authority arrangements for the protection of children:
read as its own kind, graded on the scale with "adequate", and followed up as an inspection
of help and protection, not of children in care.

The fixture (tests/data/constructed/) is written in the layout of the reports of that year;
its findings are made up (see tests/data/README.md)."""

from __future__ import annotations

import json

import pytest
from conftest import build_constructed, cli_ok
from inspectkg.reports.genre import detect_kind

CP = "cp_inspection_2013_cheshire_east.txt"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    return build_constructed(tmp_path_factory, CP)


def test_read_as_a_child_protection_inspection_with_its_four_judgements(store):
    [doc] = json.loads(cli_ok(store, "reports", "--format", "json"))
    assert doc["kind"] == "cp-inspection"
    assert doc["authority"]["gss"] == "E06000049"
    assert (doc["start_date"], doc["end_date"], doc["published"]) == ("2013-03-11", "2013-03-20", "2013-04-24")
    assert doc["inspectors"] == ["Ann Example"]
    # The table at the end, not a finding's words ("In the out-of-hours service the quality of
    # practice is good, ...").
    assert {j["area"]: j["grade"] for j in doc["judgements"]} == {
        "overall": "inadequate", "help-and-protection": "adequate", "quality-of-practice": "inadequate",
        "leadership": "adequate"}
    assert [p["text"].split()[:2] for p in doc["improvement_points"]] == [
        ["ensure", "that"], ["ensure", "that"], ["reduce", "social"], ["ensure", "that"], ["develop", "a"]]


def test_graded_on_the_scale_before_2013_and_valid(store, tmp_path):
    query = tmp_path / "grade-concepts.rq"
    query.write_text("PREFIX ikg: <https://w3id.org/inspectkg/ontology#>\n"
                     "SELECT DISTINCT ?grade WHERE { ?j a ikg:Judgement ; ikg:grade ?grade }\n")
    rows = json.loads(cli_ok(store, "query", "--format", "json", str(query)))
    concepts = {b["grade"]["value"] for b in rows["results"]["bindings"]}
    assert concepts == {"https://w3id.org/inspectkg/vocab/grade/pre-2013/adequate",
                        "https://w3id.org/inspectkg/vocab/grade/pre-2013/inadequate"}
    assert "Conforms: 1 documents" in cli_ok(store, "validate")


@pytest.mark.parametrize("title", [
    "Inspection of local authority arrangements for the protection of children",
    "Joint inspection of multi-agency arrangements for the protection of children",
])
def test_both_titles_of_the_genre(title):
    assert detect_kind(f"{title}\n\nSomewhere Council\n\nInspection dates: 4 – 13 March 2013\n") == "cp-inspection"


def test_a_later_report_naming_the_genre_keeps_its_own_kind():
    text = ("Somewhere Council\nInspection of services for children in need of help and protection, children "
            "looked after and care leavers\nInspection dates: 1 – 20 March 2015\n\n1. At the previous inspection "
            "of local authority arrangements for the protection of children in 2013 ...")
    assert detect_kind(text) == "sif-inspection"


def test_it_does_not_speak_about_children_in_care():
    import datetime as dt

    from inspectkg.followup.corpus import Document
    from inspectkg.followup.scope import in_scope

    cp = Document("c", "a", "E1", "A", dt.date(2013, 3, 11), "cp-inspection", False)
    assert in_scope({"help-and-protection"}, cp)
    assert not in_scope({"children-in-care"}, cp)
    assert not in_scope({"care-leavers"}, cp)
