"""PDF -> cleaned text in the plain report form read by :mod:`.blocks`.

pdfium gives text line by line; positions and font sizes let us rebuild what
the reader sees: paragraphs (a gap larger than the line spacing), headings
(a change of size or weight), table rows (cells far apart on one baseline),
running headers and footers (the same line at the page edge on many pages)
and footnotes (small print at the page foot opened by a superscript number).

Output: one block per line, blocks separated by blank lines, a form feed
line between pages, and an inline form feed where a paragraph runs on to the
next page. Footnote markers become superscript digits ("Board¹", "¹ Ofsted
produces ..."), which is how the plain-text samples write them.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from statistics import median, quantiles

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .blocks import SUPERSCRIPTS, build_vocab, join_lines

_TO_SUPER = str.maketrans("0123456789", SUPERSCRIPTS)

_MIN_COLUMN_GAP = 14.0  # pt; widest word gap seen in the corpus is ~12
_PRIVATE_BULLET = re.compile(r"^([\uE000-\uF8FF])(\s)")
# What may stand before a wide gap without making a table cell: a number or a
# bullet glyph set on a tab stop.
_LIST_MARKER = re.compile(
    r"^\s*(?:\d{1,3}(?:\.\d{1,2})*\.?|\(?[ivx]{1,4}\)|\(?[a-z]\)|[•◼▪\-–\uE000-\uF8FF])\s*$"
)
_ITEM_START = re.compile(r"^\s*(?:\d{1,3}\.(?:\s|(?=[A-Z‘“]))|[•◼▪■●\-–]\s)")
_GLUED_DIGITS = re.compile(r"(?<=[A-Za-z)\].,;:’'\"”\[])\d{1,2}(?=[\s.,;:)\]’'\"”]|$)")
_LEAD_DIGITS = re.compile(r"\s*(\[?)(\d{1,2})(\]?)(?=\s|$)")
_BRACKETED_SUPER = re.compile(rf"\[([{SUPERSCRIPTS}]+)\]")
_MARK_ONLY = re.compile(r"\[?\d{1,2}\]?")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.IGNORECASE)
_FOOTNOTE_START = re.compile(rf"^[{SUPERSCRIPTS}]+\s")
_TERMINAL = re.compile(r"[.?!:;][’'\"”)\]]*$")


_SOFT_BREAK = "\ufffe"  # pdfium's mark of a hyphen at a line end


class PdfTextError(Exception):
    """The PDF cannot give text; the message says why in a user's words."""


@dataclass
class _Line:
    text: str
    x: float  # left edge of the first character
    y: float  # baseline of the first character
    y_end: float  # baseline of the last character (pdfium joins lines at a hyphen)
    right: float  # right edge of the last visual line
    size: float
    bold: bool
    cells: list[float] = field(default_factory=list)  # x of each tab-separated cell


@dataclass
class _Block:
    kind: str  # "text" | "table" | "footnote"
    lines: list[_Line]
    breaks: set[int] = field(default_factory=set)  # line indexes that start a new page


# ------------------------------------------------------------- opening ----


_AGAIN = "download it again"
MAX_PAGES = 500  # the longest report seen has 60 pages; bounds the memory of a junk PDF


def _open(path: str | Path) -> pdfium.PdfDocument:
    p = Path(path)
    with p.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, p.stat().st_size - 1024))
        tail = fh.read()
    # Checked before pdfium: a saved "Report not found" HTML page is common.
    if b"%PDF-" not in head:
        raise PdfTextError("not a PDF / damaged (no %PDF- header)")
    # Every PDF ends with an end-of-file marker within its last 1024 bytes; a
    # download cut short does not, and pdfium may still open what is left,
    # silently losing the last pages.
    truncated = b"%%EOF" not in tail
    try:
        doc = pdfium.PdfDocument(str(p))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise PdfTextError("encrypted: the PDF needs a password to open; "
                               "save a copy without the password and read that") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise PdfTextError("encrypted with a security scheme pdfium does not support; "
                               "save a copy without protection and read that") from None
        if truncated:
            raise PdfTextError(_TRUNCATED) from None
        raise PdfTextError(f"not a PDF / damaged: pdfium cannot read it ({_reason(exc)}); {_AGAIN}") from None
    if truncated:
        doc.close()
        raise PdfTextError(_TRUNCATED)
    return doc


_TRUNCATED = ("not a PDF / damaged: truncated, the file stops before the PDF's end-of-file "
              f"marker (%%EOF), so pages are missing; {_AGAIN}")


def _reason(exc: Exception) -> str:
    """pdfium's own words without the wrapper's ("Failed to load document (PDFium: X).")."""
    m = re.search(r"PDFium: ([^)]*)", str(exc))
    return m.group(1) if m else str(exc)


def pdf_pages(path: str | Path) -> list[str]:
    """The raw text of each page, as pdfium reads it (newlines normalised)."""
    doc = _open(path)
    try:
        return [_clean(page.get_textpage().get_text_range()) for page in doc]
    except pdfium.PdfiumError as exc:
        raise PdfTextError(f"not a PDF / damaged: pdfium cannot read a page ({_reason(exc)}); {_AGAIN}") from None
    finally:
        doc.close()


def _clean(text: str) -> str:
    # pdfium writes U+FFFE where it joined a word hyphenated at a line end;
    # raw page text shows the hyphen (pdf_to_text decides per word whether it
    # stays, see _split_soft_breaks).
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-")


# ------------------------------------------------------------ geometry ----


class _Chars:
    """Thin access to pdfium's per-character data for one text page."""

    def __init__(self, textpage: pdfium.PdfTextPage):
        self.tp = textpage
        self._x, self._y = ctypes.c_double(), ctypes.c_double()

    def origin(self, i: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharOrigin(self.tp.raw, i, self._x, self._y)
        return self._x.value, self._y.value

    def size(self, i: int) -> float:
        return pdfium_c.FPDFText_GetFontSize(self.tp.raw, i)

    def weight(self, i: int) -> int:
        return pdfium_c.FPDFText_GetFontWeight(self.tp.raw, i)

    def index_at(self, x: float, y: float) -> int:
        return pdfium_c.FPDFText_GetCharIndexAtPos(self.tp.raw, x, y, 1.0, 1.0)


def _page_lines(page: pdfium.PdfPage) -> list[_Line]:
    tp = page.get_textpage()
    count = tp.count_chars()
    text = tp.get_text_range(0, count)
    if len(text) != count:  # surrogate pairs would shift indexes: no geometry
        return _flat_lines(text)
    chars = _Chars(tp)
    lines: list[_Line] = []
    start = 0
    for raw in text.split("\r\n"):
        line = _read_line(chars, raw, start)
        if line:
            lines.append(line)
        start += len(raw) + 2
    return _merge_baselines(lines)


def _flat_lines(text: str) -> list[_Line]:
    """Fallback without positions: every line is its own paragraph."""
    rows = [t for t in _clean(text).split("\n") if t.strip()]
    return [_Line(t, 0.0, -30.0 * i, -30.0 * i, 0.0, 10.0, False) for i, t in enumerate(rows)]


def _read_line(chars: _Chars, raw: str, start: int) -> _Line | None:
    stripped = raw.strip()
    if not stripped:
        return None
    first = start + len(raw) - len(raw.lstrip())
    last = start + len(raw.rstrip()) - 1
    letter = next((start + i for i, c in enumerate(raw) if c.isalpha()), first)
    size = chars.size(letter)
    x, y = chars.origin(first)
    y_end = min(y, chars.origin(last)[1])  # lowest baseline; a raised footnote number is not one
    text = _mark_superscripts(chars, raw, start, size)
    rects = [chars.tp.get_rect(k) for k in range(chars.tp.count_rects(start, len(raw)))]
    right = max((r for (_l, b, r, t) in rects if b - 2 <= y_end <= t + 1), default=x)
    text, cells = _insert_tabs(chars, text, start, rects, x)
    # "schools[1]" and "[1] These are ..." lose the brackets like other markers.
    text = _BRACKETED_SUPER.sub(r"\1", text)
    # U+FFFE, where pdfium joined a word hyphenated at a line end, stays until
    # the whole document's words are known (see _split_soft_breaks).
    text = _PRIVATE_BULLET.sub(lambda m: ("-" if m.group(1) == "\uf02d" else "•") + m.group(2), text.strip())
    return _Line(text, x, y, y_end, right, size, chars.weight(letter) >= 600, cells)


def _mark_superscripts(chars: _Chars, raw: str, start: int, size: float) -> str:
    """Turn footnote numbers printed small and raised into superscript digits."""
    out = list(raw)
    spots = [m.span() for m in _GLUED_DIGITS.finditer(raw)]
    lead = _LEAD_DIGITS.match(raw)
    if lead:
        spots.append(lead.span(2))
    for a, b in spots:
        if chars.size(start + a) < 0.8 * size:
            out[a:b] = [c.translate(_TO_SUPER) for c in raw[a:b]]
    return "".join(out)


def _insert_tabs(
    chars: _Chars, text: str, start: int, rects: list[tuple], x0: float
) -> tuple[str, list[float]]:
    """Put a tab where two pieces of one baseline are a column apart."""
    cuts: list[tuple[int, float]] = []
    for a, b in pairwise(rects):
        same_row = min(a[3], b[3]) - max(a[1], b[1]) > 0
        if not same_row or b[0] - a[2] < _MIN_COLUMN_GAP:
            continue
        i = chars.index_at(b[0] + 0.5, (b[1] + b[3]) / 2) - start
        if 0 < i < len(text) and text[i].strip() and not _LIST_MARKER.match(text[:i]):
            cuts.append((i, b[0]))
    cells = [x0]
    for i, xb in sorted(cuts, reverse=True):  # right to left keeps indexes valid
        j = i
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        text = text[:j] + "\t" + text[i:]
        cells.insert(1, xb)
    return text, cells


def _merge_baselines(lines: list[_Line]) -> list[_Line]:
    """Order lines top to bottom and join pieces that share a baseline, left to right."""
    _lower_raised_markers(lines)
    rows: list[list[_Line]] = []
    for ln in sorted(lines, key=lambda ln: -ln.y):
        if rows and abs(rows[-1][0].y - ln.y) < 0.4 * max(rows[-1][0].size, ln.size):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    out = []
    for row in rows:
        row.sort(key=lambda ln: ln.x)
        first = row[0]
        for ln in row[1:]:
            gap = ln.x - first.right
            # pdfium already judged these pieces apart; a gap of half an em
            # between them is a column gap, not a word space.
            column = gap >= 0.6 * ln.size and not _LIST_MARKER.match(first.text)
            joint = "\t" if column else ("" if -1.0 <= gap < 1.0 else " ")
            first.text += joint + ln.text
            first.cells += ln.cells if column else []
            first.right = max(first.right, ln.right)
            first.y_end = min(first.y_end, ln.y_end)
        out.append(first)
    return out


def _lower_raised_markers(lines: list[_Line]) -> None:
    """Move footnote numbers that pdfium set apart back onto the line they belong to.

    A raised number in a smaller font sits just above the baseline of the line
    it marks (or of the footnote it opens); it becomes a superscript piece of
    that line, to be joined in x order.
    """
    for mark in lines:
        if not _MARK_ONLY.fullmatch(mark.text):
            continue
        hosts = [
            h
            for h in lines
            if h is not mark
            and mark.size < h.size
            and 0 < mark.y - h.y <= 0.7 * h.size
            and h.x - 15 <= mark.x <= h.right + 15
        ]
        if hosts:
            host = min(hosts, key=lambda h: mark.y - h.y)
            mark.text = mark.text.strip("[]").translate(_TO_SUPER)
            mark.y, mark.y_end, mark.size, mark.bold = host.y, host.y_end, host.size, host.bold


# ------------------------------------------------------------ document ----


def pdf_to_text(path: str | Path, max_chars: int | None = None) -> str:
    """Clean text of a PDF report: no running headers, footers or page numbers.

    A PDF of more than :data:`MAX_PAGES` pages, or more than ``max_chars``
    characters, is refused before it fills memory.
    """
    doc = _open(path)
    pages, heights, widths = [], [], []
    chars = 0
    try:
        if len(doc) > MAX_PAGES:
            raise PdfTextError(f"a PDF of {len(doc)} pages, more than any report ({MAX_PAGES} page limit)")
        for i in range(len(doc)):
            page = doc[i]  # loading a page is the costly part: once per page
            heights.append(page.get_height())
            widths.append(page.get_width())
            pages.append(_page_lines(page))
            page.close()
            chars += sum(len(ln.text) for ln in pages[-1])
            if max_chars is not None and chars > max_chars:
                raise PdfTextError(f"holds more than {max_chars / 1e6:.0f} million characters of text, "
                                   "more than any report")
    except pdfium.PdfiumError as exc:
        raise PdfTextError(f"not a PDF / damaged: pdfium cannot read page {len(pages) + 1} "
                           f"({_reason(exc)}); {_AGAIN}") from None
    finally:
        doc.close()
    if not pages:
        raise PdfTextError("a PDF with no pages")
    visible = sum(len("".join(ln.text.split())) for page in pages for ln in page)
    if visible < 20 * len(pages):
        raise PdfTextError(f"a PDF with no extractable text (scanned?): {_pages(len(pages))} "
                           "images or nothing, no text layer; run it through OCR first")
    pages = _drop_running_lines(pages, heights)
    body_size = _body_size(pages)
    right_edge = _right_edge(pages, body_size, min(widths))
    em = _char_width(pages, body_size)
    laid_out = [_page_blocks(page, body_size, right_edge, em) for page in pages]
    texts = [ln.text for page in pages for ln in page]
    if any(t.endswith("-") or _SOFT_BREAK in t for t in texts):
        vocab = build_vocab([piece for t in texts for piece in _split_soft_breaks(t)])
    else:
        vocab = set()
    return _render(laid_out, vocab)


def _pages(n: int) -> str:
    return "its one page holds" if n == 1 else f"its {n} pages hold"


def _edge_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def _drop_running_lines(pages: list[list[_Line]], heights: list[float]) -> list[list[_Line]]:
    """Remove page numbers and lines repeated at a page edge on several pages.

    Running lines are set small; a heading in body type that happens to open
    several pages ("Inspection findings") is only dropped if it is on most.
    """
    body_size = _body_size(pages)

    def edge_lines(page: list[_Line], height: float) -> list[_Line]:
        ends = page[:2] + page[-2:] if len(page) > 4 else page
        return [ln for ln in ends if ln.y > 0.85 * height or ln.y < 0.15 * height]

    seen: Counter[str] = Counter()
    for page, height in zip(pages, heights):
        seen.update({_edge_key(ln.text) for ln in edge_lines(page, height)})
    needed = 2 if len(pages) <= 5 else 3

    def running(ln: _Line) -> bool:
        count = seen[_edge_key(ln.text)]
        small = ln.size < body_size - 0.9
        # In body type, a numbered paragraph or a full sentence that happens to
        # open two pages ("3. Children are safe.") is text, not a running head.
        sentence = _ITEM_START.match(ln.text) is not None or _TERMINAL.search(ln.text) is not None
        return count >= needed and (small or (count > len(pages) / 2 and not sentence))

    out = []
    for page, height in zip(pages, heights):
        drop = {
            id(ln)
            for ln in edge_lines(page, height)
            if _PAGE_NUMBER.match(ln.text.strip()) or running(ln)
        }
        out.append([ln for ln in page if id(ln) not in drop])
    return out


def _body_size(pages: list[list[_Line]]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page:
            sizes[round(ln.size * 2) / 2] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _right_edge(pages: list[list[_Line]], body_size: float, width: float) -> float:
    """Where full lines of body text end: read from the long lines, or, in a document
    too short to have them, the page width less a margin as wide as the left one."""
    body = [ln for page in pages for ln in page if abs(ln.size - body_size) < 1 and "\t" not in ln.text]
    rights = [ln.right for ln in body if len(ln.text) > 40]
    if len(rights) >= 2:
        # Capped: from a handful of lines the 95th percentile reaches past the longest.
        return min(quantiles(rights, n=20)[-1], max(rights))
    return width - min((ln.x for ln in body), default=0.0) if body else 10_000.0


# --------------------------------------------------------------- pages ----


def _char_width(pages: list[list[_Line]], body_size: float) -> float:
    """The body font's mean character width, as a fraction of its size (Arial about
    0.45, Courier 0.6): how much room the next word of a line would have needed."""
    ratios = [
        (ln.right - ln.x) / (len(ln.text) * ln.size)
        for page in pages
        for ln in page
        # One visual line each: not a table row, nor two lines pdfium joined at a hyphen.
        if abs(ln.size - body_size) < 1 and len(ln.text) > 20 and ln.right > ln.x
        and "\t" not in ln.text and _SOFT_BREAK not in ln.text
    ]
    # Never below half the size: narrower fonts set fewer letters per word than
    # the mean suggests, and a break taken for a hand break splits a paragraph.
    return max(0.5, median(ratios)) if ratios else 0.5


def _page_blocks(lines: list[_Line], body_size: float, right_edge: float, em: float = 0.5) -> list[_Block]:
    """Body blocks of one page followed by its footnotes."""
    body, notes = _split_footnotes(lines, body_size)
    blocks: list[_Block] = []
    for group in _tight_groups(body):
        if _is_table(group):
            blocks.extend(_Block("table", [row]) for row in _table_rows(group))
        else:
            blocks.extend(_Block("text", part) for part in _split_group(group, right_edge, em))
    return blocks + [_Block("footnote", note) for note in notes]


def _split_footnotes(lines: list[_Line], body_size: float) -> tuple[list[_Line], list[list[_Line]]]:
    """Small print at the page foot that opens with a superscript number."""
    start = len(lines)
    while start > 0 and lines[start - 1].size < body_size - 0.9:
        start -= 1
    while start < len(lines) and not _FOOTNOTE_START.match(lines[start].text):
        start += 1
    notes: list[list[_Line]] = []
    for ln in lines[start:]:
        if _FOOTNOTE_START.match(ln.text) or not notes:
            notes.append([ln])
        else:
            notes[-1].append(ln)
    return lines[:start], notes


def _tight_groups(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of lines set at line spacing (no paragraph gap, same style)."""
    groups: list[list[_Line]] = []
    for ln in lines:
        if groups:
            prev = groups[-1][-1]
            gap = prev.y_end - ln.y
            size = max(prev.size, ln.size)
            same_size = abs(prev.size - ln.size) <= 0.9
            # pdfium misreads the weight of some bold fonts; a line that goes
            # on in lower case is the same heading or paragraph all the same.
            same_style = same_size and (prev.bold == ln.bold or ln.text[:1].islower())
            # Interleaved lines (closer than any line spacing) are cells of
            # one table row whatever their style.
            if gap < 0.75 * min(prev.size, ln.size) or (gap <= 1.45 * size and same_style):
                groups[-1].append(ln)
                continue
        groups.append([ln])
    return groups


def _is_table(group: list[_Line]) -> bool:
    if any("\t" in ln.text for ln in group):
        return True
    return any(a.y_end - b.y < 0.75 * min(a.size, b.size) for a, b in pairwise(group))


def _table_rows(group: list[_Line]) -> list[_Line]:
    """Rebuild rows whose cells wrap over several lines; one line per row."""
    starts = sorted({round(x) for ln in group for x in (ln.cells or [ln.x])})
    columns: list[float] = []
    for x in starts:
        if not columns or x - columns[-1] > 60:  # indents inside a cell are smaller
            columns.append(x)

    def column(x: float) -> int:
        return max((i for i, c in enumerate(columns) if c <= x + 2), default=0)

    rows: list[tuple[_Line, dict[int, list[str]], bool]] = []
    for ln in group:
        parts = ln.text.split("\t")
        xs = ln.cells if len(ln.cells) == len(parts) else [ln.x] * len(parts)
        cols = [column(x) for x in xs]
        if len(set(cols)) != len(cols):  # positions unknown: consecutive columns
            cols = [column(ln.x) + k for k in range(len(parts))]
        tabbed = len(parts) > 1
        # A row already holding a tabbed line ends where the next tabbed line
        # starts in the first column with a capital (a lower-case start goes on
        # a wrapped cell: "and protection\tto be good").
        new_row = not rows or (
            tabbed and rows[-1][2] and cols[0] == 0 and not parts[0].strip()[:1].islower()
        )
        if new_row:
            rows.append((ln, {}, False))
        first, cells, had_tab = rows[-1]
        for col, part in zip(cols, parts):
            cells.setdefault(col, []).append(part)
        rows[-1] = (first, cells, had_tab or tabbed)
    out = []
    for first, cells, _ in rows:
        text = "\t".join(join_lines(cells[c]) for c in sorted(cells) if join_lines(cells[c]))
        out.append(_Line(text, first.x, first.y, first.y_end, first.right, first.size, first.bold))
    return out


def _split_group(group: list[_Line], right_edge: float, em: float = 0.5) -> list[list[_Line]]:
    """Cut a run of lines at list items and at line breaks made by hand."""
    parts: list[list[_Line]] = []
    for ln in group:
        if parts and not _starts_block(parts[-1], ln, right_edge, em):
            parts[-1].append(ln)
        else:
            parts.append([ln])
    return parts


def _starts_block(current: list[_Line], ln: _Line, right_edge: float, em: float = 0.5) -> bool:
    prev = current[-1]
    ends = bool(_TERMINAL.search(prev.text))
    # An item opens at the margin, left of the text it hangs; a number at the
    # text's own indent is just a number that wrapped ("... from 66 to / 44.").
    if _ITEM_START.match(ln.text):
        at_margin = ln.x <= current[0].x + 3
        # A dash only opens an item among dash items or after a finished
        # sentence: a wrapped sentence may go on with "– an area for improvement".
        if _is_dash_item(ln.text):
            sibling = _is_dash_item(current[0].text)
        else:
            sibling = _ITEM_START.match(current[0].text) is not None
        if ln.x < prev.x - 3 or (at_margin and (ends or sibling)):
            return True
    # Would the next word have fitted on the previous line? Then the break was
    # made by hand: a new paragraph, or lines of an address or a signature.
    word = ln.text.split()[0]
    fits = prev.right + (len(word) + 1) * em * ln.size < right_edge - em * ln.size
    if not fits or not _starts_upper(ln.text):
        return False
    return ends or (len(current) == 1 and not prev.text.rstrip().endswith((",", "-")))


def _is_dash_item(text: str) -> bool:
    return text.lstrip()[:2] in ("- ", "– ")


def _starts_upper(text: str) -> bool:
    t = text.lstrip(" ‘'\"“(")
    return bool(t) and (t[0].isupper() or t[0].isdigit())


# -------------------------------------------------------------- output ----


def _continues(prev: _Block, nxt: _Block) -> bool:
    """Does the first block of a page carry on the last paragraph of the page before?"""
    if prev.kind != "text" or nxt.kind != "text":
        return False
    head, last, first = prev.lines[0], prev.lines[-1], nxt.lines[0]
    if (
        _ITEM_START.match(first.text)
        or abs(first.size - last.size) > 0.9
        or first.bold != last.bold
    ):
        return False
    if first.text[:1].islower():
        return True
    # Numbered paragraphs and bullets hang their lines: text at that indent
    # with no marker of its own belongs to the item above.
    hanging = [ln.x for ln in prev.lines[1:]]
    if _ITEM_START.match(head.text) and first.x > head.x + 5:
        return not hanging or abs(first.x - hanging[-1]) < 3
    return not _TERMINAL.search(last.text) and first.x >= head.x - 2 and len(prev.lines) > 1


def _text(block: _Block, vocab: set[str]) -> str:
    lines: list[str] = []
    breaks: set[int] = set()
    for i, ln in enumerate(block.lines):
        if i in block.breaks:
            breaks.add(len(lines))
        lines.extend(_split_soft_breaks(ln.text))
    return join_lines(lines, vocab=vocab, breaks=breaks)


def _split_soft_breaks(text: str) -> list[str]:
    """A line pdfium joined at a line-end hyphen, as the lines it was ("inform-", "ation"),
    so that join_lines decides, as for any broken line, whether the hyphen stays
    ("decision-making") or goes ("information")."""
    pieces = text.split(_SOFT_BREAK)
    return [p + "-" for p in pieces[:-1]] + pieces[-1:]


def _render(pages: list[list[_Block]], vocab: set[str]) -> str:
    out: list[str] = []
    pending: _Block | None = None  # last text block so far; may run on to the next page
    notes: list[_Block] = []  # footnotes of the previous page, printed after that block

    def emit_pending() -> None:
        nonlocal pending
        if pending is not None:
            out.append(_text(pending, vocab))
            pending = None
        out.extend(_text(n, vocab) for n in notes)
        notes.clear()

    for number, blocks in enumerate(pages):
        body = [b for b in blocks if b.kind != "footnote"]
        if number and pending is not None and body and _continues(pending, body[0]):
            pending.breaks.add(len(pending.lines))
            pending.lines.extend(body.pop(0).lines)
        elif number:
            emit_pending()
            out.append("\f")
        for block in body:
            emit_pending()
            if block.kind == "text":
                pending = block
            else:
                out.append(_text(block, vocab))
        notes.extend(b for b in blocks if b.kind == "footnote")
    emit_pending()
    return "\n\n".join(out) + "\n"
