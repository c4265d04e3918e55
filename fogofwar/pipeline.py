"""The stages in order, each run once per batch: ingested articles -> copies (dedup) -> extract
-> link -> date the undated -> reconcile -> events.

``Pipeline.run`` reads like DESIGN.md's flow. The copies found once serve the stages after it:
link (a copy counts as its original's outlet) and reconcile (a copy's claims count once). An
undated article's claims are dated from the event it joined (fogofwar.link.redate) before
anything is reconciled, so an event is reconciled once, with its final claims. Stages that are
not built yet return nothing; they never invent output.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
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
    """Runs copies -> extract -> link -> date the undated -> reconcile over a batch of articles.

    The extractor (spaCy, registries) is loaded on first use and reused across runs.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._extractor = None
        self._link_index = None
        self._importing: threading.Thread | None = None  # the link stage's imports, in the background

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

    def find_copies(self, articles: Sequence[Article], *, known: Sequence[Article] = ()) -> dict[str, str]:
        """Dedup stage: ``{copy id: original id}`` over ``known`` and ``articles`` (link.find_copies)."""
        from fogofwar.link import find_copies

        return find_copies(articles, known=known)

    def mark_copies(
        self,
        articles: Sequence[Article],
        *,
        known: Sequence[Article] = (),
        copies: Mapping[str, str] | None = None,
    ) -> list[Article]:
        """``articles`` with ``duplicate_of`` set on syndicated copies and light rewrites
        (``copies``: the dedup stage's mapping, found here when not given)."""
        if copies is None:
            copies = self.find_copies(articles, known=known)
        return [replace(a, duplicate_of=copies[a.id]) if a.id in copies else a for a in articles]

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        """Extract stage: one Extraction per article."""
        return list(self.iter_extract(articles))

    def iter_extract(self, articles: Sequence[Article]) -> Iterator[Extraction]:
        """Extract stage as a stream: each article's Extraction as soon as it is done, in order.

        While worker processes extract, this process only waits: it imports the link stage's
        libraries meanwhile (scikit-learn, datasketch: ~1 s), which the batch would otherwise
        wait for after its last extraction.
        """
        if not articles:
            return
        pooled = self.settings.pools(len(articles))
        if pooled and self._importing is not None:
            # no fork while another thread may hold an import lock: a child's own imports could
            # wait on it forever
            self._importing.join()
        for i, extraction in enumerate(self.extractor.extract(articles)):
            if i == 0 and pooled and self._importing is None:
                # after the first result, so this batch's workers are forked already
                self._importing = threading.Thread(target=_import_link_stage, name="import-link", daemon=True)
                self._importing.start()
            yield extraction

    def link(
        self,
        articles: Sequence[Article],
        extractions: Sequence[Extraction],
        *,
        events: Sequence[Event] = (),
        known_articles: Sequence[Article] = (),
        copies: Mapping[str, str] | None = None,
        vectors: Any = None,
    ) -> list[Event]:
        """Link stage: mentions -> events, joining ``events`` already known (fogofwar.link.link_events).

        Returns the whole event set: the known events (updated where new mentions joined them)
        and the new ones; changed and new events are not reconciled yet (:meth:`reconcile`).
        ``vectors``: text vectors fitted beforehand (fogofwar.link.text.ArticleVectors), else
        fitted on the articles given.
        """
        from fogofwar.link import link_events

        return link_events(
            articles,
            extractions,
            events=events,
            known_articles=known_articles,
            settings=self.settings,
            copies=copies,
            vectors=vectors,
        )

    def reconcile(
        self, events: Sequence[Event], *, given: Sequence[Event] = (), copies: Mapping[str, str] | None = None
    ) -> list[Event]:
        """Reconcile stage: each event's claims -> low / best / high (fogofwar.reconcile.reconcile_event,
        by ``settings.reconcile_rule``; ``copies``' claims count once). An event equal to one of
        ``given`` (the stored events the batch started from) is returned as given: nothing of
        it changed, so its figures stand."""
        from fogofwar.reconcile import reconcile_event

        before = {e.id: e for e in given}
        rule = self.settings.reconcile_rule
        return [
            event
            if _unchanged(before.get(event.id), event)
            else reconcile_event(event, rule=rule, copies=copies)
            for event in events
        ]

    def run(
        self,
        articles: Sequence[Article],
        *,
        events: Sequence[Event] = (),
        known_articles: Sequence[Article] = (),
        extractions: Sequence[Extraction] | None = None,
        copy_candidates: Sequence[Article] | None = None,
        vectors: Any = None,
    ) -> RunResult:
        """Run every stage over ``articles``, each once.

        ``events`` are the events already stored and ``known_articles`` their articles (for text
        similarity, copies and source counts). ``extractions``, when given, are this batch's
        extractions made beforehand (the costly stage, which needs neither the stored events
        nor the write lock); articles without one are extracted here. ``copy_candidates``: the
        stored articles dedup compares the batch with (default ``known_articles``; an
        incremental batch gives those sharing an LSH band with the batch or with each other,
        fogofwar.batch). ``vectors``: text vectors fitted beforehand (``link``). An article whose
        extraction failed (``Extraction.failure``) is left out of the result: its article, its
        extraction and its mentions appear nowhere in it, and ``failed`` holds its extraction.
        """
        stored = known_articles if copy_candidates is None else copy_candidates
        copies = self.find_copies(articles, known=stored)
        articles = self.mark_copies(articles, copies=copies)
        given = {e.article_id: e for e in extractions or ()}
        missing = [a for a in articles if a.id not in given]
        given.update((e.article_id, e) for e in self.extract(missing))
        failed = [given[a.id] for a in articles if given[a.id].failure is not None]
        failed_ids = {e.article_id for e in failed}
        articles = [a for a in articles if a.id not in failed_ids]
        if failed_ids.intersection(copies) or failed_ids.intersection(copies.values()):
            # A dropped article was a copy or an original: its group is found again without it.
            copies = self.find_copies(articles, known=stored)
        extracted = [given[a.id] for a in articles]
        linked = self.link(
            articles, extracted, events=events, known_articles=known_articles, copies=copies, vectors=vectors
        )
        extracted, linked = self.redate(articles, extracted, linked, known_articles=known_articles)
        reconciled = self.reconcile(linked, given=events, copies=copies)
        return RunResult(articles=list(articles), extractions=extracted, events=reconciled, failed=failed)

    def redate(
        self,
        articles: Sequence[Article],
        extractions: list[Extraction],
        events: list[Event],
        *,
        known_articles: Sequence[Article] = (),
    ) -> tuple[list[Extraction], list[Event]]:
        """Date the undated: once linked to a dated event, an undated article's claim dates
        ("announced on Thursday", "on July 29") are resolved against it (fogofwar.link.redate),
        from the date expressions its extraction kept; nothing is extracted again.

        Returns the extractions and events with those claim dates filled in (the events not
        reconciled again: :meth:`reconcile` comes next); unchanged when no claim lacks a date.
        ``articles`` are the batch's, ``known_articles`` the stored ones: a stored undated
        article is dated too once a dated report joins its event (claims already dated keep their
        dates, so re-running changes nothing).
        """
        from fogofwar.link import reference_dates
        from fogofwar.link.redate import claim_dates, redate_claims, redate_extractions

        waiting = {c.article_id for e in events for c in e.claims if c.claim_date is None}
        if not waiting:
            return extractions, events
        candidates = [a for a in [*known_articles, *articles] if a.id in waiting]
        dates = claim_dates(events, reference_dates(candidates, events))
        if not dates:
            return extractions, events
        return redate_extractions(extractions, dates), redate_claims(events, dates)


def _unchanged(before: Event | None, event: Event) -> bool:
    return before is not None and (before is event or before == event)


def _import_link_stage() -> None:
    """Import the link stage's modules and the libraries they load (a background thread)."""
    for module in ("fogofwar.link.cluster", "fogofwar.link.dedup", "fogofwar.link.incremental"):
        try:
            importlib.import_module(module)
        except Exception:  # the import is retried, and its error raised, where the module is used
            log.debug("importing %s ahead of linking failed", module, exc_info=True)
