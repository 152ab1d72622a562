"""One named graph per document: re-ingesting is a no-op; a changed version replaces its graph."""

from __future__ import annotations

import shutil
from pathlib import Path

from inspectkg.graph.build import build
from inspectkg.graph.namespace import IKG
from inspectkg.graph.store import Store
from rdflib.compare import isomorphic

SAMPLE = Path(__file__).parent.parent / "data" / "sample" / "hertfordshire"


def test_same_document_twice_changes_nothing(tmp_path):
    src = tmp_path / "visit.txt"
    shutil.copy(SAMPLE / "002_261c65e9d61313d6.txt", src)
    store = Store(tmp_path / "store")
    first = build([src], store)
    assert [o.status for o in first.outcomes] == ["ingested"]
    doc = first.outcomes[0].document
    before = store.graph(doc)
    size = len(store)
    again = build([src], store)
    assert [o.status for o in again.outcomes] == ["skipped"]
    assert len(store) == size
    assert isomorphic(store.graph(doc), before)


def test_changed_version_replaces_its_graph(tmp_path):
    src = tmp_path / "visit.txt"
    text = (SAMPLE / "002_261c65e9d61313d6.txt").read_text(encoding="utf-8")
    src.write_text(text, encoding="utf-8")
    store = Store(tmp_path / "store")
    doc = build([src], store).outcomes[0].document
    old_hash = str(store.graph(doc).value(None, IKG.contentHash))
    src.write_text(text.replace("The quality and frequency of supervision",
                                "The quality, consistency and frequency of supervision"), encoding="utf-8")
    result = build([src], store)
    assert [o.status for o in result.outcomes] == ["replaced"]
    assert result.outcomes[0].document == doc
    g = store.graph(doc)
    hashes = {str(h) for h in g.objects(None, IKG.contentHash)}
    assert len(hashes) == 1 and old_hash not in hashes
    texts = {str(t) for t in g.objects(None, IKG.text)}
    assert any("quality, consistency and frequency" in t for t in texts)
    assert not any(t.startswith("The quality and frequency of supervision") for t in texts)
    assert len([n for n in store.graph_names() if "/document/" in n]) == 1


def test_a_build_compacts_the_store_only_after_a_large_load(tmp_path, monkeypatch):
    from inspectkg.graph import build as build_module
    from inspectkg.graph.build import compact_if_grown

    store = Store(tmp_path / "store")
    first = build([SAMPLE], store)
    size = len(store)
    assert compact_if_grown(store, first)  # five documents into an empty store
    assert len(store) == size  # compaction rewrites files, not statements
    again = build([SAMPLE], store)
    assert not compact_if_grown(store, again)  # nothing stored: nothing to compact
    one = tmp_path / "one"
    one.mkdir()
    src = one / "visit.txt"
    src.write_text((SAMPLE / "002_261c65e9d61313d6.txt").read_text(encoding="utf-8")
                   .replace("The quality and frequency of supervision", "The frequency of supervision"),
                   encoding="utf-8")
    # One replaced document of five is a fifth of the store: under a threshold of a half it
    # is a small change, left as it is; at the threshold of a tenth it is compacted.
    replaced = build([one], store)
    monkeypatch.setattr(build_module, "COMPACT_SHARE", 0.5)
    assert not compact_if_grown(store, replaced)
    monkeypatch.setattr(build_module, "COMPACT_SHARE", 0.1)
    assert compact_if_grown(store, replaced)
    store.close()


def _log_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.glob("*.log"))


def test_compacting_gives_back_the_write_ahead_log(tmp_path):
    # RocksDB deletes its obsolete log files only when a database is opened for
    # writing: without the reopen in compact() they stayed beside the compacted files.
    store = Store(tmp_path / "store")
    build([SAMPLE], store)
    size = len(store)
    assert _log_bytes(tmp_path / "store") > 1_000_000  # the five documents, logged
    store.compact()
    assert _log_bytes(tmp_path / "store") < 100_000
    assert len(store) == size  # the reopened store holds everything and still writes
    src = tmp_path / "visit.txt"
    shutil.copy(SAMPLE / "002_261c65e9d61313d6.txt", src)
    assert [o.status for o in build([src], store).outcomes] == ["skipped"]
    src.write_text(src.read_text(encoding="utf-8").replace(
        "The quality and frequency of supervision", "The frequency of supervision"), encoding="utf-8")
    assert [o.status for o in build([src], store).outcomes] == ["replaced"]
    written = len(store)
    store.close()
    with Store(tmp_path / "store", read_only=True) as reader:
        assert len(reader) == written
        assert any("The frequency of supervision" in str(t) for _, _, t, _ in reader.quads(p=IKG.text))


def test_a_build_flushes_as_it_writes_and_stores_the_same(sample_store_path, tmp_path, monkeypatch):
    """The embedded store flushes every FLUSH_EVERY_CHARS of N-Triples written, not once after
    a whole build: RocksDB's manual flush can wait forever on a backlog of full memory tables
    (graph/store.py). Flushed after every graph, a build stores what the sample build stored."""
    from inspectkg import resources

    flushes = []
    monkeypatch.setattr(Store, "FLUSH_EVERY_CHARS", 1)
    monkeypatch.setattr(Store, "flush", lambda self, real=Store.flush: (flushes.append(1), real(self))[1])
    with Store(tmp_path / "store") as store:
        result = build([resources.sample_dir()], store)
        documents = result.count("ingested")
        # One flush a document graph, before the build's own at its end.
        assert documents == 5 and len(flushes) > documents
        flushed = {q for g in store.graph_names() if "/document/" in str(g) for q in store.quads(g=g)}
    with Store(sample_store_path, read_only=True) as reference:
        assert flushed == {q for g in reference.graph_names() if "/document/" in str(g)
                           for q in reference.quads(g=g)}
