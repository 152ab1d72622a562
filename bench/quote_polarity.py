"""How the polarity reading takes the annotators' own evidence sentences.

    python bench/quote_polarity.py

Each annotated verdict of addressed, partly addressed or not addressed quotes
the sentences of the later document that decided it. This reads those
sentences with `inspectkg.followup.polarity` and counts, for each of the
annotators' verdicts, what the reading makes of them: praise, blame, both or
neither. It measures the reading on the right sentences, apart from finding
them (which `bench/evaluate_trace.py` scores together with it): a sentence the
annotators quote for `addressed` should read as praise, one they quote for
`not_addressed` as blame. For `partially_addressed` they often quote only the
shortfall, so a reading of blame there is not an error of the reading.

Only counts are printed, per group of authorities as `evaluate_trace.py`
groups them, so the held-out authorities stay unread point by point. Needs no
reports: the sentences are in the annotation files.
"""

from __future__ import annotations

from collections import Counter

from evaluate_trace import GATED, SPEAKING, TUNED, annotated_authorities, load
from inspectkg.followup.polarity import polarity
from inspectkg.followup.text import sentences

# What a quote says as a whole, from its sentences' readings.
PRAISE, BLAME, BOTH, NEITHER = "praise only", "blame only", "both, or a sentence saying both", "neither"
EXPECTED = {"addressed": PRAISE, "not_addressed": BLAME}


def reading(quote: str) -> str:
    labels = {polarity(s.text).label for s in sentences(quote)}
    if "mixed" in labels or {"positive", "negative"} <= labels:
        return BOTH
    if "negative" in labels:
        return BLAME
    if "positive" in labels:
        return PRAISE
    return NEITHER


def tally(authorities: list[str]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {v: Counter() for v in sorted(SPEAKING)}
    for a in authorities:
        rows, _ = load(a)
        for row in rows:
            if row["later_source"] != "CURRENT" and row["verdict"] in SPEAKING and row["evidence"].strip():
                out[row["verdict"]][reading(row["evidence"])] += 1
    return out


def main() -> None:
    available = annotated_authorities()
    groups = (("tuned on", [a for a in available if a in TUNED]),
              ("held out, used to choose between variants", [a for a in available if a in GATED]),
              ("held out, never used while changing the method",
               [a for a in available if a not in TUNED and a not in GATED]))
    for name, group in groups:
        if not group:
            continue
        print(f"\n== {name} ({', '.join(group)}): the annotators' quoted sentences, as the polarity reading takes them")
        for verdict, counts in tally(group).items():
            n = sum(counts.values())
            parts = ", ".join(f"{label} {counts[label]}" for label in (PRAISE, BLAME, BOTH, NEITHER) if counts[label])
            expected = EXPECTED.get(verdict)
            share = f"; read as {expected}: {counts[expected]}/{n} = {counts[expected] / n:.0%}" if expected and n else ""
            print(f"  {verdict:<20} {n:4d} quotes: {parts}{share}")


if __name__ == "__main__":
    main()
