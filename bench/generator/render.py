"""Write a laid-out document as plain text (the bundled samples' form) or as a
PDF set like Ofsted's: A4, running header and page numbers, bold headings,
hanging numbered paragraphs, judgement tables with cells far apart.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .genres import Layout

FONT_CANDIDATES = [  # a TrueType font is embedded, as in the real reports (Tahoma / Arial)
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
]


def to_text(layout: Layout) -> str:
    out: list[str] = []
    for b in layout.blocks:
        if b.kind == "pagebreak":
            continue
        if b.kind == "num":
            out.append(f"{b.number}. {b.text}")
        elif b.kind == "bullet":
            out.append(f"{layout.bullet} {b.text}")
        elif b.kind == "table":
            out.append("\n".join("\t".join(r) for r in b.rows))
        else:
            out.append(b.text)
    return "\n\n".join(out) + "\n"


@cache
def _font() -> tuple[str, str] | None:
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).exists() and Path(bold).exists():
            return regular, bold
    return None


_LATIN1 = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "◼": "-", "•": "-", "¹": "1",
                         "©": "(c)"})


def _clean_latin1(text: str) -> str:
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def to_pdf(layout: Layout, path: Path) -> int:
    """Write the PDF; returns its page count."""
    from fpdf import FPDF

    font = _font()
    family = "body" if font else "helvetica"  # core Helvetica only where no TrueType font is installed
    clean = (lambda t: t) if font else _clean_latin1

    class Report(FPDF):
        def header(self) -> None:
            if self.page_no() > 1 and layout.header:
                self.set_font(family, "", 8)
                for line in layout.header.split("\n"):
                    self.cell(0, 4, clean(line), new_x="LMARGIN", new_y="NEXT")
                self.set_xy(self.l_margin, self.t_margin + 4)
                self.cell(0, 4, str(self.page_no()), align="R", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            if not layout.header:
                self.set_y(-15)
                self.set_font(family, "", 9)
                self.cell(0, 10, str(self.page_no()), align="R")

    pdf = Report(format="A4")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=22)
    if font:
        pdf.add_font("body", "", font[0])
        pdf.add_font("body", "B", font[1])
    widths: dict[tuple[str, float, str], float] = {}

    def write(text: str, style: str, size: float, height: float, indent: float, mark: str = "") -> None:
        """Greedy line breaking with cached word widths: fpdf2's multi_cell
        re-measures a line's characters for every word, far too slow for
        thousands of pages; the page printed is the same kind of page."""
        pdf.set_font(family, style, size)
        room = pdf.epw - indent
        space = pdf.get_string_width(" ")
        lines: list[str] = []
        line: list[str] = []
        used = 0.0
        for word in text.split(" "):
            key = (style, size, word)
            if key not in widths:
                widths[key] = pdf.get_string_width(word)
            if line and used + space + widths[key] > room:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0.0) + widths[key]
            line.append(word)
        lines.append(" ".join(line))
        for i, text_line in enumerate(lines):
            if pdf.will_page_break(height):
                pdf.add_page()
            pdf.set_x(pdf.l_margin)
            if i == 0 and mark:
                pdf.cell(indent, height, mark)
            else:
                pdf.set_x(pdf.l_margin + indent)
            pdf.cell(room, height, text_line, new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    for b in layout.blocks:
        if b.kind == "pagebreak":
            pdf.add_page()
        elif b.kind == "title":
            write(clean(b.text), "B", 18, 9, 0)
            pdf.ln(4)
        elif b.kind in ("heading", "subheading"):
            pdf.ln(3)
            write(clean(b.text), "B", 13 if b.kind == "heading" else 11.5, 6.5, 0)
            pdf.ln(2)
        elif b.kind in ("para", "line", "footnote"):
            write(clean(b.text), "", 8 if b.kind == "footnote" else 11, 5.6, 0)
            pdf.ln(0.5 if b.kind == "line" else 3)
        elif b.kind in ("num", "bullet"):
            mark = f"{b.number}." if b.kind == "num" else layout.bullet
            write(clean(b.text), "", 11, 5.6, 10, clean(mark))
            pdf.ln(3)
        elif b.kind == "table":
            pdf.set_font(family, "", 10.5)
            with pdf.table(col_widths=(62, 38), line_height=5.6, first_row_as_headings=False,
                           borders_layout="HORIZONTAL_LINES") as table:
                for row in b.rows:
                    r = table.row()
                    for cell in row:
                        r.cell(clean(cell))
            pdf.ln(3)
    pdf.output(str(path))
    return pdf.page_no()
