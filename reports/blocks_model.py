"""The unit every reader produces and every parser consumes: a block of text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "bullet", "table", "footnote"]


@dataclass(frozen=True)
class Block:
    """One paragraph-level unit of a cleaned document.

    ``text`` is a single line (no newlines; table cells separated by tabs),
    without its leading paragraph number or bullet glyph. ``number`` is the
    paragraph number printed in the report ("12." -> 12), if any.
    """

    kind: BlockKind
    text: str
    number: int | None = None
    page: int | None = None
