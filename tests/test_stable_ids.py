"""Stable event ids (issue 18, deliverable 7): the same reports ingested in any order or in
several batches give the same event ids, and so the same ACLED ``event_id_cnty`` and UCDP
``id``; an event re-keyed by an earlier report keeps a redirect from its old id, which the
store, the API and the corrections follow.

The redirect tests use invented reports with canned extractions (fixtures/link/stable_reports);
the order tests ingest the bundled examples."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from fixtures.link.stable_reports import FIRST, OTHER, SECOND, THIRD, CannedPipeline, Report, mention_id

from fogofwar.batch import IngestReport, ingest_items
from fogofwar.corrections import CorrectionLog, read_events, refresh_corrected_events
from fogofwar.corrections.record import Correction
from fogofwar.export.acled import acled_row
from fogofwar.export.ucdp import ucdp_row
from fogofwar.ingest import read_inputs
from fogofwar.model import Article, Event, record_id
from fogofwar.pipeline import Pipeline
from fogofwar.settings import DEFAULT_RECONCILE_RULE, Settings
from fogofwar.store import Store, queries

PIPELINE = CannedPipeline([FIRST, SECOND, THIRD, OTHER])
# The event of FIRST, SECOND and THIRD under each id it has had: its earliest report's mention.
FROM_THIRD, FROM_SECOND, FROM_FIRST = (record_id(mention_id(r)) for r in (THIRD, SECOND, FIRST))


def ingest(store: Store, batch: Sequence[Report], *, incremental: bool = True) -> IngestReport:
    return ingest_items(store, [a for a, _ in batch], pipeline=PIPELINE, incremental=incremental)


@pytest.mark.parametrize("incremental", [True, False])
def test_stable_ids_an_earlier_report_rekeys_and_the_old_ids_redirect(
    tmp_path: Path, incremental: bool
) -> None:
    with Store.open(tmp_path / "ledger.db") as store:
        ingest(store, [THIRD, OTHER], incremental=incremental)
        other = store.event_ids_for_article(OTHER[0].id)
        assert store.event_ids_for_article(THIRD[0].id) == [FROM_THIRD]
        second = ingest(store, [SECOND], incremental=incremental)
        assert second.redirects == {FROM_THIRD: FROM_SECOND}
        assert (second.new_events, second.updated_events) == ([], [FROM_SECOND])
        ingest(store, [FIRST], incremental=incremental)
        assert sorted(e.id for e in store.events()) == sorted([FROM_FIRST, *other])
        # Chains are collapsed: every old id leads straight to the live event.
        assert store.event_redirects() == {FROM_THIRD: FROM_FIRST, FROM_SECOND: FROM_FIRST}
        for old in (FROM_THIRD, FROM_SECOND, FROM_SECOND[:10]):
            found = store.event(old)
            assert found is not None and found.id == FROM_FIRST
        assert store.event_ids_for_article(OTHER[0].id) == other


def test_stable_ids_same_events_whatever_the_batches(tmp_path: Path) -> None:
    def events_after(name: str, *batches: Sequence[Report]) -> list[dict[str, object]]:
        with Store.open(tmp_path / name) as store:
            for batch in batches:
                ingest(store, batch)
            # Lists hold what joined in joining order: compared as sets.
            return sorted(
                (
                    e.to_dict()
                    | {"mention_ids": sorted(e.mention_ids), "article_ids": sorted(e.article_ids)}
                    | {"claims": sorted(c.id for c in e.claims), "reconciled": len(e.reconciled)}
                    for e in store.events()
                ),
                key=lambda e: str(e["id"]),
            )

    together = events_after("one.db", [FIRST, SECOND, THIRD, OTHER])
    assert FROM_FIRST in [e["id"] for e in together]
    orders = [
        ([THIRD], [OTHER, SECOND], [FIRST]),
        ([SECOND, THIRD], [OTHER, FIRST]),
        ([OTHER], [THIRD, FIRST], [SECOND]),
    ]
    for n, batches in enumerate(orders):
        assert events_after(f"{n}.db", *batches) == together


def test_stable_ids_a_rekeyed_event_is_written_with_its_keys(tmp_path: Path) -> None:
    # The next batch finds the re-keyed event under its new id and joins it.
    with Store.open(tmp_path / "ledger.db") as store:
        ingest(store, [SECOND])
        ingest(store, [FIRST])
        ingest(store, [THIRD])
        assert store.event_ids_for_article(THIRD[0].id) == [FROM_FIRST]
        assert [e.id for e in store.events()] == [FROM_FIRST]


def test_stable_ids_api_redirects_an_old_id(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from fogofwar.api import create_app

    db = tmp_path / "ledger.db"
    with Store.open(db) as store:
        ingest(store, [SECOND, THIRD])
        ingest(store, [FIRST])
    client = TestClient(create_app(Settings(db_path=db), environ={}))
    page = client.get(f"/events/{FROM_SECOND}", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == f"/events/{FROM_FIRST}"
    assert client.get(f"/events/{FROM_SECOND[:9]}", follow_redirects=False).status_code == 303
    assert client.get(f"/api/events/{FROM_SECOND}").json()["event"]["id"] == FROM_FIRST
    assert client.get(f"/events/{FROM_FIRST}", follow_redirects=False).status_code == 200


def test_stable_ids_corrections_on_an_old_id_still_apply(tmp_path: Path) -> None:
    with Store.open(tmp_path / "ledger.db") as store:
        ingest(store, [SECOND, THIRD])
        log = CorrectionLog(store)
        for correction in (
            Correction(
                "set_type",
                "ana",
                "a battle",
                event_id=FROM_SECOND,
                event_type="Battles",
                sub_event_type="Armed clash",
            ),
            Correction("split", "ana", "another killing", event_id=FROM_SECOND, article_ids=(THIRD[0].id,)),
        ):
            log.add(correction)
        before = read_events(store)
        assert before.notes == ["applied", "applied"]
        split_off = next(i for i, source in before.split_from.items() if source == FROM_SECOND)
        ingest(store, [FIRST])  # re-keys the event FROM_SECOND -> FROM_FIRST
        after = read_events(store)
        assert after.notes == ["applied", "applied"]
        event = after.event(FROM_FIRST)
        assert event is not None and (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
        assert THIRD[0].id not in event.article_ids
        # The part split off keeps its id: it is derived from the id the split named.
        assert after.split_from == {split_off: FROM_FIRST}
        refresh_corrected_events(store, rule=DEFAULT_RECONCILE_RULE)
        found = queries.corrected_event(store, FROM_SECOND)
        assert found is not None and found.id == FROM_FIRST
        assert queries.resolve_event_id(store, FROM_SECOND) == FROM_FIRST
        # The event's audit trail lists the corrections made under its old id.
        from fogofwar.api.services import event_trail

        assert [c.kind for c, _note in event_trail(store, found)] == ["set_type", "split"]


def test_stable_ids_store_redirects_stay_collapsed(store: Store) -> None:
    def event(id: str) -> Event:
        return Event(id=id, event_type="Battles", sub_event_type="Armed clash")

    store.upsert_events([event("b")], keys={}, deleted=["a"], redirects={"a": "b"})
    store.upsert_events([event("c")], keys={}, deleted=["b"], redirects={"b": "c"})
    assert store.event_redirects() == {"a": "c", "b": "c"}
    assert store.event_redirects(["b", "x"]) == {"b": "c"}
    # An id that is live again redirects nowhere; a redirect goes with the event it names.
    store.upsert_events([event("a")], keys={})
    assert store.event_redirects() == {"b": "c"}
    store.replace_events([event("a")])
    assert store.event_redirects() == {}
    store.replace_events([event("d")], redirects={"a": "d"})
    assert store.event_redirects() == {"a": "d"}
    found = store.event("a")
    assert found is not None and found.id == "d"


# -- the bundled examples ---------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORT_FILES = sorted(p for p in EXAMPLES.iterdir() if p.name not in ("README.md", "make_warc.py"))


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """One pipeline for every ingest of the module, so spaCy loads once."""
    return Pipeline(Settings())


def ids_after(db: Path, batches: Sequence[Sequence[Path]], pipeline: Pipeline) -> dict[str, tuple[str, ...]]:
    """Event id -> (ACLED event_id_cnty, UCDP id, its sorted article ids), after ingesting
    ``batches`` of example files one after the other."""
    settings = Settings()
    with Store.open(db) as store:
        for batch in batches:
            ingest_items(store, read_inputs([str(p) for p in batch], settings=settings), pipeline=pipeline)
        articles: dict[str, Article] = {a.id: a for a in store.articles()}
        return {
            e.id: (
                acled_row(e, articles)["event_id_cnty"],
                str(ucdp_row(e, articles)["id"]),
                *sorted(e.article_ids),
            )
            for e in store.events()
        }


@pytest.mark.slow
def test_stable_ids_examples_in_any_order_or_batches(tmp_path: Path, pipeline: Pipeline) -> None:
    assert len(REPORT_FILES) == 6
    together = ids_after(tmp_path / "one.db", [REPORT_FILES], pipeline)
    assert len(together) == 5  # Barsalogho, Goma, Middle Shabelle, Zamzam, Sumy
    one_by_one = ids_after(tmp_path / "each.db", [[p] for p in REPORT_FILES], pipeline)
    reverse = ids_after(tmp_path / "reverse.db", [[p] for p in reversed(REPORT_FILES)], pipeline)
    assert one_by_one == together
    assert reverse == together
