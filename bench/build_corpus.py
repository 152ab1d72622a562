"""Benchmark: build and validate a folder of reports into a fresh store; print the figures.

    python bench/build_corpus.py PATH [PATH...]

Prints files ingested / rejected, triples, wall time of build, of
validation and of tracing every improvement point, and documents per second. The baseline in the same run is plain
text extraction alone (the cost every reader pays), so the ratio shows what
parsing, mapping and storing add on top.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from pathlib import Path

from inspectkg.followup.trace import run_followup
from inspectkg.graph.build import build
from inspectkg.graph.store import Store
from inspectkg.graph.validate import validate_store
from inspectkg.reports.errors import RejectedInput
from inspectkg.reports.load import expand_paths, read_source


def main(paths: list[str]) -> None:
    files = expand_paths(paths)
    t0 = time.perf_counter()
    for f in files:
        with contextlib.suppress(RejectedInput):
            read_source(f)
    extract = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        t0 = time.perf_counter()
        result = build(files, store)
        built = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = validate_store(store)
        validated = time.perf_counter() - t0
        print(f"files: {len(files)}; ingested {result.count('ingested')}, rejected {result.count('rejected')}")
        for o in result.rejected:
            print(f"  rejected {o.path}: {o.reason}")
        print(f"triples: {len(store)}")
        print(f"text extraction alone (baseline): {extract:.1f} s")
        print(f"build: {built:.1f} s ({len(files) / built:.1f} files/s; {built / extract:.1f}x extraction)")
        print(f"validate: {validated:.1f} s, conforms: {report.conforms} ({len(report.violations)} violations)")
        t0 = time.perf_counter()
        traced = run_followup(store)
        elapsed = time.perf_counter() - t0
        print(f"trace: {elapsed:.1f} s for {len(traced.trails)} improvement points "
              f"({elapsed / max(len(traced.trails), 1) * 1000:.0f} ms a point)")


if __name__ == "__main__":
    main(sys.argv[1:] or [str(Path(__file__).parent.parent / "data" / "sample")])
