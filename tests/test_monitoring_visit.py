"""A monitoring visit letter to an authority judged inadequate: read as its own kind, dated by
its visit, scoped by what it covered, and citing the inspection it follows.

The fixture (tests/data/constructed/) is written in the layout of those letters; its people and
findings are made up (see tests/data/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from inspectkg.cli import main
from inspectkg.reports.parse import read_report

VISIT = Path(__file__).parent / "data" / "constructed" / "monitoring_visit_2019_sandwell.txt"


def test_read_as_a_monitoring_visit_with_its_dates_team_scope_and_the_inspection_it_follows(tmp_path):
    store = str(tmp_path / "store")
    built = CliRunner().invoke(main, ["--store", store, "build", "--quiet", str(VISIT)])
    assert built.exit_code == 0, built.output
    [doc] = json.loads(CliRunner().invoke(main, ["--store", store, "reports", "--format", "json"]).output)
    assert doc["kind"] == "monitoring-visit" and doc["authority"]["gss"] == "E08000028"
    assert (doc["start_date"], doc["end_date"], doc["published"]) == ("2019-02-19", "2019-02-20", "2019-03-12")
    assert doc["inspectors"] == ["Kim Example", "Lee Example"]
    assert doc["improvement_points"] == []  # a monitoring visit raises none of its own
    assert [(c["date"], c["grade"]) for c in doc["cited_inspections"]] == [("2018-01", "inadequate")]
    validated = CliRunner().invoke(main, ["--store", store, "validate"])
    assert validated.exit_code == 0, validated.output


def test_its_scope_is_what_it_covered_and_its_findings_follow_the_greeting():
    report = read_report(VISIT)
    assert report.scope_statement is not None and report.scope_statement.startswith("Inspectors reviewed")
    findings = [report.blocks[i].text for i in report.finding_blocks]
    assert any(f.startswith("The local authority continues to make steady progress") for f in findings)
    assert any(f.startswith("Chronologies are now of a consistently high standard") for f in findings)
    assert not any("This letter summarises" in f or "Ofsted will take the findings" in f for f in findings)
