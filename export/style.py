"""Colours and shapes shared by every format and the explorer, so that a status
looks the same in yEd, Gephi, Graphviz and the browser."""

from __future__ import annotations

STATUS_COLOURS = {
    "addressed": "#1a9850",
    "partially_addressed": "#fdae61",
    "not_addressed": "#d73027",
    "no_evidence": "#8c8c8c",
    "out_of_scope": "#c7c7c7",
    "no_later_inspection": "#4575b4",
    "not_traced": "#ffffff",
}
GRADE_COLOURS = {1: "#1a9850", 2: "#91cf60", 3: "#fdae61", 4: "#d73027"}
TYPE_COLOURS = {
    "authority": "#6a3d9a",
    "document": "#35618f",
    "finding": "#c9b27c",
    "paragraph": "#e0d5b5",
    "theme": "#8e44ad",
    "judgement": "#9ecae1",
    "cited-inspection": "#bdbdbd",
    "resource": "#d9d9d9",
}
RELATION_COLOUR = "#7f7f7f"
SHAPES = {"point": "ellipse", "document": "roundrectangle", "authority": "hexagon", "theme": "diamond",
          "judgement": "rectangle", "finding": "rectangle", "paragraph": "rectangle",
          "cited-inspection": "parallelogram"}


def node_colour(attrs: dict) -> str:
    if attrs.get("type") == "point":
        return STATUS_COLOURS.get(str(attrs.get("status")), "#ffffff")
    if attrs.get("type") == "judgement" and isinstance(attrs.get("grade_rank"), int):
        return GRADE_COLOURS.get(attrs["grade_rank"], TYPE_COLOURS["judgement"])
    return TYPE_COLOURS.get(str(attrs.get("type")), TYPE_COLOURS["resource"])


def edge_colour(attrs: dict) -> str:
    return STATUS_COLOURS.get(str(attrs.get("verdict")), RELATION_COLOUR)


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
