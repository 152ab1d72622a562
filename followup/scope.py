"""Whether a later document's scope covers an improvement point.

Full inspections cover every area (the 2009-12 inspections of safeguarding and
looked after children among them); a visit covers what its own scope
statement names (read at ingestion into ikg:scope); a 2012-13
looked-after-children inspection does not speak about child protection,
nor its sibling, the 2012-13 child protection inspection, or an unannounced
front-door inspection, about children in care.
"""

from __future__ import annotations

from .corpus import Document

ALL_AREAS = {"help-and-protection", "children-in-care", "care-leavers", "adoption", "leadership", "lscb"}
KIND_SCOPE = {
    "ilacs-inspection": ALL_AREAS - {"lscb"},
    "sif-inspection": ALL_AREAS,
    "sif-reinspection": ALL_AREAS - {"lscb"},
    "lscb-review": {"lscb", "leadership"},
    "slac-inspection": ALL_AREAS,
    "lac-inspection": {"children-in-care", "care-leavers", "adoption", "leadership"},
    "cp-inspection": {"help-and-protection", "leadership"},
    "unannounced-inspection": {"help-and-protection", "leadership"},
    "jtai": {"help-and-protection", "leadership", "lscb"},
}
# A combined area counts for its parts.
AREA_PARTS = {"children-in-care-and-care-leavers": {"children-in-care", "care-leavers"}}


def covered_areas(doc: Document) -> set[str]:
    if doc.kind in KIND_SCOPE:
        return KIND_SCOPE[doc.kind]
    areas: set[str] = set()
    for a in doc.scope_areas:
        areas |= AREA_PARTS.get(a, {a})
    return areas or {"help-and-protection", "leadership"}


VISITS = {"focused-visit", "monitoring-visit"}


def narrow_visit(doc: Document) -> bool:
    """A visit whose own statement names the one part of practice it looked at."""
    return doc.kind in VISITS and bool(doc.scope_statement)


def visit_covers(doc: Document, main_theme: str | None) -> bool:
    """Whether a narrow visit's statement names the point's matter (or a broader
    or narrower one): "arrangements for care leavers" covers pathway plans."""
    from . import themes

    if main_theme is None or not doc.scope_statement:
        return False
    return themes.agreement({main_theme}, themes.tag(doc.scope_statement)) >= 0.75


def in_scope(point_areas: set[str], doc: Document) -> bool:
    """Scope by service area, for inspections and visits without a scope statement.

    A point whose areas are unknown is taken to be in scope (silence then counts).
    """
    if not point_areas:
        return True
    expanded: set[str] = set()
    for a in point_areas:
        expanded |= AREA_PARTS.get(a, {a})
    # The LSCB's matters are partnership matters: leadership sections speak to them.
    if "lscb" in expanded:
        expanded.add("leadership")
    # Matters of every area belong to leaders too, but a visit's leadership
    # remarks are about its own theme: leadership alone does not bring a
    # point into scope unless it is a leadership point.
    covered = covered_areas(doc)
    if expanded <= {"leadership"}:
        return "leadership" in covered
    return bool((expanded - {"leadership"}) & covered)
