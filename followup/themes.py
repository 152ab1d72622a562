"""The practice-themes thesaurus (SKOS, ontology/themes.ttl) and tagging text with it.

A theme matches when one of its labels occurs as a whole phrase: case-insensitive
(acronyms in capitals case-sensitive), hyphen and space alike, a plural ending
allowed, a trailing ``*`` in a hidden label as a prefix wildcard. A text tagged
with a narrower theme also counts for its broader themes when themes are compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from .. import resources
from ..graph.namespace import IKG


@dataclass
class Theme:
    iri: str
    notation: str
    label: str
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    broader: set[str] = field(default_factory=set)  # notations, transitively
    areas: set[str] = field(default_factory=set)


def _label_pattern(label: str) -> re.Pattern[str]:
    wildcard = label.endswith("*")
    text = label.rstrip("*").strip()
    words = [re.escape(w) for w in re.split(r"[\s\-]+", text) if w]
    body = r"[\s\-]+".join(words)
    if wildcard:
        body += r"\w*"
    else:
        body += r"(?:s|es|'s|’s)?"
    acronym = text.isupper() and len(text) <= 8
    return re.compile(rf"(?<![\w-]){body}(?![\w])", 0 if acronym else re.I)


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, Theme]:
    g = Graph()
    g.parse(data=resources.ontology_file("themes.ttl").read_text(encoding="utf-8"), format="turtle")
    themes: dict[str, Theme] = {}
    scheme = URIRef("https://w3id.org/inspectkg/vocab/themes")
    for concept in g.subjects(SKOS.inScheme, scheme):
        notation = str(g.value(concept, SKOS.notation))
        labels = [str(x) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                  for x in g.objects(concept, p)]
        areas = {str(a).rsplit("/", 1)[-1] for a in g.objects(concept, IKG.serviceArea)}
        themes[notation] = Theme(str(concept), notation, str(g.value(concept, SKOS.prefLabel)),
                                 [_label_pattern(lab) for lab in labels], set(), areas)
    by_iri = {t.iri: t for t in themes.values()}
    for t in themes.values():
        stack = [str(b) for b in g.objects(URIRef(t.iri), SKOS.broader)]
        while stack:
            b = by_iri.get(stack.pop())
            if b and b.notation not in t.broader:
                t.broader.add(b.notation)
                stack.extend(str(x) for x in g.objects(URIRef(b.iri), SKOS.broader))
    return themes


def tag(text: str) -> set[str]:
    """The notations of the themes whose labels occur in ``text``."""
    return {n for n, t in thesaurus().items() if any(p.search(text) for p in t.patterns)}


def expand(notations: set[str]) -> set[str]:
    """Themes with all their broader themes."""
    th = thesaurus()
    out = set(notations)
    for n in notations:
        out |= th[n].broader if n in th else set()
    return out


def agreement(a: set[str], b: set[str]) -> float:
    """How strongly two tag sets agree: 1 for a shared specific theme, 0.5 for a shared broader one."""
    if not a or not b:
        return 0.0
    if a & b:
        return 1.0
    if expand(a) & b or a & expand(b):
        return 0.75
    if expand(a) & expand(b):
        return 0.5
    return 0.0


def areas_of(notations: set[str]) -> set[str]:
    th = thesaurus()
    out: set[str] = set()
    for n in notations:
        if n in th:
            out |= th[n].areas
    return out


def primary(text: str) -> str | None:
    """The theme named first in ``text`` (the most specific one at that place):
    inspectors name a point's matter first and its context after."""
    best: tuple[int, int, str] | None = None
    for n, t in thesaurus().items():
        for p in t.patterns:
            m = p.search(text)
            if m is not None:
                key = (m.start(), -len(t.broader), n)
                if best is None or key < best:
                    best = key
    return best[2] if best else None
