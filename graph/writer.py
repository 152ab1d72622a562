"""Writing graphs on a thread of their own while the caller goes on reading the store.

Following up a national store, the main process reads each authority's documents
and writes each finished follow-up graph, while worker processes trace. Reading
and writing took turns (1,922 documents: 0.25 s to read an authority, 0.6 s to
write its graph), so the workers waited on the main process. The embedded store
loads a graph with the interpreter lock released and isolates it from readers
(a reader sees a graph before or after its replacement), so the writes run on
this thread beside the reads. A store that cannot take that (rdflib's in-memory
graph, a remote server) is written in the caller's thread, as before.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from types import TracebackType

from .store import GraphStore

_STOP = object()


class BackgroundWriter:
    """``with BackgroundWriter(store, write) as submit: submit(item)`` calls ``write(item)``
    for each item in order, on one thread (or inline, for stores that need it). A failed
    write is raised from the next ``submit`` or from leaving the block; leaving it waits
    for the queued writes, or, when the block itself failed, for the one under way only."""

    def __init__(self, store: GraphStore, write: Callable[[object], None], depth: int = 2):
        self._write = write
        self._threaded = store.writes_beside_reads
        self._queue: queue.Queue = queue.Queue(maxsize=depth)  # bounds the graphs held in memory
        self._error: BaseException | None = None
        self._abandon = False
        self._thread = threading.Thread(target=self._run, name="inspectkg-writer", daemon=False)

    def __enter__(self) -> Callable[[object], None]:
        if self._threaded:
            self._thread.start()
        return self.submit

    def submit(self, item: object) -> None:
        if not self._threaded:
            self._write(item)
            return
        self._raise_failure()
        while True:  # not a plain put: a writer that failed would never make room
            try:
                self._queue.put(item, timeout=0.5)
                return
            except queue.Full:
                self._raise_failure()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self._threaded:
            return
        if kind is not None:
            self._abandon = True  # the caller failed (Ctrl-C, an error): write nothing more
        self._queue.put(_STOP)
        self._thread.join()
        if kind is None:
            self._raise_failure()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            if self._error is not None or self._abandon:
                continue  # drain: the caller will raise, or has stopped
            try:
                self._write(item)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                self._error = exc

    def _raise_failure(self) -> None:
        if self._error is not None:
            raise self._error
