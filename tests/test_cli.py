"""The command line as a user meets it: exit codes, key output, error messages."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from inspectkg.cli import main
from inspectkg.graph.iris import CURRENT_STATUSES
from inspectkg.graph.queries import library

README = Path(__file__).parent.parent / "README.md"


def run(*args: str) -> CliRunner.invoke:
    return CliRunner().invoke(main, list(args))


def test_build_again_skips_everything(sample_store_path):
    result = run("--store", str(sample_store_path), "build")
    assert result.exit_code == 0, result.output
    assert "5 files: 0 ingested, 0 replaced, 5 skipped, 0 rejected" in result.output


def test_validate_conforms_on_sample(sample_store_path):
    result = run("--store", str(sample_store_path), "validate")
    assert result.exit_code == 0, result.output
    assert "Conforms: 5 documents" in result.output


def test_reports_table(sample_store_path):
    result = run("--store", str(sample_store_path), "reports")
    assert result.exit_code == 0
    assert "Hertfordshire (E10000015)  sif-inspection  2015-09-14 to 2015-10-08" in result.output


def test_reports_json_shape(sample_reports):
    d = next(iter(sample_reports.values()))
    assert set(d) == {"id", "source", "kind", "authority", "date", "start_date", "end_date", "published",
                      "inspectors", "judgements", "improvement_points", "findings", "cited_inspections",
                      "claims"}
    for doc in sample_reports.values():
        for p in doc["improvement_points"]:
            assert set(p) == {"id", "number", "text"}


def test_reports_filtered_by_kind_and_date(sample_store_path):
    """--kind and --since/--until keep the documents of those kinds dated in the range (the
    document's date, which the JSON gives); a year or month is its first or last day."""
    def listed(*options: str) -> list[tuple[str, str]]:
        result = run("--store", str(sample_store_path), "reports", "--format", "json", *options)
        assert result.exit_code == 0, result.output
        return [(d["kind"], d["date"]) for d in json.loads(result.output)]

    assert len(listed()) == 5
    assert listed("--kind", "focused-visit") == [("focused-visit", "2021-07-21")]
    assert listed("--since", "2015-09", "--until", "2018") == [("sif-inspection", "2015-09-14"),
                                                               ("press-release", "2018-11-19")]
    assert listed("--kind", "sif-inspection", "--kind", "ilacs-inspection", "--since", "2016") == [
        ("ilacs-inspection", "2023-01-23")]
    assert listed("--authority", "E10000015", "--until", "2011") == [("unannounced-inspection", "2011-05-17")]
    assert listed("--since", "2024") == []
    table = run("--store", str(sample_store_path), "reports", "--since", "2024")
    assert table.exit_code == 0 and table.output == "No stored document matches the options given.\n"


@pytest.mark.parametrize(("options", "message"), [
    (["--kind", "focused-vist"], "'focused-vist': did you mean 'focused-visit'?"),
    (["--since", "2015-13"], "--since '2015-13': expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--authority", "Hertfordshir"], "'Hertfordshir'"),
    (["--authority", "Kent"], "--authority Kent: the store holds no documents about this authority"),
])
def test_reports_bad_filters_say_so(sample_store_path, options, message):
    result = run("--store", str(sample_store_path), "reports", *options)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_reports_show_cited_inspections_and_claims(sample_store_path, sample_reports):
    """What a report says of earlier inspections, and what a press release claims, in the order
    the document says them: the claimed grade is the overall one, not a part's or the last's."""
    sif = next(d for d in sample_reports.values() if d["kind"] == "sif-inspection")
    assert [(c["date"], c["grade"]) for c in sif["cited_inspections"]] == [("2013-03", "adequate"),
                                                                           ("2010-11", "adequate")]
    assert not any(c["approximate"] for c in sif["cited_inspections"])
    ilacs = next(d for d in sample_reports.values() if d["kind"] == "ilacs-inspection")
    # "Since the previous inspection four years ago": a year by arithmetic, marked as rough.
    assert [(c["date"], c["grade"], c["approximate"]) for c in ilacs["cited_inspections"]] == [
        ("2019", "good", True)]
    press = next(d for d in sample_reports.values() if d["kind"] == "press-release")
    assert [(c["kind"], c["grade"]) for c in press["claims"]] == [
        ("grade", "good"), ("grade", "good"), ("recommendations-addressed", None)]
    assert press["claims"][2]["text"].startswith("“It is heartening to hear that recommendations")
    # The press release's "since the last inspection in 2015" is the stored 2015 inspection; the
    # reports' own citations name inspections the sample does not hold.
    assert [(c["date"], c["in_store"]) for c in press["cited_inspections"]] == [("2015", True)]
    assert not any(c["in_store"] for c in sif["cited_inspections"] + ilacs["cited_inspections"])
    table = run("--store", str(sample_store_path), "reports").output
    assert ("  cites: inspection of the local authority's services for looked after children (2010-11, adequate; "
            "not in the store)") in table
    assert "  claims (recommendations-addressed): “It is heartening" in table
    assert "  cites: inspection (about 2019, good; not in the store)" in table
    assert "  cites: inspection (2015)\n" in table


def test_query_json_is_sparql_results_format(sample_store_path):
    result = run("--store", str(sample_store_path), "query", "grade-history",
                 "--param", "authority=Hertfordshire", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "grade" in data["head"]["vars"]
    assert len(data["results"]["bindings"]) == 12
    row = data["results"]["bindings"][0]
    assert row["authority"]["type"] == "uri"


def test_query_csv(sample_store_path):
    result = run("--store", str(sample_store_path), "query", "documents", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 5
    assert {r["kind"] for r in rows} == {"unannounced-inspection", "sif-inspection", "press-release",
                                         "focused-visit", "ilacs-inspection"}


def test_query_unknown_name_lists_what_exists(sample_store_path):
    result = run("--store", str(sample_store_path), "query", "no-such-query")
    assert result.exit_code == 2
    assert "no query named 'no-such-query'" in result.output
    assert "grade-history" in result.output


def test_query_bad_parameter_value(sample_store_path):
    result = run("--store", str(sample_store_path), "query", "documents", "--param", "authority=Atlantis")
    assert result.exit_code == 2
    assert "--param authority='Atlantis': expected authority" in result.output


def test_query_notation_the_vocabulary_lacks_is_an_error(sample_store_path):
    """A misspelt status is not a status no point has: "(no results)" would say no point is
    open. Statuses, areas and kinds are checked against the vocabularies."""
    result = run("--store", str(sample_store_path), "query", "open-points", "--param", "status=not_adressed")
    assert result.exit_code == 2
    assert "--param status='not_adressed': expected status (did you mean 'not_addressed'?" in result.output
    assert "partially_addressed" in result.output
    ok = run("--store", str(sample_store_path), "query", "open-points", "--param", "status=not_addressed")
    assert ok.exit_code == 0, ok.output


def test_misspelt_authority_gets_the_closest_names(sample_store_path):
    """The same words wherever an authority is named: trace's --authority, a query's
    --param, export's --authority."""
    trace = run("--store", str(sample_store_path), "trace", "--authority", "Hertfordshir")
    assert trace.exit_code == 2
    assert "'--authority': 'Hertfordshir': no English local authority has this name or GSS code; " \
           "did you mean 'Hertfordshire'" in trace.output
    query = run("--store", str(sample_store_path), "query", "documents", "--param", "authority=Hertfordshir")
    assert query.exit_code == 2 and "did you mean 'Hertfordshire'" in query.output


@pytest.mark.parametrize("options, message", [
    (["--theme", "exploitaton"], "--theme 'exploitaton': no practice theme has this notation; "
                                 "did you mean exploitation"),
    (["--since", "2019-13"], "--since '2019-13': expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--since", "2020", "--until", "2015"], "--since 2020 is after --until 2015"),
    (["--authority", "Hertfordshire", "--authority", "Norfolk"],
     "--authority Norfolk: the store holds no documents about this authority"),
])
def test_trace_options_are_checked(sample_store_path, options, message):
    result = run("--store", str(sample_store_path), "trace", *options)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_query_file_not_in_utf8_is_a_clear_error(sample_store_path, tmp_path):
    """SPARQL is UTF-8; a file saved in Latin-1 is named, not a traceback. A byte-order mark
    (Notepad's) is fine."""
    latin = tmp_path / "café.rq"
    latin.write_bytes("# café\nSELECT * WHERE { ?s ?p ?o } LIMIT 1\n".encode("latin-1"))
    result = run("--store", str(sample_store_path), "query", str(latin))
    assert result.exit_code == 2
    assert f"{latin}: not UTF-8 text" in result.output and "Traceback" not in result.output
    marked = tmp_path / "marked.rq"
    marked.write_bytes("\ufeff# one row\nSELECT * WHERE { ?s ?p ?o } LIMIT 1\n".encode("utf-8"))
    assert run("--store", str(sample_store_path), "query", str(marked)).exit_code == 0
    missing = run("--store", str(sample_store_path), "query", str(tmp_path / "nosuch.rq"))
    assert missing.exit_code == 2 and f"{tmp_path / 'nosuch.rq'}: no such query file" in missing.output


def test_query_parameter_carrying_sparql_is_just_a_value(sample_store_path, tmp_path):
    rq = tmp_path / "search.rq"
    rq.write_text(
        "# Points whose text equals a string\n"
        "# @param text string x - the exact text\n"
        "PREFIX ikg: <https://w3id.org/inspectkg/ontology#>\n"
        "SELECT ?point ?text WHERE { ?point a ikg:ImprovementPoint ; ikg:text ?text . }\n")
    evil = '" . } ?s ?p ?o . { "'
    result = run("--store", str(sample_store_path), "query", str(rq), "--param", f"text={evil}")
    assert result.exit_code == 0, result.output
    assert "(no results)" in result.output


def test_query_list(sample_store_path):
    result = run("query", "--list")
    assert result.exit_code == 0
    assert "grade-history" in result.output and "--param authority=<authority, optional>" in result.output


def test_query_list_as_json_and_csv_for_tools():
    # `--format` was ignored by `--list`: a tool asking for JSON got the text meant for people.
    listed = json.loads(run("query", "--list", "--format", "json").output)
    by_name = {q["name"]: q for q in listed}
    assert set(by_name) == {q.name for q in library()}
    grade = by_name["grade-history"]
    assert grade["params"] == [{"name": "authority", "type": "authority", "optional": True,
                                "example": "Hertfordshire", "description": "name or GSS code of an authority (optional)"}]
    assert {"name": "grade", "description": "the grade, lower case, on the framework's scale"} in grade["columns"]
    rows = list(csv.DictReader(io.StringIO(run("query", "--list", "--format", "csv").output)))
    assert len(rows) == len(listed)
    assert next(r for r in rows if r["name"] == "grade-history")["params"] == "authority=authority?"


def test_stats(sample_store_path):
    result = run("--store", str(sample_store_path), "stats")
    assert result.exit_code == 0
    stats = dict(line.strip().split(": ") for line in result.output.splitlines())
    assert stats["documents"] == "5"
    # the points by the current status `trace` gave them, as `trace` counts them
    trace = run("--store", str(sample_store_path), "trace", "--format", "json")
    statuses = [p["status"] for p in json.loads(trace.output)]
    assert stats["points not followed up"] == "0"
    assert {k.removeprefix("status "): int(v) for k, v in stats.items() if k.startswith("status ")} \
        == {s: statuses.count(s) for s in CURRENT_STATUSES}
    assert sum(int(v) for k, v in stats.items() if k.startswith("status ")) == int(stats["improvement points"])
    # the points trace links to earlier points (recurrence) and to earlier praise (regression)
    for label, relation in (("points recurring", "recurrence"), ("points regressing", "regression")):
        assert int(stats[label]) == sum(any(r["relation"] == relation for r in p["related"])
                                        for p in json.loads(trace.output))
    assert int(stats["points regressing"]) > 0  # the sample has no recurrence: test_followup's trail has


def test_missing_store_is_a_clear_error(tmp_path):
    result = run("--store", str(tmp_path / "nowhere"), "reports")
    assert result.exit_code == 2
    assert "no store at" in result.output and "inspectkg build" in result.output


def test_build_rejects_bad_files_and_goes_on(tmp_path):
    bad = tmp_path / "inputs"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "recipe.txt").write_text("Put the kettle on. Add two spoons of tea. Wait four minutes.\n")
    sample = Path(__file__).parent.parent / "data" / "sample" / "hertfordshire" / "002_261c65e9d61313d6.txt"
    shutil.copy(sample, bad / "visit.txt")
    result = run("--store", str(tmp_path / "store"), "build", str(bad))
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.output
    assert "recipe.txt: not a recognised inspection report" in result.output
    assert "3 files: 1 ingested, 0 replaced, 0 skipped, 2 rejected" in result.output


def test_build_names_a_path_that_does_not_exist_as_missing_and_goes_on(tmp_path):
    """The line and the summary use one word for it."""
    sample = Path(__file__).parent.parent / "data" / "sample" / "hertfordshire" / "002_261c65e9d61313d6.txt"
    gone = tmp_path / "gone.pdf"
    result = run("--store", str(tmp_path / "store"), "build", str(gone), str(sample))
    assert result.exit_code == 1
    assert f"missing   {gone}: no such file or folder" in result.output
    assert "2 files: 1 ingested, 0 replaced, 0 skipped, 0 rejected, 1 missing" in result.output


def test_build_names_an_empty_folder_and_goes_on(tmp_path):
    """A folder with no file in it (a wrong path among several) is named and the exit code
    says something was wrong, while the other inputs are read."""
    sample = Path(__file__).parent.parent / "data" / "sample" / "hertfordshire" / "002_261c65e9d61313d6.txt"
    hollow = tmp_path / "reports-2019"
    (hollow / "sub").mkdir(parents=True)
    result = run("--store", str(tmp_path / "store"), "build", str(hollow), str(sample))
    assert result.exit_code == 1
    assert f"empty     {hollow}: a folder with no files in it" in result.output
    assert "1 file: 1 ingested" in result.output


def _readme_transcripts() -> list[tuple[str, list[str]]]:
    """The README's examples shown with their output: a block opening "$ inspectkg ..." and the
    lines printed under it ("..." marks lines left out; a line ending "..." is cut short)."""
    blocks = README.read_text(encoding="utf-8").split("```")[1::2]
    out = []
    for block in blocks:
        lines = block.strip("\n").splitlines()
        if lines and lines[0].startswith("$ inspectkg ") and len(lines) > 1:
            out.append((lines[0][2:], lines[1:]))
    return out


def test_the_readme_shows_examples_with_their_output():
    """The check below runs once per example found: with none found, it would check nothing."""
    assert [c for c, _ in _readme_transcripts()] == [
        "inspectkg query grade-history --param authority=Hertfordshire --format csv",
        "inspectkg query open-points --param authority=Hertfordshire --param status=partially_addressed --format csv"]


@pytest.mark.parametrize("command, shown", _readme_transcripts(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_readme_shows_what_its_examples_print(sample_store_path, command, shown):
    """Every line the README prints under an example is in what that command prints on the
    bundled sample, so the README cannot drift from what the tool says (a point once shown
    partly addressed there no longer was)."""
    import shlex

    result = run("--store", str(sample_store_path), *shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    printed = result.output.splitlines()
    for line in shown:
        if line == "...":
            continue
        if line.endswith("..."):
            assert any(p.startswith(line[:-3].rstrip()) for p in printed), line
        else:
            assert line in printed, line


def test_the_readme_names_the_current_reading_version():
    """The README quotes the message of a document read by an earlier version: the version it
    names as current is the reader's (it stayed at 6 after the reader became 7)."""
    from inspectkg.graph.mapping import READER_VERSION

    quoted = re.findall(r"earlier version of inspectkg's reading \(version \d+, now (\d+)\)", README.read_text(encoding="utf-8"))
    assert quoted == [str(READER_VERSION)]


def test_an_update_given_to_query_is_named_as_one(sample_store_path, tmp_path):
    update = tmp_path / "fix.rq"
    update.write_text("# mend a label\nPREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }\n",
                      encoding="utf-8")
    result = run("--store", str(sample_store_path), "query", str(update))
    assert result.exit_code == 2, result.output
    assert "this is a SPARQL Update, which is not run: documents are written by `inspectkg build`" in result.output
    assert "expected CONSTRUCT" not in result.output


def test_a_parameter_given_two_values_is_a_clear_error(sample_store_path):
    result = run("--store", str(sample_store_path), "query", "grade-history",
                 "--param", "authority=Hertfordshire", "--param", "authority=Kent")
    assert result.exit_code == 2, result.output
    assert "authority is given twice ('Hertfordshire' and 'Kent')" in result.output


def test_every_command_has_help_and_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    for name, command in main.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0 and command.help
        assert f"inspectkg {name}" in text, name


@pytest.mark.skipif(shutil.which("inspectkg", path=str(Path(sys.executable).parent)) is None,
                    reason="console script not installed next to this Python")
def test_installed_command_works_from_another_directory(tmp_path):
    exe = shutil.which("inspectkg", path=str(Path(sys.executable).parent))
    store = tmp_path / "store"
    for args in (["build", "--quiet"], ["validate"], ["query", "documents", "--format", "csv"]):
        done = subprocess.run([exe, "--store", str(store), *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr


def test_query_missing_parameter_says_what_is_needed(sample_store_path):
    result = run("--store", str(sample_store_path), "query", "point-trail")
    assert result.exit_code == 2
    assert "needs --param point=VALUE" in result.output
    assert "point (iri, e.g. https://" in result.output


def test_every_file_in_a_folder_gets_an_answer(tmp_path):
    folder = tmp_path / "downloads"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    (folder / "sub" / "README").write_text("Reports downloaded from Ofsted.\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    shutil.copy(Path(__file__).parent.parent / "data" / "sample" / "hertfordshire" / "002_261c65e9d61313d6.txt",
                folder / "sub" / "visit.txt")
    result = run("--store", str(tmp_path / "store"), "build", str(folder))
    assert result.exit_code == 1
    assert "notes.docx: not a PDF, HTML or text file: a ZIP archive" in result.output
    assert "README: not a recognised inspection report" in result.output
    assert ".DS_Store" not in result.output  # hidden files are not inputs
    assert "3 files: 1 ingested, 0 replaced, 0 skipped, 2 rejected" in result.output


def test_a_build_stopped_before_its_follow_up_is_finished_by_the_next_build(tmp_path):
    """Documents stored without their follow-up (a build killed after reading)
    are followed up by the next build, though it skips every file."""
    from inspectkg import resources
    from inspectkg.graph.build import build
    from inspectkg.graph.store import Store

    store_dir = tmp_path / "store"
    with Store(store_dir) as store:
        build([resources.sample_dir()], store)  # reading and storing only: the state a kill leaves
    again = CliRunner().invoke(main, ["--store", str(store_dir), "build"])
    assert again.exit_code == 0, again.output
    assert "0 ingested" in again.output and "5 skipped" in again.output
    assert "improvement points of 1 authority through" in again.output
    trace = CliRunner().invoke(main, ["--store", str(store_dir), "trace", "--format", "json"])
    assert trace.exit_code == 0, trace.output
    assert {p["status"] for p in json.loads(trace.output)} - {"no_later_inspection"}
    # Followed up now: a third build has nothing left to follow.
    third = CliRunner().invoke(main, ["--store", str(store_dir), "build"])
    assert "improvement points" not in third.output


def test_follow_ups_of_another_method_version_are_redone_by_the_next_build(tmp_path, monkeypatch):
    """After an upgrade of the follow-up method, a build (or trace) follows every
    authority up again, though no document changed, and compacts the store: the
    replaced graphs would otherwise stay in its files and slow every query down."""
    from inspectkg.followup.rdf import METHOD_AGENT
    from inspectkg.followup.trace import stale_authorities
    from inspectkg.graph.iris import followup_graph
    from inspectkg.graph.store import Store
    from rdflib import URIRef
    from rdflib.namespace import PROV

    store_dir = tmp_path / "store"
    first = CliRunner().invoke(main, ["--store", str(store_dir), "build"])
    assert first.exit_code == 0, first.output
    older = URIRef(str(METHOD_AGENT).rsplit("/", 1)[0] + "/0.9")

    def downgrade() -> None:
        with Store(store_dir) as store:
            assert not stale_authorities(store)
            name = next(n for n in store.graph_names() if str(n).startswith(str(followup_graph(""))))
            graph = store.graph(name)
            for s, p, o in list(graph.triples((None, PROV.wasAssociatedWith, METHOD_AGENT))):
                graph.remove((s, p, o))
                graph.add((s, p, older))
            store.replace_graph(name, graph)
            assert len(stale_authorities(store)) == 1

    compacted: list[str] = []
    real_compact = Store.compact
    monkeypatch.setattr(Store, "compact", lambda self: (compacted.append("x"), real_compact(self))[1])
    downgrade()
    again = CliRunner().invoke(main, ["--store", str(store_dir), "build"])
    assert again.exit_code == 0, again.output
    assert "5 skipped" in again.output and "improvement points of 1 authority through" in again.output
    assert len(compacted) == 1  # no document was stored: the follow-up's rewrite compacted it
    with Store(store_dir) as store:
        assert not stale_authorities(store)
    downgrade()
    assert CliRunner().invoke(main, ["--store", str(store_dir), "trace", "--format", "json"]).exit_code == 0
    assert len(compacted) == 2
    with Store(store_dir) as store:
        assert not stale_authorities(store)
    # Nothing out of date: nothing rewritten, nothing compacted.
    assert CliRunner().invoke(main, ["--store", str(store_dir), "trace", "--format", "json"]).exit_code == 0
    assert CliRunner().invoke(main, ["--store", str(store_dir), "build"]).exit_code == 0
    assert len(compacted) == 2



def test_documents_read_by_an_earlier_version_are_read_again_by_the_next_build(tmp_path):
    """After an upgrade that reads files better, building the same folder reads again the
    files whose stored graphs the earlier version wrote (not "already stored"), follows their
    authority up again, and leaves one graph per document, even where the earlier reading
    put the document under another IRI (a date read wrongly)."""
    from inspectkg.followup.trace import stale_authorities
    from inspectkg.graph.iris import followup_graph
    from inspectkg.graph.namespace import IKG
    from inspectkg.graph.store import Store
    from rdflib import Literal, URIRef

    store_dir = tmp_path / "store"
    assert CliRunner().invoke(main, ["--store", str(store_dir), "build"]).exit_code == 0
    with Store(store_dir) as store:
        documents = sorted(str(d) for d in store.stored_hashes().values())
        first, second = (URIRef(d) for d in documents[:2])
        # The first as version 1 wrote it: no version recorded, and a point's words garbled.
        graph = store.graph(first)
        graph.remove((first, IKG.readerVersion, None))
        point, text = next((p, t) for p, t in graph.subject_objects(IKG.text) if "/point/" in str(p))
        graph.set((point, IKG.text, Literal("garbled " + str(text))))
        store.replace_graph(first, graph)
        # The second under a wrong date, as an earlier reading might have put it.
        moved = URIRef(str(second).rsplit("/", 1)[0] + "/1999-01-01")
        graph = store.graph(second)
        graph.set((second, IKG.readerVersion, Literal(1)))
        for s, p, o in list(graph):
            if s == second:
                graph.remove((s, p, o))
                graph.add((moved, p, o))
        store.replace_graph(moved, graph)
        store.remove_graph(second)
        gss = str(graph.value(moved, IKG.aboutAuthority)).rsplit("/", 1)[-1]
        assert store.has_graph(followup_graph(gss)) and not stale_authorities(store)

    again = CliRunner().invoke(main, ["--store", str(store_dir), "build"])
    assert again.exit_code == 0, again.output
    assert "3 skipped" in again.output and "2 replaced" in again.output
    assert again.output.count("read again: its stored graph was written by an earlier version of "
                              "inspectkg's reading (version 1, now ") == 2
    assert "improvement points of 1 authority through" in again.output
    with Store(store_dir) as store:
        assert sorted(str(d) for d in store.stored_hashes().values()) == documents
        assert not store.has_graph(moved) and not stale_authorities(store)
        assert str(store.graph(first).value(point, IKG.text)) == str(text)
        # A document read again supersedes nothing of its own.
        assert not list(store.graph(first).objects(first, IKG.supersedesHash))
        assert not list(store.graph(second).objects(second, IKG.supersedesSource))
    third = CliRunner().invoke(main, ["--store", str(store_dir), "build"])
    assert "5 skipped" in third.output and "improvement points" not in third.output
    assert "earlier version" not in third.output
    # A build of other files says how many stored documents an earlier version read.
    from inspectkg import resources

    with Store(store_dir) as store:
        graph = store.graph(first)
        graph.remove((first, IKG.readerVersion, None))
        store.replace_graph(first, graph)
        source = str(store.graph(second).value(second, IKG.sourceFile))
    other = CliRunner().invoke(main, ["--store", str(store_dir), "build", str(resources.sample_dir() / source)])
    assert "1 skipped" in other.output
    assert ("1 stored document read by an earlier version of inspectkg: build their files again to read "
            "them with this one") in other.output

def test_a_follow_up_graph_that_does_not_name_its_authority_is_stale(tmp_path):
    """Follow-up graphs written before they named their authority (ikg:followsUp)
    cannot be reached by the authority-subgraph query: the next build redoes them."""
    from inspectkg.followup.trace import stale_authorities
    from inspectkg.graph.iris import followup_graph
    from inspectkg.graph.namespace import IKG
    from inspectkg.graph.store import Store

    store_dir = tmp_path / "store"
    assert CliRunner().invoke(main, ["--store", str(store_dir), "build"]).exit_code == 0
    with Store(store_dir) as store:
        name = next(n for n in store.graph_names() if str(n).startswith(str(followup_graph(""))))
        graph = store.graph(name)
        assert len(list(graph.triples((None, IKG.followsUp, None)))) == 1
        graph.remove((None, IKG.followsUp, None))
        store.replace_graph(name, graph)
        assert len(stale_authorities(store)) == 1
    again = CliRunner().invoke(main, ["--store", str(store_dir), "build"])
    assert "improvement points of 1 authority through" in again.output
    with Store(store_dir) as store:
        assert not stale_authorities(store)


def test_trace_rewrites_only_the_follow_ups_that_are_out_of_date(tmp_path):
    """`trace` prints every trail but stores only follow-up graphs that are stale:
    a current one is what it would write, and rewriting it grows the store and
    makes validation check it again."""
    from inspectkg.followup.rdf import METHOD_AGENT
    from inspectkg.followup.trace import stale_authorities
    from inspectkg.graph.iris import followup_graph
    from inspectkg.graph.store import CHANGES_NAME, Store
    from rdflib import URIRef
    from rdflib.namespace import PROV

    store_dir = tmp_path / "store"
    journal = store_dir / CHANGES_NAME
    assert run("--store", str(store_dir), "build").exit_code == 0
    assert run("--store", str(store_dir), "validate").exit_code == 0  # clears the journal
    assert journal.read_text(encoding="utf-8") == ""
    current = run("--store", str(store_dir), "trace", "--format", "json")
    assert current.exit_code == 0, current.output
    assert journal.read_text(encoding="utf-8") == ""  # nothing written
    with Store(store_dir) as store:  # the follow-up made by an older method: stale
        name = next(n for n in store.graph_names() if str(n).startswith(str(followup_graph(""))))
        graph = store.graph(name)
        older = URIRef(str(METHOD_AGENT).rsplit("/", 1)[0] + "/0.9")
        for s, p, o in list(graph.triples((None, PROV.wasAssociatedWith, METHOD_AGENT))):
            graph.remove((s, p, o))
            graph.add((s, p, older))
        store.replace_graph(name, graph)
    journal.write_text("", encoding="utf-8")
    redone = run("--store", str(store_dir), "trace", "--format", "json")
    assert redone.exit_code == 0, redone.output
    assert journal.read_text(encoding="utf-8").split() == [str(name)]
    assert json.loads(redone.output) == json.loads(current.output)
    with Store(store_dir) as store:
        assert not stale_authorities(store)
        assert (None, PROV.wasAssociatedWith, METHOD_AGENT) in store.graph(name)


def test_the_trace_table_names_each_point_as_trace_takes_it(sample_store_path):
    """A person reading the table can follow one point alone: each point's id is printed, and
    `trace ID` prints that point only."""
    table = run("--store", str(sample_store_path), "trace", "--authority", "Hertfordshire").output
    ids = [line.split("id: ", 1)[1] for line in table.splitlines() if line.startswith("  id: ")]
    assert len(ids) == 21 and len(set(ids)) == 21
    one = run("--store", str(sample_store_path), "trace", ids[5])
    assert one.exit_code == 0, one.output
    assert [line for line in one.output.splitlines() if line.startswith("  id: ")] == [f"  id: {ids[5]}"]
    status = one.output.split("]", 1)[0].lstrip("[").split(" (as of")[0]
    assert one.output.rstrip().endswith(f"1 point: 1 {status}")
    # The header says which document the status comes from.
    data = json.loads(run("--store", str(sample_store_path), "trace", ids[5], "--format", "json").output)[0]
    assert one.output.startswith(f"[{status} (as of the {data['status_from']['date']} {data['status_from']['kind']})]")


def test_trace_of_one_point_traces_only_its_authority(tmp_path):
    """`trace POINT` follows the authority that raised the point, not every
    authority of the store: the other authority's follow-up is left for later."""
    from inspectkg import resources
    from inspectkg.followup.trace import stale_authorities
    from inspectkg.graph.build import build
    from inspectkg.graph.iris import followup_graph
    from inspectkg.graph.store import CHANGES_NAME, Store

    store_dir = tmp_path / "store"
    other = Path(__file__).parent / "data" / "national" / "calderdale-8e9bb04311.pdf"
    with Store(store_dir) as store:  # stored, neither authority followed up yet
        build([resources.sample_dir(), other], store)
        assert len(stale_authorities(store)) == 2
    (store_dir / CHANGES_NAME).write_text("", encoding="utf-8")
    point = "https://w3id.org/inspectkg/id/document/E10000015/sif-inspection/2015-09-14/point/6"
    result = run("--store", str(store_dir), "trace", point, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [t["id"] for t in json.loads(result.output)] == [point]
    written = (store_dir / CHANGES_NAME).read_text(encoding="utf-8").split()
    assert written == [str(followup_graph("E10000015"))]
    with Store(store_dir) as store:
        assert [str(a) for a in stale_authorities(store)] == ["https://w3id.org/inspectkg/id/authority/E08000033"]
    for unknown in (point + "0", "not a point"):
        missing = run("--store", str(store_dir), "trace", unknown)
        assert missing.exit_code == 2
        assert f"no improvement point '{unknown}' in the store" in missing.output


def test_file_names_that_are_not_utf8_are_read_and_named(tmp_path):
    """A folder unpacked from an old Windows zip names a file in bytes that are not UTF-8
    ("r\\xe9port"). Its report is read and stored like any other, its name shown with "\\ufffd"
    where the byte was; the other files go through (a traceback stopped the whole build, storing
    nothing, when the name reached the lock note and the document's graph)."""
    import os

    folder = tmp_path / "unpacked"
    folder.mkdir()
    constructed = Path(__file__).parent / "data" / "constructed"
    shutil.copy(constructed / "slac_inspection_2011_wiltshire.txt", os.path.join(os.fsencode(folder), b"Wiltshire r\xe9port.txt"))
    shutil.copy(constructed / "cp_inspection_2013_cheshire_east.txt", folder / "cheshire.txt")
    (folder / os.fsdecode(b"notes\xe9.txt")).write_text("shopping list", encoding="utf-8")
    store = tmp_path / "store"
    done = subprocess.run([sys.executable, "-c", "from inspectkg.cli import main; main()", "--store", os.fsencode(store),
                           "build", os.fsencode(folder), os.fsencode(tmp_path) + b"/gone\xe9.pdf"],
                          capture_output=True, timeout=300)
    out = done.stdout.decode("utf-8") + done.stderr.decode("utf-8")
    assert done.returncode == 1, out  # a file rejected and one missing, not a crash
    assert "Traceback" not in out
    assert f"ingested  {folder}/Wiltshire r\ufffdport.txt: slac-inspection, Wiltshire, 2011-02-07" in out
    assert f"ingested  {folder}/cheshire.txt: cp-inspection, Cheshire East, 2013-03-11" in out
    assert f"rejected  {folder}/notes\ufffd.txt: not a recognised inspection report" in out
    assert f"missing   {tmp_path}/gone\ufffd.pdf: no such file or folder" in out
    reports = json.loads(run("--store", str(store), "reports", "--format", "json").output)
    assert sorted(d["source"] for d in reports) == ["Wiltshire r\ufffdport.txt", "cheshire.txt"]
    assert "Conforms: 2 documents" in run("--store", str(store), "validate").output
