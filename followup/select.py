"""Which traced points `trace` prints: the filters `export` also takes, on trails.

A point goes with the document that raised it: --since and --until compare
that document's date. --theme keeps points tagged with a theme or with a
narrower one (a point on county lines is a point on exploitation).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..reports.errors import InspectkgError
from . import themes as thesaurus
from .engine import PointTrail


@dataclass(frozen=True)
class TrailFilter:
    statuses: frozenset[str] = frozenset()
    since: str | None = None  # ISO dates: compared as strings
    until: str | None = None
    themes: frozenset[str] = frozenset()  # notations

    @classmethod
    def checked(cls, statuses: frozenset[str], since: str | None, until: str | None,
                themes: tuple[str, ...]) -> TrailFilter:
        """A filter whose themes are in the thesaurus; an unknown one is an error naming
        the closest notations."""
        known = thesaurus.thesaurus()
        for name in themes:
            if name.strip() not in known:
                raise InspectkgError(thesaurus.unknown_theme(name, known))
        return cls(statuses, since, until, frozenset(t.strip() for t in themes))

    def keeps(self, trail: PointTrail) -> bool:
        if self.statuses and trail.status not in self.statuses:
            return False
        raised = trail.document.date.isoformat()
        if (self.since and raised < self.since) or (self.until and raised > self.until):
            return False
        # A point's themes with their broader ones: asking for a theme finds its narrower ones.
        return not self.themes or bool(self.themes & thesaurus.expand(trail.themes))
