"""Every kind of bad input gets a precise rejection, or is read right despite its hazards.

Bad inputs are made here from good ones (the bundled sample, the real PDFs in
tests/data) so each case says exactly what is wrong with it; see
tests/data/bad/README.md for the few kept as files.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pdf_maker  # tests/ is on sys.path (pytest's rootdir imports), as for browser.py
import pypdfium2 as pdfium
import pytest
from inspectkg.reports.errors import RejectedInput
from inspectkg.reports.model import Report
from inspectkg.reports.parse import read_report

DATA = Path(__file__).parent / "data"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "hertfordshire"
ILACS_2023 = SAMPLE / "000_84b2414e8e56ad30.txt"
SIF_2015 = SAMPLE / "001_27b32c10be8258a7.txt"
FOCUSED_2021 = SAMPLE / "002_261c65e9d61313d6.txt"
LETTER_2011 = SAMPLE / "003_a643c10b153d5cb1.txt"
PRESS_2018 = SAMPLE / "004_6eb892215e4cceed.txt"
REAL_PDFS = sorted((DATA / "pdf").glob("*.pdf"))
NOT_FOUND = [DATA / "national" / "birmingham-21198b3863.pdf", DATA / "national" / "blackpool-21198b3863.pdf"]

SAVE_AS = "save the report as PDF, HTML or plain text"
TRUNCATED = ("not a PDF / damaged: truncated, the file stops before the PDF's end-of-file marker (%%EOF), "
             "so pages are missing; download it again")
UNSUPPORTED = ("not a recognised inspection report (an unsupported kind of document): none of the titles inspectkg reads (an inspection of local "
               "authority children's services, a focused or monitoring visit, an LSCB review, a joint targeted "
               'area inspection, a press release about one) is near its top; it begins "{}"')


def rejection(path: Path) -> str:
    with pytest.raises(RejectedInput) as info:
        read_report(path)
    assert info.value.path == str(path)  # the caller's file is named
    return info.value.reason


def sample(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def read_sample(path: Path) -> Report:
    return read_report(path)


# ------------------------------------------------- files of other kinds ----


def _zip() -> bytes:
    """A Word document: a ZIP archive with the parts Word writes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document>{sample(ILACS_2023)[:2000]}</w:document>")
    return out.getvalue()


def _png() -> bytes:
    """A valid 4x4 grey PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes([120] * 4) for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _random_bytes_without_nul() -> bytes:
    rng = random.Random(6)
    return bytes(rng.randrange(1, 256) for _ in range(6000))


OTHER_FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "docx.pdf": (_zip, "a ZIP archive (a .zip file, or a Word .docx or Excel .xlsx document)"),
    "image.pdf": (_png, "a PNG image"),
    "scan.txt": (lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200), "a JPEG image"),
    "old-word.pdf": (lambda: bytes.fromhex("d0cf11e0a1b11ae1") + bytes(500),
                     "an old Microsoft Office document (.doc, .xls or .ppt)"),
    "random.pdf": (lambda: random.Random(6).randbytes(6000), "binary content, not text"),
    "random-no-nul.txt": (_random_bytes_without_nul, "binary content, not text"),
}


@pytest.mark.parametrize("name", sorted(OTHER_FILES))
def test_files_of_other_kinds_are_named(tmp_path, name):
    make, what = OTHER_FILES[name]
    path = tmp_path / name
    path.write_bytes(make())
    assert rejection(path) == f"not a PDF, HTML or text file: {what}; {SAVE_AS}"


def test_a_zip_of_reports_is_to_be_unpacked(tmp_path):
    """Reports downloaded together come zipped: the answer is to unpack them, not to save the
    archive as PDF (a Word document, also a ZIP, still gets that advice above)."""
    path = tmp_path / "ofsted-reports.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("reports/", "")
        z.writestr("reports/coventry-2019.pdf", b"%PDF-1.4 ...")
        z.writestr("reports/coventry-2023.PDF", b"%PDF-1.4 ...")
        z.writestr("reports/readme.md", "notes")
    assert rejection(path) == ("a ZIP archive holding 2 PDF, HTML or text files (such as reports/coventry-2019.pdf): "
                               "unpack it and give inspectkg the folder")


def test_format_is_sniffed_not_taken_from_the_name(tmp_path):
    """A report saved as text under a .pdf name is read as the text it is."""
    path = tmp_path / "report.pdf"
    path.write_bytes(ILACS_2023.read_bytes())
    assert read_report(path).text == read_sample(ILACS_2023).text


@pytest.mark.parametrize("path", NOT_FOUND, ids=lambda p: p.name)
def test_report_not_found_pages(path):
    """The real "Report not found" page of Ofsted's site, saved under a .pdf name."""
    assert rejection(path) == ('an HTML page that is not an inspection report '
                               '(page title: "Report not found - Find an Inspection Report - Ofsted")')


# ------------------------------------------------------ empty and blank ----


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "the file is empty (0 bytes)"),
        (b"\n \r\n\t\n  ", "the file holds only blank space"),
        (b"\xef\xbb\xbf", "the file holds only blank space"),  # a UTF-8 byte-order mark alone
        (b"\xff\xfe" + " \n".encode("utf-16-le"), "the file holds only blank space"),
        (b"<!DOCTYPE html><html><head><title></title><script>x()</script></head><body> </body></html>",
         "the HTML page has no visible text"),
    ],
    ids=["empty", "blank", "bom", "utf16-blank", "html"],
)
def test_empty_files(tmp_path, content, reason):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    assert rejection(path) == reason


def test_missing_file_and_folder(tmp_path):
    assert rejection(tmp_path / "gone.pdf") == "cannot be read (No such file or directory)"
    assert rejection(tmp_path) == "a folder, not a file"


# ----------------------------------------------------------------- PDFs ----


def _sample_pdf(password: str | None = None) -> bytes:
    pages = pdf_maker.lay_out(sample(ILACS_2023))
    return pdf_maker.make_pdf([pdf_maker.text_page(p) for p in pages], password=password)


def test_hand_made_pdf_is_a_report(tmp_path):
    """The baseline of the PDF cases below: the same bytes, unlocked, read as a report."""
    path = tmp_path / "report.pdf"
    path.write_bytes(_sample_pdf())
    report = read_report(path)
    assert (report.kind, report.authority.name, str(report.start_date)) == (
        "ilacs-inspection", "Hertfordshire", "2023-01-23")


def test_scanned_pdf(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_maker.make_pdf([pdf_maker.image_page()] * 3))
    assert len(pdfium.PdfDocument(path)) == 3  # a sound PDF, only without text
    assert rejection(path) == ("a PDF with no extractable text (scanned?): its 3 pages hold images or "
                               "nothing, no text layer; run it through OCR first")


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(_sample_pdf(password="secret"))
    # The file is sound: with its password, pdfium reads the report's title.
    doc = pdfium.PdfDocument(path, password="secret")
    assert "Inspection of Hertfordshire local authority" in doc[0].get_textpage().get_text_range()
    doc.close()
    assert rejection(path) == ("encrypted: the PDF needs a password to open; save a copy without the "
                               "password and read that")


@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.name)
@pytest.mark.parametrize("keep", [0.5, 0.97], ids=["half", "most"])
def test_truncated_real_pdfs(tmp_path, path, keep):
    """A download cut short. pdfium opens some files cut near the end, losing pages silently."""
    data = path.read_bytes()
    cut = tmp_path / path.name
    cut.write_bytes(data[: int(len(data) * keep)])
    assert rejection(cut) == TRUNCATED


def test_pdf_without_pages_and_pdf_with_too_many(tmp_path):
    none = tmp_path / "none.pdf"
    none.write_bytes(pdf_maker.make_pdf([]))
    # pdfium itself refuses an empty page tree.
    assert rejection(none) == "not a PDF / damaged: pdfium cannot read it (Data format error); download it again"
    many = tmp_path / "many.pdf"
    many.write_bytes(pdf_maker.make_pdf([pdf_maker.text_page(["Page"])] * 501))
    assert rejection(many) == "a PDF of 501 pages, more than any report (500 page limit)"


def test_pdf_of_page_furniture_only(tmp_path):
    """Every page has its running header and number, and nothing else."""
    header = "Inspection of Testshire local authority children's services"
    pages = [pdf_maker.placed_page([(56, 800, 9, False, header), (290, 30, 9, False, str(n))]) for n in (1, 2, 3)]
    path = tmp_path / "furniture.pdf"
    path.write_bytes(pdf_maker.make_pdf(pages))
    assert rejection(path) == "the PDF holds no text besides running headers, footers and page numbers"


# ------------------------------------------------ not a report we read ----


def test_unsupported_genres(tmp_path):
    school = DATA / "bad" / "school-report.txt"
    assert rejection(school) == UNSUPPORTED.format("Inspection of Oakfield Primary School")
    csv = tmp_path / "authorities.txt"
    csv.write_text("la_code,name,region\n919,Hertfordshire,East of England\n" * 3, encoding="utf-8")
    assert rejection(csv) == UNSUPPORTED.format("la_code,name,region")


def _variant(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = sample(source)
    assert old in text
    path = tmp_path / source.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_no_authority_recognised(tmp_path):
    path = _variant(tmp_path, ILACS_2023, "Hertfordshire", "Testshire")
    assert rejection(path) == ("no English local authority recognised in this ilacs-inspection document "
                               "(no council or area name found)")


@pytest.mark.parametrize(
    "source, old, new, reason",
    [
        (ILACS_2023, "Inspection dates: 23 to 27 January 2023\n", "",
         "dates missing: no inspection, letter or publication date found in this ilacs-inspection "
         "document about Hertfordshire"),
        (ILACS_2023, "23 to 27 January 2023", "27 to 23 January 2023",
         "contradictory dates: fieldwork starts 2023-01-27 after it ends 2023-01-23"),
        (SIF_2015, "Report published: 27 November 2015", "Report published: 27 August 2015",
         "contradictory dates: published 2015-08-27 before fieldwork ended 2015-10-08"),
        (FOCUSED_2021, "31 August 2021", "1 July 2021",
         "contradictory dates: the letter is dated 2021-07-01, before the visit ended 2021-07-22"),
        (ILACS_2023, "23 to 27 January 2023", "23 to 27 January 2099",
         "impossible date: fieldwork starts 2099-01-23, which is in the future"),
    ],
    ids=["missing", "end-before-start", "published-before-fieldwork", "letter-before-visit", "future"],
)
def test_dates_missing_or_contradictory(tmp_path, source, old, new, reason):
    assert rejection(_variant(tmp_path, source, old, new)) == reason


# ------------------------------------------------------------- 50 MB ----

_MEASURE = """
import json, resource, sys
from inspectkg.reports.errors import RejectedInput
from inspectkg.reports.parse import read_report
read_report(sys.argv[1])  # warm up on the small original: libraries and reference data loaded
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    report = read_report(sys.argv[2])
    outcome = {"read": report.kind, "text": len(report.text)}
except RejectedInput as exc:
    outcome = {"rejected": exc.reason}
outcome["growth_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps(outcome))
"""
FIFTY_MB = 50 * 2**20


def _measure(original: Path, big: Path) -> dict:
    """Read ``big`` in a fresh process; its peak memory growth over reading ``original``."""
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(original), str(big)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_50_mb_text_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    text = sample(ILACS_2023).encode("utf-8")
    big.write_bytes(text * (FIFTY_MB // len(text) + 1))
    outcome = _measure(ILACS_2023, big)
    assert outcome["rejected"] == "the file is 50 MB, larger than any report (5 MB limit for text files)"
    assert outcome["growth_mb"] < 10  # the file was never read whole


def test_50_mb_pdf_is_read_from_disk(tmp_path):
    """A real report with 50 MB of unused data added (an incremental update): read
    as the report it is, with no more memory than the report itself takes."""
    original = DATA / "pdf" / "ilacs_2023_bristol.pdf"
    big = tmp_path / "big.pdf"
    big.write_bytes(pdf_maker.pad_pdf(original.read_bytes(), FIFTY_MB))
    assert big.stat().st_size > FIFTY_MB - 2**20
    outcome = _measure(original, big)
    assert outcome["read"] == "ilacs-inspection"
    assert outcome["text"] == len(read_report(original).text)
    assert outcome["growth_mb"] < 20


# ---------------------------------------------------------- encodings ----

_ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16", "mixed"]


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "mixed":  # UTF-8 with one curly quote pasted in from a cp1252 document
        return text.encode("utf-8") + "\nEnd of the children’s report.\n".encode("cp1252")
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", _ENCODINGS)
@pytest.mark.parametrize("source", sorted(SAMPLE.glob("*.txt")), ids=lambda p: p.name[:3])
def test_encodings_read_the_same(tmp_path, source, encoding):
    # cp1252 has no "◼": such letters are saved with "•" bullets.
    text = sample(source).replace("◼", "•")
    plain = tmp_path / "plain.txt"
    plain.write_text(text, encoding="utf-8")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(_encode(text, encoding))
    want, got = read_report(plain), read_report(path)
    expected = want.text + ("\n\nEnd of the children’s report." if encoding == "mixed" else "")
    assert got.text == expected
    assert [p.text for p in got.points] == [p.text for p in want.points]
    assert "â€" not in got.text and "\ufffd" not in got.text  # no mojibake


def test_curly_and_straight_quotes_read_alike(tmp_path):
    want = read_sample(FOCUSED_2021)
    swapped = sample(FOCUSED_2021).translate(str.maketrans({"’": "'", "'": "’", "‘": "'", "“": '"', "”": '"'}))
    path = tmp_path / "straight.txt"
    path.write_text(swapped, encoding="utf-8")
    got = read_report(path)
    assert (got.kind, got.authority, got.start_date, got.letter_date) == (
        want.kind, want.authority, want.start_date, want.letter_date)
    assert [p.text.replace("'", "’") for p in got.points] == [p.text.replace("'", "’") for p in want.points]


def test_windows_line_ends_and_invisible_characters(tmp_path):
    """CRLF, soft hyphens, zero-width spaces and non-breaking spaces change nothing a reader sees."""
    text = sample(ILACS_2023)
    noisy = (text.replace("children", "chil\u00addren").replace("social ", "social\u00a0")
             .replace("The ", "The\u200b ").replace("\n", "\r\n"))
    path = tmp_path / "noisy.txt"
    path.write_text(noisy, encoding="utf-8", newline="")
    assert read_report(path).text == read_sample(ILACS_2023).text


def test_private_use_bullets(tmp_path):
    """Symbol-font bullets copied out of a PDF as private-use glyphs are bullets."""
    want = read_sample(FOCUSED_2021)
    path = tmp_path / "glyphs.txt"
    path.write_text(sample(FOCUSED_2021).replace("◼", "\uf0a7"), encoding="utf-8")
    got = read_report(path)
    assert [p.text for p in got.points] == [p.text for p in want.points]
    assert "\uf0a7" not in got.text


def test_private_use_glyph_inside_a_line_is_kept(tmp_path):
    text = sample(ILACS_2023).replace("contingency plans", "contingency \ue000 plans")
    path = tmp_path / "glyph.txt"
    path.write_text(text, encoding="utf-8")
    report = read_report(path)
    assert "contingency \ue000 plans" in report.text
    assert [b.number for b in report.blocks if b.number] == list(range(1, 64))


# --------------------------------------------------------- long lines ----


def test_whole_report_on_one_line(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text(" ".join(sample(ILACS_2023).split()), encoding="utf-8")
    report = read_report(path)
    assert (report.kind, report.authority.name, str(report.start_date), str(report.end_date)) == (
        "ilacs-inspection", "Hertfordshire", "2023-01-23", "2023-01-27")


@pytest.mark.parametrize(
    "line",
    [
        "x" * 1_000_000,
        "word " * 200_000,
        "1. " * 300_000,
        "- " * 300_000,
        "(" * 500_000,
        "<p>" * 200_000,
        "Lead inspector: " + "Ann Lee, HMI, " * 50_000,
        "23 to 27 January 2023 " * 40_000,
        "\t" * 300_000 + "Good",
    ],
    ids=["one-word", "words", "numbers", "dashes", "brackets", "tags", "names", "dates", "tabs"],
)
def test_very_long_line_in_a_report(tmp_path, line):
    """A megabyte-long line after the report (a table or file dump gone wrong): the report still reads."""
    path = tmp_path / "long.txt"
    path.write_text(sample(ILACS_2023) + "\n\n" + line + "\n", encoding="utf-8")
    report = read_report(path)
    assert (report.kind, report.authority.name, str(report.start_date)) == (
        "ilacs-inspection", "Hertfordshire", "2023-01-23")
    assert [b.number for b in report.blocks if b.number and b.kind == "paragraph"][:63] == list(range(1, 64))


# ------------------------------------------------------------- HTML ----


def _as_html(report: Report) -> str:
    """The report as a web page: headings, numbered paragraphs, bullet lists, a table."""
    out = ["<!DOCTYPE html><html><head><title>Ofsted report</title><style>p{}</style></head><body>"]
    for block in report.blocks:
        text = block.text.replace("&", "&amp;").replace("<", "&lt;")
        if block.kind == "heading":
            out.append(f"<h2>{text}</h2>")
        elif block.kind == "bullet":
            out.append(f"<ul><li><p>{text}</p></li></ul>")
        elif block.kind == "table":
            out.append("<table><tr>" + "".join(f"<td>{c}</td>" for c in text.split("\t")) + "</tr></table>")
        elif block.number is not None:
            out.append(f"<p>{block.number}. {text}</p>")
        else:
            out.append(f"<p>{text}</p>")
    return "\n".join(out) + "</body></html>"


@pytest.mark.parametrize("source", [ILACS_2023, SIF_2015], ids=lambda p: p.name[:3])
def test_report_saved_as_a_web_page_reads_the_same(tmp_path, source):
    want = read_sample(source)
    path = tmp_path / "report.html"
    path.write_text(_as_html(want), encoding="utf-8")
    got = read_report(path)
    assert (got.kind, got.authority, got.start_date, got.end_date) == (
        want.kind, want.authority, want.start_date, want.end_date)
    assert [(j.area, j.grade) for j in got.judgements] == [(j.area, j.grade) for j in want.judgements]
    assert [(p.number, p.text) for p in got.points] == [(p.number, p.text) for p in want.points]
    assert [(b.number, b.text) for b in got.blocks if b.number] == [
        (b.number, b.text) for b in want.blocks if b.number]


def test_html_character_references_decoded_once(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(_as_html(read_sample(ILACS_2023)).replace(
        "<h2>What needs to improve?</h2>", "<h2>What needs to improve?</h2><p>Costs &amp;pound; rose.</p>"),
        encoding="utf-8")
    assert "Costs &pound; rose." in read_report(path).text



def test_a_web_page_saved_complete_is_read_and_its_assets_named(tmp_path):
    """"Save page as ... complete" puts the page's images, scripts, styles and frames in a folder
    beside it: the page is read, each of those is skipped as part of it (they were each
    rejected as not a report, and the build ended with exit code 1)."""
    from click.testing import CliRunner
    from inspectkg.cli import main

    folder = tmp_path / "downloads"
    assets = folder / "Hertfordshire ILACS 2023_files"
    assets.mkdir(parents=True)
    (folder / "Hertfordshire ILACS 2023.html").write_text(_as_html(read_sample(ILACS_2023)), encoding="utf-8")
    (assets / "main.css").write_text("body { margin: 0 }", encoding="utf-8")
    (assets / "app.js").write_text("console.log(1)", encoding="utf-8")
    (assets / "frame.htm").write_text("<html><body>cookie banner</body></html>", encoding="utf-8")
    (assets / "crest.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (assets / "kept.txt").write_text("a note", encoding="utf-8")  # no browser saves one: read, rejected
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "store"), "build", str(folder)])
    assert result.exit_code == 1, result.output
    out = result.output
    assert f"ingested  {folder}/Hertfordshire ILACS 2023.html: ilacs-inspection, Hertfordshire" in out
    for name in ("main.css", "app.js", "frame.htm", "crest.png"):
        assert (f"skipped   {assets}/{name}: part of the saved web page Hertfordshire ILACS 2023.html "
                "(its images, scripts and styles)") in out
    assert f"rejected  {assets}/kept.txt" in out
    assert "6 files: 1 ingested, 0 replaced, 4 skipped, 1 rejected" in out


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """A PNG's chunks (type, data), each CRC checked: a picture viewers still open."""
    chunks, at = [], 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        assert zlib.crc32(kind + body) == int.from_bytes(data[at + 8 + length:at + 12 + length], "big")
        chunks.append((kind, body))
        at += 12 + length
    return chunks


def test_what_inspectkg_wrote_beside_the_reports_is_skipped(sample_store_path, tmp_path):
    """Exports, dumps, traces and query results kept in the folder of reports they came from are
    skipped, each named, and the build succeeds (each was rejected as not a report: exit code 1).
    A file of the user's that is no report is still rejected."""
    from click.testing import CliRunner
    from inspectkg.cli import main

    folder = tmp_path / "reports"
    shutil.copytree(SAMPLE, folder)

    def cli(*args: str) -> str:
        result = CliRunner().invoke(main, ["--store", str(sample_store_path), *args])
        assert result.exit_code == 0, result.output
        return result.output

    for view in ("trail", "authority", "themes", "full"):
        cli("export", "--view", view, "-o", str(folder / f"{view}.graphml"))
    for name in ("trail.gexf", "trail.json", "trail.dot", "trail.svg", "trail.png", "trails.html",
                 "trail.jsonld", "store.ttl", "store.nq"):
        fmt = ["--format", "cytoscape"] if name.endswith(".json") else []
        cli("export", *fmt, "-o", str(folder / name))
    (folder / "trace.md").write_text(cli("trace", "--format", "markdown"), encoding="utf-8")
    (folder / "trace.json").write_text(cli("trace", "--format", "json"), encoding="utf-8")
    (folder / "documents.csv").write_text(cli("query", "documents", "--format", "csv"), encoding="utf-8")
    (folder / "notes.txt").write_text("Questions for the team meeting\n", encoding="utf-8")
    assert (b"tEXt", b"Software\x00inspectkg") in _png_chunks((folder / "trail.png").read_bytes())

    result = CliRunner().invoke(main, ["--store", str(tmp_path / "store"), "build", str(folder)])
    out = result.output
    assert result.exit_code == 1 and f"rejected  {folder}/notes.txt: not a recognised inspection report" in out
    for name, what in [("trail.graphml", "a GraphML export of inspectkg"), ("full.graphml", "a GraphML export of inspectkg"),
                       ("trail.gexf", "a GEXF export of inspectkg"), ("trail.json", "a Cytoscape export of inspectkg"),
                       ("trail.dot", "a Graphviz export of inspectkg"), ("trail.svg", "a Graphviz export of inspectkg"),
                       ("trail.png", "a picture of a graph drawn by inspectkg"),
                       ("trails.html", "inspectkg's HTML explorer"), ("trace.md", "a trace written by inspectkg"),
                       ("store.ttl", "a file in inspectkg's own terms"), ("store.nq", "a file in inspectkg's own terms"),
                       ("trail.jsonld", "a file in inspectkg's own terms"), ("trace.json", "a file in inspectkg's own terms"),
                       ("documents.csv", "a file in inspectkg's own terms")]:
        assert f"skipped   {folder}/{name}: {what}" in out, name
    assert "22 files: 5 ingested, 0 replaced, 16 skipped, 1 rejected" in out
