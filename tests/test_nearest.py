"""`trace --nearest N`: for review, the sentences of each later document closest to a point
that the method did not cite, with where they are, on the bundled sample."""

from __future__ import annotations

import copy
import csv
import json
import shutil

import pytest
from click.testing import CliRunner
from inspectkg.cli import main

DOC = "https://w3id.org/inspectkg/id/document/E10000015"
CHRONOLOGIES = f"{DOC}/unannounced-inspection/2011-05-17/point/1"
SIF_2015 = f"{DOC}/sif-inspection/2015-09-14"


def run(store, *args: str) -> str:
    result = CliRunner().invoke(main, ["--store", str(store), *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def traced(sample_store_path) -> list[dict]:
    return json.loads(run(sample_store_path, "trace", "--nearest", "3", "--format", "json"))


@pytest.fixture(scope="module")
def stored_paragraphs(sample_store_path, tmp_path_factory) -> dict[str, tuple[int, str]]:
    rq = tmp_path_factory.mktemp("nearest") / "paragraphs.rq"
    rq.write_text("PREFIX ikg: <https://w3id.org/inspectkg/ontology#>\n"
                  "SELECT ?p ?start ?text WHERE { ?p ikg:startOffset ?start ; ikg:text ?text }")
    bindings = json.loads(run(sample_store_path, "query", str(rq), "--format", "json"))["results"]["bindings"]
    return {b["p"]["value"]: (int(b["start"]["value"]), b["text"]["value"]) for b in bindings}


def test_nearest_sentences_are_the_uncited_ones_closest_first(traced, stored_paragraphs):
    """Each verdict lists at most N sentences, none of them one it cites, taken in turn from the
    best by the method's score and the best by word overlap: the first has the highest score
    listed, the highest overlap is first or second. Each is found in its stored paragraph at its
    offsets (traceable as evidence is), with its polarity."""
    listed = 0
    for point in traced:
        for h in point["history"]:
            nearest = h["nearest"]
            assert len(nearest) <= 3
            if nearest:
                assert nearest[0]["score"] == max(n["score"] for n in nearest)
                assert max(n["overlap"] for n in nearest) in [n["overlap"] for n in nearest[:2]]
            cited = {(e["start"], e["end"]) for e in point["evidence"] if e["document"] == h["document"]}
            assert not cited & {(n["start"], n["end"]) for n in nearest}
            for n in nearest:
                start, text = stored_paragraphs[n["paragraph_id"]]
                assert text[n["start"] - start:n["end"] - start] == n["quote"]
                assert n["polarity"] in ("positive", "negative", "mixed", "neutral")
            listed += len(nearest)
    assert listed > 50


def test_nearest_sentences_are_shown_not_used(sample_store_path, traced):
    """Asking for them changes no verdict, status or evidence: without the option the output is
    what it was, with no `nearest` key."""
    plain = json.loads(run(sample_store_path, "trace", "--format", "json"))
    assert not any("nearest" in h for p in plain for h in p["history"])
    bare = copy.deepcopy(traced)
    for p in bare:
        for h in p["history"]:
            del h["nearest"]
    assert bare == plain


def test_a_silent_verdict_shows_where_to_look(traced):
    """Where the method found nothing on the matter (no_evidence), the nearest sentences are
    still listed: the analyst reviewing the verdict starts from them."""
    silent = [h for p in traced for h in p["history"] if h["verdict"] == "no_evidence"]
    assert silent and all(h["nearest"] for h in silent)


def test_table_and_markdown_show_them_apart_from_the_evidence(sample_store_path, traced):
    point = next(p for p in traced if p["id"] == CHRONOLOGIES)
    first = next(h for h in point["history"] if h["document"] == SIF_2015)["nearest"][0]
    table = run(sample_store_path, "trace", CHRONOLOGIES, "--nearest", "1")
    assert "nearest, not cited:" in table
    assert " ".join(first["quote"].split()[:6]) in " ".join(table.split())
    assert f"score {first['score']:.2f}, overlap {first['overlap']:.2f}" in table
    assert "nearest" not in run(sample_store_path, "trace", CHRONOLOGIES)
    markdown = run(sample_store_path, "trace", CHRONOLOGIES, "--nearest", "1", "--format", "markdown")
    assert "Nearest sentences not cited (for review, not evidence):" in markdown
    assert f"“{first['quote']}”" in markdown


def test_review_sheet_offers_them_and_curate_takes_one_as_evidence(sample_store_path, tmp_path):
    """In the review sheet each verdict's nearest sentences come with their paragraphs' IRIs, in
    the same order: an analyst who finds the sentence the method missed copies its IRI into
    `evidence_paragraph` of a correction, and `curate` cites that paragraph."""
    store = tmp_path / "store"
    shutil.copytree(sample_store_path, store)
    rows = list(csv.DictReader(run(store, "trace", "--nearest", "2", "--format", "csv").splitlines()))
    assert {"nearest", "nearest_paragraph_ids"} <= set(rows[0])
    for r in rows:
        quotes = [q for q in r["nearest"].split(" | ") if q]
        ids = [i for i in r["nearest_paragraph_ids"].split(" | ") if i]
        assert len(quotes) == len(ids) <= 2
        assert all(i.startswith(r["document"] + "/") for i in ids)
    row = next(r for r in rows if r["automatic_verdict"] == "no_evidence" and r["nearest_paragraph_ids"])
    chosen = row["nearest_paragraph_ids"].split(" | ")[0]
    row.update(action="correct", verdict="partially_addressed", evidence_paragraph=chosen, analyst="A. Analyst",
               date="2026-11-25", reason="The nearest sentence speaks to the matter")
    filled = tmp_path / "review.csv"
    with open(filled, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert "1 curations applied, 0 stale" in run(store, "curate", str(filled))
    point = json.loads(run(store, "trace", row["point"], "--curations", str(filled), "--format", "json"))[0]
    curated = [e for e in point["evidence"] if e["document"] == row["document"] and e["method"].startswith("curated")]
    assert [e["paragraph_id"] for e in curated] == [chosen]
    # Without the option the columns are there, empty: one sheet layout for every review.
    plain = list(csv.DictReader(run(sample_store_path, "trace", "--format", "csv").splitlines()))
    assert all(r["nearest"] == r["nearest_paragraph_ids"] == "" for r in plain)


def test_nearest_takes_a_count_from_0_to_50(sample_store_path):
    result = CliRunner().invoke(main, ["--store", str(sample_store_path), "trace", "--nearest", "-1"])
    assert result.exit_code == 2 and "--nearest" in result.output
