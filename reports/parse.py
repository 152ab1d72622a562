"""One document in, one typed Report out: the reading pipeline's single entry point."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from pathlib import Path

from . import authorities
from .blocks import clean_characters, segment
from .blocks_model import Block
from .errors import RejectedInput
from .genre import detect_kind
from .judgements import find_judgements
from .load import SourceText, read_source, readable
from .mentions import FURTHER_SCOPE, HOW_THEY_WORKED, find_cited, find_claims, find_scope, scope_areas
from .metadata import find_dates, find_inspectors
from .model import CitedInspection, Claim, ImprovementPoint, Judgement, Report, Span
from .structure import read_structure, references_in

LETTER_KINDS = {"unannounced-inspection", "focused-visit", "monitoring-visit", "jtai",
                "press-release", "other-secondary"}
GRADED_KINDS = {"ilacs-inspection", "sif-inspection", "sif-reinspection", "lscb-review", "slac-inspection",
                "lac-inspection", "cp-inspection"}
BLOCK_SEPARATOR = "\n\n"


def render(blocks: list[Block]) -> tuple[str, list[tuple[int, int]]]:
    """The cleaned text (blocks joined by a blank line) and each block's span in it."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for b in blocks:
        spans.append((pos, pos + len(b.text)))
        pos += len(b.text) + len(BLOCK_SEPARATOR)
    return BLOCK_SEPARATOR.join(b.text for b in blocks), spans


class _Locator:
    """Maps a character span of the cleaned text to the block it lies in."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def span(self, start: int, end: int) -> Span:
        """The span clipped to the block its end lies in: evidence quotes one paragraph.

        A judgement read from a table ("Quality of provision" / "Grade 4
        (inadequate)") spans two blocks; the block with the value is kept.
        """
        i = max(0, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)
        block_start, block_end = self.spans[i]
        return Span(i, max(start, block_start), min(end, block_end))

    def block(self, i: int) -> Span:
        return Span(i, *self.spans[i])


def read_report(path: str | Path) -> Report:
    """Read and parse one file, or raise RejectedInput saying why it is not a report."""
    return parse_source(read_source(path))


def parse_source(source: SourceText) -> Report:
    name = readable(Path(source.path).name)
    clean = clean_characters(source.text)  # what segment() reads too: a soft hyphen hides no title
    kind = detect_kind(clean)
    if kind is None:
        raise RejectedInput(source.path, _not_a_report(source, clean))
    blocks = segment(clean)
    text, spans = render(blocks)
    where = _Locator(spans)
    authority = authorities.find_in_text(text[:4000]) or authorities.find_in_text(text)
    if authority is None:
        raise RejectedInput(source.path, f"no English local authority recognised in this {kind} document "
                                         "(no council or area name found)")
    letter = kind in LETTER_KINDS
    structure = read_structure(blocks, letter, kind)
    report = Report(
        source=name, content_hash=source.content_hash, kind=kind, authority=authority, text=text,
        blocks=blocks, block_spans=spans, block_sections=structure.sections,
        block_areas=structure.areas, finding_blocks=structure.findings,
        strength_blocks=structure.strengths,
    )
    _read_metadata(report, where)
    if kind in GRADED_KINDS:
        for j in find_judgements(text, kind):
            report.judgements.append(Judgement(j.area, j.area_label, j.grade, where.span(j.start, j.end), j.parent))
    for ordinal, item in enumerate(structure.points, 1):
        b = blocks[item.block]
        point_text = " ".join([b.text] + _listed([blocks[k].text for k in item.sub_items]))
        report.points.append(ImprovementPoint(
            ordinal=ordinal, text=point_text, heading=item.heading, span=where.block(item.block),
            number=b.number, priority=item.priority, addressed_to=item.addressed_to, area=item.area,
            references=references_in(b.text)))
    year = report.date.year if report.date else None
    for c in find_cited(text, year):
        report.cited.append(CitedInspection(c.subject, c.year, c.month, c.grade, where.span(c.start, c.end),
                                            approximate=c.approximate))
    if report.is_secondary:
        for start, end in spans:
            for c in find_claims(text[start:end], start):
                report.claims.append(Claim(c.text, c.kind, where.span(c.start, c.end), c.grade))
    if kind in ("focused-visit", "monitoring-visit", "jtai", "unannounced-inspection"):
        _read_scope(report, where)
    _check_dates(report, source.path)
    return report


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'“])")


def _read_scope(report: Report, where: _Locator) -> None:
    """What a visit says it looked at: its scope sentence, the sentences of its paragraph that
    say what else it looked at, and the list the paragraph opens.

    "Inspectors looked at the local authority's arrangements for permanence planning ...
    Inspectors also evaluated the effectiveness of performance management, management
    oversight, supervision ..." is one statement (the first sentence alone put supervision out of
    the visit's scope). "Inspectors looked at ..., with a particular focus on the:" and "In
    particular, inspectors reviewed the progress made in the following areas of concern
    identified at the last inspection:" go on in bullets, each with its stop (the statement
    stopped at the first). A paragraph or list that only states the scope is not findings: it
    names what the visit looked at, in words that match the points it follows up, and says
    nothing of what it found."""
    statement, areas = find_scope(report.text)
    report.scope_statement, report.scope_areas = statement, areas
    if not statement:
        return
    # The statement's words are separated by single spaces; the text's by the line breaks it was printed with.
    found = re.search(r"\s+".join(map(re.escape, statement.split())), report.text)
    if found is None:
        return
    start = found.start()
    span = where.span(start, start + 1)
    block_start, block_end = report.block_spans[span.block]
    # A sentence that opens a list runs on into its first item, with no stop of its own: the
    # paragraph ends it, and the items are read below.
    end = min(found.end(), block_end)
    # The sentences after it in its paragraph, while they say what else the visit looked at.
    rest = report.text[end:block_end]
    for sentence in _SENTENCE_END.split(rest.strip()):
        if not FURTHER_SCOPE.match(sentence) or HOW_THEY_WORKED.search(sentence):
            break
        end = report.text.find(sentence, end) + len(sentence)
    whole_block = not report.text[block_start:start].strip() and not report.text[end:block_end].strip()
    listed: list[int] = []
    if whole_block and report.blocks[span.block].text.rstrip().endswith(":"):
        for k in range(span.block + 1, len(report.blocks)):
            if report.blocks[k].kind != "bullet":
                break
            listed.append(k)
    items = [" ".join(report.blocks[k].text.split()) for k in listed]
    # Each item but the last ended, as its bullet mark did: "... interventions;", but "...; and" as printed.
    items = [t if k == len(items) - 1 or t[-1:] in ".;:," or t.endswith((" and", " or")) else t + ";"
             for k, t in enumerate(items)]
    read = " ".join([" ".join(report.text[start:end].split()), *items])
    if read != statement:
        report.scope_statement, report.scope_areas = read, scope_areas(read)
    report.facts["scope"] = where.span(start, end)
    if whole_block:
        stating = {span.block, *listed}
        report.finding_blocks = [i for i in report.finding_blocks if i not in stating]


def _listed(items: list[str]) -> list[str]:
    """The bullets of a point's lead-in ("... by ensuring that:"), each but the last ended
    by a semicolon where it has no stop of its own: their bullet marks are not in the text,
    and without them one item ran into the next ("understood by all actions from ...")."""
    return [t if k == len(items) - 1 or t.rstrip()[-1:] in ".;:," else t.rstrip() + ";"
            for k, t in enumerate(items)]


def _read_metadata(report: Report, where: _Locator) -> None:
    md = find_dates(report.text, report.kind)
    for field_name in ("start_date", "end_date", "published", "letter_date"):
        found = getattr(md, field_name)
        if found is not None and found.value is not None:
            setattr(report, field_name, found.value)
            report.facts[field_name] = where.span(found.start, found.end)
    if report.is_secondary:
        return
    lead, team = find_inspectors(report.text)
    report.lead_inspectors = [str(f.value) for f in lead]
    report.team_inspectors = [str(f.value) for f in team]
    for f in lead + team:
        report.facts[f"inspector:{f.value}"] = where.span(f.start, f.end)


def _not_a_report(source: SourceText, text: str) -> str:
    """Why a readable file is not a report, and what it seems to be instead."""
    if source.fmt == "html":
        title = f' (page title: "{source.title}")' if source.title else ""
        return f"an HTML page that is not an inspection report{title}"
    if not text.strip():
        if source.fmt == "pdf":
            return "the PDF holds no text besides running headers, footers and page numbers"
        return "the document has no text"
    first = next(line.strip() for line in text.splitlines() if line.strip())
    if len(first) > 60:
        first = first[:60].rsplit(" ", 1)[0] + " ..."
    return ("not a recognised inspection report (an unsupported kind of document): none of the titles "
            "inspectkg reads (an inspection of local authority children's services, a focused or monitoring "
            "visit, an LSCB review, a joint targeted area inspection, a press release about one) is near "
            f"its top; it begins \"{first}\"")


def _check_dates(report: Report, path: str) -> None:
    if report.date is None:
        raise RejectedInput(path, f"dates missing: no inspection, letter or publication date found in this "
                                  f"{report.kind} document about {report.authority.name}")
    if report.start_date and report.end_date and report.start_date > report.end_date:
        raise RejectedInput(path, f"contradictory dates: fieldwork starts {report.start_date} "
                                  f"after it ends {report.end_date}")
    if report.published and report.end_date and report.published < report.end_date:
        raise RejectedInput(path, f"contradictory dates: published {report.published} before "
                                  f"fieldwork ended {report.end_date}")
    if report.letter_date and report.end_date and report.letter_date < report.end_date:
        raise RejectedInput(path, f"contradictory dates: the letter is dated {report.letter_date}, before "
                                  f"the visit ended {report.end_date}")
    today = dt.date.today()
    for label, day in (("fieldwork starts", report.start_date), ("fieldwork ends", report.end_date),
                       ("published", report.published), ("letter dated", report.letter_date)):
        if day is not None and day > today:
            raise RejectedInput(path, f"impossible date: {label} {day}, which is in the future")
