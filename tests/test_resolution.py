"""The trace stores, for every addressed point, the assessment that resolved it and the days
it took (ikg:resolvedBy, ikg:daysToResolution); the resolution-time queries read them."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from inspectkg.cli import main
from inspectkg.followup.corpus import Document, Point
from inspectkg.followup.engine import PartResult, PointTrail, Verdict
from inspectkg.followup.rdf import resolution
from inspectkg.graph.store import Store

# The rule worked out from every stored verdict, as the resolution-time queries did before the
# days were stored: the earliest addressed verdict on the whole point on or after the last
# verdict of not or partially addressed on the point or a part of it; for a point whose status
# comes from one of its parts, the same on that part's verdicts alone.
DERIVED = """
PREFIX ikg: <https://w3id.org/inspectkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX status: <https://w3id.org/inspectkg/vocab/status/>
SELECT ?point (MIN(?resolvedDate) AS ?firstResolved) ?raisedDate WHERE {
  ?point ikg:currentStatus status:addressed ; ikg:raisedIn/dcterms:date ?raisedDate ;
         ikg:currentStatusSource ?source .
  OPTIONAL { ?source ikg:assessedPart ?decidingPart }
  ?fa ikg:assessedPoint ?point ; ikg:verdict status:addressed ; ikg:assessedBy/dcterms:date ?resolvedDate .
  OPTIONAL { ?fa ikg:assessedPart ?faPart }
  FILTER (COALESCE(sameTerm(?faPart, ?decidingPart), !BOUND(?faPart) && !BOUND(?decidingPart)))
  FILTER NOT EXISTS {
    ?fb ikg:assessedPoint ?point ; ikg:verdict ?bad ; ikg:assessedBy/dcterms:date ?badDate .
    VALUES ?bad { status:not_addressed status:partially_addressed }
    OPTIONAL { ?fb ikg:assessedPart ?fbPart }
    FILTER (!BOUND(?decidingPart) || COALESCE(sameTerm(?fbPart, ?decidingPart), false))
    FILTER (?badDate > ?resolvedDate)
  }
} GROUP BY ?point ?raisedDate
"""
STORED = """
PREFIX ikg: <https://w3id.org/inspectkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?point ?days ?resolvedDate WHERE {
  ?point ikg:daysToResolution ?days ; ikg:resolvedBy/ikg:assessedBy/dcterms:date ?resolvedDate .
}
"""


def test_stored_days_agree_with_the_verdicts_on_the_sample(sample_store_path):
    assert CliRunner().invoke(main, ["--store", str(sample_store_path), "trace"]).exit_code == 0
    store = Store(sample_store_path, read_only=True)
    try:
        derived = {r["point"].value: (dt.date.fromisoformat(r["firstResolved"].value) -
                                      dt.date.fromisoformat(r["raisedDate"].value)).days
                   for r in store.query(DERIVED)}
        stored = {r["point"].value: int(r["days"].value) for r in store.query(STORED)}
    finally:
        store.close()
    assert derived, "the sample has addressed points"
    assert stored == derived


def _doc(year: int) -> Document:
    return Document(f"urn:doc:{year}", "urn:authority", "E10000015", "Somewhere", dt.date(year, 3, 1),
                    "sif-inspection", False)


def _verdict(year: int, verdict: str) -> Verdict:
    return Verdict("urn:point", _doc(year), verdict, 0.7)


def _trail(status: str, verdicts: list[Verdict], parts: list[PartResult] | None = None) -> PointTrail:
    point = Point("urn:point", "urn:doc:2010", 1, 1, "Improve planning", None, "urn:para", "")
    return PointTrail(point, _doc(2010), set(), verdicts, status, verdicts[-1] if verdicts else None,
                      parts or [])


def test_the_first_addressed_verdict_after_the_last_shortfall_resolves_the_point():
    trail = _trail("addressed", [_verdict(2012, "addressed"), _verdict(2014, "partially_addressed"),
                                 _verdict(2016, "addressed"), _verdict(2018, "addressed")])
    assert resolution(trail).document.date == dt.date(2016, 3, 1)


def test_a_shortfall_in_a_part_delays_the_resolution():
    part = PartResult("management oversight", set(), [_verdict(2016, "not_addressed")], "not_addressed")
    trail = _trail("addressed", [_verdict(2014, "addressed"), _verdict(2018, "addressed")], [part])
    assert resolution(trail).document.date == dt.date(2018, 3, 1)


def test_a_point_not_addressed_now_has_no_resolution():
    assert resolution(_trail("partially_addressed", [_verdict(2012, "addressed"),
                                                     _verdict(2016, "partially_addressed")])) is None


def test_a_point_addressed_through_one_part_was_resolved_when_that_part_was():
    """The status comes from the one part a document speaks to (addressed in 2016); the whole
    point's later partial verdict does not set it, so it does not undo the resolution."""
    addressed = Verdict("urn:point", _doc(2016), "addressed", 0.7, part=0)
    part = PartResult("return interviews", set(), [addressed, Verdict("urn:point", _doc(2018), "no_evidence", 0.5, part=0)],
                      "addressed", addressed)
    silent = PartResult("missing children data", set(), [Verdict("urn:point", _doc(2016), "no_evidence", 0.5, part=1)],
                        "no_evidence")
    trail = _trail("addressed", [_verdict(2016, "no_evidence"), _verdict(2018, "partially_addressed")], [part, silent])
    trail.status_source = addressed
    assert resolution(trail) is addressed
