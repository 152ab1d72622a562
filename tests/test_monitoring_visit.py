"""A monitoring visit letter to an authority judged inadequate: read as its own kind, dated by
its visit, scoped by what it covered, and citing the inspection it follows.

The fixture (tests/data/constructed/) is written in the layout of those letters; its people and
findings are made up (see tests/data/README.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from inspectkg.cli import main
from inspectkg.reports.parse import read_report

VISIT = Path(__file__).parent / "data" / "constructed" / "monitoring_visit_2019_sandwell.txt"
# The layout of 2022 on: the scope is a paragraph ending in a list of the last inspection's concerns.
VISIT_2022 = Path(__file__).parent / "data" / "constructed" / "monitoring_visit_2022_bournemouth_christchurch_poole.txt"


def built_and_validated(letter: Path, store: str) -> dict:
    """The letter as `reports --format json` gives it, after building it into ``store`` and
    checking that the store validates."""
    built = CliRunner().invoke(main, ["--store", store, "build", "--quiet", str(letter)])
    assert built.exit_code == 0, built.output
    [doc] = json.loads(CliRunner().invoke(main, ["--store", store, "reports", "--format", "json"]).output)
    return doc


def test_read_as_a_monitoring_visit_with_its_dates_team_scope_and_the_inspection_it_follows(tmp_path):
    doc = built_and_validated(VISIT, str(tmp_path / "store"))
    assert doc["kind"] == "monitoring-visit" and doc["authority"]["gss"] == "E08000028"
    assert (doc["start_date"], doc["end_date"], doc["published"]) == ("2019-02-19", "2019-02-20", "2019-03-12")
    assert doc["inspectors"] == ["Kim Example", "Lee Example"]
    assert doc["improvement_points"] == []  # a monitoring visit raises none of its own
    assert [(c["date"], c["grade"]) for c in doc["cited_inspections"]] == [("2018-01", "inadequate")]


def test_its_scope_is_what_it_covered_and_its_findings_follow_the_greeting():
    report = read_report(VISIT)
    assert report.scope_statement is not None and report.scope_statement.startswith("Inspectors reviewed")
    findings = [report.blocks[i].text for i in report.finding_blocks]
    assert any(f.startswith("The local authority continues to make steady progress") for f in findings)
    assert any(f.startswith("Chronologies are now of a consistently high standard") for f in findings)
    assert not any("This letter summarises" in f or "Ofsted will take the findings" in f for f in findings)


def test_the_2022_layout_is_read_with_its_scope_list_which_is_not_findings(tmp_path):
    doc = built_and_validated(VISIT_2022, str(tmp_path / "store"))
    assert doc["kind"] == "monitoring-visit" and doc["authority"]["name"] == "Bournemouth, Christchurch and Poole"
    assert (doc["start_date"], doc["end_date"], doc["published"]) == ("2022-06-07", "2022-06-08", "2022-07-05")
    assert doc["inspectors"] == ["Alex Example", "Sam Example"]
    assert [(c["date"], c["grade"]) for c in doc["cited_inspections"]] == [("2021-12", "inadequate")]
    report = read_report(VISIT_2022)
    # The focus, and each of the three concerns it reviewed: the statement stopped at the first one's stop.
    assert report.scope_statement.startswith("The focus of the monitoring visit was the local authority ‘front door’")
    for concern in ("the use and completion of chronologies", "unborn and very young children",
                    "The impact of quality assurance and management oversight"):
        assert concern in report.scope_statement
    assert report.scope_areas == ["help-and-protection", "leadership"]
    # The concerns it reviewed are the last inspection's words, not what this visit found.
    findings = [report.blocks[i].text for i in report.finding_blocks]
    assert not any("chronologies" in f and "completion" in f for f in findings)
    assert not any(f.startswith(("The focus of", "The timeliness of social work")) for f in findings)
    assert any(f.startswith("Chronologies are completed for most children") for f in findings)
    # Its evidence is the paragraph that states the scope, as printed.
    span = report.facts["scope"]
    assert report.text[span.start:span.end].startswith("The focus of the monitoring visit")
    assert report.text[span.start:span.end].endswith("identified at the last inspection:")


def test_the_concerns_a_monitoring_visit_reviewed_are_never_its_evidence(tmp_path):
    """The 2022 letter lists the last inspection's concerns it reviewed, in the words of that
    inspection's points ("the use and completion of chronologies"): the point is followed up by
    what the visit found about chronologies, not by the list of what it looked at."""
    (tmp_path / "inspection.txt").write_text(
        "Inspection of Bournemouth, Christchurch and Poole local authority children's services\n\n"
        "Inspection dates: 6 December 2021 to 17 December 2021\n\n"
        "Lead inspector: Ann Example, Her Majesty's Inspector\n\n"
        "Judgement\tGrade\nOverall effectiveness\tInadequate\n\n"
        "What needs to improve?\n\n- The use and completion of chronologies.\n\n"
        "The experiences and progress of children who need help and protection: Inadequate\n\n"
        "1. Too many children wait too long for a response to referrals.\n\n"
        "2. Chronologies are rarely completed, so children's histories are not understood.\n",
        encoding="utf-8")
    shutil.copy(VISIT_2022, tmp_path / "visit.txt")
    store = str(tmp_path / "store")
    assert CliRunner().invoke(main, ["--store", store, "build", "--quiet", str(tmp_path)]).exit_code == 0
    [point] = json.loads(CliRunner().invoke(main, ["--store", store, "trace", "--format", "json"]).output)
    [at_visit] = [h for h in point["history"] if h["kind"] == "monitoring-visit"]
    quotes = [e["quote"] for e in point["evidence"] if e["date"] == "2022-06-07"]
    assert quotes and not any("use and completion of chronologies" in q for q in quotes), quotes
    assert any(q.startswith("Chronologies are completed for most children") for q in quotes), quotes
    # The list read as evidence made the point addressed; what the visit found is a weakness still.
    assert at_visit["verdict"] in ("partially_addressed", "not_addressed")
