"""The seed case end to end (spaCy): two reports of the fighting at Tinzaouaten give two events.

../shared/seeds holds a Reuters report (battle at Tinzaouaten on 2024-07-25..26 and a helicopter
crash in Kidal) and an undated later rewrite by another outlet. Whatever the ingest order, and
in one run or two, linking must give exactly two events (seeds/expected.json): E1 the battle,
with claims from both articles, and E2 the crash.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fogofwar.model import Article, Event, Extraction
from fogofwar.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
SETTINGS = Settings()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds not present"),
]


@pytest.fixture(scope="module")
def seeds() -> tuple[list[Article], dict[str, Extraction]]:
    from fogofwar.extract import Extractor
    from fogofwar.ingest.text import article_from_text

    paths = sorted(SEEDS.glob("*.txt"))
    articles = [article_from_text(p.read_text(encoding="utf-8"), origin=p.name, source=p.stem) for p in paths]
    extractions = list(Extractor(SETTINGS).extract(articles))
    return articles, {x.article_id: x for x in extractions}


def check(events: list[Event], articles: list[Article]) -> None:
    wire, rewrite = articles
    assert len(events) == 2, [(e.event_type, e.place and e.place.name, e.start) for e in events]
    battle = next(e for e in events if e.place and e.place.name == "Tinzaouaten")
    crash = next(e for e in events if e is not battle)
    assert battle.event_type == "Battles"
    assert (battle.start, battle.end) == (date(2024, 7, 25), date(2024, 7, 26))
    assert set(battle.article_ids) == {wire.id, rewrite.id}
    assert {c.article_id for c in battle.claims} == {wire.id, rewrite.id}
    assert battle.sources == 2
    assert crash.place is not None and crash.place.name == "Kidal"
    assert crash.article_ids == (wire.id,)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_link_seeds_one_run_two_events(seeds, order):
    from fogofwar.link import link_events

    articles, extractions = seeds
    given = [articles[i] for i in order]
    events = link_events(given, [extractions[a.id] for a in given], settings=SETTINGS)
    check(events, articles)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_link_seeds_two_runs_two_events(seeds, order):
    from fogofwar.link import link_events

    articles, extractions = seeds
    first, second = (articles[i] for i in order)
    run1 = link_events([first], [extractions[first.id]], settings=SETTINGS)
    run2 = link_events(
        [second], [extractions[second.id]], events=run1, known_articles=[first], settings=SETTINGS
    )
    check(run2, articles)
    # The ids are those of one run over both, whichever came first (link.cluster.stable_id).
    together = link_events(list(articles), [extractions[a.id] for a in articles], settings=SETTINGS)
    assert sorted(e.id for e in run2) == sorted(e.id for e in together)


# The undated rewrite (002) takes its dates from the battle once it has joined it: the rebels
# "announced on Thursday" their toll of 84 -> 2024-08-01, the first Thursday after the fighting
# (which ended Friday 2024-07-26); Wagner's statement "on July 29" -> 2024-07-29 (seeds/expected.json).
REWRITE_DATES = {("killed", 84): date(2024, 8, 1), ("casualties", "Wagner Group"): date(2024, 7, 29)}


@pytest.fixture(scope="module")
def pipeline():
    from fogofwar.pipeline import Pipeline

    return Pipeline(SETTINGS)


def check_rewrite_dates(events: list[Event], rewrite: Article) -> None:
    battle = next(e for e in events if e.place and e.place.name == "Tinzaouaten")
    assert len(battle.claims) == 14
    mine = [c for c in battle.claims if c.article_id == rewrite.id]
    assert mine and all(c.claim_date is not None for c in mine)
    found = {(c.outcome, c.figure): c.claim_date for c in mine if c.figure == 84}
    found |= {(c.outcome, c.claimant): c.claim_date for c in mine if c.claimant == "Wagner Group"}
    assert found == REWRITE_DATES


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_link_seeds_undated_rewrite_takes_the_events_dates(seeds, pipeline, order):
    articles, _ = seeds
    result = pipeline.run([articles[i] for i in order])
    check(result.events, articles)
    check_rewrite_dates(result.events, articles[1])


def test_link_seeds_undated_rewrite_dated_when_the_wire_comes_later(seeds, pipeline):
    articles, _ = seeds
    wire, rewrite = articles
    first = pipeline.run([rewrite])
    assert all(c.claim_date is None for e in first.events for c in e.claims)  # nothing to go by yet
    second = pipeline.run([wire], events=first.events, known_articles=[rewrite])
    check(second.events, articles)
    check_rewrite_dates(second.events, rewrite)
    again = pipeline.run([wire, rewrite], events=second.events, known_articles=[wire, rewrite])
    assert again.events == second.events  # re-ingesting changes nothing
