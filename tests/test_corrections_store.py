"""The corrections log in SQLite: migration, append-only trail, and events read with corrections applied."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.api.webserver import BATTLE_EVENT, battle_db, load_battle

from fogofwar.corrections import Correction, CorrectionInvalid, CorrectionLog, read_events
from fogofwar.model import Place
from fogofwar.store import MIGRATIONS, Store

_, _, EVENTS = load_battle()
BATTLE = next(e for e in EVENTS if e.id == BATTLE_EVENT)
CLAIM_84 = next(c for c in BATTLE.claims if c.figure == 84)


@pytest.fixture
def store(battle_ledger: Path) -> Iterator[Store]:
    with Store.open(battle_ledger) as opened:
        yield opened


def test_corrections_store_migration_is_named_and_second() -> None:
    assert [m.name for m in MIGRATIONS][1] == "0002_corrections"


def test_corrections_store_add_assigns_id_and_time(store: Store) -> None:
    log = CorrectionLog(store)
    first = log.add(Correction("reject_claim", "ana", "misread", claim_id=CLAIM_84.id))
    second = log.add(
        Correction("set_place", "bo", "the town", event_id=BATTLE_EVENT, place=Place("Kidal", 18.44, 1.41))
    )
    assert (first.id, second.id) == (1, 2)
    assert first.at and first.at.endswith("+00:00")
    assert log.all() == [first, second]
    assert log.get(2) == second and log.get(3) is None


def test_corrections_store_text_is_stored_literally(store: Store) -> None:
    # Parameterised SQL: quotes and SQL in the fields are data.
    sneaky = "x'); DROP TABLE corrections; --"
    stored = CorrectionLog(store).add(Correction("reject_claim", sneaky, sneaky, claim_id=CLAIM_84.id))
    assert CorrectionLog(store).get(stored.id or 0) == stored
    assert store.counts()["events"] == len(EVENTS)


def test_corrections_store_refuses_invalid(store: Store) -> None:
    with pytest.raises(CorrectionInvalid):
        CorrectionLog(store).add(Correction("merge", "ana", "same", event_id=BATTLE_EVENT))
    assert CorrectionLog(store).all() == []


@pytest.mark.parametrize("statement", ["UPDATE corrections SET reason = 'other'", "DELETE FROM corrections"])
def test_corrections_store_trail_is_append_only(tmp_path: Path, statement: str) -> None:
    path = battle_db(tmp_path / "ledger.db")
    with Store.open(path) as store:
        CorrectionLog(store).add(Correction("reject_claim", "ana", "misread", claim_id=CLAIM_84.id))
    db = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute(statement)
    db.close()


def test_corrections_store_read_events_applies_and_keeps_extraction(store: Store) -> None:
    CorrectionLog(store).add(Correction("reject_claim", "ana", "misread", claim_id=CLAIM_84.id))
    corrected = read_events(store)
    battle = corrected.event(BATTLE_EVENT)
    assert battle is not None and CLAIM_84 not in battle.claims
    assert corrected.notes == ["applied"]
    # The store still holds what was extracted.
    assert CLAIM_84 in store.event(BATTLE_EVENT).claims  # type: ignore[union-attr]
    assert CLAIM_84 in store.claims(CLAIM_84.article_id)


def test_corrections_store_survive_a_pipeline_rerun(store: Store) -> None:
    CorrectionLog(store).add(Correction("reject_claim", "ana", "misread", claim_id=CLAIM_84.id))
    # A re-run replaces the events (here with the same ones, as the link stage would recompute them).
    store.replace_events(EVENTS)
    store.replace_events(EVENTS)
    battle = read_events(store).event(BATTLE_EVENT)
    assert battle is not None and CLAIM_84 not in battle.claims
    assert len(CorrectionLog(store).all()) == 1


def test_corrections_store_split_uses_stored_mentions(store: Store) -> None:
    mention_id = BATTLE.mention_ids[1]
    CorrectionLog(store).add(
        Correction("split", "ana", "other day", event_id=BATTLE_EVENT, mention_ids=(mention_id,))
    )
    corrected = read_events(store)
    new_id = next(iter(corrected.split_from))
    moved = corrected.event(new_id)
    mention = next(m for m in store.mentions() if m.id == mention_id)
    assert moved is not None and moved.mention_ids == (mention_id,)
    assert (moved.start, moved.end) == (mention.date_start, mention.date_end)
    assert moved.sources == 1  # recounted from the stored articles


def test_corrections_store_existing_database_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    from fogofwar.store.migrations import migrate

    migrate(db, migrations=MIGRATIONS[:1])  # a database made before corrections existed
    db.close()
    with Store.open(path) as store:
        assert store.schema_version() == len(MIGRATIONS)
        assert CorrectionLog(store).all() == []
