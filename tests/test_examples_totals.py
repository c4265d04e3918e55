"""The bundled examples read as an analyst reads them (issue 15's demo): totals that never add
rival accounts of one set of dead, the attacker on side A, places in the right country."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogofwar.ingest import read_inputs
from fogofwar.model import Article, Event
from fogofwar.pipeline import Pipeline
from fogofwar.reconcile import event_totals
from fogofwar.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def events() -> dict[str, Event]:
    settings = Settings()
    articles = [a for a in read_inputs([str(EXAMPLES)], settings=settings) if isinstance(a, Article)]
    run = Pipeline(settings).run(articles)
    return {e.place.name: e for e in run.events if e.place is not None}


def _side(event: Event, role: str) -> set[str]:
    return {r.actor.name for r in event.actors if r.role == role}


@pytest.mark.slow
def test_examples_barsalogho_never_adds_the_militia_to_the_families_count(events: dict[str, Event]) -> None:
    total = event_totals(events["Barsalogho"], "killed")
    assert total.best is not None and 300 <= total.best <= 401
    assert total.high is not None and total.high <= 401


@pytest.mark.slow
def test_examples_sumy_russias_count_is_a_contested_rival_account(events: dict[str, Event]) -> None:
    sumy = events["Sumy"]
    total = event_totals(sumy, "killed")
    assert total.best is not None and 32 <= total.best <= 35
    assert "Armed Forces of Ukraine" in total.contested
    assert "Russian Armed Forces" in _side(sumy, "side_a")
    assert "civilians" in _side(sumy, "side_b")


@pytest.mark.slow
def test_examples_goma_low_and_high(events: dict[str, Event]) -> None:
    total = event_totals(events["Goma"], "killed")
    assert (total.low, total.high) == (700, 3000)


@pytest.mark.slow
def test_examples_every_event_dated_and_no_namesake_abroad(events: dict[str, Event]) -> None:
    assert all(e.start is not None for e in events.values())
    # "TAWILA, Sudan" is never Yemen's namesake
    assert not [name for name, e in events.items() if e.place and e.place.country == "YE"]


@pytest.mark.slow
def test_examples_zamzam_burning_is_part_of_the_assault(events: dict[str, Event]) -> None:
    # "entered from the south on Friday, set fire to the market and went from shelter to
    # shelter": one assault, not a country-wide looting event of its own
    assert not [e for e in events.values() if e.sub_event_type == "Looting/property destruction"]
    zamzam = [e for e in events.values() if e.place and e.place.country == "SD"]
    assert len(zamzam) == 1 and zamzam[0].event_type != "Strategic developments"
    assert "Rapid Support Forces" in _side(zamzam[0], "side_a")
