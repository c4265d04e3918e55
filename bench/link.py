"""Benchmark: duplicate detection + event linking on 1k, 2k and 4k GVA dev documents.

Only the link stage is timed. Extraction (spaCy) runs once over the largest sample and its
Extractions are cached as ``to_dict`` JSON in the temp directory, keyed by the articles and the
extract stage's code and resources, so re-runs skip it. For each size N the script times
``find_copies`` and ``link_events`` over the first N articles (best of ``--repeat``; link_events
runs find_copies itself, so "dedup+link" is the whole link stage and "dedup" find_copies alone)
and prints the time per article and its growth against N=1k. Linking is near-linear when the
growth stays below the log-linear bound ``log(N) / log(1k)`` (``bound``; ``ok`` allows 25%
noise); the exit status is 1 otherwise.
``--synthetic N ...`` measures instead the incremental batch path (``fogofwar.batch.ingest_items``
with its block keys, text filter, dedup, linking and reconciling) on invented reports
(bench/ingest_growth.py's ``Reports``: 2,000 towns, 300 articles a day, ``--unplaced`` of the
mentions with no place) over an in-memory ledger (``MemoryLedger``: dicts instead of SQLite, so
the largest sizes fit in minutes): the ledger is filled to each size without linking, then
``--repeat`` batches of ``--probe`` articles are timed (wall and CPU ms per article, events read).

Usage:

    .venv/bin/python bench/link.py [--sizes 1000 2000 4000] [--repeat 3] [--processes 2] [--refresh]
    .venv/bin/python bench/link.py --synthetic 10000 100000 1000000 [--probe 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
GVA_DIR = REPO.parent / "shared" / "eval" / "dev" / "gva"


def load_articles(count: int) -> list:
    """The first ``count`` distinct articles of the GVA dev documents (empty texts skipped)."""
    from fogofwar.eval.gva import gva_articles, load_documents

    documents = load_documents(GVA_DIR, limit=int(count * 1.2) + 100)
    articles, _ = gva_articles(documents)
    return articles[:count]


def code_fingerprint() -> str:
    """A hash of the extract stage's code and the resources, so a changed extractor re-extracts."""
    digest = hashlib.sha256()
    for folder in (REPO / "fogofwar" / "extract", REPO / "fogofwar" / "resources"):
        for file in sorted(folder.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.name.encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def cached_extractions(articles: list, *, processes: int, refresh: bool) -> list:
    """Extractions of ``articles``, read from the temp-dir cache or computed and stored there."""
    from fogofwar.model import Extraction

    key = hashlib.sha256("".join(a.id for a in articles).encode()).hexdigest()[:12]
    cache = Path(tempfile.gettempdir()) / f"fogofwar-bench-link-{key}-{code_fingerprint()}.json"
    if cache.exists() and not refresh:
        print(f"extractions: cached in {cache}")
        return [Extraction.from_dict(d) for d in json.loads(cache.read_text(encoding="utf-8"))]
    from fogofwar.extract import Extractor
    from fogofwar.settings import Settings

    print(
        f"extracting {len(articles)} articles with {processes} process(es) (cached afterwards) ...",
        flush=True,
    )
    start = time.perf_counter()
    extractions = list(Extractor(Settings(n_process=processes)).extract(articles))
    print(f"extraction: {time.perf_counter() - start:.0f} s")
    cache.write_text(json.dumps([x.to_dict() for x in extractions]), encoding="utf-8")
    return extractions


def time_link(articles: list, extractions: list, *, repeat: int) -> tuple[float, float, int]:
    """Best-of-``repeat`` seconds for find_copies and for link_events, and the number of events."""
    from fogofwar.link import find_copies, link_events
    from fogofwar.settings import Settings

    settings = Settings()
    dedup = link = math.inf
    n_events = 0
    for _ in range(repeat):
        start = time.perf_counter()
        find_copies(articles)
        dedup = min(dedup, time.perf_counter() - start)
        start = time.perf_counter()
        n_events = len(link_events(articles, extractions, settings=settings))
        link = min(link, time.perf_counter() - start)
    return dedup, link, n_events


# -- synthetic: the incremental batch path over an in-memory ledger up to 1,000,000 articles ---


class MemoryLedger:
    """The part of ``Store`` that ``fogofwar.batch.ingest_items`` uses, in memory: the events
    (kept as records, never parsed), their block keys, the articles' term counts and LSH band
    keys, as dicts. The real batch code runs on it (keys, text filter, dedup, linking,
    reconciling); only SQL reads and writes are left out."""

    def __init__(self, index: Any) -> None:
        from collections import defaultdict

        self.index = index
        self.events_by_id: dict[str, Any] = {}
        self.keys: dict[int, set[str]] = defaultdict(set)
        self.bands: dict[int, set[str]] = defaultdict(set)
        self.article_bands: dict[str, list[int]] = {}
        self.terms: dict[str, bytes] = {}
        self.articles_by_id: dict[str, Any] = {}
        self.extracted: set[str] = set()
        self.events_of: dict[str, set[str]] = defaultdict(set)

    # reads
    def stored_ids(self, ids: Any, *, extracted: bool | None = None) -> set[str]:
        pool = self.extracted if extracted else self.articles_by_id
        return {i for i in ids if i in pool}

    def link_index_scheme(self, name: str) -> str:
        return {
            "event_keys": self.index.keys_scheme,
            "article_bands": self.index.bands_scheme,
            "article_terms": self.index.terms_scheme,
        }[name]

    def event_ids_keyed(self, keys: Any) -> dict[int, set[str]]:
        return {k: set(self.keys[k]) for k in keys if self.keys.get(k)}

    def article_ids_with_bands(self, keys: Any) -> set[str]:
        return {i for k in keys for i in self.bands.get(k, ())}

    def event_ids_for_articles(self, ids: Any) -> set[str]:
        return {e for i in ids for e in self.events_of.get(i, ())}

    def event_articles(self, ids: Any) -> dict[str, list[str]]:
        return {e: list(self.events_by_id[e].article_ids) for e in ids if e in self.events_by_id}

    def article_terms(self, ids: Any) -> dict[str, bytes]:
        return {i: self.terms[i] for i in ids if i in self.terms}

    def events(self, ids: Any = None) -> list[Any]:
        chosen = self.events_by_id if ids is None else ids
        return [self.events_by_id[i] for i in chosen if i in self.events_by_id]

    def articles(self, ids: Any = None) -> list[Any]:
        chosen = self.articles_by_id if ids is None else ids
        return [self.articles_by_id[i] for i in chosen if i in self.articles_by_id]

    def articles_sharing_bands(self, ids: Any) -> set[str]:
        ids = set(ids)
        return {
            i for i in ids for k in self.article_bands.get(i, ()) if len(self.bands.get(k, set()) & ids) > 1
        }

    # writes
    def writing(self, **_: Any) -> Any:
        from contextlib import nullcontext

        return nullcontext(self)

    def log_rejections(self, rejections: Any) -> int:
        return len(list(rejections))

    def add_articles(self, articles: Any) -> Any:
        from fogofwar.store.sqlite import AddResult

        result = AddResult()
        for article in articles:
            if article.id in self.articles_by_id:
                result.already.append(article)
            else:
                self.articles_by_id[article.id] = article
                result.added.append(article)
        return result

    def save_extractions(self, extractions: Any) -> None:
        self.extracted.update(x.article_id for x in extractions)

    def save_article_index(self, terms: Any, bands: Any) -> None:
        self.terms.update(terms)
        for article_id, keys in bands.items():
            self.article_bands[article_id] = list(keys)
            for key in keys:
                self.bands[key].add(article_id)

    def forget_link_index(self, names: Any) -> None:
        raise AssertionError("the synthetic ledger keeps every key")

    def upsert_events(self, events: Any, *, keys: Any, dropped: Any = None, deleted: Any = ()) -> None:
        for event_id, values in (dropped or {}).items():
            for key in values:
                self.keys[key].discard(event_id)
        for event in events:
            self.events_by_id[event.id] = event
            for article_id in event.article_ids:
                self.events_of[article_id].add(event.id)
            for key in keys.get(event.id, ()):
                self.keys[key].add(event.id)
        for event_id in deleted:
            self.events_by_id.pop(event_id, None)

    def fill(self, incidents: Any) -> None:
        """Store incidents as a finished ledger holds them, without linking them (fast): one event
        per incident, its reports' term counts, and the event's keys. Band keys are left out
        (no invented report copies another), which only makes dedup's lookups cheaper."""
        from fogofwar.link.text import term_counts
        from fogofwar.model import Event, record_id

        events = []
        for reports in incidents:
            articles = [a for a, _ in reports]
            mentions = [m for _, x in reports for m in x.mentions]
            claims = [c for _, x in reports for c in x.claims]
            first = mentions[0]
            place = next((m.place for m in mentions if m.place is not None), None)
            published = [a.published for a in articles]
            events.append(
                Event(
                    id=record_id(first.id),
                    event_type=first.event_type,
                    sub_event_type=first.sub_event_type,
                    start=first.date_start,
                    end=first.date_end,
                    date_precision=1,
                    place=place,
                    mention_ids=tuple(m.id for m in mentions),
                    article_ids=tuple(a.id for a in articles),
                    claims=tuple(claims),
                    first_reported=min(published),
                    last_updated=max(published),
                    sources=len(articles),
                )
            )
            for article in articles:
                self.articles_by_id[article.id] = article
                self.extracted.add(article.id)
                self.terms[article.id] = term_counts(article).to_bytes()
        self.upsert_events(events, keys=self.index.event_keys(events))


def run_synthetic(*, sizes: list[int], probe: int, repeat: int, unplaced: float) -> int:
    """ms per article of a probe batch (the incremental batch path, in memory) at each ledger size."""
    import gc
    import statistics

    sys.path.insert(0, str(REPO / "bench"))
    from ingest_growth import CannedPipeline, Reports

    from fogofwar.batch import ingest_items
    from fogofwar.settings import Settings

    reports = Reports(unplaced=unplaced)
    extractions: dict = {}
    pipeline = CannedPipeline(Settings(), extractions)
    ledger = MemoryLedger(pipeline.link_index)
    print(
        f"{'stored':>9} {'events':>8} {'probe ms/article':>17} {'cpu ms/article':>15} "
        f"{'read events/batch':>18} {'fill s':>7}"
    )
    stored = 0
    for size in sorted(sizes):
        start = time.perf_counter()
        while stored < size:
            chunk = reports.incidents(min(50_000, size - stored))
            ledger.fill(chunk)
            stored += sum(len(c) for c in chunk)
        fill = time.perf_counter() - start
        gc.collect()
        gc.freeze()  # the ledger's millions of objects: out of the collector's full passes
        times, cpu, reads = [], [], []
        for _ in range(repeat):
            articles, canned = reports.take(probe)
            extractions.update(canned)
            counted = _count_reads(ledger)
            start, start_cpu = time.perf_counter(), time.process_time()
            ingest_items(ledger, articles, pipeline=pipeline)  # type: ignore[arg-type]
            times.append(1000 * (time.perf_counter() - start) / len(articles))
            cpu.append(1000 * (time.process_time() - start_cpu) / len(articles))
            reads.append(counted())
            stored += len(articles)
        print(
            f"{stored:>9} {len(ledger.events_by_id):>8} {statistics.median(times):>17.3f} "
            f"{statistics.median(cpu):>15.3f} {statistics.median(reads):>18.0f} {fill:>7.0f}",
            flush=True,
        )
    return 0


def _count_reads(ledger: MemoryLedger) -> Any:
    """Count the events the next batch reads (a wrapper on ``ledger.events``)."""
    read = [0]
    original = MemoryLedger.events

    def events(ids: Any = None) -> list[Any]:
        found = original(ledger, ids)
        read[0] += len(found)
        return found

    ledger.events = events  # type: ignore[method-assign]
    return lambda: read[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=2, help="spaCy processes for the one-off extraction")
    parser.add_argument("--refresh", action="store_true", help="re-extract even when a cache exists")
    parser.add_argument(
        "--synthetic",
        type=int,
        nargs="+",
        metavar="N",
        help="invented reports: ledger sizes (in-memory ledger)",
    )
    parser.add_argument("--probe", type=int, default=1_000, help="--synthetic: articles per timed batch")
    parser.add_argument(
        "--unplaced", type=float, default=0.1, help="--synthetic: share of mentions with no place"
    )
    args = parser.parse_args(argv)
    if args.synthetic:
        return run_synthetic(
            sizes=args.synthetic, probe=args.probe, repeat=args.repeat, unplaced=args.unplaced
        )
    if not GVA_DIR.exists():
        print(f"skipped: {GVA_DIR} not present (the GVA dev set lives beside the repo, in ../shared)")
        return 0
    sizes = sorted(args.sizes)
    articles = load_articles(sizes[-1])
    extractions = cached_extractions(articles, processes=args.processes, refresh=args.refresh)
    columns = ("N", 6), ("events", 7), ("dedup ms/art", 13), ("dedup+link ms/art", 18)
    print(" ".join(f"{name:>{width}}" for name, width in columns), f"{'growth':>7} {'bound':>6}")
    base = None
    all_ok = True
    for size in sizes:
        n = min(size, len(articles))
        dedup, link, n_events = time_link(articles[:n], extractions[:n], repeat=args.repeat)
        per_article = link / n  # link_events includes its own find_copies
        base = base or (per_article, n)
        growth = per_article / base[0]
        bound = math.log(n) / math.log(base[1]) if base[1] > 1 else 1.0
        ok = growth <= 1.25 * bound
        all_ok &= ok
        print(
            f"{n:>6} {n_events:>7} {1000 * dedup / n:>13.3f} {1000 * per_article:>18.3f} "
            f"{growth:>7.2f} {bound:>6.2f} {'ok' if ok else 'SUPERLINEAR'}"
        )
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
