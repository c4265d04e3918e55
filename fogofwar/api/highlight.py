"""Cut an article's text into segments so templates can mark evidence spans.

Templates print each segment's text through Jinja's autoescape and wrap marked ones in
``<mark>``; no HTML is ever built from article text here, so nothing in a report can become
markup. Spans may overlap: the text is cut at every span boundary.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Segment:
    """A piece of text; ``marks`` are the ids of the spans covering it, ``anchors`` those starting here."""

    text: str
    marks: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()


def segments(text: str, spans: Sequence[tuple[str, int, int]]) -> list[Segment]:
    """``text`` cut at the boundaries of ``spans`` (id, start, end); pieces join back to ``text``.

    Spans outside the text or empty are skipped (logged): offsets come from stored records and
    must not break a page.
    """
    good = []
    for span_id, start, end in spans:
        if 0 <= start < end <= len(text):
            good.append((span_id, start, end))
        else:
            log.warning(
                "span %s (%d, %d) does not fit a text of %d characters", span_id, start, end, len(text)
            )
    cuts = sorted({0, len(text), *(s for _, s, _ in good), *(e for _, _, e in good)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        marks = tuple(i for i, s, e in good if s <= start and end <= e)
        anchors = tuple(i for i, s, _ in good if s == start)
        pieces.append(Segment(text[start:end], marks, anchors))
    return pieces


def snippet(text: str, query: str, *, width: int = 160) -> tuple[str, list[tuple[str, int, int]]]:
    """A piece of ``text`` around the first word of ``query`` found in it, and the spans of the query's
    words inside that piece (for :func:`segments`). Starts at the beginning when no word is found."""
    words = [w for w in re.findall(r"\w+", query) if w]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - width // 3) if first else 0
    end = min(len(text), start + width)
    # Start and end on word boundaries, so the snippet does not open or close mid-word.
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (first.start() if first else end) else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = text[start:end]
    prefix, suffix = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
    shift = len(prefix)
    spans = (
        [(f"q{i}", m.start() + shift, m.end() + shift) for i, m in enumerate(pattern.finditer(piece))]
        if pattern
        else []
    )
    return prefix + piece + suffix, spans
