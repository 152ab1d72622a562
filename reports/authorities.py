"""English children's services authorities: reference data and name matching.

Reports name their authority in many ways ("Bristol City of", "City of
Doncaster Council", "Sandwell Children's Trust", ...). This module maps such
variants to one row of ``data/local_authorities.csv`` and finds the subject
authority of a report from its opening text.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["Authority", "all_authorities", "by_gss", "resolve", "lookup", "find_in_text"]


@dataclass(frozen=True)
class Authority:
    name: str  # canonical display name, e.g. "Hertfordshire"
    gss: str  # ONS GSS code, e.g. "E10000015"
    la_code: str  # DfE LA number, e.g. "919"
    urn: str | None
    region: str | None
    la_type: str | None
    stat_neighbours: tuple[str, ...]  # GSS codes
    population_0_25: int | None


# Three rows are authorities abolished before the ONS lookup the CSV was built
# from, so their GSS cell is empty. Their retired codes are public and stable;
# filling them in keeps ``gss`` usable as an identifier for every row.
_RETIRED_GSS = {
    "909": "E10000006",  # Cumbria
    "928": "E10000021",  # Northamptonshire
    "836": "E06000029",  # Poole
}

# Common short forms that the CSV's ``also_known_as`` column does not cover.
_EXTRA_ALIASES = {"E08000021": ("Newcastle",), "E06000033": ("Southend",)}

# ---------------------------------------------------------------- normalising

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u2032": "'"})

# Words that say what kind of body is meant, not which one. Longest first so
# "london borough of" goes before "borough". "City of London" is a name in its
# own right, so "city (of)" is never stripped in front of "london".
_AFFIXES = [
    "local authority childrens services",
    "childrens services trust",
    "childrens social care services",
    "childrens services",
    "childrens trust",
    "local authority",
    "inspection of",
    "london borough of",
    "royal borough of",
    "metropolitan borough of",
    "borough of",
    "county of",
    "council of",
    r"city of(?! london\b)",
    "london borough",
    "council",
    "county",
    r"city(?! of london\b)",
    "metropolitan",
    "borough",
    "district",
    "royal",
    "corporation",
    "trust",
    "the",
]
_AFFIX_RE = re.compile(r"\b(?:" + "|".join(_AFFIXES) + r")\b")
_EDGE_WORDS_RE = re.compile(r"^(?:(?:of|and|in|for|to) )+|(?: (?:of|and|in|for|to))+$")


def _normalise(text: str) -> str:
    """Reduce a name variant to its identifying words: 'Bristol, City of' -> 'bristol'."""
    s = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    s = s.replace("&", " and ").replace("'", "")  # "children's" -> "childrens"
    s = " ".join(re.findall(r"[^\W_]+", s))  # punctuation and hyphens -> spaces
    s = re.sub(r"\bsaint\b", "st", s)
    # Repeat: stripping one affix can expose another ("of the isles of scilly").
    while True:
        stripped = _EDGE_WORDS_RE.sub("", " ".join(_AFFIX_RE.sub(" ", s).split()))
        if stripped == s:
            return s
        s = stripped


# ------------------------------------------------------------------ loading


def _read_csv() -> str:
    try:
        resource = resources.files("inspectkg") / "data" / "local_authorities.csv"
        return resource.read_text(encoding="utf-8-sig")
    except (ModuleNotFoundError, FileNotFoundError):
        # A checkout that is not installed as ``inspectkg``.
        path = Path(__file__).resolve().parent.parent / "data" / "local_authorities.csv"
        return path.read_text(encoding="utf-8-sig")


def _display_name(ons_name: str) -> str:
    # ONS writes "Bristol, City of" and "Kingston Upon Hull, City of";
    # reports say "Bristol" and "Kingston upon Hull".
    name = re.sub(r",\s*City of$", "", ons_name.strip())
    return re.sub(r"\bUpon\b", "upon", name)


def _row_to_authority(row: dict[str, str]) -> Authority:
    la_code = row["la_code"].strip()
    population = row["ons_population_0-25"].strip()
    neighbours = row["stat_neighbours_la_code"].split(",")
    return Authority(
        name=_display_name(row["local_authority_ons_name"]),
        gss=row["la_code_new"].strip() or _RETIRED_GSS.get(la_code, ""),
        la_code=la_code,
        urn=row["urn"].strip() or None,
        region=row["region_name"].strip() or None,
        la_type=row["ons_la_type"].strip() or None,
        stat_neighbours=tuple(c.strip() for c in neighbours if c.strip()),
        population_0_25=int(population) if population.isdigit() else None,
    )


def _aliases(row: dict[str, str]) -> list[str]:
    # also_known_as looks like "[Kingston Upon Hull, Hull]".
    return [a.strip() for a in row["also_known_as"].strip().strip("[]").split(",") if a.strip()]


_Candidates = tuple[tuple[tuple[str, ...], Authority], ...]  # (name words, authority)


@dataclass(frozen=True)
class _Index:
    authorities: tuple[Authority, ...]
    by_gss: dict[str, Authority]
    by_key: dict[str, Authority]  # normalised name -> authority, unambiguous keys only
    by_first_word: dict[str, _Candidates]  # for scanning text, longest names first


@cache
def _index() -> _Index:
    rows = list(csv.DictReader(io.StringIO(_read_csv())))
    authorities = tuple(_row_to_authority(r) for r in rows)
    owners: dict[str, set[Authority]] = {}
    for row, auth in zip(rows, authorities):
        names = [row["local_authority_ons_name"], auth.name, *_aliases(row)]
        for name in names + list(_EXTRA_ALIASES.get(auth.gss, ())):
            if key := _normalise(name):
                owners.setdefault(key, set()).add(auth)
    # A key shared by two authorities identifies neither: never guess.
    by_key = {key: next(iter(auths)) for key, auths in owners.items() if len(auths) == 1}
    first: dict[str, list[tuple[tuple[str, ...], Authority]]] = {}
    for key, auth in by_key.items():
        words = tuple(key.split())
        first.setdefault(words[0], []).append((words, auth))
    by_first_word = {w: tuple(sorted(c, key=lambda c: -len(c[0]))) for w, c in first.items()}
    by_gss = {a.gss: a for a in authorities if a.gss}
    return _Index(authorities, by_gss, by_key, by_first_word)


# ---------------------------------------------------------------------- API


def all_authorities() -> list[Authority]:
    """Every row of the reference CSV, in file order (loaded once)."""
    return list(_index().authorities)


def by_gss(code: str) -> Authority | None:
    return _index().by_gss.get(code.strip().upper())


def resolve(text: str) -> Authority | None:
    """The authority a name variant denotes, or None if unknown or ambiguous.

    Only an exact match of the normalised name counts, so "Herefordshire"
    never becomes "Hertfordshire" and "Kingston" matches neither Kingston.
    """
    return _index().by_key.get(_normalise(text)) if text else None


def lookup(value: str) -> Authority:
    """The authority a user names by GSS code or name. An unknown one is a ValueError
    whose message says so and offers the closest names ("Hertfordshir": Hertfordshire)."""
    found = by_gss(value) or resolve(value)
    if found is not None:
        return found
    close = difflib.get_close_matches(value.strip(), [a.name for a in all_authorities()], n=2, cutoff=0.75)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else \
        " (try a name such as 'Hertfordshire' or a code such as E10000015)"
    raise ValueError(f"no English local authority has this name or GSS code{hint}")


# ------------------------------------------------------------ finding in text

# Ofsted's own offices appear in letter heads and footers; the town in them
# (Manchester, Bristol, London, Nottingham) is never the report's subject.
_SEP = r"[\s,|]*"
_OFSTED_ADDRESSES = re.compile(
    "|".join(
        _SEP.join(parts)
        for parts in [
            ("Piccadilly Gate", "Store Street", "Manchester", "M1 2WD"),
            ("Piccadilly Gate", "Store Street"),
            ("Manchester", "M1 2WD"),
            ("Royal Exchange Buildings", r"St\.? Ann'?s Square", "Manchester", "M2 7LA"),
            ("Manchester", "M2 7LA"),
            ("Aviation House", "125 Kingsway", "London", "WC2B 6SE"),
            ("125 Kingsway", "London"),
            ("London", "WC2B 6SE"),
            ("Freshford House", "Redcliffe Way", "Bristol", "BS1 6NL"),
            ("Redcliffe Way", "Bristol"),
            ("Bristol", "BS1 6NL"),
            ("Agora", "6 Cumberland Place", "Nottingham", "NG1 6HJ"),
            ("Cumberland Place", "Nottingham"),
            ("Nottingham", "NG1 6HJ"),
        ]
    ),
    re.I,
)

# Phrases that introduce the subject of a report. The captured text may be
# loose; it only counts if exactly one authority is named in it.
_NAME = r"(?P<name>[^.;:!?]{2,90}?)"
_CHILDRENS = r"(?:local authority )?children's"
_SUBJECT_PATTERNS = [
    re.compile(p, re.I)
    for p in [
        rf"\binspection of {_NAME} {_CHILDRENS} (?:social care )?services\b",
        rf"\b(?:focused|monitoring|support and challenge) visit to {_NAME} {_CHILDRENS}",
        rf"\bchildren's services in {_NAME} (?:are|is|were|was|requires?|remains?|ha(?:ve|s))\b",
        rf"\binspection of looked after children services {_NAME} inspection dates?\b",
        rf"\breview of (?:the effectiveness of )?{_NAME} local safeguarding children board\b",
        # Report cover: "1 Doncaster Metropolitan Borough Council Re-inspection of services ..."
        rf"^\W*(?:\d+ )?{_NAME} (?:re-)?inspection of "
        r"(?:services for children|children's social care|looked after)",
    ]
]

# A mention styled as a council ("Norfolk County Council", "London Borough of
# Barnet", "Sandwell Children's Trust") names the body itself, not a place.
_COUNCIL_AFTER = re.compile(
    r",?(?: City of)?"
    r"(?: (?:County|City|Metropolitan Borough|Metropolitan District|Metropolitan|Borough|District"
    r"|Royal Borough))? Council\b"
    r"| Children's (?:Services )?Trust\b",
    re.I,
)
_COUNCIL_BEFORE = re.compile(r"\b(?:Borough of|City of|County|Council of the|Council of) $", re.I)

# Lower-case words allowed inside a name ("Kingston upon Hull").
_MINOR_WORDS = {"of", "and", "upon", "on", "with", "the", "in", "under"}


def _prepare(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).replace("&", " and ")
    s = " ".join(s.split())  # PDFs wrap names across lines: "Doncaster Metropolitan\nBorough"
    return " ".join(_OFSTED_ADDRESSES.sub(" ", s).split())


def _mentions(text: str) -> list[tuple[int, int, Authority]]:
    """(start, end, authority) for each authority named in prepared text.

    Whole words only, the longest name at each position ("North East
    Lincolnshire", not "Lincolnshire"), capitalised ("reading the file" is not
    Reading) and not part of a larger area ("Greater Manchester").
    """
    index = _index()
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"[^\W_]+", text)]
    low = ["st" if w.casefold() == "saint" else w.casefold() for w, _, _ in words]
    found: list[tuple[int, int, Authority]] = []
    i = 0
    while i < len(words):
        for name_words, auth in index.by_first_word.get(low[i], ()):
            j = i + len(name_words)
            if tuple(low[i:j]) != name_words:
                continue
            lower_case = (k for k in range(i, j) if not words[k][0][0].isupper())
            if any(low[k] not in _MINOR_WORDS for k in lower_case):
                continue
            if i > 0 and low[i - 1] == "greater":
                continue
            found.append((words[i][1], words[j - 1][2], auth))
            i = j
            break
        else:
            i += 1
    return found


def _vote(hits: list[tuple[int, Authority]]) -> Authority:
    """The most often named authority; a tie goes to the one named first."""
    counts = Counter(auth for _, auth in hits)
    first_seen: dict[Authority, int] = {}
    for pos, auth in sorted(hits, key=lambda hit: hit[0]):
        first_seen.setdefault(auth, pos)
    return max(counts, key=lambda a: (counts[a], -first_seen[a]))


def _sole_authority(fragment: str) -> Authority | None:
    if auth := resolve(fragment):
        return auth
    named = {auth for _, _, auth in _mentions(fragment)}
    return named.pop() if len(named) == 1 else None


def find_in_text(text: str, window: int = 3000) -> Authority | None:
    """The authority a report is about, judged from its first ``window`` characters.

    In order of trust: subject phrases ("Inspection of X local authority
    children's services", "Focused visit to X children's services", ...);
    names styled as a council ("X County Council"); any name. Within a tier
    the most often named authority wins. Ofsted's office addresses are
    removed first.
    """
    t = _prepare(text[:window])

    subject_hits = []
    for pattern in _SUBJECT_PATTERNS:
        for m in pattern.finditer(t):
            if auth := _sole_authority(m.group("name")):
                subject_hits.append((m.start(), auth))
    if subject_hits:
        return _vote(subject_hits)

    mentions = _mentions(t)
    council_hits = [
        (start, auth)
        for start, end, auth in mentions
        if _COUNCIL_AFTER.match(t, end) or _COUNCIL_BEFORE.search(t, 0, start)
    ]
    if council_hits:
        return _vote(council_hits)
    if mentions:
        return _vote([(start, auth) for start, _, auth in mentions])
    return None
