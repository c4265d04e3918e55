"""An undated report takes its dates from the event it joined: its claims' dates are resolved in
a second pass (fogofwar.link.redate, Pipeline.redate). A stand-in extractor, no spaCy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta

from fogofwar.link.redate import claim_dates, redate_claims, resolution_base
from fogofwar.model import Article, Claim, Event, Extraction, Span, article_id
from fogofwar.pipeline import Pipeline
from fogofwar.settings import Settings

TEXT = (
    "Rebels said on Thursday that they killed 40 soldiers in the fighting near the border. "
    "A second group said 12 soldiers died."
)
ARTICLE = Article(id=article_id(TEXT), text=TEXT, title="Rebels claim heavy toll")
THURSDAY = 3  # date.weekday()


def _last(weekday: int, on_or_before: date) -> date:
    return on_or_before - timedelta(days=(on_or_before.weekday() - weekday) % 7)


class StandInExtractor:
    """Reads the two claims of TEXT the way the extractor does: "on Thursday" is the last Thursday
    on or before the publication date; an unstated claim date is the publication date."""

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            when = article.reference_date
            stated = _last(THURSDAY, when) if when else None
            yield Extraction(
                article.id,
                claims=(
                    self.claim(article, "killed 40", 40, stated),
                    self.claim(article, "12 soldiers died", 12, when),
                ),
            )

    @staticmethod
    def claim(article: Article, quote: str, figure: int, when: date | None) -> Claim:
        start = article.text.index(quote)
        return Claim(
            id=f"{article.id}-{figure}",
            article_id=article.id,
            claimant="Rebels",
            victims="Army",
            outcome="killed",
            evidence=Span(start, start + len(quote), quote),
            claim_date=when,
            figure=figure,
            claimant_kind="rebel_group",
        )


def pipeline() -> Pipeline:
    run = Pipeline(Settings())
    run._extractor = StandInExtractor()  # type: ignore[assignment]
    return run


def event_with(claims: tuple[Claim, ...], end: date | None) -> Event:
    return Event(
        id="e1",
        event_type="Battles",
        sub_event_type="Armed clash",
        start=end,
        end=end,
        date_precision=1,
        article_ids=("dated", ARTICLE.id),
        claims=claims,
    )


def test_link_redate_weekday_lands_after_the_event() -> None:
    # The fighting ended on Friday 26 July 2024: the rebels' "Thursday" is 1 August, not 25 July.
    (undated,) = StandInExtractor().extract([ARTICLE])
    assert all(c.claim_date is None for c in undated.claims)
    extractions, events = pipeline().redate(
        [ARTICLE], [undated], [event_with(undated.claims, date(2024, 7, 26))]
    )
    dates = {c.figure: c.claim_date for c in events[0].claims}
    assert dates == {40: date(2024, 8, 1), 12: date(2024, 7, 26)}  # unstated: the earliest date
    assert {c.figure: c.claim_date for c in extractions[0].claims} == dates
    assert not events[0].reconciled  # reconciled by the next stage, once
    assert pipeline().reconcile(events)[0].reconciled


def test_link_redate_nothing_to_do_for_dated_or_undated_events() -> None:
    (undated,) = StandInExtractor().extract([ARTICLE])
    undated_event = event_with(undated.claims, None)
    assert pipeline().redate([ARTICLE], [undated], [undated_event]) == ([undated], [undated_event])
    dated = replace(ARTICLE, published=date(2024, 8, 2))
    (x,) = StandInExtractor().extract([dated])
    event = event_with(x.claims, date(2024, 7, 26))
    assert pipeline().redate([dated], [x], [event]) == ([x], [event])


def test_link_redate_claim_dates_tell_stated_from_stand_in() -> None:
    earliest = {ARTICLE.id: date(2024, 7, 26)}
    first, second = (
        list(
            StandInExtractor().extract(
                [replace(ARTICLE, published=resolution_base(date(2024, 7, 26), shift=s))]
            )
        )
        for s in (0, 1)
    )
    assert resolution_base(date(2024, 7, 26)) == date(2024, 8, 1)
    found = claim_dates(first, second, earliest)
    assert found == {f"{ARTICLE.id}-40": date(2024, 8, 1), f"{ARTICLE.id}-12": date(2024, 7, 26)}


def test_link_redate_claims_keeps_stated_dates() -> None:
    (x,) = StandInExtractor().extract([replace(ARTICLE, published=date(2024, 8, 2))])
    event = event_with(x.claims, date(2024, 7, 26))
    assert redate_claims([event], {c.id: date(2020, 1, 1) for c in x.claims}) == [event]
