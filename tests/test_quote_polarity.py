"""bench/quote_polarity.py: the annotators' evidence sentences as the polarity rules read them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_script() -> str:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "quote_polarity.py")],
                         capture_output=True, text=True, timeout=120, cwd=ROOT / "bench")
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_every_group_and_verdict_is_counted_whole():
    out = run_script()
    assert "== tuned on (calderdale, coventry, hertfordshire)" in out
    assert "== held out, used to choose between variants (doncaster, norfolk, sandwell)" in out
    lines = [line for line in out.splitlines() if " quotes: " in line]
    assert len(lines) == 9  # three groups, three speaking verdicts each
    for line in lines:
        n = int(re.search(r"(\d+) quotes:", line).group(1))
        counts = [int(c) for c in re.findall(r"(?:only|both|neither) (\d+)", line.split(";")[0])]
        assert sum(counts) == n, line


def test_quotes_read_as_a_whole():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from quote_polarity import BLAME, BOTH, NEITHER, PRAISE, reading
    finally:
        sys.path.remove(str(ROOT / "bench"))
    assert reading("Assessments are thorough and timely.") == PRAISE
    assert reading("Too many plans lack timescales.") == BLAME
    # Praise in one sentence and blame in the next is both, as a sentence saying both is.
    assert reading("Most plans are clear. Some lack timescales.") == BOTH
    assert reading("Most plans are clear, but some lack timescales.") == BOTH
    assert reading("Calderdale is a partner of a regional adoption agency.") == NEITHER
