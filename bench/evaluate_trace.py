"""Score the automatic follow-up against the annotated set in bench/annotations/.

    python bench/evaluate_trace.py [--corpus DIR]

Builds a fresh store from the annotated authorities' documents (the bundled
Hertfordshire sample and, from DIR, a folder per other authority), traces every
point, and prints, separately for the authorities the method was tuned on and
those it was not: accuracy of current statuses, per-status precision and
recall, accuracy of per-document verdicts with a calibration table by
confidence, evidence precision, and whether every speaking status cites a
sentence of the document that decided it.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from inspectkg import resources
from inspectkg.followup.trace import trace_store
from inspectkg.graph.build import build
from inspectkg.graph.store import Store

ANNOTATIONS = Path(__file__).parent / "annotations"
TUNED = {"hertfordshire", "calderdale"}  # looked at while setting the method's rules and thresholds
SPEAKING = {"addressed", "partially_addressed", "not_addressed"}
BINS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def load(authority: str) -> list[dict[str, str]]:
    with open(ANNOTATIONS / f"{authority}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def corpus_paths(authority: str, corpus: Path | None) -> list[Path]:
    if authority == "hertfordshire":
        return [resources.sample_dir()]
    if corpus is None or not (corpus / authority).is_dir():
        sys.exit(f"no documents for {authority}: give --corpus DIR holding a folder per authority")
    return [corpus / authority]


def evaluate(authorities: list[str], corpus: Path | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        for a in authorities:
            build(corpus_paths(a, corpus), store)
        t0 = time.perf_counter()
        result = trace_store(store)
        elapsed = time.perf_counter() - t0
    trails = {(t.document.source, norm(t.point.text)[:60]): t for t in result.trails}
    status_pairs: list[tuple[str, str]] = []
    verdict_rows: list[tuple[str, str, float]] = []
    evidence_hits = evidence_total = 0
    unmatched = 0
    cites_decider = speaking = 0
    for a in authorities:
        for row in load(a):
            if row["verdict"] == "not_a_point":
                continue
            t = trails.get((row["point_source"], norm(row["point_text"])[:60]))
            if t is None:
                unmatched += 1
                continue
            if row["later_source"] == "CURRENT":
                status_pairs.append((row["verdict"], t.status))
                continue
            v = next((v for v in t.verdicts if v.document.source == row["later_source"]), None)
            if v is None:
                unmatched += 1
                continue
            verdict_rows.append((row["verdict"], v.verdict, v.confidence))
            gold_quote = norm(row["evidence"])
            for e in v.evidence:
                evidence_total += 1
                q = norm(e.quote)
                on_point = row["verdict"] in SPEAKING and gold_quote and (
                    q in gold_quote or gold_quote in q or
                    (row["evidence_paragraph"] and str(e.paragraph.number) == row["evidence_paragraph"]))
                evidence_hits += bool(on_point)
    for t in result.trails:
        if t.status in SPEAKING:
            speaking += 1
            cites_decider += bool(t.status_source and t.status_source.evidence) or bool(t.parts)
    return {"status": status_pairs, "verdicts": verdict_rows, "evidence": (evidence_hits, evidence_total),
            "unmatched": unmatched, "decider": (cites_decider, speaking), "trace_seconds": elapsed,
            "points": len(result.trails)}


def report(name: str, r: dict[str, object]) -> None:
    pairs: list[tuple[str, str]] = r["status"]  # type: ignore[assignment]
    print(f"\n== {name}: {len(pairs)} annotated points ({r['points']} traced, {r['unmatched']} rows unmatched), "
          f"trace {r['trace_seconds']:.1f} s")
    if not pairs:
        return
    right = sum(g == p for g, p in pairs)
    print(f"current status accuracy: {right}/{len(pairs)} = {right / len(pairs):.0%}")
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs})
    print(f"{'status':<22}{'precision':>10}{'recall':>8}{'gold':>6}{'pred':>6}")
    for lab in labels:
        tp = sum(g == p == lab for g, p in pairs)
        pred = sum(p == lab for _, p in pairs)
        gold = sum(g == lab for g, _ in pairs)
        prec = f"{tp / pred:.0%}" if pred else "-"
        rec = f"{tp / gold:.0%}" if gold else "-"
        print(f"{lab:<22}{prec:>10}{rec:>8}{gold:>6}{pred:>6}")
    confusion = Counter(pairs)
    print("confusion (gold -> predicted): " + "; ".join(f"{g}->{p}: {n}" for (g, p), n in
                                                          sorted(confusion.items()) if g != p))
    vr: list[tuple[str, str, float]] = r["verdicts"]  # type: ignore[assignment]
    if vr:
        ok = sum(g == p for g, p, _ in vr)
        print(f"per-document verdict accuracy: {ok}/{len(vr)} = {ok / len(vr):.0%}")
        print("calibration (confidence bin: right / verdicts):")
        for lo, hi in BINS:
            inbin = [(g, p) for g, p, c in vr if lo <= c < hi]
            if inbin:
                k = sum(g == p for g, p in inbin)
                print(f"  [{lo:.1f}, {min(hi, 1.0):.1f}): {k}/{len(inbin)} = {k / len(inbin):.0%}")
        high = [(g, p) for g, p, c in vr if c >= 0.8]
        if high:
            k = sum(g == p for g, p in high)
            print(f"  confidence >= 0.8: {k}/{len(high)} = {k / len(high):.0%}")
    hits, total = r["evidence"]  # type: ignore[misc]
    if total:
        print(f"evidence precision: {hits}/{total} = {hits / total:.0%} of cited sentences on point")
    c, s = r["decider"]  # type: ignore[misc]
    print(f"speaking statuses citing a sentence of the deciding document: {c}/{s}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="folder with one sub-folder of reports per authority")
    args = parser.parse_args()
    available = sorted(p.stem for p in ANNOTATIONS.glob("*.csv"))
    tuned = [a for a in available if a in TUNED]
    held_out = [a for a in available if a not in TUNED]
    for name, group in (("tuned on", tuned), ("not tuned on", held_out)):
        if group:
            report(f"{name} ({', '.join(group)})", evaluate(group, args.corpus))


if __name__ == "__main__":
    main()
