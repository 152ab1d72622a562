"""GraphML for yEd and Cytoscape Desktop.

Plain GraphML keys carry every attribute (typed: string, int, double), which
Cytoscape and networkx read; yEd shows only its own graphics data, so each
node and edge also carries a y:ShapeNode / y:PolyLineEdge with the label,
colour, shape and a starting position: the file opens in yEd with visible
labels, laid out on a timeline (Layout > Hierarchic or Organic re-arranges it).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import BinaryIO

import networkx as nx

from .layout import timeline_positions
from .style import SHAPES

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


def declare_keys(root: ET.Element, scope: str, items: list[dict], prefix: str) -> dict[str, tuple[str, str]]:
    values: dict[str, list[object]] = {}
    for attrs in items:
        for k, v in attrs.items():
            values.setdefault(k, []).append(v)
    keys: dict[str, tuple[str, str]] = {}
    for i, name in enumerate(sorted(values)):
        kind = attr_type(values[name])
        key_id = f"{prefix}{i}"
        ET.SubElement(root, f"{{{NS}}}key", {"id": key_id, "for": scope, "attr.name": name, "attr.type": kind})
        keys[name] = (key_id, kind)
    return keys


def write_graphml(g: nx.MultiDiGraph, out: BinaryIO) -> None:
    ET.register_namespace("", NS)
    ET.register_namespace("y", Y)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}graphml", {f"{{{XSI}}}schemaLocation": SCHEMA})
    node_items = [a for _, a in g.nodes(data=True)]
    edge_items = [{k: v for k, v in a.items() if k != "id"} for _, _, a in g.edges(data=True)]
    node_keys = declare_keys(root, "node", node_items, "n")
    edge_keys = declare_keys(root, "edge", edge_items, "e")
    ET.SubElement(root, f"{{{NS}}}key", {"id": "yn", "for": "node", "yfiles.type": "nodegraphics"})
    ET.SubElement(root, f"{{{NS}}}key", {"id": "ye", "for": "edge", "yfiles.type": "edgegraphics"})
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": "G", "edgedefault": "directed"})
    positions = timeline_positions(g)
    for n, attrs in g.nodes(data=True):
        node = ET.SubElement(graph, f"{{{NS}}}node", {"id": xml_text(n)})
        for k, v in attrs.items():
            key_id, kind = node_keys[k]
            ET.SubElement(node, f"{{{NS}}}data", {"key": key_id}).text = text_of(v, kind)
        shape = ET.SubElement(ET.SubElement(node, f"{{{NS}}}data", {"key": "yn"}), f"{{{Y}}}ShapeNode")
        label = xml_text(attrs.get("label", n))
        x, y = positions[n]
        width = max(40, min(260, 7 * len(label)))
        ET.SubElement(shape, f"{{{Y}}}Geometry", {"x": str(x), "y": str(y), "width": str(width), "height": "30"})
        ET.SubElement(shape, f"{{{Y}}}Fill", {"color": str(attrs.get("color", "#FFFFFF")), "transparent": "false"})
        ET.SubElement(shape, f"{{{Y}}}BorderStyle", {"color": "#000000", "type": "line", "width": "1.0"})
        ET.SubElement(shape, f"{{{Y}}}NodeLabel", {"visible": "true", "autoSizePolicy": "content"}).text = label
        ET.SubElement(shape, f"{{{Y}}}Shape", {"type": SHAPES.get(str(attrs.get("type")), "rectangle")})
    for u, v, key, attrs in g.edges(keys=True, data=True):
        edge = ET.SubElement(graph, f"{{{NS}}}edge", {"id": str(attrs.get("id", key)), "source": str(u),
                                                       "target": str(v)})
        for k, value in attrs.items():
            if k == "id":
                continue
            key_id, kind = edge_keys[k]
            ET.SubElement(edge, f"{{{NS}}}data", {"key": key_id}).text = text_of(value, kind)
        line = ET.SubElement(ET.SubElement(edge, f"{{{NS}}}data", {"key": "ye"}), f"{{{Y}}}PolyLineEdge")
        ET.SubElement(line, f"{{{Y}}}LineStyle", {"color": str(attrs.get("color", "#000000")), "type": "line",
                                                 "width": "2.0" if "verdict" in attrs else "1.0"})
        ET.SubElement(line, f"{{{Y}}}Arrows", {"source": "none", "target": "standard"})
        ET.SubElement(line, f"{{{Y}}}EdgeLabel", {"visible": "true"}).text = xml_text(attrs.get("label", ""))
    ET.indent(root)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
