"""Score the regressions the follow-up finds against an analyst's reading of them.

    python bench/evaluate_regressions.py --corpus DIR

A regression links an improvement point to an earlier finding that praised the same
matter (a strength that became a weakness). Nothing else measures them: the
annotations of statuses do not name them. annotations/regressions/judgements.csv
holds an analyst's reading of every regression the method found on the national
sample (method 1.4.6, 100 links): for each (point, praising paragraph), whether the
praising sentence is praise of the same matter, and why not. This script builds
every report under DIR into a fresh store, traces it, and prints how many of the
regressions found now were judged a regression, judged not, or not judged (a new
link: judge it and add it to the file), and the precision among those judged: for all
the authorities, and for the same three groups as bench/evaluate_trace.py (tuned on,
used as a gate, never used while changing the method).
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from collections import Counter
from pathlib import Path

from inspectkg.followup.trace import trace_store
from inspectkg.graph.build import build
from inspectkg.graph.store import Store
from evaluate_trace import GATED, TUNED  # bench/, beside this script

JUDGEMENTS = Path(__file__).parent / "annotations" / "regressions" / "judgements.csv"


def load_judgements() -> dict[tuple[str, str], str]:
    with open(JUDGEMENTS, newline="", encoding="utf-8") as f:
        return {(r["point"], r["paragraph"]): r["regression"] for r in csv.DictReader(f)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="folder of reports (a folder per authority)")
    args = ap.parse_args()
    judged = load_judgements()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        build(sorted(p for p in args.corpus.rglob("*") if p.is_file()), store)
        trails = trace_store(store).trails
    found = {(t.point.iri, r.paragraph.iri): t.document.authority_name.lower()
             for t in trails for r in t.regressions}
    authority_of = {t.point.iri: t.document.authority_name.lower() for t in trails}
    # The same groups as the status evaluation: decide on the tuned authorities, check on the rest.
    groups = (("all", lambda a: True), ("tuned", lambda a: a in TUNED), ("gated", lambda a: a in GATED),
              ("never used", lambda a: a not in TUNED | GATED))
    for name, member in groups:
        links = [link for link, a in found.items() if member(a)]
        counts = Counter(judged.get(link, "not judged") for link in links)
        yes, no = counts["yes"], counts["no"]
        missed = sum(1 for link, v in judged.items()
                     if v == "yes" and member(authority_of.get(link[0], "")) and link not in found)
        share = f"{yes}/{yes + no} = {100 * yes / (yes + no):.0f}%" if yes + no else "-"
        print(f"{name:<11} {len(links):>4} found; judged a regression {yes}, judged not {no}, "
              f"not judged {counts['not judged']}; precision among judged {share}; "
              f"judged regressions no longer found {missed}")


if __name__ == "__main__":
    main()
