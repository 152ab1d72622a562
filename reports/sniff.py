"""What a file is, told from its first bytes: a PDF, an HTML page, text, or something named.

Downloads lie about themselves (an HTML error page saved as ``.pdf``, a Word
document renamed ``.txt``), so the file name is never asked. A file that is
none of the three readable formats is named as precisely as its signature
allows, so the user knows what they actually have.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

SNIFF_BYTES = 8192  # enough for a PDF header (allowed anywhere in the first 1024 bytes) and an HTML head

_SAVE_AS = "save the report as PDF, HTML or plain text"
# Signatures of formats people end up with instead of a report.
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"PK\x03\x04", "a ZIP archive (a .zip file, or a Word .docx or Excel .xlsx document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls or .ppt)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"%!PS", "a PostScript file"),
    (b"\x7fELF", "a program, not a document"),
]
# Signatures short enough to open a line of text: they count only in binary content.
_BINARY_SIGNATURES = [(b"MZ", "a Windows program, not a document")]
# Byte-order marks of the encodings told by their first bytes; UTF-32 before
# UTF-16, whose little-endian mark is a prefix of UTF-32's.
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Control characters that never occur in text. Tab, line feed, form feed
# (page breaks in converted PDFs), carriage return, vertical tab (Word's
# manual line break in a text export) and escape are allowed.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_HTML_START = re.compile(rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b",
                         re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Sniffed:
    fmt: str  # "pdf", "html", "text", or "other" (not readable)
    encoding: str | None = None  # a text or HTML file's encoding when its byte-order mark tells it
    what: str | None = None  # for "other": what the file is, in a user's words


_ARCHIVES = tuple(signature for signature, what in _SIGNATURES if "ZIP" in what)


def sniff(head: bytes) -> Sniffed:
    """The format of a file whose first bytes (at least :data:`SNIFF_BYTES` of them, or all) are ``head``."""
    # A PDF's header may stand after some junk, but not inside an archive ("PK..." first): a ZIP
    # that stores a PDF uncompressed shows "%PDF-" within its first kilobyte too.
    if b"%PDF-" in head[:1024] and not head.startswith(_ARCHIVES):
        return Sniffed("pdf")
    encoding = next((enc for bom, enc in _BOMS if head.startswith(bom)), None)
    if encoding is not None:
        # Cut at a whole code unit so a multi-byte character is never split.
        unit = 4 if encoding == "utf-32" else 2
        text = head[: len(head) - len(head) % unit].decode(encoding, errors="replace")
        probe = text.encode("utf-8", errors="replace")
    else:
        probe = head
    for signature, what in _SIGNATURES:
        if probe.startswith(signature):
            return Sniffed("other", what=f"{what}; {_SAVE_AS}")
    lead = probe.lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    if _HTML_START.match(lead):
        return Sniffed("html", encoding)
    if _looks_binary(probe):
        what = next((w for sig, w in _BINARY_SIGNATURES if probe.startswith(sig)), "binary content, not text")
        return Sniffed("other", what=f"{what}; {_SAVE_AS}")
    return Sniffed("text", encoding)


def _looks_binary(head: bytes) -> bool:
    """NUL bytes, or more control characters than text ever has (1 in 50)."""
    if not head:
        return False
    return b"\x00" in head or len(_CONTROL.findall(head)) > len(head) / 50


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as cp1252: mixed files exist (a pasted-in curly quote)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("inspectkg-cp1252", _cp1252_fallback)


def decode(data: bytes, encoding: str | None = None) -> str:
    """Text of ``data``: UTF-16/32 when a byte-order mark says so, else UTF-8 (with or
    without BOM) with any byte that is not UTF-8 read as cp1252, the Windows encoding
    older reports and hand-made text files use."""
    if encoding is not None:
        return data.decode(encoding, errors="replace")
    return data.decode("utf-8-sig", errors="inspectkg-cp1252")
