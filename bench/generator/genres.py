"""Lay a planned document out as its genre is printed: title lines, dates,
judgement tables, improvement point lists, numbered findings, boilerplate.

Output is a list of blocks that both renderers (plain text and PDF) share.
Findings paragraphs are composed from the matter's phrase templates plus
theme-free context sentences, up to the real size of the genre.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cache

from .plan import BY_KEY, PlannedDoc
from .vocabulary import (
    AREA_HEADINGS_ILACS,
    AREA_HEADINGS_SIF,
    FEMALE_NAMES,
    FILLER,
    MIXED,
    NEGATIVE,
    POSITIVE,
    VISIT_SCOPES,
    Matter,
)

# Characters of findings text each genre runs to (real reports: SIF 80-120k,
# LAC ~50k, ILACS ~30k, visit letters ~10k, unannounced letters ~7k).
TARGET_CHARS = {"sif-inspection": (70_000, 100_000), "lac-inspection": (35_000, 45_000),
                "ilacs-inspection": (20_000, 27_000), "focused-visit": (6_500, 8_500),
                "unannounced-inspection": (3_500, 5_000)}


@dataclass
class Block:
    kind: str  # title, heading, subheading, line, para, num, bullet, table, footnote, pagebreak
    text: str = ""
    number: int | None = None
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Layout:
    blocks: list[Block]
    header: str  # running header on pages after the first ("" for none)
    bullet: str  # the list glyph of the genre


@cache
def theme_free_filler() -> tuple[str, ...]:
    """Context sentences that name no practice theme, so they never count as evidence."""
    from inspectkg.followup import themes

    return tuple(s for s in FILLER if not themes.tag(s))


def fmt_date(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def fmt_range(a: dt.date, b: dt.date, joiner: str = "to") -> str:
    if a.year == b.year and a.month == b.month:
        return f"{a.day} {joiner} {b.day} {b:%B %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%B} to {b.day} {b:%B %Y}"
    return f"{fmt_date(a)} to {fmt_date(b)}"


def majesty(d: dt.date) -> str:
    return "His Majesty's" if d >= dt.date(2022, 9, 8) else "Her Majesty's"


class Writer:
    """Composes sentences and paragraphs for one document."""

    def __init__(self, doc: PlannedDoc, rng: random.Random):
        self.doc, self.rng = doc, rng

    def fill(self, n: int) -> list[str]:
        return self.rng.sample(theme_free_filler(), min(n, len(theme_free_filler())))

    def about(self, matter: Matter, polarity: str, back_reference: bool = False) -> str:
        fields = dict(Cap=matter.cap, np=matter.np, be=matter.be, who=matter.who, weak=matter.weak,
                      strong=matter.strong)
        pool = {"negative": NEGATIVE, "positive": POSITIVE, "mixed": MIXED}[polarity]
        own = [t.format(**fields) for t in self.rng.sample(pool, 2)]
        if back_reference and polarity != "negative":
            own.insert(0, f"At the previous inspection, {matter.np} needed to improve.")
        sentences = self.fill(self.rng.randint(1, 3))
        at = self.rng.randint(0, 1)
        return " ".join(sentences[:at] + own + sentences[at:])

    def filler_paragraph(self) -> str:
        return " ".join(self.fill(self.rng.randint(3, 5)))


def _grade_label(grade: str, ilacs: bool) -> str:
    if grade == "requires improvement":
        return "Requires improvement to be good" if ilacs else "Requires improvement"
    return grade.capitalize()


def _findings(w: Writer, matters: list[tuple[str, str]], target: int, numbered_from: int | None,
              backref: set[str]) -> list[Block]:
    """Paragraphs on ``matters`` mixed with context paragraphs until ``target`` characters."""
    paras = [w.about(BY_KEY[k], pol, k in backref) for k, pol in matters]
    size = sum(len(p) for p in paras)
    while size < target:
        p = w.filler_paragraph()
        paras.insert(w.rng.randint(0, len(paras)), p)
        size += len(p)
    if numbered_from is None:
        return [Block("para", p) for p in paras]
    return [Block("num", p, numbered_from + i) for i, p in enumerate(paras)]


def _by_area(doc: PlannedDoc, areas: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Discussions grouped under the genre's area headings (adoption sits with children in care
    where the genre has no adoption heading)."""
    out: dict[str, list[tuple[str, str]]] = {a: [] for a in areas}
    for d in doc.discussions:
        area = BY_KEY[d.matter].area
        if area not in out:
            area = "children-in-care" if area in ("adoption", "care-leavers") and "children-in-care" in out else "leadership"
        if area not in out:
            area = next(iter(out))
        out[area].append((d.matter, d.polarity))
    return out


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    return [int(total * x / sum(weights)) for x in weights]


def _backrefs(doc: PlannedDoc) -> set[str]:
    return {d.matter for d in doc.discussions if d.polarity != "negative"} if doc.previous else set()


OFSTED_FOOTER = [
    "The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and inspects to "
    "achieve excellence in the care of children and young people, and in education and skills for learners of "
    "all ages. It regulates and inspects childcare and children's social care, and inspects the Children and "
    "Family Court Advisory and Support Service (Cafcass), schools, colleges, initial teacher training, further "
    "education and skills, adult and community learning, and education and training in prisons and other secure "
    "establishments.",
    "If you would like a copy of this document in a different format, such as large print or Braille, please "
    "telephone 0300 123 1231, or email enquiries@ofsted.gov.uk.",
    "You may reuse this information (not including logos) free of charge in any format or medium, under the "
    "terms of the Open Government Licence.",
]
OFSTED_ADDRESS = ["Piccadilly Gate", "Store Street", "Manchester", "M1 2WD", "T: 0300 123 1231"]


def _end_matter(year: int) -> list[Block]:
    return ([Block("pagebreak")] + [Block("para", t) for t in OFSTED_FOOTER]
            + [Block("line", t) for t in OFSTED_ADDRESS] + [Block("line", f"© Crown copyright {year}")])


# ------------------------------------------------------------------ ILACS
def ilacs(doc: PlannedDoc, rng: random.Random) -> Layout:
    w = Writer(doc, rng)
    grades = dict(doc.judgements)
    b: list[Block] = [
        Block("title", f"Inspection of {doc.authority} local authority children's services"),
        Block("line", f"Inspection dates: {fmt_range(doc.start, doc.end)}"),
        Block("line", f"Lead inspector: {doc.lead}, {majesty(doc.start)} Inspector"),
    ]
    labels = {"leadership": AREA_HEADINGS_ILACS["leadership"],
              "help-and-protection": AREA_HEADINGS_ILACS["help-and-protection"],
              "children-in-care": AREA_HEADINGS_ILACS["children-in-care"],
              "children-in-care-and-care-leavers": "The experiences and progress of children in care and care leavers",
              "care-leavers": AREA_HEADINGS_ILACS["care-leavers"], "overall": "Overall effectiveness"}
    b.append(Block("table", rows=[["Judgement", "Grade"]] + [[labels[a], _grade_label(g, True)]
                                                             for a, g in doc.judgements if a != "overall"]
                   + [["Overall effectiveness", _grade_label(grades["overall"], True)]]))
    summary = []
    if doc.previous:
        summary.append(f"Since the previous inspection in {doc.previous[1]:%B %Y}, when Ofsted judged "
                       f"{doc.authority}'s children's services to be {doc.previous[2]}, leaders have continued to "
                       "develop services for children. " + " ".join(w.fill(3)))
    summary += [w.filler_paragraph() for _ in range(rng.randint(2, 3))]
    b += [Block("para", p) for p in summary]
    b.append(Block("heading", "What needs to improve?"))
    b += [Block("bullet", p.text) for p in doc.points]
    areas = [a for a, _ in doc.judgements if a != "overall"]
    heads = {a: labels[a] for a in ["help-and-protection", *[x for x in areas if x not in
                                                              ("help-and-protection", "leadership")], "leadership"]}
    groups = _by_area(doc, heads)
    sizes = _split(rng.randint(*TARGET_CHARS[doc.kind]), len(heads), rng)
    n = 1
    for (area, heading), size in zip(heads.items(), sizes):
        b.append(Block("heading", f"{heading}: {_grade_label(grades[area], True).lower()}"))
        paras = _findings(w, groups[area], size, n, _backrefs(doc))
        n += len(paras)
        b += paras
    b += _end_matter(doc.issued.year)
    header = f"Inspection of {doc.authority} local authority children's services\n{fmt_range(doc.start, doc.end)}"
    return Layout(b, header, "◼")


# ------------------------------------------------------------ focused visit
def _salutation(name: str) -> str:
    first, last = name.split()[0], name.split()[-1]
    return f"Dear {'Ms' if first in FEMALE_NAMES else 'Mr'} {last}"


def _letter_head(doc: PlannedDoc, date: dt.date) -> list[Block]:
    b = [Block("line", t) for t in ["Ofsted", *OFSTED_ADDRESS[:4], "www.gov.uk/ofsted"]]
    b += [Block("line", fmt_date(date)), Block("line", doc.director)]
    b += [Block("line", t) for t in ("Director of Children's Services", doc.council, "Civic Centre")]
    b.append(Block("line", _salutation(doc.director)))
    return b


def focused_visit(doc: PlannedDoc, rng: random.Random) -> Layout:
    w = Writer(doc, rng)
    b = _letter_head(doc, doc.issued)
    b.append(Block("heading", f"Focused visit to {doc.authority} children's services"))
    team = " and ".join([doc.lead, *doc.team[:1]])
    b.append(Block("para", f"This letter summarises the findings of the focused visit to {doc.authority} "
                           f"children's services on {fmt_range(doc.start, doc.end)}. {majesty(doc.start)} "
                           f"Inspectors for this visit were {team}."))
    b.append(Block("para", VISIT_SCOPES[doc.visit_theme or "front-door"]))
    b.append(Block("para", "This visit was carried out in line with the inspection of local authority "
                           "children's services (ILACS) framework."))
    b.append(Block("heading", "Headline findings"))
    b.append(Block("para", w.filler_paragraph() + " " + w.filler_paragraph()))
    b.append(Block("heading", "What needs to improve in this area of social work practice?"))
    b += [Block("bullet", p.text) for p in doc.points]
    b.append(Block("heading", "Main findings"))
    b += _findings(w, [(d.matter, d.polarity) for d in doc.discussions], rng.randint(*TARGET_CHARS[doc.kind]),
                   None, _backrefs(doc))
    b.append(Block("para", "Ofsted will take the findings from this focused visit into account when planning "
                           "the next inspection or visit."))
    b += [Block("line", "Yours sincerely"), Block("line", doc.lead),
          Block("line", f"{majesty(doc.start)} Inspector")]
    return Layout(b, "", "◼")


# --------------------------------------------------------------------- SIF
def _sif_grade_phrase(grade: str) -> str:
    return {"requires improvement": "require improvement"}.get(grade, f"are {grade}")


def sif(doc: PlannedDoc, rng: random.Random) -> Layout:
    w = Writer(doc, rng)
    g = dict(doc.judgements)
    b: list[Block] = [
        Block("title", doc.council),
        Block("title", "Inspection of services for children in need of help and protection, children looked "
                       "after and care leavers"),
        Block("line", "and"),
        Block("title", "Review of the effectiveness of the Local Safeguarding Children Board¹"),
        Block("line", f"Inspection date: {fmt_range(doc.start, doc.end)}"),
        Block("line", f"Report published: {fmt_date(doc.issued)}"),
        Block("heading", f"Children's services in {doc.authority} {_sif_grade_phrase(g['overall'])}"),
        Block("table", rows=[
            ["1. Children who need help and protection", _grade_label(g["help-and-protection"], False)],
            ["2. Children looked after and achieving permanence", _grade_label(g["children-in-care"], False)],
            ["2.1 Adoption performance", _grade_label(g["adoption"], False)],
            ["2.2 Experiences and progress of care leavers", _grade_label(g["care-leavers"], False)],
            ["3. Leadership, management and governance", _grade_label(g["leadership"], False)]]),
        Block("para", f"The effectiveness of the Local Safeguarding Children Board (LSCB) is {g['lscb']}."),
        Block("footnote", "¹ Ofsted produces this report under its power to combine reports in accordance with "
                          "section 152 of the Education and Inspections Act 2006."),
        Block("pagebreak"),
        Block("heading", "Contents"),
        Block("table", rows=[["Section 1: The local authority", "3"], ["Summary of key findings", "3"],
                             ["What does the local authority need to improve?", "6"],
                             ["Information about this inspection", "8"],
                             ["Inspection judgements about the local authority", "11"],
                             ["Section 2: The effectiveness of the LSCB", "34"]]),
        Block("pagebreak"),
        Block("heading", "Section 1: The local authority"),
        Block("heading", "Summary of key findings"),
        Block("para", f"This local authority {'is good' if g['overall'] in ('good', 'outstanding') else 'is not yet good'} because"),
    ]
    n = 1
    la_points = [p for p in doc.points if p.addressed_to != "lscb"]
    lscb_points = [p for p in doc.points if p.addressed_to == "lscb"]
    for p in la_points[: rng.randint(4, 8)]:
        b.append(Block("num", BY_KEY[p.matter].weak + " " + " ".join(w.fill(1)), n))
        n += 1
    b.append(Block("heading", "What does the local authority need to improve?"))
    split = max(1, len(la_points) // 3)
    b.append(Block("subheading", "Priority and immediate action"))
    for p in la_points[:split]:
        b.append(Block("num", p.text, n))
        n += 1
    b.append(Block("subheading", "Areas for improvement"))
    for p in la_points[split:]:
        b.append(Block("num", p.text, n))
        n += 1
    b.append(Block("heading", "Information about this inspection"))
    b += [Block("para", w.filler_paragraph()) for _ in range(2)]
    b.append(Block("line", f"Lead inspector: {doc.lead}"))
    b.append(Block("line", f"Team inspectors: {', '.join(doc.team)}"))
    b.append(Block("heading", "Inspection judgements about the local authority"))
    heads = dict(AREA_HEADINGS_SIF)
    groups = _by_area(doc, heads)
    lscb_talk = [(d.matter, d.polarity) for d in doc.discussions if BY_KEY[d.matter].area == "lscb"]
    low, high = TARGET_CHARS[doc.kind]
    sizes = _split(int(rng.randint(low, high) * 0.85), len(heads), rng)
    for (area, heading), size in zip(heads.items(), sizes):
        grade = g[area]
        b.append(Block("heading", f"{heading} {'is' if area in ('adoption', 'leadership') else 'are'} "
                                  f"{grade if grade != 'requires improvement' else 'requiring improvement'}"))
        paras = _findings(w, [x for x in groups[area] if x not in lscb_talk], size, n, _backrefs(doc))
        n += len(paras)
        b += paras
    b.append(Block("pagebreak"))
    b.append(Block("heading", "Section 2: The effectiveness of the Local Safeguarding Children Board"))
    b.append(Block("heading", "Recommendations"))
    for p in lscb_points:
        b.append(Block("num", p.text, n))
        n += 1
    b.append(Block("heading", "Inspection findings – the Local Safeguarding Children Board"))
    b += _findings(w, lscb_talk, int(high * 0.12), n, _backrefs(doc))
    b += _end_matter(doc.issued.year)
    return Layout(b, "", "•")


# ------------------------------------------- looked after children (2012-13)
def _lac_grade(grade: str) -> str:
    return f"Grade {['outstanding', 'good', 'adequate', 'inadequate'].index(grade) + 1} ({grade})"


def lac(doc: PlannedDoc, rng: random.Random) -> Layout:
    w = Writer(doc, rng)
    g = dict(doc.judgements)
    b: list[Block] = [
        Block("title", "Inspection of looked after children services"),
        Block("title", doc.council),
        Block("table", rows=[["Inspection dates:", fmt_range(doc.start, doc.end, "–")],
                             ["Reporting inspector", f"{doc.lead} HMI"], ["Age group:", "All"],
                             ["Published:", fmt_date(doc.issued)]]),
        Block("pagebreak"),
        Block("line", f"© Crown copyright {doc.issued.year}"),
        Block("line", "Website: www.ofsted.gov.uk"),
        Block("pagebreak"),
        Block("heading", "About this inspection"),
        Block("num", "The purpose of the inspection is to evaluate the contribution made by relevant services "
                     "to the quality of service provision for looked after children and care leavers.", 1),
        Block("num", "All inspection judgements are made using the following four point scale.", 2),
        Block("table", rows=[["Outstanding (Grade 1)", "A service that significantly exceeds minimum requirements"],
                             ["Good (Grade 2)", "A service that exceeds minimum requirements"],
                             ["Adequate (Grade 3)", "A service that only meets minimum requirements"],
                             ["Inadequate (Grade 4)", "A service that does not meet minimum requirements"]]),
        Block("heading", "Service information"),
        Block("num", w.filler_paragraph(), 3),
    ]
    n = 4
    for _ in range(rng.randint(4, 7)):
        b.append(Block("num", w.filler_paragraph(), n))
        n += 1
    b.append(Block("heading", "Overall effectiveness of services for looked after children and young people"))
    b.append(Block("line", _lac_grade(g["overall"])))
    for _ in range(2):
        b.append(Block("num", w.filler_paragraph(), n))
        n += 1
    b.append(Block("heading", "Capacity to improve"))
    b.append(Block("line", _lac_grade(g["capacity-to-improve"])))
    b.append(Block("num", w.filler_paragraph(), n))
    n += 1
    b.append(Block("heading", "Areas for improvement"))
    b.append(Block("num", f"In order to improve the quality of provision and services for looked after children "
                          f"and young people in {doc.authority}, the local authority and its partners should take "
                          "the following action.", n))
    n += 1
    groups = [("Immediately:", doc.points[: len(doc.points) // 3]),
              ("Within three months:", doc.points[len(doc.points) // 3: 2 * len(doc.points) // 3]),
              ("Within six months:", doc.points[2 * len(doc.points) // 3:])]
    for label, pts in groups:
        if pts:
            b.append(Block("line", label))
            b += [Block("bullet", p.text) for p in pts]
    sections = [("Outcomes for looked after children and young people", "outcomes"),
                ("Quality of provision", "quality-of-provision"), ("Leadership and management", "leadership")]
    talk = [(d.matter, d.polarity) for d in doc.discussions]
    thirds = [talk[i::3] for i in range(3)]
    sizes = _split(rng.randint(*TARGET_CHARS[doc.kind]), 3, rng)
    for (heading, area), part, size in zip(sections, thirds, sizes):
        b.append(Block("heading", heading))
        b.append(Block("line", _lac_grade(g[area])))
        paras = _findings(w, part, size, n, _backrefs(doc))
        n += len(paras)
        b += paras
    b.append(Block("heading", "Record of main findings"))
    b.append(Block("table", rows=[["Overall effectiveness", g["overall"].capitalize()],
                                  ["Capacity to improve", g["capacity-to-improve"].capitalize()],
                                  ["Outcomes for looked after children and young people", g["outcomes"].capitalize()],
                                  ["Quality of provision", g["quality-of-provision"].capitalize()],
                                  ["Leadership and management", g["leadership"].capitalize()]]))
    return Layout(b, f"{doc.council} Inspection of looked after children services", "•")


# ----------------------------------------------------- unannounced letter
def unannounced(doc: PlannedDoc, rng: random.Random) -> Layout:
    w = Writer(doc, rng)
    b = [Block("line", "Aviation House 125 Kingsway London WC2B 6SE T 0300 123 1231 enquiries@ofsted.gov.uk")]
    b += _letter_head(doc, doc.issued)[6:]
    b.append(Block("heading", "Annual unannounced inspection of contact, referral and assessment arrangements "
                              f"within {doc.council} children's services"))
    b.append(Block("para", "This letter summarises the findings of the recent unannounced inspection of contact, "
                           "referral and assessment arrangements within local authority children's services in "
                           f"{doc.council} which was conducted on {fmt_range(doc.start, doc.end, 'and')}. The "
                           "inspection was carried out under section 138 of the Education and Inspections Act 2006."))
    b.append(Block("para", "The inspection sampled the quality and effectiveness of contact, referral and "
                           "assessment arrangements. " + " ".join(w.fill(2))))
    b.append(Block("para", "From the evidence gathered, the following features of the service were identified:"))
    praise = [(d.matter, d.polarity) for d in doc.discussions if d.polarity != "negative"]
    b.append(Block("heading", "Strengths"))
    b += [Block("bullet", w.about(BY_KEY[k], pol)) for k, pol in praise[: (len(praise) + 1) // 2]]
    b.append(Block("heading", "The service meets the requirements of statutory guidance in the following areas"))
    b += [Block("bullet", w.about(BY_KEY[k], pol)) for k, pol in praise[(len(praise) + 1) // 2:]]
    b += [Block("bullet", w.filler_paragraph()) for _ in range(rng.randint(3, 5))]
    b.append(Block("heading", "Areas for development"))
    for p in doc.points:
        p.text = f"{BY_KEY[p.matter].weak} The council should {p.text}."
        b.append(Block("bullet", p.text))
    b.append(Block("para", "Any areas for development identified above will be specifically considered in any "
                           "future inspection of services to safeguard children within your area."))
    b += [Block("line", "Yours sincerely"), Block("line", f"{doc.lead} {majesty(doc.start)} Inspector")]
    return Layout(b, "", "-")


GENRES = {"ilacs-inspection": ilacs, "focused-visit": focused_visit, "sif-inspection": sif,
          "lac-inspection": lac, "unannounced-inspection": unannounced}


def layout(doc: PlannedDoc, rng: random.Random) -> Layout:
    return GENRES[doc.kind](doc, rng)
