"""One export: check the request, read the records, project the view, write the
file atomically (a failed export never leaves half a file behind)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from . import formats
from .errors import ExportError
from .filters import Filters, check_authorities_in_store, theme_iris
from .fullgraph import full_view
from .gexf import write_gexf
from .graphml import write_graphml
from .records import read_records
from .views import RECORD_VIEWS

FORMATS = ("graphml", "gexf", "cytoscape", "dot", "svg", "png", "jsonld", "turtle", "nquads", "html")
DUMPS = ("turtle", "nquads")
BINARY = ("png",)
SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".cyjs": "cytoscape", ".json": "cytoscape",
            ".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".jsonld": "jsonld",
            ".ttl": "turtle", ".nq": "nquads", ".html": "html", ".htm": "html"}
GRAPH_WRITERS: dict[str, Callable[[nx.MultiDiGraph, BinaryIO], None]] = {
    "graphml": write_graphml, "gexf": write_gexf, "cytoscape": formats.write_cytoscape, "dot": formats.write_dot,
}


@dataclass
class Summary:
    view: str | None
    fmt: str
    nodes: int | None
    edges: int | None
    output: str

    def describe(self) -> str:
        if self.nodes is None:
            return f"wrote the whole store as {self.fmt} to {self.output}"
        if self.edges is None:
            return f"wrote the explorer of the trail view ({self.nodes} points) to {self.output}"
        return f"wrote the {self.view} view ({self.nodes} nodes, {self.edges} edges) as {self.fmt} to {self.output}"


def choose_format(fmt: str | None, output: str) -> str:
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower() if output != "-" else ""
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    raise ExportError(f"--format is needed: cannot tell the format from {output!r} "
                      f"(one of {', '.join(FORMATS)})")


def check_request(view: str, view_given: bool, fmt: str, filters: Filters, output: str) -> None:
    """Refuse combinations that make no sense before any work is done."""
    if fmt in DUMPS and (view_given or not filters.is_empty()):
        raise ExportError(f"--format {fmt} dumps the whole store (every named graph); --view and the filters "
                          "do not apply to it. For the triples of a view, use --format jsonld.")
    if fmt == "html" and view != "trail":
        raise ExportError(f"--format html is the explorer of the follow-up trails: it shows the trail view, "
                          f"not the {view} view. Drop --view, or choose another format for the {view} view.")
    if fmt in ("svg", "png"):
        formats.require_dot(fmt)
    if fmt in BINARY and output == "-":
        raise ExportError(f"--format {fmt} is binary: give --output FILE")
    if output != "-":
        target = Path(output)
        if target.is_dir():
            raise ExportError(f"--output {output}: is a folder; give a file name")
        parent = target.parent if str(target.parent) else Path(".")
        if not parent.is_dir():
            raise ExportError(f"--output {output}: the folder {parent} does not exist")
        if not os.access(parent, os.W_OK):
            raise ExportError(f"--output {output}: the folder {parent} is not writable")


def write_atomically(output: str, write: Callable[[BinaryIO], None]) -> None:
    if output == "-":
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    target = Path(output)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent if str(target.parent) else ".")
    except OSError as exc:
        raise ExportError(f"--output {output}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        raise ExportError(f"--output {output}: cannot write ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def build_view(store: Any, view: str, filters: Filters) -> nx.MultiDiGraph:
    records = read_records(store, list(filters.authorities) or None, tagged_paragraphs=view == "themes")
    check_authorities_in_store(filters, records.documents)
    theme_iris(filters, records.themes)  # an unknown theme is an error in every view
    if view == "full":
        return full_view(store, records, filters, store.graph_names())
    return RECORD_VIEWS[view](records, filters)


def export(store: Any, view: str, fmt: str, filters: Filters, output: str) -> Summary:
    if fmt in DUMPS:
        write_atomically(output, lambda out: store.dump(out, fmt))
        return Summary(None, fmt, None, None, output)
    if fmt == "html":
        from .explorer import explorer_html

        records = read_records(store, list(filters.authorities) or None, tagged_paragraphs=False)
        check_authorities_in_store(filters, records.documents)
        page, points, _ = explorer_html(records, filters)
        write_atomically(output, lambda out: out.write(page.encode("utf-8")))
        return Summary("trail", fmt, points, None, output)
    g = build_view(store, view, filters)
    if fmt == "jsonld":
        statements = formats.view_statements(store, g)
        write_atomically(output, lambda out: formats.write_jsonld(statements, out))
    elif fmt in ("svg", "png"):
        write_atomically(output, lambda out: formats.render(g, out, fmt))
    else:
        write_atomically(output, lambda out: GRAPH_WRITERS[fmt](g, out))
    return Summary(view, fmt, g.number_of_nodes(), g.number_of_edges(), output)
