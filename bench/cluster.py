"""Benchmark: extraction on a Dask cluster with 1 and with 2 workers (fogofwar.parallel).

Reads the first N (default 200) documents of ../shared/eval/dev/gva/documents.jsonl and times
fogofwar's cluster extraction over them with one worker, then with two (each worker: one
process, one thread), after every worker has loaded spaCy, the registry and the gazetteer
(those loads are not timed). Prints articles/s for each and the scaling efficiency
rate2 / (2 * rate1); with ``--local`` also the in-process rate, for the cost of the cluster.

    .venv/bin/python bench/cluster.py --local-cluster [--limit 200] [--local]
    .venv/bin/python bench/cluster.py --scheduler tcp://10.0.0.5:8786   # an existing cluster
                                                                        # with >= 2 workers

``--local-cluster`` (the default) starts a LocalCluster of 1, then 2 worker processes on this
machine; ``--scheduler`` uses the first one, then the first two workers of a running cluster.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# bokeh is not installed, so a LocalCluster has no dashboard, only the scheduler's small HTTP
# server; dashboard_address=None would still bind it to port 8787 (failing when that is taken).
NO_DASHBOARD = ":0"
REPO = Path(__file__).resolve().parents[1]
GVA = REPO.parent / "shared" / "eval" / "dev" / "gva" / "documents.jsonl"


def load_articles(limit: int) -> list[Any]:
    """The first ``limit`` distinct non-empty GVA documents as Articles."""
    from fogofwar.ingest.text import article_from_text

    articles, seen = [], set()
    with GVA.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if not row.get("text", "").strip() or row["doc_id"] in seen:
                continue
            seen.add(row["doc_id"])
            articles.append(article_from_text(row["text"], origin=row["doc_id"], title=row.get("title")))
            if len(articles) == limit:
                break
    return articles


def time_cluster(cluster: Any, articles: Sequence[Any], workers: Sequence[str]) -> float:
    """Articles/s of ``cluster`` extracting ``articles`` on ``workers`` (resources loaded first)."""
    cluster.load_workers(workers=workers)
    start = time.perf_counter()
    extractions = list(cluster.extract(articles, workers=workers))
    elapsed = time.perf_counter() - start
    failed = sum(e.failure is not None for e in extractions)
    if failed:
        print(f"  warning: {failed} articles failed")
    return len(articles) / elapsed


def time_local(settings: Any, articles: Sequence[Any]) -> float:
    """Articles/s of an in-process Extractor (resources loaded first)."""
    from fogofwar.extract import Extractor

    extractor = Extractor(settings)
    _ = extractor.nlp, extractor.registry, extractor.gazetteer
    start = time.perf_counter()
    list(extractor.extract(articles))
    return len(articles) / (time.perf_counter() - start)


def rates_on_scheduler(settings: Any, articles: Sequence[Any]) -> dict[int, float]:
    """Rates with the first one and the first two workers of the cluster at ``settings.scheduler``."""
    from fogofwar.parallel import Cluster

    with Cluster.connect(settings) as cluster:
        addresses = sorted(cluster.client.nthreads())
        if len(addresses) < 2:
            raise SystemExit(f"the cluster at {settings.scheduler} has {len(addresses)} worker; start two")
        return {n: time_cluster(cluster, articles, addresses[:n]) for n in (1, 2)}


def rates_on_local_clusters(settings: Any, articles: Sequence[Any]) -> dict[int, float]:
    """Rates on a fresh LocalCluster of one, then of two worker processes (one thread each)."""
    from dataclasses import replace

    from distributed import LocalCluster

    from fogofwar.parallel import Cluster

    rates = {}
    for n in (1, 2):
        with (
            LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=NO_DASHBOARD
            ) as local,
            Cluster.connect(replace(settings, scheduler=local.scheduler_address)) as cluster,
        ):
            rates[n] = time_cluster(cluster, articles, sorted(cluster.client.nthreads()))
    return rates


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="an existing Dask cluster with >= 2 workers")
    where.add_argument("--local-cluster", action="store_true", help="LocalClusters on this machine (default)")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=16, help="articles per task")
    parser.add_argument("--local", action="store_true", help="also time an in-process run")
    args = parser.parse_args()
    if not GVA.exists():
        print(f"skipped: {GVA} not found (the benchmark reads ../shared/eval/dev/gva)")
        return 0
    from fogofwar.settings import Settings

    settings = Settings(batch_size=args.batch_size, scheduler=args.scheduler)
    articles = load_articles(args.limit)
    print(f"{len(articles)} GVA documents, {args.batch_size} articles per task")
    if args.local:
        print(f"in process : {time_local(Settings(batch_size=args.batch_size), articles):6.1f} articles/s")
    if args.scheduler:
        rates = rates_on_scheduler(settings, articles)
    else:
        rates = rates_on_local_clusters(settings, articles)
    for n, rate in rates.items():
        print(f"{n} worker{'s' if n > 1 else ' '}  : {rate:6.1f} articles/s")
    print(f"scaling efficiency rate2 / (2 * rate1): {rates[2] / (2 * rates[1]):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
