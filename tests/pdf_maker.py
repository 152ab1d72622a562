"""Hand-written PDFs for the bad-input tests: text pages, image-only ("scanned") pages,
password encryption (the Standard security handler, revision 2, RC4 40-bit, as in
the PDF 1.7 specification, section 7.6.3) and a real PDF padded by an
incremental update. Written out byte by byte so each test knows exactly what
is in the file; pypdfium2 cannot write encrypted files.
"""

from __future__ import annotations

import hashlib
import re
import textwrap

# The padding string of the Standard security handler (PDF 1.7, 7.6.3.3).
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = bytes(range(16))


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + _PAD)[:32]


class _Security:
    """Keys of the Standard security handler, revision 2 (40-bit RC4)."""

    PERMISSIONS = -44  # print and copy allowed; the file still needs the password to open

    def __init__(self, user_password: str, owner_password: str = "owner"):
        owner_key = hashlib.md5(_padded(owner_password)).digest()[:5]
        self.o = _rc4(owner_key, _padded(user_password))
        p = self.PERMISSIONS.to_bytes(4, "little", signed=True)
        self.key = hashlib.md5(_padded(user_password) + self.o + p + _FILE_ID).digest()[:5]
        self.u = _rc4(self.key, _PAD)

    def encrypt(self, number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(self.key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
        return _rc4(object_key, data)

    def dictionary(self) -> bytes:
        return (b"<< /Filter /Standard /V 1 /R 2 /O <" + self.o.hex().encode() + b"> /U <"
                + self.u.hex().encode() + b"> /P %d >>" % self.PERMISSIONS)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_page(lines: list[str]) -> bytes:
    """A content stream setting ``lines`` in 11 pt Helvetica from the top of an A4 page."""
    body = b" T* ".join(_pdf_string(line) + b" Tj" for line in lines)
    return b"BT /F1 11 Tf 14 TL 56 790 Td " + body + b" ET"


_FONTS = {False: 1, True: 2, "mono": 3}  # Helvetica, Helvetica-Bold, Courier


def placed_page(items: list[tuple[float, float, float, bool | str, str]]) -> bytes:
    """A content stream setting each (x, y, size, font, text) where it says, as layout
    software does; font is bold (True), regular (False) or "mono" (Courier)."""
    shows = [b"/F%d %g Tf 1 0 0 1 %g %g Tm " % (_FONTS[font], size, x, y) + _pdf_string(text) + b" Tj"
             for x, y, size, font, text in items]
    return b"BT " + b" ".join(shows) + b" ET"


def image_page() -> bytes:
    """A content stream that paints the page's one image over most of the page: a scan."""
    return b"q 480 0 0 700 56 70 cm /Im1 Do Q"


def lay_out(text: str, width: int = 95, lines_per_page: int = 52) -> list[list[str]]:
    """Pages of wrapped lines, a blank line between paragraphs (the lines of ``text``),
    as a word processor sets text."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        words = " ".join(paragraph.split())
        if words:
            lines.extend(textwrap.wrap(words, width, break_on_hyphens=False) + [""])
    return [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]


def make_pdf(pages: list[bytes], password: str | None = None) -> bytes:
    """A PDF of the given content streams (see :func:`text_page`, :func:`image_page`),
    locked with ``password`` if one is given."""
    security = _Security(password) if password is not None else None
    n_pages = len(pages)
    # 1 catalog, 2 page tree, 3-5 fonts, 6 image, then a page and its content per page.
    objects: list[tuple[bytes, bytes | None]] = [
        (b"<< /Type /Catalog /Pages 2 0 R >>", None),
        (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (7 + 2 * i) for i in range(n_pages))
         + b"] /Count %d >>" % n_pages, None),
        (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>", None),
        (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>", None),
        (b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>", None),
        (b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray"
         b" /BitsPerComponent 8", bytes(range(0, 256, 4))),
    ]
    for i, content in enumerate(pages):
        objects.append((b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                        b" /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> /XObject << /Im1 6 0 R >> >> >>"
                        % (8 + 2 * i),
                        None))
        objects.append((b"<<", content))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, (head, stream) in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number
        if stream is None:
            out += head
        else:
            data = security.encrypt(number, stream) if security else stream
            out += head + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
        out += b"\nendobj\n"
    trailer = b"<< /Size %d /Root 1 0 R /ID [<%s> <%s>]" % (
        len(objects) + (2 if security else 1), _FILE_ID.hex().encode(), _FILE_ID.hex().encode())
    if security:
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (len(objects) + 1) + security.dictionary() + b"\nendobj\n"
        trailer += b" /Encrypt %d 0 R" % (len(objects) + 1)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def pad_pdf(data: bytes, size: int) -> bytes:
    """A real PDF grown to about ``size`` bytes by an incremental update that adds one
    stream nothing refers to: the document reads the same, the file is just large."""
    start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    after = data[start:]
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", after).group(1)  # type: ignore[union-attr]
    number = int(re.search(rb"/Size\s+(\d+)", after).group(1))  # type: ignore[union-attr]
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offset = len(out)
    filler = max(0, size - len(out) - 300)
    out += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (number, filler)
    out += bytes(filler) + b"\nendstream\nendobj\n"
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (number, offset)
    out += b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        number + 1, root, start, xref)
    return bytes(out)
