"""Writers for the text formats: Cytoscape.js JSON, Graphviz DOT (and SVG/PNG
through Graphviz when it is installed), JSON-LD of the view's triples, and the
Turtle / N-Quads dumps of the whole store. GraphML and GEXF have modules of their own."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zlib
from collections import defaultdict
from functools import lru_cache
from typing import Any, BinaryIO

import networkx as nx
import pyoxigraph as ox
from rdflib import URIRef

from ..graph import iris
from .errors import ExportError
from .fullgraph import GRAPH_TRIPLES, OWNS_OBJECT
from .layout import timeline_positions
from .records import SparqlSource, iri_values
from .style import SHAPES

# ------------------------------------------------------------------ Cytoscape.js


def _class_name(value: object) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(value)).strip("-")


def cytoscape_json(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js elements JSON (also what Cytoscape Desktop imports as .cyjs):
    ids, scalar data, ``classes`` for styling (type and status or verdict),
    and preset positions."""
    positions = timeline_positions(g)
    nodes = []
    for n, attrs in g.nodes(data=True):
        data = {"id": str(n), "name": str(attrs.get("label", n)), **attrs}
        classes = [_class_name(attrs.get("type", "resource"))]
        if attrs.get("status"):
            classes.append(_class_name(attrs["status"]))
        x, y = positions[n]
        nodes.append({"data": data, "position": {"x": x, "y": y}, "classes": " ".join(classes)})
    edges = []
    for u, v, key, attrs in g.edges(keys=True, data=True):
        data = {**attrs, "id": str(attrs.get("id", key)), "source": str(u), "target": str(v)}
        classes = [_class_name(attrs.get("relation", "edge"))]
        if attrs.get("verdict"):
            classes.append(_class_name(attrs["verdict"]))
        edges.append({"data": data, "classes": " ".join(classes)})
    return {"format_version": "1.0", "generated_by": "inspectkg", "target_cytoscapejs_version": "~3.0",
            "data": {k: str(v) for k, v in g.graph.items()}, "elements": {"nodes": nodes, "edges": edges}}


def write_cytoscape(g: nx.MultiDiGraph, out: BinaryIO) -> None:
    out.write(json.dumps(cytoscape_json(g), indent=1, ensure_ascii=False).encode("utf-8"))

# ------------------------------------------------------------------ Graphviz


def dot_string(value: object) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as \\n."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"\r\n|\r|\n", r"\\n", text) + '"'


def _wrap(label: str, width: int = 28) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(label, width)) or label


def dot_text(g: nx.MultiDiGraph) -> str:
    """DOT with one cluster per authority, nodes filled by status or type, edges
    coloured and labelled by verdict."""
    lines = [f"digraph {dot_string(g.graph.get('name', 'inspectkg'))} {{",
             f"  graph [rankdir=LR, fontname=\"Helvetica\", label={dot_string(g.graph.get('name', ''))}];",
             "  node [style=filled, fontname=\"Helvetica\", fontsize=10];",
             "  edge [fontname=\"Helvetica\", fontsize=8];"]
    clusters: dict[str, list[str]] = defaultdict(list)
    for n, attrs in g.nodes(data=True):
        shape = {"ellipse": "ellipse", "roundrectangle": "box", "hexagon": "hexagon", "diamond": "diamond",
                 "parallelogram": "parallelogram"}.get(SHAPES.get(str(attrs.get("type")), ""), "box")
        line = (f"{dot_string(n)} [label={dot_string(_wrap(str(attrs.get('label', n))))}, shape={shape}, "
                f"fillcolor={dot_string(attrs.get('color', '#ffffff'))}, tooltip={dot_string(attrs.get('text', n))}];")
        clusters[str(attrs.get("gss", ""))].append(line)
    for gss, node_lines in sorted(clusters.items()):
        if gss:
            authority = next((a.get("authority", gss) for _, a in g.nodes(data=True) if a.get("gss") == gss), gss)
            lines.append(f"  subgraph {dot_string('cluster_' + gss)} {{")
            lines.append(f"    label={dot_string(authority)}; style=rounded; color=\"#bbbbbb\";")
            lines.extend("    " + x for x in node_lines)
            lines.append("  }")
        else:
            lines.extend("  " + x for x in node_lines)
    for u, v, attrs in g.edges(data=True):
        lines.append(f"  {dot_string(u)} -> {dot_string(v)} [label={dot_string(attrs.get('label', ''))}, "
                     f"color={dot_string(attrs.get('color', '#7f7f7f'))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_dot(g: nx.MultiDiGraph, out: BinaryIO) -> None:
    out.write(dot_text(g).encode("utf-8"))


RENDER_LIMIT = 2500  # nodes: beyond this a drawing is unreadable and slow; use GEXF or filters
HIERARCHICAL_LIMIT = 300  # nodes: `dot` (layered, clusters) takes minutes on the national trail (1,400)


def require_dot(fmt: str) -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise ExportError(f"--format {fmt} needs Graphviz's `dot`, which is not installed (Debian/Ubuntu: "
                          "apt-get install graphviz; macOS: brew install graphviz). "
                          "Or write --format dot and render it elsewhere.")
    return dot


def render(g: nx.MultiDiGraph, out: BinaryIO, fmt: str) -> None:
    """SVG or PNG drawn by Graphviz: ``dot``'s layered layout for small views,
    ``sfdp`` (force-directed, seconds instead of minutes) for larger ones."""
    dot = require_dot(fmt)
    if g.number_of_nodes() > RENDER_LIMIT:
        raise ExportError(f"the {g.graph.get('view')} view has {g.number_of_nodes()} nodes, too many for "
                          f"Graphviz to draw (at most {RENDER_LIMIT}); narrow it with --authority, --since, "
                          "--until, --status or --theme, or write --format gexf for Gephi.")
    layout = ["-Kdot"] if g.number_of_nodes() <= HIERARCHICAL_LIMIT else ["-Ksfdp", "-Goverlap=prism"]
    done = subprocess.run([dot, *layout, f"-T{fmt}"], input=dot_text(g).encode("utf-8"), capture_output=True,
                          timeout=900, check=False)
    if done.returncode != 0:
        raise ExportError(f"Graphviz dot failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    out.write(mark_png(done.stdout) if fmt == "png" else done.stdout)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def mark_png(data: bytes) -> bytes:
    """The PNG with a "Software: inspectkg" text chunk after its header (SVG names the view in
    its title already): a build of a folder that holds it passes it over (reports/load.own_output)."""
    if not (data.startswith(PNG_SIGNATURE) and data[12:16] == b"IHDR"):
        return data
    end_of_header = 8 + 4 + 4 + int.from_bytes(data[8:12], "big") + 4  # length, type, data, CRC
    body = b"tEXt" + b"Software\x00inspectkg"
    chunk = len(body[4:]).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")
    return data[:end_of_header] + chunk + data[end_of_header:]

# ------------------------------------------------------------------ JSON-LD

JSONLD_CONTEXT = {
    "ikg": "https://w3id.org/inspectkg/ontology#",
    "id": "https://w3id.org/inspectkg/id/",
    "vocab": "https://w3id.org/inspectkg/vocab/",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "earl": "http://www.w3.org/ns/earl#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
DESCRIBE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def _is_iri(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://")) and " " not in value


def _graphs_of_view(store: SparqlSource, g: nx.MultiDiGraph) -> list[URIRef]:
    """The named graphs that hold what the view shows: the graph of every
    document whose resources are in it (they are named under the document's
    IRI), the follow-up graphs of its authorities, and derived graphs
    (curations); not the reference and vocabulary graphs, whose few resources
    in a view are looked up one by one."""
    names = store.graph_names()  # type: ignore[attr-defined]
    as_text = {str(n) for n in names}
    documents: set[str] = set()
    for node in g.nodes:
        parts = str(node).split("/")
        for end in range(len(parts), 4, -1):  # the node itself, then each parent IRI
            prefix = "/".join(parts[:end])
            if prefix in as_text:
                documents.add(prefix)
                break
    # A document's IRI starts with its authority's GSS code (graph/iris.py).
    authorities = {d.split("/document/", 1)[1].split("/", 1)[0] for d in documents if "/document/" in d}
    fixed = {str(iris.REFERENCE_GRAPH), str(iris.VOCABULARY_GRAPH)}
    out = []
    for name in names:
        text = str(name)
        if text in fixed or "/document/" in text and text not in documents:
            continue
        if "/graph/followup/" in text and text.rsplit("/", 1)[-1] not in authorities:
            continue
        out.append(name)
    return out


Statements = dict[str, dict[tuple[Any, Any], None]]  # subject IRI -> its (predicate, object) pairs, in order


def view_statements(store: SparqlSource, g: nx.MultiDiGraph, whole_graphs: bool = False) -> Statements:
    """The triples behind a view: every statement about its nodes and about the
    resources its edges stand for (assessments, evidence), with what those own
    (evidence spans, selectors, EARL results), as the view's graphs hold them.
    Kept as the store's own terms: a triple held by several graphs is kept once.

    Read by subject, a thousand named in each query, one round per level of
    ownership: a view holds about 40% of its graphs' statements, and reading
    only those halved the time (10x trail view: 10.3 against 20.0 s, the same
    statements; docs/benchmarks.md). A blank node, which no query can name,
    makes it read every statement of the view's graphs instead, as
    ``whole_graphs`` does from the start."""
    names = _graphs_of_view(store, g)
    allowed = {str(n) for n in names}
    everything = _graph_statements(store, names) if whole_graphs else None
    todo = [n for n in g.nodes if _is_iri(n)]
    todo += [key for _, _, key in g.edges(keys=True) if _is_iri(key)]
    out: Statements = {}
    while todo:
        level = sorted({iri for iri in todo if iri not in out})
        todo = []
        if everything is None and any(iri.startswith("_:") for iri in level):
            everything = _graph_statements(store, names)
        held = everything if everything is not None else _statements_of(store, level, allowed)
        for iri in level:
            statements = held.get(iri)
            if statements is None and not iri.startswith("_:"):
                # An authority, a concept, an agent: from the reference or vocabulary graphs.
                statements = [(row["p"], row["o"]) for row in store.query(DESCRIBE, {"s": URIRef(iri)})]
            out[iri] = dict.fromkeys(statements or [])
            for p, o in statements or []:
                if p.value in OWNS_OBJECT and not isinstance(o, ox.Literal) and _node_id(o) not in out:
                    todo.append(_node_id(o))
    return {iri: pairs for iri, pairs in out.items() if pairs}


SUBJECT_TRIPLES = "SELECT ?s ?p ?o ?g WHERE { VALUES ?s { %s } GRAPH ?g { ?s ?p ?o } }"


def _statements_of(store: SparqlSource, subjects: list[str], graphs: set[str]) -> dict[str, list[tuple[Any, Any]]]:
    """subject IRI -> its (predicate, object) pairs held by ``graphs``."""
    held: dict[str, list[tuple[Any, Any]]] = defaultdict(list)
    for names in iri_values(subjects):
        for row in store.query(SUBJECT_TRIPLES % names):
            if row[3].value in graphs:  # by position: a third of the time by name
                held[row[0].value].append((row[1], row[2]))
    return held


def _graph_statements(store: SparqlSource, names: list[URIRef]) -> dict[str, list[tuple[Any, Any]]]:
    """subject (IRI or ``_:name``) -> its pairs: every statement of the named graphs."""
    held: dict[str, list[tuple[Any, Any]]] = defaultdict(list)
    for name in names:
        for row in store.query(GRAPH_TRIPLES, {"g": name}):
            held[_node_id(row[0])].append((row[1], row[2]))
    return held


def _node_id(term: Any) -> str:
    """A subject's key and JSON-LD ``@id``: its IRI, or ``_:name`` for a blank node."""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


_PREFIXES = sorted(((ns, prefix) for prefix, ns in JSONLD_CONTEXT.items()), key=lambda t: -len(t[0]))
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"


@lru_cache(maxsize=4096)  # the same few predicates and classes, hundreds of thousands of times
def _compact_iri(iri: str) -> str:
    """``ikg:Evidence`` for a term of a namespace in the context (JSON-LD compact IRI)."""
    for ns, prefix in _PREFIXES:
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _jsonld_value(term: Any) -> Any:
    """One object in JSON-LD: a node reference, a native JSON number or boolean
    where that reads back as the same literal, a plain string for an xsd:string
    (the same literal in RDF 1.1), or a typed or language-tagged value."""
    if not isinstance(term, ox.Literal):
        return {"@id": _node_id(term)}
    value, datatype = term.value, term.datatype.value
    if term.language:
        return {"@value": value, "@language": term.language}
    if datatype == _XSD + "string":
        return value
    if datatype == _XSD + "integer" and re.fullmatch(r"-?[1-9][0-9]*|0", value):
        return int(value)
    if datatype == _XSD + "boolean" and value in ("true", "false"):
        return value == "true"
    return {"@value": value, "@type": _compact_iri(datatype)}


def _jsonld_node(iri: str, pairs: dict[tuple[Any, Any], None]) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": iri}
    for p, o in pairs:
        if p.value == _RDF_TYPE and isinstance(o, ox.NamedNode):
            key, value = "@type", _compact_iri(o.value)
        else:
            key, value = _compact_iri(p.value), _jsonld_value(o)
        if key not in node:
            node[key] = value
        elif isinstance(node[key], list):
            node[key].append(value)
        else:
            node[key] = [node[key], value]
    return node


def write_jsonld(statements: Statements, out: BinaryIO) -> None:
    """The view's triples as one JSON-LD document, a node object per subject.
    Written directly rather than through rdflib's serializer, which took 8.7 s
    (and building its graph 2.8 s more) for the 12,000 subjects of the national
    sample's trail view. Each node object is encoded on a line of its own by
    json's C encoder, where an indented document goes through its pure-Python
    one: the 10x corpus's trail view is written in 1.9-2.1 s, not 4.1-5.2 s."""
    context = json.dumps(JSONLD_CONTEXT, indent=1, sort_keys=True, ensure_ascii=False)
    out.write(f'{{"@context": {context},\n"@graph": ['.encode())
    for k, iri in enumerate(sorted(statements)):
        node = json.dumps(_jsonld_node(iri, statements[iri]), sort_keys=True, ensure_ascii=False)
        out.write((",\n" if k else "\n").encode("utf-8") + node.encode("utf-8"))
    out.write(b"\n]}\n")

# ------------------------------------------------------------------ dumps


def write_dump(store: Any, out: BinaryIO, fmt: str) -> None:
    """The store itself: N-Quads keeps every named graph; Turtle is their union."""
    buffer = io.BytesIO()
    store.dump(buffer, fmt)
    out.write(buffer.getvalue())
