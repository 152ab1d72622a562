"""The store survives what users do to it: a build killed mid-way, two commands
at once, and two versions of the same inspection.

These run real `inspectkg` processes on a real on-disk store; the kill is a
real SIGKILL. Set INSPECTKG_REPEAT=20 to run the kill and concurrency tests
twenty times each.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from inspectkg.cli import main
from inspectkg.graph.build import build
from inspectkg.graph.iris import REFERENCE_GRAPH, VOCABULARY_GRAPH
from inspectkg.graph.lock import LOCK_NAME
from inspectkg.graph.namespace import IKG
from inspectkg.graph.store import Store
from inspectkg.graph.validate import validate_store
from rdflib import URIRef

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "hertfordshire"
NATIONAL = Path(__file__).parent / "data" / "national"
REPEAT = int(os.environ.get("INSPECTKG_REPEAT", "1"))
CLI = [sys.executable, "-c", "import sys; from inspectkg.cli import main; sys.exit(main())"]


def inspectkg(store: Path, *args: str, timeout: float | None = None, **popen: object) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if timeout is not None:
        env["INSPECTKG_LOCK_TIMEOUT"] = str(timeout)
    return subprocess.Popen([*CLI, "--store", str(store), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, **popen)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of real reports: the sample's text files and real PDFs of other authorities."""
    folder = tmp_path_factory.mktemp("inputs")
    reports = [f for f in sorted(NATIONAL.glob("*.pdf")) if "21198b3863" not in f.name]  # not the error pages
    for f in sorted(SAMPLE.glob("*.txt")) + reports:
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def clean_build(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Triples per document graph after an undisturbed build: what 'whole' means."""
    store = Store(tmp_path_factory.mktemp("clean") / "store")
    result = build([inputs], store)
    sizes = {o.path: len(store.graph(o.document)) for o in result.outcomes if o.document}
    store.close()
    return sizes


def document_sizes(store: Store) -> dict[str, int]:
    """source path -> triples in its graph, for every document graph stored."""
    out = {}
    for doc, _, source, graph in store.quads(p=IKG.sourceFile):
        if graph == doc:
            out[str(source)] = len(store.graph(doc))
    return out


@pytest.mark.parametrize("attempt", range(REPEAT))
def test_a_build_killed_midway_leaves_whole_documents_and_an_open_store(
        attempt, inputs, clean_build, tmp_path):
    store_path = tmp_path / "store"
    build_proc = inspectkg(store_path, "build", str(inputs))
    reported: list[str] = []
    wanted = 2 + attempt % 4  # kill at different points on repeated runs
    for line in build_proc.stdout:  # type: ignore[union-attr]
        if line.startswith("ingested"):
            reported.append(line.split()[1].rstrip(":"))
            if len(reported) == wanted:
                build_proc.send_signal(signal.SIGKILL)
                break
    build_proc.wait(timeout=60)
    assert build_proc.returncode == -signal.SIGKILL, "the build ended before it could be killed"

    with Store(store_path) as store:  # opens: no corruption, lock released by the kernel
        stored = document_sizes(store)
        names = {Path(p).name for p in stored}
        for path in reported:  # everything reported done is there, whole
            assert Path(path).name in names
        for path, size in stored.items():  # nothing half written
            expected = {Path(p).name: n for p, n in clean_build.items()}[Path(path).name]
            assert size == expected, f"{path}: {size} triples, a whole build has {expected}"
        # At most one document was committed but not yet reported when the kill landed.
        assert len(stored) - len(reported) in (0, 1)
        assert REFERENCE_GRAPH in store.graph_names() and VOCABULARY_GRAPH in store.graph_names()
        assert validate_store(store).conforms

    # And the next build completes the job.
    finish = inspectkg(store_path, "build", "-q", str(inputs))
    out, err = finish.communicate(timeout=300)
    assert finish.returncode == 0, err
    with Store(store_path, read_only=True) as store:
        assert {Path(p).name: n for p, n in document_sizes(store).items()} == \
            {Path(p).name: n for p, n in clean_build.items()}


@pytest.mark.parametrize("attempt", range(REPEAT))
def test_a_reader_waits_for_a_writer_or_fails_naming_the_lock(attempt, inputs, tmp_path):
    store_path = tmp_path / "store"
    writer = inspectkg(store_path, "build", str(inputs))
    assert writer.stdout is not None
    writer.stdout.readline()  # the writer holds the lock once it reports its first file
    # Both readers start now, while the writer holds the lock: the patient one started after the
    # impatient one gave up, and on a fast machine the build could be over before it asked.
    patient = inspectkg(store_path, "query", "documents", "--format", "csv", timeout=300)
    impatient = inspectkg(store_path, "query", "documents", timeout=0.3)
    out, err = impatient.communicate(timeout=60)
    assert impatient.returncode == 2
    assert str(store_path / LOCK_NAME) in err and "locked by another inspectkg command" in err
    assert "pid" in err and "build" in err  # says who holds it
    assert "Traceback" not in err

    out, err = patient.communicate(timeout=300)
    writer.communicate(timeout=300)
    assert writer.returncode == 0
    assert patient.returncode == 0, err
    assert "Waiting for the store lock" in err
    assert out.count("\n") - 1 == 12  # every document: it read after the build, not during


@pytest.mark.parametrize("attempt", range(REPEAT))
def test_two_builds_at_once_both_finish_and_the_store_is_whole(attempt, inputs, clean_build, tmp_path):
    store_path = tmp_path / "store"
    first = inspectkg(store_path, "build", "-q", str(inputs))
    time.sleep(0.2)
    second = inspectkg(store_path, "build", "-q", str(inputs), timeout=300)
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    with Store(store_path, read_only=True) as store:
        assert {Path(p).name: n for p, n in document_sizes(store).items()} == \
            {Path(p).name: n for p, n in clean_build.items()}


def republished(tmp_path: Path, name: str, published: str, change: str) -> Path:
    """The 2015 sample report re-published on another date with one sentence changed."""
    text = (SAMPLE / "001_27b32c10be8258a7.txt").read_text(encoding="utf-8")
    assert "Report published: 27 November 2015" in text
    text = text.replace("Report published: 27 November 2015", f"Report published: {published}")
    text = text.replace("The LSCB disseminates learning from case reviews well",
                        f"The LSCB disseminates learning from case reviews {change}")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_two_versions_of_one_inspection_later_publication_wins_and_both_stay_traceable(tmp_path):
    first = tmp_path / "first.txt"
    shutil.copy(SAMPLE / "001_27b32c10be8258a7.txt", first)
    newer = republished(tmp_path, "newer.txt", "4 December 2015", "very well")
    older = republished(tmp_path, "older.txt", "20 November 2015", "only sporadically")
    store = Store(tmp_path / "store")

    result = build([first, newer, older], store)
    statuses = [(Path(o.path).name, o.status) for o in result.outcomes]
    assert statuses == [("first.txt", "ingested"), ("newer.txt", "replaced"), ("older.txt", "skipped")]
    assert "earlier version" in result.outcomes[2].reason and "kept" in result.outcomes[2].reason
    doc = URIRef(result.outcomes[0].document)
    assert result.outcomes[1].document == str(doc) and result.outcomes[2].document == str(doc)
    graph = store.graph(doc)
    assert str(graph.value(doc, IKG.sourceFile)) == "newer.txt"
    assert any("learning from case reviews very well" in str(o) for o in graph.objects())
    assert not any("sporadically" in str(o) for o in graph.objects())
    # Both other sources stay traceable, by file name and content hash.
    sources = {str(s) for _, _, s, _ in store.quads(doc, IKG.supersedesSource)}
    assert sources == {"first.txt", "older.txt"}
    hashes = {str(h) for _, _, h, _ in store.quads(doc, IKG.supersedesHash)}
    assert len(hashes) == 2

    # Building the same folder again is stable: nothing flips back.
    again = build([first, newer, older], store)
    assert [o.status for o in again.outcomes] == ["skipped", "skipped", "skipped"]
    assert str(store.graph(doc).value(doc, IKG.sourceFile)) == "newer.txt"
    assert validate_store(store).conforms



def test_an_earlier_reading_of_an_older_version_goes_when_the_file_is_read_again(tmp_path):
    """An earlier version of inspectkg read the older of two versions of an inspection under
    another IRI (a date read wrongly). Read again, the file is that inspection's older version,
    skipped as such, and its earlier reading does not stay behind as a document of its own."""
    from rdflib import Graph, Literal

    newer = republished(tmp_path, "newer.txt", "4 December 2015", "very well")
    older = republished(tmp_path, "older.txt", "20 November 2015", "only sporadically")
    store = Store(tmp_path / "store")
    doc = URIRef(build([newer], store).outcomes[0].document)
    scratch = Store(tmp_path / "scratch")
    read = scratch.graph(URIRef(build([older], scratch).outcomes[0].document))
    moved = URIRef(str(doc).rsplit("/", 1)[0] + "/1999-01-01")
    earlier = Graph()
    for s, p, o in read:
        earlier.add((moved if s == doc else s, p, o))
    earlier.set((moved, IKG.readerVersion, Literal(1)))
    store.replace_graph(moved, earlier)

    result = build([older], store)
    assert [o.status for o in result.outcomes] == ["skipped"]
    assert "earlier version" in result.outcomes[0].reason
    assert not store.has_graph(moved)
    assert set(store.stored_hashes().values()) == {doc}

def test_a_full_disk_stops_the_build_cleanly_and_keeps_what_was_stored(inputs, clean_build, tmp_path):
    """A file size limit makes the disk 'full' for the build's process (no mount
    needed): writes fail with EFBIG, as they would with ENOSPC."""
    import resource

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (6_000_000, 6_000_000))

    store_path = tmp_path / "store"
    proc = inspectkg(store_path, "build", str(inputs), preexec_fn=small_disk)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 2, (out, err)
    assert "Error: cannot write" in err and "It was not written" in err
    assert "Traceback" not in err
    reported = {line.split()[1].rstrip(":") for line in out.splitlines() if line.startswith("ingested")}
    with Store(store_path) as store:  # opens, without the limit
        stored = document_sizes(store)
        assert {Path(p).name for p in stored} == {Path(p).name for p in reported}
        whole = {Path(p).name: n for p, n in clean_build.items()}
        assert all(n == whole[Path(p).name] for p, n in stored.items())


def test_ctrl_c_stops_a_build_with_a_message_and_whole_documents(inputs, clean_build, tmp_path):
    # On a loaded machine the build can finish between its first line and the
    # signal: that attempt proves nothing, so try again (a build that ignored
    # Ctrl-C would finish every time).
    for attempt in range(3):
        store_path = tmp_path / f"store-{attempt}"
        # A command started from a terminal has Ctrl-C's default action; a test
        # run launched in the background (`cmd &` in a script) ignores SIGINT,
        # which its children would inherit.
        proc = inspectkg(store_path, "build", str(inputs), start_new_session=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("ingested")
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends the whole process group on Ctrl-C
        out, err = proc.communicate(timeout=300)
        finished = proc.returncode == 0 and "0 rejected" in out and not err
        if not finished:
            break
    assert proc.returncode == 130, (out, err)
    assert "Interrupted: every file reported above is stored whole" in err
    assert "Traceback" not in err
    reported = {line.split()[1].rstrip(":") for line in [first, *out.splitlines()] if line.startswith("ingested")}
    with Store(store_path) as store:
        stored = document_sizes(store)
        assert {Path(p).name for p in reported} <= {Path(p).name for p in stored}
        assert len(stored) - len(reported) in (0, 1)
        whole = {Path(p).name: n for p, n in clean_build.items()}
        assert all(n == whole[Path(p).name] for p, n in stored.items())


def test_trace_runs_beside_a_server_while_the_follow_up_is_current(tmp_path):
    """`serve` holds the store's shared lock for as long as it runs; `trace`
    needs the exclusive one only to store a follow-up that is out of date."""
    import json

    store_path = tmp_path / "store"
    built = inspectkg(store_path, "build", str(SAMPLE))
    assert built.wait(timeout=300) == 0, built.stderr.read()  # type: ignore[union-attr]
    server = inspectkg(store_path, "serve", "--port", "0")
    try:
        assert "SPARQL endpoint" in server.stdout.readline()  # type: ignore[union-attr]
        trace = inspectkg(store_path, "trace", "--format", "json", timeout=2)
        out, err = trace.communicate(timeout=300)
        assert trace.returncode == 0, err
        assert len(json.loads(out)) > 10
    finally:
        server.terminate()
        server.wait(timeout=10)


SAMPLE_LETTER = SAMPLE / "002_261c65e9d61313d6.txt"


def test_a_store_is_never_made_in_a_folder_of_other_files(tmp_path):
    """`--store reports/` by mistake: the command says so and writes nothing among the reports."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "letter.txt").write_text(SAMPLE_LETTER.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["--store", str(reports), "build", str(SAMPLE_LETTER)])
    assert result.exit_code == 2, result.output
    assert f"cannot open the store at {reports}: the folder holds other files (letter.txt) and no store" \
        in result.output
    assert [p.name for p in reports.iterdir()] == ["letter.txt"]


def test_a_url_of_another_kind_is_not_taken_for_a_folder(tmp_path, monkeypatch):
    """`--store ftp://host/store` was read as a folder "ftp:/host/store" (and `build` would have
    made one in the working directory)."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--store", "ftp://host/store", "build", str(SAMPLE_LETTER)])
    assert result.exit_code == 2, result.output
    assert "--store ftp://host/store: a ftp URL is not a store" in result.output
    assert list(tmp_path.iterdir()) == []


def test_reading_an_empty_folder_says_there_is_no_store_and_leaves_it_empty(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["--store", str(empty), "stats"])
    assert result.exit_code == 2, result.output
    assert f"no store at {empty}: run `inspectkg build` first" in result.output
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize("damage, message", [
    ("file", "it is a file; a store is a folder"),
    ("corrupt", "the database there is damaged or in use by another program (Corruption"),
])
def test_a_store_that_is_not_one_is_a_clear_error(tmp_path, damage, message):
    store = tmp_path / "store"
    if damage == "file":
        store.write_text("not a store\n", encoding="utf-8")
    else:
        store.mkdir()
        (store / "CURRENT").write_text("not what RocksDB wrote\n", encoding="utf-8")
    for command in (["stats"], ["build", str(SAMPLE_LETTER)]):
        result = CliRunner().invoke(main, ["--store", str(store), *command])
        assert result.exit_code == 2, result.output
        assert message in result.output
        assert "Traceback" not in result.output
