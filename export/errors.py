"""Errors of the export step: one clear message, exit code 2 (see cli.handle_errors)."""

from __future__ import annotations

from ..reports.errors import InspectkgError


class ExportError(InspectkgError):
    """Bad export input: an unknown authority or theme, a bad date, a view and
    format that do not go together, an output path that cannot be written."""
