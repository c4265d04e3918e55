"""Cheap sentence segmentation, so that only sentences that can carry events or figures are parsed.

A full spaCy parse costs ~100x tokenizing; most sentences of a news article carry no figure
and no event trigger. We split with a rule-based splitter (abbreviation-aware), keep each
sentence's character offsets into ``Article.text`` and its paragraph number, and let the
extractors choose which sentences get a full parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen lt col maj capt sgt cpl pvt adm brig cmdr gov sen rep st mt ft jr sr
    no vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.g i.e approx
    dept inc corp co ltd prof rev hon est pres sen.""".split()
)
# A paragraph ends at a blank line, at an indented new line, or at a line break after
# sentence-final punctuation (one paragraph per line); hard-wrapped lines (MUC) do not end one.
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=[ \t]{2,}\S)|(?<=[.!?\"”’)])[ \t]*\n")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) then whitespace.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@dataclass
class Sentence:
    """One sentence of an article: ``text == article.text[start:end]``.

    ``doc`` is the spaCy Doc of ``text`` when the sentence was chosen for a full parse,
    else None. Not a Record: it carries a spaCy object and never leaves the extract stage.
    """

    start: int
    end: int
    text: str
    paragraph: int
    index: int
    doc: Any = None


def _is_abbreviation(chunk: str) -> bool:
    match = _WORD_BEFORE.search(chunk)
    if not match:
        return False
    word = match.group(1).lower()
    # Single capital letters ("J. Smith") and dotted acronyms ("U.S.") are not sentence ends.
    return word in _ABBREVIATIONS or len(word) == 1 or "." in word


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _PARAGRAPH.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def split_sentences(text: str, *, body_start: int = 0) -> list[Sentence]:
    """Split ``text`` into sentences with exact character offsets and paragraph numbers.

    body_start: where the report begins after a wire dateline ("FORT MYERS, Fla. - A man
        was killed"); the dateline becomes a sentence of its own, so that the parser does not
        take its place name for the subject of the first sentence. 0: no dateline.

    >>> [s.text for s in split_sentences("Two died. Gen. Smith said so.\\n\\nNew para.")]
    ['Two died.', 'Gen. Smith said so.', 'New para.']
    >>> [s.text for s in split_sentences("LIMA (AP) - Two died.", body_start=11)]
    ['LIMA (AP) -', 'Two died.']
    """
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(_paragraphs(text)):
        cursor = p_start
        if p_start < body_start < p_end and not sentences:
            _append(sentences, text, p_start, body_start, paragraph)
            cursor = body_start
        for match in _BOUNDARY.finditer(text, cursor, p_end):
            if _is_abbreviation(text[cursor : match.start()].rstrip("\"'”’)]")):
                continue
            _append(sentences, text, cursor, match.start(), paragraph)
            cursor = match.end()
        _append(sentences, text, cursor, p_end, paragraph)
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    # Trim whitespace so that offsets point at the first and last visible character.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end], paragraph, len(sentences)))
