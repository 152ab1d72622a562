"""Shared fixtures: the bundled sample built once into a store for the whole session."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings
from inspectkg.cli import main

DATA = Path(__file__).parent / "data"

# Property tests are reproducible in CI: the same examples every run, no
# example database left behind, no per-example deadline on a loaded machine.
# INSPECTKG_DEEP_FUZZ=N looks for new failing cases instead: fresh random examples, N times as
# many (two reading bugs were found so; each is then kept as an @example).
DEEP_FUZZ = int(os.environ.get("INSPECTKG_DEEP_FUZZ") or 0)
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("deep", derandomize=False, database=None, deadline=None)
settings.load_profile("deep" if DEEP_FUZZ else "ci")


def examples(n: int) -> int:
    """How many examples a property test tries: ``n``, or N times it under INSPECTKG_DEEP_FUZZ=N."""
    return n * DEEP_FUZZ if DEEP_FUZZ else n


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "store"
    cli_ok(path, "build")
    return path


@pytest.fixture(scope="session")
def sample_reports(sample_store_path: Path) -> dict[str, dict]:
    """`reports --format json` of the sample, keyed by source file name."""
    return {d["source"]: d for d in json.loads(cli_ok(sample_store_path, "reports", "--format", "json"))}


def cli_ok(store: str | Path, *args: str) -> str:
    """The output of an inspectkg command on ``store`` that must succeed."""
    result = CliRunner().invoke(main, ["--store", str(store), *args])
    assert result.exit_code == 0, result.output
    return result.output


def build_constructed(tmp_path_factory: pytest.TempPathFactory, name: str) -> str:
    """A new store holding one of the documents we wrote (tests/data/constructed/)."""
    path = str(tmp_path_factory.mktemp(Path(name).stem) / "store")
    cli_ok(path, "build", "--quiet", str(DATA / "constructed" / name))
    return path
