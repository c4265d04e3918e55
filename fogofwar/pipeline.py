"""The stages in order: ingested articles -> dedup -> extract -> link (+ reconcile) -> events,
then a second extract pass for undated articles once their event gives them a date.

``Pipeline.run`` reads like DESIGN.md's flow. Stages that are not built yet return nothing;
they never invent output.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from fogofwar.model import Article, Event, Extraction
from fogofwar.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class RunResult:
    """What one run produced: the articles it kept, their extractions, the events, and the failures."""

    articles: list[Article] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failed: list[Extraction] = field(default_factory=list)  # extractions that failed, articles dropped


class Pipeline:
    """Runs extract -> link -> reconcile over a batch of articles.

    The extractor (spaCy, registries) is loaded on first use and reused across runs.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._extractor = None
        self._link_index = None

    @property
    def extractor(self) -> Any:  # fogofwar.extract.Extractor, imported lazily (spaCy is slow to import)
        if self._extractor is None:
            from fogofwar.extract import Extractor

            self._extractor = Extractor(self.settings)
        return self._extractor

    @property
    def link_index(self) -> Any:  # fogofwar.link.incremental.LinkIndex
        """The keys of events and articles a batch looks up, so it reads only what it can touch."""
        if self._link_index is None:
            from fogofwar.link.incremental import LinkIndex

            self._link_index = LinkIndex(self.settings)
        return self._link_index

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        """Extract stage: one Extraction per article."""
        return list(self.iter_extract(articles))

    def iter_extract(self, articles: Sequence[Article]) -> Iterator[Extraction]:
        """Extract stage as a stream: each article's Extraction as soon as it is done, in order."""
        if articles:
            yield from self.extractor.extract(articles)

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
        extractions: Sequence[Extraction] | None = None,
    ) -> RunResult:
        """Run every stage over ``articles``.

        ``events`` are the events already stored and ``known_articles`` their articles (for text
        similarity, copies and source counts). ``extractions``, when given, are this batch's
        extractions made beforehand (the costly stage, which needs neither the stored events
        nor the write lock); articles without one are extracted here. An article whose
        extraction failed (``Extraction.failure``) is left out of the result: its article, its
        extraction and its mentions appear nowhere in it, and ``failed`` holds its extraction.
        """
        articles = self.mark_copies(articles, known=known_articles)
        given = {e.article_id: e for e in extractions or ()}
        missing = [a for a in articles if a.id not in given]
        given.update((e.article_id, e) for e in self.extract(missing))
        failed = [given[a.id] for a in articles if given[a.id].failure is not None]
        failed_ids = {e.article_id for e in failed}
        articles = [a for a in articles if a.id not in failed_ids]
        extracted = [given[a.id] for a in articles]
        linked = self.link(articles, extracted, events=events, known_articles=known_articles)
        extracted, linked = self.redate(articles, extracted, linked, known_articles=known_articles)
        return RunResult(articles=list(articles), extractions=extracted, events=linked, failed=failed)

    def redate(
        self,
        articles: Sequence[Article],
        extractions: list[Extraction],
        events: list[Event],
        *,
        known_articles: Sequence[Article] = (),
    ) -> tuple[list[Extraction], list[Event]]:
        """Second pass for undated articles: once linked to a dated event, their claims' dates
        ("announced on Thursday", "on July 29") are resolved against it (fogofwar.link.redate).

        Returns the extractions and events with those claim dates filled in; unchanged when no
        article lacks a date.
        """
        from fogofwar.link import find_copies, reference_dates
        from fogofwar.link.redate import claim_dates, redate_claims, redate_extractions, resolution_base

        # An article stored undated by an earlier run gets its dates once a dated report joins
        # its event; claims already dated are left as they are, so re-running changes nothing.
        waiting = {c.article_id for e in events for c in e.claims if c.claim_date is None}
        candidates = {a.id: a for a in [*known_articles, *articles] if a.id in waiting}
        earliest = reference_dates(list(candidates.values()), events)
        if not earliest:
            return extractions, events
        undated = [a for a in candidates.values() if a.id in earliest]
        first, second = (
            self.extract(
                [replace(a, published=resolution_base(earliest[a.id], shift=shift)) for a in undated]
            )
            for shift in (0, 1)
        )
        dates = claim_dates(first, second, earliest)
        if not dates:
            return extractions, events
        copies = find_copies(articles, known=known_articles)
        redated = redate_claims(events, dates, rule=self.settings.reconcile_rule, copies=copies)
        return redate_extractions(extractions, dates), redated
