"""Can what the method knows of a sentence tell an on-point sentence from an off-point one?

    python bench/relevance_features.py --corpus DIR

The judged sentences (annotations/evidence_judgements.csv) are sentences the
method cited or ranked among its best candidates for a point, each judged on
point or not by an analyst. For each, this measures what the follow-up engine
measures (`AuthorityTrail.measure`: word overlap, agreement with the point's
main theme and with all its themes, whether it stands in the section of the
point's judgement area) and what else it knows of the sentence (its polarity,
its themes, its length, the kind of document), and prints for each group of
authorities, as `evaluate_trace.py` groups them:

- how well each measure alone ranks on-point sentences above off-point ones
  (the area under the ROC curve: 0.5 is chance, 1.0 perfect), the engine's own
  score among them;
- the same for a logistic regression over all of them, trained on the tuned
  authorities (and on tuned and gated together) and scored on the others.

A measure that ranks well could set a better threshold or order; a learned
combination that ranks no better than the score says the sentences cannot be
told apart by these measures, whatever the rule. Only counts and areas are
printed, so the held-out authorities stay unread point by point.
"""

from __future__ import annotations

import argparse
import csv
import math
import tempfile
from collections.abc import Sequence
from pathlib import Path

from evaluate_trace import GATED, JUDGEMENTS, TUNED, corpus_paths, norm
from inspectkg.followup.corpus import by_authority, load_documents
from inspectkg.followup.engine import AuthorityTrail, point_themes, service_areas
from inspectkg.followup.polarity import polarity
from inspectkg.graph.build import build
from inspectkg.graph.store import Store

FEATURES = ("engine score", "word overlap", "main theme", "all themes", "in its area's section", "broad main theme",
            "back-reference", "praise", "blame", "mixed", "themes named", "another service area", "log words",
            "focused visit", "evidential", "point has a main theme", "shared words")


def judged_pairs() -> dict[str, list[dict[str, str]]]:
    """The judged (point, later document, sentence) rows, by authority."""
    out: dict[str, list[dict[str, str]]] = {}
    with open(JUDGEMENTS, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if (row.get("on_point") or "").strip().lower() in ("yes", "no") and row.get("quote"):
                out.setdefault(row["authority"].lower(), []).append(row)
    return out


def features(authority: str, rows: list[dict[str, str]], corpus: Path | None
             ) -> tuple[list[list[float]], list[int], int]:
    """Each row's measures and label; and how many rows could not be found in the reports."""
    paths = corpus_paths(authority, corpus)
    if paths is None:
        return [], [], len(rows)
    x: list[list[float]] = []
    y: list[int] = []
    missing = 0
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        build(paths, store)
        (documents,) = by_authority(load_documents(store)).values()
        engine = AuthorityTrail(documents)
        by_source = {d.source: d for d in engine.documents}
        for row in rows:
            earlier, later = by_source.get(row["point_source"].strip()), by_source.get(row["later_source"].strip())
            head, quote = norm(row["point_text"])[:60].strip(), norm(row["quote"])
            point = next((p for p in earlier.points if norm(p.text)[:60].strip() == head), None) if earlier else None
            sentence = next((s for s in engine.sentences_of(later) if norm(s.text) == quote), None) if later else None
            if point is None or sentence is None:
                missing += 1
                continue
            engine.read_description(point, earlier)  # type: ignore[arg-type]
            matter = point_themes(point.text)
            probe = engine.probe(point.text, matter)
            m = engine.measure(probe, sentence)
            score = next((sc for sc, s in engine.candidates(point.text, matter, later) if s is sentence), 0.0)
            label = polarity(sentence.text).label
            mine, theirs = service_areas(probe.themes_expanded), service_areas(sentence.expanded)
            x.append([score, m.similarity, m.on_main, m.agreement, float(m.at_home), float(probe.broad),
                      float(sentence.back_reference), float(label == "positive"), float(label == "negative"),
                      float(label == "mixed"), float(len(sentence.themes)), float(bool(mine and theirs and not mine & theirs)),
                      math.log(max(len(sentence.text.split()), 1)), float(later.kind.endswith("visit")),  # type: ignore[union-attr]
                      float(sentence.evidential), float(probe.main is not None),
                      float(len(probe.terms.keys() & sentence.terms.keys()))])
            y.append(int(row["on_point"].strip().lower() == "yes"))
    return x, y, missing


def auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the ROC curve: the chance that an on-point sentence outranks an off-point one (ties half)."""
    ranked = sorted(zip(scores, labels))
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return float("nan")
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid_rank = (i + j + 1) / 2  # 1-based average rank of the tied run
        rank_sum += mid_rank * sum(lab for _, lab in ranked[i:j])
        i = j
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


class Logistic:
    """L2-regularised logistic regression on standardised features, by gradient descent."""

    def __init__(self, x: list[list[float]], y: list[int], l2: float = 1.0, steps: int = 400, rate: float = 0.5):
        n, k = len(x), len(x[0])
        self.mean = [sum(r[j] for r in x) / n for j in range(k)]
        self.scale = [math.sqrt(sum((r[j] - self.mean[j]) ** 2 for r in x) / n) or 1.0 for j in range(k)]
        z = [self._standard(r) for r in x]
        self.w, self.b = [0.0] * k, 0.0
        for _ in range(steps):
            grad, grad_b = [l2 * w / n for w in self.w], 0.0
            for r, label in zip(z, y):
                err = self._p(r) - label
                grad_b += err / n
                for j in range(k):
                    grad[j] += err * r[j] / n
            self.b -= rate * grad_b
            self.w = [w - rate * g for w, g in zip(self.w, grad)]

    def _standard(self, r: list[float]) -> list[float]:
        return [(v - m) / s for v, m, s in zip(r, self.mean, self.scale)]

    def _p(self, z: list[float]) -> float:
        t = self.b + sum(w * v for w, v in zip(self.w, z))
        return 1 / (1 + math.exp(-max(min(t, 30.0), -30.0)))

    def probability(self, r: list[float]) -> float:
        return self._p(self._standard(r))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="folder with one sub-folder of reports per authority")
    args = parser.parse_args()
    data: dict[str, tuple[list[list[float]], list[int]]] = {}
    for authority, rows in sorted(judged_pairs().items()):
        x, y, missing = features(authority, rows, args.corpus)
        if missing:
            print(f"note: {authority}: {missing} of {len(rows)} judged sentences not found in its reports; left out")
        data[authority] = (x, y)

    def pooled(names: set[str] | None) -> tuple[list[list[float]], list[int]]:
        chosen = [a for a in data if (a in names if names is not None else a not in TUNED | GATED)]
        return [r for a in chosen for r in data[a][0]], [v for a in chosen for v in data[a][1]]

    groups = {"tuned on": pooled(TUNED), "held out, gated": pooled(GATED), "held out, never used": pooled(None)}
    models = {}
    for name, names in (("trained on tuned", TUNED), ("trained on tuned and gated", TUNED | GATED)):
        x, y = pooled(names)
        if x and 0 < sum(y) < len(y):
            models[name] = Logistic(x, y)
    print(f"{'area under the ROC curve':36s}" + "".join(f"{g:>22s}" for g in groups))
    print(f"{'sentences (on point)':36s}" + "".join(f"{f'{len(y)} ({sum(y)})':>22s}" for _, y in groups.values()))
    for j, feature in enumerate(FEATURES):
        print(f"{feature:36s}" + "".join(f"{auc([r[j] for r in x], y):22.3f}" for x, y in groups.values()))
    for name, model in models.items():
        print(f"{'regression, ' + name:36s}" + "".join(
            f"{auc([model.probability(r) for r in x], y):22.3f}" for x, y in groups.values()))
    print("(a regression's figure on the authorities it was trained on is in-sample, not a test)")


if __name__ == "__main__":
    main()
