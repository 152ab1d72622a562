"""How often two analysts agree, annotating the same authority independently.

    python bench/annotator_agreement.py [AUTHORITY ...]

For each authority with a second annotation in annotations/second/ (made by
another analyst who did not see the first), compares it with the first in
annotations/: current statuses, per-document verdicts (with Cohen's kappa and
the confusion), and, where both cite evidence, whether they cite the same
sentence or the same paragraph. This is the ceiling an automatic method can be
measured against: where two analysts agree on 70% of statuses, a method cannot
be shown to be right on 90% of them.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from evaluate_trace import ANNOTATIONS, SPEAKING, norm, pct

SECOND = ANNOTATIONS / "second"

Key = tuple[str, str, str]  # point document, the point's first 60 characters normalised, later document


def read(path: Path) -> dict[Key, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return {(r["point_source"].strip(), norm(r["point_text"])[:60], r["later_source"].strip()): r
                for r in csv.DictReader(f) if r.get("verdict")}


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa: agreement beyond what the two analysts' label frequencies give by chance."""
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def same_evidence(a: dict[str, str], b: dict[str, str]) -> tuple[bool, bool]:
    """(the same sentence, the same sentence or paragraph)."""
    qa, qb = norm(a["evidence"]), norm(b["evidence"])
    sentence = bool(qa and qb) and (qa in qb or qb in qa)
    paragraph = bool(a["evidence_paragraph"].strip()) and \
        a["evidence_paragraph"].strip() == b["evidence_paragraph"].strip()
    return sentence, sentence or paragraph


def compare(authority: str) -> None:
    first, second = read(ANNOTATIONS / f"{authority}.csv"), read(SECOND / f"{authority}.csv")
    shared = sorted(first.keys() & second.keys())
    status = [(first[k]["verdict"], second[k]["verdict"]) for k in shared if k[2] == "CURRENT"]
    verdicts = [(first[k]["verdict"], second[k]["verdict"]) for k in shared if k[2] != "CURRENT"]
    both_cite = [k for k in shared if k[2] != "CURRENT" and first[k]["verdict"] in SPEAKING
                 and second[k]["verdict"] in SPEAKING]
    evidence = [same_evidence(first[k], second[k]) for k in both_cite]
    second_analyst = next(iter(second.values()), {}).get("annotator", "?")
    first_analyst = next(iter(first.values()), {}).get("annotator", "?")
    print(f"\n== {authority}: {first_analyst} against {second_analyst}; {len(shared)} rows in both "
          f"({len(first)} and {len(second)} in each)")
    print(f"current status agreement: {pct(sum(a == b for a, b in status), len(status))}, "
          f"kappa {kappa(status):.2f}")
    print(f"per-document verdict agreement: {pct(sum(a == b for a, b in verdicts), len(verdicts))}, "
          f"kappa {kappa(verdicts):.2f}")
    speaking = [(a in SPEAKING, b in SPEAKING) for a, b in verdicts]
    print(f"whether the document speaks to the point at all: {pct(sum(a == b for a, b in speaking), len(speaking))}")
    print(f"both cite evidence: {len(both_cite)}; the same sentence {pct(sum(s for s, _ in evidence), len(evidence))}, "
          f"the same sentence or paragraph {pct(sum(p for _, p in evidence), len(evidence))}")
    confusion = Counter((a, b) for a, b in verdicts if a != b)
    print("verdict disagreements (first -> second): "
          + "; ".join(f"{a}->{b}: {n}" for (a, b), n in sorted(confusion.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("authorities", nargs="*", help="default: every authority with a second annotation")
    args = parser.parse_args()
    for authority in args.authorities or sorted(p.stem for p in SECOND.glob("*.csv")):
        compare(authority)


if __name__ == "__main__":
    main()
