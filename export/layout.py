"""Starting positions for tools that show a file as laid out (yEd, Gephi,
Cytoscape): one horizontal lane per authority, time running left to right,
nodes of the same moment stacked. A tool's own layout can take over from it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import networkx as nx

DAY = 0.5  # pixels per day: ten years are about 1,800 pixels wide
STEP = 60  # pixels between stacked nodes
LANE_GAP = 120


def _day(value: object) -> int | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


def timeline_positions(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    days = {n: d for n, a in g.nodes(data=True) if (d := _day(a.get("date", ""))) is not None}
    first = min(days.values(), default=0)
    x: dict[str, float] = {n: (d - first) * DAY for n, d in days.items()}
    undated = sorted(n for n in g.nodes if n not in x)
    for n in undated:  # beside what it links to, else at the start
        near = [x[m] for m in nx.all_neighbors(g, n) if m in x]
        x[n] = sum(near) / len(near) if near else 0.0
    lanes: dict[str, list[str]] = defaultdict(list)
    for n, a in g.nodes(data=True):
        lanes[str(a.get("authority", ""))].append(n)
    positions: dict[str, tuple[float, float]] = {}
    top = 0.0
    for lane in sorted(lanes):  # nodes of no authority (themes, concepts) first
        stacks: dict[int, int] = defaultdict(int)
        deepest = 0
        for n in sorted(lanes[lane], key=lambda n: (x[n], n)):
            column = round(x[n] / STEP)
            positions[n] = (round(column * STEP, 1), top + stacks[column] * STEP)
            stacks[column] += 1
            deepest = max(deepest, stacks[column])
        top += deepest * STEP + LANE_GAP
    return positions
