"""Benchmark: the default ``fogofwar ingest FILE`` path end to end against a bare spaCy parse.

Writes the first N (default 600) distinct non-empty documents of
../shared/eval/dev/gva/documents.jsonl to a temporary JSONL file and, in one run,
  * ingest: reads it with ``fogofwar.ingest.read_inputs`` and loads it with
            ``fogofwar.batch.ingest_items`` into a fresh temporary database, with the CLI's
            default settings (``Settings.from_env()``, ``-j`` = this machine's cores): reading,
            dedup, extraction (the worker pool: the batch is over ``pool_min_articles``),
            linking, reconciling and the SQLite writes;
  * bare:   ``nlp.pipe(n_process=2)`` over the same full texts (every sentence parsed,
            nothing extracted).
Each runs in its own subprocess, so its peak RSS is its own: the larger of the summed RSS of
the process and its live children sampled every 0.1 s (psutil) and ``getrusage`` RUSAGE_SELF +
RUSAGE_CHILDREN maxrss. Prints articles/s end to end, peak RSS and
the ratio ingest time / bare parse time (target <= 0.70), per repeat. The machine is shared,
so compare the ratio, not the absolute times. With ``--scheduler ADDRESS`` (or
``--local-cluster``) it prints instead the extraction rate on 1 and on 2 workers of a Dask cluster
and the scaling efficiency (bench/cluster.py on the first 200 documents). Usage:

    .venv/bin/python bench/ingest.py [--limit 600] [--repeat 3]
    .venv/bin/python bench/ingest.py --scheduler tcp://10.0.0.5:8786
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GVA = REPO.parent / "shared" / "eval" / "dev" / "gva" / "documents.jsonl"


def cores() -> int:
    """The CPU cores this process may run on: the CLI's default ``-j``."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def write_jsonl(limit: int, path: Path) -> int:
    """The first ``limit`` distinct non-empty GVA documents as ingest JSONL; returns how many."""
    seen: set[str] = set()
    with GVA.open(encoding="utf-8") as f, path.open("w", encoding="utf-8") as out:
        for line in f:
            row = json.loads(line)
            if not row.get("text", "").strip() or row["doc_id"] in seen:
                continue
            seen.add(row["doc_id"])
            record = {"text": row["text"], "title": row.get("title"), "url": row.get("url")}
            if row.get("dct"):
                record["published"] = row["dct"]
            out.write(json.dumps(record) + "\n")
            if len(seen) == limit:
                break
    return len(seen)


def peak_rss_mb() -> float:
    """getrusage maxrss of this process plus that of its largest finished child, in MiB (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


class TreeRss(threading.Thread):
    """Samples the summed RSS of this process and all its live children every 0.1 s (psutil);
    ``peak_mb`` is the largest sum seen, 0 without psutil."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not self.done.wait(0.1):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:  # a worker that just ended
                    continue
            self.peak_mb = max(self.peak_mb, total / 2**20)


def run_ingest(path: Path) -> dict[str, float]:
    """The CLI's ingest of ``path`` into a fresh database; timed from reading to commit."""
    from fogofwar.batch import ingest_items
    from fogofwar.ingest import read_inputs
    from fogofwar.pipeline import Pipeline
    from fogofwar.settings import Settings
    from fogofwar.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env().with_(db_path=Path(tmp) / "bench.db", n_process=cores())
        start = time.perf_counter()
        with Store.open(settings.db_path) as store:
            items = read_inputs([str(path)], settings=settings)
            report = ingest_items(store, items, pipeline=Pipeline(settings))
            events = store.counts()["events"]
        elapsed = time.perf_counter() - start
    return {
        "articles": len(report.added),
        "rejected": len(report.rejections),
        "claims": sum(len(e.claims) for e in report.extractions),
        "events": events,
        "processes": settings.n_process,
        "seconds": elapsed,
    }


def run_bare(path: Path) -> dict[str, float]:
    """A full ``nlp.pipe(n_process=2)`` parse of the same texts (model loaded before timing)."""
    from fogofwar.nlp import load_nlp
    from fogofwar.settings import Settings

    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    nlp = load_nlp(Settings().spacy_model)
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64, n_process=2))
    return {"articles": len(texts), "tokens": tokens, "seconds": time.perf_counter() - start}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--one", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="instead: the scaling efficiency of 1 against 2 workers of this Dask cluster (bench/cluster.py)",
    )
    where.add_argument(
        "--local-cluster", action="store_true", help="instead: the same on LocalClusters of this machine"
    )
    args = parser.parse_args()
    if args.scheduler or args.local_cluster:
        # Cluster mode times extraction on 1 and then 2 workers (bench/cluster.py, which this
        # runs): ingest's linking and writes stay on the client either way.
        where_flag = ["--scheduler", args.scheduler] if args.scheduler else ["--local-cluster"]
        limit = ["--limit", str(min(args.limit, 200))]
        command = [sys.executable, str(REPO / "bench" / "cluster.py"), *where_flag, *limit]
        return subprocess.run(command, check=False).returncode
    if args.one:
        mode, file = args.one
        sampler = TreeRss()
        sampler.start()
        result = run_ingest(Path(file)) if mode == "ingest" else run_bare(Path(file))
        sampler.done.set()
        print(json.dumps({**result, "peak_rss_mb": max(peak_rss_mb(), sampler.peak_mb)}))
        return 0
    if not GVA.exists():
        print(f"skipped: {GVA} not found (the benchmark reads ../shared/eval/dev/gva)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gva.jsonl"
        n = write_jsonl(args.limit, path)
        print(f"{n} GVA dev documents, {cores()} cores, load average {os.getloadavg()[0]:.2f}", flush=True)
        for _ in range(args.repeat):
            results = {}
            for mode in ("ingest", "bare"):
                out = subprocess.run(
                    [sys.executable, __file__, "--one", mode, str(path)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
            ingest, bare = results["ingest"], results["bare"]
            rate = ingest["articles"] / ingest["seconds"]
            ratio = ingest["seconds"] / bare["seconds"]
            print(
                f"ingest -j {ingest['processes']}: {ingest['articles']} articles, {ingest['seconds']:.1f} s, "
                f"{rate:.1f} articles/s, peak RSS {ingest['peak_rss_mb']:.0f} MiB "
                f"({ingest['claims']} claims, {ingest['events']} events) | bare nlp.pipe(n_process=2): "
                f"{bare['seconds']:.1f} s, peak RSS {bare['peak_rss_mb']:.0f} MiB | "
                f"ratio ingest/bare {ratio:.2f} (target <= 0.70) | load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
