"""Score the recurrences and regressions the follow-up finds against analysts' readings.

    python bench/evaluate_links.py --corpus DIR

A recurrence links an improvement point to an earlier point of the same authority on
the same matter (raised again years later); a regression links it to an earlier
finding that praised the matter (a strength that became a weakness). The status
annotations do not name either, so each has its own files under annotations/:

- regressions/judgements.csv: an analyst's reading of every regression the method
  found on the national sample (method 1.4.6, 100 links), whether the praising
  sentence praises the same matter, and why not;
- recurrences/judgements.csv: an analyst's reading of every recurrence the method
  found (method 1.4.8), whether the later point raises the earlier one's matter again;
- recurrences/pairs.csv: another analyst's list, made blind (from the points' texts
  alone, without the method's output), of every pair of points where a later point
  raises an earlier one's matter again: what recall is measured against.

The script builds every report under DIR and the bundled Hertfordshire sample into a
fresh store, traces it, and prints for each relation: how many links were found, how
many were judged right, wrong or not at all (a new link: judge it and add it to the
file), the precision among those judged, and, for recurrences, the recall against the
blind list and how often the two analysts agree on the links found. Figures are given
for all the authorities and for the same three groups as bench/evaluate_trace.py
(tuned on, used as a gate, never used while changing the method).
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from evaluate_trace import GATED, TUNED, pct  # bench/, beside this script
from inspectkg import resources
from inspectkg.followup.engine import PointTrail
from inspectkg.followup.trace import trace_store
from inspectkg.graph.build import build
from inspectkg.graph.store import Store

ANNOTATIONS = Path(__file__).parent / "annotations"
Link = tuple[str, str]  # (point IRI, earlier point's or praising paragraph's IRI)
GROUPS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("all", lambda a: True), ("tuned", lambda a: a in TUNED), ("gated", lambda a: a in GATED),
    ("never used", lambda a: a not in TUNED | GATED))


def judgements(path: Path, other: str, verdict: str) -> dict[Link, bool]:
    """(point, other) -> judged right, from a judgement file; {} when it does not exist."""
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        return {(r["point"], r[other]): r[verdict].strip().lower() == "yes" for r in csv.DictReader(f)}


def blind_pairs(path: Path) -> set[Link]:
    if not path.exists():
        return set()
    with open(path, newline="", encoding="utf-8") as f:
        return {(r["point"], r["earlier_point"]) for r in csv.DictReader(f)}


def score(name: str, found: dict[Link, str], authority_of: dict[str, str], judged: dict[Link, bool],
          pairs: set[Link] | None = None) -> None:
    """Print one relation's figures per group; ``found`` maps each link to its authority."""
    print(f"\n{name}")
    for group, member in GROUPS:
        links = [link for link, a in found.items() if member(a)]
        counts = Counter(judged.get(link) for link in links)
        right, wrong = counts[True], counts[False]
        lost = sum(1 for link, ok in judged.items()
                   if ok and member(authority_of.get(link[0], "")) and link not in found)
        line = (f"  {group:<11} {len(links):>4} found; judged right {right}, wrong {wrong}, not judged "
                f"{counts[None]}; precision among judged {pct(right, right + wrong)}; "
                f"judged right but no longer found {lost}")
        if pairs:  # a blind list to measure recall against
            wanted = {p for p in pairs if member(authority_of.get(p[0], ""))}
            hit = sum(1 for link in links if link in wanted)
            agree = sum(1 for link in links if link in judged and judged[link] == (link in wanted))
            decided = sum(1 for link in links if link in judged)
            line += (f"; blind list {len(wanted)}: recall {pct(hit, len(wanted))}, precision "
                     f"{pct(hit, len(links))}; analysts agree on {pct(agree, decided)} of the links found")
        print(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="folder of reports (a folder per authority)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        build(sorted(p for p in args.corpus.rglob("*") if p.is_file()) + [resources.sample_dir()], store)
        trails: list[PointTrail] = trace_store(store).trails
    authority_of = {t.point.iri: t.document.authority_name.lower() for t in trails}
    recurrences = {(t.point.iri, p.iri): authority_of[t.point.iri] for t in trails for p, _ in t.recurrences}
    regressions = {(t.point.iri, r.paragraph.iri): authority_of[t.point.iri] for t in trails for r in t.regressions}
    score("recurrences", recurrences, authority_of,
          judgements(ANNOTATIONS / "recurrences" / "judgements.csv", "earlier_point", "recurrence"),
          blind_pairs(ANNOTATIONS / "recurrences" / "pairs.csv"))
    score("regressions", regressions, authority_of,
          judgements(ANNOTATIONS / "regressions" / "judgements.csv", "paragraph", "regression"))


if __name__ == "__main__":
    main()
