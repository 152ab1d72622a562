"""A national-scale corpus of real report text: real reports renamed to every authority.

    python bench/replicate_corpus.py --out DIR [--sources-per-authority N] [--authorities N] PATH [PATH...]

The generator (generate_corpus.py) scales to any size but writes fewer findings
per document than real reports hold, so a graph built from it carries about half
the real graph's evidence a document (bench/densities.py). This script keeps the
real density: it reads every report under PATH (the national sample, the bundled
sample), and gives each English authority the documents of N of the source
authorities, with the source's name replaced by its own, as plain text (the text
the reader extracts, which reads back to the same report). Each written file is
read back and kept only if the reader names the intended authority, kind and
date, so the corpus holds only what builds as meant.

With the nine annotated source authorities (56 documents) and N = 1, that is the
156 authorities of the reference data and 970 documents; with N = 2 each authority has two
histories (as many documents as a real authority with its monitoring visits),
1,922 documents. Every document is parsed, stored, validated and traced as its
own, but the text repeats across authorities, and that flatters two costs: the
follow-up's caches keyed by sentence text (theme tags, polarity) hit across
authorities (clearing them before each authority made tracing 12 authorities
26% slower: 19.6 s against 15.5 s; 8% once theme labels were looked up per
distinct word, 11.1 s against 10.3 s), and the store keeps each distinct string
once, so the store is smaller and a query reading many texts finds more of them
in memory than it would in a corpus of distinct reports.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

from inspectkg.reports.authorities import all_authorities
from inspectkg.reports.errors import RejectedInput
from inspectkg.reports.load import expand_paths, read_source
from inspectkg.reports.parse import parse_source, read_report


def read_sources(paths: list[str]) -> dict[str, list[tuple[str, str, str, str]]]:
    """Per source authority: (file stem, kind, start date, text) of each readable report."""
    out: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for f in expand_paths(paths):
        try:
            source = read_source(f)
            report = parse_source(source)
        except RejectedInput as e:
            print(f"skipped {f}: {e}", file=sys.stderr)
            continue
        if report.authority is None:
            print(f"skipped {f}: no authority named", file=sys.stderr)
            continue
        out[report.authority.name].append((f.stem, report.kind, str(report.start_date), source.text))
    return dict(out)


def rename(text: str, source: str, target: str) -> str:
    return re.sub(rf"\b{re.escape(source)}\b", target.replace("\\", r"\\"), text)


def replicate(paths: list[str], out: Path, sources_per_authority: int = 1,
              authorities: int | None = None) -> tuple[int, int]:
    """Write the corpus; (reports written, reports dropped because they read back wrong)."""
    sources = read_sources(paths)
    names = sorted(sources)
    print(f"{sum(map(len, sources.values()))} reports of {len(names)} source authorities: {', '.join(names)}")
    targets = all_authorities()[:authorities]
    written = dropped = 0
    for i, target in enumerate(targets):
        folder = out / re.sub(r"\W+", "-", target.name.lower())
        folder.mkdir(parents=True, exist_ok=True)
        seen: set[tuple[str, str]] = set()  # (kind, date): one document each, as the store names them
        for k in range(sources_per_authority):
            source = names[(i + k) % len(names)]
            for stem, kind, start, text in sources[source]:
                if (kind, start) in seen:
                    continue
                path = folder / f"{stem}.txt"
                path.write_text(rename(text, source, target.name), encoding="utf-8")
                back = read_report(path)
                if back.authority is None or back.authority.gss != target.gss or back.kind != kind \
                        or str(back.start_date) != start:
                    path.unlink()
                    dropped += 1
                    continue
                seen.add((kind, start))
                written += 1
    print(f"wrote {written} reports for {len(targets)} authorities to {out}; "
          f"{dropped} dropped (read back as another authority, kind or date)")
    return written, dropped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", help="folders or files of real reports")
    parser.add_argument("--out", type=Path, required=True, help="folder to write, one sub-folder per authority")
    parser.add_argument("--sources-per-authority", type=int, default=1)
    parser.add_argument("--authorities", type=int, help="only the first N authorities (default: every one)")
    args = parser.parse_args()
    replicate(args.paths, args.out, args.sources_per_authority, args.authorities)


if __name__ == "__main__":
    main()
