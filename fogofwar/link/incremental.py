"""What a batch can touch: the keys that let an ingest read only the stored events and articles
it may link with, so its cost does not grow with the database.

Linking compares a mention group only with the events of its blocks (blocking.py), and dedup
compares an article only with those whose MinHash shares an LSH band with it (dedup.py). Both
are lookups by key, so the store keeps the keys beside the records (the ``event_keys`` and
``article_bands`` tables) and a batch asks it for the records under its own keys:

- ``event_keys``: the block keys ``link_events`` indexes a given event under
  (cluster.stored_event_keys), written with each event. A batch looks up the keys its groups
  ask for (cluster.batch_query_keys); no other stored event could become a candidate.
- ``band_keys``: one key per LSH band of an article's MinHash (``band``:hash of the band's
  values), written with each extracted article. Articles sharing a band are exactly the pairs
  the dedup LSH would verify.

Keys are text (``key_text``). Each kind carries a scheme string naming what its keys depend on
(settings, parameters, a version): a store whose keys were written under another scheme
rebuilds them once (fogofwar.batch).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from datasketch import MinHashLSH

from fogofwar.link.blocking import NAME_PRECISION, BlockKey
from fogofwar.link.cluster import batch_query_keys, stored_event_keys
from fogofwar.link.dedup import DEFAULT_PARAMS as DEDUP_PARAMS
from fogofwar.link.dedup import DedupParams, WordHashes, minhashes, shingles
from fogofwar.link.params import DEFAULT_PARAMS, LinkParams
from fogofwar.model import Article, Event, Extraction
from fogofwar.settings import Settings

# Bump when the way keys are made changes (blocking.py, cluster._keys_of, dedup shingles).
KEYS_VERSION = "v1"
BANDS_VERSION = "v1"


def key_text(key: BlockKey) -> str:
    """A block key as stored: its parts joined by a unit separator."""
    return "\x1f".join(str(part) for part in key)


class LinkIndex:
    """The keys of events and articles for one run's settings (module docstring)."""

    def __init__(
        self, settings: Settings, *, params: LinkParams = DEFAULT_PARAMS, dedup: DedupParams = DEDUP_PARAMS
    ) -> None:
        self.settings = settings
        self.params = params
        self.dedup = dedup
        self.keys_scheme = (
            f"{KEYS_VERSION} km={settings.link_max_km} background={settings.background_days} "
            f"weeks={params.max_block_weeks} names={NAME_PRECISION}"
        )
        self.bands_scheme = (
            f"{BANDS_VERSION} perm={dedup.num_perm} threshold={dedup.candidate_threshold} "
            f"shingle={dedup.shingle_size}"
        )
        lsh = MinHashLSH(threshold=dedup.candidate_threshold, num_perm=dedup.num_perm)
        self._bands, self._rows = lsh.b, lsh.r

    def query_keys(self, articles: Sequence[Article], extractions: Sequence[Extraction]) -> list[str]:
        """The keys a batch of new articles looks up (cluster.batch_query_keys), sorted."""
        found = batch_query_keys(articles, extractions, settings=self.settings, params=self.params)
        return sorted(key_text(k) for k in found)

    def event_keys(self, events: Iterable[Event]) -> dict[str, list[str]]:
        """Event id -> the keys to store it under (cluster.stored_event_keys)."""
        found = stored_event_keys(list(events), settings=self.settings, params=self.params)
        return {i: sorted({key_text(k) for k in keys}) for i, keys in found.items()}

    def band_keys(self, articles: Sequence[Article]) -> dict[str, list[str]]:
        """Article id -> the keys of its MinHash's LSH bands (none for a text with no words)."""
        cache = WordHashes()
        sets = [shingles(a.text, size=self.dedup.shingle_size, cache=cache) for a in articles]
        found: dict[str, list[str]] = {}
        for article, shingle_set, signature in zip(
            articles, sets, minhashes(sets, num_perm=self.dedup.num_perm), strict=True
        ):
            if not len(shingle_set):
                continue
            values = signature.hashvalues
            found[article.id] = [
                f"{band}:{_digest(values[band * self._rows : (band + 1) * self._rows].tobytes())}"
                for band in range(self._bands)
            ]
        return found


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


__all__ = ["BANDS_VERSION", "KEYS_VERSION", "LinkIndex", "key_text"]
