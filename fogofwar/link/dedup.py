"""Duplicate reports: exact copies (same Article.id) and near-copies (syndicated wire, light rewrites).

An article is represented by the set of its word 5-shingles (normalised, case-folded words).
Candidates come from MinHash LSH (datasketch), so the cost grows linearly with the number
of articles; each candidate pair is then verified on the exact shingle sets.

Choices (see ``DedupParams``):

- ``num_perm=128``: the standard error of a MinHash Jaccard estimate is about
  ``1/sqrt(num_perm)`` (0.09 at 128, 0.125 at 64); 128 keeps the LSH banding sharp around
  the threshold. Shingles are hashed once to 32 bits with numpy (crc32 of each word, then a
  polynomial over the window), not with sha1 per shingle string: about 4k articles/s here.
- LSH ``candidate_threshold=0.7`` (below the 0.8 decision threshold), so that pairs near 0.8
  are rarely missed by the banding; the decision itself is exact.
- A pair is a copy when the exact Jaccard of the shingle sets is >= 0.8 (syndicated copy
  with a new intro or a changed last paragraph), or when >= 0.9 of the shorter article's
  shingles are in the longer one (an outlet trimmed the wire story). Very short texts
  (< ``min_shingles`` shingles) only match exactly: a two-line brief shares too much
  boilerplate with other briefs to call it a copy.

The original of a group of copies is the earliest published article; undated articles and
ties go by storage order (``known`` first, then ``articles`` in the order given).
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from datasketch import MinHash, MinHashLSH

from fogofwar.model import Article

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
_MULTIPLIER = np.uint64(0x100000001B3)  # FNV-1a 64-bit prime: spreads word hashes in a window


@dataclass(frozen=True)
class DedupParams:
    """Thresholds of near-duplicate detection (documented in the module docstring)."""

    shingle_size: int = 5
    num_perm: int = 128
    candidate_threshold: float = 0.7
    jaccard: float = 0.8
    containment: float = 0.9
    min_shingles: int = 20


DEFAULT_PARAMS = DedupParams()


class WordHashes(dict[str, int]):
    """word -> crc32, filled on first lookup (crc32 is stable across processes, unlike hash())."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


def shingles(text: str, *, size: int = 5, cache: WordHashes | None = None) -> np.ndarray:
    """The word ``size``-shingles of ``text`` as a sorted array of distinct 32-bit hashes.

    Words are NFKC-normalised and case-folded. A text of ``size`` words or fewer is one
    shingle. ``cache`` may be shared across calls to save rehashing words.
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return np.empty(0, dtype=np.uint32)
    cache = WordHashes() if cache is None else cache
    # map() over the dict's own lookup stays in C; only unseen words call __missing__.
    hashes = np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))
    width = min(size, len(words))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(width):  # polynomial hash of each window; uint64 arithmetic wraps
        combined = combined * _MULTIPLIER + hashes[offset : offset + count]
    folded = (combined ^ (combined >> np.uint64(32))).astype(np.uint32)
    return np.unique(folded)


def minhashes(sets: Sequence[np.ndarray], *, num_perm: int = 128) -> list[MinHash]:
    """One datasketch MinHash per shingle-hash array, all with the same permutations."""
    # The shingles are already 32-bit hashes, so the hash function is the identity; the
    # affine32 scheme mixes each value with a murmur finaliser before permuting it.
    template = MinHash(num_perm=num_perm, seed=1, hashfunc=int)
    signatures = []
    for shingle_set in sets:
        signature = MinHash(
            num_perm=num_perm, hashfunc=int, permutations=template.permutations, scheme=template.scheme
        )
        signature.update_batch(shingle_set.tolist())
        signatures.append(signature)
    return signatures


_WORDS = WordHashes()  # shared by text_shingles; cleared past _MAX_WORDS
_MAX_WORDS = 500_000


@functools.lru_cache(maxsize=4096)
def text_shingles(text: str, size: int) -> np.ndarray:
    """``shingles(text, size=size)``, read-only and remembered for the last few thousand texts:
    a batch shingles its articles for its LSH band keys (fogofwar.batch) and again to find
    copies."""
    if len(_WORDS) > _MAX_WORDS:
        _WORDS.clear()
    found = shingles(text, size=size, cache=_WORDS)
    found.flags.writeable = False
    return found


@functools.lru_cache(maxsize=4096)
def text_signature(text: str, size: int, num_perm: int) -> MinHash:
    """The MinHash of ``text_shingles(text, size)`` (as ``minhashes`` makes it), remembered
    alike; treat it as read-only."""
    return minhashes([text_shingles(text, size)], num_perm=num_perm)[0]


def is_copy(a: np.ndarray, b: np.ndarray, *, params: DedupParams = DEFAULT_PARAMS) -> bool:
    """Whether two shingle sets (sorted distinct hashes) are near-duplicates: Jaccard or containment."""
    if len(a) == 0 or len(b) == 0:
        return False
    if len(a) == len(b) and np.array_equal(a, b):
        return True
    if min(len(a), len(b)) < params.min_shingles:
        return False
    common = len(np.intersect1d(a, b, assume_unique=True))
    if common / (len(a) + len(b) - common) >= params.jaccard:
        return True
    return common / min(len(a), len(b)) >= params.containment


def _storage_order(articles: Sequence[Article], known: Sequence[Article]) -> list[Article]:
    """Distinct articles (by id) in storage order: known first, then the new ones as given."""
    seen: set[str] = set()
    ordered = []
    for article in [*known, *articles]:
        if article.id in seen:
            continue  # an exact duplicate: same normalised text, so the same article
        seen.add(article.id)
        ordered.append(article)
    return ordered


def candidate_pairs(
    sets: Sequence[np.ndarray],
    *,
    params: DedupParams = DEFAULT_PARAMS,
    signatures: Sequence[MinHash] | None = None,
) -> Iterable[tuple[int, int]]:
    """Index pairs ``(i, j)`` with ``i < j`` whose MinHashes collide in an LSH band; each pair once.
    ``signatures``: the sets' MinHashes when already made (else made here)."""
    lsh = MinHashLSH(threshold=params.candidate_threshold, num_perm=params.num_perm)
    if signatures is None:
        signatures = minhashes(sets, num_perm=params.num_perm)
    pairs: set[tuple[int, int]] = set()
    for j, signature in enumerate(signatures):
        if len(sets[j]) == 0:
            continue
        for i in lsh.query(signature):
            pairs.add((i, j))
        lsh.insert(j, signature, check_duplication=False)
    return sorted(pairs)


def find_copies(
    articles: Sequence[Article],
    *,
    known: Sequence[Article] = (),
    params: DedupParams = DEFAULT_PARAMS,
) -> dict[str, str]:
    """Map each copy's article id to the id of the article it copies.

    Args:
        articles: the new articles.
        known: articles already stored (earlier runs); they come first in storage order.
        params: thresholds (module docstring).

    RETURNS: ``{copy id: original id}`` over known and new articles together. Exact duplicates
        (same id) are one article and do not appear. ``Article.duplicate_of`` set upstream is
        kept. The original is the earliest published member of the group, ties and undated
        articles by storage order; every copy maps to that original directly (no chains).
    """
    ordered = _storage_order(articles, known)
    sets = [text_shingles(article.text, params.shingle_size) for article in ordered]
    signatures = [text_signature(a.text, params.shingle_size, params.num_perm) for a in ordered]
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    for i, j in candidate_pairs(sets, params=params, signatures=signatures):
        if is_copy(sets[i], sets[j], params=params):
            join(i, j)
    index = {article.id: i for i, article in enumerate(ordered)}
    for i, article in enumerate(ordered):
        if article.duplicate_of and article.duplicate_of in index:
            join(i, index[article.duplicate_of])

    groups: dict[int, list[int]] = {}
    for i in range(len(ordered)):
        groups.setdefault(root(i), []).append(i)
    copies: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda i: (ordered[i].published or date.max, i))
        for i in members:
            if i != original:
                copies[ordered[i].id] = ordered[original].id
    for article in ordered:  # a duplicate_of pointing outside this batch is kept as given
        if article.duplicate_of and article.duplicate_of not in index and article.id not in copies:
            copies[article.id] = article.duplicate_of
    log.debug("find_copies: %d articles, %d copies", len(ordered), len(copies))
    return copies


__all__ = [
    "DEFAULT_PARAMS",
    "DedupParams",
    "WordHashes",
    "candidate_pairs",
    "find_copies",
    "is_copy",
    "minhashes",
    "shingles",
    "text_shingles",
    "text_signature",
]
