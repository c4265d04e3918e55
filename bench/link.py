"""Benchmark: duplicate detection + event linking on 1k, 2k and 4k GVA dev documents.

Only the link stage is timed. Extraction (spaCy) runs once over the largest sample and its
Extractions are cached as ``to_dict`` JSON in the temp directory, keyed by the articles and the
extract stage's code and resources, so re-runs skip it. For each size N the script times
``find_copies`` and ``link_events`` over the first N articles (best of ``--repeat``; link_events
runs find_copies itself, so "dedup+link" is the whole link stage and "dedup" find_copies alone)
and prints the time per article and its growth against N=1k. Linking is near-linear when the
growth stays below the log-linear bound ``log(N) / log(1k)`` (``bound``; ``ok`` allows 25%
noise); the exit status is 1 otherwise.
Usage:

    .venv/bin/python bench/link.py [--sizes 1000 2000 4000] [--repeat 3] [--processes 2] [--refresh]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=2, help="spaCy processes for the one-off extraction")
    parser.add_argument("--refresh", action="store_true", help="re-extract even when a cache exists")
    args = parser.parse_args(argv)
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
