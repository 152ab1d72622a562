"""Read a file of any supported format into plain report text.

The format is sniffed from the bytes, never taken from the file name: real
downloads include HTML error pages saved as ``.pdf``.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import OwnOutput, RejectedInput
from .sniff import SNIFF_BYTES, decode, sniff

# Far above any real report (the largest seen: 0.8 MB of PDF, 120 kB of text),
# so only junk is refused; they bound the memory one file can take. PDFs carry
# images and fonts, and pdfium reads them from disk, not into memory.
MAX_BYTES = {"pdf": 100 * 2**20, "html": 20 * 2**20, "text": 5 * 2**20}
MAX_TEXT_CHARS = 5_000_000  # about 2,000 pages of text, from any format
_HASH_CHUNK = 2**20


def readable(path: str | Path) -> str:
    """A path as text that can be printed and stored: a name whose bytes are not UTF-8 (a file
    unpacked from an old Windows zip, "r\\xe9port.pdf") keeps "\ufffd" where they were, as Python
    holds such bytes in a form no UTF-8 output accepts."""
    return os.fsencode(str(path)).decode("utf-8", "replace")


@dataclass(frozen=True)
class SourceText:
    path: str
    fmt: str  # "pdf", "html" or "text"
    text: str
    content_hash: str
    title: str | None = None  # an HTML page's <title>, to name what a rejected page was


def sniff_format(data: bytes) -> str:
    """"pdf", "html", "text" or "binary" for a file starting with ``data``."""
    fmt = sniff(data[:SNIFF_BYTES]).fmt
    return "binary" if fmt == "other" else fmt


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM; stray cp1252 bytes read as cp1252), or UTF-16/32 with a BOM."""
    return decode(data, sniff(data[:SNIFF_BYTES]).encoding)


class _HtmlText(HTMLParser):
    """Collects the visible text of a page, a block per block-level element.

    List items become "•" bullets, as the segmenter reads them in text files.
    """

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section",
              "article", "header", "footer", "table", "ul", "ol", "title", "li"}
    SKIP = {"script", "style", "noscript", "nav", "svg", "head", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: str | None = None
        self._in_title = False
        self._bullet = False  # an <li> opened and its text not yet begun

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
            self._bullet = tag == "li" or (self._bullet and tag != "ul" and tag != "ol")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        if not self.skipping:
            if self._bullet and data.strip():
                self.parts.append("• ")
                self._bullet = False
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(source: str) -> tuple[str, str | None]:
    parser = _HtmlText()
    parser.feed(source)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, parser.title  # character references are already decoded by the parser


def read_source(path: str | Path) -> SourceText:
    """Read ``path`` into text, or raise RejectedInput saying why it cannot be read."""
    p = Path(path)
    try:
        if p.is_dir():
            raise RejectedInput(p, "a folder, not a file")
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise RejectedInput(p, f"cannot be read ({exc.strerror or exc})") from None
    if size == 0:
        raise RejectedInput(p, "the file is empty (0 bytes)")
    kind = sniff(head)
    made_by_us = own_output(head)
    if made_by_us:
        raise OwnOutput(p, f"{made_by_us}, not a report")
    if kind.fmt == "other":
        raise RejectedInput(p, _archive_of_reports(p) or f"not a PDF, HTML or text file: {kind.what}")
    limit = MAX_BYTES[kind.fmt]
    if size > limit:
        raise RejectedInput(p, f"the file is {size / 2**20:.0f} MB, larger than any report "
                               f"({limit // 2**20} MB limit for {_FORMAT_NAMES[kind.fmt]})")
    if kind.fmt == "pdf":
        return _read_pdf(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise RejectedInput(p, f"cannot be read ({exc.strerror or exc})") from None
    digest = hashlib.sha256(data).hexdigest()
    decoded = decode(data, kind.encoding)
    title = None
    if kind.fmt == "html":
        text, title = html_to_text(decoded)
    else:
        text = decoded
    if not text.strip():
        what = "HTML page has no visible text" if kind.fmt == "html" else "file holds only blank space"
        raise RejectedInput(p, f"the {what}")
    _check_length(p, text)
    return SourceText(str(p), kind.fmt, text, digest, title)


# What inspectkg writes names itself near its top (a generator, its view's name, its IRIs), so
# that exports kept with the reports they came from are passed over: rejected as "not a report"
# they made every later build of the folder end with exit code 1. No report names these.
_OWN_MARKS = [
    (re.compile(rb'<meta name="generator" content="inspectkg'), "inspectkg's HTML explorer"),
    (re.compile(rb"<creator>inspectkg</creator>"), "a GEXF export of inspectkg"),
    (re.compile(rb"<desc>inspectkg "), "a GraphML export of inspectkg"),
    (re.compile(rb'"generated_by": "inspectkg"'), "a Cytoscape export of inspectkg"),
    (re.compile(rb'digraph "inspectkg |<!-- Title: inspectkg '), "a Graphviz export of inspectkg"),
    (re.compile(rb"tEXtSoftware\x00inspectkg"), "a picture of a graph drawn by inspectkg"),
    (re.compile(rb"\A\s*# Improvement points and their follow-up"), "a trace written by inspectkg"),
    (re.compile(rb"https://w3id\.org/inspectkg/"), "a file in inspectkg's own terms (a dump, a trace, "
                                                   "a query or its results)"),
]


def own_output(head: bytes) -> str | None:
    """What inspectkg output the first bytes of a file are (None: not one of ours)."""
    return next((what for mark, what in _OWN_MARKS if mark.search(head)), None)


_FORMAT_NAMES = {"pdf": "PDFs", "html": "HTML pages", "text": "text files"}


_REPORT_SUFFIXES = (".pdf", ".html", ".htm", ".txt")


def _archive_of_reports(p: Path) -> str | None:
    """What to say of a ZIP archive holding files inspectkg reads (reports downloaded together):
    to unpack it, not to save it as PDF. None for anything else (a Word document is a ZIP too)."""
    try:
        with zipfile.ZipFile(p) as z:
            report_files = [n for n in z.namelist() if n.lower().endswith(_REPORT_SUFFIXES)]
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    if not report_files:
        return None
    count = len(report_files)
    return (f"a ZIP archive holding {count} PDF, HTML or text file{'s' if count != 1 else ''} "
            f"(such as {report_files[0]}): unpack it and give inspectkg the folder")


def _read_pdf(p: Path) -> SourceText:
    from .pdf_text import PdfTextError, pdf_to_text  # deferred: pypdfium2 loads a native lib

    try:
        text = pdf_to_text(p, max_chars=MAX_TEXT_CHARS)
        digest = _file_hash(p)
    except PdfTextError as exc:
        raise RejectedInput(p, str(exc)) from None
    except OSError as exc:
        raise RejectedInput(p, f"cannot be read ({exc.strerror or exc})") from None
    return SourceText(str(p), "pdf", text, digest)


def _file_hash(p: Path) -> str:
    """SHA-256 of the file, read in chunks: a PDF is never held in memory whole."""
    digest = hashlib.sha256()
    with p.open("rb") as fh:
        while chunk := fh.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _check_length(p: Path, text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise RejectedInput(p, f"holds {len(text) / 1e6:.1f} million characters of text, more than any "
                               f"report ({MAX_TEXT_CHARS / 1e6:.0f} million limit)")


def saved_page_assets(files: list[Path]) -> dict[Path, Path]:
    """The files a browser saved beside a web page ("Report_files/" next to "Report.html"), each
    with its page: the page's images, scripts, styles and frames, not reports to read. A PDF or
    text file there is read all the same: no browser puts one there."""
    pages = {f.with_suffix(""): f for f in files if f.suffix.lower() in (".html", ".htm")}
    assets: dict[Path, Path] = {}
    for f in files:
        if f.suffix.lower() in (".pdf", ".txt"):
            continue
        folder = next((d for d in f.parents if d.name.endswith("_files")), None)
        page = pages.get(folder.with_name(folder.name[: -len("_files")])) if folder else None
        if page is not None:
            assets[f] = page
    return assets


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files named, and every file inside folders named (recursively, hidden
    files and folders aside), in a stable order. Every file found gets an
    answer from the build, so a .docx or a file without a suffix in a folder of
    reports is rejected with its reason rather than passed over in silence."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(
                f for f in p.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            found.append(p)
    return found
