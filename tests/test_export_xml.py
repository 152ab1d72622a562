"""The streaming XML writer behind GraphML and GEXF: text that needs escaping
reads back as written, through an XML parser and through networkx."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
from inspectkg.export.gexf import write_gexf
from inspectkg.export.graphml import write_graphml
from inspectkg.export.xmlwrite import XmlWriter

AWKWARD = 'Children & young people <16 "at risk"\n\tsaid: \'no\' > yes'


def test_text_and_attributes_read_back_as_written() -> None:
    out = io.BytesIO()
    xml = XmlWriter(out)
    xml.start("root", {"note": AWKWARD})
    xml.leaf("empty")
    xml.leaf("text", {"a": "1"}, AWKWARD)
    xml.start("inner")
    xml.leaf("deep", text="x")
    xml.close()
    text = out.getvalue().decode("utf-8")
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<root ")
    assert "\n    <deep>x</deep>\n" in text  # indented two spaces a level
    root = ET.fromstring(out.getvalue())
    assert root.get("note") == AWKWARD  # newline and tab kept in an attribute, as character references
    assert root.find("text").text == AWKWARD and root.find("text").get("a") == "1"
    assert root.find("empty") is not None and root.find("empty").text is None
    assert root.find("inner/deep").text == "x"


def test_graphml_and_gexf_keep_awkward_labels_and_ids() -> None:
    g = nx.MultiDiGraph(name="test & <check>")
    g.add_node("https://example.org/a?x=1&y=2", label=AWKWARD, type="point", date="2015-09-14", number=3)
    g.add_node("b", label="form\x0cfeed", type="document")  # a PDF's control character: not XML 1.0
    g.add_edge("https://example.org/a?x=1&y=2", "b", key="k", id="k", label="raised <again>", relation="r & s")
    graphml = io.BytesIO()
    write_graphml(g, graphml)
    back = nx.read_graphml(io.BytesIO(graphml.getvalue()))
    assert back.nodes["https://example.org/a?x=1&y=2"]["label"] == AWKWARD
    assert back.nodes["https://example.org/a?x=1&y=2"]["number"] == 3
    assert back.nodes["b"]["label"] == "form feed"
    ((source, target, edge),) = back.edges(data=True)
    assert (source, target) == ("https://example.org/a?x=1&y=2", "b")
    assert edge["label"] == "raised <again>" and edge["relation"] == "r & s"
    gexf = io.BytesIO()
    write_gexf(g, gexf)
    back = nx.read_gexf(io.BytesIO(gexf.getvalue()), version="1.3")
    assert back.nodes["https://example.org/a?x=1&y=2"]["label"] == AWKWARD
    assert back.nodes["https://example.org/a?x=1&y=2"]["start"] == "2015-09-14"
