"""Every library query with all its example parameters, and again with only
the required ones when that differs: the cases on which two stores must agree."""

from __future__ import annotations

from inspectkg.graph.queries import NamedQuery, library


def library_cases() -> list[tuple[NamedQuery, dict[str, str]]]:
    cases = []
    for q in library():
        cases.append((q, {p.name: p.example for p in q.params}))
        if any(p.optional for p in q.params):
            cases.append((q, {p.name: p.example for p in q.params if not p.optional}))
    return cases


EXPECTED_CASES = 42  # counted, so that a query added to the library is noticed here
