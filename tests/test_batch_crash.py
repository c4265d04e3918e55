"""A batch is all or nothing, whatever point it dies at, and two writers never lose each other's work.

These tests run the real pipeline over the bundled examples/ reports (written by us). Each crash
is made deterministic: a forked child runs the batch with a ``checkpoint`` that kills the process
(``os._exit``, no clean-up, like kill -9) at one named point; the parent then re-runs the batch on
the same database and compares the events with those of an uninterrupted run.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from fogofwar.batch import CHECKPOINTS, ingest_items
from fogofwar.cli import examples_dir
from fogofwar.ingest import read_inputs
from fogofwar.model import Article
from fogofwar.pipeline import Pipeline
from fogofwar.settings import Settings
from fogofwar.store import Store

KILLED = 9
FORK = multiprocessing.get_context("fork")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    loaded = Pipeline(Settings())
    loaded.extractor.nlp  # load spaCy before forking, once for the module  # noqa: B018
    return loaded


@pytest.fixture(scope="module")
def reports() -> list[Article]:
    items = list(read_inputs([str(examples_dir())], settings=Settings()))
    found = [item for item in items if isinstance(item, Article)]
    assert len(found) >= 8
    return found


def ingest(db: Path, articles: Sequence[Article], pipeline: Pipeline, **hooks: Any) -> None:
    with Store.open(db) as store:
        ingest_items(store, articles, pipeline=pipeline, **hooks)


def ledger(db: Path) -> dict[str, Any]:
    """What the ledger holds, as comparable data: events, articles, extraction state."""
    with Store.open(db) as store:
        return {
            "events": sorted((e.to_dict() for e in store.events()), key=lambda e: e["id"]),
            "articles": sorted(a.id for a in store.articles()),
            "extracted": sorted(x.article_id for x in store.extractions()),
            "counts": store.counts(),
        }


def in_child(target: Callable[..., None], *args: Any) -> int:
    """Run ``target(*args)`` in a forked process; return its exit code."""
    child = FORK.Process(target=target, args=args)
    child.start()
    child.join(120)
    assert child.exitcode is not None, "child did not finish"
    return child.exitcode


def die_at(point: str) -> Callable[[str], None]:
    def checkpoint(name: str) -> None:
        if name == point:
            os._exit(KILLED)

    return checkpoint


def crashing_ingest(db: Path, articles: Sequence[Article], pipeline: Pipeline, point: str) -> None:
    ingest(db, articles, pipeline, checkpoint=die_at(point))
    os._exit(0)  # the point was never reached


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory, reports, pipeline) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("whole") / "ledger.db"
    ingest(db, reports, pipeline)
    whole = ledger(db)
    assert whole["events"] and whole["counts"]["claims"]
    return whole


@pytest.mark.parametrize("point", CHECKPOINTS)
def test_batch_killed_at_any_point_then_rerun_ends_like_an_uninterrupted_run(
    tmp_path: Path, reports, pipeline, uninterrupted, point: str
) -> None:
    db = tmp_path / "ledger.db"
    assert in_child(crashing_ingest, db, reports, pipeline, point) == KILLED
    after_crash = ledger(db)
    # All or nothing: either the batch is wholly there or not at all.
    if point == "committed":
        assert after_crash == uninterrupted
    else:
        assert after_crash["counts"] == {k: 0 for k in after_crash["counts"]}
    ingest(db, reports, pipeline)
    assert ledger(db) == uninterrupted


def holding_the_lock(db: Path, articles, pipeline, locked, other_waits) -> None:
    def checkpoint(name: str) -> None:
        if name == "locked":
            locked.set()
            # Keep the lock until the other writer is seen waiting for it.
            if not other_waits.wait(60):
                os._exit(3)

    ingest(db, articles, pipeline, checkpoint=checkpoint)
    os._exit(0)


def waiting_for_the_lock(db: Path, articles, pipeline, locked, other_waits, said) -> None:
    if not locked.wait(60):
        os._exit(4)

    def on_wait(line: str) -> None:
        said.put(line)
        other_waits.set()

    ingest(db, articles, pipeline, on_wait=on_wait)
    os._exit(0)


def test_two_concurrent_ingests_end_like_two_sequential_ones(tmp_path: Path, reports, pipeline) -> None:
    first, second = reports[::2], reports[1::2]
    sequential = tmp_path / "sequential.db"
    ingest(sequential, first, pipeline)
    ingest(sequential, second, pipeline)

    concurrent = tmp_path / "concurrent.db"
    with Store.open(concurrent):
        pass  # created and migrated before two processes race for it
    locked, other_waits, said = FORK.Event(), FORK.Event(), FORK.Queue()
    writer = FORK.Process(target=holding_the_lock, args=(concurrent, first, pipeline, locked, other_waits))
    waiter = FORK.Process(
        target=waiting_for_the_lock, args=(concurrent, second, pipeline, locked, other_waits, said)
    )
    writer.start()
    waiter.start()
    writer.join(120)
    waiter.join(120)
    assert (writer.exitcode, waiter.exitcode) == (0, 0)
    assert "waiting for another writer" in said.get(timeout=5)
    assert ledger(concurrent) == ledger(sequential)
