"""Query results as the W3C SPARQL 1.1 results formats (JSON, CSV) or a readable table."""

from __future__ import annotations

import csv
import io
import json
import shutil

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

Rows = list[dict[str, Node]]


def is_true(lexical: str | None) -> bool:
    """An xsd:boolean read from its lexical form, which may be "1" as well as "true": Virtuoso
    answers with 1 and 0 what inspectkg wrote as true and false."""
    return lexical in ("true", "1")


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(variables: list[str], rows: Rows) -> str:
    """application/sparql-results+json."""
    return json.dumps({
        "head": {"vars": variables},
        "results": {"bindings": [{v: _json_term(r[v]) for v in variables if v in r} for r in rows]},
    }, indent=2, ensure_ascii=False)


def to_csv(variables: list[str], rows: Rows) -> str:
    """text/csv as the SPARQL 1.1 CSV results format: plain values, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(variables)
    for r in rows:
        writer.writerow([str(r[v]) if v in r else "" for v in variables])
    return buf.getvalue()


def to_table(variables: list[str], rows: Rows, max_width: int | None = None) -> str:
    """A fixed-width table that fits the terminal, long cells cut with an ellipsis."""
    if not rows:
        return "(no results)"
    width = max_width or shutil.get_terminal_size((160, 24)).columns
    cells = [[_short(r.get(v)) for v in variables] for r in rows]
    widths = [max(len(v), *(len(c[i]) for c in cells)) for i, v in enumerate(variables)]
    budget = max(width - 2 * (len(variables) - 1), 10 * len(variables))
    while sum(widths) > budget and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    def fmt(values: list[str]) -> str:
        return "  ".join(_fit(v, w) for v, w in zip(values, widths)).rstrip()
    lines = [fmt(variables), "  ".join("-" * w for w in widths)]
    lines += [fmt(c) for c in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    return " ".join(str(term).split())


def _fit(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[: width - 1] + "…"


def variables_of(rows: Rows, declared: list[str] | None = None) -> list[str]:
    if declared:
        return declared
    seen: dict[str, None] = {}
    for r in rows:
        for k in r:
            seen.setdefault(k, None)
    return list(seen)
