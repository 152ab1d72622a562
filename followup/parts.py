"""How an improvement point names its matter: its headline, the themes it names, and the
matters a bundled point runs together ("the quality of planning and management oversight"),
each of which later documents may speak to differently.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import themes

# "(page 13, paragraph 31)", "(pages 13, 30 paragraphs 27, 29, 103)": where the
# findings are, not what the point is about.
CROSS_REFERENCE = re.compile(r"\((?:pages?|paragraphs?|paras?)\b[^)]*\)", re.I)

# Where the matter named by a point ends and its purpose or population begins.
_HEAD_END = re.compile(r"[.;:(]|\s(?:for|to ensure|so that|in order|to|by|including|which|that|where|when"
                       r"|with|within|across|between|through)\s", re.I)


def headline(text: str) -> str:
    """The first sentence of a point: where inspectors name the matter."""
    return re.split(r"(?<=[.;])\s+(?=[A-Z])", text, maxsplit=1)[0]


def point_themes(text: str) -> set[str]:
    """Themes of a point's headline, else of its whole text: later sentences of a
    long point explain consequences ("this affects planning") that are not its matter."""
    return themes.tag(headline(text)) or themes.tag(text)


# "Ensure that there is ...", "Make sure that ...": the instruction, not the matter.
_INSTRUCTION = re.compile(r"^\s*(?:(?:ensure|make sure|ensuring)\s+(?:that\s+)?)?(?:there\s+(?:is|are)\s+)?", re.I)
# "..., and that assessments ...": a further matter of the same sentence.
_CLAUSE = re.compile(r",?\s+and\s+that\s+|;\s+(?:and\s+)?", re.I)


def matter_clauses(text: str) -> list[tuple[str, str]]:
    """The phrases of a point's first sentence that name its matters, each with the clause it
    heads: each clause ("..., and that ...") up to where its purpose or population begins,
    without the instruction that opens it ("Ensure that there is")."""
    heads = []
    for clause in _CLAUSE.split(headline(CROSS_REFERENCE.sub(" ", text))):
        clause = clause[_INSTRUCTION.match(clause).end():]  # type: ignore[union-attr]
        head = _head(clause)
        # "The trust should ensure that ...", "Take steps to ensure that ...": the
        # instruction comes after who is to act, and the matter follows it.
        later = _LATER_INSTRUCTION.search(clause)
        if head and later and not themes.tag(clause[: later.start()]):
            after = _head(clause[later.end():])
            head = after if themes.tag(after) else head
        # "a robust analysis of the reasons for ... return interviews": a head that
        # names no theme leaves the matter to the rest of its clause.
        if head and not themes.tag(head):
            head = clause.strip()
        if head:
            heads.append((head, clause))
    return heads


def _head(clause: str) -> str:
    m = _HEAD_END.search(clause)
    return (clause[: m.start()] if m else clause).strip()


_LATER_INSTRUCTION = re.compile(r"\bensur(?:e|ing)\s+(?:that\s+)?(?:there\s+(?:is|are)\s+)?", re.I)


class _Piece(NamedTuple):
    start: int
    end: int
    after_and: bool  # joined to the piece before it by a bare "and", not by a comma


def _pieces(head: str) -> list[_Piece]:
    """Where the phrases between commas and "and"s of a matter's head lie in it."""
    pieces, start, after_and = [], 0, False
    # ", and" is one separator: "planning, and pre-proceedings" has a part "pre-proceedings".
    for sep in re.finditer(r",\s+(?:and\s+)?|\s+and\s+", head):
        pieces.append((start, sep.start(), after_and))
        start, after_and = sep.end(), not sep.group().startswith(",")
    pieces.append((start, len(head), after_and))
    # A part ends at its last word, not at the sentence's full stop ("planning  .").
    return [_Piece(a, a + len(head[a:b].rstrip(" ,.;:")), bare) for a, b, bare in pieces]


# A phrase that qualifies the matter before it rather than naming one of its own:
# "..., including those arising from race", "in particular whether ...", "and those in
# long-term foster placements", "to reduce drift and delay" (but "..., and to ensure that" opens
# a further matter).
_QUALIFIER = re.compile(r"(?:including|in particular|particularly|especially|such as|in relation to|through|"
                        r"those|to(?!\s+(?:ensure|make sure))|so that|in order)\b", re.I)
# Themes that, alone in a phrase, name whose service it is rather than a matter: "the looked
# after children and leaving care services" is one matter (recruitment) for two services.
_POPULATION_THEMES = frozenset({"leaving-care", "child-protection", "disabled-children", "unaccompanied-children",
                                "young-carers", "homeless-16-17"})


def _modifier(phrase: str) -> bool:
    """Whether a phrase ends in a word that qualifies a noun still to come: "sufficient
    adoptive (and foster placements)", "child-in-need (and child-protection thresholds)".
    Hyphenated nouns in -ing ("decision-making") and nouns in -ive ("narrative") do not."""
    words = phrase.split()
    last = words[-1].lower().strip("’'") if words else ""
    if "-" in last:
        return not last.endswith("ing")
    return last.endswith("ive") and len(last) > 5 and last not in _NOUNS_IN_IVE


_NOUNS_IN_IVE = frozenset({"representative", "executive", "objective", "initiative", "perspective", "alternative",
                           "incentive", "narrative", "directive", "archive"})


class _Phrase(NamedTuple):
    start: int
    end: int
    qualifier: bool
    text: str  # its words, and the noun a coordinated modifier qualifies ("adoptive placements")


def _phrases(head: str) -> list[_Phrase]:
    """The head's pieces joined into phrases: a bare "and" between the words of a
    qualifying phrase, or before a service that shares the matter, does not start a
    new phrase; a modifier coordinated with the next phrase takes its noun ("sufficient
    adoptive and foster placements": adoptive placements, foster placements)."""
    phrases: list[_Phrase] = []
    for piece in _pieces(head):
        text = head[piece.start:piece.end].strip()
        if phrases and piece.after_and:
            last = phrases[-1]
            tags = themes.tag(text) if text else frozenset()
            if last.qualifier or (tags and tags <= _POPULATION_THEMES):
                phrases[-1] = last._replace(end=piece.end, text=head[last.start:piece.end].strip())
                continue
            if _modifier(last.text) and len(text.split()) > 1:
                phrases[-1] = last._replace(text=f"{last.text} {text.split()[-1]}")
        phrases.append(_Phrase(piece.start, piece.end, bool(_QUALIFIER.match(text)), text))
    return phrases


def split_point(text: str) -> list[str]:
    """The matters a point bundles, when its parts carry different themes.

    "Strengthen the quality of planning and management oversight for children
    in need" -> planning / management oversight; "Ensure that performance
    management drives improvement, and that assessments are given priority" ->
    performance management / assessments. A part without a theme of its own is
    not a matter of its own, so it is not split off.
    """
    distinct: list[tuple[str, set[str]]] = []
    for head, clause in matter_clauses(text):
        # "..., and that findings inform planning and commissioning to increase the uptake of
        # return interviews": a clause whose purpose is a matter named before serves that
        # matter; its head ("planning") is not one of its own.
        named = set().union(*(t for _, t in distinct)) if distinct else set()
        serves = themes.tag(clause[clause.find(head) + len(head):]) & named
        if serves and not themes.tag(head) & serves:
            continue
        last_start: int | None = None  # where this head's last part begins
        for start, end, qualifier, piece in _phrases(head):
            tags = themes.tag(piece) if piece and not qualifier else set()
            if not tags:
                continue
            # The same matter named twice in a row is one matter, not two parts: "including
            # those arising from race and ethnicity", "local serious case reviews, learning reviews".
            if last_start is not None and distinct[-1][1] == tags:
                distinct[-1] = (head[last_start:end].strip(), tags)
            else:
                last_start = start
                distinct.append((piece, tags))
    if len(distinct) < 2 or len({frozenset(t) for _, t in distinct}) < 2:
        return [text]
    return [p for p, _ in distinct]
