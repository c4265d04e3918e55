"""Benchmark: what a batch costs as the ledger grows (incremental ingest, fogofwar.batch).

Two measures, both through the real store (a SQLite file) and ``ingest_items``; extraction is
never timed (cached GVA extractions, or invented ones):

1. ``gva``: 60 GVA dev articles added to an empty ledger, then the same 60 added to a ledger
   holding 4,000 other GVA articles (ingested beforehand, untimed). The ratio should stay at or
   under 1.3: a batch reads only the events it can touch. Extractions come from bench/link.py's
   cache (spaCy runs once, the first time).
2. ``synthetic``: invented reports (no spaCy): incidents in 2,000 towns of one invented country,
   a few each day, each told by 1 to 3 articles sharing the victim's name, one mention and one
   killed claim per article, dates moving forward as the ledger grows, as news does. The ledger
   is filled in batches of ``--fill-batch``; at each size of ``--sizes`` one probe batch of
   ``--probe`` articles is timed: milliseconds per article of the whole batch (reads, dedup,
   linking, writes).

3. ``accuracy``: GVA dev scored (fogofwar.eval.gva.score_gva) after ingesting every article in
   one batch, and in ``--batches`` batches in the set's order, on the incremental path and on the
   full-load path (``incremental=False``); the extractions are cached as in ``gva``, so the
   figures measure linking alone.

Usage:

    .venv/bin/python bench/ingest_growth.py gva [--repeat 3]
    .venv/bin/python bench/ingest_growth.py accuracy [--batches 4] [--extractions FILE]
    .venv/bin/python bench/ingest_growth.py synthetic [--sizes 10000 100000] [--probe 1000]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fogofwar.batch import ingest_items
from fogofwar.model import Article, Claim, Extraction, Mention, Place, Span, record_id
from fogofwar.pipeline import Pipeline
from fogofwar.settings import Settings
from fogofwar.store import Store


class CannedPipeline(Pipeline):
    """The real pipeline (dedup, link, reconcile, redating) with extractions given beforehand."""

    def __init__(self, settings: Settings, extractions: dict[str, Extraction]) -> None:
        super().__init__(settings)
        self.canned = extractions

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        return [self.canned.get(a.id) or Extraction(article_id=a.id) for a in articles]


CPU_SECONDS: list[float] = []  # the process's CPU time of each timed_ingest, in order


def timed_ingest(db: Path, articles: Sequence[Article], pipeline: Pipeline) -> float:
    """Seconds to ingest ``articles`` into the ledger at ``db`` (extraction canned); its CPU
    seconds go to ``CPU_SECONDS`` (steadier than wall time on a shared machine)."""
    with Store.open(db) as store:
        start, start_cpu = time.perf_counter(), time.process_time()
        ingest_items(store, articles, pipeline=pipeline)
        CPU_SECONDS.append(time.process_time() - start_cpu)
        return time.perf_counter() - start


def run_gva(*, base: int, added: int, repeat: int, cache: Path | None = None) -> int:
    from link import GVA_DIR, cached_extractions

    from fogofwar.eval.gva import gva_articles, load_documents
    from fogofwar.model import Extraction

    if not GVA_DIR.exists():
        print(f"skipped: {GVA_DIR} not present")
        return 0
    articles, _ = gva_articles(load_documents(GVA_DIR))
    if cache is not None:  # extractions cached by an earlier extractor (bench/link.py's file)
        extractions = [Extraction.from_dict(d) for d in json.loads(cache.read_text(encoding="utf-8"))]
    else:
        extractions = cached_extractions(articles, processes=2, refresh=False)
    pipeline = CannedPipeline(Settings(), {x.article_id: x for x in extractions})
    _freeze()
    # The added articles are the last ones (by the set's order); the base the first ``base``.
    batch, stored = articles[-added:], articles[:base]
    empty, full = [], []
    with tempfile.TemporaryDirectory() as folder:
        grown = Path(folder) / "grown.db"
        timed_ingest(grown, stored, pipeline)
        template = grown.read_bytes()
        empty_cpu, full_cpu = [], []
        for i in range(repeat):
            empty.append(timed_ingest(Path(folder) / f"empty{i}.db", batch, pipeline))
            empty_cpu.append(CPU_SECONDS[-1])
            copy = Path(folder) / f"full{i}.db"
            copy.write_bytes(template)  # WAL folded back on close: the file is the whole ledger
            full.append(timed_ingest(copy, batch, pipeline))
            full_cpu.append(CPU_SECONDS[-1])
    ratios = [f / e for f, e in zip(full, empty, strict=True)]
    print(f"{added} articles into an empty ledger: {_spread(empty)} s")
    print(f"{added} articles into a ledger of {base}: {_spread(full)} s")
    print(f"ratio: median {statistics.median(ratios):.2f} (runs {', '.join(f'{r:.2f}' for r in ratios)})")
    cpu_empty, cpu_full = statistics.median(empty_cpu), statistics.median(full_cpu)
    print(
        f"ratio of medians {statistics.median(full) / statistics.median(empty):.2f}, of minima "
        f"{min(full) / min(empty):.2f}; CPU time {cpu_empty:.3f} s vs {cpu_full:.3f} s, "
        f"ratio {cpu_full / cpu_empty:.2f}"
    )
    return 0 if statistics.median(ratios) <= 1.3 else 1


def _gva_inputs(cache: Path | None):
    from link import GVA_DIR, cached_extractions

    from fogofwar.eval.gva import gva_articles, load_documents

    documents = load_documents(GVA_DIR)
    articles, doc_article = gva_articles(documents)
    if cache is not None:
        extractions = [Extraction.from_dict(d) for d in json.loads(cache.read_text(encoding="utf-8"))]
    else:
        extractions = cached_extractions(articles, processes=2, refresh=False)
    return documents, articles, doc_article, extractions


def run_accuracy(*, batches: int, cache: Path | None = None) -> int:
    """GVA dev figures after one batch and after ``batches`` batches, both paths (module docstring)."""
    from link import GVA_DIR

    from fogofwar.eval.clusters import article_events
    from fogofwar.eval.gva import load_gvc_gold, load_incidents, score_gva

    if not GVA_DIR.exists():
        print(f"skipped: {GVA_DIR} not present")
        return 0
    documents, articles, doc_article, extractions = _gva_inputs(cache)
    incidents, gvc_gold = load_incidents(GVA_DIR), load_gvc_gold(GVA_DIR)
    pipeline = CannedPipeline(Settings(), {x.article_id: x for x in extractions})
    runs = [("1 batch", 1, True), (f"{batches} batches, incremental", batches, True)]
    runs.append((f"{batches} batches, full load", batches, False))
    keys = ("merge_b3_f1", "killed_exact", "injured_exact", "city_accuracy", "date_accuracy")
    print(f"{'run':<30} {'seconds':>8} " + " ".join(f"{k:>14}" for k in keys))
    for name, count, incremental in runs:
        step = -(-len(articles) // count)  # ceiling: ``count`` batches of about equal size
        with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "acc.db") as store:
            start = time.perf_counter()
            for first in range(0, len(articles), step):
                ingest_items(
                    store, articles[first : first + step], pipeline=pipeline, incremental=incremental
                )
            seconds = time.perf_counter() - start
            events = store.events()
        figures = score_gva(documents, incidents, gvc_gold, doc_article, article_events(events, extractions))
        print(f"{name:<30} {seconds:>8.1f} " + " ".join(f"{figures[k]:>14.4f}" for k in keys), flush=True)
    return 0


def _freeze() -> None:
    """Keep the benchmark's own data (every GVA article and its canned extraction: millions of
    objects no ingest process holds) out of the garbage collector's full passes, which would
    otherwise land on a timed batch at random (tens of ms each)."""
    gc.collect()
    gc.freeze()


def _spread(values: Sequence[float]) -> str:
    return f"median {statistics.median(values):.3f} (min {min(values):.3f}, max {max(values):.3f})"


# -- invented reports --------------------------------------------------------------------------

TYPES = (
    ("Violence against civilians", "Attack"),
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
)
SYLLABLES = ("ka", "lo", "mi", "ra", "tu", "sen", "dor", "vik", "an", "bel", "cor", "fi", "gan", "hul")
FIRST_DAY = date(2015, 1, 1)


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


class Reports:
    """Invented incidents and the articles telling them, in date order (module docstring)."""

    def __init__(
        self, *, seed: int = 7, towns: int = 2_000, per_day: int = 300, unplaced: float = 0.0
    ) -> None:
        self.rng = random.Random(seed)
        self.unplaced = unplaced  # share of articles whose mention states no place
        self.towns = [
            Place(
                name=_word(self.rng, 3).title(),
                lat=self.rng.uniform(30.0, 38.0),
                lon=self.rng.uniform(35.0, 45.0),
                country="XQ",
                precision=1,
            )
            for _ in range(towns)
        ]
        self.filler = [_word(self.rng, 2) for _ in range(3_000)]
        self.per_day = per_day
        self.count = 0

    def take(self, count: int) -> tuple[list[Article], dict[str, Extraction]]:
        """The next ``count`` articles (or a few more: an incident's reports stay together) and
        their extractions."""
        articles: list[Article] = []
        extractions: dict[str, Extraction] = {}
        for incident in self.incidents(count):
            for article, extraction in incident:
                articles.append(article)
                extractions[article.id] = extraction
        return articles, extractions

    def incidents(self, count: int) -> list[list[tuple[Article, Extraction]]]:
        """The next incidents, at least ``count`` articles in all: each incident's reports."""
        found: list[list[tuple[Article, Extraction]]] = []
        taken = 0
        while taken < count:
            day = FIRST_DAY + timedelta(days=self.count // self.per_day)
            town = self.rng.choice(self.towns)
            event_type, sub_type = self.rng.choice(TYPES)
            victim = f"{_word(self.rng, 2).title()} {_word(self.rng, 3).title()}"
            killed = self.rng.randint(1, 6)
            reports = []
            for _ in range(self.rng.choice((1, 1, 2, 3))):
                reports.append(self._article(day, town, event_type, sub_type, victim, killed))
                self.count += 1
            taken += len(reports)
            found.append(reports)
        return found

    def _article(
        self, day: date, town: Place, event_type: str, sub_type: str, victim: str, killed: int
    ) -> tuple[Article, Extraction]:
        lead = (
            f"{victim} and {killed - 1} others were killed in {town.name} on {day:%B} {day.day}, {day.year}."
        )
        filler = " ".join(self.rng.choice(self.filler) for _ in range(60))
        text = f"{lead} Police said {victim} was at home. {filler}.\n"
        article_id = record_id("synthetic", self.count)
        published = day + timedelta(days=self.rng.randint(0, 2))
        article = Article(
            id=article_id, text=text, title=f"{killed} killed in {town.name}", published=published
        )
        sentence = Span(start=0, end=len(lead), text=lead)
        mention = Mention(
            id=record_id(article_id, "mention"),
            article_id=article_id,
            sentence=sentence,
            trigger="killed",
            event_type=event_type,
            sub_event_type=sub_type,
            date_start=day,
            date_end=day,
            date_precision=1,
            place=None if self.unplaced and self.rng.random() < self.unplaced else town,
        )
        claim = Claim(
            id=record_id(article_id, "claim"),
            article_id=article_id,
            claimant="police",
            victims="civilians",
            outcome="killed",
            evidence=sentence,
            mention_id=mention.id,
            claim_date=day,
            figure=killed,
            low=killed,
            high=killed,
        )
        return article, Extraction(article_id=article_id, mentions=(mention,), claims=(claim,))


def run_synthetic(*, sizes: Sequence[int], probe: int, fill_batch: int) -> int:
    reports = Reports()
    extractions: dict[str, Extraction] = {}
    pipeline = CannedPipeline(Settings(), extractions)
    print(f"{'stored':>9} {'probe ms/art':>13} {'fill ms/art':>12} {'events':>9} {'db MB':>7}")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "synthetic.db"
        stored, fill_seconds, fill_count = 0, 0.0, 0
        for size in sorted(sizes):
            while stored < size:
                articles, canned = reports.take(min(fill_batch, size - stored))
                extractions.update(canned)
                fill_seconds += timed_ingest(db, articles, pipeline)
                fill_count += len(articles)
                stored += len(articles)
            articles, canned = reports.take(probe)
            extractions.update(canned)
            seconds = timed_ingest(db, articles, pipeline)
            stored += len(articles)
            with Store.open(db) as store:
                events = store.counts()["events"]
            fill = 1000 * fill_seconds / fill_count if fill_count else float("nan")
            print(
                f"{stored:>9} {1000 * seconds / len(articles):>13.2f} {fill:>12.2f} {events:>9} "
                f"{db.stat().st_size / 1e6:>7.0f}",
                flush=True,
            )
            fill_seconds, fill_count = 0.0, 0
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="bench", required=True)
    gva = sub.add_parser("gva", help="60 GVA articles into an empty ledger and into one of 4,000")
    gva.add_argument("--base", type=int, default=4_000)
    gva.add_argument("--added", type=int, default=60)
    gva.add_argument("--repeat", type=int, default=3)
    gva.add_argument("--extractions", type=Path, help="a bench/link.py cache file to use as it is")
    synthetic = sub.add_parser("synthetic", help="cost per article of invented reports as the ledger grows")
    synthetic.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    synthetic.add_argument("--probe", type=int, default=1_000)
    synthetic.add_argument("--fill-batch", type=int, default=5_000)
    accuracy = sub.add_parser("accuracy", help="GVA dev figures: one batch against several, both paths")
    accuracy.add_argument("--batches", type=int, default=4)
    accuracy.add_argument("--extractions", type=Path, help="a bench/link.py cache file to use as it is")
    args = parser.parse_args(argv)
    if args.bench == "accuracy":
        return run_accuracy(batches=args.batches, cache=args.extractions)
    if args.bench == "gva":
        return run_gva(base=args.base, added=args.added, repeat=args.repeat, cache=args.extractions)
    return run_synthetic(sizes=args.sizes, probe=args.probe, fill_batch=args.fill_batch)


if __name__ == "__main__":
    sys.exit(main())
