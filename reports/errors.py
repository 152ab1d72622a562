"""Errors a user can act on: each names the file and says what is wrong."""

from __future__ import annotations

from pathlib import Path


class InspectkgError(Exception):
    """Base of the errors the CLI turns into a message and an exit code."""


class RejectedInput(InspectkgError):
    """A file that is not a report inspectkg can read; the run goes on without it."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class OwnOutput(RejectedInput):
    """A file inspectkg wrote (an export, a dump, a trace) kept beside the reports it was made
    from: skipped, not read, and no problem to report."""
