"""Read a file of any supported format into plain report text.

The format is sniffed from the bytes, never taken from the file name: real
downloads include HTML error pages saved as ``.pdf``.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import RejectedInput

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".text", ".html", ".htm", ".md"}
MAX_BYTES = 60 * 1024 * 1024  # far above any real report; bounds memory on junk


@dataclass(frozen=True)
class SourceText:
    path: str
    fmt: str  # "pdf", "html" or "text"
    text: str
    content_hash: str
    title: str | None = None  # an HTML page's <title>, to name what a rejected page was


def sniff_format(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:200]:
        return "html"
    if b"\x00" in data[:4096]:
        return "binary"
    return "text"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252, the two encodings seen in the wild."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class _HtmlText(HTMLParser):
    """Collects the visible text of a page, a block per block-level element."""

    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section",
              "article", "header", "footer", "table", "ul", "ol", "title"}
    SKIP = {"script", "style", "noscript", "nav", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n\n- ")
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
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(source: str) -> tuple[str, str | None]:
    parser = _HtmlText()
    parser.feed(source)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return html.unescape(text), parser.title


def read_source(path: str | Path) -> SourceText:
    """Read ``path`` into text, or raise RejectedInput saying why it cannot be read."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise RejectedInput(p, f"file is {size // 2**20} MB, larger than any report "
                                   f"({MAX_BYTES // 2**20} MB limit)")
        data = p.read_bytes()
    except OSError as exc:
        raise RejectedInput(p, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise RejectedInput(p, "the file is empty")
    digest = hashlib.sha256(data).hexdigest()
    fmt = sniff_format(data)
    if fmt == "pdf":
        from .pdf_text import PdfTextError, pdf_to_text  # deferred: pypdfium2 loads a native lib

        try:
            text = pdf_to_text(p)
        except PdfTextError as exc:
            raise RejectedInput(p, str(exc)) from None
        return SourceText(str(p), "pdf", text, digest)
    if fmt == "html":
        text, title = html_to_text(decode_text(data))
        return SourceText(str(p), "html", text, digest, title)
    if fmt == "binary":
        raise RejectedInput(p, "not a PDF, HTML or text file (binary content)")
    return SourceText(str(p), "text", decode_text(data), digest)


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files named, and the report files inside folders named, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*")
                                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            found.append(p)
    return found
