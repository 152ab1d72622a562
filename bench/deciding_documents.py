"""Which later document decides a point's status, by the method and by the annotators.

    python bench/deciding_documents.py --corpus DIR

A point's current status comes from the most recent later document that speaks
to it (DOMAIN.md). A wrong status has one of two causes: the method and the
annotator agree on that document but not on its verdict, or they disagree on
which document speaks last (one finds a later document silent or out of scope
that the other reads as speaking). This prints, for the tuned, gated and
never-used authorities apart (as bench/evaluate_trace.py groups them), how many
statuses fall in each case and how many of them are right, and for the cases
where the deciding documents differ, the kind and year of the document the
method spoke in (or stayed silent in) with its verdict and the annotators'.
Two more counts say which of the two causes limits the method: how often it
agrees with the annotators on whether each later document speaks to a point at
all, and how many statuses would be right if it took the annotators' deciding
document and kept its own verdict there.
Only counts are printed, so the held-out authorities stay unread point by point.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from evaluate_trace import GATED, SPEAKING, TUNED, annotated_authorities, corpus_paths, how, load, norm
from inspectkg.followup.trace import trace_store
from inspectkg.graph.build import build
from inspectkg.graph.store import Store


def case(gold: str | None, method: str | None, dates: dict) -> str:
    if gold is None and method is None:
        return "both find no later document speaking"
    if gold == method:
        return "the same deciding document"
    if gold is None:
        return "the method speaks, the annotator finds none"
    if method is None:
        return "the annotator speaks, the method finds none"
    return "the method decides by a later document" if dates[method] > dates[gold] \
        else "the method decides by an earlier document"


def tally(authorities: list[str], corpus: Path) -> tuple[Counter, Counter, Counter, Counter]:
    cases: Counter = Counter()
    kinds: Counter = Counter()
    speech: Counter = Counter()  # (visit or inspection, the annotator hears it speak, the method does)
    taken: Counter = Counter()  # status right with the annotator's deciding document and the method's verdict there
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        build([p for a in authorities for p in corpus_paths(a, corpus) or []], store)
        trails = {(t.document.source, norm(t.point.text)[:60]): t for t in trace_store(store).trails}
    for a in authorities:
        rows, _ = load(a)
        by_point: dict = defaultdict(list)
        for r in rows:
            if r["verdict"] != "not_a_point":
                by_point[(r["point_source"], norm(r["point_text"])[:60])].append(r)
        for key, point_rows in by_point.items():
            t = trails.get(key)
            current = next((r for r in point_rows if r["later_source"] == "CURRENT"), None)
            if t is None or current is None:
                continue
            verdicts = {v.document.source: v for v in t.verdicts}
            dates = {source: v.document.date for source, v in verdicts.items()}
            said = {r["later_source"]: r["verdict"] for r in point_rows}
            spoke = [s for s, v in said.items() if v in SPEAKING and s in dates]
            gold = max(spoke, key=lambda s: dates[s]) if spoke else None
            method = t.status_source.document.source if t.status_source else None
            c = case(gold, method, dates)
            cases[(c, current["verdict"] == t.status)] += 1
            for source, said_there in said.items():
                if source in verdicts:
                    v = verdicts[source]
                    speech[("visits" if v.document.kind.endswith("visit") else "inspections",
                            said_there in SPEAKING, v.verdict in SPEAKING)] += 1
            if gold is None:
                status = "no_evidence" if t.verdicts else "no_later_inspection"
            else:
                status = verdicts[gold].verdict
            taken[status == current["verdict"]] += 1
            # The document where they part: the later of the two deciding documents.
            apart = [s for s in (gold, method) if s is not None]
            if gold != method and apart:
                v = verdicts[max(apart, key=lambda s: dates[s])]
                kinds[(v.document.kind, v.document.date.year, f"{v.verdict} ({how(v)})",
                       said.get(v.document.source, "?"))] += 1
    return cases, kinds, speech, taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="folder with one sub-folder of reports per authority")
    args = parser.parse_args()
    available = annotated_authorities()
    groups = {"tuned": [a for a in available if a in TUNED], "gated": [a for a in available if a in GATED],
              "never used": [a for a in available if a not in TUNED | GATED]}
    for name, authorities in groups.items():
        if not authorities:
            continue
        cases, kinds, speech, taken = tally(authorities, args.corpus)
        print(f"== {name} ({', '.join(authorities)})")
        for c in sorted({c for c, _ in cases}):
            print(f"  {c:48s} right {cases[(c, True)]:3d}  wrong {cases[(c, False)]:3d}")
        print("  where the deciding documents differ, the later one: kind, year, the method's verdict -> the annotator's")
        for (kind, year, verdict, gold), n in kinds.most_common(12):
            print(f"    {n:3d}  {kind} {year}: {verdict} -> {gold}")
        print("  whether a later document speaks to the point (annotator / method: S speaks, - silent)")
        for where in ("inspections", "visits"):
            cells = "  ".join(f"{'S' if g else '-'}/{'S' if m else '-'} {speech[(where, g, m)]:3d}"
                              for g in (True, False) for m in (True, False))
            agree = speech[(where, True, True)] + speech[(where, False, False)]
            total = sum(n for (w, _, _), n in speech.items() if w == where)
            print(f"    {where:12s} {cells}   agree {agree}/{total}")
        print(f"  statuses right with the annotator's deciding document and the method's verdict there: "
              f"{taken[True]}/{taken[True] + taken[False]} (the method's own: "
              f"{sum(n for (_, right), n in cases.items() if right)}/{sum(cases.values())})")


if __name__ == "__main__":
    main()
