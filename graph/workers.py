"""Worker processes for the CPU-bound steps (reading PDFs, SHACL), one per core."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the command that started it
    dies, even by SIGKILL, so no orphaned workers linger after a killed build.
    Ctrl-C is the parent's to handle: a worker ignores it and is shut down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: workers end when their job queue closes


def pool(workers: int, fresh: bool = False) -> ProcessPoolExecutor:
    """``fresh``: workers start a new interpreter instead of forking this one,
    for work that opens its own database (a forked copy of a process that has
    a database open, with its threads gone, is not a safe place to open another)."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and not fresh else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_die_with_parent)


def cores() -> int:
    return int(os.environ.get("INSPECTKG_WORKERS", "0")) or min(os.cpu_count() or 1, 8)


def map_bounded(fn: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``map(fn, items)`` on ``workers`` processes, results in input order.

    At most two items per worker are in flight, so memory stays bounded on
    thousands of items, the caller can go on producing items (reading the
    store) while workers compute, and a stop (``--strict``, Ctrl-C) does not
    wait for every item to be done."""
    if workers < 2:
        yield from map(fn, items)
        return
    with pool(workers) as executor:
        pending: deque = deque()
        queue = iter(items)
        for item in queue:
            pending.append(executor.submit(fn, item))
            if len(pending) >= 2 * workers:
                break
        while pending:
            result = pending.popleft().result()
            nxt = next(queue, _END)
            if nxt is not _END:
                pending.append(executor.submit(fn, nxt))
            yield result


_END = object()
