"""Dates as reports write them: "23 to 27 January 2023", "14 September 2015 – 8 October 2015"."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?:\d{1,2})(?:st|nd|rd|th)?"
_DASH = r"\s*(?:to|–|—|-|and|until)\s*"

DATE_RE = re.compile(rf"\b({_DAY})\s+({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
# "23 to 27 January 2023", "28 January–5 February 2014", "14 September 2015 – 8 October 2015",
# "9–24 November 2017", "30 and 31 January" (year missing: taken from context).
RANGE_RE = re.compile(
    rf"\b({_DAY})(?:\s+({_MONTH}))?(?:\s+(\d{{4}}))?{_DASH}({_DAY})\s+({_MONTH})(?:\s+(\d{{4}}))?",
    re.IGNORECASE,
)


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first full date ("27 November 2015") in ``text``."""
    m = DATE_RE.search(text)
    if not m:
        return None
    return make_date(int(m.group(3)), _month(m.group(2)), _day(m.group(1)))


def parse_range(
    text: str, default_year: int | None = None
) -> tuple[dt.date, dt.date, re.Match[str]] | None:
    """The first date range in ``text`` as (start, end, match)."""
    for start, end, m in _ranges(text, default_year):
        if start <= end and (end - start).days < 120:
            return start, end, m
    return None


def reversed_range(
    text: str, default_year: int | None = None
) -> tuple[dt.date, dt.date, re.Match[str]] | None:
    """The first date range in ``text`` if it ends before it starts ("27 to 23 January 2023")."""
    for start, end, m in _ranges(text, default_year):
        return (start, end, m) if end < start else None
    return None


def _ranges(text: str, default_year: int | None) -> Iterator[tuple[dt.date, dt.date, re.Match[str]]]:
    """Every range in ``text`` that names real days, in order, whatever their order."""
    for m in RANGE_RE.finditer(text):
        d1, m1, y1, d2, m2, y2 = m.groups()
        end_year = int(y2) if y2 else (int(y1) if y1 else default_year)
        if end_year is None:
            continue
        end_month = _month(m2)
        start_month = _month(m1) if m1 else end_month
        start_year = int(y1) if y1 else (end_year - 1 if start_month > end_month else end_year)
        start = make_date(start_year, start_month, _day(d1))
        end = make_date(end_year, end_month, _day(d2))
        if start and end:
            yield start, end, m
