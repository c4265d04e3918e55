"""The extract stage: Article -> Extraction (event mentions and attributed claims).

The costly part is the spaCy parse, so the orchestrator splits each article into sentences
with a cheap rule-based splitter, asks each extractor's candidate test (a compiled regex)
whether a sentence can carry a figure or an event, and parses only those sentences, in one
``nlp.pipe`` stream over the whole batch. The extractors then read the parsed sentences and
return records; nothing spaCy leaves this package.

With ``Settings.n_process`` > 1 whole articles are spread over worker processes, each with its
own Extractor, in chunks of ``Settings.batch_size`` articles: workers return Extractions (small
records), never spaCy Docs, so both the parse and the extractors run in parallel and nothing
heavy crosses process boundaries. ``extract_chunk`` is the unit of work, the same one a
cluster scheduler (Dask, Ray) would map over chunks.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import multiprocessing
import re
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import Any

from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.attribution import claim_lexicon
from fogofwar.extract.claims import extract_claims, is_claim_candidate
from fogofwar.extract.dates import date_lexicon, resolve_dates
from fogofwar.extract.events import extract_mentions, is_event_candidate
from fogofwar.extract.events.context import tells_narrative_time
from fogofwar.extract.events.triggers import answers_earlier, event_lexicon
from fogofwar.extract.headline import headline_claims, headline_mentions, headline_sentence
from fogofwar.extract.numbers import number_lexicon
from fogofwar.extract.places import Gazetteer
from fogofwar.extract.sentences import Sentence, split_sentences
from fogofwar.model import Article, Claim, Extraction, Mention
from fogofwar.nlp import DEFERRED_COMPONENTS, load_nlp, parse
from fogofwar.settings import Settings

log = logging.getLogger(__name__)

# Dashes that end a dateline standing as a sentence of its own (see body_start).
_DASHES = ("-", "–", "—", "--")
_HEADLINE = -1  # the slot index of an article's headline in the parse stream
# Sentences per nlp.pipe batch: the parser's matrix products pay off on larger batches (256
# against 64: ~12 % less parse time over GVA sentences); a worker's chunk of articles holds
# some 500 candidate sentences, so two batches at most wait on each other.
PARSE_BATCH = 256
SMALLEST_CHUNK = 8  # articles: a worker's chunk costs a pickle round trip and a parse stream
# A single line break (with the blanks around it left as they are): a wrapped line, not a paragraph.
_WRAP = re.compile(r"(?<!\n)\n(?!\n)")


def body_start(article: Article) -> int:
    """Where the report begins after a wire dateline opening the text ("INDIANAPOLIS (WTHR) -",
    "KABUL, Afghanistan (Jan. 25, 2013) -"), or 0. Reads the dateline span ingest found
    (``Article.dateline_start``/``dateline_end``). Only a dateline that ends in a dash counts:
    a bare "Name, 45," is the start of a sentence."""
    start, end = article.dateline_start, article.dateline_end
    if start is None or end is None or article.text[:start].strip():
        return 0
    return end if article.text[start:end].rstrip().endswith(_DASHES) else 0


def unwrapped(text: str) -> str:
    """``text`` with each line break inside a paragraph made a space (same length, so offsets
    hold): hard-wrapped wire copy breaks lines mid-phrase, and spaCy reads a line break as a
    token of its own that cuts the parse ("DEPUTY PABLO\nLOPEZ WAS MURDERED")."""
    return _WRAP.sub(" ", text)


def needs_parse(text: str) -> bool:
    """Whether a sentence can carry a casualty figure or an event (cheap regex tests)."""
    return is_claim_candidate(text) or is_event_candidate(text)


@dataclass
class Extractor:
    """Owns the loaded resources (spaCy, actor registry, gazetteer) for a run."""

    settings: Settings

    @cached_property
    def nlp(self) -> Any:  # spacy.Language, imported lazily
        return load_nlp(self.settings.spacy_model)

    @cached_property
    def registry(self) -> ActorRegistry:
        return ActorRegistry.load()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.load(cache_dir=self.settings.cache_dir)

    def load_resources(self) -> None:
        """Load what the extractors read (gazetteer, actor registry, lexicons) now, if not yet.

        Called before an article's time budget starts: built there, a cold gazetteer index
        (~10 s, more on a loaded machine) spent the first article's budget, and that article
        lost its mentions and claims. Loading is cached, so later calls cost nothing.
        """
        _ = self.gazetteer, self.registry
        event_lexicon()
        claim_lexicon()
        number_lexicon()
        date_lexicon()

    @cached_property
    def cluster(self) -> Any:  # fogofwar.parallel.Cluster, imported lazily (only with a scheduler)
        from fogofwar.parallel import Cluster

        return Cluster.connect(self.settings)

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extract mentions and claims from each article; yields one Extraction per article, in order.

        With ``settings.scheduler`` set the articles are extracted on that Dask cluster's workers
        (fogofwar.parallel); else, with ``settings.n_process`` > 1 and at least
        ``settings.pool_min_articles`` articles, in worker processes (see the module docstring).
        The order of the results is the order of ``articles`` either way.
        """
        if self.settings.scheduler is not None:
            yield from self.cluster.extract(articles)
            return
        articles = list(articles)
        if self.settings.pools(len(articles)):
            yield from self._extract_in_workers(articles)
            return
        for parsing in self._parse(articles):
            if parsing.failure is not None:
                yield _failed(parsing.article.id, parsing.failure)
                continue
            article, sentences, headline = parsing.release()
            yield self.extract_isolated(article, sentences, headline)

    def extract_isolated(
        self, article: Article, sentences: Sequence[Sentence], headline: Sentence | None = None
    ) -> Extraction:
        """:meth:`extract_parsed`, or, when that raises, the article's failed Extraction (logged):
        one article's bad luck never ends the batch."""
        try:
            return self.extract_parsed(article, sentences, headline)
        except Exception as e:  # any bug or bad data in one article rejects that article only
            return _failed(article.id, e)

    def _extract_in_workers(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        worker_settings = replace(self.settings, n_process=1)
        sent: deque[list[str]] = deque()  # the article ids of each chunk handed to the pool, in order

        def chunks() -> Iterator[list[Article]]:
            for chunk in _guided_chunks(list(articles), self.settings.batch_size, self.settings.n_process):
                sent.append([a.id for a in chunk])
                yield chunk

        # fork where the platform has it (as spaCy's own n_process does): workers share what the
        # parent already loaded, and scripts need no ``if __name__ == "__main__"`` guard.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with context.Pool(self.settings.n_process) as pool:
            results = pool.imap(functools.partial(extract_chunk, worker_settings), chunks())
            while True:
                try:
                    extractions = next(results)
                except StopIteration:
                    break
                except Exception as e:  # the chunk failed outside any one article (loading, pickling)
                    ids = sent.popleft()
                    yield from (_failed(i, e) for i in ids)
                    continue
                sent.popleft()
                yield from extractions

    def parse(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Sentence], Sentence | None]]:
        """Split each article and parse its candidate sentences and headline; yields (article,
        sentences, headline), the headline a parsed Sentence of the title when it can carry a
        figure, else None. An article whose splitting raised is left out (logged)."""
        for parsing in self._parse(articles):
            if parsing.failure is None:
                yield parsing.release()

    def _parse(self, articles: Iterable[Article]) -> Iterator[_Parsing]:
        """Each article's _Parsing, in order, once its parses are back (or with its failure)."""
        pending: list[_Parsing] = []
        limit = self.settings.max_parsed_sentences

        def items() -> Iterator[tuple[str, tuple[int, int]]]:
            for article in articles:
                try:
                    sentences, chosen, headline = _prepare(article, limit=limit)
                except Exception as e:  # one article's bad text rejects that article only
                    pending.append(_Parsing(article, [], None, 0, failure=_failure(article.id, e)))
                    continue
                pending.append(_Parsing(article, sentences, headline, len(chosen) + (headline is not None)))
                for s in chosen:
                    yield unwrapped(s.text), (len(pending) - 1, s.index)
                if headline is not None:
                    yield headline.text, (len(pending) - 1, _HEADLINE)

        # One process: a batch big enough for several goes to the worker pool (_extract_in_workers),
        # whose workers parse in-process; a small one (under pool_min_articles, or the few undated
        # articles Pipeline.redate extracts again) is not worth starting spaCy's own workers for.
        docs = parse(self.nlp, items(), batch_size=PARSE_BATCH, n_process=1, defer=DEFERRED_COMPONENTS)
        # nlp.pipe reads ahead, so articles complete in order as their last sentence arrives.
        done = 0
        for doc, (slot, index) in docs:
            parsing = pending[slot]
            target = parsing.headline if index == _HEADLINE else parsing.sentences[index]
            if target is not None:
                target.doc = doc
            parsing.waiting -= 1
            while done < len(pending) and pending[done].waiting == 0:
                yield pending[done]
                done += 1
        while done < len(pending):
            yield pending[done]
            done += 1

    def extract_parsed(
        self, article: Article, sentences: Sequence[Sentence], headline: Sentence | None = None
    ) -> Extraction:
        """Run the extractors over one article's parsed sentences (and parsed headline), for at
        most ``settings.article_time_budget_s`` seconds: past it, no further sentence is read.
        The budget starts once the resources are loaded (:meth:`load_resources`)."""
        self.load_resources()
        deadline = time.monotonic() + self.settings.article_time_budget_s
        mentions = extract_mentions(
            article,
            sentences,
            gazetteer=self.gazetteer,
            registry=self.registry,
            background_days=self.settings.background_days,
            deadline=deadline,
        )
        mentions += headline_mentions(
            article,
            mentions,
            gazetteer=self.gazetteer,
            registry=self.registry,
            background_days=self.settings.background_days,
        )
        claims = extract_claims(article, sentences, registry=self.registry, deadline=deadline)
        claims = attach_claims(claims, mentions, sentences, reference=article.reference_date)
        if headline is not None:
            claims += headline_claims(article, headline, claims, mentions, registry=self.registry)
        return Extraction(article_id=article.id, mentions=tuple(mentions), claims=tuple(claims))


@dataclass
class _Parsing:
    """An article whose candidate sentences (and headline) are out to the parser."""

    article: Article
    sentences: list[Sentence]
    headline: Sentence | None
    waiting: int  # parses not back yet
    failure: str | None = None  # why the article could not be prepared (then nothing is parsed)

    def release(self) -> tuple[Article, list[Sentence], Sentence | None]:
        """The finished article, dropping this record's hold on its Docs (memory of long runs)."""
        done = (self.article, self.sentences, self.headline)
        self.sentences, self.headline = [], None
        return done


def _prepare(article: Article, *, limit: int) -> tuple[list[Sentence], list[Sentence], Sentence | None]:
    """An article's sentences, those of them to parse (at most ``limit``; the rest are skipped
    with a warning) and its headline sentence when it can carry a figure."""
    sentences = split_sentences(article.text, body_start=body_start(article))
    chosen = [s for s in sentences if needs_parse(s.text)]
    if len(chosen) > limit:
        # The article is read up to its last parsed sentence: the rest would still cost every
        # extractor's sentence loop, and a sentence left unparsed can only be misread.
        log.warning(
            "article %s: %d sentences to parse, only the first %d are; the text after sentence %d "
            "is not read (max_parsed_sentences)",
            article.id,
            len(chosen),
            limit,
            chosen[limit - 1].index if limit else -1,
        )
        end = chosen[limit].index
        chosen, sentences = chosen[:limit], sentences[:end]
    return sentences, chosen, headline_sentence(article.title)


def _failure(article_id: str, error: BaseException | str) -> str:
    """``"<ExceptionType>: <message>"`` on one line, logged with the article's id."""
    if isinstance(error, str):
        return error
    message = " ".join(str(error).split())
    failure = f"{type(error).__name__}: {message}" if message else type(error).__name__
    log.warning("article %s rejected: extraction failed: %s", article_id, failure)
    log.debug("extraction of article %s failed", article_id, exc_info=error)
    return failure


def _failed(article_id: str, error: BaseException | str) -> Extraction:
    """The Extraction of an article whose extraction raised: no records, the failure named."""
    return Extraction(article_id=article_id, failure=_failure(article_id, error))


def extract_chunk(settings: Settings, articles: Sequence[Article]) -> list[Extraction]:
    """Extract one chunk of articles in this process (a worker's unit of work).

    The Extractor, and so the spaCy model and the gazetteer, is loaded once per process and
    reused for every later chunk with the same settings.
    """
    return list(_process_extractor(settings).extract(articles))


@functools.cache
def _process_extractor(settings: Settings) -> Extractor:
    return Extractor(settings)


def _guided_chunks(articles: Sequence[Article], most: int, workers: int) -> Iterator[list[Article]]:
    """Chunks of at most ``most`` articles that shrink as the batch runs out (a quarter of what is
    left per worker, at least :data:`SMALLEST_CHUNK`): the workers finish together, where equal
    chunks leave one worker alone on the last (up to 64 articles, ~2 s, on 600 GVA articles)."""
    start = 0
    while start < len(articles):
        left = len(articles) - start
        size = min(most, max(SMALLEST_CHUNK, -(-left // (2 * workers))))
        yield list(articles[start : start + size])
        start += size


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, max(1, size))):
        yield chunk


def attach_claims(
    claims: Sequence[Claim],
    mentions: Sequence[Mention],
    sentences: Sequence[Sentence],
    *,
    reference: date | None = None,
) -> list[Claim]:
    """Give each claim the mention it reports on: the nearest foreground mention at or before
    its sentence, unless its own sentence is history.

    A claim in a sentence with no trigger ("They admitted to losing seven fighters") belongs to
    the event last talked about; one before any mention goes to the first mention. A claim in
    a sentence of history that dates itself ("in 2005, four others were killed", or by the
    sentence before: "A month earlier, 28 had been killed") belongs to
    that sentence's background mention: the linker joins it to the event it recalls, when
    known, and else to no event (link.cluster). A sentence that is background only by what
    surrounds it (a date or a cue borrowed from its paragraph: "The force also detained two
    suspects" after a sentence on bombings in May) may well tell the news, and an undated
    article (no ``reference``) cannot tell its history from its news: their claims go to the
    news.
    """
    if not mentions:
        return list(claims)
    # Mentions in text order, looked up by bisection (a scan per claim was quadratic in long
    # articles). One mention per sentence, so sentences of one part do not overlap.
    ordered = sorted(mentions, key=lambda m: m.sentence.start)
    starts = [m.sentence.start for m in ordered]
    last_foreground: list[Mention | None] = [None]  # [k]: the last foreground mention of ordered[:k]
    for m in ordered:
        last_foreground.append(last_foreground[-1] if m.background else m)
    foreground = [m for m in ordered if not m.background]
    history: dict[str, list[Mention]] = {}  # per part, in text order
    for m in ordered:
        if (
            reference is not None
            and m.background
            and (
                resolve_dates(m.sentence.text, reference)
                or tells_narrative_time(m.sentence.text)
                or answers_earlier(m.sentence.text, event_lexicon())
            )
        ):
            history.setdefault(m.part, []).append(m)
    history_starts = {part: [m.sentence.start for m in found] for part, found in history.items()}
    attached = []
    for claim in claims:
        if claim.mention_id:
            attached.append(claim)
            continue
        at = claim.evidence.start
        own, own_starts = history.get(claim.part, []), history_starts.get(claim.part, [])
        i = bisect.bisect_right(own_starts, at)
        if i and at < own[i - 1].sentence.end:
            first = bisect.bisect_left(own_starts, own_starts[i - 1])  # the first of one sentence's
            attached.append(replace(claim, mention_id=own[first].id))
            continue
        k = bisect.bisect_right(starts, at)  # ordered[:k]: the mentions at or before the claim
        if k:
            target = last_foreground[k] or (foreground[-1] if foreground else ordered[k - 1])
        else:
            target = foreground[0] if foreground else ordered[0]
        attached.append(replace(claim, mention_id=target.id))
    return attached


__all__ = ["Extractor", "attach_claims", "extract_chunk", "needs_parse"]
