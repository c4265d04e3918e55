"""Benchmark: fogofwar extraction against a bare spaCy parse of the same texts.

Reads the first N (default 2,000) documents of ../shared/eval/dev/gva/documents.jsonl and,
for 1 and 2 processes, times
  * bare:    ``nlp.pipe`` over the full texts (every sentence parsed, nothing extracted);
  * extract: fogofwar's Extractor (sentence filter, parse of candidate sentences, claims,
             mentions, places, dates).
Each configuration runs in its own subprocess so that peak RSS (self + children) is its own.
Prints articles/s, peak RSS and the extract/bare time ratio. Usage:

    .venv/bin/python bench/extract.py [--limit 2000] [--processes 1 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GVA = REPO.parent / "shared" / "eval" / "dev" / "gva" / "documents.jsonl"


def load_texts(limit: int) -> list[dict[str, str]]:
    """The first ``limit`` distinct non-empty GVA documents (title, text, dct)."""
    rows, seen = [], set()
    with GVA.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if not row.get("text", "").strip() or row["doc_id"] in seen:
                continue
            seen.add(row["doc_id"])
            rows.append(row)
            if len(rows) == limit:
                break
    return rows


def peak_rss_mb() -> float:
    """Peak resident set size of this process plus its finished children, in MiB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def run_one(mode: str, processes: int, limit: int) -> dict[str, float]:
    """Time one configuration in this process; returns the measured figures."""
    from fogofwar.ingest.text import article_from_text
    from fogofwar.nlp import load_nlp
    from fogofwar.settings import Settings

    settings = Settings(n_process=processes)
    rows = load_texts(limit)
    articles = [article_from_text(r["text"], origin=r["doc_id"], title=r.get("title")) for r in rows]
    nlp = load_nlp(settings.spacy_model)
    if mode == "bare":
        start = time.perf_counter()
        docs = nlp.pipe((a.text for a in articles), batch_size=64, n_process=processes)
        n_tokens = sum(len(doc) for doc in docs)
        elapsed = time.perf_counter() - start
        extra = {"tokens": n_tokens}
    else:
        from fogofwar.extract import Extractor

        extractor = Extractor(settings)
        _ = extractor.registry, extractor.gazetteer  # load resources outside the timed part
        start = time.perf_counter()
        extractions = list(extractor.extract(articles))
        elapsed = time.perf_counter() - start
        extra = {
            "claims": sum(len(e.claims) for e in extractions),
            "mentions": sum(len(e.mentions) for e in extractions),
        }
    return {
        "mode": mode,
        "processes": processes,
        "articles": len(articles),
        "seconds": round(elapsed, 2),
        "articles_per_s": round(len(articles) / elapsed, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        **extra,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--modes", nargs="+", default=["bare", "extract"])
    parser.add_argument("--one", nargs=2, metavar=("MODE", "PROCESSES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not GVA.exists():
        print(f"skipped: {GVA} not found (the benchmark reads ../shared/eval/dev/gva)")
        return 0
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]), args.limit)))
        return 0
    results = []
    for processes in args.processes:
        for mode in args.modes:
            out = subprocess.run(
                [sys.executable, __file__, "--limit", str(args.limit), "--one", mode, str(processes)],
                check=True,
                capture_output=True,
                text=True,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(result)
            print(
                f"{mode:8} processes={processes} articles={result['articles']} "
                f"time={result['seconds']:.1f}s rate={result['articles_per_s']:.1f} articles/s "
                f"peak_rss={result['peak_rss_mb']:.0f} MiB",
                flush=True,
            )
    by = {(r["mode"], r["processes"]): r for r in results}
    for processes in args.processes:
        if ("bare", processes) in by and ("extract", processes) in by:
            ratio = by["extract", processes]["seconds"] / by["bare", processes]["seconds"]
            print(f"ratio extract/bare time, processes={processes}: {ratio:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
