"""The filters every view takes: --authority, --since, --until, --status, --theme.

User values are checked here and turned into typed values (authority IRIs,
ISO dates, status notations, theme IRIs); a bad one raises ExportError with
what was expected. What each filter keeps:

- authority: documents about these authorities (and what was read from them);
- since / until: documents dated within the range (a point goes with the
  document that raised it; a verdict with the later document that gave it);
- status: improvement points whose current status is one of these;
- theme: improvement points (and, in the themes view, findings) tagged with
  one of these themes or a narrower one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from rdflib import URIRef

from ..followup.themes import unknown_theme
from ..graph import iris
from ..reports import authorities as reference
from .errors import ExportError
from .records import Document, Point, Theme

STATUSES = iris.CURRENT_STATUSES


@dataclass(frozen=True)
class Filters:
    authorities: tuple[URIRef, ...] = ()
    since: str | None = None  # ISO dates: compare as strings
    until: str | None = None
    statuses: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()  # theme notations as given; expanded with narrower ones in ``theme_iris``

    def is_empty(self) -> bool:
        return not (self.authorities or self.since or self.until or self.statuses or self.themes)

    def describe(self) -> str:
        parts = [f"authority={', '.join(a.rsplit('/', 1)[1] for a in self.authorities)}" if self.authorities
                 else "", f"since={self.since}" if self.since else "", f"until={self.until}" if self.until else "",
                 f"status={', '.join(self.statuses)}" if self.statuses else "",
                 f"theme={', '.join(self.themes)}" if self.themes else ""]
        return "; ".join(p for p in parts if p) or "none"

    def keeps_document(self, doc: Document) -> bool:
        if self.authorities and URIRef(doc.authority) not in self.authorities:
            return False
        if self.since and doc.date < self.since:
            return False
        return not (self.until and doc.date > self.until)

    def keeps_point(self, point: Point, documents: dict[str, Document], themes: set[str] | None) -> bool:
        doc = documents.get(point.doc)
        if doc is None or not self.keeps_document(doc):
            return False
        if self.statuses and point.status not in self.statuses:
            return False
        return themes is None or bool(point.themes & themes)


def parse_authority(value: str) -> URIRef:
    try:
        return iris.authority(reference.lookup(value).gss)
    except ValueError as exc:
        raise ExportError(f"--authority {value!r}: {exc}") from None


def parse_date(value: str, option: str, end: bool) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD; a year or month means its first day for
    --since and its last day for --until."""
    text = value.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    try:
        if m is None or (m.group(3) and not m.group(2)):
            raise ValueError
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if day:
            return dt.date(year, int(month), int(day)).isoformat()
        if month:
            last = calendar.monthrange(year, int(month))[1]
            return dt.date(year, int(month), last if end else 1).isoformat()
        return dt.date(year, 12, 31).isoformat() if end else dt.date(year, 1, 1).isoformat()
    except ValueError:
        raise ExportError(f"{option} {value!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD "
                          "(for example 2015 or 2015-09-14)") from None


def make_filters(authorities: tuple[str, ...] = (), since: str | None = None, until: str | None = None,
                 statuses: tuple[str, ...] = (), themes: tuple[str, ...] = ()) -> Filters:
    since_iso = parse_date(since, "--since", end=False) if since else None
    until_iso = parse_date(until, "--until", end=True) if until else None
    if since_iso and until_iso and since_iso > until_iso:
        raise ExportError(f"--since {since} is after --until {until}: no document can match")
    for s in statuses:
        if s not in STATUSES:
            raise ExportError(f"--status {s!r}: expected one of {', '.join(STATUSES)}")
    return Filters(tuple(dict.fromkeys(parse_authority(a) for a in authorities)), since_iso, until_iso,
                   tuple(dict.fromkeys(statuses)), tuple(dict.fromkeys(t.strip() for t in themes)))


def theme_iris(filters: Filters, themes: dict[str, Theme]) -> set[str] | None:
    """The theme concepts the --theme filter keeps (each given theme and every
    narrower one); None when there is no theme filter."""
    if not filters.themes:
        return None
    by_notation = {t.notation: iri for iri, t in themes.items()}
    chosen: set[str] = set()
    for name in filters.themes:
        if name not in by_notation:
            raise ExportError(unknown_theme(name, by_notation))
        chosen.add(by_notation[name])
    narrower: dict[str, set[str]] = {}
    for iri, t in themes.items():
        for b in t.broader:
            narrower.setdefault(b, set()).add(iri)
    stack = list(chosen)
    while stack:
        for n in narrower.get(stack.pop(), ()):
            if n not in chosen:
                chosen.add(n)
                stack.append(n)
    return chosen


def check_authorities_in_store(filters: Filters, documents: dict[str, Document]) -> None:
    present = {URIRef(d.authority) for d in documents.values()}
    for a in filters.authorities:
        if a not in present:
            name = reference.by_gss(a.rsplit("/", 1)[1])
            label = name.name if name else a
            raise ExportError(f"--authority {label}: the store holds no documents about this authority "
                              "(see `inspectkg reports`)")
