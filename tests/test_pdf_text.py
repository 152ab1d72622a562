"""PDF cleaning on real reports (tests/data/pdf) and on broken files made here."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from inspectkg.reports.blocks import segment
from inspectkg.reports.blocks_model import Block
from inspectkg.reports.pdf_text import PdfTextError, pdf_pages, pdf_to_text

try:  # tests/ as a package, or pytest's default rootdir imports
    from .test_blocks import assert_nothing_dropped
except ImportError:
    from test_blocks import assert_nothing_dropped

PDFS = Path(__file__).parent / "data" / "pdf"

# Fixture -> how many numbered paragraphs the report prints (1..N, no gaps).
NUMBERED = {
    "sif_2014_bristol.pdf": 158,
    "sif_reinspection_2017_coventry.pdf": 101,
    "ilacs_2018_blackpool.pdf": 44,
    "ilacs_2023_bristol.pdf": 62,
    "focused_visit_2021_doncaster.pdf": 0,
    "lac_2013_sandwell.pdf": 85,
}
# Fixture -> (heading over the improvement points, how many bullets follow it).
IMPROVE = {
    "ilacs_2018_blackpool.pdf": ("What needs to improve", 12),
    "ilacs_2023_bristol.pdf": ("What needs to improve?", 6),
    "focused_visit_2021_doncaster.pdf": (
        "What needs to improve in this area of social work practice",
        4,
    ),
}
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?", re.IGNORECASE)


@cache
def _read(name: str) -> tuple[str, list[Block]]:
    text = pdf_to_text(PDFS / name)
    return text, segment(text)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def test_fixtures_present():
    assert sorted(p.name for p in PDFS.glob("*.pdf")) == sorted(NUMBERED)


@pytest.mark.parametrize("name", sorted(NUMBERED))
def test_every_word_reaches_a_block(name):
    text, blocks = _read(name)
    assert_nothing_dropped(text, blocks)


@pytest.mark.parametrize("name", sorted(NUMBERED))
def test_no_page_furniture(name):
    _, blocks = _read(name)
    pages = pdf_pages(PDFS / name)
    assert not [b for b in blocks if _PAGE_NUMBER.fullmatch(b.text)]
    # Lines that pdfium finds on most pages are running headers or footers;
    # none may come back as a block (page 1 may carry the same words as a title).
    counts: dict[str, int] = {}
    for page in pages:
        for key in {_key(line) for line in page.splitlines() if line.strip()}:
            counts[key] = counts.get(key, 0) + 1
    running = {k for k, n in counts.items() if n > len(pages) / 2}
    assert not [b for b in blocks if b.page and b.page > 1 and _key(b.text) in running]


@pytest.mark.parametrize("name", sorted(NUMBERED))
def test_numbered_paragraphs_in_order(name):
    _, blocks = _read(name)
    numbers = [b.number for b in blocks if b.kind == "paragraph" and b.number is not None]
    assert numbers == list(range(1, NUMBERED[name] + 1))


@pytest.mark.parametrize("name", sorted(IMPROVE))
def test_improvement_points_are_bullets(name):
    heading, count = IMPROVE[name]
    _, blocks = _read(name)
    i = blocks.index(next(b for b in blocks if b.kind == "heading" and b.text == heading))
    after = blocks[i + 1 : i + 2 + count]
    assert [b.kind for b in after[:count]] == ["bullet"] * count
    assert after[count].kind != "bullet"


@pytest.mark.parametrize(
    "name, row",
    [
        (
            "sif_2014_bristol.pdf",
            "2. Children looked after and achieving permanence\tRequires improvement",
        ),
        ("sif_2014_bristol.pdf", "2.2 Experiences and progress of care leavers\tInadequate"),
        ("sif_reinspection_2017_coventry.pdf", "2.1 Adoption performance\tRequires improvement"),
        (
            "ilacs_2018_blackpool.pdf",
            (
                "The experiences and progress of children in care and care leavers\t"
                "Requires improvement to be good"
            ),
        ),
        ("ilacs_2023_bristol.pdf", "The experiences and progress of children in care\tGood"),
        ("lac_2013_sandwell.pdf", "Capacity to improve\tAdequate"),
    ],
)
def test_judgement_tables(name, row):
    """Cells wrapped over several lines, or set apart by a gap, make one row."""
    _, blocks = _read(name)
    assert Block("table", row, page=1 if name != "lac_2013_sandwell.pdf" else 24) in blocks


def test_footnote_marker_and_footnote():
    _, blocks = _read("sif_2014_bristol.pdf")
    title = "Review of the effectiveness of the Local Safeguarding Children Board"
    assert Block("heading", title, page=1) in blocks
    notes = [b for b in blocks if b.kind == "footnote"]
    assert notes[0].number == 1 and notes[0].text.startswith("Ofsted produces this report")
    assert {b.number for b in notes} == {1, 2, 3}


def test_paragraph_across_page_break():
    text, blocks = _read("sif_2014_bristol.pdf")
    assert "There has also \fbeen a review" in text  # pdf_to_text joins it, marking the page
    (para,) = [b for b in blocks if "There has also been a review of the participation" in b.text]
    assert para.number is not None
    # A bullet carried to the next page at its hanging indent, capital and all.
    _, letter = _read("focused_visit_2021_doncaster.pdf")
    (point,) = [
        b for b in letter if "protective equipment (PPE) and the COVID-19 vaccine" in b.text
    ]
    assert point.kind == "bullet" and point.page == 4


def test_letter_head_and_signature():
    _, blocks = _read("focused_visit_2021_doncaster.pdf")
    assert blocks[0].kind == "table"  # the letterhead's two columns
    assert Block("heading", "Yours sincerely", page=5) in blocks


def test_pdf_pages_raw_text():
    pages = pdf_pages(PDFS / "sif_2014_bristol.pdf")
    assert len(pages) == 41
    assert "Bristol City Council" in pages[0]
    assert not any("\r" in p or "\ufffe" in p for p in pages)


# ------------------------------------------------------- broken files ----


def _pdf(encrypted: bool = False) -> bytes:
    """A one-page PDF without text, optionally locked with an unknown password."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    if encrypted:
        objs.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + b"11" * 32
            + b"> /U <"
            + b"22" * 32
            + b"> /P -4 >>"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objs) + 1)
    if encrypted:
        trailer += b" /Encrypt 4 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">]"
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"<!DOCTYPE html><html><title>Report not found</title></html>", "not a PDF"),
        (b"%PDF-1.4\nthis is not really a PDF\n", "not a PDF / damaged"),
        (_pdf(encrypted=True), "encrypted"),
        (_pdf(), "no extractable text (scanned?)"),
    ],
    ids=["html", "damaged", "encrypted", "scanned"],
)
def test_unreadable_pdfs(tmp_path, content, message):
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    with pytest.raises(PdfTextError, match=re.escape(message)):
        pdf_to_text(path)
    if message != "no extractable text (scanned?)":
        with pytest.raises(PdfTextError, match=re.escape(message)):
            pdf_pages(path)


def test_text_without_positions_still_reads(monkeypatch):
    """If pdfium's text and character count disagree, lines are kept without layout."""
    original = pdfium.PdfTextPage.get_text_range
    monkeypatch.setattr(
        pdfium.PdfTextPage,
        "get_text_range",
        lambda self, *a, **k: original(self, *a, **k) + "\u2060",
    )
    text = pdf_to_text(PDFS / "focused_visit_2021_doncaster.pdf")
    assert "What needs to improve in this area of social work practice" in text
    assert "Yours sincerely" in text
