"""The bundled Hertfordshire sample read right: kinds, dates, authority, inspectors,
judgements with grades, improvement points and findings."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from inspectkg.cli import main

HERTS = {"name": "Hertfordshire", "gss": "E10000015", "la_code": "919"}

LETTER_2011 = "003_a643c10b153d5cb1.txt"
SIF_2015 = "001_27b32c10be8258a7.txt"
PRESS_2018 = "004_6eb892215e4cceed.txt"
FOCUSED_2021 = "002_261c65e9d61313d6.txt"
ILACS_2023 = "000_84b2414e8e56ad30.txt"


def grades(doc: dict) -> dict[str, str]:
    return {j["area"]: j["grade"] for j in doc["judgements"]}


def test_every_sample_document_is_read(sample_reports):
    assert set(sample_reports) == {LETTER_2011, SIF_2015, PRESS_2018, FOCUSED_2021, ILACS_2023}
    for doc in sample_reports.values():
        assert doc["authority"] == HERTS


def test_2011_unannounced_letter(sample_reports):
    d = sample_reports[LETTER_2011]
    assert d["kind"] == "unannounced-inspection"
    assert (d["start_date"], d["end_date"], d["published"]) == ("2011-05-17", "2011-05-18", "2011-06-16")
    assert d["inspectors"] == ["Jeff Banham"]
    assert d["judgements"] == []
    assert len(d["improvement_points"]) == 4
    assert d["improvement_points"][0]["text"].startswith("The use of chronologies is inconsistent")


def test_2015_sif_report(sample_reports):
    d = sample_reports[SIF_2015]
    assert d["kind"] == "sif-inspection"
    assert (d["start_date"], d["end_date"], d["published"]) == ("2015-09-14", "2015-10-08", "2015-11-27")
    # The lead first, then the team as the report prints them.
    assert d["inspectors"] == ["Jansy Kelly", "Tina Shepherd", "Louise Hocking", "Louise Warren",
                               "Jenny Turnross", "Harmesh Manghra", "John Mitchell", "Karen Wareing", "Ian Young"]
    assert grades(d) == {"overall": "good", "help-and-protection": "requires improvement",
                         "children-in-care": "good", "adoption": "good", "care-leavers": "good",
                         "leadership": "good", "lscb": "good"}
    points = d["improvement_points"]
    assert [p["number"] for p in points] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 112, 113, 114]
    assert points[5]["text"].startswith("Increase opportunities for children looked after to be "
                                        "supported by an independent visitor")


def test_2015_sub_judgements_keep_their_parent(sample_reports):
    subs = {j["area"]: j.get("parent") for j in sample_reports[SIF_2015]["judgements"]}
    assert subs["adoption"] == "children-in-care"
    assert subs["care-leavers"] == "children-in-care"
    assert subs["overall"] is None


def test_2018_press_release(sample_reports):
    d = sample_reports[PRESS_2018]
    assert d["kind"] == "press-release"
    assert d["published"] == "2018-11-19"
    assert d["judgements"] == [] and d["improvement_points"] == [] and d["inspectors"] == []


def test_2021_focused_visit(sample_reports):
    d = sample_reports[FOCUSED_2021]
    assert d["kind"] == "focused-visit"
    assert (d["start_date"], d["end_date"], d["published"]) == ("2021-07-21", "2021-07-22", "2021-08-31")
    assert d["inspectors"] == ["Tom Anthony", "Nigel Parkes"]
    assert [p["text"][:40] for p in d["improvement_points"]] == [
        "The quality of children in need plans, w", "The quality and frequency of supervision"]


def test_2023_ilacs_report(sample_reports):
    d = sample_reports[ILACS_2023]
    assert d["kind"] == "ilacs-inspection"
    assert (d["start_date"], d["end_date"]) == ("2023-01-23", "2023-01-27")
    assert d["inspectors"] == ["Sarah Canto"]
    assert grades(d) == {"overall": "outstanding", "leadership": "outstanding",
                         "help-and-protection": "good", "children-in-care": "outstanding",
                         "care-leavers": "good"}
    assert len(d["improvement_points"]) == 3
    assert d["findings"] == 63


def test_an_inspector_spelled_two_ways_is_listed_as_each_document_prints_them(tmp_path):
    """One person, one IRI (names are matched case-blind), but two documents printing
    "McLaughlin" and "Mclaughlin": each document lists its own spelling once, and the
    inspectors query gives one row per led document, not one per spelling."""
    sample = Path(__file__).parent.parent / "data" / "sample" / "hertfordshire"
    for name, old, new in ((FOCUSED_2021, "Nigel Parkes", "Brenda McLaughlin"),
                           (ILACS_2023, "Sarah Canto", "Brenda Mclaughlin")):
        text = (sample / name).read_text(encoding="utf-8")
        assert old in text
        (tmp_path / name).write_text(text.replace(old, new), encoding="utf-8")
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["--store", store, "build", "--quiet", str(tmp_path)]).exit_code == 0
    result = runner.invoke(main, ["--store", store, "reports", "--format", "json"])
    assert result.exit_code == 0, result.output
    docs = {d["source"]: d for d in json.loads(result.output)}
    assert docs[FOCUSED_2021]["inspectors"] == ["Tom Anthony", "Brenda McLaughlin"]
    assert docs[ILACS_2023]["inspectors"] == ["Brenda Mclaughlin"]
    result = runner.invoke(main, ["--store", store, "query", "inspectors", "--format", "json",
                                  "--param", "name=laughlin"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]["bindings"]
    assert len(rows) == 1 and rows[0]["led"]["value"] == "1"
