"""Score the automatic follow-up against the annotated set in bench/annotations/.

    python bench/evaluate_trace.py [--corpus DIR] [--errors]

Builds a fresh store from the annotated authorities' documents (the bundled
Hertfordshire sample and, from DIR, a folder per other authority), traces every
point, and prints, separately for the authorities the method was tuned on and
those it was not (held out): accuracy of current statuses, per-status precision
and recall, accuracy of per-document verdicts with a calibration table by
confidence, evidence precision, and whether every speaking status cites a
sentence of the document that decided it; then one line of the same figures
per authority. For review, it also gives how often a sentence the annotators cite, and the method
did not, is among the N nearest that `inspectkg trace --nearest N` lists (N = 1, 3, 5, 10).

Every annotation file other than the tuned ones is held out, so a file added
later (doncaster.csv, sandwell.csv) is scored as held out as soon as it exists.
The held-out figures are also given for two parts: the authorities whose
aggregate figures were used to choose between variants of the method (GATED),
and those never used while changing it.
Rows that are incomplete (a file still being written) are skipped and counted,
and an authority without documents in DIR is reported and left out.

Evidence precision is given twice. The strict figure counts a cited sentence
on point only when it is the annotator's one evidence sentence or in its
paragraph. Letters and visits have no paragraph numbers and a report says the
same thing in several places, so the judged figure also counts a sentence that
a judge, reading it against the point, found on point
(annotations/evidence_judgements.csv, made by pooled judging of the sentences
the method cites and its best candidates: bench/evidence_pool.py); cited
sentences without a judgement count as off point, and how many there are is
printed.

--errors prints each wrong verdict and each cited sentence off the gold one
(marked j when judged on point, - when judged off point, ? when not judged),
for the tuned authorities only: the held-out ones are looked at only through
the aggregate figures, so that they keep measuring what the method does on
documents nobody tuned it on.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from inspectkg import resources
from inspectkg.followup.engine import SCOPE_REASON
from inspectkg.followup.nearest import nearest_sentences
from inspectkg.followup.trace import trace_store
from inspectkg.graph.build import build
from inspectkg.graph.store import Store

ANNOTATIONS = Path(__file__).parent / "annotations"
JUDGEMENTS = ANNOTATIONS / "evidence_judgements.csv"  # relevance of cited sentences, not an authority's file
TUNED = {"hertfordshire", "calderdale", "coventry"}  # looked at while setting the method's rules and thresholds
# (coventry since method 1.4: two authorities, 51 statuses, were too few to learn rules that carry over)
# Held out, but their aggregate figures chose between variants of methods 1.3 and 1.4 (docs/followup.md):
# scored apart from the authorities annotated later, which nobody has looked at while changing the method.
GATED = {"doncaster", "norfolk", "sandwell"}
SPEAKING = {"addressed", "partially_addressed", "not_addressed"}
VERDICTS = SPEAKING | {"no_evidence", "out_of_scope", "no_later_inspection", "not_a_point"}
REQUIRED = ("point_source", "point_text", "later_source", "verdict", "evidence", "evidence_paragraph")
NEAREST = (1, 3, 5, 10)  # how many sentences `trace --nearest N` shows for review, measured here
BINS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def load(authority: str) -> tuple[list[dict[str, str]], int]:
    """The complete rows of an annotation file, and how many incomplete ones were skipped."""
    rows: list[dict[str, str]] = []
    skipped = 0
    try:
        with open(ANNOTATIONS / f"{authority}.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if any(row.get(k) is None for k in REQUIRED) or not row["point_source"] \
                        or not row["later_source"] or row["verdict"].strip() not in VERDICTS:
                    skipped += 1
                    continue
                rows.append({k: (v or "").strip() if k != "point_text" and k != "evidence" else (v or "")
                             for k, v in row.items() if k is not None})
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        print(f"note: {authority}.csv could not be read whole ({e}); scored on {len(rows)} rows")
    return rows, skipped


def annotated_authorities() -> list[str]:
    return sorted(p.stem for p in ANNOTATIONS.glob("*.csv") if p != JUDGEMENTS)


JudgementKey = tuple[str, str, str, str, str]


def judgement_key(authority: str, point_source: str, point_text: str, later_source: str, quote: str) -> JudgementKey:
    """(authority, point document, the point's first 60 characters normalised, later document, quote normalised)."""
    return (authority.lower(), point_source.strip(), norm(point_text)[:60].strip(), later_source.strip(), norm(quote))


def load_judgements() -> dict[JudgementKey, bool]:
    """Whether each judged (point, later document, sentence) is on point."""
    out: dict[JudgementKey, bool] = {}
    if not JUDGEMENTS.exists():
        return out
    with open(JUDGEMENTS, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            verdict = (row.get("on_point") or "").strip().lower()
            if verdict not in ("yes", "no") or not row.get("quote"):
                continue
            out[judgement_key(row["authority"], row["point_source"], row["point_text"], row["later_source"],
                              row["quote"])] = verdict == "yes"
    return out


def corpus_paths(authority: str, corpus: Path | None) -> list[Path] | None:
    if authority == "hertfordshire":
        return [resources.sample_dir()]
    if corpus is None or not (corpus / authority).is_dir():
        return None
    return [corpus / authority]


@dataclass
class Scores:
    status: list[tuple[str, str]] = field(default_factory=list)  # (gold, predicted)
    verdicts: list[tuple[str, str, float]] = field(default_factory=list)  # (gold, predicted, confidence)
    kinds: list[tuple[str, str]] = field(default_factory=list)  # (how the verdict was reached, gold verdict)
    evidence_hits: int = 0
    evidence_total: int = 0
    judged_hits: int = 0  # on point by the strict rule or by a relevance judgement
    unjudged: int = 0  # off point by the strict rule and not judged
    unmatched: int = 0
    skipped: int = 0
    cites_decider: int = 0
    speaking: int = 0
    missed: int = 0  # speaking verdicts whose annotator's sentence the method did not cite ...
    missed_nearest: Counter[int] = field(default_factory=Counter)  # ... among the N nearest shown for review
    points: int = 0
    trace_seconds: float = 0.0

    def add(self, other: Scores) -> None:
        self.status += other.status
        self.verdicts += other.verdicts
        self.kinds += other.kinds
        for name in ("evidence_hits", "evidence_total", "judged_hits", "unjudged", "unmatched", "skipped", "cites_decider", "speaking",
                     "points", "missed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed_nearest += other.missed_nearest


def on_point(row: dict[str, str], quote: str, paragraph_number: int | None) -> bool:
    """A cited sentence is on point when it is (part of) the annotator's evidence or in its paragraph."""
    gold = norm(row["evidence"])
    if row["verdict"] not in SPEAKING or not gold:
        return False
    q = norm(quote)
    return q in gold or gold in q or bool(row["evidence_paragraph"]) and str(paragraph_number) == row[
        "evidence_paragraph"]


def evaluate(authorities: list[str], corpus: Path | None, show_errors: bool = False) -> dict[str, Scores]:
    """Scores per authority; the authorities share one store, as they would in use."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        present = []
        for a in authorities:
            paths = corpus_paths(a, corpus)
            if paths is None:
                print(f"note: no documents for {a} (give --corpus DIR holding a folder per authority); left out")
                continue
            build(paths, store)
            present.append(a)
        return score_store(store, present, show_errors)


def score_store(store: Store, authorities: list[str], show_errors: bool = False) -> dict[str, Scores]:
    """Trace a built store and score it against the annotations of ``authorities``."""
    out: dict[str, Scores] = {}
    t0 = time.perf_counter()
    result = trace_store(store)
    elapsed = time.perf_counter() - t0
    nearest = nearest_sentences(result.trails, result.documents, max(NEAREST))
    trails = {(t.document.source, norm(t.point.text)[:60]): t for t in result.trails}
    judgements = load_judgements()
    for a in authorities:
        s = out[a] = Scores(trace_seconds=elapsed)
        rows, s.skipped = load(a)
        sources = {r["point_source"] for r in rows}
        for row in rows:
            if row["verdict"] == "not_a_point":
                continue
            t = trails.get((row["point_source"], norm(row["point_text"])[:60]))
            if t is None:
                s.unmatched += 1
                continue
            if row["later_source"] == "CURRENT":
                s.status.append((row["verdict"], t.status))
                if show_errors and row["verdict"] != t.status:
                    print(f"STATUS {a} {t.document.date} #{t.point.ordinal}: gold {row['verdict']}, "
                          f"predicted {t.status}: {t.point.text[:120]}")
                continue
            v = next((v for v in t.verdicts if v.document.source == row["later_source"]), None)
            if v is None:
                s.unmatched += 1
                continue
            s.verdicts.append((row["verdict"], v.verdict, v.confidence))
            s.kinds.append((f"{v.verdict} ({how(v)}, {'visit' if v.document.kind.endswith('visit') else 'inspection'})",
                            row["verdict"]))
            # An out-of-scope verdict quotes the visit's statement of what it looked at: evidence of
            # its scope, not a sentence on the point's matter, so not scored as one.
            matter = [e for e in v.evidence if e.reason != SCOPE_REASON]
            hits = [on_point(row, e.quote, e.paragraph.number) for e in matter]
            s.evidence_total += len(hits)
            s.evidence_hits += sum(hits)
            marks = []
            for e, hit in zip(matter, hits):
                judged = judgements.get(judgement_key(a, row["point_source"], row["point_text"],
                                                      row["later_source"], e.quote))
                s.judged_hits += hit or bool(judged)
                s.unjudged += not hit and judged is None
                marks.append("+" if hit else "j" if judged else "?" if judged is None else "-")
            if row["verdict"] in SPEAKING and row["evidence"].strip() and not any(hits):
                # What review with `trace --nearest` would show of the sentence the method missed.
                s.missed += 1
                shown = [on_point(row, n["quote"], n["paragraph"]) for n in nearest.get((t.point.iri, v.document.iri), [])]
                s.missed_nearest.update(k for k in NEAREST if any(shown[:k]))
            if show_errors and (v.verdict != row["verdict"] or not all(hits)):
                print_error(a, t, v, row, marks)
        for t in result.trails:
            if t.document.source not in sources:
                continue
            s.points += 1
            if t.status in SPEAKING:
                s.speaking += 1
                s.cites_decider += bool(t.status_source and t.status_source.evidence)
    return out


HOW = (("the later document raises", "raised again"), ("no sentence of the later document speaks to the matter:", "areas"), ("speaks to part", "parts"),
       ("the sentences on the matter describe", "described"), ("no sentence", "silence"),
       ("the visit looked at other services", "other services"), ("the visit looked at", "statement"))


def how(v) -> str:  # type: ignore[no-untyped-def]
    """How a verdict was reached, read from its reason (the keys of the engine's calibration table)."""
    return next((name for prefix, name in HOW if v.reason.startswith(prefix)),
                "sentences" if "sentence(s) on the matter" in v.reason else "areas")


def print_error(authority: str, t, v, row: dict[str, str], marks: list[str]) -> None:  # type: ignore[no-untyped-def]
    """One wrong verdict or off-point citation; each cited sentence is marked + (on point by
    the strict rule), j (judged on point), - (judged off point) or ? (not judged)."""
    print(f"=== {authority} {t.document.date} #{t.point.ordinal} -> {v.document.date} {v.document.kind}: "
          f"gold {row['verdict']}, predicted {v.verdict} ({v.confidence:.2f}): {v.reason[:90]}")
    print(f"  point: {t.point.text[:240]}")
    print(f"  gold [{row['evidence_paragraph']}]: {row['evidence'][:240]}")
    print(f"  annotator: {row.get('reason', '')[:240]}")
    for e, mark in zip(v.evidence, marks):
        print(f"   {mark} [{e.paragraph.number}] {e.polarity} {e.score} {e.reason}: {e.quote[:200]}")


def pct(k: int, n: int) -> str:
    return f"{k}/{n} = {k / n:.0%}" if n else "-"


def report(name: str, r: Scores) -> None:
    pairs = r.status
    print(f"\n== {name}: {len(pairs)} annotated points ({r.points} traced, {r.unmatched} rows unmatched"
          f"{f', {r.skipped} incomplete rows skipped' if r.skipped else ''}), trace {r.trace_seconds:.1f} s")
    if not pairs and not r.verdicts:
        return
    right = sum(g == p for g, p in pairs)
    print(f"current status accuracy: {pct(right, len(pairs))}")
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
    vr = r.verdicts
    if vr:
        ok = sum(g == p for g, p, _ in vr)
        print(f"per-document verdict accuracy: {pct(ok, len(vr))}")
        wrong = Counter((g, p) for g, p, _ in vr if g != p)
        print("verdict confusion (gold -> predicted): " + "; ".join(
            f"{g}->{p}: {n}" for (g, p), n in sorted(wrong.items())))
        print("calibration (confidence bin: right / verdicts):")
        for lo, hi in BINS:
            inbin = [(g, p) for g, p, c in vr if lo <= c < hi]
            if inbin:
                k = sum(g == p for g, p in inbin)
                print(f"  [{lo:.1f}, {min(hi, 1.0):.1f}): {pct(k, len(inbin))}")
        high = [(g, p) for g, p, c in vr if c >= 0.8]
        if high:
            print(f"  confidence >= 0.8: {pct(sum(g == p for g, p in high), len(high))}")
        mean = sum(c for _, _, c in vr) / len(vr)
        print(f"  mean confidence {mean:.2f} against accuracy {ok / len(vr):.2f}")
        print("agreement by kind of verdict (for the engine's calibration table), and what the annotators said:")
        for kind in sorted({k for k, _ in r.kinds}):
            golds = Counter(g for k, g in r.kinds if k == kind)
            n = sum(golds.values())
            right = golds[kind.split(" ")[0]]
            said = ", ".join(f"{g} {c}" for g, c in golds.most_common())
            print(f"  {kind:<48} {right}/{n}  ({said})")
    print(f"evidence precision (strict): {pct(r.evidence_hits, r.evidence_total)} of cited sentences on point")
    print(f"evidence precision (judged): {pct(r.judged_hits, r.evidence_total)} of cited sentences on point "
          f"({r.unjudged} not judged, counted as off point)")
    print(f"speaking statuses citing a sentence of the deciding document: {r.cites_decider}/{r.speaking}")
    print(f"annotator's sentence not cited ({r.missed} speaking verdicts), but among the N nearest that "
          f"`trace --nearest N` shows: " + ", ".join(f"N={k} {pct(r.missed_nearest[k], r.missed)}" for k in NEAREST))


def summary_line(name: str, r: Scores) -> str:
    right = sum(g == p for g, p in r.status)
    ok = sum(g == p for g, p, _ in r.verdicts)
    return (f"  {name:<14} status {pct(right, len(r.status)):<15} verdicts {pct(ok, len(r.verdicts)):<16} "
            f"evidence {pct(r.evidence_hits, r.evidence_total):<16} "
            f"judged {pct(r.judged_hits, r.evidence_total):<16} ({r.unjudged} unjudged) deciding cited {r.cites_decider}/{r.speaking}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="folder with one sub-folder of reports per authority")
    parser.add_argument("--errors", action="store_true",
                        help="print the wrong verdicts and off-point evidence of the tuned authorities")
    args = parser.parse_args()
    available = annotated_authorities()
    tuned = [a for a in available if a in TUNED]
    held_out = [a for a in available if a not in TUNED]
    per_authority: dict[str, Scores] = {}
    for name, group, errors in (("tuned on", tuned, args.errors), ("held out", held_out, False)):
        if not group:
            continue
        scores = evaluate(group, args.corpus, show_errors=errors)
        total = Scores()
        for s in scores.values():
            total.add(s)
        total.trace_seconds = next(iter(scores.values())).trace_seconds if scores else 0.0
        report(f"{name} ({', '.join(scores) or 'none with documents'})", total)
        per_authority.update(scores)
    gated = [a for a in held_out if a in GATED and a in per_authority]
    fresh = [a for a in held_out if a not in GATED and a in per_authority]
    if gated and fresh:
        for name, group in (("held out, used to choose between variants", gated),
                            ("held out, never used while changing the method", fresh)):
            total = Scores()
            for a in group:
                total.add(per_authority[a])
            total.trace_seconds = per_authority[group[0]].trace_seconds  # the held-out store's, traced once
            report(f"{name} ({', '.join(group)})", total)
    if per_authority:
        print("\nper authority (tuned: " + ", ".join(tuned) + "):")
        for a, s in per_authority.items():
            print(summary_line(a, s))


if __name__ == "__main__":
    main()
