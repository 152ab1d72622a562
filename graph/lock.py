"""An advisory lock beside the embedded store, so that commands sharing it
never corrupt each other.

Oxigraph's read-only mode is undefined while another process writes, and a
second writer cannot open the database at all. So a writer (build, curate,
trace) holds the lock exclusively and readers (query, validate, serve,
reports) share it. A command that finds the lock taken says which lock and
who holds it, waits up to ``INSPECTKG_LOCK_TIMEOUT`` seconds (default 600),
then gives up with a clear message. The kernel drops a lock when its process
dies, even on SIGKILL, so a crashed command never leaves the store locked.
POSIX record locks (lockf) rather than flock: worker processes forked by a
build do not inherit them, so a killed build cannot leave its workers holding
the store. (Within one process the lock is shared: closing a second handle
releases it, so a program opens one Store per store directory at a time.)
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path

from ..reports.errors import InspectkgError

LOCK_NAME = "inspectkg.lock"
TIMEOUT_ENV = "INSPECTKG_LOCK_TIMEOUT"


class StoreLocked(InspectkgError):
    pass


class StoreLock:
    def __init__(self, store_dir: Path, exclusive: bool, timeout: float | None = None):
        self.path = store_dir / LOCK_NAME
        self.exclusive = exclusive
        self.timeout = float(os.environ.get(TIMEOUT_ENV, "600")) if timeout is None else timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        # O_RDWR without truncation: a waiting reader must not wipe the holder's note.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        mode = fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH
        deadline = time.monotonic() + self.timeout
        announced = False
        while True:
            try:
                fcntl.lockf(fd, mode | fcntl.LOCK_NB)
                break
            except OSError:
                if not announced:
                    print(f"Waiting for the store lock {self.path} ({self.holder(fd)}) ...",
                          file=sys.stderr, flush=True)
                    announced = True
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreLocked(
                        f"the store is locked by another inspectkg command ({self.holder(fd)}); "
                        f"gave up after {self.timeout:g} s. Lock file: {self.path}") from None
                time.sleep(0.1)
        if self.exclusive:
            os.ftruncate(fd, 0)
            command = " ".join(sys.argv[1:])
            command = command if len(command) <= 160 else command[:157] + "..."
            # A file name that is not UTF-8 reaches argv as surrogates: written as its own bytes.
            os.pwrite(fd, f"pid {os.getpid()}: inspectkg {command}\n".encode("utf-8", "surrogateescape"), 0)
        self._fd = fd

    @staticmethod
    def holder(fd: int) -> str:
        try:
            note = os.pread(fd, 200, 0).decode(errors="replace").strip()
        except OSError:
            note = ""
        return note or "a reader"

    def release(self) -> None:
        if self._fd is not None:
            if self.exclusive:
                os.ftruncate(self._fd, 0)
            fcntl.lockf(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
