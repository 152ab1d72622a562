"""Time every export (view x format) on a store, and load the explorer at scale
in a real headless Chromium.

    python bench/export_timing.py --store DIR                  # seconds per view/format
    python bench/export_timing.py --store DIR --formats graphml,gexf,jsonld   # only these formats
    python bench/export_timing.py --store DIR --explorer 2000  # and the explorer with >= 2000 points

The explorer check copies the store's authorities (renamed "NAME (copy 2)", ...)
until the page holds at least that many points: the layout, drawing and clicks
are what is measured, not the analysis. Figures are printed, nothing asserted.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from inspectkg.export.explorer import explorer_data, render_page
from inspectkg.export.filters import make_filters
from inspectkg.export.records import read_records
from inspectkg.export.run import FORMATS, export
from inspectkg.export.views import VIEWS
from inspectkg.graph.store import open_store

GRAPH_FORMATS = [f for f in FORMATS if f not in ("turtle", "nquads", "html")]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def time_exports(store_path: Path, out_dir: Path, skip_render_full: bool = True,
                 formats: list[str] | None = None) -> None:
    print(f"{'view':<10} {'format':<10} {'seconds':>8} {'bytes':>12}")
    with open_store(store_path, read_only=True) as store:
        jobs = [(v, f) for v in VIEWS for f in GRAPH_FORMATS] + [("trail", "html"), ("-", "turtle"), ("-", "nquads")]
        if formats:
            jobs = [(v, f) for v, f in jobs if f in formats]
        for view, fmt in jobs:
            if fmt in ("svg", "png") and shutil.which("dot") is None:
                print(f"{view:<10} {fmt:<10} {'no dot':>8}")
                continue
            out = out_dir / f"{view}.{fmt}"
            start = time.perf_counter()
            try:
                summary = export(store, view if view != "-" else "trail", fmt, make_filters(), str(out))
            except Exception as exc:  # a bench reports and goes on
                print(f"{view:<10} {fmt:<10} {'error':>8} {exc}")
                continue
            seconds = time.perf_counter() - start
            size = out.stat().st_size
            nodes = f"{summary.nodes} nodes" if summary.nodes is not None else ""
            print(f"{view:<10} {fmt:<10} {seconds:>8.2f} {size:>12,} {nodes}", flush=True)


def scaled(data: dict[str, Any], at_least: int) -> dict[str, Any]:
    """The explorer data with its authorities copied until it has ``at_least`` points."""
    out = copy.deepcopy(data)
    copies = 1
    base_docs, base_points = data["documents"], data["points"]
    while len(out["points"]) < at_least and base_points:
        copies += 1
        doc_offset, point_offset = len(out["documents"]), len(out["points"])
        for d in base_docs:
            out["documents"].append(dict(d, id=f"{d['id']}#copy{copies}", authority=f"{d['authority']} (copy {copies})"))
        for p in base_points:
            q = copy.deepcopy(p)
            q["id"] = f"{p['id']}#copy{copies}"
            q["doc"] += doc_offset
            for h in q["history"]:
                h["doc"] += doc_offset
            for e in q["evidence"] + q.get("praise", []):
                e["doc"] += doc_offset
            for r in q["related"]:
                r["point"] += point_offset
            out["points"].append(q)
    return out


def explorer_at_scale(store_path: Path, at_least: int, out_dir: Path) -> None:
    from playwright.sync_api import sync_playwright

    with open_store(store_path, read_only=True) as store:
        data = scaled(explorer_data(read_records(store), make_filters()), at_least)
    page_path = out_dir / "explorer-scaled.html"
    page_path.write_text(render_page(data), encoding="utf-8")
    lanes = len({d["authority"] for d in data["documents"]})
    print(f"\nexplorer: {len(data['points'])} points, {len(data['documents'])} documents, {lanes} authorities, "
          f"{page_path.stat().st_size:,} bytes")
    blocked: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 850})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                      else (blocked.append(r.request.url), r.abort()))
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        start = time.perf_counter()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("window.inspectkgExplorer && window.inspectkgExplorer.stats.frames > 0")
        print(f"  load to first drawing: {time.perf_counter() - start:.2f} s", flush=True)
        frame = page.evaluate("""() => { const t = performance.now(), n = 30;
            return new Promise(done => { let i = 0; const step = () => {
              window.dispatchEvent(new Event('resize')); if (++i < n) requestAnimationFrame(step);
              else requestAnimationFrame(() => done((performance.now() - t) / n)); }; step(); }); }""")
        print(f"  redraw (fit view): {frame:.1f} ms per frame")
        page.click("#zoom-fit")
        page.wait_for_timeout(100)
        stats = page.evaluate("window.inspectkgExplorer.stats")
        print(f"  whole graph in view: {stats['drawnPoints']} points and {stats['drawnEdges']} verdict curves drawn")
        target = data["points"][-1]["id"]
        page.evaluate("id => { window.inspectkgExplorer.zoomTo(1); }", target)
        start = time.perf_counter()
        page.locator("#point-list li").first.click()
        page.wait_for_selector("#details .point-text")
        print(f"  click to details: {1000 * (time.perf_counter() - start):.0f} ms")
        start = time.perf_counter()
        page.select_option("#f-authority", index=1)
        page.wait_for_timeout(50)
        print(f"  authority filter and redraw: {1000 * (time.perf_counter() - start):.0f} ms")
        page.screenshot(path=str(out_dir / "explorer-scaled.png"))
        browser.close()
    print(f"  network requests blocked: {len(blocked)}; console errors: {len(errors)} {errors[:3]}")
    print(f"  screenshot: {out_dir / 'explorer-scaled.png'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="a store built by `inspectkg build`")
    parser.add_argument("--explorer", type=int, default=0, metavar="N",
                        help="also load the explorer with at least N points in headless Chromium")
    parser.add_argument("--out", type=Path, default=None, help="folder for the files (default: a temporary one)")
    parser.add_argument("--skip-formats", action="store_true", help="only the explorer check")
    parser.add_argument("--formats", default="", help="only these formats, comma-separated (graphml,gexf,jsonld)")
    args = parser.parse_args()
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="inspectkg-export-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    if not args.skip_formats:
        time_exports(args.store, out_dir, formats=[f for f in args.formats.split(",") if f] or None)
    if args.explorer:
        explorer_at_scale(args.store, args.explorer, out_dir)
    print(f"\nfiles in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
