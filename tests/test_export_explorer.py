"""The explorer in a real headless Chromium (Debian's, driven by Playwright),
loaded from a file:// URL with every network request aborted."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

from browser import offline_page
from click.testing import CliRunner
from inspectkg import resources
from inspectkg.cli import main
from inspectkg.export.explorer import script_json

ASSETS = Path(str(files("inspectkg.export") / "assets"))  # what the installed package ships
DOCS = Path(__file__).resolve().parents[1] / "docs"
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import|"""
                      r"""fetch\(|XMLHttpRequest|WebSocket|importScripts|\bimport\(""", re.I)
PAYLOAD = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


def write_explorer(store: Path, out: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["--store", str(store), "export", "--format", "html", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="explorer-data">(.*?)</script>', page, re.S)
    assert data is not None
    return json.loads(data.group(1))


def wait_until(page: Any, expression: str, timeout: float = 15.0) -> None:
    """Wait until a JavaScript expression is true in the page. Playwright's own
    wait_for_function polls by evaluating the expression's text inside the page,
    which the explorer's Content-Security-Policy (no 'unsafe-eval') refuses whenever
    the first test is false; page.evaluate goes through the debugging protocol."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"not true after {timeout} s: {expression}"
        time.sleep(0.05)


def open_explorer(page: Any, path: Path) -> dict[str, Any]:
    page.goto(path.resolve().as_uri())
    wait_until(page, "Boolean(window.inspectkgExplorer && window.inspectkgExplorer.stats.frames > 0)")
    return page.evaluate("window.inspectkgExplorer.stats")


def painted_pixels(page: Any) -> int:
    """Pixels of the canvas that are not background: proof that something was drawn."""
    return page.evaluate("""() => {
        const c = document.getElementById('graph'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200)) n++; }
        return n; }""")


def test_shipped_assets_have_no_external_references() -> None:
    files = sorted(ASSETS.glob("*"))
    assert {f.suffix for f in files} == {".html", ".js", ".css"}
    for f in files:
        assert not EXTERNAL.search(f.read_text(encoding="utf-8")), f


def test_script_json_cannot_close_its_element() -> None:
    text = script_json({"t": "</script><!-- & \u2028"})
    assert "</" not in text and "<!--" not in text and "<" not in text
    assert json.loads(text) == {"t": "</script><!-- & \u2028"}


def test_explorer_offline_draws_and_shows_evidence(sample_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "explorer.html"
    data = write_explorer(sample_store_path, out)
    page_text = out.read_text(encoding="utf-8")
    assert not EXTERNAL.search(page_text.split('id="explorer-data">')[0])  # template, style: nothing external
    assert len(data["points"]) == 21 and len(data["documents"]) >= 4
    with offline_page() as (page, blocked, errors):
        stats = open_explorer(page, out)
        assert stats["drawnPoints"] == len(data["points"]) and stats["drawnEdges"] > 0
        assert painted_pixels(page) > 2000
        # Every document's year is labelled on the axis, the last one too (the zoom buttons
        # once covered the axis's right end, where the latest inspection stands).
        assert {int(d["date"][:4]) for d in data["documents"]} <= set(stats["years"])
        # One authority is "1 authority".
        assert re.match(r"21 of 21 points, \d+ documents, 1 authority · filters at export: ",
                        page.locator("#summary").inner_text())
        # A click on a point, where the canvas drew it, shows its text, history and evidence.
        point = next(p for p in data["points"] if p["evidence"] and p["history"])
        at = page.evaluate("id => window.inspectkgExplorer.screenPosition(id)", point["id"])
        page.mouse.click(at["x"], at["y"])
        details = page.locator("#details")
        evidence = point["evidence"][0]
        later = data["documents"][evidence["doc"]]
        assert point["text"] in details.inner_text()
        quote = details.locator("blockquote.evidence").first
        assert evidence["quote"] in quote.inner_text()
        where = f"{later['date']}, " + (f"paragraph {evidence['paragraph']}" if evidence["paragraph"] is not None
                                         else "unnumbered paragraph")
        assert where in quote.inner_text() and later["kindLabel"] in quote.inner_text()
        timeline = details.locator("ol.timeline li")
        assert timeline.count() == len(point["history"]) + 1
        assert data["documents"][point["history"][-1]["doc"]]["date"] in timeline.last.inner_text()
        page.mouse.move(5, 5)  # the tooltip away, for the screenshot
        shot = tmp_path / "explorer.png"
        page.screenshot(path=str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        if os.environ.get("INSPECTKG_DOCS_SCREENSHOT") and DOCS.is_dir():
            shutil.copy(shot, DOCS / "explorer.png")  # the screenshot in docs/ comes from this test
        # A point that regressed shows the earlier sentence that praised its matter.
        regressed = next(p for p in data["points"] if p["praise"])
        at = page.evaluate("id => window.inspectkgExplorer.screenPosition(id)", regressed["id"])
        page.mouse.click(at["x"], at["y"])
        praised = details.locator("blockquote.praise").first
        assert regressed["praise"][0]["quote"] in praised.inner_text()
        assert data["documents"][regressed["praise"][0]["doc"]]["date"] in praised.inner_text()
        # A click on a document shows its judgements.
        graded = next(d for d in data["documents"] if d["judgements"])
        at = page.evaluate("id => window.inspectkgExplorer.documentPosition(id)", graded["id"])
        page.mouse.click(at["x"], at["y"])
        rows = details.locator("table.judgements tr")
        assert rows.count() == len(graded["judgements"])
        assert graded["judgements"][0]["grade"] in rows.first.inner_text()
        # Filters: one status fewer.
        dropped = point["status"]
        page.uncheck(f"#f-status input[value={dropped}]")
        kept = [p for p in data["points"] if p["status"] != dropped]
        wait_until(page, f"window.inspectkgExplorer.stats.drawnPoints === {len(kept)}")
        assert page.locator("#point-list li").count() == len(kept)
    assert blocked == []
    assert errors == []


def test_report_text_is_shown_as_text_never_run(tmp_path: Path) -> None:
    """A point whose text carries markup: the page shows the markup, runs nothing."""
    source = tmp_path / "reports"
    source.mkdir()
    letter = next(p for p in sorted(resources.sample_dir().iterdir()) if "Areas for development" in p.read_text())
    text = letter.read_text(encoding="utf-8")
    bullet = re.search(r"^[-•◼] (\w+)", text[text.index("Areas for development"):], re.M)
    assert bullet is not None
    start = text.index("Areas for development") + bullet.start(1)
    (source / letter.name).write_text(text[:start] + PAYLOAD + " " + text[start:], encoding="utf-8")
    store = tmp_path / "store"
    built = CliRunner().invoke(main, ["--store", str(store), "build", str(source)])
    assert built.exit_code == 0, built.output
    out = tmp_path / "explorer.html"
    data = write_explorer(store, out)
    marked = [p for p in data["points"] if PAYLOAD in p["text"]]
    assert len(marked) == 1  # the payload reached the graph: the test below is not vacuous
    assert PAYLOAD not in out.read_text(encoding="utf-8")  # never raw in the page
    with offline_page() as (page, blocked, errors):
        open_explorer(page, out)
        at = page.evaluate("id => window.inspectkgExplorer.screenPosition(id)", marked[0]["id"])
        page.mouse.click(at["x"], at["y"])
        assert PAYLOAD in page.locator("#details .point-text").inner_text()
        page.hover("#point-list li")
        assert page.evaluate("window.pwned") is None
        assert page.locator("#details script, #details img, #point-list img").count() == 0
    assert blocked == [] and errors == []


def test_labels_of_documents_close_in_time_do_not_overlap(sample_store_path: Path, tmp_path: Path) -> None:
    """Two visits a few weeks apart (Bristol's of February and December 2025 sit this close at
    the default zoom): each label takes a row below the axis where it clears the one before."""
    out = tmp_path / "explorer.html"
    data = write_explorer(sample_store_path, out)
    dated = sorted(data["documents"], key=lambda d: d["date"])
    dated[-2]["date"] = dated[-1]["date"][:8] + "01"  # the second latest now weeks before the latest
    page_text = out.read_text(encoding="utf-8")
    old = re.search(r'(<script type="application/json" id="explorer-data">)(.*?)(</script>)', page_text, re.S)
    assert old is not None
    out.write_text(page_text[:old.start(2)] + script_json(data) + page_text[old.end(2):], encoding="utf-8")
    with offline_page() as (page, blocked, errors):
        open_explorer(page, out)
        boxes = page.evaluate("window.inspectkgExplorer.labelBoxes()")
        drawn = {p["doc"] for p in data["points"]} | {h["doc"] for p in data["points"] for h in p["history"]}
        assert len(boxes) == len(drawn) >= 4  # a press release, with no points or verdicts, is not drawn
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                apart = a["right"] <= b["left"] or b["right"] <= a["left"] \
                    or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
                assert apart, (a, b)
        # The lower row is drawn below the upper one: the second latest's label, then the latest's.
        by_id = {b["id"]: b for b in boxes}
        assert by_id[dated[-1]["id"]]["top"] >= by_id[dated[-2]["id"]]["bottom"]
    assert blocked == [] and errors == []


def test_a_split_point_shows_its_parts_and_names_them_in_its_history(sample_store_path: Path, tmp_path: Path) -> None:
    """A bundled point that `trace` split: its parts with their own statuses, and each verdict on
    a part names that part, not only its number."""
    out = tmp_path / "explorer.html"
    data = write_explorer(sample_store_path, out)
    split = next(p for p in data["points"] if p["parts"])
    assert len(split["parts"]) >= 2 and all(part["text"] and part["status"] for part in split["parts"])
    on_part = next(h for h in split["history"] if h["part"])
    part = next(x for x in split["parts"] if x["ordinal"] == on_part["part"])
    with offline_page() as (page, blocked, errors):
        open_explorer(page, out)
        at = page.evaluate("id => window.inspectkgExplorer.screenPosition(id)", split["id"])
        page.mouse.click(at["x"], at["y"])
        shown = page.locator("#details ol.parts li")
        assert shown.count() == len(split["parts"])
        for i, p in enumerate(split["parts"]):
            assert p["text"] in shown.nth(i).inner_text()
            assert p["status"].replace("_", " ") in shown.nth(i).inner_text()
        history = page.locator("#details ol.timeline").inner_text()
        assert f"(part {part['ordinal']}: {part['text'][:40]}" in history
    assert blocked == [] and errors == []


def test_a_press_release_claim_is_shown_beside_the_evidence_never_as_it(sample_store_path: Path, tmp_path: Path) -> None:
    """The 2018 press release's claim that the recommendations were addressed, under the points
    raised before it (as `trace` shows it), marked as a claim; not under the 2021 and 2023 points."""
    out = tmp_path / "explorer.html"
    data = write_explorer(sample_store_path, out)
    with_claims = [p for p in data["points"] if p["claims"]]
    assert with_claims and all(p["date"] < "2018-11-19" for p in with_claims)
    assert all(not p["claims"] for p in data["points"] if p["date"] > "2018-11-19")
    point = with_claims[0]
    claim = point["claims"][0]
    assert "successfully addressed" in claim["text"]
    assert data["documents"][claim["doc"]]["kind"] == "press-release"
    with offline_page() as (page, blocked, errors):
        open_explorer(page, out)
        at = page.evaluate("id => window.inspectkgExplorer.screenPosition(id)", point["id"])
        page.mouse.click(at["x"], at["y"])
        shown = page.locator("#details blockquote.claim").first
        assert "successfully addressed" in shown.inner_text()
        assert "2018-11-19" in shown.inner_text() and "never sets a status" in shown.inner_text()
        assert "claims (not evidence)" in page.locator("#details").inner_text().lower()
    assert blocked == [] and errors == []


def test_a_kind_with_a_short_name_is_labelled_by_it(tmp_path: Path) -> None:
    """A JTAI letter's kind is "Joint targeted area inspection letter"; its label beside the other
    documents is the vocabulary's short name, "JTAI" (skos:altLabel), as "ILACS" is the ILACS
    inspection's."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    here = Path(__file__).parent / "data"
    shutil.copy(here / "constructed" / "jtai_2017_bristol.txt", inputs)
    shutil.copy(here / "pdf" / "sif_2014_bristol.pdf", inputs)  # the points the letter follows up
    store = tmp_path / "store"
    built = CliRunner().invoke(main, ["--store", str(store), "build", "--quiet", str(inputs)])
    assert built.exit_code == 0, built.output
    out = tmp_path / "explorer.html"
    data = write_explorer(store, out)
    assert {d["kind"]: d["kindShort"] for d in data["documents"]} == {"jtai": "JTAI", "sif-inspection": None}
    with offline_page() as (page, blocked, errors):
        open_explorer(page, out)
        labels = sorted(b["text"] for b in page.evaluate("window.inspectkgExplorer.labelBoxes()"))
    assert labels == ["JTAI 2017-05", "SIF 2014-09"]
    assert blocked == [] and errors == []
