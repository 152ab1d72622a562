"""The pool of sentences to judge for evidence precision (pooled judging, as in IR evaluation).

    python bench/evidence_pool.py --corpus DIR --out POOL.csv [--all] [--top 3]

Builds the annotated authorities into a temporary store (as evaluate_trace.py
does), traces, and for every annotated (point, later document) pair writes the
sentences the method cites there PLUS its best ``--top`` candidate sentences on
the point's matter (and the best ``--part-top`` of each part of a bundled point), since
methods being changed in parallel cite from that pool. Left out: sentences
already judged in annotations/evidence_judgements.csv, and sentences the strict
rule already counts on point (the annotator's own sentence or its paragraph),
unless ``--all``.

Each row carries what a judge needs: the point's text, the later document's
date and kind, the sentence's paragraph number and paragraph, and the
annotator's verdict, evidence and reason for that pair. Held-out authorities
come first. The pool holds report text of held-out authorities: it is for the
judges, never for whoever tunes the method, and it is not kept in the repository.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

from evaluate_trace import (
    SPEAKING,
    TUNED,
    annotated_authorities,
    corpus_paths,
    judgement_key,
    load,
    load_judgements,
    norm,
    on_point,
)
from inspectkg.followup import themes
from inspectkg.followup.corpus import by_authority, load_documents
from inspectkg.followup.engine import SCOPE_REASON, AuthorityTrail, PointTrail
from inspectkg.followup.parts import point_themes, split_point
from inspectkg.graph.build import build
from inspectkg.graph.store import Store

COLUMNS = ("authority", "group", "point_source", "point_date", "point_ordinal", "point_key", "point_text",
           "later_source", "later_date", "later_kind", "method_verdict", "role", "paragraph_number", "strict",
           "quote", "paragraph", "gold_verdict", "gold_evidence", "gold_paragraph", "gold_reason")


def traced(store: Store) -> tuple[dict[tuple[str, str], PointTrail], dict[str, AuthorityTrail]]:
    """Every point's trail, and the engine of its authority (for the candidates)."""
    trails: dict[tuple[str, str], PointTrail] = {}
    engines: dict[str, AuthorityTrail] = {}
    for _, documents in sorted(by_authority(load_documents(store)).items()):
        engine = AuthorityTrail(documents)
        for doc in engine.documents:
            if doc.secondary:
                continue
            for point in doc.points:
                t = engine.follow(point, doc)
                trails[(doc.source, norm(point.text)[:60])] = t
                engines[point.iri] = engine
    return trails, engines


def pool_rows(authority: str, trails: dict[tuple[str, str], PointTrail], engines: dict[str, AuthorityTrail],
              judged: set[tuple[str, str, str, str, str]], top: int, part_top: int, everything: bool
              ) -> list[dict[str, str]]:
    rows, _ = load(authority)
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str, str, str, str]] = set()
    for row in rows:
        if row["verdict"] == "not_a_point" or row["later_source"] == "CURRENT":
            continue
        key60 = norm(row["point_text"])[:60]
        t = trails.get((row["point_source"], key60))
        if t is None:
            continue
        v = next((v for v in t.verdicts if v.document.source == row["later_source"]), None)
        if v is None:
            continue
        engine = engines[t.point.iri]
        doc = v.document
        pooled = [("cited", e.quote, e.paragraph) for e in v.evidence if e.reason != SCOPE_REASON]  # not on the matter
        whole = engine.candidates(t.point.text, point_themes(t.point.text), doc)
        pooled += [(f"candidate {i + 1}", s.text, s.paragraph) for i, (_, s) in enumerate(whole[:top])]
        parts = split_point(t.point.text)
        if len(parts) > 1:
            for i, part in enumerate(parts):
                best = engine.candidates(part, themes.tag(part) or t.themes, doc)[:part_top]
                pooled += [(f"part {i + 1} candidate {k + 1}", s.text, s.paragraph) for k, (_, s) in enumerate(best)]
        for role, quote, paragraph in pooled:
            key = judgement_key(authority, row["point_source"], key60, row["later_source"], quote)
            if key in seen or (key in judged and not everything):
                continue
            seen.add(key)
            strict = on_point(row, quote, paragraph.number)
            if strict and not everything:
                continue
            out.append({
                "authority": authority, "group": "tuned" if authority in TUNED else "held out",
                "point_source": row["point_source"], "point_date": str(t.document.date),
                "point_ordinal": str(t.point.ordinal), "point_key": key60, "point_text": t.point.text,
                "later_source": row["later_source"], "later_date": str(doc.date), "later_kind": doc.kind,
                "method_verdict": v.verdict, "role": role,
                "paragraph_number": "" if paragraph.number is None else str(paragraph.number),
                "strict": "yes" if strict else "no", "quote": quote, "paragraph": paragraph.text,
                "gold_verdict": row["verdict"], "gold_evidence": row["evidence"],
                "gold_paragraph": row["evidence_paragraph"], "gold_reason": row.get("reason", ""),
            })
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="folder with one sub-folder of reports per authority")
    parser.add_argument("--out", type=Path, required=True, help="the pool, as CSV (keep it out of the repository)")
    parser.add_argument("--top", type=int, default=3, help="candidate sentences pooled besides the cited ones")
    parser.add_argument("--part-top", type=int, default=1,
                        help="candidate sentences pooled for each part of a bundled point")
    parser.add_argument("--all", action="store_true", help="also pool sentences already judged or on point by rule")
    args = parser.parse_args()
    available = annotated_authorities()
    authorities = [a for a in available if a not in TUNED] + [a for a in available if a in TUNED]
    judged = set(load_judgements())
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        present = []
        for a in authorities:
            paths = corpus_paths(a, args.corpus)
            if paths is None:
                print(f"note: no documents for {a}; left out")
                continue
            build(paths, store)
            present.append(a)
        trails, engines = traced(store)
    out: list[dict[str, str]] = []
    for a in present:
        rows = pool_rows(a, trails, engines, judged, args.top, args.part_top, args.all)
        cited = sum(r["role"] == "cited" for r in rows)
        speaking = sum(r["gold_verdict"] in SPEAKING for r in rows)
        print(f"{a}: {len(rows)} sentences to judge ({cited} cited; {speaking} where the annotator found evidence)")
        out += rows
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(out)
    print(f"{len(out)} sentences written to {args.out}")


if __name__ == "__main__":
    main()
