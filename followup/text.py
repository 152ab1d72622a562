"""Sentences with their offsets, and the content words that carry a sentence's topic."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at . ! ? followed by space and a capital, a quote or a digit;
# abbreviations common in reports do not end one.
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|para|paras|no|vs|approx|St)\.$", re.I)
_BOUNDARY = re.compile(r"(?<=[.!?])[’”\"')]*\s+(?=[A-Z0-9‘“\"'(])")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the paragraph text
    end: int


def sentences(paragraph: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        candidate = paragraph[start: m.start()]
        if _ABBREVIATIONS.search(candidate.rstrip()):
            continue
        _add(out, paragraph, start, m.start())
        start = m.end()
    _add(out, paragraph, start, len(paragraph))
    return out


def _add(out: list[Sentence], paragraph: str, start: int, end: int) -> None:
    text = paragraph[start:end]
    stripped = text.strip()
    if not stripped:
        return
    lead = len(text) - len(text.lstrip())
    out.append(Sentence(stripped, start + lead, start + lead + len(stripped)))


STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "ensure", "ensuring", "improve", "improving", "improvement", "improvements", "increase", "strengthen", "develop", "development", "continue", "review", "consistently", "consistent", "quality", "timeliness", "timely", "effective", "effectively", "children", "child", "young", "people", "person", "persons", "service", "services", "local", "authority", "authorities", "council", "partners", "work", "working", "worker", "workers", "social", "practice", "practitioners", "staff", "professional", "professionals", "families", "family", "many", "number", "well", "good", "strong", "better", "further", "make", "made", "making", "take", "taken", "needs", "need", "needed", "including", "include", "includes", "ensure", "through", "across", "within", "level", "levels", "range", "wide", "full", "fully", "area", "areas", "new", "recent", "recently", "result", "results", "within", "time", "times", "those", "being", "use", "used", "using", "able", "sure", "meet", "meets", "met",
                       # "(page 13, paragraph 27)": where a point cites its findings, not its matter
                       "page", "pages", "paragraph", "paragraphs"])

_WORD = re.compile(r"[a-z][a-z'’\-]+")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light suffix stripper: enough to make 'assessments'/'assessed'/'assessment' meet."""
    w = word.replace("’", "'").strip("'-")
    for suffix in ("ements", "ement", "ations", "ation", "ings", "ing", "ies", "ied", "ness", "edly",
                   "ed", "es", "s", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            if suffix in ("ies", "ied"):
                return w[: -len(suffix)] + "y"
            return w[: -len(suffix)]
    return w


def content_terms(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2]


def weighted_norm(a: Counter[str], idf: dict[str, float]) -> float:
    return math.sqrt(sum((v * idf.get(t, 1.0)) ** 2 for t, v in a.items()))


def cosine_normed(a: Counter[str], norm_a: float, b: Counter[str], norm_b: float, idf: dict[str, float]) -> float:
    """The cosine of two idf-weighted bags of words whose norms (``weighted_norm``) are known:
    each side's norm is worked out once, not at every comparison."""
    if not norm_a or not norm_b:
        return 0.0
    return sum(a[t] * b[t] * idf.get(t, 1.0) ** 2 for t in a.keys() & b.keys()) / (norm_a * norm_b)


def idf_table(texts: list[str]) -> dict[str, float]:
    """Inverse document frequency over ``texts`` (paragraphs), smoothed."""
    df: Counter[str] = Counter()
    for t in texts:
        df.update(set(content_terms(t)))
    n = max(len(texts), 1)
    return {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}
