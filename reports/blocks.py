"""Segment cleaned report text into blocks.

Input is the *plain report form*, which is both what the bundled plain-text
samples look like and what :func:`inspectkg.reports.pdf_text.pdf_to_text`
emits:

* blocks are separated by blank lines; inside a block lines may be
  hard-wrapped (a converted letter) or be one paragraph per line (a converted
  report);
* a form feed on a line of its own is a page break between blocks; a form
  feed inside a line is a page break inside a paragraph;
* table rows are single lines with tab-separated cells;
* footnotes start with superscript digits ("³ Local name for ...") and
  footnote markers are superscript digits glued to a word ("Board¹").

Nothing is dropped: every word of the input ends up in exactly one block, in
order, except bullet glyphs, paragraph-number prefixes, footnote markers,
stray HTML tags and the hyphens of words split across lines. A footnote or a
running page header that interrupts a paragraph is kept as its own block,
after the paragraph, which gets its continuation back.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from statistics import quantiles

from .blocks_model import Block

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")

# Glyphs that only ever mean "bullet": pdfium reports Symbol/Wingdings bullets
# as private-use code points, so the whole U+E000-U+F8FF range counts.
_GLYPH_BULLET = re.compile(r"^\s*([•◼▪■●◦‣∙□➢➤✓\uE000-\uF8FF])\s*(?=\S)")
# Dashes are bullets only where a new item can start (see _starts_new_unit),
# because a hard-wrapped sentence may well continue with "– an area ...".
_DASH_BULLET = re.compile(r"^\s*([-–])\s+(?=\S)")
# "12. Text", and "12.Text" where a tab stop stood in for the space.
_NUMBERED = re.compile(r"^\s*(\d{1,3})\.(?:\s+(?=\S)|(?=[A-Z‘“]))")
_INNER_FF = re.compile(r"(?<=\S)\f+(?=\S)")
_GLYPH_ONLY = re.compile(r"^\s*[•◼▪■●◦‣∙□➢➤✓\uE000-\uF8FF]\s*$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.IGNORECASE)
_FOOTNOTE = re.compile(rf"^\s*([{SUPERSCRIPTS}]+)\s*(?=\S)")
_GLUED_MARKER = re.compile(rf"(?<=[^\s{SUPERSCRIPTS}])[{SUPERSCRIPTS}]+")

# Block-level HTML tags break blocks; inline ones just vanish. Only real tag
# names are matched so that "<https://reports.ofsted.gov.uk/>" survives.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|tbody|thead|td|th)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_INLINE_TAG = re.compile(r"</?(?:span|strong|em|b|i|u|a|sup|sub)(?:\s[^<>]*)?/?>", re.IGNORECASE)

_TERMINAL = re.compile(r"[.?!:;][’'\"”)\]]*$")
_WORD = re.compile(r"[\w’']+(?:-[\w’']+)*")

# Words after which a sentence cannot stop: a paragraph ending in one of them
# continues even if the next fragment looks like a heading.
_FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "its",
        "of",
        "on",
        "or",
        "than",
        "that",
        "the",
        "their",
        "these",
        "this",
        "those",
        "to",
        "was",
        "were",
        "which",
        "who",
        "with",
    }
)
# Heads that commonly form hyphenated compounds ("multi-agency", "well-being").
_COMPOUND_HEADS = frozenset(
    {
        "anti",
        "co",
        "cross",
        "day",
        "decision",
        "early",
        "end",
        "face",
        "full",
        "half",
        "high",
        "inter",
        "long",
        "low",
        "mid",
        "multi",
        "non",
        "one",
        "out",
        "over",
        "part",
        "post",
        "pre",
        "re",
        "self",
        "semi",
        "short",
        "step",
        "sub",
        "two",
        "under",
        "well",
        "wide",
        "child",
        "children",
        "family",
        "school",
        "risk",
        "case",
        "care",
        "age",
        "time",
        "young",
        "life",
        "cost",
        "high-quality",
        "front",
        "out-of",
        "in",
        "on",
        "off",
        "follow",
        "up",
    }
)
# Fragments that are never words on their own: "develop-" + "ment".
_SUFFIXES = frozenset(
    {
        "ment",
        "ments",
        "tion",
        "tions",
        "sion",
        "sions",
        "ation",
        "ations",
        "ing",
        "ings",
        "ed",
        "ly",
        "ness",
        "ity",
        "ities",
        "ance",
        "ances",
        "ence",
        "ences",
        "able",
        "ably",
        "ible",
        "al",
        "ally",
        "ial",
        "ive",
        "ives",
        "ous",
        "er",
        "ers",
        "est",
        "ies",
        "ied",
        "ised",
        "ising",
        "isation",
        "ful",
        "less",
        "ship",
        "ships",
        "ward",
        "wards",
        "ist",
        "ists",
        "ism",
        "ic",
        "ical",
        "ary",
        "ory",
        "ure",
        "ures",
        "age",
        "ages",
        "ent",
        "ents",
        "ant",
        "ants",
    }
)


# Line and paragraph separators other than "\n" (Unicode's, Word's vertical
# tab) break lines; invisible characters (soft hyphen, zero-width space, word
# joiner, a byte-order mark inside the text) would split words for no reader;
# other control characters are noise from a bad conversion.
_NORMALISE = str.maketrans(
    {
        "\u2028": "\n", "\u2029": "\n\n", "\x85": "\n", "\x0b": "\n",
        "\u00ad": None, "\u200b": None, "\u2060": None, "\ufeff": None,
        "\u00a0": " ", "\u202f": " ", "\ufffe": "-",
        **{chr(c): " " for c in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]},
    }
)
_SOFT_BREAK = re.compile(r"(?<=\w)\u00ad[ \t]*\n[ \t]*(?=\w)")


@dataclass
class _Line:
    text: str  # without form feeds; may keep a leading space (indent evidence)
    page: int | None
    running: bool = False  # a page header, footer or page number


@dataclass
class _Unit:
    kind: str  # "heading" | "paragraph" | "bullet" | "table" | "footnote" | "?" (undecided)
    lines: list[str] = field(default_factory=list)
    page: int | None = None
    number: int | None = None
    text: str = ""
    running: bool = False


def segment(text: str) -> list[Block]:
    """Split plain report text into headings, paragraphs, bullets, tables and footnotes."""
    lines = _prepare_lines(text)
    _mark_running(lines)
    body = [ln.text for ln in lines if ln is not None]
    # The vocabulary only serves to mend words broken at a line-end hyphen.
    vocab = build_vocab(body) if any(t.rstrip().endswith("-") for t in body) else set()
    wrap = _wrap_width(body)
    units: list[_Unit] = []
    for raw_block in _raw_blocks(lines):
        units.extend(_split_units(raw_block, wrap))
    for unit in units:
        _finish_unit(unit, vocab)
    units = _merge_continuations(units, vocab)
    return _drop_doubled_headings([_to_block(u) for u in units if u.text])


def _drop_doubled_headings(blocks: list[Block]) -> list[Block]:
    """Some PDFs draw a heading twice: once in its place and once on the
    baseline of the line above it ("... home and care. Areas for improvement",
    then "Areas for improvement"). The copy glued to the end of the block
    before the heading is dropped, or a point would end with a heading."""
    out = list(blocks)
    for i in range(len(out) - 1):
        b, nxt = out[i], out[i + 1]
        if nxt.kind == "heading" and b.kind in ("paragraph", "bullet") and len(nxt.text) >= 4 \
                and b.text.endswith(" " + nxt.text) and len(b.text) > 2 * len(nxt.text):
            out[i] = replace(b, text=b.text[: -len(nxt.text)].rstrip())
    return out


# ---------------------------------------------------------------- lines ----


def _strip_html(line: str) -> str:
    # Inside a table row a tag must not become a block break, or the row
    # would be torn apart: "<p>Title</p>\t<p>Good</p>".
    line = _INLINE_TAG.sub("", line)
    return _BLOCK_TAG.sub("" if _is_table_row(_BLOCK_TAG.sub("", line)) else "\n\n", line)


def _is_table_row(text: str) -> bool:
    return sum(1 for cell in text.split("\t") if cell.strip()) >= 2


def _prepare_lines(text: str) -> list[_Line | None]:
    """Lines with their page number; None stands for a blank line or a page-break line."""
    text = clean_characters(text)
    paged = "\f" in text
    page = 1
    out: list[_Line | None] = []
    for raw in text.split("\n"):
        if "\f" in raw:
            lead = len(raw) - len(raw.lstrip(" \t\f"))
            page += raw[:lead].count("\f")  # breaks before the line's first character
            start_page = page
            page += raw[lead:].count("\f")
            # A page break between two words still separates them.
            raw = _INNER_FF.sub(" ", raw).replace("\f", "")
        else:
            start_page = page
        for piece in _strip_html(raw).split("\n"):
            if piece.strip():
                out.append(_Line(piece.rstrip(), start_page if paged else None))
            else:
                out.append(None)
    return out


def clean_characters(text: str) -> str:
    """Unix line ends; no invisible or control characters; soft-hyphenated words mended."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A soft hyphen at a line end marks where a word was broken: mend it here.
    return _SOFT_BREAK.sub("", text).translate(_NORMALISE)


def _edge_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.strip().lower()))


def _mark_running(lines: list[_Line | None]) -> None:
    """Flag running headers, footers and page numbers of text that has page breaks.

    They are kept as blocks of their own, but a paragraph interrupted by one
    still gets its continuation (see _continuation_target).
    """
    pages: dict[int, list[_Line]] = {}
    for ln in lines:
        if ln is not None and ln.page is not None:
            pages.setdefault(ln.page, []).append(ln)
    if len(pages) < 2:
        return
    edges = {p: page[:2] + page[-2:] if len(page) > 4 else page for p, page in pages.items()}
    # Headers are titles, not sentences: a numbered, lower-case or full-stopped line met twice
    # is text that happens to repeat. A header also looks like one on each page it is met on:
    # "Children" closing one page is not repeated by "children" closing another.
    seen: dict[str, set[int]] = {}
    for p, page in edges.items():
        for ln in page:
            if not _sentence_like(ln.text):
                seen.setdefault(_edge_key(ln.text), set()).add(p)
    for page in edges.values():
        for ln in page:
            key = _edge_key(ln.text)
            repeated = len(seen.get(key, ())) >= 2 and len(key) <= 120
            ln.running = repeated or bool(_PAGE_NUMBER.match(ln.text.strip()))


def _sentence_like(text: str) -> bool:
    return bool(_NUMBERED.match(text)) or _starts_lower(text) or _ends_sentence(text)


def _raw_blocks(lines: list[_Line | None]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for ln in lines:
        if ln is None:
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(ln)
    if current:
        blocks.append(current)
    return blocks


def _wrap_width(lines: list[str]) -> float:
    """Typical length of a full line; huge when paragraphs are one line each."""
    lengths = [len(t.strip()) for t in lines if not _is_table_row(t)]
    if len(lengths) < 2:
        return float("inf")
    width = quantiles(lengths, n=10)[-1]
    return float("inf") if width > 150 else width


# ---------------------------------------------------------------- units ----


def _line_kind(text: str) -> str | None:
    """Markers that always start a new unit whatever came before."""
    if _is_table_row(text):
        return "table"
    if _FOOTNOTE.match(text):
        return "footnote"
    if _GLYPH_BULLET.match(text):
        return "bullet"
    return None


def _ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def _first_word(text: str) -> str:
    parts = text.split()
    return parts[0] if parts else ""


# A judgement's section title, which some reports end with a full stop ("The experiences and
# progress of children who need help and protection requires improvement to be good.").
_JUDGEMENT_TITLE = re.compile(
    r"^(?:The\s+)?(?:impact of leaders on social work practice|experiences and progress of children)\b"
    r"[^.]{0,140}?\b(?:outstanding|good|inadequate|requires? improvement(?: to be good)?)\.$",
    re.IGNORECASE,
)


def _looks_like_heading(text: str) -> bool:
    """A short line that does not end a sentence: a title, a label, an address line."""
    t = text.strip()
    if not t or len(t) > 160 or _starts_lower(t):
        return False
    if _JUDGEMENT_TITLE.match(t):
        return True
    if t.endswith("-") and not t.endswith(" -"):
        return False  # a word broken at the line end: the text goes on
    if t.endswith("?"):
        return len(t.split()) <= 15
    if re.search(r"[.,;:!]$", t):
        return False
    return len(t.split()) <= 22


_OPENERS = " ‘'\"“("


def _starts_upper(text: str) -> bool:
    t = text.lstrip(_OPENERS)
    return bool(t) and (t[0].isupper() or t[0].isdigit())


def _starts_lower(text: str) -> bool:
    """Does the text begin in lower case, past any opening quote or bracket (“front door” team)?"""
    return text.lstrip(_OPENERS)[:1].islower()


def _split_units(block: list[_Line], wrap: float) -> list[_Unit]:
    """Cut one blank-line-separated block into units (one paragraph, bullet, row ...)."""
    units: list[_Unit] = []
    last_number: int | None = None
    glyph = ""  # a bullet glyph that pdfium-like extraction left on a line of its own
    for i, ln in enumerate(block):
        text = ln.text
        if _GLYPH_ONLY.match(text):
            glyph = text.strip()
            continue
        if glyph:
            text, glyph = f"{glyph} {text.lstrip()}", ""
        prev = block[i - 1] if i else None
        if (
            units
            and prev is not None
            and not (ln.running or prev.running or units[-1].running)
            and not _starts_new_unit(units[-1], prev.text, text, wrap, last_number)
        ):
            units[-1].lines.append(text)
            continue
        unit = _Unit(kind=_line_kind(text) or "?", lines=[text], page=ln.page, running=ln.running)
        m = _NUMBERED.match(text)
        if unit.kind == "?" and m and not ln.running:
            unit.number = int(m.group(1))
            last_number = unit.number
        elif unit.kind == "?" and _DASH_BULLET.match(text):
            unit.kind = "bullet"
        units.append(unit)
    return units


def _starts_new_unit(
    current: _Unit, prev: str, text: str, wrap: float, last_number: int | None
) -> bool:
    if current.kind == "table" or _line_kind(text):
        return True
    if wrap == float("inf"):
        return True  # one paragraph per line: every line break is real
    ends = _ends_sentence(prev)
    m = _NUMBERED.match(text)
    if m and (ends or last_number is None or int(m.group(1)) == last_number + 1):
        return True
    if _DASH_BULLET.match(text) and (ends or current.kind == "bullet"):
        return True
    # Would the next word have fitted on the previous line? Then the line
    # break was made by hand, not by wrapping.
    fits = len(prev.strip()) + 1 + len(_first_word(text)) < 0.8 * wrap
    indented = text[:1].isspace()
    if ends and _starts_upper(text) and (fits or indented):
        return True
    first_line = len(current.lines) == 1
    return first_line and fits and _looks_like_heading(prev) and _starts_upper(text)


def _finish_unit(unit: _Unit, vocab: Collection[str]) -> None:
    """Decide the unit's kind and build its single-line text."""
    first = unit.lines[0]
    if unit.kind == "table":
        cells = [_GLUED_MARKER.sub("", c).strip() for c in "\t".join(unit.lines).split("\t")]
        unit.text = "\t".join(c for c in cells if c)
        return
    if unit.kind == "footnote":
        m = _FOOTNOTE.match(first)
        unit.number = int(m.group(1).translate(_SUPER_TO_DIGIT))
        first = first[m.end() :]
    elif unit.kind == "bullet":
        m = _GLYPH_BULLET.match(first) or _DASH_BULLET.match(first)
        first = first[m.end() :]
    elif unit.number is not None:
        first = first[_NUMBERED.match(first).end() :]
    text = join_lines([first, *unit.lines[1:]], vocab=vocab)
    if unit.kind != "footnote":
        text = _GLUED_MARKER.sub("", text)
    unit.text = text
    if unit.kind == "?":
        heading = unit.number is None and _looks_like_heading(text)
        unit.kind = "heading" if heading else "paragraph"


def _lacks_end(text: str) -> bool:
    return not _TERMINAL.search(text.rstrip())


def _merge_continuations(units: list[_Unit], vocab: Collection[str]) -> list[_Unit]:
    """Re-attach paragraph fragments cut off by a page break or a footnote."""
    out: list[_Unit] = []
    for unit in units:
        target = _continuation_target(out, unit)
        if target is None:
            out.append(unit)
        else:
            target.text = join_lines([target.text, unit.text], vocab=vocab)
            target.lines.extend(unit.lines)
    return out


def _continuation_target(done: list[_Unit], unit: _Unit) -> _Unit | None:
    if unit.kind not in ("paragraph", "heading") or unit.number is not None or unit.running:
        return None
    # Footnotes and running headers interrupt a paragraph without ending it.
    prev = next((u for u in reversed(done) if u.kind != "footnote" and not u.running), None)
    if prev is None or prev.kind not in ("paragraph", "bullet"):
        return None
    starts_lower = _starts_lower(unit.text)
    if prev.kind == "bullet":
        return prev if starts_lower else None
    if starts_lower:
        return prev
    # An unfinished sentence only counts in a real paragraph, not in a stray
    # word such as the "and" between two title lines.
    if not _lacks_end(prev.text) or (prev.number is None and len(prev.text.split()) < 8):
        return None
    last_word = prev.text.split()[-1].lower() if prev.text.split() else ""
    if unit.kind == "heading" and last_word not in _FUNCTION_WORDS:
        return None
    return prev


def _to_block(unit: _Unit) -> Block:
    return Block(kind=unit.kind, text=unit.text, number=unit.number, page=unit.page)  # type: ignore[arg-type]


# ------------------------------------------------------------- joining ----


def build_vocab(lines: list[str]) -> set[str]:
    """Lower-cased words (hyphenated compounds included) seen whole in the text, and the word of
    each possessive ("children" from "children’s"): the word may be met only in that form."""
    vocab: set[str] = set()
    for line in lines:
        words = _WORD.findall(line)
        if line.rstrip().endswith("-") and words:
            words = words[:-1]  # a fragment cut by the line break is not a word
        for w in words:
            w = w.lower()
            vocab.add(w)
            if w.endswith(("’s", "'s")):
                vocab.add(w[:-2])
    return vocab


def join_lines(lines: list[str], vocab: Collection[str] = (), breaks: Collection[int] = ()) -> str:
    """Unwrap lines into one, mending words hyphenated across the break.

    ``breaks`` holds indexes of lines preceded by a page break; a form feed is
    kept at that junction so the reader can still count pages.
    """
    out = ""
    for i, raw in enumerate(lines):
        line = raw.strip(" \t\n")
        if not line:
            continue
        ff = "\f" if i in breaks else ""
        if not out:
            out = ff + line
            continue
        if out.endswith("-") and not out.endswith((" -", "--")):
            keep, sep = _hyphen_join(out, line, vocab)
            if ff and not sep:  # keep the mended word whole: the break goes after it
                head, space, rest = line.partition(" ")
                line, ff = head + ff + space + rest, ""
            out = (out if keep else out[:-1]) + sep + ff + line
        else:
            out = out + " " + ff + line
    return out


def _hyphen_join(left: str, right: str, vocab: Collection[str]) -> tuple[bool, str]:
    """(keep the hyphen?, separator) for ``left`` ending in "-" followed by ``right``."""
    head_m = re.search(r"([\w’']+(?:-[\w’']+)*)-$", left)
    tail_m = re.match(r"[\w’']+", right)
    if not head_m or not tail_m:
        return True, "" if head_m else " "
    head, tail = head_m.group(1), tail_m.group(0)
    if tail.lower() in ("and", "or", "to", "nor") and not right[len(tail) :].startswith("-"):
        return True, " "  # suspended hyphen: "16- and 17-year-olds", but "day-" / "to-day" is one word
    if "-" in head or head[-1].isdigit() or tail[0].isdigit() or tail[0].isupper():
        return True, ""
    compound, closed = f"{head}-{tail}".lower(), f"{head}{tail}".lower()
    if compound in vocab:
        return True, ""
    if closed in vocab:
        return False, ""
    if head.lower() in _COMPOUND_HEADS:
        return True, ""
    if tail.lower() in _SUFFIXES:
        return False, ""
    # Ofsted's reports are not hyphenated by the typesetter, so a hyphen at a
    # line end is normally part of the word.
    return True, ""
