"""A small streaming XML writer for the GraphML and GEXF exports.

Building an ElementTree and serialising it took most of a whole-graph export
(national sample, full view as GraphML: 11.4 s of about 20 s, a million elements); the
files are written element by element instead, indented as ElementTree.indent
would, with the namespace prefixes declared once on the root element.
"""

from __future__ import annotations

import re
from typing import BinaryIO

_TEXT_SPECIAL = re.compile(r"[&<>]")
_ATTRIBUTE_SPECIAL = re.compile(r'[&<>"\n\r\t]')


def escape_text(text: str) -> str:
    # Most values (ids, numbers, colours) need no escaping: a search is cheaper than a translation.
    if not _TEXT_SPECIAL.search(text):
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(value: str) -> str:
    if not _ATTRIBUTE_SPECIAL.search(value):
        return value
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#09;"))


def _attributes(attrs: dict[str, str]) -> str:
    return "".join([f' {k}="{escape_attribute(v)}"' for k, v in attrs.items()])


class XmlWriter:
    """Writes ``<tag attr="...">`` elements in document order to ``out``.
    Tags and attribute names are written as given (``y:ShapeNode``);
    attribute values and text are escaped. Callers give text that XML 1.0
    can hold (graphml.xml_text)."""

    FLUSH_PARTS = 1 << 16

    def __init__(self, out: BinaryIO):
        self.out = out
        self.parts: list[str] = ["<?xml version='1.0' encoding='utf-8'?>\n"]
        self.open_tags: list[str] = []
        self.pad = ""  # the indentation of the next element: two spaces a level

    def start(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        self.parts.append(f"{self.pad}<{tag}{_attributes(attrs) if attrs else ''}>\n")
        self.open_tags.append(tag)
        self.pad += "  "

    def end(self) -> None:
        tag = self.open_tags.pop()
        self.pad = self.pad[:-2]
        self.parts.append(f"{self.pad}</{tag}>\n")
        if len(self.parts) >= self.FLUSH_PARTS:
            self.flush()

    def leaf(self, tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> None:
        """An element without children: empty, or holding ``text``."""
        attributes = _attributes(attrs) if attrs else ""
        if text:
            self.parts.append(f"{self.pad}<{tag}{attributes}>{escape_text(text)}</{tag}>\n")
        else:
            self.parts.append(f"{self.pad}<{tag}{attributes} />\n")

    def keyed(self, tag: str, name: str, key: str, text: str) -> None:
        """``<tag name="key">text</tag>``, as ``leaf`` writes it, where ``key`` is ours (a key id
        such as ``n3``) and needs no escaping: GraphML's data elements are most of a file
        (4.9 million in the whole country's trail view), and the generic way round its
        attributes took a third of the time to write it."""
        if text:
            self.parts.append(f'{self.pad}<{tag} {name}="{key}">{escape_text(text)}</{tag}>\n')
        else:
            self.parts.append(f'{self.pad}<{tag} {name}="{key}" />\n')

    def keyed_attribute(self, tag: str, name: str, key: str, attribute: str, value: str) -> None:
        """``<tag name="key" attribute="value" />``, as ``leaf`` writes it: GEXF's attribute
        values, the bulk of a GEXF file, as ``keyed`` is for GraphML."""
        self.parts.append(f'{self.pad}<{tag} {name}="{key}" {attribute}="{escape_attribute(value)}" />\n')

    def flush(self) -> None:
        self.out.write("".join(self.parts).encode("utf-8"))
        self.parts = []

    def close(self) -> None:
        while self.open_tags:
            self.end()
        self.flush()
