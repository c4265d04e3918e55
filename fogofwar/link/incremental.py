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

- ``article_terms``: each extracted article's term counts (text.TermCounts), so that a batch
  fits its text vectors on the stored articles it can touch without reading their texts.

A stored event under a group's keys can still never be joined by it when their texts are too
far apart: ``best_event`` drops a candidate whose text similarity could not reach the threshold
even with every other feature at 1. ``reachable`` applies the same test to the stored
candidates before they are read, so a batch parses (and hands the linker) only the events some
group of it could join; the others are left as they are.

Keys are stored as integers (``key_code``): a block key's date part (its week, or ``ANY``,
``WIDE``, ``NONE``) in the high bits and a 40-bit hash of its place and type below, so that the
keys a batch writes (news moves forward: this week's) sit together at the end of the index
instead of dirtying pages all over it; a band key is a 64-bit hash of the band's number and
values. Two keys sharing a code only add candidates, which the linker's own tests drop.
Each kind carries a scheme string naming what its keys depend on
(settings, parameters, a version): a store whose keys were written under another scheme
rebuilds them once (fogofwar.batch).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from datasketch import MinHashLSH
from scipy import sparse

from fogofwar.link.blocking import ANY, NAME_PRECISION, NONE, WIDE, BlockKey
from fogofwar.link.cluster import batch_group_keys, batch_query_keys, stored_event_keys
from fogofwar.link.dedup import DEFAULT_PARAMS as DEDUP_PARAMS
from fogofwar.link.dedup import DedupParams, text_shingles, text_signature
from fogofwar.link.params import DEFAULT_PARAMS, LinkParams
from fogofwar.link.text import TERMS_VERSION, ArticleVectors, TermCounts, term_counts
from fogofwar.model import Article, Event, Extraction
from fogofwar.settings import Settings

# Slack on the text floor of ``LinkIndex.reachable`` (float32 sums in another order than the linker's).
_MARGIN = 1e-3

# Bump when the way keys are made changes (blocking.py, cluster._keys_of, dedup shingles).
KEYS_VERSION = "v3"  # v3: a county reaches the cells around it (blocking._reach_cells)
BANDS_VERSION = "v2"
# ``key_code``: the date part's slot (weeks from 3 up) above this many bits of hashed place and type.
_HASH_BITS = 40
_DATE_SLOTS = {ANY: 0, WIDE: 1, NONE: 2}


def key_text(key: BlockKey) -> str:
    """A block key as text: its parts joined by a unit separator."""
    return "\x1f".join(str(part) for part in key)


def key_code(key: BlockKey) -> int:
    """A block key as stored (module docstring): its date slot, then its place and type hashed."""
    place, when, group = key
    slot = _DATE_SLOTS[when] if isinstance(when, str) else int(when) + len(_DATE_SLOTS)  # type: ignore[call-overload]
    return (slot << _HASH_BITS) | _place_hash(place, group)


@functools.lru_cache(maxsize=65_536)
def _place_hash(place: str, group: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{place}\x1f{group}".encode(), digest_size=5).digest(), "big")


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
        self.terms_scheme = f"{TERMS_VERSION}"
        lsh = MinHashLSH(threshold=dedup.candidate_threshold, num_perm=dedup.num_perm)
        self._bands, self._rows = lsh.b, lsh.r

    def query_keys(self, articles: Sequence[Article], extractions: Sequence[Extraction]) -> list[int]:
        """The keys a batch of new articles looks up (cluster.batch_query_keys), sorted."""
        found = batch_query_keys(articles, extractions, settings=self.settings, params=self.params)
        return sorted({key_code(k) for k in found})

    def group_keys(
        self, articles: Sequence[Article], extractions: Sequence[Extraction]
    ) -> list[tuple[str, list[int]]]:
        """For each mention group of a batch the linker compares with events: its article id and
        the keys it looks up (cluster.batch_group_keys)."""
        found = batch_group_keys(articles, extractions, settings=self.settings, params=self.params)
        return [(article_id, sorted({key_code(k) for k in keys})) for article_id, keys in found]

    def term_counts(self, articles: Iterable[Article]) -> dict[str, TermCounts]:
        """Article id -> its term counts (text.term_counts)."""
        return {a.id: term_counts(a) for a in articles}

    def reachable(
        self,
        queries: Sequence[tuple[str, Sequence[int]]],
        keyed: Mapping[int, Iterable[str]],
        held: Mapping[str, Sequence[str]],
        vectors: ArticleVectors,
    ) -> set[str]:
        """The stored events that some group of a batch could join (module docstring).

        queries: each group's article id and keys (``group_keys``); keyed: key -> the stored
        events under it; held: event id -> its article ids; vectors: fitted on the batch and the
        candidates' articles (the linker's own vectors). An event passes when the text cosine of
        a group's article with the sum of its articles' rows could reach the threshold with every
        other feature at 1 (best_event's first test, with a margin for rounding).
        """
        candidates: list[set[str]] = []
        for _article_id, keys in queries:
            found: set[str] = set()
            for key in keys:
                found.update(keyed.get(key, ()))
            candidates.append(found)
        events = sorted(set().union(*candidates)) if candidates else []
        if not events:
            return set()
        column = {e: i for i, e in enumerate(events)}
        # event x article-row incidence (an article counts once per event, as in EventState)
        pairs = [
            (column[e], row)
            for e in events
            for i in dict.fromkeys(held.get(e, ()))
            if (row := vectors.row(i)) is not None
        ]
        matrix = vectors.matrix
        incidence = sparse.csr_matrix(
            (np.ones(len(pairs), dtype=np.float32), ([p[0] for p in pairs], [p[1] for p in pairs])),
            shape=(len(events), matrix.shape[0]),
        )
        sums = (incidence @ matrix).tocsr()
        norms = np.sqrt(np.asarray(sums.multiply(sums).sum(axis=1), dtype=np.float64).ravel())
        group_rows = sorted({r for a, _ in queries if (r := vectors.row(a)) is not None})
        at = {r: i for i, r in enumerate(group_rows)}
        dots = (matrix[group_rows] @ sums.T).toarray() if group_rows else np.zeros((0, len(events)))
        with np.errstate(divide="ignore", invalid="ignore"):
            cosines = np.where(norms > 0, dots / np.where(norms > 0, norms, 1.0), 0.0)
        params = self.params
        most = params.w_date + params.w_place + params.w_type + params.w_actors
        floor = (params.threshold - most - _MARGIN) / params.w_text
        kept: set[str] = set()
        for (article_id, _keys), found in zip(queries, candidates, strict=True):
            row = vectors.row(article_id)
            if row is None or not found:
                continue
            line = cosines[at[row]]
            kept.update(e for e in found if line[column[e]] >= floor)
        return kept

    def event_keys(self, events: Iterable[Event]) -> dict[str, list[int]]:
        """Event id -> the keys to store it under (cluster.stored_event_keys)."""
        found = stored_event_keys(list(events), settings=self.settings, params=self.params)
        return {i: sorted({key_code(k) for k in keys}) for i, keys in found.items()}

    def band_keys(self, articles: Sequence[Article]) -> dict[str, list[int]]:
        """Article id -> the keys of its MinHash's LSH bands (none for a text with no words)."""
        size, num_perm = self.dedup.shingle_size, self.dedup.num_perm
        sets = [text_shingles(a.text, size) for a in articles]
        signatures = [text_signature(a.text, size, num_perm) for a in articles]
        found: dict[str, list[int]] = {}
        for article, shingle_set, signature in zip(articles, sets, signatures, strict=True):
            if not len(shingle_set):
                continue
            values, rows = signature.hashvalues, self._rows
            found[article.id] = [
                _digest(band.to_bytes(2, "big") + values[band * rows : (band + 1) * rows].tobytes())
                for band in range(self._bands)
            ]
        return found


def _digest(data: bytes) -> int:
    """A signed 64-bit hash (an SQLite INTEGER)."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


__all__ = ["BANDS_VERSION", "KEYS_VERSION", "LinkIndex", "key_code", "key_text"]
