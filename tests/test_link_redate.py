"""An undated report takes its dates from the event it joined: its claims' date expressions are
resolved once it has joined (fogofwar.link.redate, Pipeline.redate). A stand-in extractor, no
spaCy; the real extractor's side is tested in tests/test_extract_claims.py."""

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
    on or before the publication date; an unstated claim date is the publication date. Undated,
    a claim keeps its date expression as written."""

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            when = article.reference_date
            stated = _last(THURSDAY, when) if when else None
            yield Extraction(
                article.id,
                claims=(
                    self.claim(article, "killed 40", 40, stated, None if when else "on Thursday"),
                    self.claim(article, "12 soldiers died", 12, when),
                ),
            )

    @staticmethod
    def claim(
        article: Article, quote: str, figure: int, when: date | None, words: str | None = None
    ) -> Claim:
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
            date_words=words,
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


def test_link_redate_claim_dates_resolve_the_kept_expressions() -> None:
    (undated,) = StandInExtractor().extract([ARTICLE])
    yesterday = replace(undated.claims[1], id="y", date_words="yesterday")
    july = replace(undated.claims[1], id="j", date_words="on July 29")
    event = event_with((*undated.claims, yesterday, july), date(2024, 7, 26))
    assert resolution_base(date(2024, 7, 26)) == date(2024, 8, 1)
    assert claim_dates([event], {ARTICLE.id: date(2024, 7, 26)}) == {
        f"{ARTICLE.id}-40": date(2024, 8, 1),  # Thursday after the fighting ended
        f"{ARTICLE.id}-12": date(2024, 7, 26),  # no expression: the earliest date
        "y": date(2024, 7, 26),  # relative to an unknown day: the earliest date
        "j": date(2024, 7, 29),  # the event's year
    }
    assert claim_dates([event], {}) == {}


def test_link_redate_never_extracts_again() -> None:
    class Refuses(StandInExtractor):
        def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
            raise AssertionError("redate read an article again")

    (undated,) = StandInExtractor().extract([ARTICLE])
    run = Pipeline(Settings())
    run._extractor = Refuses()  # type: ignore[assignment]
    _, events = run.redate([ARTICLE], [undated], [event_with(undated.claims, date(2024, 7, 26))])
    assert all(c.claim_date for c in events[0].claims)


def test_link_redate_claims_keeps_stated_dates() -> None:
    (x,) = StandInExtractor().extract([replace(ARTICLE, published=date(2024, 8, 2))])
    event = event_with(x.claims, date(2024, 7, 26))
    assert redate_claims([event], {c.id: date(2020, 1, 1) for c in x.claims}) == [event]
