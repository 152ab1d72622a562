"""Tests for inspectkg.reports.authorities: reference data, name variants, subjects of reports.

The report openings below are the first ~1500 characters of real Ofsted
documents (Open Government Licence v3.0), as extracted from the PDFs in the
shared national sample. They cover each report genre the package reads.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from inspectkg.reports.authorities import Authority, all_authorities, by_gss, find_in_text, resolve

PROJECT = Path(__file__).resolve().parent.parent
CSV_PATH = PROJECT / "data" / "local_authorities.csv"
HERTFORDSHIRE_SAMPLES = sorted((PROJECT / "data" / "sample" / "hertfordshire").glob("*.txt"))
EXPECTED_ROWS = 156

GSS = {
    "Hertfordshire": "E10000015",
    "Herefordshire": "E06000019",
    "Birmingham": "E08000025",
    "Blackpool": "E06000009",
    "Bristol": "E06000023",
    "Calderdale": "E08000033",
    "Coventry": "E08000026",
    "Doncaster": "E08000017",
    "Norfolk": "E10000020",
    "Sandwell": "E08000028",
    "Manchester": "E08000003",
    "Kingston upon Hull": "E06000010",
    "St Helens": "E08000013",
    "Southend-on-Sea": "E06000033",
    "Bournemouth, Christchurch and Poole": "E06000058",
    "Durham": "E06000047",
    "Bath and North East Somerset": "E06000022",
    "Windsor and Maidenhead": "E06000040",
    "Barking and Dagenham": "E09000002",
    "Barnet": "E09000003",
    "Richmond upon Thames": "E09000027",
    "Isles of Scilly": "E06000053",
    "City of London": "E09000001",
}


# national-sample/birmingham/17a30a542b.pdf
ILACS_2023_BIRMINGHAM = """\
Inspection of Birmingham City Council
local authority children’s services
Inspection dates: 20 February to 3 March 2023
Lead inspector: John Roughton, His Majesty’s Inspector
Judgement Grade
The impact of leaders on social work
practice with children and families
Good
The experiences and progress of
children who need help and protection
Good
The experiences and progress of
children in care
Good
The experiences and progress of care
leavers
Good
Overall effectiveness Good
Since the last inspection in 2018, much progress has been made by Birmingham City
Council and Birmingham Children’s Trust in improving the experiences and outcomes
of their children. Children are now safeguarded through effective ‘front door’
arrangements, thorough child protection assessments and a strong response to
safeguarding children at risk of exploitation. Children are supported at an early stage
to remain in their families where possible. When intervention is required to protect
children, it is proportionate to risk and need. When children need to come into care,
their needs are met well in appropriate placements. Some children spend too long in
stable placements awaiting the appropriate change in legal status to secure their
permanence. Care-experienced young people benefit from a strong corporate
commitment and ambition to enable them to fulfil their potential in life. Personal
advisers develop supportive and encouraging relationships with young people,
"""


# national-sample/birmingham/bc0c85ff2e.pdf
SIF_REINSPECTION_2016_BIRMINGHAM = """\
1
Birmingham
Re-inspection of services for children in need of help and
protection, children looked after and care leavers
Inspection dates: 12 September 2016 to 6 October 2016
Report published: 25 November 2016
Children’s services in Birmingham are inadequate
1. Children who need help and protection Inadequate
2. Children looked after and achieving
permanence
Requires improvement
2.1 Adoption performance Requires improvement
2.2 Experiences and progress of care leavers Requires improvement
3. Leadership, management and governance Inadequate
2
Executive summary
This re-inspection has identified that serious and widespread failings in some services
to help and protect children have not yet been tackled effectively. Children are not
always kept safe and not enough is being done to protect them from harm.
Senior leaders and politicians have worked hard, invested considerable resources and
reconfigured services to ensure that there is a strengthened focus on improvement,
and this inspection has found some significant improvements in a range of services
as a result. However, key areas of service provision are continuing to fail children
and families, and where progress is being made further work is required to ensure
that services are of good quality.
Children and families do not receive the help they need at an early enough stage. In
addition, the understanding and operational support from partner agencies is poor.
"""


# national-sample/blackpool/ea74390694.pdf
FOCUSED_VISIT_2021_BLACKPOOL_OFSTED_MANCHESTER = """\
Ofsted
Piccadilly Gate
Store Street
Manchester
M1 2WD
T 0300 123 1231
Textphone 0161 618 8524
enquiries@ofsted.gov.uk
www.gov.uk/ofsted
9 April 2021
Jeanette Richards
Director of Children’s Services
Executive Support Team
Blackpool Council
Number One
Bickerstaffe Square
Blackpool
FY1 3AH
Dear Ms Richards
Focused visit to Blackpool children’s services
Her Majesty’s Chief Inspector of Education, Children’s Services and Skills is leading Ofsted’s
work into how England’s social care system has delivered child-centred practice and care
within the context of the restrictions placed on society during the COVID-19 (coronavirus)
pandemic.
This letter summarises the findings of a focused visit to Blackpool children’s services on 23 and
24 February 2021. The inspectors were Lorna Schlechte, Brenda McLaughlin, Nick Stacey,
Kathryn Grindrod and Paul Williams, all of whom are Her Majesty’s Inspectors.
The methodology for this visit was in line with the inspection of local authority children's
services (ILACS) framework. However, the delivery model was adapted to reflect the
COVID19 context. This visit was carried out fully by remote means.
Inspectors used video calls for
discussions with local authority staff, carers, key stakeholders and young people. They also
looked at local authority performance management and quality assurance information and
children’s case records. The lead inspector and the director of children’s services (DCS) agreed
"""


# national-sample/bristol/fc81beb613.pdf
ILACS_2018_BRISTOL_CITY_OF = """\
1
Bristol City of
Inspection of children's social care services
Inspection dates: 10 September 2018 to 21 September 2018
Lead inspector: Joy Howick
Her Majesty's Inspector
Judgement Grade
The impact of leaders on social work practice with children
and families Good
The experiences and progress of children who need help and
protection
Requires improvement
to be good
The experiences and progress of children in care and care
leavers
Requires improvement
to be good
Overall effectiveness Requires improvement
to be good
Since the single inspection framework (SIF) inspection in 2014 and the joint area
targeted inspection (JTAI) in 2017, services have improved substantially for care
leavers, children in care and children in need of help and protection. Greater
corporate ownership of and commitment to children services have resulted in
strategic partnerships that are well developed and increasingly effective. Senior
leaders, who are outward looking and innovative, have a good understanding of
strengths and areas for improvement. They have made considerable progress in
developing an environment in which good social work can flourish by changing
the way in which services are delivered and significantly reducing social workers’
workloads. While children, young people and families do not always currently get
a good service, this is improving.
Practice improvements are most evident in a number of areas identified as weak
"""


# national-sample/calderdale/8e9bb04311.pdf
SIF_2015_CALDERDALE = """\
1
Calderdale Metropolitan Council
Inspection of services for children in need of help and
protection, children looked after and care leavers
and
Review of the effectiveness of the local safeguarding children
board1
Inspection date: 13 January 2015 – 4 February 2015
Report published: 20 March 2015
The overall judgement is that children’s services require
improvement
The authority is not yet delivering good help and protection and care for children,
young people and families. It is Ofsted’s expectation that, as a minimum, all children
and young people receive good help, care and protection.2
The judgements on areas of the service that contribute to overall effectiveness are:
1. Children who need help and protection Requires
Improvement
2. Children looked after and achieving
permanence
Requires
Improvement
2.1 Adoption performance Inadequate
2.2 Experiences and progress of care leavers
Requires
Improvement
3. Leadership, management and governance Requires
Improvement

1 Ofsted produces this report under its power to combine reports in accordance with section 152 of
the Education and Inspections Act 2006. This report includes the report of the inspection of local
authority functions carried out under section 136 of the Education and Inspection Act 2006 and the
report of the review of the Local Safeguarding Children Board carried out under the Local
Safeguarding Children Boards (Review) Regulations 2013.
2
"""


# national-sample/coventry/22abfa566c.pdf
FOCUSED_VISIT_2019_COVENTRY = """\
21 March 2019
John Gregg
Director of Children’s Services
Coventry City Council
Earl Street
Coventry
CV1 5RR
Dear Mr Gregg
Focused visit to Coventry City Council children’s services
This letter summarises the findings of a focused visit to Coventry City Council
children’s services on 26 and 27 February 2019. The inspectors were John Roughton,
HMI, and Diane Partridge, HMI.
Inspectors looked at the local authority’s arrangements for permanence planning and
achieving permanence for children in care. Inspectors also evaluated the
effectiveness of performance management, management oversight, supervision,
quality assurance and the continuous professional development of the workforce.
Inspectors considered a range of evidence, including case discussions with social
workers. They also looked at local authority performance management, examples of
case file audits and workforce development arrangements.
Overview
While there is a concerted focus on achieving permanence for children in care in
Coventry, the quality of social work practice remains inconsistent. Too many children
do not have an updated assessment to inform their care plan, and the Public Law
Outline (PLO) is not used effectively at the pre-proceedings stage to assess and
support children who may be at risk of harm. Delays in achieving permanence exist
for some children on a placement order, and some permanence options, such as
"""


# national-sample/doncaster/1fa4e6977f.pdf
FOCUSED_VISIT_2021_DONCASTER_OFSTED_MANCHESTER = """\
Ofsted
Piccadilly Gate
Store Street
Manchester
M1 2WD
T 0300 123 1231
Textphone 0161 618 8524
enquiries@ofsted.gov.uk
www.gov.uk/ofsted
9 April 2021
Riana Nelson
Director of Learning Opportunities and Skills
Doncaster Metropolitan Borough Council
The Council House
College Road
Doncaster
DN1 3AD
Copy to: James Thomas, CEO, Doncaster Children’s Services Trust
Dear Riana Nelson
Focused visit to Doncaster Metropolitan Borough Council children’s
services.
This letter summarises the findings of a focused visit on 23 and 24 February 2021 to
Doncaster Metropolitan Borough Council children’s services (the council) that have
delegated their children’s social care statutory functions to the Doncaster Children’s
Services Trust (the trust). Her Majesty’s Inspectors were Matt Reed, Amanda
Maxwell, Margaret Burke, Andrew Waugh and Jon Bowman.
Her Majesty’s Chief Inspector of Education, Children’s Services and Skills is leading
Ofsted’s work into how England’s social care system has delivered child-centred
practice and care within the context of the restrictions placed on society during the
COVID-19 (coronavirus) pandemic.
The methodology for this visit was in line with the inspection of local authority
children’s services (ILACS) framework. However, the delivery model was adapted to
reflect the COVID-19 context. This visit was carried out fully by remote means.
Inspectors used video calls for discussions with staff, managers and leaders within
"""


# national-sample/doncaster/3f519f5a18.pdf
FOCUSED_VISIT_2023_CITY_OF_DONCASTER = """\
9 June 2023
Ms Riana Nelson
Director of Children, Young People and Families
The Civic Office
Waterdale
Doncaster
DN1 3BU
Dear Ms Nelson
Focused visit to City of Doncaster Council children’s services
This letter summarises the findings of the focused visit to City of Doncaster Council
children’s services on 3 and 4 May 2023. His Majesty’s Inspectors for this visit were
Jo Warburton and Russel Breyer.
Inspectors looked at the local authority’s arrangements for the ‘front door’.
This visit was carried out in line with the inspection of local authority children’s
services (ILACS) framework. Inspectors looked at a range of evidence, including case
discussions with social workers and managers. They also looked at local authority
performance management and quality assurance information and children’s case
records.
Headline findings
Senior leaders have significantly improved strategic planning and partnership
working at the front door since the last inspection. Leaders know the service well.
Performance management and quality assurance arrangements that support
managers in monitoring this practice area have been strengthened. This
improvement has taken place at pace, and at a time of significant change while
transitioning children’s services from Doncaster Children’s Trust back to City of
Doncaster Council control.
Contacts from professionals or members of the public are responded to swiftly and
"""


# national-sample/norfolk/6e774c4f0c.pdf
LOOKED_AFTER_CHILDREN_2013_NORFOLK = """\
Inspection of looked after children
services
Norfolk County Council
Inspection dates: 8 – 12 July 2013
Reporting inspector Gary Lamb HMI
Age group: All
Published: 16 August 2013
© Crown copyright 2013
Website: www.ofsted.gov.uk
This document may be reproduced in whole or in part for non-commercial purposes, provided
that the information quoted is reproduced without adaptation and the source and date of
publication are stated.
Further copies of this report are obtainable from the local authority or at www.ofsted.gov.uk
Norfolk County Council Inspection of looked after children services 1
Contents
About this inspection 2
The inspection judgements and what they mean 2
Service information 3
Overall effectiveness of services for looked after children and
young people 4
Capacity to improve 4
Outcomes for looked after children and young people 8
Quality of provision 15
Leadership and management 17
Record of main findings 21
Norfolk County Council Inspection of looked after children services 2
About this inspection
1. The purpose of the inspection is to evaluate the contribution made by
relevant services to the quality of service provision for looked after
children and care leavers. The inspection team consisted of five of Her
Majesty’s Inspectors (HMI). The inspection was carried out under section
136 of the Education and Inspections Act 2006.
2. The evidence evaluated by inspectors included:
 discussions with children and young people receiving services, front
"""


# national-sample/sandwell/b345ffd464.pdf
FOCUSED_VISIT_2024_SANDWELL_TRUST = """\
29 November 2024
Sally Giles, Director of Children’s Services
Emma Taylor, Chief Executive, Sandwell Children’s Trust
Sandwell Metropolitan Borough Council
Oldbury
West Midlands
B69 3DE
Dear Sally Giles and Emma Taylor
Focused visit to Sandwell Children’s Trust
This letter summarises the findings of a focused visit to Sandwell Children’s Trust on
30 and 31 October 2024. His Majesty’s Inspectors for this visit were Russel Breyer
and Monique Lindsay.
Inspectors looked at the arrangements for contacts and referrals in the multi-agency
safeguarding hub (MASH). Inspectors reviewed the threshold application and initial
responses for children who need early help, children in need and child protection,
and those allocated to Assessment and Intervention (A&I) teams for social work
assessment and support, carried out on behalf of the Sandwell Metropolitan Borough
Council by Sandwell Children’s Trust. Inspectors also looked at local authority
performance management and quality assurance information.
This visit was carried out in line with the inspection of local authority children's
services (ILACS) framework.
Headline findings
‘Front door’ and early help arrangements for children in Sandwell have improved
since the last inspection in May 2022. This is positive for children and families, who
receive timely and appropriate responses to initial identified needs and concerns.
Children who need help and protection are correctly identified within the MASH and
"""


# ------------------------------------------------------------ reference data


def test_every_csv_row_is_loaded_once() -> None:
    authorities = all_authorities()
    assert len(authorities) == EXPECTED_ROWS
    assert all(isinstance(a, Authority) for a in authorities)
    assert len({a.gss for a in authorities}) == EXPECTED_ROWS
    assert all(a.gss and a.la_code and a.name for a in authorities)
    assert all_authorities() == authorities  # cached, and a fresh list each call
    assert all_authorities() is not authorities


def test_hertfordshire_row() -> None:
    herts = by_gss("E10000015")
    assert herts is not None
    assert (herts.name, herts.la_code, herts.urn) == ("Hertfordshire", "919", "80475")
    assert (herts.region, herts.la_type) == ("East of England", "County")
    assert herts.population_0_25 == 367496
    assert len(herts.stat_neighbours) == 10
    first_three = [by_gss(code).name for code in herts.stat_neighbours[:3]]
    assert first_three == ["Oxfordshire", "Buckinghamshire", "Cambridgeshire"]


def test_statistical_neighbours_are_known_authorities() -> None:
    for authority in all_authorities():
        assert all(by_gss(code) is not None for code in authority.stat_neighbours), authority.name


def test_by_gss() -> None:
    assert by_gss("e10000015 ").name == "Hertfordshire"
    assert by_gss("E99999999") is None
    assert by_gss("") is None


def test_retired_authorities_keep_their_old_gss_code() -> None:
    # The CSV leaves these cells empty; see _RETIRED_GSS.
    assert resolve("Cumbria County Council").gss == "E10000006"
    assert resolve("Northamptonshire").gss == "E10000021"
    assert resolve("Borough of Poole").gss == "E06000029"


def _csv_rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_every_row_resolves_from_its_own_name() -> None:
    rows = _csv_rows()
    assert len(rows) == EXPECTED_ROWS
    for row in rows:
        name = row["local_authority_ons_name"]
        for variant in (name, f"{name} Council", name.upper()):
            found = resolve(variant)
            assert found is not None and found.la_code == row["la_code"], variant
    for authority in all_authorities():
        assert resolve(authority.name) == authority
        assert resolve(f"{authority.name} Council") == authority


# ------------------------------------------------------------- name variants


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("Hertfordshire", "Hertfordshire"),
        ("Hertfordshire County Council", "Hertfordshire"),
        ("Inspection of Hertfordshire local authority children's services", "Hertfordshire"),
        ("Inspection of Hertfordshire local authority children\u2019s services", "Hertfordshire"),
        ("Birmingham City Council", "Birmingham"),
        ("Birmingham Children's Trust", "Birmingham"),
        ("Bristol City of", "Bristol"),
        ("Bristol, City of", "Bristol"),
        ("Bristol City Council", "Bristol"),
        ("City of Doncaster Council", "Doncaster"),
        ("Doncaster Metropolitan Borough Council", "Doncaster"),
        ("Doncaster Children\u2019s Services Trust", "Doncaster"),
        ("Calderdale Metropolitan Council", "Calderdale"),
        ("Calderdale Metropolitan Borough Council", "Calderdale"),
        ("Calderdale Borough Council", "Calderdale"),
        ("Sandwell Children\u2019s Trust", "Sandwell"),
        ("Sandwell Metropolitan Borough Council", "Sandwell"),
        ("Blackpool Borough Council", "Blackpool"),
        ("Norfolk County Council", "Norfolk"),
        ("Norfolk Council", "Norfolk"),
        ("Coventry City Council", "Coventry"),
        ("Kingston upon Hull, City of", "Kingston upon Hull"),
        ("Kingston upon Hull City Council", "Kingston upon Hull"),
        ("Hull City Council", "Kingston upon Hull"),
        ("St Helens", "St Helens"),
        ("St. Helens Council", "St Helens"),
        ("Saint Helens", "St Helens"),
        ("Herefordshire", "Herefordshire"),
        ("Herefordshire Council", "Herefordshire"),
        ("Southend-on-Sea", "Southend-on-Sea"),
        ("Southend on Sea City Council", "Southend-on-Sea"),
        ("Bournemouth, Christchurch and Poole", "Bournemouth, Christchurch and Poole"),
        ("Bournemouth, Christchurch & Poole Council", "Bournemouth, Christchurch and Poole"),
        ("BCP Council", "Bournemouth, Christchurch and Poole"),
        ("Durham County Council", "Durham"),
        ("County Durham", "Durham"),
        ("Bath and North East Somerset", "Bath and North East Somerset"),
        ("Bath & North East Somerset Council", "Bath and North East Somerset"),
        ("Windsor and Maidenhead Royal Borough", "Windsor and Maidenhead"),
        ("Royal Borough of Windsor and Maidenhead", "Windsor and Maidenhead"),
        ("London Borough of Barking and Dagenham", "Barking and Dagenham"),
        ("Barnet", "Barnet"),
        ("the London Borough of Barnet", "Barnet"),
        ("Richmond upon Thames", "Richmond upon Thames"),
        ("Isles of Scilly", "Isles of Scilly"),
        ("Council of the Isles of Scilly", "Isles of Scilly"),
        ("City of London", "City of London"),
        ("City of London Corporation", "City of London"),
        ("Manchester", "Manchester"),
        ("Manchester City Council", "Manchester"),
    ],
)
def test_resolve_name_variants(variant: str, expected: str) -> None:
    found = resolve(variant)
    assert found is not None, variant
    assert found.gss == GSS[expected]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Council",
        "Ofsted",
        "Piccadilly Gate",
        "Kingston",  # upon Hull or upon Thames: never guess
        "Cheshire",  # East or West and Chester
        "London",  # not the City of London
        "Yorkshire",
        "Hertford",  # the county town, not the county
        "Hertfordshire and Herefordshire",
        "Inspection of children's social care services",
    ],
)
def test_resolve_unknown_or_ambiguous_is_none(text: str) -> None:
    assert resolve(text) is None


def test_herefordshire_is_not_hertfordshire() -> None:
    assert resolve("Herefordshire").gss == "E06000019"
    assert resolve("Hertfordshire").gss == "E10000015"
    letter = (
        "Herefordshire Council\nPlough Lane\nHereford\nHR4 0LE\n"
        "Focused visit to Herefordshire children\u2019s services\n"
    )
    assert find_in_text(letter).gss == "E06000019"


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=80))
def test_resolve_and_find_never_raise(text: str) -> None:
    assert resolve(text) is None or isinstance(resolve(text), Authority)
    assert find_in_text(text) is None or isinstance(find_in_text(text), Authority)


# ------------------------------------------------------- subjects of reports


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (ILACS_2023_BIRMINGHAM, "Birmingham"),
        (SIF_REINSPECTION_2016_BIRMINGHAM, "Birmingham"),
        (FOCUSED_VISIT_2021_BLACKPOOL_OFSTED_MANCHESTER, "Blackpool"),
        (ILACS_2018_BRISTOL_CITY_OF, "Bristol"),
        (SIF_2015_CALDERDALE, "Calderdale"),
        (FOCUSED_VISIT_2019_COVENTRY, "Coventry"),
        (FOCUSED_VISIT_2021_DONCASTER_OFSTED_MANCHESTER, "Doncaster"),
        (FOCUSED_VISIT_2023_CITY_OF_DONCASTER, "Doncaster"),
        (LOOKED_AFTER_CHILDREN_2013_NORFOLK, "Norfolk"),
        (FOCUSED_VISIT_2024_SANDWELL_TRUST, "Sandwell"),
    ],
)
def test_find_in_real_openings(opening: str, expected: str) -> None:
    found = find_in_text(opening)
    assert found is not None and found.gss == GSS[expected]
    # Only the first lines: the header alone must be enough.
    assert find_in_text(opening, window=600).gss == GSS[expected]


def test_find_in_hertfordshire_samples() -> None:
    # Full inspection 2023, SIF 2015, focused visit 2021, 2011 letter with
    # Ofsted's Bristol office in its header, and a council press release.
    assert len(HERTFORDSHIRE_SAMPLES) == 5
    for path in HERTFORDSHIRE_SAMPLES:
        found = find_in_text(path.read_text(encoding="utf-8"))
        assert found is not None, path.name
        assert (found.gss, found.la_code) == ("E10000015", "919"), path.name


def test_ofsted_addresses_are_not_subjects() -> None:
    for address in (
        "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\nT 0300 123 1231",
        "Ofsted | Piccadilly Gate | Store Street | Manchester | M1 2WD",
        "Aviation House, 125 Kingsway, London WC2B 6SE",
        "Freshford House Redcliffe Way Bristol BS1 6NL T 0300 1231231",
    ):
        assert find_in_text(address) is None, address


def test_manchester_can_still_be_the_subject() -> None:
    letter = (
        "Ofsted | Piccadilly Gate | Store Street | Manchester | M1 2WD\n\n"
        "Director of Children\u2019s Services\nManchester City Council\n"
        "PO Box 532\nManchester\nM60 2LA\n"
        "Dear Ms Smith\nFocused visit to Manchester children\u2019s services\n"
    )
    assert find_in_text(letter).gss == GSS["Manchester"]


def test_falls_back_to_the_most_named_authority() -> None:
    # No subject phrase: a council-styled name beats a bare place name ...
    text = "Foster carers from Leeds and Leeds attended. Wakefield Council thanked them."
    assert find_in_text(text).name == "Wakefield"
    # ... and with bare names only, the most frequent wins (ties: the first).
    assert find_in_text("Carers in Leeds, Wakefield and Leeds.").name == "Leeds"
    assert find_in_text("Carers in Wakefield and Leeds.").name == "Wakefield"


def test_longest_name_wins_in_text() -> None:
    assert find_in_text("North East Lincolnshire Council").name == "North East Lincolnshire"
    assert find_in_text("Services in Kingston upon Thames are good.").name == "Kingston upon Thames"


def test_words_that_are_not_names() -> None:
    # Lower-case words and larger areas that contain a name are not mentions.
    assert find_in_text("Inspectors were reading the case files of children in care.") is None
    assert find_in_text("the Greater Manchester Combined Authority") is None
    assert find_in_text("") is None
