"""Generate a synthetic corpus of Ofsted children's services documents for benchmarks.

    python bench/generate_corpus.py --scale N --out DIR [--format pdf|txt] [--seed S] [--jobs J]

Scale 1 is about the national sample: 8 authorities x 6-8 documents (SIF
inspections with their LSCB review, ILACS inspections, focused visits,
safeguarding and looked after children inspections, unannounced letters).
Scale N has 8N authority trails: real authorities from the bundled reference
data, in a fixed shuffled order; beyond all of them, an authority gets an
earlier trail 17 years before its first, so every document is about a real
authority and none is dated in the future.

Writes DIR/<authority>/<opaque name>.<pdf|txt> (names say nothing, as
downloaded reports' do) and DIR/manifest.json: each document's authority,
GSS code, kind, dates, judgements and improvement points, and each point's
intended fate (addressed, partially_addressed, re_raised, ignored), what the
first later document covering it says, and the status it should end with.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator.genres import layout  # noqa: E402
from generator.plan import PlannedDoc, plan_authority  # noqa: E402
from generator.render import to_pdf, to_text  # noqa: E402

AUTHORITIES_PER_SCALE = 8


def authorities_in_order(seed: int) -> list[object]:
    from inspectkg.reports.authorities import all_authorities

    found = sorted(all_authorities(), key=lambda a: a.gss)
    random.Random(seed).shuffle(found)
    return found


def plan_corpus(scale: int, seed: int, trails: int | None = None) -> list[PlannedDoc]:
    """Every document of a corpus of ``scale`` x 8 authority trails (or exactly ``trails``)."""
    authorities = authorities_in_order(seed)
    trails = trails or AUTHORITIES_PER_SCALE * scale
    cycles: dict[int, int] = {}
    for i in range(trails):
        cycles[i % len(authorities)] = cycles.get(i % len(authorities), 0) + 1
    docs: list[PlannedDoc] = []
    for i, n in sorted(cycles.items()):
        rng = random.Random(f"{seed}:{authorities[i].gss}")  # type: ignore[attr-defined]
        docs += plan_authority(authorities[i], n, rng)
    return docs


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def _write(args: tuple[PlannedDoc, str, Path, int]) -> tuple[PlannedDoc, int]:
    doc, fmt, out, seed = args
    rng = random.Random(f"{seed}:{doc.gss}:{doc.start}:{doc.kind}")
    lay = layout(doc, rng)
    name = hashlib.sha1(f"{seed}{doc.gss}{doc.start}{doc.kind}".encode()).hexdigest()[:10]
    path = out / _slug(doc.authority) / f"{name}.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        pages = to_pdf(lay, path)
    else:
        path.write_text(to_text(lay), encoding="utf-8")
        pages = 0
    doc.file = str(path.relative_to(out))
    return doc, pages


def manifest_entry(doc: PlannedDoc, pages: int) -> dict[str, object]:
    return {
        "file": doc.file, "authority": doc.authority, "gss": doc.gss, "kind": doc.kind,
        "start_date": doc.start.isoformat(), "end_date": doc.end.isoformat(), "issued": None if doc.kind == "ilacs-inspection" else doc.issued.isoformat(),  # ILACS print none
        "lead_inspector": doc.lead, "pages": pages, "visit_theme": doc.visit_theme,
        "judgements": dict(doc.judgements),
        "points": [{"ordinal": p.ordinal, "matter": p.matter, "text": p.text, "addressed_to": p.addressed_to,
                    "fate": p.fate, "first_later": p.first_later, "expected_status": p.expected_status}
                   for p in doc.points],
        "discusses": {d.matter: d.polarity for d in doc.discussions},
    }


def generate(scale: int, out: Path, fmt: str = "pdf", seed: int = 1, jobs: int = 2,
             trails: int | None = None) -> dict[str, object]:
    docs = plan_corpus(scale, seed, trails)
    out.mkdir(parents=True, exist_ok=True)
    work = [(d, fmt, out, seed) for d in docs]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            written = list(pool.map(_write, work, chunksize=4))
    else:
        written = [_write(w) for w in work]
    manifest = {"scale": scale, "seed": seed, "format": fmt,
                "authorities": len({d.gss for d, _ in written}),
                "documents": [manifest_entry(d, pages) for d, pages in written]}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, default=1, help="multiples of the national sample (8 authorities)")
    ap.add_argument("--out", required=True, type=Path, help="folder to write into")
    ap.add_argument("--format", choices=("pdf", "txt"), default="pdf")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2, help="processes writing documents")
    ap.add_argument("--authorities", type=int, help="exactly this many authority trails (overrides --scale)")
    a = ap.parse_args(argv)
    if a.scale < 1:
        ap.error("--scale must be at least 1")
    if a.format == "pdf":
        try:
            import fpdf  # noqa: F401
        except ImportError:
            print("PDF output needs fpdf2: pip install 'inspectkg[bench]' (or use --format txt)", file=sys.stderr)
            return 2
    t0 = time.perf_counter()
    m = generate(a.scale, a.out, a.format, a.seed, a.jobs, a.authorities)
    docs = m["documents"]
    assert isinstance(docs, list)
    points = sum(len(d["points"]) for d in docs)
    pages = sum(d["pages"] for d in docs)
    print(f"{len(docs)} documents ({m['authorities']} authorities, {points} improvement points"
          + (f", {pages} pages" if pages else "") + f") in {a.out} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
