"""Event ids in linking (fogofwar.link.cluster.stable_id): an event's id is that of its earliest
report's first group, so the same reports linked in one call, in any order, or in several
batches give the same ids; a stored event takes a new id only when a batch brings it an earlier
report. Reports, towns and people are invented for these tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from fixtures.link.stable_reports import FIRST, NORTHVILLE, OTHER, SECOND, THIRD, Report, mention_id, report

from fogofwar.link import link_events
from fogofwar.link.cluster import article_order
from fogofwar.model import Event, record_id
from fogofwar.settings import Settings

SETTINGS = Settings()


def link(batch: Sequence[Report], events: Sequence[Event] = (), known: Sequence[Report] = ()) -> list[Event]:
    return link_events(
        [a for a, _ in batch],
        [x for _, x in batch],
        events=events,
        known_articles=[a for a, _ in known],
        settings=SETTINGS,
    )


def in_batches(*batches: Sequence[Report]) -> list[Event]:
    """The events after linking ``batches`` one after the other, each with the events so far."""
    events: list[Event] = []
    seen: list[Report] = []
    for batch in batches:
        events = link(batch, events, seen)
        seen += batch
    return events


def by_mentions(events: Sequence[Event]) -> dict[frozenset[str], str]:
    return {frozenset(e.mention_ids): e.id for e in events}


def test_link_stable_ids_event_id_is_its_earliest_reports_founder() -> None:
    events = link([THIRD, OTHER, FIRST, SECOND])
    assert by_mentions(events) == {
        frozenset(map(mention_id, (FIRST, SECOND, THIRD))): record_id(mention_id(FIRST)),
        frozenset([mention_id(OTHER)]): record_id(mention_id(OTHER)),
    }


def test_link_stable_ids_same_in_any_order_and_any_batches() -> None:
    together = by_mentions(link([FIRST, SECOND, THIRD, OTHER]))
    assert len(together) == 2
    orders = [
        ([THIRD], [SECOND], [FIRST], [OTHER]),
        ([OTHER, THIRD], [FIRST, SECOND]),
        ([SECOND], [THIRD, OTHER], [FIRST]),
        ([FIRST], [THIRD], [SECOND, OTHER]),
    ]
    for batches in orders:
        assert by_mentions(in_batches(*batches)) == together, batches


def test_link_stable_ids_earlier_report_rekeys_a_stored_event() -> None:
    stored = link([SECOND, THIRD])
    assert [e.id for e in stored] == [record_id(mention_id(SECOND))]
    after = link([FIRST], stored, [SECOND, THIRD])
    assert [e.id for e in after] == [record_id(mention_id(FIRST))]
    assert set(after[0].mention_ids) == set(stored[0].mention_ids) | {mention_id(FIRST)}


def test_link_stable_ids_later_report_keeps_the_id() -> None:
    stored = link([FIRST])
    after = link([THIRD], stored, [FIRST])
    assert [e.id for e in after] == [e.id for e in stored]


def test_link_stable_ids_dated_report_goes_before_an_undated_one() -> None:
    undated = report(5, "Amal Dorren", NORTHVILLE, date(2020, 3, 2), published=date.min)
    assert article_order(undated[0]) > article_order(THIRD[0])  # undated last, whatever its id
    stored = link([undated])
    after = link([THIRD], stored, [undated])
    assert len(after) == 1 and set(after[0].article_ids) == {undated[0].id, THIRD[0].id}
    assert after[0].id == record_id(mention_id(THIRD)) == link([undated, THIRD])[0].id


def test_link_stable_ids_an_older_ledgers_id_stays_until_an_earlier_report() -> None:
    # A ledger linked before ids were stable may hold an event under another report's id.
    legacy = replace(link([SECOND])[0], id="legacy-event-id")
    kept = link([THIRD], [legacy], [SECOND])
    assert [e.id for e in kept] == ["legacy-event-id"]
    rekeyed = link([FIRST], kept, [SECOND, THIRD])
    assert [e.id for e in rekeyed] == [record_id(mention_id(FIRST))]


def test_link_stable_ids_unchanged_events_come_back_as_given() -> None:
    stored = link([SECOND, OTHER])
    after = link([FIRST], stored, [SECOND, OTHER])
    assert after[1] is stored[1]  # OTHER gained nothing
    assert after[0].id != stored[0].id
