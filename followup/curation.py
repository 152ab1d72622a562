"""Analyst curation: confirm, correct or reject automatic verdicts and evidence links.

The file is a CSV kept under version control, one decision a row::

    point,document,action,verdict,evidence_paragraph,point_text,analyst,date,reason

- ``point``: the improvement point's IRI (as printed by ``inspectkg trace``);
- ``document``: the later document's IRI the verdict is about;
- ``action``: ``confirm`` (the automatic verdict is right), ``correct`` (replace it
  with ``verdict``, optionally citing ``evidence_paragraph``), ``reject`` (the
  automatic verdict, or with ``evidence_paragraph`` only that evidence link, is wrong);
- ``point_text``: optional: the beginning of the point's text when the
  analyst decided; if the point's text has changed since, the row is stale;
- ``analyst``, ``date`` (ISO), ``reason``: who, when and why: required.

Other columns are ignored, and a row whose decision is blank (no action, verdict, analyst,
date or reason) is one not yet reviewed and is passed over: the review sheet that
``inspectkg trace --format csv`` writes (followup/review.py) is a curation file to fill in.

Curated verdicts win, but the automatic verdict and its evidence stay beside
them. A row that no longer matches anything is reported as stale, never dropped
silently.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ..graph.store import GraphStore
from ..reports.errors import InspectkgError
from .corpus import Paragraph
from .engine import SPEAKING, Evidence, PointTrail, Verdict, current_status, settled_status

COLUMNS = ["point", "document", "action", "verdict", "evidence_paragraph", "point_text", "analyst",
           "date", "reason"]
# What the analyst writes; the other columns say which verdict the row is about.
DECISION = ["action", "verdict", "analyst", "date", "reason"]
VERDICTS = {"addressed", "partially_addressed", "not_addressed", "no_evidence", "out_of_scope"}


class CurationError(InspectkgError):
    pass


@dataclass(frozen=True)
class Curation:
    line: int
    point: str
    document: str
    action: str
    verdict: str
    evidence_paragraph: str
    point_text: str
    analyst: str
    date: dt.date
    reason: str


@dataclass
class Applied:
    curation: Curation
    verdict: Verdict
    evidence: Paragraph | None


@dataclass
class CurationOutcome:
    applied: list[Applied] = field(default_factory=list)
    stale: list[tuple[Curation, str]] = field(default_factory=list)


def _decoded(p: Path, raw: bytes) -> str:
    """The file's text: UTF-8 (with or without the byte-order mark a spreadsheet writes), else
    Windows-1252, which Excel writes for "CSV (Comma delimited)" on English Windows: a review
    sheet saved from Excel must not stop `curate` on its first curly apostrophe."""
    if b"\x00" in raw:
        raise CurationError(f"{p}: not a CSV file (it holds binary data; from a spreadsheet, save it as CSV)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise CurationError(f"{p}: not text in UTF-8 or Windows-1252 (save it as CSV UTF-8)") from None


def read_curations(path: str | Path) -> list[Curation]:
    p = Path(path)
    try:
        text = _decoded(p, p.read_bytes())
    except OSError as exc:
        raise CurationError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    reader = csv.DictReader(text.splitlines())
    # The header is checked even when no row follows it: a file of one line that is not a
    # curation header (an HTML page, another CSV) must not pass as "no curations".
    header = reader.fieldnames
    if not header:
        raise CurationError(f"{p}: empty; a curation file starts with the header line {','.join(COLUMNS)}")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CurationError(f"{p}: missing columns {', '.join(sorted(missing))}; expected: {','.join(COLUMNS)}")
    rows = list(reader)
    out = []
    for n, row in enumerate(rows, 2):
        if not any((row[c] or "").strip() for c in DECISION):
            continue  # a row of the review sheet not reviewed yet
        action = (row["action"] or "").strip()
        verdict = (row["verdict"] or "").strip()
        where = f"{p}, line {n}"
        if action not in ("confirm", "correct", "reject"):
            raise CurationError(f"{where}: action must be confirm, correct or reject, not {action!r}")
        if action == "correct" and verdict not in VERDICTS:
            raise CurationError(f"{where}: a correction needs a verdict among {', '.join(sorted(VERDICTS))}")
        for required in ("point", "document", "analyst", "date", "reason"):
            if not (row[required] or "").strip():
                raise CurationError(f"{where}: {required} is required")
        try:
            date = dt.date.fromisoformat(row["date"].strip())
        except ValueError:
            raise CurationError(f"{where}: date must be YYYY-MM-DD, not {row['date']!r}") from None
        out.append(Curation(n, row["point"].strip(), row["document"].strip(), action, verdict,
                            (row["evidence_paragraph"] or "").strip(), (row["point_text"] or "").strip(),
                            row["analyst"].strip(), date, row["reason"].strip()))
    return out


def apply_curations(trails: list[PointTrail], curations: list[Curation]) -> CurationOutcome:
    """Set curated verdicts on the trails; recompute statuses; report stale rows."""
    outcome = CurationOutcome()
    by_point = {t.point.iri: t for t in trails}
    for c in curations:
        t = by_point.get(c.point)
        if t is None:
            outcome.stale.append((c, "no such improvement point (its document changed or is not stored)"))
            continue
        if c.point_text and not _same_start(t.point.text, c.point_text):
            outcome.stale.append((c, "the point's text has changed since the curation"))
            continue
        v = next((v for v in t.verdicts if v.document.iri == c.document), None)
        if v is None:
            outcome.stale.append((c, "the document is not a later inspectorate document of this point"))
            continue
        para = None
        if c.evidence_paragraph:
            para = next((p for p in v.document.paragraphs if p.iri == c.evidence_paragraph), None)
            if para is None:
                outcome.stale.append((c, "the evidence paragraph no longer exists in the document"))
                continue
        curated = Verdict(v.point, v.document, v.verdict, 1.0, [], c.reason, analyst=c.analyst)
        if c.action == "correct":
            curated.verdict = c.verdict
            if para is not None:
                curated.evidence = [Evidence(v.document.iri, para, para.text, para.start,
                                             para.start + len(para.text), "", 1.0,
                                             f"cited by {c.analyst}")]
        elif c.action == "reject":
            if para is not None:  # only one evidence link is wrong
                v.evidence = [e for e in v.evidence if e.paragraph.iri != para.iri]
                curated.verdict = v.verdict
            else:
                curated.verdict = "no_evidence" if v.verdict in SPEAKING else v.verdict
        v.curated = curated
        outcome.applied.append(Applied(c, curated, para))
    for t in trails:
        if any(v.curated is not None for v in t.verdicts):
            settle_curated(t)
    return outcome


def settle_curated(t: PointTrail) -> None:
    """The status of a point with curated verdicts, by the rule the automatic one
    follows (``settled_status``): the analyst judged the whole point against a
    document, so a curated verdict speaks for each of its parts in that document too."""
    effective = [v.curated or v for v in t.verdicts]
    curated = {v.document.iri: v.curated for v in t.verdicts if v.curated is not None}
    for p in t.parts:
        p.status, p.source = current_status([curated.get(v.document.iri, v) for v in p.verdicts],
                                            bool(t.verdicts))
    t.status, t.status_source = settled_status(effective, t.parts, bool(t.verdicts))


def _same_start(text: str, start: str) -> bool:
    norm = lambda s: " ".join(s.split()).lower()  # noqa: E731
    return norm(text).startswith(norm(start)[:80])


def curation_graph(outcome: CurationOutcome) -> Graph:
    """Curated assessments as EARL manual assertions that point to the automatic ones."""
    from rdflib import RDF, XSD, Literal, URIRef
    from rdflib.namespace import FOAF, PROV

    from ..graph import iris
    from ..graph.namespace import DATA, IKG
    from .rdf import EARL, add_verdict, assessment_iri

    g = Graph()
    for k, a in enumerate(outcome.applied, 1):
        c = a.curation
        auto = assessment_iri(c.point, a.verdict)
        analyst = DATA[f"analyst/{iris.slug(c.analyst)}"]
        g.add((analyst, RDF.type, FOAF.Person))
        g.add((analyst, FOAF.name, Literal(c.analyst, datatype=XSD.string)))
        activity = DATA[f"activity/curation/{iris.slug(c.analyst)}/{c.date.isoformat()}"]
        g.add((activity, RDF.type, PROV.Activity))
        g.add((activity, PROV.wasAssociatedWith, analyst))
        node = add_verdict(g, URIRef(c.point), a.verdict, activity, None, suffix=f"curation/{k}")
        for p, o in ((IKG.curates, auto), (IKG.curationAction, Literal(c.action, datatype=XSD.string)),
                     (PROV.generatedAtTime, Literal(c.date.isoformat(), datatype=XSD.date))):
            g.add((node, p, o))
        g.set((node, IKG.confidence, Literal("1.00", datatype=XSD.decimal)))
        g.remove((node, EARL.mode, None))
        g.add((node, EARL.mode, EARL.manual))
        g.remove((node, EARL.assertedBy, None))
        g.add((node, EARL.assertedBy, analyst))
        g.remove((node, PROV.wasAttributedTo, None))
        g.add((node, PROV.wasAttributedTo, analyst))
    return g


def store_curations(store: GraphStore, curations: str | Path | list[Curation]) -> CurationOutcome:
    """Trace every authority, apply the analyst's file (or its rows, read beforehand) and store
    the curated assessments (beside the automatic ones) in their own graph."""
    from ..graph.namespace import DATA
    from .trace import run_followup

    rows = curations if isinstance(curations, list) else read_curations(curations)
    result = run_followup(store)
    outcome = apply_curations(result.trails, rows)
    store.replace_graph(DATA["graph/curation"], curation_graph(outcome))
    return outcome
