"""What a reader returns: the articles it read and the parts of the input it had to reject."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from fogofwar.model import Article, Rejection


@dataclass(frozen=True)
class ReadResult:
    """Articles read from one input, plus one Rejection per item that could not be read.

    Readers return this rather than raising when only part of an input is bad (a broken
    JSON line, a feed entry without text, a truncated WARC), so the good part still goes in.
    A whole input that cannot be read at all raises :class:`fogofwar.errors.InputRejected`.
    """

    articles: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    def __iter__(self) -> Iterator[Article | Rejection]:
        """Articles first, then rejections, in input order within each."""
        yield from self.articles
        yield from self.rejections
