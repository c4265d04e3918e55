"""The stages in order: ingested articles -> dedup -> extract -> link (+ reconcile) -> events.

``Pipeline.run`` reads like DESIGN.md's flow. Stages that are not built yet return nothing;
they never invent output.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from fogofwar.model import Article, Event, Extraction
from fogofwar.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class RunResult:
    """What one run produced: the articles it was given, their extractions and the events."""

    articles: list[Article] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


class Pipeline:
    """Runs extract -> link -> reconcile over a batch of articles.

    The extractor (spaCy, registries) is loaded on first use and reused across runs.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._extractor = None

    @property
    def extractor(self) -> Any:  # fogofwar.extract.Extractor, imported lazily (spaCy is slow to import)
        if self._extractor is None:
            from fogofwar.extract import Extractor

            self._extractor = Extractor(self.settings)
        return self._extractor

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        """Extract stage: one Extraction per article."""
        if not articles:
            return []
        return list(self.extractor.extract(articles))

    def mark_copies(self, articles: Sequence[Article], *, known: Sequence[Article] = ()) -> list[Article]:
        """Dedup stage: set ``duplicate_of`` on syndicated copies and light rewrites."""
        from fogofwar.link import find_copies

        copies = find_copies(articles, known=known)
        return [replace(a, duplicate_of=copies[a.id]) if a.id in copies else a for a in articles]

    def link(
        self,
        articles: Sequence[Article],
        extractions: Sequence[Extraction],
        *,
        events: Sequence[Event] = (),
        known_articles: Sequence[Article] = (),
    ) -> list[Event]:
        """Link stage (with reconciliation): mentions -> events, joining ``events`` already known.

        Returns the whole event set: the known events (updated where new mentions joined them)
        and the new ones.
        """
        from fogofwar.link import link_events

        return link_events(
            articles, extractions, events=events, known_articles=known_articles, settings=self.settings
        )

    def run(
        self,
        articles: Sequence[Article],
        *,
        events: Sequence[Event] = (),
        known_articles: Sequence[Article] = (),
    ) -> RunResult:
        """Run every stage over ``articles``.

        ``events`` are the events already stored and ``known_articles`` their articles (for text
        similarity, copies and source counts).
        """
        articles = self.mark_copies(articles, known=known_articles)
        extractions = self.extract(articles)
        linked = self.link(articles, extractions, events=events, known_articles=known_articles)
        return RunResult(articles=list(articles), extractions=extractions, events=linked)
