"""The trail for people: a table to read in a terminal, or Markdown for a report."""

from __future__ import annotations

import textwrap
from typing import Any

from ..reports.parse import LETTER_KINDS


def place(paragraph: int | None, kind: str | None) -> str:
    """Where a sentence is in its document: its paragraph's printed number; else, in a letter
    (a visit, an unannounced inspection), "letter"; else an unnumbered paragraph, such as a
    report's summary before its numbered findings."""
    if paragraph is not None:
        return f"para {paragraph}"
    return "letter" if kind in LETTER_KINDS else "unnumbered paragraph"


def _where(evidence: dict[str, Any], item: dict[str, Any]) -> str:
    kinds = {h["document"]: h["kind"] for h in item["history"]}
    return place(evidence["paragraph"], kinds.get(evidence["document"]))


QUOTES_PER_DOCUMENT = 3


def _point_name(item: dict[str, Any]) -> str:
    """"point 4" by its printed number; a document whose points are unnumbered (bullets)
    by their place in its list, which is all that tells its points apart."""
    if item["number"] is not None:
        return f"point {item['number']}"
    return f"unnumbered point {item['ordinal']}" if item.get("ordinal") else "point"


def _bare(text: str) -> str:
    """A quotation without the quotation marks of its own (a press release quotes its
    speaker), for printing inside ours."""
    return text.strip('“”"')


def _wrapped_quote(text: str, width: int) -> list[str]:
    """A quotation whole, up to about three lines, indented under its heading."""
    text = textwrap.shorten(_bare(text), 3 * (width - 8), placeholder="…")
    return textwrap.wrap(f"“{text}”", width, initial_indent=" " * 6, subsequent_indent=" " * 8)


def _placed_quote(text: str, where: str, width: int, indent: int = 0) -> list[str]:
    """A quote ``indent`` further in than a quote under its verdict, then where it is, on the
    quote's last line when it fits there."""
    lines = [" " * indent + line for line in _wrapped_quote(text, width - indent)]
    if len(lines[-1]) + 1 + len(where) <= width:
        lines[-1] += " " + where
    else:
        lines.append(" " * (8 + indent) + where)
    return lines


def _quote_lines(e: dict[str, Any], item: dict[str, Any], width: int) -> list[str]:
    """A cited quote, then where it is and the verdict it supports."""
    by = f", {e['method']}" if str(e.get("method", "")).startswith("curated") else ""
    return _placed_quote(e["quote"], f"({e['date']}, {_where(e, item)}, {e['verdict']}{by})", width)


def _nearest_lines(n: dict[str, Any], h: dict[str, Any], width: int) -> list[str]:
    """A sentence the method did not cite, for review: its place, polarity and scores."""
    where = f"({place(n['paragraph'], h['kind'])}, {n['polarity']}, score {n['score']:.2f}, overlap {n['overlap']:.2f})"
    return _placed_quote(n["quote"], where, width, indent=2)


def _related_heading(r: dict[str, Any]) -> str:
    """"recurrence: raised before by the 2015-07-06 sif-inspection", "regression: praised by
    the 2013-07-08 lac-inspection, para 25": the link in words, not as an IRI."""
    if r["relation"] == "recurrence":
        return f"recurrence: raised before by the {r['date']} {r['kind']}"
    return f"regression: praised by the {r['date']} {r['kind']}, {place(r['paragraph'], r['kind'])}"


def _related_words(r: dict[str, Any]) -> str:
    """The earlier point's words, or the sentence that praised the matter."""
    return r["text"] if r["relation"] == "recurrence" else r["quote"]


def as_table(items: list[dict[str, Any]], width: int = 100) -> str:
    if not items:
        return "(no improvement points)"
    lines: list[str] = []
    for it in items:
        source = it.get("status_from")
        since = f" (as of the {source['date']} {source['kind']})" if source else ""
        lines.append(f"[{it['status']}{since}] {it['authority']['name']} {it['document_kind']} {it['date']} "
                     f"{_point_name(it)}")
        lines.extend(textwrap.wrap(it["text"], width, initial_indent="  ", subsequent_indent="  "))
        # What to give `inspectkg trace` (or a SPARQL query) to follow this point alone.
        if it.get("id"):
            lines.append(f"  id: {it['id']}")
        # Each document's quotes under its verdict, a few each: a cap on the whole list hid the
        # most recent documents' quotes, those that decide the current status, behind older ones.
        quotes: dict[str, list[dict[str, Any]]] = {}
        for e in it["evidence"]:
            quotes.setdefault(e["document"], []).append(e)
        for h in it["history"]:
            lines.append(f"    {h['date']} {h['kind']}: {h['verdict']} ({h['confidence']:.2f})")
            cited = quotes.pop(h["document"], [])
            for e in cited[:QUOTES_PER_DOCUMENT]:
                lines.extend(_quote_lines(e, it, width))
            if len(cited) > QUOTES_PER_DOCUMENT:
                lines.append(f"      … {len(cited) - QUOTES_PER_DOCUMENT} more (--format json lists them all)")
            if h.get("nearest"):
                lines.append("      nearest, not cited:")
                for n in h["nearest"]:
                    lines.extend(_nearest_lines(n, h, width))
        for part in it.get("parts", []):
            decided = f", {part['date']} {part['kind']}" if part.get("date") else ""
            head = f"    part [{part['status']}{decided}]: "
            lines.append(head + textwrap.shorten(part["text"], max(20, width - len(head))))
        for r in it["related"]:
            lines.append(f"    {_related_heading(r)}:")
            lines.extend(_wrapped_quote(_related_words(r), width))
        for c in it.get("claims", []):
            # Whole, as a quote is: a claim cut short lost what it claims ("... have been
            # successfully addressed").
            lines.append(f"    claim ({c['kind']}, {c['date']}, not evidence):")
            lines.extend(_wrapped_quote(c["text"], width))
        lines.append("")
    counts: dict[str, int] = {}
    for it in items:
        counts[it["status"]] = counts.get(it["status"], 0) + 1
    lines.append(f"{len(items)} point{'' if len(items) == 1 else 's'}: "
                 + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    return "\n".join(lines)


def as_markdown(items: list[dict[str, Any]]) -> str:
    out = ["# Improvement points and their follow-up", ""]
    for it in items:
        out.append(f"## {it['authority']['name']}, {it['document_kind']} {it['date']}, {_point_name(it)}: "
                   f"`{it['status']}`")
        out.append("")
        if it.get("status_from"):
            out.append(f"Status as of the {it['status_from']['date']} {it['status_from']['kind']}.")
            out.append("")
        out.append(f"> {it['text']}")
        out.append("")
        if it["history"]:
            out.append("| later document | date | verdict | confidence |")
            out.append("|---|---|---|---|")
            for h in it["history"]:
                out.append(f"| {h['kind']} | {h['date']} | {h['verdict']} | {h['confidence']:.2f} |")
            out.append("")
        nearest = [(h, n) for h in it["history"] for n in h.get("nearest", [])]
        if nearest:
            out.append("Nearest sentences not cited (for review, not evidence):")
            out.append("")
            for h, n in nearest:
                out.append(f"- “{_bare(n['quote'])}” ({h['date']} {h['kind']}, {place(n['paragraph'], h['kind'])}, "
                           f"{n['polarity']}, score {n['score']:.2f}, overlap {n['overlap']:.2f})")
            out.append("")
        if it.get("parts"):
            # A split point's status is the least resolved of its parts: each part's own.
            out.append("Parts:")
            out.append("")
            for part in it["parts"]:
                decided = f" ({part['date']} {part['kind']})" if part.get("date") else ""
                out.append(f"- {part['text']}: `{part['status']}`{decided}")
            out.append("")
        for e in it["evidence"]:
            out.append(f"- “{_bare(e['quote'])}” ({e['date']}, {_where(e, it)}: {e['verdict']})")
        for r in it["related"]:
            out.append(f"- {_related_heading(r).capitalize()}: “{_bare(_related_words(r))}”")
        for c in it.get("claims", []):
            out.append(f"- Claim by a {c['kind']} of {c['date']} (not evidence): “{_bare(c['text'])}”")
        out.append("")
    return "\n".join(out)
