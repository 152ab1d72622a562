"""Property-based tests of the reading side: whatever the input, reading, cleaning and
parsing end in a Report or a RejectedInput, never another exception.

Inputs are arbitrary bytes and text, and real documents (the bundled sample,
a PDF) damaged at random: spliced, cut, with bytes flipped. The runs are
derandomized and keep no example database, so CI sees the same cases every
time; found bugs are pinned with @example. INSPECTKG_DEEP_FUZZ=N looks for new ones (tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from pathlib import Path

import pdf_maker  # tests/ is on sys.path (pytest's rootdir imports), as for browser.py
import pytest
from conftest import examples
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from inspectkg.reports import authorities
from inspectkg.reports.blocks import clean_characters, join_lines, segment
from inspectkg.reports.dates import parse_date, parse_range, reversed_range
from inspectkg.reports.errors import RejectedInput
from inspectkg.reports.genre import detect_kind
from inspectkg.reports.judgements import find_judgements
from inspectkg.reports.load import SourceText, decode_text, html_to_text, sniff_format
from inspectkg.reports.mentions import find_cited, find_claims, find_scope
from inspectkg.reports.metadata import find_dates, find_inspectors
from inspectkg.reports.parse import parse_source, read_report
from inspectkg.reports.structure import read_structure

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "hertfordshire"
SAMPLES = sorted(SAMPLE.glob("*.txt"))
KINDS = ["ilacs-inspection", "sif-inspection", "focused-visit", "unannounced-inspection",
         "lac-inspection", "cp-inspection", "press-release", "monitoring-visit", "jtai"]

FUZZ = settings(
    max_examples=examples(150),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def _sample_text(i: int) -> str:
    return SAMPLES[i].read_text(encoding="utf-8")


def parse_text(text: str, fmt: str = "text") -> None:
    """Parse ``text`` as a document; a RejectedInput is a fine answer, nothing else is."""
    source = SourceText("fuzz.txt", fmt, text, hashlib.sha256(text.encode("utf-8", "replace")).hexdigest())
    try:
        report = parse_source(source)
    except RejectedInput as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    # What a Report promises the graph builder: spans inside the text, dates in order.
    assert len(report.blocks) == len(report.block_spans) == len(report.block_sections) == len(report.block_areas)
    for start, end in report.block_spans:
        assert 0 <= start <= end <= len(report.text)
    # Every fact's evidence lies inside the block it names: facts stay traceable.
    spans = [*report.facts.values(), *(p.span for p in report.points), *(j.span for j in report.judgements),
             *(c.span for c in report.cited), *(c.span for c in report.claims)]
    for span in spans:
        assert 0 <= span.block < len(report.blocks)
        block_start, block_end = report.block_spans[span.block]
        assert block_start <= span.start <= span.end <= block_end, span
    assert report.date is not None
    if report.start_date and report.end_date:
        assert report.start_date <= report.end_date


def read_bytes(tmp: Path, data: bytes, name: str = "fuzz.pdf") -> None:
    path = tmp / name
    path.write_bytes(data)
    try:
        read_report(path)
    except RejectedInput as exc:
        assert exc.path == str(path) and exc.reason


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# ------------------------------------------------------------ any input ----

# Characters that mean something to the readers, mixed into arbitrary text.
_MEANINGFUL = st.sampled_from([
    "\n", "\n\n", "\f", "\t", " ", "1. ", "12.", "• ", "◼ ", "- ", "\uf0a7", "¹", "²", "<p>", "</p>",
    "Inspection dates: ", "23 to 27 January 2023", "31 August 2021", "Lead inspector: ", "Sarah Canto",
    "Hertfordshire", "Inspection of Hertfordshire local authority children’s services",
    "Focused visit to ", "Judgement\tGrade", "Overall effectiveness\tGood", "What needs to improve?",
    "Recommendations", "Dear ", "Yours sincerely", "Ofsted", "said:", "’", "“", "”", "–", "\u00ad", "\u2028",
    "(page 13, paragraph 27)", "Report published: ", "requires improvement to be good", "-\n",
])
_text = st.lists(st.one_of(st.text(max_size=30), _MEANINGFUL), max_size=80).map("".join)


@FUZZ
@given(_text)
@example("\u00ad\n")  # a soft hyphen at a line end with nothing to join
@example("\u2029Inspection dates: 27 to 23 January 2023")
def test_any_text_parses_or_is_rejected(text):
    parse_text(text)
    parse_text(text, fmt="html")


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(["fuzz.pdf", "fuzz.txt", "fuzz.html"]))
@example(b"\xff\xfe\x00", "fuzz.txt")  # a UTF-16 byte-order mark and half a character
@example(b"\x00\x00\xfe\xff", "fuzz.txt")
@example(b"%PDF-1.4\n%%EOF\n", "fuzz.pdf")
def test_any_bytes_read_or_are_rejected(tmp, data, name):
    read_bytes(tmp, data, name)


@FUZZ
@given(_text, st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-32"]),
       st.sampled_from(["", "<!DOCTYPE html><html><body>", "<html><title>T</title><ul><li>"]))
def test_any_text_in_any_encoding_reads_or_is_rejected(tmp, text, encoding, wrapper):
    read_bytes(tmp, (wrapper + text).encode(encoding, errors="replace"), "fuzz.txt")


@FUZZ
@given(_text, st.sampled_from(KINDS), st.integers(1990, 2040))
def test_every_reader_takes_any_text(text, kind, year):
    """The pieces parse_source calls, each on its own, so a crash names its reader."""
    clean = clean_characters(text)
    blocks = segment(clean)
    for b in blocks:
        assert b.text and "\n" not in b.text and b.text == b.text.strip()
    read_structure(blocks, kind in ("focused-visit", "unannounced-inspection"), kind)
    detect_kind(text)
    authorities.find_in_text(text)
    find_dates(text, kind)
    find_inspectors(text)
    find_judgements(text, kind)
    find_cited(text, year)
    find_claims(text, 0)
    find_scope(text)
    html_to_text(text)
    join_lines(text.split("\n"), vocab={"development"})
    parse_date(text)
    for found in (parse_range(text, year), reversed_range(text, year)):
        if found:
            assert isinstance(found[0], dt.date) and isinstance(found[1], dt.date)


@FUZZ
@given(st.binary(max_size=600))
def test_sniff_and_decode_take_any_bytes(data):
    assert sniff_format(data) in ("pdf", "html", "text", "binary")
    assert isinstance(decode_text(data), str)


# --------------------------------------------------- damaged real input ----


@st.composite
def _damaged_sample(draw) -> str:
    """A sample document with a few random splices: cut, repeated, or overwritten."""
    text = _sample_text(draw(st.integers(0, len(SAMPLES) - 1)))
    for _ in range(draw(st.integers(1, 4))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 400)))
        how = draw(st.sampled_from(["cut", "repeat", "insert"]))
        if how == "cut":
            text = text[:a] + text[b:]
        elif how == "repeat":
            text = text[:b] + text[a:b] + text[b:]
        else:
            text = text[:a] + draw(st.one_of(_MEANINGFUL, st.text(max_size=20))) + text[a:]
    return text


@FUZZ
@given(_damaged_sample())
def test_damaged_sample_documents_parse_or_are_rejected(text):
    parse_text(text)


@cache
def _small_pdf() -> bytes:
    """The 2021 letter as a small hand-made PDF: quick to read, so many damaged copies run."""
    pages = pdf_maker.lay_out(_sample_text(SAMPLES.index(SAMPLE / "002_261c65e9d61313d6.txt")))
    return pdf_maker.make_pdf([pdf_maker.text_page(p) for p in pages])


@settings(FUZZ, max_examples=examples(60))
@given(st.data())
def test_damaged_pdfs_read_or_are_rejected(tmp, data):
    pdf = bytearray(_small_pdf())
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(pdf) - 1))
        pdf[i] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        del pdf[data.draw(st.integers(len(pdf) // 2, len(pdf) - 1)) :]
    read_bytes(tmp, bytes(pdf))


# ------------------------------------------------------ any PDF layout ----

_PDF_WORDS = st.sampled_from([
    "Children", "are", "safe.", "1.", "12.", "•", "-", "–", "Page", "3", "of", "12", "Good", "Inadequate",
    "Judgement", "¹", "²", "Board¹", "[1]", "multi-", "agency", "develop-", "ment", "Inspection",
    "What needs to improve?", "Hertfordshire", "23 to 27 January 2023", "Lead inspector: Ann Lee",
    "\uf0b7", "“quoted”", "’s", "…", "\t",
])
_line = st.lists(st.one_of(_PDF_WORDS, st.text(max_size=8)), min_size=1, max_size=12).map(" ".join)
_placed = st.tuples(
    st.floats(0, 560), st.floats(0, 842), st.sampled_from([0.5, 4, 6, 8, 10, 11, 12, 14, 18, 30]),
    st.booleans(), _line,
)


@st.composite
def _laid_out_pdf(draw) -> bytes:
    """Pages of lines set anywhere, in any size, with running headers sometimes."""
    header = draw(st.one_of(st.none(), _line))
    pages = []
    for number in range(draw(st.integers(1, 4))):
        items = draw(st.lists(_placed, max_size=25))
        if draw(st.booleans()):  # a column of lines at line spacing: a paragraph or a list
            x, top, size = draw(st.floats(40, 300)), draw(st.floats(300, 800)), draw(st.sampled_from([9, 11]))
            items += [(x, top - k * size * 1.2, size, False, draw(_line)) for k in range(draw(st.integers(1, 20)))]
        if header is not None:
            items += [(56, 810, 8, False, header), (280, 20, 8, False, f"{number + 1}")]
        pages.append(pdf_maker.placed_page(draw(st.permutations(items)) if items else []))
    return pdf_maker.make_pdf(pages)


@settings(FUZZ, max_examples=examples(80))
@given(_laid_out_pdf())
def test_any_pdf_layout_reads_or_is_rejected(tmp, pdf):
    read_bytes(tmp, pdf)
