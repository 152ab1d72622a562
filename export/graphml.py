"""GraphML for yEd and Cytoscape Desktop.

Plain GraphML keys carry every attribute (typed: string, int, double), which
Cytoscape and networkx read; yEd shows only its own graphics data, so each
node and edge also carries a y:ShapeNode / y:PolyLineEdge with the label,
colour, shape and a starting position: the file opens in yEd with visible
labels, laid out on a timeline (Layout > Hierarchic or Organic re-arranges it).
"""

from __future__ import annotations

import re
from typing import BinaryIO

import networkx as nx

from .layout import timeline_positions
from .style import SHAPES
from .xmlwrite import XmlWriter

NS = "http://graphml.graphdrawing.org/xmlns"
Y = "http://www.yworks.com/xml/graphml"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = f"{NS} http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"


def attr_type(values: list[object]) -> str:
    """The GraphML type of an attribute: one type for all its values, else string."""
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "int"
    if kinds <= {int, float} and kinds:
        return "double"
    return "string"


NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text XML 1.0 can hold: PDF text may carry form feeds and other controls."""
    return NOT_XML.sub(" ", str(value))


def text_of(value: object, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    return xml_text(value)


def declare_keys(xml: XmlWriter, scope: str, items: list[dict], prefix: str) -> dict[str, tuple[str, str]]:
    values: dict[str, list[object]] = {}
    for attrs in items:
        for k, v in attrs.items():
            values.setdefault(k, []).append(v)
    keys: dict[str, tuple[str, str]] = {}
    for i, name in enumerate(sorted(values)):
        kind = attr_type(values[name])
        key_id = f"{prefix}{i}"
        xml.leaf("key", {"id": key_id, "for": scope, "attr.name": name, "attr.type": kind})
        keys[name] = (key_id, kind)
    return keys


def write_graphml(g: nx.MultiDiGraph, out: BinaryIO) -> None:
    xml = XmlWriter(out)
    xml.start("graphml", {"xmlns": NS, "xmlns:xsi": XSI, "xmlns:y": Y, "xsi:schemaLocation": SCHEMA})
    # Names the view (as GEXF's description does), and marks the file as inspectkg's: a build
    # of a folder that holds it passes it over (reports/load.own_output).
    xml.leaf("desc", text=xml_text(f"{g.graph.get('name', 'inspectkg graph')}; filters: {g.graph.get('filters', 'none')}"))
    node_items = [a for _, a in g.nodes(data=True)]
    edge_items = [{k: v for k, v in a.items() if k != "id"} for _, _, a in g.edges(data=True)]
    node_keys = declare_keys(xml, "node", node_items, "n")
    edge_keys = declare_keys(xml, "edge", edge_items, "e")
    xml.leaf("key", {"id": "yn", "for": "node", "yfiles.type": "nodegraphics"})
    xml.leaf("key", {"id": "ye", "for": "edge", "yfiles.type": "edgegraphics"})
    xml.start("graph", {"id": "G", "edgedefault": "directed"})
    positions = timeline_positions(g)
    for n, attrs in g.nodes(data=True):
        xml.start("node", {"id": xml_text(n)})
        for k, v in attrs.items():
            key_id, kind = node_keys[k]
            xml.keyed("data", "key", key_id, text_of(v, kind))
        xml.start("data", {"key": "yn"})
        xml.start("y:ShapeNode")
        label = xml_text(attrs.get("label", n))
        x, y = positions[n]
        width = max(40, min(260, 7 * len(label)))
        xml.leaf("y:Geometry", {"x": str(x), "y": str(y), "width": str(width), "height": "30"})
        xml.leaf("y:Fill", {"color": str(attrs.get("color", "#FFFFFF")), "transparent": "false"})
        xml.leaf("y:BorderStyle", {"color": "#000000", "type": "line", "width": "1.0"})
        xml.leaf("y:NodeLabel", {"visible": "true", "autoSizePolicy": "content"}, label)
        xml.leaf("y:Shape", {"type": SHAPES.get(str(attrs.get("type")), "rectangle")})
        xml.end()
        xml.end()
        xml.end()
    for u, v, key, attrs in g.edges(keys=True, data=True):
        xml.start("edge", {"id": xml_text(attrs.get("id", key)), "source": xml_text(u), "target": xml_text(v)})
        for k, value in attrs.items():
            if k == "id":
                continue
            key_id, kind = edge_keys[k]
            xml.keyed("data", "key", key_id, text_of(value, kind))
        xml.start("data", {"key": "ye"})
        xml.start("y:PolyLineEdge")
        xml.leaf("y:LineStyle", {"color": str(attrs.get("color", "#000000")), "type": "line",
                                 "width": "2.0" if "verdict" in attrs else "1.0"})
        xml.leaf("y:Arrows", {"source": "none", "target": "standard"})
        xml.leaf("y:EdgeLabel", {"visible": "true"}, xml_text(attrs.get("label", "")))
        xml.end()
        xml.end()
        xml.end()
    xml.close()
