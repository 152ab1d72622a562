"""The real-text benchmark corpus (bench/replicate_corpus.py): real reports renamed to
other authorities read back as those authorities' reports, and build as such."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from inspectkg.cli import main
from inspectkg.reports.authorities import all_authorities

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "tests" / "data" / "national"


def test_renamed_reports_build_as_the_target_authorities(tmp_path):
    out = tmp_path / "corpus"
    sources = [NATIONAL / "doncaster-2ebf92be63.pdf", NATIONAL / "doncaster-a02e6383d6.pdf",
               NATIONAL / "norfolk-6e774c4f0c.pdf", NATIONAL / "birmingham-21198b3863.pdf"]
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "replicate_corpus.py"), "--out", str(out),
                          "--authorities", "3", "--sources-per-authority", "2", *map(str, sources)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "birmingham-21198b3863.pdf" in run.stderr  # a broken download is named and skipped
    # Two source authorities (Doncaster: 2 reports, Norfolk: 1), both given to each of 3 authorities.
    assert "wrote 9 reports for 3 authorities" in run.stdout and "0 dropped" in run.stdout
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["--store", str(store), "build", "--quiet", str(out)])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(main, ["--store", str(store), "reports"]).output
    for authority in all_authorities()[:3]:
        assert listed.count(f"{authority.name} ({authority.gss})") == 3, listed
    assert "Doncaster" not in listed and "Norfolk" not in listed


def test_follow_up_does_not_depend_on_the_authority_name(tmp_path):
    """The same reports under another authority's name are followed up the same way:
    statuses, verdicts, confidences, quotes and parts (names aside; offsets shift
    with the name's length)."""
    import json

    doncaster = [NATIONAL / "doncaster-a02e6383d6.pdf", NATIONAL / "doncaster-2ebf92be63.pdf"]
    out = tmp_path / "corpus"
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "replicate_corpus.py"), "--out", str(out),
                          "--authorities", "1", *map(str, doncaster)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["--store", str(store), "build", "--quiet", str(out), *map(str, doncaster)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["--store", str(store), "trace", "--format", "json"])
    assert result.exit_code == 0, result.output
    trails: dict[str, dict] = {}
    for p in json.loads(result.output):
        name = p["authority"]["name"]
        trails.setdefault(name, {})[(p["document_kind"], p["date"], p["number"])] = (
            p["status"], [(h["verdict"], h["confidence"]) for h in p["history"]],
            [e["quote"].replace(name, "X") for e in p["evidence"]],
            [(part["text"].replace(name, "X"), part["status"]) for part in p.get("parts", [])])
    renamed = all_authorities()[0].name
    assert set(trails) == {"Doncaster", renamed}
    assert trails["Doncaster"] and any(t[2] for t in trails["Doncaster"].values())
    assert trails[renamed] == trails["Doncaster"]
