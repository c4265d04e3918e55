"""Claims -> the mention they report on (extract.attach_claims), with hand-built records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fogofwar.extract import attach_claims
from fogofwar.model import Claim, Mention, Span, record_id

TEXT = (
    "A gunman shot two people dead on Tuesday in Santa Monica, police said. "
    "They were named as a student and a janitor. "
    "In 2005, four others were killed in a rampage in Thousand Oaks. "
    "Police also said a third victim was killed at the scene. "
    "A month earlier, three had been killed in a blast in Oxnard. "
    "Schools stayed shut across the county following a bombing which killed 64 people in Ventura."
)
REFERENCE = date(2016, 6, 10)


def span(quote: str) -> Span:
    start = TEXT.index(quote)
    return Span(start, start + len(quote), quote)


def mention(quote: str, *, background: bool = False) -> Mention:
    sentence = span(quote)
    return Mention(
        id=record_id("a", sentence.start),
        article_id="a",
        sentence=sentence,
        trigger="killed",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        date_start=date(2005, 1, 1) if background else date(2016, 6, 7),
        date_end=date(2005, 12, 31) if background else date(2016, 6, 7),
        date_precision=4 if background else 1,
        background=background,
    )


def claim(quote: str) -> Claim:
    evidence = span(quote)
    return Claim(
        id=record_id("a", evidence.start),
        article_id="a",
        claimant="testwire",
        victims="unknown",
        outcome="killed",
        evidence=evidence,
        figure=2,
    )


NEWS = mention("A gunman shot two people dead on Tuesday in Santa Monica, police said.")
HISTORY = mention("In 2005, four others were killed in a rampage in Thousand Oaks.", background=True)
CLAIMS = [claim("shot two people dead"), claim("They were named"), claim("four others were killed")]


# Background by what surrounds it: the old date was borrowed from the sentence before.
BORROWED = mention("Police also said a third victim was killed at the scene.", background=True)


def test_attach_claims_history_keeps_its_own_toll():
    attached = attach_claims(CLAIMS, [NEWS, HISTORY], [], reference=REFERENCE)
    # the news; a sentence with no mention takes the last news; the recalled toll, its history
    assert [c.mention_id for c in attached] == [NEWS.id, NEWS.id, HISTORY.id]


def test_attach_claims_background_sentence_without_a_date_of_its_own_tells_the_news():
    third = claim("a third victim was killed")
    attached = attach_claims([third], [NEWS, HISTORY, BORROWED], [], reference=REFERENCE)
    assert [c.mention_id for c in attached] == [NEWS.id]


def test_attach_claims_undated_article_gives_every_toll_to_its_news():
    # Without a date the article's history cannot be told from its news.
    attached = attach_claims(CLAIMS, [NEWS, HISTORY], [])
    assert [c.mention_id for c in attached] == [NEWS.id, NEWS.id, NEWS.id]


def test_attach_claims_keeps_a_given_mention_and_needs_mentions():
    given = [replace(CLAIMS[2], mention_id=NEWS.id)]
    assert [c.mention_id for c in attach_claims(given, [NEWS, HISTORY], [], reference=REFERENCE)] == [NEWS.id]
    assert attach_claims(CLAIMS, [], []) == CLAIMS


def test_attach_claims_history_dated_by_the_sentence_before_keeps_its_own_toll():
    recalled = mention("A month earlier, three had been killed in a blast in Oxnard.", background=True)
    toll = claim("three had been killed")
    attached = attach_claims([toll], [NEWS, HISTORY, recalled], [], reference=REFERENCE)
    assert [c.mention_id for c in attached] == [recalled.id]


def test_attach_claims_violence_a_main_clause_answers_keeps_its_own_toll():
    # "following a bombing which killed 64 people": older violence told whole, in passing
    answered = mention(
        "Schools stayed shut across the county following a bombing which killed 64 people in Ventura.",
        background=True,
    )
    toll = claim("killed 64 people")
    attached = attach_claims([toll], [NEWS, answered], [], reference=REFERENCE)
    assert [c.mention_id for c in attached] == [answered.id]
