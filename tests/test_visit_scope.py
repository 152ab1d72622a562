"""What a focused visit says it looked at (its scope statement), read whole: the sentences of the
paragraph that go on to say what else it looked at, and the list the paragraph opens; and that
statement is not a finding. Letters written by us in the layouts of real ones; people made up."""

from __future__ import annotations

from pathlib import Path

from inspectkg.reports.parse import read_report

LETTER = ("24 October 2024\n\nJo Example\nDirector of Children's Services\nBirmingham City Council\n\n"
          "Dear Jo\n\nFocused visit to Birmingham children's services\n\n"
          "This letter summarises the findings of the focused visit to Birmingham children's services on "
          "24 and 25 September 2024. His Majesty's Inspectors for this visit were Alex Example and Sam Example.\n\n"
          "{scope}\n\n"
          "This visit was carried out in line with the inspection of local authority children's services (ILACS) "
          "framework.\n\n"
          "Headline findings\n\nMost children live in stable homes that are well matched to their needs.\n\n"
          "Yours sincerely\n\nAlex Example\nHis Majesty's Inspector\n")


def read(tmp_path: Path, scope: str):  # type: ignore[no-untyped-def]
    letter = tmp_path / "visit.txt"
    letter.write_text(LETTER.format(scope=scope), encoding="utf-8")
    report = read_report(letter)
    assert report.kind == "focused-visit"
    return report, [report.blocks[i].text for i in report.finding_blocks]


def test_a_scope_sentence_that_opens_a_list_keeps_every_item(tmp_path):
    """The layout of 2024 on ("..., with a particular focus on the:" and a bullet per matter, each
    with its stop): the statement stopped at the first bullet's stop and lost the others."""
    report, findings = read(tmp_path, (
        "Inspectors looked at the local authority's arrangements for children in care, with a particular focus "
        "on the:\n\n"
        "• Quality of matching, placement and decision-making for children in care.\n"
        "• Experiences and progress of disabled children in care.\n"
        "• Experiences and progress of children living in supported accommodation."))
    assert report.scope_statement == (
        "Inspectors looked at the local authority's arrangements for children in care, with a particular focus "
        "on the: Quality of matching, placement and decision-making for children in care. Experiences and "
        "progress of disabled children in care. Experiences and progress of children living in supported "
        "accommodation.")
    # Neither the statement nor how the visit was carried out is a finding.
    assert findings == ["Most children live in stable homes that are well matched to their needs."]


def test_the_sentences_that_say_what_else_a_visit_looked_at_are_its_scope(tmp_path):
    """Coventry's 2019 layout: "Inspectors also evaluated ... supervision ..." after the scope sentence.
    Read alone, the first sentence put a point on supervision out of the visit's scope."""
    report, findings = read(tmp_path, (
        "Inspectors looked at the local authority's arrangements for permanence planning for children in care. "
        "Inspectors also evaluated the effectiveness of management oversight, supervision and quality "
        "assurance.\n\n"
        "Inspectors looked at a range of evidence, including case discussions with social workers. They also "
        "looked at local authority performance management information."))
    assert report.scope_statement == (
        "Inspectors looked at the local authority's arrangements for permanence planning for children in care. "
        "Inspectors also evaluated the effectiveness of management oversight, supervision and quality assurance.")
    assert report.scope_areas == ["children-in-care", "leadership"]
    span = report.facts["scope"]
    assert report.text[span.start:span.end] == report.scope_statement
    # How the inspectors worked, a paragraph of its own, is neither the scope nor a finding.
    assert findings == ["Most children live in stable homes that are well matched to their needs."]


def test_a_sentence_on_what_evidence_was_read_does_not_widen_the_scope(tmp_path):
    report, findings = read(tmp_path, (
        "Inspectors looked at the arrangements for contacts and referrals in the multi-agency safeguarding hub. "
        "Inspectors also looked at local authority performance management and quality assurance information."))
    assert report.scope_statement == ("Inspectors looked at the arrangements for contacts and referrals in the "
                                      "multi-agency safeguarding hub.")
    # The paragraph says more than the scope, so it stays with the findings, as printed.
    assert findings[0].startswith("Inspectors looked at the arrangements for contacts")


def test_the_letters_title_printed_with_a_stop_is_not_a_finding(tmp_path):
    """Doncaster's 2021 letter prints its title after the greeting, with a full stop."""
    letter = tmp_path / "visit.txt"
    letter.write_text(LETTER.format(scope="Inspectors looked at the local authority's arrangements for care leavers.")
                      .replace("Focused visit to Birmingham children's services\n",
                               "Focused visit to Birmingham children's services.\n"), encoding="utf-8")
    report = read_report(letter)
    assert [report.blocks[i].text for i in report.finding_blocks] == [
        "Most children live in stable homes that are well matched to their needs."]


def test_a_statement_printed_over_several_lines_is_read_whole(tmp_path):
    """A hard-wrapped letter (the bundled 2011 one is) breaks the statement's lines where it likes."""
    report, findings = read(tmp_path, (
        "Inspectors looked at the local authority's arrangements for permanence planning for children in\n"
        "care.   Inspectors also evaluated the effectiveness of management  \noversight and supervision."))
    assert report.scope_statement == (
        "Inspectors looked at the local authority's arrangements for permanence planning for children in care. "
        "Inspectors also evaluated the effectiveness of management oversight and supervision.")
    assert not any(f.startswith("Inspectors") for f in findings)
