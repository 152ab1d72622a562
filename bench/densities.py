"""How much a built store holds per document: to compare a generated corpus with real reports.

    python bench/densities.py STORE [STORE ...]

For each on-disk store (built and traced, e.g. from the national sample and
from a generated corpus): triples, paragraphs, improvement points, evidence
nodes (quotes), follow-up assessments, regression and recurrence links, per
document; then points and paragraphs per document for each kind of document.
The queries' costs grow with these counts, so a generated corpus measures a
national graph only as far as its densities are real ones (docs/benchmarks.md).
"""

from __future__ import annotations

import sys

import pyoxigraph as ox

PREFIXES = ("PREFIX ikg: <https://w3id.org/inspectkg/ontology#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")
COUNTS = {
    "paragraphs": "?p ikg:text ?t ; ikg:startOffset ?x",
    "improvement points": "?p a ikg:ImprovementPoint",
    "evidence nodes": "?e ikg:paragraph ?p",
    "follow-up assessments": "?a a ikg:FollowUpAssessment",
    "regression links": "?a ikg:regressionOf ?b",
    "recurrence links": "?a ikg:recurrenceOf ?b",
}


def count(store: ox.Store, pattern: str) -> int:
    rows = store.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}",
                       use_default_graph_as_union=True)
    return int(next(iter(rows))["n"].value)


def by_kind(store: ox.Store, pattern: str) -> dict[str, int]:
    query = (PREFIXES + "SELECT ?k (COUNT(*) AS ?n) WHERE { " + pattern
             + " ?d ikg:documentKind/skos:notation ?k } GROUP BY ?k")
    return {str(r["k"].value): int(r["n"].value) for r in store.query(query, use_default_graph_as_union=True)}


def report(path: str) -> None:
    store = ox.Store.read_only(path)
    docs = count(store, "?d a ikg:Document")
    print(f"\n# {path}: {docs:,} documents")
    if not docs:
        return
    print(f"{'triples':<24} {len(store) / docs:8.1f} a document")
    for name, pattern in COUNTS.items():
        print(f"{name:<24} {count(store, pattern) / docs:8.1f} a document")
    kinds = by_kind(store, "?d a ikg:Document .")
    points = by_kind(store, "?p a ikg:ImprovementPoint ; ikg:raisedIn ?d .")
    paragraphs = by_kind(store, "?p ikg:inDocument ?d ; ikg:text ?t .")
    for kind, n in sorted(kinds.items()):
        print(f"  {kind:<26} {n:>6} documents, {points.get(kind, 0) / n:5.1f} points and "
              f"{paragraphs.get(kind, 0) / n:6.1f} paragraphs a document")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    for path in argv:
        try:
            report(path)
        except OSError as e:
            print(f"{path}: cannot open the store: {e}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
