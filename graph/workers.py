"""Worker processes for the CPU-bound steps (reading PDFs, SHACL), one per core."""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor


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


def pool(workers: int) -> ProcessPoolExecutor:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_die_with_parent)


def cores() -> int:
    return int(os.environ.get("INSPECTKG_WORKERS", "0")) or min(os.cpu_count() or 1, 8)
