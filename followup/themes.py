"""The practice-themes thesaurus (SKOS, ontology/themes.ttl) and tagging text with it.

A theme matches when one of its labels occurs as a whole phrase: case-insensitive
(acronyms in capitals case-sensitive), hyphen and space alike, a plural ending
allowed, a trailing ``*`` in a hidden label as a prefix wildcard. A text tagged
with a narrower theme also counts for its broader themes when themes are compared.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
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
    labels: list[str] = field(default_factory=list)
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
                                 [_label_pattern(lab) for lab in labels], labels, set(), areas)
    by_iri = {t.iri: t for t in themes.values()}
    for t in themes.values():
        stack = [str(b) for b in g.objects(URIRef(t.iri), SKOS.broader)]
        while stack:
            b = by_iri.get(stack.pop())
            if b and b.notation not in t.broader:
                t.broader.add(b.notation)
                stack.extend(str(x) for x in g.objects(URIRef(b.iri), SKOS.broader))
    return themes


_TOKEN = re.compile(r"\w[\w'’]*")


@dataclass
class _Matcher:
    """Labels indexed by their first word: a text is scanned once, and at each
    word only the labels that can start there are tried (overlaps kept)."""

    by_first_word: dict[str, list[tuple[re.Pattern[str], str]]]


def _first_word(label: str) -> str:
    return re.split(r"[\s\-]+", label.strip())[0].replace("’", "'")


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    index: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for n, t in thesaurus().items():
        for label, pattern in zip(t.labels, t.patterns):
            first = _first_word(label.rstrip("*"))
            acronym = label.isupper() and len(label) <= 8
            key = first if acronym else first.lower()
            # A wildcard's first word is a prefix: index it by the prefix itself;
            # tokens are looked up by every prefix of theirs below.
            index.setdefault(key, []).append((pattern, n))
    return _Matcher(index)


def _keys(word: str, base: str) -> set[str]:
    """The index keys a token may start a label under: itself, lower-cased, without
    a possessive, every prefix of four letters or more (wildcards), and an acronym
    without its plural ("RHIs" under "RHI")."""
    keys = {word, word.lower(), base, base.lower()} | {word.lower()[:k] for k in range(4, len(word))}
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        keys.add(word[:-1])
    return keys


@lru_cache(maxsize=200_000)
def _candidates(token: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The labels that may start at ``token``: the index's entries under each of its keys.
    Cached by token: reports use a few thousand words over and over, and working out a
    word's keys at every occurrence was a quarter of the time spent tagging sentences."""
    word = token.replace("’", "'")
    base = word.split("'")[0]  # "LSCB's" is looked up as "LSCB"
    index = _matcher().by_first_word
    return tuple(entry for key in _keys(word, base) for entry in index.get(key, ()))


@lru_cache(maxsize=50_000)
def tag(text: str) -> frozenset[str]:
    """The notations of the themes whose labels occur in ``text``."""
    found: set[str] = set()
    for tok in _TOKEN.finditer(text):
        start = tok.start()
        if start and text[start - 1] in "-‐":
            continue
        for pattern, n in _candidates(tok.group()):
            if n not in found and pattern.match(text, start):
                found.add(n)
    return frozenset(found)


def unknown_theme(name: str, known: Iterable[str]) -> str:
    """What `--theme NAME` says when no theme has that notation: the closest ones, or where to
    find them."""
    close = difflib.get_close_matches(name, sorted(known), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else \
        "; `inspectkg query themes-across-authorities` lists the themes in use"
    return f"--theme {name!r}: no practice theme has this notation{hint}"


def expand(notations: set[str] | frozenset[str]) -> frozenset[str]:
    """Themes with all their broader themes."""
    return _expand(frozenset(notations))


@lru_cache(maxsize=50_000)
def _expand(notations: frozenset[str]) -> frozenset[str]:
    # Cached: following a point compares its themes with every sentence's, and
    # the same few tag sets come back hundreds of thousands of times.
    th = thesaurus()
    out = set(notations)
    for n in notations:
        out |= th[n].broader if n in th else set()
    return frozenset(out)


def agreement(a: set[str], b: set[str]) -> float:
    """How strongly two tag sets agree: 1 for a shared specific theme, 0.5 for a shared broader one."""
    if not a or not b:
        return 0.0
    return expanded_agreement(a, expand(a), b, expand(b))


def expanded_agreement(a: AbstractSet[str], a_expanded: AbstractSet[str], b: AbstractSet[str],
                       b_expanded: AbstractSet[str]) -> float:
    """``agreement`` of two tag sets whose expansions are already known: following a point
    compares its themes with every sentence of every later document, so each side is
    expanded once, not at every comparison (a tenth of the trace's time)."""
    if not a or not b:
        return 0.0
    if a & b:
        return 1.0
    if a_expanded & b or a & b_expanded:
        return 0.75
    if a_expanded & b_expanded:
        return 0.5
    return 0.0


def areas_of(notations: set[str]) -> set[str]:
    th = thesaurus()
    out: set[str] = set()
    for n in notations:
        if n in th:
            out |= th[n].areas
    return out


@lru_cache(maxsize=50_000)
def primary(text: str) -> str | None:
    """The theme named first in ``text`` (the most specific one at that place):
    inspectors name a point's matter first and its context after."""
    th = thesaurus()
    for tok in _TOKEN.finditer(text):
        start = tok.start()
        if start and text[start - 1] in "-‐":
            continue
        here = {n for pattern, n in _candidates(tok.group()) if pattern.match(text, start)}
        if here:
            return max(sorted(here), key=lambda n: len(th[n].broader))
    return None
