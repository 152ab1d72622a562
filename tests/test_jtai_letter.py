"""A joint targeted area inspection (JTAI) letter of 2016-19: addressed to every agency's leader
in a list, with no greeting, opened by "Between 15 May and 19 May 2017, Ofsted, ... undertook a
joint inspection of ...", its strengths and areas for improvement in bullets.

The fixture (tests/data/constructed/) is written in the layout of those letters; its people and
findings are made up (see tests/data/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from inspectkg.cli import main
from inspectkg.reports.parse import read_report

JTAI = Path(__file__).parent / "data" / "constructed" / "jtai_2017_bristol.txt"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("jtai") / "store")
    result = CliRunner().invoke(main, ["--store", path, "build", "--quiet", str(JTAI)])
    assert result.exit_code == 0, result.output
    return path


def test_dated_by_its_fieldwork_not_its_letter(store):
    [doc] = json.loads(CliRunner().invoke(main, ["--store", store, "reports", "--format", "json"]).output)
    assert doc["kind"] == "jtai" and doc["authority"]["gss"] == "E06000023"
    assert (doc["start_date"], doc["end_date"], doc["published"]) == ("2017-05-15", "2017-05-19", "2017-07-18")
    # Signed by the four inspectorates' directors, who are not its inspectors: the letter names none.
    assert doc["inspectors"] == []


def test_its_areas_for_improvement_are_points_and_its_findings_follow_the_title():
    report = read_report(JTAI)
    assert [p.text.split()[:3] for p in report.points] == [
        ["Not", "all", "partners"], ["Management", "oversight", "of"], ["The", "police", "do"],
        ["The", "safeguarding", "children"]]
    strengths = [report.blocks[i].text for i in report.strength_blocks]
    assert [s.split()[0] for s in strengths] == ["Strategic", "The", "Health"]
    # No greeting: what follows the title is read. What the inspection was, who the letter is to
    # and the "Next steps" it asks for are not findings; the case study is.
    findings = [report.blocks[i].text for i in report.finding_blocks]
    assert [f.split()[:3] for f in findings] == [["A", "school", "nurse"]]


def test_valid(store):
    result = CliRunner().invoke(main, ["--store", store, "validate"])
    assert result.exit_code == 0, result.output
    assert "Conforms: 1 documents" in result.output


def test_a_jtai_report_of_2022_on_is_dated_by_its_fieldwork_with_its_points_and_findings():
    """The later layout: "This inspection took place from 10 to 14 January 2022.", its points under
    "What needs to improve?", its strengths under "Strengths"."""
    report = read_report(JTAI.with_name("jtai_2022_solihull.txt"))
    assert report.kind == "jtai" and report.authority.gss == "E08000029"
    assert (str(report.start_date), str(report.end_date)) == ("2022-01-10", "2022-01-14")
    assert report.lead_inspectors == []  # "Ann Example, Ofsted" signs for the inspectorate
    assert [p.text.split()[:3] for p in report.points] == [
        ["The", "quality", "of"], ["The", "consistency", "of"], ["The", "oversight", "by"]]
    assert len(report.strength_blocks) == 2
    findings = [report.blocks[i].text for i in report.finding_blocks]
    assert [f.split()[:2] for f in findings] == [["Children", "and"], ["The", "multi-agency"], ["However,", "the"]]
