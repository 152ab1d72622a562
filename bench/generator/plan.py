"""What each synthetic document is and says: the trail of one authority.

An authority's trail follows the real sequence of frameworks: an unannounced
contact-referral-assessment letter (2009-11), a looked after children
inspection (2012-13), a SIF inspection with its LSCB review (2013-15),
an ILACS inspection (2018-19), focused visits, a second ILACS inspection
(2023-24, five judgements). Beyond the real 153 authorities, an authority's
trail gets denser instead of longer: each further trail adds a re-inspection
(ILACS 2020-22, or SIF 2016-17 for the next), two unannounced inspections
(2009-12) and four focused visits (2019-25), as real authorities had several
of each (re-inspections, annual unannounced inspections, monitoring visits). Every
document stays about a real authority, within the real years of its kind, none
is dated in the future (which a build rejects).

Each improvement point is given a fate when it is raised: the next document
that covers its matter addresses it (praise), partially addresses it (mixed
evidence), re-raises it (a new point on the same matter) or ignores it (the
matter is never spoken of again). The ledger of what every document said on
every matter gives the status each point should end with.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .vocabulary import MATTERS, VISIT_MATTERS, Matter

BY_KEY = {m.key: m for m in MATTERS}
FATES = ["addressed", "partially_addressed", "re_raised", "ignored"]
FATE_WEIGHTS = [4, 2, 1, 2]  # one point in nine re-raised: 1.5 recurrence links a document, 1.1 real
SPEECH_STATUS = {"positive": "addressed", "mixed": "partially_addressed", "negative": "not_addressed",
                 "raised": "not_addressed"}
FATE_SPEECH = {"addressed": "positive", "partially_addressed": "mixed", "re_raised": "raised"}
# Each trail beyond the first of an authority: what it adds and the years they fall in. A
# re-inspection (an ILACS inspection between the two of the first trail, then a second SIF one)
# speaks to the points before it, as a real one does. Without it the further documents were all
# narrow visits: at 30x, 63% of the verdicts were out of scope (the national sample: 30%); with
# it, 56%.
EXTRA_LETTERS = [("unannounced-inspection", (2009, 2012), (1, 11))] * 2 + [("focused-visit", (2019, 2025), (1, 10))] * 4
EXTRA_INSPECTIONS = [("ilacs-inspection", (2020, 2022), (1, 11)), ("sif-inspection", (2016, 2017), (1, 11))]

# Which matters a document of each kind can speak about (the domain's scope:
# an unannounced front-door inspection says nothing of adoption).
UNANNOUNCED_MATTERS = {"front-door-thresholds", "consent", "strategy-meetings", "assessments", "chronologies",
                       "domestic-abuse", "early-help", "supervision", "management-oversight", "caseloads",
                       "quality-assurance"}
KIND_AREAS = {
    "sif-inspection": {"help-and-protection", "children-in-care", "adoption", "care-leavers", "leadership", "lscb"},
    "ilacs-inspection": {"help-and-protection", "children-in-care", "adoption", "care-leavers", "leadership"},
    "lac-inspection": {"children-in-care", "adoption", "care-leavers", "leadership"},
}
GRADES4 = ["outstanding", "good", "requires improvement", "inadequate"]
GRADES_OLD = ["outstanding", "good", "adequate", "inadequate"]


@dataclass
class PlannedPoint:
    ordinal: int
    matter: str
    text: str
    heading: str
    fate: str
    addressed_to: str = "local-authority"
    first_later: str | None = None  # what the first later document covering it said
    expected_status: str | None = None


@dataclass
class Discussion:
    matter: str
    polarity: str  # positive, mixed, negative (a weakness backing a new point)


@dataclass
class PlannedDoc:
    authority: str  # canonical name
    gss: str
    council: str
    kind: str
    start: dt.date
    end: dt.date
    issued: dt.date  # letter date or publication date
    lead: str
    team: list[str]
    judgements: list[tuple[str, str]] = field(default_factory=list)  # (area notation, grade)
    points: list[PlannedPoint] = field(default_factory=list)
    discussions: list[Discussion] = field(default_factory=list)
    visit_theme: str | None = None
    director: str = ""
    previous: tuple[str, dt.date, str] | None = None  # (kind, date, overall grade) of the last full inspection
    file: str = ""

    @property
    def is_visit(self) -> bool:
        return self.kind == "focused-visit"


def council_name(name: str, la_type: str | None) -> str:
    if la_type == "County":
        return f"{name} County Council"
    if la_type == "London Borough":
        return f"London Borough of {name}" if name != "City of London" else "City of London Corporation"
    if la_type == "Metropolitan District":
        return f"{name} Metropolitan Borough Council"
    return f"{name} Council"


def scope(doc: PlannedDoc) -> set[str]:
    if doc.kind == "focused-visit":
        return set(VISIT_MATTERS[doc.visit_theme or "front-door"])
    if doc.kind == "unannounced-inspection":
        return set(UNANNOUNCED_MATTERS)
    areas = KIND_AREAS[doc.kind]
    return {m.key for m in MATTERS if m.area in areas}


# Points and passing mentions per document, set so that a generated corpus has the real
# national sample's points a document, by kind (bench/densities.py: focused visits 3.0, ILACS
# inspections 5.3, SIF inspections with their LSCB reviews 26, looked-after-children inspections
# 17.5 on two documents) and about its regression links (2.0 a document; 1.3 generated).
POINTS_PER_KIND = {"unannounced-inspection": (3, 5), "lac-inspection": (12, 20), "sif-inspection": (22, 30),
                   "ilacs-inspection": (3, 7), "focused-visit": (2, 4)}
BACKGROUND_PER_KIND = {"unannounced-inspection": (3, 5), "lac-inspection": (8, 12), "sif-inspection": (16, 22),
                       "ilacs-inspection": (10, 16), "focused-visit": (1, 3)}


def _person(rng: random.Random) -> str:
    from .vocabulary import FIRST_NAMES, SURNAMES
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _timeline(rng: random.Random, cycles: int) -> list[tuple[str, dt.date]]:
    """(kind, fieldwork start) of every document of one authority."""
    out: list[tuple[str, dt.date]] = []

    def when(year: int, months: tuple[int, int] = (1, 11)) -> dt.date:
        d = dt.date(year, rng.randint(*months), rng.randint(1, 20))
        while d.weekday() != 0:  # fieldwork starts on a Monday
            d += dt.timedelta(days=1)
        return d

    if rng.random() < 0.8:
        out.append(("unannounced-inspection", when(2009 + rng.randint(0, 1), (1, 6))))
    if rng.random() < 0.7:
        out.append(("lac-inspection", when(2012 + rng.randint(0, 1), (1, 6))))
    out.append(("sif-inspection", when(2013 + rng.randint(0, 2))))
    out.append(("ilacs-inspection", when(2018 + rng.randint(0, 1))))
    if rng.random() < 0.9:
        out.append(("focused-visit", when(2020 + rng.randint(0, 1))))
    if rng.random() < 0.6:
        out.append(("focused-visit", when(2022, (1, 10))))
    out.append(("ilacs-inspection", when(2023 + rng.randint(0, 1), (1, 10))))
    if rng.random() < 0.8:
        out.append(("focused-visit", when(2025, (1, 10))))
    for extra in range(cycles - 1):
        for kind, (first, last), months in [EXTRA_INSPECTIONS[extra % 2]] + EXTRA_LETTERS:
            # A document is named by its authority, kind and date: never two on one day.
            taken = {d for k, d in out if k == kind}
            day = when(rng.randint(first, last), months)
            while day in taken:
                day = when(rng.randint(first, last), months)
            out.append((kind, day))
    return sorted(out, key=lambda t: t[1])


def _dates(kind: str, start: dt.date, rng: random.Random) -> tuple[dt.date, dt.date]:
    length = {"unannounced-inspection": 1, "focused-visit": 1, "lac-inspection": 4, "ilacs-inspection": 11,
              "sif-inspection": 25}[kind]
    end = start + dt.timedelta(days=length)
    issued = end + dt.timedelta(days=rng.randint(20, 45))
    return end, issued


def _grades(kind: str, quality: float, year: int, rng: random.Random) -> list[tuple[str, str]]:
    def grade(scale: list[str]) -> str:
        return scale[max(0, min(3, round(quality + rng.uniform(-0.7, 0.7))))]

    if kind == "lac-inspection":
        areas = ["overall", "capacity-to-improve", "outcomes", "quality-of-provision", "leadership"]
        return [(a, grade(GRADES_OLD)) for a in areas]
    if kind == "sif-inspection":
        areas = ["help-and-protection", "children-in-care", "adoption", "care-leavers", "leadership"]
        out = [(a, grade(GRADES4)) for a in areas]
        worst = max(GRADES4.index(g) for a, g in out if a in ("help-and-protection", "children-in-care", "leadership"))
        out.append(("overall", GRADES4[worst]))
        out.append(("lscb", grade(GRADES4)))
        return out
    if kind == "ilacs-inspection":
        areas = ["leadership", "help-and-protection"]
        areas += ["children-in-care", "care-leavers"] if year >= 2023 else ["children-in-care-and-care-leavers"]
        out = [(a, grade(GRADES4)) for a in areas]
        out.append(("overall", GRADES4[round(sum(GRADES4.index(g) for _, g in out) / len(out))]))
        return out
    return []


def point_text(matter: Matter, kind: str, rng: random.Random) -> str:
    from .vocabulary import POINT_TEMPLATES
    style = {"sif-inspection": "imperative", "unannounced-inspection": "letter",
             "lac-inspection": "letter"}.get(kind, "noun")
    template = rng.choice(POINT_TEMPLATES[style])
    return template.format(Cap=matter.cap, np=matter.np, be=matter.be, who=matter.who)


def plan_authority(authority: object, cycles: int, rng: random.Random) -> list[PlannedDoc]:
    """Every document of one authority's trail, with what each says on which matter."""
    name, gss, la_type = authority.name, authority.gss, authority.la_type  # type: ignore[attr-defined]
    council = council_name(name, la_type)
    quality = rng.uniform(0.6, 2.6)
    docs: list[PlannedDoc] = []
    open_points: list[PlannedPoint] = []
    dead: list[str] = []  # matters of ignored points: never spoken of again while others remain
    last_spoken: dict[str, int] = {}
    last_full: tuple[str, dt.date, str] | None = None
    director = _person(rng)
    for index, (kind, start) in enumerate(_timeline(rng, cycles)):
        end, issued = _dates(kind, start, rng)
        if rng.random() < 0.2:
            director = _person(rng)
        quality = max(0.0, min(3.0, quality + rng.uniform(-0.6, 0.5)))
        doc = PlannedDoc(name, gss, council, kind, start, end, issued, _person(rng),
                         [_person(rng) for _ in range(rng.randint(1, 4))], director=director,
                         previous=last_full)
        if kind == "focused-visit":
            doc.visit_theme = rng.choice(sorted(VISIT_MATTERS))
        doc.judgements = _grades(kind, quality, start.year, rng)
        in_scope = scope(doc)
        used: set[str] = set()
        raised: list[tuple[str, str]] = []  # (matter, heading role)
        # 1. the fate of earlier points whose matter this document covers
        for p in list(open_points):
            if p.matter not in in_scope:
                continue
            open_points.remove(p)
            if p.fate == "ignored":
                dead.append(p.matter)
                continue
            used.add(p.matter)
            if p.fate == "re_raised":
                raised.append((p.matter, "re_raised"))
            else:
                doc.discussions.append(Discussion(p.matter, FATE_SPEECH[p.fate]))
        # 2. new points on matters not already awaiting a fate
        waiting = {p.matter for p in open_points}
        low, high = POINTS_PER_KIND[kind]
        wanted = rng.randint(low, high) - len(raised)
        fresh = [k for k in sorted(in_scope) if k not in used and k not in waiting and k not in dead]
        fresh.sort(key=lambda k: (last_spoken.get(k, -1), rng.random()))
        if len(fresh) < wanted:  # a small pool: matters long ignored come back first
            fresh += [k for k in dead if k in in_scope and k not in used and k not in waiting]
        for k in fresh[:max(0, wanted)]:
            raised.append((k, "new"))
            used.add(k)
        raised.sort(key=lambda r: BY_KEY[r[0]].area == "lscb")  # the LSCB's own list comes last
        for ordinal, (k, _) in enumerate(raised, 1):
            matter = BY_KEY[k]
            if k in dead:
                dead.remove(k)
            fate = rng.choices(FATES, FATE_WEIGHTS)[0]
            point = PlannedPoint(ordinal, k, point_text(matter, kind, rng), "", fate,
                                 "lscb" if matter.area == "lscb" else "local-authority")
            doc.points.append(point)
            doc.discussions.append(Discussion(k, "negative"))
            open_points.append(point)
        # 3. background: matters the document praises or qualifies in passing
        spare = [k for k in sorted(in_scope) if k not in used and k not in dead
                 and k not in {p.matter for p in open_points}]
        rng.shuffle(spare)
        low, high = BACKGROUND_PER_KIND[kind]
        for k in spare[:rng.randint(low, high)]:
            doc.discussions.append(Discussion(k, "positive" if rng.random() < 0.75 else "mixed"))
        for d in doc.discussions:
            last_spoken[d.matter] = index
        if kind != "focused-visit":
            overall = dict(doc.judgements).get("overall")
            if overall:
                last_full = (kind, start, overall)
        docs.append(doc)
    expected_statuses(docs)
    return docs


def expected_statuses(docs: list[PlannedDoc]) -> None:
    """Each point's status from the ledger: the most recent later document that
    speaks about its matter decides; silence gives no_evidence."""
    for i, doc in enumerate(docs):
        later = docs[i + 1:]
        for p in doc.points:
            speeches = []
            for d in later:
                said = {x.matter: x.polarity for x in d.discussions}
                if any(q.matter == p.matter for q in d.points):
                    said[p.matter] = "raised"
                if p.matter in said:
                    speeches.append(said[p.matter])
            p.first_later = (None if not speeches else
                             {"positive": "addressed", "mixed": "partially_addressed"}.get(speeches[0], "re_raised"))
            if not later:
                p.expected_status = "no_later_inspection"
            elif not speeches:
                p.expected_status = "no_evidence"
            else:
                p.expected_status = SPEECH_STATUS[speeches[-1]]
