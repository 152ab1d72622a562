"""`inspectkg export` on bad input: one clear message, exit code 2, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from inspectkg.cli import main


def run(store: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--store", str(store), "export", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--authority", "Narnia", "-o", "{tmp}/x.graphml"], "--authority 'Narnia': no English local authority"),
    (["--authority", "Kent", "-o", "{tmp}/x.graphml"], "the store holds no documents about this authority"),
    (["--since", "2015-13", "-o", "{tmp}/x.graphml"], "--since '2015-13': expected a date"),
    (["--until", "last year", "-o", "{tmp}/x.gexf"], "--until 'last year': expected a date"),
    (["--since", "2020", "--until", "2015", "-o", "{tmp}/x.gexf"], "is after --until"),
    (["--theme", "chronology", "-o", "{tmp}/x.gexf"], "did you mean chronologies"),
    (["--view", "authority", "--format", "html", "-o", "{tmp}/x.html"], "shows the trail view"),
    (["--format", "turtle", "--authority", "Hertfordshire", "-o", "{tmp}/x.ttl"], "dumps the whole store"),
    (["--view", "themes", "--format", "nquads", "-o", "{tmp}/x.nq"], "dumps the whole store"),
    (["-o", "{tmp}/x.unknown"], "--format is needed"),
    (["--format", "png"], "is binary: give --output FILE"),
    (["-o", "{tmp}/no/such/folder/x.graphml"], "does not exist"),
])
def test_bad_input_is_one_message_and_exit_2(args: list[str], message: str, sample_store_path: Path,
                                             tmp_path: Path) -> None:
    code, output = run(sample_store_path, *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert code == 2, output
    assert output.startswith("Error: ") and message in output, output
    assert output.count("\n") == 1
    assert not any(p.name.startswith(".x.") for p in tmp_path.iterdir())  # no half-written file left


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder(sample_store_path: Path, tmp_path: Path) -> None:  # pragma: no cover - CI runs as root
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, output = run(sample_store_path, "-o", str(locked / "x.graphml"))
    assert code == 2 and "not writable" in output


def test_usage_errors_from_click(sample_store_path: Path, tmp_path: Path) -> None:
    code, output = run(sample_store_path, "--status", "done", "-o", str(tmp_path / "x.gexf"))
    assert code == 2 and "Invalid value for '--status'" in output
    code, output = run(sample_store_path, "-o", str(tmp_path))
    assert code == 2 and "is a directory" in output


def test_format_from_the_file_name_and_summary(sample_store_path: Path, tmp_path: Path) -> None:
    code, output = run(sample_store_path, "--authority", "E10000015", "--since", "2015", "-o",
                       str(tmp_path / "trail.gexf"))
    assert code == 0, output
    assert output.startswith("wrote the trail view (") and "as gexf to" in output
    assert (tmp_path / "trail.gexf").read_text(encoding="utf-8").startswith("<?xml")


def test_standard_output(sample_store_path: Path) -> None:
    result = CliRunner().invoke(main, ["--store", str(sample_store_path), "export", "--view", "authority",
                                       "--format", "dot"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('digraph "inspectkg authority view"')


def test_no_store(tmp_path: Path) -> None:
    code, output = run(tmp_path / "nothing", "-o", str(tmp_path / "x.graphml"))
    assert code == 2 and "inspectkg build" in output
