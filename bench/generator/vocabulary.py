"""Phrase templates: the matters improvement points are about, and the words
inspectors use for them in each polarity.

A matter is one thing a point can ask to improve. Its noun phrase carries the
practice theme's own words (return home interviews, pathway plans, ...), so
that a reader of the later report can tell it is the same matter; its
family groups matters a reader could take for each other (pathway plans and
personal advisers are both leaving care), so that a matter meant to be
ignored later is never praised under a neighbour's name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Matter:
    key: str
    area: str  # service area notation: help-and-protection, children-in-care, care-leavers, adoption, leadership, lscb
    family: str
    np: str  # noun phrase as a point names it, lower case
    be: str  # "is" or "are", agreeing with np
    who: str  # the children it is about
    weak: str  # a sentence saying what is wrong
    strong: str  # a sentence saying it is now good

    @property
    def cap(self) -> str:
        return self.np[0].upper() + self.np[1:]


M = Matter
MATTERS: list[Matter] = [
    M("front-door-thresholds", "help-and-protection", "front-door",
      "the application of thresholds at the front door", "is", "children referred to the MASH",
      "Threshold decisions at the front door are inconsistent, and some referrals wait too long for a decision.",
      "Threshold decisions at the front door are timely and proportionate to the risks children face."),
    M("consent", "help-and-protection", "front-door",
      "the recording of parental consent before checks with partner agencies", "is", "families referred to the service",
      "The rationale for dispensing with parental consent is not always recorded.",
      "Parental consent is sought and recorded appropriately before information is shared."),
    M("strategy-meetings", "help-and-protection", "child-protection",
      "the timeliness and attendance of strategy meetings", "are", "children at risk of significant harm",
      "Strategy meetings are not always held promptly, and police and health partners do not always attend.",
      "Strategy meetings are held promptly, with police, health and education partners contributing well."),
    M("icpc", "help-and-protection", "child-protection",
      "the timeliness of initial child protection conferences", "is", "children subject to child protection enquiries",
      "Too many initial child protection conferences are held outside timescales, which delays plans.",
      "Initial child protection conferences are timely and partners share information effectively."),
    M("assessments", "help-and-protection", "assessment",
      "the quality of assessments and their analysis of risk", "is", "children in need of help and protection",
      "Assessments do not consistently analyse the impact of parental difficulties on children.",
      "Assessments are thorough, analytical and clearly informed by children's histories."),
    M("chronologies", "help-and-protection", "assessment",
      "the use of chronologies in children's records", "is", "children open to social care",
      "Chronologies are not routinely kept up to date, so workers miss patterns of concern.",
      "Chronologies are of a consistently high standard and inform workers of children's histories."),
    M("cin-plans", "help-and-protection", "planning",
      "the quality of child in need plans", "is", "children in need",
      "Child in need plans are too often vague, with actions that are not specific or measurable.",
      "Child in need plans are specific, measurable and reviewed regularly with families."),
    M("early-help", "help-and-protection", "early-help",
      "the coordination of early help and step-down arrangements", "is", "families who need early help",
      "Early help is not well coordinated, and step-down from social care is not always planned.",
      "Early help is well coordinated, and step-up and step-down between services is smooth."),
    M("domestic-abuse", "help-and-protection", "domestic-abuse",
      "the response to children living with domestic abuse", "is", "children living with domestic abuse",
      "The response to domestic abuse notifications is not timely for all children.",
      "Children living with domestic abuse receive a swift and well-coordinated response."),
    M("neglect", "help-and-protection", "neglect",
      "the identification of and response to chronic neglect", "is", "children living with neglect",
      "Drift in cases of chronic neglect leaves some children in harmful circumstances for too long.",
      "Chronic neglect is recognised early and tackled with purposeful plans."),
    M("pre-proceedings", "help-and-protection", "pre-proceedings",
      "the timeliness of work in the pre-proceedings phase of the PLO", "is", "children subject to pre-proceedings",
      "Work under the public law outline drifts, and letters before proceedings are not always timely.",
      "Pre-proceedings work under the PLO is timely and well tracked by managers."),
    M("missing-rhi", "help-and-protection", "missing",
      "the completion and use of return home interviews", "is", "children who go missing from home or care",
      "Return home interviews are not offered to all children who go missing, and learning from them is not used.",
      "Return home interviews are offered promptly and the information from them is used well."),
    M("exploitation", "help-and-protection", "exploitation",
      "the response to children at risk of criminal and sexual exploitation", "is", "children at risk of exploitation",
      "Risk assessments for children at risk of exploitation are not consistently completed.",
      "Children at risk of exploitation are identified quickly and receive effective, joined-up help."),
    M("private-fostering", "help-and-protection", "private-fostering",
      "the assessment of private fostering arrangements", "is", "children living in private fostering arrangements",
      "Private fostering arrangements are not always assessed within timescales.",
      "Private fostering arrangements are assessed promptly and children are visited regularly."),
    M("lado", "help-and-protection", "allegations",
      "the management of allegations against adults who work with children", "is", "children in settings where allegations are made",
      "The management of allegations against adults is not well recorded.",
      "Allegations against adults who work with children are managed swiftly by the designated officer."),
    M("care-plans", "children-in-care", "planning",
      "the quality of care plans for children in care", "is", "children in care",
      "Care plans do not always reflect children's current needs or set clear timescales.",
      "Care plans are up to date and reflect children's needs and wishes well."),
    M("iro", "children-in-care", "iro",
      "the oversight and challenge of independent reviewing officers", "is", "children in care",
      "Independent reviewing officers do not consistently challenge drift in children's plans.",
      "Independent reviewing officers provide effective challenge and know children well."),
    M("health-cic", "children-in-care", "health",
      "the timeliness of initial health assessments for children in care", "is", "children coming into care",
      "Initial health assessments for children in care are too often late.",
      "Initial health assessments for children in care are timely and of good quality."),
    M("emotional-health", "children-in-care", "health",
      "access to emotional health and well-being services", "is", "children in care who need emotional support",
      "Children wait too long for emotional health support.",
      "Children in care receive timely emotional health support from dedicated services."),
    M("sufficiency", "children-in-care", "placements",
      "the sufficiency of local placements that meet children's needs", "is", "children who need foster or residential care",
      "There are too few local placements, so some children live far from home.",
      "Placement sufficiency has improved and most children live close to home."),
    M("stability", "children-in-care", "placements",
      "the stability of placements for children in care", "is", "children in care",
      "Too many children experience several placement moves.",
      "Placement stability is good and most children live in settled homes."),
    M("life-story", "children-in-care", "identity",
      "the completion of life story work", "is", "children in care and those adopted",
      "Life story work is not completed for all children, so some do not understand their histories.",
      "Life story work is completed sensitively and helps children to understand their histories."),
    M("family-time", "children-in-care", "family-time",
      "arrangements for family time with brothers and sisters", "are", "children separated from their siblings",
      "Arrangements for family time are not always reviewed with children.",
      "Family time is well planned and reviewed with children and their carers."),
    M("independent-visitors", "children-in-care", "advocacy",
      "access to independent visitors and advocacy", "is", "children in care who would benefit from them",
      "Too few children in care have an independent visitor or an advocate.",
      "Children in care have good access to independent visitors and advocates."),
    M("adoption-timeliness", "adoption", "adoption",
      "the timeliness of adoption for children with a plan for adoption", "is", "children waiting for adoption",
      "Children with a plan for adoption wait too long to be matched with adopters.",
      "Adoption is timely, and children are matched with adopters without delay."),
    M("post-adoption", "adoption", "adoption",
      "the availability of post-adoption support", "is", "adoptive families",
      "Post-adoption support is not available to all families who need it.",
      "Post-adoption support is readily available and valued by adoptive families."),
    M("pathway-plans", "care-leavers", "leaving-care",
      "the quality of pathway plans for care leavers", "is", "care leavers",
      "Pathway plans are not always written with care leavers and lack clear actions.",
      "Pathway plans are written with care leavers and are detailed and aspirational."),
    M("eet", "care-leavers", "leaving-care-eet",
      "the proportion of care leavers in education, employment or training", "is", "care leavers",
      "Too few care leavers are in education, employment or training.",
      "An increasing proportion of care leavers are in education, employment or training."),
    M("accommodation", "care-leavers", "leaving-care-accommodation",
      "the availability of suitable accommodation for care leavers", "is", "care leavers",
      "Some care leavers live in unsuitable accommodation.",
      "Almost all care leavers live in suitable accommodation."),
    M("health-histories", "care-leavers", "health",
      "access for care leavers to their health histories", "is", "care leavers",
      "Care leavers do not routinely receive their health histories.",
      "Care leavers receive their health histories and understand them."),
    M("supervision", "leadership", "workforce",
      "the regularity and quality of supervision", "is", "children whose social workers are not supervised well",
      "Supervision is not always regular and does not consistently challenge practice.",
      "Supervision is regular, reflective and helps to progress children's plans."),
    M("management-oversight", "leadership", "oversight",
      "the consistency of management oversight of practice", "is", "children open to social care",
      "Management oversight does not consistently prevent drift for children.",
      "Management oversight is clear and consistently recorded on children's records."),
    M("caseloads", "leadership", "workforce",
      "the stability of the workforce and the size of caseloads", "is", "children who experience changes of social worker",
      "High caseloads and a reliance on agency staff limit the time social workers spend with children.",
      "Caseloads are manageable and the workforce is increasingly stable."),
    M("quality-assurance", "leadership", "quality-assurance",
      "the effectiveness of quality assurance and auditing", "is", "children whose records are audited",
      "Audits do not focus well enough on the impact of practice on children.",
      "Quality assurance is rigorous and audits lead to better practice for children."),
    M("performance-data", "leadership", "performance",
      "the accuracy and use of performance information", "is", "children whose progress leaders track",
      "Performance information is not always accurate or used to drive improvement.",
      "Performance information is accurate and used well by leaders to drive improvement."),
    M("corporate-parenting", "leadership", "corporate-parenting",
      "the influence of the corporate parenting board", "is", "children in care and care leavers",
      "The corporate parenting board does not yet hold services to account well enough.",
      "The corporate parenting board is ambitious and holds services to account effectively."),
    M("lscb-challenge", "lscb", "lscb",
      "the LSCB's challenge to partner agencies and evaluation of multi-agency practice", "is", "children in the area",
      "The LSCB does not evaluate the effectiveness of multi-agency practice well enough.",
      "The LSCB challenges partners effectively and evaluates multi-agency practice well."),
    M("lscb-training", "lscb", "lscb-training",
      "the evaluation of the impact of multi-agency training", "is", "children in the area",
      "The impact of multi-agency training on practice is not evaluated.",
      "Multi-agency training is well attended and its impact on practice is evaluated."),
]

# Improvement point wording by heading style.
POINT_TEMPLATES = {
    # ILACS "What needs to improve?" and focused visits: noun phrases.
    "noun": ["{Cap}.", "{Cap}, so that all {who} receive timely help.", "{Cap} for {who}."],
    # SIF numbered recommendations: imperatives.
    "imperative": [
        "Ensure that {np} {be} consistently good, so that {who} receive the help they need.",
        "Improve {np}, so that {who} are not left waiting for support.",
        "Strengthen {np}, and monitor the impact on outcomes for {who}.",
        "Senior leaders should ensure that {np} {be} timely and effective for all {who}.",
    ],
    # 2009-13 letters and LAC inspections: "Areas for development" / timescales.
    "letter": ["ensure that {np} {be} improved for {who}", "improve {np}", "review {np} to secure consistency"],
}

# Finding sentences around a matter; {Cap}/{np}/{be}/{who}/{weak}/{strong}.
NEGATIVE = [
    "{Cap} {be} not consistently effective, and too many {who} experience delay.",
    "{weak}",
    "Inspectors found that {np} {be} weak in some teams, and managers have not tackled this quickly enough.",
    "This means that some {who} do not receive the right help at the right time.",
    "Leaders know that {np} {be} an area of weakness, but actions taken so far have had limited impact.",
]
POSITIVE = [
    "{strong}",
    "{Cap} {be} now consistently strong, and {who} benefit from timely and effective help.",
    "Inspectors saw good practice in {np}, which is well embedded across teams.",
    "As a result, {who} receive effective support that is well matched to their needs.",
]
MIXED = [
    "{Cap} {be} improving, but {be} still not consistent for all {who}.",
    "Leaders have taken action on {np}, although the impact is not yet seen for all {who}.",
    "{strong} However, for a small number of {who}, this is not yet the case.",
]

# Sentences that name no practice theme (checked at import by the generator),
# used to give findings paragraphs their real length.
FILLER = [
    "Inspectors looked at the experiences of a wide range of children and spoke with staff at all levels.",
    "Staff are committed to the children they work with and speak about them with warmth.",
    "Children's individual circumstances are understood in the context of their families and communities.",
    "Many staff have worked in the area for a long time and know local services well.",
    "The work seen by inspectors reflected the findings of the local authority's own evaluation.",
    "Leaders have a realistic understanding of the strengths of the service and where it needs to develop.",
    "Practitioners describe a supportive culture in which they feel able to ask for help.",
    "The local authority has continued to invest in children's services despite financial pressures.",
    "Social workers know the children they work with well and visit them regularly.",
    "Across the service, there is a shared commitment to doing the right thing for children.",
    "Elected members and senior officers speak knowledgeably about the challenges the service faces.",
    "Inspectors spoke with children, parents and carers, and considered their views carefully.",
    "Practice is increasingly underpinned by a clear and well-understood approach to working with families.",
    "Partners told inspectors that relationships with the local authority are constructive.",
]

AREA_HEADINGS_ILACS = {
    "help-and-protection": "The experiences and progress of children who need help and protection",
    "children-in-care": "The experiences and progress of children in care",
    "care-leavers": "The experiences and progress of care leavers",
    "leadership": "The impact of leaders on social work practice with children and families",
}
AREA_HEADINGS_SIF = {
    "help-and-protection": "The experiences and progress of children who need help and protection",
    "children-in-care": "The experiences and progress of children looked after and achieving permanence",
    "adoption": "Adoption performance",
    "care-leavers": "The experiences and progress of care leavers",
    "leadership": "Leadership, management and governance",
}

FIRST_NAMES = ["Alison", "Brenda", "Carol", "David", "Emma", "Fiona", "Gary", "Helen", "Ian", "Janet",
               "Karen", "Louise", "Mark", "Nicola", "Olivia", "Peter", "Rachel", "Steven", "Tracey", "Vivienne"]
SURNAMES = ["Ashworth", "Bramley", "Crossley", "Denholm", "Elstow", "Fairbairn", "Greenhalgh", "Holroyd",
            "Illingworth", "Jessop", "Kershaw", "Lockwood", "Marsden", "Northcott", "Ormerod", "Pickering",
            "Rushworth", "Sutcliffe", "Thwaite", "Whitworth"]
FEMALE_NAMES = {"Alison", "Brenda", "Carol", "Emma", "Fiona", "Helen", "Janet", "Karen", "Louise", "Nicola",
                "Olivia", "Rachel", "Tracey", "Vivienne"}
VISIT_SCOPES = {
    # a focused visit's theme -> its scope statement, in the letters' own form
    "front-door": "Inspectors looked at the local authority's arrangements for the 'front door', including the "
                  "application of thresholds for referrals about children and the recording of parental consent.",
    "exploitation": "Inspectors looked at the local authority's arrangements for the protection of vulnerable "
                    "children from extra-familial harm, including children who go missing from home or care.",
    "leaving-care": "Inspectors looked at the local authority's arrangements for care leavers, including pathway "
                    "plans, education, employment and training, and suitable accommodation.",
    "planning": "Inspectors looked at the local authority's arrangements for children in need and children "
                "subject to a child protection plan.",
    "placements": "Inspectors looked at the local authority's arrangements for placement sufficiency and "
                  "placement stability for children in care.",
}
# The matters each visit speaks about: what its statement names, nothing else.
VISIT_MATTERS = {
    "front-door": ("front-door-thresholds", "consent"),
    "exploitation": ("exploitation", "missing-rhi"),
    "leaving-care": ("pathway-plans", "eet", "accommodation"),
    "planning": ("strategy-meetings", "icpc", "cin-plans", "pre-proceedings"),
    "placements": ("sufficiency", "stability"),
}
