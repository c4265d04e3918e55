"""Blocking: which events a mention group is compared with, so linking cost grows near-linearly.

A block key is ``(country, week, coarse type)``. Events are indexed under their keys; a mention
group asks for the keys its own date range (widened by the link window) and country touch, so it
is compared only with events that could pass the hard constraints (similarity.py).

Unknown values need care on both sides. An event with no country, or no date, is indexed under
``NONE`` for that field; every event is also indexed under ``ANY``. A group with a country asks
for its country and ``NONE`` (events that might be anywhere); a group with no country asks for
``ANY`` (events anywhere). Dates work the same way; a range wider than ``max_block_weeks`` is
indexed under ``WIDE`` (asked for by every dated group) instead of under each of its weeks.

``block_pairs`` is the dedupe-style self-join of ``(block_key, id)`` records, for callers that
want all candidate pairs at once; ``BlockIndex`` serves the incremental linker, which adds
events while it goes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator

from fogofwar.link.similarity import DateRange, weeks

NONE = "NONE"
ANY = "ANY"
WIDE = "WIDE"

BlockKey = tuple[str, object, str]


def _date_values(span: DateRange | None, *, max_weeks: int) -> list[object]:
    if span is None:
        return [NONE]
    touched = weeks(span)
    return [WIDE] if len(touched) > max_weeks else list(touched)


def event_keys(country: str | None, span: DateRange | None, group: str, *, max_weeks: int) -> list[BlockKey]:
    """The keys an event is indexed under (its country and weeks, plus the ``ANY`` wildcards)."""
    countries = [country or NONE, ANY]
    dates = [*_date_values(span, max_weeks=max_weeks), ANY]
    return [(c, d, group) for c in countries for d in dates]


def query_keys(
    country: str | None, span: DateRange | None, group: str, *, window_days: int, max_weeks: int
) -> list[BlockKey]:
    """The keys a mention group looks up: its country (or ANY) x its weeks +- window (or ANY)."""
    countries = [country, NONE] if country else [ANY]
    if span is None:
        dates: list[object] = [ANY]
    else:
        touched = weeks(span, pad_days=window_days)
        dates = [ANY] if len(touched) > max_weeks + 2 else [*touched, WIDE, NONE]
    return [(c, d, group) for c in countries for d in dates]


def block_pairs(records: Iterable[tuple[Hashable, str]]) -> Iterator[tuple[str, str]]:
    """Pairs of ids that share at least one block key, each pair once as ``(a, b)`` with ``a < b``.

    ``records`` are ``(block_key, id)``; like dedupe's ``pairs()``, this is a self-join on the
    key with ``a.id < b.id``. Pairs come out sorted.
    """
    blocks: dict[Hashable, set[str]] = defaultdict(set)
    for key, item in records:
        blocks[key].add(item)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs.add((a, b))
    yield from sorted(pairs)


class BlockIndex:
    """Event ids by block key, filled as events are created or widened."""

    def __init__(self) -> None:
        self._ids: dict[BlockKey, list[str]] = defaultdict(list)
        self._keys: dict[str, set[BlockKey]] = defaultdict(set)
        self._order: dict[str, int] = {}

    def add(self, event_id: str, keys: Iterable[BlockKey]) -> None:
        """Index ``event_id`` under ``keys`` (keys it already has are skipped)."""
        self._order.setdefault(event_id, len(self._order))
        known = self._keys[event_id]
        for key in keys:
            if key not in known:
                known.add(key)
                self._ids[key].append(event_id)

    def candidates(self, keys: Iterable[BlockKey]) -> list[str]:
        """Distinct event ids under any of ``keys``, in the order they were first indexed."""
        found = {event_id for key in keys for event_id in self._ids.get(key, ())}
        return sorted(found, key=self._order.__getitem__)


__all__ = ["ANY", "NONE", "WIDE", "BlockIndex", "BlockKey", "block_pairs", "event_keys", "query_keys"]
