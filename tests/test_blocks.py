"""The block segmenter on the bundled plain-text sample and on synthetic text."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inspectkg.reports.blocks import SUPERSCRIPTS, join_lines, segment
from inspectkg.reports.blocks_model import Block

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "hertfordshire"
SAMPLE_FILES = sorted(SAMPLE.glob("*.txt"))

# ------------------------------------------------------------ invariant ----

_TAGS = re.compile(r"</?(?:p|div|br|li|ul|ol|span|h[1-6])\b[^<>]*>", re.IGNORECASE)
_SUPER = re.compile(f"[{SUPERSCRIPTS}]")


def _letters(text: str) -> str:
    """Word characters in order, without what segment() may drop.

    Joining words without spaces makes a mended "develop-/ment" equal to
    "development"; bullet glyphs, tags and footnote markers are not word
    characters once tags and superscripts are gone.
    """
    text = _SUPER.sub("", _TAGS.sub(" ", text.replace("\f", "")))
    return "".join(re.findall(r"\w+", text))


def _is_footnote(block: Block) -> bool:
    return block.kind == "footnote"


def assert_nothing_dropped(
    text: str, blocks: list[Block], relocated: Callable[[Block], bool] = _is_footnote
) -> None:
    """Every word of ``text`` is in exactly one block, in order.

    Blocks for which ``relocated`` holds (footnotes; running headers in the
    synthetic tests) may sit after a paragraph they interrupted: their words
    are taken out of the source where they stand, and the rest must match.
    """
    source = _letters(text)
    for block in blocks:
        if relocated(block):
            words = _letters(block.text)
            assert words in source, f"{block.kind} not in the source: {block.text[:80]!r}"
            source = source.replace(words, "", 1)
    rebuilt = "".join(
        (str(b.number) if b.kind == "paragraph" and b.number is not None else "") + _letters(b.text)
        for b in blocks
        if not relocated(b)
    )
    if source != rebuilt:
        i = next((k for k, (a, b) in enumerate(zip(source, rebuilt)) if a != b), None)
        i = min(len(source), len(rebuilt)) if i is None else i
        pytest.fail(
            f"text lost or moved near {source[max(0, i - 60) : i + 60]!r}\n"
            f"blocks give          {rebuilt[max(0, i - 60) : i + 60]!r}"
        )


def test_sample_is_bundled():
    assert len(SAMPLE_FILES) == 5


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_keeps_every_word(path):
    text = path.read_text(encoding="utf-8")
    blocks = segment(text)
    assert_nothing_dropped(text, blocks)
    for b in blocks:
        assert "\n" not in b.text and b.text == b.text.strip()
        assert b.kind in ("heading", "paragraph", "bullet", "table", "footnote")


# ------------------------------------------------------ the real sample ----


def _sample(prefix: str) -> list[Block]:
    (path,) = [p for p in SAMPLE_FILES if p.name.startswith(prefix)]
    return segment(path.read_text(encoding="utf-8"))


def _numbered(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind == "paragraph" and b.number is not None]


def _following(blocks: list[Block], heading: str) -> list[Block]:
    """The blocks after the heading, up to the next heading."""
    i = next(i for i, b in enumerate(blocks) if b.kind == "heading" and b.text == heading)
    out = []
    for b in blocks[i + 1 :]:
        if b.kind == "heading":
            break
        out.append(b)
    return out


def test_2023_report_paragraphs_1_to_63():
    blocks = _sample("000_")
    numbered = _numbered(blocks)
    assert [b.number for b in numbered] == list(range(1, 64))
    # Paragraph 5 breaks off mid-sentence ("... there are") at a page break.
    assert "there are already contingency plans developed" in numbered[4].text
    assert numbered[11].text.endswith("are not always specific enough.")
    assert [b.kind for b in _following(blocks, "What needs to improve?")] == ["bullet"] * 3
    assert Block("table", "Overall effectiveness\tOutstanding") in blocks


def test_2015_report_numbering_and_footnotes():
    """Recommendations are paragraphs 1-9, findings 10-111, the LSCB's 112-143."""
    blocks = _sample("001_")
    numbered = _numbered(blocks)
    assert [b.number for b in numbered] == list(range(1, 144))
    by_number = {b.number: b for b in numbered}
    # Paragraph 15 goes on after the footnote that the page break put in it.
    assert (
        "Referrals are appropriate and demonstrate that other professionals understand "
        "thresholds for children to access the appropriate level of service." in by_number[15].text
    )
    (note,) = [b for b in blocks if b.kind == "footnote" and b.text.startswith("Local name for")]
    assert note.number == 3
    assert blocks[blocks.index(by_number[15]) + 1] == note
    assert "LSCB is at the early stages" in by_number[143].text
    # The marker glued to "Board" is not part of the title.
    assert (
        Block("heading", "Review of the effectiveness of the Local Safeguarding Children Board")
        in blocks
    )


def test_2015_report_html_tags_become_blocks():
    blocks = _sample("001_")
    assert not any("<p>" in b.text or "</p>" in b.text for b in blocks)
    assert sum(1 for b in blocks if b.kind == "heading" and b.text == "Summary") == 3
    assert Block("table", "Leadership, management and governance\tGood") in blocks


def test_2021_letter_improvement_points():
    blocks = _sample("002_")
    points = _following(blocks, "What needs to improve in this area of social work practice")
    assert [b.kind for b in points] == ["bullet", "bullet"]
    assert points[0].text.startswith("The quality of children in need plans")
    assert points[1].text.endswith("the right level of critical challenge.")


def test_2021_letter_indented_line_starts_a_paragraph():
    blocks = _sample("002_")
    i = next(i for i, b in enumerate(blocks) if "vulnerabilities of young people.This" in b.text)
    assert blocks[i].text.endswith("and the risks they present to others.")
    assert blocks[i + 1].text.startswith("The ‘Prevent’ duty is well understood")
    # A leading space after an unfinished sentence is just a wrapped line.
    assert any(
        "complexity of extra-familial risks means that practitioners" in b.text for b in blocks
    )


def test_2011_letter_bullet_lists():
    blocks = _sample("003_")
    development = _following(blocks, "Areas for development")
    assert [b.kind for b in development] == ["bullet"] * 4 + ["paragraph"]
    strengths = _following(blocks, "Strengths")
    assert [b.kind for b in strengths] == ["bullet"] * 3


# ------------------------------------------------------ synthetic cases ----


def test_hard_wrapped_heading_splits_from_its_body():
    text = (
        "Main findings\n"
        "Children who need help are seen quickly by social workers, who know them well\n"
        "and listen to what they say. Plans are clear and reviewed often by managers.\n"
    )
    blocks = segment(text)
    assert [b.kind for b in blocks] == ["heading", "paragraph"]
    assert blocks[1].text.startswith("Children who need help") and blocks[1].text.endswith(
        "managers."
    )


def test_numbered_paragraphs_and_wrapping():
    text = (
        "1. Children who need help are seen quickly by social workers, who know them\n"
        "well and listen to them.\n"
        "2. Plans are clear and reviewed\n"
        "often by managers.\n"
    )
    blocks = segment(text)
    assert [(b.kind, b.number) for b in blocks] == [("paragraph", 1), ("paragraph", 2)]
    assert blocks[1].text == "Plans are clear and reviewed often by managers."


def test_bullet_glyphs():
    text = "◼ One point\n\n• Two\npoints\n\n\uf06e Three\n\n- Four\n\n\uf0a7\nFive\n"
    blocks = segment(text)
    assert [(b.kind, b.text) for b in blocks] == [
        ("bullet", "One point"),
        ("bullet", "Two points"),
        ("bullet", "Three"),
        ("bullet", "Four"),
        ("bullet", "Five"),
    ]


def test_dash_inside_a_wrapped_sentence_is_not_a_bullet():
    text = (
        "Particularly noteworthy is the progress the local authority has made in making plans\n"
        "– an area for improvement at the last inspection – for the children it looks after.\n"
    )
    (block,) = segment(text)
    assert block.kind == "paragraph" and "plans – an area" in block.text


def test_tables_footnotes_and_markers():
    text = (
        "Judgement\tGrade\n"
        "Overall effectiveness\t\tGood\n"
        "\n"
        "The review of the Local Safeguarding Children Board¹\n"
        "\n"
        "¹ Ofsted produces this report under its power to combine reports.\n"
    )
    blocks = segment(text)
    assert blocks == [
        Block("table", "Judgement\tGrade"),
        Block("table", "Overall effectiveness\tGood"),
        Block("heading", "The review of the Local Safeguarding Children Board"),
        Block("footnote", "Ofsted produces this report under its power to combine reports.", 1),
    ]


def test_page_numbers_from_form_feeds():
    text = "Title\n\n1. First paragraph ends mid\n\f\nsentence here.\n\n2. Second.\n\f3. Third.\n"
    blocks = segment(text)
    assert [(b.text, b.number, b.page) for b in blocks] == [
        ("Title", None, 1),
        ("First paragraph ends mid sentence here.", 1, 1),
        ("Second.", 2, 2),
        ("Third.", 3, 3),
    ]
    assert segment("No pages here.")[0].page is None


def test_stray_html_tags():
    blocks = segment("<p>Summary</p> <p>Children are <b>safe</b>.</p>\n<p>Title</p>\t<p>Good</p>\n")
    assert blocks == [
        Block("heading", "Summary"),
        Block("paragraph", "Children are safe."),
        Block("table", "Title\tGood"),
    ]


@pytest.mark.parametrize(
    "lines, joined",
    [
        (["multi-", "agency work"], "multi-agency work"),
        (["develop-", "ment of"], "development of"),
        (["16-", "and 17-year-olds"], "16- and 17-year-olds"),
        (["day-to-", "day work"], "day-to-day work"),
        (["well-", "being"], "well-being"),
        (["safe-", "guarding children"], "safeguarding children"),  # seen whole elsewhere
        (["COVID-", "19 vaccine"], "COVID-19 vaccine"),
    ],
)
def test_line_end_hyphens(lines, joined):
    assert join_lines(lines, vocab={"safeguarding"}) == joined


def test_running_header_does_not_cut_a_paragraph():
    text = (
        "Inspection of Testshire children’s services\n\n"
        "1. The first paragraph goes on over the\n\nPage 1 of 2\n\f\n"
        "Inspection of Testshire children’s services\n\n"
        "page break without a pause.\n\nPage 2 of 2\n"
    )
    blocks = segment(text)
    (para,) = _numbered(blocks)
    assert para.text == "The first paragraph goes on over the page break without a pause."
    assert_nothing_dropped(text, blocks, relocated=lambda b: b.text.startswith(("Page", "Insp")))


# ------------------------------------------------------ property test ----

_WORDS = [
    *("children", "social", "workers", "plans", "care", "leavers", "help", "support", "risk"),
    *("the", "of", "and", "to", "families", "partners", "managers", "timely", "effective"),
    *("quality", "local", "authority", "practice"),
]
_BROKEN = {  # word -> the two parts a typesetter may break it into at a line end
    "development": ("develop", "ment"),
    "assessment": ("assess", "ment"),
    "information": ("inform", "ation"),
    "effectiveness": ("effective", "ness"),
    "multi-agency": ("multi", "agency"),
    "well-being": ("well", "being"),
}
_HEADER = "Inspection of Testshire local authority children’s services"

_sentence = st.lists(st.sampled_from(_WORDS + list(_BROKEN)), min_size=3, max_size=14).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + "."
)
_paragraph = st.lists(_sentence, min_size=1, max_size=5).map(" ".join)


def _lay_out(words: list[str], width: int | None, broken: set[str]) -> str:
    """Hard-wrap (or not), breaking some words over line ends as a typesetter would."""
    words = [w for word in words for w in _split(word, broken)]
    if width is None:  # one paragraph per line, but a broken word still breaks it
        return " ".join(words).replace("- ", "-\n")
    lines, line = [], ""
    for w in words:
        if line and (line.endswith("-") or len(line) + 1 + len(w) > width):
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    return "\n".join([*lines, line] if line else lines)


def _split(word: str, broken: set[str]) -> list[str]:
    if word.rstrip(".") in broken:
        head, tail = _BROKEN[word.rstrip(".")]
        return [head + "-", tail + word[len(word.rstrip(".")) :]]
    return [word]


@st.composite
def _noisy_report(draw):
    paragraphs = draw(st.lists(_paragraph, min_size=2, max_size=10))
    width = draw(st.sampled_from([None, 60, 78, 95]))  # None: one paragraph per line
    pages = [[_HEADER, ""]]
    for number, para in enumerate(paragraphs, 1):
        words = f"{number}. {para}".split()
        # A page break inside the paragraph, not after a full stop, so the
        # text itself says the paragraph goes on.
        cuts = [i for i in range(2, len(words)) if not words[i - 1].endswith(".")]
        cut = draw(st.sampled_from(cuts)) if cuts and draw(st.booleans()) else None
        pieces = [words[:cut], words[cut:]] if cut else [words]
        for k, piece in enumerate(pieces):
            broken = {w for w in _BROKEN if draw(st.booleans())}
            body = _lay_out(piece, width, broken)
            if k and draw(st.booleans()):  # a bare form feed, as pdftotext writes it
                pages[-1][-2] += "\n\f" + body
                continue
            if k:  # new page: footnote, footer, form feed, running header, stray glyph
                if draw(st.booleans()):
                    pages[-1] += ["² Local name for the team that supports families.", ""]
                pages[-1] += [f"Page {len(pages)}", ""]
                pages.append([_HEADER, ""])
                if draw(st.booleans()):
                    pages[-1] += ["\uf0a7", ""]
            pages[-1] += [body, ""]
        if draw(st.integers(0, 3)) == 0:
            pages[-1] += [draw(st.sampled_from(["\uf06e Stray point.", "\uf0a7"])), ""]
    pages[-1] += [f"Page {len(pages)}"]
    text = "\f\n".join("\n".join(page) + "\n" for page in pages)
    return text, paragraphs


def _running(block: Block) -> bool:
    """Blocks that may stand after the paragraph they interrupted."""
    return (
        block.kind == "footnote"
        or block.text == _HEADER
        or re.fullmatch(r"Page \d+", block.text) is not None
    )


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_noisy_report())
def test_numbered_paragraphs_survive_noise(case):
    text, paragraphs = case
    blocks = segment(text)
    numbered = _numbered(blocks)
    assert [b.number for b in numbered] == list(range(1, len(paragraphs) + 1))
    for block, para in zip(numbered, paragraphs):
        assert block.text == para
    assert_nothing_dropped(text, blocks, relocated=_running)
