"""bench/relevance_features.py: how well what the method measures ranks the judged sentences."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from relevance_features import FEATURES, Logistic, auc  # noqa: E402


def test_auc_counts_pairs_ranked_right_and_ties_as_half():
    assert auc([0.9, 0.8, 0.1, 0.2], [1, 1, 0, 0]) == 1.0
    assert auc([0.1, 0.2, 0.9, 0.8], [1, 1, 0, 0]) == 0.0
    assert auc([0.5, 0.5], [1, 0]) == 0.5
    # One of the four (positive, negative) pairs is ranked wrong.
    assert auc([0.9, 0.3, 0.4, 0.1], [1, 1, 0, 0]) == 0.75


def test_regression_learns_which_feature_matters():
    x = [[float(i % 7), float(i % 2)] for i in range(60)]
    y = [int(r[1]) for r in x]  # only the second feature decides
    model = Logistic(x, y)
    assert auc([model.probability(r) for r in x], y) == 1.0
    assert abs(model.w[1]) > 5 * abs(model.w[0])


def test_script_measures_the_bundled_authority():
    """Without a corpus only the bundled Hertfordshire sample is read: every one of its judged
    sentences is found in its reports and ranked by every measure."""
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "relevance_features.py")],
                         capture_output=True, text=True, timeout=300, cwd=ROOT / "bench")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "hertfordshire" not in out  # no note: none of its judged sentences is missing
    with open(ROOT / "bench" / "annotations" / "evidence_judgements.csv", encoding="utf-8", newline="") as f:
        judged = sum(1 for row in csv.DictReader(f) if row["authority"] == "hertfordshire")
    assert re.search(rf"sentences \(on point\)\s+{judged} \(\d+\)", out), out
    for feature in FEATURES:
        [line] = [line for line in out.splitlines() if line.startswith(feature + " ")]
        tuned = float(line.split()[-3])
        assert 0.0 <= tuned <= 1.0, line
