"""Graphs written on a thread beside the reads: in order, every one, and a failure on
either side stops the writes and reaches the caller."""

from __future__ import annotations

import threading
import time

import pytest
from inspectkg.graph.memory_store import MemoryStore
from inspectkg.graph.store import Store
from inspectkg.graph.writer import BackgroundWriter


def test_every_item_written_in_order_on_another_thread(tmp_path):
    written, threads = [], set()

    def write(item):
        time.sleep(0.01)  # slower than the caller: the queue fills and the caller waits
        written.append(item)
        threads.add(threading.current_thread().name)

    with BackgroundWriter(Store(tmp_path / "s"), write) as submit:
        for i in range(20):
            submit(i)
    assert written == list(range(20))
    assert threads == {"inspectkg-writer"}


def test_a_failed_write_reaches_the_caller_and_stops_the_rest(tmp_path):
    written = []

    def write(item):
        if item == 3:
            raise OSError("No space left on device")
        written.append(item)

    with pytest.raises(OSError, match="No space left"), BackgroundWriter(Store(tmp_path / "s"), write) as submit:
        for i in range(50):
            submit(i)
    assert written == [0, 1, 2]


def test_a_caller_that_fails_writes_nothing_more_and_does_not_hang(tmp_path):
    written = []
    started = threading.Event()

    def write(item):
        started.set()
        time.sleep(0.05)
        written.append(item)

    with pytest.raises(KeyboardInterrupt), BackgroundWriter(Store(tmp_path / "s"), write) as submit:
        for i in range(3):
            submit(i)
        started.wait(5)
        raise KeyboardInterrupt
    # The write under way when the caller stopped finishes (a graph is stored whole or not at
    # all); the ones still queued are dropped.
    assert written and written == list(range(len(written))) and len(written) < 3


def test_a_store_not_safe_to_read_while_written_is_written_inline():
    threads = []
    with BackgroundWriter(MemoryStore(), lambda item: threads.append(threading.current_thread())) as submit:
        submit(1)
        assert threads == [threading.current_thread()]
